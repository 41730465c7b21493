/*
 * Unit tests: the action rules (built-in table case by case, rule files,
 * the template round trip), the message table and its formatter, the SVG
 * charts (checked well-formed by a small XML checker), and the analysis on
 * the small shop data set (steps that cannot run say why; no personal data
 * and no group below five in the outputs). Every expected value is worked
 * out by hand in the comment beside it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"

#include "klantwijs.h"
#include "models/actions.h"
#include "models/analyze_internal.h"
#include "report/analysis_text.h"
#include "report/messages.h"
#include "report/svg.h"
#include "report/text.h"

/* ------------------------------------------------------- action rules */

static kw_action decide(const kw_action_rules *r, kw_action_input *in,
                        size_t *rule) {
  return kw_action_decide(r ? r : kw_action_rules_builtin(), in, rule);
}

static kw_action_input blank(void) {
  kw_action_input in;
  kw_action_input_init(&in);
  return in;
}

static void test_builtin_each_action(void **state) {
  (void)state;
  size_t rule;
  kw_action_input in;

  /* rule 1: a problem payer with a material overdue amount (300 >= 250,
   * 300 / 2000 = 15% >= 5% of a year's revenue, 45 > 30 days) is
   * collected first, whatever else holds */
  in = blank();
  in.m[KW_METRIC_PAY_CLASS] = 3;
  in.m[KW_METRIC_VALUE] = 0.99;
  in.m[KW_METRIC_POTENTIAL] = 0.99;
  in.m[KW_METRIC_OVERDUE] = 300;
  in.m[KW_METRIC_OVERDUE_SHARE] = 300.0 / 2000.0;
  in.m[KW_METRIC_DAYS_OVERDUE] = 45;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_COLLECT);
  assert_int_equal(rule, 0);
  /* materiality: a large customer (28,194 a year) with one 12.75 invoice
   * overdue is not collected first: 12.75 < 250 and 0.05% < 5% */
  in.m[KW_METRIC_OVERDUE] = 12.75;
  in.m[KW_METRIC_OVERDUE_SHARE] = 12.75 / 28194.0;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_INVEST);
  /* 300 overdue but only 1% of 30,000 a year: not material either */
  in.m[KW_METRIC_OVERDUE] = 300;
  in.m[KW_METRIC_OVERDUE_SHARE] = 0.01;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_INVEST);
  /* a customer who never paid anything: days_late unknown, still
   * collected when the overdue amount is material */
  in.m[KW_METRIC_OVERDUE_SHARE] = 0.2;
  in.m[KW_METRIC_DAYS_LATE] = NAN;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_COLLECT);

  /* rule 2: slow payer 75 days past due with 300 overdue (10%) */
  in = blank();
  in.m[KW_METRIC_PAY_CLASS] = 2;
  in.m[KW_METRIC_DAYS_OVERDUE] = 75;
  in.m[KW_METRIC_OVERDUE] = 300;
  in.m[KW_METRIC_OVERDUE_SHARE] = 0.1;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_COLLECT);
  assert_int_equal(rule, 1);
  /* ... but 100 overdue is below the absolute threshold: it falls
   * through to the last rule */
  in.m[KW_METRIC_OVERDUE] = 100;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_SERVE_LOW_COST);
  assert_int_equal(rule, 18);

  /* rule 3: a loss comes before value: contribution -10, top 10% */
  in = blank();
  in.m[KW_METRIC_CONTRIBUTION] = -10;
  in.m[KW_METRIC_VALUE] = 0.9;
  in.m[KW_METRIC_STATUS] = 3;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_REPRICE);
  assert_int_equal(rule, 2);

  /* rule 4: valuable (0.85 >= 0.8) and churned */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.85;
  in.m[KW_METRIC_STATUS] = 3;
  in.m[KW_METRIC_CONTRIBUTION] = 10;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_WIN_BACK);
  assert_int_equal(rule, 3);

  /* rule 5: class A by revenue but value 0.6 by contribution, churned:
   * win back, never serve at low cost */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.6;
  in.m[KW_METRIC_ABC] = 1;
  in.m[KW_METRIC_STATUS] = 3;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_WIN_BACK);
  assert_int_equal(rule, 4);

  /* rule 6: RFM "Can't lose them", value 0.5, active */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.5;
  in.m[KW_METRIC_STATUS] = 1;
  in.segment = "cant_lose";
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_WIN_BACK);
  assert_int_equal(rule, 5);

  /* rule 8: value exactly 0.8 (>=) and at risk */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.8;
  in.m[KW_METRIC_STATUS] = 2;
  in.m[KW_METRIC_POTENTIAL] = 0.9;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_RETAIN);
  assert_int_equal(rule, 7);

  /* rule 9: valuable, active, potential exactly 0.5 */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.95;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_POTENTIAL] = 0.5;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_INVEST);
  assert_int_equal(rule, 8);

  /* rule 10: valuable, active, low potential (0.2 < 0.5) */
  in.m[KW_METRIC_POTENTIAL] = 0.2;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_RETAIN);
  assert_int_equal(rule, 9);

  /* rule 12: an influencer: two referred customers who bought, worth
   * 1,234.50; value 0.3, active, low potential: kept and thanked, and the
   * reason says how many and what they are worth */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.3;
  in.m[KW_METRIC_POTENTIAL] = 0.2;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_REFERRALS] = 2;
  in.m[KW_METRIC_REFERRAL_VALUE] = 1234.5;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_RETAIN);
  assert_int_equal(rule, 11);
  char why[512];
  kw_action_reason(why, sizeof why, kw_action_rules_builtin(), rule, &in,
                   KW_LANG_EN, "EUR");
  assert_non_null(strstr(why, "Brought 2 customers"));
  assert_non_null(strstr(why, "1,235"));
  assert_non_null(strstr(why, "thank"));
  /* one referral is not enough */
  in.m[KW_METRIC_REFERRALS] = 1;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_SERVE_LOW_COST);
  /* an influencer who left: thanked and invited back (rule 13) */
  in.m[KW_METRIC_REFERRALS] = 3;
  in.m[KW_METRIC_STATUS] = 3;
  in.m[KW_METRIC_RECENCY] = 400;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_WIN_BACK);
  assert_int_equal(rule, 12);
  kw_action_reason(why, sizeof why, kw_action_rules_builtin(), rule, &in,
                   KW_LANG_NL, "EUR");
  assert_non_null(strstr(why, "Bracht 3 klanten aan"));
  assert_non_null(strstr(why, "400 dagen"));
  /* an influencer who is also valuable with potential is invested in */
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_VALUE] = 0.9;
  in.m[KW_METRIC_POTENTIAL] = 0.9;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_INVEST);

  /* rule 17: potential 0.7, active, a next-best product */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.3;
  in.m[KW_METRIC_POTENTIAL] = 0.7;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_NEXT_BEST] = 1;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_DEVELOP);
  assert_int_equal(rule, 16);

  /* no product to offer (next_best = no): developed without a product,
   * but only while active */
  in.m[KW_METRIC_NEXT_BEST] = 0;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_DEVELOP);
  assert_int_equal(rule, 17);
  in.m[KW_METRIC_STATUS] = 2;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_SERVE_LOW_COST);
  assert_int_equal(rule, 18);

  /* churned with potential and a product: "status != churned" fails */
  in.m[KW_METRIC_NEXT_BEST] = 1;
  in.m[KW_METRIC_STATUS] = 3;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_SERVE_LOW_COST);
  assert_int_equal(rule, 18);

  /* just below the value threshold, class B, churned: low cost */
  in = blank();
  in.m[KW_METRIC_VALUE] = 0.7999;
  in.m[KW_METRIC_ABC] = 2;
  in.m[KW_METRIC_STATUS] = 3;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_SERVE_LOW_COST);

  /* nothing known: every condition is false, the catch-all decides */
  in = blank();
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_SERVE_LOW_COST);
  assert_int_equal(rule, 18);
  assert_int_equal(kw_action_rules_count(kw_action_rules_builtin()), 19);

  /* rules 14 and 15 (indices 13, 14): low strategic fit, low value, and a
   * thin margin or late payment: say goodbye strategically (before
   * develop) */
  in = blank();
  in.m[KW_METRIC_FIT] = 0.2;
  in.m[KW_METRIC_VALUE] = 0.3;
  in.m[KW_METRIC_POTENTIAL] = 0.7;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_MARGIN] = 0.1;
  in.m[KW_METRIC_NEXT_BEST] = 1;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_GOODBYE);
  assert_int_equal(rule, 13);
  /* ... unless they bring customers: an influencer is kept and thanked */
  in.m[KW_METRIC_REFERRALS] = 2;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_RETAIN);
  assert_int_equal(rule, 11);
  in.m[KW_METRIC_REFERRALS] = 0;
  in.m[KW_METRIC_MARGIN] = 0.3;
  in.m[KW_METRIC_DAYS_LATE] = 20;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_GOODBYE);
  assert_int_equal(rule, 14);
  /* a good fit, or no profile at all (fit unknown): develop as before */
  in.m[KW_METRIC_FIT] = 0.5;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_DEVELOP);
  in.m[KW_METRIC_FIT] = NAN;
  assert_int_equal(decide(NULL, &in, &rule), KW_ACTION_DEVELOP);
}

