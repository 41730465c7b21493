/*
 * klantwijs/clv.h — predictive customer-value models ("buy till you die").
 *
 * Purchase-count models, fitted to each customer's (x, t_x, T):
 *   x   number of repeat purchases in the calibration period,
 *   t_x time of the last purchase (0 when x = 0),
 *   T   length of the customer's calibration period,
 * all measured from the customer's first purchase, t_x and T in one time
 * unit (a "period": day, week, month) — see klantwijs/summary.h.
 *
 *   "bgnbd"   BG/NBD, Fader, Hardie & Lee (2005), parameters r, alpha, a, b
 *   "mbgnbd"  MBG/NBD, Batislam, Denizel & Filiztekin (2007), r, alpha, a, b
 *   "pnbd"    Pareto/NBD, Schmittlein, Morrison & Colombo (1987), r, alpha,
 *             s, beta
 *   "bgbb"    BG/BB, Fader, Hardie & Shang (2010), discrete time: x
 *             transactions in T = n opportunities, t_x the opportunity of the
 *             last one; parameters alpha, beta, gamma, delta
 *   "gg"      Gamma-Gamma spend model, Fader, Hardie & Lee (2005) "RFM and
 *             CLV": x repeat purchases with mean value zbar; p, q, gamma. It
 *             is fitted on repeat buyers only (x >= 1).
 *
 * Fitting: maximum likelihood over log parameters (GSL BFGS) from several
 * starting points, on the distinct (x, t_x, T) patterns of the data, with
 * an optional L2 penalty lambda * sum(param^2) added to the mean negative
 * log-likelihood per customer. Optional weights (counts) per input row.
 *
 * Ownership: inputs are borrowed; a kw_clv_fit is owned by the caller and
 * freed with kw_clv_fit_free (NULL allowed). The result view and its names
 * live as long as the fit. Output arrays are caller-allocated with n doubles.
 * Every prediction is finite (never NaN); P(alive) lies in [0, 1].
 *
 * Some calls use GSL quadrature; GSL's aborting error handler is switched
 * off by kw_context_new() and failures come back as statuses.
 */
#ifndef KLANTWIJS_CLV_H
#define KLANTWIJS_CLV_H

#include <stdbool.h>
#include <stddef.h>

#include "klantwijs/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X(enum, name, number of parameters) */
#define KW_CLV_MODEL_LIST(X) \
  X(KW_CLV_BGNBD, "bgnbd", 4)  \
  X(KW_CLV_MBGNBD, "mbgnbd", 4) \
  X(KW_CLV_PNBD, "pnbd", 4)    \
  X(KW_CLV_BGBB, "bgbb", 4)    \
  X(KW_CLV_GG, "gg", 3)

typedef enum kw_clv_model {
#define KW_X_CLV(e, name, np) e,
  KW_CLV_MODEL_LIST(KW_X_CLV)
#undef KW_X_CLV
      KW_CLV_MODEL__COUNT
} kw_clv_model;

#define KW_CLV_MAX_PARAMS 4

KW_API const char *kw_clv_model_name(kw_clv_model m);
/* KW_CLV_MODEL__COUNT when the name is unknown. */
KW_API kw_clv_model kw_clv_model_from_name(const char *name);
KW_API size_t kw_clv_model_nparams(kw_clv_model m);
/* Parameter names as in the papers ("r", "alpha", "a", "b", ...). */
KW_API const char *const *kw_clv_model_param_names(kw_clv_model m);

typedef struct kw_clv_fit_options {
  double penalty;     /* L2 coefficient lambda >= 0 (default 0) */
  int max_iter;       /* BFGS iterations per start (default 400) */
  double grad_tol;    /* convergence: |gradient| of the mean objective in
                         log parameters (default 1e-6) */
  size_t n_starts;    /* starting points tried, 1..8 (default 4) */
  const double *init; /* optional extra first start (natural parameters) */
  double corr_warn;   /* gg: warn when |corr(x, zbar)| exceeds this
                         (default 0.3) */
  size_t subsample;   /* with more than twice this many distinct patterns
                         the starts are compared on an evenly spaced
                         subsample of this size and only the best is run on
                         all of them (default 8192; SIZE_MAX: never) */
} kw_clv_fit_options;

