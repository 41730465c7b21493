/*
 * analyze_basket.c — the cross-sell step of the main job.
 *
 * Baskets are customer histories (every product a customer bought up to
 * the as-of day; returns add nothing), so a rule reads "customers who buy
 * X also buy Y". Frequent pairs by FP-growth (klantwijs/basket.h), with
 * support 2% of the customers but never fewer than min_group customers (a
 * rule is a group of customers too); rules
 * with confidence >= 25% and lift >= 1.2, strongest lift first. The report
 * shows the first 15. Per customer the next-best product is the first
 * recommendation of kw_next_best_build (the product not yet bought whose
 * best rule has the highest confidence), with its expected margin
 * (confidence x price x margin) as the money at stake of "develop".
 *
 * Products are named by the transactions' product-name column when there
 * is one (the first name seen for a code), else by their code; without a
 * product column the categories are the items.
 */
#include "models/analyze_internal.h"

#include <math.h>
#include <string.h>

#define SHOWN_RULES 15

/* Item names: the product-name text of each product id, or NULL. */
static uint32_t *product_names(kw_analysis *a, const kw_table *tx,
                               const kw_column *item, const kw_column *name,
                               size_t n_items) {
  if (!name || name->type != KW_TYPE_TEXT) return NULL;
  uint32_t *nm = kw_malloc(a->ctx, (n_items ? n_items : 1) * sizeof *nm);
  if (!nm) return NULL;
  for (size_t k = 0; k < n_items; k++) nm[k] = KW_NA_ID;
  size_t rows = kw_table_rows(tx);
  for (size_t r = 0; r < rows; r++) {
    uint32_t it = item->v.text[r];
    if (it < n_items && nm[it] == KW_NA_ID) nm[it] = name->v.text[r];
  }
  return nm;
}

static char *item_label(kw_analysis *a, const kw_baskets *b,
                        const uint32_t *names, const kw_dict *ndict,
                        uint32_t it) {
  const char *s = names && names[it] != KW_NA_ID ? kw_dict_str(ndict, names[it])
                                                 : kw_baskets_item_name(b, it);
  return kw_strdup(a->ctx, s);
}

/* "A + B" of the items it[0..n). */
static char *items_label(kw_analysis *a, const kw_baskets *b,
                         const uint32_t *names, const kw_dict *ndict,
                         const uint32_t *it, size_t n) {
  kw_buf t;
  kw_buf_init(&t, 1);
  for (size_t k = 0; k <= n; k++) {
    const char *s = k == n ? "" : names && names[it[k]] != KW_NA_ID
                                      ? kw_dict_str(ndict, names[it[k]])
                                      : kw_baskets_item_name(b, it[k]);
    if (k && k < n)
      for (const char *p = " + "; *p; p++)
        if (kw_buf_push(a->ctx, &t, p)) goto fail;
    for (const char *p = s; *p; p++)
      if (kw_buf_push(a->ctx, &t, p)) goto fail;
  }
  if (kw_buf_push(a->ctx, &t, "")) goto fail;
  return kw_buf_take(a->ctx, &t); /* allocated through the context */
fail:
  kw_buf_free(a->ctx, &t);
  return NULL;
}

