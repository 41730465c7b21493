/*
 * xls.c — an .xls workbook (BIFF5/BIFF8, Excel 97-2003) through libfreexl.
 *
 * FreeXL opens the file by path and decodes the whole workbook (at most
 * 65,536 rows a sheet); it gives each cell a type: integers and doubles,
 * text in UTF-8 (whatever the file's code page), and dates, date-times and
 * times already as "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" and "HH:MM:SS"
 * strings, worked out from the cell's number format and the workbook's
 * 1900 or 1904 date system. Rows go through sheet.c like those of an
 * .xlsx, so the two formats behave the same.
 *
 * Doubles are written with 15 significant digits (what Excel shows, so
 * 0.1 + 0.2 reads 0.3), by snprintf("%.15g"); the decimal separator that
 * snprintf takes from the locale is put back to '.', then
 * kw_sheet_number_text writes out any exponent.
 */
#include <freexl.h>
#include <stdio.h>
#include <string.h>

#include "io/msg.h"
#include "io/sheet.h"
#include "io/xlsx.h"

typedef struct xls {
  kw_context *ctx;
  const char *file;
  const void *h;
  size_t nsheets;
  char **names;
  /* the open sheet */
  bool open;
  unsigned rows, next;
  unsigned short cols;
  kw_buf cells; /* kw_grid_cell, p an offset into text until complete */
  kw_buf text;
} xls;

bool kw_xls_magic(const void *data, size_t len) {
  static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                       0xA1, 0xB1, 0x1A, 0xE1};
  return len >= 8 && memcmp(data, ole, 8) == 0;
}

static kw_status put(xls *x, const char *s, size_t n, uint32_t col,
                     bool text) {
  size_t off = x->text.len;
  kw_status st = kw_buf_reserve(x->ctx, &x->text, off + n + 1);
  if (st) return st;
  memcpy((char *)x->text.data + off, s, n);
  x->text.len = off + n;
  kw_grid_cell c = {col, (const char *)(uintptr_t)off, n, text, false};
  return kw_buf_push(x->ctx, &x->cells, &c);
}

static size_t double_text(double d, char *out) {
  char tmp[64];
  int k = snprintf(tmp, sizeof tmp, "%.15g", d);
  if (k < 0 || (size_t)k >= sizeof tmp) return 0;
  for (int i = 0; i < k; i++)
    if (!((tmp[i] >= '0' && tmp[i] <= '9') || tmp[i] == '-' ||
          tmp[i] == '+' || tmp[i] == 'e' || tmp[i] == 'E'))
      tmp[i] = '.';
  return kw_sheet_number_text(tmp, (size_t)k, out);
}

static int xls_row(void *self, uint64_t *r, const kw_grid_cell **cells,
                   size_t *n) {
  xls *x = self;
  while (x->next < x->rows) {
    unsigned row = x->next++;
    x->cells.len = 0;
    x->text.len = 0;
    for (unsigned short c = 0; c < x->cols && c < KW_SHEET_MAX_COLS; c++) {
      FreeXL_CellValue v;
      if (freexl_get_cell_value(x->h, row, c, &v) != FREEXL_OK) continue;
      char num[128];
      const char *s = NULL;
      size_t len = 0;
      bool text = false;
      switch (v.type) {
      case FREEXL_CELL_INT:
        len = (size_t)snprintf(num, sizeof num, "%d", v.value.int_value);
        s = num;
        break;
      case FREEXL_CELL_DOUBLE:
        len = double_text(v.value.double_value, num);
        s = num;
        break;
      case FREEXL_CELL_TEXT:
      case FREEXL_CELL_SST_TEXT:
        text = true;
        /* fall through */
      case FREEXL_CELL_DATE:
      case FREEXL_CELL_DATETIME:
      case FREEXL_CELL_TIME:
        s = v.value.text_value;
        len = s ? strlen(s) : 0;
        break;
      default:
        break;
      }
      if (!len) continue;
      if (put(x, s, len, c, text)) return -1;
    }
    if (x->cells.len == 0) continue;
    kw_grid_cell *c = x->cells.data;
    for (size_t i = 0; i < x->cells.len; i++)
      c[i].p = (const char *)x->text.data + (size_t)(uintptr_t)c[i].p;
    *r = (uint64_t)row + 1;
    *cells = c;
    *n = x->cells.len;
    return 1;
  }
  return 0;
}

static const char *xls_name(void *self, size_t i) {
  return ((xls *)self)->names[i];
}

static bool xls_hidden(void *self, size_t i) { return false; }

static void xls_close(void *self) { ((xls *)self)->open = false; }

