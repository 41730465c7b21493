/*
 * klantwijs/report.h — writing results: number formatting in the user's
 * convention, result tables as terminal tables, CSV or JSON, key figures,
 * and a streaming JSON writer for documents too large for a DOM.
 *
 * A kw_rtable is a view: its columns point at arrays the caller owns (a
 * summary's or a model's), so writing a million customers copies nothing.
 * Writers take a FILE* the caller opened; they never open files themselves
 * (kw_atomic_* below does that for output paths).
 */
#ifndef KLANTWIJS_REPORT_H
#define KLANTWIJS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kw_lang { KW_LANG_EN = 0, KW_LANG_NL } kw_lang;
typedef enum kw_format {
  KW_FORMAT_TABLE = 0,
  KW_FORMAT_CSV,
  KW_FORMAT_JSON
} kw_format;

/* Parse "en"/"nl" and "table"/"csv"/"json"; false when unknown. */
KW_API bool kw_lang_parse(const char *s, kw_lang *out);
KW_API bool kw_format_parse(const char *s, kw_format *out);

/*
 * The one message table (report texts, command-line help, usage errors and
 * warnings), English and Dutch, by dotted key ("cli.err.unknown_option").
 * kw_message returns the text in lang, or NULL when there is no such key.
 * kw_message_fill writes it into buf (at most cap bytes, NUL included) with
 * each {name} placeholder replaced by the value of that name (names[i] ->
 * values[i]; a placeholder without a value stays as written; an unknown
 * key gives the key itself). Returns the length of the full text.
 */
KW_API const char *kw_message(const char *key, kw_lang lang);
KW_API size_t kw_message_fill(char *buf, size_t cap, const char *key,
                              kw_lang lang, const char *const *names,
                              const char *const *values, size_t n);

/* "1,234.56" (en) or "1.234,56" (nl); negative with a leading '-'.
 * buf needs 32 bytes. Returns buf. */
KW_API char *kw_fmt_money(char *buf, int64_t cents, kw_lang lang);
/* Money for machines: "-1234.56" ('.' decimals, no grouping); "" for
 * KW_NA_MONEY. buf needs 32 bytes. Returns buf. */
KW_API char *kw_fmt_money_plain(char *buf, int64_t cents);
/* A number with fixed decimals and grouping in the user's convention. */
KW_API char *kw_fmt_number(char *buf, double v, int decimals, kw_lang lang);
/* A number for machines: '.' decimal mark, no grouping, whatever the
 * process locale; shortest form that round-trips for 15 digits. */
KW_API char *kw_fmt_plain(char *buf, double v);

typedef enum kw_cell_type {
  KW_CELL_STR,   /* const char *const *: a string per row */
  KW_CELL_ID,    /* const uint32_t *: ids into dict; NULL: the row is the id */
  KW_CELL_CODE,  /* const uint8_t *: index into labels (labels_nl) */
  KW_CELL_U32,   /* const uint32_t * */
  KW_CELL_I64,   /* const int64_t * */
  KW_CELL_MONEY, /* const int64_t *: cents; KW_NA_MONEY = missing */
  KW_CELL_F64,   /* const double *: NaN = missing */
  KW_CELL_PCT,   /* const double *: a fraction, shown as a percentage */
  KW_CELL_DATE   /* const int32_t *: days; KW_NA_DATE = missing */
} kw_cell_type;

typedef struct kw_rcol {
  const char *key;      /* machine name: CSV header, JSON member */
  const char *label;    /* terminal header (English) */
  const char *label_nl; /* terminal header in Dutch; NULL = label */
  kw_cell_type type;
  int decimals;         /* F64/PCT */
  const void *data;
  const kw_dict *dict;  /* ID */
  const char *const *labels;    /* CODE */
  const char *const *labels_nl; /* CODE, Dutch; NULL = labels */
} kw_rcol;

typedef struct kw_rtable {
  const char *title;
  size_t nrows;         /* rows to write */
  const uint32_t *rows; /* indices into the column arrays; NULL = 0..n-1 */
  size_t ncols;
  const kw_rcol *cols;
} kw_rtable;

/* A key figure. */
typedef struct kw_kv {
  const char *key;
  const char *label;
  const char *label_nl;
  kw_cell_type type; /* STR, I64, MONEY, F64, PCT, DATE */
  int decimals;
  union {
    const char *s;
    int64_t i;
    double d;
  } v;
} kw_kv;

/* Write a table; a terminal table shows at most max_rows rows (0 = all)
 * and says how many were left out. */
KW_API kw_status kw_write_rtable(kw_context *ctx, FILE *f, const kw_rtable *t,
                                 kw_format fmt, kw_lang lang, size_t max_rows);
/* Key figures: "label  value" lines, CSV key,value rows or a JSON object. */
KW_API kw_status kw_write_kv(kw_context *ctx, FILE *f, const char *title,
                             const kw_kv *kv, size_t n, kw_format fmt,
                             kw_lang lang);

/* ---------------------------------------------- streaming JSON writer */

typedef struct kw_jw kw_jw;
KW_API kw_jw *kw_jw_new(kw_context *ctx, FILE *f);
/* Frees the writer; returns KW_EIO when the stream had an error or the
 * document was left unbalanced. */
KW_API kw_status kw_jw_finish(kw_jw *w);
/* key is the member name inside an object, NULL inside an array. */
KW_API void kw_jw_begin_object(kw_jw *w, const char *key);
KW_API void kw_jw_end_object(kw_jw *w);
KW_API void kw_jw_begin_array(kw_jw *w, const char *key);
KW_API void kw_jw_end_array(kw_jw *w);
KW_API void kw_jw_str(kw_jw *w, const char *key, const char *s);
KW_API void kw_jw_int(kw_jw *w, const char *key, int64_t v);
/* Non-finite values are written as null. */
KW_API void kw_jw_num(kw_jw *w, const char *key, double v);
KW_API void kw_jw_money(kw_jw *w, const char *key, int64_t cents);
KW_API void kw_jw_bool(kw_jw *w, const char *key, bool v);
KW_API void kw_jw_null(kw_jw *w, const char *key);
KW_API void kw_jw_date(kw_jw *w, const char *key, int32_t days);
/* An array of row objects, and key figures as members of the current
 * object. */
KW_API void kw_jw_rtable(kw_jw *w, const char *key, const kw_rtable *t);
KW_API void kw_jw_kv(kw_jw *w, const kw_kv *kv, size_t n);

/* ------------------------------------------------ atomic output files */

/* Opens a temporary file beside path; kw_atomic_commit() flushes, syncs
 * and renames it over path; kw_atomic_abort() removes it. */
typedef struct kw_atomic kw_atomic;
KW_API kw_status kw_atomic_open(kw_context *ctx, const char *path,
                                kw_atomic **out);
KW_API FILE *kw_atomic_file(kw_atomic *a);
KW_API kw_status kw_atomic_commit(kw_atomic *a);
KW_API void kw_atomic_abort(kw_atomic *a);

#ifdef __cplusplus
}
#endif
#endif
