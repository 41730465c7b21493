/*
 * churn_common.h — purchase histories and calendar periods shared by the
 * cohort and churn models (internal).
 *
 * A history holds, per customer id, its distinct activity days up to the
 * as-of day in increasing order, each with the net amount of that day's
 * lines and whether the day has a purchase line (amount >= 0). It is
 * built with one counting sort of the lines by customer and one small sort
 * per customer (lines are usually already in date order, which the
 * insertion sort used for short runs handles in linear time).
 */
#ifndef KW_CHURN_COMMON_H
#define KW_CHURN_COMMON_H

#include "core/core.h"
#include "klantwijs/data.h"
#include "klantwijs/retention.h"

typedef struct kw_hday {
  int32_t day;
  int32_t purchase; /* 1 when a line of the day has amount >= 0 */
  int64_t amount;   /* net cents of the day's lines */
} kw_hday;

typedef struct kw_history {
  size_t n_customers; /* max(dictionary size, largest id + 1) */
  size_t n_buyers;    /* customers with at least one purchase day */
  int32_t as_of;
  int32_t first_day;  /* earliest purchase day, KW_NA_DATE if none */
  bool has_amount;
  uint64_t lines_used, lines_after, lines_skipped;
  size_t *start;      /* n_customers + 1 offsets into days */
  kw_hday *days;
} kw_history;

/* Build from a transactions table (customer and date roles required,
 * amount optional). as_of KW_NA_DATE = the last date. Lines with a missing
 * customer or date are skipped (counted). */
kw_status kw_history_build(kw_context *ctx, const kw_table *tx, int32_t as_of,
                           kw_history *h);
void kw_history_free(kw_context *ctx, kw_history *h);

/* Type-7 quantile of v[0..n) (sorted in place), n > 0. */
double kw_quantile_sorted_inplace(double *v, size_t n, double q);

#endif
