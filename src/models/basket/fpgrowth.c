/*
 * fpgrowth.c — frequent itemsets by FP-growth (J. Han, J. Pei, Y. Yin,
 * "Mining frequent patterns without candidate generation", SIGMOD 2000).
 *
 * The method. Items below the minimum count can be in no frequent itemset,
 * so they are dropped and the rest ranked by descending count (ties by id).
 * Each basket, its frequent items sorted by rank, is inserted as a path
 * into a prefix tree (the FP-tree) whose nodes carry counts, so baskets
 * sharing a prefix share nodes. For an item i of a tree, the paths from
 * i's nodes up to the root, each weighted by the node's count, form i's
 * conditional pattern base: the baskets holding i (and the current prefix
 * P), restricted to items ranked before i. The items frequent in that base
 * build the conditional tree of P u {i}, mined the same way; each item of
 * a tree, with its total count there, yields one frequent itemset. Every
 * frequent itemset is found exactly once (by its lowest-ranked item last).
 *
 * The tree is compact: nodes live in arrays indexed by node number (item
 * and parent in one, count and next node of the same item in another),
 * node 0 the root, index 0 meaning "none"; children of the root are found
 * through a per-item array, deeper children through an open-addressing
 * hash of (parent, item) -> child, so an insertion costs O(1) per item
 * whatever the fan-out (a sibling list made inserting customer histories
 * with thousands of products quadratic). There is no allocation per node:
 * each recursion depth
 * owns one tree whose arrays only grow and are reused by every conditional
 * tree built at that depth (an arena per depth). The paths of a
 * conditional pattern base are walked once: the walk counts their items and
 * copies them into a shared scratch array, from which the conditional tree
 * is then built.
 *
 * Support as in arules (Hahsler, Grün & Hornik 2005; Borgelt's apriori
 * code): frequent means count >= min_count = ceil(N x support).
 *
 * After mining, all frequent itemsets (every length up to max_len) are
 * sorted by length, then by items (a radix sort), and indexed by an open-addressing hash
 * whose key is an order-free sum of mixed item ids; rules look up the
 * counts of antecedents and consequents there. Closed and maximal itemsets
 * are found from the immediate subsets: for every frequent Z and each of its
 * (|Z|-1)-subsets Y, Y has a frequent superset (so is not maximal), and if
 * count(Z) = count(Y), Y is not closed. That suffices, because a superset
 * with equal count implies an immediate superset with equal count (counts
 * only fall as sets grow).
 */
#include "models/basket/fpgrowth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the tree */

/* What a walk up a path reads, packed apart from the rest (8 bytes a node,
 * so the walks that dominate mining touch few cache lines). */
typedef struct fp_up {
  uint32_t item;   /* local item number in its tree */
  uint32_t parent;
} fp_up;

typedef struct fp_node {
  uint32_t count;
  uint32_t next;    /* next node of the same item */
} fp_node;

typedef struct fp_tree {
  fp_up *up;
  fp_node *node;
  size_t n, cap;   /* nodes in use (root included), allocated */
  uint32_t *head;  /* per item: first node of the item, 0 = none */
  uint32_t *top;   /* per item: the root's child of that item, 0 = none */
  uint32_t *count; /* per item: total count in the tree */
  uint32_t *id;    /* per item: basket-set item id */
  size_t m, mcap;  /* items in use, allocated */
  uint32_t *hs;    /* child hash: node numbers, 0 = empty */
  size_t hmask;    /* slots in use - 1 (a power of two minus one) */
  size_t hcap;     /* slots allocated */
} fp_tree;

static size_t child_slot(uint32_t parent, uint32_t item, size_t mask) {
  uint64_t z = ((uint64_t)parent << 32 | item) + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return (size_t)(z ^ (z >> 31)) & mask;
}

/* Size the child hash to at least `want` slots (a power of two) and clear
 * the slots in use; node numbers already in the tree are inserted again. */
static kw_status child_hash(kw_context *ctx, fp_tree *t, size_t want) {
  size_t size = 64;
  while (size < want) size *= 2;
  if (size > t->hcap) {
    uint32_t *h = kw_realloc(ctx, t->hs, size * sizeof *h);
    if (!h) return kw_fail_nomem(ctx);
    t->hs = h;
    t->hcap = size;
  }
  t->hmask = size - 1;
  memset(t->hs, 0, size * sizeof *t->hs);
  for (uint32_t c = 1; c < t->n; c++) {
    if (t->up[c].parent == 0) continue; /* the root's children: top[] */
    size_t j = child_slot(t->up[c].parent, t->up[c].item, t->hmask);
    while (t->hs[j]) j = (j + 1) & t->hmask;
    t->hs[j] = c;
  }
  return KW_OK;
}

