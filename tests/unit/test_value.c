/*
 * Unit tests: profitability, Pareto/ABC, RFM and their file readers.
 *
 * Summaries are filled by hand (the summary is a plain const view); the
 * costs table is built with the internal table API. Every expectation is
 * worked out by hand in the comment beside it, or checked against a second
 * method (Gini by mean absolute difference, the RFM grid against the table
 * printed in klantwijs/value.h).
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

#define MAXC 256
#define EPS 1e-9

/* ------------------------------------------------------------- fixture */

typedef struct fx {
  kw_context *ctx;
  kw_dataset *ds;
  int32_t first[MAXC], last[MAXC];
  uint32_t orders[MAXC], days[MAXC], lines[MAXC], cost_lines[MAXC];
  uint32_t zero32[MAXC];
  int64_t revenue[MAXC], cost[MAXC], discount[MAXC];
  double zd[MAXC];
  kw_customer_summary s;
} fx;

static fx *fx_new(int32_t as_of) {
  fx *f = calloc(1, sizeof *f);
  assert_non_null(f);
  f->ctx = kw_context_new();
  f->ds = kw_dataset_new(f->ctx);
  assert_non_null(f->ds);
  f->s.as_of = as_of;
  f->s.has_cost = true;
  for (size_t i = 0; i < MAXC; i++) {
    f->first[i] = KW_NA_DATE;
    f->last[i] = KW_NA_DATE;
  }
  return f;
}

static uint32_t intern(fx *f, const char *name) {
  uint32_t id;
  assert_int_equal(kw_dict_intern(f->ctx, kw_dataset_customers_mut(f->ds),
                                  name, strlen(name), &id, NULL),
                   KW_OK);
  assert_true(id < MAXC);
  return id;
}

/* A customer; last < 0 means no purchase. Money in cents. */
static uint32_t fx_cust(fx *f, const char *name, int64_t revenue,
                        uint32_t orders, int32_t last, uint32_t lines,
                        uint32_t cost_lines, int64_t cost) {
  uint32_t id = intern(f, name);
  f->revenue[id] = revenue;
  f->orders[id] = orders;
  f->days[id] = orders;
  f->lines[id] = lines;
  f->cost_lines[id] = cost_lines;
  f->cost[id] = cost;
  if (last >= 0) {
    f->last[id] = last;
    f->first[id] = last;
  }
  return id;
}

static const kw_customer_summary *fx_view(fx *f) {
  kw_customer_summary *s = &f->s;
  s->ids = kw_dataset_customers(f->ds);
  s->n = kw_dict_size(s->ids);
  s->n_buyers = 0;
  for (size_t i = 0; i < s->n; i++) s->n_buyers += f->lines[i] > 0;
  s->first = f->first;
  s->last = f->last;
  s->orders = f->orders;
  s->days = f->days;
  s->lines = f->lines;
  s->cost_lines = f->cost_lines;
  s->revenue = f->revenue;
  s->cost = f->cost;
  s->discount = f->discount;
  s->n_products = f->zero32;
  s->n_categories = f->zero32;
  s->x = f->zd;
  s->t_x = f->zd;
  s->T = f->zd;
  s->repeat_spend = f->zd;
  return s;
}

static void fx_free(fx *f) {
  kw_dataset_free(f->ds);
  kw_context_free(f->ctx);
  free(f);
}

typedef struct cost_row {
  const char *cust; /* NULL: no customer */
  const char *type; /* NULL: no type */
  double hours;     /* NAN: empty */
  int64_t amount;   /* KW_NA_MONEY: empty */
} cost_row;

static void add_costs_table(fx *f, const cost_row *r, size_t n) {
  kw_context *ctx = f->ctx;
  kw_table *t = kw_table_new(ctx, KW_TABLE_COSTS);
  uint32_t *cu = kw_malloc(ctx, n * sizeof *cu);
  uint32_t *ty = kw_malloc(ctx, n * sizeof *ty);
  double *h = kw_malloc(ctx, n * sizeof *h);
  int64_t *a = kw_malloc(ctx, n * sizeof *a);
  kw_dict *types = kw_dict_new(ctx);
  for (size_t i = 0; i < n; i++) {
    cu[i] = r[i].cust ? intern(f, r[i].cust) : KW_NA_ID;
    ty[i] = KW_NA_ID;
    if (r[i].type)
      assert_int_equal(kw_dict_intern(ctx, types, r[i].type,
                                      strlen(r[i].type), &ty[i], NULL),
                       KW_OK);
    h[i] = r[i].hours;
    a[i] = r[i].amount;
  }
  const kw_dict *cd = kw_dataset_customers(f->ds);
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT, cd, NULL, cu, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "soort", KW_ROLE_TYPE,
                                       KW_TYPE_TEXT, NULL, types, ty, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "uren", KW_ROLE_HOURS,
                                       KW_TYPE_NUMBER, NULL, NULL, h, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                                       KW_TYPE_MONEY, NULL, NULL, a, NULL),
                   KW_OK);
  kw_table_set_rows(t, n);
  kw_dataset_set_table(f->ds, t);
}

static size_t type_index(const kw_profit_data *d, const char *name) {
  for (size_t j = 0; j < d->n_types; j++)
    if (strcmp(d->types[j].type, name) == 0) return j;
  fail_msg("no type %s", name);
  return 0;
}

/* Shared invariants of a whale curve. */
static void check_curve(const kw_curve_point *pts, size_t np, size_t max,
                        bool ends_at_one) {
  assert_true(np >= 1 && np <= max + 1);
  assert_double_equal(pts[0].customer_share, 0, EPS);
  assert_double_equal(pts[0].value_share, 0, EPS);
  for (size_t j = 1; j < np; j++)
    assert_true(pts[j].customer_share > pts[j - 1].customer_share);
  if (ends_at_one) {
    assert_double_equal(pts[np - 1].customer_share, 1, EPS);
    assert_double_equal(pts[np - 1].value_share, 1, EPS);
  }
}

/* ------------------------------------------------------- profitability */

/*
 * Five active customers and one without activity:
 *   A  revenue 1000.00, cost on 4 of 4 lines 600.00, discount 50.00;
 *      2 service hours x 65.00 + 1 ticket x 12.50     -> serve 142.50
 *      contribution 1000 - 600 - 142.50 = 257.50, margin 25.75%
 *   B  500.00, cost 200.00; shipping amount 15.00     -> 285.00, 57%
 *   C  200.00, no cost on its line                    -> unknown
 *   D  no sales; 1.5 service hours x 65.00 = 97.50    -> -97.50 (loss)
 *   E  300.00, cost 100.00 on 1 of 2 lines, scaled to 200.00; one "misc"
 *      row without amount or rate (unpriced, 0)       -> 100.00
 *   F  nothing.
 * An overhead row (no customer) of 50.00 is not allocated.
 */
static fx *profit_fixture(void) {
  fx *f = fx_new(1000);
  fx_cust(f, "A", 100000, 4, 990, 4, 4, 60000);
  f->discount[0] = 5000;
  fx_cust(f, "B", 50000, 2, 980, 2, 2, 20000);
  fx_cust(f, "C", 20000, 1, 900, 1, 0, 0);
  fx_cust(f, "D", 0, 0, -1, 0, 0, 0);
  fx_cust(f, "E", 30000, 2, 950, 2, 1, 10000);
  fx_cust(f, "F", 0, 0, -1, 0, 0, 0);
  static const cost_row rows[] = {
      {"A", "service", 2, KW_NA_MONEY}, {"A", "ticket", NAN, KW_NA_MONEY},
      {"B", "shipping", NAN, 1500},     {"D", "service", 1.5, KW_NA_MONEY},
      {"E", "misc", NAN, KW_NA_MONEY},  {NULL, "shipping", NAN, 5000},
  };
  add_costs_table(f, rows, sizeof rows / sizeof *rows);
  return f;
}

