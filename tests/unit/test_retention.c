/* Unit tests: sBG, calendar periods, cohorts, churn rules (purchases and
 * contracts), churn drivers (Wilson, medians, logistic regression, AUC,
 * calibration). Expectations are worked out by hand in the comments, or
 * computed a second way inside the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>

#include "data/table.h"
#include "klantwijs.h"
#include "klantwijs/retention.h"
#include "stats/logistic.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static int32_t D(const char *iso) {
  int y, m, d;
  assert_int_equal(sscanf(iso, "%d-%d-%d", &y, &m, &d), 3);
  return kw_date_from_ymd(y, m, d);
}

static int nwarn;
static void count_warn(void *u, kw_log_level l, const char *msg) {
  (void)u;
  (void)msg;
  if (l == KW_LOG_WARN) nwarn++;
}

/* ================================================================= sBG */

static const double regular[] = {1000, 631, 468, 382, 326, 289, 262, 241};
static const double highend[] = {1000, 869, 743, 653, 593, 551, 517, 491};

/* LL by the recursion P(1) = a/(a+b), P(t) = P(t-1) (b+t-2)/(a+b+t-1),
 * S(T) = 1 - sum P (Fader & Hardie 2007, eq. 5-7). */
static double ll_recursion(const double *n, size_t T, double a, double b) {
  double P = a / (a + b), S = 1 - P, ll = 0;
  for (size_t t = 1; t <= T; t++) {
    if (t > 1) {
      P *= (b + (double)t - 2) / (a + b + (double)t - 1);
      S -= P;
    }
    ll += (n[t - 1] - n[t]) * log(P);
  }
  return ll + n[T] * log(S);
}

static void test_sbg_paper(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const struct {
    const double *n;
    double a, b;
  } cases[] = {{regular, 0.704, 1.182}, {highend, 0.668, 3.806}};
  for (int i = 0; i < 2; i++) {
    kw_sbg *m = NULL;
    assert_int_equal(kw_sbg_fit(ctx, cases[i].n, 8, NULL, &m), KW_OK);
    const kw_sbg_fit_info *I = kw_sbg_info(m);
    /* published to three decimals */
    NEAR(I->alpha, cases[i].a, 0.0005);
    NEAR(I->beta, cases[i].b, 0.0005);
    assert_int_equal(I->status, KW_OK);
    assert_true(I->iterations > 0);
    assert_true(I->grad_norm < 1e-4);
    assert_int_equal(I->periods, 7);
    NEAR(I->cohort, 1000, 0);
    NEAR(I->loglik, ll_recursion(cases[i].n, 7, I->alpha, I->beta), 1e-8);
    /* a maximum: nudging either parameter lowers the recursion LL */
    double ll = I->loglik;
    assert_true(ll_recursion(cases[i].n, 7, I->alpha * 1.01, I->beta) < ll);
    assert_true(ll_recursion(cases[i].n, 7, I->alpha * 0.99, I->beta) < ll);
    assert_true(ll_recursion(cases[i].n, 7, I->alpha, I->beta * 1.01) < ll);
    assert_true(ll_recursion(cases[i].n, 7, I->alpha, I->beta * 0.99) < ll);

    /* standard errors against a finite-difference Hessian of the
     * recursion LL */
    double a = I->alpha, b = I->beta, ha = 1e-4 * a, hb = 1e-4 * b;
    const double *n = cases[i].n;
#define L(x, y) ll_recursion(n, 7, (x), (y))
    double faa = (L(a + ha, b) - 2 * L(a, b) + L(a - ha, b)) / (ha * ha);
    double fbb = (L(a, b + hb) - 2 * L(a, b) + L(a, b - hb)) / (hb * hb);
    double fab = (L(a + ha, b + hb) - L(a + ha, b - hb) - L(a - ha, b + hb) +
                  L(a - ha, b - hb)) /
                 (4 * ha * hb);
#undef L
    double det = faa * fbb - fab * fab;
    NEAR(I->se_alpha, sqrt(-fbb / det), 1e-3 * I->se_alpha);
    NEAR(I->se_beta, sqrt(-faa / det), 1e-3 * I->se_beta);

    /* curves against the recursion */
    double P = a / (a + b), S = 1 - P;
    NEAR(kw_sbg_survival(m, 0), 1, 0);
    NEAR(kw_sbg_survival(m, 1), S, 1e-12);
    NEAR(kw_sbg_churn_probability(m, 1), P, 1e-12);
    for (unsigned t = 2; t <= 20; t++) {
      P *= (b + t - 2) / (a + b + t - 1);
      S -= P;
      NEAR(kw_sbg_churn_probability(m, t), P, 1e-12);
      NEAR(kw_sbg_survival(m, t), S, 1e-12);
      NEAR(kw_sbg_retention(m, t),
           kw_sbg_survival(m, t) / kw_sbg_survival(m, t - 1), 1e-12);
    }
    double el;
    assert_false(kw_sbg_expected_lifetime(m, &el)); /* alpha < 1 */
    NEAR(el, 0, 0);
    /* within a horizon: 1 + S(1) + S(2) */
    NEAR(kw_sbg_expected_lifetime_within(m, 3),
         1 + kw_sbg_survival(m, 1) + kw_sbg_survival(m, 2), 1e-12);

    /* DERL against the discounted sum of conditional survival,
     * sum_k S(n+k)/S(n-1) / 1.1^k, and against GSL's 2F1 */
    for (unsigned r = 0; r <= 4; r += 4) {
      double nn = r + 1.0, d = 0.1, direct = 0;
      for (int k = 0; k < 3000; k++)
        direct += exp(gsl_sf_lnbeta(a, b + nn + k) -
                      gsl_sf_lnbeta(a, b + nn - 1)) *
                  pow(1 + d, -k);
      double derl;
      assert_int_equal(kw_sbg_derl(m, d, r, &derl), KW_OK);
      NEAR(derl, direct, 1e-9 * direct);
      double hyp = (b + nn - 1) / (a + b + nn - 1) *
                   gsl_sf_hyperg_2F1(1, b + nn, a + b + nn, 1 / (1 + d));
      NEAR(derl, hyp, 1e-8 * hyp);
    }
    /* a small discount rate, where the series converges slowly and
     * z = 1/1.001 is close to 1: against 400000 terms summed directly */
    {
      double d = 0.001, direct = 0, q = 1, lb0 = gsl_sf_lnbeta(a, b + 2);
      for (int k = 0; k < 400000; k++, q /= 1 + d)
        direct += exp(gsl_sf_lnbeta(a, b + 3 + k) - lb0) * q;
      double derl;
      assert_int_equal(kw_sbg_derl(m, d, 2, &derl), KW_OK);
      NEAR(derl, direct, 1e-8 * direct);
    }
    double derl;
    assert_int_equal(kw_sbg_derl(m, 0, 0, &derl), KW_EARG);
    kw_sbg_free(m);
  }
  kw_sbg_free(NULL);
  kw_context_free(ctx);
}

/* Expected survivors of a known model are a fixed point of the maximum
 * likelihood fit: fitting n_t = 1000 S(t) with alpha = 3, beta = 6 must
 * return (3, 6); then E[T] = (3 + 6 - 1) / (3 - 1) = 4. */