static void tree_free(kw_context *ctx, fp_tree *t) {
  kw_free(ctx, t->up);
  kw_free(ctx, t->node);
  kw_free(ctx, t->head);
  kw_free(ctx, t->top);
  kw_free(ctx, t->count);
  kw_free(ctx, t->id);
  kw_free(ctx, t->hs);
  memset(t, 0, sizeof *t);
}

static kw_status tree_nodes(kw_context *ctx, fp_tree *t, size_t cap) {
  if (cap <= t->cap) return KW_OK;
  if (cap > (size_t)UINT32_MAX)
    return kw_fail(ctx, KW_ERANGE, "FP-tree too large");
  fp_up *u = kw_realloc(ctx, t->up, cap * sizeof *u);
  if (u) t->up = u;
  fp_node *nn = kw_realloc(ctx, t->node, cap * sizeof *nn);
  if (nn) t->node = nn;
  if (!u || !nn) return kw_fail_nomem(ctx);
  t->cap = cap;
  return KW_OK;
}

/* Make t an empty tree over m items (arrays reused when large enough). */
static kw_status tree_reset(kw_context *ctx, fp_tree *t, size_t m,
                            size_t nodes_hint) {
  if (m > t->mcap) {
    size_t cap = m;
    uint32_t *h = kw_realloc(ctx, t->head, cap * sizeof *h);
    if (h) t->head = h;
    uint32_t *tp = kw_realloc(ctx, t->top, cap * sizeof *tp);
    if (tp) t->top = tp;
    uint32_t *c = kw_realloc(ctx, t->count, cap * sizeof *c);
    if (c) t->count = c;
    uint32_t *id = kw_realloc(ctx, t->id, cap * sizeof *id);
    if (id) t->id = id;
    if (!h || !tp || !c || !id) return kw_fail_nomem(ctx);
    t->mcap = cap;
  }
  kw_status st = tree_nodes(ctx, t, nodes_hint < 16 ? 16 : nodes_hint);
  if (st) return st;
  t->m = m;
  memset(t->head, 0, m * sizeof *t->head);
  memset(t->top, 0, m * sizeof *t->top);
  memset(t->count, 0, m * sizeof *t->count);
  memset(&t->up[0], 0, sizeof t->up[0]);
  memset(&t->node[0], 0, sizeof t->node[0]);
  t->n = 1;
  return child_hash(ctx, t, 2 * (nodes_hint < 16 ? 16 : nodes_hint));
}

/* Insert a path of ascending local items with weight w. */
static kw_status tree_insert(kw_context *ctx, fp_tree *t, const uint32_t *p,
                             size_t len, uint32_t w) {
  uint32_t cur = 0;
  for (size_t k = 0; k < len; k++) {
    uint32_t it = p[k];
    uint32_t c;
    size_t j = 0;
    if (cur == 0) {
      c = t->top[it];
    } else {
      j = child_slot(cur, it, t->hmask);
      while ((c = t->hs[j]) != 0 &&
             (t->up[c].parent != cur || t->up[c].item != it))
        j = (j + 1) & t->hmask;
    }
    if (c) {
      t->node[c].count += w;
      cur = c;
      continue;
    }
    if (t->n == t->cap) {
      kw_status st = tree_nodes(ctx, t, t->cap * 2);
      if (st) return st;
    }
    c = (uint32_t)t->n++;
    t->up[c].item = it;
    t->up[c].parent = cur;
    fp_node *nd = &t->node[c];
    nd->count = w;
    nd->next = t->head[it];
    t->head[it] = c;
    if (cur == 0) {
      t->top[it] = c;
    } else if (2 * t->n > t->hmask + 1) {
      /* load above one half: double and re-insert (c included) */
      kw_status st = child_hash(ctx, t, 2 * (t->hmask + 1));
      if (st) return st;
    } else {
      t->hs[j] = c;
    }
    cur = c;
  }
  return KW_OK;
}

