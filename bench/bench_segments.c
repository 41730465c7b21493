/*
 * bench_segments.c — time and peak memory of the behavioural clustering.
 *
 * Usage: bench_segments [rows [k [seed [sd]]]]    (default 1000000 8 1 1)
 *        bench_segments --data DIR                   (a data folder)
 *
 * 1. k-means on rows x 3 (eight Gaussian blobs of standard deviation sd
 *    around centres in [-10, 10]^3, seeded; sd 4 makes them overlap and
 *    Lloyd take many more iterations): one k-means++
 *    start and Lloyd to convergence, the case scikit-learn's KMeans
 *    (n_init=1, algorithm="lloyd") takes 1.36 s for on this machine; then
 *    the default of four seeded restarts.
 * 2. The clustering step of `segments` on rows customers x 9 features:
 *    k chosen from 3..8 by the silhouette (k-means with four restarts on a
 *    seeded sample of 50,000 rows, silhouette on 2,000), then one Lloyd
 *    run on all rows from the sample's best centres (as segments.c does).
 * With --data, the whole `segments` run (analysis + segments) on a folder,
 * e.g. `klantwijs demo --customers 1000000 -o big`.
 * Peak RSS comes from getrusage.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu(void) { return (double)clock() / CLOCKS_PER_SEC; }

static double peak_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0;
}

static uint64_t st_ = 88172645463325252ULL;
static double unif(void) {
  st_ ^= st_ << 13;
  st_ ^= st_ >> 7;
  st_ ^= st_ << 17;
  return ((double)(st_ >> 11) + 0.5) / 9007199254740992.0;
}
static double gauss(void) {
  return sqrt(-2 * log(unif())) * cos(2 * M_PI * unif());
}

static void die(kw_context *ctx, kw_status st, const char *what) {
  fprintf(stderr, "bench_segments: %s: %s (%s)\n", what, kw_status_str(st),
          kw_errmsg(ctx));
  exit(1);
}

static double *blobs(size_t n, size_t d, size_t k, double sd) {
  double *c = malloc(k * d * sizeof *c), *x = malloc(n * d * sizeof *x);
  if (!c || !x) exit(1);
  for (size_t i = 0; i < k * d; i++) c[i] = 20 * unif() - 10;
  for (size_t i = 0; i < n; i++) {
    size_t g = (size_t)(unif() * (double)k) % k;
    for (size_t j = 0; j < d; j++) x[i * d + j] = c[g * d + j] + sd * gauss();
  }
  free(c);
  return x;
}

static int run_data(const char *dir) {
  kw_context *ctx = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.tables = 1u << KW_TABLE_TRANSACTIONS | 1u << KW_TABLE_CUSTOMERS |
              1u << KW_TABLE_INVOICES | 1u << KW_TABLE_COSTS |
              1u << KW_TABLE_FEEDBACK;
  kw_context_set_threads(ctx, 2);
  double t0 = now();
  kw_dataset *ds = NULL;
  kw_status st = kw_dataset_load(ctx, &lo, &ds);
  if (st) die(ctx, st, "load");
  double t1 = now();
  kw_analysis *a = NULL;
  if ((st = kw_analyze_run(ctx, ds, NULL, &a))) die(ctx, st, "analyze");
  double t2 = now(), c2 = cpu();
  kw_segments_options so;
  kw_segments_options_init(&so);
  kw_segments *sg = NULL;
  if ((st = kw_segments_run(ctx, a, &so, &sg))) die(ctx, st, "segments");
  double t3 = now(), c3 = cpu();
  const kw_cluster_info *ci = kw_segments_clusters(sg);
  printf("data %s: %zu customers clustered, k = %zu, %zu features\n", dir,
         ci->customers, ci->k, ci->n_features);
  printf("  load %.2f s, analyze (with segments) %.2f s, segments alone "
         "%.2f s wall, %.2f s CPU, peak RSS %.0f MiB\n",
         t1 - t0, t2 - t1, t3 - t2, c3 - c2, peak_mib());
  kw_segments_free(sg);
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--data") == 0) return run_data(argv[2]);
  size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
  size_t k = argc > 2 ? strtoul(argv[2], NULL, 10) : 8;
  uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
  double sd = argc > 4 ? strtod(argv[4], NULL) : 1.0;
  kw_context *ctx = kw_context_new();
  double *x = blobs(n, 3, k, sd);
  kw_kmeans_options o;
  kw_kmeans_options_init(&o);
  o.k = k;
  o.seed = seed;
  kw_kmeans_result r;
  for (int restarts = 1; restarts <= 4; restarts += 3) {
    o.n_init = (size_t)restarts;
    double t0 = now(), c0 = cpu();
    kw_status st = kw_kmeans(ctx, x, n, 3, &o, &r);
    if (st) die(ctx, st, "k-means");
    double t = now() - t0, c = cpu() - c0;
    printf("k-means %zu x 3 (sd %g), k = %zu, n_init = %d: %.3f s wall, %.3f s CPU "
           "(%zu iterations in the best run, inertia %.6g, converged %s), "
           "peak RSS %.0f MiB\n",
           n, sd, k, restarts, t, c, r.iterations, r.inertia,
           r.converged ? "yes" : "no", peak_mib());
    kw_kmeans_result_free(ctx, &r);
  }
  free(x);
  /* the clustering step of `segments` on n customers x 9 features */
  size_t d = 9;
  x = blobs(n, d, 5, 1.0);
  double t0 = now();
  size_t nc = n > 50000 ? 50000 : n, m = nc > 2000 ? 2000 : nc;
  double *xs = malloc(nc * d * sizeof *xs);
  uint32_t *idx = malloc(m * sizeof *idx);
  if (!xs || !idx) return 1;
  for (size_t i = 0; i < nc; i++)
    memcpy(xs + i * d, x + (size_t)(unif() * (double)n) % n * d,
           d * sizeof *xs);
  for (size_t i = 0; i < m; i++) idx[i] = (uint32_t)i;
  o.n_init = 4;
  size_t best_k = 3;
  double best = -2;
  for (size_t kk = 3; kk <= 8; kk++) {
    o.k = kk;
    kw_status st = kw_kmeans(ctx, xs, nc, d, &o, &r);
    if (st) die(ctx, st, "k-means");
    double s = kw_silhouette(xs, d, r.label, kk, idx, m);
    if (s > best) {
      best = s;
      best_k = kk;
    }
    kw_kmeans_result_free(ctx, &r);
  }
  double t1 = now();
  /* the final clustering: Lloyd on all rows from the sample's centres */
  o.k = best_k;
  kw_status st = kw_kmeans(ctx, xs, nc, d, &o, &r);
  if (st) die(ctx, st, "k-means");
  kw_kmeans_options fo = o;
  fo.init = r.centres;
  kw_kmeans_result fr;
  st = kw_kmeans(ctx, x, n, d, &fo, &fr);
  if (st) die(ctx, st, "k-means");
  kw_kmeans_result_free(ctx, &fr);
  double t2 = now();
  printf("segments clustering, %zu customers x %zu features: k = %zu chosen "
         "in %.2f s (silhouette %.3f), final fit %.2f s, total %.2f s, peak "
         "RSS %.0f MiB\n",
         n, d, best_k, t1 - t0, best, t2 - t1, t2 - t0, peak_mib());
  kw_kmeans_result_free(ctx, &r);
  free(xs);
  free(idx);
  free(x);
  kw_context_free(ctx);
  return 0;
}
