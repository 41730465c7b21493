/*
 * klantwijs/retention.h — retention and churn: the shifted-beta-geometric
 * model, acquisition cohorts, churn rules and churn drivers.
 *
 * Ownership: inputs (tables, arrays, columns) are borrowed for the call
 * only; every result object owns what its accessors return, valid until
 * its *_free(), and every *_free accepts NULL. Nothing here prints.
 */
#ifndef KLANTWIJS_RETENTION_H
#define KLANTWIJS_RETENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/summary.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ================================================================ sBG ===
 *
 * Shifted-beta-geometric model of contractual retention (Fader & Hardie
 * 2007, "How to project customer retention", J. Interactive Marketing
 * 21(1)). Each customer churns at the end of a period with probability
 * theta, theta ~ Beta(alpha, beta) over customers. With T the period in
 * which a customer churns (T = 1, 2, ...):
 *     P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta),
 *     S(t)     = B(alpha, beta + t) / B(alpha, beta),   S(0) = 1,
 *     r(t)     = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1).
 * Input: survivors n_0 >= n_1 >= ... >= n_T at the start and after each
 * period. Log-likelihood (churners per period, survivors at the end):
 *     LL = sum_{t=1..T} (n_{t-1} - n_t) ln P(T = t) + n_T ln S(T).
 * Fitted by maximum likelihood with GSL's BFGS (vector_bfgs2) on
 * (ln alpha, ln beta) with the analytic gradient (digamma); standard
 * errors from the inverse observed information in (alpha, beta)
 * (trigamma). Expected lifetime (periods, counting the first):
 *     E[T] = (alpha + beta - 1) / (alpha - 1), finite only for alpha > 1.
 * Discounted expected residual lifetime of a customer who has made
 * n - 1 renewals, just before the n-th (Fader & Hardie 2010, "Customer-
 * base valuation in a contractual setting: the perils of ignoring
 * heterogeneity", Marketing Science 29(1), eq. 6):
 *     DERL(d | n-1) = (beta + n - 1) / (alpha + beta + n - 1)
 *                     * 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d)),
 * d > 0 the discount rate per period. The series is summed directly:
 * its terms shrink at least as fast as (1/(1+d))^k, so the tail after a
 * term is bounded by term * z / (1 - z) and the sum stops when that bound
 * is below 1e-14 of the total (no cancellation, unlike the analytic
 * continuations GSL would use near z = 1).
 */

typedef struct kw_sbg kw_sbg;

typedef struct kw_sbg_options {
  int max_iter;   /* BFGS iterations, default 500 */
  double gtol;    /* stop when |grad(-LL / n_0)| < gtol, default 1e-9 */
  bool quiet;     /* no warning when the fit does not converge: the caller
                     reports kw_sbg_info()->status itself (default false) */
} kw_sbg_options;

KW_API void kw_sbg_options_init(kw_sbg_options *o);

typedef struct kw_sbg_fit_info {
  double alpha, beta;
  double se_alpha, se_beta; /* 0 when the information is not invertible */
  double loglik;            /* at the estimate */
  kw_status status;         /* KW_OK, or KW_ENOCONV when not converged */
  int iterations;
  double grad_norm;         /* |grad LL| w.r.t. (ln alpha, ln beta) */
  size_t periods;           /* T */
  double cohort;            /* n_0 */
} kw_sbg_fit_info;

/*
 * Fit to survivors[0..n) (n >= 2: n_0 .. n_{n-1}). Counts may be
 * fractional (e.g. percentages) but must be finite, >= 0, n_0 > 0 and
 * non-increasing, with some churn and some survivors after period 1
 * (else the likelihood has no maximum: KW_EINPUT). Returns KW_OK with a model also when the optimiser did
 * not converge (then info->status is KW_ENOCONV and a warning is logged);
 * an error status means no model (*out = NULL).
 */
KW_API kw_status kw_sbg_fit(kw_context *ctx, const double *survivors,
                            size_t n, const kw_sbg_options *o,
                            kw_sbg **out);
