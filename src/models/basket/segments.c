/*
 * segments.c — product penetration by segment and upsell candidates.
 *
 * Penetration: for segment s and item i, the share of the segment's
 * customers who bought i at least once,
 *     share[s][i] = |{c in s : i in some basket of c}| / |{c in s}|,
 * counted over customer groups (kw_customer_groups) with a stamp array per
 * item, so a customer with many orders counts once. The denominator holds
 * every customer of the segment, buyers or not, so that shares compare
 * across segments of different activity.
 *
 * Upsell: spend per order v_c = revenue_c / orders_c per customer. Within a
 * segment, with order statistics v_(1) <= ... <= v_(n), the p-quantile is
 * R's type 7 (Hyndman & Fan 1996, definition 7):
 *     h = (n - 1) p,  Q(p) = v_(floor h + 1) + (h - floor h)
 *                           (v_(floor h + 2) - v_(floor h + 1)),
 * the median Q(0.5) and the lower quartile Q(0.25). A customer is a
 * candidate when v_c < threshold, the lower quartile by default or
 * fraction x median; the gap to the median times the orders is the revenue
 * they would have brought at the segment's typical spend, which ranks them.
 */
#include "models/basket/basket_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ names */

kw_status kw_segment_names_copy(kw_context *ctx, const char *const *names,
                                size_t n, char ***out) {
  *out = NULL;
  char **v = kw_calloc(ctx, n ? n : 1, sizeof *v);
  if (!v) return kw_fail_nomem(ctx);
  for (size_t s = 0; s < n; s++) {
    if (names && names[s]) {
      v[s] = kw_strdup(ctx, names[s]);
    } else if (!names && n == 1) {
      v[s] = kw_strdup(ctx, "all");
    } else {
      char num[24];
      snprintf(num, sizeof num, "%zu", s);
      v[s] = kw_strdup(ctx, num);
    }
    if (!v[s]) {
      kw_segment_names_free(ctx, v, n);
      return kw_fail_nomem(ctx);
    }
  }
  *out = v;
  return KW_OK;
}

void kw_segment_names_free(kw_context *ctx, char **names, size_t n) {
  if (!names) return;
  for (size_t s = 0; s < n; s++) kw_free(ctx, names[s]);
  kw_free(ctx, names);
}

/* ------------------------------------------------------------ penetration */

struct kw_penetration {
  kw_context *ctx;
  kw_penetration_data v;
  char **names;
  uint32_t *customers, *buyers, *all_buyers;
  double *share, *all_share;
};

const kw_penetration_data *kw_penetration_view(const kw_penetration *p) {
  return p ? &p->v : NULL;
}

void kw_penetration_free(kw_penetration *p) {
  if (!p) return;
  kw_context *ctx = p->ctx;
  kw_segment_names_free(ctx, p->names, p->v.n_segments);
  kw_free(ctx, p->customers);
  kw_free(ctx, p->buyers);
  kw_free(ctx, p->all_buyers);
  kw_free(ctx, p->share);
  kw_free(ctx, p->all_share);
  kw_free(ctx, p);
}

