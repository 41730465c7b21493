/*
 * analyze_clv.c — the CLV step of the main job.
 *
 * 1. Check on a holdout: the last H days (holdout_days, default a quarter
 *    of the data's span, 28..365) are cut off, the purchase model is fitted
 *    on the customers who bought before them (calibration), and its
 *    expected repeat purchases over H are compared with the purchase days
 *    those customers really had in the holdout, per calibration frequency
 *    (kw_clv_evaluate; the "conditional expectations" plot of Fader, Hardie
 *    & Lee 2005, figure 4).
 * 2. Fit the model on all data up to the as-of day (weeks as the unit),
 *    and the Gamma-Gamma spend model on the repeat buyers' mean spend per
 *    repeat purchase day.
 * 3. Per buyer: P(alive), expected purchases and CLV over the horizon,
 *       CLV = margin x E[spend] x sum_k dE[Y(k)] / (1 + d)^k   (weeks k)
 *    with d the weekly rate of the yearly discount rate, (1+D)^(1/52.18)-1,
 *    and margin the portfolio's contribution margin where costs are known
 *    (else 1: CLV is then revenue). Without a spend model each customer's
 *    average order value stands in for E[spend].
 * 4. The P(alive) matrix: P(alive) of a customer observed for T_ref weeks
 *    (the longest observation) by repeat purchases x and weeks since the
 *    last purchase, T_ref - t_x, as in lifetimes'
 *    plot_probability_alive_matrix.
 */
#include "models/analyze_internal.h"
#include "core/sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_REPEAT_BUYERS 20

typedef struct triple {
  double *x, *tx, *T;
  uint32_t *id;
  size_t n;
} triple;

static void triple_free(kw_context *ctx, triple *t) {
  kw_free(ctx, t->x);
  kw_free(ctx, t->tx);
  kw_free(ctx, t->T);
  kw_free(ctx, t->id);
  memset(t, 0, sizeof *t);
}

/* The buyers of s as compact arrays. */
static kw_status triple_of(kw_context *ctx, const kw_customer_summary *s,
                           triple *t) {
  size_t n = s->n_buyers ? s->n_buyers : 1;
  t->x = kw_malloc(ctx, n * sizeof(double));
  t->tx = kw_malloc(ctx, n * sizeof(double));
  t->T = kw_malloc(ctx, n * sizeof(double));
  t->id = kw_malloc(ctx, n * sizeof(uint32_t));
  if (!t->x || !t->tx || !t->T || !t->id) return kw_fail_nomem(ctx);
  t->n = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (s->first[i] == KW_NA_DATE) continue;
    t->x[t->n] = s->x[i];
    t->tx[t->n] = s->x[i] > 0 ? s->t_x[i] : 0;
    t->T[t->n] = s->T[i];
    t->id[t->n] = (uint32_t)i;
    t->n++;
  }
  return KW_OK;
}

/* The holdout's calibration data: the customers who bought before the
 * last H days, and their purchase days within them. */
typedef struct holdout_data {
  triple t;
  double *actual;
  kw_summary *cal;
  kw_customer_summary src_cal; /* from the source (a database) */
  void *src_cal_mem;
} holdout_data;

static void holdout_free(kw_context *ctx, holdout_data *h) {
  triple_free(ctx, &h->t);
  kw_free(ctx, h->actual);
  kw_summary_free(h->cal);
  kw_free(ctx, h->src_cal_mem);
  memset(h, 0, sizeof *h);
}

static kw_status holdout_prepare(kw_analysis *a, int H, holdout_data *h) {
  kw_context *ctx = a->ctx;
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = a->as_of - H;
  so.unit = KW_UNIT_WEEK;
  /* the calibration summary where the analysis's summary came from: the
   * source's (a database) or the lines */
  const kw_analyze_source *src = a->o.source;
  bool from_src = src && src->summary && !a->sum;
  kw_status st = from_src ? kw_an_source_summary(a, &so, &h->src_cal,
                                                 &h->src_cal_mem)
                          : kw_summary_build(ctx, a->ds, &so, &h->cal);
  if (st) return st;
  const kw_customer_summary *cv =
      from_src ? &h->src_cal : kw_summary_view(h->cal);
  st = triple_of(ctx, cv, &h->t);
  if (st) return st;
  h->actual = kw_malloc(ctx, (h->t.n ? h->t.n : 1) * sizeof *h->actual);
  if (!h->actual) return kw_fail_nomem(ctx);
  for (size_t k = 0; k < h->t.n; k++) {
    uint32_t i = h->t.id[k];
    h->actual[k] = (double)a->s->days[i] - (double)cv->days[i];
  }
  return KW_OK;
}

