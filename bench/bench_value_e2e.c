/*
 * bench_value_e2e.c — the customer-value commands end to end on demo data:
 * the work of `klantwijs profit`, `pareto`, `rfm` and `payments` after the
 * files are read, and peak memory.
 *
 * Usage: bench_value_e2e [customers [dir [seed]]]
 * Defaults: 1 000 000 customers (about 9.4 million sales lines), folder
 * /tmp/kw-bench-value-N, seed 42. The demo set is generated once
 * (kw_demo_generate) and reused when the folder already holds it. Then the
 * sales lines, costs and invoices are loaded (kw_dataset_load), the
 * per-customer summary built, and each analysis timed as the commands run
 * it: profit with the demo's cost rates, Pareto with contribution shares,
 * RFM on revenue, payments. Peak RSS (getrusage) after each step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

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

static void check(kw_context *ctx, kw_status st, const char *what) {
  if (!st) return;
  fprintf(stderr, "bench_value_e2e: %s: %s (%s)\n", what, kw_status_str(st),
          kw_errmsg(ctx));
  exit(1);
}

static void report(const char *what, double t0) {
  printf("  %-28s %8.3f s   peak RSS %8.1f MiB\n", what, now() - t0,
         peak_mib());
  fflush(stdout);
}

int main(int argc, char **argv) {
  size_t customers = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
  char dflt[64];
  snprintf(dflt, sizeof dflt, "/tmp/kw-bench-value-%zu", customers);
  const char *dir = argc > 2 ? argv[2] : dflt;
  uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 42;
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;

  char probe[512];
  snprintf(probe, sizeof probe, "%s/invoices.csv", dir);
  struct stat sb;
  printf("bench_value_e2e: %zu customers in %s\n", customers, dir);
  double t0 = now();
  if (stat(probe, &sb) != 0) {
    kw_demo_options dopt;
    kw_demo_options_init(&dopt);
    dopt.customers = customers;
    dopt.seed = seed;
    dopt.dir = dir;
    check(ctx, kw_demo_generate(ctx, &dopt), "demo");
    report("generate demo data (once)", t0);
  }

  t0 = now();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_COSTS) |
              (1u << KW_TABLE_INVOICES);
  kw_dataset *ds = NULL;
  check(ctx, kw_dataset_load(ctx, &lo, &ds), "load");
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_table *costs = kw_dataset_table(ds, KW_TABLE_COSTS);
  const kw_table *inv = kw_dataset_table(ds, KW_TABLE_INVOICES);
  report("ingest (3 files)", t0);
  printf("  %zu sales lines, %zu cost rows, %zu invoice rows\n",
         kw_table_rows(tx), costs ? kw_table_rows(costs) : 0,
         inv ? kw_table_rows(inv) : 0);

  double t_all = now();
  t0 = now();
  kw_summary *s = NULL;
  check(ctx, kw_summary_build(ctx, ds, NULL, &s), "summary");
  const kw_customer_summary *v = kw_summary_view(s);
  report("summary", t0);

  t0 = now();
  kw_serve_rate rates[] = {{"service_hours", 5500}, {"support_ticket", 2500}};
  kw_profit_options po;
  kw_profit_options_init(&po);
  po.rates = rates;
  po.n_rates = 2;
  kw_profit *p = NULL;
  check(ctx, kw_profit_compute(ctx, v, costs, &po, &p), "profit");
  report("profit", t0);

  t0 = now();
  kw_pareto_options pa_o;
  kw_pareto_options_init(&pa_o);
  pa_o.profit = p;
  kw_pareto *pa = NULL;
  check(ctx, kw_pareto_compute(ctx, v, &pa_o, &pa), "pareto");
  report("pareto (with contribution)", t0);

  t0 = now();
  kw_rfm *r = NULL;
  check(ctx, kw_rfm_compute(ctx, v, NULL, &r), "rfm");
  report("rfm", t0);

  t0 = now();
  kw_payments *pay = NULL;
  check(ctx, kw_payments_compute(ctx, v, inv, NULL, &pay), "payments");
  report("payments", t0);
  report("all four with the summary", t_all);

  const kw_profit_data *pd = kw_profit_view(p);
  const kw_pareto_data *pad = kw_pareto_view(pa);
  const kw_payments_data *pyd = kw_payments_view(pay);
  printf("  check: %zu customers, contribution %.2f, top 20%% share %.4f, "
         "%zu scored, DSO %.1f\n",
         v->n, (double)pd->contribution_total / 100.0,
         pad->top_revenue_share, kw_rfm_view(r)->n_scored, pyd->dso);

  kw_payments_free(pay);
  kw_rfm_free(r);
  kw_pareto_free(pa);
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return 0;
}
