/*
 * feedback_comp.c — the competitive position from the feedback table:
 * per dimension (price, service, innovation, ...) the own mean, each
 * competitor's mean on the same answers, the paired difference and the
 * share of customers who rate the competitor higher; the derived
 * importance of each dimension; the importance-performance grid; and the
 * customers at risk to a named competitor.
 *
 *   paired gap   d_i = own_i - competitor_i over the answers that rate
 *                both; mean d with the t interval (the paired t test's
 *                interval); share with d_i < 0 with a Wilson interval.
 *   importance   Pearson r between the own rating and the likelihood to
 *                recommend (0-10) over the counted answers; 95% interval
 *                by Fisher's z: tanh(atanh r +- z / sqrt(n - 3)). A
 *                correlation, so "derived", not stated, importance.
 *   grid         importance against performance (the own mean), split at
 *                the average importance and the average own mean of the
 *                dimensions (Martilla & James 1977): keep (high, high),
 *                improve first (high importance, low performance), less
 *                urgent (low, low), possible overkill (low importance,
 *                high performance).
 *   at risk      a customer whose latest answer rates the named
 *                competitor higher on the most important dimension and
 *                whose buying slows: purchase days in the last slow_days
 *                at most half the rate of the 2 x slow_days before, with
 *                at least 2 purchase days then. Promoters (9-10) are not
 *                at risk, and an answer older than 3 x slow_days is too
 *                old to say so. The most important dimension is the one
 *                of the highest derived importance over all answers: one
 *                survey answer cannot tell what matters to one customer.
 */
#include <math.h>
#include <string.h>

#include "models/feedback_internal.h"

const char *kw_ipa_quadrant_key(kw_ipa_quadrant q) {
  static const char *const k[] = {"none", "keep", "improve_first",
                                  "less_urgent", "possible_overkill"};
  return q <= KW_IPA_OVERKILL ? k[q] : "";
}

const kw_fb_competition *kw_feedback_competition_view(const kw_feedback *fb) {
  return fb && fb->have_comp ? &fb->cpt : NULL;
}

static int dim_scale(const kw_feedback *fb, size_t k) {
  double mx = 0;
  for (size_t i = 0; i < fb->m; i++) {
    size_t r = fb->row[i];
    double a = fb->own_val[k][r], b = fb->them_val[k][r];
    if (a > mx) mx = a;
    if (b > mx) mx = b;
  }
  return mx <= 5 ? 5 : mx <= 7 ? 7 : 10;
}

static bool rating_ok(double v, int scale) {
  return !isnan(v) && v >= (scale == 10 ? 0 : 1) && v <= scale;
}

typedef struct pair_acc {
  size_t n, higher;
  double mo, m2o, mt, m2t, md, m2d;
} pair_acc;

static void pw(size_t n, double *m, double *m2, double x) {
  double d = x - *m;
  *m += d / (double)n;
  *m2 += d * (x - *m);
}

static void pair_add(pair_acc *p, double own, double them) {
  p->n++;
  pw(p->n, &p->mo, &p->m2o, own);
  pw(p->n, &p->mt, &p->m2t, them);
  pw(p->n, &p->md, &p->m2d, own - them);
  if (them > own) p->higher++;
}

static void pair_finish(const pair_acc *p, const kw_feedback *fb,
                        kw_fb_gap *g) {
  g->n = p->n;
  g->own_mean = p->n ? p->mo : NAN;
  g->comp_mean = p->n ? p->mt : NAN;
  kw_fb_mean_ci(p->md, p->m2d, p->n, fb->o.level, &g->diff, &g->diff_low,
                &g->diff_high);
  g->share_comp_higher = p->n ? (double)p->higher / (double)p->n : NAN;
  kw_fb_wilson(p->higher, p->n, kw_fb_z(fb->o.level), &g->share_low,
               &g->share_high);
  g->enough = p->n >= fb->o.min_answers;
}

