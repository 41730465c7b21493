/*
 * predict.c — per-customer predictions from a fitted model.
 *
 * For the continuous-time models every conditional expectation factors as
 *   E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) * E[Y(t) | alive, x, T],
 * where the second factor depends on x and T only (the posterior of the
 * purchase and drop-out parameters given alive). Customers are compressed
 * to patterns sorted by (x, T, t_x); the second factor is computed once per
 * (x, T) group and P(alive) once per pattern, then scattered back to the
 * customers. So the cost follows the number of distinct patterns. For the
 * BG/NBD family, whose P(alive) is two logs, customers are taken one by one
 * and only the (x, T) factor is cached (run_bg).
 *
 * Discounted value over H periods (documented in klantwijs/clv.h):
 *   CLV = margin * spend * P(alive) * sum_{k=1..H} (E_a(k) - E_a(k-1))/(1+d)^k
 * with E_a(k) = E[Y(k) | alive]; for BG/BB the per-period expectations
 * come directly from the model (bgbb.c).
 */
#include "models/clv/clv.h"

#include <stdio.h>
#include <string.h>

enum { JOB_ALIVE, JOB_EXPECT, JOB_VALUE };

typedef struct job {
  int kind;
  double t;
  size_t horizon;
  double disc;
} job;

static double alive_expect(kw_clv_model m, const double *p, double x,
                           double T, double t) {
  switch (m) {
    case KW_CLV_BGNBD:
      return clv_bg_alive_expect(p[0] + x, p[1] + T, p[2], p[3] + x, t);
    case KW_CLV_MBGNBD:
      return clv_bg_alive_expect(p[0] + x, p[1] + T, p[2], p[3] + x + 1, t);
    case KW_CLV_PNBD:
      return clv_pnbd_alive_expect(p[0] + x, p[1] + T, p[2], p[3] + T, t);
    default: return 0;
  }
}

static double p_alive(kw_clv_model m, const double *p, double x, double tx,
                      double T) {
  switch (m) {
    case KW_CLV_BGNBD: return clv_bg_p_alive(p, x, tx, T, 0);
    case KW_CLV_MBGNBD: return clv_bg_p_alive(p, x, tx, T, 1);
    case KW_CLV_PNBD: return clv_pnbd_p_alive(p, x, tx, T);
    case KW_CLV_BGBB: return clv_bgbb_p_alive(p, x, tx, T);
    default: return 0;
  }
}

static double group_value(kw_clv_model m, const double *p, double x, double T,
                          const job *jb) {
  if (jb->kind == JOB_EXPECT) return alive_expect(m, p, x, T, jb->t);
  /* without discounting the per-period increments add up to E_a(H) */
  if (jb->disc == 0) return alive_expect(m, p, x, T, (double)jb->horizon);
  double prev = 0, f = 1, v = 0;
  for (size_t k = 1; k <= jb->horizon; k++) {
    double e = alive_expect(m, p, x, T, (double)k);
    f /= 1 + jb->disc;
    v += (e - prev) * f;
    prev = e;
  }
  return v;
}

static kw_status purchase_fit(kw_context *ctx, const kw_clv_fit *f) {
  if (!f) return kw_fail(ctx, KW_EARG, "clv: no fit");
  if (clv_fit_res(f)->model == KW_CLV_GG)
    return kw_fail(ctx, KW_EARG, "clv: gg is a spend model; use kw_clv_spend");
  return KW_OK;
}

/*
 * The distinct (x, T) of n items (customers or patterns): gid[i] is item
 * i's group, gx and gT (allocated) the groups' x and T, in order of first
 * appearance. An open-addressing table keyed on the two values (a few
 * thousand to a few tens of thousands of groups in practice).
 */
static uint64_t key_bits(double v) {
  uint64_t u;
  if (v == 0) v = 0;
  memcpy(&u, &v, sizeof u);
  return u;
}

