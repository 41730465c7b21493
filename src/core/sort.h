/*
 * sort.h — sorting of plain keys in linear time (internal).
 */
#ifndef KW_CORE_SORT_H
#define KW_CORE_SORT_H

#include "core/core.h"

/*
 * Sort a[0..n) ascending: an LSD radix sort over the 8 bytes of the keys,
 * one counting pass for all 8 histograms, and the passes whose byte is the
 * same in every key skipped. Needs n keys of scratch (allocated here);
 * KW_ENOMEM leaves a unsorted.
 */
kw_status kw_sort_u64(kw_context *ctx, uint64_t *a, size_t n);

#endif
