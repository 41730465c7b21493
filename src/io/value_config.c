/*
 * value_config.c — readers for the small text files of the value models:
 * profitability settings (cost-to-serve rates, assumed margin) and RFM
 * segment rules. Formats are documented in klantwijs/value.h.
 *
 * Both are line-based "key = value" files with '#' comments; the rule file
 * adds INI-style [section] lines, one per rule. The whole file is read
 * into memory (at most 1 MiB) and parsed in place; numbers are parsed by
 * hand, with '.' or ',' as the decimal mark, never with strtod, so the
 * locale plays no part. Errors name file:line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "io/msg.h"
#include "io/parse.h"
#include "io/textfile.h"
#include "klantwijs/value.h"


/* ---------------------------------------------------------------- lines */

typedef struct span {
  const char *p;
  size_t n;
} span;

/* A failure at line of file name, by message key; SPAN_STR: a span as a
 * string (cut at 127 bytes) for a value of the message. */
#define WHERE(name, line) kw_io_where((char[512]){0}, 512, (name), (line), 0)
#define SPAN_STR(s) span_str((char[128]){0}, 128, (s))
static const char *span_str(char *buf, size_t cap, span s) {
  snprintf(buf, cap, "%.*s", (int)(s.n < cap ? s.n : cap - 1), s.p);
  return buf;
}

static span trim(span s) {
  while (s.n && (s.p[0] == ' ' || s.p[0] == '\t')) s.p++, s.n--;
  while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' ||
                 s.p[s.n - 1] == '\r'))
    s.n--;
  return s;
}

static bool span_eq(span s, const char *lit) {
  size_t n = strlen(lit);
  if (s.n != n) return false;
  for (size_t i = 0; i < n; i++)
    if (tolower((unsigned char)s.p[i]) != tolower((unsigned char)lit[i]))
      return false;
  return true;
}

/* Iterate lines: returns false at the end. Strips a UTF-8 BOM on line 1,
 * comments and blanks. */
typedef struct line_iter {
  const char *p, *end;
  uint64_t line;
} line_iter;

