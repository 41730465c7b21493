/*
 * fpgrowth.h — the itemset collection as the rule generator sees it: every
 * frequent itemset (sorted by length, then items) with a hash index.
 */
#ifndef KW_FPGROWTH_H
#define KW_FPGROWTH_H

#include "models/basket/basket_internal.h"

struct kw_itemsets {
  kw_context *ctx;
  kw_itemset_view v;      /* the reported selection */
  size_t n_all;           /* every frequent itemset up to max_len */
  size_t *all_off;        /* n_all + 1 */
  uint32_t *all_items;    /* each itemset ascending */
  uint32_t *all_count;
  size_t longest;         /* longest frequent itemset */
  uint32_t *item_count;   /* per item of the basket set (frequent or not) */
  uint32_t *slots;        /* hash: index into all_*, KW_NA_ID = empty */
  size_t nslots;          /* power of two */
};

/* The index of the frequent itemset a[0..n) (ascending, distinct) or
 * SIZE_MAX. */
size_t kw_fp_find(const kw_itemsets *s, const uint32_t *a, size_t n);

#endif
