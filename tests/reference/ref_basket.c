/*
 * Reference test: the arules Groceries data (9,835 baskets, 169 items;
 * Hahsler, Hornik & Reutterer 2006) against published figures:
 *   - summary(Groceries): whole milk 2513, other vegetables 1903,
 *     rolls/buns 1809, soda 1715, yogurt 1372 (shared/data/README.md);
 *   - apriori(Groceries, parameter = list(supp = 0.001, conf = 0.8)) gives
 *     410 rules, with conf = 0.5 5,668 rules;
 *   - {honey} => {whole milk}: support 0.001118, confidence 0.7333, lift
 *     2.870 (11 of 9835 baskets; honey is in 15).
 * and the frequent itemsets at support 0.001 against a second method: a
 * depth-first Eclat over bit-set tid lists (Zaki 2000), counting each
 * itemset by intersection, which shares no code with FP-growth.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "klantwijs.h"

#define GROCERIES KW_SHARED_DATA "/groceries/groceries_basket.csv"

static bool have_data(void) { return access(GROCERIES, R_OK) == 0; }

static kw_baskets *load(kw_context *ctx) {
  if (!have_data()) {
    print_message("skipped: %s is not there\n", GROCERIES);
    skip();
  }
  kw_baskets *b;
  kw_status st = kw_baskets_read(ctx, GROCERIES, NULL, &b);
  if (st) fail_msg("%s", kw_errmsg(ctx));
  return b;
}

static void test_summary(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b = load(ctx);
  const kw_basket_view *v = kw_baskets_view(b);
  assert_int_equal(v->n_baskets, 9835);
  assert_int_equal(v->n_items, 169);
  assert_int_equal(v->offsets[v->n_baskets], 43367); /* item occurrences */
  static const struct {
    const char *name;
    uint32_t n;
  } top[] = {{"whole milk", 2513}, {"other vegetables", 1903},
             {"rolls/buns", 1809}, {"soda", 1715}, {"yogurt", 1372}};
  for (size_t i = 0; i < 5; i++) {
    uint32_t id = kw_baskets_find_item(b, top[i].name);
    assert_int_not_equal(id, KW_NA_ID);
    assert_int_equal(v->item_count[id], top[i].n);
  }
  kw_baskets_free(b);
  kw_context_free(ctx);
}

static kw_rules *rules_at(kw_context *ctx, const kw_itemsets *s, double conf) {
  kw_rule_options ro;
  kw_rule_options_init(&ro);
  ro.min_confidence = conf;
  kw_rules *r;
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  return r;
}

static void test_rules(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b = load(ctx);
  kw_itemset_options io;
  kw_itemset_options_init(&io); /* max_len 10 as arules */
  io.support = 0.001;
  kw_itemsets *s;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);
  assert_int_equal(kw_itemsets_view(s)->min_count, 10); /* ceil(9.835) */

  kw_rules *r = rules_at(ctx, s, 0.5);
  assert_int_equal(kw_rules_view(r)->n, 5668);
  kw_rules_free(r);
  r = rules_at(ctx, s, 0.8);
  const kw_rule_view *rv = kw_rules_view(r);
  assert_int_equal(rv->n, 410);
  /* every rule at least as strong as asked */
  for (size_t i = 0; i < rv->n; i++) {
    assert_true(rv->rules[i].confidence >= 0.8);
    assert_true(rv->rules[i].count >= 10);
  }
  kw_rules_free(r);

  /* {honey} => {whole milk}, via an item filter on both sides */
  uint32_t honey = kw_baskets_find_item(b, "honey");
  uint32_t milk = kw_baskets_find_item(b, "whole milk");
  assert_int_not_equal(honey, KW_NA_ID);
  kw_rule_options ro;
  kw_rule_options_init(&ro);
  ro.min_confidence = 0.5;
  ro.lhs = (kw_item_filter){&honey, 1, KW_MATCH_ALL};
  ro.rhs = (kw_item_filter){&milk, 1, KW_MATCH_ALL};
  assert_int_equal(kw_rules_build(ctx, s, &ro, &r), KW_OK);
  rv = kw_rules_view(r);
  assert_int_equal(rv->n, 1);
  const kw_rule *x = &rv->rules[0];
  assert_int_equal(x->n_lhs, 1);
  assert_int_equal(x->count, 11);
  assert_int_equal(x->lhs_count, 15);
  assert_float_equal(x->support, 0.001118, 5e-7);
  assert_float_equal(x->confidence, 0.7333, 5e-5);
  assert_float_equal(x->lift, 2.870, 5e-4);
  kw_rules_free(r);
  kw_itemsets_free(s);
  kw_baskets_free(b);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ Eclat */

