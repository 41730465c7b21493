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
 * c - b' small (Pareto/NBD fits that drift to s -> 0, beta -> infinity put
 * 1 - z near 1e-3 and would need 1e4..1e5 terms). The method is chosen up
 * front rather than by running the series to its limit:
 *   z <= 1/2: the series (at most about 60 terms);
 *   z > 1/2, m = c - b - 1 <= 40, b (1 - z) <= 8: the z -> 1 - z connection
 *     formula (DLMF 15.8.4 with a = 1, where the second 2F1 collapses to
 *     2F1(c-1, m+1; m+1; z) = z^(1-c)):
 *       G = (c-1)/m 2F1(1, b; 1-m; eps) + Gamma(c) Gamma(-m)/Gamma(b)
 *           eps^m z^(1-c),   eps = 1 - z,
 *     a short series in eps plus a closed form; the (b, c) constants
 *     (lgamma, digamma, Gamma(-m) by reflection) are cached per x by the
 *     caller. Both parts have a pole at whole m; their rounding error is
 *     bounded term by term and the formula is only used when the bound is
 *     below 1e-13 (value) and 1e-10 (each derivative); near a whole m
 *     (within about 1e-3) the quadrature below takes over, exact but
 *     about 100 times slower per call (DLMF 15.8.10's limit forms would
 *     keep it fast there);
 *   else the series when its K-th term z^K (b)_K/(c)_K (from lgamma) shows
 *     it converges within CLV_G_SERIES_MAX terms, else the Euler integral
 *     by adaptive quadrature (see clv.h).
 * eps = 1 - z is passed in by the caller, computed from the parameters
 * ((alpha + u)/(beta + u)), not as 1 - z.
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

/* Per-(b, c) constants of the connection formula (see the top of this
 * file): m = c - b - 1 = n + delta, log |Gamma(c) Gamma(-m) / Gamma(b)|
 * and its sign, and the b and c derivatives of that log. */
void clv_hyp_bc_init(clv_hyp_bc *h, double b, double c) {
  h->b = b;
  h->c = c;
  h->ready = true;
  double m = c - b - 1, n = nearbyint(m), d = m - n;
  h->m = m;
  h->delta = d;
  h->ok = m > -1 && d != 0 && isfinite(m);
  if (!h->ok) return;
  double sd = sin(M_PI * d);
  /* sin(pi m) = (-1)^n sin(pi delta); Gamma(-m) = -pi / (sin(pi m)
   * Gamma(1 + m)) */
  double sin_pm = fmod(n, 2.0) != 0 ? -sd : sd;
  double lgc = lgamma(c), lgb = lgamma(b), lg1m = lgamma(1 + m);
  h->lK2 = lgc - lgb + log(M_PI) - log(fabs(sd)) - lg1m;
  h->sK2 = sin_pm > 0 ? -1 : 1;
  h->lK2err = fabs(lgc) + fabs(lgb) + fabs(lg1m) + 4;
  h->lcm = log((c - 1) / fabs(m));
  /* psi(-m) = psi(1 + m) + pi cot(pi m) (reflection) */
  double psi_nm = clv_digamma(1 + m) + M_PI * cos(M_PI * d) / sd;
  h->dK2b = psi_nm - clv_digamma(b);
  h->dK2c = clv_digamma(c) - psi_nm;
  h->ok = isfinite(h->lK2) && isfinite(h->dK2b) && isfinite(h->dK2c);
}

#define CONN_MAX_TERMS 400
#define CONN_MAX_M 40.0
#define CONN_VAL_TOL 1e-13
#define CONN_DER_TOL 1e-10

/*
 * G by the z -> 1 - z connection formula (a = 1, m = c - b - 1 not an
 * integer; DLMF 15.8.4 with 2F1(c-1, m+1; m+1; z) = z^(1-c)):
 *   G = (c-1)/m 2F1(1, b; 1-m; eps) + Gamma(c) Gamma(-m)/Gamma(b)
 *       eps^m z^(1-c),   eps = 1 - z.
 * Returns false when the series needs more than CONN_MAX_TERMS terms or
 * when the rounding error bound (cancellation between the two parts near
 * an integer m, both carry a 1/delta pole) exceeds CONN_VAL_TOL for the
 * value or CONN_DER_TOL for a derivative.
 */
