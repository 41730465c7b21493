/*
 * bench_clv_extremes — Pareto/NBD fits at the extremes.
 *
 * 1. 300 customers simulated from a Pareto/NBD process in days (r = 0.5,
 *    alpha = 40, s = 0.6, beta = 400; first purchases over the first 365
 *    days of a 730-day window, whole days) plus one daily buyer (x = 500,
 *    t_x = 725, T = 730): the Pareto/NBD fit and the auto choice (BG/NBD,
 *    MBG/NBD, Pareto/NBD), with and without that customer.
 * 2. 16,000 customers from the same process, in days (--unit day): the
 *    Pareto/NBD fit.
 * 3. With KW_SHARED_DATA (or the first argument) naming the shared data
 *    folder: the full CDNOW cohort (23,570 customers, lifetimes'
 *    CDNOW_master.txt) in days up to 1997-09-30, Pareto/NBD.
 * 4. With the shared data folder: the UCI Online Retail export (4,339
 *    customers, weeks, as `klantwijs clv ... --model pnbd`): the fit drifts
 *    to s -> 0, beta -> infinity, which puts z within 1e-3 of 1 in the
 *    Pareto/NBD likelihood (took 72 s of CPU before the connection formula).
 * Prints the time of each fit, the parameters and the number of distinct
 * patterns (wall and process CPU time: on a loaded machine the CPU time is
 * the better figure). Goal: under 0.5 s each.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void on_log(void *u, kw_log_level l, const char *m) {
  (void)u;
  if (l >= KW_LOG_WARN) fprintf(stderr, "warning: %s\n", m);
  else if (getenv("KW_BENCH_DEBUG")) fprintf(stderr, "debug: %s\n", m);
}

static void print_fit(const char *what, const kw_clv_result *r, double secs,
                      double cpus) {
  printf("%-30s %6.3f s (cpu %6.3f s)  %s ", what, secs, cpus,
         kw_clv_model_name(r->model));
  for (size_t i = 0; i < r->n_params; i++)
    printf("%s=%.4g ", r->names[i], r->params[i]);
  printf("LL=%.2f patterns=%zu%s\n", r->loglik, r->n_patterns,
         r->converged ? "" : " NOT CONVERGED");
}

static double P_R = 0.5, P_ALPHA = 40, P_S = 0.6, P_BETA = 400;

/* Pareto/NBD customers in whole days. */
static void simulate(gsl_rng *rng, size_t n, double *x, double *tx,
                     double *T) {
  for (size_t i = 0; i < n; i++) {
    double lam = gsl_ran_gamma(rng, P_R, 1 / P_ALPHA);
    double mu = gsl_ran_gamma(rng, P_S, 1 / P_BETA);
    int first = (int)gsl_rng_uniform_int(rng, 365);
    int Td = 730 - first, last = 0, k = 0;
    double life = gsl_ran_exponential(rng, 1 / mu), t = 0;
    for (;;) {
      t += gsl_ran_exponential(rng, 1 / lam);
      if (t > Td || t > life) break;
      int day = (int)t;
      if (day > last) {
        k++;
        last = day;
      }
    }
    x[i] = k;
    tx[i] = last;
    T[i] = Td;
  }
}

static int fit_one(kw_context *ctx, const char *what, kw_clv_model m,
                   const double *x, const double *tx, const double *T,
                   size_t n) {
  kw_clv_fit *f = NULL;
  double a = now(), ca = cpu();
  kw_status st = m == KW_CLV_MODEL__COUNT
                     ? kw_clv_fit_auto(ctx, x, tx, T, NULL, n, NULL, &f, NULL)
                     : kw_clv_fit_model(ctx, m, x, tx, T, NULL, n, NULL, &f);
  double b = now(), cb = cpu();
  if (st) {
    fprintf(stderr, "%s: %s\n", what, kw_errmsg(ctx));
    return 1;
  }
  print_fit(what, kw_clv_fit_result(f), b - a, cb - ca);
  kw_clv_fit_free(f);
  return 0;
}

