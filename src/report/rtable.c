/*
 * rtable.c — result tables (column views) and key figures written as an
 * aligned terminal table, CSV (RFC 4180, '.' decimals: for machines) or JSON.
 *
 * Cells are formatted on the fly from the caller's arrays. The terminal
 * writer makes one pass to measure column widths (in code points, so Dutch
 * accents align) and one to print; CSV and JSON stream in a single pass.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/report.h"
#include "report/jw.h"

/* Formats a cell for people (table) or machines (csv); returns the text.
 * *numeric tells whether it right-aligns. */
static const char *cell_text(const kw_rcol *c, size_t row, char *buf,
                             bool human, kw_lang lang, bool *numeric) {
  *numeric = true;
  switch (c->type) {
    case KW_CELL_STR: {
      *numeric = false;
      const char *s = ((const char *const *)c->data)[row];
      return s ? s : "";
    }
    case KW_CELL_ID: {
      *numeric = false;
      uint32_t id = c->data ? ((const uint32_t *)c->data)[row] : (uint32_t)row;
      return id == KW_NA_ID ? "" : kw_dict_str(c->dict, id);
    }
    case KW_CELL_CODE: {
      *numeric = false;
      uint8_t k = ((const uint8_t *)c->data)[row];
      const char *const *l =
          lang == KW_LANG_NL && c->labels_nl ? c->labels_nl : c->labels;
      return l[k];
    }
    case KW_CELL_U32:
      snprintf(buf, 32, "%u", ((const uint32_t *)c->data)[row]);
      return buf;
    case KW_CELL_I64:
      snprintf(buf, 32, "%lld", (long long)((const int64_t *)c->data)[row]);
      return buf;
    case KW_CELL_MONEY: {
      int64_t v = ((const int64_t *)c->data)[row];
      return human ? kw_fmt_money(buf, v, lang) : kw_fmt_money_plain(buf, v);
    }
    case KW_CELL_F64:
    case KW_CELL_PCT: {
      double v = ((const double *)c->data)[row];
      if (isnan(v)) return "";
      if (c->type == KW_CELL_PCT && human) {
        kw_fmt_number(buf, v * 100.0, c->decimals, lang);
        strcat(buf, "%");
        return buf;
      }
      if (human) return kw_fmt_number(buf, v, c->decimals, lang);
      return kw_fmt_plain(buf, v);
    }
    case KW_CELL_DATE: {
      int32_t d = ((const int32_t *)c->data)[row];
      return kw_date_format(buf, d, human && lang == KW_LANG_NL ? 1 : 0);
    }
  }
  return "";
}

/* Display width of UTF-8 text as the terminal shows it: code points, not
 * bytes, control characters escaped (kw_term_put). */
static size_t text_width(const char *s) { return kw_term_width(s); }

/* guard: a text cell from data that a spreadsheet would take for a
 * formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP). */
