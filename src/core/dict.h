/*
 * dict.h — string interning: maps byte strings to dense ids 0..n-1.
 *
 * Strings are copied into large arena chunks (no per-string malloc) and
 * NUL-terminated; an open-addressing table of (hash, id) pairs finds them.
 * Ids are stable for the life of the dictionary, so every table that names
 * customers or products shares one dictionary and joins on the id.
 */
#ifndef KW_DICT_INTERNAL_H
#define KW_DICT_INTERNAL_H

#include "core/core.h"
#include "klantwijs/data.h"

kw_dict *kw_dict_new(kw_context *ctx);
void kw_dict_free(kw_context *ctx, kw_dict *d);

/* The id of s[0..len), added when new. *added (may be NULL) tells which. */
kw_status kw_dict_intern(kw_context *ctx, kw_dict *d, const char *s,
                         size_t len, uint32_t *id, bool *added);
/* kw_dict_intern with hash = kw_hash_bytes(s, len) computed by the caller,
 * who may have called kw_dict_prefetch(d, hash) a little earlier: readers
 * interning a batch of cells overlap the cache misses of their lookups. */
kw_status kw_dict_intern_hashed(kw_context *ctx, kw_dict *d, const char *s,
                                size_t len, uint64_t hash, uint32_t *id,
                                bool *added);
/* Start loading the slot a string of this hash is looked up in first. */
void kw_dict_prefetch(const kw_dict *d, uint64_t hash);
/* The same in three stages, each some lookups after the one before: 0 the
 * slot, 1 (the slot now loaded) the string pointer and length of the id it
 * holds when its hash bits match, 2 (those loaded) the string's bytes. A
 * lookup then finds all three in cache. */
void kw_dict_prefetch_stage(const kw_dict *d, uint64_t hash, int stage);

/* Give back what growing left spare, once no more strings are expected:
 * the id arrays cut to the strings held, the hash table to the fewest
 * slots that keep it at most 3/4 full (interning keeps it at most half
 * full, so the first string added after grows it back). Ids, strings and
 * lookups are unchanged; on failure to allocate nothing changes. */
void kw_dict_compact(kw_context *ctx, kw_dict *d);

/* Drop the strings and the hash table, keeping the ids: for columns whose
 * ids only group rows (invoice numbers under
 * kw_load_options.invoice_ids_only). kw_dict_size is unchanged; every id's
 * string is then "" (length 0), kw_dict_find finds nothing and interning
 * fails with KW_EARG. */
void kw_dict_drop_text(kw_context *ctx, kw_dict *d);
bool kw_dict_ids_only(const kw_dict *d);

/* The id of s[0..len) or KW_NA_ID when absent. */
uint32_t kw_dict_find(const kw_dict *d, const char *s, size_t len);

/* 64-bit hash of a byte string (used by the dictionary, exposed for tests). */
uint64_t kw_hash_bytes(const void *p, size_t len);

#endif
