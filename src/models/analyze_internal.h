/*
 * analyze_internal.h — what a kw_analysis holds, shared by the composition
 * (models/analyze*.c) and the writers (report/html.c, xlsx.c, export.c).
 * Internal to the library.
 */
#ifndef KW_MODELS_ANALYZE_INTERNAL_H
#define KW_MODELS_ANALYZE_INTERNAL_H

#include "core/core.h"
#include "klantwijs.h"
#include "klantwijs/analyze.h"
#include "core/marg.h"

#include "klantwijs/basket.h"
#include "klantwijs/clvcheck.h"

#define KW_PM_ROWS 10 /* P(alive) matrix: frequency rows */
#define KW_PM_COLS 12 /* recency columns */

/* What a group row's key names: the writers give its label (and an RFM
 * segment's advice) in the reader's language (report/analysis_text.h). */
typedef enum kw_an_group_kind {
  KW_ANG_PLAIN = 0, /* the key is the label ("A", "B", "C") */
  KW_ANG_RFM,       /* an RFM segment: code = index into rd->segments */
  KW_ANG_PAY,       /* a payment class: code = kw_pay_class */
  KW_ANG_OTHER      /* the merged small groups, key "other" */
} kw_an_group_kind;

/* A group shown in a profile table: small groups are merged into one
 * "other" row by kw_analysis code before any writer sees them. */
typedef struct kw_group_row {
  const char *key;      /* stable key, "other" for the merged row */
  kw_an_group_kind kind;
  int code;
  size_t customers;
  int64_t revenue;      /* cents */
  double share, revenue_share;
  double mean_recency, mean_frequency, mean_monetary;
} kw_group_row;

/* A step note: a message of the table by its key with typed values (strings
 * copied), formatted by the writers in the reader's language. A failure
 * keeps its key and values (kw_errinfo) beside its English text, so that a
 * Dutch report gives it in Dutch. */
#define KW_AN_NOTE_ARGS 4
typedef enum kw_an_arg_kind {
  KW_AN_ARG_VALUE = 0, /* as the kw_marg says */
  KW_AN_ARG_ERROR,     /* the failure `err` (text: its English) */
  KW_AN_ARG_FILES,     /* the file names of table kind v.i, "a or b" */
  KW_AN_ARG_CHECKS     /* the failed checks of the chosen CLV fit */
} kw_an_arg_kind;

typedef struct kw_step_note {
  kw_step step;
  const char *key;                    /* message key, static */
  size_t n;
  kw_marg args[KW_AN_NOTE_ARGS];      /* string values owned by the note */
  kw_an_arg_kind kind[KW_AN_NOTE_ARGS];
  kw_msginfo err;                     /* key NULL: the text only */
} kw_step_note;

/* Cohort heatmap as shown: cohorts of fewer than min_group customers are
 * merged into a last "other" row. value NaN = not observed. */
typedef struct kw_cohort_view {
  size_t rows, cols;
  char (*label)[12];
  uint64_t *size;
  double *value;         /* rows x cols, share still buying */
  double *total;         /* cols, pooled over all cohorts */
  size_t merged;         /* cohorts merged into "other" */
  bool has_other;
  kw_period_unit period;
} kw_cohort_view;

typedef struct kw_cross_rule {
  char *lhs, *rhs;       /* item names, joined with " + " */
  double support, confidence, lift;
  uint32_t count;
} kw_cross_rule;

struct kw_analysis {
  kw_context *ctx;
  const kw_dataset *ds;
  kw_analyze_options o;
  char currency[8];
  kw_currency_info currency_info; /* where it came from */
  uint64_t guest_lines;    /* transaction lines without a customer id */
  uint64_t guest_rows;     /* of them, with an amount read */
  int64_t guest_cents;     /* their sum */
  size_t return_only;      /* customers with only returns up to as-of */
  const kw_action_rules *rules;
  bool rules_builtin;
  size_t n;              /* customers (rows of the id dictionary) */
  const kw_dict *ids;
  int32_t as_of, first_date;

  kw_step_status step[KW_STEP__COUNT];
  kw_step_note *notes;       /* in the order they were made */
  size_t n_notes, cap_notes;
  kw_headline head;

