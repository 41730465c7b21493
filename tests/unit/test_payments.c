/*
 * Unit tests: payment behaviour from an invoices table built by hand.
 * Expectations are worked out in the comments; day numbers are relative
 * to B = 2024-01-01, as-of = B + 90.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"

#include "core/dict.h"
#include "data/table.h"
#include "klantwijs.h"

/* cmocka before 1.1.6 has no assert_double_equal */
#ifndef assert_double_equal
static void near_(double a, double b, double eps, const char *file,
                  int line) {
  if (!(fabs(a - b) <= eps))
    fail_msg("%s:%d: %.17g != %.17g (tolerance %g)", file, line, a, b, eps);
}
#define assert_double_equal(a, b, eps) \
  near_((double)(a), (double)(b), (double)(eps), __FILE__, __LINE__)
#endif

#define NA KW_NA_DATE
#define NOT -100000 /* "no value" in the row literals below */

typedef struct row {
  const char *inv;  /* NULL: no invoice id */
  const char *cust; /* NULL: no customer */
  int32_t date;     /* relative to B; NOT = missing */
  int32_t due;      /* relative to B; NOT = missing */
  double terms;     /* NAN = missing */
  int32_t paid;     /* relative to B; NOT = open */
  int64_t amount;   /* cents */
} row;

typedef struct env {
  kw_context *ctx;
  kw_dataset *ds;
  int32_t base;
  int64_t revenue[16];
  uint32_t zero32[16];
  int32_t na[16];
  double zd[16];
  int64_t zero64[16];
  kw_customer_summary s;
} env;

static uint32_t intern(env *e, const char *name) {
  uint32_t id;
  assert_int_equal(kw_dict_intern(e->ctx, kw_dataset_customers_mut(e->ds),
                                  name, strlen(name), &id, NULL),
                   KW_OK);
  return id;
}

static int32_t rel(env *e, int32_t d) { return d == NOT ? NA : e->base + d; }

static void build(env *e, const row *r, size_t n, bool with_inv) {
  kw_context *ctx = e->ctx;
  kw_table *t = kw_table_new(ctx, KW_TABLE_INVOICES);
  uint32_t *iv = kw_malloc(ctx, n * sizeof *iv);
  uint32_t *cu = kw_malloc(ctx, n * sizeof *cu);
  int32_t *dt = kw_malloc(ctx, n * sizeof *dt);
  int32_t *du = kw_malloc(ctx, n * sizeof *du);
  double *te = kw_malloc(ctx, n * sizeof *te);
  int32_t *pd = kw_malloc(ctx, n * sizeof *pd);
  int64_t *am = kw_malloc(ctx, n * sizeof *am);
  kw_dict *ids = kw_dict_new(ctx);
  for (size_t i = 0; i < n; i++) {
    iv[i] = KW_NA_ID;
    if (r[i].inv)
      assert_int_equal(kw_dict_intern(ctx, ids, r[i].inv, strlen(r[i].inv),
                                      &iv[i], NULL),
                       KW_OK);
    cu[i] = r[i].cust ? intern(e, r[i].cust) : KW_NA_ID;
    dt[i] = rel(e, r[i].date);
    du[i] = rel(e, r[i].due);
    te[i] = r[i].terms;
    pd[i] = rel(e, r[i].paid);
    am[i] = r[i].amount;
  }
  const kw_dict *cd = kw_dataset_customers(e->ds);
  if (with_inv)
    assert_int_equal(kw_table_add_column(ctx, t, "factuur", KW_ROLE_INVOICE,
                                         KW_TYPE_TEXT, NULL, ids, iv, NULL),
                     KW_OK);
  else {
    kw_free(ctx, iv);
    kw_dict_free(ctx, ids);
  }
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT, cd, NULL, cu, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, dt, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "vervaldag", KW_ROLE_DUE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, du, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "termijn", KW_ROLE_TERMS,
                                       KW_TYPE_NUMBER, NULL, NULL, te, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "betaald", KW_ROLE_PAID_DATE,
                                       KW_TYPE_DATE, NULL, NULL, pd, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                                       KW_TYPE_MONEY, NULL, NULL, am, NULL),
                   KW_OK);
  kw_table_set_rows(t, n);
  kw_dataset_set_table(e->ds, t);
}

static env *env_new(void) {
  env *e = calloc(1, sizeof *e);
  e->ctx = kw_context_new();
  e->ds = kw_dataset_new(e->ctx);
  e->base = kw_date_from_ymd(2024, 1, 1);
  for (int i = 0; i < 16; i++) e->na[i] = NA;
  return e;
}

