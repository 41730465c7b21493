/*
 * analysis.c — the basket analysis as one call (kw_basket_analyze): which
 * baskets, which items, which segments and which customers count, in one
 * place, so that the command-line tool and an embedder get the same
 * answers. The formulas are in klantwijs/basket.h (FP-growth support
 * threshold, rule measures, next-best score, penetration shares, upsell
 * quartiles); this file only chains the steps and settles the choices the
 * header states:
 *   - penetration: customer histories, and categories when the sales
 *     lines have them and the level was not given;
 *   - recommend: rules from the baskets of the unit asked for, scored
 *     against each customer's whole history;
 *   - itemsets: ordered by support (or kept as mined), then cut to top_n;
 *   - segments: RFM segments or a customers-table column, merged by the
 *     one privacy rule of klantwijs/groups.h; penetration counts every
 *     customer, upsell only the customers its rule scores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klantwijs/summary.h"
#include "klantwijs/value.h"
#include "models/basket/basket_internal.h"

struct kw_basket_analysis {
  kw_context *ctx;
  kw_basket_analysis_view v;
  kw_baskets *b, *h;
  kw_itemsets *s;
  uint32_t *order;
  kw_rules *r;
  kw_next_best *nb;
  kw_penetration *pen;
  uint32_t *pen_items;
  kw_upsell *ups;
  kw_summary *sum;
  kw_rfm *rfm;
  kw_groups *g;
  char *segment_column;
  const char **names;
};

void kw_basket_analysis_options_init(kw_basket_analysis_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->mode = KW_BASKET_MODE_RULES;
  o->unit = KW_BASKET_BY_ORDER;
  o->level = KW_BASKET_PRODUCTS;
  o->support = 0.01;
  o->min_len = 1;
  o->max_len = 10;
  o->max_consequent = 1;
  o->kind = KW_ITEMSETS_ALL;
  o->max_itemsets = 1000000;
  o->min_confidence = 0.5;
  o->sort_by = KW_MEASURE_LIFT;
  o->lhs_match = o->rhs_match = KW_MATCH_ANY;
  o->recommend = 3;
  o->min_orders = 1;
  o->as_of = KW_NA_DATE;
}

void kw_basket_analysis_free(kw_basket_analysis *a) {
  if (!a) return;
  kw_context *ctx = a->ctx;
  kw_upsell_free(a->ups);
  kw_penetration_free(a->pen);
  kw_next_best_free(a->nb);
  kw_rules_free(a->r);
  kw_itemsets_free(a->s);
  kw_baskets_free(a->h);
  kw_baskets_free(a->b);
  kw_groups_free(a->g);
  kw_rfm_free(a->rfm);
  kw_summary_free(a->sum);
  kw_free(ctx, a->order);
  kw_free(ctx, a->pen_items);
  kw_free(ctx, a->segment_column);
  kw_free(ctx, (void *)a->names);
  kw_free(ctx, a);
}

const kw_basket_analysis_view *kw_basket_analysis_view_of(
    const kw_basket_analysis *a) {
  return a ? &a->v : NULL;
}

/* ------------------------------------------------------------ baskets */

static kw_status load_baskets(kw_basket_analysis *a, const kw_dataset *ds,
                              kw_basket_analysis_options *o) {
  kw_context *ctx = a->ctx;
  kw_status st;
  if (o->baskets_file) {
    kw_basket_read_options ro;
    kw_basket_read_options_init(&ro);
    ro.delimiter = o->delimiter;
    return kw_baskets_read(ctx, o->baskets_file, &ro, &a->b);
  }
  const kw_table *tx = ds ? kw_dataset_table(ds, KW_TABLE_TRANSACTIONS) : NULL;
  if (!tx) return kw_fail(ctx, KW_EMISSING, "no transactions table");
  a->v.has_invoice = kw_table_role(tx, KW_ROLE_INVOICE) != NULL;
  a->v.customers = kw_dataset_customers(ds);
  if (o->mode == KW_BASKET_MODE_PENETRATION && !o->level_given)
    o->level = kw_table_role(tx, KW_ROLE_CATEGORY) ? KW_BASKET_CATEGORIES
                                                   : KW_BASKET_PRODUCTS;
  kw_basket_options bo;
  kw_basket_options_init(&bo);
  bo.unit = o->mode == KW_BASKET_MODE_PENETRATION ? KW_BASKET_BY_CUSTOMER
                                                  : o->unit;
  bo.level = o->level;
  bo.as_of = o->as_of;
  if ((st = kw_baskets_from_table(ctx, tx, &bo, &a->b))) return st;
  if (o->mode == KW_BASKET_MODE_RECOMMEND && o->unit != KW_BASKET_BY_CUSTOMER) {
    bo.unit = KW_BASKET_BY_CUSTOMER;
    if ((st = kw_baskets_from_table(ctx, tx, &bo, &a->h))) return st;
  }
  return KW_OK;
}