static bool next_line(line_iter *it, span *out) {
  while (it->p < it->end) {
    const char *s = it->p;
    const char *e = memchr(s, '\n', (size_t)(it->end - s));
    if (!e) e = it->end;
    it->p = e < it->end ? e + 1 : e;
    it->line++;
    if (it->line == 1 && e - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
      s += 3;
    const char *hash = memchr(s, '#', (size_t)(e - s));
    span l = trim((span){s, (size_t)((hash ? hash : e) - s)});
    if (l.n) {
      *out = l;
      return true;
    }
  }
  return false;
}

static bool split_kv(span l, span *k, span *v) {
  const char *eq = memchr(l.p, '=', l.n);
  if (!eq) return false;
  *k = trim((span){l.p, (size_t)(eq - l.p)});
  *v = trim((span){eq + 1, (size_t)(l.p + l.n - eq - 1)});
  return k->n > 0;
}

/* A decimal "12", "-1,5", "65.50": mantissa and number of decimals. */
static bool parse_decimal(span s, int64_t *mant, int *decimals) {
  size_t i = 0;
  bool neg = false;
  if (i < s.n && (s.p[i] == '-' || s.p[i] == '+')) neg = s.p[i++] == '-';
  int64_t m = 0;
  int dec = -1, digits = 0;
  for (; i < s.n; i++) {
    char ch = s.p[i];
    if (ch >= '0' && ch <= '9') {
      if (digits >= 18) return false;
      m = m * 10 + (ch - '0');
      digits++;
      if (dec >= 0) dec++;
    } else if ((ch == '.' || ch == ',') && dec < 0) {
      dec = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || dec == 0) return false;
  *mant = neg ? -m : m;
  *decimals = dec < 0 ? 0 : dec;
  return true;
}

static bool parse_double(span s, double *out) {
  int64_t m;
  int dec;
  if (!parse_decimal(s, &m, &dec)) return false;
  double v = (double)m;
  for (int i = 0; i < dec; i++) v /= 10;
  *out = v;
  return true;
}

/* Currency to cents, as the readers read an amount (io/parse.h). */
static bool parse_cents(span s, int64_t *out) {
  return kw_parse_written_amount(s.p, s.n, out);
}

static bool parse_bool(span s, bool *out) {
  static const char *const yes[] = {"yes", "true", "1", "ja", "y", "j"};
  static const char *const no[] = {"no", "false", "0", "nee", "n"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    if (span_eq(s, yes[i])) return *out = true, true;
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    if (span_eq(s, no[i])) return *out = false, true;
  return false;
}

/* A percentage "35", "35%", "35,5 %". */
static bool parse_pct(span s, double *out) {
  if (s.n && s.p[s.n - 1] == '%') s = trim((span){s.p, s.n - 1});
  return parse_double(s, out);
}

/* --------------------------------------------------- profitability file */

struct kw_profit_config {
  kw_context *ctx;
  bool has_margin, has_subtract, has_large;
  double margin_pct, large_share;
  bool subtract;
  kw_serve_rate *rates;
  size_t n_rates, cap;
};

void kw_profit_config_free(kw_profit_config *cfg) {
  if (!cfg) return;
  for (size_t i = 0; i < cfg->n_rates; i++)
    kw_free(cfg->ctx, (char *)cfg->rates[i].type);
  kw_free(cfg->ctx, cfg->rates);
  kw_free(cfg->ctx, cfg);
}

void kw_profit_config_apply(const kw_profit_config *cfg,
                            kw_profit_options *o) {
  if (!cfg || !o) return;
  if (cfg->has_margin) {
    o->use_margin_pct = true;
    o->margin_pct = cfg->margin_pct;
  }
  if (cfg->has_subtract) o->subtract_discount = cfg->subtract;
  if (cfg->has_large) o->large_share = cfg->large_share;
  if (cfg->n_rates) {
    o->rates = cfg->rates;
    o->n_rates = cfg->n_rates;
  }
}

static bool ends_with(span k, const char *suf, span *head) {
  size_t n = strlen(suf);
  if (k.n <= n) return false;
  span tail = {k.p + k.n - n, n};
  if (!span_eq(tail, suf)) return false;
  *head = trim((span){k.p, k.n - n});
  return head->n > 0;
}

static kw_status add_rate(kw_profit_config *cfg, const char *name,
                          uint64_t line, span type, int64_t rate) {
  kw_context *ctx = cfg->ctx;
  for (size_t i = 0; i < cfg->n_rates; i++)
    if (span_eq(type, cfg->rates[i].type))
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.cfg_rate_twice", "type", SPAN_STR(type),
                        NULL);
  if (cfg->n_rates == cfg->cap) {
    size_t cap = cfg->cap ? 2 * cfg->cap : 8;
    kw_serve_rate *r = kw_realloc(ctx, cfg->rates, cap * sizeof *r);
    if (!r) return kw_fail_nomem(ctx);
    cfg->rates = r;
    cfg->cap = cap;
  }
  char *t = kw_strndup(ctx, type.p, type.n);
  if (!t) return kw_fail_nomem(ctx);
  cfg->rates[cfg->n_rates].type = t;
  cfg->rates[cfg->n_rates].rate = rate;
  cfg->n_rates++;
  return KW_OK;
}

static kw_status profit_line(kw_profit_config *cfg, const char *name,
                             uint64_t line, span l) {
  kw_context *ctx = cfg->ctx;
  span k, v, type;
  if (!split_kv(l, &k, &v))
    return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                      "load.err.cfg_key_value", NULL);
  if (span_eq(k, "margin_pct")) {
    if (!parse_pct(v, &cfg->margin_pct) || cfg->margin_pct < -100 ||
        cfg->margin_pct > 100)
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.cfg_margin", NULL);
    cfg->has_margin = true;
  } else if (span_eq(k, "subtract_discount")) {
    if (!parse_bool(v, &cfg->subtract))
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.cfg_subtract", NULL);
    cfg->has_subtract = true;
  } else if (span_eq(k, "large_share")) {
    double pct;
    if (!parse_pct(v, &pct) || !(pct > 0 && pct <= 100))
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.cfg_large_share", NULL);
    cfg->large_share = pct / 100;
    cfg->has_large = true;
  } else if (ends_with(k, ".rate", &type)) {
    int64_t cents;
    if (!parse_cents(v, &cents) || cents < 0)
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.cfg_rate", "key", SPAN_STR(k), NULL);
    return add_rate(cfg, name, line, type, cents);
  } else {
    return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                      "load.err.cfg_unknown_key", "key", SPAN_STR(k), NULL);
  }
  return KW_OK;
}

