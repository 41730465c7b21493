/* Unit tests for the churn figures and rows moved into the library: the
 * 12-month churn rate, the churn-driver rows (one value per customer from
 * repeated customer rows) and the Pareto shares per customer. Expected
 * values are worked out by hand in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/dict.h"
#include "data/table.h"
#include "klantwijs.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/*
 * Contracts, as-of day 1000, a year before: day 635.
 *   c0 start 500, open           active a year ago, not churned
 *   c1 start 600, end 800        active a year ago, churned on 800
 *   c2 start 100, end 600        churned before day 635: not in the base
 *   c3 start 700, end 900        started after day 635: not in the base
 *   c4 start 635, end 1000       in the base (start on day 635), churned
 * base 3 (c0, c1, c4), lost 2 (c1, c4): rate 2/3. Churned share today:
 * c1, c2, c3, c4 of 5 = 0.8.
 */
static void test_churn_year_rate(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const uint32_t cust[] = {0, 1, 2, 3, 4};
  const int32_t start[] = {500, 600, 100, 700, 635};
  const int32_t end[] = {KW_NA_DATE, 800, 600, 900, 1000};
  kw_churn_options o;
  kw_churn_options_init(&o);
  o.as_of = 1000;
  kw_churn *c = NULL;
  assert_int_equal(kw_churn_contracts(ctx, cust, start, end, 5, &o, &c),
                   KW_OK);
  kw_churn_year yr;
  kw_churn_year_rate(c, &yr);
  assert_true(yr.defined);
  assert_int_equal(yr.base, 3);
  assert_int_equal(yr.lost, 2);
  NEAR(yr.rate, 2.0 / 3.0, 1e-15);
  NEAR(kw_churn_info_view(c)->churned_share, 0.8, 1e-15);
  kw_churn_free(c);

  /* less than a year of data: no customer started by day 635 */
  const int32_t late[] = {700, 700, 700, 700, 700};
  const int32_t late_end[] = {KW_NA_DATE, 800, 900, 900, 1000};
  assert_int_equal(kw_churn_contracts(ctx, cust, late, late_end, 5, &o, &c),
                   KW_OK);
  kw_churn_year_rate(c, &yr);
  assert_false(yr.defined);
  assert_int_equal(yr.base, 0);
  assert_true(isnan(yr.rate));
  kw_churn_free(c);
  kw_churn_year_rate(NULL, &yr);
  assert_false(yr.defined);
  kw_context_free(ctx);
}

static uint32_t intern(kw_context *ctx, kw_dict *d, const char *s) {
  uint32_t id = KW_NA_ID;
  assert_int_equal(kw_dict_intern(ctx, d, s, strlen(s), &id, NULL), KW_OK);
  return id;
}

/*
 * Driver rows from contracts: customers A, B, C (ids 0, 1, 2) with a
 * customers table of four rows:
 *   A  bouw   "12"   name Jan      (a later row of A has an empty sector
 *   B  zorg   "30"   name Piet      and age "40": A keeps bouw, age 40)
 *   A  ""     "40"   name Jan
 *   C  bouw   "7"    name Mia
 * Statuses at day 1000: A churned (end 900), B active (open), C churned
 * (end 950). Rows: A, B, C with churned 1, 0, 1. Features: sector (text,
 * two levels; A = bouw), age (digits only, 3 distinct values, no role:
 * numbers 40, 30, 7); the name (personal data) and the customer id are
 * left out. With exclude {"AGE"} only sector remains.
 */
