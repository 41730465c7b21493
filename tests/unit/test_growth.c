/* Unit tests: trends (per-period counts, revenue bridge, year on year,
 * seasonality, anomalies, rate breaks), referrals, acquisition cost,
 * journey and discount dependence. Expectations are worked out by hand in
 * the comments, or computed a second way inside the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "klantwijs.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static int32_t D(const char *iso) {
  int y, m, d;
  assert_int_equal(sscanf(iso, "%d-%d-%d", &y, &m, &d), 3);
  return kw_date_from_ymd(y, m, d);
}

/* Write text to a temporary file named like `name` and return its path
 * (static buffer per slot). */
static const char *write_tmp(int slot, const char *name, const char *text) {
  static char paths[8][256];
  static char dirs[8][64];
  snprintf(dirs[slot], sizeof dirs[slot], "/tmp/kwgrowthXXXXXX");
  assert_non_null(mkdtemp(dirs[slot]));
  snprintf(paths[slot], sizeof paths[slot], "%s/%s", dirs[slot], name);
  FILE *f = fopen(paths[slot], "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return paths[slot];
}

static void remove_tmp(const char *path) {
  char dir[256];
  snprintf(dir, sizeof dir, "%s", path);
  unlink(path);
  char *slash = strrchr(dir, '/');
  if (slash) {
    *slash = 0;
    rmdir(dir);
  }
}

static kw_dataset *load_files(kw_context *ctx, const char *tx,
                              const char *customers, const char *touch,
                              const char *refs) {
  kw_load_options o;
  kw_load_options_init(&o);
  o.files[KW_TABLE_TRANSACTIONS] = tx;
  o.files[KW_TABLE_CUSTOMERS] = customers;
  o.files[KW_TABLE_TOUCHPOINTS] = touch;
  o.files[KW_TABLE_REFERRALS] = refs;
  o.date_order = KW_DATE_YMD;
  o.decimal_mark = '.';
  if (!tx) o.tables = ~(1u << KW_TABLE_TRANSACTIONS);
  kw_dataset *ds = NULL;
  kw_status st = kw_dataset_load(ctx, &o, &ds);
  if (st) fprintf(stderr, "%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  return ds;
}

/* ============================================================== trends */

/*
 * Worked by hand (months January-April 2024, as of 2024-04-30):
 *   A: 01-05 inv1 100; 02-10 inv2 150; 04-02 inv3 50
 *   B: 02-03 inv4 200; 02-20 inv5 -30 (a return); 03-15 inv6 100
 *   C: 03-01 inv7 80; 04-10 inv8 -80 (only a return in April)
 * revenue   Jan 100, Feb 320 (150 + 170), Mar 180, Apr -30 (50 - 80)
 * orders    invoices with a purchase line by first period: 1, 2, 2, 1
 * active    1 (A), 2 (A, B), 2 (B, C), 1 (A; C only returned)
 * new       1, 1, 1, 0; returning 0, 1, 1, 1
 * lapsed    0, 0, 1 (A), 2 (B, C)
 * bridge    Feb: new B +170, expansion A +50            = +220
 *           Mar: churned A -150, contraction B -70, new C +80 = -140
 *           Apr: reactivated A +50, churned B -100, churned C -160 = -210
 */
static const char TRENDS_CSV[] =
    "customer,date,invoice,amount\n"
    "A,2024-01-05,inv1,100\n"
    "A,2024-02-10,inv2,150\n"
    "B,2024-02-03,inv4,200\n"
    "B,2024-02-20,inv5,-30\n"
    "B,2024-03-15,inv6,100\n"
    "C,2024-03-01,inv7,80\n"
    "A,2024-04-02,inv3,50\n"
    "C,2024-04-10,inv8,-80\n";

static void test_trends_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *p = write_tmp(0, "t.csv", TRENDS_CSV);
  kw_dataset *ds = load_files(ctx, p, NULL, NULL, NULL);
  kw_trends_options o;
  kw_trends_options_init(&o);
  o.as_of = D("2024-04-30");
  kw_trends *t = NULL;
  assert_int_equal(kw_trends_compute(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                     &o, &t),
                   KW_OK);
  const kw_trends_data *v = kw_trends_view(t);
  assert_int_equal(v->n, 4);
  assert_false(v->partial);
  const int64_t rev[] = {10000, 32000, 18000, -3000};
  const uint64_t orders[] = {1, 2, 2, 1}, act[] = {1, 2, 2, 1},
                 nw[] = {1, 1, 1, 0}, ret[] = {0, 1, 1, 1},
                 lap[] = {0, 0, 1, 2};
  const int64_t bn[] = {0, 17000, 8000, 0}, bre[] = {0, 0, 0, 5000},
                bex[] = {0, 5000, 0, 0}, bco[] = {0, 0, -7000, 0},
                bch[] = {0, 0, -15000, -26000};
  for (size_t q = 0; q < 4; q++) {
    assert_int_equal(v->revenue[q], rev[q]);
    assert_int_equal(v->orders[q], orders[q]);
    assert_int_equal(v->active[q], act[q]);
    assert_int_equal(v->new_customers[q], nw[q]);
    assert_int_equal(v->returning[q], ret[q]);
    assert_int_equal(v->lapsed[q], lap[q]);
    assert_int_equal(v->bridge_new[q], bn[q]);
    assert_int_equal(v->bridge_reactivated[q], bre[q]);
    assert_int_equal(v->bridge_expansion[q], bex[q]);
    assert_int_equal(v->bridge_contraction[q], bco[q]);
    assert_int_equal(v->bridge_churned[q], bch[q]);
    if (q > 0)
      assert_int_equal(v->bridge_new[q] + v->bridge_reactivated[q] +
                           v->bridge_expansion[q] +
                           v->bridge_contraction[q] + v->bridge_churned[q],
                       v->revenue[q] - v->revenue[q - 1]);
    assert_int_equal(v->yoy_revenue[q], KW_NA_MONEY);
  }
  char buf[16];
  assert_string_equal(kw_period_label(buf, v->index[0], KW_PERIOD_MONTH),
                      "2024-01");
  assert_false(v->seasonality_tested);
  kw_trends_free(t);
  /* as of 2024-04-15: April is partial, and C's April return is after */
  o.as_of = D("2024-04-15");
  assert_int_equal(kw_trends_compute(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                     &o, &t),
                   KW_OK);
  v = kw_trends_view(t);
  assert_true(v->partial);
  assert_int_equal(v->revenue[3], -3000); /* 04-10 is before 04-15 */
  kw_trends_free(t);
  kw_dataset_free(ds);
  remove_tmp(p);
  kw_context_free(ctx);
}

/* A random book of customers over five years: the bridge adds up to the
 * change of revenue in every period, the counts agree with a direct
 * recount, and year on year reads the period twelve months back. */
/*
 * Year on year of an incomplete as-of period, like for like (by hand):
 * A buys 100 on 2023-01-03 and 50 on 2023-01-20, B 40 on 2023-06-01, A 80
 * on 2024-01-05; as of 2024-01-10, January 2024 is incomplete and
 * compares with 1-10 January 2023: 100, so -20% (not 80 / 150 - 1).
 * With as-of 2024-01-31 January is complete: 80 / 150 - 1.
 */
static void test_trends_yoy_like_for_like(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *p = write_tmp(0, "t.csv",
                            "customer,date,amount\n"
                            "A,2023-01-03,100\nA,2023-01-20,50\n"
                            "B,2023-06-01,40\nA,2024-01-05,80\n");
  kw_dataset *ds = load_files(ctx, p, NULL, NULL, NULL);
  kw_trends_options o;
  kw_trends_options_init(&o);
  o.as_of = D("2024-01-10");
  kw_trends *t = NULL;
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_trends_compute(ctx, tx, &o, &t), KW_OK);
  const kw_trends_data *v = kw_trends_view(t);
  assert_true(v->partial);
  assert_int_equal(v->n, 13);
  assert_int_equal(v->yoy_revenue[12], 10000);
  NEAR(v->yoy_growth[12], -0.2, 1e-12);
  assert_int_equal(v->revenue[0], 15000);
  kw_trends_free(t);
  o.as_of = D("2024-01-31");
  assert_int_equal(kw_trends_compute(ctx, tx, &o, &t), KW_OK);
  v = kw_trends_view(t);
  assert_false(v->partial);
  assert_int_equal(v->yoy_revenue[12], 15000);
  NEAR(v->yoy_growth[12], 80.0 / 150.0 - 1.0, 1e-12);
  kw_trends_free(t);
  kw_dataset_free(ds);
  remove_tmp(p);
  kw_context_free(ctx);
}

