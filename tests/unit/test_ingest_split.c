/*
 * Unit tests: the fast paths of reading delimited text give what the
 * straightforward ones give, on random files.
 *
 * 1. The tokenizer's SIMD and word-at-a-time scans against its byte-at-a-
 *    time path (kw_csv_reader.scalar): every row's cells, line numbers,
 *    positions, flags, and the errors (unclosed quote, NUL) with their
 *    file:line:column.
 * 2. A file read in two halves by two threads (kw_ingest_split_min lowered
 *    so that small files split) against one reader: the typed columns, the
 *    ids (the same values in the same order of first appearance), the
 *    dictionaries, the read report (counts, skip examples with their
 *    file:line:column), the log, or the same error.
 * 3. A streamed input (read a few bytes at a time through a buffer of a
 *    few dozen bytes, so that rows, quoted fields, CRLF pairs and doubled
 *    quotes are cut at every place) against the whole buffer: the same.
 *
 * The random files mix what makes splitting and scanning hard: quoted
 * fields with delimiters, doubled quotes and line breaks (so the middle of
 * the file often falls inside one), CRLF, LF and lone CR, a BOM, decimal
 * commas with thousands points, ambiguous amounts ("1.234") and dates
 * ("03/04/2024") before or after the deciding ones, bad cells, blank and
 * ragged rows, guest rows without a customer, Windows-1252 bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "data/table.h"
#include "io/csv.h"
#include "io/ingest.h"
#include "klantwijs.h"

static uint64_t rs;
static uint32_t rnd(uint32_t n) {
  rs ^= rs << 13;
  rs ^= rs >> 7;
  rs ^= rs << 17;
  return (uint32_t)((rs >> 11) % n);
}

typedef struct sbuf {
  char *p;
  size_t n, cap;
} sbuf;

static void put(sbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
    assert_non_null(b->p);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}
static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }
static void putf(sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void putf(sbuf *b, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  put(b, tmp, (size_t)n);
}

typedef struct shape {
  char delim;
  const char *eol;
  bool bom;
  int amb_first; /* rows of ambiguous cells before a deciding one */
  bool dot;      /* decimal points and thousands commas */
  int mode;      /* 1: ambiguous after the first rows, 2: before the last
                    rows, 3: everywhere */
} shape;

static void put_eol(sbuf *b, const shape *sh) {
  /* now and then a line break other than the file's */
  unsigned k = rnd(200);
  puts_(b, k == 0 ? "\r" : k == 1 ? "\n" : k == 2 ? "\r\n" : sh->eol);
}

/* Text with what quoting is for: the delimiter, quotes, line breaks. */
static void put_text(sbuf *b, const shape *sh) {
  static const char *const words[] = {"stoel", "tafel", "lamp", "kast",
                                      "caf\xc3\xa9", "na\xefve", "rek"};
  unsigned kind = rnd(10);
  if (kind < 5) {
    putf(b, "%s %u", words[rnd(7)], rnd(50));
    return;
  }
  puts_(b, rnd(8) == 0 ? "  \"" : "\"");
  unsigned parts = 1 + rnd(4);
  for (unsigned i = 0; i < parts; i++) {
    puts_(b, words[rnd(7)]);
    switch (rnd(6)) {
    case 0: put(b, &sh->delim, 1); break;
    case 1: puts_(b, "\"\""); break;
    case 2: puts_(b, rnd(2) ? "\r\n" : "\n"); break;
    case 3: puts_(b, "\n\n"); break;
    default: puts_(b, " "); break;
    }
  }
  puts_(b, "\"");
  if (rnd(20) == 0) puts_(b, "x"); /* text after the closing quote */
}

