/*
 * special.c — special functions and posterior expectations shared by the
 * buy-till-you-die models.
 *
 * Digamma: recurrence psi(x) = psi(x + 1) - 1/x up to x >= 6, then the
 * asymptotic series (Abramowitz & Stegun 6.3.18); about 1e-15 relative.
 *
 * G(b; c; z) = 2F1(1, b; c; z): the Pareto/NBD likelihood needs
 * 2F1(r+s+x, s+1; r+s+x+1; z) (alpha >= beta) or 2F1(r+s+x, r+x; r+s+x+1;
 * z) (alpha < beta), z = |alpha - beta| / (max(alpha, beta) + t). Written
 * directly, the second grows like (1 - z)^(-(r+x)) and overflows for large
 * x. Euler's transformation 2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b;
 * c; z) turns both into (1-z)^(...) times 2F1(1, b'; c; z) with 0 < b' < c,
 * a series of positive terms with ratio (b'+k)/(c+k) z < z, bounded by
 * 1/(1-z): no cancellation, no overflow, and fast unless z is near 1 with
 * c - b' small. There the Euler integral is used instead (see clv.h).
 *
 * BG/NBD posterior expectation given alive (Fader, Hardie & Lee 2005, eq.
 * 10 rewritten): with z = t / (alpha1 + t), c = a + b1 - 1, A = c - r1,
 *   E = c/(a-1) [1 - (1-z)^{r1} 2F1(r1, b1; c; z)]
 *     = c/(a-1) [1 - (1-z)^{a-1} 2F1(A, a-1; c; z)]            (Euler)
 *     = c [ -expm1((a-1) L)/(a-1) - e^{(a-1) L} S ],  L = log(1-z),
 *   S = sum_{k>=1} (A)_k (a)_{k-1} z^k / ((c)_k k!),
 * using (a-1)_k = (a-1)(a)_{k-1}: the removable singularity at a = 1 is
 * gone and the series converges fast for large x (c grows with x). When it
 * would need more than a few thousand terms (z near 1 with large a, or
 * small c) or its terms cancel (A < 0), the defining integral over
 * p ~ Beta(a, b1) is done in log space in y = logit(p) (bg_expect_quad).
 * A value neither reaches is NaN: the caller reports KW_ENUMERIC.
 *
 * P(k purchases | alive), BG/NBD family: given lambda and p, k >= 1 needs k
 * purchases in t, survival of the first k-1 drop-out chances, then either
 * drop-out at the k-th (needs N(t) >= k) or survival and no (k+1)-th:
 *   P_k = E[(1-p)^{k-1} p] P(NB >= k) + E[(1-p)^k] P(NB = k),  P_0 = P(NB=0)
 * with NB the negative binomial mixture of Poisson(lambda t) over lambda.
 *
 * Pareto/NBD given alive: lambda ~ Gamma(r1, alpha1), mu ~ Gamma(s, beta1)
 * independent, remaining lifetime exponential(mu):
 *   E = r1 beta1 / (alpha1 (s-1)) [1 - (beta1/(beta1+t))^{s-1}]
 * (Schmittlein et al. 1987), computed with expm1 so s = 1 is fine, and
 *   P_k = NB_k(t) (beta1/(beta1+t))^s
 *       + int_0^t s beta1^s (beta1+u)^{-s-1} NB_k(u) du
 * (death at u after exactly k purchases), the integral by adaptive
 * quadrature; this is the quantity Fader & Hardie's note on P(X(t) = x)
 * writes with 2F1 terms.
 */
#include "models/clv/clv.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <stdlib.h>

#define SERIES_MAX CLV_G_SERIES_MAX
#define QUAD_LIMIT 200

double clv_digamma(double x) {
  double r = 0;
  if (x <= 0) return NAN; /* never called with x <= 0 */
  while (x < 6) {
    r -= 1 / x;
    x += 1;
  }
  double f = 1 / (x * x);
  double t = f * (-1.0 / 12 +
                  f * (1.0 / 120 +
                       f * (-1.0 / 252 +
                            f * (1.0 / 240 +
                                 f * (-1.0 / 132 + f * (691.0 / 32760))))));
  return r + log(x) - 0.5 / x + t;
}

