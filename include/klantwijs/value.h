/*
 * klantwijs/value.h — customer value: profitability (contribution after
 * cost-to-serve, the whale curve), revenue concentration (Pareto, ABC, Gini,
 * HHI, dependency) and RFM scores with named segments.
 *
 * All three start from the per-customer summary (klantwijs/summary.h); rows
 * of every per-customer array below are indexed by the summary's dense
 * customer id (0 .. summary->n - 1). Money is int64 cents; shares are
 * fractions in 0..1 (a whale curve may rise above 1); no value is NaN.
 *
 * Ownership: every result is an opaque object created by its *_compute call
 * and freed with its *_free call (NULL is fine). Views and every pointer
 * read from them stay valid until the result is freed. Inputs (summary,
 * tables, options, rules) are borrowed for the duration of the call only,
 * except that a result keeps the type and segment name strings it copied.
 */
#ifndef KLANTWIJS_VALUE_H
#define KLANTWIJS_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/summary.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A point of a cumulative chart (whale, Pareto/Lorenz curve). */
typedef struct kw_curve_point {
  double customer_share; /* first k customers of the ranking / all */
  double value_share;    /* their cumulative value / the total */
  int64_t value;         /* their cumulative value, cents */
} kw_curve_point;

/* ============================================================ profitability
 *
 * Per customer:
 *   contribution = revenue - cost of goods - cost-to-serve
 *                  [- discount, only with subtract_discount]
 *   margin %     = contribution / revenue x 100 (revenue > 0 only)
 *
 * Cost of goods comes, per customer, from the first that applies:
 *   NO_SALES  no transaction lines: cost of goods is 0;
 *   DATA      the summary's cost covers every line (a cost column, or a
 *             margin column the summary turned into revenue - margin);
 *   PARTIAL   cost on some lines only: scaled up by lines / cost_lines
 *             (missing lines assumed to cost what the known ones cost);
 *   ASSUMED   no cost on any line and use_margin_pct: revenue x
 *             (1 - margin_pct / 100);
 *   UNKNOWN   none of these: the customer is flagged KW_PROFIT_NO_COST,
 *             counted in n_no_cost and left out of contribution totals and
 *             the whale curve (never counted at a 100% margin).
 *
 * Cost-to-serve, per row of the costs table (roles customer, type, hours,
 * amount): the row's amount when present; else units x the type's rate
 * when the type has one (units = the hours cell, or 1 when the table has
 * no hours column or the cell is empty — a row is then one ticket,
 * shipment or return); else the row is unpriced (counted per type, cost 0,
 * warned). Rows without a customer are overhead: counted, not allocated.
 * Rows dated after the summary's as_of (when the table has a date column)
 * are left out of everything and counted in rows_after, so that costs and
 * revenue cover the same period; undated rows are kept.
 *
 * Portfolio: "active" customers have transaction lines or cost rows.
 * The whale curve ranks the active customers with known contribution from
 * most to least profitable (ties by customer id) and plots the cumulative
 * contribution as a share of the total; it ends at 1 (100%). Its peak is
 * the first k where the cumulative contribution is largest. "Large"
 * customers are the top large_share (default 10%, ceil, at least one) of
 * active customers by revenue, plus any with revenue equal to the last of
 * them; the large-but-unprofitable are those with known, negative
 * contribution.
 */

typedef enum kw_cost_source {
  KW_COST_UNKNOWN = 0,
  KW_COST_DATA,
  KW_COST_PARTIAL,
  KW_COST_ASSUMED,
  KW_COST_NO_SALES,
  KW_COST_MIXED /* overall only: active customers differ in source */
} kw_cost_source;
#define KW_COST__COUNT 5 /* per-customer sources (without MIXED) */

/* "unknown", "data", "partial", "assumed", "no_sales", "mixed". */
KW_API const char *kw_cost_source_name(kw_cost_source s);

