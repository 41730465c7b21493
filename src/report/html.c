/*
 * html.c — index.html: the report a business owner reads, one
 * self-contained file.
 *
 * Everything is inline: the CSS, the SVG charts (svg.c) and a few lines of
 * JavaScript that sort a table when its header is clicked and filter the
 * action lists; there is no font, script, image or style from the network,
 * so the page opens offline and leaks nothing. The layout is one column of
 * sections that reflows on a phone (tables scroll sideways inside their
 * box, charts scale); printed, every section starts on a new page and
 * charts and table rows are not split.
 *
 * Each section leads with the sentence that reads its chart (readings.c);
 * a section whose analysis could not run says why instead. Every text comes
 * from the message table in the report's language; numbers, money and
 * dates are formatted for it (1.234,56 and 01-03-2024 in Dutch). Customers
 * appear by id only, with a name only when the analysis was run with
 * show_names; groups below min_group were merged before this writer.
 */
#include <math.h>
#include <string.h>

#include "klantwijs/history.h"
#include "report/analysis_text.h"
#include "report/feedback_out.h"
#include "report/readings.h"
#include "report/svg.h"
#include "report/text.h"

void kw_html_segments(kw_text *t, const kw_analysis *a, kw_lang lang);

typedef struct hw {
  kw_text t;
  const kw_analysis *a;
  kw_lang lang;
  bool show_names;
  kw_svg_style st;
  char buf[1024];
  int table_id;
} hw;

static const char *M(hw *w, kw_msg m) { return kw_msg_text(m, w->lang); }

static void put(hw *w, const char *s) { kw_text_put(&w->t, s); }
static void esc(hw *w, const char *s) { kw_text_esc(&w->t, s); }

static void tag_text(hw *w, const char *tag, const char *cls, const char *s) {
  kw_text_printf(&w->t, "<%s%s%s%s>", tag, cls ? " class=\"" : "",
                 cls ? cls : "", cls ? "\"" : "");
  esc(w, s);
  kw_text_printf(&w->t, "</%s>\n", tag);
}

static void reading(hw *w, kw_reading r, const char *cls) {
  if (kw_reading_text(w->a, w->lang, r, w->buf, sizeof w->buf))
    tag_text(w, "p", cls ? cls : "reading", w->buf);
}

static const char *money(hw *w, char *buf, double units, int dec) {
  if (!isfinite(units)) return "";
  return kw_fmt_currency(buf, (int64_t)llround(units * 100.0), dec, w->lang,
                         w->a->currency);
}

static const char *cents(hw *w, char *buf, int64_t c, int dec) {
  return kw_fmt_currency(buf, c, dec, w->lang, w->a->currency);
}

static const char *pct(hw *w, char *buf, double f, int dec) {
  return kw_fmt_pct(buf, f, dec, w->lang);
}

static const char *num(hw *w, char *buf, double v, int dec) {
  return kw_fmt_number(buf, v, dec, w->lang);
}

/* ----------------------------------------------------------------- tables */

static void table_open(hw *w, const kw_msg *heads, const bool *numeric,
                       size_t n, bool filter) {
  int id = ++w->table_id;
  if (filter) {
    kw_text_printf(&w->t,
                   "<input class=\"filter\" type=\"search\" "
                   "data-table=\"t%d\" placeholder=\"",
                   id);
    esc(w, M(w, MSG_FILTER_PLACEHOLDER));
    put(w, "\">\n");
  }
  kw_text_printf(&w->t, "<div class=\"scroll\"><table id=\"t%d\" "
                        "class=\"data\"><thead><tr>",
                 id);
  for (size_t j = 0; j < n; j++) {
    kw_text_printf(&w->t, "<th data-sort=\"%s\"%s>",
                   numeric && numeric[j] ? "n" : "s",
                   numeric && numeric[j] ? " class=\"n\"" : "");
    esc(w, M(w, heads[j]));
    put(w, "</th>");
  }
  put(w, "</tr></thead><tbody>\n");
}

static void table_close(hw *w) { put(w, "</tbody></table></div>\n"); }

static void td(hw *w, const char *s) {
  put(w, "<td>");
  esc(w, s);
  put(w, "</td>");
}

/* A numeric cell: the text shown and the value it sorts by. */
static void tdn(hw *w, const char *s, double v) {
  char b[48];
  kw_text_printf(&w->t, "<td class=\"n\" data-v=\"%s\">",
                 isfinite(v) ? kw_fmt_plain(b, v) : "");
  esc(w, s);
  put(w, "</td>");
}

/* Two-column figures: label, value. */
static void fig_row(hw *w, const char *label, const char *value) {
  put(w, "<tr><th scope=\"row\">");
  esc(w, label);
  put(w, "</th><td class=\"n\">");
  esc(w, value);
  put(w, "</td></tr>\n");
}

static void figs_open(hw *w) {
  put(w, "<div class=\"scroll\"><table class=\"figs\"><tbody>\n");
}

/* ---------------------------------------------------------------- sections */

static bool section_open(hw *w, const char *id, kw_msg title, kw_step step) {
  kw_text_printf(&w->t, "<section id=\"%s\">\n", id);
  tag_text(w, "h2", NULL, M(w, title));
  kw_step_status s = w->a->step[step];
  if (s == KW_STEP_SKIPPED || s == KW_STEP_FAILED) {
    kw_step_info si;
    kw_analysis_step(w->a, step, w->lang, &si);
    char line[KW_STEP_NOTE_MAX + 128];
    snprintf(line, sizeof line, "%s: %s",
             M(w, s == KW_STEP_FAILED ? MSG_STATUS_FAILED : MSG_STATUS_SKIPPED),
             si.note);
    tag_text(w, "p", "note", line);
    put(w, "</section>\n");
    return false;
  }
  return true;
}

static void section_limits(hw *w, kw_step step) {
  if (w->a->step[step] != KW_STEP_LIMITED) return;
  kw_step_info si;
  kw_analysis_step(w->a, step, w->lang, &si);
  if (si.note[0]) tag_text(w, "p", "note", si.note);
}

static void figure_open(hw *w, kw_msg caption) {
  put(w, "<figure>");
  tag_text(w, "figcaption", NULL, M(w, caption));
}

static void kpi(hw *w, const char *label, const char *value,
                const char *hint) {
  put(w, "<div class=\"kpi\"><span>");
  esc(w, label);
  put(w, "</span><b>");
  esc(w, value && value[0] ? value : "–");
  put(w, "</b>");
  if (hint && hint[0]) {
    put(w, "<small>");
    esc(w, hint);
    put(w, "</small>");
  }
  put(w, "</div>\n");
}

static void headline(hw *w) {
  const kw_analysis *a = w->a;
  const kw_headline *h = &a->head;
  char v[64], hint[256];
  const char *na = M(w, MSG_NOT_AVAILABLE);
  put(w, "<section id=\"headline\">\n");
  tag_text(w, "h2", NULL, M(w, MSG_SEC_HEADLINE));
  put(w, "<div class=\"kpis\">\n");
  kpi(w, M(w, MSG_KPI_CUSTOMERS), num(w, v, (double)h->customers, 0),
      M(w, MSG_HINT_CUSTOMERS));
  kw_marg ad[] = {kw_ma_date("as_of", a->as_of)};
  kw_msg_format(hint, sizeof hint, MSG_HINT_ACTIVE, w->lang, a->currency, ad,
                1);
  kpi(w, M(w, MSG_KPI_ACTIVE), num(w, v, (double)h->active_customers, 0),
      hint);
  kw_marg rd[] = {kw_ma_date("from", a->first_date), kw_ma_date("to", a->as_of)};
  kw_msg_format(hint, sizeof hint, MSG_HINT_REVENUE, w->lang, a->currency, rd,
                2);
  kpi(w, M(w, MSG_KPI_REVENUE), cents(w, v, h->revenue, 0), hint);
  kpi(w, M(w, MSG_KPI_REPEAT),
      isfinite(h->repeat_rate) ? pct(w, v, h->repeat_rate, 1) : na,
      M(w, MSG_HINT_REPEAT));
  kpi(w, M(w, MSG_KPI_CHURN),
      isfinite(h->churn_rate) ? pct(w, v, h->churn_rate, 1) : na,
      isfinite(h->churn_rate)
          ? M(w, a->churn_12m ? MSG_HINT_CHURN : MSG_HINT_CHURN_ALL)
          : NULL);
  kw_marg hm[] = {kw_ma_int("months", a->o.horizon_months)};
  kw_msg_format(hint, sizeof hint,
                (kw_msg)kw_clv_hint_msg(a), w->lang,
                a->currency, hm, 1);
  kpi(w, M(w, MSG_KPI_CLV), isfinite(h->clv_mean) ? money(w, v, h->clv_mean, 0)
                                                  : na,
      isfinite(h->clv_mean) ? hint : NULL);
  char cac[48];
  kw_marg cm[] = {kw_ma_str("currency", kw_currency_symbol(a->currency)),
                  kw_ma_str("cac", money(w, cac, h->cac_mean, 0))};
  kw_msg_format(hint, sizeof hint, MSG_HINT_CLV_CAC, w->lang, a->currency, cm,
                2);
  kpi(w, M(w, MSG_KPI_CLV_CAC),
      isfinite(h->clv_cac) ? num(w, v, h->clv_cac, 1) : na,
      isfinite(h->clv_cac) ? hint : NULL);
  kpi(w, M(w, MSG_KPI_DSO), isfinite(h->dso) ? num(w, v, h->dso, 0) : na,
      M(w, MSG_HINT_DSO));
  if (a->nps_n > 0) {
    kw_marg nm[] = {kw_ma_int("n", (int64_t)a->nps_n)};
    kw_msg_format(hint, sizeof hint, MSG_HINT_NPS, w->lang, a->currency, nm, 1);
    kpi(w, M(w, MSG_KPI_NPS), num(w, v, h->nps, 0), hint);
  }
  put(w, "</div>\n");
  reading(w, KW_READ_PARETO, NULL);
  reading(w, KW_READ_WARN_TOP1, "warn");
  reading(w, KW_READ_WARN_TOP5, "warn");
  put(w, "</section>\n");
}

/* "Since the last analysis": the key figures and action counts of the last
 * run in the history file beside this run's (only with --history and a
 * stored run). */
static void since_row(hw *w, const char *label, const char *then,
                      const char *now, const char *change, double dv) {
  put(w, "<tr>");
  td(w, label);
  tdn(w, then, NAN);
  tdn(w, now, NAN);
  tdn(w, change, dv);
  put(w, "</tr>\n");
}

static const char *signed_num(hw *w, char *buf, double v, int dec) {
  if (!isfinite(v)) return M(w, MSG_NOT_AVAILABLE);
  char b[64];
  num(w, b, v, dec);
  snprintf(buf, 80, "%s%s", v > 0 ? "+" : "", b);
  return buf;
}