static kw_status xls_open(void *self, size_t i, kw_grid *out) {
  xls *x = self;
  if (freexl_select_active_worksheet(x->h, (unsigned short)i) != FREEXL_OK ||
      freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK)
    return kw_io_fail(x->ctx, KW_EINPUT, 0, "", "xlsx.e.xls_sheet", "file",
                      x->file, "sheet", x->names[i], NULL);
  x->next = 0;
  x->open = true;
  out->self = x;
  out->row = xls_row;
  return KW_OK;
}

static size_t xls_est_rows(void *self, size_t rows_read) {
  return ((xls *)self)->rows;
}

static const char *freexl_reason(int rc) {
  switch (rc) {
  case FREEXL_INSUFFICIENT_MEMORY:
    return "out of memory";
  case FREEXL_INVALID_CFBF_HEADER:
  case FREEXL_CFBF_INVALID_SIGNATURE:
    return "not an Excel 97-2003 file";
  case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
    return "the file holds no workbook";
  case FREEXL_CRAFTED_FILE:
    return "the file is severely damaged";
  default:
    return "the file is damaged or in a form that cannot be read";
  }
}

/* Open path, run fn on the book, close. */
static kw_status with_book(kw_context *ctx, const char *file,
                           const char *path,
                           kw_status (*fn)(kw_book *b, void *arg), void *arg) {
  xls x;
  memset(&x, 0, sizeof x);
  x.ctx = ctx;
  x.file = file;
  kw_buf_init(&x.cells, sizeof(kw_grid_cell));
  kw_buf_init(&x.text, 1);
  kw_status st = KW_OK;
  int rc = freexl_open(path, &x.h);
  unsigned int info = 0;
  if (rc != FREEXL_OK) {
    st = rc == FREEXL_INSUFFICIENT_MEMORY
             ? kw_fail_nomem(ctx)
             : kw_io_fail(ctx, KW_EINPUT, 0, "", "xlsx.e.xls", "file", x.file,
                          "why", freexl_reason(rc), NULL);
    goto out;
  }
  if (freexl_get_info(x.h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
      info == FREEXL_BIFF_OBFUSCATED) {
    st = kw_io_fail(ctx, KW_EINPUT, 0, "", "xlsx.e.xls_password", "file",
                    x.file, NULL);
    goto out;
  }
  if (freexl_get_info(x.h, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK)
    info = 0;
  x.names = kw_calloc(ctx, info ? info : 1, sizeof *x.names);
  if (!x.names) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  for (unsigned i = 0; i < info; i++) {
    const char *nm = NULL;
    char dflt[32];
    if (freexl_get_worksheet_name(x.h, (unsigned short)i, &nm) != FREEXL_OK ||
        !nm) {
      snprintf(dflt, sizeof dflt, "Sheet%u", i + 1);
      nm = dflt;
    }
    x.names[i] = kw_strdup(ctx, nm);
    if (!x.names[i]) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
    x.nsheets = i + 1;
  }
  kw_book book = {&x,       "xls",     x.nsheets, xls_name,
                  xls_hidden, xls_open, xls_close, xls_est_rows};
  st = fn(&book, arg);
out:
  if (x.h) freexl_close(x.h);
  for (size_t i = 0; i < x.nsheets; i++) kw_free(ctx, x.names[i]);
  kw_free(ctx, x.names);
  kw_buf_free(ctx, &x.cells);
  kw_buf_free(ctx, &x.text);
  return st;
}

typedef struct ingest_arg {
  kw_context *ctx;
  kw_dataset *ds;
  const kw_ingest_args *a;
} ingest_arg;

static kw_status do_ingest(kw_book *b, void *arg) {
  ingest_arg *ia = arg;
  return kw_book_ingest(ia->ctx, ia->ds, ia->a, b);
}

kw_status kw_xls_ingest(kw_context *ctx, kw_dataset *ds,
                        const kw_ingest_args *a, const char *path) {
  ingest_arg ia = {ctx, ds, a};
  return with_book(ctx, a->name ? a->name : path, path, do_ingest, &ia);
}

typedef struct header_arg {
  kw_context *ctx;
  void (*cb)(void *user, const char *s, size_t n);
  void *user;
} header_arg;

static kw_status do_header(kw_book *b, void *arg) {
  header_arg *ha = arg;
  return kw_book_header(ha->ctx, b, ha->cb, ha->user);
}

kw_status kw_xls_header(kw_context *ctx, const char *path,
                        void (*cb)(void *user, const char *s, size_t n),
                        void *user) {
  header_arg ha = {ctx, cb, user};
  return with_book(ctx, path, path, do_header, &ha);
}
