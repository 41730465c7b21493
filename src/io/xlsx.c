/*
 * xlsx.c — an .xlsx workbook (Office Open XML) through libzip and expat.
 *
 * The zip container is opened on the file's bytes in memory (libzip's
 * buffer source, no copy); every part is read by streaming its inflated
 * bytes from zip_fread into an expat parser, 256 KiB at a time, so no part
 * is ever held whole. Read in order:
 *   xl/workbook.xml              sheet names, order, r:id; the 1904 flag
 *   xl/_rels/workbook.xml.rels   r:id -> the sheet's part name
 *   xl/styles.xml                which cell styles (cellXfs) show a date
 *   xl/sharedStrings.xml         the shared strings, kept in one arena
 *   xl/worksheets/sheetN.xml     the rows, streamed
 *
 * The sheet is pulled a row at a time: the end of a <row> element suspends
 * the parser (XML_StopParser resumable), the row goes to the ingest, and
 * the next call resumes it. Memory is therefore the shared strings plus one
 * row plus one chunk, whatever the size of the sheet XML.
 *
 * Cell values (ECMA-376 part 1, 18.3.1.4 c, 18.18.11 ST_CellType): t="s"
 * an index into the shared strings; "inlineStr" the text of <is> (rich-text
 * runs joined, phonetic runs <rPh> left out); "str" a formula's text; "b"
 * 0/1; "e" an error (#N/A, ...: read as empty); "d" an ISO date; otherwise
 * a number, which is a date when its style's number format is a date
 * format: built-in formats 14-17, 22, 27-36 and 50-58, or a custom format
 * code with a day or year part outside quotes and brackets. Serial dates
 * follow the workbook's date system (sheet.c: 1900 with its 29 February
 * 1900, or 1904).
 *
 * A DOCTYPE is refused (a workbook never has one), which also shuts out
 * entity expansion.
 */
#include "io/msg.h"
#include "io/xlsx.h"

#include <expat.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "io/parse.h"
#include "io/sheet.h"

#define CHUNK ((size_t)256 << 10)

typedef struct xsheet {
  char *name;
  char *rid;
  char *part; /* "xl/worksheets/sheet1.xml" */
  bool hidden;
} xsheet;

typedef struct xbook {
  kw_context *ctx;
  const char *file;
  zip_t *za;
  bool date1904;
  kw_buf sheets;   /* xsheet */
  kw_buf datefmt;  /* uint32: custom numFmtIds that are dates */
  kw_buf xfdate;   /* uint8 per cellXfs entry */
  kw_buf sst_text; /* char */
  kw_buf sst_off;  /* size_t: start of each string, and the end */
  char *chunk;
} xbook;

/* State shared by the handlers of one part. */
typedef struct xparse {
  xbook *b;
  XML_Parser p;
  bool nomem;   /* a handler ran out of memory */
  bool doctype; /* the part has a DOCTYPE */
  int depth;    /* cellXfs / numFmts / si nesting for the small parts */
  int rph;      /* inside <rPh> */
  bool capture;
  kw_buf *text;
} xparse;

/* ------------------------------------------------------------ helpers */

