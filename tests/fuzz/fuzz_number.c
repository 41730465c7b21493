/*
 * Fuzz target: kw_parse_amount and kw_parse_number under each mark (0, '.',
 * ','), checking the invariants that tie the three readings together:
 *   - a cell accepted under a mark is accepted with mark 0, and its value
 *     under that mark is the mark-0 value or, for an ambiguous cell, the
 *     other reading (*cents is the thousands reading, *alt the decimal one);
 *   - conversely a cell accepted with mark 0 is accepted under the mark its
 *     evidence names (both marks when NONE or AMBIGUOUS), same value;
 *   - a cell without ',' accepted under '.' has the mark-0 value, or the
 *     alt value when ambiguous (and symmetrically for '.' and ',');
 *   - under a mark, *alt equals *cents; outside AMBIGUOUS, *alt = *cents;
 *   - evidence does not depend on the mark;
 *   - an amount and a number read from the same cell agree to half a cent;
 *   - no number is NaN or infinite.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"

#define CHECK(c) \
  do {           \
    if (!(c)) abort(); \
  } while (0)

static const char marks[3] = {0, '.', ','};

static void check_amount(const char *s, size_t n) {
  bool ok[3];
  int64_t v[3], a[3];
  kw_mark_evidence ev[3];
  for (int k = 0; k < 3; k++) {
    ok[k] = kw_parse_amount(s, n, marks[k], &v[k], &a[k], &ev[k]);
    if (ok[k] && k > 0) CHECK(a[k] == v[k]);
  }
  if (ok[0] && ev[0] != KW_MARK_AMBIGUOUS) CHECK(a[0] == v[0]);
  for (int k = 1; k < 3; k++) {
    if (!ok[k]) continue;
    CHECK(ok[0]);
    CHECK(ev[k] == ev[0]);
    CHECK(v[k] == v[0] || (ev[0] == KW_MARK_AMBIGUOUS && v[k] == a[0]));
  }
  if (ok[0]) {
    switch (ev[0]) {
    case KW_MARK_NONE:
      CHECK(ok[1] && ok[2] && v[1] == v[0] && v[2] == v[0]);
      break;
    case KW_MARK_DOT:
      CHECK(ok[1] && v[1] == v[0] && !ok[2]);
      break;
    case KW_MARK_COMMA:
      CHECK(ok[2] && v[2] == v[0] && !ok[1]);
      break;
    case KW_MARK_AMBIGUOUS:
      CHECK(ok[1] && ok[2] && a[0] != v[0]);
      CHECK((v[1] == v[0] && v[2] == a[0]) || (v[2] == v[0] && v[1] == a[0]));
      break;
    }
  }
  bool has_comma = memchr(s, ',', n) != NULL;
  bool has_dot = memchr(s, '.', n) != NULL;
  if (ok[1] && !has_comma)
    CHECK(v[1] == (ev[0] == KW_MARK_AMBIGUOUS ? a[0] : v[0]));
  if (ok[2] && !has_dot)
    CHECK(v[2] == (ev[0] == KW_MARK_AMBIGUOUS ? a[0] : v[0]));

  /* the number reading agrees with the amount to half a cent */
  for (int k = 0; k < 3; k++) {
    double x, xa;
    kw_mark_evidence e;
    bool okn = kw_parse_number(s, n, marks[k], &x, &xa, &e);
    if (okn) CHECK(isfinite(x) && isfinite(xa));
    if (!ok[k]) continue;
    CHECK(okn && e == ev[k]);
    if (fabs(x) < 1e12) {
      double d = fabs(x * 100.0 - (double)v[k]);
      CHECK(d <= 0.5 + 1e-9 + fabs(x) * 1e-13);
      d = fabs(xa * 100.0 - (double)a[k]);
      CHECK(d <= 0.5 + 1e-9 + fabs(xa) * 1e-13);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* copy so that reading past n is caught by AddressSanitizer */
  char *s = malloc(size ? size : 1);
  if (!s) return 0;
  memcpy(s, data, size);
  check_amount(s, size);
  free(s);
  return 0;
}
