/*
 * Reference tests for reading real exports (../shared/data; each test is
 * skipped when its file is absent). Row and customer counts are those of
 * ../shared/data/README.md (from the data sets' publishers); sums were
 * computed independently with Python's csv module and exact decimal
 * arithmetic (decimal.Decimal, per-line rounding half away from zero):
 *   - BTYD cdnowElog.csv: 6,919 rows, 2,357 customers, sales 244,091.94;
 *   - CDNOW_master.txt (aligned blanks, leading blanks, CRLF, header):
 *     69,659 rows, 23,570 customers, 167,881 CDs, 2,500,315.63 dollars;
 *   - CDNOW_sample.txt (no header): the same 6,919 events as cdnowElog,
 *     so the same 2,357 customers and 244,091.94;
 *   - Online Retail: 541,909 rows read, 406,829 used, 135,080 without a
 *     customer, 4,372 customers, 22,190 invoices, 3,684 products; the 8,905
 *     cancellation lines (InvoiceNo "C...") kept, all negative. Amount =
 *     quantity x unit price per line: 8,300,065.81 over the used lines and
 *     9,747,747.93 over all 541,909 (read with the invoice as customer), the
 *     published sum of Quantity*UnitPrice (9,747,747.934 unrounded; every
 *     line rounded to the cent gives 9,747,747.93). Tolerance: exact.
 *   - Telco churn as a customers table: 7,043 customers, tenure summing to
 *     227,990 months, Churn = Yes for 1,869, TotalCharges blank in 11 rows
 *     (missing, not skipped).
 */
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

static bool have(const char *path) {
  if (access(path, R_OK) == 0) return true;
  print_message("skipped: %s is absent\n", path);
  return false;
}

static kw_dataset *load(kw_context *ctx, kw_table_kind k, const char *path,
                        const char **maps, size_t n_maps) {
  kw_load_options o;
  kw_load_options_init(&o);
  o.files[k] = path;
  o.tables = 1u << k;
  o.maps = maps;
  o.n_maps = n_maps;
  kw_dataset *ds = NULL;
  kw_status st = kw_dataset_load(ctx, &o, &ds);
  if (st) print_error("%s\n", kw_errmsg(ctx));
  assert_int_equal(st, KW_OK);
  return ds;
}

static int64_t money_sum(const kw_column *c, size_t rows) {
  int64_t s = 0;
  for (size_t i = 0; i < rows; i++) {
    assert_true(c->v.money[i] != KW_NA_MONEY);
    s += c->v.money[i];
  }
  return s;
}

