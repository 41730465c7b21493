/*
 * churn_report.c — the writers of a churn analysis (kw_churn: statuses,
 * the period table, the recent and at-risk lists, every customer) and of
 * a churn-driver fit (kw_churn_drivers), as a terminal report, CSV or
 * JSON, in English or Dutch. Every text comes from the message table
 * (messages.c, keys "churn.*"); the figures under their names come from
 * kw_report_coverage_kv and kw_report_churn_rates_kv.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/report.h"
#include "klantwijs/clv.h"
#include "klantwijs/retention.h"
#include "report/messages.h"
#include "report/text.h"
#include "report/jw.h"

static const char *T(const char *key, kw_lang lang) {
  const char *t = kw_message(key, lang);
  return t ? t : key;
}

#define L2(k) T(k, KW_LANG_EN), T(k, KW_LANG_NL)

/* A sentence of the message table with named values. */
static void say(FILE *f, const char *key, kw_lang lang, const kw_marg *a,
                size_t n) {
  char buf[600];
  const char *t = kw_message(key, lang);
  kw_msg_fill(buf, sizeof buf, t ? t : key, lang, NULL, a, n);
  fputs(buf, f);
}

static const char *count_text(char *buf, unsigned long long v) {
  snprintf(buf, 24, "%llu", v);
  return buf;
}

void kw_churn_report_init(kw_churn_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->top = 20;
}

/* ---------------------------------------------------------------- churn */

static void header(FILE *f, const kw_churn_info *I, const kw_churn_report *r) {
  kw_lang lang = r->lang;
  int style = lang == KW_LANG_NL;
  char d1[11], n1[24];
  if (I->contractual) {
    kw_marg a[] = {kw_ma_str("date", kw_date_format(d1, I->as_of, style))};
    say(f, "churn.head.contracts", lang, a, 1);
    return;
  }
  kw_marg a[] = {kw_ma_str("date", kw_date_format(d1, I->as_of, style)),
                 kw_ma_num("gap", I->gap_days, 1)};
  say(f, "churn.head.purchases", lang, a, 2);
  if (I->gap_derived) {
    kw_marg b[] = {kw_ma_num("q", 100 * I->gap_quantile, 0),
                   kw_ma_str("n", count_text(n1, I->n_intervals)),
                   kw_ma_num("days", I->gap_quantile_days, 1),
                   kw_ma_num("floor", I->gap_floor_days, 0)};
    say(f, "churn.head.derived", lang, b, 4);
  }
  if (I->by_p_alive) {
    kw_marg b[] = {
        kw_ma_str("model", I->p_alive_model >= 0
                               ? kw_clv_model_name(
                                     (kw_clv_model)I->p_alive_model)
                               : ""),
        kw_ma_num("churned", I->p_alive_threshold, 2),
        kw_ma_num("at_risk", I->p_alive_at_risk, 2)};
    say(f, "churn.head.p_alive", lang, b, 3);
  }
}

