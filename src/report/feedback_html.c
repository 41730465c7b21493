/*
 * feedback_html.c — the voice of the customer in the HTML report: the
 * scores with their intervals, NPS per quarter, scores per segment, action
 * and sector, promoters against detractors in behaviour, the competitive
 * position (importance-performance grid and the share rating a competitor
 * higher) and the comment themes with masked examples. Every chart has one
 * sentence under it that reads it. Called from html.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/analyze_internal.h"
#include "report/messages.h"
#include "report/feedback_out.h"
#include "report/svg.h"
#include "report/text.h"

typedef struct fw {
  kw_text *t;
  const kw_analysis *a;
  kw_lang lang;
  const kw_svg_style *st;
  char buf[1024];
} fw;

static const char *M(fw *w, kw_msg m) { return kw_msg_text(m, w->lang); }

static void para(fw *w, const char *cls, const char *s) {
  kw_text_printf(w->t, "<p class=\"%s\">", cls);
  kw_text_esc(w->t, s);
  kw_text_put(w->t, "</p>\n");
}

static void say(fw *w, const char *cls, kw_msg m, const kw_marg *a,
                size_t n) {
  kw_msg_format(w->buf, sizeof w->buf, m, w->lang, w->a->currency, a, n);
  para(w, cls, w->buf);
}

static char *fnum(fw *w, char *b, double v, int d) {
  if (!isfinite(v)) return strcpy(b, "–");
  return kw_fmt_number(b, v, d, w->lang);
}

/* ------------------------------------------------- NPS per quarter */

/* Dots with whiskers for the 95% interval, one per quarter with enough
 * answers; a line at 0. */
static void chart_periods(fw *w, const kw_fb_period *p, size_t n) {
  size_t k = 0;
  double lo = 0, hi = 0;
  for (size_t i = 0; i < n; i++)
    if (p[i].s.enough) {
      k++;
      if (p[i].s.nps_low < lo) lo = p[i].s.nps_low;
      if (p[i].s.nps_high > hi) hi = p[i].s.nps_high;
    }
  if (k < 2) return;
  lo = floor(lo / 20) * 20;
  hi = ceil(hi / 20) * 20;
  if (hi <= lo) hi = lo + 20;
  const double W = 640, H = 260, L = 48, R = 12, T = 12, B = 40;
  kw_text_printf(w->t, "<figure><figcaption>");
  kw_text_esc(w->t, M(w, MSG_CHART_FB_PERIOD));
  kw_text_printf(w->t,
                 "</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" "
                 "viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>",
                 W, H);
  kw_text_esc(w->t, M(w, MSG_CHART_FB_PERIOD));
  kw_text_put(w->t, "</title>\n");
#define YP(v) (T + (H - T - B) * (hi - (v)) / (hi - lo))
  char b[48];
  for (double v = lo; v <= hi + 1e-9; v += 20) {
    kw_text_printf(w->t,
                   "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"%s\" stroke-width=\"1\"/>",
                   L, W - R, YP(v), YP(v), v == 0 ? "#64748b" : "#e2e8f0");
    kw_text_printf(w->t,
                   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                   "text-anchor=\"end\" fill=\"#334155\">%s</text>\n",
                   L - 6, YP(v) + 4, kw_fmt_number(b, v, 0, w->lang));
  }
  double step = (W - L - R) / (double)n;
  for (size_t i = 0; i < n; i++) {
    double x = L + step * ((double)i + 0.5);
    kw_text_printf(w->t,
                   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                   "text-anchor=\"middle\" fill=\"#334155\">%04d-Q%d</text>",
                   x, H - B + 16, p[i].year, p[i].quarter);
    if (!p[i].s.enough) continue;
    kw_text_printf(w->t,
                   "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#1d4ed8\" stroke-width=\"2\"/>"
                   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1d4ed8\">"
                   "<title>",
                   x, x, YP(p[i].s.nps_low), YP(p[i].s.nps_high), x,
                   YP(p[i].s.nps));
    snprintf(w->buf, sizeof w->buf, "%04d-Q%d: NPS %s (%s .. %s), n = %zu",
             p[i].year, p[i].quarter, fnum(w, b, p[i].s.nps, 1),
             fnum(w, b + 16, p[i].s.nps_low, 1),
             fnum(w, b + 32, p[i].s.nps_high, 1), p[i].s.nps_n);
    kw_text_esc(w->t, w->buf);
    kw_text_put(w->t, "</title></circle>\n");
  }
#undef YP
  kw_text_put(w->t, "</svg>\n");
  /* the reading: the last two quarters with enough answers */
  const kw_fb_period *q1 = NULL, *q0 = NULL;
  for (size_t i = n; i-- > 0;)
    if (p[i].s.enough) {
      if (!q1) q1 = &p[i];
      else if (!q0) q0 = &p[i];
    }
  if (q0 && q1) {
    char s0[16], s1[16];
    snprintf(s0, sizeof s0, "%04d-Q%d", q0->year, q0->quarter);
    snprintf(s1, sizeof s1, "%04d-Q%d", q1->year, q1->quarter);
    double se = sqrt(q0->s.nps_se * q0->s.nps_se + q1->s.nps_se * q1->s.nps_se);
    double z = se > 0 ? (q1->s.nps - q0->s.nps) / se : 0;
    double pv = erfc(fabs(z) / sqrt(2.0));
    kw_marg m[] = {kw_ma_num("from", q0->s.nps, 0), kw_ma_str("p0", s0),
                   kw_ma_num("to", q1->s.nps, 0), kw_ma_str("p1", s1),
                   kw_ma_num("p", pv, 3)};
    say(w, "reading", pv < 0.05 ? MSG_READ_FB_TREND_SIG : MSG_READ_FB_TREND_NS,
        m, 5);
  }
  kw_text_put(w->t, "</figure>\n");
}

