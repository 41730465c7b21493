/*
 * clv_report.c — the writers of a predictive customer-value result
 * (kw_report_clv in klantwijs/writers.h): the parameters with standard
 * errors, the fit, the model comparison and the holdout evaluation when
 * there is one, then the most valuable customers on a terminal; the
 * per-customer table in CSV; everything in JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"
#include "report/write_util.h"

void kw_clv_report_init(kw_clv_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->top = 20;
  r->margin = NAN;
  r->pattern_unit = -1;
}

typedef struct run {
  kw_context *ctx;
  kw_lang lang;
  size_t top;
  double margin, discount;
  unsigned count;
  const kw_clv_input *d;
  const kw_clv_result *fit;
  const kw_clv_result *gg; /* NULL without spend */
  const kw_clv_predictions *p;
  bool auto_model;
  kw_clv_comparison cmp;
  bool has_eval;
  kw_clv_evaluation ev;
  double *hold_pred;   /* per row E[Y(holdout_len)] */
  double *track_exp;   /* per period */
  double *pattern_no;  /* 1-based row numbers for pattern files */
  size_t horizon;
  int pattern_unit; /* -1: plain periods */
  char pk_key[24], pk_label[32], pk_label_nl[32];
} run;

static const char *model_title(kw_clv_model m) {
  switch (m) {
    case KW_CLV_BGNBD: return "BG/NBD (Fader, Hardie & Lee 2005)";
    case KW_CLV_MBGNBD: return "MBG/NBD (Batislam, Denizel & Filiztekin 2007)";
    case KW_CLV_PNBD: return "Pareto/NBD (Schmittlein, Morrison & Colombo 1987)";
    case KW_CLV_BGBB: return "BG/BB (Fader, Hardie & Shang 2010)";
    default: return "Gamma-Gamma (Fader, Hardie & Lee 2005)";
  }
}

static const char *unit_plural(kw_unit u, bool nl) {
  switch (u) {
    case KW_UNIT_WEEK: return nl ? "weken" : "weeks";
    case KW_UNIT_MONTH: return nl ? "maanden" : "months";
    case KW_UNIT_YEAR: return nl ? "jaren" : "years";
    default: return nl ? "dagen" : "days";
  }
}

static const char *unit_single(const kw_clv_input *d, bool nl) {
  if (!d->ids) return nl ? "periode" : "period";
  switch (d->unit) {
    case KW_UNIT_WEEK: return "week";
    case KW_UNIT_MONTH: return nl ? "maand" : "month";
    case KW_UNIT_YEAR: return nl ? "jaar" : "year";
    default: return nl ? "dag" : "day";
  }
}

static void jw_params(kw_jw *w, const char *key, const kw_clv_result *r,
                      const double *v) {
  kw_jw_begin_object(w, key);
  for (size_t k = 0; k < r->n_params; k++) kw_jw_num(w, r->names[k], v[k]);
  kw_jw_end_object(w);
}

/* Parameter table: name, estimate, standard error. */
static kw_status write_params(run *R, FILE *f, const kw_clv_result *r) {
  kw_context *ctx = R->ctx;
  const char *nm[KW_CLV_MAX_PARAMS];
  double est[KW_CLV_MAX_PARAMS], se[KW_CLV_MAX_PARAMS];
  for (size_t k = 0; k < r->n_params; k++) {
    nm[k] = r->names[k];
    est[k] = r->params[k];
    se[k] = r->se_ok ? r->se[k] : NAN;
  }
  const kw_rcol cols[] = {
      {"parameter", "parameter", "parameter", KW_CELL_STR, 0, nm, NULL, NULL, NULL},
      {"estimate", "estimate", "schatting", KW_CELL_F64, 4, est, NULL, NULL, NULL},
      {"std_error", "std. error", "std.fout", KW_CELL_F64, 4, se, NULL, NULL, NULL},
  };
  kw_rtable t = {NULL, r->n_params, NULL, 3, cols};
  return kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, R->lang, 0);
}

