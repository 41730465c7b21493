/* Unit tests: number formatting, result tables, JSON writer, atomic files. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "klantwijs.h"
#include "report/jw.h"

static void test_money(void **state) {
  (void)state;
  char b[32];
  assert_string_equal(kw_fmt_money(b, 123456, KW_LANG_EN), "1,234.56");
  assert_string_equal(kw_fmt_money(b, 123456, KW_LANG_NL), "1.234,56");
  assert_string_equal(kw_fmt_money(b, -5, KW_LANG_NL), "-0,05");
  assert_string_equal(kw_fmt_money(b, 0, KW_LANG_EN), "0.00");
  assert_string_equal(kw_fmt_money(b, 100000000, KW_LANG_EN), "1,000,000.00");
  assert_string_equal(kw_fmt_money(b, 99999, KW_LANG_NL), "999,99");
  /* the most negative value must not overflow */
  assert_string_equal(kw_fmt_money(b, INT64_MIN + 1, KW_LANG_EN),
                      "-92,233,720,368,547,758.07");
  assert_string_equal(kw_fmt_money(b, KW_NA_MONEY, KW_LANG_EN), "");
  assert_string_equal(kw_fmt_money_plain(b, -123456), "-1234.56");
  assert_string_equal(kw_fmt_money_plain(b, 5), "0.05");
  assert_string_equal(kw_fmt_money_plain(b, INT64_MIN + 1),
                      "-92233720368547758.07");
  assert_string_equal(kw_fmt_money_plain(b, KW_NA_MONEY), "");
}

static void test_numbers(void **state) {
  (void)state;
  char b[32];
  assert_string_equal(kw_fmt_number(b, 1234.5678, 2, KW_LANG_EN), "1,234.57");
  assert_string_equal(kw_fmt_number(b, 1234.5678, 2, KW_LANG_NL), "1.234,57");
  assert_string_equal(kw_fmt_number(b, -0.004, 2, KW_LANG_EN), "0.00");
  assert_string_equal(kw_fmt_number(b, -2.5, 0, KW_LANG_EN), "-3");
  assert_string_equal(kw_fmt_number(b, 0.05, 1, KW_LANG_NL), "0,1");
  assert_string_equal(kw_fmt_number(b, NAN, 2, KW_LANG_EN), "");
  assert_string_equal(kw_fmt_plain(b, 0.1), "0.1");
  assert_string_equal(kw_fmt_plain(b, -0.0), "0");
  assert_string_equal(kw_fmt_plain(b, 38.857142857142854), "38.8571428571429");
  assert_string_equal(kw_fmt_plain(b, INFINITY), "null");
}

/* Writes to a memory stream and returns the text (caller frees). */
static char *capture(void (*fn)(kw_context *, FILE *)) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  kw_context *ctx = kw_context_new();
  fn(ctx, f);
  fclose(f);
  kw_context_free(ctx);
  return buf;
}

static const char *const names[] = {"a,b", "say \"hi\""};
static const int64_t cents[] = {150, -2};
static const double pct[] = {0.5, NAN};

static void write_csv(kw_context *ctx, FILE *f) {
  kw_rcol cols[] = {
      {"name", "Name", NULL, KW_CELL_STR, 0, names, NULL, NULL, NULL},
      {"amount", "Amount", "Bedrag", KW_CELL_MONEY, 0, cents, NULL, NULL, NULL},
      {"share", "Share", NULL, KW_CELL_PCT, 1, pct, NULL, NULL, NULL},
  };
  kw_rtable t = {NULL, 2, NULL, 3, cols};
  assert_int_equal(kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, KW_LANG_NL, 0),
                   KW_OK);
}

static void write_table(kw_context *ctx, FILE *f) {
  kw_rcol cols[] = {
      {"name", "Name", NULL, KW_CELL_STR, 0, names, NULL, NULL, NULL},
      {"amount", "Amount", "Bedrag", KW_CELL_MONEY, 0, cents, NULL, NULL, NULL},
  };
  uint32_t rows[] = {1, 0};
  kw_rtable t = {NULL, 2, rows, 2, cols};
  assert_int_equal(
      kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, KW_LANG_NL, 1), KW_OK);
}

static void write_json(kw_context *ctx, FILE *f) {
  kw_jw *w = kw_jw_new(ctx, f);
  kw_jw_begin_object(w, NULL);
  kw_jw_str(w, "s", "a\"b\\c\n\x01");
  kw_jw_money(w, "m", -1234);
  kw_jw_num(w, "x", NAN);
  kw_jw_begin_array(w, "e");
  kw_jw_end_array(w);
  kw_jw_date(w, "d", kw_date_from_ymd(2024, 3, 1));
  kw_jw_end_object(w);
  assert_int_equal(kw_jw_finish(w), KW_OK);
}

