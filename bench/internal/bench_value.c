/*
 * bench_value.c — time of the four value analyses (profitability, Pareto,
 * RFM, payments) on synthetic data, and peak memory.
 *
 * Usage: bench_value [customers [cost_rows [invoice_rows [seed]]]]
 * Defaults: 1 000 000 customers, 2 000 000 cost rows, 1 500 000 invoice
 * rows (about one in ten invoices paid in two parts). The summary view and
 * the tables are filled directly (seeded GSL Mersenne Twister), so only
 * the analyses are timed. Peak RSS comes from getrusage.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/dict.h"
#include "data/table.h"
#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

static void die(kw_context *ctx, kw_status st, const char *what) {
  fprintf(stderr, "bench_value: %s: %s (%s)\n", what, kw_status_str(st),
          kw_errmsg(ctx));
  exit(1);
}

static void *xmalloc(kw_context *ctx, size_t n) {
  void *p = kw_malloc(ctx, n ? n : 1);
  if (!p) die(ctx, KW_ENOMEM, "allocation");
  return p;
}

typedef struct synth {
  size_t n;
  int32_t *first, *last;
  uint32_t *orders, *lines, *cost_lines, *zero32;
  int64_t *revenue, *cost, *discount;
  double *zd;
  kw_customer_summary s;
} synth;

static void make_summary(kw_context *ctx, kw_dataset *ds, gsl_rng *rng,
                         size_t n, int32_t as_of, synth *y) {
  kw_dict *ids = kw_dataset_customers_mut(ds);
  char key[32];
  y->n = n;
  y->first = xmalloc(ctx, n * sizeof(int32_t));
  y->last = xmalloc(ctx, n * sizeof(int32_t));
  y->orders = xmalloc(ctx, n * sizeof(uint32_t));
  y->lines = xmalloc(ctx, n * sizeof(uint32_t));
  y->cost_lines = xmalloc(ctx, n * sizeof(uint32_t));
  y->zero32 = kw_calloc(ctx, n, sizeof(uint32_t));
  y->revenue = xmalloc(ctx, n * sizeof(int64_t));
  y->cost = xmalloc(ctx, n * sizeof(int64_t));
  y->discount = kw_calloc(ctx, n, sizeof(int64_t));
  y->zd = kw_calloc(ctx, n, sizeof(double));
  if (!y->zero32 || !y->discount || !y->zd) die(ctx, KW_ENOMEM, "summary");
  for (size_t i = 0; i < n; i++) {
    int len = snprintf(key, sizeof key, "C%07zu", i);
    uint32_t id;
    kw_status st = kw_dict_intern(ctx, ids, key, (size_t)len, &id, NULL);
    if (st) die(ctx, st, "intern");
    uint32_t orders = (uint32_t)gsl_ran_geometric(rng, 0.35);
    int64_t rev = (int64_t)(gsl_ran_lognormal(rng, 4.5, 1.3) * 100 * orders);
    if (gsl_rng_uniform(rng) < 0.01) rev = -rev / 10; /* returns > sales */
    y->orders[i] = orders;
    y->lines[i] = orders * (1 + (uint32_t)gsl_rng_uniform_int(rng, 4));
    y->cost_lines[i] = gsl_rng_uniform(rng) < 0.05 ? 0 : y->lines[i];
    y->revenue[i] = rev;
    y->cost[i] = y->cost_lines[i]
                     ? (int64_t)((double)rev * gsl_ran_beta(rng, 6, 4))
                     : 0;
    int32_t last = as_of - (int32_t)gsl_rng_uniform_int(rng, 730);
    y->last[i] = last;
    y->first[i] = last - (int32_t)gsl_rng_uniform_int(rng, 365);
  }
  kw_customer_summary *s = &y->s;
  s->n = n;
  s->n_buyers = n;
  s->ids = ids;
  s->as_of = as_of;
  s->has_cost = true;
  s->first = y->first;
  s->last = y->last;
  s->orders = y->orders;
  s->days = y->orders;
  s->lines = y->lines;
  s->cost_lines = y->cost_lines;
  s->revenue = y->revenue;
  s->cost = y->cost;
  s->discount = y->discount;
  s->n_products = y->zero32;
  s->n_categories = y->zero32;
  s->x = s->t_x = s->T = s->repeat_spend = y->zd;
}

static void add_col(kw_context *ctx, kw_table *t, const char *name,
                    kw_role role, kw_type type, const kw_dict *dict,
                    kw_dict *own, void *data) {
  kw_status st = kw_table_add_column(ctx, t, name, role, type, dict, own,
                                     data, NULL);
  if (st) die(ctx, st, "add column");
}

