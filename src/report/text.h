/*
 * text.h — a growable text buffer for the report writers, and the
 * formatters of amounts with a currency. Internal.
 */
#ifndef KW_REPORT_TEXT_H
#define KW_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/core.h"
#include "klantwijs/report.h"

/* A string that grows; on allocation failure it sets `bad` and stops
 * growing, so a writer checks once at the end. */
typedef struct kw_text {
  kw_context *ctx;
  char *s;
  size_t len, cap;
  bool bad;
} kw_text;

void kw_text_init(kw_text *t, kw_context *ctx);
void kw_text_free(kw_text *t);
void kw_text_clear(kw_text *t);
void kw_text_put(kw_text *t, const char *s);
void kw_text_putn(kw_text *t, const char *s, size_t n);
void kw_text_putc(kw_text *t, char c);
void kw_text_printf(kw_text *t, const char *fmt, ...) KW_PRINTF(2, 3);
/* Text with & < > " escaped for HTML and XML (attributes too). */
void kw_text_esc(kw_text *t, const char *s);
/* A double for SVG coordinates: '.' decimal, at most 2 decimals. */
void kw_text_coord(kw_text *t, double v);
/* Write the buffer to f and clear it; false on a write error. */
bool kw_text_flush(kw_text *t, FILE *f);

/* The symbol of a currency code ("EUR" -> "€"), or the code itself. */
const char *kw_currency_symbol(const char *code);
/* An amount with its currency in the language: en "€1,234.56",
 * nl "€ 1.234,56"; decimals 0 rounds to whole units. buf: 48 bytes. */
char *kw_fmt_currency(char *buf, int64_t cents, int decimals, kw_lang lang,
                      const char *currency);
/* A fraction as a percentage: 0.256 -> "25.6%" / "25,6%". buf: 40. */
char *kw_fmt_pct(char *buf, double fraction, int decimals, kw_lang lang);
/* A date in the language: en 2024-03-01, nl 01-03-2024. buf: 11. */
char *kw_fmt_date(char *buf, int32_t day, kw_lang lang);

/* A failure of a report writer by key (the "out.err." rows of the message
 * table): the English sentence as kw_errmsg, the key and the name, value
 * pairs (ending with NULL) for the reader's language. Returns st. */
kw_status kw_out_fail(kw_context *ctx, kw_status st, const char *key, ...);

#endif
