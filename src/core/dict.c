/*
 * dict.c — string interning (see dict.h).
 *
 * Design: strings live in arena chunks of at least 64 KiB; an index array
 * maps id -> (offset pointer, length). The hash table holds uint32 ids in
 * slots with the low 32 hash bits kept beside them, so a probe only touches
 * the string on a likely match. Load factor stays below 1/2. The hash is a
 * simple multiply-mix over 8-byte words (wyhash-like), fast on short keys
 * such as customer numbers.
 */
#include "core/dict.h"

#include <string.h>

#define CHUNK_MIN (64u * 1024u)

typedef struct chunk {
  struct chunk *next;
  size_t used, cap;
  char data[];
} chunk;

typedef struct slot {
  uint32_t id; /* KW_NA_ID when empty */
  uint32_t h32;
} slot;

struct kw_dict {
  chunk *chunks;
  const char **str;
  uint32_t *len;
  size_t n, cap;
  slot *slots;
  size_t nslots; /* power of two */
  bool ids_only; /* kw_dict_drop_text: n ids, no strings, no slots */
};

static inline uint64_t mix(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t kw_hash_bytes(const void *p, size_t len) {
  const unsigned char *s = p;
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)len;
  while (len >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = mix(h ^ w, 0xBF58476D1CE4E5B9ull);
    s += 8;
    len -= 8;
  }
  uint64_t w = 0;
  memcpy(&w, s, len);
  h = mix(h ^ w ^ 0xA0761D6478BD642Full, 0x94D049BB133111EBull);
  return h;
}

kw_dict *kw_dict_new(kw_context *ctx) {
  kw_dict *d = kw_calloc(ctx, 1, sizeof *d);
  if (!d) return NULL;
  d->nslots = 64;
  d->slots = kw_malloc(ctx, d->nslots * sizeof *d->slots);
  if (!d->slots) {
    kw_free(ctx, d);
    return NULL;
  }
  for (size_t i = 0; i < d->nslots; i++) d->slots[i].id = KW_NA_ID;
  return d;
}

void kw_dict_free(kw_context *ctx, kw_dict *d) {
  if (!d) return;
  kw_dict_drop_text(ctx, d); /* the text and lookup; nothing once dropped */
  kw_free(ctx, d);
}

size_t kw_dict_size(const kw_dict *d) { return d ? d->n : 0; }

const char *kw_dict_str(const kw_dict *d, uint32_t id) {
  if (!d || id >= d->n || d->ids_only) return "";
  return d->str[id];
}

size_t kw_dict_len(const kw_dict *d, uint32_t id) {
  if (!d || id >= d->n || d->ids_only) return 0;
  return d->len[id];
}

size_t kw_dict_export(const kw_dict *d, char *buf, size_t cap) {
  if (!d) return 0;
  size_t need = 0;
  for (size_t i = 0; i < d->n; i++) need += kw_dict_len(d, (uint32_t)i) + 1;
  if (need > cap || !buf) return need;
  char *p = buf;
  for (size_t i = 0; i < d->n; i++) {
    size_t len = kw_dict_len(d, (uint32_t)i);
    memcpy(p, kw_dict_str(d, (uint32_t)i), len);
    p += len;
    *p++ = '\0';
  }
  return need;
}

void kw_dict_drop_text(kw_context *ctx, kw_dict *d) {
  if (!d || d->ids_only) return;
  chunk *c = d->chunks;
  while (c) {
    chunk *next = c->next;
    kw_free(ctx, c);
    c = next;
  }
  kw_free(ctx, d->str);
  kw_free(ctx, d->len);
  kw_free(ctx, d->slots);
  d->chunks = NULL;
  d->str = NULL;
  d->len = NULL;
  d->slots = NULL;
  d->cap = d->nslots = 0;
  d->ids_only = true;
}

bool kw_dict_ids_only(const kw_dict *d) { return d && d->ids_only; }

/* The slots moved into a table of ns slots (a power of two above n);
 * false when out of memory (nothing changed). */
static bool rehash(kw_context *ctx, kw_dict *d, size_t ns) {
  slot *s = kw_malloc(ctx, ns * sizeof *s);
  if (!s) return false;
  for (size_t i = 0; i < ns; i++) s[i].id = KW_NA_ID;
  for (size_t i = 0; i < d->nslots; i++) {
    if (d->slots[i].id == KW_NA_ID) continue;
    /* the slot keeps the low 32 hash bits, which are all the index needs
       while the table has at most 2^32 slots; past that, hash again */
    size_t j;
    if (ns <= ((size_t)1 << 32)) {
      j = (size_t)d->slots[i].h32 & (ns - 1);
    } else {
      uint32_t id = d->slots[i].id;
      j = (size_t)kw_hash_bytes(d->str[id], d->len[id]) & (ns - 1);
    }
    while (s[j].id != KW_NA_ID) j = (j + 1) & (ns - 1);
    s[j] = d->slots[i];
  }
  kw_free(ctx, d->slots);
  d->slots = s;
  d->nslots = ns;
  return true;
}

static kw_status grow_slots(kw_context *ctx, kw_dict *d) {
  return rehash(ctx, d, d->nslots * 2) ? KW_OK : kw_fail_nomem(ctx);
}