/* Per item, a display name from the product-name column (products only). */
static kw_status product_names(kw_basket_analysis *a, const kw_dataset *ds,
                               const kw_basket_analysis_options *o) {
  if (o->level != KW_BASKET_PRODUCTS) return KW_OK;
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_column *pc = kw_table_role(tx, KW_ROLE_PRODUCT);
  const kw_column *nc = kw_table_role(tx, KW_ROLE_PRODUCT_NAME);
  if (!pc || !nc || pc->type != KW_TYPE_TEXT || nc->type != KW_TYPE_TEXT)
    return KW_OK;
  const kw_basket_view *hv = kw_baskets_view(a->h ? a->h : a->b);
  size_t n_items = hv->n_items;
  const char **names = kw_calloc(a->ctx, n_items ? n_items : 1, sizeof *names);
  if (!names) return kw_fail_nomem(a->ctx);
  size_t rows = kw_table_rows(tx);
  for (size_t r = 0; r < rows; r++) {
    uint32_t p = pc->v.text[r], q = nc->v.text[r];
    if (p < n_items && q != KW_NA_ID && !names[p])
      names[p] = kw_dict_str(nc->dict, q);
  }
  for (size_t i = 0; i < n_items; i++)
    if (!names[i]) names[i] = "";
  a->names = names;
  a->v.product_names = names;
  return KW_OK;
}

/* ------------------------------------------------------------ mining */

static const uint32_t *sort_count;
static int by_count_desc(const void *x, const void *y) {
  uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
  if (sort_count[i] != sort_count[j])
    return sort_count[i] > sort_count[j] ? -1 : 1;
  return (i > j) - (i < j);
}
static int by_count_asc(const void *x, const void *y) {
  uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
  if (sort_count[i] != sort_count[j])
    return sort_count[i] < sort_count[j] ? -1 : 1;
  return (i > j) - (i < j);
}

/* The itemsets in the order shown: by count (ties by mining order), or as
 * mined (reversed when ascending); the first top_n. */
static kw_status order_itemsets(kw_basket_analysis *a,
                                const kw_basket_analysis_options *o) {
  const kw_itemset_view *sv = kw_itemsets_view(a->s);
  size_t n = sv->n;
  a->order = kw_calloc(a->ctx, n ? n : 1, sizeof *a->order);
  if (!a->order) return kw_fail_nomem(a->ctx);
  for (size_t i = 0; i < n; i++) a->order[i] = (uint32_t)i;
  if (o->sort_by != KW_MEASURE_NONE) {
    sort_count = sv->count;
    qsort(a->order, n, sizeof *a->order,
          o->ascending ? by_count_asc : by_count_desc);
  } else if (o->ascending && n) {
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
      uint32_t t = a->order[i];
      a->order[i] = a->order[j];
      a->order[j] = t;
    }
  }
  a->v.itemset_view = sv;
  a->v.itemset_order = a->order;
  a->v.n_itemset_rows = o->top_n && o->top_n < n ? o->top_n : n;
  return KW_OK;
}

static kw_status resolve(kw_basket_analysis *a, const char *const *names,
                         size_t n, uint32_t *ids) {
  for (size_t i = 0; i < n; i++) {
    ids[i] = kw_baskets_find_item(a->b, names[i]);
    if (ids[i] == KW_NA_ID)
      return kw_fail_tpl(a->ctx, KW_EARG, "model.e.basket_no_item",
                         "no item '{item}' in the baskets (names are "
                         "matched exactly)",
                         "item", names[i], NULL);
  }
  return KW_OK;
}

