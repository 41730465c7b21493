/*
 * segments_html.c — the report's "Segments and personas" section: a
 * reading of the largest segment, a chart of each segment's share of
 * customers against its share of revenue (segment x value), the segment
 * table, the clustering sentence (k, silhouette, sample, seed) and one
 * card per persona. Groups below min_group never reach this code: the
 * model merged them into "other".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "models/analyze_internal.h"
#include "report/messages.h"
#include "report/segments_text.h"
#include "report/svg.h"
#include "report/text.h"

void kw_html_segments(kw_text *t, const kw_analysis *a, kw_lang lang);

#define MAX_BARS 8
#define BAR_LABEL 12 /* characters of a bar's label; the table has all */

static void row(kw_text *t, const char *label, const char *value) {
  kw_text_put(t, "<tr><th scope=\"row\">");
  kw_text_esc(t, label);
  kw_text_put(t, "</th><td>");
  kw_text_esc(t, value);
  kw_text_put(t, "</td></tr>\n");
}

static void th(kw_text *t, const char *s, bool n) {
  kw_text_put(t, n ? "<th class=\"n\">" : "<th>");
  kw_text_esc(t, s);
  kw_text_put(t, "</th>");
}

static void tdn(kw_text *t, const char *s) {
  kw_text_put(t, "<td class=\"n\">");
  kw_text_esc(t, s);
  kw_text_put(t, "</td>");
}

/* At most BAR_LABEL characters of s (UTF-8), with "…" when cut. */
static const char *short_label(char *buf, size_t cap, const char *s) {
  size_t chars = 0, i = 0;
  for (; s[i]; i++) {
    if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == BAR_LABEL - 1)
      break;
  }
  if (!s[i]) return s;
  if (i + 4 > cap) i = cap - 4;
  memcpy(buf, s, i);
  memcpy(buf + i, "\xe2\x80\xa6", 4); /* … and NUL */
  return buf;
}

static void card(kw_text *t, const kw_analysis *a, const kw_persona *p,
                 kw_lang lang) {
  char buf[1024], v[96];
  kw_text_put(t, "<div class=\"persona\">");
  kw_persona_name(buf, sizeof buf, p, lang);
  kw_text_put(t, "<h3>");
  kw_text_esc(t, buf);
  kw_text_put(t, "</h3>\n");
  kw_marg m[] = {kw_ma_int("customers", (int64_t)p->customers),
                 kw_ma_pct("share", p->share_customers, 0)};
  kw_msg_format(buf, sizeof buf, MSG_CARD_CUSTOMERS, lang, a->currency, m, 2);
  kw_text_put(t, "<p class=\"sub\">");
  kw_text_esc(t, buf);
  kw_text_put(t, "</p>\n<table class=\"figs\"><tbody>\n");
  row(t, kw_msg_text(MSG_CARD_REVENUE, lang),
      kw_fmt_pct(v, p->share_revenue, 0, lang));
  if (!isnan(p->share_contribution))
    row(t, kw_msg_text(MSG_CARD_PROFIT, lang),
        kw_fmt_pct(v, p->share_contribution, 0, lang));
  if (!isnan(p->orders_per_year))
    row(t, kw_msg_text(MSG_CARD_ORDERS_YEAR, lang),
        kw_fmt_number(v, p->orders_per_year, 1, lang));
  if (!isnan(p->basket))
    row(t, kw_msg_text(MSG_CARD_BASKET, lang),
        kw_fmt_currency(v, (int64_t)llround(p->basket * 100), 0, lang,
                        a->currency));
  if (p->categories[0]) {
    buf[0] = '\0';
    for (int c = 0; c < KW_PERSONA_CATEGORIES && p->categories[c]; c++) {
      if (c) strncat(buf, ", ", sizeof buf - strlen(buf) - 1);
      strncat(buf, p->categories[c], sizeof buf - strlen(buf) - 1);
    }
    row(t, kw_msg_text(MSG_CARD_CATEGORIES, lang), buf);
  }
  if (p->channel) row(t, kw_msg_text(MSG_CARD_CHANNEL, lang), p->channel);
  if (p->pay_class >= 0)
    row(t, kw_msg_text(MSG_CARD_PAYMENT, lang),
        kw_pay_label(p->pay_class, lang));
  if (!isnan(p->nps))
    row(t, kw_msg_text(MSG_CARD_NPS, lang), kw_fmt_number(v, p->nps, 0, lang));
  for (size_t k = 0; k < p->n_themes; k++) {
    kw_persona_theme_text(buf, sizeof buf, p, k, lang);
    row(t, k ? "" : kw_msg_text(MSG_CARD_THEMES, lang), buf);
  }
  if (!isnan(p->churn_rate))
    row(t, kw_msg_text(MSG_CARD_CHURN_RISK, lang),
        kw_fmt_pct(v, p->churn_rate, 0, lang));
  if (!isnan(p->clv_mean))
    row(t, kw_msg_text(MSG_CARD_CLV, lang),
        kw_fmt_currency(v, (int64_t)llround(p->clv_mean * 100), 0, lang,
                        a->currency));
  if (!isnan(p->fit))
    row(t, kw_msg_text(MSG_CARD_FIT, lang), kw_fmt_pct(v, p->fit, 0, lang));
  kw_text_put(t, "</tbody></table>\n");
  if (p->n_traits) {
    kw_text_put(t, "<p><b>");
    kw_text_esc(t, kw_msg_text(MSG_CARD_TRAITS, lang));
    kw_text_put(t, "</b></p>\n<ul>");
    for (size_t r = 0; r < p->n_traits; r++) {
      kw_trait_text(buf, sizeof buf, &p->traits[r], lang, a->currency);
      kw_text_put(t, "<li>");
      kw_text_esc(t, buf);
      kw_text_put(t, "</li>");
    }
    kw_text_put(t, "</ul>\n");
  }
  if (p->action != KW_ACTION_NONE) {
    kw_marg am[] = {kw_ma_str("action", kw_action_label(p->action, lang)),
                    kw_ma_pct("share", p->action_share, 0),
                    kw_ma_str("desc", kw_action_desc(p->action, lang))};
    kw_msg_format(buf, sizeof buf, MSG_CARD_APPROACH, lang, a->currency, am,
                  3);
    kw_text_put(t, "<p class=\"approach\">");
    kw_text_esc(t, buf);
    kw_text_put(t, "</p>\n");
  }
  kw_text_put(t, "</div>\n");
}