kw_status kw_penetration_build(kw_context *ctx, const kw_baskets *h,
                               const uint32_t *segment, size_t n_customers,
                               const char *const *segment_names,
                               size_t n_segments, kw_penetration **out) {
  *out = NULL;
  if (!h) return kw_fail(ctx, KW_EARG, "no baskets");
  if (segment && (n_segments == 0 || n_customers == 0))
    return kw_fail(ctx, KW_EARG, "segment codes without segments or "
                                 "customers");
  if (!segment) {
    n_segments = 1;
    segment_names = NULL;
  }
  const kw_basket_view *bv = kw_baskets_view(h);
  size_t n_items = bv->n_items;
  size_t cells;
  if (!kw_mul_size(n_segments, n_items ? n_items : 1, &cells))
    return kw_fail_nomem(ctx);
  kw_customer_groups g;
  kw_status st = kw_customer_groups_build(ctx, h, &g);
  if (st) return st;
  if (!segment && n_customers == 0) n_customers = g.n_cust;
  uint32_t *stamp = kw_calloc(ctx, n_items ? n_items : 1, sizeof *stamp);
  kw_penetration *p = kw_calloc(ctx, 1, sizeof *p);
  if (p) {
    p->ctx = ctx;
    p->v.n_segments = n_segments;
    p->customers = kw_calloc(ctx, n_segments, sizeof *p->customers);
    p->buyers = kw_calloc(ctx, cells, sizeof *p->buyers);
    p->share = kw_calloc(ctx, cells, sizeof *p->share);
    p->all_buyers = kw_calloc(ctx, n_items ? n_items : 1, sizeof(uint32_t));
    p->all_share = kw_calloc(ctx, n_items ? n_items : 1, sizeof(double));
  }
  if (!stamp || !p || !p->customers || !p->buyers || !p->share ||
      !p->all_buyers || !p->all_share) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = kw_segment_names_copy(ctx, segment_names, n_segments,
                                  &p->names)))
    goto done;
  for (size_t c = 0; c < n_customers; c++) {
    uint32_t s = segment ? segment[c] : 0;
    if (s >= n_segments) continue;
    p->customers[s]++;
    p->v.all_customers++;
  }
  for (size_t gi = 0; gi < g.n; gi++) {
    uint32_t c = g.cust[gi];
    if (c >= n_customers) {
      st = kw_fail(ctx, KW_EARG,
                   "basket of customer %u outside the %zu segment codes",
                   (unsigned)c, n_customers);
      goto done;
    }
    uint32_t s = segment ? segment[c] : 0;
    if (s >= n_segments) continue;
    uint32_t mark = (uint32_t)gi + 1;
    uint32_t *row = p->buyers + (size_t)s * n_items;
    for (size_t q = g.off[gi]; q < g.off[gi + 1]; q++) {
      size_t bk = g.order[q];
      for (size_t k = bv->offsets[bk]; k < bv->offsets[bk + 1]; k++) {
        uint32_t it = bv->items[k];
        if (stamp[it] == mark) continue;
        stamp[it] = mark;
        row[it]++;
        p->all_buyers[it]++;
      }
    }
  }
  for (size_t s = 0; s < n_segments; s++)
    for (size_t i = 0; i < n_items; i++)
      p->share[s * n_items + i] =
          p->customers[s]
              ? (double)p->buyers[s * n_items + i] / p->customers[s]
              : 0.0;
  for (size_t i = 0; i < n_items; i++)
    p->all_share[i] = p->v.all_customers
                          ? (double)p->all_buyers[i] / p->v.all_customers
                          : 0.0;
  p->v.n_items = n_items;
  p->v.segment_names = (const char *const *)p->names;
  p->v.customers = p->customers;
  p->v.buyers = p->buyers;
  p->v.share = p->share;
  p->v.all_buyers = p->all_buyers;
  p->v.all_share = p->all_share;
done:
  kw_free(ctx, stamp);
  kw_customer_groups_free(ctx, &g);
  if (st) {
    kw_penetration_free(p);
    return st;
  }
  *out = p;
  return KW_OK;
}

/* ------------------------------------------------------------ upsell */

struct kw_upsell {
  kw_context *ctx;
  kw_upsell_data v;
  char **names;
  uint32_t *seg_customers;
  double *seg_median, *seg_p25, *seg_threshold;
  uint32_t *customer, *segment, *orders;
  double *spo, *gap, *potential;
};

void kw_upsell_options_init(kw_upsell_options *o) {
  memset(o, 0, sizeof *o);
  o->fraction = 0;
  o->min_orders = 1;
}

const kw_upsell_data *kw_upsell_view(const kw_upsell *u) {
  return u ? &u->v : NULL;
}

void kw_upsell_free(kw_upsell *u) {
  if (!u) return;
  kw_context *ctx = u->ctx;
  kw_segment_names_free(ctx, u->names, u->v.n_segments);
  kw_free(ctx, u->seg_customers);
  kw_free(ctx, u->seg_median);
  kw_free(ctx, u->seg_p25);
  kw_free(ctx, u->seg_threshold);
  kw_free(ctx, u->customer);
  kw_free(ctx, u->segment);
  kw_free(ctx, u->orders);
  kw_free(ctx, u->spo);
  kw_free(ctx, u->gap);
  kw_free(ctx, u->potential);
  kw_free(ctx, u);
}

typedef struct spend {
  double v;      /* spend per order */
  double gap, potential;
  uint32_t seg, cust;
} spend;

static int cmp_seg_spend(const void *a, const void *b) {
  const spend *x = a, *y = b;
  if (x->seg != y->seg) return x->seg < y->seg ? -1 : 1;
  if (x->v != y->v) return x->v < y->v ? -1 : 1;
  return (x->cust > y->cust) - (x->cust < y->cust);
}

static int cmp_potential(const void *a, const void *b) {
  const spend *x = a, *y = b;
  if (x->potential != y->potential) return x->potential > y->potential ? -1 : 1;
  return (x->cust > y->cust) - (x->cust < y->cust);
}

/* Type-7 quantile of the n ascending values in s[].v. */
static double quantile7(const spend *s, size_t n, double p) {
  if (n == 0) return 0;
  double h = (double)(n - 1) * p;
  size_t lo = (size_t)floor(h);
  if (lo + 1 >= n) return s[n - 1].v;
  return s[lo].v + (h - (double)lo) * (s[lo + 1].v - s[lo].v);
}

