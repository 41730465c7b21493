/*
 * sheet.c — a workbook sheet as rows for the ingest: header row below
 * title rows, the header's columns, total rows, cell places ("Sheet!B17"),
 * serial dates and number text. See sheet.h.
 */
#include "io/msg.h"
#include "io/sheet.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "io/roles.h"

typedef struct lrow {
  uint64_t r;
  size_t first, n; /* cells in lcells */
} lrow;

/* ------------------------------------------------------------ places */

static size_t col_letters(uint64_t col, char *out) {
  char tmp[8];
  size_t k = 0;
  while (col > 0 && k < sizeof tmp) {
    uint64_t d = (col - 1) % 26;
    tmp[k++] = (char)('A' + d);
    col = (col - 1) / 26;
  }
  for (size_t i = 0; i < k; i++) out[i] = tmp[k - 1 - i];
  out[k] = '\0';
  return k;
}

void kw_sheet_ref(const char *sheet, uint64_t row, uint64_t col, char *out,
                  size_t cap) {
  bool plain = sheet[0] != '\0';
  for (const char *p = sheet; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '_' || c == '.'))
      plain = false;
  }
  char name[300];
  if (plain) {
    snprintf(name, sizeof name, "%s", sheet);
  } else {
    size_t o = 0;
    name[o++] = '\'';
    for (const char *p = sheet; *p && o + 4 < sizeof name; p++) {
      if (*p == '\'') name[o++] = '\'';
      name[o++] = *p;
    }
    name[o++] = '\'';
    name[o] = '\0';
  }
  char letters[8];
  if (col) {
    col_letters(col, letters);
    snprintf(out, cap, "%s!%s%llu", name, letters, (unsigned long long)row);
  } else {
    snprintf(out, cap, "%s!%llu", name, (unsigned long long)row);
  }
}

/* ---------------------------------------------------- numbers, dates */

bool kw_sheet_serial_date(double serial, bool date1904, int32_t *days) {
  if (!isfinite(serial) || serial < 0 || serial >= 2958466.0) return false;
  double f = floor(serial);
  int64_t s = (int64_t)f;
  if (date1904) {
    /* day 0 is 1904-01-01 = 1970-01-01 - 24107 days */
    *days = (int32_t)(s - 24107);
    return true;
  }
  if (s < 1 || s == 60) return false; /* 1900-01-00, 1900-02-29 */
  /* 25569 is 1970-01-01; serials before 60 are one day off because
   * the 1900 system counts a 29 February 1900 that never was */
  *days = (int32_t)(s < 60 ? s - 25568 : s - 25569);
  return true;
}

