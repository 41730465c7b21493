/*
 * Unit tests: typed ingest (kw_ingest_buffer, kw_dataset_load), column
 * roles and their synonyms, per-column decimal mark and date order, and
 * every kind of bad input. Expected values are worked out by hand in the
 * comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "failing_alloc.h"

#include "data/table.h"
#include "io/ingest.h"
#include "io/parse.h"
#include "io/roles.h"
#include "klantwijs.h"

typedef struct logbuf {
  char text[8192];
  int warnings;
} logbuf;

static void on_log(void *user, kw_log_level lvl, const char *msg) {
  logbuf *lb = user;
  if (lvl == KW_LOG_WARN) lb->warnings++;
  size_t o = strlen(lb->text);
  snprintf(lb->text + o, sizeof lb->text - o, "%s\n", msg);
}

typedef struct fixture {
  kw_context *ctx;
  kw_dataset *ds;
  logbuf log;
  kw_load_options o;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->ctx = kw_context_new();
  kw_context_set_log(f->ctx, on_log, &f->log);
  f->ds = kw_dataset_new(f->ctx);
  kw_load_options_init(&f->o);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  kw_dataset_free(f->ds);
  kw_context_free(f->ctx);
  free(f);
  return 0;
}

/* Read text as a table of kind k into the fixture's dataset. */
static kw_status rd(fixture *f, kw_table_kind k, const char *text) {
  return kw_ingest_buffer(f->ctx, f->ds, k, "t.csv", text, strlen(text),
                          &f->o);
}

static const kw_table *tab(fixture *f, kw_table_kind k) {
  const kw_table *t = kw_dataset_table(f->ds, k);
  assert_non_null(t);
  return t;
}

static const kw_column *role(fixture *f, kw_table_kind k, kw_role r) {
  const kw_column *c = kw_table_role(tab(f, k), r);
  assert_non_null(c);
  return c;
}

static const char *cust(fixture *f, kw_table_kind k, size_t row) {
  const kw_column *c = role(f, k, KW_ROLE_CUSTOMER);
  return kw_dict_str(c->dict, c->v.text[row]);
}

static void check_counts(const kw_read_report *r) {
  uint64_t sum = 0;
  for (int k = 0; k < KW_SKIP__COUNT; k++) sum += r->skipped[k];
  assert_int_equal(r->rows_skipped, sum);
  assert_int_equal(r->rows_read, r->rows_used + r->rows_skipped);
}

#define TR KW_TABLE_TRANSACTIONS
#define D(y, m, d) kw_date_from_ymd(y, m, d)

/* ------------------------------------------------------------ typing */

static void test_typing(void **state) {
  fixture *f = *state;
  assert_int_equal(rd(f, TR,
                      "Klantnr;Datum;Bedrag;Aantal;Omschrijving;Land\n"
                      "K1;13/02/2024;1.234,56;2;Stoel;BE\n"
                      "K2;14/02/2024;-12,50;1,5;Tafel;NL\n"
                      "K1;15/02/2024;\xe2\x82\xac 3;;;BE\n"),
                   KW_OK);
  const kw_table *t = tab(f, TR);
  assert_int_equal(kw_table_rows(t), 3);
  const kw_column *d = role(f, TR, KW_ROLE_DATE);
  assert_int_equal(d->type, KW_TYPE_DATE);
  assert_int_equal(d->v.date[0], D(2024, 2, 13));
  assert_int_equal(d->v.date[2], D(2024, 2, 15));
  assert_int_equal(d->date_order, KW_DATE_DMY); /* 13/02 decides */
  const kw_column *a = role(f, TR, KW_ROLE_AMOUNT);
  assert_int_equal(a->type, KW_TYPE_MONEY);
  assert_int_equal(a->v.money[0], 123456);
  assert_int_equal(a->v.money[1], -1250);
  assert_int_equal(a->v.money[2], 300);
  assert_int_equal(a->decimal_mark, ',');
  const kw_column *q = role(f, TR, KW_ROLE_QUANTITY);
  assert_true(q->v.number[0] == 2.0 && q->v.number[1] == 1.5);
  assert_true(isnan(q->v.number[2])); /* empty: missing, not a skip */
  assert_int_equal(q->missing, 1);
  const kw_column *pn = role(f, TR, KW_ROLE_PRODUCT_NAME);
  assert_string_equal(kw_dict_str(pn->dict, pn->v.text[1]), "Tafel");
  assert_int_equal(pn->v.text[2], KW_NA_ID);
  assert_int_equal(pn->missing, 1);
  /* customers are interned into the dataset's dictionary */
  assert_string_equal(cust(f, TR, 0), "K1");
  assert_string_equal(cust(f, TR, 1), "K2");
  assert_ptr_equal(role(f, TR, KW_ROLE_CUSTOMER)->dict,
                   kw_dataset_customers(f->ds));
  assert_int_equal(kw_dict_size(kw_dataset_customers(f->ds)), 2);
  /* "Land" has no role: not stored in transactions, named as ignored */
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->n_ignored, 1);
  assert_string_equal(r->ignored[0], "Land");
  assert_null(kw_table_find(t, "Land"));
  assert_int_equal(r->delimiter, ';');
  assert_true(r->header);
  assert_string_equal(r->encoding, "UTF-8");
  assert_string_equal(r->line_ending, "LF");
  assert_int_equal(r->rows_read, 3);
  assert_int_equal(r->rows_used, 3);
  check_counts(r);
}

static void test_be_file(void **state) {
  fixture *f = *state;
  f->o.files[TR] = KW_TEST_DATA "/ingest_be.csv";
  kw_dataset *ds;
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_OK);
  const kw_table *t = kw_dataset_table(ds, TR);
  const kw_read_report *r = kw_table_report(t);
  assert_string_equal(r->encoding, "UTF-8 with BOM");
  assert_string_equal(r->line_ending, "CRLF");
  assert_int_equal(kw_table_rows(t), 5);
  /* the BOM is not part of the first header name */
  assert_string_equal(kw_table_col(t, 0)->name, "Factuurnummer");
  assert_int_equal(kw_table_role(t, KW_ROLE_INVOICE)->source_index, 0);
  const kw_column *a = kw_table_role(t, KW_ROLE_AMOUNT);
  assert_string_equal(a->name, "Bedrag excl. BTW");
  /* 99,90 + 1.200,00 + 189,81 + 12,50 - 49,95 = 1452,26 */
  int64_t sum = 0;
  for (size_t i = 0; i < 5; i++) sum += a->v.money[i];
  assert_int_equal(sum, 145226);
  assert_int_equal(a->v.money[4], -4995); /* a credit note is kept */
  const kw_column *pn = kw_table_role(t, KW_ROLE_PRODUCT_NAME);
  assert_string_equal(kw_dict_str(pn->dict, pn->v.text[0]), "Stoel \"Luxe\"");
  assert_string_equal(kw_dict_str(pn->dict, pn->v.text[1]), "Tafel, eiken");
  assert_string_equal(kw_dict_str(pn->dict, pn->v.text[3]),
                      "Kussen \"Zacht\"");
  const kw_column *disc = kw_table_role(t, KW_ROLE_DISCOUNT);
  assert_int_equal(disc->v.money[1], 3456);
  assert_int_equal(disc->v.money[3], KW_NA_MONEY);
  /* products go to the shared product dictionary */
  assert_int_equal(kw_dict_size(kw_dataset_products(ds)), 3);
  const kw_column *pr = kw_table_role(t, KW_ROLE_PRODUCT);
  assert_ptr_equal(pr->dict, kw_dataset_products(ds));
  assert_int_equal(pr->v.text[0], pr->v.text[2]);
  kw_dataset_free(ds);
}

/* ------------------------------------------- per-column decisions */

static void test_decimal_late_decision(void **state) {
  fixture *f = *state;
  /* "1,234" and "2.500" are ambiguous; "12,50" on row 3 decides ',':
   * "1,234" becomes 1.234 -> 1,23 (123 cents), "2.500" keeps its thousands
   * reading 2500,00 (250000 cents). */
  assert_int_equal(rd(f, TR,
                      "klant;datum;bedrag\n"
                      "A;2024-01-01;1,234\n"
                      "B;2024-01-02;2.500\n"
                      "C;2024-01-03;12,50\n"
                      "D;2024-01-04;7.000\n"),
                   KW_OK);
  const kw_column *a = role(f, TR, KW_ROLE_AMOUNT);
  assert_int_equal(a->decimal_mark, ',');
  assert_int_equal(a->v.money[0], 123);
  assert_int_equal(a->v.money[1], 250000);
  assert_int_equal(a->v.money[2], 1250);
  assert_int_equal(a->v.money[3], 700000); /* after the decision */
  /* the same cells decided by '.': "1,234" -> 1234,00; "2.500" -> 2,50 */
  assert_int_equal(rd(f, TR,
                      "klant,datum,bedrag\n"
                      "A,2024-01-01,\"1,234\"\n"
                      "B,2024-01-02,2.500\n"
                      "C,2024-01-03,12.5\n"),
                   KW_OK);
  a = role(f, TR, KW_ROLE_AMOUNT);
  assert_int_equal(a->decimal_mark, '.');
  assert_int_equal(a->v.money[0], 123400);
  assert_int_equal(a->v.money[1], 250);
  assert_int_equal(a->v.money[2], 1250);
}

