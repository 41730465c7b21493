/*
 * klantwijs/groups.h — customers grouped by an attribute of the customers
 * table (sector, size, channel, ...), and the one privacy rule of every
 * table that shows groups.
 *
 * One customer, one value. A customer may have several rows in the
 * customers table (a history, or two exports joined). The rule, in every
 * analysis (basket segments, survival groups, churn drivers): a
 * customer's value in a column is the cell of its LAST row in file order
 * whose cell in that column is not empty; an empty cell (missing, or text
 * of only spaces) never overwrites a value. kw_customer_value_rows gives
 * that row per customer and column.
 *
 * Privacy: no group of fewer than min_group (KW_PRIVACY_MIN = 5)
 * customers is shown on its own. Such groups are merged into one group
 * "other"; when "other" itself would hold fewer than min_group customers,
 * its customers are left out (no group, counted in left_out).
 *
 * Groups of a column: text values in byte order (strcmp), numbers and
 * dates ascending, flags no before yes; with blank_group a group for the
 * customers whose row has an empty cell comes first; "other" comes last.
 * Group labels are the values as text (numbers in plain '.' notation,
 * dates ISO); the groups of kind BLANK, NO, YES and OTHER have no label:
 * a writer names them in the reader's language.
 *
 * Ownership: a kw_groups owns its arrays and labels; free with
 * kw_groups_free(). The table and column are borrowed during the call
 * only.
 */
#ifndef KLANTWIJS_GROUPS_H
#define KLANTWIJS_GROUPS_H

#include "klantwijs/core.h"
#include "klantwijs/data.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KW_PRIVACY_MIN 5

/* Row of the customers table t holding each customer's value in col, by
 * the rule above: rows[c] for customer ids c < n_customers, KW_NA_ID when
 * the customer has no row with a value. col must be a column of t. */
KW_API kw_status kw_customer_value_rows(kw_context *ctx, const kw_table *t,
                                        const kw_column *col,
                                        uint32_t *rows, size_t n_customers);

/* True when the cell of col in row r is empty (missing, or blank text). */
KW_API bool kw_cell_empty(const kw_column *col, size_t r);

typedef enum kw_group_kind {
  KW_GROUP_VALUE = 0, /* label is the value */
  KW_GROUP_BLANK,     /* a row, but an empty cell */
  KW_GROUP_NO,        /* flag columns */
  KW_GROUP_YES,
  KW_GROUP_OTHER      /* small groups merged */
} kw_group_kind;

typedef struct kw_groups_options {
  size_t min_group;    /* KW_PRIVACY_MIN */
  bool blank_group;    /* customers with an empty cell form a group
                          (else they have no group); default true */
  const bool *counted; /* optional, per customer: only these customers
                          are grouped and counted (others get KW_NA_ID) */
  size_t max_values;   /* > 0: KW_ERANGE when the column has more values */
} kw_groups_options;

KW_API void kw_groups_options_init(kw_groups_options *o);

typedef struct kw_groups_data {
  size_t n_customers;        /* rows of code */
  const uint32_t *code;      /* group per customer, KW_NA_ID = none */
  size_t n;                  /* groups shown */
  const char *const *label;  /* n labels (NULL unless KW_GROUP_VALUE) */
  const uint8_t *kind;       /* n kw_group_kind */
  const uint64_t *size;      /* n: customers per group */
  size_t n_values;           /* distinct values before the merge */
  size_t merged_groups;      /* values merged into "other" (or left out) */
  uint64_t left_out;         /* customers of small groups left out */
  uint64_t no_group;         /* counted customers without a value */
} kw_groups_data;

typedef struct kw_groups kw_groups;

/* Groups of the customers by column `column` (a name, or a role name) of
 * the customers table. KW_EARG with a message when the column is absent,
 * is personal data or the customer id, or is not text/flag/number/date
 * (money and numbers are allowed); KW_ERANGE above max_values. */
KW_API kw_status kw_groups_compute(kw_context *ctx, const kw_table *t,
                                     const char *column, size_t n_customers,
                                     const kw_groups_options *o,
                                     kw_groups **out);

/* The same for the rows of a table that holds one subject a row (a
 * customers table without repeated rows, a table of contracts): code[r]
 * is the group of row r; counted, when given, is per row. The customer id
 * column is not needed. */
KW_API kw_status kw_groups_compute_rows(kw_context *ctx, const kw_table *t,
                                        const char *column,
                                        const kw_groups_options *o,
                                        kw_groups **out);

/* The privacy merge of groups coded elsewhere (RFM segments, rows of a
 * table): raw[i] < n_raw is the group of customer (or subject) i, or
 * KW_NA_ID; labels/kinds describe the n_raw groups (labels copied; kinds
 * NULL = all KW_GROUP_VALUE). Groups keep their order. */
KW_API kw_status kw_groups_compute_codes(kw_context *ctx, const uint32_t *raw,
                                      size_t n, size_t n_raw,
                                      const char *const *labels,
                                      const uint8_t *kinds,
                                      const kw_groups_options *o,
                                      kw_groups **out);

KW_API const kw_groups_data *kw_groups_view(const kw_groups *g);
KW_API void kw_groups_free(kw_groups *g);

#ifdef __cplusplus
}
#endif
#endif
