/*
 * churn_drivers.c — what goes with churn: churn rate per category level
 * with Wilson intervals, medians of numeric attributes for churned and
 * retained rows, and a penalised logistic regression evaluated on a
 * seeded random holdout (definitions in klantwijs/retention.h; the fit,
 * AUC and calibration are in src/stats/logistic.c).
 *
 * Design: rows with a churn flag of 0/1 are the "used" rows. Every
 * categorical feature is first coded to dense level numbers (levels in
 * order of frequency, most frequent first) with one array lookup per row;
 * the design matrix is then built once, dense, training rows first, so
 * the fit reads a contiguous block and the holdout follows it.
 * Memory: the design matrix takes rows x terms doubles.
 */
#include "klantwijs/retention.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "models/churn_common.h"
#include "stats/gslguard.h"
#include "stats/logistic.h"

typedef struct drv_feature {
  bool categorical;
  kw_churn_driver_levels lev;
  kw_churn_driver_numeric num;
  char *name;        /* feature name (owned) */
  char **names;      /* level names (owned) */
  uint64_t *counts;  /* n, churned per level: 2 * n_levels */
  double *rates;     /* rate, lower, upper: 3 * n_levels */
  uint32_t *code;    /* per used row: level (categorical) */
  double *x;         /* per used row: value, NaN when missing (numeric) */
} drv_feature;

struct kw_churn_drivers {
  kw_context *ctx;
  size_t rows;
  double rate;
  size_t nf;
  drv_feature *f;
  bool has_model;
  kw_churn_driver_model model;
  char **terms;
  size_t n_terms;
  size_t *term_feature;
  double *coef, *se, *odds;
  uint64_t *bin_n;
  double *bin_pred, *bin_obs;
};

void kw_churn_drivers_options_init(kw_churn_drivers_options *o) {
  o->alpha = 0.05;
  o->l2 = 1.0;
  o->holdout = 0.3;
  o->max_levels = 20;
  o->bins = 10;
  o->max_iter = 100;
}

void kw_churn_drivers_free(kw_churn_drivers *d) {
  if (!d) return;
  kw_context *ctx = d->ctx;
  if (d->f) {
    for (size_t j = 0; j < d->nf; j++) {
      drv_feature *F = &d->f[j];
      if (F->names)
        for (size_t l = 0; l < F->lev.n_levels; l++) kw_free(ctx, F->names[l]);
      kw_free(ctx, F->names);
      kw_free(ctx, F->name);
      kw_free(ctx, F->counts);
      kw_free(ctx, F->rates);
      kw_free(ctx, F->code);
      kw_free(ctx, F->x);
    }
  }
  kw_free(ctx, d->f);
  if (d->terms)
    for (size_t t = 0; t < d->n_terms; t++) kw_free(ctx, d->terms[t]);
  kw_free(ctx, d->terms);
  kw_free(ctx, d->term_feature);
  kw_free(ctx, d->coef);
  kw_free(ctx, d->se);
  kw_free(ctx, d->odds);
  kw_free(ctx, d->bin_n);
  kw_free(ctx, d->bin_pred);
  kw_free(ctx, d->bin_obs);
  kw_free(ctx, d);
}

static bool is_categorical(kw_type t) {
  return t == KW_TYPE_TEXT || t == KW_TYPE_FLAG;
}

/* The numeric value of row i, NaN when missing. */
static double numeric_value(const kw_column *c, size_t i) {
  switch (c->type) {
    case KW_TYPE_NUMBER:
      return isfinite(c->v.number[i]) ? c->v.number[i] : NAN;
    case KW_TYPE_MONEY:
      return c->v.money[i] == KW_NA_MONEY ? NAN
                                          : (double)c->v.money[i] / 100.0;
    case KW_TYPE_DATE:
      return c->v.date[i] == KW_NA_DATE ? NAN : (double)c->v.date[i];
    default:
      return NAN;
  }
}

