/*
 * bench_steps — CPU time of each step of `analyze` on a data folder.
 *
 *   bench_steps DIR [OUTDIR]
 *
 * Loads DIR as `klantwijs analyze` does and runs kw_analyze_run, printing
 * for each step its wall time and the CPU time of the calling thread
 * (CLOCK_THREAD_CPUTIME_ID: the steps after `summary` run on the calling
 * thread, so on a shared machine this is the figure to compare between
 * runs and sizes). With OUTDIR, summary.json and customers.csv are written
 * there, to compare results between builds (`cmp`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "klantwijs.h"

static double clock_s(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct steps {
  double wall, cpu, sum_cpu;
  char last[64];
} steps;

static void on_step(void *user, size_t index, size_t count,
                    const char *key) {
  (void)index, (void)count;
  steps *s = user;
  double w = clock_s(CLOCK_MONOTONIC), c = clock_s(CLOCK_THREAD_CPUTIME_ID);
  if (s->last[0]) {
    printf("  %-14s %8.3f s wall %8.3f s cpu\n", s->last, w - s->wall,
           c - s->cpu);
    s->sum_cpu += c - s->cpu;
  }
  snprintf(s->last, sizeof s->last, "%s", key);
  s->wall = w;
  s->cpu = c;
}

static void on_log(void *u, kw_log_level l, const char *m) {
  (void)u, (void)l, (void)m;
}

typedef kw_status (*writer_fn)(kw_context *, const kw_analysis *,
                               const kw_report_options *, FILE *);

static int write_file(kw_context *ctx, const kw_analysis *a, const char *dir,
                      const char *name, writer_fn fn) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) return 1;
  kw_status st = fn(ctx, a, NULL, f); /* the default report */
  fclose(f);
  if (st) fprintf(stderr, "%s: %s\n", name, kw_errmsg(ctx));
  return st != KW_OK;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_steps DIR [OUTDIR]\n");
    return 2;
  }
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  kw_context_set_threads(ctx, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus);
  kw_context_set_log(ctx, on_log, NULL);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = argv[1];
  kw_analyze_load_options(&lo);
  kw_dataset *ds = NULL;
  double t0 = clock_s(CLOCK_MONOTONIC);
  if (kw_dataset_load(ctx, &lo, &ds)) {
    fprintf(stderr, "load: %s\n", kw_errmsg(ctx));
    return 1;
  }
  printf("load %.3f s wall (%zu customers)\n", clock_s(CLOCK_MONOTONIC) - t0,
         kw_dict_size(kw_dataset_customers(ds)));
  steps st = {0, 0, 0, ""};
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  ao.on_step = on_step;
  ao.step_user = &st;
  kw_analysis *a = NULL;
  if (kw_analyze_run(ctx, ds, &ao, &a)) {
    fprintf(stderr, "analyze: %s\n", kw_errmsg(ctx));
    return 1;
  }
  on_step(&st, 0, 0, "");
  printf("  %-14s %8s        %8.3f s cpu\n", "steps", "", st.sum_cpu);
  int bad = 0;
  if (argc > 2) {
    mkdir(argv[2], 0777);
    bad |= write_file(ctx, a, argv[2], "summary.json", kw_report_summary_json);
    bad |= write_file(ctx, a, argv[2], "customers.csv",
                      kw_report_customers_csv);
  }
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return bad;
}
