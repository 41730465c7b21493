/*
 * churn_driver_rows.c — the rows and feature columns of the churn-driver
 * model (rules in klantwijs/retention.h, "churn-driver rows").
 *
 * Design: the rows are chosen once (customers with a status, and for
 * purchases a first purchase on or before the cutoff), then each feature
 * is one array over those rows, owned here and shown to the model as a
 * kw_column view. Behaviour comes from a second per-customer summary
 * built with as_of = cutoff, so nothing after the cutoff (which defines
 * the label) can leak into a feature. Attributes of the customers table
 * take one value per customer by the rule of klantwijs/groups.h.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "klantwijs/groups.h"
#include "klantwijs/retention.h"
#include "klantwijs/summary.h"

#define MAX_FEATURES 256
#define MAX_CATEGORY_LEVELS 50

struct kw_churn_driver_rows {
  kw_context *ctx;
  kw_churn_driver_rows_data v;
  uint32_t *customer;
  int8_t *churned;
  kw_column col[MAX_FEATURES];
  const kw_column *ptr[MAX_FEATURES];
  void *mem[MAX_FEATURES];
  size_t nf;
};

void kw_churn_driver_rows_free(kw_churn_driver_rows *r) {
  if (!r) return;
  for (size_t j = 0; j < r->nf; j++) kw_free(r->ctx, r->mem[j]);
  kw_free(r->ctx, r->customer);
  kw_free(r->ctx, r->churned);
  kw_free(r->ctx, r);
}

const kw_churn_driver_rows_data *kw_churn_driver_rows_view(
    const kw_churn_driver_rows *r) {
  return r ? &r->v : NULL;
}

/* A decimal number with '.' or ',' as the mark and optional blanks,
 * read without the locale: the digits as an integer (exact below 2^53,
 * at most 15 digits) divided by a power of ten (exact up to 10^22), so the
 * result is the correctly rounded value, as strtod gives. */
static bool number_text(const char *s, double *out) {
  static const double p10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,
                                 1e6, 1e7, 1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15};
  while (*s == ' ' || *s == '\t') s++;
  bool neg = false;
  if (*s == '-' || *s == '+') neg = *s++ == '-';
  uint64_t v = 0;
  int digits = 0, marks = 0, frac = 0;
  for (; *s; s++) {
    if (isdigit((unsigned char)*s)) {
      if (++digits > 15) return false;
      v = v * 10 + (uint64_t)(*s - '0');
      if (marks) frac++;
    } else if ((*s == '.' || *s == ',') && marks == 0) {
      marks++;
    } else {
      break;
    }
  }
  while (*s == ' ' || *s == '\t') s++;
  if (*s || digits == 0) return false;
  double x = (double)v / p10[frac];
  *out = neg ? -x : x;
  return true;
}

static bool blank_text(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t') return false;
  return true;
}

static bool excluded(const kw_churn_driver_rows_options *o, const char *name) {
  for (size_t k = 0; o && k < o->n_exclude; k++)
    if (strcasecmp(o->exclude[k], name) == 0) return true;
  return false;
}

/* Adds a feature over the rows; takes data (kw_malloc'ed) also when full. */
static void add_feature(kw_churn_driver_rows *R, const kw_column *like,
                        const char *name, kw_type type, void *data) {
  if (R->nf >= MAX_FEATURES) {
    kw_free(R->ctx, data);
    return;
  }
  kw_column *c = &R->col[R->nf];
  if (like) {
    *c = *like;
  } else {
    memset(c, 0, sizeof *c);
    c->name = name;
    c->role = KW_ROLE_NONE;
    c->source_index = UINT32_MAX;
  }
  c->type = type;
  switch (type) {
    case KW_TYPE_NUMBER: c->v.number = data; break;
    case KW_TYPE_FLAG: c->v.flag = data; break;
    default: c->v.text = data; break;
  }
  R->mem[R->nf] = data;
  R->ptr[R->nf] = c;
  R->nf++;
}

