/*
 * Unit tests: cell parsers (src/io/parse.c). Every expected value is worked
 * out by hand from the cell text; day numbers are counted from 1970-01-01
 * in the comments (2024-01-01 = 54 years * 365 + 13 leap days = 19723).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/parse.h"
#include "klantwijs.h"

/* ---------------------------------------------------------- helpers */

static void check_amount(const char *s, size_t n, char mark, int64_t want,
                         int64_t want_alt, kw_mark_evidence want_ev,
                         int line) {
  int64_t c = 0x5a5a, a = 0x5a5a;
  kw_mark_evidence ev = (kw_mark_evidence)99;
  if (!kw_parse_amount(s, n, mark, &c, &a, &ev)) {
    print_error("line %d: amount \"%s\" mark '%c' rejected\n", line, s,
                mark ? mark : '0');
    fail();
  }
  if (c != want || a != want_alt || ev != want_ev) {
    print_error("line %d: amount \"%s\" mark '%c': got %lld alt %lld ev %d,"
                " want %lld alt %lld ev %d\n",
                line, s, mark ? mark : '0', (long long)c, (long long)a,
                (int)ev, (long long)want, (long long)want_alt, (int)want_ev);
    fail();
  }
  /* alt may be NULL */
  int64_t c2 = 0;
  assert_true(kw_parse_amount(s, n, mark, &c2, NULL, &ev));
  assert_int_equal(c2, want);
}

static void check_amount_bad(const char *s, size_t n, char mark, int line) {
  int64_t c, a;
  kw_mark_evidence ev;
  if (kw_parse_amount(s, n, mark, &c, &a, &ev)) {
    print_error("line %d: amount \"%s\" mark '%c' accepted as %lld\n", line,
                s, mark ? mark : '0', (long long)c);
    fail();
  }
}

#define AMT(s, mark, want, alt, ev) \
  check_amount(s, sizeof(s) - 1, mark, want, alt, ev, __LINE__)
#define AMT1(s, mark, want, ev) AMT(s, mark, want, want, ev)
#define AMT_BAD(s, mark) check_amount_bad(s, sizeof(s) - 1, mark, __LINE__)

static void check_number(const char *s, size_t n, char mark, double want,
                         double want_alt, kw_mark_evidence want_ev,
                         int line) {
  double v = -777, a = -777;
  kw_mark_evidence ev = (kw_mark_evidence)99;
  if (!kw_parse_number(s, n, mark, &v, &a, &ev)) {
    print_error("line %d: number \"%s\" mark '%c' rejected\n", line, s,
                mark ? mark : '0');
    fail();
  }
  /* exact comparison on purpose: the result must be the correctly rounded
   * double, which is what the compiler makes of the same literal */
  if (v != want || a != want_alt || ev != want_ev) {
    print_error("line %d: number \"%s\": got %.17g alt %.17g ev %d, want "
                "%.17g alt %.17g ev %d\n",
                line, s, v, a, (int)ev, want, want_alt, (int)want_ev);
    fail();
  }
}

static void check_number_bad(const char *s, size_t n, char mark, int line) {
  double v, a;
  kw_mark_evidence ev;
  if (kw_parse_number(s, n, mark, &v, &a, &ev)) {
    print_error("line %d: number \"%s\" mark '%c' accepted as %.17g\n", line,
                s, mark ? mark : '0', v);
    fail();
  }
}

#define NUM(s, mark, want, alt, ev) \
  check_number(s, sizeof(s) - 1, mark, want, alt, ev, __LINE__)
#define NUM1(s, mark, want, ev) NUM(s, mark, want, want, ev)
#define NUM_BAD(s, mark) check_number_bad(s, sizeof(s) - 1, mark, __LINE__)

static void check_date(const char *s, size_t n, kw_date_order order,
                       int32_t want, int32_t want_alt,
                       kw_date_evidence want_ev, int line) {
  int32_t d = -777, a = -777;
  kw_date_evidence ev = (kw_date_evidence)99;
  if (!kw_parse_date(s, n, order, &d, &a, &ev)) {
    print_error("line %d: date \"%s\" order %d rejected\n", line, s,
                (int)order);
    fail();
  }
  if (d != want || a != want_alt || ev != want_ev) {
    print_error("line %d: date \"%s\" order %d: got %d alt %d ev %d, want "
                "%d alt %d ev %d\n",
                line, s, (int)order, (int)d, (int)a, (int)ev, (int)want,
                (int)want_alt, (int)want_ev);
    fail();
  }
}

