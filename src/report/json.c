/*
 * json.c — a streaming JSON writer. Documents with a million customers are
 * written row by row without building a tree (a jansson DOM would need
 * gigabytes for that); small documents that are read back use jansson.
 * Strings are escaped per RFC 8259; control bytes become \u00XX; non-finite
 * numbers become null. Output is indented two spaces per level.
 */
#include <math.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/report.h"
#include "report/jw.h"

#define JW_MAX_DEPTH 32

struct kw_jw {
  kw_context *ctx;
  FILE *f;
  int depth;
  bool first[JW_MAX_DEPTH]; /* no member written yet at this level */
  bool bad;
};

kw_jw *kw_jw_new(kw_context *ctx, FILE *f) {
  kw_jw *w = kw_calloc(ctx, 1, sizeof *w);
  if (!w) return NULL;
  w->ctx = ctx;
  w->f = f;
  w->first[0] = true;
  return w;
}

kw_status kw_jw_finish(kw_jw *w) {
  if (!w) return KW_ENOMEM;
  kw_context *ctx = w->ctx;
  bool bad = w->bad || w->depth != 0;
  fputc('\n', w->f);
  if (ferror(w->f)) bad = true;
  kw_free(ctx, w);
  return bad ? kw_fail(ctx, KW_EIO, "JSON output failed") : KW_OK;
}

static void indent(kw_jw *w) {
  fputc('\n', w->f);
  for (int i = 0; i < w->depth; i++) fputs("  ", w->f);
}

static void put_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;
    if (c == '"' || c == '\\') {
      fputc('\\', f);
      fputc(c, f);
    } else if (c == '\n') {
      fputs("\\n", f);
    } else if (c == '\r') {
      fputs("\\r", f);
    } else if (c == '\t') {
      fputs("\\t", f);
    } else if (c < 0x20) {
      fprintf(f, "\\u%04x", c);
    } else {
      fputc(c, f);
    }
  }
  fputc('"', f);
}

/* Separator, indentation and the member name before a value. */
static void member(kw_jw *w, const char *key) {
  if (w->depth > 0) {
    if (!w->first[w->depth]) fputc(',', w->f);
    indent(w);
  }
  w->first[w->depth] = false;
  if (key) {
    put_string(w->f, key);
    fputs(": ", w->f);
  }
}

static void open_level(kw_jw *w, const char *key, char c) {
  member(w, key);
  fputc(c, w->f);
  if (w->depth + 1 >= JW_MAX_DEPTH) {
    w->bad = true;
    return;
  }
  w->depth++;
  w->first[w->depth] = true;
}

static void close_level(kw_jw *w, char c) {
  if (w->depth == 0) {
    w->bad = true;
    return;
  }
  bool empty = w->first[w->depth];
  w->depth--;
  if (!empty) indent(w);
  fputc(c, w->f);
}

void kw_jw_begin_object(kw_jw *w, const char *key) { open_level(w, key, '{'); }
void kw_jw_end_object(kw_jw *w) { close_level(w, '}'); }
void kw_jw_begin_array(kw_jw *w, const char *key) { open_level(w, key, '['); }
void kw_jw_end_array(kw_jw *w) { close_level(w, ']'); }

void kw_jw_str(kw_jw *w, const char *key, const char *s) {
  member(w, key);
  if (s)
    put_string(w->f, s);
  else
    fputs("null", w->f);
}
void kw_jw_int(kw_jw *w, const char *key, int64_t v) {
  member(w, key);
  fprintf(w->f, "%lld", (long long)v);
}
void kw_jw_num(kw_jw *w, const char *key, double v) {
  char buf[32];
  member(w, key);
  fputs(kw_fmt_plain(buf, v), w->f);
}
void kw_jw_money(kw_jw *w, const char *key, int64_t cents) {
  member(w, key);
  if (cents == KW_NA_MONEY) {
    fputs("null", w->f);
    return;
  }
  char buf[32];
  fputs(kw_fmt_money_plain(buf, cents), w->f);
}
void kw_jw_bool(kw_jw *w, const char *key, bool v) {
  member(w, key);
  fputs(v ? "true" : "false", w->f);
}
void kw_jw_null(kw_jw *w, const char *key) {
  member(w, key);
  fputs("null", w->f);
}
void kw_jw_date(kw_jw *w, const char *key, int32_t days) {
  if (days == KW_NA_DATE) {
    kw_jw_null(w, key);
    return;
  }
  char buf[11];
  kw_jw_str(w, key, kw_date_format(buf, days, 0));
}
