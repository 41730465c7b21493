/*
 * bench_xlsx — throughput and memory of reading a large .xlsx workbook.
 *
 *   bench_xlsx [FILE [MB [inline|shared]]]
 *
 * FILE (default /tmp/klantwijs_bench.xlsx) is generated when absent with
 * libxlsxwriter: one sheet of about MB megabytes (default 100) of sheet
 * XML holding sales lines (customer number, invoice date as a date cell,
 * invoice number, article code, quantity, amount), 1-6 lines per invoice,
 * 50,000 customers, 5,000 articles, from a fixed-seed generator, with
 * strings inline (libxlsxwriter's constant-memory mode, default) or in the
 * shared-string table (as Excel writes them; the generator then holds the
 * sheet in memory while writing).
 *
 * The file is then read by a fresh process (this program re-executed with
 * "read FILE"), so that its peak resident memory is the reader's alone: the
 * VmHWM of /proc/self/status, the high-water mark of the new address space
 * (ru_maxrss would not do: Linux carries it over fork and exec, so a run
 * that has just generated the file would report the generator's memory): kw_dataset_load with one thread. Printed: the
 * inflated size of the sheet XML and of the workbook file, rows, time,
 * MB/s of sheet XML (by wall-clock and by CPU time, the process's user +
 * system time, which is the figure on one core when other work shares the
 * machine), peak memory and the bytes of the typed columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "klantwijs.h"

/* Peak resident memory of this address space in kB (VmHWM), or the
 * process's ru_maxrss where /proc is absent. */
static long peak_kb(const struct rusage *ru) {
  FILE *f = fopen("/proc/self/status", "r");
  long kb = -1;
  char line[256];
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
  if (f) fclose(f);
  return kb >= 0 ? kb : ru->ru_maxrss;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 0x853C49E6748FEA9Bull;
static uint32_t rnd(uint32_t n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)((rng_state >> 11) % n);
}

/* Bytes of the largest worksheet part (inflated). */
static uint64_t sheet_bytes(const char *path) {
  int err;
  zip_t *z = zip_open(path, ZIP_RDONLY, &err);
  if (!z) return 0;
  uint64_t best = 0;
  zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0 &&
        strstr(st.name, "worksheets/") && st.size > best)
      best = st.size;
  }
  zip_close(z);
  return best;
}

static int generate(const char *path, double mb, bool shared) {
  lxw_workbook_options opt = {.constant_memory = shared ? LXW_FALSE : LXW_TRUE,
                              .tmpdir = NULL};
  lxw_workbook *wb = workbook_new_opt(path, &opt);
  if (!wb) return 1;
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Verkopen");
  lxw_format *date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format *money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  const char *head[] = {"Klantnummer", "Factuurdatum", "Factuurnummer",
                        "Artikel", "Aantal", "Bedrag excl. BTW"};
  for (int j = 0; j < 6; j++) worksheet_write_string(ws, 0, (lxw_col_t)j, head[j], NULL);
  /* about 230 bytes of XML a row */
  uint32_t rows = (uint32_t)(mb * 1e6 / 230.0);
  uint32_t r = 1, invoice = 100000;
  double day = 45292; /* 2024-01-01 */
  char buf[32];
  while (r <= rows) {
    uint32_t cust = 10000 + rnd(50000), lines = 1 + rnd(6);
    invoice++;
    if (rnd(40) == 0) day += 1;
    for (uint32_t k = 0; k < lines && r <= rows; k++, r++) {
      snprintf(buf, sizeof buf, "K%u", cust);
      worksheet_write_string(ws, r, 0, buf, NULL);
      worksheet_write_number(ws, r, 1, day, date);
      snprintf(buf, sizeof buf, "F%u", invoice);
      worksheet_write_string(ws, r, 2, buf, NULL);
      snprintf(buf, sizeof buf, "ART-%04u", rnd(5000));
      worksheet_write_string(ws, r, 3, buf, NULL);
      double q = 1 + rnd(12);
      worksheet_write_number(ws, r, 4, q, NULL);
      double cents = (double)(100 + rnd(50000)) * (rnd(50) == 0 ? -1 : 1);
      worksheet_write_number(ws, r, 5, cents / 100.0, money);
    }
  }
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

static int read_file(const char *path) {
  kw_context *ctx = kw_context_new();
  kw_context_set_threads(ctx, 1);
  kw_load_options o;
  kw_load_options_init(&o);
  o.files[KW_TABLE_TRANSACTIONS] = path;
  kw_dataset *ds = NULL;
  double t0 = now();
  kw_status st = kw_dataset_load(ctx, &o, &ds);
  double t = now() - t0;
  if (st) {
    fprintf(stderr, "load failed: %s\n", kw_errmsg(ctx));
    kw_context_free(ctx);
    return 1;
  }
  const kw_table *tb = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  size_t rows = kw_table_rows(tb), colbytes = 0;
  for (size_t j = 0; j < kw_table_ncols(tb); j++) {
    static const size_t size[] = {4, 4, 8, 8, 1};
    colbytes += rows * size[kw_table_col(tb, j)->type];
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  uint64_t xml = sheet_bytes(path);
  struct stat sb;
  stat(path, &sb);
  printf("workbook            %.1f MB file, %.1f MB of sheet XML\n",
         (double)sb.st_size / 1e6, (double)xml / 1e6);
  printf("rows                %zu used of %llu read\n", rows,
         (unsigned long long)kw_table_report(tb)->rows_read);
  double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
               (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  printf("read (1 thread)     %.2f s wall, %.1f MB/s of sheet XML\n", t,
         (double)xml / 1e6 / t);
  printf("                    %.2f s CPU, %.1f MB/s of sheet XML per core\n",
         cpu, (double)xml / 1e6 / cpu);
  printf("peak memory         %.1f MB (typed columns %.1f MB)\n",
         (double)peak_kb(&ru) / 1024.0, (double)colbytes / 1e6);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "read") == 0) return read_file(argv[2]);
  const char *path = argc > 1 ? argv[1] : "/tmp/klantwijs_bench.xlsx";
  double mb = argc > 2 ? atof(argv[2]) : 100;
  bool shared = argc > 3 && strcmp(argv[3], "shared") == 0;
  struct stat sb;
  if (stat(path, &sb) != 0) {
    printf("generating %s (%.0f MB of sheet XML, %s strings)\n", path, mb,
           shared ? "shared" : "inline");
    double t0 = now();
    if (generate(path, mb, shared)) {
      fprintf(stderr, "cannot write %s\n", path);
      return 1;
    }
    printf("generated in %.1f s\n", now() - t0);
  }
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char *args[] = {argv[0], "read", (char *)path, NULL};
    execv("/proc/self/exe", args);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
