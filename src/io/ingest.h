/*
 * ingest.h — reading one delimited-text table into typed columns
 * (internal). kw_dataset_load (load.c) finds and maps the files and calls
 * kw_ingest for each; tests and the fuzz target call kw_ingest_buffer on a
 * memory buffer.
 */
#ifndef KW_INGEST_H
#define KW_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "klantwijs/data.h"

struct kw_csv_row;

/*
 * A source of rows other than delimited text: a workbook sheet (sheet.c).
 * next() gives the header row first, then the data rows, each with exactly
 * as many cells as the header; cell i's raw pointer is row->start + i (the
 * cell's place for messages), line is the sheet row. ref() writes a cell's
 * place ("Sheet!B17"; col 0: the row, "Sheet!17") for messages.
 */
typedef struct kw_row_source {
  void *self;
  int (*next)(void *self, struct kw_csv_row *row); /* 1, 0 end, -1 error */
  void (*ref)(void *self, uint64_t line, uint64_t col, char *out,
              size_t cap);
  const char *format;       /* "xlsx", "xls" */
  const char *sheet;        /* the sheet read */
  const char *sheet_reason; /* why that one */
  uint64_t header_row;
  uint64_t *total_row;      /* set by the source when a total row ends it */
  uint64_t bytes;           /* size of the input, for the report */
  size_t est_rows;          /* row count estimate (0: unknown) */
} kw_row_source;

typedef struct kw_ingest_args {
  kw_table_kind kind;
  const char *name;           /* file name for messages and the report */
  const char *data;           /* the whole file, borrowed for the call */
  size_t len;
  const kw_load_options *o;   /* NULL: defaults */
  bool primary;               /* "--map ROLE=N" (unqualified, by column
                                 number) applies to this table */
  bool *map_used;             /* o->n_maps flags set for maps that named a
                                 column of this table; may be NULL */
  /* Called now and then with a position before which the data will not be
   * read again (to drop pages of a mapped file); may be NULL. */
  void (*release)(void *user, const char *upto);
  /* The same for [from, upto) only, from another thread (the second half
   * of a file read in two; see ingest.c); may be NULL. */
  void (*release_range)(void *user, const char *from, const char *upto);
  void *release_user;
  const kw_row_source *rows; /* not NULL: read these rows, not data */
  /* Not NULL: data[0..len) are the first bytes of a stream (a pipe) whose
   * rest read_more gives, up to cap bytes a call (*got 0 at its end); it
   * is read a buffer at a time, never whole. rows, release unused. */
  kw_status (*read_more)(void *user, char *buf, size_t cap, size_t *got);
  void *read_user;
} kw_ingest_args;

/*
 * Read a table and hand it to ds (replacing a table of the same kind).
 * Customer ids go to the dataset's customer dictionary, product ids to its
 * product dictionary. On failure ds is unchanged except that its shared
 * dictionaries may hold ids no table uses.
 */
kw_status kw_ingest(kw_context *ctx, kw_dataset *ds, const kw_ingest_args *a);

/* With kw_context_threads >= 2, inputs of at least this many bytes are
 * read in two halves at once (64 MiB; SIZE_MAX: never; tests lower it),
 * and how many second halves were joined [0] or dropped [1] (tests read
 * it). */
extern size_t kw_ingest_split_min;
extern uint64_t kw_ingest_splits[2];
/* Half the buffer a streamed input is read through (8 MiB; tests lower
 * it). */
extern size_t kw_ingest_stream_bytes;

/* kw_ingest on a memory buffer with the given options (NULL: defaults). */
kw_status kw_ingest_buffer(kw_context *ctx, kw_dataset *ds,
                           kw_table_kind kind, const char *name,
                           const void *data, size_t len,
                           const kw_load_options *o);

/*
 * Parse one "--map" entry: "ROLE=COLUMN" or "TABLE.ROLE=COLUMN". *kind is
 * KW_TABLE__COUNT when no table is named; *column points into map. Fails
 * with KW_EARG and a message naming the valid roles or tables.
 */
kw_status kw_map_parse(kw_context *ctx, const char *map, kw_table_kind *kind,
                       kw_role *role, const char **column);

/* The fast path for common amount cells under a decided decimal mark
 * (ingest.c); false sends the cell to kw_parse_amount. Exposed for tests.
 * *shown tells whether the cell had a decimal mark. */
bool kw_quick_amount(const char *s, size_t n, char mark, int64_t *cents,
                     bool *shown);

#endif
