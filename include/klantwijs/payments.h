/*
 * klantwijs/payments.h — payment behaviour from the invoices table.
 *
 * Input: a table of kind KW_TABLE_INVOICES with roles customer, date
 * (invoice date), amount, paid_date (empty = not paid), and optionally
 * invoice (id), due_date or terms (days). Each row is one part of an
 * invoice: an invoice paid in parts is several rows with the same invoice
 * id, each with its amount and paid date; a credit note is a row with a
 * negative amount. Without an invoice column every row is an invoice.
 *
 * Everything is seen at the as-of date: rows issued after it are left out
 * (rows_after); a row paid after it counts as open.
 *
 * Due date of a row: its due_date; else date + terms; else date +
 * default_terms (counted in rows_default_terms).
 *
 * Per customer, over rows with a positive amount:
 *   days to pay  = sum a (paid - date) / sum a, over paid rows;
 *   days late    = sum a max(0, paid - due) / sum a, over paid rows
 *                  (early payment counts as 0 days late);
 *   late share   = settled invoices (every positive row paid) paid after
 *                  their due date, / settled invoices;
 *   open         = open positive rows + open credit notes (credit <= 0);
 *   overdue      = open positive rows with as_of > due;
 *   ageing       = open positive rows by days past due: not yet due (<= 0),
 *                  1-30, 31-60, 61-90, over 90 (gross of credit notes);
 *   class        = PROBLEM when days late > problem_days_late (60) or an
 *                  open row is more than problem_overdue_days (90) past due;
 *                  else SLOW when days late > slow_days_late (7) or an open
 *                  row is more than slow_overdue_days (30) past due; else
 *                  FAST. NONE without positive rows up to as_of.
 *
 * Portfolio:
 *   DSO = open_total / invoiced in the dso_days (90) days up to and
 *         including as_of x dso_days (dso_defined false when that
 *         invoiced amount is <= 0);
 *   problem/slow revenue share = revenue of PROBLEM (SLOW) customers over
 *         all revenue, from the summary's revenue clipped at 0, or without a
 *         summary from the positive invoiced amounts.
 *
 * Data errors are counted (per customer and in total), warned about, and
 * the row is left out of timing: a payment before the invoice date (the
 * row is taken as settled, so not open), a due date before the invoice
 * date (the row then is left out of lateness and ageing), an invoice id
 * seen with two customers (the later rows are left out entirely).
 *
 * Ownership: the result is created by kw_payments_compute and freed with
 * kw_payments_free (NULL is fine); the view and its arrays live as long.
 */
#ifndef KLANTWIJS_PAYMENTS_H
#define KLANTWIJS_PAYMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/summary.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kw_pay_class {
  KW_PAY_NONE = 0,
  KW_PAY_FAST,
  KW_PAY_SLOW,
  KW_PAY_PROBLEM
} kw_pay_class;
#define KW_PAY__COUNT 4

/* "none", "fast", "slow", "problematic". */
KW_API const char *kw_pay_class_name(kw_pay_class c);

typedef enum kw_ageing {
  KW_AGE_CURRENT = 0, /* not yet due */
  KW_AGE_1_30,
  KW_AGE_31_60,
  KW_AGE_61_90,
  KW_AGE_OVER_90
} kw_ageing;
#define KW_AGE__COUNT 5

/* "not_due", "1-30", "31-60", "61-90", "90+". */
KW_API const char *kw_ageing_name(kw_ageing a);

typedef struct kw_payments_options {
  int32_t as_of;            /* KW_NA_DATE: the summary's as_of, or without
                               a summary the last invoice date */
  int default_terms;        /* days: 30 */
  double slow_days_late;    /* 7 */
  int slow_overdue_days;    /* 30 */
  double problem_days_late; /* 60 */
  int problem_overdue_days; /* 90 */
  int dso_days;             /* 90 */
  size_t top_overdue;       /* customers in the top-overdue list: 10 */
} kw_payments_options;

KW_API void kw_payments_options_init(kw_payments_options *o);

/* The class of a customer with positive rows (the rule above): PROBLEM,
 * SLOW or FAST from the days late and the most days an open row is past
 * due. One rule for the line path and the database's (pushdown). */
KW_API kw_pay_class kw_pay_classify(const kw_payments_options *o,
                                    double days_late, int32_t max_overdue);

typedef struct kw_payments_data {
  size_t n;      /* rows of the per-customer arrays */
  int32_t as_of;

  const uint32_t *invoices;      /* invoices with a positive total */
  const uint32_t *settled;       /* of those: every positive row paid */
  const uint32_t *settled_late;  /* settled after their due date */
  const double *late_share;      /* settled_late / settled, 0 if none */
  const double *days_to_pay;     /* 0 when no paid row */
  const double *days_late;
  const int64_t *invoiced;       /* all rows up to as_of, credit included */
  const int64_t *open;
  const int64_t *credit;         /* open credit notes, <= 0 */
  const int64_t *overdue;
  const int64_t *ageing[KW_AGE__COUNT];
  const int32_t *max_overdue_days; /* oldest open row, days past due; 0 */
  const uint8_t *pay_class;      /* kw_pay_class */
  const uint32_t *errors;        /* data errors in its rows */

  /* portfolio */
  size_t n_customers;            /* with a positive row up to as_of */
  size_t n_class[KW_PAY__COUNT];
  uint64_t rows;                 /* rows of the table */
  uint64_t rows_used;
  uint64_t rows_after;           /* issued after as_of */
  uint64_t rows_no_customer;
  uint64_t rows_no_date;
  uint64_t rows_no_amount;
  uint64_t rows_default_terms;
  uint64_t err_paid_before_issue;
  uint64_t err_due_before_issue;
  uint64_t err_customer_conflict;
  uint64_t errors_total;         /* the three above */
  size_t n_invoices;             /* positive total */
  size_t n_credit_notes;         /* negative total */
  size_t n_settled, n_settled_late;
  double late_share_all;         /* n_settled_late / n_settled */
  double days_to_pay_all;        /* amount-weighted over all paid rows */
  double days_late_all;
  int64_t invoiced_total;
  int64_t open_total;            /* net of open credit notes */
  int64_t credit_total;
  int64_t overdue_total;
  int64_t ageing_total[KW_AGE__COUNT];
  int64_t invoiced_recent;       /* in the DSO window */
  bool dso_defined;
  double dso;                    /* days */
  size_t n_top_overdue;
  const uint32_t *top_overdue;   /* ids, most overdue money first */
  double problem_revenue_share;
  double slow_revenue_share;
} kw_payments_data;

typedef struct kw_payments kw_payments;

/*
 * Payment behaviour per customer. s (may be NULL) gives the number of
 * customers, the as-of date and the revenue; without it the customer
 * column's dictionary does. Fails with KW_EARG for a table of another kind
 * or bad options, KW_EMISSING without customer, date, amount or paid_date
 * columns, KW_EINPUT for a customer id outside the summary.
 */
KW_API kw_status kw_payments_compute(kw_context *ctx,
                                     const kw_customer_summary *s,
                                     const kw_table *invoices,
                                     const kw_payments_options *o,
                                     kw_payments **out);
KW_API const kw_payments_data *kw_payments_view(const kw_payments *p);
KW_API void kw_payments_free(kw_payments *p);

#ifdef __cplusplus
}
#endif
#endif
