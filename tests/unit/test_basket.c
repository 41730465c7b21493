/*
 * Unit tests: basket sets, the basket-file reader, FP-growth itemsets
 * (against hand counts and against a brute-force subset counter), rules
 * and their measures, next-best product, penetration and upsell.
 * Expected values are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "data/table.h"
#include "klantwijs.h"
#include "models/basket/basket_internal.h"

/* ------------------------------------------------------------ helpers */

/* Baskets from "a b c|a b|...": baskets separated by '|', items by ' '. */
static kw_baskets *make_baskets(kw_context *ctx, const char *spec) {
  kw_basket_builder *bb;
  assert_int_equal(kw_basket_builder_new(ctx, &bb), KW_OK);
  int basket = 0;
  const char *p = spec;
  while (*p) {
    const char *e = p;
    while (*e && *e != ' ' && *e != '|') e++;
    if (e > p) {
      char key[16];
      int kn = snprintf(key, sizeof key, "%d", basket);
      assert_int_equal(
          kw_basket_builder_add(bb, key, (size_t)kn, p, (size_t)(e - p)),
          KW_OK);
    }
    if (*e == '|') basket++;
    p = *e ? e + 1 : e;
  }
  kw_baskets *b;
  assert_int_equal(kw_basket_builder_finish(bb, &b), KW_OK);
  kw_basket_builder_free(bb);
  return b;
}

static uint32_t id_of(const kw_baskets *b, const char *name) {
  uint32_t id = kw_baskets_find_item(b, name);
  assert_int_not_equal(id, KW_NA_ID);
  return id;
}

/* "a b => c" for rule r, names joined by ' '. */
static void rule_text(const kw_baskets *b, const kw_rule_view *rv, size_t r,
                      char *buf, size_t cap) {
  const kw_rule *x = &rv->rules[r];
  size_t n = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < x->n_lhs; i++)
    n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? " " : "",
                          kw_baskets_item_name(b, rv->items[x->lhs + i]));
  n += (size_t)snprintf(buf + n, cap - n, " =>");
  for (uint32_t i = 0; i < x->n_rhs; i++)
    n += (size_t)snprintf(buf + n, cap - n, " %s",
                          kw_baskets_item_name(b, rv->items[x->rhs + i]));
}

static size_t find_rule(const kw_baskets *b, const kw_rule_view *rv,
                        const char *text) {
  char buf[128];
  for (size_t r = 0; r < rv->n; r++) {
    rule_text(b, rv, r, buf, sizeof buf);
    if (strcmp(buf, text) == 0) return r;
  }
  fail_msg("rule %s not found", text);
  return SIZE_MAX;
}

static kw_rules *mine_rules(kw_context *ctx, const kw_baskets *b,
                            uint64_t min_count, double conf, size_t k,
                            kw_rule_measure by, kw_itemsets **sets) {
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.min_count = min_count;
  io.max_len = 0;
  kw_itemsets *s;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  kw_rule_options ro;
  kw_rule_options_init(&ro);
  ro.min_confidence = conf;
  ro.max_consequent = k;
  ro.sort_by = by;
  kw_rules *r;
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  if (sets)
    *sets = s;
  else
    kw_itemsets_free(s);
  return r;
}

/*
 * The six baskets used throughout:
 *   1 a b c   2 a b   3 a b d   4 b c   5 a b c e   6 c
 * n(a)=4 (1,2,3,5)  n(b)=5 (1-5)  n(c)=4 (1,4,5,6)  n(d)=1  n(e)=1
 * n(ab)=4 (1,2,3,5) n(ac)=2 (1,5) n(bc)=3 (1,4,5)    n(abc)=2 (1,5)
 */
#define SIX "a b c|a b|a b d|b c|a b c e|c"

/* ------------------------------------------------------------ itemsets */

static void test_itemsets_by_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b = make_baskets(ctx, SIX);
  const kw_basket_view *bv = kw_baskets_view(b);
  assert_int_equal(bv->n_baskets, 6);
  assert_int_equal(bv->n_items, 5);
  /* items are numbered in name order */
  assert_int_equal(id_of(b, "a"), 0);
  assert_int_equal(id_of(b, "e"), 4);
  assert_int_equal(bv->item_count[id_of(b, "b")], 5);

  /* support 0.3: ceil(6 x 0.3) = ceil(1.8) = 2 */
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.support = 0.3;
  kw_itemsets *s;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  const kw_itemset_view *v = kw_itemsets_view(s);
  assert_int_equal(v->min_count, 2);
  /* frequent: a4 b5 c4 ab4 ac2 bc3 abc2, ordered by length then items */
  assert_int_equal(v->n, 7);
  static const char *const want[] = {"a", "b", "c", "ab", "ac", "bc", "abc"};
  static const uint32_t want_count[] = {4, 5, 4, 4, 2, 3, 2};
  for (size_t i = 0; i < 7; i++) {
    char got[8] = {0};
    for (size_t k = v->offsets[i]; k < v->offsets[i + 1]; k++)
      strcat(got, kw_baskets_item_name(b, v->items[k]));
    assert_string_equal(got, want[i]);
    assert_int_equal(v->count[i], want_count[i]);
  }
  uint32_t ab[] = {id_of(b, "b"), id_of(b, "a")};
  assert_int_equal(kw_itemsets_count(s, ab, 2), 4);
  uint32_t aab[] = {id_of(b, "a"), id_of(b, "a"), id_of(b, "b")};
  assert_int_equal(kw_itemsets_count(s, aab, 3), 4);
  uint32_t cba[] = {id_of(b, "c"), id_of(b, "b"), id_of(b, "a")};
  assert_int_equal(kw_itemsets_count(s, cba, 3), 2);
  uint32_t d[] = {id_of(b, "d")};
  assert_int_equal(kw_itemsets_count(s, d, 1), 0); /* n(d)=1 < 2 */
  assert_int_equal(kw_itemsets_count(s, NULL, 0), 6);
  kw_itemsets_free(s);

  /* support 0.4 of 5 baskets: 5 x 0.4 must give 2, not 3 (rounding) */
  kw_baskets *b5 = make_baskets(ctx, "a|a|b|b|c");
  io.support = 0.4;
  assert_int_equal(kw_itemsets_mine(ctx, b5, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->min_count, 2);
  assert_int_equal(kw_itemsets_view(s)->n, 2); /* a, b */
  kw_itemsets_free(s);
  kw_baskets_free(b5);

  /* closed: a (n=4) has ab (4) -> not closed; ac (2) has abc (2) -> not
   * closed; the rest b c ab bc abc are closed. maximal: only abc. */
  io.support = 0;
  io.min_count = 2;
  io.kind = KW_ITEMSETS_CLOSED;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  v = kw_itemsets_view(s);
  assert_int_equal(v->n, 5);
  assert_int_equal(v->n_frequent, 7);
  kw_itemsets_free(s);
  io.kind = KW_ITEMSETS_MAXIMAL;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  v = kw_itemsets_view(s);
  assert_int_equal(v->n, 1);
  assert_int_equal(v->offsets[1], 3);
  assert_int_equal(v->count[0], 2);
  kw_itemsets_free(s);

  /* lengths: min_len 2 leaves ab ac bc abc; max_len 2 leaves a b c ab ac bc
   * and makes ab, ac, bc maximal */
  io.kind = KW_ITEMSETS_ALL;
  io.min_len = 2;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->n, 4);
  kw_itemsets_free(s);
  io.min_len = 1;
  io.max_len = 2;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->n, 6);
  assert_int_equal(kw_itemsets_count(s, cba, 3), 0); /* beyond max_len */
  kw_itemsets_free(s);
  io.kind = KW_ITEMSETS_MAXIMAL;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->n, 3);
  kw_itemsets_free(s);

  /* bad arguments */
  io.kind = KW_ITEMSETS_ALL;
  io.max_len = 2;
  io.min_len = 3;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_EARG);
  assert_null(s);
  kw_itemset_options_init(&io);
  io.support = 1.5;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_EARG);
  io.support = 0;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_EARG);
  /* a threshold above every count: no itemset, not an error */
  io.min_count = 7;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->n, 0);
  kw_rules *r;
  assert_int_equal(kw_rules_build(ctx, s, NULL, &r), KW_OK);
  assert_int_equal(kw_rules_view(r)->n, 0);
  kw_rules_free(r);
  kw_itemsets_free(s);

  kw_baskets_free(b);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ rules */

