/*
 * runs.c — the history of analyses in SQLite (see klantwijs/history.h).
 *
 * Schema (version 1):
 *   meta(key TEXT PRIMARY KEY, value TEXT)          schema_version, created
 *   runs(id INTEGER PRIMARY KEY, created, as_of, fingerprint, version,
 *        customers, active, revenue_cents, repeat_rate, churn_rate,
 *        clv_mean, cac_mean, clv_cac, dso, nps, actions)
 *   run_customers(run_id, customer, segment, action, status, clv,
 *                 value_score, potential_score, revenue_cents,
 *                 PRIMARY KEY (run_id, customer)) WITHOUT ROWID
 * A run is written inside BEGIN IMMEDIATE ... COMMIT with prepared
 * statements (one insert per customer, no SQL built from data), so a
 * killed run leaves no partial run and names never need quoting. The
 * number of actions per kind is kept as "key=count;..." text (a run's
 * record does not depend on the action list staying the same).
 */
#include "klantwijs/history.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "io/msg.h"

struct kw_runs {
  kw_context *ctx;
  sqlite3 *db;
  char *path;
};

struct kw_runs_listing {
  kw_context *ctx;
  kw_run_list v;
  kw_run_info *runs;
};

struct kw_migration {
  kw_context *ctx;
  kw_migration_view v;
  char **value;
  uint64_t *count;
  char **moved;
};

/* A failure of the history database by key: what (a key, or NULL) and
 * SQLite's reason, by key for the reasons a user meets (not a database,
 * in use, read-only, cannot be opened), else SQLite's own text. */
static kw_status runs_fail(kw_runs *r, const char *what, const char *text) {
  int code = sqlite3_errcode(r->db) & 0xff;
  const char *why = code == SQLITE_NOTADB     ? "\001load.history.not_db"
                    : code == SQLITE_BUSY ||
                            code == SQLITE_LOCKED ? "\001load.history.busy"
                    : code == SQLITE_READONLY ? "\001load.history.readonly"
                    : code == SQLITE_CANTOPEN ? "\001load.history.cantopen"
                                              : text;
  if (what)
    return kw_io_fail(r->ctx, KW_EIO, 0, r->path, "load.err.history_step",
                      "what", what, "why", why, NULL);
  return kw_io_fail(r->ctx, KW_EIO, 0, r->path, "load.err.history", "why",
                    why, NULL);
}

static kw_status db_fail(kw_runs *r, const char *what) {
  return runs_fail(r, what, sqlite3_errmsg(r->db));
}

static kw_status exec(kw_runs *r, const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(r->db, sql, NULL, NULL, &err) != SQLITE_OK) {
    kw_status st = runs_fail(r, NULL, err ? err : sqlite3_errmsg(r->db));
    sqlite3_free(err);
    return st;
  }
  return KW_OK;
}