static const char rule_text[] =
    "# my rules\n"
    "[invest]\n"
    "revenue >= 1000,5\n"
    "segment = champions\n"
    "reason = Big: {revenue}, {p_alive} alive\n"
    "reason_nl = Groot: {revenue}, {p_alive} actief\n"
    "\n"
    "[win_back]\n"
    "value > 50%   # above the median\n"
    "status = churned\n"
    "\n"
    "[serve_low_cost]\n";

static void test_rule_file(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_action_rules *r = NULL;
  assert_int_equal(kw_action_rules_parse(ctx, rule_text, strlen(rule_text),
                                         "mine.rules", &r),
                   KW_OK);
  assert_int_equal(kw_action_rules_count(r), 3);
  size_t rule;
  kw_action_input in = blank();
  in.m[KW_METRIC_REVENUE] = 1000.5; /* >= 1000,5 with a decimal comma */
  in.segment = "Champions";         /* keys compare case-insensitively */
  in.m[KW_METRIC_P_ALIVE] = 0.875;
  assert_int_equal(decide(r, &in, &rule), KW_ACTION_INVEST);
  assert_int_equal(rule, 0);
  char buf[256];
  /* {revenue} 1000.5 -> whole euros, half rounds away: 1,001 / 1.001;
   * {p_alive} 0.875 -> 88% (0 decimals, 87.5 rounds half away) */
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_EN, "EUR");
  assert_string_equal(buf, "Big: \xE2\x82\xAC" "1,001, 88% alive");
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_NL, "EUR");
  assert_string_equal(buf, "Groot: \xE2\x82\xAC\xC2\xA0" "1.001, 88% actief");
  in.m[KW_METRIC_REVENUE] = 1000.4;
  in.m[KW_METRIC_VALUE] = 0.51; /* > 50% */
  in.m[KW_METRIC_STATUS] = 3;
  assert_int_equal(decide(r, &in, &rule), KW_ACTION_WIN_BACK);
  assert_int_equal(rule, 1);
  /* a rule without its own reason uses its action's message */
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_EN, "EUR");
  assert_non_null(strstr(buf, "days"));
  in.m[KW_METRIC_VALUE] = 0.5; /* not > 50% */
  assert_int_equal(decide(r, &in, &rule), KW_ACTION_SERVE_LOW_COST);
  assert_int_equal(rule, 2);
  kw_action_rules_free(r);
  kw_action_rules_free(NULL);
  kw_context_free(ctx);
}

