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
 * would need more than a few thousand terms (z near 1, small c) the
 * defining integral over p ~ Beta(a, b1) is done by GSL's QAWS rule, whose
 * weight p^(a-1) (1-p)^(b1-1) carries the end-point singularities.
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

#define SERIES_MAX 5000
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
  for (int k = 0; k < SERIES_MAX; k++) {
    double ic = 1 / (c + k);
    term *= (b + k) * ic * z;
    if (dlog) {
      hb += 1 / (b + k);
      hc += ic;
    }
    sum += term;
    if (dlog) {
      sb += term * hb;
      sc -= term * hc;
      sz += (k + 1) * term;
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

typedef struct bg_int {
  double r1, tau;
} bg_int;

static double bg_g(double p, void *vp) {
  const bg_int *g = vp;
  if (p <= 0) return g->r1 * g->tau;
  return -expm1(-g->r1 * log1p(p * g->tau)) / p;
}

static double bg_expect_quad(double r1, double alpha1, double a, double b1,
                             double t) {
  double res = NAN, err;
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc(QUAD_LIMIT);
  gsl_integration_qaws_table *tb =
      gsl_integration_qaws_table_alloc(a - 1, b1 - 1, 0, 0);
  if (ws && tb) {
    bg_int gi = {r1, t / alpha1};
    gsl_function F = {bg_g, &gi};
    int st = gsl_integration_qaws(&F, 0, 1, tb, 0, 1e-10, QUAD_LIMIT, ws, &res,
                                  &err);
    if (st != GSL_SUCCESS && !(fabs(err) < 1e-6 * fabs(res))) res = NAN;
    else res *= exp(-clv_lnbeta(a, b1));
  }
  if (tb) gsl_integration_qaws_table_free(tb);
  if (ws) gsl_integration_workspace_free(ws);
  return res;
}

double clv_bg_alive_expect(double r1, double alpha1, double a, double b1,
                           double t) {
  if (!(t > 0)) return 0;
  double z = t / (alpha1 + t);
  double L = -log1p(t / alpha1); /* log(1 - z) */
  double c = a + b1 - 1, A = c - r1, e = a - 1;
  double term = A * z / c, S = term;
  bool done = false;
  for (int k = 1; k < SERIES_MAX; k++) {
    term *= (A + k) * (a + k - 1) * z / ((c + k) * (k + 1));
    S += term;
    if (term == 0) {
      done = true; /* A is a negative integer: the series ended */
      break;
    }
    /* Later ratios are at most rho once A + k >= 0 (then
     * (A+k)/(c+k) < 1 and (a+k-1)/(k+1) <= 1 + (a-2)/(k+1)). */
    if (A + k >= 0) {
      double rho = z * (1 + fmax(a - 2, 0) / (k + 2));
      if (rho < 1 && fabs(term) * rho / (1 - rho) <= 1e-16 * fabs(S)) {
        done = true;
        break;
      }
    }
  }
  double v;
  if (done) {
    double first = fabs(e) < 1e-13 ? -L : -expm1(e * L) / e;
    v = c * (first - exp(e * L) * S);
  } else {
    v = bg_expect_quad(r1, alpha1, a, b1, t);
  }
  /* Bounds: 0 <= E <= r1 t / alpha1 (the expectation without drop-out). */
  double hi = r1 * t / alpha1;
  if (!isfinite(v)) v = hi;
  if (v < 0) v = 0;
  if (v > hi) v = hi;
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
  double v = r1 * beta1 / alpha1 * f;
  double hi = r1 * t / alpha1;
  if (!isfinite(v) || v > hi) v = hi;
  return v < 0 ? 0 : v;
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
