/*
 * Unit tests: the customer-value models' input from a dataset
 * (kw_clv_data_build), the pattern-file reader and kw_clv_data_predict.
 *
 * tests/data/clv/transactions.csv, worked out by hand. Day numbers count
 * from 2024-01-01 (day 0); as-of 2024-01-31 = day 30, holdout end
 * 2024-02-29 = day 59; unit week (u = 7 days).
 *
 *   A  purchases on days 0 (10 + 5, merged), 7 (20), 29 (30); day 19 is
 *      only a return (-5), not a purchase day; holdout purchases on days
 *      35, 36, 50; day 64 (2024-03-05) lies after the holdout.
 *      Continuous: x = 2, t_x = 29/7, T = 30/7, zbar = (20 + 30)/2 = 25,
 *      revenue 15 + 20 - 5 + 30 = 60, cost 6 + 3 + 12 - 3 + 18 = 36, so
 *      margin (60 - 36)/60 = 0.4; holdout 3 purchase days.
 *      Discrete: n = floor(30/7) = 4 opportunities; day 7 is opportunity
 *      ceil(7/7) = 1, day 29 is ceil(29/7) = 5 > 4 (incomplete at as-of,
 *      so not calibration); x = 1, t_x = 1, T = 4, zbar = 20. Holdout
 *      H = floor(29/7) = 4 opportunities 5..8: days 29 and 35 are both
 *      opportunity 5 (counted once), 36 is 6, 50 is ceil(50/7) = 8: 3.
 *   B  purchase day 14 (40, cost missing); day 28 only a return; holdout
 *      purchase day 42. x = 0, t_x = 0, T = 16/7; revenue 30; margin
 *      unknown (one line without cost). Discrete: n = floor(16/7) = 2,
 *      day 42 is opportunity ceil(28/7) = 4 in the holdout 3..6: 1.
 *   C  first purchase day 32 > as-of: not in the calibration set.
 *   D  a return on day 9, first purchase day 40: not in it either.
 *   E  first purchase on the as-of day: x = 0, t_x = 0, T = 0; revenue 8,
 *      cost 4, margin 0.5.
 *   F  only a return, after the as-of date: never a purchase, not later.
 * n_later = 2 (C, D); pooled margin over A and E = (24 + 4)/(60 + 8).
 *
 * Tracking: the earliest first purchase is day 0, so n_cal_periods =
 * ceil(30/7) = 5 and period k ends on day 30 + 7 (k - 5): 2, 9, 16, 23,
 * 30, 37, 44, 51, 58 (4 whole holdout weeks: floor(29/7) = 4, 9 periods).
 * Offsets 5 + (first - 30)/7: A 5 - 30/7, B 5 - 16/7, E 5.
 *   Continuous repeat days: A 7 -> period 2, 29 -> 5, 35 and 36 -> 6,
 *   50 -> 8; B 42 -> 7. Cumulative: 0 1 1 1 2 4 5 6 6.
 *   Discrete opportunities, counted in the period where they end (day
 *   first + 7j): A j = 1 (day 7) -> 2, j = 5 (35) -> 6, j = 6 (42) -> 7,
 *   j = 8 (56) -> 9; B j = 4 (42) -> 7. Cumulative: 0 1 1 1 1 2 4 4 5.
 *
 * tests/data/clv/customers.csv: acquisition cost A 12.50, B missing,
 * C 5.00, E 0.00 (value/CAC is missing for B and E).
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

static kw_dataset *load_dir(kw_context *ctx) {
  kw_load_options o;
  kw_load_options_init(&o);
  o.dir = KW_TEST_DATA "/clv";
  o.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_CUSTOMERS);
  kw_dataset *ds = NULL;
  kw_status st = kw_dataset_load(ctx, &o, &ds);
  if (st) print_error("%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  return ds;
}

static kw_clv_data *build(kw_context *ctx, const kw_dataset *ds, bool hold,
                          bool discrete) {
  kw_clv_data_options o;
  kw_clv_data_options_init(&o);
  o.as_of = kw_date_from_ymd(2024, 1, 31);
  o.holdout_end = hold ? kw_date_from_ymd(2024, 2, 29) : KW_NA_DATE;
  o.unit = KW_UNIT_WEEK;
  o.discrete = discrete;
  kw_clv_data *d = NULL;
  kw_status st = kw_clv_data_build(ctx, ds, &o, &d);
  if (st) print_error("%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  return d;
}

static const char *id_of(const kw_clv_input *v, size_t i) {
  return kw_dict_str(v->ids, v->customer[i]);
}

static void test_continuous(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_dir(ctx);
  kw_clv_data *d = build(ctx, ds, true, false);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, 3);
  assert_string_equal(id_of(v, 0), "A");
  assert_string_equal(id_of(v, 1), "B");
  assert_string_equal(id_of(v, 2), "E");
  assert_int_equal(v->n_later, 2);
  assert_int_equal(v->n_repeat, 1);
  assert_false(v->discrete);
  assert_null(v->weight);
  static const double x[3] = {2, 0, 0}, tx[3] = {29.0 / 7, 0, 0};
  static const double T[3] = {30.0 / 7, 16.0 / 7, 0};
  static const double zbar[3] = {25, 0, 0}, rev[3] = {60, 30, 8};
  static const double hold[3] = {3, 1, 0};
  for (int i = 0; i < 3; i++) {
    NEAR(v->x[i], x[i], 0);
    NEAR(v->t_x[i], tx[i], 1e-12);
    NEAR(v->T[i], T[i], 1e-12);
    NEAR(v->zbar[i], zbar[i], 1e-12);
    NEAR(v->revenue[i], rev[i], 1e-12);
    NEAR(v->holdout[i], hold[i], 0);
  }
  assert_int_equal(v->first[0], kw_date_from_ymd(2024, 1, 1));
  assert_int_equal(v->first[2], kw_date_from_ymd(2024, 1, 31));
  assert_true(v->has_cost);
  NEAR(v->margin[0], 0.4, 1e-12);
  assert_true(isnan(v->margin[1]));
  NEAR(v->margin[2], 0.5, 1e-12);
  NEAR(v->pooled_margin, 28.0 / 68.0, 1e-12);
  assert_non_null(v->acq_cost);
  NEAR(v->acq_cost[0], 12.5, 1e-12);
  assert_true(isnan(v->acq_cost[1]));
  NEAR(v->acq_cost[2], 0, 0);
  NEAR(v->holdout_len, 29.0 / 7, 1e-12);
  assert_int_equal(v->n_cal_periods, 5);
  assert_int_equal(v->n_periods, 9);
  static const double off[3] = {5 - 30.0 / 7, 5 - 16.0 / 7, 5};
  for (int i = 0; i < 3; i++) NEAR(v->offset[i], off[i], 1e-12);
  static const double cum[9] = {0, 1, 1, 1, 2, 4, 5, 6, 6};
  for (int k = 0; k < 9; k++) NEAR(v->track_actual[k], cum[k], 0);
  kw_clv_data_free(d);

  /* without a holdout: no counts, the calibration periods only */
  d = build(ctx, ds, false, false);
  v = kw_clv_data_view(d);
  assert_null(v->holdout);
  NEAR(v->holdout_len, 0, 0);
  assert_int_equal(v->n_periods, 5);
  for (int k = 0; k < 5; k++) NEAR(v->track_actual[k], cum[k], 0);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_discrete(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_dir(ctx);
  kw_clv_data *d = build(ctx, ds, true, true);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, 3);
  assert_true(v->discrete);
  /* ISO weeks of 2024 (Monday 1 January opens week 1): as-of Wednesday
   * 31/01 completes week 4, holdout end Thursday 29/02 week 8 (H = 4).
   * A: first in week 1, n = 3; 08/01 week 2 (j = 1, 20.00); 30/01 week 5
   * (j = 4), 05/02 and 06/02 week 6, 20/02 week 8: holdout j = 4, 5, 7.
   * B: first 15/01 week 3, n = 1; 12/02 week 7 (j = 4 <= 1 + 4). E: first
   * 31/01 in week 5, n = 0. See tests/data/README.md. */
  static const double x[3] = {1, 0, 0}, tx[3] = {1, 0, 0}, T[3] = {3, 1, 0};
  static const double zbar[3] = {20, 0, 0}, hold[3] = {3, 1, 0};
  for (int i = 0; i < 3; i++) {
    NEAR(v->x[i], x[i], 0);
    NEAR(v->t_x[i], tx[i], 0);
    NEAR(v->T[i], T[i], 0);
    NEAR(v->zbar[i], zbar[i], 1e-12);
    NEAR(v->holdout[i], hold[i], 0);
  }
  NEAR(v->holdout_len, 4, 0);
  /* tracking: weeks 2..8 (K = 3 complete weeks after week 1 by as-of);
   * A's opportunities in weeks 2, 5, 6, 8 and B's in week 7 */
  assert_int_equal(v->n_cal_periods, 3);
  assert_int_equal(v->n_periods, 7);
  static const double cum[7] = {1, 1, 1, 2, 3, 4, 5};
  for (int k = 0; k < 7; k++) NEAR(v->track_actual[k], cum[k], 0);
  static const double off[3] = {0, 2, 4};
  for (int i = 0; i < 3; i++) NEAR(v->offset[i], off[i], 0);
  assert_int_equal(v->period_end[0], kw_date_from_ymd(2024, 1, 14));
  assert_int_equal(v->period_end[2], kw_date_from_ymd(2024, 1, 28));
  assert_int_equal(v->period_end[6], kw_date_from_ymd(2024, 2, 25));
  /* the rows are valid BG/BB input */
  double p[4] = {1.2, 0.75, 0.66, 2.8}, out[3];
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGBB, p, &f), KW_OK);
  assert_int_equal(kw_clv_p_alive(ctx, f, v->x, v->t_x, v->T, v->n, out),
                   KW_OK);
  kw_clv_fit_free(f);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* The continuous triple is the summary's, customer by customer. */
