/*
 * growth_common.h — what the growth models share (internal): the value of
 * a customer on one basis, per-customer attributes of the customers table
 * by the one rule (the last non-empty cell of the customer's rows), and
 * small interval helpers.
 */
#ifndef KW_GROWTH_COMMON_H
#define KW_GROWTH_COMMON_H

#include "core/core.h"
#include "klantwijs/growth.h"

/* The basis of customer values: CLV when given, else margin when the
 * summary has cost, else revenue. */
kw_value_basis growth_basis(const kw_customer_summary *s, const double *clv);
/* Customer c's value on that basis, in currency units. */
double growth_value(const kw_customer_summary *s, const double *clv,
                    kw_value_basis b, size_t c);

/* Per customer id (< n), the row of t whose cell in col is the customer's
 * value (its last row with a non-empty cell), KW_NA_ID when none. */
kw_status growth_value_rows(kw_context *ctx, const kw_table *t,
                            const kw_column *col, uint32_t *rows, size_t n);

/* Wilson 95% interval of k successes in n. */
void growth_wilson(double k, double n, double *lo, double *hi);

#endif
