/*
 * roles.c — the one table of header synonyms per column role and table
 * kind, and header normalisation (see roles.h).
 *
 * Each row names a role, the kinds of table it applies to and its
 * synonyms, preferred first. A header matches a synonym when both are equal
 * after normalisation with the '_' left out. Within one kind of table a
 * synonym belongs to one role only (the unit tests check this); across
 * kinds the same word may mean different things ("aantal" is a quantity in
 * sales lines and the hours of a cost line). The rank of a match is the
 * row's position, then the synonym's position in it, so "net_amount" beats
 * "totaal" when a file has both.
 *
 * Adding a synonym is adding a word here; nothing else changes.
 */
#include "io/roles.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define T(k) (1u << (k))
#define TR T(KW_TABLE_TRANSACTIONS)
#define CU T(KW_TABLE_CUSTOMERS)
#define IN T(KW_TABLE_INVOICES)
#define CO T(KW_TABLE_COSTS)
#define FB T(KW_TABLE_FEEDBACK)
#define TP T(KW_TABLE_TOUCHPOINTS)
#define RF T(KW_TABLE_REFERRALS)
#define SP T(KW_TABLE_SPEND)
#define ALL (TR | CU | IN | CO | FB | TP | RF | SP)

#define CUSTOMER_IDS                                                         \
  "customer_id customer customerid customer_no customer_nr customer_number " \
  "customer_code cust_id client_id client client_no client_number "         \
  "client_code klant_id klant klantnummer klantnr klantcode debiteur "       \
  "debiteurnummer debiteurnr debiteur_code debtor debtor_id account_id "     \
  "member_id buyer_id relatie relatienummer relatienr relatiecode "          \
  "debiteurcode klant_code numero_client no_client n_client code_client "    \
  "id_client ref_client reference_client partner partner_id partenaire "     \
  "tiers code_tiers compte_tiers"

/* Amounts without VAT (BTW, TVA): Dutch, French (HTVA "hors TVA", HT
 * "hors taxes") and English exports; docs/headers.md says which package
 * writes which. */
#define AMOUNT_EXCL                                                          \
  "bedrag_excl_btw bedrag_excl bedrag_exclusief_btw bedrag_ex_btw "          \
  "totaal_excl_btw totaal_excl totaal_exclusief_btw excl_btw exclusief_btw " \
  "omzet_excl_btw netto netto_bedrag net_amount subtotaal montant_htva "     \
  "htva total_htva montant_hors_tva hors_tva montant_ht total_ht ht "        \
  "amount_excl_vat amount_excluding_vat excl_vat untaxed_amount "           \
  "tax_excluded total_excl_vat"

/* Amounts with VAT (TVAC "TVA comprise", TTC "toutes taxes comprises"). */
#define AMOUNT_INCL                                                          \
  "bedrag_incl_btw bedrag_incl bedrag_inclusief_btw totaal_incl_btw "        \
  "totaal_incl totaal_inclusief_btw incl_btw inclusief_btw montant_tvac "   \
  "tvac total_tvac montant_ttc ttc total_ttc amount_incl_vat "             \
  "amount_including_vat incl_vat total_incl_vat tax_included "              \
  "total_tax_included brutobedrag"

