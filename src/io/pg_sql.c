/*
 * pg_sql.c — the per-customer work pushed down to PostgreSQL
 * (klantwijs/pg.h, kw_pg_pushdown_summary). Every statement klantwijs
 * sends for it is in the table below, with placeholders filled from the
 * recognised columns; docs/postgresql.md shows them filled in.
 *
 * The statements are plain aggregates grouped by customer, so a table
 * partitioned by customer aggregates partition by partition
 * (enable_partitionwise_aggregate), and a partition that is a
 * postgres_fdw foreign table ships the whole aggregate to its server:
 * each shard reduces its own customers. Only O(customers) rows reach the
 * coordinator and the client; the pattern counts only O(patterns).
 *
 * The definitions are those of the per-customer summary
 * (src/data/summary.c): a line with amount >= 0 is a purchase; a negative
 * line only nets revenue and cost; a purchase day is a day with a
 * purchase; orders are distinct invoices with a purchase, else purchase
 * days; x = purchase days - 1, t_x = last - first, T = as_of - first (in
 * days); amounts are rounded to cents line by line, as the reader does.
 */
#include <ctype.h>
#include <math.h>
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/msg.h"
#include "io/pg_internal.h"
#include "core/dict.h"
#include "io/roles.h"
#include "klantwijs/pg.h"

/* ------------------------------------------------------- the statements */

typedef struct stmt {
  const char *name;
  const char *sql;
} stmt;

static const stmt statements[] = {
    /* one row per usable line: the recognised columns, typed */
    {"lines",
     "SELECT {cust}::text AS cust, {day} AS day, "
     "round({amount} * 100)::bigint AS amt, {invoice} AS inv, "
     "{cost} AS cost "
     "FROM {from} "
     "WHERE {cust} IS NOT NULL AND {day} IS NOT NULL "
     "AND {amount} IS NOT NULL"},
    /* the per-customer summary up to as_of ({where}: empty, or a filter
     * on the given as_of), one scan; maxday, the customer's last line of
     * any sign, gives the as_of when none is given (its maximum). A
     * customer without a purchase has first NULL and only counts there. */
    {"summary",
     "SELECT cust, "
     "min(day) FILTER (WHERE amt >= 0) - DATE '1970-01-01' AS first, "
     "max(day) FILTER (WHERE amt >= 0) - DATE '1970-01-01' AS last, "
     "count(DISTINCT {orders}) FILTER (WHERE amt >= 0) AS orders, "
     "count(DISTINCT day) FILTER (WHERE amt >= 0) AS days, "
     "count(*) AS lines, sum(amt) AS revenue, "
     "coalesce(sum(cost), 0) AS cost, "
     "max(day) - DATE '1970-01-01' AS maxday "
     "FROM ({lines}) AS l {where} "
     "GROUP BY cust"},
    /* the (x, t_x, T) patterns and how many customers share each, from
     * one scan: {pas_of} is the given as_of or the largest maxday of s
     * (s is read once, as a materialised CTE) */
    {"patterns",
     "WITH s AS MATERIALIZED ({summary}) "
     "SELECT days - 1 AS x, last - first AS t_x, {pas_of} - first AS t, "
     "count(*) AS customers "
     "FROM s WHERE first IS NOT NULL "
     "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"},
    /* cohort cells. b: per customer and period (a GROUP BY with the
     * customer in its key, so a table partitioned by customer aggregates
     * on each shard): the first purchase day of the period, the purchase
     * lines, the net revenue and the last day. c: per customer, the first
     * purchase day fd, its period fp and the last purchase period lp. e:
     * the returns of the first purchase period before fd (they are not
     * cohort revenue), from the negative lines per customer and day.
     * Then per (first period, periods since) the customers with a
     * purchase and the net revenue from fd on (last = 0); per (first
     * period, last purchase period - first) the customers whose last
     * purchase falls there (active = 0); last a row with age NULL whose
     * cohort_day is the last date (the as-of date when none is given).
     * {where} is empty or the filter on a given as-of date; {pday} /
     * {pfirst} are the period numbers of day / fd (consecutive periods,
     * consecutive numbers); cohort_day is a day of the cohort's period. */
    {"cohorts",
     "WITH b AS (SELECT cust, {pday} AS p, "
     "min(day) FILTER (WHERE amt >= 0) AS pfd, "
     "count(*) FILTER (WHERE amt >= 0) AS buys, sum(amt) AS rev, "
     "max(day) AS md "
     "FROM ({lines}) AS l {where} GROUP BY 1, 2), "
     "c AS (SELECT cust, fd, {pfirst} AS fp, lp FROM "
     "(SELECT cust, min(pfd) AS fd, max(p) FILTER (WHERE buys > 0) AS lp "
     "FROM b GROUP BY cust HAVING sum(buys) > 0) AS f), "
     "r AS (SELECT cust, day, sum(amt) AS neg FROM "
     "(SELECT cust, day, amt FROM ({lines}) AS l {where}) AS l "
     "WHERE amt < 0 GROUP BY 1, 2), "
     "e AS (SELECT r.cust, sum(r.neg) AS neg FROM r JOIN c USING (cust) "
     "WHERE r.day < c.fd AND {pday} = c.fp GROUP BY r.cust) "
     "SELECT min(c.fd) - DATE '1970-01-01' AS cohort_day, "
     "b.p - c.fp AS age, count(*) FILTER (WHERE b.buys > 0) AS active, "
     "0 AS last, sum(b.rev - CASE WHEN b.p = c.fp "
     "THEN coalesce(e.neg, 0) ELSE 0 END) AS revenue "
     "FROM b JOIN c USING (cust) LEFT JOIN e USING (cust) "
     "WHERE b.p >= c.fp "
     "GROUP BY c.fp, b.p - c.fp "
     "UNION ALL "
     "SELECT min(fd) - DATE '1970-01-01', lp - fp, 0, count(*), 0 "
     "FROM c GROUP BY fp, lp - fp "
     "UNION ALL "
     "SELECT max(md) - DATE '1970-01-01', NULL, 0, 0, 0 FROM b"},
    /* invoices: one row per usable invoice row up to as_of; paid after
     * as_of counts as open; due = the due date, else date + terms, else
     * date + the default terms (klantwijs/payments.h) */
    {"invoice_rows",
     "SELECT {cust}::text AS cust, {day} AS day, "
     "round({amount} * 100)::bigint AS amt, {inv} AS inv, "
     "CASE WHEN {paid} <= DATE '1970-01-01' + {as_of} THEN {paid} END "
     "AS paid, {due} AS due "
     "FROM {from} "
     "WHERE {cust} IS NOT NULL AND {day} IS NOT NULL "
     "AND {amount} IS NOT NULL AND {day} <= DATE '1970-01-01' + {as_of}"},
    /* the last invoice date */
    {"invoice_as_of",
     "SELECT max({day}) - DATE '1970-01-01' FROM {from}"},
    /* invoice ids that carry two customers: the file reader keeps the
     * first customer's rows in file order, which a table does not have */
    {"invoice_conflicts",
     "SELECT count(*) FROM (SELECT inv FROM ({invoice_rows}) AS r "
     "WHERE inv IS NOT NULL GROUP BY inv "
     "HAVING count(DISTINCT cust) > 1) AS c"},
    /* ageing per customer: open money (credit notes included), open
     * credit, overdue, the five buckets by days past due of the open
     * positive rows, the oldest open row's days past due; a row paid
     * before its invoice date is settled, a due date before the invoice
     * date keeps the row out of ageing */
    {"ageing",
     "SELECT cust, "
     "coalesce(sum(amt) FILTER (WHERE open), 0) AS open, "
     "coalesce(sum(amt) FILTER (WHERE open AND amt < 0), 0) AS credit, "
     "coalesce(sum(amt) FILTER (WHERE aged AND over > 0), 0) AS overdue, "
     "coalesce(sum(amt) FILTER (WHERE aged AND over <= 0), 0) AS not_due, "
     "coalesce(sum(amt) FILTER (WHERE aged AND over BETWEEN 1 AND 30), 0) "
     "AS d1_30, "
     "coalesce(sum(amt) FILTER (WHERE aged AND over BETWEEN 31 AND 60), 0) "
     "AS d31_60, "
     "coalesce(sum(amt) FILTER (WHERE aged AND over BETWEEN 61 AND 90), 0) "
     "AS d61_90, "
     "coalesce(sum(amt) FILTER (WHERE aged AND over > 90), 0) AS d90, "
     "coalesce(max(over) FILTER (WHERE aged AND over > 0), 0) AS max_over "
     "FROM (SELECT cust, amt, paid IS NULL AS open, "
     "paid IS NULL AND amt > 0 AND due >= day AS aged, "
     "(DATE '1970-01-01' + {as_of}) - due AS over "
     "FROM ({invoice_rows}) AS r) AS a "
     "GROUP BY cust"},
    /* CLV per customer (clv --pushdown with the spend model or a
     * holdout): the days of each customer up to {end_d} (the holdout's
     * end, else the as-of date), with their net revenue, whether a line
     * of amount >= 0 makes it a purchase day, lines, lines with a cost,
     * and the cost */
    {"clv_days",
     "SELECT cust, day, sum(amt) AS rev, bool_or(amt >= 0) AS purchase, "
     "count(*) AS lines, count(cost) AS cost_lines, "
     "coalesce(sum(cost), 0) AS cost "
     "FROM ({lines}) AS l WHERE day <= {end_d} GROUP BY cust, day"},
    /* per customer with a purchase up to {as_of_d}: the first purchase
     * day, x = purchase days - 1, t_x in days, the net revenue of the
     * purchase days after the first (the spend model's x * zbar, in
     * cents), the net revenue, lines, lines with a cost and cost up to
     * as_of, and the purchase days in the holdout (after as_of) */
    {"clv_rows",
     "WITH d AS MATERIALIZED ({clv_days}), "
     "f AS (SELECT cust, min(day) AS first FROM d "
     "WHERE purchase AND day <= {as_of_d} GROUP BY cust) "
     "SELECT cust, first - DATE '1970-01-01' AS first, "
     "count(*) FILTER (WHERE purchase AND day <= {as_of_d}) - 1 AS x, "
     "max(day) FILTER (WHERE purchase AND day <= {as_of_d}) - first "
     "AS t_x, "
     "coalesce(sum(rev) FILTER (WHERE purchase AND day > first "
     "AND day <= {as_of_d}), 0) AS rep_rev, "
     "coalesce(sum(rev) FILTER (WHERE day <= {as_of_d}), 0) AS revenue, "
     "coalesce(sum(lines) FILTER (WHERE day <= {as_of_d}), 0) AS lines, "
     "coalesce(sum(cost_lines) FILTER (WHERE day <= {as_of_d}), 0) "
     "AS cost_lines, "
     "coalesce(sum(cost) FILTER (WHERE day <= {as_of_d}), 0) AS cost, "
     "count(*) FILTER (WHERE purchase AND day > {as_of_d}) AS holdout "
     "FROM d JOIN f USING (cust) GROUP BY cust, first"},
    /* the repeat purchase days (after each customer's first) per day, up
     * to {end_d}: the tracking counts; and the customers whose first
     * purchase comes after as_of */
    {"clv_repeat",
     "WITH d AS MATERIALIZED ({clv_days}), "
     "f AS (SELECT cust, min(day) AS first FROM d "
     "WHERE purchase AND day <= {as_of_d} GROUP BY cust) "
     "SELECT day - DATE '1970-01-01' AS day, count(*) AS n "
     "FROM d JOIN f USING (cust) WHERE purchase AND day > first "
     "GROUP BY day ORDER BY day"},
    {"clv_later",
     "SELECT count(*) FROM (SELECT cust FROM ({lines}) AS l GROUP BY cust "
     "HAVING coalesce(bool_or(amt >= 0 AND day > {as_of_d}), false) "
     "AND NOT coalesce(bool_or(amt >= 0 AND day <= {as_of_d}), false)) "
     "AS c"},
    {"last_day", "SELECT max(day) - DATE '1970-01-01' FROM ({lines}) AS l"},
    /* analyze --pushdown: the lines with the product, category and
     * discount ({prod}, {cat}: text, NULL when empty or absent; {disc}:
     * cents, NULL when absent) */
    {"analyze_lines",
     "SELECT {cust}::text AS cust, {day} AS day, "
     "round({amount} * 100)::bigint AS amt, {invoice} AS inv, "
     "{cost} AS cost, {prod} AS prod, {cat} AS cat, {disc} AS disc "
     "FROM {from} "
     "WHERE {cust} IS NOT NULL AND {day} IS NOT NULL "
     "AND {amount} IS NOT NULL"},
    /* the per-customer summary of analyze (kw_summary_build's columns):
     * s per customer as "summary" with the lines with a cost, the
     * discount and the distinct products and categories; d the purchase
     * days (a day with a line of amount >= 0) with their net revenue
     * (every line of the day); r per customer the net revenue of the
     * purchase days after the first (the spend model's input). Every
     * customer with a line up to as-of comes back (first NULL: returns
     * only). */
    {"analyze_summary",
     "WITH s AS (SELECT cust, min(day) FILTER (WHERE amt >= 0) AS fd, "
     "max(day) FILTER (WHERE amt >= 0) - DATE '1970-01-01' AS last, "
     "count(DISTINCT {orders}) FILTER (WHERE amt >= 0) AS orders, "
     "count(DISTINCT day) FILTER (WHERE amt >= 0) AS days, "
     "count(*) AS lines, count(cost) AS cost_lines, sum(amt) AS revenue, "
     "coalesce(sum(cost), 0) AS cost, coalesce(sum(disc), 0) AS discount, "
     "count(DISTINCT prod) AS products, count(DISTINCT cat) AS categories, "
     "max(day) - DATE '1970-01-01' AS maxday "
     "FROM ({analyze_lines}) AS l {where} GROUP BY cust), "
     "d AS (SELECT cust, day, sum(amt) AS rev "
     "FROM ({analyze_lines}) AS l {where} GROUP BY cust, day "
     "HAVING bool_or(amt >= 0)), "
     "r AS (SELECT d.cust, sum(d.rev) AS rep FROM d JOIN s USING (cust) "
     "WHERE d.day > s.fd GROUP BY d.cust) "
     "SELECT s.cust, s.fd - DATE '1970-01-01' AS first, last, orders, days, "
     "lines, cost_lines, revenue, cost, discount, products, categories, "
     "maxday, coalesce(r.rep, 0) AS rep "
     "FROM s LEFT JOIN r USING (cust)"},
    /* the lines after a given as-of date (left out, counted) */
    {"lines_after",
     "SELECT count(*) FROM ({lines}) AS l "
     "WHERE day > DATE '1970-01-01' + {as_of}"},
    /* payment behaviour per customer (the client adds ORDER BY cust
     * COLLATE "C"): over the rows, the amount-weighted sums of days to
     * pay (positive rows paid on or after their invoice date) and of days
     * late (of those, the rows whose due date is not before the invoice
     * date), the invoiced amount, the amount invoiced in the DSO window,
     * whether a positive row exists, the rows paid before their invoice
     * date and the other rows due before it; over the invoices (an
     * invoice id, else each row on its own), those with a positive total,
     * the settled ones (a positive row, none open) and the settled ones
     * with a positive row paid after its due date, and credit notes
     * (negative total). {dso_from}: the first day of the DSO window. */
    {"payers",
     "WITH r AS NOT MATERIALIZED ({invoice_rows}), "
     "i AS (SELECT cust, sum(amt) AS total, bool_or(amt > 0) AS pos, "
     "bool_or(amt > 0 AND paid IS NULL) AS open, "
     "coalesce(bool_or(amt > 0 AND paid >= day AND due >= day "
     "AND paid > due), false) AS late "
     "FROM r WHERE inv IS NOT NULL GROUP BY cust, inv "
     "UNION ALL "
     "SELECT cust, amt, amt > 0, amt > 0 AND paid IS NULL, "
     "CASE WHEN amt > 0 AND paid >= day AND due >= day AND paid > due "
     "THEN true ELSE false END FROM r WHERE inv IS NULL), "
     "ic AS (SELECT cust, count(*) FILTER (WHERE total > 0) AS invoices, "
     "count(*) FILTER (WHERE total > 0 AND pos AND NOT open) AS settled, "
     "count(*) FILTER (WHERE total > 0 AND pos AND NOT open AND late) "
     "AS settled_late, "
     "count(*) FILTER (WHERE total < 0) AS credit_notes "
     "FROM i GROUP BY cust), "
     "rc AS (SELECT cust, "
     "coalesce(sum(amt) FILTER (WHERE pd), 0) AS pay_w, "
     "coalesce(sum(amt * (paid - day)) FILTER (WHERE pd), 0) AS pay_sum, "
     "coalesce(sum(amt) FILTER (WHERE pd AND due >= day), 0) AS late_w, "
     "coalesce(sum(amt * (paid - due)) "
     "FILTER (WHERE pd AND due >= day AND paid > due), 0) AS late_sum, "
     "sum(amt) AS invoiced, "
     "coalesce(sum(amt) FILTER (WHERE day >= {dso_from}), 0) AS recent, "
     "bool_or(amt > 0) AS buyer, "
     "count(*) FILTER (WHERE paid < day) AS err_paid, "
     "count(*) FILTER (WHERE (paid IS NULL OR paid >= day) AND due < day) "
     "AS err_due "
     "FROM (SELECT r.*, amt > 0 AND paid IS NOT NULL AND paid >= day AS pd "
     "FROM r) AS x GROUP BY cust) "
     "SELECT rc.cust, pay_w, pay_sum, late_w, late_sum, invoiced, recent, "
     "buyer, err_paid, err_due, invoices, settled, settled_late, "
     "credit_notes FROM rc JOIN ic USING (cust)"},
};

