/*
 * baskets.c — the basket set: a compact CSR layout (offsets + item ids) of
 * baskets of dense uint32 items, built from the transactions table or from
 * (basket, item) string pairs.
 *
 * Design. Every way in ends in kw_baskets_assemble(): a list of (basket,
 * item) pairs is counted per basket, scattered into one item array
 * (a counting sort, O(pairs)), then each basket's slice is sorted and made
 * distinct in place, and baskets left empty are squeezed out. There is no
 * per-basket or per-line allocation.
 *
 * From a table, a line's basket key is its invoice id, or (customer, day)
 * packed into 64 bits when there is no invoice column, or its customer in
 * by-customer mode; a small open-addressing map turns keys into basket
 * numbers in order of first appearance. Returns (negative quantity or
 * amount) add no item. Item ids are those of the item column's
 * dictionary, whose strings are copied so the basket set outlives the
 * dataset. Per item the average unit price and the margin fraction are
 * accumulated in the same pass (see klantwijs/basket.h for the formulas).
 *
 * The builder interns basket keys and item names with kw_dict and keeps the
 * pairs in two growable arrays; when finished it renumbers items in byte
 * order of their names, so that ties broken "by items" read alphabetically.
 */
#include "models/basket/basket_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ object */

kw_baskets *kw_baskets_alloc(kw_context *ctx) {
  kw_baskets *b = kw_calloc(ctx, 1, sizeof *b);
  if (!b) return NULL;
  b->ctx = ctx;
  return b;
}

void kw_baskets_free(kw_baskets *b) {
  if (!b) return;
  kw_context *ctx = b->ctx;
  kw_dict_free(ctx, b->names);
  kw_free(ctx, b->offsets);
  kw_free(ctx, b->items);
  kw_free(ctx, b->item_count);
  kw_free(ctx, b->customer);
  kw_free(ctx, b->price);
  kw_free(ctx, b->margin);
  kw_free(ctx, b->margin_known);
  kw_free(ctx, b);
}

const kw_basket_view *kw_baskets_view(const kw_baskets *b) {
  return b ? &b->v : NULL;
}

const char *kw_baskets_item_name(const kw_baskets *b, uint32_t item) {
  return b ? kw_dict_str(b->names, item) : "";
}

uint32_t kw_baskets_find_item(const kw_baskets *b, const char *name) {
  if (!b || !b->names || !name) return KW_NA_ID;
  return kw_dict_find(b->names, name, strlen(name));
}

void kw_basket_options_init(kw_basket_options *o) {
  memset(o, 0, sizeof *o);
  o->unit = KW_BASKET_BY_ORDER;
  o->level = KW_BASKET_PRODUCTS;
  o->as_of = KW_NA_DATE;
}

/* ------------------------------------------------------------ sorting */

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

void kw_sort_u32(uint32_t *a, size_t n) {
  if (n >= 24) {
    qsort(a, n, sizeof *a, cmp_u32);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    uint32_t x = a[i];
    size_t j = i;
    while (j > 0 && a[j - 1] > x) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = x;
  }
}

kw_status kw_sort_idx(kw_context *ctx, size_t *idx, size_t n, kw_idx_cmp cmp,
                      const void *user) {
  if (n < 2) return KW_OK;
  size_t *tmp = kw_malloc(ctx, n * sizeof *tmp);
  if (!tmp) return kw_fail_nomem(ctx);
  /* bottom-up: insertion-sort runs of 16, then merge runs pairwise */
  const size_t run = 16;
  for (size_t lo = 0; lo < n; lo += run) {
    size_t hi = lo + run < n ? lo + run : n;
    for (size_t i = lo + 1; i < hi; i++) {
      size_t x = idx[i], j = i;
      while (j > lo && cmp(user, idx[j - 1], x) > 0) {
        idx[j] = idx[j - 1];
        j--;
      }
      idx[j] = x;
    }
  }
  size_t *src = idx, *dst = tmp;
  for (size_t w = run; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        dst[k++] = cmp(user, src[j], src[i]) < 0 ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    size_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != idx) memcpy(idx, src, n * sizeof *idx);
  kw_free(ctx, tmp);
  return KW_OK;
}

/* ------------------------------------------------------------ assembly */