static void test_matches_summary(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_dir(ctx);
  kw_clv_data *d = build(ctx, ds, true, false);
  const kw_clv_input *v = kw_clv_data_view(d);
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = kw_date_from_ymd(2024, 1, 31);
  so.unit = KW_UNIT_WEEK;
  kw_summary *s = NULL;
  assert_int_equal(kw_summary_build(ctx, ds, &so, &s), KW_OK);
  const kw_customer_summary *sv = kw_summary_view(s);
  assert_int_equal(v->n, sv->n_buyers);
  for (size_t i = 0; i < v->n; i++) {
    uint32_t c = v->customer[i];
    NEAR(v->x[i], sv->x[c], 0);
    NEAR(v->t_x[i], sv->t_x[c], 0);
    NEAR(v->T[i], sv->T[c], 0);
    NEAR(v->zbar[i], sv->repeat_spend[c], 0);
  }
  kw_summary_free(s);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_bad_holdout(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_dir(ctx);
  kw_clv_data_options o;
  kw_clv_data_options_init(&o);
  o.as_of = kw_date_from_ymd(2024, 1, 31);
  o.holdout_end = o.as_of;
  o.unit = KW_UNIT_WEEK;
  kw_clv_data *d = (kw_clv_data *)1;
  assert_int_equal(kw_clv_data_build(ctx, ds, &o, &d), KW_EARG);
  assert_null(d);
  /* as-of before every purchase: an empty calibration set, all later */
  o.as_of = kw_date_from_ymd(2023, 12, 31);
  o.holdout_end = KW_NA_DATE;
  assert_int_equal(kw_clv_data_build(ctx, ds, &o, &d), KW_OK);
  assert_int_equal(kw_clv_data_view(d)->n, 0);
  assert_int_equal(kw_clv_data_view(d)->n_later, 5);
  kw_clv_data_free(d);
  kw_clv_data_free(NULL);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/*
 * Predictions from known parameters (the published CDNOW BG/NBD and
 * Gamma-Gamma estimates). Checked by second routes: E (x = 0, T = 0, a
 * customer acquired on the as-of day) is a new customer, so its
 * expectation is the population E[X(52)] and P(alive) = 1; values are
 * the margin times kw_clv_value at margin 1; value/CAC divides by the
 * cost where it is known and positive.
 */
static void test_predict(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_dir(ctx);
  kw_clv_data *d = build(ctx, ds, false, false);
  const kw_clv_input *v = kw_clv_data_view(d);
  double pb[4] = {0.2426, 4.414, 0.7929, 2.426}, pg[3] = {6.25, 3.74, 15.44};
  kw_clv_fit *f = NULL, *g = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, pb, &f), KW_OK);
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_GG, pg, &g), KW_OK);
  kw_clv_predict_options po;
  kw_clv_predict_options_init(&po);
  assert_true(isnan(po.margin));
  po.horizon = 52;
  po.discount = 0.01;
  kw_clv_pred *p = NULL;
  assert_int_equal(kw_clv_data_predict(ctx, f, g, d, &po, &p), KW_OK);
  const kw_clv_predictions *r = kw_clv_pred_view(p);
  assert_int_equal(r->n, 3);
  assert_int_equal(r->margin_source, KW_CLV_MARGIN_REAL);
  double pop;
  assert_int_equal(kw_clv_population(ctx, f, 52, &pop), KW_OK);
  NEAR(r->population, pop, 0);
  NEAR(r->p_alive[2], 1, 1e-12);
  NEAR(r->expected[2], pop, 1e-9);
  /* margins: own, pooled (B's cost is incomplete), own */
  NEAR(r->margin[0], 0.4, 1e-12);
  NEAR(r->margin[1], 28.0 / 68.0, 1e-12);
  NEAR(r->margin[2], 0.5, 1e-12);
  /* spend: A from zbar 25 with x = 2: 6.25 (15.44 + 50)/(12.5 + 2.74);
   * B and E the population mean 6.25 * 15.44 / 2.74 */
  NEAR(r->spend[0], 6.25 * (15.44 + 50) / (6.25 * 2 + 3.74 - 1), 1e-9);
  NEAR(r->spend[1], 6.25 * 15.44 / 2.74, 1e-9);
  NEAR(r->spend[2], 6.25 * 15.44 / 2.74, 1e-9);
  double val1[3];
  kw_clv_value_options vo;
  kw_clv_value_options_init(&vo);
  vo.horizon = 52;
  vo.discount = 0.01;
  assert_int_equal(kw_clv_value(ctx, f, v->x, v->t_x, v->T, r->spend, 3, &vo,
                                val1), KW_OK);
  double total = 0;
  for (int i = 0; i < 3; i++) {
    NEAR(r->value[i], r->margin[i] * val1[i], 1e-9);
    assert_true(r->value[i] > 0);
    total += r->value[i];
    assert_true(isfinite(r->p_count[i]) && r->p_count[i] >= 0 &&
                r->p_count[i] <= 1);
  }
  NEAR(r->total_value, total, 1e-9);
  NEAR(r->value_cac[0], r->value[0] / 12.5, 1e-12);
  assert_true(isnan(r->value_cac[1]));
  assert_true(isnan(r->value_cac[2]));
  kw_clv_pred_free(p);

  /* a given margin for everyone; no spend fit: no values */
  po.margin = 0.3;
  assert_int_equal(kw_clv_data_predict(ctx, f, g, d, &po, &p), KW_OK);
  r = kw_clv_pred_view(p);
  assert_int_equal(r->margin_source, KW_CLV_MARGIN_GIVEN);
  for (int i = 0; i < 3; i++) NEAR(r->value[i], 0.3 * val1[i], 1e-9);
  kw_clv_pred_free(p);
  assert_int_equal(kw_clv_data_predict(ctx, f, NULL, d, &po, &p), KW_OK);
  r = kw_clv_pred_view(p);
  assert_null(r->value);
  assert_null(r->spend);
  assert_null(r->value_cac);
  assert_non_null(r->expected);
  kw_clv_pred_free(p);
  po.margin = 1.5;
  assert_int_equal(kw_clv_data_predict(ctx, f, g, d, &po, &p), KW_EARG);
  assert_null(p);
  /* the spend fit in the purchase slot */
  po.margin = NAN;
  assert_int_equal(kw_clv_data_predict(ctx, g, g, d, &po, &p), KW_EARG);
  kw_clv_pred_free(NULL);
  kw_clv_fit_free(f);
  kw_clv_fit_free(g);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* Every model gives finite predictions for one-time buyers, x = 0 and a
 * customer acquired on the as-of day (T = 0). */