bool kw_xlsx_magic(const void *data, size_t len) {
  return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

/* The local part of a (possibly prefixed) element or attribute name. */
static inline const char *local(const char *name) {
  const char *l = name;
  for (const char *p = name; *p; p++)
    if (*p == ':') l = p + 1;
  return l;
}

static const char *attr(const char **atts, const char *name) {
  for (size_t i = 0; atts[i]; i += 2) {
    const char *l = local(atts[i]);
    if (l[0] == name[0] && strcmp(l, name) == 0) return atts[i + 1];
  }
  return NULL;
}

/* "YYYY-MM-DD" of days since 1970 (years 1900..9999); returns 10. */
static size_t iso_date(int32_t days, char *out) {
  int y, m, d;
  kw_date_to_ymd(days, &y, &m, &d);
  out[0] = (char)('0' + y / 1000 % 10);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  return 10;
}

static bool parse_u32(const char *s, uint32_t *out) {
  uint64_t v = 0;
  if (!s || !*s) return false;
  for (; *s; s++) {
    if (*s < '0' || *s > '9') return false;
    v = v * 10 + (uint64_t)(*s - '0');
    if (v > UINT32_MAX) return false;
  }
  *out = (uint32_t)v;
  return true;
}

static bool append(xparse *x, kw_buf *b, const char *s, size_t n) {
  if (x->nomem) return false;
  if (b->len + n + 1 > b->cap &&
      kw_buf_reserve(x->b->ctx, b,
                     b->len + n + 1 > 2 * b->cap ? b->len + n + 1
                                                 : 2 * b->cap) != KW_OK) {
    x->nomem = true;
    XML_StopParser(x->p, XML_FALSE);
    return false;
  }
  memcpy((char *)b->data + b->len, s, n);
  b->len += n;
  return true;
}

static void oom(xparse *x) {
  if (!x->nomem) {
    x->nomem = true;
    XML_StopParser(x->p, XML_FALSE);
  }
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name,
                               const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal) {
  xparse *x = ud;
  x->doctype = true;
  XML_StopParser(x->p, XML_FALSE);
}

static XML_Parser new_parser(xparse *x) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  if (!p) return NULL;
  x->p = p;
  XML_SetUserData(p, x);
  XML_SetStartDoctypeDeclHandler(p, on_doctype);
  return p;
}

static kw_status xml_error(xbook *b, xparse *x, const char *part) {
  if (x->nomem) return kw_fail_nomem(b->ctx);
  if (x->doctype)
    return kw_io_fail(b->ctx, KW_EINPUT, 0, "", "xlsx.e.doctype", "file",
                      b->file, "part", part, NULL);
  char ln[24];
  snprintf(ln, sizeof ln, "%lu", (unsigned long)XML_GetCurrentLineNumber(x->p));
  return kw_io_fail(b->ctx, KW_EINPUT, 0, "", "xlsx.e.xml", "file", b->file,
                    "part", part, "line", ln, "why",
                    XML_ErrorString(XML_GetErrorCode(x->p)), NULL);
}

/* Stream a whole part through the handlers. A missing part is KW_OK when
 * !required (*found false). */
static kw_status parse_part(xbook *b, const char *part, bool required,
                            bool *found, xparse *x,
                            XML_StartElementHandler start,
                            XML_EndElementHandler end,
                            XML_CharacterDataHandler chars) {
  if (found) *found = false;
  zip_file_t *zf = zip_fopen(b->za, part, 0);
  if (!zf) {
    if (!required) return KW_OK;
    return kw_io_fail(b->ctx, KW_EINPUT, 0, "", "xlsx.e.no_part", "file",
                      b->file, "part", part, NULL);
  }
  if (found) *found = true;
  XML_Parser p = new_parser(x);
  if (!p) {
    zip_fclose(zf);
    return kw_fail_nomem(b->ctx);
  }
  XML_SetElementHandler(p, start, end);
  if (chars) XML_SetCharacterDataHandler(p, chars);
  kw_status st = KW_OK;
  for (;;) {
    zip_int64_t n = zip_fread(zf, b->chunk, CHUNK);
    if (n < 0) {
      st = kw_io_fail(b->ctx, KW_EINPUT, 0, "", "xlsx.e.read", "file",
                      b->file, "part", part, "why", zip_file_strerror(zf),
                      NULL);
      break;
    }
    if (XML_Parse(p, b->chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
      st = xml_error(b, x, part);
      break;
    }
    if (n == 0) break;
  }
  XML_ParserFree(p);
  zip_fclose(zf);
  return st;
}

/* ----------------------------------------------------------- workbook */

static void XMLCALL wb_start(void *ud, const XML_Char *name,
                             const XML_Char **atts) {
  xparse *x = ud;
  xbook *b = x->b;
  const char *l = local(name);
  if (strcmp(l, "workbookPr") == 0) {
    const char *v = attr(atts, "date1904");
    b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
  } else if (strcmp(l, "sheet") == 0) {
    const char *nm = attr(atts, "name"), *rid = attr(atts, "id");
    const char *state = attr(atts, "state");
    if (!nm || !rid) return;
    xsheet s = {kw_strdup(b->ctx, nm), kw_strdup(b->ctx, rid), NULL,
                state && strcmp(state, "visible") != 0};
    if (!s.name || !s.rid || kw_buf_push(b->ctx, &b->sheets, &s)) {
      kw_free(b->ctx, s.name);
      kw_free(b->ctx, s.rid);
      oom(x);
    }
  }
}

static void XMLCALL no_end(void *ud, const XML_Char *name) {}

static void XMLCALL rels_start(void *ud, const XML_Char *name,
                               const XML_Char **atts) {
  xparse *x = ud;
  xbook *b = x->b;
  if (strcmp(local(name), "Relationship") != 0) return;
  const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
  const char *type = attr(atts, "Type");
  if (!id || !target) return;
  if (type && !strstr(type, "/worksheet")) return; /* chart sheets, ... */
  xsheet *s = b->sheets.data;
  for (size_t i = 0; i < b->sheets.len; i++) {
    if (strcmp(s[i].rid, id) != 0 || s[i].part) continue;
    size_t n = strlen(target) + 4;
    char *part = kw_malloc(b->ctx, n);
    if (!part) return oom(x);
    if (target[0] == '/')
      snprintf(part, n, "%s", target + 1);
    else
      snprintf(part, n, "xl/%s", target);
    s[i].part = part;
  }
}

/* -------------------------------------------------------------- styles */

static bool builtin_date(uint32_t id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
         (id >= 50 && id <= 58);
}

/* A custom number format shows a date when it has a day or year part
 * outside quoted text, [brackets] and escaped characters. */
static bool code_is_date(const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '"':
      s++;
      while (*s && *s != '"') s++;
      if (!*s) return false;
      break;
    case '[':
      while (*s && *s != ']') s++;
      if (!*s) return false;
      break;
    case '\\':
    case '_':
    case '*':
      if (!s[1]) return false;
      s++;
      break;
    case 'd':
    case 'D':
    case 'y':
    case 'Y':
      return true;
    case ';':
      return false; /* the first section decides */
    default:
      break;
    }
  }
  return false;
}