static kw_status mark_at_risk(kw_feedback *fb, uint32_t *comp_index) {
  kw_context *ctx = fb->ctx;
  kw_fb_competition *cp = &fb->cpt;
  if (cp->top_dimension == SIZE_MAX || !fb->cu) return KW_OK;
  int32_t as_of = fb->info.as_of;
  if (as_of == KW_NA_DATE) return KW_OK;
  const int32_t w = fb->o.slow_days;
  uint32_t *recent, *before;
  kw_status st = kw_fb_purchase_windows(fb, as_of - w + 1, as_of,
                                        as_of - 3 * w + 1, as_of - w,
                                        &recent, &before);
  if (st || !recent) return st;
  fb->risk = kw_calloc(ctx, fb->ncust ? fb->ncust : 1, 1);
  fb->risk_dim = kw_calloc(ctx, fb->ncust ? fb->ncust : 1, 1);
  if (!fb->risk || !fb->risk_dim) {
    kw_free(ctx, recent);
    kw_free(ctx, before);
    return kw_fail_nomem(ctx);
  }
  const size_t d = cp->top_dimension;
  const int scale = fb->dims[d].scale;
  for (size_t c = 0; c < fb->ncust; c++) {
    size_t r = fb->latest[c];
    if (r == SIZE_MAX) continue;
    double own = fb->own_val[d][r], them = fb->them_val[d][r];
    if (!rating_ok(own, scale) || !rating_ok(them, scale) || !(them > own))
      continue;
    /* a promoter is not at risk; an answer older than the windows is no
       longer news */
    double nps = fb->nps ? fb->nps->v.number[r] : NAN;
    if (nps >= 9 && nps <= 10) continue;
    int32_t day = fb->dt ? fb->dt->v.date[r] : KW_NA_DATE;
    if (day != KW_NA_DATE && day <= as_of - 3 * w) continue;
    /* rate over the last w days at most half the rate over the 2w before */
    if (before[c] < 2 || 4 * (uint64_t)recent[c] > before[c]) continue;
    fb->risk[c] = 1;
    fb->risk_dim[c] = (uint8_t)d;
    cp->at_risk++;
    if (fb->comp) {
      uint32_t id = fb->comp->v.text[r];
      if (id != KW_NA_ID && comp_index[id] != UINT32_MAX)
        fb->risk_per_comp[comp_index[id]]++;
    }
  }
  kw_free(ctx, recent);
  kw_free(ctx, before);
  return KW_OK;
}

