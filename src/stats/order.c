/*
 * order.c — order statistics and orderings of doubles (see order.h).
 *
 * Selection is Hoare's FIND with a median-of-three pivot; after 2 log2(n)
 * + 16 rounds on one range (an adversarial input), the range is sorted
 * instead, so the worst case is n log n. Equal values stop both scans, so
 * long runs of ties split evenly.
 */
#include "stats/order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

static inline void swap_d(double *a, double *b) {
  double t = *a;
  *a = *b;
  *b = t;
}

/* Reorder v[0..n) so that v[k] is the k-th smallest, v[< k] <= v[k] <=
 * v[> k]. */
static void select_k(double *v, size_t n, size_t k) {
  size_t lo = 0, hi = n - 1, rounds = 16;
  for (size_t m = n; m > 1; m >>= 1) rounds += 2;
  while (lo < hi) {
    if (rounds-- == 0) {
      qsort(v + lo, hi - lo + 1, sizeof *v, cmp_double);
      return;
    }
    size_t mid = lo + (hi - lo) / 2;
    double a = v[lo], b = v[mid], c = v[hi];
    double p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    size_t i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) i++;
      while (v[j] > p) j--;
      if (i <= j) {
        swap_d(&v[i], &v[j]);
        i++;
        if (j == 0) break;
        j--;
      }
    }
    /* v[lo..j] <= p, v[j+1..i-1] == p, v[i..hi] >= p */
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

void kw_order_pair(double *v, size_t n, size_t k, double *at_k,
                   double *at_k1) {
  size_t k1 = k + 1 < n ? k + 1 : k;
  bool plain = true;
  for (size_t i = 0; i < n; i++)
    if (isnan(v[i]) || (v[i] == 0 && signbit(v[i]))) {
      plain = false;
      break;
    }
  if (!plain) {
    qsort(v, n, sizeof *v, cmp_double);
    *at_k = v[k];
    *at_k1 = v[k1];
    return;
  }
  select_k(v, n, k);
  *at_k = v[k];
  double m = v[k];
  if (k1 != k) {
    m = v[k1];
    for (size_t i = k1 + 1; i < n; i++)
      if (v[i] < m) m = v[i];
  }
  *at_k1 = m;
}

double kw_quantile7(double *v, size_t n, double q) {
  if (!n) return NAN;
  double h = (double)(n - 1) * q;
  size_t lo = (size_t)floor(h);
  double a, b;
  kw_order_pair(v, n, lo, &a, &b);
  return a + (h - (double)lo) * (b - a);
}

typedef kw_code_id pair;

kw_code_id *kw_radix_code_id(kw_code_id *a, kw_code_id *b, size_t m) {
  uint64_t all_and = ~(uint64_t)0, all_or = 0;
  for (size_t i = 0; i < m; i++) all_and &= a[i].code, all_or |= a[i].code;
  uint64_t differ = all_and ^ all_or; /* bits that are not the same in all */
  size_t count[256];
  for (int shift = 0; shift < 64; shift += 8) {
    if (((differ >> shift) & 0xFFu) == 0) continue;
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < m; i++) count[(a[i].code >> shift) & 0xFFu]++;
    size_t pos = 0;
    for (int d = 0; d < 256; d++) {
      size_t c = count[d];
      count[d] = pos;
      pos += c;
    }
    for (size_t i = 0; i < m; i++)
      b[count[(a[i].code >> shift) & 0xFFu]++] = a[i];
    kw_code_id *t = a;
    a = b;
    b = t;
  }
  return a;
}

/* Ascending codes for ascending doubles (-0.0 as 0.0). */
static inline uint64_t code_of(double x) {
  if (x == 0) x = 0.0;
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u >> 63 ? ~u : u | (uint64_t)1 << 63;
}

kw_status kw_order_by_double(kw_context *ctx, const double *key,
                             uint32_t *ids, size_t m) {
  if (m < 2) return KW_OK;
  size_t bytes;
  if (!kw_mul_size(m, 2 * sizeof(pair), &bytes)) return kw_fail_nomem(ctx);
  pair *a = kw_malloc(ctx, bytes);
  if (!a) return kw_fail_nomem(ctx);
  pair *b = a + m, *base = a;
  for (size_t i = 0; i < m; i++) {
    a[i].code = code_of(key[ids[i]]);
    a[i].id = ids[i];
  }
  a = kw_radix_code_id(a, b, m);
  for (size_t i = 0; i < m; i++) ids[i] = a[i].id;
  kw_free(ctx, base);
  return KW_OK;
}