static kw_status write_fit_figures(run *R, FILE *f, const kw_clv_result *r) {
  bool nl = R->lang == KW_LANG_NL;
  char conv[128], gn[32];
  snprintf(gn, sizeof gn, "%.1e", r->grad_norm);
  for (char *q = gn; *q; q++)
    if (*q == ',') *q = '.';
  snprintf(conv, sizeof conv,
           nl ? "%s (%zu iteraties, gradiëntnorm %s)"
              : "%s (%zu iterations, gradient norm %s)",
           r->converged ? (nl ? "ja" : "yes") : (nl ? "NEE" : "NO"),
           r->iterations, gn);
  kw_kv kv[6];
  size_t n = 0;
  kv[n++] = (kw_kv){"log_likelihood", "log-likelihood", "log-likelihood",
                    KW_CELL_F64, 2, {.d = r->loglik}};
  kv[n++] = (kw_kv){"aic", "AIC", "AIC", KW_CELL_F64, 2, {.d = r->aic}};
  kv[n++] = (kw_kv){"bic", "BIC", "BIC", KW_CELL_F64, 2, {.d = r->bic}};
  kv[n++] = (kw_kv){"converged", "converged", "geconvergeerd", KW_CELL_STR, 0,
                    {.s = conv}};
  if (!r->se_ok && r->se_note)
    kv[n++] = (kw_kv){"se_note", "std. errors", "std.fouten", KW_CELL_STR, 0,
                      {.s = r->se_note}};
  if (r->model == KW_CLV_GG)
    kv[n++] = (kw_kv){"spend_corr", "corr(x, spend)", "corr(x, besteding)",
                      KW_CELL_F64, 3, {.d = r->spend_corr}};
  return kw_write_kv(R->ctx, f, NULL, kv, n, KW_FORMAT_TABLE, R->lang);
}

static kw_status write_comparison(run *R, FILE *f) {
  bool nl = R->lang == KW_LANG_NL;
  const kw_clv_comparison *m = &R->cmp;
  const char *conv[3];
  char name[3][24];
  const char *names[3];
  double ll[3], aic[3], bic[3];
  for (size_t k = 0; k < m->n_models && k < 3; k++) {
    snprintf(name[k], sizeof name[k], "%s%s", kw_clv_model_name(m->model[k]),
             m->model[k] == m->best ? " *" : "");
    names[k] = name[k];
    bool ok = m->status[k] == KW_OK;
    ll[k] = ok ? m->loglik[k] : NAN;
    aic[k] = ok ? m->aic[k] : NAN;
    bic[k] = ok ? m->bic[k] : NAN;
    conv[k] = !ok ? (nl ? "mislukt" : "failed")
              : m->converged[k] ? (nl ? "ja" : "yes")
                                : (nl ? "nee" : "no");
  }
  const kw_rcol cols[] = {
      {"model", "model", "model", KW_CELL_STR, 0, names, NULL, NULL, NULL},
      {"log_likelihood", "log-likelihood", "log-likelihood", KW_CELL_F64, 2, ll, NULL, NULL, NULL},
      {"aic", "AIC", "AIC", KW_CELL_F64, 2, aic, NULL, NULL, NULL},
      {"bic", "BIC", "BIC", KW_CELL_F64, 2, bic, NULL, NULL, NULL},
      {"converged", "converged", "geconvergeerd", KW_CELL_STR, 0, conv, NULL, NULL, NULL},
  };
  kw_rtable t = {nl ? "Modelvergelijking (* gekozen: laagste BIC)"
                    : "Model comparison (* chosen: lowest BIC)",
                 m->n_models, NULL, 5, cols};
  return kw_write_rtable(R->ctx, f, &t, KW_FORMAT_TABLE, R->lang, 0);
}

