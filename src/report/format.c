/*
 * format.c — numbers as people read them (en: 1,234.56; nl: 1.234,56) and
 * as machines read them ('.' decimal, no grouping), independent of the
 * process locale: digits are produced here, never by printf's %f with a
 * locale-dependent decimal point.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "klantwijs/report.h"

bool kw_lang_parse(const char *s, kw_lang *out) {
  if (strcmp(s, "en") == 0) *out = KW_LANG_EN;
  else if (strcmp(s, "nl") == 0) *out = KW_LANG_NL;
  else return false;
  return true;
}

bool kw_format_parse(const char *s, kw_format *out) {
  if (strcmp(s, "table") == 0) *out = KW_FORMAT_TABLE;
  else if (strcmp(s, "csv") == 0) *out = KW_FORMAT_CSV;
  else if (strcmp(s, "json") == 0) *out = KW_FORMAT_JSON;
  else return false;
  return true;
}

/* Writes an unsigned integer with thousands grouping; returns length. */
static size_t group_digits(char *out, unsigned long long v, char sep) {
  char tmp[32];
  size_t n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0 && sep) out[k++] = sep;
    out[k++] = tmp[n - 1 - i];
  }
  out[k] = '\0';
  return k;
}

char *kw_fmt_money(char *buf, int64_t cents, kw_lang lang) {
  if (cents == KW_NA_MONEY) {
    buf[0] = '\0';
    return buf;
  }
  char sep = lang == KW_LANG_NL ? '.' : ',';
  char dec = lang == KW_LANG_NL ? ',' : '.';
  unsigned long long a =
      cents < 0 ? (unsigned long long)(-(cents + 1)) + 1 : (unsigned long long)cents;
  size_t k = 0;
  if (cents < 0) buf[k++] = '-';
  k += group_digits(buf + k, a / 100, sep);
  buf[k++] = dec;
  buf[k++] = (char)('0' + (a % 100) / 10);
  buf[k++] = (char)('0' + a % 10);
  buf[k] = '\0';
  return buf;
}

char *kw_fmt_money_plain(char *buf, int64_t cents) {
  if (cents == KW_NA_MONEY) {
    buf[0] = '\0';
    return buf;
  }
  unsigned long long a = cents < 0 ? (unsigned long long)(-(cents + 1)) + 1
                                   : (unsigned long long)cents;
  snprintf(buf, 32, "%s%llu.%02llu", cents < 0 ? "-" : "", a / 100, a % 100);
  return buf;
}

char *kw_fmt_number(char *buf, double v, int decimals, kw_lang lang) {
  if (!isfinite(v)) {
    strcpy(buf, isnan(v) ? "" : (v > 0 ? "inf" : "-inf"));
    return buf;
  }
  if (decimals < 0) decimals = 0;
  if (decimals > 9) decimals = 9;
  double scale = 1;
  for (int i = 0; i < decimals; i++) scale *= 10;
  double r = round(fabs(v) * scale);
  if (r > 9e18) { /* beyond int64: fall back to exponent form */
    snprintf(buf, 32, "%.3e", v);
    for (char *p = buf; *p; p++)
      if (*p == ',') *p = '.';
    return buf;
  }
  unsigned long long u = (unsigned long long)r;
  unsigned long long ip = u, fp = 0, s = 1;
  for (int i = 0; i < decimals; i++) s *= 10;
  ip = u / s;
  fp = u % s;
  size_t k = 0;
  if (v < 0 && u != 0) buf[k++] = '-';
  k += group_digits(buf + k, ip, lang == KW_LANG_NL ? '.' : ',');
  if (decimals > 0) {
    buf[k++] = lang == KW_LANG_NL ? ',' : '.';
    for (int i = decimals - 1; i >= 0; i--) {
      buf[k + (size_t)i] = (char)('0' + fp % 10);
      fp /= 10;
    }
    k += (size_t)decimals;
  }
  buf[k] = '\0';
  return buf;
}

char *kw_fmt_plain(char *buf, double v) {
  if (!isfinite(v)) {
    strcpy(buf, "null");
    return buf;
  }
  if (v == 0) v = 0; /* no "-0" */
  snprintf(buf, 32, "%.15g", v);
  /* a locale may have put another decimal mark in */
  for (char *p = buf; *p; p++)
    if (!(*p >= '0' && *p <= '9') && *p != '-' && *p != '+' && *p != 'e')
      *p = '.';
  return buf;
}

/* ------------------------------------------------ text for a terminal */

/* Length of the valid UTF-8 character at s that is not a control
 * character (C1: U+0080..U+009F), or 0. */
static size_t safe_char(const unsigned char *s) {
  unsigned char c = s[0];
  if (c >= 0x20 && c < 0x7F) return 1;
  if (c < 0xC2 || c > 0xF4) return 0;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  for (size_t k = 1; k < n; k++)
    if ((s[k] & 0xC0) != 0x80) return 0;
  if (n == 2 && c == 0xC2 && s[1] < 0xA0) return 0; /* C1 controls */
  if (n == 3 && c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
  if (n == 3 && c == 0xED && s[1] >= 0xA0) return 0; /* surrogates */
  if (n == 4 && c == 0xF0 && s[1] < 0x90) return 0;
  if (n == 4 && c == 0xF4 && s[1] >= 0x90) return 0;
  return n;
}

/* The escape of one unsafe byte: "\n", "\t", "\r" or "\xNN". */
static size_t escape_byte(unsigned char c, char *e) {
  if (c == '\n') return (size_t)snprintf(e, 5, "\\n");
  if (c == '\t') return (size_t)snprintf(e, 5, "\\t");
  if (c == '\r') return (size_t)snprintf(e, 5, "\\r");
  return (size_t)snprintf(e, 5, "\\x%02x", c);
}

char *kw_term_text(char *out, size_t cap, const char *s) {
  if (!cap) return out;
  size_t o = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t n = safe_char(p);
    char e[8];
    const char *src = (const char *)p;
    if (!n) {
      src = e;
      n = escape_byte(*p, e);
    }
    if (o + n >= cap) break;
    memcpy(out + o, src, n);
    o += n;
    p += src == e ? 1 : n;
  }
  out[o] = '\0';
  return out;
}

size_t kw_term_width(const char *s) {
  size_t w = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t n = safe_char(p);
    if (n) {
      w++;
      p += n;
    } else {
      char e[8];
      w += escape_byte(*p, e);
      p++;
    }
  }
  return w;
}

void kw_term_put(FILE *f, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    const unsigned char *q = p;
    size_t n;
    while ((n = safe_char(q))) q += n;
    if (q > p) fwrite(p, 1, (size_t)(q - p), f);
    if (!*q) break;
    char e[8];
    fwrite(e, 1, escape_byte(*q, e), f);
    p = q + 1;
  }
}