  /* summary, quality */
  kw_summary *sum;
  const kw_customer_summary *s;
  /* with a source (kw_analyze_options.source): the summary and the
     payments it computed, in arrays owned here (one block each) */
  kw_customer_summary src_sum;
  void *src_sum_mem;
  kw_payments_data src_pay;
  void *src_pay_mem;
  kw_quality q;
  bool have_quality;
  uint64_t tx_rows_read, tx_rows_skipped;

  /* value */
  kw_profit *profit;
  const kw_profit_data *pd;
  bool have_profit;      /* contribution known for some customers */
  kw_pareto *pareto;
  const kw_pareto_data *par;
  kw_rfm *rfm;
  const kw_rfm_data *rd;
  size_t n_groups_rfm;
  kw_group_row *groups_rfm;  /* segment table after merging */
  uint32_t rfm_grid[5][9];   /* customers per R (1..5) x FM (1, 1.5 .. 5) */
  uint8_t rfm_grid_seg[5][9];/* segment of each cell (KW_RFM_NONE) */
  size_t abc_count[4];
  int64_t abc_revenue[4];

  /* CLV */
  bool have_clv, have_holdout, have_gg;
  kw_clv_model clv_model;
  kw_clv_result fit_res, gg_res;
  kw_clv_comparison cmp;
  bool have_cmp;
  kw_clv_evaluation eval;
  int holdout_days;
  size_t n_fit;
  double clv_margin;     /* fraction of spend counted as margin */
  int horizon_weeks;
  double *p_alive, *expected, *spend, *clv; /* per customer; NaN none */
  double clv_total, clv_top20_share;
  double pm[KW_PM_ROWS][KW_PM_COLS];
  double pm_x[KW_PM_ROWS], pm_weeks[KW_PM_COLS], pm_T;
  size_t pm_rows;
  /* model checks: every candidate fitted (auto: BG/NBD, MBG/NBD,
   * Pareto/NBD), checked, compared on the holdout */
  size_t n_cand;
  kw_clv_model cand[3];
  bool cand_fitted[3], cand_holdout[3];
  kw_clv_check cand_check[3];
  double cand_bic[3];
  kw_clv_result cand_res[3]; /* names and se_note NULL */
  kw_clv_evaluation cand_eval[3];
  size_t chosen;          /* index into cand */
  bool clv_ok;            /* the chosen fit passed: P(alive) may decide */
  kw_clv_check check;     /* of the chosen fit */
  /* 90% intervals (delta method), NaN where none */
  bool have_intervals;
  double interval_level;
  double *p_alive_lo, *p_alive_hi, *clv_lo, *clv_hi;
  double clv_total_lo, clv_total_hi;

  /* churn and survival */
  kw_churn *churn;
  const kw_churn_info *ci;
  const kw_churn_customers *cc;
  kw_km *km;
  double churn_rate;
  bool churn_12m;
  size_t churn_at_risk, churn_churned;

  /* cohorts */
  kw_cohorts *cohorts;
  kw_cohort_view cv;

  /* payments */
  kw_payments *pay;
  const kw_payments_data *pp;
  size_t n_groups_pay;
  kw_group_row groups_pay[KW_PAY__COUNT + 1];

  /* cross-sell */
  size_t n_cross;
  kw_cross_rule *cross;
  size_t basket_count;
  char **next_best;        /* per customer: product name or NULL */
  double *next_best_value; /* currency units; NaN none */

  /* feedback and acquisition */
  double *nps_score;       /* latest score per customer, NaN none */
  size_t nps_n, nps_promoters, nps_passives, nps_detractors;
  double cac_mean, ltv_mean;
  size_t cac_n;
  double *cac;             /* per customer, NaN unknown */

  /* growth: trend, journey, referrals, channels (analyze_growth.c) */
  kw_trends *trends;
  kw_journey *journey;
  kw_referrals *referrals;
  kw_acquisition *acq;
  double *ltv;             /* per customer: value so far + CLV; NaN none */
  uint8_t *rate_break;     /* per customer: its order rate broke (trends) */

  /* customers table: consent and names */
  bool has_consent;
  int8_t *consent;         /* per customer, KW_NA_FLAG unknown */
  uint32_t *name_id;       /* per customer, KW_NA_ID; only show_names */
  const kw_dict *name_dict;

