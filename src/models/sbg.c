/*
 * sbg.c — the shifted-beta-geometric (sBG) retention model: maximum
 * likelihood fit, survival and retention curves, expected lifetime and
 * discounted expected residual lifetime (DERL).
 *
 * Formulas and papers: see klantwijs/retention.h (Fader & Hardie 2007,
 * 2010). Everything is evaluated in log space with ln B(a, b) =
 * gsl_sf_lnbeta; the gradient uses d/da ln B(a, b) = psi(a) - psi(a + b)
 * and the observed information d2/da2 ln B = psi1(a) - psi1(a + b),
 * d2/da db ln B = -psi1(a + b).
 *
 * The likelihood is written for churned and censored counts per period, so
 * one cohort (survivors) and customers observed over different spans
 * (contracts that started at different times) share one fit.
 *
 * The optimiser minimises f(x) = -LL / n over x = (ln alpha, ln beta),
 * n the number of customers, started at alpha = beta = 1; dividing by n
 * makes the gradient tolerance independent of the scale of the counts.
 */
#include "klantwijs/retention.h"

#include <stdio.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

#include "core/core.h"
#include "stats/gslguard.h"

struct kw_sbg {
  kw_context *ctx;
  kw_sbg_fit_info info;
};

void kw_sbg_options_init(kw_sbg_options *o) {
  o->max_iter = 500;
  o->gtol = 1e-9;
  o->quiet = false;
}

void kw_sbg_free(kw_sbg *m) {
  if (m) kw_free(m->ctx, m);
}

const kw_sbg_fit_info *kw_sbg_info(const kw_sbg *m) {
  return m ? &m->info : NULL;
}

/* The data as the likelihood sees it: d[t] customers churned in period
 * t (t = 1..T), c[t] still active after t periods when observation
 * stopped (t = 1..T; those at t = 0 add nothing). */
typedef struct sbg_data {
  const double *d;
  const double *c;
  size_t T;
  double scale; /* 1 / customers */
} sbg_data;

/* LL and its gradient in (alpha, beta) (g may be NULL):
 *   LL = sum_t d_t (ln B(a+1, b+t-1) - ln B(a, b))
 *      + sum_t c_t (ln B(a, b+t) - ln B(a, b)). */
static double sbg_ll(const sbg_data *D, double a, double b, double g[2]) {
  const double lb0 = gsl_sf_lnbeta(a, b);
  const double da0 = gsl_sf_psi(a) - gsl_sf_psi(a + b);
  const double db0 = gsl_sf_psi(b) - gsl_sf_psi(a + b);
  double ll = 0, ga = 0, gb = 0;
  for (size_t t = 1; t <= D->T; t++) {
    double c = D->d[t];
    if (c > 0) {
      double bt = b + (double)t - 1.0;
      ll += c * (gsl_sf_lnbeta(a + 1.0, bt) - lb0);
      if (g) {
        double pab = gsl_sf_psi(a + bt + 1.0);
        ga += c * (gsl_sf_psi(a + 1.0) - pab - da0);
        gb += c * (gsl_sf_psi(bt) - pab - db0);
      }
    }
    double nT = D->c[t];
    if (nT > 0) {
      double bT = b + (double)t;
      ll += nT * (gsl_sf_lnbeta(a, bT) - lb0);
      if (g) {
        double pab = gsl_sf_psi(a + bT);
        ga += nT * (gsl_sf_psi(a) - pab - da0);
        gb += nT * (gsl_sf_psi(bT) - pab - db0);
      }
    }
  }
  if (g) {
    g[0] = ga;
    g[1] = gb;
  }
  return ll;
}

/* Observed information -d2 LL in (alpha, beta): h = {aa, ab, bb}. */
static void sbg_info(const sbg_data *D, double a, double b, double h[3]) {
  const double t0 = gsl_sf_psi_1(a + b);
  const double haa0 = gsl_sf_psi_1(a) - t0, hab0 = -t0,
               hbb0 = gsl_sf_psi_1(b) - t0;
  double haa = 0, hab = 0, hbb = 0;
  /* d2 LL = sum w (d2 lnB(term) - d2 lnB(a, b)) */
  for (size_t t = 1; t <= D->T; t++) {
    for (int kind = 0; kind < 2; kind++) {
      double w, at, bt;
      if (kind == 0) {
        w = D->d[t];
        at = a + 1.0;
        bt = b + (double)t - 1.0;
      } else {
        w = D->c[t];
        at = a;
        bt = b + (double)t;
      }
      if (w <= 0) continue;
      double s = gsl_sf_psi_1(at + bt);
      haa += w * ((gsl_sf_psi_1(at) - s) - haa0);
      hab += w * (-s - hab0);
      hbb += w * ((gsl_sf_psi_1(bt) - s) - hbb0);
    }
  }
  h[0] = -haa;
  h[1] = -hab;
  h[2] = -hbb;
}

