/*
 * Fuzz target: arbitrary bytes through the buffer reader as any table
 * kind with default options (so detection, roles, typing and every bad-
 * input path run), or with a map that gives the first columns roles so
 * the typed paths run on files without a recognised header; the first
 * byte chooses (see LLVMFuzzerTestOneInput). Invariants:
 * a load either fails with a message or gives a table whose counts add up
 * (rows_read = rows_used + rows_skipped) and whose text ids are in their
 * dictionaries; the fast path for amounts agrees with the general parser;
 * a file read in two halves by two threads, and read as a stream a few
 * bytes at a time, gives what one reader of the whole gives.
 * Leaks are caught by the sanitizer build.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/table.h"
#include "io/ingest.h"
#include "io/parse.h"

#define CHECK(c)       \
  do {                 \
    if (!(c)) abort(); \
  } while (0)

static void check_table(const kw_table *t) {
  const kw_read_report *r = kw_table_report(t);
  uint64_t sum = 0;
  for (int k = 0; k < KW_SKIP__COUNT; k++) sum += r->skipped[k];
  CHECK(sum == r->rows_skipped);
  CHECK(r->rows_read == r->rows_used + r->rows_skipped);
  CHECK(kw_table_rows(t) == r->rows_used);
  size_t rows = kw_table_rows(t);
  for (size_t j = 0; j < kw_table_ncols(t); j++) {
    const kw_column *c = kw_table_col(t, j);
    if (c->type != KW_TYPE_TEXT) continue;
    size_t n = kw_dict_size(c->dict);
    for (size_t i = 0; i < rows; i++)
      CHECK(c->v.text[i] == KW_NA_ID || c->v.text[i] < n);
  }
}

/* One context for the whole run; each input is read as one table kind
 * with one option set, chosen by its first byte (see below), so an input
 * costs one read, not fourteen: the fuzzer reaches every kind and option
 * set through that byte. */
static kw_context *ctx;

static void run_kind(const uint8_t *data, size_t size, kw_table_kind k,
                     const kw_load_options *o) {
  kw_dataset *ds = kw_dataset_new(ctx);
  if (!ds) return;
  kw_status st = kw_ingest_buffer(ctx, ds, k, "fuzz.csv", data, size, o);
  if (st == KW_OK)
    check_table(kw_dataset_table(ds, k));
  else
    CHECK(kw_errmsg(ctx)[0] != '\0');
  kw_dataset_free(ds);
}

/* Two loads gave the same: status and message, or the same columns,
 * dictionaries and read report. */
static void check_same(kw_status s1, kw_context *c1, kw_dataset *d1,
                       kw_status s2, kw_context *c2, kw_dataset *d2,
                       kw_table_kind k) {
  CHECK(s1 == s2);
  if (s1) {
    CHECK(strcmp(kw_errmsg(c1), kw_errmsg(c2)) == 0);
    return;
  }
  const kw_table *a = kw_dataset_table(d1, k), *b = kw_dataset_table(d2, k);
  size_t rows = kw_table_rows(a);
  CHECK(rows == kw_table_rows(b) && kw_table_ncols(a) == kw_table_ncols(b));
  static const size_t sz[] = {4, 4, 8, 8, 1};
  for (size_t j = 0; j < kw_table_ncols(a); j++) {
    const kw_column *x = kw_table_col(a, j), *y = kw_table_col(b, j);
    CHECK(x->type == y->type && x->decimal_mark == y->decimal_mark &&
          x->date_order == y->date_order && x->missing == y->missing);
    CHECK(rows == 0 || memcmp(x->v.text, y->v.text, rows * sz[x->type]) == 0);
    if (x->type != KW_TYPE_TEXT) continue;
    CHECK(kw_dict_size(x->dict) == kw_dict_size(y->dict));
    for (uint32_t i = 0; i < kw_dict_size(x->dict); i++)
      CHECK(strcmp(kw_dict_str(x->dict, i), kw_dict_str(y->dict, i)) == 0);
  }
  const kw_read_report *p = kw_table_report(a), *q = kw_table_report(b);
  CHECK(p->rows_read == q->rows_read && p->rows_used == q->rows_used &&
        p->recoded_cells == q->recoded_cells &&
        p->guest_cents == q->guest_cents && p->n_examples == q->n_examples);
  for (int r = 0; r < KW_SKIP__COUNT; r++) CHECK(p->skipped[r] == q->skipped[r]);
  for (size_t e = 0; e < p->n_examples; e++)
    CHECK(strcmp(p->examples[e], q->examples[e]) == 0);
}

