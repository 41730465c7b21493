/*
 * text.c — the report writers build HTML, SVG and messages in a growable
 * buffer (one allocation pattern, one error flag checked at the end) and
 * format amounts with a currency in the reader's convention. Digits come
 * from kw_fmt_money / kw_fmt_number, never from a locale-dependent printf.
 */
#include "report/text.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

void kw_text_init(kw_text *t, kw_context *ctx) {
  memset(t, 0, sizeof *t);
  t->ctx = ctx;
}

void kw_text_free(kw_text *t) {
  kw_free(t->ctx, t->s);
  t->s = NULL;
  t->len = t->cap = 0;
}

void kw_text_clear(kw_text *t) {
  t->len = 0;
  if (t->s) t->s[0] = '\0';
}

static bool grow(kw_text *t, size_t extra) {
  if (t->bad) return false;
  if (t->len + extra + 1 <= t->cap) return true;
  size_t cap = t->cap ? t->cap : 256;
  while (cap < t->len + extra + 1) cap *= 2;
  char *s = kw_realloc(t->ctx, t->s, cap);
  if (!s) {
    t->bad = true;
    return false;
  }
  t->s = s;
  t->cap = cap;
  return true;
}

void kw_text_putn(kw_text *t, const char *s, size_t n) {
  if (!grow(t, n)) return;
  memcpy(t->s + t->len, s, n);
  t->len += n;
  t->s[t->len] = '\0';
}

void kw_text_put(kw_text *t, const char *s) { kw_text_putn(t, s, strlen(s)); }

void kw_text_putc(kw_text *t, char c) {
  if (!t->bad && t->len + 2 <= t->cap) { /* room: no call, no copy */
    t->s[t->len++] = c;
    t->s[t->len] = '\0';
    return;
  }
  kw_text_putn(t, &c, 1);
}

void kw_text_printf(kw_text *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    kw_text_putn(t, small, (size_t)n);
    return;
  }
  if (!grow(t, (size_t)n)) return;
  va_start(ap, fmt);
  vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  t->len += (size_t)n;
}

void kw_text_esc(kw_text *t, const char *s) {
  const char *run = s;
  for (; *s; s++) {
    const char *rep = NULL;
    switch (*s) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      default: break;
    }
    if (!rep) continue;
    kw_text_putn(t, run, (size_t)(s - run));
    kw_text_put(t, rep);
    run = s + 1;
  }
  kw_text_putn(t, run, (size_t)(s - run));
}

void kw_text_coord(kw_text *t, double v) {
  if (!isfinite(v)) v = 0;
  long long c = llround(v * 100.0);
  bool neg = c < 0;
  unsigned long long a = neg ? (unsigned long long)(-c) : (unsigned long long)c;
  char buf[40];
  if (a % 100 == 0)
    snprintf(buf, sizeof buf, "%s%llu", neg ? "-" : "", a / 100);
  else if (a % 10 == 0)
    snprintf(buf, sizeof buf, "%s%llu.%llu", neg ? "-" : "", a / 100,
             (a % 100) / 10);
  else
    snprintf(buf, sizeof buf, "%s%llu.%02llu", neg ? "-" : "", a / 100,
             a % 100);
  kw_text_put(t, buf);
}

bool kw_text_flush(kw_text *t, FILE *f) {
  bool ok = !t->bad;
  if (ok && t->len && fwrite(t->s, 1, t->len, f) != t->len) ok = false;
  kw_text_clear(t);
  return ok;
}

const char *kw_currency_symbol(const char *code) {
  if (!code || !code[0] || strcmp(code, "EUR") == 0) return "\xE2\x82\xAC";
  if (strcmp(code, "USD") == 0) return "$";
  if (strcmp(code, "GBP") == 0) return "\xC2\xA3";
  return code;
}

char *kw_fmt_currency(char *buf, int64_t cents, int decimals, kw_lang lang,
                      const char *currency) {
  char num[40];
  if (cents == KW_NA_MONEY) {
    buf[0] = '\0';
    return buf;
  }
  bool neg = cents < 0;
  if (decimals >= 2) {
    kw_fmt_money(num, cents, lang);
    if (neg) memmove(num, num + 1, strlen(num));
  } else {
    kw_fmt_number(num, fabs((double)cents) / 100.0, 0, lang);
    if (strcmp(num, "0") == 0) neg = false;
  }
  const char *sym = kw_currency_symbol(currency);
  bool word = strlen(sym) > 2 && (unsigned char)sym[0] < 0x80;
  /* a non-breaking space (U+00A0) keeps the symbol with the amount */
  if (lang == KW_LANG_NL || word)
    snprintf(buf, 48, "%s\xc2\xa0%s%s", sym, neg ? "-" : "", num);
  else
    snprintf(buf, 48, "%s%s%s", neg ? "-" : "", sym, num);
  return buf;
}

char *kw_fmt_pct(char *buf, double fraction, int decimals, kw_lang lang) {
  if (!isfinite(fraction)) {
    buf[0] = '\0';
    return buf;
  }
  kw_fmt_number(buf, fraction * 100.0, decimals, lang);
  strcat(buf, "%");
  return buf;
}

char *kw_fmt_date(char *buf, int32_t day, kw_lang lang) {
  return kw_date_format(buf, day, lang == KW_LANG_NL ? 1 : 0);
}
