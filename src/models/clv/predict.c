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
 * BG/NBD and MBG/NBD: P(alive) costs two logs, so customers are not
 * compressed; the (x, T) factor is cached in a small open-addressing table
 * keyed on the two values (a few thousand groups in practice).
 */
typedef struct group {
  double x, T, v;
} group;

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

/* A prediction the numerics could not reach: an error, never a clamp. */
static kw_status not_computable(kw_context *ctx, const kw_clv_result *r,
                                double x, double T) {
  const double *p = r->params;
  return kw_fail(ctx, KW_ENUMERIC,
                 "%s: the prediction for x = %g, T = %g is not computable at "
                 "%s = %g, %s = %g, %s = %g, %s = %g",
                 kw_clv_model_name(r->model), x, T, r->names[0], p[0],
                 r->names[1], p[1], r->names[2], p[2], r->names[3], p[3]);
}

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
  size_t cap = 1024, used = 0;
  group *tab = kw_malloc(ctx, cap * sizeof *tab);
  if (!tab) return kw_fail_nomem(ctx);
  for (size_t k = 0; k < cap; k++) tab[k].x = -1;
  for (size_t i = 0; i < n; i++) {
    double xi = x[i], Ti = T[i];
    size_t h = (size_t)hash2(xi, Ti) & (cap - 1);
    while (tab[h].x >= 0 && (tab[h].x != xi || tab[h].T != Ti))
      h = (h + 1) & (cap - 1);
    if (tab[h].x < 0) {
      if (2 * (used + 1) > cap) { /* grow and reinsert */
        size_t nc = cap * 2;
        group *t2 = kw_malloc(ctx, nc * sizeof *t2);
        if (!t2) {
          kw_free(ctx, tab);
          return kw_fail_nomem(ctx);
        }
        for (size_t k = 0; k < nc; k++) t2[k].x = -1;
        for (size_t k = 0; k < cap; k++) {
          if (tab[k].x < 0) continue;
          size_t g = (size_t)hash2(tab[k].x, tab[k].T) & (nc - 1);
          while (t2[g].x >= 0) g = (g + 1) & (nc - 1);
          t2[g] = tab[k];
        }
        kw_free(ctx, tab);
        tab = t2;
        cap = nc;
        h = (size_t)hash2(xi, Ti) & (cap - 1);
        while (tab[h].x >= 0) h = (h + 1) & (cap - 1);
      }
      tab[h].x = xi;
      tab[h].T = Ti;
      tab[h].v = group_value(r->model, p, xi, Ti, jb);
      used++;
    }
    double pa = clv_bg_p_alive(p, xi, xi > 0 ? tx[i] : 0, Ti, mod);
    out[i] = pa * tab[h].v;
    if (!isfinite(out[i])) {
      kw_free(ctx, tab);
      return not_computable(ctx, r, xi, Ti);
    }
  }
  kw_free(ctx, tab);
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
      return not_computable(ctx, r, xj, Tj);
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
    return kw_fail(ctx, KW_EARG, "clv: horizon t must be >= 0");
  if (t > 1e7 || (f && clv_fit_res(f)->model == KW_CLV_BGBB && t > 1e6))
    return kw_fail(ctx, KW_ERANGE, "clv: horizon too long");
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
      return kw_fail(ctx, KW_EINPUT, "clv: row %zu: spend not finite", i + 1);
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
    return kw_fail(ctx, KW_EARG, "clv: horizon t must be >= 0");
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
    if (!isfinite(pa) || !isfinite(pk)) return not_computable(ctx, r, xi, Ti);
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
    return kw_fail(ctx, KW_ERANGE, "clv: horizon too long");
  *out = clv_population(clv_fit_res(f), t);
  if (!isfinite(*out))
    return kw_fail(ctx, KW_ENUMERIC,
                   "%s: E[X(%g)] of a new customer is not computable at these "
                   "parameters", kw_clv_model_name(clv_fit_res(f)->model), t);
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
      return kw_fail(ctx, KW_EINPUT, "clv: row %zu: bad x or zbar", i + 1);
    double v;
    if (xi >= 1 && zi > 0) {
      double den = p * xi + q - 1;
      v = den > 0 ? p * (ga + xi * zi) / den : zi;
    } else {
      if (q <= 1 && !warned) {
        if (!(pop > 0))
          return kw_fail(ctx, KW_ERANGE,
                         "gg: q <= 1, the population mean spend is infinite");
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
