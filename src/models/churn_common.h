/*
 * churn_common.h — purchase histories and calendar periods shared by the
 * cohort and churn models (internal).
 *
 * The purchase history (kw_history) lives in data/history.h.
 */
#ifndef KW_CHURN_COMMON_H
#define KW_CHURN_COMMON_H

#include "core/core.h"
#include "data/history.h"
#include "klantwijs/data.h"
#include "klantwijs/retention.h"

/* Type-7 quantile of v[0..n) (sorted in place), n > 0. */
double kw_quantile_sorted_inplace(double *v, size_t n, double q);

#endif