static const char *const class_label[KW_CLV_FREQ_CLASSES] = {
    "0", "1", "2", "3", "4", "5", "6", "7+"};

/* Period k's last day (the data's, else as_of + floor((k - K) u)). */
static int32_t period_end(const kw_clv_input *d, size_t k) {
  if (d->period_end) return d->period_end[k - 1];
  double off = ((double)k - (double)d->n_cal_periods) * kw_unit_days(d->unit);
  return d->as_of + (int32_t)floor(off + 1e-9);
}

static kw_status write_evaluation(run *R, FILE *f) {
  kw_context *ctx = R->ctx;
  kw_lang lang = R->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_clv_input *d = R->d;
  const kw_clv_evaluation *ev = &R->ev;
  char d1[11], d2[11], t[160], nb[32];
  kw_fmt_number(nb, d->holdout_len, 2, lang);
  snprintf(t, sizeof t,
           nl ? "Holdout %s .. %s (%s %s): voorspelde tegenover werkelijke "
                "herhaalaankopen"
              : "Holdout %s .. %s (%s %s): predicted vs actual repeat "
                "purchases",
           kw_date_format(d1, d->as_of + 1, nl), kw_date_format(d2, d->holdout_end, nl),
           nb, unit_plural(d->unit, nl));
  kw_kv kv[] = {
      {"n", "customers", "klanten", KW_CELL_F64, 0, {.d = (double)ev->n}},
      {"sum_actual", "actual", "werkelijk", KW_CELL_F64, 0, {.d = ev->sum_actual}},
      {"sum_predicted", "predicted", "voorspeld", KW_CELL_F64, 1, {.d = ev->sum_predicted}},
      {"mae", "MAE per customer", "MAE per klant", KW_CELL_F64, 4, {.d = ev->mae}},
      {"rmse", "RMSE per customer", "RMSE per klant", KW_CELL_F64, 4, {.d = ev->rmse}},
      {"corr", "correlation", "correlatie", KW_CELL_F64, 4, {.d = ev->corr}},
  };
  kw_status st = kw_write_kv(ctx, f, t, kv, sizeof kv / sizeof *kv,
                             KW_FORMAT_TABLE, lang);
  if (st) return st;
  fputc('\n', f);
  const char *lab[KW_CLV_FREQ_CLASSES];
  double cn[KW_CLV_FREQ_CLASSES], ca[KW_CLV_FREQ_CLASSES],
      cp[KW_CLV_FREQ_CLASSES];
  size_t nr = 0;
  for (int k = 0; k < KW_CLV_FREQ_CLASSES; k++) {
    if (!(ev->class_n[k] > 0)) continue;
    lab[nr] = class_label[k];
    cn[nr] = ev->class_n[k];
    ca[nr] = ev->class_actual[k];
    cp[nr] = ev->class_predicted[k];
    nr++;
  }
  const kw_rcol cols[] = {
      {"x", "x (calibration)", "x (kalibratie)", KW_CELL_STR, 0, lab, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_F64, 0, cn, NULL, NULL, NULL},
      {"actual", "actual", "werkelijk", KW_CELL_F64, 3, ca, NULL, NULL, NULL},
      {"predicted", "predicted", "voorspeld", KW_CELL_F64, 3, cp, NULL, NULL, NULL},
  };
  kw_rtable tb = {nl ? "Kalibratie tegenover holdout: gemiddelde "
                       "herhaalaankopen per klant in de holdout"
                     : "Calibration vs holdout: mean repeat purchases per "
                       "customer in the holdout",
                  nr, NULL, 4, cols};
  st = kw_write_rtable(ctx, f, &tb, KW_FORMAT_TABLE, lang, 0);
  if (st || !R->track_exp) return st;
  fputc('\n', f);
  /* tracking: at most about 30 rows, always the calibration end and the
   * last period */
  size_t np = d->n_periods, K = d->n_cal_periods;
  size_t stride = (np + 29) / 30;
  if (stride < 1) stride = 1;
  uint32_t *rows = malloc(np * sizeof *rows);
  double *per = malloc(np * sizeof *per);
  int32_t *ends = malloc(np * sizeof *ends);
  if (!rows || !per || !ends) {
    free(rows);
    free(per);
    free(ends);
    return KW_ENOMEM;
  }
  size_t nrows = 0;
  for (size_t k = 1; k <= np; k++) {
    per[k - 1] = (double)k;
    ends[k - 1] = period_end(d, k);
    size_t dist = k > K ? k - K : K - k;
    if (dist % stride == 0 || k == np) rows[nrows++] = (uint32_t)(k - 1);
  }
  const kw_rcol tc[] = {
      {"period", "period", "periode", KW_CELL_F64, 0, per, NULL, NULL, NULL},
      {"end", "up to", "tot", KW_CELL_DATE, 0, ends, NULL, NULL, NULL},
      {"actual", "actual", "werkelijk", KW_CELL_F64, 0, d->track_actual, NULL, NULL, NULL},
      {"expected", "expected", "verwacht", KW_CELL_F64, 1, R->track_exp, NULL, NULL, NULL},
  };
  char tt[200];
  if (d->discrete)
    snprintf(tt, sizeof tt,
             nl ? "Cumulatieve herhaalaankopen (periode %zu is de laatste "
                  "volledige op de as-of-datum)"
                : "Cumulative repeat purchases (period %zu is the last one "
                  "complete on the as-of date)",
             K);
  else
    snprintf(tt, sizeof tt,
             nl ? "Cumulatieve herhaalaankopen (periode %zu eindigt op de "
                  "as-of-datum)"
                : "Cumulative repeat purchases (period %zu ends on the as-of "
                  "date)",
             K);
  kw_rtable tr = {tt, nrows, rows, 4, tc};
  st = kw_write_rtable(ctx, f, &tr, KW_FORMAT_TABLE, lang, 0);
  free(rows);
  free(per);
  free(ends);
  return st;
}