static void test_profit_by_hand(void **state) {
  (void)state;
  fx *f = profit_fixture();
  const kw_customer_summary *s = fx_view(f);
  kw_serve_rate rates[] = {{" Service ", 6500}, {"TICKET", 1250}};
  kw_profit_options o;
  kw_profit_options_init(&o);
  o.rates = rates;
  o.n_rates = 2;
  kw_profit *p;
  assert_int_equal(kw_profit_compute(f->ctx, s,
                                     kw_dataset_table(f->ds, KW_TABLE_COSTS),
                                     &o, &p),
                   KW_OK);
  const kw_profit_data *d = kw_profit_view(p);
  enum { A, B, C, D, E, F };
  assert_int_equal(d->n, 6);
  assert_int_equal(d->serve[A], 14250);
  assert_int_equal(d->contribution[A], 25750);
  assert_double_equal(d->margin_pct[A], 25.75, 1e-9);
  assert_int_equal(d->source[A], KW_COST_DATA);
  assert_int_equal(d->contribution[B], 28500);
  assert_double_equal(d->margin_pct[B], 57.0, 1e-9);
  assert_int_equal(d->source[C], KW_COST_UNKNOWN);
  assert_true(d->flags[C] & KW_PROFIT_NO_COST);
  assert_int_equal(d->contribution[C], 0);
  assert_int_equal(d->source[D], KW_COST_NO_SALES);
  assert_true(d->flags[D] & KW_PROFIT_NO_SALES);
  assert_true(d->flags[D] & KW_PROFIT_LOSS);
  assert_int_equal(d->contribution[D], -9750);
  assert_double_equal(d->margin_pct[D], 0, 0);
  assert_int_equal(d->source[E], KW_COST_PARTIAL);
  assert_int_equal(d->cogs[E], 20000);
  assert_int_equal(d->contribution[E], 10000);
  assert_true(d->flags[E] & KW_PROFIT_UNPRICED);
  assert_false(d->flags[F] & KW_PROFIT_ACTIVE);

  /* portfolio */
  assert_int_equal(d->n_active, 5);
  assert_int_equal(d->n_known, 4);
  assert_int_equal(d->n_no_cost, 1);
  assert_int_equal(d->n_by_source[KW_COST_DATA], 2);
  assert_int_equal(d->n_by_source[KW_COST_PARTIAL], 1);
  assert_int_equal(d->n_by_source[KW_COST_NO_SALES], 1);
  assert_int_equal(d->n_by_source[KW_COST_UNKNOWN], 1);
  assert_int_equal(d->overall, KW_COST_MIXED);
  assert_int_equal(d->revenue_total, 200000);
  assert_int_equal(d->revenue_known, 180000);
  assert_int_equal(d->revenue_no_cost, 20000);
  /* 257.50 + 285 - 97.50 + 100 = 545.00 */
  assert_int_equal(d->contribution_total, 54500);
  assert_double_equal(d->margin_pct_total, 54500.0 / 180000 * 100, 1e-9);
  assert_int_equal(d->serve_total, 14250 + 1500 + 9750);
  assert_int_equal(d->overhead_rows, 1);
  assert_int_equal(d->overhead, 5000);
  assert_int_equal(d->unpriced_rows, 1);

  /* types */
  size_t sv = type_index(d, "service"), tk = type_index(d, "ticket");
  size_t sh = type_index(d, "shipping"), mi = type_index(d, "misc");
  assert_int_equal(d->types[sv].rows, 2);
  assert_int_equal(d->types[sv].rows_rate, 2);
  assert_double_equal(d->types[sv].units, 3.5, EPS);
  assert_int_equal(d->types[sv].cost, 13000 + 9750);
  assert_int_equal(d->types[sv].rate, 6500);
  assert_int_equal(d->types[tk].cost, 1250);
  assert_int_equal(d->types[sh].rows, 1); /* the overhead row not counted */
  assert_int_equal(d->types[sh].rows_amount, 1);
  assert_int_equal(d->types[mi].rows_unpriced, 1);
  assert_int_equal(d->serve_by_type[sv][A], 13000);
  assert_int_equal(d->serve_by_type[sv][D], 9750);
  assert_int_equal(d->serve_by_type[tk][A], 1250);

  /* whale: B 285, A 257.50, E 100, D -97.50; cum 285, 542.5, 642.5, 545 */
  assert_int_equal(d->ranking[0], B);
  assert_int_equal(d->ranking[1], A);
  assert_int_equal(d->ranking[2], E);
  assert_int_equal(d->ranking[3], D);
  assert_true(d->whale_defined);
  assert_int_equal(d->peak_customers, 3);
  assert_double_equal(d->peak_customer_share, 0.75, EPS);
  assert_int_equal(d->peak_value, 64250);
  assert_double_equal(d->peak_value_share, 642.5 / 545, 1e-12);
  assert_int_equal(d->n_points, 5);
  check_curve(d->points, d->n_points, 200, true);
  assert_double_equal(d->points[1].value_share, 285.0 / 545, 1e-12);
  assert_int_equal(d->n_loss, 1);
  assert_double_equal(d->loss_share, 0.25, EPS);
  assert_int_equal(d->loss_total, -9750);
  /* large = ceil(10% of 5) = 1 customer by revenue: A, profitable */
  assert_int_equal(d->n_large, 1);
  assert_true(d->flags[A] & KW_PROFIT_LARGE);
  assert_int_equal(d->n_large_loss, 0);
  kw_profit_free(p);

  /* the discount subtracted: A 257.50 - 50 = 207.50 */
  o.subtract_discount = true;
  assert_int_equal(kw_profit_compute(f->ctx, s,
                                     kw_dataset_table(f->ds, KW_TABLE_COSTS),
                                     &o, &p),
                   KW_OK);
  assert_int_equal(kw_profit_view(p)->contribution[A], 20750);
  kw_profit_free(p);
  kw_profit_free(NULL);
  fx_free(f);
}

/*
 * Cost rows dated after the as-of date (1000) are left out, undated rows
 * kept. A (sales) has rows: 10.00 on day 990, 20.00 on day 1001 (after),
 * 5.00 undated -> serve 15.00; D (no sales) has only 30.00 on day 1500
 * (after) -> not active. So 2 rows after, 1 active customer, contribution
 * of A = 100.00 - 40.00 - 15.00 = 45.00.
 */
static void test_profit_costs_after_as_of(void **state) {
  (void)state;
  fx *f = fx_new(1000);
  uint32_t a = fx_cust(f, "A", 10000, 1, 990, 1, 1, 4000);
  uint32_t d = fx_cust(f, "D", 0, 0, -1, 0, 0, 0);
  kw_context *ctx = f->ctx;
  enum { N = 4 };
  kw_table *t = kw_table_new(ctx, KW_TABLE_COSTS);
  uint32_t *cu = kw_malloc(ctx, N * sizeof *cu);
  int32_t *dt = kw_malloc(ctx, N * sizeof *dt);
  int64_t *am = kw_malloc(ctx, N * sizeof *am);
  const uint32_t cus[N] = {a, a, a, d};
  const int32_t dts[N] = {990, 1001, KW_NA_DATE, 1500};
  const int64_t ams[N] = {1000, 2000, 500, 3000};
  memcpy(cu, cus, sizeof cus);
  memcpy(dt, dts, sizeof dts);
  memcpy(am, ams, sizeof ams);
  const kw_dict *cd = kw_dataset_customers(f->ds);
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT, cd, NULL, cu, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, dt, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                                       KW_TYPE_MONEY, NULL, NULL, am, NULL),
                   KW_OK);
  kw_table_set_rows(t, N);
  kw_dataset_set_table(f->ds, t);
  const kw_customer_summary *s = fx_view(f);
  kw_profit *p;
  assert_int_equal(kw_profit_compute(f->ctx, s,
                                     kw_dataset_table(f->ds, KW_TABLE_COSTS),
                                     NULL, &p),
                   KW_OK);
  const kw_profit_data *v = kw_profit_view(p);
  assert_int_equal(v->rows_after, 2);
  assert_int_equal(v->serve[a], 1500);
  assert_int_equal(v->contribution[a], 4500);
  assert_int_equal(v->serve[d], 0);
  assert_false(v->flags[d] & KW_PROFIT_ACTIVE);
  assert_int_equal(v->n_active, 1);
  assert_int_equal(v->serve_total, 1500);
  kw_profit_free(p);
  fx_free(f);
}

