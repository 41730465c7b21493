/*
 * analyze_notes.c — what every step of the main job (analyze*.c) uses:
 * the note a step records in the report's language (kw_an_note*), the
 * note that a table is absent, and percentile scores. The step files call
 * this file and analyze.c calls the step files, so the dependencies run
 * one way.
 */
#include "models/analyze_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

kw_status kw_an_note_text(kw_analysis *a, kw_step s, kw_step_status st,
                          int msg, const char *error) {
  /* the last failure (the usual error): in the report's language, from
   * its key and values, not the English text */
  char text[1024];
  if (error && !strcmp(error, kw_errmsg(a->ctx)))
    error = kw_msginfo_text(text, sizeof text, kw_errinfo(a->ctx), error,
                            a->o.lang);
  kw_marg arg = kw_ma_str("error", error);
  return kw_an_note(a, s, st, msg, &arg, 1);
}

kw_status kw_an_note(kw_analysis *a, kw_step s, kw_step_status st, int msg,
                     const kw_marg *args, size_t n) {
  if (st > a->step[s]) a->step[s] = st;
  if (msg < 0) return KW_OK;
  char buf[1024];
  kw_msg_format(buf, sizeof buf, (kw_msg)msg, a->o.lang, a->currency, args,
                n);
  size_t old = a->note[s] ? strlen(a->note[s]) : 0, add = strlen(buf);
  char *p = kw_realloc(a->ctx, a->note[s], old + add + 3);
  if (!p) return kw_fail_nomem(a->ctx);
  if (old) memcpy(p + old, "; ", 2), old += 2;
  memcpy(p + old, buf, add + 1);
  a->note[s] = p;
  return KW_OK;
}

/* A note that the table of this kind is absent. */
kw_status kw_an_note_no_table(kw_analysis *a, kw_step s, kw_table_kind k,
                              kw_step_status st) {
  static const char *const files[KW_TABLE__COUNT] = {
#define KW_X_TABLE(e, name, f) [e] = f,
      KW_TABLE_LIST(KW_X_TABLE)
#undef KW_X_TABLE
  };
  char list[160];
  /* "customers.csv or klanten.csv" from the space-separated list */
  const char *or = a->o.lang == KW_LANG_NL ? " of " : " or ";
  size_t j = 0;
  for (const char *p = files[k]; *p && j + 8 < sizeof list; p++) {
    if (*p == ' ') {
      for (const char *q = or; *q && j + 1 < sizeof list; q++) list[j++] = *q;
    } else {
      list[j++] = *p;
    }
  }
  list[j] = '\0';
  kw_marg args[] = {kw_ma_str("table", kw_table_kind_name(k)),
                    kw_ma_str("files", list)};
  return kw_an_note(a, s, st, MSG_NOTE_NO_TABLE, args, 2);
}

/* ---------------------------------------------------------- percentiles */

/* qsort has no context argument in C11: sort (value, id) pairs, so no
 * comparator needs a pointer kept in a global. */
typedef struct kw_ranked {
  double v;
  uint32_t i;
} kw_ranked;

static int by_value(const void *x, const void *y) {
  const kw_ranked *a = x, *b = y;
  if (a->v != b->v) return a->v < b->v ? -1 : 1;
  return (a->i > b->i) - (a->i < b->i);
}

kw_status kw_an_percentile(kw_context *ctx, const double *metric,
                           const uint8_t *use, size_t n, double *score) {
  kw_ranked *r = kw_malloc(ctx, (n ? n : 1) * sizeof *r);
  if (!r) return kw_fail_nomem(ctx);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    score[i] = NAN;
    if (use[i] && isfinite(metric[i])) r[m].v = metric[i], r[m++].i = (uint32_t)i;
  }
  qsort(r, m, sizeof *r, by_value);
  size_t k = 0;
  while (k < m) {
    size_t e = k;
    while (e < m && r[e].v == r[k].v) e++;
    double sc = (double)k / (double)m;
    for (size_t j = k; j < e; j++) score[r[j].i] = sc;
    k = e;
  }
  kw_free(ctx, r);
  return KW_OK;
}

