/*
 * Unit tests: customer-value models. Likelihoods of single customers by
 * hand from the papers' formulas, analytic gradients against central
 * finite differences, a second numerical method (Simpson's rule) for the
 * Pareto/NBD integral and the BG/NBD expectation (including the
 * quadrature fallbacks near z = 1), edge cases (x = 0, T tiny, x = 10^4),
 * and the bookkeeping of fits, predictions and evaluation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "klantwijs.h"

#define NEAR(a, b, tol)                                                  \
  do {                                                                   \
    double a_ = (a), b_ = (b);                                           \
    if (!(fabs(a_ - b_) <= (tol))) {                                     \
      print_error("%s = %.12g, expected %.12g (tol %g)\n", #a, a_, b_,   \
                  (double)(tol));                                        \
      fail();                                                            \
    }                                                                    \
  } while (0)

static double ll1(kw_clv_model m, const double *p, double x, double tx,
                  double T) {
  kw_context *ctx = kw_context_new();
  double ll = NAN;
  assert_int_equal(kw_clv_loglik(ctx, m, p, x, tx, T, &ll, NULL), KW_OK);
  kw_context_free(ctx);
  return ll;
}

/* ------------------------------------------------- hand-computed values */

static void test_bgnbd_by_hand(void **state) {
  (void)state;
  /* FHL 2005 eq. 6 with r = alpha = a = b = 1, x = 1, t_x = 2, T = 5:
   * Gamma(2)/Gamma(1) = 1; B(1,2)/B(1,1) = 1/2; (1+5)^-2 = 1/36;
   * B(2,1)/B(1,1) = 1/2; (1+2)^-2 = 1/9.
   * L = 1/72 + 4/72 = 5/72. */
  double p1[4] = {1, 1, 1, 1};
  NEAR(ll1(KW_CLV_BGNBD, p1, 1, 2, 5), log(5.0 / 72), 1e-12);
  /* x = 0: only the first branch, B(1,1)/B(1,1) (1+5)^-1 = 1/6. */
  NEAR(ll1(KW_CLV_BGNBD, p1, 0, 0, 5), log(1.0 / 6), 1e-12);
  /* r = 0.5, alpha = 2, a = 0.5, b = 1.5, x = 2, t_x = 3, T = 6:
   * Gamma(2.5)/Gamma(0.5) = 1.5 * 0.5 = 0.75, alpha^r = sqrt 2,
   * B(0.5,3.5)/B(0.5,1.5) = Gamma(3.5)Gamma(2)/(Gamma(1.5)Gamma(4))
   *                       = 2.5 * 1.5 / 6 = 0.625,
   * B(1.5,2.5)/B(0.5,1.5) = Gamma(2.5)Gamma(2)/(Gamma(0.5)Gamma(4))
   *                       = 0.75 / 6 = 0.125,
   * L = 0.75 sqrt2 (0.625 * 8^-2.5 + 0.125 * 5^-2.5). */
  double p2[4] = {0.5, 2, 0.5, 1.5};
  double L = 0.75 * sqrt(2) * (0.625 * pow(8, -2.5) + 0.125 * pow(5, -2.5));
  NEAR(ll1(KW_CLV_BGNBD, p2, 2, 3, 6), log(L), 1e-12);
}

static void test_mbgnbd_by_hand(void **state) {
  (void)state;
  /* Batislam et al. 2007 with r = alpha = a = b = 1, x = 1, t_x = 2, T = 5:
   * B(1,3)/B(1,1) = 1/3 times 6^-2, plus B(2,2)/B(1,1) = 1/6 times 3^-2:
   * L = 1/108 + 2/108 = 1/36. */
  double p[4] = {1, 1, 1, 1};
  NEAR(ll1(KW_CLV_MBGNBD, p, 1, 2, 5), log(1.0 / 36), 1e-12);
  /* x = 0, T = 5: still alive B(1,2) = 1/2 times 6^-1, or dropped at the
   * first purchase B(2,1) = 1/2 times (1+0)^-1: L = 1/12 + 1/2 = 7/12
   * (the BG/NBD gives 1/6 here: the second branch is the difference). */
  NEAR(ll1(KW_CLV_MBGNBD, p, 0, 0, 5), log(7.0 / 12), 1e-12);
}

static void test_pnbd_by_hand(void **state) {
  (void)state;
  /* Fader & Hardie (2005) with r = alpha = s = beta = 1, x = 1, t_x = 2,
   * T = 5. With alpha = beta the integral is elementary:
   * s int_2^5 (1+u)^-4 du = [3^-3 - 6^-3]/3 = 7/648;
   * first branch 6^-2 6^-1 = 1/216 = 3/648: L = 10/648 = 5/324. */
  double p[4] = {1, 1, 1, 1};
  NEAR(ll1(KW_CLV_PNBD, p, 1, 2, 5), log(5.0 / 324), 1e-12);
}