static void env_free(env *e) {
  kw_dataset_free(e->ds);
  kw_context_free(e->ctx);
  free(e);
}

static const kw_customer_summary *summary(env *e) {
  kw_customer_summary *s = &e->s;
  s->ids = kw_dataset_customers(e->ds);
  s->n = kw_dict_size(s->ids);
  assert_true(s->n <= 16);
  s->as_of = e->base + 90;
  s->first = s->last = e->na;
  s->orders = s->days = s->lines = s->cost_lines = e->zero32;
  s->n_products = s->n_categories = e->zero32;
  s->revenue = e->revenue;
  s->cost = s->discount = e->zero64;
  s->x = s->t_x = s->T = s->repeat_spend = e->zd;
  return s;
}

/*
 *  P  INV1  B+0  due B+30  paid B+20   1000.00  20 days to pay, on time
 *     INV2  B+10 terms 30  paid B+40    500.00  30 days, paid on the due day
 *     INV11 B+80 due B+85  paid B+100   100.00  paid after as-of: open,
 *                                               5 days overdue (1-30)
 *     INV10 B+95                        999.00  after as-of: left out
 *  L  INV3  B+0  due B+30  paid B+50   1000.00  part 1: 50 days, 20 late
 *     INV3  B+0  due B+30  paid B+70   1000.00  part 2: 70 days, 40 late
 *     INV4  B+60 due B+90  open         400.00  due on as-of: not yet due
 *     INV1  (again, customer L)                 conflict: error, left out
 *  X  INV5  B-40 due B-10  open        2000.00  100 days overdue (90+)
 *     INV6  B+20 due B+50  open         300.00  40 days overdue (31-60)
 *     CN1   B+25 (default terms) open  -100.00  open credit note
 *  Q  INV7  B+30 due B+60  paid B+20    800.00  paid before issue: error
 *     INV8  B+30 due B+60  paid B+55    200.00  25 days, on time
 *  R  INV9  B+85 (default terms) open   700.00  due B+115: not yet due
 *     INV13 B+50 due B+40  paid B+60    100.00  due before issue: error;
 *                                               10 days to pay, no lateness
 *  N  (no invoices); one row without a customer.
 *
 * Per customer:
 *  P  dtp (1000x20 + 500x30)/1500 = 23.33, late 0, open 100, overdue 100,
 *     max overdue 5 -> fast; invoices 3, settled 2, invoiced 1600.00
 *  L  dtp (50 + 70)/2 = 60, late (20 + 40)/2 = 30 -> slow; settled 1 late
 *     1; open 400 current; invoiced 2400.00; 1 error
 *  X  open 2300 - 100 = 2200, credit -100, overdue 2300, 90+: 2000,
 *     31-60: 300, max overdue 100 -> problematic; invoiced 2200.00
 *  Q  dtp 25 (the erroneous row has no timing), settled 2, 1 error -> fast
 *  R  dtp 10, late 0 (no valid due date), open 700 -> fast; 1 error
 * Portfolio:
 *  invoices 3+2+2+2+2 = 11, credit notes 1, settled 2+1+0+2+1 = 6, late 1
 *  dtp (20000 + 15000 + 50000 + 70000 + 5000 + 1000) / 3800 = 42.368
 *  days late 60000 / 3700 (INV13 has no lateness weight) = 16.216
 *  open 100 + 400 + 2200 + 700 = 3400.00; overdue 2400.00;
 *  ageing: not due 400 + 700, 1-30 100, 31-60 300, 61-90 0, 90+ 2000
 *  invoiced in (B+0, B+90]: 500+400+300-100+800+200+700+100+100 = 3000.00
 *  DSO = 3400 / 3000 x 90 = 102 days
 *  rows with default terms: CN1, INV9 = 2
 */
static const row rows[] = {
    {"INV1", "P", 0, 30, NAN, 20, 100000},
    {"INV2", "P", 10, NOT, 30, 40, 50000},
    {"INV11", "P", 80, 85, NAN, 100, 10000},
    {"INV10", "P", 95, 125, NAN, NOT, 99900},
    {"INV3", "L", 0, 30, NAN, 50, 100000},
    {"INV3", "L", 0, 30, NAN, 70, 100000},
    {"INV4", "L", 60, 90, NAN, NOT, 40000},
    {"INV1", "L", 10, 40, NAN, 30, 77700},
    {"INV5", "X", -40, -10, NAN, NOT, 200000},
    {"INV6", "X", 20, 50, NAN, NOT, 30000},
    {"CN1", "X", 25, NOT, NAN, NOT, -10000},
    {"INV7", "Q", 30, 60, NAN, 20, 80000},
    {"INV8", "Q", 30, 60, NAN, 55, 20000},
    {"INV9", "R", 85, NOT, NAN, NOT, 70000},
    {"INV13", "R", 50, 40, NAN, 60, 10000},
    {"INV14", NULL, 50, 60, NAN, 60, 5000},
};

