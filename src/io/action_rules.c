/*
 * action_rules.c — reading and writing action rule files (the format is in
 * klantwijs/analyze.h). The reader is line based: a "[action]" line starts
 * a rule, "reason = ..." / "reason_nl = ..." set its texts, every other
 * line is one condition "metric op value" (a '#' after it starts a
 * comment). Numbers take '.' or ',' as the
 * decimal mark and an optional '%' (80% = 0.8); word metrics take their
 * words (status: active, at_risk, churned; yes/no also as ja/nee). Errors
 * name file:line. The writer emits the same format with a header that
 * lists the metrics, so `--rules-template` gives a file to edit.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/msg.h"
#include "core/core.h"
#include "io/textfile.h"
#include "models/actions.h"
#include "report/messages.h"

typedef struct span {
  const char *p;
  size_t n;
} span;

static span trim(span s) {
  while (s.n && (s.p[0] == ' ' || s.p[0] == '\t')) s.p++, s.n--;
  while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' ||
                 s.p[s.n - 1] == '\r'))
    s.n--;
  return s;
}

static bool span_is(span s, const char *w) {
  return strlen(w) == s.n && strncasecmp(s.p, w, s.n) == 0;
}

typedef struct parser {
  kw_context *ctx;
  const char *name;
  uint64_t line;
  kw_buf rules; /* kw_action_rule */
} parser;

static void free_rule_strings(kw_context *ctx, kw_action_rule *r) {
  kw_free(ctx, (void *)r->reason_en);
  kw_free(ctx, (void *)r->reason_nl);
  for (size_t k = 0; k < r->n_cond; k++) kw_free(ctx, (void *)r->cond[k].word);
}

/* A line's failure: the key of what is wrong and the text at fault. */
static kw_status bad(parser *ps, const char *key, span s) {
  char where[512], text[64];
  kw_io_where(where, sizeof where, ps->name, ps->line, 0);
  snprintf(text, sizeof text, "%.*s", (int)(s.n > 60 ? 60 : s.n), s.p);
  return kw_io_fail(ps->ctx, KW_EINPUT, 0, where, key, "text", text, NULL);
}

static bool parse_number(span s, double *out) {
  char buf[64];
  if (s.n == 0 || s.n >= sizeof buf) return false;
  bool pct = s.p[s.n - 1] == '%';
  if (pct) s = trim((span){s.p, s.n - 1});
  memcpy(buf, s.p, s.n);
  buf[s.n] = '\0';
  for (char *p = buf; *p; p++)
    if (*p == ',') *p = '.';
  /* the C locale's strtod: only '.' is a decimal mark in this process
   * unless someone set LC_NUMERIC; check the digits ourselves */
  for (const char *p = buf; *p; p++)
    if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '+'))
      return false;
  char *end;
  errno = 0;
  double v = strtod(buf, &end);
  if (errno || *end || end == buf || !isfinite(v)) return false;
  *out = pct ? v / 100.0 : v;
  return true;
}

static bool parse_word(kw_metric m, span s, double *out) {
  if (m == KW_METRIC_NEXT_BEST || m == KW_METRIC_CONSENT) {
    if (span_is(s, "yes") || span_is(s, "ja") || span_is(s, "1")) {
      *out = 1;
      return true;
    }
    if (span_is(s, "no") || span_is(s, "nee") || span_is(s, "0")) {
      *out = 0;
      return true;
    }
    return false;
  }
  if (m == KW_METRIC_PAY_CLASS && span_is(s, "problem")) {
    *out = 3;
    return true;
  }
  const char *const *w = kw_metric_words(m);
  for (size_t i = 0; w && w[i]; i++)
    if (span_is(s, w[i])) {
      *out = (double)i;
      return true;
    }
  return false;
}