/* Fit model m on the calibration data and compare with the holdout. */
static kw_status holdout_eval(kw_analysis *a, const holdout_data *h, int H,
                              kw_clv_model m, kw_clv_evaluation *ev) {
  kw_clv_fit_options fo;
  kw_clv_fit_options_init(&fo);
  kw_clv_fit *fit = NULL;
  kw_status st = kw_clv_fit_model(a->ctx, m, h->t.x, h->t.tx, h->t.T, NULL,
                                  h->t.n, &fo, &fit);
  if (!st)
    st = kw_clv_evaluate(a->ctx, fit, h->t.x, h->t.tx, h->t.T, h->actual,
                         h->t.n, H / 7.0, ev);
  kw_clv_fit_free(fit);
  return st;
}

static int cmp_double(const void *p, const void *q) {
  double a = *(const double *)p, b = *(const double *)q;
  return (a > b) - (a < b);
}

/* Sort v ascending. Non-negative doubles order as their bit patterns, so
 * those go through the linear radix sort (-0.0 taken as 0); anything else,
 * or no memory for its scratch, through qsort. Same result either way. */
static void sort_values(kw_context *ctx, double *v, size_t n) {
  bool plain = true;
  for (size_t i = 0; i < n && plain; i++) plain = v[i] >= 0 && v[i] < INFINITY;
  uint64_t *u = plain && n ? kw_malloc(ctx, n * sizeof *u) : NULL;
  if (u) {
    for (size_t i = 0; i < n; i++) {
      double d = v[i] == 0 ? 0 : v[i];
      memcpy(&u[i], &d, sizeof d);
    }
    if (kw_sort_u64(ctx, u, n) == KW_OK) {
      for (size_t i = 0; i < n; i++) memcpy(&v[i], &u[i], sizeof v[i]);
      kw_free(ctx, u);
      return;
    }
    kw_free(ctx, u);
  }
  qsort(v, n, sizeof *v, cmp_double);
}

static kw_status palive_matrix(kw_analysis *a, const kw_clv_fit *fit,
                               const triple *t) {
  kw_context *ctx = a->ctx;
  double Tref = 0;
  size_t nrep = 0;
  for (size_t k = 0; k < t->n; k++) {
    if (t->T[k] > Tref) Tref = t->T[k];
    if (t->x[k] >= 1) nrep++;
  }
  double *xs = kw_malloc(ctx, (nrep ? nrep : 1) * sizeof *xs);
  if (!xs) return kw_fail_nomem(ctx);
  size_t j = 0;
  for (size_t k = 0; k < t->n; k++)
    if (t->x[k] >= 1) xs[j++] = t->x[k];
  sort_values(ctx, xs, nrep);
  double xmax = nrep ? xs[(size_t)floor(0.95 * (double)(nrep - 1))] : 1;
  kw_free(ctx, xs);
  if (xmax < 2) xmax = 2;
  size_t rows = (size_t)xmax < KW_PM_ROWS ? (size_t)xmax : KW_PM_ROWS;
  a->pm_rows = rows;
  a->pm_T = Tref;
  double px[KW_PM_ROWS * KW_PM_COLS], ptx[KW_PM_ROWS * KW_PM_COLS],
      pT[KW_PM_ROWS * KW_PM_COLS], out[KW_PM_ROWS * KW_PM_COLS];
  for (size_t r = 0; r < rows; r++)
    a->pm_x[r] = rows == 1 ? 1
                           : round(1 + (double)r * (xmax - 1) /
                                           (double)(rows - 1));
  for (size_t c = 0; c < KW_PM_COLS; c++)
    a->pm_weeks[c] = round(Tref * (double)c / KW_PM_COLS);
  size_t m = 0;
  for (size_t r = 0; r < rows; r++)
    for (size_t c = 0; c < KW_PM_COLS; c++, m++) {
      px[m] = a->pm_x[r];
      ptx[m] = fmax(0, Tref - a->pm_weeks[c]);
      pT[m] = Tref;
    }
  kw_status st = kw_clv_p_alive(ctx, fit, px, ptx, pT, m, out);
  if (st) return st;
  m = 0;
  for (size_t r = 0; r < rows; r++)
    for (size_t c = 0; c < KW_PM_COLS; c++) a->pm[r][c] = out[m++];
  return KW_OK;
}