static void test_trends_random_identities(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  size_t cap = 1 << 20, len = 0;
  char *text = malloc(cap);
  len += (size_t)snprintf(text + len, cap - len, "customer,date,amount\n");
  uint64_t seed = 12345;
  int64_t month_rev[60] = {0};
  for (int i = 0; i < 3000; i++) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    int c = (int)((seed >> 33) % 150);
    int m = (int)((seed >> 20) % 60);
    int day = 1 + (int)((seed >> 10) % 28);
    long cents = (long)((seed >> 40) % 50000) - 5000;
    len += (size_t)snprintf(text + len, cap - len, "C%03d,%04d-%02d-%02d,%ld.%02ld\n",
                            c, 2019 + m / 12, 1 + m % 12, day, cents / 100,
                            labs(cents % 100));
    (void)month_rev;
  }
  const char *p = write_tmp(1, "r.csv", text);
  free(text);
  kw_dataset *ds = load_files(ctx, p, NULL, NULL, NULL);
  kw_trends *t = NULL;
  assert_int_equal(kw_trends_compute(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                     NULL, &t),
                   KW_OK);
  const kw_trends_data *v = kw_trends_view(t);
  kw_summary *s = NULL;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  const kw_customer_summary *cs = kw_summary_view(s);
  int64_t total = 0, sum = 0;
  uint64_t new_total = 0;
  for (size_t i = 0; i < cs->n; i++) total += cs->revenue[i];
  for (size_t q = 0; q < v->n; q++) {
    sum += v->revenue[q];
    new_total += v->new_customers[q];
    assert_int_equal(v->active[q], v->new_customers[q] + v->returning[q]);
    if (q)
      assert_int_equal(v->bridge_new[q] + v->bridge_reactivated[q] +
                           v->bridge_expansion[q] +
                           v->bridge_contraction[q] + v->bridge_churned[q],
                       v->revenue[q] - v->revenue[q - 1]);
    if (q >= 12) assert_int_equal(v->yoy_revenue[q], v->revenue[q - 12]);
  }
  assert_int_equal(sum, total);        /* one revenue total */
  assert_int_equal(new_total, cs->n_buyers); /* each buyer new once */
  assert_true(v->seasonality_tested);  /* 59+ complete months */
  kw_summary_free(s);
  kw_trends_free(t);
  kw_dataset_free(ds);
  remove_tmp(p);
  kw_context_free(ctx);
}