static kw_status add_condition(parser *ps, kw_action_rule *r, span l) {
  size_t i = 0;
  while (i < l.n && (l.p[i] == '_' || (l.p[i] >= 'a' && l.p[i] <= 'z') ||
                     (l.p[i] >= 'A' && l.p[i] <= 'Z')))
    i++;
  span name = {l.p, i};
  int m = -1;
  for (int k = 0; k < KW_METRIC__COUNT; k++)
    if (span_is(name, kw_metric_key((kw_metric)k))) m = k;
  if (m < 0) return bad(ps, "load.err.rules_metric", name);
  span rest = trim((span){l.p + i, l.n - i});
  kw_cmp op;
  size_t ol = 2;
  if (rest.n >= 2 && rest.p[0] == '>' && rest.p[1] == '=') op = KW_CMP_GE;
  else if (rest.n >= 2 && rest.p[0] == '<' && rest.p[1] == '=') op = KW_CMP_LE;
  else if (rest.n >= 2 && rest.p[0] == '!' && rest.p[1] == '=') op = KW_CMP_NE;
  else if (rest.n >= 2 && rest.p[0] == '=' && rest.p[1] == '=') op = KW_CMP_EQ;
  else if (rest.n >= 1 && rest.p[0] == '=') op = KW_CMP_EQ, ol = 1;
  else if (rest.n >= 1 && rest.p[0] == '<') op = KW_CMP_LT, ol = 1;
  else if (rest.n >= 1 && rest.p[0] == '>') op = KW_CMP_GT, ol = 1;
  else return bad(ps, "load.err.rules_operator", l);
  span val = trim((span){rest.p + ol, rest.n - ol});
  if (val.n == 0) return bad(ps, "load.err.rules_no_value", l);
  if (r->n_cond >= KW_RULE_MAX_COND)
    return kw_io_fail(ps->ctx, KW_EINPUT, 0,
                      kw_io_where((char[512]){0}, 512, ps->name, ps->line, 0),
                      "load.err.rules_conditions", "n",
                      KW_NUM_I(KW_RULE_MAX_COND), NULL);
  kw_rule_cond c = {(kw_metric)m, op, 0, NULL};
  int kind = kw_metric_kind((kw_metric)m);
  if (kind != 0 && op != KW_CMP_EQ && op != KW_CMP_NE)
    return bad(ps, "load.err.rules_word_op", l);
  if (kind == 0) {
    if (!parse_number(val, &c.value))
      return bad(ps, "load.err.rules_number", val);
  } else if (kind == 1) {
    if (!parse_word((kw_metric)m, val, &c.value))
      return bad(ps, "load.err.rules_word", val);
  } else {
    c.word = kw_strndup(ps->ctx, val.p, val.n);
    if (!c.word) return kw_fail_nomem(ps->ctx);
  }
  r->cond[r->n_cond++] = c;
  return KW_OK;
}

