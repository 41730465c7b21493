/*
 * basket_internal.h — what the basket modules share: the basket set's
 * layout, the builder (also used by the basket-file reader in src/io), a
 * stable index sort and the grouping of baskets by customer.
 */
#ifndef KW_BASKET_INTERNAL_H
#define KW_BASKET_INTERNAL_H

#include "core/core.h"
#include "core/dict.h"
#include "klantwijs/basket.h"

struct kw_baskets {
  kw_context *ctx;
  kw_basket_view v;
  kw_dict *names; /* item names, id = item */
  size_t *offsets;
  uint32_t *items;
  uint32_t *item_count;
  uint32_t *customer;
  double *price;
  double *margin;
  uint8_t *margin_known;
};

/* An empty basket set (no baskets, no names yet); NULL on out of memory. */
kw_baskets *kw_baskets_alloc(kw_context *ctx);

/*
 * Fill b's baskets from n_pairs (basket, item) pairs, baskets numbered
 * 0..n_baskets-1 and items 0..b->v.n_items-1 (set before the call). Items
 * are sorted and made distinct within each basket; baskets without a pair
 * are dropped and the rest renumbered in order. basket_customer (n_baskets
 * entries, may be NULL) becomes the per-basket customer array.
 * KW_EEMPTY when no basket remains.
 */
kw_status kw_baskets_assemble(kw_context *ctx, kw_baskets *b,
                              const uint32_t *pair_basket,
                              const uint32_t *pair_item, size_t n_pairs,
                              size_t n_baskets,
                              const uint32_t *basket_customer);

/* Add item[0..len) to basket number `basket` (the reader numbers baskets
 * itself; do not mix with keyed kw_basket_builder_add on one builder). */
kw_status kw_basket_builder_add_at(kw_basket_builder *bb, uint32_t basket,
                                   const char *item, size_t len);

/* kw_baskets_parse with a read buffer of max_line + 1 + chunk bytes
 * (chunk 1 .. 64 KiB; 0 = 64 KiB), so that tests reach lines split between
 * reads. The delimiter is detected in the first buffer only. */
kw_status kw_baskets_parse_chunked(kw_context *ctx, const char *text,
                                   size_t len, const char *name,
                                   const kw_basket_read_options *o,
                                   size_t chunk, kw_baskets **out);

/*
 * A stable merge sort of idx[0..n) by cmp(user, a, b) (< 0: a first).
 * Allocates a scratch array of n entries.
 */
typedef int (*kw_idx_cmp)(const void *user, size_t a, size_t b);
kw_status kw_sort_idx(kw_context *ctx, size_t *idx, size_t n, kw_idx_cmp cmp,
                      const void *user);

/* kw_rules_sort with only the first sig_words (0..2) words of the sort
 * signature, so that tests reach the full item comparison. */
kw_status kw_rules_sort_sig(kw_context *ctx, kw_rules *r, kw_rule_measure by,
                            bool ascending, unsigned sig_words);

/* Sort a small array of uint32 ascending (insertion sort below 24
 * elements, else qsort). */
void kw_sort_u32(uint32_t *a, size_t n);

/*
 * Baskets grouped by customer: group g (customers in ascending id order,
 * only those with a basket) is customer cust[g] with the baskets
 * order[off[g] .. off[g+1]). Without customer ids every basket is its own
 * customer, numbered by basket. *n_cust is the customer id space.
 */
typedef struct kw_customer_groups {
  size_t n;        /* groups */
  size_t n_cust;   /* customer id space */
  uint32_t *cust;  /* n */
  size_t *off;     /* n + 1 */
  size_t *order;   /* n_baskets */
} kw_customer_groups;

kw_status kw_customer_groups_build(kw_context *ctx, const kw_baskets *b,
                                   kw_customer_groups *g);
void kw_customer_groups_free(kw_context *ctx, kw_customer_groups *g);

/* Copies of segment names (or "all" / the segment numbers when names is
 * NULL), freed with kw_segment_names_free. */
kw_status kw_segment_names_copy(kw_context *ctx, const char *const *names,
                                size_t n, char ***out);
void kw_segment_names_free(kw_context *ctx, char **names, size_t n);

#endif
