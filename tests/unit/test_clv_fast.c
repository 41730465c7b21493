/*
 * Unit tests: the fast paths of the customer-value predictions against the
 * straightforward ones, on random inputs.
 *
 * - clv_bg_disc (discounted value per (x, T) group by per-x coefficients
 *   and per-T moments, src/models/clv/discount.c) against the per-period
 *   sum clv_bg_disc_direct: within 2e-12 relative (the bound stated in
 *   discount.c is 1e-12 for each), on random BG/NBD and MBG/NBD groups in
 *   week and day units; and both against the 25-digit values of
 *   tests/data/clv/reference_discount.csv (tests/reference/clv_discount.py,
 *   mpmath).
 * - kw_clv_intervals (per distinct pattern) against the customer-by-
 *   customer delta method it replaced (written out below with the public
 *   predictions): bit for bit, for BG/NBD, MBG/NBD and Pareto/NBD.
 * - kw_clv_covariance (the fit's Hessian, or a sum over patterns) against
 *   the customer-by-customer sum of kw_clv_loglik gradients: 1e-9.
 * - kw_clv_value / kw_clv_expected against per-customer single-row calls:
 *   bit for bit (the group cache only dedupes).
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

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "klantwijs.h"
#include "models/clv/clv.h"

static double rel(double a, double b) {
  if (a == b) return 0;
  return fabs(a - b) / fmax(fabs(a), fabs(b));
}

/* ------------------------------------------------ discounted value */

static void test_disc_random(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 18);
  size_t total = 0, fast_total = 0;
  double worst = 0;
  for (int rep = 0; rep < 40; rep++) {
    int modified = rep % 4 == 3;
    bool days = rep % 2;
    double p[4] = {pow(10, gsl_ran_flat(rng, -1, 0.5)),
                   pow(10, gsl_ran_flat(rng, -0.5, 1.5)) * (days ? 7 : 1),
                   pow(10, gsl_ran_flat(rng, -0.7, 0.6)),
                   pow(10, gsl_ran_flat(rng, -0.5, 1))};
    size_t H = days ? 360 : (rep % 3 ? 52 : 13);
    double disc = days ? 0.000261 : rep % 5 ? 0.001834 : 0.03;
    /* groups on a grid of x and T, with repeats of both */
    size_t ng = 60;
    double gx[60], gT[60], fast[60];
    for (size_t g = 0; g < ng; g++) {
      gx[g] = (double)gsl_rng_uniform_int(rng, g % 3 ? 6 : 40);
      /* whole days, in weeks for the week unit */
      gT[g] = (double)gsl_rng_uniform_int(rng, 700) / (days ? 1 : 7.0);
      if (g % 7 == 0) gT[g] = 0;
    }
    size_t nf = 0;
    assert_int_equal(clv_bg_disc(ctx, p, modified, gx, gT, ng, H, disc, &nf,
                                 fast),
                     KW_OK);
    for (size_t g = 0; g < ng; g++) {
      double r1 = p[0] + gx[g], al1 = p[1] + gT[g];
      double b1 = modified ? p[3] + gx[g] + 1 : p[3] + gx[g];
      double slow = clv_bg_disc_direct(r1, al1, p[2], b1, H, disc);
      if (isnan(slow)) {
        assert_true(isnan(fast[g]));
        continue;
      }
      double e = rel(fast[g], slow);
      if (e > worst) worst = e;
      if (!(e <= 2e-12))
        print_error("rep %d group %zu: fast %.17g direct %.17g (rel %.3g)\n",
                    rep, g, fast[g], slow, e);
      assert_true(e <= 2e-12);
    }
    total += ng;
    fast_total += nf;
  }
  /* the fast path must carry most groups, or this tests the fallback */
  print_message("disc: %zu of %zu groups by the dot product, worst %.3g\n",
                fast_total, total, worst);
  assert_true(fast_total * 10 >= total * 8);
  gsl_rng_free(rng);
  kw_context_free(ctx);
}

