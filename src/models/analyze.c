/*
 * analyze.c — the main job: every analysis the dataset allows, in one
 * pass over the library's models, and the figures the report shows.
 *
 * Steps run in a fixed order (KW_STEP_LIST); each records its status and,
 * when it could not do everything, a note that names the missing table or
 * column: a message key with its values, which the writers put in the
 * reader's language (report/analysis_text.c). The analysis holds no text
 * of any language. A step never fails the whole run:
 * only an empty dataset, bad options or exhausted memory do.
 *
 * Figures defined here (the models define the rest):
 *   repeat rate   customers with two or more orders / customers with an
 *                 order (kw_pareto's n_repeat / (n_repeat + n_once));
 *   status        one rule (kw_churn_status_rule): the gap rule, made
 *                 worse by P(alive) only when the purchase model passed
 *                 its checks (klantwijs/clvcheck.h); nobody past the gap
 *                 is active;
 *   churn rate    of the customers acquired at least 12 months before the
 *                 as-of day and not churned (gap rule) 12 months before
 *                 it, the share whose status is churned at the as-of day
 *                 (the same status as the "have left" count); with less
 *                 than a year of history, the share of all buyers
 *                 churned at the as-of day;
 *   active        buyers whose status is not churned;
 *   NPS           over each customer's latest score up to the as-of day:
 *                 % promoters (9-10) - % detractors (0-6);
 *   CAC, CLV/CAC  mean acquisition cost over buyers with a known cost, and
 *                 the mean lifetime value of those buyers (value so far +
 *                 CLV over the horizon) divided by it.
 * Groups of fewer than min_group customers never reach a profile table:
 * RFM segments, payment classes and cohorts are merged into "other" here.
 */
#include "klantwijs/history.h"
#include "models/analyze_internal.h"
#include "data/lineidx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void kw_analyze_load_options(kw_load_options *o) {
  if (!o->tables)
    o->tables = 1u << KW_TABLE_TRANSACTIONS | 1u << KW_TABLE_CUSTOMERS |
                1u << KW_TABLE_INVOICES | 1u << KW_TABLE_COSTS |
                1u << KW_TABLE_FEEDBACK | 1u << KW_TABLE_TOUCHPOINTS |
                1u << KW_TABLE_REFERRALS | 1u << KW_TABLE_SPEND;
  o->skip_contact = true;     /* never shown by the analysis: not read */
  o->invoice_ids_only = true; /* lines are grouped, never named */
}

void kw_analyze_options_init(kw_analyze_options *o) {
  memset(o, 0, sizeof *o);
  o->as_of = KW_NA_DATE;
  o->currency = "EUR";
  o->clv_model = KW_CLV_BGNBD;
  o->horizon_months = 12;
  o->discount_rate = 0.10;
  o->min_group = 5;
  o->top_per_action = 15;
  o->detect_currency = true;
  kw_profit_options_init(&o->profit);
}

/* The options' currency when given, else the one the data name, else the
 * options' currency (EUR by default), assumed. */
static void detect_currency(kw_analysis *a) {
  kw_currency_info *ci = &a->currency_info;
  kw_dataset_currency(a->ds, a->o.detect_currency ? NULL : a->currency, ci);
  if (ci->from == KW_CURRENCY_ASSUMED)
    snprintf(ci->code, sizeof ci->code, "%s", a->currency);
  snprintf(a->currency, sizeof a->currency, "%s", ci->code);
}

static const char *const step_keys[KW_STEP__COUNT] = {
#define KW_X_STEP(e, key) [e] = key,
    KW_STEP_LIST(KW_X_STEP)
#undef KW_X_STEP
};

const char *kw_step_key(kw_step s) {
  return (unsigned)s < KW_STEP__COUNT ? step_keys[s] : "";
}

const char *kw_step_status_name(kw_step_status s) {
  switch (s) {
    case KW_STEP_RAN: return "ran";
    case KW_STEP_LIMITED: return "limited";
    case KW_STEP_SKIPPED: return "skipped";
    case KW_STEP_FAILED: return "failed";
    default: return "pending";
  }
}

static void begin_step(kw_analysis *a, kw_step s) {
  if (a->o.on_step)
    a->o.on_step(a->o.step_user, (size_t)s, KW_STEP__COUNT, step_keys[s]);
}

static void end_step(kw_analysis *a, kw_step s) {
  if (a->step[s] == KW_STEP_PENDING) a->step[s] = KW_STEP_RAN;
}

static kw_status note_no_column(kw_analysis *a, kw_step s, kw_table_kind k,
                                kw_role r, kw_step_status st) {
  kw_marg args[] = {kw_ma_str("table", kw_table_kind_name(k)),
                    kw_ma_str("column", kw_role_name(r))};
  return kw_an_note(a, s, st, "note.no_column", args, 2);
}

/* The first of roles[] missing from t, or KW_ROLE__COUNT. */
static kw_role missing_role(const kw_table *t, const kw_role *roles,
                            size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!kw_table_role(t, roles[i])) return roles[i];
  return KW_ROLE__COUNT;
}

/* ---------------------------------------------------------------- steps */

static kw_status step_quality(kw_analysis *a) {
  kw_quality_options qo;
  kw_quality_options_init(&qo);
  kw_status st = kw_quality_check(a->ctx, a->ds, &qo, &a->q);
  if (st == KW_ENOMEM) return st;
  if (st) return kw_an_note_text(a, KW_STEP_QUALITY, KW_STEP_FAILED,
                                 "note.error", kw_errmsg(a->ctx));
  a->have_quality = true;
  return KW_OK;
}