static void XMLCALL st_start(void *ud, const XML_Char *name,
                             const XML_Char **atts) {
  xparse *x = ud;
  xbook *b = x->b;
  const char *l = local(name);
  uint32_t id;
  if (strcmp(l, "cellXfs") == 0) {
    x->depth = 1;
  } else if (strcmp(l, "numFmt") == 0) {
    const char *code = attr(atts, "formatCode");
    if (parse_u32(attr(atts, "numFmtId"), &id) && code && code_is_date(code))
      if (kw_buf_push(b->ctx, &b->datefmt, &id)) oom(x);
  } else if (strcmp(l, "xf") == 0 && x->depth == 1) {
    uint8_t d = 0;
    if (parse_u32(attr(atts, "numFmtId"), &id)) {
      d = builtin_date(id);
      const uint32_t *f = b->datefmt.data;
      for (size_t i = 0; i < b->datefmt.len && !d; i++) d = f[i] == id;
    }
    if (kw_buf_push(b->ctx, &b->xfdate, &d)) oom(x);
  }
}

static void XMLCALL st_end(void *ud, const XML_Char *name) {
  xparse *x = ud;
  if (strcmp(local(name), "cellXfs") == 0) x->depth = 0;
}

/* ------------------------------------------------------ shared strings */

static void XMLCALL sst_start(void *ud, const XML_Char *name,
                              const XML_Char **atts) {
  xparse *x = ud;
  xbook *b = x->b;
  const char *l = local(name);
  if (strcmp(l, "si") == 0) {
    size_t off = b->sst_text.len;
    if (kw_buf_push(b->ctx, &b->sst_off, &off)) oom(x);
    x->depth = 1;
  } else if (strcmp(l, "rPh") == 0) {
    x->rph++;
  } else if (strcmp(l, "t") == 0 && x->depth == 1 && x->rph == 0) {
    x->capture = true;
  }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name) {
  xparse *x = ud;
  const char *l = local(name);
  if (strcmp(l, "t") == 0) x->capture = false;
  else if (strcmp(l, "rPh") == 0 && x->rph > 0) x->rph--;
  else if (strcmp(l, "si") == 0) x->depth = 0;
}

