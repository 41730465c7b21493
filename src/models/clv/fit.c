/*
 * fit.c — maximum-likelihood fitting of the customer-value models.
 *
 * The data are first compressed to distinct patterns (patterns.c). The
 * objective, minimised over theta = log(parameters) so every parameter
 * stays positive, is the mean negative log-likelihood per customer plus an
 * optional L2 penalty on the natural parameters:
 *     f(theta) = -LL(e^theta) / N + lambda * sum_i e^(2 theta_i),
 *     df/dtheta_i = (-dLL/dp_i / N + 2 lambda p_i) p_i,
 * with N the sum of the weights (the same convention as the lifetimes
 * package, so penalties carry over). GSL's vector_bfgs2 minimiser runs
 * from several starting points (each model's start rows) and the best end
 * point is kept, then polished by one more restart when it stopped short.
 * With more than 2 x 2048 distinct patterns (the subsample option) the
 * starting points are compared, to a looser tolerance of 1e-4, on an evenly
 * spaced subsample of 2048 patterns (same model, a
 * noisier likelihood surface with the same basins) and only the best one
 * is then taken to convergence on all patterns by Newton steps (Hessian
 * from forward differences of the gradient, Levenberg damping where it is
 * not positive definite, step halving; BFGS if that fails), so a fit of a million customers costs a few dozen evaluations
 * on all patterns, not a BFGS run per start. The objective and
 * its gradient are computed together and cached, as GSL asks for them at
 * the same point in separate calls.
 * A run counts as converged when |grad f| <= grad_tol, or when the line
 * search can make no more progress with |grad f| <= 100 grad_tol.
 *
 * Standard errors: the Hessian H of the unpenalised log-likelihood in the
 * natural parameters by central differences of the analytic gradient
 * (relative step 1e-4, symmetrised), then cov = (-H)^-1 through a Cholesky
 * factorisation; when -H is not positive definite the errors are reported
 * unavailable with that reason. AIC = -2 LL + 2k, BIC = -2 LL + k ln N.
 */
#include "models/clv/clv.h"

#include <stdio.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_multimin.h>

#define CLV_SUBSAMPLE 2048

struct kw_clv_fit {
  kw_context *ctx;
  kw_clv_result res;
  /* the Hessian of the standard errors (central differences of the
   * gradient summed over the fitted data) and a fingerprint of those data
   * (clv_data_key), so kw_clv_covariance on the same data reuses it */
  bool have_hess;
  uint64_t data_key;
  size_t data_n;
  double hess[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS];
};

static const char *const model_names[] = {
#define KW_X_CLV(e, name, np) name,
    KW_CLV_MODEL_LIST(KW_X_CLV)
#undef KW_X_CLV
};

const char *kw_clv_model_name(kw_clv_model m) {
  return (unsigned)m < KW_CLV_MODEL__COUNT ? model_names[m] : "unknown";
}

kw_clv_model kw_clv_model_from_name(const char *name) {
  for (int i = 0; name && i < KW_CLV_MODEL__COUNT; i++)
    if (strcmp(name, model_names[i]) == 0) return (kw_clv_model)i;
  return KW_CLV_MODEL__COUNT;
}

const clv_model_ops *clv_model_ops_of(kw_clv_model m) {
  switch (m) {
    case KW_CLV_BGNBD: return &clv_bgnbd_ops;
    case KW_CLV_MBGNBD: return &clv_mbgnbd_ops;
    case KW_CLV_PNBD: return &clv_pnbd_ops;
    case KW_CLV_BGBB: return &clv_bgbb_ops;
    case KW_CLV_GG: return &clv_gg_ops;
    default: return NULL;
  }
}

size_t kw_clv_model_nparams(kw_clv_model m) {
  const clv_model_ops *o = clv_model_ops_of(m);
  return o ? o->np : 0;
}

const char *const *kw_clv_model_param_names(kw_clv_model m) {
  const clv_model_ops *o = clv_model_ops_of(m);
  return o ? o->names : NULL;
}

void kw_clv_fit_options_init(kw_clv_fit_options *o) {
  memset(o, 0, sizeof *o);
  o->penalty = 0;
  o->max_iter = 400;
  o->grad_tol = 1e-6;
  o->n_starts = 4;
  o->init = NULL;
  o->corr_warn = 0.3;
  o->subsample = CLV_SUBSAMPLE;
}

const kw_clv_result *kw_clv_fit_result(const kw_clv_fit *f) {
  return f ? &f->res : NULL;
}

void kw_clv_fit_free(kw_clv_fit *f) {
  if (!f) return;
  kw_free(f->ctx, f);
}