static const char schema_v1[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS runs("
    " id INTEGER PRIMARY KEY, created TEXT NOT NULL, as_of TEXT NOT NULL,"
    " fingerprint TEXT NOT NULL, version TEXT NOT NULL,"
    " customers INTEGER, active INTEGER, revenue_cents INTEGER,"
    " repeat_rate REAL, churn_rate REAL, clv_mean REAL, cac_mean REAL,"
    " clv_cac REAL, dso REAL, nps REAL, actions TEXT);"
    "CREATE TABLE IF NOT EXISTS run_customers("
    " run_id INTEGER NOT NULL REFERENCES runs(id), customer TEXT NOT NULL,"
    " segment TEXT, action TEXT, status TEXT, clv REAL, value_score REAL,"
    " potential_score REAL, revenue_cents INTEGER,"
    " PRIMARY KEY (run_id, customer)) WITHOUT ROWID;";

kw_status kw_runs_open(kw_context *ctx, const char *path, kw_runs **out) {
  *out = NULL;
  if (!path || !*path) return kw_fail(ctx, KW_EARG, "no history file");
  kw_runs *r = kw_calloc(ctx, 1, sizeof *r);
  if (!r) return kw_fail_nomem(ctx);
  r->ctx = ctx;
  r->path = kw_strdup(ctx, path);
  if (!r->path) {
    kw_free(ctx, r);
    return kw_fail_nomem(ctx);
  }
  kw_status st = KW_OK;
  if (sqlite3_open_v2(path, &r->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
      SQLITE_OK) {
    st = db_fail(r, "\001load.history.open");
    goto fail;
  }
  sqlite3_busy_timeout(r->db, 5000);
  if ((st = exec(r, "BEGIN IMMEDIATE;"))) goto fail;
  if ((st = exec(r, schema_v1))) goto rollback;
  /* the schema version: refuse a newer file, stamp a new one */
  sqlite3_stmt *q = NULL;
  int have = 0;
  if (sqlite3_prepare_v2(r->db,
                         "SELECT value FROM meta WHERE key='schema_version'",
                         -1, &q, NULL) != SQLITE_OK) {
    st = db_fail(r, "\001load.history.schema");
    goto rollback;
  }
  if (sqlite3_step(q) == SQLITE_ROW) have = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  if (have > KW_RUNS_SCHEMA_VERSION) {
    st = kw_io_fail(ctx, KW_EUNSUPPORTED, 0, path, "load.err.history_newer",
                    "have", KW_NUM_I(have), "max",
                    KW_NUM_I(KW_RUNS_SCHEMA_VERSION), NULL);
    goto rollback;
  }
  if (have < KW_RUNS_SCHEMA_VERSION &&
      (st = exec(r, "INSERT OR REPLACE INTO meta VALUES('schema_version','1');"
                    "INSERT OR IGNORE INTO meta "
                    "VALUES('created', datetime('now'));")))
    goto rollback;
  if ((st = exec(r, "COMMIT;"))) goto fail;
  *out = r;
  return KW_OK;
rollback:
  sqlite3_exec(r->db, "ROLLBACK;", NULL, NULL, NULL);
fail:
  kw_runs_close(r);
  return st;
}

void kw_runs_close(kw_runs *r) {
  if (!r) return;
  if (r->db) sqlite3_close(r->db);
  kw_free(r->ctx, r->path);
  kw_free(r->ctx, r);
}

/* FNV-1a over the typed transaction columns up to as-of. */
static uint64_t fingerprint(const kw_dataset *ds, int32_t as_of) {
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  uint64_t h = 0xcbf29ce484222325ull;
  if (!t) return h;
  const kw_column *cu = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *dt = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *am = kw_table_role(t, KW_ROLE_AMOUNT);
  size_t n = kw_table_rows(t);
  for (size_t r = 0; r < n; r++) {
    int32_t d = dt ? dt->v.date[r] : 0;
    if (d != KW_NA_DATE && d > as_of) continue;
    const char *id = cu ? kw_dict_str(cu->dict, cu->v.text[r]) : "";
    uint64_t parts[2] = {(uint64_t)(uint32_t)d,
                         am ? (uint64_t)am->v.money[r] : 0};
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
      h = (h ^ *p) * 0x100000001b3ull;
    h = (h ^ 0xFF) * 0x100000001b3ull;
    const unsigned char *b = (const unsigned char *)parts;
    for (size_t k = 0; k < sizeof parts; k++)
      h = (h ^ b[k]) * 0x100000001b3ull;
  }
  return h;
}

static void bind_real(sqlite3_stmt *s, int i, double v) {
  if (isfinite(v))
    sqlite3_bind_double(s, i, v);
  else
    sqlite3_bind_null(s, i);
}

static const char *status_word(double code) {
  return code == 1 ? "active" : code == 2 ? "at_risk" : code == 3 ? "churned"
                                                                  : NULL;
}

kw_status kw_runs_record(kw_runs *r, const kw_dataset *ds,
                         const kw_analysis *a, int64_t *run_id) {
  const kw_headline *h = kw_analysis_headline(a);
  char created[32], asof[16], fp[17], actions[512];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(created, sizeof created, "%Y-%m-%d %H:%M:%S", &tm);
  kw_date_format(asof, h->as_of, 0);
  snprintf(fp, sizeof fp, "%016llx",
           (unsigned long long)fingerprint(ds, h->as_of));
  size_t off = 0;
  actions[0] = 0;
  for (int k = 1; k < KW_ACTION__COUNT && off < sizeof actions; k++)
    off += (size_t)snprintf(actions + off, sizeof actions - off, "%s%s=%zu",
                            k > 1 ? ";" : "", kw_action_key((kw_action)k),
                            h->action_count[k]);
  kw_status st = exec(r, "BEGIN IMMEDIATE;");
  if (st) return st;
  sqlite3_stmt *s = NULL, *c = NULL;
  if (sqlite3_prepare_v2(
          r->db,
          "INSERT INTO runs(created, as_of, fingerprint, version, customers,"
          " active, revenue_cents, repeat_rate, churn_rate, clv_mean,"
          " cac_mean, clv_cac, dso, nps, actions)"
          " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
          -1, &s, NULL) != SQLITE_OK) {
    st = db_fail(r, "\001load.history.prepare_run");
    goto rollback;
  }
  sqlite3_bind_text(s, 1, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 2, asof, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 3, fp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 4, kw_version(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s, 5, (sqlite3_int64)h->customers);
  sqlite3_bind_int64(s, 6, (sqlite3_int64)h->active_customers);
  sqlite3_bind_int64(s, 7, h->revenue);
  bind_real(s, 8, h->repeat_rate);
  bind_real(s, 9, h->churn_rate);
  bind_real(s, 10, h->clv_mean);
  bind_real(s, 11, h->cac_mean);
  bind_real(s, 12, h->clv_cac);
  bind_real(s, 13, h->dso);
  bind_real(s, 14, h->nps);
  sqlite3_bind_text(s, 15, actions, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s) != SQLITE_DONE) {
    st = db_fail(r, "\001load.history.store_run");
    goto rollback;
  }
  int64_t id = sqlite3_last_insert_rowid(r->db);
  if (sqlite3_prepare_v2(
          r->db,
          "INSERT INTO run_customers(run_id, customer, segment, action,"
          " status, clv, value_score, potential_score, revenue_cents)"
          " VALUES(?,?,?,?,?,?,?,?,?)",
          -1, &c, NULL) != SQLITE_OK) {
    st = db_fail(r, "\001load.history.prepare_customers");
    goto rollback;
  }
  const kw_dict *ids = kw_dataset_customers(ds);
  size_t n = kw_analysis_customers(a);
  for (size_t i = 0; i < n; i++) {
    kw_action act = kw_analysis_action(a, i);
    kw_action_input in;
    kw_analysis_input(a, i, &in);
    double rev = in.m[KW_METRIC_REVENUE];
    if (act == KW_ACTION_NONE && !isfinite(rev)) continue; /* no buyer */
    sqlite3_reset(c);
    sqlite3_bind_int64(c, 1, id);
    sqlite3_bind_text(c, 2, kw_dict_str(ids, (uint32_t)i), -1,
                      SQLITE_STATIC);
    if (in.segment)
      sqlite3_bind_text(c, 3, in.segment, -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null(c, 3);
    sqlite3_bind_text(c, 4, kw_action_key(act), -1, SQLITE_STATIC);
    const char *sw = status_word(in.m[KW_METRIC_STATUS]);
    if (sw)
      sqlite3_bind_text(c, 5, sw, -1, SQLITE_STATIC);
    else
      sqlite3_bind_null(c, 5);
    bind_real(c, 6, in.m[KW_METRIC_CLV]);
    bind_real(c, 7, in.m[KW_METRIC_VALUE]);
    bind_real(c, 8, in.m[KW_METRIC_POTENTIAL]);
    if (isfinite(rev))
      sqlite3_bind_int64(c, 9, (sqlite3_int64)llround(rev * 100));
    else
      sqlite3_bind_null(c, 9);
    if (sqlite3_step(c) != SQLITE_DONE) {
      st = db_fail(r, "\001load.history.store_customer");
      goto rollback;
    }
  }
  sqlite3_finalize(s);
  sqlite3_finalize(c);
  if ((st = exec(r, "COMMIT;"))) return st;
  if (run_id) *run_id = id;
  return KW_OK;
rollback:
  sqlite3_finalize(s);
  sqlite3_finalize(c);
  sqlite3_exec(r->db, "ROLLBACK;", NULL, NULL, NULL);
  return st;
}

static double col_real(sqlite3_stmt *s, int i) {
  return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN
                                                  : sqlite3_column_double(s, i);
}

kw_status kw_runs_list(kw_runs *r, kw_runs_listing **out) {
  *out = NULL;
  kw_runs_listing *l = kw_calloc(r->ctx, 1, sizeof *l);
  if (!l) return kw_fail_nomem(r->ctx);
  l->ctx = r->ctx;
  sqlite3_stmt *s = NULL;
  kw_status st = KW_OK;
  if (sqlite3_prepare_v2(
          r->db,
          "SELECT id, created, as_of, fingerprint, customers, active,"
          " revenue_cents, repeat_rate, churn_rate, clv_mean, cac_mean,"
          " clv_cac, dso, nps, actions FROM runs ORDER BY id",
          -1, &s, NULL) != SQLITE_OK) {
    st = db_fail(r, "\001load.history.read_runs");
    goto fail;
  }
  size_t cap = 0;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    if (l->v.n == cap) {
      cap = cap ? 2 * cap : 16;
      kw_run_info *nr = kw_realloc(r->ctx, l->runs, cap * sizeof *nr);
      if (!nr) {
        st = kw_fail_nomem(r->ctx);
        goto fail;
      }
      l->runs = nr;
    }
    kw_run_info *ri = &l->runs[l->v.n++];
    memset(ri, 0, sizeof *ri);
    ri->id = sqlite3_column_int64(s, 0);
    snprintf(ri->created, sizeof ri->created, "%s",
             (const char *)sqlite3_column_text(s, 1));
    int y = 0, m = 0, d = 0;
    const char *ao = (const char *)sqlite3_column_text(s, 2);
    ri->as_of = ao && sscanf(ao, "%d-%d-%d", &y, &m, &d) == 3
                    ? kw_date_from_ymd(y, m, d)
                    : KW_NA_DATE;
    snprintf(ri->fingerprint, sizeof ri->fingerprint, "%s",
             (const char *)sqlite3_column_text(s, 3));
    ri->customers = (uint64_t)sqlite3_column_int64(s, 4);
    ri->active = (uint64_t)sqlite3_column_int64(s, 5);
    ri->revenue = sqlite3_column_int64(s, 6);
    ri->repeat_rate = col_real(s, 7);
    ri->churn_rate = col_real(s, 8);
    ri->clv_mean = col_real(s, 9);
    ri->cac_mean = col_real(s, 10);
    ri->clv_cac = col_real(s, 11);
    ri->dso = col_real(s, 12);
    ri->nps = col_real(s, 13);
    const char *acts = (const char *)sqlite3_column_text(s, 14);
    for (const char *p = acts; p && *p;) {
      char key[64];
      unsigned long long cnt = 0;
      int used = 0;
      if (sscanf(p, "%63[^=]=%llu%n", key, &cnt, &used) < 2) break;
      kw_action ak = kw_action_from_key(key);
      if (ak < KW_ACTION__COUNT) ri->action_count[ak] = cnt;
      p += used;
      if (*p == ';') p++;
    }
  }
  if (rc != SQLITE_DONE) {
    st = db_fail(r, "\001load.history.read_runs");
    goto fail;
  }
  sqlite3_finalize(s);
  l->v.run = l->runs;
  *out = l;
  return KW_OK;
fail:
  sqlite3_finalize(s);
  kw_runs_listing_free(l);
  return st;
}

const kw_run_list *kw_runs_listing_view(const kw_runs_listing *l) {
  return l ? &l->v : NULL;
}

void kw_runs_listing_free(kw_runs_listing *l) {
  if (!l) return;
  kw_free(l->ctx, l->runs);
  kw_free(l->ctx, l);
}

static void free_strv(kw_context *ctx, char **v, size_t n) {
  if (!v) return;
  for (size_t i = 0; i < n; i++) kw_free(ctx, v[i]);
  kw_free(ctx, v);
}

void kw_migration_free(kw_migration *m) {
  if (!m) return;
  free_strv(m->ctx, m->value, m->v.n);
  free_strv(m->ctx, m->moved, m->v.n_moved);
  kw_free(m->ctx, m->count);
  kw_free(m->ctx, m);
}

const kw_migration_view *kw_migration_view_of(const kw_migration *m) {
  return m ? &m->v : NULL;
}

static const char *const field_col[] = {"segment", "action", "status"};

kw_status kw_runs_migration(kw_runs *r, int64_t from, int64_t to,
                            kw_run_field field, const char *const *move_from,
                            size_t n_move_from, const char *move_to,
                            kw_migration **out) {
  *out = NULL;
  if ((unsigned)field > KW_RUN_STATUS)
    return kw_fail(r->ctx, KW_EARG, "unknown field");
  kw_context *ctx = r->ctx;
  kw_migration *m = kw_calloc(ctx, 1, sizeof *m);
  if (!m) return kw_fail_nomem(ctx);
  m->ctx = ctx;
  char sql[512];
  const char *col = field_col[field];
  kw_status st = KW_OK;
  sqlite3_stmt *s = NULL;
  /* the values of either run, sorted */
  snprintf(sql, sizeof sql,
           "SELECT DISTINCT coalesce(%s,'') AS v FROM run_customers "
           "WHERE run_id IN (?1, ?2) ORDER BY v",
           col);
  if (sqlite3_prepare_v2(r->db, sql, -1, &s, NULL) != SQLITE_OK) {
    st = db_fail(r, "\001load.history.read_migration");
    goto fail;
  }
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, to);
  size_t cap = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    if (m->v.n == cap) {
      cap = cap ? 2 * cap : 16;
      char **nv = kw_realloc(ctx, m->value, cap * sizeof *nv);
      if (!nv) {
        st = kw_fail_nomem(ctx);
        goto fail;
      }
      m->value = nv;
    }
    m->value[m->v.n] = kw_strdup(ctx, (const char *)sqlite3_column_text(s, 0));
    if (!m->value[m->v.n]) {
      st = kw_fail_nomem(ctx);
      goto fail;
    }
    m->v.n++;
  }
  sqlite3_finalize(s);
  s = NULL;
  size_t n = m->v.n;
  m->count = kw_calloc(ctx, n ? n * n : 1, sizeof *m->count);
  if (!m->count) {
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  /* pairs of the customers in both runs (a join on the key) */
  snprintf(sql, sizeof sql,
           "SELECT coalesce(a.%s,''), coalesce(b.%s,''), a.customer "
           "FROM run_customers a JOIN run_customers b "
           "ON b.run_id = ?2 AND b.customer = a.customer "
           "WHERE a.run_id = ?1",
           col, col);
  if (sqlite3_prepare_v2(r->db, sql, -1, &s, NULL) != SQLITE_OK) {
    st = db_fail(r, "\001load.history.read_migration");
    goto fail;
  }
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, to);
  size_t mcap = 0;
  uint64_t both = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    const char *va = (const char *)sqlite3_column_text(s, 0);
    const char *vb = (const char *)sqlite3_column_text(s, 1);
    size_t i = 0, j = 0;
    while (i < n && strcmp(m->value[i], va) != 0) i++;
    while (j < n && strcmp(m->value[j], vb) != 0) j++;
    if (i < n && j < n) m->count[i * n + j]++;
    both++;
    if (!move_from || !move_to || strcmp(vb, move_to) != 0) continue;
    bool hit = false;
    for (size_t k = 0; k < n_move_from && !hit; k++)
      hit = strcmp(va, move_from[k]) == 0;
    if (!hit) continue;
    if (m->v.n_moved == mcap) {
      mcap = mcap ? 2 * mcap : 16;
      char **nm = kw_realloc(ctx, m->moved, mcap * sizeof *nm);
      if (!nm) {
        st = kw_fail_nomem(ctx);
        goto fail;
      }
      m->moved = nm;
    }
    m->moved[m->v.n_moved] =
        kw_strdup(ctx, (const char *)sqlite3_column_text(s, 2));
    if (!m->moved[m->v.n_moved]) {
      st = kw_fail_nomem(ctx);
      goto fail;
    }
    m->v.n_moved++;
  }
  sqlite3_finalize(s);
  s = NULL;
  /* customers of one run only */
  uint64_t in_from = 0, in_to = 0;
  if (sqlite3_prepare_v2(r->db,
                         "SELECT run_id, count(*) FROM run_customers "
                         "WHERE run_id IN (?1, ?2) GROUP BY run_id",
                         -1, &s, NULL) != SQLITE_OK) {
    st = db_fail(r, "\001load.history.read_migration");
    goto fail;
  }
  sqlite3_bind_int64(s, 1, from);
  sqlite3_bind_int64(s, 2, to);
  while (sqlite3_step(s) == SQLITE_ROW) {
    if (sqlite3_column_int64(s, 0) == from)
      in_from = (uint64_t)sqlite3_column_int64(s, 1);
    else
      in_to = (uint64_t)sqlite3_column_int64(s, 1);
  }
  sqlite3_finalize(s);
  s = NULL;
  if (from == to) in_to = in_from;
  m->v.only_from = in_from - both;
  m->v.only_to = in_to - both;
  m->v.value = (const char *const *)m->value;
  m->v.count = m->count;
  m->v.moved = (const char *const *)m->moved;
  *out = m;
  return KW_OK;
fail:
  sqlite3_finalize(s);
  kw_migration_free(m);
  return st;
}

kw_status kw_runs_compare_last(kw_runs *db, kw_analysis *a) {
  kw_runs_listing *ls = NULL;
  kw_status st = kw_runs_list(db, &ls);
  const kw_run_list *rl = st ? NULL : kw_runs_listing_view(ls);
  if (rl && rl->n) st = kw_analysis_set_previous(a, &rl->run[rl->n - 1]);
  kw_runs_listing_free(ls);
  return st;
}