static const kw_role_synonyms synonyms[] = {
    /* ------------------------------------------------ every table */
    {KW_ROLE_CUSTOMER, TR | CU | IN | CO | FB | TP, CUSTOMER_IDS},
    /* a bare "id" is the customer in sales logs and customer lists */
    {KW_ROLE_CUSTOMER, TR | CU, "id"},
    /* Moneybird and Teamleader call the customer of a sale "Contact" */
    {KW_ROLE_CUSTOMER, TR | IN, "contact"},
    {KW_ROLE_SELLER, TR | CU | IN,
     "verkoper salesperson sales_person sales_rep account_manager "
     "accountmanager vertegenwoordiger vendeur commercial representant "
     "verantwoordelijke responsable"},
    {KW_ROLE_REFERRER, RF,
     "referrer referrer_id referred_by aanbrenger aanbrenger_id "
     "aangebracht_door doorverwezen_door ambassador ambassadeur"},
    {KW_ROLE_CUSTOMER, RF,
     "referred referred_customer referred_id new_customer new_customer_id "
     "nieuwe_klant aangebrachte_klant " CUSTOMER_IDS},

    /* ------------------------------------------------ transactions */
    {KW_ROLE_DATE, TR,
     "date datum invoice_date invoicedate factuurdatum order_date orderdatum "
     "transaction_date transactiedatum purchase_date aankoopdatum sale_date "
     "sales_date verkoopdatum boekdatum boekingsdatum document_date "
     "documentdatum leverdatum delivery_date timestamp datum_document "
     "datum_factuur date_facture date_de_facture date_document "
     "date_comptable date_commande date_de_commande date_vente "
     "date_de_facturation date_facturation"},
    {KW_ROLE_AMOUNT, TR,
     "amount net_amount bedrag_excl_btw netto_bedrag nettobedrag bedrag "
     "line_total line_amount regeltotaal lijntotaal totaal_excl_btw "
     "omzet revenue sales sales_amount verkoopbedrag spend spent "
     "dollar_value value waarde " AMOUNT_EXCL " montant totaal total "
     "total_amount subtotal"},
    {KW_ROLE_AMOUNT_INCL, TR | IN, AMOUNT_INCL},
    {KW_ROLE_INVOICE, TR | IN,
     "invoice invoice_id invoiceno invoice_no invoice_nr invoice_number "
     "factuur factuurnummer factuurnr factuur_id order order_id "
     "order_no order_nr order_number ordernummer ordernr bestelling "
     "bestelnummer bestelnr receipt receipt_id bonnummer ticket ticket_id "
     "transaction_id transactie_id transactienummer document_id "
     "documentnummer boekstuk boekstuknummer numero_facture no_facture "
     "n_facture facture num_facture document_nr documentnr"},
    {KW_ROLE_INVOICE, IN, "number numero nummer document piece"},
    {KW_ROLE_PRODUCT, TR,
     "product_id product productcode product_code productnummer productnr "
     "stockcode stock_code sku item_id item itemcode item_code article "
     "article_id artikel artikelnummer artikelnr artikelcode artikel_id ean "
     "barcode code_article reference_article ref_article code_produit"},
    {KW_ROLE_COUNTRY, TR, "country country_code"},
    {KW_ROLE_PRODUCT_NAME, TR,
     "product_name productnaam description omschrijving artikelomschrijving "
     "productomschrijving product_description item_name item_description "
     "artikelnaam benaming libelle designation description_article "
     "omschrijving_artikel"},
    {KW_ROLE_CATEGORY, TR,
     "category categorie productgroep product_group productcategorie "
     "product_category productfamilie product_family familie groep group "
     "department afdeling categorie_produit categorie_de_produit famille "
     "famille_article artikelgroep omzetgroep"},
    {KW_ROLE_QUANTITY, TR,
     "quantity qty aantal hoeveelheid aantal_stuks stuks units "
     "number_of_cds cds cds_bought quantite qte nombre"},
    {KW_ROLE_UNIT_PRICE, TR,
     "unit_price unitprice price prijs eenheidsprijs stukprijs verkoopprijs "
     "prijs_per_stuk price_each list_price prix_unitaire prix pu "
     "prijs_per_eenheid prix_unitaire_htva"},
    {KW_ROLE_COST, TR,
     "cost cost_price kostprijs cogs cost_of_goods inkoopprijs aankoopprijs "
     "aankoopwaarde inkoopwaarde purchase_price costs kost kosten"},
    {KW_ROLE_MARGIN, TR,
     "margin marge brutomarge bruto_marge gross_margin profit winst"},
    {KW_ROLE_DISCOUNT, TR, "discount korting discount_amount rebate"},
    {KW_ROLE_CHANNEL, TR | CU | TP | SP,
     "channel kanaal sales_channel verkoopkanaal canal"},

    /* ------------------------------------------------ customers */
    {KW_ROLE_NAME, CU,
     "name naam customer_name klantnaam client_name company company_name "
     "bedrijf bedrijfsnaam firma firmanaam full_name volledige_naam "
     "relatienaam naam_relatie nom nom_client raison_sociale denomination "
     "display_name"},
    {KW_ROLE_EMAIL, CU,
     "email e_mail mail emailadres email_address courriel adresse_email "
     "adresse_e_mail"},
    {KW_ROLE_PHONE, CU,
     "phone telefoon tel gsm mobile mobiel phone_number telefoonnummer "
     "telephone portable"},
    {KW_ROLE_ADDRESS, CU,
     "address adres straat street straat_en_nummer street_address adresse "
     "rue"},
    {KW_ROLE_POSTCODE, CU,
     "postcode zip zipcode zip_code postal_code postalcode postnummer "
     "code_postal cp"},
    {KW_ROLE_CITY, CU,
     "city gemeente stad plaats woonplaats town localite commune ville"},
    {KW_ROLE_SECTOR, CU, "sector branche industry activiteit nace secteur"},
    {KW_ROLE_SIZE, CU,
     "size grootte company_size bedrijfsgrootte employees werknemers "
     "leeftijd age age_group leeftijdscategorie leeftijdsgroep"},
    {KW_ROLE_ACQ_DATE, CU,
     "acquisition_date klant_sinds customer_since client_since signup_date "
     "sign_up_date registration_date registratiedatum inschrijfdatum "
     "first_order_date created created_at aanmaakdatum start startdatum "
     "acquisitiedatum wervingsdatum"},
    {KW_ROLE_ACQ_COST, CU,
     "cac acquisition_cost acquisitiekost acquisitiekosten wervingskost "
     "wervingskosten"},
    {KW_ROLE_CHANNEL, CU,
     "acquisition_channel acquisitiekanaal wervingskanaal bron source"},
    {KW_ROLE_CONSENT, CU,
     "marketing_consent consent optin opt_in toestemming "
     "marketing_toestemming nieuwsbrief newsletter"},
    {KW_ROLE_START_DATE, CU,
     "start_date contract_start contract_start_date contractstart "
     "begindatum ingangsdatum"},
    {KW_ROLE_END_DATE, CU,
     "end_date contract_end contract_end_date einddatum end cancel cancel_date "
     "cancelled cancellation_date opzegdatum opzeg opgezegd_op churn_date "
     "stopdatum uitschrijfdatum"},
    {KW_ROLE_TENURE, CU,
     "tenure looptijd duur months_active anciennity duration duree"},
    {KW_ROLE_CHURN, CU,
     "churn churned exited attrition opgezegd vertrokken gestopt observed "
     "event event_observed"},

    /* ------------------------------------------------ invoices */
    {KW_ROLE_DATE, IN,
     "invoice_date invoicedate factuurdatum date datum document_date "
     "documentdatum datum_document datum_factuur boekdatum boekingsdatum "
     "date_facture date_de_facture date_document date_comptable "
     "date_de_facturation date_facturation"},
    {KW_ROLE_DUE_DATE, IN,
     "due_date duedate due vervaldatum vervaldag payment_due "
     "uiterste_betaaldatum echeance date_echeance date_d_echeance "
     "invoice_date_due"},
    {KW_ROLE_TERMS, IN,
     "payment_terms terms betalingstermijn betaaltermijn termijn"},
    {KW_ROLE_PAID_DATE, IN,
     "paid_date paid paid_on betaaldatum payment_date betaald_op "
     "datum_betaling datum_betaald date_paiement date_de_paiement "
     "date_reglement"},
    {KW_ROLE_AMOUNT, IN,
     AMOUNT_EXCL " amount invoice_amount factuurbedrag bedrag total totaal "
     "total_amount amount_due te_betalen montant"},
    {KW_ROLE_OPEN, IN,
     "openstaand openstaand_bedrag open_bedrag saldo open_amount "
     "amount_open outstanding balance amount_residual solde "
     "montant_ouvert reste_a_payer nog_te_betalen montant_du"},

    /* ------------------------------------------------ costs */
    {KW_ROLE_DATE, CO, "date datum cost_date kostendatum"},
    {KW_ROLE_TYPE, CO,
     "type soort kostensoort cost_type kostentype category categorie"},
    {KW_ROLE_HOURS, CO, "hours uren quantity aantal qty units tijd"},
    {KW_ROLE_AMOUNT, CO,
     "amount bedrag cost kost kosten total totaal cost_amount"},

    /* ------------------------------------------------ feedback */
    {KW_ROLE_DATE, FB,
     "date datum response_date survey_date antwoorddatum"},
    {KW_ROLE_NPS, FB,
     "nps nps_score likelihood_to_recommend recommend aanbeveling "
     "aanbevelingsscore"},
    {KW_ROLE_CSAT, FB, "csat csat_score satisfaction tevredenheid"},
    {KW_ROLE_CES, FB, "ces ces_score effort customer_effort inspanning"},
    {KW_ROLE_COMMENT, FB,
     "comment comments opmerking opmerkingen commentaar feedback "
     "toelichting remark remarks"},

    /* ------------------------------------------------ touchpoints */
    {KW_ROLE_DATE, TP, "date datum event_date timestamp"},
    {KW_ROLE_STAGE, TP,
     "stage event stap touchpoint step fase event_type action actie"},

    /* ------------------------------------------------ referrals */
    {KW_ROLE_DATE, RF, "date datum referral_date"},

    /* ------------------------------------------------ marketing spend */
    {KW_ROLE_DATE, SP, "month maand period periode date datum"},
    {KW_ROLE_AMOUNT, SP,
     "amount spend spent marketing_spend ad_spend budget cost costs kosten "
     "bedrag uitgaven marketingkosten"},
};