static void test_decimal_ambiguous(void **state) {
  fixture *f = *state;
  const char *in = "klant;datum;bedrag\nA;2024-01-01;1,234\nB;2024-01-02;17\n";
  assert_int_equal(rd(f, TR, in), KW_EAMBIGUOUS);
  const char *m = kw_errmsg(f->ctx);
  assert_non_null(strstr(m, "t.csv:2:"));
  assert_non_null(strstr(m, "bedrag"));
  assert_non_null(strstr(m, "--decimal-mark ,"));
  assert_non_null(strstr(m, "--decimal-mark ."));
  assert_null(kw_dataset_table(f->ds, TR));
  /* the option settles it */
  f->o.decimal_mark = ',';
  assert_int_equal(rd(f, TR, in), KW_OK);
  assert_int_equal(role(f, TR, KW_ROLE_AMOUNT)->v.money[0], 123);
  f->o.decimal_mark = '.';
  assert_int_equal(rd(f, TR, in), KW_OK);
  assert_int_equal(role(f, TR, KW_ROLE_AMOUNT)->v.money[0], 123400);
  /* with ',' given, a cell that needs '.' contradicts it: a bad amount */
  f->o.decimal_mark = ',';
  assert_int_equal(rd(f, TR,
                      "klant;datum;bedrag\nA;2024-01-01;12,50\n"
                      "B;2024-01-02;12.50\n"),
                   KW_OK);
  assert_int_equal(kw_table_report(tab(f, TR))->skipped[KW_SKIP_BAD_AMOUNT],
                   1);
  /* and one decided by the column's own values, likewise */
  f->o.decimal_mark = 0;
  assert_int_equal(rd(f, TR,
                      "klant;datum;bedrag\nA;2024-01-01;12,50\n"
                      "B;2024-01-02;1,234.50\nC;2024-01-03;3\n"),
                   KW_OK);
  const kw_read_report *r = kw_table_report(tab(f, TR));
  assert_int_equal(r->skipped[KW_SKIP_BAD_AMOUNT], 1);
  assert_int_equal(r->rows_used, 2);
  assert_non_null(strstr(r->examples[0], "t.csv:3:"));
  assert_non_null(strstr(r->examples[0], "1,234.50"));
}

static void test_decimal_from_other_column(void **state) {
  fixture *f = *state;
  /* the quantity "1.000" alone is ambiguous; the amounts decide ',' for
   * the file, so it is one thousand */
  assert_int_equal(rd(f, TR,
                      "klant;datum;aantal;bedrag\n"
                      "A;2024-01-01;1.000;12,50\n"
                      "B;2024-01-02;2;3\n"),
                   KW_OK);
  const kw_column *q = role(f, TR, KW_ROLE_QUANTITY);
  assert_true(q->v.number[0] == 1000.0);
  assert_int_equal(q->decimal_mark, ',');
  assert_non_null(strstr(f->log.text, "aantal"));
}

static void test_dates(void **state) {
  fixture *f = *state;
  /* 03/02 and 04/05 are ambiguous until 02/13 says month first: they are
   * then 2 March and 5 April */
  assert_int_equal(rd(f, TR,
                      "klant;datum;bedrag\n"
                      "A;03/02/2024;1\nB;04/05/2024;1\nC;02/13/2024;1\n"
                      "D;06/07/2024;1\n"),
                   KW_OK);
  const kw_column *d = role(f, TR, KW_ROLE_DATE);
  assert_int_equal(d->date_order, KW_DATE_MDY);
  assert_int_equal(d->v.date[0], D(2024, 3, 2));
  assert_int_equal(d->v.date[1], D(2024, 4, 5));
  assert_int_equal(d->v.date[2], D(2024, 2, 13));
  assert_int_equal(d->v.date[3], D(2024, 6, 7));
  /* nothing decides: day first */
  assert_int_equal(rd(f, TR, "klant;datum;bedrag\nA;03/02/2024;1\n"), KW_OK);
  d = role(f, TR, KW_ROLE_DATE);
  assert_int_equal(d->v.date[0], D(2024, 2, 3));
  assert_int_equal(d->date_order, KW_DATE_DMY);
  /* ...unless the option says month first */
  f->o.date_order = KW_DATE_MDY;
  assert_int_equal(rd(f, TR, "klant;datum;bedrag\nA;03/02/2024;1\n"), KW_OK);
  d = role(f, TR, KW_ROLE_DATE);
  assert_int_equal(d->v.date[0], D(2024, 3, 2));
  assert_int_equal(d->date_order, KW_DATE_MDY);
  f->o.date_order = KW_DATE_ORDER_UNKNOWN;
  /* a cell contradicting the decision is a bad date */
  assert_int_equal(rd(f, TR,
                      "klant;datum;bedrag\nA;13/02/2024;1\nB;02/13/2024;1\n"
                      "C;31/02/2024;1\nD;;1\n"),
                   KW_OK);
  const kw_read_report *r = kw_table_report(tab(f, TR));
  assert_int_equal(r->rows_used, 1);
  assert_int_equal(r->skipped[KW_SKIP_BAD_DATE], 3);
  assert_int_equal(r->n_examples, 3);
  assert_string_equal(r->examples[0],
                      "t.csv:3:3: unparseable date \"02/13/2024\" in column "
                      "\"datum\"");
  assert_non_null(strstr(r->examples[2], "missing date"));
  check_counts(r);
  /* ISO dates never decide anything */
  assert_int_equal(rd(f, TR, "klant;datum;bedrag\nA;2024-02-03;1\n"), KW_OK);
  assert_int_equal(role(f, TR, KW_ROLE_DATE)->date_order,
                   KW_DATE_ORDER_UNKNOWN);
  /* a skipped row's ambiguous cell does not linger on the pending list:
   * row 2 is ambiguous but skipped for its amount; row 3 decides MDY */
  assert_int_equal(rd(f, TR,
                      "klant;datum;bedrag\nA;03/04/2024;1\nB;05/06/2024;x\n"
                      "C;01/20/2024;1\n"),
                   KW_OK);
  d = role(f, TR, KW_ROLE_DATE);
  assert_int_equal(kw_table_rows(tab(f, TR)), 2);
  assert_int_equal(d->v.date[0], D(2024, 3, 4));
  assert_int_equal(d->v.date[1], D(2024, 1, 20));
}

/* --------------------------------------------- quantity x unit price */

static void test_derived_amount(void **state) {
  fixture *f = *state;
  /* 10 x 0,295 = 2,95 exactly (not 10 x 0,30); 3 x 0,295 = 0,885 -> 0,89
   * (half away from zero); -2 x 1,005 = -2,01; 1.000 (ambiguous, then
   * ',' decided by the price column... but the quantity column itself has
   * only "1.000" and integers: it takes the file's ',' -> 1000) x 0,10 =
   * 100,00 */
  assert_int_equal(rd(f, TR,
                      "klant;datum;aantal;eenheidsprijs\n"
                      "A;2024-01-01;10;0,295\n"
                      "B;2024-01-02;3;0,295\n"
                      "C;2024-01-03;-2;1,005\n"
                      "D;2024-01-04;1.000;0,10\n"
                      "E;2024-01-05;;0,10\n"),
                   KW_OK);
  const kw_table *t = tab(f, TR);
  const kw_column *a = role(f, TR, KW_ROLE_AMOUNT);
  assert_int_equal(a->source_index, UINT32_MAX);
  assert_int_equal(kw_table_rows(t), 4);
  assert_int_equal(a->v.money[0], 295);
  assert_int_equal(a->v.money[1], 89);
  assert_int_equal(a->v.money[2], -201);
  assert_int_equal(a->v.money[3], 10000);
  const kw_column *p = role(f, TR, KW_ROLE_UNIT_PRICE);
  assert_int_equal(p->v.money[0], 30); /* the price column itself: cents */
  /* a line without quantity has no amount */
  assert_int_equal(kw_table_report(t)->skipped[KW_SKIP_BAD_AMOUNT], 1);
  /* an ambiguous price decided later: "1,234" then "2,50" -> ',' is the
   * decimal mark, the first price is 1,234 and 2 x 1,234 = 2,468 -> 2,47;
   * "1.234" in the same column is 1234 ('.' groups thousands): 2468,00 */
  assert_int_equal(rd(f, TR,
                      "klant;datum;aantal;prijs\n"
                      "A;2024-01-01;2;1,234\n"
                      "A;2024-01-01;2;1.234\n"
                      "B;2024-01-02;1;2,50\n"),
                   KW_OK);
  a = role(f, TR, KW_ROLE_AMOUNT);
  assert_int_equal(a->v.money[0], 247);
  assert_int_equal(a->v.money[1], 246800);
  assert_int_equal(a->v.money[2], 250);
  /* the same with '.' decided: "1,234" is 1234, "1.234" is 1.234 */
  assert_int_equal(rd(f, TR,
                      "klant;datum;aantal;prijs\n"
                      "A;2024-01-01;2;1,234\n"
                      "A;2024-01-01;2;1.234\n"
                      "B;2024-01-02;1;2.50\n"),
                   KW_OK);
  a = role(f, TR, KW_ROLE_AMOUNT);
  assert_int_equal(a->v.money[0], 246800);
  assert_int_equal(a->v.money[1], 247);
  /* an ambiguous quantity too: "1.500" x "2,000" with ',' decided later
   * by "0,5": 1500 x 2 = 3000,00 */
  assert_int_equal(rd(f, TR,
                      "klant;datum;aantal;prijs\n"
                      "A;2024-01-01;1.500;2,000\n"
                      "B;2024-01-02;0,5;2\n"),
                   KW_OK);
  a = role(f, TR, KW_ROLE_AMOUNT);
  assert_int_equal(a->v.money[0], 300000);
  assert_int_equal(a->v.money[1], 100);
  /* a price without a quantity is the line's amount */
  assert_int_equal(rd(f, TR, "Id,Date,Price\n1,2005-01-02,12.5\n"), KW_OK);
  a = role(f, TR, KW_ROLE_AMOUNT);
  assert_string_equal(a->name, "Price");
  assert_int_equal(a->v.money[0], 1250);
}

