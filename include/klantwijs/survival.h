/*
 * klantwijs/survival.h — Kaplan–Meier survival curves and the log-rank test.
 *
 * Input: per subject a duration (>= 0, any unit), an event flag (1 = the
 * event was observed, e.g. the customer churned; 0 = censored, still a
 * customer when observation stopped) and optionally a group code.
 *
 * Estimator (Kaplan & Meier 1958): over the distinct times t_i of a group,
 *     S(t) = prod_{t_i <= t} (1 - d_i / n_i),
 * n_i = subjects with duration >= t_i (at risk), d_i = events at t_i.
 * Ties: at a time with both events and censorings the events come first,
 * i.e. subjects censored at t_i are still at risk at t_i (the usual rule,
 * as in R survival and lifelines).
 *
 * Variance (Greenwood 1926):
 *     Var S(t) = S(t)^2 * sum_{t_i <= t} d_i / (n_i (n_i - d_i)).
 *
 * Confidence interval: the log-log ("exponential Greenwood") interval,
 * which is lifelines' default and R's conf.type = "log-log":
 *     with v = log S(t), s^2 = sum d_i / (n_i (n_i - d_i)),
 *     lower = exp(-exp(log(-v) - z s / v)),
 *     upper = exp(-exp(log(-v) + z s / v)),   z = Phi^-1(1 - alpha/2);
 * equivalently S^exp(+-z s / |log S|). It stays inside [0, 1]. Where
 * S(t) = 1 the interval is [1, 1]; where S(t) = 0 it is [0, 0].
 *
 * Median survival (as lifelines): the first time t_i with S(t_i) <= 0.5;
 * its confidence interval: the first times at which the upper and the
 * lower confidence curves reach <= 0.5 (Brookmeyer–Crowley style, as
 * lifelines and R). A curve that never reaches 0.5 gives "not reached"
 * (the *_reached flag is false and the value 0). Note that R, unlike
 * lifelines, takes the midpoint when S is exactly 0.5 over an interval.
 *
 * At-risk table at chosen times tau (as lifelines' add_at_risk_counts):
 * at_risk = subjects with duration > tau, events = events with duration
 * <= tau, censored = censorings with duration <= tau; the three add up to
 * the group's size.
 *
 * Log-rank test (Mantel 1966; Peto & Peto 1972) across the groups that
 * have subjects: at every distinct event time of the pooled data,
 *     E_g += d n_g / n,
 *     V_gh += d (n - d) / (n - 1) * (n_g / n) (delta_gh - n_h / n),
 * chi2 = (O - E)' V^- (O - E) over all groups but one, with a generalised
 * inverse (SVD) as R's survdiff, df = rank of V (groups - 1 in all but
 * degenerate cases), p = Q_chi2(chi2; df). Computed for at most
 * KW_LOGRANK_MAX_GROUPS groups.
 *
 * Rows with a non-finite duration, an event flag other than 0/1
 * (KW_NA_FLAG) or group KW_NA_ID are skipped and counted; a negative
 * duration or a group code >= n_groups is an error.
 *
 * Ownership: inputs are borrowed for the call only; the kw_km result owns
 * every array and string it hands out, valid until kw_km_free().
 */
#ifndef KLANTWIJS_SURVIVAL_H
#define KLANTWIJS_SURVIVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/groups.h"
#include "klantwijs/retention.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KW_LOGRANK_MAX_GROUPS 256

typedef struct kw_km_options {
  double alpha;             /* 1 - confidence level; default 0.05 */
  const double *at_times;   /* times for the at-risk table (copied); */
  size_t n_at_times;        /* may be 0 */
} kw_km_options;

KW_API void kw_km_options_init(kw_km_options *o);

typedef struct kw_km kw_km;

/*
 * Fit one curve per group. group may be NULL (one group, n_groups is then
 * ignored and taken as 1). group_names may be NULL ("all" for one group,
 * else "group 0", "group 1", ...); the names are copied. o may be NULL for
 * the defaults. On failure *out is NULL.
 */
KW_API kw_status kw_km_fit(kw_context *ctx, const double *duration,
                           const int8_t *event, size_t n,
                           const uint32_t *group, size_t n_groups,
                           const char *const *group_names,
                           const kw_km_options *o, kw_km **out);
KW_API void kw_km_free(kw_km *km);

KW_API size_t kw_km_groups(const kw_km *km);
KW_API const char *kw_km_group_name(const kw_km *km, size_t g);
/* Rows skipped (missing duration, event or group). */
KW_API uint64_t kw_km_skipped(const kw_km *km);
KW_API double kw_km_alpha(const kw_km *km);