kw_status kw_profit_config_parse(kw_context *ctx, const char *text,
                                 size_t len, const char *name,
                                 kw_profit_config **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "profit config: out is NULL");
  *out = NULL;
  if (!text && len) return kw_fail(ctx, KW_EARG, "profit config: no text");
  if (!name) name = "profit config";
  kw_profit_config *cfg = kw_calloc(ctx, 1, sizeof *cfg);
  if (!cfg) return kw_fail_nomem(ctx);
  cfg->ctx = ctx;
  line_iter it = {text, text + len, 0};
  span l;
  while (next_line(&it, &l)) {
    kw_status st = profit_line(cfg, name, it.line, l);
    if (st) {
      kw_profit_config_free(cfg);
      return st;
    }
  }
  *out = cfg;
  return KW_OK;
}

kw_status kw_profit_config_load(kw_context *ctx, const char *path,
                                kw_profit_config **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "profit config: out is NULL");
  *out = NULL;
  kw_buf b;
  kw_status st = kw_read_text_file(ctx, path, &b);
  if (st) return st;
  st = kw_profit_config_parse(ctx, b.data, b.len, path, out);
  kw_buf_free(ctx, &b);
  return st;
}

/* ------------------------------------------------------------ RFM rules */

struct kw_rfm_rule_file {
  kw_context *ctx;
  kw_rfm_rules rules;
  kw_rfm_segment_def *segs;
  size_t cap_segs;
  kw_rfm_rule *list;
  size_t cap_rules;
  bool *named; /* per segment: texts set by its first section */
};

static void free_def(kw_context *ctx, kw_rfm_segment_def *s) {
  kw_free(ctx, (char *)s->key);
  kw_free(ctx, (char *)s->name_en);
  kw_free(ctx, (char *)s->name_nl);
  kw_free(ctx, (char *)s->action_en);
  kw_free(ctx, (char *)s->action_nl);
}

void kw_rfm_rule_file_free(kw_rfm_rule_file *f) {
  if (!f) return;
  for (size_t i = 0; i < f->rules.n_segments; i++) free_def(f->ctx, &f->segs[i]);
  kw_free(f->ctx, f->segs);
  kw_free(f->ctx, f->list);
  kw_free(f->ctx, f->named);
  kw_free(f->ctx, f);
}

const kw_rfm_rules *kw_rfm_rule_file_rules(const kw_rfm_rule_file *f) {
  return f ? &f->rules : NULL;
}

/* Replace *dst (owned) with a copy of v. */
static kw_status set_text(kw_context *ctx, const char **dst, span v) {
  char *t = kw_strndup(ctx, v.p, v.n);
  if (!t) return kw_fail_nomem(ctx);
  kw_free(ctx, (char *)*dst);
  *dst = t;
  return KW_OK;
}