/* ------------------------------------------------------------ G(b; c; z) */

typedef struct g_int {
  double b, c, z;
  int which; /* 0: G/(c-1), 1: d/db, 2: d/dz, 3: -y part of d/dc */
} g_int;

static double g_integrand(double y, void *vp) {
  const g_int *g = vp;
  double emy = exp(-y);
  double D = 1 - g->z * (-expm1(-y)); /* 1 - z (1 - e^-y) */
  double lnD = log(D);
  double base = exp(-(g->c - 1) * y - g->b * lnD);
  switch (g->which) {
    case 0: return base;
    case 1: return -lnD * base;
    case 2: return g->b * (1 - emy) / D * base;
    default: return -y * base;
  }
}

static bool g_quad(double b, double c, double z, double *logG, double *dlog) {
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(QUAD_LIMIT);
  bool ok = ws != NULL;
  double v[4] = {0, 0, 0, 0};
  int nint = dlog ? 4 : 1;
  for (int i = 0; ok && i < nint; i++) {
    g_int gi = {b, c, z, i};
    gsl_function F = {g_integrand, &gi};
    double res, err;
    int st = gsl_integration_qagiu(&F, 0, 0, 1e-11, QUAD_LIMIT, ws, &res, &err);
    if (st != GSL_SUCCESS && st != GSL_EROUND && !(fabs(err) < 1e-7 * fabs(res)))
      ok = false;
    v[i] = res;
  }
  gsl_integration_workspace_free(ws);
  if (!ok || !(v[0] > 0) || !isfinite(v[0])) return false;
  *logG = log(c - 1) + log(v[0]);
  if (dlog) {
    dlog[0] = v[1] / v[0];
    dlog[1] = 1 / (c - 1) + v[3] / v[0];
    dlog[2] = v[2] / v[0];
  }
  return isfinite(*logG);
}

bool clv_hyp_logG(double b, double c, double z, double *logG, double *dlog) {
  return clv_hyp_logG_tab(b, c, z, NULL, NULL, 0, logG, dlog);
}

bool clv_hyp_logG_tab(double b, double c, double z, const double *rb,
                      const double *rc, size_t ntab, double *logG,
                      double *dlog) {
  if (z <= 0) {
    *logG = 0;
    if (dlog) {
      dlog[0] = 0;
      dlog[1] = 0;
      dlog[2] = b / c;
    }
    return true;
  }
  double term = 1, sum = 1, sb = 0, sc = 0, sz = 0, hb = 0, hc = 0;
  double tailf = z / (1 - z);
  size_t kmax = rb && rc ? (ntab < SERIES_MAX ? ntab : SERIES_MAX)
                         : SERIES_MAX;
  for (size_t k = 0; k < kmax; k++) {
    double ic = rc ? rc[k] : 1 / (c + (double)k);
    term *= (b + (double)k) * ic * z;
    sum += term;
    if (dlog) {
      hb += rb ? rb[k] : 1 / (b + (double)k);
      hc += ic;
      sb += term * hb;
      sc -= term * hc;
      sz += (double)(k + 1) * term;
    }
    if (term * tailf <= 1e-17 * sum) {
      *logG = log(sum);
      if (dlog) {
        dlog[0] = sb / sum;
        dlog[1] = sc / sum;
        dlog[2] = sz / (z * sum);
      }
      return isfinite(*logG);
    }
  }
  return g_quad(b, c, z, logG, dlog);
}

/* ------------------------------------------ BG/NBD expectation if alive */

#define SERIES_EXPECT_MAX 3000
#define EXPECT_REL 1e-12

/*
 * The series form (see the top of this file). Returns false when it needs
 * more than SERIES_EXPECT_MAX terms or when cancellation between its two
 * parts (or among the terms of S, whose first terms alternate in sign when
 * A < 0) could cost more than EXPECT_REL of the result.
 */