static kw_status mine(kw_basket_analysis *a,
                      const kw_basket_analysis_options *o,
                      kw_basket_step *step) {
  kw_context *ctx = a->ctx;
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.support = o->support;
  io.min_count = o->min_count;
  io.min_len = o->min_len;
  io.max_len = o->max_len;
  io.kind = o->mode == KW_BASKET_MODE_ITEMSETS ? o->kind : KW_ITEMSETS_ALL;
  io.max_itemsets = o->max_itemsets;
  *step = KW_BASKET_STEP_ITEMSETS;
  kw_status st = kw_itemsets_mine(ctx, a->b, &io, &a->s);
  if (st) return st;
  a->v.itemsets = a->s;
  a->v.itemset_view = kw_itemsets_view(a->s);
  if (o->mode == KW_BASKET_MODE_ITEMSETS) return order_itemsets(a, o);
  *step = KW_BASKET_STEP_RULES;
  size_t nl = o->n_lhs, nr = o->n_rhs;
  uint32_t *ids = kw_calloc(ctx, nl + nr + 1, sizeof *ids);
  if (!ids) return kw_fail_nomem(ctx);
  st = resolve(a, o->lhs, nl, ids);
  if (!st) st = resolve(a, o->rhs, nr, ids + nl);
  if (!st) {
    kw_rule_options ro;
    kw_rule_options_init(&ro);
    ro.min_confidence = o->min_confidence;
    ro.min_lift = o->min_lift;
    ro.max_consequent = o->max_consequent;
    ro.sort_by = o->sort_by;
    ro.ascending = o->ascending;
    if (o->mode == KW_BASKET_MODE_RULES) ro.top_n = o->top_n;
    ro.lhs = (kw_item_filter){ids, nl, o->lhs_match};
    ro.rhs = (kw_item_filter){ids + nl, nr, o->rhs_match};
    st = kw_rules_build(ctx, a->s, &ro, &a->r);
  }
  kw_free(ctx, ids);
  a->v.rules = a->r;
  return st;
}

/* ------------------------------------------------------------ segments */

/* The customers-table column of --segment-by, checked: not personal data,
 * not the id, text or yes/no, and a customer id column to join on. */
static kw_status segment_column(kw_context *ctx, const kw_table *ct,
                                const char *col, const kw_column **out) {
  if (!ct)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.basket_segment_customers",
                       "--segment-by {col} needs a customers table "
                       "(customers.csv in the data folder, or --customers "
                       "FILE)",
                       "col", col, NULL);
  const kw_column *k = kw_table_find(ct, col);
  if (!k) {
    kw_role r = kw_role_from_name(col);
    if (r != KW_ROLE__COUNT && r != KW_ROLE_NONE) k = kw_table_role(ct, r);
  }
  if (!k) {
    char list[1024];
    size_t at = 0;
    list[0] = '\0';
    for (size_t j = 0; j < kw_table_ncols(ct) && at < sizeof list; j++)
      at += (size_t)snprintf(list + at, sizeof list - at, "%s '%s'",
                             j ? "," : "", kw_table_col(ct, j)->name);
    return kw_fail_tpl(ctx, KW_EARG, "model.e.basket_segment_no_column",
                       "the customers table has no column '{col}'; its "
                       "columns are:{columns}",
                       "col", col, "columns", list, NULL);
  }
  if (kw_role_is_personal(k->role))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.basket_segment_personal",
                       "--segment-by: '{col}' is personal data ({role}); "
                       "choose another column",
                       "col", k->name, "role", kw_role_name(k->role), NULL);
  if (k->role == KW_ROLE_CUSTOMER)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.basket_segment_id",
                       "--segment-by: '{col}' is the customer id", "col",
                       k->name, NULL);
  if (k->type != KW_TYPE_TEXT && k->type != KW_TYPE_FLAG)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.basket_segment_type",
                       "--segment-by needs a text or yes/no column; '{col}' "
                       "holds a {type}",
                       "col", k->name, "type", kw_type_name(k->type), NULL);
  if (!kw_table_role(ct, KW_ROLE_CUSTOMER))
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.basket_segment_no_id",
                       "the customers table has no customer id column",
                       NULL);
  *out = k;
  return KW_OK;
}

/*
 * Segments of the summary's customers after the privacy rule. counted:
 * the customers whose rule counts them (NULL: all). RFM groups are
 * labelled by their segment key; a writer names them in its language.
 */
