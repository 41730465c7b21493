/*
 * klantwijs/analyze.h — the main job: every analysis the data allow, an
 * action plan per customer, and one report a business owner can act on.
 *
 * kw_analyze_run() composes the analyses of the other headers on one
 * dataset: the per-customer summary, data quality, profitability, Pareto
 * and ABC, RFM segments, the CLV models (BG/NBD or Pareto/NBD with
 * Gamma-Gamma, checked on a holdout period), churn status and the survival
 * curve, acquisition cohorts, payment behaviour, cross-sell rules, NPS and
 * acquisition cost. A step the data rule out (a missing table or column, too
 * few repeat buyers) is recorded with the reason, never skipped silently.
 *
 * Then every buying customer gets one action from a rule table (first
 * matching rule wins) over per-customer metrics:
 *
 *   invest          high value, high potential
 *   develop         cross-sell, with the next-best product when known
 *   retain          valuable and at risk, or at risk to a named competitor
 *                   (feedback)
 *   win_back        valuable and probably gone
 *   serve_low_cost  low value, low potential
 *   reprice         net unprofitable: reprice or phase out
 *   collect_first   payment risk
 *   goodbye         low strategic fit, low value, and costs attention (thin
 *                   margin or late payment): say goodbye strategically
 *                   (only with an ideal customer profile, o.fit)
 *
 * The built-in rules are listed by kw_action_rules_write(); a file in the
 * same format replaces them (kw_action_rules_load). Actions that are
 * marketing (invest, develop, retain, win_back) leave customers without
 * marketing consent out of their lists when the customers table has a
 * consent column.
 *
 * Writers produce index.html (self-contained: inline CSS, SVG charts and a
 * little JavaScript; nothing from the network), customers.csv,
 * customers.xlsx (one sheet per action) and summary.json (every portfolio
 * figure the report shows, stable keys), in the language of the report
 * options (kw_report_options: the analysis holds no text). Personal data
 * (names, e-mail, phone, address) never appear unless show_names is set,
 * and then only names. No group of fewer than min_group customers is shown in a profile
 * or segment table: such groups are merged into "other".
 *
 * Ownership: kw_analyze_run borrows the dataset, which must outlive the
 * kw_analysis; the analysis owns everything else it holds and is freed with
 * kw_analysis_free (NULL is fine). Rule tables from kw_action_rules_load
 * are owned by the caller; the built-in table is static.
 */
#ifndef KLANTWIJS_ANALYZE_H
#define KLANTWIJS_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "klantwijs/clv.h"
#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/growth.h"
#include "klantwijs/payments.h"
#include "klantwijs/report.h"
#include "klantwijs/retention.h"
#include "klantwijs/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ================================================================ actions */

/* X(enum, key, marketing: the list needs marketing consent) */
#define KW_ACTION_LIST(X)                          \
  X(KW_ACTION_NONE, "none", 0)                     \
  X(KW_ACTION_INVEST, "invest", 1)                 \
  X(KW_ACTION_DEVELOP, "develop", 1)               \
  X(KW_ACTION_RETAIN, "retain", 1)                 \
  X(KW_ACTION_WIN_BACK, "win_back", 1)             \
  X(KW_ACTION_SERVE_LOW_COST, "serve_low_cost", 0) \
  X(KW_ACTION_REPRICE, "reprice", 0)               \
  X(KW_ACTION_COLLECT, "collect_first", 0)        \
  X(KW_ACTION_GOODBYE, "goodbye", 0)

typedef enum kw_action {
#define KW_X_ACTION(e, key, mkt) e,
  KW_ACTION_LIST(KW_X_ACTION)
#undef KW_X_ACTION
      KW_ACTION__COUNT
} kw_action;

/* "invest", ...; KW_ACTION__COUNT from an unknown key. */
KW_API const char *kw_action_key(kw_action a);
KW_API kw_action kw_action_from_key(const char *key);
/* The action's name in the language ("Win back" / "Terugwinnen"). */
KW_API const char *kw_action_label(kw_action a, kw_lang lang);
/* True when the action's list is marketing (needs consent). */
KW_API bool kw_action_is_marketing(kw_action a);