/* Four years of a strong December peak and one broken month: the
 * seasonality is clear with its peak in December, and the Hampel filter
 * flags the broken month (and nothing else). */
static void test_trends_season_and_anomaly(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char text[65536];
  size_t len = (size_t)snprintf(text, sizeof text, "customer,date,amount\n");
  for (int m = 0; m < 48; m++) {
    int month = 1 + m % 12;
    double base = 1000 + 5 * m + (month == 12 ? 900 : 0) +
                  (month == 7 ? -300 : 0) + ((m * 37) % 11) * 3;
    if (m == 20) base = 100; /* September of year two collapses */
    len += (size_t)snprintf(text + len, sizeof text - len,
                            "K%d,%04d-%02d-10,%.2f\n", m % 7, 2021 + m / 12,
                            month, base);
  }
  const char *p = write_tmp(2, "s.csv", text);
  kw_dataset *ds = load_files(ctx, p, NULL, NULL, NULL);
  kw_trends_options o;
  kw_trends_options_init(&o);
  o.as_of = D("2024-12-31");
  kw_trends *t = NULL;
  assert_int_equal(kw_trends_compute(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                     &o, &t),
                   KW_OK);
  const kw_trends_data *v = kw_trends_view(t);
  assert_int_equal(v->n, 48);
  assert_true(v->seasonality_tested);
  assert_true(v->seasonality_clear);
  assert_true(v->seasonal_strength >= 0.5 && v->seasonal_strength <= 1);
  assert_int_equal(v->peak_slot, 12);
  assert_int_equal(v->trough_slot, 7);
  for (size_t q = 0; q < v->n; q++) {
    if (q == 20)
      assert_int_equal(v->anomaly[q], 2);
    else
      assert_int_equal(v->anomaly[q], 0);
  }
  kw_trends_free(t);
  kw_dataset_free(ds);
  remove_tmp(p);
  kw_context_free(ctx);
}

/* A weekly buyer silent for 10 weeks breaks (exp(-1/7 * 70) = 4.5e-5 <
 * 0.01); a monthly buyer silent for 40 days does not (exp(-40/30) =
 * 0.26). */
static void test_trends_rate_break(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char text[8192];
  size_t len = (size_t)snprintf(text, sizeof text, "customer,date,amount\n");
  for (int w = 0; w < 10; w++) {
    int32_t d = D("2024-01-01") + 7 * w;
    int y, m, dd;
    kw_date_to_ymd(d, &y, &m, &dd);
    len += (size_t)snprintf(text + len, sizeof text - len,
                            "WEEKLY,%04d-%02d-%02d,10\n", y, m, dd);
  }
  for (int k = 0; k < 5; k++)
    len += (size_t)snprintf(text + len, sizeof text - len,
                            "MONTHLY,2024-%02d-01,10\n", 1 + k);
  const char *p = write_tmp(3, "b.csv", text);
  kw_dataset *ds = load_files(ctx, p, NULL, NULL, NULL);
  kw_trends_options o;
  kw_trends_options_init(&o);
  o.as_of = D("2024-03-04") + 70; /* last weekly buy 2024-03-04 */
  kw_trends *t = NULL;
  assert_int_equal(kw_trends_compute(ctx, kw_dataset_table(
                                              ds, KW_TABLE_TRANSACTIONS),
                                     &o, &t),
                   KW_OK);
  const kw_trends_data *v = kw_trends_view(t);
  assert_int_equal(v->n_breaks, 1);
  assert_string_equal(kw_dict_str(v->customers, v->break_customer[0]),
                      "WEEKLY");
  NEAR(v->break_rate_days[0], 7.0, 1e-12);
  NEAR(v->break_p[0], exp(-10.0), 1e-12);
  kw_trends_free(t);
  kw_dataset_free(ds);
  remove_tmp(p);
  kw_context_free(ctx);
}


/* ================================================ referrals, acquisition */

/*
 * Worked by hand. Buyers (revenue / cost -> margin, orders):
 *   A 150 / 90 -> 60 (2), B 200 / 100 -> 100 (1), C 100 / 50 -> 50 (2),
 *   D 40 / 30 -> 10 (1), F 30 / 20 -> 10 (1); E is in the customers table
 *   but never bought; X and Q are in neither (X refers, Q is referred).
 * Referrals: A->B, A->C, B->D, X->D (later: a duplicate), C->C (self),
 *   A->Q (unknown), X->E (kept: E is known), D->A (closes A->B->D->A).
 * Kept edges 5; self 1, duplicate 1, unknown 1; on a cycle A, B, D = 3.
 * Value basis margin. CAC saved = mean acquisition cost of the buyers not
 * referred = F's 40.
 *   A: direct B, C (2 bought), revenue 300, value 150; second level: B's
 *      D (1) with value 10; CRV 150 + 2 x 40 = 230
 *   D: direct A, revenue 150, value 60; second: A's 2 (value 150);
 *      CRV 100
 *   B: direct D, revenue 40, value 10; second: D's 1 (value 60); CRV 50
 *   X: direct E (did not buy), value 0; CRV 40; not a customer
 * Acquisition (min_group 1, as of 2024-03-01, months): web = A B C D, CAC
 * (100 + 50 + 30 + 20) / 4 = 50, value (60 + 100 + 50 + 10) / 4 = 55;
 * cumulative margin per customer by month since first purchase (margin
 * rate A .4, B .5, C .5, D .25): month 0 (40 + 100 + 40 + 10) / 4 = 47.5,
 * month 1 (60 + 100 + 40 + 10) / 4 = 52.5 >= 50: payback month 1.
 * shop = F: CAC 40, value 10, never paid back.
 * Discounts: lines with a discount: A's 100 (10), D's 40 (5), F's 30 (3):
 * 170 of 520 revenue, 18 given; nobody has 3 orders: no deal seekers.
 */
