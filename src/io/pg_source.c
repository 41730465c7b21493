/*
 * pg_source.c — PostgreSQL as a source (klantwijs/pg.h).
 *
 * Two routes, both on one connection per load:
 *
 *  - Line-level tables (every table kind) are streamed into the same typed
 *    columns as a file: a server-side cursor over the table or query is
 *    fetched FETCH_ROWS rows at a time and handed to kw_ingest through a
 *    kw_row_source, so the column roles, typing, skips and data-quality
 *    report are those of delimited text. Client memory is the typed
 *    dataset plus one batch of rows, never the table's text.
 *
 *  - Pushdown (kw_pg_pushdown_summary): the per-customer summary and the
 *    (x, t_x, T) pattern counts run as SQL in the engine (pg_sql.c holds
 *    every statement); one row per customer or per pattern comes back.
 *
 * Passwords never reach a message: every message names the source by its
 * masked URI (kw_pg_mask_uri), and libpq's own error texts do not repeat
 * the connection string.
 */
#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/table.h"
#include "io/csv.h"
#include "io/ingest.h"
#include "io/msg.h"
#include "io/pg_internal.h"
#include "io/roles.h"
#include "io/sheet.h"
#include "klantwijs/pg.h"

#define FETCH_ROWS 20000

/* PostgreSQL type oids (pg_type.dat): fixed across versions. */
enum {
  OID_BOOL = 16,
  OID_BYTEA = 17,
  OID_INT8 = 20,
  OID_INT2 = 21,
  OID_INT4 = 23,
  OID_JSON = 114,
  OID_FLOAT4 = 700,
  OID_FLOAT8 = 701,
  OID_MONEY = 790,
  OID_DATE = 1082,
  OID_TIMESTAMP = 1114,
  OID_TIMESTAMPTZ = 1184,
  OID_INTERVAL = 1186,
  OID_NUMERIC = 1700,
  OID_UUID = 2950,
  OID_JSONB = 3802
};

/* ------------------------------------------------------------ the URI */

bool kw_pg_is_uri(const char *s) {
  return s && (strncmp(s, "postgresql://", 13) == 0 ||
               strncmp(s, "postgres://", 11) == 0);
}

void kw_pg_mask_uri(const char *uri, char *out, size_t cap) {
  if (!cap) return;
  out[0] = '\0';
  if (!uri) return;
  size_t o = 0;
#define PUT(ch)                     \
  do {                              \
    if (o + 1 < cap) out[o++] = ch; \
  } while (0)
  const char *p = uri;
  const char *scheme = strstr(uri, "://");
  if (scheme) {
    /* user:password@ in the authority */
    const char *auth = scheme + 3;
    const char *end = auth + strcspn(auth, "/?");
    const char *at = NULL;
    for (const char *q = auth; q < end; q++)
      if (*q == '@') at = q;
    for (; p < auth; p++) PUT(*p);
    if (at) {
      const char *colon = memchr(auth, ':', (size_t)(at - auth));
      const char *stop = colon ? colon : at;
      for (; p < stop; p++) PUT(*p);
      if (colon) {
        PUT(':');
        PUT('*');
        PUT('*');
        PUT('*');
      }
      p = at;
    }
  }
  /* password=... as a URI parameter or a keyword/value pair */
  while (*p) {
    bool start = p == uri || p[-1] == '?' || p[-1] == '&' || p[-1] == ' ';
    if (start && strncasecmp(p, "password=", 9) == 0) {
      for (int i = 0; i < 9; i++) PUT(p[i]);
      PUT('*');
      PUT('*');
      PUT('*');
      p += 9;
      if (*p == '\'') {
        p++;
        while (*p && *p != '\'') p += p[0] == '\\' && p[1] ? 2 : 1;
        if (*p) p++;
      } else {
        while (*p && *p != '&' && *p != ' ') p++;
      }
      continue;
    }
    PUT(*p);
    p++;
  }
  out[o] = '\0';
#undef PUT
}

