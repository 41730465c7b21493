/*
 * bench_ingest — throughput and memory of reading a large sales export.
 *
 *   bench_ingest [FILE [MB [tx]]]
 *
 * FILE (default /tmp/klantwijs_bench_ingest.csv) is generated when absent:
 * about MB megabytes (default 1024) of invoice lines as a Belgian
 * accounting package exports them: ';' separated, decimal commas with '.'
 * thousands, day-first dates, ten columns (invoice, date, customer number
 * and name, article code and description, quantity, unit price, discount,
 * amount excl. VAT), 1-8 lines per invoice, 50,000 customers, 5,000
 * articles, a few credit notes. The data come from a fixed-seed generator.
 * With "tx" the file is made in the shape lifetimes reads instead:
 * customer_id,date,amount, 16,000,000 lines of 1,000,000 customers (MB is
 * not used).
 *
 * Then, in one run: the time of `cat FILE > /dev/null` (the file from the
 * page cache: the floor for any reader), the time of kw_dataset_load on
 * it with one thread and with two (a worker interning text), as MB/s, the
 * peak resident memory (getrusage) and the bytes of the typed columns,
 * with their ratio; then the per-customer summary on the loaded data and
 * the end-to-end throughput of ingest + summary.
 */
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
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 0x853C49E6748FEA9Bull;
static uint32_t rnd(uint32_t n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)((rng_state >> 11) % n);
}

/* Cents as Belgian text: "1.234,56", "-12,50". */
static int fmt_money(char *out, long long cents) {
  char digits[32];
  int o = 0;
  if (cents < 0) {
    out[o++] = '-';
    cents = -cents;
  }
  long long units = cents / 100;
  int n = snprintf(digits, sizeof digits, "%lld", units);
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0) out[o++] = '.';
    out[o++] = digits[i];
  }
  o += snprintf(out + o, 8, ",%02lld", cents % 100);
  return o;
}

static int generate(const char *path, size_t mb) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    perror(tmp);
    return -1;
  }
  setvbuf(f, NULL, _IOFBF, 1 << 20);
  fputs("Factuurnummer;Factuurdatum;Klantnummer;Klantnaam;Artikelcode;"
        "Omschrijving;Aantal;Eenheidsprijs;Korting;Bedrag excl. BTW\r\n",
        f);
  static const char *const words[] = {"stoel", "tafel",  "lamp",  "kast",
                                      "bureau", "kussen", "spiegel", "rek"};
  size_t target = mb * 1024 * 1024, written = 0;
  long inv = 0;
  int32_t day = kw_date_from_ymd(2019, 1, 1);
  char line[512];
  while (written < target) {
    inv++;
    if (rnd(40) == 0) day++;
    int y, m, d;
    kw_date_to_ymd(day, &y, &m, &d);
    unsigned cust = rnd(50000);
    bool credit = rnd(50) == 0;
    int lines = 1 + (int)rnd(8);
    for (int l = 0; l < lines; l++) {
      unsigned art = rnd(5000);
      long long price = 50 + (long long)(art * 7919u % 250000u);
      int qty = 1 + (int)rnd(20);
      if (credit) qty = -qty;
      long long disc = rnd(10) == 0 ? price * qty / 10 : 0;
      if (disc < 0) disc = -disc;
      long long amount = price * qty - disc;
      int o = snprintf(line, sizeof line,
                       "%s%04d-%07ld;%02d/%02d/%04d;K%06u;Klant %u BV;"
                       "ART-%05u;%s %s %u;%d;",
                       credit ? "C" : "F", y, inv, d, m, y, cust, cust, art,
                       words[art % 8], words[(art / 8) % 8], art, qty);
      o += fmt_money(line + o, price);
      line[o++] = ';';
      o += fmt_money(line + o, disc);
      line[o++] = ';';
      o += fmt_money(line + o, amount);
      line[o++] = '\r';
      line[o++] = '\n';
      fwrite(line, 1, (size_t)o, f);
      written += (size_t)o;
    }
  }
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    perror(path);
    return -1;
  }
  return 0;
}

/* The lifetimes shape: customer_id,date,amount (ISO dates, decimal
 * points), 1,000,000 customers, 16,000,000 lines, sorted by date. */