kw_status kw_fb_competition_build(kw_feedback *fb) {
  if (!fb->ndims) return KW_OK;
  kw_context *ctx = fb->ctx;
  kw_fb_competition *cp = &fb->cpt;
  const size_t nd = fb->ndims;
  size_t ncd = fb->comp ? kw_dict_size(fb->comp->dict) : 0;
  uint32_t *comp_index =
      kw_malloc(ctx, (ncd ? ncd : 1) * sizeof *comp_index);
  fb->dims = kw_calloc(ctx, nd, sizeof *fb->dims);
  if (!comp_index || !fb->dims) {
    kw_free(ctx, comp_index);
    return kw_fail_nomem(ctx);
  }
  /* competitors named in the counted answers, in order of first mention */
  size_t nc = 0;
  for (size_t k = 0; k < ncd; k++) comp_index[k] = UINT32_MAX;
  if (fb->comp)
    for (size_t i = 0; i < fb->m; i++) {
      uint32_t id = fb->comp->v.text[fb->row[i]];
      if (id < ncd && comp_index[id] == UINT32_MAX)
        comp_index[id] = (uint32_t)nc++;
    }
  fb->comp_names = kw_calloc(ctx, nc ? nc : 1, sizeof *fb->comp_names);
  fb->risk_per_comp = kw_calloc(ctx, nc ? nc : 1, sizeof *fb->risk_per_comp);
  fb->gaps = kw_calloc(ctx, nd * (nc + 1), sizeof *fb->gaps);
  pair_acc *pa = kw_calloc(ctx, nc + 1, sizeof *pa);
  if (!fb->comp_names || !fb->risk_per_comp || !fb->gaps || !pa) {
    kw_free(ctx, comp_index);
    kw_free(ctx, pa);
    return kw_fail_nomem(ctx);
  }
  for (size_t k = 0; k < ncd; k++)
    if (comp_index[k] != UINT32_MAX)
      fb->comp_names[comp_index[k]] = kw_dict_str(fb->comp->dict,
                                                  (uint32_t)k);
  const double z = kw_fb_z(fb->o.level);
  size_t ng = 0;
  double imp_sum = 0, perf_sum = 0;
  size_t imp_n = 0, perf_n = 0;
  for (size_t k = 0; k < nd; k++) {
    kw_fb_dimension *dm = &fb->dims[k];
    dm->name = fb->own[k]->name;
    dm->scale = dim_scale(fb, k);
    memset(pa, 0, (nc + 1) * sizeof *pa);
    size_t n = 0, ni = 0;
    double m = 0, m2 = 0, mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < fb->m; i++) {
      size_t r = fb->row[i];
      double own = fb->own_val[k][r], them = fb->them_val[k][r];
      if (!rating_ok(own, dm->scale)) continue;
      n++;
      pw(n, &m, &m2, own);
      double y = fb->nps ? fb->nps->v.number[r] : NAN;
      if (y >= 0 && y <= 10) {
        /* co-moments by the same running update (Welford) */
        ni++;
        double dx = own - mx, dy = y - my;
        mx += dx / (double)ni;
        my += dy / (double)ni;
        sxx += dx * (own - mx);
        syy += dy * (y - my);
        sxy += dx * (y - my);
      }
      if (!rating_ok(them, dm->scale)) continue;
      pair_add(&pa[0], own, them);
      if (fb->comp) {
        uint32_t id = fb->comp->v.text[r];
        if (id < ncd && comp_index[id] != UINT32_MAX)
          pair_add(&pa[1 + comp_index[id]], own, them);
      }
    }
    dm->n = n;
    kw_fb_mean_ci(m, m2, n, fb->o.level, &dm->mean, &dm->low, &dm->high);
    dm->importance_n = ni;
    dm->importance = dm->importance_low = dm->importance_high = NAN;
    if (ni >= 4 && sxx > 0 && syy > 0) {
      double r = sxy / sqrt(sxx * syy);
      dm->importance = r;
      double zr = atanh(fmax(-0.999999, fmin(0.999999, r)));
      double h = z / sqrt((double)ni - 3);
      dm->importance_low = tanh(zr - h);
      dm->importance_high = tanh(zr + h);
      imp_sum += r;
      imp_n++;
    }
    if (n) perf_sum += dm->mean, perf_n++;
    for (size_t j = 0; j <= nc; j++) {
      kw_fb_gap *g = &fb->gaps[ng++];
      g->dimension = k;
      g->competitor = j ? fb->comp_names[j - 1] : NULL;
      pair_finish(&pa[j], fb, g);
    }
  }
  kw_free(ctx, pa);
  cp->importance_split = imp_n ? imp_sum / (double)imp_n : NAN;
  cp->performance_split = perf_n ? perf_sum / (double)perf_n : NAN;
  cp->top_dimension = SIZE_MAX;
  for (size_t k = 0; k < nd; k++) {
    kw_fb_dimension *dm = &fb->dims[k];
    if (isnan(dm->importance) || dm->n == 0) continue;
    bool hi_imp = dm->importance >= cp->importance_split;
    bool hi_perf = dm->mean >= cp->performance_split;
    dm->quadrant = hi_imp ? (hi_perf ? KW_IPA_KEEP : KW_IPA_IMPROVE)
                          : (hi_perf ? KW_IPA_OVERKILL : KW_IPA_LOW_PRIORITY);
    if (cp->top_dimension == SIZE_MAX ||
        dm->importance > fb->dims[cp->top_dimension].importance)
      cp->top_dimension = k;
  }
  cp->n_dimensions = nd;
  cp->dimensions = fb->dims;
  cp->n_competitors = nc;
  cp->competitors = fb->comp_names;
  cp->n_gaps = ng;
  cp->gaps = fb->gaps;
  cp->at_risk_per_competitor_n = nc;
  cp->at_risk_per_competitor = fb->risk_per_comp;
  fb->have_comp = true;
  kw_status st = mark_at_risk(fb, comp_index);
  kw_free(ctx, comp_index);
  return st;
}