static uint64_t hash2(double x, double T) {
  uint64_t z = key_bits(x) * 0x9e3779b97f4a7c15ULL ^ key_bits(T);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static kw_status group_items(kw_context *ctx, const double *x, const double *T,
                             size_t n, uint32_t *gid, double **gx_out,
                             double **gT_out, size_t *ng_out) {
  size_t cap = 1024, used = 0, gcap = 512;
  uint32_t *tab = kw_malloc(ctx, cap * sizeof *tab);
  double *gx = kw_malloc(ctx, gcap * sizeof *gx);
  double *gT = kw_malloc(ctx, gcap * sizeof *gT);
  if (!tab || !gx || !gT) goto nomem;
  memset(tab, 0xff, cap * sizeof *tab);
  for (size_t i = 0; i < n; i++) {
    double xi = x[i], Ti = T[i];
    size_t h = (size_t)hash2(xi, Ti) & (cap - 1);
    uint32_t g;
    while ((g = tab[h]) != UINT32_MAX && (gx[g] != xi || gT[g] != Ti))
      h = (h + 1) & (cap - 1);
    if (g == UINT32_MAX) {
      if (used == gcap) {
        gcap *= 2;
        double *a = kw_realloc(ctx, gx, gcap * sizeof *gx);
        if (!a) goto nomem;
        gx = a;
        a = kw_realloc(ctx, gT, gcap * sizeof *gT);
        if (!a) goto nomem;
        gT = a;
      }
      g = (uint32_t)used++;
      gx[g] = xi;
      gT[g] = Ti;
      tab[h] = g;
      if (2 * used > cap) { /* grow and reinsert */
        size_t nc = cap * 2;
        uint32_t *t2 = kw_malloc(ctx, nc * sizeof *t2);
        if (!t2) goto nomem;
        memset(t2, 0xff, nc * sizeof *t2);
        for (size_t k = 0; k < used; k++) {
          size_t q = (size_t)hash2(gx[k], gT[k]) & (nc - 1);
          while (t2[q] != UINT32_MAX) q = (q + 1) & (nc - 1);
          t2[q] = (uint32_t)k;
        }
        kw_free(ctx, tab);
        tab = t2;
        cap = nc;
      }
    }
    gid[i] = g;
  }
  kw_free(ctx, tab);
  *gx_out = gx;
  *gT_out = gT;
  *ng_out = used;
  return KW_OK;
nomem:
  kw_free(ctx, tab);
  kw_free(ctx, gx);
  kw_free(ctx, gT);
  return kw_fail_nomem(ctx);
}

/* The (x, T) factor of job jb for every group: the discounted value of
 * the BG/NBD family by clv_bg_disc (per-x coefficients and per-T moments,
 * within 1e-12 of the per-period sum), everything else group by group. */
static kw_status group_values(kw_context *ctx, kw_clv_model m, const double *p,
                              const double *gx, const double *gT, size_t ng,
                              const job *jb, double *gv) {
  if (jb->kind == JOB_VALUE && jb->disc != 0 &&
      (m == KW_CLV_BGNBD || m == KW_CLV_MBGNBD))
    return clv_bg_disc(ctx, p, m == KW_CLV_MBGNBD, gx, gT, ng, jb->horizon,
                       jb->disc, NULL, gv);
  for (size_t g = 0; g < ng; g++) gv[g] = group_value(m, p, gx[g], gT[g], jb);
  return KW_OK;
}

/* A prediction the numerics could not reach: an error, never a clamp. */
kw_status clv_not_computable(kw_context *ctx, kw_clv_model m, const double *p,
                             double x, double T) {
  const char *const *nm = clv_model_ops_of(m)->names;
  char params[256];
  snprintf(params, sizeof params, "%s = %g, %s = %g, %s = %g, %s = %g", nm[0],
           p[0], nm[1], p[1], nm[2], p[2], nm[3], p[3]);
  return kw_fail_tpl(ctx, KW_ENUMERIC, "model.e.clv_not_computable",
                     "{model}: the prediction for x = {x}, T = {T} is not "
                     "computable at {params}",
                     "model", kw_clv_model_name(m), "x", KW_NUM_G(x), "T",
                     KW_NUM_G(T), "params", params, NULL);
}

/*
 * BG/NBD and MBG/NBD: P(alive) costs two logs, so customers are not
 * compressed; the (x, T) factor is computed once per group.
 */
static kw_status run_bg(kw_context *ctx, const kw_clv_result *r,
                        const double *x, const double *tx, const double *T,
                        size_t n, const job *jb, double *out) {
  int mod = r->model == KW_CLV_MBGNBD;
  const double *p = r->params;
  if (jb->kind == JOB_ALIVE) {
    for (size_t i = 0; i < n; i++)
      out[i] = clv_bg_p_alive(p, x[i], x[i] > 0 ? tx[i] : 0, T[i], mod);
    return KW_OK;
  }
  uint32_t *gid = kw_malloc(ctx, n * sizeof *gid);
  double *gx = NULL, *gT = NULL, *gv = NULL;
  size_t ng = 0;
  if (!gid) return kw_fail_nomem(ctx);
  kw_status st = group_items(ctx, x, T, n, gid, &gx, &gT, &ng);
  if (!st) {
    gv = kw_malloc(ctx, (ng ? ng : 1) * sizeof *gv);
    st = gv ? group_values(ctx, r->model, p, gx, gT, ng, jb, gv)
            : kw_fail_nomem(ctx);
  }
  for (size_t i = 0; !st && i < n; i++) {
    double xi = x[i];
    double pa = clv_bg_p_alive(p, xi, xi > 0 ? tx[i] : 0, T[i], mod);
    out[i] = pa * gv[gid[i]];
    if (!isfinite(out[i])) st = clv_not_computable(ctx, r->model, p, xi, T[i]);
  }
  kw_free(ctx, gid);
  kw_free(ctx, gx);
  kw_free(ctx, gT);
  kw_free(ctx, gv);
  return st;
}

kw_status clv_groups_build(kw_context *ctx, const clv_pat *d, clv_groups *g) {
  memset(g, 0, sizeof *g);
  g->gid = kw_malloc(ctx, (d->n ? d->n : 1) * sizeof *g->gid);
  if (!g->gid) return kw_fail_nomem(ctx);
  kw_status st = group_items(ctx, d->x, d->T, d->n, g->gid, &g->gx, &g->gT,
                             &g->ng);
  if (st) clv_groups_free(ctx, g);
  return st;
}

void clv_groups_free(kw_context *ctx, clv_groups *g) {
  kw_free(ctx, g->gid);
  kw_free(ctx, g->gx);
  kw_free(ctx, g->gT);
  memset(g, 0, sizeof *g);
}

/* clv_bg_p_alive for every pattern, with the logs taken once per distinct
 * x and time value: the same expression on the same operands, so the same
 * bits. */
static kw_status bg_p_alive_pat(kw_context *ctx, const double *p,
                                const clv_pat *d, int modified, double *out) {
  double r = p[0], al = p[1], a = p[2], b = p[3];
  double *lx = kw_malloc(ctx, (d->nux ? d->nux : 1) * sizeof *lx);
  double *lt = kw_malloc(ctx, (d->nut ? d->nut : 1) * sizeof *lt);
  if (!lx || !lt) {
    kw_free(ctx, lx);
    kw_free(ctx, lt);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < d->nux; i++)
    lx[i] = log(b + d->ux[i] - 1 + (modified ? 1 : 0));
  for (size_t i = 0; i < d->nut; i++) lt[i] = log(al + d->ut[i]);
  double la = log(a);
  for (size_t j = 0; j < d->n; j++) {
    double x = d->x[j];
    if (x <= 0 && !modified) {
      out[j] = 1;
      continue;
    }
    double l = la - lx[d->ix[j]] + (r + x) * (lt[d->iT[j]] - lt[d->itx[j]]);
    out[j] = clv_prob(clv_logistic_neg(l));
  }
  kw_free(ctx, lx);
  kw_free(ctx, lt);
  return KW_OK;
}

kw_status clv_pat_predict(kw_context *ctx, kw_clv_model m, const double *p,
                          const clv_pat *d, const clv_groups *g,
                          const kw_clv_value_options *vo, double *pa,
                          double *u) {
  job jb = {JOB_VALUE, 0, vo->horizon, vo->discount};
  size_t n = d->n;
  if (m == KW_CLV_BGBB) {
    for (size_t j = 0; j < n; j++) {
      pa[j] = clv_bgbb_p_alive(p, d->x[j], d->tx[j], d->T[j]);
      u[j] = clv_bgbb_expect_disc(p, d->x[j], d->tx[j], d->T[j],
                                  (unsigned)jb.horizon, jb.disc);
    }
    return KW_OK;
  }
  double *gv = kw_malloc(ctx, (g->ng ? g->ng : 1) * sizeof *gv);
  if (!gv) return kw_fail_nomem(ctx);
  kw_status st = group_values(ctx, m, p, g->gx, g->gT, g->ng, &jb, gv);
  if (!st && (m == KW_CLV_BGNBD || m == KW_CLV_MBGNBD))
    st = bg_p_alive_pat(ctx, p, d, m == KW_CLV_MBGNBD, pa);
  else if (!st)
    for (size_t j = 0; j < n; j++) {
      double xj = d->x[j];
      pa[j] = p_alive(m, p, xj, xj > 0 ? d->tx[j] : 0, d->T[j]);
    }
  if (!st)
    for (size_t j = 0; j < n; j++) u[j] = pa[j] * gv[g->gid[j]];
  kw_free(ctx, gv);
  return st;
}

kw_status clv_value_check(kw_context *ctx, const kw_clv_fit *f,
                          const double *x, const double *t_x, const double *T,
                          const double *spend, size_t n,
                          const kw_clv_value_options *o) {
  kw_status st = purchase_fit(ctx, f);
  if (st != KW_OK) return st;
  st = clv_check_rows(ctx, clv_fit_res(f)->model, x, t_x, T, n);
  if (st != KW_OK) return st;
  if (!(o->discount >= 0) || !isfinite(o->discount) || !(o->margin >= 0) ||
      !isfinite(o->margin) || o->horizon > 100000)
    return kw_fail(ctx, KW_EARG, "clv: bad value options");
  if (n && !spend) return kw_fail(ctx, KW_EARG, "clv: spend is NULL");
  for (size_t i = 0; i < n; i++)
    if (!isfinite(spend[i]))
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_spend",
                         "clv: row {row}: spend not finite", "row",
                         KW_NUM_U(i + 1), NULL);
  return KW_OK;
}