static const char REF_TX[] =
    "customer,date,amount,cost,discount\n"
    "A,2024-01-01,100,60,10\n"
    "A,2024-02-01,50,30,0\n"
    "B,2024-01-10,200,100,0\n"
    "C,2024-01-15,80,40,0\n"
    "C,2024-03-01,20,10,0\n"
    "D,2024-02-01,40,30,5\n"
    "F,2024-01-03,30,20,3\n";
static const char REF_CU[] =
    "customer,acquisition_channel,acquisition_cost\n"
    "A,web,100\nB,web,50\nC,web,30\nD,web,20\nE,web,10\nF,shop,40\n";
static const char REF_RF[] =
    "referrer,customer,date\n"
    "A,B,2024-01-05\nA,C,2024-01-10\nB,D,2024-01-20\nX,D,2024-01-25\n"
    "C,C,2024-01-01\nA,Q,2024-01-01\nX,E,2024-02-01\nD,A,2024-03-01\n";

static uint32_t id_of(const kw_dataset *ds, const char *s) {
  const kw_dict *d = kw_dataset_customers(ds);
  for (uint32_t i = 0; i < kw_dict_size(d); i++)
    if (strcmp(kw_dict_str(d, i), s) == 0) return i;
  fail_msg("no customer %s", s);
  return KW_NA_ID;
}

static void test_referrals_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *tx = write_tmp(4, "t.csv", REF_TX);
  const char *cu = write_tmp(5, "c.csv", REF_CU);
  const char *rf = write_tmp(6, "r.csv", REF_RF);
  kw_dataset *ds = load_files(ctx, tx, cu, NULL, rf);
  kw_summary *s = NULL;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  kw_referrals *r = NULL;
  assert_int_equal(kw_referrals_compute(ctx, ds, kw_summary_view(s), NULL,
                                        &r),
                   KW_OK);
  const kw_referrals_data *v = kw_referrals_view(r);
  assert_int_equal(v->rows, 8);
  assert_int_equal(v->edges, 5);
  assert_int_equal(v->self_referrals, 1);
  assert_int_equal(v->duplicates, 1);
  assert_int_equal(v->unknown, 1);
  assert_int_equal(v->on_cycle, 3);
  assert_int_equal(v->basis, KW_VALUE_MARGIN);
  NEAR(v->cac_saved, 40.0, 1e-9);
  assert_int_equal(v->n, 4);
  const char *order[] = {"A", "D", "B", "X"};
  const uint32_t direct[] = {2, 1, 1, 1}, bought[] = {2, 1, 1, 0},
                 second[] = {1, 2, 1, 0};
  const int64_t rev[] = {30000, 15000, 4000, 0};
  const double val[] = {150, 60, 10, 0}, sval[] = {10, 150, 60, 0},
               crv[] = {230, 100, 50, 40};
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(v->referrer[i], id_of(ds, order[i]));
    assert_int_equal(v->direct[i], direct[i]);
    assert_int_equal(v->direct_bought[i], bought[i]);
    assert_int_equal(v->second[i], second[i]);
    assert_int_equal(v->direct_revenue[i], rev[i]);
    NEAR(v->direct_value[i], val[i], 1e-9);
    NEAR(v->second_value[i], sval[i], 1e-9);
    NEAR(v->crv[i], crv[i], 1e-9);
    assert_int_equal(v->is_customer[i], i < 3);
  }
  assert_int_equal(v->referred_by[id_of(ds, "D")], id_of(ds, "B"));
  assert_int_equal(v->referred_by[id_of(ds, "F")], KW_NA_ID);
  /* 4 referred and 1 other buyer: both under 5, not shown */
  assert_int_equal(v->group_n[0], 4);
  assert_int_equal(v->group_n[1], 1);
  assert_false(v->group_shown[0]);
  assert_false(v->group_shown[1]);
  /* with the CLV basis the values are the caller's */
  double *clv = calloc(kw_summary_view(s)->n, sizeof *clv);
  for (size_t i = 0; i < kw_summary_view(s)->n; i++) clv[i] = 1000.0 + i;
  kw_referrals_options o;
  kw_referrals_options_init(&o);
  o.clv = clv;
  o.min_group = 1;
  kw_referrals_free(r);
  assert_int_equal(kw_referrals_compute(ctx, ds, kw_summary_view(s), &o,
                                        &r),
                   KW_OK);
  v = kw_referrals_view(r);
  assert_int_equal(v->basis, KW_VALUE_CLV);
  NEAR(v->direct_value[0], clv[id_of(ds, "B")] + clv[id_of(ds, "C")], 1e-9);
  assert_true(v->group_shown[0] && v->group_shown[1]);
  NEAR(v->repeat_rate[0], 2.0 / 4.0, 1e-12); /* A and C of A B C D */
  double lo, hi; /* Wilson by hand: p = .5, n = 4, z = 1.96 */
  {
    double z = 1.959963984540054, n = 4, p = .5, den = 1 + z * z / n;
    double mid = (p + z * z / (2 * n)) / den;
    double half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den;
    lo = mid - half;
    hi = mid + half;
  }
  NEAR(v->repeat_lo[0], lo, 1e-12);
  NEAR(v->repeat_hi[0], hi, 1e-12);
  free(clv);
  kw_referrals_free(r);
  kw_summary_free(s);
  kw_dataset_free(ds);
  remove_tmp(tx);
  remove_tmp(cu);
  remove_tmp(rf);
  kw_context_free(ctx);
}