static void check_date_bad(const char *s, size_t n, kw_date_order order,
                           int line) {
  int32_t d, a;
  kw_date_evidence ev;
  if (kw_parse_date(s, n, order, &d, &a, &ev)) {
    print_error("line %d: date \"%s\" order %d accepted as %d\n", line, s,
                (int)order, (int)d);
    fail();
  }
}

#define DATE(s, order, want, alt, ev) \
  check_date(s, sizeof(s) - 1, order, want, alt, ev, __LINE__)
#define DATE1(s, order, want, ev) DATE(s, order, want, want, ev)
#define DATE_BAD(s, order) check_date_bad(s, sizeof(s) - 1, order, __LINE__)

#define U KW_DATE_ORDER_UNKNOWN

/* ---------------------------------------------------------- amounts */

static void test_amount_formats(void **state) {
  (void)state;
  AMT1("1234.56", 0, 123456, KW_MARK_DOT);
  AMT1("1234,56", 0, 123456, KW_MARK_COMMA);
  AMT1("1.234,56", 0, 123456, KW_MARK_COMMA);
  AMT1("1,234.56", 0, 123456, KW_MARK_DOT);
  AMT1("\xE2\x82\xAC 1.234,56", 0, 123456, KW_MARK_COMMA); /* UTF-8 € */
  AMT1("\x80 1.234,56", 0, 123456, KW_MARK_COMMA);         /* cp1252 € */
  AMT1("\xE2\x82\xAC" "1.234,56", 0, 123456, KW_MARK_COMMA);
  AMT1("1 234,56", 0, 123456, KW_MARK_COMMA);
  AMT1("1\xC2\xA0" "234,56", 0, 123456, KW_MARK_COMMA);     /* U+00A0 */
  AMT1("1\xE2\x80\xAF" "234,56", 0, 123456, KW_MARK_COMMA); /* U+202F */
  AMT1("1\xE2\x80\x89" "234,56", 0, 123456, KW_MARK_COMMA); /* U+2009 */
  AMT1("1\xA0" "234,56", 0, 123456, KW_MARK_COMMA);         /* cp1252 */
  AMT1("\x80\xA0" "1\xA0" "234,56\xA0", 0, 123456, KW_MARK_COMMA);
  AMT1("1 234 567,89", 0, 123456789, KW_MARK_COMMA);
  AMT1("1 234.5", 0, 123450, KW_MARK_DOT);
  AMT1("1234", 0, 123400, KW_MARK_NONE);
  AMT1("1 234", 0, 123400, KW_MARK_NONE);
  AMT1("0012,50", 0, 1250, KW_MARK_COMMA);
  AMT1("0", 0, 0, KW_MARK_NONE);
  AMT1("  42\t", 0, 4200, KW_MARK_NONE);
  AMT1(".5", 0, 50, KW_MARK_DOT);
  AMT1(",5", 0, 50, KW_MARK_COMMA);
  AMT1(",123", 0, 12, KW_MARK_COMMA); /* 0.123 -> 0.12 */
  AMT1("12,5", 0, 1250, KW_MARK_COMMA);
  AMT1("12.5", 0, 1250, KW_MARK_DOT);
  /* thousands groups of exactly 3 */
  AMT1("1.234.567", 0, 123456700, KW_MARK_COMMA);
  AMT1("1,234,567", 0, 123456700, KW_MARK_DOT);
  AMT1("12.345.678,9", 0, 1234567890, KW_MARK_COMMA);
  AMT1("123,456,789.01", 0, 12345678901, KW_MARK_DOT);
}