/* ----------------------------------------------------------- tables */

/* keys: 0 values as they are, 1 action keys, 2 RFM segment keys */
static void group_table(fw *w, kw_msg title, const kw_fb_group *g, size_t n,
                        int keys) {
  if (!n) return;
  kw_text_put(w->t, "<h3>");
  kw_text_esc(w->t, M(w, title) + (M(w, title)[0] == '\n'));
  kw_text_put(w->t, "</h3>\n<div class=\"scroll\"><table class=\"data\">"
                    "<thead><tr>");
  static const char *const en[] = {"group", "answers", "NPS", "95% interval",
                                   "CSAT top-2", "CES"};
  static const char *const nl[] = {"groep", "antwoorden", "NPS",
                                   "95%-interval", "CSAT top-2", "CES"};
  for (int c = 0; c < 6; c++) {
    kw_text_printf(w->t, "<th%s>", c ? " class=\"n\"" : "");
    kw_text_esc(w->t, w->lang == KW_LANG_NL ? nl[c] : en[c]);
    kw_text_put(w->t, "</th>");
  }
  kw_text_put(w->t, "</tr></thead><tbody>\n");
  char b1[48], b2[48];
  for (size_t i = 0; i < n; i++) {
    const kw_fb_scores *s = &g[i].s;
    const char *name = g[i].key;
    if (!strcmp(name, "other")) name = M(w, MSG_WORD_OTHER);
    else if (keys == 1)
      name = kw_action_label(kw_action_from_key(g[i].key), w->lang);
    else if (keys == 2 && w->a->rd)
      for (size_t k = 0; k < w->a->rd->n_segments; k++)
        if (!strcmp(w->a->rd->segments[k].key, g[i].key))
          name = w->lang == KW_LANG_NL ? w->a->rd->segments[k].name_nl
                                       : w->a->rd->segments[k].name_en;
    kw_text_put(w->t, "<tr><td>");
    kw_text_esc(w->t, name);
    kw_text_printf(w->t, "</td><td class=\"n\">%zu</td>", s->nps_n);
    if (!s->enough) {
      kw_text_put(w->t, "<td class=\"n\" colspan=\"4\">");
      kw_text_esc(w->t, M(w, MSG_FB_NOT_ENOUGH));
      kw_text_put(w->t, "</td></tr>\n");
      continue;
    }
    kw_text_printf(w->t, "<td class=\"n\">%s</td>", fnum(w, b1, s->nps, 1));
    kw_text_printf(w->t, "<td class=\"n\">%s .. %s</td>",
                   fnum(w, b1, s->nps_low, 1), fnum(w, b2, s->nps_high, 1));
    kw_text_printf(w->t, "<td class=\"n\">%s</td>",
                   isfinite(s->csat_top2)
                       ? kw_fmt_pct(b1, s->csat_top2, 0, w->lang)
                       : "–");
    kw_text_printf(w->t, "<td class=\"n\">%s</td></tr>\n",
                   fnum(w, b1, s->ces_mean, 2));
  }
  kw_text_put(w->t, "</tbody></table></div>\n");
}

/* -------------------------------------------------------- behaviour */