static void test_acquisition_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *tx = write_tmp(4, "t.csv", REF_TX);
  const char *cu = write_tmp(5, "c.csv", REF_CU);
  kw_dataset *ds = load_files(ctx, tx, cu, NULL, NULL);
  kw_summary *s = NULL;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  kw_acquisition_options o;
  kw_acquisition_options_init(&o);
  o.min_group = 1;
  kw_acquisition *a = NULL;
  assert_int_equal(kw_acquisition_compute(ctx, ds, kw_summary_view(s), &o,
                                          &a),
                   KW_OK);
  const kw_acquisition_data *v = kw_acquisition_view(a);
  assert_true(v->has_channel && v->has_cost && v->has_discount);
  assert_int_equal(v->n, 2);
  size_t web = strcmp(v->channel[0], "web") == 0 ? 0 : 1, shop = 1 - web;
  assert_string_equal(v->channel[web], "web");
  assert_string_equal(v->channel[shop], "shop");
  assert_int_equal(v->customers[web], 4);
  NEAR(v->cac[web], 50.0, 1e-9);
  NEAR(v->mean_value[web], 55.0, 1e-9);
  NEAR(v->clv_cac[web], 1.1, 1e-12);
  assert_int_equal(v->payback_month[web], 1);
  NEAR(v->cac[shop], 40.0, 1e-9);
  assert_int_equal(v->payback_month[shop], -1);
  assert_int_equal(v->revenue, 52000);
  assert_int_equal(v->discounted_revenue, 17000);
  assert_int_equal(v->discount_total, 1800);
  assert_int_equal(v->deal_seekers, 0);
  NEAR(v->customer_deal_share[id_of(ds, "A")], 100.0 / 150.0, 1e-12);
  kw_acquisition_free(a);
  /* the privacy rule: with 5, web (4) and shop (1) merge into "other" */
  o.min_group = 5;
  assert_int_equal(kw_acquisition_compute(ctx, ds, kw_summary_view(s), &o,
                                          &a),
                   KW_OK);
  v = kw_acquisition_view(a);
  assert_int_equal(v->n, 1);
  assert_int_equal(v->kind[0], 2);
  assert_int_equal(v->customers[0], 5);
  NEAR(v->cac[0], (100 + 50 + 30 + 20 + 40) / 5.0, 1e-9);
  kw_acquisition_free(a);
  kw_summary_free(s);
  kw_dataset_free(ds);
  remove_tmp(tx);
  remove_tmp(cu);
  kw_context_free(ctx);
}

/*
 * CAC from a marketing spend table, worked by hand. Buyers of REF_CU and
 * their acquisition month (first purchase; no acquisition date): web A, B,
 * C in January 2024, D in February; shop F in January; as-of 2024-03-01.
 * Spend rows: Web Jan 300 (case ignored), web Feb 100, web Mar 50, shop
 * Feb 80, radio Jan 70 (no customer came by radio: unmatched), a web row
 * without month and one after as-of (both skipped). Months covered
 * January-March:
 *   web   450 / 4 new = 112.50; value (margin so far) 55 -> 55 / 112.5
 *   shop   80 / 1 new =  80.00; value 10 -> 0.125
 * Per month: web Jan 300 / 3 = 100, Feb 100 / 1 = 100, Mar 50 / 0 (none);
 * shop Jan 0 / 1 = 0, Feb 80 / 0. Spend 600, of which 70 unmatched.
 * Payback of web at 112.50: mean cumulative margin per customer 47.5
 * (month 0), 52.5 (1), 70 (2): not reached.
 */
static const char SPEND_CSV[] =
    "channel,month,amount\n"
    "Web,2024-01-01,300\n"
    "web,2024-02-15,100\n"
    "web,2024-03-01,50\n"
    "shop,2024-02-01,80\n"
    "radio,2024-01-01,70\n"
    "web,,20\n"
    "web,2024-05-01,10\n";