static void test_sbg_recover(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double n[13];
  for (int t = 0; t < 13; t++)
    n[t] = 1000 * exp(gsl_sf_lnbeta(3, 6 + t) - gsl_sf_lnbeta(3, 6));
  kw_sbg *m = NULL;
  assert_int_equal(kw_sbg_fit(ctx, n, 13, NULL, &m), KW_OK);
  NEAR(kw_sbg_info(m)->alpha, 3, 1e-5);
  NEAR(kw_sbg_info(m)->beta, 6, 1e-5);
  double el;
  assert_true(kw_sbg_expected_lifetime(m, &el));
  NEAR(el, (kw_sbg_info(m)->alpha + kw_sbg_info(m)->beta - 1) /
               (kw_sbg_info(m)->alpha - 1),
       1e-12);
  NEAR(el, 4, 1e-4);
  /* the sum of S(t) approaches E[T]: the tail beyond 20000 is ~ 1e-7 */
  NEAR(kw_sbg_expected_lifetime_within(m, 20000), el, 1e-5);
  kw_sbg_free(m);

  /* input errors */
  const double up[] = {100, 90, 95};
  assert_int_equal(kw_sbg_fit(ctx, up, 3, NULL, &m), KW_EINPUT);
  assert_null(m);
  assert_int_equal(kw_sbg_fit(ctx, up, 1, NULL, &m), KW_EARG);
  const double zero[] = {0, 0};
  assert_int_equal(kw_sbg_fit(ctx, zero, 2, NULL, &m), KW_EINPUT);
  const double nan_[] = {10, NAN};
  assert_int_equal(kw_sbg_fit(ctx, nan_, 2, NULL, &m), KW_EINPUT);
  const double flat[] = {10, 10, 10}, gone[] = {10, 0, 0};
  assert_int_equal(kw_sbg_fit(ctx, flat, 3, NULL, &m), KW_EINPUT);
  assert_int_equal(kw_sbg_fit(ctx, gone, 3, NULL, &m), KW_EINPUT);

  /* one iteration is not enough: a model, flagged and warned about */
  kw_context_set_log(ctx, count_warn, NULL);
  nwarn = 0;
  kw_sbg_options so;
  kw_sbg_options_init(&so);
  so.max_iter = 1;
  assert_int_equal(kw_sbg_fit(ctx, regular, 8, &so, &m), KW_OK);
  assert_int_equal(kw_sbg_info(m)->status, KW_ENOCONV);
  assert_int_equal(kw_sbg_info(m)->iterations, 1);
  assert_int_equal(nwarn, 1);
  kw_sbg_free(m);
  kw_context_free(ctx);
}

/* The censored form: (a) the regular cohort as counts gives the same fit
 * as the survivors; (b) two cohorts observed over different spans (the
 * regular one for 7 periods, the high-end one only for 3: 1000, 869, 743,
 * 653) pooled as counts have LL = LL_regular + LL_highend3 by the
 * recursion, and the estimate is a maximum of that sum. */
static void test_sbg_counts(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  double d[8] = {0}, c[8] = {0};
  for (int t = 1; t < 8; t++) d[t] = regular[t - 1] - regular[t];
  c[7] = regular[7];
  kw_sbg *m1 = NULL, *m2 = NULL;
  assert_int_equal(kw_sbg_fit(ctx, regular, 8, NULL, &m1), KW_OK);
  assert_int_equal(kw_sbg_fit_counts(ctx, d, c, 8, NULL, &m2), KW_OK);
  NEAR(kw_sbg_info(m2)->alpha, kw_sbg_info(m1)->alpha, 1e-6);
  NEAR(kw_sbg_info(m2)->beta, kw_sbg_info(m1)->beta, 1e-6);
  NEAR(kw_sbg_info(m2)->loglik, kw_sbg_info(m1)->loglik, 1e-8);
  NEAR(kw_sbg_info(m2)->cohort, 1000, 0);
  kw_sbg_free(m1);
  kw_sbg_free(m2);

  /* add the high-end cohort cut after period 3: 131, 126, 90 churned in
   * periods 1..3, 653 censored after 3 */
  d[1] += 131;
  d[2] += 126;
  d[3] += 90;
  c[3] += 653;
  assert_int_equal(kw_sbg_fit_counts(ctx, d, c, 8, NULL, &m2), KW_OK);
  const kw_sbg_fit_info *I = kw_sbg_info(m2);
  NEAR(I->cohort, 2000, 0);
  assert_int_equal(I->periods, 7);
  assert_int_equal(I->status, KW_OK);
  const double h3[] = {1000, 869, 743, 653};
#define L(x, y) (ll_recursion(regular, 7, (x), (y)) + ll_recursion(h3, 3, (x), (y)))
  double a = I->alpha, b = I->beta;
  NEAR(I->loglik, L(a, b), 1e-8);
  assert_true(L(a * 1.01, b) < I->loglik);
  assert_true(L(a * 0.99, b) < I->loglik);
  assert_true(L(a, b * 1.01) < I->loglik);
  assert_true(L(a, b * 0.99) < I->loglik);
#undef L
  kw_sbg_free(m2);

  /* errors: churn in period 0, nobody churned, all gone in period 1 */
  double z[3] = {0, 0, 0}, cc[3] = {0, 0, 5};
  kw_sbg *m = NULL;
  z[0] = 1;
  assert_int_equal(kw_sbg_fit_counts(ctx, z, cc, 3, NULL, &m), KW_EINPUT);
  z[0] = 0;
  assert_int_equal(kw_sbg_fit_counts(ctx, z, cc, 3, NULL, &m), KW_EINPUT);
  double d1[3] = {0, 4, 0}, c0[3] = {7, 0, 0};
  assert_int_equal(kw_sbg_fit_counts(ctx, d1, c0, 3, NULL, &m), KW_EINPUT);
  assert_int_equal(kw_sbg_fit_counts(ctx, d1, c0, 1, NULL, &m), KW_EARG);
  assert_null(m);
  kw_context_free(ctx);
}

/* ============================================================= periods */

static void test_periods(void **state) {
  (void)state;
  char buf[11];
  /* 2024-01-01 was a Monday, 1970-01-01 a Thursday */
  int32_t mon = D("2024-01-01");
  assert_int_equal(kw_period_index(mon, KW_PERIOD_WEEK),
                   kw_period_index(D("2024-01-07"), KW_PERIOD_WEEK));
  assert_int_equal(kw_period_index(D("2024-01-08"), KW_PERIOD_WEEK),
                   kw_period_index(mon, KW_PERIOD_WEEK) + 1);
  assert_int_equal(kw_period_first_day(kw_period_index(D("2024-01-03"),
                                                       KW_PERIOD_WEEK),
                                       KW_PERIOD_WEEK),
                   mon);
  assert_int_equal(kw_period_index(0, KW_PERIOD_WEEK), 0);
  assert_int_equal(kw_period_index(-1, KW_PERIOD_WEEK), 0);  /* Wed */
  assert_int_equal(kw_period_index(-4, KW_PERIOD_WEEK), -1); /* Sun */
  assert_string_equal(
      kw_period_label(buf, kw_period_index(D("2024-01-03"), KW_PERIOD_WEEK),
                      KW_PERIOD_WEEK),
      "2024-01-01");
  assert_int_equal(kw_period_index(D("2024-03-31"), KW_PERIOD_MONTH),
                   2024 * 12 + 2);
  assert_int_equal(kw_period_first_day(2024 * 12 + 2, KW_PERIOD_MONTH),
                   D("2024-03-01"));
  assert_string_equal(kw_period_label(buf, 2024 * 12 + 2, KW_PERIOD_MONTH),
                      "2024-03");
  assert_int_equal(kw_period_index(D("2024-05-15"), KW_PERIOD_QUARTER),
                   2024 * 4 + 1);
  assert_int_equal(kw_period_first_day(2024 * 4 + 1, KW_PERIOD_QUARTER),
                   D("2024-04-01"));
  assert_string_equal(kw_period_label(buf, 2024 * 4 + 1, KW_PERIOD_QUARTER),
                      "2024-Q2");
  assert_string_equal(kw_period_label(buf, 1969 * 12 + 11, KW_PERIOD_MONTH),
                      "1969-12");
  assert_string_equal(kw_period_unit_name(KW_PERIOD_QUARTER), "quarter");
}

/* ==================================================== transaction tables */

typedef struct txrow {
  const char *cust;
  const char *date;
  double amount; /* currency units */
} txrow;

/* A dataset whose transactions table holds rows (customer, date[, amount]). */
static kw_dataset *make_tx(kw_context *ctx, const txrow *r, size_t n,
                           bool with_amount) {
  kw_dataset *ds = kw_dataset_new(ctx);
  assert_non_null(ds);
  kw_dict *ids = kw_dataset_customers_mut(ds);
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  assert_non_null(t);
  uint32_t *cust = kw_malloc(ctx, (n ? n : 1) * sizeof *cust);
  int32_t *date = kw_malloc(ctx, (n ? n : 1) * sizeof *date);
  int64_t *amt = kw_malloc(ctx, (n ? n : 1) * sizeof *amt);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(kw_dict_intern(ctx, ids, r[i].cust, strlen(r[i].cust),
                                    &cust[i], NULL),
                     KW_OK);
    date[i] = D(r[i].date);
    amt[i] = llround(r[i].amount * 100);
  }
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT, ids, NULL, cust, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, date, NULL),
                   KW_OK);
  if (with_amount)
    assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                                         KW_TYPE_MONEY, NULL, NULL, amt, NULL),
                     KW_OK);
  else
    kw_free(ctx, amt);
  kw_table_set_rows(t, n);
  kw_dataset_set_table(ds, t);
  return ds;
}