kw_status kw_baskets_assemble(kw_context *ctx, kw_baskets *b,
                              const uint32_t *pair_basket,
                              const uint32_t *pair_item, size_t n_pairs,
                              size_t n_baskets,
                              const uint32_t *basket_customer) {
  size_t n_items = b->v.n_items;
  size_t *off = kw_calloc(ctx, n_baskets + 1, sizeof *off);
  uint32_t *items = kw_malloc(ctx, (n_pairs ? n_pairs : 1) * sizeof *items);
  uint32_t *count = kw_calloc(ctx, n_items ? n_items : 1, sizeof *count);
  uint32_t *cust = NULL;
  if (basket_customer)
    cust = kw_malloc(ctx, (n_baskets ? n_baskets : 1) * sizeof *cust);
  if (!off || !items || !count || (basket_customer && !cust)) {
    kw_free(ctx, off);
    kw_free(ctx, items);
    kw_free(ctx, count);
    kw_free(ctx, cust);
    return kw_fail_nomem(ctx);
  }
  /* counting sort by basket: off[k+1] counts, then prefix sums */
  for (size_t i = 0; i < n_pairs; i++) off[pair_basket[i] + 1]++;
  for (size_t k = 0; k < n_baskets; k++) off[k + 1] += off[k];
  /* scatter, using off[k] as the fill cursor of basket k */
  for (size_t i = 0; i < n_pairs; i++) items[off[pair_basket[i]]++] = pair_item[i];
  /* now off[k] is the end of basket k; its start is off[k-1] (0 for k=0) */
  size_t w = 0, nb = 0, start = 0;
  for (size_t k = 0; k < n_baskets; k++) {
    size_t end = off[k];
    size_t len = end - start;
    if (len > 0) {
      uint32_t *s = items + start;
      kw_sort_u32(s, len);
      size_t basket_start = w;
      for (size_t i = 0; i < len; i++) {
        if (i > 0 && s[i] == s[i - 1]) continue;
        items[w++] = s[i];
        count[s[i]]++;
      }
      if (cust) cust[nb] = basket_customer[k];
      off[nb] = basket_start; /* nb <= k: never overwrites an unread end */
      nb++;
    }
    start = end;
  }
  if (nb == 0) {
    kw_free(ctx, off);
    kw_free(ctx, items);
    kw_free(ctx, count);
    kw_free(ctx, cust);
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.basket_no_item_any",
                       "no basket holds an item", NULL);
  }
  off[nb] = w;
  /* shrink to fit (failure to shrink is harmless) */
  size_t *off2 = kw_realloc(ctx, off, (nb + 1) * sizeof *off);
  if (off2) off = off2;
  uint32_t *items2 = kw_realloc(ctx, items, w * sizeof *items);
  if (items2) items = items2;
  if (cust) {
    uint32_t *c2 = kw_realloc(ctx, cust, nb * sizeof *cust);
    if (c2) cust = c2;
  }
  b->offsets = off;
  b->items = items;
  b->item_count = count;
  b->customer = cust;
  b->v.n_baskets = nb;
  b->v.offsets = off;
  b->v.items = items;
  b->v.item_count = count;
  b->v.customer = cust;
  return KW_OK;
}

/* ------------------------------------------------------------ builder */

struct kw_basket_builder {
  kw_context *ctx;
  kw_dict *keys;
  kw_dict *items;
  kw_buf pb;         /* uint32 basket of each pair */
  kw_buf pi;         /* uint32 item of each pair */
  size_t n_baskets;  /* highest basket number + 1 */
};

kw_status kw_basket_builder_new(kw_context *ctx, kw_basket_builder **out) {
  *out = NULL;
  kw_basket_builder *bb = kw_calloc(ctx, 1, sizeof *bb);
  if (!bb) return kw_fail_nomem(ctx);
  bb->ctx = ctx;
  bb->keys = kw_dict_new(ctx);
  bb->items = kw_dict_new(ctx);
  kw_buf_init(&bb->pb, sizeof(uint32_t));
  kw_buf_init(&bb->pi, sizeof(uint32_t));
  if (!bb->keys || !bb->items) {
    kw_basket_builder_free(bb);
    return kw_fail_nomem(ctx);
  }
  *out = bb;
  return KW_OK;
}