static kw_status run(kw_context *ctx, const kw_clv_fit *f, const double *x,
                     const double *tx, const double *T, size_t n,
                     const job *jb, double *out) {
  kw_status st = purchase_fit(ctx, f);
  if (st != KW_OK) return st;
  if (n && !out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  const kw_clv_result *r = clv_fit_res(f);
  st = clv_check_rows(ctx, r->model, x, tx, T, n);
  if (st != KW_OK || n == 0) return st;
  if (r->model == KW_CLV_BGNBD || r->model == KW_CLV_MBGNBD)
    return run_bg(ctx, r, x, tx, T, n, jb, out);
  clv_pat d;
  st = clv_pat_build(ctx, x, tx, T, NULL, NULL, n, true, true, &d);
  if (st != KW_OK) return st;
  double *val = kw_malloc(ctx, (d.n ? d.n : 1) * sizeof *val);
  if (!val) {
    clv_pat_free(ctx, &d);
    return kw_fail_nomem(ctx);
  }
  const double *p = r->params;
  double gx = NAN, gT = NAN, gv = 0;
  for (size_t o = 0; o < d.n; o++) {
    uint32_t j = d.order[o];
    double xj = d.x[j], tj = d.tx[j], Tj = d.T[j], v;
    if (r->model == KW_CLV_BGBB) {
      if (jb->kind == JOB_ALIVE) v = clv_bgbb_p_alive(p, xj, tj, Tj);
      else if (jb->kind == JOB_EXPECT)
        v = clv_bgbb_expect_disc(p, xj, tj, Tj, (unsigned)floor(jb->t), 0);
      else
        v = clv_bgbb_expect_disc(p, xj, tj, Tj, (unsigned)jb->horizon,
                                 jb->disc);
    } else {
      double pa = p_alive(r->model, p, xj, tj, Tj);
      if (jb->kind == JOB_ALIVE) {
        v = pa;
      } else {
        if (xj != gx || Tj != gT) {
          gx = xj;
          gT = Tj;
          gv = group_value(r->model, p, xj, Tj, jb);
        }
        v = pa * gv;
      }
    }
    if (!isfinite(v)) {
      kw_free(ctx, val);
      clv_pat_free(ctx, &d);
      return clv_not_computable(ctx, r->model, p, xj, Tj);
    }
    val[j] = v;
  }
  for (size_t i = 0; i < n; i++) out[i] = val[d.map[i]];
  kw_free(ctx, val);
  clv_pat_free(ctx, &d);
  return KW_OK;
}

kw_status kw_clv_p_alive(kw_context *ctx, const kw_clv_fit *f,
                         const double *x, const double *t_x, const double *T,
                         size_t n, double *out) {
  job jb = {JOB_ALIVE, 0, 0, 0};
  return run(ctx, f, x, t_x, T, n, &jb, out);
}

kw_status kw_clv_expected(kw_context *ctx, const kw_clv_fit *f,
                          const double *x, const double *t_x, const double *T,
                          size_t n, double t, double *out) {
  if (!(t >= 0) || !isfinite(t))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.clv_horizon",
                       "clv: horizon t must be >= 0", NULL);
  if (t > 1e7 || (f && clv_fit_res(f)->model == KW_CLV_BGBB && t > 1e6))
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.clv_horizon_long",
                       "clv: horizon too long", NULL);
  job jb = {JOB_EXPECT, t, 0, 0};
  return run(ctx, f, x, t_x, T, n, &jb, out);
}

