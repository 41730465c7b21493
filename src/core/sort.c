/*
 * sort.c — linear-time sorting of 64-bit keys (see sort.h).
 */
#include "core/sort.h"

#include <string.h>

kw_status kw_sort_u64(kw_context *ctx, uint64_t *a, size_t n) {
  if (n < 2) return KW_OK;
  size_t (*hist)[256] = kw_calloc(ctx, 8, sizeof *hist);
  uint64_t *tmp = kw_malloc(ctx, n * sizeof *tmp);
  if (!hist || !tmp) {
    kw_free(ctx, hist);
    kw_free(ctx, tmp);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++) {
    uint64_t x = a[i];
    for (int b = 0; b < 8; b++) hist[b][(x >> (8 * b)) & 0xFF]++;
  }
  uint64_t *src = a, *dst = tmp;
  for (int b = 0; b < 8; b++) {
    size_t *h = hist[b];
    if (h[(src[0] >> (8 * b)) & 0xFF] == n) continue; /* one value */
    size_t sum = 0;
    for (int k = 0; k < 256; k++) {
      size_t c = h[k];
      h[k] = sum;
      sum += c;
    }
    for (size_t i = 0; i < n; i++) dst[h[(src[i] >> (8 * b)) & 0xFF]++] = src[i];
    uint64_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != a) memcpy(a, src, n * sizeof *a);
  kw_free(ctx, tmp);
  kw_free(ctx, hist);
  return KW_OK;
}
