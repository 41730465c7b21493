/*
 * value_rank.h — ranking and cumulative curves shared by the value models
 * (profit, pareto, rfm, payments). Internal.
 */
#ifndef KW_VALUE_RANK_H
#define KW_VALUE_RANK_H

#include "core/core.h"
#include "klantwijs/value.h"

/*
 * Sort ids[0..m) by key[id] descending, equal keys by id ascending (ids
 * given in any order). A stable LSD radix sort on 64-bit keys: passes over
 * bytes that are equal for every key are skipped, so small ranges of money
 * sort in two or three passes. Needs scratch for 2m (key, id) pairs.
 */
kw_status kw_rank_desc(kw_context *ctx, const int64_t *key, uint32_t *ids,
                       size_t m);

/*
 * The cumulative curve of value[ids[0..m)] in that order: points at
 * k = round(j m / (p - 1)), j = 0..p-1, p = min(m + 1, max_points), plus
 * the point at k = must (when must <= m and not already there). Shares
 * divide by total (0 when total == 0). *out is allocated with kw_malloc.
 */
kw_status kw_curve_build(kw_context *ctx, const int64_t *value,
                         const uint32_t *ids, size_t m, int64_t total,
                         size_t max_points, size_t must, kw_curve_point **out,
                         size_t *n_out);

/* a / b as a double, 0 when b == 0. */
static inline double kw_ratio(double a, double b) { return b != 0 ? a / b : 0; }

#endif
