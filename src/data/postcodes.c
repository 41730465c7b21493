/*
 * postcodes.c — province and region from a Belgian or Dutch postcode.
 *
 * Belgium. bpost gives every commune a four-digit postcode whose range
 * names the province (bpost, "Postcodes" list; the same ranges are in the
 * Wikipedia article "Postnummers in België"):
 *
 *   1000-1299 Brussels-Capital Region   5000-5999 Namur
 *   1300-1499 Walloon Brabant           6000-6599 Hainaut
 *   1500-1999 Flemish Brabant           6600-6999 Luxembourg
 *   2000-2999 Antwerp                   7000-7999 Hainaut
 *   3000-3499 Flemish Brabant           8000-8999 West Flanders
 *   3500-3999 Limburg                   9000-9999 East Flanders
 *   4000-4999 Liège
 *
 * The region follows the province (Flanders: Antwerp, Limburg, East and
 * West Flanders, Flemish Brabant; Wallonia: Walloon Brabant, Hainaut,
 * Liège, Luxembourg, Namur). Known exceptions, none of which moves a
 * commune out of its province: the enclaves and exclaves (Voeren 3790-3798
 * in Limburg, Comines-Warneton 7780-7784 in Hainaut, Baarle-Hertog 2387 in
 * Antwerp) lie inside their province's range; the German-speaking
 * communes (4700-4791) are in Liège and so in the Walloon Region; bpost's
 * special codes for large senders (e.g. 1099, 1931) follow the range of
 * their commune.
 *
 * The Netherlands. PostNL postcodes are four digits and two letters; the
 * four digits (PC4) cluster by region. The table below gives the province
 * of each PC4 range as CBS publishes it per PC4 area ("Kerncijfers per
 * postcode", with the province of each PC4) and as the Wikipedia list
 * "Lijst van postcodes in Nederland" gives the PC2 areas. Ranges are
 * written at the resolution of whole towns: a PC4 area that straddles a
 * provincial border (a few dozen of the about 4,000) takes the province of
 * the town it is named after. Exceptions inside the broad PC2 areas, kept
 * as their own rows: Almere and Zeewolde (Flevoland) inside 13 and 38;
 * Barneveld, Harderwijk, Ermelo, Nijkerk and Putten (Gelderland) inside 37
 * and 38; Vianen and Leerdam (Utrecht since 2019) inside 41; Altena (North
 * Brabant) in 42; Zaltbommel (Gelderland) in 53; Venray and Venlo
 * (Limburg) in 58-59; Mook and Gennep (Limburg) in 65; Coevorden (Drenthe)
 * in 77; Staphorst (Overijssel) in 79; the Veluwe towns (Gelderland) and
 * Lelystad, Dronten, Urk and Emmeloord (Flevoland) in 80-83; Leek and
 * Marum (Groningen) and Eelde (Drenthe) in 93 and 97.
 *
 * A bare four-digit code is ambiguous (2000 is Antwerp and Haarlem): the
 * caller says which country it means, or a prefix (B-, BE-, NL-) or the
 * two letters of a Dutch code decide.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "klantwijs/segments.h"

typedef struct pc_range {
  uint16_t lo, hi;
  uint8_t prov;
} pc_range;

static const pc_range be_ranges[] = {
    {1000, 1299, KW_PROV_BE_BRUSSELS},
    {1300, 1499, KW_PROV_BE_WALLOON_BRABANT},
    {1500, 1999, KW_PROV_BE_FLEMISH_BRABANT},
    {2000, 2999, KW_PROV_BE_ANTWERP},
    {3000, 3499, KW_PROV_BE_FLEMISH_BRABANT},
    {3500, 3999, KW_PROV_BE_LIMBURG},
    {4000, 4999, KW_PROV_BE_LIEGE},
    {5000, 5999, KW_PROV_BE_NAMUR},
    {6000, 6599, KW_PROV_BE_HAINAUT},
    {6600, 6999, KW_PROV_BE_LUXEMBOURG},
    {7000, 7999, KW_PROV_BE_HAINAUT},
    {8000, 8999, KW_PROV_BE_WEST_FLANDERS},
    {9000, 9999, KW_PROV_BE_EAST_FLANDERS},
};

#define NH KW_PROV_NL_NORTH_HOLLAND
#define ZH KW_PROV_NL_SOUTH_HOLLAND
#define UT KW_PROV_NL_UTRECHT
#define FL KW_PROV_NL_FLEVOLAND
#define GE KW_PROV_NL_GELDERLAND
#define NB KW_PROV_NL_NORTH_BRABANT
#define ZE KW_PROV_NL_ZEELAND
#define LI KW_PROV_NL_LIMBURG
#define OV KW_PROV_NL_OVERIJSSEL
#define DR KW_PROV_NL_DRENTHE
#define FR KW_PROV_NL_FRIESLAND
#define GR KW_PROV_NL_GRONINGEN

/* Sorted, contiguous from 1000 to 9999. */
static const pc_range nl_ranges[] = {
    {1000, 1299, NH}, /* Amsterdam, Zaanstreek, Gooi */
    {1300, 1379, FL}, /* Almere */
    {1380, 1389, NH}, /* Weesp */
    {1390, 1396, UT}, /* Abcoude, Baambrugge */
    {1397, 2159, NH}, /* Muiden .. Haarlem, Haarlemmermeer */
    {2160, 3399, ZH}, /* Lisse, Leiden, Den Haag, Rotterdam, Dordrecht */
    {3400, 3769, UT}, /* IJsselstein .. Utrecht, Zeist, Soest */
    {3770, 3799, GE}, /* Barneveld, Voorthuizen */
    {3800, 3839, UT}, /* Amersfoort, Leusden */
    {3840, 3889, GE}, /* Harderwijk, Ermelo, Nijkerk, Putten */
    {3890, 3899, FL}, /* Zeewolde */
    {3900, 3999, UT}, /* Veenendaal, Rhenen, Houten */
    {4000, 4119, GE}, /* Tiel, Culemborg, Buren */
    {4120, 4149, UT}, /* Vianen, Leerdam (Vijfheerenlanden) */
    {4150, 4199, GE}, /* Beesd, Geldermalsen */
    {4200, 4249, ZH}, /* Gorinchem */
    {4250, 4299, NB}, /* Werkendam, Woudrichem (Altena) */
    {4300, 4599, ZE}, /* Zierikzee, Middelburg, Vlissingen, Goes, Terneuzen */
    {4600, 5299, NB}, /* Bergen op Zoom, Breda, Tilburg, 's-Hertogenbosch */
    {5300, 5339, GE}, /* Zaltbommel, Kerkdriel */
    {5340, 5799, NB}, /* Oss, Uden, Eindhoven, Helmond */
    {5800, 6499, LI}, /* Venray, Venlo, Weert, Roermond, Maastricht */
    {6500, 6583, GE}, /* Nijmegen, Malden */
    {6584, 6599, LI}, /* Mook, Gennep */
    {6600, 7399, GE}, /* Wageningen, Arnhem, Doetinchem, Apeldoorn */
    {7400, 7739, OV}, /* Deventer, Enschede, Almelo, Ommen */
    {7740, 7769, DR}, /* Coevorden, Dalen, Schoonebeek */
    {7770, 7799, OV}, /* Hardenberg */
    {7800, 7949, DR}, /* Emmen, Hoogeveen, Meppel */
    {7950, 7959, OV}, /* Staphorst */
    {7960, 7999, DR}, /* Havelte, Dwingeloo */
    {8000, 8049, OV}, /* Zwolle */
    {8050, 8099, GE}, /* Hattem, Nunspeet, Elburg, Wezep */
    {8100, 8159, OV}, /* Raalte */
    {8160, 8199, GE}, /* Epe, Heerde */
    {8200, 8259, FL}, /* Lelystad, Dronten */
    {8260, 8299, OV}, /* Kampen */
    {8300, 8322, FL}, /* Emmeloord, Urk */
    {8323, 8379, OV}, /* Steenwijk, Giethoorn */
    {8380, 8389, DR}, /* Vledder */
    {8390, 9299, FR}, /* Heerenveen, Sneek, Leeuwarden, Drachten */
    {9300, 9349, DR}, /* Roden */
    {9350, 9399, GR}, /* Leek, Marum */
    {9400, 9499, DR}, /* Assen, Zuidlaren */
    {9500, 9759, GR}, /* Stadskanaal, Hoogezand, Groningen, Haren */
    {9760, 9769, DR}, /* Eelde, Paterswolde */
    {9770, 9999, GR}, /* Delfzijl, Appingedam */
};

