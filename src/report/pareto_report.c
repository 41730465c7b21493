/*
 * pareto_report.c — the writers of a revenue-concentration result
 * (kw_pareto): the key figures, the sentences that read them, the ABC
 * table and the ranking of customers, as a terminal table, CSV or JSON, in
 * English or Dutch. Every text comes from the message table (messages.c,
 * keys "pareto.*"); the figures come from the model and the customer base
 * from kw_report_coverage_kv, so `pareto` and an embedder print the same.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/report.h"
#include "klantwijs/value.h"
#include "report/messages.h"
#include "report/text.h"
#include "report/jw.h"

static const char *const abc_keys[] = {"", "A", "B", "C"};

static double rnd(double v, int decimals) {
  if (!isfinite(v) || v == 0) return v;
  double s = 1;
  for (int i = 0; i < decimals; i++) s *= 10;
  double r = round(v * s) / s;
  return r == 0 ? 0 : r; /* no -0 */
}

static const char *T(const char *key, kw_lang lang) {
  const char *t = kw_message(key, lang);
  return t ? t : key;
}

/* Labels filled with one percentage, in both languages (owned buffers). */
typedef struct labels {
  char top_en[96], top_nl[96], target_en[96], target_nl[96];
} labels;

static void fill_pct(char *buf, size_t cap, const char *key, kw_lang lang,
                     double frac) {
  kw_marg a = kw_ma_pct("pct", frac, 0);
  const char *t = kw_message(key, lang);
  kw_msg_fill(buf, cap, t ? t : key, lang, NULL, &a, 1);
}

static size_t portfolio_kv(kw_kv *kv, const kw_pareto_data *d,
                           const kw_customer_summary *v, bool have_profit,
                           bool with_abc, const labels *L) {
  size_t k = 0;
#define KV(key_, msg_, type_, dec_, field_, val_)                        \
  do {                                                                   \
    kv[k] = (kw_kv){key_, T(msg_, KW_LANG_EN), T(msg_, KW_LANG_NL),      \
                    type_, dec_, {0}};                                   \
    kv[k].v.field_ = val_;                                               \
    k++;                                                                 \
  } while (0)
#define KVL(key_, en_, nl_, type_, dec_, field_, val_)        \
  do {                                                        \
    kv[k] = (kw_kv){key_, en_, nl_, type_, dec_, {0}};        \
    kv[k].v.field_ = val_;                                    \
    k++;                                                      \
  } while (0)
  KV("as_of", "pareto.as_of", KW_CELL_DATE, 0, i, v->as_of);
  k += kw_report_coverage_kv(kv + k, v);
  if (d->n_negative) {
    KV("customers_negative", "pareto.customers_negative", KW_CELL_I64, 0, i,
       (int64_t)d->n_negative);
    KV("revenue_negative", "pareto.revenue_negative", KW_CELL_MONEY, 0, i,
       d->negative_total);
    KV("revenue_ranked", "pareto.revenue_ranked", KW_CELL_MONEY, 0, i,
       d->revenue_total);
  }
  KVL("top_customers", L->top_en, L->top_nl, KW_CELL_I64, 0, i,
      (int64_t)d->top_customers);
  KV("top_revenue_share", "pareto.their_revenue_share", KW_CELL_PCT, 1, d,
     rnd(d->top_revenue_share, 6));
  if (have_profit)
    KV("top_contribution_share", "pareto.their_contribution_share",
       KW_CELL_PCT, 1, d,
       d->top_contribution_defined ? rnd(d->top_contribution_share, 6) : NAN);
  KVL("target_customers", L->target_en, L->target_nl, KW_CELL_I64, 0, i,
      (int64_t)d->target_customers);
  KV("target_customer_share", "pareto.as_customer_share", KW_CELL_PCT, 1, d,
     rnd(d->target_customer_share, 6));
  if (with_abc) { /* the terminal has the ABC table instead */
    static const char *const ck[3][2] = {
        {"abc_a_customers", "abc_a_revenue_share"},
        {"abc_b_customers", "abc_b_revenue_share"},
        {"abc_c_customers", "abc_c_revenue_share"}};
    for (int a = 0; a < 3; a++) {
      KVL(ck[a][0], ck[a][0], NULL, KW_CELL_I64, 0, i,
          (int64_t)d->abc_count[a + 1]);
      KVL(ck[a][1], ck[a][1], NULL, KW_CELL_PCT, 1, d,
          rnd(d->abc_revenue_share[a + 1], 6));
    }
  }
  KV("gini", "pareto.gini", KW_CELL_F64, 3, d, rnd(d->gini, 6));
  KV("hhi", "pareto.hhi", KW_CELL_F64, 4, d, rnd(d->hhi, 6));
  KV("hhi_points", "pareto.hhi_points", KW_CELL_F64, 0, d,
     rnd(d->hhi * 10000.0, 1));
  KV("largest_1_share", "pareto.largest_1", KW_CELL_PCT, 1, d,
     rnd(d->top1_share, 6));
  KV("largest_5_share", "pareto.largest_5", KW_CELL_PCT, 1, d,
     rnd(d->top5_share, 6));
  KV("largest_10_share", "pareto.largest_10", KW_CELL_PCT, 1, d,
     rnd(d->top10_share, 6));
  KV("repeat_customers", "pareto.repeat_customers", KW_CELL_I64, 0, i,
     (int64_t)d->n_repeat);
  KV("repeat_revenue_share", "pareto.their_revenue_share", KW_CELL_PCT, 1, d,
     rnd(d->repeat_revenue_share, 6));
  KV("revenue_per_repeat", "pareto.revenue_per_customer", KW_CELL_MONEY, 0, i,
     llround(d->revenue_per_repeat));
  KV("once_customers", "pareto.once_customers", KW_CELL_I64, 0, i,
     (int64_t)d->n_once);
  KV("once_revenue_share", "pareto.their_revenue_share", KW_CELL_PCT, 1, d,
     rnd(d->once_revenue_share, 6));
  KV("revenue_per_once", "pareto.revenue_per_customer", KW_CELL_MONEY, 0, i,
     llround(d->revenue_per_once));
  KV("repeat_once_ratio", "pareto.repeat_once_ratio", KW_CELL_F64, 2, d,
     rnd(d->repeat_once_ratio, 4));
#undef KV
#undef KVL
  return k;
}

