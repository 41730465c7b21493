/*
 * discount.c — the discounted value of the BG/NBD family for many (x, T)
 * groups at once, without one hypergeometric series per period.
 *
 * A customer known to be alive at T is worth, over H periods with the
 * discount factor f = 1/(1+d) per period,
 *   V = sum_{k=1..H} f^k (E(k) - E(k-1)),   E(t) = E[Y(t) | alive]
 * per unit of margin x spend (predict.c multiplies by P(alive)). Done
 * straightforwardly (clv_bg_disc_direct) that is H series per group: the
 * cost of a day-unit CLV was distinct (x, T) groups x horizon days, and
 * 10 of those passes (the value and its 8 delta-method derivatives) made
 * most of the CLV step of the main job.
 *
 * special.c writes E as a power series in z = t/(alpha1 + t):
 *   E(t) = c [first(t) - w(t) S(z)],  L = log(1-z) = -log1p(t/alpha1),
 *   first = -expm1(e L)/e (= -L at e = 0),  w = exp(e L),  e = a - 1,
 *   S(z) = sum_{j>=1} s_j z^j,  s_1 = A/c,
 *   s_{j+1} = s_j (A+j)(a+j-1) / ((c+j)(j+1)),  c = a + b1 - 1, A = c - r1.
 * Summation by parts (E(0) = 0) turns the discounted increments into a
 * sum with weights beta_k >= 0,
 *   V = sum_{k=1..H} beta_k E(k),  beta_k = f^k d/(1+d) (k < H), beta_H = f^H,
 * and exchanging the two sums gives
 *   V = c [D - sum_{j>=1} s_j mu_j],
 *   D    = sum_k beta_k first(k),
 *   mu_j = sum_k beta_k w(k) z(k)^j.
 * The coefficients s_j depend on the group's x only (r1 = r + x and
 * b1 = b + x move together, so A does not depend on x at all), D and the
 * moments mu_j on its T only (alpha1 = alpha + T). So the coefficients are
 * computed once per distinct x, the moments once per distinct T (H
 * multiply-adds per moment, the inner loop over periods), and each group
 * costs one dot product of the two: distinct x x terms + distinct T x H x
 * terms + groups x terms, instead of groups x H x terms with a division in
 * each.
 *
 * Error bound. Every term of mu_j is >= 0 and z(k) <= z(H) = zH, so
 * mu_{j+1} <= zH mu_j: once A + j >= 0 the terms s_j mu_j of the dot
 * product shrink at least by the factor rho_j = zH (1 + max(a-2, 0)/(j+2))
 * per step, the bound special.c uses for the series of one E at z = zH.
 * The sum stops when the bound on the rest, |s_j mu_j| rho/(1 - rho), is
 * below 1e-17 of the sum (so truncation adds at most 1e-17 relative). Its
 * rounding is bounded term by term: with u = 2.3e-16 (two units of
 * rounding, as special.c), mu_j (H positive terms of j + 2 factors)
 * carries at most (j + H + 2) u of itself, s_j at most 5 j u, D at most
 * (H + 6) u, so
 *   |V - V_exact| <= err = c u [(H+6) D + (6 J + H + 8) sum_j |s_j mu_j|]
 * with J the number of terms. The result is used only when err <= 1e-12 V
 * (the tolerance special.c holds each E(k) to), when 0 < V <= (r1/alpha1)
 * sum_k f^k (each period's increment is below the rate without drop-out),
 * and when the sum ended within CLV_DISC_TERMS_MAX terms; otherwise the
 * group falls back to the straightforward sum, whose error is also at most
 * 1e-12 V (it is sum_k beta_k E(k) with every E(k) within 1e-12). So the
 * two agree within 2e-12 relative; tests/unit/test_clv.c checks both
 * against each other on random groups, and tests/reference/clv_discount.py
 * against a 40-digit evaluation of the defining sum.
 */
#include "models/clv/clv.h"

#include <stdlib.h>
#include <string.h>

#define TERMS_MAX CLV_DISC_TERMS_MAX
#define ROUND_U 2.3e-16
#define DISC_REL 1e-12

double clv_bg_disc_direct(double r1, double alpha1, double a, double b1,
                          size_t H, double disc) {
  double prev = 0, f = 1, v = 0;
  for (size_t k = 1; k <= H; k++) {
    double e = clv_bg_alive_expect(r1, alpha1, a, b1, (double)k);
    f /= 1 + disc;
    v += (e - prev) * f;
    prev = e;
  }
  return v;
}

/* The series coefficients s_1, s_2, ... of one x, grown on demand. */
typedef struct coefs {
  double x;
  double *s;
  size_t len, cap;
} coefs;

/* The moments of one T: D, mu_1..mu_len, and the running products
 * beta_k w(k) z(k)^len of the periods still active (k >= klo). */
typedef struct moments {
  double zH, D;
  double *z, *P, *mu;
  size_t H, klo, len, cap;
} moments;