static void test_cdnow_elog(void **state) {
  (void)state;
  const char *path = KW_SHARED_DATA "/BTYD/cdnowElog.csv";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  const char *maps[] = {"customer=sampleid", "amount=sales"};
  kw_dataset *ds = load(ctx, KW_TABLE_TRANSACTIONS, path, maps, 2);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_table_rows(t), 6919);
  assert_int_equal(kw_dict_size(kw_dataset_customers(ds)), 2357);
  assert_int_equal(money_sum(kw_table_role(t, KW_ROLE_AMOUNT), 6919),
                   24409194);
  const kw_column *d = kw_table_role(t, KW_ROLE_DATE);
  assert_int_equal(d->v.date[0], kw_date_from_ymd(1997, 1, 1));
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_cdnow_master(void **state) {
  (void)state;
  const char *path = KW_SHARED_DATA "/lifetimes/CDNOW_master.txt";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load(ctx, KW_TABLE_TRANSACTIONS, path, NULL, 0);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->delimiter, ' ');
  assert_true(r->header);
  assert_string_equal(r->line_ending, "CRLF");
  assert_int_equal(r->rows_read, 69659);
  assert_int_equal(kw_table_rows(t), 69659);
  assert_int_equal(kw_dict_size(kw_dataset_customers(ds)), 23570);
  assert_int_equal(money_sum(kw_table_role(t, KW_ROLE_AMOUNT), 69659),
                   250031563);
  const kw_column *q = kw_table_role(t, KW_ROLE_QUANTITY);
  double cds = 0;
  for (size_t i = 0; i < 69659; i++) cds += q->v.number[i];
  assert_true(cds == 167881.0);
  /* dates are YYYYMMDD: January 1997 to June 1998 */
  const kw_column *d = kw_table_role(t, KW_ROLE_DATE);
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (size_t i = 0; i < 69659; i++) {
    if (d->v.date[i] < lo) lo = d->v.date[i];
    if (d->v.date[i] > hi) hi = d->v.date[i];
  }
  assert_int_equal(lo, kw_date_from_ymd(1997, 1, 1));
  assert_int_equal(hi, kw_date_from_ymd(1998, 6, 30));
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_cdnow_sample(void **state) {
  (void)state;
  const char *path = KW_SHARED_DATA "/lifetimes/CDNOW_sample.txt";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  const char *maps[] = {"customer=2", "date=3", "amount=5"};
  kw_dataset *ds = load(ctx, KW_TABLE_TRANSACTIONS, path, maps, 3);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_read_report *r = kw_table_report(t);
  assert_false(r->header);
  assert_int_equal(r->delimiter, ' ');
  assert_int_equal(kw_table_rows(t), 6919);
  assert_int_equal(r->n_ignored, 2);
  assert_int_equal(kw_dict_size(kw_dataset_customers(ds)), 2357);
  assert_int_equal(money_sum(kw_table_role(t, KW_ROLE_AMOUNT), 6919),
                   24409194);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_online_retail(void **state) {
  (void)state;
  const char *path =
      KW_SHARED_DATA "/online_retail/online_retail_2010-12_2011-12.csv";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load(ctx, KW_TABLE_TRANSACTIONS, path, NULL, 0);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->rows_read, 541909);
  assert_int_equal(r->rows_used, 406829);
  assert_int_equal(r->rows_skipped, 135080);
  assert_int_equal(r->skipped[KW_SKIP_NO_CUSTOMER], 135080);
  size_t n = kw_table_rows(t);
  assert_int_equal(n, 406829);
  assert_int_equal(kw_dict_size(kw_dataset_customers(ds)), 4372);
  assert_int_equal(kw_dict_size(kw_dataset_products(ds)), 3684);
  const kw_column *inv = kw_table_role(t, KW_ROLE_INVOICE);
  assert_int_equal(kw_dict_size(inv->dict), 22190);
  assert_non_null(kw_table_role(t, KW_ROLE_PRODUCT_NAME));
  /* Country is kept (role country: it names the currency) */
  assert_int_equal(r->n_ignored, 0);
  assert_non_null(kw_table_role(t, KW_ROLE_COUNTRY));
  /* the 135,080 lines without CustomerID are guest sales: Quantity x
   * UnitPrice summed in Python with decimal is 1,447,682.12 */
  assert_int_equal(r->guest_rows, 135080);
  assert_int_equal(r->guest_cents, 144768212);
  const kw_column *a = kw_table_role(t, KW_ROLE_AMOUNT);
  assert_int_equal(money_sum(a, n), 830006581);
  /* cancellations are kept, with negative amounts */
  size_t cancel = 0, negative = 0;
  for (size_t i = 0; i < n; i++) {
    bool c = kw_dict_str(inv->dict, inv->v.text[i])[0] == 'C';
    cancel += c;
    negative += a->v.money[i] < 0;
    if (c) assert_true(a->v.money[i] <= 0);
  }
  assert_int_equal(cancel, 8905);
  assert_int_equal(negative, 8905);
  const kw_column *d = kw_table_role(t, KW_ROLE_DATE);
  assert_int_equal(d->v.date[0], kw_date_from_ymd(2010, 12, 1));
  assert_int_equal(d->v.date[n - 1], kw_date_from_ymd(2011, 12, 9));
  kw_dataset_free(ds);

  /* every line, with the invoice standing in for the customer: the sum of
   * quantity x unit price is the published 9,747,747.93 */
  const char *maps[] = {"customer=InvoiceNo"};
  ds = load(ctx, KW_TABLE_TRANSACTIONS, path, maps, 1);
  t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_table_rows(t), 541909);
  assert_int_equal(money_sum(kw_table_role(t, KW_ROLE_AMOUNT), 541909),
                   974774793);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_telco_customers(void **state) {
  (void)state;
  const char *path = KW_SHARED_DATA "/telco_churn/Telco-Customer-Churn.csv";
  if (!have(path)) skip();
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load(ctx, KW_TABLE_CUSTOMERS, path, NULL, 0);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  assert_int_equal(kw_table_rows(t), 7043);
  assert_int_equal(kw_table_report(t)->rows_skipped, 0);
  assert_int_equal(kw_dict_size(kw_dataset_customers(ds)), 7043);
  assert_int_equal(kw_table_ncols(t), 21); /* attributes are kept */
  const kw_column *ten = kw_table_role(t, KW_ROLE_TENURE);
  assert_non_null(ten);
  double months = 0;
  for (size_t i = 0; i < 7043; i++) months += ten->v.number[i];
  assert_true(months == 227990.0);
  const kw_column *ch = kw_table_role(t, KW_ROLE_CHURN);
  assert_int_equal(ch->type, KW_TYPE_FLAG);
  size_t yes = 0;
  for (size_t i = 0; i < 7043; i++) {
    assert_true(ch->v.flag[i] == 0 || ch->v.flag[i] == 1);
    yes += ch->v.flag[i] == 1;
  }
  assert_int_equal(yes, 1869);
  const kw_column *tc = kw_table_find(t, "TotalCharges");
  assert_non_null(tc);
  assert_int_equal(tc->role, KW_ROLE_NONE);
  assert_int_equal(tc->missing, 11);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cdnow_elog),
      cmocka_unit_test(test_cdnow_master),
      cmocka_unit_test(test_cdnow_sample),
      cmocka_unit_test(test_online_retail),
      cmocka_unit_test(test_telco_customers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