/* H = 0, no discount and a single group: the straightforward sum */
static void test_disc_edges(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double p[4] = {0.243, 4.414, 0.793, 2.426}, x = 2, T = 30, v = -1;
  size_t nf = 9;
  assert_int_equal(clv_bg_disc(ctx, p, 0, &x, &T, 1, 0, 0.01, &nf, &v), KW_OK);
  assert_true(v == 0 && nf == 0);
  assert_int_equal(clv_bg_disc(ctx, p, 0, &x, &T, 1, 52, 0, &nf, &v), KW_OK);
  assert_true(v == clv_bg_disc_direct(p[0] + x, p[1] + T, p[2], p[3] + x, 52,
                                      0));
  assert_int_equal(clv_bg_disc(ctx, p, 0, &x, &T, 0, 52, 0.01, &nf, &v),
                   KW_OK);
  /* a horizon long against alpha1 (z(H) near 1): the per-period sum */
  double Tl = 0.5, xl = 3;
  assert_int_equal(
      clv_bg_disc(ctx, p, 0, &xl, &Tl, 1, 3650, 0.000261, &nf, &v), KW_OK);
  assert_true(nf == 0);
  assert_true(v == clv_bg_disc_direct(p[0] + xl, p[1] + Tl, p[2], p[3] + xl,
                                      3650, 0.000261));
  /* H = 1: one period, f E(1) */
  assert_int_equal(clv_bg_disc(ctx, p, 0, &x, &T, 1, 1, 0.01, &nf, &v), KW_OK);
  double e1 = clv_bg_alive_expect(p[0] + x, p[1] + T, p[2], p[3] + x, 1);
  assert_true(rel(v, e1 / 1.01) <= 1e-12);
  kw_context_free(ctx);
}

static void test_disc_reference(void **state) {
  (void)state;
  FILE *f = fopen(KW_TEST_DATA "/clv/reference_discount.csv", "r");
  assert_non_null(f);
  kw_context *ctx = kw_context_new();
  char line[512];
  size_t rows = 0, fast = 0;
  double worst = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || strncmp(line, "model", 5) == 0) continue;
    char model[8];
    double p[4], x, T, disc, ref;
    unsigned H;
    assert_int_equal(sscanf(line, "%7[a-z],%lf,%lf,%lf,%lf,%lf,%lf,%u,%lf,%lf",
                            model, &p[0], &p[1], &p[2], &p[3], &x, &T, &H,
                            &disc, &ref),
                     10);
    int mod = strcmp(model, "mbg") == 0;
    double v;
    size_t nf;
    assert_int_equal(clv_bg_disc(ctx, p, mod, &x, &T, 1, H, disc, &nf, &v),
                     KW_OK);
    fast += nf;
    double d = clv_bg_disc_direct(p[0] + x, p[1] + T, p[2],
                                  mod ? p[3] + x + 1 : p[3] + x, H, disc);
    double e = fmax(rel(v, ref), rel(d, ref));
    if (e > worst) worst = e;
    if (!(e <= 1e-11))
      print_error("%s: fast %.17g direct %.17g reference %.17g\n", line, v, d,
                  ref);
    assert_true(e <= 1e-11);
    rows++;
  }
  fclose(f);
  print_message("reference: %zu rows, %zu by the dot product, worst %.3g\n",
                rows, fast, worst);
  assert_true(rows >= 30);
  assert_true(fast * 10 >= rows * 7);
  kw_context_free(ctx);
}

/* ------------------------------------------------------ customers */

typedef struct cust {
  size_t n;
  double *x, *tx, *T, *spend;
} cust;

/* Customers on a day grid in weeks, as the main job passes them, with
 * duplicated patterns and a few x = 0 rows with t_x left non-zero. */
static cust make_customers(gsl_rng *rng, size_t n, const double *p) {
  cust c = {n, malloc(n * sizeof(double)), malloc(n * sizeof(double)),
            malloc(n * sizeof(double)), malloc(n * sizeof(double))};
  for (size_t i = 0; i < n; i++) {
    int Td = 30 + (int)gsl_rng_uniform_int(rng, 400);
    double lam = gsl_ran_gamma(rng, p[0], 1 / p[1]);
    double q = gsl_ran_beta(rng, p[2], p[3]);
    double t = 0;
    int k = 0, last = 0;
    for (;;) {
      t += gsl_ran_exponential(rng, 1 / lam) * 7;
      if (t > Td) break;
      if ((int)t > last) {
        k++;
        last = (int)t;
      }
      if (gsl_rng_uniform(rng) < q) break;
    }
    c.x[i] = k;
    c.tx[i] = k ? last / 7.0 : (i % 9 == 0 ? 1.5 : 0);
    c.T[i] = Td / 7.0;
    c.spend[i] = i % 17 == 0 ? 0 : gsl_ran_gamma(rng, 6, 3);
  }
  return c;
}