KW_API void kw_clv_fit_options_init(kw_clv_fit_options *o);

typedef struct kw_clv_result {
  kw_clv_model model;
  size_t n_params;
  const char *const *names;
  double params[KW_CLV_MAX_PARAMS];
  /* Standard errors from the inverted negative Hessian of the (unpenalised)
   * log-likelihood in the natural parameters. When se_ok is false they are
   * 0 and se_note says why (e.g. "Hessian not positive definite"). */
  double se[KW_CLV_MAX_PARAMS];
  bool se_ok;
  const char *se_note;
  kw_status status;    /* KW_OK when converged, else KW_ENOCONV */
  bool converged;
  size_t iterations;   /* BFGS iterations of the best start */
  size_t starts;       /* starting points tried */
  double grad_norm;    /* |gradient| of the mean objective, log params */
  double loglik;       /* unpenalised log-likelihood */
  double aic, bic;     /* -2 LL + 2k, -2 LL + k ln(N) */
  double n_obs;        /* customers (sum of weights) */
  size_t n_patterns;   /* distinct patterns the fit worked on */
  double penalty;
  /* gg only: weighted Pearson correlation of x and zbar over repeat
   * buyers, and their weighted mean spend. */
  double spend_corr;
  double spend_mean;
} kw_clv_result;

typedef struct kw_clv_fit kw_clv_fit;

/*
 * Fit a purchase model (bgnbd, mbgnbd, pnbd, bgbb) to n customers. weight
 * may be NULL (each row counts once). Rows need 0 <= t_x <= T, x >= 0 a
 * whole number, t_x = 0 when x = 0 (a t_x given with x = 0 is ignored);
 * bgbb also needs whole t_x and T with x <= t_x when x > 0.
 * Non-convergence is not an error: the fit is returned with status
 * KW_ENOCONV and a warning goes to the log callback.
 */
KW_API kw_status kw_clv_fit_model(kw_context *ctx, kw_clv_model model,
                                  const double *x, const double *t_x,
                                  const double *T, const double *weight,
                                  size_t n, const kw_clv_fit_options *o,
                                  kw_clv_fit **out);

/*
 * Fit the Gamma-Gamma spend model on the rows with x >= 1 (x repeat
 * purchases with mean value zbar > 0; other rows are skipped). Warns when
 * |corr(x, zbar)| > o->corr_warn: the model assumes spend independent of
 * frequency.
 */
KW_API kw_status kw_clv_fit_spend(kw_context *ctx, const double *x,
                                  const double *zbar, const double *weight,
                                  size_t n, const kw_clv_fit_options *o,
                                  kw_clv_fit **out);

/* A fit from known parameters (no data): for predictions. */
KW_API kw_status kw_clv_fit_from_params(kw_context *ctx, kw_clv_model model,
                                        const double *params,
                                        kw_clv_fit **out);

KW_API const kw_clv_result *kw_clv_fit_result(const kw_clv_fit *f);
KW_API void kw_clv_fit_free(kw_clv_fit *f);

/*
 * Log-likelihood of one customer at the given natural parameters, and its
 * gradient (grad may be NULL). For gg, t_x is read as zbar and T ignored.
 */
KW_API kw_status kw_clv_loglik(kw_context *ctx, kw_clv_model model,
                               const double *params, double x, double t_x,
                               double T, double *ll, double *grad);

/* ------------------------------------------------------------ predictions
 * All take per-customer arrays of length n and write n doubles. For bgbb,
 * T is the number of opportunities and t a whole number of periods. */

/* P(alive at T | x, t_x, T). */
KW_API kw_status kw_clv_p_alive(kw_context *ctx, const kw_clv_fit *f,
                                const double *x, const double *t_x,
                                const double *T, size_t n, double *out);
/* E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]. */
KW_API kw_status kw_clv_expected(kw_context *ctx, const kw_clv_fit *f,
                                 const double *x, const double *t_x,
                                 const double *T, size_t n, double t,
                                 double *out);
/* P(Y(t) = k | x, t_x, T): exactly k purchases in (T, T + t]. bgnbd,
 * mbgnbd and pnbd (KW_EUNSUPPORTED for bgbb). */