void kw_clv_value_options_init(kw_clv_value_options *o) {
  o->horizon = 12;
  o->discount = 0;
  o->margin = 1;
}

kw_status kw_clv_value(kw_context *ctx, const kw_clv_fit *f, const double *x,
                       const double *t_x, const double *T, const double *spend,
                       size_t n, const kw_clv_value_options *o, double *out) {
  kw_clv_value_options def;
  if (!o) {
    kw_clv_value_options_init(&def);
    o = &def;
  }
  if (!(o->discount >= 0) || !isfinite(o->discount) || !(o->margin >= 0) ||
      !isfinite(o->margin) || o->horizon > 100000)
    return kw_fail(ctx, KW_EARG, "clv: bad value options");
  if (n && !spend) return kw_fail(ctx, KW_EARG, "clv: spend is NULL");
  for (size_t i = 0; i < n; i++)
    if (!isfinite(spend[i]))
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_spend",
                         "clv: row {row}: spend not finite", "row",
                         KW_NUM_U(i + 1), NULL);
  job jb = {JOB_VALUE, 0, o->horizon, o->discount};
  kw_status st = run(ctx, f, x, t_x, T, n, &jb, out);
  if (st != KW_OK) return st;
  for (size_t i = 0; i < n; i++) out[i] *= o->margin * spend[i];
  return KW_OK;
}

