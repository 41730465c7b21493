/* Unit tests: the CSV tokenizer and the dialect and encoding detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/csv.h"
#include "klantwijs.h"

/* All rows of a buffer as "f1|f2|...\n" (fields joined by '|', rows by
 * '\n', a blank row as "<blank>"), for compact expectations. */
static char *rows_of(kw_context *ctx, const char *buf, size_t len, char delim,
                     size_t max_field, int *rc_out) {
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "t.csv", buf, len, delim, max_field);
  size_t cap = 4 * len + 64, o = 0;
  char *out = malloc(cap);
  kw_csv_row row;
  int rc;
  while ((rc = kw_csv_next(&r, &row)) == 1) {
    if (row.n == 0) {
      o += (size_t)snprintf(out + o, cap - o, "<blank>\n");
      continue;
    }
    for (size_t i = 0; i < row.n; i++) {
      if (i) out[o++] = '|';
      memcpy(out + o, row.cells[i].p, row.cells[i].n);
      o += row.cells[i].n;
    }
    out[o++] = '\n';
  }
  out[o] = '\0';
  kw_csv_free(&r);
  if (rc_out) *rc_out = rc;
  return out;
}

static void expect_rows(const char *in, char delim, const char *want) {
  kw_context *ctx = kw_context_new();
  int rc;
  char *got = rows_of(ctx, in, strlen(in), delim, 0, &rc);
  assert_int_equal(rc, 0);
  assert_string_equal(got, want);
  free(got);
  kw_context_free(ctx);
}

static void test_delimiters(void **state) {
  (void)state;
  expect_rows("a,b,c\n1,2,3\n", ',', "a|b|c\n1|2|3\n");
  expect_rows("a;b;c\n1,5;2;3\n", ';', "a|b|c\n1,5|2|3\n");
  expect_rows("a\tb\tc\n1\t2\t3", '\t', "a|b|c\n1|2|3\n");
  expect_rows("a|b|c\n1|2|3\n", '|', "a|b|c\n1|2|3\n");
  /* empty fields, a trailing delimiter, a blank line */
  expect_rows("a,,c\n,\n\nx,y,\n", ',', "a||c\n|\n<blank>\nx|y|\n");
  /* a delimiter at the very end of the input adds one empty field */
  expect_rows("a,b,", ',', "a|b|\n");
  /* fields that cross 8-byte words, and long ones */
  expect_rows("abcdefghijklmnopq,r,stuvwxyz0123456789\n", ',',
              "abcdefghijklmnopq|r|stuvwxyz0123456789\n");
}

static void test_quotes(void **state) {
  (void)state;
  expect_rows("\"a,b\",\"he said \"\"hi\"\"\",c\n", ',',
              "a,b|he said \"hi\"|c\n");
  /* empty quoted field, quote inside an unquoted field stays literal */
  expect_rows("\"\",ab\"c,\"\"\"\"\n", ',', "|ab\"c|\"\n");
  /* text after the closing quote is kept; blanks before a quote skipped */
  expect_rows("\"ab\"cd,e\n1, \"x, y\",2\n", ',', "abcd|e\n1|x, y|2\n");
  /* many unescaped fields in one row: the scratch buffer grows and moves
   * while the row is read; every cell must still be right */
  char in[20000], want[20000];
  size_t o = 0, w = 0;
  for (int i = 0; i < 300; i++) {
    o += (size_t)sprintf(in + o, "%s\"f%d \"\"q\"\" %040d\"", i ? "," : "", i,
                         i);
    w += (size_t)sprintf(want + w, "%sf%d \"q\" %040d", i ? "|" : "", i, i);
  }
  in[o++] = '\n';
  in[o] = '\0';
  want[w++] = '\n';
  want[w] = '\0';
  expect_rows(in, ',', want);
}

static void test_embedded_newlines(void **state) {
  (void)state;
  const char *in = "id,note\n1,\"line one\r\nline two\nthree\"\n2,x\n";
  expect_rows(in, ',', "id|note\n1|line one\r\nline two\nthree\n2|x\n");
  kw_context *ctx = kw_context_new();
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "t.csv", in, strlen(in), ',', 0);
  kw_csv_row row;
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(row.line, 1);
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(row.line, 2);
  assert_int_equal(kw_csv_next(&r, &row), 1);
  /* the row after a field with two line breaks (CRLF counted once) */
  assert_int_equal(row.line, 5);
  uint64_t line, col;
  kw_csv_where(&r, &row, row.cells[1].raw, &line, &col);
  assert_int_equal(line, 5);
  assert_int_equal(col, 3);
  assert_int_equal(kw_csv_next(&r, &row), 0);
  kw_csv_free(&r);
  kw_context_free(ctx);
}