static void expect_parse_error(const char *text, const char *where) {
  kw_context *ctx = kw_context_new();
  kw_action_rules *r = (kw_action_rules *)1;
  assert_int_equal(kw_action_rules_parse(ctx, text, strlen(text), "bad.rules",
                                         &r),
                   KW_EINPUT);
  assert_null(r);
  if (!strstr(kw_errmsg(ctx), where))
    fail_msg("'%s' not in '%s'", where, kw_errmsg(ctx));
  kw_context_free(ctx);
}

static void test_rule_file_errors(void **state) {
  (void)state;
  expect_parse_error("[invest]\nwealth > 3\n", "bad.rules:2");
  expect_parse_error("[invest]\nvalue ~ 3\n", "bad.rules:2");
  expect_parse_error("[invest]\nstatus < churned\n", "only be compared");
  expect_parse_error("[invest]\nstatus = asleep\n", "unknown word");
  expect_parse_error("[invest]\nvalue >= lots\n", "not a number");
  expect_parse_error("\n\n[promote]\n", "bad.rules:3");
  expect_parse_error("value > 1\n[invest]\n", "before the first");
  expect_parse_error("# nothing\n", "no [action] rules");
}

static void test_template_round_trip(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  assert_int_equal(kw_action_rules_write(ctx, kw_action_rules_builtin(), f),
                   KW_OK);
  fclose(f);
  kw_action_rules *r = NULL;
  assert_int_equal(kw_action_rules_parse(ctx, text, len, "template", &r), KW_OK);
  const kw_action_rules *b = kw_action_rules_builtin();
  assert_int_equal(r->n, b->n);
  for (size_t i = 0; i < b->n; i++) {
    const kw_action_rule *x = &b->rules[i], *y = &r->rules[i];
    assert_int_equal(x->action, y->action);
    assert_int_equal(x->n_cond, y->n_cond);
    for (size_t k = 0; k < x->n_cond; k++) {
      assert_int_equal(x->cond[k].metric, y->cond[k].metric);
      assert_int_equal(x->cond[k].op, y->cond[k].op);
      assert_true(x->cond[k].value == y->cond[k].value);
    }
    /* the written reasons are the messages, in both languages */
    assert_string_equal(y->reason_en, kw_message(x->reason_key, KW_LANG_EN));
    assert_string_equal(y->reason_nl, kw_message(x->reason_key, KW_LANG_NL));
  }
  kw_action_rules_free(r);
  free(text);
  kw_context_free(ctx);
}

