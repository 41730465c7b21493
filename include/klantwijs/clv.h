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
#include "klantwijs/data.h"
#include "klantwijs/summary.h"

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
                         all of them (default 2048; SIZE_MAX: never) */
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

/* --------------------------------------------------- from a dataset
 *
 * kw_clv_data_build() turns a dataset's transactions into the models'
 * input, with the rules of klantwijs/summary.h: a purchase day is a day
 * with at least one line of amount >= 0 (same-day purchases merged,
 * negative lines are returns, not purchases); lines after the last day
 * used are left out.
 *
 * Calibration set: the customers whose first purchase is on or before
 * as_of. Customers whose first purchase comes later are not in it; they
 * are counted in n_later.
 *
 * Continuous time (bgnbd, mbgnbd, pnbd): x, t_x, T are the calibration
 * summary's (kw_summary_build at as_of in the unit): x = purchase days
 * after the first, t_x = last - first, T = as_of - first, in units. The
 * holdout count of a customer is the number of its purchase days in
 * (as_of, holdout_end]; holdout_len = (holdout_end - as_of) / unit.
 *
 * Discrete time (bgbb, options.discrete): the periods are calendar
 * periods of the unit: days, ISO weeks (Monday to Sunday), calendar months
 * or calendar years. The period of the first purchase is period 0;
 * opportunity j >= 1 is the j-th calendar period after it. Then
 *   n   = complete periods after the first one up to as_of (the period
 *         holding as_of counts when as_of is its last day) (T = n),
 *   x   = opportunities 1..n with at least one purchase day,
 *   t_x = the last of them (0 when x = 0),
 * and purchases in the incomplete opportunity n + 1 are not calibration
 * data. The holdout has H opportunities per customer, n + 1 .. n + H, H
 * the calendar periods completed in (as_of, holdout_end]; a customer's
 * holdout count is the number of them with a purchase (holdout_len = H).
 * zbar is the net revenue of the purchase days in opportunities 1..n
 * divided by x. Tracking periods are then calendar periods too: period k
 * is the k-th after the one of the earliest first purchase, offset[i] the
 * number of periods from that one to customer i's first.
 *
 * Tracking: periods of one unit, aligned so that period n_cal_periods
 * ends on as_of: period k ends on the day as_of + (k - n_cal_periods) u,
 * with n_cal_periods = ceil((as_of - earliest first purchase) / u) (at
 * least 1) and the holdout's whole periods after it. track_actual[k - 1]
 * is the calibration customers' cumulative repeat purchases (purchase
 * days, or purchase opportunities by the day each ends) up to the end of
 * period k; offset[i] is customer i's first purchase in periods from the
 * start of period 1, so kw_clv_tracking(fit, offset, n, n_periods, ...)
 * gives the expected counterpart.
 *
 * Value inputs: revenue (net, calibration) and margin per customer,
 * (revenue - cost) / revenue when the cost (or margin) of every one of
 * its calibration lines is known and revenue > 0, else NaN; the pooled
 * margin over those customers; the acquisition cost from the customers
 * table (role acquisition_cost) when it has one.
 *
 * Ownership: a kw_clv_data owns every array of its view (valid until
 * kw_clv_data_free); ids borrows the dataset's customer dictionary, so
 * the dataset must outlive it.
 */

typedef struct kw_clv_data_options {
  int32_t as_of;       /* end of calibration, inclusive; KW_NA_DATE = the
                          last transaction date */
  int32_t holdout_end; /* end of the holdout, inclusive; KW_NA_DATE = no
                          holdout */
  kw_unit unit;        /* period of t_x, T, horizons and tracking */
  bool discrete;       /* BG/BB opportunities instead of continuous time */
} kw_clv_data_options;

KW_API void kw_clv_data_options_init(kw_clv_data_options *o);

typedef struct kw_clv_input {
  size_t n;                 /* rows: calibration customers or patterns */
  const kw_dict *ids;       /* customer ids; NULL for a pattern file */
  const uint32_t *customer; /* dense customer id per row; NULL for patterns */
  const double *x, *t_x, *T;
  const double *weight;     /* customers per row (patterns); NULL = 1 */
  const double *zbar;       /* mean net revenue per repeat purchase,
                               currency units (0 when x = 0; may be <= 0
                               after returns); NULL for patterns */
  const int32_t *first;     /* first purchase day; NULL for patterns */
  const double *revenue;    /* calibration net revenue, currency units */
  const double *margin;     /* real margin fraction or NaN (see above) */
  double pooled_margin;     /* NaN when no customer's cost is known */
  bool has_cost;            /* the transactions have a cost or margin */
  const double *acq_cost;   /* currency units, NaN when missing; NULL when
                               the customers table has no such column */
  int32_t as_of;            /* KW_NA_DATE for patterns */
  kw_unit unit;
  bool discrete;
  size_t n_later;           /* customers first buying after as_of */
  size_t n_repeat;          /* rows with x >= 1 (customers for patterns) */
  /* holdout (holdout NULL without one) */
  int32_t holdout_end;
  double holdout_len;       /* in units (discrete: opportunities) */
  const double *holdout;    /* actual repeat purchases in the holdout */
  /* tracking (n_periods 0 for patterns) */
  size_t n_periods, n_cal_periods;
  const double *offset;       /* per row, in periods */
  const double *track_actual; /* cumulative, per period */
  const int32_t *period_end;  /* last day of each tracking period */
} kw_clv_input;