static void test_writers(void **state) {
  (void)state;
  char *s = capture(write_csv);
  /* CSV is for machines: '.' decimals whatever the language, quoting per
     RFC 4180, an empty cell for a missing value */
  assert_string_equal(s,
                      "name,amount,share\n"
                      "\"a,b\",1.50,0.5\n"
                      "\"say \"\"hi\"\"\",-0.02,\n");
  free(s);
  s = capture(write_table);
  /* rows in the given order, Dutch header and number format, one row shown */
  assert_string_equal(s,
                      "Name      Bedrag\n"
                      "--------  ------\n"
                      "say \"hi\"   -0,02\n"
                      "... en nog 1 rijen\n");
  free(s);
  s = capture(write_json);
  assert_string_equal(s,
                      "{\n"
                      "  \"s\": \"a\\\"b\\\\c\\n\\u0001\",\n"
                      "  \"m\": -12.34,\n"
                      "  \"x\": null,\n"
                      "  \"e\": [],\n"
                      "  \"d\": \"2024-03-01\"\n"
                      "}\n");
  free(s);
}

static void test_atomic(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char dir[] = "/tmp/kw_atomic_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[64];
  snprintf(path, sizeof path, "%s/out.txt", dir);
  kw_atomic *a;
  assert_int_equal(kw_atomic_open(ctx, path, &a), KW_OK);
  fputs("hello", kw_atomic_file(a));
  /* nothing at the target until the commit */
  assert_int_not_equal(access(path, F_OK), 0);
  assert_int_equal(kw_atomic_commit(a), KW_OK);
  FILE *f = fopen(path, "r");
  char buf[16] = {0};
  assert_non_null(fgets(buf, sizeof buf, f));
  fclose(f);
  assert_string_equal(buf, "hello");
  /* the mode a plain fopen would give (0666 less the umask), not 0600 */
  mode_t um = umask(022);
  umask(um);
  struct stat fs;
  assert_int_equal(stat(path, &fs), 0);
  assert_int_equal(fs.st_mode & 0777, 0666 & ~um);
  /* abort leaves the old file and no temporary behind */
  assert_int_equal(kw_atomic_open(ctx, path, &a), KW_OK);
  fputs("bye", kw_atomic_file(a));
  kw_atomic_abort(a);
  f = fopen(path, "r");
  assert_non_null(fgets(buf, sizeof buf, f));
  fclose(f);
  assert_string_equal(buf, "hello");
  /* a folder is refused; a device is written in place, not replaced */
  assert_int_equal(kw_atomic_open(ctx, dir, &a), KW_EIO);
  assert_int_equal(kw_atomic_open(ctx, "/dev/null", &a), KW_OK);
  assert_int_equal(kw_atomic_commit(a), KW_OK);
  struct stat sb;
  assert_int_equal(stat("/dev/null", &sb), 0);
  assert_true(S_ISCHR(sb.st_mode));
  /* a folder that does not exist */
  assert_int_equal(kw_atomic_open(ctx, "/nonexistent/dir/x", &a), KW_EIO);
  unlink(path);
  char cmd[96];
  snprintf(cmd, sizeof cmd, "ls -A %s | wc -l | grep -q '^0$'", dir);
  assert_int_equal(system(cmd), 0);
  rmdir(dir);
  kw_context_free(ctx);
}

/* The command-line rows of the message table (messages.c). */
size_t kw_message_count(void);
const char *kw_message_key_at(size_t i);

/* The sorted {placeholder} names of s joined by ','. */
static void names_of(const char *s, char *out, size_t cap) {
  char list[32][32];
  size_t n = 0;
  for (const char *p = s; (p = strchr(p, '{')) != NULL; p++) {
    const char *e = strchr(p, '}');
    if (!e || n == 32) break;
    size_t w = (size_t)(e - p - 1);
    if (w >= sizeof list[0]) w = sizeof list[0] - 1;
    memcpy(list[n], p + 1, w);
    list[n][w] = '\0';
    n++;
  }
  qsort(list, n, sizeof list[0], (int (*)(const void *, const void *))strcmp);
  out[0] = '\0';
  size_t len = 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || strcmp(list[i], list[i - 1]) != 0)
      len += (size_t)snprintf(out + len, cap - len, "%s,", list[i]);
}

