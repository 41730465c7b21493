/*
 * Fuzz target: arbitrary bytes through the buffer reader as any table
 * kind with default options (so detection, roles, typing and every bad-
 * input path run), or with a map that gives the first columns roles so
 * the typed paths run on files without a recognised header; the first
 * byte chooses (see LLVMFuzzerTestOneInput). Invariants:
 * a load either fails with a message or gives a table whose counts add up
 * (rows_read = rows_used + rows_skipped) and whose text ids are in their
 * dictionaries; the fast path for amounts agrees with the general parser.
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
  return 0;
}