static void make_costs(kw_context *ctx, kw_dataset *ds, gsl_rng *rng,
                       size_t n, size_t rows) {
  static const char *const types[] = {"service", "ticket", "shipping",
                                      "returns", "other"};
  kw_table *t = kw_table_new(ctx, KW_TABLE_COSTS);
  kw_dict *td = kw_dict_new(ctx);
  if (!t || !td) die(ctx, KW_ENOMEM, "costs");
  for (int k = 0; k < 5; k++) {
    uint32_t id;
    kw_status st = kw_dict_intern(ctx, td, types[k], strlen(types[k]), &id,
                                  NULL);
    if (st) die(ctx, st, "intern");
  }
  uint32_t *cu = xmalloc(ctx, rows * sizeof *cu);
  uint32_t *ty = xmalloc(ctx, rows * sizeof *ty);
  double *h = xmalloc(ctx, rows * sizeof *h);
  int64_t *a = xmalloc(ctx, rows * sizeof *a);
  for (size_t i = 0; i < rows; i++) {
    cu[i] = (uint32_t)gsl_rng_uniform_int(rng, n);
    ty[i] = (uint32_t)gsl_rng_uniform_int(rng, 5);
    h[i] = NAN;
    a[i] = KW_NA_MONEY;
    if (ty[i] == 0) h[i] = gsl_ran_gamma(rng, 2, 1);
    if (ty[i] == 2) a[i] = 500 + (int64_t)gsl_rng_uniform_int(rng, 2000);
    if (ty[i] == 4) a[i] = (int64_t)gsl_rng_uniform_int(rng, 5000);
  }
  add_col(ctx, t, "customer", KW_ROLE_CUSTOMER, KW_TYPE_TEXT,
          kw_dataset_customers(ds), NULL, cu);
  add_col(ctx, t, "type", KW_ROLE_TYPE, KW_TYPE_TEXT, NULL, td, ty);
  add_col(ctx, t, "hours", KW_ROLE_HOURS, KW_TYPE_NUMBER, NULL, NULL, h);
  add_col(ctx, t, "amount", KW_ROLE_AMOUNT, KW_TYPE_MONEY, NULL, NULL, a);
  kw_table_set_rows(t, rows);
  kw_dataset_set_table(ds, t);
}

