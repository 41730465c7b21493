/*
 * gg.c — the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and
 * CLV: using iso-value curves for customer base analysis", JMR 42(4);
 * Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").
 *
 * The values of a customer's transactions are Gamma(p, nu) with nu ~
 * Gamma(q, gamma) across customers, independent of the purchase process.
 * For x repeat transactions with mean value zbar, x zbar ~ Gamma(px, nu), so
 *
 *   log f(zbar | x) = lnGamma(px+q) - lnGamma(px) - lnGamma(q) + q ln gamma
 *                   + px ln x + (px-1) ln zbar - (px+q) ln(gamma + x zbar),
 *
 * with gradient
 *   d/dp     = x [psi(px+q) - psi(px) + ln x + ln zbar - ln(gamma + x zbar)]
 *   d/dq     = psi(px+q) - psi(q) + ln gamma - ln(gamma + x zbar)
 *   d/dgamma = q/gamma - (px+q)/(gamma + x zbar).
 * Only repeat buyers (x >= 1, zbar > 0) enter the fit (fit.c selects them).
 * Patterns store zbar in the t_x slot.
 *
 * Conditional mean spend (FHL 2005 eq. 5):
 *   E[Z | x, zbar] = p (gamma + x zbar) / (px + q - 1)
 *                  = w pgamma/(q-1) + (1-w) zbar,  w = (q-1)/(px+q-1).
 */
#include "models/clv/clv.h"

static const char *const gg_names[] = {"p", "q", "gamma"};

static kw_status gg_ll(kw_context *ctx, const double *par, const clv_pat *d,
                       double *ll, double *grad) {
  double p = par[0], q = par[1], ga = par[2];
  size_t nx = d->nux ? d->nux : 1, nt = d->nut ? d->nut : 1;
  double *c = kw_malloc(ctx, (3 * nx + nt) * sizeof *c);
  if (!c) return kw_fail_nomem(ctx);
  double *dp = c + nx, *dq = dp + nx, *lz = dq + nx;
  double lgq = lgamma(q), psiq = clv_digamma(q), lga = log(ga);
  for (size_t i = 0; i < d->nux; i++) {
    double x = d->ux[i], px = p * x;
    double lx = log(x);
    c[i] = lgamma(px + q) - lgamma(px) - lgq + q * lga + px * lx;
    double pq = clv_digamma(px + q);
    dp[i] = x * (pq - clv_digamma(px) + lx);
    dq[i] = pq - psiq + lga;
  }
  if (!d->aux)
    for (size_t i = 0; i < d->nut; i++) lz[i] = log(d->ut[i]);
  double s = 0, G[3] = {0, 0, 0};
  for (size_t j = 0; j < d->n; j++) {
    uint32_t i = d->ix[j];
    double x = d->x[j], z = d->tx[j], w = d->w[j], px = p * x;
    double lzz = d->aux ? d->aux[j] : lz[d->itx[j]], den = ga + x * z, lden = log(den);
    s += w * (c[i] + (px - 1) * lzz - (px + q) * lden);
    if (grad) {
      G[0] += w * (dp[i] + x * (lzz - lden));
      G[1] += w * (dq[i] - lden);
      G[2] += w * (q / ga - (px + q) / den);
    }
  }
  kw_free(ctx, c);
  *ll = s;
  if (grad)
    for (int i = 0; i < 3; i++) grad[i] = G[i];
  return isfinite(s) ? KW_OK : KW_ENUMERIC;
}

/* Starts from the moments: mean spend m = p gamma / (q - 1). */
static void gg_start(const clv_pat *d, size_t k, double *par) {
  double sw = 0, sz = 0;
  for (size_t j = 0; j < d->n; j++) {
    sw += d->w[j];
    sz += d->w[j] * d->tx[j];
  }
  double m = sw > 0 && sz > 0 ? sz / sw : 1;
  static const double ps[] = {1, 5, 0.5, 10, 2, 1, 20, 3};
  static const double qs[] = {2, 4, 3, 10, 1.5, 20, 5, 2.5};
  k %= 8;
  par[0] = ps[k];
  par[1] = qs[k];
  par[2] = m * (qs[k] - 1) / ps[k];
}

const clv_model_ops clv_gg_ops = {KW_CLV_GG, 3, gg_names, gg_ll, gg_start};