/*
 * Per-customer metrics the rules test. X(enum, key, kind): kind 0 is a
 * number, 1 a word from the metric's list (status, pay_class, abc,
 * consent, next_best), 2 a free word (segment: an RFM segment key).
 *
 *   value        share of buying customers with a lower value (0..1;
 *                value = contribution where known, else revenue x the
 *                portfolio margin, else revenue): 0.8 = top 20%
 *   potential    the same share for expected future value (CLV; without
 *                a CLV model: the RFM recency + frequency score)
 *   clv          expected value over the horizon, currency units
 *   p_alive      probability the customer is still active (0..1)
 *   status       active | at_risk | churned
 *   contribution revenue - cost of goods - cost to serve (currency)
 *   revenue      net revenue up to the as-of date (currency)
 *   margin       contribution / revenue (0..1)
 *   orders       orders up to the as-of date
 *   recency      days since the last purchase
 *   pay_class    none | fast | slow | problematic
 *   open         open invoice amount (currency)
 *   overdue      open amount past its due date (currency)
 *   days_overdue days the oldest open invoice is past due
 *   days_late    average days paid after the due date
 *   abc          A | B | C
 *   segment      RFM segment key (champions, at_risk, ...)
 *   next_best    yes | no: a next-best product is known
 *   consent      yes | no | unknown (marketing consent)
 *   yearly_revenue  net revenue of the last 365 days up to as-of (currency)
 *   overdue_share   overdue / yearly_revenue (0..; NaN when the yearly
 *                revenue is not positive and nothing is overdue, +inf when
 *                only the revenue is missing)
 *   value_amount the money behind "value" (contribution, estimated
 *                contribution or revenue; currency); value_measure says
 *                which
 *   fit          strategic fit 0..1 against the ideal customer profile
 *                (kw_analyze_options.fit; klantwijs/segments.h)
 *   competitor_risk  yes | no: at risk to a named competitor (the
 *                feedback model, klantwijs/feedback.h: the latest answer
 *                rates the competitor higher on the most important
 *                dimension and the buying slows); the reason names the
 *                competitor, the dimension and both ratings
 *
 * A missing metric (no model, no table) makes every condition on it
 * false, so a rule about payments never fires without invoices.
 */
#define KW_METRIC_LIST(X)              \
  X(KW_METRIC_VALUE, "value", 0)       \
  X(KW_METRIC_POTENTIAL, "potential", 0) \
  X(KW_METRIC_CLV, "clv", 0)           \
  X(KW_METRIC_P_ALIVE, "p_alive", 0)   \
  X(KW_METRIC_STATUS, "status", 1)     \
  X(KW_METRIC_CONTRIBUTION, "contribution", 0) \
  X(KW_METRIC_REVENUE, "revenue", 0)   \
  X(KW_METRIC_MARGIN, "margin", 0)     \
  X(KW_METRIC_ORDERS, "orders", 0)     \
  X(KW_METRIC_RECENCY, "recency", 0)   \
  X(KW_METRIC_PAY_CLASS, "pay_class", 1) \
  X(KW_METRIC_OPEN, "open", 0)         \
  X(KW_METRIC_OVERDUE, "overdue", 0)   \
  X(KW_METRIC_DAYS_OVERDUE, "days_overdue", 0) \
  X(KW_METRIC_DAYS_LATE, "days_late", 0) \
  X(KW_METRIC_ABC, "abc", 1)           \
  X(KW_METRIC_SEGMENT, "segment", 2)   \
  X(KW_METRIC_NEXT_BEST, "next_best", 1) \
  X(KW_METRIC_REFERRALS, "referrals", 0) \
  X(KW_METRIC_REFERRAL_VALUE, "referral_value", 0) \
  X(KW_METRIC_CONSENT, "consent", 1)   \
  X(KW_METRIC_COMPETITOR_RISK, "competitor_risk", 1) \
  X(KW_METRIC_YEARLY_REVENUE, "yearly_revenue", 0) \
  X(KW_METRIC_OVERDUE_SHARE, "overdue_share", 0) \
  X(KW_METRIC_VALUE_AMOUNT, "value_amount", 0) \
  X(KW_METRIC_FIT, "fit", 0)

typedef enum kw_metric {
#define KW_X_METRIC(e, key, kind) e,
  KW_METRIC_LIST(KW_X_METRIC)
#undef KW_X_METRIC
      KW_METRIC__COUNT
} kw_metric;

KW_API const char *kw_metric_key(kw_metric m);

/* Word metrics are coded as numbers: status 1 active, 2 at_risk, 3
 * churned (kw_churn_status); pay_class as kw_pay_class; abc 1 A, 2 B, 3 C
 * (kw_abc); next_best, consent and competitor_risk 1 yes, 0 no. */
