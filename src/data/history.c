/*
 * history.c — purchase histories (see data/history.h).
 */
#include "data/history.h"

#include <stdlib.h>
#include <string.h>

#include "data/lineidx.h"

void kw_history_free(kw_context *ctx, kw_history *h) {
  if (!h) return;
  if (h->lent) {
    kw_table_cache_return(h->lent);
  } else {
    kw_free(ctx, h->start);
    kw_free(ctx, h->days);
  }
  memset(h, 0, sizeof *h);
}

static int cmp_hday(const void *a, const void *b) {
  int32_t x = ((const kw_hday *)a)->day, y = ((const kw_hday *)b)->day;
  return (x > y) - (x < y);
}

static void sort_days(kw_hday *v, size_t n) {
  bool sorted = true;
  for (size_t i = 1; i < n && sorted; i++)
    if (v[i].day < v[i - 1].day) sorted = false;
  if (sorted) return;
  if (n > 32) {
    qsort(v, n, sizeof *v, cmp_hday);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    kw_hday x = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1].day > x.day; j--) v[j] = v[j - 1];
    v[j] = x;
  }
}

/* Sorts days[b, e) of one customer and merges same-day entries into
 * days[w, ...); returns the new end. Notes the customer's first purchase. */
static size_t merge_days(kw_history *h, size_t b, size_t e, size_t w,
                         int32_t *first_day) {
  sort_days(h->days + b, e - b);
  bool buyer = false;
  for (size_t i = b; i < e;) {
    kw_hday d = h->days[i++];
    for (; i < e && h->days[i].day == d.day; i++) {
      d.amount += h->days[i].amount;
      d.purchase |= h->days[i].purchase;
    }
    if (d.purchase && !buyer) {
      buyer = true;
      if (d.day < *first_day) *first_day = d.day;
    }
    h->days[w++] = d;
  }
  if (buyer) h->n_buyers++;
  return w;
}

typedef struct hcols {
  const uint32_t *cust;
  const int32_t *date;
  const int64_t *amt;
  const kw_column *cc;
} hcols;

static kw_status history_cols(kw_context *ctx, const kw_table *tx, hcols *c) {
  if (!tx)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.no_transactions",
                       "no transactions table", NULL);
  const kw_column *cc = kw_table_role(tx, KW_ROLE_CUSTOMER);
  const kw_column *cd = kw_table_role(tx, KW_ROLE_DATE);
  const kw_column *ca = kw_table_role(tx, KW_ROLE_AMOUNT);
  if (!cc || !cd)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.tx_no_customer_date",
                       "the transactions need a customer and a date column",
                       NULL);
  if (cc->type != KW_TYPE_TEXT || cd->type != KW_TYPE_DATE ||
      (ca && ca->type != KW_TYPE_MONEY))
    return kw_fail(ctx, KW_EARG, "customer, date or amount column has the "
                                 "wrong type");
  c->cust = cc->v.text;
  c->date = cd->v.date;
  c->amt = ca ? ca->v.money : NULL;
  c->cc = cc;
  return KW_OK;
}

/* as-of, the number of customer slots and the line counts: sequential
 * passes over the customer and date columns. */
static void history_scan(const hcols *c, size_t rows, int32_t as_of,
                         kw_history *h) {
  const uint32_t *cust = c->cust;
  const int32_t *date = c->date;
  uint32_t maxid = 0;
  bool any = false;
  int32_t maxday = INT32_MIN;
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID || date[i] == KW_NA_DATE) continue;
    if (!any || cust[i] > maxid) maxid = cust[i];
    any = true;
    if (date[i] > maxday) maxday = date[i];
  }
  if (as_of == KW_NA_DATE) as_of = any ? maxday : 0;
  h->as_of = as_of;
  size_t n = any ? (size_t)maxid + 1 : 0;
  if (c->cc->dict && kw_dict_size(c->cc->dict) > n)
    n = kw_dict_size(c->cc->dict);
  h->n_customers = n;
  h->first_day = KW_NA_DATE;
  h->has_amount = c->amt != NULL;
}

kw_status kw_history_build_plain(kw_context *ctx, const kw_table *tx,
                                 int32_t as_of, kw_history *h) {
  memset(h, 0, sizeof *h);
  hcols c;
  kw_status st = history_cols(ctx, tx, &c);
  if (st) return st;
  const size_t rows = kw_table_rows(tx);
  const uint32_t *cust = c.cust;
  const int32_t *date = c.date;
  const int64_t *amt = c.amt;
  history_scan(&c, rows, as_of, h);
  as_of = h->as_of;
  const size_t n = h->n_customers;

  h->start = kw_calloc(ctx, n + 1, sizeof *h->start);
  if (!h->start) return kw_fail_nomem(ctx);
  size_t used = 0;
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID || date[i] == KW_NA_DATE) {
      h->lines_skipped++;
      continue;
    }
    if (date[i] > as_of) {
      h->lines_after++;
      continue;
    }
    h->start[cust[i] + 1]++;
    used++;
  }
  h->lines_used = used;
  for (size_t k = 0; k < n; k++) h->start[k + 1] += h->start[k];
  h->days = kw_malloc(ctx, (used ? used : 1) * sizeof *h->days);
  if (!h->days) {
    kw_history_free(ctx, h);
    return kw_fail_nomem(ctx);
  }
  /* fill: start[k] runs ahead as the fill position, then is restored */
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID || date[i] == KW_NA_DATE || date[i] > as_of)
      continue;
    int64_t a = amt && amt[i] != KW_NA_MONEY ? amt[i] : 0;
    h->days[h->start[cust[i]]++] = (kw_hday){date[i], a >= 0, a};
  }
  for (size_t k = n; k > 0; k--) h->start[k] = h->start[k - 1];
  h->start[0] = 0;

  /* per customer: sort by day, merge same-day lines, compact in place */
  size_t w = 0;
  int32_t first_day = INT32_MAX;
  for (size_t k = 0; k < n; k++) {
    size_t b = h->start[k], e = h->start[k + 1];
    h->start[k] = w;
    w = merge_days(h, b, e, w, &first_day);
  }
  h->start[n] = w;
  if (h->n_buyers) h->first_day = first_day;
  if (w > 0 && w < used) {
    kw_hday *shrunk = kw_realloc(ctx, h->days, w * sizeof *h->days);
    if (shrunk) h->days = shrunk;
  }
  return KW_OK;
}