static void since_last(hw *w) {
  const kw_analysis *a = w->a;
  const kw_run_info *p = a->prev;
  if (!p) return;
  const kw_headline *h = &a->head;
  const char *na = M(w, MSG_NOT_AVAILABLE);
  char t[64], n[64], c[80], d[16];
  put(w, "<section id=\"since-last\">\n");
  tag_text(w, "h2", NULL, kw_message("since.title", w->lang));
  kw_date_format(d, p->as_of, w->lang == KW_LANG_NL);
  snprintf(w->buf, sizeof w->buf, "%s %s (%s %s).",
           kw_message("since.compared", w->lang), p->created,
           kw_message("since.data_to", w->lang), d);
  tag_text(w, "p", NULL, w->buf);
  put(w, "<div class=\"scroll\"><table class=\"data\"><thead><tr>");
  static const char *const heads[] = {"since.figure", "since.then",
                                      "since.now", "since.change"};
  for (int j = 0; j < 4; j++) {
    put(w, j ? "<th class=\"n\">" : "<th>");
    esc(w, kw_message(heads[j], w->lang));
    put(w, "</th>");
  }
  put(w, "</tr></thead><tbody>\n");
  since_row(w, M(w, MSG_KPI_CUSTOMERS), num(w, t, (double)p->customers, 0),
            num(w, n, (double)h->customers, 0),
            signed_num(w, c, (double)h->customers - (double)p->customers, 0),
            (double)h->customers - (double)p->customers);
  since_row(w, M(w, MSG_KPI_ACTIVE), num(w, t, (double)p->active, 0),
            num(w, n, (double)h->active_customers, 0),
            signed_num(w, c, (double)h->active_customers - (double)p->active,
                       0),
            (double)h->active_customers - (double)p->active);
  {
    char cb[64];
    int64_t dv = h->revenue - p->revenue;
    cents(w, cb, dv, 0);
    snprintf(c, sizeof c, "%s%s", dv > 0 ? "+" : "", cb);
    since_row(w, M(w, MSG_KPI_REVENUE), cents(w, t, p->revenue, 0),
              cents(w, n, h->revenue, 0), c, (double)dv);
  }
  const struct {
    kw_msg label;
    double then, now;
    bool is_pct;
  } f[] = {{MSG_KPI_REPEAT, p->repeat_rate, h->repeat_rate, true},
           {MSG_KPI_CHURN, p->churn_rate, h->churn_rate, true},
           {MSG_KPI_CLV, p->clv_mean, h->clv_mean, false},
           {MSG_KPI_DSO, p->dso, h->dso, false},
           {MSG_KPI_NPS, p->nps, h->nps, false}};
  for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
    double dv = f[i].now - f[i].then;
    if (f[i].is_pct) {
      since_row(w, M(w, f[i].label),
                isfinite(f[i].then) ? pct(w, t, f[i].then, 1) : na,
                isfinite(f[i].now) ? pct(w, n, f[i].now, 1) : na,
                signed_num(w, c, dv * 100, 1), dv);
    } else {
      since_row(w, M(w, f[i].label),
                isfinite(f[i].then) ? num(w, t, f[i].then, 0) : na,
                isfinite(f[i].now) ? num(w, n, f[i].now, 0) : na,
                signed_num(w, c, dv, 0), dv);
    }
  }
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    double dv = (double)h->action_count[k] - (double)p->action_count[k];
    since_row(w, kw_action_label((kw_action)k, w->lang),
              num(w, t, (double)p->action_count[k], 0),
              num(w, n, (double)h->action_count[k], 0),
              signed_num(w, c, dv, 0), dv);
  }
  put(w, "</tbody></table></div>\n");
  tag_text(w, "p", "note", kw_message("since.note", w->lang));
  put(w, "</section>\n");
}

static const kw_msg action_desc[KW_ACTION__COUNT] = {
    MSG_ACTD_NONE, MSG_ACTD_INVEST, MSG_ACTD_DEVELOP, MSG_ACTD_RETAIN,
    MSG_ACTD_WIN_BACK, MSG_ACTD_SERVE_LOW_COST, MSG_ACTD_REPRICE,
    MSG_ACTD_COLLECT, MSG_ACTD_GOODBYE};
/* The one money measure at stake (analyze_actions.c): the value measure. */
static const char *stake_measure(hw *w) {
  int m = w->a->value_measure;
  return M(w, m == KW_MEASURE_CONTRIBUTION ? MSG_WORD_CONTRIBUTION_MEASURE
              : m == KW_MEASURE_EST_CONTRIBUTION
                  ? MSG_WORD_EST_CONTRIBUTION_MEASURE
                  : MSG_WORD_REVENUE_MEASURE);
}

static void actions(hw *w) {
  const kw_analysis *a = w->a;
  char v[64], v2[64];
  if (!section_open(w, "actions", MSG_SEC_ACTIONS, KW_STEP_ACTIONS)) return;
  reading(w, KW_READ_ACTIONS, NULL);
  tag_text(w, "p", NULL, M(w, MSG_ACTIONS_INTRO));
  if (a->has_consent) {
    kw_marg m[] = {kw_ma_int("n", (int64_t)a->no_consent_total)};
    kw_msg_format(w->buf, sizeof w->buf, MSG_ACTIONS_CONSENT, w->lang,
                  a->currency, m, 1);
    tag_text(w, "p", NULL, w->buf);
  } else if (kw_dataset_table(a->ds, KW_TABLE_CUSTOMERS)) {
    /* the consent note only where a customers table could have had it */
    tag_text(w, "p", "note", M(w, MSG_ACTIONS_NO_CONSENT_COL));
  }
  section_limits(w, KW_STEP_ACTIONS);
  /* chart: customers per action */
  const char *cats[KW_ACTION__COUNT];
  double vals[KW_ACTION__COUNT];
  size_t nc = 0;
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    cats[nc] = kw_action_label((kw_action)k, w->lang);
    vals[nc++] = (double)a->head.action_count[k];
  }
  /* short labels for the chart: the first word */
  char shortl[KW_ACTION__COUNT][32];
  for (size_t i = 0; i < nc; i++) {
    snprintf(shortl[i], sizeof shortl[i], "%s", cats[i]);
    char *sp = strchr(shortl[i], ' ');
    if (sp && strlen(shortl[i]) > 12) *sp = '\0';
    cats[i] = shortl[i];
  }
  figure_open(w, MSG_CHART_ACTIONS);
  kw_svg_series s = {NULL, NULL, vals, nc, "#1d4ed8", false, false, NULL, NULL};
  kw_svg_axis ya = {M(w, MSG_AXIS_CUSTOMERS), 1, 0, KW_SVG_NUM, 0};
  kw_svg_bars(&w->t, &w->st, M(w, MSG_CHART_ACTIONS), cats, nc, &s, 1, &ya,
              NULL);
  put(w, "</figure>\n");
  /* summary table */
  static const kw_msg heads[] = {MSG_COL_ACTION, MSG_COL_CUSTOMERS,
                                 MSG_COL_AT_STAKE, MSG_COL_SEGMENT_ACTION};
  static const bool numeric[] = {false, true, true, false};
  table_open(w, heads, numeric, 4, false);
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    put(w, "<tr>");
    kw_text_printf(&w->t, "<td><a href=\"#act-%s\">", kw_action_key((kw_action)k));
    esc(w, kw_action_label((kw_action)k, w->lang));
    put(w, "</a></td>");
    tdn(w, num(w, v, (double)a->head.action_count[k], 0),
        (double)a->head.action_count[k]);
    tdn(w, money(w, v2, a->stake_total[k], 0), a->stake_total[k]);
    td(w, M(w, action_desc[k]));
    put(w, "</tr>\n");
  }
  table_close(w);
  {
    kw_marg sm = kw_ma_str("measure", stake_measure(w));
    kw_msg_format(w->buf, sizeof w->buf, MSG_STAKE_MEASURE, w->lang,
                  a->currency, &sm, 1);
    tag_text(w, "p", "small", w->buf);
  }
  tag_text(w, "p", "small",
           M(w, a->rules_builtin ? MSG_ACTIONS_RULES_BUILTIN
                                 : MSG_ACTIONS_RULES_FILE));
  /* top customers per action */
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    kw_text_printf(&w->t, "<h3 id=\"act-%s\">", kw_action_key((kw_action)k));
    esc(w, kw_action_label((kw_action)k, w->lang));
    kw_text_printf(&w->t, " <small>(%s)</small></h3>\n",
                   num(w, v, (double)a->head.action_count[k], 0));
    tag_text(w, "p", NULL, M(w, action_desc[k]));
    if (kw_action_is_marketing((kw_action)k) && a->no_consent[k]) {
      kw_marg m[] = {kw_ma_int("n", (int64_t)a->no_consent[k])};
      kw_msg_format(w->buf, sizeof w->buf, MSG_ACTIONS_CONSENT, w->lang,
                    a->currency, m, 1);
      tag_text(w, "p", "small", w->buf);
    }
    size_t n = a->list_n[k];
    if (n == 0) {
      tag_text(w, "p", "small", M(w, MSG_ACTIONS_EMPTY));
      continue;
    }
    size_t top = n < a->o.top_per_action ? n : a->o.top_per_action;
    kw_marg m[] = {kw_ma_int("n", (int64_t)top),
                   kw_ma_str("stake", stake_measure(w))};
    kw_msg_format(w->buf, sizeof w->buf, MSG_ACTIONS_TOP, w->lang,
                  a->currency, m, 2);
    tag_text(w, "p", "small", w->buf);
    bool names = w->show_names && a->name_id != NULL;
    kw_msg heads2[8];
    bool num2[8];
    size_t nh = 0;
    heads2[nh] = MSG_COL_CUSTOMER, num2[nh++] = false;
    if (names) heads2[nh] = MSG_COL_NAME, num2[nh++] = false;
    heads2[nh] = MSG_COL_AT_STAKE, num2[nh++] = true;
    heads2[nh] = MSG_COL_REVENUE, num2[nh++] = true;
    if (a->have_clv) {
      heads2[nh] = MSG_COL_CLV, num2[nh++] = true;
      heads2[nh] = MSG_COL_P_ALIVE, num2[nh++] = true;
    }
    heads2[nh] = MSG_COL_REASON, num2[nh++] = false;
    table_open(w, heads2, num2, nh, true);
    for (size_t r = 0; r < top; r++) {
      uint32_t i = a->list[k][r];
      kw_action_input in;
      kw_analysis_input(a, i, &in);
      put(w, "<tr>");
      td(w, kw_dict_str(a->ids, i));
      if (names)
        td(w, a->name_id[i] != KW_NA_ID ? kw_dict_str(a->name_dict, a->name_id[i])
                                        : "");
      tdn(w, money(w, v, a->at_stake[i], 0), a->at_stake[i]);
      tdn(w, cents(w, v, a->s->revenue[i], 0), (double)a->s->revenue[i]);
      if (a->have_clv) {
        tdn(w, money(w, v, a->clv[i], 0), a->clv[i]);
        tdn(w, pct(w, v, a->p_alive[i], 0), a->p_alive[i]);
      }
      size_t rule = a->rule[i] == UINT32_MAX ? SIZE_MAX : a->rule[i];
      kw_action_reason(w->buf, sizeof w->buf, a->rules, rule, &in, w->lang,
                       a->currency);
      td(w, w->buf);
      put(w, "</tr>\n");
    }
    table_close(w);
    if (n > top) {
      kw_marg mm[] = {kw_ma_int("n", (int64_t)(n - top))};
      kw_msg_format(w->buf, sizeof w->buf, MSG_ACTIONS_MORE, w->lang,
                    a->currency, mm, 1);
      tag_text(w, "p", "small", w->buf);
    }
  }
  put(w, "</section>\n");
}

