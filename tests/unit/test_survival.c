/* Unit tests: Kaplan–Meier, Greenwood, log-log intervals, medians, at-risk
 * tables and the log-rank test on small cases worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"

#include "klantwijs.h"
#include "klantwijs/survival.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/*
 * Durations 1e, 2c, 2e, 3e, 4c, 5e (e = event, c = censored).
 * Events first at ties, so at t = 2 the censored subject is still at risk:
 *   t=1: n=6 d=1        S = 5/6            sum = 1/(6*5) = 1/30
 *   t=2: n=5 d=1 c=1    S = 5/6*4/5 = 2/3  sum += 1/(5*4) -> 1/12
 *   t=3: n=3 d=1        S = 2/3*2/3 = 4/9  sum += 1/(3*2) -> 1/4
 *   t=4: n=2 d=0 c=1    S = 4/9
 *   t=5: n=1 d=1        S = 0
 * Greenwood Var S(2) = (2/3)^2 * 1/12 = 1/27; median = 3 (first S <= .5).
 */
static const double dur6[] = {1, 2, 2, 3, 4, 5};
static const int8_t ev6[] = {1, 0, 1, 1, 0, 1};

static void test_km_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_km_options o;
  kw_km_options_init(&o);
  const double at[] = {0.5, 2, 10};
  o.at_times = at;
  o.n_at_times = 3;
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, dur6, ev6, 6, NULL, 0, NULL, &o, &km),
                   KW_OK);
  assert_int_equal(kw_km_groups(km), 1);
  assert_string_equal(kw_km_group_name(km, 0), "all");
  const kw_km_curve *c = kw_km_group_curve(km, 0);
  assert_int_equal(c->n, 6);
  assert_int_equal(c->n_events, 4);
  assert_int_equal(c->n_times, 5);
  const double S[] = {5.0 / 6, 2.0 / 3, 4.0 / 9, 4.0 / 9, 0};
  const uint64_t nr[] = {6, 5, 3, 2, 1}, d[] = {1, 1, 1, 0, 1},
                 cz[] = {0, 1, 0, 1, 0};
  const double sum[] = {1.0 / 30, 1.0 / 12, 1.0 / 4, 1.0 / 4, 0};
  for (size_t i = 0; i < 5; i++) {
    NEAR(c->time[i], (double)(i + 1), 0);
    assert_int_equal(c->at_risk[i], nr[i]);
    assert_int_equal(c->events[i], d[i]);
    assert_int_equal(c->censored[i], cz[i]);
    NEAR(c->survival[i], S[i], 1e-14);
    if (i < 4) NEAR(c->variance[i], S[i] * S[i] * sum[i], 1e-14);
  }
  NEAR(c->variance[1], 1.0 / 27, 1e-14);
  /* log-log interval, written as S^exp(+-z s/|log S|) (z = 1.959964) */
  const double z = 1.959963984540054;
  for (size_t i = 0; i < 4; i++) {
    double e = exp(z * sqrt(sum[i]) / fabs(log(S[i])));
    NEAR(c->ci_lower[i], pow(S[i], e), 1e-12);
    NEAR(c->ci_upper[i], pow(S[i], 1.0 / e), 1e-12);
    assert_true(c->ci_lower[i] < S[i] && S[i] < c->ci_upper[i]);
  }
  NEAR(c->ci_lower[4], 0, 0);
  NEAR(c->ci_upper[4], 0, 0);

  const kw_km_median *m = kw_km_group_median(km, 0);
  assert_true(m->median_reached);
  NEAR(m->median, 3, 0);
  /* median CI: first time each interval curve is <= 0.5. The lower curve
   * at t=1 is (5/6)^exp(z sqrt(1/30)/log(6/5)) = (5/6)^7.118 = 0.273, so
   * lower = 1. The upper curve at t=3 and t=4 is
   * (4/9)^(1/exp(z sqrt(1/4)/log(9/4))) = (4/9)^(1/3.348) = 0.785, and 0
   * at t=5 where S = 0, so upper = 5. */
  assert_true(m->lower_reached);
  NEAR(m->lower, 1, 0);
  assert_true(m->upper_reached);
  NEAR(m->upper, 5, 0);

  double s, lo, hi;
  assert_true(kw_km_survival_at(km, 0, 0.99, &s, &lo, &hi));
  NEAR(s, 1, 0);
  assert_true(kw_km_survival_at(km, 0, 3.5, &s, NULL, NULL));
  NEAR(s, 4.0 / 9, 1e-14);
  assert_false(kw_km_survival_at(km, 1, 3.5, &s, NULL, NULL));

  /* at risk = duration > tau; events, censored = duration <= tau */
  const kw_km_at_risk *r = kw_km_group_at_risk(km, 0);
  assert_int_equal(r->n_times, 3);
  assert_int_equal(r->at_risk[0], 6);
  assert_int_equal(r->events[0], 0);
  assert_int_equal(r->censored[0], 0);
  assert_int_equal(r->at_risk[1], 3); /* 3, 4, 5 */
  assert_int_equal(r->events[1], 2);
  assert_int_equal(r->censored[1], 1);
  assert_int_equal(r->at_risk[2], 0);
  assert_int_equal(r->events[2], 4);
  assert_int_equal(r->censored[2], 2);
  assert_false(kw_km_logrank(km)->computed); /* one group */
  kw_km_free(km);
  kw_context_free(ctx);
}