/* ----------------------------------------------------------- messages */

/* The sorted, distinct {placeholder} names of s joined by ','. */
static void placeholders(const char *s, char *out, size_t cap) {
  char names[32][40];
  size_t n = 0;
  for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
    const char *e = strchr(p, '}');
    if (!e || e - p - 1 >= 40 || n == 32) break;
    char nm[40];
    memcpy(nm, p + 1, (size_t)(e - p - 1));
    nm[e - p - 1] = '\0';
    size_t k = 0;
    while (k < n && strcmp(names[k], nm) != 0) k++;
    if (k == n) strcpy(names[n++], nm);
  }
  for (size_t i = 0; i < n; i++) /* insertion sort */
    for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
      char t[40];
      strcpy(t, names[j]);
      strcpy(names[j], names[j - 1]);
      strcpy(names[j - 1], t);
    }
  out[0] = '\0';
  for (size_t i = 0; i < n && strlen(out) + 42 < cap; i++) {
    strcat(out, names[i]);
    strcat(out, ",");
  }
}

static void test_messages_complete(void **state) {
  (void)state;
  for (int m = 0; m < KW_MSG__COUNT; m++) {
    const char *key = kw_msg_key((kw_msg)m);
    const char *en = kw_msg_text((kw_msg)m, KW_LANG_EN);
    const char *nl = kw_msg_text((kw_msg)m, KW_LANG_NL);
    if (!key[0] || !en[0] || !nl[0])
      fail_msg("message %d (%s) lacks a key or a language", m, key);
    for (int k = 0; k < m; k++)
      if (strcmp(key, kw_msg_key((kw_msg)k)) == 0)
        fail_msg("key %s used twice", key);
    char pe[512], pn[512];
    placeholders(en, pe, sizeof pe);
    placeholders(nl, pn, sizeof pn);
    if (strcmp(pe, pn) != 0)
      fail_msg("%s: placeholders differ: en {%s} nl {%s}", key, pe, pn);
  }
  /* every action and step has a label in both languages */
  for (int a = 0; a < KW_ACTION__COUNT; a++) {
    assert_true(kw_action_label((kw_action)a, KW_LANG_EN)[0] != '\0');
    assert_true(kw_action_label((kw_action)a, KW_LANG_NL)[0] != '\0');
    assert_int_equal(kw_action_from_key(kw_action_key((kw_action)a)), a);
  }
}

static void test_message_format(void **state) {
  (void)state;
  char buf[256];
  int32_t d = kw_date_from_ymd(2024, 3, 1);
  kw_marg a[] = {kw_ma_pct("p", 0.256, 1), kw_ma_money("m", 123456789, 0),
                 kw_ma_money("neg", -150000, 0), kw_ma_date("d", d),
                 kw_ma_int("n", 1234567), kw_ma_num("x", 2.5, 2),
                 kw_ma_str("s", "a&b")};
  const char *tpl = "{p}|{m}|{neg}|{d}|{n}|{x}|{s}|{missing}";
  /* 0.256 -> 25.6%; 1,234,567.89 -> 1,234,568 (whole); -1,500; dates
   * ISO in English, day-first in Dutch; an unknown placeholder stays */
  kw_msg_fill(buf, sizeof buf, tpl, KW_LANG_EN, "EUR", a, 7);
  assert_string_equal(buf, "25.6%|\xE2\x82\xAC" "1,234,568|-\xE2\x82\xAC"
                           "1,500|2024-03-01|1,234,567|2.50|a&b|{missing}");
  kw_msg_fill(buf, sizeof buf, tpl, KW_LANG_NL, "EUR", a, 7);
  assert_string_equal(buf, "25,6%|\xE2\x82\xAC\xC2\xA0" "1.234.568|\xE2\x82\xAC\xC2\xA0"
                           "-1.500|01-03-2024|1.234.567|2,50|a&b|{missing}");
  /* another currency code is written as a word */
  kw_marg usd[] = {kw_ma_money("m", 5000, 2)};
  kw_msg_fill(buf, sizeof buf, "{m}", KW_LANG_EN, "CHF", usd, 1);
  assert_string_equal(buf, "CHF\xC2\xA0" "50.00");
  /* truncation: the full length comes back, the buffer stays terminated */
  char small[8];
  size_t n = kw_msg_fill(small, sizeof small, "{n} items", KW_LANG_EN, "EUR",
                         a, 7);
  assert_int_equal(n, strlen("1,234,567 items"));
  assert_string_equal(small, "1,234,5");
  /* the report's sentence, as the issue words it */
  kw_marg r[] = {kw_ma_pct("top_share", 0.2, 0), kw_ma_pct("rev_share", 0.74, 0)};
  kw_msg_format(buf, sizeof buf, MSG_READ_PARETO, KW_LANG_EN, "EUR", r, 2);
  assert_string_equal(buf, "20% of your customers bring 74% of your revenue.");
}

