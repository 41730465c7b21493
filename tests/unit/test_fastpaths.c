/*
 * test_fastpaths.c — the linear-time paths of the analysis steps against
 * the straightforward computations they replace, on seeded random inputs:
 *   quantiles by selection      vs a full qsort (stats/order.h);
 *   ordering by a radix sort    vs qsort of (value, id) pairs;
 *   k-means with Hamerly bounds vs the plain Lloyd iteration written out
 *                                  here (labels, centres, inertia, bit for
 *                                  bit);
 *   silhouette from distances   vs kw_silhouette;
 *   duplicate lines by hash set vs sorting the fingerprints, and the
 *                                  column-wise fingerprints vs the
 *                                  row-wise ones built with kw_hash_bytes.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/dict.h"
#include "data/quality_internal.h"
#include "data/table.h"
#include "klantwijs.h"
#include "models/segments_internal.h"
#include "report/messages.h"
#include "report/text.h"
#include "stats/order.h"

static uint64_t rs = 0x2545F4914F6CDD1DULL;
static uint64_t rnd(void) {
  rs ^= rs << 13;
  rs ^= rs >> 7;
  rs ^= rs << 17;
  return rs;
}
static double unif(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

static int cmp_d(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

/* Random values of one of several shapes: continuous, few distinct
 * values (ties), with signed zeros, with infinities. */
static double draw(int shape) {
  switch (shape) {
    case 0: return unif() * 200 - 100;
    case 1: return (double)(rnd() % 7);
    case 2: return rnd() % 3 == 0 ? (rnd() % 2 ? -0.0 : 0.0) : unif() - 0.5;
    default: {
      uint64_t r = rnd() % 10;
      return r == 0 ? INFINITY : r == 1 ? -INFINITY : (double)(rnd() % 5);
    }
  }
}

static bool same_bits(double a, double b) {
  return memcmp(&a, &b, sizeof a) == 0;
}

static void test_quantile_vs_sort(void **state) {
  (void)state;
  double *v = malloc(3000 * sizeof *v), *s = malloc(3000 * sizeof *s);
  static const double qs[] = {0, 0.25, 0.5, 0.75, 0.9, 1};
  for (int round = 0; round < 400; round++) {
    size_t n = 1 + rnd() % (round < 200 ? 40 : 3000);
    int shape = round % 4;
    for (size_t i = 0; i < n; i++) v[i] = draw(shape);
    for (size_t qi = 0; qi < sizeof qs / sizeof *qs; qi++) {
      memcpy(s, v, n * sizeof *s);
      qsort(s, n, sizeof *s, cmp_d);
      double h = (double)(n - 1) * qs[qi];
      size_t lo = (size_t)floor(h), hi = lo + 1 < n ? lo + 1 : lo;
      double want = s[lo] + (h - (double)lo) * (s[hi] - s[lo]);
      memcpy(s, v, n * sizeof *s);
      double got = kw_quantile7(s, n, qs[qi]);
      if (!(same_bits(got, want) || (isnan(got) && isnan(want))))
        fail_msg("n %zu shape %d q %g: %.17g, sort gives %.17g", n, shape,
                 qs[qi], got, want);
    }
  }
  assert_true(isnan(kw_quantile7(v, 0, 0.5)));
  free(v);
  free(s);
}

typedef struct vi {
  double v;
  uint32_t i;
} vi;
static int cmp_vi(const void *x, const void *y) {
  const vi *a = x, *b = y;
  if (a->v != b->v) return a->v < b->v ? -1 : 1;
  return (a->i > b->i) - (a->i < b->i);
}

