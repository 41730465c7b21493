/*
 * demo_tables.c — the constant tables of the demo business: an office and
 * IT supplier in Flanders selling paper, writing supplies, ink and toner,
 * printers, computers, peripherals, software licences and office furniture
 * to companies (about 70%) and consumers.
 *
 * Prices are list prices excluding VAT with cost prices giving a 25-45%
 * gross margin; postcodes and telephone zones are the real ones of the
 * Flemish towns; names are common Flemish first and family names. Weights
 * are relative (they need not sum to anything).
 */
#include "sim/sim.h"

/* ---------------------------------------------------- products */

const demo_category demo_categories[DEMO_NCAT] = {
    {"PAP", "Papier & enveloppen", 2.5, 2.0},
    {"SCH", "Schrijfwaren & bureau", 2.2, 2.0},
    {"INK", "Inkt & toner", 2.0, 2.5},
    {"PRN", "Printers & scanners", 1.0, 1.0},
    {"COM", "Computers & laptops", 1.6, 1.4},
    {"RAN", "Randapparatuur", 1.5, 1.6},
    {"SOF", "Software & licenties", 1.0, 0.6},
    {"MEU", "Kantoormeubilair", 1.0, 0.9},
};

/* code, name, category, price, cost, usual max quantity, popularity.
 * Margins: (price - cost) / price, all between 25% and 45%. */
const demo_product demo_products[DEMO_NPROD] = {
    {"PAP-1001", "Kopieerpapier A4 80 g (500 vel)", 0, 495, 345, 200, 5.0},
    {"PAP-1002", "Kopieerpapier A4 80 g (doos 5 x 500)", 0, 2250, 1575, 60,
     3.0},
    {"PAP-1003", "Enveloppen C5 met venster (500 st.)", 0, 2990, 1790, 20,
     1.5},
    {"PAP-1004", "Gekleurd papier A4 160 g (250 vel)", 0, 1240, 770, 30, 1.0},
    {"SCH-2001", "Balpennen blauw (doos 50)", 1, 1850, 1110, 20, 2.0},
    {"SCH-2002", "Memoblokjes 76 x 76 mm (12 st.)", 1, 1495, 895, 30, 2.5},
    {"SCH-2003", "Ordners A4 rug 8 cm (10 st.)", 1, 3200, 1920, 30, 2.0},
    {"SCH-2004", "Nietmachine met 5000 nietjes", 1, 1690, 1010, 10, 1.0},
    {"INK-3001", "Tonercartridge zwart (laser, 3000 p.)", 2, 12900, 9200, 20,
     3.0},
    {"INK-3002", "Inktcartridges kleur (multipack)", 2, 4995, 3400, 20, 3.0},
    {"INK-3003", "Tonerset kleur C/M/Y", 2, 28900, 20500, 10, 1.2},
    {"INK-3004", "Drumeenheid laserprinter", 2, 15900, 11100, 5, 0.6},
    {"PRN-4001", "Laserprinter zwart-wit A4", 3, 24900, 17900, 5, 2.0},
    {"PRN-4002", "Kleurenlaser multifunctional A4", 3, 64900, 47000, 3, 1.2},
    {"PRN-4003", "Documentscanner dubbelzijdig", 3, 42900, 30500, 3, 0.6},
    {"PRN-4004", "Labelprinter met tape", 3, 11900, 7900, 5, 1.0},
    {"COM-5001", "Laptop 14\" i5 16 GB 512 GB SSD", 4, 89900, 66500, 10,
     3.0},
    {"COM-5002", "Laptop 15\" i7 32 GB 1 TB SSD", 4, 134900, 99500, 5, 1.2},
    {"COM-5003", "Desktop-pc compact i5", 4, 74900, 55000, 10, 1.2},
    {"COM-5004", "Tablet 11\" 128 GB", 4, 44900, 33000, 10, 1.0},
    {"RAN-6001", "Monitor 27\" QHD", 5, 28900, 19900, 10, 2.0},
    {"RAN-6002", "Dockingstation USB-C", 5, 17900, 11900, 10, 1.5},
    {"RAN-6003", "Draadloze muis en toetsenbord", 5, 5995, 3600, 20, 2.0},
    {"RAN-6004", "Headset met ruisonderdrukking", 5, 8900, 5500, 20, 1.2},
    {"SOF-7001", "Kantoorsoftware Business (1 jaar, per gebruiker)", 6,
     15120, 11200, 25, 3.0},
    {"SOF-7002", "Antivirus Business (1 jaar, per toestel)", 6, 3900, 2340,
     50, 2.0},
    {"SOF-7003", "Cloudback-up 1 TB (1 jaar)", 6, 12000, 7200, 10, 1.2},
    {"SOF-7004", "Boekhoudpakket licentie (1 jaar)", 6, 36000, 23400, 3,
     0.6},
    {"MEU-8001", "Ergonomische bureaustoel", 7, 34900, 21500, 10, 2.0},
    {"MEU-8002", "Zit-sta-bureau elektrisch", 7, 59900, 38000, 6, 1.0},
    {"MEU-8003", "Archiefkast metaal", 7, 27900, 17000, 4, 0.8},
    {"MEU-8004", "Monitorarm dubbel", 7, 11900, 7000, 10, 1.2},
};