void kw_basket_builder_free(kw_basket_builder *bb) {
  if (!bb) return;
  kw_context *ctx = bb->ctx;
  kw_dict_free(ctx, bb->keys);
  kw_dict_free(ctx, bb->items);
  kw_buf_free(ctx, &bb->pb);
  kw_buf_free(ctx, &bb->pi);
  kw_free(ctx, bb);
}

kw_status kw_basket_builder_add_at(kw_basket_builder *bb, uint32_t basket,
                                   const char *item, size_t len) {
  if (len == 0) return KW_OK;
  kw_context *ctx = bb->ctx;
  if (basket == KW_NA_ID)
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.basket_too_many",
                       "too many baskets", NULL);
  uint32_t id;
  kw_status st = kw_dict_intern(ctx, bb->items, item, len, &id, NULL);
  if (st) return st;
  /* reserve both first so the two arrays never differ in length */
  if (bb->pb.len == bb->pb.cap) {
    size_t cap = bb->pb.cap ? bb->pb.cap * 2 : 1024;
    if ((st = kw_buf_reserve(ctx, &bb->pb, cap))) return st;
    if ((st = kw_buf_reserve(ctx, &bb->pi, cap))) return st;
  }
  ((uint32_t *)bb->pb.data)[bb->pb.len++] = basket;
  ((uint32_t *)bb->pi.data)[bb->pi.len++] = id;
  if ((size_t)basket + 1 > bb->n_baskets) bb->n_baskets = (size_t)basket + 1;
  return KW_OK;
}

kw_status kw_basket_builder_add(kw_basket_builder *bb, const char *key,
                                size_t key_len, const char *item,
                                size_t item_len) {
  if (item_len == 0) return KW_OK;
  uint32_t basket;
  kw_status st =
      kw_dict_intern(bb->ctx, bb->keys, key, key_len, &basket, NULL);
  if (st) return st;
  return kw_basket_builder_add_at(bb, basket, item, item_len);
}

static int cmp_names(const void *user, size_t a, size_t b) {
  const kw_dict *d = user;
  size_t la = kw_dict_len(d, (uint32_t)a), lb = kw_dict_len(d, (uint32_t)b);
  int c = memcmp(kw_dict_str(d, (uint32_t)a), kw_dict_str(d, (uint32_t)b),
                 la < lb ? la : lb);
  if (c) return c;
  return (la > lb) - (la < lb);
}

kw_status kw_basket_builder_finish(kw_basket_builder *bb, kw_baskets **out) {
  *out = NULL;
  kw_context *ctx = bb->ctx;
  size_t m = kw_dict_size(bb->items);
  size_t np = bb->pi.len;
  if (np == 0)
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.basket_no_item_any",
                       "no basket holds an item", NULL);
  kw_status st = KW_OK;
  size_t *order = kw_malloc(ctx, m * sizeof *order);
  uint32_t *remap = kw_malloc(ctx, m * sizeof *remap);
  uint32_t *items = kw_malloc(ctx, np * sizeof *items);
  kw_baskets *b = kw_baskets_alloc(ctx);
  if (!order || !remap || !items || !b) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < m; i++) order[i] = i;
  if ((st = kw_sort_idx(ctx, order, m, cmp_names, bb->items))) goto done;
  b->names = kw_dict_new(ctx);
  if (!b->names) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t r = 0; r < m; r++) {
    uint32_t old = (uint32_t)order[r], id;
    st = kw_dict_intern(ctx, b->names, kw_dict_str(bb->items, old),
                        kw_dict_len(bb->items, old), &id, NULL);
    if (st) goto done;
    remap[old] = id;
  }
  const uint32_t *pi = bb->pi.data;
  for (size_t i = 0; i < np; i++) items[i] = remap[pi[i]];
  b->v.n_items = m;
  st = kw_baskets_assemble(ctx, b, bb->pb.data, items, np, bb->n_baskets,
                           NULL);
done:
  kw_free(ctx, order);
  kw_free(ctx, remap);
  kw_free(ctx, items);
  if (st) {
    kw_baskets_free(b);
    return st;
  }
  b->v.unit = KW_BASKET_BY_ORDER;
  b->v.level = KW_BASKET_PRODUCTS;
  *out = b;
  return KW_OK;
}