static void cust_free(cust *c) {
  free(c->x);
  free(c->tx);
  free(c->T);
  free(c->spend);
}

/* The delta method customer by customer, as kw_clv_intervals computed it
 * before it worked per pattern: predictions at the estimate and at
 * p_j +- h_j for every customer through the public calls. */
static void slow_intervals(kw_context *ctx, const kw_clv_fit *f,
                           const double *cov, const cust *c,
                           const kw_clv_value_options *vo, double level,
                           kw_clv_interval_out *out) {
  const kw_clv_result *r = kw_clv_fit_result(f);
  size_t np = r->n_params, n = c->n;
  double z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
  double *pa0 = malloc(n * sizeof(double)), *v0 = malloc(n * sizeof(double));
  double *pa1 = malloc(n * sizeof(double)), *v1 = malloc(n * sizeof(double));
  double *dpa = malloc(n * np * sizeof(double));
  double *dv = malloc(n * np * sizeof(double));
  kw_clv_fit *g = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, r->model, r->params, &g), 0);
  assert_int_equal(kw_clv_p_alive(ctx, g, c->x, c->tx, c->T, n, pa0), 0);
  assert_int_equal(
      kw_clv_value(ctx, g, c->x, c->tx, c->T, c->spend, n, vo, v0), 0);
  kw_clv_fit_free(g);
  double dtot[KW_CLV_MAX_PARAMS] = {0};
  for (size_t j = 0; j < np; j++) {
    double p[KW_CLV_MAX_PARAMS];
    double h = 1e-4 * r->params[j];
    for (int s = 0; s < 2; s++) {
      memcpy(p, r->params, sizeof p);
      p[j] = r->params[j] + (s ? -h : h);
      assert_int_equal(kw_clv_fit_from_params(ctx, r->model, p, &g), 0);
      assert_int_equal(kw_clv_p_alive(ctx, g, c->x, c->tx, c->T, n, pa1), 0);
      assert_int_equal(
          kw_clv_value(ctx, g, c->x, c->tx, c->T, c->spend, n, vo, v1), 0);
      kw_clv_fit_free(g);
      for (size_t i = 0; i < n; i++) {
        if (!s) {
          dpa[i * np + j] = pa1[i];
          dv[i * np + j] = v1[i];
        } else {
          dpa[i * np + j] = (dpa[i * np + j] - pa1[i]) / (2 * h);
          dv[i * np + j] = (dv[i * np + j] - v1[i]) / (2 * h);
          dtot[j] += dv[i * np + j];
        }
      }
    }
  }
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    total += v0[i];
    double p = pa0[i];
    if (p <= 0 || p >= 1) {
      out->p_alive_lo[i] = out->p_alive_hi[i] = p;
    } else {
      double q = 0;
      for (size_t a = 0; a < np; a++)
        for (size_t b = 0; b < np; b++)
          q += dpa[i * np + a] * dpa[i * np + b] * cov[a * np + b];
      double s = sqrt(q > 0 ? q : 0) / (p * (1 - p));
      double lg = log(p / (1 - p));
      out->p_alive_lo[i] = 1 / (1 + exp(-(lg - z * s)));
      out->p_alive_hi[i] = 1 / (1 + exp(-(lg + z * s)));
    }
    double q = 0;
    for (size_t a = 0; a < np; a++)
      for (size_t b = 0; b < np; b++)
        q += dv[i * np + a] * dv[i * np + b] * cov[a * np + b];
    q = q > 0 ? q : 0;
    if (!(v0[i] > 0)) {
      out->value_lo[i] = out->value_hi[i] = v0[i];
    } else {
      double s = sqrt(q) / v0[i];
      out->value_lo[i] = v0[i] * exp(-z * s);
      out->value_hi[i] = v0[i] * exp(z * s);
    }
  }
  double q = 0;
  for (size_t a = 0; a < np; a++)
    for (size_t b = 0; b < np; b++) q += dtot[a] * dtot[b] * cov[a * np + b];
  q = q > 0 ? q : 0;
  double s = sqrt(q) / total;
  out->total_lo = total * exp(-z * s);
  out->total_hi = total * exp(z * s);
  free(pa0);
  free(v0);
  free(pa1);
  free(v1);
  free(dpa);
  free(dv);
}