/*
 * Fit to individual lifetimes counted per period, for customers observed
 * over different spans (contracts that started at different times):
 * churned[t] customers churned in period t (t = 1..n-1; churned[0] must
 * be 0), censored[t] customers still active after t periods when
 * observation stopped (t = 0..n-1; those at t = 0 add nothing).
 *     LL = sum_t churned[t] ln P(T = t) + censored[t] ln S(t)
 * (the right-censored sBG likelihood; kw_sbg_fit is the case churned[t]
 * = n_{t-1} - n_t, censored[T] = n_T). Needs some churn and some customer
 * seen beyond period 1 (else KW_EINPUT). info->cohort is the number of
 * customers with t >= 1, info->periods n - 1.
 */
KW_API kw_status kw_sbg_fit_counts(kw_context *ctx, const double *churned,
                                   const double *censored, size_t n,
                                   const kw_sbg_options *o, kw_sbg **out);
/*
 * The input of kw_sbg_fit_counts from individual durations (in periods)
 * and events: a churned subject with duration d counts as churned in
 * period ceil(d) (at least 1), a censored one as censored after floor(d)
 * periods; a duration within 1e-9 of a whole number is that number;
 * periods are capped at 100000. Subjects with a duration that is not
 * finite or below 0, or an event KW_NA_FLAG, are left out; with grp, only
 * the subjects with grp[i] == g count. *churned and *censored get *n_out
 * = T + 1 entries (T the last period, at least 1), allocated with the
 * context's allocator: free them with kw_free.
 */
KW_API kw_status kw_sbg_period_counts(kw_context *ctx, const double *duration,
                                      const int8_t *event,
                                      const uint32_t *grp, size_t n,
                                      uint32_t g, double **churned,
                                      double **censored, size_t *n_out);
KW_API void kw_sbg_free(kw_sbg *m);
KW_API const kw_sbg_fit_info *kw_sbg_info(const kw_sbg *m);

/* S(t) for t >= 0 periods (1 at t = 0). */
KW_API double kw_sbg_survival(const kw_sbg *m, unsigned t);
/* r(t) for t >= 1 (r(0) is returned as 1). */
KW_API double kw_sbg_retention(const kw_sbg *m, unsigned t);
/* P(T = t), t >= 1: the share of the cohort lost in period t. */
KW_API double kw_sbg_churn_probability(const kw_sbg *m, unsigned t);
/* E[T]; false (and *out = 0) when alpha <= 1 and it is infinite. */
KW_API bool kw_sbg_expected_lifetime(const kw_sbg *m, double *out);
/* sum_{t=0}^{horizon-1} S(t): expected periods within a horizon. */
KW_API double kw_sbg_expected_lifetime_within(const kw_sbg *m,
                                              unsigned horizon);
/* DERL for a customer with `renewals` renewals (n - 1 above), discount
 * rate d > 0 per period. Errors (KW_EARG, KW_ENUMERIC) are recorded on
 * the context of the fit. */
KW_API kw_status kw_sbg_derl(const kw_sbg *m, double d, unsigned renewals,
                             double *out);

/* ============================================================ periods ===
 *
 * Calendar periods for cohorts and churn rates. Weeks start on Monday;
 * months and quarters are calendar months and quarters.
 */
typedef enum kw_period_unit {
  KW_PERIOD_MONTH = 0,
  KW_PERIOD_WEEK,
  KW_PERIOD_QUARTER
} kw_period_unit;

KW_API const char *kw_period_unit_name(kw_period_unit u);
/* A dense index of the period holding day (consecutive periods have
 * consecutive indices) and the first day of a period index. */
KW_API int32_t kw_period_index(int32_t day, kw_period_unit u);
KW_API int32_t kw_period_first_day(int32_t index, kw_period_unit u);
/* "2024-03" (month), "2024-Q1" (quarter), or the Monday "2024-01-29"
 * (week). buf needs 11 bytes. Returns buf. */
KW_API char *kw_period_label(char *buf, int32_t index, kw_period_unit u);

/* ============================================================ cohorts ===
 *
 * Acquisition cohorts from the transactions table (roles customer, date,
 * and amount when present) up to and including an as-of day.
 *
 * Rules (the same as the per-customer summary): a purchase day is a day
 * with at least one line of amount >= 0; negative lines (returns, credit
 * notes) only net revenue. A customer belongs to the cohort of the period
 * of its first purchase day; "period k" is k periods after that one.
 *   active(c, k)       customers of cohort c with a purchase day in k;
 *   active_later(c, k) customers with a purchase day in k or any later
 *                      period up to as-of (i.e. last purchase period >= k);
 *   revenue(c, k)      net amount of their lines in period k (lines before
 *                      the first purchase day are left out);
 *   NRR(c, k)          revenue(c, k) / revenue(c, 0), net revenue
 *                      retention (defined when revenue(c, 0) > 0);
 *   cumulative revenue per acquired customer
 *                      sum_{j <= k} revenue(c, j) / size(c).
 * Shares are fractions (0..1). Cohort rows run over every period from the
 * first acquisition to the as-of period, also those without acquisitions
 * (size 0); a cell (c, k) is observed when period c + k <= the as-of
 * period (the as-of period itself may be incomplete: see `partial`).
 * The pooled row ("total") weighs cohorts by size: per column k it sums
 * numerators and denominators over the cohorts observed at k.
 */