static void group_table(hw *w, const kw_group_row *g, size_t n, kw_msg first,
                        bool rfm) {
  const kw_analysis *a = w->a;
  char v[64];
  kw_msg heads[8] = {first, MSG_COL_CUSTOMERS, MSG_COL_SHARE,
                     MSG_COL_REVENUE_SHARE};
  bool numeric[8] = {false, true, true, true};
  size_t nh = 4;
  if (rfm) {
    heads[nh] = MSG_COL_RECENCY, numeric[nh++] = true;
    heads[nh] = MSG_COL_ORDERS, numeric[nh++] = true;
    heads[nh] = MSG_COL_MONETARY, numeric[nh++] = true;
    heads[nh] = MSG_COL_SEGMENT_ACTION, numeric[nh++] = false;
  }
  table_open(w, heads, numeric, nh, false);
  for (size_t i = 0; i < n; i++) {
    put(w, "<tr>");
    td(w, kw_an_group_label(w->a, &g[i], w->lang));
    tdn(w, num(w, v, (double)g[i].customers, 0), (double)g[i].customers);
    tdn(w, pct(w, v, g[i].share, 1), g[i].share);
    tdn(w, pct(w, v, g[i].revenue_share, 1), g[i].revenue_share);
    if (rfm) {
      tdn(w, num(w, v, g[i].mean_recency, 0), g[i].mean_recency);
      tdn(w, num(w, v, g[i].mean_frequency, 1), g[i].mean_frequency);
      tdn(w, money(w, v, g[i].mean_monetary, 0), g[i].mean_monetary);
      const char *act = kw_an_group_action(w->a, &g[i], w->lang);
      td(w, act ? act : "");
    }
    put(w, "</tr>\n");
  }
  table_close(w);
  kw_marg m[] = {kw_ma_int("n", (int64_t)a->o.min_group),
                 kw_ma_str("other", M(w, MSG_WORD_OTHER))};
  kw_msg_format(w->buf, sizeof w->buf, MSG_READ_SMALL_GROUPS, w->lang,
                a->currency, m, 2);
  tag_text(w, "p", "small", w->buf);
}

static void value(hw *w) {
  const kw_analysis *a = w->a;
  const kw_pareto_data *p = a->par;
  char v[64];
  if (!section_open(w, "value", MSG_SEC_VALUE, KW_STEP_PARETO)) return;
  reading(w, KW_READ_PARETO, NULL);
  reading(w, KW_READ_PARETO_TARGET, "");
  reading(w, KW_READ_WARN_TOP1, "warn");
  reading(w, KW_READ_WARN_TOP5, "warn");
  double *x = kw_malloc(a->ctx, (p->n_points + 2) * sizeof *x);
  double *y = kw_malloc(a->ctx, (p->n_points + 2) * sizeof *y);
  if (x && y) {
    for (size_t i = 0; i < p->n_points; i++) {
      x[i] = p->points[i].customer_share;
      y[i] = p->points[i].value_share;
    }
    double dx[2] = {0, 1}, dy[2] = {0, 1};
    kw_svg_series s[2] = {
        {M(w, MSG_AXIS_REVENUE_SHARE), x, y, p->n_points, "#1d4ed8", false,
         false, NULL, NULL},
        {M(w, MSG_LEGEND_EQUALITY), dx, dy, 2, "#9ca3af", false, true, NULL,
         NULL}};
    kw_svg_axis xa = {M(w, MSG_AXIS_CUSTOMER_SHARE), 0, 1, KW_SVG_PCT, 0};
    kw_svg_axis ya = {M(w, MSG_AXIS_REVENUE_SHARE), 0, 1, KW_SVG_PCT, 0};
    char lab[96], p1[40], p2[40];
    snprintf(lab, sizeof lab, "%s → %s", pct(w, p1, 0.2, 0),
             pct(w, p2, p->top_revenue_share, 0));
    figure_open(w, MSG_CHART_PARETO);
    kw_svg_lines(&w->t, &w->st, M(w, MSG_CHART_PARETO), &xa, &ya, s, 2, 0.2,
                 p->top_revenue_share, lab);
    put(w, "</figure>\n");
  } else {
    w->t.bad = true; /* out of memory: the writer fails */
  }
  kw_free(a->ctx, x);
  kw_free(a->ctx, y);
  reading(w, KW_READ_GINI, "small");
  figs_open(w);
  fig_row(w, M(w, MSG_FIG_TOP1), pct(w, v, p->top1_share, 1));
  fig_row(w, M(w, MSG_FIG_TOP5), pct(w, v, p->top5_share, 1));
  fig_row(w, M(w, MSG_FIG_TOP10), pct(w, v, p->top10_share, 1));
  fig_row(w, M(w, MSG_FIG_GINI), num(w, v, p->gini, 2));
  put(w, "</tbody></table></div>\n");
  /* ABC classes, small ones merged */
  kw_group_row g[4];
  memset(g, 0, sizeof g);
  static const char *const names[] = {"", "A", "B", "C"};
  size_t k = 0;
  kw_group_row other;
  memset(&other, 0, sizeof other);
  other.key = "other";
  other.kind = KW_ANG_OTHER;
  for (int c = 1; c <= 3; c++) {
    kw_group_row r;
    memset(&r, 0, sizeof r);
    r.key = names[c];
    r.customers = p->abc_count[c];
    r.share = p->n_customers ? (double)r.customers / (double)p->n_customers : 0;
    r.revenue_share = p->abc_revenue_share[c];
    if (r.customers >= a->o.min_group) g[k++] = r;
    else if (r.customers) {
      other.customers += r.customers;
      other.share += r.share;
      other.revenue_share += r.revenue_share;
    }
  }
  if (other.customers >= a->o.min_group) g[k++] = other;
  group_table(w, g, k, MSG_COL_CLASS, false);
  put(w, "</section>\n");
}

static void profit(hw *w) {
  const kw_analysis *a = w->a;
  const kw_profit_data *pd = a->pd;
  char v[64];
  if (!section_open(w, "profit", MSG_SEC_PROFIT, KW_STEP_PROFIT)) return;
  section_limits(w, KW_STEP_PROFIT);
  if (!a->have_profit) {
    put(w, "</section>\n");
    return;
  }
  reading(w, KW_READ_WHALE, NULL);
  reading(w, KW_READ_LOSS, "");
  reading(w, KW_READ_PROFIT_PARTIAL, "small");
  if (pd->whale_defined && pd->n_points > 1) {
    double *x = kw_malloc(a->ctx, pd->n_points * sizeof *x);
    double *y = kw_malloc(a->ctx, pd->n_points * sizeof *y);
    if (x && y) {
      for (size_t i = 0; i < pd->n_points; i++) {
        x[i] = pd->points[i].customer_share;
        y[i] = pd->points[i].value_share;
      }
      kw_svg_series s = {M(w, MSG_AXIS_PROFIT_SHARE), x, y, pd->n_points,
                         "#15803d", false, false, NULL, NULL};
      kw_svg_axis xa = {M(w, MSG_AXIS_CUSTOMER_SHARE), 0, 1, KW_SVG_PCT, 0};
      kw_svg_axis ya = {M(w, MSG_AXIS_PROFIT_SHARE), 1, 0, KW_SVG_PCT, 0};
      char lab[96], p1[40], p2[40];
      snprintf(lab, sizeof lab, "%s: %s → %s", M(w, MSG_LEGEND_BEST),
               pct(w, p1, pd->peak_customer_share, 0),
               pct(w, p2, pd->peak_value_share, 0));
      figure_open(w, MSG_CHART_WHALE);
      kw_svg_lines(&w->t, &w->st, M(w, MSG_CHART_WHALE), &xa, &ya, &s, 1,
                   pd->peak_customer_share, pd->peak_value_share, lab);
      put(w, "</figure>\n");
    } else {
      w->t.bad = true;
    }
    kw_free(a->ctx, x);
    kw_free(a->ctx, y);
  }
  figs_open(w);
  fig_row(w, M(w, MSG_FIG_CONTRIBUTION), cents(w, v, pd->contribution_total, 0));
  fig_row(w, M(w, MSG_FIG_MARGIN), pct(w, v, pd->margin_pct_total / 100.0, 1));
  fig_row(w, M(w, MSG_FIG_SERVE), cents(w, v, pd->serve_total, 0));
  fig_row(w, M(w, MSG_FIG_LOSS_CUSTOMERS), num(w, v, (double)pd->n_loss, 0));
  fig_row(w, M(w, MSG_FIG_COST_SOURCE), kw_cost_source_name(pd->overall));
  put(w, "</tbody></table></div>\n</section>\n");
}

static void rfm(hw *w) {
  const kw_analysis *a = w->a;
  if (!section_open(w, "rfm", MSG_SEC_RFM, KW_STEP_RFM)) return;
  reading(w, KW_READ_RFM, NULL);
  const kw_rfm_data *d = a->rd;
  if (d->bins == 5) {
    const char *names[64];
    size_t ns = d->n_segments < 64 ? d->n_segments : 64;
    for (size_t g = 0; g < ns; g++)
      names[g] = w->lang == KW_LANG_NL ? d->segments[g].name_nl
                                       : d->segments[g].name_en;
    figure_open(w, MSG_CHART_RFM_GRID);
    kw_svg_rfm_grid(&w->t, &w->st, M(w, MSG_CHART_RFM_GRID), a->rfm_grid,
                    a->rfm_grid_seg, names, ns, a->o.min_group,
                    M(w, MSG_AXIS_FM_SCORE), M(w, MSG_AXIS_RECENCY_SCORE));
    put(w, "</figure>\n");
    reading(w, KW_READ_RFM_GRID, "small");
  }
  group_table(w, a->groups_rfm, a->n_groups_rfm, MSG_COL_SEGMENT, true);
  put(w, "</section>\n");
}

