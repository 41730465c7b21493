/*
 * segments_out.c — the `segments` output: the rule-segment table, the
 * clustering (k, silhouette, sample, seed, features) and the persona cards,
 * as a terminal table, CSV or JSON (kw_segments_write).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "report/segments_text.h"
#include "report/text.h"
#include "report/jw.h"

/* A CSV field, quoted when it holds a comma, quote or line break. */
static void kw_text_csv(kw_text *t, const char *s) {
  if (!strpbrk(s, ",\"\r\n")) {
    kw_text_put(t, s);
    return;
  }
  kw_text_putc(t, '"');
  for (; *s; s++) {
    if (*s == '"') kw_text_putc(t, '"');
    kw_text_putc(t, *s);
  }
  kw_text_putc(t, '"');
}

static double round6(double v) {
  return isfinite(v) ? round(v * 1e6) / 1e6 : v;
}

static kw_status segment_table(kw_context *ctx, const kw_segments *s,
                               kw_format fmt, kw_lang lang, FILE *f) {
  size_t n;
  const kw_segment_row *rows = kw_segments_rows(s, &n);
  kw_seg_attr by = kw_segments_by(s), cross = kw_segments_cross(s);
  bool crossed = cross < KW_SEG__COUNT;
  size_t nr = n + 1; /* + the total row */
  const char **k1 = kw_calloc(ctx, nr, sizeof *k1);
  const char **k2 = kw_calloc(ctx, nr, sizeof *k2);
  char (*lb)[2][64] = kw_calloc(ctx, nr, sizeof *lb);
  int64_t *cust = kw_calloc(ctx, nr, sizeof *cust);
  int64_t *rev = kw_calloc(ctx, nr, sizeof *rev);
  int64_t *con = kw_calloc(ctx, nr, sizeof *con);
  double *num = kw_calloc(ctx, nr * 11, sizeof *num);
  kw_status st = KW_OK;
  if (!k1 || !k2 || !lb || !cust || !rev || !con || !num) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  bool machine = fmt != KW_FORMAT_TABLE;
  for (size_t i = 0; i < nr; i++) {
    const kw_segment_row *r = i < n ? &rows[i] : kw_segments_total(s);
    if (machine) {
      k1[i] = r->key;
      k2[i] = r->key2 ? r->key2 : "";
    } else {
      k1[i] = i < n ? kw_seg_value_label(by, r->key, lang, lb[i][0], 64)
                    : kw_msg_text(MSG_COL_TOTAL, lang);
      k2[i] = r->key2 ? kw_seg_value_label(cross, r->key2, lang, lb[i][1], 64)
                      : "";
    }
    cust[i] = (int64_t)r->customers;
    rev[i] = r->revenue;
    con[i] = r->contribution;
    double *v = num + i * 11;
    v[0] = round6(r->share_customers);
    v[1] = round6(r->share_revenue);
    v[2] = round6(r->share_contribution);
    v[3] = round6(r->clv);
    v[4] = round6(r->clv_mean);
    v[5] = round6(r->share_clv);
    v[6] = round6(r->churn_rate);
    v[7] = round6(r->nps);
    v[8] = (double)r->nps_n;
    v[9] = round6(r->fit);
  }
  /* strided columns: copy into per-column arrays */
  double *col[10];
  for (int c = 0; c < 10; c++) {
    col[c] = kw_malloc(ctx, nr * sizeof(double));
    if (!col[c]) {
      for (int d = 0; d < c; d++) kw_free(ctx, col[d]);
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t i = 0; i < nr; i++) col[c][i] = num[i * 11 + c];
  }
  const char *l1 = kw_seg_attr_label(by, KW_LANG_EN);
  const char *l1n = kw_seg_attr_label(by, KW_LANG_NL);
  kw_rcol cols[18];
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"segment", l1, l1n, KW_CELL_STR, 0, k1, 0, 0, 0};
  if (crossed)
    cols[nc++] = (kw_rcol){"segment2", kw_seg_attr_label(cross, KW_LANG_EN),
                           kw_seg_attr_label(cross, KW_LANG_NL), KW_CELL_STR,
                           0, k2, 0, 0, 0};
  cols[nc++] = (kw_rcol){"customers", "customers", "klanten", KW_CELL_I64, 0,
                         cust, 0, 0, 0};
  cols[nc++] = (kw_rcol){"share_customers", "share", "aandeel", KW_CELL_PCT,
                         1, col[0], 0, 0, 0};
  cols[nc++] = (kw_rcol){"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, rev,
                         0, 0, 0};
  cols[nc++] = (kw_rcol){"share_revenue", "revenue share", "aandeel omzet",
                         KW_CELL_PCT, 1, col[1], 0, 0, 0};
  if (!isnan(kw_segments_total(s)->share_contribution) && n &&
      !isnan(rows[0].share_contribution)) {
    cols[nc++] = (kw_rcol){"contribution", "contribution", "bijdrage",
                           KW_CELL_MONEY, 0, con, 0, 0, 0};
    cols[nc++] = (kw_rcol){"share_contribution", "contribution share",
                           "aandeel bijdrage", KW_CELL_PCT, 1, col[2], 0, 0,
                           0};
  }
  if (!isnan(kw_segments_total(s)->clv)) {
    if (machine)
      cols[nc++] = (kw_rcol){"clv", "CLV", "CLV", KW_CELL_F64, 2, col[3], 0,
                             0, 0};
    cols[nc++] = (kw_rcol){"clv_mean", "CLV per customer", "CLV per klant",
                           KW_CELL_F64, 0, col[4], 0, 0, 0};
    if (machine)
      cols[nc++] = (kw_rcol){"share_clv", "CLV share", "aandeel CLV",
                             KW_CELL_PCT, 1, col[5], 0, 0, 0};
  }
  if (!isnan(kw_segments_total(s)->churn_rate))
    cols[nc++] = (kw_rcol){"churn_rate", "churn rate", "verloop", KW_CELL_PCT,
                           1, col[6], 0, 0, 0};
  if (!isnan(kw_segments_total(s)->nps)) {
    cols[nc++] = (kw_rcol){"nps", "NPS", "NPS", KW_CELL_F64, 0, col[7], 0, 0,
                           0};
    if (machine)
      cols[nc++] = (kw_rcol){"nps_responses", "NPS responses",
                             "NPS-antwoorden", KW_CELL_F64, 0, col[8], 0, 0,
                             0};
  }
  if (!isnan(kw_segments_total(s)->fit))
    cols[nc++] = (kw_rcol){"fit", "fit", "fit", KW_CELL_PCT, 0, col[9], 0, 0,
                           0};
  char title[160];
  snprintf(title, sizeof title, "%s%s%s",
           kw_seg_attr_label(by, lang), crossed ? " x " : "",
           crossed ? kw_seg_attr_label(cross, lang) : "");
  kw_rtable t = {title, fmt == KW_FORMAT_TABLE ? nr : n, NULL, nc, cols};
  st = kw_write_rtable(ctx, f, &t, fmt, lang, 0);
  for (int c = 0; c < 10; c++) kw_free(ctx, col[c]);
