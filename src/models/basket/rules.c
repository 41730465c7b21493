/*
 * rules.c — association rules X => Y from frequent itemsets (Agrawal,
 * Imielinski & Swami 1993; Agrawal & Srikant 1994), with the interest
 * measures of arules (Hahsler, Grün & Hornik 2005).
 *
 * Generation. Every subset of a frequent itemset is frequent, so for a
 * frequent Z each split Z = X u Y has n(X) and n(Y) in the itemset index
 * (single items in a plain array). For each Z of at least two items and
 * each consequent Y of 1..max_consequent of its items (combinations in
 * lexicographic order of positions), X = Z \ Y; the rule is kept when
 * confidence and lift reach their thresholds and both sides pass their item
 * filters. Counts are integers, so the measures are computed from them:
 *
 *   supp(Z)    = n(Z) / N
 *   confidence = n(Z) / n(X)
 *   lift       = confidence / supp(Y) = n(Z) N / (n(X) n(Y))
 *   leverage   = n(Z)/N - n(X) n(Y) / N^2          (Piatetsky-Shapiro 1991)
 *   conviction = (1 - supp(Y)) / (1 - confidence)  (Brin et al. 1997)
 *              = (N - n(Y)) n(X) / (N (n(X) - n(Z)))
 *
 * Conviction is +INFINITY (with conviction_inf set) when n(Z) = n(X), i.e.
 * confidence 1, unless n(Y) = N: then both parts are 0 and conviction is
 * 1, the value of independence, since Y holds everywhere whatever X.
 *
 * Sorting is a stable merge sort; ties on the measure are broken by X's
 * items (fewer first, then ascending ids), then Y's, so the order depends
 * on the data only. With a top_n only the best top_n rules are kept while
 * generating (a bounded heap), so asking for the 20 best of millions of
 * rules needs little memory.
 */
#include "models/basket/fpgrowth.h"

#include <math.h>
#include <string.h>
#include <strings.h>

struct kw_rules {
  kw_context *ctx;
  kw_rule_view v;
  kw_rule *rules;
  uint32_t *items;
};

static const char *const measure_names[] = {
#define KW_X(e, name) name,
    KW_MEASURE_LIST(KW_X)
#undef KW_X
};

const char *kw_rule_measure_name(kw_rule_measure m) {
  return (unsigned)m < KW_MEASURE__COUNT ? measure_names[m] : "?";
}

kw_rule_measure kw_rule_measure_from_name(const char *name) {
  if (!name) return KW_MEASURE__COUNT;
  for (int m = 0; m < KW_MEASURE__COUNT; m++)
    if (strcasecmp(name, measure_names[m]) == 0) return (kw_rule_measure)m;
  return KW_MEASURE__COUNT;
}

void kw_rule_options_init(kw_rule_options *o) {
  memset(o, 0, sizeof *o);
  o->min_confidence = 0.8;
  o->min_lift = 0;
  o->max_consequent = 1;
  o->sort_by = KW_MEASURE_LIFT;
  o->ascending = false;
}

const kw_rule_view *kw_rules_view(const kw_rules *r) {
  return r ? &r->v : NULL;
}

void kw_rules_free(kw_rules *r) {
  if (!r) return;
  kw_free(r->ctx, r->rules);
  kw_free(r->ctx, r->items);
  kw_free(r->ctx, r);
}

/* ------------------------------------------------------------ measures */

/*
 * Each measure is one division of exact numerators and denominators (the
 * products of counts are exact in double up to 2^53), so rules whose
 * measures are equal as fractions get equal doubles and tie exactly.
 */
static void set_measures(kw_rule *r, size_t N) {
  double n = (double)N, nz = r->count, nx = r->lhs_count, ny = r->rhs_count;
  r->support = nz / n;
  r->confidence = nz / nx;
  r->lift = (nz * n) / (nx * ny);
  r->leverage = (nz * n - nx * ny) / (n * n);
  if (r->count == r->lhs_count) {
    if ((size_t)r->rhs_count == N) {
      r->conviction = 1.0;
      r->conviction_inf = false;
    } else {
      r->conviction = INFINITY;
      r->conviction_inf = true;
    }
  } else {
    r->conviction = ((n - ny) * nx) / (n * (nx - nz));
    r->conviction_inf = false;
  }
}