static kw_status step_profit(kw_analysis *a) {
  const kw_profit_options po = a->o.profit;
  const kw_table *costs = kw_dataset_table(a->ds, KW_TABLE_COSTS);
  kw_status st = kw_profit_compute(a->ctx, a->s, costs, &po, &a->profit);
  if (st && st != KW_ENOMEM && costs) {
    char err[KW_ERRMSG_MAX];
    snprintf(err, sizeof err, "%s", kw_errmsg(a->ctx));
    if (kw_an_note_text(a, KW_STEP_PROFIT, KW_STEP_LIMITED,
                        "note.costs_unusable", err))
      return KW_ENOMEM;
    st = kw_profit_compute(a->ctx, a->s, NULL, &po, &a->profit);
  }
  if (st == KW_ENOMEM) return st;
  if (st)
    return kw_an_note_text(a, KW_STEP_PROFIT, KW_STEP_FAILED, "note.error",
                           kw_errmsg(a->ctx));
  a->pd = kw_profit_view(a->profit);
  a->have_profit = a->pd->n_known > 0;
  if (a->pd->n_no_cost > 0) {
    kw_marg arg = kw_ma_int("n", (int64_t)a->pd->n_no_cost);
    if (kw_an_note(a, KW_STEP_PROFIT, KW_STEP_LIMITED, "note.no_cost", &arg,
                   1))
      return KW_ENOMEM;
  }
  if (a->pd->unpriced_rows > 0) {
    kw_marg arg = kw_ma_int("rows", (int64_t)a->pd->unpriced_rows);
    if (kw_an_note(a, KW_STEP_PROFIT, KW_STEP_LIMITED, "note.unpriced", &arg,
                   1))
      return KW_ENOMEM;
  }
  if (!costs) return kw_an_note_no_table(a, KW_STEP_PROFIT, KW_TABLE_COSTS,
                                   KW_STEP_LIMITED);
  return KW_OK;
}

static kw_status step_pareto(kw_analysis *a) {
  kw_pareto_options po;
  kw_pareto_options_init(&po);
  po.profit = a->have_profit ? a->profit : NULL;
  kw_status st = kw_pareto_compute(a->ctx, a->s, &po, &a->pareto);
  if (st == KW_ENOMEM) return st;
  if (st)
    return kw_an_note_text(a, KW_STEP_PARETO, KW_STEP_FAILED, "note.error",
                           kw_errmsg(a->ctx));
  a->par = kw_pareto_view(a->pareto);
  return KW_OK;
}

/* Merge rows of fewer than min customers into one "other" row, which is
 * itself left out when it is still too small. rows[] has room for n + 1. */
static size_t merge_small(kw_group_row *rows, size_t n, size_t min,
                          size_t total_customers, int64_t total_revenue) {
  kw_group_row other;
  memset(&other, 0, sizeof other);
  other.key = "other";
  other.kind = KW_ANG_OTHER;
  double rec = 0, freq = 0, mon = 0;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (rows[i].customers == 0) continue;
    bool is_other = strcmp(rows[i].key, "other") == 0;
    if (rows[i].customers >= min && !is_other) {
      rows[k++] = rows[i];
      continue;
    }
    double c = (double)rows[i].customers;
    other.customers += rows[i].customers;
    other.revenue += rows[i].revenue;
    rec += rows[i].mean_recency * c;
    freq += rows[i].mean_frequency * c;
    mon += rows[i].mean_monetary * c;
  }
  if (other.customers >= min) {
    double c = (double)other.customers;
    other.mean_recency = rec / c;
    other.mean_frequency = freq / c;
    other.mean_monetary = mon / c;
    other.share = total_customers ? c / (double)total_customers : 0;
    other.revenue_share =
        total_revenue > 0 ? (double)other.revenue / (double)total_revenue : 0;
    rows[k++] = other;
  }
  return k;
}

static kw_status step_rfm(kw_analysis *a) {
  kw_rfm_options ro;
  kw_rfm_options_init(&ro);
  ro.rules = a->o.rfm_rules;
  kw_status st = kw_rfm_compute(a->ctx, a->s, &ro, &a->rfm);
  if (st == KW_ENOMEM) return st;
  if (st)
    return kw_an_note_text(a, KW_STEP_RFM, KW_STEP_FAILED, "note.error",
                           kw_errmsg(a->ctx));
  const kw_rfm_data *d = a->rd = kw_rfm_view(a->rfm);
  a->groups_rfm = kw_calloc(a->ctx, d->n_segments + 1, sizeof *a->groups_rfm);
  if (!a->groups_rfm) return kw_fail_nomem(a->ctx);
  int64_t rev_all = 0;
  for (size_t g = 0; g < d->n_segments; g++) {
    const kw_rfm_segment_row *sr = &d->segments[g];
    kw_group_row *r = &a->groups_rfm[g];
    r->key = sr->key;
    r->kind = KW_ANG_RFM;
    r->code = (int)g;
    r->customers = sr->customers;
    r->revenue = sr->revenue;
    r->share = sr->share;
    r->revenue_share = sr->revenue_share;
    r->mean_recency = sr->mean_recency;
    r->mean_frequency = sr->mean_frequency;
    r->mean_monetary = sr->mean_monetary;
    if (!kw_money_add(&rev_all, sr->revenue > 0 ? sr->revenue : 0))
      return kw_fail_tpl(a->ctx, KW_ERANGE, "model.e.rfm_revenue_range",
                         "RFM segments: revenue out of range", NULL);
  }
  a->n_groups_rfm = merge_small(a->groups_rfm, d->n_segments, a->o.min_group,
                                d->n_scored, rev_all);
  memset(a->rfm_grid, 0, sizeof a->rfm_grid);
  memset(a->rfm_grid_seg, 0xFF, sizeof a->rfm_grid_seg);
  if (d->bins == 5) {
    for (size_t i = 0; i < d->n; i++) {
      if (!d->r[i]) continue;
      int row = d->r[i] - 1, col = d->f[i] + d->m[i] - 2;
      if (row < 0 || row > 4 || col < 0 || col > 8) continue;
      if (a->rfm_grid[row][col]++ == 0) a->rfm_grid_seg[row][col] = d->segment[i];
    }
  }
  return KW_OK;
}

