/*
 * klantwijs/quality.h — the data-quality report behind `klantwijs inspect`.
 *
 * Reading already counts rows read, used and skipped (kw_read_report) and
 * missing cells per column (kw_column.missing). This adds checks over the
 * typed transactions and across tables:
 *   - exact duplicate lines: lines equal in every stored column to an
 *     earlier line, found by sorting 64-bit fingerprints of the typed rows;
 *   - negative lines (returns, credit notes, cancellations) and their sum;
 *   - dates after `today` and dates before `old_before`;
 *   - extreme amounts: |amount - median| > k x 1.4826 x MAD (a robust
 *     z-score, k = 10 by default); none are flagged when the MAD is 0;
 *   - customers in transactions but not in the customers table and the
 *     reverse (when a customers table was read).
 */
#ifndef KLANTWIJS_QUALITY_H
#define KLANTWIJS_QUALITY_H

#include "klantwijs/core.h"
#include "klantwijs/data.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kw_quality_options {
  int32_t today;      /* dates after this are "in the future" */
  int32_t old_before; /* dates before this are implausibly old */
  double outlier_k;   /* robust z-score limit, default 10 */
} kw_quality_options;

/* today = KW_NA_DATE (no future check), old_before = 1990-01-01, k = 10. */
KW_API void kw_quality_options_init(kw_quality_options *o);

typedef struct kw_quality {
  uint64_t lines;
  uint64_t duplicate_lines;
  uint64_t negative_lines;
  int64_t negative_amount; /* cents, <= 0 */
  uint64_t future_dates;
  uint64_t old_dates;
  int32_t first_date, last_date;
  int64_t median_amount, mad_amount; /* cents */
  uint64_t extreme_amounts;
  int64_t extreme_low, extreme_high; /* the bounds used, cents */
  bool has_customers_table;
  uint64_t customers_in_transactions;
  uint64_t customers_not_in_table;   /* buy but are not in customers.csv */
  uint64_t customers_without_lines;  /* in customers.csv, never bought */
} kw_quality;

KW_API kw_status kw_quality_check(kw_context *ctx, const kw_dataset *ds,
                                  const kw_quality_options *o,
                                  kw_quality *out);

#ifdef __cplusplus
}
#endif
#endif