/* ============================================================= cohorts */

/*
 * As of 2024-04-15, monthly:
 *   A: 01-05 100, 01-20 50, 03-10 30            cohort Jan
 *   B: 01-25 200, 02-02 -20 (return), 04-01 10  cohort Jan
 *   C: 03-03 70                                 cohort Mar
 *   D: 01-10 -5 (return only), 02-15 40         cohort Feb (first purchase)
 *   E: 05-01 99                                 after as-of: left out
 * Rows Jan..Apr (Apr: no acquisitions), ages 0..3; cell (c, k) observed
 * when c + k <= 3.
 *   active:   Jan 2 0 1 1 (B's Feb line is a return, not a purchase)
 *             Feb 1 0 0;  Mar 1 0;  Apr 0
 *   later:    Jan 2 2 2 1 (A last in Mar = age 2, B in Apr = age 3)
 *             Feb 1 0 0;  Mar 1 0;  Apr 0
 *   revenue:  Jan 350 -20 30 10;  Feb 40 0 0 (D's Jan return precedes its
 *             first purchase);  Mar 70 0;  Apr 0
 *   NRR Jan:  1, -20/350, 30/350, 10/350
 *   cumulative per customer Jan: 175, 165, 180, 185
 *   pooled active share: k0 4/4, k1 0/4, k2 (1+0)/(2+1), k3 1/2
 *   pooled NRR k1: (-20 + 0 + 0) / (350 + 40 + 70)
 */
static const txrow cohort_rows[] = {
    {"A", "2024-01-05", 100}, {"A", "2024-01-20", 50},
    {"A", "2024-03-10", 30},  {"B", "2024-01-25", 200},
    {"B", "2024-02-02", -20}, {"B", "2024-04-01", 10},
    {"C", "2024-03-03", 70},  {"D", "2024-01-10", -5},
    {"D", "2024-02-15", 40},  {"E", "2024-05-01", 99},
};

static void test_cohorts_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = make_tx(ctx, cohort_rows, 10, true);
  kw_cohort_options o;
  kw_cohort_options_init(&o);
  o.as_of = D("2024-04-15");
  kw_cohorts *co = NULL;
  assert_int_equal(kw_cohorts_build(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                    &o, &co),
                   KW_OK);
  assert_int_equal(kw_cohorts_count(co), 4);
  assert_int_equal(kw_cohorts_ages(co), 4);
  assert_true(kw_cohorts_partial(co));
  assert_int_equal(kw_cohorts_as_of(co), D("2024-04-15"));
  assert_int_equal(kw_cohorts_index(co, 0), 2024 * 12 + 0);
  assert_int_equal(kw_cohorts_index(co, 3), 2024 * 12 + 3);
  const uint64_t size[] = {2, 1, 1, 0};
  for (size_t c = 0; c < 4; c++) assert_int_equal(kw_cohorts_size(co, c), size[c]);

  const double act[4][4] = {{2, 0, 1, 1}, {1, 0, 0}, {1, 0}, {0}};
  const double later[4][4] = {{2, 2, 2, 1}, {1, 0, 0}, {1, 0}, {0}};
  const double rev[4][4] = {{350, -20, 30, 10}, {40, 0, 0}, {70, 0}, {0}};
  const kw_cohort_matrix *A = kw_cohorts_matrix(co, KW_COHORT_ACTIVE);
  const kw_cohort_matrix *AS = kw_cohorts_matrix(co, KW_COHORT_ACTIVE_SHARE);
  const kw_cohort_matrix *L = kw_cohorts_matrix(co, KW_COHORT_ACTIVE_LATER);
  const kw_cohort_matrix *LS =
      kw_cohorts_matrix(co, KW_COHORT_ACTIVE_LATER_SHARE);
  const kw_cohort_matrix *R = kw_cohorts_matrix(co, KW_COHORT_REVENUE);
  const kw_cohort_matrix *N = kw_cohorts_matrix(co, KW_COHORT_NRR);
  const kw_cohort_matrix *CR =
      kw_cohorts_matrix(co, KW_COHORT_CUM_REVENUE_PER_CUSTOMER);
  assert_int_equal(A->rows, 4);
  assert_int_equal(A->cols, 4);
  for (size_t c = 0; c < 4; c++)
    for (size_t k = 0; k < 4; k++) {
      size_t i = c * 4 + k;
      bool obs = c + k <= 3;
      assert_int_equal(A->defined[i], obs);
      assert_int_equal(R->defined[i], obs);
      if (!obs) {
        NEAR(A->value[i], 0, 0);
        assert_int_equal(kw_cohorts_revenue_cents(co, c, k), 0);
        continue;
      }
      NEAR(A->value[i], act[c][k], 0);
      NEAR(L->value[i], later[c][k], 0);
      NEAR(R->value[i], rev[c][k], 1e-12);
      assert_int_equal(kw_cohorts_revenue_cents(co, c, k),
                       llround(rev[c][k] * 100));
      assert_int_equal(AS->defined[i], size[c] > 0);
      if (size[c]) {
        NEAR(AS->value[i], act[c][k] / (double)size[c], 1e-15);
        NEAR(LS->value[i], later[c][k] / (double)size[c], 1e-15);
      }
      assert_int_equal(N->defined[i], rev[c][0] > 0);
    }
  NEAR(N->value[0], 1, 1e-15);
  NEAR(N->value[1], -20.0 / 350, 1e-15);
  NEAR(N->value[2], 30.0 / 350, 1e-15);
  NEAR(N->value[3], 10.0 / 350, 1e-15);
  NEAR(CR->value[0], 175, 1e-12);
  NEAR(CR->value[1], 165, 1e-12);
  NEAR(CR->value[2], 180, 1e-12);
  NEAR(CR->value[3], 185, 1e-12);
  NEAR(CR->value[4], 40, 1e-12); /* Feb cohort, one customer */
  assert_false(CR->defined[12]); /* Apr: nobody acquired */
  /* pooled rows */
  NEAR(AS->total[0], 1, 1e-15);
  NEAR(AS->total[1], 0, 1e-15);
  NEAR(AS->total[2], 1.0 / 3, 1e-15);
  NEAR(AS->total[3], 0.5, 1e-15);
  NEAR(A->total[0], 4, 0);
  NEAR(N->total[1], -20.0 / 460, 1e-15);
  NEAR(R->total[0], 460, 1e-12);
  assert_true(AS->total_defined[3]);
  assert_string_equal(kw_cohort_metric_name(KW_COHORT_NRR), "nrr");
  assert_null(kw_cohorts_matrix(co, KW_COHORT__COUNT));
  kw_cohorts_free(co);

  /* quarterly: one cohort (Q1: A, B, C, D) and Q2 (nobody new) */
  o.period = KW_PERIOD_QUARTER;
  assert_int_equal(kw_cohorts_build(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                    &o, &co),
                   KW_OK);
  assert_int_equal(kw_cohorts_count(co), 2);
  assert_int_equal(kw_cohorts_size(co, 0), 4);
  assert_int_equal(kw_cohorts_size(co, 1), 0);
  /* Q2 activity: B on 04-01 */
  NEAR(kw_cohorts_matrix(co, KW_COHORT_ACTIVE)->value[1], 1, 0);
  kw_cohorts_free(co);

  /* as-of before any purchase: nothing to show */
  o.as_of = D("2023-12-31");
  assert_int_equal(kw_cohorts_build(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                    &o, &co),
                   KW_EEMPTY);
  assert_null(co);
  kw_cohorts_free(NULL);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* One customer, one purchase, default as-of (= its date), weekly; and a
 * table without an amount column. */
/* kw_cohorts_from_cells: the cells of the hand example above, as a
 * database sends them (activity and revenue rows with last = 0, then the
 * last-purchase rows with active = 0; a cohort named by any day of its
 * period), give the very matrices kw_cohorts_build gives from the lines. */
