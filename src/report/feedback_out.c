/*
 * feedback_out.c — writing the voice of the customer (klantwijs/feedback.h)
 * as a terminal report, long-form CSV or JSON, and the `feedback` member
 * shared by `klantwijs feedback --format json` and summary.json.
 *
 * Every sentence comes from the message table. A score below the minimum
 * number of answers is written as "not enough answers" (null in JSON,
 * empty in CSV with enough = 0), never as a number.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/feedback.h"
#include "report/feedback_out.h"
#include "report/messages.h"
#include "report/text.h"
#include "report/jw.h"

void kw_fb_report_options_init(kw_fb_report_options *o) {
  memset(o, 0, sizeof *o);
  o->format = KW_FORMAT_TABLE;
  o->lang = KW_LANG_EN;
  o->currency = "EUR";
}

/* ------------------------------------------------------------- JSON */

static double rnd(double v, int d) {
  if (!isfinite(v)) return v;
  double p = pow(10, d);
  return round(v * p) / p;
}

static void jnum_if(kw_jw *w, const char *k, double v, bool ok, int d) {
  if (ok && isfinite(v)) kw_jw_num(w, k, rnd(v, d));
  else kw_jw_null(w, k);
}

void kw_fb_json_scores(kw_jw *w, const kw_fb_scores *s) {
  bool ok = s->enough;
  kw_jw_int(w, "answers", (int64_t)s->answers);
  kw_jw_int(w, "customers", (int64_t)s->customers);
  kw_jw_bool(w, "enough", ok);
  kw_jw_int(w, "nps_n", (int64_t)s->nps_n);
  kw_jw_int(w, "promoters", (int64_t)s->promoters);
  kw_jw_int(w, "passives", (int64_t)s->passives);
  kw_jw_int(w, "detractors", (int64_t)s->detractors);
  jnum_if(w, "nps", s->nps, ok, 2);
  jnum_if(w, "nps_ci_low", s->nps_low, ok, 2);
  jnum_if(w, "nps_ci_high", s->nps_high, ok, 2);
  kw_jw_int(w, "csat_n", (int64_t)s->csat_n);
  jnum_if(w, "csat", s->csat_top2, ok && s->csat_n, 4);
  jnum_if(w, "csat_ci_low", s->csat_top2_low, ok && s->csat_n, 4);
  jnum_if(w, "csat_ci_high", s->csat_top2_high, ok && s->csat_n, 4);
  jnum_if(w, "csat_mean", s->csat_mean, ok && s->csat_n, 3);
  jnum_if(w, "csat_mean_ci_low", s->csat_mean_low, ok && s->csat_n, 3);
  jnum_if(w, "csat_mean_ci_high", s->csat_mean_high, ok && s->csat_n, 3);
  kw_jw_int(w, "ces_n", (int64_t)s->ces_n);
  jnum_if(w, "ces", s->ces_mean, ok && s->ces_n, 3);
  jnum_if(w, "ces_ci_low", s->ces_low, ok && s->ces_n, 3);
  jnum_if(w, "ces_ci_high", s->ces_high, ok && s->ces_n, 3);
}

static void json_groups(kw_jw *w, const char *key, const kw_fb_group *g,
                        size_t n) {
  kw_jw_begin_array(w, key);
  for (size_t i = 0; i < n; i++) {
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "group", g[i].key);
    kw_fb_json_scores(w, &g[i].s);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
}

static void json_mean(kw_jw *w, const char *k, const kw_fb_mean *m, int d) {
  char key[64];
  kw_jw_num(w, k, m->n ? rnd(m->mean, d) : NAN);
  snprintf(key, sizeof key, "%s_ci_low", k);
  kw_jw_num(w, key, rnd(m->low, d));
  snprintf(key, sizeof key, "%s_ci_high", k);
  kw_jw_num(w, key, rnd(m->high, d));
  snprintf(key, sizeof key, "%s_n", k);
  kw_jw_int(w, key, (int64_t)m->n);
}