static void test_line_endings(void **state) {
  (void)state;
  const char *ins[] = {"a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n",
                       "a,b\r1,2\r3,4\r", "a,b\n1,2\n3,4"};
  const kw_csv_eol eols[] = {KW_EOL_LF, KW_EOL_CRLF, KW_EOL_CR, KW_EOL_LF};
  for (int i = 0; i < 4; i++) {
    expect_rows(ins[i], ',', "a|b\n1|2\n3|4\n");
    kw_context *ctx = kw_context_new();
    kw_csv_dialect d;
    assert_int_equal(kw_csv_detect(ctx, "t", ins[i], strlen(ins[i]), 0, -1, 0,
                                   NULL, &d),
                     KW_OK);
    assert_int_equal(d.eol, eols[i]);
    assert_int_equal(d.delim, ',');
    kw_csv_reader r;
    kw_csv_init(&r, ctx, "t", ins[i], strlen(ins[i]), ',', 0);
    kw_csv_row row;
    for (uint64_t ln = 1; ln <= 3; ln++) {
      assert_int_equal(kw_csv_next(&r, &row), 1);
      assert_int_equal(row.line, ln);
    }
    kw_csv_free(&r);
    kw_context_free(ctx);
  }
  kw_context *ctx = kw_context_new();
  kw_csv_dialect d;
  assert_int_equal(kw_csv_detect(ctx, "t", "a,b", 3, 0, -1, 0, NULL, &d),
                   KW_OK);
  assert_int_equal(d.eol, KW_EOL_NONE);
  assert_string_equal(kw_csv_eol_name(KW_EOL_CRLF), "CRLF");
  kw_context_free(ctx);
}

static void test_aligned_blanks(void **state) {
  (void)state;
  /* like the CDNOW files: leading blanks, runs of blanks, CRLF */
  const char *in = " 00001 19970101  1   11.77\r\n"
                   " 00002 19970112  1   12.00\r\n"
                   "\t00003 19970102  2 \t 20.76  \r\n"
                   "   \r\n";
  expect_rows(in, ' ',
              "00001|19970101|1|11.77\n00002|19970112|1|12.00\n"
              "00003|19970102|2|20.76\n<blank>\n");
  kw_context *ctx = kw_context_new();
  kw_csv_dialect d;
  assert_int_equal(
      kw_csv_detect(ctx, "t", in, strlen(in), 0, -1, 0, NULL, &d), KW_OK);
  assert_int_equal(d.delim, ' ');
  assert_false(d.header); /* the first row is all numbers */
  assert_int_equal(d.columns, 4);
  assert_int_equal(d.eol, KW_EOL_CRLF);
  const char *hdr = "customer_id date number_of_cds dollar_value\r\n"
                    " 00001 19970101 1 11.77\r\n";
  assert_int_equal(
      kw_csv_detect(ctx, "t", hdr, strlen(hdr), 0, -1, 0, NULL, &d), KW_OK);
  assert_int_equal(d.delim, ' ');
  assert_true(d.header);
  /* quoted fields with blanks inside, in blank-separated text */
  expect_rows("\"a b\"  c\n", ' ', "a b|c\n");
  kw_context_free(ctx);
}

static void test_detect_delimiter(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_csv_dialect d;
  struct {
    const char *in;
    char delim;
    bool header;
    size_t cols;
  } cases[] = {
      {"klant;datum;bedrag\nK1;01/02/2024;12,50\nK2;03/02/2024;1.234,00\n",
       ';', true, 3},
      {"customer,date,amount\nC1,2024-02-01,12.50\nC2,2024-02-03,\"1,234.00\"\n",
       ',', true, 3},
      {"a\tb\tc d\n1\t2,5\t3;4\n", '\t', true, 3},
      {"x|y\n1|2\n", '|', true, 2},
      /* without a header, Belgian amounts: ';' splits as consistently as
       * ',' here and wins the tie */
      {"K1;12,50;3,00\nK2;13,50;4,00\n", ';', false, 3},
      /* quoted delimiters do not count */
      {"name,note\n\"Jansen; Piet\",\"a;b;c\"\n\"Peeters; An\",x\n", ',', true,
       2},
      /* all text: a header */
      {"naam,stad\nJan,Gent\n", ',', true, 2},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    assert_int_equal(kw_csv_detect(ctx, "t", cases[i].in, strlen(cases[i].in),
                                   0, -1, 0, NULL, &d),
                     KW_OK);
    assert_int_equal(d.delim, cases[i].delim);
    assert_int_equal(d.header, cases[i].header);
    assert_int_equal(d.columns, cases[i].cols);
  }
  /* the caller's settings win */
  assert_int_equal(kw_csv_detect(ctx, "t", "1;2\n3;4\n", 8, ',', 1, 0, NULL,
                                 &d),
                   KW_OK);
  assert_int_equal(d.delim, ',');
  assert_true(d.header);
  kw_context_free(ctx);
}