static bool bg_expect_series(double r1, double alpha1, double a, double b1,
                             double t, double *out) {
  double z = t / (alpha1 + t);
  double L = -log1p(t / alpha1); /* log(1 - z) */
  double c = a + b1 - 1, A = c - r1, e = a - 1;
  double term = A * z / c, S = term, Sabs = fabs(term);
  bool done = false;
  int k;
  for (k = 1; k < SERIES_EXPECT_MAX; k++) {
    term *= (A + k) * (a + k - 1) * z / ((c + k) * (k + 1));
    S += term;
    Sabs += fabs(term);
    if (!isfinite(Sabs)) return false;
    if (term == 0) {
      done = true; /* A is a negative integer: the series ended */
      break;
    }
    /* Later ratios are at most rho once A + k >= 0 (then
     * (A+k)/(c+k) < 1 and (a+k-1)/(k+1) <= 1 + (a-2)/(k+1)). */
    if (A + k >= 0) {
      double rho = z * (1 + fmax(a - 2, 0) / (k + 2));
      if (rho < 1 && fabs(term) * rho / (1 - rho) <= 1e-17 * fabs(S)) {
        done = true;
        break;
      }
    }
  }
  if (!done) return false;
  double first = fabs(e) < 1e-13 ? -L : -expm1(e * L) / e;
  double w = exp(e * L);
  double v = c * (first - w * S);
  /* rounding: each part carries about (k + 4) ulps of its magnitude */
  double err = c * (fabs(first) + w * Sabs) * (k + 4) * 2.3e-16;
  if (!(v > 0) || !isfinite(v) || err > EXPECT_REL * v) return false;
  *out = v;
  return true;
}

/*
 * Quadrature in log space. With y = logit(p) the Beta(a, b1) density
 * becomes exp(f(y)) / B(a, b1), f(y) = a log sigma(y) + b1 log sigma(-y):
 * smooth, log-concave, with its mode at y0 = log(a / b1) and no end-point
 * singularity for any a, b1 > 0. So
 *   E = exp(f(y0) - ln B(a, b1)) int g(sigma(y)) exp(f(y) - f(y0)) dy,
 *   g(p) = (1 - (1 + p tau)^-r1) / p,  tau = t / alpha1,
 * integrated by GSL's adaptive Gauss-Kronrod rule between the points where
 * f has fallen D below its mode (D = 46 plus the log of g's range, so the
 * tails left out are below 1e-20 of the total), with breakpoints at the
 * mode, one and four standard deviations either side, and where p tau = 1
 * (where g bends). f(y0) - ln B(a, b1) by log_mode_norm.
 */
typedef struct bq {
  double r1, tau, a, b, f0;
} bq;

static double log_sigmoid(double y) {
  return y >= 0 ? -log1p(exp(-y)) : y - log1p(exp(y));
}

static double bq_f(double y, const bq *q) {
  return q->a * log_sigmoid(y) + q->b * log_sigmoid(-y);
}

static double bq_g(double y, const bq *q) {
  double p = exp(log_sigmoid(y));
  double pt = p * q->tau;
  if (pt < 1e-10) /* g = r1 tau (1 - (r1+1) p tau / 2 + O((p tau)^2)) */
    return q->r1 * q->tau * (1 - 0.5 * (q->r1 + 1) * pt);
  return -expm1(-q->r1 * log1p(pt)) / p;
}

static double bq_integrand(double y, void *vp) {
  const bq *q = vp;
  return bq_g(y, q) * exp(bq_f(y, q) - q->f0);
}

/* The point on the side sgn (+1 or -1) of y0 where f = f0 - D. */
static double bq_edge(const bq *q, double y0, double sd, double D, int sgn) {
  double lo = 0, hi = sd;
  int i = 0;
  while (bq_f(y0 + sgn * hi, q) > q->f0 - D && i++ < 200) {
    lo = hi;
    hi *= 2;
  }
  for (int k = 0; k < 40; k++) {
    double mid = 0.5 * (lo + hi);
    if (bq_f(y0 + sgn * mid, q) > q->f0 - D) lo = mid;
    else hi = mid;
  }
  return y0 + sgn * hi;
}

/* Stirling's correction lgamma(x) - [(x - 1/2) log x - x + log(2 pi)/2],
 * x >= 10 (seven terms: below 1e-16 relative there). */
