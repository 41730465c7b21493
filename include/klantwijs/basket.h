/*
 * klantwijs/basket.h — cross-sell and upsell analytics: basket sets,
 * frequent itemsets (FP-growth), association rules, next-best product per
 * customer, product penetration by segment and upsell candidates.
 *
 * The pipeline:
 *
 *   kw_baskets   a basket set: baskets (orders, or whole customer histories)
 *                of dense uint32 items with names. Built from the
 *                transactions table, from a basket file (one basket a line),
 *                or with a kw_basket_builder.
 *   kw_itemsets  the frequent itemsets of a basket set (FP-growth, Han, Pei
 *                & Yin 2000); all, closed or maximal ones.
 *   kw_rules     association rules X => Y drawn from the frequent itemsets,
 *                with support, confidence, lift, leverage and conviction.
 *   kw_next_best products not yet bought, per customer, ranked by the rules.
 *   kw_penetration, kw_upsell   share of customers per segment who bought
 *                each item; customers who spend little per order for their
 *                segment.
 *
 * Support follows arules (Hahsler, Grün & Hornik 2005): an itemset is
 * frequent when its count is at least ceil(N x support), N the number of
 * baskets. Items within a basket count once.
 *
 * Ownership: every object below is created by its function, owned by the
 * caller and freed with its *_free call (which accepts NULL). Views and every
 * pointer read from them live until that object is freed. Nothing keeps a
 * pointer into its inputs: a basket set copies the item names it needs, an
 * itemset collection does not refer to its basket set, rules do not refer to
 * their itemsets. Item ids are the ids of the basket set the itemsets were
 * mined from; rules and next-best results use those same ids.
 */
#ifndef KLANTWIJS_BASKET_H
#define KLANTWIJS_BASKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/groups.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ basket sets */

typedef struct kw_baskets kw_baskets;

typedef enum kw_basket_unit {
  KW_BASKET_BY_ORDER = 0, /* an invoice; customer + purchase day when the
                             table has no invoice column */
  KW_BASKET_BY_CUSTOMER   /* a customer's whole history */
} kw_basket_unit;

typedef enum kw_basket_level {
  KW_BASKET_PRODUCTS = 0, /* items are products (KW_ROLE_PRODUCT) */
  KW_BASKET_CATEGORIES    /* items are categories (KW_ROLE_CATEGORY) */
} kw_basket_level;

typedef struct kw_basket_options {
  kw_basket_unit unit;
  kw_basket_level level;
  int32_t as_of; /* lines after this day are left out; KW_NA_DATE = all */
} kw_basket_options;

KW_API void kw_basket_options_init(kw_basket_options *o);

/*
 * What a basket set holds. Basket b has the items
 * items[offsets[b] .. offsets[b+1]), distinct and in ascending id order;
 * no basket is empty. Item ids run 0..n_items-1; an item may occur in no
 * basket (item_count 0).
 */
typedef struct kw_basket_view {
  size_t n_baskets;
  size_t n_items;
  const size_t *offsets;       /* n_baskets + 1 */
  const uint32_t *items;       /* offsets[n_baskets] ids */
  const uint32_t *item_count;  /* per item: baskets that hold it */
  /* Per basket: the customer id (an index into kw_dataset_customers), or
   * NULL when the baskets carry no customer (basket files, builders). In
   * order mode an invoice whose lines name several customers gets the
   * customer of its first line. */
  const uint32_t *customer;
  size_t n_customers;          /* size of the customer id space, or 0 */
  /* Per item, from a transactions table (NULL otherwise):
   *   item_price  average unit price in currency units (not cents) over the
   *               item's lines that are not returns: sum(amount) /
   *               sum(quantity) when the table has both, else the
   *               quantity-weighted mean unit price, else the mean line
   *               amount; 0 for an item without a priced line.
   *   item_margin margin as a fraction of the amount, sum(m) / sum(amount)
   *               over the lines whose margin m is known: m = amount - cost
   *               (cost is a line total, as in kw_customer_summary), else
   *               the margin column; valid where margin_known[item] is 1.
   *               NULL when the table has neither a cost nor a margin
   *               column. */
  const double *item_price;
  const double *item_margin;
  const uint8_t *margin_known;
  kw_basket_unit unit;
  kw_basket_level level;
  /* How the input was used. From a table: lines_read = rows; lines_used
   * added an item; lines_return were returns (negative quantity or
   * amount); lines_no_item had no product/category, or no invoice or
   * customer where the basket key needs one; lines_after fell after as_of.
   * From a file: lines_read = lines, lines_used = baskets, lines_blank =
   * lines without an item, delimiter the item separator. */
  uint64_t lines_read, lines_used, lines_return, lines_no_item, lines_after,
      lines_blank;
  char delimiter;
} kw_basket_view;

