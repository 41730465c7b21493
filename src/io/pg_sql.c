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
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/msg.h"
#include "io/pg_internal.h"
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
    /* the last date of the data, through a per-customer maximum so that a
     * partitioned table reduces it partition by partition */
    {"as_of",
     "SELECT max(m) - DATE '1970-01-01' FROM "
     "(SELECT max(day) AS m FROM ({lines}) AS l GROUP BY cust) AS c"},
    /* the per-customer summary up to as_of */
    {"summary",
     "SELECT cust, "
     "min(day) FILTER (WHERE amt >= 0) - DATE '1970-01-01' AS first, "
     "max(day) FILTER (WHERE amt >= 0) - DATE '1970-01-01' AS last, "
     "count(DISTINCT {orders}) FILTER (WHERE amt >= 0) AS orders, "
     "count(DISTINCT day) FILTER (WHERE amt >= 0) AS days, "
     "count(*) AS lines, sum(amt) AS revenue, "
     "coalesce(sum(cost), 0) AS cost "
     "FROM ({lines}) AS l "
     "WHERE day <= DATE '1970-01-01' + {as_of} "
     "GROUP BY cust "
     "HAVING count(*) FILTER (WHERE amt >= 0) > 0"},
    /* the (x, t_x, T) patterns and how many customers share each */
    {"patterns",
     "SELECT days - 1 AS x, last - first AS t_x, {as_of} - first AS t, "
     "count(*) AS customers "
     "FROM ({summary}) AS s "
     "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"},
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