static void put_amount(sbuf *b, const shape *sh, bool amb) {
  char tmp[64];
  unsigned k = rnd(40);
  if (amb) {
    /* either separator: one of the readings is the decimal one */
    snprintf(tmp, sizeof tmp, "%u%c%03u", 1 + rnd(999), rnd(2) ? '.' : ',',
             rnd(1000));
  } else if (k == 0) {
    snprintf(tmp, sizeof tmp, "abc");
  } else if (k == 1) {
    tmp[0] = 0; /* empty: a missing amount */
  } else if (k < 8) {
    snprintf(tmp, sizeof tmp, "%s%u.%03u,%02u", rnd(5) ? "" : "-",
             1 + rnd(999), rnd(1000), rnd(100));
  } else if (k < 12) {
    snprintf(tmp, sizeof tmp, "\xe2\x82\xac %u,%u", rnd(1000), rnd(10));
  } else {
    snprintf(tmp, sizeof tmp, "%u,%02u", rnd(100000), rnd(100));
  }
  if (sh->dot)
    for (char *c = tmp; *c; c++)
      *c = *c == ',' ? '.' : *c == '.' ? ',' : *c;
  if (sh->delim == ',' && strchr(tmp, ','))
    putf(b, "\"%s\"", tmp);
  else
    puts_(b, tmp);
}

static void put_date(sbuf *b, bool amb) {
  unsigned k = rnd(60);
  unsigned y = 2019 + rnd(6), m = 1 + rnd(12), d = 1 + rnd(28);
  if (amb) {
    d = 1 + rnd(12);
    if (d == m) d = m % 12 + 1;
    putf(b, "%02u/%02u/%u", d, m, y);
  } else if (k == 0) {
    puts_(b, "31/31/2020");
  } else if (k < 10) {
    putf(b, "%u-%02u-%02u", y, m, d);
  } else {
    putf(b, "%02u/%02u/%u", d, m, y);
  }
}

static void make_file(sbuf *b, const shape *sh, size_t rows) {
  b->n = 0;
  if (sh->bom) puts_(b, "\xef\xbb\xbf");
  char d = sh->delim;
  putf(b, "klant%cdatum%cbedrag%caantal%cproduct%comschrijving", d, d, d, d,
       d);
  puts_(b, sh->eol);
  for (size_t r = 0; r < rows; r++) {
    unsigned k = rnd(100);
    if (k == 0) {
      put_eol(b, sh); /* a blank line */
      continue;
    }
    /* ambiguous cells at the start of either half, and a few anywhere */
    bool amb = r < (size_t)sh->amb_first ||
               (r >= rows / 2 && r < rows / 2 + (size_t)sh->amb_first) ||
               rnd(50) == 0 || (sh->mode == 1 && r >= 3) ||
               (sh->mode == 2 && r + 3 < rows) || sh->mode == 3;
    /* customer: sometimes empty (a guest sale), sometimes quoted */
    if (k == 1)
      ;
    else if (k < 5)
      putf(b, "\"K%04u\"", rnd(300));
    else
      putf(b, "K%04u", rnd(300));
    put(b, &d, 1);
    put_date(b, amb);
    put(b, &d, 1);
    put_amount(b, sh, amb);
    if (k == 2) { /* a ragged row */
      put_eol(b, sh);
      continue;
    }
    put(b, &d, 1);
    putf(b, "%u", 1 + rnd(9));
    put(b, &d, 1);
    putf(b, "ART-%03u", rnd(200));
    put(b, &d, 1);
    put_text(b, sh);
    if (k == 3) putf(b, "%cextra", d);
    put_eol(b, sh);
  }
}

/* Referrals: two customer columns share one dictionary, so the order in
 * which their cells are interned shows in the ids. */
static void make_referrals(sbuf *b, const shape *sh, size_t rows) {
  b->n = 0;
  char d = sh->delim;
  putf(b, "aanbrenger%cklantnummer%cdatum", d, d);
  puts_(b, sh->eol);
  for (size_t r = 0; r < rows; r++) {
    putf(b, "K%04u%cK%04u%c", rnd(500), d, rnd(500), d);
    put_date(b, false);
    put_eol(b, sh);
  }
}

/* --------------------------------------------------- 1. the tokenizer */

typedef struct rowcopy {
  int rc;
  size_t n, nfields, too_long;
  uint64_t line;
  ptrdiff_t start, end;
  bool high;
  char cells[4096];
  char err[512];
} rowcopy;