/*
 * Baskets from a transactions table (kw_dataset_table(ds,
 * KW_TABLE_TRANSACTIONS)). Roles used: KW_ROLE_PRODUCT or KW_ROLE_CATEGORY
 * (the items; required), KW_ROLE_INVOICE (order mode), KW_ROLE_CUSTOMER
 * (required without an invoice column and in customer mode), KW_ROLE_DATE
 * (required in order mode without an invoice column, and for as_of), and
 * optionally KW_ROLE_QUANTITY, KW_ROLE_AMOUNT, KW_ROLE_UNIT_PRICE,
 * KW_ROLE_COST, KW_ROLE_MARGIN. A line with a negative quantity or amount
 * (a return or credit) adds no item; a basket left without items (a
 * cancelled invoice) is not a basket. Item ids are the ids of the item
 * column's dictionary (for products: kw_dataset_products), whose names are
 * copied. KW_EMISSING when a required column is absent, KW_EEMPTY when no
 * basket remains.
 */
KW_API kw_status kw_baskets_from_table(kw_context *ctx, const kw_table *t,
                                       const kw_basket_options *o,
                                       kw_baskets **out);

typedef struct kw_basket_read_options {
  char delimiter;  /* 0: detect among ',', ';' and tab; else one of those,
                      '|' or ' ' */
  size_t max_line; /* longest line accepted in bytes; 0 = 1 MiB */
} kw_basket_read_options;

KW_API void kw_basket_read_options_init(kw_basket_read_options *o);

/*
 * Read a basket file: one basket a line, items separated by the delimiter
 * (the Groceries format "citrus fruit,semi-finished bread,margarine").
 * Without a given delimiter the most frequent of ',', ';' and tab in the
 * first 64 KiB is used (',' on a tie or when none occurs). Blanks around items are
 * trimmed, empty items ignored, a repeated item counts once; lines without
 * an item are skipped (counted in lines_blank). LF, CRLF and CR line ends
 * and a UTF-8 byte order mark are accepted; there is no quoting and no
 * header. Items are numbered in byte order of their names. Errors name
 * file:line (and column): KW_EIO (cannot read), KW_EEMPTY (empty file or no
 * item at all), KW_EINPUT (a NUL byte; a line longer than max_line).
 */
KW_API kw_status kw_baskets_read(kw_context *ctx, const char *path,
                                 const kw_basket_read_options *o,
                                 kw_baskets **out);
/*
 * The same for text in memory: text[0..len) is read as a basket file whose
 * name (for messages; NULL gives "<memory>") is name. text is borrowed for
 * the call only.
 */
KW_API kw_status kw_baskets_parse(kw_context *ctx, const char *text,
                                  size_t len, const char *name,
                                  const kw_basket_read_options *o,
                                  kw_baskets **out);

/*
 * Building a basket set from (basket, item) string pairs, for callers with
 * their own readers. Baskets are numbered in order of first appearance of
 * their key, items in byte order of their names; an empty item is ignored.
 */
typedef struct kw_basket_builder kw_basket_builder;

KW_API kw_status kw_basket_builder_new(kw_context *ctx,
                                       kw_basket_builder **out);
/* Put item[0..item_len) into the basket named key[0..key_len). */
KW_API kw_status kw_basket_builder_add(kw_basket_builder *bb, const char *key,
                                       size_t key_len, const char *item,
                                       size_t item_len);
/* The basket set of everything added so far (KW_EEMPTY when nothing was).
 * The builder stays usable and must still be freed. */
KW_API kw_status kw_basket_builder_finish(kw_basket_builder *bb,
                                          kw_baskets **out);