done:
  kw_free(ctx, k1);
  kw_free(ctx, k2);
  kw_free(ctx, lb);
  kw_free(ctx, cust);
  kw_free(ctx, rev);
  kw_free(ctx, con);
  kw_free(ctx, num);
  return st;
}

/* "  label      value", the label padded to 34 characters (UTF-8 aware). */
static void put_line(kw_text *t, const char *label, const char *value) {
  size_t chars = 0;
  for (const unsigned char *p = (const unsigned char *)label; *p; p++)
    chars += (*p & 0xC0) != 0x80;
  kw_text_printf(t, "  %s", label);
  for (size_t i = chars; i < 34; i++) kw_text_putc(t, ' ');
  kw_text_printf(t, " %s\n", value);
}

static void persona_cards(kw_text *t, const kw_segments *s, kw_lang lang,
                          const char *currency) {
  const kw_cluster_info *ci = kw_segments_clusters(s);
  char buf[1024], v[256];
  if (!ci->k) {
    if (strcmp(ci->note, "off") == 0) return; /* --no-clusters */
    kw_marg m = kw_ma_int("min", 15);
    kw_msg_format(buf, sizeof buf, MSG_READ_NO_CLUSTERS, lang, currency, &m,
                  1);
    kw_text_printf(t, "\n%s\n", buf);
    return;
  }
  kw_marg ca[] = {
      kw_ma_int("k", (int64_t)ci->k),
      kw_ma_num("silhouette", ci->silhouette[ci->k], 2),
      kw_ma_int("sample", (int64_t)ci->sample),
      kw_ma_int("customers", (int64_t)ci->customers),
      kw_ma_str("seed", (snprintf(v, sizeof v, "%llu",
                                  (unsigned long long)ci->seed), v))};
  kw_msg_format(buf, sizeof buf,
                ci->k_chosen ? MSG_READ_CLUSTERS : MSG_READ_CLUSTERS_FIXED,
                lang, currency, ca, 5);
  kw_text_printf(t, "\n%s\n", buf);
  size_t np;
  const kw_persona *ps = kw_segments_personas(s, &np);
  for (size_t q = 0; q < np; q++) {
    const kw_persona *p = &ps[q];
    kw_persona_name(buf, sizeof buf, p, lang);
    kw_text_printf(t, "\n%zu. %s\n", p->cluster + 1, buf);
    kw_marg m[] = {kw_ma_int("customers", (int64_t)p->customers),
                   kw_ma_pct("share", p->share_customers, 0)};
    kw_msg_format(buf, sizeof buf, MSG_CARD_CUSTOMERS, lang, currency, m, 2);
    kw_text_printf(t, "  %s\n", buf);
#define FILL(tpl, marg) (kw_msg_fill(v, sizeof v, tpl, lang, currency, &(marg), 1), v)
    kw_marg x = kw_ma_pct("v", p->share_revenue, 0);
    put_line(t, kw_msg_text(MSG_CARD_REVENUE, lang), FILL("{v}", x));
    if (!isnan(p->share_contribution)) {
      x = kw_ma_pct("v", p->share_contribution, 0);
      put_line(t, kw_msg_text(MSG_CARD_PROFIT, lang), FILL("{v}", x));
    }
    x = kw_ma_num("v", p->orders_per_year, 1);
    put_line(t, kw_msg_text(MSG_CARD_ORDERS_YEAR, lang), FILL("{v}", x));
    x = (kw_marg){"v", KW_MARG_MONEY, 0, {.i = (int64_t)llround(p->basket * 100)}};
    if (!isnan(p->basket))
      put_line(t, kw_msg_text(MSG_CARD_BASKET, lang), FILL("{v}", x));
    if (p->categories[0]) {
      char cats[256] = "";
      for (int c = 0; c < KW_PERSONA_CATEGORIES && p->categories[c]; c++) {
        if (c) strncat(cats, ", ", sizeof cats - strlen(cats) - 1);
        strncat(cats, p->categories[c], sizeof cats - strlen(cats) - 1);
      }
      put_line(t, kw_msg_text(MSG_CARD_CATEGORIES, lang), cats);
    }
    if (p->channel) put_line(t, kw_msg_text(MSG_CARD_CHANNEL, lang), p->channel);
    if (p->pay_class >= 0)
      put_line(t, kw_msg_text(MSG_CARD_PAYMENT, lang),
               kw_pay_label(p->pay_class, lang));
    if (!isnan(p->nps)) {
      x = kw_ma_num("v", p->nps, 0);
      put_line(t, kw_msg_text(MSG_CARD_NPS, lang), FILL("{v}", x));
    }
    for (size_t k = 0; k < p->n_themes; k++) {
      kw_persona_theme_text(buf, sizeof buf, p, k, lang);
      put_line(t, k ? "" : kw_msg_text(MSG_CARD_THEMES, lang), buf);
    }
    if (!isnan(p->churn_rate)) {
      x = kw_ma_pct("v", p->churn_rate, 0);
      put_line(t, kw_msg_text(MSG_CARD_CHURN_RISK, lang), FILL("{v}", x));
    }
    if (!isnan(p->clv_mean)) {
      x = (kw_marg){"v", KW_MARG_MONEY, 0,
                    {.i = (int64_t)llround(p->clv_mean * 100)}};
      put_line(t, kw_msg_text(MSG_CARD_CLV, lang), FILL("{v}", x));
    }
    if (!isnan(p->fit)) {
      x = kw_ma_pct("v", p->fit, 0);
      put_line(t, kw_msg_text(MSG_CARD_FIT, lang), FILL("{v}", x));
    }
#undef FILL
    if (p->n_traits) {
      kw_text_printf(t, "  %s:\n", kw_msg_text(MSG_CARD_TRAITS, lang));
      for (size_t r = 0; r < p->n_traits; r++) {
        kw_trait_text(buf, sizeof buf, &p->traits[r], lang, currency);
        kw_text_printf(t, "    - %s\n", buf);
      }
    }
    if (p->action != KW_ACTION_NONE) {
      kw_marg am[] = {kw_ma_str("action", kw_action_label(p->action, lang)),
                      kw_ma_pct("share", p->action_share, 0),
                      kw_ma_str("desc", kw_action_desc(p->action, lang))};
      kw_msg_format(buf, sizeof buf, MSG_CARD_APPROACH, lang, currency, am, 3);
      kw_text_printf(t, "  %s\n", buf);
    }
  }
}

