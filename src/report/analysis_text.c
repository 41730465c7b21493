/*
 * analysis_text.c — the words of a kw_analysis in the language a writer
 * asks for: the steps' labels and notes (kept by the analysis as message
 * keys with values), group labels and the CLV checks.
 */
#include "report/analysis_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const int step_msg[KW_STEP__COUNT] = {
    [KW_STEP_SUMMARY] = MSG_STEP_SUMMARY,
    [KW_STEP_QUALITY] = MSG_STEP_QUALITY,
    [KW_STEP_PROFIT] = MSG_STEP_PROFIT,
    [KW_STEP_PARETO] = MSG_STEP_PARETO,
    [KW_STEP_RFM] = MSG_STEP_RFM,
    [KW_STEP_CLV] = MSG_STEP_CLV,
    [KW_STEP_CHURN] = MSG_STEP_CHURN,
    [KW_STEP_COHORTS] = MSG_STEP_COHORTS,
    [KW_STEP_PAYMENTS] = MSG_STEP_PAYMENTS,
    [KW_STEP_CROSS_SELL] = MSG_STEP_CROSS_SELL,
    [KW_STEP_FEEDBACK] = MSG_STEP_FEEDBACK,
    [KW_STEP_ACQUISITION] = MSG_STEP_ACQUISITION,
    [KW_STEP_TRENDS] = MSG_STEP_TRENDS,
    [KW_STEP_JOURNEY] = MSG_STEP_JOURNEY,
    [KW_STEP_REFERRALS] = MSG_STEP_REFERRALS,
    [KW_STEP_ACTIONS] = MSG_STEP_ACTIONS,
};

const char *kw_step_label(kw_step s, kw_lang lang) {
  return (unsigned)s < KW_STEP__COUNT ? kw_msg_text((kw_msg)step_msg[s], lang)
                                      : "";
}

static const int flag_msg[KW_CLV_FLAG_COUNT] = {
    MSG_FLAG_NO_INFO, MSG_FLAG_NOT_CONVERGED, MSG_FLAG_BOUND,
    MSG_FLAG_SE,      MSG_FLAG_ALL_ALIVE,     MSG_FLAG_HOLDOUT};

size_t kw_an_check_text(const kw_analysis *a, const kw_clv_result *r,
                        const kw_clv_check *c, kw_lang lang, char *buf,
                        size_t cap) {
  size_t len = 0;
  const char *const *pn = kw_clv_model_param_names(r->model);
  size_t p = c->param < r->n_params ? c->param : 0;
  if (cap) buf[0] = '\0';
  for (unsigned k = 0; k < KW_CLV_FLAG_COUNT; k++) {
    if (!(c->flags & (1u << k))) continue;
    char vs[32], ss[32];
    snprintf(vs, sizeof vs, "%.3g", r->params[p]);
    snprintf(ss, sizeof ss, "%.3g", r->se[p]);
    if (lang == KW_LANG_NL)
      for (char *q = vs; *q; q++) *q = *q == '.' ? ',' : *q;
    if (lang == KW_LANG_NL)
      for (char *q = ss; *q; q++) *q = *q == '.' ? ',' : *q;
    kw_marg args[] = {
        kw_ma_str("param", pn ? pn[p] : "?"),
        kw_ma_str("value", vs),
        kw_ma_str("se", ss),
        kw_ma_pct("share", c->alive_share, 1),
        kw_ma_pct("error", fabs(c->holdout_error), 0),
        kw_ma_str("direction",
                  kw_msg_text(c->holdout_error < 0 ? MSG_WORD_UNDER
                                                   : MSG_WORD_OVER,
                              lang)),
    };
    char one[256];
    kw_msg_format(one, sizeof one, (kw_msg)flag_msg[k], lang, a->currency,
                  args, sizeof args / sizeof *args);
    int w = snprintf(buf + (len < cap ? len : cap ? cap - 1 : 0),
                     len < cap ? cap - len : 0, "%s%s", len ? "; " : "", one);
    if (w > 0) len += (size_t)w;
  }
  return len;
}

/* "customers.csv or klanten.csv": the files a table kind is read from. */
static void table_files(kw_table_kind k, kw_lang lang, char *list,
                        size_t cap) {
  static const char *const files[KW_TABLE__COUNT] = {
#define KW_X_TABLE(e, name, f) [e] = f,
      KW_TABLE_LIST(KW_X_TABLE)
#undef KW_X_TABLE
  };
  const char *or = lang == KW_LANG_NL ? " of " : " or ";
  size_t j = 0;
  if ((unsigned)k < KW_TABLE__COUNT)
    for (const char *p = files[k]; *p && j + 8 < cap; p++) {
      if (*p == ' ') {
        for (const char *q = or; *q && j + 1 < cap; q++) list[j++] = *q;
      } else {
        list[j++] = *p;
      }
    }
  list[j] = '\0';
}