KW_API void kw_basket_builder_free(kw_basket_builder *bb);

KW_API const kw_basket_view *kw_baskets_view(const kw_baskets *b);
/* The name of an item ("" when out of range). */
KW_API const char *kw_baskets_item_name(const kw_baskets *b, uint32_t item);
/* The id of an item name, or KW_NA_ID. */
KW_API uint32_t kw_baskets_find_item(const kw_baskets *b, const char *name);
KW_API void kw_baskets_free(kw_baskets *b);

/* ------------------------------------------------------ frequent itemsets */

typedef enum kw_itemset_kind {
  KW_ITEMSETS_ALL = 0,
  KW_ITEMSETS_CLOSED,  /* no superset has the same count */
  KW_ITEMSETS_MAXIMAL  /* no superset is frequent */
} kw_itemset_kind;

typedef struct kw_itemset_options {
  double support;     /* fraction of baskets in (0, 1]; default 0.1 */
  uint64_t min_count; /* absolute minimum count; > 0 replaces support */
  size_t min_len;     /* shortest itemset reported; default 1 */
  size_t max_len;     /* longest itemset mined; default 10 (as arules);
                         0 = no limit */
  kw_itemset_kind kind;
  /* A guard against explosion at a low support: mining stops with
   * KW_ERANGE as soon as more than max_itemsets frequent itemsets (of any
   * length up to max_len) are found, and nothing is returned. 0 = no limit
   * (the default). */
  size_t max_itemsets;
} kw_itemset_options;

KW_API void kw_itemset_options_init(kw_itemset_options *o);

/*
 * The itemsets reported: itemset i has the items
 * items[offsets[i] .. offsets[i+1]) in ascending id order and occurs in
 * count[i] baskets (support = count / n_baskets). Ordered by length, then
 * by items. Closed and maximal are judged among the itemsets up to max_len.
 */
typedef struct kw_itemset_view {
  size_t n;
  const size_t *offsets; /* n + 1 */
  const uint32_t *items;
  const uint32_t *count;
  size_t n_baskets;
  size_t n_items;        /* id space of the basket set */
  uint32_t min_count;    /* the count threshold used */
  size_t n_frequent;     /* frequent itemsets of any length up to max_len */
  size_t min_len, max_len;
  kw_itemset_kind kind;
} kw_itemset_view;

typedef struct kw_itemsets kw_itemsets;

/*
 * Mine the frequent itemsets of a basket set by FP-growth. min_count is
 * ceil(N x support) (up to a relative rounding tolerance of 1e-9, so that
 * 0.3 x 10 is 3), at least 1; KW_EARG for a support outside (0, 1] or
 * min_len > max_len; KW_ERANGE when the frequent itemsets outnumber
 * max_itemsets (the message names the limit and the count threshold).
 */
KW_API kw_status kw_itemsets_mine(kw_context *ctx, const kw_baskets *b,
                                  const kw_itemset_options *o,
                                  kw_itemsets **out);
KW_API const kw_itemset_view *kw_itemsets_view(const kw_itemsets *s);
/* Baskets holding all of items[0..n) (any order, repeats allowed) when that
 * itemset is frequent and no longer than max_len; 0 otherwise. n = 0 gives
 * the number of baskets. */
KW_API uint32_t kw_itemsets_count(const kw_itemsets *s, const uint32_t *items,
                                  size_t n);
KW_API void kw_itemsets_free(kw_itemsets *s);

/* ------------------------------------------------------ association rules */

/* X(enum, name) — the measures rules are sorted by. */
#define KW_MEASURE_LIST(X)          \
  X(KW_MEASURE_NONE, "none")        \
  X(KW_MEASURE_SUPPORT, "support")  \
  X(KW_MEASURE_CONFIDENCE, "confidence") \
  X(KW_MEASURE_LIFT, "lift")        \
  X(KW_MEASURE_LEVERAGE, "leverage") \
  X(KW_MEASURE_CONVICTION, "conviction") \
  X(KW_MEASURE_COUNT, "count")

typedef enum kw_rule_measure {
#define KW_X_MEASURE(e, name) e,
  KW_MEASURE_LIST(KW_X_MEASURE)
#undef KW_X_MEASURE
      KW_MEASURE__COUNT
} kw_rule_measure;