static kw_status persona_csv(kw_context *ctx, const kw_segments *s,
                             kw_lang lang, FILE *f) {
  size_t np;
  const kw_persona *ps = kw_segments_personas(s, &np);
  kw_text t;
  kw_text_init(&t, ctx);
  kw_text_put(&t, "cluster,name,kind,customers,share_customers,share_revenue,"
                  "share_contribution,orders_per_year,basket,recency_days,"
                  "tenure_days,margin,days_late,nps,nps_responses,"
                  "churn_risk,clv_mean,fit,action,action_share,channel,"
                  "pay_class,categories\n");
  char buf[512], nb[48];
  for (size_t q = 0; q < np; q++) {
    const kw_persona *p = &ps[q];
    kw_persona_name(buf, sizeof buf, p, lang);
    kw_text_printf(&t, "%zu,", p->cluster + 1);
    kw_text_csv(&t, buf);
    kw_text_printf(&t, ",%s,%zu", kw_persona_kind_key(p->kind), p->customers);
    double v[] = {p->share_customers, p->share_revenue, p->share_contribution,
                  p->orders_per_year, p->basket, p->recency_days,
                  p->tenure_days, p->margin, p->days_late, p->nps,
                  (double)p->nps_n, p->churn_rate, p->clv_mean, p->fit};
    for (size_t j = 0; j < sizeof v / sizeof *v; j++)
      kw_text_printf(&t, ",%s", isfinite(v[j]) ? kw_fmt_plain(nb, round6(v[j]))
                                               : "");
    kw_text_printf(&t, ",%s,%s,", kw_action_key(p->action),
                   kw_fmt_plain(nb, round6(p->action_share)));
    kw_text_csv(&t, p->channel ? p->channel : "");
    kw_text_printf(&t, ",%s,", p->pay_class >= 0
                                   ? (const char *[]){"none", "fast", "slow",
                                                      "problematic"}[p->pay_class]
                                   : "");
    buf[0] = '\0';
    for (int c = 0; c < KW_PERSONA_CATEGORIES && p->categories[c]; c++) {
      if (c) strncat(buf, "; ", sizeof buf - strlen(buf) - 1);
      strncat(buf, p->categories[c], sizeof buf - strlen(buf) - 1);
    }
    kw_text_csv(&t, buf);
    kw_text_putc(&t, '\n');
  }
  bool bad = t.bad, ok = kw_text_flush(&t, f);
  kw_text_free(&t);
  if (bad) return kw_fail_nomem(ctx);
  return ok ? KW_OK : kw_out_fail(ctx, KW_EIO, "out.err.output", NULL);
}