/* The fast path for amount cells agrees with the general parser on every
 * cell it accepts: random cells over digits, both marks, '-' and a blank,
 * under each mark. */
static void test_quick_amount(void **state) {
  (void)state;
  static const char alphabet[] = "0123456789012345678901234567890.,,.-  ";
  const char marks[] = {0, '.', ','};
  uint64_t x = 0x9E3779B97F4A7C15ull;
  size_t accepted = 0;
  for (int iter = 0; iter < 300000; iter++) {
    char cell[24];
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    size_t n = 1 + (size_t)(x % 16);
    for (size_t i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      cell[i] = alphabet[x % (sizeof alphabet - 1)];
    }
    for (int m = 0; m < 3; m++) {
      int64_t q, v, alt;
      bool shown;
      kw_mark_evidence ev;
      if (!kw_quick_amount(cell, n, marks[m], &q, &shown)) continue;
      accepted++;
      bool ok = kw_parse_amount(cell, n, marks[m], &v, &alt, &ev);
      if (!ok || v != q || shown != (ev != KW_MARK_NONE))
        print_error("\"%.*s\" under '%c': quick %lld, parser %d %lld\n",
                    (int)n, cell, marks[m] ? marks[m] : '0', (long long)q,
                    ok, (long long)v);
      assert_true(ok);
      assert_int_equal(v, q);
      assert_int_equal(shown, ev != KW_MARK_NONE);
    }
  }
  assert_true(accepted > 10000);
  /* structured cells: sign, groups (sometimes malformed), fraction */
  size_t grouped = 0;
  for (int iter = 0; iter < 200000; iter++) {
    char cell[40];
    size_t n = 0;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    uint64_t r = x;
    char mark = (r & 1) ? ',' : '.', thou = mark == ',' ? '.' : ',';
    if (r & 2) cell[n++] = '-';
    n += (size_t)sprintf(cell + n, "%u", (unsigned)((r >> 8) % 1000));
    int groups = (int)((r >> 20) % 4);
    for (int k = 0; k < groups; k++)
      n += (size_t)sprintf(cell + n, "%c%0*u", (r >> 30) % 7 ? thou : mark,
                           (r >> 33) % 9 ? 3 : 2,
                           (unsigned)((r >> (36 + k)) % 1000));
    int frac = (int)((r >> 44) % 4);
    if (frac) {
      cell[n++] = (r >> 47) % 9 ? mark : thou;
      for (int k = 0; k < frac; k++) cell[n++] = (char)('0' + (r >> (50 + k)) % 10);
    }
    int64_t q, v, alt;
    bool shown;
    kw_mark_evidence ev;
    if (!kw_quick_amount(cell, n, mark, &q, &shown)) continue;
    grouped += groups > 0;
    bool ok = kw_parse_amount(cell, n, mark, &v, &alt, &ev);
    if (!ok || v != q || shown != (ev != KW_MARK_NONE))
      print_error("\"%.*s\" under '%c': quick %lld, parser %d %lld\n",
                  (int)n, cell, mark, (long long)q, ok, (long long)v);
    assert_true(ok);
    assert_int_equal(v, q);
    assert_int_equal(shown, ev != KW_MARK_NONE);
  }
  assert_true(grouped > 10000);
  /* and by hand */
  int64_t q;
  bool shown;
  assert_true(kw_quick_amount("-1.234.567,89", 13, ',', &q, &shown));
  assert_int_equal(q, -123456789);
  assert_true(shown);
  assert_true(kw_quick_amount("12,5", 4, ',', &q, &shown));
  assert_int_equal(q, 1250);
  assert_false(kw_quick_amount("1.234", 5, ',', &q, &shown)); /* ambiguous */
  assert_false(kw_quick_amount("12,50", 5, 0, &q, &shown));  /* undecided */
  assert_false(kw_quick_amount("12,505", 6, ',', &q, &shown)); /* rounding */
}

/* ---------------------------------------------------------- roles */

static void test_role_synonyms(void **state) {
  fixture *f = *state;
  char b[64];
  kw_header_normalize("Klant Nr.", 9, b, sizeof b);
  assert_string_equal(b, "klant_nr");
  kw_header_normalize("  Bedrag (\xe2\x82\xac) ", 15, b, sizeof b);
  assert_string_equal(b, "bedrag");
  kw_header_normalize("Cat\xc3\xa9gorie", 10, b, sizeof b);
  assert_string_equal(b, "categorie");
  kw_header_normalize("E-MAIL", 6, b, sizeof b);
  assert_string_equal(b, "e_mail");
  kw_header_normalize("Stra\xc3\x9f" "e", 7, b, sizeof b);
  assert_string_equal(b, "strasse");
  kw_header_normalize("\xc5\x92uvre \xc4\x8d", 9, b, sizeof b);
  assert_string_equal(b, "oeuvre_c");
  struct {
    kw_table_kind k;
    const char *h;
    kw_role r;
  } cases[] = {
      {TR, "Klantnummer", KW_ROLE_CUSTOMER},
      {TR, "KLANT NR.", KW_ROLE_CUSTOMER},
      {TR, "Customer ID", KW_ROLE_CUSTOMER},
      {TR, "CustomerID", KW_ROLE_CUSTOMER},
      {TR, "Debiteurnummer", KW_ROLE_CUSTOMER},
      {TR, "Factuurdatum", KW_ROLE_DATE},
      {TR, "InvoiceDate", KW_ROLE_DATE},
      {TR, "Bedrag excl. BTW", KW_ROLE_AMOUNT},
      {TR, "Omzet", KW_ROLE_AMOUNT},
      {TR, "dollar_value", KW_ROLE_AMOUNT},
      {TR, "InvoiceNo", KW_ROLE_INVOICE},
      {TR, "Factuurnummer", KW_ROLE_INVOICE},
      {TR, "StockCode", KW_ROLE_PRODUCT},
      {TR, "Artikelnummer", KW_ROLE_PRODUCT},
      {TR, "Omschrijving", KW_ROLE_PRODUCT_NAME},
      {TR, "Cat\xc3\xa9gorie", KW_ROLE_CATEGORY},
      {TR, "Productgroep", KW_ROLE_CATEGORY},
      {TR, "number_of_cds", KW_ROLE_QUANTITY},
      {TR, "Aantal", KW_ROLE_QUANTITY},
      {TR, "UnitPrice", KW_ROLE_UNIT_PRICE},
      {TR, "Eenheidsprijs", KW_ROLE_UNIT_PRICE},
      {TR, "Kostprijs", KW_ROLE_COST},
      {TR, "Aankoopwaarde", KW_ROLE_COST},
      {TR, "Brutomarge", KW_ROLE_MARGIN},
      {TR, "Korting", KW_ROLE_DISCOUNT},
      {TR, "Kanaal", KW_ROLE_CHANNEL},
      {TR, "Land", KW_ROLE__COUNT},
      {KW_TABLE_CUSTOMERS, "Naam", KW_ROLE_NAME},
      {KW_TABLE_CUSTOMERS, "E-mail", KW_ROLE_EMAIL},
      {KW_TABLE_CUSTOMERS, "GSM", KW_ROLE_PHONE},
      {KW_TABLE_CUSTOMERS, "Straat", KW_ROLE_ADDRESS},
      {KW_TABLE_CUSTOMERS, "Postcode", KW_ROLE_POSTCODE},
      {KW_TABLE_CUSTOMERS, "Gemeente", KW_ROLE_CITY},
      {KW_TABLE_CUSTOMERS, "Branche", KW_ROLE_SECTOR},
      {KW_TABLE_CUSTOMERS, "Grootte", KW_ROLE_SIZE},
      {KW_TABLE_CUSTOMERS, "Klant sinds", KW_ROLE_ACQ_DATE},
      {KW_TABLE_CUSTOMERS, "CAC", KW_ROLE_ACQ_COST},
      {KW_TABLE_CUSTOMERS, "Optin", KW_ROLE_CONSENT},
      {KW_TABLE_CUSTOMERS, "Contract start", KW_ROLE_START_DATE},
      {KW_TABLE_CUSTOMERS, "Opzegdatum", KW_ROLE_END_DATE},
      {KW_TABLE_CUSTOMERS, "tenure", KW_ROLE_TENURE},
      {KW_TABLE_CUSTOMERS, "Churn", KW_ROLE_CHURN},
      {KW_TABLE_INVOICES, "Vervaldatum", KW_ROLE_DUE_DATE},
      {KW_TABLE_INVOICES, "Betalingstermijn", KW_ROLE_TERMS},
      {KW_TABLE_INVOICES, "Betaaldatum", KW_ROLE_PAID_DATE},
      {KW_TABLE_COSTS, "Kostensoort", KW_ROLE_TYPE},
      {KW_TABLE_COSTS, "Uren", KW_ROLE_HOURS},
      {KW_TABLE_COSTS, "Aantal", KW_ROLE_HOURS}, /* not quantity here */
      {KW_TABLE_FEEDBACK, "NPS", KW_ROLE_NPS},
      {KW_TABLE_FEEDBACK, "CSAT", KW_ROLE_CSAT},
      {KW_TABLE_FEEDBACK, "CES", KW_ROLE_CES},
      {KW_TABLE_FEEDBACK, "Opmerking", KW_ROLE_COMMENT},
      {KW_TABLE_TOUCHPOINTS, "Stap", KW_ROLE_STAGE},
      {KW_TABLE_REFERRALS, "Aanbrenger", KW_ROLE_REFERRER},
      {KW_TABLE_REFERRALS, "Referred by", KW_ROLE_REFERRER},
      {KW_TABLE_REFERRALS, "New customer", KW_ROLE_CUSTOMER},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    kw_role r = kw_role_guess(cases[i].k, cases[i].h, strlen(cases[i].h),
                              NULL);
    if (r != cases[i].r)
      print_error("%s: %s\n", cases[i].h, kw_role_name(r));
    assert_int_equal(r, cases[i].r);
  }
  /* one table: within a kind, no synonym names two roles */
  size_t n;
  const kw_role_synonyms *syn = kw_role_synonym_table(&n);
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    for (size_t i = 0; i < n; i++) {
      if (!(syn[i].kinds & (1u << k))) continue;
      const char *p = syn[i].names;
      while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        kw_role r = kw_role_guess((kw_table_kind)k, p, len, NULL);
        if (r != syn[i].role)
          print_error("%s: \"%.*s\" is %s, listed for %s\n",
                      kw_table_kind_name((kw_table_kind)k), (int)len, p,
                      kw_role_name(r), kw_role_name(syn[i].role));
        assert_int_equal(r, syn[i].role);
        p += len;
        while (*p == ' ') p++;
      }
    }
  }
  /* a file with Dutch, accented and decorated headers */
  assert_int_equal(rd(f, TR,
                      "Klant Nr.;Datum;Bedrag (\xe2\x82\xac);Cat\xc3\xa9gorie;"
                      "Totaal\n"
                      "K1;2024-01-01;10;Stoelen;99\n"),
                   KW_OK);
  const kw_table *t = tab(f, TR);
  assert_string_equal(kw_table_role(t, KW_ROLE_CUSTOMER)->name, "Klant Nr.");
  /* "bedrag" ranks before "totaal": the amount is 10 */
  assert_int_equal(role(f, TR, KW_ROLE_AMOUNT)->v.money[0], 1000);
  assert_string_equal(role(f, TR, KW_ROLE_CATEGORY)->name,
                      "Cat\xc3\xa9gorie");
  assert_int_equal(kw_table_report(t)->n_ignored, 1); /* Totaal */
}

