/*
 * pnbd.c — the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987,
 * "Counting your customers: who are they and what will they do next?",
 * Management Science 33(1)), likelihood as in Fader & Hardie (2005), "A
 * note on deriving the Pareto/NBD model and related expressions".
 *
 * Purchases: Poisson(lambda), lambda ~ Gamma(r, alpha); lifetime:
 * exponential(mu), mu ~ Gamma(s, beta). Individually
 *   L(lambda, mu) = lambda^x e^{-(lambda+mu) T}
 *                 + lambda^x mu int_{t_x}^{T} e^{-(lambda+mu) u} du,
 * and over the mixing distributions
 *   L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [ (alpha+T)^-(r+x)
 *       (beta+T)^-s + s (F(t_x) - F(T)) ],
 *   F(u) = int_u^inf (alpha+v)^-(r+x) (beta+v)^-(s+1) dv.
 * Fader & Hardie write F with 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/
 * (alpha+u)) for alpha >= beta and 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/
 * (beta+u)) otherwise; the second overflows for large x. After Euler's
 * transformation (special.c), with P = r+s+x:
 *   alpha >= beta: F(u) = (alpha+u)^-(r+x) (beta+u)^-s G(r+x; P+1; z) / P,
 *                  z = (alpha-beta)/(alpha+u);
 *   alpha <  beta: F(u) = (alpha+u)^-(r+x-1) (beta+u)^-(s+1)
 *                  G(s+1; P+1; z) / P,  z = (beta-alpha)/(beta+u);
 * with G(b; c; z) = 2F1(1, b; c; z) between 1 and 1/(1-z). Both branches
 * are the same smooth function (they agree, with their derivatives, at
 * alpha = beta). In logs:
 *   log L = C + lse(l_T, log s + log F(t_x) + log1mexp(log F(T) - log F(t_x)))
 * so nothing overflows for x up to 10^4 and beyond. The gradient uses
 * d log G / d(b, c, z) from the same series (or the connection formula
 * near z = 1, special.c), with 1 - z passed as (beta+u)/(alpha+u) or
 * (alpha+u)/(beta+u). Per evaluation the (b, c) constants of G are kept
 * per distinct x and log F with its gradient per distinct (x, u): patterns
 * share t_x (all x = 0 ones have t_x = 0) and T.
 *
 * P(alive | x, t_x, T) is the share of the first branch: exp(l_T - lse).
 * E[Y(t) | x, t_x, T] = P(alive) * (r+x)(beta+T)/((alpha+T)(s-1))
 *   [1 - ((beta+T)/(beta+T+t))^(s-1)]; E[X(t)] the same at x = 0, T = 0.
 */
#include "models/clv/clv.h"

#include <string.h>

static const char *const pnbd_names[] = {"r", "alpha", "s", "beta"};

/*
 * Reciprocal tables for one likelihood evaluation: 1/(r + j), 1/(s + 1 + j)
 * and 1/(r + s + 1 + j), j < len. x is a whole number, so the series of
 * every pattern reads its 1/(b + k) and 1/(c + k) from them (offset x).
 */
typedef struct pnbd_tabs {
  const double *r, *s1, *rs1;
  size_t len;
} pnbd_tabs;

/* log F(u) and (optionally) its gradient in (r, alpha, s, beta). */
static bool pnbd_logF(const double *p, double x, double u, double *lf,
                      double *g, const pnbd_tabs *tb, clv_hyp_bc *pre) {
  double r = p[0], al = p[1], s = p[2], be = p[3];
  double P = r + s + x, lau = log(al + u), lbu = log(be + u);
  double dG[3], lG;
  if (al >= be) {
    double z = (al - be) / (al + u), eps = (be + u) / (al + u);
    bool ok;
    if (tb && x < (double)tb->len) {
      size_t ix = (size_t)x, n = tb->len - ix;
      ok = clv_hyp_logG_eps(r + x, P + 1, z, eps, tb->r + ix, tb->rs1 + ix,
                            n, pre, &lG, g ? dG : NULL);
    } else {
      ok = clv_hyp_logG_eps(r + x, P + 1, z, eps, NULL, NULL, 0, pre, &lG,
                            g ? dG : NULL);
    }
    if (!ok) return false;
    *lf = -(r + x) * lau - s * lbu - log(P) + lG;
    if (g) {
      g[0] = -lau - 1 / P + dG[0] + dG[1];
      g[1] = -(r + x) / (al + u) + dG[2] * (be + u) / ((al + u) * (al + u));
      g[2] = -lbu - 1 / P + dG[1];
      g[3] = -s / (be + u) - dG[2] / (al + u);
    }
  } else {
    double z = (be - al) / (be + u), eps = (al + u) / (be + u);
    bool ok;
    if (tb && x < (double)tb->len) {
      size_t ix = (size_t)x, n = tb->len - ix;
      ok = clv_hyp_logG_eps(s + 1, P + 1, z, eps, tb->s1, tb->rs1 + ix, n,
                            pre, &lG, g ? dG : NULL);
    } else {
      ok = clv_hyp_logG_eps(s + 1, P + 1, z, eps, NULL, NULL, 0, pre, &lG,
                            g ? dG : NULL);
    }
    if (!ok) return false;
    *lf = -(r + x - 1) * lau - (s + 1) * lbu - log(P) + lG;
    if (g) {
      g[0] = -lau - 1 / P + dG[1];
      g[1] = -(r + x - 1) / (al + u) - dG[2] / (be + u);
      g[2] = -lbu - 1 / P + dG[0] + dG[1];
      g[3] = -(s + 1) / (be + u) + dG[2] * (al + u) / ((be + u) * (be + u));
    }
  }
  return isfinite(*lf);
}