/* ------------------------------------------------------------ from a table */

/* A map from 64-bit keys to basket numbers (open addressing, linear
 * probing, load below 1/2). */
typedef struct key_map {
  uint64_t *key;
  uint32_t *val; /* KW_NA_ID = empty */
  size_t cap, n;
} key_map;

static uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

static kw_status key_map_init(kw_context *ctx, key_map *m, size_t cap) {
  m->cap = cap;
  m->n = 0;
  m->key = kw_malloc(ctx, cap * sizeof *m->key);
  m->val = kw_malloc(ctx, cap * sizeof *m->val);
  if (!m->key || !m->val) return kw_fail_nomem(ctx);
  for (size_t i = 0; i < cap; i++) m->val[i] = KW_NA_ID;
  return KW_OK;
}

static void key_map_free(kw_context *ctx, key_map *m) {
  kw_free(ctx, m->key);
  kw_free(ctx, m->val);
}

static kw_status key_map_grow(kw_context *ctx, key_map *m) {
  key_map g;
  kw_status st = key_map_init(ctx, &g, m->cap * 2);
  if (st) {
    key_map_free(ctx, &g);
    return st;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (m->val[i] == KW_NA_ID) continue;
    size_t j = (size_t)mix64(m->key[i]) & (g.cap - 1);
    while (g.val[j] != KW_NA_ID) j = (j + 1) & (g.cap - 1);
    g.key[j] = m->key[i];
    g.val[j] = m->val[i];
  }
  g.n = m->n;
  key_map_free(ctx, m);
  *m = g;
  return KW_OK;
}

/* The basket number of key; a new one (m->n before the call) when absent. */
static kw_status key_map_get(kw_context *ctx, key_map *m, uint64_t key,
                             uint32_t *val, bool *added) {
  size_t j = (size_t)mix64(key) & (m->cap - 1);
  while (m->val[j] != KW_NA_ID) {
    if (m->key[j] == key) {
      *val = m->val[j];
      *added = false;
      return KW_OK;
    }
    j = (j + 1) & (m->cap - 1);
  }
  if (m->n >= (size_t)KW_NA_ID - 1)
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.basket_too_many",
                       "too many baskets", NULL);
  m->key[j] = key;
  m->val[j] = (uint32_t)m->n;
  *val = (uint32_t)m->n++;
  *added = true;
  if (m->n * 2 > m->cap) return key_map_grow(ctx, m);
  return KW_OK;
}

static const kw_column *text_col(const kw_table *t, kw_role r) {
  const kw_column *c = kw_table_role(t, r);
  return c && c->type == KW_TYPE_TEXT ? c : NULL;
}

static const kw_column *typed_col(const kw_table *t, kw_role r, kw_type ty) {
  const kw_column *c = kw_table_role(t, r);
  return c && c->type == ty ? c : NULL;
}

/* Per-item sums for price and margin, in cents. */
typedef struct item_sums {
  double *amount; /* sum of line amounts L */
  double *units;  /* sum of line units U */
  double *m_amount; /* sum of L over lines whose cost or margin is known */
  double *m_value;  /* sum of the margins of those lines */
} item_sums;

static kw_status copy_dict(kw_context *ctx, const kw_dict *src,
                           kw_dict **out) {
  kw_dict *d = kw_dict_new(ctx);
  if (!d) return kw_fail_nomem(ctx);
  size_t n = kw_dict_size(src);
  for (size_t i = 0; i < n; i++) {
    uint32_t id;
    kw_status st = kw_dict_intern(ctx, d, kw_dict_str(src, (uint32_t)i),
                                  kw_dict_len(src, (uint32_t)i), &id, NULL);
    if (st || id != (uint32_t)i) {
      kw_dict_free(ctx, d);
      return st ? st : kw_fail(ctx, KW_EINPUT, "item names repeat");
    }
  }
  *out = d;
  return KW_OK;
}