/* ------------------------------------------------------- connections */

kw_status kw_pg_fail_result(kw_context *ctx, const char *what,
                            const char *where, const PGresult *r,
                            PGconn *c, int lang) {
  const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
                          : NULL;
  if (!primary) primary = PQerrorMessage(c);
  char why[600];
  snprintf(why, sizeof why, "%s", primary ? primary : "");
  size_t n = strlen(why);
  while (n && (why[n - 1] == '\n' || why[n - 1] == ' ')) why[--n] = '\0';
  if (state && strcmp(state, "42501") == 0)
    return kw_io_fail(ctx, KW_EIO, lang, "", "pg.permission", "what", what,
                      "db", where, "why", why, NULL);
  char msg[1200];
  if (state && (strcmp(state, "42P01") == 0 || strcmp(state, "3F000") == 0)) {
    kw_io_msg(msg, sizeof msg, lang, "pg.no_table", "what", what, "db",
              where, NULL);
    return kw_fail(ctx, KW_EMISSING, "%s (%s)", msg, why);
  }
  return kw_io_fail(ctx,
                    state && state[0] == '2' && state[1] == '2' ? KW_EINPUT
                                                                : KW_EIO,
                    lang, "", "pg.query_failed", "what", what, "db", where,
                    "why", why, NULL);
}

kw_status kw_pg_connect(kw_context *ctx, const char *uri, int lang,
                        PGconn **out, char *masked, size_t mcap) {
  *out = NULL;
  kw_pg_mask_uri(uri, masked, mcap);
  PGconn *c = PQconnectdb(uri);
  if (!c) return kw_fail_nomem(ctx);
  if (PQstatus(c) != CONNECTION_OK) {
    char why[600];
    snprintf(why, sizeof why, "%s", PQerrorMessage(c));
    size_t n = strlen(why);
    while (n && (why[n - 1] == '\n' || why[n - 1] == ' ')) why[--n] = '\0';
    /* libpq's lines (the server and the reason, then a hint) as one */
    char reason[640];
    size_t o = 0;
    for (const char *p = why; *p && o + 3 < sizeof reason; p++) {
      if (*p == '\n') {
        reason[o++] = ';';
        reason[o++] = ' ';
        while (p[1] == '\t' || p[1] == ' ') p++;
      } else if (*p != '\t') {
        reason[o++] = *p;
      }
    }
    reason[o] = '\0';
    PQfinish(c);
    return kw_io_fail(ctx, KW_EIO, lang, "", "pg.connect", "db", masked, "why",
                      reason, NULL);
  }
  /* text we can parse whatever the server's settings */
  PGresult *r = PQexec(c, "SET client_encoding = 'UTF8'; SET DateStyle = "
                          "'ISO, YMD'; SET extra_float_digits = 1; "
                          "SET IntervalStyle = 'postgres'");
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    kw_status st = kw_pg_fail_result(ctx, "SET", masked, r, c, lang);
    PQclear(r);
    PQfinish(c);
    return st;
  }
  PQclear(r);
  *out = c;
  return KW_OK;
}

/* Whether a table specification is a query rather than a table name. */
static bool is_query(const char *s) {
  while (isspace((unsigned char)*s)) s++;
  static const char *const words[] = {"select", "with", "values", "table",
                                      "("};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    size_t n = strlen(words[i]);
    if (strncasecmp(s, words[i], n) == 0 &&
        (n == 1 || !s[n] || isspace((unsigned char)s[n]) || s[n] == '('))
      return true;
  }
  return false;
}