/* One note in lang (at most 1,024 bytes, as the analysis made them). */
static void note_text(const kw_analysis *a, const kw_step_note *nt,
                      kw_lang lang, char *out, size_t cap) {
  kw_marg args[KW_AN_NOTE_ARGS];
  char err[1024], files[160], why[512];
  for (size_t i = 0; i < nt->n; i++) {
    args[i] = nt->args[i];
    switch (nt->kind[i]) {
      case KW_AN_ARG_ERROR:
        if (nt->err.key) {
          kw_msginfo_text(err, sizeof err, &nt->err, nt->args[i].v.s, lang);
          args[i] = kw_ma_str(nt->args[i].name, err);
        }
        break;
      case KW_AN_ARG_FILES:
        table_files((kw_table_kind)nt->args[i].v.i, lang, files,
                    sizeof files);
        args[i] = kw_ma_str(nt->args[i].name, files);
        break;
      case KW_AN_ARG_CHECKS:
        kw_an_check_text(a, &a->fit_res, &a->check, lang, why, sizeof why);
        args[i] = kw_ma_str(nt->args[i].name, why);
        break;
      default: break;
    }
  }
  int m = kw_msg_find(nt->key);
  if (m < 0)
    kw_msg_fill(out, cap, nt->key, lang, a->currency, args, nt->n);
  else
    kw_msg_format(out, cap, (kw_msg)m, lang, a->currency, args, nt->n);
}

size_t kw_an_notes_text(const kw_analysis *a, kw_step s, kw_lang lang,
                        char *buf, size_t cap) {
  size_t len = 0;
  if (cap) buf[0] = '\0';
  for (size_t k = 0; k < a->n_notes; k++) {
    if (a->notes[k].step != s) continue;
    char one[1024];
    note_text(a, &a->notes[k], lang, one, sizeof one);
    int w = snprintf(buf + (len < cap ? len : cap ? cap - 1 : 0),
                     len < cap ? cap - len : 0, "%s%s", len ? "; " : "", one);
    if (w > 0) len += (size_t)w;
  }
  return len;
}

void kw_analysis_step(const kw_analysis *a, kw_step s, kw_lang lang,
                      kw_step_info *out) {
  memset(out, 0, sizeof *out);
  if ((unsigned)s >= KW_STEP__COUNT) return;
  out->key = kw_step_key(s);
  out->label = kw_step_label(s, lang);
  out->status = a->step[s];
  kw_an_notes_text(a, s, lang, out->note, sizeof out->note);
}

static const kw_rfm_segment_row *rfm_segment(const kw_analysis *a,
                                             const kw_group_row *g) {
  if (g->kind != KW_ANG_RFM || !a->rd || g->code < 0 ||
      (size_t)g->code >= a->rd->n_segments)
    return NULL;
  return &a->rd->segments[g->code];
}

const char *kw_an_group_label(const kw_analysis *a, const kw_group_row *g,
                              kw_lang lang) {
  static const int pay[KW_PAY__COUNT] = {MSG_WORD_NO_PURCHASE, MSG_WORD_FAST,
                                         MSG_WORD_SLOW, MSG_WORD_PROBLEMATIC};
  const kw_rfm_segment_row *sr;
  switch (g->kind) {
    case KW_ANG_OTHER: return kw_msg_text(MSG_WORD_OTHER, lang);
    case KW_ANG_PAY:
      return g->code >= 0 && g->code < KW_PAY__COUNT
                 ? kw_msg_text((kw_msg)pay[g->code], lang)
                 : g->key;
    case KW_ANG_RFM:
      sr = rfm_segment(a, g);
      return sr ? lang == KW_LANG_NL ? sr->name_nl : sr->name_en : g->key;
    default: return g->key;
  }
}

const char *kw_an_group_action(const kw_analysis *a, const kw_group_row *g,
                               kw_lang lang) {
  const kw_rfm_segment_row *sr = rfm_segment(a, g);
  if (!sr) return NULL;
  return lang == KW_LANG_NL ? sr->action_nl : sr->action_en;
}

const char *kw_an_segment_name(const kw_analysis *a, const char *key,
                               kw_lang lang) {
  if (!key) return NULL;
  if (a->rd)
    for (size_t k = 0; k < a->rd->n_segments; k++)
      if (strcmp(a->rd->segments[k].key, key) == 0)
        return lang == KW_LANG_NL ? a->rd->segments[k].name_nl
                                  : a->rd->segments[k].name_en;
  if (strcmp(key, "other") == 0) return kw_msg_text(MSG_WORD_OTHER, lang);
  return key;
}