static void test_maps(void **state) {
  fixture *f = *state;
  const char *in = "masterid,sampleid,date,cds,sales\n4,1,19970101,2,29.33\n";
  /* no customer column is recognised */
  assert_int_equal(rd(f, TR, in), KW_EMISSING);
  const char *m = kw_errmsg(f->ctx);
  assert_non_null(strstr(m, "customer"));
  assert_non_null(strstr(m, "masterid, sampleid, date, cds, sales"));
  assert_non_null(strstr(m, "--map customer=COLUMN"));
  /* by name */
  const char *maps1[] = {"customer=sampleid"};
  f->o.maps = maps1;
  f->o.n_maps = 1;
  assert_int_equal(rd(f, TR, in), KW_OK);
  assert_string_equal(role(f, TR, KW_ROLE_CUSTOMER)->name, "sampleid");
  assert_string_equal(cust(f, TR, 0), "1");
  /* by number, qualified by table, overriding detection (amount) */
  const char *maps2[] = {"transactions.customer=1", "amount=4"};
  f->o.maps = maps2;
  f->o.n_maps = 2;
  assert_int_equal(rd(f, TR, in), KW_OK);
  assert_string_equal(cust(f, TR, 0), "4");
  assert_string_equal(role(f, TR, KW_ROLE_AMOUNT)->name, "cds");
  assert_int_equal(role(f, TR, KW_ROLE_AMOUNT)->v.money[0], 200);
  /* "sales" lost its role and is ignored now */
  assert_null(kw_table_find(tab(f, TR), "sales"));
  /* a map for another table does not apply here */
  const char *maps3[] = {"customers.customer=sampleid"};
  f->o.maps = maps3;
  f->o.n_maps = 1;
  assert_int_equal(rd(f, TR, in), KW_EMISSING);
  /* errors: unknown role, unknown table, bad syntax, unknown column */
  const char *bad[][1] = {{"klant=sampleid"},
                          {"shops.customer=sampleid"},
                          {"customer"},
                          {"customer=nosuch"},
                          {"customer=9"}};
  const char *want[] = {"unknown role", "unknown table", "ROLE=COLUMN",
                        "no column \"nosuch\"", "no column \"9\""};
  for (int i = 0; i < 5; i++) {
    f->o.maps = bad[i];
    f->o.n_maps = 1;
    assert_int_equal(rd(f, TR, in), KW_EARG);
    assert_non_null(strstr(kw_errmsg(f->ctx), want[i]));
  }
  /* none=COLUMN takes a detected role away */
  const char *maps4[] = {"customer=sampleid", "none=cds", "quantity=cds"};
  f->o.maps = maps4;
  f->o.n_maps = 2;
  assert_int_equal(rd(f, TR, in), KW_OK);
  assert_null(kw_table_role(tab(f, TR), KW_ROLE_QUANTITY));
  f->o.n_maps = 3; /* the last word wins */
  assert_int_equal(rd(f, TR, in), KW_OK);
  assert_non_null(kw_table_role(tab(f, TR), KW_ROLE_QUANTITY));
  /* role names are case- and dash-insensitive */
  const char *maps5[] = {"Customer=SAMPLEID", "unit-price=sales",
                         "amount=sales"};
  f->o.maps = maps5;
  f->o.n_maps = 3;
  assert_int_equal(rd(f, TR, in), KW_OK);
  assert_string_equal(role(f, TR, KW_ROLE_AMOUNT)->name, "sales");
}

static void test_no_header(void **state) {
  fixture *f = *state;
  const char *in = " 00004 0001 19970101  2   29.33\r\n"
                   " 00004 0001 19970118  2   29.73\r\n"
                   " 00112 0002 19970101  1   11.77\r\n";
  assert_int_equal(rd(f, TR, in), KW_EMISSING);
  assert_non_null(strstr(kw_errmsg(f->ctx), "no header"));
  assert_non_null(strstr(kw_errmsg(f->ctx), "column 1, column 2"));
  const char *maps[] = {"customer=2", "date=3", "amount=5"};
  f->o.maps = maps;
  f->o.n_maps = 3;
  assert_int_equal(rd(f, TR, in), KW_OK);
  const kw_table *t = tab(f, TR);
  const kw_read_report *r = kw_table_report(t);
  assert_false(r->header);
  assert_int_equal(r->delimiter, ' ');
  assert_int_equal(kw_table_rows(t), 3);
  assert_string_equal(role(f, TR, KW_ROLE_CUSTOMER)->name, "column 2");
  assert_string_equal(cust(f, TR, 2), "0002");
  assert_int_equal(role(f, TR, KW_ROLE_DATE)->v.date[1], D(1997, 1, 18));
  assert_int_equal(role(f, TR, KW_ROLE_AMOUNT)->v.money[1], 2973);
  assert_int_equal(r->n_ignored, 2); /* columns 1 and 4 */
  assert_string_equal(r->ignored[1], "column 4");
  /* a customers table keeps unnamed columns as attributes */
  const char *maps2[] = {"customer=1"};
  f->o.maps = maps2;
  f->o.n_maps = 1;
  assert_int_equal(rd(f, KW_TABLE_CUSTOMERS, in), KW_OK);
  assert_int_equal(kw_table_ncols(tab(f, KW_TABLE_CUSTOMERS)), 5);
}

/* ------------------------------------------------------- bad input */

static void test_missing_and_empty(void **state) {
  fixture *f = *state;
  kw_dataset *ds = NULL;
  f->o.files[TR] = KW_TEST_DATA "/no-such-file.csv";
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_EIO);
  assert_null(ds);
  assert_non_null(strstr(kw_errmsg(f->ctx), "no-such-file.csv"));
  f->o.files[TR] = KW_TEST_DATA "/ingest_empty.csv";
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_EEMPTY);
  assert_non_null(strstr(kw_errmsg(f->ctx), "empty"));
  f->o.files[TR] = KW_TEST_DATA "/ingest_header_only.csv";
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_EEMPTY);
  assert_non_null(strstr(kw_errmsg(f->ctx), "has a header but no data rows"));
  assert_int_equal(rd(f, TR, ""), KW_EEMPTY);
  assert_int_equal(rd(f, TR, "\n\r\n\n"), KW_EEMPTY);
  assert_non_null(strstr(kw_errmsg(f->ctx), "empty"));
  assert_int_equal(rd(f, TR, "klant,datum,bedrag\n\n,,\n"), KW_EEMPTY);
  assert_non_null(strstr(kw_errmsg(f->ctx), "header but no data rows"));
  /* rows that are all unusable */
  assert_int_equal(rd(f, TR, "klant,datum,bedrag\n,2024-01-01,1\n"),
                   KW_EEMPTY);
  assert_non_null(strstr(kw_errmsg(f->ctx), "1 empty customer id"));
  /* the folder has no transactions file (by name or by columns) */
  f->o.files[TR] = NULL;
  f->o.dir = KW_TEST_DATA "/value";
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_EMISSING);
  assert_non_null(strstr(kw_errmsg(f->ctx), "transacties.csv"));
  assert_non_null(strstr(kw_errmsg(f->ctx), KW_TEST_DATA "/value"));
  /* a folder given as a file */
  f->o.dir = NULL;
  f->o.files[TR] = KW_TEST_DATA;
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_EIO);
}

