/*
 * trends.c — revenue and customer counts per calendar period, the revenue
 * bridge, year on year, seasonality and anomalies (definitions in
 * klantwijs/growth.h).
 *
 * Design: one purchase history (churn_common.c: per customer the distinct
 * days up to as-of with their net amount), then one walk per customer that
 * sums its days into per-period revenue and marks its active periods. The
 * bridge needs each customer's revenue in consecutive periods: the walk
 * keeps the customer's (period, revenue) runs in a small buffer and
 * classifies every pair of consecutive periods from the first purchase
 * period to the as-of period, which is O(periods) per customer only for
 * customers that were active; for the silent stretches between two runs
 * only the first silent period changes anything (churned), so the walk
 * jumps over the rest. Orders count invoices by the period of their first
 * purchase line (a pass over the lines), else purchase days.
 */
#include "klantwijs/growth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/churn_common.h"

struct kw_trends {
  kw_context *ctx;
  kw_trends_data v;
  int32_t *index;
  int64_t *money;    /* revenue, 5 bridge arrays, yoy: 7 * n */
  uint64_t *counts;  /* orders, active, new, returning, lapsed: 5 * n */
  double *reals;     /* yoy growth, z: 2 * n */
  uint8_t *anomaly;
  uint32_t *b_cust;
  int32_t *b_last;
  double *b_rate, *b_p;
  int64_t *b_rev;
};

void kw_trends_options_init(kw_trends_options *o) {
  o->as_of = KW_NA_DATE;
  o->period = KW_PERIOD_MONTH;
  o->anomaly_z = 3.5;
  o->hampel_half = 0;
  o->min_orders = 4;
  o->break_p = 0.01;
}

const kw_trends_data *kw_trends_view(const kw_trends *t) {
  return t ? &t->v : NULL;
}