static bool known_name(const char *s, size_t n) {
  return n == 4 && memcmp(s, "2024", 4) == 0;
}

static void test_detect_header(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_csv_dialect d;
  /* numbers in the first row: no header... */
  const char *in = "2024,15\n2023,12\n";
  assert_int_equal(
      kw_csv_detect(ctx, "t", in, strlen(in), 0, -1, 0, NULL, &d), KW_OK);
  assert_false(d.header);
  /* ...unless a known column name is among them */
  assert_int_equal(
      kw_csv_detect(ctx, "t", in, strlen(in), 0, -1, 0, known_name, &d),
      KW_OK);
  assert_true(d.header);
  /* dates and amounts count as values */
  in = "K1;01/02/2024;\xe2\x82\xac 12,50\nK2;03/02/2024;1,00\n";
  assert_int_equal(
      kw_csv_detect(ctx, "t", in, strlen(in), 0, -1, 0, NULL, &d), KW_OK);
  assert_false(d.header);
  kw_context_free(ctx);
}

static void test_encoding(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_csv_dialect d;
  /* UTF-8 with BOM */
  const char *bom = "\xef\xbb\xbfnaam;bedrag\nJos\xc3\xa9;1\n";
  assert_int_equal(
      kw_csv_detect(ctx, "t", bom, strlen(bom), 0, -1, 0, NULL, &d), KW_OK);
  assert_int_equal(d.enc, KW_ENC_UTF8_BOM);
  assert_int_equal(d.skip, 3);
  assert_int_equal(d.delim, ';');
  assert_string_equal(kw_csv_encoding_name(d.enc), "UTF-8 with BOM");
  /* plain UTF-8 */
  assert_int_equal(kw_csv_detect(ctx, "t", bom + 3, strlen(bom) - 3, 0, -1, 0,
                                 NULL, &d),
                   KW_OK);
  assert_int_equal(d.enc, KW_ENC_UTF8);
  assert_int_equal(d.skip, 0);
  /* Windows-1252: e-acute 0xE9, euro 0x80 */
  const char *cp = "naam;bedrag\nJos\xe9;\x80 12,50\nAndr\xe9;3\n";
  assert_int_equal(
      kw_csv_detect(ctx, "t", cp, strlen(cp), 0, -1, 0, NULL, &d), KW_OK);
  assert_int_equal(d.enc, KW_ENC_CP1252);
  /* forced */
  assert_int_equal(kw_csv_detect(ctx, "t", bom + 3, strlen(bom) - 3, 0, -1, 2,
                                 NULL, &d),
                   KW_OK);
  assert_int_equal(d.enc, KW_ENC_CP1252);
  /* conversion: 3 bytes per input byte at most */
  char out[64];
  size_t n = kw_cp1252_to_utf8("Jos\xe9 \x80\x93\x9d", 8, out);
  /* "Jos"(3) é(2) space(1) €(3) U+201C left quote(3) U+009D(2) = 14 */
  assert_int_equal(n, 14);
  assert_memory_equal(out, "Jos\xc3\xa9 \xe2\x82\xac\xe2\x80\x9c\xc2\x9d", 14);
  /* validation */
  assert_true(kw_utf8_valid("Jos\xc3\xa9", 5));
  assert_false(kw_utf8_valid("Jos\xe9", 4));
  assert_false(kw_utf8_valid("\xc0\xaf", 2));         /* overlong */
  assert_false(kw_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
  assert_true(kw_utf8_valid("\xf0\x9f\x98\x80", 4));  /* U+1F600 */
  assert_false(kw_utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
  /* UTF-16 and UTF-32 byte-order marks get their own message */
  assert_int_equal(kw_csv_detect(ctx, "u16.csv", "\xff\xfe" "a\0,\0", 6, 0,
                                 -1, 0, NULL, &d),
                   KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "UTF-16"));
  assert_non_null(strstr(kw_errmsg(ctx), "u16.csv"));
  assert_int_equal(kw_csv_detect(ctx, "t", "\xfe\xff\0a", 4, 0, -1, 0, NULL,
                                 &d),
                   KW_EINPUT);
  kw_context_free(ctx);
}

static void test_high_flag(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  /* a non-ASCII byte at every position of an 8-byte word */
  const char *in = "abcdefghij,klm\nabcdefgh\xc3\xa9j,k\nab,\"c\xc3\xa9\"\n"
                   "ab\xc3\xa9" "cdefghijk,x\nabcdefg\xe9,x\nabcdef\xe9\n";
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "t", in, strlen(in), ',', 0);
  kw_csv_row row;
  bool want[] = {false, true, true, true, true, true};
  for (int i = 0; i < 6; i++) {
    assert_int_equal(kw_csv_next(&r, &row), 1);
    assert_int_equal(row.high, want[i]);
  }
  kw_csv_free(&r);
  kw_context_free(ctx);
}