static void test_rules_by_hand(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b = make_baskets(ctx, SIX);
  /*
   * N = 6, min count 2, single-item consequents. Confidences:
   *   a=>b 4/4=1   b=>a 4/5=.8   a=>c 2/4   c=>a 2/4   b=>c 3/5=.6
   *   c=>b 3/4     bc=>a 2/3     ac=>b 2/2=1   ab=>c 2/4
   * At min confidence 0.6 (b=>c is exactly 0.6 and stays): 6 rules.
   */
  kw_rules *r = mine_rules(ctx, b, 2, 0.6, 1, KW_MEASURE_LIFT, NULL);
  const kw_rule_view *rv = kw_rules_view(r);
  assert_int_equal(rv->n, 6);
  assert_int_equal(rv->n_matched, 6);
  /*
   * lift = n(Z) N / (n(X) n(Y)):
   *   a=>b 4*6/(4*5)=1.2  b=>a 4*6/(5*4)=1.2  ac=>b 2*6/(2*5)=1.2
   *   bc=>a 2*6/(3*4)=1   b=>c 3*6/(5*4)=.9   c=>b 3*6/(4*5)=.9
   * sorted by lift, ties by antecedent (shorter first, then ids), then
   * consequent:
   */
  static const char *const order[] = {"a => b",  "b => a", "a c => b",
                                      "b c => a", "b => c", "c => b"};
  char buf[128];
  for (size_t i = 0; i < 6; i++) {
    rule_text(b, rv, i, buf, sizeof buf);
    assert_string_equal(buf, order[i]);
  }
  /* a=>b: supp 4/6, conf 1, leverage 4/6 - (4/6)(5/6) = 4/36,
   * conviction (1-5/6)/(1-1) = inf */
  const kw_rule *x = &rv->rules[0];
  assert_int_equal(x->count, 4);
  assert_int_equal(x->lhs_count, 4);
  assert_int_equal(x->rhs_count, 5);
  assert_float_equal(x->support, 4.0 / 6, 1e-12);
  assert_float_equal(x->confidence, 1.0, 1e-12);
  assert_float_equal(x->lift, 1.2, 1e-12);
  assert_float_equal(x->leverage, 4.0 / 36, 1e-12);
  assert_true(x->conviction_inf);
  assert_true(isinf(x->conviction) && x->conviction > 0);
  /* b=>a: conf .8, conviction (1-4/6)/(1-.8) = (1/3)/(1/5) = 5/3 */
  x = &rv->rules[1];
  assert_float_equal(x->confidence, 0.8, 1e-12);
  assert_float_equal(x->conviction, 5.0 / 3, 1e-12);
  assert_false(x->conviction_inf);
  /* bc=>a: supp 2/6, conf 2/3, lift 1, leverage 2/6 - (3/6)(4/6) = 0,
   * conviction (1-4/6)/(1-2/3) = 1 */
  x = &rv->rules[3];
  assert_float_equal(x->support, 2.0 / 6, 1e-12);
  assert_float_equal(x->confidence, 2.0 / 3, 1e-12);
  assert_float_equal(x->lift, 1.0, 1e-12);
  assert_float_equal(x->leverage, 0.0, 1e-12);
  assert_float_equal(x->conviction, 1.0, 1e-12);
  /* b=>c: supp 3/6, conf .6, lift .9, leverage 3/6 - (5/6)(4/6) = -2/36,
   * conviction (1-4/6)/(1-.6) = (1/3)/(2/5) = 5/6 */
  x = &rv->rules[4];
  assert_float_equal(x->support, 0.5, 1e-12);
  assert_float_equal(x->lift, 0.9, 1e-12);
  assert_float_equal(x->leverage, -2.0 / 36, 1e-12);
  assert_float_equal(x->conviction, 5.0 / 6, 1e-12);
  /* c=>b: conviction (1-5/6)/(1-3/4) = (1/6)/(1/4) = 2/3 */
  assert_float_equal(rv->rules[5].conviction, 2.0 / 3, 1e-12);

  /* by confidence: 1 {a=>b, ac=>b}, .8 b=>a, .75 c=>b, 2/3 bc=>a, .6 b=>c */
  assert_int_equal(kw_rules_sort(ctx, r, KW_MEASURE_CONFIDENCE, false), KW_OK);
  static const char *const by_conf[] = {"a => b",  "a c => b", "b => a",
                                        "c => b",  "b c => a", "b => c"};
  for (size_t i = 0; i < 6; i++) {
    rule_text(b, rv, i, buf, sizeof buf);
    assert_string_equal(buf, by_conf[i]);
  }
  /* by conviction: inf inf 5/3 1 5/6 2/3 */
  assert_int_equal(kw_rules_sort(ctx, r, KW_MEASURE_CONVICTION, false), KW_OK);
  static const char *const by_conv[] = {"a => b",  "a c => b", "b => a",
                                        "b c => a", "b => c",  "c => b"};
  for (size_t i = 0; i < 6; i++) {
    rule_text(b, rv, i, buf, sizeof buf);
    assert_string_equal(buf, by_conv[i]);
  }
  /* ascending support: 2/6 {ac=>b, bc=>a}, 3/6 {b=>c, c=>b}, 4/6 {a=>b,
   * b=>a}; ties still by items ascending */
  assert_int_equal(kw_rules_sort(ctx, r, KW_MEASURE_SUPPORT, true), KW_OK);
  static const char *const by_supp[] = {"a c => b", "b c => a", "b => c",
                                        "c => b",   "a => b",   "b => a"};
  for (size_t i = 0; i < 6; i++) {
    rule_text(b, rv, i, buf, sizeof buf);
    assert_string_equal(buf, by_supp[i]);
  }
  assert_int_equal(kw_rules_sort(ctx, r, KW_MEASURE__COUNT, false), KW_EARG);
  kw_rules_free(r);

  /* min confidence 0.5 adds a=>c, c=>a, ab=>c: 9 rules; two-item
   * consequents add a=>bc (2/4) and c=>ab (2/4) but not b=>ac (2/5). */
  r = mine_rules(ctx, b, 2, 0.5, 1, KW_MEASURE_NONE, NULL);
  assert_int_equal(kw_rules_view(r)->n, 9);
  kw_rules_free(r);
  r = mine_rules(ctx, b, 2, 0.5, 2, KW_MEASURE_LIFT, NULL);
  rv = kw_rules_view(r);
  assert_int_equal(rv->n, 11);
  size_t k = find_rule(b, rv, "a => b c");
  /* n(X)=4 n(Y)=n(bc)=3: lift 2*6/(4*3) = 1 */
  assert_int_equal(rv->rules[k].rhs_count, 3);
  assert_float_equal(rv->rules[k].lift, 1.0, 1e-12);
  find_rule(b, rv, "c => a b");
  kw_rules_free(r);

  /* filters and top-N on the six rules at 0.6 */
  kw_itemsets *s;
  kw_rules_free(mine_rules(ctx, b, 2, 0.6, 1, KW_MEASURE_LIFT, &s));
  kw_rule_options ro;
  kw_rule_options_init(&ro);
  ro.min_confidence = 0.6;
  uint32_t ia = id_of(b, "a"), ibc[] = {id_of(b, "b"), id_of(b, "c")};
  ro.rhs = (kw_item_filter){&ia, 1, KW_MATCH_ANY}; /* b=>a, bc=>a */
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  assert_int_equal(kw_rules_view(r)->n, 2);
  kw_rules_free(r);
  ro.rhs.n = 0;
  ro.lhs = (kw_item_filter){&ia, 1, KW_MATCH_NONE}; /* b=>a b=>c c=>b bc=>a */
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  assert_int_equal(kw_rules_view(r)->n, 4);
  kw_rules_free(r);
  ro.lhs = (kw_item_filter){ibc, 2, KW_MATCH_ALL}; /* bc=>a */
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  assert_int_equal(kw_rules_view(r)->n, 1);
  kw_rules_free(r);
  ro.lhs.n = 0;
  ro.min_lift = 1.0; /* drops b=>c and c=>b (0.9) */
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  assert_int_equal(kw_rules_view(r)->n, 4);
  kw_rules_free(r);
  ro.min_lift = 0;
  ro.top_n = 2;
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  rv = kw_rules_view(r);
  assert_int_equal(rv->n, 2);
  assert_int_equal(rv->n_matched, 6);
  rule_text(b, rv, 1, buf, sizeof buf);
  assert_string_equal(buf, "b => a");
  kw_rules_free(r);
  uint32_t bad = 99;
  ro.top_n = 0;
  ro.lhs = (kw_item_filter){&bad, 1, KW_MATCH_ANY};
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_EARG);
  ro.lhs.n = 0;
  ro.min_confidence = 1.5;
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_EARG);
  kw_itemsets_free(s);

  assert_string_equal(kw_rule_measure_name(KW_MEASURE_CONVICTION),
                      "conviction");
  assert_int_equal(kw_rule_measure_from_name("Lift"), KW_MEASURE_LIFT);
  assert_int_equal(kw_rule_measure_from_name("nope"), KW_MEASURE__COUNT);
  kw_baskets_free(b);
  kw_context_free(ctx);
}