/* --------------------------------------------------------------- SVG */

/* A small XML well-formedness check: balanced tags, quoted attributes,
 * only the five predefined entities or numeric references, no '<' or '&'
 * loose in text. Returns NULL or what is wrong. */
static const char *xml_check(const char *s) {
  char stack[64][32];
  int depth = 0, roots = 0;
  const char *p = s;
  while (*p) {
    if (*p == '&') {
      const char *e = strchr(p, ';');
      if (!e || e - p > 8) return "bare &";
      if (strncmp(p, "&amp;", 5) && strncmp(p, "&lt;", 4) &&
          strncmp(p, "&gt;", 4) && strncmp(p, "&quot;", 6) &&
          strncmp(p, "&apos;", 6) && strncmp(p, "&#", 2))
        return "unknown entity";
      p = e + 1;
      continue;
    }
    if (*p != '<') {
      if (*p == '>') return "bare >";
      p++;
      continue;
    }
    bool close = p[1] == '/';
    const char *n = p + (close ? 2 : 1);
    size_t nl = strcspn(n, " \t\n/>");
    if (nl == 0 || nl >= 32) return "bad tag name";
    const char *q = n + nl;
    bool self = false;
    while (*q && *q != '>') {
      if (*q == '"') {
        const char *e = strchr(q + 1, '"');
        if (!e) return "unterminated attribute";
        for (const char *c = q + 1; c < e; c++)
          if (*c == '<') return "< in attribute";
        q = e + 1;
        continue;
      }
      if (*q == '/' && q[1] == '>') self = true;
      if (*q == '=' && q[1] != '"') return "unquoted attribute";
      q++;
    }
    if (!*q) return "unterminated tag";
    if (close) {
      if (depth == 0 || strncmp(stack[depth - 1], n, nl) != 0 ||
          stack[depth - 1][nl] != '\0')
        return "mismatched close tag";
      depth--;
    } else if (!self) {
      if (depth == 0) roots++;
      if (depth == 64) return "too deep";
      memcpy(stack[depth], n, nl);
      stack[depth++][nl] = '\0';
    }
    p = q + 1;
  }
  if (depth) return "unclosed tag";
  if (roots != 1) return "not one root element";
  return NULL;
}

