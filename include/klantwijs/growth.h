/*
 * klantwijs/growth.h — how customers come and grow: revenue trends with a
 * revenue bridge and anomalies, the customer journey from touchpoints,
 * referrals and influencers, acquisition cost per channel, and discount
 * dependence. Every result is a caller-owned object freed with its *_free
 * call; *_view returns a struct of arrays valid until then.
 */
#ifndef KLANTWIJS_GROWTH_H
#define KLANTWIJS_GROWTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/report.h"
#include "klantwijs/retention.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ============================================================= trends ===
 *
 * Per calendar period (month, ISO-Monday week or quarter) from the first
 * purchase up to as-of, with the rules of the per-customer summary (a
 * purchase day has a line of amount >= 0; negative lines only net
 * revenue):
 *   revenue     net amount of the period's lines (cents);
 *   orders      distinct invoices first seen in the period (purchase days
 *               when there is no invoice column);
 *   active      customers with a purchase day in the period;
 *   new         customers whose first purchase day is in the period;
 *   returning   active customers that are not new;
 *   lapsed      customers active in the previous period and not in this
 *               one (a period-to-period count, not the churn rule).
 * Revenue bridge of period p against p - 1, per customer with net revenue
 * cur (in p) and prev (in p - 1), each customer in exactly one class:
 *   new          first purchase day in p
 *   reactivated  else prev <= 0 < cur
 *   churned      else cur <= 0 < prev
 *   expansion    else cur > prev (also a net return in p - 1 made up)
 *   contraction  else cur < prev
 * and adds cur - prev to its class, so new + reactivated + expansion +
 * contraction + churned equals
 * revenue(p) - revenue(p - 1) to the cent.
 * Year on year: the revenue of the period one year earlier (12 months, 4
 * quarters or 52 weeks) and the growth against it.
 * Seasonality (months or quarters, at least two full years): classical
 * additive decomposition (centred moving average over a year; the
 * seasonal index of a month is the median of its detrended values, so one
 * broken period does not leak into the other years), and the
 * strength of seasonality F_S = max(0, 1 - Var(R) / Var(S + R)) (Wang,
 * Smith & Hyndman 2006); it is "clear" when F_S >= 0.5, and then the peak
 * and trough months (quarters) are named by their seasonal index.
 * Anomalies: a Hampel filter on revenue (deseasonalised when seasonality
 * is clear): robust z = (y - median) / (1.4826 MAD) over a centred window
 * of `hampel_half` periods on each side; |z| > anomaly_z flags a period.
 * The incomplete as-of period is never flagged.
 * Customers whose order rate broke: customers with at least min_orders
 * purchase days, whose own rate lambda = (days - 1) / (last - first) makes
 * the silence since the last purchase unlikely: P(no purchase in
 * as_of - last days) = exp(-lambda (as_of - last)) < break_p (a Poisson
 * gap test), listed with the yearly revenue they brought.
 */

typedef struct kw_trends_options {
  int32_t as_of;          /* KW_NA_DATE = last date */
  kw_period_unit period;  /* default KW_PERIOD_MONTH */
  double anomaly_z;       /* default 3.5 */
  int hampel_half;        /* default 6 (months), 2 (quarters), 6 (weeks) */
  unsigned min_orders;    /* default 4 purchase days */
  double break_p;         /* default 0.01 */
} kw_trends_options;

KW_API void kw_trends_options_init(kw_trends_options *o);

typedef struct kw_trends_data {
  size_t n;                /* periods */
  kw_period_unit period;
  int32_t as_of;
  bool partial;            /* as-of is not the last day of the last period */
  size_t per_year;         /* 12, 4 or 52 */
  const int32_t *index;    /* period index (kw_period_label) */
  const int64_t *revenue;  /* cents */
  const uint64_t *orders, *active, *new_customers, *returning, *lapsed;
  /* bridge against the previous period (0 in the first), cents */
  const int64_t *bridge_new, *bridge_reactivated, *bridge_expansion,
      *bridge_contraction, *bridge_churned;
  const int64_t *yoy_revenue; /* KW_NA_MONEY when no period a year back */
  const double *yoy_growth;   /* NaN when undefined */
  const double *anomaly_z;    /* NaN when not tested */
  const uint8_t *anomaly;     /* 1 high, 2 low, 0 none */
  bool seasonality_tested;
  double seasonal_strength;   /* F_S, NaN when not tested */
  bool seasonality_clear;
  int peak_slot, trough_slot; /* month 1-12 or quarter 1-4; 0 when none */
  /* customers whose order rate broke, most revenue first */
  size_t n_breaks;
  const uint32_t *break_customer;
  const int32_t *break_last;       /* last purchase day */
  const double *break_rate_days;   /* mean days between purchases */
  const double *break_p;           /* P(silence this long) */
  const int64_t *break_yearly_revenue; /* cents a year over their tenure */
  const kw_dict *customers;
  uint64_t lines_used, lines_skipped;
} kw_trends_data;

typedef struct kw_trends kw_trends;

/* Needs customer and date roles (amount optional); KW_EMISSING without
 * them, KW_EEMPTY without a purchase up to as-of. */
KW_API kw_status kw_trends_compute(kw_context *ctx, const kw_table *tx,
                                   const kw_trends_options *o,
                                   kw_trends **out);
KW_API const kw_trends_data *kw_trends_view(const kw_trends *t);
KW_API void kw_trends_free(kw_trends *t);
/* Written as a table with the sentences that read it, CSV (the periods) or
 * JSON; at most `top` customers whose rate broke (0 = all). */
KW_API kw_status kw_report_trends(kw_context *ctx, FILE *f,
                                  const kw_trends *t, kw_format fmt,
                                  kw_lang lang, size_t top);

#ifdef __cplusplus
}
#endif
#endif