kw_status kw_pg_relation(kw_context *ctx, PGconn *c, const char *spec,
                         const char *masked, int lang, char **from) {
  *from = NULL;
  size_t cap = strlen(spec) * 2 + 64;
  if (is_query(spec)) {
    char *f = kw_malloc(ctx, cap);
    if (!f) return kw_fail_nomem(ctx);
    /* a trailing ';' would end the subquery */
    size_t n = strlen(spec);
    while (n && (isspace((unsigned char)spec[n - 1]) || spec[n - 1] == ';'))
      n--;
    snprintf(f, cap, "(%.*s) AS kw_src", (int)n, spec);
    *from = f;
    return KW_OK;
  }
  /* SCHEMA.TABLE or TABLE: each part quoted as an identifier; a part
   * already in double quotes is taken as written */
  const char *dot = NULL;
  bool quoted = false;
  for (const char *p = spec; *p; p++) {
    if (*p == '"') quoted = !quoted;
    if (*p == '.' && !quoted) dot = p;
  }
  char *parts[2] = {NULL, NULL};
  const char *seg[2][2] = {{spec, dot ? dot : spec + strlen(spec)},
                           {dot ? dot + 1 : NULL, spec + strlen(spec)}};
  kw_status st = KW_OK;
  for (int i = 0; i < (dot ? 2 : 1) && !st; i++) {
    size_t n = (size_t)(seg[i][1] - seg[i][0]);
    if (n >= 2 && seg[i][0][0] == '"' && seg[i][0][n - 1] == '"') {
      parts[i] = PQescapeIdentifier(c, seg[i][0] + 1, n - 2);
    } else {
      /* unquoted names fold to lower case, as in SQL */
      char tmp[256];
      if (n >= sizeof tmp) n = sizeof tmp - 1;
      for (size_t k = 0; k < n; k++)
        tmp[k] = (char)tolower((unsigned char)seg[i][0][k]);
      parts[i] = PQescapeIdentifier(c, tmp, n);
    }
    if (!parts[i]) st = kw_fail_nomem(ctx);
  }
  char *f = st ? NULL : kw_malloc(ctx, cap + 16);
  if (!st && !f) st = kw_fail_nomem(ctx);
  if (!st) {
    if (dot)
      snprintf(f, cap + 16, "%s.%s", parts[0], parts[1]);
    else
      snprintf(f, cap + 16, "%s", parts[0]);
  }
  for (int i = 0; i < 2; i++)
    if (parts[i]) PQfreemem(parts[i]);
  if (st) return st;
  /* exists and readable: clear errors before any query runs */
  const char *params[1] = {f};
  PGresult *r = PQexecParams(
      c,
      "SELECT c.oid IS NOT NULL, "
      "       c.oid IS NOT NULL AND has_table_privilege(c.oid, 'SELECT') "
      "FROM (SELECT to_regclass($1) AS oid) AS c",
      1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    /* a malformed name (to_regclass raises on bad syntax) */
    st = kw_pg_fail_result(ctx, spec, masked, r, c, lang);
  } else if (strcmp(PQgetvalue(r, 0, 0), "t") != 0) {
    st = kw_io_fail(ctx, KW_EMISSING, lang, "", "pg.no_table", "what", spec,
                    "db", masked, NULL);
  } else if (strcmp(PQgetvalue(r, 0, 1), "t") != 0) {
    st = kw_io_fail(ctx, KW_EIO, lang, "", "pg.permission", "what", spec, "db",
                    masked, "why", "\001load.pg.no_select", NULL);
  }
  PQclear(r);
  if (st) {
    kw_free(ctx, f);
    return st;
  }
  *from = f;
  return KW_OK;
}

/* The default table names of a kind ("transactions.csv verkopen.csv ..."
 * without the extension), in order: the first that exists in the search
 * path, or NULL. */
static const char *const table_files[] = {
#define KW_X(e, name, files) files,
    KW_TABLE_LIST(KW_X)
#undef KW_X
};