static kw_status build_segments(kw_basket_analysis *a, const kw_dataset *ds,
                                const kw_basket_analysis_options *o,
                                const bool *counted) {
  kw_context *ctx = a->ctx;
  const kw_customer_summary *sv = kw_summary_view(a->sum);
  kw_groups_options go;
  kw_groups_options_init(&go);
  go.counted = counted;
  kw_status st;
  if (o->segment_by) {
    const kw_table *ct = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
    const kw_column *k = NULL;
    if ((st = segment_column(ctx, ct, o->segment_by, &k))) return st;
    if (!(a->segment_column = kw_strdup(ctx, k->name)))
      return kw_fail_nomem(ctx);
    a->v.segment_column = a->segment_column;
    st = kw_groups_compute(ctx, ct, k->name, sv->n, &go, &a->g);
  } else {
    kw_rfm_options ro;
    kw_rfm_options_init(&ro);
    if ((st = kw_rfm_compute(ctx, sv, &ro, &a->rfm))) return st;
    a->v.rfm = a->rfm;
    const kw_rfm_data *d = kw_rfm_view(a->rfm);
    uint32_t *raw = kw_calloc(ctx, d->n ? d->n : 1, sizeof *raw);
    const char **keys = kw_calloc(ctx, d->n_segments + 1, sizeof *keys);
    if (!raw || !keys) {
      st = kw_fail_nomem(ctx);
    } else {
      for (size_t i = 0; i < d->n; i++)
        raw[i] = d->segment[i] == KW_RFM_NONE ? KW_NA_ID : d->segment[i];
      for (size_t j = 0; j < d->n_segments; j++) keys[j] = d->segments[j].key;
      st = kw_groups_compute_codes(ctx, raw, d->n, d->n_segments, keys, NULL,
                                   &go, &a->g);
    }
    kw_free(ctx, raw);
    kw_free(ctx, (void *)keys);
  }
  if (st) return st;
  const kw_groups_data *g = kw_groups_view(a->g);
  a->v.groups = g;
  if (g->n == 0) {
    char min[16];
    snprintf(min, sizeof min, "%d", KW_PRIVACY_MIN);
    return o->segment_by
               ? kw_fail_tpl(ctx, KW_EEMPTY, "model.e.basket_no_group",
                             "no group of {min} customers or more by {by}: "
                             "nothing can be shown (privacy)",
                             "min", min, "by", a->segment_column, NULL)
               : kw_fail_tpl(ctx, KW_EEMPTY, "model.e.basket_no_group_rfm",
                             "no group of {min} customers or more by RFM "
                             "segment: nothing can be shown (privacy)",
                             "min", min, NULL);
  }
  return KW_OK;
}

static kw_status summarize(kw_basket_analysis *a, const kw_dataset *ds,
                           const kw_basket_analysis_options *o) {
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = o->as_of;
  return kw_summary_build(a->ctx, ds, &so, &a->sum);
}

/* Group codes for customers 0..n-1 (KW_NA_ID past the groups' rows). */
static kw_status group_codes(kw_basket_analysis *a, size_t n, uint32_t **out) {
  const kw_groups_data *g = a->v.groups;
  uint32_t *code = kw_calloc(a->ctx, n ? n : 1, sizeof *code);
  if (!code) return kw_fail_nomem(a->ctx);
  for (size_t c = 0; c < n; c++)
    code[c] = c < g->n_customers ? g->code[c] : KW_NA_ID;
  *out = code;
  return KW_OK;
}

static const double *pen_share;
static int by_share_desc(const void *x, const void *y) {
  uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
  if (pen_share[i] != pen_share[j]) return pen_share[i] > pen_share[j] ? -1 : 1;
  return (i > j) - (i < j);
}

static kw_status penetration(kw_basket_analysis *a, const kw_dataset *ds,
                             const kw_basket_analysis_options *o,
                             kw_basket_step *step) {
  kw_context *ctx = a->ctx;
  *step = KW_BASKET_STEP_SEGMENTS;
  kw_status st = summarize(a, ds, o);
  if (!st) st = build_segments(a, ds, o, NULL);
  if (st) return st;
  *step = KW_BASKET_STEP_RESULT;
  size_t nc = kw_summary_view(a->sum)->n;
  uint32_t *code = NULL;
  if ((st = group_codes(a, nc, &code))) return st;
  st = kw_penetration_build(ctx, a->b, code, nc, NULL, a->v.groups->n,
                            &a->pen);
  kw_free(ctx, code);
  if (st) return st;
  a->v.penetration = a->pen;
  /* items with a buyer in any basket, by overall share (ties by id) */
  const kw_penetration_data *p = kw_penetration_view(a->pen);
  const kw_basket_view *bv = kw_baskets_view(a->b);
  a->pen_items = kw_calloc(ctx, p->n_items ? p->n_items : 1,
                           sizeof *a->pen_items);
  if (!a->pen_items) return kw_fail_nomem(ctx);
  size_t m = 0;
  for (size_t i = 0; i < p->n_items; i++)
    if (bv->item_count[i] > 0) a->pen_items[m++] = (uint32_t)i;
  pen_share = p->all_share;
  qsort(a->pen_items, m, sizeof *a->pen_items, by_share_desc);
  a->v.penetration_items = a->pen_items;
  a->v.n_penetration_items = m;
  return KW_OK;
}