static void test_item_in_every_basket(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  /* m in all 4 baskets; n(x)=2, n(y)=2, n(xy)=1 */
  kw_baskets *b = make_baskets(ctx, "m x|m x y|m y|m");
  kw_rules *r = mine_rules(ctx, b, 1, 0.0, 1, KW_MEASURE_LIFT, NULL);
  const kw_rule_view *rv = kw_rules_view(r);
  /* m=>x: conf 2/4 = supp(x): lift 1, leverage 2/4 - 1*2/4 = 0,
   * conviction (1-1/2)/(1-1/2) = 1 */
  const kw_rule *x = &rv->rules[find_rule(b, rv, "m => x")];
  assert_float_equal(x->confidence, 0.5, 1e-12);
  assert_float_equal(x->lift, 1.0, 1e-12);
  assert_float_equal(x->leverage, 0.0, 1e-12);
  assert_float_equal(x->conviction, 1.0, 1e-12);
  assert_false(x->conviction_inf);
  /* x=>m: conf 1 and supp(m) = 1: lift 1, leverage 0, conviction 0/0,
   * reported as 1 (independence), not infinite */
  x = &rv->rules[find_rule(b, rv, "x => m")];
  assert_float_equal(x->confidence, 1.0, 1e-12);
  assert_float_equal(x->lift, 1.0, 1e-12);
  assert_float_equal(x->leverage, 0.0, 1e-12);
  assert_float_equal(x->conviction, 1.0, 1e-12);
  assert_false(x->conviction_inf);
  /* x y => m as well */
  x = &rv->rules[find_rule(b, rv, "x y => m")];
  assert_float_equal(x->support, 0.25, 1e-12);
  assert_float_equal(x->conviction, 1.0, 1e-12);
  /* x=>y: conf 1/2, lift 1*4/(2*2) = 1, leverage 1/4 - 1/4 = 0 */
  x = &rv->rules[find_rule(b, rv, "x => y")];
  assert_float_equal(x->lift, 1.0, 1e-12);
  assert_float_equal(x->leverage, 0.0, 1e-12);
  /* 2-itemsets mx my xy and mxy give 2+2+2+3 = 9 rules, all lift 1 */
  assert_int_equal(rv->n, 9);
  for (size_t i = 0; i < rv->n; i++) {
    assert_float_equal(rv->rules[i].lift, 1.0, 1e-12);
    assert_float_equal(rv->rules[i].leverage, 0.0, 1e-12);
  }
  kw_rules_free(r);
  kw_baskets_free(b);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ brute force */

static uint64_t rng_next(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static double measure(const kw_rule *r, kw_rule_measure m) {
  switch (m) {
  case KW_MEASURE_SUPPORT: return r->support;
  case KW_MEASURE_CONFIDENCE: return r->confidence;
  case KW_MEASURE_LIFT: return r->lift;
  case KW_MEASURE_LEVERAGE: return r->leverage;
  case KW_MEASURE_CONVICTION: return r->conviction;
  case KW_MEASURE_COUNT: return r->count;
  default: return 0;
  }
}

/* -1, 0, 1 as the items of rule a (X, then Y; fewer first, then ids) come
 * before, with or after those of rule b */
static int items_order(const kw_rule_view *v, size_t a, size_t b) {
  const kw_rule *x = &v->rules[a], *y = &v->rules[b];
  if (x->n_lhs != y->n_lhs) return x->n_lhs < y->n_lhs ? -1 : 1;
  for (uint32_t i = 0; i < x->n_lhs; i++)
    if (v->items[x->lhs + i] != v->items[y->lhs + i])
      return v->items[x->lhs + i] < v->items[y->lhs + i] ? -1 : 1;
  if (x->n_rhs != y->n_rhs) return x->n_rhs < y->n_rhs ? -1 : 1;
  for (uint32_t i = 0; i < x->n_rhs; i++)
    if (v->items[x->rhs + i] != v->items[y->rhs + i])
      return v->items[x->rhs + i] < v->items[y->rhs + i] ? -1 : 1;
  return 0;
}

/* For every measure and direction: the full sort is ordered by the measure
 * with ties in items order, and the top 5 kept while generating are the
 * first 5 of the full sort. */
static void check_orders(kw_context *ctx, const kw_itemsets *s) {
  for (int m = KW_MEASURE_SUPPORT; m < KW_MEASURE__COUNT; m++) {
    for (int asc = 0; asc < 2; asc++) {
      kw_rule_options ro;
      kw_rule_options_init(&ro);
      ro.min_confidence = 0.3;
      ro.max_consequent = 2;
      ro.sort_by = (kw_rule_measure)m;
      ro.ascending = asc;
      kw_rules *all, *top;
      assert_int_equal(kw_rules_build(ctx, s, &ro, &all), KW_OK);
      ro.top_n = 5;
      assert_int_equal(kw_rules_build(ctx, s, &ro, &top), KW_OK);
      const kw_rule_view *va = kw_rules_view(all), *vt = kw_rules_view(top);
      for (size_t i = 1; i < va->n; i++) {
        double p = measure(&va->rules[i - 1], (kw_rule_measure)m);
        double q = measure(&va->rules[i], (kw_rule_measure)m);
        if (p == q)
          assert_int_equal(items_order(va, i - 1, i), -1);
        else
          assert_true(asc ? p < q : p > q);
      }
      assert_int_equal(vt->n_matched, va->n);
      assert_int_equal(vt->n, va->n < 5 ? va->n : 5);
      for (size_t i = 0; i < vt->n; i++) {
        const kw_rule *x = &va->rules[i], *y = &vt->rules[i];
        assert_int_equal(x->n_lhs, y->n_lhs);
        assert_int_equal(x->n_rhs, y->n_rhs);
        assert_int_equal(x->count, y->count);
        for (uint32_t k = 0; k < x->n_lhs + x->n_rhs; k++)
          assert_int_equal(va->items[x->lhs + k], vt->items[y->lhs + k]);
      }
      /* the same order from the plain item comparison (signature cut) */
      for (unsigned words = 0; words < 2; words++) {
        kw_rules *again;
        ro.top_n = 0;
        ro.sort_by = KW_MEASURE_NONE;
        assert_int_equal(kw_rules_build(ctx, s, &ro, &again), KW_OK);
        assert_int_equal(kw_rules_sort_sig(ctx, again, (kw_rule_measure)m,
                                           asc, words),
                         KW_OK);
        const kw_rule_view *vg = kw_rules_view(again);
        assert_int_equal(vg->n, va->n);
        for (size_t i = 0; i < va->n; i++) {
          const kw_rule *x = &va->rules[i], *y = &vg->rules[i];
          assert_int_equal(x->n_lhs, y->n_lhs);
          assert_int_equal(x->count, y->count);
          for (uint32_t k = 0; k < x->n_lhs + x->n_rhs; k++)
            assert_int_equal(va->items[x->lhs + k], vg->items[y->lhs + k]);
        }
        kw_rules_free(again);
      }
      kw_rules_free(all);
      kw_rules_free(top);
    }
  }
}

#define BF_ITEMS 10
#define BF_SETS (1u << BF_ITEMS)

static void test_brute_force(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < 12; round++) {
    size_t nb = 20 + rng_next(&seed) % 60;
    /* item i present with probability (i + 1) / 14, so densities differ */
    uint32_t *mask = calloc(nb, sizeof *mask);
    kw_basket_builder *bb;
    assert_int_equal(kw_basket_builder_new(ctx, &bb), KW_OK);
    for (size_t t = 0; t < nb; t++) {
      char key[16];
      int kn = snprintf(key, sizeof key, "t%zu", t);
      for (int i = 0; i < BF_ITEMS; i++) {
        if (rng_next(&seed) % 14 > (uint64_t)i) continue;
        char item[8];
        int in = snprintf(item, sizeof item, "i%d", i);
        /* add some items twice: they must count once */
        int times = rng_next(&seed) % 4 == 0 ? 2 : 1;
        for (int k = 0; k < times; k++)
          assert_int_equal(kw_basket_builder_add(bb, key, (size_t)kn, item,
                                                 (size_t)in),
                           KW_OK);
        mask[t] |= 1u << i;
      }
    }
    kw_baskets *b;
    kw_status st = kw_basket_builder_finish(bb, &b);
    kw_basket_builder_free(bb);
    assert_int_equal(st, KW_OK);
    const kw_basket_view *bv = kw_baskets_view(b);
    /* item id -> bit, through the names */
    uint32_t bit[BF_ITEMS];
    for (uint32_t id = 0; id < bv->n_items; id++) {
      int i = atoi(kw_baskets_item_name(b, id) + 1);
      bit[id] = 1u << i;
    }
    size_t n_nonempty = 0;
    for (size_t t = 0; t < nb; t++) n_nonempty += mask[t] != 0;
    assert_int_equal(bv->n_baskets, n_nonempty);
    /* brute force: the count of every subset */
    static uint32_t cnt[BF_SETS];
    for (uint32_t m = 0; m < BF_SETS; m++) {
      cnt[m] = 0;
      for (size_t t = 0; t < nb; t++)
        if (mask[t] && (mask[t] & m) == m) cnt[m]++;
    }
    static const uint64_t minc_list[] = {1, 2, 3, 5, 8};
    for (size_t mi = 0; mi < 5; mi++) {
      uint32_t minc = (uint32_t)minc_list[mi];
      for (int kind = 0; kind < 3; kind++) {
        for (size_t max_len = 0; max_len <= 3; max_len += 3) {
          kw_itemset_options io;
          kw_itemset_options_init(&io);
          io.min_count = minc;
          io.max_len = max_len;
          io.min_len = max_len ? 2 : 1;
          io.kind = (kw_itemset_kind)kind;
          kw_itemsets *s;
          assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
          const kw_itemset_view *v = kw_itemsets_view(s);
          /* expected: frequent masks within the lengths and of the kind */
          static uint8_t expect[BF_SETS];
          size_t n_expect = 0;
          for (uint32_t m = 1; m < BF_SETS; m++) {
            int len = __builtin_popcount(m);
            expect[m] = 0;
            if (cnt[m] < minc) continue;
            if (max_len && (size_t)len > max_len) continue;
            bool closed = true, maximal = true;
            for (uint32_t sup = 1; sup < BF_SETS; sup++) {
              if (sup == m || (sup & m) != m || cnt[sup] < minc) continue;
              if (max_len && (size_t)__builtin_popcount(sup) > max_len)
                continue;
              maximal = false;
              if (cnt[sup] == cnt[m]) closed = false;
            }
            if ((size_t)len < io.min_len) continue;
            if (kind == KW_ITEMSETS_CLOSED && !closed) continue;
            if (kind == KW_ITEMSETS_MAXIMAL && !maximal) continue;
            expect[m] = 1;
            n_expect++;
          }
          assert_int_equal(v->n, n_expect);
          for (size_t i = 0; i < v->n; i++) {
            uint32_t m = 0;
            for (size_t k = v->offsets[i]; k < v->offsets[i + 1]; k++)
              m |= bit[v->items[k]];
            assert_true(expect[m]);
            assert_int_equal(v->count[i], cnt[m]);
            expect[m] = 0; /* each exactly once */
          }
          /* rules with up to 2 consequent items at confidence 0.5 */
          if (kind == KW_ITEMSETS_ALL && max_len == 0) {
            kw_rule_options ro;
            kw_rule_options_init(&ro);
            ro.min_confidence = 0.5;
            ro.max_consequent = 2;
            kw_rules *r;
            assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
            size_t n_rules = 0;
            for (uint32_t z = 1; z < BF_SETS; z++) {
              if (cnt[z] < minc || __builtin_popcount(z) < 2) continue;
              for (uint32_t y = (z - 1) & z; y; y = (y - 1) & z) {
                if (__builtin_popcount(y) > 2) continue;
                uint32_t x = z ^ y;
                if ((double)cnt[z] / cnt[x] >= 0.5) n_rules++;
              }
            }
            const kw_rule_view *rv = kw_rules_view(r);
            assert_int_equal(rv->n, n_rules);
            for (size_t i = 0; i < rv->n; i++) {
              const kw_rule *ru = &rv->rules[i];
              uint32_t x = 0, y = 0;
              for (uint32_t k = 0; k < ru->n_lhs; k++)
                x |= bit[rv->items[ru->lhs + k]];
              for (uint32_t k = 0; k < ru->n_rhs; k++)
                y |= bit[rv->items[ru->rhs + k]];
              assert_int_equal(x & y, 0);
              assert_int_equal(ru->count, cnt[x | y]);
              assert_int_equal(ru->lhs_count, cnt[x]);
              assert_int_equal(ru->rhs_count, cnt[y]);
              /* sorted by lift, descending */
              if (i > 0) assert_true(rv->rules[i - 1].lift >= ru->lift);
            }
            kw_rules_free(r);
            check_orders(ctx, s);
          }
          kw_itemsets_free(s);
        }
      }
    }
    kw_baskets_free(b);
    free(mask);
  }
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ reader */

static char *write_file(const char *name, const char *data, size_t n) {
  static char path[1024];
  snprintf(path, sizeof path, "%s/%s", KW_BINARY_DIR, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
  return path;
}

static void test_reader(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b;
  /* ';' with a BOM, CRLF, blanks, a repeat, an empty item, a blank line */
  static const char semi[] = "\xEF\xBB\xBF" "beer ; chips;beer\r\n"
                             "\r\n"
                             "  wine;;cheese \r\n"
                             "chips";
  char *p = write_file("basket_semi.txt", semi, sizeof semi - 1);
  assert_int_equal(kw_baskets_read(ctx, p, NULL, &b), KW_OK);
  const kw_basket_view *v = kw_baskets_view(b);
  assert_int_equal(v->delimiter, ';');
  assert_int_equal(v->n_baskets, 3);
  assert_int_equal(v->n_items, 4);
  assert_int_equal(v->lines_read, 4);
  assert_int_equal(v->lines_blank, 1);
  /* names in byte order: beer cheese chips wine */
  assert_string_equal(kw_baskets_item_name(b, 0), "beer");
  assert_string_equal(kw_baskets_item_name(b, 1), "cheese");
  assert_string_equal(kw_baskets_item_name(b, 3), "wine");
  assert_int_equal(v->offsets[1], 2); /* beer, chips */
  assert_int_equal(v->items[1], 2);   /* chips */
  assert_int_equal(v->items[2], 1);   /* cheese */
  assert_int_equal(v->items[3], 3);   /* wine */
  assert_int_equal(v->item_count[2], 2);
  assert_null(v->customer);
  kw_baskets_free(b);

  /* tab-separated (3 tabs beat 2 commas), CR line ends, items with commas
   * inside: {"a,1", b, z}, {b, "c,2"} */
  static const char tab[] = "a,1\tb\tz\rb\tc,2\r";
  p = write_file("basket_tab.txt", tab, sizeof tab - 1);
  assert_int_equal(kw_baskets_read(ctx, p, NULL, &b), KW_OK);
  v = kw_baskets_view(b);
  assert_int_equal(v->delimiter, '\t');
  assert_int_equal(v->n_baskets, 2);
  assert_int_not_equal(kw_baskets_find_item(b, "c,2"), KW_NA_ID);
  kw_baskets_free(b);

  /* a given delimiter wins over detection */
  kw_basket_read_options ro;
  kw_basket_read_options_init(&ro);
  ro.delimiter = ',';
  assert_int_equal(kw_baskets_read(ctx, p, &ro, &b), KW_OK);
  /* items "a", "1\tb\tz", "b\tc", "2" */
  assert_int_equal(kw_baskets_view(b)->n_items, 4);
  assert_int_not_equal(kw_baskets_find_item(b, "1\tb\tz"), KW_NA_ID);
  kw_baskets_free(b);

  /* errors name the file and the line */
  p = write_file("basket_empty.txt", "", 0);
  assert_int_equal(kw_baskets_read(ctx, p, NULL, &b), KW_EEMPTY);
  assert_null(b);
  assert_non_null(strstr(kw_errmsg(ctx), "basket_empty.txt"));
  p = write_file("basket_blank.txt", "\n , \n\n", 6);
  assert_int_equal(kw_baskets_read(ctx, p, NULL, &b), KW_EEMPTY);
  static const char nul[] = "a,b\nxy\0z\nc\n";
  p = write_file("basket_nul.txt", nul, sizeof nul - 1);
  assert_int_equal(kw_baskets_read(ctx, p, NULL, &b), KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "basket_nul.txt:2:3:"));
  ro.delimiter = 0;
  ro.max_line = 10;
  static const char longl[] = "a,b\nabcdefghij,klmnop\nc\n";
  p = write_file("basket_long.txt", longl, sizeof longl - 1);
  assert_int_equal(kw_baskets_read(ctx, p, &ro, &b), KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "basket_long.txt:2:"));
  /* exactly max_line bytes is fine */
  static const char fits[] = "abcde,fghi\nx";
  p = write_file("basket_fits.txt", fits, sizeof fits - 1);
  assert_int_equal(kw_baskets_read(ctx, p, &ro, &b), KW_OK);
  kw_baskets_free(b);
  /* a line longer than the read buffer, last and without an end */
  size_t big = 200000;
  char *data = malloc(big + 8);
  memcpy(data, "a\nb\n", 4);
  memset(data + 4, 'x', big);
  p = write_file("basket_huge.txt", data, big + 4);
  ro.max_line = 1000;
  assert_int_equal(kw_baskets_read(ctx, p, &ro, &b), KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "basket_huge.txt:3:"));
  ro.max_line = 0; /* 1 MiB: now it fits */
  assert_int_equal(kw_baskets_read(ctx, p, &ro, &b), KW_OK);
  assert_int_equal(kw_baskets_view(b)->n_baskets, 3);
  kw_baskets_free(b);
  /* a CRLF split between two reads: with max_line 16 the buffer holds
   * 16 + 1 + 65536 = 65553 bytes; 16387 lines "qq\r\n" fill 65548, then
   * "abcd\r\n" puts its CR at byte 65552, the last of the first read */
  size_t nq = 16387, nl = nq + 1 + 1000;
  char *many = malloc(nq * 4 + 6 + 1000 * 5);
  size_t w = 0;
  for (size_t i = 0; i < nq; i++, w += 4) memcpy(many + w, "qq\r\n", 4);
  memcpy(many + w, "abcd\r\n", 6);
  assert_int_equal(w + 4, 65552);
  w += 6;
  for (size_t i = 0; i < 1000; i++, w += 5) memcpy(many + w, "p,q\r\n", 5);
  p = write_file("basket_many.txt", many, w);
  ro.max_line = 16;
  assert_int_equal(kw_baskets_read(ctx, p, &ro, &b), KW_OK);
  v = kw_baskets_view(b);
  assert_int_equal(v->n_baskets, nl);
  assert_int_equal(v->lines_read, nl);
  assert_int_equal(v->lines_blank, 0); /* the split LF made no empty line */
  assert_int_equal(v->item_count[kw_baskets_find_item(b, "qq")], nq);
  assert_int_equal(v->item_count[kw_baskets_find_item(b, "abcd")], 1);
  kw_baskets_free(b);
  free(many);
  free(data);
  assert_int_equal(
      kw_baskets_read(ctx, KW_BINARY_DIR "/no/such/file.txt", NULL, &b),
      KW_EIO);
  kw_context_free(ctx);
}