static kw_status step_churn(kw_analysis *a) {
  const kw_table *tx = kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS);
  kw_churn_options co;
  kw_churn_options_init(&co);
  co.as_of = a->as_of;
  co.duration_unit_days = 30.4375;
  kw_status st = KW_OK;
  /* the one status rule (kw_churn_status_rule): P(alive) takes part only
   * when the purchase model passed its checks */
  if (a->have_clv && a->clv_ok) {
    co.p_alive = a->p_alive;
    co.n_p_alive = a->n;
  }
  co.value = a->have_clv ? a->clv : NULL;
  co.n_value = a->have_clv ? a->n : 0;
  if (!st) st = kw_churn_purchases(a->ctx, tx, &co, &a->churn);
  if (st == KW_ENOMEM) return st;
  if (st)
    return kw_an_note_text(a, KW_STEP_CHURN, KW_STEP_FAILED, "note.error",
                           kw_errmsg(a->ctx));
  a->ci = kw_churn_info_view(a->churn);
  a->cc = kw_churn_customers_view(a->churn);
  if (!a->have_clv || !a->clv_ok) {
    kw_marg arg = kw_ma_num("gap", a->ci->gap_days, 0);
    if (kw_an_note(a, KW_STEP_CHURN, KW_STEP_RAN, "note.gap_rule", &arg, 1))
      return KW_ENOMEM;
  }
  /* status counts over buyers of the summary (the same customers) */
  size_t active = 0, at_risk = 0, churned = 0;
  for (size_t i = 0; i < a->cc->n && i < a->n; i++) {
    uint8_t s = a->cc->status[i];
    if (s == KW_CHURN_ACTIVE) active++;
    else if (s == KW_CHURN_AT_RISK) at_risk++;
    else if (s == KW_CHURN_CHURNED) churned++;
  }
  a->churn_at_risk = at_risk;
  a->churn_churned = churned;
  a->head.active_customers = active + at_risk;
  /* the 12-month churn rate (one definition: klantwijs/retention.h) */
  kw_churn_year yr;
  kw_churn_year_rate(a->churn, &yr);
  if (yr.defined) {
    a->churn_12m = true;
    a->churn_rate = yr.rate;
  } else {
    a->churn_rate = a->ci->n_buyers
                        ? (double)churned / (double)a->ci->n_buyers
                        : NAN;
  }
  const kw_churn_durations *du = kw_churn_durations_view(a->churn);
  if (du->n > 0) {
    st = kw_km_fit(a->ctx, du->duration, du->event, du->n, NULL, 0, NULL,
                   NULL, &a->km);
    if (st == KW_ENOMEM) return st;
    if (st &&
        kw_an_note_text(a, KW_STEP_CHURN, KW_STEP_LIMITED, "note.error",
                        kw_errmsg(a->ctx)))
      return KW_ENOMEM;
  }
  return KW_OK;
}

static kw_status step_cohorts(kw_analysis *a) {
  const kw_table *tx = kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS);
  kw_cohort_options co;
  kw_cohort_options_init(&co);
  co.as_of = a->as_of;
  co.period = a->as_of - a->first_date > 1100 ? KW_PERIOD_QUARTER
                                                : KW_PERIOD_MONTH;
  const kw_analyze_source *src = a->o.source;
  kw_status st = src && src->cohorts
                     ? src->cohorts(src->user, a->ctx, &co, &a->cohorts)
                     : kw_cohorts_build(a->ctx, tx, &co, &a->cohorts);
  if (st == KW_ENOMEM) return st;
  if (st)
    return kw_an_note_text(a, KW_STEP_COHORTS, KW_STEP_FAILED, "note.error",
                           kw_errmsg(a->ctx));
  const kw_cohort_matrix *act = kw_cohorts_matrix(a->cohorts, KW_COHORT_ACTIVE);
  const kw_cohort_matrix *sh =
      kw_cohorts_matrix(a->cohorts, KW_COHORT_ACTIVE_SHARE);
  kw_cohort_view *v = &a->cv;
  size_t R = act->rows, Cn = act->cols;
  v->period = co.period;
  v->cols = Cn;
  v->label = kw_calloc(a->ctx, R + 1, sizeof *v->label);
  v->size = kw_calloc(a->ctx, R + 1, sizeof *v->size);
  v->value = kw_malloc(a->ctx, (R + 1) * (Cn ? Cn : 1) * sizeof *v->value);
  v->total = kw_malloc(a->ctx, (Cn ? Cn : 1) * sizeof *v->total);
  double *onum = kw_calloc(a->ctx, Cn ? Cn : 1, sizeof *onum);
  double *oden = kw_calloc(a->ctx, Cn ? Cn : 1, sizeof *oden);
  if (!v->label || !v->size || !v->value || !v->total || !onum || !oden) {
    kw_free(a->ctx, onum);
    kw_free(a->ctx, oden);
    return kw_fail_nomem(a->ctx);
  }
  size_t k = 0;
  uint64_t other_size = 0;
  for (size_t c = 0; c < R; c++) {
    uint64_t sz = kw_cohorts_size(a->cohorts, c);
    if (sz == 0) continue;
    if (sz < a->o.min_group) {
      v->merged++;
      other_size += sz;
      for (size_t j = 0; j < Cn; j++)
        if (act->defined[c * Cn + j]) {
          onum[j] += act->value[c * Cn + j];
          oden[j] += (double)sz;
        }
      continue;
    }
    kw_period_label(v->label[k], kw_cohorts_index(a->cohorts, c), co.period);
    v->size[k] = sz;
    for (size_t j = 0; j < Cn; j++)
      v->value[k * Cn + j] =
          sh->defined[c * Cn + j] ? sh->value[c * Cn + j] : NAN;
    k++;
  }
  if (other_size >= a->o.min_group) {
    snprintf(v->label[k], sizeof v->label[k], "other");
    v->size[k] = other_size;
    for (size_t j = 0; j < Cn; j++)
      v->value[k * Cn + j] = oden[j] > 0 ? onum[j] / oden[j] : NAN;
    v->has_other = true;
    k++;
  }
  v->rows = k;
  for (size_t j = 0; j < Cn; j++)
    v->total[j] = sh->total_defined[j] ? sh->total[j] : NAN;
  kw_free(a->ctx, onum);
  kw_free(a->ctx, oden);
  return KW_OK;
}

