/*
 * klantwijs/subscription.h — the main job for contract (subscription)
 * data: one row per customer with a tenure, a churn flag, a plan or
 * contract type and a recurring charge (the Telco churn export is the
 * type).
 *
 * Recognised when the table has a tenure (role tenure) and a churn flag
 * (role churn); the plan is the first text column whose header contains
 * "contract", "plan", "abonnement" or "formule", the charge the first
 * number or money column whose header contains "monthly", "maand" or
 * "recurring". Tenure is read in months.
 *
 * Per plan (and for all customers):
 *   - Kaplan-Meier retention (tenure, churned = event) and the log-rank
 *     test of equal retention across plans;
 *   - the right-censored sBG (shifted beta-geometric, Fader & Hardie
 *     2007) per plan where it fits: a churned customer left in month
 *     max(1, ceil(tenure)), a customer still there is censored after
 *     floor(tenure) months;
 *   - per active customer the chance to leave next month, alpha / (alpha
 *     + beta + t) after t months, and within 12 months, 1 - S(t + 12) /
 *     S(t) (the sBG of the plan; without a fit the plan's constant hazard
 *     q = churned / customer-months, and 1 - (1 - q)^12);
 *   - monthly revenue at risk: the sum over active customers of charge x
 *     that chance (the revenue expected to leave next month).
 * Churn drivers: kw_churn_drivers on the other columns (see retention.h).
 *
 * Actions (the rule is stated in the report):
 *   retain        active, chance to leave within 12 months >= 25%
 *   win_back      left, charge in the top 20% of all charges
 *   serve_low_cost  every other customer (active, low risk; left, low charge)
 */
#ifndef KLANTWIJS_SUBSCRIPTION_H
#define KLANTWIJS_SUBSCRIPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/report.h"
#include "klantwijs/retention.h"
#include "klantwijs/survival.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KW_SUB_RETAIN_RISK 0.25

typedef struct kw_sub_plan {
  const char *name;
  size_t customers, churned;
  double churn_share;      /* churned / customers */
  double median_months;    /* KM median; NaN when not reached */
  double s12, s24;         /* KM retention after 12 and 24 months */
  bool sbg_ok;
  double alpha, beta;      /* sBG, NaN without a fit */
  double monthly_active;   /* charges of the active customers */
  double at_risk;          /* monthly revenue at risk */
} kw_sub_plan;

typedef struct kw_sub_data {
  size_t n;                /* rows used (tenure and churn flag known) */
  size_t n_skipped;
  size_t n_churned;
  const char *plan_column, *charge_column; /* NULL when absent */
  size_t n_plans;
  const kw_sub_plan *plans;  /* the last row is "all" */
  bool logrank_ok;
  double logrank_chi2, logrank_df, logrank_p;
  double monthly_active;   /* charges of all active customers */
  double at_risk;          /* monthly revenue at risk */
  size_t retain, win_back, serve;
  /* per row of the table: NaN / 0 for rows not used */
  const double *p_leave;   /* active: chance to leave next month */
  const double *p_leave12; /* active: chance to leave within 12 months */
  const int8_t *churned;   /* 1 left, 0 active, KW_NA_FLAG unused */
  const uint8_t *action;   /* kw_action values (analyze.h), 0 unused */
  const kw_churn_drivers *drivers; /* NULL when they could not be computed */
  const kw_km *km;         /* retention per plan (group g = plans[g]);
                              NULL without a plan column */
  const kw_km *km_all;     /* retention of all customers */
} kw_sub_data;

typedef struct kw_subscription kw_subscription;

/* True when t has a tenure and a churn flag. */
KW_API bool kw_subscription_recognised(const kw_table *t);

/* True when path names one file (not a folder, not standard input) that,
 * read as a customers table with the reading options o, has a tenure and
 * a churn flag: contract data, for kw_subscription_analyze rather than
 * the purchase analyses. The file is read on a context of its own, so its
 * warnings do not reach the caller's. */
KW_API bool kw_subscription_file(const kw_load_options *o, const char *path);

KW_API kw_status kw_subscription_analyze(kw_context *ctx, const kw_table *t,
                                         kw_subscription **out);
KW_API const kw_sub_data *kw_subscription_view(const kw_subscription *s);
KW_API void kw_subscription_free(kw_subscription *s);

/* The report folder, written whole or not at all: index.html (with the
 * retention curves per plan), summary.json, customers.csv and
 * customers.xlsx, in the language. currency is the currency of the
 * charges and where it came from (kw_dataset_currency); NULL: EUR,
 * assumed, and the report says so. */
KW_API kw_status kw_subscription_write_dir(kw_context *ctx,
                                           const kw_subscription *s,
                                           const kw_table *t, kw_lang lang,
                                           const kw_currency_info *currency,
                                           const char *dir);
/* The one-screen summary. */
KW_API kw_status kw_subscription_console(kw_context *ctx,
                                         const kw_subscription *s,
                                         kw_lang lang, const char *currency,
                                         const char *dir, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