static void test_bgbb_by_hand(void **state) {
  (void)state;
  /* FHS 2010 eq. 5, alpha = beta = gamma = delta = 1, x = 1, t_x = 1,
   * n = 2: B(2,2) B(1,3) = (1/6)(1/3) = 1/18 and the i = 0 term
   * B(2,1) B(2,2) = (1/2)(1/6) = 1/12: L = 5/36. */
  double p[4] = {1, 1, 1, 1};
  NEAR(ll1(KW_CLV_BGBB, p, 1, 1, 2), log(5.0 / 36), 1e-12);
  /* x = 0, n = 1: B(1,2)B(1,2) = 1/4 plus B(1,1)B(2,1) = 1/2: L = 3/4. */
  NEAR(ll1(KW_CLV_BGBB, p, 0, 0, 1), log(0.75), 1e-12);
}

static void test_gg_by_hand(void **state) {
  (void)state;
  /* p = 1, q = 2, gamma = 3, x = 2, zbar = 4:
   * Gamma(4)/(Gamma(2)Gamma(2)) 3^2 2^2 4^1 / (3 + 8)^4
   * = 6 * 9 * 4 * 4 / 11^4 = 864 / 14641. */
  double p[3] = {1, 2, 3};
  NEAR(ll1(KW_CLV_GG, p, 2, 4, 0), log(864.0 / 14641), 1e-12);
}

/* ------------------------------------- a second method: Simpson's rule */

/* log of s int_{tx}^{T} (alpha+u)^-(r+x) (beta+u)^-(s+1) du, integrated in
 * v = log(alpha + u) with Simpson's rule, relative to an offset. */
static double simpson_pnbd_second(const double *p, double x, double tx,
                                  double T) {
  double r = p[0], al = p[1], s = p[2], be = p[3];
  double v0 = log(al + tx), v1 = log(al + T);
  int n = 200000;
  double h = (v1 - v0) / n, off = -INFINITY;
  /* the integrand in v: exp(v) (e^v)^-(r+x) (e^v - alpha + beta)^-(s+1) */
  for (int pass = 0; pass < 2; pass++) {
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double v = v0 + i * h;
      double u = exp(v) - al;
      double lf = v - (r + x) * v - (s + 1) * log(be + u);
      if (pass == 0) {
        if (lf > off) off = lf;
        continue;
      }
      double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
      sum += w * exp(lf - off);
    }
    if (pass == 1) return log(s) + off + log(sum * h / 3);
  }
  return NAN;
}

static double pnbd_ll_simpson(const double *p, double x, double tx,
                              double T) {
  double r = p[0], al = p[1], s = p[2], be = p[3];
  double c = lgamma(r + x) - lgamma(r) + r * log(al) + s * log(be);
  double a1 = -(r + x) * log(al + T) - s * log(be + T);
  double a2 = simpson_pnbd_second(p, x, tx, T);
  double m = a1 > a2 ? a1 : a2;
  return c + m + log(exp(a1 - m) + exp(a2 - m));
}

static void test_pnbd_vs_simpson(void **state) {
  (void)state;
  static const double P[][4] = {
      {0.55, 10.58, 0.61, 11.67}, /* alpha < beta, CDNOW-like */
      {0.55, 11.67, 0.61, 10.58}, /* alpha > beta */
      {0.5143, 2.8845, 0.2856, 14.1087},
      {2.0, 30.0, 0.8, 1.5},
      {0.3, 0.01, 0.4, 100.0},    /* z close to 1 (quadrature path) */
      {0.3, 100.0, 0.2, 0.01},    /* z close to 1, other order */
  };
  static const double D[][3] = {{0, 0, 38}, {1, 2, 38},  {2, 30.43, 38.86},
                                {26, 30.86, 31}, {221, 103.43, 103.57},
                                {5, 0.5, 60}};
  for (size_t i = 0; i < sizeof P / sizeof P[0]; i++)
    for (size_t j = 0; j < sizeof D / sizeof D[0]; j++) {
      if (D[j][1] == D[j][2]) continue;
      double got = ll1(KW_CLV_PNBD, P[i], D[j][0], D[j][1], D[j][2]);
      double want = pnbd_ll_simpson(P[i], D[j][0], D[j][1], D[j][2]);
      if (!(fabs(got - want) <= 1e-7 * (1 + fabs(want)))) {
        print_error("params %zu data %zu: %.12g vs %.12g\n", i, j, got, want);
        fail();
      }
    }
}

/* BG/NBD E[Y(t) | alive] = E_p[(1 - (1 + p t/alpha1)^-r1)/p], p ~
 * Beta(a, b1), by Simpson's rule in log p (the weight is smooth for the
 * a, b1 used here). */