static void test_acquisition_spend(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *tx = write_tmp(4, "t.csv", REF_TX);
  const char *cu = write_tmp(5, "c.csv", REF_CU);
  const char *sp = write_tmp(6, "budget.csv", SPEND_CSV);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = tx;
  lo.files[KW_TABLE_CUSTOMERS] = cu;
  lo.files[KW_TABLE_SPEND] = sp;
  lo.date_order = KW_DATE_YMD;
  lo.decimal_mark = '.';
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  kw_summary *s = NULL;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  kw_acquisition_options o;
  kw_acquisition_options_init(&o);
  o.min_group = 1;
  kw_acquisition *a = NULL;
  assert_int_equal(kw_acquisition_compute(ctx, ds, kw_summary_view(s), &o,
                                          &a),
                   KW_OK);
  const kw_acquisition_data *v = kw_acquisition_view(a);
  assert_true(v->has_spend);
  assert_int_equal(v->n, 2);
  size_t web = strcmp(v->channel[0], "web") == 0 ? 0 : 1, shop = 1 - web;
  assert_string_equal(v->channel[shop], "shop");
  assert_int_equal(v->cac_source[web], 2);
  assert_int_equal(v->cac_source[shop], 2);
  NEAR(v->spend[web], 450.0, 1e-9);
  assert_int_equal(v->spend_new[web], 4);
  NEAR(v->cac[web], 112.5, 1e-9);
  NEAR(v->clv_cac[web], 55.0 / 112.5, 1e-12);
  assert_int_equal(v->payback_month[web], -1);
  NEAR(v->spend[shop], 80.0, 1e-9);
  assert_int_equal(v->spend_new[shop], 1);
  NEAR(v->cac[shop], 80.0, 1e-9);
  NEAR(v->clv_cac[shop], 0.125, 1e-12);
  assert_int_equal(v->spend_rows, 7);
  assert_int_equal(v->spend_skipped, 2);
  NEAR(v->spend_total, 600.0, 1e-9);
  NEAR(v->spend_unmatched, 70.0, 1e-9);
  assert_int_equal(v->spend_first, kw_period_index(D("2024-01-01"),
                                                   KW_PERIOD_MONTH));
  assert_int_equal(v->spend_last, kw_period_index(D("2024-03-31"),
                                                  KW_PERIOD_MONTH));
  assert_int_equal(v->n_spend_months, 5);
  int32_t jan = v->spend_first;
  int found = 0;
  for (size_t j = 0; j < v->n_spend_months; j++) {
    size_t g = v->sm_channel[j];
    int32_t m = v->sm_month[j] - jan;
    if (g == web && m == 0) {
      NEAR(v->sm_spend[j], 300.0, 1e-9);
      assert_int_equal(v->sm_new[j], 3);
      NEAR(v->sm_cac[j], 100.0, 1e-9);
      found++;
    } else if (g == web && m == 2) {
      assert_int_equal(v->sm_new[j], 0);
      assert_true(isnan(v->sm_cac[j]));
      found++;
    } else if (g == shop && m == 0) {
      NEAR(v->sm_spend[j], 0.0, 1e-9);
      assert_int_equal(v->sm_new[j], 1);
      NEAR(v->sm_cac[j], 0.0, 1e-9);
      found++;
    } else if (g == shop && m == 1) {
      NEAR(v->sm_spend[j], 80.0, 1e-9);
      assert_true(isnan(v->sm_cac[j]));
      found++;
    }
  }
  assert_int_equal(found, 4);
  kw_acquisition_free(a);
  kw_summary_free(s);
  kw_dataset_free(ds);
  /* found in a folder by its columns alone (the name says nothing) */
  char dir[64] = "/tmp/kwspendXXXXXX";
  assert_non_null(mkdtemp(dir));
  char p1[128], p2[128];
  snprintf(p1, sizeof p1, "%s/verkopen.csv", dir);
  snprintf(p2, sizeof p2, "%s/q1.csv", dir);
  FILE *f = fopen(p1, "w");
  assert_non_null(f);
  fputs(REF_TX, f);
  fclose(f);
  f = fopen(p2, "w");
  assert_non_null(f);
  fputs(SPEND_CSV, f);
  fclose(f);
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.date_order = KW_DATE_YMD;
  lo.decimal_mark = '.';
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_SPEND);
  assert_non_null(t);
  assert_int_equal(kw_table_rows(t), 7);
  kw_dataset_free(ds);
  unlink(p1);
  unlink(p2);
  rmdir(dir);
  remove_tmp(tx);
  remove_tmp(cu);
  remove_tmp(sp);
  kw_context_free(ctx);
}

/*
 * Discounts per segment, by hand (sectors of REF_CU: A-E retail, F
 * horeca; positive sales and discounts of REF_TX):
 *   retail  A 150 (100 on discount, 10 given), B 200, C 100, D 40 (40, 5):
 *           4 customers, 140 / 490 on discount, 15 given: 3.75 a customer
 *   horeca  F 30 (30, 3): 1 customer, all on discount
 * With 5 as the smallest group both merge into "other": 170 / 520, 18.
 * The caller's segments (A, B: "x"; C, D, F: "y") replace the sectors.
 */
