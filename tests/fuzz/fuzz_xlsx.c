/*
 * Fuzz target: arbitrary bytes as an .xlsx workbook through the zip and
 * XML readers into a table, for the sales-lines and customers kinds, with
 * and without --sheet. Invariants: a load fails with a message or gives a
 * table whose counts add up and whose text ids are in their dictionaries.
 * The seed corpus (tests/fuzz/corpus/xlsx) holds the package fixtures;
 * libFuzzer mutates their compressed bytes, so most inputs stop at the zip
 * layer, and the stored (uncompressed) seed lets mutations reach the XML.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/table.h"
#include "io/xlsx.h"

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

static void run(const uint8_t *data, size_t size, kw_table_kind kind,
                const char *sheet) {
  kw_context *ctx = kw_context_new();
  if (!ctx) return;
  kw_dataset *ds = kw_dataset_new(ctx);
  if (ds) {
    kw_load_options o;
    kw_load_options_init(&o);
    o.sheet = sheet;
    kw_ingest_args a;
    memset(&a, 0, sizeof a);
    a.kind = kind;
    a.name = "fuzz.xlsx";
    a.data = (const char *)data;
    a.len = size;
    a.o = &o;
    a.primary = true;
    kw_status st = kw_xlsx_ingest(ctx, ds, &a);
    if (st == KW_OK)
      check_table(kw_dataset_table(ds, kind));
    else
      CHECK(kw_errmsg(ctx)[0] != '\0');
    kw_dataset_free(ds);
  }
  kw_context_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  run(data, size, KW_TABLE_TRANSACTIONS, NULL);
  run(data, size, KW_TABLE_CUSTOMERS, "1");
  return 0;
}
