/*
 * clv_check.c — checks that can reject a purchase-model fit, and
 * delta-method intervals for its predictions (klantwijs/clvcheck.h).
 */
#include "klantwijs/clvcheck.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

#include "core/core.h"
#include "models/clv/clv.h"

static const char *const flag_keys[KW_CLV_FLAG_COUNT] = {
    "no_info", "not_converged", "bound", "se", "all_alive", "holdout"};

const char *kw_clv_flag_key(unsigned k) {
  return k < KW_CLV_FLAG_COUNT ? flag_keys[k] : "";
}

void kw_clv_check_options_init(kw_clv_check_options *o) {
  o->param_min = 0.005;
  o->param_max = 1e5;
  o->se_ratio = 2;
  o->alive_p = 0.99;
  o->alive_share = 0.9;
  o->holdout_error = 0.2;
}

void kw_clv_check_fit(const kw_clv_result *r, const double *x,
                      const double *T, const double *p_alive, size_t n,
                      const kw_clv_evaluation *holdout,
                      const kw_clv_check_options *o, kw_clv_check *out) {
  kw_clv_check_options def;
  if (!o) {
    kw_clv_check_options_init(&def);
    o = &def;
  }
  memset(out, 0, sizeof *out);
  out->se_ratio = NAN;
  out->alive_share = NAN;
  out->holdout_error = NAN;
  size_t rep = 0, alive = 0, posT = 0;
  for (size_t i = 0; i < n; i++) {
    if (T[i] > 0) posT++;
    if (x[i] >= 1) {
      rep++;
      if (p_alive && p_alive[i] >= o->alive_p) alive++;
    }
  }
  out->repeat_buyers = rep;
  if (rep == 0 || posT == 0) out->flags |= KW_CLV_FLAG_NO_INFO;
  if (!r->converged || r->status != KW_OK)
    out->flags |= KW_CLV_FLAG_NOT_CONVERGED;
  double worst_bound = 0;
  for (size_t k = 0; k < r->n_params; k++) {
    double p = r->params[k];
    double how = p < o->param_min ? o->param_min / fmax(p, 1e-300)
                 : p > o->param_max ? p / o->param_max
                                    : 0;
    if (how > worst_bound) {
      worst_bound = how;
      out->param = k;
    }
  }
  if (worst_bound > 0) out->flags |= KW_CLV_FLAG_BOUND;
  if (!r->se_ok) {
    out->flags |= KW_CLV_FLAG_SE;
  } else {
    double worst = 0;
    size_t wk = 0;
    for (size_t k = 0; k < r->n_params; k++) {
      double q = r->params[k] > 0 ? r->se[k] / r->params[k] : INFINITY;
      if (q > worst) worst = q, wk = k;
    }
    out->se_ratio = worst;
    if (worst > o->se_ratio) {
      out->flags |= KW_CLV_FLAG_SE;
      if (!(out->flags & KW_CLV_FLAG_BOUND)) out->param = wk;
    }
  }
  if (p_alive && rep > 0) {
    out->alive_share = (double)alive / (double)rep;
    if (out->alive_share > o->alive_share) out->flags |= KW_CLV_FLAG_ALL_ALIVE;
  }
  if (holdout && holdout->sum_actual > 0) {
    out->holdout_error =
        (holdout->sum_predicted - holdout->sum_actual) / holdout->sum_actual;
    if (fabs(out->holdout_error) > o->holdout_error)
      out->flags |= KW_CLV_FLAG_HOLDOUT;
  } else if (holdout && holdout->sum_predicted > 0.5) {
    out->holdout_error = INFINITY; /* repeat purchases predicted, none came */
    out->flags |= KW_CLV_FLAG_HOLDOUT;
  }
  out->passed = out->flags == 0;
}

/* Sum of the per-customer log-likelihood gradients at params p, from the
 * distinct patterns d with their counts as weights (the spend model, whose
 * rows are checked one by one, passes d = NULL and goes customer by
 * customer). */
