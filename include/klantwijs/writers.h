/*
 * klantwijs/writers.h — one writer per result type, as the command-line
 * tool prints it: a terminal table with the sentences that read it
 * (English or Dutch), CSV for machines, or one JSON document. Each takes
 * the result, the per-customer summary it was computed from, and a small
 * struct of choices (format, language, rows shown) with an _init.
 */
#ifndef KLANTWIJS_WRITERS_H
#define KLANTWIJS_WRITERS_H

#include <stdbool.h>
#include <stdio.h>

#include "klantwijs/basket.h"
#include "klantwijs/clv.h"
#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/payments.h"
#include "klantwijs/quality.h"
#include "klantwijs/report.h"
#include "klantwijs/retention.h"
#include "klantwijs/summary.h"
#include "klantwijs/value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------- profit */

typedef struct kw_profit_report {
  kw_format format;
  kw_lang lang;
  bool per_customer; /* table: every customer's row instead */
  bool portfolio;    /* csv: the portfolio figures as key,value rows */
  size_t top;        /* terminal: rows of the best and worst (0 = all) */
} kw_profit_report;

/* Table in English, 10 rows. */
KW_API void kw_profit_report_init(kw_profit_report *r);

/*
 * The profitability result p of the customers in v: on a terminal the
 * portfolio figures (where the cost of goods came from, contribution,
 * the whale curve's peak, the loss makers), the sentences that read them,
 * the cost types and the most and least profitable customers; CSV every
 * active customer's row; JSON all of it and the whale curve points. ds
 * (for the cost column's name and whether a costs table was read) and po
 * are the data and options p was computed with. r NULL: the defaults.
 */
KW_API kw_status kw_report_profit(kw_context *ctx, FILE *f, const kw_profit *p,
                                  const kw_customer_summary *v,
                                  const kw_dataset *ds,
                                  const kw_profit_options *po,
                                  const kw_profit_report *r);

/* Where the cost of goods came from, as a sentence fragment in lang ("the
 * cost column 'kostprijs'", "an assumed margin of 30%", or a mix with
 * customer counts). Returns buf. */
KW_API const char *kw_report_cost_source(char *buf, size_t n,
                                         const kw_dataset *ds,
                                         const kw_profit_data *pd,
                                         const kw_profit_options *po,
                                         kw_lang lang);

/* ----------------------------------------------------------- payments */

typedef struct kw_payments_report {
  kw_format format;
  kw_lang lang;
  bool per_customer; /* table: every invoiced customer's row instead */
  bool portfolio;    /* csv: the figures as key,value rows */
  int klass;         /* customer rows of one kw_pay_class only; 0 = all */
} kw_payments_report;

/* Table in English, every class. */
KW_API void kw_payments_report_init(kw_payments_report *r);

/*
 * The payment-behaviour result pay (ids: the customer dictionary of the
 * data set): on a terminal the receivables figures (DSO in po's window,
 * overdue and its ageing), the sentences that read them, the ageing table
 * and the customers with the most overdue money (pay's top list); CSV
 * every invoiced customer's row; JSON both. r NULL: the defaults.
 */
KW_API kw_status kw_report_payments(kw_context *ctx, FILE *f,
                                    const kw_payments *pay,
                                    const kw_dict *ids,
                                    const kw_payments_options *po,
                                    const kw_payments_report *r);

/* ---------------------------------------------------------------- rfm */

typedef struct kw_rfm_report {
  kw_format format;
  kw_lang lang;
  bool per_customer;      /* table: every scored customer's row instead */
  bool portfolio;         /* csv: the key figures as key,value rows */
  bool segments;          /* csv: the segment table instead of customers */
  int segment;            /* customer rows of one segment only; -1 = all */
  int n_breaks;           /* metrics scored by explicit breaks (0..3) */
  const char *rules_name; /* the rule file named in the figures; NULL =
                             the built-in rules */
} kw_rfm_report;

/* Table in English, every segment, quantiles, built-in rules. */
KW_API void kw_rfm_report_init(kw_rfm_report *r);

/*
 * The RFM result rf of the customers in v: on a terminal the key figures,
 * the segment table (customers, shares, mean R, F and M) with suggested
 * actions and the value range of each score; CSV every scored customer's
 * row (or the segment table, or the figures); JSON all of it.
 */
KW_API kw_status kw_report_rfm(kw_context *ctx, FILE *f, const kw_rfm *rf,
                               const kw_customer_summary *v,
                               const kw_rfm_report *r);
/* The segment rules (NULL: the built-in ones) in the rule-file format, to
 * copy and edit; from names their file in a comment (NULL: built-in). */
KW_API kw_status kw_report_rfm_rules(kw_context *ctx, FILE *f,
                                     const kw_rfm_rules *rules,
                                     const char *from);

/* ---------------------------------------------------------------- clv */

typedef struct kw_clv_report {
  kw_format format;
  kw_lang lang;
  size_t top;      /* terminal: the most valuable customers (0 = all) */
  double margin;   /* the margin the values used; NaN = each customer's */
  double discount; /* the discount rate per period the values used */
  unsigned count;  /* the K of the P(K purchases) column */
  int pattern_unit; /* a pattern file's unit as given (kw_unit), or -1:
                       plain periods (the default) */
  /* optional parts (NULL: not shown) */
  const kw_clv_comparison *comparison; /* the models compared (auto) */
  const kw_clv_evaluation *evaluation; /* the holdout check, with: */
  const double *holdout_expected;      /* per row E[Y(holdout)] */
  const double *tracking_expected;     /* per period, cumulative */
} kw_clv_report;

