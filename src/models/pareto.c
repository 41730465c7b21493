/*
 * pareto.c — revenue concentration: top-share (the 80/20 rule), ABC
 * classes, Gini, Herfindahl-Hirschman index, dependency on the largest
 * customers, repeat vs one-time customers and the Pareto (concentration)
 * curve.
 *
 * Definitions (stated for callers in klantwijs/value.h):
 *   x_i  = max(revenue_i, 0) for every customer with a purchase;
 *   X    = sum x_i; shares are x / X.
 *   Gini (Gini 1912; the sample form without small-sample correction):
 *        G = 2 sum_{i=1..n} i x_(i) / (n X) - (n + 1) / n, x ascending.
 *   HHI  (Hirschman 1945, Herfindahl 1950): sum_i (x_i / X)^2.
 *   The Pareto curve (the complement of the Lorenz curve, Lorenz 1905):
 *        points (k / n, sum of the k largest x / X).
 *   ABC classes: a walk down the ranking against the cumulative share
 *        before each customer, so the boundary customer falls into the
 *        higher class and equal revenues share a class.
 *
 * Cost: one radix sort of the customers by revenue, then linear passes.
 */
#include "klantwijs/value.h"

#include <math.h>
#include <string.h>

#include "core/core.h"
#include "models/value_rank.h"

struct kw_pareto {
  kw_context *ctx;
  kw_pareto_data d;
  uint32_t *ranking;
  uint8_t *abc;
  kw_curve_point *points;
  uint32_t *rank;
  double *share, *cum;
};

void kw_pareto_options_init(kw_pareto_options *o) {
  memset(o, 0, sizeof *o);
  o->top_share = 0.20;
  o->target_share = 0.80;
  o->abc_a = 0.80;
  o->abc_b = 0.15;
  o->warn_top1 = 0.10;
  o->warn_top5 = 0.50;
  o->max_points = 200;
  o->profit = NULL;
}

void kw_pareto_free(kw_pareto *p) {
  if (!p) return;
  kw_free(p->ctx, p->ranking);
  kw_free(p->ctx, p->abc);
  kw_free(p->ctx, p->points);
  kw_free(p->ctx, p->rank);
  kw_free(p->ctx, p->share);
  kw_free(p->ctx, p->cum);
  kw_free(p->ctx, p);
}

const kw_pareto_data *kw_pareto_view(const kw_pareto *p) {
  return p ? &p->d : NULL;
}

static bool is_fraction(double v) { return isfinite(v) && v >= 0 && v <= 1; }

static kw_status check_options(kw_context *ctx, const kw_pareto_options *o) {
  if (!(is_fraction(o->top_share) && o->top_share > 0))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.pareto_top_share",
                       "pareto: top share must be in (0, 1]", NULL);
  if (!(is_fraction(o->target_share) && o->target_share > 0))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.pareto_target",
                       "pareto: target share must be in (0, 1]", NULL);
  if (!(is_fraction(o->abc_a) && o->abc_a > 0 && is_fraction(o->abc_b) &&
        o->abc_a + o->abc_b <= 1 + 1e-12))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.pareto_abc",
                       "pareto: ABC shares need 0 < A, 0 <= B and A + B <= 1",
                       NULL);
  if (!is_fraction(o->warn_top1) || !is_fraction(o->warn_top5))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.pareto_warn",
                       "pareto: warning thresholds must be in 0..1", NULL);
  return KW_OK;
}

/* Sum of the first k of the ranking. */
static int64_t top_sum(const int64_t *x, const uint32_t *r, size_t m,
                       size_t k) {
  int64_t s = 0;
  for (size_t j = 0; j < k && j < m; j++) s += x[r[j]];
  return s;
}

/*
 * True when cum is still below share x total. Shares like 0.8 are not exact
 * in binary, so a cumulative amount within a relative 1e-14 of the
 * threshold (far below a cent) counts as reaching it: 80.00 of 100.00 is
 * 80%.
 */
static bool below(int64_t cum, double share, int64_t total) {
  return (double)cum < share * (double)total * (1 - 1e-14);
}