static void copy_row(rowcopy *c, int rc, const kw_csv_row *row,
                     const char *buf, kw_context *ctx) {
  memset(c, 0, sizeof *c);
  c->rc = rc;
  if (rc < 0) {
    snprintf(c->err, sizeof c->err, "%s", kw_errmsg(ctx));
    return;
  }
  if (rc == 0) return;
  c->n = row->n;
  c->nfields = row->nfields;
  c->too_long = row->too_long;
  c->line = row->line;
  c->start = row->start - buf;
  c->end = row->end - buf;
  c->high = row->high;
  size_t o = 0;
  for (size_t i = 0; i < row->n && o + 64 < sizeof c->cells; i++) {
    size_t n = row->cells[i].n;
    if (n > 40) n = 40;
    o += (size_t)snprintf(c->cells + o, sizeof c->cells - o, "[%zu@%td:",
                          row->cells[i].n, row->cells[i].raw - buf);
    memcpy(c->cells + o, row->cells[i].p, n);
    o += n;
    c->cells[o++] = ']';
  }
}

static void scan_both(const char *buf, size_t len, char delim,
                      size_t max_field) {
  kw_context *c1 = kw_context_new(), *c2 = kw_context_new();
  kw_csv_reader a, b;
  kw_csv_init(&a, c1, "f.csv", buf, len, delim, max_field);
  kw_csv_init(&b, c2, "f.csv", buf, len, delim, max_field);
  b.scalar = true;
  static rowcopy x, y;
  for (;;) {
    kw_csv_row ra, rb;
    int ka = kw_csv_next(&a, &ra), kb = kw_csv_next(&b, &rb);
    copy_row(&x, ka, &ra, buf, c1);
    copy_row(&y, kb, &rb, buf, c2);
    assert_int_equal(x.rc, y.rc);
    assert_int_equal(x.n, y.n);
    assert_int_equal(x.nfields, y.nfields);
    assert_int_equal(x.too_long, y.too_long);
    assert_int_equal(x.line, y.line);
    assert_int_equal(x.start, y.start);
    assert_int_equal(x.end, y.end);
    assert_int_equal(x.high, y.high);
    assert_string_equal(x.cells, y.cells);
    assert_string_equal(x.err, y.err);
    if (ka <= 0) break;
  }
  assert_int_equal(a.line, b.line);
  assert_int_equal(a.eol, b.eol);
  kw_csv_free(&a);
  kw_csv_free(&b);
  kw_context_free(c1);
  kw_context_free(c2);
}

static void test_scanner_paths(void **state) {
  (void)state;
  rs = 0x2545F4914F6CDD1Dull;
  sbuf b = {0};
  static const char delims[] = {';', ',', '\t', '|', ' '};
  for (int it = 0; it < 400; it++) {
    shape sh = {delims[rnd(5)], rnd(2) ? "\r\n" : "\n", rnd(4) == 0, 0,
                rnd(2) == 0, 0};
    if (sh.delim == ' ' || sh.delim == '\t') sh.delim = rnd(2) ? ' ' : '\t';
    make_file(&b, &sh, 1 + rnd(60));
    size_t len = b.n;
    /* now and then damage: a NUL, a quote left open, a cut */
    unsigned k = rnd(10);
    if (k == 0 && len) b.p[rnd((uint32_t)len)] = 0;
    if (k == 1 && len) b.p[rnd((uint32_t)len)] = '"';
    if (k == 2 && len) len = rnd((uint32_t)len);
    size_t max_field = rnd(4) == 0 ? 1 + rnd(12) : 0;
    scan_both(b.p, len, sh.delim, max_field);
  }
  /* random bytes from a small alphabet */
  static const char alpha[] = "ab;,\t|\" \r\n\"\"\xc3\xa9";
  for (int it = 0; it < 2000; it++) {
    size_t len = rnd(200);
    b.n = 0;
    for (size_t i = 0; i < len; i++) put(&b, &alpha[rnd(sizeof alpha - 1)], 1);
    scan_both(b.p, b.n, delims[rnd(5)], rnd(3) == 0 ? 1 + rnd(8) : 0);
  }
  free(b.p);
}

/* --------------------------------------------- 2. two halves, one reader */

typedef struct logbuf {
  char text[16384];
} logbuf;

static void on_log(void *user, kw_log_level lvl, const char *msg) {
  logbuf *lb = user;
  size_t o = strlen(lb->text);
  snprintf(lb->text + o, sizeof lb->text - o, "%d %s\n", (int)lvl, msg);
}

