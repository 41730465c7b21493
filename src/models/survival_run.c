/*
 * survival_run.c — one survival analysis from a data set
 * (kw_survival_compute, klantwijs/survival.h): the source of the
 * durations, the subjects, then Kaplan–Meier or one sBG fit per group
 * with the groups that cannot be fitted left out.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/survival.h"

#define GRID_MAX 64

struct kw_survival {
  kw_context *ctx;
  kw_survival_data v;
  kw_survival_subjects *subj;
  kw_churn *churn;
  kw_km *km;
  kw_survival_sbg_fit *fits;
  size_t n_fits;
  double *own_churned, *own_censored; /* survivors: one fit's counts */
};

void kw_survival_options_init(kw_survival_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  kw_churn_options_init(&o->churn);
  o->conf = 0.95;
  o->max_groups = 1000;
}

bool kw_survival_needs_transactions(const kw_survival_options *o,
                                    bool transactions_given) {
  return !(o->duration || o->event) && transactions_given;
}

const kw_survival_data *kw_survival_view(const kw_survival *s) {
  return s ? &s->v : NULL;
}

void kw_survival_free(kw_survival *s) {
  if (!s) return;
  for (size_t j = 0; j < s->n_fits; j++) {
    kw_sbg_free((kw_sbg *)s->fits[j].model);
    if (s->fits[j].churned != s->own_churned)
      kw_free(s->ctx, (double *)s->fits[j].churned);
    if (s->fits[j].censored != s->own_censored)
      kw_free(s->ctx, (double *)s->fits[j].censored);
  }
  kw_free(s->ctx, s->own_churned);
  kw_free(s->ctx, s->own_censored);
  kw_free(s->ctx, s->fits);
  kw_km_free(s->km);
  kw_survival_subjects_free(s->subj);
  kw_churn_free(s->churn);
  kw_free(s->ctx, s);
}

static kw_survival *make(kw_context *ctx, size_t n_fits) {
  kw_survival *s = kw_calloc(ctx, 1, sizeof *s);
  if (!s) return NULL;
  s->ctx = ctx;
  s->v.as_of = KW_NA_DATE;
  s->fits = kw_calloc(ctx, n_fits ? n_fits : 1, sizeof *s->fits);
  if (!s->fits) {
    kw_free(ctx, s);
    return NULL;
  }
  s->v.fits = s->fits;
  return s;
}

kw_status kw_survival_compute_survivors(kw_context *ctx,
                                        const double *survivors, size_t n,
                                        kw_survival **out) {
  *out = NULL;
  if (!survivors || n < 2)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.survival_two_counts",
                       "at least two survivor counts are needed", NULL);
  kw_survival *s = make(ctx, 1);
  if (!s) return kw_fail_nomem(ctx);
  s->v.source = KW_SURVIVAL_SURVIVORS;
  size_t T = n - 1;
  s->own_churned = kw_calloc(ctx, T + 1, sizeof *s->own_churned);
  s->own_censored = kw_calloc(ctx, T + 1, sizeof *s->own_censored);
  if (!s->own_churned || !s->own_censored) {
    kw_survival_free(s);
    return kw_fail_nomem(ctx);
  }
  for (size_t t = 1; t <= T; t++)
    s->own_churned[t] = survivors[t - 1] - survivors[t];
  s->own_censored[T] = survivors[T];
  kw_sbg *m = NULL;
  kw_status st = kw_sbg_fit(ctx, survivors, n, NULL, &m);
  if (st) {
    kw_survival_free(s);
    return st;
  }
  s->fits[0] = (kw_survival_sbg_fit){SIZE_MAX, m, T, s->own_churned,
                                     s->own_censored};
  s->n_fits = s->v.n_fits = 1;
  *out = s;
  return KW_OK;
}

/* Round step for the at-risk grid: 1, 2 or 5 times a power of ten, at
 * least max / 8. */
