/*
 * analysis.c — the `clv` command's pipeline as one library call
 * (kw_clv_analysis_compute, klantwijs/clv.h): the checks on the data, the
 * purchase model (one, or the best by BIC), the spend model with its
 * no-spend rule, the predictions over the horizon and the holdout check.
 * The command and any program that embeds the library get the same
 * answer from the same steps.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/clv.h"

struct kw_clv_analysis {
  kw_context *ctx;
  kw_clv_fit *fit, *gg;
  kw_clv_pred *pred;
  kw_clv_comparison cmp;
  kw_clv_holdout hold;
  kw_clv_analysis_data v;
};

void kw_clv_analysis_options_init(kw_clv_analysis_options *o) {
  memset(o, 0, sizeof *o);
  o->model = KW_CLV_BGNBD;
  o->spend = true;
  o->unit = KW_UNIT_WEEK;
  kw_clv_fit_options_init(&o->fit);
  kw_clv_predict_options_init(&o->predict);
  o->predict.horizon = 0;
}

/* The data checks before any fit. */
static kw_status check_data(kw_context *ctx, const kw_clv_input *d) {
  if (d->n == 0) {
    char later[32];
    snprintf(later, sizeof later, "%zu", d->n_later);
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.clv_no_customer",
                       "no customer with a purchase up to the as-of date "
                       "({later} first bought after it)",
                       "later", later, NULL);
  }
  if (d->holdout && d->holdout_len < 1 && d->discrete)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.clv_short_holdout",
                       "the holdout is shorter than one {unit}", "unit",
                       kw_unit_name(d->unit), NULL);
  return KW_OK;
}

/* The spend model, or none with a warning when no repeat buyer has a
 * positive repeat spend. */
static kw_status fit_spend(kw_clv_analysis *a, const kw_clv_input *d,
                           const kw_clv_fit_options *fo) {
  kw_status st = kw_clv_fit_spend(a->ctx, d->x, d->zbar, d->weight, d->n,
                                  fo, &a->gg);
  if (st != KW_EEMPTY) return st;
  kw_clear_error(a->ctx);
  kw_warn_tpl(a->ctx, "model.w.clv_no_spend",
              "no repeat buyer with a positive repeat spend: no spend "
              "model, no values",
              NULL);
  a->v.no_spend = true;
  return KW_OK;
}

kw_status kw_clv_analysis_compute(kw_context *ctx, const kw_clv_data *data,
                                  const kw_clv_analysis_options *o,
                                  kw_clv_analysis **out) {
  if (!ctx) return KW_EARG;
  if (!data || !out) return kw_fail(ctx, KW_EARG, "clv: NULL argument");
  *out = NULL;
  kw_clv_analysis_options def;
  if (!o) kw_clv_analysis_options_init(&def), o = &def;
  const kw_clv_input *d = kw_clv_data_view(data);
  kw_status st = check_data(ctx, d);
  if (st) return st;
  kw_clv_analysis *a = kw_calloc(ctx, 1, sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  a->ctx = ctx;
  a->v.input = d;
  bool best = o->model == KW_CLV_MODEL__COUNT;
  st = best ? kw_clv_fit_auto(ctx, d->x, d->t_x, d->T, d->weight, d->n,
                              &o->fit, &a->fit, &a->cmp)
            : kw_clv_fit_model(ctx, o->model, d->x, d->t_x, d->T, d->weight,
                               d->n, &o->fit, &a->fit);
  if (!st && o->spend) st = fit_spend(a, d, &o->fit);
  kw_clv_predict_options po = o->predict;
  if (po.horizon == 0)
    po.horizon = kw_clv_horizon_default(o->unit,
                                        o->horizon_observed ? d : NULL);
  if (!st) st = kw_clv_data_predict(ctx, a->fit, a->gg, data, &po, &a->pred);
  if (!st && d->holdout) st = kw_clv_holdout_compute(ctx, a->fit, d, &a->hold);
  if (st) {
    kw_clv_analysis_free(a);
    return st;
  }
  a->v.fit = kw_clv_fit_result(a->fit);
  a->v.gg = a->gg ? kw_clv_fit_result(a->gg) : NULL;
  a->v.pred = kw_clv_pred_view(a->pred);
  a->v.comparison = best ? &a->cmp : NULL;
  a->v.holdout = d->holdout ? &a->hold : NULL;
  a->v.horizon = po.horizon;
  *out = a;
  return KW_OK;
}

const kw_clv_analysis_data *kw_clv_analysis_view(const kw_clv_analysis *a) {
  return a ? &a->v : NULL;
}

void kw_clv_analysis_free(kw_clv_analysis *a) {
  if (!a) return;
  kw_clv_holdout_free(a->ctx, &a->hold);
  kw_clv_pred_free(a->pred);
  kw_clv_fit_free(a->fit);
  kw_clv_fit_free(a->gg);
  kw_free(a->ctx, a);
}