static kw_status upsell(kw_basket_analysis *a, const kw_dataset *ds,
                        const kw_basket_analysis_options *o,
                        kw_basket_step *step) {
  kw_context *ctx = a->ctx;
  *step = KW_BASKET_STEP_SEGMENTS;
  kw_status st = summarize(a, ds, o);
  if (st) return st;
  /* group sizes count the customers the upsell rule scores */
  const kw_customer_summary *sv = kw_summary_view(a->sum);
  bool *counted = kw_calloc(ctx, sv->n ? sv->n : 1, sizeof *counted);
  if (!counted) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < sv->n; i++)
    counted[i] = sv->orders[i] >= o->min_orders && sv->orders[i] > 0 &&
                 sv->revenue[i] != KW_NA_MONEY;
  st = build_segments(a, ds, o, counted);
  kw_free(ctx, counted);
  if (st) return st;
  *step = KW_BASKET_STEP_RESULT;
  uint32_t *code = NULL;
  if ((st = group_codes(a, sv->n, &code))) return st;
  kw_upsell_options uo;
  kw_upsell_options_init(&uo);
  uo.fraction = o->upsell_fraction;
  uo.min_orders = o->min_orders;
  st = kw_upsell_build(ctx, sv->n, sv->revenue, sv->orders, code, NULL,
                       a->v.groups->n, &uo, &a->ups);
  kw_free(ctx, code);
  a->v.upsell = a->ups;
  return st;
}

/* ------------------------------------------------------------ the call */

kw_status kw_basket_analyze(kw_context *ctx, const kw_dataset *ds,
                            const kw_basket_analysis_options *opt,
                            kw_basket_analysis **out,
                            kw_basket_step *failed_step) {
  kw_basket_step step_store, *step = failed_step ? failed_step : &step_store;
  *step = KW_BASKET_STEP_NONE;
  if (!out) return kw_fail(ctx, KW_EARG, "basket analysis: out is NULL");
  *out = NULL;
  kw_basket_analysis_options o;
  if (opt)
    o = *opt;
  else
    kw_basket_analysis_options_init(&o);
  bool file = o.baskets_file != NULL;
  if (!file && !ds) return kw_fail(ctx, KW_EARG, "basket analysis: no data");
  if (file && (o.mode == KW_BASKET_MODE_RECOMMEND ||
               o.mode == KW_BASKET_MODE_PENETRATION ||
               o.mode == KW_BASKET_MODE_UPSELL))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.basket_file_mode",
                       "--recommend, --penetration and --upsell need sales "
                       "lines with customers, not a basket file",
                       NULL);
  kw_basket_analysis *a = kw_calloc(ctx, 1, sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  a->ctx = ctx;
  *step = KW_BASKET_STEP_BASKETS;
  kw_status st = load_baskets(a, ds, &o);
  if (st) goto fail;
  a->v.baskets = a->b;
  a->v.histories = a->h;
  switch (o.mode) {
    case KW_BASKET_MODE_PENETRATION:
      st = penetration(a, ds, &o, step);
      break;
    case KW_BASKET_MODE_UPSELL:
      st = upsell(a, ds, &o, step);
      break;
    case KW_BASKET_MODE_RECOMMEND: {
      if ((st = mine(a, &o, step))) break;
      *step = KW_BASKET_STEP_RESULT;
      kw_next_best_options no;
      kw_next_best_options_init(&no);
      no.top_n = o.recommend;
      st = kw_next_best_build(ctx, a->r, a->h ? a->h : a->b, &no, &a->nb);
      a->v.next_best = a->nb;
      if (!st) st = product_names(a, ds, &o);
      break;
    }
    default:
      st = mine(a, &o, step);
      break;
  }
  if (st) goto fail;
  o.lhs = o.rhs = NULL;
  o.segment_by = NULL;
  o.baskets_file = NULL;
  a->v.options = o;
  *step = KW_BASKET_STEP_NONE;
  *out = a;
  return KW_OK;
fail:
  kw_basket_analysis_free(a);
  return st;
}