KW_API const char *kw_rule_measure_name(kw_rule_measure m);
/* KW_MEASURE__COUNT when the name is unknown. */
KW_API kw_rule_measure kw_rule_measure_from_name(const char *name);

typedef enum kw_item_match {
  KW_MATCH_ANY = 0, /* holds at least one of the items */
  KW_MATCH_ALL,     /* holds every one of the items */
  KW_MATCH_NONE     /* holds none of the items */
} kw_item_match;

/* A filter on one side of a rule; n = 0 lets every rule through. */
typedef struct kw_item_filter {
  const uint32_t *items;
  size_t n;
  kw_item_match match;
} kw_item_filter;

typedef struct kw_rule_options {
  double min_confidence;  /* default 0.8 (as arules) */
  double min_lift;        /* default 0: no lift threshold */
  size_t max_consequent;  /* most items on the right-hand side; default 1 */
  kw_rule_measure sort_by;/* default KW_MEASURE_LIFT; NONE keeps the order
                             of generation */
  bool ascending;         /* default false: best first */
  size_t top_n;           /* keep the first top_n after sorting; 0 = all.
                             With a sort measure only top_n rules are ever
                             held, however many pass. */
  kw_item_filter lhs;     /* on the antecedent X */
  kw_item_filter rhs;     /* on the consequent Y */
} kw_rule_options;

KW_API void kw_rule_options_init(kw_rule_options *o);

/*
 * A rule X => Y (X and Y disjoint and non-empty) with N baskets, n(Z) the
 * number holding every item of Z, and supp(Z) = n(Z)/N:
 *   support    = supp(X u Y)
 *   confidence = supp(X u Y) / supp(X)
 *   lift       = confidence / supp(Y)
 *   leverage   = supp(X u Y) - supp(X) supp(Y)
 *   conviction = (1 - supp(Y)) / (1 - confidence)
 * Conviction is +INFINITY when confidence = 1 (Y always follows X); then
 * conviction_inf is set so that writers need not test for infinity: tables
 * and CSV print "inf", JSON prints null. When Y is in every basket
 * (confidence = 1 too, 0/0) conviction is 1, as for any independent pair.
 */
typedef struct kw_rule {
  size_t lhs;        /* offset of X's items in kw_rule_view.items */
  size_t rhs;        /* offset of Y's items */
  uint32_t n_lhs, n_rhs;
  uint32_t count;    /* n(X u Y) */
  uint32_t lhs_count;/* n(X) */
  uint32_t rhs_count;/* n(Y) */
  double support, confidence, lift, leverage, conviction;
  bool conviction_inf;
} kw_rule;

typedef struct kw_rule_view {
  size_t n;
  const kw_rule *rules;
  const uint32_t *items; /* X's and Y's items, each in ascending id order */
  size_t n_baskets;
  size_t n_items;        /* id space of the basket set */
  size_t n_matched;      /* rules that passed the thresholds and filters,
                            before top_n */
  kw_rule_measure sort_by;
  bool ascending;
} kw_rule_view;

typedef struct kw_rules kw_rules;

/*
 * Rules from the frequent itemsets (of every length from max(2, min_len) up
 * to max_len, whatever kind the view reports): for each frequent Z and each
 * Y in Z with 1 <= |Y| <= max_consequent and X = Z \ Y non-empty, the rule
 * X => Y when confidence >= min_confidence and lift >= min_lift and both
 * sides pass their filters. Rules with an empty X are not produced.
 */
KW_API kw_status kw_rules_build(kw_context *ctx, const kw_itemsets *s,
                                const kw_rule_options *o, kw_rules **out);
/*
 * Sort rules by a measure (descending unless ascending; KW_MEASURE_NONE
 * leaves the order alone). Ties are broken by items — X's ids, fewer
 * items first, then Y's — which orders distinct rules totally, so the same
 * data give the same order. Infinite conviction sorts above every finite
 * one.
 */
KW_API kw_status kw_rules_sort(kw_context *ctx, kw_rules *r,
                               kw_rule_measure by, bool ascending);