typedef struct kw_clv_data kw_clv_data;

KW_API kw_status kw_clv_data_build(kw_context *ctx, const kw_dataset *ds,
                                   const kw_clv_data_options *o,
                                   kw_clv_data **out);

/*
 * Read a pattern file: a CSV (',' ';' or tab) with a header naming the
 * columns frequency (or x), recency (or t_x), periods (or T, n) and
 * optionally weights (or weight, count): one row per distinct (x, t_x, T)
 * and the number of customers that have it, as the BG/BB donations data.
 * Whole or decimal numbers with '.' as the decimal mark.
 */
KW_API kw_status kw_clv_data_read_patterns(kw_context *ctx, const char *path,
                                           kw_clv_data **out);
/* The same from pattern arrays (copied): x, t_x and T of each pattern and
 * the number of customers with it (w; NULL = 1 each). */
KW_API kw_status kw_clv_data_from_patterns(kw_context *ctx, const double *x,
                                           const double *t_x, const double *T,
                                           const double *w, size_t n,
                                           kw_clv_data **out);

/* The same from per-customer rows computed elsewhere (a database,
 * klantwijs/pg.h): continuous time, the definitions of
 * kw_clv_data_build. ids, first, x, t_x, T (in unit), zbar, revenue
 * (currency units) and margin (NaN: unknown) per customer, holdout (NULL:
 * no holdout) the purchase days in (as_of, holdout_end]; the tracking
 * counts come from rcount[k] repeat purchase days (purchase days after a
 * customer's first, up to holdout_end or as_of) on day rday[k]. Copied. */
typedef struct kw_clv_rows {
  size_t n;
  const char *const *ids;
  const int32_t *first;
  const double *x, *t_x, *T, *zbar, *revenue, *margin, *holdout;
  int32_t as_of, holdout_end; /* holdout_end KW_NA_DATE: no holdout */
  kw_unit unit;
  bool has_cost;
  double pooled_margin; /* (revenue - cost) / revenue over the customers
                           with a margin, NaN when none */
  size_t n_later;
  size_t n_days;
  const int32_t *rday;
  const double *rcount;
} kw_clv_rows;
KW_API kw_status kw_clv_data_from_rows(kw_context *ctx, const kw_clv_rows *r,
                                       kw_clv_data **out);

/* The default horizon in periods of unit: one year (365 days, 52 weeks,
 * 12 months, 1 year); for a pattern file (observed not NULL) as far as its
 * customers were observed, the longest T rounded up (at most 100,000). */
KW_API size_t kw_clv_horizon_default(kw_unit unit,
                                     const kw_clv_input *observed);

/* The holdout check of a fit on data with a holdout period (d->holdout):
 * the evaluation, E[Y(holdout_len)] per row and the expected cumulative
 * repeat purchases per tracking period. */
typedef struct kw_clv_holdout {
  kw_clv_evaluation ev;
  double *expected; /* per row */
  double *tracking; /* per period, d->n_periods */
} kw_clv_holdout;
KW_API kw_status kw_clv_holdout_compute(kw_context *ctx, const kw_clv_fit *f,
                                        const kw_clv_input *d,
                                        kw_clv_holdout *out);
KW_API void kw_clv_holdout_free(kw_context *ctx, kw_clv_holdout *h);

KW_API const kw_clv_input *kw_clv_data_view(const kw_clv_data *d);
KW_API void kw_clv_data_free(kw_clv_data *d);

/* Where the margin of a value came from. */
typedef enum kw_clv_margin_source {
  KW_CLV_MARGIN_GIVEN = 0, /* the option, the same for everyone */
  KW_CLV_MARGIN_REAL,      /* each customer's own, else the pooled one */
  KW_CLV_MARGIN_NONE       /* no cost known: value is revenue (margin 1) */
} kw_clv_margin_source;