/*
 * log F(u) and its gradient once per distinct (x, u) of an evaluation:
 * patterns share their x and their t_x or T with others (all x = 0
 * patterns have t_x = 0), so an open-addressing table keyed on the index
 * of x and of u among the distinct values saves about half the work.
 */
typedef struct fcache {
  uint64_t *key; /* UINT64_MAX: empty */
  double *val;   /* 5 per slot: log F, gradient */
  bool *ok;
  size_t mask;
  bool grad;
} fcache;

static bool logF_cached(fcache *fc, uint64_t key, const double *p, double x,
                        double u, double *lf, double *g, const pnbd_tabs *tb,
                        clv_hyp_bc *pre) {
  if (!fc) return pnbd_logF(p, x, u, lf, g, tb, pre);
  size_t h = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & fc->mask;
  while (fc->key[h] != UINT64_MAX && fc->key[h] != key) h = (h + 1) & fc->mask;
  double *v = fc->val + 5 * h;
  if (fc->key[h] == UINT64_MAX) {
    fc->key[h] = key;
    fc->ok[h] = pnbd_logF(p, x, u, v, fc->grad ? v + 1 : NULL, tb, pre);
  }
  if (!fc->ok[h]) return false;
  *lf = v[0];
  if (g)
    for (int i = 0; i < 4; i++) g[i] = v[1 + i];
  return true;
}

/* One pattern: log L minus the per-x constant C, the first-branch share
 * and (optionally) the gradient of that part. kx, ktx, kT: cache keys of
 * (x, t_x) and (x, T) when fc is not NULL. */
static bool pnbd_pattern(const double *p, double x, double tx, double T,
                         double *ll, double *palive, double *g,
                         const pnbd_tabs *tb, clv_hyp_bc *pre, fcache *fc,
                         uint64_t ktx, uint64_t kT) {
  double r = p[0], al = p[1], s = p[2], be = p[3];
  double lT = -(r + x) * log(al + T) - s * log(be + T);
  double second = -INFINITY, gs[4] = {0, 0, 0, 0};
  if (T > tx) {
    double lf1, lf2, g1[4], g2[4];
    if (!logF_cached(fc, ktx, p, x, tx, &lf1, g ? g1 : NULL, tb, pre))
      return false;
    if (!logF_cached(fc, kT, p, x, T, &lf2, g ? g2 : NULL, tb, pre))
      return false;
    double delta = lf2 - lf1;
    if (delta < 0) {
      second = log(s) + lf1 + clv_log1mexp(delta);
      if (g) {
        double ed = exp(delta), den = 1 - ed;
        for (int i = 0; i < 4; i++) gs[i] = (g1[i] - ed * g2[i]) / den;
        gs[2] += 1 / s;
      }
    }
  }
  double tot = clv_lse2(lT, second);
  double w1 = exp(lT - tot), w2 = 1 - w1;
  *ll = tot;
  if (palive) *palive = w1;
  if (g) {
    g[0] = w1 * -log(al + T) + w2 * gs[0];
    g[1] = w1 * -(r + x) / (al + T) + w2 * gs[1];
    g[2] = w1 * -log(be + T) + w2 * gs[2];
    g[3] = w1 * -s / (be + T) + w2 * gs[3];
  }
  return isfinite(tot);
}

