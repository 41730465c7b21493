/*
 * Unit tests: reading options from their text (kw_load_options_set), the
 * one definition the command line and the Python package share. Each value
 * the option accepts, each it refuses (with its message key and the options
 * left unchanged), in English and Dutch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "klantwijs.h"

static kw_context *ctx;

static int setup(void **state) {
  (void)state;
  ctx = kw_context_new();
  return ctx ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  kw_context_free(ctx);
  return 0;
}

static void test_accepted(void **state) {
  (void)state;
  kw_load_options o;
  kw_load_options_init(&o);
  assert_int_equal(kw_load_options_set(ctx, &o, "decimal-mark", ","), KW_OK);
  assert_int_equal(o.decimal_mark, ',');
  assert_int_equal(kw_load_options_set(ctx, &o, "decimal-mark", "."), KW_OK);
  assert_int_equal(o.decimal_mark, '.');
  assert_int_equal(kw_load_options_set(ctx, &o, "date-format", "mdy"), KW_OK);
  assert_int_equal(o.date_order, KW_DATE_MDY);
  assert_int_equal(kw_load_options_set(ctx, &o, "date-format", "dmy"), KW_OK);
  assert_int_equal(o.date_order, KW_DATE_DMY);
  assert_int_equal(kw_load_options_set(ctx, &o, "delimiter", "tab"), KW_OK);
  assert_int_equal(o.delimiter, '\t');
  assert_int_equal(kw_load_options_set(ctx, &o, "delimiter", ";"), KW_OK);
  assert_int_equal(o.delimiter, ';');
  assert_int_equal(kw_load_options_set(ctx, &o, "delimiter", "space"), KW_OK);
  assert_int_equal(o.delimiter, ' ');
  assert_int_equal(kw_load_options_set(ctx, &o, "encoding", "CP1252"), KW_OK);
  assert_int_equal(o.encoding, 2);
  assert_int_equal(kw_load_options_set(ctx, &o, "encoding", "utf8"), KW_OK);
  assert_int_equal(o.encoding, 1);
  assert_int_equal(kw_load_options_set(ctx, &o, "vat", "incl"), KW_OK);
  assert_int_equal(o.vat, 'i');
  assert_int_equal(o.header, -1);
  assert_int_equal(kw_load_options_set(ctx, &o, "no-header", NULL), KW_OK);
  assert_int_equal(o.header, 0);
  assert_int_equal(kw_load_options_set(ctx, &o, "header", NULL), KW_OK);
  assert_int_equal(o.header, 1);
  /* percentages in hundredths: 21 -> 2100, 5,5% -> 550, 1 -> 100 (the
   * least), 100 -> 10000 (the most), 12.25 -> 1225 */
  const char *pct[] = {"21", "5,5%", "1", "100", "12.25"};
  const int32_t bp[] = {2100, 550, 100, 10000, 1225};
  for (size_t k = 0; k < 5; k++) {
    assert_int_equal(kw_load_options_set(ctx, &o, "vat-rate", pct[k]), KW_OK);
    assert_int_equal(o.vat_rate_bp, bp[k]);
  }
  const char *q = "customers=SELECT * FROM crm.klant";
  assert_int_equal(kw_load_options_set(ctx, &o, "table", q), KW_OK);
  assert_string_equal(o.db_tables[KW_TABLE_CUSTOMERS], q + 10);
}

static void refused(const char *name, const char *v, const char *key,
                    const char *nl) {
  kw_load_options o, before;
  kw_load_options_init(&o);
  o.decimal_mark = ',';
  before = o;
  assert_int_equal(kw_load_options_set(ctx, &o, name, v), KW_EARG);
  assert_memory_equal(&o, &before, sizeof o);
  const kw_msginfo *mi = kw_errinfo(ctx);
  assert_non_null(mi->key);
  assert_string_equal(mi->key, key);
  char text[512];
  kw_msginfo_text(text, sizeof text, mi, kw_errmsg(ctx), KW_LANG_NL);
  assert_string_equal(text, nl);
}

static void test_refused(void **state) {
  (void)state;
  refused("decimal-mark", ";", "load.err.decimal_mark",
          "--decimal-mark verwacht ',' of '.'");
  refused("date-format", "yyyy", "load.err.choice3",
          "--date-format verwacht dmy, mdy of ymd");
  refused("delimiter", "::", "load.err.delimiter",
          "--delimiter verwacht , ; | tab of space");
  refused("encoding", "latin-9", "load.err.choice2",
          "--encoding verwacht utf-8 of windows-1252");
  refused("vat", "both", "load.err.choice2", "--vat verwacht excl of incl");
  /* 0,5% is under the least rate, 101 over the most, 2.125 has three
   * decimals, 21%% and "" are no percentage */
  const char *bad[] = {"0,5", "101", "2.125", "21%%", "", "abc"};
  for (size_t k = 0; k < 6; k++)
    refused("vat-rate", bad[k], "load.err.vat_rate",
            "--vat-rate verwacht een percentage van 1 tot 100, bv. 21");
  kw_load_options o;
  kw_load_options_init(&o);
  assert_int_equal(kw_load_options_set(ctx, &o, "table", "shop=x"), KW_EARG);
  assert_string_equal(kw_errinfo(ctx)->key, "load.err.table");
  /* the message lists every table kind, the last (spend) included */
  assert_non_null(strstr(kw_errmsg(ctx), "referrals, spend, not 'shop=x'"));
  assert_int_equal(kw_load_options_set(ctx, &o, "table", "sales="), KW_EARG);
  assert_int_equal(kw_load_options_set(ctx, &o, "colour", "red"), KW_EARG);
  assert_non_null(strstr(kw_errmsg(ctx), "colour"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_accepted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