kw_status kw_pg_default_table(kw_context *ctx, PGconn *c, kw_table_kind k,
                              char *out, size_t cap) {
  out[0] = '\0';
  for (const char *p = table_files[k]; *p;) {
    size_t w = strcspn(p, " ");
    size_t stem = w;
    const char *dot = memchr(p, '.', w);
    if (dot) stem = (size_t)(dot - p);
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)stem, p);
    const char *params[1] = {name};
    PGresult *r = PQexecParams(c, "SELECT to_regclass($1) IS NOT NULL", 1,
                               NULL, params, NULL, NULL, 0);
    bool found = PQresultStatus(r) == PGRES_TUPLES_OK &&
                 strcmp(PQgetvalue(r, 0, 0), "t") == 0;
    PQclear(r);
    if (found) {
      snprintf(out, cap, "%s", name);
      return KW_OK;
    }
    p += w;
    while (*p == ' ') p++;
  }
  return KW_OK;
}

/* The role a --map entry gives to column name in a table of kind k, or
 * KW_ROLE__COUNT. */
kw_role kw_pg_mapped_role(const kw_load_options *o, kw_table_kind k,
                          const char *name) {
  for (size_t j = 0; j < o->n_maps; j++) {
    const char *m = o->maps[j];
    const char *eq = strchr(m, '=');
    if (!eq) continue;
    const char *col = eq + 1;
    if (strcasecmp(col, name) != 0) continue;
    char role[64];
    size_t n = (size_t)(eq - m);
    if (n >= sizeof role) continue;
    memcpy(role, m, n);
    role[n] = '\0';
    char *dot = strchr(role, '.');
    const char *rn = role;
    if (dot) {
      *dot = '\0';
      if (strcmp(role, kw_table_kind_name(k)) != 0) continue;
      rn = dot + 1;
    }
    kw_role r = kw_role_from_name(rn);
    if (r != KW_ROLE__COUNT) return r;
  }
  return KW_ROLE__COUNT;
}

static kw_type kw_role_type(kw_role r) {
  static const kw_type types[] = {
#define KW_X_ROLE(e, name, type, desc) type,
      KW_ROLE_LIST(KW_X_ROLE)
#undef KW_X_ROLE
  };
  return (size_t)r < sizeof types / sizeof *types ? types[r] : KW_TYPE_TEXT;
}

/* Whether a column of PostgreSQL type oid can hold values of role r. */
static bool type_fits(kw_role r, unsigned oid, const char **want) {
  static const unsigned never[] = {OID_BYTEA, OID_JSON, OID_JSONB, OID_UUID,
                                   OID_INTERVAL};
  switch (kw_role_type(r)) {
    case KW_TYPE_DATE:
      *want = "date, timestamp or text";
      if (oid == OID_BOOL || oid == OID_FLOAT4 || oid == OID_FLOAT8 ||
          oid == OID_NUMERIC || oid == OID_MONEY)
        return false;
      break;
    case KW_TYPE_MONEY:
    case KW_TYPE_NUMBER:
      *want = "numeric, integer, float or text";
      if (oid == OID_BOOL || oid == OID_DATE || oid == OID_TIMESTAMP ||
          oid == OID_TIMESTAMPTZ)
        return false;
      break;
    default:
      *want = "text";
      break;
  }
  for (size_t i = 0; i < sizeof never / sizeof *never; i++)
    if (oid == never[i] && r != KW_ROLE_NONE) return false;
  return true;
}

/* ------------------------------------------------------ the row source */

typedef struct pg_rows {
  kw_context *ctx;
  PGconn *c;
  const char *what;    /* table or query, for messages */
  const char *masked;
  int lang;
  PGresult *res;       /* the current batch */
  int row, nrows;      /* next row of the batch */
  bool header_given, done;
  uint64_t line;       /* rows handed out, the header being row 1 */
  int nf;
  unsigned *types;
  char **names;
  kw_csv_cell *cells;
  char *tags;
  char *conv;          /* converted cells (numbers, flags, dates) */
  size_t conv_cap;
  kw_row_source src;
} pg_rows;