/* n zeroed arrays of the element sizes sz[0..k) (in descending order,
 * so each array stays aligned) in one block: *mem owns it, arr[j] gets
 * the j-th array. */
static kw_status carve(kw_context *ctx, size_t n, const size_t *sz,
                       void **const *arr, size_t k, void **mem) {
  size_t m = n ? n : 1, total = 0;
  for (size_t j = 0; j < k; j++) total += m * sz[j];
  char *b = kw_calloc(ctx, total ? total : 1, 1);
  if (!b) return kw_fail_nomem(ctx);
  *mem = b;
  for (size_t j = 0; j < k; j++) {
    *arr[j] = b;
    b += m * sz[j];
  }
  return KW_OK;
}

/* The payment behaviour and ageing from the source (a database): the
 * per-customer rows and the portfolio figures of kw_payments_compute. */
static kw_status source_payments(kw_analysis *a, const kw_analyze_source *src,
                                 const kw_payments_options *po) {
  kw_source_payments sp;
  memset(&sp, 0, sizeof sp);
  sp.n = a->n;
  sp.customers = a->ids;
  void **arr[] = {(void **)&sp.days_to_pay, (void **)&sp.days_late,
                  (void **)&sp.late_share,  (void **)&sp.invoiced,
                  (void **)&sp.open,        (void **)&sp.credit,
                  (void **)&sp.overdue,     (void **)&sp.ageing[0],
                  (void **)&sp.ageing[1],   (void **)&sp.ageing[2],
                  (void **)&sp.ageing[3],   (void **)&sp.ageing[4],
                  (void **)&sp.invoices,    (void **)&sp.settled,
                  (void **)&sp.settled_late, (void **)&sp.errors,
                  (void **)&sp.max_overdue_days, (void **)&sp.pay_class};
  _Static_assert(KW_AGE__COUNT == 5, "five ageing buckets");
  static const size_t sz[] = {8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
                              8, 8, 4, 4, 4, 4, 4, 1};
  kw_status st = carve(a->ctx, a->n, sz, arr, sizeof sz / sizeof *sz,
                       &a->src_pay_mem);
  if (st) return st;
  kw_payments_data *d = &a->src_pay;
  memset(d, 0, sizeof *d);
  d->n = a->n;
  d->as_of = po->as_of;
  d->invoices = sp.invoices;
  d->settled = sp.settled;
  d->settled_late = sp.settled_late;
  d->late_share = sp.late_share;
  d->days_to_pay = sp.days_to_pay;
  d->days_late = sp.days_late;
  d->invoiced = sp.invoiced;
  d->open = sp.open;
  d->credit = sp.credit;
  d->overdue = sp.overdue;
  for (int k = 0; k < KW_AGE__COUNT; k++) d->ageing[k] = sp.ageing[k];
  d->max_overdue_days = sp.max_overdue_days;
  d->pay_class = sp.pay_class;
  d->errors = sp.errors;
  sp.data = d;
  return src->payments(src->user, a->ctx, po, &sp);
}

static kw_status step_payments(kw_analysis *a) {
  const kw_table *inv = kw_dataset_table(a->ds, KW_TABLE_INVOICES);
  if (!inv)
    return kw_an_note_no_table(a, KW_STEP_PAYMENTS, KW_TABLE_INVOICES,
                         KW_STEP_SKIPPED);
  static const kw_role need[] = {KW_ROLE_CUSTOMER, KW_ROLE_DATE,
                                 KW_ROLE_AMOUNT, KW_ROLE_PAID_DATE};
  kw_role miss = missing_role(inv, need, 4);
  if (miss != KW_ROLE__COUNT)
    return note_no_column(a, KW_STEP_PAYMENTS, KW_TABLE_INVOICES, miss,
                          KW_STEP_SKIPPED);
  kw_payments_options po;
  kw_payments_options_init(&po);
  po.as_of = a->as_of;
  const kw_analyze_source *src = a->o.source;
  kw_status st = src && src->payments
                     ? source_payments(a, src, &po)
                     : kw_payments_compute(a->ctx, a->s, inv, &po, &a->pay);
  if (st == KW_ENOMEM) return st;
  if (st)
    return kw_an_note_text(a, KW_STEP_PAYMENTS, KW_STEP_FAILED,
                           "note.error", kw_errmsg(a->ctx));
  const kw_payments_data *p = a->pp =
      a->pay ? kw_payments_view(a->pay) : &a->src_pay;
  static const char *const keys[KW_PAY__COUNT] = {"none", "fast", "slow",
                                                  "problematic"};
  kw_group_row rows[KW_PAY__COUNT + 1];
  memset(rows, 0, sizeof rows);
  int64_t rev_all = 0;
  for (size_t i = 0; i < p->n && i < a->n; i++) {
    uint8_t c = p->pay_class[i];
    if (c == KW_PAY_NONE || c >= KW_PAY__COUNT) continue;
    int64_t r = a->s->revenue[i] > 0 ? a->s->revenue[i] : 0;
    if (!kw_money_add(&rows[c].revenue, r) || !kw_money_add(&rev_all, r))
      return kw_fail_tpl(a->ctx, KW_ERANGE, "model.e.payments_revenue_range",
                         "payments: revenue out of range", NULL);
  }
  size_t nr = 0;
  for (int c = KW_PAY_FAST; c < KW_PAY__COUNT; c++) {
    kw_group_row *r = &rows[nr++];
    *r = rows[c];
    r->key = keys[c];
    r->kind = KW_ANG_PAY;
    r->code = c;
    r->customers = p->n_class[c];
    r->share = p->n_customers ? (double)r->customers / (double)p->n_customers
                              : 0;
    r->revenue_share =
        rev_all > 0 ? (double)r->revenue / (double)rev_all : 0;
  }
  a->n_groups_pay = merge_small(rows, nr, a->o.min_group,
                                p->n_customers, rev_all);
  memcpy(a->groups_pay, rows, sizeof rows);
  a->head.dso = p->dso_defined ? p->dso : NAN;
  return KW_OK;
}

