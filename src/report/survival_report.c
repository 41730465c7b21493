/*
 * survival_report.c — the writers of a Kaplan–Meier fit (kw_km): the
 * per-group summary with medians, the at-risk table, the curve and the
 * log-rank test, as a terminal report, CSV or JSON, in English or Dutch.
 * Every text comes from the message table (keys "survival.*").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/groups.h"
#include "klantwijs/report.h"
#include "klantwijs/survival.h"
#include "report/messages.h"
#include "report/text.h"
#include "report/jw.h"

static const char *T(const char *key, kw_lang lang) {
  const char *t = kw_message(key, lang);
  return t ? t : key;
}

static void say(FILE *f, const char *key, kw_lang lang, const kw_marg *a,
                size_t n) {
  char buf[600];
  kw_msg_fill(buf, sizeof buf, T(key, lang), lang, NULL, a, n);
  fputs(buf, f);
}

#define L2(k) T(k, KW_LANG_EN), T(k, KW_LANG_NL)

static const char *count(char *buf, unsigned long long v) {
  snprintf(buf, 24, "%llu", v);
  return buf;
}

/* The unit in the header: "days", "weeks", "months" (nl dagen, ...). */
static const char *unit_word(const char *unit, kw_lang lang) {
  const char *key = unit && strcmp(unit, "week") == 0    ? "survival.unit.week"
                    : unit && strcmp(unit, "month") == 0 ? "survival.unit.month"
                                                         : "survival.unit.day";
  return T(key, lang);
}

static void fmt_p(char *buf, double p, kw_lang lang) {
  if (p < 0.0001) {
    strcpy(buf, lang == KW_LANG_NL ? "< 0,0001" : "< 0.0001");
  } else {
    buf[0] = '=';
    buf[1] = ' ';
    kw_fmt_number(buf + 2, p, 4, lang);
  }
}

void kw_km_report_init(kw_km_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->as_of = KW_NA_DATE;
}