static void test_all_models_finite(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_dir(ctx);
  static const struct {
    kw_clv_model m;
    double p[4];
  } models[] = {
      {KW_CLV_BGNBD, {0.2426, 4.414, 0.7929, 2.426}},
      {KW_CLV_MBGNBD, {0.525, 6.183, 0.891, 1.614}},
      {KW_CLV_PNBD, {0.5532, 10.58, 0.6062, 11.67}},
      {KW_CLV_BGBB, {1.204, 0.750, 0.657, 2.783}},
  };
  double pg[3] = {6.25, 3.74, 15.44};
  kw_clv_fit *g = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_GG, pg, &g), KW_OK);
  for (size_t k = 0; k < sizeof models / sizeof *models; k++) {
    kw_clv_data *d = build(ctx, ds, true, models[k].m == KW_CLV_BGBB);
    kw_clv_fit *f = NULL;
    assert_int_equal(kw_clv_fit_from_params(ctx, models[k].m, models[k].p, &f),
                     KW_OK);
    kw_clv_pred *p = NULL;
    assert_int_equal(kw_clv_data_predict(ctx, f, g, d, NULL, &p), KW_OK);
    const kw_clv_predictions *r = kw_clv_pred_view(p);
    for (size_t i = 0; i < r->n; i++) {
      assert_true(r->p_alive[i] >= 0 && r->p_alive[i] <= 1);
      assert_true(isfinite(r->expected[i]) && r->expected[i] >= 0);
      assert_true(isfinite(r->spend[i]) && r->spend[i] > 0);
      assert_true(isfinite(r->value[i]));
      if (r->p_count) assert_true(isfinite(r->p_count[i]));
    }
    assert_true(models[k].m == KW_CLV_BGBB ? r->p_count == NULL
                                           : r->p_count != NULL);
    assert_true(isfinite(r->population) && r->population > 0);
    kw_clv_pred_free(p);
    kw_clv_fit_free(f);
    kw_clv_data_free(d);
  }
  kw_clv_fit_free(g);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_patterns(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_read_patterns(ctx, KW_TEST_DATA
                                             "/clv/patterns.csv", &d),
                   KW_OK);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, 3);
  assert_null(v->ids);
  assert_null(v->zbar);
  assert_null(v->holdout);
  assert_int_equal(v->n_periods, 0);
  static const double x[3] = {0, 1, 2}, w[3] = {3464, 1091, 613};
  for (int i = 0; i < 3; i++) {
    NEAR(v->x[i], x[i], 0);
    NEAR(v->t_x[i], x[i], 0);
    NEAR(v->T[i], 6, 0);
    NEAR(v->weight[i], w[i], 0);
  }
  assert_int_equal(v->n_repeat, 1091 + 613);
  /* predictions are per pattern; totals weighted */
  double p[4] = {1.204, 0.750, 0.657, 2.783};
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_from_params(ctx, KW_CLV_BGBB, p, &f), KW_OK);
  kw_clv_predict_options po;
  kw_clv_predict_options_init(&po);
  po.horizon = 5;
  kw_clv_pred *pr = NULL;
  assert_int_equal(kw_clv_data_predict(ctx, f, NULL, d, &po, &pr), KW_OK);
  const kw_clv_predictions *r = kw_clv_pred_view(pr);
  NEAR(r->total_expected,
       3464 * r->expected[0] + 1091 * r->expected[1] + 613 * r->expected[2],
       1e-6);
  kw_clv_pred_free(pr);
  kw_clv_fit_free(f);
  kw_clv_data_free(d);

  /* ';', other header names, an extra column, no weights: 1 each */
  assert_int_equal(kw_clv_data_read_patterns(ctx, KW_TEST_DATA
                                             "/clv/patterns_semicolon.csv", &d),
                   KW_OK);
  v = kw_clv_data_view(d);
  assert_int_equal(v->n, 2);
  NEAR(v->x[1], 2, 0);
  NEAR(v->t_x[1], 3, 0);
  NEAR(v->T[1], 4, 0);
  NEAR(v->weight[0], 1, 0);
  kw_clv_data_free(d);

  assert_int_equal(kw_clv_data_read_patterns(ctx, KW_TEST_DATA
                                             "/clv/patterns_bad.csv", &d),
                   KW_EINPUT);
  assert_null(d);
  /* line 3, column 3: "x1" */
  assert_non_null(strstr(kw_errmsg(ctx), "patterns_bad.csv:3:3"));
  assert_int_equal(kw_clv_data_read_patterns(ctx, KW_TEST_DATA
                                             "/clv/patterns_nocol.csv", &d),
                   KW_EMISSING);
  assert_int_equal(kw_clv_data_read_patterns(ctx, KW_TEST_DATA
                                             "/clv/does_not_exist.csv", &d),
                   KW_EIO);
  kw_context_free(ctx);
}