static bool coefs_grow(kw_context *ctx, coefs *c, size_t need, double A,
                       double a, double cc) {
  if (need <= c->len) return true;
  if (need > c->cap) {
    size_t nc = c->cap ? c->cap : 64;
    while (nc < need) nc *= 2;
    double *s = kw_realloc(ctx, c->s, nc * sizeof *s);
    if (!s) return false;
    c->s = s;
    c->cap = nc;
  }
  size_t k = c->len;
  if (k == 0) c->s[k++] = A / cc;
  for (; k < need; k++)
    c->s[k] = c->s[k - 1] * ((A + (double)k) * (a + (double)k - 1) /
                             ((cc + (double)k) * ((double)k + 1)));
  c->len = need;
  return true;
}

/* Set up the moments of alpha1 for H periods with weights beta[1..H]. */
static void moments_init(moments *m, double alpha1, double e,
                         const double *beta) {
  size_t H = m->H;
  double D = 0;
  for (size_t k = 1; k <= H; k++) {
    double t = (double)k;
    double z = t / (alpha1 + t);
    double L = -log1p(t / alpha1);
    double first = fabs(e) < 1e-13 ? -L : -expm1(e * L) / e;
    D += beta[k] * first;
    m->z[k - 1] = z;
    m->P[k - 1] = beta[k] * exp(e * L);
  }
  m->D = D;
  m->zH = m->z[H - 1];
  m->klo = 0;
  m->len = 0;
}

/* mu_1..mu_need. Periods whose running product has fallen below 1e-30 of
 * the last moment are dropped (z(k) grows with k, so they stay negligible:
 * at most H x 1e-30 of a moment in all). */
static bool moments_grow(kw_context *ctx, moments *m, size_t need) {
  if (need <= m->len) return true;
  if (need > m->cap) {
    size_t nc = m->cap ? m->cap : 64;
    while (nc < need) nc *= 2;
    double *mu = kw_realloc(ctx, m->mu, nc * sizeof *mu);
    if (!mu) return false;
    m->mu = mu;
    m->cap = nc;
  }
  size_t H = m->H;
  double *P = m->P;
  const double *z = m->z;
  for (size_t j = m->len; j < need; j++) {
    size_t k = m->klo;
    double s0 = 0, s1 = 0;
    for (; k + 1 < H; k += 2) {
      P[k] *= z[k];
      P[k + 1] *= z[k + 1];
      s0 += P[k];
      s1 += P[k + 1];
    }
    if (k < H) {
      P[k] *= z[k];
      s0 += P[k];
    }
    double mu = s0 + s1;
    m->mu[j] = mu;
    while (m->klo + 1 < H && P[m->klo] < 1e-30 * mu) m->klo++;
  }
  m->len = need;
  return true;
}

/* The dot product for one group; false when the bound does not hold. */
static bool disc_fast(kw_context *ctx, coefs *cf, moments *m, double r1,
                      double alpha1, double a, double b1, double fsum,
                      bool *nomem, double *out) {
  double cc = a + b1 - 1, A = cc - r1, zH = m->zH;
  size_t H = m->H, k;
  double sum = 0, sabs = 0;
  bool done = false;
  for (k = 0; k < TERMS_MAX; k++) {
    if (k >= cf->len && !coefs_grow(ctx, cf, k < 32 ? 32 : 2 * k, A, a, cc)) {
      *nomem = true;
      return false;
    }
    if (k >= m->len && !moments_grow(ctx, m, k < 32 ? 32 : 2 * k)) {
      *nomem = true;
      return false;
    }
    double t = cf->s[k] * m->mu[k];
    sum += t;
    sabs += fabs(t);
    if (!isfinite(sabs)) return false;
    if (t == 0) { /* A a negative integer, or the moments underflowed */
      done = true;
      break;
    }
    /* the term just added is s_{k+1} mu_{k+1}; later ratios are at most
     * rho once A + k + 1 > 0 */
    if (A + (double)k >= 0) {
      double rho = zH * (1 + fmax(a - 2, 0) / ((double)k + 2));
      if (rho < 1 && fabs(t) * rho / (1 - rho) <= 1e-17 * fabs(sum)) {
        done = true;
        break;
      }
    }
  }
  if (!done) return false;
  double v = cc * (m->D - sum);
  double err = cc * ROUND_U *
               (((double)H + 6) * m->D +
                (6 * (double)(k + 1) + (double)H + 8) * sabs);
  if (!(v > 0) || !isfinite(v) || !(err <= DISC_REL * v)) return false;
  if (v > r1 / alpha1 * fsum * (1 + 1e-9)) return false;
  *out = v;
  return true;
}

typedef struct gref {
  double T, x;
  uint32_t g;
} gref;

static int cmp_gref(const void *pa, const void *pb) {
  const gref *a = pa, *b = pb;
  if (a->T != b->T) return a->T < b->T ? -1 : 1;
  if (a->x != b->x) return a->x < b->x ? -1 : 1;
  return 0;
}