static void test_discount_segments(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *tx = write_tmp(4, "t.csv", REF_TX);
  const char *cu = write_tmp(
      5, "c.csv",
      "customer,acquisition_channel,sector\n"
      "A,web,retail\nB,web,retail\nC,web,retail\nD,web,retail\n"
      "E,web,retail\nF,shop,horeca\n");
  kw_dataset *ds = load_files(ctx, tx, cu, NULL, NULL);
  kw_summary *s = NULL;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  kw_acquisition_options o;
  kw_acquisition_options_init(&o);
  o.min_group = 1;
  kw_acquisition *a = NULL;
  assert_int_equal(kw_acquisition_compute(ctx, ds, kw_summary_view(s), &o,
                                          &a),
                   KW_OK);
  const kw_acquisition_data *v = kw_acquisition_view(a);
  assert_int_equal(v->segment_source, 1);
  assert_int_equal(v->n_seg, 2);
  size_t re = strcmp(v->seg_label[0], "retail") == 0 ? 0 : 1, ho = 1 - re;
  assert_string_equal(v->seg_label[ho], "horeca");
  assert_int_equal(v->seg_customers[re], 4);
  assert_int_equal(v->seg_revenue[re], 49000);
  assert_int_equal(v->seg_discounted[re], 14000);
  assert_int_equal(v->seg_discount[re], 1500);
  assert_int_equal(v->seg_customers[ho], 1);
  assert_int_equal(v->seg_revenue[ho], 3000);
  assert_int_equal(v->seg_discounted[ho], 3000);
  assert_int_equal(v->seg_discount[ho], 300);
  kw_acquisition_free(a);
  o.min_group = 5;
  assert_int_equal(kw_acquisition_compute(ctx, ds, kw_summary_view(s), &o,
                                          &a),
                   KW_OK);
  v = kw_acquisition_view(a);
  assert_int_equal(v->n_seg, 1);
  assert_null(v->seg_label[0]);
  assert_int_equal(v->seg_customers[0], 5);
  assert_int_equal(v->seg_revenue[0], 52000);
  assert_int_equal(v->seg_discounted[0], 17000);
  assert_int_equal(v->seg_discount[0], 1800);
  kw_acquisition_free(a);
  size_t n = kw_dict_size(kw_dataset_customers(ds));
  uint32_t *seg = calloc(n, sizeof *seg);
  assert_non_null(seg);
  for (size_t i = 0; i < n; i++) seg[i] = KW_NA_ID;
  seg[id_of(ds, "A")] = 0;
  seg[id_of(ds, "B")] = 0;
  seg[id_of(ds, "C")] = 1;
  seg[id_of(ds, "D")] = 1;
  seg[id_of(ds, "F")] = 1;
  const char *labels[] = {"x", "y"};
  o.min_group = 1;
  o.segment = seg;
  o.segment_label = labels;
  o.n_segments = 2;
  assert_int_equal(kw_acquisition_compute(ctx, ds, kw_summary_view(s), &o,
                                          &a),
                   KW_OK);
  v = kw_acquisition_view(a);
  assert_int_equal(v->segment_source, 2);
  assert_int_equal(v->n_seg, 2);
  size_t x = strcmp(v->seg_label[0], "x") == 0 ? 0 : 1, y = 1 - x;
  assert_int_equal(v->seg_customers[x], 2);
  assert_int_equal(v->seg_revenue[x], 35000);
  assert_int_equal(v->seg_discounted[x], 10000);
  assert_int_equal(v->seg_discount[x], 1000);
  assert_int_equal(v->seg_customers[y], 3);
  assert_int_equal(v->seg_revenue[y], 17000);
  assert_int_equal(v->seg_discounted[y], 7000);
  assert_int_equal(v->seg_discount[y], 800);
  kw_acquisition_free(a);
  free(seg);
  kw_summary_free(s);
  kw_dataset_free(ds);
  remove_tmp(tx);
  remove_tmp(cu);
  kw_context_free(ctx);
}

/* ============================================================ journey */

/*
 * Worked by hand (touchpoints; purchases from the transactions):
 *   P1 01-01 contact web, 01-05 quote mail, buys 01-10
 *   P2 01-02 contact web, 01-04 quote phone, buys 01-20
 *   P3 01-03 contact phone, buys 01-08
 *   P4 01-01 contact web, 01-06 quote web, no purchase
 *   P5 01-02 contact phone, no purchase
 * Order (inferred: median positions contact 0, quote .5, purchase 1):
 * entered 5, 4, 3; touched 5, 3, 3. Days contact->quote 2, 4, 5: median
 * 4, p90 4.8; quote->purchase 5, 16: median 10.5, p90 14.9. Most lost
 * after contact (1, P5, ties go to the first step); P5 came by phone:
 * lift (1/1) / (2/5) = 2.5. Touches before purchase 2, 2, 1: mean 5/3.
 * Attribution over P1-P3: first web 2, phone 1; last mail 1, phone 2;
 * linear web 1, mail .5, phone 1.5. Markov: transitions start {web 3,
 * phone 2}, web {mail, phone, web, none: 1 each}, mail {purchase 1},
 * phone {purchase 2, none 1}; absorption x_mail 1, x_phone 2/3, x_web
 * 5/9, x_start .6. Removing web: 4/15 -> effect 5/9; phone: 1/5 -> 2/3;
 * mail: 6/15 -> 1/3; the 3 purchases shared 5 : 6 : 3.
 */
static const char J_TP[] =
    "customer,date,stage,channel\n"
    "P1,2024-01-01,contact,web\nP1,2024-01-05,quote,mail\n"
    "P2,2024-01-02,contact,web\nP2,2024-01-04,quote,phone\n"
    "P3,2024-01-03,contact,phone\n"
    "P4,2024-01-01,contact,web\nP4,2024-01-06,quote,web\n"
    "P5,2024-01-02,contact,phone\n";
static const char J_TX[] =
    "customer,date,amount\nP1,2024-01-10,10\nP2,2024-01-20,10\n"
    "P3,2024-01-08,10\n";

static size_t name_at(const char *const *names, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++)
    if (names[i] && strcmp(names[i], s) == 0) return i;
  fail_msg("no %s", s);
  return 0;
}