typedef struct kw_cohort_options {
  int32_t as_of;         /* last day included; KW_NA_DATE = last date */
  kw_period_unit period; /* default KW_PERIOD_MONTH */
} kw_cohort_options;

KW_API void kw_cohort_options_init(kw_cohort_options *o);

typedef enum kw_cohort_metric {
  KW_COHORT_ACTIVE = 0,
  KW_COHORT_ACTIVE_SHARE,
  KW_COHORT_ACTIVE_LATER,
  KW_COHORT_ACTIVE_LATER_SHARE,
  KW_COHORT_REVENUE,        /* currency units (cents / 100) */
  KW_COHORT_NRR,
  KW_COHORT_CUM_REVENUE_PER_CUSTOMER, /* currency units */
  KW_COHORT__COUNT
} kw_cohort_metric;

KW_API const char *kw_cohort_metric_name(kw_cohort_metric m);

/* A heatmap-ready matrix: rows = cohorts (oldest first), cols = periods
 * since acquisition (0, 1, ...). */
typedef struct kw_cohort_matrix {
  size_t rows, cols;
  const double *value;        /* rows * cols, row-major; 0 if undefined */
  const uint8_t *defined;     /* 1 where the cell has a value */
  const double *total;        /* cols: pooled over cohorts */
  const uint8_t *total_defined;
} kw_cohort_matrix;

typedef struct kw_cohorts kw_cohorts;

/* Needs customer and date columns; KW_EMISSING without them, KW_EEMPTY
 * without any purchase up to as-of, KW_ERANGE when the matrix would have
 * more than 2^21 cells (e.g. weekly cohorts over more than 27 years).
 * Without an amount column revenue is 0 and NRR undefined. */
KW_API kw_status kw_cohorts_build(kw_context *ctx, const kw_table *tx,
                                  const kw_cohort_options *o,
                                  kw_cohorts **out);
KW_API void kw_cohorts_free(kw_cohorts *co);

/* The same matrices from counts aggregated elsewhere (a database,
 * kw_pg_pushdown_cohorts): per cell, a day of the cohort's period (its
 * customers' first purchase period), the age k, the customers with a
 * purchase day in period k, the customers whose last purchase period is
 * k, and the net revenue of period k in cents (lines from the first
 * purchase day on). Cohort sizes are the sums of `last`. Cells may repeat
 * (they add up). KW_EEMPTY without any customer, KW_EINPUT for a cell
 * past as_of. */
typedef struct kw_cohort_cell {
  int32_t cohort_day;
  uint32_t age;
  uint64_t active, last;
  int64_t revenue;
} kw_cohort_cell;
KW_API kw_status kw_cohorts_from_cells(kw_context *ctx, kw_period_unit u,
                                       int32_t as_of,
                                       const kw_cohort_cell *cell, size_t n,
                                       kw_cohorts **out);

KW_API size_t kw_cohorts_count(const kw_cohorts *co);  /* rows */
KW_API size_t kw_cohorts_ages(const kw_cohorts *co);   /* cols */
KW_API kw_period_unit kw_cohorts_period(const kw_cohorts *co);
KW_API int32_t kw_cohorts_as_of(const kw_cohorts *co);
/* True when the as-of day is not the last day of its period. */
KW_API bool kw_cohorts_partial(const kw_cohorts *co);
/* Period index of cohort row c (see kw_period_index). */
KW_API int32_t kw_cohorts_index(const kw_cohorts *co, size_t c);
KW_API uint64_t kw_cohorts_size(const kw_cohorts *co, size_t c);
/* Exact revenue of cell (c, k) in cents (0 when not observed). */
KW_API int64_t kw_cohorts_revenue_cents(const kw_cohorts *co, size_t c,
                                        size_t k);