kw_status kw_pg_pushdown_summary(kw_context *ctx, const kw_load_options *o,
                                 int32_t as_of, kw_pg_summary **out) {
  *out = NULL;
  if (!o || !o->db)
    return kw_fail(ctx, KW_EARG, "no PostgreSQL connection URI given");
  char masked[1000];
  PGconn *c = NULL;
  kw_status st = kw_pg_connect(ctx, o->db, o->lang, &c, masked, sizeof masked);
  if (st) return st;
  char deflt[64];
  const char *spec = o->db_tables[KW_TABLE_TRANSACTIONS];
  char *from = NULL, *sql = NULL, *cols[6] = {0};
  char *sum_sql = NULL;
  PGresult *r = NULL;
  owned *ow = NULL;
  if (!spec) {
    st = kw_pg_default_table(ctx, c, KW_TABLE_TRANSACTIONS, deflt,
                             sizeof deflt);
    if (st) goto out;
    if (!deflt[0]) {
      char msg[1000];
      kw_io_msg(msg, sizeof msg, o->lang, "pg.no_sales", "db", masked, NULL);
      st = kw_fail(ctx, KW_EMISSING, "%s", msg);
      goto out;
    }
    spec = deflt;
  }
  st = kw_pg_relation(ctx, c, spec, masked, o->lang, &from);
  if (st) goto out;
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
  enum { C_CUST, C_DATE, C_AMOUNT, C_INVOICE, C_COST, C_MARGIN, C__N };
  static const kw_role want[C__N] = {KW_ROLE_CUSTOMER, KW_ROLE_DATE,
                                     KW_ROLE_AMOUNT,   KW_ROLE_INVOICE,
                                     KW_ROLE_COST,     KW_ROLE_MARGIN};
  int col[C__N];
  unsigned best[C__N];
  bool mapped[C__N] = {false};
  for (int j = 0; j < C__N; j++) col[j] = -1, best[j] = ~0u;
  int nf = PQnfields(r);
  for (int i = 0; i < nf; i++) {
    const char *nm = PQfname(r, i);
    unsigned rank = 0;
    kw_role role = kw_pg_mapped_role(o, KW_TABLE_TRANSACTIONS, nm);
    bool m = role != KW_ROLE__COUNT;
    if (!m) role = kw_role_guess(KW_TABLE_TRANSACTIONS, nm, strlen(nm), &rank);
    for (int j = 0; j < C__N; j++) {
      if (role != want[j] || mapped[j]) continue;
      if (m || rank < best[j]) {
        col[j] = i;
        best[j] = rank;
        mapped[j] = m;
      }
    }
  }
  for (int j = 0; j < 3; j++) {
    if (col[j] >= 0) continue;
    char names[600] = "";
    for (int i = 0; i < nf; i++) {
      size_t l = strlen(names);
      snprintf(names + l, sizeof names - l, "%s%s", i ? ", " : "",
               PQfname(r, i));
    }
    char msg[1400];
    kw_io_msg(msg, sizeof msg, o->lang, "pg.no_column", "what", spec, "role",
              kw_role_name(want[j]), "cols", names, NULL);
    st = kw_fail(ctx, KW_EMISSING, "%s", msg);
    goto out;
  }
  for (int j = 0; j < C__N; j++) {
    if (col[j] < 0) continue;
    cols[j] = ident(ctx, c, PQfname(r, col[j]));
    if (!cols[j]) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
  }
  /* the date as a date: a date column as it is, a timestamp's day, an
   * integer yyyymmdd, text in ISO form */
  char day[300];
  unsigned dt = (unsigned)PQftype(r, col[C_DATE]);
  if (dt == OID_DATE)
    snprintf(day, sizeof day, "%s", cols[C_DATE]);
  else if (dt == OID_INT4 || dt == OID_INT8 || dt == OID_INT2)
    snprintf(day, sizeof day, "to_date(%s::text, 'YYYYMMDD')", cols[C_DATE]);
  else
    snprintf(day, sizeof day, "%s::date", cols[C_DATE]);
  PQclear(r);
  r = NULL;
  char inv[300], cost[700], orders[32], as_of_s[32];
  snprintf(inv, sizeof inv, "%s%s", cols[C_INVOICE] ? cols[C_INVOICE] : "NULL",
           "::text");
  if (cols[C_COST] && cols[C_MARGIN])
    snprintf(cost, sizeof cost,
             "coalesce(round(%s * 100)::bigint, round({amount} * 100)::bigint "
             "- round(%s * 100)::bigint)",
             cols[C_COST], cols[C_MARGIN]);
  else if (cols[C_COST])
    snprintf(cost, sizeof cost, "round(%s * 100)::bigint", cols[C_COST]);
  else if (cols[C_MARGIN])
    snprintf(cost, sizeof cost,
             "round({amount} * 100)::bigint - round(%s * 100)::bigint",
             cols[C_MARGIN]);
  else
    snprintf(cost, sizeof cost, "NULL::bigint");
  snprintf(orders, sizeof orders, "%s", cols[C_INVOICE] ? "inv" : "day");
  const char *names[] = {"cust",   "day",  "amount", "invoice", "cost",
                         "from",   "orders", "lines", "summary", "as_of"};
  const char *vals[10] = {cols[C_CUST], day,    cols[C_AMOUNT], inv,
                          cost,         from,   orders, kw_pg_sql("lines"),
                          kw_pg_sql("summary"), NULL};
  /* as_of: given, or the last date in the data */
  if (as_of == KW_NA_DATE) {
    char *q = fill(ctx, kw_pg_sql("as_of"), names, vals, 9, 0);
    if (!q) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
    st = exec_tuples(ctx, c, q, spec, masked, o->lang, &r);
    kw_free(ctx, q);
    if (st) goto out;
    as_of = PQgetisnull(r, 0, 0) ? 0 : (int32_t)atol(PQgetvalue(r, 0, 0));
    PQclear(r);
    r = NULL;
  }
  snprintf(as_of_s, sizeof as_of_s, "%ld", (long)as_of);
  vals[9] = as_of_s;
  char *q = fill(ctx, "{summary} ORDER BY cust COLLATE \"C\"", names, vals,
                 10, 0);
  if (!q) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  st = exec_tuples(ctx, c, q, spec, masked, o->lang, &r);
  kw_free(ctx, q);
  if (st) goto out;
  size_t n = (size_t)PQntuples(r), m = n ? n : 1;
  ow = kw_calloc(ctx, 1, sizeof *ow);
  size_t idbytes = 1;
  for (size_t i = 0; i < n; i++)
    idbytes += (size_t)PQgetlength(r, (int)i, 0) + 1;
  if (ow) {
    ow->idbuf = kw_malloc(ctx, idbytes);
    ow->ids = kw_calloc(ctx, m, sizeof *ow->ids);
    ow->first = kw_calloc(ctx, m, sizeof *ow->first);
    ow->last = kw_calloc(ctx, m, sizeof *ow->last);
    ow->orders = kw_calloc(ctx, m, sizeof *ow->orders);
    ow->days = kw_calloc(ctx, m, sizeof *ow->days);
    ow->lines = kw_calloc(ctx, m, sizeof *ow->lines);
    ow->revenue = kw_calloc(ctx, m, sizeof *ow->revenue);
    ow->cost = kw_calloc(ctx, m, sizeof *ow->cost);
    ow->x = kw_calloc(ctx, m, sizeof *ow->x);
    ow->t_x = kw_calloc(ctx, m, sizeof *ow->t_x);
    ow->T = kw_calloc(ctx, m, sizeof *ow->T);
  }
  if (!ow || !ow->idbuf || !ow->ids || !ow->first || !ow->last ||
      !ow->orders || !ow->days || !ow->lines || !ow->revenue || !ow->cost ||
      !ow->x || !ow->t_x || !ow->T) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  kw_pg_summary *s = &ow->pub;
  char *idp = ow->idbuf;
  for (size_t i = 0; i < n; i++) {
    int k = (int)i;
    size_t l = (size_t)PQgetlength(r, k, 0);
    memcpy(idp, PQgetvalue(r, k, 0), l);
    idp[l] = '\0';
    ow->ids[i] = idp;
    idp += l + 1;
    ow->first[i] = (int32_t)atol(PQgetvalue(r, k, 1));
    ow->last[i] = (int32_t)atol(PQgetvalue(r, k, 2));
    ow->orders[i] = (uint32_t)strtoul(PQgetvalue(r, k, 3), NULL, 10);
    ow->days[i] = (uint32_t)strtoul(PQgetvalue(r, k, 4), NULL, 10);
    ow->lines[i] = (uint32_t)strtoul(PQgetvalue(r, k, 5), NULL, 10);
    ow->revenue[i] = strtoll(PQgetvalue(r, k, 6), NULL, 10);
    ow->cost[i] = strtoll(PQgetvalue(r, k, 7), NULL, 10);
    ow->x[i] = (double)ow->days[i] - 1;
    ow->t_x[i] = (double)(ow->last[i] - ow->first[i]);
    ow->T[i] = (double)(as_of - ow->first[i]);
    s->total_revenue += ow->revenue[i];
    s->total_lines += ow->lines[i];
  }
  PQclear(r);
  r = NULL;
  q = fill(ctx, kw_pg_sql("patterns"), names, vals, 10, 0);
  if (!q) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  st = exec_tuples(ctx, c, q, spec, masked, o->lang, &r);
  kw_free(ctx, q);
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
  s->n = n;
  s->as_of = as_of;
  s->has_invoice = cols[C_INVOICE] != NULL;
  s->has_cost = cols[C_COST] || cols[C_MARGIN];
  s->ids = (const char *const *)ow->ids;
  s->first = ow->first;
  s->last = ow->last;
  s->orders = ow->orders;
  s->days = ow->days;
  s->lines = ow->lines;
  s->revenue = ow->revenue;
  s->cost = ow->cost;
  s->x = ow->x;
  s->t_x = ow->t_x;
  s->T = ow->T;
  s->n_patterns = np;
  s->px = ow->px;
  s->pt_x = ow->pt_x;
  s->pT = ow->pT;
  s->pcount = ow->pcount;
  *out = s;
  ow = NULL;
out:
  if (r) PQclear(r);
  if (ow) kw_pg_summary_free(ctx, &ow->pub);
  for (int j = 0; j < 6; j++) kw_free(ctx, cols[j]);
  kw_free(ctx, sum_sql);
  kw_free(ctx, sql);
  kw_free(ctx, from);
  PQfinish(c);
  return st;
}