static kw_status grad_sum(kw_context *ctx, kw_clv_model m, const double *p,
                          size_t np, const clv_pat *d, const double *x,
                          const double *t_x, const double *T, size_t n,
                          double *g) {
  for (size_t k = 0; k < np; k++) g[k] = 0;
  if (d) {
    double ll;
    kw_status st = clv_model_ops_of(m)->loglik(ctx, p, d, &ll, g);
    if (st == KW_ENUMERIC)
      return kw_fail_tpl(ctx, st, "model.e.clv_ll_not_finite",
                         "clv: log-likelihood not finite", NULL);
    if (st) return st;
  } else {
    for (size_t i = 0; i < n; i++) {
      double ll, gi[KW_CLV_MAX_PARAMS];
      kw_status st = kw_clv_loglik(ctx, m, p, x[i], x[i] > 0 ? t_x[i] : 0,
                                   T[i], &ll, gi);
      if (st) return st;
      for (size_t k = 0; k < np; k++) g[k] += gi[k];
    }
  }
  for (size_t k = 0; k < np; k++)
    if (!isfinite(g[k]))
      return kw_fail_tpl(ctx, KW_ENOCONV, "model.e.cov_gradient",
                         "covariance: gradient not finite", NULL);
  return KW_OK;
}

/* Invert the symmetric positive definite np x np matrix A in place
 * (Gauss-Jordan with partial pivoting); false when singular. */
static bool invert(double *A, size_t np) {
  double M[KW_CLV_MAX_PARAMS][2 * KW_CLV_MAX_PARAMS];
  for (size_t i = 0; i < np; i++)
    for (size_t j = 0; j < 2 * np; j++)
      M[i][j] = j < np ? A[i * np + j] : (j - np == i ? 1 : 0);
  for (size_t c = 0; c < np; c++) {
    size_t piv = c;
    for (size_t r = c + 1; r < np; r++)
      if (fabs(M[r][c]) > fabs(M[piv][c])) piv = r;
    if (!(fabs(M[piv][c]) > 0) || !isfinite(M[piv][c])) return false;
    if (piv != c)
      for (size_t j = 0; j < 2 * np; j++) {
        double t = M[c][j];
        M[c][j] = M[piv][j];
        M[piv][j] = t;
      }
    double d = M[c][c];
    for (size_t j = 0; j < 2 * np; j++) M[c][j] /= d;
    for (size_t r = 0; r < np; r++) {
      if (r == c) continue;
      double f = M[r][c];
      for (size_t j = 0; j < 2 * np; j++) M[r][j] -= f * M[c][j];
    }
  }
  for (size_t i = 0; i < np; i++)
    for (size_t j = 0; j < np; j++) A[i * np + j] = M[i][np + j];
  return true;
}

/* The Hessian of the summed log-likelihood by central differences of its
 * gradient over the distinct patterns (relative step 1e-4). */
static kw_status hessian(kw_context *ctx, const kw_clv_result *r,
                         const double *x, const double *t_x, const double *T,
                         size_t n, double *H) {
  size_t np = r->n_params;
  clv_pat d;
  bool have_d = r->model != KW_CLV_GG;
  kw_status st = KW_OK;
  if (have_d) {
    st = clv_check_rows(ctx, r->model, x, t_x, T, n);
    if (!st) st = clv_pat_build(ctx, x, t_x, T, NULL, NULL, n, false, false, &d);
    if (st) return st;
  }
  for (size_t j = 0; j < np && !st; j++) {
    double p[KW_CLV_MAX_PARAMS], gp[KW_CLV_MAX_PARAMS], gm[KW_CLV_MAX_PARAMS];
    double h = 1e-4 * r->params[j];
    memcpy(p, r->params, sizeof p);
    p[j] = r->params[j] + h;
    st = grad_sum(ctx, r->model, p, np, have_d ? &d : NULL, x, t_x, T, n, gp);
    if (st) break;
    p[j] = r->params[j] - h;
    st = grad_sum(ctx, r->model, p, np, have_d ? &d : NULL, x, t_x, T, n, gm);
    if (st) break;
    for (size_t i = 0; i < np; i++) H[i * np + j] = (gp[i] - gm[i]) / (2 * h);
  }
  if (have_d) clv_pat_free(ctx, &d);
  return st;
}