static double bg_expect_simpson(double r1, double al1, double a, double b1,
                                double t) {
  double u0 = log(1e-14), u1 = 0, tau = t / al1;
  int n = 400000;
  double h = (u1 - u0) / n, sum = 0;
  double lb = lgamma(a) + lgamma(b1) - lgamma(a + b1);
  for (int i = 0; i <= n; i++) {
    double u = u0 + i * h, pp = exp(u);
    double g = -expm1(-r1 * log1p(pp * tau)) / pp;
    double wgt = exp(a * u + (b1 - 1) * log1p(-fmin(pp, 1 - 1e-300)) - lb);
    double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
    sum += w * g * wgt;
  }
  return sum * h / 3;
}

static void test_bg_expectation_two_ways(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  /* a = 2, b = 3 keep the beta weight smooth; t / alpha from 0.5 (short
   * series) to 10^6 (z = 1 - 1e-6: the quadrature fallback). */
  static const double cases[][3] = {{0.7, 2, 1}, {0.7, 2, 39}, {0.7, 0.01, 1e4},
                                    {3.0, 0.5, 520}};
  for (size_t i = 0; i < 4; i++) {
    double p[4] = {cases[i][0], cases[i][1], 2, 3};
    kw_clv_fit *f = NULL;
    assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, p, &f), KW_OK);
    double e;
    assert_int_equal(kw_clv_population(ctx, f, cases[i][2], &e), KW_OK);
    double want = bg_expect_simpson(p[0], p[1], 2, 3, cases[i][2]);
    NEAR(e, want, 1e-7 * want);
    kw_clv_fit_free(f);
  }
  /* a = 1 exactly: the removable singularity (E_p[1/p] is infinite but
   * the finite-t expectation is not) */
  double p1[4] = {0.5, 3, 1, 2};
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, p1, &f), KW_OK);
  double e1, e2;
  p1[2] = 1 + 1e-9;
  kw_clv_fit *g = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, p1, &g), KW_OK);
  assert_int_equal(kw_clv_population(ctx, f, 20, &e1), KW_OK);
  assert_int_equal(kw_clv_population(ctx, g, 20, &e2), KW_OK);
  assert_true(isfinite(e1) && e1 > 0);
  NEAR(e1, e2, 1e-6 * e1);
  kw_clv_fit_free(f);
  kw_clv_fit_free(g);
  kw_context_free(ctx);
}

/* ------------------------------------------------- gradient vs numeric */

static void check_gradient(kw_clv_model m, const double *p, double x,
                           double tx, double T) {
  kw_context *ctx = kw_context_new();
  size_t np = kw_clv_model_nparams(m);
  double ll, g[4];
  assert_int_equal(kw_clv_loglik(ctx, m, p, x, tx, T, &ll, g), KW_OK);
  for (size_t i = 0; i < np; i++) {
    double q[4] = {0, 0, 0, 0};
    memcpy(q, p, np * sizeof *q);
    double h = 1e-6 * p[i], lp, lm;
    q[i] = p[i] + h;
    assert_int_equal(kw_clv_loglik(ctx, m, q, x, tx, T, &lp, NULL), KW_OK);
    q[i] = p[i] - h;
    assert_int_equal(kw_clv_loglik(ctx, m, q, x, tx, T, &lm, NULL), KW_OK);
    double num = (lp - lm) / (2 * h);
    if (!(fabs(num - g[i]) <= 1e-5 * (1 + fabs(num)) + 1e-6 * fabs(ll) / p[i])) {
      print_error("%s d/d%s at x=%g t_x=%g T=%g: analytic %.10g numeric %.10g\n",
                  kw_clv_model_name(m), kw_clv_model_param_names(m)[i], x, tx,
                  T, g[i], num);
      fail();
    }
  }
  kw_context_free(ctx);
}

static void test_gradients(void **state) {
  (void)state;
  static const double data[][3] = {{0, 0, 38.86}, {1, 1.71, 38.86},
                                   {2, 30.43, 38.86}, {26, 30.86, 31},
                                   {250, 97.14, 97.29}, {3, 0.2, 52}};
  static const double bg[][4] = {{0.2426, 4.414, 0.7929, 2.426},
                                 {2, 0.5, 3, 0.4}};
  static const double pn[][4] = {{0.5533, 10.58, 0.6062, 11.67},
                                 {0.5533, 11.67, 0.6062, 10.58},
                                 {0.5143, 2.8845, 0.2856, 14.1087},
                                 {1.5, 0.05, 0.3, 40}};
  for (size_t j = 0; j < 6; j++) {
    for (size_t i = 0; i < 2; i++) {
      check_gradient(KW_CLV_BGNBD, bg[i], data[j][0], data[j][1], data[j][2]);
      check_gradient(KW_CLV_MBGNBD, bg[i], data[j][0], data[j][1], data[j][2]);
    }
    for (size_t i = 0; i < 4; i++)
      check_gradient(KW_CLV_PNBD, pn[i], data[j][0], data[j][1], data[j][2]);
  }
  static const double bb[][4] = {{1.204, 0.750, 0.657, 2.783},
                                 {0.3, 4, 2, 0.5}};
  static const double bbd[][3] = {{0, 0, 6}, {1, 1, 6}, {3, 5, 6},
                                  {6, 6, 6}, {10, 40, 52}};
  for (size_t i = 0; i < 2; i++)
    for (size_t j = 0; j < 5; j++)
      check_gradient(KW_CLV_BGBB, bb[i], bbd[j][0], bbd[j][1], bbd[j][2]);
  static const double gg[][3] = {{6.25, 3.74, 15.44}, {0.5, 1.2, 300}};
  static const double ggd[][2] = {{1, 11.77}, {2, 22.35}, {40, 3.5}};
  for (size_t i = 0; i < 2; i++)
    for (size_t j = 0; j < 3; j++)
      check_gradient(KW_CLV_GG, gg[i], ggd[j][0], ggd[j][1], 0);
}