/* What "value" measures: KW_MEASURE_REVENUE, KW_MEASURE_CONTRIBUTION (costs
 * known) or KW_MEASURE_EST_CONTRIBUTION (revenue x the portfolio margin). */
enum { KW_MEASURE_REVENUE = 0, KW_MEASURE_CONTRIBUTION, KW_MEASURE_EST_CONTRIBUTION };

typedef struct kw_action_input {
  double m[KW_METRIC__COUNT]; /* NaN = unknown */
  const char *segment;        /* RFM segment key, NULL = unknown */
  const char *product;        /* next-best product name, NULL = none */
  int value_measure;          /* KW_MEASURE_* */
  /* with competitor_risk = yes: who, on what, and the two ratings of the
     customer's latest answer (NULL / NaN otherwise) */
  const char *competitor, *comp_dimension;
  double comp_own, comp_theirs;
  bool potential_rfm;         /* potential from RFM recency and frequency
                                 (no purchase model passed its checks), not
                                 from CLV: reasons quote those */
} kw_action_input;

/* All metrics unknown. */
KW_API void kw_action_input_init(kw_action_input *in);

typedef struct kw_action_rules kw_action_rules;

/* The built-in rules (static, never freed). */
KW_API const kw_action_rules *kw_action_rules_builtin(void);

/*
 * A rule file: '#' comments; one [action] section per rule in match
 * order (a later section with the same action adds another rule); inside
 * a section one condition a line, all of which must hold:
 *     [win_back]
 *     value >= 0.8          (also 80%)
 *     status = churned
 *     reason = Brought {revenue} and has not bought for {recency} days.
 *     reason_nl = Bracht {revenue} op en kocht al {recency} dagen niet.
 * Operators: = != < <= > >=; words only with = and !=. A section without
 * conditions matches every customer. reason / reason_nl replace the
 * action's standard reason; {metric} placeholders take the customer's
 * figures ({product}: the next-best product). Errors name file:line.
 */
KW_API kw_status kw_action_rules_load(kw_context *ctx, const char *path,
                                      kw_action_rules **out);
KW_API kw_status kw_action_rules_parse(kw_context *ctx, const char *text,
                                       size_t len, const char *name,
                                       kw_action_rules **out);
KW_API void kw_action_rules_free(kw_action_rules *r);
/* Write rules in the file format (a template to copy and edit). */
KW_API kw_status kw_action_rules_write(kw_context *ctx,
                                       const kw_action_rules *r, FILE *f);
KW_API size_t kw_action_rules_count(const kw_action_rules *r);
KW_API kw_action kw_action_rules_action(const kw_action_rules *r, size_t i);

/* The action of the first rule that holds for in (*rule gets its index;
 * SIZE_MAX and KW_ACTION_NONE when none holds). */
KW_API kw_action kw_action_decide(const kw_action_rules *r,
                                  const kw_action_input *in, size_t *rule);

/* The reason text of rule `rule` for this customer in the language, with
 * its placeholders filled (money with the currency code, e.g. "EUR").
 * Writes at most cap bytes (NUL included); returns the full length. */
KW_API size_t kw_action_reason(char *buf, size_t cap,
                               const kw_action_rules *r, size_t rule,
                               const kw_action_input *in, kw_lang lang,
                               const char *currency);

/* ================================================================ analyze */

/* X(enum, key) — the steps, in the order they run. */
#define KW_STEP_LIST(X)                 \
  X(KW_STEP_SUMMARY, "summary")         \
  X(KW_STEP_QUALITY, "quality")         \
  X(KW_STEP_PROFIT, "profit")           \
  X(KW_STEP_PARETO, "pareto")           \
  X(KW_STEP_RFM, "rfm")                 \
  X(KW_STEP_CLV, "clv")                 \
  X(KW_STEP_CHURN, "churn")             \
  X(KW_STEP_COHORTS, "cohorts")         \
  X(KW_STEP_PAYMENTS, "payments")       \
  X(KW_STEP_CROSS_SELL, "cross_sell")   \
  X(KW_STEP_FEEDBACK, "feedback")       \
  X(KW_STEP_ACQUISITION, "acquisition") \
  X(KW_STEP_TRENDS, "trends")           \
  X(KW_STEP_JOURNEY, "journey")         \
  X(KW_STEP_REFERRALS, "referrals")     \
  X(KW_STEP_ACTIONS, "actions")