static void wilson(uint64_t k, uint64_t n, double z, double *lo, double *hi) {
  if (n == 0) {
    *lo = 0;
    *hi = 1;
    return;
  }
  double nn = (double)n, p = (double)k / nn, z2 = z * z;
  double den = 1.0 + z2 / nn;
  double centre = (p + z2 / (2.0 * nn)) / den;
  double half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / den;
  *lo = centre - half < 0 ? 0 : centre - half;
  *hi = centre + half > 1 ? 1 : centre + half;
}

typedef struct lvl_sort {
  uint64_t n;
  uint32_t first_seen;
  uint32_t old;
} lvl_sort;

static int cmp_lvl(const void *a, const void *b) {
  const lvl_sort *x = a, *y = b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return (x->first_seen > y->first_seen) - (x->first_seen < y->first_seen);
}

/* Code a categorical column over the used rows; fill level names,
 * counts, rates and Wilson intervals. */
static kw_status code_categorical(kw_context *ctx, drv_feature *F,
                                  const kw_column *col, const size_t *used,
                                  const int8_t *y, size_t m, double z) {
  kw_status st = KW_OK;
  uint32_t maxid = 0;
  bool flag = col->type == KW_TYPE_FLAG;
  if (!flag)
    for (size_t r = 0; r < m; r++) {
      uint32_t v = col->v.text[used[r]];
      if (v != KW_NA_ID && v > maxid) maxid = v;
    }
  size_t mapn = flag ? 2 : (size_t)maxid + 1;
  uint32_t *map = kw_malloc(ctx, (mapn + 1) * sizeof *map); /* +1: missing */
  uint32_t *rev = kw_malloc(ctx, (mapn + 1) * sizeof *rev); /* level -> key */
  F->code = kw_malloc(ctx, (m ? m : 1) * sizeof *F->code);
  lvl_sort *ls = NULL;
  uint32_t *perm = NULL;
  if (!map || !rev || !F->code) goto oom;
  for (size_t k = 0; k <= mapn; k++) map[k] = UINT32_MAX;
  uint32_t nl = 0;
  for (size_t r = 0; r < m; r++) {
    size_t key;
    if (flag) {
      int8_t v = col->v.flag[used[r]];
      key = v == 0 ? 0 : v == 1 ? 1 : mapn;
    } else {
      uint32_t v = col->v.text[used[r]];
      key = v == KW_NA_ID ? mapn : v;
    }
    if (map[key] == UINT32_MAX) {
      rev[nl] = (uint32_t)key;
      map[key] = nl++;
    }
    F->code[r] = map[key];
  }
  /* order levels by frequency */
  ls = kw_calloc(ctx, nl ? nl : 1, sizeof *ls);
  perm = kw_malloc(ctx, (nl ? nl : 1) * sizeof *perm);
  F->counts = kw_calloc(ctx, 2 * (size_t)(nl ? nl : 1), sizeof *F->counts);
  F->rates = kw_calloc(ctx, 3 * (size_t)(nl ? nl : 1), sizeof *F->rates);
  F->names = kw_calloc(ctx, nl ? nl : 1, sizeof *F->names);
  if (!ls || !perm || !F->counts || !F->rates || !F->names) goto oom;
  for (uint32_t l = 0; l < nl; l++) {
    ls[l].old = l;
    ls[l].first_seen = l;
  }
  for (size_t r = 0; r < m; r++) ls[F->code[r]].n++;
  if (nl > 1) qsort(ls, nl, sizeof *ls, cmp_lvl);
  for (uint32_t l = 0; l < nl; l++) perm[ls[l].old] = l;
  for (size_t r = 0; r < m; r++) F->code[r] = perm[F->code[r]];
  F->lev.n_levels = nl;
  uint64_t *cn = F->counts, *ck = F->counts + nl;
  for (size_t r = 0; r < m; r++) {
    cn[F->code[r]]++;
    ck[F->code[r]] += (uint64_t)y[r];
  }
  double *rate = F->rates, *lo = F->rates + nl, *hi = F->rates + 2 * nl;
  for (uint32_t l = 0; l < nl; l++) {
    uint32_t key = rev[ls[l].old];
    char buf[40];
    const char *name;
    if (key == mapn) {
      name = "(missing)";
    } else if (flag) {
      name = key ? "yes" : "no";
    } else if (col->dict) {
      name = kw_dict_str(col->dict, key);
    } else {
      snprintf(buf, sizeof buf, "id %u", (unsigned)key);
      name = buf;
    }
    F->names[l] = kw_strdup(ctx, name);
    if (!F->names[l]) goto oom;
    rate[l] = cn[l] ? (double)ck[l] / (double)cn[l] : 0.0;
    wilson(ck[l], cn[l], z, &lo[l], &hi[l]);
  }
  F->lev.feature = F->name;
  F->lev.level = (const char *const *)F->names;
  F->lev.n = cn;
  F->lev.churned = ck;
  F->lev.rate = rate;
  F->lev.lower = lo;
  F->lev.upper = hi;
  goto done;
oom:
  st = kw_fail_nomem(ctx);
done:
  kw_free(ctx, map);
  kw_free(ctx, rev);
  kw_free(ctx, ls);
  kw_free(ctx, perm);
  return st;
}

