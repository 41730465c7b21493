/*
 * survival.c — Kaplan–Meier curves, Greenwood variance, log-log intervals,
 * medians, at-risk tables and the k-group log-rank test (formulas in
 * klantwijs/survival.h; Kaplan & Meier 1958, Greenwood 1926, Mantel 1966).
 *
 * Design: the kept rows are copied once into compact (time, group, event)
 * records and sorted by time. One walk over the blocks of equal time
 * counts the distinct times of every group (to size its arrays), a second
 * walk fills all curves at once and accumulates the log-rank sums, since
 * the log-rank test needs the at-risk count of every group at each pooled
 * event time. Memory: 16 bytes a row plus 72 bytes a distinct time per
 * group. No allocation inside the walks.
 *
 * S(t) <= 0.5 for the median is tested with a tolerance of 1e-12 so that a
 * curve that is exactly 0.5 in exact arithmetic (e.g. 5/6 * 4/5 * 3/4) is
 * not missed through rounding.
 */
#include "klantwijs/survival.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>

#include "core/core.h"
#include "klantwijs/data.h"
#include "stats/gslguard.h"

typedef struct km_rec {
  double t;
  uint32_t g;
  uint32_t e;
} km_rec;

typedef struct km_group {
  char *name;
  kw_km_curve curve;
  kw_km_median median;
  kw_km_at_risk risk;
  void *block;      /* curve arrays */
  void *risk_block; /* at-risk arrays */
} km_group;

struct kw_km {
  kw_context *ctx;
  double alpha;
  size_t n_groups;
  km_group *groups;
  uint64_t skipped;
  double *at_times;
  size_t n_at;
  kw_logrank lr;
  double *lr_obs, *lr_exp;
};

void kw_km_options_init(kw_km_options *o) {
  o->alpha = 0.05;
  o->at_times = NULL;
  o->n_at_times = 0;
}

void kw_km_free(kw_km *km) {
  if (!km) return;
  kw_context *ctx = km->ctx;
  if (km->groups) {
    for (size_t g = 0; g < km->n_groups; g++) {
      kw_free(ctx, km->groups[g].name);
      kw_free(ctx, km->groups[g].block);
      kw_free(ctx, km->groups[g].risk_block);
    }
  }
  kw_free(ctx, km->groups);
  kw_free(ctx, km->at_times);
  kw_free(ctx, km->lr_obs);
  kw_free(ctx, km->lr_exp);
  kw_free(ctx, km);
}

static int cmp_rec(const void *a, const void *b) {
  const km_rec *x = a, *y = b;
  if (x->t < y->t) return -1;
  if (x->t > y->t) return 1;
  return (x->g > y->g) - (x->g < y->g);
}

/* Lay out the curve arrays of one group in one block. */
static kw_status alloc_curve(kw_context *ctx, km_group *G, size_t nt) {
  size_t m = nt ? nt : 1;
  size_t bytes;
  if (!kw_mul_size(m, 3 * sizeof(uint64_t) + 5 * sizeof(double), &bytes))
    return kw_fail(ctx, KW_ERANGE, "too many distinct times");
  char *p = kw_malloc(ctx, bytes);
  if (!p) return kw_fail_nomem(ctx);
  G->block = p;
  kw_km_curve *c = &G->curve;
  c->n_times = nt;
  c->at_risk = (const uint64_t *)(void *)p;
  c->events = c->at_risk + m;
  c->censored = c->events + m;
  const double *d = (const double *)(void *)(c->censored + m);
  c->time = d;
  c->survival = d + m;
  c->variance = d + 2 * m;
  c->ci_lower = d + 3 * m;
  c->ci_upper = d + 4 * m;
  return KW_OK;
}

/* The log-log interval of S given s2 = sum d/(n(n-d)). */
static void loglog_ci(double S, double s2, double z, double *lo, double *hi) {
  if (S >= 1.0) {
    *lo = *hi = 1.0;
    return;
  }
  if (S <= 0.0 || !isfinite(s2)) { /* s2 is finite whenever S > 0 */
    *lo = *hi = 0.0;
    return;
  }
  double v = log(S);
  double w = z * sqrt(s2) / v; /* negative */
  *lo = exp(-exp(log(-v) - w));
  *hi = exp(-exp(log(-v) + w));
}