/* A curve that never reaches one half: median not reached. */
static void test_km_not_reached(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const double d[] = {1, 2, 3, 4};
  const int8_t e[] = {1, 0, 0, 0}; /* S = 3/4 from t = 1 on */
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, d, e, 4, NULL, 0, NULL, NULL, &km), KW_OK);
  const kw_km_median *m = kw_km_group_median(km, 0);
  assert_false(m->median_reached);
  assert_false(m->upper_reached);
  NEAR(m->median, 0, 0);
  kw_km_free(km);
  kw_context_free(ctx);
}

/*
 * Log-rank, two groups: A = {1e, 3e}, B = {2e, 4c}.
 *   t=1: n=4, n_A=2, d=1: E_A = 1/2,  V = 1*3/3 * 1/2 * 1/2 = 1/4
 *   t=2: n=3, n_A=1, d=1: E_A += 1/3, V += 1*2/2 * 1/3 * 2/3 = 2/9
 *   t=3: n=2, n_A=1, d=1: E_A += 1/2, V += 1*1/1 * 1/2 * 1/2 = 1/4
 * O_A = 2, E_A = 4/3, V = 13/18: chi2 = (2/3)^2 / (13/18) = 8/13, df = 1,
 * p = P(chi2_1 > 8/13) = erfc(sqrt(4/13)).
 */
static void test_logrank_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const double d[] = {1, 3, 2, 4};
  const int8_t e[] = {1, 1, 1, 0};
  const uint32_t g[] = {0, 0, 1, 1};
  const char *names[] = {"A", "B"};
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, d, e, 4, g, 2, names, NULL, &km), KW_OK);
  assert_string_equal(kw_km_group_name(km, 1), "B");
  const kw_logrank *lr = kw_km_logrank(km);
  assert_true(lr->computed);
  NEAR(lr->chi2, 8.0 / 13, 1e-12);
  NEAR(lr->df, 1, 0);
  NEAR(lr->p_value, erfc(sqrt(4.0 / 13)), 1e-10);
  NEAR(lr->observed[0], 2, 0);
  NEAR(lr->expected[0], 4.0 / 3, 1e-12);
  NEAR(lr->observed[1], 1, 0);
  NEAR(lr->expected[1], 5.0 / 3, 1e-12); /* 3 events in all */
  /* group B: 2e at n=2 -> 1/2; 4c */
  const kw_km_curve *cb = kw_km_group_curve(km, 1);
  assert_int_equal(cb->n_times, 2);
  NEAR(cb->survival[0], 0.5, 1e-15);
  kw_km_free(km);
  kw_context_free(ctx);
}

/*
 * Published value: the Freireich 6-MP leukaemia data (Gehan 1965), as in
 * the example of R's fastlogranktest::logrank_test and survival::survdiff:
 * chi2 = 16.79294, p = 4.168809e-05.
 */
static void test_logrank_freireich(void **state) {
  (void)state;
  const double t1[] = {6,  6,  6,  6,  7,  9,  10, 10, 11, 13, 16,
                       17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
  const int8_t e1[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1,
                       0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
  const double t2[] = {1, 1, 2,  2,  3,  4,  4,  5,  5,  8, 8,
                       8, 8, 11, 11, 12, 12, 15, 17, 22, 23};
  double d[42];
  int8_t e[42];
  uint32_t g[42];
  for (size_t i = 0; i < 21; i++) {
    d[i] = t1[i];
    e[i] = e1[i];
    g[i] = 0;
    d[21 + i] = t2[i];
    e[21 + i] = 1;
    g[21 + i] = 1;
  }
  kw_context *ctx = kw_context_new();
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, d, e, 42, g, 2, NULL, NULL, &km), KW_OK);
  const kw_logrank *lr = kw_km_logrank(km);
  assert_true(lr->computed);
  NEAR(lr->chi2, 16.79294, 5e-6);
  NEAR(lr->p_value, 4.168809e-05, 5e-11);
  NEAR(lr->observed[0], 9, 0);
  NEAR(lr->observed[1], 21, 0);
  kw_km_free(km);
  kw_context_free(ctx);
}

