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
#include "klantwijs/summary.h"

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
 * quarters or 52 weeks) and the growth against it; for the incomplete
 * as-of period, the revenue of the same days of that period a year
 * earlier (like for like: 1-9 December against 1-9 December).
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
 * JSON; at most `top` customers whose rate broke (0 = all). Amounts in
 * sentences carry `currency` (an ISO code such as kw_dataset_currency
 * gives; NULL = EUR). */
KW_API kw_status kw_report_trends(kw_context *ctx, FILE *f,
                                  const kw_trends *t, kw_format fmt,
                                  kw_lang lang, const char *currency,
                                  size_t top);

/* ========================================================== referrals ===
 *
 * The referral graph from the referrals table (referrer, customer =
 * referred, date). Cleaning, each case counted: a self-referral is
 * dropped; a customer referred more than once keeps its earliest
 * referral (by date, then file order); a referred id that is neither a
 * buyer nor in the customers table is unknown and dropped; referrers
 * that never bought are kept (influencers who are not customers). After
 * this every referred customer has one referrer; a cycle (A brought B, B
 * brought A) is counted (customers on a cycle) and kept.
 * Value of a customer: its CLV when the caller gives one, else its value
 * so far: margin (revenue - cost of goods) when the data give cost, else
 * revenue (value_basis says which).
 * Per referrer: direct referred customers, how many bought, their revenue
 * and value; second level (customers brought by those), and the
 * customer referral value (after Kumar, Petersen & Leone 2007):
 *   CRV = sum of the value of the direct referred customers that bought
 *         + direct referred x the mean acquisition cost of customers who
 *           were not referred (0 without acquisition costs),
 * which assumes every referred customer came because of the referral.
 * Referred against other buyers: customers, repeat rate (2+ orders, with
 * a Wilson 95% interval) and mean value (normal 95% interval) per group,
 * an association, not a cause; a group under min_group is not shown.
 */

typedef enum kw_value_basis {
  KW_VALUE_CLV = 0,  /* the caller's CLV */
  KW_VALUE_MARGIN,   /* revenue - cost of goods so far */
  KW_VALUE_REVENUE   /* revenue so far */
} kw_value_basis;

typedef struct kw_referrals_options {
  const double *clv;   /* per customer id, currency units; NULL = none */
  size_t min_group;    /* KW_PRIVACY_MIN (5) */
} kw_referrals_options;

KW_API void kw_referrals_options_init(kw_referrals_options *o);

typedef struct kw_referrals_data {
  uint64_t rows;            /* referral rows read */
  uint64_t self_referrals, duplicates, unknown, missing;
  uint64_t edges;           /* kept */
  uint64_t on_cycle;        /* customers on a referral cycle */
  kw_value_basis basis;
  double cac_saved;         /* mean acquisition cost of non-referred
                               customers, currency units; NaN if unknown */
  /* referrers, highest CRV first */
  size_t n;
  const uint32_t *referrer;     /* customer id */
  const uint8_t *is_customer;   /* 1 when the referrer bought */
  const uint32_t *direct, *direct_bought, *second;
  const int64_t *direct_revenue; /* cents */
  const double *direct_value;    /* currency units, basis above */
  const double *second_value;
  const double *crv;
  /* referred (r = 0) against not referred (r = 1) buyers */
  uint64_t group_n[2];
  bool group_shown[2];
  double repeat_rate[2], repeat_lo[2], repeat_hi[2];
  double mean_value[2], value_lo[2], value_hi[2];
  /* per customer id: referrer (KW_NA_ID when not referred) and its CRV
     as a referrer (0 when it brought nobody) */
  size_t n_customers;
  const uint32_t *referred_by;
  const double *customer_crv;
  const uint32_t *customer_bought; /* its referred customers who bought */
  const kw_dict *customers;
} kw_referrals_data;

typedef struct kw_referrals kw_referrals;

/* Needs a referrals table; the summary s (per customer) gives revenue,
 * cost and orders. KW_EMISSING without referrals. */
KW_API kw_status kw_referrals_compute(kw_context *ctx, const kw_dataset *ds,
                                      const kw_customer_summary *s,
                                      const kw_referrals_options *o,
                                      kw_referrals **out);
KW_API const kw_referrals_data *kw_referrals_view(const kw_referrals *r);
KW_API void kw_referrals_free(kw_referrals *r);
KW_API kw_status kw_report_referrals(kw_context *ctx, FILE *f,
                                     const kw_referrals *r, kw_format fmt,
                                     kw_lang lang, const char *currency,
                                     size_t top);