/* Without cost data: unknown unless a margin is assumed. */
static void test_profit_margin_pct(void **state) {
  (void)state;
  fx *f = fx_new(100);
  f->s.has_cost = false;
  fx_cust(f, "a", 10000, 1, 50, 1, 0, 0);
  fx_cust(f, "b", 30000, 2, 60, 3, 0, 0);
  fx_cust(f, "c", -2000, 1, 70, 2, 0, 0); /* returns exceed sales */
  const kw_customer_summary *s = fx_view(f);
  kw_profit *p;
  assert_int_equal(kw_profit_compute(f->ctx, s, NULL, NULL, &p), KW_OK);
  const kw_profit_data *d = kw_profit_view(p);
  assert_int_equal(d->n_active, 3);
  assert_int_equal(d->n_known, 0);
  assert_int_equal(d->n_no_cost, 3); /* never 100% margin */
  assert_int_equal(d->overall, KW_COST_UNKNOWN);
  assert_int_equal(d->contribution_total, 0);
  assert_false(d->whale_defined);
  assert_int_equal(d->n_points, 1);
  kw_profit_free(p);

  kw_profit_options o;
  kw_profit_options_init(&o);
  o.use_margin_pct = true;
  o.margin_pct = 40;
  assert_int_equal(kw_profit_compute(f->ctx, s, NULL, &o, &p), KW_OK);
  d = kw_profit_view(p);
  /* cogs = 60% of revenue: a 60.00, b 180.00, c -12.00 */
  assert_int_equal(d->overall, KW_COST_ASSUMED);
  assert_int_equal(d->cogs[0], 6000);
  assert_int_equal(d->contribution[1], 12000);
  assert_int_equal(d->contribution[2], -800);
  assert_double_equal(d->margin_pct[2], 0, 0); /* revenue <= 0 */
  assert_double_equal(d->margin_pct[0], 40, 1e-9);
  /* 40 + 120 - 8 = 152.00 */
  assert_int_equal(d->contribution_total, 15200);
  assert_int_equal(d->n_loss, 1);
  check_curve(d->points, d->n_points, 200, true);
  kw_profit_free(p);

  o.margin_pct = 140;
  assert_int_equal(kw_profit_compute(f->ctx, s, NULL, &o, &p), KW_EARG);
  assert_null(p);
  fx_free(f);
}

/*
 * The largest customer by revenue loses money: revenue 100.00 at cost
 * 110.00 (-10.00); nine others i = 1..9 with revenue i x 1.00 at half
 * cost: contribution i x 0.50, total 22.50. Whole portfolio 12.50;
 * the peak is the nine profitable (90%) with 22.50 / 12.50 = 180%.
 */
static void test_profit_whale_large_loss(void **state) {
  (void)state;
  fx *f = fx_new(100);
  fx_cust(f, "big", 10000, 5, 90, 5, 5, 11000);
  char nm[8];
  for (int i = 1; i <= 9; i++) {
    snprintf(nm, sizeof nm, "c%d", i);
    fx_cust(f, nm, 100 * i, 1, 90, 1, 1, 50 * i);
  }
  kw_profit *p;
  assert_int_equal(kw_profit_compute(f->ctx, fx_view(f), NULL, NULL, &p),
                   KW_OK);
  const kw_profit_data *d = kw_profit_view(p);
  assert_int_equal(d->overall, KW_COST_DATA);
  assert_int_equal(d->contribution_total, 1250);
  assert_int_equal(d->peak_customers, 9);
  assert_double_equal(d->peak_customer_share, 0.9, EPS);
  assert_double_equal(d->peak_value_share, 1.8, 1e-12);
  assert_int_equal(d->n_large, 1);
  assert_int_equal(d->n_large_loss, 1);
  assert_int_equal(d->large_loss[0], 0);
  assert_true(d->flags[0] & KW_PROFIT_LARGE_LOSS);
  assert_int_equal(d->n_loss, 1);
  assert_int_equal(d->loss_total, -1000);
  check_curve(d->points, d->n_points, 200, true);
  /* the point at the peak is on the curve */
  bool seen = false;
  for (size_t j = 0; j < d->n_points; j++)
    if (fabs(d->points[j].customer_share - 0.9) < EPS) {
      seen = true;
      assert_double_equal(d->points[j].value_share, 1.8, 1e-12);
    }
  assert_true(seen);
  kw_profit_free(p);
  fx_free(f);
}

static void test_profit_errors(void **state) {
  (void)state;
  fx *f = profit_fixture();
  const kw_customer_summary *s = fx_view(f);
  kw_profit *p = (kw_profit *)1;
  kw_table *inv = kw_table_new(f->ctx, KW_TABLE_INVOICES);
  assert_int_equal(kw_profit_compute(f->ctx, s, inv, NULL, &p), KW_EARG);
  assert_null(p);
  kw_table_free(f->ctx, inv);
  kw_table *empty = kw_table_new(f->ctx, KW_TABLE_COSTS);
  assert_int_equal(kw_profit_compute(f->ctx, s, empty, NULL, &p),
                   KW_EMISSING);
  kw_table_free(f->ctx, empty);
  assert_int_equal(kw_profit_compute(f->ctx, NULL, NULL, NULL, &p), KW_EARG);
  fx_free(f);
}

/* Many customers, random data: the whale curve always ends at 100% and is
 * downsampled to at most max_points (+ the peak). */
static void test_profit_downsampled(void **state) {
  (void)state;
  fx *f = fx_new(1000);
  srand(7);
  char nm[16];
  for (int i = 0; i < 250; i++) {
    snprintf(nm, sizeof nm, "k%d", i);
    int64_t rev = rand() % 100000;
    fx_cust(f, nm, rev, 1 + rand() % 5, 900, 3, 3, rev * (rand() % 120) / 100);
  }
  kw_profit_options o;
  kw_profit_options_init(&o);
  o.max_points = 50;
  kw_profit *p;
  assert_int_equal(kw_profit_compute(f->ctx, fx_view(f), NULL, &o, &p), KW_OK);
  const kw_profit_data *d = kw_profit_view(p);
  assert_int_equal(d->n_known, 250);
  assert_true(d->whale_defined);
  check_curve(d->points, d->n_points, 50, true);
  /* cumulative by brute force at every point */
  for (size_t j = 0; j < d->n_points; j++) {
    size_t k = (size_t)llround(d->points[j].customer_share * 250);
    int64_t cum = 0;
    for (size_t q = 0; q < k; q++) cum += d->contribution[d->ranking[q]];
    assert_int_equal(d->points[j].value, cum);
  }
  for (size_t q = 1; q < 250; q++)
    assert_true(d->contribution[d->ranking[q - 1]] >=
                d->contribution[d->ranking[q]]);
  kw_profit_free(p);
  fx_free(f);
}

/* --------------------------------------------------------------- Pareto */

/*
 * Revenues 50, 30, 20 (orders 3, 1, 1):
 *   top 20% = ceil(0.6) = 1 customer: 50%;
 *   80% needs 2 customers (50 + 30 = 80 >= 80);
 *   ABC: 50 (before 0) A, 30 (before 50 < 80) A, 20 (before 80) B;
 *   Gini: 2 (1x20 + 2x30 + 3x50) / (3 x 100) - 4/3 = 460/300 - 400/300
 *         = 0.2 (mean abs. difference: 120 / (2 x 9 x 33.33) = 0.2);
 *   HHI .25 + .09 + .04 = .38; repeat 1 (50), once 2 (50):
 *   50 per repeat customer, 25 per one-time: ratio 2.
 */