KW_API const kw_rule_view *kw_rules_view(const kw_rules *r);
KW_API void kw_rules_free(kw_rules *r);

/* ------------------------------------------------- next-best product */

typedef struct kw_next_best_options {
  size_t top_n;          /* products per customer; default 3 */
  double min_confidence; /* ignore rules below; default 0 */
  /* Per item price (currency units) and margin fraction overriding the
   * basket set's item_price / item_margin; NULL keeps those. A margin
   * given here is known for every item. */
  const double *price;
  const double *margin;
} kw_next_best_options;

KW_API void kw_next_best_options_init(kw_next_best_options *o);

/*
 * Per customer, the recommended items in ranking order: customer i has
 * the entries offsets[i] .. offsets[i+1] of the arrays below.
 *
 * A customer's candidates are the items not yet bought that are the
 * consequent (or part of it) of a rule whose every antecedent item the
 * customer has bought. Each candidate is scored by its best rule: the
 * highest confidence, ties by the higher lift, then by the lower rule
 * index; candidates are ranked by that score, ties by item id.
 *
 * expected_value = confidence x price x margin: the margin one may expect
 * from offering the item, in currency units. Where the margin is unknown
 * (margin_applied 0) it is confidence x price, the expected revenue; where
 * the price is unknown too (has_price false) it is 0.
 */
typedef struct kw_next_best_data {
  size_t n;                   /* customers */
  const uint32_t *customer;   /* customer id (or basket index, when the
                                 baskets carry no customer) */
  const size_t *offsets;      /* n + 1 */
  const uint32_t *item;
  const double *confidence;
  const double *lift;
  const double *expected_value;
  const uint8_t *margin_applied;
  const uint32_t *rule;       /* index into kw_rules_view()->rules */
  bool has_price;
} kw_next_best_data;

typedef struct kw_next_best kw_next_best;

/*
 * Recommendations for every customer of `histories` (typically baskets by
 * customer at the rules' item level; baskets by order are merged per
 * customer). The rules must come from a basket set with the same item ids
 * (the same table and level): KW_EARG when the id spaces differ in size.
 */
KW_API kw_status kw_next_best_build(kw_context *ctx, const kw_rules *r,
                                    const kw_baskets *histories,
                                    const kw_next_best_options *o,
                                    kw_next_best **out);
KW_API const kw_next_best_data *kw_next_best_view(const kw_next_best *nb);
KW_API void kw_next_best_free(kw_next_best *nb);

/* ------------------------------------------- penetration by segment */

/*
 * The share of a segment's customers who bought each item:
 *   share[s][i] = buyers[s][i] / customers[s]
 * where customers[s] counts every customer c < n_customers with
 * segment[c] = s (also those without a basket) and buyers[s][i] those among
 * them with item i in any of their baskets. A segment code KW_NA_ID or
 * >= n_segments leaves the customer out. segment = NULL puts every customer
 * in one segment "all". all_* are the same over every segmented customer.
 */
typedef struct kw_penetration_data {
  size_t n_segments;
  size_t n_items;
  const char *const *segment_names;
  const uint32_t *customers;  /* n_segments */
  const uint32_t *buyers;     /* n_segments x n_items, row-major */
  const double *share;        /* n_segments x n_items; 0 for an empty segment */
  uint32_t all_customers;
  const uint32_t *all_buyers; /* n_items */
  const double *all_share;    /* n_items */
} kw_penetration_data;

typedef struct kw_penetration kw_penetration;

/*
 * histories: baskets carrying customer ids (from a table); without them
 * each basket is its own customer, numbered by basket. n_customers is the
 * length of segment (the customer id space); KW_EARG when a basket's
 * customer is not below it. With segment NULL it may be 0 and is then the
 * baskets' customer id space. segment_names (n_segments strings, copied) may
 * be NULL: segments are then named by their number.
 */
KW_API kw_status kw_penetration_build(kw_context *ctx,
                                      const kw_baskets *histories,
                                      const uint32_t *segment,
                                      size_t n_customers,
                                      const char *const *segment_names,
                                      size_t n_segments,
                                      kw_penetration **out);
KW_API const kw_penetration_data *kw_penetration_view(
    const kw_penetration *p);
KW_API void kw_penetration_free(kw_penetration *p);