static void clv(hw *w) {
  const kw_analysis *a = w->a;
  char v[64], v2[64];
  if (!section_open(w, "clv", MSG_SEC_CLV, KW_STEP_CLV)) return;
  section_limits(w, KW_STEP_CLV);
  if (!a->have_clv) {
    put(w, "</section>\n");
    return;
  }
  reading(w, KW_READ_CLV, NULL);
  figs_open(w);
  const kw_clv_result *r = &a->fit_res;
  const char *const *pn = kw_clv_model_param_names(r->model);
  size_t k = (size_t)snprintf(w->buf, sizeof w->buf, "%s (",
                              r->model == KW_CLV_BGNBD   ? "BG/NBD"
                              : r->model == KW_CLV_PNBD ? "Pareto/NBD"
                              : r->model == KW_CLV_MBGNBD ? "MBG/NBD"
                                                          : "?");
  for (size_t i = 0; i < r->n_params && k < sizeof w->buf - 64; i++)
    k += (size_t)snprintf(w->buf + k, sizeof w->buf - k, "%s%s = %s",
                          i ? ", " : "", pn[i], num(w, v, r->params[i], 3));
  snprintf(w->buf + k, sizeof w->buf - k, ")%s",
           a->have_gg ? " + Gamma-Gamma" : "");
  fig_row(w, M(w, MSG_FIG_MODEL), w->buf);
  fig_row(w, M(w, MSG_FIG_CUSTOMERS_FIT), num(w, v, (double)a->n_fit, 0));
  snprintf(w->buf, sizeof w->buf, "%d %s", a->o.horizon_months,
           M(w, MSG_AXIS_MONTHS));
  fig_row(w, M(w, MSG_FIG_HORIZON), w->buf);
  fig_row(w, M(w, MSG_FIG_MARGIN_USED), pct(w, v, a->clv_margin, 1));
  fig_row(w, M(w, MSG_FIG_CONVERGED),
          M(w, r->converged ? MSG_WORD_YES : MSG_WORD_NO));
  if (a->have_holdout) {
    snprintf(w->buf, sizeof w->buf, "%d %s", a->holdout_days,
             M(w, MSG_WORD_DAYS_UNIT));
    fig_row(w, M(w, MSG_FIG_HOLDOUT), w->buf);
    fig_row(w, M(w, MSG_FIG_ACTUAL_TOTAL), num(w, v, a->eval.sum_actual, 0));
    fig_row(w, M(w, MSG_FIG_PREDICTED_TOTAL),
            num(w, v2, a->eval.sum_predicted, 0));
    fig_row(w, M(w, MSG_FIG_MAE), num(w, v, a->eval.mae, 2));
  }
  if (a->have_intervals) {
    char lo[64], hi[64], tot[64];
    snprintf(w->buf, sizeof w->buf, "%s (%s – %s)",
             money(w, tot, a->clv_total, 0), money(w, lo, a->clv_total_lo, 0),
             money(w, hi, a->clv_total_hi, 0));
    kw_marg hm2[] = {kw_ma_int("months", a->o.horizon_months)};
    char lab[160];
    kw_msg_format(lab, sizeof lab, MSG_FIG_CLV_TOTAL, w->lang, a->currency,
                  hm2, 1);
    fig_row(w, lab, w->buf);
    fig_row(w, M(w, MSG_FIG_INTERVALS), M(w, MSG_INTERVAL_METHOD));
  }
  put(w, "</tbody></table></div>\n");
  /* the checks of every candidate fit */
  {
    static const kw_msg ch[] = {MSG_COL_MODEL, MSG_COL_BIC,
                                MSG_COL_HOLDOUT_ERROR, MSG_COL_CHECKS};
    static const bool chn[] = {false, true, false, false};
    tag_text(w, "h3", NULL, M(w, MSG_FIG_CHECKS));
    if (!a->clv_ok) tag_text(w, "p", "warn", M(w, MSG_READ_CHECKS_NONE));
    table_open(w, ch, chn, 4, false);
    for (size_t c = 0; c < a->n_cand; c++) {
      if (!a->cand_fitted[c]) continue;
      put(w, "<tr>");
      snprintf(w->buf, sizeof w->buf, "%s%s%s%s",
               kw_an_model_label(a->cand[c]), c == a->chosen ? " (" : "",
               c == a->chosen ? M(w, MSG_WORD_CHOSEN) : "",
               c == a->chosen ? ")" : "");
      td(w, w->buf);
      tdn(w, num(w, v, a->cand_bic[c], 1), a->cand_bic[c]);
      if (a->cand_holdout[c]) {
        char p1[32], p2[32];
        snprintf(w->buf, sizeof w->buf, "%s / %s",
                 num(w, p1, a->cand_eval[c].sum_predicted, 0),
                 num(w, p2, a->cand_eval[c].sum_actual, 0));
        td(w, w->buf);
      } else {
        td(w, "–");
      }
      if (a->cand_check[c].passed) {
        td(w, M(w, MSG_WORD_PASSED));
      } else {
        kw_an_check_text(a, &a->cand_res[c], &a->cand_check[c], w->lang,
                         w->buf, sizeof w->buf);
        td(w, w->buf);
      }
      put(w, "</tr>\n");
    }
    table_close(w);
  }
  if (a->have_holdout) {
    reading(w, KW_READ_CLV_CHECK, "");
    const char *cats[KW_CLV_FREQ_CLASSES];
    char labs[KW_CLV_FREQ_CLASSES][8];
    double act[KW_CLV_FREQ_CLASSES], pre[KW_CLV_FREQ_CLASSES];
    size_t nc = 0;
    for (int c = 0; c < KW_CLV_FREQ_CLASSES; c++) {
      /* a frequency class is a group of customers: none below min_group */
      if (a->eval.class_n[c] < (double)a->o.min_group) continue;
      snprintf(labs[nc], sizeof labs[nc], "%d%s", c,
               c == KW_CLV_FREQ_CLASSES - 1 ? "+" : "");
      cats[nc] = labs[nc];
      act[nc] = a->eval.class_actual[c];
      pre[nc] = a->eval.class_predicted[c];
      nc++;
    }
    kw_svg_series s[2] = {
        {M(w, MSG_LEGEND_ACTUAL), NULL, act, nc, "#1d4ed8", false, false, NULL,
         NULL},
        {M(w, MSG_LEGEND_PREDICTED), NULL, pre, nc, "#f97316", false, false,
         NULL, NULL}};
    kw_svg_axis ya = {M(w, MSG_AXIS_REPEAT_HOLDOUT), 1, 0, KW_SVG_NUM, 1};
    figure_open(w, MSG_CHART_CLV_CHECK);
    kw_svg_bars(&w->t, &w->st, M(w, MSG_CHART_CLV_CHECK), cats, nc, s, 2, &ya,
                M(w, MSG_AXIS_REPEAT_CAL));
    kw_marg sm[] = {kw_ma_int("n", (int64_t)a->o.min_group),
                    kw_ma_str("other", M(w, MSG_WORD_OTHER))};
    kw_msg_format(w->buf, sizeof w->buf, MSG_READ_SMALL_GROUPS, w->lang,
                  a->currency, sm, 2);
    tag_text(w, "p", "small", w->buf);
    put(w, "</figure>\n");
  }
  /* P(alive): most frequent at the top, recent at the left */
  size_t R = a->pm_rows;
  if (R > 0) {
    const char *rl[KW_PM_ROWS], *cl[KW_PM_COLS];
    char rbuf[KW_PM_ROWS][16], cbuf[KW_PM_COLS][16];
    double vals[KW_PM_ROWS * KW_PM_COLS];
    for (size_t i = 0; i < R; i++) {
      size_t src = R - 1 - i;
      kw_fmt_number(rbuf[i], a->pm_x[src], 0, w->lang);
      rl[i] = rbuf[i];
      for (size_t c = 0; c < KW_PM_COLS; c++)
        vals[i * KW_PM_COLS + c] = a->pm[src][c];
    }
    for (size_t c = 0; c < KW_PM_COLS; c++) {
      kw_fmt_number(cbuf[c], a->pm_weeks[c], 0, w->lang);
      cl[c] = cbuf[c];
    }
    figure_open(w, MSG_CHART_PALIVE);
    reading(w, KW_READ_PALIVE, "");
    kw_svg_heatmap(&w->t, &w->st, M(w, MSG_CHART_PALIVE), rl, R, cl,
                   KW_PM_COLS, vals, KW_SVG_PCT, 0, 0, 1,
                   M(w, MSG_AXIS_FREQUENCY), M(w, MSG_AXIS_RECENCY_WEEKS));
    put(w, "</figure>\n");
  }
  put(w, "</section>\n");
}