void kw_fb_json_feedback(kw_jw *w, const kw_feedback *fb,
                         const kw_fb_extra *x) {
  const kw_fb_info *in = kw_feedback_info_view(fb);
  const kw_fb_scores *s = kw_feedback_overall_view(fb);
  kw_jw_str(w, "basis", in->all_answers ? "all_answers" : "latest_per_customer");
  kw_jw_date(w, "as_of", in->as_of);
  kw_jw_int(w, "respondents", (int64_t)in->respondents);
  if (in->buyers) kw_jw_int(w, "buying_customers", (int64_t)in->buyers);
  kw_jw_num(w, "response_rate", rnd(in->response_rate, 4));
  kw_jw_int(w, "anonymous", (int64_t)s->anonymous);
  kw_jw_int(w, "min_answers", (int64_t)in->min_answers);
  kw_jw_int(w, "min_group", (int64_t)in->min_group);
  kw_jw_num(w, "level", in->level);
  kw_jw_str(w, "nps_method", "wald_multinomial");
  kw_jw_str(w, "csat_method", "top_2_box_wilson");
  kw_jw_int(w, "csat_scale", s->csat_scale);
  kw_jw_int(w, "ces_scale", s->ces_scale);
  kw_fb_json_scores(w, s);
  if (x && x->by_sector) json_groups(w, "by_sector", x->by_sector, x->n_sector);
  if (x && x->by_segment)
    json_groups(w, "by_segment", x->by_segment, x->n_segment);
  if (x && x->by_action) json_groups(w, "by_action", x->by_action, x->n_action);
  size_t np;
  const kw_fb_period *p = kw_feedback_periods_view(fb, &np);
  kw_jw_begin_array(w, "by_period");
  for (size_t i = 0; i < np; i++) {
    char q[16];
    snprintf(q, sizeof q, "%04d-Q%d", p[i].year, p[i].quarter);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "period", q);
    kw_fb_json_scores(w, &p[i].s);
    kw_jw_num(w, "nps_change", rnd(p[i].nps_change, 2));
    kw_jw_num(w, "change_z", rnd(p[i].change_z, 3));
    kw_jw_num(w, "change_p", rnd(p[i].change_p, 4));
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  if (x && x->behaviour) {
    kw_jw_begin_object(w, "behaviour");
    kw_jw_str(w, "note", "association, not cause");
    kw_jw_str(w, "still_buying", x->active_basis
                                     ? x->active_basis
                                     : "a_purchase_in_the_last_365_days");
    kw_jw_str(w, "revenue", "net_revenue_last_365_days");
    for (int k = 0; k < KW_NPS__COUNT; k++) {
      const kw_fb_behaviour *b = &x->behaviour[k];
      kw_jw_begin_object(w, kw_nps_class_key((kw_nps_class)k));
      kw_jw_int(w, "customers", (int64_t)b->customers);
      json_mean(w, "active", &b->active, 4);
      json_mean(w, "revenue", &b->revenue, 2);
      json_mean(w, "clv", &b->clv, 2);
      kw_jw_end_object(w);
    }
    kw_jw_end_object(w);
  }
}

