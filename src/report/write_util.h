/*
 * write_util.h — small helpers of the result writers in src/report
 * (profit_report.c, payments_report.c, rfm_report.c, ...): rounding for
 * machine output, a share as a percentage for sentences, sorting customer
 * ids by a key, and a calloc that accepts zero elements. Internal.
 */
#ifndef KW_REPORT_WRITE_UTIL_H
#define KW_REPORT_WRITE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "klantwijs/report.h"

/* v rounded to a number of decimals (no 15-digit noise in CSV and JSON);
 * 0 stays 0 and NaN stays NaN. */
double kw_wu_round(double v, int decimals);
/* A share (fraction) as a percentage for sentences: "23%" / "23,5%". */
char *kw_wu_pct(char *buf, double frac, int decimals, kw_lang lang);
/* Sort ids descending by key, then by key2 (may be NULL), then id
 * ascending. */
void kw_wu_sort_desc(uint32_t *ids, size_t n, const int64_t *key,
                     const int64_t *key2);
/* calloc of at least one element (n may be 0); NULL when out of memory. */
void *kw_wu_calloc(size_t n, size_t size);

#endif