static void test_ragged_and_blank(void **state) {
  fixture *f = *state;
  assert_int_equal(rd(f, TR,
                      "klant;datum;bedrag\n"
                      "A;2024-01-01;1\n"
                      "\n"
                      "B;2024-01-02\n"         /* too few */
                      "C;2024-01-03;3;x\n"     /* too many */
                      "D;2024-01-04;4;;\n"     /* empty extras: fine */
                      ";;\n"                   /* blank */
                      "   \n"),                /* blank (a blank cell) */
                   KW_OK);
  const kw_read_report *r = kw_table_report(tab(f, TR));
  assert_int_equal(r->rows_read, 7);
  assert_int_equal(r->rows_used, 2);
  assert_int_equal(r->skipped[KW_SKIP_RAGGED], 2);
  assert_int_equal(r->skipped[KW_SKIP_BLANK], 3);
  check_counts(r);
  assert_string_equal(r->examples[0],
                      "t.csv:4: 2 fields where the header has 3");
  assert_string_equal(r->examples[1],
                      "t.csv:5: 4 fields where the header has 3");
  assert_int_equal(role(f, TR, KW_ROLE_AMOUNT)->v.money[1], 400);
  /* blank lines are normal: no warning for them */
  assert_null(strstr(f->log.text, "blank"));
  assert_non_null(strstr(f->log.text, "2 of 7 rows skipped: wrong number"));
}

static void test_structural(void **state) {
  fixture *f = *state;
  assert_int_equal(rd(f, TR,
                      "klant,datum,bedrag\nA,2024-01-01,1\n"
                      "B,\"2024-01-02,2\nC,2024-01-03,3\n"),
                   KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(f->ctx), "t.csv:3:3:"));
  assert_non_null(strstr(kw_errmsg(f->ctx), "quote"));
  assert_null(kw_dataset_table(f->ds, TR));
  static const char nul[] = "klant,datum,bedrag\nA,2024-01-01,1\0\n";
  assert_int_equal(kw_ingest_buffer(f->ctx, f->ds, TR, "t.csv", nul,
                                    sizeof nul - 1, &f->o),
                   KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(f->ctx), "t.csv:2:15:"));
  assert_non_null(strstr(kw_errmsg(f->ctx), "NUL"));
  static const char u16[] = "\xff\xfek\0,\0d\0";
  assert_int_equal(kw_ingest_buffer(f->ctx, f->ds, TR, "t.csv", u16,
                                    sizeof u16 - 1, &f->o),
                   KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(f->ctx), "UTF-16"));
}

static void test_encodings(void **state) {
  fixture *f = *state;
  /* an invalid UTF-8 cell in a UTF-8 file is read as Windows-1252 */
  assert_int_equal(rd(f, KW_TABLE_CUSTOMERS,
                      "klant;naam\nK1;Andr\xc3\xa9\nK2;Jos\xe9\nK3;Z\xc3\xbc\n"),
                   KW_OK);
  const kw_table *t = tab(f, KW_TABLE_CUSTOMERS);
  const kw_read_report *r = kw_table_report(t);
  assert_string_equal(r->encoding, "UTF-8");
  assert_int_equal(r->recoded_cells, 1);
  const kw_column *n = kw_table_role(t, KW_ROLE_NAME);
  assert_string_equal(kw_dict_str(n->dict, n->v.text[0]), "Andr\xc3\xa9");
  assert_string_equal(kw_dict_str(n->dict, n->v.text[1]), "Jos\xc3\xa9");
  assert_int_equal(f->log.warnings, 1);
  assert_non_null(strstr(f->log.text, "line 3, column 4"));
  /* a Windows-1252 file */
  f->o.files[KW_TABLE_CUSTOMERS] = KW_TEST_DATA "/ingest_cp1252.csv";
  f->o.tables = 1u << KW_TABLE_CUSTOMERS;
  kw_dataset *ds;
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_OK);
  t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  r = kw_table_report(t);
  assert_string_equal(r->encoding, "Windows-1252");
  assert_int_equal(r->recoded_cells, 0);
  n = kw_table_role(t, KW_ROLE_NAME);
  assert_string_equal(kw_dict_str(n->dict, n->v.text[0]), "Jos\xc3\xa9");
  assert_string_equal(kw_dict_str(n->dict, n->v.text[1]), "Ana\xc3\xafs");
  /* "Bedrag" is an attribute of a customers table: text, recoded */
  const kw_column *b = kw_table_find(t, "bedrag");
  assert_string_equal(kw_dict_str(b->dict, b->v.text[0]),
                      "\xe2\x82\xac 10,00");
  kw_dataset_free(ds);
  /* as sales lines, the amounts parse with the Windows-1252 euro sign */
  f->o.files[TR] = KW_TEST_DATA "/ingest_cp1252.csv";
  f->o.tables = 1u << TR;
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_OK);
  const kw_column *a =
      kw_table_role(kw_dataset_table(ds, TR), KW_ROLE_AMOUNT);
  assert_int_equal(a->v.money[0], 1000);
  assert_int_equal(a->v.money[1], 100050);
  assert_int_equal(a->v.money[2], 725);
  kw_dataset_free(ds);
}

static void test_too_long(void **state) {
  fixture *f = *state;
  size_t big = 10u * 1024 * 1024;
  char *in = malloc(big + 4096);
  size_t o = (size_t)sprintf(in, "klant;datum;omschrijving;bedrag\n"
                                 "A;2024-01-01;kort;1\nB;2024-01-02;");
  memset(in + o, 'x', big);
  o += big;
  o += (size_t)sprintf(in + o, ";2\nC;2024-01-03;\"");
  memset(in + o, 'y', 2000);
  o += 2000;
  o += (size_t)sprintf(in + o, "\";3\n");
  clock_t t0 = clock();
  f->o.max_field = 1000;
  assert_int_equal(kw_ingest_buffer(f->ctx, f->ds, TR, "t.csv", in, o, &f->o),
                   KW_OK);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  /* linear: 10 MB is scanned in well under a second (even instrumented) */
  assert_true(secs < 5.0);
  const kw_read_report *r = kw_table_report(tab(f, TR));
  assert_int_equal(r->rows_used, 1);
  assert_int_equal(r->skipped[KW_SKIP_TOO_LONG], 2);
  assert_string_equal(r->examples[0],
                      "t.csv:3:14: field longer than 1000 bytes");
  /* the default limit is 1 MiB */
  f->o.max_field = 0;
  assert_int_equal(kw_ingest_buffer(f->ctx, f->ds, TR, "t.csv", in, o, &f->o),
                   KW_OK);
  r = kw_table_report(tab(f, TR));
  assert_int_equal(r->skipped[KW_SKIP_TOO_LONG], 1);
  assert_int_equal(r->rows_used, 2);
  free(in);
}

static void test_bad_cells_and_strict(void **state) {
  fixture *f = *state;
  const char *in = "klant;datum;bedrag;aantal;optin\n"
                   "A;2024-01-01;1;1;ja\n"
                   ";2024-01-02;2;1;ja\n"          /* no customer */
                   "C;2024-13-45;3;1;ja\n"         /* bad date */
                   "D;2024-01-04;drie;1;ja\n"      /* bad amount */
                   "E;2024-01-05;;1;ja\n"          /* missing amount */
                   "F;2024-01-06;6;zes;ja\n"       /* bad number */
                   "G;2024-01-07;7;1;misschien\n"; /* bad flag: not stored
                                                      in transactions */
  assert_int_equal(rd(f, TR, in), KW_OK);
  const kw_read_report *r = kw_table_report(tab(f, TR));
  assert_int_equal(r->rows_read, 7);
  assert_int_equal(r->rows_used, 2);
  assert_int_equal(r->skipped[KW_SKIP_NO_CUSTOMER], 1);
  assert_int_equal(r->skipped[KW_SKIP_BAD_DATE], 1);
  assert_int_equal(r->skipped[KW_SKIP_BAD_AMOUNT], 2);
  assert_int_equal(r->skipped[KW_SKIP_BAD_NUMBER], 1);
  check_counts(r);
  assert_int_equal(r->n_examples, KW_REPORT_EXAMPLES);
  assert_string_equal(r->examples[0],
                      "t.csv:3:1: empty customer id in column \"klant\"");
  assert_string_equal(r->examples[1], "t.csv:4:3: unparseable date "
                                      "\"2024-13-45\" in column \"datum\"");
  assert_string_equal(r->examples[2], "t.csv:5:14: unparseable amount "
                                      "\"drie\" in column \"bedrag\"");
  assert_string_equal(r->examples[3],
                      "t.csv:6:14: missing amount in column \"bedrag\"");
  /* a flag column in a customers table */
  assert_int_equal(rd(f, KW_TABLE_CUSTOMERS,
                      "klant;optin\nA;ja\nB;misschien\nC;\n"),
                   KW_OK);
  const kw_table *t = tab(f, KW_TABLE_CUSTOMERS);
  assert_int_equal(kw_table_report(t)->skipped[KW_SKIP_BAD_FLAG], 1);
  const kw_column *c = kw_table_role(t, KW_ROLE_CONSENT);
  assert_int_equal(c->v.flag[0], 1);
  assert_int_equal(c->v.flag[1], KW_NA_FLAG);
  assert_int_equal(c->missing, 1);
  /* strict mode: the first bad row is an error, with its position */
  f->o.strict = true;
  assert_int_equal(rd(f, TR, in), KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(f->ctx), "t.csv:3:1: empty customer id"));
  assert_int_equal(rd(f, TR, "klant;datum;bedrag\n\nA;2024-01-01;1\n"), KW_OK);
}

