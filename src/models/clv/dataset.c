/*
 * dataset.c — the customer-value models' input from a dataset: the
 * calibration summary at the as-of date, the actual holdout purchases, the
 * discrete (BG/BB) mapping of a transaction log, tracking counts, margins
 * and acquisition costs. The rules are documented in klantwijs/clv.h.
 *
 * Design: the continuous-time triple (x, t_x, T), the repeat spend, revenue
 * and cost come from kw_summary_build at as_of, so they are by
 * construction the figures `klantwijs summary` shows. One more pass
 * serves the rest: a counting sort of the lines up to the last day used
 * (as_of, or holdout_end) by customer, then per calibration customer its
 * (day, amount) pairs sorted by day in a scratch array reused from customer
 * to customer, walked once to find the purchase days (a day with a line of
 * amount >= 0) and each day's net revenue. Each purchase day after the
 * first is a calibration or holdout repeat purchase and a tracking count;
 * for the discrete mapping it marks its opportunity
 *     j = ceil((d - first) / u),
 * counted once however many purchase days fall in it. Period and
 * opportunity indices are computed from whole day differences divided by
 * the unit, with a tolerance of 1e-9 periods before ceil/floor so that a
 * boundary day (an exact multiple of 7 or of 30.4375 days) lands in the
 * period it ends, whatever the rounding of the division.
 */
#include "models/clv/clv.h"

#include <stdlib.h>
#include <string.h>

#include "core/dict.h"
#include "klantwijs/summary.h"

#define EPS_PERIOD 1e-9
#define MAX_BLOCKS 24

struct kw_clv_data {
  kw_context *ctx;
  kw_clv_input v;
  kw_dict *own_ids; /* kw_clv_data_from_rows */
  void *blocks[MAX_BLOCKS];
  int nblocks;
};

void kw_clv_data_options_init(kw_clv_data_options *o) {
  o->as_of = KW_NA_DATE;
  o->holdout_end = KW_NA_DATE;
  o->unit = KW_UNIT_DAY;
  o->discrete = false;
}

const kw_clv_input *kw_clv_data_view(const kw_clv_data *d) { return &d->v; }

void kw_clv_data_free(kw_clv_data *d) {
  if (!d) return;
  if (d->own_ids) kw_dict_free(d->ctx, d->own_ids);
  for (int i = 0; i < d->nblocks; i++) kw_free(d->ctx, d->blocks[i]);
  kw_free(d->ctx, d);
}

static void *block(kw_clv_data *d, size_t n, size_t elem) {
  if (d->nblocks == MAX_BLOCKS) return NULL;
  void *p = kw_calloc(d->ctx, n ? n : 1, elem);
  if (p) d->blocks[d->nblocks++] = p;
  return p;
}

static kw_clv_data *data_new(kw_context *ctx) {
  kw_clv_data *d = kw_calloc(ctx, 1, sizeof *d);
  if (!d) return NULL;
  d->ctx = ctx;
  d->v.as_of = KW_NA_DATE;
  d->v.holdout_end = KW_NA_DATE;
  d->v.pooled_margin = NAN;
  return d;
}

kw_status kw_clv_data_from_patterns(kw_context *ctx, const double *x,
                                    const double *tx, const double *T,
                                    const double *w, size_t n,
                                    kw_clv_data **out) {
  if (!out || !x || !tx || !T)
    return kw_fail(ctx, KW_EARG, "clv: bad arguments");
  *out = NULL;
  if (n == 0)
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.clv_no_patterns",
                       "clv: no patterns", NULL);
  kw_clv_data *d = data_new(ctx);
  if (!d) return kw_fail_nomem(ctx);
  double *a[4];
  const double *src[4] = {x, tx, T, w};
  for (int k = 0; k < 4; k++) {
    a[k] = block(d, n, sizeof(double));
    if (!a[k]) {
      kw_clv_data_free(d);
      return kw_fail_nomem(ctx);
    }
    if (src[k]) {
      memcpy(a[k], src[k], n * sizeof(double));
    } else {
      for (size_t i = 0; i < n; i++) a[k][i] = 1;
    }
  }
  kw_clv_input *v = &d->v;
  v->n = n;
  v->x = a[0];
  v->t_x = a[1];
  v->T = a[2];
  v->weight = a[3];
  v->discrete = true;
  double rep = 0;
  for (size_t i = 0; i < n; i++)
    if (a[0][i] >= 1) rep += a[3][i];
  v->n_repeat = (size_t)llround(rep);
  *out = d;
  return KW_OK;
}

