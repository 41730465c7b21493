/*
 * klantwijs/summary.h — the per-customer summary every analysis starts from.
 *
 * Built in one pass over the transactions table up to and including the
 * as-of date. Arrays are indexed by the dense customer id of the dataset's
 * customer dictionary (kw_dataset_customers), so customers known only from
 * another table have a row too, with orders = 0 and dates KW_NA_DATE.
 *
 * The buy-till-you-die triple (Fader, Hardie & Lee 2005):
 *   x   = number of distinct purchase days after the first one
 *         (same-day purchases merged);
 *   t_x = last purchase day - first purchase day;
 *   T   = as-of day - first purchase day;
 * t_x and T in the chosen unit: day, week (7 days) or month (365.25/12 =
 * 30.4375 days).
 *
 * The customer base (one definition for every figure): a customer is
 * someone with at least one purchase line (amount >= 0) up to the as-of
 * day, first != KW_NA_DATE. n_buyers, buyer_lines and buyer_revenue are
 * the customers, lines and net revenue every command states as its
 * total. A customer whose lines up to as_of are all returns or credit
 * notes ("return only": the purchase lies before the data) is no customer
 * of the period: counted in n_return_only with its lines and (negative)
 * revenue, and left out of every total and every model.
 *
 * Ownership: the kw_summary owns every array in its view; they live until
 * kw_summary_free(). It borrows nothing from the dataset after the build.
 */
#ifndef KLANTWIJS_SUMMARY_H
#define KLANTWIJS_SUMMARY_H

#include "klantwijs/core.h"
#include "klantwijs/data.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kw_unit {
  KW_UNIT_DAY = 0,
  KW_UNIT_WEEK,
  KW_UNIT_MONTH,
  KW_UNIT_YEAR
} kw_unit;

/* Days in one unit (1, 7, 30.4375 or 365.25). */
KW_API double kw_unit_days(kw_unit u);
KW_API const char *kw_unit_name(kw_unit u);

typedef struct kw_summary_options {
  int32_t as_of; /* last day observed (inclusive); KW_NA_DATE = last date */
  kw_unit unit;
} kw_summary_options;

KW_API void kw_summary_options_init(kw_summary_options *o);

typedef struct kw_customer_summary {
  size_t n;               /* customers in the dictionary (rows below) */
  size_t n_buyers;        /* customers: at least one purchase up to as_of */
  const kw_dict *ids;     /* customer id strings */
  int32_t as_of;          /* the as-of day used */
  kw_unit unit;
  uint64_t lines_used;    /* transaction lines up to as_of */
  uint64_t lines_after;   /* lines after as_of, left out */
  uint64_t buyer_lines;   /* lines of the n_buyers customers */
  int64_t buyer_revenue;  /* their net revenue, cents: the revenue total */
  size_t n_return_only;   /* customers with only negative lines, left out */
  uint64_t return_only_lines;  /* their lines */
  int64_t return_only_revenue; /* their net revenue (<= 0), cents */
  bool has_invoice;       /* orders count invoices (else purchase days) */
  bool has_cost;          /* the table has a cost or margin column */
  bool has_category;
  bool has_product;
  const int32_t *first;   /* first purchase day, KW_NA_DATE if none */
  const int32_t *last;    /* last purchase day */
  const uint32_t *orders; /* distinct invoices, else distinct purchase days */
  const uint32_t *days;   /* distinct purchase days */
  const uint32_t *lines;  /* transaction lines */
  const uint32_t *cost_lines; /* lines whose cost (or margin) is known */
  const int64_t *revenue; /* net of returns and credit notes, cents */
  const int64_t *cost;    /* cost of goods over cost_lines, cents */
  const int64_t *discount;/* discounts, cents (0 when no column) */
  const uint32_t *n_products;   /* distinct products bought */
  const uint32_t *n_categories; /* distinct categories bought */
  const double *x;        /* repeat purchase days */
  const double *t_x;      /* in unit */
  const double *T;        /* in unit */
  const double *repeat_spend; /* mean revenue per repeat purchase day, in
                                 currency units (not cents); 0 if x = 0 */
} kw_customer_summary;

typedef struct kw_summary kw_summary;

KW_API kw_status kw_summary_build(kw_context *ctx, const kw_dataset *ds,
                                  const kw_summary_options *o,
                                  kw_summary **out);
KW_API const kw_customer_summary *kw_summary_view(const kw_summary *s);
KW_API void kw_summary_free(kw_summary *s);

#ifdef __cplusplus
}
#endif
#endif