void kw_dict_compact(kw_context *ctx, kw_dict *d) {
  if (!d || d->ids_only) return;
  if (d->cap > d->n && d->n > 0) {
    const char **ns = kw_realloc(ctx, d->str, d->n * sizeof *ns);
    if (ns) d->str = ns;
    uint32_t *nl = kw_realloc(ctx, d->len, d->n * sizeof *nl);
    if (nl) d->len = nl;
    /* either array cut holds n now (one not cut is larger, which is
     * fine); neither cut: nothing changed */
    if (ns || nl) d->cap = d->n;
  }
  /* the fewest slots that keep the table at most 3/4 full */
  size_t ns = 64;
  while (ns < (size_t)-1 / 8 && d->n * 4 > ns * 3) ns *= 2;
  if (ns < d->nslots) rehash(ctx, d, ns);
}

static char *arena_copy(kw_context *ctx, kw_dict *d, const char *s,
                        size_t len) {
  chunk *c = d->chunks;
  if (!c || c->cap - c->used < len + 1) {
    size_t cap = len + 1 > CHUNK_MIN ? len + 1 : CHUNK_MIN;
    chunk *nc = kw_malloc(ctx, sizeof *nc + cap);
    if (!nc) return NULL;
    nc->used = 0;
    nc->cap = cap;
    /* a big one-off string gets its own chunk behind the current one */
    if (c && cap > CHUNK_MIN) {
      nc->next = c->next;
      c->next = nc;
    } else {
      nc->next = c;
      d->chunks = nc;
    }
    c = nc;
  }
  char *p = c->data + c->used;
  memcpy(p, s, len);
  p[len] = '\0';
  c->used += len + 1;
  return p;
}

static size_t probe(const kw_dict *d, const char *s, size_t len, uint64_t h,
                    bool *found) {
  uint32_t h32 = (uint32_t)h;
  size_t j = (size_t)h & (d->nslots - 1);
  for (;;) {
    const slot *sl = &d->slots[j];
    if (sl->id == KW_NA_ID) {
      *found = false;
      return j;
    }
    if (sl->h32 == h32 && d->len[sl->id] == len &&
        memcmp(d->str[sl->id], s, len) == 0) {
      *found = true;
      return j;
    }
    j = (j + 1) & (d->nslots - 1);
  }
}

uint32_t kw_dict_find(const kw_dict *d, const char *s, size_t len) {
  if (d->ids_only) return KW_NA_ID;
  bool found;
  size_t j = probe(d, s, len, kw_hash_bytes(s, len), &found);
  return found ? d->slots[j].id : KW_NA_ID;
}

void kw_dict_prefetch(const kw_dict *d, uint64_t hash) {
#if defined(__GNUC__)
  if (d->ids_only) return;
  __builtin_prefetch(&d->slots[(size_t)hash & (d->nslots - 1)]);
#else
  (void)d;
  (void)hash;
#endif
}

void kw_dict_prefetch_stage(const kw_dict *d, uint64_t hash, int stage) {
#if defined(__GNUC__)
  if (d->ids_only) return;
  const slot *sl = &d->slots[(size_t)hash & (d->nslots - 1)];
  if (stage == 0) {
    __builtin_prefetch(sl);
    return;
  }
  /* the slot was asked for earlier; only its first candidate is
   * followed (the table is at most half full) */
  uint32_t id = sl->id;
  if (id == KW_NA_ID || sl->h32 != (uint32_t)hash) return;
  if (stage == 1) {
    __builtin_prefetch(&d->str[id]);
    __builtin_prefetch(&d->len[id]);
  } else {
    __builtin_prefetch(d->str[id]);
  }
#else
  (void)d;
  (void)hash;
  (void)stage;
#endif
}

kw_status kw_dict_intern(kw_context *ctx, kw_dict *d, const char *s,
                         size_t len, uint32_t *id, bool *added) {
  return kw_dict_intern_hashed(ctx, d, s, len, kw_hash_bytes(s, len), id,
                               added);
}

kw_status kw_dict_intern_hashed(kw_context *ctx, kw_dict *d, const char *s,
                                size_t len, uint64_t h, uint32_t *id,
                                bool *added) {
  if (d->ids_only)
    return kw_fail(ctx, KW_EARG,
                   "internal: a dictionary of ids only takes no strings");
  bool found;
  size_t j = probe(d, s, len, h, &found);
  if (found) {
    *id = d->slots[j].id;
    if (added) *added = false;
    return KW_OK;
  }
  if (d->n >= (size_t)KW_NA_ID - 1 || len > UINT32_MAX)
    return kw_fail(ctx, KW_ERANGE, "too many distinct values");
  if (d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 256;
    const char **ns = kw_realloc(ctx, d->str, cap * sizeof *ns);
    if (!ns) return kw_fail_nomem(ctx);
    d->str = ns;
    uint32_t *nl = kw_realloc(ctx, d->len, cap * sizeof *nl);
    if (!nl) return kw_fail_nomem(ctx);
    d->len = nl;
    d->cap = cap;
  }
  char *copy = arena_copy(ctx, d, s, len);
  if (!copy) return kw_fail_nomem(ctx);
  uint32_t nid = (uint32_t)d->n++;
  d->str[nid] = copy;
  d->len[nid] = (uint32_t)len;
  d->slots[j].id = nid;
  d->slots[j].h32 = (uint32_t)h;
  if (d->n * 2 > d->nslots) {
    kw_status st = grow_slots(ctx, d);
    if (st) return st;
  }
  *id = nid;
  if (added) *added = true;
  return KW_OK;
}
