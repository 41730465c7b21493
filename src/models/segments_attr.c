/*
 * segments_attr.c — every buying customer's attributes as dense codes:
 * sector, size, customer type and acquisition channel from the customers
 * table; province and region from its postcode (src/data/postcodes.c);
 * tenure band, payment class, RFM segment, ABC class, number of product
 * categories and value band from the analysis.
 *
 * Columns are found by role, else by header: customer type "klanttype",
 * "customer_type", "type", "soort", "klantsoort"; acquisition channel
 * "acquisitiekanaal", "acquisition_channel", "kanaal", "channel", "bron";
 * country "land", "country". A bare four-digit postcode is Dutch when the
 * country column says so, else when most postcodes of the table carry the
 * two letters of a Dutch code, else Belgian.
 *
 * Bands: tenure (as-of minus first purchase) < 1 year, 1-2, 2-5, 5+
 * years; categories 1, 2, 3-4, 5+; value: the top 20% (value score >=
 * 0.8), the next 30% (>= 0.5), the bottom 50%.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "models/segments_internal.h"

static const char *const tenure_keys[] = {"unknown", "tenure_lt1",
                                          "tenure_1_2", "tenure_2_5",
                                          "tenure_5plus"};
static const char *const cat_keys[] = {"unknown", "categories_1",
                                       "categories_2", "categories_3_4",
                                       "categories_5plus"};
static const char *const value_keys[] = {"unknown", "value_top20",
                                         "value_middle30", "value_bottom50"};
static const char *const abc_keys[] = {"unknown", "A", "B", "C"};
static const char *const pay_keys[] = {"unknown", "none", "fast", "slow",
                                       "problematic"};

static const kw_column *find_col(const kw_table *t, kw_role role,
                                 const char *const *names) {
  if (!t) return NULL;
  const kw_column *c = role != KW_ROLE_NONE ? kw_table_role(t, role) : NULL;
  for (size_t i = 0; !c && names[i]; i++) c = kw_table_find(t, names[i]);
  return c && c->type == KW_TYPE_TEXT ? c : NULL;
}

static kw_status text_attr(kw_context *ctx, kw_seg_attrs *at, kw_seg_attr a,
                           const kw_table *t, const kw_column *cust,
                           const kw_column *col) {
  if (!col || !cust) return KW_OK;
  size_t nd = kw_dict_size(col->dict), rows = kw_table_rows(t);
  uint32_t *remap = kw_calloc(ctx, nd + 1, sizeof *remap);
  const char **name = kw_calloc(ctx, nd + 1, sizeof *name);
  if (!remap || !name) {
    kw_free(ctx, remap);
    kw_free(ctx, name);
    return kw_fail_nomem(ctx);
  }
  size_t nc = 1;
  name[0] = "unknown";
  for (size_t r = 0; r < rows; r++) {
    uint32_t id = col->v.text[r], c = cust->v.text[r];
    if (c == KW_NA_ID || c >= at->n) continue;
    /* a customer's value is that of its last row with a value: an empty
       cell never overwrites one */
    if (id == KW_NA_ID || id >= nd || kw_dict_len(col->dict, id) == 0)
      continue;
    if (!remap[id]) {
      remap[id] = (uint32_t)nc;
      name[nc++] = kw_dict_str(col->dict, id);
    }
    at->code[a][c] = remap[id];
  }
  kw_free(ctx, remap);
  at->name[a] = name;
  at->ncodes[a] = nc;
  at->has[a] = nc > 1;
  return KW_OK;
}

static kw_status static_names(kw_context *ctx, kw_seg_attrs *at,
                              kw_seg_attr a, const char *const *keys,
                              size_t n) {
  at->name[a] = kw_malloc(ctx, n * sizeof *at->name[a]);
  if (!at->name[a]) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < n; i++) at->name[a][i] = keys[i];
  at->ncodes[a] = n;
  return KW_OK;
}

/* Whether a country cell says the Netherlands. */
static kw_country country_of(const char *s) {
  if (!s || !*s) return KW_COUNTRY_AUTO;
  static const char *const nl[] = {"nl", "nld", "nederland", "netherlands",
                                   "the netherlands", "holland", "pays-bas",
                                   NULL};
  static const char *const be[] = {"be", "bel", "belgie", "belgië",
                                   "belgium", "belgique", NULL};
  for (size_t i = 0; nl[i]; i++)
    if (strcasecmp(s, nl[i]) == 0) return KW_COUNTRY_NL;
  for (size_t i = 0; be[i]; i++)
    if (strcasecmp(s, be[i]) == 0) return KW_COUNTRY_BE;
  return KW_COUNTRY_AUTO;
}