static int cmp_double(const void *pa, const void *pb) {
  double a = *(const double *)pa, b = *(const double *)pb;
  return (a > b) - (a < b);
}

kw_status clv_bg_disc(kw_context *ctx, const double *p, int modified,
                      const double *gx, const double *gT, size_t ng, size_t H,
                      double disc, size_t *n_fast, double *out) {
  if (n_fast) *n_fast = 0;
  if (ng == 0) return KW_OK;
  double a = p[2], e = a - 1;
  /* the straightforward sum where the factorisation does not apply */
  if (H == 0 || !(disc > 0) || !isfinite(disc)) {
    for (size_t g = 0; g < ng; g++)
      out[g] = clv_bg_disc_direct(p[0] + gx[g], p[1] + gT[g], p[2],
                                  modified ? p[3] + gx[g] + 1 : p[3] + gx[g],
                                  H, disc);
    return KW_OK;
  }
  kw_status st = KW_OK;
  gref *ord = kw_malloc(ctx, ng * sizeof *ord);
  double *ux = kw_malloc(ctx, ng * sizeof *ux);
  double *beta = kw_malloc(ctx, (H + 1) * sizeof *beta);
  moments m;
  memset(&m, 0, sizeof m);
  m.H = H;
  m.z = kw_malloc(ctx, H * sizeof *m.z);
  m.P = kw_malloc(ctx, H * sizeof *m.P);
  coefs *cf = NULL;
  size_t nux = 0;
  if (!ord || !ux || !beta || !m.z || !m.P) goto nomem;
  /* beta_k = f^k d/(1+d) for k < H and f^H, with f^k as the
   * straightforward sum forms it (f /= 1 + d) */
  double f = 1, fsum = 0, q = disc / (1 + disc);
  beta[0] = 0;
  for (size_t k = 1; k <= H; k++) {
    f /= 1 + disc;
    fsum += f;
    beta[k] = k < H ? f * q : f;
  }
  for (size_t g = 0; g < ng; g++) {
    ord[g] = (gref){gT[g], gx[g], (uint32_t)g};
    ux[g] = gx[g];
  }
  qsort(ord, ng, sizeof *ord, cmp_gref);
  qsort(ux, ng, sizeof *ux, cmp_double);
  for (size_t g = 0; g < ng; g++)
    if (nux == 0 || ux[g] != ux[nux - 1]) ux[nux++] = ux[g];
  cf = kw_calloc(ctx, nux, sizeof *cf);
  if (!cf) goto nomem;
  for (size_t i = 0; i < nux; i++) cf[i].x = ux[i];
  size_t fast = 0;
  double curT = NAN;
  bool have_m = false;
  for (size_t o = 0; o < ng; o++) {
    double x = ord[o].x, T = ord[o].T;
    uint32_t g = ord[o].g;
    double r1 = p[0] + x, alpha1 = p[1] + T;
    double b1 = modified ? p[3] + x + 1 : p[3] + x;
    if (!(T == curT)) {
      curT = T;
      have_m = alpha1 > 0 && isfinite(alpha1) && isfinite(e);
      if (have_m) moments_init(&m, alpha1, e, beta);
      /* the moments shrink no faster than zH per term; where zH^TERMS_MAX
       * is above e^-5 the sum would need the coefficients alone to fall
       * by 1e-15 within TERMS_MAX terms, so the groups of this T go
       * straight to the per-period sum (a horizon long against alpha1)
       * instead of computing TERMS_MAX x H moments in vain */
      have_m = have_m && isfinite(m.D) && m.D >= 0 &&
               log(m.zH) * TERMS_MAX < -5;
    }
    /* the x's coefficients (binary search among the distinct x) */
    size_t lo = 0, hi = nux;
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      if (ux[mid] <= x) lo = mid;
      else hi = mid;
    }
    bool nm = false, ok = false;
    double v = NAN;
    if (have_m && r1 > 0 && b1 > 0 && a > 0 && isfinite(r1) && isfinite(b1))
      ok = disc_fast(ctx, &cf[lo], &m, r1, alpha1, a, b1, fsum, &nm, &v);
    if (nm) goto nomem;
    if (ok) fast++;
    else v = clv_bg_disc_direct(r1, alpha1, a, b1, H, disc);
    out[g] = v;
  }
  if (n_fast) *n_fast = fast;
  goto done;
nomem:
  st = kw_fail_nomem(ctx);
done:
  if (cf)
    for (size_t i = 0; i < nux; i++) kw_free(ctx, cf[i].s);
  kw_free(ctx, cf);
  kw_free(ctx, ord);
  kw_free(ctx, ux);
  kw_free(ctx, beta);
  kw_free(ctx, m.z);
  kw_free(ctx, m.P);
  kw_free(ctx, m.mu);
  return st;
}