static void classify_abc(kw_pareto *p, const int64_t *x, size_t m,
                         const kw_pareto_options *o) {
  kw_pareto_data *d = &p->d;
  int64_t before = 0;
  uint8_t prev = KW_ABC_NONE;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = p->ranking[j];
    uint8_t k;
    if (j > 0 && x[c] == x[p->ranking[j - 1]])
      k = prev; /* equal revenue, equal class */
    else if (below(before, o->abc_a, d->revenue_total))
      k = KW_ABC_A;
    else if (below(before, o->abc_a + o->abc_b, d->revenue_total))
      k = KW_ABC_B;
    else
      k = KW_ABC_C;
    p->abc[c] = k;
    d->abc_count[k]++;
    d->abc_revenue[k] += x[c];
    before += x[c];
    prev = k;
  }
  for (int k = 0; k < 4; k++)
    d->abc_revenue_share[k] =
        kw_ratio((double)d->abc_revenue[k], (double)d->revenue_total);
}

static void concentration(kw_pareto *p, const int64_t *x, size_t m) {
  kw_pareto_data *d = &p->d;
  if (d->revenue_total <= 0 || m == 0) return;
  long double tot = (long double)d->revenue_total, wsum = 0, hhi = 0;
  for (size_t j = 0; j < m; j++) {
    long double v = (long double)x[p->ranking[j]];
    wsum += (long double)(m - j) * v; /* ascending rank i = m - j */
    long double sh = v / tot;
    hhi += sh * sh;
  }
  long double n = (long double)m;
  long double g = 2 * wsum / (n * tot) - (n + 1) / n;
  if (g < 0) g = 0; /* rounding below an exact 0 */
  d->gini = (double)g;
  d->hhi = (double)hhi;
}

static void repeat_vs_once(kw_pareto *p, const kw_customer_summary *s,
                           const int64_t *x, size_t m) {
  kw_pareto_data *d = &p->d;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = p->ranking[j];
    if (s->orders[c] >= 2) {
      d->n_repeat++;
      d->revenue_repeat += x[c];
    } else if (s->orders[c] == 1) {
      d->n_once++;
      d->revenue_once += x[c];
    }
  }
  d->repeat_revenue_share =
      kw_ratio((double)d->revenue_repeat, (double)d->revenue_total);
  d->once_revenue_share =
      kw_ratio((double)d->revenue_once, (double)d->revenue_total);
  d->revenue_per_repeat = kw_ratio((double)d->revenue_repeat, (double)d->n_repeat);
  d->revenue_per_once = kw_ratio((double)d->revenue_once, (double)d->n_once);
  d->repeat_once_ratio = kw_ratio(d->revenue_per_repeat, d->revenue_per_once);
}

static kw_status contribution_share(kw_pareto *p, const kw_customer_summary *s,
                                    const kw_profit *profit) {
  kw_pareto_data *d = &p->d;
  const kw_profit_data *pd = kw_profit_view(profit);
  if (pd->n != s->n)
    return kw_fail(p->ctx, KW_EARG,
                   "pareto: profitability of %zu customers, summary of %zu",
                   pd->n, s->n);
  int64_t top = 0;
  for (size_t j = 0; j < d->top_customers; j++) {
    uint32_t c = p->ranking[j];
    if (pd->source[c] == KW_COST_UNKNOWN)
      d->top_contribution_unknown++;
    else
      top += pd->contribution[c];
  }
  d->top_contribution_defined = pd->contribution_total > 0;
  if (d->top_contribution_defined)
    d->top_contribution_share = (double)top / (double)pd->contribution_total;
  return KW_OK;
}