kw_status kw_baskets_from_table(kw_context *ctx, const kw_table *t,
                                const kw_basket_options *opt,
                                kw_baskets **out) {
  *out = NULL;
  kw_basket_options defaults;
  if (!opt) {
    kw_basket_options_init(&defaults);
    opt = &defaults;
  }
  if (!t) return kw_fail(ctx, KW_EARG, "no transactions table");
  bool cat = opt->level == KW_BASKET_CATEGORIES;
  const kw_column *item_c =
      text_col(t, cat ? KW_ROLE_CATEGORY : KW_ROLE_PRODUCT);
  if (!item_c)
    return cat ? kw_fail_tpl(ctx, KW_EMISSING, "model.e.basket_no_category",
                             "the transactions have no category column", NULL)
               : kw_fail_tpl(ctx, KW_EMISSING, "model.e.basket_no_product",
                             "the transactions have no product column", NULL);
  const kw_column *inv_c = text_col(t, KW_ROLE_INVOICE);
  const kw_column *cust_c = text_col(t, KW_ROLE_CUSTOMER);
  const kw_column *date_c = typed_col(t, KW_ROLE_DATE, KW_TYPE_DATE);
  const kw_column *qty_c = typed_col(t, KW_ROLE_QUANTITY, KW_TYPE_NUMBER);
  const kw_column *amt_c = typed_col(t, KW_ROLE_AMOUNT, KW_TYPE_MONEY);
  const kw_column *up_c = typed_col(t, KW_ROLE_UNIT_PRICE, KW_TYPE_MONEY);
  const kw_column *cost_c = typed_col(t, KW_ROLE_COST, KW_TYPE_MONEY);
  const kw_column *marg_c = typed_col(t, KW_ROLE_MARGIN, KW_TYPE_MONEY);
  bool by_cust = opt->unit == KW_BASKET_BY_CUSTOMER;
  bool by_inv = !by_cust && inv_c;
  if (!by_inv && !cust_c)
    return by_cust
               ? kw_fail_tpl(ctx, KW_EMISSING, "model.e.basket_no_customer",
                             "the transactions have no customer column", NULL)
               : kw_fail_tpl(ctx, KW_EMISSING,
                             "model.e.basket_no_customer_invoice",
                             "the transactions have no customer column and "
                             "no invoice column",
                             NULL);
  if (!by_cust && !by_inv && !date_c)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.basket_no_orders",
                       "the transactions have no date column and no invoice "
                       "column to make orders",
                       NULL);
  if (opt->as_of != KW_NA_DATE && !date_c)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.basket_no_date",
                       "the transactions have no date column for as_of", NULL);

  size_t rows = kw_table_rows(t);
  size_t n_items = kw_dict_size(item_c->dict);
  bool priced = amt_c || up_c;
  bool margined = priced && (marg_c || cost_c);
  kw_status st = KW_OK;
  key_map map = {0};
  uint32_t *dense = NULL;
  uint32_t *pb = kw_malloc(ctx, (rows ? rows : 1) * sizeof *pb);
  uint32_t *pi = kw_malloc(ctx, (rows ? rows : 1) * sizeof *pi);
  kw_buf bcust;
  kw_buf_init(&bcust, sizeof(uint32_t));
  item_sums sums = {0};
  kw_baskets *b = kw_baskets_alloc(ctx);
  if (!pb || !pi || !b) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = key_map_init(ctx, &map, 1024))) goto done;
  /* by customer or by invoice, the key is an id of the column's dictionary:
     a direct table gives the same basket numbers (first seen, first
     numbered) as the hash map, without its scattered probes */
  const kw_column *key_c = by_inv ? inv_c : by_cust ? cust_c : NULL;
  size_t n_keys = key_c ? kw_dict_size(key_c->dict) : 0;
  if (key_c && n_keys > 0 && n_keys < (size_t)KW_NA_ID) {
    dense = kw_malloc(ctx, n_keys * sizeof *dense);
    if (!dense) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    memset(dense, 0xFF, n_keys * sizeof *dense); /* KW_NA_ID */
  }
  if (priced) {
    size_t k = n_items ? n_items : 1;
    sums.amount = kw_calloc(ctx, k, sizeof(double));
    sums.units = kw_calloc(ctx, k, sizeof(double));
    sums.m_amount = kw_calloc(ctx, k, sizeof(double));
    sums.m_value = kw_calloc(ctx, k, sizeof(double));
    if (!sums.amount || !sums.units || !sums.m_amount || !sums.m_value) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
  }

  kw_basket_view *v = &b->v;
  v->lines_read = rows;
  size_t np = 0;
  for (size_t r = 0; r < rows; r++) {
    int32_t day = date_c ? date_c->v.date[r] : KW_NA_DATE;
    if (opt->as_of != KW_NA_DATE && day != KW_NA_DATE && day > opt->as_of) {
      v->lines_after++;
      continue;
    }
    double q = qty_c ? qty_c->v.number[r] : NAN;
    int64_t a = amt_c ? amt_c->v.money[r] : KW_NA_MONEY;
    if ((q < 0) || (a != KW_NA_MONEY && a < 0)) {
      v->lines_return++;
      continue;
    }
    uint32_t item = item_c->v.text[r];
    uint32_t cu = cust_c ? cust_c->v.text[r] : KW_NA_ID;
    uint64_t key;
    if (by_inv) {
      uint32_t inv = inv_c->v.text[r];
      key = inv;
      if (inv == KW_NA_ID) item = KW_NA_ID;
    } else if (by_cust) {
      key = cu;
      if (cu == KW_NA_ID) item = KW_NA_ID;
    } else {
      key = ((uint64_t)cu << 32) | (uint32_t)day;
      if (cu == KW_NA_ID) item = KW_NA_ID;
    }
    if (item == KW_NA_ID || item >= n_items) {
      v->lines_no_item++;
      continue;
    }
    uint32_t basket = 0;
    bool added = false;
    if (dense && key < n_keys) { /* a dictionary id: its slot, no hash */
      basket = dense[key];
      if (basket == KW_NA_ID) {
        basket = dense[key] = (uint32_t)map.n++;
        added = true;
      }
    } else if ((st = key_map_get(ctx, &map, key, &basket, &added))) {
      goto done;
    }
    if (added && (st = kw_buf_push(ctx, &bcust, &cu))) goto done;
    pb[np] = basket;
    pi[np] = item;
    np++;
    if (priced) {
      /* line amount L and units U (see the header) */
      double L = NAN, U = (q == q && q > 0) ? q : 1.0;
      if (a != KW_NA_MONEY)
        L = (double)a;
      else if (up_c && up_c->v.money[r] != KW_NA_MONEY)
        L = (double)up_c->v.money[r] * U;
      if (L == L) {
        sums.amount[item] += L;
        sums.units[item] += U;
        /* the line's margin: L - cost, else the margin column (the same
         * precedence as kw_summary_build) */
        int64_t cv = cost_c ? cost_c->v.money[r] : KW_NA_MONEY;
        int64_t mv = marg_c ? marg_c->v.money[r] : KW_NA_MONEY;
        if (cv != KW_NA_MONEY || mv != KW_NA_MONEY) {
          sums.m_amount[item] += L;
          sums.m_value[item] += cv != KW_NA_MONEY ? L - (double)cv
                                                  : (double)mv;
        }
      }
    }
  }
  v->lines_used = np;
  if (np == 0) {
    st = (cat ? kw_fail_tpl(ctx, KW_EEMPTY, "model.e.basket_no_category_line",
                            "no transaction line names a category", NULL)
              : kw_fail_tpl(ctx, KW_EEMPTY, "model.e.basket_no_product_line",
                            "no transaction line names a product", NULL));
    goto done;
  }
  if ((st = copy_dict(ctx, item_c->dict, &b->names))) goto done;
  v->n_items = n_items;
  st = kw_baskets_assemble(ctx, b, pb, pi, np, map.n,
                           cust_c ? bcust.data : NULL);
  if (st) goto done;
  v->n_customers = cust_c ? kw_dict_size(cust_c->dict) : 0;
  v->unit = opt->unit;
  v->level = opt->level;
  if (priced) {
    size_t k = n_items ? n_items : 1;
    b->price = kw_calloc(ctx, k, sizeof *b->price);
    if (!b->price) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t i = 0; i < n_items; i++)
      b->price[i] =
          sums.units[i] > 0 ? sums.amount[i] / sums.units[i] / 100.0 : 0.0;
    v->item_price = b->price;
  }
  if (margined) {
    size_t k = n_items ? n_items : 1;
    b->margin = kw_calloc(ctx, k, sizeof *b->margin);
    b->margin_known = kw_calloc(ctx, k, sizeof *b->margin_known);
    if (!b->margin || !b->margin_known) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t i = 0; i < n_items; i++) {
      double base = sums.m_amount[i];
      if (!(base > 0)) continue;
      b->margin[i] = sums.m_value[i] / base;
      b->margin_known[i] = 1;
    }
    v->item_margin = b->margin;
    v->margin_known = b->margin_known;
  }