static void assert_svg(const kw_text *t) {
  assert_false(t->bad);
  assert_true(strncmp(t->s, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
  const char *err = xml_check(t->s);
  if (err) fail_msg("%s in %.300s", err, t->s);
  assert_null(strstr(t->s, "nan"));
  assert_null(strstr(t->s, "inf"));
  assert_non_null(strstr(t->s, "<title>"));
}

static void test_svg_well_formed(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_text t;
  kw_text_init(&t, ctx);
  kw_svg_style st = {KW_LANG_NL, "EUR"};
  double x[] = {0, 0.1, 0.5, 1}, y[] = {0, 0.4, 0.9, 1};
  double lo[] = {0, 0.3, 0.8, 0.9}, hi[] = {0, 0.5, 1, 1};
  kw_svg_series s[2] = {{"curve <&> \"q\"", x, y, 4, "#123456", false, false,
                         NULL, NULL},
                        {"band", x, y, 4, "#abcdef", true, true, lo, hi}};
  kw_svg_axis xa = {"x & y", 0, 1, KW_SVG_PCT, 0};
  kw_svg_axis ya = {"<share>", 1, 0, KW_SVG_NUM, 1};
  kw_svg_lines(&t, &st, "A & B", &xa, &ya, s, 2, 0.5, 0.9, "20% → 64%");
  assert_svg(&t);
  /* Dutch axis labels: ticks 0, 0.2, .. 1 with one decimal and a comma */
  assert_non_null(strstr(t.s, ">0,4<"));
  kw_text_clear(&t);
  const char *cats[] = {"a<b", "c"};
  double v1[] = {1234.5, NAN}, v2[] = {0, 2};
  kw_svg_series b[2] = {{"s1", NULL, v1, 2, "#111", false, false, NULL, NULL},
                        {"s2", NULL, v2, 2, "#222", false, false, NULL, NULL}};
  kw_svg_axis ma = {"money", 1, 0, KW_SVG_MONEY, 0};
  kw_svg_bars(&t, &st, "bars", cats, 2, b, 2, &ma, "x");
  assert_svg(&t);
  /* 1234.5 euro in Dutch: whole euros with a thousands dot */
  assert_non_null(strstr(t.s, "\xE2\x82\xAC\xC2\xA0" "1.235"));
  kw_text_clear(&t);
  const char *rl[] = {"r1", "r&2"}, *cl[] = {"c1", "c2", "c3"};
  double hv[] = {0.1, NAN, 0.9, 1, 0, 0.5};
  kw_svg_heatmap(&t, &st, "heat", rl, 2, cl, 3, hv, KW_SVG_PCT, 0, 0, 1, "rows",
                 "cols");
  assert_svg(&t);
  kw_text_clear(&t);
  uint32_t cnt[5][9] = {{0}};
  uint8_t seg[5][9];
  memset(seg, 0xFF, sizeof seg);
  cnt[4][8] = 12, seg[4][8] = 0;
  cnt[0][0] = 3, seg[0][0] = 1;
  const char *names[] = {"Champions", "Lost & gone"};
  kw_svg_rfm_grid(&t, &st, "grid", cnt, seg, names, 2, 5, "FM", "R");
  assert_svg(&t);
  /* a cell of 3 customers shows as "<5", escaped */
  assert_non_null(strstr(t.s, "&lt;5"));
  kw_text_free(&t);
  kw_context_free(ctx);
  /* the checker itself rejects broken markup */
  assert_non_null(xml_check("<svg><g></svg>"));
  assert_non_null(xml_check("<svg>a & b</svg>"));
  assert_non_null(xml_check("<svg x=1></svg>"));
  assert_null(xml_check("<svg><g a=\"1\"/>&amp;</svg>"));
}

/* ------------------------------------------------- the shop data set */

typedef kw_status (*writer_fn)(kw_context *, const kw_analysis *,
                               const kw_report_options *, FILE *);

static char *capture(kw_context *ctx, const kw_analysis *a,
                     const kw_report_options *ro, writer_fn fn) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  assert_int_equal(fn(ctx, a, ro, f), KW_OK);
  fclose(f);
  return text;
}

static kw_dataset *load_shop(kw_context *ctx) {
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = KW_TEST_DATA "/shop";
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  return ds;
}

static void quiet(void *u, kw_log_level l, const char *m) {
  (void)u, (void)l, (void)m;
}

static void test_shop_steps(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  kw_dataset *ds = load_shop(ctx);
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, NULL, &a), KW_OK);
  /* six customers K1..K6 buy in Verkopen.CSV: far too few repeat buyers
   * for a CLV model, which must say so */
  kw_step_info si;
  kw_analysis_step(a, KW_STEP_CLV, KW_LANG_EN, &si);
  assert_int_equal(si.status, KW_STEP_SKIPPED);
  assert_non_null(strstr(si.note, "repeat buyers"));
  /* every step that did not fully run carries a note */
  for (int s = 0; s < KW_STEP__COUNT; s++) {
    kw_analysis_step(a, (kw_step)s, KW_LANG_EN, &si);
    assert_int_not_equal(si.status, KW_STEP_PENDING);
    if (si.status != KW_STEP_RAN && !si.note[0])
      fail_msg("step %s is %s without a note", si.key,
               kw_step_status_name(si.status));
  }
  /* without CLV, potential comes from RFM and the actions step says so */
  kw_analysis_step(a, KW_STEP_ACTIONS, KW_LANG_EN, &si);
  assert_int_equal(si.status, KW_STEP_LIMITED);
  /* no profile group below five: all six are merged into one "other" */
  for (size_t g = 0; g < a->n_groups_rfm; g++)
    assert_true(a->groups_rfm[g].customers >= 5);
  for (size_t g = 0; g < a->n_groups_pay; g++)
    assert_true(a->groups_pay[g].customers >= 5);
  /* every buyer has an action; the headline counts add up */
  const kw_headline *h = kw_analysis_headline(a);
  size_t sum = 0;
  for (int k = 1; k < KW_ACTION__COUNT; k++) sum += h->action_count[k];
  assert_int_equal(sum, h->customers);
  kw_analysis_free(a);
  kw_analysis_free(NULL);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_shop_privacy(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  kw_dataset *ds = load_shop(ctx);
  /* one analysis; names are the writers' choice (report options) */
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, NULL, &a), KW_OK);
  for (int names = 0; names < 2; names++) {
    kw_report_options ro;
    kw_report_options_init(&ro);
    ro.show_names = names;
    ro.lang = names ? KW_LANG_NL : KW_LANG_EN;
    char *out[3] = {capture(ctx, a, &ro, kw_report_html),
                    capture(ctx, a, &ro, kw_report_customers_csv),
                    capture(ctx, a, &ro, kw_report_summary_json)};
    for (int k = 0; k < 3; k++) {
      /* klanten.csv: K1 Peeters an@example.be, K2 Janssens */
      assert_null(strstr(out[k], "an@example.be"));
      if (!names) {
        assert_null(strstr(out[k], "Peeters"));
        assert_null(strstr(out[k], "Janssens"));
      }
    }
    /* with names, the customer list has them */
    if (names) assert_non_null(strstr(out[1], "Peeters"));
    /* the page loads nothing from outside (the SVG namespace URI in
     * xmlns is a name, not a load) */
    assert_null(strstr(out[0], "src="));
    assert_null(strstr(out[0], "href=\"http"));
    assert_null(strstr(out[0], "url("));
    assert_null(strstr(out[0], "<link"));
    for (int k = 0; k < 3; k++) free(out[k]);
  }
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* The analysis holds no text: one analysis written in English and in
 * Dutch gives each report wholly in its language (step labels, notes,
 * group labels), and NULL report options are the English defaults. */