static void test_amount_currency_and_sign(void **state) {
  (void)state;
  AMT1("-12,50", 0, -1250, KW_MARK_COMMA);
  AMT1("12,50-", 0, -1250, KW_MARK_COMMA);
  AMT1("(12,50)", 0, -1250, KW_MARK_COMMA);
  AMT1("( 12,50 )", 0, -1250, KW_MARK_COMMA);
  AMT1("+3", 0, 300, KW_MARK_NONE);
  AMT1("\xE2\x88\x92" "5", 0, -500, KW_MARK_NONE); /* U+2212 minus */
  AMT1("EUR 12", 0, 1200, KW_MARK_NONE);
  AMT1("12 EUR", 0, 1200, KW_MARK_NONE);
  AMT1("eur12", 0, 1200, KW_MARK_NONE);
  AMT1("12 usd", 0, 1200, KW_MARK_NONE);
  AMT1("$5", 0, 500, KW_MARK_NONE);
  AMT1("$ 1,234.50", 0, 123450, KW_MARK_DOT);
  AMT1("\xC2\xA3" "3.50", 0, 350, KW_MARK_DOT); /* UTF-8 £ */
  AMT1("\xA3" "3.50", 0, 350, KW_MARK_DOT);     /* cp1252 £ */
  AMT1("3,50 \xE2\x82\xAC", 0, 350, KW_MARK_COMMA);
  AMT1("3,50\x80", 0, 350, KW_MARK_COMMA);
  AMT1("-\xE2\x82\xAC 12,50", 0, -1250, KW_MARK_COMMA);
  AMT1("\xE2\x82\xAC -12,50", 0, -1250, KW_MARK_COMMA);
  AMT1("(\xE2\x82\xAC 12,50)", 0, -1250, KW_MARK_COMMA);
  AMT1("12,50 EUR-", 0, -1250, KW_MARK_COMMA);
  AMT1("-0", 0, 0, KW_MARK_NONE);
}

static void test_amount_currency_code(void **state) {
  (void)state;
  assert_int_equal(kw_amount_currency("12,50", 5), 0);
  assert_int_equal(kw_amount_currency("-12.50", 6), 0);
  assert_int_equal(kw_amount_currency("\xE2\x82\xAC 12,50", 9), 1);
  assert_int_equal(kw_amount_currency("3,50\x80", 5), 1); /* cp1252 euro */
  assert_int_equal(kw_amount_currency("12 eur", 6), 1);
  assert_int_equal(kw_amount_currency("$ 1,234.50", 10), 2);
  assert_int_equal(kw_amount_currency("12 USD", 6), 2);
  assert_int_equal(kw_amount_currency("\xC2\xA3" "3.50", 6), 3);
  assert_int_equal(kw_amount_currency("\xA3" "3.50", 5), 3);
  assert_int_equal(kw_amount_currency("(GBP 3.50)", 10), 3);
}

static void test_amount_evidence(void **state) {
  (void)state;
  /* one separator, exactly 3 digits after, 1-3 digits before: both
   * readings; *cents = thousands, *alt = decimal (1.234 -> 1.23) */
  AMT("1,234", 0, 123400, 123, KW_MARK_AMBIGUOUS);
  AMT("1.234", 0, 123400, 123, KW_MARK_AMBIGUOUS);
  AMT("-1.000", 0, -100000, -100, KW_MARK_AMBIGUOUS);
  AMT("999,999", 0, 99999900, 100000, KW_MARK_AMBIGUOUS); /* 999.999->1000 */
  /* 2.675: third decimal 5 rounds away from zero -> 2.68 */
  AMT("2,675", 0, 267500, 268, KW_MARK_AMBIGUOUS);
  AMT("(2,675)", 0, -267500, -268, KW_MARK_AMBIGUOUS);
  /* not ambiguous: a leading 0 group or more than 3 digits before */
  AMT1("0,125", 0, 13, KW_MARK_COMMA);  /* 0.125 -> 0.13 */
  AMT1("-0.125", 0, -13, KW_MARK_DOT);  /* half away from zero */
  AMT1("1234,567", 0, 123457, KW_MARK_COMMA);
  AMT1("1234.565", 0, 123457, KW_MARK_DOT);
  AMT1("1234,5649", 0, 123456, KW_MARK_COMMA); /* third digit 4: down */
  AMT1("-1234,5649", 0, -123456, KW_MARK_COMMA);
  AMT1("1,2345", 0, 123, KW_MARK_COMMA);
  AMT1("0,995", 0, 100, KW_MARK_COMMA); /* 0.995 -> 1.00 */
  AMT1("0,00499999", 0, 0, KW_MARK_COMMA);
  AMT1("0,005", 0, 1, KW_MARK_COMMA);
  AMT1("-0,005", 0, -1, KW_MARK_COMMA);
  /* a blank group makes the single '.'/',' the decimal mark */
  AMT1("1 234,567", 0, 123457, KW_MARK_COMMA);
}