/* ======================================================== acquisition ===
 *
 * Per acquisition channel (the channel column of the customers table;
 * customers without one form "unknown"): customers acquired, the
 * acquisition cost (CAC: the mean of the customers' acquisition cost
 * column), their value (the caller's CLV, else margin or revenue so far),
 * CLV/CAC, and the payback month: the first month since acquisition in
 * which the mean cumulative value (margin, else revenue) per customer of
 * the channel, over the customers observed that long, reaches the CAC.
 * A customer's acquisition day is the acquisition date column, else its
 * first purchase. Channels under min_group customers are merged into
 * "other" (the privacy rule).
 * With a marketing spend table (channel, month, amount; a month is any
 * date in it), a channel's CAC comes from it instead:
 *   CAC = spend of the channel in the months the spend table covers
 *         (its first to its last month, up to as-of)
 *       / customers the channel acquired in those months,
 * so a channel that spent without winning customers shows its spend and
 * no CAC. Spend channels match the customers' channel values by name
 * (case and surrounding spaces ignored); spend of a channel no customer
 * has is counted as unmatched, rows without channel, month or amount as
 * skipped. Channels without spend keep the customers' cost (cac_source
 * says which). Per channel and month the spend, the new customers and
 * their quotient are listed too.
 * Discount dependence: the share of revenue sold on lines with a
 * discount, the discount given (margin given away) per customer, and the
 * customers who buy almost only on discount (at least `deal_share`, 0.8,
 * of their revenue on discounted lines, with at least 3 orders), and the
 * same per segment: the caller's segments (analyze passes the RFM
 * segments), else the sector column of the customers table; segments under
 * min_group buyers are merged into "other".
 */

typedef struct kw_acquisition_options {
  const double *clv;   /* per customer id, currency units; NULL = none */
  size_t min_group;    /* KW_PRIVACY_MIN */
  double deal_share;   /* 0.8 */
  /* segment per customer id (KW_NA_ID: none) and their labels; NULL:
     the sector column of the customers table */
  const uint32_t *segment;
  const char *const *segment_label;
  size_t n_segments;
} kw_acquisition_options;

KW_API void kw_acquisition_options_init(kw_acquisition_options *o);

typedef struct kw_acquisition_data {
  bool has_channel, has_cost, has_discount;
  kw_value_basis basis;
  size_t n;                    /* channels shown (incl. other/unknown) */
  const char *const *channel;  /* label; NULL for unknown, "" for other */
  const uint8_t *kind;         /* 0 value, 1 unknown, 2 other */
  const uint64_t *customers;
  const double *cac;           /* currency units, NaN when unknown */
  const double *total_cost;
  const double *mean_value;    /* basis above */
  const double *clv_cac;       /* NaN when CAC unknown or 0 */
  const int32_t *payback_month;/* -1: not reached within the data */
  uint64_t left_out;           /* customers of small channels left out */
  /* the marketing spend table */
  bool has_spend;
  const uint8_t *cac_source;   /* 0 unknown, 1 customers' cost, 2 spend */
  const double *spend;         /* in the months covered; NaN when none */
  const uint64_t *spend_new;   /* customers acquired in those months */
  int32_t spend_first, spend_last; /* month indices (kw_period_label) */
  uint64_t spend_rows, spend_skipped;
  double spend_total, spend_unmatched; /* currency units */
  size_t n_spend_months;       /* channel x month cells with spend */
  const uint32_t *sm_channel;  /* index into the channels above */
  const int32_t *sm_month;     /* month index */
  const double *sm_spend;
  const uint64_t *sm_new;
  const double *sm_cac;        /* NaN when nobody was acquired */
  /* discounts */
  int64_t revenue, discounted_revenue, discount_total; /* cents */
  size_t n_customers;
  const int64_t *customer_discount;   /* per customer id, cents */
  const double *customer_deal_share;  /* NaN for non-buyers */
  const uint8_t *deal_seeker;         /* 1 when almost only on discount */
  uint64_t deal_seekers;
  /* discounts per segment (0 none, 1 sector column, 2 the caller's) */
  int segment_source;
  size_t n_seg;
  const char *const *seg_label;  /* NULL: "other" or no segment */
  const uint64_t *seg_customers, *seg_seekers;
  const int64_t *seg_revenue, *seg_discounted, *seg_discount; /* cents */
  const kw_dict *customers_dict;
} kw_acquisition_data;

typedef struct kw_acquisition kw_acquisition;

KW_API kw_status kw_acquisition_compute(kw_context *ctx,
                                        const kw_dataset *ds,
                                        const kw_customer_summary *s,
                                        const kw_acquisition_options *o,
                                        kw_acquisition **out);
KW_API const kw_acquisition_data *kw_acquisition_view(
    const kw_acquisition *a);
KW_API void kw_acquisition_free(kw_acquisition *a);
KW_API kw_status kw_report_acquisition(kw_context *ctx, FILE *f,
                                       const kw_acquisition *a,
                                       kw_format fmt, kw_lang lang,
                                       const char *currency, size_t top);