static void json_row(kw_jw *w, const kw_segment_row *r) {
  kw_jw_begin_object(w, NULL);
  kw_jw_str(w, "segment", r->key);
  if (r->key2) kw_jw_str(w, "segment2", r->key2);
  kw_jw_int(w, "customers", (int64_t)r->customers);
  kw_jw_num(w, "share_customers", round6(r->share_customers));
  kw_jw_money(w, "revenue", r->revenue);
  kw_jw_num(w, "share_revenue", round6(r->share_revenue));
  kw_jw_money(w, "contribution", r->contribution);
  kw_jw_num(w, "share_contribution", round6(r->share_contribution));
  kw_jw_num(w, "clv", round6(r->clv));
  kw_jw_num(w, "clv_mean", round6(r->clv_mean));
  kw_jw_num(w, "share_clv", round6(r->share_clv));
  kw_jw_num(w, "churn_rate", round6(r->churn_rate));
  kw_jw_num(w, "nps", round6(r->nps));
  kw_jw_int(w, "nps_responses", (int64_t)r->nps_n);
  kw_jw_num(w, "fit", round6(r->fit));
  kw_jw_end_object(w);
}

void kw_segments_json_personas(kw_jw *w, const kw_segments *s, kw_lang lang,
                               const char *currency);
void kw_segments_json_personas(kw_jw *w, const kw_segments *s, kw_lang lang,
                               const char *currency) {
  size_t np;
  const kw_persona *ps = kw_segments_personas(s, &np);
  char buf[1024];
  kw_jw_begin_array(w, "personas");
  for (size_t q = 0; q < np; q++) {
    const kw_persona *p = &ps[q];
    kw_jw_begin_object(w, NULL);
    kw_jw_int(w, "cluster", (int64_t)p->cluster + 1);
    kw_persona_name(buf, sizeof buf, p, lang);
    kw_jw_str(w, "name", buf);
    kw_jw_str(w, "kind", kw_persona_kind_key(p->kind));
    kw_jw_int(w, "size", (int64_t)p->customers);
    kw_jw_num(w, "share_customers", round6(p->share_customers));
    kw_jw_num(w, "share_revenue", round6(p->share_revenue));
    kw_jw_num(w, "share_contribution", round6(p->share_contribution));
    kw_jw_num(w, "orders_per_year", round6(p->orders_per_year));
    kw_jw_num(w, "basket", round6(p->basket));
    kw_jw_num(w, "recency_days", round6(p->recency_days));
    kw_jw_num(w, "tenure_days", round6(p->tenure_days));
    kw_jw_num(w, "margin", round6(p->margin));
    kw_jw_num(w, "days_late", round6(p->days_late));
    kw_jw_begin_array(w, "categories");
    for (int c = 0; c < KW_PERSONA_CATEGORIES && p->categories[c]; c++)
      kw_jw_str(w, NULL, p->categories[c]);
    kw_jw_end_array(w);
    if (p->channel) kw_jw_str(w, "channel", p->channel);
    else kw_jw_null(w, "channel");
    if (p->pay_class >= 0)
      kw_jw_str(w, "pay_class",
                (const char *[]){"none", "fast", "slow",
                                 "problematic"}[p->pay_class]);
    else kw_jw_null(w, "pay_class");
    kw_jw_num(w, "nps", round6(p->nps));
    kw_jw_int(w, "nps_responses", (int64_t)p->nps_n);
    kw_jw_int(w, "comments", (int64_t)p->comments);
    kw_jw_begin_array(w, "themes");
    for (size_t k = 0; k < p->n_themes; k++) {
      const kw_persona_theme *pt = &p->themes[k];
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "term", pt->term);
      kw_jw_str(w, "label", pt->label);
      kw_jw_str(w, "side", pt->detractor ? "detractors" : "promoters");
      kw_jw_int(w, "count", (int64_t)pt->count);
      kw_jw_num(w, "share", round6(pt->share));
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_num(w, "churn_risk", round6(p->churn_rate));
    kw_jw_num(w, "clv_mean", round6(p->clv_mean));
    kw_jw_num(w, "fit", round6(p->fit));
    kw_jw_str(w, "action", kw_action_key(p->action));
    kw_jw_num(w, "action_share", round6(p->action_share));
    kw_jw_begin_array(w, "traits");
    for (size_t r = 0; r < p->n_traits; r++) {
      const kw_trait *t = &p->traits[r];
      kw_jw_begin_object(w, NULL);
      if (t->attr < KW_SEG__COUNT) {
        kw_jw_str(w, "attribute", kw_seg_attr_key(t->attr));
        kw_jw_str(w, "value", t->value);
        kw_jw_int(w, "count", (int64_t)t->count);
        kw_jw_num(w, "share", round6(t->share));
        kw_jw_num(w, "lift", round6(t->lift));
      } else {
        kw_jw_str(w, "feature", kw_feature_key(t->feature));
        kw_jw_str(w, "direction", t->value);
        kw_jw_num(w, "median", round6(t->median));
        kw_jw_num(w, "overall", round6(t->overall));
      }
      kw_trait_text(buf, sizeof buf, t, lang, currency);
      kw_jw_str(w, "text", buf);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
}

void kw_segments_json_clusters(kw_jw *w, const kw_segments *s);
void kw_segments_json_clusters(kw_jw *w, const kw_segments *s) {
  const kw_cluster_info *ci = kw_segments_clusters(s);
  kw_jw_begin_object(w, "clusters");
  kw_jw_int(w, "k", (int64_t)ci->k);
  kw_jw_bool(w, "k_chosen_by_silhouette", ci->k_chosen);
  kw_jw_int(w, "customers", (int64_t)ci->customers);
  kw_jw_int(w, "silhouette_sample", (int64_t)ci->sample);
  kw_jw_int(w, "seed", (int64_t)ci->seed);
  kw_jw_begin_object(w, "silhouette");
  for (size_t k = 2; k < sizeof ci->silhouette / sizeof *ci->silhouette; k++)
    if (!isnan(ci->silhouette[k])) {
      char kb[8];
      snprintf(kb, sizeof kb, "%zu", k);
      kw_jw_num(w, kb, round6(ci->silhouette[k]));
    }
  kw_jw_end_object(w);
  kw_jw_num(w, "inertia", round6(ci->inertia));
  kw_jw_begin_array(w, "features");
  for (size_t j = 0; j < ci->n_features; j++)
    kw_jw_str(w, NULL, kw_feature_key(ci->features[j]));
  kw_jw_end_array(w);
  kw_jw_int(w, "clusters_below_min_group", (int64_t)ci->merged);
  if (ci->note && *ci->note) kw_jw_str(w, "note", ci->note);
  kw_jw_end_object(w);
}

kw_status kw_segments_write(kw_context *ctx, const kw_segments *s,
                            kw_format fmt, kw_lang lang, const char *currency,
                            bool personas, FILE *f) {
  if (!s || !f) return kw_fail(ctx, KW_EARG, "segments: nothing to write");
  if (!currency) currency = "EUR";
  if (fmt == KW_FORMAT_CSV)
    return personas ? persona_csv(ctx, s, lang, f)
                    : segment_table(ctx, s, fmt, lang, f);
  if (fmt == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) return kw_fail_nomem(ctx);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "by", kw_seg_attr_key(kw_segments_by(s)));
    if (kw_segments_cross(s) < KW_SEG__COUNT)
      kw_jw_str(w, "cross", kw_seg_attr_key(kw_segments_cross(s)));
    size_t n;
    const kw_segment_row *rows = kw_segments_rows(s, &n);
    kw_jw_begin_array(w, "segments");
    for (size_t i = 0; i < n; i++) json_row(w, &rows[i]);
    kw_jw_end_array(w);
    kw_jw_begin_array(w, "total");
    json_row(w, kw_segments_total(s));
    kw_jw_end_array(w);
    kw_segments_json_clusters(w, s);
    kw_segments_json_personas(w, s, lang, currency);
    kw_jw_end_object(w);
    return kw_jw_finish(w);
  }
  kw_status st = segment_table(ctx, s, fmt, lang, f);
  if (st) return st;
  kw_text t;
  kw_text_init(&t, ctx);
  persona_cards(&t, s, lang, currency);
  bool bad = t.bad, ok = kw_text_flush(&t, f);
  kw_text_free(&t);
  if (bad) return kw_fail_nomem(ctx);
  return ok ? KW_OK : kw_out_fail(ctx, KW_EIO, "out.err.output", NULL);
}