static void test_one_analysis_two_languages(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  kw_dataset *ds = load_shop(ctx);
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, NULL, &a), KW_OK);
  kw_report_options en, nl;
  kw_report_options_init(&en);
  kw_report_options_init(&nl);
  nl.lang = KW_LANG_NL;
  char *je = capture(ctx, a, &en, kw_report_summary_json);
  char *jn = capture(ctx, a, &nl, kw_report_summary_json);
  char *jd = capture(ctx, a, NULL, kw_report_summary_json);
  assert_string_equal(je, jd);
  assert_non_null(strstr(je, "\"lang\": \"en\""));
  assert_non_null(strstr(jn, "\"lang\": \"nl\""));
  /* the CLV step's note (too few repeat buyers) in each language */
  kw_step_info si;
  kw_analysis_step(a, KW_STEP_CLV, KW_LANG_EN, &si);
  assert_non_null(strstr(je, si.note));
  assert_non_null(strstr(si.label, "CLV model"));
  kw_analysis_step(a, KW_STEP_CLV, KW_LANG_NL, &si);
  assert_non_null(strstr(jn, si.note));
  assert_null(strstr(jn, "repeat buyers"));
  assert_string_equal(si.label, kw_step_label(KW_STEP_CLV, KW_LANG_NL));
  /* the console summary names the step that could not run in each
     language, with its note */
  for (int l = 0; l < 2; l++) {
    kw_report_options ro;
    kw_report_options_init(&ro);
    ro.lang = (kw_lang)l;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(kw_report_console(ctx, a, &ro, NULL, f), KW_OK);
    fclose(f);
    kw_analysis_step(a, KW_STEP_CLV, ro.lang, &si);
    assert_non_null(strstr(text, si.label));
    assert_non_null(strstr(text, si.note));
    free(text);
  }
  char *hn = capture(ctx, a, &nl, kw_report_html);
  assert_non_null(strstr(hn, "<html lang=\"nl\">"));
  assert_non_null(strstr(hn, kw_step_label(KW_STEP_CLV, KW_LANG_NL)));
  free(je);
  free(jn);
  free(jd);
  free(hn);
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_percentile(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  /* values 5, 1, 5, NaN, 3 of which the 4th is unused: among 1, 3, 5, 5
   * the share below is 0/4, 1/4, 2/4 (both 5s) */
  double v[] = {5, 1, 5, NAN, 3}, sc[5];
  uint8_t use[] = {1, 1, 1, 1, 1};
  assert_int_equal(kw_an_percentile(ctx, v, use, 5, sc), KW_OK);
  assert_true(sc[0] == 0.5 && sc[2] == 0.5 && sc[1] == 0 && sc[4] == 0.25);
  assert_true(isnan(sc[3]));
  kw_context_free(ctx);
}

/* A step that failed notes the library's error by its key and values, and
 * the writers give it in the language they are asked for: a keyed failure
 * (here a refused reading option) reads in Dutch in a Dutch report and in
 * English in an English one, from the same analysis. */