/* ------------------------------------------------------------ filters */

typedef struct filter {
  const uint8_t *mark; /* per item: in the filter */
  size_t n_distinct;   /* distinct filter items */
  kw_item_match match;
  bool active;
} filter;

static kw_status filter_init(kw_context *ctx, const kw_item_filter *f,
                             size_t n_items, uint8_t **mark, filter *out) {
  memset(out, 0, sizeof *out);
  *mark = NULL;
  if (!f || f->n == 0) return KW_OK;
  if (!f->items) return kw_fail(ctx, KW_EARG, "item filter without items");
  if ((unsigned)f->match > KW_MATCH_NONE)
    return kw_fail(ctx, KW_EARG, "unknown item match mode %d", (int)f->match);
  uint8_t *m = kw_calloc(ctx, n_items ? n_items : 1, 1);
  if (!m) return kw_fail_nomem(ctx);
  size_t nd = 0;
  for (size_t i = 0; i < f->n; i++) {
    if (f->items[i] >= n_items) {
      kw_free(ctx, m);
      return kw_fail(ctx, KW_EARG, "item filter names item %u of %zu",
                     (unsigned)f->items[i], n_items);
    }
    if (!m[f->items[i]]) nd++;
    m[f->items[i]] = 1;
  }
  *mark = m;
  out->mark = m;
  out->n_distinct = nd;
  out->match = f->match;
  out->active = true;
  return KW_OK;
}

static bool filter_pass(const filter *f, const uint32_t *a, size_t n) {
  if (!f->active) return true;
  size_t hits = 0;
  for (size_t i = 0; i < n; i++) hits += f->mark[a[i]];
  switch (f->match) {
  case KW_MATCH_ANY: return hits > 0;
  case KW_MATCH_ALL: return hits == f->n_distinct;
  case KW_MATCH_NONE: return hits == 0;
  }
  return false;
}

/* ------------------------------------------------------------ ordering */