static double f_obj(const gsl_vector *x, void *p) {
  const sbg_data *D = p;
  double a = exp(gsl_vector_get(x, 0)), b = exp(gsl_vector_get(x, 1));
  if (!isfinite(a) || !isfinite(b) || a <= 0 || b <= 0) return GSL_POSINF;
  double ll = sbg_ll(D, a, b, NULL);
  return isfinite(ll) ? -ll * D->scale : GSL_POSINF;
}

static void df_obj(const gsl_vector *x, void *p, gsl_vector *g) {
  const sbg_data *D = p;
  double a = exp(gsl_vector_get(x, 0)), b = exp(gsl_vector_get(x, 1));
  double gr[2] = {0, 0};
  if (isfinite(a) && isfinite(b) && a > 0 && b > 0) sbg_ll(D, a, b, gr);
  gsl_vector_set(g, 0, -gr[0] * a * D->scale);
  gsl_vector_set(g, 1, -gr[1] * b * D->scale);
}

static void fdf_obj(const gsl_vector *x, void *p, double *f, gsl_vector *g) {
  *f = f_obj(x, p);
  df_obj(x, p, g);
}

/* Fit to prepared data (checked by the callers). */
static kw_status sbg_fit_data(kw_context *ctx, const sbg_data *Dp,
                              double customers, const kw_sbg_options *o,
                              kw_sbg **out) {
  sbg_data D = *Dp;
  kw_sbg *m = kw_calloc(ctx, 1, sizeof *m);
  if (!m) return kw_fail_nomem(ctx);
  m->ctx = ctx;

  kw_status st = KW_OK;
  gsl_error_handler_t *prev = kw_gsl_quiet_begin();
  gsl_multimin_fdfminimizer *s =
      gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, 2);
  gsl_vector *x = gsl_vector_alloc(2);
  if (!s || !x) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  gsl_multimin_function_fdf fn = {f_obj, df_obj, fdf_obj, 2, &D};
  gsl_vector_set(x, 0, 0.0);
  gsl_vector_set(x, 1, 0.0);
  if (gsl_multimin_fdfminimizer_set(s, &fn, x, 0.1, 0.1) != GSL_SUCCESS ||
      !isfinite(s->f)) {
    st = kw_fail_tpl(ctx, KW_ENUMERIC, "model.e.sbg_start",
                     "sBG: the likelihood cannot be evaluated at the start",
                     NULL);
    goto done;
  }
  int iter = 0;
  bool converged = false;
  while (iter < o->max_iter) {
    iter++;
    int it = gsl_multimin_fdfminimizer_iterate(s);
    if (gsl_multimin_test_gradient(s->gradient, o->gtol) == GSL_SUCCESS) {
      converged = true;
      break;
    }
    if (it != GSL_SUCCESS) break; /* no progress: not at a stationary point */
  }
  if (gsl_multimin_test_gradient(s->gradient, o->gtol) == GSL_SUCCESS)
    converged = true;
  double a = exp(gsl_vector_get(s->x, 0)), b = exp(gsl_vector_get(s->x, 1));
  if (!isfinite(a) || !isfinite(b) || a <= 0 || b <= 0) {
    st = kw_fail_tpl(ctx, KW_ENUMERIC, "model.e.sbg_left_space",
                     "sBG: the estimate left the parameter space", NULL);
    goto done;
  }
  kw_sbg_fit_info *I = &m->info;
  double g[2];
  I->alpha = a;
  I->beta = b;
  I->loglik = sbg_ll(&D, a, b, g);
  I->grad_norm = hypot(g[0] * a, g[1] * b);
  I->iterations = iter;
  I->status = converged ? KW_OK : KW_ENOCONV;
  I->periods = D.T;
  I->cohort = customers;
  double h[3];
  sbg_info(&D, a, b, h);
  double det = h[0] * h[2] - h[1] * h[1];
  if (h[0] > 0 && det > 0 && isfinite(det)) {
    I->se_alpha = sqrt(h[2] / det);
    I->se_beta = sqrt(h[0] / det);
  }
  if (!converged && !o->quiet) {
    char ns[24], gs[40];
    snprintf(ns, sizeof ns, "%d", iter);
    snprintf(gs, sizeof gs, "%c%g", KW_MSGV_DECIMAL, I->grad_norm);
    kw_warn_tpl(ctx, "model.w.sbg_noconv",
                "sBG: no convergence after {n} iterations (|gradient| {g})",
                "n", ns, "g", gs, NULL);
  }
