/*
 * Reference tests: the customer-value models run from transaction data
 * (kw_dataset_load -> kw_clv_data_build -> fits -> kw_clv_data_predict),
 * the path `klantwijs clv` takes.
 *
 * CDNOW sample (../shared/data/BTYD/cdnowElog.csv, skipped when absent):
 * 2,357 customers, weeks, calibration to 1997-09-30, same-day purchases
 * merged. Published values (Fader, Hardie & Lee 2005; Fader & Hardie's
 * Pareto/NBD note; FHL 2005 "RFM and CLV"):
 *   BG/NBD      r = 0.2426, alpha = 4.414, a = 0.7929, b = 2.426,
 *               LL = -9582.43
 *   Pareto/NBD  r = 0.5532, alpha = 10.58, s = 0.6062, beta = 11.67,
 *               LL = -9594.98
 *   Gamma-Gamma on the 946 repeat buyers: p = 6.25, q = 3.74,
 *               gamma = 15.44, LL = -4055.92
 * Tolerance: half a unit in the last published digit for the parameters
 * (0.00005 for r = 0.2426, 0.0005 for alpha = 4.414, 0.005 for 10.58 and
 * 6.25, ...), 0.01 for the log-likelihoods. Holdout to 1998-06-30 (39
 * weeks): the actual repeat purchase days per calibration frequency class
 * were counted by an independent Python script over cdnowElog.csv
 * (tests/golden/README.md): x = 0..6, 7+: 1411, 439, 214, 100, 62, 38, 29,
 * 64 customers with 334, 306, 298, 156, 157, 112, 112, 407 holdout
 * purchases (1,882 in all); calibration repeats 2,457, so the tracking
 * ends at 2,457 + 1,882 = 4,339 = 6,696 customer-days (CLVTools'
 * same-day-merged cdnow.csv) - 2,357 first purchases. Every prediction
 * must be finite and P(alive) in [0, 1].
 *
 * BG/BB on the donations patterns (../shared/data/lifetimes/donations.csv
 * via kw_clv_data_read_patterns; Fader, Hardie & Shang 2010): alpha =
 * 1.204, beta = 0.750, gamma = 0.657, delta = 2.783, LL = -33,225.6, each
 * within half a unit of the last digit.
 *
 * Parameter recovery on demo data (never skipped): 20,000 customers
 * (seed 11, the default 2023-2025 window, acquisitions spread over it),
 * weeks, as-of the window's end. The BG/NBD estimates must lie within 4
 * standard errors of truth.json's r, alpha, a, b. The demo records
 * purchases on whole days (a repeat at time t on day floor(7 t) after
 * the first, company weekend orders on the Friday before), so same-day
 * purchases merge: the repeat purchases seen are fewer than truth.json's
 * orders - customers. With that loss m (about 2%, computed here from
 * truth.json) the observed purchase rates are about (1 - m) times the
 * true ones, which scales alpha (the rate's scale parameter) by about
 * 1 / (1 - m): alpha is allowed 4 standard errors plus m alpha. The mean
 * purchase rate r / alpha must lie within 4 standard errors plus m
 * (relative) of the truth (its standard error by the delta method,
 * ignoring the covariance of r and alpha: conservative for their positive
 * correlation). Gamma-Gamma
 * p and gamma are not identified from the demo's net line amounts (the
 * order value is split into lines whose quantities are rounded, and
 * discounts and credit notes net it), so only the mean spend per purchase
 * p gamma / (q - 1) is checked: within 5% of truth.json's mean order
 * value net of the realised discount share. The mean P(alive) at the end
 * must lie within 0.03 of the realised share of customers alive (its
 * binomial standard error is 0.0035).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include <cmocka.h>
#include <jansson.h>

#include "klantwijs.h"

#define NEAR(a, b, tol)                                                  \
  do {                                                                   \
    double a_ = (a), b_ = (b);                                           \
    if (!(fabs(a_ - b_) <= (tol))) {                                     \
      print_error("%s = %.10g, expected %.10g (tol %g)\n", #a, a_, b_,   \
                  (double)(tol));                                        \
      fail();                                                            \
    }                                                                    \
  } while (0)

static const char *const ELOG = KW_SHARED_DATA "/BTYD/cdnowElog.csv";

static bool have(const char *path) {
  if (access(path, R_OK) == 0) return true;
  print_message("skipped: %s is absent\n", path);
  return false;
}

static kw_clv_data *cdnow_data(kw_context *ctx, kw_dataset **ds,
                               bool holdout, bool discrete) {
  const char *maps[] = {"customer=sampleid", "amount=sales"};
  kw_load_options o;
  kw_load_options_init(&o);
  o.files[KW_TABLE_TRANSACTIONS] = ELOG;
  o.maps = maps;
  o.n_maps = 2;
  kw_status st = kw_dataset_load(ctx, &o, ds);
  if (st) print_error("%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  kw_clv_data_options dopt;
  kw_clv_data_options_init(&dopt);
  dopt.as_of = kw_date_from_ymd(1997, 9, 30);
  dopt.holdout_end = holdout ? kw_date_from_ymd(1998, 6, 30) : KW_NA_DATE;
  dopt.unit = KW_UNIT_WEEK;
  dopt.discrete = discrete;
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_build(ctx, *ds, &dopt, &d), KW_OK);
  return d;
}

static void check_finite(const kw_clv_predictions *p) {
  for (size_t i = 0; i < p->n; i++) {
    if (!(p->p_alive[i] >= 0 && p->p_alive[i] <= 1) ||
        !isfinite(p->expected[i]) || p->expected[i] < 0 ||
        (p->p_count && !(p->p_count[i] >= 0 && p->p_count[i] <= 1)) ||
        (p->spend && !(isfinite(p->spend[i]) && p->spend[i] > 0)) ||
        (p->value && !isfinite(p->value[i]))) {
      print_error("row %zu: not finite\n", i);
      fail();
    }
  }
  assert_true(isfinite(p->population) && p->population > 0);
}

static void test_cdnow_end_to_end(void **state) {
  (void)state;
  if (!have(ELOG)) skip();
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = NULL;
  kw_clv_data *d = cdnow_data(ctx, &ds, true, false);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, 2357);
  assert_int_equal(v->n_repeat, 946);
  assert_int_equal(v->n_later, 0);

  kw_clv_fit *f = NULL, *g = NULL;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, v->x, v->t_x, v->T,
                                    NULL, v->n, NULL, &f), KW_OK);
  const kw_clv_result *r = kw_clv_fit_result(f);
  assert_true(r->converged);
  NEAR(r->params[0], 0.2426, 0.00005);
  NEAR(r->params[1], 4.414, 0.0005);
  NEAR(r->params[2], 0.7929, 0.00005);
  NEAR(r->params[3], 2.426, 0.0005);
  NEAR(r->loglik, -9582.43, 0.01);

  assert_int_equal(kw_clv_fit_spend(ctx, v->x, v->zbar, NULL, v->n, NULL, &g),
                   KW_OK);
  const kw_clv_result *rg = kw_clv_fit_result(g);
  assert_true(rg->converged);
  NEAR(rg->n_obs, 946, 0);
  NEAR(rg->params[0], 6.25, 0.005);
  NEAR(rg->params[1], 3.74, 0.005);
  NEAR(rg->params[2], 15.44, 0.005);
  NEAR(rg->loglik, -4055.92, 0.01);

  kw_clv_pred *p = NULL;
  kw_clv_predict_options po;
  kw_clv_predict_options_init(&po);
  po.horizon = 52;
  po.discount = 0.002;
  assert_int_equal(kw_clv_data_predict(ctx, f, g, d, &po, &p), KW_OK);
  check_finite(kw_clv_pred_view(p));
  assert_int_equal(kw_clv_pred_view(p)->margin_source, KW_CLV_MARGIN_NONE);
  kw_clv_pred_free(p);

  /* holdout: actual counts per class from the independent script */
  NEAR(v->holdout_len, 39, 1e-12);
  kw_clv_evaluation ev;
  assert_int_equal(kw_clv_evaluate(ctx, f, v->x, v->t_x, v->T, v->holdout,
                                   v->n, v->holdout_len, &ev), KW_OK);
  static const double cn[8] = {1411, 439, 214, 100, 62, 38, 29, 64};
  static const double ch[8] = {334, 306, 298, 156, 157, 112, 112, 407};
  for (int k = 0; k < 8; k++) {
    NEAR(ev.class_n[k], cn[k], 0);
    NEAR(ev.class_actual[k] * cn[k], ch[k], 1e-9);
  }
  NEAR(ev.sum_actual, 1882, 0);
  assert_int_equal(v->n_cal_periods, 39);
  assert_int_equal(v->n_periods, 78);
  NEAR(v->track_actual[38], 2457, 0);
  NEAR(v->track_actual[77], 4339, 0);
  double *te = malloc(78 * sizeof *te);
  assert_int_equal(kw_clv_tracking(ctx, f, v->offset, v->n, 78, te), KW_OK);
  for (int k = 1; k < 78; k++) assert_true(te[k] >= te[k - 1]);
  free(te);
  kw_clv_fit_free(f);

  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_PNBD, v->x, v->t_x, v->T,
                                    NULL, v->n, NULL, &f), KW_OK);
  r = kw_clv_fit_result(f);
  assert_true(r->converged);
  NEAR(r->params[0], 0.5532, 0.0005);
  NEAR(r->params[1], 10.58, 0.005);
  NEAR(r->params[2], 0.6062, 0.00005);
  NEAR(r->params[3], 11.67, 0.005);
  NEAR(r->loglik, -9594.98, 0.01);
  assert_int_equal(kw_clv_data_predict(ctx, f, g, d, &po, &p), KW_OK);
  check_finite(kw_clv_pred_view(p));
  kw_clv_pred_free(p);
  kw_clv_fit_free(f);
  kw_clv_fit_free(g);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* BG/BB from the CDNOW log in discrete ISO weeks: the holdout opportunity
 * counts (1,806 in all, 39 weeks: 29/09/1997 .. 28/06/1998) and the
 * customers per calibration class as counted independently by
 * tests/reference/clv_calendar_cdnow.py (Python's datetime), and finite
 * predictions. */
static void test_cdnow_discrete(void **state) {
  (void)state;
  if (!have(ELOG)) skip();
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = NULL;
  kw_clv_data *d = cdnow_data(ctx, &ds, true, true);
  const kw_clv_input *v = kw_clv_data_view(d);
  NEAR(v->holdout_len, 39, 0);
  double sum = 0;
  double cn[8] = {0}, ch[8] = {0};
  for (size_t i = 0; i < v->n; i++) {
    int k = v->x[i] >= 7 ? 7 : (int)v->x[i];
    cn[k] += 1;
    ch[k] += v->holdout[i];
    sum += v->holdout[i];
  }
  NEAR(sum, 1806, 0);
  static const double en[8] = {1434, 441, 217, 95, 60, 33, 35, 42};
  static const double eh[8] = {339, 320, 315, 166, 120, 111, 152, 283};
  for (int k = 0; k < 8; k++) {
    NEAR(cn[k], en[k], 0);
    NEAR(ch[k], eh[k], 0);
  }
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGBB, v->x, v->t_x, v->T,
                                    NULL, v->n, NULL, &f), KW_OK);
  assert_true(kw_clv_fit_result(f)->converged);
  kw_clv_pred *p = NULL;
  assert_int_equal(kw_clv_data_predict(ctx, f, NULL, d, NULL, &p), KW_OK);
  check_finite(kw_clv_pred_view(p));
  kw_clv_pred_free(p);
  kw_clv_fit_free(f);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_donations_patterns(void **state) {
  (void)state;
  const char *path = KW_SHARED_DATA "/lifetimes/donations.csv";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_read_patterns(ctx, path, &d), KW_OK);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, 22);
  kw_clv_fit *f = NULL;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGBB, v->x, v->t_x, v->T,
                                    v->weight, v->n, NULL, &f), KW_OK);
  const kw_clv_result *r = kw_clv_fit_result(f);
  assert_true(r->converged);
  NEAR(r->n_obs, 11104, 0);
  NEAR(r->params[0], 1.204, 0.0005);
  NEAR(r->params[1], 0.750, 0.0005);
  NEAR(r->params[2], 0.657, 0.0005);
  NEAR(r->params[3], 2.783, 0.0005);
  NEAR(r->loglik, -33225.6, 0.05);
  kw_clv_pred *p = NULL;
  assert_int_equal(kw_clv_data_predict(ctx, f, NULL, d, NULL, &p), KW_OK);
  check_finite(kw_clv_pred_view(p));
  kw_clv_pred_free(p);
  kw_clv_fit_free(f);
  kw_clv_data_free(d);
  kw_context_free(ctx);
}