kw_status kw_an_cross_sell(kw_analysis *a) {
  kw_context *ctx = a->ctx;
  const kw_table *tx = kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS);
  const kw_column *prod = kw_table_role(tx, KW_ROLE_PRODUCT);
  const kw_column *cat = kw_table_role(tx, KW_ROLE_CATEGORY);
  if (!prod && !cat)
    return kw_an_note(a, KW_STEP_CROSS_SELL, KW_STEP_SKIPPED, "note.no_items",
                      NULL, 0);
  kw_baskets *b = NULL;
  kw_itemsets *sets = NULL;
  kw_rules *rules = NULL;
  kw_next_best *nb = NULL;
  uint32_t *names = NULL;
  kw_basket_options bo;
  kw_basket_options_init(&bo);
  bo.unit = KW_BASKET_BY_CUSTOMER;
  bo.level = prod ? KW_BASKET_PRODUCTS : KW_BASKET_CATEGORIES;
  bo.as_of = a->as_of;
  kw_status st = kw_baskets_from_table(ctx, tx, &bo, &b);
  if (st) goto fail;
  const kw_basket_view *bv = kw_baskets_view(b);
  a->basket_count = bv->n_baskets;
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.support = 0.02;
  io.min_count = (uint64_t)ceil(0.02 * (double)bv->n_baskets);
  if (io.min_count < a->o.min_group) io.min_count = a->o.min_group;
  io.max_len = 2;
  if ((st = kw_itemsets_mine(ctx, b, &io, &sets))) goto fail;
  kw_rule_options ro;
  kw_rule_options_init(&ro);
  ro.min_confidence = 0.25;
  ro.min_lift = 1.2;
  ro.sort_by = KW_MEASURE_LIFT;
  ro.top_n = 5000;
  if ((st = kw_rules_build(ctx, sets, &ro, &rules))) goto fail;
  const kw_rule_view *rv = kw_rules_view(rules);
  if (rv->n == 0) {
    st = kw_an_note(a, KW_STEP_CROSS_SELL, KW_STEP_LIMITED, "note.no_rules",
                    NULL, 0);
    goto done;
  }
  const kw_dict *ndict = NULL;
  if (prod) {
    const kw_column *pn = kw_table_role(tx, KW_ROLE_PRODUCT_NAME);
    names = product_names(a, tx, prod, pn, bv->n_items);
    if (names) ndict = pn->dict;
  }
  size_t shown = rv->n < SHOWN_RULES ? rv->n : SHOWN_RULES;
  a->cross = kw_calloc(ctx, shown, sizeof *a->cross);
  if (!a->cross) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < shown; i++) {
    const kw_rule *r = &rv->rules[i];
    kw_cross_rule *c = &a->cross[i];
    c->lhs = items_label(a, b, names, ndict, rv->items + r->lhs, r->n_lhs);
    c->rhs = items_label(a, b, names, ndict, rv->items + r->rhs, r->n_rhs);
    a->n_cross = i + 1;
    if (!c->lhs || !c->rhs) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    c->support = r->support;
    c->confidence = r->confidence;
    c->lift = r->lift;
    c->count = r->count;
  }
  /* the next-best product per customer */
  kw_next_best_options no;
  kw_next_best_options_init(&no);
  no.top_n = 1;
  if ((st = kw_next_best_build(ctx, rules, b, &no, &nb))) goto fail;
  const kw_next_best_data *nd = kw_next_best_view(nb);
  size_t N = a->n ? a->n : 1;
  a->next_best = kw_calloc(ctx, N, sizeof *a->next_best);
  a->next_best_value = kw_malloc(ctx, N * sizeof *a->next_best_value);
  if (!a->next_best || !a->next_best_value) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < a->n; i++) a->next_best_value[i] = NAN;
  for (size_t k = 0; k < nd->n; k++) {
    uint32_t c = nd->customer[k];
    if (c >= a->n || nd->offsets[k + 1] == nd->offsets[k]) continue;
    size_t e = nd->offsets[k];
    a->next_best[c] = item_label(a, b, names, ndict, nd->item[e]);
    if (!a->next_best[c]) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    a->next_best_value[c] = nd->has_price ? nd->expected_value[e] : NAN;
  }
  goto done;
fail:
  if (st != KW_ENOMEM)
    st = kw_an_note_text(a, KW_STEP_CROSS_SELL, KW_STEP_FAILED, "note.error",
                         kw_errmsg(ctx));
done:
  kw_free(ctx, names);
  kw_next_best_free(nb);
  kw_rules_free(rules);
  kw_itemsets_free(sets);
  kw_baskets_free(b);
  return st;
}