const char *kw_pg_sql(const char *name) {
  for (size_t i = 0; i < sizeof statements / sizeof *statements; i++)
    if (name && strcmp(statements[i].name, name) == 0)
      return statements[i].sql;
  return NULL;
}

/* Fill the {name} placeholders of template t from the pairs names[i] ->
 * values[i]; a value may itself hold placeholders (filled again). */
static char *fill(kw_context *ctx, const char *t, const char *const *names,
                  const char *const *values, size_t n, int depth) {
  kw_buf b;
  kw_buf_init(&b, 1);
  for (const char *p = t; *p; p++) {
    const char *val = NULL;
    size_t nl = 0;
    if (*p == '{') {
      for (size_t i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        if (strncmp(p + 1, names[i], l) == 0 && p[1 + l] == '}') {
          val = values[i];
          nl = l;
          break;
        }
      }
    }
    if (val) {
      char *sub = depth < 4 ? fill(ctx, val, names, values, n, depth + 1)
                            : NULL;
      if (!sub) {
        kw_buf_free(ctx, &b);
        return NULL;
      }
      for (const char *q = sub; *q; q++)
        if (kw_buf_push(ctx, &b, q)) {
          kw_free(ctx, sub);
          kw_buf_free(ctx, &b);
          return NULL;
        }
      kw_free(ctx, sub);
      p += nl + 1;
      continue;
    }
    if (kw_buf_push(ctx, &b, p)) {
      kw_buf_free(ctx, &b);
      return NULL;
    }
  }
  char z = '\0';
  if (kw_buf_push(ctx, &b, &z)) {
    kw_buf_free(ctx, &b);
    return NULL;
  }
  return kw_buf_take(ctx, &b);
}

/* ------------------------------------------------------------ the run */

#define SUMMARY_FETCH 20000

enum { OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_DATE = 1082 };

