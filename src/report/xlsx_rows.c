/*
 * xlsx_rows.c — the data rows of customers.xlsx's customer and action
 * sheets, written as worksheet XML here and put into the workbook that
 * libxlsxwriter wrote (xlsx_rows.h).
 *
 * libxlsxwriter spends most of a large sheet's time on a printf per number,
 * an allocation per cell and deflating at zlib's default level. Here a row
 * is formatted by integer arithmetic into one buffer and streamed to libzip,
 * which replaces the sheet's entry (the other entries are copied as they
 * are) at a faster deflate level. The cells are those libxlsxwriter writes:
 * the same cell references, style indices, inline strings with the same
 * escaping (& < > as entities, control characters as _xHHHH_,
 * xml:space="preserve" for outer blanks) and numbers whose text is the
 * "%.16g" libxlsxwriter prints: the digits come from the rounded integer
 * when that text is provably the same, from snprintf otherwise.
 */
#include "report/xlsx_rows.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "report/numfmt.h"
#include "report/text.h"

#define XLSX_MAX_TEXT 32767

static const double scale_of[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

size_t kw_xlsx_number(char *out, double x, int d) {
  /* the value libxlsxwriter is handed: rounded to what the column shows */
  if (d < 0) d = 0;
  if (d > 6) d = 6;
  double s = scale_of[d], rs = round(x * s), v = rs / s;
  if (!isfinite(v)) return (size_t)snprintf(out, 48, "%.16g", v);
  if (rs == 0) {
    if (signbit(v)) {
      memcpy(out, "-0", 3);
      return 2;
    }
    memcpy(out, "0", 2);
    return 1;
  }
  /* R / 10^d has at most 15 significant digits and v is the double
     nearest to it; "%.16g" prints that decimal when v lies within less
     than half a unit of the 16th digit of it (checked with the exact
     residual of v x 10^d - R), and when it needs no exponent */
  double ar = fabs(rs), av = fabs(v);
  if (ar < 1e15 && av >= 1e-4) {
    /* the decade of v: v in [10^k, 10^(k+1)), k = -4..14 */
    static const double p10[] = {1e-4, 1e-3, 1e-2, 1e-1, 1,    1e1,  1e2,
                                 1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    /* half a unit of the 16th significant digit: 0.5 x 10^(k-15) */
    static const double half[] = {
        5e-20, 5e-19, 5e-18, 5e-17, 5e-16, 5e-15, 5e-14, 5e-13, 5e-12, 5e-11,
        5e-10, 5e-9,  5e-8,  5e-7,  5e-6,  5e-5,  5e-4,  5e-3,  5e-2};
    int k = 0;
    while (k < 18 && av >= p10[k + 1]) k++;
    /* |v - R/10^d| from the residual of one fused multiply-add, exact
       but for a relative 2^-52: far from the bound unless printf itself
       would be near a tie, where the margin sends it to printf */
    double err = fabs(fma(v, s, -rs)) / s;
    if (err < half[k] * (1 - 1e-9)) {
      long long r = (long long)rs;
      size_t n = kw_num_scaled(out, r, d);
      /* %g drops trailing zeros and a bare decimal point */
      if (d > 0) {
        while (out[n - 1] == '0') n--;
        if (out[n - 1] == '.') n--;
        out[n] = '\0';
      }
      return n;
    }
  }
  int n = snprintf(out, 48, "%.16g", v);
  return n < 0 ? 0 : (size_t)n;
}

/* Text the way libxlsxwriter stores an inline string. */
static void put_xml_text(kw_text *t, const char *s, size_t n) {
  size_t start = t->len;
  const char *run = s;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *rep = NULL;
    char ctl[8];
    if (c == '&') rep = "&amp;";
    else if (c == '<') rep = "&lt;";
    else if (c == '>') rep = "&gt;";
    else if (c < 0x20 && c != '\t' && c != '\n') {
      snprintf(ctl, sizeof ctl, "_x%04X_", c);
      rep = ctl;
    }
    if (!rep) continue;
    kw_text_putn(t, run, (size_t)(s + i - run));
    kw_text_put(t, rep);
    run = s + i + 1;
  }
  kw_text_putn(t, run, (size_t)(s + n - run));
  (void)start;
}

static bool blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

/* An inline string cell; the formula guard and Excel's length cut as in
 * xlsx.c's put_text. */
static void text_cell(kw_text *t, const char *ref, const char *s) {
  bool guard = kw_export_formula_like(s);
  size_t n = strlen(s);
  if (n > XLSX_MAX_TEXT - (guard ? 1u : 0u)) {
    n = XLSX_MAX_TEXT - (guard ? 1u : 0u);
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  unsigned char first = guard ? '\'' : (unsigned char)s[0];
  unsigned char last = n ? (unsigned char)s[n - 1] : first;
  /* control characters other than tab and newline become _xHHHH_ and
     are no blanks any more */
  bool pre = (blank(first) && (first == '\t' || first == '\n' || first == ' '))
             || (blank(last) && (last == '\t' || last == '\n' || last == ' '));
  kw_text_put(t, "<c r=\"");
  kw_text_put(t, ref);
  kw_text_put(t, pre ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                     : "\" t=\"inlineStr\"><is><t>");
  if (guard) kw_text_putc(t, '\'');
  put_xml_text(t, s, n);
  kw_text_put(t, "</t></is></c>");
}

static void number_cell(kw_text *t, const char *ref, int xf, const char *v,
                        size_t n) {
  char sbuf[16];
  kw_text_put(t, "<c r=\"");
  kw_text_put(t, ref);
  if (xf) {
    size_t k = kw_num_scaled(sbuf, xf, 0);
    kw_text_put(t, "\" s=\"");
    kw_text_putn(t, sbuf, k);
  }
  kw_text_put(t, "\"><v>");
  kw_text_putn(t, v, n);
  kw_text_put(t, "</v></c>");
}

/* Column letters of 0-based column c. */
static void col_name(char *out, size_t c) {
  char tmp[8];
  size_t k = 0;
  c += 1;
  while (c) {
    c -= 1;
    tmp[k++] = (char)('A' + c % 26);
    c /= 26;
  }
  for (size_t i = 0; i < k; i++) out[i] = tmp[k - 1 - i];
  out[k] = '\0';
}

void kw_xlsx_row(kw_text *t, const kw_analysis *a, const kw_xlsx_rows *s,
                 size_t r, kw_ccell *cell) {
  size_t i = s->rows ? s->rows[r] : r;
  char rowno[24], ref[40], v[48];
  size_t rn = kw_num_scaled(rowno, (int64_t)(r + 2), 0);
  size_t mark = t->len;
  bool any = false;
  kw_text_put(t, "<row r=\"");
  kw_text_putn(t, rowno, rn);
  kw_text_put(t, "\">");
  for (size_t j = 0; j < s->nc; j++) {
    kw_export_cell(a, s->lang, s->ids[j], i, false, cell);
    if (cell->kind == KW_CC_EMPTY) continue;
    any = true;
    size_t cl = strlen(s->col[j]);
    memcpy(ref, s->col[j], cl);
    memcpy(ref + cl, rowno, rn + 1);
    switch (cell->kind) {
      case KW_CC_TEXT:
        text_cell(t, ref, cell->s);
        break;
      case KW_CC_DATE: {
        /* Excel's serial day: days since 1899-12-30 */
        size_t n = kw_xlsx_number(v, cell->date + 25569.0, 0);
        number_cell(t, ref, s->date_xf, v, n);
        break;
      }
      default: {
        int d = cell->kind == KW_CC_MONEY ? 2
                : cell->kind == KW_CC_INT ? 0
                                          : s->decimals[j];
        size_t n = kw_xlsx_number(v, cell->d, d);
        number_cell(t, ref, s->xf[j], v, n);
      }
    }
  }
  if (!any) {
    t->len = mark; /* libxlsxwriter writes no row without cells */
    if (t->s) t->s[mark] = '\0';
    return;
  }
  kw_text_put(t, "</row>");
}

void kw_xlsx_rows_columns(kw_xlsx_rows *s) {
  for (size_t j = 0; j < s->nc && j < 64; j++) col_name(s->col[j], j);
}

/* ------------------------------------------------ the zip source */

typedef struct stream {
  const kw_analysis *a;
  const kw_xlsx_rows *s;
  const char *head, *tail; /* the placeholder around its data rows */
  size_t head_len, tail_len;
  int phase;               /* 0 head, 1 rows, 2 tail, 3 done */
  size_t r;                /* next data row */
  kw_text buf;
  size_t pos;              /* read position in buf */
  kw_ccell *cell;
  zip_error_t err;
} stream;

static zip_int64_t source_cb(void *user, void *data, zip_uint64_t len,
                             zip_source_cmd_t cmd) {
  stream *st = user;
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      st->phase = 0;
      st->r = 0;
      st->pos = 0;
      kw_text_clear(&st->buf);
      return 0;
    case ZIP_SOURCE_READ: {
      zip_uint64_t done = 0;
      char *out = data;
      while (done < len && st->phase < 3) {
        if (st->pos == st->buf.len) {
          kw_text_clear(&st->buf);
          st->pos = 0;
          if (st->phase == 0) {
            kw_text_putn(&st->buf, st->head, st->head_len);
            st->phase = 1;
          } else if (st->phase == 1) {
            for (int k = 0; k < 64 && st->r < st->s->nrows; k++, st->r++)
              kw_xlsx_row(&st->buf, st->a, st->s, st->r, st->cell);
            if (st->r >= st->s->nrows) st->phase = 2;
          } else {
            kw_text_putn(&st->buf, st->tail, st->tail_len);
            st->phase = 3;
          }
          if (st->buf.bad) {
            zip_error_set(&st->err, ZIP_ER_MEMORY, 0);
            return -1;
          }
        }
        size_t n = st->buf.len - st->pos;
        if (n > len - done) n = (size_t)(len - done);
        memcpy(out + done, st->buf.s + st->pos, n);
        st->pos += n;
        done += n;
      }
      return (zip_int64_t)done;
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      zip_stat_t *zs = data;
      zip_stat_init(zs);
      /* the date libxlsxwriter gives every entry */
      struct tm tm = {0};
      tm.tm_year = 80;
      tm.tm_mday = 1;
      tm.tm_isdst = -1;
      zs->mtime = mktime(&tm);
      zs->valid |= ZIP_STAT_MTIME;
      return sizeof *zs;
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&st->err, data, len);
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(
          ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
          ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SUPPORTS, -1);
    default:
      zip_error_set(&st->err, ZIP_ER_INVAL, 0);
      return -1;
  }
}

static const char *find(const char *s, size_t n, const char *what) {
  size_t w = strlen(what);
  for (size_t i = 0; i + w <= n; i++)
    if (s[i] == what[0] && memcmp(s + i, what, w) == 0) return s + i;
  return NULL;
}

kw_status kw_xlsx_rows_put(kw_context *ctx, const kw_analysis *a,
                           const char *file, const char *path,
                           const kw_xlsx_rows *sheets, size_t n) {
  int zerr = 0;
  zip_t *z = zip_open(file, 0, &zerr);
  if (!z) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, zerr);
    kw_status e = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path,
                              "reason", zip_error_strerror(&ze), NULL);
    zip_error_fini(&ze);
    return e;
  }
  kw_status st = KW_OK;
  stream *ss = kw_calloc(ctx, n ? n : 1, sizeof *ss);
  char **plac = kw_calloc(ctx, n ? n : 1, sizeof *plac);
  if (!ss || !plac) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  for (size_t k = 0; k < n && !st; k++) {
    const kw_xlsx_rows *s = &sheets[k];
    char name[64];
    snprintf(name, sizeof name, "xl/worksheets/sheet%zu.xml", s->sheet);
    zip_int64_t idx = zip_name_locate(z, name, 0);
    zip_stat_t zs;
    if (idx < 0 || zip_stat_index(z, (zip_uint64_t)idx, 0, &zs) != 0 ||
        !(zs.valid & ZIP_STAT_SIZE) || zs.size > (64u << 20)) {
      st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path, "reason",
                       "a sheet of the workbook is missing", NULL);
      break;
    }
    plac[k] = kw_malloc(ctx, (size_t)zs.size + 1);
    zip_file_t *f = plac[k] ? zip_fopen_index(z, (zip_uint64_t)idx, 0) : NULL;
    if (!plac[k] || !f ||
        zip_fread(f, plac[k], zs.size) != (zip_int64_t)zs.size) {
      if (f) zip_fclose(f);
      st = plac[k] ? kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path,
                               "reason", zip_strerror(z), NULL)
                   : kw_fail_nomem(ctx);
      break;
    }
    zip_fclose(f);
    size_t len = (size_t)zs.size;
    plac[k][len] = '\0';
    /* the header row is kept; what follows it up to </sheetData> (the
       placeholder of the last row) gives way to the rows */
    const char *row1 = find(plac[k], len, "<sheetData><row r=\"1\"");
    const char *end1 = row1 ? find(row1, len - (size_t)(row1 - plac[k]),
                                   "</row>")
                            : NULL;
    const char *tail = end1 ? find(end1, len - (size_t)(end1 - plac[k]),
                                   "</sheetData>")
                            : NULL;
    if (!tail) {
      st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path, "reason",
                       "a sheet of the workbook has an unexpected layout",
                       NULL);
      break;
    }
    stream *sm = &ss[k];
    sm->a = a;
    sm->s = s;
    sm->head = plac[k];
    sm->head_len = (size_t)(end1 + 6 - plac[k]);
    sm->tail = tail;
    sm->tail_len = len - (size_t)(tail - plac[k]);
    kw_text_init(&sm->buf, ctx);
    zip_error_init(&sm->err);
    sm->cell = kw_malloc(ctx, sizeof *sm->cell);
    if (!sm->cell) {
      st = kw_fail_nomem(ctx);
      break;
    }
    zip_source_t *src = zip_source_function(z, source_cb, sm);
    if (!src) {
      st = kw_fail_nomem(ctx);
      break;
    }
    /* a new entry of the same name (at the end of the archive) rather
       than a replaced one: libzip keeps a replaced entry's compression
       level at its default (9) when the method stays deflate */
    zip_int64_t nidx = -1;
    if (zip_delete(z, (zip_uint64_t)idx) != 0 ||
        (nidx = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
      zip_source_free(src);
      st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path, "reason",
                       zip_strerror(z), NULL);
      break;
    }
    /* level 1: the XML is regular; a higher level costs twice the time
       or more for a quarter less size */
    if (zip_set_file_compression(z, (zip_uint64_t)nidx, ZIP_CM_DEFLATE, 1)) {
      st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path, "reason",
                       zip_strerror(z), NULL);
      break;
    }
  }
  if (st) {
    zip_discard(z);
  } else if (zip_close(z) != 0) {
    /* the system's reason when there is one ("No space left on device") */
    zip_error_t *ze = zip_get_error(z);
    int sys = zip_error_system_type(ze) == ZIP_ET_SYS
                  ? zip_error_code_system(ze) : 0;
    for (size_t k = 0; !sys && k < n; k++)
      if (zip_error_code_zip(&ss[k].err) == ZIP_ER_MEMORY) sys = ENOMEM;
    st = kw_out_fail(ctx, sys == ENOMEM ? KW_ENOMEM : KW_EIO,
                     "out.err.write", "path", path, "reason",
                     sys ? kw_sys_reason(sys) : zip_strerror(z), NULL);
    zip_discard(z);
  }
out:
  for (size_t k = 0; ss && plac && k < n; k++) {
    kw_text_free(&ss[k].buf);
    kw_free(ctx, ss[k].cell);
    kw_free(ctx, plac[k]);
    zip_error_fini(&ss[k].err);
  }
  kw_free(ctx, ss);
  kw_free(ctx, plac);
  return st;
}