static void test_pareto_by_hand(void **state) {
  (void)state;
  fx *f = fx_new(100);
  fx_cust(f, "x", 2000, 1, 10, 1, 0, 0);
  fx_cust(f, "y", 5000, 3, 20, 3, 0, 0);
  fx_cust(f, "z", 3000, 1, 30, 1, 0, 0);
  fx_cust(f, "none", 0, 0, -1, 0, 0, 0); /* no lines: not in population */
  kw_pareto *p;
  assert_int_equal(kw_pareto_compute(f->ctx, fx_view(f), NULL, &p), KW_OK);
  const kw_pareto_data *d = kw_pareto_view(p);
  assert_int_equal(d->n, 4);
  assert_int_equal(d->n_customers, 3);
  assert_int_equal(d->revenue_total, 10000);
  assert_int_equal(d->ranking[0], 1);
  assert_int_equal(d->ranking[1], 2);
  assert_int_equal(d->ranking[2], 0);
  assert_int_equal(d->top_customers, 1);
  assert_double_equal(d->top_revenue_share, 0.5, EPS);
  assert_int_equal(d->target_customers, 2);
  assert_double_equal(d->target_customer_share, 2.0 / 3, EPS);
  assert_int_equal(d->abc[1], KW_ABC_A);
  assert_int_equal(d->abc[2], KW_ABC_A);
  assert_int_equal(d->abc[0], KW_ABC_B);
  assert_int_equal(d->abc[3], KW_ABC_NONE);
  assert_int_equal(d->abc_count[KW_ABC_A], 2);
  assert_int_equal(d->abc_count[KW_ABC_B], 1);
  assert_int_equal(d->abc_count[KW_ABC_C], 0);
  assert_double_equal(d->abc_revenue_share[KW_ABC_A], 0.8, EPS);
  assert_double_equal(d->gini, 0.2, 1e-12);
  assert_double_equal(d->hhi, 0.38, 1e-12);
  assert_double_equal(d->top1_share, 0.5, EPS);
  assert_double_equal(d->top5_share, 1.0, EPS);
  assert_double_equal(d->top10_share, 1.0, EPS);
  assert_true(d->warn_top1 && d->warn_top5 && d->dependency_warning);
  assert_int_equal(d->n_repeat, 1);
  assert_int_equal(d->n_once, 2);
  assert_double_equal(d->repeat_revenue_share + d->once_revenue_share, 1, EPS);
  assert_double_equal(d->revenue_per_repeat, 5000, EPS);
  assert_double_equal(d->revenue_per_once, 2500, EPS);
  assert_double_equal(d->repeat_once_ratio, 2, EPS);
  assert_int_equal(d->n_points, 4);
  check_curve(d->points, d->n_points, 200, true);
  assert_double_equal(d->points[2].value_share, 0.8, EPS);
  kw_pareto_free(p);
  kw_pareto_free(NULL);
  fx_free(f);
}

/*
 * Ties, zero and negative revenue: 70, 10, 10, 10, 0, -5 (total 100,
 * net 95). By the cumulative rule alone the third 10 (before 80) would be
 * B, but equal revenues share the class of the first: all four A. The 0
 * and the clipped -5 are C. Gini over 0, 0, 10, 10, 10, 70 (n = 6):
 * 2 (3x10 + 4x10 + 5x10 + 6x70) / (6 x 100) - 7/6 = 1080/600 - 7/6
 * = 0.633333...
 */
static void test_pareto_ties_zero_negative(void **state) {
  (void)state;
  fx *f = fx_new(100);
  fx_cust(f, "a", 7000, 2, 10, 2, 0, 0);
  fx_cust(f, "b", 1000, 1, 10, 1, 0, 0);
  fx_cust(f, "c", 1000, 1, 10, 1, 0, 0);
  fx_cust(f, "d", 1000, 1, 10, 1, 0, 0);
  fx_cust(f, "e", 0, 1, 10, 2, 0, 0);
  fx_cust(f, "f", -500, 1, 10, 2, 0, 0);
  kw_pareto *p;
  assert_int_equal(kw_pareto_compute(f->ctx, fx_view(f), NULL, &p), KW_OK);
  const kw_pareto_data *d = kw_pareto_view(p);
  assert_int_equal(d->n_customers, 6);
  assert_int_equal(d->n_zero, 1);
  assert_int_equal(d->n_negative, 1);
  assert_int_equal(d->negative_total, -500);
  assert_int_equal(d->revenue_total, 10000);
  assert_int_equal(d->revenue_net, 9500);
  for (int i = 0; i < 4; i++) assert_int_equal(d->abc[i], KW_ABC_A);
  assert_int_equal(d->abc[4], KW_ABC_C);
  assert_int_equal(d->abc[5], KW_ABC_C);
  assert_int_equal(d->abc_count[KW_ABC_A] + d->abc_count[KW_ABC_B] +
                       d->abc_count[KW_ABC_C],
                   d->n_customers);
  assert_double_equal(d->gini, 1080.0 / 600 - 7.0 / 6, 1e-12);
  /* top 20% of 6 = ceil(1.2) = 2: 80% */
  assert_int_equal(d->top_customers, 2);
  assert_double_equal(d->top_revenue_share, 0.8, EPS);
  assert_int_equal(d->target_customers, 2);
  check_curve(d->points, d->n_points, 200, true);
  kw_pareto_free(p);
  fx_free(f);
}

static void test_pareto_degenerate(void **state) {
  (void)state;
  /* one customer */
  fx *f = fx_new(100);
  fx_cust(f, "solo", 1234, 1, 10, 1, 0, 0);
  kw_pareto *p;
  assert_int_equal(kw_pareto_compute(f->ctx, fx_view(f), NULL, &p), KW_OK);
  const kw_pareto_data *d = kw_pareto_view(p);
  assert_int_equal(d->top_customers, 1);
  assert_double_equal(d->top_revenue_share, 1, EPS);
  assert_double_equal(d->gini, 0, EPS);
  assert_double_equal(d->hhi, 1, EPS);
  assert_int_equal(d->abc[0], KW_ABC_A);
  assert_int_equal(d->target_customers, 1);
  assert_true(d->dependency_warning);
  kw_pareto_free(p);
  fx_free(f);

  /* four equal customers: Gini 0, HHI 1/4, 80% needs all four (75% < 80),
   * all A (equal revenue, equal class) */
  f = fx_new(100);
  const char *nm[] = {"p", "q", "r", "s"};
  for (int i = 0; i < 4; i++) fx_cust(f, nm[i], 2500, 1, 10, 1, 0, 0);
  assert_int_equal(kw_pareto_compute(f->ctx, fx_view(f), NULL, &p), KW_OK);
  d = kw_pareto_view(p);
  assert_double_equal(d->gini, 0, 1e-12);
  assert_double_equal(d->hhi, 0.25, 1e-12);
  assert_int_equal(d->target_customers, 4);
  assert_int_equal(d->abc_count[KW_ABC_A], 4);
  assert_double_equal(d->top_revenue_share, 0.25, EPS);
  assert_double_equal(d->repeat_once_ratio, 0, 0); /* no repeat customers */
  kw_pareto_free(p);
  fx_free(f);

  /* zero revenue everywhere: shares 0, everybody C */
  f = fx_new(100);
  fx_cust(f, "z1", 0, 1, 10, 1, 0, 0);
  fx_cust(f, "z2", -100, 1, 10, 1, 0, 0);
  assert_int_equal(kw_pareto_compute(f->ctx, fx_view(f), NULL, &p), KW_OK);
  d = kw_pareto_view(p);
  assert_int_equal(d->revenue_total, 0);
  assert_int_equal(d->abc_count[KW_ABC_C], 2);
  assert_double_equal(d->gini, 0, 0);
  assert_double_equal(d->hhi, 0, 0);
  assert_int_equal(d->target_customers, 0);
  assert_false(d->warn_top1);
  kw_pareto_free(p);

  /* bad options */
  kw_pareto_options o;
  kw_pareto_options_init(&o);
  o.abc_a = 0.9;
  o.abc_b = 0.2;
  assert_int_equal(kw_pareto_compute(f->ctx, fx_view(f), &o, &p), KW_EARG);
  assert_null(p);
  fx_free(f);
}

/* Random data: invariants and Gini by a second method. */
static void test_pareto_random(void **state) {
  (void)state;
  fx *f = fx_new(1000);
  srand(11);
  char nm[16];
  const int n = 240;
  for (int i = 0; i < n; i++) {
    snprintf(nm, sizeof nm, "r%d", i);
    int64_t rev = (rand() % 7 == 0) ? 0 : rand() % 50000;
    fx_cust(f, nm, rev, 1 + rand() % 3, 900, 1, 0, 0);
  }
  kw_pareto_options o;
  kw_pareto_options_init(&o);
  o.max_points = 30;
  o.abc_a = 0.7;
  o.abc_b = 0.2;
  kw_pareto *p;
  assert_int_equal(kw_pareto_compute(f->ctx, fx_view(f), &o, &p), KW_OK);
  const kw_pareto_data *d = kw_pareto_view(p);
  /* Gini = sum_i sum_j |xi - xj| / (2 n^2 mean) */
  double mad = 0, tot = 0;
  for (int i = 0; i < n; i++) {
    tot += (double)f->revenue[i];
    for (int j = 0; j < n; j++)
      mad += fabs((double)f->revenue[i] - (double)f->revenue[j]);
  }
  assert_double_equal(d->gini, mad / (2.0 * n * tot), 1e-9);
  double hhi = 0;
  for (int i = 0; i < n; i++) hhi += pow((double)f->revenue[i] / tot, 2);
  assert_double_equal(d->hhi, hhi, 1e-12);
  size_t cnt = 0;
  double sh = 0;
  for (int k = KW_ABC_A; k <= KW_ABC_C; k++) {
    cnt += d->abc_count[k];
    sh += d->abc_revenue_share[k];
  }
  assert_int_equal(cnt, (size_t)n);
  assert_double_equal(sh, 1, 1e-12);
  /* A is the fewest reaching 70%: without its last member it is below */
  assert_true((double)d->abc_revenue[KW_ABC_A] >= 0.7 * tot);
  int64_t last_a = 0;
  for (int i = 0; i < n; i++)
    if (d->abc[d->ranking[i]] == KW_ABC_A) last_a = f->revenue[d->ranking[i]];
  assert_true((double)(d->abc_revenue[KW_ABC_A] - last_a) < 0.7 * tot);
  check_curve(d->points, d->n_points, 30, true);
  assert_true(d->n_points <= 30);
  assert_int_equal(d->n_repeat + d->n_once, (size_t)n);
  kw_pareto_free(p);
  fx_free(f);
}