static void test_cohorts_from_cells(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = make_tx(ctx, cohort_rows, 10, true);
  kw_cohort_options o;
  kw_cohort_options_init(&o);
  o.as_of = D("2024-04-15");
  kw_cohorts *a = NULL, *b = NULL;
  assert_int_equal(kw_cohorts_build(ctx, kw_dataset_table(
                                             ds, KW_TABLE_TRANSACTIONS),
                                    &o, &a),
                   KW_OK);
  const int32_t jan = D("2024-01-05"), feb = D("2024-02-15"),
                mar = D("2024-03-03");
  const kw_cohort_cell cells[] = {
      {jan, 0, 2, 0, 35000}, {jan, 1, 0, 0, -2000}, {jan, 2, 1, 0, 3000},
      {jan, 3, 1, 0, 1000},  {feb, 0, 1, 0, 4000},  {mar, 0, 1, 0, 7000},
      {jan, 2, 0, 1, 0},     {jan, 3, 0, 1, 0},     {feb, 0, 0, 1, 0},
      {D("2024-03-31"), 0, 0, 1, 0}};
  assert_int_equal(kw_cohorts_from_cells(ctx, KW_PERIOD_MONTH, o.as_of, cells,
                                         10, &b),
                   KW_OK);
  assert_int_equal(kw_cohorts_count(b), 4);
  assert_int_equal(kw_cohorts_ages(b), kw_cohorts_ages(a));
  assert_int_equal(kw_cohorts_as_of(b), kw_cohorts_as_of(a));
  assert_int_equal(kw_cohorts_partial(b), kw_cohorts_partial(a));
  for (size_t c = 0; c < 4; c++) {
    assert_int_equal(kw_cohorts_index(b, c), kw_cohorts_index(a, c));
    assert_int_equal(kw_cohorts_size(b, c), kw_cohorts_size(a, c));
  }
  for (int m = 0; m < KW_COHORT__COUNT; m++) {
    const kw_cohort_matrix *x = kw_cohorts_matrix(a, (kw_cohort_metric)m);
    const kw_cohort_matrix *y = kw_cohorts_matrix(b, (kw_cohort_metric)m);
    for (size_t i = 0; i < x->rows * x->cols; i++) {
      assert_int_equal(x->defined[i], y->defined[i]);
      assert_true(x->value[i] == y->value[i]);
    }
    for (size_t k = 0; k < x->cols; k++) {
      assert_int_equal(x->total_defined[k], y->total_defined[k]);
      assert_true(x->total[k] == y->total[k]);
    }
  }
  /* by hand: Jan cohort active share at age 2 is 1 of 2 */
  NEAR(kw_cohorts_matrix(b, KW_COHORT_ACTIVE_SHARE)->value[2], 0.5, 0);
  assert_int_equal(kw_cohorts_revenue_cents(b, 0, 1), -2000);
  kw_cohorts_free(b);
  b = NULL;
  /* a cell past the as-of period, and no customer at all */
  const kw_cohort_cell late[] = {{jan, 4, 1, 1, 100}};
  assert_int_equal(kw_cohorts_from_cells(ctx, KW_PERIOD_MONTH, o.as_of, late,
                                         1, &b),
                   KW_EINPUT);
  assert_null(b);
  const kw_cohort_cell none[] = {{jan, 0, 1, 0, 100}};
  assert_int_equal(kw_cohorts_from_cells(ctx, KW_PERIOD_MONTH, o.as_of, none,
                                         1, &b),
                   KW_EEMPTY);
  assert_null(b);
  kw_cohorts_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_cohorts_single(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const txrow r[] = {{"solo", "2024-02-07", 12.5}};
  kw_dataset *ds = make_tx(ctx, r, 1, false);
  kw_cohort_options o;
  kw_cohort_options_init(&o);
  o.period = KW_PERIOD_WEEK;
  kw_cohorts *co = NULL;
  assert_int_equal(kw_cohorts_build(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                    &o, &co),
                   KW_OK);
  assert_int_equal(kw_cohorts_count(co), 1);
  assert_int_equal(kw_cohorts_size(co, 0), 1);
  assert_true(kw_cohorts_partial(co)); /* a Wednesday */
  NEAR(kw_cohorts_matrix(co, KW_COHORT_ACTIVE_SHARE)->value[0], 1, 0);
  NEAR(kw_cohorts_matrix(co, KW_COHORT_REVENUE)->value[0], 0, 0);
  assert_false(kw_cohorts_matrix(co, KW_COHORT_NRR)->defined[0]);
  kw_cohorts_free(co);
  kw_dataset_free(ds);
  /* a table without a date column */
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_cohorts_build(ctx, t, NULL, &co), KW_EMISSING);
  kw_table_free(ctx, t);
  kw_context_free(ctx);
}

/* ====================================================== churn: purchases */

/*
 * Gap fixed at 30 days, as of 2024-06-30, monthly:
 *   X: 01-10, 02-10   recency 141 > 30: churned, churn day 02-10 + 31 =
 *                     03-12; duration (02-10 + 30) - 01-10 = 61, event 1
 *   Y: 06-01          recency 29 <= 30, > 0.7 * 30: at risk; 29 days, 0
 *   Z: 05-20, 06-25   recency 5: active; duration 41, event 0
 *   W: 04-01, 05-15   recency 46: churned, churn day 05-15 + 31 = 06-15
 *                     (June: recent); duration 44 + 30 = 74, event 1
 *   V: 03-01 -10      a return only: no purchase, status none
 * Period table Jan..Jun: acquired Jan 1 (X), Apr 1 (W), May 1 (Z), Jun 1
 * (Y); churned Mar 1 (X), Jun 1 (W), both alive at their period's start.
 * Alive at the start: Jan 0, Feb 1, Mar 1, Apr 0, May 1, Jun 2; churn
 * rate Mar 1/1, Jun 1/2.
 */
static const txrow churn_rows[] = {
    {"X", "2024-01-10", 10}, {"X", "2024-02-10", 10}, {"Y", "2024-06-01", 5},
    {"Z", "2024-05-20", 8},  {"Z", "2024-06-25", 8},  {"W", "2024-04-01", 50},
    {"W", "2024-05-15", 50}, {"V", "2024-03-01", -10},
};
enum { X_ = 0, Y_, Z_, W_, V_ };

static void test_churn_gap(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = make_tx(ctx, churn_rows, 8, true);
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  kw_churn_options o;
  kw_churn_options_init(&o);
  o.as_of = D("2024-06-30");
  o.gap_days = 30;
  const double value[] = {100, 5, 16, 250, 0};
  o.value = value;
  o.n_value = 5;
  kw_churn *c = NULL;
  assert_int_equal(kw_churn_purchases(ctx, tx, &o, &c), KW_OK);
  const kw_churn_info *I = kw_churn_info_view(c);
  assert_false(I->contractual);
  assert_false(I->gap_derived);
  NEAR(I->gap_days, 30, 0);
  assert_int_equal(I->n_customers, 5);
  assert_int_equal(I->n_buyers, 4);
  assert_int_equal(I->n_active, 1);
  assert_int_equal(I->n_at_risk, 1);
  assert_int_equal(I->n_churned, 2);
  NEAR(I->churned_share, 0.5, 0);
  const kw_churn_customers *cu = kw_churn_customers_view(c);
  const uint8_t st[] = {KW_CHURN_CHURNED, KW_CHURN_AT_RISK, KW_CHURN_ACTIVE,
                        KW_CHURN_CHURNED, KW_CHURN_NONE};
  for (int i = 0; i < 5; i++) assert_int_equal(cu->status[i], st[i]);
  assert_int_equal(cu->churn_day[X_], D("2024-03-12"));
  assert_int_equal(cu->churn_day[W_], D("2024-06-15"));
  assert_int_equal(cu->churn_day[Y_], KW_NA_DATE);
  assert_int_equal(cu->first[Z_], D("2024-05-20"));
  assert_int_equal(cu->last[Z_], D("2024-06-25"));
  assert_int_equal(cu->first[V_], KW_NA_DATE);

  const kw_churn_durations *du = kw_churn_durations_view(c);
  assert_int_equal(du->n, 4);
  const double dur[] = {61, 29, 41, 74};
  const int8_t ev[] = {1, 0, 0, 1};
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(du->customer[i], i);
    NEAR(du->duration[i], dur[i], 1e-12);
    assert_int_equal(du->event[i], ev[i]);
  }

  assert_int_equal(kw_churn_period_count(c), 6);
  const kw_churn_period *P = kw_churn_periods(c);
  const uint64_t start[] = {0, 1, 1, 0, 1, 2}, acq[] = {1, 0, 0, 1, 1, 1},
                 chn[] = {0, 0, 1, 0, 0, 1}, end[] = {1, 1, 0, 1, 2, 2};
  for (int k = 0; k < 6; k++) {
    assert_int_equal(P[k].active_start, start[k]);
    assert_int_equal(P[k].acquired, acq[k]);
    assert_int_equal(P[k].churned, chn[k]);
    assert_int_equal(P[k].churned_of_start, chn[k]);
    assert_int_equal(P[k].active_end, end[k]);
    assert_false(P[k].partial);
  }
  assert_int_equal(P[0].first_day, D("2024-01-01"));
  assert_int_equal(P[1].last_day, D("2024-02-29"));
  NEAR(P[2].churn_rate, 1, 0);
  NEAR(P[2].retention_rate, 0, 0);
  NEAR(P[5].churn_rate, 0.5, 0);
  NEAR(P[4].retention_rate, 1, 0);
  NEAR(P[0].retention_rate, 0, 0); /* nobody at the start */

  const kw_churn_list *rc = kw_churn_recent(c);
  assert_int_equal(rc->n, 1);
  assert_int_equal(rc->customer[0], W_);
  NEAR(rc->value[0], 250, 0);
  NEAR(rc->total_value, 250, 0);
  assert_int_equal(rc->last[0], D("2024-05-15"));
  const kw_churn_list *ar = kw_churn_at_risk(c);
  assert_int_equal(ar->n, 1);
  assert_int_equal(ar->customer[0], Y_);
  kw_churn_free(c);

  /* a value array too short for the customers is an error */
  o.n_value = 3;
  assert_int_equal(kw_churn_purchases(ctx, tx, &o, &c), KW_EARG);
  assert_null(c);
  kw_churn_free(NULL);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/*
 * P(alive) for the same customers; the status is the worse of the gap
 * rule's and the model's: X 0.9 stays churned (past the gap: nobody
 * there is active, whatever the model says), Y 0.3 (gap: at risk) is
 * churned, Z 0.6 (gap: active) is at risk, W NaN follows the gap rule
 * (churned), V 0 (no purchase: none). Recent: Y (churned by P(alive), not
 * by the gap rule) and W (gap churn day in June); X's churn day is in
 * March.
 */

