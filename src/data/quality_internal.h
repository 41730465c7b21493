/*
 * quality_internal.h — the duplicate-line count of quality.c, exposed for
 * its tests (internal).
 */
#ifndef KW_DATA_QUALITY_INTERNAL_H
#define KW_DATA_QUALITY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "klantwijs/data.h"

/* Each line's 64-bit fingerprint of its typed values (fp: n entries). */
void kw_quality_fingerprints(const kw_table *t, uint64_t *fp, size_t n);

/* How many of fp[0..n) equal one before them (n - distinct values), in
 * linear time; *st is KW_ENOMEM (and 0 returned) when out of memory. */
size_t kw_quality_repeats(kw_context *ctx, const uint64_t *fp, size_t n,
                          kw_status *st);

/* The k-th smallest (from 0, k < n) of a[0..n), or with dev of |a[r] -
 * center|: the value a full sort would put at k, by a radix selection
 * (two reads of a, no copy of it). *st KW_ENOMEM (0 returned) when out of
 * memory. */
int64_t kw_quality_select(kw_context *ctx, const int64_t *a, size_t n,
                          size_t k, bool dev, int64_t center, kw_status *st);

#endif