static void test_messages(void **state) {
  (void)state;
  /* every command-line row has both languages, the same placeholders in
   * both, and a key no other row has */
  size_t n = kw_message_count();
  assert_true(n > 100);
  for (size_t i = 0; i < n; i++) {
    const char *key = kw_message_key_at(i);
    const char *en = kw_message(key, KW_LANG_EN);
    const char *nl = kw_message(key, KW_LANG_NL);
    assert_non_null(en);
    assert_non_null(nl);
    assert_true(en[0] != '\0' && nl[0] != '\0');
    char pe[512], pn[512];
    names_of(en, pe, sizeof pe);
    names_of(nl, pn, sizeof pn);
    if (strcmp(pe, pn) != 0) fail_msg("%s: {%s} vs {%s}", key, pe, pn);
    for (size_t j = 0; j < i; j++)
      if (strcmp(kw_message_key_at(j), key) == 0) fail_msg("twice: %s", key);
  }
  /* lookup, the report rows too, and a missing key */
  assert_string_equal(kw_message("cli.usage", KW_LANG_NL), "gebruik:");
  assert_string_equal(kw_message("report.title", KW_LANG_EN),
                      "Customer report");
  assert_null(kw_message("no.such.key", KW_LANG_EN));
  /* filling: named values, a placeholder without one stays, truncation */
  char buf[128];
  const char *keys[] = {"opt", "lo", "hi"};
  const char *values[] = {"--bins", "2", "9"};
  size_t len = kw_message_fill(buf, sizeof buf, "cli.err.range", KW_LANG_NL,
                               keys, values, 3);
  assert_string_equal(buf, "--bins verwacht een getal van 2 tot 9");
  assert_int_equal(len, strlen(buf));
  kw_message_fill(buf, sizeof buf, "cli.err.range", KW_LANG_EN, keys,
                  values, 1);
  assert_string_equal(buf, "--bins takes a number from {lo} to {hi}");
  char small[8];
  len = kw_message_fill(small, sizeof small, "cli.err.range", KW_LANG_EN,
                        keys, values, 3);
  assert_string_equal(small, "--bins ");
  assert_int_equal(len, strlen("--bins takes a number from 2 to 9"));
  kw_message_fill(buf, sizeof buf, "no.such.key", KW_LANG_EN, NULL, NULL, 0);
  assert_string_equal(buf, "no.such.key");
}

/* The writers refuse what they cannot write: a missing result or stream is
 * KW_EARG with a message, never a crash. */
static void test_writer_arguments(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  assert_non_null(ctx);
  FILE *f = tmpfile();
  assert_non_null(f);
  kw_profit_options po;
  kw_profit_options_init(&po);
  assert_int_equal(kw_report_profit(ctx, f, NULL, NULL, NULL, &po, NULL),
                   KW_EARG);
  assert_true(strstr(kw_errmsg(ctx), "profit report") != NULL);
  kw_payments_options pyo;
  kw_payments_options_init(&pyo);
  assert_int_equal(kw_report_payments(ctx, f, NULL, NULL, &pyo, NULL),
                   KW_EARG);
  assert_int_equal(kw_report_rfm(ctx, NULL, NULL, NULL, NULL), KW_EARG);
  assert_int_equal(kw_report_clv(ctx, f, NULL, NULL, NULL, NULL, 0, NULL),
                   KW_EARG);
  assert_int_equal(kw_report_cohorts(ctx, f, NULL, NULL), KW_EARG);
  assert_int_equal(kw_report_inspect(ctx, f, NULL, NULL, NULL), KW_EARG);
  assert_int_equal(kw_report_rfm_rules(ctx, NULL, NULL, NULL), KW_EARG);
  /* the built-in RFM rules written as a rule file name every segment */
  assert_int_equal(kw_report_rfm_rules(ctx, f, NULL, NULL), KW_OK);
  rewind(f);
  char text[8192];
  size_t n = fread(text, 1, sizeof text - 1, f);
  text[n] = '\0';
  assert_non_null(strstr(text, "[champions]"));
  assert_non_null(strstr(text, "[lost]"));
  /* defaults of the report choices */
  kw_clv_report cr;
  kw_clv_report_init(&cr);
  assert_true(isnan(cr.margin));
  assert_int_equal(cr.top, 20);
  kw_cohorts_report co;
  kw_cohorts_report_init(&co);
  assert_true(co.want[KW_COHORT_ACTIVE_SHARE]);
  assert_false(co.want[KW_COHORT_REVENUE]);
  fclose(f);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_money), cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_writers), cmocka_unit_test(test_atomic),
      cmocka_unit_test(test_messages),
      cmocka_unit_test(test_writer_arguments)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