/* ------------------------------------------------------------------ RFM */

/*
 * Ten customers with recency 0..9 days and orders 1..10, revenue ten
 * distinct values: 5 bins, L strictly worse customers, score
 * 1 + floor(5 L / 10): values 1,2 -> 1; 3,4 -> 2; ... 9,10 -> 5.
 * Recency r has 9 - r worse customers: r 0 -> 5, r 9 -> 1.
 */
static void test_rfm_quantiles(void **state) {
  (void)state;
  fx *f = fx_new(100);
  char nm[8];
  for (int i = 0; i < 10; i++) {
    snprintf(nm, sizeof nm, "c%d", i);
    fx_cust(f, nm, 1000 * (i + 1), (uint32_t)(i + 1), 100 - i, 1, 0, 0);
  }
  kw_rfm *r;
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), NULL, &r), KW_OK);
  const kw_rfm_data *d = kw_rfm_view(r);
  assert_int_equal(d->n_scored, 10);
  for (int i = 0; i < 10; i++) {
    int fm = 1 + i / 2;
    assert_int_equal(d->recency[i], i);
    assert_int_equal(d->r[i], 5 - i / 2);
    assert_int_equal(d->f[i], fm);
    assert_int_equal(d->m[i], fm);
  }
  char buf[4];
  assert_string_equal(kw_rfm_code(d, 0, buf), "511");
  assert_string_equal(kw_rfm_code(d, 9, buf), "155");
  /* bands: F score 1 holds orders 1..2 */
  assert_int_equal(d->bands[1][0].customers, 2);
  assert_double_equal(d->bands[1][0].lo, 1, 0);
  assert_double_equal(d->bands[1][0].hi, 2, 0);
  /* recency score 5 holds 0..1 days; monetary score 5 holds 90..100 */
  assert_double_equal(d->bands[0][4].hi, 1, 0);
  assert_double_equal(d->bands[2][4].lo, 90, 0);
  /* 511: R 5, FM 1 -> New Customers; 155: R 1, FM 5 -> Can't Lose Them */
  assert_string_equal(d->segments[d->segment[0]].name_en, "New Customers");
  assert_string_equal(d->segments[d->segment[9]].name_en, "Can't Lose Them");
  assert_string_equal(d->segments[d->segment[9]].name_nl, "Niet verliezen");
  kw_rfm_free(r);
  kw_rfm_free(NULL);
  fx_free(f);
}

/*
 * Ties: orders 1,1,1,1,1,1,2,3,4,5,6,7 (12 customers, 7 distinct > 5):
 * 1 (L 0) -> 1; 2 (L 6) -> 1 + floor(30/12) = 3; 3 (L 7) -> 1 + 2 = 3;
 * 4 (L 8, 40/12) -> 4; 5 (L 9, 45/12) -> 4; 6 (L 10) -> 5; 7 (L 11) -> 5.
 * Degenerate: revenue takes two values (d = 2 <= 5): 1 and 5. Recency is
 * the same for all (d = 1): the middle score 3.
 */
static void test_rfm_ties_degenerate(void **state) {
  (void)state;
  fx *f = fx_new(100);
  static const uint32_t ord[] = {1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7};
  static const int expect_f[] = {1, 1, 1, 1, 1, 1, 3, 3, 4, 4, 5, 5};
  char nm[8];
  for (int i = 0; i < 12; i++) {
    snprintf(nm, sizeof nm, "t%d", i);
    fx_cust(f, nm, i % 2 ? 500 : 100, ord[i], 80, 1, 0, 0);
  }
  kw_rfm *r;
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), NULL, &r), KW_OK);
  const kw_rfm_data *d = kw_rfm_view(r);
  for (int i = 0; i < 12; i++) {
    assert_int_equal(d->f[i], expect_f[i]);
    assert_int_equal(d->m[i], i % 2 ? 5 : 1);
    assert_int_equal(d->r[i], 3);
  }
  kw_rfm_free(r);

  /* three distinct revenues over 4 bins: 1, 1 + round(3/2) = 3, 4 */
  kw_rfm_options o;
  kw_rfm_options_init(&o);
  o.bins = 4;
  f->revenue[0] = 300;
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), &o, &r), KW_OK);
  d = kw_rfm_view(r);
  assert_int_equal(d->m[0], 3);
  assert_int_equal(d->m[1], 4);
  assert_int_equal(d->m[2], 1);
  kw_rfm_free(r);
  fx_free(f);

  /* one customer: 333 -> R 3, FM 3 -> Loyal Customers */
  f = fx_new(100);
  fx_cust(f, "solo", 100, 1, 90, 1, 0, 0);
  fx_cust(f, "never", 0, 0, -1, 0, 0, 0);
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), NULL, &r), KW_OK);
  d = kw_rfm_view(r);
  assert_int_equal(d->n_scored, 1);
  assert_int_equal(d->code[0], 333);
  assert_string_equal(d->segments[d->segment[0]].key, "loyal");
  assert_int_equal(d->segment[1], KW_RFM_NONE);
  assert_int_equal(d->code[1], 0);
  assert_int_equal(d->recency[1], -1);
  char buf[4];
  assert_string_equal(kw_rfm_code(d, 1, buf), "");
  kw_rfm_free(r);
  fx_free(f);
}

/* The built-in grid, transcribed from klantwijs/value.h: rows R = 1..5,
 * columns FM = 1, 1.5, ..., 5. */
static const char *const grid[5][9] = {
    /* R=1 */ {"lost", "hibernating", "hibernating", "hibernating", "at_risk",
               "at_risk", "cant_lose", "cant_lose", "cant_lose"},
    /* R=2 */ {"hibernating", "about_to_sleep", "need_attention",
               "need_attention", "at_risk", "at_risk", "at_risk", "at_risk",
               "at_risk"},
    /* R=3 */ {"promising", "about_to_sleep", "need_attention",
               "need_attention", "loyal", "loyal", "loyal", "loyal", "loyal"},
    /* R=4 */ {"new", "potential_loyalist", "potential_loyalist",
               "potential_loyalist", "loyal", "loyal", "champions",
               "champions", "champions"},
    /* R=5 */ {"new", "potential_loyalist", "potential_loyalist",
               "potential_loyalist", "loyal", "loyal", "champions",
               "champions", "champions"},
};

/*
 * All 125 score combinations, forced with explicit breaks: R breaks
 * 10, 20, 30, 40 days (5 days -> 5 ... 45 days -> 1), F breaks 2..5
 * orders, M breaks 200..500. Every customer lands in the segment of the
 * documented grid, and segments partition the customers.
 */