static kw_clv_fit *fit_new(kw_context *ctx, kw_clv_model model) {
  kw_clv_fit *f = kw_calloc(ctx, 1, sizeof *f);
  if (!f) return NULL;
  const clv_model_ops *ops = clv_model_ops_of(model);
  f->ctx = ctx;
  f->res.model = model;
  f->res.n_params = ops->np;
  f->res.names = ops->names;
  f->res.se_note = "not computed";
  f->res.status = KW_OK;
  f->res.converged = true;
  return f;
}

/* ------------------------------------------------------------- objective */

typedef struct opt {
  kw_context *ctx;
  const clv_model_ops *m;
  const clv_pat *d;
  double lambda, W;
  kw_status err; /* KW_ENOMEM seen during an evaluation */
  /* the last point evaluated: GSL asks for f and its gradient at the same
   * point in separate calls */
  size_t evals;
  bool cached;
  double c_th[KW_CLV_MAX_PARAMS], c_f, c_g[KW_CLV_MAX_PARAMS];
} opt;

#define THETA_MAX 40.0
#define BAD_OBJ 1e10

static double objective(opt *o, const double *th, double *g) {
  double p[KW_CLV_MAX_PARAMS], gn[KW_CLV_MAX_PARAMS], ll;
  size_t np = o->m->np;
  bool bad = false;
  for (size_t i = 0; i < np; i++) {
    if (!(fabs(th[i]) <= THETA_MAX)) bad = true;
    p[i] = exp(th[i]);
  }
  kw_status st = bad ? KW_ENUMERIC : o->m->loglik(o->ctx, p, o->d, &ll, g ? gn : NULL);
  if (st == KW_ENOMEM) o->err = st;
  double f = 0;
  if (st == KW_OK) {
    f = -ll / o->W;
    for (size_t i = 0; i < np; i++) f += o->lambda * p[i] * p[i];
    if (g)
      for (size_t i = 0; i < np; i++) {
        g[i] = (-gn[i] / o->W + 2 * o->lambda * p[i]) * p[i];
        if (!isfinite(g[i])) st = KW_ENUMERIC;
      }
  }
  if (st != KW_OK || !isfinite(f)) {
    /* outside the region where the likelihood is computable: a large
     * value that pulls back towards theta = 0 */
    f = BAD_OBJ;
    if (g)
      for (size_t i = 0; i < np; i++) g[i] = th[i];
  }
  return f;
}

static double cached_eval(opt *o, const gsl_vector *v, double *g) {
  size_t np = o->m->np;
  double th[KW_CLV_MAX_PARAMS];
  for (size_t i = 0; i < np; i++) th[i] = gsl_vector_get(v, i);
  if (!o->cached || memcmp(th, o->c_th, np * sizeof *th) != 0) {
    o->c_f = objective(o, th, o->c_g);
    o->evals++;
    memcpy(o->c_th, th, np * sizeof *th);
    o->cached = true;
  }
  if (g) memcpy(g, o->c_g, np * sizeof *g);
  return o->c_f;
}

static double gsl_f(const gsl_vector *v, void *vp) {
  return cached_eval(vp, v, NULL);
}

static void gsl_df(const gsl_vector *v, void *vp, gsl_vector *g) {
  opt *o = vp;
  double gg[KW_CLV_MAX_PARAMS];
  cached_eval(o, v, gg);
  for (size_t i = 0; i < o->m->np; i++) gsl_vector_set(g, i, gg[i]);
}

static void gsl_fdf(const gsl_vector *v, void *vp, double *f, gsl_vector *g) {
  opt *o = vp;
  double gg[KW_CLV_MAX_PARAMS];
  *f = cached_eval(o, v, gg);
  for (size_t i = 0; i < o->m->np; i++) gsl_vector_set(g, i, gg[i]);
}

typedef struct run {
  double th[KW_CLV_MAX_PARAMS];
  double f, gnorm;
  size_t iter;
  bool converged;
} run;

/* One BFGS run from th0. */
static kw_status bfgs_run(opt *o, const double *th0, int max_iter,
                          double tol, run *out) {
  size_t np = o->m->np;
  gsl_multimin_function_fdf F = {gsl_f, gsl_df, gsl_fdf, np, o};
  gsl_vector *x0 = gsl_vector_alloc(np);
  gsl_multimin_fdfminimizer *s =
      gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, np);
  if (!x0 || !s) {
    if (x0) gsl_vector_free(x0);
    if (s) gsl_multimin_fdfminimizer_free(s);
    return kw_fail_nomem(o->ctx);
  }
  for (size_t i = 0; i < np; i++) gsl_vector_set(x0, i, th0[i]);
  int st = gsl_multimin_fdfminimizer_set(s, &F, x0, 0.05, 0.1);
  size_t it = 0;
  double gnorm = gsl_blas_dnrm2(s->gradient);
  bool conv = st == GSL_SUCCESS && gnorm <= tol && s->f < BAD_OBJ;
  while (st == GSL_SUCCESS && !conv && it < (size_t)max_iter) {
    it++;
    st = gsl_multimin_fdfminimizer_iterate(s);
    gnorm = gsl_blas_dnrm2(s->gradient);
    if (gnorm <= tol && s->f < BAD_OBJ) conv = true;
  }
  if (!conv && st == GSL_ENOPROG && gnorm <= 100 * tol && s->f < BAD_OBJ)
    conv = true;
  for (size_t i = 0; i < np; i++) out->th[i] = gsl_vector_get(s->x, i);
  out->f = s->f;
  out->gnorm = gnorm;
  out->iter = it;
  out->converged = conv;
  gsl_multimin_fdfminimizer_free(s);
  gsl_vector_free(x0);
  return o->err;
}