KW_API kw_status kw_clv_prob_count(kw_context *ctx, const kw_clv_fit *f,
                                   const double *x, const double *t_x,
                                   const double *T, size_t n, double t,
                                   unsigned k, double *out);
/* E[X(t)]: expected repeat purchases of a new customer in (0, t]. */
KW_API kw_status kw_clv_population(kw_context *ctx, const kw_clv_fit *f,
                                   double t, double *out);
/* Gamma-Gamma conditional mean spend per purchase,
 *   E[Z | x, zbar] = (p (gamma + x zbar)) / (p x + q - 1),
 * which is the population mean p gamma / (q - 1) for x = 0. When q <= 1 the
 * population mean is infinite; x = 0 rows then get the fit's observed mean
 * spend (with a warning). */
KW_API kw_status kw_clv_spend(kw_context *ctx, const kw_clv_fit *gg,
                              const double *x, const double *zbar, size_t n,
                              double *out);

typedef struct kw_clv_value_options {
  size_t horizon;  /* periods ahead (default 12) */
  double discount; /* discount rate per period d >= 0 (default 0) */
  double margin;   /* fraction of spend kept, 0..1 (default 1) */
} kw_clv_value_options;

KW_API void kw_clv_value_options_init(kw_clv_value_options *o);

/*
 * Discounted customer value over the horizon:
 *   CLV_i = margin * spend_i * sum_{k=1..H} (E[Y(k)] - E[Y(k-1)]) / (1+d)^k
 * with E[Y(k)] the conditional expected purchases in (T, T + k] (so each
 * period's purchases are discounted at the end of that period). spend is
 * per customer (e.g. from kw_clv_spend).
 */
KW_API kw_status kw_clv_value(kw_context *ctx, const kw_clv_fit *f,
                              const double *x, const double *t_x,
                              const double *T, const double *spend, size_t n,
                              const kw_clv_value_options *o, double *out);

/* ------------------------------------------------------------- evaluation */

#define KW_CLV_FREQ_CLASSES 8 /* x = 0..6 and 7+ */

typedef struct kw_clv_evaluation {
  size_t n;
  double mae, rmse, corr;  /* per customer, predicted vs actual */
  double sum_actual, sum_predicted;
  /* Calibration frequency class k (x = k, the last x >= 7). */
  double class_n[KW_CLV_FREQ_CLASSES];
  double class_actual[KW_CLV_FREQ_CLASSES];    /* mean holdout actual */
  double class_predicted[KW_CLV_FREQ_CLASSES]; /* mean predicted */
} kw_clv_evaluation;

/* Compare E[Y(holdout_len)] with the holdout repeat counts `actual`. */
KW_API kw_status kw_clv_evaluate(kw_context *ctx, const kw_clv_fit *f,
                                 const double *x, const double *t_x,
                                 const double *T, const double *actual,
                                 size_t n, double holdout_len,
                                 kw_clv_evaluation *out);

/*
 * Expected cumulative repeat purchases of the whole base at the end of
 * periods 1..n_periods: out[k-1] = sum_i E[X(k - offset_i)] over customers
 * with offset_i < k, where offset_i is customer i's first purchase in
 * periods from the start of the tracking window. Compare with the actual
 * cumulative counts.
 */
KW_API kw_status kw_clv_tracking(kw_context *ctx, const kw_clv_fit *f,
                                 const double *offset, size_t n,
                                 size_t n_periods, double *out);

typedef struct kw_clv_comparison {
  size_t n_models;                     /* 3: bgnbd, mbgnbd, pnbd */
  kw_clv_model model[3];
  kw_status status[3];                 /* fit status (KW_OK or failure) */
  bool converged[3];
  double loglik[3], aic[3], bic[3];
  kw_clv_model best;                   /* lowest BIC among the fitted */
} kw_clv_comparison;

/* Fit bgnbd, mbgnbd and pnbd and keep the one with the lowest BIC ("auto").
 * *out is the chosen fit; cmp (may be NULL) receives the comparison. */
KW_API kw_status kw_clv_fit_auto(kw_context *ctx, const double *x,
                                 const double *t_x, const double *T,
                                 const double *weight, size_t n,
                                 const kw_clv_fit_options *o,
                                 kw_clv_fit **out, kw_clv_comparison *cmp);

#ifdef __cplusplus
}
#endif
#endif