static double measure_of(const kw_rule *r, kw_rule_measure m) {
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

static int cmp_items(const uint32_t *x, size_t nx, const uint32_t *y,
                     size_t ny) {
  if (nx != ny) return nx < ny ? -1 : 1;
  for (size_t i = 0; i < nx; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* Items order: X (fewer items first, then ids), then Y. */
static int cmp_rule_items(const kw_rule *a, const kw_rule *b,
                          const uint32_t *items) {
  int c = cmp_items(items + a->lhs, a->n_lhs, items + b->lhs, b->n_lhs);
  if (c) return c;
  return cmp_items(items + a->rhs, a->n_rhs, items + b->rhs, b->n_rhs);
}

/* The output order: < 0 when a comes before b. Total on distinct rules. */
static int cmp_rule(const kw_rule *a, const kw_rule *b, const uint32_t *items,
                    kw_rule_measure by, bool ascending) {
  if (by != KW_MEASURE_NONE) {
    double ma = measure_of(a, by), mb = measure_of(b, by);
    if (ma != mb) {
      int c = ma < mb ? -1 : 1;
      return ascending ? c : -c;
    }
  }
  return cmp_rule_items(a, b, items);
}

/*
 * Sorting many rules: rather than comparing rules through an index (a
 * cache miss per access), sort compact records holding the measure as a
 * key (negated for descending order) and a 128-bit signature that orders
 * like the items' tie-break: the sequence n(X), X's ids, n(Y), Y's ids,
 * compared lexicographically, is exactly that order, so packing its first
 * elements into fixed-width fields (as wide as the largest id or size
 * needs; absent elements 0) keeps it. The rules themselves are read only
 * when key and signature tie, i.e. for rules longer than the signature
 * holds. The record's index makes the sort stable; the rules are then
 * gathered into a new array, or, for very many rules or short of memory,
 * permuted in place cycle by cycle (slower: each step waits for the last,
 * but no second copy of the rules).
 */
/* Up to this many rules the sort gathers into a copy (at most ~320 MB
 * more); beyond, it permutes in place to keep the peak memory down. */
#define GATHER_MAX ((size_t)4 << 20)

typedef struct sort_rec {
  double key;
  uint64_t sig[2];
  size_t idx;
} sort_rec;

typedef struct rec_ctx {
  const kw_rule *rules;
  const uint32_t *items;
} rec_ctx;

static int cmp_rec(const sort_rec *a, const sort_rec *b, const rec_ctx *c) {
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  if (a->sig[0] != b->sig[0]) return a->sig[0] < b->sig[0] ? -1 : 1;
  if (a->sig[1] != b->sig[1]) return a->sig[1] < b->sig[1] ? -1 : 1;
  int k = cmp_rule_items(&c->rules[a->idx], &c->rules[b->idx], c->items);
  if (k) return k;
  return (a->idx > b->idx) - (a->idx < b->idx);
}

/* The signature of rule x: per word `per` fields of `bits` bits. */
static void rule_sig(const kw_rule *x, const uint32_t *items, unsigned bits,
                     unsigned per, uint64_t sig[2]) {
  uint32_t seq[2 * 64];
  unsigned n = 0, want = 2 * per;
  seq[n++] = x->n_lhs;
  for (uint32_t i = 0; i < x->n_lhs && n < want; i++)
    seq[n++] = items[x->lhs + i];
  if (n < want) seq[n++] = x->n_rhs;
  for (uint32_t i = 0; i < x->n_rhs && n < want; i++)
    seq[n++] = items[x->rhs + i];
  while (n < want) seq[n++] = 0;
  for (unsigned w = 0; w < 2; w++) {
    uint64_t v = 0;
    for (unsigned f = 0; f < per; f++) v = (v << bits) | seq[w * per + f];
    sig[w] = v;
  }
}

static kw_status sort_recs(kw_context *ctx, sort_rec *a, size_t n,
                           const rec_ctx *c) {
  const size_t run = 16;
  for (size_t lo = 0; lo < n; lo += run) {
    size_t hi = lo + run < n ? lo + run : n;
    for (size_t i = lo + 1; i < hi; i++) {
      sort_rec x = a[i];
      size_t j = i;
      while (j > lo && cmp_rec(&a[j - 1], &x, c) > 0) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = x;
    }
  }
  if (n <= run) return KW_OK;
  sort_rec *tmp = kw_malloc(ctx, n * sizeof *tmp);
  if (!tmp) return kw_fail_nomem(ctx);
  sort_rec *src = a, *dst = tmp;
  for (size_t w = run; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        dst[k++] = cmp_rec(&src[j], &src[i], c) < 0 ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    sort_rec *t = src;
    src = dst;
    dst = t;
  }
  if (src != a) memcpy(a, src, n * sizeof *a);
  kw_free(ctx, tmp);
  return KW_OK;
}

kw_status kw_rules_sort(kw_context *ctx, kw_rules *r, kw_rule_measure by,
                        bool ascending) {
  return kw_rules_sort_sig(ctx, r, by, ascending, 2);
}

kw_status kw_rules_sort_sig(kw_context *ctx, kw_rules *r, kw_rule_measure by,
                            bool ascending, unsigned sig_words) {
  if (!r) return kw_fail(ctx, KW_EARG, "no rules");
  if ((unsigned)by >= KW_MEASURE__COUNT)
    return kw_fail(ctx, KW_EARG, "unknown rule measure %d", (int)by);
  r->v.sort_by = by;
  r->v.ascending = ascending;
  size_t n = r->v.n;
  if (by == KW_MEASURE_NONE || n < 2) return KW_OK;
  sort_rec *rec = kw_malloc(ctx, n * sizeof *rec);
  if (!rec) return kw_fail_nomem(ctx);
  /* field width: enough for every id and every side's size */
  uint64_t top = r->v.n_items;
  for (size_t i = 0; i < n; i++) {
    if (r->rules[i].n_lhs > top) top = r->rules[i].n_lhs;
    if (r->rules[i].n_rhs > top) top = r->rules[i].n_rhs;
  }
  unsigned bits = 1;
  while (bits < 32 && (top >> bits) != 0) bits++;
  unsigned per = 64 / bits;
  for (size_t i = 0; i < n; i++) {
    double m = measure_of(&r->rules[i], by);
    rec[i].key = ascending ? m : -m;
    rule_sig(&r->rules[i], r->items, bits, per, rec[i].sig);
    for (unsigned w = sig_words; w < 2; w++) rec[i].sig[w] = 0;
    rec[i].idx = i;
  }
  rec_ctx c = {r->rules, r->items};
  kw_status st = sort_recs(ctx, rec, n, &c);
  kw_rule *sorted = NULL;
  if (!st && n <= GATHER_MAX) sorted = kw_malloc(ctx, n * sizeof *sorted);
  if (sorted) {
    /* a gather: independent loads, so many cache misses overlap */
    for (size_t i = 0; i < n; i++) sorted[i] = r->rules[rec[i].idx];
    kw_free(ctx, r->rules);
    r->rules = sorted;
    r->v.rules = sorted;
  } else if (!st) {
    /* no copy: rules[i] <- rules[rec[i].idx] in place, following each
     * cycle once */
    for (size_t i = 0; i < n; i++) {
      if (rec[i].idx == i) continue;
      kw_rule saved = r->rules[i];
      size_t j = i;
      while (rec[j].idx != i) {
        size_t k = rec[j].idx;
        r->rules[j] = r->rules[k];
        rec[j].idx = j;
        j = k;
      }
      r->rules[j] = saved;
      rec[j].idx = j;
    }
  }
  kw_free(ctx, rec);
  return st;
}

/* ------------------------------------------------------------ top N */

/*
 * With a top_n and a sort measure only the best top_n rules are kept while
 * generating: a binary heap of storage slots with the worst kept rule on
 * top; a new rule that sorts before it takes its slot. Slot k keeps its
 * items at k x L (L the longest itemset), so memory is O(top_n x L)
 * however many rules pass.
 */
typedef struct top_heap {
  kw_rule *rules;  /* storage slots */
  uint32_t *items; /* slot k: items[k L .. (k+1) L) */
  size_t *heap;    /* slot numbers, worst first */
  size_t n, cap, limit, L;
  kw_rule_measure by;
  bool ascending;
} top_heap;

static bool heap_worse(const top_heap *h, size_t a, size_t b) {
  return cmp_rule(&h->rules[h->heap[a]], &h->rules[h->heap[b]], h->items,
                  h->by, h->ascending) > 0;
}

static void heap_swap(top_heap *h, size_t a, size_t b) {
  size_t t = h->heap[a];
  h->heap[a] = h->heap[b];
  h->heap[b] = t;
}

static void heap_up(top_heap *h, size_t i) {
  while (i > 0) {
    size_t p = (i - 1) / 2;
    if (!heap_worse(h, i, p)) break;
    heap_swap(h, i, p);
    i = p;
  }
}

static void heap_down(top_heap *h, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, w = i;
    if (l < h->n && heap_worse(h, l, w)) w = l;
    if (r < h->n && heap_worse(h, r, w)) w = r;
    if (w == i) break;
    heap_swap(h, i, w);
    i = w;
  }
}

static void heap_store(top_heap *h, size_t slot, const kw_rule *r,
                       const uint32_t *x, const uint32_t *y) {
  kw_rule *d = &h->rules[slot];
  *d = *r;
  d->lhs = slot * h->L;
  d->rhs = d->lhs + r->n_lhs;
  memcpy(h->items + d->lhs, x, r->n_lhs * sizeof *x);
  memcpy(h->items + d->rhs, y, r->n_rhs * sizeof *y);
}

/* Offer rule r (items x, y) to the heap. */
static kw_status heap_offer(kw_context *ctx, top_heap *h, const kw_rule *r,
                            const uint32_t *x, const uint32_t *y) {
  if (h->n < h->limit) {
    if (h->n == h->cap) {
      size_t cap = h->cap ? h->cap * 2 : 64;
      if (cap > h->limit) cap = h->limit;
      size_t ni;
      if (!kw_mul_size(cap, h->L, &ni)) return kw_fail_nomem(ctx);
      kw_rule *nr = kw_realloc(ctx, h->rules, cap * sizeof *nr);
      if (nr) h->rules = nr;
      uint32_t *nit = kw_realloc(ctx, h->items, ni * sizeof *nit);
      if (nit) h->items = nit;
      size_t *nh = kw_realloc(ctx, h->heap, cap * sizeof *nh);
      if (nh) h->heap = nh;
      if (!nr || !nit || !nh) return kw_fail_nomem(ctx);
      h->cap = cap;
    }
    size_t slot = h->n;
    heap_store(h, slot, r, x, y);
    h->heap[h->n++] = slot;
    heap_up(h, h->n - 1);
    return KW_OK;
  }
  /* compare with the worst kept rule, r's items laid out as x then y */
  const kw_rule *worst = &h->rules[h->heap[0]];
  if (h->by != KW_MEASURE_NONE) {
    double mr = measure_of(r, h->by), mw = measure_of(worst, h->by);
    if (mr != mw) {
      bool before = h->ascending ? mr < mw : mr > mw;
      if (!before) return KW_OK;
      heap_store(h, h->heap[0], r, x, y);
      heap_down(h, 0);
      return KW_OK;
    }
  }
  int c = cmp_items(x, r->n_lhs, h->items + worst->lhs, worst->n_lhs);
  if (c == 0) c = cmp_items(y, r->n_rhs, h->items + worst->rhs, worst->n_rhs);
  if (c >= 0) return KW_OK;
  heap_store(h, h->heap[0], r, x, y);
  heap_down(h, 0);
  return KW_OK;
}

/* ------------------------------------------------------------ build */

typedef struct gen {
  kw_context *ctx;
  const kw_itemsets *s;
  const kw_rule_options *o;
  filter lhs, rhs;
  kw_buf rules; /* kw_rule, when every rule is kept */
  kw_buf items; /* uint32 */
  bool use_heap;
  top_heap heap;
  size_t matched;
  uint32_t *x, *y; /* scratch, longest */
} gen;

/* n(A) for a frequent A (ascending); 0 would mean a broken index. */
static uint32_t count_of(const gen *g, const uint32_t *a, size_t n) {
  if (n == 1) return g->s->item_count[a[0]];
  size_t k = kw_fp_find(g->s, a, n);
  return k == SIZE_MAX ? 0 : g->s->all_count[k];
}

static kw_status try_rule(gen *g, uint32_t nz, size_t nx, size_t ny) {
  uint32_t cx = count_of(g, g->x, nx), cy = count_of(g, g->y, ny);
  if (cx == 0 || cy == 0)
    return kw_fail(g->ctx, KW_ENUMERIC, "itemset index is incomplete");
  double conf = (double)nz / (double)cx;
  if (conf < g->o->min_confidence) return KW_OK;
  if (!filter_pass(&g->lhs, g->x, nx) || !filter_pass(&g->rhs, g->y, ny))
    return KW_OK;
  kw_rule r;
  memset(&r, 0, sizeof r);
  r.count = nz;
  r.lhs_count = cx;
  r.rhs_count = cy;
  r.n_lhs = (uint32_t)nx;
  r.n_rhs = (uint32_t)ny;
  set_measures(&r, g->s->v.n_baskets);
  if (r.lift < g->o->min_lift) return KW_OK;
  g->matched++;
  if (g->use_heap) return heap_offer(g->ctx, &g->heap, &r, g->x, g->y);
  if (g->o->top_n && g->rules.len >= g->o->top_n) return KW_OK;
  r.lhs = g->items.len;
  r.rhs = g->items.len + nx;
  size_t need = g->items.len + nx + ny;
  if (need > g->items.cap) {
    kw_status st = kw_buf_reserve(g->ctx, &g->items, 2 * need);
    if (st) return st;
  }
  uint32_t *dst = (uint32_t *)g->items.data + g->items.len;
  memcpy(dst, g->x, nx * sizeof *dst);
  memcpy(dst + nx, g->y, ny * sizeof *dst);
  g->items.len += nx + ny;
  return kw_buf_push(g->ctx, &g->rules, &r);
}

/* All rules of one itemset z[0..len). */
static kw_status rules_of(gen *g, const uint32_t *z, size_t len, uint32_t nz,
                          size_t *pos) {
  size_t kmax = g->o->max_consequent;
  if (kmax > len - 1) kmax = len - 1;
  for (size_t k = 1; k <= kmax; k++) {
    /* positions pos[0..k) of Y, ascending; start with 0..k-1 */
    for (size_t i = 0; i < k; i++) pos[i] = i;
    for (;;) {
      size_t nx = 0, ny = 0, p = 0;
      for (size_t i = 0; i < len; i++) {
        if (p < k && pos[p] == i) {
          g->y[ny++] = z[i];
          p++;
        } else {
          g->x[nx++] = z[i];
        }
      }
      kw_status st = try_rule(g, nz, nx, ny);
      if (st) return st;
      /* next combination */
      size_t i = k;
      while (i > 0 && pos[i - 1] == len - k + (i - 1)) i--;
      if (i == 0) break;
      pos[i - 1]++;
      for (size_t j = i; j < k; j++) pos[j] = pos[j - 1] + 1;
    }
  }
  return KW_OK;
}

kw_status kw_rules_build(kw_context *ctx, const kw_itemsets *s,
                         const kw_rule_options *opt, kw_rules **out) {
  *out = NULL;
  kw_rule_options o;
  if (opt)
    o = *opt;
  else
    kw_rule_options_init(&o);
  if (!s) return kw_fail(ctx, KW_EARG, "no itemsets");
  if (!(o.min_confidence >= 0 && o.min_confidence <= 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.rules_confidence",
                       "confidence must be in [0, 1], not {v}", "v",
                       KW_NUM_G(o.min_confidence), NULL);
  if (!(o.min_lift >= 0))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.rules_lift",
                       "minimum lift must be >= 0, not {v}", "v",
                       KW_NUM_G(o.min_lift), NULL);
  if (o.max_consequent < 1) o.max_consequent = 1;
  if ((unsigned)o.sort_by >= KW_MEASURE__COUNT)
    return kw_fail(ctx, KW_EARG, "unknown rule measure %d", (int)o.sort_by);

  gen g;
  memset(&g, 0, sizeof g);
  g.ctx = ctx;
  g.s = s;
  g.o = &o;
  kw_buf_init(&g.rules, sizeof(kw_rule));
  kw_buf_init(&g.items, sizeof(uint32_t));
  size_t L = s->longest ? s->longest : 1;
  g.use_heap = o.top_n > 0 && o.sort_by != KW_MEASURE_NONE;
  g.heap.limit = o.top_n;
  g.heap.L = L;
  g.heap.by = o.sort_by;
  g.heap.ascending = o.ascending;
  uint8_t *mark_l = NULL, *mark_r = NULL;
  size_t *pos = NULL;
  kw_rules *r = NULL;
  size_t n_items = s->v.n_items;
  kw_status st = filter_init(ctx, &o.lhs, n_items, &mark_l, &g.lhs);
  if (!st) st = filter_init(ctx, &o.rhs, n_items, &mark_r, &g.rhs);
  if (st) goto done;
  g.x = kw_malloc(ctx, L * sizeof *g.x);
  g.y = kw_malloc(ctx, L * sizeof *g.y);
  pos = kw_malloc(ctx, L * sizeof *pos);
  r = kw_calloc(ctx, 1, sizeof *r);
  if (r) r->ctx = ctx;
  if (!g.x || !g.y || !pos || !r) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  size_t min_len = s->v.min_len > 2 ? s->v.min_len : 2;
  for (size_t i = 0; i < s->n_all; i++) {
    size_t len = s->all_off[i + 1] - s->all_off[i];
    if (len < min_len) continue;
    st = rules_of(&g, s->all_items + s->all_off[i], len, s->all_count[i],
                  pos);
    if (st) goto done;
  }
  r->v.n_baskets = s->v.n_baskets;
  r->v.n_items = n_items;
  r->v.n_matched = g.matched;
  if (g.use_heap) {
    r->v.n = g.heap.n;
    r->rules = g.heap.rules;
    r->items = g.heap.items;
    g.heap.rules = NULL;
    g.heap.items = NULL;
  } else {
    r->v.n = g.rules.len;
    r->rules = kw_buf_take(ctx, &g.rules);
    r->items = kw_buf_take(ctx, &g.items);
  }
  r->v.rules = r->rules;
  r->v.items = r->items;
  st = kw_rules_sort(ctx, r, o.sort_by, o.ascending);
done:
  kw_free(ctx, mark_l);
  kw_free(ctx, mark_r);
  kw_free(ctx, pos);
  kw_free(ctx, g.x);
  kw_free(ctx, g.y);
  kw_free(ctx, g.heap.rules);
  kw_free(ctx, g.heap.items);
  kw_free(ctx, g.heap.heap);
  kw_buf_free(ctx, &g.rules);
  kw_buf_free(ctx, &g.items);
  if (st) {
    kw_rules_free(r);
    return st;
  }
  *out = r;
  return KW_OK;
}