static int fetch(pg_rows *s) {
  if (s->res) PQclear(s->res);
  s->res = PQexec(s->c, "FETCH " KW_PG_STR(FETCH_ROWS) " FROM kw_cur");
  if (PQresultStatus(s->res) != PGRES_TUPLES_OK) {
    kw_pg_fail_result(s->ctx, s->what, s->masked, s->res, s->c, s->lang);
    return -1;
  }
  s->row = 0;
  s->nrows = PQntuples(s->res);
  if (s->nrows == 0) s->done = true;
  return 1;
}

static int rows_next(void *self, kw_csv_row *row) {
  pg_rows *s = self;
  memset(row, 0, sizeof *row);
  if (!s->header_given) {
    s->header_given = true;
    for (int i = 0; i < s->nf; i++) {
      s->cells[i].p = s->names[i];
      s->cells[i].n = strlen(s->names[i]);
      s->cells[i].raw = s->tags + i;
    }
  } else {
    if (s->done) return 0;
    if (s->row >= s->nrows) {
      if (fetch(s) < 0) return -1;
      if (s->done) return 0;
    }
    /* the converted cells of one row: a number of fewer than 40 bytes
     * takes at most n + 40 (kw_sheet_number_text), so 80 each always fit */
    size_t need = (size_t)s->nf * 80 + 1;
    if (need > s->conv_cap) {
      char *nc = kw_realloc(s->ctx, s->conv, need);
      if (!nc) {
        kw_fail_nomem(s->ctx);
        return -1;
      }
      s->conv = nc;
      s->conv_cap = need;
    }
    size_t used = 0;
    for (int i = 0; i < s->nf; i++) {
      kw_csv_cell *k = &s->cells[i];
      k->raw = s->tags + i;
      if (PQgetisnull(s->res, s->row, i)) {
        k->p = "";
        k->n = 0;
        continue;
      }
      const char *v = PQgetvalue(s->res, s->row, i);
      size_t n = (size_t)PQgetlength(s->res, s->row, i);
      k->p = v;
      k->n = n;
      switch (s->types[i]) {
        case OID_BOOL:
          k->p = v[0] == 't' ? "true" : "false";
          k->n = strlen(k->p);
          break;
        case OID_NUMERIC:
        case OID_FLOAT4:
        case OID_FLOAT8:
          /* "1.234" would read as a thousands separator: the sheet
           * readers' plain notation ("1.2340") */
          if (n < 40) {
            k->p = s->conv + used;
            k->n = kw_sheet_number_text(v, n, s->conv + used);
            used += k->n;
          }
          break;
        case OID_TIMESTAMP:
        case OID_TIMESTAMPTZ:
          /* the day: "2024-01-03 10:00:00+01" -> "2024-01-03" */
          for (size_t j = 0; j < n; j++)
            if (v[j] == ' ') {
              k->n = j;
              break;
            }
          break;
        default:
          break;
      }
    }
    s->row++;
  }
  row->cells = s->cells;
  row->n = row->nfields = (size_t)s->nf;
  row->line = ++s->line;
  row->start = s->tags;
  row->end = s->tags + s->nf;
  return 1;
}

static void rows_ref(void *self, uint64_t line, uint64_t col, char *out,
                     size_t cap) {
  const pg_rows *s = self;
  if (col >= 1 && col <= (uint64_t)s->nf)
    snprintf(out, cap, "row %llu, column \"%s\"",
             (unsigned long long)(line > 0 ? line - 1 : 0),
             s->names[col - 1]);
  else
    snprintf(out, cap, "row %llu",
             (unsigned long long)(line > 0 ? line - 1 : 0));
}

static void rows_free(pg_rows *s) {
  if (s->res) PQclear(s->res);
  if (s->names)
    for (int i = 0; i < s->nf; i++) kw_free(s->ctx, s->names[i]);
  kw_free(s->ctx, s->names);
  kw_free(s->ctx, s->types);
  kw_free(s->ctx, s->cells);
  kw_free(s->ctx, s->tags);
  kw_free(s->ctx, s->conv);
}

