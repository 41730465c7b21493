/* Unit tests: the per-customer summary on a hand-built transactions table. */
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

typedef struct line {
  const char *cust, *inv, *prod;
  int y, m, d;
  int64_t cents;
} line;

/* Builds a dataset with customer, date, amount, invoice and product. */
static kw_dataset *make(kw_context *ctx, const line *L, size_t n, bool inv) {
  kw_dataset *ds = kw_dataset_new(ctx);
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  uint32_t *c = kw_malloc(ctx, n * sizeof *c);
  int32_t *d = kw_malloc(ctx, n * sizeof *d);
  int64_t *a = kw_malloc(ctx, n * sizeof *a);
  uint32_t *iv = kw_malloc(ctx, n * sizeof *iv);
  uint32_t *p = kw_malloc(ctx, n * sizeof *p);
  kw_dict *invd = kw_dict_new(ctx);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(kw_dict_intern(ctx, kw_dataset_customers_mut(ds), L[i].cust,
                                    strlen(L[i].cust), &c[i], NULL), KW_OK);
    assert_int_equal(kw_dict_intern(ctx, kw_dataset_products_mut(ds), L[i].prod,
                                    strlen(L[i].prod), &p[i], NULL), KW_OK);
    assert_int_equal(kw_dict_intern(ctx, invd, L[i].inv, strlen(L[i].inv),
                                    &iv[i], NULL), KW_OK);
    d[i] = kw_date_from_ymd(L[i].y, L[i].m, L[i].d);
    a[i] = L[i].cents;
  }
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                   KW_TYPE_TEXT, kw_dataset_customers(ds), NULL, c, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                   KW_TYPE_DATE, NULL, NULL, d, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                   KW_TYPE_MONEY, NULL, NULL, a, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "product", KW_ROLE_PRODUCT,
                   KW_TYPE_TEXT, kw_dataset_products(ds), NULL, p, NULL), KW_OK);
  if (inv) {
    assert_int_equal(kw_table_add_column(ctx, t, "factuur", KW_ROLE_INVOICE,
                     KW_TYPE_TEXT, NULL, invd, iv, NULL), KW_OK);
  } else {
    kw_free(ctx, iv);
    kw_dict_free(ctx, invd);
  }
  kw_table_set_rows(t, n);
  kw_dataset_set_table(ds, t);
  return ds;
}

static const line lines[] = {
    /* A: two lines on 2024-01-01 (one invoice), a return on 01-05, a
       purchase on 01-15 (second invoice), one after the as-of date */
    {"A", "F1", "p1", 2024, 1, 1, 1000},
    {"A", "F1", "p2", 2024, 1, 1, 500},
    {"A", "C1", "p2", 2024, 1, 5, -500},
    {"A", "F2", "p1", 2024, 1, 15, 2000},
    {"A", "F9", "p3", 2024, 3, 1, 9999},
    /* B: one purchase only */
    {"B", "F3", "p3", 2024, 1, 29, 700},
    /* C: only a credit note: no purchase history */
    {"C", "C2", "p1", 2024, 1, 10, -300},
    /* D: three purchase days, same invoice split over two days */
    {"D", "F4", "p1", 2024, 1, 2, 100},
    {"D", "F4", "p1", 2024, 1, 9, 200},
    {"D", "F5", "p2", 2024, 1, 30, 300},
};