/* Two basket sets are the same: baskets, items, names and counts. */
static void assert_same_baskets(const kw_baskets *x, const kw_baskets *y) {
  const kw_basket_view *a = kw_baskets_view(x), *b = kw_baskets_view(y);
  assert_int_equal(a->n_baskets, b->n_baskets);
  assert_int_equal(a->n_items, b->n_items);
  assert_int_equal(a->lines_read, b->lines_read);
  assert_int_equal(a->lines_used, b->lines_used);
  assert_int_equal(a->lines_blank, b->lines_blank);
  assert_int_equal(a->delimiter, b->delimiter);
  for (size_t i = 0; i <= a->n_baskets; i++)
    assert_int_equal(a->offsets[i], b->offsets[i]);
  for (size_t i = 0; i < a->offsets[a->n_baskets]; i++)
    assert_int_equal(a->items[i], b->items[i]);
  for (size_t i = 0; i < a->n_items; i++) {
    assert_int_equal(a->item_count[i], b->item_count[i]);
    assert_string_equal(kw_baskets_item_name(x, (uint32_t)i),
                        kw_baskets_item_name(y, (uint32_t)i));
  }
}

static void test_parse_memory(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b, *c;
  /* the text of test_reader's ';' file: the same three baskets
   * {beer, chips}, {cheese, wine}, {chips} from memory */
  static const char semi[] = "\xEF\xBB\xBF" "beer ; chips;beer\r\n"
                             "\r\n"
                             "  wine;;cheese \r\n"
                             "chips";
  assert_int_equal(kw_baskets_parse(ctx, semi, sizeof semi - 1, "s.txt",
                                    NULL, &b),
                   KW_OK);
  const kw_basket_view *v = kw_baskets_view(b);
  assert_int_equal(v->delimiter, ';');
  assert_int_equal(v->n_baskets, 3);
  assert_int_equal(v->lines_read, 4);
  assert_int_equal(v->lines_blank, 1);
  assert_int_equal(v->offsets[1], 2);
  assert_int_equal(v->item_count[id_of(b, "chips")], 2);
  assert_int_equal(v->item_count[id_of(b, "wine")], 1);
  /* read through buffers of 17 + 1 + chunk bytes (max_line 17, the first
   * line's length): every line and CRLF pair meets a buffer boundary
   * somewhere; the result does not change */
  kw_basket_read_options ro;
  kw_basket_read_options_init(&ro);
  ro.delimiter = ';';
  ro.max_line = 17;
  for (size_t chunk = 1; chunk <= 24; chunk++) {
    assert_int_equal(kw_baskets_parse_chunked(ctx, semi, sizeof semi - 1,
                                              "s.txt", &ro, chunk, &c),
                     KW_OK);
    assert_same_baskets(b, c);
    kw_baskets_free(c);
  }
  kw_baskets_free(b);

  /* CR, LF and CRLF line ends mixed, each split over reads:
   * {x, y}, {y}, {x, z}, blank, {z} */
  static const char mixed[] = "x,y\ry\r\nx,z\n\r\nz";
  ro.delimiter = 0;
  ro.max_line = 4;
  assert_int_equal(kw_baskets_parse(ctx, mixed, sizeof mixed - 1, NULL, &ro,
                                    &b),
                   KW_OK);
  v = kw_baskets_view(b);
  assert_int_equal(v->n_baskets, 4);
  assert_int_equal(v->lines_read, 5);
  assert_int_equal(v->lines_blank, 1);
  assert_int_equal(v->item_count[id_of(b, "x")], 2);
  assert_int_equal(v->item_count[id_of(b, "y")], 2);
  assert_int_equal(v->item_count[id_of(b, "z")], 2);
  ro.delimiter = ',';
  for (size_t chunk = 1; chunk <= 8; chunk++) {
    assert_int_equal(kw_baskets_parse_chunked(ctx, mixed, sizeof mixed - 1,
                                              NULL, &ro, chunk, &c),
                     KW_OK);
    assert_same_baskets(b, c);
    kw_baskets_free(c);
  }
  kw_baskets_free(b);

  /* errors name the given name, or <memory> */
  static const char nul[] = "a,b\nxy\0z\nc\n";
  assert_int_equal(kw_baskets_parse(ctx, nul, sizeof nul - 1, "n.txt", NULL,
                                    &b),
                   KW_EINPUT);
  assert_null(b);
  assert_non_null(strstr(kw_errmsg(ctx), "n.txt:2:3:"));
  assert_int_equal(kw_baskets_parse(ctx, nul, sizeof nul - 1, NULL, NULL, &b),
                   KW_EINPUT);
  assert_non_null(strstr(kw_errmsg(ctx), "<memory>:2:3:"));
  /* a line of 5 bytes with max_line 4, whether or not a read ends in it */
  ro.max_line = 4;
  for (size_t chunk = 1; chunk <= 8; chunk++) {
    assert_int_equal(kw_baskets_parse_chunked(ctx, "ab\nabcde\nc", 11, "l",
                                              &ro, chunk, &b),
                     KW_EINPUT);
    assert_non_null(strstr(kw_errmsg(ctx), "l:2:"));
  }
  assert_int_equal(kw_baskets_parse(ctx, "", 0, "e", NULL, &b), KW_EEMPTY);
  assert_int_equal(kw_baskets_parse(ctx, NULL, 0, "e", NULL, &b), KW_EEMPTY);
  assert_int_equal(kw_baskets_parse(ctx, " ,\n", 3, "e", NULL, &b),
                   KW_EEMPTY);
  kw_context_free(ctx);
}

