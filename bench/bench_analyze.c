/*
 * bench_analyze — the main job end to end on a data folder.
 *
 *   bench_analyze DIR|FILE [OUTDIR] [--rate TYPE=AMOUNT ...]
 *
 * Loads DIR (e.g. `klantwijs demo --customers 1000000 -o DIR`, or the
 * Online Retail export), runs kw_analyze_run and writes the four report
 * files to OUTDIR (default DIR/report). Prints the time of loading, of each
 * analysis step, of each file written, the total, and the peak resident
 * memory (getrusage). The numbers are the whole of `klantwijs analyze`
 * except option parsing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_mb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

typedef struct steps {
  double t_last;
  char last[64];
} steps;

static void on_step(void *user, size_t index, size_t count, const char *key,
                    const char *label) {
  (void)index, (void)count, (void)label;
  steps *s = user;
  double t = now();
  if (s->last[0]) printf("  %-22s %8.3f s\n", s->last, t - s->t_last);
  snprintf(s->last, sizeof s->last, "%s", key);
  s->t_last = t;
}

static void on_log(void *u, kw_log_level l, const char *m) {
  (void)u;
  if (l >= KW_LOG_WARN) fprintf(stderr, "warning: %s\n", m);
}

typedef kw_status (*writer_fn)(kw_context *, const kw_analysis *, FILE *);

static int write_file(kw_context *ctx, const kw_analysis *a, const char *dir,
                      const char *name, writer_fn fn) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  double t = now();
  kw_atomic *at;
  kw_status st = kw_atomic_open(ctx, path, &at);
  if (!st) {
    st = fn(ctx, a, kw_atomic_file(at));
    if (st) kw_atomic_abort(at);
    else st = kw_atomic_commit(at);
  }
  if (st) {
    fprintf(stderr, "%s: %s\n", name, kw_errmsg(ctx));
    return 1;
  }
  struct stat sb;
  stat(path, &sb);
  printf("  %-22s %8.3f s  %8.1f MB\n", name, now() - t,
         (double)sb.st_size / 1e6);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_analyze DIR [OUTDIR] [--rate T=A ...]\n");
    return 2;
  }
  const char *dir = argv[1];
  char outdir[4096];
  snprintf(outdir, sizeof outdir, "%s/report", dir);
  kw_serve_rate rates[16];
  char names[16][64];
  size_t nr = 0;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--rate") == 0 && i + 1 < argc && nr < 16) {
      const char *v = argv[++i], *eq = strchr(v, '=');
      if (!eq || (size_t)(eq - v) >= sizeof names[0]) return 2;
      memcpy(names[nr], v, (size_t)(eq - v));
      names[nr][eq - v] = '\0';
      rates[nr].type = names[nr];
      rates[nr].rate = (int64_t)llround(atof(eq + 1) * 100);
      nr++;
    } else {
      snprintf(outdir, sizeof outdir, "%s", argv[i]);
    }
  }
  kw_context *ctx = kw_context_new();
  /* as the command does: one thread per CPU (up to 8) */
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  kw_context_set_threads(ctx, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus);
  if (!ctx) return 1;
  kw_context_set_log(ctx, on_log, NULL);
  double t0 = now(), t;

  kw_load_options lo;
  kw_load_options_init(&lo);
  struct stat sd;
  if (stat(dir, &sd) == 0 && S_ISDIR(sd.st_mode)) lo.dir = dir;
  else lo.files[KW_TABLE_TRANSACTIONS] = dir; /* a transactions file */
  lo.tables = 1u << KW_TABLE_TRANSACTIONS | 1u << KW_TABLE_CUSTOMERS |
              1u << KW_TABLE_INVOICES | 1u << KW_TABLE_COSTS |
              1u << KW_TABLE_FEEDBACK; /* what klantwijs analyze reads */
  kw_dataset *ds = NULL;
  if (kw_dataset_load(ctx, &lo, &ds)) {
    fprintf(stderr, "load: %s\n", kw_errmsg(ctx));
    return 1;
  }
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  printf("load                     %8.3f s  (%zu lines, %zu customers)\n",
         now() - t0, kw_table_rows(tx), kw_dict_size(kw_dataset_customers(ds)));

  steps st = {now(), ""};
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  ao.profit.rates = rates;
  ao.profit.n_rates = nr;
  ao.on_step = on_step;
  ao.step_user = &st;
  kw_analysis *a = NULL;
  t = now();
  printf("analyze\n");
  if (kw_analyze_run(ctx, ds, &ao, &a)) {
    fprintf(stderr, "analyze: %s\n", kw_errmsg(ctx));
    return 1;
  }
  on_step(&st, 0, 0, "", "");
  printf("analyze total            %8.3f s\n", now() - t);

  t = now();
  printf("write %s\n", outdir);
  mkdir(outdir, 0777);
  int bad = write_file(ctx, a, outdir, "summary.json", kw_report_summary_json);
  bad |= write_file(ctx, a, outdir, "index.html", kw_report_html);
  bad |= write_file(ctx, a, outdir, "customers.csv", kw_report_customers_csv);
  double tx0 = now();
  char xpath[4200];
  snprintf(xpath, sizeof xpath, "%s/customers.xlsx", outdir);
  if (kw_report_customers_xlsx(ctx, a, xpath)) {
    fprintf(stderr, "xlsx: %s\n", kw_errmsg(ctx));
    bad = 1;
  } else {
    struct stat sb;
    stat(xpath, &sb);
    printf("  %-22s %8.3f s  %8.1f MB\n", "customers.xlsx", now() - tx0,
           (double)sb.st_size / 1e6);
  }
  printf("write total              %8.3f s\n", now() - t);
  printf("end to end               %8.3f s\n", now() - t0);
  printf("peak memory              %8.1f MB\n", peak_mb());
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return bad;
}