static void test_summary_by_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = make(ctx, lines, sizeof lines / sizeof *lines, true);
  kw_summary_options o;
  kw_summary_options_init(&o);
  o.as_of = kw_date_from_ymd(2024, 1, 31);
  o.unit = KW_UNIT_WEEK;
  kw_summary *s;
  assert_int_equal(kw_summary_build(ctx, ds, &o, &s), KW_OK);
  const kw_customer_summary *v = kw_summary_view(s);
  assert_int_equal(v->n, 4);
  assert_int_equal(v->n_buyers, 3); /* C has only a credit note */
  assert_int_equal(v->lines_after, 1);
  assert_int_equal(v->lines_used, 9);
  /* the customer base: A (4 lines, 3000), B (1, 700), D (3, 600) = 8
     lines and 4300; C with only its credit note is counted apart */
  assert_int_equal(v->buyer_lines, 8);
  assert_int_equal(v->buyer_revenue, 4300);
  assert_int_equal(v->n_return_only, 1);
  assert_int_equal(v->return_only_lines, 1);
  assert_int_equal(v->return_only_revenue, -300);
  const kw_dict *ids = v->ids;
  uint32_t A = kw_dict_find(ids, "A", 1);
  uint32_t B = kw_dict_find(ids, "B", 1), C = kw_dict_find(ids, "C", 1),
           D = kw_dict_find(ids, "D", 1);
  /* A: revenue 1000+500-500+2000 = 3000; purchase days 01-01 and 01-15
     (01-05 holds only a return); x = 1, t_x = 14 days = 2 weeks,
     T = 30 days = 30/7 weeks; repeat spend = day revenue of 01-15 = 20.00;
     orders: invoices F1 and F2 with a purchase line = 2; products p1, p2 */
  assert_int_equal(v->revenue[A], 3000);
  assert_int_equal(v->days[A], 2);
  assert_int_equal(v->orders[A], 2);
  assert_int_equal(v->lines[A], 4);
  assert_int_equal(v->n_products[A], 2);
  assert_true(v->x[A] == 1.0);
  assert_float_equal(v->t_x[A], 2.0, 1e-12);
  assert_float_equal(v->T[A], 30.0 / 7.0, 1e-12);
  assert_float_equal(v->repeat_spend[A], 20.0, 1e-12);
  assert_int_equal(v->first[A], kw_date_from_ymd(2024, 1, 1));
  assert_int_equal(v->last[A], kw_date_from_ymd(2024, 1, 15));
  /* B: one purchase on 01-29: x = 0, t_x = 0, T = 2 days */
  assert_true(v->x[B] == 0.0 && v->t_x[B] == 0.0);
  assert_float_equal(v->T[B], 2.0 / 7.0, 1e-12);
  assert_int_equal(v->orders[B], 1);
  assert_true(v->repeat_spend[B] == 0.0);
  /* C: revenue -3.00, no purchase days */
  assert_int_equal(v->revenue[C], -300);
  assert_int_equal(v->first[C], KW_NA_DATE);
  assert_int_equal(v->days[C], 0);
  /* D: days 01-02, 01-09, 01-30: x = 2, t_x = 28 days = 4 weeks;
     orders = 2 distinct invoices (F4 spans two days);
     repeat spend = (2.00 + 3.00) / 2 = 2.50 */
  assert_true(v->x[D] == 2.0);
  assert_float_equal(v->t_x[D], 4.0, 1e-12);
  assert_int_equal(v->orders[D], 2);
  assert_float_equal(v->repeat_spend[D], 2.5, 1e-12);
  kw_summary_free(s);

  /* without an invoice column orders are purchase days; default as-of is
     the last date (2024-03-01), so A's line of 03-01 counts */
  kw_dataset_free(ds);
  ds = make(ctx, lines, sizeof lines / sizeof *lines, false);
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  v = kw_summary_view(s);
  assert_int_equal(v->as_of, kw_date_from_ymd(2024, 3, 1));
  A = kw_dict_find(v->ids, "A", 1);
  D = kw_dict_find(v->ids, "D", 1);
  assert_int_equal(v->orders[A], 3);
  assert_int_equal(v->orders[D], 3);
  assert_int_equal(v->revenue[A], 12999);
  assert_true(v->x[A] == 2.0);
  assert_true(v->t_x[A] == 60.0); /* 2024 is a leap year: Jan 31 + Feb 29 */
  kw_summary_free(s);
  kw_summary_free(NULL);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* Many lines: the walks split over threads must give exactly the summary
 * of one thread. */
static void test_summary_threads_agree(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const size_t n = 600000;
  kw_dataset *ds = kw_dataset_new(ctx);
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  uint32_t *c = kw_malloc(ctx, n * sizeof *c);
  int32_t *d = kw_malloc(ctx, n * sizeof *d);
  int64_t *a = kw_malloc(ctx, n * sizeof *a);
  uint32_t *p = kw_malloc(ctx, n * sizeof *p);
  uint64_t r = 12345;
  char key[16];
  for (size_t i = 0; i < n; i++) {
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    int k = snprintf(key, sizeof key, "C%u", (unsigned)((r >> 33) % 5000));
    assert_int_equal(kw_dict_intern(ctx, kw_dataset_customers_mut(ds), key,
                                    (size_t)k, &c[i], NULL), KW_OK);
    k = snprintf(key, sizeof key, "P%u", (unsigned)((r >> 20) % 300));
    assert_int_equal(kw_dict_intern(ctx, kw_dataset_products_mut(ds), key,
                                    (size_t)k, &p[i], NULL), KW_OK);
    d[i] = 19000 + (int32_t)((r >> 40) % 900);
    a[i] = (int64_t)((r >> 8) % 20000) - 1500; /* some returns */
  }
  assert_int_equal(kw_table_add_column(ctx, t, "c", KW_ROLE_CUSTOMER,
                   KW_TYPE_TEXT, kw_dataset_customers(ds), NULL, c, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "d", KW_ROLE_DATE, KW_TYPE_DATE,
                   NULL, NULL, d, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "a", KW_ROLE_AMOUNT,
                   KW_TYPE_MONEY, NULL, NULL, a, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "p", KW_ROLE_PRODUCT,
                   KW_TYPE_TEXT, kw_dataset_products(ds), NULL, p, NULL), KW_OK);
  kw_table_set_rows(t, n);
  kw_dataset_set_table(ds, t);
  kw_summary *s1, *s3;
  kw_context_set_threads(ctx, 1);
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s1), KW_OK);
  kw_context_set_threads(ctx, 3);
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s3), KW_OK);
  const kw_customer_summary *v1 = kw_summary_view(s1), *v3 = kw_summary_view(s3);
  assert_int_equal(v1->n, v3->n);
  assert_int_equal(v1->n_buyers, v3->n_buyers);
  assert_memory_equal(v1->revenue, v3->revenue, v1->n * sizeof *v1->revenue);
  assert_memory_equal(v1->days, v3->days, v1->n * sizeof *v1->days);
  assert_memory_equal(v1->first, v3->first, v1->n * sizeof *v1->first);
  assert_memory_equal(v1->n_products, v3->n_products,
                      v1->n * sizeof *v1->n_products);
  assert_memory_equal(v1->repeat_spend, v3->repeat_spend,
                      v1->n * sizeof *v1->repeat_spend);
  /* and one customer recomputed directly from the lines */
  uint32_t k0 = c[0];
  int64_t rev = 0;
  for (size_t i = 0; i < n; i++)
    if (c[i] == k0) rev += a[i];
  assert_int_equal(v3->revenue[k0], rev);
  kw_summary_free(s1);
  kw_summary_free(s3);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_summary_by_hand),
      cmocka_unit_test(test_summary_threads_agree)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