static void compute_median(km_group *G) {
  const kw_km_curve *c = &G->curve;
  kw_km_median *m = &G->median;
  memset(m, 0, sizeof *m);
  const double half = 0.5 + 1e-12;
  for (size_t i = 0; i < c->n_times; i++) {
    if (!m->median_reached && c->survival[i] <= half) {
      m->median = c->time[i];
      m->median_reached = true;
    }
    if (!m->lower_reached && c->ci_lower[i] <= half) {
      m->lower = c->time[i];
      m->lower_reached = true;
    }
    if (!m->upper_reached && c->ci_upper[i] <= half) {
      m->upper = c->time[i];
      m->upper_reached = true;
    }
  }
}

/* Index of the last row with time <= t, or -1. */
static ptrdiff_t last_row_at(const kw_km_curve *c, double t) {
  size_t lo = 0, hi = c->n_times; /* first row with time > t */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->time[mid] <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (ptrdiff_t)lo - 1;
}

static kw_status compute_at_risk(kw_context *ctx, km_group *G,
                                 const double *at, size_t n_at) {
  size_t m = n_at ? n_at : 1;
  size_t bytes;
  if (!kw_mul_size(m, 3 * sizeof(uint64_t) + sizeof(double), &bytes))
    return kw_fail(ctx, KW_ERANGE, "too many at-risk times");
  char *p = kw_malloc(ctx, bytes);
  if (!p) return kw_fail_nomem(ctx);
  G->risk_block = p;
  uint64_t *risk = (uint64_t *)(void *)p;
  uint64_t *ev = risk + m;
  uint64_t *cens = ev + m;
  double *tm = (double *)(void *)(cens + m);
  const kw_km_curve *c = &G->curve;
  for (size_t k = 0; k < n_at; k++) {
    tm[k] = at[k];
    risk[k] = c->n;
    ev[k] = cens[k] = 0;
  }
  /* the at-times need not be sorted: each is looked up on its own */
  for (size_t k = 0; k < n_at; k++) {
    ptrdiff_t j = last_row_at(c, at[k]);
    if (j < 0) continue;
    uint64_t ce = 0, cc = 0;
    for (size_t i = 0; i <= (size_t)j; i++) {
      ce += c->events[i];
      cc += c->censored[i];
    }
    ev[k] = ce;
    cens[k] = cc;
    risk[k] = c->at_risk[j] - c->events[j] - c->censored[j];
  }
  G->risk.n_times = n_at;
  G->risk.time = tm;
  G->risk.at_risk = risk;
  G->risk.events = ev;
  G->risk.censored = cens;
  return KW_OK;
}

/* chi2 = u' V^+ u with an SVD pseudo-inverse; returns the rank. */
static kw_status logrank_solve(kw_context *ctx, const double *u,
                               const double *V, size_t k, double *chi2,
                               size_t *rank) {
  *chi2 = 0;
  *rank = 0;
  if (k == 0) return KW_OK;
  gsl_error_handler_t *prev = kw_gsl_quiet_begin();
  kw_status st = KW_OK;
  gsl_matrix *A = gsl_matrix_alloc(k, k);
  gsl_matrix *Vm = gsl_matrix_alloc(k, k);
  gsl_vector *S = gsl_vector_alloc(k);
  if (!A || !Vm || !S) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++) gsl_matrix_set(A, i, j, V[i * k + j]);
  if (gsl_linalg_SV_decomp_jacobi(A, Vm, S) != GSL_SUCCESS) {
    st = kw_fail_tpl(ctx, KW_ENUMERIC, "model.e.logrank_svd",
                     "log-rank: SVD failed", NULL);
    goto done;
  }
  double smax = gsl_vector_get(S, 0);
  double tol = smax * (double)k * 1e-10;
  double sum = 0;
  for (size_t j = 0; j < k; j++) {
    double sj = gsl_vector_get(S, j);
    if (sj <= tol || sj <= 0) continue;
    (*rank)++;
    double proj = 0; /* (U' u)_j; A now holds U */
    for (size_t i = 0; i < k; i++) proj += gsl_matrix_get(A, i, j) * u[i];
    sum += proj * proj / sj;
  }
  *chi2 = sum;
done:
  gsl_matrix_free(A);
  gsl_matrix_free(Vm);
  gsl_vector_free(S);
  kw_gsl_quiet_end(prev);
  return st;
}