size_t kw_sheet_number_text(const char *s, size_t n, char *out) {
  size_t e = 0;
  while (e < n && s[e] != 'E' && s[e] != 'e') e++;
  size_t o = 0;
  if (e == n) {
    memcpy(out, s, n);
    o = n;
  } else {
    /* mantissa [sign] digits [. digits], exponent [sign] digits */
    size_t i = 0;
    bool neg = false;
    if (i < e && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    char dig[64];
    size_t nd = 0, point = SIZE_MAX;
    bool ok = true;
    for (; i < e && ok; i++) {
      if (s[i] >= '0' && s[i] <= '9') {
        if (nd < sizeof dig) dig[nd++] = s[i];
        else ok = false;
      } else if (s[i] == '.' && point == SIZE_MAX) {
        point = nd;
      } else {
        ok = false;
      }
    }
    if (point == SIZE_MAX) point = nd;
    long x = 0;
    size_t j = e + 1;
    bool xneg = false;
    if (j < n && (s[j] == '-' || s[j] == '+')) xneg = s[j++] == '-';
    if (j == n) ok = false;
    for (; j < n && ok; j++) {
      if (s[j] < '0' || s[j] > '9' || x > 1000) ok = false;
      else x = x * 10 + (s[j] - '0');
    }
    if (xneg) x = -x;
    if (!ok || nd == 0 || x > 30 || x < -30) {
      memcpy(out, s, n);
      return n;
    }
    long pt = (long)point + x; /* digits before the point */
    if (neg) out[o++] = '-';
    if (pt <= 0) {
      out[o++] = '0';
      out[o++] = '.';
      for (long k = 0; k < -pt; k++) out[o++] = '0';
      memcpy(out + o, dig, nd);
      o += nd;
    } else {
      for (long k = 0; k < pt; k++)
        out[o++] = (size_t)k < nd ? dig[k] : '0';
      if ((size_t)pt < nd) {
        out[o++] = '.';
        memcpy(out + o, dig + pt, nd - (size_t)pt);
        o += nd - (size_t)pt;
      }
    }
  }
  /* exactly one '.' followed by exactly three digits: add a zero */
  size_t dot = SIZE_MAX;
  for (size_t k = 0; k < o; k++)
    if (out[k] == '.') dot = k;
  if (dot != SIZE_MAX && o - dot - 1 == 3) out[o++] = '0';
  return o;
}

/* ----------------------------------------------------------- totals */

bool kw_sheet_is_total(const char *s, size_t n) {
  static const char *const words[] = {
      "totaal", "total", "totaalgeneraal", "grandtotal", "eindtotaal",
      "totalgeneral", "totaux", "totaalgeneraal", "totals"};
  char norm[64], flat[64];
  if (n == 0 || n > 40) return false;
  /* every word starts with t, g or e (any case, maybe after blanks) */
  size_t i0 = 0;
  while (i0 < n && (s[i0] == ' ' || s[i0] == '\t')) i0++;
  char c0 = i0 < n ? (char)(s[i0] | 0x20) : 0;
  if (c0 != 't' && c0 != 'g' && c0 != 'e') return false;
  size_t k = kw_header_normalize(s, n, norm, sizeof norm), m = 0;
  for (size_t i = 0; i < k; i++)
    if (norm[i] != '_') flat[m++] = norm[i];
  flat[m] = '\0';
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strcmp(flat, words[i]) == 0) return true;
  return false;
}

/* ------------------------------------------------------- look-ahead */

static kw_status keep_row(kw_sheet *s, uint64_t r, const kw_grid_cell *c,
                          size_t n) {
  lrow lr = {r, s->lcells.len, n};
  kw_status st = kw_buf_push(s->ctx, &s->lrows, &lr);
  for (size_t i = 0; i < n && !st; i++) {
    kw_grid_cell k = c[i];
    size_t off = s->ltext.len;
    st = kw_buf_reserve(s->ctx, &s->ltext, off + c[i].n + 1);
    if (st) break;
    memcpy((char *)s->ltext.data + off, c[i].p, c[i].n);
    s->ltext.len = off + c[i].n;
    k.p = (const char *)(uintptr_t)off;
    k.fixed = false;
    st = kw_buf_push(s->ctx, &s->lcells, &k);
  }
  return st;
}

static const kw_grid_cell *lcells_of(const kw_sheet *s, const lrow *lr) {
  return (const kw_grid_cell *)s->lcells.data + lr->first;
}

static unsigned role_score(const kw_sheet *s, const kw_grid_cell *c,
                           size_t n) {
  bool seen[KW_ROLE__COUNT] = {0};
  unsigned k = 0;
  for (size_t i = 0; i < n; i++) {
    if (!c[i].text) continue;
    if (s->kind == KW_TABLE__COUNT) { /* any kind of table */
      k += kw_role_known_header(c[i].p, c[i].n);
      continue;
    }
    kw_role r = kw_role_guess(s->kind, c[i].p, c[i].n, NULL);
    if (r == KW_ROLE__COUNT || r == KW_ROLE_NONE || seen[r]) continue;
    seen[r] = true;
    k++;
  }
  return k;
}