static void test_rfm_grid_breaks(void **state) {
  (void)state;
  fx *f = fx_new(1000);
  static const double rb[] = {10, 20, 30, 40}, fb[] = {2, 3, 4, 5},
                      mb[] = {200, 300, 400, 500};
  char nm[16];
  int id = 0;
  for (int rs = 1; rs <= 5; rs++)
    for (int fs = 1; fs <= 5; fs++)
      for (int ms = 1; ms <= 5; ms++) {
        snprintf(nm, sizeof nm, "g%d%d%d", rs, fs, ms);
        int32_t last = 1000 - (5 + 10 * (5 - rs)); /* recency 45..5 */
        fx_cust(f, nm, 10000 * ms, (uint32_t)fs, last, 1, 0, 0);
        id++;
      }
  kw_rfm_options o;
  kw_rfm_options_init(&o);
  o.breaks[0] = rb;
  o.breaks[1] = fb;
  o.breaks[2] = mb;
  kw_rfm *r;
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), &o, &r), KW_OK);
  const kw_rfm_data *d = kw_rfm_view(r);
  size_t total = 0;
  double share = 0, rshare = 0;
  for (size_t k = 0; k < d->n_segments; k++) {
    total += d->segments[k].customers;
    share += d->segments[k].share;
    rshare += d->segments[k].revenue_share;
  }
  assert_int_equal(total, 125);
  assert_double_equal(share, 1, 1e-12);
  assert_double_equal(rshare, 1, 1e-12);
  assert_int_equal(d->n_segments, 11); /* no "other" needed */
  id = 0;
  for (int rs = 1; rs <= 5; rs++)
    for (int fs = 1; fs <= 5; fs++)
      for (int ms = 1; ms <= 5; ms++) {
        assert_int_equal(d->r[id], rs);
        assert_int_equal(d->f[id], fs);
        assert_int_equal(d->m[id], ms);
        const char *want = grid[rs - 1][fs + ms - 2];
        if (strcmp(d->segments[d->segment[id]].key, want) != 0)
          fail_msg("R%d F%d M%d: %s, expected %s", rs, fs, ms,
                   d->segments[d->segment[id]].key, want);
        id++;
      }
  /* Lost: only 111 -> 1 customer, recency 45, 1 order, 100.00 */
  for (size_t k = 0; k < d->n_segments; k++)
    if (strcmp(d->segments[k].key, "lost") == 0) {
      assert_int_equal(d->segments[k].customers, 1);
      assert_double_equal(d->segments[k].mean_recency, 45, EPS);
      assert_double_equal(d->segments[k].mean_frequency, 1, EPS);
      assert_double_equal(d->segments[k].mean_monetary, 100, EPS);
      assert_string_equal(d->segments[k].name_nl, "Verloren");
      assert_true(strlen(d->segments[k].action_en) > 0);
      assert_true(strlen(d->segments[k].action_nl) > 0);
    }
  /* a break value itself scores as reached: 10 days -> 4, 2 orders -> 2 */
  f->last[0] = 990;
  f->orders[0] = 2;
  kw_rfm_free(r);
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), &o, &r), KW_OK);
  d = kw_rfm_view(r);
  assert_int_equal(d->r[0], 4);
  assert_int_equal(d->f[0], 2);
  kw_rfm_free(r);

  static const double bad[] = {10, 10, 30, 40};
  o.breaks[0] = bad;
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), &o, &r), KW_EARG);
  fx_free(f);
}

/* Monetary by contribution: a buyer without cost is not scored. */
static void test_rfm_contribution(void **state) {
  (void)state;
  fx *f = fx_new(100);
  fx_cust(f, "a", 10000, 1, 90, 1, 1, 9000);  /* +10.00 */
  fx_cust(f, "b", 5000, 1, 90, 1, 1, 1000);   /* +40.00 */
  fx_cust(f, "c", 20000, 1, 90, 1, 0, 0);     /* unknown */
  const kw_customer_summary *s = fx_view(f);
  kw_profit *p;
  assert_int_equal(kw_profit_compute(f->ctx, s, NULL, NULL, &p), KW_OK);
  kw_rfm_options o;
  kw_rfm_options_init(&o);
  o.monetary = KW_RFM_CONTRIBUTION;
  kw_rfm *r;
  assert_int_equal(kw_rfm_compute(f->ctx, s, &o, &r), KW_EARG); /* no profit */
  o.profit = p;
  assert_int_equal(kw_rfm_compute(f->ctx, s, &o, &r), KW_OK);
  const kw_rfm_data *d = kw_rfm_view(r);
  assert_int_equal(d->n_scored, 2);
  assert_int_equal(d->n_unscored_cost, 1);
  assert_int_equal(d->monetary_value[1], 4000);
  /* two distinct contributions: 10.00 -> 1, 40.00 -> 5 */
  assert_int_equal(d->m[0], 1);
  assert_int_equal(d->m[1], 5);
  assert_int_equal(d->segment[2], KW_RFM_NONE);
  kw_rfm_free(r);
  kw_profit_free(p);
  fx_free(f);
}

/* ---------------------------------------------------- config and rules */

static void test_profit_config(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *txt =
      "# rates\n"
      "margin_pct = 35 %\n"
      "subtract_discount = ja\r\n"
      "Service hours.rate = 65,50\n"
      "ticket.rate=12.345   # rounds to 12.35\n"
      "\n"
      "large_share = 20\n";
  kw_profit_config *cfg;
  assert_int_equal(kw_profit_config_parse(ctx, txt, strlen(txt), "t.conf",
                                          &cfg),
                   KW_OK);
  kw_profit_options o;
  kw_profit_options_init(&o);
  kw_profit_config_apply(cfg, &o);
  assert_true(o.use_margin_pct);
  assert_double_equal(o.margin_pct, 35, EPS);
  assert_true(o.subtract_discount);
  assert_double_equal(o.large_share, 0.2, EPS);
  assert_int_equal(o.n_rates, 2);
  assert_string_equal(o.rates[0].type, "Service hours");
  assert_int_equal(o.rates[0].rate, 6550);
  assert_int_equal(o.rates[1].rate, 1235);
  kw_profit_config_free(cfg);
  kw_profit_config_free(NULL);

  const char *bad = "margin_pct = 30\nhourly = 5\n";
  assert_int_equal(kw_profit_config_parse(ctx, bad, strlen(bad), "b.conf",
                                          &cfg),
                   KW_EINPUT);
  assert_null(cfg);
  assert_non_null(strstr(kw_errmsg(ctx), "b.conf:2"));
  const char *dup = "x.rate = 1\nX.rate = 2\n";
  assert_int_equal(kw_profit_config_parse(ctx, dup, strlen(dup), "d", &cfg),
                   KW_EINPUT);
  /* a rate is read as the readers read an amount cell */
  const char *num = "x.rate = 1.2.3\n";
  assert_int_equal(kw_profit_config_parse(ctx, num, strlen(num), "n", &cfg),
                   KW_EINPUT);
  const char *grouped = "x.rate = \xe2\x82\xac 1.234,5\n";
  assert_int_equal(
      kw_profit_config_parse(ctx, grouped, strlen(grouped), "g", &cfg), KW_OK);
  kw_profit_options_init(&o);
  kw_profit_config_apply(cfg, &o);
  assert_int_equal(o.rates[0].rate, 123450);
  kw_profit_config_free(cfg);

  assert_int_equal(kw_profit_config_load(ctx, KW_TEST_DATA "/value/profit.conf",
                                         &cfg),
                   KW_OK);
  kw_profit_options_init(&o);
  kw_profit_config_apply(cfg, &o);
  assert_int_equal(o.n_rates, 3);
  assert_int_equal(o.rates[0].rate, 6500);
  kw_profit_config_free(cfg);
  assert_int_equal(kw_profit_config_load(ctx, KW_TEST_DATA "/value/none.conf",
                                         &cfg),
                   KW_EIO);
  kw_context_free(ctx);
}

/* The checks an embedder gets from the library and the CLI shows as usage
 * errors: the count and order of the breaks (kw_rfm_options_check, also in
 * kw_rfm_compute) and a segment by its key, by message key in both
 * languages. */
