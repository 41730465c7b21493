/*
 * bgnbd.c — the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way: an alternative to the Pareto/NBD model",
 * Marketing Science 24(2)).
 *
 * While alive a customer buys as a Poisson process with rate lambda ~
 * Gamma(r, alpha); after each repeat purchase she drops out with
 * probability p ~ Beta(a, b). The likelihood of (x, t_x, T) is (eq. 6)
 *
 *   L = Gamma(r+x) alpha^r / Gamma(r) * [ B(a, b+x)/B(a,b) (alpha+T)^-(r+x)
 *       + [x > 0] B(a+1, b+x-1)/B(a,b) (alpha+t_x)^-(r+x) ]
 *
 * evaluated as log Gamma terms plus a log-sum-exp of the two branches:
 *   log L = A_x + lse(e1, e2),
 *   A_x = lnGamma(r+x) - lnGamma(r) + r ln alpha - lnB(a, b),
 *   e1  = lnB(a, b+x+m)   - (r+x) ln(alpha+T),
 *   e2  = lnB(a+1, b+x-1+m) - (r+x) ln(alpha+t_x),
 * with m = 0 here and m = 1 for the MBG/NBD (mbgnbd.c), where e2 is also
 * present for x = 0. The gradient follows term by term with
 * d lnB(u, v)/du = psi(u) - psi(u+v) and the branch weights w_i =
 * exp(e_i - lse). Per evaluation the gamma/digamma terms are computed once
 * per distinct x and the logs once per distinct time value.
 *
 * Predictions (FHL 2005 eqs. 10 and 11, and the appendix):
 *   P(alive) = 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)),
 *   E[Y(t) | x, t_x, T] = P(alive) * E[Y(t) | alive], the posterior given
 * alive being lambda ~ Gamma(r+x, alpha+T), p ~ Beta(a, b+x) (special.c
 * evaluates E[Y(t) | alive] stably for large x and any a), and
 *   E[X(t)] = E[Y(t) | alive] at x = 0, T = 0.
 */
#include "models/clv/clv.h"

#include <string.h>

static const char *const bg_names[] = {"r", "alpha", "a", "b"};

typedef struct bg_xterm {
  double A, dA_r;          /* A_x and d/dr */
  double e1c, e2c;         /* lnB parts of e1, e2 */
  double e1_a, e1_b, e2_a, e2_b;
} bg_xterm;