/* Calendar periods for BG/BB, worked out by hand in tests/data/README.md
 * (tests/data/clv/calendar/transactions.csv). */
static kw_clv_data *build_cal(kw_context *ctx, const kw_dataset *ds,
                              int32_t as_of, kw_unit unit) {
  kw_clv_data_options o;
  kw_clv_data_options_init(&o);
  o.as_of = as_of;
  o.unit = unit;
  o.discrete = true;
  kw_clv_data *d = NULL;
  kw_status st = kw_clv_data_build(ctx, ds, &o, &d);
  if (st) print_error("%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  return d;
}

static size_t row_of(const kw_clv_input *v, const char *id) {
  for (size_t i = 0; i < v->n; i++)
    if (strcmp(id_of(v, i), id) == 0) return i;
  fail_msg("no customer %s", id);
  return 0;
}

static void check_row(const kw_clv_input *v, const char *id, double x,
                      double tx, double n) {
  size_t i = row_of(v, id);
  NEAR(v->x[i], x, 0);
  NEAR(v->t_x[i], tx, 0);
  NEAR(v->T[i], n, 0);
}

static void test_calendar_periods(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = KW_TEST_DATA "/clv/calendar.csv";
  lo.tables = 1u << KW_TABLE_TRANSACTIONS;
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  /* months, as-of 31 May: M bought on the 1st of January to May */
  kw_clv_data *d = build_cal(ctx, ds, kw_date_from_ymd(2024, 5, 31),
                             KW_UNIT_MONTH);
  const kw_clv_input *v = kw_clv_data_view(d);
  check_row(v, "M", 4, 4, 4);
  check_row(v, "N", 2, 3, 4);
  kw_clv_data_free(d);
  /* as-of 1 May: May is not complete, its purchase not calibration data */
  d = build_cal(ctx, ds, kw_date_from_ymd(2024, 5, 1), KW_UNIT_MONTH);
  v = kw_clv_data_view(d);
  check_row(v, "M", 3, 3, 3);
  check_row(v, "N", 2, 3, 3);
  kw_clv_data_free(d);
  /* ISO weeks, as-of Sunday 21 January 2024 */
  d = build_cal(ctx, ds, kw_date_from_ymd(2024, 1, 21), KW_UNIT_WEEK);
  v = kw_clv_data_view(d);
  check_row(v, "W", 2, 2, 2);
  kw_clv_data_free(d);
  /* years, as-of 31 December 2023 */
  d = build_cal(ctx, ds, kw_date_from_ymd(2023, 12, 31), KW_UNIT_YEAR);
  v = kw_clv_data_view(d);
  check_row(v, "Y", 3, 4, 4);
  assert_int_equal(v->n_cal_periods, 4);
  assert_int_equal(v->period_end[0], kw_date_from_ymd(2020, 12, 31));
  assert_int_equal(v->period_end[3], kw_date_from_ymd(2023, 12, 31));
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* A dated log without amounts (lifetimes' example_transactions.csv has only
 * date and id): refused by default, read with amount_optional (amount 0 on
 * every line). M: first 01/01, purchase days 01/02 (two lines) and 15/03:
 * x = 2, t_x = 74 days, T = 90 days at as-of 31/03; N: x = 0, T = 30. */
static void test_dates_only(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = KW_TEST_DATA "/clv/dates_only.csv";
  lo.tables = 1u << KW_TABLE_TRANSACTIONS;
  kw_dataset *ds = NULL;
  assert_int_not_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  assert_null(ds);
  lo.amount_optional = true;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  kw_clv_data_options o;
  kw_clv_data_options_init(&o);
  o.as_of = kw_date_from_ymd(2024, 3, 31);
  o.unit = KW_UNIT_DAY;
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_build(ctx, ds, &o, &d), KW_OK);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, 2);
  check_row(v, "M", 2, 74, 90);
  check_row(v, "N", 0, 0, 30);
  NEAR(v->revenue[row_of(v, "M")], 0, 0);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* One year in each unit; a pattern file as far as its longest T. */
static void test_horizon_default(void **state) {
  (void)state;
  assert_int_equal(kw_clv_horizon_default(KW_UNIT_DAY, NULL), 365);
  assert_int_equal(kw_clv_horizon_default(KW_UNIT_WEEK, NULL), 52);
  assert_int_equal(kw_clv_horizon_default(KW_UNIT_MONTH, NULL), 12);
  assert_int_equal(kw_clv_horizon_default(KW_UNIT_YEAR, NULL), 1);
  const double x[] = {0, 2, 1}, tx[] = {0, 3.5, 1}, T[] = {4, 6.2, 5};
  kw_context *ctx = kw_context_new();
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_from_patterns(ctx, x, tx, T, NULL, 3, &d),
                   KW_OK);
  assert_int_equal(kw_clv_horizon_default(KW_UNIT_WEEK, kw_clv_data_view(d)),
                   7); /* ceil(6.2) */
  kw_clv_data_free(d);
  kw_context_free(ctx);
}