static void XMLCALL sst_chars(void *ud, const XML_Char *s, int len) {
  xparse *x = ud;
  if (x->capture) append(x, &x->b->sst_text, s, (size_t)len);
}

static size_t sst_count(const xbook *b) { return b->sst_off.len; }

static const char *sst_str(const xbook *b, size_t i, size_t *n) {
  const size_t *off = b->sst_off.data;
  size_t end = i + 1 < b->sst_off.len ? off[i + 1] : b->sst_text.len;
  *n = end - off[i];
  return (const char *)b->sst_text.data + off[i];
}

/* -------------------------------------------------------------- sheets */

enum { CT_NUMBER = 0, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR,
       CT_DATE };

typedef struct xgrid {
  xparse x; /* first: the handlers shared with other parts (on_doctype)
               take the user data as an xparse */
  xbook *b;
  const xsheet *sheet;
  zip_file_t *zf;
  bool suspended, eof;
  uint64_t row_r, last_r;
  uint32_t next_col, col;
  int ctype, in_is;
  bool date, in_c;
  size_t val_off;
  kw_buf cells; /* kw_grid_cell, p an offset into text */
  kw_buf text;
  bool ready;
  uint64_t bytes; /* inflated bytes fed to the parser */
} xgrid;

static uint32_t col_of_ref(const char *r, uint32_t dflt) {
  uint64_t c = 0;
  size_t k = 0;
  if (!r) return dflt;
  for (; r[k] >= 'A' && r[k] <= 'Z'; k++) {
    c = c * 26 + (uint64_t)(r[k] - 'A' + 1);
    if (c > KW_SHEET_MAX_COLS) return UINT32_MAX;
  }
  if (k == 0 || c == 0) return dflt;
  return (uint32_t)(c - 1);
}

static void XMLCALL sh_start(void *ud, const XML_Char *name,
                             const XML_Char **atts) {
  xgrid *g = ud;
  const char *l = local(name);
  switch (l[0]) {
  case 'c':
    if (l[1] == '\0') {
      /* one pass over the attributes: r, t and s */
      const char *ref = NULL, *t = NULL, *sty = NULL;
      for (size_t i = 0; atts[i]; i += 2) {
        const char *a = local(atts[i]);
        if (a[1] != '\0') continue;
        if (a[0] == 'r') ref = atts[i + 1];
        else if (a[0] == 't') t = atts[i + 1];
        else if (a[0] == 's') sty = atts[i + 1];
      }
      g->col = col_of_ref(ref, g->next_col);
      if (g->col != UINT32_MAX) g->next_col = g->col + 1;
      g->ctype = CT_NUMBER;
      if (t) {
        if (strcmp(t, "s") == 0) g->ctype = CT_SHARED;
        else if (strcmp(t, "inlineStr") == 0) g->ctype = CT_INLINE;
        else if (strcmp(t, "str") == 0) g->ctype = CT_STR;
        else if (strcmp(t, "b") == 0) g->ctype = CT_BOOL;
        else if (strcmp(t, "e") == 0) g->ctype = CT_ERROR;
        else if (strcmp(t, "d") == 0) g->ctype = CT_DATE;
      }
      uint32_t s;
      g->date = false;
      if (g->ctype == CT_NUMBER && parse_u32(sty, &s) &&
          s < g->b->xfdate.len)
        g->date = ((const uint8_t *)g->b->xfdate.data)[s] != 0;
      g->in_c = true;
      g->in_is = 0;
      g->val_off = g->text.len;
    }
    break;
  case 'v':
    if (l[1] == '\0' && g->in_c) g->x.capture = true;
    break;
  case 'i':
    if (strcmp(l, "is") == 0 && g->in_c) g->in_is = 1;
    break;
  case 't':
    if (l[1] == '\0' && g->in_is && g->x.rph == 0) g->x.capture = true;
    break;
  case 'r':
    if (strcmp(l, "row") == 0) {
      uint32_t r;
      g->row_r = parse_u32(attr(atts, "r"), &r) && r > 0 ? r : g->last_r + 1;
      g->last_r = g->row_r;
      g->next_col = 0;
      g->cells.len = 0;
      g->text.len = 0;
    } else if (strcmp(l, "rPh") == 0) {
      g->x.rph++;
    }
    break;
  default:
    break;
  }
}