typedef struct eclat {
  size_t words;
  uint32_t minc;
  const kw_itemsets *s;
  uint32_t prefix[64];
  size_t found;
  size_t mismatches;
} eclat;

static uint32_t popcount_words(const uint64_t *a, size_t n) {
  uint32_t c = 0;
  for (size_t i = 0; i < n; i++) c += (uint32_t)__builtin_popcountll(a[i]);
  return c;
}

/* Extend the prefix (depth items) by each candidate in turn. cand[k] has
 * the tid set of prefix + ids[k]. */
static void eclat_dfs(eclat *e, size_t depth, const uint32_t *ids,
                      const uint64_t *cand, size_t n) {
  uint64_t *next = malloc((n ? n : 1) * e->words * sizeof *next);
  uint32_t *next_ids = malloc((n ? n : 1) * sizeof *next_ids);
  for (size_t k = 0; k < n; k++) {
    const uint64_t *tk = cand + k * e->words;
    uint32_t c = popcount_words(tk, e->words);
    e->prefix[depth] = ids[k];
    e->found++;
    if (kw_itemsets_count(e->s, e->prefix, depth + 1) != c) e->mismatches++;
    if (depth + 1 >= 10) continue; /* max_len 10 */
    size_t m = 0;
    for (size_t j = k + 1; j < n; j++) {
      const uint64_t *tj = cand + j * e->words;
      uint64_t *dst = next + m * e->words;
      for (size_t w = 0; w < e->words; w++) dst[w] = tk[w] & tj[w];
      if (popcount_words(dst, e->words) >= e->minc) next_ids[m++] = ids[j];
    }
    eclat_dfs(e, depth + 1, next_ids, next, m);
  }
  free(next);
  free(next_ids);
}

static void test_itemsets_second_method(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_baskets *b = load(ctx);
  const kw_basket_view *v = kw_baskets_view(b);
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.support = 0.001;
  kw_itemsets *s;
  assert_int_equal(kw_itemsets_mine(ctx, b, &io, &s), KW_OK);

  eclat e = {(v->n_baskets + 63) / 64, 10, s, {0}, 0, 0};
  uint64_t *tid = calloc(v->n_items * e.words, sizeof *tid);
  for (size_t t = 0; t < v->n_baskets; t++)
    for (size_t k = v->offsets[t]; k < v->offsets[t + 1]; k++)
      tid[v->items[k] * e.words + t / 64] |= 1ull << (t % 64);
  uint32_t *ids = malloc(v->n_items * sizeof *ids);
  uint64_t *cand = malloc(v->n_items * e.words * sizeof *cand);
  size_t n = 0;
  for (uint32_t i = 0; i < v->n_items; i++) {
    if (popcount_words(tid + i * e.words, e.words) < e.minc) continue;
    memcpy(cand + n * e.words, tid + i * e.words, e.words * sizeof *cand);
    ids[n++] = i;
  }
  eclat_dfs(&e, 0, ids, cand, n);
  assert_int_equal(e.mismatches, 0);
  assert_int_equal(e.found, kw_itemsets_view(s)->n);
  print_message("frequent itemsets at support 0.001: %zu\n", e.found);
  free(tid);
  free(ids);
  free(cand);
  kw_itemsets_free(s);
  kw_baskets_free(b);
  kw_context_free(ctx);
}

int main(void) {
  if (!have_data()) {
    printf("skipped: %s is not there\n", GROCERIES);
    return 77;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_summary),
      cmocka_unit_test(test_rules),
      cmocka_unit_test(test_itemsets_second_method),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