static void put_csv(FILE *f, const char *s, bool guard) {
  guard = guard && s[0] && strchr("=+-@\t\r", s[0]);
  if (strpbrk(s, ",\"\r\n") == NULL) {
    if (guard) fputc('\'', f);
    fputs(s, f);
    return;
  }
  fputc('"', f);
  if (guard) fputc('\'', f);
  for (; *s; s++) {
    if (*s == '"') fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static void pad(FILE *f, size_t n) {
  for (size_t i = 0; i < n; i++) fputc(' ', f);
}

static const char *col_label(const kw_rcol *c, kw_lang lang) {
  return lang == KW_LANG_NL && c->label_nl ? c->label_nl : c->label;
}

void kw_jw_rtable(kw_jw *w, const char *key, const kw_rtable *t) {
  char buf[64];
  bool numeric;
  kw_jw_begin_array(w, key);
  for (size_t r = 0; r < t->nrows; r++) {
    size_t row = t->rows ? t->rows[r] : r;
    kw_jw_begin_object(w, NULL);
    for (size_t j = 0; j < t->ncols; j++) {
      const kw_rcol *c = &t->cols[j];
      switch (c->type) {
        case KW_CELL_U32:
          kw_jw_int(w, c->key, ((const uint32_t *)c->data)[row]);
          break;
        case KW_CELL_I64:
          kw_jw_int(w, c->key, ((const int64_t *)c->data)[row]);
          break;
        case KW_CELL_MONEY:
          kw_jw_money(w, c->key, ((const int64_t *)c->data)[row]);
          break;
        case KW_CELL_F64:
        case KW_CELL_PCT:
          kw_jw_num(w, c->key, ((const double *)c->data)[row]);
          break;
        case KW_CELL_DATE:
          kw_jw_date(w, c->key, ((const int32_t *)c->data)[row]);
          break;
        default:
          kw_jw_str(w, c->key,
                    cell_text(c, row, buf, false, KW_LANG_EN, &numeric));
      }
    }
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
}

kw_status kw_write_rtable(kw_context *ctx, FILE *f, const kw_rtable *t,
                          kw_format fmt, kw_lang lang, size_t max_rows) {
  char buf[64];
  bool numeric;
  if (fmt == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) return kw_fail_nomem(ctx);
    kw_jw_rtable(w, NULL, t);
    return kw_jw_finish(w);
  }
  if (fmt == KW_FORMAT_CSV) {
    for (size_t j = 0; j < t->ncols; j++) {
      if (j) fputc(',', f);
      put_csv(f, t->cols[j].key, false);
    }
    fputc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
      size_t row = t->rows ? t->rows[r] : r;
      for (size_t j = 0; j < t->ncols; j++) {
        if (j) fputc(',', f);
        put_csv(f, cell_text(&t->cols[j], row, buf, false, lang, &numeric),
                t->cols[j].type == KW_CELL_STR ||
                    t->cols[j].type == KW_CELL_ID);
      }
      fputc('\n', f);
    }
    return ferror(f) ? kw_fail(ctx, KW_EIO, "write failed") : KW_OK;
  }
  size_t shown = t->nrows;
  if (max_rows && shown > max_rows) shown = max_rows;
  size_t *width = kw_calloc(ctx, t->ncols ? t->ncols : 1, sizeof *width);
  bool *right = kw_calloc(ctx, t->ncols ? t->ncols : 1, sizeof *right);
  if (!width || !right) {
    kw_free(ctx, width);
    kw_free(ctx, right);
    return kw_fail_nomem(ctx);
  }
  for (size_t j = 0; j < t->ncols; j++) {
    width[j] = text_width(col_label(&t->cols[j], lang));
    right[j] = t->cols[j].type != KW_CELL_STR &&
               t->cols[j].type != KW_CELL_ID && t->cols[j].type != KW_CELL_CODE;
  }
  for (size_t r = 0; r < shown; r++) {
    size_t row = t->rows ? t->rows[r] : r;
    for (size_t j = 0; j < t->ncols; j++) {
      size_t wd = text_width(cell_text(&t->cols[j], row, buf, true, lang, &numeric));
      if (wd > width[j]) width[j] = wd;
    }
  }
  if (t->title) fprintf(f, "%s\n", t->title);
  for (size_t j = 0; j < t->ncols; j++) {
    const char *l = col_label(&t->cols[j], lang);
    size_t wd = text_width(l);
    if (j) fputs("  ", f);
    if (right[j]) pad(f, width[j] - wd);
    kw_term_put(f, l);
    if (!right[j] && j + 1 < t->ncols) pad(f, width[j] - wd);
  }
  fputc('\n', f);
  for (size_t j = 0; j < t->ncols; j++) {
    if (j) fputs("  ", f);
    for (size_t k = 0; k < width[j]; k++) fputc('-', f);
  }
  fputc('\n', f);
  for (size_t r = 0; r < shown; r++) {
    size_t row = t->rows ? t->rows[r] : r;
    for (size_t j = 0; j < t->ncols; j++) {
      const char *s = cell_text(&t->cols[j], row, buf, true, lang, &numeric);
      size_t wd = text_width(s);
      if (j) fputs("  ", f);
      if (right[j]) pad(f, width[j] - wd);
      kw_term_put(f, s);
      if (!right[j] && j + 1 < t->ncols) pad(f, width[j] - wd);
    }
    fputc('\n', f);
  }
  if (shown < t->nrows)
    fprintf(f, lang == KW_LANG_NL ? "... en nog %zu rijen\n"
                                  : "... and %zu more rows\n",
            t->nrows - shown);
  kw_free(ctx, width);
  kw_free(ctx, right);
  return ferror(f) ? kw_fail(ctx, KW_EIO, "write failed") : KW_OK;
}

/* A key figure's value as text. */
static const char *kv_text(const kw_kv *k, char *buf, bool human, kw_lang lang) {
  switch (k->type) {
    case KW_CELL_STR:
      return k->v.s ? k->v.s : "";
    case KW_CELL_MONEY:
      return human ? kw_fmt_money(buf, k->v.i, lang)
                   : kw_fmt_money_plain(buf, k->v.i);
    case KW_CELL_F64:
    case KW_CELL_PCT:
      if (isnan(k->v.d)) return "";
      if (!human) return kw_fmt_plain(buf, k->v.d);
      if (k->type == KW_CELL_PCT) {
        kw_fmt_number(buf, k->v.d * 100.0, k->decimals, lang);
        strcat(buf, "%");
        return buf;
      }
      return kw_fmt_number(buf, k->v.d, k->decimals, lang);
    case KW_CELL_DATE:
      return kw_date_format(buf, (int32_t)k->v.i,
                            human && lang == KW_LANG_NL ? 1 : 0);
    default:
      snprintf(buf, 32, "%lld", (long long)k->v.i);
      return buf;
  }
}

void kw_jw_kv(kw_jw *w, const kw_kv *kv, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const kw_kv *k = &kv[i];
    switch (k->type) {
      case KW_CELL_STR:
        kw_jw_str(w, k->key, k->v.s);
        break;
      case KW_CELL_MONEY:
        kw_jw_money(w, k->key, k->v.i);
        break;
      case KW_CELL_F64:
      case KW_CELL_PCT:
        kw_jw_num(w, k->key, k->v.d);
        break;
      case KW_CELL_DATE:
        kw_jw_date(w, k->key, (int32_t)k->v.i);
        break;
      default:
        kw_jw_int(w, k->key, k->v.i);
    }
  }
}

