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

static kw_status fit_purchases(kw_analysis *a, const triple *t,
                               kw_clv_fit **fit, bool keep_cmp) {
  kw_clv_fit_options fo;
  kw_clv_fit_options_init(&fo);
  if (a->o.clv_model == KW_CLV_MODEL__COUNT) {
    kw_clv_comparison cmp;
    kw_status st = kw_clv_fit_auto(a->ctx, t->x, t->tx, t->T, NULL, t->n, &fo,
                                   fit, &cmp);
    if (!st && keep_cmp) {
      a->cmp = cmp;
      a->have_cmp = true;
    }
    return st;
  }
  return kw_clv_fit_model(a->ctx, a->o.clv_model, t->x, t->tx, t->T, NULL,
                          t->n, &fo, fit);
}

static kw_status holdout_check(kw_analysis *a, int H) {
  kw_context *ctx = a->ctx;
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = a->as_of - H;
  so.unit = KW_UNIT_WEEK;
  kw_summary *cal = NULL;
  triple t = {0};
  double *actual = NULL;
  kw_clv_fit *fit = NULL;
  kw_status st = kw_summary_build(ctx, a->ds, &so, &cal);
  if (!st) {
    const kw_customer_summary *cv = kw_summary_view(cal);
    st = triple_of(ctx, cv, &t);
    if (!st) {
      actual = kw_malloc(ctx, (t.n ? t.n : 1) * sizeof *actual);
      if (!actual) st = kw_fail_nomem(ctx);
    }
    if (!st) {
      for (size_t k = 0; k < t.n; k++) {
        uint32_t i = t.id[k];
        actual[k] = (double)a->s->days[i] - (double)cv->days[i];
      }
      st = fit_purchases(a, &t, &fit, false);
    }
    if (!st)
      st = kw_clv_evaluate(ctx, fit, t.x, t.tx, t.T, actual, t.n, H / 7.0,
                           &a->eval);
  }
  if (!st) {
    a->have_holdout = true;
    a->holdout_days = H;
  }
  kw_clv_fit_free(fit);
  kw_free(ctx, actual);
  triple_free(ctx, &t);
  kw_summary_free(cal);
  if (st == KW_ENOMEM) return st;
  if (st)
    return kw_an_note_text(a, KW_STEP_CLV, KW_STEP_LIMITED, MSG_NOTE_ERROR,
                           kw_errmsg(ctx));
  return KW_OK;
}

static int cmp_double(const void *p, const void *q) {
  double a = *(const double *)p, b = *(const double *)q;
  return (a > b) - (a < b);
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
  qsort(xs, nrep, sizeof *xs, cmp_double);
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

kw_status kw_an_clv(kw_analysis *a) {
  kw_context *ctx = a->ctx;
  const kw_customer_summary *s = a->s;
  size_t nrep = 0;
  for (size_t i = 0; i < s->n; i++)
    if (s->first[i] != KW_NA_DATE && s->x[i] >= 1) nrep++;
  if (nrep < MIN_REPEAT_BUYERS) {
    kw_marg args[] = {kw_ma_int("n", (int64_t)nrep),
                      kw_ma_int("min", MIN_REPEAT_BUYERS)};
    return kw_an_note(a, KW_STEP_CLV, KW_STEP_SKIPPED, MSG_NOTE_FEW_REPEAT,
                      args, 2);
  }
  /* 1. holdout check */
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
    if ((st = kw_an_note(a, KW_STEP_CLV, KW_STEP_LIMITED, MSG_NOTE_NO_HOLDOUT,
                         &arg, 1)))
      return st;
  } else if ((st = holdout_check(a, H))) {
    return st;
  }

  /* 2. fit on everything */
  triple t = {0};
  kw_clv_fit *fit = NULL, *gg = NULL;
  double *zbar = NULL, *sp = NULL, *pa = NULL, *ex = NULL, *val = NULL;
  st = triple_of(ctx, s, &t);
  if (st) goto done;
  st = fit_purchases(a, &t, &fit, true);
  if (st) {
    if (st != KW_ENOMEM)
      st = kw_an_note_text(a, KW_STEP_CLV, KW_STEP_FAILED, MSG_NOTE_FIT_FAILED,
                           kw_errmsg(ctx));
    goto done;
  }
  a->fit_res = *kw_clv_fit_result(fit);
  a->fit_res.names = NULL; /* points into the fit, freed below */
  a->fit_res.se_note = NULL;
  a->clv_model = a->fit_res.model;
  a->n_fit = t.n;
  if (!a->fit_res.converged &&
      (st = kw_an_note(a, KW_STEP_CLV, KW_STEP_LIMITED, MSG_NOTE_NOT_CONVERGED,
                       NULL, 0)))
    goto done;

  size_t n = t.n;
  zbar = kw_malloc(ctx, n * sizeof *zbar);
  sp = kw_malloc(ctx, n * sizeof *sp);
  pa = kw_malloc(ctx, n * sizeof *pa);
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
                              MSG_NOTE_NO_SPEND_MODEL, err)))
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
  if ((st = kw_clv_p_alive(ctx, fit, t.x, t.tx, t.T, n, pa))) goto fail;
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
  /* share of the total CLV held by the top 20% */
  qsort(val, n, sizeof *val, cmp_double);
  double top = 0;
  size_t ktop = (size_t)ceil(0.2 * (double)n);
  for (size_t k = 0; k < ktop; k++) top += val[n - 1 - k];
  a->clv_top20_share = a->clv_total > 0 ? top / a->clv_total : NAN;

  /* 4. P(alive) matrix */
  if ((st = palive_matrix(a, fit, &t))) goto fail;
  a->have_clv = true;
  goto done;
fail:
  if (st != KW_ENOMEM)
    st = kw_an_note_text(a, KW_STEP_CLV, KW_STEP_FAILED, MSG_NOTE_ERROR,
                         kw_errmsg(ctx));
done:
  kw_clv_fit_free(fit);
  kw_clv_fit_free(gg);
  kw_free(ctx, zbar);
  kw_free(ctx, sp);
  kw_free(ctx, pa);
  kw_free(ctx, ex);
  kw_free(ctx, val);
  triple_free(ctx, &t);
  return st;
}
