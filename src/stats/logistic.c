/*
 * logistic.c — penalised logistic regression by Newton's method, AUC and
 * calibration bins (see logistic.h).
 *
 * Newton / IRLS: with p_i = 1 / (1 + e^-eta_i) and W = diag(p_i (1 - p_i)),
 *     gradient g = X'(y - p) - l2 P b,   Hessian -H = -(X'WX + l2 P),
 * and the step d = H^-1 g solved by Cholesky (p is small: a few dozen
 * terms). A step is halved until the penalised log-likelihood does not
 * decrease (at most 40 halvings), which makes the iteration monotone even
 * from a poor start. Converged when |g| <= 1e-8 max(1, n) or the accepted
 * step changes no coefficient by more than 1e-10 (1 + |b|). The
 * log-likelihood uses log(1 + e^x) evaluated without overflow.
 * Without a penalty and with complete separation the estimates diverge;
 * the fit then stops at max_iter with KW_ENOCONV.
 *
 * AUC: ranks with ties averaged, AUC = (R1 - n1 (n1 + 1) / 2) / (n1 n0)
 * (Mann & Whitney 1947; Hanley & McNeil 1982), which counts a tied
 * positive/negative pair as one half.
 */
#include "stats/logistic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double softplus(double x) {
  return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

static double sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + exp(-x));
  double e = exp(x);
  return e / (1.0 + e);
}

/* In-place Cholesky A = L L' (lower triangle of row-major A). */
static bool chol_factor(double *A, size_t p) {
  for (size_t j = 0; j < p; j++) {
    double d = A[j * p + j];
    for (size_t k = 0; k < j; k++) d -= A[j * p + k] * A[j * p + k];
    if (!(d > 0) || !isfinite(d)) return false;
    d = sqrt(d);
    A[j * p + j] = d;
    for (size_t i = j + 1; i < p; i++) {
      double s = A[i * p + j];
      for (size_t k = 0; k < j; k++) s -= A[i * p + k] * A[j * p + k];
      A[i * p + j] = s / d;
    }
  }
  return true;
}

/* Solve L L' x = b in place. */
static void chol_solve(const double *L, double *b, size_t p) {
  for (size_t i = 0; i < p; i++) {
    double s = b[i];
    for (size_t k = 0; k < i; k++) s -= L[i * p + k] * b[k];
    b[i] = s / L[i * p + i];
  }
  for (size_t i = p; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < p; k++) s -= L[k * p + i] * b[k];
    b[i] = s / L[i * p + i];
  }
}

/* Penalised log-likelihood at beta; eta (n) filled. */
static double pen_ll(const double *X, const int8_t *y, size_t n, size_t p,
                     double l2, const uint8_t *pen, const double *beta,
                     double *eta, double *ll_out) {
  double ll = 0;
  for (size_t i = 0; i < n; i++) {
    const double *x = X + i * p;
    double e = 0;
    for (size_t j = 0; j < p; j++) e += x[j] * beta[j];
    eta[i] = e;
    ll += y[i] ? -softplus(-e) : -softplus(e);
  }
  double pn = 0;
  if (pen)
    for (size_t j = 0; j < p; j++)
      if (pen[j]) pn += beta[j] * beta[j];
  if (ll_out) *ll_out = ll;
  return ll - 0.5 * l2 * pn;
}

/* g = X'(y - p) - l2 P b and H = X'WX + l2 P (lower triangle filled, then
 * mirrored). */
static void grad_hess(const double *X, const int8_t *y, size_t n, size_t p,
                      double l2, const uint8_t *pen, const double *beta,
                      const double *eta, double *g, double *H) {
  memset(g, 0, p * sizeof *g);
  memset(H, 0, p * p * sizeof *H);
  for (size_t i = 0; i < n; i++) {
    const double *x = X + i * p;
    double pi = sigmoid(eta[i]);
    double r = (double)y[i] - pi, w = pi * (1.0 - pi);
    for (size_t j = 0; j < p; j++) {
      if (x[j] == 0.0) continue; /* dummies are mostly zero */
      g[j] += x[j] * r;
      double wx = w * x[j];
      for (size_t k = 0; k <= j; k++) H[j * p + k] += wx * x[k];
    }
  }
  for (size_t j = 0; j < p; j++) {
    if (pen && pen[j]) {
      g[j] -= l2 * beta[j];
      H[j * p + j] += l2;
    }
    for (size_t k = 0; k < j; k++) H[k * p + j] = H[j * p + k];
  }
}