static int generate_tx(const char *path) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    perror(tmp);
    return -1;
  }
  setvbuf(f, NULL, _IOFBF, 1 << 20);
  fputs("customer_id,date,amount\n", f);
  const long lines = 16000000;
  int32_t day0 = kw_date_from_ymd(2019, 1, 1);
  for (long i = 0; i < lines; i++) {
    int y, m, d;
    kw_date_to_ymd(day0 + (int32_t)(i * 1461 / lines), &y, &m, &d);
    unsigned cust = rnd(1000000);
    long long cents = 100 + rnd(20000) + (rnd(10) == 0 ? rnd(200000) : 0);
    fprintf(f, "C%07u,%04d-%02d-%02d,%lld.%02lld\n", cust, y, m, d,
            cents / 100, cents % 100);
  }
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    perror(path);
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "/tmp/klantwijs_bench_ingest.csv";
  size_t mb = argc > 2 ? (size_t)atol(argv[2]) : 1024;
  bool tx = argc > 3 && strcmp(argv[3], "tx") == 0;
  struct stat sb;
  if (stat(path, &sb) != 0) {
    if (tx)
      printf("generating %s (16 M lines, 1 M customers)...\n", path);
    else
      printf("generating %s (%zu MB)...\n", path, mb);
    fflush(stdout);
    double t0 = now();
    if ((tx ? generate_tx(path) : generate(path, mb)) != 0) return 1;
    printf("  generated in %.1f s\n", now() - t0);
    if (stat(path, &sb) != 0) return 1;
  }
  double size_mb = (double)sb.st_size / (1024.0 * 1024.0);

  char cmd[4200];
  snprintf(cmd, sizeof cmd, "cat '%s' > /dev/null", path);
  if (system(cmd) != 0) return 1; /* warm the page cache */
  double t0 = now();
  if (system(cmd) != 0) return 1;
  double t_cat = now() - t0;

  printf("file            %s (%.1f MB)\n", path, size_mb);
  printf("cat > /dev/null %.2f s  %.0f MB/s\n", t_cat, size_mb / t_cat);
  for (int threads = 1; threads <= 2; threads++) {
    kw_context *ctx = kw_context_new();
    kw_context_set_threads(ctx, threads);
    kw_load_options o;
    kw_load_options_init(&o);
    o.files[KW_TABLE_TRANSACTIONS] = path;
    o.tables = 1u << KW_TABLE_TRANSACTIONS;
    kw_dataset *ds;
    struct rusage r0, r1;
    getrusage(RUSAGE_SELF, &r0);
    t0 = now();
    kw_status st = kw_dataset_load(ctx, &o, &ds);
    double t_load = now() - t0;
    if (st) {
      fprintf(stderr, "load failed: %s\n", kw_errmsg(ctx));
      return 1;
    }
    getrusage(RUSAGE_SELF, &r1);
    double cpu = (double)(r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) +
                 (double)(r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6 +
                 (double)(r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) +
                 (double)(r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
    double peak_mb = (double)r1.ru_maxrss / 1024.0;

    const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
    static const size_t tsize[] = {4, 4, 8, 8, 1};
    size_t rows = kw_table_rows(t), bytes = 0;
    for (size_t i = 0; i < kw_table_ncols(t); i++)
      bytes += rows * tsize[kw_table_col(t, i)->type];
    double typed_mb = (double)bytes / (1024.0 * 1024.0);
    const kw_read_report *r = kw_table_report(t);
    if (threads == 1) {
      printf("rows            %zu used of %llu read\n", rows,
             (unsigned long long)r->rows_read);
      printf("columns         %zu typed, %zu ignored\n", kw_table_ncols(t),
             r->n_ignored);
      printf("customers       %zu, products %zu, invoices %zu\n",
             kw_dict_size(kw_dataset_customers(ds)),
             kw_dict_size(kw_dataset_products(ds)),
             kw_table_role(t, KW_ROLE_INVOICE)
                 ? kw_dict_size(kw_table_role(t, KW_ROLE_INVOICE)->dict)
                 : 0);
      printf("typed columns   %.1f MB\n", typed_mb);
    }
    printf("load, %d thread%s %.2f s  %.0f MB/s  (%.2f M rows/s, cpu %.2f s)\n",
           threads, threads > 1 ? "s" : " ", t_load, size_mb / t_load,
           (double)rows / t_load / 1e6, cpu);
    printf("peak RSS so far %.1f MB  (%.2f x the typed columns)\n", peak_mb,
           peak_mb / typed_mb);
    kw_summary *sum = NULL;
    t0 = now();
    st = kw_summary_build(ctx, ds, NULL, &sum);
    double t_sum = now() - t0;
    if (st) {
      fprintf(stderr, "summary failed: %s\n", kw_errmsg(ctx));
      return 1;
    }
    getrusage(RUSAGE_SELF, &r1);
    double cpu2 = (double)(r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) +
                  (double)(r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6 +
                  (double)(r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) +
                  (double)(r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
    printf("summary         %.2f s (%zu buyers); ingest + summary %.2f s  "
           "%.0f MB/s (cat %.0f MB/s; cpu %.2f s); peak RSS %.1f MB "
           "(%.2f x the typed columns)\n",
           t_sum, kw_summary_view(sum)->n_buyers, t_load + t_sum,
           size_mb / (t_load + t_sum), size_mb / t_cat, cpu2,
           (double)r1.ru_maxrss / 1024.0,
           (double)r1.ru_maxrss / 1024.0 / typed_mb);
    kw_summary_free(sum);
    kw_dataset_free(ds);
    kw_context_free(ctx);
  }
  return 0;
}
