/*
 * klantwijs/pg.h — PostgreSQL as a source (libpq).
 *
 * kw_dataset_load reads the tables from a database when
 * kw_load_options.db holds a connection URI: each table (or query) is
 * streamed through a server-side cursor into the same typed columns as a
 * file, so every analysis runs unchanged. The per-customer summary can
 * instead run in the database (kw_pg_pushdown_summary): only one row per
 * customer and one per (x, t_x, T) pattern come back.
 * docs/postgresql.md lists every statement.
 */
#ifndef KLANTWIJS_PG_H
#define KLANTWIJS_PG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/analyze.h"
#include "klantwijs/core.h"
#include "klantwijs/clv.h"
#include "klantwijs/data.h"
#include "klantwijs/payments.h"
#include "klantwijs/retention.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether s is a PostgreSQL connection URI (postgresql:// or
 * postgres://). */
KW_API bool kw_pg_is_uri(const char *s);

/* A copy of a connection URI or keyword/value string fit for messages:
 * any password (user:PASSWORD@, password=...) becomes "***". */
KW_API void kw_pg_mask_uri(const char *uri, char *out, size_t cap);

/* ----------------------------------------------------------- pushdown */

/* The per-customer summary as the database computes it
 * (docs/postgresql.md): the definitions of kw_customer_summary, for the
 * customers with a purchase up to as_of, ordered by id (byte order).
 * Columns are arrays of n; days are days since 1970; t_x and T in days. */
typedef struct kw_pg_summary {
  size_t n;
  int32_t as_of;          /* the as-of day used */
  bool has_invoice;       /* orders count invoices (else purchase days) */
  bool has_cost;          /* a cost or margin column was found */
  const char *const *ids; /* customer ids as text */
  const int32_t *first, *last;
  const uint32_t *orders, *days, *lines;
  const int64_t *revenue, *cost; /* net revenue, cost of goods: cents */
  const double *x, *t_x, *T;
  int64_t total_revenue;  /* sum of revenue */
  uint64_t total_lines;   /* sum of lines */
  /* (x, t_x, T) patterns with their customer counts, computed in the
   * database too: what a CLV fit needs, usually far fewer rows than
   * customers */
  size_t n_patterns;
  const double *px, *pt_x, *pT;
  const uint64_t *pcount;
} kw_pg_summary;

/*
 * Run the per-customer summary of the transactions table
 * o->db_tables[KW_TABLE_TRANSACTIONS] (or the default names) in the
 * database at o->db, as of as_of (KW_NA_DATE: the last date): one
 * statement, one scan, read through a cursor. Column roles come from the
 * column names, as for files, and o->maps. Only O(customers) rows are
 * read; the pattern counts are counted from them.
 */
KW_API kw_status kw_pg_pushdown_summary(kw_context *ctx,
                                        const kw_load_options *o,
                                        int32_t as_of, kw_pg_summary **out);
KW_API void kw_pg_summary_free(kw_context *ctx, kw_pg_summary *s);
/* Only the pattern counts (n = 0, no customer rows), for a CLV fit: one
 * statement that scans the table once, O(patterns) rows come back;
 * as_of stays KW_NA_DATE when not given. Free with kw_pg_summary_free. */
KW_API kw_status kw_pg_pushdown_patterns(kw_context *ctx,
                                         const kw_load_options *o,
                                         int32_t as_of, kw_pg_summary **out);
/* The pattern counts (in days) as the input of a CLV fit in unit: t_x and
 * T divided by the unit's days, as the line path's summary divides them,
 * each pattern weighted by its customers (klantwijs/clv.h). */
KW_API kw_status kw_pg_pushdown_clv_data(kw_context *ctx,
                                         const kw_load_options *o,
                                         int32_t as_of, kw_unit unit,
                                         kw_clv_data **out);

/* The input of a CLV fit per customer (kw_clv_data_from_rows), computed
 * in the database: x, t_x, T in unit, the spend model's mean repeat spend
 * (zbar), revenue and margin up to as_of (KW_NA_DATE: the last date), and
 * with holdout_end (not KW_NA_DATE; then as_of is required) the purchase
 * days in (as_of, holdout_end] and the tracking counts: the definitions
 * of kw_clv_data_build in continuous time. Rows are ordered by id (byte
 * order); no acquisition cost. Four statements: the last date (when no
 * as_of), the customers first buying after as_of, the repeat purchase
 * days per day, and one row per customer. */
KW_API kw_status kw_pg_pushdown_clv_rows(kw_context *ctx,
                                         const kw_load_options *o,
                                         int32_t as_of, int32_t holdout_end,
                                         kw_unit unit, kw_clv_data **out);