static const double *sort_key;
static int by_key_desc(const void *a, const void *b) {
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  double x = sort_key[i], y = sort_key[j];
  if (x != y) return x < y ? 1 : -1;
  return (i > j) - (i < j);
}

/* The per-customer columns (human: fewer). Returns the column count. */
static size_t customer_cols(run *R, kw_rcol *cols, bool human) {
  const kw_clv_input *d = R->d;
  const kw_clv_predictions *p = R->p;
  size_t k = 0;
  if (d->ids)
    cols[k++] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_ID, 0,
                          d->customer, d->ids, NULL, NULL};
  else
    cols[k++] = (kw_rcol){"pattern", "pattern", "patroon", KW_CELL_F64, 0,
                          R->pattern_no, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"x", "x", "x", KW_CELL_F64, 0, d->x, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"t_x", "t_x", "t_x", KW_CELL_F64, 2, d->t_x, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"T", "T", "T", KW_CELL_F64, 2, d->T, NULL, NULL, NULL};
  if (d->weight)
    cols[k++] = (kw_rcol){"weight", "customers", "klanten", KW_CELL_F64, 0,
                          d->weight, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"p_alive", "P(alive)", "P(actief)", KW_CELL_F64, 3,
                        p->p_alive, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"expected_purchases", "E[purchases]",
                        "E[aankopen]", KW_CELL_F64, 3, p->expected, NULL,
                        NULL, NULL};
  if (p->p_count)
    cols[k++] = (kw_rcol){R->pk_key, R->pk_label, R->pk_label_nl, KW_CELL_F64,
                          3, p->p_count, NULL, NULL, NULL};
  if (p->spend) {
    cols[k++] = (kw_rcol){"expected_spend", "spend/purchase",
                          "besteding/aankoop", KW_CELL_F64, 2, p->spend,
                          NULL, NULL, NULL};
    if (!human || p->margin_source == KW_CLV_MARGIN_REAL)
      cols[k++] = (kw_rcol){"margin", "margin", "marge", KW_CELL_PCT, 1,
                            p->margin, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"value", "value", "waarde", KW_CELL_F64, 2,
                          p->value, NULL, NULL, NULL};
    if (p->value_cac) {
      if (!human)
        cols[k++] = (kw_rcol){"acquisition_cost", "acq. cost", "acq.kost",
                              KW_CELL_F64, 2, d->acq_cost, NULL, NULL, NULL};
      cols[k++] = (kw_rcol){"value_cac", "value/CAC", "waarde/CAC",
                            KW_CELL_F64, 2, p->value_cac, NULL, NULL, NULL};
    }
  }
  if (d->holdout) {
    cols[k++] = (kw_rcol){"holdout_actual", "holdout", "holdout", KW_CELL_F64,
                          0, d->holdout, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"holdout_predicted", "predicted", "voorspeld",
                          KW_CELL_F64, 3, R->hold_pred, NULL, NULL, NULL};
  }
  return k;
}