static void retention(hw *w) {
  const kw_analysis *a = w->a;
  char v[64];
  if (!section_open(w, "retention", MSG_SEC_RETENTION, KW_STEP_CHURN)) return;
  section_limits(w, KW_STEP_CHURN);
  reading(w, KW_READ_CHURN, NULL);
  const kw_cohort_view *cv = &a->cv;
  if (a->cohorts && cv->rows > 0 && cv->cols > 0) {
    reading(w, KW_READ_COHORT, "");
    size_t nr = cv->rows + 1;
    const char **rl = kw_malloc(a->ctx, nr * sizeof *rl);
    const char **cl = kw_malloc(a->ctx, cv->cols * sizeof *cl);
    char (*cb)[24] = kw_malloc(a->ctx, cv->cols * sizeof *cb);
    char (*rb)[48] = kw_malloc(a->ctx, nr * sizeof *rb);
    double *vals = kw_malloc(a->ctx, nr * cv->cols * sizeof *vals);
    if (rl && cl && cb && rb && vals) {
      /* the first row pools every cohort, small ones too */
      snprintf(rb[0], sizeof rb[0], "%s (%s)", M(w, MSG_WORD_ALL),
               num(w, v, (double)a->head.customers, 0));
      rl[0] = rb[0];
      memcpy(vals, cv->total, cv->cols * sizeof *vals);
      memcpy(vals + cv->cols, cv->value, cv->rows * cv->cols * sizeof *vals);
      for (size_t r = 0; r < cv->rows; r++) {
        snprintf(rb[r + 1], sizeof rb[r + 1], "%s (%llu)",
                 cv->has_other && r + 1 == cv->rows ? M(w, MSG_WORD_OTHER)
                                                    : cv->label[r],
                 (unsigned long long)cv->size[r]);
        rl[r + 1] = rb[r + 1];
      }
      for (size_t c = 0; c < cv->cols; c++) {
        snprintf(cb[c], sizeof cb[c], "%zu", c);
        cl[c] = cb[c];
      }
      figure_open(w, MSG_CHART_COHORT);
      kw_svg_heatmap(&w->t, &w->st, M(w, MSG_CHART_COHORT), rl, nr, cl,
                     cv->cols, vals, KW_SVG_PCT, 0, 0, 0.6,
                     M(w, MSG_AXIS_COHORT),
                     M(w, cv->period == KW_PERIOD_MONTH
                              ? MSG_AXIS_MONTHS_SINCE
                              : MSG_AXIS_QUARTERS_SINCE));
      put(w, "</figure>\n");
    } else {
      w->t.bad = true;
    }
    kw_free(a->ctx, rl);
    kw_free(a->ctx, cl);
    kw_free(a->ctx, cb);
    kw_free(a->ctx, rb);
    kw_free(a->ctx, vals);
    if (cv->merged) {
      kw_marg m[] = {kw_ma_int("n", (int64_t)cv->merged),
                     kw_ma_int("min", (int64_t)a->o.min_group),
                     kw_ma_str("other", M(w, MSG_WORD_OTHER)),
                     kw_ma_str("all", M(w, MSG_WORD_ALL))};
      kw_msg_format(w->buf, sizeof w->buf, MSG_READ_COHORT_SMALL, w->lang,
                    a->currency, m, 4);
      tag_text(w, "p", "small", w->buf);
    }
  }
  const kw_km_curve *cu = a->km ? kw_km_group_curve(a->km, 0) : NULL;
  if (cu && cu->n_times > 0) {
    size_t n = cu->n_times + 1;
    double *x = kw_malloc(a->ctx, n * sizeof *x);
    double *y = kw_malloc(a->ctx, n * sizeof *y);
    double *lo = kw_malloc(a->ctx, n * sizeof *lo);
    double *hi = kw_malloc(a->ctx, n * sizeof *hi);
    if (x && y && lo && hi) {
      x[0] = 0, y[0] = lo[0] = hi[0] = 1;
      for (size_t i = 0; i < cu->n_times; i++) {
        x[i + 1] = cu->time[i];
        y[i + 1] = cu->survival[i];
        lo[i + 1] = cu->ci_lower[i];
        hi[i + 1] = cu->ci_upper[i];
      }
      reading(w, KW_READ_SURVIVAL, "");
      kw_svg_series s = {M(w, MSG_LEGEND_CI), x, y, n, "#1d4ed8", true, false,
                         lo, hi};
      kw_svg_axis xa = {M(w, MSG_AXIS_MONTHS), 0, -1, KW_SVG_NUM, 0};
      kw_svg_axis ya = {M(w, MSG_AXIS_STILL_ACTIVE), 0, 1, KW_SVG_PCT, 0};
      figure_open(w, MSG_CHART_SURVIVAL);
      kw_svg_lines(&w->t, &w->st, M(w, MSG_CHART_SURVIVAL), &xa, &ya, &s, 1,
                   NAN, NAN, NULL);
      put(w, "</figure>\n");
    } else {
      w->t.bad = true;
    }
    kw_free(a->ctx, x);
    kw_free(a->ctx, y);
    kw_free(a->ctx, lo);
    kw_free(a->ctx, hi);
  }
  if (a->ci) {
    {
      char g[32], r[32], t1[16], t2[16];
      kw_marg rm[] = {
          kw_ma_str("gap", num(w, g, a->ci->gap_days, 0)),
          kw_ma_str("risk", num(w, r, 0.7 * a->ci->gap_days, 0)),
          kw_ma_str("model", kw_an_model_label(a->clv_model)),
          kw_ma_str("thr", pct(w, t1, 0.5, 0)),
          kw_ma_str("thr2", pct(w, t2, 0.7, 0))};
      kw_msg_format(w->buf, sizeof w->buf,
                    a->ci->by_p_alive ? MSG_RULE_P_ALIVE : MSG_RULE_GAP,
                    w->lang, a->currency, rm, 5);
      tag_text(w, "p", NULL, w->buf);
    }
    figs_open(w);
    snprintf(w->buf, sizeof w->buf, "%s %s", num(w, v, a->ci->gap_days, 0),
             M(w, MSG_WORD_DAYS_UNIT));
    fig_row(w, M(w, MSG_FIG_GAP), w->buf);
    fig_row(w, M(w, MSG_WORD_ACTIVE),
            num(w, v, (double)(a->head.active_customers - a->churn_at_risk), 0));
    fig_row(w, M(w, MSG_WORD_AT_RISK), num(w, v, (double)a->churn_at_risk, 0));
    fig_row(w, M(w, MSG_WORD_CHURNED), num(w, v, (double)a->churn_churned, 0));
    if (a->km) {
      const kw_km_median *md = kw_km_group_median(a->km, 0);
      if (md && md->median_reached) {
        snprintf(w->buf, sizeof w->buf, "%s %s", num(w, v, md->median, 1),
                 M(w, MSG_AXIS_MONTHS));
        fig_row(w, M(w, MSG_FIG_MEDIAN_LIFETIME), w->buf);
      }
    }
    put(w, "</tbody></table></div>\n");
  }
  put(w, "</section>\n");
}

static void payments(hw *w) {
  const kw_analysis *a = w->a;
  const kw_payments_data *p = a->pp;
  char v[64];
  if (!section_open(w, "payments", MSG_SEC_PAYMENTS, KW_STEP_PAYMENTS)) return;
  reading(w, KW_READ_PAYMENTS, NULL);
  reading(w, KW_READ_AGEING, "");
  const char *cats[KW_AGE__COUNT];
  double vals[KW_AGE__COUNT];
  for (int k = 0; k < KW_AGE__COUNT; k++) {
    cats[k] = k == 0 ? M(w, MSG_WORD_NOT_DUE) : kw_ageing_name((kw_ageing)k);
    vals[k] = (double)p->ageing_total[k] / 100.0;
  }
  kw_svg_series s = {NULL, NULL, vals, KW_AGE__COUNT, "#b45309", false, false,
                     NULL, NULL};
  kw_svg_axis ya = {M(w, MSG_AXIS_AMOUNT), 1, 0, KW_SVG_MONEY, 0};
  figure_open(w, MSG_CHART_AGEING);
  kw_svg_bars(&w->t, &w->st, M(w, MSG_CHART_AGEING), cats, KW_AGE__COUNT, &s,
              1, &ya, M(w, MSG_AXIS_DAYS_PAST_DUE));
  put(w, "</figure>\n");
  figs_open(w);
  fig_row(w, M(w, MSG_FIG_DSO), p->dso_defined ? num(w, v, p->dso, 0) : "–");
  fig_row(w, M(w, MSG_FIG_OPEN), cents(w, v, p->open_total, 0));
  fig_row(w, M(w, MSG_FIG_OVERDUE), cents(w, v, p->overdue_total, 0));
  fig_row(w, M(w, MSG_FIG_LATE_SHARE), pct(w, v, p->late_share_all, 1));
  fig_row(w, M(w, MSG_COL_DAYS_TO_PAY), num(w, v, p->days_to_pay_all, 0));
  fig_row(w, M(w, MSG_FIG_DATA_ERRORS), num(w, v, (double)p->errors_total, 0));
  put(w, "</tbody></table></div>\n");
  group_table(w, a->groups_pay, a->n_groups_pay, MSG_COL_CLASS, false);
  put(w, "</section>\n");
}

static void cross_sell(hw *w) {
  const kw_analysis *a = w->a;
  char v[64];
  if (!section_open(w, "cross-sell", MSG_SEC_CROSS_SELL, KW_STEP_CROSS_SELL))
    return;
  section_limits(w, KW_STEP_CROSS_SELL);
  reading(w, KW_READ_CROSS_SELL, NULL);
  if (a->n_cross) {
    static const kw_msg heads[] = {MSG_COL_IF, MSG_COL_THEN, MSG_COL_BASKETS,
                                   MSG_COL_CONFIDENCE, MSG_COL_LIFT};
    static const bool numeric[] = {false, false, true, true, true};
    table_open(w, heads, numeric, 5, false);
    for (size_t i = 0; i < a->n_cross; i++) {
      const kw_cross_rule *r = &a->cross[i];
      put(w, "<tr>");
      td(w, r->lhs);
      td(w, r->rhs);
      tdn(w, num(w, v, r->count, 0), r->count);
      tdn(w, pct(w, v, r->confidence, 0), r->confidence);
      tdn(w, num(w, v, r->lift, 2), r->lift);
      put(w, "</tr>\n");
    }
    table_close(w);
  }
  put(w, "</section>\n");
}

static void feedback(hw *w) {
  if (!section_open(w, "feedback", MSG_SEC_FEEDBACK, KW_STEP_FEEDBACK)) return;
  reading(w, KW_READ_NPS, NULL);
  kw_fb_html_section(&w->t, w->a, &w->st);
  put(w, "</section>\n");
}


/* ------------------------------------------------------------- growth */

static const char *K(hw *w, const char *key) {
  const char *t = kw_message(key, w->lang);
  return t ? t : key;
}

/* A sentence of the keyed message table with arguments, in a <p>. */
static void say_p(hw *w, const char *key, const kw_marg *args, size_t n,
                  const char *cls) {
  kw_msg_fill(w->buf, sizeof w->buf, K(w, key), w->lang, w->a->currency,
              args, n);
  tag_text(w, "p", cls ? cls : "reading", w->buf);
}

static void table_open_keys(hw *w, const char *const *keys,
                            const bool *numeric, size_t n) {
  int id = ++w->table_id;
  kw_text_printf(&w->t, "<div class=\"scroll\"><table id=\"t%d\" "
                        "class=\"data\"><thead><tr>",
                 id);
  for (size_t j = 0; j < n; j++) {
    kw_text_printf(&w->t, "<th data-sort=\"%s\"%s>", numeric[j] ? "n" : "s",
                   numeric[j] ? " class=\"n\"" : "");
    esc(w, K(w, keys[j]));
    put(w, "</th>");
  }
  put(w, "</tr></thead><tbody>\n");
}