static const char *const prov_keys[KW_PROV__COUNT] = {
#define KW_X_PROV(e, key, region) [e] = key,
    KW_PROVINCE_LIST(KW_X_PROV)
#undef KW_X_PROV
};

static const uint8_t prov_region[KW_PROV__COUNT] = {
#define KW_X_PROV(e, key, region) [e] = region,
    KW_PROVINCE_LIST(KW_X_PROV)
#undef KW_X_PROV
};

static const char *const region_keys[KW_REGION__COUNT] = {
#define KW_X_REGION(e, key) [e] = key,
    KW_REGION_LIST(KW_X_REGION)
#undef KW_X_REGION
};

const char *kw_province_key(kw_province p) {
  return (unsigned)p < KW_PROV__COUNT ? prov_keys[p] : "unknown";
}

const char *kw_region_key(kw_region r) {
  return (unsigned)r < KW_REGION__COUNT ? region_keys[r] : "unknown";
}

kw_region kw_province_region(kw_province p) {
  return (unsigned)p < KW_PROV__COUNT ? (kw_region)prov_region[p]
                                      : KW_REGION_UNKNOWN;
}

static kw_province lookup(const pc_range *t, size_t n, unsigned code) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (code < t[mid].lo) hi = mid;
    else if (code > t[mid].hi) lo = mid + 1;
    else return (kw_province)t[mid].prov;
  }
  return KW_PROV_UNKNOWN;
}