/* Cholesky of an n x n symmetric matrix in place (lower); false if not
 * positive definite. */
static bool cholesky(double *A, size_t n) {
  for (size_t j = 0; j < n; j++) {
    double d = A[j * n + j];
    for (size_t k = 0; k < j; k++) d -= A[j * n + k] * A[j * n + k];
    if (!(d > 0)) return false;
    d = sqrt(d);
    A[j * n + j] = d;
    for (size_t i = j + 1; i < n; i++) {
      double v = A[i * n + j];
      for (size_t k = 0; k < j; k++) v -= A[i * n + k] * A[j * n + k];
      A[i * n + j] = v / d;
    }
  }
  return true;
}

/* Diagonal of the inverse from the Cholesky factor L (A = L L^T). */
static void chol_inv_diag(const double *L, size_t n, double *diag) {
  double e[KW_CLV_MAX_PARAMS], y[KW_CLV_MAX_PARAMS];
  for (size_t c = 0; c < n; c++) {
    for (size_t i = 0; i < n; i++) e[i] = i == c ? 1 : 0;
    for (size_t i = 0; i < n; i++) { /* L y = e */
      double v = e[i];
      for (size_t k = 0; k < i; k++) v -= L[i * n + k] * y[k];
      y[i] = v / L[i * n + i];
    }
    for (size_t ii = n; ii-- > 0;) { /* L^T z = y */
      double v = y[ii];
      for (size_t k = ii + 1; k < n; k++) v -= L[k * n + ii] * y[k];
      y[ii] = v / L[ii * n + ii];
    }
    diag[c] = y[c];
  }
}