kw_status kw_report_km(kw_context *ctx, FILE *f, const kw_km *km,
                       const kw_km_report *s) {
  if (!f || !km || !s) return kw_fail(ctx, KW_EARG, "survival report: no input");
  const size_t G = kw_km_groups(km);
  const kw_lang lang = s->lang;
  const int tdec = s->integer ? 0 : 2;
  int rdec = 0; /* the at-risk times: whole numbers unless given otherwise */
  for (size_t g = 0; g < kw_km_groups(km); g++) {
    const kw_km_at_risk *r = kw_km_group_at_risk(km, g);
    for (size_t i = 0; i < r->n_times; i++)
      if (r->time[i] != floor(r->time[i])) rdec = 2;
  }
  /* per-group summary */
  size_t ng = G;
  const char **gname = kw_calloc(ctx, ng ? ng : 1, sizeof *gname);
  int64_t *gn = kw_calloc(ctx, ng ? ng : 1, sizeof *gn);
  int64_t *gev = kw_calloc(ctx, ng ? ng : 1, sizeof *gev);
  int64_t *gcen = kw_calloc(ctx, ng ? ng : 1, sizeof *gcen);
  double *gmed = kw_calloc(ctx, ng ? ng : 1, 3 * sizeof *gmed);
  /* the curve and the at-risk table, long form over the groups */
  size_t ncurve = 0, nrisk = 0;
  for (size_t g = 0; g < G; g++) {
    ncurve += kw_km_group_curve(km, g)->n_times;
    nrisk += kw_km_group_at_risk(km, g)->n_times;
  }
  size_t nl_ = ncurve + nrisk;
  const char **lg = kw_calloc(ctx, nl_ ? nl_ : 1, sizeof *lg);
  double *lt = kw_calloc(ctx, nl_ ? nl_ : 1, 4 * sizeof *lt);
  int64_t *li = kw_calloc(ctx, nl_ ? nl_ : 1, 3 * sizeof *li);
  uint32_t *rows = kw_malloc(ctx, (nl_ ? nl_ : 1) * sizeof *rows);
  kw_status st = KW_OK;
  if (!gname || !gn || !gev || !gcen || !gmed || !lg || !lt || !li || !rows) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  double *gml = gmed + ng, *gmu = gmed + 2 * ng;
  /* column blocks: time, survival, lower, upper; at_risk, events, cens */
  double *ct = lt, *cs = lt + nl_, *clo = lt + 2 * nl_, *chi = lt + 3 * nl_;
  int64_t *cr = li, *cev = li + nl_, *ccen = li + 2 * nl_;
  size_t k = 0;
  uint64_t tot_n = 0, tot_ev = 0;
  for (size_t g = 0; g < G; g++) {
    const kw_km_curve *cv = kw_km_group_curve(km, g);
    const kw_km_median *m = kw_km_group_median(km, g);
    gname[g] = s->group_names ? s->group_names[g] : kw_km_group_name(km, g);
    gn[g] = (int64_t)cv->n;
    gev[g] = (int64_t)cv->n_events;
    gcen[g] = (int64_t)(cv->n - cv->n_events);
    tot_n += cv->n;
    tot_ev += cv->n_events;
    gmed[g] = m->median_reached ? m->median : NAN;
    gml[g] = m->lower_reached ? m->lower : NAN;
    gmu[g] = m->upper_reached ? m->upper : NAN;
    for (size_t i = 0; i < cv->n_times; i++, k++) {
      lg[k] = gname[g];
      ct[k] = cv->time[i];
      cr[k] = (int64_t)cv->at_risk[i];
      cev[k] = (int64_t)cv->events[i];
      ccen[k] = (int64_t)cv->censored[i];
      cs[k] = cv->survival[i];
      clo[k] = cv->ci_lower[i];
      chi[k] = cv->ci_upper[i];
    }
  }
  size_t risk0 = k;
  for (size_t g = 0; g < G; g++) {
    const kw_km_at_risk *r = kw_km_group_at_risk(km, g);
    for (size_t i = 0; i < r->n_times; i++, k++) {
      lg[k] = gname[g];
      ct[k] = r->time[i];
      cr[k] = (int64_t)r->at_risk[i];
      cev[k] = (int64_t)r->events[i];
      ccen[k] = (int64_t)r->censored[i];
      kw_km_survival_at(km, g, r->time[i], &cs[k], &clo[k], &chi[k]);
    }
  }
  const kw_rcol sum_cols[] = {
      {"group", T("survival.col.group", KW_LANG_EN), T("survival.col.group", KW_LANG_NL), KW_CELL_STR, 0, gname, NULL, NULL, NULL},
      {"customers", T("survival.col.customers", KW_LANG_EN), T("survival.col.customers", KW_LANG_NL), KW_CELL_I64, 0, gn, NULL, NULL, NULL},
      {"churned", T("survival.col.churned", KW_LANG_EN), T("survival.col.churned", KW_LANG_NL), KW_CELL_I64, 0, gev, NULL, NULL, NULL},
      {"censored", T("survival.col.censored", KW_LANG_EN), T("survival.col.censored", KW_LANG_NL), KW_CELL_I64, 0, gcen, NULL, NULL, NULL},
      {"median", T("survival.col.median", KW_LANG_EN), T("survival.col.median", KW_LANG_NL), KW_CELL_F64, tdec, gmed, NULL, NULL, NULL},
      {"median_lower", T("survival.col.lower", KW_LANG_EN), T("survival.col.lower", KW_LANG_NL), KW_CELL_F64, tdec, gml, NULL, NULL, NULL},
      {"median_upper", T("survival.col.upper", KW_LANG_EN), T("survival.col.upper", KW_LANG_NL), KW_CELL_F64, tdec, gmu, NULL, NULL, NULL},
  };
  const kw_rcol long_cols[] = {
      {"group", T("survival.col.group", KW_LANG_EN), T("survival.col.group", KW_LANG_NL), KW_CELL_STR, 0, lg, NULL, NULL, NULL},
      {"time", T("survival.col.t", KW_LANG_EN), T("survival.col.t", KW_LANG_NL), KW_CELL_F64, tdec, ct, NULL, NULL, NULL},
      {"at_risk", T("survival.col.at_risk", KW_LANG_EN), T("survival.col.at_risk", KW_LANG_NL), KW_CELL_I64, 0, cr, NULL, NULL, NULL},
      {"churned", T("survival.col.churned", KW_LANG_EN), T("survival.col.churned", KW_LANG_NL), KW_CELL_I64, 0, cev, NULL, NULL, NULL},
      {"censored", T("survival.col.censored", KW_LANG_EN), T("survival.col.censored", KW_LANG_NL), KW_CELL_I64, 0, ccen, NULL, NULL, NULL},
      {"survival", T("survival.col.survival", KW_LANG_EN), T("survival.col.survival", KW_LANG_NL), KW_CELL_F64, 4, cs, NULL, NULL, NULL},
      {"lower", T("survival.col.lower", KW_LANG_EN), T("survival.col.lower", KW_LANG_NL), KW_CELL_F64, 4, clo, NULL, NULL, NULL},
      {"upper", T("survival.col.upper", KW_LANG_EN), T("survival.col.upper", KW_LANG_NL), KW_CELL_F64, 4, chi, NULL, NULL, NULL},
  };
  /* the at-risk table uses the same columns over rows risk0.. */
  for (size_t i = 0; i < nl_; i++) rows[i] = (uint32_t)i;
  kw_rtable tsum = {NULL, G, NULL, 7, sum_cols};
  kw_rtable tcurve = {NULL, ncurve, rows, 8, long_cols};
  kw_rcol risk_cols[8];
  memcpy(risk_cols, long_cols, sizeof risk_cols);
  risk_cols[1].decimals = rdec;
  kw_rtable trisk = {NULL, nrisk, rows + risk0, 8, risk_cols};
  const kw_logrank *lr = kw_km_logrank(km);
  const char *src = s->src == KW_KM_SOURCE_COLUMNS     ? "columns"
                    : s->src == KW_KM_SOURCE_CONTRACTS ? "contracts"
                                                       : "purchases";
  if (s->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "model", "kaplan-meier");
    kw_jw_str(w, "source", src);
    if (s->src == KW_KM_SOURCE_COLUMNS) {
      kw_jw_str(w, "duration", s->dur_name);
      kw_jw_str(w, "event", s->ev_name);
    } else {
      kw_jw_str(w, "unit", s->unit);
      kw_jw_date(w, "as_of", s->as_of);
      if (s->src == KW_KM_SOURCE_PURCHASES) {
        kw_jw_num(w, "gap_days", s->gap);
        kw_jw_bool(w, "gap_derived", s->gap_derived);
      }
    }
    if (s->by)
      kw_jw_str(w, "by", s->by);
    else
      kw_jw_null(w, "by");
    kw_jw_num(w, "confidence", 1.0 - kw_km_alpha(km));
    kw_jw_str(w, "interval", "log-log (exponential Greenwood)");
    kw_jw_int(w, "customers", (int64_t)tot_n);
    kw_jw_int(w, "churned", (int64_t)tot_ev);
    kw_jw_int(w, "skipped", (int64_t)kw_km_skipped(km));
    kw_jw_begin_array(w, "groups");
    size_t kc = 0, kr = risk0;
    for (size_t g = 0; g < G; g++) {
      const kw_km_curve *cv = kw_km_group_curve(km, g);
      const kw_km_at_risk *r = kw_km_group_at_risk(km, g);
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "name", gname[g]);
      kw_jw_int(w, "customers", gn[g]);
      kw_jw_int(w, "churned", gev[g]);
      kw_jw_int(w, "censored", gcen[g]);
      kw_jw_num(w, "median", gmed[g]);
      kw_jw_num(w, "median_lower", gml[g]);
      kw_jw_num(w, "median_upper", gmu[g]);
      kw_rtable part = {NULL, cv->n_times, rows + kc, 7, long_cols + 1};
      kw_jw_rtable(w, "curve", &part);
      kw_rtable part2 = {NULL, r->n_times, rows + kr, 7, risk_cols + 1};
      kw_jw_rtable(w, "at_risk", &part2);
      kc += cv->n_times;
      kr += r->n_times;
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    if (lr->computed) {
      kw_jw_begin_object(w, "logrank");
      kw_jw_num(w, "chi2", lr->chi2);
      kw_jw_num(w, "df", lr->df);
      kw_jw_num(w, "p_value", lr->p_value);
      kw_jw_begin_array(w, "observed");
      for (size_t g = 0; g < lr->n_groups; g++) kw_jw_num(w, NULL, lr->observed[g]);
      kw_jw_end_array(w);
      kw_jw_begin_array(w, "expected");
      for (size_t g = 0; g < lr->n_groups; g++) kw_jw_num(w, NULL, lr->expected[g]);
      kw_jw_end_array(w);
      kw_jw_end_object(w);
    } else {
      kw_jw_null(w, "logrank");
    }
    if (s->grouped) {
      kw_jw_int(w, "min_group_size", KW_PRIVACY_MIN);
      kw_jw_int(w, "groups_merged_into_other", (int64_t)s->merged_groups);
      kw_jw_int(w, "customers_left_out", (int64_t)s->left_out);
    }
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (s->format == KW_FORMAT_CSV || s->table != KW_KM_TABLE_ALL) {
    const kw_rtable *t = s->table == KW_KM_TABLE_SUMMARY   ? &tsum
                         : s->table == KW_KM_TABLE_AT_RISK ? &trisk
                                                   : &tcurve;
    st = kw_write_rtable(ctx, f, t, s->format, lang, 0);
  } else {
    char b1[32], b2[32], b3[32], n1[24], n2[24], n3[24];
    int style = lang == KW_LANG_NL;
    {
      kw_marg a[] = {kw_ma_str("n", count(n1, tot_n)),
                     kw_ma_str("churned", count(n2, tot_ev)),
                     kw_ma_str("censored", count(n3, tot_n - tot_ev))};
      say(f, "survival.head", lang, a, 3);
    }
    if (s->src == KW_KM_SOURCE_COLUMNS) {
      kw_marg a[] = {kw_ma_str("duration", s->dur_name),
                     kw_ma_str("event", s->ev_name)};
      say(f, "survival.head.columns", lang, a, 2);
    } else if (s->src == KW_KM_SOURCE_CONTRACTS) {
      kw_marg a[] = {kw_ma_str("unit", unit_word(s->unit, lang)),
                     kw_ma_str("date", kw_date_format(b1, s->as_of, style))};
      say(f, "survival.head.contracts", lang, a, 2);
    } else {
      kw_marg a[] = {kw_ma_str("unit", unit_word(s->unit, lang)),
                     kw_ma_num("gap", s->gap, 1),
                     kw_ma_str("date", kw_date_format(b1, s->as_of, style))};
      say(f, "survival.head.purchases", lang, a, 3);
    }
    if (s->by) {
      kw_marg a[] = {kw_ma_str("by", s->by)};
      say(f, "survival.head.by", lang, a, 1);
    }
    fputc('\n', f);
    {
      kw_marg a[] = {kw_ma_num("conf", 100.0 * (1.0 - kw_km_alpha(km)), 0)};
      say(f, "survival.intervals", lang, a, 1);
    }
    if (kw_km_skipped(km)) {
      kw_marg a[] = {kw_ma_str("n", count(n1, kw_km_skipped(km)))};
      say(f, "survival.skipped", lang, a, 1);
    }
    snprintf(n2, sizeof n2, "%d", KW_PRIVACY_MIN);
    if (s->left_out) {
      kw_marg a[] = {kw_ma_str("n", count(n1, s->left_out)),
                     kw_ma_str("min", n2)};
      say(f, "survival.privacy_left_out", lang, a, 2);
    } else if (s->merged_groups) {
      kw_marg a[] = {kw_ma_str("n", count(n1, s->merged_groups)),
                     kw_ma_str("min", n2)};
      say(f, "survival.privacy_merged", lang, a, 2);
    }
    fputc('\n', f);
    st = kw_write_rtable(ctx, f, &tsum, KW_FORMAT_TABLE, lang, 0);
    bool unreached = false;
    for (size_t g = 0; g < G; g++)
      if (isnan(gmed[g]) || isnan(gml[g]) || isnan(gmu[g])) unreached = true;
    if (unreached) say(f, "survival.unreached", lang, NULL, 0);
    say(f, "survival.at_risk_title", lang, NULL, 0);
    if (!st) st = kw_write_rtable(ctx, f, &trisk, KW_FORMAT_TABLE, lang, 0);
    if (lr->computed) {
      fmt_p(b3, lr->p_value, lang);
      kw_marg a[] = {
          kw_ma_num("chi2", lr->chi2, 2), kw_ma_num("df", lr->df, 0),
          kw_ma_str("df_word",
                    T(lr->df == 1 ? "survival.df_one" : "survival.df_many",
                      lang)),
          kw_ma_str("p", b3)};
      say(f, "survival.logrank", lang, a, 4);
    }
    (void)b2;
  }
done:
  kw_free(ctx, rows);
  kw_free(ctx, gname), kw_free(ctx, gn), kw_free(ctx, gev);
  kw_free(ctx, gcen), kw_free(ctx, gmed);
  kw_free(ctx, lg), kw_free(ctx, lt), kw_free(ctx, li);
  return st;
}