/*
 * The attributes of the customers table t as features over the m rows;
 * src[i] is the table row of row i for the column at hand (by_customer:
 * per column through kw_customer_value_rows of R->customer; else the rows
 * are the table's rows). skip is never used (the churn flag).
 */
static kw_status add_attributes(kw_churn_driver_rows *R, const kw_table *t,
                                bool by_customer, size_t n_customers,
                                const kw_column *skip, bool keep_tenure,
                                const kw_churn_driver_rows_options *o) {
  kw_context *ctx = R->ctx;
  size_t m = R->v.n, nt = kw_table_rows(t), m1 = m ? m : 1;
  uint32_t *crow = by_customer
                       ? kw_malloc(ctx, (n_customers ? n_customers : 1) *
                                            sizeof *crow)
                       : NULL;
  uint32_t *src = kw_malloc(ctx, m1 * sizeof *src);
  kw_status st = (!by_customer || crow) && src ? KW_OK : kw_fail_nomem(ctx);
  for (size_t j = 0; !st && j < kw_table_ncols(t) && R->nf < MAX_FEATURES;
       j++) {
    const kw_column *col = kw_table_col(t, j);
    if (col == skip || excluded(o, col->name)) continue;
    kw_role r = col->role;
    if (r == KW_ROLE_CUSTOMER || kw_role_is_personal(r) ||
        r == KW_ROLE_CHURN || r == KW_ROLE_END_DATE || r == KW_ROLE_COMMENT ||
        (r == KW_ROLE_TENURE && !keep_tenure) || col->type == KW_TYPE_DATE)
      continue;
    if (by_customer) {
      st = kw_customer_value_rows(ctx, t, col, crow, n_customers);
      if (st) break;
      for (size_t i = 0; i < m; i++)
        src[i] = R->customer[i] < n_customers ? crow[R->customer[i]]
                                              : KW_NA_ID;
    } else {
      for (size_t i = 0; i < m; i++) src[i] = (uint32_t)i;
    }
    if (col->type == KW_TYPE_NUMBER || col->type == KW_TYPE_MONEY) {
      double *v = kw_malloc(ctx, m1 * sizeof *v);
      if (!v) {
        st = kw_fail_nomem(ctx);
        break;
      }
      for (size_t i = 0; i < m; i++) {
        size_t row = src[i];
        if (row >= nt) {
          v[i] = NAN;
        } else if (col->type == KW_TYPE_NUMBER) {
          v[i] = col->v.number[row];
        } else {
          int64_t x = col->v.money[row];
          v[i] = x == KW_NA_MONEY ? NAN : (double)x / 100.0;
        }
      }
      add_feature(R, NULL, col->name, KW_TYPE_NUMBER, v);
      continue;
    }
    if (col->type == KW_TYPE_FLAG) {
      int8_t *v = kw_malloc(ctx, m1);
      if (!v) {
        st = kw_fail_nomem(ctx);
        break;
      }
      for (size_t i = 0; i < m; i++)
        v[i] = src[i] < nt ? col->v.flag[src[i]] : KW_NA_FLAG;
      add_feature(R, col, NULL, KW_TYPE_FLAG, v);
      continue;
    }
    /* text: numbers, a category, or left out */
    size_t nd = kw_dict_size(col->dict);
    double *num = kw_malloc(ctx, (nd ? nd : 1) * sizeof *num);
    uint8_t *seen = kw_calloc(ctx, nd ? nd : 1, 1);
    if (!num || !seen) {
      kw_free(ctx, num);
      kw_free(ctx, seen);
      st = kw_fail_nomem(ctx);
      break;
    }
    size_t distinct = 0, numeric = 0;
    for (size_t row = 0; row < nt; row++) {
      uint32_t id = col->v.text[row];
      if (id == KW_NA_ID || id >= nd || seen[id]) continue;
      seen[id] = 1;
      const char *s = kw_dict_str(col->dict, id);
      if (blank_text(s)) {
        num[id] = NAN;
        continue;
      }
      distinct++;
      if (number_text(s, &num[id]))
        numeric++;
      else
        num[id] = NAN;
    }
    kw_free(ctx, seen);
    /* codes such as postcodes stay text even when they are digits */
    if (r == KW_ROLE_NONE && distinct > 2 && numeric == distinct) {
      double *v = kw_malloc(ctx, m1 * sizeof *v);
      if (!v) {
        kw_free(ctx, num);
        st = kw_fail_nomem(ctx);
        break;
      }
      for (size_t i = 0; i < m; i++) {
        uint32_t id = src[i] < nt ? col->v.text[src[i]] : KW_NA_ID;
        v[i] = id == KW_NA_ID || id >= nd ? NAN : num[id];
      }
      kw_free(ctx, num);
      add_feature(R, NULL, col->name, KW_TYPE_NUMBER, v);
      continue;
    }
    kw_free(ctx, num);
    if (distinct < 2 || distinct > MAX_CATEGORY_LEVELS) continue;
    uint32_t *v = kw_malloc(ctx, m1 * sizeof *v);
    if (!v) {
      st = kw_fail_nomem(ctx);
      break;
    }
    for (size_t i = 0; i < m; i++) {
      uint32_t id = src[i] < nt ? col->v.text[src[i]] : KW_NA_ID;
      v[i] = id != KW_NA_ID && id < nd &&
                     !blank_text(kw_dict_str(col->dict, id))
                 ? id
                 : KW_NA_ID;
    }
    add_feature(R, col, NULL, KW_TYPE_TEXT, v);
  }
  kw_free(ctx, crow);
  kw_free(ctx, src);
  return st;
}