/* One sentence of the message table with named values. */
static void say(FILE *f, const char *key, kw_lang lang, const kw_marg *a,
                size_t n) {
  char buf[512];
  const char *t = kw_message(key, lang);
  kw_msg_fill(buf, sizeof buf, t ? t : key, lang, NULL, a, n);
  fputs(buf, f);
}

static void sentences(FILE *f, const kw_pareto_data *d, bool have_profit,
                      const kw_pareto_options *po, kw_lang lang) {
  char n1[24], n2[24];
  fputc('\n', f);
  if (d->n_customers == 0 || d->revenue_total <= 0) {
    say(f, "pareto.read.no_revenue", lang, NULL, 0);
    fputc('\n', f);
    return;
  }
  snprintf(n1, sizeof n1, "%zu", d->top_customers);
  kw_marg a[] = {kw_ma_pct("pct", po->top_share, 0), kw_ma_str("n", n1),
                 kw_ma_pct("share", d->top_revenue_share, 0)};
  say(f, "pareto.read.top", lang, a, 3);
  if (have_profit && d->top_contribution_defined) {
    kw_marg b[] = {kw_ma_pct("share", d->top_contribution_share, 0)};
    say(f, "pareto.read.top_contribution", lang, b, 1);
  }
  fputs(".\n", f);
  snprintf(n1, sizeof n1, "%zu", d->target_customers);
  kw_marg c[] = {kw_ma_pct("pct", po->target_share, 0),
                 kw_ma_pct("share", d->target_customer_share, 0),
                 kw_ma_str("n", n1)};
  say(f, "pareto.read.target", lang, c, 3);
  if (d->warn_top1) {
    kw_marg w[] = {kw_ma_pct("share", d->top1_share, 1),
                   kw_ma_pct("limit", po->warn_top1, 0)};
    say(f, "pareto.read.warn_top1", lang, w, 2);
  }
  if (d->warn_top5) {
    kw_marg w[] = {kw_ma_pct("share", d->top5_share, 1),
                   kw_ma_pct("limit", po->warn_top5, 0)};
    say(f, "pareto.read.warn_top5", lang, w, 2);
  }
  if (!d->dependency_warning) {
    kw_marg w[] = {kw_ma_pct("top1", d->top1_share, 1),
                   kw_ma_pct("top5", d->top5_share, 1)};
    say(f, "pareto.read.no_dependency", lang, w, 2);
  }
  if (d->n_repeat && d->n_once) {
    snprintf(n1, sizeof n1, "%zu", d->n_repeat);
    snprintf(n2, sizeof n2, "%zu", d->n_once);
    kw_marg w[] = {kw_ma_str("repeat", n1),
                   kw_ma_pct("share", d->repeat_revenue_share, 0),
                   kw_ma_num("ratio", d->repeat_once_ratio, 1),
                   kw_ma_str("once", n2)};
    say(f, "pareto.read.repeat", lang, w, 4);
  }
}