/* --------------------------------------------------------------- edges */

static void test_edges_finite(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  static const double P[4][4] = {{0.2426, 4.414, 0.7929, 2.426},
                                 {0.525, 6.183, 0.891, 1.614},
                                 {0.5143, 2.8845, 0.2856, 14.1087},
                                 {1.204, 0.750, 0.657, 2.783}};
  double x[] = {0, 0, 0, 1, 1, 10, 100, 1000, 10000, 10000, 10000};
  double tx[] = {0, 0, 0, 1e-12, 1e-12, 5, 99, 999, 1e-9, 10000, 10000};
  double T[] = {0, 1e-12, 50, 1e-12, 1e4, 10, 100, 1000, 1e4, 10000, 20000};
  double bx[] = {0, 0, 0, 1, 1, 10, 100, 1000, 10000, 10000, 10000};
  double btx[] = {0, 0, 0, 1, 1, 10, 100, 1000, 10000, 10000, 10000};
  double bT[] = {0, 1, 50, 1, 1000, 10, 100, 1000, 10000, 10000, 20000};
  size_t n = sizeof x / sizeof x[0];
  double a[11], e[11], v[11], sp[11], pk[11];
  for (size_t i = 0; i < n; i++) sp[i] = 10;
  for (int m = 0; m < 4; m++) {
    kw_clv_fit *f = NULL;
    assert_int_equal(kw_clv_fit_from_params(ctx, (kw_clv_model)m, P[m], &f),
                     KW_OK);
    const double *X = m == 3 ? bx : x, *TX = m == 3 ? btx : tx,
                 *TT = m == 3 ? bT : T;
    kw_clv_value_options vo;
    kw_clv_value_options_init(&vo);
    vo.horizon = 24;
    vo.discount = 0.01;
    assert_int_equal(kw_clv_p_alive(ctx, f, X, TX, TT, n, a), KW_OK);
    assert_int_equal(kw_clv_expected(ctx, f, X, TX, TT, n, 52, e), KW_OK);
    assert_int_equal(kw_clv_value(ctx, f, X, TX, TT, sp, n, &vo, v), KW_OK);
    for (size_t i = 0; i < n; i++) {
      if (!(a[i] >= 0 && a[i] <= 1) || !isfinite(e[i]) || e[i] < 0 ||
          !isfinite(v[i]) || v[i] < 0) {
        print_error("%s row %zu: palive %g E %g clv %g\n",
                    kw_clv_model_name(m), i, a[i], e[i], v[i]);
        fail();
      }
    }
    if (m != 3) {
      assert_int_equal(kw_clv_prob_count(ctx, f, X, TX, TT, n, 52, 0, pk),
                       KW_OK);
      for (size_t i = 0; i < n; i++) assert_true(pk[i] >= 0 && pk[i] <= 1);
    }
    /* x = 0 with T = 0: a brand-new customer. BG/NBD and Pareto/NBD:
     * alive for sure; MBG/NBD: b/(a+b). */
    if (m == 0 || m == 2) NEAR(a[0], 1, 1e-12);
    if (m == 1) NEAR(a[0], P[1][3] / (P[1][2] + P[1][3]), 1e-12);
    /* E for a new customer equals the population expectation */
    double pop;
    assert_int_equal(kw_clv_population(ctx, f, 52, &pop), KW_OK);
    NEAR(e[0], pop, 1e-9 * pop);
    kw_clv_fit_free(f);
  }
  kw_context_free(ctx);
}

static void test_bad_input(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_clv_fit *f = NULL;
  double x[2] = {1, 2}, tx[2] = {5, 3}, T[2] = {4, 10};
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, x, tx, T, NULL, 2, NULL, &f),
                   KW_EINPUT);
  assert_null(f);
  assert_non_null(strstr(kw_errmsg(ctx), "row 1"));
  double x2[2] = {1.5, 2}, tx2[2] = {1, 3};
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_PNBD, x2, tx2, T, NULL, 2, NULL, &f),
                   KW_EINPUT);
  double x3[1] = {3}, tx3[1] = {2}, n3[1] = {6};
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGBB, x3, tx3, n3, NULL, 1, NULL, &f),
                   KW_EINPUT); /* t_x < x */
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_GG, x, tx, T, NULL, 2, NULL, &f),
                   KW_EARG);
  assert_int_equal(kw_clv_model_from_name("pnbd"), KW_CLV_PNBD);
  assert_int_equal(kw_clv_model_from_name("bgbb"), KW_CLV_BGBB);
  assert_int_equal(kw_clv_model_from_name("nope"), KW_CLV_MODEL__COUNT);
  assert_string_equal(kw_clv_model_name(KW_CLV_MBGNBD), "mbgnbd");
  assert_string_equal(kw_clv_model_param_names(KW_CLV_PNBD)[3], "beta");
  assert_string_equal(kw_clv_model_param_names(KW_CLV_GG)[2], "gamma");
  kw_clv_fit_free(NULL);
  kw_context_free(ctx);
}