/* ------------------------------------------------------------ the miner */

typedef struct fp_miner {
  kw_context *ctx;
  uint32_t minc;
  size_t max_len;
  size_t max_itemsets; /* 0 = no limit */
  fp_tree *trees;   /* trees[d]: the tree mined at depth d */
  size_t n_trees;   /* allocated (max depth + 1) */
  uint32_t *cnt;    /* scratch per item of the parent tree */
  uint32_t *map;    /* parent local item -> child local item, or NA */
  uint32_t *path;   /* scratch path */
  uint32_t *prefix; /* item ids of the current prefix, by depth */
  /* the conditional pattern base, copied out of the tree by the one walk
   * up each path: items leaf to root, each path ended by KW_NA_ID, and the
   * weight of each path */
  uint32_t *base;
  size_t base_cap;
  uint32_t *weight;
  size_t weight_cap;
  /* output: all frequent itemsets */
  kw_buf items;     /* uint32 */
  kw_buf offsets;   /* size_t, starts at {0} */
  kw_buf counts;    /* uint32 */
} fp_miner;

static kw_status reserve_growth(kw_context *ctx, kw_buf *b, size_t need) {
  if (need <= b->cap) return KW_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  return kw_buf_reserve(ctx, b, cap);
}

static kw_status grow_u32(kw_context *ctx, uint32_t **a, size_t *cap,
                          size_t need) {
  if (need <= *cap) return KW_OK;
  size_t c = *cap ? *cap : 1024;
  while (c < need) c *= 2;
  uint32_t *p = kw_realloc(ctx, *a, c * sizeof *p);
  if (!p) return kw_fail_nomem(ctx);
  *a = p;
  *cap = c;
  return KW_OK;
}

/* Append the current prefix (len items) with its count. */
static kw_status emit(fp_miner *mn, size_t len, uint32_t count) {
  kw_context *ctx = mn->ctx;
  if (mn->max_itemsets && mn->counts.len >= mn->max_itemsets) {
    char max[24], minc[16];
    snprintf(max, sizeof max, "%zu", mn->max_itemsets);
    snprintf(minc, sizeof minc, "%u", mn->minc);
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.basket_too_many_itemsets",
                       "more than {max} frequent itemsets with a minimum "
                       "count of {min}; a higher minimum support (or a lower "
                       "maximum length) gives fewer",
                       "max", max, "min", minc, NULL);
  }
  kw_status st = reserve_growth(ctx, &mn->items, mn->items.len + len);
  if (st) return st;
  uint32_t *dst = (uint32_t *)mn->items.data + mn->items.len;
  memcpy(dst, mn->prefix, len * sizeof *dst);
  kw_sort_u32(dst, len);
  mn->items.len += len;
  size_t end = mn->items.len;
  if ((st = kw_buf_push(ctx, &mn->offsets, &end))) return st;
  return kw_buf_push(ctx, &mn->counts, &count);
}