static kw_status write_abc(kw_context *ctx, FILE *f, const kw_pareto_data *d,
                           kw_lang lang) {
  const char *names[3] = {"A", "B", "C"};
  int64_t cnt[3], rev[3];
  double cs[3], rs[3];
  for (int k = 0; k < 3; k++) {
    cnt[k] = (int64_t)d->abc_count[k + 1];
    rev[k] = d->abc_revenue[k + 1];
    cs[k] = d->n_customers ? (double)cnt[k] / (double)d->n_customers : 0;
    rs[k] = d->abc_revenue_share[k + 1];
  }
#define L(k) T(k, KW_LANG_EN), T(k, KW_LANG_NL)
  const kw_rcol cols[] = {
      {"class", L("pareto.col.class"), KW_CELL_STR, 0, names, NULL, NULL, NULL},
      {"customers", L("pareto.col.customers"), KW_CELL_I64, 0, cnt, NULL, NULL,
       NULL},
      {"customer_share", L("pareto.col.customer_share"), KW_CELL_PCT, 1, cs,
       NULL, NULL, NULL},
      {"revenue", L("pareto.col.revenue"), KW_CELL_MONEY, 0, rev, NULL, NULL,
       NULL},
      {"revenue_share", L("pareto.col.revenue_share"), KW_CELL_PCT, 1, rs,
       NULL, NULL, NULL},
  };
  kw_rtable t = {T("pareto.abc_title", lang), 3, NULL, 5, cols};
  return kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
}

