/*
 * churn.c — who has churned, when, and at what rate: the gap rule for
 * purchases (optionally P(alive) for the status), contract ends for
 * subscriptions, a churn/retention table per calendar period, the lists
 * of recently churned and at-risk customers, and Kaplan–Meier durations.
 * Rules and definitions: klantwijs/retention.h.
 *
 * Design: per-customer state lives in four flat arrays indexed by the
 * dense customer id. The gap quantile comes from a histogram of the
 * (integer) inter-purchase days, so no sort of all intervals is needed.
 * The period table is counted with two per-period arrays (acquired,
 * churned): the customers alive at the start of period P are those
 * acquired before P minus those who churned before P.
 */
#include "klantwijs/retention.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/churn_common.h"

struct kw_churn {
  kw_context *ctx;
  kw_churn_info info;
  kw_churn_customers cust;
  uint8_t *status;
  int32_t *first, *last, *churn_day;
  kw_churn_period *periods;
  size_t n_periods;
  kw_churn_list lists[2]; /* recent, at risk */
  void *list_mem[2];
  kw_churn_durations dur;
  uint32_t *dur_id;
  double *dur_t;
  int8_t *dur_e;
  uint8_t *recent_flag; /* scratch until the lists are built */
};

void kw_churn_options_init(kw_churn_options *o) {
  memset(o, 0, sizeof *o);
  o->as_of = KW_NA_DATE;
  o->period = KW_PERIOD_MONTH;
  o->duration_unit_days = 1.0;
  o->gap_days = 0;
  o->gap_quantile = 0.9;
  o->gap_floor_days = 30;
  o->at_risk_fraction = 0.7;
  o->p_alive_threshold = 0.5;
  o->p_alive_at_risk = 0.7;
  o->at_risk_days = 90;
  o->p_alive_model = -1;
}

/* The rule's parameters as applied, for the reports. */
static void keep_rule(kw_churn_info *I, const kw_churn_options *o) {
  I->period = o->period;
  I->gap_quantile = o->gap_quantile;
  I->gap_floor_days = o->gap_floor_days;
  I->at_risk_fraction = o->at_risk_fraction;
  I->p_alive_threshold = o->p_alive_threshold;
  I->p_alive_at_risk = o->p_alive_at_risk > o->p_alive_threshold
                           ? o->p_alive_at_risk
                           : o->p_alive_threshold;
  I->p_alive_model = o->p_alive ? o->p_alive_model : -1;
  I->at_risk_days = o->at_risk_days;
}

void kw_churn_free(kw_churn *c) {
  if (!c) return;
  kw_context *ctx = c->ctx;
  kw_free(ctx, c->status);
  kw_free(ctx, c->first);
  kw_free(ctx, c->last);
  kw_free(ctx, c->churn_day);
  kw_free(ctx, c->periods);
  kw_free(ctx, c->list_mem[0]);
  kw_free(ctx, c->list_mem[1]);
  kw_free(ctx, c->dur_id);
  kw_free(ctx, c->dur_t);
  kw_free(ctx, c->dur_e);
  kw_free(ctx, c->recent_flag);
  kw_free(ctx, c);
}

static kw_status check_options(kw_context *ctx, const kw_churn_options *o) {
  if ((unsigned)o->period > KW_PERIOD_QUARTER)
    return kw_fail(ctx, KW_EARG, "unknown period unit %d", (int)o->period);
  if (!(o->duration_unit_days > 0) || !isfinite(o->duration_unit_days))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.churn_unit_days",
                       "duration_unit_days must be > 0", NULL);
  if (!(o->gap_days >= 0) || !isfinite(o->gap_days))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.churn_gap_days",
                       "gap_days must be >= 0", NULL);
  if (!(o->gap_quantile > 0 && o->gap_quantile <= 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.churn_gap_quantile",
                       "gap_quantile must be in (0, 1]", NULL);
  if (!(o->gap_floor_days >= 0) || !isfinite(o->gap_floor_days))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.churn_gap_floor",
                       "gap_floor_days must be >= 0", NULL);
  if (!(o->at_risk_fraction >= 0 && o->at_risk_fraction <= 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.churn_at_risk_fraction",
                       "at_risk_fraction must be in [0, 1]", NULL);
  if (o->at_risk_days < 0)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.churn_at_risk_days",
                       "at_risk_days must be >= 0", NULL);
  return KW_OK;
}