static void test_amount_with_mark(void **state) {
  (void)state;
  AMT1("1.234", ',', 123400, KW_MARK_AMBIGUOUS);
  AMT1("1.234", '.', 123, KW_MARK_AMBIGUOUS);
  AMT1("1,234", '.', 123400, KW_MARK_AMBIGUOUS);
  AMT1("1,234", ',', 123, KW_MARK_AMBIGUOUS);
  AMT1("12,50", ',', 1250, KW_MARK_COMMA);
  AMT1("12.50", '.', 1250, KW_MARK_DOT);
  AMT1("1234", ',', 123400, KW_MARK_NONE);
  AMT1("1234", '.', 123400, KW_MARK_NONE);
  AMT1("1.234,56", ',', 123456, KW_MARK_COMMA);
  AMT1("1,234.56", '.', 123456, KW_MARK_DOT);
  AMT1("12.345.678", ',', 1234567800, KW_MARK_COMMA);
  AMT1("1 234,5", ',', 123450, KW_MARK_COMMA);
  AMT1("1 234", '.', 123400, KW_MARK_NONE);
  AMT1("1,2345", ',', 123, KW_MARK_COMMA);
  /* contradictions */
  AMT_BAD("12.50", ',');
  AMT_BAD("12,50", '.');
  AMT_BAD("1.234,56", '.');
  AMT_BAD("1,234.56", ',');
  AMT_BAD("12.345.678", '.');
  AMT_BAD("1,234,567", ',');
  AMT_BAD("1 234,56", '.'); /* ',' and blank both thousands: mixed */
  AMT_BAD("0.125", ',');    /* 0.125 as thousands: a leading 0 group */
  AMT_BAD("1234.567", ','); /* 4-digit first group */
}

static void test_amount_junk(void **state) {
  (void)state;
  AMT_BAD("abc", 0);
  AMT_BAD("12,3,4", 0);
  AMT_BAD("--5", 0);
  AMT_BAD("1.2.3,4,5", 0);
  AMT_BAD("(12", 0);
  AMT_BAD("12)", 0);
  AMT_BAD("\xE2\x82\xAC", 0);
  AMT_BAD("\x80", 0);
  AMT_BAD("EUR", 0);
  AMT_BAD("-", 0);
  AMT_BAD("()", 0);
  AMT_BAD("(-5)", 0);
  AMT_BAD("-5-", 0);
  AMT_BAD("5-5", 0);
  AMT_BAD("1..2", 0);
  AMT_BAD("12.", 0);
  AMT_BAD("12,", 0);
  AMT_BAD(",", 0);
  AMT_BAD("1.23.456", 0);
  AMT_BAD("1,23,456", 0); /* 2-digit groups are not thousands groups */
  AMT_BAD("12 34", 0);
  AMT_BAD("1  234", 0);
  AMT_BAD("1 234.567,8", 0); /* blank and '.' both as thousands */
  AMT_BAD("1e3", 0);
  AMT_BAD("0x10", 0);
  AMT_BAD("EURO 5", 0);
  AMT_BAD("\xE2\x82\xAC \xE2\x82\xAC 5", 0);
  AMT_BAD("5 %", 0);
  AMT_BAD("1.2.3.4.5.6.7.8.9.0", ',');
  AMT_BAD("12,5\t0", 0); /* a tab is not a group blank */
}