kw_status kw_write_kv(kw_context *ctx, FILE *f, const char *title,
                      const kw_kv *kv, size_t n, kw_format fmt, kw_lang lang) {
  char buf[64];
  if (fmt == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) return kw_fail_nomem(ctx);
    kw_jw_begin_object(w, NULL);
    kw_jw_kv(w, kv, n);
    kw_jw_end_object(w);
    return kw_jw_finish(w);
  }
  if (fmt == KW_FORMAT_CSV) {
    fputs("key,value\n", f);
    for (size_t i = 0; i < n; i++) {
      put_csv(f, kv[i].key, false);
      fputc(',', f);
      put_csv(f, kv_text(&kv[i], buf, false, lang), kv[i].type == KW_CELL_STR);
      fputc('\n', f);
    }
    return ferror(f) ? kw_fail(ctx, KW_EIO, "write failed") : KW_OK;
  }
  size_t lw = 0;
  for (size_t i = 0; i < n; i++) {
    const char *l = lang == KW_LANG_NL && kv[i].label_nl ? kv[i].label_nl
                                                          : kv[i].label;
    size_t wd = text_width(l);
    if (wd > lw) lw = wd;
  }
  if (title) fprintf(f, "%s\n", title);
  for (size_t i = 0; i < n; i++) {
    const char *l = lang == KW_LANG_NL && kv[i].label_nl ? kv[i].label_nl
                                                          : kv[i].label;
    fprintf(f, "  %s", l);
    pad(f, lw - text_width(l) + 2);
    kw_term_put(f, kv_text(&kv[i], buf, true, lang));
    fputc('\n', f);
  }
  return ferror(f) ? kw_fail(ctx, KW_EIO, "write failed") : KW_OK;
}