kw_status clv_bg_loglik(kw_context *ctx, const double *p, const clv_pat *d,
                        double *ll, double *grad, int modified) {
  double r = p[0], al = p[1], a = p[2], b = p[3];
  double m = modified ? 1 : 0;
  bg_xterm *xt = kw_malloc(ctx, (d->nux ? d->nux : 1) * sizeof *xt);
  double *lt = kw_malloc(ctx, 2 * (d->nut ? d->nut : 1) * sizeof *lt);
  if (!xt || !lt) {
    kw_free(ctx, xt);
    kw_free(ctx, lt);
    return kw_fail_nomem(ctx);
  }
  double *it = lt + (d->nut ? d->nut : 1);
  double lnB_ab = clv_lnbeta(a, b), lgr = lgamma(r), lal = log(al);
  double psi_r = clv_digamma(r), psi_a = clv_digamma(a), psi_a1 = psi_a + 1 / a;
  double psi_b = clv_digamma(b), psi_ab = clv_digamma(a + b);
  for (size_t i = 0; i < d->nux; i++) {
    double x = d->ux[i];
    bg_xterm *q = &xt[i];
    q->A = lgamma(r + x) - lgr + r * lal - lnB_ab;
    q->dA_r = clv_digamma(r + x) - psi_r + lal;
    double bx = b + x + m;
    double psi_abx = clv_digamma(a + bx);
    q->e1c = clv_lnbeta(a, bx);
    q->e1_a = psi_a - psi_abx;
    q->e1_b = clv_digamma(bx) - psi_abx;
    if (x > 0 || modified) {
      q->e2c = clv_lnbeta(a + 1, bx - 1);
      q->e2_a = psi_a1 - psi_abx;
      q->e2_b = clv_digamma(bx - 1) - psi_abx;
    } else {
      q->e2c = -INFINITY;
      q->e2_a = q->e2_b = 0;
    }
  }
  for (size_t i = 0; i < d->nut; i++) {
    lt[i] = log(al + d->ut[i]);
    it[i] = 1 / (al + d->ut[i]);
  }
  double s_ll = 0, g_r = 0, g_al = 0, g_a = 0, g_b = 0;
  for (size_t j = 0; j < d->n; j++) {
    const bg_xterm *q = &xt[d->ix[j]];
    double rx = r + d->x[j], w = d->w[j];
    double LT = lt[d->iT[j]], Lt = lt[d->itx[j]];
    double e1 = q->e1c - rx * LT;
    if (q->e2c == -INFINITY) { /* BG/NBD with x = 0: one branch */
      s_ll += w * (q->A + e1);
      if (grad) {
        g_r += w * (q->dA_r - LT);
        g_al += w * (r / al - rx * it[d->iT[j]]);
        g_a += w * (psi_ab - psi_a + q->e1_a);
        g_b += w * (psi_ab - psi_b + q->e1_b);
      }
      continue;
    }
    double e2 = q->e2c - rx * Lt;
    /* log-sum-exp with one exp: w2 = 1 / (1 + exp(e1 - e2)) */
    double dd = e2 - e1, w1, w2, lse;
    if (dd <= 0) {
      double ed = exp(dd);
      lse = e1 + log1p(ed);
      w2 = ed / (1 + ed);
      w1 = 1 - w2;
    } else {
      double ed = exp(-dd);
      lse = e2 + log1p(ed);
      w1 = ed / (1 + ed);
      w2 = 1 - w1;
    }
    s_ll += w * (q->A + lse);
    if (grad) {
      g_r += w * (q->dA_r - w1 * LT - w2 * Lt);
      g_al += w * (r / al - rx * (w1 * it[d->iT[j]] + w2 * it[d->itx[j]]));
      g_a += w * (psi_ab - psi_a + w1 * q->e1_a + w2 * q->e2_a);
      g_b += w * (psi_ab - psi_b + w1 * q->e1_b + w2 * q->e2_b);
    }
  }
  kw_free(ctx, xt);
  kw_free(ctx, lt);
  *ll = s_ll;
  if (grad) {
    grad[0] = g_r;
    grad[1] = g_al;
    grad[2] = g_a;
    grad[3] = g_b;
  }
  if (!isfinite(s_ll)) return KW_ENUMERIC;
  return KW_OK;
}

/* Starting points: purchase rate r/alpha matched to the mean observed
 * rate, several shapes. */
void clv_bg_start(const clv_pat *d, size_t k, double *p) {
  double sx = 0, sT = 0;
  for (size_t j = 0; j < d->n; j++) {
    sx += d->w[j] * d->x[j];
    sT += d->w[j] * d->T[j];
  }
  double rate = sT > 0 && sx > 0 ? sx / sT : 1;
  static const double rs[] = {1, 0.3, 3, 0.1, 1, 0.5, 2, 10};
  static const double as[] = {1, 0.5, 2, 1, 0.2, 5, 1, 1};
  static const double bs[] = {1, 2, 5, 1, 0.5, 10, 20, 3};
  k %= 8;
  p[0] = rs[k];
  p[1] = rs[k] / rate;
  p[2] = as[k];
  p[3] = bs[k];
}

static kw_status bg_ll(kw_context *ctx, const double *p, const clv_pat *d,
                       double *ll, double *grad) {
  return clv_bg_loglik(ctx, p, d, ll, grad, 0);
}

const clv_model_ops clv_bgnbd_ops = {KW_CLV_BGNBD, 4, bg_names, bg_ll,
                                     clv_bg_start};

double clv_bg_p_alive(const double *p, double x, double tx, double T,
                      int modified) {
  double r = p[0], al = p[1], a = p[2], b = p[3];
  if (x <= 0 && !modified) return 1;
  double l = log(a) - log(b + x - 1 + (modified ? 1 : 0)) +
             (r + x) * (log(al + T) - log(al + tx));
  return clv_prob(clv_logistic_neg(l));
}
