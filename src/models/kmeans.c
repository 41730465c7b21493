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
#include "models/segments_internal.h"

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

typedef struct work {
  double *cnew, *sums, *dist;
  size_t *count;
  uint32_t *old;
  /* Hamerly's bounds: up[i] >= |x_i - c_label|, lo[i] <= the distance to
   * the nearest other centre */
  double *up, *lo;
  double *half, *up_add, *lo_sub; /* k each */
  double *ct, *dd;
  uint32_t *todo; /* rows to measure (n) */     /* the centres transposed (d x kp), distances (kp) */
  double margin; /* pruning margin, far above any rounding of the bounds */
} work;

/* The squared distances of row xi to the k centres, from ct (the centres
 * transposed, d x kp, kp = k rounded up to 4, the extra lanes 0): four
 * centres at a time, each sum taken over t = 0..d-1 in order, so out[j]
 * is bit for bit sqdist(xi, c_j). */
static inline void dist_all(const double *xi, const double *ct, size_t kp,
                            size_t d, double *out) {
  for (size_t jb = 0; jb < kp; jb += 4) {
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    const double *r = ct + jb;
    for (size_t t = 0; t < d; t++, r += kp) {
      double xv = xi[t];
      double e0 = xv - r[0], e1 = xv - r[1], e2 = xv - r[2], e3 = xv - r[3];
      a0 += e0 * e0;
      a1 += e1 * e1;
      a2 += e2 * e2;
      a3 += e3 * e3;
    }
    out[jb] = a0;
    out[jb + 1] = a1;
    out[jb + 2] = a2;
    out[jb + 3] = a3;
  }
}

/* All k distances of row xi: the nearest (first of equals, as a scan with
 * sqdist finds it), its squared distance, and the second smallest
 * distance. */
static inline uint32_t nearest2(const double *xi, const double *ct,
                                size_t k, size_t kp, size_t d, double *dd,
                                double *bd_out, double *second) {
  dist_all(xi, ct, kp, d, dd);
  uint32_t best = 0;
  double bd = DBL_MAX, sd = DBL_MAX;
  for (size_t j = 0; j < k; j++) {
    double s = dd[j];
    if (s < bd) {
      sd = bd;
      bd = s;
      best = (uint32_t)j;
    } else if (s < sd) {
      sd = s;
    }
  }
  *bd_out = bd;
  *second = sqrt(sd);
  return best;
}

/* s[t] += xi[t], t = 0..d-1 (restrict: two at a time, each its own sum). */
static inline void add_row(double *restrict s, const double *restrict xi,
                           size_t d) {
  for (size_t t = 0; t < d; t++) s[t] += xi[t];
}

/* Labels for the centres c from the bounds (Hamerly 2010): a row keeps its
 * label when its upper bound is below both its lower bound and half the
 * distance from its centre to the nearest other centre, by more than
 * w->margin; else it gets all k distances. The labels are those of a plain
 * assignment (every row to its nearest centre, the first of equals): a row
 * is only kept where its centre is nearer than any other by far more than
 * the rounding of a distance, and every row measured is measured as
 * sqdist() does. The bounds first follow the last move of the centres
 * (w->up_add, w->lo_sub by cluster). first: no bounds yet, measure every
 * row. With sums, also the per-cluster sums (rows added in order) and
 * counts. */
static void assign_bounded(const double *x, size_t n, size_t d, size_t k,
                           const double *c, uint32_t *label, work *w,
                           bool first, double *sums, size_t *count) {
  double *half = w->half;
  for (size_t j = 0; j < k; j++) {
    double m = DBL_MAX;
    for (size_t j2 = 0; j2 < k; j2++)
      if (j2 != j) {
        double s = sqdist(c + j * d, c + j2 * d, d);
        if (s < m) m = s;
      }
    half[j] = 0.5 * sqrt(m);
  }
  size_t kp = (k + 3) & ~(size_t)3;
  double *ct = w->ct, *dd = w->dd;
  memset(ct, 0, kp * d * sizeof *ct);
  for (size_t j = 0; j < k; j++)
    for (size_t t = 0; t < d; t++) ct[t * kp + j] = c[j * d + t];
  const double mg = w->margin, *up_add = w->up_add, *lo_sub = w->lo_sub;
  double *up = w->up, *lo = w->lo;
  uint32_t *todo = w->todo;
  size_t nt = 0;
  if (first) {
    for (size_t i = 0; i < n; i++) todo[i] = (uint32_t)i;
    nt = n;
  } else {
    /* the bounds follow the centres; rows they do not settle are listed
       (no branch: the test is a coin toss for rows near a border) */
    for (size_t i = 0; i < n; i++) {
      uint32_t a = label[i];
      double u = up[i] + up_add[a], l = lo[i] - lo_sub[a];
      double m = half[a] > l ? half[a] : l;
      up[i] = u;
      lo[i] = l;
      todo[nt] = (uint32_t)i;
      nt += !(u + mg < m);
    }
  }
  for (size_t q = 0; q < nt; q++) {
    size_t i = todo[q];
    double bd;
    label[i] = nearest2(x + i * d, ct, k, kp, d, dd, &bd, &lo[i]);
    up[i] = sqrt(bd);
  }
  if (sums) {
    memset(sums, 0, k * d * sizeof *sums);
    memset(count, 0, k * sizeof *count);
    for (size_t i = 0; i < n; i++) {
      add_row(sums + (size_t)label[i] * d, x + i * d, d);
      count[label[i]]++;
    }
  }
}