static void test_duplicate_headers(void **state) {
  fixture *f = *state;
  assert_int_equal(rd(f, KW_TABLE_CUSTOMERS,
                      "klant;naam;Naam;naam\nK1;Jan;Piet;Joris\n"),
                   KW_OK);
  const kw_table *t = tab(f, KW_TABLE_CUSTOMERS);
  assert_string_equal(kw_table_col(t, 2)->name, "Naam_2");
  assert_string_equal(kw_table_col(t, 3)->name, "naam_3");
  assert_int_equal(f->log.warnings, 2);
  assert_non_null(strstr(f->log.text, "renamed \"Naam_2\""));
  /* the role and a map by name take the first */
  const kw_column *n = kw_table_role(t, KW_ROLE_NAME);
  assert_string_equal(kw_dict_str(n->dict, n->v.text[0]), "Jan");
  const char *maps[] = {"city=naam"};
  f->o.maps = maps;
  f->o.n_maps = 1;
  assert_int_equal(rd(f, KW_TABLE_CUSTOMERS,
                      "klant;naam;naam\nK1;Gent;Brugge\n"),
                   KW_OK);
  n = kw_table_role(tab(f, KW_TABLE_CUSTOMERS), KW_ROLE_CITY);
  assert_string_equal(kw_dict_str(n->dict, n->v.text[0]), "Gent");
}

static void test_sep_line(void **state) {
  fixture *f = *state;
  assert_int_equal(rd(f, TR, "sep=;\r\nklant;datum;bedrag\r\nA;2024-01-01;"
                             "1,5\r\nB;2024-01-02;x\r\n"),
                   KW_OK);
  const kw_read_report *r = kw_table_report(tab(f, TR));
  assert_int_equal(r->delimiter, ';');
  assert_int_equal(role(f, TR, KW_ROLE_AMOUNT)->v.money[0], 150);
  /* line numbers still count the sep= line */
  assert_non_null(strstr(r->examples[0], "t.csv:4:"));
}

/* ------------------------------------------------------ data folder */

static void test_folder(void **state) {
  fixture *f = *state;
  f->o.dir = KW_TEST_DATA "/shop";
  kw_dataset *ds;
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_OK);
  for (int k = 0; k < KW_TABLE__COUNT; k++)
    assert_non_null(kw_dataset_table(ds, (kw_table_kind)k));
  /* one customer dictionary for every table: K1..K4 from sales lines and
   * customers, K5 and K6 only from referrals */
  const kw_dict *cd = kw_dataset_customers(ds);
  assert_int_equal(kw_dict_size(cd), 6);
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    if (k == KW_TABLE_SPEND) continue; /* per channel, no customer */
    const kw_column *c =
        kw_table_role(kw_dataset_table(ds, (kw_table_kind)k),
                      KW_ROLE_CUSTOMER);
    assert_ptr_equal(c->dict, cd);
  }
  /* marketingkosten.csv: channel, month and amount, no customer */
  const kw_table *sp = kw_dataset_table(ds, KW_TABLE_SPEND);
  assert_int_equal(kw_table_rows(sp), 2);
  assert_int_equal(kw_table_role(sp, KW_ROLE_AMOUNT)->v.money[1], 45000);
  const kw_table *tr = kw_dataset_table(ds, TR);
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  /* K1 is the same id in both tables */
  assert_int_equal(kw_table_role(tr, KW_ROLE_CUSTOMER)->v.text[0],
                   kw_table_role(cu, KW_ROLE_CUSTOMER)->v.text[0]);
  const kw_table *rf = kw_dataset_table(ds, KW_TABLE_REFERRALS);
  const kw_column *ref = kw_table_role(rf, KW_ROLE_REFERRER);
  assert_ptr_equal(ref->dict, cd);
  assert_string_equal(kw_dict_str(cd, ref->v.text[1]), "K2");
  /* sales lines: amount = quantity x price; 2 x 9,95 + 1 x 1.250,00 +
   * 1 x 9,95 + 3 x 0,295 = 19,90 + 1250,00 + 9,95 + 0,885 -> 0,89 */
  const kw_column *a = kw_table_role(tr, KW_ROLE_AMOUNT);
  assert_int_equal(a->v.money[0], 1990);
  assert_int_equal(a->v.money[1], 125000);
  assert_int_equal(a->v.money[3], 89);
  /* customers: attributes kept, flags and dates typed */
  assert_non_null(kw_table_find(cu, "segment"));
  assert_int_equal(kw_table_role(cu, KW_ROLE_CHURN)->v.flag[1], 1);
  assert_int_equal(kw_table_role(cu, KW_ROLE_CONSENT)->v.flag[1], 0);
  assert_int_equal(kw_table_role(cu, KW_ROLE_ACQ_DATE)->v.date[1],
                   D(2021, 3, 15));
  assert_int_equal(kw_table_role(cu, KW_ROLE_ACQ_DATE)->v.date[2],
                   KW_NA_DATE);
  /* invoices without an invoice column get one per line */
  const kw_table *in = kw_dataset_table(ds, KW_TABLE_INVOICES);
  const kw_column *inv = kw_table_role(in, KW_ROLE_INVOICE);
  assert_int_equal(inv->source_index, UINT32_MAX);
  assert_int_not_equal(inv->v.text[0], inv->v.text[1]);
  assert_int_equal(kw_table_role(in, KW_ROLE_PAID_DATE)->v.date[1],
                   KW_NA_DATE);
  assert_int_equal(kw_table_role(in, KW_ROLE_DUE_DATE)->v.date[0],
                   D(2024, 2, 2));
  /* costs: amount or hours; the line with neither is skipped */
  const kw_table *co = kw_dataset_table(ds, KW_TABLE_COSTS);
  assert_int_equal(kw_table_rows(co), 2);
  assert_true(kw_table_role(co, KW_ROLE_HOURS)->v.number[0] == 1.5);
  assert_int_equal(kw_table_report(co)->skipped[KW_SKIP_BAD_AMOUNT], 1);
  /* feedback: an unknown column is an attribute */
  const kw_table *fb = kw_dataset_table(ds, KW_TABLE_FEEDBACK);
  assert_true(kw_table_role(fb, KW_ROLE_NPS)->v.number[1] == 6.0);
  assert_non_null(kw_table_find(fb, "taal"));
  kw_dataset_free(ds);
  /* only the tables asked for; an explicit file overrides the folder */
  f->o.tables = (1u << TR) | (1u << KW_TABLE_CUSTOMERS);
  f->o.files[KW_TABLE_CUSTOMERS] = KW_TEST_DATA "/ingest_cp1252.csv";
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_OK);
  assert_null(kw_dataset_table(ds, KW_TABLE_INVOICES));
  assert_string_equal(
      kw_table_report(kw_dataset_table(ds, KW_TABLE_CUSTOMERS))->encoding,
      "Windows-1252");
  kw_dataset_free(ds);
  /* a map naming a column no file has is an error, not ignored */
  const char *maps[] = {"channel=kanal"};
  f->o.maps = maps;
  f->o.n_maps = 1;
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_EARG);
  assert_non_null(strstr(kw_errmsg(f->ctx), "kanal"));
  assert_null(ds);
}

/* Invoice numbers of the sales lines and of the invoices share one
 * dictionary: F1..F3 get ids 0..2 from the lines (first seen first, as a
 * dictionary of their own gives them), the invoices' F2 and F3 the same
 * ids, their new F4 and F9 the next ids 3 and 4. A number made up from
 * line numbers keeps a dictionary of its own. */
static void test_shared_invoices(void **state) {
  fixture *f = *state;
  assert_int_equal(rd(f, TR,
                      "factuur;klant;datum;bedrag\n"
                      "F1;A;2024-01-01;1\n"
                      "F2;A;2024-01-02;2\n"
                      "F1;A;2024-01-01;3\n"
                      "F3;B;2024-01-03;4\n"),
                   KW_OK);
  assert_int_equal(rd(f, KW_TABLE_INVOICES,
                      "factuurnummer;klant;factuurdatum;bedrag\n"
                      "F4;B;2024-01-04;4\n"
                      "F2;A;2024-01-02;2\n"
                      "F3;B;2024-01-03;4\n"
                      "F9;C;2024-01-05;9\n"),
                   KW_OK);
  const kw_column *ti = role(f, TR, KW_ROLE_INVOICE);
  const kw_column *ii = role(f, KW_TABLE_INVOICES, KW_ROLE_INVOICE);
  assert_ptr_equal(ti->dict, ii->dict);
  assert_int_equal(kw_dict_size(ti->dict), 5);
  const uint32_t lines[] = {0, 1, 0, 2}, invoices[] = {3, 1, 2, 4};
  for (size_t r = 0; r < 4; r++) {
    assert_int_equal(ti->v.text[r], lines[r]);
    assert_int_equal(ii->v.text[r], invoices[r]);
  }
  assert_string_equal(kw_dict_str(ii->dict, ii->v.text[3]), "F9");
  /* invoices without a number: numbered by line, in a dictionary apart */
  assert_int_equal(rd(f, KW_TABLE_INVOICES,
                      "klant;factuurdatum;bedrag\n"
                      "A;2024-01-02;2\n"
                      "B;2024-01-03;4\n"),
                   KW_OK);
  ii = role(f, KW_TABLE_INVOICES, KW_ROLE_INVOICE);
  assert_ptr_not_equal(ti->dict, ii->dict);
  assert_int_equal(kw_dict_size(ii->dict), 2);
  assert_int_equal(kw_dict_size(ti->dict), 5);
}

