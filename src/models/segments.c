/*
 * segments.c — rule segments, behavioural clusters and personas over an
 * analysis (klantwijs/segments.h).
 *
 * Rule segments. Every buying customer gets the code of the chosen
 * attribute (and of the crossed one); customers are grouped by code, and
 * groups of fewer than min_group customers are merged into "other" by the
 * library's one privacy rule (kw_groups_compute_codes, klantwijs/groups.h).
 * Per group: customers, revenue, contribution (customers
 * with a known cost), CLV (sum and mean over the horizon), churn rate
 * (churned / customers with a churn status), NPS (% promoters 9-10 minus %
 * detractors 0-6 over each customer's latest score; only with at least
 * min_group answers, else a few customers' own scores would show), mean
 * fit, and the
 * group's share of customers, revenue, contribution and CLV.
 *
 * Clusters. Features per buyer: log(1 + days since the last purchase),
 * log(1 + orders), log(1 + revenue), days since the first purchase,
 * margin (contribution / revenue), distinct categories, average days paid
 * late (signed log: sign(x) log(1 + |x|)), discount share (discount /
 * (revenue + discount)) and the latest NPS score. A feature is used when at least half of the buyers have it
 * (NPS: at least a fifth) and it varies; a missing value takes the
 * median. Each feature is scaled robustly, (x - median) / IQR (the MAD x
 * 1.4826 when the IQR is 0, the range when that is 0 too) and clipped at
 * +-3, so that a few whales or very late payers do not claim a cluster of
 * their own.
 * Categorical attributes (sector, size, region, ...) do not enter the
 * distances: they profile the clusters afterwards (lift), which keeps the
 * geometry Euclidean and the clusters about behaviour; k-prototypes would
 * mix a matching distance with an arbitrary weight against the numbers.
 *
 * k is chosen from 3..k_max by the mean silhouette on a random sample of
 * `sample` buyers (seeded; the report names the sample size and the seed):
 * fewer than 3 groups say little an owner can act on. With more than
 * 50,000 buyers, k is chosen on a seeded sample of 50,000 and the final
 * clustering is fitted on all. Clusters are numbered by revenue, largest
 * first; a cluster of fewer than min_group customers gets no persona (its
 * customers count as "other").
 *
 * Personas. Per cluster: size, shares of revenue and contribution, medians
 * (orders a year over the observed life of at least a year, revenue per
 * order, recency, tenure, margin, days late), the three categories with
 * most revenue bought by at least min_group of its customers, the most
 * common acquisition channel and payment class (at least min_group
 * customers), NPS, the share at risk or churned, mean CLV and fit, the
 * most common action of the plan, and up to six traits: attribute values
 * with lift >= 1.25 held by at least min_group and 10% of its customers, and
 * features whose median lies at least half an IQR from the overall one.
 * The name combines a kind (from the largest scaled centre coordinate:
 * loyal, big spenders, dormant, ...) with the sector, size and province
 * that are over-represented (lift >= 1.2, share >= 25%, min_group).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/segments_internal.h"
#include "stats/order.h"

#define KW_SEG_K_CAP 15
#define KW_SEG_CHOOSE_MAX 50000
#define KW_SEG_SIL_MATRIX_MAX 2500 /* silhouette samples up to 50 MB */
#define KW_SEG_CLIP 3.0

struct kw_segments {
  kw_context *ctx;
  const kw_analysis *a;
  kw_segments_options o;
  kw_seg_attrs at;
  /* rule segments */
  kw_seg_attr by, cross;
  size_t nrows;
  kw_segment_row *rows;
  kw_segment_row total;
  char **row_keys;          /* per row: "key" or "key / key2" */
  uint32_t *cust_row;       /* per customer: row, UINT32_MAX none */
  /* clusters */
  kw_cluster_info ci;
  int32_t *cluster;         /* per customer, -1 none */
  size_t npersonas;
  kw_persona *personas;
  /* fit */
  double *fit;              /* per customer (owned or the analysis's) */
  uint32_t *met;
  bool fit_owned;
  char fit_buf[512];
};

static const char *const seg_keys[KW_SEG__COUNT] = {
#define KW_X_SEGA(e, key) [e] = key,
    KW_SEG_ATTR_LIST(KW_X_SEGA)
#undef KW_X_SEGA
};
static const char *const feat_keys[KW_FEAT__COUNT] = {
#define KW_X_FEAT(e, key) [e] = key,
    KW_FEATURE_LIST(KW_X_FEAT)
#undef KW_X_FEAT
};
static const char *const pk_keys[KW_PK__COUNT] = {
#define KW_X_PK(e, key) [e] = key,
    KW_PERSONA_KIND_LIST(KW_X_PK)
#undef KW_X_PK
};

const char *kw_seg_attr_key(kw_seg_attr a) {
  return (unsigned)a < KW_SEG__COUNT ? seg_keys[a] : "";
}
kw_seg_attr kw_seg_attr_from_key(const char *key) {
  for (int a = 0; key && a < KW_SEG__COUNT; a++)
    if (strcmp(key, seg_keys[a]) == 0) return (kw_seg_attr)a;
  return KW_SEG__COUNT;
}
const char *kw_feature_key(kw_feature f) {
  return (unsigned)f < KW_FEAT__COUNT ? feat_keys[f] : "";
}
const char *kw_persona_kind_key(kw_persona_kind k) {
  return (unsigned)k < KW_PK__COUNT ? pk_keys[k] : "";
}

void kw_segments_options_init(kw_segments_options *o) {
  memset(o, 0, sizeof *o);
  o->by = KW_SEG__COUNT;
  o->cross = KW_SEG__COUNT;
  o->k_max = 8;
  o->n_init = 4;
  o->sample = 2000;
  o->clusters = true;
}

/* ------------------------------------------------------------ helpers */

/* Type-7 quantile of v[0..n) (reordered: selection, stats/order.h); NaN
 * when n = 0. */
static double quantile(double *v, size_t n, double q) {
  return kw_quantile7(v, n, q);
}

static bool buyer(const kw_analysis *a, size_t i) {
  return a->s->first[i] != KW_NA_DATE;
}

/* ------------------------------------------------------------ features */

static double feature_of(const kw_analysis *a, kw_feature f, size_t i) {
  const kw_customer_summary *s = a->s;
  switch (f) {
    case KW_FEAT_RECENCY: return log1p((double)(a->as_of - s->last[i]));
    case KW_FEAT_FREQUENCY: return log1p((double)s->orders[i]);
    case KW_FEAT_MONETARY: {
      double r = (double)s->revenue[i] / 100.0;
      return log1p(r > 0 ? r : 0);
    }
    case KW_FEAT_TENURE: return (double)(a->as_of - s->first[i]);
    case KW_FEAT_MARGIN:
      if (a->pd && !(a->pd->flags[i] & KW_PROFIT_NO_COST) &&
          s->revenue[i] > 0)
        return (double)a->pd->contribution[i] / (double)s->revenue[i];
      return NAN;
    case KW_FEAT_CATEGORIES:
      return s->has_category ? (double)s->n_categories[i] : NAN;
    case KW_FEAT_DAYS_LATE:
      if (a->pp && i < a->pp->n && a->pp->settled[i] > 0) {
        double v = a->pp->days_late[i];
        return v < 0 ? -log1p(-v) : log1p(v);
      }
      return NAN;
    case KW_FEAT_DISCOUNT: {
      double d = (double)s->discount[i], r = (double)s->revenue[i];
      return r + d > 0 ? d / (r + d) : NAN;
    }
    case KW_FEAT_NPS: return a->nps_score ? a->nps_score[i] : NAN;
    default: return NAN;
  }
}

