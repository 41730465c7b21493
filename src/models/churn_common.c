/*
 * churn_common.c — purchase histories and calendar periods for the cohort
 * and churn models (see churn_common.h and klantwijs/retention.h).
 *
 * Periods: week index = floor((day + 3) / 7), so weeks start on Monday
 * (1970-01-01 was a Thursday, day 0; Monday 1970-01-05 is day 4 and
 * starts week 1); month index = 12 * year + month - 1; quarter index =
 * 4 * year + (month - 1) / 3.
 */
#include "models/churn_common.h"

#include <stdlib.h>
#include <string.h>

static int32_t floor_div(int32_t a, int32_t b) {
  int32_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

const char *kw_period_unit_name(kw_period_unit u) {
  switch (u) {
    case KW_PERIOD_WEEK:
      return "week";
    case KW_PERIOD_QUARTER:
      return "quarter";
    case KW_PERIOD_MONTH:
      break;
  }
  return "month";
}

int32_t kw_period_index(int32_t day, kw_period_unit u) {
  if (u == KW_PERIOD_WEEK) return floor_div(day + 3, 7);
  int y, m, d;
  kw_date_to_ymd(day, &y, &m, &d);
  if (u == KW_PERIOD_QUARTER) return (int32_t)(y * 4 + (m - 1) / 3);
  return (int32_t)(y * 12 + (m - 1));
}

int32_t kw_period_first_day(int32_t index, kw_period_unit u) {
  if (u == KW_PERIOD_WEEK) return index * 7 - 3;
  if (u == KW_PERIOD_QUARTER) {
    int32_t y = floor_div(index, 4);
    return kw_date_from_ymd((int)y, (int)(index - 4 * y) * 3 + 1, 1);
  }
  int32_t y = floor_div(index, 12);
  return kw_date_from_ymd((int)y, (int)(index - 12 * y) + 1, 1);
}

/* "YYYY-" with the year clamped to 0..9999; returns the end. */
static char *put_year(char *p, int32_t y) {
  if (y < 0) y = 0;
  if (y > 9999) y = 9999;
  p[0] = (char)('0' + y / 1000);
  p[1] = (char)('0' + y / 100 % 10);
  p[2] = (char)('0' + y / 10 % 10);
  p[3] = (char)('0' + y % 10);
  p[4] = '-';
  return p + 5;
}

char *kw_period_label(char *buf, int32_t index, kw_period_unit u) {
  if (u == KW_PERIOD_WEEK) return kw_date_format(buf, index * 7 - 3, 0);
  if (u == KW_PERIOD_QUARTER) {
    int32_t y = floor_div(index, 4);
    char *p = put_year(buf, y);
    p[0] = 'Q';
    p[1] = (char)('1' + (index - 4 * y));
    p[2] = 0;
    return buf;
  }
  int32_t y = floor_div(index, 12);
  int32_t m = index - 12 * y + 1;
  char *p = put_year(buf, y);
  p[0] = (char)('0' + m / 10);
  p[1] = (char)('0' + m % 10);
  p[2] = 0;
  return buf;
}

void kw_history_free(kw_context *ctx, kw_history *h) {
  if (!h) return;
  kw_free(ctx, h->start);
  kw_free(ctx, h->days);
  memset(h, 0, sizeof *h);
}

static int cmp_hday(const void *a, const void *b) {
  int32_t x = ((const kw_hday *)a)->day, y = ((const kw_hday *)b)->day;
  return (x > y) - (x < y);
}

static void sort_days(kw_hday *v, size_t n) {
  bool sorted = true;
  for (size_t i = 1; i < n && sorted; i++)
    if (v[i].day < v[i - 1].day) sorted = false;
  if (sorted) return;
  if (n > 32) {
    qsort(v, n, sizeof *v, cmp_hday);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    kw_hday x = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1].day > x.day; j--) v[j] = v[j - 1];
    v[j] = x;
  }
}