static void test_rfm_checks(void **state) {
  (void)state;
  fx *f = fx_new(100);
  fx_cust(f, "solo", 100, 1, 90, 1, 0, 0);
  fx_cust(f, "never", 0, 0, -1, 0, 0, 0);
  kw_rfm_options o;
  kw_rfm_options_init(&o);
  const double r2[] = {10, 20}, f4[] = {1, 2, 2, 5}, m4[] = {1, 2, 3, 4};
  char text[512];
  /* two R breaks given for 5 bins */
  o.breaks[0] = r2;
  o.n_breaks[0] = 2;
  assert_int_equal(kw_rfm_options_check(f->ctx, &o), KW_EARG);
  const kw_msginfo *m = kw_errinfo(f->ctx);
  assert_string_equal(m->key, "model.e.rfm_breaks_count");
  assert_string_equal(kw_errmsg(f->ctx),
                      "the R breaks need 4 values for 5 bins, not 2");
  kw_msginfo_text(text, sizeof text, m, kw_errmsg(f->ctx), KW_LANG_NL);
  assert_string_equal(text,
                      "de grenzen voor R vragen 4 waarden voor 5 klassen, "
                      "niet 2");
  kw_rfm *r = NULL;
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), &o, &r), KW_EARG);
  assert_null(r);
  assert_string_equal(kw_errinfo(f->ctx)->key, "model.e.rfm_breaks_count");
  /* with 3 bins the same two are right */
  o.bins = 3;
  assert_int_equal(kw_rfm_options_check(f->ctx, &o), KW_OK);
  /* not stated: bins - 1 values are read; 2 = 2 is not increasing */
  o.bins = 5;
  o.breaks[0] = NULL;
  o.breaks[1] = f4;
  o.n_breaks[1] = 0;
  assert_int_equal(kw_rfm_options_check(f->ctx, &o), KW_EARG);
  assert_string_equal(kw_errinfo(f->ctx)->key, "model.e.rfm_breaks_order");
  assert_string_equal(kw_errmsg(f->ctx),
                      "the F breaks must be 4 increasing numbers");
  o.breaks[1] = NULL;
  o.breaks[2] = m4;
  o.n_breaks[2] = 4;
  assert_int_equal(kw_rfm_options_check(f->ctx, &o), KW_OK);
  o.bins = 10;
  assert_int_equal(kw_rfm_options_check(f->ctx, &o), KW_EARG);
  assert_string_equal(kw_errinfo(f->ctx)->key, "model.e.rfm_bins");

  /* a segment by key: the built-in table's order (value.h) */
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), NULL, &r), KW_OK);
  size_t idx = 99;
  assert_int_equal(kw_rfm_segment_find(f->ctx, r, "loyal", &idx), KW_OK);
  assert_int_equal(idx, 1);
  assert_string_equal(kw_rfm_view(r)->segments[idx].key, "loyal");
  assert_int_equal(kw_rfm_segment_find(f->ctx, r, "lost", &idx), KW_OK);
  assert_int_equal(idx, 10);
  idx = 99;
  assert_int_equal(kw_rfm_segment_find(f->ctx, r, "vips", &idx), KW_EARG);
  assert_int_equal(idx, 99);
  m = kw_errinfo(f->ctx);
  assert_string_equal(m->key, "model.e.rfm_no_segment");
  assert_string_equal(kw_errmsg(f->ctx),
                      "no segment 'vips'; the segments are: champions loyal "
                      "potential_loyalist new promising need_attention "
                      "about_to_sleep at_risk cant_lose hibernating lost");
  kw_msginfo_text(text, sizeof text, m, kw_errmsg(f->ctx), KW_LANG_NL);
  assert_string_equal(text,
                      "geen segment 'vips'; de segmenten zijn: champions "
                      "loyal potential_loyalist new promising need_attention "
                      "about_to_sleep at_risk cant_lose hibernating lost");
  kw_rfm_free(r);
  fx_free(f);
}

static void test_rfm_rule_file(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_rfm_rule_file *rf;
  assert_int_equal(kw_rfm_rules_load(ctx, KW_TEST_DATA "/value/rfm3.rules",
                                     &rf),
                   KW_OK);
  const kw_rfm_rules *rules = kw_rfm_rule_file_rules(rf);
  /* the file: scale 3; [top] r 3, fm >=2.5; [gone] r 1; [gone] again for
   * r 2, f 1, m 1 (second rule of the same segment); [rest] * */
  assert_int_equal(rules->scale, 3);
  assert_int_equal(rules->n_segments, 3);
  assert_int_equal(rules->n_rules, 4);
  assert_string_equal(rules->segments[0].name_en, "Top");
  assert_string_equal(rules->segments[0].name_nl, "Top");
  assert_string_equal(rules->segments[1].name_nl, "Weg");
  assert_string_equal(rules->segments[2].name_en, "rest");
  assert_int_equal(rules->rules[2].segment, 1);
  assert_double_equal(rules->rules[0].fm_lo, 2.5, 0);
  assert_double_equal(rules->rules[0].fm_hi, 3, 0);

  /* scores on 5 bins map to the scale 3: 1 + (s - 1) / 2 */
  fx *f = fx_new(1000);
  static const double rb[] = {10, 20, 30, 40}, fb[] = {2, 3, 4, 5},
                      mb[] = {200, 300, 400, 500};
  fx_cust(f, "top", 50000, 5, 995, 1, 0, 0);   /* 5,5,5 -> 3,3,3: top */
  fx_cust(f, "mid", 40000, 4, 985, 1, 0, 0);   /* 4,4,4 -> 2.5,2.5,2.5 */
  fx_cust(f, "gone", 50000, 5, 955, 1, 0, 0);  /* R 1 -> gone */
  fx_cust(f, "low", 10000, 1, 965, 1, 0, 0);   /* 2,1,1 -> 1.5: rest */
  kw_rfm_options o;
  kw_rfm_options_init(&o);
  o.breaks[0] = rb;
  o.breaks[1] = fb;
  o.breaks[2] = mb;
  o.rules = rules;
  kw_rfm *r;
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), &o, &r), KW_OK);
  const kw_rfm_data *d = kw_rfm_view(r);
  assert_string_equal(d->segments[d->segment[0]].key, "top");
  assert_string_equal(d->segments[d->segment[1]].key, "rest");
  assert_string_equal(d->segments[d->segment[2]].key, "gone");
  assert_string_equal(d->segments[d->segment[3]].key, "rest");
  kw_rfm_free(r);
  kw_rfm_rule_file_free(rf);

  /* rules matching nobody in part: "other" collects the rest */
  const char *txt = "[only]\nr = 5\n";
  assert_int_equal(kw_rfm_rules_parse(ctx, txt, strlen(txt), "o", &rf), KW_OK);
  o.rules = kw_rfm_rule_file_rules(rf);
  assert_int_equal(kw_rfm_compute(f->ctx, fx_view(f), &o, &r), KW_OK);
  d = kw_rfm_view(r);
  assert_int_equal(d->n_segments, 2);
  assert_string_equal(d->segments[1].key, "other");
  assert_int_equal(d->segments[0].customers + d->segments[1].customers, 4);
  kw_rfm_free(r);
  kw_rfm_rule_file_free(rf);
  fx_free(f);

  static const char *const bad[] = {
      "name = x\n[a]\n",          /* key before a section */
      "[a]\nr = 4-\n",            /* bad range */
      "[a]\nq = 1\n",             /* unknown key */
      "scale = 12\n[a]\n",        /* scale out of range */
      "# nothing\n",              /* no rules */
      "[a\n",                     /* bad section */
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_int_equal(kw_rfm_rules_parse(ctx, bad[i], strlen(bad[i]), "bad",
                                        &rf),
                     KW_EINPUT);
    assert_null(rf);
  }
  kw_rfm_rule_file_free(NULL);
  kw_context_free(ctx);
}

/* The built-in rules written out as a rule file (tests/data/value/
 * rfm_builtin.rules, a template for users) read back equal. */
static void test_rfm_builtin_file(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_rfm_rule_file *rf;
  assert_int_equal(kw_rfm_rules_load(ctx,
                                     KW_TEST_DATA "/value/rfm_builtin.rules",
                                     &rf),
                   KW_OK);
  const kw_rfm_rules *a = kw_rfm_rules_builtin(), *b = kw_rfm_rule_file_rules(rf);
  assert_int_equal(a->scale, b->scale);
  assert_int_equal(a->n_rules, b->n_rules);
  assert_int_equal(a->n_segments, b->n_segments);
  for (size_t j = 0; j < a->n_rules; j++) {
    const kw_rfm_rule *x = &a->rules[j], *y = &b->rules[j];
    const kw_rfm_segment_def *sx = &a->segments[x->segment];
    const kw_rfm_segment_def *sy = &b->segments[y->segment];
    assert_string_equal(sx->key, sy->key);
    assert_string_equal(sx->name_en, sy->name_en);
    assert_string_equal(sx->name_nl, sy->name_nl);
    assert_string_equal(sx->action_en, sy->action_en);
    assert_string_equal(sx->action_nl, sy->action_nl);
    const double *rx = &x->r_lo, *ry = &y->r_lo;
    for (int k = 0; k < 8; k++) assert_double_equal(rx[k], ry[k], 0);
  }
  kw_rfm_rule_file_free(rf);
  kw_context_free(ctx);
}