typedef struct owned {
  kw_pg_summary pub;
  char *idbuf;
  char **ids;
  int32_t *first, *last;
  uint32_t *orders, *days, *lines;
  int64_t *revenue, *cost;
  double *x, *t_x, *T, *px, *pt_x, *pT;
  uint64_t *pcount;
} owned;

void kw_pg_summary_free(kw_context *ctx, kw_pg_summary *s) {
  if (!s) return;
  owned *o = (owned *)s;
  void *arrs[] = {o->idbuf, o->ids,     o->first, o->last, o->orders,
                  o->days,  o->lines,   o->revenue, o->cost, o->x,
                  o->t_x,   o->T,       o->px,    o->pt_x, o->pT,
                  o->pcount};
  for (size_t i = 0; i < sizeof arrs / sizeof *arrs; i++) kw_free(ctx, arrs[i]);
  kw_free(ctx, o);
}

/* A quoted column name. */
static char *ident(kw_context *ctx, PGconn *c, const char *name) {
  char *q = PQescapeIdentifier(c, name, strlen(name));
  if (!q) return NULL;
  char *r = kw_strdup(ctx, q);
  PQfreemem(q);
  return r;
}

static kw_status exec_tuples(kw_context *ctx, PGconn *c, const char *sql,
                             const char *what, const char *masked, int lang,
                             PGresult **out) {
  PGresult *r = PQexec(c, sql);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    kw_status st = kw_pg_fail_result(ctx, what, masked, r, c, lang);
    PQclear(r);
    return st;
  }
  *out = r;
  return KW_OK;
}

/* A transactions source ready for the statements: the connection, the
 * FROM item and the placeholder values of the recognised columns. */
typedef struct prep {
  PGconn *c;
  char masked[1000];
  char deflt[64];
  const char *spec;
  char *from, *cols[12];
  unsigned type[12]; /* column type OIDs */
  bool has_invoice, has_cost;
  char day[300], inv[300], cost[700], orders[32], as_of_s[32];
  const char *names[12];
  const char *vals[12];
  size_t n; /* placeholders in names/vals */
} prep;

/* The statement of template tpl with its {placeholders} filled, run for
 * its rows (*out; the caller clears it). */
static kw_status fill_exec(kw_context *ctx, const prep *pp, const char *tpl,
                           const char *const *names, const char *const *vals,
                           size_t n, int lang, PGresult **out) {
  char *q = fill(ctx, tpl, names, vals, n, 0);
  if (!q) return kw_fail_nomem(ctx);
  kw_status st = exec_tuples(ctx, pp->c, q, pp->spec, pp->masked, lang, out);
  kw_free(ctx, q);
  return st;
}

/* The one day (days since 1970) a statement gives, such as the last date
 * when no as-of was given; KW_EEMPTY with the message of key `none` when
 * it is NULL. */
static kw_status day_of(kw_context *ctx, const prep *pp, const char *sql,
                        const char *const *names, const char *const *vals,
                        size_t n, int lang, const char *none, int32_t *day) {
  PGresult *r = NULL;
  kw_status st = fill_exec(ctx, pp, kw_pg_sql(sql), names, vals, n, lang, &r);
  if (!st && PQgetisnull(r, 0, 0))
    st = kw_io_fail(ctx, KW_EEMPTY, lang, "", none, NULL);
  if (!st) *day = (int32_t)atol(PQgetvalue(r, 0, 0));
  if (r) PQclear(r);
  return st;
}

static void prep_close(kw_context *ctx, prep *p) {
  for (int j = 0; j < 12; j++) kw_free(ctx, p->cols[j]);
  kw_free(ctx, p->from);
  PQfinish(p->c);
  memset(p, 0, sizeof *p);
}

/* Connect, find the table or query of kind k, and recognise the columns
 * of the roles want[0..nwant) as for a file (and o->maps); the first nreq
 * are required. p->cols[j] gets the quoted name (NULL when absent). */
static kw_status prep_find(kw_context *ctx, const kw_load_options *o,
                           kw_table_kind k, const kw_role *want, int nwant,
                           int nreq, prep *p) {
  memset(p, 0, sizeof *p);
  if (!o || !o->db)
    return kw_fail(ctx, KW_EARG, "no PostgreSQL connection URI given");
  kw_status st = kw_pg_connect(ctx, o->db, o->lang, &p->c, p->masked,
                               sizeof p->masked);
  if (st) return st;
  const char *masked = p->masked;
  PGconn *c = p->c;
  char *sql = NULL;
  char **cols = p->cols;
  PGresult *r = NULL;
  const char *spec = o->db_tables[k];
  if (!spec) {
    st = kw_pg_default_table(ctx, c, k, p->deflt, sizeof p->deflt);
    if (st) goto out;
    if (!p->deflt[0]) {
      st = kw_io_fail(ctx, KW_EMISSING, o->lang, "",
                      k == KW_TABLE_INVOICES ? "pg.no_invoices" : "pg.no_sales",
                      "db", masked, NULL);
      goto out;
    }
    spec = p->deflt;
  }
  p->spec = spec;
  st = kw_pg_relation(ctx, c, spec, masked, o->lang, &p->from);
  if (st) goto out;
  char *from = p->from;
  /* the columns and their roles, as for a file */
  size_t qn = strlen(from) + 64;
  sql = kw_malloc(ctx, qn);
  if (!sql) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  snprintf(sql, qn, "SELECT * FROM %s LIMIT 0", from);
  st = exec_tuples(ctx, c, sql, spec, masked, o->lang, &r);
  if (st) goto out;
  int col[12];
  unsigned best[12];
  bool mapped[12] = {false};
  for (int j = 0; j < nwant; j++) col[j] = -1, best[j] = ~0u;
  int nf = PQnfields(r);
  for (int i = 0; i < nf; i++) {
    const char *nm = PQfname(r, i);
    unsigned rank = 0;
    kw_role role = kw_pg_mapped_role(o, k, nm);
    bool m = role != KW_ROLE__COUNT;
    if (!m) role = kw_role_guess(k, nm, strlen(nm), &rank);
    for (int j = 0; j < nwant; j++) {
      if (role != want[j] || mapped[j]) continue;
      if (m || rank < best[j]) {
        col[j] = i;
        best[j] = rank;
        mapped[j] = m;
      }
    }
  }
  for (int j = 0; j < nreq; j++) {
    if (col[j] >= 0) continue;
    char names[600] = "";
    for (int i = 0; i < nf; i++) {
      size_t l = strlen(names);
      snprintf(names + l, sizeof names - l, "%s%s", i ? ", " : "",
               PQfname(r, i));
    }
    st = kw_io_fail(ctx, KW_EMISSING, o->lang, "", "pg.no_column", "what", spec,
                    "role", kw_role_name(want[j]), "cols", names, NULL);
    goto out;
  }
  for (int j = 0; j < nwant; j++) {
    if (col[j] < 0) continue;
    cols[j] = ident(ctx, c, PQfname(r, col[j]));
    p->type[j] = (unsigned)PQftype(r, col[j]);
    if (!cols[j]) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
  }
out:
  if (r) PQclear(r);
  kw_free(ctx, sql);
  if (st) prep_close(ctx, p);
  return st;
}

/* A date column as a date: a date column as it is, a timestamp's day, an
 * integer yyyymmdd, text in ISO form. */
static void date_expr(char *out, size_t cap, const char *col, unsigned type) {
  if (type == OID_DATE)
    snprintf(out, cap, "%s", col);
  else if (type == OID_INT4 || type == OID_INT8 || type == OID_INT2)
    snprintf(out, cap, "to_date(%s::text, 'YYYYMMDD')", col);
  else
    snprintf(out, cap, "%s::date", col);
}

/* The columns of the transactions table prep_open recognises; with
 * `more` also the product, category and discount (the analysis's
 * summary). */
enum { C_CUST, C_DATE, C_AMOUNT, C_INVOICE, C_COST, C_MARGIN, C__N,
       C_PRODUCT = C__N, C_CATEGORY, C_DISCOUNT, C__MORE };

/* The transactions table with the placeholders of the statements filled. */
static kw_status prep_open_cols(kw_context *ctx, const kw_load_options *o,
                                prep *p, bool more) {
  static const kw_role want[C__MORE] = {
      KW_ROLE_CUSTOMER, KW_ROLE_DATE,    KW_ROLE_AMOUNT,
      KW_ROLE_INVOICE,  KW_ROLE_COST,    KW_ROLE_MARGIN,
      KW_ROLE_PRODUCT,  KW_ROLE_CATEGORY, KW_ROLE_DISCOUNT};
  kw_status st = prep_find(ctx, o, KW_TABLE_TRANSACTIONS, want,
                           more ? C__MORE : C__N, 3, p);
  if (st) return st;
  char **cols = p->cols;
  char *day = p->day;
  date_expr(day, sizeof p->day, cols[C_DATE], p->type[C_DATE]);
  char *inv = p->inv, *cost = p->cost, *orders = p->orders;
  snprintf(inv, sizeof p->inv, "%s%s", cols[C_INVOICE] ? cols[C_INVOICE] : "NULL",
           "::text");
  if (cols[C_COST] && cols[C_MARGIN])
    snprintf(cost, sizeof p->cost,
             "coalesce(round(%s * 100)::bigint, round({amount} * 100)::bigint "
             "- round(%s * 100)::bigint)",
             cols[C_COST], cols[C_MARGIN]);
  else if (cols[C_COST])
    snprintf(cost, sizeof p->cost, "round(%s * 100)::bigint", cols[C_COST]);
  else if (cols[C_MARGIN])
    snprintf(cost, sizeof p->cost,
             "round({amount} * 100)::bigint - round(%s * 100)::bigint",
             cols[C_MARGIN]);
  else
    snprintf(cost, sizeof p->cost, "NULL::bigint");
  snprintf(orders, sizeof p->orders, "%s", cols[C_INVOICE] ? "inv" : "day");
  static const char *const names[] = {
      "cust", "day", "amount", "invoice", "cost", "from", "orders", "lines",
      "summary", "as_of", "pday", "pfirst"};
  const char *vals[] = {cols[C_CUST], day,    cols[C_AMOUNT], inv,
                        cost,         p->from, orders, kw_pg_sql("lines"),
                        kw_pg_sql("summary"), NULL, NULL, NULL};
  memcpy(p->names, names, sizeof names);
  memcpy(p->vals, vals, sizeof vals);
  p->n = 9; /* as_of and the period expressions are set by the caller */
  p->has_invoice = cols[C_INVOICE] != NULL;
  p->has_cost = cols[C_COST] || cols[C_MARGIN];
  return KW_OK;
}