void kw_trends_free(kw_trends *t) {
  if (!t) return;
  kw_context *ctx = t->ctx;
  kw_free(ctx, t->index);
  kw_free(ctx, t->money);
  kw_free(ctx, t->counts);
  kw_free(ctx, t->reals);
  kw_free(ctx, t->anomaly);
  kw_free(ctx, t->b_cust);
  kw_free(ctx, t->b_last);
  kw_free(ctx, t->b_rate);
  kw_free(ctx, t->b_p);
  kw_free(ctx, t->b_rev);
  kw_free(ctx, t);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median_of(double *v, size_t n) {
  qsort(v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Slot of a period in its year: month 1-12, quarter 1-4, else 0. */
static int year_slot(int32_t index, kw_period_unit u) {
  int y, m, d;
  kw_date_to_ymd(kw_period_first_day(index, u), &y, &m, &d);
  if (u == KW_PERIOD_MONTH) return m;
  if (u == KW_PERIOD_QUARTER) return (m - 1) / 3 + 1;
  return 0;
}

/*
 * Classical additive decomposition over the complete periods y[0..n) with
 * s periods a year: trend by the centred moving average (2 x s for even
 * s), seasonal index per slot = mean of the detrended values (centred to
 * sum 0), remainder = detrended - seasonal. Writes the seasonal component
 * per period into seas (NaN where not defined) and returns F_S.
 */
static double seasonality(kw_context *ctx, const double *y, size_t n,
                          size_t s, const int *slot, double *seas,
                          double *index_out /* s + 1 slots */) {
  if (n < 2 * s || s < 2) return NAN;
  double *detr = kw_calloc(ctx, n, sizeof *detr);
  if (!detr) return NAN;
  size_t h = s / 2;
  for (size_t t = 0; t < n; t++) {
    detr[t] = NAN;
    if (t < h || t + h >= n) continue;
    double sum = 0;
    if (s % 2 == 0) {
      sum = 0.5 * (y[t - h] + y[t + h]);
      for (size_t k = t - h + 1; k < t + h; k++) sum += y[k];
    } else {
      for (size_t k = t - h; k <= t + h; k++) sum += y[k];
    }
    detr[t] = y[t] - sum / (double)s;
  }
  /* seasonal index per slot: the median of its detrended values, so a
     single broken period does not leak into the other years */
  double mean[13] = {0};
  size_t cnt[13] = {0};
  double *vals = kw_malloc(ctx, n * sizeof *vals);
  if (!vals) {
    kw_free(ctx, detr);
    return NAN;
  }
  for (size_t k = 1; k <= s; k++) {
    size_t m = 0;
    for (size_t t = 0; t < n; t++)
      if (slot[t] == (int)k && !isnan(detr[t])) vals[m++] = detr[t];
    cnt[k] = m;
    if (m) mean[k] = median_of(vals, m);
  }
  kw_free(ctx, vals);
  double grand = 0;
  size_t slots = 0;
  for (size_t k = 1; k <= s; k++) {
    if (!cnt[k]) {
      kw_free(ctx, detr);
      return NAN;
    }
    grand += mean[k];
    slots++;
  }
  grand /= (double)slots;
  for (size_t k = 1; k <= s; k++) index_out[k] = mean[k] - grand;
  double sr = 0, sr2 = 0, r = 0, r2 = 0;
  size_t m = 0;
  for (size_t t = 0; t < n; t++) {
    seas[t] = index_out[slot[t]];
    if (isnan(detr[t])) continue;
    double rem = detr[t] - seas[t];
    r += rem;
    r2 += rem * rem;
    sr += detr[t];
    sr2 += detr[t] * detr[t];
    m++;
  }
  kw_free(ctx, detr);
  if (m < 2) return NAN;
  double var_r = (r2 - r * r / (double)m) / (double)(m - 1);
  double var_sr = (sr2 - sr * sr / (double)m) / (double)(m - 1);
  if (!(var_sr > 0)) return 0.0;
  double f = 1.0 - var_r / var_sr;
  return f < 0 ? 0.0 : f;
}

/* Hampel filter: robust z of y[t] against the median and MAD of the
 * window t-h..t+h (clipped to 0..n-1). z is NaN when the MAD is 0 and the
 * value equals the median, +-INFINITY when it differs. */
static kw_status hampel(kw_context *ctx, const double *y, size_t n, int h,
                        double *z) {
  double *w = kw_malloc(ctx, (size_t)(2 * h + 1) * sizeof *w);
  double *dev = kw_malloc(ctx, (size_t)(2 * h + 1) * sizeof *dev);
  if (!w || !dev) {
    kw_free(ctx, w);
    kw_free(ctx, dev);
    return kw_fail_nomem(ctx);
  }
  for (size_t t = 0; t < n; t++) {
    size_t lo = t >= (size_t)h ? t - (size_t)h : 0;
    size_t hi = t + (size_t)h < n ? t + (size_t)h : n - 1;
    size_t m = hi - lo + 1;
    if (m < 5) {
      z[t] = NAN;
      continue;
    }
    for (size_t k = 0; k < m; k++) w[k] = y[lo + k];
    double med = median_of(w, m);
    for (size_t k = 0; k < m; k++) dev[k] = fabs(y[lo + k] - med);
    double mad = 1.4826 * median_of(dev, m);
    double d = y[t] - med;
    if (mad > 0)
      z[t] = d / mad;
    else
      z[t] = d == 0 ? 0.0 : (d > 0 ? INFINITY : -INFINITY);
  }
  kw_free(ctx, w);
  kw_free(ctx, dev);
  return KW_OK;
}

typedef struct brk {
  uint32_t cust;
  int32_t last;
  double rate_days, p;
  int64_t yearly;
} brk;

static int cmp_brk(const void *a, const void *b) {
  const brk *x = a, *y = b;
  if (x->yearly != y->yearly) return x->yearly > y->yearly ? -1 : 1;
  return (x->cust > y->cust) - (x->cust < y->cust);
}

/* Period index by day over [lo, lo + n): kw_period_index of each day once,
 * instead of a calendar conversion per history day; days outside the
 * table (or no table) go to kw_period_index. */
typedef struct pcache {
  int32_t lo;
  size_t n;
  int32_t *p;
  kw_period_unit u;
} pcache;

static void pcache_init(kw_context *ctx, pcache *c, const kw_history *h,
                        kw_period_unit u) {
  memset(c, 0, sizeof *c);
  c->u = u;
  int32_t lo = h->as_of;
  for (size_t k = 0; k < h->start[h->n_customers]; k++)
    if (h->days[k].day < lo) lo = h->days[k].day;
  if (h->as_of - lo > 200 * 366 || h->as_of < lo) return;
  c->lo = lo;
  c->n = (size_t)(h->as_of - lo) + 1;
  c->p = kw_malloc(ctx, c->n * sizeof *c->p);
  if (!c->p) { /* no table: every day converted, same figures */
    c->n = 0;
    return;
  }
  for (size_t d = 0; d < c->n; d++)
    c->p[d] = kw_period_index(lo + (int32_t)d, u);
}

static inline int32_t pcache_index(const pcache *c, int32_t day) {
  if (day >= c->lo && (size_t)((int64_t)day - c->lo) < c->n)
    return c->p[day - c->lo];
  return kw_period_index(day, c->u);
}

static kw_status count_orders(kw_context *ctx, const kw_table *tx,
                              const kw_history *h, kw_period_unit u,
                              const pcache *pc, int32_t p0, size_t np,
                              uint64_t *orders) {
  const kw_column *inv = kw_table_role(tx, KW_ROLE_INVOICE);
  if (!inv) {
    /* purchase days */
    for (size_t c = 0; c < h->n_customers; c++)
      for (size_t k = h->start[c]; k < h->start[c + 1]; k++)
        if (h->days[k].purchase)
          orders[pcache_index(pc, h->days[k].day) - p0]++;
    return KW_OK;
  }
  const kw_column *cu = kw_table_role(tx, KW_ROLE_CUSTOMER);
  const kw_column *dt = kw_table_role(tx, KW_ROLE_DATE);
  const kw_column *am = kw_table_role(tx, KW_ROLE_AMOUNT);
  size_t ninv = kw_dict_size(inv->dict);
  int32_t *first = kw_malloc(ctx, (ninv ? ninv : 1) * sizeof *first);
  if (!first) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < ninv; i++) first[i] = KW_NA_DATE;
  size_t rows = kw_table_rows(tx);
  for (size_t r = 0; r < rows; r++) {
    uint32_t id = inv->v.text[r];
    int32_t d = dt->v.date[r];
    if (id == KW_NA_ID || d == KW_NA_DATE || d > h->as_of) continue;
    if (cu->v.text[r] == KW_NA_ID) continue;
    if (am && am->v.money[r] != KW_NA_MONEY && am->v.money[r] < 0) continue;
    if (first[id] == KW_NA_DATE || d < first[id]) first[id] = d;
  }
  for (size_t i = 0; i < ninv; i++) {
    if (first[i] == KW_NA_DATE) continue;
    int32_t p = kw_period_index(first[i], u) - p0;
    if (p >= 0 && (size_t)p < np) orders[p]++;
  }
  kw_free(ctx, first);
  return KW_OK;
}

kw_status kw_trends_compute(kw_context *ctx, const kw_table *tx,
                            const kw_trends_options *opt, kw_trends **out) {
  *out = NULL;
  kw_trends_options o;
  if (opt)
    o = *opt;
  else
    kw_trends_options_init(&o);
  if (!tx)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.no_transactions",
                       "no transactions table", NULL);
  if ((unsigned)o.period > KW_PERIOD_QUARTER || !(o.anomaly_z > 0) ||
      !(o.break_p > 0 && o.break_p < 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.trends_options",
                       "trends: invalid options", NULL);
  kw_history h;
  kw_status st = kw_history_build(ctx, tx, o.as_of, &h);
  if (st) return st;
  if (h.first_day == KW_NA_DATE) {
    kw_history_free(ctx, &h);
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.no_purchase",
                       "no purchase up to the as-of date", NULL);
  }
  const kw_period_unit u = o.period;
  const int32_t p0 = kw_period_index(h.first_day, u);
  const int32_t p1 = kw_period_index(h.as_of, u);
  const size_t np = (size_t)(p1 - p0) + 1;
  kw_trends *t = kw_calloc(ctx, 1, sizeof *t);
  if (!t) {
    kw_history_free(ctx, &h);
    return kw_fail_nomem(ctx);
  }
  t->ctx = ctx;
  t->index = kw_calloc(ctx, np, sizeof *t->index);
  t->money = kw_calloc(ctx, 7 * np, sizeof *t->money);
  t->counts = kw_calloc(ctx, 5 * np, sizeof *t->counts);
  t->reals = kw_calloc(ctx, 2 * np, sizeof *t->reals);
  t->anomaly = kw_calloc(ctx, np, 1);
  /* per-customer runs of (period, net revenue, has purchase) */
  size_t maxdays = 0;
  for (size_t c = 0; c < h.n_customers; c++) {
    size_t d = h.start[c + 1] - h.start[c];
    if (d > maxdays) maxdays = d;
  }
  int32_t *rp = kw_malloc(ctx, (maxdays ? maxdays : 1) * sizeof *rp);
  int64_t *rr = kw_malloc(ctx, (maxdays ? maxdays : 1) * sizeof *rr);
  uint8_t *ra = kw_malloc(ctx, maxdays ? maxdays : 1);
  kw_buf breaks;
  kw_buf_init(&breaks, sizeof(brk));
  pcache pc = {0};
  if (!t->index || !t->money || !t->counts || !t->reals || !t->anomaly ||
      !rp || !rr || !ra) {
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  int64_t *rev = t->money, *bn = t->money + np, *bre = t->money + 2 * np,
          *bex = t->money + 3 * np, *bco = t->money + 4 * np,
          *bch = t->money + 5 * np, *yoy = t->money + 6 * np;
  uint64_t *orders = t->counts, *act = t->counts + np,
           *nw = t->counts + 2 * np, *ret = t->counts + 3 * np,
           *lap = t->counts + 4 * np;
  for (size_t p = 0; p < np; p++) t->index[p] = p0 + (int32_t)p;
  size_t per_year = u == KW_PERIOD_MONTH ? 12 : u == KW_PERIOD_QUARTER ? 4
                                                                       : 52;
  /* an incomplete as-of period compares like for like: with the same
     days of the period a year earlier */
  int32_t last_day = kw_period_first_day(p1 + 1, u) - 1;
  bool partial = h.as_of != last_day;
  int32_t lfl_lo = KW_NA_DATE, lfl_hi = KW_NA_DATE;
  int64_t lfl = 0;
  if (partial && np > per_year) {
    int32_t back = p1 - (int32_t)per_year;
    lfl_lo = kw_period_first_day(back, u);
    lfl_hi = lfl_lo + (h.as_of - kw_period_first_day(p1, u));
    int32_t back_end = kw_period_first_day(back + 1, u) - 1;
    if (lfl_hi > back_end) lfl_hi = back_end;
  }

  pcache_init(ctx, &pc, &h, u);
  for (size_t c = 0; c < h.n_customers; c++) {
    size_t a = h.start[c], b = h.start[c + 1];
    /* first purchase day: days before it (returns) count in revenue of
       their period but the customer is new in the first purchase period */
    int32_t firstp = INT32_MAX;
    for (size_t k = a; k < b; k++)
      if (h.days[k].purchase) {
        firstp = pcache_index(&pc, h.days[k].day) - p0;
        break;
      }
    /* a customer without a purchase up to as-of (returns only) is no
       customer of the period (klantwijs/summary.h): its returns are left
       out, as in every other total */
    if (firstp == INT32_MAX) continue;
    size_t nr = 0;
    for (size_t k = a; k < b; k++) {
      int32_t p = pcache_index(&pc, h.days[k].day) - p0;
      if (p < 0) continue; /* a return before the first purchase ever */
      if (lfl_lo != KW_NA_DATE && h.days[k].day >= lfl_lo &&
          h.days[k].day <= lfl_hi)
        lfl += h.days[k].amount;
      if (nr && rp[nr - 1] == p) {
        rr[nr - 1] += h.days[k].amount;
        ra[nr - 1] |= (uint8_t)h.days[k].purchase;
      } else {
        rp[nr] = p;
        rr[nr] = h.days[k].amount;
        ra[nr] = (uint8_t)h.days[k].purchase;
        nr++;
      }
    }
    if (!nr) continue;
    for (size_t i = 0; i < nr; i++) {
      rev[rp[i]] += rr[i];
      if (ra[i]) {
        act[rp[i]]++;
        if (rp[i] == firstp)
          nw[rp[i]]++;
        else
          ret[rp[i]]++;
        /* lapsed next period when the next run is not the next period */
        size_t nextp = (size_t)rp[i] + 1;
        bool active_next = i + 1 < nr && (size_t)rp[i + 1] == nextp &&
                           ra[i + 1];
        if (nextp < np && !active_next) lap[nextp]++;
      }
    }
    /* bridge: classify consecutive periods (p-1, p) where either side has
       revenue; pairs where both are 0 contribute nothing */
    for (size_t i = 0; i < nr; i++) {
      int32_t p = rp[i];
      int64_t cur = rr[i];
      int64_t prev = (i > 0 && rp[i - 1] == p - 1) ? rr[i - 1] : 0;
      if (p > 0) {
        int64_t d = cur - prev;
        if (p == firstp)
          bn[p] += d;
        else if (prev <= 0 && cur > 0)
          bre[p] += d;
        else if (prev > 0 && cur <= 0)
          bch[p] += d;
        else if (cur > prev)
          bex[p] += d;
        else
          bco[p] += d;
      }
      /* the period after this run, when silent, closes it */
      size_t nextp = (size_t)p + 1;
      bool next_has = i + 1 < nr && (size_t)rp[i + 1] == nextp;
      if (nextp < np && !next_has && cur != 0) {
        if (cur > 0)
          bch[nextp] -= cur;
        else
          bex[nextp] -= cur; /* from a net return back to 0 */
      }
    }
    /* Poisson gap test */
    size_t pdays = 0;
    int32_t first = KW_NA_DATE, last = KW_NA_DATE;
    int64_t total = 0;
    for (size_t k = a; k < b; k++) {
      total += h.days[k].amount;
      if (!h.days[k].purchase) continue;
      pdays++;
      if (first == KW_NA_DATE) first = h.days[k].day;
      last = h.days[k].day;
    }
    if (pdays >= o.min_orders && last > first) {
      double lambda = (double)(pdays - 1) / (double)(last - first);
      double gap = (double)(h.as_of - last);
      double p = exp(-lambda * gap);
      if (p < o.break_p) {
        double years = (double)(last - first + 1) / 365.25;
        if (years < 1) years = 1;
        brk e = {(uint32_t)c, last, 1.0 / lambda, p,
                 (int64_t)llround((double)total / years)};
        if ((st = kw_buf_push(ctx, &breaks, &e))) goto fail;
      }
    }
  }
  /* year on year */
  double *growth = t->reals, *z = t->reals + np;
  for (size_t p = 0; p < np; p++) {
    growth[p] = NAN;
    z[p] = NAN;
    yoy[p] = KW_NA_MONEY;
    if (p >= per_year) {
      yoy[p] = partial && p == np - 1 ? lfl : rev[p - per_year];
      if (yoy[p] > 0)
        growth[p] = (double)(rev[p] - yoy[p]) / (double)yoy[p];
    }
  }
  /* seasonality over the complete periods */
  size_t ncomplete = partial ? np - 1 : np;
  t->v.seasonal_strength = NAN;
  double *y = kw_calloc(ctx, np, sizeof *y);
  double *seas = kw_calloc(ctx, np, sizeof *seas);
  int *slot = kw_calloc(ctx, np, sizeof *slot);
  if (!y || !seas || !slot) {
    kw_free(ctx, y);
    kw_free(ctx, seas);
    kw_free(ctx, slot);
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  for (size_t p = 0; p < np; p++) {
    y[p] = (double)rev[p] / 100.0;
    slot[p] = year_slot(t->index[p], u);
  }
  if (u != KW_PERIOD_WEEK && ncomplete >= 2 * per_year) {
    double idx[13] = {0};
    double f = seasonality(ctx, y, ncomplete, per_year, slot, seas, idx);
    t->v.seasonality_tested = !isnan(f);
    t->v.seasonal_strength = f;
    if (!isnan(f) && f >= 0.5) {
      t->v.seasonality_clear = true;
      int hi = 1, lo = 1;
      for (int k = 2; k <= (int)per_year; k++) {
        if (idx[k] > idx[hi]) hi = k;
        if (idx[k] < idx[lo]) lo = k;
      }
      t->v.peak_slot = hi;
      t->v.trough_slot = lo;
      for (size_t p = 0; p < ncomplete; p++) y[p] -= seas[p];
    }
  }
  int half = o.hampel_half > 0 ? o.hampel_half
                               : (u == KW_PERIOD_QUARTER ? 2 : 6);
  if (ncomplete >= 5) {
    st = hampel(ctx, y, ncomplete, half, z);
    if (!st)
      for (size_t p = 0; p < ncomplete; p++)
        if (!isnan(z[p]) && fabs(z[p]) > o.anomaly_z)
          t->anomaly[p] = z[p] > 0 ? 1 : 2;
  }
  kw_free(ctx, y);
  kw_free(ctx, seas);
  kw_free(ctx, slot);
  if (st) goto fail;
  if ((st = count_orders(ctx, tx, &h, u, &pc, p0, np, orders))) goto fail;

  /* breaks, most revenue first */
  size_t nb = breaks.len;
  brk *bv = breaks.data;
  if (nb) qsort(bv, nb, sizeof *bv, cmp_brk);
  t->b_cust = kw_malloc(ctx, (nb ? nb : 1) * sizeof *t->b_cust);
  t->b_last = kw_malloc(ctx, (nb ? nb : 1) * sizeof *t->b_last);
  t->b_rate = kw_malloc(ctx, (nb ? nb : 1) * sizeof *t->b_rate);
  t->b_p = kw_malloc(ctx, (nb ? nb : 1) * sizeof *t->b_p);
  t->b_rev = kw_malloc(ctx, (nb ? nb : 1) * sizeof *t->b_rev);
  if (!t->b_cust || !t->b_last || !t->b_rate || !t->b_p || !t->b_rev) {
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  for (size_t i = 0; i < nb; i++) {
    t->b_cust[i] = bv[i].cust;
    t->b_last[i] = bv[i].last;
    t->b_rate[i] = bv[i].rate_days;
    t->b_p[i] = bv[i].p;
    t->b_rev[i] = bv[i].yearly;
  }
  kw_buf_free(ctx, &breaks);

  kw_trends_data *v = &t->v;
  v->n = np;
  v->period = u;
  v->as_of = h.as_of;
  v->partial = partial;
  v->per_year = per_year;
  v->index = t->index;
  v->revenue = rev;
  v->orders = orders;
  v->active = act;
  v->new_customers = nw;
  v->returning = ret;
  v->lapsed = lap;
  v->bridge_new = bn;
  v->bridge_reactivated = bre;
  v->bridge_expansion = bex;
  v->bridge_contraction = bco;
  v->bridge_churned = bch;
  v->yoy_revenue = yoy;
  v->yoy_growth = growth;
  v->anomaly_z = z;
  v->anomaly = t->anomaly;
  v->n_breaks = nb;
  v->break_customer = t->b_cust;
  v->break_last = t->b_last;
  v->break_rate_days = t->b_rate;
  v->break_p = t->b_p;
  v->break_yearly_revenue = t->b_rev;
  v->customers = kw_table_role(tx, KW_ROLE_CUSTOMER)->dict;
  /* the lines of the buyers only, as the summary's buyer_lines: a
     return-only customer is no customer of any period */
  {
    const kw_column *cu = kw_table_role(tx, KW_ROLE_CUSTOMER);
    const kw_column *dt = kw_table_role(tx, KW_ROLE_DATE);
    uint64_t used = 0;
    size_t rows = kw_table_rows(tx);
    uint8_t *buyer = kw_calloc(ctx, h.n_customers ? h.n_customers : 1, 1);
    if (!buyer) {
      st = kw_fail_nomem(ctx);
      goto fail;
    }
    for (size_t c = 0; c < h.n_customers; c++)
      for (size_t k = h.start[c]; k < h.start[c + 1] && !buyer[c]; k++)
        buyer[c] = (uint8_t)(h.days[k].purchase != 0);
    for (size_t r = 0; r < rows; r++) {
      uint32_t c = cu->v.text[r];
      int32_t d = dt->v.date[r];
      if (c == KW_NA_ID || c >= h.n_customers || d == KW_NA_DATE ||
          d > h.as_of)
        continue;
      if (buyer[c]) used++;
    }
    kw_free(ctx, buyer);
    v->lines_used = used;
  }
  v->lines_skipped = h.lines_skipped;
  kw_free(ctx, rp);
  kw_free(ctx, rr);
  kw_free(ctx, ra);
  kw_history_free(ctx, &h);
  kw_free(ctx, pc.p);
  *out = t;
  return KW_OK;
fail:
  kw_buf_free(ctx, &breaks);
  kw_free(ctx, rp);
  kw_free(ctx, rr);
  kw_free(ctx, ra);
  kw_history_free(ctx, &h);
  kw_free(ctx, pc.p);
  kw_trends_free(t);
  return st;
}