/* ---------------------------------------------------- upsell candidates */

typedef struct kw_upsell_options {
  /* 0 (default): a customer is a candidate when spend per order is below
   * the segment's 25th percentile of spend per order. > 0: below fraction x
   * the segment's median. */
  double fraction;
  uint32_t min_orders; /* customers with fewer orders are left out;
                          default 1 */
} kw_upsell_options;

KW_API void kw_upsell_options_init(kw_upsell_options *o);

/*
 * Spend per order = revenue / orders (currency units) for every customer
 * with orders >= min_orders, a known revenue (not KW_NA_MONEY; net revenue
 * may be 0 or less) and a segment code below n_segments. Per
 * segment: median and 25th percentile of spend per order (linear
 * interpolation between order statistics, R's type 7: for sorted x_1..x_n
 * and h = (n - 1) p, x_(floor h + 1) + (h - floor h)(x_(floor h + 2) -
 * x_(floor h + 1))), and the threshold. Candidates are the customers
 * strictly below their segment's threshold, with
 *   gap       = segment median - spend per order
 *   potential = gap x orders  (revenue had they spent the median per order)
 * sorted by potential (largest first), ties by customer id.
 */
typedef struct kw_upsell_data {
  size_t n_segments;
  const char *const *segment_names;
  const uint32_t *segment_customers; /* customers counted, per segment */
  const double *segment_median;      /* 0 for an empty segment */
  const double *segment_p25;
  const double *segment_threshold;
  size_t n;                          /* candidates */
  const uint32_t *customer;
  const uint32_t *segment;
  const uint32_t *orders;
  const double *spend_per_order;
  const double *gap;
  const double *potential;
} kw_upsell_data;

typedef struct kw_upsell kw_upsell;

/*
 * revenue (cents) and orders are per customer, n_customers long (as in
 * kw_customer_summary); segment may be NULL (one segment "all").
 * segment_names as for kw_penetration_build.
 */
KW_API kw_status kw_upsell_build(kw_context *ctx, size_t n_customers,
                                 const int64_t *revenue,
                                 const uint32_t *orders,
                                 const uint32_t *segment,
                                 const char *const *segment_names,
                                 size_t n_segments,
                                 const kw_upsell_options *o,
                                 kw_upsell **out);
KW_API const kw_upsell_data *kw_upsell_view(const kw_upsell *u);
KW_API void kw_upsell_free(kw_upsell *u);


/* ------------------------------------------- the basket analysis, whole */

/*
 * One call for what `klantwijs basket` answers: the baskets (from a basket
 * file, or from the transactions of a dataset), and then per mode the
 * frequent itemsets, the rules, the next-best products per customer, the
 * penetration by segment or the upsell candidates. Every decision is made
 * here, not by a caller:
 *   - penetration counts customers, so its baskets are customer histories,
 *     and its items are categories when the sales lines have a category
 *     column and the level was not given;
 *   - recommendations score the rules (mined from the baskets of `unit`)
 *     against each customer's whole history;
 *   - segments are the RFM segments of kw_rfm_compute (default options) or
 *     the groups of a customers-table column (klantwijs/groups.h: one value
 *     per customer, the last non-empty row), with the one privacy merge
 *     (groups under KW_PRIVACY_MIN merged into "other", left out when
 *     "other" is still too small). Penetration counts every customer of the
 *     summary; upsell counts only the customers its rule scores (orders >=
 *     min_orders, a known revenue). A segment column may not be personal
 *     data or the customer id and must hold text or yes/no.
 * Errors: KW_EARG (with a message) for an --lhs/--rhs item that no basket
 * holds, a segment column that is absent, personal, the id or not text;
 * KW_EMISSING for a missing table or column; KW_ERANGE when more itemsets
 * are frequent than max_itemsets; KW_EEMPTY when every segment is too
 * small to show. *failed_step (optional) says which step failed.
 * The dataset is borrowed and must outlive the result (customer ids and
 * product names are read from it when written).
 */
typedef enum kw_basket_mode {
  KW_BASKET_MODE_RULES = 0,
  KW_BASKET_MODE_ITEMSETS,
  KW_BASKET_MODE_RECOMMEND,
  KW_BASKET_MODE_PENETRATION,
  KW_BASKET_MODE_UPSELL
} kw_basket_mode;