/* The covariance from the customer-by-customer gradient sums. */
static void slow_covariance(kw_context *ctx, const kw_clv_fit *f,
                            const cust *c, double *H) {
  const kw_clv_result *r = kw_clv_fit_result(f);
  size_t np = r->n_params;
  for (size_t j = 0; j < np; j++) {
    double p[KW_CLV_MAX_PARAMS], gp[KW_CLV_MAX_PARAMS] = {0},
                                 gm[KW_CLV_MAX_PARAMS] = {0};
    double h = 1e-4 * r->params[j];
    for (int s = 0; s < 2; s++) {
      memcpy(p, r->params, sizeof p);
      p[j] = r->params[j] + (s ? -h : h);
      for (size_t i = 0; i < c->n; i++) {
        double ll, gi[KW_CLV_MAX_PARAMS];
        assert_int_equal(kw_clv_loglik(ctx, r->model, p, c->x[i],
                                       c->x[i] > 0 ? c->tx[i] : 0, c->T[i],
                                       &ll, gi),
                         0);
        for (size_t k = 0; k < np; k++) (s ? gm : gp)[k] += gi[k];
      }
    }
    for (size_t i = 0; i < np; i++) H[i * np + j] = (gp[i] - gm[i]) / (2 * h);
  }
}

static void check_model(kw_clv_model m, size_t n, unsigned long seed,
                        double disc) {
  kw_context *ctx = kw_context_new();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  double truth[4] = {0.3, 4, 0.8, 2.5};
  cust c = make_customers(rng, n, truth);
  kw_clv_fit *f = NULL;
  assert_int_equal(
      kw_clv_fit_model(ctx, m, c.x, c.tx, c.T, NULL, n, NULL, &f), KW_OK);
  const kw_clv_result *r = kw_clv_fit_result(f);
  size_t np = r->n_params;

  /* covariance: the fit's Hessian (same rows), recomputed over patterns
   * (rows in another order: no reuse), and customer by customer */
  double cov[16], cov2[16], H[16], cov3[16];
  assert_int_equal(kw_clv_covariance(ctx, f, c.x, c.tx, c.T, n, cov), KW_OK);
  cust rc = {n, malloc(n * sizeof(double)), malloc(n * sizeof(double)),
             malloc(n * sizeof(double)), malloc(n * sizeof(double))};
  for (size_t i = 0; i < n; i++) {
    rc.x[i] = c.x[n - 1 - i];
    rc.tx[i] = c.tx[n - 1 - i];
    rc.T[i] = c.T[n - 1 - i];
    rc.spend[i] = c.spend[n - 1 - i];
  }
  assert_int_equal(kw_clv_covariance(ctx, f, rc.x, rc.tx, rc.T, n, cov2),
                   KW_OK);
  slow_covariance(ctx, f, &c, H);
  for (size_t i = 0; i < np; i++)
    for (size_t j = 0; j < np; j++)
      cov3[i * np + j] = -0.5 * (H[i * np + j] + H[j * np + i]);
  /* invert cov3 through the library: compare cov^-1 with cov3 instead */
  for (size_t i = 0; i < np; i++)
    for (size_t j = 0; j < np; j++) {
      double inf = 0;
      for (size_t k = 0; k < np; k++) inf += cov3[i * np + k] * cov[k * np + j];
      /* cov3 (the information) times cov is the identity */
      if (!(fabs(inf - (i == j)) <= 1e-7)) {
        print_error("info x cov [%zu][%zu] = %.12g\n", i, j, inf);
        fail();
      }
      /* another summation order: the finite differences of the gradient
       * sums carry their rounding at about 1e-9 of the scale */
      double scale = sqrt(cov[i * np + i] * cov[j * np + j]);
      if (!(fabs(cov[i * np + j] - cov2[i * np + j]) <= 1e-8 * scale)) {
        print_error("cov[%zu][%zu] %.17g vs %.17g\n", i, j, cov[i * np + j],
                    cov2[i * np + j]);
        fail();
      }
    }

  /* intervals: per pattern == customer by customer, bit for bit */
  kw_clv_value_options vo;
  kw_clv_value_options_init(&vo);
  vo.horizon = 52;
  vo.discount = disc;
  vo.margin = 0.35;
  double *a[8];
  for (int k = 0; k < 8; k++) a[k] = malloc(n * sizeof(double));
  kw_clv_interval_out fast = {a[0], a[1], a[2], a[3], NAN, NAN};
  kw_clv_interval_out slow = {a[4], a[5], a[6], a[7], NAN, NAN};
  assert_int_equal(kw_clv_intervals(ctx, f, cov, c.x, c.tx, c.T, c.spend, n,
                                    &vo, 0.9, &fast),
                   KW_OK);
  slow_intervals(ctx, f, cov, &c, &vo, 0.9, &slow);
  for (int k = 0; k < 4; k++)
    for (size_t i = 0; i < n; i++)
      if (memcmp(&a[k][i], &a[k + 4][i], sizeof(double)) != 0) {
        print_error("%s: column %d customer %zu: %.17g vs %.17g\n",
                    kw_clv_model_name(m), k, i, a[k][i], a[k + 4][i]);
        fail();
      }
  assert_true(fast.total_lo == slow.total_lo);
  assert_true(fast.total_hi == slow.total_hi);
  assert_true(fast.total_lo < fast.total_hi);

  /* value and expected: the group cache only dedupes */
  double *v = malloc(n * sizeof(double)), *e = malloc(n * sizeof(double));
  assert_int_equal(
      kw_clv_value(ctx, f, c.x, c.tx, c.T, c.spend, n, &vo, v), KW_OK);
  assert_int_equal(kw_clv_expected(ctx, f, c.x, c.tx, c.T, n, 26, e), KW_OK);
  for (size_t i = 0; i < n; i += 7) {
    double v1, e1;
    assert_int_equal(kw_clv_value(ctx, f, &c.x[i], &c.tx[i], &c.T[i],
                                  &c.spend[i], 1, &vo, &v1),
                     KW_OK);
    assert_int_equal(
        kw_clv_expected(ctx, f, &c.x[i], &c.tx[i], &c.T[i], 1, 26, &e1),
        KW_OK);
    assert_true(memcmp(&v1, &v[i], sizeof v1) == 0);
    assert_true(memcmp(&e1, &e[i], sizeof e1) == 0);
  }
  free(v);
  free(e);
  for (int k = 0; k < 8; k++) free(a[k]);
  cust_free(&rc);
  cust_free(&c);
  kw_clv_fit_free(f);
  gsl_rng_free(rng);
  kw_context_free(ctx);
}