/* kw_churn_run on the purchases of test_churn_gap: the same statuses as
 * kw_churn_purchases (worked out there by hand), the summary handed back
 * for the customers' value, and contract dates asked for where there are
 * none: KW_EMISSING with missing_dates. */
static void test_churn_run(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = make_tx(ctx, churn_rows, 8, true);
  kw_churn_run_options o;
  kw_churn_run_options_init(&o);
  assert_int_equal(o.p_alive_model, -1);
  o.churn.as_of = D("2024-06-30");
  o.churn.gap_days = 30;
  kw_churn *c = NULL;
  kw_summary *sum = NULL;
  kw_churn_run_info info;
  assert_int_equal(kw_churn_run(ctx, ds, &o, &c, &sum, &info), KW_OK);
  assert_false(info.contracts);
  assert_false(info.p_alive_used);
  assert_non_null(sum);
  assert_int_equal(kw_summary_view(sum)->as_of, D("2024-06-30"));
  const kw_churn_info *I = kw_churn_info_view(c);
  assert_int_equal(I->n_buyers, 4);
  assert_int_equal(I->n_active, 1);
  assert_int_equal(I->n_at_risk, 1);
  assert_int_equal(I->n_churned, 2);
  const uint8_t st[] = {KW_CHURN_CHURNED, KW_CHURN_AT_RISK, KW_CHURN_ACTIVE,
                        KW_CHURN_CHURNED, KW_CHURN_NONE};
  for (int i = 0; i < 5; i++)
    assert_int_equal(kw_churn_customers_view(c)->status[i], st[i]);
  kw_churn_free(c);
  kw_summary_free(sum);
  c = NULL;
  o.contracts = true;
  assert_int_equal(kw_churn_run(ctx, ds, &o, &c, NULL, &info), KW_EMISSING);
  assert_null(c);
  assert_true(info.missing_dates);
  assert_false(info.have_customers);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_churn_p_alive(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, count_warn, NULL);
  kw_dataset *ds = make_tx(ctx, churn_rows, 8, true);
  kw_churn_options o;
  kw_churn_options_init(&o);
  o.as_of = D("2024-06-30");
  o.gap_days = 30;
  const double pa[] = {0.9, 0.3, 0.6, NAN, 0};
  o.p_alive = pa;
  o.n_p_alive = 5;
  kw_churn *c = NULL;
  nwarn = 0;
  assert_int_equal(
      kw_churn_purchases(ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS), &o,
                         &c),
      KW_OK);
  assert_int_equal(nwarn, 1);
  assert_true(kw_churn_info_view(c)->by_p_alive);
  const uint8_t st[] = {KW_CHURN_CHURNED, KW_CHURN_CHURNED, KW_CHURN_AT_RISK,
                        KW_CHURN_CHURNED, KW_CHURN_NONE};
  for (int i = 0; i < 5; i++)
    assert_int_equal(kw_churn_customers_view(c)->status[i], st[i]);
  const kw_churn_list *rc = kw_churn_recent(c);
  assert_int_equal(rc->n, 2);
  /* no value array: equal values, so by id */
  assert_int_equal(rc->customer[0], Y_);
  assert_int_equal(rc->customer[1], W_);
  /* durations still follow the gap rule */
  assert_int_equal(kw_churn_durations_view(c)->event[X_], 1);
  kw_churn_free(c);
  /* the rule as applied is in the info, for the reports: the at-risk
     bound is never below the churn threshold (0.6 is churned here) */
  o.p_alive_model = KW_CLV_PNBD;
  o.p_alive_threshold = 0.65;
  o.p_alive_at_risk = 0.6;
  o.gap_quantile = 0.8;
  o.period = KW_PERIOD_QUARTER;
  assert_int_equal(
      kw_churn_purchases(ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS), &o,
                         &c),
      KW_OK);
  const kw_churn_info *I = kw_churn_info_view(c);
  assert_int_equal(I->p_alive_model, KW_CLV_PNBD);
  NEAR(I->p_alive_threshold, 0.65, 0);
  NEAR(I->p_alive_at_risk, 0.65, 0);
  NEAR(I->gap_quantile, 0.8, 0);
  NEAR(I->gap_floor_days, 30, 0);
  NEAR(I->at_risk_fraction, 0.7, 0);
  assert_int_equal(I->period, KW_PERIOD_QUARTER);
  assert_int_equal(kw_churn_customers_view(c)->status[2], KW_CHURN_CHURNED);
  kw_churn_free(c);
  /* without P(alive) no model is named */
  o.p_alive = NULL;
  assert_int_equal(
      kw_churn_purchases(ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS), &o,
                         &c),
      KW_OK);
  assert_int_equal(kw_churn_info_view(c)->p_alive_model, -1);
  kw_churn_free(c);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* The status rule for one customer: gap 100 days, at risk after 70. */
static void test_churn_status_rule(void **state) {
  (void)state;
  /* gap rule alone */
  assert_int_equal(kw_churn_status_rule(10, 100, 0.7, NAN, 0.5, 0.7),
                   KW_CHURN_ACTIVE);
  assert_int_equal(kw_churn_status_rule(70, 100, 0.7, NAN, 0.5, 0.7),
                   KW_CHURN_ACTIVE); /* 70 is not more than 0.7 x 100 */
  assert_int_equal(kw_churn_status_rule(71, 100, 0.7, NAN, 0.5, 0.7),
                   KW_CHURN_AT_RISK);
  assert_int_equal(kw_churn_status_rule(101, 100, 0.7, NAN, 0.5, 0.7),
                   KW_CHURN_CHURNED);
  /* the model only makes it worse */
  assert_int_equal(kw_churn_status_rule(200, 100, 0.7, 0.99, 0.5, 0.7),
                   KW_CHURN_CHURNED);
  assert_int_equal(kw_churn_status_rule(80, 100, 0.7, 0.99, 0.5, 0.7),
                   KW_CHURN_AT_RISK);
  assert_int_equal(kw_churn_status_rule(10, 100, 0.7, 0.69, 0.5, 0.7),
                   KW_CHURN_AT_RISK);
  assert_int_equal(kw_churn_status_rule(10, 100, 0.7, 0.49, 0.5, 0.7),
                   KW_CHURN_CHURNED);
  assert_int_equal(kw_churn_status_rule(10, 100, 0.7, 0.7, 0.5, 0.7),
                   KW_CHURN_ACTIVE);
}

