/*
 * clv.h — internal interface shared by the customer-value models.
 *
 * Data reach the models as distinct patterns (patterns.c): each distinct
 * (x, t_x, T) with the total weight of the customers that have it, plus
 * small tables of the distinct x values and distinct time values, so a
 * likelihood evaluation computes gamma/digamma terms once per distinct x
 * and log(alpha + t) once per distinct time, and its per-pattern work is a
 * few multiplications and one log-sum-exp.
 *
 * Each model provides a clv_model_ops row: the total log-likelihood and its
 * gradient in the natural parameters, starting points, and predictions per
 * pattern. fit.c holds the optimiser and the public entry points.
 */
#ifndef KW_MODELS_CLV_H
#define KW_MODELS_CLV_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "klantwijs/clv.h"

/* ------------------------------------------------------------- patterns */

typedef struct clv_pat {
  size_t n;             /* distinct patterns */
  double *x, *tx, *T;   /* per pattern (for gg: tx holds zbar, T = 0) */
  double *w;            /* total weight per pattern */
  uint32_t *ix;         /* index into ux */
  uint32_t *itx, *iT;   /* indices into ut */
  size_t nux, nut;
  double *ux;           /* distinct x values */
  double *ut;           /* distinct time values (t_x and T together) */
  double total_w;       /* sum of weights */
  uint32_t *map;        /* input row -> pattern (NULL unless asked) */
  uint32_t *order;      /* patterns sorted by (x, T, t_x) (NULL unless
                           asked) */
  double *aux;          /* per-pattern constant a model may cache (gg:
                           log zbar), or NULL */
  bool borrowed;        /* ux and ut belong to another pattern set */
} clv_pat;

/*
 * Compress n rows into patterns (t_x is taken as 0 where x = 0). weight
 * may be NULL. keep (may be NULL)
 * selects rows; a row not kept maps to UINT32_MAX. With want_map the
 * row -> pattern map is kept, with want_order the sorted order.
 */
kw_status clv_pat_build(kw_context *ctx, const double *x, const double *tx,
                        const double *T, const double *weight,
                        const unsigned char *keep, size_t n, bool want_map,
                        bool want_order, clv_pat *out);
void clv_pat_free(kw_context *ctx, clv_pat *p);
/* Every k-th pattern of src (about m of them), sharing its value tables
 * (out must be freed before src). */
kw_status clv_pat_subsample(kw_context *ctx, const clv_pat *src, size_t m,
                            clv_pat *out);

/* --------------------------------------------------------------- models */

typedef struct clv_model_ops {
  kw_clv_model id;
  size_t np;
  const char *const *names;
  /* Sum over patterns of w * log L and its gradient in the natural
   * parameters (grad may be NULL). KW_ENOMEM or KW_ENUMERIC on failure. */
  kw_status (*loglik)(kw_context *ctx, const double *p, const clv_pat *d,
                      double *ll, double *grad);
  /* The k-th starting point (k = 0..7) from simple data summaries. */
  void (*start)(const clv_pat *d, size_t k, double *p);
} clv_model_ops;

const clv_model_ops *clv_model_ops_of(kw_clv_model m);

extern const clv_model_ops clv_bgnbd_ops;
extern const clv_model_ops clv_mbgnbd_ops;
extern const clv_model_ops clv_pnbd_ops;
extern const clv_model_ops clv_bgbb_ops;
extern const clv_model_ops clv_gg_ops;

/* BG/NBD and MBG/NBD share one likelihood (bgnbd.c); modified = 1 is the
 * MBG/NBD, whose customers may also drop out at their first purchase. */
kw_status clv_bg_loglik(kw_context *ctx, const double *p, const clv_pat *d,
                        double *ll, double *grad, int modified);
void clv_bg_start(const clv_pat *d, size_t k, double *p);

/* fit.c: validate (x, t_x, T) rows for a model; the fit's result. */
kw_status clv_check_rows(kw_context *ctx, kw_clv_model model, const double *x,
                         const double *t_x, const double *T, size_t n);
const kw_clv_result *clv_fit_res(const kw_clv_fit *f);
/* A 64-bit fingerprint of the rows (x, t_x, T), t_x taken as 0 where
 * x = 0 and -0.0 as 0, as the patterns see them. */