static double nice_step(double max) {
  double raw = max / 8.0;
  if (!(raw > 0)) return 1;
  double p = pow(10.0, floor(log10(raw)));
  const double m[] = {1, 2, 5, 10};
  for (int i = 0; i < 4; i++)
    if (m[i] * p >= raw * (1 - 1e-12)) return m[i] * p;
  return 10 * p;
}

/* The value of group j for a message: the value itself, or the key of
 * its kind's word (KW_MSGV_KEY) so that it is written in the reader's
 * language. */
static const char *group_value(char *buf, size_t cap, const kw_groups_data *g,
                               size_t j) {
  static const char *const kinds[] = {"", "group.blank", "group.no",
                                      "group.yes", "group.other"};
  if (g->kind[j] == KW_GROUP_VALUE || g->kind[j] >= 5)
    return g->label[j] ? g->label[j] : "";
  snprintf(buf, cap, "%c%s", KW_MSGV_KEY, kinds[g->kind[j]]);
  return buf;
}

/* One sBG fit per group (or for all); a group that cannot be fitted is
 * left out with a warning. */
static kw_status fit_sbg(kw_survival *s, const char *by) {
  kw_context *ctx = s->ctx;
  const kw_survival_subjects_data *d = s->v.subjects;
  size_t ng = d->group ? d->groups->n : 1;
  kw_survival_sbg_fit *fits = kw_calloc(ctx, ng ? ng : 1, sizeof *fits);
  if (!fits) return kw_fail_nomem(ctx);
  kw_free(ctx, s->fits);
  s->fits = fits;
  s->v.fits = fits;
  for (size_t j = 0; j < ng; j++) {
    kw_survival_sbg_fit *F = &fits[s->n_fits];
    double *churned = NULL, *censored = NULL;
    size_t np = 0;
    kw_status st = kw_sbg_period_counts(
        ctx, d->duration, d->event, d->group, d->n,
        d->group ? (uint32_t)j : KW_NA_ID, &churned, &censored, &np);
    if (st) return st;
    kw_sbg *m = NULL;
    st = kw_sbg_fit_counts(ctx, churned, censored, np, NULL, &m);
    if (st == KW_OK) {
      *F = (kw_survival_sbg_fit){d->group ? j : SIZE_MAX, m, np - 1, churned,
                                 censored};
      s->n_fits++;
      s->v.n_fits = s->n_fits;
      continue;
    }
    kw_free(ctx, churned);
    kw_free(ctx, censored);
    if (st == KW_ENOMEM || !d->group) return st;
    char reason[KW_ERRMSG_MAX], gv[64];
    kw_err_value(ctx, reason, sizeof reason);
    kw_warn_tpl(ctx, "model.w.survival_group_left_out",
                "{by} = {group} left out: {reason}", "by", by ? by : "",
                "group", group_value(gv, sizeof gv, d->groups, j), "reason",
                reason, NULL);
    s->v.n_left_out++;
  }
  if (s->n_fits == 0)
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.survival_no_group_fitted",
                       "no group could be fitted", NULL);
  return KW_OK;
}

/* Where the durations come from, by the rule of klantwijs/survival.h. */
static kw_status pick_source(kw_context *ctx, const kw_survival_options *o,
                             const kw_table *cu, const kw_table *tx,
                             kw_survival_source *src) {
  bool columns = o->duration || o->event;
  if (!cu && (columns || !tx))
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.no_customers_table",
                       "no customers table was read", NULL);
  if (columns) {
    *src = KW_SURVIVAL_COLUMNS;
    return KW_OK;
  }
  if (!o->contracts && tx) {
    *src = KW_SURVIVAL_PURCHASES;
    return KW_OK;
  }
  bool has_dates = kw_table_role(cu, KW_ROLE_START_DATE) &&
                   kw_table_role(cu, KW_ROLE_END_DATE);
  bool has_cols =
      kw_table_role(cu, KW_ROLE_TENURE) && kw_table_role(cu, KW_ROLE_CHURN);
  if (!o->contracts && has_cols) {
    *src = KW_SURVIVAL_COLUMNS;
  } else if (has_dates) {
    *src = KW_SURVIVAL_CONTRACTS;
  } else if (o->contracts) {
    return kw_fail_tpl(
        ctx, KW_EINPUT, "model.e.survival_no_contract_dates",
        "the customers table has no start and end date columns; name the "
        "duration and churn columns with --duration COL --event COL or map "
        "the dates with --map customers.start_date=COL --map "
        "customers.end_date=COL",
        NULL);
  } else {
    return kw_fail_tpl(
        ctx, KW_EINPUT, "model.e.survival_no_source",
        "the customers table has no tenure and churn columns nor contract "
        "dates; name the duration and churn columns with --duration COL "
        "--event COL",
        NULL);
  }
  return KW_OK;
}