kw_status kw_history_build(kw_context *ctx, const kw_table *tx, int32_t as_of,
                           kw_history *h) {
  memset(h, 0, sizeof *h);
  if (!tx)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.no_transactions",
                       "no transactions table", NULL);
  const kw_column *cc = kw_table_role(tx, KW_ROLE_CUSTOMER);
  const kw_column *cd = kw_table_role(tx, KW_ROLE_DATE);
  const kw_column *ca = kw_table_role(tx, KW_ROLE_AMOUNT);
  if (!cc || !cd)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.tx_no_customer_date",
                       "the transactions need a customer and a date column",
                       NULL);
  if (cc->type != KW_TYPE_TEXT || cd->type != KW_TYPE_DATE ||
      (ca && ca->type != KW_TYPE_MONEY))
    return kw_fail(ctx, KW_EARG, "customer, date or amount column has the "
                                 "wrong type");
  const size_t rows = kw_table_rows(tx);
  const uint32_t *cust = cc->v.text;
  const int32_t *date = cd->v.date;
  const int64_t *amt = ca ? ca->v.money : NULL;
  h->has_amount = ca != NULL;

  /* as-of and the number of customer ids */
  uint32_t maxid = 0;
  bool any = false;
  int32_t maxday = INT32_MIN;
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID || date[i] == KW_NA_DATE) continue;
    if (!any || cust[i] > maxid) maxid = cust[i];
    any = true;
    if (date[i] > maxday) maxday = date[i];
  }
  if (as_of == KW_NA_DATE) as_of = any ? maxday : 0;
  h->as_of = as_of;
  size_t n = any ? (size_t)maxid + 1 : 0;
  if (cc->dict && kw_dict_size(cc->dict) > n) n = kw_dict_size(cc->dict);
  h->n_customers = n;
  h->first_day = KW_NA_DATE;

  h->start = kw_calloc(ctx, n + 1, sizeof *h->start);
  if (!h->start) return kw_fail_nomem(ctx);
  size_t used = 0;
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID || date[i] == KW_NA_DATE) {
      h->lines_skipped++;
      continue;
    }
    if (date[i] > as_of) {
      h->lines_after++;
      continue;
    }
    h->start[cust[i] + 1]++;
    used++;
  }
  h->lines_used = used;
  for (size_t c = 0; c < n; c++) h->start[c + 1] += h->start[c];
  h->days = kw_malloc(ctx, (used ? used : 1) * sizeof *h->days);
  if (!h->days) {
    kw_history_free(ctx, h);
    return kw_fail_nomem(ctx);
  }
  /* fill: start[c] runs ahead as the fill position, then is restored */
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID || date[i] == KW_NA_DATE || date[i] > as_of)
      continue;
    int64_t a = amt && amt[i] != KW_NA_MONEY ? amt[i] : 0;
    h->days[h->start[cust[i]]++] = (kw_hday){date[i], a >= 0, a};
  }
  for (size_t c = n; c > 0; c--) h->start[c] = h->start[c - 1];
  h->start[0] = 0;

  /* per customer: sort by day, merge same-day lines, compact in place */
  size_t w = 0;
  int32_t first_day = INT32_MAX;
  for (size_t c = 0; c < n; c++) {
    size_t b = h->start[c], e = h->start[c + 1];
    h->start[c] = w;
    sort_days(h->days + b, e - b);
    bool buyer = false;
    for (size_t i = b; i < e;) {
      kw_hday d = h->days[i++];
      for (; i < e && h->days[i].day == d.day; i++) {
        d.amount += h->days[i].amount;
        d.purchase |= h->days[i].purchase;
      }
      if (d.purchase && !buyer) {
        buyer = true;
        if (d.day < first_day) first_day = d.day;
      }
      h->days[w++] = d;
    }
    if (buyer) h->n_buyers++;
  }
  h->start[n] = w;
  if (h->n_buyers) h->first_day = first_day;
  if (w > 0 && w < used) {
    kw_hday *shrunk = kw_realloc(ctx, h->days, w * sizeof *h->days);
    if (shrunk) h->days = shrunk;
  }
  return KW_OK;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double kw_quantile_sorted_inplace(double *v, size_t n, double q) {
  qsort(v, n, sizeof *v, cmp_double);
  if (n == 1) return v[0];
  double h = (double)(n - 1) * q;
  size_t lo = (size_t)h;
  if (lo >= n - 1) return v[n - 1];
  double f = h - (double)lo;
  return v[lo] + f * (v[lo + 1] - v[lo]);
}
