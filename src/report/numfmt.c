/*
 * numfmt.c — plain numbers and dates by integer arithmetic (numfmt.h).
 * Two digits at a time from a table; the straightforward formatters
 * (snprintf) are the reference of the randomized test in
 * tests/unit/test_numfmt.c.
 */
#include "report/numfmt.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "klantwijs/data.h"

static const char pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* The decimal digits of u into the end of tmp (24 bytes); returns the
 * first. At least min digits (leading zeros). */
static char *digits(char *end, unsigned long long u, int min) {
  char *p = end;
  while (u >= 100) {
    unsigned r = (unsigned)(u % 100);
    u /= 100;
    p -= 2;
    memcpy(p, pairs + 2 * r, 2);
    min -= 2;
  }
  if (u >= 10) {
    p -= 2;
    memcpy(p, pairs + 2 * u, 2);
    min -= 2;
  } else {
    *--p = (char)('0' + u);
    min -= 1;
  }
  while (min-- > 0) *--p = '0';
  return p;
}

/* u / 10^d with d decimals, negative when neg (and u > 0). */
static size_t put_units(char *out, bool neg, unsigned long long u, int d) {
  char tmp[48];
  char *end = tmp + sizeof tmp;
  /* at least d + 1 digits: "0.05" */
  char *p = digits(end, u, d + 1);
  size_t nd = (size_t)(end - p), k = 0;
  if (neg && u) out[k++] = '-';
  size_t ip = nd - (size_t)d;
  memcpy(out + k, p, ip);
  k += ip;
  if (d) {
    out[k++] = '.';
    memcpy(out + k, p + ip, (size_t)d);
    k += (size_t)d;
  }
  out[k] = '\0';
  return k;
}

size_t kw_num_scaled(char *out, int64_t units, int decimals) {
  bool neg = units < 0;
  unsigned long long u = neg ? (unsigned long long)(-(units + 1)) + 1
                             : (unsigned long long)units;
  return put_units(out, neg, u, decimals < 0 ? 0 : decimals > 18 ? 18
                                                                   : decimals);
}

size_t kw_num_fixed(char *out, double v, int decimals) {
  if (!isfinite(v)) {
    out[0] = '\0';
    return 0;
  }
  static const double scales[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  if (decimals >= 0 && decimals <= 6 && fabs(v) < 1e12) {
    long long r = llround(v * scales[decimals]);
    bool neg = r < 0;
    unsigned long long u = neg ? (unsigned long long)(-r)
                               : (unsigned long long)r;
    return put_units(out, neg, u, decimals);
  }
  /* beyond: printf, rounded first as before */
  double scale = pow(10, decimals);
  double r = round(v * scale) / scale;
  if (r == 0) r = 0; /* no -0 */
  int n = snprintf(out, 48, "%.*f", decimals, r);
  for (char *p = out; *p; p++)
    if (*p == ',') *p = '.';
  return n < 0 ? 0 : (size_t)n < 48 ? (size_t)n : 47;
}

size_t kw_num_date(char *out, int32_t day) {
  if (day == KW_NA_DATE) {
    out[0] = '\0';
    return 0;
  }
  int y, m, d;
  kw_date_to_ymd(day, &y, &m, &d);
  if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;
  memcpy(out, pairs + 2 * (y / 100), 2);
  memcpy(out + 2, pairs + 2 * (y % 100), 2);
  out[4] = '-';
  memcpy(out + 5, pairs + 2 * m, 2);
  out[7] = '-';
  memcpy(out + 8, pairs + 2 * d, 2);
  out[10] = '\0';
  return 10;
}