/* Solve L L^T x = b. */
static void chol_solve(const double *L, size_t n, const double *b, double *x) {
  double y[KW_CLV_MAX_PARAMS];
  for (size_t i = 0; i < n; i++) {
    double v = b[i];
    for (size_t k = 0; k < i; k++) v -= L[i * n + k] * y[k];
    y[i] = v / L[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    double v = y[i];
    for (size_t k = i + 1; k < n; k++) v -= L[k * n + i] * x[k];
    x[i] = v / L[i * n + i];
  }
}

/*
 * Newton's method on the objective from a point already near the optimum
 * (the best start on the subsample): Hessian by forward differences of the
 * analytic gradient, step halving until the objective decreases. Converges
 * in a few iterations where BFGS would first have to learn the curvature.
 * Where the Hessian is not positive definite a multiple of the identity is
 * added (Levenberg). Returns false (leaving out untouched) when no step
 * helps; the caller then runs BFGS.
 */
static bool newton_run(opt *o, const double *th0, double tol, run *out) {
  size_t np = o->m->np;
  double th[KW_CLV_MAX_PARAMS], g[KW_CLV_MAX_PARAMS];
  memcpy(th, th0, np * sizeof *th);
  double f = objective(o, th, g);
  o->evals++;
  if (f >= BAD_OBJ) return false;
  for (size_t it = 1; it <= 30; it++) {
    double H[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS] = {0};
    for (size_t j = 0; j < np; j++) {
      double tj[KW_CLV_MAX_PARAMS], gj[KW_CLV_MAX_PARAMS], h = 1e-5;
      memcpy(tj, th, np * sizeof *tj);
      tj[j] += h;
      if (objective(o, tj, gj) >= BAD_OBJ) return false;
      o->evals++;
      for (size_t i = 0; i < np; i++) H[i * np + j] = (gj[i] - g[i]) / h;
    }
    for (size_t i = 0; i < np; i++)
      for (size_t j = 0; j < i; j++)
        H[i * np + j] = H[j * np + i] = 0.5 * (H[i * np + j] + H[j * np + i]);
    /* Levenberg damping where the surface is not convex (Pareto/NBD's
     * s-beta ridge): H + mu I with mu growing until positive definite */
    double H0[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS], hmax = 0;
    memcpy(H0, H, sizeof H);
    for (size_t i = 0; i < np; i++) hmax = fmax(hmax, fabs(H0[i * np + i]));
    bool pd = cholesky(H, np);
    for (double mu = 1e-8 * (1 + hmax); !pd && mu < 1e3 * (1 + hmax);
         mu *= 10) {
      memcpy(H, H0, sizeof H);
      for (size_t i = 0; i < np; i++) H[i * np + i] += mu;
      pd = cholesky(H, np);
    }
    if (!pd) return false;
    double step[KW_CLV_MAX_PARAMS], mg[KW_CLV_MAX_PARAMS];
    for (size_t i = 0; i < np; i++) mg[i] = -g[i];
    chol_solve(H, np, mg, step);
    double lam = 1, fn = BAD_OBJ, tn[KW_CLV_MAX_PARAMS], gn[KW_CLV_MAX_PARAMS];
    for (int k = 0; k < 20; k++, lam *= 0.5) {
      for (size_t i = 0; i < np; i++) tn[i] = th[i] + lam * step[i];
      fn = objective(o, tn, gn);
      o->evals++;
      if (fn <= f) break;
    }
    if (!(fn <= f)) return false;
    memcpy(th, tn, np * sizeof *th);
    memcpy(g, gn, np * sizeof *g);
    f = fn;
    double gnorm = 0;
    for (size_t i = 0; i < np; i++) gnorm += g[i] * g[i];
    gnorm = sqrt(gnorm);
    if (gnorm <= tol) {
      memcpy(out->th, th, np * sizeof *th);
      out->f = f;
      out->gnorm = gnorm;
      out->iter = it;
      out->converged = true;
      return true;
    }
  }
  return false;
}

static kw_status standard_errors(kw_context *ctx, const clv_model_ops *m,
                                 const clv_pat *d, kw_clv_fit *f) {
  kw_clv_result *res = &f->res;
  size_t np = m->np;
  bool finite = true;
  double H[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS];
  double p[KW_CLV_MAX_PARAMS], gp[KW_CLV_MAX_PARAMS], gm[KW_CLV_MAX_PARAMS];
  for (size_t j = 0; j < np; j++) {
    double h = 1e-4 * res->params[j], ll;
    memcpy(p, res->params, sizeof p);
    p[j] = res->params[j] + h;
    kw_status st = m->loglik(ctx, p, d, &ll, gp);
    if (st == KW_OK) {
      p[j] = res->params[j] - h;
      st = m->loglik(ctx, p, d, &ll, gm);
    }
    if (st == KW_ENOMEM) return st;
    if (st != KW_OK) {
      res->se_note = "log-likelihood not computable near the estimate";
      return KW_OK;
    }
    for (size_t i = 0; i < np; i++) {
      H[i * np + j] = (gp[i] - gm[i]) / (2 * h);
      finite = finite && isfinite(gp[i]) && isfinite(gm[i]);
    }
  }
  if (finite) {
    memcpy(f->hess, H, np * np * sizeof *H);
    f->have_hess = true;
  }
  double A[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS];
  for (size_t i = 0; i < np; i++)
    for (size_t j = 0; j < np; j++)
      A[i * np + j] = -0.5 * (H[i * np + j] + H[j * np + i]);
  if (!cholesky(A, np)) {
    res->se_note = "Hessian not positive definite";
    return KW_OK;
  }
  double diag[KW_CLV_MAX_PARAMS];
  chol_inv_diag(A, np, diag);
  for (size_t i = 0; i < np; i++) {
    if (!(diag[i] > 0) || !isfinite(diag[i])) {
      res->se_note = "covariance not finite";
      return KW_OK;
    }
  }
  for (size_t i = 0; i < np; i++) res->se[i] = sqrt(diag[i]);
  res->se_ok = true;
  res->se_note = "";
  return KW_OK;
}

static kw_status fit_patterns(kw_context *ctx, const clv_model_ops *m,
                              const clv_pat *d, const kw_clv_fit_options *o,
                              kw_clv_fit *f) {
  kw_clv_result *res = &f->res;
  size_t np = m->np;
  /* On large data the starting points are compared on an evenly spaced
   * subsample of the patterns; only the best is then run on all of them. */
  clv_pat sub;
  const clv_pat *ds = d;
  size_t nsub = o->subsample ? o->subsample : CLV_SUBSAMPLE;
  if (nsub < 256) nsub = 256;
  bool have_sub = nsub <= SIZE_MAX / 2 && d->n > 2 * nsub;
  if (have_sub) {
    kw_status st = clv_pat_subsample(ctx, d, nsub, &sub);
    if (st != KW_OK) return st;
    ds = &sub;
  }
  opt os = {ctx, m, ds, o->penalty, ds->total_w, KW_OK, 0, false, {0}, 0, {0}};
  size_t nst = o->n_starts < 1 ? 1 : o->n_starts > 8 ? 8 : o->n_starts;
  /* on a subsample the starts only have to find the basin: a loose
   * tolerance, then Newton steps from the best to grad_tol on all */
  double loose = have_sub ? fmax(o->grad_tol, 1e-4) : o->grad_tol;
  run best = {{0}, INFINITY, INFINITY, 0, false};
  size_t tried = 0;
  kw_status st = KW_OK;
  for (size_t k = 0; k < nst + (o->init ? 1 : 0) && st == KW_OK; k++) {
    double p0[KW_CLV_MAX_PARAMS], th0[KW_CLV_MAX_PARAMS];
    bool usable = true;
    if (o->init && k == 0) memcpy(p0, o->init, np * sizeof *p0);
    else m->start(d, o->init ? k - 1 : k, p0);
    for (size_t i = 0; i < np; i++) {
      if (!(p0[i] > 0) || !isfinite(p0[i])) usable = false;
      th0[i] = log(p0[i]);
    }
    if (!usable) continue;
    if (objective(&os, th0, NULL) >= BAD_OBJ) continue;
    run r;
    /* on a subsample only the basin matters: a looser tolerance */
    st = bfgs_run(&os, th0, o->max_iter, loose, &r);
    tried++;
    if (st == KW_OK && r.f < best.f) best = r;
  }
  size_t n_sub = ds->n;
  if (have_sub) clv_pat_free(ctx, &sub);
  if (st != KW_OK) return st;
  if (!isfinite(best.f) || best.f >= BAD_OBJ)
    return kw_fail_tpl(
        ctx, KW_ENUMERIC, "model.e.clv_ll_start",
        "{model}: the log-likelihood is not finite at any starting point",
        "model", kw_clv_model_name(m->id), NULL);
  opt ob = {ctx, m, d, o->penalty, d->total_w, KW_OK, 0, false, {0}, 0, {0}};
  run r;
  if (have_sub && newton_run(&ob, best.th, o->grad_tol, &r)) {
    r.iter += best.iter;
    best = r;
  } else if (ob.err != KW_OK) {
    return ob.err;
  } else if (have_sub || !best.converged) {
    /* all patterns (or a polish: BFGS restarted from the best point) */
    st = bfgs_run(&ob, best.th, o->max_iter, o->grad_tol, &r);
    if (st != KW_OK) return st;
    if (have_sub || r.f <= best.f) {
      r.iter += best.iter;
      best = r;
    }
  }
  kw_log(ctx, KW_LOG_DEBUG,
         "%s: %zu evaluations on %zu patterns, %zu on a subsample of %zu",
         kw_clv_model_name(m->id), ob.evals, d->n, os.evals, n_sub);
  for (size_t i = 0; i < np; i++) res->params[i] = exp(best.th[i]);
  double ll;
  st = m->loglik(ctx, res->params, d, &ll, NULL);
  if (st == KW_ENOMEM) return st;
  if (st != KW_OK)
    return kw_fail_tpl(ctx, KW_ENUMERIC, "model.e.clv_ll_estimate",
                       "{model}: log-likelihood not finite at the estimate",
                       "model", kw_clv_model_name(m->id), NULL);
  res->loglik = ll;
  res->iterations = best.iter;
  res->starts = tried;
  res->grad_norm = best.gnorm;
  res->converged = best.converged;
  res->status = best.converged ? KW_OK : KW_ENOCONV;
  res->n_obs = d->total_w;
  res->n_patterns = d->n;
  res->penalty = o->penalty;
  res->aic = -2 * ll + 2.0 * (double)np;
  res->bic = -2 * ll + (double)np * log(d->total_w > 1 ? d->total_w : 1);
  if (!best.converged) {
    char g[40], n[24];
    snprintf(g, sizeof g, "%c%.3g", KW_MSGV_DECIMAL, best.gnorm);
    snprintf(n, sizeof n, "%zu", best.iter);
    kw_warn_tpl(ctx, "model.w.clv_noconv",
                "{model} fit did not converge: gradient norm {g} after {n} "
                "iterations",
                "model", kw_clv_model_name(m->id), "g", g, "n", n, NULL);
  }
  return standard_errors(ctx, m, d, f);
}

/* ------------------------------------------------------------ validation */

static bool whole(double v) { return v == floor(v); }

kw_status clv_check_rows(kw_context *ctx, kw_clv_model model, const double *x,
                         const double *t_x, const double *T, size_t n) {
  if (n && (!x || !t_x || !T))
    return kw_fail(ctx, KW_EARG, "clv: missing input array");
  for (size_t i = 0; i < n; i++) {
    double xi = x[i], ti = t_x[i], Ti = T[i];
    if (!isfinite(xi) || !isfinite(ti) || !isfinite(Ti))
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_not_finite",
                         "clv: row {row}: value not finite", "row",
                         KW_NUM_U(i + 1), NULL);
    if (xi < 0 || !whole(xi))
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_x",
                         "clv: row {row}: x = {x} is not a whole number >= 0",
                         "row", KW_NUM_U(i + 1), "x", KW_NUM_G(xi), NULL);
    if (Ti < 0 || (xi > 0 && (ti < 0 || ti > Ti)))
      return kw_fail_tpl(
          ctx, KW_EINPUT, "model.e.clv_row_t_x",
          "clv: row {row}: need 0 <= t_x <= T (t_x = {t_x}, T = {T})", "row",
          KW_NUM_U(i + 1), "t_x", KW_NUM_G(ti), "T", KW_NUM_G(Ti), NULL);
    if (model == KW_CLV_BGBB) {
      if (!whole(Ti) || (xi > 0 && !whole(ti)))
        return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_bgbb_whole",
                           "clv: row {row}: bgbb needs whole t_x and n", "row",
                           KW_NUM_U(i + 1), NULL);
      if (xi > Ti || (xi > 0 && ti < xi))
        return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_bgbb_order",
                           "clv: row {row}: bgbb needs x <= t_x <= n", "row",
                           KW_NUM_U(i + 1), NULL);
    }
  }
  return KW_OK;
}

