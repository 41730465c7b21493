/*
 * logistic.h — L2-penalised logistic regression by Newton's method
 * (IRLS), and the two evaluations that go with a classifier: the
 * Mann–Whitney AUC and calibration by quantile bins (internal).
 */
#ifndef KW_LOGISTIC_H
#define KW_LOGISTIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

typedef struct kw_logit_fit {
  kw_status status;  /* KW_OK, or KW_ENOCONV after max_iter */
  int iterations;
  double grad_norm;  /* |gradient of the penalised log-likelihood| */
  double loglik;     /* unpenalised */
} kw_logit_fit;

/*
 * Maximise sum_i [y_i eta_i - log(1 + e^eta_i)] - l2/2 sum_j pen_j b_j^2,
 * eta = X b, over the n x p row-major design X (the caller includes an
 * intercept column if wanted and leaves it unpenalised with pen[j] = 0;
 * pen NULL penalises nothing). y in {0, 1}. beta holds the start on entry
 * (zeros are fine) and the estimate on return; se (may be NULL) gets
 * sqrt(diag((X'WX + l2 P)^-1)), 0 where not computable. Returns an error
 * only for bad arguments, out of memory or a singular system.
 */
kw_status kw_logit_irls(kw_context *ctx, const double *X, const int8_t *y,
                        size_t n, size_t p, double l2, const uint8_t *pen,
                        int max_iter, double *beta, double *se,
                        kw_logit_fit *fit);

/* Area under the ROC curve: P(score of a positive > score of a negative)
 * with ties counted one half, from the rank sum of the positives
 * (Mann–Whitney U / (n1 n0)). 0.5 when a class is absent. */
kw_status kw_auc_mann_whitney(kw_context *ctx, const double *score,
                              const int8_t *label, size_t n, double *auc);

/* Sort by score and cut into `bins` groups of (nearly) equal size: rows
 * [b n / bins, (b+1) n / bins). Per bin the count, the mean score and the
 * share of positives (0 for an empty bin). */
kw_status kw_calibration_bins(kw_context *ctx, const double *score,
                              const int8_t *label, size_t n, size_t bins,
                              uint64_t *bin_n, double *bin_pred,
                              double *bin_obs);

#endif
