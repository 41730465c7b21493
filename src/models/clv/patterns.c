/*
 * patterns.c — compress customers into distinct (x, t_x, T) patterns.
 *
 * The likelihoods depend on a customer only through (x, t_x, T), so a fit
 * works on the distinct triples with their total weight: its cost grows
 * with the number of distinct patterns, not with the number of customers.
 * Time values usually sit on a grid (whole days expressed in weeks), so
 * real data compress well.
 *
 * One pass with an open-addressing hash table keyed on the bit patterns of
 * the three doubles (-0.0 folded into 0.0) assigns each row its pattern;
 * two more small tables give each pattern the index of its x among the
 * distinct x values and of t_x and T among the distinct time values, so the
 * models compute per-x and per-time terms once per evaluation. On request
 * the patterns are also ordered by (x, T, t_x), which lets predictions
 * reuse work shared by customers with the same x and T.
 */
#include "models/clv/clv.h"

#include <stdlib.h>
#include <string.h>

#define EMPTY UINT32_MAX

static uint64_t bits_of(double v) {
  if (v == 0) v = 0; /* fold -0.0 */
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  return u;
}

static uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static size_t table_size(size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;
  return cap;
}

/* Distinct values of v[0..m) -> ids[i], uniq (allocated) and *nu. */
static kw_status unique_values(kw_context *ctx, const double *v,
                               const double *v2, size_t m, uint32_t *ids,
                               uint32_t *ids2, double **uniq, size_t *nu) {
  size_t total = v2 ? 2 * m : m;
  size_t cap = table_size(total);
  uint32_t *tab = kw_malloc(ctx, cap * sizeof *tab);
  double *u = kw_malloc(ctx, (total ? total : 1) * sizeof *u);
  if (!tab || !u) {
    kw_free(ctx, tab);
    kw_free(ctx, u);
    return kw_fail_nomem(ctx);
  }
  memset(tab, 0xff, cap * sizeof *tab);
  size_t n = 0;
  for (size_t i = 0; i < total; i++) {
    double val = i < m ? v[i] : v2[i - m];
    uint64_t key = bits_of(val);
    size_t h = (size_t)mix64(key) & (cap - 1);
    while (tab[h] != EMPTY && bits_of(u[tab[h]]) != key) h = (h + 1) & (cap - 1);
    if (tab[h] == EMPTY) {
      tab[h] = (uint32_t)n;
      u[n++] = val == 0 ? 0 : val;
    }
    if (i < m) ids[i] = tab[h];
    else ids2[i - m] = tab[h];
  }
  kw_free(ctx, tab);
  double *shrunk = kw_realloc(ctx, u, (n ? n : 1) * sizeof *u);
  *uniq = shrunk ? shrunk : u;
  *nu = n;
  return KW_OK;
}

typedef struct sort_key {
  double x, T, tx;
  uint32_t idx;
} sort_key;

static int cmp_key(const void *pa, const void *pb) {
  const sort_key *a = pa, *b = pb;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  if (a->T != b->T) return a->T < b->T ? -1 : 1;
  if (a->tx != b->tx) return a->tx < b->tx ? -1 : 1;
  return 0;
}

void clv_pat_free(kw_context *ctx, clv_pat *p) {
  if (!p) return;
  kw_free(ctx, p->x);
  kw_free(ctx, p->tx);
  kw_free(ctx, p->T);
  kw_free(ctx, p->w);
  kw_free(ctx, p->ix);
  kw_free(ctx, p->itx);
  kw_free(ctx, p->iT);
  if (!p->borrowed) {
    kw_free(ctx, p->ux);
    kw_free(ctx, p->ut);
  }
  kw_free(ctx, p->map);
  kw_free(ctx, p->order);
  kw_free(ctx, p->aux);
  memset(p, 0, sizeof *p);
}


/* Grow the per-pattern arrays to hold cap patterns. */
static bool grow_arrays(kw_context *ctx, clv_pat *p, size_t cap) {
  double **arr[4] = {&p->x, &p->tx, &p->T, &p->w};
  for (int i = 0; i < 4; i++) {
    double *q = kw_realloc(ctx, *arr[i], cap * sizeof(double));
    if (!q) return false;
    *arr[i] = q;
  }
  return true;
}

/* Rebuild the hash table at twice the size. */
static uint32_t *rehash(kw_context *ctx, uint32_t *tab, size_t *cap,
                        const clv_pat *p, size_t np) {
  size_t nc = *cap * 2;
  uint32_t *t = kw_malloc(ctx, nc * sizeof *t);
  if (!t) return NULL;
  memset(t, 0xff, nc * sizeof *t);
  for (size_t j = 0; j < np; j++) {
    uint64_t hv = mix64(bits_of(p->x[j]) ^
                        mix64(bits_of(p->tx[j]) ^ mix64(bits_of(p->T[j]))));
    size_t h = (size_t)hv & (nc - 1);
    while (t[h] != EMPTY) h = (h + 1) & (nc - 1);
    t[h] = (uint32_t)j;
  }
  kw_free(ctx, tab);
  *cap = nc;
  return t;
}