/*
 * The acquisition cohorts (klantwijs/retention.h, the definitions of
 * kw_cohorts_build) computed in the database: one row per (cohort, age)
 * cell and per (cohort, age of the last purchase) comes back, O(cohorts x
 * periods), never a line. co->as_of KW_NA_DATE = the last date.
 */
KW_API kw_status kw_pg_pushdown_cohorts(kw_context *ctx,
                                        const kw_load_options *o,
                                        const kw_cohort_options *co,
                                        kw_cohorts **out);

/* The receivables ageing of the invoices table as the database computes
 * it (the definitions of klantwijs/payments.h: open, open credit,
 * overdue, the five ageing buckets and the oldest open row's days past
 * due, per customer with a usable invoice row up to as_of, ordered by id
 * in byte order). Money in cents. */
typedef struct kw_pg_ageing {
  size_t n;
  int32_t as_of;
  const char *const *ids;
  const int64_t *open, *credit, *overdue;
  const int64_t *ageing[KW_AGE__COUNT];
  const int32_t *max_overdue_days;
  int64_t open_total, credit_total, overdue_total;
  int64_t ageing_total[KW_AGE__COUNT];
  /* payment behaviour (kw_pg_pushdown_payments; NULL / 0 from
     kw_pg_pushdown_ageing): per customer as kw_payments_data */
  bool has_behaviour;
  const uint32_t *invoices, *settled, *settled_late, *errors;
  const double *late_share, *days_to_pay, *days_late;
  const int64_t *invoiced;
  const uint8_t *pay_class; /* kw_pay_class */
  /* and for the portfolio */
  size_t n_customers; /* with a positive row */
  size_t n_class[KW_PAY__COUNT];
  size_t n_invoices, n_credit_notes, n_settled, n_settled_late;
  double late_share_all, days_to_pay_all, days_late_all;
  int64_t invoiced_total, invoiced_recent;
  int dso_days;
  bool dso_defined;
  double dso;
  uint64_t errors_total; /* paid before issue, due before issue */
} kw_pg_ageing;

/*
 * Run the ageing of o->db_tables[KW_TABLE_INVOICES] (or the default
 * names) in the database at o->db, as of as_of (KW_NA_DATE: the last
 * invoice date), rows without due date or terms due after default_terms
 * days. One row per customer comes back. An invoice id with two customers
 * is an error (KW_EINPUT): the file reader keeps the rows met first,
 * which a table's order cannot tell.
 */
KW_API kw_status kw_pg_pushdown_ageing(kw_context *ctx,
                                       const kw_load_options *o,
                                       int32_t as_of, int default_terms,
                                       kw_pg_ageing **out);
KW_API void kw_pg_ageing_free(kw_context *ctx, kw_pg_ageing *a);
/*
 * The ageing and the payment behaviour of kw_payments_compute
 * (klantwijs/payments.h) from per-customer aggregates the database
 * computes: per customer the amount-weighted sums of days to pay and days
 * late, the invoices, settled and settled-late counts, the invoiced
 * amount, the amount invoiced in the DSO window and the data errors; the
 * client divides, classifies (po's thresholds) and computes DSO. Two
 * statements ("ageing", "payers"), one row per customer each. po->as_of
 * KW_NA_DATE = the last invoice date.
 */
KW_API kw_status kw_pg_pushdown_payments(kw_context *ctx,
                                         const kw_load_options *o,
                                         const kw_payments_options *po,
                                         kw_pg_ageing **out);

/* The work of kw_analyze_run that the database does for the tables at
 * o->db (kw_analyze_options.source): the per-customer summary (statement
 * "analyze_summary", one row per customer written at its id in the
 * dataset's customer dictionary; an id the dictionary lacks is KW_EINPUT),
 * the payment behaviour and ageing (kw_pg_pushdown_payments) and the
 * cohort matrices (kw_pg_pushdown_cohorts); the purchase model is fitted
 * on the summary's (x, t_x, T) per buyer, as from the lines (no patterns
 * member). o is borrowed and must outlive the run. */
KW_API void kw_pg_analyze_source(const kw_load_options *o,
                                 kw_analyze_source *out);

/* The SQL the pushdown runs (for documentation and tests): the template
 * of statement name ("lines", "summary", "patterns", "cohorts",
 * "invoice_rows", "invoice_as_of", "invoice_conflicts", "ageing",
 * "payers", "clv_days", "clv_rows", "clv_repeat", "clv_later",
 * "last_day", "analyze_lines", "analyze_summary", "lines_after") with
 * the placeholders of docs/postgresql.md, or NULL. */
KW_API const char *kw_pg_sql(const char *name);

#ifdef __cplusplus
}
#endif
#endif