kw_status kw_km_fit(kw_context *ctx, const double *duration,
                    const int8_t *event, size_t n, const uint32_t *group,
                    size_t n_groups, const char *const *group_names,
                    const kw_km_options *o, kw_km **out) {
  *out = NULL;
  kw_km_options defaults;
  if (!o) {
    kw_km_options_init(&defaults);
    o = &defaults;
  }
  if (!(o->alpha > 0 && o->alpha < 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.survival_alpha",
                       "alpha must be in (0, 1), got {v}", "v",
                       KW_NUM_G(o->alpha), NULL);
  if (n > 0 && (!duration || !event))
    return kw_fail(ctx, KW_EARG, "durations and events are required");
  if (o->n_at_times && !o->at_times)
    return kw_fail(ctx, KW_EARG, "at_times is NULL");
  if (!group) n_groups = 1;
  if (n_groups == 0 || n_groups > UINT32_MAX - 1)
    return kw_fail(ctx, KW_EARG, "n_groups must be in 1..2^32-2");

  /* validate and count */
  uint64_t skipped = 0;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    double t = duration[i];
    int8_t e = event[i];
    uint32_t g = group ? group[i] : 0;
    if (!isfinite(t) || (e != 0 && e != 1) || g == KW_NA_ID) {
      skipped++;
      continue;
    }
    if (t < 0) {
      char row[24], d[32];
      snprintf(row, sizeof row, "%zu", i);
      snprintf(d, sizeof d, "%c%g", KW_MSGV_DECIMAL, t);
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.km_negative",
                         "row {row}: negative duration {d}", "row", row, "d",
                         d, NULL);
    }
    if (g >= n_groups)
      return kw_fail(ctx, KW_EARG, "row %zu: group %u >= n_groups %zu", i,
                     (unsigned)g, n_groups);
    m++;
  }
  if (skipped) {
    char ns[24];
    snprintf(ns, sizeof ns, "%llu", (unsigned long long)skipped);
    kw_warn_tpl(ctx, "model.w.survival_skipped",
                "survival: {n} rows skipped (missing duration, event or "
                "group)",
                "n", ns, NULL);
  }

  kw_km *km = kw_calloc(ctx, 1, sizeof *km);
  if (!km) return kw_fail_nomem(ctx);
  km->ctx = ctx;
  km->alpha = o->alpha;
  km->n_groups = n_groups;
  km->skipped = skipped;
  kw_status st = KW_OK;
  km_rec *rec = NULL;
  uint64_t *cnt = NULL, *rem = NULL, *dg = NULL, *cg = NULL;
  size_t *lastblk = NULL;
  double *cum = NULL, *surv = NULL, *V = NULL, *u = NULL;
  uint32_t *touched = NULL;

  km->groups = kw_calloc(ctx, n_groups, sizeof *km->groups);
  km->lr_obs = kw_calloc(ctx, n_groups, sizeof *km->lr_obs);
  km->lr_exp = kw_calloc(ctx, n_groups, sizeof *km->lr_exp);
  if (!km->groups || !km->lr_obs || !km->lr_exp) goto oom;
  if (o->n_at_times) {
    km->at_times = kw_malloc(ctx, o->n_at_times * sizeof *km->at_times);
    if (!km->at_times) goto oom;
    memcpy(km->at_times, o->at_times, o->n_at_times * sizeof *km->at_times);
    km->n_at = o->n_at_times;
    for (size_t k = 0; k < km->n_at; k++)
      if (!isfinite(km->at_times[k])) {
        st = kw_fail(ctx, KW_EARG, "at-risk time %zu is not finite", k);
        goto fail;
      }
  }
  for (size_t g = 0; g < n_groups; g++) {
    char buf[32];
    const char *nm = group_names && group_names[g] ? group_names[g] : NULL;
    if (!nm) {
      if (!group)
        nm = "all";
      else {
        snprintf(buf, sizeof buf, "group %zu", g);
        nm = buf;
      }
    }
    km->groups[g].name = kw_strdup(ctx, nm);
    if (!km->groups[g].name) goto oom;
  }

  rec = kw_malloc(ctx, (m ? m : 1) * sizeof *rec);
  cnt = kw_calloc(ctx, n_groups, sizeof *cnt);     /* distinct times */
  rem = kw_calloc(ctx, n_groups, sizeof *rem);     /* still at risk */
  dg = kw_calloc(ctx, n_groups, sizeof *dg);
  cg = kw_calloc(ctx, n_groups, sizeof *cg);
  lastblk = kw_malloc(ctx, n_groups * sizeof *lastblk);
  cum = kw_calloc(ctx, n_groups, sizeof *cum);
  surv = kw_malloc(ctx, n_groups * sizeof *surv);
  touched = kw_malloc(ctx, n_groups * sizeof *touched);
  if (!rec || !cnt || !rem || !dg || !cg || !lastblk || !cum || !surv ||
      !touched)
    goto oom;
  {
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
      double t = duration[i];
      int8_t e = event[i];
      uint32_t g = group ? group[i] : 0;
      if (!isfinite(t) || (e != 0 && e != 1) || g == KW_NA_ID) continue;
      rec[j++] = (km_rec){t, g, (uint32_t)e};
      rem[g]++;
      km->groups[g].curve.n++;
      km->groups[g].curve.n_events += (size_t)e;
    }
  }
  if (m > 1) qsort(rec, m, sizeof *rec, cmp_rec);

  /* pass 1: distinct times per group */
  for (size_t g = 0; g < n_groups; g++) lastblk[g] = SIZE_MAX;
  for (size_t i = 0, blk = 0; i < m; blk++) {
    size_t j = i;
    while (j < m && rec[j].t == rec[i].t) {
      uint32_t g = rec[j].g;
      if (lastblk[g] != blk) {
        lastblk[g] = blk;
        cnt[g]++;
      }
      j++;
    }
    i = j;
  }
  for (size_t g = 0; g < n_groups; g++) {
    st = alloc_curve(ctx, &km->groups[g], (size_t)cnt[g]);
    if (st) goto fail;
    cnt[g] = 0; /* reused as the fill position */
    surv[g] = 1.0;
  }

  /* log-rank over the non-empty groups */
  size_t k_ne = 0;
  for (size_t g = 0; g < n_groups; g++)
    if (km->groups[g].curve.n > 0) k_ne++;
  bool do_lr = k_ne >= 2 && k_ne <= KW_LOGRANK_MAX_GROUPS;
  uint32_t *ne_idx = NULL; /* non-empty group -> position */
  if (do_lr) {
    V = kw_calloc(ctx, n_groups * n_groups, sizeof *V);
    u = kw_calloc(ctx, n_groups, sizeof *u);
    if (!V || !u) goto oom;
  }
  const double z = gsl_cdf_ugaussian_Pinv(1.0 - o->alpha / 2.0);
  uint64_t n_total = m;

  /* pass 2: fill the curves */
  for (size_t i = 0; i < m;) {
    double t = rec[i].t;
    size_t nt = 0;
    uint64_t d_all = 0;
    size_t j = i;
    for (; j < m && rec[j].t == t; j++) {
      uint32_t g = rec[j].g;
      if (dg[g] == 0 && cg[g] == 0) touched[nt++] = g;
      if (rec[j].e) {
        dg[g]++;
        d_all++;
      } else {
        cg[g]++;
      }
    }
    if (do_lr && d_all > 0) {
      double N = (double)n_total, D = (double)d_all;
      double w = n_total > 1 ? D * (N - D) / (N - 1.0) : 0.0;
      for (size_t g = 0; g < n_groups; g++) {
        if (rem[g] == 0) continue;
        double pg = (double)rem[g] / N;
        km->lr_exp[g] += D * pg;
        if (w > 0) {
          V[g * n_groups + g] += w * pg;
          for (size_t h = 0; h < n_groups; h++)
            if (rem[h]) V[g * n_groups + h] -= w * pg * (double)rem[h] / N;
        }
      }
    }
    for (size_t q = 0; q < nt; q++) {
      uint32_t g = touched[q];
      km_group *G = &km->groups[g];
      kw_km_curve *c = &G->curve;
      size_t r = (size_t)cnt[g]++;
      uint64_t ni = rem[g], di = dg[g], ci = cg[g];
      double S = surv[g];
      if (di > 0) {
        S *= 1.0 - (double)di / (double)ni;
        if (di < ni)
          cum[g] += (double)di / ((double)ni * (double)(ni - di));
        else
          S = 0.0;
      }
      surv[g] = S;
      ((double *)c->time)[r] = t;
      ((uint64_t *)c->at_risk)[r] = ni;
      ((uint64_t *)c->events)[r] = di;
      ((uint64_t *)c->censored)[r] = ci;
      ((double *)c->survival)[r] = S;
      ((double *)c->variance)[r] = S > 0 ? S * S * cum[g] : 0.0;
      loglog_ci(S, cum[g], z, (double *)c->ci_lower + r,
                (double *)c->ci_upper + r);
      km->lr_obs[g] += (double)di;
      rem[g] -= di + ci;
      n_total -= di + ci;
      dg[g] = cg[g] = 0;
    }
    i = j;
  }

  for (size_t g = 0; g < n_groups; g++) {
    compute_median(&km->groups[g]);
    st = compute_at_risk(ctx, &km->groups[g], km->at_times, km->n_at);
    if (st) goto fail;
  }

  km->lr.n_groups = n_groups;
  km->lr.observed = km->lr_obs;
  km->lr.expected = km->lr_exp;
  if (do_lr) {
    /* drop the last non-empty group: u and V over the others */
    ne_idx = kw_malloc(ctx, k_ne * sizeof *ne_idx);
    double *Vr = kw_malloc(ctx, k_ne * k_ne * sizeof *Vr);
    if (!ne_idx || !Vr) {
      kw_free(ctx, ne_idx);
      kw_free(ctx, Vr);
      goto oom;
    }
    size_t q = 0;
    for (size_t g = 0; g < n_groups; g++)
      if (km->groups[g].curve.n > 0) ne_idx[q++] = (uint32_t)g;
    size_t k = k_ne - 1;
    for (size_t a = 0; a < k; a++) {
      u[a] = km->lr_obs[ne_idx[a]] - km->lr_exp[ne_idx[a]];
      for (size_t b = 0; b < k; b++)
        Vr[a * k + b] = V[ne_idx[a] * n_groups + ne_idx[b]];
    }
    double chi2;
    size_t rank;
    st = logrank_solve(ctx, u, Vr, k, &chi2, &rank);
    kw_free(ctx, ne_idx);
    kw_free(ctx, Vr);
    if (st) goto fail;
    if (rank > 0) {
      gsl_error_handler_t *prev = kw_gsl_quiet_begin();
      double p = gsl_cdf_chisq_Q(chi2, (double)rank);
      kw_gsl_quiet_end(prev);
      km->lr.computed = true;
      km->lr.chi2 = chi2;
      km->lr.df = (double)rank;
      km->lr.p_value = isfinite(p) ? p : 0.0;
    }
  } else if (k_ne > KW_LOGRANK_MAX_GROUPS) {
    char ns[24], ms[24];
    snprintf(ns, sizeof ns, "%zu", k_ne);
    snprintf(ms, sizeof ms, "%d", KW_LOGRANK_MAX_GROUPS);
    kw_warn_tpl(ctx, "model.w.logrank_groups",
                "survival: log-rank test skipped ({n} groups, at most {max})",
                "n", ns, "max", ms, NULL);
  }
  goto done;