/* ------------------------------------------------------------------ sBG */

void kw_sbg_report_init(kw_sbg_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
}

kw_status kw_report_sbg(kw_context *ctx, FILE *f, const kw_sbg_group *fits,
                        size_t nf, const kw_sbg_report *o) {
  if (!f || (!fits && nf) || !o)
    return kw_fail(ctx, KW_EARG, "sBG report: no input");
  const kw_lang lang = o->lang;
  /* the period table over all fits */
  size_t nrow = 0;
  size_t *H = kw_calloc(ctx, nf ? nf : 1, sizeof *H);
  if (!H) return kw_fail_nomem(ctx);
  for (size_t j = 0; j < nf; j++) {
    H[j] = o->horizon ? o->horizon : fits[j].T + 5;
    if (H[j] < fits[j].T) H[j] = fits[j].T;
    nrow += H[j] + 1;
  }
  const char **rg = kw_calloc(ctx, nrow ? nrow : 1, sizeof *rg);
  int64_t *ri = kw_calloc(ctx, nrow ? nrow : 1, sizeof *ri);
  double *rd = kw_calloc(ctx, nrow ? nrow : 1, 6 * sizeof *rd);
  uint32_t *rows = kw_calloc(ctx, nrow ? nrow : 1, sizeof *rows);
  kw_status st = KW_OK;
  if (!rg || !ri || !rd || !rows) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  int64_t *per = ri;
  double *so = rd, *sf = rd + nrow, *ro = rd + 2 * nrow, *rf = rd + 3 * nrow;
  double *riskf = rd + 4 * nrow, *lostf = rd + 5 * nrow;
  double *risk = riskf, *lost = lostf; /* NaN beyond the observed periods */
  size_t k = 0;
  for (size_t j = 0; j < nf; j++) {
    const kw_sbg_group *F = &fits[j];
    double tot = 0;
    for (size_t t = 0; t <= F->T; t++) tot += F->churned[t] + F->censored[t];
    double atrisk = tot, S = 1;
    for (size_t t = 0; t <= H[j]; t++, k++) {
      rows[k] = (uint32_t)k;
      rg[k] = F->name;
      per[k] = (int64_t)t;
      sf[k] = kw_sbg_survival(F->model, (unsigned)t);
      rf[k] = t ? kw_sbg_retention(F->model, (unsigned)t) : NAN;
      if (t == 0) {
        atrisk -= F->censored[0];
        risk[k] = tot;
        lost[k] = 0;
        so[k] = 1;
        ro[k] = NAN;
      } else if (t <= F->T) {
        /* at risk in period t: churned in t or later, or censored after
         * t or later periods */
        double r = atrisk > 0 ? 1.0 - F->churned[t] / atrisk : NAN;
        S *= isnan(r) ? 1.0 : r;
        /* one cohort shows its survivors after t, else those at risk */
        risk[k] = F->survivors ? atrisk - F->churned[t] : atrisk;
        lost[k] = F->churned[t];
        ro[k] = r;
        so[k] = atrisk > 0 ? S : NAN;
        atrisk -= F->churned[t] + F->censored[t];
      } else {
        risk[k] = lost[k] = NAN;
        so[k] = ro[k] = NAN;
      }
    }
  }
  bool surv = nf > 0 && fits[0].survivors;
  kw_rcol cols[] = {
      {"group", L2("survival.col.group"), KW_CELL_STR, 0, rg, NULL, NULL, NULL},
      {"period", L2("sbg.col.period"), KW_CELL_I64, 0, per, NULL, NULL, NULL},
      {surv ? "survivors" : "at_risk",
       L2(surv ? "sbg.col.survivors" : "survival.col.at_risk"), KW_CELL_F64,
       0, riskf, NULL, NULL, NULL},
      {"churned", L2("survival.col.churned"), KW_CELL_F64, 0, lostf, NULL,
       NULL, NULL},
      {"observed_survival", L2("sbg.col.observed_s"), KW_CELL_F64, 4, so,
       NULL, NULL, NULL},
      {"fitted_survival", L2("sbg.col.fitted_s"), KW_CELL_F64, 4, sf, NULL,
       NULL, NULL},
      {"observed_retention", L2("sbg.col.observed_r"), KW_CELL_F64, 4, ro,
       NULL, NULL, NULL},
      {"fitted_retention", L2("sbg.col.fitted_r"), KW_CELL_F64, 4, rf, NULL,
       NULL, NULL},
  };
  bool grouped = o->grouped;
  kw_rtable tall = {NULL, nrow, rows, grouped ? 8 : 7, grouped ? cols : cols + 1};

  if (o->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "model", "sbg");
    if (o->source) {
      kw_jw_str(w, "source", o->source);
      if (o->unit) kw_jw_str(w, "period", o->unit);
    }
    if (grouped) {
      kw_jw_str(w, "by", o->by);
      kw_jw_begin_array(w, "groups");
    }
    size_t k0 = 0;
    for (size_t j = 0; j < nf; j++) {
      const kw_sbg_fit_info *I = kw_sbg_info(fits[j].model);
      if (grouped) {
        kw_jw_begin_object(w, NULL);
        kw_jw_str(w, "name", fits[j].name);
      }
      kw_jw_begin_object(w, "params");
      kw_jw_num(w, "alpha", I->alpha);
      kw_jw_num(w, "beta", I->beta);
      kw_jw_end_object(w);
      kw_jw_begin_object(w, "se");
      kw_jw_num(w, "alpha", I->se_alpha > 0 ? I->se_alpha : NAN);
      kw_jw_num(w, "beta", I->se_beta > 0 ? I->se_beta : NAN);
      kw_jw_end_object(w);
      kw_jw_begin_object(w, "fit");
      kw_jw_num(w, "loglik", I->loglik);
      kw_jw_int(w, "iterations", I->iterations);
      kw_jw_bool(w, "converged", I->status == KW_OK);
      kw_jw_num(w, "grad_norm", I->grad_norm);
      kw_jw_end_object(w);
      kw_jw_num(w, "customers", I->cohort);
      kw_jw_int(w, "periods", (int64_t)I->periods);
      kw_jw_num(w, "mean_churn_probability", I->alpha / (I->alpha + I->beta));
      double el;
      if (kw_sbg_expected_lifetime(fits[j].model, &el))
        kw_jw_num(w, "expected_lifetime", el);
      else
        kw_jw_null(w, "expected_lifetime");
      if (o->discount > 0) {
        kw_jw_num(w, "discount", o->discount);
        kw_jw_begin_array(w, "derl");
        for (unsigned r = 0; r <= 4; r++) {
          double v;
          kw_jw_begin_object(w, NULL);
          kw_jw_int(w, "renewals", r);
          if (kw_sbg_derl(fits[j].model, o->discount, r, &v) == KW_OK)
            kw_jw_num(w, "derl", v);
          else
            kw_jw_null(w, "derl");
          kw_jw_end_object(w);
        }
        kw_jw_end_array(w);
      }
      kw_rtable part = {NULL, H[j] + 1, rows + k0, 7, cols + 1};
      kw_jw_rtable(w, "table", &part);
      k0 += H[j] + 1;
      if (grouped) kw_jw_end_object(w);
    }
    if (grouped) kw_jw_end_array(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (o->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &tall, KW_FORMAT_CSV, lang, 0);
  } else {
    char b3[32], n1[24];
    say(f, "sbg.head", lang, NULL, 0);
    if (o->source && o->unit) {
      /* the period named in the reader's language (the CSV and JSON keep
       * day, week, month) */
      const char *key = strcmp(o->unit, "week") == 0    ? "sbg.unit.week"
                        : strcmp(o->unit, "month") == 0 ? "sbg.unit.month"
                        : strcmp(o->unit, "day") == 0   ? "sbg.unit.day"
                                                        : NULL;
      kw_marg a[] = {kw_ma_str("unit", key ? T(key, lang) : o->unit)};
      say(f, "sbg.period", lang, a, 1);
    }
    size_t k0 = 0;
    for (size_t j = 0; j < nf && !st; j++) {
      const kw_sbg_fit_info *I = kw_sbg_info(fits[j].model);
      fputc('\n', f);
      if (grouped) fprintf(f, "%s = %s\n", o->by, fits[j].name);
      snprintf(n1, sizeof n1, "%zu", I->periods);
      kw_marg a[] = {kw_ma_num("n", I->cohort, 0), kw_ma_str("periods", n1)};
      say(f, "sbg.customers", lang, a, 2);
      kw_marg pa[] = {kw_ma_num("v", I->alpha, 4), kw_ma_num("se", I->se_alpha, 4)};
      say(f, I->se_alpha > 0 ? "sbg.alpha_se" : "sbg.alpha", lang, pa, 2);
      kw_marg pb[] = {kw_ma_num("v", I->beta, 4), kw_ma_num("se", I->se_beta, 4)};
      say(f, I->se_beta > 0 ? "sbg.beta_se" : "sbg.beta", lang, pb, 2);
      kw_marg mc[] = {kw_ma_num("p", I->alpha / (I->alpha + I->beta), 4)};
      say(f, "sbg.mean_churn", lang, mc, 1);
      double el;
      if (kw_sbg_expected_lifetime(fits[j].model, &el)) {
        kw_marg e[] = {kw_ma_num("periods", el, 2)};
        say(f, "sbg.lifetime", lang, e, 1);
      } else {
        say(f, "sbg.lifetime_infinite", lang, NULL, 0);
      }
      snprintf(b3, sizeof b3, "%.1e", I->grad_norm);
      char it[24];
      snprintf(it, sizeof it, "%d", I->iterations);
      kw_marg fi[] = {kw_ma_num("ll", I->loglik, 3),
                      kw_ma_str("fit", T(I->status == KW_OK ? "sbg.converged"
                                                            : "sbg.not_converged",
                                         lang)),
                      kw_ma_str("iterations", it), kw_ma_str("grad", b3)};
      say(f, "sbg.fit", lang, fi, 4);
      if (I->status != KW_OK && I->alpha + I->beta > 1e4)
        say(f, "sbg.unbounded", lang, NULL, 0);
      if (o->discount > 0) {
        kw_marg d[] = {kw_ma_num("pct", 100 * o->discount, 1)};
        say(f, "sbg.derl", lang, d, 1);
        for (unsigned r = 0; r <= 4; r++) {
          double v;
          if (kw_sbg_derl(fits[j].model, o->discount, r, &v) == KW_OK) {
            char rn[8];
            snprintf(rn, sizeof rn, "%u", r);
            kw_marg e[] = {kw_ma_str("sep", r ? ", " : " "),
                           kw_ma_str("r", rn), kw_ma_num("v", v, 3)};
            say(f, r == 1 ? "sbg.derl_one" : "sbg.derl_many", lang, e, 3);
          }
        }
        fputc('\n', f);
      }
      fputc('\n', f);
      kw_rtable part = {NULL, H[j] + 1, rows + k0, 7, cols + 1};
      st = kw_write_rtable(ctx, f, &part, KW_FORMAT_TABLE, lang, 0);
      k0 += H[j] + 1;
    }
  }
done:
  kw_free(ctx, H), kw_free(ctx, rg), kw_free(ctx, ri), kw_free(ctx, rd);
  kw_free(ctx, rows);
  return st;
}