static kw_status mine(fp_miner *mn, size_t d) {
  kw_context *ctx = mn->ctx;
  kw_status st;
  for (size_t it = mn->trees[d].m; it-- > 0;) {
    const fp_tree *t = &mn->trees[d];
    uint32_t c = t->count[it];
    if (c < mn->minc) continue;
    mn->prefix[d] = t->id[it];
    if ((st = emit(mn, d + 1, c))) return st;
    if (mn->max_len && d + 1 >= mn->max_len) continue;
    if (it == 0) continue; /* nothing ranks before the first item */
    /* one walk up from each node of it: count the items of its conditional
     * pattern base and copy the paths out */
    uint32_t *cnt = mn->cnt;
    memset(cnt, 0, it * sizeof *cnt);
    size_t nb = 0, np = 0;
    for (uint32_t n = t->head[it]; n; n = t->node[n].next) {
      uint32_t w = t->node[n].count;
      if (np == mn->weight_cap &&
          (st = grow_u32(ctx, &mn->weight, &mn->weight_cap, np + 1)))
        return st;
      mn->weight[np++] = w;
      for (uint32_t p = t->up[n].parent; p; p = t->up[p].parent) {
        uint32_t item = t->up[p].item;
        cnt[item] += w;
        if (nb == mn->base_cap &&
            (st = grow_u32(ctx, &mn->base, &mn->base_cap, nb + 1)))
          return st;
        mn->base[nb++] = item;
      }
      if (nb == mn->base_cap &&
          (st = grow_u32(ctx, &mn->base, &mn->base_cap, nb + 1)))
        return st;
      mn->base[nb++] = KW_NA_ID;
    }
    size_t k = 0;
    for (size_t j = 0; j < it; j++)
      mn->map[j] = cnt[j] >= mn->minc ? (uint32_t)k++ : KW_NA_ID;
    if (k == 0) continue;
    /* the conditional tree, at depth d + 1, from the copied paths */
    fp_tree *ct = &mn->trees[d + 1];
    if ((st = tree_reset(ctx, ct, k, nb - np + 1))) return st;
    for (size_t j = 0; j < it; j++) {
      if (mn->map[j] == KW_NA_ID) continue;
      ct->id[mn->map[j]] = t->id[j];
      ct->count[mn->map[j]] = cnt[j];
    }
    const uint32_t *b = mn->base;
    for (size_t q = 0; q < np; q++) {
      size_t len = 0;
      for (; *b != KW_NA_ID; b++) {
        uint32_t li = mn->map[*b];
        if (li != KW_NA_ID) mn->path[len++] = li;
      }
      b++;
      if (len == 0) continue;
      for (size_t x = 0, y = len - 1; x < y; x++, y--) {
        uint32_t tmp = mn->path[x];
        mn->path[x] = mn->path[y];
        mn->path[y] = tmp;
      }
      if ((st = tree_insert(ctx, ct, mn->path, len, mn->weight[q])))
        return st;
    }
    if ((st = mine(mn, d + 1))) return st;
  }
  return KW_OK;
}

/* ------------------------------------------------------------ hashing */

static uint64_t item_hash(uint32_t x) {
  uint64_t z = (uint64_t)x + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Order-free hash of a set: the sum of mixed ids. */
static uint64_t set_hash(const uint32_t *a, size_t n) {
  uint64_t h = 0x51ED270B27A1F00Dull + (uint64_t)n;
  for (size_t i = 0; i < n; i++) h += item_hash(a[i]);
  return h;
}

size_t kw_fp_find(const kw_itemsets *s, const uint32_t *a, size_t n) {
  if (n == 0 || n > s->longest) return SIZE_MAX;
  size_t mask = s->nslots - 1;
  uint64_t h = set_hash(a, n);
  size_t j = (size_t)(h ^ (h >> 29)) & mask;
  for (;;) {
    uint32_t k = s->slots[j];
    if (k == KW_NA_ID) return SIZE_MAX;
    size_t lo = s->all_off[k], hi = s->all_off[k + 1];
    if (hi - lo == n &&
        memcmp(s->all_items + lo, a, n * sizeof *a) == 0)
      return k;
    j = (j + 1) & mask;
  }
}

/* ------------------------------------------------------------ public */

void kw_itemset_options_init(kw_itemset_options *o) {
  memset(o, 0, sizeof *o);
  o->support = 0.1;
  o->min_len = 1;
  o->max_len = 10;
  o->kind = KW_ITEMSETS_ALL;
}

void kw_itemsets_free(kw_itemsets *s) {
  if (!s) return;
  kw_context *ctx = s->ctx;
  if (s->v.offsets != s->all_off) kw_free(ctx, (void *)s->v.offsets);
  if (s->v.items != s->all_items) kw_free(ctx, (void *)s->v.items);
  if (s->v.count != s->all_count) kw_free(ctx, (void *)s->v.count);
  kw_free(ctx, s->all_off);
  kw_free(ctx, s->all_items);
  kw_free(ctx, s->all_count);
  kw_free(ctx, s->item_count);
  kw_free(ctx, s->slots);
  kw_free(ctx, s);
}

const kw_itemset_view *kw_itemsets_view(const kw_itemsets *s) {
  return s ? &s->v : NULL;
}

uint32_t kw_itemsets_count(const kw_itemsets *s, const uint32_t *items,
                           size_t n) {
  if (!s) return 0;
  /* distinct items, in place of a sort: O(n^2) but n is tiny */
  size_t u = 0;
  uint64_t h = 0;
  for (size_t i = 0; i < n; i++) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++) seen = items[j] == items[i];
    if (seen) continue;
    if (items[i] >= s->v.n_items) return 0;
    u++;
    h += item_hash(items[i]);
  }
  if (u == 0) return (uint32_t)s->v.n_baskets;
  if (u > s->longest) return 0;
  if (u == 1) {
    uint32_t c = s->item_count[items[0]];
    return c >= s->v.min_count ? c : 0;
  }
  h += 0x51ED270B27A1F00Dull + (uint64_t)u;
  size_t mask = s->nslots - 1;
  size_t j = (size_t)(h ^ (h >> 29)) & mask;
  for (;;) {
    uint32_t k = s->slots[j];
    if (k == KW_NA_ID) return 0;
    size_t lo = s->all_off[k], hi = s->all_off[k + 1];
    if (hi - lo == u) {
      bool all = true;
      for (size_t i = 0; i < n && all; i++) {
        /* binary search in the sorted candidate */
        size_t a = lo, b = hi;
        while (a < b) {
          size_t mid = a + (b - a) / 2;
          if (s->all_items[mid] < items[i])
            a = mid + 1;
          else
            b = mid;
        }
        all = a < hi && s->all_items[a] == items[i];
      }
      if (all) return s->all_count[k];
    }
    j = (j + 1) & mask;
  }
}