/* Per-customer flags (bits of kw_profit_data.flags). */
#define KW_PROFIT_ACTIVE 0x01u     /* has lines or cost rows */
#define KW_PROFIT_NO_COST 0x02u    /* sales but no cost of goods known */
#define KW_PROFIT_LOSS 0x04u       /* contribution known and < 0 */
#define KW_PROFIT_LARGE 0x08u      /* in the top revenue share */
#define KW_PROFIT_LARGE_LOSS 0x10u /* LARGE and LOSS */
#define KW_PROFIT_NO_SALES 0x20u   /* cost rows but no sales lines */
#define KW_PROFIT_UNPRICED 0x40u   /* some of its cost rows were unpriced */

/* A cost-to-serve rate: cost per unit (hour, ticket, ...) of a type. */
typedef struct kw_serve_rate {
  const char *type; /* matched case-insensitively, blanks trimmed */
  int64_t rate;     /* cents per unit */
} kw_serve_rate;

typedef struct kw_profit_options {
  bool use_margin_pct;    /* assume margin_pct where no cost is known */
  double margin_pct;      /* gross margin as % of revenue (0..100) */
  bool subtract_discount; /* amounts are before discount: subtract it */
  const kw_serve_rate *rates; /* borrowed */
  size_t n_rates;
  double large_share;     /* top revenue share called large: 0.10 */
  size_t max_points;      /* whale curve points at most: 200 */
} kw_profit_options;

KW_API void kw_profit_options_init(kw_profit_options *o);

/* Cost-to-serve of one type over the portfolio. */
typedef struct kw_serve_type {
  const char *type;       /* as written in the costs table */
  int64_t rate;           /* cents per unit, 0 when none was given */
  uint64_t rows;          /* rows of this type with a customer */
  uint64_t rows_amount;   /* priced by their amount */
  uint64_t rows_rate;     /* priced as units x rate */
  uint64_t rows_unpriced; /* neither: cost 0 */
  double units;           /* units of the rows priced by rate */
  int64_t cost;           /* cents */
} kw_serve_type;

typedef struct kw_profit_data {
  size_t n; /* rows of the per-customer arrays (= summary n) */
  const int64_t *revenue;      /* summary revenue */
  const int64_t *cogs;         /* cost of goods (0 when UNKNOWN) */
  const int64_t *discount;
  const int64_t *serve;        /* cost-to-serve, all types */
  const int64_t *contribution; /* 0 when UNKNOWN */
  const double *margin_pct;    /* 0 when revenue <= 0 or UNKNOWN */
  const uint8_t *source;       /* kw_cost_source */
  const uint8_t *flags;        /* KW_PROFIT_* bits */

  /* cost-to-serve by type; serve_by_type[j][i] is customer i's cost of
   * types[j] */
  size_t n_types;
  const kw_serve_type *types;
  const int64_t *const *serve_by_type;
  uint64_t overhead_rows;  /* cost rows without a customer */
  int64_t overhead;        /* their cost, not allocated */
  uint64_t unpriced_rows;  /* all types */
  uint64_t rows_after;     /* cost rows dated after as_of, left out */

  /* portfolio */
  size_t n_active;
  size_t n_known;          /* active with known contribution */
  size_t n_no_cost;        /* active with lines, cost unknown */
  size_t n_by_source[KW_COST__COUNT]; /* active customers per source */
  kw_cost_source overall;  /* the one source of all active, or MIXED */
  int64_t revenue_total;   /* all active */
  int64_t revenue_no_cost; /* of the n_no_cost customers */
  int64_t revenue_known;   /* of the known customers (rest: below too) */
  int64_t cogs_total;
  int64_t discount_total;
  int64_t serve_total;     /* allocated cost-to-serve, all active */
  int64_t contribution_total; /* known customers */
  double margin_pct_total; /* contribution_total / revenue_known x 100 */

  /* whale curve over the known customers */
  const uint32_t *ranking; /* n_known ids, most profitable first */
  bool whale_defined;      /* contribution_total > 0 */
  size_t n_points;              /* <= max_points, + 1 for the peak */
  const kw_curve_point *points; /* first (0,0), last (1,1) when defined */
  size_t peak_customers;   /* k at the peak */
  double peak_customer_share; /* k / n_known */
  double peak_value_share; /* cum. contribution at k / total (e.g. 1.63) */
  int64_t peak_value;

  size_t n_loss;           /* known customers with contribution < 0 */
  double loss_share;       /* n_loss / n_known */
  int64_t loss_total;      /* sum of their contributions (<= 0) */

  size_t n_large;          /* customers in the top revenue share */
  size_t n_large_loss;
  const uint32_t *large_loss; /* ids, highest revenue first */
} kw_profit_data;

