/*
 * segments_fit.c — strategic fit: how well each customer matches the
 * ideal customer profile the owner wrote down (klantwijs/segments.h).
 *
 *   fit = sum of the weights of the criteria met
 *         / sum of the weights of the criteria that can be checked
 *
 * A criterion can be checked when the customer's value is known: a sector
 * for "sector", a known postcode for "region", sales lines with a category
 * for "category", settled invoices for "max_days_late", a known cost for
 * "min_margin"; orders and revenue a year are always known for a buyer
 * (over the observed life, at least a year). A customer with nothing to
 * check has no fit (NaN), never a fit of 0.
 *
 * List values are compared without regard to case; a region criterion
 * takes region and province keys and their English and Dutch names.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "models/segments_internal.h"

static bool in_list(const kw_fit_profile *p, kw_fit_crit c, const char *s) {
  for (size_t v = 0; v < p->nvalues[c]; v++)
    if (strcasecmp(p->values[c][v], s) == 0) return true;
  return false;
}

/* The names a profile may give a region or province by, English and Dutch
 * (the words of the message table's "province.*" and "region.*" rows, held
 * equal to them by the unit test of segments): a region criterion accepts
 * either language, so the model needs no language option. */
const char *const kw_fit_province_names[KW_PROV__COUNT][2] = {
    [KW_PROV_UNKNOWN] = {"unknown province", "onbekende provincie"},
    [KW_PROV_BE_BRUSSELS] = {"Brussels", "Brussel"},
    [KW_PROV_BE_ANTWERP] = {"Antwerp", "Antwerpen"},
    [KW_PROV_BE_LIMBURG] = {"Limburg (BE)", "Limburg (BE)"},
    [KW_PROV_BE_EAST_FLANDERS] = {"East Flanders", "Oost-Vlaanderen"},
    [KW_PROV_BE_WEST_FLANDERS] = {"West Flanders", "West-Vlaanderen"},
    [KW_PROV_BE_FLEMISH_BRABANT] = {"Flemish Brabant", "Vlaams-Brabant"},
    [KW_PROV_BE_WALLOON_BRABANT] = {"Walloon Brabant", "Waals-Brabant"},
    [KW_PROV_BE_HAINAUT] = {"Hainaut", "Henegouwen"},
    [KW_PROV_BE_LIEGE] = {"Liège", "Luik"},
    [KW_PROV_BE_LUXEMBOURG] = {"Luxembourg", "Luxemburg"},
    [KW_PROV_BE_NAMUR] = {"Namur", "Namen"},
    [KW_PROV_NL_GRONINGEN] = {"Groningen", "Groningen"},
    [KW_PROV_NL_FRIESLAND] = {"Friesland", "Friesland"},
    [KW_PROV_NL_DRENTHE] = {"Drenthe", "Drenthe"},
    [KW_PROV_NL_OVERIJSSEL] = {"Overijssel", "Overijssel"},
    [KW_PROV_NL_FLEVOLAND] = {"Flevoland", "Flevoland"},
    [KW_PROV_NL_GELDERLAND] = {"Gelderland", "Gelderland"},
    [KW_PROV_NL_UTRECHT] = {"Utrecht", "Utrecht"},
    [KW_PROV_NL_NORTH_HOLLAND] = {"North Holland", "Noord-Holland"},
    [KW_PROV_NL_SOUTH_HOLLAND] = {"South Holland", "Zuid-Holland"},
    [KW_PROV_NL_ZEELAND] = {"Zeeland", "Zeeland"},
    [KW_PROV_NL_NORTH_BRABANT] = {"North Brabant", "Noord-Brabant"},
    [KW_PROV_NL_LIMBURG] = {"Limburg (NL)", "Limburg (NL)"},
};
const char *const kw_fit_region_names[KW_REGION__COUNT][2] = {
    [KW_REGION_UNKNOWN] = {"unknown region", "onbekende regio"},
    [KW_REGION_FLANDERS] = {"Flanders", "Vlaanderen"},
    [KW_REGION_WALLONIA] = {"Wallonia", "Wallonië"},
    [KW_REGION_BRUSSELS] = {"Brussels", "Brussel"},
    [KW_REGION_NETHERLANDS] = {"the Netherlands", "Nederland"},
};

static bool region_match(const kw_fit_profile *p, kw_province pv) {
  kw_region r = kw_province_region(pv);
  for (int l = 0; l < 2; l++) {
    if (in_list(p, KW_FIT_REGION, kw_fit_province_names[pv][l]) ||
        in_list(p, KW_FIT_REGION, kw_fit_region_names[r][l]))
      return true;
  }
  return in_list(p, KW_FIT_REGION, kw_province_key(pv)) ||
         in_list(p, KW_FIT_REGION, kw_region_key(r));
}

/* Per customer: bought a category of the profile (1), bought categorised
 * lines but none of them (0), no category known (-1). */
