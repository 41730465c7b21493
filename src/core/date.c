/*
 * date.c — civil dates <-> days since 1970-01-01 (proleptic Gregorian).
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days
 * ("chrono-Compatible Low-Level Date Algorithms"): exact for every int32 day,
 * no tables, no time zones, no locale.
 */
#include "core/core.h"
#include "klantwijs/data.h"

#include <stdio.h>

int32_t kw_date_from_ymd(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (int32_t)(era * 146097 + (int)doe - 719468);
}

void kw_date_to_ymd(int32_t days, int *y, int *m, int *d) {
  const int64_t z = (int64_t)days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  *y = (int)(yoe + era * 400 + (mm <= 2));
  *m = (int)mm;
  *d = (int)dd;
}

char *kw_date_format(char *buf, int32_t days, int style) {
  if (days == KW_NA_DATE) {
    buf[0] = '\0';
    return buf;
  }
  int y, m, d;
  kw_date_to_ymd(days, &y, &m, &d);
  if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;
  if (style == 1)
    snprintf(buf, 11, "%02d-%02d-%04d", d, m, y);
  else
    snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
  return buf;
}