static void behaviour(fw *w) {
  const kw_analysis *a = w->a;
  if (!a->have_fb_beh) return;
  const kw_fb_behaviour *b = a->fb_beh;
  if (!b[0].active.n || !b[2].active.n) return;
  const char *cats[3] = {M(w, MSG_WORD_DETRACTORS), M(w, MSG_WORD_PASSIVES),
                         M(w, MSG_WORD_PROMOTERS)};
  double v[3], lo[3], hi[3];
  for (int k = 0; k < 3; k++)
    v[k] = b[k].active.mean, lo[k] = b[k].active.low, hi[k] = b[k].active.high;
  kw_text_put(w->t, "<figure><figcaption>");
  kw_text_esc(w->t, M(w, MSG_CHART_FB_BEHAVIOUR));
  kw_text_put(w->t, "</figcaption>\n");
  kw_svg_series s = {NULL, NULL, v, 3, "#1d4ed8", false, false, lo, hi};
  kw_svg_axis ya = {M(w, MSG_AXIS_STILL_ACTIVE), 0, 1, KW_SVG_PCT, 0};
  kw_svg_bars(w->t, w->st, M(w, MSG_CHART_FB_BEHAVIOUR), cats, 3, &s, 1, &ya,
              NULL);
  kw_marg m[] = {kw_ma_pct("pro", v[2], 0), kw_ma_pct("det", v[0], 0)};
  say(w, "reading", MSG_READ_FB_BEHAVIOUR, m, 2);
  /* revenue and CLV side by side, with intervals */
  kw_text_put(w->t, "<div class=\"scroll\"><table class=\"data\"><thead><tr>");
  static const char *const en[] = {"class", "customers", "still buying",
                                   "revenue, last 12 months", "CLV"};
  static const char *const nl[] = {"klasse", "klanten", "koopt nog",
                                   "omzet, laatste 12 maanden", "CLV"};
  for (int c = 0; c < 5; c++) {
    kw_text_printf(w->t, "<th%s>", c ? " class=\"n\"" : "");
    kw_text_esc(w->t, w->lang == KW_LANG_NL ? nl[c] : en[c]);
    kw_text_put(w->t, "</th>");
  }
  kw_text_put(w->t, "</tr></thead><tbody>\n");
  char x1[48], x2[48], x3[48];
  for (int k = 0; k < 3; k++) {
    kw_text_put(w->t, "<tr><td>");
    kw_text_esc(w->t, cats[k]);
    kw_text_printf(w->t, "</td><td class=\"n\">%zu</td>", b[k].customers);
    kw_text_printf(w->t, "<td class=\"n\">%s (%s .. %s)</td>",
                   kw_fmt_pct(x1, b[k].active.mean, 0, w->lang),
                   kw_fmt_pct(x2, b[k].active.low, 0, w->lang),
                   kw_fmt_pct(x3, b[k].active.high, 0, w->lang));
    const kw_fb_mean *mm[2] = {&b[k].revenue, &b[k].clv};
    for (int j = 0; j < 2; j++) {
      if (!mm[j]->n) {
        kw_text_put(w->t, "<td class=\"n\">–</td>");
        continue;
      }
      kw_text_printf(
          w->t, "<td class=\"n\">%s (",
          kw_fmt_currency(x1, llround(mm[j]->mean * 100), 0, w->lang,
                          a->currency));
      kw_text_printf(w->t, "%s .. ",
                     kw_fmt_currency(x2, llround(mm[j]->low * 100), 0,
                                     w->lang, a->currency));
      kw_text_printf(w->t, "%s)</td>",
                     kw_fmt_currency(x3, llround(mm[j]->high * 100), 0,
                                     w->lang, a->currency));
    }
    kw_text_put(w->t, "</tr>\n");
  }
  kw_text_put(w->t, "</tbody></table></div>\n");
  para(w, "small", M(w, MSG_FB_T_BEHAVIOUR));
  kw_text_put(w->t, "</figure>\n");
}

/* ------------------------------------------------------ competition */

