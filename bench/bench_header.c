/*
 * bench_header — reading the header of a very wide export.
 *
 *   bench_header [DIR]
 *
 * Writes sales files (DIR, default /tmp) whose header has the three
 * columns a sales table needs (customer, date, amount) and then many more:
 * 65,533 distinct names, 3,997 copies of one name (a 16 KB header),
 * 19,997 and 65,533 copies, and 65,533 names in groups of four copies; one
 * data row each. Prints the time kw_dataset_load takes on each (reading the
 * header, renaming repeated names, matching column roles). The goal is
 * linear work: well under 0.5 s for 65,536 columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void quiet(void *user, kw_log_level lvl, const char *msg) {
  (void)user, (void)lvl, (void)msg;
}

/* kind 0: distinct names c1..; 1: one repeated name; 2: groups of four */
static int write_file(const char *path, size_t extra, int kind) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  fputs("customer_id;date;amount", f);
  for (size_t i = 0; i < extra; i++) {
    if (kind == 0) fprintf(f, ";c%zu", i + 1);
    else if (kind == 1) fputs(";x", f);
    else fprintf(f, ";Kolom%zu", i / 4);
  }
  fputs("\nK1;01-02-2024;12,50", f);
  for (size_t i = 0; i < extra; i++) fputs(";1", f);
  fputc('\n', f);
  return fclose(f);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "/tmp";
  static const struct {
    const char *what;
    size_t extra;
    int kind;
  } cases[] = {
      {"65,536 distinct names", 65533, 0},
      {"4,000 columns, one name repeated", 3997, 1},
      {"20,000 columns, one name repeated", 19997, 1},
      {"65,536 columns, one name repeated", 65533, 1},
      {"65,536 columns, names in groups of four", 65533, 2},
  };
  char path[4096];
  snprintf(path, sizeof path, "%s/kw_bench_header_%ld.csv", dir,
           (long)getpid());
  int rc = 0;
  printf("%-42s %10s\n", "header", "load (s)");
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
    if (write_file(path, cases[c].extra, cases[c].kind) != 0) {
      perror(path);
      return 1;
    }
    kw_context *ctx = kw_context_new();
    kw_context_set_log(ctx, quiet, NULL);
    kw_load_options o;
    kw_load_options_init(&o);
    o.files[KW_TABLE_TRANSACTIONS] = path;
    o.tables = 1u << KW_TABLE_TRANSACTIONS;
    kw_dataset *ds = NULL;
    double t0 = now();
    kw_status st = kw_dataset_load(ctx, &o, &ds);
    double t = now() - t0;
    if (st) {
      fprintf(stderr, "%s: %s\n", cases[c].what, kw_errmsg(ctx));
      rc = 1;
    } else {
      printf("%-42s %10.3f%s\n", cases[c].what, t, t < 0.5 ? "" : "  SLOW");
    }
    kw_dataset_free(ds);
    kw_context_free(ctx);
  }
  unlink(path);
  return rc;
}