/* kw_clv_data_from_rows: the rows of A, B and E as the header works them
 * out, the repeat purchase days per day (A 7, 29, 35, 36, 50; B 42, as
 * days since 2024-01-01) and a day after the holdout (64, left out); the
 * tracking, offsets and holdout length are those worked out above. */
static void test_from_rows(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const int32_t d0 = kw_date_from_ymd(2024, 1, 1);
  static const char *const ids[3] = {"A", "B", "E"};
  const int32_t first[3] = {d0, d0 + 14, d0 + 30};
  static const double x[3] = {2, 0, 0}, tx[3] = {29.0 / 7, 0, 0};
  static const double T[3] = {30.0 / 7, 16.0 / 7, 0};
  static const double zbar[3] = {25, 0, 0}, rev[3] = {60, 30, 8};
  const double margin[3] = {0.4, NAN, 0.5};
  static const double hold[3] = {3, 1, 0};
  int32_t rday[7];
  static const int days[7] = {7, 29, 35, 36, 42, 50, 64};
  static const double rcount[7] = {1, 1, 1, 1, 1, 1, 1};
  for (int k = 0; k < 7; k++) rday[k] = d0 + days[k];
  kw_clv_rows r;
  memset(&r, 0, sizeof r);
  r.n = 3;
  r.ids = ids;
  r.first = first;
  r.x = x, r.t_x = tx, r.T = T, r.zbar = zbar, r.revenue = rev;
  r.margin = margin;
  r.holdout = hold;
  r.as_of = d0 + 30;
  r.holdout_end = d0 + 59;
  r.unit = KW_UNIT_WEEK;
  r.has_cost = true;
  r.pooled_margin = 28.0 / 68.0;
  r.n_later = 2;
  r.n_days = 7;
  r.rday = rday;
  r.rcount = rcount;
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_OK);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, 3);
  for (int i = 0; i < 3; i++) {
    assert_string_equal(id_of(v, (size_t)i), ids[i]);
    NEAR(v->x[i], x[i], 0);
    NEAR(v->holdout[i], hold[i], 0);
  }
  assert_int_equal(v->n_later, 2);
  assert_int_equal(v->n_repeat, 1);
  assert_false(v->discrete);
  NEAR(v->holdout_len, 29.0 / 7, 1e-12);
  NEAR(v->pooled_margin, 28.0 / 68.0, 1e-12);
  assert_int_equal(v->n_cal_periods, 5);
  assert_int_equal(v->n_periods, 9);
  static const double off[3] = {5 - 30.0 / 7, 5 - 16.0 / 7, 5};
  for (int i = 0; i < 3; i++) NEAR(v->offset[i], off[i], 1e-12);
  static const double cum[9] = {0, 1, 1, 1, 2, 4, 5, 6, 6};
  for (int k = 0; k < 9; k++) NEAR(v->track_actual[k], cum[k], 0);
  assert_int_equal(v->period_end[8], d0 + 58);
  kw_clv_data_free(d);
  /* a holdout that does not end after as_of, and no holdout counts */
  r.holdout_end = r.as_of;
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_EARG);
  r.holdout_end = d0 + 59;
  r.holdout = NULL;
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_EARG);
  /* without a holdout: calibration periods only */
  r.holdout_end = KW_NA_DATE;
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_OK);
  v = kw_clv_data_view(d);
  assert_null(v->holdout);
  assert_int_equal(v->n_periods, 5);
  NEAR(v->track_actual[4], 2, 0);
  kw_clv_data_free(d);
  kw_context_free(ctx);
}