/* ceil(N x support) with a relative tolerance, at least 1. */
static uint64_t count_threshold(size_t n, double support) {
  double x = (double)n * support;
  double c = ceil(x - 1e-9 * (x > 1 ? x : 1));
  if (c < 1) c = 1;
  return (uint64_t)c;
}

typedef struct rank_ctx {
  const uint32_t *count;
} rank_ctx;

static int cmp_rank(const void *user, size_t a, size_t b) {
  const rank_ctx *r = user;
  if (r->count[a] != r->count[b]) return r->count[a] > r->count[b] ? -1 : 1;
  return (a > b) - (a < b);
}

static kw_status build_tree0(fp_miner *mn, const kw_basket_view *bv,
                             size_t *ranked, size_t m) {
  kw_context *ctx = mn->ctx;
  size_t n_items = bv->n_items;
  uint32_t *rank = kw_malloc(ctx, (n_items ? n_items : 1) * sizeof *rank);
  if (!rank) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < n_items; i++) rank[i] = KW_NA_ID;
  size_t occ = 0;
  for (size_t r = 0; r < m; r++) {
    rank[ranked[r]] = (uint32_t)r;
    occ += bv->item_count[ranked[r]];
  }
  fp_tree *t = &mn->trees[0];
  kw_status st = tree_reset(ctx, t, m, occ / 2 + 1);
  if (st) goto out;
  for (size_t r = 0; r < m; r++) {
    t->id[r] = (uint32_t)ranked[r];
    t->count[r] = bv->item_count[ranked[r]];
  }
  for (size_t b = 0; b < bv->n_baskets; b++) {
    size_t len = 0;
    for (size_t k = bv->offsets[b]; k < bv->offsets[b + 1]; k++) {
      uint32_t r = rank[bv->items[k]];
      if (r != KW_NA_ID) mn->path[len++] = r;
    }
    if (len == 0) continue;
    kw_sort_u32(mn->path, len);
    if ((st = tree_insert(ctx, t, mn->path, len, 1))) goto out;
  }
out:
  kw_free(ctx, rank);
  return st;
}

static void miner_free(fp_miner *mn) {
  kw_context *ctx = mn->ctx;
  if (mn->trees)
    for (size_t d = 0; d < mn->n_trees; d++) tree_free(ctx, &mn->trees[d]);
  kw_free(ctx, mn->trees);
  kw_free(ctx, mn->cnt);
  kw_free(ctx, mn->map);
  kw_free(ctx, mn->path);
  kw_free(ctx, mn->prefix);
  kw_free(ctx, mn->base);
  kw_free(ctx, mn->weight);
  kw_buf_free(ctx, &mn->items);
  kw_buf_free(ctx, &mn->offsets);
  kw_buf_free(ctx, &mn->counts);
}

/*
 * Sort the mined itemsets by length, then items, into s->all_*. Itemsets
 * of one length k are copied out as dense (k items, count) tuples and put
 * in order by an LSD radix sort, one stable counting sort per item
 * position from the last to the first, with the frequent items as buckets
 * (numbered in id order): sequential passes instead of comparisons that
 * chase offsets.
 */