typedef struct loaded {
  kw_context *ctx;
  kw_dataset *ds;
  kw_status st;
  logbuf log;
} loaded;

static kw_table_kind kind = KW_TABLE_TRANSACTIONS;

static void load(loaded *l, const sbuf *b, int threads,
                 const kw_load_options *o) {
  memset(&l->log, 0, sizeof l->log);
  l->ctx = kw_context_new();
  kw_context_set_threads(l->ctx, threads);
  kw_context_set_log(l->ctx, on_log, &l->log);
  l->ds = kw_dataset_new(l->ctx);
  l->st = kw_ingest_buffer(l->ctx, l->ds, kind, "t.csv", b->p, b->n, o);
}

static void same_dict(const kw_dict *a, const kw_dict *b) {
  assert_int_equal(kw_dict_size(a), kw_dict_size(b));
  for (uint32_t i = 0; i < kw_dict_size(a); i++) {
    assert_int_equal(kw_dict_len(a, i), kw_dict_len(b, i));
    assert_memory_equal(kw_dict_str(a, i), kw_dict_str(b, i),
                        kw_dict_len(a, i));
  }
}

static void same_load(const loaded *x, const loaded *y) {
  assert_int_equal(x->st, y->st);
  assert_string_equal(x->log.text, y->log.text);
  if (x->st) {
    assert_string_equal(kw_errmsg(x->ctx), kw_errmsg(y->ctx));
    return;
  }
  const kw_table *a = kw_dataset_table(x->ds, kind);
  const kw_table *b = kw_dataset_table(y->ds, kind);
  size_t rows = kw_table_rows(a);
  assert_int_equal(rows, kw_table_rows(b));
  assert_int_equal(kw_table_ncols(a), kw_table_ncols(b));
  for (size_t i = 0; i < kw_table_ncols(a); i++) {
    const kw_column *c = kw_table_col(a, i), *d = kw_table_col(b, i);
    assert_string_equal(c->name, d->name);
    assert_int_equal(c->type, d->type);
    assert_int_equal(c->decimal_mark, d->decimal_mark);
    assert_string_equal(c->currency, d->currency);
    assert_int_equal(c->date_order, d->date_order);
    assert_int_equal(c->missing, d->missing);
    static const size_t sz[] = {4, 4, 8, 8, 1};
    assert_memory_equal(c->v.text, d->v.text, rows * sz[c->type]);
    if (c->type == KW_TYPE_TEXT) same_dict(c->dict, d->dict);
  }
  same_dict(kw_dataset_customers(x->ds), kw_dataset_customers(y->ds));
  same_dict(kw_dataset_products(x->ds), kw_dataset_products(y->ds));
  const kw_read_report *p = kw_table_report(a), *q = kw_table_report(b);
  assert_int_equal(p->rows_read, q->rows_read);
  assert_int_equal(p->rows_used, q->rows_used);
  assert_int_equal(p->rows_skipped, q->rows_skipped);
  for (int k = 0; k < KW_SKIP__COUNT; k++)
    assert_int_equal(p->skipped[k], q->skipped[k]);
  assert_int_equal(p->recoded_cells, q->recoded_cells);
  assert_int_equal(p->guest_rows, q->guest_rows);
  assert_int_equal(p->guest_cents, q->guest_cents);
  assert_string_equal(p->line_ending, q->line_ending);
  assert_string_equal(p->encoding, q->encoding);
  assert_int_equal(p->n_examples, q->n_examples);
  for (size_t k = 0; k < p->n_examples; k++)
    assert_string_equal(p->examples[k], q->examples[k]);
}

static void unload(loaded *l) {
  kw_dataset_free(l->ds);
  kw_context_free(l->ctx);
}

