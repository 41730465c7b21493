/*
 * journey_internal.h — the journey's touch events and its linear helpers,
 * for the tests that compare them with the straightforward computations
 * (internal).
 */
#ifndef KW_MODELS_JOURNEY_INTERNAL_H
#define KW_MODELS_JOURNEY_INTERNAL_H

#include "core/core.h"
#include "klantwijs/data.h"

typedef struct ev {
  uint32_t cust;
  int32_t date;
  uint32_t stage; /* stage dict id, or the purchase pseudo id */
  uint32_t chan;  /* KW_NA_ID without */
  uint32_t row;
} ev;


/* Sorts e[0, ne), added in row order, by (customer, date, row) with two
 * stable counting sorts through tmp (room for ne). False, e untouched,
 * when a key's range is far wider than the touches or on no memory: the
 * caller sorts with qsort then. */
bool kw_journey_sort_events(kw_context *ctx, ev *e, ev *tmp, size_t ne);

/* v[0, n) ascending, as qsort with (a > b) - (a < b) leaves it, by a
 * radix sort of the values' bits (qsort below 256 values or without
 * memory). No NaN and no -0.0 in v. */
void kw_journey_sort_doubles(kw_context *ctx, double *v, size_t n);

/* The first purchase day of each of n customers up to *as_of as the
 * per-customer summary has it (kw_customer_summary.first); *as_of
 * KW_NA_DATE becomes the summary's as-of (the last date). *first gets n
 * slots (KW_NA_DATE: none). */
kw_status kw_journey_first_purchases(kw_context *ctx, const kw_table *t,
                                     size_t n, int32_t *as_of,
                                     int32_t **first);

#endif