void kw_fb_json_competition(kw_jw *w, const char *key,
                            const kw_feedback *fb) {
  const kw_fb_competition *c = kw_feedback_competition_view(fb);
  if (!c) {
    kw_jw_null(w, key);
    return;
  }
  kw_jw_begin_object(w, key);
  kw_jw_str(w, "importance_method", "pearson_r_with_nps_fisher_z");
  kw_jw_str(w, "grid_method", "split_at_average_martilla_james");
  kw_jw_num(w, "importance_split", rnd(c->importance_split, 4));
  kw_jw_num(w, "performance_split", rnd(c->performance_split, 4));
  kw_jw_begin_array(w, "dimensions");
  for (size_t i = 0; i < c->n_dimensions; i++) {
    const kw_fb_dimension *d = &c->dimensions[i];
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "dimension", d->name);
    kw_jw_int(w, "n", (int64_t)d->n);
    kw_jw_int(w, "scale", d->scale);
    kw_jw_num(w, "mean", rnd(d->mean, 3));
    kw_jw_num(w, "mean_ci_low", rnd(d->low, 3));
    kw_jw_num(w, "mean_ci_high", rnd(d->high, 3));
    kw_jw_num(w, "importance", rnd(d->importance, 4));
    kw_jw_num(w, "importance_ci_low", rnd(d->importance_low, 4));
    kw_jw_num(w, "importance_ci_high", rnd(d->importance_high, 4));
    kw_jw_str(w, "quadrant", kw_ipa_quadrant_key(d->quadrant));
    kw_jw_begin_array(w, "competitors");
    for (size_t g = 0; g < c->n_gaps; g++) {
      const kw_fb_gap *p = &c->gaps[g];
      if (p->dimension != i) continue;
      kw_jw_begin_object(w, NULL);
      if (p->competitor) kw_jw_str(w, "competitor", p->competitor);
      else kw_jw_str(w, "competitor", "all");
      kw_jw_int(w, "n", (int64_t)p->n);
      kw_jw_bool(w, "enough", p->enough);
      jnum_if(w, "own_mean", p->own_mean, p->enough, 3);
      jnum_if(w, "competitor_mean", p->comp_mean, p->enough, 3);
      jnum_if(w, "difference", p->diff, p->enough, 3);
      jnum_if(w, "difference_ci_low", p->diff_low, p->enough, 3);
      jnum_if(w, "difference_ci_high", p->diff_high, p->enough, 3);
      jnum_if(w, "share_competitor_higher", p->share_comp_higher, p->enough,
              4);
      jnum_if(w, "share_ci_low", p->share_low, p->enough, 4);
      jnum_if(w, "share_ci_high", p->share_high, p->enough, 4);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  if (c->top_dimension < c->n_dimensions)
    kw_jw_str(w, "top_dimension", c->dimensions[c->top_dimension].name);
  else
    kw_jw_null(w, "top_dimension");
  kw_jw_int(w, "at_risk", (int64_t)c->at_risk);
  kw_jw_begin_object(w, "at_risk_by_competitor");
  for (size_t k = 0; k < c->n_competitors; k++)
    kw_jw_int(w, c->competitors[k], (int64_t)c->at_risk_per_competitor[k]);
  kw_jw_end_object(w);
  kw_jw_end_object(w);
}

static void json_theme_list(kw_jw *w, const char *key, const kw_fb_theme *t,
                            size_t n) {
  kw_jw_begin_array(w, key);
  for (size_t i = 0; i < n; i++) {
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "term", t[i].term);
    kw_jw_str(w, "label", t[i].label);
    kw_jw_str(w, "lang", t[i].lang);
    kw_jw_int(w, "count", (int64_t)t[i].count);
    kw_jw_int(w, "count_other_side", (int64_t)t[i].count_other);
    kw_jw_num(w, "score", rnd(t[i].score, 3));
    kw_jw_begin_array(w, "examples");
    for (size_t e = 0; e < t[i].n_examples; e++)
      kw_jw_str(w, NULL, t[i].examples[e]);
    kw_jw_end_array(w);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
}

void kw_fb_json_themes(kw_jw *w, const char *key, const kw_feedback *fb) {
  const kw_fb_themes *t = kw_feedback_themes_view(fb);
  if (!t) {
    kw_jw_null(w, key);
    return;
  }
  kw_jw_begin_object(w, key);
  kw_jw_str(w, "method", "log_odds_informative_dirichlet_monroe_2008");
  kw_jw_int(w, "comments", (int64_t)t->comments);
  kw_jw_begin_object(w, "comments_by_language");
  static const char *const lk[4] = {"nl", "en", "fr", "unknown"};
  for (int l = 0; l < 4; l++)
    kw_jw_int(w, lk[l], (int64_t)t->comments_by_lang[l]);
  kw_jw_end_object(w);
  json_theme_list(w, "detractors", t->detractor, t->n_detractor);
  json_theme_list(w, "promoters", t->promoter, t->n_promoter);
  kw_jw_end_object(w);
}

char *kw_fb_json_text(kw_context *ctx, const kw_feedback *fb,
                      const kw_fb_extra *x, int which) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) return NULL;
  kw_jw *w = kw_jw_new(ctx, f);
  kw_status st = KW_ENOMEM;
  if (w) {
    if (which == 0) {
      kw_jw_begin_object(w, NULL);
      kw_fb_json_feedback(w, fb, x);
      kw_jw_end_object(w);
    } else if (which == 1) {
      kw_fb_json_competition(w, NULL, fb);
    } else {
      kw_fb_json_themes(w, NULL, fb);
    }
    st = kw_jw_finish(w);
  }
  if (fclose(f) != 0) st = KW_ENOMEM;
  if (st) {
    free(buf);
    return NULL;
  }
  while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' ')) buf[--len] = 0;
  char *out = kw_strdup(ctx, buf);
  free(buf);
  return out;
}

/* ---------------------------------------------------------- people */

typedef struct tw {
  kw_context *ctx;
  FILE *f;
  kw_lang lang;
  const char *cur;
  kw_text t;
} tw;

static const char *M(const tw *w, kw_msg m) { return kw_msg_text(m, w->lang); }

static void say(tw *w, kw_msg m, const kw_marg *a, size_t n) {
  char buf[1024];
  kw_msg_format(buf, sizeof buf, m, w->lang, w->cur, a, n);
  kw_text_put(&w->t, buf);
  kw_text_putc(&w->t, '\n');
}

static char *num(char *b, double v, int d, kw_lang l) {
  if (!isfinite(v)) return strcpy(b, "");
  return kw_fmt_number(b, v, d, l);
}

static char *pct(char *b, double v, int d, kw_lang l) {
  if (!isfinite(v)) return strcpy(b, "");
  return kw_fmt_pct(b, v, d, l);
}