static kw_status prep_open(kw_context *ctx, const kw_load_options *o,
                           prep *p) {
  return prep_open_cols(ctx, o, p, false);
}

/* Run a statement without a result set (BEGIN, DECLARE, CLOSE, COMMIT). */
static kw_status exec_cmd(kw_context *ctx, PGconn *c, const char *sql,
                          const char *what, const char *masked, int lang) {
  PGresult *r = PQexec(c, sql);
  kw_status st = KW_OK;
  if (PQresultStatus(r) != PGRES_COMMAND_OK)
    st = kw_pg_fail_result(ctx, what, masked, r, c, lang);
  PQclear(r);
  return st;
}

/* Opens the read-only transaction and declares the cursor of statement q
 * (owned, freed here; NULL: out of memory). *in_tx says whether the
 * transaction began, for the caller's rollback. */
static kw_status open_cursor(kw_context *ctx, PGconn *c, char *q,
                             const char *what, const char *masked, int lang,
                             bool *in_tx) {
  if (!q) return kw_fail_nomem(ctx);
  kw_status st = exec_cmd(ctx, c, "BEGIN READ ONLY", what, masked, lang);
  *in_tx = st == KW_OK;
  if (!st) st = exec_cmd(ctx, c, q, what, masked, lang);
  kw_free(ctx, q);
  return st;
}


/* Grow the per-customer arrays of ow to hold cap rows. */
static bool grow(kw_context *ctx, owned *ow, size_t cap) {
  void **arrs[] = {(void **)&ow->first,   (void **)&ow->last,
                   (void **)&ow->orders,  (void **)&ow->days,
                   (void **)&ow->lines,   (void **)&ow->revenue,
                   (void **)&ow->cost,    (void **)&ow->ids};
  const size_t sz[] = {sizeof *ow->first,   sizeof *ow->last,
                       sizeof *ow->orders,  sizeof *ow->days,
                       sizeof *ow->lines,   sizeof *ow->revenue,
                       sizeof *ow->cost,    sizeof *ow->ids};
  for (size_t k = 0; k < sizeof arrs / sizeof *arrs; k++) {
    void *nv = kw_realloc(ctx, *arrs[k], cap * sz[k]);
    if (!nv) return false;
    *arrs[k] = nv;
  }
  return true;
}

typedef struct pat_key {
  double x, t_x, T;
} pat_key;

static int pat_cmp(const void *pa, const void *pb) {
  const pat_key *a = pa, *b = pb;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  if (a->t_x != b->t_x) return a->t_x < b->t_x ? -1 : 1;
  if (a->T != b->T) return a->T < b->T ? -1 : 1;
  return 0;
}

/* The pattern counts of the n customers of ow, ordered by (x, t_x, T). */
static kw_status count_patterns(kw_context *ctx, owned *ow, size_t n) {
  pat_key *k = kw_malloc(ctx, (n ? n : 1) * sizeof *k);
  if (!k) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < n; i++)
    k[i] = (pat_key){ow->x[i], ow->t_x[i], ow->T[i]};
  qsort(k, n, sizeof *k, pat_cmp);
  size_t np = 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || pat_cmp(&k[i], &k[i - 1]) != 0) np++;
  size_t mp = np ? np : 1;
  ow->px = kw_calloc(ctx, mp, sizeof *ow->px);
  ow->pt_x = kw_calloc(ctx, mp, sizeof *ow->pt_x);
  ow->pT = kw_calloc(ctx, mp, sizeof *ow->pT);
  ow->pcount = kw_calloc(ctx, mp, sizeof *ow->pcount);
  if (!ow->px || !ow->pt_x || !ow->pT || !ow->pcount) {
    kw_free(ctx, k);
    return kw_fail_nomem(ctx);
  }
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && pat_cmp(&k[i], &k[i - 1]) == 0) {
      ow->pcount[j - 1]++;
      continue;
    }
    ow->px[j] = k[i].x;
    ow->pt_x[j] = k[i].t_x;
    ow->pT[j] = k[i].T;
    ow->pcount[j++] = 1;
  }
  ow->pub.n_patterns = np;
  kw_free(ctx, k);
  return KW_OK;
}

/* The names and values of prep p with {where} and {pas_of} added. */
typedef struct sum_fill {
  const char *names[12];
  const char *vals[12];
  char where[96];
} sum_fill;

static void sum_fill_init(sum_fill *f, const prep *p, int32_t as_of) {
  for (int i = 0; i < 9; i++) f->names[i] = p->names[i], f->vals[i] = p->vals[i];
  f->names[9] = "where";
  f->names[10] = "pas_of";
  f->vals[9] = f->where;
  f->vals[10] = "(SELECT max(maxday) FROM s)";
  f->where[0] = '\0';
  if (as_of != KW_NA_DATE)
    snprintf(f->where, sizeof f->where,
             "WHERE day <= DATE '1970-01-01' + %ld", (long)as_of);
}

kw_status kw_pg_pushdown_summary(kw_context *ctx, const kw_load_options *o,
                                 int32_t as_of, kw_pg_summary **out) {
  *out = NULL;
  prep pp;
  kw_status st = prep_open(ctx, o, &pp);
  if (st) return st;
  PGconn *c = pp.c;
  const char *spec = pp.spec, *masked = pp.masked;
  sum_fill sf;
  sum_fill_init(&sf, &pp, as_of);
  PGresult *r = NULL;
  owned *ow = kw_calloc(ctx, 1, sizeof *ow);
  kw_buf ids;
  kw_buf_init(&ids, 1);
  size_t *idoff = NULL;
  bool in_tx = false;
  if (!ow) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  /* one statement, one scan; read through a cursor so that the client
   * holds one batch of rows at a time besides the arrays */
  char *q = fill(ctx,
                 "DECLARE kw_sum NO SCROLL CURSOR FOR "
                 "{summary} ORDER BY cust COLLATE \"C\"",
                 sf.names, sf.vals, 11, 0);
  st = open_cursor(ctx, c, q, spec, masked, o->lang, &in_tx);
  if (st) goto out;
  size_t n = 0, cap = 0;
  int32_t maxday = INT32_MIN;
  for (;;) {
    st = exec_tuples(ctx, c, "FETCH " KW_PG_STR(SUMMARY_FETCH) " FROM kw_sum",
                     spec, masked, o->lang, &r);
    if (st) goto out;
    int nt = PQntuples(r);
    if (nt == 0) break;
    for (int k = 0; k < nt; k++) {
      if (!PQgetisnull(r, k, 8)) {
        int32_t md = (int32_t)atol(PQgetvalue(r, k, 8));
        if (md > maxday) maxday = md;
      }
      if (PQgetisnull(r, k, 1)) continue; /* no purchase */
      if (n == cap) {
        size_t nc = cap ? 2 * cap : 1024;
        size_t *no = kw_realloc(ctx, idoff, nc * sizeof *idoff);
        if (no) idoff = no;
        if (!no || !grow(ctx, ow, nc)) {
          st = kw_fail_nomem(ctx);
          goto out;
        }
        cap = nc;
      }
      idoff[n] = ids.len;
      const char *id = PQgetvalue(r, k, 0);
      for (size_t l = 0, L = (size_t)PQgetlength(r, k, 0); l <= L; l++)
        if (kw_buf_push(ctx, &ids, id + l)) {
          st = kw_fail_nomem(ctx);
          goto out;
        }
      ow->first[n] = (int32_t)atol(PQgetvalue(r, k, 1));
      ow->last[n] = (int32_t)atol(PQgetvalue(r, k, 2));
      ow->orders[n] = (uint32_t)strtoul(PQgetvalue(r, k, 3), NULL, 10);
      ow->days[n] = (uint32_t)strtoul(PQgetvalue(r, k, 4), NULL, 10);
      ow->lines[n] = (uint32_t)strtoul(PQgetvalue(r, k, 5), NULL, 10);
      ow->revenue[n] = strtoll(PQgetvalue(r, k, 6), NULL, 10);
      ow->cost[n] = strtoll(PQgetvalue(r, k, 7), NULL, 10);
      n++;
    }
    PQclear(r);
    r = NULL;
  }
  PQclear(r);
  r = NULL;
  st = exec_cmd(ctx, c, "CLOSE kw_sum", spec, masked, o->lang);
  if (!st) st = exec_cmd(ctx, c, "COMMIT", spec, masked, o->lang);
  in_tx = false;
  if (st) goto out;
  if (as_of == KW_NA_DATE) as_of = maxday == INT32_MIN ? 0 : maxday;
  size_t m = n ? n : 1;
  if (!grow(ctx, ow, m)) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  char z = '\0';
  if (kw_buf_push(ctx, &ids, &z)) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  ow->idbuf = kw_buf_take(ctx, &ids);
  ow->x = kw_calloc(ctx, m, sizeof *ow->x);
  ow->t_x = kw_calloc(ctx, m, sizeof *ow->t_x);
  ow->T = kw_calloc(ctx, m, sizeof *ow->T);
  if (!ow->idbuf || !ow->x || !ow->t_x || !ow->T) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  kw_pg_summary *sm = &ow->pub;
  for (size_t i = 0; i < n; i++) {
    ow->ids[i] = ow->idbuf + idoff[i];
    ow->x[i] = (double)ow->days[i] - 1;
    ow->t_x[i] = (double)(ow->last[i] - ow->first[i]);
    ow->T[i] = (double)(as_of - ow->first[i]);
    sm->total_revenue += ow->revenue[i];
    sm->total_lines += ow->lines[i];
  }
  st = count_patterns(ctx, ow, n);
  if (st) goto out;
  sm->n = n;
  sm->as_of = as_of;
  sm->has_invoice = pp.has_invoice;
  sm->has_cost = pp.has_cost;
  sm->ids = (const char *const *)ow->ids;
  sm->first = ow->first;
  sm->last = ow->last;
  sm->orders = ow->orders;
  sm->days = ow->days;
  sm->lines = ow->lines;
  sm->revenue = ow->revenue;
  sm->cost = ow->cost;
  sm->x = ow->x;
  sm->t_x = ow->t_x;
  sm->T = ow->T;
  sm->px = ow->px;
  sm->pt_x = ow->pt_x;
  sm->pT = ow->pT;
  sm->pcount = ow->pcount;
  *out = sm;
  ow = NULL;
out:
  if (r) PQclear(r);
  if (in_tx) {
    PGresult *rb = PQexec(c, "ROLLBACK");
    PQclear(rb);
  }
  kw_buf_free(ctx, &ids);
  kw_free(ctx, idoff);
  if (ow) kw_pg_summary_free(ctx, &ow->pub);
  prep_close(ctx, &pp);
  return st;
}