oom:
  st = kw_fail_nomem(ctx);
fail:
  kw_km_free(km);
  km = NULL;
done:
  kw_free(ctx, rec);
  kw_free(ctx, cnt);
  kw_free(ctx, rem);
  kw_free(ctx, dg);
  kw_free(ctx, cg);
  kw_free(ctx, lastblk);
  kw_free(ctx, cum);
  kw_free(ctx, surv);
  kw_free(ctx, touched);
  kw_free(ctx, V);
  kw_free(ctx, u);
  if (st) return st;
  *out = km;
  return KW_OK;
}

size_t kw_km_groups(const kw_km *km) { return km ? km->n_groups : 0; }

const char *kw_km_group_name(const kw_km *km, size_t g) {
  return km && g < km->n_groups ? km->groups[g].name : "";
}

uint64_t kw_km_skipped(const kw_km *km) { return km ? km->skipped : 0; }
double kw_km_alpha(const kw_km *km) { return km ? km->alpha : 0.0; }

const kw_km_curve *kw_km_group_curve(const kw_km *km, size_t g) {
  return km && g < km->n_groups ? &km->groups[g].curve : NULL;
}

bool kw_km_survival_at(const kw_km *km, size_t g, double t, double *s,
                       double *lo, double *hi) {
  if (!km || g >= km->n_groups) return false;
  const kw_km_curve *c = &km->groups[g].curve;
  ptrdiff_t j = last_row_at(c, t);
  if (j < 0) {
    if (s) *s = 1.0;
    if (lo) *lo = 1.0;
    if (hi) *hi = 1.0;
  } else {
    if (s) *s = c->survival[j];
    if (lo) *lo = c->ci_lower[j];
    if (hi) *hi = c->ci_upper[j];
  }
  return true;
}

const kw_km_median *kw_km_group_median(const kw_km *km, size_t g) {
  return km && g < km->n_groups ? &km->groups[g].median : NULL;
}

const kw_km_at_risk *kw_km_group_at_risk(const kw_km *km, size_t g) {
  return km && g < km->n_groups ? &km->groups[g].risk : NULL;
}

const kw_logrank *kw_km_logrank(const kw_km *km) {
  return km ? &km->lr : NULL;
}
