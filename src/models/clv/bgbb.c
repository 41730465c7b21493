/*
 * bgbb.c — the BG/BB model for discrete transaction opportunities (Fader,
 * Hardie & Shang 2010, "Customer-base analysis in a discrete-time
 * noncontractual setting", Marketing Science 29(6)).
 *
 * At each of n opportunities a live customer transacts with probability
 * p ~ Beta(alpha, beta) and, before each opportunity, becomes inactive
 * with probability theta ~ Beta(gamma, delta). A customer is described by
 * x transactions, t_x the opportunity of the last one (0 if none) and n.
 * The likelihood (their eq. 5) is
 *
 *   L = B(alpha+x, beta+n-x)/B(alpha,beta) B(gamma, delta+n)/B(gamma,delta)
 *     + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha,beta)
 *                          B(gamma+1, delta+t_x+i)/B(gamma,delta),
 *
 * summed here as a running log-sum-exp of the n - t_x + 1 terms, each term's
 * gradient from d lnB(u, v)/du = psi(u) - psi(u+v).
 *
 * Predictions:
 *   P(alive at opportunity n) = first term / L. (FHS's P(alive at n+1)
 *     is this times (delta+n)/(gamma+delta+n).)
 *   Expected transactions at opportunity n+k (alive through n+k and a
 *     transaction): B(alpha+x+1, beta+n-x)/B(alpha,beta)
 *     B(gamma, delta+n+k)/B(gamma,delta) / L; their sum over k = 1..n* is
 *     FHS eq. 13, summed term by term (no singularity at gamma = 1).
 *   E[X(n)] = alpha/(alpha+beta) sum_{k=1}^{n} B(gamma, delta+k)/B(gamma,delta).
 */
#include "models/clv/clv.h"

static const char *const bgbb_names[] = {"alpha", "beta", "gamma", "delta"};

typedef struct lse_acc {
  double m, s, g[4];
} lse_acc;

static void acc_add(lse_acc *a, double e, const double *g) {
  if (e > a->m) {
    double f = exp(a->m - e);
    a->s *= f;
    for (int i = 0; i < 4; i++) a->g[i] *= f;
    a->m = e;
  }
  double w = exp(e - a->m);
  a->s += w;
  if (g)
    for (int i = 0; i < 4; i++) a->g[i] += w * g[i];
}

/* log of the bracketed sum (without the constant denominators). */
static double bgbb_pattern(const double *p, double x, double tx, double n,
                           double *g, double *first) {
  double al = p[0], be = p[1], ga = p[2], de = p[3];
  lse_acc acc = {-INFINITY, 0, {0, 0, 0, 0}};
  double psi_ax = g ? clv_digamma(al + x) : 0;
  double psi_g1 = g ? clv_digamma(ga + 1) : 0;
  double e0 = clv_lnbeta(al + x, be + n - x) + clv_lnbeta(ga, de + n);
  double g0[4];
  if (g) {
    double pabn = clv_digamma(al + be + n), pgdn = clv_digamma(ga + de + n);
    g0[0] = psi_ax - pabn;
    g0[1] = clv_digamma(be + n - x) - pabn;
    g0[2] = clv_digamma(ga) - pgdn;
    g0[3] = clv_digamma(de + n) - pgdn;
  }
  acc_add(&acc, e0, g ? g0 : NULL);
  for (double i = 0; i < n - tx; i += 1) {
    double e = clv_lnbeta(al + x, be + tx - x + i) +
               clv_lnbeta(ga + 1, de + tx + i);
    double gi[4];
    if (g) {
      double pab = clv_digamma(al + be + tx + i);
      double pgd = clv_digamma(ga + de + tx + i + 1);
      gi[0] = psi_ax - pab;
      gi[1] = clv_digamma(be + tx - x + i) - pab;
      gi[2] = psi_g1 - pgd;
      gi[3] = clv_digamma(de + tx + i) - pgd;
    }
    acc_add(&acc, e, g ? gi : NULL);
  }
  double tot = acc.m + log(acc.s);
  if (g)
    for (int i = 0; i < 4; i++) g[i] = acc.g[i] / acc.s;
  if (first) *first = exp(e0 - tot);
  return tot;
}

static kw_status bgbb_ll(kw_context *ctx, const double *p, const clv_pat *d,
                         double *ll, double *grad) {
  (void)ctx;
  double al = p[0], be = p[1], ga = p[2], de = p[3];
  double cst = -clv_lnbeta(al, be) - clv_lnbeta(ga, de);
  double c[4] = {0, 0, 0, 0};
  if (grad) {
    double pab = clv_digamma(al + be), pgd = clv_digamma(ga + de);
    c[0] = pab - clv_digamma(al);
    c[1] = pab - clv_digamma(be);
    c[2] = pgd - clv_digamma(ga);
    c[3] = pgd - clv_digamma(de);
  }
  double s = 0, G[4] = {0, 0, 0, 0};
  for (size_t j = 0; j < d->n; j++) {
    double g[4];
    double l = bgbb_pattern(p, d->x[j], d->tx[j], d->T[j], grad ? g : NULL,
                            NULL);
    s += d->w[j] * (cst + l);
    if (grad)
      for (int i = 0; i < 4; i++) G[i] += d->w[j] * (c[i] + g[i]);
  }
  *ll = s;
  if (grad)
    for (int i = 0; i < 4; i++) grad[i] = G[i];
  return isfinite(s) ? KW_OK : KW_ENUMERIC;
}

static void bgbb_start(const clv_pat *d, size_t k, double *p) {
  (void)d;
  static const double st[8][4] = {{1, 1, 1, 1},     {0.5, 0.5, 0.5, 2},
                                  {2, 2, 1, 5},     {1, 3, 0.3, 1},
                                  {0.3, 0.3, 2, 2}, {5, 5, 5, 5},
                                  {1, 1, 0.1, 0.5}, {3, 1, 1, 10}};
  for (int i = 0; i < 4; i++) p[i] = st[k % 8][i];
}

const clv_model_ops clv_bgbb_ops = {KW_CLV_BGBB, 4, bgbb_names, bgbb_ll,
                                    bgbb_start};

double clv_bgbb_p_alive(const double *p, double x, double tx, double n) {
  double first;
  bgbb_pattern(p, x, tx, n, NULL, &first);
  return clv_prob(clv_finite(first, 0));
}

double clv_bgbb_expect_disc(const double *p, double x, double tx, double n,
                            unsigned h, double disc) {
  double al = p[0], be = p[1], ga = p[2], de = p[3];
  double tot = bgbb_pattern(p, x, tx, n, NULL, NULL);
  double base = clv_lnbeta(al + x + 1, be + n - x) - tot, s = 0, f = 1;
  for (unsigned k = 1; k <= h; k++) {
    f /= 1 + disc;
    s += f * exp(base + clv_lnbeta(ga, de + n + k));
  }
  return clv_finite(s, 0);
}

double clv_bgbb_population(const double *p, double n) {
  double al = p[0], be = p[1], ga = p[2], de = p[3];
  double lb = clv_lnbeta(ga, de), s = 0;
  for (double k = 1; k <= n; k += 1) s += exp(clv_lnbeta(ga, de + k) - lb);
  return clv_finite(al / (al + be) * s, 0);
}