static kw_status parse_text(parser *ps, const char *text, size_t len) {
  const char *p = text, *end = text + len;
  kw_action_rule *cur = NULL;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  while (p < end) {
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e) e = end;
    ps->line++;
    span l = trim((span){p, (size_t)(e - p)});
    p = e + 1;
    if (l.n == 0 || l.p[0] == '#') continue;
    if (l.p[0] == '[') {
      if (l.p[l.n - 1] != ']') return bad(ps, "load.err.rules_section", l);
      span key = trim((span){l.p + 1, l.n - 2});
      char k[32];
      if (key.n == 0 || key.n >= sizeof k)
        return bad(ps, "load.err.rules_action", key);
      memcpy(k, key.p, key.n);
      k[key.n] = '\0';
      kw_action a = kw_action_from_key(k);
      if (a == KW_ACTION__COUNT || a == KW_ACTION_NONE)
        return bad(ps, "load.err.rules_action", key);
      kw_action_rule r;
      memset(&r, 0, sizeof r);
      r.action = a;
      r.reason_key = kw_action_default_reason(a);
      if (kw_buf_push(ps->ctx, &ps->rules, &r)) return kw_fail_nomem(ps->ctx);
      cur = (kw_action_rule *)ps->rules.data + ps->rules.len - 1;
      continue;
    }
    if (!cur) return bad(ps, "load.err.rules_before_action", l);
    const char *eq = memchr(l.p, '=', l.n);
    if (eq) {
      span k = trim((span){l.p, (size_t)(eq - l.p)});
      if (span_is(k, "reason") || span_is(k, "reason_nl") ||
          span_is(k, "reason_en")) {
        span v = trim((span){eq + 1, l.n - (size_t)(eq + 1 - l.p)});
        char *s = kw_strndup(ps->ctx, v.p, v.n);
        if (!s) return kw_fail_nomem(ps->ctx);
        const char **slot = span_is(k, "reason_nl") ? &cur->reason_nl
                                                    : &cur->reason_en;
        kw_free(ps->ctx, (void *)*slot);
        *slot = s;
        continue;
      }
    }
    /* a condition may end in a comment */
    const char *hash = memchr(l.p, '#', l.n);
    if (hash) l = trim((span){l.p, (size_t)(hash - l.p)});
    kw_status st = add_condition(ps, cur, l);
    if (st) return st;
  }
  if (ps->rules.len == 0)
    return kw_io_fail(ps->ctx, KW_EINPUT, 0, "", "rules.e.no_action", "file",
                      ps->name, NULL);
  return KW_OK;
}

kw_status kw_action_rules_parse(kw_context *ctx, const char *text, size_t len,
                                const char *name, kw_action_rules **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "action rules: out is NULL");
  *out = NULL;
  if (!text && len) return kw_fail(ctx, KW_EARG, "action rules: no text");
  parser ps = {ctx, name ? name : "action rules", 0, {0}};
  kw_buf_init(&ps.rules, sizeof(kw_action_rule));
  kw_status st = parse_text(&ps, text ? text : "", len);
  kw_action_rules *r = NULL;
  if (!st) {
    r = kw_calloc(ctx, 1, sizeof *r);
    if (!r) st = kw_fail_nomem(ctx);
  }
  if (st) {
    kw_action_rule *rr = ps.rules.data;
    for (size_t i = 0; i < ps.rules.len; i++) free_rule_strings(ctx, &rr[i]);
    kw_buf_free(ctx, &ps.rules);
    return st;
  }
  /* a rule with its own English text but no Dutch one uses the English */
  kw_action_rule *rr = ps.rules.data;
  for (size_t i = 0; i < ps.rules.len; i++) {
    if (rr[i].reason_en || rr[i].reason_nl) rr[i].reason_key = NULL;
    if (rr[i].reason_en && !rr[i].reason_nl) {
      rr[i].reason_nl = kw_strdup(ctx, rr[i].reason_en);
      if (!rr[i].reason_nl) st = kw_fail_nomem(ctx);
    } else if (rr[i].reason_nl && !rr[i].reason_en) {
      rr[i].reason_en = kw_strdup(ctx, rr[i].reason_nl);
      if (!rr[i].reason_en) st = kw_fail_nomem(ctx);
    }
  }
  r->ctx = ctx;
  r->n = ps.rules.len;
  r->rules = kw_buf_take(ctx, &ps.rules);
  if (st) {
    kw_action_rules_free(r);
    return st;
  }
  *out = r;
  return KW_OK;
}

kw_status kw_action_rules_load(kw_context *ctx, const char *path,
                               kw_action_rules **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "action rules: out is NULL");
  *out = NULL;
  kw_buf b;
  kw_status st = kw_read_text_file(ctx, path, &b);
  if (!st) st = kw_action_rules_parse(ctx, b.data, b.len, path, out);
  kw_buf_free(ctx, &b);
  return st;
}