typedef enum kw_step {
#define KW_X_STEP(e, key) e,
  KW_STEP_LIST(KW_X_STEP)
#undef KW_X_STEP
      KW_STEP__COUNT
} kw_step;

typedef enum kw_step_status {
  KW_STEP_PENDING = 0,
  KW_STEP_RAN,      /* complete */
  KW_STEP_LIMITED,  /* ran, but the note says what it could not do */
  KW_STEP_SKIPPED,  /* ruled out by the data: the note says why */
  KW_STEP_FAILED    /* an error: the note gives it */
} kw_step_status;

KW_API const char *kw_step_key(kw_step s);
/* "ran", "limited", "skipped", "failed". */
KW_API const char *kw_step_status_name(kw_step_status s);
/* The step's name in the language ("CLV model" / "CLV-model"). */
KW_API const char *kw_step_label(kw_step s, kw_lang lang);

/* Called before each step (index 0.., count; index is the kw_step) with its
 * key (kw_step_label names it). kw_report_write_dir calls the analysis's
 * callback too: before each file it writes (key: the file name, count 4)
 * and once after the last (index 4, key ""), so that a caller can time
 * every file. */
typedef void (*kw_analyze_step_fn)(void *user, size_t index, size_t count,
                                   const char *key);

/* The per-customer summary a source computes (kw_analyze_source.summary):
 * one row per id of the dataset's customer dictionary (`customers`, n
 * rows), written at the customer's id. The analysis allocates the arrays
 * (zeroed, first and last KW_NA_DATE) and owns them; the source fills the
 * rows of the customers with a line up to as_of, with the definitions of
 * kw_summary_build (klantwijs/summary.h), and the flags. repeat_revenue is
 * the net revenue of the purchase days after the first (cents): the
 * analysis divides it by x into repeat_spend. x, t_x, T and the totals
 * follow in the analysis from these columns. A customer id the
 * dictionary does not hold is an error of the source (KW_EINPUT). */
typedef struct kw_source_summary {
  size_t n;
  const kw_dict *customers;
  int32_t *first, *last;
  uint32_t *orders, *days, *lines, *cost_lines, *n_products, *n_categories;
  int64_t *revenue, *cost, *discount, *repeat_revenue;
  /* set by the source */
  int32_t as_of;        /* the as-of day used (the last date when none) */
  uint64_t lines_after; /* lines after as_of, left out */
  bool has_invoice, has_cost, has_category, has_product;
} kw_source_summary;

/* The payment behaviour and ageing a source computes
 * (kw_analyze_source.payments), as kw_payments_compute gives them: the
 * per-customer arrays (n rows, one per id of `customers`, allocated
 * zeroed by the analysis, pay_class KW_PAY_NONE) and in `data` the
 * portfolio figures, which the source sets (data's array pointers are
 * the analysis's, aliasing these). */
typedef struct kw_source_payments {
  size_t n;
  const kw_dict *customers;
  uint32_t *invoices, *settled, *settled_late, *errors;
  double *late_share, *days_to_pay, *days_late;
  int64_t *invoiced, *open, *credit, *overdue;
  int64_t *ageing[KW_AGE__COUNT];
  int32_t *max_overdue_days;
  uint8_t *pay_class;
  kw_payments_data *data;
} kw_source_payments;

/* Work done where the data are (a database, klantwijs/pg.h
 * kw_pg_analyze_source) instead of from the dataset's lines: each member
 * that is not NULL replaces the step's own computation. Borrowed. */
typedef struct kw_analyze_source {
  void *user;
  /* the acquisition cohorts, as kw_cohorts_build gives them from the
     transactions with options co */
  kw_status (*cohorts)(void *user, kw_context *ctx,
                       const kw_cohort_options *co, kw_cohorts **out);
  /* the (x, t_x, T) patterns of the buyers up to as_of in unit, each
     weighted by its customers (kw_clv_data_from_patterns): the purchase
     model is fitted on them */
  kw_status (*patterns)(void *user, kw_context *ctx, int32_t as_of,
                        kw_unit unit, kw_clv_data **out);
  /* the per-customer summary up to as_of (KW_NA_DATE: the last date)
     into out's rows (kw_source_summary) */
  kw_status (*summary)(void *user, kw_context *ctx, int32_t as_of,
                       kw_source_summary *out);
  /* the payment behaviour and ageing of the invoices as of po->as_of,
     classified with po's thresholds (kw_pay_classify), into out's rows */
  kw_status (*payments)(void *user, kw_context *ctx,
                        const kw_payments_options *po,
                        kw_source_payments *out);
} kw_analyze_source;