kw_status kw_survival_compute(kw_context *ctx, const kw_dataset *ds,
                              const kw_survival_options *o,
                              kw_survival **out) {
  *out = NULL;
  kw_survival_options defaults;
  if (!o) {
    kw_survival_options_init(&defaults);
    o = &defaults;
  }
  if (!ds) return kw_fail(ctx, KW_EARG, "no data set");
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  kw_survival_source src = KW_SURVIVAL_COLUMNS;
  kw_status st = pick_source(ctx, o, cu, tx, &src);
  if (st) return st;
  kw_survival *s = make(ctx, 1);
  if (!s) return kw_fail_nomem(ctx);
  s->v.source = src;
  kw_survival_subjects_options so;
  kw_survival_subjects_options_init(&so);
  so.duration = o->duration;
  so.event = o->event;
  so.by = o->by;
  if (o->max_groups) so.max_groups = o->max_groups;
  if (src == KW_SURVIVAL_COLUMNS) {
    st = kw_survival_subjects_from_table(ctx, cu, &so, &s->subj);
  } else {
    st = src == KW_SURVIVAL_CONTRACTS
             ? kw_churn_contracts_table(ctx, cu, &o->churn, &s->churn)
             : kw_churn_purchases(ctx, tx, &o->churn, &s->churn);
    if (st == KW_OK) {
      const kw_churn_info *I = kw_churn_info_view(s->churn);
      s->v.as_of = I->as_of;
      s->v.gap_days = I->gap_days;
      s->v.gap_derived = I->gap_derived;
      st = kw_survival_subjects_from_churn(ctx, ds, s->churn, &so, &s->subj);
    }
  }
  if (st) goto fail;
  const kw_survival_subjects_data *d = kw_survival_subjects_view(s->subj);
  s->v.subjects = d;
  s->v.integer = true;
  double maxd = 0;
  for (size_t i = 0; i < d->n; i++) {
    if (!isfinite(d->duration[i])) continue;
    if (d->duration[i] != floor(d->duration[i])) s->v.integer = false;
    if (d->duration[i] > maxd) maxd = d->duration[i];
  }
  if (o->sbg) {
    st = fit_sbg(s, o->by);
    if (st) goto fail;
    *out = s;
    return KW_OK;
  }
  kw_km_options ko;
  kw_km_options_init(&ko);
  ko.alpha = 1.0 - o->conf;
  double grid[GRID_MAX];
  if (o->n_times) {
    ko.at_times = o->times;
    ko.n_at_times = o->n_times;
  } else {
    double step = nice_step(maxd);
    size_t ng = 0;
    for (double t = 0; t <= maxd * (1 + 1e-12) && ng < GRID_MAX; t += step)
      grid[ng++] = t;
    ko.at_times = grid;
    ko.n_at_times = ng;
  }
  size_t ng = d->group ? d->groups->n : 1;
  st = kw_km_fit(ctx, d->duration, d->event, d->n, d->group, ng,
                 d->group ? d->groups->label : NULL, &ko, &s->km);
  if (st) goto fail;
  s->v.km = s->km;
  *out = s;
  return KW_OK;
fail:
  kw_survival_free(s);
  return st;
}
