/*
 * sheet.h — a workbook sheet as rows for the ingest (internal).
 *
 * The format readers (xlsx.c over libzip and expat, xls.c over libfreexl)
 * give the non-empty cells of one row at a time as text: shared and inline
 * strings as they are, numbers in plain decimal notation with '.', dates
 * (by cell type or number format) as ISO "YYYY-MM-DD". This layer, the
 * same for both formats, finds the header row below any title rows,
 * narrows the rows to the header's columns, stops at a total row and hands
 * the rows to kw_ingest through a kw_row_source, so that typing, roles,
 * skips and the data-quality report are the ones of delimited text.
 *
 * Header row. The first KW_SHEET_LOOKAHEAD non-empty rows are kept; the
 * header is the one whose text cells name the most column roles of the
 * table kind (kw_role_guess), the first on a tie; when none names a role,
 * the first row of all-text cells with the most cells. Rows above it
 * (company name, period, blank lines) are passed over.
 *
 * Total rows. A row whose first non-empty cell says "Totaal", "Total",
 * "Totaal generaal", "Grand total", "Eindtotaal", "Total général" or
 * "Totaux" ends the table: it and anything below are not read, and the
 * report names its row.
 */
#ifndef KW_SHEET_H
#define KW_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "io/csv.h"
#include "io/ingest.h"

#define KW_SHEET_LOOKAHEAD 30
#define KW_SHEET_MAX_COLS 16384 /* XFD, the last column of a sheet */

typedef struct kw_grid_cell {
  uint32_t col;  /* 0-based column (A = 0) */
  const char *p; /* UTF-8 text, valid until the next row */
  size_t n;
  bool text;     /* a string cell (not a number, date or flag) */
  bool fixed;    /* a reader's own use: p already points at the text */
} kw_grid_cell;

/* A format reader: row() gives the next row with at least one cell, its
 * cells in column order; 1, 0 at the end, -1 on an error (on the context). */
typedef struct kw_grid {
  void *self;
  int (*row)(void *self, uint64_t *r, const kw_grid_cell **cells, size_t *n);
} kw_grid;

typedef struct kw_sheet {
  kw_context *ctx;
  kw_grid grid;
  char *name;         /* sheet name (owned) */
  kw_table_kind kind;
  /* look-ahead rows */
  kw_buf lrows;       /* struct lrow */
  kw_buf lcells;      /* kw_grid_cell, p holding an offset into ltext */
  kw_buf ltext;
  size_t lnext;       /* next look-ahead row to hand out */
  bool grid_done;
  /* the header and the window of columns */
  size_t hrow;        /* index of the header among the look-ahead rows */
  unsigned score;     /* roles the header names */
  uint32_t c0;
  size_t nf;
  bool header_given;
  /* the row handed out */
  kw_csv_cell *cells;
  char *tags;
  uint64_t total_row;
  bool stopped;
  kw_row_source src;
} kw_sheet;

/*
 * Read the look-ahead rows of grid and find the header. name is copied.
 * On success *s holds the source (s->src) ready for kw_ingest and s->score
 * the number of roles its header names. Fails with KW_EEMPTY when the
 * sheet has no rows. kw_sheet_free in any case.
 */
kw_status kw_sheet_begin(kw_sheet *s, kw_context *ctx, kw_grid grid,
                         const char *name, kw_table_kind kind);
void kw_sheet_free(kw_sheet *s);

/*
 * A workbook as the format readers open it: its sheets in order, and one
 * sheet open at a time as a grid. est_rows (may be NULL) estimates the
 * rows of the open sheet from the rows already read.
 */
typedef struct kw_book {
  void *self;
  const char *format; /* "xlsx", "xls" */
  size_t nsheets;
  const char *(*name)(void *self, size_t i);
  bool (*hidden)(void *self, size_t i);
  kw_status (*open)(void *self, size_t i, kw_grid *out);
  void (*close)(void *self);
  size_t (*est_rows)(void *self, size_t rows_read);
} kw_book;

/*
 * Read a table from the sheet named by a->o->sheet (a name, any case, or a
 * 1-based number), or else the visible sheet whose header names the most
 * column roles of a->kind (the first on a tie, the first sheet when none
 * names any), through kw_ingest. The report says which sheet and why.
 */
kw_status kw_book_ingest(kw_context *ctx, kw_dataset *ds,
                         const kw_ingest_args *a, kw_book *b);

/*
 * The header of the workbook's sheet that looks most like a table (the
 * most cells that are a known column name of any kind of table), for
 * telling what a file holds: each header cell's text goes to cb. A sheet
 * without such a header gives nothing (KW_OK).
 */
kw_status kw_book_header(kw_context *ctx, kw_book *b,
                         void (*cb)(void *user, const char *s, size_t n),
                         void *user);

/* Writes "Sheet!B17" ('Sheet name'!B17 when it needs quotes). */
void kw_sheet_ref(const char *sheet, uint64_t row, uint64_t col, char *out,
                  size_t cap);

/* Whether a cell's text marks a total row. */
bool kw_sheet_is_total(const char *s, size_t n);

/* Days since 1970-01-01 of a spreadsheet serial date (1900 system with its
 * fictitious 29 February 1900, or the 1904 system); false when the serial
 * is not a day (below 1, the non-existent 1900-02-29, beyond 9999). */
bool kw_sheet_serial_date(double serial, bool date1904, int32_t *days);

/* Plain decimal text of a number written by a spreadsheet ("1.5E-3" ->
 * "0.0015"); a value with exactly three decimals gets a fourth zero
 * ("1.234" -> "1.2340") so that the decimal point cannot be read as a
 * thousands separator. out needs n + 40 bytes; returns the length. */
size_t kw_sheet_number_text(const char *s, size_t n, char *out);

#endif
