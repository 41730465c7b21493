/*
 * subscription.c — the main job for contract data (klantwijs/subscription.h).
 */
#include "klantwijs/subscription.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "klantwijs/analyze.h"

struct kw_subscription {
  kw_context *ctx;
  kw_sub_data d;
  kw_sub_plan *plans;
  double *p_leave, *p_leave12;
  uint8_t *action;
  int8_t *churned;
  kw_churn_drivers *drivers;
  kw_km *km, *km_all;
};

static bool name_has(const char *name, const char *const *words) {
  char low[128];
  size_t n = 0;
  for (; name[n] && n + 1 < sizeof low; n++)
    low[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
  low[n] = '\0';
  for (size_t k = 0; words[k]; k++)
    if (strstr(low, words[k])) return true;
  return false;
}

/* A number written in a text cell ("29.85", "29,85"); NaN otherwise. */
static double text_number(const char *s) {
  char buf[64];
  size_t n = 0;
  while (*s == ' ') s++;
  for (; *s && n + 1 < sizeof buf; s++) buf[n++] = *s == ',' ? '.' : *s;
  while (n && buf[n - 1] == ' ') n--;
  buf[n] = '\0';
  if (!n) return NAN;
  char *end;
  double v = strtod(buf, &end);
  return *end == '\0' && isfinite(v) ? v : NAN;
}

static const kw_column *plan_column(const kw_table *t) {
  static const char *const w[] = {"contract", "plan", "abonnement", "formule",
                                  NULL};
  for (size_t c = 0; c < kw_table_ncols(t); c++) {
    const kw_column *col = kw_table_col(t, c);
    if (col->type == KW_TYPE_TEXT && col->role != KW_ROLE_CUSTOMER &&
        name_has(col->name, w))
      return col;
  }
  return NULL;
}

static const kw_column *charge_column(const kw_table *t) {
  static const char *const w[] = {"monthly", "maand", "recurring", NULL};
  for (size_t c = 0; c < kw_table_ncols(t); c++) {
    const kw_column *col = kw_table_col(t, c);
    if (!name_has(col->name, w)) continue;
    if (col->type == KW_TYPE_NUMBER || col->type == KW_TYPE_MONEY) return col;
    if (col->type == KW_TYPE_TEXT && col->dict && kw_dict_size(col->dict) &&
        isfinite(text_number(kw_dict_str(col->dict, 0))))
      return col; /* numbers read as text (an attribute column) */
  }
  return NULL;
}

static double charge_of(const kw_column *c, size_t r) {
  if (!c) return NAN;
  if (c->type == KW_TYPE_MONEY)
    return c->v.money[r] == KW_NA_MONEY ? NAN : (double)c->v.money[r] / 100.0;
  if (c->type == KW_TYPE_TEXT)
    return c->v.text[r] == KW_NA_ID ? NAN
                                    : text_number(kw_dict_str(c->dict,
                                                              c->v.text[r]));
  return c->v.number[r];
}

bool kw_subscription_recognised(const kw_table *t) {
  return t && kw_table_role(t, KW_ROLE_TENURE) &&
         kw_table_role(t, KW_ROLE_CHURN);
}

void kw_subscription_free(kw_subscription *s) {
  if (!s) return;
  kw_context *ctx = s->ctx;
  kw_free(ctx, s->plans);
  kw_free(ctx, s->p_leave);
  kw_free(ctx, s->p_leave12);
  kw_free(ctx, s->action);
  kw_free(ctx, s->churned);
  kw_churn_drivers_free(s->drivers);
  kw_km_free(s->km);
  kw_km_free(s->km_all);
  kw_free(ctx, s);
}

const kw_sub_data *kw_subscription_view(const kw_subscription *s) {
  return &s->d;
}

static int cmp_double(const void *p, const void *q) {
  double a = *(const double *)p, b = *(const double *)q;
  return (a > b) - (a < b);
}

/* sBG of the rows of group g (g == SIZE_MAX: all). */
static kw_sbg *fit_sbg(kw_context *ctx, const double *ten, const int8_t *ev,
                       const uint32_t *grp, size_t rows, uint32_t g,
                       double tmax) {
  size_t n = (size_t)tmax + 2;
  double *ch = kw_calloc(ctx, n, sizeof *ch), *ce = kw_calloc(ctx, n, sizeof *ce);
  kw_sbg *m = NULL;
  if (ch && ce) {
    for (size_t r = 0; r < rows; r++) {
      if (isnan(ten[r]) || ev[r] < 0) continue;
      if (g != UINT32_MAX && grp[r] != g) continue;
      if (ev[r]) {
        double p = ceil(ten[r]);
        ch[(size_t)(p < 1 ? 1 : p)] += 1;
      } else {
        ce[(size_t)floor(ten[r])] += 1;
      }
    }
    kw_sbg_options so;
    kw_sbg_options_init(&so);
    so.quiet = true; /* the report says "no fit" for the plan */
    if (kw_sbg_fit_counts(ctx, ch, ce, n, &so, &m) != KW_OK) m = NULL;
    /* a fit that did not converge (on contract data with a constant
     * churn rate alpha and beta run off together) is not used: the plan's
     * constant hazard says the same */
    if (m && kw_sbg_info(m)->status != KW_OK) {
      kw_sbg_free(m);
      m = NULL;
    }
  }
  kw_free(ctx, ch);
  kw_free(ctx, ce);
  return m;
}

kw_status kw_subscription_analyze(kw_context *ctx, const kw_table *t,
                                  kw_subscription **out) {
  *out = NULL;
  if (!kw_subscription_recognised(t))
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.contract_columns",
                       "contract data need a tenure and a churn column", NULL);
  const kw_column *tc = kw_table_role(t, KW_ROLE_TENURE);
  const kw_column *cc = kw_table_role(t, KW_ROLE_CHURN);
  const kw_column *pc = plan_column(t), *mc = charge_column(t);
  size_t rows = kw_table_rows(t), R = rows ? rows : 1;
  kw_subscription *s = kw_calloc(ctx, 1, sizeof *s);
  if (!s) return kw_fail_nomem(ctx);
  s->ctx = ctx;
  kw_sub_data *d = &s->d;
  d->plan_column = pc ? pc->name : NULL;
  d->charge_column = mc ? mc->name : NULL;
  size_t np = pc && pc->dict ? kw_dict_size(pc->dict) : 0;
  if (np > 64) np = 0, pc = NULL, d->plan_column = NULL; /* not a plan */
  double *ten = kw_malloc(ctx, R * sizeof *ten);
  int8_t *ev = kw_malloc(ctx, R);
  uint32_t *grp = kw_malloc(ctx, R * sizeof *grp);
  double *charges = kw_malloc(ctx, R * sizeof *charges);
  kw_sbg **sbg = kw_calloc(ctx, np + 1, sizeof *sbg);
  const char **names = kw_calloc(ctx, np + 1, sizeof *names);
  s->plans = kw_calloc(ctx, np + 1, sizeof *s->plans);
  s->p_leave = kw_malloc(ctx, R * sizeof *s->p_leave);
  s->p_leave12 = kw_malloc(ctx, R * sizeof *s->p_leave12);
  s->action = kw_calloc(ctx, R, 1);
  s->churned = kw_malloc(ctx, R);
  kw_km *km = NULL, *km_all = NULL;
  kw_status st = KW_OK;
  if (!ten || !ev || !grp || !charges || !sbg || !names || !s->plans ||
      !s->p_leave || !s->p_leave12 || !s->action || !s->churned) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  double tmax = 0;
  size_t nch = 0;
  for (size_t r = 0; r < rows; r++) {
    double x = tc->type == KW_TYPE_NUMBER ? tc->v.number[r] : NAN;
    int8_t e = cc->v.flag[r];
    s->p_leave[r] = NAN;
    if (!(x >= 0) || !isfinite(x) || e == KW_NA_FLAG) {
      ten[r] = NAN;
      ev[r] = -1;
      grp[r] = UINT32_MAX;
      charges[r] = NAN;
      d->n_skipped++;
      continue;
    }
    ten[r] = x;
    ev[r] = e ? 1 : 0;
    grp[r] = pc && pc->v.text[r] < np ? pc->v.text[r] : (uint32_t)np;
    charges[r] = charge_of(mc, r);
    if (isfinite(charges[r])) charges[nch++] = charges[r];
    if (x > tmax) tmax = x;
    d->n++;
    d->n_churned += (size_t)ev[r];
  }
  if (d->n == 0) {
    st = kw_fail_tpl(ctx, KW_EEMPTY, "model.e.contract_no_rows",
                     "no row with a tenure and a churn flag", NULL);
    goto done;
  }
  /* the top-20% charge, from the compacted copy, before it is refilled */
  double top20 = INFINITY;
  if (nch) {
    qsort(charges, nch, sizeof *charges, cmp_double);
    top20 = charges[(size_t)floor(0.8 * (double)(nch - 1))];
  }
  for (size_t r = 0; r < rows; r++)
    charges[r] = ev[r] < 0 ? NAN : charge_of(mc, r);
  for (size_t g = 0; g < np; g++) names[g] = kw_dict_str(pc->dict, (uint32_t)g);
  names[np] = "all";
  /* KM per plan with the log-rank test, and over all */
  {
    int8_t *e2 = kw_malloc(ctx, R);
    if (!e2) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t r = 0; r < rows; r++) e2[r] = ev[r] < 0 ? KW_NA_FLAG : ev[r];
    if (np > 0)
      st = kw_km_fit(ctx, ten, e2, rows, grp, np, names, NULL, &km);
    if (!st) st = kw_km_fit(ctx, ten, e2, rows, NULL, 1, NULL, NULL, &km_all);
    kw_free(ctx, e2);
    if (st) goto done;
  }
  if (km) {
    const kw_logrank *lr = kw_km_logrank(km);
    if (lr && lr->computed) {
      d->logrank_ok = true;
      d->logrank_chi2 = lr->chi2;
      d->logrank_df = lr->df;
      d->logrank_p = lr->p_value;
    }
  }
  /* per plan: counts, KM figures, sBG */
  size_t ng = np + 1;
  for (size_t g = 0; g < ng; g++) {
    kw_sub_plan *p = &s->plans[g];
    p->name = names[g];
    p->alpha = p->beta = p->median_months = NAN;
    const kw_km *k = g < np ? km : km_all;
    size_t kg = g < np ? g : 0;
    if (k) {
      const kw_km_median *md = kw_km_group_median(k, kg);
      if (md && md->median_reached) p->median_months = md->median;
      double sv;
      p->s12 = kw_km_survival_at(k, kg, 12, &sv, NULL, NULL) ? sv : NAN;
      p->s24 = kw_km_survival_at(k, kg, 24, &sv, NULL, NULL) ? sv : NAN;
    }
    sbg[g] = fit_sbg(ctx, ten, ev, grp, rows, g < np ? (uint32_t)g : UINT32_MAX,
                     tmax);
    if (sbg[g]) {
      p->sbg_ok = true;
      p->alpha = kw_sbg_info(sbg[g])->alpha;
      p->beta = kw_sbg_info(sbg[g])->beta;
    }
  }
  /* exposure per plan: churned / customer-months, the fallback hazard */
  double *expo = kw_calloc(ctx, ng, sizeof *expo), *evs = kw_calloc(ctx, ng, sizeof *evs);
  if (!expo || !evs) {
    kw_free(ctx, expo);
    kw_free(ctx, evs);
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t r = 0; r < rows; r++) {
    if (ev[r] < 0) continue;
    size_t g = grp[r] < np ? grp[r] : np;
    expo[g] += fmax(ten[r], 1);
    evs[g] += ev[r];
  }
  /* per customer: counts, chance to leave, revenue at risk */
  for (size_t r = 0; r < rows; r++) {
    if (ev[r] < 0) continue;
    size_t g = grp[r] < np ? grp[r] : np;
    kw_sub_plan *p = &s->plans[g], *all = &s->plans[np];
    s->p_leave12[r] = NAN;
    p->customers++;
    p->churned += (size_t)ev[r];
    if (g != np) {
      all->customers++;
      all->churned += (size_t)ev[r];
    }
    if (ev[r]) {
      s->action[r] = isfinite(charges[r]) && charges[r] >= top20
                         ? KW_ACTION_WIN_BACK
                         : KW_ACTION_SERVE_LOW_COST;
      continue;
    }
    double q, q12, tt = floor(ten[r]);
    if (p->sbg_ok) {
      double al = p->alpha, be = p->beta, surv = 1;
      q = al / (al + be + tt);
      for (int k = 1; k <= 12; k++) surv *= (be + tt + k - 1) / (al + be + tt + k - 1);
      q12 = 1 - surv;
    } else {
      q = expo[g] > 0 ? evs[g] / expo[g] : NAN;
      q12 = isfinite(q) ? 1 - pow(1 - q, 12) : NAN;
    }
    s->p_leave[r] = q;
    s->p_leave12[r] = q12;
    s->action[r] = q12 >= KW_SUB_RETAIN_RISK ? KW_ACTION_RETAIN
                                             : KW_ACTION_SERVE_LOW_COST;
    if (isfinite(charges[r])) {
      p->monthly_active += charges[r];
      if (g != np) all->monthly_active += charges[r];
      if (isfinite(q)) {
        p->at_risk += charges[r] * q;
        if (g != np) all->at_risk += charges[r] * q;
      }
    }
  }
  kw_free(ctx, expo);
  kw_free(ctx, evs);
  for (size_t g = 0; g < ng; g++) {
    kw_sub_plan *p = &s->plans[g];
    p->churn_share = p->customers ? (double)p->churned / (double)p->customers
                                  : NAN;
  }
  /* the last row is "all"; a plan-less table has only that row */
  d->n_plans = ng;
  d->plans = s->plans;
  d->monthly_active = s->plans[np].monthly_active;
  d->at_risk = s->plans[np].at_risk;
  for (size_t r = 0; r < rows; r++) {
    if (s->action[r] == KW_ACTION_RETAIN) d->retain++;
    else if (s->action[r] == KW_ACTION_WIN_BACK) d->win_back++;
    else if (s->action[r] == KW_ACTION_SERVE_LOW_COST) d->serve++;
  }
  d->p_leave = s->p_leave;
  d->p_leave12 = s->p_leave12;
  for (size_t r = 0; r < rows; r++) s->churned[r] = ev[r] < 0 ? KW_NA_FLAG : ev[r];
  d->churned = s->churned;
  d->action = s->action;
  /* churn drivers on every other column */
  {
    const kw_column **f = kw_malloc(ctx, (kw_table_ncols(t) + 1) * sizeof *f);
    int8_t *e3 = kw_malloc(ctx, R);
    if (!f || !e3) {
      kw_free(ctx, f);
      kw_free(ctx, e3);
      st = kw_fail_nomem(ctx);
      goto done;
    }
    size_t nf = 0;
    for (size_t c = 0; c < kw_table_ncols(t); c++) {
      const kw_column *col = kw_table_col(t, c);
      if (col == cc || col->role == KW_ROLE_CUSTOMER) continue;
      if (col->type == KW_TYPE_TEXT && col->dict &&
          kw_dict_size(col->dict) > 64)
        continue; /* an id or free text, not a driver */
      f[nf++] = col;
    }
    for (size_t r = 0; r < rows; r++) e3[r] = ev[r] < 0 ? KW_NA_FLAG : ev[r];
    kw_churn_drivers_options dop;
    kw_churn_drivers_options_init(&dop);
    kw_status ds = kw_churn_drivers_compute(ctx, e3, rows, f, nf, &dop, &s->drivers);
    kw_free(ctx, f);
    kw_free(ctx, e3);
    if (ds == KW_ENOMEM) {
      st = ds;
      goto done;
    }
    d->drivers = ds ? NULL : s->drivers;
  }
done:
  for (size_t g = 0; sbg && g < np + 1; g++) kw_sbg_free(sbg[g]);
  kw_free(ctx, sbg);
  kw_free(ctx, names);
  s->km = km; /* kept for the retention curves */
  s->km_all = km_all;
  d->km = km;
  d->km_all = km_all;
  kw_free(ctx, ten);
  kw_free(ctx, ev);
  kw_free(ctx, grp);
  kw_free(ctx, charges);
  if (st) {
    kw_subscription_free(s);
    return st;
  }
  *out = s;
  return KW_OK;
}