kw_status kw_clv_prob_count(kw_context *ctx, const kw_clv_fit *f,
                            const double *x, const double *t_x,
                            const double *T, size_t n, double t, unsigned k,
                            double *out) {
  kw_status st = purchase_fit(ctx, f);
  if (st != KW_OK) return st;
  const kw_clv_result *r = clv_fit_res(f);
  if (r->model == KW_CLV_BGBB)
    return kw_fail(ctx, KW_EUNSUPPORTED,
                   "clv: P(Y(t) = k) is not available for bgbb");
  if (!(t >= 0) || !isfinite(t))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.clv_horizon",
                       "clv: horizon t must be >= 0", NULL);
  if (n && !out) return kw_fail(ctx, KW_EARG, "clv: out is NULL");
  st = clv_check_rows(ctx, r->model, x, t_x, T, n);
  if (st != KW_OK) return st;
  const double *p = r->params;
  for (size_t i = 0; i < n; i++) {
    double xi = x[i], ti = xi > 0 ? t_x[i] : 0, Ti = T[i];
    double pa = p_alive(r->model, p, xi, ti, Ti), pk;
    switch (r->model) {
      case KW_CLV_BGNBD:
        pk = clv_bg_alive_pk(p[0] + xi, p[1] + Ti, p[2], p[3] + xi, t, k);
        break;
      case KW_CLV_MBGNBD:
        pk = clv_bg_alive_pk(p[0] + xi, p[1] + Ti, p[2], p[3] + xi + 1, t, k);
        break;
      default:
        pk = clv_pnbd_alive_pk(p[0] + xi, p[1] + Ti, p[2], p[3] + Ti, t, k);
        break;
    }
    if (!isfinite(pa) || !isfinite(pk))
      return clv_not_computable(ctx, r->model, p, xi, Ti);
    out[i] = clv_prob(pa * pk + (k == 0 ? 1 - pa : 0));
  }
  return KW_OK;
}

