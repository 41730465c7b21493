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
 * Sorting is a stable merge sort over rule indices; ties on the measure are
 * broken by X's items (fewer first, then ascending ids), then Y's, so the
 * order depends on the data only.
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

/* ------------------------------------------------------------ sorting */

typedef struct sort_ctx {
  const kw_rule *rules;
  const uint32_t *items;
  kw_rule_measure by;
  bool ascending;
} sort_ctx;

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

static int cmp_rules(const void *user, size_t a, size_t b) {
  const sort_ctx *s = user;
  const kw_rule *x = &s->rules[a], *y = &s->rules[b];
  if (s->by != KW_MEASURE_NONE) {
    double mx = measure_of(x, s->by), my = measure_of(y, s->by);
    if (mx != my) {
      int c = mx < my ? -1 : 1;
      return s->ascending ? c : -c;
    }
  }
  int c = cmp_items(s->items + x->lhs, x->n_lhs, s->items + y->lhs, y->n_lhs);
  if (c) return c;
  return cmp_items(s->items + x->rhs, x->n_rhs, s->items + y->rhs, y->n_rhs);
}

kw_status kw_rules_sort(kw_context *ctx, kw_rules *r, kw_rule_measure by,
                        bool ascending) {
  if (!r) return kw_fail(ctx, KW_EARG, "no rules");
  if ((unsigned)by >= KW_MEASURE__COUNT)
    return kw_fail(ctx, KW_EARG, "unknown rule measure %d", (int)by);
  r->v.sort_by = by;
  r->v.ascending = ascending;
  size_t n = r->v.n;
  if (by == KW_MEASURE_NONE || n < 2) return KW_OK;
  size_t *idx = kw_malloc(ctx, n * sizeof *idx);
  kw_rule *tmp = kw_malloc(ctx, n * sizeof *tmp);
  if (!idx || !tmp) {
    kw_free(ctx, idx);
    kw_free(ctx, tmp);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++) idx[i] = i;
  sort_ctx sc = {r->rules, r->items, by, ascending};
  kw_status st = kw_sort_idx(ctx, idx, n, cmp_rules, &sc);
  if (!st) {
    for (size_t i = 0; i < n; i++) tmp[i] = r->rules[idx[i]];
    memcpy(r->rules, tmp, n * sizeof *tmp);
  }
  kw_free(ctx, idx);
  kw_free(ctx, tmp);
  return st;
}

/* ------------------------------------------------------------ build */

typedef struct gen {
  kw_context *ctx;
  const kw_itemsets *s;
  const kw_rule_options *o;
  filter lhs, rhs;
  kw_buf rules; /* kw_rule */
  kw_buf items; /* uint32 */
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
    return kw_fail(ctx, KW_EARG, "confidence must be in [0, 1], not %g",
                   o.min_confidence);
  if (!(o.min_lift >= 0))
    return kw_fail(ctx, KW_EARG, "minimum lift must be >= 0, not %g",
                   o.min_lift);
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
  uint8_t *mark_l = NULL, *mark_r = NULL;
  size_t *pos = NULL;
  kw_rules *r = NULL;
  size_t n_items = s->v.n_items;
  kw_status st = filter_init(ctx, &o.lhs, n_items, &mark_l, &g.lhs);
  if (!st) st = filter_init(ctx, &o.rhs, n_items, &mark_r, &g.rhs);
  if (st) goto done;
  size_t L = s->longest ? s->longest : 1;
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
  r->v.n = g.rules.len;
  r->v.n_matched = g.rules.len;
  r->rules = kw_buf_take(ctx, &g.rules);
  r->items = kw_buf_take(ctx, &g.items);
  r->v.rules = r->rules;
  r->v.items = r->items;
  if ((st = kw_rules_sort(ctx, r, o.sort_by, o.ascending))) goto done;
  if (o.top_n && o.top_n < r->v.n) r->v.n = o.top_n;
done:
  kw_free(ctx, mark_l);
  kw_free(ctx, mark_r);
  kw_free(ctx, pos);
  kw_free(ctx, g.x);
  kw_free(ctx, g.y);
  kw_buf_free(ctx, &g.rules);
  kw_buf_free(ctx, &g.items);
  if (st) {
    kw_rules_free(r);
    return st;
  }
  *out = r;
  return KW_OK;
}