kw_status clv_pat_build(kw_context *ctx, const double *x, const double *tx,
                        const double *T, const double *weight,
                        const unsigned char *keep, size_t n, bool want_map,
                        bool want_order, clv_pat *out) {
  memset(out, 0, sizeof *out);
  if (n >= EMPTY) return kw_fail(ctx, KW_ERANGE, "too many customers");
  /* start small and grow: real data have far fewer patterns than rows */
  size_t pcap = n < 4096 ? (n ? n : 1) : 4096;
  size_t cap = table_size(pcap);
  uint32_t *tab = kw_malloc(ctx, cap * sizeof *tab);
  if (want_map) out->map = kw_malloc(ctx, (n ? n : 1) * sizeof(uint32_t));
  if (!tab || !grow_arrays(ctx, out, pcap) || (want_map && !out->map)) {
    kw_free(ctx, tab);
    clv_pat_free(ctx, out);
    return kw_fail_nomem(ctx);
  }
  memset(tab, 0xff, cap * sizeof *tab);
  size_t np = 0;
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    if (keep && !keep[i]) {
      if (out->map) out->map[i] = EMPTY;
      continue;
    }
    double txi = x[i] == 0 ? 0 : tx[i]; /* t_x means nothing when x = 0 */
    uint64_t kx = bits_of(x[i]), kt = bits_of(txi), kT = bits_of(T[i]);
    uint64_t hv = mix64(kx ^ mix64(kt ^ mix64(kT)));
    size_t h = (size_t)hv & (cap - 1);
    uint32_t j;
    for (;;) {
      j = tab[h];
      if (j == EMPTY) break;
      if (bits_of(out->x[j]) == kx && bits_of(out->tx[j]) == kt &&
          bits_of(out->T[j]) == kT)
        break;
      h = (h + 1) & (cap - 1);
    }
    if (j == EMPTY) {
      if (np == pcap) {
        pcap *= 2;
        if (!grow_arrays(ctx, out, pcap)) {
          kw_free(ctx, tab);
          clv_pat_free(ctx, out);
          return kw_fail_nomem(ctx);
        }
      }
      j = (uint32_t)np++;
      out->x[j] = x[i] == 0 ? 0 : x[i];
      out->tx[j] = txi == 0 ? 0 : txi;
      out->T[j] = T[i] == 0 ? 0 : T[i];
      out->w[j] = 0;
      tab[h] = j;
      if (2 * np > cap) {
        uint32_t *t2 = rehash(ctx, tab, &cap, out, np);
        if (!t2) {
          kw_free(ctx, tab);
          clv_pat_free(ctx, out);
          return kw_fail_nomem(ctx);
        }
        tab = t2;
      }
    }
    double wi = weight ? weight[i] : 1.0;
    out->w[j] += wi;
    total += wi;
    if (out->map) out->map[i] = j;
  }
  kw_free(ctx, tab);
  out->n = np;
  out->total_w = total;

  size_t an = np ? np : 1;
  out->ix = kw_malloc(ctx, an * sizeof(uint32_t));
  out->itx = kw_malloc(ctx, an * sizeof(uint32_t));
  out->iT = kw_malloc(ctx, an * sizeof(uint32_t));
  if (!out->ix || !out->itx || !out->iT) {
    clv_pat_free(ctx, out);
    return kw_fail_nomem(ctx);
  }
  kw_status st = unique_values(ctx, out->x, NULL, np, out->ix, NULL, &out->ux,
                               &out->nux);
  if (st == KW_OK)
    st = unique_values(ctx, out->tx, out->T, np, out->itx, out->iT, &out->ut,
                       &out->nut);
  if (st != KW_OK) {
    clv_pat_free(ctx, out);
    return st;
  }
  if (want_order) {
    sort_key *keys = kw_malloc(ctx, an * sizeof *keys);
    out->order = kw_malloc(ctx, an * sizeof(uint32_t));
    if (!keys || !out->order) {
      kw_free(ctx, keys);
      clv_pat_free(ctx, out);
      return kw_fail_nomem(ctx);
    }
    for (size_t j = 0; j < np; j++)
      keys[j] = (sort_key){out->x[j], out->T[j], out->tx[j], (uint32_t)j};
    qsort(keys, np, sizeof *keys, cmp_key);
    for (size_t j = 0; j < np; j++) out->order[j] = keys[j].idx;
    kw_free(ctx, keys);
  }
  return KW_OK;
}

kw_status clv_pat_subsample(kw_context *ctx, const clv_pat *src, size_t m,
                            clv_pat *out) {
  memset(out, 0, sizeof *out);
  size_t step = (src->n + m - 1) / (m ? m : 1);
  if (step < 1) step = 1;
  size_t k = (src->n + step - 1) / step, an = k ? k : 1;
  if (!grow_arrays(ctx, out, an)) goto nomem;
  out->ix = kw_malloc(ctx, an * sizeof(uint32_t));
  out->itx = kw_malloc(ctx, an * sizeof(uint32_t));
  out->iT = kw_malloc(ctx, an * sizeof(uint32_t));
  if (src->aux) out->aux = kw_malloc(ctx, an * sizeof(double));
  if (!out->ix || !out->itx || !out->iT || (src->aux && !out->aux)) goto nomem;
  size_t j = 0;
  for (size_t i = 0; i < src->n; i += step, j++) {
    out->x[j] = src->x[i];
    out->tx[j] = src->tx[i];
    out->T[j] = src->T[i];
    out->w[j] = src->w[i];
    out->ix[j] = src->ix[i];
    out->itx[j] = src->itx[i];
    out->iT[j] = src->iT[i];
    if (src->aux) out->aux[j] = src->aux[i];
    out->total_w += src->w[i];
  }
  out->n = j;
  out->ux = src->ux;
  out->ut = src->ut;
  out->nux = src->nux;
  out->nut = src->nut;
  out->borrowed = true;
  return KW_OK;
nomem:
  out->borrowed = true;
  clv_pat_free(ctx, out);
  return kw_fail_nomem(ctx);
}
