/*
 * xlsx_rows.h — the data rows of customers.xlsx's per-customer sheets,
 * written as worksheet XML (xlsx_rows.c) into the workbook libxlsxwriter
 * wrote with a header row and a placeholder for the last row. Internal.
 */
#ifndef KW_REPORT_XLSX_ROWS_H
#define KW_REPORT_XLSX_ROWS_H

#include "report/export.h"
#include "report/text.h"

#define KW_XLSX_MAX_COLS 64

typedef struct kw_xlsx_rows {
  size_t sheet;                   /* n of xl/worksheets/sheetN.xml */
  kw_lang lang;                   /* of the words in the cells */
  size_t nc;                      /* columns */
  int ids[KW_XLSX_MAX_COLS];      /* export column ids */
  int xf[KW_XLSX_MAX_COLS];       /* style index of numbers, 0 = none */
  int decimals[KW_XLSX_MAX_COLS]; /* the column's decimals */
  char col[KW_XLSX_MAX_COLS][4];  /* column letters (kw_xlsx_rows_columns) */
  int date_xf;                    /* style index of dates */
  const uint32_t *rows;           /* customers, in order (NULL: 0..) */
  size_t nrows;
} kw_xlsx_rows;

/* Fills col[] from nc. */
void kw_xlsx_rows_columns(kw_xlsx_rows *s);
/* The XML of data row r (sheet row r + 2) into t; nothing when the row
 * has no cell. */
void kw_xlsx_row(kw_text *t, const kw_analysis *a, const kw_xlsx_rows *s,
                 size_t r, kw_ccell *cell);
/* The text libxlsxwriter writes ("%.16g") for x rounded to d decimals
 * (0..6), by integer arithmetic where that gives the same text. out: 48
 * bytes; returns the length. */
size_t kw_xlsx_number(char *out, double x, int d);
/* Replaces the rows of the n sheets in the workbook file (rewritten by
 * libzip; the other entries are copied as they are); messages name path. */
kw_status kw_xlsx_rows_put(kw_context *ctx, const kw_analysis *a,
                           const char *file, const char *path,
                           const kw_xlsx_rows *sheets, size_t n);

#endif