static void trends_section(hw *w) {
  const kw_trends_data *t = kw_trends_view(w->a->trends);
  if (!section_open(w, "trends", MSG_SEC_TRENDS, KW_STEP_TRENDS)) return;
  if (!t || !t->n) {
    put(w, "</section>\n");
    return;
  }
  char lab[16], v[64], v2[64];
  size_t n = t->n, last = n - 1;
  /* the last complete period against the one before and a year before */
  size_t cur = t->partial && n > 1 ? n - 2 : last;
  kw_marg a1[4] = {kw_ma_str("period", kw_period_label(lab, t->index[cur],
                                                        t->period)),
                   kw_ma_money("revenue", t->revenue[cur], 0),
                   kw_ma_int("active", (int64_t)t->active[cur]),
                   kw_ma_int("new", (int64_t)t->new_customers[cur])};
  say_p(w, "growth.html.trend_last", a1, 4, NULL);
  if (cur >= 1) {
    int64_t d = t->revenue[cur] - t->revenue[cur - 1];
    kw_marg a2[6] = {kw_ma_money("change", d, 0),
                     kw_ma_money("new", t->bridge_new[cur], 0),
                     kw_ma_money("back", t->bridge_reactivated[cur], 0),
                     kw_ma_money("more", t->bridge_expansion[cur], 0),
                     kw_ma_money("less", t->bridge_contraction[cur], 0),
                     kw_ma_money("lost", t->bridge_churned[cur], 0)};
    say_p(w, "growth.html.bridge", a2, 6, "");
  }
  if (!isnan(t->yoy_growth[cur]))
    say_p(w, "growth.html.yoy",
          (kw_marg[]){kw_ma_pct("growth", t->yoy_growth[cur], 0)}, 1, "");
  if (t->seasonality_clear) {
    static const char *const mon_en[] = {"", "January", "February", "March",
                                         "April", "May", "June", "July",
                                         "August", "September", "October",
                                         "November", "December"};
    static const char *const mon_nl[] = {"", "januari", "februari", "maart",
                                         "april", "mei", "juni", "juli",
                                         "augustus", "september", "oktober",
                                         "november", "december"};
    static const char *const q[] = {"", "Q1", "Q2", "Q3", "Q4"};
    const char *const *names = t->period == KW_PERIOD_QUARTER ? q
                               : w->lang == KW_LANG_NL       ? mon_nl
                                                             : mon_en;
    say_p(w, "growth.trends.season_clear",
          (kw_marg[]){kw_ma_str("peak", names[t->peak_slot]),
                      kw_ma_str("trough", names[t->trough_slot]),
                      kw_ma_num("strength", t->seasonal_strength, 2)},
          3, "");
  }
  for (size_t p = 0; p < n; p++)
    if (t->anomaly[p])
      say_p(w, t->anomaly[p] == 1 ? "growth.trends.anomaly_high"
                                  : "growth.trends.anomaly_low",
            (kw_marg[]){kw_ma_str("period", kw_period_label(lab, t->index[p],
                                                            t->period)),
                        kw_ma_money("revenue", t->revenue[p], 0),
                        kw_ma_num("z", t->anomaly_z[p], 1)},
            3, "");
  if (t->n_breaks)
    say_p(w, "growth.html.breaks",
          (kw_marg[]){kw_ma_int("n", (int64_t)t->n_breaks)}, 1, "");
  /* revenue per period, with new customers' revenue */
  double *x = kw_calloc(w->t.ctx, n, sizeof *x);
  double *y = kw_calloc(w->t.ctx, n, sizeof *y);
  double *yn = kw_calloc(w->t.ctx, n, sizeof *yn);
  if (x && y && yn) {
    for (size_t p = 0; p < n; p++) {
      x[p] = (double)p;
      y[p] = (double)t->revenue[p] / 100.0;
      yn[p] = (double)t->bridge_new[p] / 100.0;
    }
    kw_svg_series s[2] = {
        {K(w, "growth.html.revenue"), x, y, n, "#1d4ed8", false, false, NULL,
         NULL},
        {K(w, "growth.html.revenue_new"), x, yn, n, "#059669", false, true,
         NULL, NULL}};
    kw_svg_axis xa = {K(w, t->period == KW_PERIOD_WEEK      ? "growth.weeks"
                           : t->period == KW_PERIOD_QUARTER ? "growth.quarters"
                                                            : "growth.months"),
                      0, (double)(n ? n - 1 : 1), KW_SVG_NUM, 0};
    kw_svg_axis ya = {M(w, MSG_AXIS_AMOUNT), 1, 0, KW_SVG_MONEY, 0};
    kw_text_printf(&w->t, "<figure><figcaption>");
    esc(w, K(w, "growth.html.trend_chart"));
    snprintf(w->buf, sizeof w->buf, " (%s – %s)",
             kw_period_label(v, t->index[0], t->period),
             kw_period_label(v2, t->index[last], t->period));
    esc(w, w->buf);
    put(w, "</figcaption>");
    kw_svg_lines(&w->t, &w->st, K(w, "growth.html.trend_chart"), &xa, &ya, s,
                 2, 0, 0, NULL);
    put(w, "</figure>\n");
  }
  kw_free(w->t.ctx, x);
  kw_free(w->t.ctx, y);
  kw_free(w->t.ctx, yn);
  /* the last 12 periods with their bridge */
  static const char *const heads[] = {
      "growth.col.period", "growth.col.revenue", "growth.col.active",
      "growth.col.new", "growth.col.lapsed", "growth.col.b_new",
      "growth.col.b_back", "growth.col.b_more", "growth.col.b_less",
      "growth.col.b_lost"};
  static const bool numeric[] = {false, true, true, true, true,
                                 true,  true, true, true, true};
  table_open_keys(w, heads, numeric, 10);
  size_t from = n > 12 ? n - 12 : 0;
  for (size_t p = from; p < n; p++) {
    put(w, "<tr>");
    td(w, kw_period_label(lab, t->index[p], t->period));
    tdn(w, cents(w, v, t->revenue[p], 0), (double)t->revenue[p]);
    tdn(w, num(w, v, (double)t->active[p], 0), (double)t->active[p]);
    tdn(w, num(w, v, (double)t->new_customers[p], 0),
        (double)t->new_customers[p]);
    tdn(w, num(w, v, (double)t->lapsed[p], 0), (double)t->lapsed[p]);
    const int64_t *b[5] = {t->bridge_new, t->bridge_reactivated,
                           t->bridge_expansion, t->bridge_contraction,
                           t->bridge_churned};
    for (int k = 0; k < 5; k++)
      tdn(w, cents(w, v, b[k][p], 0), (double)b[k][p]);
    put(w, "</tr>\n");
  }
  table_close(w);
  put(w, "</section>\n");
}

static void journey_section(hw *w) {
  const kw_journey_data *j = kw_journey_view(w->a->journey);
  if (!section_open(w, "journey", MSG_SEC_JOURNEY, KW_STEP_JOURNEY)) return;
  if (!j || !j->n_steps) {
    put(w, "</section>\n");
    return;
  }
  char v[64];
  say_p(w, "growth.journey.head",
        (kw_marg[]){kw_ma_int("customers", (int64_t)j->customers),
                    kw_ma_int("touches", (int64_t)j->touches)},
        2, NULL);
  say_p(w, j->order_inferred ? "growth.journey.inferred"
                             : "growth.journey.given",
        NULL, 0, "");
  if (j->worst_step != SIZE_MAX) {
    size_t k = j->worst_step;
    const char *st = strcmp(j->stage[k], "purchase") == 0
                         ? K(w, "growth.purchase")
                         : j->stage[k];
    say_p(w, "growth.journey.worst",
          (kw_marg[]){kw_ma_str("step", st),
                      kw_ma_int("lost",
                                (int64_t)(j->entered[k] - j->converted[k])),
                      kw_ma_int("entered", (int64_t)j->entered[k])},
          3, "");
    if (j->worst_channel)
      say_p(w, "growth.journey.worst_channel",
            (kw_marg[]){kw_ma_str("channel", j->worst_channel),
                        kw_ma_num("lift", j->worst_lift, 1),
                        kw_ma_int("n", (int64_t)j->worst_lost_with_channel)},
            3, "");
  }
  if (!isnan(j->touches_before_purchase_mean))
    say_p(w, "growth.journey.before",
          (kw_marg[]){kw_ma_num("mean", j->touches_before_purchase_mean, 1),
                      kw_ma_num("median", j->touches_before_purchase_median,
                                0)},
          2, "");
  const char **cats = kw_calloc(w->t.ctx, j->n_steps, sizeof *cats);
  double *vals = kw_calloc(w->t.ctx, j->n_steps, sizeof *vals);
  if (cats && vals) {
    for (size_t k = 0; k < j->n_steps; k++) {
      cats[k] = strcmp(j->stage[k], "purchase") == 0 ? K(w, "growth.purchase")
                                                     : j->stage[k];
      vals[k] = (double)j->entered[k];
    }
    kw_svg_series s = {NULL, NULL, vals, j->n_steps, "#7c3aed", false, false,
                       NULL, NULL};
    kw_svg_axis ya = {K(w, "growth.col.customers"), 0, (double)j->entered[0],
                      KW_SVG_NUM, 0};
    put(w, "<figure><figcaption>");
    esc(w, K(w, "growth.html.funnel"));
    put(w, "</figcaption>");
    kw_svg_bars(&w->t, &w->st, K(w, "growth.html.funnel"), cats, j->n_steps,
                &s, 1, &ya, K(w, "growth.col.step"));
    put(w, "</figure>\n");
  }
  kw_free(w->t.ctx, cats);
  kw_free(w->t.ctx, vals);
  if (j->n_channels) {
    say_p(w, "growth.journey.attr",
          (kw_marg[]){kw_ma_num("n", j->purchases, 0)}, 1, "");
    static const char *const heads[] = {
        "growth.col.channel", "growth.col.first", "growth.col.last",
        "growth.col.linear", "growth.col.markov"};
    static const bool numeric[] = {false, true, true, true, true};
    table_open_keys(w, heads, numeric, 5);
    for (size_t c = 0; c < j->n_channels; c++) {
      put(w, "<tr>");
      td(w, j->channel[c]);
      tdn(w, num(w, v, j->first_touch[c], 1), j->first_touch[c]);
      tdn(w, num(w, v, j->last_touch[c], 1), j->last_touch[c]);
      tdn(w, num(w, v, j->linear[c], 1), j->linear[c]);
      tdn(w, isfinite(j->markov[c]) ? num(w, v, j->markov[c], 1) : "–",
          j->markov[c]);
      put(w, "</tr>\n");
    }
    table_close(w);
  }
  put(w, "</section>\n");
}

static void referrals_section(hw *w) {
  const kw_referrals_data *r = kw_referrals_view(w->a->referrals);
  if (!section_open(w, "referrals", MSG_SEC_REFERRALS, KW_STEP_REFERRALS))
    return;
  if (!r) {
    put(w, "</section>\n");
    return;
  }
  char v[64];
  say_p(w, "growth.html.ref_head",
        (kw_marg[]){kw_ma_int("edges", (int64_t)r->edges),
                    kw_ma_int("referrers", (int64_t)r->n)},
        2, NULL);
  say_p(w, isnan(r->cac_saved) ? "growth.ref.crv_rule_nocac"
                               : "growth.ref.crv_rule",
        (kw_marg[]){kw_ma_money("cac", llround(r->cac_saved * 100), 0)}, 1,
        "");
  if (r->group_shown[0] && r->group_shown[1])
    say_p(w, "growth.ref.compare",
          (kw_marg[]){kw_ma_pct("rr", r->repeat_rate[0], 0),
                      kw_ma_pct("ro", r->repeat_rate[1], 0),
                      kw_ma_money("vr", llround(r->mean_value[0] * 100), 0),
                      kw_ma_money("vo", llround(r->mean_value[1] * 100), 0),
                      kw_ma_int("nr", (int64_t)r->group_n[0]),
                      kw_ma_int("no", (int64_t)r->group_n[1])},
          6, "");
  if (r->self_referrals || r->duplicates || r->unknown || r->missing ||
      r->on_cycle)
    say_p(w, "growth.ref.cleaned",
          (kw_marg[]){kw_ma_int("self", (int64_t)r->self_referrals),
                      kw_ma_int("dup", (int64_t)r->duplicates),
                      kw_ma_int("unknown",
                                (int64_t)(r->unknown + r->missing)),
                      kw_ma_int("cycle", (int64_t)r->on_cycle)},
          4, "note");
  if (r->n) {
    /* the tree of the top influencers: who they brought */
    say_p(w, "growth.html.thank", NULL, 0, "");
    size_t top = r->n < 5 ? r->n : 5;
    put(w, "<ul class=\"tree\">\n");
    for (size_t i = 0; i < top; i++) {
      uint32_t ref = r->referrer[i];
      put(w, "<li><b>");
      esc(w, kw_dict_str(r->customers, ref));
      put(w, "</b> ");
      snprintf(w->buf, sizeof w->buf, "(%s)", money(w, v, r->crv[i], 0));
      esc(w, w->buf);
      put(w, "<ul>");
      for (size_t c = 0; c < r->n_customers; c++) {
        if (r->referred_by[c] != ref) continue;
        put(w, "<li>");
        esc(w, kw_dict_str(r->customers, (uint32_t)c));
        size_t second = 0;
        for (size_t d = 0; d < r->n_customers; d++)
          if (r->referred_by[d] == c) second++;
        if (second) {
          snprintf(w->buf, sizeof w->buf, " → %zu", second);
          esc(w, w->buf);
        }
        put(w, "</li>");
      }
      put(w, "</ul></li>\n");
    }
    put(w, "</ul>\n");
    static const char *const heads[] = {
        "growth.col.referrer", "growth.col.brought", "growth.col.bought",
        "growth.col.their_revenue", "growth.col.second",
        "growth.col.referral_value"};
    static const bool numeric[] = {false, true, true, true, true, true};
    table_open_keys(w, heads, numeric, 6);
    size_t rows = r->n < 15 ? r->n : 15;
    for (size_t i = 0; i < rows; i++) {
      put(w, "<tr>");
      td(w, kw_dict_str(r->customers, r->referrer[i]));
      tdn(w, num(w, v, r->direct[i], 0), r->direct[i]);
      tdn(w, num(w, v, r->direct_bought[i], 0), r->direct_bought[i]);
      tdn(w, cents(w, v, r->direct_revenue[i], 0),
          (double)r->direct_revenue[i]);
      tdn(w, num(w, v, r->second[i], 0), r->second[i]);
      tdn(w, money(w, v, r->crv[i], 0), r->crv[i]);
      put(w, "</tr>\n");
    }
    table_close(w);
  }
  put(w, "</section>\n");
}