void kw_html_segments(kw_text *t, const kw_analysis *a, kw_lang lang) {
  const kw_segments *sg = a->seg;
  if (!sg) return;
  char buf[1024], v[96], lb[MAX_BARS][64], sb[MAX_BARS][64];
  kw_seg_attr by = kw_segments_by(sg);
  size_t n;
  const kw_segment_row *rows = kw_segments_rows(sg, &n);
  kw_text_put(t, "<section id=\"segments\">\n<h2>");
  kw_text_esc(t, kw_msg_text(MSG_SEC_SEGMENTS, lang));
  kw_text_put(t, "</h2>\n");
  const char *attr = kw_seg_attr_label(by, lang);
  if (n && rows[0].customers) {
    kw_marg m[] = {
        kw_ma_str("segment", kw_seg_value_label(by, rows[0].key, lang, v,
                                                sizeof v)),
        kw_ma_str("attr", attr), kw_ma_pct("share", rows[0].share_revenue, 0),
        kw_ma_int("customers", (int64_t)rows[0].customers)};
    kw_msg_format(buf, sizeof buf, MSG_READ_SEGMENTS, lang, a->currency, m, 4);
    kw_text_put(t, "<p class=\"reading\">");
    kw_text_esc(t, buf);
    kw_text_put(t, "</p>\n");
  }
  /* segment x value: share of customers against share of revenue */
  size_t nb = n < MAX_BARS ? n : MAX_BARS;
  if (nb) {
    const char *cats[MAX_BARS];
    double cs[MAX_BARS], rs[MAX_BARS];
    for (size_t i = 0; i < nb; i++) {
      const char *l = kw_seg_value_label(by, rows[i].key, lang, lb[i],
                                         sizeof lb[i]);
      cats[i] = short_label(sb[i], sizeof sb[i], l);
      cs[i] = rows[i].share_customers;
      rs[i] = isnan(rows[i].share_revenue) ? 0 : rows[i].share_revenue;
    }
    kw_svg_series s[2] = {
        {kw_msg_text(MSG_COL_SHARE, lang), NULL, cs, nb, "#9ca3af", false,
         false, NULL, NULL},
        {kw_msg_text(MSG_COL_REVENUE_SHARE, lang), NULL, rs, nb, "#1d4ed8",
         false, false, NULL, NULL}};
    kw_svg_axis ya = {kw_msg_text(MSG_COL_SHARE, lang), 0, -1,
                      KW_SVG_PCT, 0};
    kw_svg_style st = {lang, a->currency};
    kw_marg m = kw_ma_str("attr", attr);
    kw_msg_format(buf, sizeof buf, MSG_CHART_SEGMENT_VALUE, lang, a->currency,
                  &m, 1);
    kw_text_put(t, "<figure><figcaption>");
    kw_text_esc(t, buf);
    kw_text_put(t, "</figcaption>");
    kw_svg_bars(t, &st, buf, cats, nb, s, 2, &ya, attr);
    kw_text_put(t, "</figure>\n");
  }
  /* the segment table */
  const kw_segment_row *tot = kw_segments_total(sg);
  bool clv = !isnan(tot->clv), churn = !isnan(tot->churn_rate),
       nps = !isnan(tot->nps), fit = !isnan(tot->fit);
  kw_text_put(t, "<div class=\"scroll\"><table><thead><tr>");
  th(t, attr, false);
  th(t, kw_msg_text(MSG_COL_CUSTOMERS, lang), true);
  th(t, kw_msg_text(MSG_COL_SHARE, lang), true);
  th(t, kw_msg_text(MSG_COL_REVENUE, lang), true);
  th(t, kw_msg_text(MSG_COL_REVENUE_SHARE, lang), true);
  if (a->have_profit) th(t, kw_msg_text(MSG_COL_CONTRIB_SHARE, lang), true);
  if (clv) th(t, kw_msg_text(MSG_COL_CLV_MEAN, lang), true);
  if (churn) th(t, kw_msg_text(MSG_COL_CHURN_RATE, lang), true);
  if (nps) th(t, kw_msg_text(MSG_COL_NPS, lang), true);
  if (fit) th(t, kw_msg_text(MSG_COL_FIT, lang), true);
  kw_text_put(t, "</tr></thead><tbody>\n");
  for (size_t i = 0; i < n; i++) {
    const kw_segment_row *r = &rows[i];
    kw_text_put(t, "<tr><td>");
    kw_text_esc(t, kw_seg_value_label(by, r->key, lang, v, sizeof v));
    kw_text_put(t, "</td>");
    tdn(t, kw_fmt_number(v, (double)r->customers, 0, lang));
    tdn(t, kw_fmt_pct(v, r->share_customers, 1, lang));
    tdn(t, kw_fmt_currency(v, r->revenue, 0, lang, a->currency));
    tdn(t, kw_fmt_pct(v, r->share_revenue, 1, lang));
    if (a->have_profit)
      tdn(t, isnan(r->share_contribution)
                 ? ""
                 : kw_fmt_pct(v, r->share_contribution, 1, lang));
    if (clv)
      tdn(t, isnan(r->clv_mean)
                 ? ""
                 : kw_fmt_currency(v, (int64_t)llround(r->clv_mean * 100), 0,
                                   lang, a->currency));
    if (churn)
      tdn(t, isnan(r->churn_rate) ? "" : kw_fmt_pct(v, r->churn_rate, 0, lang));
    if (nps) tdn(t, isnan(r->nps) ? "" : kw_fmt_number(v, r->nps, 0, lang));
    if (fit) tdn(t, isnan(r->fit) ? "" : kw_fmt_pct(v, r->fit, 0, lang));
    kw_text_put(t, "</tr>\n");
  }
  kw_text_put(t, "</tbody></table></div>\n");
  kw_marg sm[] = {kw_ma_int("n", (int64_t)a->o.min_group),
                  kw_ma_str("other", kw_msg_text(MSG_WORD_OTHER, lang))};
  kw_msg_format(buf, sizeof buf, MSG_READ_SMALL_GROUPS, lang, a->currency, sm,
                2);
  kw_text_put(t, "<p class=\"small\">");
  kw_text_esc(t, buf);
  kw_text_put(t, "</p>\n");
  /* clusters and personas */
  const kw_cluster_info *ci = kw_segments_clusters(sg);
  if (!ci->k) {
    kw_marg m = kw_ma_int("min", (int64_t)(3 * a->o.min_group));
    kw_msg_format(buf, sizeof buf, MSG_READ_NO_CLUSTERS, lang, a->currency,
                  &m, 1);
    kw_text_put(t, "<p class=\"note\">");
    kw_text_esc(t, buf);
    kw_text_put(t, "</p>\n</section>\n");
    return;
  }
  char seed[32];
  snprintf(seed, sizeof seed, "%llu", (unsigned long long)ci->seed);
  kw_marg cm[] = {kw_ma_int("k", (int64_t)ci->k),
                  kw_ma_num("silhouette", ci->silhouette[ci->k], 2),
                  kw_ma_int("sample", (int64_t)ci->sample),
                  kw_ma_int("customers", (int64_t)ci->customers),
                  kw_ma_str("seed", seed)};
  kw_msg_format(buf, sizeof buf,
                ci->k_chosen ? MSG_READ_CLUSTERS : MSG_READ_CLUSTERS_FIXED,
                lang, a->currency, cm, 5);
  kw_text_put(t, "<p>");
  kw_text_esc(t, buf);
  kw_text_put(t, "</p>\n<div class=\"personas\">\n");
  size_t np;
  const kw_persona *ps = kw_segments_personas(sg, &np);
  size_t shown = 0;
  for (size_t q = 0; q < np; q++) {
    card(t, a, &ps[q], lang);
    shown += ps[q].customers;
  }
  kw_text_put(t, "</div>\n");
  if (ci->merged) {
    kw_marg om[] = {kw_ma_int("count", (int64_t)(ci->customers - shown)),
                    kw_ma_int("min", (int64_t)a->o.min_group)};
    kw_msg_format(buf, sizeof buf, MSG_CARD_OTHER, lang, a->currency, om, 2);
    kw_text_put(t, "<p class=\"small\">");
    kw_text_esc(t, buf);
    kw_text_put(t, "</p>\n");
  }
  kw_text_put(t, "</section>\n");
}