done:
  gsl_multimin_fdfminimizer_free(s);
  gsl_vector_free(x);
  kw_gsl_quiet_end(prev);
  if (st) {
    kw_sbg_free(m);
    return st;
  }
  *out = m;
  return KW_OK;
}

kw_status kw_sbg_fit(kw_context *ctx, const double *survivors, size_t n,
                     const kw_sbg_options *o, kw_sbg **out) {
  *out = NULL;
  kw_sbg_options defaults;
  if (!o) {
    kw_sbg_options_init(&defaults);
    o = &defaults;
  }
  if (!survivors || n < 2)
    return kw_fail_tpl(
        ctx, KW_EARG, "model.e.sbg_two_points",
        "sBG: need survivors for at least 2 points (start and one period)",
        NULL);
  if (o->max_iter <= 0 || !(o->gtol > 0))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.sbg_options",
                       "sBG: max_iter and gtol must be positive", NULL);
  for (size_t t = 0; t < n; t++) {
    char ts[24], a[32], b[32];
    snprintf(ts, sizeof ts, "%zu", t);
    snprintf(a, sizeof a, "%c%g", KW_MSGV_DECIMAL, survivors[t]);
    if (!isfinite(survivors[t]) || survivors[t] < 0)
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_not_count",
                         "sBG: survivors[{t}] = {n} is not a count", "t", ts,
                         "n", a, NULL);
    if (t > 0 && survivors[t] > survivors[t - 1]) {
      snprintf(b, sizeof b, "%c%g", KW_MSGV_DECIMAL, survivors[t - 1]);
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_increase",
                         "sBG: survivors increase at period {t} ({n} > {prev})",
                         "t", ts, "n", a, "prev", b, NULL);
    }
  }
  if (!(survivors[0] > 0))
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_empty",
                       "sBG: the cohort is empty", NULL);
  /* degenerate data: the likelihood has no maximum inside the space */
  if (survivors[n - 1] == survivors[0])
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_nobody_churned",
                       "sBG: nobody churned; the model cannot be fitted",
                       NULL);
  if (survivors[1] == 0)
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_cohort_first",
                       "sBG: the whole cohort churned in the first period; "
                       "the model cannot be fitted",
                       NULL);
  /* churned in t: n_{t-1} - n_t; censored: the n_T still there at T */
  double *buf = kw_calloc(ctx, 2 * n, sizeof *buf);
  if (!buf) return kw_fail_nomem(ctx);
  double *d = buf, *c = buf + n;
  for (size_t t = 1; t < n; t++) d[t] = survivors[t - 1] - survivors[t];
  c[n - 1] = survivors[n - 1];
  sbg_data D = {d, c, n - 1, 1.0 / survivors[0]};
  kw_status st = sbg_fit_data(ctx, &D, survivors[0], o, out);
  kw_free(ctx, buf);
  return st;
}

kw_status kw_sbg_fit_counts(kw_context *ctx, const double *churned,
                            const double *censored, size_t n,
                            const kw_sbg_options *o, kw_sbg **out) {
  *out = NULL;
  kw_sbg_options defaults;
  if (!o) {
    kw_sbg_options_init(&defaults);
    o = &defaults;
  }
  if (!churned || !censored || n < 2)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.sbg_two_periods",
                       "sBG: need counts for at least periods 0 and 1", NULL);
  if (o->max_iter <= 0 || !(o->gtol > 0))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.sbg_options",
                       "sBG: max_iter and gtol must be positive", NULL);
  double total = 0, lost = 0, beyond1 = 0;
  for (size_t t = 0; t < n; t++) {
    if (!isfinite(churned[t]) || churned[t] < 0 || !isfinite(censored[t]) ||
        censored[t] < 0)
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_not_counts",
                         "sBG: the counts of period {t} are not counts", "t",
                         KW_NUM_U(t), NULL);
    if (t == 0 && churned[0] != 0)
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_churn_0",
                         "sBG: nobody can churn in period 0 (churn in period t "
                         "means after t periods, t >= 1)",
                         NULL);
    if (t > 0) {
      total += churned[t] + censored[t];
      lost += churned[t];
      if (t >= 2) beyond1 += churned[t];
      beyond1 += censored[t];
    }
  }
  if (!(total > 0))
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_no_period",
                       "sBG: no customer observed for a whole period", NULL);
  if (!(lost > 0))
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_nobody_churned",
                       "sBG: nobody churned; the model cannot be fitted",
                       NULL);
  if (!(beyond1 > 0))
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.sbg_all_first",
                       "sBG: every customer churned in the first period; the "
                       "model cannot be fitted",
                       NULL);
  sbg_data D = {churned, censored, n - 1, 1.0 / total};
  return sbg_fit_data(ctx, &D, total, o, out);
}