typedef enum kw_basket_step {
  KW_BASKET_STEP_NONE = 0,
  KW_BASKET_STEP_BASKETS,  /* reading or building the baskets */
  KW_BASKET_STEP_ITEMSETS, /* mining */
  KW_BASKET_STEP_RULES,    /* the item filters and the rules */
  KW_BASKET_STEP_SEGMENTS, /* summary, RFM, groups */
  KW_BASKET_STEP_RESULT    /* next best, penetration, upsell */
} kw_basket_step;

typedef struct kw_basket_analysis_options {
  kw_basket_mode mode;
  const char *baskets_file; /* read this basket file; else the dataset */
  char delimiter;           /* of the basket file; 0 = detect */
  kw_basket_unit unit;      /* default by order */
  kw_basket_level level;    /* default products */
  bool level_given;         /* false: penetration picks categories when
                               the data has them */
  double support;           /* default 0.01 */
  uint64_t min_count;       /* > 0: replaces support */
  size_t min_len, max_len;  /* default 1 and 10 (0 = no limit) */
  size_t max_consequent;    /* default 1 */
  kw_itemset_kind kind;     /* itemsets mode only */
  size_t max_itemsets;      /* default 1000000; 0 = no limit */
  double min_confidence;    /* default 0.5 */
  double min_lift;          /* default 0 */
  kw_rule_measure sort_by;  /* default lift; itemsets: by support unless
                               none */
  bool ascending;
  size_t top_n;             /* rules and itemsets kept; 0 = all */
  const char *const *lhs;   /* item names, borrowed during the call */
  size_t n_lhs;
  kw_item_match lhs_match;
  const char *const *rhs;
  size_t n_rhs;
  kw_item_match rhs_match;
  size_t recommend;         /* products per customer; default 3 */
  const char *segment_by;   /* customers-table column; NULL = RFM */
  double upsell_fraction;   /* 0 = below the lower quartile */
  uint32_t min_orders;      /* upsell; default 1 */
  int32_t as_of;            /* KW_NA_DATE = all lines */
} kw_basket_analysis_options;

KW_API void kw_basket_analysis_options_init(kw_basket_analysis_options *o);

typedef struct kw_basket_analysis kw_basket_analysis;
typedef struct kw_rfm kw_rfm;

/* What the analysis holds; NULL members were not part of the mode. */
typedef struct kw_basket_analysis_view {
  kw_basket_analysis_options options; /* as used (level settled; lhs, rhs
                                         and segment_by not kept) */
  const kw_baskets *baskets;       /* the baskets mined (or penetration's
                                      histories) */
  const kw_baskets *histories;     /* recommend: the customer histories */
  const kw_itemsets *itemsets;
  const kw_itemset_view *itemset_view; /* itemsets mode: the order shown */
  const uint32_t *itemset_order;   /* itemsets mode: n rows, in order */
  size_t n_itemset_rows;           /* after top_n */
  const kw_rules *rules;
  const kw_next_best *next_best;
  const kw_penetration *penetration;
  const uint32_t *penetration_items; /* items with a buyer, by overall share */
  size_t n_penetration_items;
  const kw_upsell *upsell;
  const kw_groups_data *groups;    /* the segments after the privacy rule */
  const kw_rfm *rfm;               /* when segments are RFM segments */
  const char *segment_column;      /* the column's header; NULL for RFM */
  bool has_invoice;                /* an order is an invoice */
  const kw_dict *customers;        /* customer ids (NULL for a file) */
  const char *const *product_names;/* per item, recommend on products with
                                      a product-name column; else NULL */
} kw_basket_analysis_view;

KW_API kw_status kw_basket_analyze(kw_context *ctx, const kw_dataset *ds,
                                   const kw_basket_analysis_options *o,
                                   kw_basket_analysis **out,
                                   kw_basket_step *failed_step);
KW_API const kw_basket_analysis_view *kw_basket_analysis_view_of(
    const kw_basket_analysis *a);
KW_API void kw_basket_analysis_free(kw_basket_analysis *a);

#ifdef __cplusplus
}
#endif
#endif