static void grid(fw *w, const kw_fb_competition *c) {
  size_t k = 0;
  double xmin = 1, xmax = -1, ymin = 1e9, ymax = -1e9;
  for (size_t i = 0; i < c->n_dimensions; i++) {
    const kw_fb_dimension *d = &c->dimensions[i];
    if (!isfinite(d->importance) || !isfinite(d->mean)) continue;
    k++;
    xmin = fmin(xmin, d->importance), xmax = fmax(xmax, d->importance);
    ymin = fmin(ymin, d->mean), ymax = fmax(ymax, d->mean);
  }
  if (k < 2) return;
  double xp = (xmax - xmin) * 0.25 + 0.02, yp = (ymax - ymin) * 0.25 + 0.05;
  xmin -= xp, xmax += xp, ymin -= yp, ymax += yp;
  const double W = 640, H = 320, L = 56, R = 16, T = 16, B = 44;
#define XP(v) (L + (W - L - R) * ((v) - xmin) / (xmax - xmin))
#define YP(v) (T + (H - T - B) * (ymax - (v)) / (ymax - ymin))
  kw_text_put(w->t, "<figure><figcaption>");
  kw_text_esc(w->t, M(w, MSG_CHART_FB_GRID));
  kw_text_printf(w->t,
                 "</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" "
                 "viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>",
                 W, H);
  kw_text_esc(w->t, M(w, MSG_CHART_FB_GRID));
  kw_text_put(w->t, "</title>\n");
  double sx = XP(c->importance_split), sy = YP(c->performance_split);
  kw_text_printf(w->t,
                 "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                 "fill=\"none\" stroke=\"#cbd5e1\"/>"
                 "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"#64748b\" stroke-dasharray=\"4 3\"/>"
                 "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"#64748b\" stroke-dasharray=\"4 3\"/>\n",
                 L, T, W - L - R, H - T - B, sx, sx, T, H - B, L, W - R, sy,
                 sy);
  /* quadrant names in the corners */
  struct {
    kw_msg m;
    double x, y;
    const char *anchor;
  } q[4] = {{MSG_FB_Q_KEEP, W - R - 6, T + 14, "end"},
            {MSG_FB_Q_IMPROVE, W - R - 6, H - B - 6, "end"},
            {MSG_FB_Q_LOW, L + 6, H - B - 6, "start"},
            {MSG_FB_Q_OVERKILL, L + 6, T + 14, "start"}};
  for (int i = 0; i < 4; i++) {
    kw_text_printf(w->t,
                   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                   "text-anchor=\"%s\" fill=\"#64748b\">",
                   q[i].x, q[i].y, q[i].anchor);
    kw_text_esc(w->t, M(w, q[i].m));
    kw_text_put(w->t, "</text>\n");
  }
  kw_text_printf(w->t,
                 "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                 "text-anchor=\"middle\" fill=\"#334155\">",
                 (L + W - R) / 2, H - 10);
  kw_text_esc(w->t, M(w, MSG_AXIS_IMPORTANCE));
  kw_text_printf(w->t,
                 "</text><text x=\"14\" y=\"%.1f\" font-size=\"11\" "
                 "text-anchor=\"middle\" fill=\"#334155\" "
                 "transform=\"rotate(-90 14 %.1f)\">",
                 (T + H - B) / 2, (T + H - B) / 2);
  kw_text_esc(w->t, M(w, MSG_AXIS_PERFORMANCE));
  kw_text_put(w->t, "</text>\n");
  char b[48];
  for (size_t i = 0; i < c->n_dimensions; i++) {
    const kw_fb_dimension *d = &c->dimensions[i];
    if (!isfinite(d->importance) || !isfinite(d->mean)) continue;
    kw_text_printf(w->t,
                   "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                   "fill=\"#0f172a\">",
                   XP(d->importance), YP(d->mean),
                   d->quadrant == KW_IPA_IMPROVE ? "#dc2626" : "#1d4ed8",
                   XP(d->importance) + 9, YP(d->mean) + 4);
    kw_text_esc(w->t, d->name);
    kw_text_printf(w->t, " (%s)</text>\n", fnum(w, b, d->mean, 2));
  }
#undef XP
#undef YP
  kw_text_put(w->t, "</svg>\n");
  const kw_fb_dimension *top = &c->dimensions[c->top_dimension];
  char r[48], o[48];
  kw_marg m[] = {kw_ma_str("dimension", top->name),
                 kw_ma_str("r", fnum(w, r, top->importance, 2)),
                 kw_ma_str("own", fnum(w, o, top->mean, 2))};
  say(w, "reading",
      top->quadrant == KW_IPA_IMPROVE ? MSG_READ_FB_GRID_IMPROVE
                                      : MSG_READ_FB_GRID_KEEP,
      m, 3);
  para(w, "small", M(w, MSG_FB_IMPORTANCE_METHOD));
  kw_text_put(w->t, "</figure>\n");
}