kw_status kw_report_churn(kw_context *ctx, FILE *f, const kw_churn *ch,
                          const kw_dict *ids, const kw_customer_summary *v,
                          const kw_churn_report *r) {
  if (!f || !ch || !r) return kw_fail(ctx, KW_EARG, "churn report: no input");
  kw_lang lang = r->lang;
  const kw_churn_info *I = kw_churn_info_view(ch);
  const kw_churn_customers *cs = kw_churn_customers_view(ch);
  size_t np = kw_churn_period_count(ch);
  const kw_churn_period *P = kw_churn_periods(ch);
  const kw_churn_list *L[2] = {kw_churn_recent(ch), kw_churn_at_risk(ch)};
  size_t np1 = np ? np : 1;
  char(*plab)[12] = kw_malloc(ctx, np1 * sizeof *plab);
  const char **pl = kw_malloc(ctx, np1 * sizeof *pl);
  int64_t *pi = kw_malloc(ctx, np1 * 5 * sizeof *pi);
  double *pd = kw_malloc(ctx, np1 * 2 * sizeof *pd);
  int32_t *pday = kw_malloc(ctx, np1 * 2 * sizeof *pday);
  size_t nl0 = L[0]->n, nl1 = L[1]->n, ncu = cs->n;
  int64_t *lv = kw_malloc(ctx, (nl0 + nl1 + 1) * sizeof *lv);
  int64_t *cv = kw_malloc(ctx, (ncu ? ncu : 1) * sizeof *cv);
  uint32_t *crow = kw_malloc(ctx, (ncu ? ncu : 1) * sizeof *crow);
  uint32_t *last12 = kw_malloc(ctx, 12 * sizeof *last12);
  kw_status st = KW_OK;
  if (!plab || !pl || !pi || !pd || !pday || !lv || !cv || !crow ||
      !last12) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  int64_t *as = pi, *acq = pi + np, *chd = pi + 2 * np, *chs = pi + 3 * np,
          *ae = pi + 4 * np;
  double *cr = pd, *rr = pd + np;
  int32_t *pf = pday, *plast = pday + np;
  for (size_t k = 0; k < np; k++) {
    kw_period_label(plab[k], P[k].index, I->period);
    pl[k] = plab[k];
    as[k] = (int64_t)P[k].active_start;
    acq[k] = (int64_t)P[k].acquired;
    chd[k] = (int64_t)P[k].churned;
    chs[k] = (int64_t)P[k].churned_of_start;
    ae[k] = (int64_t)P[k].active_end;
    cr[k] = P[k].active_start ? P[k].churn_rate : NAN;
    rr[k] = P[k].active_start ? P[k].retention_rate : NAN;
    pf[k] = P[k].first_day;
    plast[k] = P[k].last_day;
  }
  for (size_t j = 0; j < nl0; j++) lv[j] = llround(L[0]->value[j] * 100.0);
  for (size_t j = 0; j < nl1; j++)
    lv[nl0 + j] = llround(L[1]->value[j] * 100.0);
  size_t ncr = 0;
  for (size_t i = 0; i < ncu; i++) {
    cv[i] = v && i < v->n ? v->revenue[i] : KW_NA_MONEY;
    if (cs->status[i] != KW_CHURN_NONE) crow[ncr++] = (uint32_t)i;
  }
  const kw_rcol per_cols[] = {
      {"period", L2("churn.col.period"), KW_CELL_STR, 0, pl, NULL, NULL, NULL},
      {"first_day", L2("churn.col.from"), KW_CELL_DATE, 0, pf, NULL, NULL,
       NULL},
      {"last_day", L2("churn.col.to"), KW_CELL_DATE, 0, plast, NULL, NULL,
       NULL},
      {"active_start", L2("churn.col.active_start"), KW_CELL_I64, 0, as, NULL,
       NULL, NULL},
      {"acquired", L2("churn.col.new"), KW_CELL_I64, 0, acq, NULL, NULL, NULL},
      {"churned", L2("churn.col.churned"), KW_CELL_I64, 0, chd, NULL, NULL,
       NULL},
      {"churned_of_start", L2("churn.col.of_start"), KW_CELL_I64, 0, chs,
       NULL, NULL, NULL},
      {"churn_rate", L2("churn.col.churn_rate"), KW_CELL_PCT, 1, cr, NULL,
       NULL, NULL},
      {"retention_rate", L2("churn.col.retention"), KW_CELL_PCT, 1, rr, NULL,
       NULL, NULL},
      {"active_end", L2("churn.col.active_end"), KW_CELL_I64, 0, ae, NULL,
       NULL, NULL},
  };
  const bool has_value = v != NULL;
  const bool con = I->contractual;
  kw_rcol list_cols[2][3];
  for (int w = 0; w < 2; w++) {
    list_cols[w][0] = (kw_rcol){"customer_id", L2("churn.col.customer"),
                                KW_CELL_ID, 0, L[w]->customer, ids, NULL,
                                NULL};
    list_cols[w][1] = (kw_rcol){
        con ? "end_date" : "last_purchase",
        L2(con ? "churn.col.contract_end" : "churn.col.last_purchase"),
        KW_CELL_DATE, 0, L[w]->last, NULL, NULL, NULL};
    list_cols[w][2] = (kw_rcol){"revenue", L2("churn.col.revenue"),
                                KW_CELL_MONEY, 0, lv + (w ? nl0 : 0), NULL,
                                NULL, NULL};
  }
  static const char *const status_key[] = {"none", "active", "at_risk",
                                           "churned"};
  const char *status_en[4], *status_nl[4];
  for (int k = 0; k < 4; k++) {
    char key[32];
    snprintf(key, sizeof key, "churn.status.%s", status_key[k]);
    status_en[k] = T(key, KW_LANG_EN);
    status_nl[k] = T(key, KW_LANG_NL);
  }
  kw_rcol cust_cols[] = {
      {"customer_id", L2("churn.col.customer"), KW_CELL_ID, 0, NULL, ids, NULL,
       NULL},
      {"status", L2("churn.col.status"), KW_CELL_CODE, 0, cs->status, NULL,
       status_en, status_nl},
      {con ? "start" : "first_purchase",
       L2(con ? "churn.col.start" : "churn.col.first"), KW_CELL_DATE, 0,
       cs->first, NULL, NULL, NULL},
      {con ? "end" : "last_purchase",
       L2(con ? "churn.col.end" : "churn.col.last"), KW_CELL_DATE, 0,
       cs->last, NULL, NULL, NULL},
      {"churn_day", L2("churn.col.churn_day"), KW_CELL_DATE, 0, cs->churn_day,
       NULL, NULL, NULL},
      {"revenue", L2("churn.col.revenue"), KW_CELL_MONEY, 0, cv, NULL, NULL,
       NULL},
  };
  size_t nlc = has_value ? 3 : 2;
  kw_rtable tper = {NULL, np, NULL, 10, per_cols};
  kw_rtable trec = {NULL, nl0, NULL, nlc, list_cols[0]};
  kw_rtable trisk = {NULL, nl1, NULL, nlc, list_cols[1]};
  kw_rtable tcust = {NULL, ncr, crow, has_value ? 6 : 5, cust_cols};
  const char *pname = kw_period_unit_name(I->period);
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "source", con ? "contracts" : "purchases");
    kw_jw_date(w, "as_of", I->as_of);
    kw_jw_str(w, "status_by", I->by_p_alive ? "p_alive"
                              : con         ? "contract_end"
                                            : "gap");
    if (!con) {
      kw_jw_num(w, "gap_days", I->gap_days);
      kw_jw_bool(w, "gap_derived", I->gap_derived);
      kw_jw_num(w, "gap_quantile_days", I->gap_quantile_days);
      kw_jw_int(w, "inter_purchase_intervals", (int64_t)I->n_intervals);
      kw_jw_num(w, "at_risk_after_days", I->at_risk_fraction * I->gap_days);
    } else {
      kw_jw_int(w, "at_risk_days", (int64_t)I->at_risk_days);
    }
    kw_jw_int(w, "customers", (int64_t)I->n_buyers);
    kw_jw_int(w, "active", (int64_t)I->n_active);
    kw_jw_int(w, "at_risk", (int64_t)I->n_at_risk);
    kw_jw_int(w, "churned", (int64_t)I->n_churned);
    kw_jw_num(w, "churned_share", I->churned_share);
    kw_churn_year yr;
    kw_churn_year_rate(ch, &yr);
    if (yr.defined) kw_jw_num(w, "churn_rate_12m", yr.rate);
    else kw_jw_null(w, "churn_rate_12m");
    kw_jw_int(w, "churn_rate_12m_base", (int64_t)yr.base);
    if (v && !con) {
      kw_jw_int(w, "lines", (int64_t)v->buyer_lines);
      kw_jw_money(w, "revenue", v->buyer_revenue);
    }
    kw_jw_str(w, "period", pname);
    kw_jw_rtable(w, "periods", &tper);
    kw_jw_begin_object(w, "recent");
    kw_jw_int(w, "customers", (int64_t)nl0);
    if (has_value) kw_jw_money(w, "revenue", llround(L[0]->total_value * 100));
    kw_jw_rtable(w, "list", &trec);
    kw_jw_end_object(w);
    kw_jw_begin_object(w, "at_risk_list");
    kw_jw_int(w, "customers", (int64_t)nl1);
    if (has_value) kw_jw_money(w, "revenue", llround(L[1]->total_value * 100));
    kw_jw_rtable(w, "list", &trisk);
    kw_jw_end_object(w);
    if (r->table == KW_CHURN_TABLE_CUSTOMERS)
      kw_jw_rtable(w, "customers_list", &tcust);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
    goto done;
  }
  if (r->format == KW_FORMAT_CSV || r->table != KW_CHURN_TABLE_ALL) {
    const kw_rtable *t = r->table == KW_CHURN_TABLE_RECENT      ? &trec
                         : r->table == KW_CHURN_TABLE_AT_RISK   ? &trisk
                         : r->table == KW_CHURN_TABLE_CUSTOMERS ? &tcust
                                                                : &tper;
    st = kw_write_rtable(ctx, f, t, r->format, lang,
                         r->format == KW_FORMAT_TABLE && t != &tper ? r->top
                                                                    : 0);
    goto done;
  }
  header(f, I, r);
  kw_kv kv[KW_COVERAGE_MAX + 3 + KW_CHURN_RATES_MAX];
  size_t nkv = 0;
  if (v && !con) {
    nkv = kw_report_coverage_kv(kv, v);
  } else {
    kv[nkv++] = (kw_kv){"customers", L2("churn.kv.customers"), KW_CELL_I64, 0,
                        {.i = (int64_t)I->n_buyers}};
  }
  kv[nkv++] = (kw_kv){"active", L2("churn.kv.active"), KW_CELL_I64, 0,
                      {.i = (int64_t)I->n_active}};
  kv[nkv++] = (kw_kv){"at_risk", L2("churn.kv.at_risk"), KW_CELL_I64, 0,
                      {.i = (int64_t)I->n_at_risk}};
  kv[nkv++] = (kw_kv){"churned", L2("churn.kv.churned"), KW_CELL_I64, 0,
                      {.i = (int64_t)I->n_churned}};
  nkv += kw_report_churn_rates_kv(kv + nkv, ch);
  st = kw_write_kv(ctx, f, NULL, kv, nkv, KW_FORMAT_TABLE, lang);
  size_t show = np > 12 ? 12 : np;
  char key[40], n1[24], n2[24], d1[11];
  snprintf(key, sizeof key, "churn.period.%s", pname);
  {
    kw_marg a[] = {kw_ma_str("period", T(key, lang)),
                   kw_ma_str("n", count_text(n1, show))};
    say(f, "churn.periods_title", lang, a, 2);
  }
  for (size_t k = 0; k < show; k++) last12[k] = (uint32_t)(np - show + k);
  kw_rcol pc[8];
  pc[0] = per_cols[0];
  memcpy(pc + 1, per_cols + 3, 7 * sizeof *pc);
  kw_rtable t = {NULL, show, last12, 8, pc};
  if (!st) st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
  if (np && P[np - 1].partial) {
    kw_marg a[] = {kw_ma_str("date", kw_date_format(d1, I->as_of,
                                                    lang == KW_LANG_NL))};
    say(f, "churn.partial", lang, a, 1);
  }
  for (int w = 0; w < 2 && !st; w++) {
    const kw_churn_list *Lw = L[w];
    count_text(n1, Lw->n);
    if (w == 0) {
      kw_marg a[] = {kw_ma_str("period", np ? plab[np - 1] : "-"),
                     kw_ma_str("n", n1)};
      say(f, "churn.recent_title", lang, a, 2);
    } else if (con) {
      kw_marg a[] = {kw_ma_str("days", count_text(n2, (uint64_t)I->at_risk_days)),
                     kw_ma_str("n", n1)};
      say(f, "churn.at_risk_contracts_title", lang, a, 2);
    } else {
      kw_marg a[] = {kw_ma_num("days", I->at_risk_fraction * I->gap_days, 1),
                     kw_ma_str("n", n1)};
      say(f, "churn.at_risk_title", lang, a, 2);
    }
    if (has_value) {
      char m[40];
      kw_marg a[] = {kw_ma_str("revenue", kw_fmt_money(
                                               m, llround(Lw->total_value *
                                                          100),
                                               lang))};
      say(f, "churn.list_revenue", lang, a, 1);
    }
    fputc('\n', f);
    if (Lw->n)
      st = kw_write_rtable(ctx, f, w ? &trisk : &trec, KW_FORMAT_TABLE, lang,
                           r->top);
  }
