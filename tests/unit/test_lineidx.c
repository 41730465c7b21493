/*
 * test_lineidx.c — the customer-ordered line index and what is built from
 * it, against the straightforward computations, on seeded random tables
 * with customers without lines (ids of the dictionary no line uses), with
 * one line, with many, guest lines without a customer id, lines without a
 * date or amount, dates out of order and lines after the as-of day:
 *   the index                  vs collecting each customer's lines by a
 *                                 scan of the whole table;
 *   the purchase history       vs kw_history_build_plain (its own
 *                                 counting sort), outside and inside a
 *                                 cache bracket (built once, then lent);
 *   the per-customer summary   vs the definitions of klantwijs/summary.h
 *                                 computed here customer by customer;
 *   the journey's first
 *   purchases                  vs the summary's first purchase;
 *   acquisition's discounts
 *   per customer               vs sums over the lines in file order;
 *   the journey's event order  vs qsort by (customer, date, row);
 *   the journey's sorted
 *   positions and day counts   vs qsort;
 *   the data quality's median
 *   and MAD by radix selection vs the k-th of a sorted copy.
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

#include "core/dict.h"
#include "data/history.h"
#include "data/quality_internal.h"
#include "data/lineidx.h"
#include "data/table.h"
#include "klantwijs.h"
#include "models/journey_internal.h"

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) {
  rs ^= rs << 13;
  rs ^= rs >> 7;
  rs ^= rs << 17;
  return rs;
}

/* A random transactions table: nc customer names in the dictionary, the
 * lines using only some of them; guest lines (KW_NA_ID) when guests, NA
 * dates and amounts when holes. Shape 0: dates in file order; 1: random;
 * 2: each customer one line. */
typedef struct gen {
  kw_dataset *ds;
  kw_table *t;
  uint32_t *cu;
  int32_t *dt;
  int64_t *am;
  size_t rows, nc;
} gen;

static void make(kw_context *ctx, gen *g, size_t rows, size_t nc, int shape,
                 bool guests, bool holes) {
  memset(g, 0, sizeof *g);
  g->ds = kw_dataset_new(ctx);
  g->t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  g->rows = rows;
  g->nc = nc;
  char name[32];
  for (size_t c = 0; c < nc; c++) {
    int len = snprintf(name, sizeof name, "K%zu", c);
    uint32_t id;
    assert_int_equal(kw_dict_intern(ctx, kw_dataset_customers_mut(g->ds), name,
                                    (size_t)len, &id, NULL), KW_OK);
  }
  g->cu = kw_malloc(ctx, (rows ? rows : 1) * sizeof *g->cu);
  g->dt = kw_malloc(ctx, (rows ? rows : 1) * sizeof *g->dt);
  g->am = kw_malloc(ctx, (rows ? rows : 1) * sizeof *g->am);
  /* a third of the customers never buy (no lines) */
  size_t active = nc - nc / 3;
  if (active == 0) active = 1;
  for (size_t i = 0; i < rows; i++) {
    uint32_t c = shape == 2 ? (uint32_t)(i % active)
                            : (uint32_t)(rnd() % (rnd() % 4 ? active / 8 + 1
                                                            : active));
    if (guests && rnd() % 9 == 0) c = KW_NA_ID;
    g->cu[i] = c;
    int32_t d = shape == 0 ? 19000 + (int32_t)(i * 700 / (rows ? rows : 1))
                           : 19000 + (int32_t)(rnd() % 700);
    if (holes && rnd() % 15 == 0) d = KW_NA_DATE;
    g->dt[i] = d;
    int64_t a = (int64_t)(rnd() % 50000) - (rnd() % 6 == 0 ? 60000 : 0);
    if (rnd() % 25 == 0) a = 0;
    if (holes && rnd() % 15 == 0) a = KW_NA_MONEY;
    g->am[i] = a;
  }
  assert_int_equal(kw_table_add_column(ctx, g->t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT,
                                       kw_dataset_customers(g->ds), NULL,
                                       g->cu, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, g->t, "datum", KW_ROLE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, g->dt, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, g->t, "bedrag", KW_ROLE_AMOUNT,
                                       KW_TYPE_MONEY, NULL, NULL, g->am,
                                       NULL), KW_OK);
  kw_table_set_rows(g->t, rows);
  kw_dataset_set_table(g->ds, g->t);
}