/* -------------------------------------------------- simulated data set */

typedef struct sim {
  size_t n;
  double *x, *tx, *T, *z;
} sim;

/* BG/NBD customers with T uniform on [20, 52] (continuous time), and
 * Gamma-Gamma spend. */
static sim simulate(size_t n, const double *p, uint64_t seed) {
  sim s = {n, malloc(n * sizeof(double)), malloc(n * sizeof(double)),
           malloc(n * sizeof(double)), malloc(n * sizeof(double))};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, (unsigned long)seed);
  for (size_t i = 0; i < n; i++) {
    double lam = gsl_ran_gamma(rng, p[0], 1 / p[1]);
    double pd = gsl_ran_beta(rng, p[2], p[3]);
    double T = 20 + 32 * gsl_rng_uniform(rng), t = 0, last = 0;
    int x = 0;
    for (;;) {
      t += gsl_ran_exponential(rng, 1 / lam);
      if (t > T) break;
      x++;
      last = t;
      if (gsl_rng_uniform(rng) < pd) break;
    }
    s.x[i] = x;
    s.tx[i] = last;
    s.T[i] = T;
    double nu = gsl_ran_gamma(rng, 3.7, 1 / 15.4), sum = 0;
    for (int k = 0; k < x; k++) sum += gsl_ran_gamma(rng, 6.2, 1 / nu);
    s.z[i] = x ? sum / x : 0;
  }
  gsl_rng_free(rng);
  return s;
}

static void sim_free(sim *s) {
  free(s->x);
  free(s->tx);
  free(s->T);
  free(s->z);
}

static void test_weights_equal_repeats(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double p[4] = {0.5, 5, 0.8, 2.5};
  sim s = simulate(300, p, 7);
  /* every row twice vs every row once with weight 2 */
  size_t n = s.n;
  double *x2 = malloc(2 * n * sizeof(double)), *t2 = malloc(2 * n * sizeof(double)),
         *T2 = malloc(2 * n * sizeof(double)), *w = malloc(n * sizeof(double));
  for (size_t i = 0; i < n; i++) {
    x2[i] = x2[n + i] = s.x[i];
    t2[i] = t2[n + i] = s.tx[i];
    T2[i] = T2[n + i] = s.T[i];
    w[i] = 2;
  }
  kw_clv_fit *a = NULL, *b = NULL;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, x2, t2, T2, NULL, 2 * n,
                                    NULL, &a), KW_OK);
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, s.x, s.tx, s.T, w, n,
                                    NULL, &b), KW_OK);
  const kw_clv_result *ra = kw_clv_fit_result(a), *rb = kw_clv_fit_result(b);
  assert_true(ra->converged && rb->converged);
  assert_int_equal(ra->n_patterns, rb->n_patterns);
  NEAR(ra->n_obs, 2.0 * n, 0);
  NEAR(ra->loglik, rb->loglik, 1e-8 * fabs(ra->loglik));
  for (int i = 0; i < 4; i++)
    NEAR(ra->params[i], rb->params[i], 1e-4 * ra->params[i]);
  NEAR(ra->bic, -2 * ra->loglik + 4 * log(2.0 * n), 1e-9);
  NEAR(ra->aic, -2 * ra->loglik + 8, 1e-9);
  kw_clv_fit_free(a);
  kw_clv_fit_free(b);

  /* an L2 penalty shrinks the parameters */
  kw_clv_fit_options o;
  kw_clv_fit_options_init(&o);
  kw_clv_fit *c = NULL, *d = NULL;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, s.x, s.tx, s.T, NULL, n,
                                    &o, &c), KW_OK);
  o.penalty = 0.1;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, s.x, s.tx, s.T, NULL, n,
                                    &o, &d), KW_OK);
  double s1 = 0, s2 = 0;
  for (int i = 0; i < 4; i++) {
    s1 += kw_clv_fit_result(c)->params[i];
    s2 += kw_clv_fit_result(d)->params[i];
  }
  assert_true(s2 < s1);
  /* the unpenalised log-likelihood is lower at the penalised estimate */
  assert_true(kw_clv_fit_result(d)->loglik < kw_clv_fit_result(c)->loglik);
  kw_clv_fit_free(c);
  kw_clv_fit_free(d);
  free(x2);
  free(t2);
  free(T2);
  free(w);
  sim_free(&s);
  kw_context_free(ctx);
}