static void test_driver_rows_contracts(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = kw_dataset_new(ctx);
  kw_dict *ids = kw_dataset_customers_mut(ds);
  assert_int_equal(intern(ctx, ids, "A"), 0);
  assert_int_equal(intern(ctx, ids, "B"), 1);
  assert_int_equal(intern(ctx, ids, "C"), 2);
  const char *rc[] = {"A", "B", "A", "C"};
  const char *rs[] = {"bouw", "zorg", "", "bouw"};
  const char *ra[] = {"12", "30", "40", "7"};
  const char *rn[] = {"Jan", "Piet", "Jan", "Mia"};
  kw_table *t = kw_table_new(ctx, KW_TABLE_CUSTOMERS);
  kw_dict *sd = kw_dict_new(ctx), *ad = kw_dict_new(ctx),
          *nd = kw_dict_new(ctx);
  uint32_t *c = kw_malloc(ctx, 4 * sizeof *c), *s = kw_malloc(ctx, 4 * 4),
           *a = kw_malloc(ctx, 4 * 4), *nm = kw_malloc(ctx, 4 * 4);
  for (int i = 0; i < 4; i++) {
    c[i] = intern(ctx, ids, rc[i]);
    s[i] = intern(ctx, sd, rs[i]);
    a[i] = intern(ctx, ad, ra[i]);
    nm[i] = intern(ctx, nd, rn[i]);
  }
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                   KW_TYPE_TEXT, kw_dataset_customers(ds), NULL, c, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "sector", KW_ROLE_SECTOR,
                   KW_TYPE_TEXT, sd, sd, s, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "age", KW_ROLE_NONE,
                   KW_TYPE_TEXT, ad, ad, a, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "naam", KW_ROLE_NAME,
                   KW_TYPE_TEXT, nd, nd, nm, NULL), KW_OK);
  kw_table_set_rows(t, 4);
  kw_dataset_set_table(ds, t);

  const uint32_t cust[] = {0, 1, 2};
  const int32_t start[] = {100, 200, 300};
  const int32_t end[] = {900, KW_NA_DATE, 950};
  kw_churn_options o;
  kw_churn_options_init(&o);
  o.as_of = 1000;
  kw_churn *ch = NULL;
  assert_int_equal(kw_churn_contracts(ctx, cust, start, end, 3, &o, &ch),
                   KW_OK);
  kw_churn_driver_rows *r = NULL;
  assert_int_equal(kw_churn_driver_rows_compute(ctx, ds, ch, NULL, &r), KW_OK);
  const kw_churn_driver_rows_data *v = kw_churn_driver_rows_view(r);
  assert_true(v->contractual);
  assert_int_equal(v->n, 3);
  assert_int_equal(v->customer[0], 0);
  assert_int_equal(v->churned[0], 1);
  assert_int_equal(v->churned[1], 0);
  assert_int_equal(v->churned[2], 1);
  assert_int_equal(v->n_features, 2);
  const kw_column *f0 = v->features[0], *f1 = v->features[1];
  assert_string_equal(f0->name, "sector");
  assert_int_equal(f0->type, KW_TYPE_TEXT);
  assert_string_equal(kw_dict_str(f0->dict, f0->v.text[0]), "bouw");
  assert_string_equal(kw_dict_str(f0->dict, f0->v.text[1]), "zorg");
  assert_string_equal(kw_dict_str(f0->dict, f0->v.text[2]), "bouw");
  assert_string_equal(f1->name, "age");
  assert_int_equal(f1->type, KW_TYPE_NUMBER);
  NEAR(f1->v.number[0], 40, 0);
  NEAR(f1->v.number[1], 30, 0);
  NEAR(f1->v.number[2], 7, 0);
  kw_churn_driver_rows_free(r);

  const char *ex[] = {"AGE"};
  kw_churn_driver_rows_options ro = {ex, 1};
  assert_int_equal(kw_churn_driver_rows_compute(ctx, ds, ch, &ro, &r), KW_OK);
  assert_int_equal(kw_churn_driver_rows_view(r)->n_features, 1);
  kw_churn_driver_rows_free(r);

  const char *all[] = {"age", "sector"};
  kw_churn_driver_rows_options none = {all, 2};
  assert_int_equal(kw_churn_driver_rows_compute(ctx, ds, ch, &none, &r),
                   KW_EEMPTY);
  assert_null(r);
  kw_churn_free(ch);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/*
 * Pareto shares on a summary of four customers with revenue 60, 30, 10
 * and one whose returns exceed the purchases (-5 net, one purchase): x =
 * 60, 30, 10, 0; X = 100. Ranks 1..4; shares 0.6, 0.3, 0.1, 0;
 * cumulative 0.6, 0.9, 1.0, 1.0. A fifth customer with only a return is
 * no customer: rank 0, not counted (n_customers 4), revenue_net = 95.
 */