static kw_status check_weights(kw_context *ctx, const double *w, size_t n) {
  for (size_t i = 0; w && i < n; i++)
    if (!(w[i] >= 0) || !isfinite(w[i]))
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_weight",
                         "clv: row {row}: bad weight", "row", KW_NUM_U(i + 1),
                         NULL);
  return KW_OK;
}

/*
 * Data that carry no information about the parameters are not fitted: when
 * no customer has been watched for any time after the first purchase
 * (every T = 0) or no customer repeats (every x = 0), the likelihood is
 * maximised at the edge of the parameter space (purchase rate 0, or no
 * time at all), the optimiser would stop at once where it started, and
 * every prediction would restate the starting point. KW_EEMPTY with the
 * reason instead.
 */
static kw_status check_information(kw_context *ctx, kw_clv_model model,
                                   const clv_pat *d) {
  double wT = 0, wx = 0;
  for (size_t j = 0; j < d->n; j++) {
    if (d->w[j] <= 0) continue;
    if (d->T[j] > 0) wT += d->w[j];
    if (d->x[j] > 0) wx += d->w[j];
  }
  const char *name = kw_clv_model_name(model);
  char n[32];
  snprintf(n, sizeof n, "%.0f", d->total_w);
  if (!(wT > 0))
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.clv_no_time",
                       "{model}: no information to fit: every customer made "
                       "the first purchase at the end of the calibration "
                       "period (T = 0 for all {n}), so no time was observed "
                       "in which to buy again; choose a later as-of date",
                       "model", name, "n", n, NULL);
  if (!(wx > 0))
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.clv_no_repeat",
                       "{model}: no information to fit: none of the {n} "
                       "customers made a repeat purchase, so the "
                       "repeat-purchase rate cannot be estimated (the best "
                       "fit is a rate of 0)",
                       "model", name, "n", n, NULL);
  return KW_OK;
}