typedef struct kw_profit kw_profit;

/*
 * Profitability of every customer of s. costs (may be NULL) is a table of
 * kind KW_TABLE_COSTS whose customer ids index s->ids. o may be NULL for the
 * defaults. Fails with KW_EARG on bad options or a table of another kind,
 * KW_EMISSING when costs lacks a customer column or both hours and amount.
 */
KW_API kw_status kw_profit_compute(kw_context *ctx,
                                   const kw_customer_summary *s,
                                   const kw_table *costs,
                                   const kw_profit_options *o,
                                   kw_profit **out);
KW_API const kw_profit_data *kw_profit_view(const kw_profit *p);
KW_API void kw_profit_free(kw_profit *p);

/*
 * Profitability settings from a small text file of "key = value" lines
 * ('#' starts a comment; keys case-insensitive):
 *     margin_pct = 35            assumed gross margin where no cost is known
 *     subtract_discount = yes    amounts are before discount
 *     large_share = 10           % of customers by revenue called large
 *     service_hours.rate = 65    cost per unit of type "service_hours"
 *     support tickets.rate = 12,50
 * Numbers take '.' or ',' as decimal mark, no thousands separators.
 * Unknown keys fail with KW_EINPUT (file:line).
 */
typedef struct kw_profit_config kw_profit_config;

KW_API kw_status kw_profit_config_load(kw_context *ctx, const char *path,
                                       kw_profit_config **out);
KW_API kw_status kw_profit_config_parse(kw_context *ctx, const char *text,
                                        size_t len, const char *name,
                                        kw_profit_config **out);
/* Copy the settings the file makes into o; o->rates then points into cfg,
 * which must outlive every use of o. */
KW_API void kw_profit_config_apply(const kw_profit_config *cfg,
                                   kw_profit_options *o);
KW_API void kw_profit_config_free(kw_profit_config *cfg);

/* ================================================== Pareto, ABC, dependency
 *
 * The population is the customer base of klantwijs/summary.h: every
 * customer with at least one purchase up to the as-of day (return-only
 * customers are left out, as in every other analysis). Concentration is measured on revenue clipped at zero: a customer whose
 * returns exceed their purchases counts as a customer with revenue 0 (they
 * are counted in n_negative and negative_total, and in revenue_net). The
 * ranking is by revenue, highest first, ties by customer id.
 *
 *   top share      the first ceil(top_share x n) customers (at least one):
 *                  their share of revenue, and — when a profitability
 *                  result is given — of the contribution of the known
 *                  customers (those among them with unknown contribution
 *                  are counted in top_contribution_unknown);
 *   k for target   the fewest customers whose revenue reaches at least
 *                  target_share (0.8) of the total;
 *   ABC            walking the ranking, a customer is A when the revenue
 *                  of the customers before it is below abc_a of the total,
 *                  else B when below abc_a + abc_b, else C. So the customer
 *                  that crosses a boundary belongs to the higher class, A is
 *                  the fewest customers reaching abc_a, and customers with
 *                  revenue 0 are C. Customers with equal revenue get the
 *                  class of the first of them (equal values, equal class).
 *                  "Below" allows a relative 1e-14 for the binary form of
 *                  the shares, so 80.00 of 100.00 reaches 80%.
 *   Gini           G = 2 sum_i i x_(i) / (n sum x) - (n + 1) / n, x
 *                  ascending, i = 1..n (0 for one customer, all equal or a
 *                  zero total; at most (n - 1) / n);
 *   HHI            sum of squared revenue shares, 1/n .. 1 (x 10000 for
 *                  the antitrust points scale);
 *   dependency     a warning when the largest customer has more than
 *                  warn_top1 (0.10) of revenue or the largest five more
 *                  than warn_top5 (0.50);
 *   repeat         customers with two or more orders vs exactly one
 *                  (a customer with only returns has no order: in neither).
 *
 * Shares are 0 when the total they divide by is 0.
 */