static bool g_conn(const clv_hyp_bc *h, double z, double eps, double *logG,
                   double *dlog) {
  double b = h->b, c = h->c, m = h->m;
  double t = 1, F = 1, Fa = 1, hb = 0, hm = 0;
  double Sb = 0, Sc = 0, Sz = 0, Sba = 0, Sca = 0, Sza = 0;
  bool done = false;
  for (int k = 0; k < CONN_MAX_TERMS; k++) {
    double iden = 1 / ((double)k + 1 - m);
    t *= (b + k) * eps * iden;
    F += t;
    Fa += fabs(t);
    if (dlog) {
      hb += 1 / (b + k);
      hm += iden;
      Sb += t * (hb - hm);
      Sc += t * hm;
      Sz += (double)(k + 1) * t;
      Sba += fabs(t) * (fabs(hb) + fabs(hm));
      Sca += fabs(t * hm);
      Sza += (double)(k + 1) * fabs(t);
    }
    if ((double)k + 1 > m) {
      /* later ratios eps (b+j)/(j+1-m), j > k, lie between the next one
       * and their limit eps */
      double rho = fabs((b + k + 1) * eps / ((double)k + 2 - m));
      if (rho < eps) rho = eps;
      if (rho < 1 && fabs(t) * rho / (1 - rho) <= 1e-17 * fabs(F)) {
        done = true;
        break;
      }
    }
  }
  if (!done || F == 0) return false;
  double le = log(eps), lz = log1p(-eps);
  /* scaled by e^-L, L the larger of log((c-1)/|m|) and log |T2| (F is
   * at most about e^8 here: eps b <= 8) */
  double lT2 = h->lK2 + m * le - (c - 1) * lz;
  double L = lT2 > h->lcm ? lT2 : h->lcm;
  double f1 = (m > 0 ? 1 : -1) * (L == h->lcm ? 1 : exp(h->lcm - L));
  double T1 = f1 * F, T2 = h->sK2 * (L == lT2 ? 1 : exp(lT2 - L));
  double v = T1 + T2;
  if (!(v > 0) || !isfinite(v)) return false;
  /* rounding: a relative error of m of about c u shifts both poles */
  double amp = 8 + (fabs(c) + fabs(b) + 1) / fabs(h->delta);
  double u = 2.3e-16;
  double e2 = h->lK2err + fabs(m * le) + fabs((c - 1) * lz);
  double errv = u * ((fabs(f1) * Fa + fabs(T2)) * amp + fabs(T2) * e2);
  if (errv > CONN_VAL_TOL * v) return false;
  *logG = L + log(v);
  if (dlog) {
    double db1 = T1 / m + f1 * Sb, db2 = T2 * (h->dK2b - le);
    double dc1 = T1 * (1 / (c - 1) - 1 / m) + f1 * Sc;
    double dc2 = T2 * (h->dK2c + le - lz);
    double dz1 = -f1 * Sz / eps, dz2 = T2 * (-m / eps + (1 - c) / (1 - eps));
    double eb = u * amp *
                (fabs(T1 / m) + fabs(f1) * Sba +
                 fabs(T2) * (fabs(h->dK2b) + fabs(le) + e2));
    double ec = u * amp *
                (fabs(T1) * (1 / (c - 1) + 1 / fabs(m)) + fabs(f1) * Sca +
                 fabs(T2) * (fabs(h->dK2c) + fabs(le) + fabs(lz) + e2));
    double ez = u * amp *
                (fabs(f1) * Sza / eps +
                 fabs(T2) * (fabs(m) / eps + (c - 1) / (1 - eps)) * (1 + e2));
    double gb = db1 + db2, gc = dc1 + dc2, gz = dz1 + dz2;
    if (eb > CONN_DER_TOL * fmax(v, fabs(gb)) ||
        ec > CONN_DER_TOL * fmax(v, fabs(gc)) ||
        ez > CONN_DER_TOL * fmax(v / eps, fabs(gz)))
      return false;
    dlog[0] = gb / v;
    dlog[1] = gc / v;
    dlog[2] = gz / v;
  }
  return isfinite(*logG);
}

/* The power series, with the reciprocal tables while they last. Returns
 * false after SERIES_MAX terms. */
static bool g_series(double b, double c, double z, const double *rb,
                     const double *rc, size_t ntab, double *logG,
                     double *dlog) {
  double term = 1, sum = 1, sb = 0, sc = 0, sz = 0, hb = 0, hc = 0;
  double tailf = z / (1 - z);
  if (!rb || !rc) ntab = 0;
  for (size_t k = 0; k < SERIES_MAX; k++) {
    double ic = k < ntab ? rc[k] : 1 / (c + (double)k);
    term *= (b + (double)k) * ic * z;
    sum += term;
    if (dlog) {
      hb += k < ntab ? rb[k] : 1 / (b + (double)k);
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
  return false;
}

/* Whether the series can converge within SERIES_MAX terms: its K-th term
 * is z^K (b)_K / (c)_K; the sum is at least 1. */
static bool g_series_feasible(double b, double c, double z) {
  double K = SERIES_MAX;
  double lt = K * log(z) + lgamma(b + K) - lgamma(b) - lgamma(c + K) +
              lgamma(c);
  double rho = z * (b + K) / (c + K);
  return lt - log1p(-rho) < log(1e-17) - 2;
}

bool clv_hyp_logG(double b, double c, double z, double *logG, double *dlog) {
  return clv_hyp_logG_eps(b, c, z, 1 - z, NULL, NULL, 0, NULL, logG, dlog);
}

bool clv_hyp_logG_tab(double b, double c, double z, const double *rb,
                      const double *rc, size_t ntab, double *logG,
                      double *dlog) {
  return clv_hyp_logG_eps(b, c, z, 1 - z, rb, rc, ntab, NULL, logG, dlog);
}

bool clv_hyp_logG_eps(double b, double c, double z, double eps,
                      const double *rb, const double *rc, size_t ntab,
                      clv_hyp_bc *pre, double *logG, double *dlog) {
  if (z <= 0) {
    *logG = 0;
    if (dlog) {
      dlog[0] = 0;
      dlog[1] = 0;
      dlog[2] = b / c;
    }
    return true;
  }
  if (!(eps > 0) || !(z < 1)) return false;
  if (z <= 0.5)
    return g_series(b, c, z, rb, rc, ntab, logG, dlog) ||
           g_quad(b, c, z, logG, dlog);
  /* z > 1/2: the connection formula when its series is short (m not
   * large, eps b not large) and its rounding bound holds */
  double m = c - b - 1;
  if (m <= CONN_MAX_M && b * eps <= 8) {
    clv_hyp_bc local;
    if (!pre || !pre->ready || pre->b != b || pre->c != c) {
      if (!pre) pre = &local;
      clv_hyp_bc_init(pre, b, c);
    }
    if (pre->ok && g_conn(pre, z, eps, logG, dlog)) return true;
  }
  if (g_series_feasible(b, c, z) &&
      g_series(b, c, z, rb, rc, ntab, logG, dlog))
    return true;
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