void kw_action_rules_free(kw_action_rules *r) {
  if (!r || !r->ctx) return; /* NULL, or the static built-in table */
  kw_context *ctx = r->ctx;
  kw_action_rule *rr = (kw_action_rule *)r->rules;
  for (size_t i = 0; i < r->n; i++) free_rule_strings(ctx, &rr[i]);
  kw_free(ctx, rr);
  kw_free(ctx, r);
}

static void write_value(FILE *f, const kw_rule_cond *c) {
  int kind = kw_metric_kind(c->metric);
  if (kind == 2) {
    fputs(c->word ? c->word : "", f);
    return;
  }
  if (kind == 1) {
    const char *const *w = kw_metric_words(c->metric);
    size_t i = (size_t)c->value;
    fputs(w && i < 4 && w[i] ? w[i] : "?", f);
    return;
  }
  char buf[40];
  fputs(kw_fmt_plain(buf, c->value), f);
}

kw_status kw_action_rules_write(kw_context *ctx, const kw_action_rules *r,
                                FILE *f) {
  if (!r) r = kw_action_rules_builtin();
  fputs(
      "# klantwijs action rules: one [action] section per rule, in the order\n"
      "# they are tried; the first rule whose conditions all hold decides.\n"
      "# A section without conditions matches everyone (put it last).\n"
      "#\n"
      "# Actions: invest, develop, retain, win_back, serve_low_cost, reprice,\n"
      "#          collect_first, goodbye\n"
      "# Conditions: METRIC OP VALUE, OP one of = != < <= > >=\n"
      "#   value, potential   share of customers below this one, 0..1\n"
      "#                      (0.8 or 80% = the top 20%)\n"
      "#   clv, contribution, revenue, open, overdue   money (currency units)\n"
      "#   yearly_revenue     revenue of the last 365 days; value_amount the\n"
      "#                      money behind value (contribution or revenue)\n"
      "#   overdue_share      overdue / yearly_revenue (0.05 or 5%)\n"
      "#   p_alive, margin    0..1;  orders; recency, days_overdue, days_late\n"
      "#   status             active | at_risk | churned\n"
      "#   pay_class          none | fast | slow | problematic\n"
      "#   abc                A | B | C;   segment   an RFM segment key\n"
      "#   next_best, consent yes | no\n"
      "#   referrals          referred customers who bought; referral_value\n"
      "#                      their customer referral value (money)\n"
      "#   fit                strategic fit 0..1 (with an ideal customer\n"
      "#                      profile, --fit; see `segments --fit-template`)\n"
      "# reason / reason_nl: the text per customer; {name} takes a figure:\n"
      "#   {revenue} {contribution} {clv} {p_alive} {value_top} {orders}\n"
      "#   {recency} {open} {overdue} {days_overdue} {days_late} {segment}\n"
      "#   {product} {margin} {yearly_revenue} {overdue_share}\n"
      "#   {value_amount} {value_measure} {fit} {referrals}\n"
      "#   {referral_value}\n",
      f);
  for (size_t i = 0; i < r->n; i++) {
    const kw_action_rule *ru = &r->rules[i];
    fprintf(f, "\n[%s]\n", kw_action_key(ru->action));
    for (size_t k = 0; k < ru->n_cond; k++) {
      const kw_rule_cond *c = &ru->cond[k];
      fprintf(f, "%s %s ", kw_metric_key(c->metric), kw_cmp_text(c->op));
      write_value(f, c);
      fputc('\n', f);
    }
    const char *en = ru->reason_en, *nl = ru->reason_nl;
    if (ru->reason_key) {
      en = kw_message(ru->reason_key, KW_LANG_EN);
      nl = kw_message(ru->reason_key, KW_LANG_NL);
    }
    if (en) fprintf(f, "reason = %s\n", en);
    if (nl) fprintf(f, "reason_nl = %s\n", nl);
  }
  if (ferror(f)) return kw_fail(ctx, KW_EIO, "cannot write the rules");
  return KW_OK;
}