typedef struct feed {
  const uint8_t *p;
  size_t left;
} feed;

static kw_status feed_more(void *user, char *buf, size_t cap, size_t *got) {
  feed *f = user;
  size_t n = cap < 7 ? cap : 7;
  if (n > f->left) n = f->left;
  memcpy(buf, f->p, n);
  f->p += n;
  f->left -= n;
  *got = n;
  return KW_OK;
}

/* The fast ways of reading must give what one reader of the whole buffer
 * gives: two threads each reading half (split at every size), and a
 * stream read a few bytes at a time (detection settled by the options,
 * since it reads only the first buffer of a stream). */
static void check_ways(const uint8_t *data, size_t size, kw_table_kind k) {
  kw_load_options o;
  kw_load_options_init(&o);
  o.delimiter = ';';
  o.header = 1;
  o.encoding = 1;
  kw_context *c1 = kw_context_new(), *c2 = kw_context_new();
  kw_dataset *d1 = c1 ? kw_dataset_new(c1) : NULL;
  kw_dataset *d2 = c2 ? kw_dataset_new(c2) : NULL;
  if (!d1 || !d2) goto out;
  kw_status s1 = kw_ingest_buffer(c1, d1, k, "fuzz.csv", data, size, &o);
  kw_context_set_threads(c2, 2);
  size_t saved = kw_ingest_split_min;
  kw_ingest_split_min = 1;
  kw_status s2 = kw_ingest_buffer(c2, d2, k, "fuzz.csv", data, size, &o);
  kw_ingest_split_min = saved;
  check_same(s1, c1, d1, s2, c2, d2, k);
  kw_dataset_free(d2);
  kw_clear_error(c2);
  d2 = kw_dataset_new(c2);
  if (!d2) goto out;
  saved = kw_ingest_stream_bytes;
  kw_ingest_stream_bytes = 8;
  feed f = {data, size};
  kw_ingest_args a;
  memset(&a, 0, sizeof a);
  a.kind = k;
  a.name = "fuzz.csv";
  a.o = &o;
  a.primary = true;
  a.read_more = feed_more;
  a.read_user = &f;
  s2 = kw_ingest(c2, d2, &a);
  kw_ingest_stream_bytes = saved;
  check_same(s1, c1, d1, s2, c2, d2, k);
out:
  kw_dataset_free(d1);
  kw_dataset_free(d2);
  kw_context_free(c1);
  kw_context_free(c2);
}

/* The amount fast path must agree with the general parser (ingest.c). */
static void check_quick(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t n = size < 40 ? size : 40;
  static const char marks[] = {0, '.', ','};
  for (int m = 0; m < 3; m++) {
    int64_t q, v, alt;
    bool shown;
    kw_mark_evidence ev;
    if (!kw_quick_amount(s, n, marks[m], &q, &shown)) continue;
    CHECK(kw_parse_amount(s, n, marks[m], &v, &alt, &ev));
    CHECK(v == q && shown == (ev != KW_MARK_NONE));
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!ctx && !(ctx = kw_context_new())) return 0;
  if (size == 0) return 0;
  /* first byte b, k = b % 16: k 0-6 reads the rest as table kind k with
   * the default options, k 8-14 as kind k - 8 with a map giving the first
   * columns roles (typed paths on files without a known header) and a
   * small field limit; 7 and 15 read it every way. Seeds start with an
   * ASCII digit: '0' sales lines, '1' customers, ... '6' referrals, '8'
   * sales lines with the map. */
  unsigned k = data[0] % 16u;
  data++, size--;
  check_quick(data, size);
  static const char *const maps[] = {"customer=1", "date=2", "amount=3"};
  kw_load_options o;
  kw_load_options_init(&o);
  o.maps = maps;
  o.n_maps = sizeof maps / sizeof *maps;
  o.max_field = 64;
  if (k % 8 == 7) {
    for (int t = 0; t < KW_TABLE__COUNT; t++) {
      run_kind(data, size, (kw_table_kind)t, NULL);
      run_kind(data, size, (kw_table_kind)t, &o);
    }
  } else {
    run_kind(data, size, (kw_table_kind)(k % 8), k < 8 ? NULL : &o);
  }
  if (k % 8 < KW_TABLE__COUNT) check_ways(data, size, (kw_table_kind)(k % 8));
  return 0;
}