  /* actions */
  double *value_metric;    /* cents as double; NaN non-buyer */
  double *value_score, *potential_score;
  bool potential_from_rfm;
  uint8_t *action;
  uint32_t *rule;          /* UINT32_MAX: none */
  double *at_stake;        /* currency units: value per year active */
  double *yearly_revenue;  /* cents, the last 365 days; NaN non-buyer */
  int value_measure;       /* KW_VALUE_* of value_metric */
  uint32_t *list[KW_ACTION__COUNT]; /* by at_stake desc, consent-filtered */
  size_t list_n[KW_ACTION__COUNT];
  size_t no_consent[KW_ACTION__COUNT];
  double stake_total[KW_ACTION__COUNT];
  size_t no_consent_total;

  /* strategic fit and segments (models/segments_analyze.c) */
  double *fit;             /* per customer, NaN unknown; NULL no profile */
  uint32_t *fit_met;       /* criteria met, bit per kw_fit_crit */
  struct kw_segments *seg; /* NULL when it could not run */
  /* voice of the customer (analyze_feedback.c) */
  kw_feedback *fb;
  kw_groups *fb_seg_g, *fb_act_g;
  kw_fb_group *fb_seg, *fb_act;
  const kw_fb_group *fb_sec;   /* owned by fb */
  size_t n_fb_seg, n_fb_act, n_fb_sec;
  kw_fb_behaviour fb_beh[KW_NPS__COUNT];
  bool have_fb_beh;
  /* the last run stored in the history file (--history), for the
   * report's "since the last analysis"; NULL without one */
  struct kw_run_info *prev;
};

/* Set a step's status to st unless it already is worse (RAN < LIMITED <
 * SKIPPED < FAILED), and add the message `key` with its values (at most
 * KW_AN_NOTE_ARGS; strings are copied) to its notes. key NULL adds no
 * note. KW_ENOMEM on failure. */
kw_status kw_an_note(kw_analysis *a, kw_step s, kw_step_status st,
                     const char *key, const kw_marg *args, size_t n);
/* The same with the value {error}: an error message; when it is the last
 * failure of the context, its key and values are kept with it. */
kw_status kw_an_note_text(kw_analysis *a, kw_step s, kw_step_status st,
                          const char *key, const char *error);
void kw_an_notes_free(kw_analysis *a);
/* The same with {why}: the failed checks of the chosen CLV fit. */
kw_status kw_an_note_checks(kw_analysis *a, kw_step s, kw_step_status st,
                            const char *key, const char *model);

/* The CLV step (analyze_clv.c) and the action plan (analyze_actions.c). */
kw_status kw_an_clv(kw_analysis *a);
/* The per-customer summary as of so->as_of from the analysis's source
 * (o.source->summary) into v, whose arrays live in one block *mem (the
 * caller frees it with kw_free). */
kw_status kw_an_source_summary(kw_analysis *a, const kw_summary_options *so,
                               kw_customer_summary *v, void **mem);
/* "BG/NBD", "MBG/NBD", "Pareto/NBD". */
const char *kw_an_model_label(kw_clv_model m);
kw_status kw_an_actions(kw_analysis *a);
kw_status kw_an_cross_sell(kw_analysis *a);
/* Fit per customer from o.fit (before the actions), then segments,
 * clusters and personas (after them); freed by kw_an_segments_free. */
kw_status kw_an_fit(kw_analysis *a);
kw_status kw_an_segments(kw_analysis *a);
void kw_an_segments_free(kw_analysis *a);
/* The voice of the customer: the feedback model after the NPS step, its
 * groups (segment, action) and behaviour after the action plan; free. */
kw_status kw_an_feedback(kw_analysis *a);
kw_status kw_an_feedback_groups(kw_analysis *a);
void kw_an_feedback_free(kw_analysis *a);
/* Share of a sorted run: the customers ranked by a metric, as fractions of
 * customers below each (ties share), written into score (NaN elsewhere). */
kw_status kw_an_percentile(kw_context *ctx, const double *metric,
                           const uint8_t *use, size_t n, double *score);

/* Growth (analyze_growth.c): channels and discounts within the acquisition
 * step; the trend, journey and referral steps. A step that cannot run is
 * recorded; only out of memory is returned. */
kw_status kw_an_channels(kw_analysis *a);
/* Record that step s could not run (st) for want of table k, naming the
 * files it looks for. */
kw_status kw_an_note_no_table(kw_analysis *a, kw_step s, kw_table_kind k,
                              kw_step_status st);
kw_status kw_an_growth(kw_analysis *a, kw_step step);

#endif