/* Every allocation of every analysis fails once in turn: each failure is
 * KW_ENOMEM with no result (and, under ASan, no leak). */
static void test_value_out_of_memory(void **state) {
  (void)state;
  fx *f = profit_fixture();
  const kw_customer_summary *s = fx_view(f);
  const kw_table *costs = kw_dataset_table(f->ds, KW_TABLE_COSTS);
  failing fl = {1000000, false};
  kw_allocator al = failing_allocator(&fl);
  kw_context *ctx = kw_context_new_with_allocator(&al);
  kw_serve_rate rates[] = {{"service", 6500}};
  kw_profit_options po;
  kw_profit_options_init(&po);
  po.rates = rates;
  po.n_rates = 1;
  const char *cfg_txt = "margin_pct = 30\na.rate = 1\nb.rate = 2\n";
  const char *rules_txt = "[x]\nname = X\nr = 1-3\n[y]\nfm = 2\n[x]\n";
  for (int what = 0; what < 5; what++) {
    int failures = 0;
    for (long k = 0;; k++) {
      fl.left = k;
      kw_status st;
      bool got;
      if (what == 0) {
        kw_profit *r = (kw_profit *)1;
        st = kw_profit_compute(ctx, s, costs, &po, &r);
        got = r != NULL;
        kw_profit_free(r);
      } else if (what == 1) {
        kw_pareto *r = (kw_pareto *)1;
        st = kw_pareto_compute(ctx, s, NULL, &r);
        got = r != NULL;
        kw_pareto_free(r);
      } else if (what == 2) {
        kw_rfm *r = (kw_rfm *)1;
        st = kw_rfm_compute(ctx, s, NULL, &r);
        got = r != NULL;
        kw_rfm_free(r);
      } else if (what == 3) {
        kw_profit_config *r = (kw_profit_config *)1;
        st = kw_profit_config_parse(ctx, cfg_txt, strlen(cfg_txt), "c", &r);
        got = r != NULL;
        kw_profit_config_free(r);
      } else {
        kw_rfm_rule_file *r = (kw_rfm_rule_file *)1;
        st = kw_rfm_rules_parse(ctx, rules_txt, strlen(rules_txt), "r", &r);
        got = r != NULL;
        kw_rfm_rule_file_free(r);
      }
      assert_true(got == (st == KW_OK));
      if (st == KW_OK) break;
      assert_int_equal(st, KW_ENOMEM);
      failures++;
      assert_true(k < 10000);
    }
    assert_true(failures > 0);
  }
  fl.left = 1000000;
  kw_context_free(ctx);
  fx_free(f);
}

/* --------------------------------------------- with the real summary */

/*
 * Transactions through kw_summary_build:
 *   A  invoice a1 day 10: 100.00 (cost 60.00); a2 day 20: 50.00 (30.00)
 *   B  invoice b1 day 15: 200.00, no cost on the line
 *   C  invoice c1 day 5: 40.00 (20.00); c2 day 8: -40.00 (-20.00) return
 * as-of = day 20 (the last date).
 * Profit: A 150 - 90 = 60.00 (data), B unknown, C 0 - 0 = 0 (data).
 * Pareto: A 150, B 200, C 0: top ceil(0.6) = 1 customer (B): 200/350.
 * RFM: recency A 0, B 5, C 15 (the return is not a purchase); orders
 * 2, 1, 1.
 */
static void test_with_summary_build(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = kw_dataset_new(ctx);
  static const struct {
    const char *cust, *inv;
    int32_t day;
    int64_t amount, cost;
  } tx[] = {
      {"A", "a1", 10, 10000, 6000},  {"A", "a2", 20, 5000, 3000},
      {"B", "b1", 15, 20000, KW_NA_MONEY}, {"C", "c1", 5, 4000, 2000},
      {"C", "c2", 8, -4000, -2000},
  };
  const size_t n = sizeof tx / sizeof *tx;
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  uint32_t *cu = kw_malloc(ctx, n * sizeof *cu);
  uint32_t *iv = kw_malloc(ctx, n * sizeof *iv);
  int32_t *dt = kw_malloc(ctx, n * sizeof *dt);
  int64_t *am = kw_malloc(ctx, n * sizeof *am);
  int64_t *co = kw_malloc(ctx, n * sizeof *co);
  kw_dict *invd = kw_dict_new(ctx);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(kw_dict_intern(ctx, kw_dataset_customers_mut(ds),
                                    tx[i].cust, 1, &cu[i], NULL),
                     KW_OK);
    assert_int_equal(kw_dict_intern(ctx, invd, tx[i].inv, 2, &iv[i], NULL),
                     KW_OK);
    dt[i] = 19000 + tx[i].day;
    am[i] = tx[i].amount;
    co[i] = tx[i].cost;
  }
  const kw_dict *cd = kw_dataset_customers(ds);
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT, cd, NULL, cu, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "factuur", KW_ROLE_INVOICE,
                                       KW_TYPE_TEXT, NULL, invd, iv, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, dt, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                                       KW_TYPE_MONEY, NULL, NULL, am, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "kost", KW_ROLE_COST,
                                       KW_TYPE_MONEY, NULL, NULL, co, NULL),
                   KW_OK);
  kw_table_set_rows(t, n);
  kw_dataset_set_table(ds, t);
  kw_summary_options so;
  kw_summary_options_init(&so);
  kw_summary *sum;
  assert_int_equal(kw_summary_build(ctx, ds, &so, &sum), KW_OK);
  const kw_customer_summary *s = kw_summary_view(sum);
  assert_int_equal(s->as_of, 19020);

  kw_profit *p;
  assert_int_equal(kw_profit_compute(ctx, s, NULL, NULL, &p), KW_OK);
  const kw_profit_data *pd = kw_profit_view(p);
  assert_int_equal(pd->source[0], KW_COST_DATA);
  assert_int_equal(pd->contribution[0], 6000);
  assert_int_equal(pd->source[1], KW_COST_UNKNOWN);
  assert_int_equal(pd->source[2], KW_COST_DATA);
  assert_int_equal(pd->contribution[2], 0);
  assert_int_equal(pd->n_no_cost, 1);
  assert_int_equal(pd->contribution_total, 6000);

  kw_pareto *pa;
  assert_int_equal(kw_pareto_compute(ctx, s, NULL, &pa), KW_OK);
  const kw_pareto_data *ad = kw_pareto_view(pa);
  assert_int_equal(ad->n_customers, 3);
  assert_int_equal(ad->ranking[0], 1);
  assert_double_equal(ad->top_revenue_share, 200.0 / 350, 1e-12);

  kw_rfm *r;
  assert_int_equal(kw_rfm_compute(ctx, s, NULL, &r), KW_OK);
  const kw_rfm_data *rd = kw_rfm_view(r);
  assert_int_equal(rd->recency[0], 0);
  assert_int_equal(rd->recency[1], 5);
  assert_int_equal(rd->recency[2], 15);
  assert_int_equal(rd->frequency[0], 2);
  assert_int_equal(rd->frequency[2], 1);
  kw_rfm_free(r);
  kw_pareto_free(pa);
  kw_profit_free(p);
  kw_summary_free(sum);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_profit_by_hand),
      cmocka_unit_test(test_profit_costs_after_as_of),
      cmocka_unit_test(test_profit_margin_pct),
      cmocka_unit_test(test_profit_whale_large_loss),
      cmocka_unit_test(test_profit_errors),
      cmocka_unit_test(test_profit_downsampled),
      cmocka_unit_test(test_pareto_by_hand),
      cmocka_unit_test(test_pareto_ties_zero_negative),
      cmocka_unit_test(test_pareto_degenerate),
      cmocka_unit_test(test_pareto_random),
      cmocka_unit_test(test_rfm_quantiles),
      cmocka_unit_test(test_rfm_ties_degenerate),
      cmocka_unit_test(test_rfm_grid_breaks),
      cmocka_unit_test(test_rfm_contribution),
      cmocka_unit_test(test_profit_config),
      cmocka_unit_test(test_rfm_checks),
      cmocka_unit_test(test_rfm_rule_file),
      cmocka_unit_test(test_rfm_builtin_file),
      cmocka_unit_test(test_value_out_of_memory),
      cmocka_unit_test(test_with_summary_build),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