static kw_churn_driver_rows *rows_new(kw_context *ctx, size_t n) {
  kw_churn_driver_rows *R = kw_calloc(ctx, 1, sizeof *R);
  if (!R) return NULL;
  R->ctx = ctx;
  R->customer = kw_malloc(ctx, (n ? n : 1) * sizeof *R->customer);
  R->churned = kw_malloc(ctx, n ? n : 1);
  if (!R->customer || !R->churned) {
    kw_churn_driver_rows_free(R);
    return NULL;
  }
  R->v.cutoff = KW_NA_DATE;
  return R;
}

static void finish_view(kw_churn_driver_rows *R) {
  R->v.customer = R->customer;
  R->v.churned = R->churned;
  R->v.n_features = R->nf;
  R->v.features = R->ptr;
}

/* Behaviour up to the cutoff of the summary v (see the header). */
static kw_status add_behaviour(kw_churn_driver_rows *R,
                               const kw_customer_summary *v,
                               const kw_churn_driver_rows_options *o) {
  static const char *const names[] = {"orders",      "revenue",
                                      "avg_order_value", "products",
                                      "categories",  "tenure_days",
                                      "recency_days"};
  size_t m = R->v.n;
  int32_t cutoff = R->v.cutoff;
  for (int j = 0; j < 7; j++) {
    if (excluded(o, names[j])) continue;
    if (j == 3 && !v->has_product) continue;
    if (j == 4 && !v->has_category) continue;
    double *x = kw_malloc(R->ctx, (m ? m : 1) * sizeof *x);
    if (!x) return kw_fail_nomem(R->ctx);
    for (size_t r = 0; r < m; r++) {
      uint32_t i = R->customer[r];
      switch (j) {
        case 0: x[r] = v->orders[i]; break;
        case 1: x[r] = (double)v->revenue[i] / 100.0; break;
        case 2:
          x[r] = v->orders[i] ? (double)v->revenue[i] / 100.0 / v->orders[i]
                              : NAN;
          break;
        case 3: x[r] = v->n_products[i]; break;
        case 4: x[r] = v->n_categories[i]; break;
        case 5: x[r] = (double)cutoff - (double)v->first[i]; break;
        default: x[r] = (double)cutoff - (double)v->last[i]; break;
      }
    }
    add_feature(R, NULL, names[j], KW_TYPE_NUMBER, x);
  }
  return KW_OK;
}

