/*
 * numfmt.h — plain numbers and dates for machines (customers.csv,
 * summary.json), written by integer arithmetic: no printf on the hot path.
 * Internal.
 */
#ifndef KW_REPORT_NUMFMT_H
#define KW_REPORT_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* v with `decimals` fixed decimals, '.' decimal mark, no grouping, no
 * "-0"; "" for NaN and infinities. The digits are those of
 * llround(v x 10^decimals) (half away from zero on the scaled value) when
 * decimals is 0..6 and |v| < 1e12; otherwise round(v x 10^d) / 10^d
 * printed by snprintf "%.*f". out: 48 bytes; returns the length. */
size_t kw_num_fixed(char *out, double v, int decimals);
/* The same digits from an integer count of 10^-decimals units (cents
 * with decimals 2); decimals 0..18. out: 48 bytes; returns the length. */
size_t kw_num_scaled(char *out, int64_t units, int decimals);
/* A day as yyyy-mm-dd (years clamped to 0000..9999); "" for KW_NA_DATE.
 * out: 11 bytes; returns the length. */
size_t kw_num_date(char *out, int32_t day);

#endif