/* The multi-start on a subsample followed by Newton steps on all patterns
 * ends where BFGS from every start on all patterns ends. */
static void test_subsample_same_optimum(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double p[4] = {0.5, 5, 0.8, 2.5};
  sim s = simulate(6000, p, 11); /* continuous times: ~4000 patterns */
  static const kw_clv_model models[3] = {KW_CLV_BGNBD, KW_CLV_PNBD,
                                         KW_CLV_MBGNBD};
  for (int m = 0; m < 3; m++) {
    kw_clv_fit_options o;
    kw_clv_fit_options_init(&o);
    o.subsample = SIZE_MAX;
    kw_clv_fit *full = NULL, *sub = NULL;
    assert_int_equal(kw_clv_fit_model(ctx, models[m], s.x, s.tx, s.T, NULL,
                                      s.n, &o, &full), KW_OK);
    o.subsample = 500;
    assert_int_equal(kw_clv_fit_model(ctx, models[m], s.x, s.tx, s.T, NULL,
                                      s.n, &o, &sub), KW_OK);
    const kw_clv_result *a = kw_clv_fit_result(full), *b = kw_clv_fit_result(sub);
    assert_true(a->n_patterns > 1000);
    assert_true(a->converged && b->converged);
    NEAR(b->loglik, a->loglik, 1e-6);
    for (int i = 0; i < 4; i++)
      NEAR(b->params[i], a->params[i], 1e-3 * a->params[i]);
    kw_clv_fit_free(full);
    kw_clv_fit_free(sub);
  }
  kw_clv_fit *g1 = NULL, *g2 = NULL;
  kw_clv_fit_options o;
  kw_clv_fit_options_init(&o);
  o.subsample = SIZE_MAX;
  assert_int_equal(kw_clv_fit_spend(ctx, s.x, s.z, NULL, s.n, &o, &g1), KW_OK);
  o.subsample = 300;
  assert_int_equal(kw_clv_fit_spend(ctx, s.x, s.z, NULL, s.n, &o, &g2), KW_OK);
  NEAR(kw_clv_fit_result(g2)->loglik, kw_clv_fit_result(g1)->loglik, 1e-6);
  kw_clv_fit_free(g1);
  kw_clv_fit_free(g2);
  sim_free(&s);
  kw_context_free(ctx);
}

/* ----------------------------------------------------- prediction sums */

static void test_count_distribution(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  static const double P[3][4] = {{0.2426, 4.414, 0.7929, 2.426},
                                 {0.525, 6.183, 0.891, 1.614},
                                 {0.5533, 10.58, 0.6062, 11.67}};
  double x[3] = {0, 2, 7}, tx[3] = {0, 30.43, 35}, T[3] = {38.86, 38.86, 38.86};
  for (int m = 0; m < 3; m++) {
    kw_clv_fit *f = NULL;
    assert_int_equal(kw_clv_fit_from_params(ctx, (kw_clv_model)m, P[m], &f),
                     KW_OK);
    double e[3], sum[3] = {0, 0, 0}, mean[3] = {0, 0, 0}, pk[3];
    assert_int_equal(kw_clv_expected(ctx, f, x, tx, T, 3, 39, e), KW_OK);
    for (unsigned k = 0; k < 400; k++) {
      assert_int_equal(kw_clv_prob_count(ctx, f, x, tx, T, 3, 39, k, pk), KW_OK);
      for (int i = 0; i < 3; i++) {
        sum[i] += pk[i];
        mean[i] += k * pk[i];
      }
    }
    /* a distribution, and its mean is the conditional expectation */
    for (int i = 0; i < 3; i++) {
      NEAR(sum[i], 1, 1e-7);
      NEAR(mean[i], e[i], 1e-5 * (1 + e[i]));
    }
    kw_clv_fit_free(f);
  }
  kw_context_free(ctx);
}