static kw_status find_header(kw_sheet *s) {
  const lrow *rows = s->lrows.data;
  size_t nrows = s->lrows.len, widest = 0;
  s->hrow = SIZE_MAX;
  s->score = 0;
  for (size_t i = 0; i < nrows; i++) {
    const kw_grid_cell *c = lcells_of(s, &rows[i]);
    unsigned sc = role_score(s, c, rows[i].n);
    if (sc > s->score) {
      s->score = sc;
      s->hrow = i;
    }
  }
  if (s->hrow == SIZE_MAX) {
    for (size_t i = 0; i < nrows; i++) {
      const kw_grid_cell *c = lcells_of(s, &rows[i]);
      bool all_text = true;
      for (size_t j = 0; j < rows[i].n; j++) all_text &= c[j].text;
      if (all_text && rows[i].n > widest) {
        widest = rows[i].n;
        s->hrow = i;
      }
    }
  }
  if (s->hrow == SIZE_MAX) s->hrow = 0;
  const kw_grid_cell *h = lcells_of(s, &rows[s->hrow]);
  size_t hn = rows[s->hrow].n;
  uint32_t lo = h[0].col, hi = h[0].col;
  for (size_t j = 1; j < hn; j++) {
    if (h[j].col < lo) lo = h[j].col;
    if (h[j].col > hi) hi = h[j].col;
  }
  s->c0 = lo;
  s->nf = (size_t)(hi - lo) + 1;
  s->lnext = s->hrow;
  s->src.header_row = rows[s->hrow].r;
  s->cells = kw_calloc(s->ctx, s->nf, sizeof *s->cells);
  s->tags = kw_calloc(s->ctx, s->nf, 1);
  if (!s->cells || !s->tags) return kw_fail_nomem(s->ctx);
  return KW_OK;
}

/* ------------------------------------------------------------- rows */

static int sheet_next(void *self, kw_csv_row *row) {
  kw_sheet *s = self;
  if (s->stopped) return 0;
  uint64_t r;
  const kw_grid_cell *c;
  size_t n;
  bool from_look = s->lnext < s->lrows.len;
  if (from_look) {
    const lrow *lr = &((const lrow *)s->lrows.data)[s->lnext++];
    r = lr->r;
    c = lcells_of(s, lr);
    n = lr->n;
  } else {
    if (s->grid_done) return 0;
    int rc = s->grid.row(s->grid.self, &r, &c, &n);
    if (rc <= 0) return rc;
  }
  bool header = s->lnext == s->hrow + 1 && from_look &&
                !s->header_given;
  if (header) s->header_given = true;
  for (size_t i = 0; i < s->nf; i++) {
    s->cells[i].p = "";
    s->cells[i].n = 0;
    s->cells[i].raw = s->tags + i;
  }
  bool first = true;
  for (size_t i = 0; i < n; i++) {
    if (first && !header && c[i].n) {
      first = false;
      if (c[i].text && kw_sheet_is_total(c[i].p, c[i].n)) {
        s->stopped = true;
        s->total_row = r;
        char ref[160];
        kw_sheet_ref(s->name, r, (uint64_t)c[i].col + 1, ref, sizeof ref);
        kw_log(s->ctx, KW_LOG_INFO,
               "%s: the total row ends the table; rows below it are not read",
               ref);
        return 0;
      }
    }
    if (c[i].col < s->c0 || c[i].col - s->c0 >= s->nf) continue;
    kw_csv_cell *k = &s->cells[c[i].col - s->c0];
    k->p = c[i].p;
    k->n = c[i].n;
  }
  memset(row, 0, sizeof *row);
  row->cells = s->cells;
  row->n = row->nfields = s->nf;
  row->line = r;
  row->start = s->tags;
  row->end = s->tags + s->nf;
  return 1;
}

