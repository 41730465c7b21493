/*
 * Unit tests: workbook input (.xlsx through libzip and expat, .xls through
 * libfreexl) and the sheet layer: serial dates in both date systems,
 * number text, total rows, cell places, header detection below title
 * rows, sheet choice, package headers, and damaged workbooks. The
 * fixtures are made by tests/data/packages/make_fixtures.py; the expected
 * values below are worked out by hand (serial dates with Python's
 * datetime: the 1900 system counts from 1899-12-31 up to serial 59 and
 * from 1899-12-30 from serial 61 on; the 1904 system from 1904-01-01).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "io/roles.h"
#include "io/sheet.h"
#include "klantwijs.h"

#define PKG KW_TEST_DATA "/packages/"

static int32_t ymd(int y, int m, int d) { return kw_date_from_ymd(y, m, d); }

static void test_serial_dates(void **state) {
  (void)state;
  int32_t d;
  assert_true(kw_sheet_serial_date(1, false, &d));
  assert_int_equal(d, ymd(1900, 1, 1));
  assert_true(kw_sheet_serial_date(59, false, &d));
  assert_int_equal(d, ymd(1900, 2, 28));
  assert_false(kw_sheet_serial_date(60, false, &d)); /* 1900-02-29 */
  assert_true(kw_sheet_serial_date(61, false, &d));
  assert_int_equal(d, ymd(1900, 3, 1));
  assert_true(kw_sheet_serial_date(25569, false, &d));
  assert_int_equal(d, 0);
  assert_true(kw_sheet_serial_date(45292, false, &d));
  assert_int_equal(d, ymd(2024, 1, 1));
  assert_true(kw_sheet_serial_date(45351.999, false, &d)); /* time dropped */
  assert_int_equal(d, ymd(2024, 2, 29));
  assert_false(kw_sheet_serial_date(0, false, &d));
  assert_false(kw_sheet_serial_date(-1, false, &d));
  assert_false(kw_sheet_serial_date(3e6, false, &d));
  assert_true(kw_sheet_serial_date(0, true, &d));
  assert_int_equal(d, ymd(1904, 1, 1));
  assert_true(kw_sheet_serial_date(43830, true, &d)); /* 45292 - 1462 */
  assert_int_equal(d, ymd(2024, 1, 1));
}

static void number_is(const char *in, const char *want) {
  char out[128];
  size_t n = kw_sheet_number_text(in, strlen(in), out);
  out[n] = '\0';
  assert_string_equal(out, want);
}

static void test_number_text(void **state) {
  (void)state;
  number_is("12.5", "12.5");
  number_is("1234", "1234");
  number_is("1.234", "1.2340"); /* never a thousands separator */
  number_is("1.5E2", "150");
  number_is("-2.5E-1", "-0.25");
  number_is("1E-3", "0.0010");
  number_is("1.2345678901234567E+20", "123456789012345670000");
  number_is("4.2E-5", "0.000042");
  number_is("1E300", "1E300"); /* not written out */
}