/* The shared dictionary joins as two would: on random numbers (some only
 * on the lines, some only on the invoices, repeated, read in two halves
 * or one) the invoices table read after the lines groups its rows exactly
 * as the same file read alone (its ids map one to one onto the alone
 * ids), every id names its own cell's text, and the lines' ids are those
 * the lines get alone. */
static void test_shared_invoices_random(void **state) {
  fixture *f = *state;
  uint64_t seed = 11;
  enum { ROWS = 3000 };
  char *tx = malloc(ROWS * 48 + 64), *iv = malloc(ROWS * 48 + 64);
  char (*tnum)[16] = malloc(ROWS * sizeof *tnum);
  char (*inum)[16] = malloc(ROWS * sizeof *inum);
  size_t at = (size_t)sprintf(tx, "factuur;klant;datum;bedrag\n");
  size_t ai =
      (size_t)sprintf(iv, "factuurnummer;klant;factuurdatum;bedrag\n");
  for (size_t r = 0; r < ROWS; r++) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned a = (unsigned)(seed >> 33) % 700;       /* lines: 0..699 */
    unsigned b = 400 + (unsigned)(seed >> 13) % 700; /* invoices: 400..1099 */
    snprintf(tnum[r], sizeof tnum[r], "F%u", a);
    snprintf(inum[r], sizeof inum[r], "F%u", b);
    at += (size_t)sprintf(tx + at, "%s;K%u;2024-01-01;1\n", tnum[r], a % 50);
    ai += (size_t)sprintf(iv + ai, "%s;K%u;2024-01-02;2\n", inum[r], b % 50);
  }
  for (int split = 0; split < 2; split++) {
    size_t saved = kw_ingest_split_min;
    kw_context_set_threads(f->ctx, split ? 2 : 1);
    if (split) kw_ingest_split_min = 1024;
    uint64_t joined = kw_ingest_splits[0];
    const kw_table_kind IV = KW_TABLE_INVOICES;
    kw_dataset *alone_t = kw_dataset_new(f->ctx);
    kw_dataset *alone_i = kw_dataset_new(f->ctx);
    kw_dataset *both = kw_dataset_new(f->ctx);
    assert_int_equal(
        kw_ingest_buffer(f->ctx, alone_t, TR, "t.csv", tx, at, &f->o), KW_OK);
    assert_int_equal(
        kw_ingest_buffer(f->ctx, alone_i, IV, "i.csv", iv, ai, &f->o), KW_OK);
    assert_int_equal(
        kw_ingest_buffer(f->ctx, both, TR, "t.csv", tx, at, &f->o), KW_OK);
    assert_int_equal(
        kw_ingest_buffer(f->ctx, both, IV, "i.csv", iv, ai, &f->o), KW_OK);
    kw_ingest_split_min = saved;
    /* read in two halves each time when asked */
    assert_int_equal(kw_ingest_splits[0] - joined, split ? 4 : 0);
    const kw_column *bt =
        kw_table_role(kw_dataset_table(both, TR), KW_ROLE_INVOICE);
    const kw_column *bi =
        kw_table_role(kw_dataset_table(both, IV), KW_ROLE_INVOICE);
    const kw_column *at_ =
        kw_table_role(kw_dataset_table(alone_t, TR), KW_ROLE_INVOICE);
    const kw_column *ai_ =
        kw_table_role(kw_dataset_table(alone_i, IV), KW_ROLE_INVOICE);
    assert_ptr_equal(bt->dict, bi->dict);
    size_t nb = kw_dict_size(bi->dict), na = kw_dict_size(ai_->dict);
    /* every number of either file once */
    bool seen[1100] = {false};
    size_t distinct = 0;
    for (size_t r = 0; r < ROWS; r++) {
      unsigned x = (unsigned)atoi(tnum[r] + 1);
      unsigned y = (unsigned)atoi(inum[r] + 1);
      distinct += !seen[x];
      seen[x] = true;
      distinct += !seen[y];
      seen[y] = true;
    }
    assert_int_equal(nb, distinct);
    uint32_t *fwd = malloc(nb * sizeof *fwd);
    uint32_t *back = malloc(na * sizeof *back);
    for (size_t k = 0; k < nb; k++) fwd[k] = KW_NA_ID;
    for (size_t k = 0; k < na; k++) back[k] = KW_NA_ID;
    for (size_t r = 0; r < ROWS; r++) {
      assert_int_equal(bt->v.text[r], at_->v.text[r]);
      assert_string_equal(kw_dict_str(bt->dict, bt->v.text[r]), tnum[r]);
      uint32_t x = bi->v.text[r], y = ai_->v.text[r];
      assert_string_equal(kw_dict_str(bi->dict, x), inum[r]);
      if (fwd[x] == KW_NA_ID) fwd[x] = y;
      if (back[y] == KW_NA_ID) back[y] = x;
      assert_int_equal(fwd[x], y);
      assert_int_equal(back[y], x);
    }
    free(fwd);
    free(back);
    kw_dataset_free(alone_t);
    kw_dataset_free(alone_i);
    kw_dataset_free(both);
  }
  kw_context_set_threads(f->ctx, 1);
  free(tx);
  free(iv);
  free(tnum);
  free(inum);
}

/* skip_contact: e-mail, phone and address columns are not read but named
 * as ignored; the name and the other columns are read as before. */
static void test_skip_contact(void **state) {
  fixture *f = *state;
  const char *text =
      "klantnummer;naam;e-mail;telefoon;adres;gemeente\n"
      "K1;An Peeters;an@example.be;+32 9 123 45 67;Kerkstraat 1;Gent\n"
      "K2;Bart Janssens;;;Markt 2;Brugge\n";
  assert_int_equal(rd(f, KW_TABLE_CUSTOMERS, text), KW_OK);
  const kw_table *t = tab(f, KW_TABLE_CUSTOMERS);
  assert_int_equal(kw_table_ncols(t), 6);
  assert_non_null(kw_table_role(t, KW_ROLE_EMAIL));
  assert_non_null(kw_table_role(t, KW_ROLE_PHONE));
  assert_non_null(kw_table_role(t, KW_ROLE_ADDRESS));
  assert_int_equal(kw_table_report(t)->n_ignored, 0);
  f->o.skip_contact = true;
  assert_int_equal(rd(f, KW_TABLE_CUSTOMERS, text), KW_OK);
  t = tab(f, KW_TABLE_CUSTOMERS);
  assert_int_equal(kw_table_ncols(t), 3);
  assert_null(kw_table_role(t, KW_ROLE_EMAIL));
  assert_null(kw_table_role(t, KW_ROLE_PHONE));
  assert_null(kw_table_role(t, KW_ROLE_ADDRESS));
  const kw_column *nm = kw_table_role(t, KW_ROLE_NAME);
  assert_non_null(nm);
  assert_string_equal(kw_dict_str(nm->dict, nm->v.text[1]), "Bart Janssens");
  assert_string_equal(cust(f, KW_TABLE_CUSTOMERS, 1), "K2");
  assert_non_null(kw_table_role(t, KW_ROLE_CITY));
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->n_ignored, 3);
  assert_string_equal(r->ignored[0], "e-mail");
  assert_string_equal(r->ignored[1], "telefoon");
  assert_string_equal(r->ignored[2], "adres");
  assert_int_equal(r->rows_used, 2);
  check_counts(r);
}

/* invoice_ids_only: a folder of two sales books (joined) and the shop
 * folder (invoices numbered by line) read with and without it give the
 * same rows and the same invoice ids, so the same orders per customer;
 * with it the numbers' text is gone. */
static void test_invoice_ids_only(void **state) {
  fixture *f = *state;
  const char *dirs[] = {KW_TEST_DATA "/folders/joined_csv",
                        KW_TEST_DATA "/shop"};
  for (size_t d = 0; d < 2; d++) {
    kw_dataset *ds[2];
    for (int k = 0; k < 2; k++) {
      kw_load_options_init(&f->o);
      f->o.dir = dirs[d];
      f->o.invoice_ids_only = k == 1;
      assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds[k]), KW_OK);
    }
    size_t checked = 0;
    for (int t = 0; t < KW_TABLE__COUNT; t++) {
      const kw_table *a = kw_dataset_table(ds[0], (kw_table_kind)t);
      const kw_table *b = kw_dataset_table(ds[1], (kw_table_kind)t);
      assert_true((a == NULL) == (b == NULL));
      if (!a) continue;
      assert_int_equal(kw_table_rows(a), kw_table_rows(b));
      const kw_column *ia = kw_table_role(a, KW_ROLE_INVOICE);
      const kw_column *ib = kw_table_role(b, KW_ROLE_INVOICE);
      assert_true((ia == NULL) == (ib == NULL));
      if (!ia) continue;
      assert_int_equal(kw_dict_size(ia->dict), kw_dict_size(ib->dict));
      assert_true(kw_dict_size(ia->dict) > 0);
      for (size_t r = 0; r < kw_table_rows(a); r++) {
        assert_int_equal(ia->v.text[r], ib->v.text[r]);
        assert_string_equal(kw_dict_str(ib->dict, ib->v.text[r]), "");
        assert_true(kw_dict_len(ia->dict, ia->v.text[r]) > 0);
        checked++;
      }
    }
    assert_true(checked > 0);
    /* customer ids keep their text */
    assert_int_equal(kw_dict_size(kw_dataset_customers(ds[0])),
                     kw_dict_size(kw_dataset_customers(ds[1])));
    assert_string_equal(kw_dict_str(kw_dataset_customers(ds[1]), 0),
                        kw_dict_str(kw_dataset_customers(ds[0]), 0));
    kw_summary *s[2];
    kw_summary_options so;
    kw_summary_options_init(&so);
    for (int k = 0; k < 2; k++)
      assert_int_equal(kw_summary_build(f->ctx, ds[k], &so, &s[k]), KW_OK);
    const kw_customer_summary *v0 = kw_summary_view(s[0]);
    const kw_customer_summary *v1 = kw_summary_view(s[1]);
    assert_int_equal(v0->n, v1->n);
    assert_true(v0->has_invoice == (d == 0));
    assert_memory_equal(v0->orders, v1->orders, v0->n * sizeof *v0->orders);
    for (int k = 0; k < 2; k++) {
      kw_summary_free(s[k]);
      kw_dataset_free(ds[k]);
    }
  }
}