typedef struct kw_analyze_options {
  int32_t as_of;         /* last day observed; KW_NA_DATE = last date */
  const char *currency;  /* ISO code of the amounts: "EUR" */
  /* profitability: assumed margin, cost-to-serve rates (borrowed), the
     share called large: the options of kw_profit_compute, as `profit`
     takes them */
  kw_profit_options profit;
  const kw_rfm_rules *rfm_rules;       /* NULL = built-in */
  const kw_action_rules *action_rules; /* NULL = built-in */
  kw_clv_model clv_model;  /* BGNBD (default), PNBD, MBGNBD, or
                              KW_CLV_MODEL__COUNT: the best by BIC */
  int horizon_months;      /* CLV horizon, default 12 */
  double discount_rate;    /* yearly, default 0.10 */
  int holdout_days;        /* CLV check; 0 = a quarter of the data's span,
                              at least 28 and at most 365 days */
  size_t min_group;        /* smallest group shown, default 5 */
  size_t top_per_action;   /* customers listed per action, default 15 */
  kw_analyze_step_fn on_step;
  void *step_user;
  /* true (default): the currency named by the data (a header such as
     "Amount (GBP)" or "dollar_value", or a country column where 80% of the
     rows name one country) replaces `currency`; the report says where it
     came from, or that `currency` was assumed. false: `currency` as given. */
  bool detect_currency;
  /* ideal customer profile (borrowed; NULL = no fit): each customer's fit
     is a metric of the action rules, and the report shows segments,
     clusters and personas with their fit (klantwijs/segments.h) */
  const struct kw_fit_profile *fit;
  /* NULL = everything from the dataset */
  const kw_analyze_source *source;
} kw_analyze_options;

KW_API void kw_analyze_options_init(kw_analyze_options *o);

/* What kw_analyze_run reads, so that every client loads the same: the
 * tables (o->tables, unless a set was chosen already), and only what the
 * analysis uses (o->skip_contact: no e-mail, phone or address columns;
 * o->invoice_ids_only: invoice numbers as ids). Call after
 * kw_load_options_init and before kw_dataset_load. */
KW_API void kw_analyze_load_options(kw_load_options *o);

typedef struct kw_analysis kw_analysis;

/*
 * Run every analysis the dataset allows. Fails only when there is nothing
 * to analyse (no transactions up to as-of: KW_EEMPTY), on bad options
 * (KW_EARG) or out of memory; a step that cannot run is recorded.
 */
KW_API kw_status kw_analyze_run(kw_context *ctx, const kw_dataset *ds,
                                const kw_analyze_options *o,
                                kw_analysis **out);
KW_API void kw_analysis_free(kw_analysis *a);

#define KW_STEP_NOTE_MAX 4096
typedef struct kw_step_info {
  const char *key;
  const char *label; /* in the language asked for */
  kw_step_status status;
  /* why skipped / limited / failed, in the language asked for ("" when
     ran): the analysis keeps its notes as message keys with values and
     writes them here (cut at KW_STEP_NOTE_MAX - 1 bytes) */
  char note[KW_STEP_NOTE_MAX];
} kw_step_info;

KW_API void kw_analysis_step(const kw_analysis *a, kw_step s, kw_lang lang,
                             kw_step_info *out);

/* Headline figures (NaN where the data do not allow them). */
typedef struct kw_headline {
  int32_t as_of;
  size_t customers;        /* buying customers */
  size_t active_customers; /* not churned */
  int64_t revenue;         /* cents */
  double repeat_rate;      /* customers with 2+ orders / buyers */
  double churn_rate;       /* 12-month churn (see summary.json notes) */
  double clv_mean;         /* currency units over the horizon */
  double cac_mean;         /* currency units */
  double clv_cac;          /* lifetime value / CAC */
  double dso;              /* days */
  double nps;              /* -100..100 */
  size_t action_count[KW_ACTION__COUNT];
} kw_headline;

