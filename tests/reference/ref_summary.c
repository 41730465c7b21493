/*
 * Reference tests for the per-customer summary on public data sets
 * (../shared/data; skipped when absent):
 *   - CDNOW sample (BTYD cdnowElog.csv, weeks, as-of 1997-09-30): x, t_x, T
 *     of the 2,357 customers equal lifetimes' cdnow_customers_summary.csv
 *     (frequency, recency, T) rounded to 2 decimals as there;
 *   - CDNOW master file: 23,570 customers;
 *   - Online Retail: 4,372 customers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <math.h>

#include <cmocka.h>

#include "klantwijs.h"

static bool have(const char *path) {
  if (access(path, R_OK) == 0) return true;
  print_message("skipped: %s is absent\n", path);
  return false;
}

static kw_dataset *load(kw_context *ctx, const char *path, const char **maps,
                        size_t n_maps) {
  kw_load_options o;
  kw_load_options_init(&o);
  o.files[KW_TABLE_TRANSACTIONS] = path;
  o.maps = maps;
  o.n_maps = n_maps;
  kw_dataset *ds = NULL;
  kw_status st = kw_dataset_load(ctx, &o, &ds);
  if (st) print_error("%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  return ds;
}

static void test_cdnow_sample_triple(void **state) {
  (void)state;
  const char *elog = KW_SHARED_DATA "/BTYD/cdnowElog.csv";
  const char *ref = KW_SHARED_DATA "/lifetimes/cdnow_customers_summary.csv";
  if (!have(elog) || !have(ref)) skip();
  kw_context *ctx = kw_context_new();
  const char *maps[] = {"customer=sampleid", "amount=sales"};
  kw_dataset *ds = load(ctx, elog, maps, 2);
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = kw_date_from_ymd(1997, 9, 30);
  so.unit = KW_UNIT_WEEK;
  kw_summary *s;
  assert_int_equal(kw_summary_build(ctx, ds, &so, &s), KW_OK);
  const kw_customer_summary *v = kw_summary_view(s);
  assert_int_equal(v->n_buyers, 2357);

  FILE *f = fopen(ref, "r");
  assert_non_null(f);
  char line[256];
  assert_non_null(fgets(line, sizeof line, f)); /* ID,frequency,recency,T */
  int rows = 0, mismatches = 0;
  while (fgets(line, sizeof line, f)) {
    char id[32];
    double fr, rec, T;
    if (sscanf(line, "%31[^,],%lf,%lf,%lf", id, &fr, &rec, &T) != 4) continue;
    rows++;
    uint32_t k = KW_NA_ID;
    for (uint32_t j = 0; j < kw_dict_size(v->ids); j++)
      if (strcmp(kw_dict_str(v->ids, j), id) == 0) {
        k = j;
        break;
      }
    assert_int_not_equal(k, KW_NA_ID);
    /* the reference rounds to 2 decimals: agree within half a unit of it */
    if (v->x[k] != fr || fabs(v->t_x[k] - rec) > 0.005 + 1e-9 ||
        fabs(v->T[k] - T) > 0.005 + 1e-9) {
      if (mismatches++ < 5)
        print_error("customer %s: x %g t_x %.4f T %.4f, expected %g %.2f %.2f\n",
                    id, v->x[k], v->t_x[k], v->T[k], fr, rec, T);
    }
  }
  fclose(f);
  assert_int_equal(rows, 2357);
  assert_int_equal(mismatches, 0);
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_cdnow_master_customers(void **state) {
  (void)state;
  const char *path = KW_SHARED_DATA "/lifetimes/CDNOW_master.txt";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load(ctx, path, NULL, 0);
  kw_summary *s;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  assert_int_equal(kw_summary_view(s)->n_buyers, 23570);
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_online_retail_customers(void **state) {
  (void)state;
  const char *path =
      KW_SHARED_DATA "/online_retail/online_retail_2010-12_2011-12.csv";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load(ctx, path, NULL, 0);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->skipped[KW_SKIP_NO_CUSTOMER], 135080);
  assert_int_equal(r->rows_read, r->rows_used + r->rows_skipped);
  kw_summary *s;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  const kw_customer_summary *v = kw_summary_view(s);
  assert_int_equal(v->n, 4372);
  /* every customer has lines; a few have only cancellations */
  size_t with_lines = 0;
  for (size_t k = 0; k < v->n; k++) with_lines += v->lines[k] > 0;
  assert_int_equal(with_lines, 4372);
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cdnow_sample_triple),
      cmocka_unit_test(test_cdnow_master_customers),
      cmocka_unit_test(test_online_retail_customers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