kw_status kw_logit_irls(kw_context *ctx, const double *X, const int8_t *y,
                        size_t n, size_t p, double l2, const uint8_t *pen,
                        int max_iter, double *beta, double *se,
                        kw_logit_fit *fit) {
  memset(fit, 0, sizeof *fit);
  if (p == 0 || n == 0) return kw_fail(ctx, KW_EARG, "logistic: no data");
  if (!(l2 >= 0) || !isfinite(l2) || max_iter <= 0)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.logistic_options",
                       "logistic: bad l2 or max_iter", NULL);
  size_t pp;
  if (!kw_mul_size(p, p, &pp)) return kw_fail(ctx, KW_ERANGE, "too many terms");
  double *eta = kw_malloc(ctx, n * sizeof *eta);
  double *g = kw_malloc(ctx, p * sizeof *g);
  double *d = kw_malloc(ctx, p * sizeof *d);
  double *H = kw_malloc(ctx, pp * sizeof *H);
  double *bt = kw_malloc(ctx, p * sizeof *bt);
  kw_status st = KW_OK;
  if (!eta || !g || !d || !H || !bt) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  double ll;
  double f = pen_ll(X, y, n, p, l2, pen, beta, eta, &ll);
  const double gtol = 1e-8 * (n > 1 ? (double)n : 1.0);
  int it = 0;
  bool conv = false;
  double gn = 0;
  for (;;) {
    grad_hess(X, y, n, p, l2, pen, beta, eta, g, H);
    gn = 0;
    for (size_t j = 0; j < p; j++) gn += g[j] * g[j];
    gn = sqrt(gn);
    if (gn <= gtol) {
      conv = true;
      break;
    }
    if (it >= max_iter) break;
    it++;
    memcpy(d, g, p * sizeof *d);
    if (!chol_factor(H, p)) {
      st = kw_fail_tpl(
          ctx, KW_ENUMERIC, "model.e.logistic_singular",
          "logistic: singular information (collinear or constant terms)", NULL);
      goto done;
    }
    chol_solve(H, d, p);
    double t = 1.0, fn = f, lln = ll;
    int h;
    for (h = 0; h <= 40; h++, t *= 0.5) {
      for (size_t j = 0; j < p; j++) bt[j] = beta[j] + t * d[j];
      fn = pen_ll(X, y, n, p, l2, pen, bt, eta, &lln);
      if (isfinite(fn) && fn >= f - 1e-12 * fabs(f)) break;
    }
    if (h > 40) { /* no ascent along the Newton direction */
      pen_ll(X, y, n, p, l2, pen, beta, eta, NULL);
      break;
    }
    double maxrel = 0;
    for (size_t j = 0; j < p; j++) {
      double r = fabs(bt[j] - beta[j]) / (1.0 + fabs(beta[j]));
      if (r > maxrel) maxrel = r;
    }
    memcpy(beta, bt, p * sizeof *beta);
    f = fn;
    ll = lln;
    if (maxrel <= 1e-10) {
      grad_hess(X, y, n, p, l2, pen, beta, eta, g, H);
      gn = 0;
      for (size_t j = 0; j < p; j++) gn += g[j] * g[j];
      gn = sqrt(gn);
      conv = true;
      break;
    }
  }
  fit->iterations = it;
  fit->grad_norm = gn;
  fit->loglik = ll;
  fit->status = conv ? KW_OK : KW_ENOCONV;
  if (se) {
    /* H holds the information at beta (grad_hess ran last) */
    for (size_t j = 0; j < p; j++) se[j] = 0;
    if (chol_factor(H, p)) {
      for (size_t j = 0; j < p; j++) {
        memset(d, 0, p * sizeof *d);
        d[j] = 1.0;
        chol_solve(H, d, p);
        se[j] = d[j] > 0 ? sqrt(d[j]) : 0.0;
      }
    }
  }
done:
  kw_free(ctx, eta);
  kw_free(ctx, g);
  kw_free(ctx, d);
  kw_free(ctx, H);
  kw_free(ctx, bt);
  return st;
}

typedef struct scored {
  double s;
  int8_t y;
} scored;

static int cmp_scored(const void *a, const void *b) {
  double x = ((const scored *)a)->s, y = ((const scored *)b)->s;
  return (x > y) - (x < y);
}

static scored *sorted_scores(kw_context *ctx, const double *score,
                             const int8_t *label, size_t n) {
  scored *v = kw_malloc(ctx, (n ? n : 1) * sizeof *v);
  if (!v) return NULL;
  for (size_t i = 0; i < n; i++) v[i] = (scored){score[i], label[i]};
  if (n > 1) qsort(v, n, sizeof *v, cmp_scored);
  return v;
}

kw_status kw_auc_mann_whitney(kw_context *ctx, const double *score,
                              const int8_t *label, size_t n, double *auc) {
  *auc = 0.5;
  scored *v = sorted_scores(ctx, score, label, n);
  if (!v) return kw_fail_nomem(ctx);
  double r1 = 0, n1 = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    double pos = 0;
    while (j < n && v[j].s == v[i].s) pos += v[j++].y ? 1 : 0;
    /* ranks i+1 .. j share the mean rank (i + 1 + j) / 2 */
    r1 += pos * ((double)i + 1.0 + (double)j) / 2.0;
    n1 += pos;
    i = j;
  }
  double n0 = (double)n - n1;
  if (n1 > 0 && n0 > 0) *auc = (r1 - n1 * (n1 + 1.0) / 2.0) / (n1 * n0);
  kw_free(ctx, v);
  return KW_OK;
}

kw_status kw_calibration_bins(kw_context *ctx, const double *score,
                              const int8_t *label, size_t n, size_t bins,
                              uint64_t *bin_n, double *bin_pred,
                              double *bin_obs) {
  if (bins == 0) return kw_fail(ctx, KW_EARG, "calibration: no bins");
  scored *v = sorted_scores(ctx, score, label, n);
  if (!v) return kw_fail_nomem(ctx);
  for (size_t b = 0; b < bins; b++) {
    size_t lo = (size_t)((double)b * (double)n / (double)bins);
    size_t hi = (size_t)((double)(b + 1) * (double)n / (double)bins);
    if (b + 1 == bins) hi = n;
    double sp = 0, sy = 0;
    for (size_t i = lo; i < hi; i++) {
      sp += v[i].s;
      sy += v[i].y ? 1 : 0;
    }
    bin_n[b] = hi - lo;
    bin_pred[b] = hi > lo ? sp / (double)(hi - lo) : 0.0;
    bin_obs[b] = hi > lo ? sy / (double)(hi - lo) : 0.0;
  }
  kw_free(ctx, v);
  return KW_OK;
}