static bool ci_prefix(const char *s, const char *p) {
  for (; *p; s++, p++)
    if (tolower((unsigned char)*s) != *p) return false;
  return true;
}

kw_province kw_postcode_province(const char *code, kw_country country) {
  if (!code) return KW_PROV_UNKNOWN;
  const char *s = code;
  while (*s == ' ' || *s == '\t') s++;
  /* a country prefix: "B-", "BE-", "BE ", "NL-", "NL " */
  if (ci_prefix(s, "be") && !isalpha((unsigned char)s[2])) {
    country = KW_COUNTRY_BE;
    s += 2;
  } else if (ci_prefix(s, "nl") && !isalpha((unsigned char)s[2])) {
    country = KW_COUNTRY_NL;
    s += 2;
  } else if (ci_prefix(s, "b") && (s[1] == '-' || s[1] == ' ')) {
    country = KW_COUNTRY_BE;
    s += 1;
  }
  while (*s == '-' || *s == ' ') s++;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    if (!isdigit((unsigned char)s[i])) return KW_PROV_UNKNOWN;
    v = v * 10 + (unsigned)(s[i] - '0');
  }
  s += 4;
  if (isdigit((unsigned char)*s)) return KW_PROV_UNKNOWN;
  while (*s == ' ') s++;
  if (isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]) &&
      !isalpha((unsigned char)s[2])) {
    if (country == KW_COUNTRY_BE) return KW_PROV_UNKNOWN;
    country = KW_COUNTRY_NL;
    s += 2;
  }
  while (*s == ' ' || *s == '\t' || *s == '\r') s++;
  if (*s) return KW_PROV_UNKNOWN;
  if (v < 1000) return KW_PROV_UNKNOWN;
  if (country == KW_COUNTRY_NL)
    return lookup(nl_ranges, sizeof nl_ranges / sizeof *nl_ranges, v);
  return lookup(be_ranges, sizeof be_ranges / sizeof *be_ranges, v);
}