typedef struct day_amt {
  int32_t day;
  int64_t amount;
} day_amt;

static int cmp_day_amt(const void *a, const void *b) {
  int32_t x = ((const day_amt *)a)->day, y = ((const day_amt *)b)->day;
  return (x > y) - (x < y);
}

static double ceil_period(double v) { return ceil(v - EPS_PERIOD); }
static double floor_period(double v) { return floor(v + EPS_PERIOD); }

/* ------------------------------------------------- calendar periods
 * Index of the calendar period holding day d: the day itself, the ISO week
 * (Monday to Sunday; 1970-01-01 was a Thursday, so day -3 opened a week),
 * year * 12 + month - 1, or the year. */
static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int64_t cal_period(kw_unit u, int32_t d) {
  int y, m, dd;
  switch (u) {
    case KW_UNIT_WEEK: return floor_div((int64_t)d + 3, 7);
    case KW_UNIT_MONTH:
      kw_date_to_ymd(d, &y, &m, &dd);
      return (int64_t)y * 12 + (m - 1);
    case KW_UNIT_YEAR:
      kw_date_to_ymd(d, &y, &m, &dd);
      return y;
    default: return d;
  }
}

/* The last day of calendar period P. */
static int32_t cal_period_end(kw_unit u, int64_t P) {
  switch (u) {
    case KW_UNIT_WEEK: return (int32_t)(7 * P + 3);
    case KW_UNIT_MONTH: {
      int64_t q = P + 1;
      return kw_date_from_ymd((int)floor_div(q, 12), (int)(q - 12 * floor_div(q, 12)) + 1, 1) - 1;
    }
    case KW_UNIT_YEAR: return kw_date_from_ymd((int)P, 12, 31);
    default: return (int32_t)P;
  }
}

/* The last calendar period complete on day d (d its last day or later). */
static int64_t cal_complete(kw_unit u, int32_t d) {
  int64_t P = cal_period(u, d);
  return cal_period_end(u, P) == d ? P : P - 1;
}

/* Acquisition cost per dense customer id from the customers table (the
 * first known value of a customer), or NULL when there is no column. */