static kw_status take_sorted(fp_miner *mn, kw_itemsets *s, size_t n_items,
                             uint32_t minc, const uint32_t *item_count) {
  kw_context *ctx = mn->ctx;
  size_t n = mn->counts.len;
  const size_t *off = mn->offsets.data;
  const uint32_t *items = mn->items.data;
  const uint32_t *cnt = mn->counts.data;
  size_t total = mn->items.len;
  kw_status st = KW_OK;
  size_t longest = 0;
  for (size_t i = 0; i < n; i++)
    if (off[i + 1] - off[i] > longest) longest = off[i + 1] - off[i];
  size_t *n_len = kw_calloc(ctx, longest + 2, sizeof *n_len);
  size_t *idx = kw_malloc(ctx, (n ? n : 1) * sizeof *idx);
  uint32_t *bucket = kw_malloc(ctx, (n_items ? n_items : 1) * sizeof *bucket);
  size_t *start = NULL;
  uint32_t *src = NULL, *dst = NULL;
  s->all_off = kw_malloc(ctx, (n + 1) * sizeof *s->all_off);
  s->all_items = kw_malloc(ctx, (total ? total : 1) * sizeof *s->all_items);
  s->all_count = kw_malloc(ctx, (n ? n : 1) * sizeof *s->all_count);
  if (!n_len || !idx || !bucket || !s->all_off || !s->all_items ||
      !s->all_count) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  /* buckets: the frequent items in id order */
  size_t m = 0;
  for (size_t i = 0; i < n_items; i++)
    bucket[i] = item_count[i] >= minc ? (uint32_t)m++ : KW_NA_ID;
  start = kw_malloc(ctx, (m + 1) * sizeof *start);
  /* group itemset numbers by length (stable counting sort) */
  for (size_t i = 0; i < n; i++) n_len[off[i + 1] - off[i] + 1]++;
  size_t widest = 0; /* largest (length + 1) x count of one class */
  for (size_t k = 1; k <= longest; k++)
    if ((k + 1) * n_len[k + 1] > widest) widest = (k + 1) * n_len[k + 1];
  for (size_t k = 0; k <= longest; k++) n_len[k + 1] += n_len[k];
  src = kw_malloc(ctx, (widest ? widest : 1) * sizeof *src);
  dst = kw_malloc(ctx, (widest ? widest : 1) * sizeof *dst);
  if (!start || !src || !dst) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  for (size_t i = 0; i < n; i++) idx[n_len[off[i + 1] - off[i]]++] = i;
  /* now n_len[k] is the end of class k; class k starts at n_len[k-1] */
  size_t w = 0, out_i = 0, begin = 0;
  s->all_off[0] = 0;
  for (size_t k = 1; k <= longest; k++) {
    size_t end = n_len[k], nk = end - begin, rw = k + 1;
    for (size_t q = 0; q < nk; q++) {
      size_t i = idx[begin + q];
      memcpy(src + q * rw, items + off[i], k * sizeof *src);
      src[q * rw + k] = cnt[i];
    }
    for (size_t p = k; p-- > 0;) {
      memset(start, 0, (m + 1) * sizeof *start);
      for (size_t q = 0; q < nk; q++) start[bucket[src[q * rw + p]] + 1]++;
      for (size_t j = 0; j < m; j++) start[j + 1] += start[j];
      for (size_t q = 0; q < nk; q++) {
        size_t to = start[bucket[src[q * rw + p]]]++;
        memcpy(dst + to * rw, src + q * rw, rw * sizeof *src);
      }
      uint32_t *t = src;
      src = dst;
      dst = t;
    }
    for (size_t q = 0; q < nk; q++) {
      memcpy(s->all_items + w, src + q * rw, k * sizeof *src);
      w += k;
      s->all_count[out_i] = src[q * rw + k];
      s->all_off[++out_i] = w;
    }
    begin = end;
  }
  s->n_all = n;
  s->longest = longest;
out:
  kw_free(ctx, n_len);
  kw_free(ctx, idx);
  kw_free(ctx, bucket);
  kw_free(ctx, start);
  kw_free(ctx, src);
  kw_free(ctx, dst);
  return st;
}

