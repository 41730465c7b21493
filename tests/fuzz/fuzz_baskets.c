/*
 * Fuzz target: the basket-file reader (kw_baskets_parse, the code path of
 * kw_baskets_read). The first three bytes choose the options: the item
 * separator (detect, ',', ';', tab, '|', ' '), the room of the read buffer
 * beyond the longest line (1..64 bytes) and the longest line accepted
 * (1..255 bytes, or the 1 MiB default); the rest is the text. Invariants:
 *   - a basket set holds at least one basket, lines_used baskets, and
 *     lines_read = lines_used + lines_blank; a detected separator is ',',
 *     ';' or tab;
 *   - every basket is non-empty, its items strictly ascending and below
 *     n_items; item_count[i] is the number of baskets holding i, at least 1;
 *   - item names are non-empty, hold no separator, line end or NUL, start
 *     and end with no blank, are strictly ascending in byte order and are
 *     found again by kw_baskets_find_item;
 *   - the separator detected is the documented one, and giving it
 *     explicitly changes nothing;
 *   - reading the same text through a small buffer (lines and CRLF pairs
 *     split between reads) gives the same status, message or basket set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "klantwijs.h"
#include "models/basket/basket_internal.h"

#define CHECK(c) \
  do {           \
    if (!(c)) abort(); \
  } while (0)

static void check_set(const kw_baskets *b, char given) {
  const kw_basket_view *v = kw_baskets_view(b);
  CHECK(v->n_baskets >= 1 && v->n_baskets == v->lines_used);
  CHECK(v->lines_read == v->lines_used + v->lines_blank);
  char d = v->delimiter;
  if (given)
    CHECK(d == given);
  else
    CHECK(d == ',' || d == ';' || d == '\t');
  CHECK(v->offsets[0] == 0);
  uint32_t *seen = calloc(v->n_items ? v->n_items : 1, sizeof *seen);
  CHECK(seen);
  for (size_t k = 0; k < v->n_baskets; k++) {
    size_t lo = v->offsets[k], hi = v->offsets[k + 1];
    CHECK(hi > lo);
    for (size_t j = lo; j < hi; j++) {
      CHECK(v->items[j] < v->n_items);
      if (j > lo) CHECK(v->items[j] > v->items[j - 1]);
      seen[v->items[j]]++;
    }
  }
  const char *prev = NULL;
  for (size_t i = 0; i < v->n_items; i++) {
    CHECK(seen[i] == v->item_count[i] && seen[i] >= 1);
    const char *s = kw_baskets_item_name(b, (uint32_t)i);
    size_t n = strlen(s);
    CHECK(n > 0);
    CHECK(s[0] != ' ' && s[0] != '\t' && s[n - 1] != ' ' && s[n - 1] != '\t');
    CHECK(!strchr(s, d) && !strchr(s, '\n') && !strchr(s, '\r'));
    if (prev) CHECK(strcmp(prev, s) < 0);
    prev = s;
    CHECK(kw_baskets_find_item(b, s) == (uint32_t)i);
  }
  free(seen);
}

static void check_same(const kw_baskets *x, const kw_baskets *y) {
  const kw_basket_view *a = kw_baskets_view(x), *b = kw_baskets_view(y);
  CHECK(a->n_baskets == b->n_baskets && a->n_items == b->n_items);
  CHECK(a->lines_read == b->lines_read && a->lines_blank == b->lines_blank);
  CHECK(memcmp(a->offsets, b->offsets,
               (a->n_baskets + 1) * sizeof *a->offsets) == 0);
  CHECK(memcmp(a->items, b->items,
               a->offsets[a->n_baskets] * sizeof *a->items) == 0);
  for (size_t i = 0; i < a->n_items; i++)
    CHECK(strcmp(kw_baskets_item_name(x, (uint32_t)i),
                 kw_baskets_item_name(y, (uint32_t)i)) == 0);
}

/* The documented detection: the most frequent of ',', ';' and tab in the
 * first 64 KiB after a byte order mark; ',' when none beats it, ';' over
 * tab on a tie between those two. */
static char detected(const char *p, size_t n) {
  if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3, n -= 3;
  if (n > 65536) n = 65536;
  size_t comma = 0, semi = 0, tab = 0;
  for (size_t i = 0; i < n; i++) {
    comma += p[i] == ',';
    semi += p[i] == ';';
    tab += p[i] == '\t';
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char delims[6] = {0, ',', ';', '\t', '|', ' '};
  if (size < 3) return 0;
  kw_basket_read_options o;
  kw_basket_read_options_init(&o);
  o.delimiter = delims[data[0] % 6];
  size_t chunk = (size_t)(data[1] % 64) + 1;
  o.max_line = data[2]; /* 0: the default */
  const char *text = (const char *)data + 3;
  size_t len = size - 3;

  kw_context *ctx = kw_context_new();
  if (!ctx) return 0;
  kw_baskets *b = NULL, *w = NULL, *c = NULL;
  kw_status st = kw_baskets_parse(ctx, text, len, "f", &o, &b);
  CHECK((st == KW_OK) == (b != NULL));
  if (st == KW_OK) check_set(b, o.delimiter);
  else CHECK(st == KW_EINPUT || st == KW_EEMPTY || st == KW_ERANGE);

  /* the same separator, read whole and through a small buffer */
  kw_basket_read_options f = o;
  if (!f.delimiter) f.delimiter = detected(text, len);
  if (b) CHECK(kw_baskets_view(b)->delimiter == f.delimiter);
  kw_status sw = kw_baskets_parse(ctx, text, len, "f", &f, &w);
  char msg[512];
  strncpy(msg, kw_errmsg(ctx), sizeof msg - 1);
  msg[sizeof msg - 1] = '\0';
  CHECK(sw == st);
  kw_status sc = kw_baskets_parse_chunked(ctx, text, len, "f", &f, chunk, &c);
  CHECK(sc == sw);
  if (sw == KW_OK) {
    check_set(w, f.delimiter);
    check_same(w, c);
    if (b) check_same(b, w);
  } else {
    CHECK(strcmp(msg, kw_errmsg(ctx)) == 0);
  }
  kw_baskets_free(b);
  kw_baskets_free(w);
  kw_baskets_free(c);
  kw_context_free(ctx);
  return 0;
}