/* A table of strings: rows x cols cells of 64 bytes. */
typedef struct grid {
  size_t rows, cols;
  char (*cell)[64];
  const char **ptr; /* cols x rows pointers, column-major */
} grid;

static bool grid_init(kw_context *ctx, grid *g, size_t rows, size_t cols) {
  g->rows = rows;
  g->cols = cols;
  g->cell = kw_calloc(ctx, (rows ? rows : 1) * cols, sizeof *g->cell);
  g->ptr = kw_calloc(ctx, (rows ? rows : 1) * cols, sizeof *g->ptr);
  if (!g->cell || !g->ptr) return false;
  for (size_t c = 0; c < cols; c++)
    for (size_t r = 0; r < rows; r++)
      g->ptr[c * rows + r] = g->cell[r * cols + c];
  return true;
}

static char *G(grid *g, size_t r, size_t c) { return g->cell[r * g->cols + c]; }

static void grid_free(kw_context *ctx, grid *g) {
  kw_free(ctx, g->cell);
  kw_free(ctx, (void *)g->ptr);
}

static kw_status grid_write(tw *w, grid *g, const char *title,
                            const char *const *labels_en,
                            const char *const *labels_nl) {
  kw_rcol cols[16];
  for (size_t c = 0; c < g->cols && c < 16; c++)
    cols[c] = (kw_rcol){labels_en[c], labels_en[c], labels_nl[c], KW_CELL_STR,
                        0, g->ptr + c * g->rows, NULL, NULL, NULL};
  kw_rtable t = {title, g->rows, NULL, g->cols < 16 ? g->cols : 16, cols};
  if (!kw_text_flush(&w->t, w->f)) return kw_fail(w->ctx, KW_EIO, "write");
  return kw_write_rtable(w->ctx, w->f, &t, KW_FORMAT_TABLE, w->lang, 0);
}

static void score_cells(tw *w, const kw_fb_scores *s, char *nps, char *ci,
                        char *csat, char *ces) {
  char a[40], b[40];
  if (!s->enough) {
    strcpy(nps, M(w, MSG_FB_NOT_ENOUGH));
    ci[0] = csat[0] = ces[0] = 0;
    return;
  }
  num(nps, s->nps, 1, w->lang);
  snprintf(ci, 64, "%s .. %s", num(a, s->nps_low, 1, w->lang),
           num(b, s->nps_high, 1, w->lang));
  pct(csat, s->csat_top2, 0, w->lang);
  num(ces, s->ces_mean, 2, w->lang);
}

static kw_status group_table(tw *w, const char *title, const kw_fb_group *g,
                             size_t n) {
  grid gr;
  if (!grid_init(w->ctx, &gr, n, 6)) return kw_fail_nomem(w->ctx);
  for (size_t i = 0; i < n; i++) {
    snprintf(G(&gr, i, 0), 64, "%s",
             strcmp(g[i].key, "other") ? g[i].key : M(w, MSG_WORD_OTHER));
    snprintf(G(&gr, i, 1), 64, "%zu", g[i].s.nps_n);
    score_cells(w, &g[i].s, G(&gr, i, 2), G(&gr, i, 3), G(&gr, i, 4),
                G(&gr, i, 5));
  }
  static const char *const en[] = {"group", "answers", "NPS", "95% interval",
                                   "CSAT top-2", "CES"};
  static const char *const nl[] = {"groep", "antwoorden", "NPS",
                                   "95%-interval", "CSAT top-2", "CES"};
  kw_status st = grid_write(w, &gr, title, en, nl);
  grid_free(w->ctx, &gr);
  return st;
}