static void test_index_vs_scan(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 60; round++) {
    gen g;
    size_t rows = round == 0 ? 0 : 1 + rnd() % (round < 30 ? 50 : 3000);
    make(ctx, &g, rows, 1 + rnd() % 200, round % 3, round % 2 == 0, false);
    kw_line_index ix;
    assert_int_equal(kw_line_index_build(ctx, g.cu, rows, g.nc, &ix), KW_OK);
    assert_int_equal(ix.n, g.nc);
    uint64_t total = 0;
    for (size_t c = 0; c < ix.n; c++) {
      size_t q = ix.start[c];
      for (size_t i = 0; i < rows; i++) {
        if (g.cu[i] != c) continue;
        assert_true(q < ix.start[c + 1]);
        assert_int_equal(ix.line[q], i);
        q++;
      }
      assert_int_equal(q, ix.start[c + 1]);
      total += q - ix.start[c];
    }
    assert_int_equal(ix.start[0], 0);
    assert_int_equal(total, ix.indexed);
    assert_int_equal(ix.start[ix.n], ix.indexed);
    kw_line_index_free(ctx, &ix);
    kw_dataset_free(g.ds);
  }
  kw_context_free(ctx);
}

static void same_history(const kw_history *a, const kw_history *b) {
  assert_int_equal(a->n_customers, b->n_customers);
  assert_int_equal(a->n_buyers, b->n_buyers);
  assert_int_equal(a->as_of, b->as_of);
  assert_int_equal(a->first_day, b->first_day);
  assert_int_equal(a->has_amount, b->has_amount);
  assert_int_equal(a->lines_used, b->lines_used);
  assert_int_equal(a->lines_after, b->lines_after);
  assert_int_equal(a->lines_skipped, b->lines_skipped);
  assert_memory_equal(a->start, b->start,
                      (a->n_customers + 1) * sizeof *a->start);
  for (size_t k = 0; k < a->start[a->n_customers]; k++) {
    assert_int_equal(a->days[k].day, b->days[k].day);
    assert_int_equal(a->days[k].purchase, b->days[k].purchase);
    assert_int_equal(a->days[k].amount, b->days[k].amount);
  }
}

static void test_history_vs_plain(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 60; round++) {
    gen g;
    size_t rows = round == 0 ? 0 : 1 + rnd() % (round < 30 ? 60 : 4000);
    make(ctx, &g, rows, 1 + rnd() % 300, round % 3, true, round % 4 != 3);
    int32_t as_of = round % 3 == 0 ? KW_NA_DATE : 19000 + (int32_t)(rnd() % 800);
    kw_history plain, fast, lent, again;
    assert_int_equal(kw_history_build_plain(ctx, g.t, as_of, &plain), KW_OK);
    assert_int_equal(kw_history_build(ctx, g.t, as_of, &fast), KW_OK);
    same_history(&plain, &fast);
    assert_null(fast.lent);
    kw_history_free(ctx, &fast);
    /* inside a bracket: the first build is kept and lent again */
    kw_table_cache_begin(ctx, g.t);
    assert_int_equal(kw_history_build(ctx, g.t, as_of, &lent), KW_OK);
    assert_int_equal(kw_history_build(ctx, g.t, as_of, &again), KW_OK);
    same_history(&plain, &lent);
    assert_non_null(lent.lent);
    assert_ptr_equal(lent.days, again.days);
    kw_history_free(ctx, &again);
    /* another as-of while the first is lent: a history of its own */
    kw_history other, other_plain;
    assert_int_equal(kw_history_build(ctx, g.t, 19300, &other), KW_OK);
    assert_int_equal(kw_history_build_plain(ctx, g.t, 19300, &other_plain),
                     KW_OK);
    same_history(&other_plain, &other);
    assert_null(other.lent);
    kw_history_free(ctx, &other);
    kw_history_free(ctx, &other_plain);
    kw_table_cache_end(g.t);
    /* still readable after the bracket closed: freed when returned */
    same_history(&plain, &lent);
    kw_history_free(ctx, &lent);
    kw_history_free(ctx, &plain);
    kw_dataset_free(g.ds);
  }
  kw_context_free(ctx);
}

