/*
 * write_util.c — helpers of the result writers (see write_util.h).
 */
#define _GNU_SOURCE /* qsort_r */
#include "report/write_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void *kw_wu_calloc(size_t n, size_t size) { return calloc(n ? n : 1, size); }

double kw_wu_round(double v, int decimals) {
  if (!isfinite(v) || v == 0) return v;
  double s = 1;
  for (int i = 0; i < decimals; i++) s *= 10;
  double r = round(v * s) / s;
  return r == 0 ? 0 : r; /* no -0 */
}

char *kw_wu_pct(char *buf, double frac, int decimals, kw_lang lang) {
  kw_fmt_number(buf, frac * 100.0, decimals, lang);
  strcat(buf, "%");
  return buf;
}

typedef struct sort_keys {
  const int64_t *key, *key2;
} sort_keys;

static int by_key_desc(const void *a, const void *b, void *arg) {
  const sort_keys *k = arg;
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  if (k->key[i] != k->key[j]) return k->key[i] < k->key[j] ? 1 : -1;
  if (k->key2 && k->key2[i] != k->key2[j])
    return k->key2[i] < k->key2[j] ? 1 : -1;
  return (i > j) - (i < j);
}

void kw_wu_sort_desc(uint32_t *ids, size_t n, const int64_t *key,
                     const int64_t *key2) {
  sort_keys k = {key, key2};
  if (n > 1) qsort_r(ids, n, sizeof *ids, by_key_desc, &k);
}