kw_status kw_clv_fit_model(kw_context *ctx, kw_clv_model model,
                           const double *x, const double *t_x, const double *T,
                           const double *weight, size_t n,
                           const kw_clv_fit_options *o, kw_clv_fit **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  *out = NULL;
  kw_clv_fit_options defaults;
  if (!o) {
    kw_clv_fit_options_init(&defaults);
    o = &defaults;
  }
  if (model == KW_CLV_GG || !clv_model_ops_of(model))
    return kw_fail(ctx, KW_EARG, "clv: not a purchase model: %s",
                   kw_clv_model_name(model));
  if (!(o->penalty >= 0))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.clv_penalty",
                       "clv: penalty must be >= 0", NULL);
  kw_status st = clv_check_rows(ctx, model, x, t_x, T, n);
  if (st == KW_OK) st = check_weights(ctx, weight, n);
  if (st != KW_OK) return st;
  clv_pat d;
  st = clv_pat_build(ctx, x, t_x, T, weight, NULL, n, false, false, &d);
  if (st != KW_OK) return st;
  if (!(d.total_w > 0)) {
    clv_pat_free(ctx, &d);
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.clv_no_customers",
                       "clv: no customers to fit", NULL);
  }
  st = check_information(ctx, model, &d);
  if (st != KW_OK) {
    clv_pat_free(ctx, &d);
    return st;
  }
  kw_clv_fit *f = fit_new(ctx, model);
  if (!f) {
    clv_pat_free(ctx, &d);
    return kw_fail_nomem(ctx);
  }
  st = fit_patterns(ctx, clv_model_ops_of(model), &d, o, f);
  clv_pat_free(ctx, &d);
  if (st != KW_OK) {
    kw_clv_fit_free(f);
    return st;
  }
  /* unweighted rows are what kw_clv_covariance sums over */
  if (!weight) {
    f->data_key = clv_data_key(x, t_x, T, n);
    f->data_n = n;
  } else {
    f->have_hess = false;
  }
  *out = f;
  return KW_OK;
}