#define NSYN (sizeof synonyms / sizeof *synonyms)

const kw_role_synonyms *kw_role_synonym_table(size_t *n) {
  *n = NSYN;
  return synonyms;
}

/* Base letters of U+00C0..U+00FF; digits stand for two letters:
 * 1 ae, 2 th, 3 ss, 4 oe; '_' is a separator. */
static const char latin1[65] =
    "aaaaaa1ceeeeiiiidnooooo_ouuuuy23"
    "aaaaaa1ceeeeiiiidnooooo_ouuuuy2y";
/* Base letters of U+0100..U+017F (Latin Extended-A). */
static const char latin_ext_a[129] =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "iiiijjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oo44rrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";

/* Decode one UTF-8 code point at s (n > 0 bytes); *len gets its length.
 * Invalid bytes decode as themselves (Latin-1) with length 1. */
static unsigned decode(const unsigned char *s, size_t n, size_t *len) {
  unsigned c = s[0];
  if (c < 0x80 || n < 2 || (s[1] & 0xC0) != 0x80) {
    *len = 1;
    return c;
  }
  if (c >= 0xC2 && c < 0xE0) {
    *len = 2;
    return ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
  }
  if (c >= 0xE0 && c < 0xF0 && n >= 3 && (s[2] & 0xC0) == 0x80) {
    *len = 3;
    return ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
  }
  *len = 1;
  return c;
}

