/*
 * test_numfmt.c — the integer formatters of customers.csv and summary.json
 * (src/report/numfmt.c) against the straightforward ones on millions of
 * random values: the old digits-by-llround path (snprintf "%lld" with the
 * decimal point put in), printf's own "%.*f" wherever the scaled value is
 * not a rounding tie, the cents path against the double path, and
 * kw_date_format for every day from year 0 to 9999 and beyond.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "klantwijs/data.h"
#include "report/numfmt.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static double unit(void) { return (double)(next() >> 11) * 0x1p-53; }

static const double scales[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

/* The reference: the scaled value rounded half away from zero (llround),
 * printed by snprintf, the decimal point put in; printf beyond. */
static void reference(char *out, double v, int d) {
  if (!isfinite(v)) {
    out[0] = '\0';
    return;
  }
  if (d >= 0 && d <= 6 && fabs(v) < 1e12) {
    long long r = llround(v * scales[d]);
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%lld", r < 0 ? -r : r);
    size_t n = strlen(tmp);
    char pad[48];
    size_t need = (size_t)d + 1;
    size_t z = n < need ? need - n : 0;
    memset(pad, '0', z);
    memcpy(pad + z, tmp, n + 1);
    n += z;
    size_t k = 0;
    if (r < 0) out[k++] = '-';
    memcpy(out + k, pad, n - (size_t)d);
    k += n - (size_t)d;
    if (d) {
      out[k++] = '.';
      memcpy(out + k, pad + n - (size_t)d, (size_t)d);
      k += (size_t)d;
    }
    out[k] = '\0';
    return;
  }
  double s = pow(10, d), r = round(v * s) / s;
  if (r == 0) r = 0;
  snprintf(out, 48, "%.*f", d, r);
}

static double random_value(void) {
  int kind = (int)(next() % 8);
  double sign = (next() & 1) ? -1.0 : 1.0;
  int d = (int)(next() % 7);
  switch (kind) {
    case 0: return sign * unit();                          /* 0..1 */
    case 1: return sign * unit() * 1e4;                    /* amounts */
    case 2: return sign * ldexp(unit(), (int)(next() % 80) - 30); /* any */
    case 3: /* exact ties k + 0.5 at d decimals */
      return sign * ((double)(next() % 10000000) + 0.5) / scales[d];
    case 4: { /* next to a tie */
      double t = sign * ((double)(next() % 1000000) + 0.5) / scales[d];
      return (next() & 1) ? nextafter(t, INFINITY) : nextafter(t, -INFINITY);
    }
    case 5: /* cents */
      return sign * (double)(next() % 100000000000ull) / 100.0;
    case 6: return sign * unit() * 2e12;                   /* past 1e12 */
    default: return sign * (double)(next() % 1000);        /* integers */
  }
}

static void fixed_matches_reference(void **state) {
  (void)state;
  char got[48], want[48];
  size_t n = 0;
  for (long i = 0; i < 4000000; i++) {
    double v = random_value();
    int d = (int)(next() % 7);
    size_t len = kw_num_fixed(got, v, d);
    reference(want, v, d);
    if (strcmp(got, want) != 0 || len != strlen(want)) {
      print_error("v=%.17g d=%d got %s want %s\n", v, d, got, want);
      fail();
    }
    n++;
  }
  /* the specials */
  double sp[] = {0.0, -0.0, NAN, INFINITY, -INFINITY, 1e12, -1e12,
                 nextafter(1e12, 0), 0.5, -0.5, 0.005, -0.005, 2.675,
                 DBL_MAX, -DBL_MAX, DBL_MIN, 9.9999995, -9.9999995};
  for (size_t k = 0; k < sizeof sp / sizeof *sp; k++)
    for (int d = 0; d <= 8; d++) {
      kw_num_fixed(got, sp[k], d);
      reference(want, sp[k], d);
      assert_string_equal(got, want);
    }
  assert_true(n == 4000000);
}

/* Away from rounding ties the digits are printf's own "%.*f". */
static void fixed_matches_printf(void **state) {
  (void)state;
  char got[48], want[64];
  long compared = 0;
  for (long i = 0; i < 3000000; i++) {
    double v = random_value();
    int d = (int)(next() % 7);
    double sv = v * scales[d];
    if (!(fabs(v) < 1e12) || fabs(sv) > 0x1p52) continue;
    double frac = fabs(sv - trunc(sv));
    if (fabs(frac - 0.5) < 1e-6) continue; /* a tie: see below */
    kw_num_fixed(got, v, d);
    snprintf(want, sizeof want, "%.*f", d, v);
    /* printf writes "-0.00" for a small negative; the writers never */
    if (want[0] == '-' && strspn(want + 1, "0.") == strlen(want + 1))
      memmove(want, want + 1, strlen(want));
    if (strcmp(got, want) != 0) {
      print_error("v=%.17g d=%d got %s printf %s\n", v, d, got, want);
      fail();
    }
    compared++;
  }
  assert_true(compared > 1000000);
  /* at an exact tie the writers round half away from zero, as people do,
     where printf rounds the binary value half to even: 0.125 -> 0.13 */
  kw_num_fixed(got, 0.125, 2);
  assert_string_equal(got, "0.13");
  kw_num_fixed(got, -0.125, 2);
  assert_string_equal(got, "-0.13");
  kw_num_fixed(got, 2.5, 0);
  assert_string_equal(got, "3");
}

/* From cents: the digits of the double path below 1e12 units. */
static void scaled_matches_fixed(void **state) {
  (void)state;
  char a[48], b[48];
  for (long i = 0; i < 3000000; i++) {
    int64_t c = (int64_t)(next() % 100000000000000ull);
    if (next() & 1) c = -c;
    if (i % 4 == 0) c %= 100000; /* small amounts often */
    kw_num_scaled(a, c, 2);
    kw_num_fixed(b, (double)c / 100.0, 2);
    if (strcmp(a, b) != 0) {
      print_error("cents=%lld scaled %s fixed %s\n", (long long)c, a, b);
      fail();
    }
  }
  kw_num_scaled(a, INT64_MIN, 2);
  assert_string_equal(a, "-92233720368547758.08");
  kw_num_scaled(a, INT64_MAX, 0);
  assert_string_equal(a, "9223372036854775807");
  kw_num_scaled(a, -5, 2);
  assert_string_equal(a, "-0.05");
  kw_num_scaled(a, 0, 2);
  assert_string_equal(a, "0.00");
}

static void date_matches_format(void **state) {
  (void)state;
  char got[16], want[16];
  for (int32_t day = -800000; day <= 3000000; day++) {
    size_t n = kw_num_date(got, day);
    kw_date_format(want, day, 0);
    if (strcmp(got, want) != 0 || n != strlen(want)) {
      print_error("day %d: %s vs %s\n", (int)day, got, want);
      fail();
    }
  }
  assert_int_equal(kw_num_date(got, KW_NA_DATE), 0);
  assert_string_equal(got, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fixed_matches_reference),
      cmocka_unit_test(fixed_matches_printf),
      cmocka_unit_test(scaled_matches_fixed),
      cmocka_unit_test(date_matches_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