/* The summary's definitions (klantwijs/summary.h), customer by customer
 * by scanning the whole table. */
static void test_summary_vs_definitions(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 40; round++) {
    gen g;
    size_t rows = 1 + rnd() % (round < 20 ? 60 : 2500);
    make(ctx, &g, rows, 1 + rnd() % 150, round % 3, true, false);
    kw_summary_options so;
    kw_summary_options_init(&so);
    so.unit = KW_UNIT_WEEK;
    so.as_of = round % 2 ? KW_NA_DATE : 19000 + (int32_t)(rnd() % 700);
    bool bracket = round % 4 == 1;
    if (bracket) kw_table_cache_begin(ctx, g.t);
    kw_summary *sum;
    assert_int_equal(kw_summary_build(ctx, g.ds, &so, &sum), KW_OK);
    const kw_customer_summary *s = kw_summary_view(sum);
    int32_t as_of = so.as_of;
    if (as_of == KW_NA_DATE) {
      as_of = INT32_MIN;
      for (size_t i = 0; i < rows; i++)
        if (g.dt[i] > as_of) as_of = g.dt[i];
    }
    assert_int_equal(s->as_of, as_of);
    assert_int_equal(s->n, g.nc);
    uint64_t used = 0, after = 0;
    for (size_t i = 0; i < rows; i++)
      if (g.cu[i] != KW_NA_ID) {
        if (g.dt[i] > as_of) after++;
        else used++;
      }
    assert_int_equal(s->lines_used, used);
    assert_int_equal(s->lines_after, after);
    size_t buyers = 0;
    uint8_t *pday = calloc(800, 1);
    for (size_t c = 0; c < g.nc; c++) {
      int64_t rev = 0, first_rev = 0, prev = 0;
      uint32_t nl = 0, pdays = 0;
      int32_t d0 = INT32_MAX, dl = INT32_MIN;
      memset(pday, 0, 800);
      for (size_t i = 0; i < rows; i++) {
        if (g.cu[i] != c || g.dt[i] > as_of) continue;
        nl++;
        rev += g.am[i];
        if (g.am[i] >= 0) {
          if (!pday[g.dt[i] - 19000]) pdays++;
          pday[g.dt[i] - 19000] = 1;
          if (g.dt[i] < d0) d0 = g.dt[i];
          if (g.dt[i] > dl) dl = g.dt[i];
        }
      }
      for (size_t i = 0; i < rows; i++) {
        if (g.cu[i] != c || g.dt[i] > as_of || !pday[g.dt[i] - 19000])
          continue;
        prev += g.am[i];
        if (g.dt[i] == d0) first_rev += g.am[i];
      }
      assert_int_equal(s->lines[c], nl);
      assert_int_equal(s->revenue[c], rev);
      if (pdays == 0) {
        assert_int_equal(s->first[c], KW_NA_DATE);
        continue;
      }
      buyers++;
      assert_int_equal(s->first[c], d0);
      assert_int_equal(s->last[c], dl);
      assert_int_equal(s->days[c], pdays);
      assert_int_equal(s->orders[c], pdays);
      assert_true(s->x[c] == (double)(pdays - 1));
      assert_true(s->t_x[c] == (double)(dl - d0) / 7.0);
      assert_true(s->T[c] == (double)(as_of - d0) / 7.0);
      double rs_want = pdays > 1 ? (double)(prev - first_rev) / 100.0 /
                                       (double)(pdays - 1)
                                 : 0;
      assert_true(s->repeat_spend[c] == rs_want);
    }
    free(pday);
    assert_int_equal(s->n_buyers, buyers);
    /* the journey's first purchases: the summary's */
    int32_t jas = so.as_of, *first = NULL;
    assert_int_equal(kw_journey_first_purchases(ctx, g.t, g.nc, &jas, &first),
                     KW_OK);
    assert_int_equal(jas, s->as_of);
    assert_memory_equal(first, s->first, g.nc * sizeof *first);
    kw_free(ctx, first);
    kw_summary_free(sum);
    if (bracket) kw_table_cache_end(g.t);
    kw_dataset_free(g.ds);
  }
  kw_context_free(ctx);
}

