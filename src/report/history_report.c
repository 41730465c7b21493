/*
 * history_report.c — the writer of `klantwijs history`: the key figures
 * of every stored run, and how customers moved between two runs
 * (klantwijs/history.h). Texts from the message table (history.* keys).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/history.h"
#include "report/messages.h"
#include "report/jw.h"

static void say(FILE *f, kw_lang lang, const char *key, const kw_marg *a,
                size_t n) {
  char buf[1024];
  const char *t = kw_message(key, lang);
  kw_msg_fill(buf, sizeof buf, t ? t : key, lang, NULL, a, n);
  fputs(buf, f);
  fputc('\n', f);
}

static const char *const field_key[] = {"segment", "action", "status"};

/* A migration matrix as text: rows from, columns to; 1..4 as "<5". */
static void matrix_text(FILE *f, const kw_migration_view *m, kw_lang lang,
                        const char *title_key) {
  fputc('\n', f);
  say(f, lang, title_key, NULL, 0);
  size_t w = 8;
  for (size_t i = 0; i < m->n; i++) {
    size_t l = strlen(m->value[i][0] ? m->value[i] : "-");
    if (l > w) w = l;
  }
  fprintf(f, "  %-*s", (int)w, "");
  for (size_t j = 0; j < m->n; j++)
    fprintf(f, " %*s", (int)w, m->value[j][0] ? m->value[j] : "-");
  fputc('\n', f);
  for (size_t i = 0; i < m->n; i++) {
    fprintf(f, "  %-*s", (int)w, m->value[i][0] ? m->value[i] : "-");
    for (size_t j = 0; j < m->n; j++) {
      uint64_t c = m->count[i * m->n + j];
      char b[24];
      if (c > 0 && c < 5)
        snprintf(b, sizeof b, "<5");
      else
        snprintf(b, sizeof b, "%llu", (unsigned long long)c);
      fprintf(f, " %*s", (int)w, b);
    }
    fputc('\n', f);
  }
}

static void matrix_json(kw_jw *w, const char *key,
                        const kw_migration_view *m) {
  kw_jw_begin_object(w, key);
  kw_jw_begin_array(w, "values");
  for (size_t i = 0; i < m->n; i++) kw_jw_str(w, NULL, m->value[i]);
  kw_jw_end_array(w);
  kw_jw_begin_array(w, "counts");
  for (size_t i = 0; i < m->n; i++) {
    kw_jw_begin_array(w, NULL);
    for (size_t j = 0; j < m->n; j++) {
      uint64_t c = m->count[i * m->n + j];
      if (c > 0 && c < 5)
        kw_jw_str(w, NULL, "<5");
      else
        kw_jw_int(w, NULL, (int64_t)c);
    }
    kw_jw_end_array(w);
  }
  kw_jw_end_array(w);
  kw_jw_int(w, "only_from", (int64_t)m->only_from);
  kw_jw_int(w, "only_to", (int64_t)m->only_to);
  kw_jw_end_object(w);
}