/* Identical groups: chi2 = 0, p = 1. An empty group is left out. */
static void test_logrank_equal(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const double d[] = {1, 2, 3, 1, 2, 3};
  const int8_t e[] = {1, 1, 0, 1, 1, 0};
  const uint32_t g[] = {0, 0, 0, 2, 2, 2};
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, d, e, 6, g, 3, NULL, NULL, &km), KW_OK);
  assert_string_equal(kw_km_group_name(km, 1), "group 1");
  assert_int_equal(kw_km_group_curve(km, 1)->n, 0);
  assert_int_equal(kw_km_group_curve(km, 1)->n_times, 0);
  const kw_logrank *lr = kw_km_logrank(km);
  assert_true(lr->computed);
  NEAR(lr->chi2, 0, 1e-12);
  NEAR(lr->df, 1, 0);
  NEAR(lr->p_value, 1, 1e-12);
  kw_km_free(km);
  kw_context_free(ctx);
}

static int nwarn;
static void count_warn(void *u, kw_log_level l, const char *msg) {
  (void)u;
  (void)msg;
  if (l == KW_LOG_WARN) nwarn++;
}

static void test_km_input(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, count_warn, NULL);
  /* NaN duration, missing event flag and missing group are skipped */
  const double d[] = {1, NAN, 2, 3, 4};
  const int8_t e[] = {1, 1, KW_NA_FLAG, 1, 0};
  const uint32_t g[] = {0, 0, 0, KW_NA_ID, 0};
  kw_km *km = NULL;
  nwarn = 0;
  assert_int_equal(kw_km_fit(ctx, d, e, 5, g, 1, NULL, NULL, &km), KW_OK);
  assert_int_equal(kw_km_skipped(km), 3);
  assert_int_equal(nwarn, 1);
  assert_int_equal(kw_km_group_curve(km, 0)->n, 2);
  kw_km_free(km);
  /* errors */
  const double neg[] = {1, -1};
  const int8_t e2[] = {1, 1};
  km = (kw_km *)1;
  assert_int_equal(kw_km_fit(ctx, neg, e2, 2, NULL, 0, NULL, NULL, &km),
                   KW_EINPUT);
  assert_null(km);
  const uint32_t bad[] = {0, 5};
  const double pos[] = {1, 2};
  assert_int_equal(kw_km_fit(ctx, pos, e2, 2, bad, 2, NULL, NULL, &km),
                   KW_EARG);
  assert_true(strstr(kw_errmsg(ctx), "group") != NULL);
  kw_km_options o;
  kw_km_options_init(&o);
  o.alpha = 1.5;
  assert_int_equal(kw_km_fit(ctx, pos, e2, 2, NULL, 0, NULL, &o, &km),
                   KW_EARG);
  /* no rows: an empty curve, S = 1 everywhere */
  assert_int_equal(kw_km_fit(ctx, NULL, NULL, 0, NULL, 0, NULL, NULL, &km),
                   KW_OK);
  double s;
  assert_true(kw_km_survival_at(km, 0, 5, &s, NULL, NULL));
  NEAR(s, 1, 0);
  assert_false(kw_km_group_median(km, 0)->median_reached);
  kw_km_free(km);
  kw_km_free(NULL);
  kw_context_free(ctx);
}

/* Out of memory anywhere must come back as KW_ENOMEM, never a crash. */
static failing lim = {0, true};

static void test_km_oom(void **state) {
  (void)state;
  kw_allocator al = failing_allocator(&lim);
  const double d[] = {1, 3, 2, 4, 2, 5};
  const int8_t e[] = {1, 1, 1, 0, 0, 1};
  const uint32_t g[] = {0, 0, 1, 1, 2, 2};
  const double at[] = {1, 2};
  kw_km_options o;
  kw_km_options_init(&o);
  o.at_times = at;
  o.n_at_times = 2;
  int ok = 0;
  for (int limit = 0; limit < 60; limit++) {
    lim.left = 1;
    kw_context *ctx = kw_context_new_with_allocator(&al);
    assert_non_null(ctx);
    lim.left = limit;
    kw_km *km = NULL;
    kw_status st = kw_km_fit(ctx, d, e, 6, g, 3, NULL, &o, &km);
    assert_true(st == KW_OK || st == KW_ENOMEM);
    if (st == KW_OK) {
      ok++;
      assert_true(kw_km_logrank(km)->computed);
    } else {
      assert_null(km);
    }
    kw_km_free(km);
    kw_context_free(ctx);
  }
  assert_true(ok > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_km_hand),      cmocka_unit_test(test_km_not_reached),
      cmocka_unit_test(test_logrank_hand), cmocka_unit_test(test_logrank_equal),
      cmocka_unit_test(test_logrank_freireich),
      cmocka_unit_test(test_km_input),     cmocka_unit_test(test_km_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
