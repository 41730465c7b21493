/*
 * analyze_notes.c — what every step of the main job (analyze*.c) uses:
 * the notes a step records (kw_an_note*: a message key and its values, no
 * text; the writers format them), the note that a table is absent, and
 * percentile scores. The step files call
 * this file and analyze.c calls the step files, so the dependencies run
 * one way.
 */
#include "models/analyze_internal.h"
#include "stats/order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Add a note; *out gets it (NULL with key NULL). */
static kw_status add(kw_analysis *a, kw_step s, kw_step_status st,
                     const char *key, const kw_marg *args, size_t n,
                     kw_step_note **out) {
  *out = NULL;
  if (st > a->step[s]) a->step[s] = st;
  if (!key) return KW_OK;
  if (a->n_notes == a->cap_notes) {
    size_t cap = a->cap_notes ? 2 * a->cap_notes : 8;
    kw_step_note *p = kw_realloc(a->ctx, a->notes, cap * sizeof *p);
    if (!p) return kw_fail_nomem(a->ctx);
    a->notes = p;
    a->cap_notes = cap;
  }
  kw_step_note *nt = &a->notes[a->n_notes++];
  memset(nt, 0, sizeof *nt);
  nt->step = s;
  nt->key = key;
  if (n > KW_AN_NOTE_ARGS) n = KW_AN_NOTE_ARGS;
  for (size_t i = 0; i < n; i++) {
    nt->args[i] = args[i];
    if (args[i].type == KW_MARG_STR) nt->args[i].v.s = NULL;
  }
  nt->n = n;
  *out = nt;
  for (size_t i = 0; i < n; i++)
    if (args[i].type == KW_MARG_STR &&
        !(nt->args[i].v.s = kw_strdup(a->ctx, args[i].v.s ? args[i].v.s : "")))
      return kw_fail_nomem(a->ctx);
  return KW_OK;
}

kw_status kw_an_note(kw_analysis *a, kw_step s, kw_step_status st,
                     const char *key, const kw_marg *args, size_t n) {
  kw_step_note *nt;
  return add(a, s, st, key, args, n, &nt);
}

static char *dup_or_empty(kw_analysis *a, const char *s, bool *bad) {
  char *d = kw_strdup(a->ctx, s ? s : "");
  if (!d) *bad = true;
  return d;
}

kw_status kw_an_note_text(kw_analysis *a, kw_step s, kw_step_status st,
                          const char *key, const char *error) {
  /* the last failure (the usual error): kept with its key and values, so
   * that the writers give it in the report's language */
  const kw_msginfo *mi = NULL;
  if (error && !strcmp(error, kw_errmsg(a->ctx))) mi = kw_errinfo(a->ctx);
  kw_marg arg = kw_ma_str("error", error);
  kw_step_note *nt;
  kw_status rc = add(a, s, st, key, &arg, 1, &nt);
  if (rc || !nt) return rc;
  nt->kind[0] = KW_AN_ARG_ERROR;
  if (!mi || !mi->key) return KW_OK;
  bool bad = false;
  nt->err.key = dup_or_empty(a, mi->key, &bad);
  nt->err.where = dup_or_empty(a, mi->where, &bad);
  nt->err.n = mi->n < KW_MSG_ARGS ? mi->n : KW_MSG_ARGS;
  for (size_t i = 0; i < nt->err.n; i++) {
    nt->err.names[i] = dup_or_empty(a, mi->names[i], &bad);
    nt->err.values[i] = dup_or_empty(a, mi->values[i], &bad);
  }
  return bad ? kw_fail_nomem(a->ctx) : KW_OK;
}

kw_status kw_an_note_checks(kw_analysis *a, kw_step s, kw_step_status st,
                            const char *key, const char *model) {
  kw_marg args[] = {kw_ma_str("model", model), kw_ma_str("why", "")};
  kw_step_note *nt;
  kw_status rc = add(a, s, st, key, args, 2, &nt);
  if (!rc && nt) nt->kind[1] = KW_AN_ARG_CHECKS;
  return rc;
}

void kw_an_notes_free(kw_analysis *a) {
  for (size_t k = 0; k < a->n_notes; k++) {
    kw_step_note *nt = &a->notes[k];
    for (size_t i = 0; i < nt->n; i++)
      if (nt->args[i].type == KW_MARG_STR)
        kw_free(a->ctx, (char *)nt->args[i].v.s);
    kw_free(a->ctx, (char *)nt->err.key);
    kw_free(a->ctx, (char *)nt->err.where);
    for (size_t i = 0; i < nt->err.n; i++) {
      kw_free(a->ctx, (char *)nt->err.names[i]);
      kw_free(a->ctx, (char *)nt->err.values[i]);
    }
  }
  kw_free(a->ctx, a->notes);
  a->notes = NULL;
  a->n_notes = a->cap_notes = 0;
}

/* A note that the table of this kind is absent (the writers name its
 * files: "customers.csv or klanten.csv"). */
kw_status kw_an_note_no_table(kw_analysis *a, kw_step s, kw_table_kind k,
                              kw_step_status st) {
  kw_marg args[] = {kw_ma_str("table", kw_table_kind_name(k)),
                    kw_ma_int("files", (int64_t)k)};
  kw_step_note *nt;
  kw_status rc = add(a, s, st, "note.no_table", args, 2, &nt);
  if (!rc && nt) nt->kind[1] = KW_AN_ARG_FILES;
  return rc;
}

/* ---------------------------------------------------------- percentiles */

/* Ranks by a radix sort of the finite values (stats/order.h), equal values
 * sharing the rank of the first. */
kw_status kw_an_percentile(kw_context *ctx, const double *metric,
                           const uint8_t *use, size_t n, double *score) {
  uint32_t *r = kw_malloc(ctx, (n ? n : 1) * sizeof *r);
  if (!r) return kw_fail_nomem(ctx);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    score[i] = NAN;
    if (use[i] && isfinite(metric[i])) r[m++] = (uint32_t)i;
  }
  if (kw_order_by_double(ctx, metric, r, m)) {
    kw_free(ctx, r);
    return KW_ENOMEM;
  }
  size_t k = 0;
  while (k < m) {
    size_t e = k;
    double v = metric[r[k]];
    while (e < m && metric[r[e]] == v) e++;
    double sc = (double)k / (double)m;
    for (size_t j = k; j < e; j++) score[r[j]] = sc;
    k = e;
  }
  kw_free(ctx, r);
  return KW_OK;
}