typedef enum kw_abc { KW_ABC_NONE = 0, KW_ABC_A, KW_ABC_B, KW_ABC_C } kw_abc;

typedef struct kw_pareto_options {
  double top_share;    /* 0.20 */
  double target_share; /* 0.80 */
  double abc_a;        /* 0.80 */
  double abc_b;        /* 0.15 */
  double warn_top1;    /* 0.10 */
  double warn_top5;    /* 0.50 */
  size_t max_points;   /* curve points at most: 200 */
  const kw_profit *profit; /* optional: contribution shares */
} kw_pareto_options;

KW_API void kw_pareto_options_init(kw_pareto_options *o);

typedef struct kw_pareto_data {
  size_t n;               /* rows of abc (= summary n) */
  size_t n_customers;     /* the population */
  size_t n_zero;          /* revenue exactly 0 */
  size_t n_negative;      /* revenue < 0 (clipped to 0) */
  int64_t negative_total; /* their revenue (< 0) */
  int64_t revenue_total;  /* clipped revenue: the denominator of shares */
  int64_t revenue_net;    /* unclipped: the revenue total of the summary */

  /* per customer (n rows; 0 for customers outside the population) */
  const uint32_t *rank;       /* 1 = largest revenue; 0 outside */
  const double *share;        /* x_i / X */
  const double *cum_share;    /* sum of x over ranks 1..rank_i / X */

  const uint32_t *ranking; /* n_customers ids, highest revenue first */

  size_t top_customers;      /* ceil(top_share x n_customers) */
  double top_revenue_share;
  bool top_contribution_defined; /* profit given, total contribution > 0 */
  double top_contribution_share;
  size_t top_contribution_unknown;

  size_t target_customers;   /* fewest reaching target_share */
  double target_customer_share;

  const uint8_t *abc;        /* kw_abc per customer */
  size_t abc_count[4];       /* indexed by kw_abc */
  int64_t abc_revenue[4];
  double abc_revenue_share[4];

  double gini;
  double hhi;
  double top1_share, top5_share, top10_share;
  bool warn_top1, warn_top5, dependency_warning;

  size_t n_repeat, n_once;
  int64_t revenue_repeat, revenue_once;
  double repeat_revenue_share, once_revenue_share;
  double revenue_per_repeat, revenue_per_once; /* cents per customer */
  double repeat_once_ratio; /* per_repeat / per_once; 0 if undefined */

  size_t n_points;
  const kw_curve_point *points; /* (0,0) .. (1,1); <= max_points */
} kw_pareto_data;

typedef struct kw_pareto kw_pareto;

KW_API kw_status kw_pareto_compute(kw_context *ctx,
                                   const kw_customer_summary *s,
                                   const kw_pareto_options *o,
                                   kw_pareto **out);
/*
 * Pareto with its profitability part decided here: the contribution
 * shares are computed (kw_profit_compute on s, the costs table and po)
 * when the sales lines carry a cost or margin (s->has_cost) or the caller
 * states cost assumptions (cost_assumed: an assumed margin, rates, a cost
 * file); otherwise *profit_out is NULL and only revenue shares are given.
 * o->profit is set from that result. Free *profit_out with
 * kw_profit_free after *out.
 */
KW_API kw_status kw_pareto_compute_with_profit(
    kw_context *ctx, const kw_customer_summary *s, const kw_table *costs,
    const kw_profit_options *po, bool cost_assumed, kw_pareto_options *o,
    kw_pareto **out, kw_profit **profit_out);
KW_API const kw_pareto_data *kw_pareto_view(const kw_pareto *p);
KW_API void kw_pareto_free(kw_pareto *p);