enum { P, L, X, Q, R, N };

static env *fixture(void) {
  env *e = env_new();
  const char *order[] = {"P", "L", "X", "Q", "R", "N"};
  for (int i = 0; i < 6; i++) assert_int_equal(intern(e, order[i]), i);
  build(e, rows, sizeof rows / sizeof *rows, true);
  return e;
}

static void test_payments_by_hand(void **state) {
  (void)state;
  env *e = fixture();
  const int64_t rev[] = {100000, 200000, 300000, 100000, 50000, 50000};
  memcpy(e->revenue, rev, sizeof rev);
  kw_payments *p;
  assert_int_equal(kw_payments_compute(e->ctx, summary(e),
                                       kw_dataset_table(e->ds,
                                                        KW_TABLE_INVOICES),
                                       NULL, &p),
                   KW_OK);
  const kw_payments_data *d = kw_payments_view(p);
  assert_int_equal(d->n, 6);
  assert_int_equal(d->as_of, e->base + 90);

  assert_int_equal(d->invoices[P], 3);
  assert_int_equal(d->settled[P], 2);
  assert_int_equal(d->settled_late[P], 0);
  assert_double_equal(d->days_to_pay[P], 35000.0 / 1500, 1e-9);
  assert_double_equal(d->days_late[P], 0, 0);
  assert_int_equal(d->open[P], 10000);
  assert_int_equal(d->overdue[P], 10000);
  assert_int_equal(d->ageing[KW_AGE_1_30][P], 10000);
  assert_int_equal(d->max_overdue_days[P], 5);
  assert_int_equal(d->invoiced[P], 160000);
  assert_int_equal(d->pay_class[P], KW_PAY_FAST);

  assert_int_equal(d->invoices[L], 2);
  assert_int_equal(d->settled[L], 1);
  assert_int_equal(d->settled_late[L], 1);
  assert_double_equal(d->late_share[L], 1, 0);
  assert_double_equal(d->days_to_pay[L], 60, 1e-9);
  assert_double_equal(d->days_late[L], 30, 1e-9);
  assert_int_equal(d->open[L], 40000);
  assert_int_equal(d->ageing[KW_AGE_CURRENT][L], 40000);
  assert_int_equal(d->overdue[L], 0);
  assert_int_equal(d->errors[L], 1);
  assert_int_equal(d->invoiced[L], 240000);
  assert_int_equal(d->pay_class[L], KW_PAY_SLOW);

  assert_int_equal(d->open[X], 220000);
  assert_int_equal(d->credit[X], -10000);
  assert_int_equal(d->overdue[X], 230000);
  assert_int_equal(d->ageing[KW_AGE_OVER_90][X], 200000);
  assert_int_equal(d->ageing[KW_AGE_31_60][X], 30000);
  assert_int_equal(d->max_overdue_days[X], 100);
  assert_int_equal(d->settled[X], 0);
  assert_int_equal(d->pay_class[X], KW_PAY_PROBLEM);

  assert_int_equal(d->settled[Q], 2);
  assert_double_equal(d->days_to_pay[Q], 25, 1e-9);
  assert_int_equal(d->errors[Q], 1);
  assert_int_equal(d->open[Q], 0);
  assert_int_equal(d->pay_class[Q], KW_PAY_FAST);

  assert_int_equal(d->invoices[R], 2);
  assert_double_equal(d->days_to_pay[R], 10, 1e-9);
  assert_double_equal(d->days_late[R], 0, 0);
  assert_int_equal(d->open[R], 70000);
  assert_int_equal(d->errors[R], 1);
  assert_int_equal(d->pay_class[R], KW_PAY_FAST);

  assert_int_equal(d->pay_class[N], KW_PAY_NONE);
  assert_int_equal(d->invoices[N], 0);

  /* portfolio */
  assert_int_equal(d->rows, 16);
  assert_int_equal(d->rows_after, 1);
  assert_int_equal(d->rows_no_customer, 1);
  assert_int_equal(d->rows_default_terms, 2);
  assert_int_equal(d->err_paid_before_issue, 1);
  assert_int_equal(d->err_due_before_issue, 1);
  assert_int_equal(d->err_customer_conflict, 1);
  assert_int_equal(d->errors_total, 3);
  assert_int_equal(d->rows_used, 13);
  assert_int_equal(d->n_customers, 5);
  assert_int_equal(d->n_class[KW_PAY_FAST], 3);
  assert_int_equal(d->n_class[KW_PAY_SLOW], 1);
  assert_int_equal(d->n_class[KW_PAY_PROBLEM], 1);
  assert_int_equal(d->n_class[KW_PAY_NONE], 1);
  assert_int_equal(d->n_invoices, 11);
  assert_int_equal(d->n_credit_notes, 1);
  assert_int_equal(d->n_settled, 6);
  assert_int_equal(d->n_settled_late, 1);
  assert_double_equal(d->late_share_all, 1.0 / 6, 1e-12);
  assert_double_equal(d->days_to_pay_all, 161000.0 / 3800, 1e-9);
  assert_double_equal(d->days_late_all, 60000.0 / 3700, 1e-9);
  assert_int_equal(d->open_total, 340000);
  assert_int_equal(d->credit_total, -10000);
  assert_int_equal(d->overdue_total, 240000);
  static const int64_t age[] = {110000, 10000, 30000, 0, 200000};
  int64_t age_sum = 0;
  for (int k = 0; k < KW_AGE__COUNT; k++) {
    assert_int_equal(d->ageing_total[k], age[k]);
    age_sum += d->ageing_total[k];
  }
  assert_int_equal(age_sum, d->open_total - d->credit_total);
  assert_int_equal(d->invoiced_total, 160000 + 240000 + 220000 + 100000 + 80000);
  assert_int_equal(d->invoiced_recent, 300000);
  assert_true(d->dso_defined);
  assert_double_equal(d->dso, 102, 1e-9);
  assert_int_equal(d->n_top_overdue, 2);
  assert_int_equal(d->top_overdue[0], X);
  assert_int_equal(d->top_overdue[1], P);
  /* revenue 8000.00 in all; X (problematic) 3000, L (slow) 2000 */
  assert_double_equal(d->problem_revenue_share, 0.375, 1e-12);
  assert_double_equal(d->slow_revenue_share, 0.25, 1e-12);
  kw_payments_free(p);

  /* without a summary: the last invoice date (B+95) is the as-of, and the
   * shares come from the positive invoiced amounts */
  assert_int_equal(kw_payments_compute(e->ctx, NULL,
                                       kw_dataset_table(e->ds,
                                                        KW_TABLE_INVOICES),
                                       NULL, &p),
                   KW_OK);
  d = kw_payments_view(p);
  assert_int_equal(d->as_of, e->base + 95);
  assert_int_equal(d->rows_after, 0);
  kw_payments_free(p);
  kw_payments_free(NULL);
  env_free(e);
}