KW_API const kw_headline *kw_analysis_headline(const kw_analysis *a);
/* Per customer (rows of the dataset's customer dictionary). */
KW_API size_t kw_analysis_customers(const kw_analysis *a);
KW_API kw_action kw_analysis_action(const kw_analysis *a, size_t customer);
/* The customer's metrics as the rules saw them. */
/* The growth results of the run (NULL when the step did not run): revenue
 * trend, journey, referrals, and acquisition channels with discounts. The
 * value of a customer in referrals and acquisition is its lifetime value
 * as the CLV/CAC key figure counts it (value so far + predicted CLV). */
KW_API const kw_trends *kw_analysis_trends(const kw_analysis *a);
KW_API const kw_journey *kw_analysis_journey(const kw_analysis *a);
KW_API const kw_referrals *kw_analysis_referrals(const kw_analysis *a);
KW_API const kw_acquisition *kw_analysis_acquisition(const kw_analysis *a);
KW_API void kw_analysis_input(const kw_analysis *a, size_t customer,
                              kw_action_input *out);

/* The voice of the customer (klantwijs/feedback.h) on the analysis's
 * as-of day, NULL without feedback. kw_feedback_customer() gives each
 * customer's latest scores and whether they are at risk to a competitor
 * (KW_FB_RISK_COMPETITOR, with the competitor and the dimension): the
 * reason for the retain list. Owned by the analysis. */
typedef struct kw_feedback kw_feedback;
KW_API const kw_feedback *kw_analysis_feedback(const kw_analysis *a);

/* ================================================================ writers */

/* How the report is written: the writers' choices, not the analysis's
 * (one analysis can be written in English and in Dutch). Every writer
 * takes it; NULL means the defaults of kw_report_options_init. */
typedef struct kw_report_options {
  kw_lang lang;          /* text, number and date format, default English */
  bool show_names;       /* names (only names) in the exports, default no */
  /* customers.xlsx: the sheet of every customer is written when there are
     at most xlsx_max_customers (default 250,000; a workbook of a million
     rows is near Excel's limit of 1,048,576 and slow to write and open);
     each action sheet lists at most xlsx_max_per_action customers (default
     10,000), highest money at stake first. The overview sheet says what
     was left out; customers.csv always lists every customer. */
  size_t xlsx_max_customers;
  size_t xlsx_max_per_action;
} kw_report_options;

KW_API void kw_report_options_init(kw_report_options *o);

/* The report: one self-contained HTML file. */
KW_API kw_status kw_report_html(kw_context *ctx, const kw_analysis *a,
                                const kw_report_options *ro, FILE *f);
/* Every portfolio figure the report shows, with stable keys. */
KW_API kw_status kw_report_summary_json(kw_context *ctx,
                                        const kw_analysis *a,
                                        const kw_report_options *ro, FILE *f);
/* One row per customer: scores, classes, predictions, action, reason. */
KW_API kw_status kw_report_customers_csv(kw_context *ctx,
                                         const kw_analysis *a,
                                         const kw_report_options *ro,
                                         FILE *f);
/* The same as a workbook with one sheet per action, written to a
 * temporary name beside path and renamed over it when complete. */
KW_API kw_status kw_report_customers_xlsx(kw_context *ctx,
                                          const kw_analysis *a,
                                          const kw_report_options *ro,
                                          const char *path);
/* All four into dir (its parent created when missing), atomically as a
 * set: written into a temporary folder beside dir, which takes dir's place
 * only when every file is complete; a failed run leaves the previous report
 * whole. An existing dir holding other files is refused. While one process
 * writes dir (or holds kw_report_lock_dir on it), another is refused with
 * KW_EIO and a message naming the lock file ".NAME.lock" beside it. */
KW_API kw_status kw_report_write_dir(kw_context *ctx, const kw_analysis *a,
                                     const kw_report_options *ro,
                                     const char *dir);
/* Takes the report folder's lock for a whole run (load, analysis, write):
 * a second run on the same folder is then refused at once. */
typedef struct kw_report_lock kw_report_lock;
KW_API kw_status kw_report_lock_dir(kw_context *ctx, const char *dir,
                                    kw_report_lock **out);
KW_API void kw_report_unlock_dir(kw_report_lock *l);
/* A one-screen text summary: headline figures, the steps that could not
 * run, the actions, and where the files are (dir may be NULL). */
KW_API kw_status kw_report_console(kw_context *ctx, const kw_analysis *a,
                                   const kw_report_options *ro,
                                   const char *dir, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