/* Allocate the per-customer arrays of n customers. */
static kw_churn *churn_new(kw_context *ctx, size_t n) {
  kw_churn *c = kw_calloc(ctx, 1, sizeof *c);
  if (!c) return NULL;
  c->ctx = ctx;
  size_t m = n ? n : 1;
  c->status = kw_calloc(ctx, m, sizeof *c->status);
  c->first = kw_malloc(ctx, m * sizeof *c->first);
  c->last = kw_malloc(ctx, m * sizeof *c->last);
  c->churn_day = kw_malloc(ctx, m * sizeof *c->churn_day);
  c->recent_flag = kw_calloc(ctx, m, 1);
  c->dur_id = kw_malloc(ctx, m * sizeof *c->dur_id);
  c->dur_t = kw_malloc(ctx, m * sizeof *c->dur_t);
  c->dur_e = kw_malloc(ctx, m * sizeof *c->dur_e);
  if (!c->status || !c->first || !c->last || !c->churn_day ||
      !c->recent_flag || !c->dur_id || !c->dur_t || !c->dur_e) {
    kw_churn_free(c);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    c->first[i] = c->last[i] = c->churn_day[i] = KW_NA_DATE;
  c->info.n_customers = n;
  c->cust.n = n;
  c->cust.status = c->status;
  c->cust.first = c->first;
  c->cust.last = c->last;
  c->cust.churn_day = c->churn_day;
  return c;
}

typedef struct list_item {
  double value;
  uint32_t id;
  int32_t last;
} list_item;

static int cmp_item(const void *a, const void *b) {
  const list_item *x = a, *y = b;
  if (x->value > y->value) return -1;
  if (x->value < y->value) return 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Build list L (0 recent, 1 at risk) from the flags/status. */
static kw_status build_list(kw_churn *c, int which, const double *value) {
  kw_context *ctx = c->ctx;
  size_t n = c->info.n_customers, k = 0;
  for (size_t i = 0; i < n; i++)
    k += which == 0 ? c->recent_flag[i] : c->status[i] == KW_CHURN_AT_RISK;
  size_t m = k ? k : 1;
  size_t bytes = m * (sizeof(list_item) + sizeof(uint32_t) + sizeof(double) +
                      sizeof(int32_t));
  char *mem = kw_malloc(ctx, bytes);
  if (!mem) return kw_fail_nomem(ctx);
  c->list_mem[which] = mem;
  list_item *it = (list_item *)(void *)mem;
  double *val = (double *)(void *)(it + m);
  uint32_t *ids = (uint32_t *)(void *)(val + m);
  int32_t *last = (int32_t *)(void *)(ids + m);
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    bool in = which == 0 ? c->recent_flag[i] : c->status[i] == KW_CHURN_AT_RISK;
    if (!in) continue;
    double v = value && isfinite(value[i]) ? value[i] : 0.0;
    it[j++] = (list_item){v, (uint32_t)i, c->last[i]};
  }
  if (k > 1) qsort(it, k, sizeof *it, cmp_item);
  kw_churn_list *L = &c->lists[which];
  L->n = k;
  L->total_value = 0;
  for (size_t i = 0; i < k; i++) {
    val[i] = it[i].value;
    ids[i] = it[i].id;
    last[i] = it[i].last;
    L->total_value += it[i].value;
  }
  L->customer = ids;
  L->value = val;
  L->last = last;
  return KW_OK;
}

/* Period table, counts, lists; frees the scratch flags. */
static kw_status finish(kw_churn *c, const double *value) {
  kw_context *ctx = c->ctx;
  kw_churn_info *I = &c->info;
  size_t n = I->n_customers;
  for (size_t i = 0; i < n; i++) {
    switch ((kw_churn_status)c->status[i]) {
      case KW_CHURN_ACTIVE:
        I->n_active++;
        break;
      case KW_CHURN_AT_RISK:
        I->n_at_risk++;
        break;
      case KW_CHURN_CHURNED:
        I->n_churned++;
        break;
      case KW_CHURN_NONE:
        break;
    }
  }
  I->n_buyers = I->n_active + I->n_at_risk + I->n_churned;
  I->churned_share =
      I->n_buyers ? (double)I->n_churned / (double)I->n_buyers : 0.0;
  kw_status st = build_list(c, 0, value);
  if (!st) st = build_list(c, 1, value);
  kw_free(ctx, c->recent_flag);
  c->recent_flag = NULL;
  return st;
}

/* The period table in unit pu. */
static kw_status period_table(kw_churn *c, kw_period_unit pu) {
  kw_context *ctx = c->ctx;
  size_t n = c->info.n_customers;
  int32_t first_min = INT32_MAX;
  for (size_t i = 0; i < n; i++)
    if (c->status[i] != KW_CHURN_NONE && c->first[i] < first_min)
      first_min = c->first[i];
  if (first_min == INT32_MAX) return KW_OK; /* nobody: no periods */
  const int32_t p0 = kw_period_index(first_min, pu);
  const int32_t p1 = kw_period_index(c->info.as_of, pu);
  const size_t np = (size_t)(p1 - p0) + 1;
  c->periods = kw_calloc(ctx, np, sizeof *c->periods);
  if (!c->periods) return kw_fail_nomem(ctx);
  c->n_periods = np;
  kw_churn_period *P = c->periods;
  for (size_t i = 0; i < n; i++) {
    if (c->status[i] == KW_CHURN_NONE) continue;
    size_t a = (size_t)(kw_period_index(c->first[i], pu) - p0);
    P[a].acquired++;
    if (c->churn_day[i] != KW_NA_DATE) {
      size_t b = (size_t)(kw_period_index(c->churn_day[i], pu) - p0);
      P[b].churned++;
      if (a < b) P[b].churned_of_start++;
    }
  }
  uint64_t alive = 0;
  for (size_t k = 0; k < np; k++) {
    int32_t idx = p0 + (int32_t)k;
    P[k].index = idx;
    P[k].first_day = kw_period_first_day(idx, pu);
    P[k].last_day = kw_period_first_day(idx + 1, pu) - 1;
    P[k].partial = P[k].last_day > c->info.as_of;
    P[k].active_start = alive;
    alive = alive + P[k].acquired - P[k].churned;
    P[k].active_end = alive;
    if (P[k].active_start > 0) {
      P[k].churn_rate =
          (double)P[k].churned_of_start / (double)P[k].active_start;
      P[k].retention_rate = 1.0 - P[k].churn_rate;
    }
  }
  return KW_OK;
}

/* Inter-purchase-time quantile from a histogram of integer day gaps. */
static kw_status gap_quantile(kw_context *ctx, const kw_history *h, double q,
                              double *out, uint64_t *n_out) {
  *out = 0;
  *n_out = 0;
  if (h->n_buyers == 0) return KW_OK;
  size_t range = (size_t)((int64_t)h->as_of - h->first_day) + 1;
  uint64_t *hist = kw_calloc(ctx, range, sizeof *hist);
  if (!hist) return kw_fail_nomem(ctx);
  uint64_t N = 0;
  for (size_t cu = 0; cu < h->n_customers; cu++) {
    int32_t prev = KW_NA_DATE;
    for (size_t i = h->start[cu]; i < h->start[cu + 1]; i++) {
      if (!h->days[i].purchase) continue;
      if (prev != KW_NA_DATE) {
        hist[h->days[i].day - prev]++;
        N++;
      }
      prev = h->days[i].day;
    }
  }
  if (N > 0) {
    /* type 7: x[lo] + f (x[lo+1] - x[lo]), h = (N - 1) q, 0-based */
    double hh = (double)(N - 1) * q;
    uint64_t lo = (uint64_t)hh;
    double f = hh - (double)lo;
    uint64_t cum = 0;
    double xlo = 0, xhi = 0;
    bool have_lo = false;
    for (size_t d = 0; d < range; d++) {
      cum += hist[d];
      if (!have_lo && cum > lo) {
        xlo = (double)d;
        have_lo = true;
      }
      if (cum > lo + 1 || (lo + 1 >= N && have_lo)) {
        xhi = lo + 1 >= N ? xlo : (double)d;
        break;
      }
    }
    *out = xlo + f * (xhi - xlo);
  }
  *n_out = N;
  kw_free(ctx, hist);
  return KW_OK;
}

kw_churn_status kw_churn_status_rule(double recency_days, double gap_days,
                                     double at_risk_fraction, double p_alive,
                                     double p_alive_threshold,
                                     double p_alive_at_risk) {
  kw_churn_status g = recency_days > gap_days ? KW_CHURN_CHURNED
                      : recency_days > at_risk_fraction * gap_days
                          ? KW_CHURN_AT_RISK
                          : KW_CHURN_ACTIVE;
  if (!isfinite(p_alive)) return g;
  kw_churn_status m = p_alive < p_alive_threshold ? KW_CHURN_CHURNED
                      : p_alive < p_alive_at_risk ? KW_CHURN_AT_RISK
                                                  : KW_CHURN_ACTIVE;
  return m > g ? m : g; /* the worse of the two: the model never revives */
}

kw_status kw_churn_purchases(kw_context *ctx, const kw_table *tx,
                             const kw_churn_options *o, kw_churn **out) {
  *out = NULL;
  kw_churn_options defaults;
  if (!o) {
    kw_churn_options_init(&defaults);
    o = &defaults;
  }
  kw_status st = check_options(ctx, o);
  if (st) return st;
  kw_history h;
  st = kw_history_build(ctx, tx, o->as_of, &h);
  if (st) return st;
  const size_t n = h.n_customers;
  if (o->p_alive && o->n_p_alive < n) {
    kw_history_free(ctx, &h);
    return kw_fail(ctx, KW_EARG, "p_alive has %zu values for %zu customers",
                   o->n_p_alive, n);
  }
  if (o->value && o->n_value < n) {
    kw_history_free(ctx, &h);
    return kw_fail(ctx, KW_EARG, "value has %zu entries for %zu customers",
                   o->n_value, n);
  }
  kw_churn *c = churn_new(ctx, n);
  if (!c) {
    kw_history_free(ctx, &h);
    return kw_fail_nomem(ctx);
  }
  kw_churn_info *I = &c->info;
  keep_rule(I, o);
  I->as_of = h.as_of;
  I->by_p_alive = o->p_alive != NULL;

  /* the gap */
  double qd = 0;
  uint64_t nint = 0;
  if (o->gap_days > 0) {
    I->gap_days = o->gap_days;
  } else {
    st = gap_quantile(ctx, &h, o->gap_quantile, &qd, &nint);
    if (st) goto fail;
    I->gap_derived = true;
    I->gap_days = qd > o->gap_floor_days ? qd : o->gap_floor_days;
    if (nint == 0 && h.n_buyers > 0) {
      char d[40];
      snprintf(d, sizeof d, "%c%g", KW_MSGV_DECIMAL, o->gap_floor_days);
      kw_warn_tpl(ctx, "model.w.churn_no_repeat",
                  "churn: no repeat purchases; gap = the floor of {days} days",
                  "days", d, NULL);
    }
  }
  I->gap_quantile_days = qd;
  I->n_intervals = nint;
  const double G = I->gap_days;
  const int32_t Gi = G >= 2e9 ? INT32_MAX : (int32_t)floor(G);
  const int32_t last_start =
      kw_period_first_day(kw_period_index(h.as_of, o->period), o->period);
  const double unit = o->duration_unit_days;

  uint64_t fallback = 0;
  size_t nd = 0;
  for (size_t cu = 0; cu < n; cu++) {
    int32_t first = KW_NA_DATE, last = KW_NA_DATE;
    for (size_t i = h.start[cu]; i < h.start[cu + 1]; i++) {
      if (!h.days[i].purchase) continue;
      if (first == KW_NA_DATE) first = h.days[i].day;
      last = h.days[i].day;
    }
    if (first == KW_NA_DATE) continue;
    c->first[cu] = first;
    c->last[cu] = last;
    const double rec = (double)h.as_of - (double)last;
    const bool gone = rec > G;
    int32_t cday = KW_NA_DATE;
    if (gone) {
      int64_t d = (int64_t)last + Gi + 1;
      cday = d > h.as_of ? h.as_of : (int32_t)d; /* d <= as_of when gone */
      c->churn_day[cu] = cday;
    }
    bool recent;
    double pa = o->p_alive ? o->p_alive[cu] : NAN;
    uint8_t s = (uint8_t)kw_churn_status_rule(
        rec, G, o->at_risk_fraction, pa, o->p_alive_threshold,
        o->p_alive_at_risk);
    if (o->p_alive && isfinite(pa)) {
      recent = s == KW_CHURN_CHURNED && (!gone || cday >= last_start);
    } else {
      if (o->p_alive) fallback++;
      recent = gone && cday >= last_start;
    }
    c->status[cu] = s;
    c->recent_flag[cu] = recent;
    c->dur_id[nd] = (uint32_t)cu;
    if (gone) {
      c->dur_t[nd] = ((double)last + G - (double)first) / unit;
      c->dur_e[nd] = 1;
    } else {
      c->dur_t[nd] = ((double)h.as_of - (double)first) / unit;
      c->dur_e[nd] = 0;
    }
    nd++;
  }
  if (fallback) {
    char nf[24];
    snprintf(nf, sizeof nf, "%llu", (unsigned long long)fallback);
    kw_warn_tpl(ctx, "model.w.churn_fallback",
                "churn: {n} customers without a finite P(alive) follow the "
                "gap rule",
                "n", nf, NULL);
  }
  kw_history_free(ctx, &h);
  c->dur.n = nd;
  c->dur.customer = c->dur_id;
  c->dur.duration = c->dur_t;
  c->dur.event = c->dur_e;
  st = period_table(c, o->period);
  if (!st) st = finish(c, o->value);
  if (st) {
    kw_churn_free(c);
    return st;
  }
  *out = c;
  return KW_OK;
fail:
  kw_history_free(ctx, &h);
  kw_churn_free(c);
  return st;
}

kw_status kw_churn_contracts(kw_context *ctx, const uint32_t *customer,
                             const int32_t *start, const int32_t *end,
                             size_t n, const kw_churn_options *o,
                             kw_churn **out) {
  *out = NULL;
  kw_churn_options defaults;
  if (!o) {
    kw_churn_options_init(&defaults);
    o = &defaults;
  }
  kw_status st = check_options(ctx, o);
  if (st) return st;
  if (n > 0 && (!start || !end))
    return kw_fail(ctx, KW_EARG, "contracts need start and end arrays");
  if (!customer && n > UINT32_MAX)
    return kw_fail(ctx, KW_ERANGE, "too many contracts");
  /* as-of and the number of customers */
  int32_t as_of = o->as_of;
  size_t nc = customer ? 0 : n;
  if (as_of == KW_NA_DATE) as_of = INT32_MIN;
  for (size_t i = 0; i < n; i++) {
    if (start[i] == KW_NA_DATE) continue;
    if (end[i] != KW_NA_DATE && end[i] < start[i])
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.contract_order",
                         "contract {row} ends before it starts", "row",
                         KW_NUM_U(i), NULL);
    if (customer && customer[i] != KW_NA_ID && customer[i] + (size_t)1 > nc)
      nc = customer[i] + (size_t)1;
    if (o->as_of == KW_NA_DATE) {
      if (start[i] > as_of) as_of = start[i];
      if (end[i] != KW_NA_DATE && end[i] > as_of) as_of = end[i];
    }
  }
  if (as_of == INT32_MIN) as_of = 0;
  if (o->value && o->n_value < nc)
    return kw_fail(ctx, KW_EARG, "value has %zu entries for %zu customers",
                   o->n_value, nc);
  kw_churn *c = churn_new(ctx, nc);
  if (!c) return kw_fail_nomem(ctx);
  kw_churn_info *I = &c->info;
  keep_rule(I, o);
  I->contractual = true;
  I->as_of = as_of;
  /* per customer: first start, open contracts, latest known end */
  uint8_t *open_ended = kw_calloc(ctx, nc ? nc : 1, 1);
  uint8_t *open = kw_calloc(ctx, nc ? nc : 1, 1);
  if (!open_ended || !open) {
    kw_free(ctx, open_ended);
    kw_free(ctx, open);
    kw_churn_free(c);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++) {
    if (start[i] == KW_NA_DATE || start[i] > as_of) continue;
    if (customer && customer[i] == KW_NA_ID) continue;
    size_t cu = customer ? customer[i] : i;
    if (c->first[cu] == KW_NA_DATE || start[i] < c->first[cu])
      c->first[cu] = start[i];
    if (end[i] == KW_NA_DATE) {
      open_ended[cu] = 1;
      open[cu] = 1;
    } else {
      if (end[i] > as_of) open[cu] = 1;
      if (c->last[cu] == KW_NA_DATE || end[i] > c->last[cu])
        c->last[cu] = end[i];
    }
  }
  const int32_t last_start =
      kw_period_first_day(kw_period_index(as_of, o->period), o->period);
  const double unit = o->duration_unit_days;
  size_t nd = 0;
  for (size_t cu = 0; cu < nc; cu++) {
    if (c->first[cu] == KW_NA_DATE) continue;
    if (open_ended[cu]) c->last[cu] = KW_NA_DATE;
    c->dur_id[nd] = (uint32_t)cu;
    if (!open[cu]) {
      c->status[cu] = KW_CHURN_CHURNED;
      c->churn_day[cu] = c->last[cu];
      c->recent_flag[cu] = c->last[cu] >= last_start;
      c->dur_t[nd] = ((double)c->last[cu] - (double)c->first[cu]) / unit;
      c->dur_e[nd] = 1;
    } else {
      bool risk = !open_ended[cu] &&
                  (int64_t)c->last[cu] <= (int64_t)as_of + o->at_risk_days;
      c->status[cu] = risk ? KW_CHURN_AT_RISK : KW_CHURN_ACTIVE;
      c->dur_t[nd] = ((double)as_of - (double)c->first[cu]) / unit;
      c->dur_e[nd] = 0;
    }
    nd++;
  }
  kw_free(ctx, open_ended);
  kw_free(ctx, open);
  c->dur.n = nd;
  c->dur.customer = c->dur_id;
  c->dur.duration = c->dur_t;
  c->dur.event = c->dur_e;
  st = period_table(c, o->period);
  if (!st) st = finish(c, o->value);
  if (st) {
    kw_churn_free(c);
    return st;
  }
  *out = c;
  return KW_OK;
}