static kw_status acq_costs(kw_context *ctx, const kw_dataset *ds, size_t n,
                           double **out) {
  *out = NULL;
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  if (!t) return KW_OK;
  const kw_column *cc = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *ca = kw_table_role(t, KW_ROLE_ACQ_COST);
  if (!cc || !ca || ca->type != KW_TYPE_MONEY) return KW_OK;
  double *a = kw_malloc(ctx, (n ? n : 1) * sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  for (size_t c = 0; c < n; c++) a[c] = NAN;
  size_t rows = kw_table_rows(t);
  for (size_t i = 0; i < rows; i++) {
    uint32_t c = cc->v.text[i];
    int64_t m = ca->v.money[i];
    if (c < n && m != KW_NA_MONEY && isnan(a[c])) a[c] = (double)m / 100.0;
  }
  *out = a;
  return KW_OK;
}

typedef struct walk {
  /* inputs */
  int32_t as_of, end;
  double u;
  size_t K, n_periods;
  bool discrete;
  size_t H; /* discrete holdout opportunities */
  /* outputs per customer */
  double x, tx, T, zbar, holdout;
  /* discrete: calendar periods */
  kw_unit unit;
  int64_t p_min;      /* period of the earliest first purchase */
  int64_t p_complete; /* last period complete on as_of */
} walk;

/*
 * One customer's sorted (day, amount) pairs: purchase days after the
 * first, into the holdout count, the tracking counts and (discrete) the
 * opportunity triple and spend.
 */
static void walk_customer(walk *w, const day_amt *da, size_t m, int32_t first,
                          double *track) {
  const double u = w->u;
  /* discrete: opportunity j is the j-th calendar period after the one of
   * the first purchase; n the complete ones up to as_of; tracking period
   * k the calendar period p_min + k */
  const int64_t pf = w->discrete ? cal_period(w->unit, first) : 0;
  const double n_opp =
      w->discrete ? fmax(0, (double)(w->p_complete - pf)) : 0;
  const double first_k = (double)(pf - w->p_min);
  double last_j = 0, x = 0, tx = 0, hold = 0, rep_rev = 0;
  for (size_t k = 0; k < m;) {
    int32_t d = da[k].day;
    int64_t rev = 0;
    bool purchase = false;
    for (; k < m && da[k].day == d; k++) {
      rev += da[k].amount;
      if (da[k].amount >= 0) purchase = true;
    }
    if (!purchase || d <= first) continue;
    if (!w->discrete) {
      if (d > w->as_of) hold += 1;
      double kp = (double)w->K + ceil_period((double)(d - w->as_of) / u);
      if (kp >= 1 && kp <= (double)w->n_periods) track[(size_t)kp - 1] += 1;
      continue;
    }
    double j = (double)(cal_period(w->unit, d) - pf);
    if (j <= n_opp) rep_rev += (double)rev; /* every purchase day of 1..n */
    if (j == last_j) continue;              /* opportunity already counted */
    last_j = j;
    if (j <= n_opp) {
      x += 1;
      tx = j;
    } else if (j <= n_opp + (double)w->H) {
      hold += 1;
    }
    double kp = first_k + j;
    if (kp >= 1 && kp <= (double)w->n_periods) track[(size_t)kp - 1] += 1;
  }
  w->holdout = hold;
  if (w->discrete) {
    w->x = x;
    w->tx = tx;
    w->T = n_opp;
    w->zbar = x > 0 ? rep_rev / 100.0 / x : 0;
  }
}

kw_status kw_clv_data_build(kw_context *ctx, const kw_dataset *ds,
                            const kw_clv_data_options *opt,
                            kw_clv_data **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  *out = NULL;
  kw_clv_data_options defaults;
  if (!opt) {
    kw_clv_data_options_init(&defaults);
    opt = &defaults;
  }
  if (!ds) return kw_fail(ctx, KW_EARG, "clv: no dataset");
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = opt->as_of;
  so.unit = opt->unit;
  kw_summary *s = NULL;
  kw_status st = kw_summary_build(ctx, ds, &so, &s);
  if (st != KW_OK) return st;
  const kw_customer_summary *sv = kw_summary_view(s);
  const int32_t as_of = sv->as_of;
  const bool has_hold = opt->holdout_end != KW_NA_DATE;
  if (has_hold && opt->holdout_end <= as_of) {
    kw_summary_free(s);
    return kw_fail(ctx, KW_EARG,
                   "clv: the holdout must end after the as-of date");
  }
  const int32_t end = has_hold ? opt->holdout_end : as_of;
  const double u = kw_unit_days(opt->unit);
  const size_t nd = sv->n;

  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const uint32_t *cust = kw_table_role(t, KW_ROLE_CUSTOMER)->v.text;
  const int32_t *date = kw_table_role(t, KW_ROLE_DATE)->v.date;
  const int64_t *amt = kw_table_role(t, KW_ROLE_AMOUNT)->v.money;
  const size_t rows = kw_table_rows(t);

  kw_clv_data *d = data_new(ctx);
  uint32_t *start = kw_calloc(ctx, nd + 1, sizeof *start);
  uint32_t *order = kw_malloc(ctx, (rows ? rows : 1) * sizeof *order);
  unsigned char *later = kw_calloc(ctx, nd ? nd : 1, 1);
  double *acq = NULL;
  day_amt *scratch = NULL;
  if (!d || !start || !order || !later) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = acq_costs(ctx, ds, nd, &acq)) != KW_OK) goto done;

  kw_clv_input *v = &d->v;
  size_t n = sv->n_buyers;
  v->n = n;
  v->ids = sv->ids;
  v->as_of = as_of;
  v->unit = opt->unit;
  v->discrete = opt->discrete;
  v->has_cost = sv->has_cost;
  v->holdout_end = has_hold ? opt->holdout_end : KW_NA_DATE;
  uint32_t *customer = block(d, n, sizeof *customer);
  int32_t *first = block(d, n, sizeof *first);
  double *x = block(d, n, sizeof *x), *tx = block(d, n, sizeof *tx);
  double *T = block(d, n, sizeof *T), *zbar = block(d, n, sizeof *zbar);
  double *revenue = block(d, n, sizeof *revenue);
  double *margin = block(d, n, sizeof *margin);
  double *offset = block(d, n, sizeof *offset);
  double *hold = has_hold ? block(d, n, sizeof *hold) : NULL;
  double *acq_row = acq ? block(d, n, sizeof *acq_row) : NULL;
  if (!customer || !first || !x || !tx || !T || !zbar || !revenue ||
      !margin || !offset || (has_hold && !hold) || (acq && !acq_row)) {
    st = kw_fail_nomem(ctx);
    goto done;
  }

  /* customers first buying after as_of: a purchase line later, none
   * before */
  for (size_t i = 0; i < rows; i++)
    if (date[i] > as_of && amt[i] >= 0 && sv->first[cust[i]] == KW_NA_DATE)
      later[cust[i]] = 1;
  for (size_t c = 0; c < nd; c++) v->n_later += later[c];

  /* rows, the earliest first purchase, margins */
  int32_t min_first = as_of;
  double pool_rev = 0, pool_margin = 0;
  size_t r = 0;
  for (size_t c = 0; c < nd; c++) {
    if (sv->first[c] == KW_NA_DATE) continue;
    customer[r] = (uint32_t)c;
    first[r] = sv->first[c];
    if (first[r] < min_first) min_first = first[r];
    x[r] = sv->x[c];
    tx[r] = sv->t_x[c];
    T[r] = sv->T[c];
    zbar[r] = sv->repeat_spend[c];
    revenue[r] = (double)sv->revenue[c] / 100.0;
    margin[r] = NAN;
    if (sv->has_cost && sv->cost_lines[c] == sv->lines[c] &&
        sv->revenue[c] > 0) {
      double rev = (double)sv->revenue[c], cost = (double)sv->cost[c];
      margin[r] = (rev - cost) / rev;
      pool_rev += rev;
      pool_margin += rev - cost;
    }
    if (acq_row) acq_row[r] = acq[c];
    r++;
  }
  v->pooled_margin = pool_rev > 0 ? pool_margin / pool_rev : NAN;

  /* tracking periods: n_cal_periods of them end on as_of (discrete:
   * calendar periods, the last complete one by as_of) */
  const int64_t p_min = cal_period(opt->unit, min_first);
  const int64_t p_complete = cal_complete(opt->unit, as_of);
  double kcal = opt->discrete ? (double)(p_complete - p_min)
                              : ceil_period((double)(as_of - min_first) / u);
  size_t K = kcal < 1 ? 1 : (size_t)kcal;
  size_t nh = 0;
  if (has_hold && opt->discrete) {
    int64_t h = cal_complete(opt->unit, end) - p_complete;
    nh = h > 0 ? (size_t)h : 0;
  } else if (has_hold) {
    nh = (size_t)floor_period((double)(end - as_of) / u);
  }
  if (K + nh > 10000000) {
    st = kw_fail(ctx, KW_ERANGE,
                 "clv: more than 10 million tracking periods; use a longer "
                 "unit");
    goto done;
  }
  v->n_cal_periods = K;
  v->n_periods = K + nh;
  double *track = block(d, K + nh, sizeof *track);
  if (!track) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    offset[i] = opt->discrete
                    ? (double)(cal_period(opt->unit, first[i]) - p_min)
                    : (double)K + (double)(first[i] - as_of) / u;
  int32_t *pend = block(d, K + nh, sizeof *pend);
  if (!pend) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t k = 1; k <= K + nh; k++)
    pend[k - 1] =
        opt->discrete
            ? cal_period_end(opt->unit, p_min + (int64_t)k)
            : as_of + (int32_t)floor(((double)k - (double)K) * u + 1e-9);

  /* counting sort of the lines up to `end` of calibration customers */
  uint32_t maxm = 0;
  for (size_t i = 0; i < rows; i++)
    if (date[i] <= end && sv->first[cust[i]] != KW_NA_DATE)
      start[cust[i] + 1]++;
  for (size_t c = 0; c < nd; c++) {
    if (start[c + 1] > maxm) maxm = start[c + 1];
    start[c + 1] += start[c];
  }
  {
    uint32_t *fill = kw_malloc(ctx, (nd ? nd : 1) * sizeof *fill);
    if (!fill) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    memcpy(fill, start, nd * sizeof *fill);
    for (size_t i = 0; i < rows; i++)
      if (date[i] <= end && sv->first[cust[i]] != KW_NA_DATE)
        order[fill[cust[i]]++] = (uint32_t)i;
    kw_free(ctx, fill);
  }
  scratch = kw_malloc(ctx, (maxm ? maxm : 1) * sizeof *scratch);
  if (!scratch) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  walk w = {0};
  w.as_of = as_of;
  w.end = end;
  w.u = u;
  w.K = K;
  w.n_periods = K + nh;
  w.discrete = opt->discrete;
  w.H = nh;
  w.unit = opt->unit;
  w.p_min = p_min;
  w.p_complete = p_complete;
  for (size_t i = 0; i < n; i++) {
    uint32_t c = customer[i];
    size_t m = start[c + 1] - start[c];
    for (size_t k = 0; k < m; k++) {
      uint32_t l = order[start[c] + k];
      scratch[k] = (day_amt){date[l], amt[l]};
    }
    qsort(scratch, m, sizeof *scratch, cmp_day_amt);
    walk_customer(&w, scratch, m, first[i], track);
    if (hold) hold[i] = w.holdout;
    if (opt->discrete) {
      x[i] = w.x;
      tx[i] = w.tx;
      T[i] = w.T;
      zbar[i] = w.zbar;
    }
  }
  for (size_t k = 1; k < K + nh; k++) track[k] += track[k - 1];
  for (size_t i = 0; i < n; i++) v->n_repeat += x[i] >= 1;

  v->customer = customer;
  v->first = first;
  v->x = x;
  v->t_x = tx;
  v->T = T;
  v->zbar = zbar;
  v->revenue = revenue;
  v->margin = margin;
  v->acq_cost = acq_row;
  v->offset = offset;
  v->track_actual = track;
  v->period_end = pend;
  v->holdout = hold;
  v->holdout_len = !has_hold ? 0
                   : opt->discrete ? (double)nh
                                   : (double)(end - as_of) / u;