static double stirling_corr(double x) {
  double f = 1 / (x * x);
  return (1.0 / 12 +
          f * (-1.0 / 360 +
               f * (1.0 / 1260 +
                    f * (-1.0 / 1680 +
                         f * (1.0 / 1188 +
                              f * (-691.0 / 360360 + f * (1.0 / 156))))))) /
         x;
}

/*
 * f0 - ln B(a, b) with f0 = a log(a/(a+b)) + b log(b/(a+b)), the log of the
 * normalised density at the mode, without the cancellation of two large
 * numbers: with Stirling's formula for the large arguments,
 *   both >= 10:  f0 - ln B = (log(a b / (a+b)) - log(2 pi)) / 2
 *                            - (corr(a) + corr(b) - corr(a+b)),
 *   b >= 10 > a: ln B = lgamma(a) - (b - 1/2) log1p(a/b) - a log(a+b) + a
 *                       + corr(b) - corr(a+b)  (and the mirror case).
 * (GSL's lnbeta and the lgamma sum both lose 1e-10 relative at a, b near
 * 1e5.)
 */
static double log_mode_norm(double a, double b) {
  double ab = a + b;
  double f0 = a * log(a / ab) + b * log1p(-a / ab);
  if (a >= 10 && b >= 10)
    return 0.5 * (log(a) + log(b) - log(ab) - log(2 * M_PI)) -
           (stirling_corr(a) + stirling_corr(b) - stirling_corr(ab));
  double lb;
  if (a < 10 && b >= 10)
    lb = lgamma(a) - (b - 0.5) * log1p(a / b) - a * log(ab) + a +
         stirling_corr(b) - stirling_corr(ab);
  else if (b < 10 && a >= 10)
    lb = lgamma(b) - (a - 0.5) * log1p(b / a) - b * log(ab) + b +
         stirling_corr(a) - stirling_corr(ab);
  else
    lb = lgamma(a) + lgamma(b) - lgamma(ab);
  return f0 - lb;
}

static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static bool bg_expect_quad(double r1, double alpha1, double a, double b1,
                           double t, double *out) {
  bq q = {r1, t / alpha1, a, b1, 0};
  double y0 = log(a) - log(b1);
  q.f0 = bq_f(y0, &q);
  double sd = sqrt(1 / a + 1 / b1);
  double g1 = -expm1(-r1 * log1p(q.tau)); /* g(1), the smallest g */
  double D = 46 + log(r1 * q.tau / g1);
  if (!isfinite(D) || !isfinite(q.f0)) return false;
  double yl = bq_edge(&q, y0, sd, D, -1), yr = bq_edge(&q, y0, sd, D, 1);
  double pts[10];
  size_t np = 0;
  pts[np++] = yl;
  pts[np++] = yr;
  double cand[] = {y0,          y0 - sd,    y0 + sd, y0 - 4 * sd,
                   y0 + 4 * sd, -log(q.tau)};
  for (size_t i = 0; i < sizeof cand / sizeof *cand; i++)
    if (cand[i] > yl && cand[i] < yr) pts[np++] = cand[i];
  qsort(pts, np, sizeof *pts, cmp_dbl);
  size_t m = 1;
  for (size_t i = 1; i < np; i++)
    if (pts[i] > pts[m - 1]) pts[m++] = pts[i];
  if (m < 2) return false;
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(QUAD_LIMIT);
  if (!ws) return false;
  gsl_function F = {bq_integrand, &q};
  double res = NAN, err = 0;
  int st = gsl_integration_qagp(&F, pts, m, 0, 1e-13, QUAD_LIMIT, ws, &res,
                                &err);
  gsl_integration_workspace_free(ws);
  if (st != GSL_SUCCESS && !(err <= 1e-10 * fabs(res))) return false;
  double v = res * exp(log_mode_norm(a, b1));
  if (!(v > 0) || !isfinite(v)) return false;
  *out = v;
  return true;
}

