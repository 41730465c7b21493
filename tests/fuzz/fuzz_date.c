/*
 * Fuzz target: kw_parse_date under each order. Invariants:
 *   - a parsed date converts back (kw_date_to_ymd) to a valid calendar date
 *     with a year in 1900..2200, and so does the alternative reading;
 *   - evidence does not depend on the order;
 *   - a cell accepted under DMY or MDY is accepted with UNKNOWN; under a
 *     decided order *alt = *days, and outside AMBIGUOUS *alt = *days;
 *   - for an ambiguous cell the UNKNOWN readings are the DMY and the MDY
 *     values, and they differ.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"

#define CHECK(c) \
  do {           \
    if (!(c)) abort(); \
  } while (0)

static void check_valid(int32_t days) {
  static const int mdays[12] = {31, 29, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
  int y, m, d;
  kw_date_to_ymd(days, &y, &m, &d);
  CHECK(y >= 1900 && y <= 2200);
  CHECK(m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1]);
  CHECK(kw_date_from_ymd(y, m, d) == days);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = malloc(size ? size : 1);
  if (!s) return 0;
  memcpy(s, data, size);
  static const kw_date_order orders[4] = {KW_DATE_ORDER_UNKNOWN, KW_DATE_DMY,
                                          KW_DATE_MDY, KW_DATE_YMD};
  bool ok[4];
  int32_t v[4], a[4];
  kw_date_evidence ev[4];
  for (int k = 0; k < 4; k++) {
    ok[k] = kw_parse_date(s, size, orders[k], &v[k], &a[k], &ev[k]);
    if (!ok[k]) continue;
    check_valid(v[k]);
    check_valid(a[k]);
    if (k == 1 || k == 2) CHECK(a[k] == v[k]);
    if (ev[k] != KW_DATEV_AMBIGUOUS) CHECK(a[k] == v[k]);
  }
  for (int k = 1; k < 4; k++) {
    if (!ok[k]) continue;
    CHECK(ok[0] && ev[k] == ev[0]);
  }
  /* YMD decides nothing for day/month cells: same as UNKNOWN */
  CHECK(ok[3] == ok[0]);
  if (ok[0]) CHECK(v[3] == v[0] && a[3] == a[0]);
  if (ok[0] && ev[0] == KW_DATEV_AMBIGUOUS) {
    CHECK(ok[1] && ok[2] && v[1] == v[0] && v[2] == a[0] && a[0] != v[0]);
  }
  if (ok[0] && ev[0] == KW_DATEV_NONE) CHECK(ok[1] && ok[2]);
  if (ok[0] && ev[0] == KW_DATEV_DMY) CHECK(ok[1] && !ok[2] && v[1] == v[0]);
  if (ok[0] && ev[0] == KW_DATEV_MDY) CHECK(ok[2] && !ok[1] && v[2] == v[0]);
  free(s);
  return 0;
}