done:
  kw_summary_free(s);
  kw_free(ctx, start);
  kw_free(ctx, order);
  kw_free(ctx, later);
  kw_free(ctx, acq);
  kw_free(ctx, scratch);
  if (st != KW_OK) {
    kw_clv_data_free(d);
    return st;
  }
  *out = d;
  return KW_OK;
}

kw_status kw_clv_data_from_rows(kw_context *ctx, const kw_clv_rows *r,
                                kw_clv_data **out) {
  if (!out || !r || (r->n && (!r->ids || !r->first || !r->x || !r->t_x ||
                              !r->T || !r->zbar || !r->revenue ||
                              !r->margin)) ||
      (r->n_days && (!r->rday || !r->rcount)))
    return kw_fail(ctx, KW_EARG, "clv: bad arguments");
  *out = NULL;
  const bool has_hold = r->holdout_end != KW_NA_DATE;
  if (has_hold && (!r->holdout || r->holdout_end <= r->as_of))
    return kw_fail(ctx, KW_EARG,
                   "clv: the holdout must end after the as-of date");
  kw_clv_data *d = data_new(ctx);
  if (!d) return kw_fail_nomem(ctx);
  const size_t n = r->n;
  const int32_t as_of = r->as_of, end = has_hold ? r->holdout_end : as_of;
  const double u = kw_unit_days(r->unit);
  kw_clv_input *v = &d->v;
  v->n = n;
  v->as_of = as_of;
  v->unit = r->unit;
  v->has_cost = r->has_cost;
  v->n_later = r->n_later;
  v->holdout_end = has_hold ? r->holdout_end : KW_NA_DATE;
  d->own_ids = kw_dict_new(ctx);
  uint32_t *customer = block(d, n, sizeof *customer);
  int32_t *first = block(d, n, sizeof *first);
  double *a[7];
  const double *src[7] = {r->x, r->t_x, r->T, r->zbar, r->revenue,
                          r->margin, r->holdout};
  bool ok = d->own_ids && customer && first;
  for (int k = 0; k < 7; k++) {
    a[k] = ok && (k < 6 || has_hold) ? block(d, n, sizeof(double)) : NULL;
    if (k < 6 || has_hold) ok = ok && a[k];
    if (a[k]) memcpy(a[k], src[k], n * sizeof(double));
  }
  double *offset = ok ? block(d, n, sizeof *offset) : NULL;
  kw_status st = ok && offset ? KW_OK : kw_fail_nomem(ctx);
  int32_t min_first = as_of;
  for (size_t i = 0; !st && i < n; i++) {
    st = kw_dict_intern(ctx, d->own_ids, r->ids[i], strlen(r->ids[i]),
                        &customer[i], NULL);
    first[i] = r->first[i];
    if (first[i] < min_first) min_first = first[i];
    v->n_repeat += r->x[i] >= 1;
  }
  if (st) {
    kw_clv_data_free(d);
    return st;
  }
  v->pooled_margin = r->pooled_margin;
  /* tracking as kw_clv_data_build: n_cal_periods end on as_of */
  double kcal = ceil_period((double)(as_of - min_first) / u);
  size_t K = kcal < 1 ? 1 : (size_t)kcal;
  size_t nh = has_hold ? (size_t)floor_period((double)(end - as_of) / u) : 0;
  if (K + nh > 10000000) {
    kw_clv_data_free(d);
    return kw_fail(ctx, KW_ERANGE,
                   "clv: more than 10 million tracking periods; use a longer "
                   "unit");
  }
  double *track = block(d, K + nh, sizeof *track);
  int32_t *pend = block(d, K + nh, sizeof *pend);
  if (!track || !pend) {
    kw_clv_data_free(d);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++)
    offset[i] = (double)K + (double)(first[i] - as_of) / u;
  for (size_t k = 1; k <= K + nh; k++)
    pend[k - 1] = as_of + (int32_t)floor(((double)k - (double)K) * u + 1e-9);
  for (size_t j = 0; j < r->n_days; j++) {
    if (r->rday[j] > end) continue;
    double kp = (double)K + ceil_period((double)(r->rday[j] - as_of) / u);
    if (kp >= 1 && kp <= (double)(K + nh)) track[(size_t)kp - 1] += r->rcount[j];
  }
  for (size_t k = 1; k < K + nh; k++) track[k] += track[k - 1];
  v->n_cal_periods = K;
  v->n_periods = K + nh;
  v->ids = d->own_ids;
  v->customer = customer;
  v->first = first;
  v->x = a[0];
  v->t_x = a[1];
  v->T = a[2];
  v->zbar = a[3];
  v->revenue = a[4];
  v->margin = a[5];
  v->holdout = a[6];
  v->offset = offset;
  v->track_actual = track;
  v->period_end = pend;
  v->holdout_len = has_hold ? (double)(end - as_of) / u : 0;
  *out = d;
  return KW_OK;
}