double kw_sbg_survival(const kw_sbg *m, unsigned t) {
  if (!m || t == 0) return 1.0;
  double a = m->info.alpha, b = m->info.beta;
  return exp(gsl_sf_lnbeta(a, b + t) - gsl_sf_lnbeta(a, b));
}

double kw_sbg_retention(const kw_sbg *m, unsigned t) {
  if (!m || t == 0) return 1.0;
  double a = m->info.alpha, b = m->info.beta;
  return (b + t - 1.0) / (a + b + t - 1.0);
}

double kw_sbg_churn_probability(const kw_sbg *m, unsigned t) {
  if (!m || t == 0) return 0.0;
  double a = m->info.alpha, b = m->info.beta;
  return exp(gsl_sf_lnbeta(a + 1.0, b + t - 1.0) - gsl_sf_lnbeta(a, b));
}

bool kw_sbg_expected_lifetime(const kw_sbg *m, double *out) {
  *out = 0;
  if (!m || m->info.alpha <= 1.0) return false;
  *out = (m->info.alpha + m->info.beta - 1.0) / (m->info.alpha - 1.0);
  return true;
}

double kw_sbg_expected_lifetime_within(const kw_sbg *m, unsigned horizon) {
  if (!m) return 0.0;
  /* S(t) = S(t-1) r(t): a product of ratios, no special functions */
  double s = 1.0, sum = 0.0;
  for (unsigned t = 0; t < horizon; t++) {
    if (t > 0) s *= kw_sbg_retention(m, t);
    sum += s;
  }
  return sum;
}

#define DERL_MAX_TERMS 200000000UL

kw_status kw_sbg_derl(const kw_sbg *m, double d, unsigned renewals,
                      double *out) {
  *out = 0;
  if (!m) return KW_EARG;
  if (!(d > 0) || !isfinite(d))
    return kw_fail(m->ctx, KW_EARG, "DERL: discount rate must be > 0, got %g",
                   d);
  const double a = m->info.alpha, b = m->info.beta;
  const double nn = (double)renewals + 1.0;
  const double z = 1.0 / (1.0 + d);
  const double tail = z / (1.0 - z);
  /* 2F1(1, b'; c'; z) = sum_k (b')_k / (c')_k z^k, b' = b + n,
   * c' = a + b + n; Neumaier-compensated sum of positive terms */
  const double bp = b + nn, cp = a + b + nn;
  double sum = 0, comp = 0, term = 1.0;
  unsigned long k = 0;
  for (;;) {
    double t = sum + term;
    comp += sum >= term ? (sum - t) + term : (term - t) + sum;
    sum = t;
    if (term * tail <= 1e-14 * sum) break;
    if (++k >= DERL_MAX_TERMS)
      return kw_fail(m->ctx, KW_ENUMERIC, "DERL: the series did not settle "
                                          "(discount rate %g too small)", d);
    term *= (bp + (double)(k - 1)) / (cp + (double)(k - 1)) * z;
  }
  *out = (b + nn - 1.0) / (a + b + nn - 1.0) * (sum + comp);
  return KW_OK;
}

kw_status kw_sbg_period_counts(kw_context *ctx, const double *duration,
                               const int8_t *event, const uint32_t *grp,
                               size_t n, uint32_t g, double **churned,
                               double **censored, size_t *n_out) {
  if (!churned || !censored || !n_out || (n && (!duration || !event)))
    return kw_fail(ctx, KW_EARG, "sBG counts: missing input");
  *churned = *censored = NULL;
  *n_out = 0;
  double maxp = 0;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(duration[i]) || duration[i] < 0 || event[i] == KW_NA_FLAG)
      continue;
    if (grp && grp[i] != g) continue;
    double p = event[i] ? ceil(duration[i] - 1e-9) : floor(duration[i] + 1e-9);
    if (p > maxp) maxp = p;
  }
  if (maxp > 100000) maxp = 100000;
  size_t T = maxp < 1 ? 1 : (size_t)maxp;
  double *d = kw_calloc(ctx, T + 1, sizeof *d);
  double *cz = kw_calloc(ctx, T + 1, sizeof *cz);
  if (!d || !cz) {
    kw_free(ctx, d);
    kw_free(ctx, cz);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(duration[i]) || duration[i] < 0 || event[i] == KW_NA_FLAG)
      continue;
    if (grp && grp[i] != g) continue;
    if (event[i]) {
      double p = ceil(duration[i] - 1e-9);
      size_t t = p < 1 ? 1 : p > (double)T ? T : (size_t)p;
      d[t] += 1;
    } else {
      double p = floor(duration[i] + 1e-9);
      size_t t = p > (double)T ? T : (size_t)p;
      cz[t] += 1;
    }
  }
  *churned = d;
  *censored = cz;
  *n_out = T + 1;
  return KW_OK;
}