static void test_order_vs_sort(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  size_t N = 5000;
  double *key = malloc(N * sizeof *key);
  uint32_t *ids = malloc(N * sizeof *ids);
  vi *ref = malloc(N * sizeof *ref);
  for (int round = 0; round < 200; round++) {
    size_t n = rnd() % N;
    int shape = round % 4;
    for (size_t i = 0; i < n; i++) key[i] = draw(shape);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
      if (rnd() % 4) {
        ids[m] = (uint32_t)i;
        ref[m].v = key[i];
        ref[m++].i = (uint32_t)i;
      }
    qsort(ref, m, sizeof *ref, cmp_vi);
    assert_int_equal(kw_order_by_double(ctx, key, ids, m), KW_OK);
    for (size_t j = 0; j < m; j++)
      if (ids[j] != ref[j].i)
        fail_msg("round %d position %zu: id %u, sort gives %u", round, j,
                 ids[j], ref[j].i);
  }
  free(key);
  free(ids);
  free(ref);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------- k-means */

static double sqd(const double *a, const double *b, size_t d) {
  double s = 0;
  for (size_t j = 0; j < d; j++) {
    double t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

/* The plain Lloyd iteration of kmeans.c before the bounds, from centres c:
 * returns the inertia, labels in lab, centres in c. */
static double plain_lloyd(const double *x, size_t n, size_t d, size_t k,
                          double *c, uint32_t *lab, double tol,
                          size_t max_iter, size_t *iters, bool *conv) {
  double *sums = malloc(k * d * sizeof *sums), *cn = malloc(k * d * sizeof *cn);
  double *dist = malloc(n * sizeof *dist);
  size_t *cnt = malloc(k * sizeof *cnt);
  uint32_t *old = malloc(n * sizeof *old);
  size_t it;
  *conv = false;
  for (it = 0; it < max_iter; it++) {
    memset(sums, 0, k * d * sizeof *sums);
    memset(cnt, 0, k * sizeof *cnt);
    for (size_t i = 0; i < n; i++) {
      uint32_t best = 0;
      double bd = DBL_MAX;
      for (size_t j = 0; j < k; j++) {
        double s = sqd(x + i * d, c + j * d, d);
        if (s < bd) bd = s, best = (uint32_t)j;
      }
      lab[i] = best;
      for (size_t t = 0; t < d; t++) sums[best * d + t] += x[i * d + t];
      cnt[best]++;
      dist[i] = bd;
    }
    for (size_t j = 0; j < k; j++) {
      if (cnt[j]) continue;
      size_t far = 0;
      double fd = -1;
      for (size_t i = 0; i < n; i++)
        if (dist[i] > fd && cnt[lab[i]] > 1) fd = dist[i], far = i;
      if (fd < 0) continue;
      uint32_t from = lab[far];
      for (size_t t = 0; t < d; t++) {
        sums[from * d + t] -= x[far * d + t];
        sums[j * d + t] = x[far * d + t];
      }
      cnt[from]--;
      cnt[j] = 1;
      dist[far] = 0;
      lab[far] = (uint32_t)j;
    }
    double shift = 0;
    for (size_t j = 0; j < k; j++)
      for (size_t t = 0; t < d; t++) {
        double v = cnt[j] ? sums[j * d + t] / (double)cnt[j] : c[j * d + t];
        shift += (v - c[j * d + t]) * (v - c[j * d + t]);
        cn[j * d + t] = v;
      }
    memcpy(c, cn, k * d * sizeof *c);
    if (it > 0 && memcmp(lab, old, n * sizeof *lab) == 0) {
      *conv = true;
      break;
    }
    if (shift <= tol) {
      *conv = true;
      break;
    }
    memcpy(old, lab, n * sizeof *lab);
  }
  *iters = it < max_iter ? it + 1 : max_iter;
  double inertia = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t best = 0;
    double bd = DBL_MAX;
    for (size_t j = 0; j < k; j++) {
      double s = sqd(x + i * d, c + j * d, d);
      if (s < bd) bd = s, best = (uint32_t)j;
    }
    lab[i] = best;
    inertia += bd;
  }
  free(sums);
  free(cn);
  free(dist);
  free(cnt);
  free(old);
  return inertia;
}

static void test_kmeans_vs_plain(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 60; round++) {
    size_t n = 20 + rnd() % 3000, d = 1 + rnd() % 10, k = 1 + rnd() % 11;
    if (k > n) k = n;
    double *x = malloc(n * d * sizeof *x);
    int shape = round % 3;
    size_t groups = 1 + rnd() % 6;
    for (size_t i = 0; i < n; i++) {
      size_t g = rnd() % groups;
      for (size_t t = 0; t < d; t++)
        x[i * d + t] = shape == 0   ? (double)g * 3 + unif() * 4
                       : shape == 1 ? (double)(rnd() % 3) /* ties */
                                    : 1e6 + unif();    /* far from 0 */
    }
    /* start centres: k rows (repeats allowed: empty clusters happen) */
    double *c0 = malloc(k * d * sizeof *c0), *c = malloc(k * d * sizeof *c);
    for (size_t j = 0; j < k; j++)
      memcpy(c0 + j * d, x + (rnd() % n) * d, d * sizeof *c0);
    memcpy(c, c0, k * d * sizeof *c);
    uint32_t *lab = malloc(n * sizeof *lab);
    kw_kmeans_options o;
    kw_kmeans_options_init(&o);
    o.k = k;
    o.init = c0;
    if (round % 5 == 0) o.max_iter = 3;
    /* the tolerance as kw_kmeans computes it */
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
    size_t it;
    bool conv;
    double in = plain_lloyd(x, n, d, k, c, lab, o.tol * var / (double)d,
                            o.max_iter, &it, &conv);
    kw_kmeans_result r;
    assert_int_equal(kw_kmeans(ctx, x, n, d, &o, &r), KW_OK);
    if (!same_bits(r.inertia, in))
      fail_msg("round %d (n %zu d %zu k %zu): inertia %.17g, plain %.17g",
               round, n, d, k, r.inertia, in);
    assert_memory_equal(r.label, lab, n * sizeof *lab);
    assert_memory_equal(r.centres, c, k * d * sizeof *c);
    assert_int_equal(r.iterations, it);
    assert_int_equal(r.converged, conv);
    kw_kmeans_result_free(ctx, &r);
    free(x);
    free(c0);
    free(c);
    free(lab);
  }
  kw_context_free(ctx);
}

static void test_silhouette_from_distances(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  for (int round = 0; round < 20; round++) {
    size_t n = 50 + rnd() % 400, d = 1 + rnd() % 9, k = 2 + rnd() % 7;
    double *x = malloc(n * d * sizeof *x);
    uint32_t *lab = malloc(n * sizeof *lab), *idx = malloc(n * sizeof *idx);
    for (size_t i = 0; i < n * d; i++) x[i] = round % 2 ? unif() : (double)(rnd() % 3);
    for (size_t i = 0; i < n; i++) lab[i] = (uint32_t)(rnd() % k);
    size_t m = 2 + rnd() % (n - 2);
    for (size_t a = 0; a < m; a++) idx[a] = (uint32_t)((a * 7919) % n);
    const uint32_t *ix = round % 3 == 0 ? NULL : idx;
    if (!ix) m = n;
    double *D = kw_sil_distances(ctx, x, d, ix, m);
    assert_non_null(D);
    double want = kw_silhouette(x, d, lab, k, ix, m);
    double got = kw_silhouette_dist(D, lab, k, ix, m);
    if (!same_bits(got, want))
      fail_msg("round %d: %.17g, kw_silhouette %.17g", round, got, want);
    kw_free(ctx, D);
    free(x);
    free(lab);
    free(idx);
  }
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ duplicates */

static int cmp_u64(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return (a > b) - (a < b);
}

static void test_repeats_vs_sort(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  size_t N = 200000;
  uint64_t *fp = malloc(N * sizeof *fp), *s = malloc(N * sizeof *s);
  for (int round = 0; round < 40; round++) {
    size_t n = round < 10 ? rnd() % 20 : rnd() % N;
    for (size_t i = 0; i < n; i++) {
      uint64_t r = rnd() % 10;
      fp[i] = r == 0 && i ? fp[rnd() % i]                 /* a repeat */
              : r == 1    ? 0                             /* zero */
              : r == 2    ? rnd() & 0xFFFF                /* one bucket */
              : round % 3 == 0 ? rnd() % 1000 : rnd();
    }
    memcpy(s, fp, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_u64);
    size_t want = 0;
    for (size_t i = 1; i < n; i++) want += s[i] == s[i - 1];
    kw_status st;
    size_t got = kw_quality_repeats(ctx, fp, n, &st);
    assert_int_equal(st, KW_OK);
    if (got != want) fail_msg("round %d n %zu: %zu, sort gives %zu", round, n, got, want);
  }
  free(fp);
  free(s);
  kw_context_free(ctx);
}

/* The row-wise fingerprint quality.c used before (kw_hash_bytes). */
static uint64_t row_hash_ref(const kw_table *t, size_t r) {
  uint64_t h = 0x2545F4914F6CDD1Dull;
  for (size_t j = 0; j < kw_table_ncols(t); j++) {
    const kw_column *c = kw_table_col(t, j);
    uint64_t v = 0;
    switch (c->type) {
      case KW_TYPE_TEXT: v = c->v.text[r]; break;
      case KW_TYPE_DATE: v = (uint64_t)(uint32_t)c->v.date[r]; break;
      case KW_TYPE_MONEY: v = (uint64_t)c->v.money[r]; break;
      case KW_TYPE_NUMBER: memcpy(&v, &c->v.number[r], sizeof v); break;
      case KW_TYPE_FLAG: v = (uint64_t)(uint8_t)c->v.flag[r]; break;
    }
    h = kw_hash_bytes(&v, sizeof v) ^ (h * 0x9E3779B97F4A7C15ull + j);
  }
  return h;
}

static void test_fingerprints_vs_rowwise(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  size_t n = 5000;
  kw_dataset *ds = kw_dataset_new(ctx);
  kw_table *t = kw_table_new(ctx, KW_TABLE_TRANSACTIONS);
  uint32_t *cu = kw_malloc(ctx, n * sizeof *cu);
  int32_t *dt = kw_malloc(ctx, n * sizeof *dt);
  int64_t *am = kw_malloc(ctx, n * sizeof *am);
  double *qt = kw_malloc(ctx, n * sizeof *qt);
  int8_t *fl = kw_malloc(ctx, n * sizeof *fl);
  char name[32];
  for (size_t i = 0; i < n; i++) {
    int len = snprintf(name, sizeof name, "K%u", (unsigned)(rnd() % 300));
    assert_int_equal(kw_dict_intern(ctx, kw_dataset_customers_mut(ds), name,
                                    (size_t)len, &cu[i], NULL), KW_OK);
    dt[i] = rnd() % 20 ? 18000 + (int32_t)(rnd() % 400) : KW_NA_DATE;
    am[i] = rnd() % 20 ? (int64_t)(rnd() % 100000) - 1000 : KW_NA_MONEY;
    qt[i] = rnd() % 10 ? (double)(rnd() % 5) : (rnd() % 2 ? NAN : -0.0);
    fl[i] = (int8_t)(rnd() % 3) - 1;
  }
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                   KW_TYPE_TEXT, kw_dataset_customers(ds), NULL, cu, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "datum", KW_ROLE_DATE,
                   KW_TYPE_DATE, NULL, NULL, dt, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "bedrag", KW_ROLE_AMOUNT,
                   KW_TYPE_MONEY, NULL, NULL, am, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "aantal", KW_ROLE_QUANTITY,
                   KW_TYPE_NUMBER, NULL, NULL, qt, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "akkoord", KW_ROLE_CONSENT,
                   KW_TYPE_FLAG, NULL, NULL, fl, NULL), KW_OK);
  kw_table_set_rows(t, n);
  kw_dataset_set_table(ds, t);
  uint64_t *fp = malloc(n * sizeof *fp);
  kw_quality_fingerprints(t, fp, n);
  for (size_t r = 0; r < n; r++)
    if (fp[r] != row_hash_ref(t, r)) fail_msg("line %zu differs", r);
  free(fp);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_quantile_vs_sort),
      cmocka_unit_test(test_order_vs_sort),
      cmocka_unit_test(test_kmeans_vs_plain),
      cmocka_unit_test(test_silhouette_from_distances),
      cmocka_unit_test(test_repeats_vs_sort),
      cmocka_unit_test(test_fingerprints_vs_rowwise),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