static kw_status code_numeric(kw_context *ctx, drv_feature *F,
                              const kw_column *col, const size_t *used,
                              const int8_t *y, size_t m) {
  F->x = kw_malloc(ctx, (m ? m : 1) * sizeof *F->x);
  double *a = kw_malloc(ctx, (m ? m : 1) * sizeof *a);
  if (!F->x || !a) {
    kw_free(ctx, a);
    return kw_fail_nomem(ctx);
  }
  kw_churn_driver_numeric *N = &F->num;
  N->feature = F->name;
  size_t n1 = 0, n0 = 0;
  for (size_t r = 0; r < m; r++) {
    double v = numeric_value(col, used[r]);
    F->x[r] = v;
    if (isnan(v))
      N->missing++;
    else if (y[r])
      a[n1++] = v; /* churned from the front */
  }
  N->n_churned = n1;
  if (n1) N->median_churned = kw_quantile_sorted_inplace(a, n1, 0.5);
  for (size_t r = 0; r < m; r++)
    if (!isnan(F->x[r]) && !y[r]) a[n0++] = F->x[r];
  N->n_retained = n0;
  if (n0) N->median_retained = kw_quantile_sorted_inplace(a, n0, 0.5);
  kw_free(ctx, a);
  return KW_OK;
}

/* Term layout of one feature in the model. */
typedef struct term_map {
  size_t first_col; /* first design column of this feature */
  size_t ncols;
  double mean, sd;  /* numeric */
  size_t named;     /* categorical: columns named after a level */
  int32_t *col_of;  /* categorical: level -> column offset, -1 reference */
} term_map;

static kw_status add_term(kw_churn_drivers *d, const char *a, const char *b,
                          size_t feature) {
  kw_context *ctx = d->ctx;
  size_t la = strlen(a), lb = b ? strlen(b) : 0;
  char *s = kw_malloc(ctx, la + lb + 2);
  if (!s) return kw_fail_nomem(ctx);
  memcpy(s, a, la);
  if (b) {
    s[la] = '=';
    memcpy(s + la + 1, b, lb);
    s[la + 1 + lb] = 0;
  } else {
    s[la] = 0;
  }
  d->terms[d->n_terms] = s;
  d->term_feature[d->n_terms] = feature;
  d->n_terms++;
  return KW_OK;
}