static void gaps(fw *w, const kw_fb_competition *c) {
  size_t nd = c->n_dimensions, nc = c->n_competitors;
  if (!nd || !nc || nc > 8) return;
  const char *cats[16];
  double v[8][16];
  kw_svg_series s[8];
  static const char *const colors[8] = {"#1d4ed8", "#f97316", "#16a34a",
                                        "#9333ea", "#dc2626", "#0891b2",
                                        "#ca8a04", "#64748b"};
  const kw_fb_gap *best = NULL;
  for (size_t d = 0; d < nd && d < 16; d++)
    cats[d] = c->dimensions[d].name;
  for (size_t k = 0; k < nc; k++) {
    for (size_t d = 0; d < nd && d < 16; d++) {
      const kw_fb_gap *g = &c->gaps[d * (nc + 1) + 1 + k];
      v[k][d] = g->enough ? g->share_comp_higher : NAN;
      if (g->enough && (!best || g->share_comp_higher > best->share_comp_higher))
        best = g;
    }
    s[k] = (kw_svg_series){c->competitors[k], NULL, v[k], nd, colors[k],
                           false, false, NULL, NULL};
  }
  kw_text_put(w->t, "<figure><figcaption>");
  kw_text_esc(w->t, M(w, MSG_CHART_FB_GAP));
  kw_text_put(w->t, "</figcaption>\n");
  kw_svg_axis ya = {M(w, MSG_AXIS_CUSTOMER_SHARE), 0, 1, KW_SVG_PCT, 0};
  kw_svg_bars(w->t, w->st, M(w, MSG_CHART_FB_GAP), cats, nd, s, nc, &ya, NULL);
  if (best) {
    kw_marg m[] = {kw_ma_str("dimension", c->dimensions[best->dimension].name),
                   kw_ma_pct("share", best->share_comp_higher, 0),
                   kw_ma_str("competitor", best->competitor)};
    say(w, "reading", MSG_READ_FB_GAP, m, 3);
  } else {
    para(w, "reading", M(w, MSG_READ_FB_NO_GAP));
  }
  if (c->top_dimension < nd) {
    kw_marg m[] = {kw_ma_int("n", (int64_t)c->at_risk),
                   kw_ma_str("dimension", c->dimensions[c->top_dimension].name)};
    say(w, "small", MSG_FB_AT_RISK, m, 2);
    /* where they are in the action plan */
    const kw_analysis *a = w->a;
    size_t retained = 0, other = 0;
    kw_fb_customer fc;
    for (size_t i = 0; a->action && i < a->n; i++) {
      if (!kw_feedback_customer(a->fb, i, &fc) ||
          fc.risk != KW_FB_RISK_COMPETITOR || a->action[i] == KW_ACTION_NONE)
        continue;
      if (a->action[i] == KW_ACTION_RETAIN) retained++;
      else other++;
    }
    if (c->at_risk && a->action) {
      kw_marg pm[] = {kw_ma_int("retained", (int64_t)retained),
                      kw_ma_int("other", (int64_t)other)};
      say(w, "small", MSG_FB_AT_RISK_PLAN, pm, 2);
    }
  }
  kw_text_put(w->t, "</figure>\n");
}

/* ----------------------------------------------------------- themes */

static void themes(fw *w) {
  const kw_fb_themes *t = kw_feedback_themes_view(w->a->fb);
  if (!t) return;
  for (int side = 0; side < 2; side++) {
    const kw_fb_theme *x = side ? t->promoter : t->detractor;
    size_t n = side ? t->n_promoter : t->n_detractor;
    kw_text_put(w->t, "<h3>");
    kw_text_esc(w->t, M(w, side ? MSG_FB_T_THEMES_PRO : MSG_FB_T_THEMES_DET));
    kw_text_put(w->t, "</h3>\n");
    if (!n) {
      para(w, "small", M(w, MSG_FB_NO_THEMES));
      continue;
    }
    if (side == 0) {
      kw_marg m[] = {kw_ma_str("label", x[0].label),
                     kw_ma_int("count", (int64_t)x[0].count),
                     kw_ma_int("other", (int64_t)x[0].count_other)};
      say(w, "reading", MSG_READ_FB_THEME, m, 3);
    }
    kw_text_put(w->t, "<ul class=\"themes\">\n");
    char b[48];
    for (size_t i = 0; i < n; i++) {
      kw_text_put(w->t, "<li><b>");
      kw_text_esc(w->t, x[i].label);
      kw_text_printf(w->t, "</b> (%zu / %zu, z %s)", x[i].count,
                     x[i].count_other, fnum(w, b, x[i].score, 1));
      for (size_t e = 0; e < x[i].n_examples; e++) {
        kw_text_put(w->t, "<br><q>");
        kw_text_esc(w->t, x[i].examples[e]);
        kw_text_put(w->t, "</q>");
      }
      kw_text_put(w->t, "</li>\n");
    }
    kw_text_put(w->t, "</ul>\n");
  }
  para(w, "small", M(w, MSG_FB_THEMES_METHOD));
}

