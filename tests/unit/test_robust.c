/*
 * Unit tests: repeated header names (renaming rules, worked out by hand),
 * checked money arithmetic at the int64 limits, the per-column sum check,
 * text for a terminal (control characters escaped) and the guard against
 * formula injection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "data/table.h"
#include "io/ingest.h"
#include "klantwijs.h"
#include "report/export.h"

static int warnings;
static void count_warn(void *user, kw_log_level lvl, const char *msg) {
  (void)user, (void)msg;
  if (lvl == KW_LOG_WARN) warnings++;
}

static const kw_table *load(kw_context *ctx, kw_dataset **ds,
                            const char *text) {
  *ds = kw_dataset_new(ctx);
  assert_non_null(*ds);
  kw_status st = kw_ingest_buffer(ctx, *ds, KW_TABLE_TRANSACTIONS, "t.csv",
                                  text, strlen(text), NULL);
  if (st) return NULL;
  return kw_dataset_table(*ds, KW_TABLE_TRANSACTIONS);
}

/* x, X, x_2, x, x: X repeats x (case does not count); X_2 is taken by the
 * original x_2, so X_3; x_2 itself is new; the next x get x_4 (x_2 and
 * X_3 taken) and x_5. */
static void test_dedupe_rules(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, count_warn, NULL);
  warnings = 0;
  kw_dataset *ds;
  const kw_table *t =
      load(ctx, &ds,
           "klant;datum;bedrag;x;X;x_2;x;x\nA;01-02-2024;1,00;1;2;3;4;5\n");
  assert_non_null(t);
  /* a sales table keeps no column without a role: the names are those of
   * the ignored columns, in file order */
  static const char *const want[] = {"x", "X_3", "x_2", "x_4", "x_5"};
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->n_ignored, 5);
  for (size_t k = 0; k < 5; k++) assert_string_equal(r->ignored[k], want[k]);
  assert_int_equal(warnings, 3);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* 1,000 copies: x, x_2 .. x_1000, one warning each for the first ten and
 * one for the other 989. */
static void test_dedupe_many(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, count_warn, NULL);
  warnings = 0;
  size_t n = 1000;
  char *text = malloc(n * 8 + 64);
  size_t o = (size_t)sprintf(text, "klant;datum;bedrag");
  for (size_t i = 0; i < n; i++) o += (size_t)sprintf(text + o, ";x");
  o += (size_t)sprintf(text + o, "\nA;01-02-2024;1,00");
  for (size_t i = 0; i < n; i++) o += (size_t)sprintf(text + o, ";1");
  sprintf(text + o, "\n");
  kw_dataset *ds;
  const kw_table *t = load(ctx, &ds, text);
  free(text);
  assert_non_null(t);
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->n_ignored, n);
  assert_string_equal(r->ignored[0], "x");
  char want[16];
  for (size_t k = 1; k < n; k++) {
    snprintf(want, sizeof want, "x_%zu", k + 1);
    assert_string_equal(r->ignored[k], want);
  }
  assert_int_equal(warnings, 11);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_money_add(void **state) {
  (void)state;
  int64_t acc = INT64_MAX - 5;
  assert_true(kw_money_add(&acc, 5));
  assert_true(acc == INT64_MAX);
  assert_false(kw_money_add(&acc, 1));
  assert_true(acc == INT64_MAX); /* unchanged on failure */
  acc = -INT64_MAX;              /* the most negative valid amount */
  assert_false(kw_money_add(&acc, -1)); /* INT64_MIN is the NA sentinel */
  assert_true(acc == -INT64_MAX);
  int64_t d;
  assert_true(kw_money_sub(INT64_MAX, 1, &d) && d == INT64_MAX - 1);
  assert_false(kw_money_sub(INT64_MAX, -1, &d));
  assert_false(kw_money_sub(0, INT64_MAX, &d) && d == INT64_MIN);
  assert_true(kw_money_sub(-1, INT64_MAX, &d) == false);
}

/* Two amounts of 92,233,720,368,547,758.07 (INT64_MAX cents): the column
 * check refuses the file, naming it and the column. One of them and a
 * return of -0.07: fine. */
static void test_money_column(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds;
  const kw_table *t = load(ctx, &ds,
                           "klant;datum;bedrag\n"
                           "A;01-02-2024;92.233.720.368.547.758,07\n"
                           "B;02-02-2024;92.233.720.368.547.758,07\n");
  assert_non_null(t);
  assert_int_equal(kw_table_check_money(ctx, t, "t.csv"), KW_ERANGE);
  assert_non_null(strstr(kw_errmsg(ctx), "t.csv"));
  assert_non_null(strstr(kw_errmsg(ctx), "\"bedrag\""));
  kw_dataset_free(ds);
  t = load(ctx, &ds,
           "klant;datum;bedrag\n"
           "A;01-02-2024;92.233.720.368.547.758,07\n"
           "B;02-02-2024;-0,07\n");
  assert_non_null(t);
  assert_int_equal(kw_table_check_money(ctx, t, "t.csv"), KW_OK);
  kw_summary *s;
  assert_int_equal(kw_summary_build(ctx, ds, NULL, &s), KW_OK);
  const kw_customer_summary *v = kw_summary_view(s);
  int64_t total = 0;
  for (size_t i = 0; i < v->n; i++) assert_true(kw_money_add(&total, v->revenue[i]));
  assert_true(total == INT64_MAX - 7);
  kw_summary_free(s);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_term_text(void **state) {
  (void)state;
  char out[128];
  assert_string_equal(kw_term_text(out, sizeof out, "\x1b[31mRED\x1b[0m"),
                      "\\x1b[31mRED\\x1b[0m");
  /* UTF-8 kept; C1 CSI (U+009B) and a lone 0x9B byte escaped */
  assert_string_equal(kw_term_text(out, sizeof out, "caf\xc3\xa9"),
                      "caf\xc3\xa9");
  assert_string_equal(kw_term_text(out, sizeof out, "a\xc2\x9b" "b"),
                      "a\\xc2\\x9bb");
  assert_string_equal(kw_term_text(out, sizeof out, "a\x9b" "b"), "a\\x9bb");
  assert_string_equal(kw_term_text(out, sizeof out, "l1\nl2\tx\x7f"),
                      "l1\\nl2\\tx\\x7f");
  /* cut at a whole escape */
  assert_string_equal(kw_term_text(out, 6, "ab\x1b"), "ab");
  /* widths: code points, escapes as shown */
  assert_int_equal(kw_term_width("caf\xc3\xa9"), 4);
  assert_int_equal(kw_term_width("\x1b[0m"), 4 + 3);
}

static void test_formula_like(void **state) {
  (void)state;
  static const char *const yes[] = {"=1+1", "+32 475", "-5", "@SUM(A1)",
                                    "\tx", "\rx"};
  static const char *const no[] = {"", "K001", "5-3", " =x", "'=x"};
  for (size_t k = 0; k < sizeof yes / sizeof *yes; k++)
    assert_true(kw_export_formula_like(yes[k]));
  for (size_t k = 0; k < sizeof no / sizeof *no; k++)
    assert_false(kw_export_formula_like(no[k]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dedupe_rules),
      cmocka_unit_test(test_dedupe_many),
      cmocka_unit_test(test_money_add),
      cmocka_unit_test(test_money_column),
      cmocka_unit_test(test_term_text),
      cmocka_unit_test(test_formula_like),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