static void test_journey_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *tx = write_tmp(4, "t.csv", J_TX);
  const char *tp = write_tmp(7, "p.csv", J_TP);
  kw_dataset *ds = load_files(ctx, tx, NULL, tp, NULL);
  kw_journey_options o;
  kw_journey_options_init(&o);
  o.min_group = 1;
  kw_journey *j = NULL;
  assert_int_equal(kw_journey_compute(ctx, ds, &o, &j), KW_OK);
  const kw_journey_data *v = kw_journey_view(j);
  assert_true(v->order_inferred);
  assert_int_equal(v->n_steps, 3);
  assert_string_equal(v->stage[0], "contact");
  assert_string_equal(v->stage[1], "quote");
  assert_string_equal(v->stage[2], "purchase");
  NEAR(v->median_position[1], 0.5, 1e-12);
  const uint64_t ent[] = {5, 4, 3}, tch[] = {5, 3, 3};
  for (size_t k = 0; k < 3; k++) {
    assert_int_equal(v->entered[k], ent[k]);
    assert_int_equal(v->touched[k], tch[k]);
  }
  NEAR(v->days_median[0], 4, 1e-12);
  NEAR(v->days_p90[0], 4.8, 1e-12);
  NEAR(v->days_median[1], 10.5, 1e-12);
  NEAR(v->days_p90[1], 14.9, 1e-12);
  assert_int_equal(v->worst_step, 0);
  assert_non_null(v->worst_channel);
  assert_string_equal(v->worst_channel, "phone");
  NEAR(v->worst_lift, 2.5, 1e-12);
  NEAR(v->touches_before_purchase_mean, 5.0 / 3.0, 1e-12);
  NEAR(v->touches_before_purchase_median, 2, 1e-12);
  assert_int_equal(v->n_paths, 4);
  assert_string_equal(v->path[0], "contact > quote > purchase");
  assert_int_equal(v->path_count[0], 2);
  assert_string_equal(v->path[1], "contact");
  assert_string_equal(v->path[2], "contact > purchase");
  assert_string_equal(v->path[3], "contact > quote");
  assert_int_equal(v->n_channels, 3);
  size_t web = name_at(v->channel, 3, "web"), mail = name_at(v->channel, 3,
                                                              "mail"),
         phone = name_at(v->channel, 3, "phone");
  NEAR(v->first_touch[web], 2, 1e-12);
  NEAR(v->first_touch[phone], 1, 1e-12);
  NEAR(v->last_touch[mail], 1, 1e-12);
  NEAR(v->last_touch[phone], 2, 1e-12);
  NEAR(v->linear[web], 1, 1e-12);
  NEAR(v->linear[mail], 0.5, 1e-12);
  NEAR(v->linear[phone], 1.5, 1e-12);
  NEAR(v->p_conversion, 0.6, 1e-12);
  NEAR(v->markov[web], 3.0 * 5 / 14, 1e-12);
  NEAR(v->markov[phone], 3.0 * 6 / 14, 1e-12);
  NEAR(v->markov[mail], 3.0 * 3 / 14, 1e-12);
  /* conversion by first channel: web 2 of 3, phone 1 of 2 */
  const kw_journey_group *g = &v->by[KW_JOURNEY_BY_CHANNEL];
  assert_int_equal(g->n, 2);
  size_t gw = name_at(g->label, 2, "web"), gp = name_at(g->label, 2, "phone");
  assert_int_equal(g->customers[gw], 3);
  NEAR(g->bought[gw], 2.0 / 3.0, 1e-12);
  NEAR(g->bought[gp], 0.5, 1e-12);
  kw_journey_free(j);
  /* privacy: with groups of 5 only "other" (all 5) remains */
  o.min_group = 5;
  assert_int_equal(kw_journey_compute(ctx, ds, &o, &j), KW_OK);
  v = kw_journey_view(j);
  assert_int_equal(v->by[KW_JOURNEY_BY_CHANNEL].n, 1);
  assert_null(v->by[KW_JOURNEY_BY_CHANNEL].label[0]);
  assert_int_equal(v->n_paths, 0); /* no path of 5 customers */
  kw_journey_free(j);
  /* a given order; an unknown stage is an error */
  const char *given[] = {"contact", "purchase"};
  o.stages = given;
  o.n_stages = 2;
  assert_int_equal(kw_journey_compute(ctx, ds, &o, &j), KW_OK);
  v = kw_journey_view(j);
  assert_false(v->order_inferred);
  assert_int_equal(v->n_steps, 2);
  assert_int_equal(v->entered[1], 3);
  kw_journey_free(j);
  const char *bad[] = {"nope"};
  o.stages = bad;
  o.n_stages = 1;
  assert_int_equal(kw_journey_compute(ctx, ds, &o, &j), KW_EARG);
  assert_null(j);
  kw_dataset_free(ds);
  remove_tmp(tx);
  remove_tmp(tp);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_trends_hand),
      cmocka_unit_test(test_trends_yoy_like_for_like),
      cmocka_unit_test(test_trends_random_identities),
      cmocka_unit_test(test_trends_season_and_anomaly),
      cmocka_unit_test(test_trends_rate_break),
      cmocka_unit_test(test_referrals_hand),
      cmocka_unit_test(test_acquisition_hand),
      cmocka_unit_test(test_acquisition_spend),
      cmocka_unit_test(test_discount_segments),
      cmocka_unit_test(test_journey_hand),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