/*
 * Derived gap. Purchase days per customer (same-day lines merge, returns
 * are not purchases):
 *   A: 0, 10, 10, 30         intervals 10, 20
 *   B: 0, 30, 50 (return), 70 intervals 30, 40
 *   C: 0, 100                 interval 100
 *   S: 0                      none
 * Sorted 10 20 30 40 100; type-7 quantile q: h = 4 q.
 *   q = 0.9: h = 3.6 -> 40 + 0.6 * 60 = 76 > floor 30: G = 76.
 *   q = 0.5: h = 2 -> 30; floor 30: G = 30.
 *   q = 0.25, floor 50: h = 1 -> 20 < 50: G = 50.
 */
static void test_churn_derived_gap(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, count_warn, NULL);
  const txrow r[] = {
      {"A", "2024-01-01", 1}, {"A", "2024-01-11", 1}, {"A", "2024-01-11", 2},
      {"A", "2024-01-31", 1}, {"B", "2024-01-01", 1}, {"B", "2024-01-31", 1},
      {"B", "2024-02-20", -1}, {"B", "2024-03-11", 1}, {"C", "2024-01-01", 1},
      {"C", "2024-04-10", 1}, {"S", "2024-01-01", 1},
  };
  kw_dataset *ds = make_tx(ctx, r, sizeof r / sizeof *r, true);
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  kw_churn_options o;
  kw_churn_options_init(&o);
  const struct {
    double q, floor, gap, raw;
  } cases[] = {{0.9, 30, 76, 76}, {0.5, 30, 30, 30}, {0.25, 50, 50, 20}};
  for (int i = 0; i < 3; i++) {
    o.gap_quantile = cases[i].q;
    o.gap_floor_days = cases[i].floor;
    kw_churn *c = NULL;
    assert_int_equal(kw_churn_purchases(ctx, tx, &o, &c), KW_OK);
    const kw_churn_info *I = kw_churn_info_view(c);
    assert_true(I->gap_derived);
    assert_int_equal(I->n_intervals, 5);
    NEAR(I->gap_quantile_days, cases[i].raw, 1e-12);
    NEAR(I->gap_days, cases[i].gap, 1e-12);
    /* as-of defaults to the last date, 2024-04-10 (day 100) */
    assert_int_equal(I->as_of, D("2024-04-10"));
    kw_churn_free(c);
  }
  kw_dataset_free(ds);
  /* nobody bought twice: the floor, with a warning */
  const txrow one[] = {{"A", "2024-01-01", 1}, {"B", "2024-03-01", 1}};
  ds = make_tx(ctx, one, 2, true);
  kw_churn *c = NULL;
  kw_churn_options_init(&o);
  nwarn = 0;
  assert_int_equal(
      kw_churn_purchases(ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS), &o,
                         &c),
      KW_OK);
  assert_int_equal(nwarn, 1);
  NEAR(kw_churn_info_view(c)->gap_days, 30, 0);
  assert_int_equal(kw_churn_info_view(c)->n_intervals, 0);
  /* A: 60 days since the only purchase > 30: churned */
  assert_int_equal(kw_churn_customers_view(c)->status[0], KW_CHURN_CHURNED);
  kw_churn_free(c);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* ====================================================== churn: contracts */

/*
 * As of 2024-06-30, at-risk window 90 days:
 *   customer 0: 2023-01-01..2024-03-31 and 2024-04-01..open: active, not
 *               at risk (open-ended); tenure from 2023-01-01
 *   customer 1: 2024-01-15..2024-06-10: churned on 06-10 (recent),
 *               duration 147 days
 *   customer 2: 2024-02-01..2024-08-31: active, ends in 62 days: at risk;
 *               censored at 150 days
 *   customer 3: starts 2024-07-15, after as-of: none
 *   customer 4: 2023-06-01..2024-12-31: ends in 184 days: active
 * June 2024: alive at the start 4 (0, 4, 1, 2), churned 1: rate 1/4.
 */
static void test_churn_contracts(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const uint32_t cust[] = {0, 0, 1, 2, 3, 4};
  const int32_t start[] = {D("2023-01-01"), D("2024-04-01"), D("2024-01-15"),
                           D("2024-02-01"), D("2024-07-15"), D("2023-06-01")};
  const int32_t end[] = {D("2024-03-31"), KW_NA_DATE,      D("2024-06-10"),
                         D("2024-08-31"), KW_NA_DATE,      D("2024-12-31")};
  kw_churn_options o;
  kw_churn_options_init(&o);
  o.as_of = D("2024-06-30");
  kw_churn *c = NULL;
  assert_int_equal(kw_churn_contracts(ctx, cust, start, end, 6, &o, &c),
                   KW_OK);
  const kw_churn_info *I = kw_churn_info_view(c);
  assert_true(I->contractual);
  assert_int_equal(I->at_risk_days, 90);
  assert_int_equal(I->n_customers, 5);
  assert_int_equal(I->n_buyers, 4);
  assert_int_equal(I->n_churned, 1);
  assert_int_equal(I->n_at_risk, 1);
  assert_int_equal(I->n_active, 2);
  const kw_churn_customers *cu = kw_churn_customers_view(c);
  const uint8_t st[] = {KW_CHURN_ACTIVE, KW_CHURN_CHURNED, KW_CHURN_AT_RISK,
                        KW_CHURN_NONE, KW_CHURN_ACTIVE};
  for (int i = 0; i < 5; i++) assert_int_equal(cu->status[i], st[i]);
  assert_int_equal(cu->first[0], D("2023-01-01"));
  assert_int_equal(cu->last[0], KW_NA_DATE);
  assert_int_equal(cu->churn_day[1], D("2024-06-10"));
  const kw_churn_durations *du = kw_churn_durations_view(c);
  assert_int_equal(du->n, 4);
  assert_int_equal(du->customer[1], 1);
  NEAR(du->duration[1], 147, 0);
  assert_int_equal(du->event[1], 1);
  assert_int_equal(du->customer[2], 2);
  NEAR(du->duration[2], 150, 0);
  assert_int_equal(du->event[2], 0);
  assert_int_equal(kw_churn_period_count(c), 18); /* 2023-01..2024-06 */
  const kw_churn_period *P = kw_churn_periods(c) + 17;
  assert_int_equal(P->active_start, 4);
  assert_int_equal(P->churned, 1);
  NEAR(P->churn_rate, 0.25, 0);
  assert_int_equal(kw_churn_recent(c)->n, 1);
  assert_int_equal(kw_churn_recent(c)->customer[0], 1);
  assert_int_equal(kw_churn_at_risk(c)->customer[0], 2);
  kw_churn_free(c);

  /* durations in months */
  o.duration_unit_days = 365.25 / 12;
  assert_int_equal(kw_churn_contracts(ctx, cust, start, end, 6, &o, &c),
                   KW_OK);
  NEAR(kw_churn_durations_view(c)->duration[1], 147 / (365.25 / 12), 1e-12);
  kw_churn_free(c);

  /* an end before the start is an input error */
  const int32_t s2[] = {D("2024-02-01")}, e2[] = {D("2024-01-01")};
  assert_int_equal(kw_churn_contracts(ctx, NULL, s2, e2, 1, &o, &c),
                   KW_EINPUT);
  kw_context_free(ctx);
}

/* The same through a table with start/end roles, one row per customer. */
static void test_churn_contracts_table(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_table *t = kw_table_new(ctx, KW_TABLE_CUSTOMERS);
  int32_t *s = kw_malloc(ctx, 2 * sizeof *s), *e = kw_malloc(ctx, 2 * sizeof *e);
  s[0] = D("2024-01-01");
  e[0] = D("2024-02-01");
  s[1] = D("2024-01-01");
  e[1] = KW_NA_DATE;
  assert_int_equal(kw_table_add_column(ctx, t, "start", KW_ROLE_START_DATE,
                                       KW_TYPE_DATE, NULL, NULL, s, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "einde", KW_ROLE_END_DATE,
                                       KW_TYPE_DATE, NULL, NULL, e, NULL),
                   KW_OK);
  kw_table_set_rows(t, 2);
  kw_churn *c = NULL;
  /* default as-of: the last date seen, 2024-02-01 */
  assert_int_equal(kw_churn_contracts_table(ctx, t, NULL, &c), KW_OK);
  assert_int_equal(kw_churn_info_view(c)->as_of, D("2024-02-01"));
  assert_int_equal(kw_churn_customers_view(c)->status[0], KW_CHURN_CHURNED);
  assert_int_equal(kw_churn_customers_view(c)->status[1], KW_CHURN_ACTIVE);
  kw_churn_free(c);
  kw_table_free(ctx, t);
  kw_context_free(ctx);
}