/* "4-5", "4", "<=2", ">=4", "1.5-2", "*" on a scale 1..scale. */
static bool parse_range(span v, int scale, double *lo, double *hi) {
  *lo = 1;
  *hi = scale;
  if (v.n == 1 && v.p[0] == '*') return true;
  if (v.n > 2 && (v.p[0] == '<' || v.p[0] == '>') && v.p[1] == '=') {
    double x;
    if (!parse_double(trim((span){v.p + 2, v.n - 2}), &x)) return false;
    if (v.p[0] == '<')
      *hi = x;
    else
      *lo = x;
    return true;
  }
  const char *dash = v.n > 1 ? memchr(v.p + 1, '-', v.n - 1) : NULL;
  if (!dash) {
    double x;
    if (!parse_double(v, &x)) return false;
    *lo = *hi = x;
    return true;
  }
  return parse_double(trim((span){v.p, (size_t)(dash - v.p)}), lo) &&
         parse_double(trim((span){dash + 1, (size_t)(v.p + v.n - dash - 1)}),
                      hi) &&
         *lo <= *hi;
}

static kw_status new_section(kw_rfm_rule_file *f, const char *name,
                             uint64_t line, span key) {
  kw_context *ctx = f->ctx;
  kw_rfm_rules *r = &f->rules;
  size_t seg = r->n_segments;
  for (size_t i = 0; i < r->n_segments; i++)
    if (span_eq(key, f->segs[i].key)) seg = i;
  if (seg == r->n_segments) {
    if (r->n_segments >= KW_RFM_NONE - 2)
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.rfm_too_many_segments", NULL);
    if (r->n_segments == f->cap_segs) {
      size_t cap = f->cap_segs ? 2 * f->cap_segs : 16;
      kw_rfm_segment_def *s = kw_realloc(ctx, f->segs, cap * sizeof *s);
      if (!s) return kw_fail_nomem(ctx);
      f->segs = s;
      bool *nm = kw_realloc(ctx, f->named, cap * sizeof *nm);
      if (!nm) return kw_fail_nomem(ctx);
      f->named = nm;
      f->cap_segs = cap;
    }
    kw_rfm_segment_def *s = &f->segs[seg];
    memset(s, 0, sizeof *s);
    f->named[seg] = false;
    r->n_segments++;
    r->segments = f->segs;
    kw_status st = set_text(ctx, &s->key, key);
    if (st) return st;
  } else {
    f->named[seg] = true; /* texts come from the first section only */
  }
  if (r->n_rules == f->cap_rules) {
    size_t cap = f->cap_rules ? 2 * f->cap_rules : 16;
    kw_rfm_rule *u = kw_realloc(ctx, f->list, cap * sizeof *u);
    if (!u) return kw_fail_nomem(ctx);
    f->list = u;
    f->cap_rules = cap;
  }
  kw_rfm_rule *u = &f->list[r->n_rules++];
  r->rules = f->list;
  double sc = r->scale;
  *u = (kw_rfm_rule){(uint32_t)seg, 1, sc, 1, sc, 1, sc, 1, sc};
  return KW_OK;
}

static kw_status rule_line(kw_rfm_rule_file *f, const char *name,
                           uint64_t line, span k, span v) {
  kw_context *ctx = f->ctx;
  kw_rfm_rules *r = &f->rules;
  if (r->n_rules == 0) {
    double sc;
    if (!span_eq(k, "scale"))
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.rfm_before_segment", "key", SPAN_STR(k),
                        NULL);
    if (!parse_double(v, &sc) || sc != (int)sc || sc < 2 || sc > 9)
      return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                        "load.err.rfm_scale", NULL);
    r->scale = (int)sc;
    return KW_OK;
  }
  kw_rfm_rule *u = &f->list[r->n_rules - 1];
  uint32_t seg = u->segment;
  kw_rfm_segment_def *s = &f->segs[seg];
  const char **text = NULL;
  if (span_eq(k, "name") || span_eq(k, "name_en")) text = &s->name_en;
  else if (span_eq(k, "name_nl")) text = &s->name_nl;
  else if (span_eq(k, "action") || span_eq(k, "action_en")) text = &s->action_en;
  else if (span_eq(k, "action_nl")) text = &s->action_nl;
  if (text) {
    if (f->named[seg]) return KW_OK; /* a later rule of the same segment */
    return set_text(ctx, text, v);
  }
  double *lo = NULL, *hi = NULL;
  if (span_eq(k, "r")) lo = &u->r_lo, hi = &u->r_hi;
  else if (span_eq(k, "f")) lo = &u->f_lo, hi = &u->f_hi;
  else if (span_eq(k, "m")) lo = &u->m_lo, hi = &u->m_hi;
  else if (span_eq(k, "fm")) lo = &u->fm_lo, hi = &u->fm_hi;
  if (!lo)
    return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                      "load.err.cfg_unknown_key", "key", SPAN_STR(k), NULL);
  if (!parse_range(v, r->scale, lo, hi))
    return kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, line),
                      "load.err.rfm_range", "key", SPAN_STR(k), NULL);
  return KW_OK;
}

