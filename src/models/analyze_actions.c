/*
 * analyze_actions.c — the action plan: per buying customer the metrics the
 * rules test (klantwijs/analyze.h), the action of the first rule that
 * holds, the money at stake, and per action the customers sorted by it.
 *
 * Money at stake: one measure for every action, so lists compare: the
 * customer's value (contribution where costs are known, else revenue x
 * the portfolio margin, else revenue: value_measure) per year of activity,
 *   value x 365.25 / max(365.25, days active),
 * days active from the first purchase to the as-of day, or to the last
 * purchase for a customer who left.
 *
 * Collect-first materiality uses the revenue of the last 365 days
 * (yearly_revenue) and overdue_share = overdue / yearly revenue.
 * Marketing lists (invest, develop, retain, win_back) leave out customers
 * whose consent flag is "no"; customers without a flag stay in.
 */
#include "models/analyze_internal.h"
#include "stats/order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void kw_analysis_input(const kw_analysis *a, size_t i, kw_action_input *in) {
  kw_action_input_init(in);
  if (i >= a->n || a->s->first[i] == KW_NA_DATE) return;
  double *m = in->m;
  const kw_customer_summary *s = a->s;
  if (a->value_score) m[KW_METRIC_VALUE] = a->value_score[i];
  if (a->potential_score) m[KW_METRIC_POTENTIAL] = a->potential_score[i];
  if (a->have_clv) {
    m[KW_METRIC_CLV] = a->clv[i];
    m[KW_METRIC_P_ALIVE] = a->p_alive[i];
  }
  if (a->cc && i < a->cc->n) m[KW_METRIC_STATUS] = a->cc->status[i];
  m[KW_METRIC_REVENUE] = (double)s->revenue[i] / 100.0;
  if (a->pd && !(a->pd->flags[i] & KW_PROFIT_NO_COST)) {
    m[KW_METRIC_CONTRIBUTION] = (double)a->pd->contribution[i] / 100.0;
    if (s->revenue[i] > 0)
      m[KW_METRIC_MARGIN] =
          (double)a->pd->contribution[i] / (double)s->revenue[i];
  }
  m[KW_METRIC_ORDERS] = s->orders[i];
  m[KW_METRIC_RECENCY] = (double)(a->as_of - s->last[i]);
  if (a->yearly_revenue)
    m[KW_METRIC_YEARLY_REVENUE] = a->yearly_revenue[i] / 100.0;
  if (a->value_metric && isfinite(a->value_metric[i]))
    m[KW_METRIC_VALUE_AMOUNT] = a->value_metric[i] / 100.0;
  in->value_measure = a->value_measure;
  in->potential_rfm = a->potential_from_rfm;
  if (a->pp && i < a->pp->n) {
    const kw_payments_data *p = a->pp;
    m[KW_METRIC_PAY_CLASS] = p->pay_class[i];
    m[KW_METRIC_OPEN] = (double)p->open[i] / 100.0;
    m[KW_METRIC_OVERDUE] = (double)p->overdue[i] / 100.0;
    m[KW_METRIC_DAYS_OVERDUE] = p->max_overdue_days[i];
    /* days late only over invoices that were paid: a customer who never
     * paid has no average (not "0 days late") */
    m[KW_METRIC_DAYS_LATE] = p->settled[i] > 0 ? p->days_late[i] : NAN;
    double yr = m[KW_METRIC_YEARLY_REVENUE];
    double od = m[KW_METRIC_OVERDUE];
    if (isfinite(od) && isfinite(yr))
      m[KW_METRIC_OVERDUE_SHARE] = yr > 0 ? od / yr : od > 0 ? INFINITY : NAN;
  }
  if (a->par) m[KW_METRIC_ABC] = a->par->abc[i];
  if (a->rd && a->rd->segment[i] != KW_RFM_NONE &&
      a->rd->segment[i] < a->rd->n_segments)
    in->segment = a->rd->segments[a->rd->segment[i]].key;
  /* next_best "no" also without basket data: no product to offer */
  m[KW_METRIC_NEXT_BEST] = a->next_best && a->next_best[i] ? 1 : 0;
  if (a->next_best) in->product = a->next_best[i];
  if (a->has_consent && a->consent[i] != KW_NA_FLAG)
    m[KW_METRIC_CONSENT] = a->consent[i];
  if (a->fit) m[KW_METRIC_FIT] = a->fit[i];
  if (a->referrals) {
    const kw_referrals_data *r = kw_referrals_view(a->referrals);
    if (i < r->n_customers) {
      m[KW_METRIC_REFERRALS] = r->customer_bought[i];
      m[KW_METRIC_REFERRAL_VALUE] = r->customer_crv[i];
    }
  }
  /* at risk to a named competitor (the feedback model); no, not unknown,
     for a customer whose answers show no such risk */
  kw_fb_customer fc;
  if (a->fb && kw_feedback_competition_view(a->fb)) {
    bool risk = kw_feedback_customer(a->fb, i, &fc) &&
                fc.risk == KW_FB_RISK_COMPETITOR;
    m[KW_METRIC_COMPETITOR_RISK] = risk ? 1 : 0;
    if (risk) {
      in->competitor = fc.competitor;
      in->comp_dimension = fc.dimension;
      in->comp_own = fc.own;
      in->comp_theirs = fc.theirs;
    }
  }
}

static double stake_of(const kw_analysis *a, size_t i) {
  const kw_customer_summary *s = a->s;
  double v = a->value_metric[i] / 100.0;
  bool left = a->cc && i < a->cc->n && a->cc->status[i] == KW_CHURN_CHURNED;
  double days = (double)((left ? s->last[i] : a->as_of) - s->first[i] + 1);
  v = v * 365.25 / fmax(365.25, days);
  return isfinite(v) ? v : 0;
}

