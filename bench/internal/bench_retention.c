/*
 * bench_retention — retention analytics on synthetic data.
 *
 * Builds a transactions table of N customers (default 1,000,000; first
 * argument overrides) with first purchases spread over 2020-2023, a
 * geometric number of repeat purchases (mean 3) separated by exponential
 * gaps (mean 60 days), as of 2024-12-31. Then times: the churn rule
 * (derived gap, period table, lists, durations), monthly cohorts, and
 * Kaplan–Meier on the churn durations grouped by acquisition year (with
 * the log-rank test). Prints wall time per step and the peak RSS.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "data/table.h"
#include "klantwijs.h"
#include "klantwijs/retention.h"
#include "klantwijs/survival.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_rss_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0; /* Linux: KiB */
}

static uint64_t rng_state;
static uint64_t next_u64(void) {
  uint64_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}
static double uniform01(void) {
  return (double)(next_u64() >> 11) / 9007199254740992.0;
}

static int fail(kw_context *ctx, const char *what) {
  fprintf(stderr, "bench_retention: %s: %s\n", what, kw_errmsg(ctx));
  return 1;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
  if (n == 0) n = 1;
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  rng_state = 0x9E3779B97F4A7C15ULL ^ kw_context_seed(ctx);
  const int32_t d0 = kw_date_from_ymd(2020, 1, 1);
  const int32_t d1 = kw_date_from_ymd(2023, 12, 31);
  const int32_t as_of = kw_date_from_ymd(2024, 12, 31);

  double t = now();
  size_t cap = n * 5 + 16, rows = 0;
  uint32_t *cust = kw_malloc(ctx, cap * sizeof *cust);
  int32_t *date = kw_malloc(ctx, cap * sizeof *date);
  int64_t *amt = kw_malloc(ctx, cap * sizeof *amt);
  if (!cust || !date || !amt) return fail(ctx, "allocation");
  for (size_t c = 0; c < n; c++) {
    double day = d0 + floor(uniform01() * (d1 - d0 + 1));
    for (;;) {
      if (rows == cap) {
        cap *= 2;
        cust = kw_realloc(ctx, cust, cap * sizeof *cust);
        date = kw_realloc(ctx, date, cap * sizeof *date);
        amt = kw_realloc(ctx, amt, cap * sizeof *amt);
        if (!cust || !date || !amt) return fail(ctx, "allocation");
      }
      cust[rows] = (uint32_t)c;
      date[rows] = (int32_t)day;
      amt[rows] = 500 + (int64_t)(uniform01() * 20000);
      rows++;
      if (uniform01() < 0.25) break; /* 3 repeats on average */
      day += ceil(-60.0 * log(1.0 - uniform01()));
      if (day > as_of) break;
    }
  }
  kw_table *tx = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  if (!tx ||
      kw_table_add_column(ctx, tx, "customer", KW_ROLE_CUSTOMER, KW_TYPE_TEXT,
                          NULL, NULL, cust, NULL) ||
      kw_table_add_column(ctx, tx, "date", KW_ROLE_DATE, KW_TYPE_DATE, NULL,
                          NULL, date, NULL) ||
      kw_table_add_column(ctx, tx, "amount", KW_ROLE_AMOUNT, KW_TYPE_MONEY,
                          NULL, NULL, amt, NULL))
    return fail(ctx, "table");
  kw_table_set_rows(tx, rows);
  printf("data       %9zu customers %10zu lines  %7.3f s  peak RSS %7.1f MiB\n",
         n, rows, now() - t, peak_rss_mib());

  kw_churn_options co;
  kw_churn_options_init(&co);
  co.as_of = as_of;
  t = now();
  kw_churn *ch = NULL;
  if (kw_churn_purchases(ctx, tx, &co, &ch)) return fail(ctx, "churn");
  const kw_churn_info *ci = kw_churn_info_view(ch);
  printf("churn rule gap %.0f d, churned %zu of %zu, %zu periods  %7.3f s  "
         "peak RSS %7.1f MiB\n",
         ci->gap_days, ci->n_churned, ci->n_buyers, kw_churn_period_count(ch),
         now() - t, peak_rss_mib());

  kw_cohort_options oo;
  kw_cohort_options_init(&oo);
  oo.as_of = as_of;
  t = now();
  kw_cohorts *coh = NULL;
  if (kw_cohorts_build(ctx, tx, &oo, &coh)) return fail(ctx, "cohorts");
  printf("cohorts    %zu monthly cohorts x %zu ages  %7.3f s  peak RSS %7.1f "
         "MiB\n",
         kw_cohorts_count(coh), kw_cohorts_ages(coh), now() - t,
         peak_rss_mib());

  /* Kaplan–Meier on the churn durations by acquisition year */
  const kw_churn_durations *du = kw_churn_durations_view(ch);
  const kw_churn_customers *cu = kw_churn_customers_view(ch);
  uint32_t *grp = kw_malloc(ctx, (du->n ? du->n : 1) * sizeof *grp);
  if (!grp) return fail(ctx, "allocation");
  for (size_t i = 0; i < du->n; i++) {
    int y, m, d;
    kw_date_to_ymd(cu->first[du->customer[i]], &y, &m, &d);
    grp[i] = (uint32_t)(y - 2020);
  }
  const char *names[] = {"2020", "2021", "2022", "2023"};
  const double at[] = {90, 180, 365, 730};
  kw_km_options ko;
  kw_km_options_init(&ko);
  ko.at_times = at;
  ko.n_at_times = 4;
  t = now();
  kw_km *km = NULL;
  if (kw_km_fit(ctx, du->duration, du->event, du->n, grp, 4, names, &ko, &km))
    return fail(ctx, "kaplan-meier");
  const kw_km_median *md = kw_km_group_median(km, 0);
  printf("km         %zu subjects, %zu times in 2020, median %.0f d, "
         "log-rank chi2 %.1f  %7.3f s  peak RSS %7.1f MiB\n",
         du->n, kw_km_group_curve(km, 0)->n_times, md->median,
         kw_km_logrank(km)->chi2, now() - t, peak_rss_mib());

  kw_km_free(km);
  kw_free(ctx, grp);
  kw_cohorts_free(coh);
  kw_churn_free(ch);
  kw_table_free(ctx, tx);
  kw_context_free(ctx);
  return 0;
}