static kw_status write_json(run *R, FILE *f, const kw_rtable *customers) {
  const kw_clv_input *d = R->d;
  const kw_clv_result *r = R->fit, *g = R->gg;
  const kw_clv_predictions *p = R->p;
  kw_jw *w = kw_jw_new(R->ctx, f);
  if (!w) return KW_ENOMEM;
  kw_jw_begin_object(w, NULL);
  kw_jw_str(w, "model", kw_clv_model_name(r->model));
  /* a pattern file: the unit given with --unit, else plain periods */
  kw_jw_str(w, "unit", d->ids                ? kw_unit_name(d->unit)
                       : R->pattern_unit >= 0 ? kw_unit_name(
                                                    (kw_unit)R->pattern_unit)
                                              : "period");
  if (d->as_of != KW_NA_DATE) kw_jw_date(w, "as_of", d->as_of);
  if (d->holdout) kw_jw_date(w, "holdout_end", d->holdout_end);
  kw_jw_num(w, "n_customers", r->n_obs);
  kw_jw_int(w, "n_repeat_buyers", (int64_t)d->n_repeat);
  if (d->ids) kw_jw_int(w, "n_first_after_as_of", (int64_t)d->n_later);
  jw_params(w, "params", r, r->params);
  if (r->se_ok)
    jw_params(w, "standard_errors", r, r->se);
  else
    kw_jw_null(w, "standard_errors");
  kw_jw_num(w, "log_likelihood", r->loglik);
  kw_jw_num(w, "aic", r->aic);
  kw_jw_num(w, "bic", r->bic);
  kw_jw_bool(w, "converged", r->converged);
  kw_jw_int(w, "iterations", (int64_t)r->iterations);
  kw_jw_num(w, "gradient_norm", r->grad_norm);
  kw_jw_int(w, "n_patterns", (int64_t)r->n_patterns);
  kw_jw_num(w, "penalty", r->penalty);
  if (g) {
    kw_jw_str(w, "spend_model", "gg");
    jw_params(w, "spend_params", g, g->params);
    if (g->se_ok)
      jw_params(w, "spend_standard_errors", g, g->se);
    else
      kw_jw_null(w, "spend_standard_errors");
    kw_jw_num(w, "spend_log_likelihood", g->loglik);
    kw_jw_bool(w, "spend_converged", g->converged);
    kw_jw_num(w, "spend_n_customers", g->n_obs);
    kw_jw_num(w, "spend_corr", g->spend_corr);
  } else {
    kw_jw_null(w, "spend_model");
    kw_jw_null(w, "spend_params");
    kw_jw_null(w, "spend_log_likelihood");
  }
  if (R->auto_model) {
    kw_jw_begin_array(w, "comparison");
    for (size_t k = 0; k < R->cmp.n_models; k++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "model", kw_clv_model_name(R->cmp.model[k]));
      bool ok = R->cmp.status[k] == KW_OK;
      kw_jw_bool(w, "fitted", ok);
      kw_jw_num(w, "log_likelihood", ok ? R->cmp.loglik[k] : NAN);
      kw_jw_num(w, "aic", ok ? R->cmp.aic[k] : NAN);
      kw_jw_num(w, "bic", ok ? R->cmp.bic[k] : NAN);
      kw_jw_bool(w, "converged", R->cmp.converged[k]);
      kw_jw_bool(w, "chosen", R->cmp.model[k] == R->cmp.best);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
  }
  kw_jw_int(w, "horizon", (int64_t)R->horizon);
  kw_jw_num(w, "discount", R->discount);
  kw_jw_int(w, "count", (int64_t)R->count);
  if (g) {
    static const char *const src[] = {"given", "real", "none"};
    kw_jw_str(w, "margin_source", src[p->margin_source]);
    if (p->margin_source == KW_CLV_MARGIN_GIVEN)
      kw_jw_num(w, "margin", R->margin);
    else if (p->margin_source == KW_CLV_MARGIN_REAL)
      kw_jw_num(w, "pooled_margin", d->pooled_margin);
  }
  kw_jw_num(w, "population_expected", p->population);
  kw_jw_num(w, "total_expected", p->total_expected);
  if (g) kw_jw_num(w, "total_value", p->total_value);
  if (R->has_eval) {
    const kw_clv_evaluation *ev = &R->ev;
    kw_jw_begin_object(w, "evaluation");
    kw_jw_num(w, "holdout_length", d->holdout_len);
    kw_jw_int(w, "n", (int64_t)ev->n);
    kw_jw_num(w, "mae", ev->mae);
    kw_jw_num(w, "rmse", ev->rmse);
    kw_jw_num(w, "corr", ev->corr);
    kw_jw_num(w, "sum_actual", ev->sum_actual);
    kw_jw_num(w, "sum_predicted", ev->sum_predicted);
    kw_jw_begin_array(w, "by_frequency");
    for (int k = 0; k < KW_CLV_FREQ_CLASSES; k++) {
      if (!(ev->class_n[k] > 0)) continue;
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "x", class_label[k]);
      kw_jw_num(w, "customers", ev->class_n[k]);
      kw_jw_num(w, "actual", ev->class_actual[k]);
      kw_jw_num(w, "predicted", ev->class_predicted[k]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    if (R->track_exp) {
      kw_jw_int(w, "calibration_periods", (int64_t)d->n_cal_periods);
      kw_jw_begin_array(w, "tracking");
      for (size_t k = 1; k <= d->n_periods; k++) {
        kw_jw_begin_object(w, NULL);
        kw_jw_int(w, "period", (int64_t)k);
        kw_jw_date(w, "end", period_end(d, k));
        kw_jw_num(w, "actual", d->track_actual[k - 1]);
        kw_jw_num(w, "expected", R->track_exp[k - 1]);
        kw_jw_end_object(w);
      }
      kw_jw_end_array(w);
    }
    kw_jw_end_object(w);
  }
  kw_jw_rtable(w, "customers", customers);
  kw_jw_end_object(w);
  return kw_jw_finish(w);
}

static kw_status write_table(run *R, FILE *f, kw_rtable *customers) {
  kw_context *ctx = R->ctx;
  kw_lang lang = R->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_clv_input *d = R->d;
  const kw_clv_result *r = R->fit;
  const kw_clv_predictions *p = R->p;
  char n1[32], n2[32], n3[32], d1[11];
  const char *unit = d->ids                ? unit_plural(d->unit, nl)
                     : R->pattern_unit >= 0 ? unit_plural(
                                                  (kw_unit)R->pattern_unit, nl)
                                            : (nl ? "perioden" : "periods");
  kw_fmt_number(n1, r->n_obs, 0, lang);
  if (d->ids)
    fprintf(f, nl ? "Klantwaarde voor %s klanten, kalibratie tot en met %s, "
                    "in %s\n"
                  : "Customer value for %s customers, calibration up to %s, "
                    "in %s\n",
            n1, kw_date_format(d1, d->as_of, nl), unit);
  else
    fprintf(f, nl ? "Klantwaarde voor %s klanten in %zu patronen, in %s\n"
                  : "Customer value for %s customers in %zu patterns, in "
                    "%s\n",
            n1, d->n, unit);
  kw_fmt_number(n2, (double)d->n_repeat, 0, lang);
  kw_fmt_number(n3, r->n_obs - (double)d->n_repeat, 0, lang);
  fprintf(f, nl ? "  %s herhaalkopers, %s met alleen een eerste aankoop (x = 0)"
                : "  %s repeat buyers, %s with only a first purchase (x = 0)",
          n2, n3);
  if (d->ids) {
    kw_fmt_number(n1, (double)d->n_later, 0, lang);
    fprintf(f, nl ? "; %s klanten kochten pas na de as-of-datum voor het eerst "
                    "(niet in de kalibratie)"
                  : "; %s customers first bought after the as-of date (not "
                    "in the calibration)",
            n1);
  }
  fputs("\n\n", f);
  fprintf(f, nl ? "Aankoopmodel %s\n" : "Purchase model %s\n",
          model_title(r->model));
  kw_status st = write_params(R, f, r);
  if (!st) st = write_fit_figures(R, f, r);
  if (st) return st;
  if (R->gg) {
    kw_fmt_number(n1, R->gg->n_obs, 0, lang);
    fprintf(f, nl ? "\nBestedingsmodel %s, %s herhaalkopers\n"
                  : "\nSpend model %s, %s repeat buyers\n",
            model_title(KW_CLV_GG), n1);
    st = write_params(R, f, R->gg);
    if (!st) st = write_fit_figures(R, f, R->gg);
    if (st) return st;
  }
  if (R->auto_model) {
    fputc('\n', f);
    if ((st = write_comparison(R, f))) return st;
  }
  if (R->has_eval) {
    fputc('\n', f);
    if ((st = write_evaluation(R, f))) return st;
  }
  fputc('\n', f);
  kw_fmt_number(n1, p->population, 3, lang);
  if (nl)
    fprintf(f, "Een nieuwe klant doet in %zu %s naar verwachting %s "
               "herhaalaankopen.\n",
            R->horizon, unit, n1);
  else
    fprintf(f, "A new customer is expected to make %s repeat purchases in "
               "%zu %s.\n",
            n1, R->horizon, unit);
  kw_fmt_number(n1, p->total_expected, 1, lang);
  if (nl)
    fprintf(f, "Samen doen deze klanten in die %zu %s naar verwachting %s "
               "herhaalaankopen.\n",
            R->horizon, unit, n1);
  else
    fprintf(f, "Together these customers are expected to make %s repeat "
               "purchases in those %zu %s.\n",
            n1, R->horizon, unit);
  fputc('\n', f);
  char title[300], disc[32];
  kw_fmt_number(disc, R->discount * 100.0, 2, lang);
  if (p->value) {
    char mg[120];
    switch (p->margin_source) {
      case KW_CLV_MARGIN_GIVEN:
        kw_fmt_number(n2, R->margin * 100.0, 1, lang);
        snprintf(mg, sizeof mg, nl ? "marge %s%%" : "margin %s%%", n2);
        break;
      case KW_CLV_MARGIN_REAL:
        kw_fmt_number(n2, d->pooled_margin * 100.0, 1, lang);
        snprintf(mg, sizeof mg,
                 nl ? "eigen marge per klant (gemiddeld %s%%)"
                    : "each customer's own margin (pooled %s%%)",
                 n2);
        break;
      default:
        snprintf(mg, sizeof mg,
                 nl ? "geen kosten bekend: waarde is omzet"
                    : "no cost known: value is revenue");
    }
    kw_fmt_number(n1, p->total_value, 2, lang);
    snprintf(title, sizeof title,
             nl ? "Meest waardevolle klanten: waarde over %zu %s, "
                  "verdisconteerd aan %s%% per %s, %s; samen %s"
                : "Most valuable customers: value over %zu %s, discounted "
                  "at %s%% a %s, %s; total %s",
             R->horizon, unit, disc, unit_single(d, nl), mg, n1);
    sort_key = p->value;
  } else {
    snprintf(title, sizeof title,
             nl ? "Klanten met de meeste verwachte aankopen in %zu %s"
                : "Customers with the most expected purchases in %zu %s",
             R->horizon, unit);
    sort_key = p->expected;
  }
  customers->title = title;
  uint32_t *rows = malloc((d->n ? d->n : 1) * sizeof *rows);
  if (!rows) return KW_ENOMEM;
  for (size_t i = 0; i < d->n; i++) rows[i] = (uint32_t)i;
  qsort(rows, d->n, sizeof *rows, by_key_desc);
  customers->rows = rows;
  st = kw_write_rtable(ctx, f, customers, KW_FORMAT_TABLE, lang, R->top);
  customers->rows = NULL;
  free(rows);
  return st;
}

kw_status kw_report_clv(kw_context *ctx, FILE *f, const kw_clv_input *d,
                        const kw_clv_result *fit, const kw_clv_result *gg,
                        const kw_clv_predictions *p, size_t horizon,
                        const kw_clv_report *r) {
  kw_clv_report def;
  if (!r) {
    kw_clv_report_init(&def);
    r = &def;
  }
  if (!ctx || !f || !d || !fit || !p)
    return kw_fail(ctx, KW_EARG, "clv report: bad arguments");
  run R;
  memset(&R, 0, sizeof R);
  R.ctx = ctx;
  R.lang = r->lang;
  R.top = r->top;
  R.margin = r->margin;
  R.discount = r->discount;
  R.count = r->count;
  R.d = d;
  R.fit = fit;
  R.gg = gg;
  R.p = p;
  R.horizon = horizon;
  R.pattern_unit = r->pattern_unit;
  if (r->comparison) {
    R.auto_model = true;
    R.cmp = *r->comparison;
  }
  if (r->evaluation) {
    R.has_eval = true;
    R.ev = *r->evaluation;
    R.hold_pred = (double *)r->holdout_expected;
    R.track_exp = (double *)r->tracking_expected;
  }
  kw_status st = KW_OK;
  if (!d->ids) {
    R.pattern_no = malloc(d->n * sizeof *R.pattern_no);
    if (!R.pattern_no) return kw_fail_nomem(ctx);
    for (size_t i = 0; i < d->n; i++) R.pattern_no[i] = (double)(i + 1);
  }
  snprintf(R.pk_key, sizeof R.pk_key, "p_%u", r->count);
  if (r->count == 0) {
    snprintf(R.pk_label, sizeof R.pk_label, "P(none)");
    snprintf(R.pk_label_nl, sizeof R.pk_label_nl, "P(geen)");
  } else {
    snprintf(R.pk_label, sizeof R.pk_label, "P(%u)", r->count);
    snprintf(R.pk_label_nl, sizeof R.pk_label_nl, "P(%u)", r->count);
  }
  kw_rcol cols[20];
  size_t ncols = customer_cols(&R, cols, r->format == KW_FORMAT_TABLE);
  kw_rtable t = {NULL, d->n, NULL, ncols, cols};
  if (r->format == KW_FORMAT_JSON)
    st = write_json(&R, f, &t);
  else if (r->format == KW_FORMAT_CSV)
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, r->lang, 0);
  else
    st = write_table(&R, f, &t);
  free(R.pattern_no);
  return st;
}
