/*
 * growth_common.c — shared helpers of the growth models (see the header).
 */
#include "models/growth_common.h"

#include <math.h>
#include <string.h>

kw_value_basis growth_basis(const kw_customer_summary *s, const double *clv) {
  if (clv) return KW_VALUE_CLV;
  return s->has_cost ? KW_VALUE_MARGIN : KW_VALUE_REVENUE;
}

double growth_value(const kw_customer_summary *s, const double *clv,
                    kw_value_basis b, size_t c) {
  if (c >= s->n) return 0;
  if (b == KW_VALUE_CLV) return clv[c];
  if (b == KW_VALUE_MARGIN)
    return (double)(s->revenue[c] - s->cost[c]) / 100.0;
  return (double)s->revenue[c] / 100.0;
}

static bool cell_empty(const kw_column *col, size_t r) {
  switch (col->type) {
    case KW_TYPE_TEXT: {
      uint32_t id = col->v.text[r];
      if (id == KW_NA_ID) return true;
      const char *s = kw_dict_str(col->dict, id);
      for (; *s; s++)
        if (*s != ' ' && *s != '\t') return false;
      return true;
    }
    case KW_TYPE_DATE: return col->v.date[r] == KW_NA_DATE;
    case KW_TYPE_MONEY: return col->v.money[r] == KW_NA_MONEY;
    case KW_TYPE_NUMBER: return isnan(col->v.number[r]);
    case KW_TYPE_FLAG: return col->v.flag[r] == KW_NA_FLAG;
  }
  return true;
}

kw_status growth_value_rows(kw_context *ctx, const kw_table *t,
                            const kw_column *col, uint32_t *rows, size_t n) {
  (void)ctx;
  for (size_t c = 0; c < n; c++) rows[c] = KW_NA_ID;
  const kw_column *id = kw_table_role(t, KW_ROLE_CUSTOMER);
  if (!id || !col) return KW_OK;
  size_t nr = kw_table_rows(t);
  for (size_t r = 0; r < nr; r++) {
    uint32_t c = id->v.text[r];
    if (c == KW_NA_ID || c >= n || cell_empty(col, r)) continue;
    rows[c] = (uint32_t)r;
  }
  return KW_OK;
}

void growth_wilson(double k, double n, double *lo, double *hi) {
  if (!(n > 0)) {
    *lo = *hi = NAN;
    return;
  }
  const double z = 1.959963984540054;
  double p = k / n, z2 = z * z;
  double den = 1 + z2 / n;
  double mid = (p + z2 / (2 * n)) / den;
  double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / den;
  *lo = mid - half;
  *hi = mid + half;
}