static void test_totals_and_places(void **state) {
  (void)state;
  const char *yes[] = {"Totaal", "TOTAL", " Totaal generaal", "Grand Total",
                       "Total général", "Eindtotaal", "Totaux"};
  const char *no[] = {"Totaalprijs", "Tot", "K1", "", "Subtotal 2024"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    assert_true(kw_sheet_is_total(yes[i], strlen(yes[i])));
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    assert_false(kw_sheet_is_total(no[i], strlen(no[i])));
  char buf[64];
  kw_sheet_ref("Verkopen", 17, 2, buf, sizeof buf);
  assert_string_equal(buf, "Verkopen!B17");
  kw_sheet_ref("Verkopen 2024", 5, 28, buf, sizeof buf);
  assert_string_equal(buf, "'Verkopen 2024'!AB5");
  kw_sheet_ref("O'Brien", 1, 703, buf, sizeof buf); /* 26*27 + 1 */
  assert_string_equal(buf, "'O''Brien'!AAA1");
  kw_sheet_ref("Data", 9, 0, buf, sizeof buf);
  assert_string_equal(buf, "Data!9");
}

static void test_package_headers(void **state) {
  (void)state;
  struct {
    kw_table_kind k;
    const char *h;
    kw_role r;
  } cases[] = {
      {KW_TABLE_INVOICES, "Bedrag excl. BTW", KW_ROLE_AMOUNT},
      {KW_TABLE_INVOICES, "Bedrag incl. BTW", KW_ROLE_AMOUNT_INCL},
      {KW_TABLE_TRANSACTIONS, "Bedrag incl. BTW", KW_ROLE_AMOUNT_INCL},
      {KW_TABLE_TRANSACTIONS, "Montant HTVA", KW_ROLE_AMOUNT},
      {KW_TABLE_TRANSACTIONS, "Montant TVAC", KW_ROLE_AMOUNT_INCL},
      {KW_TABLE_TRANSACTIONS, "Totaal excl. btw", KW_ROLE_AMOUNT},
      {KW_TABLE_INVOICES, "Échéance", KW_ROLE_DUE_DATE},
      {KW_TABLE_INVOICES, "Date d'échéance", KW_ROLE_DUE_DATE},
      {KW_TABLE_INVOICES, "Openstaand", KW_ROLE_OPEN},
      {KW_TABLE_INVOICES, "Saldo", KW_ROLE_OPEN},
      {KW_TABLE_INVOICES, "Betaald op", KW_ROLE_PAID_DATE},
      {KW_TABLE_TRANSACTIONS, "Relatienummer", KW_ROLE_CUSTOMER},
      {KW_TABLE_TRANSACTIONS, "Debiteurnummer", KW_ROLE_CUSTOMER},
      {KW_TABLE_TRANSACTIONS, "Datum document", KW_ROLE_DATE},
      {KW_TABLE_TRANSACTIONS, "Date facture", KW_ROLE_DATE},
      {KW_TABLE_TRANSACTIONS, "Productcategorie", KW_ROLE_CATEGORY},
      {KW_TABLE_TRANSACTIONS, "Verkoper", KW_ROLE_SELLER},
      {KW_TABLE_CUSTOMERS, "Code postal", KW_ROLE_POSTCODE},
      {KW_TABLE_CUSTOMERS, "Localité", KW_ROLE_CITY},
      {KW_TABLE_CUSTOMERS, "Gemeente", KW_ROLE_CITY},
      {KW_TABLE_TRANSACTIONS, "Client", KW_ROLE_CUSTOMER},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    kw_role r = kw_role_guess(cases[i].k, cases[i].h, strlen(cases[i].h),
                              NULL);
    if (r != cases[i].r) fail_msg("\"%s\": %d, not %d", cases[i].h, r, cases[i].r);
  }
  assert_true(kw_role_header_excl_vat("Bedrag excl. BTW", 16));
  assert_false(kw_role_header_excl_vat("Bedrag", 6));
}

static kw_status load(kw_context *ctx, const char *path, const char *sheet,
                      kw_dataset **ds) {
  kw_load_options o;
  kw_load_options_init(&o);
  o.files[KW_TABLE_TRANSACTIONS] = path;
  o.sheet = sheet;
  return kw_dataset_load(ctx, &o, ds);
}

static int64_t sum_money(const kw_column *c, size_t rows) {
  int64_t s = 0;
  for (size_t i = 0; i < rows; i++) s += c->v.money[i];
  return s;
}

/* exact.xlsx: two title rows, header on row 3, six invoices, a total
 * row on 10, an "Info" sheet first. Excl. 1600.49, incl. 1936.60. */
static void test_exact_workbook(void **state) {
  (void)state;
  const char *paths[] = {PKG "exact.xlsx", PKG "exact.xls"};
  for (int k = 0; k < 2; k++) {
    kw_context *ctx = kw_context_new();
    kw_dataset *ds = NULL;
    kw_status st = load(ctx, paths[k], NULL, &ds);
    if (st) fail_msg("%s", kw_errmsg(ctx));
    const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
    const kw_read_report *r = kw_table_report(t);
    assert_string_equal(r->format, k ? "xls" : "xlsx");
    assert_string_equal(r->sheet, "Facturen");
    assert_int_equal(r->header_row, 3);
    assert_int_equal(r->total_row, 10);
    assert_int_equal(r->rows_read, 6);
    assert_int_equal(r->vat, KW_VAT_EXCL);
    assert_true(r->vat_other);
    size_t rows = kw_table_rows(t);
    assert_int_equal(rows, 6);
    assert_int_equal(sum_money(kw_table_role(t, KW_ROLE_AMOUNT), rows), 160049);
    assert_int_equal(sum_money(kw_table_role(t, KW_ROLE_AMOUNT_INCL), rows),
                     193660);
    const kw_column *d = kw_table_role(t, KW_ROLE_DATE);
    assert_int_equal(d->v.date[0], ymd(2024, 1, 5));
    assert_int_equal(d->v.date[5], ymd(2024, 3, 30));
    const kw_column *c = kw_table_role(t, KW_ROLE_CUSTOMER);
    assert_string_equal(kw_dict_str(c->dict, c->v.text[0]), "1001");
    kw_dataset_free(ds);
    kw_context_free(ctx);
  }
}

static void test_sheet_choice(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = NULL;
  /* by number and by name in any case */
  assert_int_equal(load(ctx, PKG "exact.xlsx", "2", &ds), KW_OK);
  assert_string_equal(
      kw_table_report(kw_dataset_table(ds, KW_TABLE_TRANSACTIONS))->sheet,
      "Facturen");
  kw_dataset_free(ds);
  assert_int_equal(load(ctx, PKG "exact.xlsx", "facturen", &ds), KW_OK);
  kw_dataset_free(ds);
  /* the Info sheet has no sales columns */
  assert_int_equal(load(ctx, PKG "exact.xlsx", "Info", &ds), KW_EMISSING);
  assert_null(ds);
  assert_int_equal(load(ctx, PKG "exact.xlsx", "3", &ds), KW_EARG);
  assert_non_null(strstr(kw_errmsg(ctx), "\"Info\", \"Facturen\""));
  kw_context_free(ctx);
}

/* special.xlsx (1904 system, inline and rich strings, exponents, an
 * error cell as the date on row 6, a total row on 8). */
static void test_special_cells(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = NULL;
  kw_status st = load(ctx, PKG "special.xlsx", NULL, &ds);
  if (st) fail_msg("%s", kw_errmsg(ctx));
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->header_row, 3);
  assert_int_equal(r->total_row, 8);
  assert_int_equal(r->rows_read, 4);
  assert_int_equal(r->skipped[KW_SKIP_BAD_DATE], 1);
  assert_string_equal(r->examples[0],
                      PKG "special.xlsx:Data!C6: missing date in column "
                          "\"Datum factuur\"");
  assert_int_equal(kw_table_rows(t), 3);
  const kw_column *c = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *d = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *a = kw_table_role(t, KW_ROLE_AMOUNT);
  assert_string_equal(c->name, "Klant");
  assert_string_equal(d->name, "Datum factuur"); /* no phonetic run */
  assert_string_equal(kw_dict_str(c->dict, c->v.text[0]), "Café Zoë");
  assert_string_equal(kw_dict_str(c->dict, c->v.text[1]), "K2");
  assert_int_equal(d->v.date[0], ymd(2024, 1, 1));
  assert_int_equal(d->v.date[1], ymd(2024, 1, 2));
  assert_int_equal(d->v.date[2], ymd(2024, 1, 3));
  assert_int_equal(a->v.money[0], 15000);
  assert_int_equal(a->v.money[1], 123); /* 1.234, not 1234 */
  assert_int_equal(a->v.money[2], -25);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_damaged(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = NULL;
  assert_int_equal(load(ctx, PKG "damaged.xlsx", NULL, &ds), KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "damaged.xlsx: not a readable"));
  assert_int_equal(load(ctx, PKG "doctype.xlsx", NULL, &ds), KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "document type declaration"));
  assert_null(ds);
  kw_context_free(ctx);
}

