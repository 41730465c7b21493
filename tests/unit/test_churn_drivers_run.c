/* Tests of churn drivers of a dataset in one call
 * (kw_churn_driver_analysis_compute): the choice between a churn flag
 * column and the statuses, the tables `churn` reads, and the missing
 * contract dates error by key (with and without the flag-column hint). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "klantwijs.h"
#include "klantwijs/retention.h"

static void quiet(void *u, kw_log_level l, const char *m) {
  (void)u, (void)l, (void)m;
}

static void write_tmp(char *path, const char *text) {
  strcpy(path, "/tmp/kw_chdrv_XXXXXX.csv");
  int fd = mkstemps(path, 4);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs(text, f);
  fclose(f);
}

static kw_dataset *load(kw_context *ctx, const char *cu, const char *tx) {
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_CUSTOMERS] = cu;
  lo.files[KW_TABLE_TRANSACTIONS] = tx;
  lo.tables = (cu ? 1u << KW_TABLE_CUSTOMERS : 0) |
              (tx ? 1u << KW_TABLE_TRANSACTIONS : 0);
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  return ds;
}

static void test_needs_transactions(void **state) {
  (void)state;
  assert_true(kw_churn_needs_transactions(NULL, true));
  assert_false(kw_churn_needs_transactions(NULL, false));
  assert_false(kw_churn_needs_transactions("Churn", true));
}

/* A customers table alone with a churn flag: the rows are its rows and
 * the outcome is the flag (no churn analysis). 40 customers, plan A
 * (20): 15 churned, plan B (20): 3 churned; 18 churned in all. */
static void test_flag_rows(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  char text[4096] = "customer_id,churn,plan,tenure\n";
  for (int i = 0; i < 40; i++) {
    bool a = i < 20;
    bool churned = a ? i < 15 : i < 23;
    char row[64];
    snprintf(row, sizeof row, "K%d,%s,%s,%d\n", i, churned ? "yes" : "no",
             a ? "A" : "B", 1 + (i * 7) % 30);
    strcat(text, row);
  }
  char cu[64];
  write_tmp(cu, text);
  kw_dataset *ds = load(ctx, cu, NULL);
  kw_churn_driver_analysis_options o;
  kw_churn_driver_analysis_options_init(&o);
  o.fit.holdout = 0;
  kw_churn_driver_analysis *a = NULL;
  assert_int_equal(kw_churn_driver_analysis_compute(ctx, ds, &o, &a, NULL),
                   KW_OK);
  const kw_churn_driver_analysis_data *v = kw_churn_driver_analysis_view(a);
  assert_null(v->churn);
  const kw_churn_driver_rows_data *r = kw_churn_driver_rows_view(v->rows);
  assert_int_equal(r->n, 40);
  size_t churned = 0;
  for (size_t i = 0; i < r->n; i++) churned += r->churned[i] == 1;
  assert_int_equal(churned, 18);
  assert_int_equal(kw_churn_drivers_rows(v->drivers), 40);
  assert_true(kw_churn_drivers_churn_rate(v->drivers) == 18.0 / 40.0);
  kw_churn_driver_analysis_free(a);
  kw_dataset_free(ds);
  unlink(cu);
  kw_context_free(ctx);
}

/* Transactions and a customers table without contract dates, contracts
 * asked: the statuses cannot be made; drivers get the error without the
 * flag-column hint, kw_churn_run with it. Without contracts the rows are
 * the statuses' (a churn analysis). */
static void test_statuses(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  char text[8192] = "customer_id,date,amount\n";
  for (int i = 0; i < 30; i++)
    for (int k = 0; k < 1 + i % 4; k++) {
      char row[64];
      snprintf(row, sizeof row, "K%d,2024-%02d-%02d,%d.00\n", i, 1 + k * 2,
               1 + i % 27, 10 + i);
      strcat(text, row);
    }
  char tx[64], cu[64];
  write_tmp(tx, text);
  char ctext[2048] = "customer_id,plan\n";
  for (int i = 0; i < 30; i++) {
    char row[32];
    snprintf(row, sizeof row, "K%d,%s\n", i, i % 2 ? "A" : "B");
    strcat(ctext, row);
  }
  write_tmp(cu, ctext);
  kw_dataset *ds = load(ctx, cu, tx);
  kw_churn_driver_analysis_options o;
  kw_churn_driver_analysis_options_init(&o);
  o.run.contracts = true;
  kw_churn_driver_analysis *a = NULL;
  kw_churn_run_info info;
  assert_int_equal(kw_churn_driver_analysis_compute(ctx, ds, &o, &a, &info),
                   KW_EMISSING);
  assert_null(a);
  assert_true(info.missing_dates);
  assert_string_equal(kw_errinfo(ctx)->key, "model.e.churn_no_dates");
  kw_churn *ch = NULL;
  assert_int_equal(kw_churn_run(ctx, ds, &o.run, &ch, NULL, NULL),
                   KW_EMISSING);
  assert_string_equal(kw_errinfo(ctx)->key, "model.e.churn_no_dates_flag");
  assert_non_null(strstr(kw_errmsg(ctx), "--drivers --event COL"));
  o.run.contracts = false;
  o.fit.holdout = 0;
  assert_int_equal(kw_churn_driver_analysis_compute(ctx, ds, &o, &a, &info),
                   KW_OK);
  const kw_churn_driver_analysis_data *v = kw_churn_driver_analysis_view(a);
  assert_non_null(v->churn);
  const kw_churn_driver_rows_data *r = kw_churn_driver_rows_view(v->rows);
  assert_false(r->contractual);
  /* the rows are customers of the statuses: at most the 30 buyers */
  assert_true(r->n > 0 && r->n <= 30);
  kw_churn_driver_analysis_free(a);
  kw_dataset_free(ds);
  unlink(tx);
  unlink(cu);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_needs_transactions),
      cmocka_unit_test(test_flag_rows),
      cmocka_unit_test(test_statuses),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