/* ======================================================== churn drivers */

/* A column view over a caller's array (no table needed). */
static kw_column text_col(const char *name, const uint32_t *v,
                          const kw_dict *dict) {
  kw_column c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.type = KW_TYPE_TEXT;
  c.dict = dict;
  c.v.text = v;
  return c;
}

static kw_column num_col(const char *name, const double *v) {
  kw_column c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.type = KW_TYPE_NUMBER;
  c.v.number = v;
  return c;
}

/*
 * A 2x2 table: plan A 100 rows (30 churned), plan B 40 rows (20 churned).
 * Unpenalised logistic regression with A (the most frequent) as the
 * reference: intercept = logit(30/100) = ln(30/70), coefficient of B =
 * log odds ratio = ln((20/20) / (30/70)) = ln(7/3); its standard error is
 * Woolf's sqrt(1/30 + 1/70 + 1/20 + 1/20).
 * Wilson 95% for B, p = 1/2, n = 40, z = 1.959964:
 *   centre = (0.5 + z^2/80) / (1 + z^2/40) = 0.5,
 *   half = z sqrt(0.25/40 + z^2/6400) / (1 + z^2/40) = 0.1480.
 */
static void test_drivers_2x2(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  int8_t y[140];
  uint32_t plan[140];
  for (int i = 0; i < 140; i++) {
    plan[i] = i < 100 ? 7 : 3; /* arbitrary ids: A = 7, B = 3 */
    y[i] = i < 100 ? (i < 30) : (i < 120);
  }
  kw_column c = text_col("plan", plan, NULL);
  const kw_column *f[] = {&c};
  kw_churn_drivers_options o;
  kw_churn_drivers_options_init(&o);
  o.l2 = 0;
  o.holdout = 0;
  kw_churn_drivers *d = NULL;
  assert_int_equal(kw_churn_drivers_compute(ctx, y, 140, f, 1, &o, &d), KW_OK);
  assert_int_equal(kw_churn_drivers_rows(d), 140);
  NEAR(kw_churn_drivers_churn_rate(d), 50.0 / 140, 1e-15);
  const kw_churn_driver_levels *L = kw_churn_drivers_levels_view(d, 0);
  assert_non_null(L);
  assert_null(kw_churn_drivers_numeric_view(d, 0));
  assert_string_equal(L->feature, "plan");
  assert_int_equal(L->n_levels, 2);
  assert_string_equal(L->level[0], "id 7");
  assert_int_equal(L->n[0], 100);
  assert_int_equal(L->churned[0], 30);
  NEAR(L->rate[1], 0.5, 0);
  const double z = 1.959963984540054;
  double half = z * sqrt(0.25 / 40 + z * z / 6400) / (1 + z * z / 40);
  NEAR(L->lower[1], 0.5 - half, 1e-12);
  NEAR(L->upper[1], 0.5 + half, 1e-12);
  NEAR(half, 0.1480, 1e-4);

  const kw_churn_driver_model *M = kw_churn_drivers_model_view(d);
  assert_non_null(M);
  assert_int_equal(M->status, KW_OK);
  assert_int_equal(M->n_terms, 1);
  assert_string_equal(M->term[0], "plan=id 3");
  assert_int_equal(M->feature[0], 0);
  NEAR(M->intercept, log(30.0 / 70), 1e-8);
  NEAR(M->coef[0], log(7.0 / 3), 1e-8);
  NEAR(M->odds_ratio[0], 7.0 / 3, 1e-7);
  NEAR(M->se[0], sqrt(1.0 / 30 + 1.0 / 70 + 1.0 / 20 + 1.0 / 20), 1e-6);
  assert_true(M->test_is_train);
  assert_int_equal(M->n_train, 140);
  /* log-likelihood of the saturated 2-group model */
  double ll = 30 * log(0.3) + 70 * log(0.7) + 40 * log(0.5);
  NEAR(M->loglik, ll, 1e-8);
  /* AUC: scores 0.5 (B) vs 0.3 (A). Pairs churned x retained: B-churn
   * (20) beats A-retained (70): 1400; ties within the same plan count
   * 1/2: 20*20/2 + 30*70/2 = 1250; A-churn vs B-retained lose.
   * AUC = 2650 / (50 * 90). */
  NEAR(M->auc, 2650.0 / 4500, 1e-12);
  kw_churn_drivers_free(d);
  kw_churn_drivers_free(NULL);
  kw_context_free(ctx);
}

/* Medians, missing values, and the penalised fit's stationarity condition
 * checked in the test: sum (y - p) = 0 and sum z (y - p) = l2 * beta. */
static void test_drivers_numeric_l2(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  enum { N = 60 };
  double x[N];
  int8_t y[N];
  for (int i = 0; i < N; i++) {
    x[i] = (double)((i * 37) % 50);
    /* churn rises with x, with overlap: noise in -11..11 */
    y[i] = (int8_t)(x[i] + (double)((i * 17) % 23 - 11) > 25 ? 1 : 0);
  }
  x[5] = NAN; /* missing */
  kw_column c = num_col("tenure", x);
  const kw_column *f[] = {&c};
  kw_churn_drivers_options o;
  kw_churn_drivers_options_init(&o);
  o.l2 = 2.0;
  o.holdout = 0;
  kw_churn_drivers *d = NULL;
  assert_int_equal(kw_churn_drivers_compute(ctx, y, N, f, 1, &o, &d), KW_OK);
  const kw_churn_driver_numeric *nm = kw_churn_drivers_numeric_view(d, 0);
  assert_non_null(nm);
  assert_int_equal(nm->missing, 1);
  /* medians by sorting here */
  double a1[N], a0[N];
  size_t n1 = 0, n0 = 0;
  for (int i = 0; i < N; i++) {
    if (isnan(x[i])) continue;
    if (y[i])
      a1[n1++] = x[i];
    else
      a0[n0++] = x[i];
  }
  assert_int_equal(nm->n_churned, n1);
  assert_int_equal(nm->n_retained, n0);
  for (size_t i = 0; i < n1; i++)
    for (size_t j = i + 1; j < n1; j++)
      if (a1[j] < a1[i]) {
        double t = a1[i];
        a1[i] = a1[j];
        a1[j] = t;
      }
  for (size_t i = 0; i < n0; i++)
    for (size_t j = i + 1; j < n0; j++)
      if (a0[j] < a0[i]) {
        double t = a0[i];
        a0[i] = a0[j];
        a0[j] = t;
      }
  double m1 = n1 % 2 ? a1[n1 / 2] : (a1[n1 / 2 - 1] + a1[n1 / 2]) / 2;
  double m0 = n0 % 2 ? a0[n0 / 2] : (a0[n0 / 2 - 1] + a0[n0 / 2]) / 2;
  NEAR(nm->median_churned, m1, 0);
  NEAR(nm->median_retained, m0, 0);
  assert_true(m1 > m0); /* churn rises with x by construction */

  /* stationarity of the penalised likelihood on the standardised scale */
  double s = 0, s2 = 0, cnt = 0;
  for (int i = 0; i < N; i++)
    if (!isnan(x[i])) {
      s += x[i];
      cnt++;
    }
  double mean = s / cnt;
  for (int i = 0; i < N; i++)
    if (!isnan(x[i])) s2 += (x[i] - mean) * (x[i] - mean);
  double sd = sqrt(s2 / (cnt - 1));
  const kw_churn_driver_model *M = kw_churn_drivers_model_view(d);
  double g0 = 0, g1 = 0;
  for (int i = 0; i < N; i++) {
    double zi = isnan(x[i]) ? 0 : (x[i] - mean) / sd;
    double p = 1 / (1 + exp(-(M->intercept + M->coef[0] * zi)));
    g0 += y[i] - p;
    g1 += zi * (y[i] - p);
  }
  NEAR(g0, 0, 1e-7);
  NEAR(g1, o.l2 * M->coef[0], 1e-7);
  assert_true(M->coef[0] > 0);
  kw_churn_drivers_free(d);
  kw_context_free(ctx);
}

/* Holdout split, level pooling, reproducibility from the seed; one class
 * only gives no model. */