/*
 * The explosion guard. Baskets {a b c} {a b c} {a b}: at a count of 1
 * the frequent itemsets are a, b, c, ab, ac, bc, abc = 7. A limit of 7
 * lets them through; 6 stops mining with KW_ERANGE and no result. At a
 * count of 3 only a, b, ab are frequent (3 <= 6).
 */
static void test_max_itemsets(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b = make_baskets(ctx, "a b c|a b c|a b");
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  assert_int_equal(io.max_itemsets, 0); /* no limit by default */
  io.min_count = 1;
  io.max_itemsets = 7;
  kw_itemsets *s;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->n, 7);
  kw_itemsets_free(s);
  io.max_itemsets = 6;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_ERANGE);
  assert_null(s);
  assert_non_null(strstr(kw_errmsg(ctx), "more than 6 frequent itemsets"));
  assert_non_null(strstr(kw_errmsg(ctx), "minimum count of 1;"));
  io.min_count = 3;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->n, 3);
  kw_itemsets_free(s);
  /* max_len 1 leaves 3 itemsets at a count of 1: under the limit */
  io.min_count = 1;
  io.max_len = 1;
  io.max_itemsets = 3;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->n, 3);
  kw_itemsets_free(s);
  kw_baskets_free(b);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ from a table */

typedef struct tx_rows {
  const char *cust;
  int day;
  const char *inv;
  const char *prod;
  const char *cat;
  double qty;
  int64_t amount, cost;
} tx_rows;

/*
 * r0 A 100 I1 P1 X  2  10.00  6.00
 * r1 A 100 I1 P2 Y  1   5.00  2.00
 * r2 A 100 I1 P1 X  1   5.00  3.00   P1 again in I1: counts once
 * r3 B 101 I2 P2 Y  3  15.00  6.00
 * r4 B 101 I2 P3 X -1  -7.00   -     a return: no item
 * r5 B 105 I3 P3 X  1   7.00   -     cost unknown
 * r6 A 110 I4 P3 X -2 -14.00   -     a return only: I4 is no basket
 * r7 C 120 I5 P1 X  1   5.00  3.00
 * and customer D without a line.
 */
static const tx_rows TX[] = {
    {"A", 100, "I1", "P1", "X", 2, 1000, 600},
    {"A", 100, "I1", "P2", "Y", 1, 500, 200},
    {"A", 100, "I1", "P1", "X", 1, 500, 300},
    {"B", 101, "I2", "P2", "Y", 3, 1500, 600},
    {"B", 101, "I2", "P3", "X", -1, -700, KW_NA_MONEY},
    {"B", 105, "I3", "P3", "X", 1, 700, KW_NA_MONEY},
    {"A", 110, "I4", "P3", "X", -2, -1400, KW_NA_MONEY},
    {"C", 120, "I5", "P1", "X", 1, 500, 300},
};
#define NTX (sizeof TX / sizeof TX[0])

static kw_dataset *make_dataset(kw_context *ctx, bool with_invoice,
                                bool with_product) {
  kw_dataset *ds = kw_dataset_new(ctx);
  assert_non_null(ds);
  kw_dict *cd = kw_dataset_customers_mut(ds), *pd = kw_dataset_products_mut(ds);
  kw_dict *id = kw_dict_new(ctx), *gd = kw_dict_new(ctx);
  uint32_t *cust = malloc(NTX * 4), *inv = malloc(NTX * 4),
           *prod = malloc(NTX * 4), *cat = malloc(NTX * 4);
  int32_t *date = malloc(NTX * 4);
  double *qty = malloc(NTX * 8);
  int64_t *amt = malloc(NTX * 8), *cost = malloc(NTX * 8);
  for (size_t r = 0; r < NTX; r++) {
    assert_int_equal(kw_dict_intern(ctx, cd, TX[r].cust, 1, &cust[r], NULL),
                     KW_OK);
    assert_int_equal(kw_dict_intern(ctx, id, TX[r].inv, 2, &inv[r], NULL),
                     KW_OK);
    assert_int_equal(kw_dict_intern(ctx, pd, TX[r].prod, 2, &prod[r], NULL),
                     KW_OK);
    assert_int_equal(kw_dict_intern(ctx, gd, TX[r].cat, 1, &cat[r], NULL),
                     KW_OK);
    date[r] = TX[r].day;
    qty[r] = TX[r].qty;
    amt[r] = TX[r].amount;
    cost[r] = TX[r].cost;
  }
  uint32_t dummy;
  assert_int_equal(kw_dict_intern(ctx, cd, "D", 1, &dummy, NULL), KW_OK);
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT, cd, NULL, cust, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, date, NULL),
                   KW_OK);
  if (with_invoice) {
    assert_int_equal(kw_table_add_column(ctx, t, "factuur", KW_ROLE_INVOICE,
                                         KW_TYPE_TEXT, NULL, id, inv, NULL),
                     KW_OK);
  } else {
    kw_dict_free(ctx, id);
    free(inv);
  }
  if (with_product) {
    assert_int_equal(kw_table_add_column(ctx, t, "product", KW_ROLE_PRODUCT,
                                         KW_TYPE_TEXT, pd, NULL, prod, NULL),
                     KW_OK);
  } else {
    free(prod);
  }
  assert_int_equal(kw_table_add_column(ctx, t, "groep", KW_ROLE_CATEGORY,
                                       KW_TYPE_TEXT, NULL, gd, cat, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "aantal", KW_ROLE_QUANTITY,
                                       KW_TYPE_NUMBER, NULL, NULL, qty, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                                       KW_TYPE_MONEY, NULL, NULL, amt, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "kost", KW_ROLE_COST,
                                       KW_TYPE_MONEY, NULL, NULL, cost, NULL),
                   KW_OK);
  kw_table_set_rows(t, NTX);
  kw_dataset_set_table(ds, t);
  return ds;
}

static const kw_table *tx_of(const kw_dataset *ds) {
  return kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
}

static void test_from_table(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = make_dataset(ctx, true, true);
  kw_basket_options o;
  kw_basket_options_init(&o);
  kw_baskets *b;
  /* orders by invoice: I1 {P1,P2}, I2 {P2}, I3 {P3}, I5 {P1} */
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &o, &b), KW_OK);
  const kw_basket_view *v = kw_baskets_view(b);
  assert_int_equal(v->n_baskets, 4);
  assert_int_equal(v->n_items, 3); /* P1=0 P2=1 P3=2, dictionary ids */
  assert_int_equal(v->lines_read, 8);
  assert_int_equal(v->lines_return, 2);
  assert_int_equal(v->lines_used, 6);
  static const size_t off[] = {0, 2, 3, 4, 5};
  static const uint32_t items[] = {0, 1, 1, 2, 0};
  static const uint32_t cust[] = {0, 1, 1, 2}; /* A B B C */
  for (size_t i = 0; i < 5; i++) assert_int_equal(v->offsets[i], off[i]);
  for (size_t i = 0; i < 5; i++) assert_int_equal(v->items[i], items[i]);
  for (size_t i = 0; i < 4; i++) assert_int_equal(v->customer[i], cust[i]);
  assert_int_equal(v->n_customers, 4);
  assert_string_equal(kw_baskets_item_name(b, 2), "P3");
  /* price: P1 (10+5+5)/(2+1+1) = 5.00, P2 (5+15)/(1+3) = 5.00, P3 7/1 */
  assert_float_equal(v->item_price[0], 5.0, 1e-12);
  assert_float_equal(v->item_price[1], 5.0, 1e-12);
  assert_float_equal(v->item_price[2], 7.0, 1e-12);
  /* margin: P1 (20-12)/20 = .4, P2 (20-8)/20 = .6, P3 unknown */
  assert_float_equal(v->item_margin[0], 0.4, 1e-12);
  assert_float_equal(v->item_margin[1], 0.6, 1e-12);
  assert_int_equal(v->margin_known[2], 0);
  kw_baskets_free(b);

  /* as of day 104: r5 r6 r7 left out; I1, I2 remain */
  o.as_of = 104;
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &o, &b), KW_OK);
  assert_int_equal(kw_baskets_view(b)->n_baskets, 2);
  assert_int_equal(kw_baskets_view(b)->lines_after, 3);
  kw_baskets_free(b);
  o.as_of = KW_NA_DATE;

  /* by customer: A {P1,P2}, B {P2,P3}, C {P1}; D has no basket */
  o.unit = KW_BASKET_BY_CUSTOMER;
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &o, &b), KW_OK);
  v = kw_baskets_view(b);
  assert_int_equal(v->n_baskets, 3);
  assert_int_equal(v->offsets[2] - v->offsets[1], 2);
  assert_int_equal(v->items[2], 1);
  assert_int_equal(v->items[3], 2);
  kw_baskets_free(b);

  /* categories by order: I1 {X,Y}, I2 {Y}, I3 {X}, I5 {X} */
  o.unit = KW_BASKET_BY_ORDER;
  o.level = KW_BASKET_CATEGORIES;
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &o, &b), KW_OK);
  v = kw_baskets_view(b);
  assert_int_equal(v->n_baskets, 4);
  assert_int_equal(v->n_items, 2);
  assert_int_equal(v->item_count[0], 3); /* X */
  assert_int_equal(v->item_count[1], 2); /* Y */
  assert_string_equal(kw_baskets_item_name(b, 1), "Y");
  kw_baskets_free(b);
  kw_dataset_free(ds);

  /* without invoices, orders are customer + day: A@100 {P1,P2},
   * B@101 {P2}, B@105 {P3}, C@120 {P1}; A@110 had a return only */
  ds = make_dataset(ctx, false, true);
  kw_basket_options_init(&o);
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &o, &b), KW_OK);
  v = kw_baskets_view(b);
  assert_int_equal(v->n_baskets, 4);
  assert_int_equal(v->customer[2], 1);
  assert_int_equal(v->items[3], 2);
  kw_baskets_free(b);
  kw_dataset_free(ds);

  ds = make_dataset(ctx, true, false);
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &o, &b),
                   KW_EMISSING);
  assert_null(b);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* Margins from a margin column, and cost before margin line by line. */