static kw_status step_feedback(kw_analysis *a) {
  const kw_table *fb = kw_dataset_table(a->ds, KW_TABLE_FEEDBACK);
  if (!fb)
    return kw_an_note_no_table(a, KW_STEP_FEEDBACK, KW_TABLE_FEEDBACK,
                         KW_STEP_SKIPPED);
  const kw_column *cu = kw_table_role(fb, KW_ROLE_CUSTOMER);
  const kw_column *sc = kw_table_role(fb, KW_ROLE_NPS);
  const kw_column *dt = kw_table_role(fb, KW_ROLE_DATE);
  /* an anonymous survey: the feedback model (analyze_feedback.c) scores
     it; there is nothing per customer */
  if (!cu && sc) return KW_OK;
  if (!cu || !sc)
    return note_no_column(a, KW_STEP_FEEDBACK, KW_TABLE_FEEDBACK,
                          cu ? KW_ROLE_NPS : KW_ROLE_CUSTOMER,
                          KW_STEP_SKIPPED);
  a->nps_score = kw_malloc(a->ctx, (a->n ? a->n : 1) * sizeof *a->nps_score);
  int32_t *when = kw_malloc(a->ctx, (a->n ? a->n : 1) * sizeof *when);
  if (!a->nps_score || !when) {
    kw_free(a->ctx, when);
    return kw_fail_nomem(a->ctx);
  }
  for (size_t i = 0; i < a->n; i++) a->nps_score[i] = NAN, when[i] = INT32_MIN;
  size_t rows = kw_table_rows(fb);
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cu->v.text[r];
    double v = sc->v.number[r];
    if (c == KW_NA_ID || c >= a->n || isnan(v) || v < 0 || v > 10) continue;
    int32_t d = dt ? dt->v.date[r] : INT32_MIN + 1;
    if (dt && (d == KW_NA_DATE || d > a->as_of)) continue;
    if (d >= when[c]) when[c] = d, a->nps_score[c] = v;
  }
  kw_free(a->ctx, when);
  for (size_t i = 0; i < a->n; i++) {
    double v = a->nps_score[i];
    if (isnan(v)) continue;
    a->nps_n++;
    if (v >= 9) a->nps_promoters++;
    else if (v >= 7) a->nps_passives++;
    else a->nps_detractors++;
  }
  if (a->nps_n == 0) {
    a->head.nps = NAN;
    return kw_an_note(a, KW_STEP_FEEDBACK, KW_STEP_SKIPPED,
                      "note.no_responses", NULL, 0);
  }
  a->head.nps = 100.0 * ((double)a->nps_promoters - (double)a->nps_detractors) /
                (double)a->nps_n;
  return KW_OK;
}

/* The customers table: consent, names, acquisition cost per customer. */
static kw_status read_customers_table(kw_analysis *a) {
  const kw_table *ct = kw_dataset_table(a->ds, KW_TABLE_CUSTOMERS);
  a->cac = kw_malloc(a->ctx, (a->n ? a->n : 1) * sizeof *a->cac);
  if (!a->cac) return kw_fail_nomem(a->ctx);
  for (size_t i = 0; i < a->n; i++) a->cac[i] = NAN;
  if (!ct) return KW_OK;
  const kw_column *cu = kw_table_role(ct, KW_ROLE_CUSTOMER);
  if (!cu) return KW_OK;
  const kw_column *cons = kw_table_role(ct, KW_ROLE_CONSENT);
  const kw_column *name = kw_table_role(ct, KW_ROLE_NAME);
  const kw_column *cost = kw_table_role(ct, KW_ROLE_ACQ_COST);
  size_t rows = kw_table_rows(ct);
  if (cons) {
    a->has_consent = true;
    a->consent = kw_malloc(a->ctx, a->n ? a->n : 1);
    if (!a->consent) return kw_fail_nomem(a->ctx);
    memset(a->consent, (unsigned char)KW_NA_FLAG, a->n);
  }
  if (name) { /* the writers show them only with show_names */
    a->name_dict = name->dict;
    a->name_id = kw_malloc(a->ctx, (a->n ? a->n : 1) * sizeof *a->name_id);
    if (!a->name_id) return kw_fail_nomem(a->ctx);
    for (size_t i = 0; i < a->n; i++) a->name_id[i] = KW_NA_ID;
  }
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cu->v.text[r];
    if (c == KW_NA_ID || c >= a->n) continue;
    if (cons && cons->v.flag[r] != KW_NA_FLAG) a->consent[c] = cons->v.flag[r];
    if (a->name_id) a->name_id[c] = name->v.text[r];
    if (cost && cost->v.money[r] != KW_NA_MONEY)
      a->cac[c] = (double)cost->v.money[r] / 100.0;
  }
  return KW_OK;
}