/* Net revenue of the last 365 days up to as-of, per customer (cents). */
static kw_status yearly_revenue(kw_analysis *a) {
  size_t N = a->n ? a->n : 1;
  a->yearly_revenue = kw_malloc(a->ctx, N * sizeof(double));
  if (!a->yearly_revenue) return kw_fail_nomem(a->ctx);
  for (size_t i = 0; i < a->n; i++)
    a->yearly_revenue[i] = a->s->first[i] == KW_NA_DATE ? NAN : 0;
  const kw_table *tx = kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cu = tx ? kw_table_role(tx, KW_ROLE_CUSTOMER) : NULL;
  const kw_column *dt = tx ? kw_table_role(tx, KW_ROLE_DATE) : NULL;
  const kw_column *am = tx ? kw_table_role(tx, KW_ROLE_AMOUNT) : NULL;
  if (!cu || !dt || !am) return KW_OK;
  size_t rows = kw_table_rows(tx);
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cu->v.text[r];
    int32_t d = dt->v.date[r];
    int64_t m = am->v.money[r];
    if (c == KW_NA_ID || c >= a->n || d == KW_NA_DATE || m == KW_NA_MONEY)
      continue;
    if (d > a->as_of || d <= a->as_of - 365) continue;
    if (isfinite(a->yearly_revenue[c])) a->yearly_revenue[c] += (double)m;
  }
  return KW_OK;
}

/* Sort ids (ascending) by money at stake, highest first, ties by id:
 * ascending by down[id] = -stake (the reprice list passes the stake itself,
 * a loss, most negative first). A radix sort (stats/order.h). */
static kw_status sort_by_stake(kw_context *ctx, uint32_t *ids, size_t n,
                               const double *down) {
  return kw_order_by_double(ctx, down, ids, n);
}

kw_status kw_an_actions(kw_analysis *a) {
  kw_context *ctx = a->ctx;
  size_t n = a->n, N = n ? n : 1;
  const kw_customer_summary *s = a->s;
  uint8_t *buyer = kw_malloc(ctx, N);
  a->value_score = kw_malloc(ctx, N * sizeof(double));
  a->potential_score = kw_malloc(ctx, N * sizeof(double));
  a->action = kw_calloc(ctx, N, 1);
  a->rule = kw_malloc(ctx, N * sizeof *a->rule);
  a->at_stake = kw_calloc(ctx, N, sizeof(double));
  if (!buyer || !a->value_score || !a->potential_score || !a->action ||
      !a->rule || !a->at_stake) {
    kw_free(ctx, buyer);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++) buyer[i] = s->first[i] != KW_NA_DATE;
  kw_status st = yearly_revenue(a);
  if (!st)
    st = kw_an_percentile(ctx, a->value_metric, buyer, n, a->value_score);
  if (!st && a->have_clv && a->clv_ok) {
    st = kw_an_percentile(ctx, a->clv, buyer, n, a->potential_score);
  } else if (!st) {
    /* without a CLV model, or with one that failed its checks (its CLV
     * ranks customers by a P(alive) that decides nothing): recency and
     * frequency scores */
    double *rf = kw_malloc(ctx, N * sizeof *rf);
    if (!rf) {
      st = kw_fail_nomem(ctx);
    } else {
      for (size_t i = 0; i < n; i++)
        rf[i] = a->rd && a->rd->r[i] ? (double)(a->rd->r[i] + a->rd->f[i])
                                     : NAN;
      st = kw_an_percentile(ctx, rf, buyer, n, a->potential_score);
      kw_free(ctx, rf);
      a->potential_from_rfm = true;
      if (!st)
        st = kw_an_note(a, KW_STEP_ACTIONS, KW_STEP_LIMITED,
                        a->have_clv ? "note.potential_checks"
                                    : "note.potential_rfm",
                        NULL, 0);
    }
  }
  kw_free(ctx, buyer);
  if (st) return st;

  kw_action_input in;
  size_t count[KW_ACTION__COUNT] = {0};
  for (size_t i = 0; i < n; i++) {
    a->rule[i] = UINT32_MAX;
    if (s->first[i] == KW_NA_DATE) continue;
    kw_analysis_input(a, i, &in);
    size_t r;
    kw_action act = kw_action_decide(a->rules, &in, &r);
    a->action[i] = (uint8_t)act;
    a->rule[i] = r == SIZE_MAX ? UINT32_MAX : (uint32_t)r;
    a->at_stake[i] = stake_of(a, i);
    a->stake_total[act] += a->at_stake[i];
    count[act]++;
  }
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    a->list[k] = kw_malloc(ctx, (count[k] ? count[k] : 1) * sizeof(uint32_t));
    if (!a->list[k]) return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++) {
    kw_action act = (kw_action)a->action[i];
    if (act == KW_ACTION_NONE) continue;
    if (kw_action_is_marketing(act) && a->has_consent && a->consent[i] == 0) {
      a->no_consent[act]++;
      a->no_consent_total++;
      continue;
    }
    a->list[act][a->list_n[act]++] = (uint32_t)i;
  }
  double *down = kw_malloc(ctx, N * sizeof *down);
  if (!down) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < n; i++) down[i] = -a->at_stake[i];
  for (int k = 1; k < KW_ACTION__COUNT; k++)
    if (sort_by_stake(ctx, a->list[k], a->list_n[k],
                      k == KW_ACTION_REPRICE ? a->at_stake : down)) {
      kw_free(ctx, down);
      return KW_ENOMEM;
    }
  kw_free(ctx, down);
  return KW_OK;
}