size_t kw_clv_horizon_default(kw_unit unit, const kw_clv_input *observed) {
  if (observed) {
    double mt = 1;
    for (size_t i = 0; i < observed->n; i++)
      if (observed->T[i] > mt) mt = observed->T[i];
    return mt < 100000 ? (size_t)ceil(mt) : 100000;
  }
  return unit == KW_UNIT_DAY    ? 365
         : unit == KW_UNIT_WEEK ? 52
         : unit == KW_UNIT_YEAR ? 1
                                : 12;
}

kw_status kw_clv_holdout_compute(kw_context *ctx, const kw_clv_fit *f,
                                 const kw_clv_input *d, kw_clv_holdout *out) {
  memset(out, 0, sizeof *out);
  if (!d->holdout)
    return kw_fail(ctx, KW_EARG, "holdout check: the data have no holdout");
  out->expected = kw_malloc(ctx, (d->n ? d->n : 1) * sizeof(double));
  out->tracking =
      kw_malloc(ctx, (d->n_periods ? d->n_periods : 1) * sizeof(double));
  kw_status st = out->expected && out->tracking ? KW_OK : kw_fail_nomem(ctx);
  if (!st)
    st = kw_clv_expected(ctx, f, d->x, d->t_x, d->T, d->n, d->holdout_len,
                         out->expected);
  if (!st)
    st = kw_clv_evaluate(ctx, f, d->x, d->t_x, d->T, d->holdout, d->n,
                         d->holdout_len, &out->ev);
  if (!st)
    st = kw_clv_tracking(ctx, f, d->offset, d->n, d->n_periods,
                         out->tracking);
  if (st) kw_clv_holdout_free(ctx, out);
  return st;
}

void kw_clv_holdout_free(kw_context *ctx, kw_clv_holdout *h) {
  if (!h) return;
  kw_free(ctx, h->expected);
  kw_free(ctx, h->tracking);
  h->expected = h->tracking = NULL;
}