/* ------------------------------------------- a whole survival analysis */

void kw_survival_report_init(kw_survival_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
}

static const char *group_name(const kw_survival_data *v, size_t j,
                              kw_lang lang) {
  const kw_survival_subjects_data *d = v->subjects;
  return d && d->group && j != SIZE_MAX
             ? kw_report_group_label(d->groups, j, lang)
             : "all";
}

static kw_status write_km(kw_context *ctx, FILE *f, const kw_survival_data *v,
                          const kw_survival_report *o) {
  const kw_survival_subjects_data *d = v->subjects;
  const kw_groups_data *g = d->group ? d->groups : NULL;
  const char **names = NULL;
  if (g) {
    names = kw_calloc(ctx, g->n ? g->n : 1, sizeof *names);
    if (!names) return kw_fail_nomem(ctx);
    for (size_t j = 0; j < g->n; j++) names[j] = group_name(v, j, o->lang);
  }
  kw_km_report r;
  kw_km_report_init(&r);
  r.format = o->format;
  r.lang = o->lang;
  r.table = o->table;
  r.src = v->source == KW_SURVIVAL_COLUMNS     ? KW_KM_SOURCE_COLUMNS
          : v->source == KW_SURVIVAL_CONTRACTS ? KW_KM_SOURCE_CONTRACTS
                                               : KW_KM_SOURCE_PURCHASES;
  r.dur_name = d->duration_name;
  r.ev_name = d->event_name;
  r.unit = v->source == KW_SURVIVAL_COLUMNS ? NULL : o->unit;
  r.as_of = v->as_of;
  r.gap = v->gap_days;
  r.gap_derived = v->gap_derived;
  r.by = o->by;
  r.group_names = names;
  r.grouped = g != NULL;
  r.merged_groups = g ? g->merged_groups : 0;
  r.left_out = g ? g->left_out : 0;
  r.integer = v->integer;
  kw_status st = kw_report_km(ctx, f, v->km, &r);
  kw_free(ctx, names);
  return st;
}