static void test_margin_columns(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = kw_dataset_new(ctx);
  kw_dict *cd = kw_dataset_customers_mut(ds), *pd = kw_dataset_products_mut(ds);
  uint32_t *cust = malloc(3 * 4), *prod = malloc(3 * 4);
  int32_t *date = malloc(3 * 4);
  int64_t *amt = malloc(3 * 8), *cost = malloc(3 * 8), *marg = malloc(3 * 8);
  /* P: 10.00 cost 6.00 (margin column 1.00 ignored: cost first);
   *    10.00 cost unknown, margin 1.00; 5.00 neither
   * margin = (4.00 + 1.00) / (10.00 + 10.00) = .25 */
  static const int64_t A[3] = {1000, 1000, 500},
                       C[3] = {600, KW_NA_MONEY, KW_NA_MONEY},
                       M[3] = {100, 100, KW_NA_MONEY};
  for (int r = 0; r < 3; r++) {
    assert_int_equal(kw_dict_intern(ctx, cd, "K", 1, &cust[r], NULL), KW_OK);
    assert_int_equal(kw_dict_intern(ctx, pd, "P", 1, &prod[r], NULL), KW_OK);
    date[r] = 100 + r;
    amt[r] = A[r];
    cost[r] = C[r];
    marg[r] = M[r];
  }
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                                       KW_TYPE_TEXT, cd, NULL, cust, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                                       KW_TYPE_DATE, NULL, NULL, date, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "artikel", KW_ROLE_PRODUCT,
                                       KW_TYPE_TEXT, pd, NULL, prod, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                                       KW_TYPE_MONEY, NULL, NULL, amt, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "kost", KW_ROLE_COST,
                                       KW_TYPE_MONEY, NULL, NULL, cost, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "marge", KW_ROLE_MARGIN,
                                       KW_TYPE_MONEY, NULL, NULL, marg, NULL),
                   KW_OK);
  kw_table_set_rows(t, 3);
  kw_dataset_set_table(ds, t);
  kw_baskets *b;
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), NULL, &b), KW_OK);
  const kw_basket_view *v = kw_baskets_view(b);
  /* no invoice: customer + day makes three orders */
  assert_int_equal(v->n_baskets, 3);
  /* no quantity: price = mean line amount = 25.00 / 3 */
  assert_float_equal(v->item_price[0], 25.0 / 3, 1e-12);
  assert_int_equal(v->margin_known[0], 1);
  assert_float_equal(v->item_margin[0], 0.25, 1e-12);
  kw_baskets_free(b);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* From a Belgian CSV export through kw_dataset_load: roles from Dutch
 * headers, decimal commas, a credit note with negative lines. */
static void test_from_loaded_csv(void **state) {
  (void)state;
  static const char csv[] =
      "factuur;klant;datum;artikel;groep;aantal;bedrag;kostprijs\n"
      "F1;K1;01/03/2024;koffie;drank;2;10,00;6,00\n"
      "F1;K1;01/03/2024;melk;zuivel;1;1,50;1,00\n"
      "F2;K2;02/03/2024;koffie;drank;1;5,00;3,00\n"
      "F2;K2;02/03/2024;suiker;droog;1;2,00;\n"
      "C3;K2;05/03/2024;koffie;drank;-1;-5,00;-3,00\n"
      "F4;K3;06/03/2024;melk;zuivel;3;4,50;3,00\n";
  char *p = write_file("basket_sales.csv", csv, sizeof csv - 1);
  kw_context *ctx = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = p;
  kw_dataset *ds;
  kw_status st = kw_dataset_load(ctx, &lo, &ds);
  if (st) fail_msg("%s", kw_errmsg(ctx));
  kw_baskets *b;
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), NULL, &b), KW_OK);
  const kw_basket_view *v = kw_baskets_view(b);
  /* F1 {koffie, melk}, F2 {koffie, suiker}, F4 {melk}; C3 returns only */
  assert_int_equal(v->n_baskets, 3);
  assert_int_equal(v->lines_return, 1);
  uint32_t koffie = id_of(b, "koffie"), melk = id_of(b, "melk");
  assert_int_equal(v->item_count[koffie], 2);
  assert_int_equal(v->item_count[melk], 2);
  /* koffie (10,00 + 5,00) / (2 + 1) = 5,00; melk (1,50 + 4,50) / 4 */
  assert_float_equal(v->item_price[koffie], 5.0, 1e-12);
  assert_float_equal(v->item_price[melk], 1.5, 1e-12);
  /* margins: koffie (15 - 9) / 15 = .4, melk (6 - 4) / 6 = 1/3, suiker
   * without a cost */
  assert_float_equal(v->item_margin[koffie], 0.4, 1e-12);
  assert_float_equal(v->item_margin[melk], 1.0 / 3, 1e-12);
  assert_int_equal(v->margin_known[id_of(b, "suiker")], 0);
  /* categories by customer: K1 {drank, zuivel}, K2 {drank, droog},
   * K3 {zuivel} */
  kw_basket_options bo;
  kw_basket_options_init(&bo);
  bo.unit = KW_BASKET_BY_CUSTOMER;
  bo.level = KW_BASKET_CATEGORIES;
  kw_baskets *h;
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &bo, &h), KW_OK);
  assert_int_equal(kw_baskets_view(h)->n_baskets, 3);
  assert_int_equal(kw_baskets_view(h)->item_count[id_of(h, "zuivel")], 2);
  kw_baskets_free(h);
  kw_baskets_free(b);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ next best */

static void test_next_best(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b = make_baskets(ctx, SIX);
  /* confidence >= 0.5: a=>b (1, lift 1.2), b=>a (.8, 1.2), a=>c (.5, .75),
   * c=>a (.5, .75), b=>c (.6, .9), c=>b (.75, .9), bc=>a (2/3, 1),
   * ac=>b (1, 1.2), ab=>c (.5, .75) */
  kw_rules *r = mine_rules(ctx, b, 2, 0.5, 1, KW_MEASURE_LIFT, NULL);
  /* histories over the same five item names a..e */
  kw_baskets *h = make_baskets(ctx, "a|c|b c|a b c|d e");
  kw_next_best_options o;
  kw_next_best_options_init(&o);
  double price[5] = {10, 20, 30, 40, 50}, margin[5] = {.1, .2, .3, .4, .5};
  o.price = price;
  o.margin = margin;
  kw_next_best *nb;
  assert_int_equal(kw_next_best_build(ctx, r, h, &o, &nb), KW_OK);
  const kw_next_best_data *d = kw_next_best_view(nb);
  assert_int_equal(d->n, 5);
  assert_true(d->has_price);
  uint32_t A = id_of(h, "a"), B = id_of(h, "b"), C = id_of(h, "c");
  /* {a}: b by a=>b (conf 1), c by a=>c (.5).
   * EV b = 1 x 20 x .2 = 4; EV c = .5 x 30 x .3 = 4.5 */
  assert_int_equal(d->offsets[1] - d->offsets[0], 2);
  assert_int_equal(d->item[0], B);
  assert_int_equal(d->item[1], C);
  assert_float_equal(d->confidence[0], 1.0, 1e-12);
  assert_float_equal(d->lift[0], 1.2, 1e-12);
  assert_float_equal(d->expected_value[0], 4.0, 1e-12);
  assert_float_equal(d->expected_value[1], 4.5, 1e-12);
  assert_int_equal(d->margin_applied[1], 1);
  /* {c}: b by c=>b (.75), a by c=>a (.5) */
  size_t k = d->offsets[1];
  assert_int_equal(d->offsets[2] - k, 2);
  assert_int_equal(d->item[k], B);
  assert_float_equal(d->confidence[k], 0.75, 1e-12);
  assert_int_equal(d->item[k + 1], A);
  /* {b,c}: a by b=>a (.8) rather than bc=>a (2/3) */
  k = d->offsets[2];
  assert_int_equal(d->offsets[3] - k, 1);
  assert_int_equal(d->item[k], A);
  assert_float_equal(d->confidence[k], 0.8, 1e-12);
  const kw_rule_view *rv = kw_rules_view(r);
  char buf[64];
  rule_text(b, rv, d->rule[k], buf, sizeof buf);
  assert_string_equal(buf, "b => a");
  /* {a,b,c} has bought everything the rules offer; {d,e} has no rule */
  assert_int_equal(d->offsets[4] - d->offsets[3], 0);
  assert_int_equal(d->offsets[5] - d->offsets[4], 0);
  assert_int_equal(d->customer[3], 3);
  kw_next_best_free(nb);

  /* no margin: EV = confidence x price; no price: 0. top_n 1. */
  o.margin = NULL;
  o.top_n = 1;
  assert_int_equal(kw_next_best_build(ctx, r, h, &o, &nb), KW_OK);
  d = kw_next_best_view(nb);
  assert_int_equal(d->offsets[1], 1);
  assert_float_equal(d->expected_value[0], 20.0, 1e-12);
  assert_int_equal(d->margin_applied[0], 0);
  kw_next_best_free(nb);
  o.price = NULL;
  o.min_confidence = 0.9; /* only a=>b and ac=>b remain */
  assert_int_equal(kw_next_best_build(ctx, r, h, &o, &nb), KW_OK);
  d = kw_next_best_view(nb);
  assert_false(d->has_price);
  assert_int_equal(d->offsets[1], 1);
  assert_float_equal(d->expected_value[0], 0.0, 0);
  assert_int_equal(d->offsets[5], 1); /* only {a} gets b */
  kw_next_best_free(nb);

  /* id spaces must agree */
  kw_baskets *other = make_baskets(ctx, "a b|c");
  assert_int_equal(kw_next_best_build(ctx, r, other, &o, &nb), KW_EARG);
  kw_baskets_free(other);
  kw_rules_free(r);
  kw_baskets_free(h);
  kw_baskets_free(b);

  /* ties: m in every basket; {m} gets x (.5, lift 1) and y (.5, lift 1):
   * equal scores, x first by id */
  b = make_baskets(ctx, "m x|m x y|m y|m");
  r = mine_rules(ctx, b, 1, 0.0, 1, KW_MEASURE_LIFT, NULL);
  h = make_baskets(ctx, "m|x y|m x y");
  kw_next_best_options_init(&o);
  assert_int_equal(kw_next_best_build(ctx, r, h, &o, &nb), KW_OK);
  d = kw_next_best_view(nb);
  assert_int_equal(d->offsets[1], 2);
  assert_int_equal(d->item[0], id_of(h, "x"));
  assert_int_equal(d->item[1], id_of(h, "y"));
  /* {x,y}: m by x=>m, y=>m or xy=>m, all conf 1 lift 1 */
  assert_int_equal(d->offsets[2] - d->offsets[1], 1);
  assert_int_equal(d->item[2], id_of(h, "m"));
  kw_next_best_free(nb);
  kw_rules_free(r);
  kw_baskets_free(h);
  kw_baskets_free(b);

  /* from a table: rules on orders, histories by order merged per
   * customer. Orders I1 {P1,P2} I2 {P2} I3 {P3} I5 {P1}: P1=>P2 = 1/2,
   * P2=>P1 = 1/2. A bought P1 P2: nothing; B (P2, P3) gets P1,
   * EV .5 x 5.00 x .4 = 1.00; C (P1) gets P2, EV .5 x 5.00 x .6 = 1.50 */
  kw_dataset *ds = make_dataset(ctx, true, true);
  kw_basket_options bo;
  kw_basket_options_init(&bo);
  assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &bo, &b), KW_OK);
  r = mine_rules(ctx, b, 1, 0.0, 1, KW_MEASURE_LIFT, NULL);
  kw_next_best_options_init(&o);
  assert_int_equal(kw_next_best_build(ctx, r, b, &o, &nb), KW_OK);
  d = kw_next_best_view(nb);
  assert_int_equal(d->n, 3);
  assert_int_equal(d->customer[1], 1);
  assert_int_equal(d->offsets[1], 0);
  assert_int_equal(d->offsets[2], 1);
  assert_int_equal(d->item[0], 0);
  assert_float_equal(d->expected_value[0], 1.0, 1e-12);
  assert_int_equal(d->item[1], 1);
  assert_float_equal(d->expected_value[1], 1.5, 1e-12);
  kw_next_best_free(nb);
  kw_rules_free(r);
  kw_baskets_free(b);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ segments */