static kw_status table_report(tw *w, kw_feedback *fb, const kw_fb_extra *x) {
  const kw_fb_info *in = kw_feedback_info_view(fb);
  const kw_fb_scores *s = kw_feedback_overall_view(fb);
  kw_lang L = w->lang;
  kw_status st;
  kw_text_printf(&w->t, "%s\n\n", M(w, MSG_SEC_FEEDBACK));
  {
    kw_marg a[] = {kw_ma_int("answers", (int64_t)s->answers),
                   kw_ma_date("as_of", in->as_of)};
    say(w, in->all_answers ? MSG_FB_BASIS_ALL : MSG_FB_BASIS_LATEST, a, 2);
  }
  if (in->buyers) {
    kw_marg a[] = {kw_ma_int("respondents", (int64_t)in->respondents),
                   kw_ma_int("buyers", (int64_t)in->buyers),
                   kw_ma_pct("rate", in->response_rate, 1)};
    say(w, MSG_FB_RESPONSE, a, 3);
  }
  if (s->anonymous) {
    kw_marg a[] = {kw_ma_int("n", (int64_t)s->anonymous)};
    say(w, MSG_FB_ANONYMOUS, a, 1);
  }
  kw_text_putc(&w->t, '\n');
  if (!s->enough) {
    kw_marg a[] = {kw_ma_int("n", (int64_t)s->nps_n),
                   kw_ma_int("min", (int64_t)in->min_answers)};
    say(w, MSG_FB_OVERALL_NOT_ENOUGH, a, 2);
  } else {
    if (s->nps_n) {
      kw_marg a[] = {kw_ma_num("nps", s->nps, 1),
                     kw_ma_num("low", s->nps_low, 1),
                     kw_ma_num("high", s->nps_high, 1),
                     kw_ma_int("promoters", (int64_t)s->promoters),
                     kw_ma_int("passives", (int64_t)s->passives),
                     kw_ma_int("detractors", (int64_t)s->detractors),
                     kw_ma_int("n", (int64_t)s->nps_n)};
      say(w, MSG_FB_NPS_LINE, a, 7);
    }
    if (s->csat_n) {
      kw_marg a[] = {kw_ma_pct("top2", s->csat_top2, 1),
                     kw_ma_pct("low", s->csat_top2_low, 1),
                     kw_ma_pct("high", s->csat_top2_high, 1),
                     kw_ma_num("mean", s->csat_mean, 2),
                     kw_ma_num("mlow", s->csat_mean_low, 2),
                     kw_ma_num("mhigh", s->csat_mean_high, 2),
                     kw_ma_int("scale", s->csat_scale),
                     kw_ma_int("n", (int64_t)s->csat_n)};
      say(w, MSG_FB_CSAT_LINE, a, 8);
    }
    if (s->ces_n) {
      kw_marg a[] = {kw_ma_num("mean", s->ces_mean, 2),
                     kw_ma_num("low", s->ces_low, 2),
                     kw_ma_num("high", s->ces_high, 2),
                     kw_ma_int("scale", s->ces_scale),
                     kw_ma_int("n", (int64_t)s->ces_n)};
      say(w, MSG_FB_CES_LINE, a, 5);
    }
  }
  {
    kw_marg a[] = {kw_ma_int("min", (int64_t)in->min_answers),
                   kw_ma_int("group", (int64_t)in->min_group)};
    say(w, MSG_FB_MIN_RULE, a, 2);
  }
  if (x && x->n_sector &&
      (st = group_table(w, M(w, MSG_FB_T_SECTOR), x->by_sector, x->n_sector)))
    return st;
  if (x && x->n_segment &&
      (st = group_table(w, M(w, MSG_FB_T_SEGMENT), x->by_segment,
                        x->n_segment)))
    return st;
  if (x && x->n_action &&
      (st = group_table(w, M(w, MSG_FB_T_ACTION), x->by_action, x->n_action)))
    return st;
  size_t np;
  const kw_fb_period *p = kw_feedback_periods_view(fb, &np);
  if (np) {
    grid g;
    if (!grid_init(w->ctx, &g, np, 8)) return kw_fail_nomem(w->ctx);
    for (size_t i = 0; i < np; i++) {
      snprintf(G(&g, i, 0), 64, "%04d-Q%d", p[i].year, p[i].quarter);
      snprintf(G(&g, i, 1), 64, "%zu", p[i].s.nps_n);
      score_cells(w, &p[i].s, G(&g, i, 2), G(&g, i, 3), G(&g, i, 4),
                  G(&g, i, 5));
      num(G(&g, i, 6), p[i].nps_change, 1, L);
      num(G(&g, i, 7), p[i].change_p, 3, L);
    }
    static const char *const en[] = {"quarter", "answers", "NPS",
                                     "95% interval", "CSAT top-2", "CES",
                                     "change", "p"};
    static const char *const nl[] = {"kwartaal", "antwoorden", "NPS",
                                     "95%-interval", "CSAT top-2", "CES",
                                     "verschil", "p"};
    char title[256];
    snprintf(title, sizeof title, "\n%s", M(w, MSG_FB_T_PERIOD));
    st = grid_write(w, &g, title, en, nl);
    grid_free(w->ctx, &g);
    if (st) return st;
  }
  if (x && x->behaviour) {
    grid g;
    bool clv = x->behaviour[0].clv.n || x->behaviour[2].clv.n;
    if (!grid_init(w->ctx, &g, 3, clv ? 5 : 4)) return kw_fail_nomem(w->ctx);
    static const kw_msg cls[3] = {MSG_WORD_DETRACTORS, MSG_WORD_PASSIVES,
                                  MSG_WORD_PROMOTERS};
    for (int k = 0; k < 3; k++) {
      const kw_fb_behaviour *b = &x->behaviour[k];
      char a1[40], a2[40], a3[40];
      snprintf(G(&g, k, 0), 64, "%s", M(w, cls[k]));
      snprintf(G(&g, k, 1), 64, "%zu", b->customers);
      if (b->active.n)
        snprintf(G(&g, k, 2), 64, "%s (%s..%s)",
                 pct(a1, b->active.mean, 0, L), pct(a2, b->active.low, 0, L),
                 pct(a3, b->active.high, 0, L));
      if (b->revenue.n)
        snprintf(G(&g, k, 3), 64, "%s (%s..%s)",
                 num(a1, b->revenue.mean, 0, L),
                 num(a2, b->revenue.low, 0, L),
                 num(a3, b->revenue.high, 0, L));
      if (clv && b->clv.n)
        snprintf(G(&g, k, 4), 64, "%s (%s..%s)", num(a1, b->clv.mean, 0, L),
                 num(a2, b->clv.low, 0, L), num(a3, b->clv.high, 0, L));
    }
    static const char *const en[] = {"class", "customers", "still buying",
                                     "revenue 12 months", "CLV"};
    static const char *const nl[] = {"klasse", "klanten", "koopt nog",
                                     "omzet 12 maanden", "CLV"};
    char title[256];
    snprintf(title, sizeof title, "\n%s", M(w, MSG_FB_T_BEHAVIOUR));
    st = grid_write(w, &g, title, en, nl);
    grid_free(w->ctx, &g);
    if (st) return st;
  }
  const kw_fb_competition *c = kw_feedback_competition_view(fb);
  if (c) {
    grid g;
    if (!grid_init(w->ctx, &g, c->n_dimensions, 5))
      return kw_fail_nomem(w->ctx);
    static const kw_msg qm[] = {MSG_FB_Q_NONE, MSG_FB_Q_KEEP, MSG_FB_Q_IMPROVE,
                                MSG_FB_Q_LOW, MSG_FB_Q_OVERKILL};
    for (size_t i = 0; i < c->n_dimensions; i++) {
      const kw_fb_dimension *d = &c->dimensions[i];
      char a1[40], a2[40];
      snprintf(G(&g, i, 0), 64, "%s", d->name);
      snprintf(G(&g, i, 1), 64, "%zu", d->n);
      snprintf(G(&g, i, 2), 64, "%s (%s..%s)", num(a1, d->mean, 2, L),
               num(a2, d->low, 2, L), num(G(&g, i, 4), d->high, 2, L));
      char b1[40], b2[40], b3[40];
      snprintf(G(&g, i, 3), 64, "%s (%s..%s)", num(b1, d->importance, 2, L),
               num(b2, d->importance_low, 2, L),
               num(b3, d->importance_high, 2, L));
      snprintf(G(&g, i, 4), 64, "%s", M(w, qm[d->quadrant]));
    }
    static const char *const en[] = {"dimension", "answers", "own mean",
                                     "importance (r)", "grid"};
    static const char *const nl[] = {"dimensie", "antwoorden", "eigen gemiddelde",
                                     "belang (r)", "raster"};
    char title[512];
    snprintf(title, sizeof title, "\n%s", M(w, MSG_FB_T_DIMS));
    st = grid_write(w, &g, title, en, nl);
    grid_free(w->ctx, &g);
    if (st) return st;
    kw_text_printf(&w->t, "%s\n", M(w, MSG_FB_IMPORTANCE_METHOD));
    if (!grid_init(w->ctx, &g, c->n_gaps, 7)) return kw_fail_nomem(w->ctx);
    for (size_t i = 0; i < c->n_gaps; i++) {
      const kw_fb_gap *p2 = &c->gaps[i];
      char a1[40], a2[40];
      snprintf(G(&g, i, 0), 64, "%s", c->dimensions[p2->dimension].name);
      snprintf(G(&g, i, 1), 64, "%s",
               p2->competitor ? p2->competitor : M(w, MSG_FB_ALL_COMPETITORS));
      snprintf(G(&g, i, 2), 64, "%zu", p2->n);
      if (!p2->enough) {
        snprintf(G(&g, i, 3), 64, "%s", M(w, MSG_FB_NOT_ENOUGH));
        continue;
      }
      num(G(&g, i, 3), p2->own_mean, 2, L);
      num(G(&g, i, 4), p2->comp_mean, 2, L);
      snprintf(G(&g, i, 5), 64, "%s (%s..%s)", num(a1, p2->diff, 2, L),
               num(a2, p2->diff_low, 2, L), num(G(&g, i, 6), p2->diff_high, 2, L));
      pct(G(&g, i, 6), p2->share_comp_higher, 0, L);
    }
    static const char *const en2[] = {"dimension", "competitor", "answers",
                                      "own", "competitor mean",
                                      "difference (95%)",
                                      "rate competitor higher"};
    static const char *const nl2[] = {"dimensie", "concurrent", "antwoorden",
                                      "eigen", "gemiddelde concurrent",
                                      "verschil (95%)",
                                      "vinden concurrent beter"};
    snprintf(title, sizeof title, "\n%s", M(w, MSG_FB_T_GAPS));
    st = grid_write(w, &g, title, en2, nl2);
    grid_free(w->ctx, &g);
    if (st) return st;
    if (c->top_dimension < c->n_dimensions) {
      kw_marg a[] = {kw_ma_int("n", (int64_t)c->at_risk),
                     kw_ma_str("dimension",
                               c->dimensions[c->top_dimension].name)};
      say(w, MSG_FB_AT_RISK, a, 2);
    }
  }
  const kw_fb_themes *th = kw_feedback_themes_view(fb);
  if (th) {
    for (int side = 0; side < 2; side++) {
      const kw_fb_theme *t = side ? th->promoter : th->detractor;
      size_t n = side ? th->n_promoter : th->n_detractor;
      kw_text_printf(&w->t, "\n%s\n",
                     M(w, side ? MSG_FB_T_THEMES_PRO : MSG_FB_T_THEMES_DET));
      if (!n) {
        kw_text_printf(&w->t, "  %s\n", M(w, MSG_FB_NO_THEMES));
        continue;
      }
      for (size_t i = 0; i < n; i++) {
        char sc[40];
        kw_text_printf(&w->t, "  %-28s %4zu / %-4zu z %s\n", t[i].label,
                       t[i].count, t[i].count_other,
                       num(sc, t[i].score, 1, L));
        for (size_t e = 0; e < t[i].n_examples; e++)
          kw_text_printf(&w->t, "      \"%s\"\n", t[i].examples[e]);
      }
    }
    kw_text_printf(&w->t, "%s\n", M(w, MSG_FB_THEMES_METHOD));
  }
  if (!kw_text_flush(&w->t, w->f)) return kw_fail(w->ctx, KW_EIO, "write");
  return KW_OK;
}