static int cdnow(kw_context *ctx, const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/lifetimes/CDNOW_master.txt", dir);
  FILE *f = fopen(path, "r");
  if (!f) {
    printf("(no %s: CDNOW case skipped)\n", path);
    return 0;
  }
  /* customer_id date number_of_cds dollar_value, sorted by customer */
  size_t cap = 30000, n = 0;
  double *x = calloc(cap, sizeof *x), *tx = calloc(cap, sizeof *tx);
  double *T = calloc(cap, sizeof *T);
  char line[256];
  long cur = -1, first = 0, last = 0, asof;
  struct tm tm = {0};
  tm.tm_year = 97;
  tm.tm_mon = 8;
  tm.tm_mday = 30;
  asof = (long)(timegm(&tm) / 86400);
  if (!fgets(line, sizeof line, f)) return 1;
  while (fgets(line, sizeof line, f)) {
    long id, ymd;
    if (sscanf(line, "%ld %ld", &id, &ymd) != 2) continue;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = (int)(ymd / 10000) - 1900;
    tm.tm_mon = (int)(ymd / 100 % 100) - 1;
    tm.tm_mday = (int)(ymd % 100);
    long day = (long)(timegm(&tm) / 86400);
    if (id != cur) {
      if (n == cap) break;
      cur = id;
      first = last = day;
      n++;
      x[n - 1] = 0;
      tx[n - 1] = 0;
      T[n - 1] = (double)(asof - day);
      continue;
    }
    if (day > asof || day <= last) continue;
    last = day;
    x[n - 1] += 1;
    tx[n - 1] = (double)(day - first);
  }
  fclose(f);
  printf("CDNOW master: %zu customers, days\n", n);
  int rc = fit_one(ctx, "cdnow pnbd (days)", KW_CLV_PNBD, x, tx, T, n);
  free(x);
  free(tx);
  free(T);
  return rc;
}

static int online_retail(kw_context *ctx, const char *dir) {
  char path[4096];
  snprintf(path, sizeof path,
           "%s/online_retail/online_retail_2010-12_2011-12.csv", dir);
  FILE *f = fopen(path, "r");
  if (!f) {
    printf("(no %s: Online Retail case skipped)\n", path);
    return 0;
  }
  fclose(f);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = path;
  lo.tables = 1u << KW_TABLE_TRANSACTIONS;
  kw_dataset *ds = NULL;
  kw_clv_data_options dopt;
  kw_clv_data_options_init(&dopt);
  dopt.unit = KW_UNIT_WEEK;
  kw_clv_data *data = NULL;
  if (kw_dataset_load(ctx, &lo, &ds) ||
      kw_clv_data_build(ctx, ds, &dopt, &data)) {
    fprintf(stderr, "online retail: %s\n", kw_errmsg(ctx));
    kw_dataset_free(ds);
    return 1;
  }
  const kw_clv_input *v = kw_clv_data_view(data);
  printf("Online Retail: %zu customers, weeks\n", v->n);
  int rc = fit_one(ctx, "online retail pnbd (weeks)", KW_CLV_PNBD, v->x,
                   v->t_x, v->T, v->n);
  rc |= fit_one(ctx, "online retail auto (weeks)", KW_CLV_MODEL__COUNT, v->x,
                v->t_x, v->T, v->n);
  kw_clv_data_free(data);
  kw_dataset_free(ds);
  return rc;
}

int main(int argc, char **argv) {
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  kw_context_set_log(ctx, on_log, NULL);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, 12);
  if (getenv("KW_BENCH_PARAMS"))
    sscanf(getenv("KW_BENCH_PARAMS"), "%lf %lf %lf %lf", &P_R, &P_ALPHA, &P_S,
           &P_BETA);
  size_t n1 = 301, n2 = 16000;
  double *x = malloc(n2 * sizeof *x), *tx = malloc(n2 * sizeof *tx);
  double *T = malloc(n2 * sizeof *T);
  if (!x || !tx || !T) return 1;
  simulate(rng, n1 - 1, x, tx, T);
  x[n1 - 1] = 500; /* the daily buyer */
  tx[n1 - 1] = 725;
  T[n1 - 1] = 730;
  int rc = 0;
  rc |= fit_one(ctx, "300 customers pnbd", KW_CLV_PNBD, x, tx, T, n1 - 1);
  rc |= fit_one(ctx, "301 with x = 500 pnbd", KW_CLV_PNBD, x, tx, T, n1);
  rc |= fit_one(ctx, "300 customers auto", KW_CLV_MODEL__COUNT, x, tx, T,
                n1 - 1);
  rc |= fit_one(ctx, "301 with x = 500 auto", KW_CLV_MODEL__COUNT, x, tx, T,
                n1);
  simulate(rng, n2, x, tx, T);
  rc |= fit_one(ctx, "16,000 customers pnbd (days)", KW_CLV_PNBD, x, tx, T,
                n2);
  const char *dir = argc > 1 ? argv[1] : getenv("KW_SHARED_DATA");
  if (dir) rc |= cdnow(ctx, dir);
  if (dir) rc |= online_retail(ctx, dir);
  gsl_rng_free(rng);
  free(x);
  free(tx);
  free(T);
  kw_context_free(ctx);
  return rc;
}
