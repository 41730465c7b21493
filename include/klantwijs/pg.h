/*
 * klantwijs/pg.h — PostgreSQL as a source (libpq).
 *
 * kw_dataset_load reads the tables from a database when
 * kw_load_options.db holds a connection URI: each table (or query) is
 * streamed through a server-side cursor into the same typed columns as a
 * file, so every analysis runs unchanged. The per-customer work that
 * reduces lines to customers can instead run in the database
 * (kw_pg_pushdown_*): only one row per customer, per (x, t_x, T)
 * pattern, per cohort cell or per ageing bucket comes back.
 * docs/postgresql.md lists every statement.
 */
#ifndef KLANTWIJS_PG_H
#define KLANTWIJS_PG_H

#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"

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

/* One customer's summary as the database computes it (docs/postgresql.md,
 * "per-customer summary"): the definitions of kw_customer_summary. */
typedef struct kw_pg_customer {
  char id[64];      /* customer id as text (truncated past 63 bytes) */
  int32_t first, last; /* first and last purchase day (days since 1970) */
  uint32_t orders;  /* distinct invoices, else distinct purchase days */
  uint32_t days;    /* distinct purchase days */
  uint32_t lines;
  int64_t revenue;  /* net, cents */
  int64_t cost;     /* cents (0 without a cost column) */
  double x, t_x, T; /* repeat purchase days, in days */
} kw_pg_customer;

typedef struct kw_pg_summary {
  size_t n;                 /* customers with a purchase */
  kw_pg_customer *rows;     /* ordered by id */
  int32_t as_of;            /* the as-of day used */
  int64_t revenue;          /* sum of rows[].revenue */
  uint64_t lines;           /* sum of rows[].lines */
  /* (x, t_x, T) patterns with their customer counts: what a CLV fit
   * needs, usually far fewer rows than customers */
  size_t n_patterns;
  double *px, *pt_x, *pT;
  uint64_t *pcount;
} kw_pg_summary;

/*
 * Run the per-customer summary and the pattern counts of the
 * transactions table o->db_tables[KW_TABLE_TRANSACTIONS] (or the default
 * names) in the database at o->db, as of as_of (KW_NA_DATE: the last
 * date). Column roles come from the column names, as for files, and
 * o->maps. Only O(customers) rows are read.
 */
KW_API kw_status kw_pg_pushdown_summary(kw_context *ctx,
                                        const kw_load_options *o,
                                        int32_t as_of, kw_pg_summary **out);
KW_API void kw_pg_summary_free(kw_pg_summary *s);

/* The SQL the pushdown runs (for documentation and tests): the text of
 * statement name ("summary", "patterns", "cohorts", "ageing") with the
 * placeholders of docs/postgresql.md, or NULL. */
KW_API const char *kw_pg_sql(const char *name);

#ifdef __cplusplus
}
#endif
#endif
