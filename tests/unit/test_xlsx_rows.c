/*
 * test_xlsx_rows.c — customers.xlsx's fast rows (src/report/xlsx_rows.c)
 * against the straightforward writer (every cell through libxlsxwriter):
 * the number text against snprintf "%.16g" on millions of random values,
 * and whole workbooks of demo data, in English and in Dutch with names,
 * compared cell by cell with openpyxl (tests/unit/xlsx_same.py; skipped
 * without python3-openpyxl).
 */
#include <math.h>
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
#include "report/export.h"
#include "report/xlsx_rows.h"

static uint64_t rng = 0x243F6A8885A308D3ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static double unit(void) { return (double)(next() >> 11) * 0x1p-53; }

static void number_matches_printf(void **state) {
  (void)state;
  static const double sc[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  char got[48], want[48];
  long fast = 0;
  for (long i = 0; i < 4000000; i++) {
    int d = (int)(next() % 7);
    double sign = (next() & 1) ? -1.0 : 1.0, x;
    switch (next() % 6) {
      case 0: x = unit(); break;
      case 1: x = unit() * 1e5; break;
      case 2: x = ldexp(unit(), (int)(next() % 90) - 40); break;
      case 3: x = ((double)(next() % 100000000) + 0.5) / sc[d]; break;
      case 4: x = (double)(next() % 10000000000000000ull) / sc[d]; break;
      default: x = 9.0 + unit(); break; /* top of a decade */
    }
    x *= sign;
    size_t n = kw_xlsx_number(got, x, d);
    double v = round(x * sc[d]) / sc[d];
    snprintf(want, sizeof want, "%.16g", v);
    if (strcmp(got, want) != 0 || n != strlen(want)) {
      print_error("x=%.17g d=%d got %s want %s\n", x, d, got, want);
      fail();
    }
    if (fabs(v) >= 1e-4 && fabs(round(x * sc[d])) < 1e15) fast++;
  }
  assert_true(fast > 1000000);
  double sp[] = {0.0, -0.0, -0.001, 0.004, NAN, INFINITY, -INFINITY, 1e300,
                 5e-5, 1e15, 9.999999999999999, 0.1, 0.7, 2.675};
  for (size_t k = 0; k < sizeof sp / sizeof *sp; k++)
    for (int d = 0; d <= 6; d++) {
      kw_xlsx_number(got, sp[k], d);
      snprintf(want, sizeof want, "%.16g", round(sp[k] * sc[d]) / sc[d]);
      assert_string_equal(got, want);
    }
}

static int have_openpyxl(void) {
  return system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") == 0;
}

static void same_workbook(kw_lang lang, bool names) {
  char dir[] = "/tmp/kw_xlsx_rows.XXXXXX";
  assert_non_null(mkdtemp(dir));
  kw_context *ctx = kw_context_new();
  kw_demo_options d;
  kw_demo_options_init(&d);
  d.customers = 700;
  d.seed = 5;
  d.dir = dir;
  assert_int_equal(kw_demo_generate(ctx, &d), KW_OK);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  kw_analyze_load_options(&lo);
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  kw_report_options ro;
  kw_report_options_init(&ro);
  ro.lang = lang;
  ro.show_names = names;
  ro.xlsx_max_per_action = 40; /* cut action sheets too */
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, &ao, &a), KW_OK);
  char fast[256], plain[256], cmd[1024];
  snprintf(fast, sizeof fast, "%s/fast.xlsx", dir);
  snprintf(plain, sizeof plain, "%s/plain.xlsx", dir);
  assert_int_equal(kw_report_customers_xlsx(ctx, a, &ro, fast), KW_OK);
  assert_int_equal(kw_report_customers_xlsx_plain(ctx, a, &ro, plain), KW_OK);
  snprintf(cmd, sizeof cmd,
           "/usr/bin/python3 %s/../unit/xlsx_same.py %s %s", KW_TEST_DATA, fast, plain);
  int rc = system(cmd);
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  assert_int_equal(system(cmd), 0);
  assert_int_equal(rc, 0);
}

static void workbook_en(void **state) {
  (void)state;
  if (!have_openpyxl()) skip();
  same_workbook(KW_LANG_EN, false);
}

static void workbook_nl_names(void **state) {
  (void)state;
  if (!have_openpyxl()) skip();
  same_workbook(KW_LANG_NL, true);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(number_matches_printf),
      cmocka_unit_test(workbook_en),
      cmocka_unit_test(workbook_nl_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