const char *kw_an_model_label(kw_clv_model m) {
  return m == KW_CLV_BGNBD    ? "BG/NBD"
         : m == KW_CLV_PNBD   ? "Pareto/NBD"
         : m == KW_CLV_MBGNBD ? "MBG/NBD"
                              : "?";
}

kw_status kw_an_clv(kw_analysis *a) {
  kw_context *ctx = a->ctx;
  const kw_customer_summary *s = a->s;
  size_t nrep = 0;
  for (size_t i = 0; i < s->n; i++)
    if (s->first[i] != KW_NA_DATE && s->x[i] >= 1) nrep++;
  if (nrep < MIN_REPEAT_BUYERS) {
    kw_marg args[] = {kw_ma_int("n", (int64_t)nrep),
                      kw_ma_int("min", MIN_REPEAT_BUYERS)};
    return kw_an_note(a, KW_STEP_CLV, KW_STEP_SKIPPED, "note.few_repeat",
                      args, 2);
  }
  /* 1. the candidates: the chosen model, or all three for auto */
  if (a->o.clv_model == KW_CLV_MODEL__COUNT) {
    a->n_cand = 3;
    a->cand[0] = KW_CLV_BGNBD;
    a->cand[1] = KW_CLV_MBGNBD;
    a->cand[2] = KW_CLV_PNBD;
  } else {
    a->n_cand = 1;
    a->cand[0] = a->o.clv_model;
  }
  /* 2. holdout check of each candidate */
  int span = a->as_of - a->first_date + 1;
  int H = a->o.holdout_days;
  if (H == 0) {
    H = span / 4;
    if (H < 28) H = 28;
    if (H > 365) H = 365;
  }
  kw_status st;
  if (span < 2 * H) {
    kw_marg arg = kw_ma_int("days", span);
    if ((st = kw_an_note(a, KW_STEP_CLV, KW_STEP_LIMITED, "note.no_holdout",
                         &arg, 1)))
      return st;
  } else {
    holdout_data hd;
    memset(&hd, 0, sizeof hd);
    st = holdout_prepare(a, H, &hd);
    for (size_t c = 0; !st && c < a->n_cand; c++) {
      st = holdout_eval(a, &hd, H, a->cand[c], &a->cand_eval[c]);
      if (!st) {
        a->cand_holdout[c] = true;
      } else if (st != KW_ENOMEM) {
        st = kw_an_note_text(a, KW_STEP_CLV, KW_STEP_LIMITED, "note.error",
                             kw_errmsg(ctx));
      }
    }
    holdout_free(ctx, &hd);
    if (st) return st;
    a->have_holdout = true;
    a->holdout_days = H;
  }

  /* 3. fit every candidate on everything and check it */
  triple t = {0};
  kw_clv_fit *fit = NULL, *gg = NULL;
  kw_clv_fit *cf[3] = {NULL, NULL, NULL};
  kw_clv_data *pat = NULL;
  double *zbar = NULL, *sp = NULL, *pa = NULL, *ex = NULL, *val = NULL;
  double cov[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS];
  size_t pa_of = SIZE_MAX; /* the candidate whose P(alive) pa holds */
  st = triple_of(ctx, s, &t);
  if (st) goto done;
  pa = kw_malloc(ctx, (t.n ? t.n : 1) * sizeof *pa);
  if (!pa) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  {
    kw_clv_fit_options fo;
    kw_clv_fit_options_init(&fo);
    kw_clv_check_options ko;
    kw_clv_check_options_init(&ko);
    char first_err[KW_ERRMSG_MAX] = "";
    /* the fit's data: the buyers' triples, or the (x, t_x, T) patterns
     * from a source that computed them (a database) */
    const double *fx = t.x, *ftx = t.tx, *fT = t.T, *fw = NULL;
    size_t fn = t.n;
    const kw_analyze_source *src = a->o.source;
    if (src && src->patterns) {
      st = src->patterns(src->user, ctx, a->as_of, KW_UNIT_WEEK, &pat);
      if (st) goto fail;
      const kw_clv_input *pv = kw_clv_data_view(pat);
      fx = pv->x, ftx = pv->t_x, fT = pv->T, fw = pv->weight, fn = pv->n;
    }
    for (size_t c = 0; c < a->n_cand; c++) {
      st = kw_clv_fit_model(ctx, a->cand[c], fx, ftx, fT, fw, fn, &fo,
                            &cf[c]);
      pa_of = SIZE_MAX;
      if (!st) st = kw_clv_p_alive(ctx, cf[c], t.x, t.tx, t.T, t.n, pa);
      if (st == KW_ENOMEM) goto done;
      if (!st) pa_of = c;
      if (st) {
        if (!first_err[0])
          snprintf(first_err, sizeof first_err, "%s", kw_errmsg(ctx));
        kw_clv_fit_free(cf[c]);
        cf[c] = NULL;
        st = KW_OK;
        continue;
      }
      const kw_clv_result *r = kw_clv_fit_result(cf[c]);
      a->cand_fitted[c] = true;
      a->cand_bic[c] = r->bic;
      a->cand_res[c] = *r;
      a->cand_res[c].names = NULL;
      a->cand_res[c].se_note = NULL;
      kw_clv_check_fit(r, t.x, t.T, pa, t.n,
                       a->cand_holdout[c] ? &a->cand_eval[c] : NULL, &ko,
                       &a->cand_check[c]);
    }
    /* the choice: among the fits that passed, the smallest holdout error
     * per customer (mean absolute error), then the lowest BIC; when none
     * passed, the same order over all fits (its P(alive) decides nothing) */
    size_t best = SIZE_MAX;
    for (int pass = 1; pass >= 0 && best == SIZE_MAX; pass--)
      for (size_t c = 0; c < a->n_cand; c++) {
        if (!a->cand_fitted[c] || (pass && !a->cand_check[c].passed)) continue;
        if (best == SIZE_MAX) {
          best = c;
          continue;
        }
        bool hb = a->cand_holdout[best], hc = a->cand_holdout[c];
        double eb = a->cand_eval[best].mae, ec = a->cand_eval[c].mae;
        if (hb && hc && fabs(ec - eb) > 1e-9 * fmax(1, eb) ? ec < eb
                                                           : a->cand_bic[c] <
                                                                 a->cand_bic[best])
          best = c;
      }
    if (best == SIZE_MAX) {
      st = kw_an_note_text(a, KW_STEP_CLV, KW_STEP_FAILED, "note.fit_failed",
                           first_err);
      goto done;
    }
    a->chosen = best;
    fit = cf[best];
    cf[best] = NULL;
    a->check = a->cand_check[best];
    a->clv_ok = a->check.passed;
    if (a->cand_holdout[best]) a->eval = a->cand_eval[best];
    else a->have_holdout = false;
    if (a->n_cand > 1) {
      a->have_cmp = true;
      a->cmp.n_models = a->n_cand;
      for (size_t c = 0; c < a->n_cand; c++) {
        a->cmp.model[c] = a->cand[c];
        a->cmp.status[c] = a->cand_fitted[c] ? KW_OK : KW_ENOCONV;
        a->cmp.converged[c] =
            a->cand_fitted[c] &&
            !(a->cand_check[c].flags & KW_CLV_FLAG_NOT_CONVERGED);
        a->cmp.bic[c] = a->cand_bic[c];
      }
      a->cmp.best = a->cand[best];
    }
  }
  a->fit_res = *kw_clv_fit_result(fit);
  a->fit_res.names = NULL; /* points into the fit, freed below */
  a->fit_res.se_note = NULL;
  a->clv_model = a->fit_res.model;
  a->n_fit = t.n;
  if (!a->fit_res.converged &&
      (st = kw_an_note(a, KW_STEP_CLV, KW_STEP_LIMITED, "note.not_converged",
                       NULL, 0)))
    goto done;
  if (!a->clv_ok) {
    if ((st = kw_an_note_checks(a, KW_STEP_CLV, KW_STEP_LIMITED,
                                a->n_cand > 1 ? "note.no_model_passed"
                                              : "note.model_failed_checks",
                                kw_an_model_label(a->clv_model))))
      goto done;
  }

  size_t n = t.n;
  zbar = kw_malloc(ctx, n * sizeof *zbar);
  sp = kw_malloc(ctx, n * sizeof *sp);
  ex = kw_malloc(ctx, n * sizeof *ex);
  val = kw_malloc(ctx, n * sizeof *val);
  if (!zbar || !sp || !pa || !ex || !val) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t k = 0; k < n; k++) {
    double z = s->repeat_spend[t.id[k]];
    zbar[k] = t.x[k] >= 1 && z > 0 ? z : 0;
  }
  kw_clv_fit_options fo;
  kw_clv_fit_options_init(&fo);
  st = kw_clv_fit_spend(ctx, t.x, zbar, NULL, n, &fo, &gg);
  if (st == KW_ENOMEM) goto done;
  if (!st) st = kw_clv_spend(ctx, gg, t.x, zbar, n, sp);
  if (st == KW_ENOMEM) goto done;
  if (st) {
    char err[KW_ERRMSG_MAX];
    snprintf(err, sizeof err, "%s", kw_errmsg(ctx));
    if ((st = kw_an_note_text(a, KW_STEP_CLV, KW_STEP_LIMITED,
                              "note.no_spend_model", err)))
      goto done;
    for (size_t k = 0; k < n; k++) {
      uint32_t i = t.id[k];
      sp[k] = s->orders[i] ? (double)s->revenue[i] / 100.0 / s->orders[i] : 0;
      if (sp[k] < 0) sp[k] = 0;
    }
  } else {
    a->have_gg = true;
    a->gg_res = *kw_clv_fit_result(gg);
    a->gg_res.names = NULL;
    a->gg_res.se_note = NULL;
  }

  /* 3. predictions */
  a->clv_margin = 1;
  if (a->have_profit && a->pd->revenue_known > 0) {
    double m = (double)a->pd->contribution_total / (double)a->pd->revenue_known;
    a->clv_margin = m < 0 ? 0 : m > 1 ? 1 : m;
  }
  a->horizon_weeks = (int)lround(a->o.horizon_months * 30.4375 / 7.0);
  if (a->horizon_weeks < 1) a->horizon_weeks = 1;
  kw_clv_value_options vo;
  kw_clv_value_options_init(&vo);
  vo.horizon = (size_t)a->horizon_weeks;
  vo.discount = pow(1.0 + a->o.discount_rate, 7.0 / 365.25) - 1.0;
  vo.margin = a->clv_margin;
  /* pa holds the chosen fit's P(alive) when it was the last one fitted */
  if (pa_of != a->chosen &&
      (st = kw_clv_p_alive(ctx, fit, t.x, t.tx, t.T, n, pa)))
    goto fail;
  if ((st = kw_clv_expected(ctx, fit, t.x, t.tx, t.T, n,
                            (double)a->horizon_weeks, ex)))
    goto fail;
  if ((st = kw_clv_value(ctx, fit, t.x, t.tx, t.T, sp, n, &vo, val)))
    goto fail;
  size_t N = a->n ? a->n : 1;
  a->p_alive = kw_malloc(ctx, N * sizeof(double));
  a->expected = kw_malloc(ctx, N * sizeof(double));
  a->spend = kw_malloc(ctx, N * sizeof(double));
  a->clv = kw_malloc(ctx, N * sizeof(double));
  if (!a->p_alive || !a->expected || !a->spend || !a->clv) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < a->n; i++)
    a->p_alive[i] = a->expected[i] = a->spend[i] = a->clv[i] = NAN;
  a->clv_total = 0;
  for (size_t k = 0; k < n; k++) {
    uint32_t i = t.id[k];
    a->p_alive[i] = pa[k];
    a->expected[i] = ex[k];
    a->spend[i] = sp[k];
    a->clv[i] = val[k];
    a->clv_total += val[k];
  }
  /* share of the total CLV held by the top 20% (val is reused below) */
  sort_values(ctx, val, n);
  double top = 0;
  size_t ktop = (size_t)ceil(0.2 * (double)n);
  for (size_t k = 0; k < ktop; k++) top += val[n - 1 - k];
  a->clv_top20_share = a->clv_total > 0 ? top / a->clv_total : NAN;

  /* 4. 90% intervals: delta method from the parameter covariance */
  a->interval_level = 0.9;
  a->p_alive_lo = kw_malloc(ctx, N * sizeof(double));
  a->p_alive_hi = kw_malloc(ctx, N * sizeof(double));
  a->clv_lo = kw_malloc(ctx, N * sizeof(double));
  a->clv_hi = kw_malloc(ctx, N * sizeof(double));
  if (!a->p_alive_lo || !a->p_alive_hi || !a->clv_lo || !a->clv_hi) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < a->n; i++)
    a->p_alive_lo[i] = a->p_alive_hi[i] = a->clv_lo[i] = a->clv_hi[i] = NAN;
  a->clv_total_lo = a->clv_total_hi = NAN;
  st = kw_clv_covariance(ctx, fit, t.x, t.tx, t.T, n, cov);
  if (!st) {
    /* the interval arrays are compact here, scattered below */
    kw_clv_interval_out io = {ex, NULL, val, NULL, NAN, NAN};
    double *ph = kw_malloc(ctx, n * sizeof *ph);
    double *vh = kw_malloc(ctx, n * sizeof *vh);
    if (!ph || !vh) {
      kw_free(ctx, ph);
      kw_free(ctx, vh);
      st = kw_fail_nomem(ctx);
      goto done;
    }
    io.p_alive_hi = ph;
    io.value_hi = vh;
    /* ex and val are reused as the lower bounds: copy the estimates out */
    st = kw_clv_intervals(ctx, fit, cov, t.x, t.tx, t.T, sp, n, &vo,
                          a->interval_level, &io);
    if (!st) {
      for (size_t k = 0; k < n; k++) {
        uint32_t i = t.id[k];
        a->p_alive_lo[i] = ex[k];
        a->p_alive_hi[i] = ph[k];
        a->clv_lo[i] = val[k];
        a->clv_hi[i] = vh[k];
      }
      a->clv_total_lo = io.total_lo;
      a->clv_total_hi = io.total_hi;
      a->have_intervals = true;
    }
    kw_free(ctx, ph);
    kw_free(ctx, vh);
  }
  if (st == KW_ENOMEM) goto done;
  if (st && (st = kw_an_note_text(a, KW_STEP_CLV, KW_STEP_LIMITED,
                                  "note.no_intervals", kw_errmsg(ctx))))
    goto done;

  /* 5. P(alive) matrix */
  if ((st = palive_matrix(a, fit, &t))) goto fail;
  a->have_clv = true;
  goto done;
fail:
  if (st != KW_ENOMEM)
    st = kw_an_note_text(a, KW_STEP_CLV, KW_STEP_FAILED, "note.error",
                         kw_errmsg(ctx));
done:
  for (int c = 0; c < 3; c++) kw_clv_fit_free(cf[c]);
  kw_clv_fit_free(fit);
  kw_clv_fit_free(gg);
  kw_clv_data_free(pat);
  kw_free(ctx, zbar);
  kw_free(ctx, sp);
  kw_free(ctx, pa);
  kw_free(ctx, ex);
  kw_free(ctx, val);
  triple_free(ctx, &t);
  return st;
}
