/*
 * evaluate.c — holdout evaluation of a fitted purchase model.
 *
 * Per customer: predicted E[Y(h) | x, t_x, T] for the holdout length h
 * against the actual holdout repeat count: mean absolute error, root mean
 * squared error, Pearson correlation (0 when either side is constant).
 * Calibration-vs-holdout table (Fader, Hardie & Lee 2005, fig. 4): the
 * customers grouped by calibration x = 0..6 and 7+, mean actual vs mean
 * predicted holdout purchases.
 *
 * Tracking (FHL 2005, fig. 3): cumulative expected repeat purchases of the
 * base at the end of each period k, sum_i E[X(k - offset_i)] over customers
 * already acquired; customers are grouped by distinct offset so the cost
 * is (distinct offsets) x (periods) population evaluations.
 */
#include "models/clv/clv.h"

#include <stdlib.h>
#include <string.h>

kw_status kw_clv_evaluate(kw_context *ctx, const kw_clv_fit *f,
                          const double *x, const double *t_x, const double *T,
                          const double *actual, size_t n, double holdout_len,
                          kw_clv_evaluation *out) {
  if (!out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  memset(out, 0, sizeof *out);
  if (n && !actual) return kw_fail(ctx, KW_EARG, "clv: actual is NULL");
  for (size_t i = 0; i < n; i++)
    if (!isfinite(actual[i]) || actual[i] < 0)
      return kw_fail(ctx, KW_EINPUT, "clv: row %zu: bad holdout count", i + 1);
  double *pred = kw_malloc(ctx, (n ? n : 1) * sizeof *pred);
  if (!pred) return kw_fail_nomem(ctx);
  kw_status st = kw_clv_expected(ctx, f, x, t_x, T, n, holdout_len, pred);
  if (st != KW_OK) {
    kw_free(ctx, pred);
    return st;
  }
  double sa = 0, sp = 0, sae = 0, sse = 0;
  for (size_t i = 0; i < n; i++) {
    double e = pred[i] - actual[i];
    sa += actual[i];
    sp += pred[i];
    sae += fabs(e);
    sse += e * e;
    int k = x[i] >= 7 ? 7 : (int)x[i];
    out->class_n[k] += 1;
    out->class_actual[k] += actual[i];
    out->class_predicted[k] += pred[i];
  }
  out->n = n;
  out->sum_actual = sa;
  out->sum_predicted = sp;
  if (n) {
    double ma = sa / (double)n, mp = sp / (double)n;
    double saa = 0, spp = 0, sap = 0;
    for (size_t i = 0; i < n; i++) {
      double da = actual[i] - ma, dp = pred[i] - mp;
      saa += da * da;
      spp += dp * dp;
      sap += da * dp;
    }
    out->mae = sae / (double)n;
    out->rmse = sqrt(sse / (double)n);
    out->corr = saa > 0 && spp > 0 ? sap / sqrt(saa * spp) : 0;
  }
  for (int k = 0; k < KW_CLV_FREQ_CLASSES; k++)
    if (out->class_n[k] > 0) {
      out->class_actual[k] /= out->class_n[k];
      out->class_predicted[k] /= out->class_n[k];
    }
  kw_free(ctx, pred);
  return KW_OK;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

kw_status kw_clv_tracking(kw_context *ctx, const kw_clv_fit *f,
                          const double *offset, size_t n, size_t n_periods,
                          double *out) {
  if (!f || (n_periods && !out) || (n && !offset))
    return kw_fail(ctx, KW_EARG, "clv: bad tracking arguments");
  const kw_clv_result *r = clv_fit_res(f);
  if (r->model == KW_CLV_GG)
    return kw_fail(ctx, KW_EARG, "clv: gg is a spend model");
  for (size_t i = 0; i < n; i++)
    if (!isfinite(offset[i]) || offset[i] < 0)
      return kw_fail(ctx, KW_EINPUT, "clv: row %zu: bad offset", i + 1);
  for (size_t k = 0; k < n_periods; k++) out[k] = 0;
  if (!n || !n_periods) return KW_OK;
  double *o = kw_malloc(ctx, n * sizeof *o);
  if (!o) return kw_fail_nomem(ctx);
  memcpy(o, offset, n * sizeof *o);
  qsort(o, n, sizeof *o, cmp_double);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && o[j] == o[i]) j++;
    double cnt = (double)(j - i), off = o[i];
    for (size_t k = 1; k <= n_periods; k++) {
      double t = (double)k - off;
      if (!(t > 0)) continue;
      double e = clv_population(r, t);
      if (!isfinite(e)) {
        kw_free(ctx, o);
        return kw_fail_tpl(ctx, KW_ENUMERIC, "model.e.clv_population",
                           "{model}: E[X({t})] of a new customer is not "
                           "computable at these parameters",
                           "model", kw_clv_model_name(r->model), "t",
                           KW_NUM_G(t), NULL);
      }
      out[k - 1] += cnt * e;
    }
    i = j;
  }
  kw_free(ctx, o);
  return KW_OK;
}