uint64_t clv_data_key(const double *x, const double *t_x, const double *T,
                      size_t n);
/* The Hessian of the log-likelihood (np x np, row-major: central
 * differences of the gradient, relative step 1e-4, not symmetrised) that
 * kw_clv_fit_model computed for its standard errors, when the fit was made
 * on n unweighted rows with fingerprint key; false otherwise. */
bool clv_fit_hessian(const kw_clv_fit *f, uint64_t key, size_t n, double *H);
/* predict.c: E[X(t)] of a new customer (a purchase model's result). */
double clv_population(const kw_clv_result *r, double t);
/* predict.c: the distinct (x, T) of a pattern set: gid[j] is pattern j's
 * group, gx and gT the groups' x and T. */
typedef struct clv_groups {
  uint32_t *gid;
  double *gx, *gT;
  size_t ng;
} clv_groups;
kw_status clv_groups_build(kw_context *ctx, const clv_pat *d, clv_groups *g);
void clv_groups_free(kw_context *ctx, clv_groups *g);
/* Per pattern of d (groups g from clv_groups_build) at parameters p of
 * purchase model m: P(alive) into pa and the value per unit of margin x
 * spend into u (what kw_clv_value multiplies by margin x spend, bit for
 * bit), NaN where not computable; vo must not be NULL. KW_ENOMEM only. */
kw_status clv_pat_predict(kw_context *ctx, kw_clv_model m, const double *p,
                          const clv_pat *d, const clv_groups *g,
                          const kw_clv_value_options *vo, double *pa,
                          double *u);
/* The checks kw_clv_p_alive and kw_clv_value make of their input (fit,
 * rows, value options o (not NULL), spend), in that order. */
kw_status clv_value_check(kw_context *ctx, const kw_clv_fit *f,
                          const double *x, const double *t_x, const double *T,
                          const double *spend, size_t n,
                          const kw_clv_value_options *o);
/* KW_ENUMERIC: the prediction for (x, T) is not computable at p. */
kw_status clv_not_computable(kw_context *ctx, kw_clv_model m, const double *p,
                             double x, double T);


/* ------------------------------------------------ per-customer prediction
 * Each returns NaN when the numerics cannot reach the value (never a
 * clamped stand-in); the public entry points turn that into KW_ENUMERIC. */

/* P(alive at T). */
double clv_bg_p_alive(const double *p, double x, double tx, double T,
                      int modified);
double clv_pnbd_p_alive(const double *p, double x, double tx, double T);
double clv_bgbb_p_alive(const double *p, double x, double tx, double n);

/*
 * Expected purchases in (T, T + t] of a customer known to be alive at T
 * with purchase rate lambda ~ Gamma(r1, alpha1) and drop-out probability
 * p ~ Beta(a, b1) after each purchase (the BG/NBD posterior given alive):
 *   E = E_p[(1 - (1 + p t / alpha1)^(-r1)) / p].
 */
double clv_bg_alive_expect(double r1, double alpha1, double a, double b1,
                           double t);
/* P(exactly k purchases in (T, T + t] | alive) for the same posterior. */
double clv_bg_alive_pk(double r1, double alpha1, double a, double b1,
                       double t, unsigned k);
/* Pareto/NBD, alive at T: lambda ~ Gamma(r1, alpha1), mu ~ Gamma(s, beta1). */
double clv_pnbd_alive_expect(double r1, double alpha1, double s, double beta1,
                             double t);
double clv_pnbd_alive_pk(double r1, double alpha1, double s, double beta1,
                         double t, unsigned k);
/*
 * Discounted value per unit of margin x spend of a customer alive at T,
 *   V = sum_{k=1..H} (E(k) - E(k-1)) / (1+disc)^k,  E = clv_bg_alive_expect,
 * for the BG/NBD family (discount.c). clv_bg_disc_direct is the
 * straightforward sum (H series); clv_bg_disc computes it for ng groups
 * (gx, gT) at parameters p (modified: MBG/NBD, b1 = b + x + 1) by one
 * dot product per group of per-x coefficients and per-T moments, within
 * 1e-12 relative of the exact sum (bound in discount.c), falling back to
 * the straightforward sum per group where the bound does not hold. out is
 * NaN where neither computes. n_fast (may be NULL) counts the groups the
 * dot product served. KW_ENOMEM only.
 */