typedef struct kw_clv_predict_options {
  size_t horizon;   /* periods ahead (default 12) */
  double discount;  /* discount rate per period >= 0 (default 0) */
  double margin;    /* fraction 0..1, or NaN (default) for the real
                       margins */
  unsigned count;   /* p_count is P(exactly count purchases in the
                       horizon) (default 0) */
} kw_clv_predict_options;

KW_API void kw_clv_predict_options_init(kw_clv_predict_options *o);

typedef struct kw_clv_predictions {
  size_t n;
  const double *p_alive;   /* P(alive at T) */
  const double *expected;  /* E[Y(horizon)] */
  const double *p_count;   /* P(Y(horizon) = count); NULL for bgbb */
  const double *spend;     /* expected spend per purchase; NULL without a
                              spend fit */
  const double *margin;    /* margin used per row; NULL without spend */
  const double *value;     /* discounted value over the horizon, currency
                              units; NULL without spend */
  const double *value_cac; /* value / acquisition cost, NaN where the cost
                              is missing or 0; NULL without both */
  kw_clv_margin_source margin_source;
  double population;       /* E[X(horizon)] of a new customer */
  double total_expected;   /* sums over rows (weighted) */
  double total_value;
} kw_clv_predictions;

typedef struct kw_clv_pred kw_clv_pred;

/*
 * Per-row predictions for the data the fit came from: model is a purchase
 * fit; spend (may be NULL) a gg fit, used with max(zbar, 0) (repeat
 * buyers whose repeat revenue is not positive get the population mean).
 * Every number is finite except value_cac where noted.
 */
KW_API kw_status kw_clv_data_predict(kw_context *ctx, const kw_clv_fit *model,
                                     const kw_clv_fit *spend,
                                     const kw_clv_data *d,
                                     const kw_clv_predict_options *o,
                                     kw_clv_pred **out);
KW_API const kw_clv_predictions *kw_clv_pred_view(const kw_clv_pred *p);
KW_API void kw_clv_pred_free(kw_clv_pred *p);

/* ------------------------------------------------------ the analysis
 *
 * kw_clv_analysis_compute() is the `clv` command's whole pipeline on data
 * d, so that a program that embeds the library gets the command's answer
 * with one call:
 *   - no calibration customer: KW_EEMPTY (model.e.clv_no_customer, with the
 *     number who first bought after the as-of date);
 *   - a discrete (BG/BB) holdout shorter than one period: KW_EARG;
 *   - the purchase model `model`, or with KW_CLV_MODEL__COUNT the best of
 *     bgnbd, mbgnbd and pnbd by BIC (the comparison is kept);
 *   - with `spend` the Gamma-Gamma model; when no repeat buyer has a
 *     positive repeat spend there is no spend model and no values, a
 *     warning (model.w.clv_no_spend) says so and no_spend is set;
 *   - the predictions over predict.horizon periods (0: one year of `unit`,
 *     or with horizon_observed as far as d's customers were observed:
 *     kw_clv_horizon_default);
 *   - with a holdout period in d, the holdout check (kw_clv_holdout). */
typedef struct kw_clv_analysis_options {
  kw_clv_model model;      /* KW_CLV_MODEL__COUNT: the best by BIC
                              (default bgnbd) */
  bool spend;              /* fit the spend model (default true) */
  kw_unit unit;            /* of the default horizon (default week) */
  bool horizon_observed;   /* default horizon from d (a pattern file) */
  kw_clv_fit_options fit;
  kw_clv_predict_options predict;
} kw_clv_analysis_options;

KW_API void kw_clv_analysis_options_init(kw_clv_analysis_options *o);

typedef struct kw_clv_analysis_data {
  const kw_clv_input *input;            /* d */
  const kw_clv_result *fit;             /* the purchase model */
  const kw_clv_result *gg;              /* NULL: no spend model */
  const kw_clv_predictions *pred;
  const kw_clv_comparison *comparison;  /* NULL unless the best by BIC */
  const kw_clv_holdout *holdout;        /* NULL without a holdout period */
  size_t horizon;                       /* periods predicted */
  bool no_spend; /* asked for, but no repeat buyer with a positive spend */
} kw_clv_analysis_data;

typedef struct kw_clv_analysis kw_clv_analysis;

/* d is borrowed and must outlive *out. */
KW_API kw_status kw_clv_analysis_compute(kw_context *ctx,
                                         const kw_clv_data *d,
                                         const kw_clv_analysis_options *o,
                                         kw_clv_analysis **out);
KW_API const kw_clv_analysis_data *kw_clv_analysis_view(
    const kw_clv_analysis *a);
KW_API void kw_clv_analysis_free(kw_clv_analysis *a);

#ifdef __cplusplus
}
#endif
#endif