done:
  kw_free(ctx, plab);
  kw_free(ctx, pl);
  kw_free(ctx, pi);
  kw_free(ctx, pd);
  kw_free(ctx, pday);
  kw_free(ctx, lv);
  kw_free(ctx, cv);
  kw_free(ctx, crow);
  kw_free(ctx, last12);
  return st;
}

/* -------------------------------------------------------------- drivers */

typedef struct term_order {
  double abs_coef;
  uint32_t i;
} term_order;

static int by_abs_desc(const void *a, const void *b) {
  const term_order *x = a, *y = b;
  if (x->abs_coef != y->abs_coef) return x->abs_coef < y->abs_coef ? 1 : -1;
  return (x->i > y->i) - (x->i < y->i);
}

/* What "churned" means for these rows, in lang. */
static void churn_label(char *buf, size_t cap,
                        const kw_churn_driver_rows_data *rv,
                        const kw_churn *ch, kw_lang lang) {
  int style = lang == KW_LANG_NL;
  char d1[11], d2[11];
  if (rv->event) {
    kw_marg a[] = {kw_ma_str("col", rv->event)};
    kw_msg_fill(buf, cap, T("churn.drivers.label_flag", lang), lang, NULL, a,
                1);
    return;
  }
  const kw_churn_info *I = kw_churn_info_view(ch);
  if (rv->contractual) {
    kw_marg a[] = {kw_ma_str("date", kw_date_format(d1, I->as_of, style))};
    kw_msg_fill(buf, cap, T("churn.drivers.label_contracts", lang), lang,
                NULL, a, 1);
    return;
  }
  kw_marg a[] = {kw_ma_str("cutoff", kw_date_format(d1, rv->cutoff, style)),
                 kw_ma_num("gap", I->gap_days, 1),
                 kw_ma_str("date", kw_date_format(d2, I->as_of, style))};
  kw_msg_fill(buf, cap, T("churn.drivers.label_purchases", lang), lang, NULL,
              a, 3);
}