/* The value of the cell just closed, text[val_off..), as sheet.h says. */
static void finish_cell(xgrid *g) {
  xbook *b = g->b;
  xparse *x = &g->x;
  size_t n = g->text.len - g->val_off;
  char *v = (char *)g->text.data + g->val_off;
  bool text = false;
  if (g->col == UINT32_MAX || n == 0 || g->ctype == CT_ERROR) {
    g->text.len = g->val_off;
    return;
  }
  switch (g->ctype) {
  case CT_SHARED: {
    uint32_t i = 0;
    bool ok = n < 11;
    for (size_t k = 0; k < n && ok; k++) {
      ok = v[k] >= '0' && v[k] <= '9';
      if (ok) i = i * 10 + (uint32_t)(v[k] - '0');
    }
    g->text.len = g->val_off;
    if (!ok || i >= sst_count(b)) return; /* a broken reference: empty */
    size_t sn;
    const char *s = sst_str(b, i, &sn);
    if (sn == 0) return;
    /* the shared string itself, not a copy: the table does not move
     * while the sheet is read */
    kw_grid_cell c = {g->col, s, sn, true, true};
    if (kw_buf_push(b->ctx, &g->cells, &c)) oom(x);
    return;
  }
  case CT_INLINE:
  case CT_STR:
    text = true;
    break;
  case CT_BOOL:
  case CT_DATE:
    break;
  default: { /* a number, or a serial date */
    char tmp[128];
    if (n > 64) break; /* not a spreadsheet number: left as it is */
    double d;
    kw_mark_evidence ev;
    int32_t days;
    if (g->date && kw_parse_number(v, n, '.', &d, NULL, &ev) &&
        kw_sheet_serial_date(d, b->date1904, &days)) {
      size_t len = iso_date(days, tmp);
      g->text.len = g->val_off;
      append(x, &g->text, tmp, len);
    } else {
      size_t len = kw_sheet_number_text(v, n, tmp);
      g->text.len = g->val_off;
      append(x, &g->text, tmp, len);
    }
    break;
  }
  }
  if (x->nomem || g->text.len == g->val_off) return;
  kw_grid_cell c = {g->col, (const char *)(uintptr_t)g->val_off,
                    g->text.len - g->val_off, text, false};
  if (kw_buf_push(b->ctx, &g->cells, &c)) oom(x);
}

static void XMLCALL sh_end(void *ud, const XML_Char *name) {
  xgrid *g = ud;
  const char *l = local(name);
  switch (l[0]) {
  case 'v':
  case 't':
    if (l[1] == '\0') g->x.capture = false;
    break;
  case 'c':
    if (l[1] == '\0' && g->in_c) {
      g->in_c = false;
      g->x.capture = false;
      finish_cell(g);
    }
    break;
  case 'i':
    if (strcmp(l, "is") == 0) g->in_is = 0;
    break;
  case 'r':
    if (strcmp(l, "row") == 0 && g->cells.len) {
      g->ready = true;
      XML_StopParser(g->x.p, XML_TRUE);
    } else if (strcmp(l, "rPh") == 0 && g->x.rph > 0) {
      g->x.rph--;
    }
    break;
  default:
    break;
  }
}

static void XMLCALL sh_chars(void *ud, const XML_Char *s, int len) {
  xgrid *g = ud;
  if (g->x.capture) append(&g->x, &g->text, s, (size_t)len);
}

