/*
 * bench_clv_analyze — the steps of the main job in CPU time.
 *
 *   bench_clv_analyze DIR [DUMP]
 *
 * Loads DIR (e.g. `klantwijs demo --customers 1000000 -o DIR`) with the
 * tables `klantwijs analyze` reads, runs kw_analyze_run and prints, per
 * step, the wall time and the CPU time of the process (user + system of
 * every thread: the figure that stays meaningful on a shared machine).
 * With DUMP it also writes the per-customer predictions of the CLV step
 * (P(alive), expected purchases, spend, CLV and the interval bounds) with
 * 17 significant digits, so the predictions of two builds can be compared
 * number by number (`bench/bench_clv_compare.py OLD NEW` prints the
 * largest relative difference per column). No report files are written:
 * the figures are those of the analysis.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "klantwijs.h"
#include "models/analyze_internal.h"

static double now(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct steps {
  double wall, cpu, tot_cpu;
  char last[64];
} steps;

static void on_step(void *user, size_t index, size_t count,
                    const char *key) {
  (void)index, (void)count;
  steps *s = user;
  double w = now(CLOCK_MONOTONIC), c = now(CLOCK_PROCESS_CPUTIME_ID);
  if (s->last[0]) {
    printf("  %-14s wall %8.3f s  cpu %8.3f s\n", s->last, w - s->wall,
           c - s->cpu);
    s->tot_cpu += c - s->cpu;
  }
  snprintf(s->last, sizeof s->last, "%s", key);
  s->wall = w;
  s->cpu = c;
}

static void on_log(void *u, kw_log_level l, const char *m) {
  (void)u;
  if (l >= KW_LOG_WARN) fprintf(stderr, "warning: %s\n", m);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_clv_analyze DIR [DUMP]\n");
    return 2;
  }
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  kw_context_set_threads(ctx, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus);
  kw_context_set_log(ctx, on_log, NULL);
  double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = argv[1];
  lo.tables = 1u << KW_TABLE_TRANSACTIONS | 1u << KW_TABLE_CUSTOMERS |
              1u << KW_TABLE_INVOICES | 1u << KW_TABLE_COSTS |
              1u << KW_TABLE_FEEDBACK;
  kw_dataset *ds = NULL;
  if (kw_dataset_load(ctx, &lo, &ds)) {
    fprintf(stderr, "load: %s\n", kw_errmsg(ctx));
    return 1;
  }
  printf("load            wall %8.3f s  cpu %8.3f s  (%zu customers)\n",
         now(CLOCK_MONOTONIC) - w0, now(CLOCK_PROCESS_CPUTIME_ID) - c0,
         kw_dict_size(kw_dataset_customers(ds)));
  steps st = {0, 0, 0, ""};
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  ao.on_step = on_step;
  ao.step_user = &st;
  kw_analysis *a = NULL;
  printf("analyze\n");
  if (kw_analyze_run(ctx, ds, &ao, &a)) {
    fprintf(stderr, "analyze: %s\n", kw_errmsg(ctx));
    return 1;
  }
  on_step(&st, 0, 0, "");
  printf("analyze total   cpu %8.3f s\n", st.tot_cpu);
  int bad = 0;
  if (argc > 2) {
    FILE *f = fopen(argv[2], "w");
    if (!f) {
      perror(argv[2]);
      bad = 1;
    } else {
      fprintf(f, "# total %.17g %.17g %.17g\n", a->clv_total, a->clv_total_lo,
              a->clv_total_hi);
      fprintf(f, "# top20 %.17g matrix", a->clv_top20_share);
      for (size_t r = 0; r < a->pm_rows; r++)
        for (size_t c = 0; c < KW_PM_COLS; c++) fprintf(f, " %.17g", a->pm[r][c]);
      fprintf(f, "\n");
      fprintf(f, "p_alive,expected,spend,clv,p_alive_lo,p_alive_hi,clv_lo,"
                 "clv_hi\n");
      for (size_t i = 0; a->have_clv && i < a->n; i++)
        fprintf(f, "%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n",
                a->p_alive[i], a->expected[i], a->spend[i], a->clv[i],
                a->p_alive_lo[i], a->p_alive_hi[i], a->clv_lo[i],
                a->clv_hi[i]);
      fclose(f);
    }
  }
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return bad;
}