/* One Lloyd run from the centres in c (updated in place). The labels,
 * centres and inertia are those of the plain iteration (assign every row
 * to its nearest centre, move each centre to its rows' mean, rows added
 * in order); the bounds only skip distances that cannot change a label. */
static double lloyd(const double *x, size_t n, size_t d, size_t k, double *c,
                    uint32_t *label, size_t max_iter, double tol, work *w,
                    size_t *iters, bool *converged) {
  size_t it = 0;
  *converged = false;
  for (it = 0; it < max_iter; it++) {
    assign_bounded(x, n, d, k, c, label, w, it == 0, w->sums, w->count);
    /* empty clusters take the rows farthest from their centres */
    bool empty = false;
    for (size_t j = 0; j < k; j++) empty |= w->count[j] == 0;
    if (empty) {
      for (size_t i = 0; i < n; i++)
        w->dist[i] = sqdist(x + i * d, c + (size_t)label[i] * d, d);
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
        w->up[far] = INFINITY; /* measured again next time */
        w->lo[far] = 0;
      }
    }
    double shift = 0, *move = w->up_add;
    for (size_t j = 0; j < k; j++) {
      double mj = 0;
      for (size_t t = 0; t < d; t++) {
        double v = w->count[j] ? w->sums[j * d + t] / (double)w->count[j]
                               : c[j * d + t];
        double s = v - c[j * d + t];
        shift += s * s;
        mj += s * s;
        w->cnew[j * d + t] = v;
      }
      move[j] = sqrt(mj);
    }
    memcpy(c, w->cnew, k * d * sizeof *c);
    /* the bounds follow the centres (applied in the next assignment): the
       own centre moved move[label] away at most, every other at most the
       largest other move nearer */
    size_t m1 = 0;
    for (size_t j = 1; j < k; j++)
      if (move[j] > move[m1]) m1 = j;
    double mv1 = move[m1], mv2 = 0;
    for (size_t j = 0; j < k; j++)
      if (j != m1 && move[j] > mv2) mv2 = move[j];
    for (size_t j = 0; j < k; j++) w->lo_sub[j] = j == m1 ? mv2 : mv1;
    if (it > 0 && memcmp(label, w->old, n * sizeof *label) == 0) {
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
  /* the final assignment to the final centres; the inertia adds each row's
     squared distance to its centre in row order, as a plain assignment
     does */
  assign_bounded(x, n, d, k, c, label, w, false, NULL, NULL);
  double inertia = 0;
  for (size_t i = 0; i < n; i++)
    inertia += sqdist(x + i * d, c + (size_t)label[i] * d, d);
  return inertia;
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
    return kw_fail_tpl(ctx, KW_EARG, "model.e.kmeans_k",
                       "k-means needs 1 <= k <= rows (k = {k}, rows = {rows})",
                       "k", KW_NUM_U(o ? o->k : 0), "rows", KW_NUM_U(n), NULL);
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
  work w = {0};
  /* the pruning margin: 1e-9 of the data's extent (the bounding box's
     diagonal plus the largest coordinate), where the rounding of a
     distance or of a bound is ~1e-13 of it */
  double ext = 0, big = 0;
  for (size_t t = 0; t < d; t++) {
    double lo = x[t], hi = x[t];
    for (size_t i = 1; i < n; i++) {
      double v = x[i * d + t];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    ext += (hi - lo) * (hi - lo);
    if (fabs(lo) > big) big = fabs(lo);
    if (fabs(hi) > big) big = fabs(hi);
  }
  w.margin = 1e-9 * (sqrt(ext) + big);
  size_t max_iter = o->max_iter ? o->max_iter : 300;
  size_t n_init = o->init ? 1 : (o->n_init ? o->n_init : 1);
  kw_status st = KW_ENOMEM;
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
  w.up = kw_malloc(ctx, n * sizeof *w.up);
  w.lo = kw_malloc(ctx, n * sizeof *w.lo);
  w.half = kw_malloc(ctx, k * sizeof *w.half);
  w.up_add = kw_malloc(ctx, k * sizeof *w.up_add);
  w.lo_sub = kw_malloc(ctx, k * sizeof *w.lo_sub);
  size_t kp = (k + 3) & ~(size_t)3;
  w.ct = kw_malloc(ctx, kp * d * sizeof *w.ct);
  w.dd = kw_malloc(ctx, kp * sizeof *w.dd);
  w.todo = kw_malloc(ctx, n * sizeof *w.todo);
  double *cum = o->init ? NULL : kw_malloc(ctx, n * sizeof *cum);
  double *cand = o->init ? NULL : kw_malloc(ctx, n * sizeof *cand);
  double *keep = o->init ? NULL : kw_malloc(ctx, n * sizeof *keep);
  if (!c || !best_c || !label || !best_l || !size || !w.cnew || !w.sums ||
      !w.count || !w.dist || !w.old || !w.up || !w.lo || !w.half ||
      !w.up_add || !w.lo_sub || !w.ct || !w.dd || !w.todo || (!o->init && (!cum || !cand || !keep)))
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
  kw_free(ctx, w.up);
  kw_free(ctx, w.lo);
  kw_free(ctx, w.half);
  kw_free(ctx, w.up_add);
  kw_free(ctx, w.lo_sub);
  kw_free(ctx, w.ct);
  kw_free(ctx, w.dd);
  kw_free(ctx, w.todo);
  kw_free(ctx, cum);
  kw_free(ctx, cand);
  kw_free(ctx, keep);
  if (st) return kw_fail_nomem(ctx);
  (void)nd;
  return KW_OK;
}

/* One point's silhouette (b - a) / max(a, b) from the sums of its
 * distances to each cluster (tot) and the cluster sizes (cnt); 0 for a
 * singleton, a point with no other cluster, or a = b = 0. */
static double point_score(const double *tot, const size_t *cnt, size_t k,
                          uint32_t li) {
  if (cnt[li] <= 1) return 0; /* a singleton counts 0 */
  double ai = tot[li] / (double)(cnt[li] - 1), bi = INFINITY;
  for (size_t c = 0; c < k; c++)
    if (c != li && cnt[c] && tot[c] / (double)cnt[c] < bi)
      bi = tot[c] / (double)cnt[c];
  if (!isfinite(bi)) return 0;
  double mx = ai > bi ? ai : bi;
  return mx > 0 ? (bi - ai) / mx : 0;
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
    sum += point_score(tot, cnt, k, label[i]);
  }
  return sum / (double)m;
}

double *kw_sil_distances(kw_context *ctx, const double *x, size_t d,
                         const uint32_t *idx, size_t m) {
  size_t mm;
  if (!kw_mul_size(m, m, &mm) || !kw_mul_size(mm, sizeof(double), &mm))
    return NULL;
  double *D = kw_malloc(ctx, mm ? mm : 1);
  if (!D) return NULL;
  for (size_t a = 0; a < m; a++) {
    const double *xa = x + (size_t)(idx ? idx[a] : a) * d;
    D[a * m + a] = 0;
    /* (x - y)^2 = (y - x)^2 exactly: the matrix is symmetric */
    for (size_t b = a + 1; b < m; b++)
      D[a * m + b] = D[b * m + a] =
          sqrt(sqdist(xa, x + (size_t)(idx ? idx[b] : b) * d, d));
  }
  return D;
}

double kw_silhouette_dist(const double *dist, const uint32_t *label,
                          size_t k, const uint32_t *idx, size_t m) {
  if (k < 2 || m < 2 || k > 64) return NAN;
  double sum = 0;
  double tot[64];
  size_t cnt[64];
  memset(cnt, 0, sizeof cnt);
  for (size_t a = 0; a < m; a++) cnt[label[idx ? idx[a] : a]]++;
  for (size_t a = 0; a < m; a++) {
    size_t i = idx ? idx[a] : a;
    const double *row = dist + a * m;
    memset(tot, 0, k * sizeof *tot);
    for (size_t b = 0; b < m; b++) {
      size_t j = idx ? idx[b] : b;
      if (j == i) continue;
      tot[label[j]] += row[b];
    }
    sum += point_score(tot, cnt, k, label[i]);
  }
  return sum / (double)m;
}