static void test_amount_blank_and_overflow(void **state) {
  (void)state;
  AMT_BAD("", 0);
  AMT_BAD("   ", 0);
  AMT_BAD("\t", 0);
  AMT_BAD("\xC2\xA0", 0);
  AMT_BAD("\xA0 \xA0", ',');
  /* INT64_MAX = 9223372036854775807 cents = 92233720368547758,07 */
  AMT1("92233720368547758,07", 0, INT64_MAX, KW_MARK_COMMA);
  AMT1("-92233720368547758,07", 0, -INT64_MAX, KW_MARK_COMMA);
  AMT_BAD("92233720368547758,08", 0);
  AMT_BAD("92233720368547758,075", 0); /* rounds up past the limit */
  AMT_BAD("92233720368547759", 0);
  AMT_BAD("99999999999999999999999999", 0);
  AMT1("1,00000000000000000000000001", 0, 100, KW_MARK_COMMA);
  /* the cell is not NUL-terminated: only n bytes are read */
  int64_t c, a;
  kw_mark_evidence ev;
  assert_true(kw_parse_amount("12,5099", 4, 0, &c, &a, &ev));
  assert_int_equal(c, 1250);
  assert_int_equal(ev, KW_MARK_COMMA);
}

/* ---------------------------------------------------------- numbers */

static void test_number(void **state) {
  (void)state;
  NUM1("0.1", 0, 0.1, KW_MARK_DOT);
  NUM1("0,1", 0, 0.1, KW_MARK_COMMA);
  NUM1("2,55", 0, 2.55, KW_MARK_COMMA);
  NUM1("2.55", '.', 2.55, KW_MARK_DOT);
  NUM1("1234.5678", 0, 1234.5678, KW_MARK_DOT);
  NUM1("1.234,5678", 0, 1234.5678, KW_MARK_COMMA);
  NUM1("1,5", 0, 1.5, KW_MARK_COMMA);
  NUM1("1.5", 0, 1.5, KW_MARK_DOT);
  NUM1("-7", 0, -7.0, KW_MARK_NONE);
  NUM1("(7,25)", 0, -7.25, KW_MARK_COMMA);
  NUM1("0.30000000000000004", 0, 0.30000000000000004, KW_MARK_DOT);
  NUM1("3.14159265358979", 0, 3.14159265358979, KW_MARK_DOT);
  NUM1("123456789012345678", 0, 123456789012345678.0, KW_MARK_NONE);
  NUM1("9007199254740993", 0, 9007199254740992.0, KW_MARK_NONE); /* 2^53+1 */
  NUM1("0,000001", 0, 1e-6, KW_MARK_COMMA);
  /* beyond 19 significant digits the rest is truncated; these still give
   * the correctly rounded double */
  NUM1("0,12345678901234567890123", 0, 0.12345678901234567890123,
       KW_MARK_COMMA);
  NUM1("12345678901234567890123", 0, 12345678901234567890123.0,
       KW_MARK_NONE);
  NUM1("1.234.567.890.123.456.789.012", ',', 1234567890123456789012.0,
       KW_MARK_COMMA);
  NUM1("\xE2\x82\xAC 2,50", 0, 2.5, KW_MARK_COMMA);
  NUM1("1 000 000", 0, 1e6, KW_MARK_NONE);
  NUM("1.234", 0, 1234.0, 1.234, KW_MARK_AMBIGUOUS);
  NUM1("1.234", '.', 1.234, KW_MARK_AMBIGUOUS);
  NUM1("1.234", ',', 1234.0, KW_MARK_AMBIGUOUS);
  /* exponents: only with '.' as the decimal mark */
  NUM1("1e3", 0, 1000.0, KW_MARK_DOT);
  NUM1("1E3", '.', 1000.0, KW_MARK_DOT);
  NUM1("-2.5E-4", 0, -2.5e-4, KW_MARK_DOT);
  NUM1("6.02e23", 0, 6.02e23, KW_MARK_DOT);
  NUM1("1e-400", 0, 0.0, KW_MARK_DOT);
  NUM1("0e999999", 0, 0.0, KW_MARK_DOT);
  NUM_BAD("1e3", ',');
  NUM_BAD("1,5e3", 0);
  NUM_BAD("1.234.567e3", 0);
  NUM_BAD("1e", 0);
  NUM_BAD("e3", 0);
  NUM_BAD("1e+", 0);
  NUM_BAD("1.e3", 0);
  NUM_BAD("1e3.5", 0);
  NUM_BAD("1e400", 0);
  NUM_BAD("", 0);
  NUM_BAD("  ", 0);
  NUM_BAD("abc", 0);
  NUM_BAD("12,3,4", 0);
  NUM_BAD("12.50", ',');
  NUM_BAD("nan", 0);
  NUM_BAD("inf", 0);
}