static void test_two_halves(void **state) {
  (void)state;
  rs = 0x9E3779B97F4A7C15ull;
  size_t saved = kw_ingest_split_min;
  kw_ingest_split_min = 1;
  uint64_t joined0 = kw_ingest_splits[0], dropped0 = kw_ingest_splits[1];
  sbuf b = {0};
  static loaded x, y;
  for (int it = 0; it < 300; it++) {
    shape sh = {rnd(3) ? ';' : ',', rnd(2) ? "\r\n" : "\n", rnd(4) == 0,
                (int)rnd(3) == 0 ? (int)rnd(400) : 0, rnd(2) == 0,
                rnd(3) == 0 ? 1 + (int)rnd(3) : 0};
    make_file(&b, &sh, 2 + rnd(600));
    kw_load_options o;
    kw_load_options_init(&o);
    if (rnd(10) == 0) o.strict = true;
    load(&x, &b, 1, &o);
    load(&y, &b, 2, &o);
    same_load(&x, &y);
    unload(&x);
    unload(&y);
  }
  uint64_t joined = kw_ingest_splits[0] - joined0;
  uint64_t dropped = kw_ingest_splits[1] - dropped0;
  /* both ways were taken, the joined one most often */
  assert_true(joined > 100);
  assert_true(dropped > 5);
  kw_ingest_split_min = saved;
  free(b.p);
}

/* ------------------------------------- 3. a stream against the whole */

typedef struct feed {
  const char *p;
  size_t left;
} feed;

static kw_status feed_more(void *user, char *buf, size_t cap, size_t *got) {
  feed *f = user;
  size_t n = 1 + rnd(40); /* a pipe gives what it has */
  if (n > cap) n = cap;
  if (n > f->left) n = f->left;
  memcpy(buf, f->p, n);
  f->p += n;
  f->left -= n;
  *got = n;
  return KW_OK;
}

static void load_stream(loaded *l, const sbuf *b, int threads,
                        const kw_load_options *o) {
  memset(&l->log, 0, sizeof l->log);
  l->ctx = kw_context_new();
  kw_context_set_threads(l->ctx, threads);
  kw_context_set_log(l->ctx, on_log, &l->log);
  l->ds = kw_dataset_new(l->ctx);
  size_t first = rnd(50);
  if (first > b->n) first = b->n;
  feed f = {b->p + first, b->n - first};
  kw_ingest_args a;
  memset(&a, 0, sizeof a);
  a.kind = kind;
  a.name = "t.csv";
  a.data = b->p;
  a.len = first;
  a.o = o;
  a.primary = true;
  a.read_more = feed_more;
  a.read_user = &f;
  l->st = kw_ingest(l->ctx, l->ds, &a);
}

static void test_stream(void **state) {
  (void)state;
  rs = 0xD1B54A32D192ED03ull;
  size_t saved = kw_ingest_stream_bytes;
  sbuf b = {0};
  static loaded x, y;
  for (int it = 0; it < 300; it++) {
    kw_ingest_stream_bytes = 1 + rnd(64); /* rows cut everywhere */
    shape sh = {rnd(3) ? ';' : ',', rnd(2) ? "\r\n" : "\n", rnd(4) == 0,
                (int)rnd(3) == 0 ? (int)rnd(400) : 0, rnd(2) == 0,
                rnd(3) == 0 ? 1 + (int)rnd(3) : 0};
    kind = rnd(4) == 0 ? KW_TABLE_REFERRALS : KW_TABLE_TRANSACTIONS;
    if (kind == KW_TABLE_REFERRALS)
      make_referrals(&b, &sh, rnd(3000));
    else
      make_file(&b, &sh, rnd(300));
    unsigned k = rnd(12);
    if (k == 0 && b.n) b.p[rnd((uint32_t)b.n)] = 0;   /* a NUL */
    if (k == 1 && b.n) b.p[rnd((uint32_t)b.n)] = '"'; /* a quote */
    if (k == 2 && b.n) b.n = rnd((uint32_t)b.n);      /* cut */
    kw_load_options o;
    kw_load_options_init(&o);
    if (rnd(10) == 0) o.strict = true;
    /* detection reads the first 4 MiB, which a stream's first buffer
     * holds (8 MiB and more) but these small ones do not: settle it */
    o.delimiter = sh.delim;
    o.header = 1;
    o.encoding = 1 + (int)rnd(2);
    load(&x, &b, 1, &o);
    load_stream(&y, &b, 1 + (int)rnd(2), &o);
    same_load(&x, &y);
    unload(&x);
    unload(&y);
  }
  kw_ingest_stream_bytes = saved;
  kind = KW_TABLE_TRANSACTIONS;
  free(b.p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scanner_paths),
      cmocka_unit_test(test_two_halves),
      cmocka_unit_test(test_stream),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
