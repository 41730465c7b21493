/*
 * churn_run.c — the churn statuses of a dataset in one call
 * (kw_churn_run, klantwijs/retention.h): which source (contracts or
 * purchases), whether a P(alive) model decides statuses (only a fit that
 * passes kw_clv_check_fit does), and each customer's value for the lists.
 * The status rules themselves are in churn.c.
 */
#include <math.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/clv.h"
#include "klantwijs/clvcheck.h"
#include "klantwijs/retention.h"
#include "klantwijs/summary.h"

void kw_churn_run_options_init(kw_churn_run_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  kw_churn_options_init(&o->churn);
  o->p_alive_model = -1;
}

/*
 * P(alive) per customer id (NaN outside the calibration set) from model m
 * fitted at as_of, into *out (kw_malloc'ed); *out stays NULL when the fit
 * fails its checks (info says why).
 */
static kw_status fit_p_alive(kw_context *ctx, const kw_dataset *ds,
                             kw_clv_model m, int32_t as_of, double **out,
                             kw_churn_run_info *info) {
  kw_clv_data_options dopt;
  kw_clv_data_options_init(&dopt);
  dopt.as_of = as_of;
  dopt.unit = KW_UNIT_WEEK;
  kw_clv_data *d = NULL;
  kw_clv_fit *fit = NULL;
  kw_clv_pred *pred = NULL;
  kw_status st = kw_clv_data_build(ctx, ds, &dopt, &d);
  const kw_clv_input *in = st ? NULL : kw_clv_data_view(d);
  if (!st) {
    kw_clv_fit_options fo;
    kw_clv_fit_options_init(&fo);
    st = kw_clv_fit_model(ctx, m, in->x, in->t_x, in->T, NULL, in->n, &fo,
                          &fit);
  }
  if (!st) {
    kw_clv_predict_options po;
    kw_clv_predict_options_init(&po);
    st = kw_clv_data_predict(ctx, fit, NULL, d, &po, &pred);
  }
  if (!st) {
    kw_clv_check chk;
    const double *p = kw_clv_pred_view(pred)->p_alive;
    kw_clv_check_fit(kw_clv_fit_result(fit), in->x, in->T, p, in->n, NULL,
                     NULL, &chk);
    if (!chk.passed) {
      info->p_alive_rejected = true;
      info->p_alive_flags = chk.flags;
    } else {
      size_t n = kw_dict_size(kw_dataset_customers(ds));
      double *pa = kw_malloc(ctx, (n ? n : 1) * sizeof *pa);
      if (!pa) {
        st = kw_fail_nomem(ctx);
      } else {
        for (size_t k = 0; k < n; k++) pa[k] = NAN;
        for (size_t i = 0; i < in->n; i++) pa[in->customer[i]] = p[i];
        *out = pa;
        info->p_alive_used = true;
      }
    }
  }
  kw_clv_pred_free(pred);
  kw_clv_fit_free(fit);
  kw_clv_data_free(d);
  return st;
}

kw_status kw_churn_run(kw_context *ctx, const kw_dataset *ds,
                       const kw_churn_run_options *opt, kw_churn **out,
                       kw_summary **summary_out, kw_churn_run_info *info) {
  kw_churn_run_info info_store;
  if (!info) info = &info_store;
  memset(info, 0, sizeof *info);
  if (!ds || !out) return kw_fail(ctx, KW_EARG, "churn: no data");
  *out = NULL;
  if (summary_out) *summary_out = NULL;
  kw_churn_run_options o;
  if (opt)
    o = *opt;
  else
    kw_churn_run_options_init(&o);
  kw_churn_options co = o.churn;
  co.p_alive = co.value = NULL;
  co.n_p_alive = co.n_value = 0;
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  info->have_customers = cu != NULL;
  bool has_dates = cu && kw_table_role(cu, KW_ROLE_START_DATE) &&
                   kw_table_role(cu, KW_ROLE_END_DATE);
  info->contracts = o.contracts || !tx;
  if (info->contracts && !has_dates) {
    info->missing_dates = true;
    return kw_fail(ctx, KW_EMISSING,
                   cu ? "the customers table has no contract start and end "
                        "dates"
                      : "no transactions and no customers table with "
                        "contract dates");
  }
  double *palive = NULL, *value = NULL;
  kw_summary *sum = NULL;
  kw_status st = KW_OK;
  if (o.p_alive_model >= 0 && !info->contracts) {
    st = fit_p_alive(ctx, ds, (kw_clv_model)o.p_alive_model, co.as_of,
                     &palive, info);
    if (!st && palive) {
      co.p_alive = palive;
      co.n_p_alive = kw_dict_size(kw_dataset_customers(ds));
      if (co.p_alive_at_risk < co.p_alive_threshold)
        co.p_alive_at_risk = co.p_alive_threshold;
    }
  }
  if (!st && tx) {
    /* value of a customer: net revenue up to the as-of date */
    kw_summary_options so;
    kw_summary_options_init(&so);
    so.as_of = co.as_of;
    st = kw_summary_build(ctx, ds, &so, &sum);
    const kw_customer_summary *v = st ? NULL : kw_summary_view(sum);
    if (!st && !(value = kw_malloc(ctx, (v->n ? v->n : 1) * sizeof *value)))
      st = kw_fail_nomem(ctx);
    if (!st) {
      for (size_t i = 0; i < v->n; i++)
        value[i] = (double)v->revenue[i] / 100.0;
      co.value = value;
      co.n_value = v->n;
      if (info->contracts && co.as_of == KW_NA_DATE) co.as_of = v->as_of;
    }
  }
  if (!st)
    st = info->contracts ? kw_churn_contracts_table(ctx, cu, &co, out)
                         : kw_churn_purchases(ctx, tx, &co, out);
  kw_free(ctx, palive);
  kw_free(ctx, value);
  if (!st && summary_out)
    *summary_out = sum;
  else
    kw_summary_free(sum);
  return st;
}