/* Read one table kind from spec (table or query) through a cursor. */
static kw_status read_table(kw_context *ctx, PGconn *c, kw_dataset *ds,
                            kw_table_kind k, const char *spec,
                            const char *masked, const kw_load_options *o,
                            bool primary, bool *map_used) {
  char *from = NULL;
  kw_status st = kw_pg_relation(ctx, c, spec, masked, o->lang, &from);
  if (st) return st;
  pg_rows s;
  memset(&s, 0, sizeof s);
  s.ctx = ctx;
  s.c = c;
  s.what = spec;
  s.masked = masked;
  s.lang = o->lang;
  char name[1200];
  snprintf(name, sizeof name, "%s (%s)", spec, masked);
  size_t qcap = strlen(from) + 128;
  char *q = kw_malloc(ctx, qcap);
  if (!q) {
    kw_free(ctx, from);
    return kw_fail_nomem(ctx);
  }
  PGresult *r = PQexec(c, "BEGIN READ ONLY");
  PQclear(r);
  snprintf(q, qcap, "DECLARE kw_cur NO SCROLL CURSOR FOR SELECT * FROM %s",
           from);
  r = PQexec(c, q);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    st = kw_pg_fail_result(ctx, spec, masked, r, c, o->lang);
    PQclear(r);
    goto out;
  }
  PQclear(r);
  /* the columns: names and types of the cursor's result */
  if (fetch(&s) < 0) {
    st = kw_errcode(ctx);
    goto out;
  }
  s.nf = PQnfields(s.res);
  s.names = kw_calloc(ctx, (size_t)s.nf + 1, sizeof *s.names);
  s.types = kw_calloc(ctx, (size_t)s.nf + 1, sizeof *s.types);
  s.cells = kw_calloc(ctx, (size_t)s.nf + 1, sizeof *s.cells);
  s.tags = kw_calloc(ctx, (size_t)s.nf + 1, 1);
  if (!s.names || !s.types || !s.cells || !s.tags) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  for (int i = 0; i < s.nf; i++) {
    s.names[i] = kw_strdup(ctx, PQfname(s.res, i));
    if (!s.names[i]) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
    s.types[i] = (unsigned)PQftype(s.res, i);
    kw_role role = kw_pg_mapped_role(o, k, s.names[i]);
    if (role == KW_ROLE__COUNT)
      role = kw_role_guess(k, s.names[i], strlen(s.names[i]), NULL);
    const char *want = NULL;
    if (role != KW_ROLE__COUNT && !type_fits(role, s.types[i], &want)) {
      char tn[64] = "?";
      char tq[96];
      snprintf(tq, sizeof tq, "SELECT format_type(%u, NULL)", s.types[i]);
      PGresult *t = PQexec(c, tq);
      if (PQresultStatus(t) == PGRES_TUPLES_OK)
        snprintf(tn, sizeof tn, "%s", PQgetvalue(t, 0, 0));
      PQclear(t);
      st = kw_io_fail(ctx, KW_EINPUT, o->lang, "", "pg.column_type", "col",
                      s.names[i], "what", spec, "type", tn, "role",
                      kw_role_name(role), "want", want, NULL);
      goto out;
    }
  }
  s.src.self = &s;
  s.src.next = rows_next;
  s.src.ref = rows_ref;
  s.src.format = "postgresql";
  s.src.sheet = NULL;
  s.src.header_row = 1;
  kw_ingest_args a;
  memset(&a, 0, sizeof a);
  a.kind = k;
  a.name = name;
  a.o = o;
  a.primary = primary;
  a.map_used = map_used;
  a.rows = &s.src;
  st = kw_ingest(ctx, ds, &a);
out:
  r = PQexec(c, st ? "ROLLBACK" : "COMMIT");
  PQclear(r);
  rows_free(&s);
  kw_free(ctx, q);
  kw_free(ctx, from);
  return st;
}