kw_status kw_churn_driver_rows_compute(kw_context *ctx, const kw_dataset *ds,
                                     const kw_churn *ch,
                                     const kw_churn_driver_rows_options *o,
                                     kw_churn_driver_rows **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "driver rows: out is NULL");
  *out = NULL;
  if (!ds || !ch) return kw_fail(ctx, KW_EARG, "driver rows: no data");
  const kw_churn_info *I = kw_churn_info_view(ch);
  const kw_churn_customers *cs = kw_churn_customers_view(ch);
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  size_t n = cs->n;
  kw_summary *sum = NULL;
  const kw_customer_summary *v = NULL;
  kw_status st = KW_OK;
  kw_churn_driver_rows *R = rows_new(ctx, n);
  if (!R) return kw_fail_nomem(ctx);
  R->v.contractual = I->contractual;
  if (!I->contractual) {
    double g = floor(I->gap_days);
    if (g > 1e8) g = 1e8;
    R->v.cutoff = (int32_t)((double)I->as_of - g - 1);
    kw_summary_options so;
    kw_summary_options_init(&so);
    so.as_of = R->v.cutoff;
    st = kw_summary_build(ctx, ds, &so, &sum);
    if (st) goto done;
    v = kw_summary_view(sum);
  }
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (cs->status[i] == KW_CHURN_NONE) continue;
    if (v && (i >= v->n || v->first[i] == KW_NA_DATE)) continue;
    R->customer[m] = (uint32_t)i;
    R->churned[m] = cs->status[i] == KW_CHURN_CHURNED;
    m++;
  }
  R->v.n = m;
  if (m == 0) {
    st = kw_fail_tpl(ctx, KW_EEMPTY, "model.e.drivers_no_rows",
                     "no customer bought before the churn window (the data "
                     "span is shorter than the gap)",
                     NULL);
    goto done;
  }
  if (v) st = add_behaviour(R, v, o);
  if (!st && cu) {
    size_t nd = kw_dict_size(kw_dataset_customers(ds));
    st = add_attributes(R, cu, true, nd, NULL, false, o);
  }
  if (!st && R->nf == 0)
    st = kw_fail_tpl(ctx, KW_EEMPTY, "model.e.drivers_no_attributes",
                     "no usable attributes (a customers table adds sector, "
                     "size, channel, ...)",
                     NULL);
done:
  kw_summary_free(sum);
  if (st) {
    kw_churn_driver_rows_free(R);
    return st;
  }
  finish_view(R);
  *out = R;
  return KW_OK;
}

kw_status kw_churn_driver_rows_compute_flag(kw_context *ctx, const kw_table *t,
                                    const char *event,
                                    const kw_churn_driver_rows_options *o,
                                    kw_churn_driver_rows **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "driver rows: out is NULL");
  *out = NULL;
  if (!t) return kw_fail(ctx, KW_EARG, "driver rows: no table");
  const kw_column *ce = event ? kw_table_find(t, event)
                              : kw_table_role(t, KW_ROLE_CHURN);
  if (!ce || ce->type != KW_TYPE_FLAG)
    return event ? kw_fail_tpl(ctx, KW_EINPUT, "model.e.event_not_flag",
                               "the --event column was not read as yes/no "
                               "flags",
                               NULL)
                 : kw_fail_tpl(ctx, KW_EINPUT,
                               "model.e.drivers_no_churn_column",
                               "no churn column in the customers table: name "
                               "one with --event COL",
                               NULL);
  size_t n = kw_table_rows(t);
  kw_churn_driver_rows *R = rows_new(ctx, n);
  if (!R) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < n; i++) {
    R->customer[i] = (uint32_t)i;
    R->churned[i] = ce->v.flag[i];
  }
  R->v.n = n;
  R->v.event = ce->name;
  kw_status st = add_attributes(R, t, false, 0, ce, true, o);
  if (!st && R->nf == 0)
    st = kw_fail_tpl(ctx, KW_EEMPTY, "model.e.drivers_no_attribute_columns",
                     "no usable attribute columns", NULL);
  if (st) {
    kw_churn_driver_rows_free(R);
    return st;
  }
  finish_view(R);
  *out = R;
  return KW_OK;
}