#define CLV_DISC_TERMS_MAX 3000
double clv_bg_disc_direct(double r1, double alpha1, double a, double b1,
                          size_t H, double disc);
kw_status clv_bg_disc(kw_context *ctx, const double *p, int modified,
                      const double *gx, const double *gT, size_t ng, size_t H,
                      double disc, size_t *n_fast, double *out);

/* BG/BB: sum_{k=1..h} E[transactions at opportunity n + k] / (1+disc)^k. */
double clv_bgbb_expect_disc(const double *p, double x, double tx, double n,
                            unsigned h, double disc);
/* BG/BB population E[X(n)] over the first n opportunities. */
double clv_bgbb_population(const double *p, double n);

/* -------------------------------------------------------------- numerics */

static inline double clv_lse2(double a, double b) {
  if (a == -INFINITY) return b;
  if (b == -INFINITY) return a;
  return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

/* log(1 - exp(a)) for a <= 0 (Maechler's log1mexp). */
static inline double clv_log1mexp(double a) {
  if (a >= 0) return -INFINITY;
  return a > -M_LN2 ? log(-expm1(a)) : log1p(-exp(a));
}

static inline double clv_lnbeta(double a, double b) {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/* 1 / (1 + exp(l)) without overflow. */
static inline double clv_logistic_neg(double l) {
  if (l > 0) {
    double e = exp(-l);
    return e / (1.0 + e);
  }
  return 1.0 / (1.0 + exp(l));
}

double clv_digamma(double x);

/*
 * G(b; c; z) = 2F1(1, b; c; z) = sum_k (b)_k / (c)_k z^k for 0 < b < c and
 * 0 <= z < 1 (all terms positive). Returns log G and, when dlog is not
 * NULL, d log G / d(b, c, z) in dlog[0..2]. A power series when it
 * converges within a few thousand terms, else the Euler integral
 *   G = (c - 1) int_0^inf e^{-(c-1) y} (1 - z + z e^{-y})^{-b} dy
 * by adaptive quadrature. Returns false if neither gives a finite value.
 */
bool clv_hyp_logG(double b, double c, double z, double *logG, double *dlog);
/* The same with rb[k] = 1 / (b + k) and rc[k] = 1 / (c + k) for k < ntab
 * given (tables shared by every pattern of a likelihood evaluation, so the
 * series runs without divisions); rb and rc may be NULL. */
bool clv_hyp_logG_tab(double b, double c, double z, const double *rb,
                      const double *rc, size_t ntab, double *logG,
                      double *dlog);
/* Terms of the G series before the Euler integral takes over. */
#define CLV_G_SERIES_MAX 5000
/* Constants of G's z -> 1 - z connection formula that depend on b and c
 * only (shared by every z of a pattern set); clv_hyp_bc_init fills it. */
typedef struct clv_hyp_bc {
  double b, c, m, delta, lK2, sK2, lK2err, dK2b, dK2c, lcm;
  bool ready, ok;
} clv_hyp_bc;
void clv_hyp_bc_init(clv_hyp_bc *h, double b, double c);
/* G with eps = 1 - z given separately (computed without cancellation by
 * the caller) and pre, when not NULL, a cache of the (b, c) constants
 * (filled when not ready or for other b, c). */
bool clv_hyp_logG_eps(double b, double c, double z, double eps,
                      const double *rb, const double *rc, size_t ntab,
                      clv_hyp_bc *pre, double *logG, double *dlog);

/* GSL's default error handler aborts; kw_context_new() switches it off
 * for the process, so GSL calls here only return codes, which are checked. */

/* Clamp to [0, 1] and map non-finite values to a fallback. */
static inline double clv_prob(double v) {
  if (!(v >= 0)) return 0;
  return v > 1 ? 1 : v;
}
static inline double clv_finite(double v, double fallback) {
  return isfinite(v) ? v : fallback;
}

#endif