static int grid_row(void *self, uint64_t *r, const kw_grid_cell **cells,
                    size_t *n) {
  xgrid *g = self;
  xbook *b = g->b;
  const char *part = g->sheet->part;
  g->ready = false;
  for (;;) {
    enum XML_Status s;
    if (g->suspended) {
      s = XML_ResumeParser(g->x.p);
    } else {
      if (g->eof) return 0;
      /* inflate straight into expat's buffer: no copy */
      void *buf = XML_GetBuffer(g->x.p, (int)CHUNK);
      if (!buf) {
        kw_fail_nomem(b->ctx);
        return -1;
      }
      zip_int64_t k = zip_fread(g->zf, buf, CHUNK);
      if (k < 0) {
        kw_io_fail(b->ctx, KW_EINPUT, 0, "", "xlsx.e.read", "file", b->file,
                   "part", part, "why", zip_file_strerror(g->zf), NULL);
        return -1;
      }
      g->bytes += (uint64_t)k;
      g->eof = k == 0;
      s = XML_ParseBuffer(g->x.p, (int)k, k == 0);
    }
    if (s == XML_STATUS_ERROR) {
      xml_error(b, &g->x, part);
      return -1;
    }
    g->suspended = s == XML_STATUS_SUSPENDED;
    if (g->ready) break;
  }
  kw_grid_cell *c = g->cells.data;
  for (size_t i = 0; i < g->cells.len; i++)
    if (!c[i].fixed)
      c[i].p = (const char *)g->text.data + (size_t)(uintptr_t)c[i].p;
  *r = g->row_r;
  *cells = c;
  *n = g->cells.len;
  return 1;
}

static void grid_close(xgrid *g) {
  if (!g->b) return;
  kw_context *ctx = g->b->ctx;
  if (g->x.p) XML_ParserFree(g->x.p);
  if (g->zf) zip_fclose(g->zf);
  kw_buf_free(ctx, &g->cells);
  kw_buf_free(ctx, &g->text);
  memset(g, 0, sizeof *g);
}

static kw_status grid_open(xgrid *g, xbook *b, const xsheet *s) {
  memset(g, 0, sizeof *g);
  g->b = b;
  g->sheet = s;
  g->x.b = b;
  kw_buf_init(&g->cells, sizeof(kw_grid_cell));
  kw_buf_init(&g->text, 1);
  g->zf = zip_fopen(b->za, s->part, 0);
  if (!g->zf)
    return kw_io_fail(b->ctx, KW_EINPUT, 0, "", "xlsx.e.sheet_part", "file",
                      b->file, "sheet", s->name, "part", s->part, NULL);
  if (!new_parser(&g->x)) return kw_fail_nomem(b->ctx);
  XML_SetUserData(g->x.p, g);
  XML_SetElementHandler(g->x.p, sh_start, sh_end);
  XML_SetCharacterDataHandler(g->x.p, sh_chars);
  return KW_OK;
}

/* ------------------------------------------------------------ the book */

static void book_free(xbook *b) {
  kw_context *ctx = b->ctx;
  xsheet *s = b->sheets.data;
  for (size_t i = 0; i < b->sheets.len; i++) {
    kw_free(ctx, s[i].name);
    kw_free(ctx, s[i].rid);
    kw_free(ctx, s[i].part);
  }
  kw_buf_free(ctx, &b->sheets);
  kw_buf_free(ctx, &b->datefmt);
  kw_buf_free(ctx, &b->xfdate);
  kw_buf_free(ctx, &b->sst_text);
  kw_buf_free(ctx, &b->sst_off);
  kw_free(ctx, b->chunk);
  if (b->za) zip_discard(b->za);
}