/* Rows: category bought before; columns: category boosted.
 *          PAP  SCH  INK  PRN  COM  RAN  SOF  MEU */
const double demo_affinity[DEMO_NCAT][DEMO_NCAT] = {
    /* PAP */ {1.0, 1.3, 1.3, 1.0, 1.0, 1.0, 1.0, 1.0},
    /* SCH */ {1.3, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
    /* INK */ {1.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
    /* PRN */ {1.5, 1.0, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0},
    /* COM */ {1.0, 1.0, 1.0, 1.2, 1.0, 2.5, 3.0, 1.3},
    /* RAN */ {1.0, 1.0, 1.0, 1.0, 1.2, 1.0, 1.0, 1.3},
    /* SOF */ {1.0, 1.0, 1.0, 1.0, 1.3, 1.0, 1.0, 1.0},
    /* MEU */ {1.0, 1.2, 1.0, 1.0, 1.0, 1.5, 1.0, 1.0},
};

/* ---------------------------------------------------- places */

const demo_city demo_cities[] = {
    {"2000", "Antwerpen", "3", 9.0},
    {"2018", "Antwerpen", "3", 4.0},
    {"2060", "Antwerpen", "3", 2.5},
    {"2100", "Deurne", "3", 3.5},
    {"2140", "Borgerhout", "3", 2.0},
    {"2600", "Berchem", "3", 2.5},
    {"2640", "Mortsel", "3", 1.5},
    {"2650", "Edegem", "3", 1.3},
    {"2930", "Brasschaat", "3", 1.8},
    {"2900", "Schoten", "3", 1.7},
    {"2500", "Lier", "3", 1.8},
    {"2800", "Mechelen", "15", 4.5},
    {"2300", "Turnhout", "14", 2.2},
    {"2440", "Geel", "14", 2.0},
    {"2400", "Mol", "14", 1.8},
    {"2200", "Herentals", "14", 1.5},
    {"9000", "Gent", "9", 8.0},
    {"9040", "Sint-Amandsberg", "9", 1.5},
    {"9050", "Gentbrugge", "9", 1.3},
    {"9030", "Mariakerke", "9", 0.8},
    {"9820", "Merelbeke", "9", 1.2},
    {"9800", "Deinze", "9", 2.0},
    {"9100", "Sint-Niklaas", "3", 4.0},
    {"9120", "Beveren", "3", 2.5},
    {"9160", "Lokeren", "9", 2.2},
    {"9200", "Dendermonde", "52", 2.3},
    {"9300", "Aalst", "53", 4.5},
    {"9400", "Ninove", "54", 2.0},
    {"9620", "Zottegem", "9", 1.4},
    {"9700", "Oudenaarde", "55", 1.7},
    {"9900", "Eeklo", "9", 1.3},
    {"9880", "Aalter", "9", 1.1},
    {"3000", "Leuven", "16", 5.0},
    {"3010", "Kessel-Lo", "16", 1.5},
    {"3001", "Heverlee", "16", 1.3},
    {"3300", "Tienen", "16", 1.8},
    {"3200", "Aarschot", "16", 1.6},
    {"3290", "Diest", "13", 1.3},
    {"1800", "Vilvoorde", "2", 2.5},
    {"1500", "Halle", "2", 2.2},
    {"1700", "Dilbeek", "2", 2.2},
    {"1730", "Asse", "2", 1.8},
    {"1930", "Zaventem", "2", 2.0},
    {"3080", "Tervuren", "2", 1.1},
    {"8000", "Brugge", "50", 6.0},
    {"8200", "Sint-Andries", "50", 1.2},
    {"8300", "Knokke-Heist", "50", 1.8},
    {"8400", "Oostende", "59", 3.5},
    {"8500", "Kortrijk", "56", 4.5},
    {"8790", "Waregem", "56", 2.0},
    {"8800", "Roeselare", "51", 3.2},
    {"8700", "Tielt", "51", 1.2},
    {"8820", "Torhout", "50", 1.1},
    {"8900", "Ieper", "57", 2.0},
    {"8670", "Koksijde", "58", 1.2},
    {"8630", "Veurne", "58", 0.8},
    {"3500", "Hasselt", "11", 4.5},
    {"3600", "Genk", "89", 3.5},
    {"3800", "Sint-Truiden", "11", 2.3},
    {"3700", "Tongeren", "12", 1.8},
    {"3920", "Lommel", "11", 1.8},
    {"3580", "Beringen", "11", 2.5},
    {"3550", "Heusden-Zolder", "11", 1.9},
    {"3630", "Maasmechelen", "89", 2.0},
    {"3740", "Bilzen", "89", 1.7},
    {"3900", "Pelt", "11", 1.9},
};
const size_t demo_ncities = sizeof demo_cities / sizeof *demo_cities;

const demo_wstr demo_streets[] = {
    {"Kerkstraat", 5.0},
    {"Stationsstraat", 4.0},
    {"Molenstraat", 3.5},
    {"Dorpsstraat", 3.0},
    {"Nieuwstraat", 2.5},
    {"Schoolstraat", 2.5},
    {"Kapelstraat", 2.0},
    {"Veldstraat", 2.0},
    {"Beekstraat", 1.5},
    {"Hoogstraat", 1.5},
    {"Bosstraat", 1.5},
    {"Zandstraat", 1.5},
    {"Meersstraat", 1.0},
    {"Kouter", 0.8},
    {"Grote Markt", 0.6},
    {"Leopoldlaan", 1.0},
    {"Koning Albertlaan", 1.2},
    {"Lindenlaan", 1.2},
    {"Eikenlaan", 1.0},
    {"Populierenlaan", 0.8},
    {"Industrieweg", 2.0},
    {"Ambachtsweg", 1.2},
    {"Nijverheidsstraat", 1.5},
    {"Industriepark", 1.0},
    {"Brugsesteenweg", 1.0},
    {"Gentsesteenweg", 1.0},
    {"Antwerpsesteenweg", 1.0},
    {"Mechelsesteenweg", 0.8},
    {"Kortrijksesteenweg", 0.8},
    {"Tiensesteenweg", 0.6},
    {"Sint-Jansstraat", 0.8},
    {"Pastoor Coplaan", 0.4},
    {"Groenstraat", 1.0},
    {"Heirweg", 0.8},
    {"Vaartstraat", 0.7},
    {"Steenweg op Gierle", 0.3},
};
const size_t demo_nstreets = sizeof demo_streets / sizeof *demo_streets;

/* ---------------------------------------------------- people */

const demo_name demo_first_m[] = {
    {"Jan", "jan"},         {"Pieter", "pieter"},   {"Koen", "koen"},
    {"Bart", "bart"},       {"Tom", "tom"},         {"Wim", "wim"},
    {"Dirk", "dirk"},       {"Luc", "luc"},         {"Marc", "marc"},
    {"Geert", "geert"},     {"Stijn", "stijn"},     {"Jeroen", "jeroen"},
    {"Kristof", "kristof"}, {"Pieterjan", "pieterjan"},
    {"Jens", "jens"},       {"Thomas", "thomas"},   {"Wout", "wout"},
    {"Arne", "arne"},       {"Lucas", "lucas"},     {"Noah", "noah"},
    {"Louis", "louis"},     {"Arthur", "arthur"},   {"Maarten", "maarten"},
    {"Frederik", "frederik"}, {"Filip", "filip"},   {"Johan", "johan"},
    {"Patrick", "patrick"}, {"Rudi", "rudi"},       {"Senne", "senne"},
    {"Mathias", "mathias"}, {"Ruben", "ruben"},     {"Sander", "sander"},
    {"Michiel", "michiel"}, {"Joris", "joris"},     {"Gert", "gert"},
    {"Hendrik", "hendrik"}, {"Dries", "dries"},     {"Robbe", "robbe"},
};
const size_t demo_nfirst_m = sizeof demo_first_m / sizeof *demo_first_m;

const demo_name demo_first_f[] = {
    {"An", "an"},           {"Els", "els"},         {"Katrien", "katrien"},
    {"Sofie", "sofie"},     {"Lies", "lies"},       {"Griet", "griet"},
    {"Hilde", "hilde"},     {"Ann", "ann"},         {"Veerle", "veerle"},
    {"Inge", "inge"},       {"Sarah", "sarah"},     {"Laura", "laura"},
    {"Eline", "eline"},     {"Lotte", "lotte"},     {"Marie", "marie"},
    {"Emma", "emma"},       {"Louise", "louise"},   {"Nora", "nora"},
    {"Hanne", "hanne"},     {"Leen", "leen"},       {"Tine", "tine"},
    {"Nathalie", "nathalie"}, {"Kim", "kim"},       {"Evi", "evi"},
    {"Femke", "femke"},     {"Joke", "joke"},       {"Marleen", "marleen"},
    {"Ilse", "ilse"},       {"Lien", "lien"},       {"Zo\xc3\xab", "zoe"},
    {"Ma\xc3\xafte", "maite"}, {"Ren\xc3\xa9""e", "renee"},
    {"Charlotte", "charlotte"}, {"Fien", "fien"},   {"Elke", "elke"},
    {"Nele", "nele"},
};
const size_t demo_nfirst_f = sizeof demo_first_f / sizeof *demo_first_f;

const demo_name demo_last[] = {
    {"Peeters", "peeters"},     {"Janssens", "janssens"},
    {"Maes", "maes"},           {"Jacobs", "jacobs"},
    {"Mertens", "mertens"},     {"Willems", "willems"},
    {"Claes", "claes"},         {"Goossens", "goossens"},
    {"Wouters", "wouters"},     {"De Smet", "desmet"},
    {"Hermans", "hermans"},     {"Aerts", "aerts"},
    {"Pauwels", "pauwels"},     {"Van den Broeck", "vandenbroeck"},
    {"De Vos", "devos"},        {"Vermeulen", "vermeulen"},
    {"Michiels", "michiels"},   {"Dubois", "dubois"},
    {"Verstraete", "verstraete"}, {"Van Damme", "vandamme"},
    {"Martens", "martens"},     {"Coppens", "coppens"},
    {"Leroy", "leroy"},         {"Smets", "smets"},
    {"Claeys", "claeys"},       {"Desmet", "desmet"},
    {"De Clercq", "declercq"},  {"Stevens", "stevens"},
    {"Segers", "segers"},       {"Van de Velde", "vandevelde"},
    {"Verhoeven", "verhoeven"}, {"Van Dyck", "vandyck"},
    {"De Backer", "debacker"},  {"Lambrechts", "lambrechts"},
    {"Dierckx", "dierckx"},     {"Baert", "baert"},
    {"Van Acker", "vanacker"},  {"Vandenberghe", "vandenberghe"},
    {"Lemmens", "lemmens"},     {"De Wilde", "dewilde"},
    {"Verbeke", "verbeke"},     {"Cools", "cools"},
    {"Bogaert", "bogaert"},     {"Van Hoof", "vanhoof"},
    {"Gielen", "gielen"},       {"Vanhecke", "vanhecke"},
    {"D'Hondt", "dhondt"},      {"Vercammen", "vercammen"},
    {"Thys", "thys"},           {"Geerts", "geerts"},
    {"Declercq", "declercq"},   {"Van Looy", "vanlooy"},
    {"Schepens", "schepens"},   {"Vandamme", "vandamme"},
    {"Wuyts", "wuyts"},         {"Moens", "moens"},
    {"Heylen", "heylen"},       {"Van Gucht", "vangucht"},
    {"Callens", "callens"},     {"Nys", "nys"},
    {"Bracke", "bracke"},       {"De Coninck", "deconinck"},
    {"Vanderstraeten", "vanderstraeten"}, {"Persoons", "persoons"},
    {"Cuypers", "cuypers"},     {"Van Camp", "vancamp"},
    {"De Meyer", "demeyer"},    {"Van Hove", "vanhove"},
};
const size_t demo_nlast = sizeof demo_last / sizeof *demo_last;

/* ---------------------------------------------------- companies */

const demo_wstr demo_sectors[] = {
    {"Bouw", 14.0},
    {"Horeca", 9.0},
    {"Zorg", 10.0},
    {"Detailhandel", 12.0},
    {"Transport & logistiek", 7.0},
    {"Consultancy", 12.0},
    {"Boekhouding & advocatuur", 10.0},
    {"Industrie", 9.0},
    {"Onderwijs", 4.0},
    {"Overheid & vzw", 5.0},
    {"ICT", 8.0},
};
const size_t demo_nsectors = sizeof demo_sectors / sizeof *demo_sectors;

static const char *const pre_bouw[] = {"Bouwbedrijf", "Schrijnwerkerij",
                                       "Dakwerken", "Renovatie", NULL};
static const char *const pre_horeca[] = {"Brasserie", "Restaurant",
                                         "Bakkerij", "Traiteur", NULL};
static const char *const pre_zorg[] = {"Kinepraktijk", "Tandartspraktijk",
                                       "Apotheek", "Huisartsenpraktijk",
                                       NULL};
static const char *const pre_detail[] = {"Kapsalon", "Fietsen", "Bloemen",
                                         "Optiek", "Schoenen", NULL};
static const char *const pre_transport[] = {"Transport", "Koeriersdienst",
                                            "Verhuizingen", NULL};
static const char *const pre_consult[] = {"Adviesbureau", "Consultancy",
                                          "Communicatiebureau", NULL};
static const char *const pre_boekh[] = {"Boekhoudkantoor",
                                        "Advocatenkantoor", "Notariaat",
                                        "Accountancy", NULL};
static const char *const pre_industrie[] = {"Metaalbewerking",
                                            "Machinebouw", "Drukkerij",
                                            NULL};
static const char *const pre_onderwijs[] = {"Rijschool", "Opleidingscentrum",
                                            "Muziekschool", NULL};
static const char *const pre_overheid[] = {"Jeugdhuis", "Sportclub",
                                           "Cultuurcentrum", NULL};
static const char *const pre_ict[] = {"Webdesign", "IT-diensten",
                                      "Softwarebureau", NULL};

const char *const *const demo_sector_prefixes[] = {
    pre_bouw,    pre_horeca,  pre_zorg,      pre_detail,
    pre_transport, pre_consult, pre_boekh,   pre_industrie,
    pre_onderwijs, pre_overheid, pre_ict,
};

const char *const demo_company_suffixes[] = {
    "Consult", "Solutions", "Group", "Technics", "Partners", "Services",
    "& Zonen", "& Co",
};
const size_t demo_ncompany_suffixes =
    sizeof demo_company_suffixes / sizeof *demo_company_suffixes;

/* Company size bands (employees) and consumer age bands. */
const demo_wstr demo_sizes[] = {
    {"1-9", 60.0}, {"10-49", 28.0}, {"50-249", 10.0}, {"250+", 2.0}};
const size_t demo_nsizes = sizeof demo_sizes / sizeof *demo_sizes;
const demo_wstr demo_ages[] = {
    {"18-24 jaar", 6.0},  {"25-34 jaar", 20.0}, {"35-44 jaar", 24.0},
    {"45-54 jaar", 22.0}, {"55-64 jaar", 17.0}, {"65+ jaar", 11.0}};
const size_t demo_nages = sizeof demo_ages / sizeof *demo_ages;

const demo_wstr demo_mail_providers[] = {
    {"telenet.be", 30.0}, {"gmail.com", 35.0},   {"skynet.be", 8.0},
    {"proximus.be", 6.0}, {"hotmail.com", 12.0}, {"outlook.com", 6.0},
    {"icloud.com", 3.0},
};
const size_t demo_nmail_providers =
    sizeof demo_mail_providers / sizeof *demo_mail_providers;

/* ---------------------------------------------------- channels */

const char *const demo_channel_names[DEMO_NCHANNELS] = {
    "website", "Google Ads", "beurs", "doorverwijzing", "vertegenwoordiger",
    "sociale media"};
const double demo_channel_w_b2b[DEMO_NCHANNELS] = {22, 16, 10, 15, 27, 10};
const double demo_channel_w_b2c[DEMO_NCHANNELS] = {38, 28, 3, 16, 0, 15};
const int64_t demo_cac_lo[DEMO_NCHANNELS] = {1500, 4000, 25000,
                                             5000, 30000, 2500};
const int64_t demo_cac_hi[DEMO_NCHANNELS] = {6000, 15000, 60000,
                                             5000, 90000, 9000};

/* ---------------------------------------------------- feedback */

const demo_comment demo_comments[] = {
    {"Levering te laat en onvolledig.", 0},
    {"Facturen kloppen vaak niet, veel werk om recht te zetten.", 0},
    {"Support reageert traag op tickets.", 0},
    {"Te duur in vergelijking met andere leveranciers.", 0},
    {"Moeilijk bereikbaar per telefoon.", 0},
    {"Laptop bleek defect bij levering; terugsturen duurde weken.", 0},
    {"Delivery was late and the order was incomplete.", 0},
    {"Too expensive compared to other suppliers.", 0},
    {"Nobody answered our support tickets for days.", 0},
    {"Goed, maar de levertermijn mag korter.", 1},
    {"Degelijk, niets bijzonders.", 1},
    {"Prijs ok; service kan beter.", 1},
    {"Webshop werkt, maar zoeken naar artikels is omslachtig.", 1},
    {"Correct geleverd, al was de verpakking beschadigd.", 1},
    {"OK overall, prices could be sharper.", 1},
    {"Fine, but the webshop is a bit clunky.", 1},
    {"Snelle levering en altijd vriendelijk geholpen.", 2},
    {"Onze vaste partner voor alle kantoorbenodigdheden.", 2},
    {"De technieker was heel behulpzaam bij de installatie.", 2},
    {"Prima prijs-kwaliteit, en ze denken mee.", 2},
    {"Bestellen gaat vlot en de facturen zijn altijd correct.", 2},
    {"Great service, the technician was very helpful.", 2},
    {"Fast delivery and \"no nonsense\" support.", 2},
    {"Reliable partner, we order everything here.", 2},
};
const size_t demo_ncomments = sizeof demo_comments / sizeof *demo_comments;

const char *const demo_competitors[] = {"Kantoorwereld", "Bureau Vandamme",
                                        "Printhuis"};
const size_t demo_ncompetitors =
    sizeof demo_competitors / sizeof *demo_competitors;