KW_API const kw_cohort_matrix *kw_cohorts_matrix(const kw_cohorts *co,
                                                 kw_cohort_metric m);

/* ============================================================== churn ===
 *
 * Non-contractual (purchases): a customer has churned when no purchase
 * came for longer than a gap G: as-of - last purchase day > G. The first
 * day on which that holds is the churn day, last + floor(G) + 1.
 * G is gap_days when set (> 0), else derived from the data: the
 * gap_quantile (default 0.9) quantile (linear interpolation between order
 * statistics, R's type 7) of all inter-purchase times (days between
 * consecutive purchase days of a customer, pooled over customers: "90% of
 * repeat purchases came within G days"), but at least gap_floor_days
 * (default 30). Without any repeat purchase G = gap_floor_days.
 * At risk: not churned and as-of - last > at_risk_fraction * G (0.7).
 *
 * With a P(alive) array (from a BG/NBD, MBG/NBD or Pareto/NBD fit that
 * passed its checks, klantwijs/clvcheck.h), the status at as-of is the
 * worse of the gap rule's and the model's: churned when the gap is passed
 * or P(alive) < p_alive_threshold (0.5), at risk when as-of - last >
 * at_risk_fraction * G or P(alive) < p_alive_at_risk (0.7), else active.
 * So nobody past the gap is active, whatever the model says; customers
 * whose P(alive) is not finite follow the gap rule alone
 * (kw_churn_status_rule is this rule for one customer). Churn days, the
 * period table and the durations always follow the gap rule (P(alive)
 * says nothing about when a customer left).
 *
 * Contractual (start and end dates): a customer has churned when all its
 * contracts that started by as-of have ended by as-of (end <= as-of); the
 * churn day is the latest end. Tenure runs from the first start (gaps
 * between contracts are ignored). At risk: still active, with a known end
 * within at_risk_days after as-of (a notice or a fixed term).
 *
 * Period table (per calendar period P from the first acquisition to the
 * as-of period): active_start = customers acquired before P whose churn
 * day (if any) is in P or later; churned = churn days in P; the churn rate
 * is churned_of_start / active_start and retention = 1 - churn rate.
 *
 * Durations for Kaplan–Meier (survival.h), per buyer: churned: from the
 * first purchase to last + G (contractual: the churn day), event = 1;
 * otherwise censored at as-of (as-of - first), event = 0; in units of
 * duration_unit_days days.
 *
 * Lists: "recent" = customers whose churn day falls in the as-of period
 * (with P(alive): churned by P(alive) and not churned by the gap rule
 * before that period); "at risk" as above. Sorted by value (the caller's
 * per-customer array, e.g. revenue or CLV), highest first.
 */

typedef enum kw_churn_status {
  KW_CHURN_NONE = 0,  /* no purchase (or contract) up to as-of */
  KW_CHURN_ACTIVE,
  KW_CHURN_AT_RISK,
  KW_CHURN_CHURNED
} kw_churn_status;

typedef struct kw_churn_options {
  int32_t as_of;             /* KW_NA_DATE = the last date in the data */
  kw_period_unit period;     /* period table, default month */
  double duration_unit_days; /* durations in days (1, default), weeks
                                (7) or months (30.4375) */
  /* non-contractual */
  double gap_days;           /* > 0: use this gap; 0: derive (default) */
  double gap_quantile;       /* 0.9 */
  double gap_floor_days;     /* 30 */
  double at_risk_fraction;   /* 0.7 */
  const double *p_alive;     /* optional, indexed by customer id */
  size_t n_p_alive;          /* must cover every customer id used */
  double p_alive_threshold;  /* 0.5 */
  double p_alive_at_risk;    /* 0.7 */
  int p_alive_model;         /* the kw_clv_model that gave p_alive, for
                                reports; -1 (default): not named */
  /* contractual */
  int32_t at_risk_days;      /* 90 */
  /* both */
  const double *value;       /* optional, indexed by customer id */
  size_t n_value;
} kw_churn_options;

KW_API void kw_churn_options_init(kw_churn_options *o);

/* The status rule above for one customer: recency and the gap in days,
 * P(alive) NaN when no checked model gives one. */
KW_API kw_churn_status kw_churn_status_rule(double recency_days,
                                            double gap_days,
                                            double at_risk_fraction,
                                            double p_alive,
                                            double p_alive_threshold,
                                            double p_alive_at_risk);