static void test_fast_bgnbd(void **state) {
  (void)state;
  check_model(KW_CLV_BGNBD, 3000, 1, 0.001834);
  check_model(KW_CLV_BGNBD, 800, 2, 0);
}

static void test_fast_mbgnbd(void **state) {
  (void)state;
  check_model(KW_CLV_MBGNBD, 2000, 3, 0.0077);
}

static void test_fast_pnbd(void **state) {
  (void)state;
  check_model(KW_CLV_PNBD, 1500, 4, 0.001834);
}

/* Errors come out as the customer-by-customer pass reported them. */
static void test_intervals_errors(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double p[4] = {0.3, 4, 0.8, 2.5}, cov[16] = {0};
  for (int i = 0; i < 4; i++) cov[i * 5] = 0.01;
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, p, &f), KW_OK);
  double x[3] = {1, 2, 1.5}, tx[3] = {1, 2, 1}, T[3] = {3, 4, 5};
  double sp[3] = {1, 2, 3}, lo[3], hi[3];
  kw_clv_interval_out io = {lo, hi, NULL, NULL, 0, 0};
  assert_int_equal(
      kw_clv_intervals(ctx, f, cov, x, tx, T, sp, 3, NULL, 0.9, &io),
      KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "row 3"));
  x[2] = 1;
  sp[1] = NAN;
  assert_int_equal(
      kw_clv_intervals(ctx, f, cov, x, tx, T, sp, 3, NULL, 0.9, &io),
      KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "spend not finite"));
  sp[1] = 2;
  assert_int_equal(
      kw_clv_intervals(ctx, f, cov, x, tx, T, sp, 3, NULL, 1.5, &io),
      KW_EARG);
  assert_int_equal(
      kw_clv_intervals(ctx, f, cov, x, tx, T, sp, 3, NULL, 0.9, &io), KW_OK);
  assert_true(lo[0] < hi[0]);
  assert_true(io.total_lo < io.total_hi);
  kw_clv_fit_free(f);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_disc_random),
      cmocka_unit_test(test_disc_edges),
      cmocka_unit_test(test_disc_reference),
      cmocka_unit_test(test_fast_bgnbd),
      cmocka_unit_test(test_fast_mbgnbd),
      cmocka_unit_test(test_fast_pnbd),
      cmocka_unit_test(test_intervals_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