/* ------------------------------------------------------------ dates */

static void test_date_formats(void **state) {
  (void)state;
  /* 2024-03-01 = 19723 + 31 (Jan) + 29 (Feb) = 19783 */
  DATE1("2024-03-01", U, 19783, KW_DATEV_NONE);
  DATE1("2024-3-1", U, 19783, KW_DATEV_NONE);
  DATE1("2024/03/01", U, 19783, KW_DATEV_NONE);
  DATE1("20240301", U, 19783, KW_DATEV_NONE);
  DATE1(" 2024-03-01 ", KW_DATE_MDY, 19783, KW_DATEV_NONE);
  DATE1("\t2024-03-01\xC2\xA0", U, 19783, KW_DATEV_NONE);
  /* 2010-12-01: 40 years * 365 + 10 leap days = 14610, + 334 = 14944 */
  DATE1("2010-12-01 08:26:00", U, 14944, KW_DATEV_NONE);
  DATE1("2010-12-01T08:26:00Z", U, 14944, KW_DATEV_NONE);
  DATE1("2010-12-01T08:26", U, 14944, KW_DATEV_NONE);
  DATE1("2010-12-01 08:26", U, 14944, KW_DATEV_NONE);
  DATE1("2010-12-01T08:26:00.123+01:00", U, 14944, KW_DATEV_NONE);
  DATE1("2010-12-01T23:59:59-0500", U, 14944, KW_DATEV_NONE);
  DATE1("20101201 08:26", U, 14944, KW_DATEV_NONE);
  /* day-first: 13 March 2024 = 19783 + 12 = 19795 */
  DATE1("13/03/2024", U, 19795, KW_DATEV_DMY);
  DATE1("13-03-2024", U, 19795, KW_DATEV_DMY);
  DATE1("13.3.2024", U, 19795, KW_DATEV_DMY);
  DATE1("13/03/2024 17:05", U, 19795, KW_DATEV_DMY);
  DATE1("03/13/2024", U, 19795, KW_DATEV_MDY);
  /* same both ways: 3 March = 19785 */
  DATE1("03/03/2024", U, 19785, KW_DATEV_NONE);
  DATE1("3-3-2024", KW_DATE_MDY, 19785, KW_DATEV_NONE);
  int32_t d = 0;
  kw_date_evidence ev;
  assert_true(kw_parse_date("01/03/2024", 10, U, &d, NULL, &ev)); /* alt NULL */
  assert_int_equal(d, 19783);
  assert_int_equal(ev, KW_DATEV_AMBIGUOUS);
  assert_true(kw_parse_date("2024-03-01xyz", 10, U, &d, NULL, &ev));
  assert_int_equal(d, 19783);
}