static kw_status step_acquisition(kw_analysis *a) {
  const kw_table *ct = kw_dataset_table(a->ds, KW_TABLE_CUSTOMERS);
  a->head.cac_mean = a->head.clv_cac = NAN;
  a->cac_mean = a->ltv_mean = NAN;
  if (!ct)
    return kw_an_note_no_table(a, KW_STEP_ACQUISITION, KW_TABLE_CUSTOMERS,
                         KW_STEP_SKIPPED);
  if (!kw_table_role(ct, KW_ROLE_ACQ_COST))
    return note_no_column(a, KW_STEP_ACQUISITION, KW_TABLE_CUSTOMERS,
                          KW_ROLE_ACQ_COST, KW_STEP_SKIPPED);
  double cac = 0, ltv = 0;
  size_t n = 0;
  for (size_t i = 0; i < a->n; i++) {
    if (a->s->first[i] == KW_NA_DATE || isnan(a->cac[i])) continue;
    double v = isfinite(a->value_metric[i]) ? a->value_metric[i] / 100.0 : 0;
    if (a->have_clv && isfinite(a->clv[i])) v += a->clv[i];
    cac += a->cac[i];
    ltv += v;
    n++;
  }
  a->cac_n = n;
  if (n == 0) {
    kw_marg arg = kw_ma_str("column", kw_role_name(KW_ROLE_ACQ_COST));
    return kw_an_note(a, KW_STEP_ACQUISITION, KW_STEP_SKIPPED,
                      "note.no_values", &arg, 1);
  }
  a->cac_mean = a->head.cac_mean = cac / (double)n;
  a->ltv_mean = ltv / (double)n;
  a->head.clv_cac = cac > 0 ? ltv / cac : NAN;
  return KW_OK;
}

/* Value per customer: contribution where known, else revenue x the
 * portfolio's margin, else revenue (cents, as double). */
static kw_status value_metric(kw_analysis *a) {
  a->value_metric = kw_malloc(a->ctx, (a->n ? a->n : 1) * sizeof(double));
  if (!a->value_metric) return kw_fail_nomem(a->ctx);
  double margin = NAN;
  if (a->pd && a->have_profit && a->pd->revenue_known > 0)
    margin = (double)a->pd->contribution_total / (double)a->pd->revenue_known;
  for (size_t i = 0; i < a->n; i++) {
    if (a->s->first[i] == KW_NA_DATE) {
      a->value_metric[i] = NAN;
      continue;
    }
    double rev = (double)a->s->revenue[i];
    if (a->pd && !(a->pd->flags[i] & KW_PROFIT_NO_COST)) {
      a->value_metric[i] = (double)a->pd->contribution[i];
      a->value_measure = KW_MEASURE_CONTRIBUTION;
    } else if (isfinite(margin)) {
      a->value_metric[i] = rev * margin;
      if (a->value_measure == KW_MEASURE_REVENUE)
        a->value_measure = KW_MEASURE_EST_CONTRIBUTION;
    } else {
      a->value_metric[i] = rev;
    }
  }
  return KW_OK;
}

/* The per-customer summary from the source (a database) into v, its
 * arrays in one block (*mem): the source's columns per customer, then x,
 * t_x, T, the repeat spend and the totals as kw_summary_build derives them
 * (klantwijs/summary.h). */
kw_status kw_an_source_summary(kw_analysis *a, const kw_summary_options *so,
                               kw_customer_summary *v, void **mem) {
  const kw_analyze_source *src = a->o.source;
  const kw_dict *ids = kw_dataset_customers(a->ds);
  size_t n = kw_dict_size(ids);
  kw_source_summary ss;
  memset(&ss, 0, sizeof ss);
  ss.n = n;
  ss.customers = ids;
  memset(v, 0, sizeof *v);
  double *x = NULL, *t_x = NULL, *T = NULL, *rspend = NULL;
  void **arr[] = {(void **)&ss.revenue, (void **)&ss.cost,
                  (void **)&ss.discount, (void **)&ss.repeat_revenue,
                  (void **)&x, (void **)&t_x, (void **)&T, (void **)&rspend,
                  (void **)&ss.first, (void **)&ss.last, (void **)&ss.orders,
                  (void **)&ss.days, (void **)&ss.lines,
                  (void **)&ss.cost_lines, (void **)&ss.n_products,
                  (void **)&ss.n_categories};
  static const size_t sz[] = {8, 8, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 4, 4, 4, 4};
  kw_status st = carve(a->ctx, n, sz, arr, sizeof sz / sizeof *sz, mem);
  if (st) return st;
  for (size_t i = 0; i < n; i++) ss.first[i] = ss.last[i] = KW_NA_DATE;
  ss.as_of = so->as_of;
  st = src->summary(src->user, a->ctx, so->as_of, &ss);
  if (st) return st;
  const double u = kw_unit_days(so->unit);
  for (size_t c = 0; c < n; c++) {
    v->lines_used += ss.lines[c];
    if (ss.lines[c] == 0) continue;
    if (ss.first[c] == KW_NA_DATE) {
      v->n_return_only++;
      v->return_only_lines += ss.lines[c];
      v->return_only_revenue += ss.revenue[c];
      continue;
    }
    v->n_buyers++;
    v->buyer_lines += ss.lines[c];
    if (!kw_money_add(&v->buyer_revenue, ss.revenue[c]))
      return kw_fail_tpl(a->ctx, KW_ERANGE, "model.e.summary_revenue_range",
                         "summary: revenue out of range", NULL);
    uint32_t pd = ss.days[c];
    x[c] = (double)pd - 1;
    t_x[c] = (double)(ss.last[c] - ss.first[c]) / u;
    T[c] = (double)(ss.as_of - ss.first[c]) / u;
    rspend[c] = pd > 1 ? (double)ss.repeat_revenue[c] / 100.0 /
                             (double)(pd - 1)
                       : 0;
  }
  v->n = n;
  v->ids = ids;
  v->as_of = ss.as_of;
  v->unit = so->unit;
  v->lines_after = ss.lines_after;
  v->has_invoice = ss.has_invoice;
  v->has_cost = ss.has_cost;
  v->has_category = ss.has_category;
  v->has_product = ss.has_product;
  v->first = ss.first;
  v->last = ss.last;
  v->orders = ss.orders;
  v->days = ss.days;
  v->lines = ss.lines;
  v->cost_lines = ss.cost_lines;
  v->revenue = ss.revenue;
  v->cost = ss.cost;
  v->discount = ss.discount;
  v->n_products = ss.n_products;
  v->n_categories = ss.n_categories;
  v->x = x;
  v->t_x = t_x;
  v->T = T;
  v->repeat_spend = rspend;
  return KW_OK;
}