kw_status kw_clv_covariance(kw_context *ctx, const kw_clv_fit *f,
                            const double *x, const double *t_x,
                            const double *T, size_t n, double *cov) {
  const kw_clv_result *r = kw_clv_fit_result(f);
  size_t np = r->n_params;
  double H[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS];
  /* kw_clv_fit_model computed the same Hessian for its standard errors
   * (the same patterns, steps and gradients, so the same bits) when the
   * fit was made on these rows: reuse it */
  bool cached = r->model != KW_CLV_GG && n && x && t_x && T &&
                clv_fit_hessian(f, clv_data_key(x, t_x, T, n), n, H);
  if (!cached) {
    kw_status st = hessian(ctx, r, x, t_x, T, n, H);
    if (st) return st;
  }
  for (size_t i = 0; i < np; i++)
    for (size_t j = 0; j < np; j++)
      cov[i * np + j] = -0.5 * (H[i * np + j] + H[j * np + i]);
  if (!invert(cov, np))
    return kw_fail_tpl(ctx, KW_ENOCONV, "model.e.cov_singular",
                       "covariance: information matrix singular", NULL);
  for (size_t i = 0; i < np; i++)
    if (!(cov[i * np + i] > 0) || !isfinite(cov[i * np + i]))
      return kw_fail_tpl(ctx, KW_ENOCONV, "model.e.cov_not_pd",
                         "covariance: information matrix not positive definite",
                         NULL);
  return KW_OK;
}

static double quad(const double *d, const double *cov, size_t np) {
  double v = 0;
  for (size_t j = 0; j < np; j++)
    for (size_t k = 0; k < np; k++) v += d[j] * d[k] * cov[j * np + k];
  return v > 0 ? v : 0;
}

/* Interval of a value v with gradient variance var on the log scale. */
static void log_interval(double v, double var, double z, double *lo,
                         double *hi) {
  if (!(v > 0)) {
    *lo = *hi = v;
    return;
  }
  double s = sqrt(var) / v;
  *lo = v * exp(-z * s);
  *hi = v * exp(z * s);
}

/*
 * The predictions depend on a customer only through the pattern (x, t_x,
 * T) and, for the value, the factor margin x spend: P(alive) and the value
 * per unit of margin x spend are computed once per distinct pattern at the
 * estimate and at each of the 2 np shifted parameter points
 * (clv_pat_predict, which shares the (x, T) factor of a pattern group);
 * each customer's value, differences and quadratic forms are then formed
 * from them exactly as from per-customer predictions (the same operations
 * in the same order), so the result equals the customer-by-customer
 * computation bit for bit given the same per-pattern predictions.
 */