/*
 * Open at as-of: with as-of B+15, INV1 (paid B+20) and INV2 (paid B+40)
 * are open and not yet due; INV3's two parts (paid B+50, B+70) are open, not yet due (B+30);
 * INV5 is 25 days overdue (due B-10) -> bucket 1-30; nothing is settled.
 */
static void test_payments_as_of(void **state) {
  (void)state;
  env *e = fixture();
  kw_payments_options o;
  kw_payments_options_init(&o);
  o.as_of = e->base + 15;
  kw_payments *p;
  assert_int_equal(kw_payments_compute(e->ctx, summary(e),
                                       kw_dataset_table(e->ds,
                                                        KW_TABLE_INVOICES),
                                       &o, &p),
                   KW_OK);
  const kw_payments_data *d = kw_payments_view(p);
  assert_int_equal(d->open[P], 150000); /* INV1 and INV2 (paid B+40) */
  assert_int_equal(d->settled[P], 0);
  assert_int_equal(d->ageing[KW_AGE_CURRENT][P], 150000);
  assert_int_equal(d->open[L], 200000);
  assert_int_equal(d->ageing[KW_AGE_1_30][X], 200000);
  assert_int_equal(d->max_overdue_days[X], 25);
  assert_int_equal(d->pay_class[X], KW_PAY_FAST); /* 25 <= 30 */
  assert_int_equal(d->n_settled, 0);
  /* the conflict row (INV1 for L, B+10) is still seen */
  assert_int_equal(d->err_customer_conflict, 1);
  /* invoiced in (B-75, B+15]: 1000 + 500 + 2000 + 2000 (INV5) = 5500;
   * open 1000 + 500 + 2000 + 2000 = 5500 -> DSO 90 */
  assert_int_equal(d->invoiced_recent, 550000);
  assert_double_equal(d->dso, 90, 1e-9);
  kw_payments_free(p);

  /* thresholds: X becomes slow when slow overdue is 20 days */
  o.slow_overdue_days = 20;
  assert_int_equal(kw_payments_compute(e->ctx, summary(e),
                                       kw_dataset_table(e->ds,
                                                        KW_TABLE_INVOICES),
                                       &o, &p),
                   KW_OK);
  assert_int_equal(kw_payments_view(p)->pay_class[X], KW_PAY_SLOW);
  kw_payments_free(p);
  env_free(e);
}