typedef struct kw_churn kw_churn;

/* From the transactions table (customer and date roles, amount optional:
 * without it every line is a purchase). */
KW_API kw_status kw_churn_purchases(kw_context *ctx, const kw_table *tx,
                                    const kw_churn_options *o,
                                    kw_churn **out);
/* From contracts: per row an optional customer id (NULL: each row is its
 * own customer, id = row), a start day and an end day (KW_NA_DATE =
 * ongoing). Rows without a start day are skipped. */
KW_API kw_status kw_churn_contracts(kw_context *ctx, const uint32_t *customer,
                                    const int32_t *start, const int32_t *end,
                                    size_t n, const kw_churn_options *o,
                                    kw_churn **out);
/* The same from a table with start_date and end_date roles (customer
 * role optional). */
KW_API kw_status kw_churn_contracts_table(kw_context *ctx, const kw_table *t,
                                          const kw_churn_options *o,
                                          kw_churn **out);
KW_API void kw_churn_free(kw_churn *c);

typedef struct kw_churn_info {
  bool contractual;
  bool by_p_alive;        /* status from P(alive) */
  int32_t as_of;
  double gap_days;        /* G (non-contractual) */
  bool gap_derived;       /* from the data (else gap_days was given) */
  double gap_quantile_days; /* the raw quantile before the floor */
  uint64_t n_intervals;   /* inter-purchase times behind the quantile */
  size_t n_customers;     /* rows of the per-customer arrays */
  size_t n_buyers;        /* customers with a purchase or contract */
  size_t n_active, n_at_risk, n_churned;
  double churned_share;   /* n_churned / n_buyers */
  /* the rule as applied (from the options; reports state it from here) */
  kw_period_unit period;  /* of the period table */
  double gap_quantile, gap_floor_days, at_risk_fraction;
  double p_alive_threshold;
  double p_alive_at_risk; /* at least p_alive_threshold */
  int p_alive_model;      /* a kw_clv_model, or -1 */
  int32_t at_risk_days;   /* contracts */
} kw_churn_info;

KW_API const kw_churn_info *kw_churn_info_view(const kw_churn *c);

/*
 * Churn has two figures, each with one name and one definition:
 *   churned share today  n_churned / n_buyers of kw_churn_info: the share
 *                        of all customers whose status at as-of is
 *                        churned (by the gap rule, P(alive) or contracts,
 *                        as kw_churn_info.by_p_alive and .contractual say);
 *   12-month churn rate  of the customers active 365 days before as-of
 *                        (first purchase or start on or before that day,
 *                        no churn day before it), the share with a churn
 *                        day since (churn days follow the gap rule or the
 *                        contract ends, never P(alive)).
 * kw_churn_year_rate gives the second; defined is false (rate NaN) when no
 * customer was active a year before as-of.
 */
typedef struct kw_churn_year {
  bool defined;
  size_t base;  /* customers active 365 days before as-of */
  size_t lost;  /* of those, with a churn day since */
  double rate;  /* lost / base */
} kw_churn_year;

KW_API void kw_churn_year_rate(const kw_churn *c, kw_churn_year *out);

/* Per customer id. first/last: first and last purchase day (contracts:
 * first start, latest end or KW_NA_DATE when open). */
typedef struct kw_churn_customers {
  size_t n;
  const uint8_t *status;      /* kw_churn_status */
  const int32_t *first;
  const int32_t *last;
  const int32_t *churn_day;   /* KW_NA_DATE when not churned (gap rule /
                                 contract end) */
} kw_churn_customers;

KW_API const kw_churn_customers *kw_churn_customers_view(const kw_churn *c);

typedef struct kw_churn_period {
  int32_t index;            /* kw_period_index */
  int32_t first_day, last_day;
  uint64_t active_start;    /* alive at the start of the period */
  uint64_t acquired;        /* first purchase / contract in the period */
  uint64_t churned;         /* churn days in the period */
  uint64_t churned_of_start;/* of which alive at the start */
  uint64_t active_end;      /* alive at the end (or at as-of) */
  double churn_rate;        /* churned_of_start / active_start, 0 if none */
  double retention_rate;    /* 1 - churn_rate (0 if none at the start) */
  bool partial;             /* ends after as-of */
} kw_churn_period;

