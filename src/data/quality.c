/*
 * quality.c — data-quality checks over the typed tables (see quality.h).
 *
 * Duplicates: each line's typed values are hashed into a 64-bit fingerprint
 * and the fingerprints seen before counted with a hash set per bucket of
 * the top bits (16 bytes a line of working memory; a false match needs a
 * 64-bit collision). The median and
 * MAD come from selection (nth element) on a copy of the amounts.
 */
#include "klantwijs/quality.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/dict.h"
#include "data/quality_internal.h"

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

static inline uint64_t mix(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* kw_hash_bytes(&v, 8), inline (core/dict.c; the test checks they agree). */
static inline uint64_t hash8(uint64_t v) {
  uint64_t h = mix((0x9E3779B97F4A7C15ull ^ 8) ^ v, 0xBF58476D1CE4E5B9ull);
  return mix(h ^ 0xA0761D6478BD642Full, 0x94D049BB133111EBull);
}

/* Each line's fingerprint: h = hash(value_j) ^ (h x 0x9E37... + j) over
 * the columns j in order, from h = 0x2545F4914F6CDD1D; filled column by
 * column (each column read once, in order). */
void kw_quality_fingerprints(const kw_table *t, uint64_t *fp, size_t n) {
  /* blocks of rows, every column folded into a block before the next
     block: the same folds in the same order per row as column by column
     over all rows, with the block's fingerprints in the first-level cache
     instead of one pass over all of them per column */
  enum { BLOCK = 2048 };
  const size_t ncols = kw_table_ncols(t);
  for (size_t r0 = 0; r0 < n; r0 += BLOCK) {
    const size_t r1 = n - r0 > BLOCK ? r0 + BLOCK : n;
    for (size_t r = r0; r < r1; r++) fp[r] = 0x2545F4914F6CDD1Dull;
    for (size_t j = 0; j < ncols; j++) {
      const kw_column *c = kw_table_col(t, j);
#define KW_FOLD(expr)                                         \
  for (size_t r = r0; r < r1; r++) {                          \
    uint64_t v = (expr);                                      \
    fp[r] = hash8(v) ^ (fp[r] * 0x9E3779B97F4A7C15ull + j);   \
  }
      switch (c->type) {
        case KW_TYPE_TEXT: KW_FOLD(c->v.text[r]); break;
        case KW_TYPE_DATE: KW_FOLD((uint64_t)(uint32_t)c->v.date[r]); break;
        case KW_TYPE_MONEY: KW_FOLD((uint64_t)c->v.money[r]); break;
        case KW_TYPE_NUMBER: {
          uint64_t w;
          KW_FOLD((memcpy(&w, &c->v.number[r], sizeof w), w));
          break;
        }
        case KW_TYPE_FLAG: KW_FOLD((uint64_t)(uint8_t)c->v.flag[r]); break;
        default: KW_FOLD(0); break;
      }
#undef KW_FOLD
    }
  }
}

/* The value of line r: the amount, or its distance from center. */
static inline int64_t sel_value(const int64_t *a, size_t r, bool dev,
                                int64_t center) {
  if (!dev) return a[r];
  int64_t d = a[r] - center;
  return d < 0 ? -d : d;
}

int64_t kw_quality_select(kw_context *ctx, const int64_t *a, size_t n,
                          size_t k, bool dev, int64_t center, kw_status *st) {
  /* a radix selection: the values' range in 2^16 buckets of equal width,
     a histogram, then only the bucket holding the k-th value goes on
     (copied out, then narrowed in place); a bucket of equal values or of
     a few thousand ends in select_k. Two reads of the column, no copy of
     it. */
  enum { BITS = 16, NB = 1 << BITS, SMALL = 4096 };
  *st = KW_OK;
  uint64_t *hist = kw_malloc(ctx, NB * sizeof *hist);
  if (!hist) {
    *st = kw_fail_nomem(ctx);
    return 0;
  }
  int64_t *buf = NULL;
  size_t m = n;
  int64_t result = 0;
  for (;;) {
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t r = 0; r < m; r++) {
      int64_t x = buf ? buf[r] : sel_value(a, r, dev, center);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (lo == hi) {
      result = lo;
      break;
    }
    if (buf && m <= SMALL) {
      result = select_k(buf, m, k);
      break;
    }
    uint64_t range = (uint64_t)hi - (uint64_t)lo;
    int shift = 0;
    while ((range >> shift) >= NB) shift++;
    memset(hist, 0, NB * sizeof *hist);
    for (size_t r = 0; r < m; r++) {
      int64_t x = buf ? buf[r] : sel_value(a, r, dev, center);
      hist[((uint64_t)x - (uint64_t)lo) >> shift]++;
    }
    size_t b = 0;
    uint64_t below = 0;
    while (below + hist[b] <= k) below += hist[b++];
    k -= (size_t)below;
    size_t w = 0;
    if (!buf) {
      buf = kw_malloc(ctx, (hist[b] ? hist[b] : 1) * sizeof *buf);
      if (!buf) {
        *st = kw_fail_nomem(ctx);
        break;
      }
      for (size_t r = 0; r < m; r++) {
        int64_t x = sel_value(a, r, dev, center);
        if ((((uint64_t)x - (uint64_t)lo) >> shift) == b) buf[w++] = x;
      }
    } else {
      for (size_t r = 0; r < m; r++)
        if ((((uint64_t)buf[r] - (uint64_t)lo) >> shift) == b)
          buf[w++] = buf[r];
    }
    m = w;
  }
  kw_free(ctx, buf);
  kw_free(ctx, hist);
  return result;
}

size_t kw_quality_repeats(kw_context *ctx, const uint64_t *fp, size_t n,
                          kw_status *st) {
  *st = KW_OK;
  if (n < 2) return 0;
  enum { BITS = 10, NB = 1 << BITS };
  size_t *start = kw_calloc(ctx, NB + 1, sizeof *start);
  uint64_t *tmp = kw_malloc(ctx, n * sizeof *tmp);
  uint64_t *set = NULL;
  size_t rep = 0;
  if (!start || !tmp) goto nomem;
  for (size_t r = 0; r < n; r++) start[(fp[r] >> (64 - BITS)) + 1]++;
  size_t big = 0;
  for (size_t b = 0; b < NB; b++) {
    if (start[b + 1] > big) big = start[b + 1];
    start[b + 1] += start[b];
  }
  {
    size_t pos[NB];
    memcpy(pos, start, sizeof pos);
    for (size_t r = 0; r < n; r++) tmp[pos[fp[r] >> (64 - BITS)]++] = fp[r];
  }
  size_t cap = 16;
  while (cap < 2 * big) cap <<= 1;
  set = kw_malloc(ctx, cap * sizeof *set);
  if (!set) goto nomem;
  for (size_t b = 0; b < NB; b++) {
    size_t m = start[b + 1] - start[b];
    if (m < 2) continue;
    size_t sz = 16;
    while (sz < 2 * m) sz <<= 1;
    /* 0 marks an empty slot; the fingerprint 0 is counted aside */
    memset(set, 0, sz * sizeof *set);
    size_t zeros = 0;
    for (size_t q = start[b]; q < start[b + 1]; q++) {
      uint64_t v = tmp[q];
      if (v == 0) {
        rep += zeros++ > 0;
        continue;
      }
      size_t h = (size_t)(v * 0x9E3779B97F4A7C15ull >> 20) & (sz - 1);
      while (set[h] && set[h] != v) h = (h + 1) & (sz - 1);
      if (set[h]) rep++;
      else set[h] = v;
    }
  }
  kw_free(ctx, start);
  kw_free(ctx, tmp);
  kw_free(ctx, set);
  return rep;
nomem:
  kw_free(ctx, start);
  kw_free(ctx, tmp);
  kw_free(ctx, set);
  *st = kw_fail_nomem(ctx);
  return 0;
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
  if (!t)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.no_transactions",
                       "no transactions table", NULL);
  const kw_column *cc = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *cd = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *ca = kw_table_role(t, KW_ROLE_AMOUNT);
  if (!cc || !cd || !ca)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.tx_columns",
                       "the transactions table needs customer, date and amount",
                       NULL);
  size_t n = kw_table_rows(t);
  q->lines = n;
  if (n == 0) return KW_OK;

  uint64_t *fp = kw_malloc(ctx, n * sizeof *fp);
  if (!fp) return kw_fail_nomem(ctx);
  kw_quality_fingerprints(t, fp, n);
  kw_status sst;
  q->duplicate_lines = kw_quality_repeats(ctx, fp, n, &sst); /* linear */
  kw_free(ctx, fp);
  if (sst) return sst;

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

  kw_status sel;
  int64_t med = kw_quality_select(ctx, ca->v.money, n, n / 2, false, 0, &sel);
  if (sel) return sel;
  int64_t mad = kw_quality_select(ctx, ca->v.money, n, n / 2, true, med, &sel);
  if (sel) return sel;
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