static bool dutch_form(const char *s) {
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) n--;
  return n >= 6 && isalpha((unsigned char)s[n - 1]) &&
         isalpha((unsigned char)s[n - 2]) && isdigit((unsigned char)s[n - 3]);
}

static kw_status postcode_attrs(kw_context *ctx, kw_seg_attrs *at,
                                const kw_table *t, const kw_column *cust) {
  static const char *const pc_names[] = {"postcode", "postal_code", "zip",
                                         NULL};
  static const char *const land_names[] = {"land", "country", "landcode",
                                           "country_code", NULL};
  const kw_column *pc = find_col(t, KW_ROLE_POSTCODE, pc_names);
  const kw_column *land = find_col(t, KW_ROLE_NONE, land_names);
  at->name[KW_SEG_PROVINCE] =
      kw_malloc(ctx, KW_PROV__COUNT * sizeof(const char *));
  at->name[KW_SEG_REGION] =
      kw_malloc(ctx, KW_REGION__COUNT * sizeof(const char *));
  if (!at->name[KW_SEG_PROVINCE] || !at->name[KW_SEG_REGION])
    return kw_fail_nomem(ctx);
  for (int p = 0; p < KW_PROV__COUNT; p++)
    at->name[KW_SEG_PROVINCE][p] = kw_province_key((kw_province)p);
  for (int r = 0; r < KW_REGION__COUNT; r++)
    at->name[KW_SEG_REGION][r] = kw_region_key((kw_region)r);
  at->ncodes[KW_SEG_PROVINCE] = KW_PROV__COUNT;
  at->ncodes[KW_SEG_REGION] = KW_REGION__COUNT;
  if (!pc || !cust) return KW_OK;
  size_t rows = kw_table_rows(t), dutch = 0, coded = 0;
  for (size_t r = 0; r < rows; r++) {
    uint32_t id = pc->v.text[r];
    if (id == KW_NA_ID) continue;
    coded++;
    dutch += dutch_form(kw_dict_str(pc->dict, id));
  }
  kw_country def = dutch * 2 > coded ? KW_COUNTRY_NL : KW_COUNTRY_BE;
  size_t known = 0;
  for (size_t r = 0; r < rows; r++) {
    uint32_t id = pc->v.text[r], c = cust->v.text[r];
    if (c == KW_NA_ID || c >= at->n || id == KW_NA_ID ||
        kw_dict_len(pc->dict, id) == 0)
      continue;
    kw_country cn = def;
    if (land && land->v.text[r] != KW_NA_ID) {
      kw_country l = country_of(kw_dict_str(land->dict, land->v.text[r]));
      if (l != KW_COUNTRY_AUTO) cn = l;
    }
    kw_province p = kw_postcode_province(kw_dict_str(pc->dict, id), cn);
    at->code[KW_SEG_PROVINCE][c] = (uint32_t)p;
    at->code[KW_SEG_REGION][c] = (uint32_t)kw_province_region(p);
    known += p != KW_PROV_UNKNOWN;
  }
  at->has[KW_SEG_PROVINCE] = at->has[KW_SEG_REGION] = known > 0;
  return KW_OK;
}