/* The step function of one group: one row per distinct time (events or
 * censorings) in increasing order. S, variance and the interval hold from
 * time[i] up to time[i+1]; before time[0] S = 1. */
typedef struct kw_km_curve {
  size_t n;               /* subjects in the group */
  size_t n_events;        /* events in the group */
  size_t n_times;         /* rows below */
  const double *time;
  const uint64_t *at_risk;  /* n_i: duration >= time[i] */
  const uint64_t *events;   /* d_i */
  const uint64_t *censored; /* censorings at time[i] */
  const double *survival;   /* S(time[i]) */
  const double *variance;   /* Greenwood Var S(time[i]) */
  const double *ci_lower;   /* log-log interval */
  const double *ci_upper;
} kw_km_curve;

/* NULL when g is out of range. */
KW_API const kw_km_curve *kw_km_group_curve(const kw_km *km, size_t g);

/* S(t), and its interval when lo/hi are not NULL (1 before the first
 * time). Returns false when g is out of range. */
KW_API bool kw_km_survival_at(const kw_km *km, size_t g, double t,
                              double *s, double *lo, double *hi);

typedef struct kw_km_median {
  double median, lower, upper; /* 0 when not reached */
  bool median_reached, lower_reached, upper_reached;
} kw_km_median;

KW_API const kw_km_median *kw_km_group_median(const kw_km *km, size_t g);

/* The at-risk table of a group at o->at_times (see the file comment). */
typedef struct kw_km_at_risk {
  size_t n_times;
  const double *time;
  const uint64_t *at_risk;  /* duration > time */
  const uint64_t *events;   /* events with duration <= time */
  const uint64_t *censored; /* censorings with duration <= time */
} kw_km_at_risk;

KW_API const kw_km_at_risk *kw_km_group_at_risk(const kw_km *km, size_t g);

typedef struct kw_logrank {
  bool computed;   /* false with fewer than 2 non-empty groups or too many */
  double chi2;
  double df;       /* degrees of freedom (rank of V) */
  double p_value;
  size_t n_groups; /* rows of observed/expected (= kw_km_groups) */
  const double *observed; /* events per group */
  const double *expected; /* expected events under equal hazards */
} kw_logrank;

KW_API const kw_logrank *kw_km_logrank(const kw_km *km);


/* ------------------------------------------- subjects of an analysis */

/*
 * The durations to analyse, one per subject, and their groups:
 *   - from a table (kw_survival_subjects_from_table): every row is a
 *     subject; duration = the column `duration` (or the tenure role), read
 *     as numbers; event = the column `event` (or the churn role), read as
 *     yes/no flags;
 *   - from a churn result (kw_survival_subjects_from_churn): one subject
 *     per buyer (purchases) or customer (contracts), with the durations and
 *     events of kw_churn_durations_view; groups come from the customers
 *     table of ds, one value per customer by the rule of groups.h (its
 *     last non-empty row), counting only the customers with a duration.
 * Groups (by, optional): an empty cell is a missing value (no group);
 * groups under KW_PRIVACY_MIN subjects are merged into "other" (left out
 * when "other" is still too small); more than max_groups values is an
 * error. Errors: KW_EINPUT with a message for a duration or event column
 * that is absent or of the wrong type; KW_EARG for a `by` column that is
 * absent or has too many values (or no customers table was read).
 */
typedef struct kw_survival_subjects_options {
  const char *duration; /* column name; NULL: the tenure role */
  const char *event;    /* column name; NULL: the churn role */
  const char *by;       /* group column; NULL: no groups */
  size_t max_groups;    /* default 1000 */
} kw_survival_subjects_options;

KW_API void kw_survival_subjects_options_init(
    kw_survival_subjects_options *o);

typedef struct kw_survival_subjects_data {
  size_t n;
  const double *duration;
  const int8_t *event;        /* 1 churned, 0 censored */
  const uint32_t *group;      /* NULL without by; KW_NA_ID = none */
  const kw_groups_data *groups; /* NULL without by */
  const char *duration_name;  /* table: the columns used; else NULL */
  const char *event_name;
} kw_survival_subjects_data;

typedef struct kw_survival_subjects kw_survival_subjects;

KW_API kw_status kw_survival_subjects_from_table(
    kw_context *ctx, const kw_table *t, const kw_survival_subjects_options *o,
    kw_survival_subjects **out);