static kw_status category_flags(kw_analysis *a, const kw_fit_profile *p,
                                int8_t *flag) {
  kw_context *ctx = a->ctx;
  for (size_t i = 0; i < a->n; i++) flag[i] = -1;
  const kw_table *t = kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cat = t ? kw_table_role(t, KW_ROLE_CATEGORY) : NULL;
  const kw_column *cust = t ? kw_table_role(t, KW_ROLE_CUSTOMER) : NULL;
  const kw_column *date = t ? kw_table_role(t, KW_ROLE_DATE) : NULL;
  if (!cat || !cust || !date || cat->type != KW_TYPE_TEXT) return KW_OK;
  size_t nd = kw_dict_size(cat->dict);
  uint8_t *want = kw_calloc(ctx, nd + 1, 1);
  if (!want) return kw_fail_nomem(ctx);
  for (size_t d = 0; d < nd; d++)
    want[d] = in_list(p, KW_FIT_CATEGORY, kw_dict_str(cat->dict, (uint32_t)d));
  size_t rows = kw_table_rows(t);
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cust->v.text[r], k = cat->v.text[r];
    if (c >= a->n || k == KW_NA_ID || k >= nd) continue;
    if (date->v.date[r] == KW_NA_DATE || date->v.date[r] > a->as_of)
      continue;
    if (want[k]) flag[c] = 1;
    else if (flag[c] < 0) flag[c] = 0;
  }
  kw_free(ctx, want);
  return KW_OK;
}

kw_status kw_fit_compute(kw_analysis *a, const kw_seg_attrs *at,
                         const kw_fit_profile *p, double *fit,
                         uint32_t *met) {
  kw_context *ctx = a->ctx;
  static const struct { kw_fit_crit c; kw_seg_attr a; } lists[] = {
      {KW_FIT_SECTOR, KW_SEG_SECTOR}, {KW_FIT_SIZE, KW_SEG_SIZE},
      {KW_FIT_TYPE, KW_SEG_TYPE}, {KW_FIT_CHANNEL, KW_SEG_CHANNEL},
      {KW_FIT_REGION, KW_SEG_PROVINCE}};
  enum { NL_ = sizeof lists / sizeof *lists };
  uint8_t *match[NL_] = {0};
  int8_t *catf = NULL;
  kw_status st = KW_OK;
  for (size_t l = 0; l < NL_; l++) {
    if (!p->set[lists[l].c]) continue;
    size_t nc = at->ncodes[lists[l].a];
    match[l] = kw_calloc(ctx, nc ? nc : 1, 1);
    if (!match[l]) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t c = 1; c < nc; c++)
      match[l][c] = lists[l].c == KW_FIT_REGION
                        ? region_match(p, (kw_province)c)
                        : in_list(p, lists[l].c, at->name[lists[l].a][c]);
  }
  if (p->set[KW_FIT_CATEGORY]) {
    catf = kw_malloc(ctx, (a->n ? a->n : 1) * sizeof *catf);
    if (!catf) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    if ((st = category_flags(a, p, catf))) goto done;
  }
  const kw_customer_summary *s = a->s;
  for (size_t i = 0; i < a->n; i++) {
    fit[i] = NAN;
    met[i] = 0;
    if (s->first[i] == KW_NA_DATE) continue;
    double wsum = 0, wmet = 0;
    uint32_t m = 0;
#define CHECK(crit, ok)                     \
  do {                                      \
    wsum += p->weight[crit];                \
    if (ok) {                               \
      wmet += p->weight[crit];              \
      m |= 1u << (crit);                    \
    }                                       \
  } while (0)
    for (size_t l = 0; l < NL_; l++) {
      if (!match[l]) continue;
      uint32_t c = at->code[lists[l].a][i];
      if (c == 0) continue;
      CHECK(lists[l].c, match[l][c]);
    }
    if (catf && catf[i] >= 0) CHECK(KW_FIT_CATEGORY, catf[i] == 1);
    if (p->set[KW_FIT_MIN_ORDERS])
      CHECK(KW_FIT_MIN_ORDERS, kw_seg_orders_per_year(s, i) >=
                                   p->number[KW_FIT_MIN_ORDERS]);
    if (p->set[KW_FIT_MIN_REVENUE]) {
      double years = ((double)(a->as_of - s->first[i]) + 1.0) / 365.25;
      if (years < 1) years = 1;
      CHECK(KW_FIT_MIN_REVENUE, (double)s->revenue[i] / 100.0 / years >=
                                    p->number[KW_FIT_MIN_REVENUE]);
    }
    if (p->set[KW_FIT_MIN_MARGIN] && a->pd &&
        !(a->pd->flags[i] & KW_PROFIT_NO_COST) && s->revenue[i] > 0)
      CHECK(KW_FIT_MIN_MARGIN,
            (double)a->pd->contribution[i] / (double)s->revenue[i] >=
                p->number[KW_FIT_MIN_MARGIN]);
    if (p->set[KW_FIT_MAX_DAYS_LATE] && a->pp && i < a->pp->n &&
        a->pp->settled[i] > 0)
      CHECK(KW_FIT_MAX_DAYS_LATE,
            a->pp->days_late[i] <= p->number[KW_FIT_MAX_DAYS_LATE]);
#undef CHECK
    if (wsum > 0) fit[i] = wmet / wsum;
    met[i] = m;
  }
done:
  for (size_t l = 0; l < NL_; l++) kw_free(ctx, match[l]);
  kw_free(ctx, catf);
  return st;
}
