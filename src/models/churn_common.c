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