/* kw_clv_analysis_compute is the same pipeline as its steps called one by
 * one (a fit, the spend fit, the predictions, the holdout check), and its
 * rules: no customer, no spend model, the best model by BIC. The rows are
 * made up: 200 customers with 0 to 3 repeat purchases. */
#define NR 200
typedef struct rows_buf {
  char idbuf[NR][8];
  const char *ids[NR];
  int32_t first[NR];
  double x[NR], tx[NR], T[NR], zbar[NR], rev[NR], margin[NR], hold[NR];
} rows_buf;

static void make_rows(rows_buf *b, kw_clv_rows *r, bool spend) {
  const int32_t as_of = kw_date_from_ymd(2024, 12, 31);
  memset(r, 0, sizeof *r);
  for (int i = 0; i < NR; i++) {
    snprintf(b->idbuf[i], sizeof b->idbuf[i], "c%d", i);
    b->ids[i] = b->idbuf[i];
    b->T[i] = 10 + (i * 37) % 40;
    b->first[i] = as_of - (int32_t)(b->T[i] * 7);
    b->x[i] = i % 4 == 3 && i % 8 != 7 ? 0 : i % 4;
    b->tx[i] = b->x[i] > 0 ? b->T[i] * (0.3 + 0.05 * ((i * 13) % 10)) : 0;
    b->zbar[i] = b->x[i] > 0 && spend ? 10 + i % 17 : 0;
    b->rev[i] = b->zbar[i] * (b->x[i] + 1) + 5;
    b->margin[i] = NAN;
    b->hold[i] = (double)((i * 7) % 3);
  }
  r->n = NR;
  r->ids = b->ids;
  r->first = b->first;
  r->x = b->x, r->t_x = b->tx, r->T = b->T, r->zbar = b->zbar;
  r->revenue = b->rev, r->margin = b->margin, r->holdout = b->hold;
  r->as_of = as_of;
  r->holdout_end = KW_NA_DATE;
  r->unit = KW_UNIT_WEEK;
  r->pooled_margin = NAN;
}