/* "-" reads standard input (here a pipe) into memory. */
static void test_stdin(void **state) {
  fixture *f = *state;
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  const char *in = "klant;datum;bedrag\nA;2024-01-01;1,50\nB;2024-01-02;2\n";
  assert_int_equal(write(fds[1], in, strlen(in)), (ssize_t)strlen(in));
  close(fds[1]);
  int saved = dup(STDIN_FILENO);
  assert_true(saved >= 0);
  assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
  close(fds[0]);
  f->o.files[TR] = "-";
  kw_dataset *ds = NULL;
  kw_status st = kw_dataset_load(f->ctx, &f->o, &ds);
  dup2(saved, STDIN_FILENO);
  close(saved);
  assert_int_equal(st, KW_OK);
  const kw_table *t = kw_dataset_table(ds, TR);
  assert_string_equal(kw_table_report(t)->path, "(stdin)");
  assert_int_equal(kw_table_rows(t), 2);
  assert_int_equal(kw_table_role(t, KW_ROLE_AMOUNT)->v.money[0], 150);
  kw_dataset_free(ds);
}

static void test_aligned_file(void **state) {
  fixture *f = *state;
  f->o.files[TR] = KW_TEST_DATA "/ingest_aligned.txt";
  kw_dataset *ds;
  assert_int_equal(kw_dataset_load(f->ctx, &f->o, &ds), KW_OK);
  const kw_table *t = kw_dataset_table(ds, TR);
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->delimiter, ' ');
  assert_true(r->header);
  assert_string_equal(r->line_ending, "CRLF");
  assert_int_equal(kw_table_rows(t), 4);
  /* 11.77 + 12.00 + 20.76 + 29.33 = 73.86 */
  const kw_column *a = kw_table_role(t, KW_ROLE_AMOUNT);
  assert_int_equal(a->v.money[0] + a->v.money[1] + a->v.money[2] +
                       a->v.money[3],
                   7386);
  assert_int_equal(kw_dict_size(kw_dataset_customers(ds)), 3);
  kw_dataset_free(ds);
}

/* A worker thread interns text while the reader goes on: the result must
 * be the same as without it, id for id. The input is large enough to use
 * it (several MB) and has quoted cells that need unescaping, cells that
 * are not UTF-8, skipped rows and repeated and new values. */
static void test_threads_same_result(void **state) {
  (void)state;
  size_t cap = 12u << 20, o = 0;
  char *in = malloc(cap);
  o += (size_t)sprintf(in, "factuur;datum;klant;artikel;omschrijving;"
                           "aantal;prijs\n");
  uint64_t x = 42;
  for (int i = 0; o + 200 < cap && i < 120000; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    unsigned cust = (unsigned)(x % 3000), art = (unsigned)((x >> 20) % 700);
    char d[64];
    if ((x >> 40) % 5 == 0)
      snprintf(d, sizeof d, "\"Stoel \"\"Luxe\"\" %u\"", art);
    else if ((x >> 40) % 7 == 0)
      snprintf(d, sizeof d, "Caf\xe9 %u", art);
    else
      snprintf(d, sizeof d, "t\xc3\xa4" "fel %u", art); /* valid UTF-8 */
    o += (size_t)sprintf(in + o, "F%d;%02d/%02d/2024;%sK%u;A%u;%s;%u;%u,%02u\n",
                         i / 3, 1 + i % 28, 1 + (i / 1000) % 12,
                         (x >> 50) % 97 == 0 ? " " : "", cust, art, d,
                         1 + (unsigned)(x >> 33) % 9, art, (unsigned)(x % 100));
    if ((x >> 45) % 211 == 0) o += (size_t)sprintf(in + o, ";;\nbad;row\n");
  }
  kw_table_kind k = KW_TABLE_TRANSACTIONS;
  kw_dataset *ds[2];
  for (int t = 0; t < 2; t++) {
    kw_context *ctx = kw_context_new();
    kw_context_set_threads(ctx, t ? 2 : 1);
    ds[t] = kw_dataset_new(ctx);
    assert_int_equal(kw_ingest_buffer(ctx, ds[t], k, "big.csv", in, o, NULL),
                     KW_OK);
  }
  const kw_table *a = kw_dataset_table(ds[0], k), *b = kw_dataset_table(ds[1], k);
  size_t rows = kw_table_rows(a);
  assert_true(rows > 100000);
  assert_int_equal(kw_table_rows(b), rows);
  assert_int_equal(kw_table_ncols(a), kw_table_ncols(b));
  const kw_read_report *ra = kw_table_report(a), *rb = kw_table_report(b);
  assert_true(ra->recoded_cells > 1000);
  assert_int_equal(ra->recoded_cells, rb->recoded_cells);
  assert_true(ra->rows_skipped > 0);
  assert_int_equal(ra->rows_skipped, rb->rows_skipped);
  for (size_t j = 0; j < kw_table_ncols(a); j++) {
    const kw_column *ca = kw_table_col(a, j), *cb = kw_table_col(b, j);
    static const size_t size[] = {4, 4, 8, 8, 1};
    assert_memory_equal(ca->v.text, cb->v.text, rows * size[ca->type]);
    if (ca->type == KW_TYPE_TEXT) {
      assert_int_equal(kw_dict_size(ca->dict), kw_dict_size(cb->dict));
      for (uint32_t id = 0; id < kw_dict_size(ca->dict); id++)
        assert_string_equal(kw_dict_str(ca->dict, id),
                            kw_dict_str(cb->dict, id));
    }
  }
  const kw_column *pn = kw_table_role(a, KW_ROLE_PRODUCT_NAME);
  bool quoted = false, recoded = false;
  for (uint32_t id = 0; id < kw_dict_size(pn->dict); id++) {
    quoted |= strncmp(kw_dict_str(pn->dict, id), "Stoel \"Luxe\" ", 13) == 0;
    recoded |= strncmp(kw_dict_str(pn->dict, id), "Caf\xc3\xa9 ", 6) == 0;
  }
  assert_true(quoted && recoded);
  for (int t = 0; t < 2; t++) {
    kw_context *ctx = kw_dataset_context(ds[t]);
    kw_dataset_free(ds[t]);
    kw_context_free(ctx);
  }
  free(in);
}

/* Allocation failures: every failing allocation gives KW_ENOMEM and
 * leaks nothing (the sanitizer build checks the latter). */
static void test_out_of_memory(void **state) {
  (void)state;
  const char *in = "klant;datum;aantal;prijs;omschrijving\n"
                   "A;03/02/2024;1.000;1,234;x\nB;13/02/2024;2;2,50;y\n";
  int ok = 0;
  for (long n = 0; n < 400 && !ok; n++) {
    failing fl = {n, true};
    kw_allocator al = failing_allocator(&fl);
    kw_context *ctx = kw_context_new_with_allocator(&al);
    if (!ctx) continue;
    kw_dataset *ds = kw_dataset_new(ctx);
    if (ds) {
      kw_status st = kw_ingest_buffer(ctx, ds, TR, "t.csv", in, strlen(in),
                                      NULL);
      assert_true(st == KW_OK || st == KW_ENOMEM);
      ok = st == KW_OK;
      kw_dataset_free(ds);
    }
    kw_context_free(ctx);
  }
  assert_true(ok);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_typing, setup, teardown),
      cmocka_unit_test_setup_teardown(test_be_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_decimal_late_decision, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_decimal_ambiguous, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_decimal_from_other_column, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_dates, setup, teardown),
      cmocka_unit_test_setup_teardown(test_derived_amount, setup, teardown),
      cmocka_unit_test(test_quick_amount),
      cmocka_unit_test_setup_teardown(test_role_synonyms, setup, teardown),
      cmocka_unit_test_setup_teardown(test_maps, setup, teardown),
      cmocka_unit_test_setup_teardown(test_no_header, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_and_empty, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_ragged_and_blank, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_structural, setup, teardown),
      cmocka_unit_test_setup_teardown(test_encodings, setup, teardown),
      cmocka_unit_test_setup_teardown(test_too_long, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_cells_and_strict, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_duplicate_headers, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_sep_line, setup, teardown),
      cmocka_unit_test_setup_teardown(test_folder, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shared_invoices, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shared_invoices_random, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_skip_contact, setup, teardown),
      cmocka_unit_test_setup_teardown(test_invoice_ids_only, setup, teardown),
      cmocka_unit_test_setup_teardown(test_stdin, setup, teardown),
      cmocka_unit_test_setup_teardown(test_aligned_file, setup, teardown),
      cmocka_unit_test(test_threads_same_result),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
