/*
 * kmeans.c — Lloyd's k-means with greedy k-means++ seeding, and the
 * silhouette width.
 *
 * Lloyd (1982): repeat (1) assign every row to its nearest centre (squared
 * Euclidean distance), (2) move each centre to the mean of its rows, until
 * the labels no longer change or the summed squared centre shift is at
 * most tol x the mean per-feature variance of the data. This is the
 * algorithm and the stopping rule of scikit-learn's KMeans(algorithm=
 * "lloyd"): after stopping on the shift the rows are assigned once more to
 * the final centres, and the inertia is the sum of squared distances of
 * that assignment. A cluster left empty takes the row farthest from its
 * own centre (scikit-learn relocates the same way).
 *
 * k-means++ (Arthur & Vassilvitskii 2007), greedy as in scikit-learn: the
 * first centre is a uniformly drawn row; each next one is the best, by the
 * resulting potential, of 2 + floor(ln k) rows drawn with probability
 * proportional to the squared distance to the nearest centre so far.
 * Restarts draw from one splitmix64 stream per restart, seeded from the
 * caller's seed, so the result is a function of (data, k, seed) alone.
 *
 * Silhouette (Rousseeuw 1987): for row i, a = mean distance to the other
 * rows of its cluster, b = the smallest mean distance to the rows of
 * another cluster, s = (b - a) / max(a, b); a singleton has s = 0.
 *
 * Cost: an iteration is n x k x d multiply-adds and one pass to sum the
 * means; memory is the labels (4 bytes a row) and k x d centres.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/segments.h"

void kw_kmeans_options_init(kw_kmeans_options *o) {
  memset(o, 0, sizeof *o);
  o->n_init = 4;
  o->max_iter = 300;
  o->tol = 1e-4;
  o->seed = 1;
}

typedef struct rng {
  uint64_t s;
} rng;

static uint64_t rng_next(rng *r) {
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Uniform on [0, 1). */
static double rng_unif(rng *r) {
  return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline double sqdist(const double *a, const double *b, size_t d) {
  double s = 0;
  for (size_t j = 0; j < d; j++) {
    double t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

/* Index of the first cum[i] > v (cum ascending), clipped to n - 1. */
static size_t search_cum(const double *cum, size_t n, double v) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cum[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo < n ? lo : n - 1;
}

/* Greedy k-means++ into c (k x d). closest, cum, cand, keep: n doubles
 * each (cand holds a candidate's distances, keep the best candidate's). */
static void kmeanspp(const double *x, size_t n, size_t d, size_t k,
                     double *c, rng *r, double *closest, double *cum,
                     double *cand, double *keep) {
  size_t trials = 2 + (size_t)log((double)k);
  size_t first = (size_t)(rng_unif(r) * (double)n);
  if (first >= n) first = n - 1;
  memcpy(c, x + first * d, d * sizeof *c);
  for (size_t i = 0; i < n; i++) closest[i] = sqdist(x + i * d, c, d);
  for (size_t ci = 1; ci < k; ci++) {
    double acc = 0;
    for (size_t i = 0; i < n; i++) cum[i] = (acc += closest[i]);
    size_t best = 0;
    double best_pot = DBL_MAX;
    for (size_t t = 0; t < trials; t++) {
      size_t id = search_cum(cum, n, rng_unif(r) * acc);
      const double *p = x + id * d;
      double tp = 0;
      for (size_t i = 0; i < n; i++) {
        double dd = sqdist(x + i * d, p, d);
        cand[i] = dd < closest[i] ? dd : closest[i];
        tp += cand[i];
      }
      if (tp < best_pot) {
        best_pot = tp;
        best = id;
        double *tmp = keep;
        keep = cand;
        cand = tmp;
      }
    }
    memcpy(c + ci * d, x + best * d, d * sizeof *c);
    memcpy(closest, keep, n * sizeof *closest);
  }
}

/* Assign rows to their nearest centre; returns the inertia. When sums is
 * given, also accumulates per-cluster sums and counts, and the squared
 * distance of each row to its centre in dist. */
static double assign(const double *x, size_t n, size_t d, size_t k,
                     const double *c, uint32_t *label, double *sums,
                     size_t *count, double *dist) {
  double inertia = 0;
  if (sums) {
    memset(sums, 0, k * d * sizeof *sums);
    memset(count, 0, k * sizeof *count);
  }
  for (size_t i = 0; i < n; i++) {
    const double *xi = x + i * d;
    uint32_t best = 0;
    double bd = DBL_MAX;
    for (size_t j = 0; j < k; j++) {
      double s = sqdist(xi, c + j * d, d);
      if (s < bd) {
        bd = s;
        best = (uint32_t)j;
      }
    }
    label[i] = best;
    inertia += bd;
    if (sums) {
      double *sj = sums + (size_t)best * d;
      for (size_t t = 0; t < d; t++) sj[t] += xi[t];
      count[best]++;
      dist[i] = bd;
    }
  }
  return inertia;
}

typedef struct work {
  double *cnew, *sums, *dist;
  size_t *count;
  uint32_t *old;
} work;

/* One Lloyd run from the centres in c (updated in place). */
static double lloyd(const double *x, size_t n, size_t d, size_t k, double *c,
                    uint32_t *label, size_t max_iter, double tol, work *w,
                    size_t *iters, bool *converged) {
  bool strict = false;
  size_t it = 0;
  *converged = false;
  for (it = 0; it < max_iter; it++) {
    assign(x, n, d, k, c, label, w->sums, w->count, w->dist);
    /* empty clusters take the rows farthest from their centres */
    for (size_t j = 0; j < k; j++) {
      if (w->count[j]) continue;
      size_t far = 0;
      double fd = -1;
      for (size_t i = 0; i < n; i++)
        if (w->dist[i] > fd && w->count[label[i]] > 1) {
          fd = w->dist[i];
          far = i;
        }
      if (fd < 0) continue;
      uint32_t from = label[far];
      const double *xf = x + far * d;
      for (size_t t = 0; t < d; t++) {
        w->sums[(size_t)from * d + t] -= xf[t];
        w->sums[j * d + t] = xf[t];
      }
      w->count[from]--;
      w->count[j] = 1;
      w->dist[far] = 0;
      label[far] = (uint32_t)j;
    }
    double shift = 0;
    for (size_t j = 0; j < k; j++) {
      for (size_t t = 0; t < d; t++) {
        double v = w->count[j] ? w->sums[j * d + t] / (double)w->count[j]
                               : c[j * d + t];
        double s = v - c[j * d + t];
        shift += s * s;
        w->cnew[j * d + t] = v;
      }
    }
    memcpy(c, w->cnew, k * d * sizeof *c);
    if (it > 0 && memcmp(label, w->old, n * sizeof *label) == 0) {
      strict = true;
      *converged = true;
      break;
    }
    if (shift <= tol) {
      *converged = true;
      break;
    }
    memcpy(w->old, label, n * sizeof *label);
  }
  *iters = it < max_iter ? it + 1 : max_iter;
  (void)strict;
  /* the final assignment to the final centres */
  return assign(x, n, d, k, c, label, NULL, NULL, NULL);
}

void kw_kmeans_result_free(kw_context *ctx, kw_kmeans_result *r) {
  if (!r) return;
  kw_free(ctx, r->centres);
  kw_free(ctx, r->label);
  kw_free(ctx, r->size);
  memset(r, 0, sizeof *r);
}

kw_status kw_kmeans(kw_context *ctx, const double *x, size_t n, size_t d,
                    const kw_kmeans_options *o, kw_kmeans_result *out) {
  memset(out, 0, sizeof *out);
  if (!x || !o || d == 0 || o->k == 0 || o->k > n || o->k > UINT32_MAX)
    return kw_fail(ctx, KW_EARG, "k-means needs 1 <= k <= rows (k = %zu, "
                   "rows = %zu)", o ? o->k : 0, n);
  size_t k = o->k, kd = k * d, nd;
  if (!kw_mul_size(n, d, &nd)) return kw_fail_nomem(ctx);
  /* tolerance relative to the data's mean variance (scikit-learn) */
  double var = 0;
  for (size_t t = 0; t < d; t++) {
    double m = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
      double v = x[i * d + t], dm = v - m;
      m += dm / (double)(i + 1);
      s += dm * (v - m);
    }
    var += s / (double)n;
  }
  double tol = (o->tol > 0 ? o->tol : 0) * var / (double)d;
  size_t max_iter = o->max_iter ? o->max_iter : 300;
  size_t n_init = o->init ? 1 : (o->n_init ? o->n_init : 1);
  kw_status st = KW_ENOMEM;
  work w = {0};
  double *c = kw_malloc(ctx, kd * sizeof *c);
  double *best_c = kw_malloc(ctx, kd * sizeof *best_c);
  uint32_t *label = kw_malloc(ctx, n * sizeof *label);
  uint32_t *best_l = kw_malloc(ctx, n * sizeof *best_l);
  size_t *size = kw_calloc(ctx, k, sizeof *size);
  w.cnew = kw_malloc(ctx, kd * sizeof *w.cnew);
  w.sums = kw_malloc(ctx, kd * sizeof *w.sums);
  w.count = kw_malloc(ctx, k * sizeof *w.count);
  w.dist = kw_malloc(ctx, n * sizeof *w.dist);
  w.old = kw_malloc(ctx, n * sizeof *w.old);
  double *cum = o->init ? NULL : kw_malloc(ctx, n * sizeof *cum);
  double *cand = o->init ? NULL : kw_malloc(ctx, n * sizeof *cand);
  double *keep = o->init ? NULL : kw_malloc(ctx, n * sizeof *keep);
  if (!c || !best_c || !label || !best_l || !size || !w.cnew || !w.sums ||
      !w.count || !w.dist || !w.old || (!o->init && (!cum || !cand || !keep)))
    goto fail;
  double best = DBL_MAX;
  for (size_t r = 0; r < n_init; r++) {
    if (o->init) {
      memcpy(c, o->init, kd * sizeof *c);
    } else {
      rng g = {o->seed * 0x9e3779b97f4a7c15ULL + r + 1};
      /* w.dist doubles as the closest-distance buffer here */
      kmeanspp(x, n, d, k, c, &g, w.dist, cum, cand, keep);
    }
    size_t iters;
    bool conv;
    double in = lloyd(x, n, d, k, c, label, max_iter, tol, &w, &iters, &conv);
    if (in < best) {
      best = in;
      memcpy(best_c, c, kd * sizeof *c);
      uint32_t *t = best_l;
      best_l = label;
      label = t;
      out->iterations = iters;
      out->converged = conv;
    }
  }
  for (size_t i = 0; i < n; i++) size[best_l[i]]++;
  out->k = k;
  out->d = d;
  out->centres = best_c;
  out->label = best_l;
  out->size = size;
  out->inertia = best;
  best_c = NULL;
  best_l = NULL;
  size = NULL;
  st = KW_OK;
fail:
  kw_free(ctx, c);
  kw_free(ctx, best_c);
  kw_free(ctx, label);
  kw_free(ctx, best_l);
  kw_free(ctx, size);
  kw_free(ctx, w.cnew);
  kw_free(ctx, w.sums);
  kw_free(ctx, w.count);
  kw_free(ctx, w.dist);
  kw_free(ctx, w.old);
  kw_free(ctx, cum);
  kw_free(ctx, cand);
  kw_free(ctx, keep);
  if (st) return kw_fail_nomem(ctx);
  (void)nd;
  return KW_OK;
}

double kw_silhouette(const double *x, size_t d, const uint32_t *label,
                     size_t k, const uint32_t *idx, size_t m) {
  if (k < 2 || m < 2 || k > 64) return NAN;
  double sum = 0;
  double tot[64];
  size_t cnt[64];
  memset(cnt, 0, sizeof cnt);
  for (size_t a = 0; a < m; a++) cnt[label[idx ? idx[a] : a]]++;
  for (size_t a = 0; a < m; a++) {
    size_t i = idx ? idx[a] : a;
    memset(tot, 0, k * sizeof *tot);
    for (size_t b = 0; b < m; b++) {
      size_t j = idx ? idx[b] : b;
      if (j == i) continue;
      tot[label[j]] += sqrt(sqdist(x + i * d, x + j * d, d));
    }
    uint32_t li = label[i];
    if (cnt[li] <= 1) continue; /* a singleton counts 0 */
    double ai = tot[li] / (double)(cnt[li] - 1), bi = INFINITY;
    for (size_t c = 0; c < k; c++)
      if (c != li && cnt[c] && tot[c] / (double)cnt[c] < bi)
        bi = tot[c] / (double)cnt[c];
    if (!isfinite(bi)) continue;
    double mx = ai > bi ? ai : bi;
    if (mx > 0) sum += (bi - ai) / mx;
  }
  return sum / (double)m;
}