kw_status kw_pg_pushdown_patterns(kw_context *ctx, const kw_load_options *o,
                                  int32_t as_of, kw_pg_summary **out) {
  *out = NULL;
  prep pp;
  kw_status st = prep_open(ctx, o, &pp);
  if (st) return st;
  sum_fill sf;
  sum_fill_init(&sf, &pp, as_of);
  char as_s[32];
  if (as_of != KW_NA_DATE) {
    snprintf(as_s, sizeof as_s, "%ld", (long)as_of);
    sf.vals[10] = as_s;
  }
  PGresult *r = NULL;
  owned *ow = kw_calloc(ctx, 1, sizeof *ow);
  sf.names[11] = "patterns";
  sf.vals[11] = kw_pg_sql("patterns");
  if (!ow) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  st = fill_exec(ctx, &pp, "{patterns}", sf.names, sf.vals, 12, o->lang, &r);
  if (st) goto out;
  size_t np = (size_t)PQntuples(r), mp = np ? np : 1;
  ow->px = kw_calloc(ctx, mp, sizeof *ow->px);
  ow->pt_x = kw_calloc(ctx, mp, sizeof *ow->pt_x);
  ow->pT = kw_calloc(ctx, mp, sizeof *ow->pT);
  ow->pcount = kw_calloc(ctx, mp, sizeof *ow->pcount);
  if (!ow->px || !ow->pt_x || !ow->pT || !ow->pcount) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  for (size_t i = 0; i < np; i++) {
    ow->px[i] = atof(PQgetvalue(r, (int)i, 0));
    ow->pt_x[i] = atof(PQgetvalue(r, (int)i, 1));
    ow->pT[i] = atof(PQgetvalue(r, (int)i, 2));
    ow->pcount[i] = strtoull(PQgetvalue(r, (int)i, 3), NULL, 10);
  }
  kw_pg_summary *sm = &ow->pub;
  sm->as_of = as_of;
  sm->has_invoice = pp.has_invoice;
  sm->has_cost = pp.has_cost;
  sm->n_patterns = np;
  sm->px = ow->px;
  sm->pt_x = ow->pt_x;
  sm->pT = ow->pT;
  sm->pcount = ow->pcount;
  *out = sm;
  ow = NULL;
out:
  if (r) PQclear(r);
  if (ow) kw_pg_summary_free(ctx, &ow->pub);
  prep_close(ctx, &pp);
  return st;
}

/* ------------------------------------------------------------ cohorts */

/* The calendar month number year * 12 + month of a date expression e,
 * from the day number by integer arithmetic (the days-to-civil method of
 * H. Hinnant, valid from 0000-03-01 on): extract() and date_part() would
 * do, but postgres_fdw does not ship them to a shard, which then sends
 * its lines instead of its aggregates. */
static void month_expr(char *out, size_t cap, const char *e) {
  char z[128], doe[160], yoe[800], doy[3200], mp[3300];
  snprintf(z, sizeof z, "(%s - DATE '1970-01-01' + 719468)", e);
  snprintf(doe, sizeof doe, "(%s %% 146097)", z);
  snprintf(yoe, sizeof yoe, "((%s - %s / 1460 + %s / 36524 - %s / 146096) / 365)",
           doe, doe, doe, doe);
  snprintf(doy, sizeof doy, "(%s - (365 * %s + %s / 4 - %s / 100))", doe, yoe,
           yoe, yoe);
  snprintf(mp, sizeof mp, "((5 * %s + 2) / 153)", doy);
  snprintf(out, cap, "((%s + 400 * (%s / 146097)) * 12 + %s + 3)", yoe, z, mp);
}

/* The period number of a date expression e (consecutive periods have
 * consecutive numbers, as kw_period_index): calendar months
 * (year * 12 + month) and quarters (year * 4 + (month - 1) / 3), weeks
 * from Monday. Only integer arithmetic on dates, which postgres_fdw ships
 * to the shards. */
static void period_expr(char *out, size_t cap, kw_period_unit u,
                        const char *e) {
  char m[4600];
  if (u == KW_PERIOD_WEEK) {
    snprintf(out, cap, "(((%s - DATE '1970-01-05') + 7000000) / 7)", e);
    return;
  }
  month_expr(m, sizeof m, e);
  if (u == KW_PERIOD_QUARTER)
    snprintf(out, cap, "(((%s - 1) / 12) * 4 + ((%s - 1) %% 12) / 3)", m, m);
  else
    snprintf(out, cap, "%s", m);
}

kw_status kw_pg_pushdown_cohorts(kw_context *ctx, const kw_load_options *o,
                                 const kw_cohort_options *co,
                                 kw_cohorts **out) {
  *out = NULL;
  kw_cohort_options defaults;
  if (!co) {
    kw_cohort_options_init(&defaults);
    co = &defaults;
  }
  if ((unsigned)co->period > KW_PERIOD_QUARTER)
    return kw_fail(ctx, KW_EARG, "unknown period unit %d", (int)co->period);
  prep pp;
  kw_status st = prep_open(ctx, o, &pp);
  if (st) return st;
  int32_t as_of = co->as_of;
  PGresult *r = NULL;
  kw_cohort_cell *cell = NULL;
  char pday[9600], pfirst[9600], where[96] = "";
  if (as_of != KW_NA_DATE)
    snprintf(where, sizeof where, "WHERE day <= DATE '1970-01-01' + %ld",
             (long)as_of);
  pp.names[9] = "where";
  pp.vals[9] = where;
  period_expr(pday, sizeof pday, co->period, "day");
  period_expr(pfirst, sizeof pfirst, co->period, "fd");
  pp.vals[10] = pday;
  pp.vals[11] = pfirst;
  st = fill_exec(ctx, &pp, kw_pg_sql("cohorts"), pp.names, pp.vals,
                 12, o->lang, &r);
  if (st) goto out;
  size_t n = (size_t)PQntuples(r);
  cell = kw_calloc(ctx, n ? n : 1, sizeof *cell);
  if (!cell) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  size_t nc = 0;
  int32_t maxday = KW_NA_DATE;
  for (size_t i = 0; i < n; i++) {
    int k = (int)i;
    if (PQgetisnull(r, k, 1)) { /* the last date */
      if (!PQgetisnull(r, k, 0)) maxday = (int32_t)atol(PQgetvalue(r, k, 0));
      continue;
    }
    long age = atol(PQgetvalue(r, k, 1));
    if (age < 0) {
      st = kw_fail(ctx, KW_EINPUT, "cohorts: negative age from the database");
      goto out;
    }
    kw_cohort_cell *ce = &cell[nc++];
    ce->cohort_day = (int32_t)atol(PQgetvalue(r, k, 0));
    ce->age = (uint32_t)age;
    ce->active = strtoull(PQgetvalue(r, k, 2), NULL, 10);
    ce->last = strtoull(PQgetvalue(r, k, 3), NULL, 10);
    ce->revenue = PQgetisnull(r, k, 4) ? 0
                  : strtoll(PQgetvalue(r, k, 4), NULL, 10);
  }
  if (as_of == KW_NA_DATE) as_of = maxday == KW_NA_DATE ? 0 : maxday;
  st = kw_cohorts_from_cells(ctx, co->period, as_of, cell, nc, out);
out:
  if (r) PQclear(r);
  kw_free(ctx, cell);
  prep_close(ctx, &pp);
  return st;
}

/* ------------------------------------------------------------- ageing */

typedef struct owned_age {
  kw_pg_ageing pub;
  char *idbuf;
  char **ids;
  int64_t *v[8]; /* open, credit, overdue, the five buckets */
  int32_t *max_over;
  /* behaviour: invoices, settled, settled_late, errors; late_share,
   * days_to_pay, days_late; invoiced; pay_class */
  uint32_t *u[4];
  double *d[3];
  int64_t *invoiced;
  uint8_t *klass;
} owned_age;

void kw_pg_ageing_free(kw_context *ctx, kw_pg_ageing *a) {
  if (!a) return;
  owned_age *o = (owned_age *)a;
  kw_free(ctx, o->idbuf);
  kw_free(ctx, o->ids);
  for (int k = 0; k < 8; k++) kw_free(ctx, o->v[k]);
  kw_free(ctx, o->max_over);
  for (int k = 0; k < 4; k++) kw_free(ctx, o->u[k]);
  for (int k = 0; k < 3; k++) kw_free(ctx, o->d[k]);
  kw_free(ctx, o->invoiced);
  kw_free(ctx, o->klass);
  kw_free(ctx, o);
}