KW_API size_t kw_churn_period_count(const kw_churn *c);
KW_API const kw_churn_period *kw_churn_periods(const kw_churn *c);

typedef struct kw_churn_list {
  size_t n;
  const uint32_t *customer; /* ids, highest value first */
  const double *value;      /* their value (0 without a value array) */
  const int32_t *last;      /* last purchase day (contracts: end) */
  double total_value;
} kw_churn_list;

KW_API const kw_churn_list *kw_churn_recent(const kw_churn *c);
KW_API const kw_churn_list *kw_churn_at_risk(const kw_churn *c);

/* Kaplan–Meier input, one row per buyer. */
typedef struct kw_churn_durations {
  size_t n;
  const uint32_t *customer;
  const double *duration;   /* in duration_unit_days */
  const int8_t *event;      /* 1 churned, 0 censored */
} kw_churn_durations;

KW_API const kw_churn_durations *kw_churn_durations_view(const kw_churn *c);

/* ===================================================== churn drivers ===
 *
 * What goes with churn. Input: a churn flag per row (1 churned, 0
 * retained, KW_NA_FLAG: row left out) and attribute columns of the same
 * rows (kw_column views, e.g. from a customers table, or filled in by the
 * caller). TEXT and FLAG columns are categorical, NUMBER, MONEY and DATE
 * numeric; missing numbers are NaN / KW_NA_MONEY / KW_NA_DATE, missing
 * categories KW_NA_ID / KW_NA_FLAG (their own level, "(missing)").
 *
 *   - churn rate per category level with a Wilson score interval
 *     (Wilson 1927): centre (p + z^2/2n) / (1 + z^2/n), half-width
 *     z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n);
 *   - medians of numeric attributes for churned and retained rows;
 *   - an L2-penalised logistic regression of churn on the attributes:
 *     numeric features standardised (mean 0, sd 1 on the training rows,
 *     missing values set to the training mean, i.e. 0), categorical
 *     features one-hot with the most frequent level as reference (at most
 *     max_levels - 1 other levels, the rarest pooled into "(other)"),
 *     penalty l2/2 * |beta|^2 on all but the intercept, fitted by Newton
 *     (IRLS) with step halving. Coefficients are per standard deviation
 *     (numeric) or versus the reference level (categorical);
 *   - evaluated on a random holdout (holdout fraction, shuffled with the
 *     context's seed): AUC as the Mann–Whitney statistic (ties count one
 *     half) and calibration by predicted-risk decile (mean predicted vs
 *     observed churn rate). With holdout 0 the training rows are used.
 */

typedef struct kw_churn_drivers_options {
  double alpha;          /* Wilson intervals, 0.05 */
  double l2;             /* penalty, default 1.0 */
  double holdout;        /* fraction held out, default 0.3; 0 = none */
  size_t max_levels;     /* per categorical in the model, default 20 */
  size_t bins;           /* calibration bins, default 10 */
  int max_iter;          /* Newton iterations, default 100 */
} kw_churn_drivers_options;

KW_API void kw_churn_drivers_options_init(kw_churn_drivers_options *o);

typedef struct kw_churn_drivers kw_churn_drivers;

KW_API kw_status kw_churn_drivers_compute(kw_context *ctx,
                                          const int8_t *churned, size_t n,
                                          const kw_column *const *features,
                                          size_t n_features,
                                          const kw_churn_drivers_options *o,
                                          kw_churn_drivers **out);
KW_API void kw_churn_drivers_free(kw_churn_drivers *d);

KW_API size_t kw_churn_drivers_rows(const kw_churn_drivers *d); /* rows used */
KW_API double kw_churn_drivers_churn_rate(const kw_churn_drivers *d);
KW_API size_t kw_churn_drivers_feature_count(const kw_churn_drivers *d);