static kw_status pnbd_ll(kw_context *ctx, const double *p, const clv_pat *d,
                         double *ll, double *grad) {
  double r = p[0], al = p[1], s = p[2], be = p[3];
  double *cx = kw_malloc(ctx, 2 * (d->nux ? d->nux : 1) * sizeof *cx);
  clv_hyp_bc *pre = kw_calloc(ctx, d->nux ? d->nux : 1, sizeof *pre);
  if (!cx || !pre) {
    kw_free(ctx, cx);
    kw_free(ctx, pre);
    return kw_fail_nomem(ctx);
  }
  double *dcx = cx + (d->nux ? d->nux : 1);
  /* reciprocal tables up to the largest x plus the series' length (only
   * while that stays small: x is a whole number below 1e6) */
  double maxx = 0;
  for (size_t i = 0; i < d->nux; i++) maxx = fmax(maxx, d->ux[i]);
  pnbd_tabs tabs = {NULL, NULL, NULL, 0}, *tb = NULL;
  double *tmem = NULL;
  if (maxx < 1e6) {
    size_t len = (size_t)maxx + CLV_G_SERIES_MAX + 1;
    tmem = kw_malloc(ctx, 3 * len * sizeof *tmem);
    if (!tmem) {
      kw_free(ctx, cx);
      kw_free(ctx, pre);
      return kw_fail_nomem(ctx);
    }
    for (size_t j = 0; j < len; j++) {
      tmem[j] = 1 / (r + (double)j);
      tmem[len + j] = 1 / (s + 1 + (double)j);
      tmem[2 * len + j] = 1 / (r + s + 1 + (double)j);
    }
    tabs = (pnbd_tabs){tmem, tmem + len, tmem + 2 * len, len};
    tb = &tabs;
  }
  double lgr = lgamma(r), psir = clv_digamma(r), lal = log(al), lbe = log(be);
  for (size_t i = 0; i < d->nux; i++) {
    double x = d->ux[i];
    cx[i] = lgamma(r + x) - lgr + r * lal + s * lbe;
    dcx[i] = clv_digamma(r + x) - psir + lal;
  }
  /* the (x, u) cache: up to 2 n keys in a table at most half full (not
   * for pattern sets beyond a quarter of a million, where it would cost
   * more memory than it saves time) */
  fcache fcm = {NULL, NULL, NULL, 0, grad != NULL}, *fc = NULL;
  if (d->n <= ((size_t)1 << 18) && d->itx && d->iT) {
    size_t cap = 16;
    while (cap < 4 * d->n) cap <<= 1;
    fcm.key = kw_malloc(ctx, cap * sizeof *fcm.key);
    fcm.val = kw_malloc(ctx, 5 * cap * sizeof *fcm.val);
    fcm.ok = kw_malloc(ctx, cap * sizeof *fcm.ok);
    if (fcm.key && fcm.val && fcm.ok) {
      memset(fcm.key, 0xff, cap * sizeof *fcm.key);
      fcm.mask = cap - 1;
      fc = &fcm;
    }
  }
  double s_ll = 0, G[4] = {0, 0, 0, 0};
  kw_status st = KW_OK;
  for (size_t j = 0; j < d->n; j++) {
    double l, g[4];
    uint64_t kx = (uint64_t)d->ix[j] << 32;
    if (!pnbd_pattern(p, d->x[j], d->tx[j], d->T[j], &l, NULL,
                      grad ? g : NULL, tb, pre + d->ix[j], fc,
                      kx | d->itx[j], kx | d->iT[j])) {
      st = KW_ENUMERIC;
      break;
    }
    double w = d->w[j];
    s_ll += w * (cx[d->ix[j]] + l);
    if (grad) {
      G[0] += w * (dcx[d->ix[j]] + g[0]);
      G[1] += w * (r / al + g[1]);
      G[2] += w * (lbe + g[2]);
      G[3] += w * (s / be + g[3]);
    }
  }
  kw_free(ctx, cx);
  kw_free(ctx, pre);
  kw_free(ctx, tmem);
  kw_free(ctx, fcm.key);
  kw_free(ctx, fcm.val);
  kw_free(ctx, fcm.ok);
  *ll = st == KW_OK ? s_ll : -INFINITY;
  if (grad)
    for (int i = 0; i < 4; i++) grad[i] = G[i];
  if (st == KW_OK && !isfinite(s_ll)) st = KW_ENUMERIC;
  return st;
}

static void pnbd_start(const clv_pat *d, size_t k, double *p) {
  double sx = 0, sT = 0;
  for (size_t j = 0; j < d->n; j++) {
    sx += d->w[j] * d->x[j];
    sT += d->w[j] * d->T[j];
  }
  double W = d->total_w > 0 ? d->total_w : 1;
  double rate = sT > 0 && sx > 0 ? sx / sT : 1;
  double mT = sT > 0 ? sT / W : 1;
  static const double rs[] = {1, 0.3, 3, 0.5, 1, 0.1, 2, 10};
  static const double ss[] = {1, 0.5, 2, 0.3, 5, 1, 0.2, 1};
  static const double bf[] = {1, 0.5, 2, 0.2, 5, 1, 0.1, 10};
  k %= 8;
  p[0] = rs[k];
  p[1] = rs[k] / rate;
  p[2] = ss[k];
  p[3] = ss[k] * mT * bf[k];
}

const clv_model_ops clv_pnbd_ops = {KW_CLV_PNBD, 4, pnbd_names, pnbd_ll,
                                    pnbd_start};

double clv_pnbd_p_alive(const double *p, double x, double tx, double T) {
  double l, pa;
  if (!pnbd_pattern(p, x, tx, T, &l, &pa, NULL, NULL, NULL, NULL, 0, 0))
    return NAN; /* an error */
  return clv_prob(pa);
}
