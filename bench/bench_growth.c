/*
 * bench_growth — the growth analyses on a data folder.
 *
 *   bench_growth [DIR | --customers N]
 *
 * Without DIR a demo data set of N customers (default 1,000,000) is
 * written to a temporary folder first (kw_demo_generate; not timed). Then
 * times loading, the per-customer summary, trends (months), the journey
 * (stage order inferred, Markov attribution), referrals and acquisition
 * channels with discounts (CAC from a marketing spend file of the demo's
 * six channels x 36 months, written with the demo data), and prints each
 * step's wall time, the customers, lines and touchpoints, and the peak
 * resident memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0;
}

static int fail(kw_context *ctx, const char *what) {
  fprintf(stderr, "bench_growth: %s: %s\n", what, kw_errmsg(ctx));
  return 1;
}

int main(int argc, char **argv) {
  size_t n = 1000000;
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--customers") == 0 && i + 1 < argc)
      n = (size_t)strtoull(argv[++i], NULL, 10);
    else
      dir = argv[i];
  }
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  kw_context_set_threads(ctx, cpus > 0 ? (int)(cpus < 8 ? cpus : 8) : 1);
  char tmp[] = "/tmp/kwbenchgrowthXXXXXX";
  if (!dir) {
    if (!mkdtemp(tmp)) return 1;
    kw_demo_options d;
    kw_demo_options_init(&d);
    d.customers = n;
    d.dir = tmp;
    double t0 = now();
    if (kw_demo_generate(ctx, &d)) return fail(ctx, "demo");
    printf("demo data: %zu customers written in %.2f s (not counted)\n", n,
           now() - t0);
    dir = tmp;
    /* marketing spend: every channel of the demo, every month */
    char sp[256];
    snprintf(sp, sizeof sp, "%s/marketing_spend.csv", tmp);
    FILE *f = fopen(sp, "w");
    if (!f) return 1;
    static const char *const ch[] = {"website", "Google Ads",
                                     "vertegenwoordiger", "doorverwijzing",
                                     "beurs", "sociale media"};
    fputs("kanaal;maand;bedrag\n", f);
    for (int y = 2023; y <= 2025; y++)
      for (int m = 1; m <= 12; m++)
        for (size_t c = 0; c < 6; c++)
          fprintf(f, "%s;01/%02d/%d;%zu,00\n", ch[c], m, y,
                  (n / 100 + 1) * (c + 1) * 10);
    if (fclose(f)) return 1;
  }
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  kw_dataset *ds = NULL;
  double t = now(), t0 = t;
  if (kw_dataset_load(ctx, &lo, &ds)) return fail(ctx, "load");
  printf("%-28s %8.3f s\n", "load", now() - t);
  t = now();
  kw_summary *s = NULL;
  if (kw_summary_build(ctx, ds, NULL, &s)) return fail(ctx, "summary");
  const kw_customer_summary *v = kw_summary_view(s);
  printf("%-28s %8.3f s\n", "summary", now() - t);
  t = now();
  kw_trends *tr = NULL;
  if (kw_trends_compute(ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS),
                        NULL, &tr))
    return fail(ctx, "trends");
  printf("%-28s %8.3f s  (%zu months, %zu rate breaks)\n", "trends",
         now() - t, kw_trends_view(tr)->n, kw_trends_view(tr)->n_breaks);
  t = now();
  kw_journey *j = NULL;
  if (kw_dataset_table(ds, KW_TABLE_TOUCHPOINTS)) {
    if (kw_journey_compute(ctx, ds, NULL, &j)) return fail(ctx, "journey");
    printf("%-28s %8.3f s  (%llu touchpoints, %zu steps)\n", "journey",
           now() - t, (unsigned long long)kw_journey_view(j)->touches,
           kw_journey_view(j)->n_steps);
  }
  t = now();
  kw_referrals *r = NULL;
  if (kw_dataset_table(ds, KW_TABLE_REFERRALS)) {
    if (kw_referrals_compute(ctx, ds, v, NULL, &r))
      return fail(ctx, "referrals");
    printf("%-28s %8.3f s  (%llu referred)\n", "referrals", now() - t,
           (unsigned long long)kw_referrals_view(r)->edges);
  }
  t = now();
  kw_acquisition *a = NULL;
  if (kw_acquisition_compute(ctx, ds, v, NULL, &a))
    return fail(ctx, "acquisition");
  printf("%-28s %8.3f s  (%zu channels, %zu spend cells, %zu segments)\n",
         "acquisition + discounts", now() - t, kw_acquisition_view(a)->n,
         kw_acquisition_view(a)->n_spend_months,
         kw_acquisition_view(a)->n_seg);
  printf("%-28s %8.3f s\n", "total (from load)", now() - t0);
  printf("customers %zu, lines %llu, peak RSS %.0f MiB\n", v->n_buyers,
         (unsigned long long)v->lines_used, peak_mib());
  kw_acquisition_free(a);
  kw_referrals_free(r);
  kw_journey_free(j);
  kw_trends_free(tr);
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  if (dir == tmp) {
    static const char *const files[] = {
        "transactions.csv", "customers.csv", "invoices.csv", "costs.csv",
        "feedback.csv", "touchpoints.csv", "referrals.csv", "truth.json",
        "truth_customers.csv", "marketing_spend.csv"};
    char p[256];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
      snprintf(p, sizeof p, "%s/%s", tmp, files[i]);
      unlink(p);
    }
    rmdir(tmp);
  }
  return 0;
}