static void test_note_error_language(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_analysis *a = calloc(1, sizeof *a);
  assert_non_null(a);
  a->ctx = ctx;
  kw_analyze_options_init(&a->o);
  kw_load_options lo;
  kw_load_options_init(&lo);
  assert_int_equal(kw_load_options_set(ctx, &lo, "vat", "beide"), KW_EARG);
  assert_string_equal(kw_errmsg(ctx), "--vat takes excl or incl");
  assert_int_equal(kw_an_note_text(a, KW_STEP_PROFIT, KW_STEP_FAILED,
                                   "note.error", kw_errmsg(ctx)),
                   KW_OK);
  /* the note keeps its own copy: a later failure does not change it */
  kw_clear_error(ctx);
  char nl[512], en[512];
  kw_an_notes_text(a, KW_STEP_PROFIT, KW_LANG_NL, nl, sizeof nl);
  kw_an_notes_text(a, KW_STEP_PROFIT, KW_LANG_EN, en, sizeof en);
  assert_string_equal(nl, "--vat verwacht excl of incl");
  assert_string_equal(en, "--vat takes excl or incl");
  /* a text that is not the last failure stays as it is */
  assert_int_equal(kw_an_note_text(a, KW_STEP_RFM, KW_STEP_FAILED,
                                   "note.error", "plain words"),
                   KW_OK);
  kw_an_notes_text(a, KW_STEP_RFM, KW_LANG_NL, nl, sizeof nl);
  assert_string_equal(nl, "plain words");
  /* a note with a number, twice on one step: joined by "; ", the number
     in each language's format */
  kw_marg arg = kw_ma_int("n", 12345);
  assert_int_equal(kw_an_note(a, KW_STEP_RFM, KW_STEP_LIMITED,
                              "note.return_only", &arg, 1),
                   KW_OK);
  kw_an_notes_text(a, KW_STEP_RFM, KW_LANG_EN, en, sizeof en);
  kw_an_notes_text(a, KW_STEP_RFM, KW_LANG_NL, nl, sizeof nl);
  assert_non_null(strstr(en, "plain words; "));
  assert_non_null(strstr(en, "12,345"));
  assert_non_null(strstr(nl, "12.345"));
  /* the status only gets worse */
  assert_int_equal(a->step[KW_STEP_RFM], KW_STEP_FAILED);
  kw_an_notes_free(a);
  free(a);
  kw_context_free(ctx);
}

/* Each allocation of the analysis and of each writer fails once in turn:
 * the call returns KW_ENOMEM (no result, and under ASan no leak), or it
 * absorbed nothing: a successful run has no step that failed. */
static void test_out_of_memory(void **state) {
  (void)state;
  kw_context *lctx = kw_context_new();
  kw_context_set_log(lctx, quiet, NULL);
  kw_dataset *ds = load_shop(lctx);
  failing fl = {1000000, false};
  kw_allocator al = failing_allocator(&fl);
  kw_context *ctx = kw_context_new_with_allocator(&al);
  kw_context_set_log(ctx, quiet, NULL);
  kw_analyze_options o;
  kw_analyze_options_init(&o);
  kw_report_options ro;
  kw_report_options_init(&ro);
  ro.show_names = true;
  int failures = 0;
  for (long k = 0;; k++) {
    fl.left = k;
    kw_analysis *a = (kw_analysis *)1;
    kw_status st = kw_analyze_run(ctx, ds, &o, &a);
    if (st == KW_OK) {
      for (int s = 0; s < KW_STEP__COUNT; s++)
        assert_int_not_equal(a->step[s], KW_STEP_FAILED);
      kw_analysis_free(a);
      break;
    }
    if (st != KW_ENOMEM)
      fail_msg("allocation %ld: %s (%s)", k, kw_status_str(st), kw_errmsg(ctx));
    assert_null(a);
    failures++;
  }
  assert_true(failures > 50);
  fl.left = 1000000;
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, &o, &a), KW_OK);
  writer_fn writers[] = {kw_report_html, kw_report_customers_csv,
                         kw_report_summary_json};
  for (int w = 0; w < 3; w++) {
    for (long k = 0;; k++) {
      fl.left = k;
      char *text = NULL;
      size_t len = 0;
      FILE *f = open_memstream(&text, &len);
      kw_status st = writers[w](ctx, a, &ro, f);
      fclose(f);
      free(text);
      if (st == KW_OK) break;
      if (st != KW_ENOMEM)
        fail_msg("writer %d, allocation %ld: %s (%s)", w, k,
                 kw_status_str(st), kw_errmsg(ctx));
    }
  }
  fl.left = 1000000;
  kw_analysis_free(a);
  kw_context_free(ctx);
  kw_dataset_free(ds);
  kw_context_free(lctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_builtin_each_action),
      cmocka_unit_test(test_rule_file),
      cmocka_unit_test(test_rule_file_errors),
      cmocka_unit_test(test_template_round_trip),
      cmocka_unit_test(test_messages_complete),
      cmocka_unit_test(test_message_format),
      cmocka_unit_test(test_svg_well_formed),
      cmocka_unit_test(test_shop_steps),
      cmocka_unit_test(test_shop_privacy),
      cmocka_unit_test(test_one_analysis_two_languages),
      cmocka_unit_test(test_percentile),
      cmocka_unit_test(test_note_error_language),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