static void test_discounts_vs_file_order(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 30; round++) {
    gen g;
    size_t rows = 1 + rnd() % (round < 15 ? 80 : 3000);
    make(ctx, &g, rows, 1 + rnd() % 120, round % 3, true, false);
    int64_t *di = kw_malloc(ctx, rows * sizeof *di);
    for (size_t i = 0; i < rows; i++)
      di[i] = rnd() % 3 == 0   ? (int64_t)(rnd() % 900)
              : rnd() % 5 == 0 ? KW_NA_MONEY
                               : 0;
    assert_int_equal(kw_table_add_column(ctx, g.t, "korting",
                                         KW_ROLE_DISCOUNT, KW_TYPE_MONEY, NULL,
                                         NULL, di, NULL), KW_OK);
    kw_summary_options so;
    kw_summary_options_init(&so);
    so.as_of = round % 2 ? KW_NA_DATE : 19000 + (int32_t)(rnd() % 700);
    bool bracket = round % 3 == 1;
    if (bracket) kw_table_cache_begin(ctx, g.t);
    kw_summary *sum;
    assert_int_equal(kw_summary_build(ctx, g.ds, &so, &sum), KW_OK);
    const kw_customer_summary *s = kw_summary_view(sum);
    kw_acquisition *acq = NULL;
    assert_int_equal(kw_acquisition_compute(ctx, g.ds, s, NULL, &acq), KW_OK);
    const kw_acquisition_data *v = kw_acquisition_view(acq);
    /* the straightforward pass over the lines in file order */
    int64_t *gross = calloc(g.nc, sizeof *gross), *deal = calloc(g.nc, 8),
            *cd = calloc(g.nc, 8);
    int64_t rev = 0, disc_tot = 0, disc_rev = 0;
    for (size_t r = 0; r < rows; r++) {
      uint32_t c = g.cu[r];
      if (c == KW_NA_ID || g.dt[r] > s->as_of) continue;
      int64_t x = g.am[r], d = di[r] != KW_NA_MONEY ? di[r] : 0;
      rev += x;
      if (x > 0) gross[c] += x;
      if (d > 0) {
        disc_tot += d;
        cd[c] += d;
        if (x > 0) disc_rev += x, deal[c] += x;
      }
    }
    assert_int_equal(v->revenue, rev);
    assert_int_equal(v->discount_total, disc_tot);
    assert_int_equal(v->discounted_revenue, disc_rev);
    for (size_t c = 0; c < g.nc; c++) {
      assert_int_equal(v->customer_discount[c], cd[c]);
      double want = s->first[c] == KW_NA_DATE || gross[c] <= 0
                        ? NAN
                        : (double)deal[c] / (double)gross[c];
      if (isnan(want))
        assert_true(isnan(v->customer_deal_share[c]));
      else
        assert_true(v->customer_deal_share[c] == want);
    }
    free(gross);
    free(deal);
    free(cd);
    kw_acquisition_free(acq);
    kw_summary_free(sum);
    if (bracket) kw_table_cache_end(g.t);
    kw_dataset_free(g.ds);
  }
  kw_context_free(ctx);
}

static int cmp_ev(const void *a, const void *b) {
  const ev *x = a, *y = b;
  if (x->cust != y->cust) return x->cust < y->cust ? -1 : 1;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  return (x->row > y->row) - (x->row < y->row);
}