static kw_status build_hash(kw_context *ctx, kw_itemsets *s) {
  size_t ns = 16;
  while (ns < 2 * s->n_all + 2) ns *= 2;
  s->slots = kw_malloc(ctx, ns * sizeof *s->slots);
  if (!s->slots) return kw_fail_nomem(ctx);
  s->nslots = ns;
  for (size_t j = 0; j < ns; j++) s->slots[j] = KW_NA_ID;
  for (size_t i = 0; i < s->n_all; i++) {
    const uint32_t *a = s->all_items + s->all_off[i];
    size_t n = s->all_off[i + 1] - s->all_off[i];
    uint64_t h = set_hash(a, n);
    size_t j = (size_t)(h ^ (h >> 29)) & (ns - 1);
    while (s->slots[j] != KW_NA_ID) j = (j + 1) & (ns - 1);
    s->slots[j] = (uint32_t)i;
  }
  return KW_OK;
}

/* Select the reported itemsets into the view. */
static kw_status select_view(kw_context *ctx, kw_itemsets *s,
                             const kw_itemset_options *o) {
  uint8_t *flag = NULL; /* bit 0: not closed, bit 1: not maximal */
  uint32_t *sub = NULL;
  if (o->kind != KW_ITEMSETS_ALL) {
    flag = kw_calloc(ctx, s->n_all ? s->n_all : 1, 1);
    sub = kw_malloc(ctx, (s->longest ? s->longest : 1) * sizeof *sub);
    if (!flag || !sub) {
      kw_free(ctx, flag);
      kw_free(ctx, sub);
      return kw_fail_nomem(ctx);
    }
    for (size_t i = 0; i < s->n_all; i++) {
      const uint32_t *z = s->all_items + s->all_off[i];
      size_t len = s->all_off[i + 1] - s->all_off[i];
      if (len < 2) continue;
      for (size_t j = 0; j < len; j++) {
        size_t w = 0;
        for (size_t q = 0; q < len; q++)
          if (q != j) sub[w++] = z[q];
        size_t k = kw_fp_find(s, sub, len - 1);
        if (k == SIZE_MAX) continue; /* cannot happen: subsets are frequent */
        flag[k] |= 2;
        if (s->all_count[k] == s->all_count[i]) flag[k] |= 1;
      }
    }
    kw_free(ctx, sub);
  }
  size_t n = 0, total = 0;
  for (size_t i = 0; i < s->n_all; i++) {
    size_t len = s->all_off[i + 1] - s->all_off[i];
    bool keep = len >= o->min_len;
    if (flag && o->kind == KW_ITEMSETS_CLOSED) keep = keep && !(flag[i] & 1);
    if (flag && o->kind == KW_ITEMSETS_MAXIMAL) keep = keep && !(flag[i] & 2);
    if (keep) {
      n++;
      total += len;
    }
  }
  s->v.n = n;
  if (n == s->n_all) {
    s->v.offsets = s->all_off;
    s->v.items = s->all_items;
    s->v.count = s->all_count;
    kw_free(ctx, flag);
    return KW_OK;
  }
  size_t *off = kw_malloc(ctx, (n + 1) * sizeof *off);
  uint32_t *items = kw_malloc(ctx, (total ? total : 1) * sizeof *items);
  uint32_t *cnt = kw_malloc(ctx, (n ? n : 1) * sizeof *cnt);
  if (!off || !items || !cnt) {
    kw_free(ctx, off);
    kw_free(ctx, items);
    kw_free(ctx, cnt);
    kw_free(ctx, flag);
    return kw_fail_nomem(ctx);
  }
  size_t w = 0, k = 0;
  off[0] = 0;
  for (size_t i = 0; i < s->n_all; i++) {
    size_t len = s->all_off[i + 1] - s->all_off[i];
    bool keep = len >= o->min_len;
    if (flag && o->kind == KW_ITEMSETS_CLOSED) keep = keep && !(flag[i] & 1);
    if (flag && o->kind == KW_ITEMSETS_MAXIMAL) keep = keep && !(flag[i] & 2);
    if (!keep) continue;
    memcpy(items + w, s->all_items + s->all_off[i], len * sizeof *items);
    w += len;
    off[k + 1] = w;
    cnt[k] = s->all_count[i];
    k++;
  }
  s->v.offsets = off;
  s->v.items = items;
  s->v.count = cnt;
  kw_free(ctx, flag);
  return KW_OK;
}

