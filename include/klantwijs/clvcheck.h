/*
 * klantwijs/clvcheck.h — checks that can reject a purchase-model fit, and
 * intervals for its predictions.
 *
 * A fit that converged can still be useless: BG/NBD on data with few
 * drop-outs runs its dropout parameter a to zero, the standard errors
 * exceed the estimates several times, every customer gets P(alive) near 1
 * and the holdout is under-predicted. kw_clv_check_fit() flags such a fit;
 * a flagged fit must not decide a customer's status (retention.h: the
 * status rule takes P(alive) only from a fit that passed).
 *
 * Flags (any one fails the fit):
 *   no_info        no repeat buyer, or every customer observed for T = 0
 *   not_converged  the optimiser stopped before the gradient test
 *   bound          a parameter ran to a bound: below param_min (0.005) or
 *                  above param_max (1e5; the unit is weeks)
 *   se             a standard error exceeds se_ratio (2) times its
 *                  estimate, or no standard error could be computed
 *   all_alive      more than alive_share (90%) of the repeat buyers have
 *                  P(alive) >= alive_p (0.99): the model sees no drop-out
 *   holdout        the holdout's predicted repeat purchases miss the actual
 *                  count by more than holdout_error (20%)
 *
 * Intervals (kw_clv_intervals): the delta method on the asymptotic normal
 * distribution of the parameters, with the covariance the inverse of the
 * observed information (numerical Hessian of the log-likelihood at the
 * estimate, kw_clv_covariance). Gradients of each prediction are central
 * differences (relative step 1e-4). P(alive) intervals are built on the
 * logit scale and value intervals on the log scale, so they stay inside
 * [0, 1] and above 0. Only the purchase model's uncertainty is counted;
 * the spend per purchase is taken as known.
 */
#ifndef KLANTWIJS_CLVCHECK_H
#define KLANTWIJS_CLVCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "klantwijs/clv.h"
#include "klantwijs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kw_clv_flag {
  KW_CLV_FLAG_NO_INFO = 1u << 0,
  KW_CLV_FLAG_NOT_CONVERGED = 1u << 1,
  KW_CLV_FLAG_BOUND = 1u << 2,
  KW_CLV_FLAG_SE = 1u << 3,
  KW_CLV_FLAG_ALL_ALIVE = 1u << 4,
  KW_CLV_FLAG_HOLDOUT = 1u << 5
} kw_clv_flag;

#define KW_CLV_FLAG_COUNT 6

/* "no_info", "not_converged", "bound", "se", "all_alive", "holdout" for
 * flag bit k (0..5). */
KW_API const char *kw_clv_flag_key(unsigned k);

typedef struct kw_clv_check_options {
  double param_min;     /* 0.005 */
  double param_max;     /* 1e5 */
  double se_ratio;      /* 2 */
  double alive_p;       /* 0.99 */
  double alive_share;   /* 0.9 */
  double holdout_error; /* 0.2 */
} kw_clv_check_options;

KW_API void kw_clv_check_options_init(kw_clv_check_options *o);

typedef struct kw_clv_check {
  unsigned flags;        /* kw_clv_flag bits */
  bool passed;           /* flags == 0 */
  size_t param;          /* the parameter behind bound / se (index) */
  double se_ratio;       /* largest standard error / estimate (NaN: none) */
  size_t repeat_buyers;  /* customers with x >= 1 */
  double alive_share;    /* of them, share with P(alive) >= alive_p */
  double holdout_error;  /* (predicted - actual) / actual; NaN: no holdout */
} kw_clv_check;

/*
 * Check fit result r on its n customers (x, T and P(alive) per customer;
 * p_alive may be NULL to skip that check) and an optional holdout
 * evaluation (NULL: no holdout check).
 */
KW_API void kw_clv_check_fit(const kw_clv_result *r, const double *x,
                             const double *T, const double *p_alive,
                             size_t n, const kw_clv_evaluation *holdout,
                             const kw_clv_check_options *o,
                             kw_clv_check *out);

/* The covariance of the fit's parameters (np x np, row-major) as the
 * inverse observed information of the n customers (x, t_x, T).
 * KW_ENOCONV when the information matrix is not positive definite. */
KW_API kw_status kw_clv_covariance(kw_context *ctx, const kw_clv_fit *f,
                                   const double *x, const double *t_x,
                                   const double *T, size_t n, double *cov);

typedef struct kw_clv_interval_out {
  double *p_alive_lo, *p_alive_hi; /* per customer (may be NULL) */
  double *value_lo, *value_hi;     /* per customer (may be NULL) */
  double total_lo, total_hi;       /* the sum of the values */
} kw_clv_interval_out;

/*
 * level (e.g. 0.9) two-sided delta-method intervals for P(alive) and the
 * discounted value of kw_clv_value (same arguments), given the parameter
 * covariance cov of fit f.
 */
KW_API kw_status kw_clv_intervals(kw_context *ctx, const kw_clv_fit *f,
                                  const double *cov, const double *x,
                                  const double *t_x, const double *T,
                                  const double *spend, size_t n,
                                  const kw_clv_value_options *vo,
                                  double level, kw_clv_interval_out *out);

#ifdef __cplusplus
}
#endif
#endif