/* Allocation failures while reading workbooks (ours; libzip, expat and
 * libfreexl allocate on their own): KW_ENOMEM and no leak (the sanitizer
 * build checks that), until enough allocations succeed. */
static void test_out_of_memory(void **state) {
  (void)state;
  const char *paths[] = {PKG "special.xlsx", PKG "exact.xls",
                         KW_TEST_DATA "/folders/real_names"};
  for (int k = 0; k < 3; k++) {
    int ok = 0;
    for (long n = 0; n < 3000 && !ok; n++) {
      failing fl = {n, true};
      kw_allocator al = failing_allocator(&fl);
      kw_context *ctx = kw_context_new_with_allocator(&al);
      if (!ctx) continue;
      kw_load_options o;
      kw_load_options_init(&o);
      if (k == 2)
        o.dir = paths[k];
      else
        o.files[KW_TABLE_TRANSACTIONS] = paths[k];
      kw_dataset *ds = NULL;
      kw_status st = kw_dataset_load(ctx, &o, &ds);
      if (st != KW_OK && st != KW_ENOMEM)
        fail_msg("%s after %ld allocations: %d %s", paths[k], n, st,
                 kw_errmsg(ctx));
      ok = st == KW_OK;
      kw_dataset_free(ds);
      kw_context_free(ctx);
    }
    assert_true(ok);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_serial_dates),
      cmocka_unit_test(test_number_text),
      cmocka_unit_test(test_totals_and_places),
      cmocka_unit_test(test_package_headers),
      cmocka_unit_test(test_exact_workbook),
      cmocka_unit_test(test_sheet_choice),
      cmocka_unit_test(test_special_cells),
      cmocka_unit_test(test_damaged),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