/* ------------------------------------------------ churn-driver rows ---
 *
 * The rows and feature columns kw_churn_drivers fits on, built once for
 * every caller.
 *
 * From a churn analysis (kw_churn_driver_rows_compute): one row per customer
 * with a status. Purchases avoid leakage by splitting time: with gap G the
 * status at as-of is "churned" exactly when the last purchase is on or
 * before cutoff = as-of - floor(G) - 1, so the rows are the customers
 * whose first purchase is on or before the cutoff and the behaviour
 * features (orders, revenue, avg_order_value, products, categories,
 * tenure_days, recency_days) are measured on the lines up to the cutoff
 * only. Contracts: the outcome is the status; no behaviour features.
 *
 * From a table with a churn flag (kw_churn_driver_rows_compute_flag): one row per
 * table row, the outcome is the flag column (the --event name, else the
 * column with the churn role); tenure is kept as a feature.
 *
 * Attributes of the customers table: one value per customer by the rule
 * of klantwijs/groups.h (the last non-empty row); text columns with at
 * most 50 distinct values (as categories; text whose values are all
 * numbers, more than two of them and no role, as numbers), flags, numbers
 * and amounts. Left out: the customer id, personal data, the churn flag,
 * end dates, comments, dates, tenure (purchases and contracts) and every
 * column named in exclude (case-insensitive; also the behaviour names).
 * KW_EEMPTY when there is no row or no feature.
 */
typedef struct kw_churn_driver_rows_options {
  const char *const *exclude;
  size_t n_exclude;
} kw_churn_driver_rows_options;

typedef struct kw_churn_driver_rows_data {
  size_t n;                          /* rows */
  const uint32_t *customer;          /* customer id per row (flag table:
                                        the table row) */
  const int8_t *churned;             /* outcome per row */
  size_t n_features;
  const kw_column *const *features;  /* columns over the n rows */
  bool contractual;
  int32_t cutoff;                    /* purchases; else KW_NA_DATE */
  const char *event;                 /* flag table: the flag column */
} kw_churn_driver_rows_data;

typedef struct kw_churn_driver_rows kw_churn_driver_rows;

KW_API kw_status kw_churn_driver_rows_compute(
    kw_context *ctx, const kw_dataset *ds, const kw_churn *ch,
    const kw_churn_driver_rows_options *o, kw_churn_driver_rows **out);
KW_API kw_status kw_churn_driver_rows_compute_flag(
    kw_context *ctx, const kw_table *t, const char *event,
    const kw_churn_driver_rows_options *o, kw_churn_driver_rows **out);
KW_API const kw_churn_driver_rows_data *kw_churn_driver_rows_view(
    const kw_churn_driver_rows *r);
KW_API void kw_churn_driver_rows_free(kw_churn_driver_rows *r);


/* Churn per level of a categorical feature (NULL for a numeric one). */
typedef struct kw_churn_driver_levels {
  const char *feature;
  size_t n_levels;
  const char *const *level;   /* names */
  const uint64_t *n;          /* rows */
  const uint64_t *churned;
  const double *rate;
  const double *lower, *upper; /* Wilson interval */
} kw_churn_driver_levels;

KW_API const kw_churn_driver_levels *
kw_churn_drivers_levels_view(const kw_churn_drivers *d, size_t f);

/* Numeric feature summary (NULL for a categorical one). */
typedef struct kw_churn_driver_numeric {
  const char *feature;
  uint64_t n_churned, n_retained; /* non-missing values */
  double median_churned, median_retained; /* 0 when there are none */
  uint64_t missing;
} kw_churn_driver_numeric;

KW_API const kw_churn_driver_numeric *
kw_churn_drivers_numeric_view(const kw_churn_drivers *d, size_t f);

typedef struct kw_churn_driver_model {
  size_t n_terms;           /* coefficients without the intercept */
  const char *const *term;  /* "tenure", "Contract=Two year", ... */
  const size_t *feature;    /* feature index of each term */
  const double *coef;       /* standardised coefficients */
  const double *se;         /* from the penalised information */
  const double *odds_ratio; /* exp(coef) */
  double intercept;
  double l2;
  /* the fit */
  kw_status status;         /* KW_OK or KW_ENOCONV */
  int iterations;
  double grad_norm;         /* of the penalised log-likelihood */
  double loglik;            /* unpenalised, training rows */
  size_t n_train, n_test;
  bool test_is_train;       /* holdout 0 */
  /* evaluation on the test rows */
  double auc;               /* 0.5 when one class is absent */
  size_t bins;
  const uint64_t *bin_n;
  const double *bin_predicted; /* mean predicted probability */
  const double *bin_observed;  /* observed churn rate */
} kw_churn_driver_model;

/* NULL when no model could be fitted (no rows, or one class only). */
KW_API const kw_churn_driver_model *
kw_churn_drivers_model_view(const kw_churn_drivers *d);


/* ------------------------------------------- churn of a dataset, whole */