static void test_date_evidence(void **state) {
  (void)state;
  /* 01/03/2024: 1 March (19783) day-first, 3 January (19725) month-first */
  DATE("01/03/2024", U, 19783, 19725, KW_DATEV_AMBIGUOUS);
  DATE("01-03-2024", U, 19783, 19725, KW_DATEV_AMBIGUOUS);
  DATE("1-3-2024", U, 19783, 19725, KW_DATEV_AMBIGUOUS);
  DATE("01.03.2024", U, 19783, 19725, KW_DATEV_AMBIGUOUS);
  DATE("01.03.2024 08:00:00", U, 19783, 19725, KW_DATEV_AMBIGUOUS);
  DATE("01/03/2024", KW_DATE_YMD, 19783, 19725, KW_DATEV_AMBIGUOUS);
  DATE1("01/03/2024", KW_DATE_DMY, 19783, KW_DATEV_AMBIGUOUS);
  DATE1("01/03/2024", KW_DATE_MDY, 19725, KW_DATEV_AMBIGUOUS);
  /* Online Retail style "12/1/2010 8:26": 12 January 2010 = 14610 + 11,
   * 1 December 2010 = 14944 */
  DATE("12/1/2010 8:26", U, 14621, 14944, KW_DATEV_AMBIGUOUS);
  DATE1("12/1/2010 8:26", KW_DATE_MDY, 14944, KW_DATEV_AMBIGUOUS);
  /* 3/1/2024: 3 January = 19725, 1 March = 19783 */
  DATE("3/1/2024 8:26 PM", U, 19725, 19783, KW_DATEV_AMBIGUOUS);
  DATE("3/1/2024 12:00am", U, 19725, 19783, KW_DATEV_AMBIGUOUS);
  /* evidence holds whatever the order; the order must fit the cell */
  DATE1("13/03/2024", KW_DATE_DMY, 19795, KW_DATEV_DMY);
  DATE1("03/13/2024", KW_DATE_MDY, 19795, KW_DATEV_MDY);
  DATE_BAD("03/13/2024", KW_DATE_DMY);
  DATE_BAD("13/03/2024", KW_DATE_MDY);
}

static void test_date_calendar(void **state) {
  (void)state;
  DATE_BAD("29-02-2023", U);
  DATE_BAD("29-02-2023", KW_DATE_DMY);
  /* 2024-02-29 = 19723 + 31 + 28 = 19782 */
  DATE1("29-02-2024", U, 19782, KW_DATEV_DMY);
  DATE1("2024-02-29", U, 19782, KW_DATEV_NONE);
  DATE_BAD("31-04-2024", U);
  DATE_BAD("04/31/2024", U);
  DATE_BAD("2024-04-31", U);
  DATE_BAD("2024-02-30", U);
  DATE_BAD("29-02-1900", U); /* 1900 is not a leap year */
  /* 2000-02-29: 2000-03-01 is 30*365 + 7 + 31 + 29 = 11017, minus 1 */
  DATE1("29-02-2000", U, 11016, KW_DATEV_DMY);
  /* 1900-01-01: 70 years * 365 + 17 leap days (1904..1968) before 1970 */
  DATE1("1900-01-01", U, -(70 * 365 + 17), KW_DATEV_NONE);
  DATE_BAD("1899-12-31", U);
  DATE_BAD("31/12/1899", U);
  /* 2200-12-31 = 2201-01-01 - 1; 231 years from 1970 hold 56 leap days
   * (1972..2196 is 57 multiples of 4, minus 2100) */
  DATE1("2200-12-31", U, 231 * 365 + 56 - 1, KW_DATEV_NONE);
  DATE_BAD("2201-01-01", U);
  DATE_BAD("2024-13-01", U);
  DATE_BAD("2024-00-10", U);
  DATE_BAD("2024-01-00", U);
  DATE_BAD("00/01/2024", U);
  DATE_BAD("13/13/2024", U);
  DATE_BAD("32/01/2024", U);
}

static void test_date_junk(void **state) {
  (void)state;
  DATE_BAD("", U);
  DATE_BAD("   ", U);
  DATE_BAD("abc", U);
  DATE_BAD("24-03-01", U);
  DATE_BAD("01/03/24", U);
  DATE_BAD("2024-03-01x", U);
  DATE_BAD("2024-03-01T", U);
  DATE_BAD("2024-03-01 25:00", U);
  DATE_BAD("2024-03-01 08:60", U);
  DATE_BAD("2024-03-01 08:26:61", U);
  DATE_BAD("2024-03-01 8", U);
  DATE_BAD("2024-03-01 08:26+", U);
  DATE_BAD("2024-03-01 08:26+01:", U);
  DATE_BAD("3/1/2024 13:00 PM", U);
  DATE_BAD("2024/03-01", U);
  DATE_BAD("01/03-2024", U);
  DATE_BAD("2024-003-01", U);
  DATE_BAD("01/03/20245", U);
  DATE_BAD("202403011", U);
  DATE_BAD("2024031", U);
  DATE_BAD("45352", U);
  DATE_BAD("123/03/2024", U);
}

/* ------------------------------------------------------------ flags */

