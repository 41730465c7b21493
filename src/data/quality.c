/*
 * quality.c — data-quality checks over the typed tables (see quality.h).
 *
 * Duplicates: each line's typed values are hashed into a 64-bit fingerprint,
 * the fingerprints sorted, and equal neighbours counted (8 bytes a line of
 * working memory; a false match needs a 64-bit collision). The median and
 * MAD come from selection (nth element) on a copy of the amounts.
 */
#include "klantwijs/quality.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "core/core.h"
#include "core/dict.h"

void kw_quality_options_init(kw_quality_options *o) {
  o->today = KW_NA_DATE;
  o->old_before = kw_date_from_ymd(1990, 1, 1);
  o->outlier_k = 10.0;
}

/* k-th smallest of v[0..n) (reorders v), Hoare selection. */
static int64_t select_k(int64_t *v, size_t n, size_t k) {
  size_t lo = 0, hi = n - 1;
  while (lo < hi) {
    int64_t pivot = v[lo + (hi - lo) / 2];
    size_t i = lo, j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        int64_t t = v[i];
        v[i] = v[j];
        v[j] = t;
        i++;
        if (j == 0) break;
        j--;
      }
    }
    if (k <= j)
      hi = j;
    else if (k >= i)
      lo = i;
    else
      break;
  }
  return v[k];
}

static uint64_t row_hash(const kw_table *t, size_t r) {
  uint64_t h = 0x2545F4914F6CDD1Dull;
  for (size_t j = 0; j < kw_table_ncols(t); j++) {
    const kw_column *c = kw_table_col(t, j);
    uint64_t v = 0;
    switch (c->type) {
      case KW_TYPE_TEXT:
        v = c->v.text[r];
        break;
      case KW_TYPE_DATE:
        v = (uint64_t)(uint32_t)c->v.date[r];
        break;
      case KW_TYPE_MONEY:
        v = (uint64_t)c->v.money[r];
        break;
      case KW_TYPE_NUMBER:
        memcpy(&v, &c->v.number[r], sizeof v);
        break;
      case KW_TYPE_FLAG:
        v = (uint64_t)(uint8_t)c->v.flag[r];
        break;
    }
    h = kw_hash_bytes(&v, sizeof v) ^ (h * 0x9E3779B97F4A7C15ull + j);
  }
  return h;
}

kw_status kw_quality_check(kw_context *ctx, const kw_dataset *ds,
                           const kw_quality_options *o, kw_quality *q) {
  kw_quality_options defaults;
  if (!o) {
    kw_quality_options_init(&defaults);
    o = &defaults;
  }
  memset(q, 0, sizeof *q);
  q->first_date = q->last_date = KW_NA_DATE;
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  if (!t) return kw_fail(ctx, KW_EMISSING, "no transactions table");
  const kw_column *cc = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *cd = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *ca = kw_table_role(t, KW_ROLE_AMOUNT);
  if (!cc || !cd || !ca)
    return kw_fail(ctx, KW_EMISSING,
                   "the transactions table needs customer, date and amount");
  size_t n = kw_table_rows(t);
  q->lines = n;
  if (n == 0) return KW_OK;

  uint64_t *fp = kw_malloc(ctx, n * sizeof *fp);
  if (!fp) return kw_fail_nomem(ctx);
  for (size_t r = 0; r < n; r++) fp[r] = row_hash(t, r);
  kw_status sst = kw_sort_u64(ctx, fp, n); /* linear: a radix sort */
  if (sst) {
    kw_free(ctx, fp);
    return sst;
  }
  for (size_t r = 1; r < n; r++)
    if (fp[r] == fp[r - 1]) q->duplicate_lines++;
  kw_free(ctx, fp);

  int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (size_t r = 0; r < n; r++) {
    int32_t d = cd->v.date[r];
    int64_t a = ca->v.money[r];
    if (a < 0) {
      q->negative_lines++;
      q->negative_amount += a;
    }
    if (d == KW_NA_DATE) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
    if (o->today != KW_NA_DATE && d > o->today) q->future_dates++;
    if (d < o->old_before) q->old_dates++;
  }
  if (lo <= hi) {
    q->first_date = lo;
    q->last_date = hi;
  }

  int64_t *v = kw_malloc(ctx, n * sizeof *v);
  if (!v) return kw_fail_nomem(ctx);
  memcpy(v, ca->v.money, n * sizeof *v);
  int64_t med = select_k(v, n, n / 2);
  for (size_t r = 0; r < n; r++) {
    int64_t dv = ca->v.money[r] - med;
    v[r] = dv < 0 ? -dv : dv;
  }
  int64_t mad = select_k(v, n, n / 2);
  kw_free(ctx, v);
  q->median_amount = med;
  q->mad_amount = mad;
  if (mad > 0) {
    double w = o->outlier_k * 1.4826 * (double)mad;
    q->extreme_low = med - (int64_t)ceil(w);
    q->extreme_high = med + (int64_t)ceil(w);
    for (size_t r = 0; r < n; r++) {
      int64_t a = ca->v.money[r];
      if (a < q->extreme_low || a > q->extreme_high) q->extreme_amounts++;
    }
  } else {
    q->extreme_low = q->extreme_high = med;
  }

  /* customers across tables: bit 1 = buys, bit 2 = in customers table */
  size_t nc = kw_dict_size(kw_dataset_customers(ds));
  uint8_t *seen = kw_calloc(ctx, nc ? nc : 1, 1);
  if (!seen) return kw_fail_nomem(ctx);
  for (size_t r = 0; r < n; r++) seen[cc->v.text[r]] |= 1;
  const kw_table *ct = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_column *ccc = ct ? kw_table_role(ct, KW_ROLE_CUSTOMER) : NULL;
  q->has_customers_table = ccc != NULL;
  if (ccc)
    for (size_t r = 0; r < kw_table_rows(ct); r++) seen[ccc->v.text[r]] |= 2;
  for (size_t k = 0; k < nc; k++) {
    if (seen[k] & 1) q->customers_in_transactions++;
    if (ccc && seen[k] == 1) q->customers_not_in_table++;
    if (ccc && seen[k] == 2) q->customers_without_lines++;
  }
  kw_free(ctx, seen);
  return KW_OK;
}