/* "Sheet!B17" of a field of the window */
static void sheet_ref_cb(void *self, uint64_t line, uint64_t col, char *out,
                         size_t cap) {
  const kw_sheet *s = self;
  kw_sheet_ref(s->name, line, col ? col + s->c0 : 0, out, cap);
}

kw_status kw_sheet_begin(kw_sheet *s, kw_context *ctx, kw_grid grid,
                         const char *name, kw_table_kind kind) {
  memset(s, 0, sizeof *s);
  s->ctx = ctx;
  s->grid = grid;
  s->kind = kind;
  kw_buf_init(&s->lrows, sizeof(lrow));
  kw_buf_init(&s->lcells, sizeof(kw_grid_cell));
  kw_buf_init(&s->ltext, 1);
  s->name = kw_strdup(ctx, name);
  if (!s->name) return kw_fail_nomem(ctx);
  while (s->lrows.len < KW_SHEET_LOOKAHEAD) {
    uint64_t r;
    const kw_grid_cell *c;
    size_t n;
    int rc = grid.row(grid.self, &r, &c, &n);
    if (rc < 0) return kw_errcode(ctx);
    if (rc == 0) {
      s->grid_done = true;
      break;
    }
    kw_status st = keep_row(s, r, c, n);
    if (st) return st;
  }
  if (s->lrows.len == 0)
    return kw_io_fail(ctx, KW_EEMPTY, 0, "", "xlsx.e.sheet_empty_bare",
                      "sheet", name, NULL);
  /* the text no longer moves: offsets become pointers */
  kw_grid_cell *all = s->lcells.data;
  for (size_t i = 0; i < s->lcells.len; i++)
    all[i].p = (const char *)s->ltext.data + (size_t)(uintptr_t)all[i].p;
  kw_status st = find_header(s);
  if (st) return st;
  s->src.self = s;
  s->src.next = sheet_next;
  s->src.ref = sheet_ref_cb;
  s->src.sheet = s->name;
  s->src.total_row = &s->total_row;
  return KW_OK;
}

void kw_sheet_free(kw_sheet *s) {
  if (!s || !s->ctx) return;
  kw_free(s->ctx, s->name);
  kw_buf_free(s->ctx, &s->lrows);
  kw_buf_free(s->ctx, &s->lcells);
  kw_buf_free(s->ctx, &s->ltext);
  kw_free(s->ctx, s->cells);
  kw_free(s->ctx, s->tags);
  memset(s, 0, sizeof *s);
}

/* ----------------------------------------------------------- the book */

static kw_status named_sheet(kw_context *ctx, const char *file, kw_book *b,
                             const char *want, size_t *out) {
  for (size_t i = 0; i < b->nsheets; i++)
    if (strcasecmp(b->name(b->self, i), want) == 0) return *out = i, KW_OK;
  size_t n = 0;
  const char *p = want;
  for (; *p >= '0' && *p <= '9' && n < 100000; p++)
    n = n * 10 + (size_t)(*p - '0');
  if (!*p && p != want && n >= 1 && n <= b->nsheets)
    return *out = n - 1, KW_OK;
  char list[600];
  size_t o = 0;
  list[0] = '\0';
  for (size_t i = 0; i < b->nsheets && o + 8 < sizeof list; i++) {
    int w = snprintf(list + o, sizeof list - o, "%s\"%s\"", i ? ", " : "",
                     b->name(b->self, i));
    if (w < 0) break;
    o += (size_t)w;
  }
  if (o >= sizeof list) snprintf(list + sizeof list - 5, 5, "...");
  return kw_io_fail(ctx, KW_EARG, 0, "", "xlsx.e.no_such_sheet", "want", want,
                    "file", file, "list", list, NULL);
}