static void acquisition_section(hw *w) {
  const kw_acquisition_data *c = kw_acquisition_view(w->a->acq);
  if (!section_open(w, "acquisition", MSG_SEC_ACQUISITION,
                    KW_STEP_ACQUISITION))
    return;
  reading(w, KW_READ_CAC, NULL);
  if (!c) {
    put(w, "</section>\n");
    return;
  }
  char v[64];
  if (!c->has_channel) say_p(w, "growth.acq.no_channel", NULL, 0, "note");
  if (c->n && (c->has_cost || c->has_spend)) {
    say_p(w, "growth.html.acq_value", NULL, 0, "");
    static const char *const heads[] = {
        "growth.col.channel", "growth.col.customers", "growth.col.cac",
        "growth.col.value", "growth.col.clv_cac", "growth.col.payback",
        "growth.col.cac_source"};
    static const bool numeric[] = {false, true, true, true, true, true,
                                   false};
    table_open_keys(w, heads, numeric, c->has_spend ? 7 : 6);
    for (size_t g = 0; g < c->n; g++) {
      put(w, "<tr>");
      td(w, c->kind[g] == 1   ? K(w, "growth.unknown")
            : c->kind[g] == 2 ? K(w, "growth.other")
                              : c->channel[g]);
      tdn(w, num(w, v, (double)c->customers[g], 0), (double)c->customers[g]);
      tdn(w, money(w, v, c->cac[g], 0), c->cac[g]);
      tdn(w, money(w, v, c->mean_value[g], 0), c->mean_value[g]);
      tdn(w, isfinite(c->clv_cac[g]) ? num(w, v, c->clv_cac[g], 1) : "–",
          c->clv_cac[g]);
      tdn(w, c->payback_month[g] >= 0
                 ? num(w, v, c->payback_month[g], 0)
                 : K(w, "growth.html.not_yet"),
          c->payback_month[g] >= 0 ? c->payback_month[g] : NAN);
      if (c->has_spend)
        td(w, c->cac_source[g] == 2   ? K(w, "growth.col.src_spend")
              : c->cac_source[g] == 1 ? K(w, "growth.col.src_customers")
                                      : "–");
      put(w, "</tr>\n");
    }
    table_close(w);
    say_p(w, "growth.acq.payback_rule", NULL, 0, "small");
    if (c->has_spend) {
      char a[16] = "", b[16] = "";
      kw_period_label(a, c->spend_first, KW_PERIOD_MONTH);
      kw_period_label(b, c->spend_last, KW_PERIOD_MONTH);
      say_p(w, "growth.acq.spend",
            (kw_marg[]){kw_ma_str("from", a), kw_ma_str("to", b),
                        kw_ma_money("total", llround(c->spend_total * 100), 0),
                        kw_ma_money("unmatched",
                                    llround(c->spend_unmatched * 100), 0),
                        kw_ma_int("skipped", (int64_t)c->spend_skipped)},
            5, "small");
    }
  }
  if (c->has_discount)
    say_p(w, "growth.disc.summary",
          (kw_marg[]){kw_ma_pct("share",
                                c->revenue > 0
                                    ? (double)c->discounted_revenue /
                                          (double)c->revenue
                                    : 0,
                                0),
                      kw_ma_money("given", c->discount_total, 0),
                      kw_ma_int("seekers", (int64_t)c->deal_seekers)},
          3, "");
  if (c->has_discount && c->n_seg) {
    say_p(w, "growth.disc.segments", NULL, 0, "");
    static const char *const heads[] = {
        "growth.col.segment", "growth.col.customers", "growth.col.disc_share",
        "growth.col.disc_per_customer", "growth.col.deal_seekers"};
    static const bool numeric[] = {false, true, true, true, true};
    table_open_keys(w, heads, numeric, 5);
    for (size_t g = 0; g < c->n_seg; g++) {
      double nc = (double)c->seg_customers[g];
      double sh = c->seg_revenue[g] > 0 ? (double)c->seg_discounted[g] /
                                              (double)c->seg_revenue[g]
                                        : NAN;
      double per = nc > 0 ? (double)c->seg_discount[g] / 100.0 / nc : NAN;
      put(w, "<tr>");
      td(w, c->seg_label[g] ? kw_an_segment_name(w->a, c->seg_label[g], w->lang)
                            : K(w, "growth.other"));
      tdn(w, num(w, v, nc, 0), nc);
      tdn(w, isfinite(sh) ? pct(w, v, sh, 0) : "–", sh);
      tdn(w, isfinite(per) ? money(w, v, per, 2) : "–", per);
      tdn(w, num(w, v, (double)c->seg_seekers[g], 0),
          (double)c->seg_seekers[g]);
      put(w, "</tr>\n");
    }
    table_close(w);
  }
  put(w, "</section>\n");
}

static void quality(hw *w) {
  const kw_analysis *a = w->a;
  char v[64], d1[16], d2[16];
  if (!section_open(w, "quality", MSG_SEC_QUALITY, KW_STEP_QUALITY)) return;
  reading(w, KW_READ_QUALITY, NULL);
  const kw_quality *q = &a->q;
  figs_open(w);
  fig_row(w, M(w, MSG_FIG_LINES_READ), num(w, v, (double)a->tx_rows_read, 0));
  fig_row(w, M(w, MSG_FIG_LINES_USED), num(w, v, (double)a->s->lines_used, 0));
  if (a->tx_rows_skipped > a->guest_lines)
    fig_row(w, M(w, MSG_FIG_LINES_SKIPPED),
            num(w, v, (double)(a->tx_rows_skipped - a->guest_lines), 0));
  fig_row(w, M(w, MSG_FIG_LINES_AFTER), num(w, v, (double)a->s->lines_after, 0));
  {
    kw_currency_text(w->buf, sizeof w->buf, &a->currency_info, w->lang);
    fig_row(w, M(w, MSG_FIG_CURRENCY), w->buf);
  }
  if (a->guest_lines) {
    double tot = (double)a->guest_cents + (double)a->head.revenue;
    kw_marg gm[] = {kw_ma_money("amount", a->guest_cents, 0),
                    kw_ma_int("lines", (int64_t)a->guest_lines),
                    kw_ma_pct("share", tot > 0 ? (double)a->guest_cents / tot
                                               : NAN, 1)};
    kw_msg_format(w->buf, sizeof w->buf, MSG_GUEST_SALES, w->lang,
                  a->currency, gm, 3);
    fig_row(w, M(w, MSG_FIG_GUEST_SALES), w->buf);
  }
  if (a->return_only)
    fig_row(w, M(w, MSG_FIG_RETURN_ONLY), num(w, v, (double)a->return_only, 0));
  if (a->have_quality) {
    snprintf(w->buf, sizeof w->buf, "%s – %s",
             kw_fmt_date(d1, q->first_date, w->lang),
             kw_fmt_date(d2, q->last_date, w->lang));
    fig_row(w, M(w, MSG_FIG_PERIOD), w->buf);
    fig_row(w, M(w, MSG_FIG_DUPLICATES), num(w, v, (double)q->duplicate_lines, 0));
    fig_row(w, M(w, MSG_FIG_NEGATIVE), num(w, v, (double)q->negative_lines, 0));
    fig_row(w, M(w, MSG_FIG_EXTREME), num(w, v, (double)q->extreme_amounts, 0));
    if (q->has_customers_table) {
      fig_row(w, M(w, MSG_FIG_NOT_IN_TABLE),
              num(w, v, (double)q->customers_not_in_table, 0));
      fig_row(w, M(w, MSG_FIG_NEVER_BOUGHT),
              num(w, v, (double)q->customers_without_lines, 0));
    }
  }
  put(w, "</tbody></table></div>\n");
  if (a->have_quality &&
      (q->duplicate_lines || q->extreme_amounts ||
       a->tx_rows_skipped > a->guest_lines))
    tag_text(w, "p", "small", M(w, MSG_READ_QUALITY_ISSUES));
  put(w, "</section>\n");
}

static void steps(hw *w) {
  const kw_analysis *a = w->a;
  put(w, "<section id=\"steps\">\n");
  tag_text(w, "h2", NULL, M(w, MSG_SEC_STEPS));
  bool all = true;
  for (int s = 0; s < KW_STEP__COUNT; s++)
    if (a->step[s] != KW_STEP_RAN) all = false;
  tag_text(w, "p", NULL, M(w, all ? MSG_STEPS_ALL_RAN : MSG_STEPS_INTRO));
  static const kw_msg heads[] = {MSG_COL_STEP, MSG_COL_RESULT, MSG_COL_NOTE};
  table_open(w, heads, NULL, 3, false);
  static const kw_msg status_msg[] = {MSG_NOTE_PENDING, MSG_STATUS_RAN,
                                      MSG_STATUS_LIMITED, MSG_STATUS_SKIPPED,
                                      MSG_STATUS_FAILED};
  for (int s = 0; s < KW_STEP__COUNT; s++) {
    kw_step_info si;
    kw_analysis_step(a, (kw_step)s, w->lang, &si);
    kw_text_printf(&w->t, "<tr class=\"st-%s\">",
                   kw_step_status_name(si.status));
    td(w, si.label);
    td(w, M(w, status_msg[si.status]));
    td(w, si.note);
    put(w, "</tr>\n");
  }
  table_close(w);
  put(w, "</section>\n");
}