static double ratio(double a, double b) { return b != 0 ? a / b : 0; }

/* The payers statement's rows r (ordered as the ageing's rows of ow) into
 * the behaviour of ow, classified with po's thresholds. */
static kw_status behaviour(kw_context *ctx, owned_age *ow, const PGresult *r,
                           const kw_payments_options *po) {
  kw_pg_ageing *a = &ow->pub;
  size_t n = a->n, m = n ? n : 1;
  if ((size_t)PQntuples(r) != n)
    return kw_fail(ctx, KW_EINPUT,
                   "payments: the ageing and the payers differ in customers");
  bool okm = true;
  for (int k = 0; k < 4 && okm; k++)
    okm = (ow->u[k] = kw_calloc(ctx, m, sizeof *ow->u[k])) != NULL;
  for (int k = 0; k < 3 && okm; k++)
    okm = (ow->d[k] = kw_calloc(ctx, m, sizeof *ow->d[k])) != NULL;
  if (okm) okm = (ow->invoiced = kw_calloc(ctx, m, sizeof *ow->invoiced));
  if (okm) okm = (ow->klass = kw_calloc(ctx, m, sizeof *ow->klass));
  if (!okm) return kw_fail_nomem(ctx);
  double pw = 0, ps = 0, lw = 0, ls = 0;
  for (size_t i = 0; i < n; i++) {
    int k = (int)i;
    if (strcmp(PQgetvalue(r, k, 0), a->ids[i]) != 0)
      return kw_fail(ctx, KW_EINPUT,
                     "payments: the ageing and the payers differ in order");
    double w[4];
    for (int j = 0; j < 4; j++) w[j] = strtod(PQgetvalue(r, k, 1 + j), NULL);
    ow->invoiced[i] = strtoll(PQgetvalue(r, k, 5), NULL, 10);
    a->invoiced_recent += strtoll(PQgetvalue(r, k, 6), NULL, 10);
    bool buyer = PQgetvalue(r, k, 7)[0] == 't';
    uint32_t err = (uint32_t)(strtoul(PQgetvalue(r, k, 8), NULL, 10) +
                              strtoul(PQgetvalue(r, k, 9), NULL, 10));
    ow->u[0][i] = (uint32_t)strtoul(PQgetvalue(r, k, 10), NULL, 10);
    ow->u[1][i] = (uint32_t)strtoul(PQgetvalue(r, k, 11), NULL, 10);
    ow->u[2][i] = (uint32_t)strtoul(PQgetvalue(r, k, 12), NULL, 10);
    ow->u[3][i] = err;
    a->n_credit_notes += strtoul(PQgetvalue(r, k, 13), NULL, 10);
    ow->d[0][i] = ratio(ow->u[2][i], ow->u[1][i]);
    ow->d[1][i] = ratio(w[1], w[0]);
    ow->d[2][i] = ratio(w[3], w[2]);
    pw += w[0], ps += w[1], lw += w[2], ls += w[3];
    a->n_invoices += ow->u[0][i];
    a->n_settled += ow->u[1][i];
    a->n_settled_late += ow->u[2][i];
    a->invoiced_total += ow->invoiced[i];
    a->errors_total += err;
    kw_pay_class c = KW_PAY_NONE;
    if (buyer) {
      a->n_customers++;
      c = kw_pay_classify(po, ow->d[2][i], ow->max_over[i]);
    }
    ow->klass[i] = (uint8_t)c;
    a->n_class[c]++;
  }
  a->days_to_pay_all = ratio(ps, pw);
  a->days_late_all = ratio(ls, lw);
  a->late_share_all = ratio((double)a->n_settled_late, (double)a->n_settled);
  a->dso_days = po->dso_days;
  a->dso_defined = a->invoiced_recent > 0;
  if (a->dso_defined)
    a->dso = (double)a->open_total / (double)a->invoiced_recent *
             (double)po->dso_days;
  a->has_behaviour = true;
  a->invoices = ow->u[0];
  a->settled = ow->u[1];
  a->settled_late = ow->u[2];
  a->errors = ow->u[3];
  a->late_share = ow->d[0];
  a->days_to_pay = ow->d[1];
  a->days_late = ow->d[2];
  a->invoiced = ow->invoiced;
  a->pay_class = ow->klass;
  return KW_OK;
}

static kw_status pushdown_ageing(kw_context *ctx, const kw_load_options *o,
                                 int32_t as_of, int default_terms,
                                 const kw_payments_options *po,
                                 kw_pg_ageing **out) {
  *out = NULL;
  enum { I_CUST, I_DATE, I_AMOUNT, I_PAID, I_INVOICE, I_DUE, I_TERMS, I__N };
  static const kw_role want[I__N] = {
      KW_ROLE_CUSTOMER, KW_ROLE_DATE,     KW_ROLE_AMOUNT, KW_ROLE_PAID_DATE,
      KW_ROLE_INVOICE,  KW_ROLE_DUE_DATE, KW_ROLE_TERMS};
  if (default_terms < 0 || default_terms > 36500)
    return kw_fail(ctx, KW_EARG, "payments: default terms out of range");
  prep pp;
  kw_status st = prep_find(ctx, o, KW_TABLE_INVOICES, want, I__N, 4, &pp);
  if (st) return st;
  char **cols = pp.cols;
  char day[300], paid[300], due[2000], inv[300], as_of_s[32];
  date_expr(day, sizeof day, cols[I_DATE], pp.type[I_DATE]);
  date_expr(paid, sizeof paid, cols[I_PAID], pp.type[I_PAID]);
  snprintf(inv, sizeof inv, "%s::text", cols[I_INVOICE] ? cols[I_INVOICE]
                                                        : "NULL");
  {
    /* the due date, else date + terms, else date + the default terms: a
     * CASE, since postgres_fdw ships CASE but not coalesce() to a shard
     * (with coalesce the shards sent their rows, not their aggregates) */
    char dd[700] = "", td[800] = "";
    if (cols[I_DUE]) {
      char de[300];
      date_expr(de, sizeof de, cols[I_DUE], pp.type[I_DUE]);
      snprintf(dd, sizeof dd, "WHEN %s IS NOT NULL THEN %s ", de, de);
    }
    if (cols[I_TERMS])
      snprintf(td, sizeof td, "WHEN abs(%s) < 36500 THEN %s + round(%s)::int ",
               cols[I_TERMS], day, cols[I_TERMS]);
    if (dd[0] || td[0])
      snprintf(due, sizeof due, "CASE %s%sELSE %s + %d END", dd, td, day,
               default_terms);
    else
      snprintf(due, sizeof due, "(%s + %d)", day, default_terms);
  }
  const char *names[] = {"cust", "day",  "amount",       "paid",  "due",
                         "inv",  "from", "invoice_rows", "as_of", "ageing",
                         "dso_from"};
  const char *vals[] = {cols[I_CUST], day,     cols[I_AMOUNT],
                        paid,         due,     inv,
                        pp.from,      kw_pg_sql("invoice_rows"), NULL, NULL,
                        NULL};
  PGresult *r = NULL;
  owned_age *ow = NULL;
  if (as_of == KW_NA_DATE) {
    st = day_of(ctx, &pp, "invoice_as_of", names, vals, 8, o->lang,
                "load.err.pg_no_invoice_date", &as_of);
    if (st) goto out;
  }
  snprintf(as_of_s, sizeof as_of_s, "%ld", (long)as_of);
  vals[8] = as_of_s;
  if (cols[I_INVOICE]) {
    st = fill_exec(ctx, &pp, kw_pg_sql("invoice_conflicts"), names, vals,
                   9, o->lang, &r);
    if (st) goto out;
    long nc = atol(PQgetvalue(r, 0, 0));
    PQclear(r);
    r = NULL;
    if (nc > 0) {
      st = kw_io_fail(ctx, KW_EINPUT, o->lang, "", "pg.invoice_conflict",
                      "what", pp.spec, "n", KW_NUM_I(nc), NULL);
      goto out;
    }
  }
  vals[9] = kw_pg_sql("ageing");
  st = fill_exec(ctx, &pp, "{ageing} ORDER BY cust COLLATE \"C\"", names, vals,
                 10, o->lang, &r);
  if (st) goto out;
  size_t n = (size_t)PQntuples(r), m = n ? n : 1, idbytes = 1;
  for (size_t i = 0; i < n; i++)
    idbytes += (size_t)PQgetlength(r, (int)i, 0) + 1;
  ow = kw_calloc(ctx, 1, sizeof *ow);
  bool okm = ow != NULL;
  if (okm) {
    ow->idbuf = kw_malloc(ctx, idbytes);
    ow->ids = kw_calloc(ctx, m, sizeof *ow->ids);
    ow->max_over = kw_calloc(ctx, m, sizeof *ow->max_over);
    okm = ow->idbuf && ow->ids && ow->max_over;
    for (int k = 0; k < 8 && okm; k++) {
      ow->v[k] = kw_calloc(ctx, m, sizeof *ow->v[k]);
      okm = ow->v[k] != NULL;
    }
  }
  if (!okm) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  kw_pg_ageing *a = &ow->pub;
  char *idp = ow->idbuf;
  for (size_t i = 0; i < n; i++) {
    int k = (int)i;
    size_t l = (size_t)PQgetlength(r, k, 0);
    memcpy(idp, PQgetvalue(r, k, 0), l);
    idp[l] = '\0';
    ow->ids[i] = idp;
    idp += l + 1;
    for (int j = 0; j < 8; j++)
      ow->v[j][i] = strtoll(PQgetvalue(r, k, 1 + j), NULL, 10);
    ow->max_over[i] = (int32_t)atol(PQgetvalue(r, k, 9));
    a->open_total += ow->v[0][i];
    a->credit_total += ow->v[1][i];
    a->overdue_total += ow->v[2][i];
    for (int j = 0; j < KW_AGE__COUNT; j++)
      a->ageing_total[j] += ow->v[3 + j][i];
  }
  a->n = n;
  a->as_of = as_of;
  a->ids = (const char *const *)ow->ids;
  a->open = ow->v[0];
  a->credit = ow->v[1];
  a->overdue = ow->v[2];
  for (int j = 0; j < KW_AGE__COUNT; j++) a->ageing[j] = ow->v[3 + j];
  a->max_overdue_days = ow->max_over;
  if (po) { /* the behaviour: a second statement, one row per customer */
    PQclear(r);
    r = NULL;
    char dso_from[64];
    snprintf(dso_from, sizeof dso_from, "DATE '1970-01-01' + %ld",
             (long)as_of - po->dso_days + 1);
    vals[9] = kw_pg_sql("payers");
    vals[10] = dso_from;
    st = fill_exec(ctx, &pp, "{ageing} ORDER BY cust COLLATE \"C\"", names,
                   vals, 11, o->lang, &r);
    if (!st) st = behaviour(ctx, ow, r, po);
    if (st) goto out;
  }
  *out = a;
  ow = NULL;
out:
  if (r) PQclear(r);
  if (ow) kw_pg_ageing_free(ctx, &ow->pub);
  prep_close(ctx, &pp);
  return st;
}

