/*
 * churn_run.c — the churn statuses of a dataset in one call
 * (kw_churn_run, klantwijs/retention.h): which source (contracts or
 * purchases), whether a P(alive) model decides statuses (only a fit that
 * passes kw_clv_check_fit does), and each customer's value for the lists.
 * The status rules themselves are in churn.c.
 */
#include <math.h>
#include <stdio.h>
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

/* Contract dates needed and absent: the error names the --map options,
 * and with flag_hint the churn flag column that drivers can use. */
static kw_status missing_dates(kw_context *ctx, bool customers,
                               bool flag_hint) {
  if (customers && flag_hint)
    return kw_fail_tpl(
        ctx, KW_EMISSING, "model.e.churn_no_dates_flag",
        "the customers table has no contract start and end dates; map them "
        "with --map customers.start_date=COL --map customers.end_date=COL "
        "(a churn flag column goes with --drivers --event COL)",
        NULL);
  if (customers)
    return kw_fail_tpl(
        ctx, KW_EMISSING, "model.e.churn_no_dates",
        "the customers table has no contract start and end dates; map them "
        "with --map customers.start_date=COL --map customers.end_date=COL",
        NULL);
  if (flag_hint)
    return kw_fail_tpl(
        ctx, KW_EMISSING, "model.e.churn_no_tables_flag",
        "no transactions and no customers table with contract dates; map "
        "them with --map customers.start_date=COL --map "
        "customers.end_date=COL (a churn flag column goes with --drivers "
        "--event COL)",
        NULL);
  return kw_fail_tpl(
      ctx, KW_EMISSING, "model.e.churn_no_tables",
      "no transactions and no customers table with contract dates; map them "
      "with --map customers.start_date=COL --map customers.end_date=COL",
      NULL);
}

/* The P(alive) fit failed its checks: a warning naming the model and the
 * checks it failed. */
static void warn_rejected(kw_context *ctx, int model, unsigned flags) {
  char names[128] = "";
  size_t k = 0;
  for (unsigned b = 0; b < KW_CLV_FLAG_COUNT && k < sizeof names; b++)
    if (flags & (1u << b))
      k += (size_t)snprintf(names + k, sizeof names - k, "%s%s",
                            k ? ", " : "", kw_clv_flag_key(b));
  kw_warn_tpl(ctx, "model.w.churn_fit_rejected",
              "the {model} fit failed its checks ({flags}); the status "
              "follows the gap rule",
              "model", kw_clv_model_name((kw_clv_model)model), "flags", names,
              NULL);
}

static kw_status run(kw_context *ctx, const kw_dataset *ds,
                     const kw_churn_run_options *opt, kw_churn **out,
                     kw_summary **summary_out, kw_churn_run_info *info,
                     bool flag_hint);

kw_status kw_churn_run(kw_context *ctx, const kw_dataset *ds,
                       const kw_churn_run_options *opt, kw_churn **out,
                       kw_summary **summary_out, kw_churn_run_info *info) {
  kw_churn_run_info info_store;
  if (!info) info = &info_store;
  kw_status st = run(ctx, ds, opt, out, summary_out, info, true);
  if (info->p_alive_rejected)
    warn_rejected(ctx, opt->p_alive_model, info->p_alive_flags);
  return st;
}

static kw_status run(kw_context *ctx, const kw_dataset *ds,
                     const kw_churn_run_options *opt, kw_churn **out,
                     kw_summary **summary_out, kw_churn_run_info *info,
                     bool flag_hint) {
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
    return missing_dates(ctx, cu != NULL, flag_hint);
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
      co.p_alive_model = o.p_alive_model;
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

/* ------------------------------------------------------ churn drivers */

bool kw_churn_needs_transactions(const char *event, bool transactions_given) {
  return !event && transactions_given;
}

struct kw_churn_driver_analysis {
  kw_context *ctx;
  kw_churn_driver_analysis_data v;
  kw_churn *churn;
  kw_churn_driver_rows *rows;
  kw_churn_drivers *drivers;
};

void kw_churn_driver_analysis_options_init(
    kw_churn_driver_analysis_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  kw_churn_run_options_init(&o->run);
  kw_churn_drivers_options_init(&o->fit);
}

const kw_churn_driver_analysis_data *kw_churn_driver_analysis_view(
    const kw_churn_driver_analysis *a) {
  return a ? &a->v : NULL;
}

void kw_churn_driver_analysis_free(kw_churn_driver_analysis *a) {
  if (!a) return;
  kw_churn_drivers_free(a->drivers);
  kw_churn_driver_rows_free(a->rows);
  kw_churn_free(a->churn);
  kw_free(a->ctx, a);
}

kw_status kw_churn_driver_analysis_compute(
    kw_context *ctx, const kw_dataset *ds,
    const kw_churn_driver_analysis_options *o, kw_churn_driver_analysis **out,
    kw_churn_run_info *info) {
  kw_churn_run_info info_store;
  if (!info) info = &info_store;
  memset(info, 0, sizeof *info);
  if (!out) return kw_fail(ctx, KW_EARG, "churn drivers: out is NULL");
  *out = NULL;
  if (!ds || !o) return kw_fail(ctx, KW_EARG, "churn drivers: no data");
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  bool has_dates = cu && kw_table_role(cu, KW_ROLE_START_DATE) &&
                   kw_table_role(cu, KW_ROLE_END_DATE);
  bool flag = o->event || (!tx && !has_dates);
  info->have_customers = cu != NULL;
  if (flag && !cu)
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.no_customers_table",
                       "no customers table was read", NULL);
  kw_churn_driver_analysis *a = kw_calloc(ctx, 1, sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  a->ctx = ctx;
  kw_status st = KW_OK;
  if (flag) {
    st = kw_churn_driver_rows_compute_flag(ctx, cu, o->event, &o->rows,
                                           &a->rows);
  } else {
    st = run(ctx, ds, &o->run, &a->churn, NULL, info, false);
    if (info->p_alive_rejected)
      warn_rejected(ctx, o->run.p_alive_model, info->p_alive_flags);
    if (!st)
      st = kw_churn_driver_rows_compute(ctx, ds, a->churn, &o->rows,
                                        &a->rows);
  }
  if (!st) {
    const kw_churn_driver_rows_data *rv = kw_churn_driver_rows_view(a->rows);
    st = kw_churn_drivers_compute(ctx, rv->churned, rv->n, rv->features,
                                  rv->n_features, &o->fit, &a->drivers);
  }
  if (st) {
    kw_churn_driver_analysis_free(a);
    return st;
  }
  a->v.churn = a->churn;
  a->v.rows = a->rows;
  a->v.drivers = a->drivers;
  *out = a;
  return KW_OK;
}