kw_status kw_upsell_build(kw_context *ctx, size_t n_customers,
                          const int64_t *revenue, const uint32_t *orders,
                          const uint32_t *segment,
                          const char *const *segment_names, size_t n_segments,
                          const kw_upsell_options *opt, kw_upsell **out) {
  *out = NULL;
  kw_upsell_options o;
  if (opt)
    o = *opt;
  else
    kw_upsell_options_init(&o);
  if (!(o.fraction >= 0 && o.fraction < INFINITY))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.upsell_fraction",
                       "upsell fraction must be >= 0, not {v}", "v",
                       KW_NUM_G(o.fraction), NULL);
  if (o.min_orders < 1) o.min_orders = 1;
  if (n_customers && (!revenue || !orders))
    return kw_fail(ctx, KW_EARG, "no revenue or orders per customer");
  if (segment && n_segments == 0)
    return kw_fail(ctx, KW_EARG, "segment codes without segments");
  if (!segment) {
    n_segments = 1;
    segment_names = NULL;
  }
  kw_status st = KW_OK;
  spend *sp = kw_malloc(ctx, (n_customers ? n_customers : 1) * sizeof *sp);
  kw_upsell *u = kw_calloc(ctx, 1, sizeof *u);
  if (u) {
    u->ctx = ctx;
    u->v.n_segments = n_segments;
    u->seg_customers = kw_calloc(ctx, n_segments, sizeof(uint32_t));
    u->seg_median = kw_calloc(ctx, n_segments, sizeof(double));
    u->seg_p25 = kw_calloc(ctx, n_segments, sizeof(double));
    u->seg_threshold = kw_calloc(ctx, n_segments, sizeof(double));
  }
  if (!sp || !u || !u->seg_customers || !u->seg_median || !u->seg_p25 ||
      !u->seg_threshold) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = kw_segment_names_copy(ctx, segment_names, n_segments,
                                  &u->names)))
    goto done;
  size_t n = 0;
  for (size_t c = 0; c < n_customers; c++) {
    uint32_t s = segment ? segment[c] : 0;
    if (s >= n_segments || orders[c] < o.min_orders ||
        revenue[c] == KW_NA_MONEY)
      continue;
    sp[n].v = (double)revenue[c] / 100.0 / (double)orders[c];
    sp[n].seg = s;
    sp[n].cust = (uint32_t)c;
    n++;
  }
  qsort(sp, n, sizeof *sp, cmp_seg_spend);
  size_t nc = 0;
  for (size_t a = 0; a < n;) {
    size_t b = a;
    while (b < n && sp[b].seg == sp[a].seg) b++;
    uint32_t s = sp[a].seg;
    double med = quantile7(sp + a, b - a, 0.5);
    double p25 = quantile7(sp + a, b - a, 0.25);
    double thr = o.fraction > 0 ? o.fraction * med : p25;
    u->seg_customers[s] = (uint32_t)(b - a);
    u->seg_median[s] = med;
    u->seg_p25[s] = p25;
    u->seg_threshold[s] = thr;
    for (size_t k = a; k < b; k++) {
      if (!(sp[k].v < thr)) continue;
      spend c = sp[k];
      c.gap = med - c.v;
      c.potential = c.gap * (double)orders[c.cust];
      sp[nc++] = c; /* nc <= k: compacts in place */
    }
    a = b;
  }
  qsort(sp, nc, sizeof *sp, cmp_potential);
  size_t k = nc ? nc : 1;
  u->customer = kw_malloc(ctx, k * sizeof(uint32_t));
  u->segment = kw_malloc(ctx, k * sizeof(uint32_t));
  u->orders = kw_malloc(ctx, k * sizeof(uint32_t));
  u->spo = kw_malloc(ctx, k * sizeof(double));
  u->gap = kw_malloc(ctx, k * sizeof(double));
  u->potential = kw_malloc(ctx, k * sizeof(double));
  if (!u->customer || !u->segment || !u->orders || !u->spo || !u->gap ||
      !u->potential) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < nc; i++) {
    u->customer[i] = sp[i].cust;
    u->segment[i] = sp[i].seg;
    u->orders[i] = orders[sp[i].cust];
    u->spo[i] = sp[i].v;
    u->gap[i] = sp[i].gap;
    u->potential[i] = sp[i].potential;
  }
  u->v.segment_names = (const char *const *)u->names;
  u->v.segment_customers = u->seg_customers;
  u->v.segment_median = u->seg_median;
  u->v.segment_p25 = u->seg_p25;
  u->v.segment_threshold = u->seg_threshold;
  u->v.n = nc;
  u->v.customer = u->customer;
  u->v.segment = u->segment;
  u->v.orders = u->orders;
  u->v.spend_per_order = u->spo;
  u->v.gap = u->gap;
  u->v.potential = u->potential;
done:
  kw_free(ctx, sp);
  if (st) {
    kw_upsell_free(u);
    return st;
  }
  *out = u;
  return KW_OK;
}