static void test_structural_errors(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  int rc;
  /* an unbalanced quote: reported where it opened */
  const char *in = "a,b\n1,\"abc\n2,3\n";
  char *got = rows_of(ctx, in, strlen(in), ',', 0, &rc);
  free(got);
  assert_int_equal(rc, -1);
  assert_int_equal(kw_errcode(ctx), KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "t.csv:2:3:"));
  assert_non_null(strstr(kw_errmsg(ctx), "quote"));
  /* a NUL byte, in an unquoted and in a quoted field */
  got = rows_of(ctx, "a,b\nxy,z\0z\n", 11, ',', 0, &rc);
  free(got);
  assert_int_equal(rc, -1);
  assert_non_null(strstr(kw_errmsg(ctx), "t.csv:2:5:"));
  assert_non_null(strstr(kw_errmsg(ctx), "NUL"));
  got = rows_of(ctx, "a,b\n\"x\0\",z\n", 11, ',', 0, &rc);
  free(got);
  assert_int_equal(rc, -1);
  assert_non_null(strstr(kw_errmsg(ctx), "t.csv:2:3:"));
  /* UTF-16 without a byte-order mark */
  got = rows_of(ctx, "a\0,\0b\0", 6, ',', 0, &rc);
  free(got);
  assert_int_equal(rc, -1);
  assert_non_null(strstr(kw_errmsg(ctx), "UTF-16"));
  kw_context_free(ctx);
}

static void test_too_long(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  size_t big = 5u * 1024 * 1024;
  char *in = malloc(2 * big + 64);
  size_t o = 0;
  o += (size_t)sprintf(in, "a,b\n1,");
  memset(in + o, 'x', big);
  o += big;
  o += (size_t)sprintf(in + o, "\n\"");
  for (size_t i = 0; i < big / 2; i++) {
    in[o++] = '"';
    in[o++] = '"';
  }
  o += (size_t)sprintf(in + o, "\",2\n3,4\n");
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "t", in, o, ',', 1024 * 1024);
  kw_csv_row row;
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(row.too_long, 0);
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(row.too_long, 2);
  assert_int_equal(row.line, 2);
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(row.too_long, 1);
  assert_int_equal(row.line, 3);
  assert_int_equal(row.n, 2);
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(row.too_long, 0);
  assert_int_equal(row.line, 4);
  assert_memory_equal(row.cells[0].p, "3", 1);
  assert_int_equal(kw_csv_next(&r, &row), 0);
  /* the scratch never held more than the limit */
  assert_true(r.scap <= 2 * 1024 * 1024 + 1024);
  kw_csv_free(&r);
  free(in);
  kw_context_free(ctx);
}

static void test_many_fields(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  size_t nf = KW_CSV_MAX_FIELDS + 10;
  char *in = malloc(nf + 2);
  memset(in, ',', nf - 1);
  in[nf - 1] = '\n';
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "t", in, nf, ',', 0);
  kw_csv_row row;
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(row.nfields, nf);
  assert_int_equal(row.n, KW_CSV_MAX_FIELDS);
  kw_csv_free(&r);
  free(in);
  kw_context_free(ctx);
}

