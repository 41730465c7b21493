/*
 * order.h — order statistics and orderings of doubles in linear time
 * (internal). Each function gives exactly what a full sort with qsort
 * and the usual comparator (a < b ? -1 : a > b) would give, so models
 * can use them without changing a figure; tests/unit/test_fastpaths.c
 * compares them with the sort on random inputs.
 */
#ifndef KW_STATS_ORDER_H
#define KW_STATS_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/*
 * The values at positions k and k + 1 (k + 1 clipped to n - 1) of v[0..n)
 * sorted ascending, n >= 1, k < n, by selection (expected linear time;
 * reorders v). v must hold no NaN. A -0.0 in v makes it sort (as the sort
 * places -0.0 and 0.0 by their input order, which selection does not
 * keep).
 */
void kw_order_pair(double *v, size_t n, size_t k, double *at_k,
                   double *at_k1);

/*
 * Type-7 quantile (Hyndman & Fan): h = (n - 1) q, lo = floor(h),
 * hi = min(lo + 1, n - 1), v[lo] + (h - lo) (v[hi] - v[lo]) over v sorted;
 * NaN when n = 0. Reorders v.
 */
double kw_quantile7(double *v, size_t n, double q);

/*
 * Sort ids[0..m) by key[id] ascending, equal keys by id ascending; ids
 * must be ascending on entry. keys must not be NaN (-0.0 equals 0.0). A
 * stable LSD radix sort on the keys mapped to order-preserving 64-bit
 * codes; byte passes that are equal for every key are skipped. Scratch:
 * 2m (code, id) pairs.
 */
kw_status kw_order_by_double(kw_context *ctx, const double *key,
                             uint32_t *ids, size_t m);

/* A (code, id) pair of the radix sort. */
typedef struct kw_code_id {
  uint64_t code;
  uint32_t id;
} kw_code_id;

/*
 * a[0..m) by code ascending, stable (equal codes keep their order): a
 * least-significant-digit radix sort with 8-bit digits, a digit pass
 * skipped when every code has the same byte there; b is scratch of m
 * pairs. Returns the array (a or b) that holds the result.
 */
kw_code_id *kw_radix_code_id(kw_code_id *a, kw_code_id *b, size_t m);

#endif