static void json_extra(kw_jw *w, const kw_pareto_data *d) {
  kw_jw_bool(w, "dependency_warning", d->dependency_warning);
  kw_jw_bool(w, "warning_largest_1", d->warn_top1);
  kw_jw_bool(w, "warning_largest_5", d->warn_top5);
  kw_jw_begin_array(w, "abc");
  for (int k = 1; k <= 3; k++) {
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "class", abc_keys[k]);
    kw_jw_int(w, "customers", (int64_t)d->abc_count[k]);
    kw_jw_num(w, "customer_share",
              d->n_customers ? rnd((double)d->abc_count[k] /
                                       (double)d->n_customers, 6)
                             : 0);
    kw_jw_money(w, "revenue", d->abc_revenue[k]);
    kw_jw_num(w, "revenue_share", rnd(d->abc_revenue_share[k], 6));
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  /* the Pareto curve: the k largest customers' share of revenue */
  kw_jw_begin_array(w, "pareto_curve");
  for (size_t j = 0; j < d->n_points; j++) {
    kw_jw_begin_object(w, NULL);
    kw_jw_num(w, "customer_share", rnd(d->points[j].customer_share, 6));
    kw_jw_num(w, "revenue_share", rnd(d->points[j].value_share, 6));
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  /* the Lorenz curve: the same points seen from the smallest customers */
  kw_jw_begin_array(w, "lorenz_curve");
  for (size_t j = d->n_points; j-- > 0;) {
    kw_jw_begin_object(w, NULL);
    kw_jw_num(w, "customer_share", rnd(1.0 - d->points[j].customer_share, 6));
    kw_jw_num(w, "revenue_share",
              d->revenue_total > 0 ? rnd(1.0 - d->points[j].value_share, 6)
                                   : 0);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
}

void kw_pareto_report_init(kw_pareto_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->top = 10;
}

kw_status kw_report_pareto(kw_context *ctx, FILE *f, const kw_pareto *pa,
                           const kw_pareto_options *po,
                           const kw_customer_summary *v, const kw_profit *p,
                           const kw_pareto_report *r) {
  if (!f || !pa || !po || !v || !r)
    return kw_fail(ctx, KW_EARG, "pareto report: missing input");
  const kw_pareto_data *d = kw_pareto_view(pa);
  const kw_profit_data *pd = kw_profit_view(p);
  kw_lang lang = r->lang;
  size_t n = d->n;
  double *share = kw_calloc(ctx, n ? n : 1, sizeof *share);
  double *cum = kw_calloc(ctx, n ? n : 1, sizeof *cum);
  int64_t *contrib = kw_calloc(ctx, n ? n : 1, sizeof *contrib);
  if (!share || !cum || !contrib) {
    kw_free(ctx, share);
    kw_free(ctx, cum);
    kw_free(ctx, contrib);
    return kw_fail_nomem(ctx);
  }
  for (size_t j = 0; j < d->n_customers; j++) {
    uint32_t cu = d->ranking[j];
    share[cu] = rnd(d->share[cu], 6);
    cum[cu] = rnd(d->cum_share[cu], 6);
    contrib[cu] = pd && pd->source[cu] != KW_COST_UNKNOWN ? pd->contribution[cu]
                                                          : KW_NA_MONEY;
  }
  bool table = r->format == KW_FORMAT_TABLE;
#define L(k) T(k, KW_LANG_EN), T(k, KW_LANG_NL)
  kw_rcol cols[9];
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"rank", "#", "#", KW_CELL_U32, 0, d->rank, NULL,
                         NULL, NULL};
  cols[nc++] = (kw_rcol){"customer_id", L("pareto.col.customer"), KW_CELL_ID,
                         0, NULL, v->ids, NULL, NULL};
  cols[nc++] = (kw_rcol){"revenue", L("pareto.col.revenue"), KW_CELL_MONEY, 0,
                         v->revenue, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"revenue_share", L("pareto.col.share"),
                         table ? KW_CELL_PCT : KW_CELL_F64, 2, share, NULL,
                         NULL, NULL};
  cols[nc++] = (kw_rcol){"cumulative_share", L("pareto.col.cumulative"),
                         table ? KW_CELL_PCT : KW_CELL_F64, 1, cum, NULL,
                         NULL, NULL};
  cols[nc++] = (kw_rcol){"abc", L("pareto.col.class"), KW_CELL_CODE, 0,
                         d->abc, NULL, abc_keys, NULL};
  cols[nc++] = (kw_rcol){"orders", L("pareto.col.orders"), KW_CELL_U32, 0,
                         v->orders, NULL, NULL, NULL};
  if (pd)
    cols[nc++] = (kw_rcol){"contribution", L("pareto.col.contribution"),
                           KW_CELL_MONEY, 0, contrib, NULL, NULL, NULL};
#undef L
  kw_rtable t = {NULL, d->n_customers, d->ranking, nc, cols};
  labels lb;
  fill_pct(lb.top_en, sizeof lb.top_en, "pareto.top_customers", KW_LANG_EN,
           po->top_share);
  fill_pct(lb.top_nl, sizeof lb.top_nl, "pareto.top_customers", KW_LANG_NL,
           po->top_share);
  fill_pct(lb.target_en, sizeof lb.target_en, "pareto.target_customers",
           KW_LANG_EN, po->target_share);
  fill_pct(lb.target_nl, sizeof lb.target_nl, "pareto.target_customers",
           KW_LANG_NL, po->target_share);
  kw_kv kv[48];
  size_t nkv = portfolio_kv(kv, d, v, pd != NULL, !table, &lb);
  kw_status st = KW_OK;
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_kv(w, kv, nkv);
    json_extra(w, d);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (r->format == KW_FORMAT_CSV) {
    st = r->portfolio
             ? kw_write_kv(ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, lang)
             : kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, lang, 0);
  } else if (r->per_customer) {
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
  } else {
    st = kw_write_kv(ctx, f, T("pareto.title", lang), kv, nkv,
                     KW_FORMAT_TABLE, lang);
    if (!st) sentences(f, d, pd != NULL, po, lang);
    if (!st) st = write_abc(ctx, f, d, lang);
    if (!st && d->n_customers) {
      t.title = T("pareto.largest_title", lang);
      st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, r->top);
    }
  }
  kw_free(ctx, share);
  kw_free(ctx, cum);
  kw_free(ctx, contrib);
  return st;
}
