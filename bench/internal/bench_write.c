/*
 * bench_write — the report writers and the memory of the main job.
 *
 *   bench_write DIR [OUTDIR] [--repeat N] [--xlsx-rows N] [--no-xlsx]
 *
 * Loads DIR as `klantwijs analyze` does, runs kw_analyze_run and writes
 * customers.csv and customers.xlsx N times (default 1) into OUTDIR
 * (default /tmp/bench_write). For every stage (loading, each analysis
 * step, each file written) it prints the wall time, the CPU time of the
 * process (user + sys, all threads), the heap in use after the stage
 * (mallinfo2: bytes handed out by malloc and not yet freed), the resident
 * set (VmRSS) and its peak so far (VmHWM). It also prints the size of the
 * typed columns of every table (the arrays of kw_column), of the
 * dictionaries' strings, and the memory model: bytes of heap per customer
 * and per transaction line at the peak.
 */
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "klantwijs.h"

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* VmRSS and VmHWM in MiB */
static void rss(double *now_mib, double *peak_mib) {
  *now_mib = *peak_mib = 0;
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return;
  char line[256];
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, "VmRSS:", 6) == 0) *now_mib = atof(line + 6) / 1024.0;
    if (strncmp(line, "VmHWM:", 6) == 0) *peak_mib = atof(line + 6) / 1024.0;
  }
  fclose(f);
}

static double heap_mib(void) {
  struct mallinfo2 mi = mallinfo2();
  return (double)(mi.uordblks + mi.hblkhd) / 1048576.0;
}

typedef struct stage {
  double wall, cpu;
  char name[64];
  double heap_max; /* largest heap seen at a stage boundary */
} stage;

static void begin(stage *s, const char *name) {
  s->wall = clock_s(CLOCK_MONOTONIC);
  s->cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID);
  snprintf(s->name, sizeof s->name, "%s", name);
}

static void end(stage *s, const char *extra) {
  double w = clock_s(CLOCK_MONOTONIC) - s->wall;
  double c = clock_s(CLOCK_PROCESS_CPUTIME_ID) - s->cpu;
  double r, p, h = heap_mib();
  rss(&r, &p);
  if (h > s->heap_max) s->heap_max = h;
  printf("  %-16s %8.3f %8.3f %9.1f %9.1f %9.1f %s\n", s->name, w, c, h, r,
         p, extra ? extra : "");
  fflush(stdout);
}

static void on_step(void *user, size_t index, size_t count,
                    const char *key) {
  (void)index, (void)count;
  stage *s = user;
  if (s->name[0]) end(s, NULL);
  begin(s, key);
}

static void on_log(void *u, kw_log_level l, const char *m) {
  (void)u, (void)l, (void)m;
}

static const char *const type_size_names[] = {"text", "date", "money",
                                              "number", "flag"};