/* ============================================================ journey ===
 *
 * The customer journey from the touchpoints table (customer, date, stage,
 * channel) and the first purchase of the transactions. Each customer's
 * events are its touches in date order plus a "purchase" event on its
 * first purchase day.
 * Stage order: given (stages, a list of stage names; "purchase" may be
 * placed among them), or inferred: each stage's median, over customers, of
 * the relative position (0 first .. 1 last) of its first occurrence in the
 * customer's events; stages sorted by that median, and stages with the
 * same median by which comes first for more of the customers who have
 * both (order_inferred says which). Only events within `window` days (365) of the customer's first
 * touch count.
 * Funnel: entered(k) = customers whose furthest stage is k or later (so
 * the funnel never widens); converted(k) = entered(k + 1); the drop-off
 * of step k is entered(k) - converted(k). touched(k) counts customers with
 * a touch at stage k itself. Time between steps: days from the first
 * event at stage k to the first at k + 1, for customers with both in
 * order: median and 90th percentile.
 * Conversion by group (the first touch's channel; the sector; the quarter
 * of the first touch): customers and the share that bought, groups under
 * min_group merged into "other".
 * Paths: each customer's distinct consecutive stages up to the purchase
 * (or the end), the most common first (groups under min_group are not
 * listed).
 * Where the most are lost: the step before the purchase (prospects; every
 * step when the purchase is not a step) with the largest drop-off, and the
 * first-touch channel most over-represented among those lost there (lift
 * = its share among the lost / its share among those who entered the
 * step, at least min_group lost).
 * Attribution of the purchases over the channels of the touches up to the
 * first purchase: first touch, last touch, linear (1/n per touch), and
 * the Markov-chain removal effect (Anderl et al. 2016): a first-order
 * chain start -> channels -> purchase | no purchase over every customer's
 * path; removal effect of channel c = 1 - P(purchase with c removed) /
 * P(purchase); the purchases are shared in proportion to the removal
 * effects.
 */

typedef struct kw_journey_options {
  int32_t as_of;             /* KW_NA_DATE = last date */
  const char *const *stages; /* stage order, or NULL: inferred */
  size_t n_stages;
  int window;                /* days, default 365 */
  size_t min_group;          /* KW_PRIVACY_MIN */
  size_t max_paths;          /* default 10 */
} kw_journey_options;

KW_API void kw_journey_options_init(kw_journey_options *o);

typedef enum kw_journey_by {
  KW_JOURNEY_BY_CHANNEL = 0,
  KW_JOURNEY_BY_SECTOR,
  KW_JOURNEY_BY_COHORT,
  KW_JOURNEY_BY__COUNT
} kw_journey_by;

typedef struct kw_journey_group {
  size_t n;
  const char *const *label;  /* NULL label: "other" (or unknown) */
  const uint64_t *customers;
  const double *bought;      /* share that bought */
} kw_journey_group;

typedef struct kw_journey_data {
  uint64_t touches, customers, buyers_with_touches;
  uint64_t skipped;              /* touches without customer/date/stage */
  bool order_inferred;
  size_t n_steps;
  const char *const *stage;      /* step names; "purchase" is the pseudo */
  const double *median_position; /* NaN when the order was given */
  const uint64_t *entered, *converted, *touched;
  const double *days_median, *days_p90; /* to the next step; NaN */
  size_t worst_step;             /* SIZE_MAX when nobody was lost */
  const char *worst_channel;     /* NULL when none stands out */
  double worst_lift;
  uint64_t worst_lost_with_channel;
  double touches_before_purchase_mean, touches_before_purchase_median;
  kw_journey_group by[KW_JOURNEY_BY__COUNT];
  size_t n_paths;
  const char *const *path;       /* "eerste contact > offerte > purchase" */
  const uint64_t *path_count;
  /* attribution per channel of the touches before purchases */
  size_t n_channels;
  const char *const *channel;
  const double *first_touch, *last_touch, *linear, *markov;
  double purchases;              /* purchases attributed */
  double p_conversion;           /* of the Markov chain */
} kw_journey_data;

typedef struct kw_journey kw_journey;

KW_API kw_status kw_journey_compute(kw_context *ctx, const kw_dataset *ds,
                                    const kw_journey_options *o,
                                    kw_journey **out);
KW_API const kw_journey_data *kw_journey_view(const kw_journey *j);
KW_API void kw_journey_free(kw_journey *j);
KW_API kw_status kw_report_journey(kw_context *ctx, FILE *f,
                                   const kw_journey *j, kw_format fmt,
                                   kw_lang lang);

#ifdef __cplusplus
}
#endif
#endif