/* ------------------------------------------------------------- CSV */

static void csv_field(FILE *f, const char *s) {
  bool q = strpbrk(s, ",\"\n\r") != NULL;
  if (!q) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static void csv_row(FILE *f, const char *section, const char *group,
                    const char *measure, double v, double lo, double hi,
                    size_t n) {
  char b[40];
  csv_field(f, section);
  fputc(',', f);
  csv_field(f, group);
  fputc(',', f);
  csv_field(f, measure);
  fputc(',', f);
  fputs(isfinite(v) ? kw_fmt_plain(b, v) : "", f);
  fputc(',', f);
  fputs(isfinite(lo) ? kw_fmt_plain(b, lo) : "", f);
  fputc(',', f);
  fputs(isfinite(hi) ? kw_fmt_plain(b, hi) : "", f);
  fprintf(f, ",%zu\n", n);
}

static void csv_scores(FILE *f, const char *sec, const char *grp,
                       const kw_fb_scores *s) {
  bool ok = s->enough;
  csv_row(f, sec, grp, "enough", ok, NAN, NAN, s->nps_n);
  csv_row(f, sec, grp, "nps", ok ? s->nps : NAN, ok ? s->nps_low : NAN,
          ok ? s->nps_high : NAN, s->nps_n);
  csv_row(f, sec, grp, "csat_top2", ok ? s->csat_top2 : NAN,
          ok ? s->csat_top2_low : NAN, ok ? s->csat_top2_high : NAN,
          s->csat_n);
  csv_row(f, sec, grp, "csat_mean", ok ? s->csat_mean : NAN,
          ok ? s->csat_mean_low : NAN, ok ? s->csat_mean_high : NAN,
          s->csat_n);
  csv_row(f, sec, grp, "ces_mean", ok ? s->ces_mean : NAN,
          ok ? s->ces_low : NAN, ok ? s->ces_high : NAN, s->ces_n);
}

static kw_status csv_report(kw_context *ctx, FILE *f, kw_feedback *fb,
                            const kw_fb_extra *x) {
  const kw_fb_info *in = kw_feedback_info_view(fb);
  fputs("section,group,measure,value,low,high,n\n", f);
  const char *basis = in->all_answers ? "all_answers" : "latest_per_customer";
  csv_scores(f, "overall", basis, kw_feedback_overall_view(fb));
  csv_row(f, "overall", basis, "response_rate", in->response_rate, NAN, NAN,
          in->respondents);
  if (x)
    for (size_t i = 0; i < x->n_sector; i++)
      csv_scores(f, "sector", x->by_sector[i].key, &x->by_sector[i].s);
  size_t np;
  const kw_fb_period *p = kw_feedback_periods_view(fb, &np);
  for (size_t i = 0; i < np; i++) {
    char q[16];
    snprintf(q, sizeof q, "%04d-Q%d", p[i].year, p[i].quarter);
    csv_scores(f, "period", q, &p[i].s);
    csv_row(f, "period", q, "nps_change", p[i].nps_change, NAN, NAN,
            p[i].s.nps_n);
    csv_row(f, "period", q, "change_p", p[i].change_p, NAN, NAN, p[i].s.nps_n);
  }
  if (x && x->behaviour)
    for (int k = 0; k < 3; k++) {
      const kw_fb_behaviour *b = &x->behaviour[k];
      const char *g = kw_nps_class_key((kw_nps_class)k);
      csv_row(f, "behaviour", g, "still_buying", b->active.mean,
              b->active.low, b->active.high, b->active.n);
      csv_row(f, "behaviour", g, "revenue_12m", b->revenue.mean,
              b->revenue.low, b->revenue.high, b->revenue.n);
      csv_row(f, "behaviour", g, "clv", b->clv.mean, b->clv.low, b->clv.high,
              b->clv.n);
    }
  const kw_fb_competition *c = kw_feedback_competition_view(fb);
  if (c) {
    for (size_t i = 0; i < c->n_dimensions; i++) {
      const kw_fb_dimension *d = &c->dimensions[i];
      csv_row(f, "dimension", d->name, "own_mean", d->mean, d->low, d->high,
              d->n);
      csv_row(f, "dimension", d->name, "importance_r", d->importance,
              d->importance_low, d->importance_high, d->importance_n);
    }
    for (size_t i = 0; i < c->n_gaps; i++) {
      const kw_fb_gap *g = &c->gaps[i];
      char grp[256];
      snprintf(grp, sizeof grp, "%s vs %s", c->dimensions[g->dimension].name,
               g->competitor ? g->competitor : "all");
      bool ok = g->enough;
      csv_row(f, "competition", grp, "difference", ok ? g->diff : NAN,
              ok ? g->diff_low : NAN, ok ? g->diff_high : NAN, g->n);
      csv_row(f, "competition", grp, "share_competitor_higher",
              ok ? g->share_comp_higher : NAN, ok ? g->share_low : NAN,
              ok ? g->share_high : NAN, g->n);
    }
  }
  const kw_fb_themes *th = kw_feedback_themes_view(fb);
  if (th) {
    for (size_t i = 0; i < th->n_detractor; i++)
      csv_row(f, "theme_detractors", th->detractor[i].label, "score",
              th->detractor[i].score, NAN, NAN, th->detractor[i].count);
    for (size_t i = 0; i < th->n_promoter; i++)
      csv_row(f, "theme_promoters", th->promoter[i].label, "score",
              th->promoter[i].score, NAN, NAN, th->promoter[i].count);
  }
  if (ferror(f)) return kw_out_fail(ctx, KW_EIO, "out.err.output", NULL);
  return KW_OK;
}

/* ------------------------------------------------------------ entry */

kw_status kw_report_feedback(kw_context *ctx, kw_feedback *fb,
                             const kw_fb_report_options *o, FILE *f) {
  kw_fb_report_options def;
  if (!o) kw_fb_report_options_init(&def), o = &def;
  kw_fb_extra x;
  memset(&x, 0, sizeof x);
  kw_fb_behaviour beh[KW_NPS__COUNT];
  kw_status st = kw_feedback_by_column(fb, KW_ROLE_SECTOR, &x.by_sector,
                                       &x.n_sector);
  if (st) return st;
  if (kw_feedback_info_view(fb)->has_customer) {
    if ((st = kw_feedback_behaviour(fb, o->behaviour, beh))) return st;
    x.behaviour = beh;
  }
  if (o->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) return kw_fail_nomem(ctx);
    kw_jw_begin_object(w, NULL);
    kw_jw_begin_object(w, "feedback");
    kw_fb_json_feedback(w, fb, &x);
    kw_jw_end_object(w);
    kw_fb_json_competition(w, "competition", fb);
    kw_fb_json_themes(w, "themes", fb);
    kw_jw_end_object(w);
    return kw_jw_finish(w);
  }
  if (o->format == KW_FORMAT_CSV) return csv_report(ctx, f, fb, &x);
  tw w = {ctx, f, o->lang, o->currency ? o->currency : "EUR", {0}};
  kw_text_init(&w.t, ctx);
  st = table_report(&w, fb, &x);
  kw_text_free(&w.t);
  return st;
}