/* ====================================================================== RFM
 *
 * Scored customers: those with a purchase (last != KW_NA_DATE).
 *   R = as_of - last purchase day (days; lower is better),
 *   F = orders, M = revenue (or contribution with KW_RFM_CONTRIBUTION,
 *   where customers with unknown contribution are left unscored).
 *
 * Scores 1..bins (default 5; bins is 2..9), bins = best. For F and M with
 * quantiles: score = 1 + floor(bins x L / n), L = customers with a strictly
 * lower value, n = scored customers. For R the same with L = customers with
 * a strictly larger recency, so 5 = most recent. Equal values always share
 * a score; the worst value always scores 1. Degenerate data: when a metric
 * has no more distinct values than bins, the k-th smallest of d distinct
 * values (k = 0..d-1, worst first) scores 1 + round(k (bins - 1) / (d - 1)),
 * and a single distinct value scores the middle, (bins + 1) / 2 rounded
 * down. With explicit breaks b_1 < ... < b_{bins-1} (R in days, F in
 * orders, M in currency units): F, M score 1 + #{b_j <= v}; R scores
 * bins - #{b_j <= v}.
 *
 * Segments come from a rule table: each rule names a segment and ranges of
 * R, F, M and FM = (F + M) / 2 on the rules' scale (5 for the built-in
 * rules; scores on another number of bins are mapped linearly to it,
 * 1 + (s - 1)(scale - 1)/(bins - 1)); the first matching rule wins, a
 * customer matching none is in "Other". The built-in rules follow the
 * widely used R / FM grid (Champions R 4-5 FM 4-5, Loyal Customers R 2-5
 * FM 3-5, ... as published by Putler) with the overlaps of that grid
 * resolved by this order:
 *
 *   rule  segment              R      FM
 *    1    Champions            4-5    4-5
 *    2    Loyal Customers      3-5    3-5
 *    3    Can't Lose Them      1      4-5
 *    4    At Risk              1-2    3-5
 *    5    New Customers        4-5    1
 *    6    Potential Loyalist   4-5    1-3
 *    7    Promising            3      1
 *    8    Need Attention       2-3    2-3
 *    9    About To Sleep       2-3    1.5-2
 *   10    Lost                 1      1
 *   11    Hibernating          1-2    1-3
 *
 * giving this complete grid (FM in steps of 0.5):
 *
 *   R \ FM   1          1.5       2-2.5            3-3.5     4-5
 *   5, 4     New        Potential Potential        Loyal     Champions
 *   3        Promising  Sleep     Need Attention   Loyal     Loyal
 *   2        Hibernat.  Sleep     Need Attention   At Risk   At Risk
 *   1        Lost       Hibernat. Hibernating      At Risk   Can't Lose
 */

typedef enum kw_rfm_monetary {
  KW_RFM_REVENUE = 0,
  KW_RFM_CONTRIBUTION
} kw_rfm_monetary;

typedef struct kw_rfm_segment_def {
  const char *key;       /* "champions" */
  const char *name_en;   /* "Champions" */
  const char *name_nl;   /* "Kampioenen" */
  const char *action_en;
  const char *action_nl;
} kw_rfm_segment_def;

/* Inclusive ranges on the rules' scale; lo > hi never matches. A rule
 * without a condition on a metric has the full range 1..scale. */
typedef struct kw_rfm_rule {
  uint32_t segment; /* index into segments */
  double r_lo, r_hi, f_lo, f_hi, m_lo, m_hi, fm_lo, fm_hi;
} kw_rfm_rule;

/* A rule table: plain data, which a caller may also fill in code. */
typedef struct kw_rfm_rules {
  int scale; /* 2..9 */
  size_t n_segments;
  const kw_rfm_segment_def *segments;
  size_t n_rules;
  const kw_rfm_rule *rules;
} kw_rfm_rules;

/* The built-in rules (static, never freed). */
KW_API const kw_rfm_rules *kw_rfm_rules_builtin(void);

/*
 * A rule file: '#' comments, "scale = 5" before the first section, then one
 * [key] section per rule in match order. A section sets the segment's
 * names and actions (on its first appearance; a later section with the same
 * key adds one more rule for that segment) and its ranges:
 *     [champions]
 *     name = Champions
 *     name_nl = Kampioenen
 *     action = Reward them; ask for reviews
 *     action_nl = Beloon ze; vraag om reviews
 *     r = 4-5          (also "4", "<=2", ">=4", "1.5-2", "*")
 *     fm = 4-5         (keys r, f, m, fm; missing = any)
 * name defaults to the key; name_nl to name; actions to "".
 */
