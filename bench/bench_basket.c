/*
 * bench_basket — frequent itemsets and rules on two public data sets:
 *
 *   Groceries (arules; 9,835 baskets) at support 0.001, confidence 0.5 and
 *   0.8: reading, FP-growth, rule generation.
 *   Online Retail (UCI; 541,909 invoice lines, ~20,000 invoices with a
 *   purchase) at support 0.005 and 0.002, confidence 0.5: invoice baskets
 *   of stock codes, built with kw_basket_builder from a small CSV reader of
 *   its own (InvoiceNo, StockCode, Quantity are columns 1, 2 and 4;
 *   cancellations "C..." and negative quantities add no item).
 *
 * Usage: bench_basket [groceries_basket.csv [online_retail.csv]]
 * Defaults: ../shared/data next to the source tree. Prints counts, wall
 * time per step and the peak resident set size.
 */
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

static long peak_rss_kib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* ../shared/data from this file's path (…/bench/bench_basket.c). */
static void default_path(char *buf, size_t cap, const char *rel) {
  const char *src = __FILE__;
  const char *cut = strstr(src, "bench/bench_basket.c");
  int n = cut ? (int)(cut - src) : 0;
  snprintf(buf, cap, "%.*s../shared/data/%s", n, src, rel);
}

static int mine(kw_context *ctx, const char *label, const kw_baskets *b,
                double support, const double *confs, size_t nconf) {
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.support = support;
  kw_itemsets *s;
  double t0 = now();
  if (kw_itemsets_mine(ctx, b, &io, &s)) {
    fprintf(stderr, "%s\n", kw_errmsg(ctx));
    return 1;
  }
  double t1 = now();
  const kw_itemset_view *v = kw_itemsets_view(s);
  printf("%-14s support %.3f (count >= %u): %zu itemsets in %.3f s\n", label,
         support, v->min_count, v->n, t1 - t0);
  for (size_t i = 0; i < nconf; i++) {
    kw_rule_options ro;
    kw_rule_options_init(&ro);
    ro.min_confidence = confs[i];
    kw_rules *r;
    t0 = now();
    if (kw_rules_build(ctx, s, &ro, &r)) {
      fprintf(stderr, "%s\n", kw_errmsg(ctx));
      kw_itemsets_free(s);
      return 1;
    }
    t1 = now();
    printf("%-14s   confidence %.2f: %zu rules in %.3f s (sorted by lift)\n",
           label, confs[i], kw_rules_view(r)->n, t1 - t0);
    kw_rules_free(r);
    ro.top_n = 100;
    t0 = now();
    if (kw_rules_build(ctx, s, &ro, &r)) {
      fprintf(stderr, "%s\n", kw_errmsg(ctx));
      kw_itemsets_free(s);
      return 1;
    }
    t1 = now();
    printf("%-14s   confidence %.2f: best 100 by lift of %zu in %.3f s\n",
           label, confs[i], kw_rules_view(r)->n_matched, t1 - t0);
    kw_rules_free(r);
  }
  kw_itemsets_free(s);
  return 0;
}

/* Split one CSV line into at most nf fields (start, length), honouring
 * double quotes; returns the number of fields. */
static size_t csv_fields(const char *s, size_t n, const char **f, size_t *fl,
                         size_t nf) {
  size_t k = 0, i = 0;
  while (k < nf) {
    size_t start = i;
    if (i < n && s[i] == '"') {
      i++;
      start = i;
      while (i < n && !(s[i] == '"' && (i + 1 >= n || s[i + 1] != '"')))
        i += s[i] == '"' ? 2 : 1;
      f[k] = s + start;
      fl[k++] = i - start;
      if (i < n) i++; /* closing quote */
      while (i < n && s[i] != ',') i++;
    } else {
      while (i < n && s[i] != ',') i++;
      f[k] = s + start;
      fl[k++] = i - start;
    }
    if (i >= n) break;
    i++;
  }
  return k;
}

static int online_retail(kw_context *ctx, const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    printf("online retail: %s not there, skipped\n", path);
    return 0;
  }
  kw_basket_builder *bb;
  if (kw_basket_builder_new(ctx, &bb)) return 1;
  double t0 = now();
  static char line[1 << 16];
  size_t lines = 0, used = 0, skipped = 0;
  bool header = true;
  while (fgets(line, sizeof line, fp)) {
    size_t n = strcspn(line, "\r\n");
    if (header) {
      header = false;
      continue;
    }
    lines++;
    const char *f[4];
    size_t fl[4];
    if (csv_fields(line, n, f, fl, 4) < 4 || fl[0] == 0 || fl[1] == 0) {
      skipped++;
      continue;
    }
    if (f[0][0] == 'C' || f[3][0] == '-') { /* cancellation or return */
      skipped++;
      continue;
    }
    if (kw_basket_builder_add(bb, f[0], fl[0], f[1], fl[1])) {
      fprintf(stderr, "%s\n", kw_errmsg(ctx));
      fclose(fp);
      kw_basket_builder_free(bb);
      return 1;
    }
    used++;
  }
  fclose(fp);
  kw_baskets *b;
  kw_status st = kw_basket_builder_finish(bb, &b);
  kw_basket_builder_free(bb);
  if (st) {
    fprintf(stderr, "%s\n", kw_errmsg(ctx));
    return 1;
  }
  double t1 = now();
  const kw_basket_view *v = kw_baskets_view(b);
  printf("online retail: %zu lines (%zu used, %zu cancelled/returns/bad), "
         "%zu invoices, %zu stock codes, read in %.3f s\n",
         lines, used, skipped, v->n_baskets, v->n_items, t1 - t0);
  static const double confs[] = {0.5, 0.8};
  int rc = mine(ctx, "online retail", b, 0.005, confs, 2);
  if (!rc) rc = mine(ctx, "online retail", b, 0.002, confs, 2);
  kw_baskets_free(b);
  return rc;
}

int main(int argc, char **argv) {
  char groceries[4096], retail[4096];
  default_path(groceries, sizeof groceries, "groceries/groceries_basket.csv");
  default_path(retail, sizeof retail,
               "online_retail/online_retail_2010-12_2011-12.csv");
  const char *gpath = argc > 1 ? argv[1] : groceries;
  const char *rpath = argc > 2 ? argv[2] : retail;
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  int rc = 0;

  double t0 = now();
  kw_baskets *b;
  if (kw_baskets_read(ctx, gpath, NULL, &b)) {
    printf("groceries: %s\n", kw_errmsg(ctx));
  } else {
    double t1 = now();
    const kw_basket_view *v = kw_baskets_view(b);
    printf("groceries: %zu baskets, %zu items, read in %.3f s\n",
           v->n_baskets, v->n_items, t1 - t0);
    static const double confs[] = {0.5, 0.8};
    rc = mine(ctx, "groceries", b, 0.001, confs, 2);
    printf("groceries: total %.3f s\n", now() - t0);
    kw_baskets_free(b);
  }
  if (!rc) rc = online_retail(ctx, rpath);
  printf("peak RSS: %.1f MiB\n", (double)peak_rss_kib() / 1024.0);
  kw_context_free(ctx);
  return rc;
}