static kw_status write_sbg(kw_context *ctx, FILE *f, const kw_survival_data *v,
                           const kw_survival_report *o) {
  size_t nf = v->n_fits;
  kw_sbg_group *g = kw_calloc(ctx, nf ? nf : 1, sizeof *g);
  if (!g) return kw_fail_nomem(ctx);
  bool surv = v->source == KW_SURVIVAL_SURVIVORS;
  for (size_t j = 0; j < nf; j++) {
    const kw_survival_sbg_fit *F = &v->fits[j];
    g[j] = (kw_sbg_group){group_name(v, F->group, o->lang), F->model, F->T,
                          F->churned, F->censored, surv};
  }
  kw_sbg_report r;
  kw_sbg_report_init(&r);
  r.format = o->format;
  r.lang = o->lang;
  if (!surv) {
    r.source = v->source == KW_SURVIVAL_COLUMNS     ? "columns"
               : v->source == KW_SURVIVAL_CONTRACTS ? "contracts"
                                                    : "purchases";
    r.unit = v->source == KW_SURVIVAL_COLUMNS ? NULL : o->unit;
  }
  r.by = o->by;
  r.grouped = v->subjects && v->subjects->group;
  r.horizon = o->horizon;
  r.discount = o->discount;
  kw_status st = kw_report_sbg(ctx, f, g, nf, &r);
  kw_free(ctx, g);
  return st;
}

kw_status kw_report_survival(kw_context *ctx, FILE *f, const kw_survival *s,
                             const kw_survival_report *r) {
  const kw_survival_data *v = kw_survival_view(s);
  if (!f || !v || !r) return kw_fail(ctx, KW_EARG, "survival report: no input");
  return v->km ? write_km(ctx, f, v, r) : write_sbg(ctx, f, v, r);
}