static const size_t type_size[] = {4, 4, 8, 8, 1};

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr,
            "usage: bench_write DIR [OUTDIR] [--repeat N] [--xlsx-rows N] "
            "[--no-xlsx]\n");
    return 2;
  }
  const char *dir = argv[1], *out = "/tmp/bench_write";
  int repeat = 1;
  long xrows = -1;
  int no_xlsx = 0;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
      repeat = atoi(argv[++i]);
    else if (strcmp(argv[i], "--xlsx-rows") == 0 && i + 1 < argc)
      xrows = atol(argv[++i]);
    else if (strcmp(argv[i], "--no-xlsx") == 0)
      no_xlsx = 1;
    else
      out = argv[i];
  }
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  kw_context_set_threads(ctx, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus);
  kw_context_set_log(ctx, on_log, NULL);
  printf("  %-16s %8s %8s %9s %9s %9s\n", "stage", "wall s", "cpu s",
         "heap MiB", "rss MiB", "hwm MiB");
  stage s;
  memset(&s, 0, sizeof s);
  begin(&s, "load");
  kw_load_options lo;
  kw_load_options_init(&lo);
  struct stat sd;
  if (stat(dir, &sd) == 0 && S_ISDIR(sd.st_mode)) lo.dir = dir;
  else lo.files[KW_TABLE_TRANSACTIONS] = dir;
  kw_analyze_load_options(&lo);
  lo.skip_contact = true; /* as klantwijs analyze reads */
  lo.invoice_ids_only = true;
  kw_dataset *ds = NULL;
  if (kw_dataset_load(ctx, &lo, &ds)) {
    fprintf(stderr, "load: %s\n", kw_errmsg(ctx));
    return 1;
  }
  end(&s, NULL);
  double heap_loaded = heap_mib();

  /* the typed columns: rows x the width of the column's type */
  size_t typed = 0, lines = 0;
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    const kw_table *t = kw_dataset_table(ds, (kw_table_kind)k);
    if (!t) continue;
    size_t rows = kw_table_rows(t), bytes = 0, per_type[5] = {0};
    for (size_t j = 0; j < kw_table_ncols(t); j++) {
      const kw_column *c = kw_table_col(t, j);
      bytes += rows * type_size[c->type];
      per_type[c->type] += rows * type_size[c->type];
    }
    if (k == KW_TABLE_TRANSACTIONS) lines = rows;
    typed += bytes;
    printf("  table %-14s %10zu rows %3zu cols %9.1f MiB typed (", 
           kw_table_kind_name((kw_table_kind)k), rows, kw_table_ncols(t),
           (double)bytes / 1048576.0);
    for (int ty = 0; ty < 5; ty++)
      if (per_type[ty])
        printf(" %s %.1f", type_size_names[ty],
               (double)per_type[ty] / 1048576.0);
    printf(" )\n");
  }
  /* the dictionaries of the text columns (each counted once) as loading
     leaves them (compacted): strings in arena chunks (bytes + NUL), 8 + 4 B
     of index per entry and 8 B hash slots at a load of at most 3/4 (the
     slot count a power of two); one of ids only (n > 1 strings all empty,
     which distinct strings cannot be) holds nothing */
  const kw_dict *seen[256];
  size_t nseen = 0;
  double dict_total = 0;
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    const kw_table *t = kw_dataset_table(ds, (kw_table_kind)k);
    if (!t) continue;
    for (size_t j = 0; j < kw_table_ncols(t); j++) {
      const kw_column *c = kw_table_col(t, j);
      if (c->type != KW_TYPE_TEXT || !c->dict) continue;
      bool dup = false;
      for (size_t q = 0; q < nseen; q++) dup |= seen[q] == c->dict;
      if (dup || nseen == 256) continue;
      seen[nseen++] = c->dict;
      size_t n = kw_dict_size(c->dict), bytes = 0, slots = 64;
      for (uint32_t id = 0; id < n; id++) bytes += kw_dict_len(c->dict, id) + 1;
      while (n * 4 > slots * 3) slots *= 2;
      double tot = (double)bytes + 12.0 * (double)n + 8.0 * (double)slots;
      if (n > 1 && bytes == n) tot = bytes = 0;
      dict_total += tot;
      if (tot > 1048576.0)
        printf("  dict %s.%-20s %10zu strings %8.1f MiB text, ~%7.1f MiB "
               "in all\n", kw_table_kind_name((kw_table_kind)k), c->name, n,
               (double)bytes / 1048576.0, tot / 1048576.0);
    }
  }
  printf("  dictionaries     ~%8.1f MiB in all\n", dict_total / 1048576.0);
  size_t ncust = kw_dict_size(kw_dataset_customers(ds));
  printf("  typed columns    %9.1f MiB; heap after load %.1f MiB "
         "(%.1f MiB besides the columns: dictionaries, reports)\n",
         (double)typed / 1048576.0, heap_loaded,
         heap_loaded - (double)typed / 1048576.0);

  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  kw_report_options ro;
  kw_report_options_init(&ro);
  if (xrows >= 0) ro.xlsx_max_customers = (size_t)xrows;
  ao.on_step = on_step;
  ao.step_user = &s;
  kw_analysis *a = NULL;
  s.name[0] = '\0';
  if (kw_analyze_run(ctx, ds, &ao, &a)) {
    fprintf(stderr, "analyze: %s\n", kw_errmsg(ctx));
    return 1;
  }
  end(&s, NULL);
  double heap_analysis = heap_mib();
  printf("  analysis result  %9.1f MiB of heap beside the dataset\n",
         heap_analysis - heap_loaded);

  mkdir(out, 0777);
  char path[4200];
  for (int r = 0; r < repeat; r++) {
    snprintf(path, sizeof path, "%s/customers.csv", out);
    begin(&s, "customers.csv");
    FILE *f = fopen(path, "w");
    if (!f || kw_report_customers_csv(ctx, a, &ro, f) || fclose(f)) {
      fprintf(stderr, "csv: %s\n", kw_errmsg(ctx));
      return 1;
    }
    struct stat sb;
    stat(path, &sb);
    char size[64];
    snprintf(size, sizeof size, "%.1f MB", (double)sb.st_size / 1e6);
    end(&s, size);
    if (no_xlsx) continue;
    snprintf(path, sizeof path, "%s/customers.xlsx", out);
    begin(&s, "customers.xlsx");
    if (kw_report_customers_xlsx(ctx, a, &ro, path)) {
      fprintf(stderr, "xlsx: %s\n", kw_errmsg(ctx));
      return 1;
    }
    stat(path, &sb);
    snprintf(size, sizeof size, "%.1f MB", (double)sb.st_size / 1e6);
    end(&s, size);
  }
  double r_now, r_peak;
  rss(&r_now, &r_peak);
  double peak_heap = s.heap_max;
  printf("  customers %zu, transaction lines %zu\n", ncust, lines);
  printf("  peak rss %.1f MiB = %.2f x the typed columns\n", r_peak,
         r_peak / ((double)typed / 1048576.0));
  if (ncust && lines)
    printf("  heap at the largest stage boundary %.1f MiB; typed columns "
           "%.1f B/line; peak rss %.1f B/line, %.1f B/customer\n",
           peak_heap, (double)typed / (double)lines,
           r_peak * 1048576.0 / (double)lines,
           r_peak * 1048576.0 / (double)ncust);
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return 0;
}