static kw_status fit_model(kw_churn_drivers *d, const int8_t *y, size_t m,
                           const kw_churn_drivers_options *o) {
  kw_context *ctx = d->ctx;
  kw_status st = KW_OK;
  size_t *order = NULL;
  term_map *tm = NULL;
  double *X = NULL, *beta = NULL, *se = NULL, *score = NULL;
  int8_t *yo = NULL;
  uint8_t *pen = NULL;
  uint64_t *tr_n = NULL;
  gsl_rng *rng = NULL;
  size_t max_levels = o->max_levels < 2 ? 2 : o->max_levels;

  /* split: shuffle 0..m-1 with the context's seed */
  order = kw_malloc(ctx, m * sizeof *order);
  if (!order) goto oom;
  for (size_t i = 0; i < m; i++) order[i] = i;
  size_t n_test = (size_t)llround(o->holdout * (double)m);
  bool test_is_train = o->holdout <= 0 || m < 3;
  if (!test_is_train) {
    if (n_test < 1) n_test = 1;
    if (n_test > m - 2) n_test = m - 2;
    gsl_error_handler_t *prev = kw_gsl_quiet_begin();
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    kw_gsl_quiet_end(prev);
    if (!rng) goto oom;
    gsl_rng_set(rng, (unsigned long)kw_context_seed(ctx));
    for (size_t i = m - 1; i > 0; i--) {
      size_t j = (size_t)gsl_rng_uniform_int(rng, (unsigned long)i + 1);
      size_t t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    /* training rows first: rotate the first n_test to the end */
    size_t *tmp = kw_malloc(ctx, m * sizeof *tmp);
    if (!tmp) goto oom;
    memcpy(tmp, order + n_test, (m - n_test) * sizeof *tmp);
    memcpy(tmp + (m - n_test), order, n_test * sizeof *tmp);
    kw_free(ctx, order);
    order = tmp;
  } else {
    n_test = 0;
  }
  const size_t n_train = m - n_test;
  yo = kw_malloc(ctx, m * sizeof *yo);
  if (!yo) goto oom;
  size_t pos = 0;
  for (size_t i = 0; i < m; i++) {
    yo[i] = y[order[i]];
    if (i < n_train) pos += (size_t)yo[i];
  }
  if (pos == 0 || pos == n_train) {
    kw_warn_tpl(ctx, "model.w.drivers_one_class",
                "churn drivers: the training rows hold one class only; no "
                "model",
                NULL);
    goto done;
  }

  /* term layout */
  tm = kw_calloc(ctx, d->nf ? d->nf : 1, sizeof *tm);
  if (!tm) goto oom;
  size_t p = 1; /* intercept */
  for (size_t j = 0; j < d->nf; j++) {
    drv_feature *F = &d->f[j];
    tm[j].first_col = p;
    if (!F->categorical) {
      double s = 0, s2 = 0, cnt = 0;
      for (size_t i = 0; i < n_train; i++) {
        double v = F->x[order[i]];
        if (isnan(v)) continue;
        cnt++;
        s += v;
      }
      double mean = cnt > 0 ? s / cnt : 0;
      for (size_t i = 0; i < n_train; i++) {
        double v = F->x[order[i]];
        if (!isnan(v)) s2 += (v - mean) * (v - mean);
      }
      double sd = cnt > 1 ? sqrt(s2 / (cnt - 1)) : 0;
      tm[j].mean = mean;
      tm[j].sd = sd;
      tm[j].ncols = sd > 0 ? 1 : 0;
    } else {
      size_t nl = F->lev.n_levels;
      tm[j].col_of = kw_malloc(ctx, (nl ? nl : 1) * sizeof *tm[j].col_of);
      tr_n = kw_calloc(ctx, nl ? nl : 1, sizeof *tr_n);
      lvl_sort *ls = kw_malloc(ctx, (nl ? nl : 1) * sizeof *ls);
      if (!tm[j].col_of || !tr_n || !ls) {
        kw_free(ctx, ls);
        goto oom;
      }
      for (size_t i = 0; i < n_train; i++) tr_n[F->code[order[i]]]++;
      for (size_t l = 0; l < nl; l++)
        ls[l] = (lvl_sort){tr_n[l], (uint32_t)l, (uint32_t)l};
      if (nl > 1) qsort(ls, nl, sizeof *ls, cmp_lvl);
      /* ls[0] is the reference; then the others by training frequency */
      size_t others = 0;
      for (size_t l = 1; l < nl; l++)
        if (ls[l].n > 0) others++;
      size_t named = others <= max_levels - 1 ? others : max_levels - 2;
      bool pooled = others > named;
      size_t ncols = named + (pooled ? 1 : 0);
      for (size_t l = 0; l < nl; l++) tm[j].col_of[l] = -1;
      for (size_t l = 1; l < nl; l++) {
        size_t lv = ls[l].old;
        if (l <= named && ls[l].n > 0)
          tm[j].col_of[lv] = (int32_t)(l - 1);
        else if (pooled)
          tm[j].col_of[lv] = (int32_t)named;
      }
      tm[j].ncols = ncols;
      tm[j].named = named;
      kw_free(ctx, ls);
      kw_free(ctx, tr_n);
      tr_n = NULL;
    }
    p += tm[j].ncols;
  }

  /* term names */
  const size_t nt = p - 1;
  d->terms = kw_calloc(ctx, nt ? nt : 1, sizeof *d->terms);
  d->term_feature = kw_calloc(ctx, nt ? nt : 1, sizeof *d->term_feature);
  if (!d->terms || !d->term_feature) goto oom;
  for (size_t j = 0; j < d->nf; j++) {
    drv_feature *F = &d->f[j];
    const char *fname = F->name;
    if (tm[j].ncols == 0) continue;
    if (!F->categorical) {
      st = add_term(d, fname, NULL, j);
      if (st) goto done;
      continue;
    }
    /* column c of this feature -> its level (named) or "(other)" */
    size_t named = tm[j].named;
    for (size_t c = 0; c < tm[j].ncols; c++) {
      const char *lvl = "(other)";
      if (c < named)
        for (size_t l = 0; l < F->lev.n_levels; l++)
          if (tm[j].col_of[l] == (int32_t)c) {
            lvl = F->names[l];
            break;
          }
      st = add_term(d, fname, lvl, j);
      if (st) goto done;
    }
  }

  /* design matrix, training rows first */
  size_t cells;
  if (!kw_mul_size(m, p, &cells)) {
    st = kw_fail_tpl(ctx, KW_ERANGE, "model.e.drivers_too_large",
                     "churn drivers: design matrix too large", NULL);
    goto done;
  }
  X = kw_calloc(ctx, cells, sizeof *X);
  pen = kw_calloc(ctx, p, sizeof *pen);
  beta = kw_calloc(ctx, p, sizeof *beta);
  se = kw_calloc(ctx, p, sizeof *se);
  if (!X || !pen || !beta || !se) goto oom;
  for (size_t k = 1; k < p; k++) pen[k] = 1;
  for (size_t i = 0; i < m; i++) {
    double *x = X + i * p;
    size_t r = order[i];
    x[0] = 1.0;
    for (size_t j = 0; j < d->nf; j++) {
      if (tm[j].ncols == 0) continue;
      drv_feature *F = &d->f[j];
      if (!F->categorical) {
        double v = F->x[r];
        x[tm[j].first_col] = isnan(v) ? 0.0 : (v - tm[j].mean) / tm[j].sd;
      } else {
        int32_t c = tm[j].col_of[F->code[r]];
        if (c >= 0) x[tm[j].first_col + (size_t)c] = 1.0;
      }
    }
  }
  beta[0] = log((double)pos / (double)(n_train - pos));
  kw_logit_fit fit;
  st = kw_logit_irls(ctx, X, yo, n_train, p, o->l2, pen, o->max_iter, beta,
                     se, &fit);
  if (st) goto done;
  if (fit.status != KW_OK) {
    char n[24];
    snprintf(n, sizeof n, "%d", fit.iterations);
    kw_warn_tpl(ctx, "model.w.drivers_noconv",
                "churn drivers: the logistic fit did not converge in {n} "
                "iterations",
                "n", n, NULL);
  }

  /* evaluation rows: the holdout, or the training rows */
  const size_t e0 = test_is_train ? 0 : n_train;
  const size_t ne = test_is_train ? n_train : n_test;
  score = kw_malloc(ctx, (ne ? ne : 1) * sizeof *score);
  d->bin_n = kw_calloc(ctx, o->bins, sizeof *d->bin_n);
  d->bin_pred = kw_calloc(ctx, o->bins, sizeof *d->bin_pred);
  d->bin_obs = kw_calloc(ctx, o->bins, sizeof *d->bin_obs);
  d->coef = kw_malloc(ctx, (nt ? nt : 1) * sizeof *d->coef);
  d->se = kw_malloc(ctx, (nt ? nt : 1) * sizeof *d->se);
  d->odds = kw_malloc(ctx, (nt ? nt : 1) * sizeof *d->odds);
  if (!score || !d->bin_n || !d->bin_pred || !d->bin_obs || !d->coef ||
      !d->se || !d->odds)
    goto oom;
  for (size_t i = 0; i < ne; i++) {
    const double *x = X + (e0 + i) * p;
    double eta = 0;
    for (size_t k = 0; k < p; k++) eta += x[k] * beta[k];
    score[i] = eta >= 0 ? 1.0 / (1.0 + exp(-eta))
                        : exp(eta) / (1.0 + exp(eta));
  }
  kw_churn_driver_model *M = &d->model;
  st = kw_auc_mann_whitney(ctx, score, yo + e0, ne, &M->auc);
  if (!st)
    st = kw_calibration_bins(ctx, score, yo + e0, ne, o->bins, d->bin_n,
                             d->bin_pred, d->bin_obs);
  if (st) goto done;
  for (size_t k = 0; k < nt; k++) {
    d->coef[k] = beta[k + 1];
    d->se[k] = se[k + 1];
    d->odds[k] = exp(beta[k + 1]);
  }
  M->n_terms = nt;
  M->term = (const char *const *)d->terms;
  M->feature = d->term_feature;
  M->coef = d->coef;
  M->se = d->se;
  M->odds_ratio = d->odds;
  M->intercept = beta[0];
  M->l2 = o->l2;
  M->status = fit.status;
  M->iterations = fit.iterations;
  M->grad_norm = fit.grad_norm;
  M->loglik = fit.loglik;
  M->n_train = n_train;
  M->n_test = ne;
  M->test_is_train = test_is_train;
  M->bins = o->bins;
  M->bin_n = d->bin_n;
  M->bin_predicted = d->bin_pred;
  M->bin_observed = d->bin_obs;
  d->has_model = true;
  goto done;
oom:
  st = kw_fail_nomem(ctx);
done:
  if (tm)
    for (size_t j = 0; j < d->nf; j++) kw_free(ctx, tm[j].col_of);
  kw_free(ctx, tm);
  kw_free(ctx, tr_n);
  kw_free(ctx, order);
  kw_free(ctx, yo);
  kw_free(ctx, X);
  kw_free(ctx, pen);
  kw_free(ctx, beta);
  kw_free(ctx, se);
  kw_free(ctx, score);
  gsl_rng_free(rng);
  return st;
}

kw_status kw_churn_drivers_compute(kw_context *ctx, const int8_t *churned, size_t n,
                           const kw_column *const *features,
                           size_t n_features, const kw_churn_drivers_options *o,
                           kw_churn_drivers **out) {
  *out = NULL;
  kw_churn_drivers_options defaults;
  if (!o) {
    kw_churn_drivers_options_init(&defaults);
    o = &defaults;
  }
  if (!(o->alpha > 0 && o->alpha < 1) || !(o->l2 >= 0) || !isfinite(o->l2) ||
      !(o->holdout >= 0 && o->holdout < 1) || o->bins == 0 ||
      o->max_iter <= 0)
    return kw_fail(ctx, KW_EARG, "churn drivers: bad options");
  if (n > 0 && !churned)
    return kw_fail(ctx, KW_EARG, "churn drivers: no churn flags");
  if (n_features > 0 && !features)
    return kw_fail(ctx, KW_EARG, "churn drivers: no features");
  for (size_t j = 0; j < n_features; j++) {
    const kw_column *c = features[j];
    if (!c || !c->v.text)
      return kw_fail(ctx, KW_EARG, "churn drivers: feature %zu is empty", j);
    if ((unsigned)c->type > KW_TYPE_FLAG)
      return kw_fail(ctx, KW_EARG, "churn drivers: feature %zu has an "
                                   "unknown type", j);
  }
  size_t m = 0;
  for (size_t i = 0; i < n; i++) m += churned[i] == 0 || churned[i] == 1;
  if (m == 0)
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.drivers_no_flag",
                       "churn drivers: no rows with a churn flag", NULL);

  kw_churn_drivers *d = kw_calloc(ctx, 1, sizeof *d);
  if (!d) return kw_fail_nomem(ctx);
  d->ctx = ctx;
  kw_status st = KW_OK;
  size_t *used = kw_malloc(ctx, m * sizeof *used);
  int8_t *y = kw_malloc(ctx, m * sizeof *y);
  d->f = kw_calloc(ctx, n_features ? n_features : 1, sizeof *d->f);
  if (!used || !y || !d->f) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  d->nf = n_features;
  size_t r = 0, k = 0;
  for (size_t i = 0; i < n; i++)
    if (churned[i] == 0 || churned[i] == 1) {
      used[r] = i;
      y[r++] = churned[i];
      k += (size_t)churned[i];
    }
  d->rows = m;
  d->rate = (double)k / (double)m;
  gsl_error_handler_t *prev = kw_gsl_quiet_begin();
  const double z = gsl_cdf_ugaussian_Pinv(1.0 - o->alpha / 2.0);
  kw_gsl_quiet_end(prev);
  for (size_t j = 0; j < n_features && !st; j++) {
    drv_feature *F = &d->f[j];
    F->name = kw_strdup(ctx, features[j]->name ? features[j]->name : "");
    if (!F->name) {
      st = kw_fail_nomem(ctx);
      break;
    }
    F->categorical = is_categorical(features[j]->type);
    if (F->categorical)
      st = code_categorical(ctx, F, features[j], used, y, m, z);
    else
      st = code_numeric(ctx, F, features[j], used, y, m);
  }
  if (!st) st = fit_model(d, y, m, o);
done:
  kw_free(ctx, used);
  kw_free(ctx, y);
  if (st) {
    kw_churn_drivers_free(d);
    return st;
  }
  /* the per-row working arrays are not needed any more */
  for (size_t j = 0; j < d->nf; j++) {
    kw_free(ctx, d->f[j].code);
    kw_free(ctx, d->f[j].x);
    d->f[j].code = NULL;
    d->f[j].x = NULL;
  }
  *out = d;
  return KW_OK;
}

size_t kw_churn_drivers_rows(const kw_churn_drivers *d) { return d ? d->rows : 0; }
double kw_churn_drivers_churn_rate(const kw_churn_drivers *d) { return d ? d->rate : 0; }
size_t kw_churn_drivers_feature_count(const kw_churn_drivers *d) { return d ? d->nf : 0; }

const kw_churn_driver_levels *kw_churn_drivers_levels_view(const kw_churn_drivers *d, size_t f) {
  return d && f < d->nf && d->f[f].categorical ? &d->f[f].lev : NULL;
}

const kw_churn_driver_numeric *kw_churn_drivers_numeric_view(const kw_churn_drivers *d, size_t f) {
  return d && f < d->nf && !d->f[f].categorical ? &d->f[f].num : NULL;
}

const kw_churn_driver_model *kw_churn_drivers_model_view(const kw_churn_drivers *d) {
  return d && d->has_model ? &d->model : NULL;
}