done:
  kw_free(ctx, pb);
  kw_free(ctx, pi);
  kw_free(ctx, dense);
  kw_buf_free(ctx, &bcust);
  key_map_free(ctx, &map);
  kw_free(ctx, sums.amount);
  kw_free(ctx, sums.units);
  kw_free(ctx, sums.m_amount);
  kw_free(ctx, sums.m_value);
  if (st) {
    kw_baskets_free(b);
    return st;
  }
  *out = b;
  return KW_OK;
}

/* ------------------------------------------------------------ groups */

kw_status kw_customer_groups_build(kw_context *ctx, const kw_baskets *b,
                                   kw_customer_groups *g) {
  memset(g, 0, sizeof *g);
  size_t nb = b->v.n_baskets;
  const uint32_t *cu = b->v.customer;
  if (!cu) {
    g->n = nb;
    g->n_cust = nb;
    g->cust = kw_malloc(ctx, (nb ? nb : 1) * sizeof *g->cust);
    g->off = kw_malloc(ctx, (nb + 1) * sizeof *g->off);
    g->order = kw_malloc(ctx, (nb ? nb : 1) * sizeof *g->order);
    if (!g->cust || !g->off || !g->order) {
      kw_customer_groups_free(ctx, g);
      return kw_fail_nomem(ctx);
    }
    for (size_t i = 0; i < nb; i++) {
      g->cust[i] = (uint32_t)i;
      g->off[i] = i;
      g->order[i] = i;
    }
    g->off[nb] = nb;
    return KW_OK;
  }
  size_t nc = b->v.n_customers;
  for (size_t i = 0; i < nb; i++)
    if (cu[i] != KW_NA_ID && (size_t)cu[i] + 1 > nc) nc = (size_t)cu[i] + 1;
  g->n_cust = nc;
  size_t *cnt = kw_calloc(ctx, nc + 1, sizeof *cnt);
  g->order = kw_malloc(ctx, (nb ? nb : 1) * sizeof *g->order);
  if (!cnt || !g->order) {
    kw_free(ctx, cnt);
    kw_customer_groups_free(ctx, g);
    return kw_fail_nomem(ctx);
  }
  size_t ng = 0, placed = 0;
  for (size_t i = 0; i < nb; i++)
    if (cu[i] != KW_NA_ID && cnt[cu[i] + 1]++ == 0) ng++;
  for (size_t c = 0; c < nc; c++) cnt[c + 1] += cnt[c];
  g->cust = kw_malloc(ctx, (ng ? ng : 1) * sizeof *g->cust);
  g->off = kw_malloc(ctx, (ng + 1) * sizeof *g->off);
  if (!g->cust || !g->off) {
    kw_free(ctx, cnt);
    kw_customer_groups_free(ctx, g);
    return kw_fail_nomem(ctx);
  }
  size_t k = 0;
  for (size_t c = 0; c < nc; c++) {
    if (cnt[c + 1] == cnt[c]) continue;
    g->cust[k] = (uint32_t)c;
    g->off[k] = cnt[c];
    k++;
  }
  for (size_t i = 0; i < nb; i++) {
    if (cu[i] == KW_NA_ID) continue;
    g->order[cnt[cu[i]]++] = i; /* stable: baskets in their own order */
    placed++;
  }
  g->off[ng] = placed;
  g->n = ng;
  kw_free(ctx, cnt);
  return KW_OK;
}

void kw_customer_groups_free(kw_context *ctx, kw_customer_groups *g) {
  kw_free(ctx, g->cust);
  kw_free(ctx, g->off);
  kw_free(ctx, g->order);
  memset(g, 0, sizeof *g);
}
