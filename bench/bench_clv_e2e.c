/*
 * bench_clv_e2e — customer value from a transaction file, end to end: the
 * work of `klantwijs clv FILE --as-of ... --holdout-end ...`.
 *
 * Writes a CSV transaction log of N customers (default 200,000; first
 * argument overrides) to a temporary file: BG/NBD purchases (r = 0.25,
 * alpha = 4, a = 0.8, b = 2.5 per week) over a 546-day window, first
 * purchases in the first 84 days, Gamma-Gamma amounts (p = 6, q = 3.7,
 * gamma = 15), on whole days. Then it times each step: loading the file,
 * building the calibration data at day 273 with a holdout to day 546
 * (weeks), fitting the BG/NBD and the Gamma-Gamma model, predicting for
 * every customer (P(alive), E[Y(52)], P(none), spend, value), and the
 * holdout evaluation with weekly tracking. Prints the times, the number of
 * distinct (x, t_x, T) patterns and the peak resident memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void on_log(void *u, kw_log_level l, const char *m) {
  (void)u;
  if (l >= KW_LOG_WARN) fprintf(stderr, "warning: %s\n", m);
}

static int fail(kw_context *ctx, const char *what, const char *tmp) {
  fprintf(stderr, "%s: %s\n", what, kw_errmsg(ctx));
  unlink(tmp);
  return 1;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 200000;
  if (n == 0) n = 200000;
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  kw_context_set_log(ctx, on_log, NULL);
  char tmp[] = "/tmp/kw_bench_clv_XXXXXX";
  int fd = mkstemp(tmp);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) return 1;
  const int32_t d0 = kw_date_from_ymd(2023, 1, 1);
  double t0 = now();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, (unsigned long)kw_context_seed(ctx));
  fputs("customer,date,amount\n", f);
  size_t lines = 0;
  char date[11];
  for (size_t i = 0; i < n; i++) {
    double lam = gsl_ran_gamma(rng, 0.25, 1 / 4.0);
    double p = gsl_ran_beta(rng, 0.8, 2.5);
    double nu = gsl_ran_gamma(rng, 3.7, 1 / 15.0);
    int first = (int)gsl_rng_uniform_int(rng, 84);
    double t = 0;
    int day = first;
    for (;;) {
      double z = gsl_ran_gamma(rng, 6.0, 1 / nu);
      fprintf(f, "C%07zu,%s,%.2f\n", i + 1, kw_date_format(date, d0 + day, 0),
              z);
      lines++;
      if (t > 0 && gsl_rng_uniform(rng) < p) break;
      t += gsl_ran_exponential(rng, 1 / lam) * 7; /* days */
      if (t > 545 - first) break;
      day = first + (int)t;
    }
  }
  gsl_rng_free(rng);
  if (fclose(f) != 0) return 1;
  printf("customers              %zu, %zu lines (written in %.3f s, not "
         "counted)\n", n, lines, now() - t0);

  double total = 0, a = now(), b;
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = tmp;
  lo.tables = 1u << KW_TABLE_TRANSACTIONS;
  kw_dataset *ds = NULL;
  if (kw_dataset_load(ctx, &lo, &ds)) return fail(ctx, "load", tmp);
  unlink(tmp);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s\n", "load", b - a);

  a = now();
  kw_clv_data_options dopt;
  kw_clv_data_options_init(&dopt);
  dopt.as_of = d0 + 272;
  dopt.holdout_end = d0 + 545;
  dopt.unit = KW_UNIT_WEEK;
  kw_clv_data *data = NULL;
  if (kw_clv_data_build(ctx, ds, &dopt, &data)) return fail(ctx, "data", tmp);
  const kw_clv_input *v = kw_clv_data_view(data);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s  (%zu customers, %zu repeat buyers)\n",
         "calibration + holdout", b - a, v->n, v->n_repeat);

  a = now();
  kw_clv_fit *fit = NULL, *gg = NULL;
  if (kw_clv_fit_model(ctx, KW_CLV_BGNBD, v->x, v->t_x, v->T, NULL, v->n,
                       NULL, &fit))
    return fail(ctx, "bgnbd", tmp);
  b = now();
  total += b - a;
  const kw_clv_result *r = kw_clv_fit_result(fit);
  printf("%-22s %8.3f s  r=%.4f alpha=%.4f a=%.4f b=%.4f, %zu distinct "
         "patterns%s\n", "fit bgnbd", b - a, r->params[0], r->params[1],
         r->params[2], r->params[3], r->n_patterns,
         r->converged ? "" : " NOT CONVERGED");

  a = now();
  if (kw_clv_fit_spend(ctx, v->x, v->zbar, NULL, v->n, NULL, &gg))
    return fail(ctx, "gg", tmp);
  b = now();
  total += b - a;
  r = kw_clv_fit_result(gg);
  printf("%-22s %8.3f s  p=%.4f q=%.4f gamma=%.4f, %zu patterns\n",
         "fit gamma-gamma", b - a, r->params[0], r->params[1], r->params[2],
         r->n_patterns);

  a = now();
  kw_clv_predict_options po;
  kw_clv_predict_options_init(&po);
  po.horizon = 52;
  po.discount = 0.0019;
  po.margin = 0.3;
  kw_clv_pred *pred = NULL;
  if (kw_clv_data_predict(ctx, fit, gg, data, &po, &pred))
    return fail(ctx, "predict", tmp);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s  (total value %.0f)\n", "predict all", b - a,
         kw_clv_pred_view(pred)->total_value);

  a = now();
  kw_clv_evaluation ev;
  double *track = malloc(v->n_periods * sizeof *track);
  if (!track ||
      kw_clv_evaluate(ctx, fit, v->x, v->t_x, v->T, v->holdout, v->n,
                      v->holdout_len, &ev) ||
      kw_clv_tracking(ctx, fit, v->offset, v->n, v->n_periods, track))
    return fail(ctx, "evaluate", tmp);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s  (holdout actual %.0f, predicted %.0f; %zu weeks "
         "tracked)\n", "evaluate + tracking", b - a, ev.sum_actual,
         ev.sum_predicted, v->n_periods);

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%-22s %8.3f s\n", "total", total);
  printf("peak RSS               %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
  free(track);
  kw_clv_pred_free(pred);
  kw_clv_fit_free(fit);
  kw_clv_fit_free(gg);
  kw_clv_data_free(data);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return 0;
}