kw_status kw_pg_pushdown_ageing(kw_context *ctx, const kw_load_options *o,
                                int32_t as_of, int default_terms,
                                kw_pg_ageing **out) {
  return pushdown_ageing(ctx, o, as_of, default_terms, NULL, out);
}

kw_status kw_pg_pushdown_payments(kw_context *ctx, const kw_load_options *o,
                                  const kw_payments_options *po,
                                  kw_pg_ageing **out) {
  *out = NULL;
  kw_payments_options def;
  if (!po) {
    kw_payments_options_init(&def);
    po = &def;
  }
  if (po->dso_days < 1 || po->dso_days > 36500)
    return kw_fail(ctx, KW_EARG, "payments: DSO window out of range");
  return pushdown_ageing(ctx, o, po->as_of, po->default_terms, po, out);
}

kw_status kw_pg_pushdown_clv_data(kw_context *ctx, const kw_load_options *o,
                                  int32_t as_of, kw_unit unit,
                                  kw_clv_data **out) {
  *out = NULL;
  kw_pg_summary *s = NULL;
  kw_status st = kw_pg_pushdown_patterns(ctx, o, as_of, &s);
  if (st) return st;
  size_t n = s->n_patterns, m = n ? n : 1;
  double *a = kw_malloc(ctx, 4 * m * sizeof *a);
  if (!a) {
    kw_pg_summary_free(ctx, s);
    return kw_fail_nomem(ctx);
  }
  double *x = a, *tx = a + m, *T = a + 2 * m, *w = a + 3 * m;
  const double u = kw_unit_days(unit);
  for (size_t i = 0; i < n; i++) {
    x[i] = s->px[i];
    tx[i] = s->pt_x[i] / u;
    T[i] = s->pT[i] / u;
    w[i] = (double)s->pcount[i];
  }
  st = kw_clv_data_from_patterns(ctx, x, tx, T, w, n, out);
  kw_free(ctx, a);
  kw_pg_summary_free(ctx, s);
  return st;
}

/* ------------------------------------------------------------ analyze */

/* A customer id of a statement's row as the dataset's dictionary holds
 * it; KW_EINPUT when it holds no such customer. */
static kw_status customer_id(kw_context *ctx, const kw_dict *d, size_t n,
                             const char *s, size_t len, const char *what,
                             int lang, uint32_t *id) {
  *id = kw_dict_find(d, s, len);
  if (*id == KW_NA_ID || *id >= n) {
    char cut[84];
    snprintf(cut, sizeof cut, "%.80s", s);
    return kw_io_fail(ctx, KW_EINPUT, lang, "", "pg.unknown_customer", "what",
                      what, "id", cut, NULL);
  }
  return KW_OK;
}

/* The analysis's per-customer summary (kw_analyze_source.summary): one
 * statement ("analyze_summary") read through a cursor, one row per
 * customer with a line up to as_of, written at its dictionary id. */
static kw_status analyze_summary(kw_context *ctx, const kw_load_options *o,
                                 int32_t as_of, kw_source_summary *out) {
  prep pp;
  kw_status st = prep_open_cols(ctx, o, &pp, true);
  if (st) return st;
  PGconn *c = pp.c;
  const char *spec = pp.spec, *masked = pp.masked;
  char prod[400], cat[400], disc[400], where[96] = "", as_s[32];
  if (pp.cols[C_PRODUCT])
    snprintf(prod, sizeof prod, "nullif(%s::text, '')", pp.cols[C_PRODUCT]);
  else
    snprintf(prod, sizeof prod, "NULL::text");
  if (pp.cols[C_CATEGORY])
    snprintf(cat, sizeof cat, "nullif(%s::text, '')", pp.cols[C_CATEGORY]);
  else
    snprintf(cat, sizeof cat, "NULL::text");
  if (pp.cols[C_DISCOUNT])
    snprintf(disc, sizeof disc, "round(%s * 100)::bigint",
             pp.cols[C_DISCOUNT]);
  else
    snprintf(disc, sizeof disc, "NULL::bigint");
  if (as_of != KW_NA_DATE)
    snprintf(where, sizeof where, "WHERE day <= DATE '1970-01-01' + %ld",
             (long)as_of);
  snprintf(as_s, sizeof as_s, "%ld", (long)as_of);
  const char *names[20], *vals[20];
  size_t nn = 0;
  for (size_t i = 0; i < 9; i++) names[nn] = pp.names[i], vals[nn++] = pp.vals[i];
  names[nn] = "where", vals[nn++] = where;
  names[nn] = "prod", vals[nn++] = prod;
  names[nn] = "cat", vals[nn++] = cat;
  names[nn] = "disc", vals[nn++] = disc;
  names[nn] = "analyze_lines", vals[nn++] = kw_pg_sql("analyze_lines");
  names[nn] = "analyze_summary", vals[nn++] = kw_pg_sql("analyze_summary");
  names[nn] = "as_of", vals[nn++] = as_s;
  PGresult *r = NULL;
  bool in_tx = false;
  char *q = fill(ctx, "DECLARE kw_asum NO SCROLL CURSOR FOR {analyze_summary}",
                 names, vals, nn, 0);
  st = open_cursor(ctx, c, q, spec, masked, o->lang, &in_tx);
  if (st) goto out;
  int32_t maxday = INT32_MIN;
  for (;;) {
    st = exec_tuples(ctx, c, "FETCH " KW_PG_STR(SUMMARY_FETCH) " FROM kw_asum",
                     spec, masked, o->lang, &r);
    if (st) goto out;
    int nt = PQntuples(r);
    if (nt == 0) break;
    for (int k = 0; k < nt; k++) {
      uint32_t i;
      st = customer_id(ctx, out->customers, out->n, PQgetvalue(r, k, 0),
                       (size_t)PQgetlength(r, k, 0), spec, o->lang, &i);
      if (st) goto out;
      int32_t md = (int32_t)atol(PQgetvalue(r, k, 12));
      if (md > maxday) maxday = md;
      if (!PQgetisnull(r, k, 1)) {
        out->first[i] = (int32_t)atol(PQgetvalue(r, k, 1));
        out->last[i] = (int32_t)atol(PQgetvalue(r, k, 2));
      }
      out->orders[i] = (uint32_t)strtoul(PQgetvalue(r, k, 3), NULL, 10);
      out->days[i] = (uint32_t)strtoul(PQgetvalue(r, k, 4), NULL, 10);
      out->lines[i] = (uint32_t)strtoul(PQgetvalue(r, k, 5), NULL, 10);
      out->cost_lines[i] = (uint32_t)strtoul(PQgetvalue(r, k, 6), NULL, 10);
      out->revenue[i] = strtoll(PQgetvalue(r, k, 7), NULL, 10);
      out->cost[i] = strtoll(PQgetvalue(r, k, 8), NULL, 10);
      out->discount[i] = strtoll(PQgetvalue(r, k, 9), NULL, 10);
      out->n_products[i] = (uint32_t)strtoul(PQgetvalue(r, k, 10), NULL, 10);
      out->n_categories[i] =
          (uint32_t)strtoul(PQgetvalue(r, k, 11), NULL, 10);
      out->repeat_revenue[i] = strtoll(PQgetvalue(r, k, 13), NULL, 10);
    }
    PQclear(r);
    r = NULL;
  }
  PQclear(r);
  r = NULL;
  st = exec_cmd(ctx, c, "CLOSE kw_asum", spec, masked, o->lang);
  if (!st) st = exec_cmd(ctx, c, "COMMIT", spec, masked, o->lang);
  in_tx = false;
  if (st) goto out;
  out->lines_after = 0;
  if (as_of == KW_NA_DATE) {
    as_of = maxday == INT32_MIN ? 0 : maxday;
  } else {
    st = fill_exec(ctx, &pp, kw_pg_sql("lines_after"), names, vals, nn,
                   o->lang, &r);
    if (st) goto out;
    out->lines_after = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
  }
  out->as_of = as_of;
  out->has_invoice = pp.has_invoice;
  out->has_cost = pp.has_cost;
  out->has_product = pp.cols[C_PRODUCT] != NULL;
  out->has_category = pp.cols[C_CATEGORY] != NULL;
out:
  if (r) PQclear(r);
  if (in_tx) {
    PGresult *rb = PQexec(c, "ROLLBACK");
    PQclear(rb);
  }
  prep_close(ctx, &pp);
  return st;
}

/* The analysis's payment behaviour and ageing
 * (kw_analyze_source.payments): kw_pg_pushdown_payments's rows, written
 * at their dictionary ids, and its portfolio figures. */