KW_API kw_status kw_survival_subjects_from_churn(
    kw_context *ctx, const kw_dataset *ds, const kw_churn *ch,
    const kw_survival_subjects_options *o, kw_survival_subjects **out);
KW_API const kw_survival_subjects_data *kw_survival_subjects_view(
    const kw_survival_subjects *s);
KW_API void kw_survival_subjects_free(kw_survival_subjects *s);

/* ------------------------------------------------ the whole analysis */

/*
 * One survival analysis from a data set: where the durations come from,
 * the subjects, then Kaplan–Meier (with the log-rank test) or one sBG fit
 * per group (klantwijs/retention.h).
 *
 * Source (kw_survival_source):
 *   columns    duration and event given (or the customers table has the
 *              tenure and churn roles and neither contracts nor
 *              transactions are asked for): every row of the customers
 *              table is a subject (kw_survival_subjects_from_table);
 *   contracts  o->contracts, or a customers table alone with start and end
 *              date roles: kw_churn_contracts_table;
 *   purchases  transactions read: the gap rule (kw_churn_purchases).
 * o->churn gives as_of, the gap options and duration_unit_days (the unit
 * of the durations from contracts and purchases).
 *
 * Kaplan–Meier: at-risk times o->times, or a round grid 0, s, 2s, ... up
 * to the longest duration, s = 1, 2 or 5 times a power of ten with
 * s >= longest / 8 (at most 64 times).
 *
 * sBG: per group (or for all), a churned subject with duration d churned
 * in period max(1, ceil(d)), a censored one was still there after
 * floor(d) periods (kw_sbg_period_counts, kw_sbg_fit_counts). A group
 * that cannot be fitted is left out with a warning (key
 * "model.w.survival_group_left_out"); no fitted group is KW_EINPUT.
 * kw_survival_compute_survivors fits one cohort's survivor counts.
 *
 * Errors: KW_EINPUT with a message by key for a missing customers table
 * or source columns; the subjects' errors (KW_EARG for a bad `by`).
 */
typedef enum kw_survival_source {
  KW_SURVIVAL_COLUMNS = 0,
  KW_SURVIVAL_CONTRACTS,
  KW_SURVIVAL_PURCHASES,
  KW_SURVIVAL_SURVIVORS /* survivor counts given directly */
} kw_survival_source;

typedef struct kw_survival_options {
  const char *duration, *event, *by; /* as kw_survival_subjects_options */
  bool contracts;          /* durations from contract dates */
  bool sbg;                /* sBG fits instead of Kaplan–Meier */
  kw_churn_options churn;  /* contracts, purchases */
  const double *times;     /* Kaplan–Meier at-risk times; NULL: a grid */
  size_t n_times;
  double conf;             /* confidence level, default 0.95 */
  size_t max_groups;       /* default 1000 */
} kw_survival_options;

KW_API void kw_survival_options_init(kw_survival_options *o);

/* Which tables to read: customers only (durations from columns, or no
 * transactions given), else transactions with customers. */
KW_API bool kw_survival_needs_transactions(const kw_survival_options *o,
                                           bool transactions_given);

typedef struct kw_survival_sbg_fit {
  size_t group;            /* index into groups; SIZE_MAX: all */
  const kw_sbg *model;
  size_t T;                /* periods observed */
  const double *churned;   /* T + 1 per period */
  const double *censored;  /* T + 1 */
} kw_survival_sbg_fit;

typedef struct kw_survival_data {
  kw_survival_source source;
  const kw_survival_subjects_data *subjects; /* NULL: survivors */
  int32_t as_of;           /* contracts, purchases; else KW_NA_DATE */
  double gap_days;         /* purchases: the gap rule's G */
  bool gap_derived;
  bool integer;            /* every duration is whole */
  const kw_km *km;         /* Kaplan–Meier; NULL with sBG */
  size_t n_fits;           /* sBG fits, in group order */
  const kw_survival_sbg_fit *fits;
  size_t n_left_out;       /* sBG groups that could not be fitted */
} kw_survival_data;

typedef struct kw_survival kw_survival;

KW_API kw_status kw_survival_compute(kw_context *ctx, const kw_dataset *ds,
                                     const kw_survival_options *o,
                                     kw_survival **out);
KW_API kw_status kw_survival_compute_survivors(kw_context *ctx,
                                               const double *survivors,
                                               size_t n, kw_survival **out);
KW_API const kw_survival_data *kw_survival_view(const kw_survival *s);
KW_API void kw_survival_free(kw_survival *s);

#ifdef __cplusplus
}
#endif
#endif
