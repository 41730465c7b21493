/*
 * value_rank.c — ranking by money and cumulative curves (see value_rank.h).
 *
 * The ranking is a least-significant-digit radix sort of (key, id) pairs
 * with the key mapped to an unsigned order-reversing code
 * (~(key ^ 2^63)), so ascending codes are descending keys; starting from
 * ids in ascending order, stability keeps equal keys by id. Eight-bit
 * digits, and a digit pass is skipped when every key has the same byte.
 */
#include "models/value_rank.h"

#include "stats/order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef kw_code_id pair;

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static bool ids_ascending(const uint32_t *ids, size_t m) {
  for (size_t i = 1; i < m; i++)
    if (ids[i - 1] > ids[i]) return false;
  return true;
}

kw_status kw_rank_desc(kw_context *ctx, const int64_t *key, uint32_t *ids,
                       size_t m) {
  if (m < 2) return KW_OK;
  if (!ids_ascending(ids, m)) qsort(ids, m, sizeof *ids, cmp_u32);
  size_t bytes;
  if (!kw_mul_size(m, 2 * sizeof(pair), &bytes)) return kw_fail_nomem(ctx);
  pair *a = kw_malloc(ctx, bytes);
  if (!a) return kw_fail_nomem(ctx);
  pair *b = a + m;
  for (size_t i = 0; i < m; i++) {
    a[i].code = ~((uint64_t)key[ids[i]] ^ ((uint64_t)1 << 63));
    a[i].id = ids[i];
  }
  pair *sorted = kw_radix_code_id(a, b, m);
  for (size_t i = 0; i < m; i++) ids[i] = sorted[i].id;
  kw_free(ctx, a);
  return KW_OK;
}

kw_status kw_curve_build(kw_context *ctx, const int64_t *value,
                         const uint32_t *ids, size_t m, int64_t total,
                         size_t max_points, size_t must, kw_curve_point **out,
                         size_t *n_out) {
  *out = NULL;
  *n_out = 0;
  if (max_points < 2) max_points = 2;
  size_t p = m + 1 < max_points ? m + 1 : max_points;
  bool extra = must <= m;
  kw_curve_point *pts = kw_calloc(ctx, p + 1, sizeof *pts);
  if (!pts) return kw_fail_nomem(ctx);
  size_t np = 0, next_j = 0, k = 0;
  int64_t cum = 0;
  double dt = (double)total;
  /* walk k = 0..m, emitting the chosen ks in increasing order */
  for (k = 0; k <= m; k++) {
    if (k > 0) cum += value[ids[k - 1]];
    bool emit = false;
    while (next_j < p) {
      size_t kj = p > 1 ? (size_t)llround((double)next_j * (double)m /
                                          (double)(p - 1))
                        : 0;
      if (kj < k) {
        next_j++;
        continue;
      }
      if (kj == k) {
        emit = true;
        next_j++;
        continue;
      }
      break;
    }
    if (extra && k == must) emit = true;
    if (emit) {
      pts[np].customer_share = m ? (double)k / (double)m : 0;
      pts[np].value_share = total != 0 ? (double)cum / dt : 0;
      pts[np].value = cum;
      np++;
    }
  }
  *out = pts;
  *n_out = np;
  return KW_OK;
}