static void test_pareto_shares(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = kw_dataset_new(ctx);
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  const char *lc[] = {"P", "Q", "R", "S", "S", "T"};
  const int64_t am[] = {6000, 3000, 1000, 500, -1000, -700};
  uint32_t *c = kw_malloc(ctx, 6 * sizeof *c);
  int32_t *d = kw_malloc(ctx, 6 * sizeof *d);
  int64_t *a = kw_malloc(ctx, 6 * sizeof *a);
  for (int i = 0; i < 6; i++) {
    c[i] = intern(ctx, kw_dataset_customers_mut(ds), lc[i]);
    d[i] = 19000 + i;
    a[i] = am[i];
  }
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                   KW_TYPE_TEXT, kw_dataset_customers(ds), NULL, c, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                   KW_TYPE_DATE, NULL, NULL, d, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                   KW_TYPE_MONEY, NULL, NULL, a, NULL), KW_OK);
  kw_table_set_rows(t, 6);
  kw_dataset_set_table(ds, t);
  kw_summary *s = NULL;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  const kw_customer_summary *v = kw_summary_view(s);
  assert_int_equal(v->n_buyers, 4);
  assert_int_equal(v->buyer_revenue, 9500);
  assert_int_equal(v->n_return_only, 1);
  kw_pareto *p = NULL;
  assert_int_equal(kw_pareto_compute(ctx, v, NULL, &p), KW_OK);
  const kw_pareto_data *pd = kw_pareto_view(p);
  assert_int_equal(pd->n_customers, 4);
  assert_int_equal(pd->revenue_net, 9500);
  assert_int_equal(pd->revenue_total, 10000);
  assert_int_equal(pd->n_negative, 1);
  const double share[] = {0.6, 0.3, 0.1, 0.0, 0.0};
  const double cum[] = {0.6, 0.9, 1.0, 1.0, 0.0};
  const uint32_t rank[] = {1, 2, 3, 4, 0};
  for (uint32_t i = 0; i < 5; i++) {
    assert_int_equal(pd->rank[i], rank[i]);
    NEAR(pd->share[i], share[i], 1e-15);
    NEAR(pd->cum_share[i], cum[i], 1e-15);
  }
  kw_pareto_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/*
 * sBG counts per whole period:
 *   0.5 churned -> period 1; 2.0 churned -> 2; 2.0000000001 churned -> 2
 *   (within 1e-9 of a whole number); 3.7 censored -> after 3; 1.0
 *   censored -> after 1; NaN, -1 and a missing event are left out.
 * T = 3: churned 0,1,2,0; censored 0,1,0,1. Group 0 (subjects 0, 1, 3):
 * churned 0,1,1,0 and censored 0,0,0,1 (T = 3).
 */
static void test_sbg_period_counts(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const double dur[] = {0.5, 2.0, 2.0000000001, 3.7, 1.0, NAN, -1, 4};
  const int8_t ev[] = {1, 1, 1, 0, 0, 1, 1, KW_NA_FLAG};
  const uint32_t grp[] = {0, 0, 1, 0, 1, 0, 0, 0};
  double *d = NULL, *cz = NULL;
  size_t n = 0;
  assert_int_equal(kw_sbg_period_counts(ctx, dur, ev, NULL, 8, 0, &d, &cz,
                                        &n), KW_OK);
  assert_int_equal(n, 4);
  const double ed[] = {0, 1, 2, 0}, ec[] = {0, 1, 0, 1};
  for (int t = 0; t < 4; t++) {
    NEAR(d[t], ed[t], 0);
    NEAR(cz[t], ec[t], 0);
  }
  kw_free(ctx, d);
  kw_free(ctx, cz);
  assert_int_equal(kw_sbg_period_counts(ctx, dur, ev, grp, 8, 0, &d, &cz,
                                        &n), KW_OK);
  assert_int_equal(n, 4);
  const double gd[] = {0, 1, 1, 0}, gc[] = {0, 0, 0, 1};
  for (int t = 0; t < 4; t++) {
    NEAR(d[t], gd[t], 0);
    NEAR(cz[t], gc[t], 0);
  }
  kw_free(ctx, d);
  kw_free(ctx, cz);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_churn_year_rate),
      cmocka_unit_test(test_driver_rows_contracts),
      cmocka_unit_test(test_pareto_shares),
      cmocka_unit_test(test_sbg_period_counts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
