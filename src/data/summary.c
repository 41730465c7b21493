/*
 * summary.c — the per-customer summary (see klantwijs/summary.h).
 *
 * Design: one counting sort of the transaction lines by customer id (an
 * index array of uint32, 4 bytes a line), then one walk per customer over
 * its own lines with small scratch arrays reused across customers: dates are
 * sorted to merge same-day purchases, invoice/product/category ids are sorted
 * to count distinct values. No per-row or per-customer allocation.
 *
 * Rules:
 *   - lines after as_of are left out (counted in lines_after);
 *   - a line with amount >= 0 is a purchase; a negative line (return,
 *     credit note, cancellation) only nets revenue, cost and discount;
 *   - a purchase day is a day with at least one purchase line; same-day
 *     purchases are one transaction for x, t_x and T;
 *   - orders = distinct invoices with a purchase line, or purchase days
 *     when the table has no invoice column;
 *   - cost: the cost column (line cost), else amount - margin when a margin
 *     column exists; lines without either are not in cost_lines;
 *   - repeat_spend = net revenue of the purchase days after the first,
 *     divided by x (currency units), the Gamma-Gamma input.
 */
#include "klantwijs/summary.h"

#include <stdlib.h>
#include <string.h>

#include "core/core.h"

struct kw_summary {
  kw_context *ctx;
  kw_customer_summary v;
  void *blocks[20];
  int nblocks;
};

double kw_unit_days(kw_unit u) {
  switch (u) {
    case KW_UNIT_WEEK:
      return 7.0;
    case KW_UNIT_MONTH:
      return 365.25 / 12.0;
    case KW_UNIT_DAY:
      break;
  }
  return 1.0;
}

const char *kw_unit_name(kw_unit u) {
  switch (u) {
    case KW_UNIT_WEEK:
      return "week";
    case KW_UNIT_MONTH:
      return "month";
    case KW_UNIT_DAY:
      break;
  }
  return "day";
}

void kw_summary_options_init(kw_summary_options *o) {
  o->as_of = KW_NA_DATE;
  o->unit = KW_UNIT_DAY;
}

const kw_customer_summary *kw_summary_view(const kw_summary *s) {
  return &s->v;
}

void kw_summary_free(kw_summary *s) {
  if (!s) return;
  for (int i = 0; i < s->nblocks; i++) kw_free(s->ctx, s->blocks[i]);
  kw_free(s->ctx, s);
}

static void *block(kw_summary *s, size_t n, size_t elem) {
  if (s->nblocks == (int)(sizeof s->blocks / sizeof *s->blocks)) return NULL;
  void *p = kw_calloc(s->ctx, n ? n : 1, elem);
  if (p) s->blocks[s->nblocks++] = p;
  return p;
}

static int cmp_i32(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}
static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Sort and count distinct values, ignoring KW_NA_ID. */
static uint32_t count_distinct_u32(uint32_t *v, size_t n) {
  if (n > 1) qsort(v, n, sizeof *v, cmp_u32);
  uint32_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (v[i] != KW_NA_ID && (i == 0 || v[i] != v[i - 1])) k++;
  return k;
}

/* A date and the net amount of one line, for merging same-day lines. */
typedef struct day_amt {
  int32_t day;
  int64_t amount;
} day_amt;

static int cmp_day_amt(const void *a, const void *b) {
  return cmp_i32(&((const day_amt *)a)->day, &((const day_amt *)b)->day);
}