/*
 * The churn statuses of a dataset as `klantwijs churn` gives them, every
 * choice made here:
 *   - source: contract dates (start_date and end_date of the customers
 *     table) when asked (contracts) or when there are no transactions;
 *     else purchases and the gap rule;
 *   - P(alive) (p_alive_model >= 0, purchases only): the model is fitted
 *     on the purchases up to the as-of date in weeks (the unit does not
 *     change P(alive)); a fit that fails kw_clv_check_fit decides no
 *     status (the gap rule stays; info->p_alive_rejected and its flags).
 *     Customers are then churned below p_alive_threshold and at risk below
 *     max(p_alive_at_risk, p_alive_threshold);
 *   - value of a customer (the lists' order): net revenue up to the as-of
 *     date, from the per-customer summary (*summary_out, when there are
 *     transactions; NULL otherwise); contracts take the summary's as-of
 *     date when none is given.
 * o->churn.p_alive and o->churn.value are ignored (filled here).
 * KW_EMISSING with info->missing_dates set when contract dates are needed
 * and absent (info->have_customers says whether a customers table was
 * read). ds must outlive *out only for the customer ids.
 */
typedef struct kw_churn_run_options {
  kw_churn_options churn;
  bool contracts;    /* contract dates even when there are transactions */
  int p_alive_model; /* a kw_clv_model, or -1: the gap rule (default) */
} kw_churn_run_options;

KW_API void kw_churn_run_options_init(kw_churn_run_options *o);

typedef struct kw_churn_run_info {
  bool contracts;         /* statuses from contract dates */
  bool p_alive_used;      /* a checked P(alive) model decided statuses */
  bool p_alive_rejected;  /* the fit failed its checks: the gap rule */
  unsigned p_alive_flags; /* its KW_CLV_FLAG_* bits (clvcheck.h) */
  bool missing_dates;     /* failed: contract dates needed, none mapped */
  bool have_customers;    /* a customers table was read */
} kw_churn_run_info;

KW_API kw_status kw_churn_run(kw_context *ctx, const kw_dataset *ds,
                              const kw_churn_run_options *o, kw_churn **out,
                              kw_summary **summary_out,
                              kw_churn_run_info *info);

/* Which tables `klantwijs churn` reads: the customers table alone when a
 * churn flag column is named (event) or no transactions are given; else
 * transactions with customers. */
KW_API bool kw_churn_needs_transactions(const char *event,
                                        bool transactions_given);

/*
 * Churn drivers of a dataset in one call, every choice made here: the
 * rows come from a churn flag column of the customers table
 * (kw_churn_driver_rows_compute_flag: the column event, else the churn
 * role) when event is given or when there are neither transactions nor
 * contract dates; else from the statuses of kw_churn_run with o->run
 * (kw_churn_driver_rows_compute). Then kw_churn_drivers_compute with
 * o->fit. Errors: KW_EINPUT (key "model.e.no_customers_table") for a
 * flag column without a customers table; those of kw_churn_run (its
 * missing-dates error without the flag-column hint), of the rows and of
 * the fit. A P(alive) fit that fails its checks is a warning, as in
 * kw_churn_run.
 */
typedef struct kw_churn_driver_analysis_options {
  kw_churn_run_options run;
  const char *event;                /* churn flag column, or NULL */
  kw_churn_driver_rows_options rows;
  kw_churn_drivers_options fit;
} kw_churn_driver_analysis_options;

KW_API void kw_churn_driver_analysis_options_init(
    kw_churn_driver_analysis_options *o);

typedef struct kw_churn_driver_analysis_data {
  const kw_churn *churn;            /* NULL: from a churn flag column */
  const kw_churn_driver_rows *rows;
  const kw_churn_drivers *drivers;
} kw_churn_driver_analysis_data;

typedef struct kw_churn_driver_analysis kw_churn_driver_analysis;

KW_API kw_status kw_churn_driver_analysis_compute(
    kw_context *ctx, const kw_dataset *ds,
    const kw_churn_driver_analysis_options *o, kw_churn_driver_analysis **out,
    kw_churn_run_info *info);
KW_API const kw_churn_driver_analysis_data *kw_churn_driver_analysis_view(
    const kw_churn_driver_analysis *a);
KW_API void kw_churn_driver_analysis_free(kw_churn_driver_analysis *a);

#ifdef __cplusplus
}
#endif
#endif