kw_status kw_seg_attrs_build(kw_analysis *a, kw_seg_attrs *at) {
  kw_context *ctx = a->ctx;
  memset(at, 0, sizeof *at);
  at->n = a->n;
  for (int k = 0; k < KW_SEG__COUNT; k++) {
    at->code[k] = kw_calloc(ctx, a->n ? a->n : 1, sizeof(uint32_t));
    if (!at->code[k]) return kw_fail_nomem(ctx);
  }
  const kw_table *t = kw_dataset_table(a->ds, KW_TABLE_CUSTOMERS);
  const kw_column *cust = t ? kw_table_role(t, KW_ROLE_CUSTOMER) : NULL;
  static const char *const none[] = {NULL};
  static const char *const type_names[] = {
      "klanttype", "customer_type", "customertype", "klantsoort", "type",
      "soort", "segment_type", NULL};
  static const char *const chan_names[] = {
      "acquisitiekanaal", "acquisition_channel", "acquisitie_kanaal",
      "kanaal", "channel", "bron", "source", "lead_source", NULL};
  kw_status st;
  if ((st = text_attr(ctx, at, KW_SEG_SECTOR, t, cust,
                      find_col(t, KW_ROLE_SECTOR, none))) ||
      (st = text_attr(ctx, at, KW_SEG_SIZE, t, cust,
                      find_col(t, KW_ROLE_SIZE, none))) ||
      (st = text_attr(ctx, at, KW_SEG_TYPE, t, cust,
                      find_col(t, KW_ROLE_NONE, type_names))) ||
      (st = text_attr(ctx, at, KW_SEG_CHANNEL, t, cust,
                      find_col(t, KW_ROLE_CHANNEL, chan_names))) ||
      (st = postcode_attrs(ctx, at, t, cust)))
    return st;
  for (int k = KW_SEG_SECTOR; k <= KW_SEG_CHANNEL; k++)
    if (!at->name[k] && (st = static_names(ctx, at, (kw_seg_attr)k,
                                           tenure_keys, 1)))
      return st;
  /* bands and classes from the analysis */
  if ((st = static_names(ctx, at, KW_SEG_TENURE, tenure_keys, 5)) ||
      (st = static_names(ctx, at, KW_SEG_CATEGORIES, cat_keys, 5)) ||
      (st = static_names(ctx, at, KW_SEG_VALUE, value_keys, 4)) ||
      (st = static_names(ctx, at, KW_SEG_ABC, abc_keys, 4)) ||
      (st = static_names(ctx, at, KW_SEG_PAY_CLASS, pay_keys, 5)) ||
      (st = static_names(ctx, at, KW_SEG_CLUSTER, tenure_keys, 1)))
    return st;
  size_t nrfm = a->rd ? a->rd->n_segments : 0;
  at->name[KW_SEG_RFM] = kw_malloc(ctx, (nrfm + 1) * sizeof(const char *));
  if (!at->name[KW_SEG_RFM]) return kw_fail_nomem(ctx);
  at->name[KW_SEG_RFM][0] = "unknown";
  for (size_t g = 0; g < nrfm; g++)
    at->name[KW_SEG_RFM][g + 1] = a->rd->segments[g].key;
  at->ncodes[KW_SEG_RFM] = nrfm + 1;
  const kw_customer_summary *s = a->s;
  at->has[KW_SEG_TENURE] = true;
  at->has[KW_SEG_CATEGORIES] = s->has_category;
  at->has[KW_SEG_VALUE] = a->value_score != NULL;
  at->has[KW_SEG_ABC] = a->par != NULL;
  at->has[KW_SEG_PAY_CLASS] = a->pp != NULL;
  at->has[KW_SEG_RFM] = nrfm > 0;
  for (size_t i = 0; i < a->n; i++) {
    if (s->first[i] == KW_NA_DATE) continue;
    double years = (double)(a->as_of - s->first[i]) / 365.25;
    at->code[KW_SEG_TENURE][i] = years < 1 ? 1 : years < 2 ? 2
                                 : years < 5 ? 3 : 4;
    if (s->has_category) {
      uint32_t c = s->n_categories[i];
      at->code[KW_SEG_CATEGORIES][i] = c == 0 ? 0 : c == 1 ? 1 : c == 2 ? 2
                                       : c <= 4 ? 3 : 4;
    }
    if (a->value_score && !isnan(a->value_score[i])) {
      double v = a->value_score[i];
      at->code[KW_SEG_VALUE][i] = v >= 0.8 ? 1 : v >= 0.5 ? 2 : 3;
    }
    if (a->par && a->par->abc[i] >= 1 && a->par->abc[i] <= 3)
      at->code[KW_SEG_ABC][i] = a->par->abc[i];
    if (a->pp && i < a->pp->n && a->pp->pay_class[i] < KW_PAY__COUNT)
      at->code[KW_SEG_PAY_CLASS][i] = a->pp->pay_class[i] + 1u;
    if (a->rd && a->rd->segment[i] != KW_RFM_NONE &&
        a->rd->segment[i] < nrfm)
      at->code[KW_SEG_RFM][i] = a->rd->segment[i] + 1u;
  }
  return KW_OK;
}

void kw_seg_attrs_free(kw_context *ctx, kw_seg_attrs *at) {
  if (!at) return;
  for (int k = 0; k < KW_SEG__COUNT; k++) {
    kw_free(ctx, at->code[k]);
    kw_free(ctx, (void *)at->name[k]);
  }
  for (size_t i = 0; i < at->n_owned; i++) kw_free(ctx, at->owned[i]);
  kw_free(ctx, at->owned);
  memset(at, 0, sizeof *at);
}

double kw_seg_orders_per_year(const kw_customer_summary *s, size_t i) {
  if (s->first[i] == KW_NA_DATE) return NAN;
  double days = (double)(s->as_of - s->first[i]) + 1.0;
  if (days < 365.25) days = 365.25;
  return (double)s->orders[i] * 365.25 / days;
}