kw_status kw_summary_build(kw_context *ctx, const kw_dataset *ds,
                           const kw_summary_options *opt, kw_summary **out) {
  *out = NULL;
  kw_summary_options defaults;
  if (!opt) {
    kw_summary_options_init(&defaults);
    opt = &defaults;
  }
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  if (!t) return kw_fail(ctx, KW_EMISSING, "no transactions table");
  const kw_column *ccust = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *cdate = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *camt = kw_table_role(t, KW_ROLE_AMOUNT);
  if (!ccust || !cdate || !camt)
    return kw_fail(ctx, KW_EMISSING,
                   "the transactions table needs customer, date and amount");
  const kw_column *cinv = kw_table_role(t, KW_ROLE_INVOICE);
  const kw_column *cprod = kw_table_role(t, KW_ROLE_PRODUCT);
  const kw_column *ccat = kw_table_role(t, KW_ROLE_CATEGORY);
  const kw_column *ccost = kw_table_role(t, KW_ROLE_COST);
  const kw_column *cmargin = kw_table_role(t, KW_ROLE_MARGIN);
  const kw_column *cdisc = kw_table_role(t, KW_ROLE_DISCOUNT);
  const size_t rows = kw_table_rows(t);
  const uint32_t *cust = ccust->v.text;
  const int32_t *date = cdate->v.date;
  const int64_t *amt = camt->v.money;

  kw_summary *s = kw_calloc(ctx, 1, sizeof *s);
  if (!s) return kw_fail_nomem(ctx);
  s->ctx = ctx;
  kw_customer_summary *v = &s->v;
  const kw_dict *ids = kw_dataset_customers(ds);
  const size_t n = kw_dict_size(ids);
  v->n = n;
  v->ids = ids;
  v->unit = opt->unit;
  v->has_invoice = cinv != NULL;
  v->has_cost = ccost != NULL || cmargin != NULL;
  v->has_category = ccat != NULL;
  v->has_product = cprod != NULL;

  int32_t as_of = opt->as_of;
  if (as_of == KW_NA_DATE) {
    as_of = INT32_MIN;
    for (size_t i = 0; i < rows; i++)
      if (date[i] != KW_NA_DATE && date[i] > as_of) as_of = date[i];
    if (rows == 0) as_of = 0;
  }
  v->as_of = as_of;

  int32_t *first = block(s, n, sizeof *first);
  int32_t *last = block(s, n, sizeof *last);
  uint32_t *orders = block(s, n, sizeof *orders);
  uint32_t *days = block(s, n, sizeof *days);
  uint32_t *lines = block(s, n, sizeof *lines);
  uint32_t *cost_lines = block(s, n, sizeof *cost_lines);
  int64_t *revenue = block(s, n, sizeof *revenue);
  int64_t *cost = block(s, n, sizeof *cost);
  int64_t *discount = block(s, n, sizeof *discount);
  uint32_t *nprod = block(s, n, sizeof *nprod);
  uint32_t *ncat = block(s, n, sizeof *ncat);
  double *x = block(s, n, sizeof *x);
  double *t_x = block(s, n, sizeof *t_x);
  double *T = block(s, n, sizeof *T);
  double *rspend = block(s, n, sizeof *rspend);
  /* working memory: start offsets per customer and the sorted line index */
  uint32_t *start = kw_calloc(ctx, n + 1, sizeof *start);
  uint32_t *order = kw_malloc(ctx, (rows ? rows : 1) * sizeof *order);
  day_amt *scratch_days = NULL;
  uint32_t *scratch_ids = NULL;
  kw_status st = KW_OK;
  if (!first || !last || !orders || !days || !lines || !cost_lines ||
      !revenue || !cost || !discount || !nprod || !ncat || !x || !t_x || !T ||
      !rspend || !start || !order) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if (rows > UINT32_MAX - 1) {
    st = kw_fail(ctx, KW_ERANGE, "more than 4 billion transaction lines");
    goto done;
  }

  /* counting sort of the lines up to as_of by customer */
  uint64_t used = 0, after = 0;
  for (size_t i = 0; i < rows; i++) {
    if (date[i] > as_of) {
      after++;
      continue;
    }
    lines[cust[i]]++;
    used++;
  }
  v->lines_used = used;
  v->lines_after = after;
  uint32_t maxlines = 0;
  for (size_t c = 0; c < n; c++) {
    start[c + 1] = start[c] + lines[c];
    if (lines[c] > maxlines) maxlines = lines[c];
  }
  {
    uint32_t *fill = kw_malloc(ctx, (n ? n : 1) * sizeof *fill);
    if (!fill) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    memcpy(fill, start, n * sizeof *fill);
    for (size_t i = 0; i < rows; i++)
      if (date[i] <= as_of) order[fill[cust[i]]++] = (uint32_t)i;
    kw_free(ctx, fill);
  }
  scratch_days = kw_malloc(ctx, (maxlines ? maxlines : 1) * sizeof *scratch_days);
  scratch_ids = kw_malloc(ctx, (maxlines ? maxlines : 1) * sizeof *scratch_ids);
  if (!scratch_days || !scratch_ids) {
    st = kw_fail_nomem(ctx);
    goto done;
  }

  const double unit = kw_unit_days(opt->unit);
  size_t buyers = 0;
  for (size_t c = 0; c < n; c++) {
    const uint32_t *L = order + start[c];
    const uint32_t m = lines[c];
    first[c] = last[c] = KW_NA_DATE;
    if (m == 0) continue;
    int64_t rev = 0, cst = 0, disc = 0;
    uint32_t ncost = 0, npurch = 0;
    for (uint32_t k = 0; k < m; k++) {
      uint32_t i = L[k];
      rev += amt[i];
      if (cdisc && cdisc->v.money[i] != KW_NA_MONEY) disc += cdisc->v.money[i];
      if (ccost && ccost->v.money[i] != KW_NA_MONEY) {
        cst += ccost->v.money[i];
        ncost++;
      } else if (cmargin && cmargin->v.money[i] != KW_NA_MONEY) {
        cst += amt[i] - cmargin->v.money[i];
        ncost++;
      }
      if (amt[i] >= 0) npurch++;
    }
    revenue[c] = rev;
    cost[c] = cst;
    discount[c] = disc;
    cost_lines[c] = ncost;
    /* distinct products and categories over all lines */
    if (cprod) {
      for (uint32_t k = 0; k < m; k++) scratch_ids[k] = cprod->v.text[L[k]];
      nprod[c] = count_distinct_u32(scratch_ids, m);
    }
    if (ccat) {
      for (uint32_t k = 0; k < m; k++) scratch_ids[k] = ccat->v.text[L[k]];
      ncat[c] = count_distinct_u32(scratch_ids, m);
    }
    if (npurch == 0) continue; /* only returns: no purchase history */
    buyers++;
    /* purchase days: all lines of a day count toward that day's revenue */
    uint32_t nd = 0;
    for (uint32_t k = 0; k < m; k++)
      scratch_days[nd++] = (day_amt){date[L[k]], amt[L[k]]};
    qsort(scratch_days, nd, sizeof *scratch_days, cmp_day_amt);
    /* a day counts when it has a purchase line (amount >= 0) */
    uint32_t pdays = 0;
    int32_t d0 = KW_NA_DATE, dl = KW_NA_DATE;
    int64_t repeat_rev = 0;
    for (uint32_t k = 0; k < nd;) {
      int32_t d = scratch_days[k].day;
      int64_t day_rev = 0;
      bool purchase = false;
      for (; k < nd && scratch_days[k].day == d; k++) {
        day_rev += scratch_days[k].amount;
        if (scratch_days[k].amount >= 0) purchase = true;
      }
      if (!purchase) continue;
      if (pdays == 0)
        d0 = d;
      else
        repeat_rev += day_rev;
      dl = d;
      pdays++;
    }
    first[c] = d0;
    last[c] = dl;
    days[c] = pdays;
    x[c] = (double)(pdays - 1);
    t_x[c] = (double)(dl - d0) / unit;
    T[c] = (double)(as_of - d0) / unit;
    rspend[c] = pdays > 1 ? (double)repeat_rev / 100.0 / (double)(pdays - 1) : 0;
    if (cinv) {
      uint32_t ni = 0;
      for (uint32_t k = 0; k < m; k++)
        if (amt[L[k]] >= 0) scratch_ids[ni++] = cinv->v.text[L[k]];
      orders[c] = count_distinct_u32(scratch_ids, ni);
    } else {
      orders[c] = pdays;
    }
  }
  v->n_buyers = buyers;
  v->first = first;
  v->last = last;
  v->orders = orders;
  v->days = days;
  v->lines = lines;
  v->cost_lines = cost_lines;
  v->revenue = revenue;
  v->cost = cost;
  v->discount = discount;
  v->n_products = nprod;
  v->n_categories = ncat;
  v->x = x;
  v->t_x = t_x;
  v->T = T;
  v->repeat_spend = rspend;
done:
  kw_free(ctx, start);
  kw_free(ctx, order);
  kw_free(ctx, scratch_days);
  kw_free(ctx, scratch_ids);
  if (st) {
    kw_summary_free(s);
    return st;
  }
  *out = s;
  return KW_OK;
}
