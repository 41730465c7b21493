/*
 * bench_basket — frequent itemsets and rules on two public data sets:
 *
 *   Groceries (arules; 9,835 baskets) at support 0.001, confidence 0.5 and
 *   0.8: reading, FP-growth, rule generation.
 *   Online Retail (UCI; 541,909 invoice lines) at support 0.005 and 0.002,
 *   confidence 0.5 and 0.8: loaded with kw_dataset_load (which leaves out
 *   the lines without a CustomerID), invoice baskets of stock codes by
 *   kw_baskets_from_table (cancellations have negative quantities and add
 *   no item); then next-best products for every customer.
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

static int online_retail(kw_context *ctx, const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    printf("online retail: %s not there, skipped\n", path);
    return 0;
  }
  fclose(fp);
  double t0 = now();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = path;
  kw_dataset *ds;
  if (kw_dataset_load(ctx, &lo, &ds)) {
    fprintf(stderr, "%s\n", kw_errmsg(ctx));
    return 1;
  }
  double t1 = now();
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_read_report *rep = kw_table_report(t);
  printf("online retail: %llu lines read, %llu used (the rest lack a "
         "customer id), loaded in %.3f s\n",
         (unsigned long long)rep->rows_read,
         (unsigned long long)rep->rows_used, t1 - t0);
  kw_basket_options bo;
  kw_basket_options_init(&bo);
  kw_baskets *b = NULL, *h = NULL;
  int rc = 1;
  t0 = now();
  if (kw_baskets_from_table(ctx, t, &bo, &b)) goto out;
  t1 = now();
  const kw_basket_view *v = kw_baskets_view(b);
  printf("online retail: %zu invoices of %zu stock codes (%llu return "
         "lines), baskets built in %.3f s\n",
         v->n_baskets, v->n_items, (unsigned long long)v->lines_return,
         t1 - t0);
  static const double confs[] = {0.5, 0.8};
  if (mine(ctx, "online retail", b, 0.005, confs, 2)) goto out;
  if (mine(ctx, "online retail", b, 0.002, confs, 2)) goto out;

  /* next-best products for every customer from the rules at 0.005 / 0.5 */
  bo.unit = KW_BASKET_BY_CUSTOMER;
  if (kw_baskets_from_table(ctx, t, &bo, &h)) goto out;
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.support = 0.005;
  kw_itemsets *s;
  if (kw_itemsets_mine(ctx, b, &io, &s)) goto out;
  kw_rule_options ro;
  kw_rule_options_init(&ro);
  ro.min_confidence = 0.5;
  kw_rules *r;
  kw_status st = kw_rules_build(ctx, s, &ro, &r);
  kw_itemsets_free(s);
  if (st) goto out;
  kw_next_best_options no;
  kw_next_best_options_init(&no);
  no.top_n = 5;
  kw_next_best *nb;
  t0 = now();
  st = kw_next_best_build(ctx, r, h, &no, &nb);
  t1 = now();
  if (!st) {
    const kw_next_best_data *d = kw_next_best_view(nb);
    printf("online retail: next best (top 5) for %zu customers from %zu "
           "rules: %zu offers in %.3f s\n",
           d->n, kw_rules_view(r)->n, d->offsets[d->n], t1 - t0);
  }
  kw_next_best_free(nb);
  kw_rules_free(r);
  if (st) goto out;
  rc = 0;
out:
  if (rc) fprintf(stderr, "%s\n", kw_errmsg(ctx));
  kw_baskets_free(h);
  kw_baskets_free(b);
  kw_dataset_free(ds);
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
    printf("groceries: total %.3f s, peak RSS so far %.1f MiB\n", now() - t0,
           (double)peak_rss_kib() / 1024.0);
    kw_baskets_free(b);
  }
  if (!rc) rc = online_retail(ctx, rpath);
  printf("peak RSS: %.1f MiB\n", (double)peak_rss_kib() / 1024.0);
  kw_context_free(ctx);
  return rc;
}