/* The same history from the customer-ordered index: each customer's lines
 * are read in the same (file) order as the counting sort above puts them,
 * so sorting and merging give the same days. */
static kw_status history_from_index(kw_context *ctx, const hcols *c,
                                    size_t rows, const kw_line_index *ix,
                                    int32_t as_of, kw_history *h) {
  const int32_t *date = c->date;
  const int64_t *amt = c->amt;
  history_scan(c, rows, as_of, h);
  as_of = h->as_of;
  const size_t n = h->n_customers;
  const uint32_t *cust = c->cust;
  size_t used = 0;
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID || date[i] == KW_NA_DATE)
      h->lines_skipped++;
    else if (date[i] > as_of)
      h->lines_after++;
    else
      used++;
  }
  h->lines_used = used;
  h->start = kw_malloc(ctx, (n + 1) * sizeof *h->start);
  h->days = kw_malloc(ctx, (used ? used : 1) * sizeof *h->days);
  if (!h->start || !h->days) {
    kw_history_free(ctx, h);
    return kw_fail_nomem(ctx);
  }
  size_t w = 0;
  int32_t first_day = INT32_MAX;
  const uint32_t *line = ix->line;
  enum { PF = 16 };
  for (size_t k = 0; k < n; k++) {
    h->start[k] = w;
    if (k >= ix->n) continue;
    size_t b = w;
    for (uint32_t q = ix->start[k]; q < ix->start[k + 1]; q++) {
      uint32_t i = line[q];
      if (q + PF < ix->indexed) { /* cells PF lines ahead, as summary.c */
        __builtin_prefetch(&date[line[q + PF]]);
        if (amt) __builtin_prefetch(&amt[line[q + PF]]);
      }
      int32_t d = date[i];
      if (d == KW_NA_DATE || d > as_of) continue;
      int64_t a = amt && amt[i] != KW_NA_MONEY ? amt[i] : 0;
      h->days[w++] = (kw_hday){d, a >= 0, a};
    }
    w = merge_days(h, b, w, b, &first_day);
  }
  h->start[n] = w;
  if (h->n_buyers) h->first_day = first_day;
  if (w > 0 && w < used) {
    kw_hday *shrunk = kw_realloc(ctx, h->days, w * sizeof *h->days);
    if (shrunk) h->days = shrunk;
  }
  return KW_OK;
}

kw_status kw_history_build(kw_context *ctx, const kw_table *tx, int32_t as_of,
                           kw_history *h) {
  memset(h, 0, sizeof *h);
  hcols c;
  kw_status st = history_cols(ctx, tx, &c);
  if (st) return st;
  const size_t rows = kw_table_rows(tx);
  kw_table_cache *tc = kw_table_cache_of(tx);
  pthread_mutex_lock(&tc->mu);
  if (tc->depth > 0 && tc->ctx == ctx) {
    if (tc->have_h && tc->h_as_of == as_of && tc->h_cust == c.cust &&
        tc->h_date == c.date && tc->h_amt == c.amt && tc->h_rows == rows &&
        tc->h_refs >= 0) {
      *h = tc->h;
      h->lent = tc;
      tc->h_refs++;
      pthread_mutex_unlock(&tc->mu);
      return KW_OK;
    }
    /* build under the lock (a second caller waits for this one) */
    kw_line_index own = {0};
    const kw_line_index *ix = kw_table_line_index_locked(ctx, tx, &own);
    if (!ix) {
      pthread_mutex_unlock(&tc->mu);
      return kw_errcode(ctx);
    }
    st = history_from_index(ctx, &c, rows, ix, as_of, h);
    kw_line_index_free(ctx, &own);
    if (!st && (!tc->have_h || tc->h_refs == 0)) {
      if (tc->have_h) kw_history_free(tc->ctx, &tc->h);
      tc->h = *h;
      tc->have_h = true;
      tc->h_as_of = as_of;
      tc->h_cust = c.cust;
      tc->h_date = c.date;
      tc->h_amt = c.amt;
      tc->h_rows = rows;
      tc->h_refs = 1;
      h->lent = tc;
    }
    pthread_mutex_unlock(&tc->mu);
    return st;
  }
  pthread_mutex_unlock(&tc->mu);
  kw_line_index own = {0};
  if (!kw_table_line_index(ctx, tx, &own)) return kw_errcode(ctx);
  st = history_from_index(ctx, &c, rows, &own, as_of, h);
  kw_line_index_free(ctx, &own);
  return st;
}
