/*
 * scoring.c — every per-customer prediction for a kw_clv_data in one call
 * (kw_clv_data_predict): P(alive), expected purchases and the probability
 * of a given count over the horizon, expected spend per purchase, the
 * discounted value and value over acquisition cost.
 *
 * Value of row i over H periods with discount d per period:
 *   value_i = margin_i * spend_i * sum_{k=1..H} (E[Y(k)] - E[Y(k-1)])/(1+d)^k
 * (kw_clv_value with margin 1, then times margin_i). The margin is the
 * option when given; otherwise the customer's own (revenue - cost) /
 * revenue when its cost is fully known, else the pooled margin of the
 * customers whose cost is known, else 1 (no cost anywhere: the value is
 * revenue, margin_source says so). Spend uses max(zbar, 0): a repeat
 * buyer whose repeat revenue nets to zero or less (returns) gets the
 * population mean, as a customer without repeat purchases does.
 */
#include "models/clv/clv.h"

#include <string.h>

#define NARR 7

struct kw_clv_pred {
  kw_context *ctx;
  kw_clv_predictions v;
  double *arr[NARR];
};

void kw_clv_predict_options_init(kw_clv_predict_options *o) {
  o->horizon = 12;
  o->discount = 0;
  o->margin = NAN;
  o->count = 0;
}

const kw_clv_predictions *kw_clv_pred_view(const kw_clv_pred *p) {
  return &p->v;
}

void kw_clv_pred_free(kw_clv_pred *p) {
  if (!p) return;
  for (int i = 0; i < NARR; i++) kw_free(p->ctx, p->arr[i]);
  kw_free(p->ctx, p);
}

kw_status kw_clv_data_predict(kw_context *ctx, const kw_clv_fit *model,
                              const kw_clv_fit *spend, const kw_clv_data *data,
                              const kw_clv_predict_options *o,
                              kw_clv_pred **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  *out = NULL;
  kw_clv_predict_options def;
  if (!o) {
    kw_clv_predict_options_init(&def);
    o = &def;
  }
  if (!model || !data) return kw_fail(ctx, KW_EARG, "clv: no fit or data");
  const kw_clv_result *r = kw_clv_fit_result(model);
  if (r->model == KW_CLV_GG)
    return kw_fail(ctx, KW_EARG, "clv: the purchase model is a spend model");
  if (spend && kw_clv_fit_result(spend)->model != KW_CLV_GG)
    return kw_fail(ctx, KW_EARG, "clv: the spend fit is not gg");
  if (!isnan(o->margin) && !(o->margin >= 0 && o->margin <= 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.clv_margin",
                       "clv: margin must lie in 0..1", NULL);
  const kw_clv_input *d = kw_clv_data_view(data);
  if (spend && !d->zbar)
    return kw_fail(ctx, KW_EARG, "clv: the data have no spend");
  const size_t n = d->n;
  kw_clv_pred *p = kw_calloc(ctx, 1, sizeof *p);
  if (!p) return kw_fail_nomem(ctx);
  p->ctx = ctx;
  const bool bgbb = r->model == KW_CLV_BGBB;
  const bool with_cac = spend && d->acq_cost;
  for (int k = 0; k < NARR; k++) {
    bool need = k < 2 || (k == 2 && !bgbb) || (k >= 3 && k <= 5 && spend) ||
                (k == 6 && with_cac);
    if (!need) continue;
    p->arr[k] = kw_malloc(ctx, (n ? n : 1) * sizeof(double));
    if (!p->arr[k]) {
      kw_clv_pred_free(p);
      return kw_fail_nomem(ctx);
    }
  }
  double *alive = p->arr[0], *expect = p->arr[1], *pk = p->arr[2];
  double *sp = p->arr[3], *mg = p->arr[4], *val = p->arr[5];
  double *cac = p->arr[6];
  const double h = (double)o->horizon;
  kw_status st = kw_clv_p_alive(ctx, model, d->x, d->t_x, d->T, n, alive);
  if (st == KW_OK)
    st = kw_clv_expected(ctx, model, d->x, d->t_x, d->T, n, h, expect);
  if (st == KW_OK && pk)
    st = kw_clv_prob_count(ctx, model, d->x, d->t_x, d->T, n, h, o->count,
                           pk);
  if (st == KW_OK) st = kw_clv_population(ctx, model, h, &p->v.population);
  if (st == KW_OK && spend) {
    /* mg holds max(zbar, 0) until the spend is known */
    for (size_t i = 0; i < n; i++) mg[i] = d->zbar[i] > 0 ? d->zbar[i] : 0;
    st = kw_clv_spend(ctx, spend, d->x, mg, n, sp);
  }
  if (st == KW_OK && spend) {
    kw_clv_value_options vo;
    kw_clv_value_options_init(&vo);
    vo.horizon = o->horizon;
    vo.discount = o->discount;
    vo.margin = 1;
    st = kw_clv_value(ctx, model, d->x, d->t_x, d->T, sp, n, &vo, val);
  }
  if (st != KW_OK) {
    kw_clv_pred_free(p);
    return st;
  }
  kw_clv_predictions *v = &p->v;
  v->n = n;
  v->p_alive = alive;
  v->expected = expect;
  v->p_count = pk;
  if (spend) {
    bool real = isnan(o->margin) && d->has_cost && d->margin &&
                isfinite(d->pooled_margin);
    v->margin_source = !isnan(o->margin) ? KW_CLV_MARGIN_GIVEN
                       : real            ? KW_CLV_MARGIN_REAL
                                         : KW_CLV_MARGIN_NONE;
    for (size_t i = 0; i < n; i++) {
      double m = 1;
      if (v->margin_source == KW_CLV_MARGIN_GIVEN)
        m = o->margin;
      else if (real)
        m = isfinite(d->margin[i]) ? d->margin[i] : d->pooled_margin;
      mg[i] = m;
      val[i] = clv_finite(val[i] * m, 0);
      if (cac) {
        double c = d->acq_cost[i];
        cac[i] = isfinite(c) && c > 0 ? val[i] / c : NAN;
      }
    }
    v->spend = sp;
    v->margin = mg;
    v->value = val;
    v->value_cac = cac;
  } else {
    v->margin_source = KW_CLV_MARGIN_NONE;
  }
  for (size_t i = 0; i < n; i++) {
    double w = d->weight ? d->weight[i] : 1;
    v->total_expected += w * expect[i];
    if (val) v->total_value += w * val[i];
  }
  *out = p;
  return KW_OK;
}
