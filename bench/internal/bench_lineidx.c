/*
 * bench_lineidx — the customer-ordered line index and the steps that read
 * it, each timed alone on a loaded data folder.
 *
 *   bench_lineidx DIR [REPEAT]
 *
 * Loads DIR as `klantwijs analyze` does, then runs each stage REPEAT times
 * (default 5) and prints the least CPU time of the calling thread and the
 * least wall time (on a shared machine the minimum is the figure to
 * compare): the index alone; the purchase history by its own counting sort
 * (the straightforward build) and from the index; the history lent inside
 * a cache bracket (what the second and later steps of an analysis pay);
 * the summary; data quality; payments; the journey; acquisition with the
 * index and history already built (as the analysis runs it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "data/history.h"
#include "data/lineidx.h"
#include "klantwijs.h"

static double clock_s(clockid_t c) {
  struct timespec ts;
  clock_gettime(c, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void on_log(void *u, kw_log_level l, const char *m) {
  (void)u, (void)l, (void)m;
}

typedef struct best {
  double cpu, wall;
} best;

static void start(double *c, double *w) {
  *c = clock_s(CLOCK_THREAD_CPUTIME_ID);
  *w = clock_s(CLOCK_MONOTONIC);
}
static void stop(best *b, double c, double w) {
  double dc = clock_s(CLOCK_THREAD_CPUTIME_ID) - c;
  double dw = clock_s(CLOCK_MONOTONIC) - w;
  if (dc < b->cpu) b->cpu = dc;
  if (dw < b->wall) b->wall = dw;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_lineidx DIR [REPEAT]\n");
    return 2;
  }
  int rep = argc > 2 ? atoi(argv[2]) : 5;
  if (rep < 1) rep = 1;
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  kw_context_set_log(ctx, on_log, NULL);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = argv[1];
  kw_analyze_load_options(&lo);
  kw_dataset *ds = NULL;
  if (kw_dataset_load(ctx, &lo, &ds)) {
    fprintf(stderr, "load: %s\n", kw_errmsg(ctx));
    return 1;
  }
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_table *inv = kw_dataset_table(ds, KW_TABLE_INVOICES);
  const kw_column *cc = tx ? kw_table_role(tx, KW_ROLE_CUSTOMER) : NULL;
  if (!cc) {
    fprintf(stderr, "no transactions with customers\n");
    return 1;
  }
  printf("%zu customers, %zu lines, best of %d\n",
         kw_dict_size(kw_dataset_customers(ds)), kw_table_rows(tx), rep);
  enum { IX, HPLAIN, HINDEX, HLENT, SUM, QUAL, PAY, JOURNEY, ACQ, N };
  static const char *const names[N] = {
      "line index", "history, own sort", "history from index",
      "history lent", "summary", "data quality", "payments", "journey",
      "acquisition (lent)"};
  best b[N];
  for (int k = 0; k < N; k++) b[k] = (best){1e30, 1e30};
  int bad = 0;
  for (int r = 0; r < rep && !bad; r++) {
    double c, w;
    kw_line_index ix;
    start(&c, &w);
    bad |= kw_line_index_build(ctx, cc->v.text, kw_table_rows(tx),
                               kw_dict_size(cc->dict), &ix) != KW_OK;
    stop(&b[IX], c, w);
    kw_line_index_free(ctx, &ix);
    kw_history h;
    start(&c, &w);
    bad |= kw_history_build_plain(ctx, tx, KW_NA_DATE, &h) != KW_OK;
    stop(&b[HPLAIN], c, w);
    kw_history_free(ctx, &h);
    start(&c, &w);
    bad |= kw_history_build(ctx, tx, KW_NA_DATE, &h) != KW_OK;
    stop(&b[HINDEX], c, w);
    kw_history_free(ctx, &h);
    kw_table_cache_begin(ctx, tx);
    bad |= kw_history_build(ctx, tx, KW_NA_DATE, &h) != KW_OK;
    kw_history_free(ctx, &h);
    start(&c, &w);
    bad |= kw_history_build(ctx, tx, KW_NA_DATE, &h) != KW_OK;
    stop(&b[HLENT], c, w);
    kw_history_free(ctx, &h);
    kw_table_cache_end(tx);
    kw_summary *sum = NULL;
    start(&c, &w);
    bad |= kw_summary_build(ctx, ds, NULL, &sum) != KW_OK;
    stop(&b[SUM], c, w);
    kw_quality q;
    start(&c, &w);
    bad |= kw_quality_check(ctx, ds, NULL, &q) != KW_OK;
    stop(&b[QUAL], c, w);
    if (inv && sum) {
      kw_payments *p = NULL;
      start(&c, &w);
      bad |= kw_payments_compute(ctx, kw_summary_view(sum), inv, NULL, &p) !=
             KW_OK;
      stop(&b[PAY], c, w);
      kw_payments_free(p);
    }
    kw_summary_free(sum);
    /* acquisition as in an analysis: index and history already cached */
    kw_table_cache_begin(ctx, tx);
    kw_summary *s2 = NULL;
    bad |= kw_summary_build(ctx, ds, NULL, &s2) != KW_OK;
    if (s2) {
      bad |= kw_history_build(ctx, tx, kw_summary_view(s2)->as_of, &h) !=
             KW_OK;
      kw_history_free(ctx, &h);
      kw_acquisition_options ao;
      kw_acquisition_options_init(&ao);
      kw_acquisition *acq = NULL;
      start(&c, &w);
      bad |= kw_acquisition_compute(ctx, ds, kw_summary_view(s2), &ao, &acq) !=
             KW_OK;
      stop(&b[ACQ], c, w);
      kw_acquisition_free(acq);
      kw_summary_free(s2);
    }
    kw_table_cache_end(tx);
    if (kw_dataset_table(ds, KW_TABLE_TOUCHPOINTS)) {
      kw_journey *j = NULL;
      start(&c, &w);
      bad |= kw_journey_compute(ctx, ds, NULL, &j) != KW_OK;
      stop(&b[JOURNEY], c, w);
      kw_journey_free(j);
    }
  }
  if (bad) fprintf(stderr, "failed: %s\n", kw_errmsg(ctx));
  for (int k = 0; k < N; k++)
    if (b[k].cpu < 1e30)
      printf("  %-20s %8.3f s cpu %8.3f s wall\n", names[k], b[k].cpu,
             b[k].wall);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return bad;
}