double clv_population(const kw_clv_result *r, double t) {
  const double *p = r->params;
  double v;
  switch (r->model) {
    case KW_CLV_BGNBD: v = clv_bg_alive_expect(p[0], p[1], p[2], p[3], t); break;
    case KW_CLV_MBGNBD:
      v = p[3] / (p[2] + p[3]) *
          clv_bg_alive_expect(p[0], p[1], p[2], p[3] + 1, t);
      break;
    case KW_CLV_PNBD: v = clv_pnbd_alive_expect(p[0], p[1], p[2], p[3], t); break;
    case KW_CLV_BGBB: v = clv_bgbb_population(p, floor(t)); break;
    default: v = NAN;
  }
  return v;
}

kw_status kw_clv_population(kw_context *ctx, const kw_clv_fit *f, double t,
                            double *out) {
  kw_status st = purchase_fit(ctx, f);
  if (st != KW_OK) return st;
  if (!out || !(t >= 0) || !isfinite(t))
    return kw_fail(ctx, KW_EARG, "clv: bad horizon or out");
  if (t > 1e7 || (clv_fit_res(f)->model == KW_CLV_BGBB && t > 1e6))
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.clv_horizon_long",
                       "clv: horizon too long", NULL);
  *out = clv_population(clv_fit_res(f), t);
  if (!isfinite(*out))
    return kw_fail_tpl(ctx, KW_ENUMERIC, "model.e.clv_population",
                       "{model}: E[X({t})] of a new customer is not computable "
                       "at these parameters",
                       "model", kw_clv_model_name(clv_fit_res(f)->model), "t",
                       KW_NUM_G(t), NULL);
  return KW_OK;
}

kw_status kw_clv_spend(kw_context *ctx, const kw_clv_fit *gg, const double *x,
                       const double *zbar, size_t n, double *out) {
  if (!gg || clv_fit_res(gg)->model != KW_CLV_GG)
    return kw_fail(ctx, KW_EARG, "clv: kw_clv_spend needs a gg fit");
  if (n && (!x || !zbar || !out))
    return kw_fail(ctx, KW_EARG, "clv: missing array");
  const kw_clv_result *r = clv_fit_res(gg);
  double p = r->params[0], q = r->params[1], ga = r->params[2];
  double pop;
  bool warned = false;
  if (q > 1) {
    pop = p * ga / (q - 1);
  } else {
    pop = r->spend_mean;
  }
  for (size_t i = 0; i < n; i++) {
    double xi = x[i], zi = zbar[i];
    if (!isfinite(xi) || xi < 0 || !isfinite(zi) || zi < 0)
      return kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_spend_x",
                         "clv: row {row}: bad x or zbar", "row",
                         KW_NUM_U(i + 1), NULL);
    double v;
    if (xi >= 1 && zi > 0) {
      double den = p * xi + q - 1;
      v = den > 0 ? p * (ga + xi * zi) / den : zi;
    } else {
      if (q <= 1 && !warned) {
        if (!(pop > 0))
          return kw_fail_tpl(
              ctx, KW_ERANGE, "model.e.gg_q_infinite",
              "gg: q <= 1, the population mean spend is infinite", NULL);
        char qs[40], ps[40];
        snprintf(qs, sizeof qs, "%c%.3g", KW_MSGV_DECIMAL, q);
        snprintf(ps, sizeof ps, "%c%.4g", KW_MSGV_DECIMAL, pop);
        kw_warn_tpl(ctx, "model.w.gg_q",
                    "gg: q = {q} <= 1, the population mean spend is "
                    "infinite; customers without repeat purchases get the "
                    "observed mean spend {pop}",
                    "q", qs, "pop", ps, NULL);
        warned = true;
      }
      v = pop;
    }
    out[i] = clv_finite(v, 0);
  }
  return KW_OK;
}