static void test_drivers_holdout(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_seed(ctx, 12345);
  enum { N = 400 };
  int8_t y[N];
  uint32_t lv[N];
  double x[N];
  uint64_t s = 88172645463325252ULL;
  for (int i = 0; i < N; i++) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    lv[i] = (uint32_t)(s % 5);
    x[i] = (double)(s >> 11) / 9007199254740992.0;
    y[i] = (int8_t)(x[i] + 0.1 * lv[i] > 0.7);
  }
  y[7] = KW_NA_FLAG; /* left out */
  kw_column c1 = text_col("segment", lv, NULL), c2 = num_col("score", x);
  const kw_column *f[] = {&c1, &c2};
  kw_churn_drivers_options o;
  kw_churn_drivers_options_init(&o);
  o.max_levels = 3; /* reference + 1 named + (other) */
  kw_churn_drivers *d = NULL, *d2 = NULL;
  assert_int_equal(kw_churn_drivers_compute(ctx, y, N, f, 2, &o, &d), KW_OK);
  assert_int_equal(kw_churn_drivers_rows(d), N - 1);
  assert_int_equal(kw_churn_drivers_feature_count(d), 2);
  const kw_churn_driver_model *M = kw_churn_drivers_model_view(d);
  assert_non_null(M);
  assert_false(M->test_is_train);
  assert_int_equal(M->n_test, 120); /* round(0.3 * 399) */
  assert_int_equal(M->n_train + M->n_test, N - 1);
  assert_int_equal(M->n_terms, 3);
  assert_string_equal(M->term[1], "segment=(other)");
  assert_string_equal(M->term[2], "score");
  assert_true(M->auc > 0.8); /* y is nearly a function of the features */
  uint64_t tot = 0;
  for (size_t b = 0; b < M->bins; b++) {
    tot += M->bin_n[b];
    if (b) assert_true(M->bin_predicted[b] >= M->bin_predicted[b - 1]);
  }
  assert_int_equal(tot, M->n_test);
  assert_int_equal(kw_churn_drivers_levels_view(d, 0)->n_levels, 5);
  /* the same seed gives the same split and fit */
  assert_int_equal(kw_churn_drivers_compute(ctx, y, N, f, 2, &o, &d2), KW_OK);
  NEAR(kw_churn_drivers_model_view(d2)->auc, M->auc, 0);
  NEAR(kw_churn_drivers_model_view(d2)->coef[2], M->coef[2], 0);
  kw_churn_drivers_free(d2);
  kw_churn_drivers_free(d);

  int8_t same[N];
  for (int i = 0; i < N; i++) same[i] = 0;
  assert_int_equal(kw_churn_drivers_compute(ctx, same, N, f, 2, &o, &d), KW_OK);
  assert_null(kw_churn_drivers_model_view(d));
  NEAR(kw_churn_drivers_churn_rate(d), 0, 0);
  kw_churn_drivers_free(d);
  int8_t none[2] = {KW_NA_FLAG, KW_NA_FLAG};
  assert_int_equal(kw_churn_drivers_compute(ctx, none, 2, f, 2, &o, &d), KW_EEMPTY);
  kw_context_free(ctx);
}

/* AUC against a brute-force count over all pairs (ties = 1/2). */
static void test_auc_bruteforce(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  enum { N = 300 };
  double sc[N];
  int8_t lab[N];
  uint32_t s = 2463534242u;
  for (int i = 0; i < N; i++) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    sc[i] = (double)(s % 20) / 4.0; /* many ties */
    lab[i] = (int8_t)((s >> 8) % 3 == 0 || sc[i] > 4);
  }
  double brute = 0, pairs = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      if (lab[i] == 1 && lab[j] == 0) {
        pairs++;
        brute += sc[i] > sc[j] ? 1 : sc[i] == sc[j] ? 0.5 : 0;
      }
  double auc;
  assert_int_equal(kw_auc_mann_whitney(ctx, sc, lab, N, &auc), KW_OK);
  NEAR(auc, brute / pairs, 1e-12);
  /* one class only: 0.5 */
  int8_t ones[3] = {1, 1, 1};
  assert_int_equal(kw_auc_mann_whitney(ctx, sc, ones, 3, &auc), KW_OK);
  NEAR(auc, 0.5, 0);
  /* calibration: scores 0.1..1.0 in 5 bins of 2, positives at 0.4, 0.9,
   * 1.0: bins (0.1,0.2) (0.3,0.4) ... observed 0, 1/2, 0, 0, 1 */
  const double cs[] = {1.0, 0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5};
  const int8_t cy[] = {1, 0, 1, 0, 0, 0, 0, 1, 0, 0};
  uint64_t bn[5];
  double bp[5], bo[5];
  assert_int_equal(kw_calibration_bins(ctx, cs, cy, 10, 5, bn, bp, bo), KW_OK);
  const double ep[] = {0.15, 0.35, 0.55, 0.75, 0.95},
               eo[] = {0, 0.5, 0, 0, 1};
  for (int b = 0; b < 5; b++) {
    assert_int_equal(bn[b], 2);
    NEAR(bp[b], ep[b], 1e-12);
    NEAR(bo[b], eo[b], 0);
  }
  kw_context_free(ctx);
}

/* ================================================== out of memory paths */

static failing lim = {0, true};

static void test_oom(void **state) {
  (void)state;
  kw_allocator al = failing_allocator(&lim);
  int ok[4] = {0};
  for (int limit = 0; limit < 120; limit++) {
    lim.left = 1000;
    kw_context *ctx = kw_context_new_with_allocator(&al);
    kw_dataset *ds = make_tx(ctx, cohort_rows, 10, true);
    const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
    uint32_t lv[6] = {0, 1, 0, 1, 2, 0};
    double x[6] = {1, 2, 3, 4, 5, 6};
    int8_t y[6] = {0, 1, 0, 1, 1, 0};
    kw_column c1 = text_col("a", lv, NULL), c2 = num_col("b", x);
    const kw_column *f[] = {&c1, &c2};
    kw_churn_drivers_options dopt;
    kw_churn_drivers_options_init(&dopt);
    dopt.holdout = 0;

    lim.left = limit;
    kw_cohorts *co = NULL;
    kw_status st = kw_cohorts_build(ctx, tx, NULL, &co);
    assert_true(st == KW_OK || st == KW_ENOMEM);
    ok[0] += st == KW_OK;
    kw_cohorts_free(co);

    lim.left = limit;
    kw_churn *ch = NULL;
    st = kw_churn_purchases(ctx, tx, NULL, &ch);
    assert_true(st == KW_OK || st == KW_ENOMEM);
    ok[1] += st == KW_OK;
    kw_churn_free(ch);

    lim.left = limit;
    kw_churn_drivers *d = NULL;
    st = kw_churn_drivers_compute(ctx, y, 6, f, 2, &dopt, &d);
    assert_true(st == KW_OK || st == KW_ENOMEM);
    ok[2] += st == KW_OK;
    kw_churn_drivers_free(d);

    lim.left = limit;
    kw_sbg *m = NULL;
    st = kw_sbg_fit(ctx, regular, 8, NULL, &m);
    assert_true(st == KW_OK || st == KW_ENOMEM);
    ok[3] += st == KW_OK;
    kw_sbg_free(m);

    lim.left = 1000;
    kw_dataset_free(ds);
    kw_context_free(ctx);
  }
  for (int i = 0; i < 4; i++) assert_true(ok[i] > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sbg_paper),
      cmocka_unit_test(test_sbg_recover),
      cmocka_unit_test(test_sbg_counts),
      cmocka_unit_test(test_periods),
      cmocka_unit_test(test_cohorts_hand),
      cmocka_unit_test(test_cohorts_from_cells),
      cmocka_unit_test(test_cohorts_single),
      cmocka_unit_test(test_churn_gap),
      cmocka_unit_test(test_churn_run),
      cmocka_unit_test(test_churn_p_alive),
      cmocka_unit_test(test_churn_status_rule),
      cmocka_unit_test(test_churn_derived_gap),
      cmocka_unit_test(test_churn_contracts),
      cmocka_unit_test(test_churn_contracts_table),
      cmocka_unit_test(test_drivers_2x2),
      cmocka_unit_test(test_drivers_numeric_l2),
      cmocka_unit_test(test_drivers_holdout),
      cmocka_unit_test(test_auc_bruteforce),
      cmocka_unit_test(test_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