static void test_where_columns(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  /* columns count characters, not bytes: "é" is one */
  const char *in = "x\n\xc3\xa9\xc3\xa9,b\n";
  kw_csv_reader r;
  kw_csv_init(&r, ctx, "t", in, strlen(in), ',', 0);
  kw_csv_row row;
  assert_int_equal(kw_csv_next(&r, &row), 1);
  assert_int_equal(kw_csv_next(&r, &row), 1);
  uint64_t line, col;
  kw_csv_where(&r, &row, row.cells[1].raw, &line, &col);
  assert_int_equal(line, 2);
  assert_int_equal(col, 4);
  kw_csv_free(&r);
  kw_context_free(ctx);
}

/* Round trip: random rows written with random line endings, quoting where
 * needed (and sometimes where not), read back field for field. Long rows
 * take the 16-byte fast path, quoted ones the general path. A row written
 * as nothing at all is a blank line (and none at the very end). */
static void test_round_trip(void **state) {
  (void)state;
  static const char chars[] = "abcdefghij0123456789 .,;\"\xc3\xa9\r\n";
  uint64_t x = 12345;
#define RND(n) (x ^= x << 13, x ^= x >> 7, x ^= x << 17, (size_t)(x % (n)))
  for (int round = 0; round < 200; round++) {
    char delim = ";,\t|"[RND(4)];
    size_t nrows = 1 + RND(60), ncols = 1 + RND(12);
    /* one line ending per file: CR then an empty line's LF would be CRLF */
    const char *eol = RND(3) == 0 ? "\r\n" : RND(2) ? "\n" : "\r";
    char *in = malloc(nrows * ncols * 100 + 16);
    char *want = malloc(nrows * ncols * 100 + 16);
    size_t o = 0, w = 0;
    for (size_t r = 0; r < nrows; r++) {
      size_t row_o = o, row_w = w;
      for (size_t c = 0; c < ncols; c++) {
        char field[64];
        size_t n = RND(5) == 0 ? 0 : RND(40);
        for (size_t i = 0; i < n; i++) {
          field[i] = chars[RND(sizeof chars - 1)];
          if (field[i] == delim) field[i] = 'x';
        }
        /* blanks then a quote would read as a quoted field */
        if (n && (field[0] == ' ' || field[0] == '\t')) field[0] = 'y';
        bool special = false;
        for (size_t i = 0; i < n; i++)
          special |= field[i] == '"' || field[i] == '\r' ||
                     field[i] == '\n' || field[i] == delim;
        if (c) in[o++] = delim;
        if (special || RND(7) == 0) {
          in[o++] = '"';
          for (size_t i = 0; i < n; i++) {
            if (field[i] == '"') in[o++] = '"';
            in[o++] = field[i];
          }
          in[o++] = '"';
        } else {
          memcpy(in + o, field, n);
          o += n;
        }
        if (c) want[w++] = '|';
        memcpy(want + w, field, n);
        w += n;
      }
      bool last = r + 1 == nrows;
      if (o == row_o) { /* nothing written: a blank line, or no row */
        w = row_w;
        if (last) break;
        w += (size_t)sprintf(want + w, "<blank>");
      }
      want[w++] = '\n';
      if (!last || RND(2)) {
        memcpy(in + o, eol, strlen(eol));
        o += strlen(eol);
      }
    }
    in[o] = '\0';
    want[w] = '\0';
    kw_context *ctx = kw_context_new();
    int rc;
    char *got = rows_of(ctx, in, o, delim, 0, &rc);
    assert_int_equal(rc, 0);
    if (strcmp(got, want) != 0)
      print_error("round %d, delimiter '%c'\n", round, delim);
    assert_string_equal(got, want);
    free(got);
    free(in);
    free(want);
    kw_context_free(ctx);
  }
#undef RND
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_delimiters),
      cmocka_unit_test(test_quotes),
      cmocka_unit_test(test_embedded_newlines),
      cmocka_unit_test(test_line_endings),
      cmocka_unit_test(test_aligned_blanks),
      cmocka_unit_test(test_detect_delimiter),
      cmocka_unit_test(test_detect_header),
      cmocka_unit_test(test_encoding),
      cmocka_unit_test(test_high_flag),
      cmocka_unit_test(test_structural_errors),
      cmocka_unit_test(test_too_long),
      cmocka_unit_test(test_many_fields),
      cmocka_unit_test(test_where_columns),
      cmocka_unit_test(test_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