/* The per-customer summary every other step reads. */
static kw_status step_summary(kw_analysis *a) {
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = a->o.as_of;
  so.unit = KW_UNIT_WEEK;
  const kw_analyze_source *src = a->o.source;
  kw_status st = src && src->summary
                     ? kw_an_source_summary(a, &so, &a->src_sum,
                                            &a->src_sum_mem)
                     : kw_summary_build(a->ctx, a->ds, &so, &a->sum);
  if (st) return st;
  a->s = a->sum ? kw_summary_view(a->sum) : &a->src_sum;
  if (a->s->n_buyers == 0)
    return kw_fail_tpl(a->ctx, KW_EEMPTY, "model.e.no_purchases",
                       "no purchases up to the as-of date", NULL);
  a->n = a->s->n;
  a->ids = a->s->ids;
  a->as_of = a->head.as_of = a->s->as_of;
  a->first_date = a->as_of;
  for (size_t i = 0; i < a->n; i++)
    if (a->s->first[i] != KW_NA_DATE && a->s->first[i] < a->first_date)
      a->first_date = a->s->first[i];
  a->head.customers = a->s->n_buyers;
  a->head.revenue = a->s->buyer_revenue; /* the one revenue total */
  const kw_read_report *rr =
      kw_table_report(kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS));
  if (rr) {
    a->tx_rows_read = rr->rows_read - rr->skipped[KW_SKIP_BLANK];
    a->tx_rows_skipped = rr->rows_skipped - rr->skipped[KW_SKIP_BLANK];
    a->guest_lines = rr->skipped[KW_SKIP_NO_CUSTOMER];
    a->guest_rows = rr->guest_rows;
    a->guest_cents = rr->guest_cents;
  }
  detect_currency(a);
  a->o.currency = a->currency;
  for (size_t i = 0; i < a->n; i++)
    if (a->s->first[i] == KW_NA_DATE && a->s->revenue[i] < 0) a->return_only++;
  if (a->return_only) {
    kw_marg arg = kw_ma_int("n", (int64_t)a->return_only);
    if ((st = kw_an_note(a, KW_STEP_SUMMARY, KW_STEP_RAN, "note.return_only",
                         &arg, 1)))
      return st;
  }
  return KW_OK;
}

/* Profit, then the value metric the later steps rank customers by. */
static kw_status step_profit_value(kw_analysis *a) {
  kw_status st = step_profit(a);
  return st ? st : value_metric(a);
}

static kw_status step_pareto_repeat(kw_analysis *a) {
  kw_status st = step_pareto(a);
  if (st) return st;
  a->head.repeat_rate = NAN;
  if (a->par && a->par->n_repeat + a->par->n_once > 0)
    a->head.repeat_rate = (double)a->par->n_repeat /
                          (double)(a->par->n_repeat + a->par->n_once);
  return KW_OK;
}

static kw_status step_payments_dso(kw_analysis *a) {
  a->head.dso = NAN;
  return step_payments(a);
}

static kw_status step_feedback_nps(kw_analysis *a) {
  a->head.nps = NAN;
  kw_status st = step_feedback(a);
  return st ? st : kw_an_feedback(a);
}

static kw_status step_customers_acquisition(kw_analysis *a) {
  kw_status st = read_customers_table(a);
  if (!st) st = step_acquisition(a);
  return st ? st : kw_an_channels(a);
}

static kw_status step_trends(kw_analysis *a) {
  return kw_an_growth(a, KW_STEP_TRENDS);
}
static kw_status step_journey(kw_analysis *a) {
  return kw_an_growth(a, KW_STEP_JOURNEY);
}
static kw_status step_referrals(kw_analysis *a) {
  return kw_an_growth(a, KW_STEP_REFERRALS);
}

/* The strategic fit (an input of the action rules), then the plan. */
static kw_status step_fit_actions(kw_analysis *a) {
  kw_status st = kw_an_fit(a);
  if (!st) st = kw_an_actions(a);
  /* feedback by segment and action reads the finished plan */
  return st ? st : kw_an_feedback_groups(a);
}

/* The steps of the analysis, in order: each row runs one step; its status
 * (ran, limited, skipped) is what the step recorded, else ran. */
static const struct {
  kw_step step;
  kw_status (*run)(kw_analysis *a);
} steps[] = {
    {KW_STEP_SUMMARY, step_summary},
    {KW_STEP_QUALITY, step_quality},
    {KW_STEP_PROFIT, step_profit_value},
    {KW_STEP_PARETO, step_pareto_repeat},
    {KW_STEP_RFM, step_rfm},
    {KW_STEP_CLV, kw_an_clv},
    {KW_STEP_CHURN, step_churn},
    {KW_STEP_COHORTS, step_cohorts},
    {KW_STEP_PAYMENTS, step_payments_dso},
    {KW_STEP_CROSS_SELL, kw_an_cross_sell},
    {KW_STEP_FEEDBACK, step_feedback_nps},
    {KW_STEP_ACQUISITION, step_customers_acquisition},
    {KW_STEP_TRENDS, step_trends},
    {KW_STEP_JOURNEY, step_journey},
    {KW_STEP_REFERRALS, step_referrals},
    {KW_STEP_ACTIONS, step_fit_actions},
};
_Static_assert(sizeof steps / sizeof *steps == KW_STEP__COUNT,
               "every step of kw_step has its row");

static kw_status run_steps(kw_analysis *a) {
  for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
    begin_step(a, steps[k].step);
    kw_status st = steps[k].run(a);
    if (st) return st;
    end_step(a, steps[k].step);
  }
  /* segments, clusters and personas read the finished plan */
  return kw_an_segments(a);
}

/* The steps share one customer-ordered index of the transaction lines and
 * one purchase history, built on first use (data/lineidx.h). */