/* A feature in the unit a persona card shows. */
static double feature_natural(kw_feature f, double v) {
  switch (f) {
    case KW_FEAT_RECENCY:
    case KW_FEAT_FREQUENCY:
    case KW_FEAT_MONETARY: return expm1(v);
    case KW_FEAT_DAYS_LATE: return v < 0 ? -expm1(-v) : expm1(v);
    default: return v;
  }
}

typedef struct featmat {
  size_t n, d;
  uint32_t *row;              /* buyer number -> customer */
  double *x;                  /* n x d, scaled */
  kw_feature f[KW_FEAT__COUNT];
  double med[KW_FEAT__COUNT], scale[KW_FEAT__COUNT];
  double *col[KW_FEAT__COUNT]; /* feature j of buyer b, unscaled (NaN:
                                  unknown) */
} featmat;

static kw_status build_features(kw_context *ctx, const kw_analysis *a,
                                featmat *fm) {
  memset(fm, 0, sizeof *fm);
  /* each chosen feature's values, kept for the matrix (feature_of once) */
  double *keep[KW_FEAT__COUNT] = {NULL};
  size_t nb = 0;
  for (size_t i = 0; i < a->n; i++) nb += buyer(a, i);
  fm->n = nb;
  fm->row = kw_malloc(ctx, (nb ? nb : 1) * sizeof *fm->row);
  double *col = kw_malloc(ctx, (nb ? nb : 1) * sizeof *col);
  double *tmp = kw_malloc(ctx, (nb ? nb : 1) * sizeof *tmp);
  if (!fm->row || !col || !tmp) goto nomem;
  nb = 0;
  for (size_t i = 0; i < a->n; i++)
    if (buyer(a, i)) fm->row[nb++] = (uint32_t)i;
  /* which features: present for enough buyers and varying */
  for (int f = 0; f < KW_FEAT__COUNT; f++) {
    size_t m = 0;
    for (size_t b = 0; b < nb; b++) {
      double v = col[b] = feature_of(a, (kw_feature)f, fm->row[b]);
      if (!isnan(v)) tmp[m++] = v;
    }
    double need = f == KW_FEAT_NPS ? 0.2 : 0.5;
    if (m == 0 || (double)m < need * (double)nb) continue;
    double med = quantile(tmp, m, 0.5);
    double iqr = quantile(tmp, m, 0.75) - quantile(tmp, m, 0.25);
    double scale = iqr;
    if (!(scale > 0)) {
      for (size_t j = 0; j < m; j++) tmp[j] = fabs(tmp[j] - med);
      scale = 1.4826 * quantile(tmp, m, 0.5);
    }
    if (!(scale > 0)) { /* the MAD is 0 too: the spread of what differs */
      double lo = INFINITY, hi = -INFINITY;
      for (size_t b = 0; b < nb; b++) {
        double v = col[b];
        if (isnan(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      scale = hi - lo;
    }
    if (!(scale > 0) || !isfinite(scale)) continue;
    keep[fm->d] = col;
    col = kw_malloc(ctx, (nb ? nb : 1) * sizeof *col);
    if (!col) goto nomem;
    fm->f[fm->d] = (kw_feature)f;
    fm->med[fm->d] = med;
    fm->scale[fm->d] = scale;
    fm->d++;
  }
  if (fm->d == 0) {
    kw_free(ctx, col);
    kw_free(ctx, tmp);
    return KW_OK;
  }
  size_t nd;
  if (!kw_mul_size(nb, fm->d, &nd)) goto nomem;
  fm->x = kw_malloc(ctx, (nd ? nd : 1) * sizeof *fm->x);
  if (!fm->x) goto nomem;
  for (size_t j = 0; j < fm->d; j++) {
    const double *v = keep[j];
    for (size_t b = 0; b < nb; b++) {
      double z = isnan(v[b]) ? 0 : (v[b] - fm->med[j]) / fm->scale[j];
      /* winsorised at KW_SEG_CLIP scale units: a few extreme customers
         should not claim a cluster of their own */
      fm->x[b * fm->d + j] = z > KW_SEG_CLIP ? KW_SEG_CLIP
                             : z < -KW_SEG_CLIP ? -KW_SEG_CLIP : z;
    }
  }
  for (size_t j = 0; j < fm->d; j++) fm->col[j] = keep[j];
  kw_free(ctx, col);
  kw_free(ctx, tmp);
  return KW_OK;
nomem:
  for (size_t j = 0; j < KW_FEAT__COUNT; j++) kw_free(ctx, keep[j]);
  kw_free(ctx, col);
  kw_free(ctx, tmp);
  return kw_fail_nomem(ctx);
}

static void featmat_free(kw_context *ctx, featmat *fm) {
  kw_free(ctx, fm->row);
  kw_free(ctx, fm->x);
  for (size_t j = 0; j < KW_FEAT__COUNT; j++) kw_free(ctx, fm->col[j]);
}

/* A seeded sample of m of n indices (partial Fisher-Yates). */
static uint32_t *sample_idx(kw_context *ctx, size_t n, size_t m,
                            uint64_t seed) {
  uint32_t *idx = kw_malloc(ctx, (n ? n : 1) * sizeof *idx);
  if (!idx) return NULL;
  for (size_t i = 0; i < n; i++) idx[i] = (uint32_t)i;
  uint64_t s = seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
  for (size_t i = 0; i < m && i < n; i++) {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    size_t j = i + (size_t)(s % (uint64_t)(n - i));
    uint32_t t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx;
}

/* --------------------------------------------------------------- clusters */

static kw_status cluster(kw_segments *sg, const featmat *fm) {
  kw_context *ctx = sg->ctx;
  const kw_analysis *a = sg->a;
  kw_cluster_info *ci = &sg->ci;
  size_t mg = sg->o.min_group;
  ci->note = "";
  ci->seed = kw_context_seed(ctx);
  ci->customers = fm->n;
  ci->n_features = fm->d;
  for (size_t j = 0; j < fm->d; j++) ci->features[j] = fm->f[j];
  for (size_t k = 0; k <= KW_SEG_K_CAP; k++) ci->silhouette[k] = NAN;
  size_t kmax = sg->o.k_max ? sg->o.k_max : 8;
  if (kmax > KW_SEG_K_CAP) kmax = KW_SEG_K_CAP;
  if (fm->d == 0) {
    ci->note = "no_features";
    return KW_OK;
  }
  if (fm->n < 3 * mg || fm->n < 6) {
    ci->note = "too_few";
    return KW_OK;
  }
  while (kmax > 3 && kmax * mg > fm->n) kmax--;
  kw_kmeans_options ko;
  kw_kmeans_options_init(&ko);
  ko.seed = ci->seed;
  ko.n_init = sg->o.n_init ? sg->o.n_init : 4;
  size_t k = sg->o.k;
  kw_status st = KW_OK;
  if (k > fm->n) k = fm->n;
  if (k > KW_SEG_K_CAP) k = KW_SEG_K_CAP;
  /* k from 3..kmax by the silhouette (or the caller's k), each with
   * seeded restarts; on a seeded sample of KW_SEG_CHOOSE_MAX rows when the
   * data are larger, and then one Lloyd run on all rows from the sample's
   * best centres */
  size_t nc = fm->n > KW_SEG_CHOOSE_MAX ? KW_SEG_CHOOSE_MAX : fm->n;
  uint32_t *ix = NULL;
  double *xs = fm->x;
  if (nc < fm->n) {
    ix = sample_idx(ctx, fm->n, nc, ci->seed + 1);
    xs = ix ? kw_malloc(ctx, nc * fm->d * sizeof *xs) : NULL;
    if (!xs) {
      kw_free(ctx, ix);
      return kw_fail_nomem(ctx);
    }
    for (size_t r = 0; r < nc; r++)
      memcpy(xs + r * fm->d, fm->x + (size_t)ix[r] * fm->d,
             fm->d * sizeof *xs);
    kw_free(ctx, ix);
  }
  size_t m = sg->o.sample ? sg->o.sample : 2000;
  if (m > nc) m = nc;
  uint32_t *sidx = sample_idx(ctx, nc, m, ci->seed);
  if (!sidx) st = kw_fail_nomem(ctx);
  ci->sample = m;
  ci->k_chosen = k == 0;
  ci->k_min = k ? k : 3;
  ci->k_max = k ? k : kmax;
  double best = -INFINITY;
  kw_kmeans_result r, kept = {0};
  /* the sample's distances, measured once for every k (m = 2,000: 32 MB) */
  double *sdist = NULL;
  if (!st && ci->k_max > ci->k_min && m <= KW_SEG_SIL_MATRIX_MAX)
    sdist = kw_sil_distances(ctx, xs, fm->d, sidx, m);
  for (size_t kk = ci->k_min; !st && kk <= ci->k_max; kk++) {
    ko.k = kk;
    if ((st = kw_kmeans(ctx, xs, nc, fm->d, &ko, &r))) break;
    double sl = sdist ? kw_silhouette_dist(sdist, r.label, kk, sidx, m)
                      : kw_silhouette(xs, fm->d, r.label, kk, sidx, m);
    ci->silhouette[kk] = sl;
    if (sl > best + 1e-12 || !kept.k) {
      best = sl;
      kw_kmeans_result_free(ctx, &kept);
      kept = r;
    } else {
      kw_kmeans_result_free(ctx, &r);
    }
  }
  kw_free(ctx, sidx);
  kw_free(ctx, sdist);
  if (!st && xs != fm->x) {
    kw_kmeans_options fo = ko;
    fo.k = kept.k;
    fo.init = kept.centres;
    st = kw_kmeans(ctx, fm->x, fm->n, fm->d, &fo, &r);
    kw_kmeans_result_free(ctx, &kept);
    if (!st) kept = r;
  }
  if (xs != fm->x) kw_free(ctx, xs);
  if (st) {
    kw_kmeans_result_free(ctx, &kept);
    return st;
  }
  r = kept;
  k = r.k;
  ci->k = k;
  ci->inertia = r.inertia;
  /* number clusters by revenue, largest first */
  int64_t rev[KW_SEG_K_CAP + 1] = {0};
  for (size_t b = 0; b < fm->n; b++)
    rev[r.label[b]] += a->s->revenue[fm->row[b]];
  size_t order[KW_SEG_K_CAP + 1], rank[KW_SEG_K_CAP + 1];
  for (size_t c = 0; c < k; c++) order[c] = c;
  for (size_t i = 1; i < k; i++)
    for (size_t j = i; j > 0 && rev[order[j]] > rev[order[j - 1]]; j--) {
      size_t t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  for (size_t c = 0; c < k; c++) rank[order[c]] = c;
  /* the one privacy rule (klantwijs/groups.h): a cluster of fewer than
     min_group customers gets no persona; its customers count as "other" */
  uint32_t *raw = kw_malloc(ctx, (fm->n ? fm->n : 1) * sizeof *raw);
  if (!raw) {
    kw_kmeans_result_free(ctx, &r);
    return kw_fail_nomem(ctx);
  }
  for (size_t b = 0; b < fm->n; b++) raw[b] = (uint32_t)rank[r.label[b]];
  kw_kmeans_result_free(ctx, &r);
  kw_groups_options go;
  kw_groups_options_init(&go);
  go.min_group = mg;
  kw_groups *g = NULL;
  st = kw_groups_compute_codes(ctx, raw, fm->n, k, NULL, NULL, &go, &g);
  bool shown[KW_SEG_K_CAP + 1] = {false};
  if (!st) {
    const kw_groups_data *gv = kw_groups_view(g);
    for (size_t i = 0; i < a->n; i++) sg->cluster[i] = -1;
    for (size_t b = 0; b < fm->n; b++) {
      uint32_t gc = gv->code[b];
      if (gc == KW_NA_ID || gv->kind[gc] != KW_GROUP_VALUE) continue;
      sg->cluster[fm->row[b]] = (int32_t)raw[b];
      shown[raw[b]] = true;
    }
    ci->merged = gv->merged_groups;
  }
  kw_groups_free(g);
  kw_free(ctx, raw);
  if (st) return st;
  /* personas: one per cluster shown, in cluster order */
  sg->personas = kw_calloc(ctx, k, sizeof *sg->personas);
  if (!sg->personas) return kw_fail_nomem(ctx);
  for (size_t c = 0; c < k; c++) {
    if (!shown[c]) continue;
    kw_persona *p = &sg->personas[sg->npersonas++];
    p->cluster = c;
    p->kind = KW_PK_STEADY;
  }
  return KW_OK;
}

/* ---------------------------------------------------------- rule segments */

static void add_customer(const kw_segments *sg, kw_segment_row *row,
                         size_t i, size_t *status_n, size_t *churned,
                         size_t *prom, size_t *det, size_t *fit_n,
                         double *fit_sum, size_t *clv_n) {
  const kw_analysis *a = sg->a;
  row->customers++;
  row->revenue += a->s->revenue[i];
  if (a->pd && !(a->pd->flags[i] & KW_PROFIT_NO_COST))
    row->contribution += a->pd->contribution[i];
  if (a->have_clv && !isnan(a->clv[i])) {
    row->clv = (isnan(row->clv) ? 0 : row->clv) + a->clv[i];
    (*clv_n)++;
  }
  if (a->cc && i < a->cc->n && a->cc->status[i] != KW_CHURN_NONE) {
    (*status_n)++;
    *churned += a->cc->status[i] == KW_CHURN_CHURNED;
  }
  if (a->nps_score && !isnan(a->nps_score[i])) {
    row->nps_n++;
    *prom += a->nps_score[i] >= 9;
    *det += a->nps_score[i] <= 6;
  }
  if (sg->fit && !isnan(sg->fit[i])) {
    (*fit_n)++;
    *fit_sum += sg->fit[i];
  }
}

typedef struct acc {
  size_t status_n, churned, prom, det, fit_n, clv_n;
  double fit_sum;
} acc;

static void finish_row(kw_segment_row *row, const acc *c, size_t mg) {
  row->churn_rate = c->status_n ? (double)c->churned / (double)c->status_n
                                : NAN;
  /* NPS over fewer than min_group answers would show a few customers'
     own scores: left out */
  row->nps = row->nps_n >= mg ? 100.0 * ((double)c->prom - (double)c->det) /
                                    (double)row->nps_n
                              : NAN;
  row->fit = c->fit_n ? c->fit_sum / (double)c->fit_n : NAN;
  row->clv_mean = c->clv_n ? row->clv / (double)c->clv_n : NAN;
}

static double share(double part, double whole) {
  return whole > 0 ? part / whole : NAN;
}

static kw_status rule_segments(kw_segments *sg) {
  kw_context *ctx = sg->ctx;
  const kw_analysis *a = sg->a;
  kw_seg_attrs *at = &sg->at;
  size_t n = a->n;
  size_t n1 = at->ncodes[sg->by];
  size_t n2 = sg->cross < KW_SEG__COUNT ? at->ncodes[sg->cross] : 1;
  size_t nc;
  if (!kw_mul_size(n1, n2, &nc) || nc > ((size_t)1 << 24))
    return kw_fail_tpl(
        ctx, KW_EARG, "model.e.segments_combinations",
        "segments: {by} x {cross} has too many combinations ({n1} x {n2})",
        "by", seg_keys[sg->by], "cross", seg_keys[sg->cross], "n1",
        KW_NUM_U(n1), "n2", KW_NUM_U(n2), NULL);
  uint32_t *code = kw_malloc(ctx, (n ? n : 1) * sizeof *code);
  bool *use = kw_calloc(ctx, n ? n : 1, sizeof *use);
  kw_groups *gr = NULL;
  acc *accs = NULL;
  kw_status st = KW_OK;
  if (!code || !use) goto nomem;
  for (size_t i = 0; i < n; i++) {
    code[i] = KW_NA_ID;
    if (!buyer(a, i)) continue;
    use[i] = true;
    uint32_t c1 = sg->by == KW_SEG_CLUSTER
                      ? (uint32_t)(sg->cluster[i] + 1)
                      : at->code[sg->by][i];
    uint32_t c2 = 0;
    if (sg->cross < KW_SEG__COUNT)
      c2 = sg->cross == KW_SEG_CLUSTER ? (uint32_t)(sg->cluster[i] + 1)
                                       : at->code[sg->cross][i];
    code[i] = c1 * (uint32_t)n2 + c2;
  }
  /* the one privacy rule (klantwijs/groups.h): groups of fewer than
     min_group customers merge into "other" (last), which is left out when
     it would itself be too small */
  kw_groups_options go;
  kw_groups_options_init(&go);
  go.min_group = sg->o.min_group;
  go.counted = use;
  if ((st = kw_groups_compute_codes(ctx, code, n, nc, NULL, NULL, &go, &gr)))
    goto done;
  const kw_groups_data *gv = kw_groups_view(gr);
  size_t ng = gv->n;
  bool other = ng > 0 && gv->kind[ng - 1] == KW_GROUP_OTHER;
  sg->rows = kw_calloc(ctx, ng ? ng : 1, sizeof *sg->rows);
  sg->row_keys = kw_calloc(ctx, ng ? ng : 1, sizeof *sg->row_keys);
  accs = kw_calloc(ctx, ng ? ng : 1, sizeof *accs);
  if (!sg->rows || !sg->row_keys || !accs) goto nomem;
  sg->nrows = ng;
  for (size_t g = 0; g < ng; g++) sg->rows[g].clv = NAN;
  sg->total.clv = NAN;
  sg->total.key = "all";
  acc tacc = {0};
  for (size_t i = 0; i < n; i++) {
    sg->cust_row[i] = UINT32_MAX;
    if (!use[i]) continue;
    add_customer(sg, &sg->total, i, &tacc.status_n, &tacc.churned,
                 &tacc.prom, &tacc.det, &tacc.fit_n, &tacc.fit_sum,
                 &tacc.clv_n);
    uint32_t g = gv->code[i];
    if (g == KW_NA_ID) continue; /* too few customers in all */
    sg->cust_row[i] = g;
    kw_segment_row *row = &sg->rows[g];
    if (!row->key) {
      bool is_other = other && g == ng - 1;
      uint32_t c1 = code[i] / (uint32_t)n2, c2 = code[i] % (uint32_t)n2;
      char cl1[24], cl2[24];
      const char *k1, *k2 = NULL;
#define KEY_OF(attr, c, buf)                                              \
  ((attr) == KW_SEG_CLUSTER                                               \
       ? ((c) == 0 ? "other"                                              \
                   : (snprintf(buf, sizeof buf, "cluster_%u",            \
                               (unsigned)(c)),                            \
                      buf))                                               \
       : at->name[attr][c])
      k1 = KEY_OF(sg->by, c1, cl1);
      if (sg->cross < KW_SEG__COUNT) k2 = KEY_OF(sg->cross, c2, cl2);
#undef KEY_OF
      if (is_other) {
        k1 = "other";
        k2 = NULL;
      }
      size_t l1 = strlen(k1), l2 = k2 ? strlen(k2) : 0;
      char *s = kw_malloc(ctx, l1 + l2 + 2);
      if (!s) goto nomem;
      memcpy(s, k1, l1 + 1);
      if (k2) memcpy(s + l1 + 1, k2, l2 + 1);
      sg->row_keys[g] = s;
      row->key = s;
      row->key2 = k2 ? s + l1 + 1 : NULL;
    }
    add_customer(sg, row, i, &accs[g].status_n, &accs[g].churned,
                 &accs[g].prom, &accs[g].det, &accs[g].fit_n,
                 &accs[g].fit_sum, &accs[g].clv_n);
  }
  finish_row(&sg->total, &tacc, sg->o.min_group);
  kw_segment_row *t = &sg->total;
  t->share_customers = t->share_revenue = t->share_contribution = 1;
  t->share_clv = isnan(t->clv) ? NAN : 1;
  for (size_t g = 0; g < ng; g++) {
    kw_segment_row *row = &sg->rows[g];
    finish_row(row, &accs[g], sg->o.min_group);
    row->share_customers = share((double)row->customers, (double)t->customers);
    row->share_revenue = share((double)row->revenue, (double)t->revenue);
    row->share_contribution =
        a->have_profit ? share((double)row->contribution,
                               (double)t->contribution)
                       : NAN;
    row->share_clv = share(row->clv, t->clv);
  }
  /* largest revenue first, "other" last; customers keep their row */
  size_t real = other ? ng - 1 : ng;
  uint32_t *perm = kw_malloc(ctx, (ng ? ng : 1) * sizeof *perm);
  uint32_t *inv = kw_malloc(ctx, (ng ? ng : 1) * sizeof *inv);
  kw_segment_row *sorted = kw_malloc(ctx, (ng ? ng : 1) * sizeof *sorted);
  char **keys = kw_malloc(ctx, (ng ? ng : 1) * sizeof *keys);
  if (!perm || !inv || !sorted || !keys) {
    kw_free(ctx, perm);
    kw_free(ctx, inv);
    kw_free(ctx, sorted);
    kw_free(ctx, keys);
    goto nomem;
  }
  for (size_t g = 0; g < ng; g++) perm[g] = (uint32_t)g;
  for (size_t i = 1; i < real; i++)
    for (size_t j = i; j > 0; j--) {
      const kw_segment_row *x = &sg->rows[perm[j]], *y = &sg->rows[perm[j - 1]];
      if (x->revenue < y->revenue ||
          (x->revenue == y->revenue && strcmp(x->key, y->key) >= 0))
        break;
      uint32_t tmp = perm[j];
      perm[j] = perm[j - 1];
      perm[j - 1] = tmp;
    }
  for (size_t g = 0; g < ng; g++) {
    sorted[g] = sg->rows[perm[g]];
    keys[g] = sg->row_keys[perm[g]];
    inv[perm[g]] = (uint32_t)g;
  }
  for (size_t i = 0; i < n; i++)
    if (sg->cust_row[i] != UINT32_MAX) sg->cust_row[i] = inv[sg->cust_row[i]];
  kw_free(ctx, sg->rows);
  kw_free(ctx, sg->row_keys);
  sg->rows = sorted;
  sg->row_keys = keys;
  kw_free(ctx, perm);
  kw_free(ctx, inv);
  goto done;
nomem:
  st = kw_fail_nomem(ctx);
done:
  kw_free(ctx, code);
  kw_free(ctx, use);
  kw_groups_free(gr);
  kw_free(ctx, accs);
  return st;
}

/* ------------------------------------------------------------- personas */

/* Favourite categories per persona: revenue and distinct customers per
 * (cluster, category), from the sales lines up to as-of, in one pass; a
 * bit per (category, customer) marks a customer already counted (skipped
 * when that would take more than 256 MiB). */
static kw_status favourite_categories(kw_segments *sg) {
  kw_context *ctx = sg->ctx;
  const kw_analysis *a = sg->a;
  const kw_table *t = kw_dataset_table(a->ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cat = t ? kw_table_role(t, KW_ROLE_CATEGORY) : NULL;
  const kw_column *cust = t ? kw_table_role(t, KW_ROLE_CUSTOMER) : NULL;
  const kw_column *date = t ? kw_table_role(t, KW_ROLE_DATE) : NULL;
  const kw_column *amt = t ? kw_table_role(t, KW_ROLE_AMOUNT) : NULL;
  if (!cat || !cust || !date || !amt || cat->type != KW_TYPE_TEXT ||
      amt->type != KW_TYPE_MONEY || !sg->ci.k)
    return KW_OK;
  size_t rows = kw_table_rows(t), nd = kw_dict_size(cat->dict), k = sg->ci.k;
  size_t cells, words_per = (a->n + 63) / 64, words;
  if (!kw_mul_size(nd, k, &cells) || cells > ((size_t)1 << 26) ||
      !kw_mul_size(nd, words_per, &words) || words > ((size_t)1 << 25))
    return KW_OK;
  uint64_t *seen = kw_calloc(ctx, words ? words : 1, sizeof *seen);
  int64_t *rev = kw_calloc(ctx, cells ? cells : 1, sizeof *rev);
  uint32_t *ncust = kw_calloc(ctx, cells ? cells : 1, sizeof *ncust);
  if (!seen || !rev || !ncust) {
    kw_free(ctx, seen);
    kw_free(ctx, rev);
    kw_free(ctx, ncust);
    return kw_fail_nomem(ctx);
  }
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cust->v.text[r], g = cat->v.text[r];
    if (c >= a->n || g >= nd || sg->cluster[c] < 0) continue;
    if (date->v.date[r] == KW_NA_DATE || date->v.date[r] > a->as_of) continue;
    if (amt->v.money[r] == KW_NA_MONEY) continue;
    size_t cell = (size_t)sg->cluster[c] * nd + g;
    rev[cell] += amt->v.money[r];
    uint64_t *w = &seen[(size_t)g * words_per + c / 64], bit = 1ULL << (c % 64);
    if (!(*w & bit)) {
      *w |= bit;
      ncust[cell]++;
    }
  }
  for (size_t q = 0; q < sg->npersonas; q++) {
    kw_persona *p = &sg->personas[q];
    const int64_t *rv = rev + p->cluster * nd;
    const uint32_t *nc = ncust + p->cluster * nd;
    for (int slot = 0; slot < KW_PERSONA_CATEGORIES; slot++) {
      size_t best = SIZE_MAX;
      for (size_t g = 0; g < nd; g++) {
        if (nc[g] < sg->o.min_group || rv[g] <= 0) continue;
        bool used = false;
        for (int u = 0; u < slot; u++)
          if (p->categories[u] == kw_dict_str(cat->dict, (uint32_t)g))
            used = true;
        if (used) continue;
        if (best == SIZE_MAX || rv[g] > rv[best]) best = g;
      }
      if (best == SIZE_MAX) break;
      p->categories[slot] = kw_dict_str(cat->dict, (uint32_t)best);
    }
  }
  kw_free(ctx, seen);
  kw_free(ctx, rev);
  kw_free(ctx, ncust);
  return KW_OK;
}

/* What a feature's robust z (cluster median against the overall, in
 * IQRs) says about each persona kind. */
static void kind_score(double *score, kw_feature f, double z) {
  switch (f) {
    case KW_FEAT_RECENCY: score[KW_PK_DORMANT] = z; break;
    case KW_FEAT_FREQUENCY:
      score[KW_PK_LOYAL] = z;
      score[KW_PK_OCCASIONAL] = -z;
      break;
    case KW_FEAT_MONETARY: score[KW_PK_BIG_SPENDERS] = z * 0.9; break;
    case KW_FEAT_TENURE: score[KW_PK_NEW] = -z; break;
    case KW_FEAT_DAYS_LATE: score[KW_PK_LATE_PAYERS] = z * 0.8; break;
    case KW_FEAT_DISCOUNT: score[KW_PK_DISCOUNT] = z * 0.7; break;
    case KW_FEAT_CATEGORIES: score[KW_PK_BROAD] = z * 0.7; break;
    case KW_FEAT_MARGIN: score[KW_PK_LOW_MARGIN] = -z * 0.7; break;
    default: break;
  }
}

static int cmp_trait(const void *x, const void *y) {
  const kw_trait *a = x, *b = y;
  double sa = a->attr < KW_SEG__COUNT ? a->lift : fabs(log(a->lift)) + 1;
  double sb = b->attr < KW_SEG__COUNT ? b->lift : fabs(log(b->lift)) + 1;
  if (sa != sb) return sa > sb ? -1 : 1;
  return a->count > b->count ? -1 : a->count < b->count;
}

/* Top comment themes per persona: the feedback model's themes (detractor
 * and promoter) counted over each cluster's comments; a theme is shown when
 * at least min_group of them hold it, most comments first (ties: the
 * stronger theme, |z|). */
static kw_status persona_themes(kw_segments *sg) {
  kw_context *ctx = sg->ctx;
  const kw_analysis *a = sg->a;
  const kw_fb_themes *th = kw_feedback_themes_view(a->fb);
  size_t np = sg->npersonas;
  if (!th || !np) return KW_OK;
  size_t nt = th->n_detractor + th->n_promoter;
  if (nt > 64) nt = 64;
  size_t ng = KW_SEG_K_CAP + 1;
  uint32_t *grp = kw_malloc(ctx, (a->n ? a->n : 1) * sizeof *grp);
  size_t *cnt = kw_calloc(ctx, ng * (nt ? nt : 1), sizeof *cnt);
  size_t *com = kw_calloc(ctx, ng, sizeof *com);
  kw_status st = KW_OK;
  if (!grp || !cnt || !com) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < a->n; i++)
    grp[i] = sg->cluster[i] >= 0 ? (uint32_t)sg->cluster[i] : KW_NA_ID;
  if ((st = kw_feedback_themes_by_group(a->fb, grp, a->n, ng, cnt, com)))
    goto done;
  for (size_t q = 0; q < np; q++) {
    kw_persona *p = &sg->personas[q];
    size_t c = p->cluster;
    p->comments = com[c];
    p->n_themes = 0;
    for (size_t k = 0; k < nt; k++) {
      size_t n = cnt[c * nt + k];
      if (n < sg->o.min_group) continue;
      bool det = k < th->n_detractor;
      const kw_fb_theme *t = det ? &th->detractor[k]
                                 : &th->promoter[k - th->n_detractor];
      kw_persona_theme pt = {t->term, t->label, det, n,
                             (double)n / (double)com[c], t->score};
      /* insert by count (then |z|), keeping the best KW_PERSONA_THEMES */
      size_t pos = p->n_themes;
      while (pos > 0) {
        const kw_persona_theme *o = &p->themes[pos - 1];
        if (n < o->count ||
            (n == o->count && !(fabs(pt.score) > fabs(o->score))))
          break;
        pos--;
      }
      if (pos >= KW_PERSONA_THEMES) continue;
      size_t last = p->n_themes < KW_PERSONA_THEMES ? p->n_themes
                                                    : KW_PERSONA_THEMES - 1;
      for (size_t j = last; j > pos; j--) p->themes[j] = p->themes[j - 1];
      p->themes[pos] = pt;
      if (p->n_themes < KW_PERSONA_THEMES) p->n_themes++;
    }
  }
done:
  kw_free(ctx, grp);
  kw_free(ctx, cnt);
  kw_free(ctx, com);
  return st;
}

static kw_status personas(kw_segments *sg, const featmat *fm) {
  kw_context *ctx = sg->ctx;
  const kw_analysis *a = sg->a;
  const kw_seg_attrs *at = &sg->at;
  size_t n = a->n, mg = sg->o.min_group, nb = fm->n;
  int64_t tot_rev = 0, tot_con = 0;
  for (size_t i = 0; i < n; i++)
    if (buyer(a, i)) {
      tot_rev += a->s->revenue[i];
      if (a->pd && !(a->pd->flags[i] & KW_PROFIT_NO_COST))
        tot_con += a->pd->contribution[i];
    }
  double *v = kw_malloc(ctx, (nb ? nb : 1) * sizeof *v);
  uint32_t *mem = kw_malloc(ctx, (nb ? nb : 1) * sizeof *mem);
  uint32_t *memb = kw_malloc(ctx, (nb ? nb : 1) * sizeof *memb);
  size_t *cnt_all = NULL, *cnt_in = NULL;
  if (!v || !mem || !memb) goto nomem;
  /* overall counts of every attribute value */
  size_t maxc = 1;
  for (int t = 0; t < KW_SEG__COUNT; t++)
    if (at->ncodes[t] > maxc) maxc = at->ncodes[t];
  cnt_all = kw_calloc(ctx, KW_SEG__COUNT * maxc, sizeof *cnt_all);
  cnt_in = kw_calloc(ctx, KW_SEG__COUNT * maxc, sizeof *cnt_in);
  if (!cnt_all || !cnt_in) goto nomem;
  static const kw_seg_attr trait_attrs[] = {
      KW_SEG_SECTOR, KW_SEG_SIZE, KW_SEG_TYPE, KW_SEG_PROVINCE,
      KW_SEG_REGION, KW_SEG_CHANNEL, KW_SEG_TENURE, KW_SEG_PAY_CLASS,
      KW_SEG_ABC, KW_SEG_CATEGORIES};
  size_t ntr = sizeof trait_attrs / sizeof *trait_attrs;
  size_t clustered = 0;
  for (size_t i = 0; i < n; i++) {
    if (!buyer(a, i) || sg->cluster[i] < 0) continue;
    clustered++;
    for (size_t t = 0; t < ntr; t++)
      cnt_all[trait_attrs[t] * maxc + at->code[trait_attrs[t]][i]]++;
  }
  /* the overall median of a feature is build_features' centre (the same
     values) */
  const double *overall_med = fm->med;
  /* the customers of each cluster, ascending: each persona reads its own
     members instead of scanning every customer */
  size_t k = sg->ci.k, start[KW_SEG_K_CAP + 2] = {0};
  for (size_t b = 0; b < nb; b++)
    if (sg->cluster[fm->row[b]] >= 0) start[sg->cluster[fm->row[b]] + 1]++;
  for (size_t c = 0; c < k; c++) start[c + 1] += start[c];
  {
    /* only buyers of the matrix have a cluster; rows ascend with b, so
       members are in customer order; memb: their buyer numbers */
    size_t pos[KW_SEG_K_CAP + 1];
    memcpy(pos, start, sizeof pos);
    for (size_t b = 0; b < nb; b++) {
      int32_t c = sg->cluster[fm->row[b]];
      if (c < 0) continue;
      memb[pos[c]] = (uint32_t)b;
      mem[pos[c]++] = fm->row[b];
    }
  }
  for (size_t q = 0; q < sg->npersonas; q++) {
    kw_persona *p = &sg->personas[q];
    size_t c = p->cluster;
    const uint32_t *mb = mem + start[c], nmb = (uint32_t)(start[c + 1] - start[c]);
    memset(cnt_in, 0, KW_SEG__COUNT * maxc * sizeof *cnt_in);
    size_t status_n = 0, risk = 0, prom = 0, det = 0, fit_n = 0, clv_n = 0;
    double fit_sum = 0, clv_sum = 0;
    size_t act[KW_ACTION__COUNT] = {0};
    for (size_t u = 0; u < nmb; u++) {
      size_t i = mb[u];
      p->customers++;
      p->revenue += a->s->revenue[i];
      if (a->pd && !(a->pd->flags[i] & KW_PROFIT_NO_COST))
        p->contribution += a->pd->contribution[i];
      for (size_t t = 0; t < ntr; t++)
        cnt_in[trait_attrs[t] * maxc + at->code[trait_attrs[t]][i]]++;
      if (a->cc && i < a->cc->n && a->cc->status[i] != KW_CHURN_NONE) {
        status_n++;
        risk += a->cc->status[i] == KW_CHURN_AT_RISK ||
                a->cc->status[i] == KW_CHURN_CHURNED;
      }
      if (a->nps_score && !isnan(a->nps_score[i])) {
        p->nps_n++;
        prom += a->nps_score[i] >= 9;
        det += a->nps_score[i] <= 6;
      }
      if (sg->fit && !isnan(sg->fit[i])) {
        fit_n++;
        fit_sum += sg->fit[i];
      }
      if (a->have_clv && !isnan(a->clv[i])) {
        clv_n++;
        clv_sum += a->clv[i];
      }
      if (a->action) act[a->action[i]]++;
    }
    p->share_customers = share((double)p->customers, (double)clustered);
    p->share_revenue = share((double)p->revenue, (double)tot_rev);
    p->share_contribution =
        a->have_profit ? share((double)p->contribution, (double)tot_con) : NAN;
    p->churn_rate = status_n ? (double)risk / (double)status_n : NAN;
    p->nps = p->nps_n >= mg ? 100.0 * ((double)prom - (double)det) /
                                  (double)p->nps_n
                            : NAN;
    p->fit = fit_n ? fit_sum / (double)fit_n : NAN;
    p->clv_mean = clv_n ? clv_sum / (double)clv_n : NAN;
    p->action = KW_ACTION_NONE;
    for (int t = 1; t < KW_ACTION__COUNT; t++)
      if (act[t] > act[p->action]) p->action = (kw_action)t;
    p->action_share = share((double)act[p->action], (double)p->customers);
    /* medians */
#define MEDIAN_OF(expr, out)                                 \
  do {                                                       \
    size_t m_ = 0;                                           \
    for (size_t u_ = 0; u_ < nmb; u_++) {                    \
      size_t i = mb[u_];                                     \
      double x_ = (expr);                                    \
      if (!isnan(x_)) v[m_++] = x_;                          \
    }                                                        \
    (out) = m_ ? quantile(v, m_, 0.5) : NAN;                 \
  } while (0)
    MEDIAN_OF(kw_seg_orders_per_year(a->s, i), p->orders_per_year);
    MEDIAN_OF(a->s->orders[i] ? (double)a->s->revenue[i] / 100.0 /
                                    (double)a->s->orders[i]
                              : NAN,
              p->basket);
    MEDIAN_OF((double)(a->as_of - a->s->last[i]), p->recency_days);
    MEDIAN_OF((double)(a->as_of - a->s->first[i]), p->tenure_days);
    MEDIAN_OF(feature_of(a, KW_FEAT_MARGIN, i), p->margin);
    MEDIAN_OF(feature_of(a, KW_FEAT_DAYS_LATE, i), p->days_late);
    /* most common channel and payment class, min_group customers */
    p->channel = NULL;
    p->pay_class = -1;
    size_t bc = 0;
    for (size_t v2 = 1; v2 < at->ncodes[KW_SEG_CHANNEL]; v2++) {
      size_t cc = cnt_in[KW_SEG_CHANNEL * maxc + v2];
      if (cc >= mg && cc > bc) {
        bc = cc;
        p->channel = at->name[KW_SEG_CHANNEL][v2];
      }
    }
    bc = 0;
    for (size_t v2 = 1; v2 < at->ncodes[KW_SEG_PAY_CLASS]; v2++) {
      size_t cc = cnt_in[KW_SEG_PAY_CLASS * maxc + v2];
      if (cc >= mg && cc > bc) {
        bc = cc;
        p->pay_class = (int)v2 - 1;
      }
    }
    /* attribute traits */
    kw_trait cand[64];
    size_t nc = 0;
    double lift_best[3] = {0, 0, 0};
    p->sector = p->size = NULL;
    p->province = KW_PROV_UNKNOWN;
    for (size_t t = 0; t < ntr; t++) {
      kw_seg_attr ta = trait_attrs[t];
      for (size_t v2 = 1; v2 < at->ncodes[ta]; v2++) {
        size_t ci = cnt_in[ta * maxc + v2], ca = cnt_all[ta * maxc + v2];
        if (ci < mg || !ca || !p->customers) continue;
        double sh = (double)ci / (double)p->customers;
        double lift = sh / ((double)ca / (double)clustered);
        int slot = ta == KW_SEG_SECTOR ? 0 : ta == KW_SEG_PROVINCE ? 1
                   : ta == KW_SEG_SIZE ? 2 : -1;
        if (slot >= 0 && lift >= 1.2 && sh >= 0.25 &&
            lift > lift_best[slot]) {
          lift_best[slot] = lift;
          if (slot == 0) p->sector = at->name[ta][v2];
          else if (slot == 1) p->province = (kw_province)v2;
          else p->size = at->name[ta][v2];
        }
        if (lift < 1.25 || sh < 0.1 || nc >= 64) continue;
        cand[nc++] = (kw_trait){ta, KW_FEAT__COUNT, at->name[ta][v2], ci, sh,
                                lift, NAN, NAN};
      }
    }
    qsort(cand, nc, sizeof *cand, cmp_trait);
    size_t nat = nc < 3 ? nc : 3;
    for (size_t t = 0; t < nat; t++) p->traits[p->n_traits++] = cand[t];
    /* feature traits: median at least half an IQR from the overall */
    kw_trait fc[KW_FEAT__COUNT];
    size_t nf = 0;
    double score[KW_PK__COUNT] = {0};
    for (size_t j = 0; j < fm->d; j++) {
      double med;
      { /* the feature's values as build_features computed them */
        const double *fc_ = fm->col[j];
        size_t m_ = 0;
        for (size_t u_ = 0; u_ < nmb; u_++) {
          double x_ = fc_[memb[start[c] + u_]];
          if (!isnan(x_)) v[m_++] = x_;
        }
        med = m_ ? quantile(v, m_, 0.5) : NAN;
      }
      double z = (med - overall_med[j]) / fm->scale[j];
      kind_score(score, fm->f[j], z);
      if (!(fabs(z) >= 0.5)) continue;
      double mn = feature_natural(fm->f[j], med),
             ov = feature_natural(fm->f[j], overall_med[j]);
      fc[nf++] = (kw_trait){KW_SEG__COUNT, fm->f[j], z > 0 ? "higher" : "lower",
                            p->customers, 1.0, exp(fabs(z)), mn, ov};
    }
#undef MEDIAN_OF
    qsort(fc, nf, sizeof *fc, cmp_trait);
    for (size_t t = 0; t < nf && p->n_traits < KW_PERSONA_TRAITS; t++)
      p->traits[p->n_traits++] = fc[t];
    for (size_t t = nat; t < nc && p->n_traits < KW_PERSONA_TRAITS; t++)
      p->traits[p->n_traits++] = cand[t];
    /* a group of frequent buyers of whom half or more are at risk or
     * gone is not "loyal": it reads as dormant, as its actions do */
    if (p->churn_rate >= 0.5) {
      if (score[KW_PK_LOYAL] > score[KW_PK_DORMANT])
        score[KW_PK_DORMANT] = score[KW_PK_LOYAL];
      score[KW_PK_LOYAL] = -INFINITY;
    }
    /* the kind: the strongest behaviour, each kind used once if it can */
    p->kind = KW_PK_STEADY;
    double best = 0.3;
    for (int t = 0; t < KW_PK__COUNT; t++) {
      bool taken = false;
      for (size_t u = 0; u < q; u++)
        if (sg->personas[u].kind == (kw_persona_kind)t) taken = true;
      double sc = taken ? score[t] - 0.5 : score[t];
      if (sc > best) {
        best = sc;
        p->kind = (kw_persona_kind)t;
      }
    }
  }
  kw_free(ctx, v);
  kw_free(ctx, mem);
  kw_free(ctx, memb);
  kw_free(ctx, cnt_all);
  kw_free(ctx, cnt_in);
  kw_status st = favourite_categories(sg);
  return st ? st : persona_themes(sg);
nomem:
  kw_free(ctx, v);
  kw_free(ctx, mem);
  kw_free(ctx, memb);
  kw_free(ctx, cnt_all);
  kw_free(ctx, cnt_in);
  return kw_fail_nomem(ctx);
}

/* ------------------------------------------------------------------ run */

void kw_segments_free(kw_segments *s) {
  if (!s) return;
  kw_context *ctx = s->ctx;
  kw_seg_attrs_free(ctx, &s->at);
  for (size_t g = 0; g < s->nrows; g++) kw_free(ctx, s->row_keys[g]);
  kw_free(ctx, s->row_keys);
  kw_free(ctx, s->rows);
  kw_free(ctx, s->cust_row);
  kw_free(ctx, s->cluster);
  kw_free(ctx, s->personas);
  if (s->fit_owned) {
    kw_free(ctx, s->fit);
    kw_free(ctx, s->met);
  }
  kw_free(ctx, s);
}

kw_status kw_segments_run(kw_context *ctx, const kw_analysis *a,
                          const kw_segments_options *o, kw_segments **out) {
  if (!out || !a) return kw_fail(ctx, KW_EARG, "segments: NULL argument");
  *out = NULL;
  kw_segments_options def;
  if (!o) {
    kw_segments_options_init(&def);
    o = &def;
  }
  if ((o->by > KW_SEG__COUNT) || (o->cross > KW_SEG__COUNT))
    return kw_fail(ctx, KW_EARG, "segments: unknown attribute");
  kw_segments *sg = kw_calloc(ctx, 1, sizeof *sg);
  if (!sg) return kw_fail_nomem(ctx);
  sg->ctx = ctx;
  sg->a = a;
  sg->o = *o;
  if (!sg->o.min_group) sg->o.min_group = a->o.min_group ? a->o.min_group : 5;
  size_t n = a->n;
  featmat fm = {0};
  kw_status st;
  sg->cust_row = kw_malloc(ctx, (n ? n : 1) * sizeof *sg->cust_row);
  sg->cluster = kw_malloc(ctx, (n ? n : 1) * sizeof *sg->cluster);
  if (!sg->cust_row || !sg->cluster) {
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  for (size_t i = 0; i < n; i++) sg->cluster[i] = -1;
  if ((st = kw_seg_attrs_build((kw_analysis *)a, &sg->at))) goto fail;
  /* fit: the analysis's when it has one, else the options' profile */
  if (a->fit) {
    sg->fit = a->fit;
    sg->met = a->fit_met;
  } else if (o->fit) {
    sg->fit = kw_malloc(ctx, (n ? n : 1) * sizeof *sg->fit);
    sg->met = kw_malloc(ctx, (n ? n : 1) * sizeof *sg->met);
    sg->fit_owned = true;
    if (!sg->fit || !sg->met) {
      st = kw_fail_nomem(ctx);
      goto fail;
    }
    if ((st = kw_fit_compute((kw_analysis *)a, &sg->at, o->fit, sg->fit,
                             sg->met)))
      goto fail;
  }
  if (sg->o.clusters) {
    if ((st = build_features(ctx, a, &fm))) goto fail;
    if ((st = cluster(sg, &fm))) goto fail;
    sg->at.has[KW_SEG_CLUSTER] = sg->ci.k > 0;
    sg->at.ncodes[KW_SEG_CLUSTER] = sg->ci.k + 1; /* 0: none or "other" */
    if (sg->npersonas && (st = personas(sg, &fm))) goto fail;
  } else {
    sg->ci.note = "off";
  }
  /* the attribute to segment by */
  sg->by = o->by;
  if (sg->by == KW_SEG__COUNT) {
    static const kw_seg_attr pref[] = {KW_SEG_SECTOR, KW_SEG_REGION,
                                       KW_SEG_SIZE, KW_SEG_CHANNEL,
                                       KW_SEG_TENURE};
    for (size_t p = 0; p < sizeof pref / sizeof *pref; p++)
      if (sg->at.has[pref[p]]) {
        sg->by = pref[p];
        break;
      }
  }
  sg->cross = o->cross;
  if (sg->cross == sg->by) sg->cross = KW_SEG__COUNT;
  if ((st = rule_segments(sg))) goto fail;
  featmat_free(ctx, &fm);
  *out = sg;
  return KW_OK;
fail:
  featmat_free(ctx, &fm);
  kw_segments_free(sg);
  return st;
}

/* ------------------------------------------------------------ accessors */

bool kw_segments_has(const kw_segments *s, kw_seg_attr a) {
  return s && (unsigned)a < KW_SEG__COUNT && s->at.has[a];
}
kw_seg_attr kw_segments_by(const kw_segments *s) { return s->by; }
kw_seg_attr kw_segments_cross(const kw_segments *s) { return s->cross; }

const kw_segment_row *kw_segments_rows(const kw_segments *s, size_t *n) {
  *n = s ? s->nrows : 0;
  return s ? s->rows : NULL;
}
const kw_segment_row *kw_segments_total(const kw_segments *s) {
  return s ? &s->total : NULL;
}

const char *kw_segments_customer_segment(const kw_segments *s, size_t i) {
  if (!s || i >= s->a->n || s->cust_row[i] == UINT32_MAX) return NULL;
  const kw_segment_row *r = &s->rows[s->cust_row[i]];
  return r->key;
}

int kw_segments_customer_cluster(const kw_segments *s, size_t i) {
  if (!s || i >= s->a->n) return -1;
  return s->cluster[i];
}

double kw_segments_customer_fit(const kw_segments *s, size_t i) {
  if (!s || !s->fit || i >= s->a->n) return NAN;
  return s->fit[i];
}

const char *kw_segments_customer_fit_traits(const kw_segments *s, size_t i) {
  if (!s || !s->met || i >= s->a->n) return "";
  kw_segments *m = (kw_segments *)s;
  size_t len = 0;
  m->fit_buf[0] = '\0';
  for (int c = 0; c < KW_FIT__COUNT; c++) {
    if (!(s->met[i] & (1u << c))) continue;
    const char *k = kw_fit_crit_key((kw_fit_crit)c);
    size_t kl = strlen(k);
    if (len + kl + 3 >= sizeof m->fit_buf) break;
    if (len) {
      memcpy(m->fit_buf + len, ", ", 2);
      len += 2;
    }
    memcpy(m->fit_buf + len, k, kl + 1);
    len += kl;
  }
  return m->fit_buf;
}

const kw_cluster_info *kw_segments_clusters(const kw_segments *s) {
  return s ? &s->ci : NULL;
}

const kw_persona *kw_segments_personas(const kw_segments *s, size_t *n) {
  *n = s ? s->npersonas : 0;
  return s ? s->personas : NULL;
}