static kw_status analyze_payments(kw_context *ctx, const kw_load_options *o,
                                  const kw_payments_options *po,
                                  kw_source_payments *out) {
  kw_pg_ageing *ag = NULL;
  kw_status st = kw_pg_pushdown_payments(ctx, o, po, &ag);
  if (st) return st;
  const char *what = o->db_tables[KW_TABLE_INVOICES]
                         ? o->db_tables[KW_TABLE_INVOICES]
                         : kw_table_kind_name(KW_TABLE_INVOICES);
  for (size_t j = 0; j < ag->n; j++) {
    uint32_t i;
    st = customer_id(ctx, out->customers, out->n, ag->ids[j],
                     strlen(ag->ids[j]), what, o->lang, &i);
    if (st) goto out;
    out->open[i] = ag->open[j];
    out->credit[i] = ag->credit[j];
    out->overdue[i] = ag->overdue[j];
    for (int k = 0; k < KW_AGE__COUNT; k++) out->ageing[k][i] = ag->ageing[k][j];
    out->max_overdue_days[i] = ag->max_overdue_days[j];
    out->invoices[i] = ag->invoices[j];
    out->settled[i] = ag->settled[j];
    out->settled_late[i] = ag->settled_late[j];
    out->errors[i] = ag->errors[j];
    out->late_share[i] = ag->late_share[j];
    out->days_to_pay[i] = ag->days_to_pay[j];
    out->days_late[i] = ag->days_late[j];
    out->invoiced[i] = ag->invoiced[j];
    out->pay_class[i] = ag->pay_class[j];
  }
  kw_payments_data *d = out->data;
  d->as_of = ag->as_of;
  d->n_customers = ag->n_customers;
  for (int k = 0; k < KW_PAY__COUNT; k++) d->n_class[k] = ag->n_class[k];
  d->n_invoices = ag->n_invoices;
  d->n_credit_notes = ag->n_credit_notes;
  d->n_settled = ag->n_settled;
  d->n_settled_late = ag->n_settled_late;
  d->late_share_all = ag->late_share_all;
  d->days_to_pay_all = ag->days_to_pay_all;
  d->days_late_all = ag->days_late_all;
  d->invoiced_total = ag->invoiced_total;
  d->invoiced_recent = ag->invoiced_recent;
  d->open_total = ag->open_total;
  d->credit_total = ag->credit_total;
  d->overdue_total = ag->overdue_total;
  for (int k = 0; k < KW_AGE__COUNT; k++) d->ageing_total[k] = ag->ageing_total[k];
  d->dso_defined = ag->dso_defined;
  d->dso = ag->dso;
  d->errors_total = ag->errors_total;
out:
  kw_pg_ageing_free(ctx, ag);
  return st;
}

static kw_status source_cohorts(void *user, kw_context *ctx,
                                const kw_cohort_options *co,
                                kw_cohorts **out) {
  return kw_pg_pushdown_cohorts(ctx, user, co, out);
}

static kw_status source_summary(void *user, kw_context *ctx, int32_t as_of,
                                kw_source_summary *out) {
  return analyze_summary(ctx, user, as_of, out);
}

static kw_status source_payments(void *user, kw_context *ctx,
                                 const kw_payments_options *po,
                                 kw_source_payments *out) {
  return analyze_payments(ctx, user, po, out);
}

void kw_pg_analyze_source(const kw_load_options *o, kw_analyze_source *out) {
  memset(out, 0, sizeof *out);
  out->user = (void *)(uintptr_t)o;
  /* no patterns: the summary brings every buyer's (x, t_x, T), and the
   * purchase model is fitted on them as on the line path (the same
   * numbers in the same order, so the same fit to the bit); a source
   * without a per-customer summary would give the patterns instead */
  out->cohorts = source_cohorts;
  out->summary = source_summary;
  out->payments = source_payments;
}

/* ------------------------------------------------- CLV per customer */

kw_status kw_pg_pushdown_clv_rows(kw_context *ctx, const kw_load_options *o,
                                  int32_t as_of, int32_t holdout_end,
                                  kw_unit unit, kw_clv_data **out) {
  *out = NULL;
  if (holdout_end != KW_NA_DATE && as_of == KW_NA_DATE)
    return kw_fail(ctx, KW_EARG, "clv: a holdout needs an as-of date");
  if (holdout_end != KW_NA_DATE && holdout_end <= as_of)
    return kw_fail(ctx, KW_EARG,
                   "clv: the holdout must end after the as-of date");
  prep pp;
  kw_status st = prep_open(ctx, o, &pp);
  if (st) return st;
  const char *names[16], *vals[16];
  for (size_t i = 0; i < pp.n; i++) names[i] = pp.names[i], vals[i] = pp.vals[i];
  size_t nn = pp.n;
  char as_d[64], end_d[64];
  names[nn] = "as_of_d", vals[nn++] = as_d;
  names[nn] = "end_d", vals[nn++] = end_d;
  names[nn] = "clv_days", vals[nn++] = kw_pg_sql("clv_days");
  names[nn] = "clv_rows", vals[nn++] = kw_pg_sql("clv_rows");
  PGresult *r = NULL;
  char **ids = NULL;
  double *a = NULL, *rc = NULL;
  int32_t *first = NULL, *rday = NULL;
  if (as_of == KW_NA_DATE) {
    st = day_of(ctx, &pp, "last_day", names, vals, nn, o->lang,
                "load.err.pg_no_transactions", &as_of);
    if (st) goto out;
  }
  snprintf(as_d, sizeof as_d, "(DATE '1970-01-01' + %ld)", (long)as_of);
  snprintf(end_d, sizeof end_d, "(DATE '1970-01-01' + %ld)",
           (long)(holdout_end != KW_NA_DATE ? holdout_end : as_of));
  kw_clv_rows cr;
  memset(&cr, 0, sizeof cr);
  cr.as_of = as_of;
  cr.holdout_end = holdout_end;
  cr.unit = unit;
  cr.has_cost = pp.has_cost;
  /* the customers first buying after as_of */
  st = fill_exec(ctx, &pp, kw_pg_sql("clv_later"), names, vals, nn, o->lang,
                 &r);
  if (st) goto out;
  cr.n_later = (size_t)strtoull(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  r = NULL;
  /* the tracking counts */
  st = fill_exec(ctx, &pp, kw_pg_sql("clv_repeat"), names, vals, nn, o->lang,
                 &r);
  if (st) goto out;
  size_t nd = (size_t)PQntuples(r);
  rday = kw_calloc(ctx, nd ? nd : 1, sizeof *rday);
  rc = kw_calloc(ctx, nd ? nd : 1, sizeof *rc);
  if (!rday || !rc) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  for (size_t j = 0; j < nd; j++) {
    rday[j] = (int32_t)atol(PQgetvalue(r, (int)j, 0));
    rc[j] = strtod(PQgetvalue(r, (int)j, 1), NULL);
  }
  cr.n_days = nd;
  cr.rday = rday;
  cr.rcount = rc;
  PQclear(r);
  r = NULL;
  /* one row per customer */
  st = fill_exec(ctx, &pp, "{clv_rows} ORDER BY cust COLLATE \"C\"", names,
                 vals, nn, o->lang, &r);
  if (st) goto out;
  size_t n = (size_t)PQntuples(r), m = n ? n : 1;
  ids = kw_calloc(ctx, m, sizeof *ids);
  first = kw_calloc(ctx, m, sizeof *first);
  a = kw_calloc(ctx, 7 * m, sizeof *a);
  if (!ids || !first || !a) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  double *x = a, *tx = a + m, *T = a + 2 * m, *zbar = a + 3 * m,
         *rev = a + 4 * m, *mar = a + 5 * m, *hold = a + 6 * m;
  const double u = kw_unit_days(unit);
  double pool_rev = 0, pool_margin = 0;
  for (size_t i = 0; i < n; i++) {
    int k = (int)i;
    ids[i] = PQgetvalue(r, k, 0);
    first[i] = (int32_t)atol(PQgetvalue(r, k, 1));
    long days = atol(PQgetvalue(r, k, 2)) + 1;
    x[i] = (double)(days - 1);
    tx[i] = (double)atol(PQgetvalue(r, k, 3)) / u;
    T[i] = (double)(as_of - first[i]) / u;
    long long rep = strtoll(PQgetvalue(r, k, 4), NULL, 10);
    zbar[i] = days > 1 ? (double)rep / 100.0 / (double)(days - 1) : 0;
    long long rv = strtoll(PQgetvalue(r, k, 5), NULL, 10);
    long long lines = strtoll(PQgetvalue(r, k, 6), NULL, 10);
    long long cl = strtoll(PQgetvalue(r, k, 7), NULL, 10);
    long long cost = strtoll(PQgetvalue(r, k, 8), NULL, 10);
    rev[i] = (double)rv / 100.0;
    mar[i] = NAN;
    if (pp.has_cost && cl == lines && rv > 0) {
      mar[i] = ((double)rv - (double)cost) / (double)rv;
      pool_rev += (double)rv;
      pool_margin += (double)rv - (double)cost;
    }
    hold[i] = strtod(PQgetvalue(r, k, 9), NULL);
  }
  cr.n = n;
  cr.ids = (const char *const *)ids;
  cr.first = first;
  cr.x = x, cr.t_x = tx, cr.T = T, cr.zbar = zbar, cr.revenue = rev;
  cr.margin = mar;
  cr.holdout = holdout_end != KW_NA_DATE ? hold : NULL;
  cr.pooled_margin = pool_rev > 0 ? pool_margin / pool_rev : NAN;
  st = kw_clv_data_from_rows(ctx, &cr, out);
out:
  if (r) PQclear(r);
  kw_free(ctx, ids);
  kw_free(ctx, first);
  kw_free(ctx, a);
  kw_free(ctx, rday);
  kw_free(ctx, rc);
  prep_close(ctx, &pp);
  return st;
}