static void test_value_and_tracking(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double p[4] = {0.2426, 4.414, 0.7929, 2.426};
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, p, &f), KW_OK);
  double x[2] = {2, 0}, tx[2] = {30.43, 0}, T[2] = {38.86, 20};
  double sp[2] = {20, 30}, v[2], e12[2], e1[2];
  kw_clv_value_options o;
  kw_clv_value_options_init(&o);
  /* without discounting the sum telescopes: margin * spend * E[Y(H)] */
  o.horizon = 12;
  o.margin = 0.4;
  assert_int_equal(kw_clv_value(ctx, f, x, tx, T, sp, 2, &o, v), KW_OK);
  assert_int_equal(kw_clv_expected(ctx, f, x, tx, T, 2, 12, e12), KW_OK);
  for (int i = 0; i < 2; i++) NEAR(v[i], 0.4 * sp[i] * e12[i], 1e-10 * v[i]);
  /* one period at rate d: E[Y(1)] / (1 + d) */
  o.horizon = 1;
  o.discount = 0.1;
  assert_int_equal(kw_clv_value(ctx, f, x, tx, T, sp, 2, &o, v), KW_OK);
  assert_int_equal(kw_clv_expected(ctx, f, x, tx, T, 2, 1, e1), KW_OK);
  for (int i = 0; i < 2; i++)
    NEAR(v[i], 0.4 * sp[i] * e1[i] / 1.1, 1e-10 * v[i]);
  /* tracking: offsets 0 and 1 over 3 periods gives
   * [E(1), E(2) + E(1), E(3) + E(2)] */
  double off[2] = {0, 1}, tr[3], E[4];
  for (int k = 1; k <= 3; k++)
    assert_int_equal(kw_clv_population(ctx, f, k, &E[k]), KW_OK);
  assert_int_equal(kw_clv_tracking(ctx, f, off, 2, 3, tr), KW_OK);
  NEAR(tr[0], E[1], 1e-12);
  NEAR(tr[1], E[2] + E[1], 1e-12);
  NEAR(tr[2], E[3] + E[2], 1e-12);
  kw_clv_fit_free(f);
  kw_context_free(ctx);
}

static void test_evaluate(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double p[4] = {0.2426, 4.414, 0.7929, 2.426};
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, p, &f), KW_OK);
  double x[4] = {0, 2, 9, 12}, tx[4] = {0, 30, 35, 38}, T[4] = {39, 39, 39, 39};
  double act[4] = {0, 3, 5, 9}, pr[4];
  assert_int_equal(kw_clv_expected(ctx, f, x, tx, T, 4, 39, pr), KW_OK);
  kw_clv_evaluation ev;
  assert_int_equal(kw_clv_evaluate(ctx, f, x, tx, T, act, 4, 39, &ev), KW_OK);
  double mae = 0, mse = 0, ma = 4.25, mp = (pr[0] + pr[1] + pr[2] + pr[3]) / 4;
  double saa = 0, spp = 0, sap = 0;
  for (int i = 0; i < 4; i++) {
    mae += fabs(pr[i] - act[i]) / 4;
    mse += (pr[i] - act[i]) * (pr[i] - act[i]) / 4;
    saa += (act[i] - ma) * (act[i] - ma);
    spp += (pr[i] - mp) * (pr[i] - mp);
    sap += (act[i] - ma) * (pr[i] - mp);
  }
  NEAR(ev.mae, mae, 1e-12);
  NEAR(ev.rmse, sqrt(mse), 1e-12);
  NEAR(ev.corr, sap / sqrt(saa * spp), 1e-12);
  NEAR(ev.class_n[0], 1, 0);
  NEAR(ev.class_n[2], 1, 0);
  NEAR(ev.class_n[7], 2, 0); /* x = 9 and 12 in 7+ */
  NEAR(ev.class_actual[7], 7, 1e-12);
  NEAR(ev.class_predicted[7], (pr[2] + pr[3]) / 2, 1e-12);
  NEAR(ev.sum_actual, 17, 1e-12);
  kw_clv_fit_free(f);
  kw_context_free(ctx);
}

/* ----------------------------------------------------------- spending */

static int n_warn;
static void count_warn(void *u, kw_log_level l, const char *m) {
  (void)u;
  (void)m;
  if (l == KW_LOG_WARN) n_warn++;
}

static void test_spend(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, count_warn, NULL);
  double p[3] = {6.25, 3.74, 15.44};
  kw_clv_fit *g = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_GG, p, &g), KW_OK);
  double x[3] = {0, 1, 10}, z[3] = {0, 20, 50}, out[3];
  assert_int_equal(kw_clv_spend(ctx, g, x, z, 3, out), KW_OK);
  /* x = 0: p gamma / (q - 1) = 6.25 * 15.44 / 2.74;
   * x = 1: 6.25 (15.44 + 20) / (6.25 + 2.74);
   * x = 10: 6.25 (15.44 + 500) / (62.5 + 2.74). */
  NEAR(out[0], 6.25 * 15.44 / 2.74, 1e-10);
  NEAR(out[1], 6.25 * 35.44 / 8.99, 1e-10);
  NEAR(out[2], 6.25 * 515.44 / 65.24, 1e-10);
  kw_clv_fit_free(g);

  /* spend that grows with frequency triggers the correlation warning */
  size_t n = 400;
  double *xs = malloc(n * sizeof(double)), *zs = malloc(n * sizeof(double));
  for (size_t i = 0; i < n; i++) {
    xs[i] = 1 + (double)(i % 10);
    zs[i] = 5 * xs[i] + (double)(i % 7);
  }
  n_warn = 0;
  assert_int_equal(kw_clv_fit_spend(ctx, xs, zs, NULL, n, NULL, &g), KW_OK);
  assert_true(kw_clv_fit_result(g)->spend_corr > 0.9);
  assert_true(n_warn >= 1);
  kw_clv_fit_free(g);
  /* uncorrelated: no warning */
  for (size_t i = 0; i < n; i++) zs[i] = 10 + (double)((i * 7919) % 13);
  n_warn = 0;
  assert_int_equal(kw_clv_fit_spend(ctx, xs, zs, NULL, n, NULL, &g), KW_OK);
  assert_true(fabs(kw_clv_fit_result(g)->spend_corr) < 0.3);
  assert_int_equal(n_warn, 0);
  assert_int_equal(kw_clv_fit_result(g)->n_obs, n);
  kw_clv_fit_free(g);
  free(xs);
  free(zs);
  kw_context_free(ctx);
}