static void test_events_vs_qsort(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 200; round++) {
    size_t ne = round == 0 ? 1 : 1 + rnd() % (round < 100 ? 30 : 5000);
    ev *e = malloc(ne * sizeof *e), *want = malloc(ne * sizeof *e),
       *tmp = malloc(ne * sizeof *e);
    uint32_t ncust = 1 + (uint32_t)(rnd() % (round % 2 ? 20 : 5000));
    int32_t span = 1 + (int32_t)(rnd() % (round % 3 ? 30 : 3000));
    for (size_t i = 0; i < ne; i++)
      e[i] = (ev){(uint32_t)(rnd() % ncust), -500 + (int32_t)(rnd() % span),
                  (uint32_t)(rnd() % 5), (uint32_t)(rnd() % 3),
                  (uint32_t)(i * 3 + rnd() % 3)};
    memcpy(want, e, ne * sizeof *e);
    qsort(want, ne, sizeof *want, cmp_ev);
    assert_true(kw_journey_sort_events(ctx, e, tmp, ne));
    assert_memory_equal(e, want, ne * sizeof *e);
    free(e);
    free(want);
    free(tmp);
  }
  /* a date range far wider than the touches: left to qsort */
  ev two[2] = {{1, -2000000, 0, 0, 0}, {0, 2000000, 0, 0, 1}}, tmp2[2];
  assert_false(kw_journey_sort_events(ctx, two, tmp2, 2));
  assert_int_equal(two[0].cust, 1);
  kw_context_free(ctx);
}

static int cmp_d(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void test_doubles_vs_qsort(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 200; round++) {
    size_t n = 1 + rnd() % (round < 100 ? 300 : 20000);
    double *v = malloc(n * sizeof *v), *w = malloc(n * sizeof *w);
    for (size_t i = 0; i < n; i++) {
      switch (round % 4) {
        case 0: v[i] = (double)(rnd() % 1000) / 999.0; break; /* positions */
        case 1: v[i] = (double)(rnd() % 40); break;           /* days, ties */
        case 2: v[i] = i % 7 ? 0.0 : 1.0; break;
        default:
          v[i] = ((double)(rnd() >> 11) - 4e15) * 1e-3 * (rnd() % 2 ? 1e300 : 1e-300);
          break;
      }
    }
    memcpy(w, v, n * sizeof *v);
    qsort(w, n, sizeof *w, cmp_d);
    kw_journey_sort_doubles(ctx, v, n);
    assert_memory_equal(v, w, n * sizeof *v);
    free(v);
    free(w);
  }
  kw_context_free(ctx);
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

static void test_select_vs_sort(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 300; round++) {
    size_t n = 1 + rnd() % (round < 150 ? 40 : 20000);
    int64_t *a = malloc(n * sizeof *a), *s = malloc(n * sizeof *s);
    for (size_t i = 0; i < n; i++) {
      switch (round % 5) {
        case 0: a[i] = (int64_t)(rnd() % 100000) - 20000; break;
        case 1: a[i] = (int64_t)(rnd() % 4); break; /* ties */
        case 2: /* skewed: most small, a few huge (one bucket holds most) */
          a[i] = rnd() % 500 ? (int64_t)(rnd() % 5000)
                             : (int64_t)(rnd() >> 8) - (int64_t)(rnd() >> 9);
          break;
        case 3: a[i] = 42; break;
        default: a[i] = (int64_t)(rnd() >> 2) * (rnd() % 2 ? 1 : -1); break;
      }
    }
    size_t ks[3] = {n / 2, 0, n - 1};
    for (int dev = 0; dev < 2; dev++) {
      int64_t center = dev ? a[rnd() % n] : 0;
      for (size_t i = 0; i < n; i++) {
        int64_t d = a[i] - center;
        s[i] = dev ? (d < 0 ? -d : d) : a[i];
      }
      qsort(s, n, sizeof *s, cmp_i64);
      for (int q = 0; q < 3; q++) {
        kw_status st;
        int64_t got = kw_quality_select(ctx, a, n, ks[q], dev, center, &st);
        assert_int_equal(st, KW_OK);
        if (got != s[ks[q]])
          fail_msg("round %d dev %d k %zu: %lld, sorted %lld", round, dev,
                   ks[q], (long long)got, (long long)s[ks[q]]);
      }
    }
    free(a);
    free(s);
  }
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_index_vs_scan),
      cmocka_unit_test(test_history_vs_plain),
      cmocka_unit_test(test_summary_vs_definitions),
      cmocka_unit_test(test_discounts_vs_file_order),
      cmocka_unit_test(test_events_vs_qsort),
      cmocka_unit_test(test_select_vs_sort),
      cmocka_unit_test(test_doubles_vs_qsort),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