/* ----------------------------------------------------- demo recovery */

static double jnum(json_t *root, const char *obj, const char *key) {
  json_t *o = json_object_get(root, obj);
  json_t *v = o ? json_object_get(o, key) : NULL;
  assert_non_null(v);
  return json_number_value(v);
}

static void remove_dir(const char *dir) {
  DIR *dd = opendir(dir);
  if (!dd) return;
  struct dirent *e;
  char path[4096];
  while ((e = readdir(dd)) != NULL) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    unlink(path);
  }
  closedir(dd);
  rmdir(dir);
}

static void test_demo_recovery(void **state) {
  (void)state;
  char dir[] = "/tmp/kw_ref_clv_XXXXXX";
  assert_non_null(mkdtemp(dir));
  kw_context *ctx = kw_context_new();
  kw_demo_options dopt;
  kw_demo_options_init(&dopt);
  dopt.customers = 20000;
  dopt.seed = 11;
  dopt.dir = dir;
  kw_status st = kw_demo_generate(ctx, &dopt);
  if (st) {
    print_error("%s\n", kw_errmsg(ctx));
    remove_dir(dir);
  }
  assert_int_equal(st, KW_OK);
  char path[4200];
  snprintf(path, sizeof path, "%s/truth.json", dir);
  json_error_t jerr;
  json_t *truth = json_load_file(path, 0, &jerr);
  assert_non_null(truth);
  double tr = jnum(truth, "bgnbd", "r"), ta = jnum(truth, "bgnbd", "alpha");
  double tA = jnum(truth, "bgnbd", "a"), tB = jnum(truth, "bgnbd", "b");
  double orders = jnum(truth, "counts", "orders");
  double customers = jnum(truth, "counts", "customers");
  double alive = jnum(truth, "churn", "alive");
  double mov = jnum(truth, "gamma_gamma", "mean_order_value");
  double revenue = jnum(truth, "realised", "revenue");
  double discounts = jnum(truth, "realised", "discounts");
  json_decref(truth);

  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_CUSTOMERS);
  kw_dataset *ds = NULL;
  st = kw_dataset_load(ctx, &lo, &ds);
  remove_dir(dir);
  if (st) print_error("%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  kw_clv_data_options o;
  kw_clv_data_options_init(&o);
  o.unit = KW_UNIT_WEEK;
  kw_clv_data *d = NULL;
  assert_int_equal(kw_clv_data_build(ctx, ds, &o, &d), KW_OK);
  const kw_clv_input *v = kw_clv_data_view(d);
  assert_int_equal(v->n, (size_t)customers);
  assert_int_equal(v->as_of, kw_date_from_ymd(2025, 12, 31));
  assert_non_null(v->acq_cost);
  double sx = 0;
  for (size_t i = 0; i < v->n; i++) sx += v->x[i];
  double m = 1 - sx / (orders - customers); /* repeats lost to merging */
  print_message("demo: %.0f repeat purchase days of %.0f repeat orders "
                "(%.2f%% merged)\n", sx, orders - customers, 100 * m);
  assert_true(m >= 0 && m < 0.05);

  kw_clv_fit *f = NULL, *g = NULL;
  assert_int_equal(kw_clv_fit_model(ctx, KW_CLV_BGNBD, v->x, v->t_x, v->T,
                                    NULL, v->n, NULL, &f), KW_OK);
  const kw_clv_result *r = kw_clv_fit_result(f);
  assert_true(r->converged && r->se_ok);
  const double truth_p[4] = {tr, ta, tA, tB};
  for (int k = 0; k < 4; k++) {
    print_message("demo %-5s %.4f (se %.4f), truth %.4f: %.2f se\n",
                  r->names[k], r->params[k], r->se[k], truth_p[k],
                  (r->params[k] - truth_p[k]) / r->se[k]);
    NEAR(r->params[k], truth_p[k], 4 * r->se[k] + (k == 1 ? m * ta : 0));
  }
  double rate = r->params[0] / r->params[1], trate = tr / ta;
  double rate_se = rate * sqrt(pow(r->se[0] / r->params[0], 2) +
                               pow(r->se[1] / r->params[1], 2));
  print_message("demo rate %.5f (se %.5f), truth %.5f\n", rate, rate_se,
                trate);
  NEAR(rate, trate, 4 * rate_se + m * trate);

  assert_int_equal(kw_clv_fit_spend(ctx, v->x, v->zbar, NULL, v->n, NULL, &g),
                   KW_OK);
  const kw_clv_result *rg = kw_clv_fit_result(g);
  double mean_spend = rg->params[0] * rg->params[2] / (rg->params[1] - 1);
  double net_mov = mov * (1 - discounts / (revenue + discounts));
  print_message("demo mean spend %.2f, truth net %.2f\n", mean_spend,
                net_mov);
  NEAR(mean_spend, net_mov, 0.05 * net_mov);

  kw_clv_pred *p = NULL;
  assert_int_equal(kw_clv_data_predict(ctx, f, g, d, NULL, &p), KW_OK);
  const kw_clv_predictions *pv = kw_clv_pred_view(p);
  check_finite(pv);
  assert_int_equal(pv->margin_source, KW_CLV_MARGIN_REAL);
  double sa = 0;
  size_t ncac = 0;
  for (size_t i = 0; i < pv->n; i++) {
    sa += pv->p_alive[i];
    ncac += isfinite(pv->value_cac[i]);
  }
  print_message("demo mean P(alive) %.4f, alive share %.4f\n", sa / v->n,
                alive / customers);
  NEAR(sa / (double)v->n, alive / customers, 0.03);
  assert_true(ncac > v->n / 2); /* the demo gives most customers a cost */
  kw_clv_pred_free(p);
  kw_clv_fit_free(f);
  kw_clv_fit_free(g);
  kw_clv_data_free(d);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cdnow_end_to_end),
      cmocka_unit_test(test_cdnow_discrete),
      cmocka_unit_test(test_donations_patterns),
      cmocka_unit_test(test_demo_recovery),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