kw_status kw_clv_intervals(kw_context *ctx, const kw_clv_fit *f,
                           const double *cov, const double *x,
                           const double *t_x, const double *T,
                           const double *spend, size_t n,
                           const kw_clv_value_options *vo, double level,
                           kw_clv_interval_out *out) {
  if (!(level > 0 && level < 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.clv_level",
                       "intervals: level must be in (0, 1)", NULL);
  kw_clv_value_options def;
  if (!vo) {
    kw_clv_value_options_init(&def);
    vo = &def;
  }
  kw_status st = clv_value_check(ctx, f, x, t_x, T, spend, n, vo);
  if (st) return st;
  const kw_clv_result *r = kw_clv_fit_result(f);
  size_t np = r->n_params;
  double z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
  clv_pat d;
  clv_groups g = {0};
  st = clv_pat_build(ctx, x, t_x, T, NULL, NULL, n, true, false, &d);
  if (st) return st;
  size_t P = d.n ? d.n : 1;
  /* per pattern: P(alive) and value at the estimate, P(alive) at the
   * current shifted point, d P(alive)/d p_j, value at +h_j and -h_j */
  double *pa0 = kw_malloc(ctx, P * sizeof(double));
  double *u0 = kw_malloc(ctx, P * sizeof(double));
  double *pa1 = kw_malloc(ctx, P * sizeof(double));
  double *u1 = kw_malloc(ctx, P * sizeof(double));
  double *dpa = kw_malloc(ctx, P * np * sizeof(double));
  double *up = kw_malloc(ctx, P * np * sizeof(double));
  double *um = kw_malloc(ctx, P * np * sizeof(double));
  double hs[KW_CLV_MAX_PARAMS];
  if (!pa0 || !u0 || !pa1 || !u1 || !dpa || !up || !um) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = clv_groups_build(ctx, &d, &g))) goto done;
  for (size_t pt = 0; pt <= 2 * np; pt++) {
    double p[KW_CLV_MAX_PARAMS];
    memcpy(p, r->params, sizeof p);
    size_t j = pt ? (pt - 1) / 2 : 0;
    double h = 1e-4 * r->params[j];
    if (pt) p[j] = r->params[j] + (pt % 2 ? h : -h);
    double *pa = pt ? pa1 : pa0, *u = pt ? u1 : u0;
    st = clv_pat_predict(ctx, r->model, p, &d, &g, vo, pa, u);
    if (st) goto done;
    /* a prediction not computable at this point: reported for the first
     * customer who has it, as the customer-by-customer pass would */
    bool bad = false;
    for (size_t k = 0; k < d.n && !bad; k++)
      bad = !isfinite(u[k]) || !isfinite(pa[k]);
    for (size_t i = 0; bad && i < n; i++) {
      uint32_t k = d.map[i];
      if (!isfinite(u[k]) || !isfinite(pa[k])) {
        st = clv_not_computable(ctx, r->model, p, x[i], T[i]);
        goto done;
      }
    }
    if (pt == 0) continue;
    hs[j] = h;
    if (pt % 2) {
      for (size_t k = 0; k < d.n; k++) {
        dpa[k * np + j] = pa1[k];
        up[k * np + j] = u1[k];
      }
    } else {
      for (size_t k = 0; k < d.n; k++) {
        dpa[k * np + j] = (dpa[k * np + j] - pa1[k]) / (2 * h);
        um[k * np + j] = u1[k];
      }
    }
  }
  /* P(alive) intervals per pattern (pa1 and u1 now hold them) */
  double *plo = pa1, *phi = u1;
  for (size_t k = 0; k < d.n; k++) {
    double p = pa0[k];
    if (p <= 0 || p >= 1) {
      plo[k] = phi[k] = p;
    } else {
      double s = sqrt(quad(dpa + k * np, cov, np)) / (p * (1 - p));
      double lg = log(p / (1 - p));
      plo[k] = 1 / (1 + exp(-(lg - z * s)));
      phi[k] = 1 / (1 + exp(-(lg + z * s)));
    }
  }
  double dtot[KW_CLV_MAX_PARAMS] = {0};
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t k = d.map[i];
    double ms = vo->margin * spend[i];
    double v0 = u0[k] * ms, dv[KW_CLV_MAX_PARAMS];
    for (size_t j = 0; j < np; j++) {
      dv[j] = (up[k * np + j] * ms - um[k * np + j] * ms) / (2 * hs[j]);
      dtot[j] += dv[j];
    }
    total += v0;
    if (out->p_alive_lo && out->p_alive_hi) {
      out->p_alive_lo[i] = plo[k];
      out->p_alive_hi[i] = phi[k];
    }
    if (out->value_lo && out->value_hi)
      log_interval(v0, quad(dv, cov, np), z, &out->value_lo[i],
                   &out->value_hi[i]);
  }
  log_interval(total, quad(dtot, cov, np), z, &out->total_lo, &out->total_hi);
done:
  clv_groups_free(ctx, &g);
  clv_pat_free(ctx, &d);
  kw_free(ctx, pa0);
  kw_free(ctx, u0);
  kw_free(ctx, pa1);
  kw_free(ctx, u1);
  kw_free(ctx, dpa);
  kw_free(ctx, up);
  kw_free(ctx, um);
  return st;
}