static kw_status run(kw_analysis *a) {
  const kw_table *tx = kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS);
  kw_table_cache_begin(a->ctx, tx);
  kw_status st = run_steps(a);
  kw_table_cache_end(tx);
  return st;
}

kw_status kw_analyze_run(kw_context *ctx, const kw_dataset *ds,
                         const kw_analyze_options *o, kw_analysis **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "analyze: out is NULL");
  *out = NULL;
  if (!ds) return kw_fail(ctx, KW_EARG, "analyze: no dataset");
  kw_analyze_options def;
  if (!o) {
    kw_analyze_options_init(&def);
    o = &def;
  }
  if (o->horizon_months < 1 || o->horizon_months > 120)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.analyze_horizon",
                       "analyze: horizon must be 1..120 months", NULL);
  if (!(o->discount_rate >= 0 && o->discount_rate < 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.analyze_discount",
                       "analyze: discount rate must be in [0, 1)", NULL);
  if (o->holdout_days < 0)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.analyze_holdout",
                       "analyze: holdout days must be >= 0", NULL);
  if (o->profit.use_margin_pct &&
      !(o->profit.margin_pct >= -100 && o->profit.margin_pct <= 100))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.analyze_margin",
                       "analyze: margin must be -100..100%", NULL);
  kw_analysis *a = kw_calloc(ctx, 1, sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  a->ctx = ctx;
  a->ds = ds;
  a->o = *o;
  a->o.on_step = o->on_step;
  if (a->o.min_group < 1) a->o.min_group = 1;
  if (a->o.top_per_action < 1) a->o.top_per_action = 1;
  snprintf(a->currency, sizeof a->currency, "%s",
           o->currency && o->currency[0] ? o->currency : "EUR");
  a->o.currency = a->currency;
  a->rules = o->action_rules ? o->action_rules : kw_action_rules_builtin();
  a->rules_builtin = a->rules == kw_action_rules_builtin();
  a->head.clv_mean = a->head.cac_mean = a->head.clv_cac = NAN;
  a->head.churn_rate = a->head.dso = a->head.nps = a->head.repeat_rate = NAN;
  kw_status st = run(a);
  if (st) {
    kw_analysis_free(a);
    return st;
  }
  a->head.churn_rate = a->churn ? a->churn_rate : NAN;
  a->head.clv_mean =
      a->have_clv && a->s->n_buyers ? a->clv_total / (double)a->s->n_buyers
                                    : NAN;
  for (size_t i = 0; i < a->n; i++) a->head.action_count[a->action[i]]++;
  *out = a;
  return KW_OK;
}

kw_status kw_analysis_set_previous(kw_analysis *a, const kw_run_info *prev) {
  kw_free(a->ctx, a->prev);
  a->prev = NULL;
  if (!prev) return KW_OK;
  a->prev = kw_malloc(a->ctx, sizeof *a->prev);
  if (!a->prev) return kw_fail_nomem(a->ctx);
  *a->prev = *prev;
  return KW_OK;
}

void kw_analysis_free(kw_analysis *a) {
  if (!a) return;
  kw_context *ctx = a->ctx;
  kw_free(ctx, a->prev);
  kw_an_notes_free(a);
  kw_an_feedback_free(a);
  kw_summary_free(a->sum);
  kw_free(ctx, a->src_sum_mem);
  kw_free(ctx, a->src_pay_mem);
  kw_profit_free(a->profit);
  kw_pareto_free(a->pareto);
  kw_rfm_free(a->rfm);
  kw_free(ctx, a->groups_rfm);
  kw_free(ctx, a->p_alive);
  kw_free(ctx, a->expected);
  kw_free(ctx, a->spend);
  kw_free(ctx, a->clv);
  kw_free(ctx, a->p_alive_lo);
  kw_free(ctx, a->p_alive_hi);
  kw_free(ctx, a->clv_lo);
  kw_free(ctx, a->clv_hi);
  kw_churn_free(a->churn);
  kw_km_free(a->km);
  kw_cohorts_free(a->cohorts);
  kw_free(ctx, a->cv.label);
  kw_free(ctx, a->cv.size);
  kw_free(ctx, a->cv.value);
  kw_free(ctx, a->cv.total);
  kw_payments_free(a->pay);
  for (size_t i = 0; i < a->n_cross; i++) {
    kw_free(ctx, a->cross[i].lhs);
    kw_free(ctx, a->cross[i].rhs);
  }
  kw_free(ctx, a->cross);
  if (a->next_best)
    for (size_t i = 0; i < a->n; i++) kw_free(ctx, a->next_best[i]);
  kw_free(ctx, a->next_best);
  kw_free(ctx, a->next_best_value);
  kw_free(ctx, a->nps_score);
  kw_trends_free(a->trends);
  kw_journey_free(a->journey);
  kw_referrals_free(a->referrals);
  kw_acquisition_free(a->acq);
  kw_free(ctx, a->ltv);
  kw_free(ctx, a->rate_break);
  kw_free(ctx, a->cac);
  kw_free(ctx, a->consent);
  kw_free(ctx, a->name_id);
  kw_free(ctx, a->value_metric);
  kw_free(ctx, a->value_score);
  kw_free(ctx, a->potential_score);
  kw_free(ctx, a->action);
  kw_free(ctx, a->rule);
  kw_free(ctx, a->at_stake);
  kw_free(ctx, a->yearly_revenue);
  for (int k = 0; k < KW_ACTION__COUNT; k++) kw_free(ctx, a->list[k]);
  kw_an_segments_free(a);
  kw_free(ctx, a);
}

const kw_headline *kw_analysis_headline(const kw_analysis *a) {
  return &a->head;
}

size_t kw_analysis_customers(const kw_analysis *a) { return a->n; }

kw_action kw_analysis_action(const kw_analysis *a, size_t customer) {
  return customer < a->n ? (kw_action)a->action[customer] : KW_ACTION_NONE;
}