/*
 * Large a and b (drop-out probability much the same for everyone). The
 * expected values are from mpmath (tests/reference/clv_grid.py, the
 * closed form with hyp2f1 and the Beta integral by quadrature agree to
 * 1e-25), and by hand in the limit a, b -> infinity with p = a/(a+b)
 * fixed: E -> (1 - (1 + p t/alpha)^-r) / p, which a = 47,796 must be
 * close to (the spread of p, sd 0.0014, moves it by about 1e-5).
 */
static void test_bg_large_ab(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  static const double cases[][3] = {
      {200, 317.4, 2.432399846362842626},
      {500, 317.4, 1.5764322988168115934},
      {47796, 73829, 2.3893534782515078116},
  };
  double e = NAN;
  for (size_t i = 0; i < 3; i++) {
    double p[4] = {1.292, 18.61, cases[i][0], cases[i][1]};
    kw_clv_fit *f = NULL;
    assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, p, &f), KW_OK);
    assert_int_equal(kw_clv_population(ctx, f, 365, &e), KW_OK);
    NEAR(e, cases[i][2], 1e-11 * cases[i][2]);
    /* the same through the conditional expectation at x = 0, T = 0 */
    double x = 0, tx = 0, T = 0, ey = NAN;
    assert_int_equal(kw_clv_expected(ctx, f, &x, &tx, &T, 1, 365, &ey), KW_OK);
    NEAR(ey, e, 1e-13 * e);
    kw_clv_fit_free(f);
  }
  /* the limit by hand, at the last case */
  double pp = 47796.0 / (47796 + 73829);
  double lim = (1 - pow(1 + pp * 365 / 18.61, -1.292)) / pp;
  NEAR(e, lim, 1e-4 * lim);
  kw_context_free(ctx);
}

/* No information: every T = 0, or nobody repeats -> KW_EEMPTY and a
 * reason, no fit. */
static void test_no_information(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double x0[4] = {0, 0, 0, 0}, tx0[4] = {0, 0, 0, 0}, T0[4] = {0, 0, 0, 0};
  double T1[4] = {10, 20, 30, 40}, x1[4] = {0, 0, 0, 0};
  static const kw_clv_model ms[] = {KW_CLV_BGNBD, KW_CLV_MBGNBD, KW_CLV_PNBD,
                                    KW_CLV_BGBB};
  for (size_t i = 0; i < 4; i++) {
    kw_clv_fit *f = (kw_clv_fit *)1;
    assert_int_equal(kw_clv_fit_model(ctx, ms[i], x0, tx0, T0, NULL, 4, NULL,
                                      &f),
                     KW_EEMPTY);
    assert_null(f);
    assert_non_null(strstr(kw_errmsg(ctx), "T = 0"));
    f = (kw_clv_fit *)1;
    assert_int_equal(kw_clv_fit_model(ctx, ms[i], x1, tx0, T1, NULL, 4, NULL,
                                      &f),
                     KW_EEMPTY);
    assert_null(f);
    assert_non_null(strstr(kw_errmsg(ctx), "repeat purchase"));
  }
  kw_clv_fit *f = (kw_clv_fit *)1;
  assert_int_equal(kw_clv_fit_auto(ctx, x1, tx0, T1, NULL, 4, NULL, &f, NULL),
                   KW_EEMPTY);
  assert_null(f);
  /* one repeat buyer is information */
  x1[3] = 2;
  tx0[3] = 35;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, x1, tx0, T1, NULL, 4,
                                    NULL, &f),
                   KW_OK);
  kw_clv_fit_free(f);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bgnbd_by_hand),
      cmocka_unit_test(test_mbgnbd_by_hand),
      cmocka_unit_test(test_pnbd_by_hand),
      cmocka_unit_test(test_bgbb_by_hand),
      cmocka_unit_test(test_gg_by_hand),
      cmocka_unit_test(test_pnbd_vs_simpson),
      cmocka_unit_test(test_bg_expectation_two_ways),
      cmocka_unit_test(test_gradients),
      cmocka_unit_test(test_edges_finite),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_weights_equal_repeats),
      cmocka_unit_test(test_subsample_same_optimum),
      cmocka_unit_test(test_count_distribution),
      cmocka_unit_test(test_value_and_tracking),
      cmocka_unit_test(test_evaluate),
      cmocka_unit_test(test_spend),
      cmocka_unit_test(test_bg_large_ab),
      cmocka_unit_test(test_no_information),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