kw_status kw_churn_contracts_table(kw_context *ctx, const kw_table *t,
                                   const kw_churn_options *o,
                                   kw_churn **out) {
  *out = NULL;
  const kw_column *cs = kw_table_role(t, KW_ROLE_START_DATE);
  const kw_column *ce = kw_table_role(t, KW_ROLE_END_DATE);
  const kw_column *cc = kw_table_role(t, KW_ROLE_CUSTOMER);
  if (!cs || !ce)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.contracts_no_dates",
                       "contracts need start_date and end_date columns", NULL);
  if (cs->type != KW_TYPE_DATE || ce->type != KW_TYPE_DATE ||
      (cc && cc->type != KW_TYPE_TEXT))
    return kw_fail(ctx, KW_EARG, "start, end or customer column has the "
                                 "wrong type");
  return kw_churn_contracts(ctx, cc ? cc->v.text : NULL, cs->v.date,
                            ce->v.date, kw_table_rows(t), o, out);
}

const kw_churn_info *kw_churn_info_view(const kw_churn *c) {
  return c ? &c->info : NULL;
}
const kw_churn_customers *kw_churn_customers_view(const kw_churn *c) {
  return c ? &c->cust : NULL;
}
size_t kw_churn_period_count(const kw_churn *c) {
  return c ? c->n_periods : 0;
}
const kw_churn_period *kw_churn_periods(const kw_churn *c) {
  return c ? c->periods : NULL;
}
const kw_churn_list *kw_churn_recent(const kw_churn *c) {
  return c ? &c->lists[0] : NULL;
}
const kw_churn_list *kw_churn_at_risk(const kw_churn *c) {
  return c ? &c->lists[1] : NULL;
}
const kw_churn_durations *kw_churn_durations_view(const kw_churn *c) {
  return c ? &c->dur : NULL;
}

void kw_churn_year_rate(const kw_churn *c, kw_churn_year *out) {
  out->defined = false;
  out->base = out->lost = 0;
  out->rate = NAN;
  if (!c) return;
  const kw_churn_customers *cc = kw_churn_customers_view(c);
  const int32_t as_of = kw_churn_info_view(c)->as_of;
  const int32_t start = as_of - 365;
  for (size_t i = 0; i < cc->n; i++) {
    int32_t f = cc->first[i], cd = cc->churn_day[i];
    if (f == KW_NA_DATE || f > start) continue;
    if (cd != KW_NA_DATE && cd <= start) continue;
    out->base++;
    if (cd != KW_NA_DATE && cd <= as_of) out->lost++;
  }
  if (out->base > 0) {
    out->defined = true;
    out->rate = (double)out->lost / (double)out->base;
  }
}