kw_status kw_pareto_compute(kw_context *ctx, const kw_customer_summary *s,
                            const kw_pareto_options *o, kw_pareto **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "pareto: out is NULL");
  *out = NULL;
  if (!s) return kw_fail(ctx, KW_EARG, "pareto: no customer summary");
  if (s->n > UINT32_MAX)
    return kw_fail(ctx, KW_ERANGE, "pareto: too many customers");
  kw_pareto_options def;
  if (!o) {
    kw_pareto_options_init(&def);
    o = &def;
  }
  kw_status st = check_options(ctx, o);
  if (st) return st;
  kw_pareto *p = kw_calloc(ctx, 1, sizeof *p);
  if (!p) return kw_fail_nomem(ctx);
  p->ctx = ctx;
  kw_pareto_data *d = &p->d;
  d->n = s->n;
  size_t n1 = s->n ? s->n : 1;
  int64_t *x = kw_calloc(ctx, n1, sizeof *x);
  p->abc = kw_calloc(ctx, n1, 1);
  p->ranking = kw_malloc(ctx, n1 * sizeof *p->ranking);
  p->rank = kw_calloc(ctx, n1, sizeof *p->rank);
  p->share = kw_calloc(ctx, n1, sizeof *p->share);
  p->cum = kw_calloc(ctx, n1, sizeof *p->cum);
  if (!x || !p->abc || !p->ranking || !p->rank || !p->share || !p->cum) {
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  size_t m = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (s->first[i] == KW_NA_DATE) continue; /* no purchase: no customer */
    int64_t r = s->revenue[i];
    d->revenue_net += r;
    if (r == 0) d->n_zero++;
    if (r < 0) {
      d->n_negative++;
      d->negative_total += r;
    }
    x[i] = r > 0 ? r : 0;
    d->revenue_total += x[i];
    p->ranking[m++] = (uint32_t)i;
  }
  d->n_customers = m;
  st = kw_rank_desc(ctx, x, p->ranking, m);
  if (st) goto fail;

  double tot = (double)d->revenue_total;
  int64_t run = 0;
  for (size_t j = 0; j < m; j++) {
    uint32_t c = p->ranking[j];
    run += x[c];
    p->rank[c] = (uint32_t)(j + 1);
    p->share[c] = tot > 0 ? (double)x[c] / tot : 0;
    p->cum[c] = tot > 0 ? (double)run / tot : 0;
  }
  size_t k = (size_t)ceil(o->top_share * (double)m - 1e-9);
  if (m && k < 1) k = 1;
  if (k > m) k = m;
  d->top_customers = k;
  d->top_revenue_share = kw_ratio((double)top_sum(x, p->ranking, m, k), tot);
  if (o->profit) {
    st = contribution_share(p, s, o->profit);
    if (st) goto fail;
  }
  if (d->revenue_total > 0) {
    int64_t cum = 0;
    size_t j = 0;
    while (j < m && below(cum, o->target_share, d->revenue_total))
      cum += x[p->ranking[j++]];
    d->target_customers = j;
    d->target_customer_share = kw_ratio((double)j, (double)m);
  }
  classify_abc(p, x, m, o);
  concentration(p, x, m);
  d->top1_share = kw_ratio((double)top_sum(x, p->ranking, m, 1), tot);
  d->top5_share = kw_ratio((double)top_sum(x, p->ranking, m, 5), tot);
  d->top10_share = kw_ratio((double)top_sum(x, p->ranking, m, 10), tot);
  d->warn_top1 = d->top1_share > o->warn_top1;
  d->warn_top5 = d->top5_share > o->warn_top5;
  d->dependency_warning = d->warn_top1 || d->warn_top5;
  repeat_vs_once(p, s, x, m);
  st = kw_curve_build(ctx, x, p->ranking, m, d->revenue_total, o->max_points,
                      (size_t)-1, &p->points, &d->n_points);
  if (st) goto fail;
  kw_free(ctx, x);
  d->ranking = p->ranking;
  d->abc = p->abc;
  d->rank = p->rank;
  d->share = p->share;
  d->cum_share = p->cum;
  d->points = p->points;
  *out = p;
  return KW_OK;
fail:
  kw_free(ctx, x);
  kw_pareto_free(p);
  return st;
}

kw_status kw_pareto_compute_with_profit(
    kw_context *ctx, const kw_customer_summary *s, const kw_table *costs,
    const kw_profit_options *po, bool cost_assumed, kw_pareto_options *o,
    kw_pareto **out, kw_profit **profit_out) {
  if (!s || !o || !out || !profit_out)
    return kw_fail(ctx, KW_EARG, "pareto: missing argument");
  *out = NULL;
  *profit_out = NULL;
  o->profit = NULL;
  if (s->has_cost || cost_assumed) {
    kw_status st = kw_profit_compute(ctx, s, costs, po, profit_out);
    if (st) return st;
    o->profit = *profit_out;
  }
  kw_status st = kw_pareto_compute(ctx, s, o, out);
  if (st) {
    kw_profit_free(*profit_out);
    *profit_out = NULL;
    o->profit = NULL;
  }
  return st;
}