kw_status kw_report_history(kw_context *ctx, FILE *f, kw_runs *db,
                            int64_t from, int64_t to, kw_format fmt,
                            kw_lang lang) {
  kw_runs_listing *l = NULL;
  kw_status st = kw_runs_list(db, &l);
  if (st) return st;
  const kw_run_list *rl = kw_runs_listing_view(l);
  size_t n = rl->n;
  /* the two runs to compare */
  if (n >= 2) {
    if (!to) to = rl->run[n - 1].id;
    if (!from) {
      from = rl->run[n - 2].id;
      for (size_t i = 0; i < n; i++)
        if (rl->run[i].id == to && i > 0) from = rl->run[i - 1].id;
    }
  }
  bool compare = n >= 2 && from && to;
  if (compare) {
    bool ok_from = false, ok_to = false;
    for (size_t i = 0; i < n; i++) {
      ok_from = ok_from || rl->run[i].id == from;
      ok_to = ok_to || rl->run[i].id == to;
    }
    if (!ok_from || !ok_to) {
      kw_runs_listing_free(l);
      return kw_fail(ctx, KW_EARG, "no run %lld in the history",
                     (long long)(ok_from ? to : from));
    }
  }
  kw_migration *mig[3] = {NULL, NULL, NULL};
  static const char *const movers[] = {"invest", "retain"};
  for (int k = 0; compare && k < 3 && !st; k++)
    st = kw_runs_migration(db, from, to, (kw_run_field)k,
                           k == KW_RUN_ACTION ? movers : NULL,
                           k == KW_RUN_ACTION ? 2 : 0,
                           k == KW_RUN_ACTION ? "win_back" : NULL, &mig[k]);
  /* the runs as a table */
  char (*asof)[16] = kw_calloc(ctx, n ? n : 1, sizeof *asof);
  const char **asofp = kw_calloc(ctx, n ? n : 1, sizeof *asofp);
  const char **created = kw_calloc(ctx, n ? n : 1, sizeof *created);
  int64_t *ids = kw_calloc(ctx, n ? n : 1, sizeof *ids);
  uint32_t *cust = kw_calloc(ctx, 2 * (n ? n : 1), sizeof *cust);
  int64_t *rev = kw_calloc(ctx, n ? n : 1, sizeof *rev);
  double *reals = kw_calloc(ctx, 4 * (n ? n : 1), sizeof *reals);
  if (!st && (!asof || !asofp || !created || !ids || !cust || !rev || !reals))
    st = kw_fail_nomem(ctx);
  if (!st) {
    for (size_t i = 0; i < n; i++) {
      const kw_run_info *r = &rl->run[i];
      ids[i] = r->id;
      kw_date_format(asof[i], r->as_of, lang == KW_LANG_NL);
      asofp[i] = asof[i];
      created[i] = r->created;
      cust[i] = (uint32_t)r->customers;
      cust[n + i] = (uint32_t)r->active;
      rev[i] = r->revenue;
      reals[i] = r->churn_rate;
      reals[n + i] = r->clv_mean;
      reals[2 * n + i] = r->clv_cac;
      reals[3 * n + i] = r->nps;
    }
    const kw_rcol cols[] = {
        {"run", "run", "run", KW_CELL_I64, 0, ids, NULL, NULL, NULL},
        {"created", "created (UTC)", "gemaakt (UTC)", KW_CELL_STR, 0, created,
         NULL, NULL, NULL},
        {"as_of", "as of", "peildatum", KW_CELL_STR, 0, asofp, NULL, NULL,
         NULL},
        {"customers", "customers", "klanten", KW_CELL_U32, 0, cust, NULL,
         NULL, NULL},
        {"active", "active", "actief", KW_CELL_U32, 0, cust + n, NULL, NULL,
         NULL},
        {"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, rev, NULL, NULL,
         NULL},
        {"churn_rate", "churn 12m", "verloop 12m", KW_CELL_PCT, 1, reals,
         NULL, NULL, NULL},
        {"clv_mean", "avg CLV", "gem. CLV", KW_CELL_F64, 2, reals + n, NULL,
         NULL, NULL},
        {"clv_cac", "CLV/CAC", "CLV/CAC", KW_CELL_F64, 2, reals + 2 * n,
         NULL, NULL, NULL},
        {"nps", "NPS", "NPS", KW_CELL_F64, 1, reals + 3 * n, NULL, NULL,
         NULL},
    };
    kw_rtable tab = {NULL, n, NULL, sizeof cols / sizeof *cols, cols};
    if (fmt == KW_FORMAT_CSV) {
      st = kw_write_rtable(ctx, f, &tab, fmt, lang, 0);
    } else if (fmt == KW_FORMAT_JSON) {
      kw_jw *w = kw_jw_new(ctx, f);
      kw_jw_begin_object(w, NULL);
      kw_jw_int(w, "schema_version", KW_RUNS_SCHEMA_VERSION);
      kw_jw_rtable(w, "runs", &tab);
      if (compare) {
        kw_jw_begin_object(w, "migration");
        kw_jw_int(w, "from", from);
        kw_jw_int(w, "to", to);
        for (int k = 0; k < 3; k++)
          matrix_json(w, field_key[k], kw_migration_view_of(mig[k]));
        const kw_migration_view *am = kw_migration_view_of(mig[KW_RUN_ACTION]);
        kw_jw_begin_array(w, "invest_or_retain_to_win_back");
        for (size_t i = 0; i < am->n_moved; i++)
          kw_jw_str(w, NULL, am->moved[i]);
        kw_jw_end_array(w);
        kw_jw_end_object(w);
      } else {
        kw_jw_null(w, "migration");
      }
      kw_jw_end_object(w);
      st = kw_jw_finish(w);
    } else {
      say(f, lang, "history.head",
          (kw_marg[]){kw_ma_int("n", (int64_t)n)}, 1);
      fputc('\n', f);
      st = kw_write_rtable(ctx, f, &tab, KW_FORMAT_TABLE, lang, 0);
      if (!st && compare) {
        fputc('\n', f);
        say(f, lang, "history.compare",
            (kw_marg[]){kw_ma_int("from", from), kw_ma_int("to", to)}, 2);
        matrix_text(f, kw_migration_view_of(mig[KW_RUN_ACTION]), lang,
                    "history.by_action");
        matrix_text(f, kw_migration_view_of(mig[KW_RUN_STATUS]), lang,
                    "history.by_status");
        matrix_text(f, kw_migration_view_of(mig[KW_RUN_SEGMENT]), lang,
                    "history.by_segment");
        const kw_migration_view *am = kw_migration_view_of(mig[KW_RUN_ACTION]);
        fputc('\n', f);
        say(f, lang, "history.movers",
            (kw_marg[]){kw_ma_int("n", (int64_t)am->n_moved)}, 1);
        for (size_t i = 0; i < am->n_moved && i < 50; i++)
          fprintf(f, "  %s\n", am->moved[i]);
      } else if (!st && n < 2) {
        say(f, lang, "history.one_run", NULL, 0);
      }
    }
  }
  for (int k = 0; k < 3; k++) kw_migration_free(mig[k]);
  kw_free(ctx, asof);
  kw_free(ctx, asofp);
  kw_free(ctx, created);
  kw_free(ctx, ids);
  kw_free(ctx, cust);
  kw_free(ctx, rev);
  kw_free(ctx, reals);
  kw_runs_listing_free(l);
  return st;
}