kw_status kw_itemsets_mine(kw_context *ctx, const kw_baskets *b,
                           const kw_itemset_options *opt, kw_itemsets **out) {
  *out = NULL;
  kw_itemset_options o;
  if (opt)
    o = *opt;
  else
    kw_itemset_options_init(&o);
  if (!b) return kw_fail(ctx, KW_EARG, "no baskets");
  const kw_basket_view *bv = &b->v;
  if (o.min_len < 1) o.min_len = 1;
  if (o.max_len && o.min_len > o.max_len)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.itemset_len",
                       "minimum itemset length {min} exceeds the maximum {max}",
                       "min", KW_NUM_U(o.min_len), "max", KW_NUM_U(o.max_len),
                       NULL);
  uint64_t minc = o.min_count;
  if (minc == 0) {
    if (!(o.support > 0 && o.support <= 1))
      return kw_fail_tpl(ctx, KW_EARG, "model.e.itemset_support",
                         "support must be a fraction in (0, 1], not {v}", "v",
                         KW_NUM_G(o.support), NULL);
    minc = count_threshold(bv->n_baskets, o.support);
  }
  if (bv->n_baskets >= UINT32_MAX)
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.basket_too_many",
                       "too many baskets", NULL);
  if (minc > UINT32_MAX) minc = UINT32_MAX;

  kw_itemsets *s = kw_calloc(ctx, 1, sizeof *s);
  if (!s) return kw_fail_nomem(ctx);
  s->ctx = ctx;
  s->v.n_baskets = bv->n_baskets;
  s->v.n_items = bv->n_items;
  s->v.min_count = (uint32_t)minc;
  s->v.min_len = o.min_len;
  s->v.max_len = o.max_len;
  s->v.kind = o.kind;

  fp_miner mn;
  memset(&mn, 0, sizeof mn);
  mn.ctx = ctx;
  mn.minc = (uint32_t)minc;
  mn.max_len = o.max_len;
  mn.max_itemsets = o.max_itemsets;
  kw_buf_init(&mn.items, sizeof(uint32_t));
  kw_buf_init(&mn.offsets, sizeof(size_t));
  kw_buf_init(&mn.counts, sizeof(uint32_t));

  kw_status st = KW_OK;
  size_t n_items = bv->n_items;
  size_t *ranked = kw_malloc(ctx, (n_items ? n_items : 1) * sizeof *ranked);
  s->item_count = kw_malloc(ctx, (n_items ? n_items : 1) * sizeof(uint32_t));
  if (!ranked || !s->item_count) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  memcpy(s->item_count, bv->item_count, n_items * sizeof(uint32_t));
  size_t m = 0;
  for (size_t i = 0; i < n_items; i++)
    if (bv->item_count[i] >= minc) ranked[m++] = i;
  rank_ctx rc = {bv->item_count};
  if ((st = kw_sort_idx(ctx, ranked, m, cmp_rank, &rc))) goto done;

  size_t depth = m + 1;
  if (o.max_len && o.max_len < depth) depth = o.max_len;
  mn.n_trees = depth;
  mn.trees = kw_calloc(ctx, depth ? depth : 1, sizeof *mn.trees);
  size_t mm = m ? m : 1;
  mn.cnt = kw_malloc(ctx, mm * sizeof *mn.cnt);
  mn.map = kw_malloc(ctx, mm * sizeof *mn.map);
  mn.path = kw_malloc(ctx, mm * sizeof *mn.path);
  mn.prefix = kw_malloc(ctx, mm * sizeof *mn.prefix);
  if (!mn.trees || !mn.cnt || !mn.map || !mn.path || !mn.prefix) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  size_t zero = 0;
  if ((st = kw_buf_push(ctx, &mn.offsets, &zero))) goto done;
  if (m > 0) {
    if ((st = build_tree0(&mn, bv, ranked, m))) goto done;
    if ((st = mine(&mn, 0))) goto done;
  }
  /* the offsets buffer holds n + 1 entries; counts n */
  if ((st = take_sorted(&mn, s, n_items, (uint32_t)minc, bv->item_count)))
    goto done;
  if ((st = build_hash(ctx, s))) goto done;
  s->v.n_frequent = s->n_all;
  st = select_view(ctx, s, &o);
done:
  kw_free(ctx, ranked);
  miner_free(&mn);
  if (st) {
    kw_itemsets_free(s);
    return st;
  }
  *out = s;
  return KW_OK;
}