/* Without an invoice column every row is an invoice: L's two parts are
 * two invoices, both settled late. */
static void test_payments_no_invoice_column(void **state) {
  (void)state;
  env *e = env_new();
  static const row r[] = {
      {NULL, "L", 0, 30, NAN, 50, 100000},
      {NULL, "L", 0, 30, NAN, 70, 100000},
      {NULL, "L", 0, NOT, 14, 10, 50000}, /* terms 14: on time */
  };
  build(e, r, 3, false);
  kw_payments *p;
  kw_payments_options o;
  kw_payments_options_init(&o);
  o.as_of = e->base + 90;
  assert_int_equal(kw_payments_compute(e->ctx, NULL,
                                       kw_dataset_table(e->ds,
                                                        KW_TABLE_INVOICES),
                                       &o, &p),
                   KW_OK);
  const kw_payments_data *d = kw_payments_view(p);
  assert_int_equal(d->n, 1);
  assert_int_equal(d->invoices[0], 3);
  assert_int_equal(d->settled[0], 3);
  assert_int_equal(d->settled_late[0], 2);
  /* late (1000x20 + 1000x40 + 500x0) / 2500 = 24 */
  assert_double_equal(d->days_late[0], 24, 1e-9);
  assert_int_equal(d->rows_default_terms, 0);
  assert_int_equal(d->pay_class[0], KW_PAY_SLOW);
  assert_false(d->dso_defined); /* nothing invoiced in (B+0, B+90] */
  kw_payments_free(p);
  env_free(e);
}

static void test_payments_errors(void **state) {
  (void)state;
  env *e = env_new();
  kw_payments *p = (kw_payments *)1;
  kw_table *costs = kw_table_new(e->ctx, KW_TABLE_COSTS);
  assert_int_equal(kw_payments_compute(e->ctx, NULL, costs, NULL, &p),
                   KW_EARG);
  assert_null(p);
  kw_table_free(e->ctx, costs);
  kw_table *inv = kw_table_new(e->ctx, KW_TABLE_INVOICES);
  assert_int_equal(kw_payments_compute(e->ctx, NULL, inv, NULL, &p),
                   KW_EMISSING);
  assert_non_null(strstr(kw_errmsg(e->ctx), "customer"));
  kw_table_free(e->ctx, inv);
  kw_payments_options o;
  kw_payments_options_init(&o);
  o.problem_days_late = 3; /* below slow_days_late */
  build(e, rows, 2, true);
  assert_int_equal(kw_payments_compute(e->ctx, NULL,
                                       kw_dataset_table(e->ds,
                                                        KW_TABLE_INVOICES),
                                       &o, &p),
                   KW_EARG);
  assert_string_equal(kw_pay_class_name(KW_PAY_PROBLEM), "problematic");
  assert_string_equal(kw_ageing_name(KW_AGE_OVER_90), "90+");
  env_free(e);
}


/* Each allocation fails once in turn: KW_ENOMEM, no result, no leak. */
static void test_payments_out_of_memory(void **state) {
  (void)state;
  env *e = fixture();
  failing fl = {1000000, false};
  kw_allocator al = failing_allocator(&fl);
  kw_context *ctx = kw_context_new_with_allocator(&al);
  int failures = 0;
  for (long k = 0;; k++) {
    fl.left = k;
    kw_payments *p = (kw_payments *)1;
    kw_status st = kw_payments_compute(
        ctx, summary(e), kw_dataset_table(e->ds, KW_TABLE_INVOICES), NULL, &p);
    if (st == KW_OK) {
      kw_payments_free(p);
      break;
    }
    assert_int_equal(st, KW_ENOMEM);
    assert_null(p);
    failures++;
    assert_true(k < 10000);
  }
  assert_true(failures > 10);
  fl.left = 1000000;
  kw_context_free(ctx);
  env_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_payments_by_hand),
      cmocka_unit_test(test_payments_as_of),
      cmocka_unit_test(test_payments_no_invoice_column),
      cmocka_unit_test(test_payments_errors),
      cmocka_unit_test(test_payments_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