kw_status kw_clv_fit_spend(kw_context *ctx, const double *x,
                           const double *zbar, const double *weight, size_t n,
                           const kw_clv_fit_options *o, kw_clv_fit **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  *out = NULL;
  kw_clv_fit_options defaults;
  if (!o) {
    kw_clv_fit_options_init(&defaults);
    o = &defaults;
  }
  if (n && (!x || !zbar)) return kw_fail(ctx, KW_EARG, "gg: missing input");
  kw_status st = check_weights(ctx, weight, n);
  if (st != KW_OK) return st;
  unsigned char *keep = kw_malloc(ctx, n ? n : 1);
  if (!keep) return kw_fail_nomem(ctx);
  /* weighted moments for the correlation check */
  double sw = 0, mx = 0, mz = 0;
  for (size_t i = 0; i < n; i++) {
    keep[i] = isfinite(x[i]) && x[i] >= 1 && whole(x[i]) && isfinite(zbar[i]) &&
              zbar[i] > 0;
    if (!keep[i]) continue;
    double w = weight ? weight[i] : 1;
    sw += w;
    mx += w * x[i];
    mz += w * zbar[i];
  }
  if (!(sw > 0)) {
    kw_free(ctx, keep);
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.gg_no_repeat",
                       "gg: no repeat buyers with spend > 0", NULL);
  }
  mx /= sw;
  mz /= sw;
  double sxx = 0, szz = 0, sxz = 0;
  for (size_t i = 0; i < n; i++) {
    if (!keep[i]) continue;
    double w = weight ? weight[i] : 1, dx = x[i] - mx, dz = zbar[i] - mz;
    sxx += w * dx * dx;
    szz += w * dz * dz;
    sxz += w * dx * dz;
  }
  double corr = sxx > 0 && szz > 0 ? sxz / sqrt(sxx * szz) : 0;
  clv_pat d;
  st = clv_pat_build(ctx, x, zbar, zbar, weight, keep, n, false, false, &d);
  kw_free(ctx, keep);
  if (st != KW_OK) return st;
  /* T is not used by the spend model: patterns keyed on (x, zbar); the
   * log of zbar is computed once here */
  d.aux = kw_malloc(ctx, (d.n ? d.n : 1) * sizeof *d.aux);
  if (!d.aux) {
    clv_pat_free(ctx, &d);
    return kw_fail_nomem(ctx);
  }
  for (size_t j = 0; j < d.n; j++) d.aux[j] = log(d.tx[j]);
  kw_clv_fit *f = fit_new(ctx, KW_CLV_GG);
  if (!f) {
    clv_pat_free(ctx, &d);
    return kw_fail_nomem(ctx);
  }
  f->res.spend_corr = corr;
  f->res.spend_mean = mz;
  double cw = o->corr_warn > 0 ? o->corr_warn : 0.3;
  if (fabs(corr) > cw) {
    char r[40];
    snprintf(r, sizeof r, "%c%.3f", KW_MSGV_DECIMAL, corr);
    kw_warn_tpl(ctx, "model.w.gg_corr",
                "gg: spend and frequency are correlated (r = {r}); the "
                "Gamma-Gamma model assumes they are independent",
                "r", r, NULL);
  }
  st = fit_patterns(ctx, &clv_gg_ops, &d, o, f);
  clv_pat_free(ctx, &d);
  if (st != KW_OK) {
    kw_clv_fit_free(f);
    return st;
  }
  *out = f;
  return KW_OK;
}

kw_status kw_clv_fit_from_params(kw_context *ctx, kw_clv_model model,
                                 const double *params, kw_clv_fit **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  *out = NULL;
  const clv_model_ops *m = clv_model_ops_of(model);
  if (!m || !params) return kw_fail(ctx, KW_EARG, "clv: bad model or params");
  for (size_t i = 0; i < m->np; i++)
    if (!(params[i] > 0) || !isfinite(params[i]))
      return kw_fail(ctx, KW_EARG, "clv: parameter %s must be > 0",
                     m->names[i]);
  kw_clv_fit *f = fit_new(ctx, model);
  if (!f) return kw_fail_nomem(ctx);
  memcpy(f->res.params, params, m->np * sizeof *params);
  f->res.se_note = "no data";
  *out = f;
  return KW_OK;
}