static void test_penetration(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = make_dataset(ctx, true, true);
  kw_basket_options bo;
  kw_basket_options_init(&bo);
  bo.level = KW_BASKET_CATEGORIES;
  /* by customer: A {X,Y}, B {X,Y} (the X return does not count, the later
   * X purchase does), C {X}; D bought nothing */
  static const char *const names[] = {"gold", "silver"};
  uint32_t seg[4] = {0, 1, 1, 1}; /* A gold; B C D silver */
  for (int unit = 0; unit < 2; unit++) {
    bo.unit = unit ? KW_BASKET_BY_CUSTOMER : KW_BASKET_BY_ORDER;
    kw_baskets *h;
    assert_int_equal(kw_baskets_from_table(ctx, tx_of(ds), &bo, &h), KW_OK);
    kw_penetration *p;
    assert_int_equal(kw_penetration_build(ctx, h, seg, 4, names, 2, &p),
                     KW_OK);
    const kw_penetration_data *d = kw_penetration_view(p);
    assert_string_equal(d->segment_names[1], "silver");
    assert_int_equal(d->customers[0], 1);
    assert_int_equal(d->customers[1], 3);
    /* gold: X 1/1, Y 1/1; silver: X {B,C} 2/3, Y {B} 1/3 */
    assert_float_equal(d->share[0], 1.0, 1e-12);
    assert_float_equal(d->share[1], 1.0, 1e-12);
    assert_int_equal(d->buyers[2], 2);
    assert_float_equal(d->share[2], 2.0 / 3, 1e-12);
    assert_float_equal(d->share[3], 1.0 / 3, 1e-12);
    /* all: 4 customers, X 3/4, Y 2/4 */
    assert_int_equal(d->all_customers, 4);
    assert_float_equal(d->all_share[0], 0.75, 1e-12);
    assert_float_equal(d->all_share[1], 0.5, 1e-12);
    kw_penetration_free(p);
    /* D unsegmented: silver has B and C */
    uint32_t seg2[4] = {0, 1, 1, KW_NA_ID};
    assert_int_equal(kw_penetration_build(ctx, h, seg2, 4, NULL, 2, &p),
                     KW_OK);
    d = kw_penetration_view(p);
    assert_string_equal(d->segment_names[1], "1");
    assert_float_equal(d->share[2], 1.0, 1e-12);
    assert_float_equal(d->share[3], 0.5, 1e-12);
    kw_penetration_free(p);
    /* no segments: one segment "all" over the 4 customers */
    assert_int_equal(kw_penetration_build(ctx, h, NULL, 0, NULL, 0, &p),
                     KW_OK);
    d = kw_penetration_view(p);
    assert_int_equal(d->n_segments, 1);
    assert_string_equal(d->segment_names[0], "all");
    assert_float_equal(d->share[0], 0.75, 1e-12);
    kw_penetration_free(p);
    /* a customer beyond the segment codes */
    assert_int_equal(kw_penetration_build(ctx, h, seg, 2, names, 2, &p),
                     KW_EARG);
    kw_baskets_free(h);
  }
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_upsell(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  /*
   * segment 0: c0 100.00/2 = 50, c1 30/1 = 30, c2 80/4 = 20, c3 40/1 = 40,
   *            c4 10/1 = 10 -> sorted 10 20 30 40 50
   *   median: h = 4 x .5 = 2 -> 30; p25: h = 1 -> 20
   *   below 20: c4, gap 30 - 10 = 20, potential 20 x 1 = 20
   * segment 1: c5 60/3 = 20, c6 25/1 = 25 (c7 no orders, c8 unsegmented)
   *   median: h = .5 -> 22.5; p25: h = .25 -> 21.25
   *   below 21.25: c5, gap 2.5, potential 2.5 x 3 = 7.5
   */
  int64_t rev[9] = {10000, 3000, 8000, 4000, 1000, 6000, 2500, 0, 500};
  uint32_t ord[9] = {2, 1, 4, 1, 1, 3, 1, 0, 1};
  uint32_t seg[9] = {0, 0, 0, 0, 0, 1, 1, 1, KW_NA_ID};
  static const char *const names[] = {"retail", "horeca"};
  kw_upsell *u;
  assert_int_equal(kw_upsell_build(ctx, 9, rev, ord, seg, names, 2, NULL, &u),
                   KW_OK);
  const kw_upsell_data *d = kw_upsell_view(u);
  assert_int_equal(d->segment_customers[0], 5);
  assert_int_equal(d->segment_customers[1], 2);
  assert_float_equal(d->segment_median[0], 30, 1e-12);
  assert_float_equal(d->segment_p25[0], 20, 1e-12);
  assert_float_equal(d->segment_median[1], 22.5, 1e-12);
  assert_float_equal(d->segment_p25[1], 21.25, 1e-12);
  assert_float_equal(d->segment_threshold[1], 21.25, 1e-12);
  assert_int_equal(d->n, 2);
  assert_int_equal(d->customer[0], 4);
  assert_float_equal(d->gap[0], 20, 1e-12);
  assert_float_equal(d->potential[0], 20, 1e-12);
  assert_int_equal(d->customer[1], 5);
  assert_int_equal(d->segment[1], 1);
  assert_float_equal(d->spend_per_order[1], 20, 1e-12);
  assert_float_equal(d->potential[1], 7.5, 1e-12);
  kw_upsell_free(u);

  /* fraction .8 of the median: thresholds 24 and 18. Segment 0: c4 (gap
   * 20, potential 20) and c2 (gap 10, potential 10 x 4 = 40); segment 1:
   * none (20 >= 18). By potential: c2, c4. */
  kw_upsell_options o;
  kw_upsell_options_init(&o);
  o.fraction = 0.8;
  assert_int_equal(kw_upsell_build(ctx, 9, rev, ord, seg, names, 2, &o, &u),
                   KW_OK);
  d = kw_upsell_view(u);
  assert_float_equal(d->segment_threshold[0], 24, 1e-12);
  assert_int_equal(d->n, 2);
  assert_int_equal(d->customer[0], 2);
  assert_float_equal(d->potential[0], 40, 1e-12);
  assert_int_equal(d->customer[1], 4);
  kw_upsell_free(u);

  /* at least 2 orders: segment 0 has c0 (50) and c2 (20): median 35, p25
   * 20 + .25 x 30 = 27.5, c2 below with gap 15, potential 60; segment 1
   * has c5 alone: median = p25 = 20, nobody strictly below */
  o.fraction = 0;
  o.min_orders = 2;
  assert_int_equal(kw_upsell_build(ctx, 9, rev, ord, seg, names, 2, &o, &u),
                   KW_OK);
  d = kw_upsell_view(u);
  assert_float_equal(d->segment_p25[0], 27.5, 1e-12);
  assert_int_equal(d->n, 1);
  assert_float_equal(d->potential[0], 60, 1e-12);
  kw_upsell_free(u);

  /* one segment for all: 8 customers with orders (c8 included now):
   * 50 30 20 40 10 20 25 5 -> sorted 5 10 20 20 25 30 40 50,
   * p25: h = 7 x .25 = 1.75 -> 10 + .75 x 10 = 17.5, median: h = 3.5 ->
   * 22.5; below 17.5: c8 (5, gap 17.5) and c4 (10, gap 12.5) */
  assert_int_equal(kw_upsell_build(ctx, 9, rev, ord, NULL, NULL, 0, NULL, &u),
                   KW_OK);
  d = kw_upsell_view(u);
  assert_string_equal(d->segment_names[0], "all");
  assert_float_equal(d->segment_p25[0], 17.5, 1e-12);
  assert_float_equal(d->segment_median[0], 22.5, 1e-12);
  assert_int_equal(d->n, 2);
  assert_int_equal(d->customer[0], 8);
  assert_int_equal(d->customer[1], 4);
  kw_upsell_free(u);
  o.fraction = -1;
  assert_int_equal(kw_upsell_build(ctx, 9, rev, ord, seg, names, 2, &o, &u),
                   KW_EARG);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ no memory */

typedef struct fail_alloc {
  long budget;      /* allocations left; < 0 never fails */
  long live;        /* blocks outstanding */
  size_t fail_size; /* when not 0, a malloc of this size fails */
} fail_alloc;

static void *fa_malloc(void *u, size_t n) {
  fail_alloc *f = u;
  if (f->budget == 0) return NULL;
  if (f->fail_size && n == f->fail_size) return NULL;
  if (f->budget > 0) f->budget--;
  void *p = malloc(n ? n : 1);
  if (p) f->live++;
  return p;
}
static void *fa_realloc(void *u, void *p, size_t n) {
  fail_alloc *f = u;
  if (f->budget == 0) return NULL;
  if (f->budget > 0) f->budget--;
  void *q = realloc(p, n ? n : 1);
  if (q && !p) f->live++;
  return q;
}
static void fa_free(void *u, void *p) {
  fail_alloc *f = u;
  if (p) f->live--;
  free(p);
}

/* The whole pipeline with allocation number k failing, for every k until
 * it succeeds: each failure is KW_ENOMEM, nothing leaks. */
static void test_out_of_memory(void **state) {
  (void)state;
  kw_context *tctx = kw_context_new();
  kw_dataset *ds = make_dataset(tctx, true, true);
  static const char oom[] = "a,b,c\nb,c\na,c\nc,d\n";
  char *path = write_file("basket_oom.txt", oom, sizeof oom - 1);
  bool done = false;
  for (long k = 0; !done; k++) {
    assert_true(k < 100000);
    fail_alloc fa = {-1, 0, 0};
    kw_allocator al = {fa_malloc, fa_realloc, fa_free, &fa};
    kw_context *ctx = kw_context_new_with_allocator(&al);
    assert_non_null(ctx);
    fa.budget = k;
    kw_baskets *b = NULL, *h = NULL, *fb = NULL;
    kw_itemsets *s = NULL;
    kw_rules *r = NULL;
    kw_next_best *nb = NULL;
    kw_penetration *p = NULL;
    kw_upsell *u = NULL;
    kw_basket_options bo;
    kw_basket_options_init(&bo);
    kw_itemset_options io;
    kw_itemset_options_init(&io);
    io.min_count = 1;
    io.kind = KW_ITEMSETS_CLOSED;
    kw_rule_options ro;
    kw_rule_options_init(&ro);
    ro.min_confidence = 0;
    ro.max_consequent = 2;
    int64_t rev[4] = {100, 200, 300, 400};
    uint32_t ord[4] = {1, 1, 1, 1}, seg[4] = {0, 0, 1, 1};
    kw_status st = kw_baskets_read(ctx, path, NULL, &fb);
    if (!st) st = kw_baskets_from_table(ctx, tx_of(ds), &bo, &b);
    if (!st) st = kw_itemsets_mine(ctx, b, &io, &s);
    if (!st) st = kw_rules_build(ctx, s, &ro, &r);
    bo.unit = KW_BASKET_BY_CUSTOMER;
    if (!st) st = kw_baskets_from_table(ctx, tx_of(ds), &bo, &h);
    if (!st) st = kw_next_best_build(ctx, r, h, NULL, &nb);
    if (!st) st = kw_penetration_build(ctx, h, seg, 4, NULL, 2, &p);
    if (!st) st = kw_upsell_build(ctx, 4, rev, ord, seg, NULL, 2, NULL, &u);
    if (st) {
      assert_int_equal(st, KW_ENOMEM);
    } else {
      done = true;
      assert_int_equal(kw_rules_view(r)->n, kw_rules_view(r)->n_matched);
      assert_true(kw_rules_view(r)->n > 0);
    }
    kw_upsell_free(u);
    kw_penetration_free(p);
    kw_next_best_free(nb);
    kw_rules_free(r);
    kw_itemsets_free(s);
    kw_baskets_free(h);
    kw_baskets_free(b);
    kw_baskets_free(fb);
    kw_context_free(ctx);
    assert_int_equal(fa.live, 0);
  }
  kw_dataset_free(ds);
  kw_context_free(tctx);
}

/* Short of memory for a sorted copy, rules are permuted in place: the
 * same order as the copying sort. */
static void test_sort_in_place(void **state) {
  (void)state;
  fail_alloc fa = {-1, 0, 0};
  kw_allocator al = {fa_malloc, fa_realloc, fa_free, &fa};
  kw_context *ctx = kw_context_new_with_allocator(&al);
  kw_basket_builder *bb;
  assert_int_equal(kw_basket_builder_new(ctx, &bb), KW_OK);
  uint64_t seed = 12345;
  for (int t = 0; t < 60; t++) {
    char key[8], item[8];
    int kn = snprintf(key, sizeof key, "%d", t);
    for (int i = 0; i < 9; i++) {
      if (rng_next(&seed) % 3 == 0) continue;
      int in = snprintf(item, sizeof item, "i%d", i);
      assert_int_equal(
          kw_basket_builder_add(bb, key, (size_t)kn, item, (size_t)in),
          KW_OK);
    }
  }
  kw_baskets *b;
  assert_int_equal(kw_basket_builder_finish(bb, &b), KW_OK);
  kw_basket_builder_free(bb);
  kw_itemsets *s;
  kw_rules *ref = mine_rules(ctx, b, 5, 0.2, 2, KW_MEASURE_LIFT, &s);
  kw_rules *r = mine_rules(ctx, b, 5, 0.2, 2, KW_MEASURE_NONE, NULL);
  const kw_rule_view *vr = kw_rules_view(ref), *v = kw_rules_view(r);
  assert_true(v->n > 100);
  fa.fail_size = v->n * sizeof(kw_rule);
  assert_int_equal(kw_rules_sort(ctx, r, KW_MEASURE_LIFT, false), KW_OK);
  fa.fail_size = 0;
  assert_int_equal(v->n, vr->n);
  for (size_t i = 0; i < v->n; i++) {
    const kw_rule *x = &vr->rules[i], *y = &v->rules[i];
    assert_int_equal(x->n_lhs, y->n_lhs);
    assert_int_equal(x->n_rhs, y->n_rhs);
    for (uint32_t k = 0; k < x->n_lhs + x->n_rhs; k++)
      assert_int_equal(vr->items[x->lhs + k], v->items[y->lhs + k]);
  }
  kw_rules_free(r);
  kw_rules_free(ref);
  kw_itemsets_free(s);
  kw_baskets_free(b);
  kw_context_free(ctx);
  assert_int_equal(fa.live, 0);
}


/* kw_basket_analyze: the steps and choices of the basket command, on the
 * sales of test_from_loaded_csv. Baskets F1 {koffie, melk}, F2 {koffie,
 * suiker}, F4 {melk} (C3 only returns). At a count of 1 and length 2:
 * koffie 2, melk 2, suiker 1, {koffie, melk} 1, {koffie, suiker} 1; rules
 * with confidence >= 0.5: koffie=>melk 1/2, melk=>koffie 1/2,
 * koffie=>suiker 1/2, suiker=>koffie 1/1 (lift 1 / (2/3) = 1.5). */
static void test_analysis(void **state) {
  (void)state;
  static const char csv[] =
      "factuur;klant;datum;artikel;groep;aantal;bedrag;kostprijs\n"
      "F1;K1;01/03/2024;koffie;drank;2;10,00;6,00\n"
      "F1;K1;01/03/2024;melk;zuivel;1;1,50;1,00\n"
      "F2;K2;02/03/2024;koffie;drank;1;5,00;3,00\n"
      "F2;K2;02/03/2024;suiker;droog;1;2,00;\n"
      "C3;K2;05/03/2024;koffie;drank;-1;-5,00;-3,00\n"
      "F4;K3;06/03/2024;melk;zuivel;3;4,50;3,00\n";
  char *p = write_file("basket_analysis.csv", csv, sizeof csv - 1);
  kw_context *ctx = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_TRANSACTIONS] = p;
  kw_dataset *ds;
  if (kw_dataset_load(ctx, &lo, &ds)) fail_msg("%s", kw_errmsg(ctx));
  kw_basket_analysis_options o;
  kw_basket_analysis_options_init(&o);
  o.min_count = 1;
  o.max_len = 2;
  kw_basket_analysis *a = NULL;
  kw_basket_step step;
  assert_int_equal(kw_basket_analyze(ctx, ds, &o, &a, &step), KW_OK);
  const kw_basket_analysis_view *v = kw_basket_analysis_view_of(a);
  assert_true(v->has_invoice);
  assert_int_equal(kw_baskets_view(v->baskets)->n_baskets, 3);
  assert_int_equal(kw_rules_view(v->rules)->n_matched, 4);
  kw_basket_analysis_free(a);
  /* --lhs suiker: the one rule suiker => koffie */
  const char *lhs[] = {"suiker"};
  o.lhs = lhs;
  o.n_lhs = 1;
  assert_int_equal(kw_basket_analyze(ctx, ds, &o, &a, &step), KW_OK);
  const kw_rule_view *rv = kw_rules_view(kw_basket_analysis_view_of(a)->rules);
  assert_int_equal(rv->n, 1);
  assert_float_equal(rv->rules[0].confidence, 1.0, 1e-12);
  assert_float_equal(rv->rules[0].lift, 1.5, 1e-12);
  kw_basket_analysis_free(a);
  /* an item no basket holds: KW_EARG at the rules step */
  lhs[0] = "thee";
  a = NULL;
  assert_int_equal(kw_basket_analyze(ctx, ds, &o, &a, &step), KW_EARG);
  assert_null(a);
  assert_int_equal(step, KW_BASKET_STEP_RULES);
  o.lhs = NULL;
  o.n_lhs = 0;
  /* itemsets by support, cut to 2: koffie and melk (count 2 each) */
  o.mode = KW_BASKET_MODE_ITEMSETS;
  o.sort_by = KW_MEASURE_SUPPORT;
  o.top_n = 2;
  assert_int_equal(kw_basket_analyze(ctx, ds, &o, &a, &step), KW_OK);
  v = kw_basket_analysis_view_of(a);
  assert_int_equal(v->itemset_view->n, 5);
  assert_int_equal(v->n_itemset_rows, 2);
  assert_int_equal(v->itemset_view->count[v->itemset_order[0]], 2);
  assert_int_equal(v->itemset_view->count[v->itemset_order[1]], 2);
  kw_basket_analysis_free(a);
  /* penetration: 3 customers, every RFM group under 5: nothing to show */
  o.mode = KW_BASKET_MODE_PENETRATION;
  assert_int_equal(kw_basket_analyze(ctx, ds, &o, &a, &step), KW_EEMPTY);
  assert_int_equal(step, KW_BASKET_STEP_SEGMENTS);
  /* a basket file has no customers to recommend to */
  o.mode = KW_BASKET_MODE_RECOMMEND;
  o.baskets_file = p;
  assert_int_equal(kw_basket_analyze(ctx, NULL, &o, &a, &step), KW_EARG);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_itemsets_by_hand),
      cmocka_unit_test(test_rules_by_hand),
      cmocka_unit_test(test_item_in_every_basket),
      cmocka_unit_test(test_brute_force),
      cmocka_unit_test(test_reader),
      cmocka_unit_test(test_parse_memory),
      cmocka_unit_test(test_max_itemsets),
      cmocka_unit_test(test_from_table),
      cmocka_unit_test(test_margin_columns),
      cmocka_unit_test(test_from_loaded_csv),
      cmocka_unit_test(test_next_best),
      cmocka_unit_test(test_penetration),
      cmocka_unit_test(test_upsell),
      cmocka_unit_test(test_sort_in_place),
      cmocka_unit_test(test_out_of_memory),
      cmocka_unit_test(test_analysis),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