typedef struct kw_rfm_rule_file kw_rfm_rule_file;

KW_API kw_status kw_rfm_rules_load(kw_context *ctx, const char *path,
                                   kw_rfm_rule_file **out);
KW_API kw_status kw_rfm_rules_parse(kw_context *ctx, const char *text,
                                    size_t len, const char *name,
                                    kw_rfm_rule_file **out);
KW_API const kw_rfm_rules *kw_rfm_rule_file_rules(const kw_rfm_rule_file *f);
KW_API void kw_rfm_rule_file_free(kw_rfm_rule_file *f);

typedef struct kw_rfm_options {
  int bins;                 /* 2..9, default 5 */
  const double *breaks[3];  /* R, F, M: bins - 1 ascending values, or NULL
                               for quantiles (borrowed) */
  kw_rfm_monetary monetary;
  const kw_profit *profit;  /* required for KW_RFM_CONTRIBUTION */
  const kw_rfm_rules *rules; /* NULL: the built-in rules */
  int n_breaks[3]; /* how many values breaks[k] holds, to be checked
                      against bins - 1; 0: not stated (bins - 1 read) */
} kw_rfm_options;

KW_API void kw_rfm_options_init(kw_rfm_options *o);
/* The checks of kw_rfm_compute that need no data (bins, the breaks'
 * count and order, the rules), so that a caller can refuse options before
 * reading the data. KW_EARG with a message by key. */
KW_API kw_status kw_rfm_options_check(kw_context *ctx,
                                      const kw_rfm_options *o);

typedef struct kw_rfm_segment_row {
  const char *key, *name_en, *name_nl, *action_en, *action_nl;
  size_t customers;
  double share;          /* customers / n_scored */
  int64_t revenue;       /* summary revenue of its customers */
  double revenue_share;  /* revenue / revenue of all scored (0 if <= 0) */
  double mean_recency;   /* days */
  double mean_frequency; /* orders */
  double mean_monetary;  /* currency units (not cents) */
} kw_rfm_segment_row;

typedef struct kw_rfm_band {
  size_t customers;
  double lo, hi; /* 0 when no customer has the score */
} kw_rfm_band;

#define KW_RFM_NONE UINT8_MAX /* segment of an unscored customer */

typedef struct kw_rfm_data {
  size_t n;               /* rows (= summary n) */
  size_t n_scored;
  size_t n_unscored_cost; /* buyers left out: contribution unknown */
  int bins;
  int32_t as_of;
  kw_rfm_monetary monetary;
  const int32_t *recency;   /* days; -1 when unscored */
  const uint32_t *frequency;
  const int64_t *monetary_value; /* cents */
  const uint8_t *r, *f, *m; /* 1..bins, 0 when unscored */
  const uint16_t *code;     /* 100 r + 10 f + m, 0 when unscored */
  const uint8_t *segment;   /* index into segments, KW_RFM_NONE */
  size_t n_segments;        /* the rules' segments, then "other" if used */
  const kw_rfm_segment_row *segments;
  /* per metric (0 R days, 1 F orders, 2 M currency units) and score s
   * (index s - 1): how many customers have it and their value range */
  kw_rfm_band bands[3][9];
} kw_rfm_data;

typedef struct kw_rfm kw_rfm;

KW_API kw_status kw_rfm_compute(kw_context *ctx, const kw_customer_summary *s,
                                const kw_rfm_options *o, kw_rfm **out);
KW_API const kw_rfm_data *kw_rfm_view(const kw_rfm *r);
/* The index of the segment with key `key` in kw_rfm_view(r)->segments;
 * KW_EARG (the message lists the keys) when there is none. */
KW_API kw_status kw_rfm_segment_find(kw_context *ctx, const kw_rfm *r,
                                     const char *key, size_t *index);
/* The code of customer i as text ("545"), "" when unscored. buf: 4 bytes. */
KW_API char *kw_rfm_code(const kw_rfm_data *d, size_t i, char buf[4]);
KW_API void kw_rfm_free(kw_rfm *r);

#ifdef __cplusplus
}
#endif
#endif