kw_status kw_clv_loglik(kw_context *ctx, kw_clv_model model,
                        const double *params, double x, double t_x, double T,
                        double *ll, double *grad) {
  const clv_model_ops *m = clv_model_ops_of(model);
  if (!m || !params || !ll) return kw_fail(ctx, KW_EARG, "clv: bad argument");
  for (size_t i = 0; i < m->np; i++)
    if (!(params[i] > 0) || !isfinite(params[i]))
      return kw_fail(ctx, KW_EARG, "clv: parameter %s must be > 0",
                     m->names[i]);
  kw_status st;
  if (model == KW_CLV_GG) {
    if (!(x >= 1) || !(t_x > 0))
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.gg_row",
                         "gg: need x >= 1 and zbar > 0", NULL);
    T = t_x;
    st = KW_OK;
  } else {
    st = clv_check_rows(ctx, model, &x, &t_x, &T, 1);
  }
  if (st != KW_OK) return st;
  clv_pat d;
  st = clv_pat_build(ctx, &x, &t_x, &T, NULL, NULL, 1, false, false, &d);
  if (st != KW_OK) return st;
  st = m->loglik(ctx, params, &d, ll, grad);
  clv_pat_free(ctx, &d);
  if (st == KW_ENUMERIC)
    return kw_fail_tpl(ctx, st, "model.e.clv_ll_not_finite",
                       "clv: log-likelihood not finite", NULL);
  return st;
}

const kw_clv_result *clv_fit_res(const kw_clv_fit *f) { return &f->res; }

static uint64_t key_bits(double v) {
  if (v == 0) v = 0; /* fold -0.0, as the patterns do */
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  return u;
}

uint64_t clv_data_key(const double *x, const double *t_x, const double *T,
                      size_t n) {
  uint64_t h = 0x6a09e667f3bcc909ULL ^ (uint64_t)n;
  for (size_t i = 0; i < n; i++) {
    uint64_t a = key_bits(x[i]), b = key_bits(x[i] == 0 ? 0 : t_x[i]),
             c = key_bits(T[i]);
    uint64_t z = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL) ^
                 (c * 0x165667b19e3779f9ULL);
    z ^= z >> 29;
    h = (h ^ z) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
  }
  return h;
}

bool clv_fit_hessian(const kw_clv_fit *f, uint64_t key, size_t n, double *H) {
  if (!f->have_hess || f->data_key != key || f->data_n != n) return false;
  size_t np = f->res.n_params;
  memcpy(H, f->hess, np * np * sizeof *H);
  return true;
}

kw_status kw_clv_fit_auto(kw_context *ctx, const double *x, const double *t_x,
                          const double *T, const double *weight, size_t n,
                          const kw_clv_fit_options *o, kw_clv_fit **out,
                          kw_clv_comparison *cmp) {
  if (!out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  *out = NULL;
  static const kw_clv_model models[3] = {KW_CLV_BGNBD, KW_CLV_MBGNBD,
                                         KW_CLV_PNBD};
  kw_clv_comparison c;
  memset(&c, 0, sizeof c);
  c.n_models = 3;
  c.best = KW_CLV_MODEL__COUNT;
  kw_clv_fit *best = NULL;
  kw_status last = KW_OK;
  for (int i = 0; i < 3; i++) {
    kw_clv_fit *f = NULL;
    c.model[i] = models[i];
    kw_status st = kw_clv_fit_model(ctx, models[i], x, t_x, T, weight, n, o, &f);
    c.status[i] = st;
    if (st == KW_ENOMEM || st == KW_EINPUT || st == KW_EARG ||
        st == KW_EEMPTY) {
      kw_clv_fit_free(best);
      return st;
    }
    if (st != KW_OK) {
      last = st;
      char reason[KW_ERRMSG_MAX];
      kw_warn_tpl(ctx, "model.w.clv_auto_unfitted",
                  "auto: {model} could not be fitted: {reason}", "model",
                  kw_clv_model_name(models[i]), "reason",
                  kw_err_value(ctx, reason, sizeof reason), NULL);
      continue;
    }
    c.converged[i] = f->res.converged;
    c.loglik[i] = f->res.loglik;
    c.aic[i] = f->res.aic;
    c.bic[i] = f->res.bic;
    if (!best || f->res.bic < best->res.bic) {
      kw_clv_fit_free(best);
      best = f;
      c.best = models[i];
    } else {
      kw_clv_fit_free(f);
    }
  }
  if (cmp) *cmp = c;
  if (!best) return last != KW_OK ? last : KW_ENUMERIC;
  *out = best;
  return KW_OK;
}