size_t kw_header_normalize(const char *s, size_t n, char *out, size_t cap) {
  const unsigned char *u = (const unsigned char *)s;
  size_t o = 0;
  bool sep = false; /* a separator is waiting to be written */
  if (cap == 0) return 0;
  for (size_t i = 0; i < n;) {
    size_t len;
    unsigned cp = decode(u + i, n - i, &len);
    i += len;
    const char *rep = NULL;
    char one[2] = {0, 0};
    if (cp < 0x80) {
      char c = (char)cp;
      if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        one[0] = c;
        rep = one;
      }
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      one[0] = latin1[cp - 0xC0];
      rep = one;
    } else if (cp >= 0x100 && cp <= 0x17F) {
      one[0] = latin_ext_a[cp - 0x100];
      rep = one;
    }
    if (rep && rep[0] == '_') rep = NULL;
    if (!rep) {
      sep = o > 0;
      continue;
    }
    switch (rep[0]) {
    case '1': rep = "ae"; break;
    case '2': rep = "th"; break;
    case '3': rep = "ss"; break;
    case '4': rep = "oe"; break;
    default: break;
    }
    if (sep && o + 1 < cap) out[o++] = '_';
    sep = false;
    for (const char *r = rep; *r && o + 1 < cap; r++) out[o++] = *r;
  }
  /* cut at cap right after a separator: no '_' at the end either */
  while (o > 0 && out[o - 1] == '_') o--;
  out[o] = '\0';
  return o;
}

/* Compare a normalised header with a synonym of length sn, both without
 * their '_'. */
static bool same_compact(const char *h, const char *syn, size_t sn) {
  size_t i = 0;
  for (;;) {
    while (*h == '_') h++;
    while (i < sn && syn[i] == '_') i++;
    if (i == sn || !*h) return i == sn && !*h;
    if (*h != syn[i]) return false;
    h++;
    i++;
  }
}

#define NAME_MAX_NORM 128

/* The synonyms in compact form ('_' left out), bucketed by first byte, in
 * table order within a bucket: a guess compares a name with the few
 * synonyms of its first letter instead of scanning the whole table. Built
 * once, on first use. */