static const char *last_key;
static void on_msg(void *user, kw_log_level lvl, const char *text,
                   const kw_msginfo *m) {
  (void)user, (void)lvl, (void)text;
  if (m && m->key) last_key = m->key;
}

static void test_analysis(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log_msg(ctx, on_msg, NULL);
  rows_buf *b = calloc(1, sizeof *b);
  kw_clv_rows r;
  make_rows(b, &r, true);
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_OK);
  const kw_clv_input *v = kw_clv_data_view(d);
  /* the steps one by one */
  kw_clv_fit_options fo;
  kw_clv_fit_options_init(&fo);
  kw_clv_fit *f = NULL, *g = NULL;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, v->x, v->t_x, v->T,
                                    NULL, v->n, &fo, &f), KW_OK);
  assert_int_equal(kw_clv_fit_spend(ctx, v->x, v->zbar, NULL, v->n, &fo, &g),
                   KW_OK);
  kw_clv_predict_options po;
  kw_clv_predict_options_init(&po);
  po.horizon = 52; /* a year of weeks: the analysis' default */
  po.discount = 0.002;
  kw_clv_pred *p = NULL;
  assert_int_equal(kw_clv_data_predict(ctx, f, g, d, &po, &p), KW_OK);
  const kw_clv_predictions *pv = kw_clv_pred_view(p);
  /* the one call */
  kw_clv_analysis_options ao;
  kw_clv_analysis_options_init(&ao);
  assert_int_equal(ao.model, KW_CLV_BGNBD);
  assert_true(ao.spend);
  ao.predict.discount = 0.002;
  kw_clv_analysis *an = NULL;
  assert_int_equal(kw_clv_analysis_compute(ctx, d, &ao, &an), KW_OK);
  const kw_clv_analysis_data *a = kw_clv_analysis_view(an);
  assert_int_equal(a->horizon, 52);
  assert_null(a->comparison);
  assert_null(a->holdout);
  assert_false(a->no_spend);
  assert_non_null(a->gg);
  const kw_clv_result *fr = kw_clv_fit_result(f);
  for (size_t k = 0; k < fr->n_params; k++)
    NEAR(a->fit->params[k], fr->params[k], 0);
  for (size_t i = 0; i < NR; i++) {
    NEAR(a->pred->p_alive[i], pv->p_alive[i], 0);
    NEAR(a->pred->expected[i], pv->expected[i], 0);
    NEAR(a->pred->value[i], pv->value[i], 0);
  }
  kw_clv_analysis_free(an);
  /* the best by BIC: the comparison's best is the model kept */
  ao.model = KW_CLV_MODEL__COUNT;
  assert_int_equal(kw_clv_analysis_compute(ctx, d, &ao, &an), KW_OK);
  a = kw_clv_analysis_view(an);
  assert_non_null(a->comparison);
  assert_int_equal(a->fit->model, a->comparison->best);
  kw_clv_analysis_free(an);
  kw_clv_pred_free(p);
  kw_clv_fit_free(f);
  kw_clv_fit_free(g);
  kw_clv_data_free(d);
  /* no repeat buyer with a positive spend: no spend model, a warning */
  make_rows(b, &r, false);
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_OK);
  ao.model = KW_CLV_BGNBD;
  last_key = NULL;
  assert_int_equal(kw_clv_analysis_compute(ctx, d, &ao, &an), KW_OK);
  a = kw_clv_analysis_view(an);
  assert_true(a->no_spend);
  assert_null(a->gg);
  assert_null(a->pred->value);
  assert_non_null(last_key);
  assert_string_equal(last_key, "model.w.clv_no_spend");
  kw_clv_analysis_free(an);
  kw_clv_data_free(d);
  /* a holdout: the check of kw_clv_holdout_compute */
  r.holdout_end = r.as_of + 91;
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_OK);
  ao.spend = false;
  assert_int_equal(kw_clv_analysis_compute(ctx, d, &ao, &an), KW_OK);
  a = kw_clv_analysis_view(an);
  assert_non_null(a->holdout);
  v = kw_clv_data_view(d);
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, v->x, v->t_x, v->T,
                                    NULL, v->n, &fo, &f), KW_OK);
  kw_clv_holdout h;
  assert_int_equal(kw_clv_holdout_compute(ctx, f, v, &h), KW_OK);
  NEAR(a->holdout->ev.rmse, h.ev.rmse, 0);
  for (size_t i = 0; i < NR; i++)
    NEAR(a->holdout->expected[i], h.expected[i], 0);
  for (size_t k = 0; k < v->n_periods; k++)
    NEAR(a->holdout->tracking[k], h.tracking[k], 0);
  kw_clv_holdout_free(ctx, &h);
  kw_clv_fit_free(f);
  kw_clv_analysis_free(an);
  kw_clv_data_free(d);
  /* no calibration customer: KW_EEMPTY by key, with the later buyers */
  r.n = 0;
  r.n_later = 4;
  r.holdout_end = KW_NA_DATE;
  assert_int_equal(kw_clv_data_from_rows(ctx, &r, &d), KW_OK);
  assert_int_equal(kw_clv_analysis_compute(ctx, d, &ao, &an), KW_EEMPTY);
  assert_null(an);
  const kw_msginfo *m = kw_errinfo(ctx);
  assert_string_equal(m->key, "model.e.clv_no_customer");
  assert_string_equal(m->values[0], "4");
  kw_clv_data_free(d);
  free(b);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_continuous),
      cmocka_unit_test(test_discrete),
      cmocka_unit_test(test_calendar_periods),
      cmocka_unit_test(test_dates_only),
      cmocka_unit_test(test_matches_summary),
      cmocka_unit_test(test_bad_holdout),
      cmocka_unit_test(test_predict),
      cmocka_unit_test(test_all_models_finite),
      cmocka_unit_test(test_patterns),
      cmocka_unit_test(test_from_rows),
      cmocka_unit_test(test_horizon_default),
      cmocka_unit_test(test_analysis),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