static kw_status book_open(xbook *b, kw_context *ctx, const char *file,
                           const void *data, size_t len) {
  memset(b, 0, sizeof *b);
  b->ctx = ctx;
  b->file = file;
  kw_buf_init(&b->sheets, sizeof(xsheet));
  kw_buf_init(&b->datefmt, sizeof(uint32_t));
  kw_buf_init(&b->xfdate, 1);
  kw_buf_init(&b->sst_text, 1);
  kw_buf_init(&b->sst_off, sizeof(size_t));
  b->chunk = kw_malloc(ctx, CHUNK);
  if (!b->chunk) return kw_fail_nomem(ctx);
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return kw_fail_nomem(ctx);
  }
  b->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
  if (!b->za) {
    zip_source_free(src);
    kw_status st = kw_io_fail(ctx, KW_EINPUT, 0, "", "xlsx.e.zip", "file",
                              file, "why", zip_error_strerror(&ze), NULL);
    zip_error_fini(&ze);
    return st;
  }
  zip_error_fini(&ze);
  xparse x;
  memset(&x, 0, sizeof x);
  x.b = b;
  kw_status st = parse_part(b, "xl/workbook.xml", true, NULL, &x, wb_start,
                            no_end, NULL);
  if (st) return st;
  memset(&x, 0, sizeof x);
  x.b = b;
  st = parse_part(b, "xl/_rels/workbook.xml.rels", true, NULL, &x,
                  rels_start, no_end, NULL);
  if (st) return st;
  /* sheets without a worksheet part (chart sheets) are dropped */
  xsheet *s = b->sheets.data;
  size_t k = 0;
  for (size_t i = 0; i < b->sheets.len; i++) {
    if (s[i].part) {
      s[k++] = s[i];
    } else {
      kw_free(ctx, s[i].name);
      kw_free(ctx, s[i].rid);
    }
  }
  b->sheets.len = k;
  if (k == 0)
    return kw_io_fail(ctx, KW_EEMPTY, 0, "", "xlsx.e.no_worksheet", "file",
                      file, NULL);
  memset(&x, 0, sizeof x);
  x.b = b;
  st = parse_part(b, "xl/styles.xml", false, NULL, &x, st_start, st_end,
                  NULL);
  if (st) return st;
  memset(&x, 0, sizeof x);
  x.b = b;
  return parse_part(b, "xl/sharedStrings.xml", false, NULL, &x, sst_start,
                    sst_end, sst_chars);
}

/* ------------------------------------------------------ as a kw_book */

typedef struct xopen {
  xbook *b;
  xgrid g;
  bool open;
} xopen;

static const char *xb_name(void *self, size_t i) {
  xopen *o = self;
  return ((const xsheet *)o->b->sheets.data)[i].name;
}

static bool xb_hidden(void *self, size_t i) {
  xopen *o = self;
  return ((const xsheet *)o->b->sheets.data)[i].hidden;
}

static void xb_close(void *self) {
  xopen *o = self;
  if (o->open) grid_close(&o->g);
  o->open = false;
}

static kw_status xb_open(void *self, size_t i, kw_grid *out) {
  xopen *o = self;
  xb_close(o);
  o->open = true;
  kw_status st = grid_open(&o->g, o->b, &((const xsheet *)o->b->sheets.data)[i]);
  out->self = &o->g;
  out->row = grid_row;
  return st;
}

/* From the XML bytes of the rows read and the sheet part's size. */
static size_t xb_est_rows(void *self, size_t rows_read) {
  xopen *o = self;
  zip_stat_t zs;
  if (!o->open || rows_read == 0 ||
      zip_stat(o->b->za, o->g.sheet->part, 0, &zs) != 0 ||
      !(zs.valid & ZIP_STAT_SIZE))
    return 0;
  double per = (double)XML_GetCurrentByteIndex(o->g.x.p) / (double)rows_read;
  if (per < 16) per = 16;
  double est = (double)zs.size / per * 1.1;
  return est > 1e8 ? 100000000 : (size_t)est;
}

kw_status kw_xlsx_ingest(kw_context *ctx, kw_dataset *ds,
                         const kw_ingest_args *a) {
  xbook b;
  kw_status st = book_open(&b, ctx, a->name ? a->name : "(input)", a->data,
                           a->len);
  if (!st) {
    xopen o;
    memset(&o, 0, sizeof o);
    o.b = &b;
    kw_book book = {&o,      "xlsx",   b.sheets.len, xb_name,
                    xb_hidden, xb_open, xb_close,    xb_est_rows};
    st = kw_book_ingest(ctx, ds, a, &book);
    xb_close(&o);
  }
  book_free(&b);
  return st;
}

kw_status kw_xlsx_header(kw_context *ctx, const char *name, const void *data,
                         size_t len,
                         void (*cb)(void *user, const char *s, size_t n),
                         void *user) {
  xbook b;
  kw_status st = book_open(&b, ctx, name, data, len);
  if (!st) {
    xopen o;
    memset(&o, 0, sizeof o);
    o.b = &b;
    kw_book book = {&o,      "xlsx",   b.sheets.len, xb_name,
                    xb_hidden, xb_open, xb_close,    xb_est_rows};
    st = kw_book_header(ctx, &book, cb, user);
    xb_close(&o);
  }
  book_free(&b);
  return st;
}