kw_status kw_pg_dataset_load(kw_context *ctx, const kw_load_options *o0,
                             kw_dataset **out) {
  *out = NULL;
  /* numbers come in '.' notation and dates as ISO, whatever the locale of
   * the files the user also reads */
  kw_load_options o = *o0;
  if (!o.decimal_mark) o.decimal_mark = '.';
  char masked[1000];
  PGconn *c = NULL;
  kw_status st = kw_pg_connect(ctx, o.db, o.lang, &c, masked, sizeof masked);
  if (st) return st;
  uint32_t want = o.tables ? o.tables : (1u << KW_TABLE__COUNT) - 1;
  const char *spec[KW_TABLE__COUNT] = {0};
  char found[KW_TABLE__COUNT][64];
  /* --table names the tables to read; without any, each kind is looked up
   * by its default names (as files in a folder) */
  bool named = false;
  for (int k = 0; k < KW_TABLE__COUNT; k++) named |= o.db_tables[k] != NULL;
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    if (!(want & (1u << k))) continue;
    if (o.db_tables[k]) {
      spec[k] = o.db_tables[k];
      continue;
    }
    if (named) continue;
    st = kw_pg_default_table(ctx, c, (kw_table_kind)k, found[k],
                             sizeof found[k]);
    if (st) goto fail;
    if (found[k][0]) spec[k] = found[k];
  }
  for (int k = 0; k < KW_TABLE__COUNT; k++)
    if (o.db_tables[k] && !(want & (1u << k)))
      kw_io_log(ctx, KW_LOG_WARN, o.lang, "", "load.w.pg_table_unused",
                "kind", kw_table_kind_name((kw_table_kind)k), "table",
                o.db_tables[k], NULL);
  if ((want & (1u << KW_TABLE_TRANSACTIONS)) && !spec[KW_TABLE_TRANSACTIONS]) {
    st = kw_io_fail(ctx, KW_EMISSING, o.lang, "", "pg.no_sales", "db", masked,
                    NULL);
    goto fail;
  }
  bool any = false;
  for (int k = 0; k < KW_TABLE__COUNT; k++) any |= spec[k] != NULL;
  if (!any) {
    st = kw_io_fail(ctx, KW_EMISSING, o.lang, "", "pg.no_sales", "db", masked,
                    NULL);
    goto fail;
  }
  kw_dataset *ds = kw_dataset_new(ctx);
  bool *used = kw_calloc(ctx, o.n_maps ? o.n_maps : 1, sizeof *used);
  if (!ds || !used) {
    kw_dataset_free(ds);
    kw_free(ctx, used);
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  int primary = -1;
  for (int k = 0; k < KW_TABLE__COUNT && primary < 0; k++)
    if (spec[k]) primary = k;
  for (int k = 0; k < KW_TABLE__COUNT && !st; k++) {
    if (!spec[k]) continue;
    st = read_table(ctx, c, ds, (kw_table_kind)k, spec[k], masked, &o,
                    k == primary, used);
    if (!st)
      st = kw_table_check_money(ctx, kw_dataset_table(ds, (kw_table_kind)k),
                                spec[k]);
    if (!st && !o.db_tables[k]) {
      kw_table *t = kw_dataset_table_mut(ds, (kw_table_kind)k);
      if (t) st = kw_table_report_found(ctx, t, "its table name");
    }
  }
  for (size_t j = 0; j < o.n_maps && !st; j++) {
    if (used[j]) continue;
    st = kw_io_fail(ctx, KW_EARG, o.lang, "", "load.err.pg_map_unused", "map",
                    o.maps[j], NULL);
  }
  kw_free(ctx, used);
  if (st) {
    kw_dataset_free(ds);
    goto fail;
  }
  PQfinish(c);
  *out = ds;
  return KW_OK;
fail:
  PQfinish(c);
  return st;
}