#define MAX_ENTS 4096
#define POOL_BYTES 65536
typedef struct syn_ent {
  uint16_t row, pos, len;
  uint32_t off;
} syn_ent;
static syn_ent ents[MAX_ENTS];
static char pool[POOL_BYTES];
static uint16_t bucket_start[257];
static bool index_ok;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void build_index(void) {
  static syn_ent tmp[MAX_ENTS];
  size_t n = 0, used = 0;
  for (size_t r = 0; r < NSYN; r++) {
    const char *p = synonyms[r].names;
    unsigned pos = 0;
    while (*p) {
      const char *e = p;
      while (*e && *e != ' ') e++;
      if (n == MAX_ENTS || used + (size_t)(e - p) > POOL_BYTES) return;
      size_t len = 0;
      for (const char *q = p; q < e; q++)
        if (*q != '_') pool[used + len++] = *q;
      if (len) {
        tmp[n++] = (syn_ent){(uint16_t)r, (uint16_t)pos, (uint16_t)len,
                             (uint32_t)used};
        used += len;
      }
      pos++;
      p = *e ? e + 1 : e;
    }
  }
  /* counting sort by first byte, stable: table order within a bucket */
  size_t count[257] = {0};
  for (size_t i = 0; i < n; i++) count[(unsigned char)pool[tmp[i].off] + 1]++;
  for (size_t b = 1; b < 257; b++) count[b] += count[b - 1];
  for (size_t b = 0; b < 257; b++) bucket_start[b] = (uint16_t)count[b];
  for (size_t i = 0; i < n; i++)
    ents[count[(unsigned char)pool[tmp[i].off]]++] = tmp[i];
  index_ok = true;
}

/* The first row of the table (kinds in mask) with a synonym for name. */
static kw_role guess(unsigned mask, const char *name, size_t n,
                     unsigned *rank) {
  char norm[NAME_MAX_NORM];
  if (n >= 4 * NAME_MAX_NORM) return KW_ROLE__COUNT;
  size_t len = kw_header_normalize(name, n, norm, sizeof norm);
  if (len == 0 || len + 1 >= sizeof norm) return KW_ROLE__COUNT;
  pthread_once(&index_once, build_index);
  if (index_ok) {
    size_t cn = 0;
    for (size_t i = 0; i < len; i++)
      if (norm[i] != '_') norm[cn++] = norm[i];
    if (cn == 0) return KW_ROLE__COUNT;
    unsigned char b = (unsigned char)norm[0];
    for (size_t i = bucket_start[b]; i < bucket_start[b + 1]; i++) {
      const syn_ent *e = &ents[i];
      if (e->len != cn || !(synonyms[e->row].kinds & mask) ||
          memcmp(pool + e->off, norm, cn) != 0)
        continue;
      if (rank) *rank = (unsigned)e->row * 256u + e->pos;
      return synonyms[e->row].role;
    }
    return KW_ROLE__COUNT;
  }
  for (size_t r = 0; r < NSYN; r++) {
    if (!(synonyms[r].kinds & mask)) continue;
    const char *p = synonyms[r].names;
    unsigned pos = 0;
    while (*p) {
      const char *e = p;
      while (*e && *e != ' ') e++;
      if (*p == norm[0] && same_compact(norm, p, (size_t)(e - p))) {
        if (rank) *rank = (unsigned)r * 256u + pos;
        return synonyms[r].role;
      }
      pos++;
      p = *e ? e + 1 : e;
    }
  }
  return KW_ROLE__COUNT;
}

kw_role kw_role_guess(kw_table_kind k, const char *name, size_t n,
                      unsigned *rank) {
  return guess(T(k), name, n, rank);
}

bool kw_role_known_header(const char *name, size_t n) {
  return guess(ALL, name, n, NULL) != KW_ROLE__COUNT;
}

bool kw_role_header_excl_vat(const char *name, size_t n) {
  char norm[NAME_MAX_NORM];
  if (n >= 4 * NAME_MAX_NORM) return false;
  size_t len = kw_header_normalize(name, n, norm, sizeof norm);
  if (len == 0 || len + 1 >= sizeof norm) return false;
  const char *p = AMOUNT_EXCL;
  while (*p) {
    const char *e = p;
    while (*e && *e != ' ') e++;
    if (same_compact(norm, p, (size_t)(e - p))) return true;
    p = *e ? e + 1 : e;
  }
  return false;
}

bool kw_role_in_table(kw_table_kind k, kw_role r) {
  for (size_t i = 0; i < NSYN; i++)
    if (synonyms[i].role == r && (synonyms[i].kinds & T(k))) return true;
  return false;
}