kw_status kw_book_ingest(kw_context *ctx, kw_dataset *ds,
                         const kw_ingest_args *a, kw_book *b) {
  const char *file = a->name ? a->name : "(input)";
  const char *want = a->o ? a->o->sheet : NULL;
  size_t pick = 0;
  char why[200];
  kw_status st = KW_OK;
  if (b->nsheets == 0)
    return kw_io_fail(ctx, KW_EEMPTY, 0, "", "xlsx.e.no_worksheet", "file",
                      file, NULL);
  if (want) {
    st = named_sheet(ctx, file, b, want, &pick);
    if (st) return st;
    snprintf(why, sizeof why, "named with --sheet");
  } else if (b->nsheets == 1) {
    snprintf(why, sizeof why, "the only sheet");
  } else {
    unsigned best = 0;
    bool found = false;
    for (size_t i = 0; i < b->nsheets && !st; i++) {
      if (b->hidden(b->self, i)) continue;
      kw_grid g;
      st = b->open(b->self, i, &g);
      if (!st) {
        kw_sheet s;
        st = kw_sheet_begin(&s, ctx, g, b->name(b->self, i), a->kind);
        if (st == KW_EEMPTY) {
          st = KW_OK; /* an empty sheet has nothing to offer */
        } else if (!st && (!found || s.score > best)) {
          pick = i;
          best = s.score;
          found = true;
        }
        kw_sheet_free(&s);
      }
      b->close(b->self);
    }
    if (st) return st;
    if (best)
      snprintf(why, sizeof why,
               "its header names %u column roles, the most of %zu sheets",
               best, b->nsheets);
    else
      snprintf(why, sizeof why,
               "the first sheet with rows; no header names a column role");
  }
  kw_grid g;
  kw_sheet s;
  memset(&s, 0, sizeof s);
  st = b->open(b->self, pick, &g);
  if (!st) {
    st = kw_sheet_begin(&s, ctx, g, b->name(b->self, pick), a->kind);
    if (st == KW_EEMPTY)
      st = kw_io_fail(ctx, KW_EEMPTY, 0, "", "xlsx.e.sheet_empty", "file",
                      file, "sheet", b->name(b->self, pick), NULL);
  }
  if (!st) {
    s.src.format = b->format;
    s.src.sheet_reason = why;
    s.src.bytes = a->len;
    s.src.est_rows = b->est_rows ? b->est_rows(b->self, s.lrows.len) : 0;
    kw_ingest_args sa = *a;
    sa.rows = &s.src;
    sa.release = NULL;
    st = kw_ingest(ctx, ds, &sa);
  }
  kw_sheet_free(&s);
  b->close(b->self);
  return st;
}

kw_status kw_book_header(kw_context *ctx, kw_book *b,
                         void (*cb)(void *user, const char *s, size_t n),
                         void *user) {
  kw_status st = KW_OK;
  size_t pick = SIZE_MAX;
  unsigned best = 0;
  for (size_t i = 0; i < b->nsheets && !st; i++) {
    if (b->hidden(b->self, i)) continue;
    kw_grid g;
    st = b->open(b->self, i, &g);
    if (!st) {
      kw_sheet s;
      st = kw_sheet_begin(&s, ctx, g, b->name(b->self, i), KW_TABLE__COUNT);
      if (st == KW_EEMPTY) st = KW_OK;
      else if (!st && s.score > best) best = s.score, pick = i;
      kw_sheet_free(&s);
    }
    b->close(b->self);
  }
  if (st || pick == SIZE_MAX) return st;
  kw_grid g;
  st = b->open(b->self, pick, &g);
  if (!st) {
    kw_sheet s;
    st = kw_sheet_begin(&s, ctx, g, b->name(b->self, pick), KW_TABLE__COUNT);
    if (!st) {
      const lrow *h = &((const lrow *)s.lrows.data)[s.hrow];
      const kw_grid_cell *c = lcells_of(&s, h);
      for (size_t j = 0; j < h->n; j++)
        if (c[j].text) cb(user, c[j].p, c[j].n);
    }
    kw_sheet_free(&s);
  }
  b->close(b->self);
  return st;
}