/* Table in English, 20 customers, own margins, no optional parts. */
KW_API void kw_clv_report_init(kw_clv_report *r);

/*
 * The customer-value result of data d: the purchase model fit, the spend
 * model gg (NULL: none) and the predictions p over horizon periods. On a
 * terminal the parameters with standard errors, the fit, the comparison
 * and holdout check when given, a reading of the figures and the most
 * valuable customers; CSV the per-customer table; JSON everything.
 */
KW_API kw_status kw_report_clv(kw_context *ctx, FILE *f,
                               const kw_clv_input *d,
                               const kw_clv_result *fit,
                               const kw_clv_result *gg,
                               const kw_clv_predictions *p, size_t horizon,
                               const kw_clv_report *r);

/* ------------------------------------------------------------- basket */

typedef struct kw_basket_report {
  kw_format format;
  kw_lang lang;
  size_t rows; /* terminal: rows of the main table (0 = all); default 20 */
} kw_basket_report;

/* Table in English, 20 rows. */
KW_API void kw_basket_report_init(kw_basket_report *r);

/*
 * The basket analysis a (klantwijs/basket.h), by its mode: the rules, the
 * frequent itemsets, the next-best offers per customer, the penetration by
 * segment or the upsell candidates. On a terminal the lines that say what
 * a basket is and how many there are, the thresholds and the privacy
 * merge, then the table (with a note when more rules exist than shown);
 * CSV the rows; JSON the figures and every row. Segments are named in
 * r->lang (RFM names, column values, "other"). r NULL: the defaults.
 */
KW_API kw_status kw_report_basket(kw_context *ctx, FILE *f,
                                  const kw_basket_analysis *a,
                                  const kw_basket_report *r);

/* ------------------------------------------------------------ summary */

typedef struct kw_summary_report {
  kw_format format;
  kw_lang lang;
  size_t top; /* terminal: the largest customers by revenue (0 = all) */
} kw_summary_report;

/* Table in English, 20 rows. */
KW_API void kw_summary_report_init(kw_summary_report *r);

/*
 * The per-customer summary v, one row per buyer (a customer with a
 * purchase): dates, orders, purchase days, revenue, margin (when every
 * line's cost is known), average order value, products and categories,
 * tenure, recency and the BTYD x, t_x, T. The terminal shows a heading
 * (buyers, as-of date, lines, revenue) and the top rows by revenue; CSV
 * every buyer; JSON the counts and every buyer. KW_ERANGE when the revenue
 * total overflows. r NULL: the defaults.
 */
KW_API kw_status kw_report_summary(kw_context *ctx, FILE *f,
                                   const kw_customer_summary *v,
                                   const kw_summary_report *r);

/* The summary computed by the database (klantwijs/pg.h, --pushdown): one
 * row per customer (t_x and T in unit) as a table or CSV; JSON adds the
 * totals and the (x, t_x, T) pattern counts. */
typedef struct kw_pg_summary kw_pg_summary;
KW_API kw_status kw_report_pg_summary(kw_context *ctx, FILE *f,
                                      const kw_pg_summary *s, kw_unit unit,
                                      kw_format format, kw_lang lang);

/* The receivables ageing computed by the database (klantwijs/pg.h,
 * payments --pushdown): one row per customer (the payments export's
 * column names) as a table or CSV; JSON adds the totals. */
typedef struct kw_pg_ageing kw_pg_ageing;
KW_API kw_status kw_report_pg_ageing(kw_context *ctx, FILE *f,
                                     const kw_pg_ageing *a, kw_format format,
                                     kw_lang lang);

/* ------------------------------------------------------------ cohorts */

typedef struct kw_cohorts_report {
  kw_format format;
  kw_lang lang;
  bool want[KW_COHORT__COUNT]; /* the metrics written, in kw_cohort_metric
                                  order */
  size_t max_ages;             /* at most this many ages; 0 = all */
} kw_cohorts_report;

/* Table in English, active_share only, every age. */
KW_API void kw_cohorts_report_init(kw_cohorts_report *r);

/*
 * Acquisition cohorts: on a terminal a heading (period, customers,
 * cohorts, as-of) and a table per metric (rows cohorts and the pooled
 * total, columns ages); CSV the matrices stacked with a metric column;
 * JSON per metric "values" (null where not observed) and "total".
 */
KW_API kw_status kw_report_cohorts(kw_context *ctx, FILE *f,
                                   const kw_cohorts *coh,
                                   const kw_cohorts_report *r);

/* ------------------------------------------------------------ inspect */

typedef struct kw_inspect_report {
  kw_format format;
  kw_lang lang;
} kw_inspect_report;

/* Table in English. */
KW_API void kw_inspect_report_init(kw_inspect_report *r);

/*
 * How each table of ds was read (delimiter, header, encoding, line ends,
 * each column's role, type, decimal mark and date order, rows read, used
 * and skipped with reasons and examples, missing values) and the quality
 * figures q: a terminal report, CSV key,value rows of the figures, or JSON.
 */
KW_API kw_status kw_report_inspect(kw_context *ctx, FILE *f,
                                   const kw_dataset *ds, const kw_quality *q,
                                   const kw_inspect_report *r);

#ifdef __cplusplus
}
#endif

#endif