/* Defaults for texts a section left out: name = key, name_nl = name. */
static kw_status fill_defaults(kw_rfm_rule_file *f) {
  kw_context *ctx = f->ctx;
  for (size_t i = 0; i < f->rules.n_segments; i++) {
    kw_rfm_segment_def *s = &f->segs[i];
    kw_status st = KW_OK;
    if (!s->name_en) st = set_text(ctx, &s->name_en, (span){s->key, strlen(s->key)});
    if (!st && !s->name_nl)
      st = set_text(ctx, &s->name_nl, (span){s->name_en, strlen(s->name_en)});
    if (!st && !s->action_en) st = set_text(ctx, &s->action_en, (span){"", 0});
    if (!st && !s->action_nl) st = set_text(ctx, &s->action_nl, (span){"", 0});
    if (st) return st;
  }
  return KW_OK;
}

kw_status kw_rfm_rules_parse(kw_context *ctx, const char *text, size_t len,
                             const char *name, kw_rfm_rule_file **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "rfm rules: out is NULL");
  *out = NULL;
  if (!text && len) return kw_fail(ctx, KW_EARG, "rfm rules: no text");
  if (!name) name = "rfm rules";
  kw_rfm_rule_file *f = kw_calloc(ctx, 1, sizeof *f);
  if (!f) return kw_fail_nomem(ctx);
  f->ctx = ctx;
  f->rules.scale = 5;
  line_iter it = {text, text + len, 0};
  span l;
  kw_status st = KW_OK;
  while (!st && next_line(&it, &l)) {
    if (l.p[0] == '[') {
      if (l.p[l.n - 1] != ']' || l.n < 3)
        st = kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, it.line),
                        "load.err.rfm_section", NULL);
      else
        st = new_section(f, name, it.line, trim((span){l.p + 1, l.n - 2}));
      continue;
    }
    span k, v;
    if (!split_kv(l, &k, &v))
      st = kw_io_fail(ctx, KW_EINPUT, 0, WHERE(name, it.line),
                      "load.err.rfm_line", NULL);
    else
      st = rule_line(f, name, it.line, k, v);
  }
  if (!st && f->rules.n_rules == 0)
    st = kw_io_fail(ctx, KW_EINPUT, 0, "", "rules.e.no_segment", "file",
                    name, NULL);
  if (!st) st = fill_defaults(f);
  if (st) {
    kw_rfm_rule_file_free(f);
    return st;
  }
  *out = f;
  return KW_OK;
}

kw_status kw_rfm_rules_load(kw_context *ctx, const char *path,
                            kw_rfm_rule_file **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "rfm rules: out is NULL");
  *out = NULL;
  kw_buf b;
  kw_status st = kw_read_text_file(ctx, path, &b);
  if (st) return st;
  st = kw_rfm_rules_parse(ctx, b.data, b.len, path, out);
  kw_buf_free(ctx, &b);
  return st;
}
