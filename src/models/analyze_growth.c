/*
 * analyze_growth.c — the growth part of the main job: acquisition channels
 * and discounts, the revenue trend, the customer journey and referrals,
 * each from its library model (klantwijs/growth.h).
 *
 * One value per customer: referrals and channels count a customer's
 * lifetime value as the CLV/CAC key figure does (its value so far plus
 * its predicted CLV), so the channels' value/CAC add up to the headline.
 */
#include <math.h>

#include "models/analyze_internal.h"

static kw_status failed(kw_analysis *a, kw_step s) {
  if (kw_errcode(a->ctx) == KW_ENOMEM) return KW_ENOMEM;
  kw_status st = kw_an_note_text(a, s, KW_STEP_FAILED, "note.error",
                                 kw_errmsg(a->ctx));
  kw_clear_error(a->ctx);
  return st;
}

/* value so far + predicted CLV, in currency units (as step_acquisition) */
static kw_status lifetime_values(kw_analysis *a) {
  if (a->ltv) return KW_OK;
  a->ltv = kw_malloc(a->ctx, (a->n ? a->n : 1) * sizeof *a->ltv);
  if (!a->ltv) return kw_fail_nomem(a->ctx);
  for (size_t i = 0; i < a->n; i++) {
    if (a->s->first[i] == KW_NA_DATE) {
      a->ltv[i] = 0;
      continue;
    }
    double v = a->value_metric && isfinite(a->value_metric[i])
                   ? a->value_metric[i] / 100.0
                   : 0;
    if (a->have_clv && a->clv && isfinite(a->clv[i])) v += a->clv[i];
    a->ltv[i] = v;
  }
  return KW_OK;
}

kw_status kw_an_channels(kw_analysis *a) {
  kw_status st = lifetime_values(a);
  if (st) return st;
  kw_acquisition_options o;
  kw_acquisition_options_init(&o);
  o.clv = a->ltv;
  o.min_group = a->o.min_group;
  /* discounts per RFM segment, the segments the report shows */
  uint32_t *seg = NULL;
  const char *labels[64];
  if (a->rd && a->rd->n_segments <= 64) {
    seg = kw_malloc(a->ctx, (a->n ? a->n : 1) * sizeof *seg);
    if (!seg) return kw_fail_nomem(a->ctx);
    for (size_t i = 0; i < a->n; i++)
      seg[i] = i < a->rd->n && a->rd->segment[i] != KW_RFM_NONE
                   ? a->rd->segment[i]
                   : KW_NA_ID;
    for (size_t k = 0; k < a->rd->n_segments; k++)
      labels[k] = a->rd->segments[k].key; /* the writers name it */
    o.segment = seg;
    o.segment_label = labels;
    o.n_segments = a->rd->n_segments;
  }
  kw_status st2 = kw_acquisition_compute(a->ctx, a->ds, a->s, &o, &a->acq);
  kw_free(a->ctx, seg);
  if (st2) return failed(a, KW_STEP_ACQUISITION);
  /* with a marketing spend table the key figure CAC comes from it (it
   * holds all marketing money, also what won nobody): its spend over the
   * customers acquired in the months it covers, over the channels it
   * names; the cost per customer only where there is no spend table */
  const kw_acquisition_data *c = kw_acquisition_view(a->acq);
  if (c->has_spend && c->cac_source) {
    double spend = 0, ltv = 0;
    uint64_t acquired = 0, customers = 0;
    for (size_t g = 0; g < c->n; g++) {
      if (c->cac_source[g] != 2) continue;
      spend += c->spend[g];
      acquired += c->spend_new[g];
      customers += c->customers[g];
      ltv += c->mean_value[g] * (double)c->customers[g];
    }
    if (acquired > 0 && customers > 0) {
      a->cac_n = acquired;
      a->cac_mean = a->head.cac_mean = spend / (double)acquired;
      a->ltv_mean = ltv / (double)customers;
      a->head.clv_cac = spend > 0 ? a->ltv_mean / a->cac_mean : NAN;
      if (a->step[KW_STEP_ACQUISITION] == KW_STEP_SKIPPED)
        a->step[KW_STEP_ACQUISITION] = KW_STEP_LIMITED;
    }
  }
  return KW_OK;
}

kw_status kw_an_growth(kw_analysis *a, kw_step step) {
  kw_status st = lifetime_values(a);
  if (st) return st;
  switch (step) {
    case KW_STEP_TRENDS: {
      kw_trends_options o;
      kw_trends_options_init(&o);
      o.as_of = a->as_of;
      if (kw_trends_compute(a->ctx,
                            kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS),
                            &o, &a->trends))
        return failed(a, step);
      const kw_trends_data *t = kw_trends_view(a->trends);
      a->rate_break = kw_calloc(a->ctx, a->n ? a->n : 1, 1);
      if (!a->rate_break) return kw_fail_nomem(a->ctx);
      for (size_t i = 0; i < t->n_breaks; i++)
        if (t->break_customer[i] < a->n) a->rate_break[t->break_customer[i]] = 1;
      return KW_OK;
    }
    case KW_STEP_JOURNEY: {
      if (!kw_dataset_table(a->ds, KW_TABLE_TOUCHPOINTS))
        return kw_an_note_no_table(a, step, KW_TABLE_TOUCHPOINTS,
                                   KW_STEP_SKIPPED);
      kw_journey_options o;
      kw_journey_options_init(&o);
      o.as_of = a->as_of;
      o.min_group = a->o.min_group;
      if (kw_journey_compute(a->ctx, a->ds, &o, &a->journey))
        return failed(a, step);
      return KW_OK;
    }
    case KW_STEP_REFERRALS: {
      if (!kw_dataset_table(a->ds, KW_TABLE_REFERRALS))
        return kw_an_note_no_table(a, step, KW_TABLE_REFERRALS,
                                   KW_STEP_SKIPPED);
      kw_referrals_options o;
      kw_referrals_options_init(&o);
      o.clv = a->ltv;
      o.min_group = a->o.min_group;
      if (kw_referrals_compute(a->ctx, a->ds, a->s, &o, &a->referrals))
        return failed(a, step);
      return KW_OK;
    }
    default:
      return KW_OK;
  }
}

const kw_trends *kw_analysis_trends(const kw_analysis *a) {
  return a ? a->trends : NULL;
}
const kw_journey *kw_analysis_journey(const kw_analysis *a) {
  return a ? a->journey : NULL;
}
const kw_referrals *kw_analysis_referrals(const kw_analysis *a) {
  return a ? a->referrals : NULL;
}
const kw_acquisition *kw_analysis_acquisition(const kw_analysis *a) {
  return a ? a->acq : NULL;
}