static void check_flag(const char *s, int want, int line) {
  int8_t v = 42;
  bool ok = kw_parse_flag(s, strlen(s), &v);
  if (want < 0 ? ok : (!ok || v != want)) {
    print_error("line %d: flag \"%s\": ok %d value %d, want %d\n", line, s,
                (int)ok, (int)v, want);
    fail();
  }
}
#define FLAG(s, want) check_flag(s, want, __LINE__)

static void test_flags(void **state) {
  (void)state;
  FLAG("1", 1);
  FLAG("0", 0);
  FLAG("true", 1);
  FLAG("FALSE", 0);
  FLAG(" Yes ", 1);
  FLAG("no", 0);
  FLAG("y", 1);
  FLAG("N", 0);
  FLAG("ja", 1);
  FLAG("Nee", 0);
  FLAG("J", 1);
  FLAG("n", 0);
  FLAG("waar", 1);
  FLAG("ONWAAR", 0);
  FLAG("oui", 1);
  FLAG("non", 0);
  FLAG("Vrai", 1);
  FLAG("faux", 0);
  FLAG("\xC2\xA0ja\t", 1);
  FLAG("", -1);
  FLAG("  ", -1);
  FLAG("x", -1);
  FLAG("2", -1);
  FLAG("yes!", -1);
  FLAG("ja nee", -1);
  FLAG("onwaar1", -1);
  FLAG("nope", -1);
  int8_t v = 42;
  assert_true(kw_parse_flag("nee!", 3, &v)); /* only n bytes are read */
  assert_int_equal(v, 0);
}

/* Text a person wrote (an option, a settings file): the readers' rules,
 * day first, and a lone separator as the decimal mark. */
static void test_written(void **state) {
  (void)state;
  int32_t d = 0;
  assert_true(kw_date_parse("2024-01-02", &d));
  assert_int_equal(d, 19724); /* 2024-01-01 is 19723 */
  assert_true(kw_date_parse("02-01-2024", &d));
  assert_int_equal(d, 19724);
  assert_true(kw_date_parse("02/01/2024", &d)); /* day first */
  assert_int_equal(d, 19724);
  assert_true(kw_date_parse("1.3.2024", &d)); /* + Jan 31 + Feb 29 */
  assert_int_equal(d, 19723 + 31 + 29);
  assert_false(kw_date_parse("31-02-2024", &d));
  assert_false(kw_date_parse("05/13/2024", &d)); /* no month 13 */
  assert_false(kw_date_parse("24-01-02", &d));
  assert_false(kw_date_parse("", &d));
  assert_false(kw_date_parse(NULL, &d));
  int64_t c = 0;
  assert_true(kw_money_parse("12,50", &c));
  assert_int_equal(c, 1250);
  assert_true(kw_money_parse("65.5", &c));
  assert_int_equal(c, 6550);
  assert_true(kw_money_parse("-3", &c));
  assert_int_equal(c, -300);
  assert_true(kw_money_parse("1.250", &c)); /* lone separator: decimal */
  assert_int_equal(c, 125);
  assert_true(kw_money_parse("\xe2\x82\xac 1.234,56", &c));
  assert_int_equal(c, 123456);
  assert_true(kw_money_parse("0,125", &c)); /* half away from zero */
  assert_int_equal(c, 13);
  assert_false(kw_money_parse("12,5x", &c));
  assert_false(kw_money_parse("", &c));
  assert_false(kw_money_parse("99999999999999999999", &c));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_amount_formats),
      cmocka_unit_test(test_amount_currency_and_sign),
      cmocka_unit_test(test_amount_currency_code),
      cmocka_unit_test(test_amount_evidence),
      cmocka_unit_test(test_amount_with_mark),
      cmocka_unit_test(test_amount_junk),
      cmocka_unit_test(test_amount_blank_and_overflow),
      cmocka_unit_test(test_number),
      cmocka_unit_test(test_date_formats),
      cmocka_unit_test(test_date_evidence),
      cmocka_unit_test(test_date_calendar),
      cmocka_unit_test(test_date_junk),
      cmocka_unit_test(test_flags),
      cmocka_unit_test(test_written),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
