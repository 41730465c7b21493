/*
 * bench_clv — customer-value models at scale.
 *
 * Simulates N customers (default 1,000,000; first argument overrides) from
 * a BG/NBD purchase process (r = 0.25, alpha = 4, a = 0.8, b = 2.5, weeks)
 * with Gamma-Gamma spend (p = 6, q = 3.7, gamma = 15): each customer's
 * first purchase falls on one of the first 84 days of a 273-day (39-week)
 * window, purchases are recorded on whole days, so t_x and T lie on a
 * 1/7-week grid as in real daily data. Then it fits the BG/NBD and the
 * Gamma-Gamma model and predicts for every customer: P(alive), expected
 * purchases in the next 39 weeks, expected spend and a 52-week discounted
 * value (and, not in the total, a 360-day value of the same customers in
 * day units), then the parameter covariance and the 90% delta-method intervals
 * of P(alive) and the value (what `klantwijs analyze` adds). Prints the
 * time of each step (wall and, in brackets, CPU time of the process), the
 * number of distinct patterns and the peak resident memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sys/resource.h>
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

static void print_fit(const char *what, const kw_clv_result *r, double secs) {
  printf("%-22s %8.3f s  ", what, secs);
  for (size_t i = 0; i < r->n_params; i++)
    printf("%s=%.4f ", r->names[i], r->params[i]);
  printf("LL=%.1f iter=%zu starts=%zu |g|=%.1e patterns=%zu%s\n", r->loglik,
         r->iterations, r->starts, r->grad_norm, r->n_patterns,
         r->converged ? "" : " NOT CONVERGED");
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
  if (n == 0) n = 1000000;
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  kw_context_set_log(ctx, on_log, NULL);
  double *x = malloc(n * sizeof *x), *tx = malloc(n * sizeof *tx);
  double *T = malloc(n * sizeof *T), *z = malloc(n * sizeof *z);
  double *pa = malloc(n * sizeof *pa), *ex = malloc(n * sizeof *ex);
  double *sp = malloc(n * sizeof *sp), *val = malloc(n * sizeof *val);
  if (!x || !tx || !T || !z || !pa || !ex || !sp || !val) return 1;

  double t0 = now();
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, (unsigned long)kw_context_seed(ctx));
  for (size_t i = 0; i < n; i++) {
    double lam = gsl_ran_gamma(rng, 0.25, 1 / 4.0);
    double p = gsl_ran_beta(rng, 0.8, 2.5);
    int first = (int)gsl_rng_uniform_int(rng, 84);
    int Td = 273 - first, last = 0, k = 0;
    double t = 0;
    for (;;) {
      t += gsl_ran_exponential(rng, 1 / lam) * 7; /* days */
      if (t > Td) break;
      int day = (int)t;
      if (day > last) { /* same-day purchases merge */
        k++;
        last = day;
      }
      if (gsl_rng_uniform(rng) < p) break;
    }
    x[i] = k;
    tx[i] = last / 7.0;
    T[i] = Td / 7.0;
    double nu = gsl_ran_gamma(rng, 3.7, 1 / 15.0), s = 0;
    for (int j = 0; j < k; j++) s += gsl_ran_gamma(rng, 6.0, 1 / nu);
    z[i] = k ? s / k : 0;
  }
  gsl_rng_free(rng);
  double t1 = now();
  printf("customers              %zu (simulated in %.3f s, not counted)\n", n,
         t1 - t0);

  double total = 0, a, b, c0 = cpu();
  kw_clv_fit *fit = NULL, *gg = NULL;
  a = now();
  if (kw_clv_fit_model(ctx, KW_CLV_BGNBD, x, tx, T, NULL, n, NULL, &fit)) {
    fprintf(stderr, "bgnbd: %s\n", kw_errmsg(ctx));
    return 1;
  }
  b = now();
  total += b - a;
  print_fit("fit bgnbd", kw_clv_fit_result(fit), b - a);

  a = now();
  if (kw_clv_fit_spend(ctx, x, z, NULL, n, NULL, &gg)) {
    fprintf(stderr, "gg: %s\n", kw_errmsg(ctx));
    return 1;
  }
  b = now();
  total += b - a;
  print_fit("fit gamma-gamma", kw_clv_fit_result(gg), b - a);

  a = now();
  kw_status st = kw_clv_p_alive(ctx, fit, x, tx, T, n, pa);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s\n", "predict P(alive)", b - a);

  a = now();
  if (st == KW_OK) st = kw_clv_expected(ctx, fit, x, tx, T, n, 39, ex);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s\n", "predict E[Y(39)]", b - a);

  a = now();
  if (st == KW_OK) st = kw_clv_spend(ctx, gg, x, z, n, sp);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s\n", "predict spend", b - a);

  a = now();
  kw_clv_value_options vo;
  kw_clv_value_options_init(&vo);
  vo.horizon = 52;
  vo.discount = 0.0019; /* about 10% a year, weekly */
  vo.margin = 0.3;
  if (st == KW_OK) st = kw_clv_value(ctx, fit, x, tx, T, sp, n, &vo, val);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s\n", "predict CLV (52 wk)", b - a);
  if (st != KW_OK) {
    fprintf(stderr, "predict: %s\n", kw_errmsg(ctx));
    return 1;
  }
  /* the same customers and fit in day units: a 360-day discounted value
   * (per day, about 10% a year), the case of `klantwijs clv --unit day` */
  {
    const kw_clv_result *rw = kw_clv_fit_result(fit);
    double pd[4] = {rw->params[0], rw->params[1] * 7, rw->params[2],
                    rw->params[3]};
    double *txd = malloc(n * sizeof *txd), *Td = malloc(n * sizeof *Td);
    double *vd = malloc(n * sizeof *vd);
    kw_clv_fit *fd = NULL;
    if (!txd || !Td || !vd ||
        kw_clv_fit_from_params(ctx, KW_CLV_BGNBD, pd, &fd))
      return 1;
    for (size_t i = 0; i < n; i++) {
      txd[i] = round(tx[i] * 7);
      Td[i] = round(T[i] * 7);
    }
    kw_clv_value_options vd_o = vo;
    vd_o.horizon = 360;
    vd_o.discount = 0.000261;
    a = now();
    double ca = cpu();
    if (st == KW_OK)
      st = kw_clv_value(ctx, fd, x, txd, Td, sp, n, &vd_o, vd);
    b = now();
    printf("%-22s %8.3f s  (cpu %.3f s, not in the total)\n",
           "predict CLV (360 d)", b - a, cpu() - ca);
    kw_clv_fit_free(fd);
    free(txd);
    free(Td);
    free(vd);
  }
  double cov[KW_CLV_MAX_PARAMS * KW_CLV_MAX_PARAMS];
  a = now();
  double ca = cpu();
  st = kw_clv_covariance(ctx, fit, x, tx, T, n, cov);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s  (cpu %.3f s)\n", "covariance", b - a, cpu() - ca);
  double *plo = malloc(n * sizeof *plo), *phi = malloc(n * sizeof *phi);
  double *vlo = malloc(n * sizeof *vlo), *vhi = malloc(n * sizeof *vhi);
  if (!plo || !phi || !vlo || !vhi) return 1;
  kw_clv_interval_out io = {plo, phi, vlo, vhi, NAN, NAN};
  a = now();
  ca = cpu();
  if (st == KW_OK)
    st = kw_clv_intervals(ctx, fit, cov, x, tx, T, sp, n, &vo, 0.9, &io);
  b = now();
  total += b - a;
  printf("%-22s %8.3f s  (cpu %.3f s)\n", "90% intervals", b - a, cpu() - ca);
  if (st != KW_OK) {
    fprintf(stderr, "intervals: %s\n", kw_errmsg(ctx));
    return 1;
  }
  printf("90%% interval of the total CLV %.0f .. %.0f\n", io.total_lo,
         io.total_hi);
  free(plo);
  free(phi);
  free(vlo);
  free(vhi);
  double sa = 0, se = 0, sv = 0;
  for (size_t i = 0; i < n; i++) {
    sa += pa[i];
    se += ex[i];
    sv += val[i];
  }
  printf("mean P(alive) %.4f, mean E[Y(39)] %.4f, mean CLV %.2f\n",
         sa / (double)n, se / (double)n, sv / (double)n);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%-22s %8.3f s  (cpu %.3f s)\n", "total (fit + predict)", total,
         cpu() - c0);
  printf("peak RSS               %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
  kw_clv_fit_free(fit);
  kw_clv_fit_free(gg);
  free(x);
  free(tx);
  free(T);
  free(z);
  free(pa);
  free(ex);
  free(sp);
  free(val);
  kw_context_free(ctx);
  return 0;
}