kw_status kw_report_churn_drivers(kw_context *ctx, FILE *f,
                                  const kw_churn_drivers *d,
                                  const kw_churn_driver_rows *rows,
                                  const kw_churn *ch, kw_format format,
                                  kw_lang lang, kw_churn_drivers_table table) {
  if (!f || !d || !rows || (!ch && !kw_churn_driver_rows_view(rows)->event))
    return kw_fail(ctx, KW_EARG, "churn drivers report: missing input");
  const kw_churn_driver_rows_data *rv = kw_churn_driver_rows_view(rows);
  size_t nf = kw_churn_drivers_feature_count(d);
  size_t nlev = 0, nnum = 0;
  for (size_t j = 0; j < nf; j++) {
    const kw_churn_driver_levels *Lv = kw_churn_drivers_levels_view(d, j);
    if (Lv) nlev += Lv->n_levels;
    if (kw_churn_drivers_numeric_view(d, j)) nnum++;
  }
  const kw_churn_driver_model *M = kw_churn_drivers_model_view(d);
  size_t nterm = M ? M->n_terms : 0, nbins = M ? M->bins : 0;
  const char **lf = kw_malloc(ctx, (nlev + nnum + 1) * sizeof *lf);
  const char **ll = kw_malloc(ctx, (nlev + 1) * sizeof *ll);
  int64_t *li = kw_malloc(ctx, (2 * nlev + 4 * nnum + nbins + 1) * sizeof *li);
  double *ld = kw_malloc(ctx, (3 * nlev + 2 * nnum + 1) * sizeof *ld);
  term_order *to = kw_malloc(ctx, (nterm + 1) * sizeof *to);
  uint32_t *order = kw_malloc(ctx, (nterm + 1) * sizeof *order);
  if (!lf || !ll || !li || !ld || !to || !order) {
    kw_free(ctx, lf), kw_free(ctx, ll), kw_free(ctx, li), kw_free(ctx, ld);
    kw_free(ctx, to), kw_free(ctx, order);
    return kw_fail_nomem(ctx);
  }
  int64_t *ln = li, *lk = li + nlev;
  double *lr = ld, *llo = ld + nlev, *lhi = ld + 2 * nlev;
  const char **nf_name = lf + nlev;
  int64_t *nc = li + 2 * nlev, *nr = nc + nnum, *nmiss = nr + nnum;
  int64_t *bn = nmiss + nnum;
  double *mc = ld + 3 * nlev, *mr = mc + nnum;
  size_t k = 0, q = 0;
  for (size_t j = 0; j < nf; j++) {
    const kw_churn_driver_levels *Lv = kw_churn_drivers_levels_view(d, j);
    const kw_churn_driver_numeric *N = kw_churn_drivers_numeric_view(d, j);
    if (Lv)
      for (size_t v = 0; v < Lv->n_levels; v++, k++) {
        lf[k] = Lv->feature;
        ll[k] = Lv->level[v];
        ln[k] = (int64_t)Lv->n[v];
        lk[k] = (int64_t)Lv->churned[v];
        lr[k] = Lv->rate[v];
        llo[k] = Lv->lower[v];
        lhi[k] = Lv->upper[v];
      }
    if (N) {
      nf_name[q] = N->feature;
      nc[q] = (int64_t)N->n_churned;
      nr[q] = (int64_t)N->n_retained;
      nmiss[q] = (int64_t)N->missing;
      mc[q] = N->n_churned ? N->median_churned : NAN;
      mr[q] = N->n_retained ? N->median_retained : NAN;
      q++;
    }
  }
  for (size_t b = 0; b < nbins; b++) bn[b] = (int64_t)M->bin_n[b];
  for (size_t t = 0; t < nterm; t++)
    to[t] = (term_order){fabs(M->coef[t]), (uint32_t)t};
  if (nterm) qsort(to, nterm, sizeof *to, by_abs_desc);
  for (size_t t = 0; t < nterm; t++) order[t] = to[t].i;
  const kw_rcol lev_cols[] = {
      {"feature", L2("churn.col.attribute"), KW_CELL_STR, 0, lf, NULL, NULL,
       NULL},
      {"level", L2("churn.col.value"), KW_CELL_STR, 0, ll, NULL, NULL, NULL},
      {"customers", L2("churn.col.customers"), KW_CELL_I64, 0, ln, NULL, NULL,
       NULL},
      {"churned", L2("churn.col.churned"), KW_CELL_I64, 0, lk, NULL, NULL,
       NULL},
      {"churn_rate", L2("churn.col.churn_rate"), KW_CELL_PCT, 1, lr, NULL,
       NULL, NULL},
      {"lower", L2("churn.col.lower"), KW_CELL_PCT, 1, llo, NULL, NULL, NULL},
      {"upper", L2("churn.col.upper"), KW_CELL_PCT, 1, lhi, NULL, NULL, NULL},
  };
  const kw_rcol num_cols[] = {
      {"feature", L2("churn.col.attribute"), KW_CELL_STR, 0, nf_name, NULL,
       NULL, NULL},
      {"median_churned", L2("churn.col.median_churned"), KW_CELL_F64, 2, mc,
       NULL, NULL, NULL},
      {"median_retained", L2("churn.col.median_retained"), KW_CELL_F64, 2, mr,
       NULL, NULL, NULL},
      {"n_churned", L2("churn.col.churned"), KW_CELL_I64, 0, nc, NULL, NULL,
       NULL},
      {"n_retained", L2("churn.col.retained"), KW_CELL_I64, 0, nr, NULL, NULL,
       NULL},
      {"missing", L2("churn.col.missing"), KW_CELL_I64, 0, nmiss, NULL, NULL,
       NULL},
  };
  kw_rcol mod_cols[] = {
      {"term", L2("churn.col.term"), KW_CELL_STR, 0,
       M ? (const void *)M->term : NULL, NULL, NULL, NULL},
      {"coef", L2("churn.col.coefficient"), KW_CELL_F64, 3, M ? M->coef : NULL,
       NULL, NULL, NULL},
      {"se", "se", "se", KW_CELL_F64, 3, M ? M->se : NULL, NULL, NULL, NULL},
      {"odds_ratio", "odds ratio", "odds ratio", KW_CELL_F64, 3,
       M ? M->odds_ratio : NULL, NULL, NULL, NULL},
  };
  char binlab[64][4];
  const char *binp[64];
  size_t nb = nbins < 64 ? nbins : 64;
  for (size_t b = 0; b < nb; b++) {
    snprintf(binlab[b], sizeof binlab[b], "%u", (unsigned)(b + 1) % 1000u);
    binp[b] = binlab[b];
  }
  kw_rcol cal_cols[] = {
      {"bin", L2("churn.col.decile"), KW_CELL_STR, 0, binp, NULL, NULL, NULL},
      {"customers", L2("churn.col.customers"), KW_CELL_I64, 0, bn, NULL, NULL,
       NULL},
      {"predicted", L2("churn.col.predicted"), KW_CELL_PCT, 1,
       M ? M->bin_predicted : NULL, NULL, NULL, NULL},
      {"observed", L2("churn.col.observed"), KW_CELL_PCT, 1,
       M ? M->bin_observed : NULL, NULL, NULL, NULL},
  };
  kw_rtable tlev = {NULL, nlev, NULL, 7, lev_cols};
  kw_rtable tnum = {NULL, nnum, NULL, 6, num_cols};
  kw_rtable tmod = {NULL, nterm, order, 4, mod_cols};
  kw_rtable tcal = {NULL, nb, NULL, 4, cal_cols};
  char label[400], n1[24];
  kw_status st = KW_OK;
  if (format == KW_FORMAT_JSON) {
    churn_label(label, sizeof label, rv, ch, KW_LANG_EN);
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "label", label);
    kw_jw_str(w, "note", "associations, not causes");
    kw_jw_int(w, "customers", (int64_t)kw_churn_drivers_rows(d));
    kw_jw_num(w, "churn_rate", kw_churn_drivers_churn_rate(d));
    kw_jw_rtable(w, "levels", &tlev);
    kw_jw_rtable(w, "numeric", &tnum);
    if (M) {
      kw_jw_begin_object(w, "model");
      kw_jw_num(w, "l2", M->l2);
      kw_jw_num(w, "intercept", M->intercept);
      kw_jw_bool(w, "converged", M->status == KW_OK);
      kw_jw_int(w, "iterations", M->iterations);
      kw_jw_num(w, "loglik", M->loglik);
      kw_jw_int(w, "n_train", (int64_t)M->n_train);
      kw_jw_int(w, "n_test", (int64_t)M->n_test);
      kw_jw_bool(w, "test_is_train", M->test_is_train);
      kw_jw_num(w, "auc", M->auc);
      kw_jw_rtable(w, "coefficients", &tmod);
      kw_jw_rtable(w, "calibration", &tcal);
      kw_jw_end_object(w);
    } else {
      kw_jw_null(w, "model");
    }
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (format == KW_FORMAT_CSV || table != KW_CHURN_DRIVERS_ALL) {
    const kw_rtable *t = table == KW_CHURN_DRIVERS_LEVELS        ? &tlev
                         : table == KW_CHURN_DRIVERS_NUMERIC     ? &tnum
                         : table == KW_CHURN_DRIVERS_CALIBRATION ? &tcal
                                                                 : &tmod;
    st = kw_write_rtable(ctx, f, t, format, lang, 0);
  } else {
    churn_label(label, sizeof label, rv, ch, lang);
    kw_marg a[] = {kw_ma_str("n", count_text(n1, kw_churn_drivers_rows(d))),
                   kw_ma_pct("share", kw_churn_drivers_churn_rate(d), 1),
                   kw_ma_str("label", label)};
    say(f, "churn.drivers.head", lang, a, 3);
    if (nlev) {
      say(f, "churn.drivers.levels_title", lang, NULL, 0);
      st = kw_write_rtable(ctx, f, &tlev, KW_FORMAT_TABLE, lang, 0);
    }
    if (!st && nnum) {
      say(f, "churn.drivers.numeric_title", lang, NULL, 0);
      st = kw_write_rtable(ctx, f, &tnum, KW_FORMAT_TABLE, lang, 0);
    }
    if (!st && M) {
      kw_marg b[] = {kw_ma_num("l2", M->l2, 2)};
      say(f, "churn.drivers.model_title", lang, b, 1);
      st = kw_write_rtable(ctx, f, &tmod, KW_FORMAT_TABLE, lang, 0);
      char it[24], n2[24];
      kw_marg c[] = {
          kw_ma_str("fit", T(M->status == KW_OK ? "churn.drivers.converged"
                                                : "churn.drivers.not_converged",
                             lang)),
          kw_ma_str("iterations", count_text(it, (unsigned long long)M->iterations)),
          kw_ma_str("train", count_text(n1, M->n_train)),
          kw_ma_str("test", count_text(n2, M->test_is_train ? 0 : M->n_test)),
          kw_ma_str("same", M->test_is_train
                                ? T("churn.drivers.same_customers", lang)
                                : ""),
          kw_ma_num("auc", M->auc, 3)};
      say(f, "churn.drivers.fit", lang, c, 6);
      if (!st) {
        say(f, "churn.drivers.calibration_title", lang, NULL, 0);
        st = kw_write_rtable(ctx, f, &tcal, KW_FORMAT_TABLE, lang, 0);
      }
    }
  }
  kw_free(ctx, lf), kw_free(ctx, ll), kw_free(ctx, li), kw_free(ctx, ld);
  kw_free(ctx, to), kw_free(ctx, order);
  return st;
}