static const char css[] =
    ":root{--fg:#111827;--muted:#4b5563;--line:#e5e7eb;--accent:#1d4ed8}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
    "Arial,sans-serif;color:var(--fg);background:#f3f4f6}\n"
    "header,main,footer{max-width:1080px;margin:0 auto;padding:0 14px}\n"
    "header{padding-top:22px}h1{font-size:1.75rem;margin:0 0 2px}\n"
    "h2{font-size:1.3rem;margin:0 0 10px}h3{font-size:1.05rem;margin:22px 0 4px}\n"
    "a{color:var(--accent)}\n"
    "section{background:#fff;border:1px solid var(--line);border-radius:10px;"
    "padding:16px 18px;margin:16px 0}\n"
    "nav ul{margin:8px 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;"
    "gap:6px 14px}\n"
    ".sub{color:var(--muted);margin:0}.small,small{color:var(--muted);"
    "font-size:.85rem}\n"
    ".kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(165px,"
    "1fr));gap:10px}\n"
    ".kpi{border:1px solid var(--line);border-radius:8px;padding:9px 12px}\n"
    ".kpi span{display:block;color:var(--muted);font-size:.85rem}"
    ".kpi b{display:block;font-size:1.45rem;line-height:1.3}"
    ".kpi small{display:block;font-size:.75rem}\n"
    ".reading{font-size:1.08rem;font-weight:600;margin:.3em 0 .8em}\n"
    ".warn{background:#fffbeb;border-left:4px solid #f59e0b;padding:7px 11px}\n"
    ".note{background:#f3f4f6;border-left:4px solid #9ca3af;padding:7px 11px;"
    "color:var(--muted)}\n"
    "figure{margin:12px 0 16px}figcaption{font-weight:600;margin-bottom:4px}\n"
    "svg.chart{width:100%;height:auto;max-width:780px;display:block}\n"
    ".axis{color:var(--muted);font-size:.85rem;text-align:center;"
    "max-width:780px;margin:2px 0}\n"
    ".scroll{overflow-x:auto;margin:6px 0 10px}\n"
    "table{border-collapse:collapse;width:100%;font-size:.88rem}\n"
    "th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:#f9fafb;position:sticky;top:0}\n"
    "th.n,td.n{text-align:right;white-space:nowrap}\n"
    "table.data td:last-child:not(.n){min-width:16em}\n"
    "table.figs{width:auto;min-width:50%}table.figs th{font-weight:normal;"
    "color:var(--muted)}\n"
    "th[data-sort]{cursor:pointer}th.asc::after{content:' \\25B2'}"
    "th.desc::after{content:' \\25BC'}\n"
    "tr.st-skipped td,tr.st-failed td{background:#fef3c7}"
    "tr.st-limited td{background:#f9fafb}\n"
    "input.filter{font:inherit;padding:5px 8px;border:1px solid #d1d5db;"
    "border-radius:6px;width:min(320px,100%)}\n"
    "footer{color:var(--muted);font-size:.8rem;padding:8px 14px 30px}\n"
    ".personas{display:grid;grid-template-columns:repeat(auto-fit,minmax("
    "300px,1fr));gap:12px}.persona{border:1px solid var(--line);"
    "border-radius:8px;padding:4px 12px 8px}.persona h3{margin-top:8px}\n"
    "@media (max-width:600px){body{font-size:14px}section{padding:12px;"
    "border-radius:0;margin:10px -14px}.kpi b{font-size:1.2rem}"
    /* phone: wide tables scroll sideways, the id column stays in view */
    ".scroll table.data{width:max-content;min-width:100%}"
    ".scroll table.data td:first-child,.scroll table.data th:first-child"
    "{position:sticky;left:0;background:#fff;z-index:1}}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{background:#fff;font-size:10.5pt}"
    "header,main,footer{max-width:none;padding:0}"
    "section{break-before:page;border:none;padding:0;margin:0}"
    "section#headline{break-before:auto}"
    "figure,.kpi,tr,.reading{break-inside:avoid}h2,h3{break-after:avoid}"
    "nav,input.filter,.print-hint{display:none}"
    ".scroll{overflow:visible}thead th{position:static}}\n";

/* The script marks the page when it has run (data-kw-ready) and records
 * any script error (data-kw-error), so a test can read both from the DOM. */
static const char js[] =
    "window.addEventListener('error',function(e){"
    "document.documentElement.setAttribute('data-kw-error',"
    "String(e.message));});\n"
    "(function(){\n"
    "function val(td,n){if(!td)return n?-Infinity:'';"
    "if(n){var v=td.getAttribute('data-v');"
    "return v===null||v===''?-Infinity:parseFloat(v);}"
    "return td.textContent.toLowerCase();}\n"
    "document.querySelectorAll('table.data th[data-sort]').forEach("
    "function(th){th.addEventListener('click',function(){"
    "var tb=th.closest('table').tBodies[0];var i=th.cellIndex;"
    "var n=th.getAttribute('data-sort')==='n';"
    "var asc=!th.classList.contains('asc');"
    "th.parentNode.querySelectorAll('th').forEach(function(h){"
    "h.classList.remove('asc','desc');});"
    "th.classList.add(asc?'asc':'desc');"
    "var rows=Array.prototype.slice.call(tb.rows);"
    "rows.sort(function(a,b){var x=val(a.cells[i],n),y=val(b.cells[i],n);"
    "var c=n?x-y:(x<y?-1:x>y?1:0);return asc?c:-c;});"
    "rows.forEach(function(r){tb.appendChild(r);});});});\n"
    "document.querySelectorAll('input.filter').forEach(function(inp){"
    "inp.addEventListener('input',function(){"
    "var t=document.getElementById(inp.getAttribute('data-table'));"
    "var q=inp.value.toLowerCase();"
    "Array.prototype.forEach.call(t.tBodies[0].rows,function(r){"
    "r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':'';"
    "});});});\n"
    /* layout facts a test can read: tables wider than the screen that
       scroll, and whether their first column stays in view */
    "var sc=0,st=0;document.querySelectorAll('.scroll').forEach(function(d){"
    "var c=d.querySelector('table.data tbody td');"
    "if(c&&d.scrollWidth>d.clientWidth+1){sc++;"
    "if(getComputedStyle(c).position==='sticky')st++;}});"
    "document.documentElement.setAttribute('data-kw-scroll',sc+'/'+st);\n"
    "document.documentElement.setAttribute('data-kw-ready','1');\n"
    "})();\n";

static void nav(hw *w) {
  static const struct {
    const char *id;
    kw_msg m;
  } items[] = {{"headline", MSG_SEC_HEADLINE}, {"actions", MSG_SEC_ACTIONS},
               {"value", MSG_SEC_VALUE},       {"profit", MSG_SEC_PROFIT},
               {"rfm", MSG_SEC_RFM},           {"clv", MSG_SEC_CLV},
               {"retention", MSG_SEC_RETENTION},
               {"payments", MSG_SEC_PAYMENTS},
               {"cross-sell", MSG_SEC_CROSS_SELL},
               {"segments", MSG_SEC_SEGMENTS},
               {"feedback", MSG_SEC_FEEDBACK},
               {"trends", MSG_SEC_TRENDS},     {"journey", MSG_SEC_JOURNEY},
               {"referrals", MSG_SEC_REFERRALS},
               {"acquisition", MSG_SEC_ACQUISITION},
               {"quality", MSG_SEC_QUALITY},
               {"steps", MSG_SEC_STEPS}};
  put(w, "<nav aria-label=\"");
  esc(w, M(w, MSG_CONTENTS));
  put(w, "\"><ul>");
  for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
    kw_text_printf(&w->t, "<li><a href=\"#%s\">", items[i].id);
    esc(w, M(w, items[i].m));
    put(w, "</a></li>");
  }
  put(w, "</ul></nav>\n");
}

kw_status kw_report_html(kw_context *ctx, const kw_analysis *a,
                         const kw_report_options *ro, FILE *f) {
  kw_report_options def;
  ro = kw_report_options_or_default(ro, &def);
  hw w;
  memset(&w, 0, sizeof w);
  kw_text_init(&w.t, ctx);
  w.a = a;
  w.lang = ro->lang;
  w.show_names = ro->show_names;
  w.st.lang = ro->lang;
  w.st.currency = a->currency;
  char v[64];
  kw_text_printf(&w.t,
                 "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, "
                 "initial-scale=1\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                 "script-src 'unsafe-inline'; img-src data:\">\n<title>",
                 w.lang == KW_LANG_NL ? "nl" : "en");
  esc(&w, M(&w, MSG_REPORT_TITLE));
  put(&w, "</title>\n<style>\n");
  put(&w, css);
  put(&w, "</style>\n</head>\n<body>\n<header>\n");
  tag_text(&w, "h1", NULL, M(&w, MSG_REPORT_TITLE));
  kw_marg sm[] = {kw_ma_str("customers",
                            num(&w, v, (double)a->head.customers, 0)),
                  kw_ma_date("as_of", a->as_of)};
  kw_msg_format(w.buf, sizeof w.buf, MSG_REPORT_SUBTITLE, w.lang, a->currency,
                sm, 2);
  tag_text(&w, "p", "sub", w.buf);
  tag_text(&w, "p", "small print-hint", M(&w, MSG_PRINT_HINT));
  nav(&w);
  put(&w, "</header>\n<main>\n");
  headline(&w);
  since_last(&w);
  if (!kw_text_flush(&w.t, f)) goto bad;
  actions(&w);
  if (!kw_text_flush(&w.t, f)) goto bad;
  value(&w);
  profit(&w);
  rfm(&w);
  clv(&w);
  if (!kw_text_flush(&w.t, f)) goto bad;
  retention(&w);
  payments(&w);
  cross_sell(&w);
  if (a->seg) kw_html_segments(&w.t, a, w.lang);
  feedback(&w);
  if (!kw_text_flush(&w.t, f)) goto bad;
  trends_section(&w);
  journey_section(&w);
  referrals_section(&w);
  acquisition_section(&w);
  quality(&w);
  steps(&w);
  put(&w, "</main>\n<footer>");
  kw_marg fm[] = {kw_ma_str("version", kw_version())};
  kw_msg_format(w.buf, sizeof w.buf, MSG_FOOTER, w.lang, a->currency, fm, 1);
  esc(&w, w.buf);
  put(&w, "</footer>\n<script>\n");
  put(&w, js);
  put(&w, "</script>\n</body>\n</html>\n");
  if (!kw_text_flush(&w.t, f) || ferror(f)) goto bad;
  kw_text_free(&w.t);
  return KW_OK;
bad:
  kw_text_free(&w.t);
  return w.t.bad ? kw_fail_nomem(ctx)
                 : kw_fail(ctx, KW_EIO, "index.html: write failed");
}