static void make_invoices(kw_context *ctx, kw_dataset *ds, gsl_rng *rng,
                          size_t n, size_t rows, int32_t as_of) {
  kw_table *t = kw_table_new(ctx, KW_TABLE_INVOICES);
  kw_dict *ids = kw_dict_new(ctx);
  if (!t || !ids) die(ctx, KW_ENOMEM, "invoices");
  uint32_t *iv = xmalloc(ctx, rows * sizeof *iv);
  uint32_t *cu = xmalloc(ctx, rows * sizeof *cu);
  int32_t *dt = xmalloc(ctx, rows * sizeof *dt);
  int32_t *du = xmalloc(ctx, rows * sizeof *du);
  double *te = xmalloc(ctx, rows * sizeof *te);
  int32_t *pd = xmalloc(ctx, rows * sizeof *pd);
  int64_t *am = xmalloc(ctx, rows * sizeof *am);
  char key[32];
  size_t inv = 0;
  for (size_t i = 0; i < rows; inv++) {
    int len = snprintf(key, sizeof key, "F%08zu", inv);
    uint32_t id;
    kw_status st = kw_dict_intern(ctx, ids, key, (size_t)len, &id, NULL);
    if (st) die(ctx, st, "intern");
    uint32_t c = (uint32_t)gsl_rng_uniform_int(rng, n);
    int32_t date = as_of - (int32_t)gsl_rng_uniform_int(rng, 730);
    bool terms = gsl_rng_uniform(rng) < 0.5;
    int64_t amount = 1000 + (int64_t)gsl_ran_lognormal(rng, 9, 1);
    if (gsl_rng_uniform(rng) < 0.02) amount = -amount / 4; /* credit note */
    size_t parts = (i + 1 < rows && gsl_rng_uniform(rng) < 0.1) ? 2 : 1;
    for (size_t k = 0; k < parts; k++, i++) {
      iv[i] = id;
      cu[i] = c;
      dt[i] = date;
      du[i] = terms ? KW_NA_DATE : date + 30;
      te[i] = terms ? 30 : NAN;
      am[i] = amount / (int64_t)parts;
      double u = gsl_rng_uniform(rng);
      int32_t paid = date + (int32_t)gsl_ran_gamma(rng, 3, 12);
      if (u < 0.08) paid = KW_NA_DATE;                /* open */
      else if (u < 0.0805) paid = date - 3;           /* data error */
      pd[i] = paid;
    }
  }
  add_col(ctx, t, "invoice", KW_ROLE_INVOICE, KW_TYPE_TEXT, NULL, ids, iv);
  add_col(ctx, t, "customer", KW_ROLE_CUSTOMER, KW_TYPE_TEXT,
          kw_dataset_customers(ds), NULL, cu);
  add_col(ctx, t, "date", KW_ROLE_DATE, KW_TYPE_DATE, NULL, NULL, dt);
  add_col(ctx, t, "due", KW_ROLE_DUE_DATE, KW_TYPE_DATE, NULL, NULL, du);
  add_col(ctx, t, "terms", KW_ROLE_TERMS, KW_TYPE_NUMBER, NULL, NULL, te);
  add_col(ctx, t, "paid", KW_ROLE_PAID_DATE, KW_TYPE_DATE, NULL, NULL, pd);
  add_col(ctx, t, "amount", KW_ROLE_AMOUNT, KW_TYPE_MONEY, NULL, NULL, am);
  kw_table_set_rows(t, rows);
  kw_dataset_set_table(ds, t);
  printf("invoices: %zu rows, %zu invoices\n", rows, inv);
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
  size_t ncost = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 2000000;
  size_t ninv = argc > 3 ? (size_t)strtoull(argv[3], NULL, 10) : 1500000;
  unsigned long seed = argc > 4 ? strtoul(argv[4], NULL, 10) : 42;
  if (n == 0) n = 1;
  kw_context *ctx = kw_context_new();
  kw_context_set_seed(ctx, seed);
  kw_dataset *ds = kw_dataset_new(ctx);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!ctx || !ds || !rng) return 1;
  gsl_rng_set(rng, kw_context_seed(ctx));
  int32_t as_of = kw_date_from_ymd(2024, 12, 31);

  double t0 = now();
  synth y;
  memset(&y, 0, sizeof y);
  make_summary(ctx, ds, rng, n, as_of, &y);
  make_costs(ctx, ds, rng, n, ncost);
  make_invoices(ctx, ds, rng, n, ninv, as_of);
  double t_gen = now() - t0;
  double rss_data = peak_mib();
  printf("customers: %zu, cost rows: %zu, seed %lu\n", n, ncost, seed);
  printf("generate:  %8.3f s   peak RSS %8.1f MiB\n", t_gen, rss_data);

  kw_serve_rate rates[] = {{"service", 6500}, {"ticket", 1250},
                           {"returns", 800}};
  kw_profit_options po;
  kw_profit_options_init(&po);
  po.rates = rates;
  po.n_rates = 3;
  kw_profit *profit;
  t0 = now();
  kw_status st = kw_profit_compute(
      ctx, &y.s, kw_dataset_table(ds, KW_TABLE_COSTS), &po, &profit);
  double t_profit = now() - t0;
  if (st) die(ctx, st, "profit");

  kw_pareto_options pa;
  kw_pareto_options_init(&pa);
  pa.profit = profit;
  kw_pareto *pareto;
  t0 = now();
  st = kw_pareto_compute(ctx, &y.s, &pa, &pareto);
  double t_pareto = now() - t0;
  if (st) die(ctx, st, "pareto");

  kw_rfm *rfm;
  t0 = now();
  st = kw_rfm_compute(ctx, &y.s, NULL, &rfm);
  double t_rfm = now() - t0;
  if (st) die(ctx, st, "rfm");

  kw_payments *pay;
  t0 = now();
  st = kw_payments_compute(ctx, &y.s, kw_dataset_table(ds, KW_TABLE_INVOICES),
                           NULL, &pay);
  double t_pay = now() - t0;
  if (st) die(ctx, st, "payments");

  const kw_profit_data *pd = kw_profit_view(profit);
  const kw_pareto_data *ad = kw_pareto_view(pareto);
  const kw_rfm_data *rd = kw_rfm_view(rfm);
  const kw_payments_data *yd = kw_payments_view(pay);
  printf("profit:    %8.3f s   whale peak %.1f%% of customers -> %.1f%% of "
         "contribution\n",
         t_profit, 100 * pd->peak_customer_share, 100 * pd->peak_value_share);
  printf("pareto:    %8.3f s   top 20%% -> %.1f%% of revenue, Gini %.3f\n",
         t_pareto, 100 * ad->top_revenue_share, ad->gini);
  printf("rfm:       %8.3f s   %zu scored, %zu segments\n", t_rfm,
         rd->n_scored, rd->n_segments);
  printf("payments:  %8.3f s   DSO %.1f days, %llu data errors\n", t_pay,
         yd->dso, (unsigned long long)yd->errors_total);
  printf("all four:  %8.3f s   peak RSS %8.1f MiB (+%.1f over the data)\n",
         t_profit + t_pareto + t_rfm + t_pay, peak_mib(),
         peak_mib() - rss_data);

  kw_payments_free(pay);
  kw_rfm_free(rfm);
  kw_pareto_free(pareto);
  kw_profit_free(profit);
  kw_free(ctx, y.first);
  kw_free(ctx, y.last);
  kw_free(ctx, y.orders);
  kw_free(ctx, y.lines);
  kw_free(ctx, y.cost_lines);
  kw_free(ctx, y.zero32);
  kw_free(ctx, y.revenue);
  kw_free(ctx, y.cost);
  kw_free(ctx, y.discount);
  kw_free(ctx, y.zd);
  kw_dataset_free(ds);
  gsl_rng_free(rng);
  kw_context_free(ctx);
  return 0;
}
