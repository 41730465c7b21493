/*
 * bench_retention_e2e — the retention commands end to end on demo data.
 *
 * Generates the demo data set of N customers (default 1,000,000; first
 * argument overrides) once into a folder (second argument, default
 * /tmp/kw-bench-retention-N; reused when its truth.json exists), then
 * times what `klantwijs cohorts`, `churn`, `churn --drivers` and
 * `survival --by sector` do through the public API: loading the
 * transactions and customers tables, the per-customer summary (the value
 * of the churn lists), the churn rule, monthly cohorts, Kaplan–Meier by
 * sector with the log-rank test, the right-censored sBG fit of the same
 * durations in months, and the churn drivers (summary up to the cutoff,
 * sector, size and consent). Prints wall time per step and the peak RSS.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "klantwijs.h"
#include "klantwijs/demo.h"
#include "klantwijs/retention.h"
#include "klantwijs/summary.h"
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

static int fail(kw_context *ctx, const char *what) {
  fprintf(stderr, "bench_retention_e2e: %s: %s\n", what, kw_errmsg(ctx));
  return 1;
}

static void report(const char *step, double t0) {
  printf("%-34s %8.2f s   peak RSS %7.0f MiB\n", step, now() - t0,
         peak_rss_mib());
  fflush(stdout);
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
  char dir[512], truth[600];
  if (argc > 2)
    snprintf(dir, sizeof dir, "%s", argv[2]);
  else
    snprintf(dir, sizeof dir, "/tmp/kw-bench-retention-%zu", n);
  snprintf(truth, sizeof truth, "%s/truth.json", dir);
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  struct stat sb;
  double t = now();
  if (stat(truth, &sb) != 0) {
    kw_demo_options d;
    kw_demo_options_init(&d);
    d.customers = n;
    d.seed = 42;
    d.dir = dir;
    if (kw_demo_generate(ctx, &d)) return fail(ctx, "demo");
    report("demo data (generated once)", t);
  } else {
    printf("demo data of %zu customers reused from %s\n", n, dir);
  }

  t = now();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_CUSTOMERS);
  kw_dataset *ds = NULL;
  if (kw_dataset_load(ctx, &lo, &ds)) return fail(ctx, "load");
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  printf("%zu transaction lines, %zu customers\n", kw_table_rows(tx),
         kw_table_rows(cu));
  report("load transactions + customers", t);

  t = now();
  kw_cohort_options co;
  kw_cohort_options_init(&co);
  kw_cohorts *coh = NULL;
  if (kw_cohorts_build(ctx, tx, &co, &coh)) return fail(ctx, "cohorts");
  report("cohorts (monthly, 7 matrices)", t);
  kw_cohorts_free(coh);

  t = now();
  kw_summary_options so;
  kw_summary_options_init(&so);
  kw_summary *sum = NULL;
  if (kw_summary_build(ctx, ds, &so, &sum)) return fail(ctx, "summary");
  const kw_customer_summary *v = kw_summary_view(sum);
  double *value = malloc(v->n * sizeof *value);
  if (!value) return 1;
  for (size_t i = 0; i < v->n; i++) value[i] = (double)v->revenue[i] / 100;
  report("summary (revenue as list value)", t);

  t = now();
  kw_churn_options ho;
  kw_churn_options_init(&ho);
  ho.value = value;
  ho.n_value = v->n;
  ho.duration_unit_days = 30.4375;
  kw_churn *ch = NULL;
  if (kw_churn_purchases(ctx, tx, &ho, &ch)) return fail(ctx, "churn");
  const kw_churn_info *I = kw_churn_info_view(ch);
  printf("gap %.1f days; %zu active, %zu at risk, %zu churned\n", I->gap_days,
         I->n_active, I->n_at_risk, I->n_churned);
  report("churn (gap rule, periods, lists)", t);

  /* Kaplan–Meier by sector: customer id -> sector code */
  t = now();
  const kw_column *cid = kw_table_role(cu, KW_ROLE_CUSTOMER);
  const kw_column *sec = kw_table_role(cu, KW_ROLE_SECTOR);
  const kw_churn_durations *du = kw_churn_durations_view(ch);
  size_t nsec = kw_dict_size(sec->dict);
  uint32_t *idsec = malloc(v->n * sizeof *idsec);
  uint32_t *grp = malloc((du->n ? du->n : 1) * sizeof *grp);
  const char **names = malloc(nsec * sizeof *names);
  if (!idsec || !grp || !names) return 1;
  for (size_t i = 0; i < v->n; i++) idsec[i] = KW_NA_ID;
  for (size_t r = 0; r < kw_table_rows(cu); r++)
    if (cid->v.text[r] < v->n) idsec[cid->v.text[r]] = sec->v.text[r];
  for (size_t i = 0; i < du->n; i++) grp[i] = idsec[du->customer[i]];
  for (size_t g = 0; g < nsec; g++) names[g] = kw_dict_str(sec->dict, (uint32_t)g);
  kw_km *km = NULL;
  if (kw_km_fit(ctx, du->duration, du->event, du->n, grp, nsec, names, NULL,
                &km))
    return fail(ctx, "km");
  printf("log-rank chi2 %.1f on %.0f df\n", kw_km_logrank(km)->chi2,
         kw_km_logrank(km)->df);
  report("survival: KM by sector + log-rank", t);
  kw_km_free(km);

  t = now();
  size_t T = 0;
  for (size_t i = 0; i < du->n; i++) {
    double p = du->event[i] ? ceil(du->duration[i]) : floor(du->duration[i]);
    if (p > (double)T) T = (size_t)p;
  }
  double *dc = calloc(2 * (T + 2), sizeof *dc);
  if (!dc) return 1;
  for (size_t i = 0; i < du->n; i++) {
    if (du->event[i]) {
      double p = ceil(du->duration[i]);
      dc[p < 1 ? 1 : (size_t)p] += 1;
    } else {
      dc[T + 2 + (size_t)floor(du->duration[i])] += 1;
    }
  }
  kw_sbg *sbg = NULL;
  kw_status st = kw_sbg_fit_counts(ctx, dc, dc + T + 2, T + 1, NULL, &sbg);
  if (st) return fail(ctx, "sbg");
  printf("sBG alpha %.4f beta %.4f (%s)\n", kw_sbg_info(sbg)->alpha,
         kw_sbg_info(sbg)->beta,
         kw_sbg_info(sbg)->status == KW_OK ? "converged" : "not converged");
  report("survival --model sbg (counts)", t);
  kw_sbg_free(sbg);
  free(dc);

  /* drivers: behaviour up to the cutoff, sector, size, consent */
  t = now();
  int32_t cutoff = I->as_of - (int32_t)floor(I->gap_days) - 1;
  kw_summary_options_init(&so);
  so.as_of = cutoff;
  kw_summary *s2 = NULL;
  if (kw_summary_build(ctx, ds, &so, &s2)) return fail(ctx, "summary 2");
  const kw_customer_summary *w = kw_summary_view(s2);
  const kw_churn_customers *cs = kw_churn_customers_view(ch);
  const kw_column *siz = kw_table_role(cu, KW_ROLE_SIZE);
  const kw_column *con = kw_table_role(cu, KW_ROLE_CONSENT);
  size_t m = 0;
  int8_t *y = malloc(w->n);
  double *orders = malloc(w->n * sizeof *orders);
  double *rev = malloc(w->n * sizeof *rev);
  double *rec = malloc(w->n * sizeof *rec);
  uint32_t *fs = malloc(w->n * sizeof *fs), *fz = malloc(w->n * sizeof *fz);
  int8_t *fc = malloc(w->n);
  uint32_t *idrow = malloc(w->n * sizeof *idrow);
  if (!y || !orders || !rev || !rec || !fs || !fz || !fc || !idrow) return 1;
  for (size_t i = 0; i < w->n; i++) idrow[i] = UINT32_MAX;
  for (size_t r = 0; r < kw_table_rows(cu); r++)
    if (cid->v.text[r] < w->n) idrow[cid->v.text[r]] = (uint32_t)r;
  for (size_t i = 0; i < w->n && i < cs->n; i++) {
    if (w->first[i] == KW_NA_DATE || cs->status[i] == KW_CHURN_NONE) continue;
    uint32_t r = idrow[i];
    y[m] = cs->status[i] == KW_CHURN_CHURNED;
    orders[m] = w->orders[i];
    rev[m] = (double)w->revenue[i] / 100;
    rec[m] = (double)(cutoff - w->last[i]);
    fs[m] = r == UINT32_MAX ? KW_NA_ID : sec->v.text[r];
    fz[m] = r == UINT32_MAX ? KW_NA_ID : siz->v.text[r];
    fc[m] = r == UINT32_MAX ? KW_NA_FLAG : con->v.flag[r];
    m++;
  }
  kw_column fcol[6];
  memset(fcol, 0, sizeof fcol);
  fcol[0] = (kw_column){.name = "orders", .type = KW_TYPE_NUMBER, .v.number = orders};
  fcol[1] = (kw_column){.name = "revenue", .type = KW_TYPE_NUMBER, .v.number = rev};
  fcol[2] = (kw_column){.name = "recency", .type = KW_TYPE_NUMBER, .v.number = rec};
  fcol[3] = *sec;
  fcol[3].v.text = fs;
  fcol[4] = *siz;
  fcol[4].v.text = fz;
  fcol[5] = *con;
  fcol[5].v.flag = fc;
  const kw_column *fp[6] = {&fcol[0], &fcol[1], &fcol[2],
                            &fcol[3], &fcol[4], &fcol[5]};
  kw_churn_drivers *drv = NULL;
  if (kw_churn_drivers_compute(ctx, y, m, fp, 6, NULL, &drv))
    return fail(ctx, "drivers");
  printf("drivers: %zu customers, AUC %.3f\n", kw_churn_drivers_rows(drv),
         kw_churn_drivers_model_view(drv) ? kw_churn_drivers_model_view(drv)->auc : 0.0);
  report("churn --drivers (summary + fit)", t);
  kw_churn_drivers_free(drv);
  kw_summary_free(s2);
  free(y), free(orders), free(rev), free(rec), free(fs), free(fz), free(fc);
  free(idrow);
  free(idsec), free(grp), free(names);
  kw_churn_free(ch);
  free(value);
  kw_summary_free(sum);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return 0;
}