double clv_bg_alive_expect(double r1, double alpha1, double a, double b1,
                           double t) {
  if (t == 0) return 0;
  if (!(t > 0) || !(r1 > 0) || !(alpha1 > 0) || !(a > 0) || !(b1 > 0) ||
      !isfinite(t) || !isfinite(r1) || !isfinite(alpha1) || !isfinite(a) ||
      !isfinite(b1))
    return NAN;
  double v;
  if (!bg_expect_series(r1, alpha1, a, b1, t, &v) &&
      !bg_expect_quad(r1, alpha1, a, b1, t, &v))
    return NAN;
  /* 0 < E < r1 t / alpha1 (the expectation without drop-out) holds
   * exactly; a value outside it (beyond rounding) means a failed method */
  if (v > r1 * (t / alpha1) * (1 + 1e-9)) return NAN;
  return v;
}

/* log P(NB = k) for NB with shape r1 and success odds z = t/(alpha1+t). */
static double nb_log_pmf(double r1, double alpha1, double t, unsigned k) {
  double lz = log(t) - log(alpha1 + t);
  double l1z = -log1p(t / alpha1);
  return lgamma(r1 + k) - lgamma(r1) - lgamma(k + 1.0) + r1 * l1z +
         (k ? k * lz : 0);
}

/* P(NB >= k), k >= 1: the regularised incomplete beta I_z(k, r1). */
static double nb_tail(double r1, double alpha1, double t, unsigned k) {
  double z = t / (alpha1 + t);
  gsl_sf_result res;
  int st = gsl_sf_beta_inc_e((double)k, r1, z, &res);
  if (st == GSL_SUCCESS && isfinite(res.val)) return clv_prob(res.val);
  /* fall back to the complement of the lower sum */
  double s = 0;
  for (unsigned j = 0; j < k; j++) s += exp(nb_log_pmf(r1, alpha1, t, j));
  return clv_prob(1 - s);
}

double clv_bg_alive_pk(double r1, double alpha1, double a, double b1,
                       double t, unsigned k) {
  if (!(t > 0)) return k == 0 ? 1 : 0;
  if (k == 0) return clv_prob(exp(nb_log_pmf(r1, alpha1, t, 0)));
  double lb = clv_lnbeta(a, b1);
  double w_die = exp(clv_lnbeta(a + 1, b1 + k - 1) - lb);
  double w_live = exp(clv_lnbeta(a, b1 + k) - lb);
  double v = w_die * nb_tail(r1, alpha1, t, k) +
             w_live * exp(nb_log_pmf(r1, alpha1, t, k));
  return clv_prob(v);
}

/* ---------------------------------------------------------- Pareto/NBD */

double clv_pnbd_alive_expect(double r1, double alpha1, double s, double beta1,
                             double t) {
  if (!(t > 0)) return 0;
  double L = -log1p(t / beta1); /* log(beta1 / (beta1 + t)) */
  double e = s - 1;
  double f = fabs(e) < 1e-13 ? -L : -expm1(e * L) / e;
  return r1 * beta1 / alpha1 * f; /* NaN or inf only for absurd inputs */
}

typedef struct pk_int {
  double r1, alpha1, s, beta1;
  unsigned k;
} pk_int;

static double pk_integrand(double u, void *vp) {
  const pk_int *g = vp;
  if (u <= 0) return g->k == 0 ? g->s / g->beta1 : 0;
  double l = log(g->s) + g->s * log(g->beta1) - (g->s + 1) * log(g->beta1 + u) +
             nb_log_pmf(g->r1, g->alpha1, u, g->k);
  return exp(l);
}

double clv_pnbd_alive_pk(double r1, double alpha1, double s, double beta1,
                         double t, unsigned k) {
  if (!(t > 0)) return k == 0 ? 1 : 0;
  double alive = exp(nb_log_pmf(r1, alpha1, t, k) - s * log1p(t / beta1));
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(QUAD_LIMIT);
  double res = 0, err;
  if (ws) {
    pk_int gi = {r1, alpha1, s, beta1, k};
    gsl_function F = {pk_integrand, &gi};
    int st = gsl_integration_qag(&F, 0, t, 0, 1e-10, QUAD_LIMIT,
                                 GSL_INTEG_GAUSS31, ws, &res, &err);
    if (st != GSL_SUCCESS && !(fabs(err) <= 1e-6 * fabs(res) + 1e-300))
      res = clv_finite(res, 0);
    gsl_integration_workspace_free(ws);
  }
  return clv_prob(alive + clv_finite(res, 0));
}