/* --------------------------------------------------------- section */

void kw_fb_html_section(kw_text *t, const kw_analysis *a,
                        const kw_svg_style *st) {
  if (!a->fb) return;
  fw w = {t, a, st->lang, st, {0}};
  const kw_fb_info *in = kw_feedback_info_view(a->fb);
  const kw_fb_scores *s = kw_feedback_overall_view(a->fb);
  kw_marg b[] = {kw_ma_int("answers", (int64_t)s->answers),
                 kw_ma_date("as_of", in->as_of)};
  say(&w, "small", in->all_answers ? MSG_FB_BASIS_ALL : MSG_FB_BASIS_LATEST,
      b, 2);
  if (in->buyers) {
    kw_marg r[] = {kw_ma_int("respondents", (int64_t)in->respondents),
                   kw_ma_int("buyers", (int64_t)in->buyers),
                   kw_ma_pct("rate", in->response_rate, 1)};
    say(&w, "small", MSG_FB_RESPONSE, r, 3);
  }
  if (!s->enough) {
    kw_marg m[] = {kw_ma_int("n", (int64_t)s->nps_n),
                   kw_ma_int("min", (int64_t)in->min_answers)};
    say(&w, "reading", MSG_FB_OVERALL_NOT_ENOUGH, m, 2);
  } else {
    if (s->nps_n) {
      kw_marg m[] = {kw_ma_num("nps", s->nps, 1),
                     kw_ma_num("low", s->nps_low, 1),
                     kw_ma_num("high", s->nps_high, 1),
                     kw_ma_int("promoters", (int64_t)s->promoters),
                     kw_ma_int("passives", (int64_t)s->passives),
                     kw_ma_int("detractors", (int64_t)s->detractors),
                     kw_ma_int("n", (int64_t)s->nps_n)};
      say(&w, "reading", MSG_FB_NPS_LINE, m, 7);
    }
    if (s->csat_n) {
      kw_marg m[] = {kw_ma_pct("top2", s->csat_top2, 1),
                     kw_ma_pct("low", s->csat_top2_low, 1),
                     kw_ma_pct("high", s->csat_top2_high, 1),
                     kw_ma_num("mean", s->csat_mean, 2),
                     kw_ma_num("mlow", s->csat_mean_low, 2),
                     kw_ma_num("mhigh", s->csat_mean_high, 2),
                     kw_ma_int("scale", s->csat_scale),
                     kw_ma_int("n", (int64_t)s->csat_n)};
      say(&w, "small", MSG_FB_CSAT_LINE, m, 8);
    }
    if (s->ces_n) {
      kw_marg m[] = {kw_ma_num("mean", s->ces_mean, 2),
                     kw_ma_num("low", s->ces_low, 2),
                     kw_ma_num("high", s->ces_high, 2),
                     kw_ma_int("scale", s->ces_scale),
                     kw_ma_int("n", (int64_t)s->ces_n)};
      say(&w, "small", MSG_FB_CES_LINE, m, 5);
    }
  }
  size_t np;
  const kw_fb_period *p = kw_feedback_periods_view(a->fb, &np);
  chart_periods(&w, p, np);
  group_table(&w, MSG_FB_T_SEGMENT, a->fb_seg, a->n_fb_seg, 2);
  group_table(&w, MSG_FB_T_ACTION, a->fb_act, a->n_fb_act, 1);
  group_table(&w, MSG_FB_T_SECTOR, a->fb_sec, a->n_fb_sec, 0);
  {
    kw_marg m[] = {kw_ma_int("min", (int64_t)in->min_answers),
                   kw_ma_int("group", (int64_t)in->min_group)};
    say(&w, "small", MSG_FB_MIN_RULE, m, 2);
  }
  behaviour(&w);
  const kw_fb_competition *c = kw_feedback_competition_view(a->fb);
  if (c) {
    kw_text_put(t, "<h3>");
    kw_text_esc(t, M(&w, MSG_FB_T_DIMS));
    kw_text_put(t, "</h3>\n");
    grid(&w, c);
    gaps(&w, c);
  }
  themes(&w);
}
