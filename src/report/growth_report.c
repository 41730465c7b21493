/*
 * growth_report.c — writers for the growth results (trends; referrals,
 * acquisition, journey and discounts below): a terminal table with the
 * sentences that read it, CSV for machines, JSON with stable keys. Texts
 * come from the message table (growth.* keys), English and Dutch.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/growth.h"
#include "klantwijs/report.h"
#include "report/growth_sheets.h"
#include "report/messages.h"
#include "report/jw.h"

#define MSG(key, lang) kw_message(key, lang)

static void say(FILE *f, kw_lang lang, const char *cur, const char *key,
                const kw_marg *a, size_t n) {
  char buf[1024];
  const char *t = kw_message(key, lang);
  kw_msg_fill(buf, sizeof buf, t ? t : key, lang, cur, a, n);
  fputs(buf, f);
  fputc('\n', f);
}

static const char *const anomaly_en[] = {"", "high", "low"};
static const char *const anomaly_nl[] = {"", "hoog", "laag"};

static const char *slot_name(int slot, kw_period_unit u, kw_lang lang) {
  static const char *const months_en[] = {
      "", "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December"};
  static const char *const months_nl[] = {
      "", "januari", "februari", "maart", "april", "mei", "juni", "juli",
      "augustus", "september", "oktober", "november", "december"};
  static const char *const quarters[] = {"", "Q1", "Q2", "Q3", "Q4"};
  if (u == KW_PERIOD_QUARTER) return slot >= 1 && slot <= 4 ? quarters[slot] : "";
  if (slot < 1 || slot > 12) return "";
  return lang == KW_LANG_NL ? months_nl[slot] : months_en[slot];
}

static kw_status trends_out(kw_context *ctx, FILE *f, const kw_trends *t,
                           kw_format fmt, kw_lang lang, const char *cur,
                           size_t top, const kw_growth_sink *sk) {
  const kw_trends_data *v = kw_trends_view(t);
  if (!v) return kw_fail(ctx, KW_EARG, "no trends");
  size_t n = v->n;
  char (*lab)[16] = kw_calloc(ctx, n ? n : 1, sizeof *lab);
  const char **labp = kw_calloc(ctx, n ? n : 1, sizeof *labp);
  if (!lab || !labp) {
    kw_free(ctx, lab);
    kw_free(ctx, labp);
    return kw_fail_nomem(ctx);
  }
  for (size_t p = 0; p < n; p++) {
    kw_period_label(lab[p], v->index[p], v->period);
    labp[p] = lab[p];
  }
  const kw_rcol cols[] = {
      {"period", "period", "periode", KW_CELL_STR, 0, labp, NULL, NULL, NULL},
      {"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, v->revenue, NULL,
       NULL, NULL},
      {"orders", "orders", "orders", KW_CELL_U32, 0, NULL, NULL, NULL, NULL},
      {"active", "active", "actief", KW_CELL_U32, 0, NULL, NULL, NULL, NULL},
      {"new", "new", "nieuw", KW_CELL_U32, 0, NULL, NULL, NULL, NULL},
      {"returning", "returning", "terugkerend", KW_CELL_U32, 0, NULL, NULL,
       NULL, NULL},
      {"lapsed", "lapsed", "afgehaakt", KW_CELL_U32, 0, NULL, NULL, NULL,
       NULL},
      {"yoy_growth", "vs year before", "t.o.v. jaar ervoor", KW_CELL_PCT, 1,
       v->yoy_growth, NULL, NULL, NULL},
      {"bridge_new", "+ new", "+ nieuw", KW_CELL_MONEY, 0, v->bridge_new,
       NULL, NULL, NULL},
      {"bridge_reactivated", "+ back", "+ terug", KW_CELL_MONEY, 0,
       v->bridge_reactivated, NULL, NULL, NULL},
      {"bridge_expansion", "+ more", "+ meer", KW_CELL_MONEY, 0,
       v->bridge_expansion, NULL, NULL, NULL},
      {"bridge_contraction", "- less", "- minder", KW_CELL_MONEY, 0,
       v->bridge_contraction, NULL, NULL, NULL},
      {"bridge_churned", "- lost", "- verloren", KW_CELL_MONEY, 0,
       v->bridge_churned, NULL, NULL, NULL},
      {"anomaly", "anomaly", "afwijking", KW_CELL_CODE, 0, v->anomaly, NULL,
       anomaly_en, anomaly_nl},
  };
  /* the count columns are uint64: narrow copies for the U32 cells */
  uint32_t *cnt = kw_calloc(ctx, 5 * (n ? n : 1), sizeof *cnt);
  if (!cnt) {
    kw_free(ctx, lab);
    kw_free(ctx, labp);
    return kw_fail_nomem(ctx);
  }
  const uint64_t *src[5] = {v->orders, v->active, v->new_customers,
                            v->returning, v->lapsed};
  kw_rcol cc[sizeof cols / sizeof *cols];
  memcpy(cc, cols, sizeof cols);
  for (int j = 0; j < 5; j++) {
    for (size_t p = 0; p < n; p++)
      cnt[(size_t)j * n + p] =
          src[j][p] > UINT32_MAX ? UINT32_MAX : (uint32_t)src[j][p];
    cc[2 + j].data = cnt + (size_t)j * n;
  }
  kw_rtable tab = {NULL, n, NULL, sizeof cc / sizeof *cc, cc};
  kw_status st = KW_OK;
  const char *unit = kw_period_unit_name(v->period);
  if (sk) {
    st = sk->put(sk->user, MSG("growth.sheet.trends", lang), &tab);
  } else if (fmt == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &tab, KW_FORMAT_CSV, lang, 0);
  } else if (fmt == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_date(w, "as_of", v->as_of);
    kw_jw_str(w, "period", unit);
    kw_jw_bool(w, "last_period_partial", v->partial);
    kw_jw_int(w, "lines_used", (int64_t)v->lines_used);
    kw_jw_str(w, "bridge_rule",
              "new, else reactivated (prev <= 0 < cur), else churned "
              "(cur <= 0 < prev), else expansion (cur > prev), else "
              "contraction; the classes add up to the change of revenue");
    kw_jw_str(w, "anomaly_method",
              "Hampel filter on revenue (deseasonalised when seasonality is "
              "clear): robust z = (y - median) / (1.4826 MAD)");
    kw_jw_rtable(w, "periods", &tab);
    kw_jw_begin_object(w, "seasonality");
    kw_jw_bool(w, "tested", v->seasonality_tested);
    if (v->seasonality_tested)
      kw_jw_num(w, "strength", v->seasonal_strength);
    else
      kw_jw_null(w, "strength");
    kw_jw_bool(w, "clear", v->seasonality_clear);
    if (v->seasonality_clear) {
      kw_jw_int(w, "peak", v->peak_slot);
      kw_jw_int(w, "trough", v->trough_slot);
    }
    kw_jw_str(w, "method",
              "classical additive decomposition; F_S = max(0, 1 - Var(R) / "
              "Var(S + R)) (Wang, Smith & Hyndman 2006); clear when >= 0.5");
    kw_jw_end_object(w);
    kw_jw_begin_array(w, "rate_breaks");
    for (size_t i = 0; i < v->n_breaks && (!top || i < top); i++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "customer_id",
                kw_dict_str(v->customers, v->break_customer[i]));
      kw_jw_date(w, "last_purchase", v->break_last[i]);
      kw_jw_num(w, "days_between_purchases", v->break_rate_days[i]);
      kw_jw_num(w, "p_silence", v->break_p[i]);
      kw_jw_money(w, "yearly_revenue", v->break_yearly_revenue[i]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_int(w, "rate_breaks_total", (int64_t)v->n_breaks);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else {
    int64_t total = 0;
    size_t nan = 0;
    for (size_t p = 0; p < n; p++) {
      total += v->revenue[p];
      if (v->anomaly[p]) nan++;
    }
    kw_marg a[6] = {
        kw_ma_str("unit", MSG(v->period == KW_PERIOD_WEEK      ? "growth.weeks"
                              : v->period == KW_PERIOD_QUARTER ? "growth.quarters"
                                                               : "growth.months",
                              lang)),
        kw_ma_str("first", lab[0]), kw_ma_str("last", lab[n - 1]),
        kw_ma_money("revenue", total, 0),
        kw_ma_int("lines", (int64_t)v->lines_used)};
    say(f, lang, cur, "growth.trends.head", a, 5);
    if (v->partial) {
      kw_marg b[1] = {kw_ma_str("period", lab[n - 1])};
      say(f, lang, cur, "growth.trends.partial", b, 1);
    }
    fputc('\n', f);
    st = kw_write_rtable(ctx, f, &tab, KW_FORMAT_TABLE, lang, 0);
    fputc('\n', f);
    say(f, lang, cur, "growth.trends.bridge_rule", NULL, 0);
    if (v->seasonality_clear) {
      kw_marg b[3] = {
          kw_ma_str("peak", slot_name(v->peak_slot, v->period, lang)),
          kw_ma_str("trough", slot_name(v->trough_slot, v->period, lang)),
          kw_ma_num("strength", v->seasonal_strength, 2)};
      say(f, lang, cur, "growth.trends.season_clear", b, 3);
    } else if (v->seasonality_tested) {
      kw_marg b[1] = {kw_ma_num("strength", v->seasonal_strength, 2)};
      say(f, lang, cur, "growth.trends.season_none", b, 1);
    } else {
      say(f, lang, cur, "growth.trends.season_short", NULL, 0);
    }
    for (size_t p = 0; p < n; p++) {
      if (!v->anomaly[p]) continue;
      kw_marg b[3] = {kw_ma_str("period", lab[p]),
                      kw_ma_money("revenue", v->revenue[p], 0),
                      kw_ma_num("z", v->anomaly_z[p], 1)};
      say(f, lang, cur,
          v->anomaly[p] == 1 ? "growth.trends.anomaly_high"
                             : "growth.trends.anomaly_low",
          b, 3);
    }
    if (!nan) say(f, lang, cur, "growth.trends.no_anomaly", NULL, 0);
    if (v->n_breaks) {
      kw_marg b[1] = {kw_ma_int("n", (int64_t)v->n_breaks)};
      fputc('\n', f);
      say(f, lang, cur, "growth.trends.breaks", b, 1);
      size_t show = top && top < v->n_breaks ? top : v->n_breaks;
      for (size_t i = 0; i < show; i++) {
        char d[16];
        kw_marg c[4] = {
            kw_ma_str("customer", kw_dict_str(v->customers,
                                              v->break_customer[i])),
            kw_ma_str("last", kw_date_format(d, v->break_last[i],
                                             lang == KW_LANG_NL)),
            kw_ma_num("every", v->break_rate_days[i], 0),
            kw_ma_money("yearly", v->break_yearly_revenue[i], 0)};
        say(f, lang, cur, "growth.trends.break_row", c, 4);
      }
    }
  }
  kw_free(ctx, cnt);
  kw_free(ctx, lab);
  kw_free(ctx, labp);
  return st;
}

/* ---------------------------------------------------------- referrals */

static const char *basis_key(kw_value_basis b) {
  return b == KW_VALUE_CLV      ? "growth.basis.clv"
         : b == KW_VALUE_MARGIN ? "growth.basis.margin"
                                : "growth.basis.revenue";
}

static const char *const basis_names[] = {"clv", "margin", "revenue"};

static kw_status referrals_out(kw_context *ctx, FILE *f,
                               const kw_referrals *r, kw_format fmt,
                               kw_lang lang, const char *cur, size_t top,
                               const kw_growth_sink *sk) {
  const kw_referrals_data *v = kw_referrals_view(r);
  if (!v) return kw_fail(ctx, KW_EARG, "no referrals");
  static const char *const yes_no_en[] = {"no", "yes"};
  static const char *const yes_no_nl[] = {"nee", "ja"};
  const kw_rcol cols[] = {
      {"referrer", "referrer", "aanbrenger", KW_CELL_ID, 0, v->referrer,
       v->customers, NULL, NULL},
      {"is_customer", "customer", "klant", KW_CELL_CODE, 0, v->is_customer,
       NULL, yes_no_en, yes_no_nl},
      {"direct", "brought", "aangebracht", KW_CELL_U32, 0, v->direct, NULL,
       NULL, NULL},
      {"direct_bought", "bought", "kochten", KW_CELL_U32, 0,
       v->direct_bought, NULL, NULL, NULL},
      {"direct_revenue", "their revenue", "hun omzet", KW_CELL_MONEY, 0,
       v->direct_revenue, NULL, NULL, NULL},
      {"direct_value", "their value", "hun waarde", KW_CELL_F64, 2,
       v->direct_value, NULL, NULL, NULL},
      {"second_level", "2nd level", "2de niveau", KW_CELL_U32, 0, v->second,
       NULL, NULL, NULL},
      {"second_value", "2nd value", "waarde 2de niveau", KW_CELL_F64, 2,
       v->second_value, NULL, NULL, NULL},
      {"crv", "referral value", "aanbrengwaarde", KW_CELL_F64, 2, v->crv,
       NULL, NULL, NULL},
  };
  size_t rows = top && top < v->n ? top : v->n;
  kw_rtable tab = {NULL, fmt == KW_FORMAT_CSV || sk ? v->n : rows, NULL,
                   sizeof cols / sizeof *cols, cols};
  if (sk) return sk->put(sk->user, MSG("growth.sheet.referrals", lang), &tab);
  if (fmt == KW_FORMAT_CSV) return kw_write_rtable(ctx, f, &tab, fmt, lang, 0);
  if (fmt == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_int(w, "rows", (int64_t)v->rows);
    kw_jw_int(w, "edges", (int64_t)v->edges);
    kw_jw_int(w, "self_referrals", (int64_t)v->self_referrals);
    kw_jw_int(w, "duplicates", (int64_t)v->duplicates);
    kw_jw_int(w, "unknown_ids", (int64_t)v->unknown);
    kw_jw_int(w, "missing_ids", (int64_t)v->missing);
    kw_jw_int(w, "on_cycle", (int64_t)v->on_cycle);
    kw_jw_str(w, "value_basis", basis_names[v->basis]);
    if (isnan(v->cac_saved))
      kw_jw_null(w, "cac_saved");
    else
      kw_jw_num(w, "cac_saved", v->cac_saved);
    kw_jw_str(w, "crv_definition",
              "sum of the value of the direct referred customers that bought "
              "+ direct referred x mean acquisition cost of non-referred "
              "customers (after Kumar, Petersen & Leone 2007)");
    kw_jw_int(w, "referrers_total", (int64_t)v->n);
    kw_jw_rtable(w, "referrers", &tab);
    kw_jw_begin_array(w, "referred_vs_other");
    for (int g = 0; g < 2; g++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "group", g == 0 ? "referred" : "not_referred");
      kw_jw_int(w, "customers", (int64_t)v->group_n[g]);
      kw_jw_bool(w, "shown", v->group_shown[g]);
      if (v->group_shown[g]) {
        kw_jw_num(w, "repeat_rate", v->repeat_rate[g]);
        kw_jw_num(w, "repeat_rate_ci_low", v->repeat_lo[g]);
        kw_jw_num(w, "repeat_rate_ci_high", v->repeat_hi[g]);
        kw_jw_num(w, "mean_value", v->mean_value[g]);
        kw_jw_num(w, "mean_value_ci_low", v->value_lo[g]);
        kw_jw_num(w, "mean_value_ci_high", v->value_hi[g]);
      }
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_str(w, "note", "association, not cause");
    kw_jw_end_object(w);
    return kw_jw_finish(w);
  }
  kw_marg a[5] = {kw_ma_int("edges", (int64_t)v->edges),
                  kw_ma_int("referrers", (int64_t)v->n),
                  kw_ma_str("basis", MSG(basis_key(v->basis), lang))};
  say(f, lang, cur, "growth.ref.head", a, 3);
  if (v->self_referrals || v->duplicates || v->unknown || v->missing ||
      v->on_cycle) {
    kw_marg b[5] = {kw_ma_int("self", (int64_t)v->self_referrals),
                    kw_ma_int("dup", (int64_t)v->duplicates),
                    kw_ma_int("unknown", (int64_t)v->unknown + (int64_t)v->missing),
                    kw_ma_int("cycle", (int64_t)v->on_cycle)};
    say(f, lang, cur, "growth.ref.cleaned", b, 4);
  }
  say(f, lang, cur, isnan(v->cac_saved) ? "growth.ref.crv_rule_nocac"
                                   : "growth.ref.crv_rule",
      (kw_marg[]){kw_ma_money("cac", llround(v->cac_saved * 100), 0)}, 1);
  fputc('\n', f);
  kw_status st = kw_write_rtable(ctx, f, &tab, KW_FORMAT_TABLE, lang, 0);
  if (st) return st;
  fputc('\n', f);
  if (v->group_shown[0] && v->group_shown[1]) {
    kw_marg c[6] = {kw_ma_pct("rr", v->repeat_rate[0], 0),
                    kw_ma_pct("ro", v->repeat_rate[1], 0),
                    kw_ma_money("vr", llround(v->mean_value[0] * 100), 0),
                    kw_ma_money("vo", llround(v->mean_value[1] * 100), 0),
                    kw_ma_int("nr", (int64_t)v->group_n[0]),
                    kw_ma_int("no", (int64_t)v->group_n[1])};
    say(f, lang, cur, "growth.ref.compare", c, 6);
  } else {
    say(f, lang, cur, "growth.ref.compare_small", NULL, 0);
  }
  return KW_OK;
}

/* -------------------------------------------------------- acquisition */

static kw_status acquisition_out(kw_context *ctx, FILE *f,
                                 const kw_acquisition *acq, kw_format fmt,
                                 kw_lang lang, const char *cur, size_t top,
                                 const kw_growth_sink *sk) {
  const kw_acquisition_data *v = kw_acquisition_view(acq);
  if (!v) return kw_fail(ctx, KW_EARG, "no acquisition");
  size_t n = v->n;
  const char **lab = kw_calloc(ctx, n ? n : 1, sizeof *lab);
  if (!lab) return kw_fail_nomem(ctx);
  for (size_t g = 0; g < n; g++)
    lab[g] = v->kind[g] == 1   ? MSG("growth.unknown", lang)
             : v->kind[g] == 2 ? MSG("growth.other", lang)
                               : v->channel[g];
  /* payback as a number column: NaN when not reached */
  double *pb = kw_calloc(ctx, n ? n : 1, sizeof *pb);
  uint32_t *cu = kw_calloc(ctx, n ? n : 1, sizeof *cu);
  if (!pb || !cu) {
    kw_free(ctx, lab);
    kw_free(ctx, pb);
    kw_free(ctx, cu);
    return kw_fail_nomem(ctx);
  }
  double *spd = kw_calloc(ctx, 2 * (n ? n : 1), sizeof *spd);
  if (!spd) {
    kw_free(ctx, lab);
    kw_free(ctx, pb);
    kw_free(ctx, cu);
    return kw_fail_nomem(ctx);
  }
  double *spn = spd + (n ? n : 1);
  for (size_t g = 0; g < n; g++) {
    pb[g] = v->payback_month[g] < 0 ? NAN : (double)v->payback_month[g];
    cu[g] = v->customers[g] > UINT32_MAX ? UINT32_MAX
                                         : (uint32_t)v->customers[g];
    bool sp = v->has_spend && v->spend && v->cac_source[g] == 2;
    spd[g] = sp ? v->spend[g] : NAN;
    spn[g] = sp ? (double)v->spend_new[g] : NAN;
  }
  static const char *const src_en[] = {"", "customers", "spend"};
  static const char *const src_nl[] = {"", "klanten", "uitgaven"};
  const kw_rcol cols[] = {
      {"channel", "channel", "kanaal", KW_CELL_STR, 0, lab, NULL, NULL,
       NULL},
      {"customers", "customers", "klanten", KW_CELL_U32, 0, cu, NULL, NULL,
       NULL},
      {"cac", "CAC", "CAC", KW_CELL_F64, 2, v->cac, NULL, NULL, NULL},
      {"cac_source", "CAC from", "CAC uit", KW_CELL_CODE, 0, v->cac_source,
       NULL, src_en, src_nl},
      {"spend", "spend", "uitgaven", KW_CELL_F64, 2, spd, NULL, NULL, NULL},
      {"spend_new", "new in spend months", "nieuw in die maanden",
       KW_CELL_F64, 0, spn, NULL, NULL, NULL},
      {"value", "value per customer", "waarde per klant", KW_CELL_F64, 2,
       v->mean_value, NULL, NULL, NULL},
      {"clv_cac", "value/CAC", "waarde/CAC", KW_CELL_F64, 2, v->clv_cac,
       NULL, NULL, NULL},
      {"payback_months", "payback (months)", "terugverdiend (maanden)",
       KW_CELL_F64, 0, pb, NULL, NULL, NULL},
  };
  kw_rcol cc[sizeof cols / sizeof *cols];
  size_t ncol = 0;
  for (size_t j = 0; j < sizeof cols / sizeof *cols; j++) {
    if (!v->has_spend && (j == 4 || j == 5)) continue; /* spend, new */
    cc[ncol++] = cols[j];
  }
  kw_rtable tab = {NULL, n, NULL, ncol, cc};
  /* the marketing spend per channel and month */
  size_t ns = v->n_spend_months;
  char (*mlab)[16] = kw_calloc(ctx, ns ? ns : 1, sizeof *mlab);
  const char **mlp = kw_calloc(ctx, ns ? ns : 1, sizeof *mlp);
  const char **mch = kw_calloc(ctx, ns ? ns : 1, sizeof *mch);
  double *mnew = kw_calloc(ctx, ns ? ns : 1, sizeof *mnew);
  if (!mlab || !mlp || !mch || !mnew) {
    kw_free(ctx, mlab);
    kw_free(ctx, mlp);
    kw_free(ctx, mch);
    kw_free(ctx, mnew);
    kw_free(ctx, lab);
    kw_free(ctx, pb);
    kw_free(ctx, cu);
    kw_free(ctx, spd);
    return kw_fail_nomem(ctx);
  }
  for (size_t j = 0; j < ns; j++) {
    kw_period_label(mlab[j], v->sm_month[j], KW_PERIOD_MONTH);
    mlp[j] = mlab[j];
    mch[j] = lab[v->sm_channel[j]];
    mnew[j] = (double)v->sm_new[j];
  }
  const kw_rcol mcols[] = {
      {"channel", "channel", "kanaal", KW_CELL_STR, 0, mch, NULL, NULL,
       NULL},
      {"month", "month", "maand", KW_CELL_STR, 0, mlp, NULL, NULL, NULL},
      {"spend", "spend", "uitgaven", KW_CELL_F64, 2, v->sm_spend, NULL, NULL,
       NULL},
      {"new", "new customers", "nieuwe klanten", KW_CELL_F64, 0, mnew, NULL,
       NULL, NULL},
      {"cac", "CAC", "CAC", KW_CELL_F64, 2, v->sm_cac, NULL, NULL, NULL},
  };
  kw_rtable mtab = {NULL, ns, NULL, 5, mcols};
  /* discounts per segment */
  size_t nsg = v->n_seg;
  const char **sgl = kw_calloc(ctx, nsg ? nsg : 1, sizeof *sgl);
  double *sgr = kw_calloc(ctx, 5 * (nsg ? nsg : 1), sizeof *sgr);
  if (!sgl || !sgr) {
    kw_free(ctx, sgl);
    kw_free(ctx, sgr);
    kw_free(ctx, mlab);
    kw_free(ctx, mlp);
    kw_free(ctx, mch);
    kw_free(ctx, mnew);
    kw_free(ctx, lab);
    kw_free(ctx, pb);
    kw_free(ctx, cu);
    kw_free(ctx, spd);
    return kw_fail_nomem(ctx);
  }
  size_t S1 = nsg ? nsg : 1;
  double *sg_n = sgr, *sg_share = sgr + S1, *sg_per = sgr + 2 * S1,
         *sg_seek = sgr + 3 * S1, *sg_seekshare = sgr + 4 * S1;
  for (size_t g = 0; g < nsg; g++) {
    sgl[g] = v->seg_label[g] ? v->seg_label[g] : MSG("growth.other", lang);
    double nc = (double)v->seg_customers[g];
    sg_n[g] = nc;
    sg_share[g] = v->seg_revenue[g] > 0 ? (double)v->seg_discounted[g] /
                                              (double)v->seg_revenue[g]
                                        : NAN;
    sg_per[g] = nc > 0 ? (double)v->seg_discount[g] / 100.0 / nc : NAN;
    sg_seek[g] = (double)v->seg_seekers[g];
    sg_seekshare[g] = nc > 0 ? sg_seek[g] / nc : NAN;
  }
  const kw_rcol scols[] = {
      {"segment", "segment", "segment", KW_CELL_STR, 0, sgl, NULL, NULL,
       NULL},
      {"customers", "customers", "klanten", KW_CELL_F64, 0, sg_n, NULL, NULL,
       NULL},
      {"discounted_share", "sold on discount", "met korting verkocht",
       KW_CELL_PCT, 1, sg_share, NULL, NULL, NULL},
      {"discount_per_customer", "discount per customer",
       "korting per klant", KW_CELL_F64, 2, sg_per, NULL, NULL, NULL},
      {"deal_seekers", "almost only on discount", "bijna alleen met korting",
       KW_CELL_F64, 0, sg_seek, NULL, NULL, NULL},
      {"deal_seeker_share", "share of customers", "aandeel klanten",
       KW_CELL_PCT, 1, sg_seekshare, NULL, NULL, NULL},
  };
  kw_rtable stab = {NULL, nsg, NULL, 6, scols};
  kw_status st = KW_OK;
  if (sk) {
    st = sk->put(sk->user, MSG("growth.sheet.channels", lang), &tab);
    if (!st && ns)
      st = sk->put(sk->user, MSG("growth.sheet.spend", lang), &mtab);
    if (!st && nsg)
      st = sk->put(sk->user, MSG("growth.sheet.discounts", lang), &stab);
  } else if (fmt == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &tab, fmt, lang, 0);
  } else if (fmt == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_bool(w, "has_channel", v->has_channel);
    kw_jw_bool(w, "has_acquisition_cost", v->has_cost);
    kw_jw_str(w, "value_basis", basis_names[v->basis]);
    kw_jw_str(w, "cac_definition",
              v->has_spend
                  ? "spend of the channel in the months the spend table "
                    "covers / customers the channel acquired in those "
                    "months (cac_source spend); else the mean acquisition "
                    "cost of the channel's customers (cac_source customers)"
                  : "mean acquisition cost of the channel's customers");
    kw_jw_str(w, "payback_definition",
              "first month since acquisition where the mean cumulative "
              "value per customer (over customers observed that long) "
              "reaches the CAC; null when not reached");
    kw_jw_rtable(w, "channels", &tab);
    kw_jw_int(w, "left_out", (int64_t)v->left_out);
    if (v->has_spend) {
      char a[16], b[16];
      kw_jw_begin_object(w, "spend");
      kw_jw_int(w, "rows", (int64_t)v->spend_rows);
      kw_jw_int(w, "rows_skipped", (int64_t)v->spend_skipped);
      kw_jw_num(w, "total", v->spend_total);
      kw_jw_num(w, "unmatched", v->spend_unmatched);
      if (ns || v->spend_total != 0) {
        kw_period_label(a, v->spend_first, KW_PERIOD_MONTH);
        kw_period_label(b, v->spend_last, KW_PERIOD_MONTH);
        kw_jw_str(w, "first_month", a);
        kw_jw_str(w, "last_month", b);
      }
      kw_jw_rtable(w, "months", &mtab);
      kw_jw_end_object(w);
    }
    kw_jw_begin_object(w, "discounts");
    kw_jw_bool(w, "has_discount", v->has_discount);
    kw_jw_money(w, "revenue", v->revenue);
    kw_jw_money(w, "discounted_revenue", v->discounted_revenue);
    kw_jw_money(w, "discount_given", v->discount_total);
    kw_jw_num(w, "discounted_share",
              v->revenue > 0 ? (double)v->discounted_revenue /
                                   (double)v->revenue
                             : NAN);
    kw_jw_int(w, "deal_seekers", (int64_t)v->deal_seekers);
    static const char *const seg_src[] = {"none", "sector", "segment"};
    kw_jw_str(w, "segment_source", seg_src[v->segment_source]);
    kw_jw_rtable(w, "segments", &stab);
    kw_jw_end_object(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else {
    if (!v->has_channel) say(f, lang, cur, "growth.acq.no_channel", NULL, 0);
    if (!v->has_cost && !v->has_spend)
      say(f, lang, cur, "growth.acq.no_cost", NULL, 0);
    say(f, lang, cur, "growth.acq.head",
        (kw_marg[]){kw_ma_str("basis", MSG(basis_key(v->basis), lang))}, 1);
    fputc('\n', f);
    st = kw_write_rtable(ctx, f, &tab, KW_FORMAT_TABLE, lang, top);
    if (!st) {
      fputc('\n', f);
      say(f, lang, cur, "growth.acq.payback_rule", NULL, 0);
      if (v->has_spend) {
        char a[16] = "", b[16] = "";
        if (ns || v->spend_total != 0) {
          kw_period_label(a, v->spend_first, KW_PERIOD_MONTH);
          kw_period_label(b, v->spend_last, KW_PERIOD_MONTH);
        }
        kw_marg m[] = {kw_ma_str("from", a), kw_ma_str("to", b),
                       kw_ma_money("total", llround(v->spend_total * 100), 0),
                       kw_ma_money("unmatched",
                                   llround(v->spend_unmatched * 100), 0),
                       kw_ma_int("skipped", (int64_t)v->spend_skipped)};
        say(f, lang, cur, "growth.acq.spend", m, 5);
      }
      if (v->left_out)
        say(f, lang, cur, "growth.small_left_out",
            (kw_marg[]){kw_ma_int("n", (int64_t)v->left_out)}, 1);
      if (v->has_discount) {
        kw_marg d[4] = {
            kw_ma_pct("share", v->revenue > 0
                                   ? (double)v->discounted_revenue /
                                         (double)v->revenue
                                   : 0, 0),
            kw_ma_money("given", v->discount_total, 0),
            kw_ma_int("seekers", (int64_t)v->deal_seekers)};
        say(f, lang, cur, "growth.disc.summary", d, 3);
        if (nsg) {
          fputc('\n', f);
          say(f, lang, cur, "growth.disc.segments", NULL, 0);
          st = kw_write_rtable(ctx, f, &stab, KW_FORMAT_TABLE, lang, 0);
        }
      } else {
        say(f, lang, cur, "growth.disc.none", NULL, 0);
      }
    }
  }
  kw_free(ctx, sgl);
  kw_free(ctx, sgr);
  kw_free(ctx, mlab);
  kw_free(ctx, mlp);
  kw_free(ctx, mch);
  kw_free(ctx, mnew);
  kw_free(ctx, lab);
  kw_free(ctx, pb);
  kw_free(ctx, cu);
  kw_free(ctx, spd);
  return st;
}

/* ------------------------------------------------------------ journey */

static const char *stage_label(const char *s, kw_lang lang) {
  return strcmp(s, "purchase") == 0 ? MSG("growth.purchase", lang) : s;
}

static kw_status journey_out(kw_context *ctx, FILE *f, const kw_journey *jr,
                            kw_format fmt, kw_lang lang,
                            const kw_growth_sink *sk) {
  const kw_journey_data *v = kw_journey_view(jr);
  if (!v) return kw_fail(ctx, KW_EARG, "no journey");
  const char *cur = NULL; /* the journey states no amounts */
  size_t n = v->n_steps;
  const char **lab = kw_calloc(ctx, n ? n : 1, sizeof *lab);
  uint32_t *cnt = kw_calloc(ctx, 3 * (n ? n : 1), sizeof *cnt);
  double *rate = kw_calloc(ctx, n ? n : 1, sizeof *rate);
  if (!lab || !cnt || !rate) {
    kw_free(ctx, lab);
    kw_free(ctx, cnt);
    kw_free(ctx, rate);
    return kw_fail_nomem(ctx);
  }
  for (size_t k = 0; k < n; k++) {
    lab[k] = fmt == KW_FORMAT_TABLE ? stage_label(v->stage[k], lang)
                                    : v->stage[k];
    cnt[k] = (uint32_t)v->entered[k];
    cnt[n + k] = (uint32_t)(k + 1 < n ? v->converted[k] : 0);
    cnt[2 * n + k] = (uint32_t)v->touched[k];
    rate[k] = k + 1 < n && v->entered[k]
                  ? (double)v->converted[k] / (double)v->entered[k]
                  : NAN;
  }
  const kw_rcol cols[] = {
      {"stage", "step", "stap", KW_CELL_STR, 0, lab, NULL, NULL, NULL},
      {"entered", "entered", "bereikt", KW_CELL_U32, 0, cnt, NULL, NULL,
       NULL},
      {"converted", "to next", "naar volgende", KW_CELL_U32, 0, cnt + n,
       NULL, NULL, NULL},
      {"conversion", "conversion", "conversie", KW_CELL_PCT, 0, rate, NULL,
       NULL, NULL},
      {"touched", "touched", "aangeraakt", KW_CELL_U32, 0, cnt + 2 * n, NULL,
       NULL, NULL},
      {"days_median", "days (median)", "dagen (mediaan)", KW_CELL_F64, 0,
       v->days_median, NULL, NULL, NULL},
      {"days_p90", "days (90%)", "dagen (90%)", KW_CELL_F64, 0, v->days_p90,
       NULL, NULL, NULL},
      {"median_position", "position", "positie", KW_CELL_F64, 2,
       v->median_position, NULL, NULL, NULL},
  };
  size_t ncols = sizeof cols / sizeof *cols - (v->order_inferred ? 0 : 1);
  kw_rtable tab = {NULL, n, NULL, ncols, cols};
  const kw_rcol acols[] = {
      {"channel", "channel", "kanaal", KW_CELL_STR, 0, v->channel, NULL,
       NULL, NULL},
      {"first_touch", "first touch", "eerste contact", KW_CELL_F64, 1,
       v->first_touch, NULL, NULL, NULL},
      {"last_touch", "last touch", "laatste contact", KW_CELL_F64, 1,
       v->last_touch, NULL, NULL, NULL},
      {"linear", "linear", "lineair", KW_CELL_F64, 1, v->linear, NULL, NULL,
       NULL},
      {"markov", "Markov", "Markov", KW_CELL_F64, 1, v->markov, NULL, NULL,
       NULL},
  };
  kw_rtable atab = {NULL, v->n_channels, NULL, 5, acols};
  kw_status st = KW_OK;
  static const char *const by_key[] = {"channel", "sector", "cohort"};
  if (sk) {
    st = sk->put(sk->user, MSG("growth.sheet.journey", lang), &tab);
    if (!st && v->n_channels)
      st = sk->put(sk->user, MSG("growth.sheet.attribution", lang), &atab);
  } else if (fmt == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &tab, fmt, lang, 0);
  } else if (fmt == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_int(w, "touches", (int64_t)v->touches);
    kw_jw_int(w, "touches_skipped", (int64_t)v->skipped);
    kw_jw_int(w, "customers", (int64_t)v->customers);
    kw_jw_str(w, "stage_order", v->order_inferred ? "inferred" : "given");
    kw_jw_str(w, "funnel_rule",
              "entered = furthest stage reached is this one or later");
    kw_jw_rtable(w, "steps", &tab);
    if (v->worst_step != SIZE_MAX) {
      kw_jw_str(w, "most_lost_after", v->stage[v->worst_step]);
      if (v->worst_channel) {
        kw_jw_str(w, "most_lost_channel", v->worst_channel);
        kw_jw_num(w, "most_lost_channel_lift", v->worst_lift);
      }
    }
    kw_jw_num(w, "touches_before_purchase_mean",
              v->touches_before_purchase_mean);
    kw_jw_num(w, "touches_before_purchase_median",
              v->touches_before_purchase_median);
    kw_jw_begin_object(w, "conversion_by");
    for (int b = 0; b < KW_JOURNEY_BY__COUNT; b++) {
      kw_jw_begin_array(w, by_key[b]);
      for (size_t g = 0; g < v->by[b].n; g++) {
        kw_jw_begin_object(w, NULL);
        if (v->by[b].label[g])
          kw_jw_str(w, "group", v->by[b].label[g]);
        else
          kw_jw_str(w, "group", "other");
        kw_jw_int(w, "customers", (int64_t)v->by[b].customers[g]);
        kw_jw_num(w, "bought", v->by[b].bought[g]);
        kw_jw_end_object(w);
      }
      kw_jw_end_array(w);
    }
    kw_jw_end_object(w);
    kw_jw_begin_array(w, "paths");
    for (size_t i = 0; i < v->n_paths; i++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "path", v->path[i]);
      kw_jw_int(w, "customers", (int64_t)v->path_count[i]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_num(w, "purchases_attributed", v->purchases);
    kw_jw_str(w, "markov_method",
              "first-order chain over channels; removal effect = 1 - "
              "P(purchase without the channel) / P(purchase)");
    kw_jw_rtable(w, "attribution", &atab);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else {
    say(f, lang, cur, "growth.journey.head",
        (kw_marg[]){kw_ma_int("customers", (int64_t)v->customers),
                    kw_ma_int("touches", (int64_t)v->touches)},
        2);
    say(f, lang, cur, v->order_inferred ? "growth.journey.inferred"
                                   : "growth.journey.given",
        NULL, 0);
    fputc('\n', f);
    st = kw_write_rtable(ctx, f, &tab, KW_FORMAT_TABLE, lang, 0);
    if (!st) {
      fputc('\n', f);
      if (v->worst_step != SIZE_MAX) {
        size_t k = v->worst_step;
        say(f, lang, cur, "growth.journey.worst",
            (kw_marg[]){
                kw_ma_str("step", stage_label(v->stage[k], lang)),
                kw_ma_int("lost", (int64_t)(v->entered[k] - v->converted[k])),
                kw_ma_int("entered", (int64_t)v->entered[k])},
            3);
        if (v->worst_channel)
          say(f, lang, cur, "growth.journey.worst_channel",
              (kw_marg[]){kw_ma_str("channel", v->worst_channel),
                          kw_ma_num("lift", v->worst_lift, 1),
                          kw_ma_int("n", (int64_t)v->worst_lost_with_channel)},
              3);
      }
      if (!isnan(v->touches_before_purchase_mean))
        say(f, lang, cur, "growth.journey.before",
            (kw_marg[]){kw_ma_num("mean", v->touches_before_purchase_mean, 1),
                        kw_ma_num("median",
                                  v->touches_before_purchase_median, 0)},
            2);
      if (v->n_paths) {
        fputc('\n', f);
        say(f, lang, cur, "growth.journey.paths", NULL, 0);
        for (size_t i = 0; i < v->n_paths; i++)
          fprintf(f, "  %6llu  %s\n", (unsigned long long)v->path_count[i],
                  v->path[i]);
      }
      if (v->n_channels) {
        fputc('\n', f);
        say(f, lang, cur, "growth.journey.attr",
            (kw_marg[]){kw_ma_num("n", v->purchases, 0)}, 1);
        st = kw_write_rtable(ctx, f, &atab, KW_FORMAT_TABLE, lang, 0);
      }
    }
  }
  kw_free(ctx, lab);
  kw_free(ctx, cnt);
  kw_free(ctx, rate);
  return st;
}

/* ------------------------------------------------------ public writers */

kw_status kw_report_trends(kw_context *ctx, FILE *f, const kw_trends *t,
                           kw_format fmt, kw_lang lang, const char *cur,
                           size_t top) {
  return trends_out(ctx, f, t, fmt, lang, cur, top, NULL);
}

kw_status kw_report_referrals(kw_context *ctx, FILE *f,
                              const kw_referrals *r, kw_format fmt,
                              kw_lang lang, const char *cur, size_t top) {
  return referrals_out(ctx, f, r, fmt, lang, cur, top, NULL);
}

kw_status kw_report_acquisition(kw_context *ctx, FILE *f,
                                const kw_acquisition *a, kw_format fmt,
                                kw_lang lang, const char *cur, size_t top) {
  return acquisition_out(ctx, f, a, fmt, lang, cur, top, NULL);
}

kw_status kw_report_journey(kw_context *ctx, FILE *f, const kw_journey *j,
                            kw_format fmt, kw_lang lang) {
  return journey_out(ctx, f, j, fmt, lang, NULL);
}

kw_status kw_growth_sheets(kw_context *ctx, const kw_trends *t,
                           const kw_journey *j, const kw_referrals *r,
                           const kw_acquisition *a, kw_lang lang,
                           const kw_growth_sink *sk) {
  kw_status st = KW_OK;
  if (t) st = trends_out(ctx, NULL, t, KW_FORMAT_TABLE, lang, NULL, 0, sk);
  if (!st && j) st = journey_out(ctx, NULL, j, KW_FORMAT_TABLE, lang, sk);
  if (!st && r)
    st = referrals_out(ctx, NULL, r, KW_FORMAT_TABLE, lang, NULL, 0, sk);
  if (!st && a)
    st = acquisition_out(ctx, NULL, a, KW_FORMAT_TABLE, lang, NULL, 0, sk);
  return st;
}
