/* Unit tests: context, status messages, dictionary, dates. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/sort.h"

#include "failing_alloc.h"

#include "core/core.h"
#include "core/dict.h"
#include "klantwijs.h"

static void test_version(void **state) {
  (void)state;
  assert_string_equal(kw_version(), KW_VERSION_STRING);
  assert_string_equal(kw_status_str(KW_OK), "ok");
  assert_string_equal(kw_status_str(KW_ENOMEM), "out of memory");
  assert_int_equal(KW_EINPUT, 3); /* codes are ABI: never renumbered */
}

static void test_dates(void **state) {
  (void)state;
  assert_int_equal(kw_date_from_ymd(1970, 1, 1), 0);
  assert_int_equal(kw_date_from_ymd(1970, 1, 2), 1);
  assert_int_equal(kw_date_from_ymd(1969, 12, 31), -1);
  /* 2000-03-01: 30 years incl. 7 leap days (72..96) + Jan + Feb 29 days */
  assert_int_equal(kw_date_from_ymd(2000, 3, 1), 30 * 365 + 7 + 31 + 29);
  assert_int_equal(kw_date_from_ymd(1997, 9, 30) - kw_date_from_ymd(1997, 1, 1),
                   272);
  for (int32_t d = -800000; d < 800000; d += 37) {
    int y, m, dd;
    kw_date_to_ymd(d, &y, &m, &dd);
    assert_int_equal(kw_date_from_ymd(y, m, dd), d);
  }
  char buf[11];
  assert_string_equal(kw_date_format(buf, kw_date_from_ymd(2024, 3, 1), 0),
                      "2024-03-01");
  assert_string_equal(kw_date_format(buf, kw_date_from_ymd(2024, 3, 1), 1),
                      "01-03-2024");
  assert_string_equal(kw_date_format(buf, KW_NA_DATE, 0), "");
}

static void test_dict(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dict *d = kw_dict_new(ctx);
  char key[32];
  for (int i = 0; i < 100000; i++) {
    int n = snprintf(key, sizeof key, "K%d", i);
    uint32_t id;
    bool added;
    assert_int_equal(kw_dict_intern(ctx, d, key, (size_t)n, &id, &added),
                     KW_OK);
    assert_true(added);
    assert_int_equal(id, (uint32_t)i);
  }
  for (int i = 0; i < 100000; i += 7) {
    int n = snprintf(key, sizeof key, "K%d", i);
    uint32_t id;
    bool added;
    assert_int_equal(kw_dict_intern(ctx, d, key, (size_t)n, &id, &added),
                     KW_OK);
    assert_false(added);
    assert_int_equal(id, (uint32_t)i);
    assert_string_equal(kw_dict_str(d, id), key);
  }
  assert_int_equal(kw_dict_size(d), 100000);
  assert_int_equal(kw_dict_find(d, "nope", 4), KW_NA_ID);
  /* the empty string and embedded NULs are ordinary keys */
  uint32_t e, z;
  assert_int_equal(kw_dict_intern(ctx, d, "", 0, &e, NULL), KW_OK);
  assert_int_equal(kw_dict_intern(ctx, d, "a\0b", 3, &z, NULL), KW_OK);
  assert_int_not_equal(e, z);
  assert_int_equal(kw_dict_len(d, z), 3);
  /* a string longer than an arena chunk */
  static char big[200000];
  memset(big, 'x', sizeof big);
  uint32_t b;
  assert_int_equal(kw_dict_intern(ctx, d, big, sizeof big, &b, NULL), KW_OK);
  assert_int_equal(kw_dict_len(d, b), sizeof big);
  assert_int_equal(kw_dict_find(d, "K7", 2), 7);
  kw_dict_free(ctx, d);
  kw_dict_free(ctx, NULL);
  kw_context_free(ctx);
}

/* An allocator that fails after a budget of calls: out of memory must come
 * back as a status, never a crash. */
static failing lim = {0, true};

static void test_dict_oom(void **state) {
  (void)state;
  kw_allocator al = failing_allocator(&lim);
  for (int limit = 1; limit < 40; limit++) {
    lim.left = 1000;
    kw_context *ctx = kw_context_new_with_allocator(&al);
    assert_non_null(ctx);
    lim.left = limit;
    kw_dict *d = kw_dict_new(ctx);
    kw_status st = KW_OK;
    char key[16];
    for (int i = 0; d && i < 2000 && st == KW_OK; i++) {
      int n = snprintf(key, sizeof key, "%d", i);
      uint32_t id;
      st = kw_dict_intern(ctx, d, key, (size_t)n, &id, NULL);
    }
    if (d) assert_true(st == KW_OK || st == KW_ENOMEM);
    kw_dict_free(ctx, d);
    kw_context_free(ctx);
  }
}

/* A key of the random stream: short and long, repeated, a few with a
 * NUL byte inside (interning takes bytes, not C strings). */
static size_t random_key(uint64_t *seed, char *key) {
  *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
  uint64_t v = (*seed >> 11) % 30011; /* 30,011 keys at most: repeats */
  size_t n = (size_t)(v % 5 == 0 ? v % 41 : 6 + v % 9);
  for (size_t i = 0; i < n; i++) key[i] = (char)('A' + (v >> (i % 12)) % 23);
  if (n > 3 && v % 97 == 0) key[2] = '\0';
  if (n) key[0] = (char)('a' + v % 26);
  if (n > 1) key[n - 1] = (char)('0' + v % 10);
  return n;
}

/* Compacting between strings changes no id: two dictionaries fed the same
 * random stream, one compacted now and then (even twice in a row), the
 * other never, give every string the same id and the same "added", hold
 * the same strings and find the same ids; compacting an empty dictionary
 * and one that failed to allocate leaves it as it was. */
static void test_dict_compact(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dict *a = kw_dict_new(ctx), *b = kw_dict_new(ctx);
  kw_dict_compact(ctx, a); /* empty */
  kw_dict_compact(ctx, NULL);
  uint64_t seed = 7;
  char key[48];
  for (int i = 0; i < 120000; i++) {
    size_t n = random_key(&seed, key);
    uint32_t ia, ib;
    bool aa, ab;
    assert_int_equal(kw_dict_intern(ctx, a, key, n, &ia, &aa), KW_OK);
    assert_int_equal(kw_dict_intern(ctx, b, key, n, &ib, &ab), KW_OK);
    assert_int_equal(ia, ib);
    assert_int_equal(aa, ab);
    if (seed % 1009 == 0) kw_dict_compact(ctx, a);
    if (seed % 5003 == 0) kw_dict_compact(ctx, a);
  }
  kw_dict_compact(ctx, a);
  kw_dict_compact(ctx, a);
  size_t n = kw_dict_size(b);
  assert_true(n > 20000); /* the stream repeats its keys */
  assert_int_equal(kw_dict_size(a), n);
  for (uint32_t id = 0; id < n; id++) {
    assert_int_equal(kw_dict_len(a, id), kw_dict_len(b, id));
    assert_memory_equal(kw_dict_str(a, id), kw_dict_str(b, id),
                        kw_dict_len(b, id) + 1);
    assert_int_equal(kw_dict_find(a, kw_dict_str(b, id), kw_dict_len(b, id)),
                     id);
  }
  assert_int_equal(kw_dict_find(a, "absent!", 7), KW_NA_ID);
  /* strings added after the last compaction get the next ids */
  uint32_t id;
  bool added;
  assert_int_equal(kw_dict_intern(ctx, a, "absent!", 7, &id, &added), KW_OK);
  assert_true(added);
  assert_int_equal(id, n);
  kw_dict_free(ctx, a);
  kw_dict_free(ctx, b);
  kw_context_free(ctx);

  /* out of memory while compacting: each allocation fails in turn */
  kw_allocator al = failing_allocator(&lim);
  for (int fail_at = 0; fail_at < 4; fail_at++) {
    lim.left = 100000;
    lim.forever = false;
    ctx = kw_context_new_with_allocator(&al);
    kw_dict *d = kw_dict_new(ctx);
    for (int i = 0; i < 3000; i++) {
      int k = snprintf(key, sizeof key, "F%d", i);
      assert_int_equal(kw_dict_intern(ctx, d, key, (size_t)k, &id, NULL),
                       KW_OK);
    }
    lim.left = fail_at;
    kw_dict_compact(ctx, d);
    lim.left = 100000;
    assert_int_equal(kw_dict_size(d), 3000);
    for (int i = 0; i < 3000; i++) {
      int k = snprintf(key, sizeof key, "F%d", i);
      assert_int_equal(kw_dict_find(d, key, (size_t)k), (uint32_t)i);
    }
    for (int i = 3000; i < 5000; i++) {
      int k = snprintf(key, sizeof key, "F%d", i);
      assert_int_equal(kw_dict_intern(ctx, d, key, (size_t)k, &id, NULL),
                       KW_OK);
      assert_int_equal(id, (uint32_t)i);
    }
    kw_dict_free(ctx, d);
    kw_context_free(ctx);
  }
  lim.forever = true;
}

/* A dictionary of ids only: its size stays, every string is "", nothing
 * is found, a string cannot be added, and the export is n empty strings. */
static void test_dict_ids_only(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dict *d = kw_dict_new(ctx);
  uint32_t id;
  char key[16];
  for (int i = 0; i < 1000; i++) {
    int n = snprintf(key, sizeof key, "INV%d", i % 700);
    assert_int_equal(kw_dict_intern(ctx, d, key, (size_t)n, &id, NULL),
                     KW_OK);
  }
  assert_false(kw_dict_ids_only(d));
  kw_dict_drop_text(ctx, d);
  kw_dict_drop_text(ctx, d); /* twice: nothing more happens */
  kw_dict_compact(ctx, d);
  assert_true(kw_dict_ids_only(d));
  assert_int_equal(kw_dict_size(d), 700);
  assert_string_equal(kw_dict_str(d, 5), "");
  assert_int_equal(kw_dict_len(d, 5), 0);
  assert_int_equal(kw_dict_find(d, "INV5", 4), KW_NA_ID);
  kw_dict_prefetch(d, kw_hash_bytes("INV5", 4));
  for (int stage = 0; stage < 3; stage++)
    kw_dict_prefetch_stage(d, kw_hash_bytes("INV5", 4), stage);
  assert_int_equal(kw_dict_intern(ctx, d, "INV5", 4, &id, NULL), KW_EARG);
  assert_int_equal(kw_dict_size(d), 700);
  char buf[800];
  assert_int_equal(kw_dict_export(d, NULL, 0), 700);
  memset(buf, 'x', sizeof buf);
  assert_int_equal(kw_dict_export(d, buf, sizeof buf), 700);
  for (int i = 0; i < 700; i++) assert_int_equal(buf[i], '\0');
  assert_int_equal(buf[700], 'x');
  kw_dict_free(ctx, d);
  kw_context_free(ctx);
}

static void test_errors(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  assert_string_equal(kw_errmsg(ctx), "");
  kw_context_set_seed(ctx, 42);
  assert_int_equal(kw_context_seed(ctx), 42);
  kw_context_free(NULL);
  kw_context_free(ctx);
}

static int cmp_u64_ref(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

/* The radix sort against qsort on random keys of several shapes (full
 * 64-bit, few distinct values, a shared high part, sizes 0..5000). */
static void test_sort_u64(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  uint64_t seed = 42;
  for (int round = 0; round < 60; round++) {
    size_t n = (size_t)(round * 83) % 5001;
    uint64_t *a = malloc((n ? n : 1) * sizeof *a);
    uint64_t *b = malloc((n ? n : 1) * sizeof *b);
    for (size_t i = 0; i < n; i++) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      uint64_t x = seed ^ (seed >> 29);
      if (round % 3 == 1) x %= 7;                       /* few values */
      if (round % 3 == 2) x = 0xABCD000000000000ULL | (x & 0xFFFF);
      a[i] = b[i] = x;
    }
    assert_int_equal(kw_sort_u64(ctx, a, n), KW_OK);
    qsort(b, n, sizeof *b, cmp_u64_ref);
    if (n) assert_memory_equal(a, b, n * sizeof *a);
    free(a);
    free(b);
  }
  kw_context_free(ctx);
}

/* A failure by key (kw_fail_tpl, kw_fail_at_tpl): the English text from
 * the template, the place, and numbers, decimals and system reasons as
 * values that the message table writes in Dutch. */
static void test_keyed_failures(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char nl[512];
  assert_int_equal(
      kw_fail_tpl(ctx, KW_EINPUT, "model.e.clv_row_x",
                  "clv: row {row}: x = {x} is not a whole number >= 0", "row",
                  KW_NUM_U(2), "x", KW_NUM_G(1.5), NULL),
      KW_EINPUT);
  assert_int_equal(kw_errcode(ctx), KW_EINPUT);
  assert_string_equal(kw_errmsg(ctx),
                      "clv: row 2: x = 1.5 is not a whole number >= 0");
  const kw_msginfo *m = kw_errinfo(ctx);
  assert_string_equal(m->key, "model.e.clv_row_x");
  assert_int_equal(m->n, 2);
  assert_string_equal(m->values[0], "2");
  assert_string_equal(m->values[1], "\0021.5");
  kw_msginfo_text(nl, sizeof nl, m, kw_errmsg(ctx), KW_LANG_NL);
  assert_string_equal(nl, "clv: rij 2: x = 1,5 is geen geheel getal >= 0");

  kw_fail_at_tpl(ctx, KW_EIO, "mand.txt", 0, 0, "model.e.basket_cannot_open",
                 "cannot open: {why}", "why", kw_sys_reason(ENOENT), NULL);
  assert_string_equal(kw_errmsg(ctx),
                      "mand.txt: cannot open: No such file or directory");
  m = kw_errinfo(ctx);
  assert_string_equal(m->where, "mand.txt");
  kw_msginfo_text(nl, sizeof nl, m, kw_errmsg(ctx), KW_LANG_NL);
  assert_string_equal(nl, "mand.txt: kan niet openen: bestand of map bestaat "
                          "niet");
  kw_fail_at_tpl(ctx, KW_EINPUT, "mand.txt", 3, 7, "model.e.basket_long_line",
                 "line longer than {n} bytes", "n", KW_NUM_I(-4), NULL);
  assert_string_equal(kw_errmsg(ctx), "mand.txt:3:7: line longer than -4 bytes");
  m = kw_errinfo(ctx);
  assert_string_equal(m->where, "mand.txt:3:7");
  kw_msginfo_text(nl, sizeof nl, m, kw_errmsg(ctx), KW_LANG_NL);
  assert_string_equal(nl, "mand.txt:3:7: regel langer dan -4 bytes");
  kw_fail_at_tpl(ctx, KW_EINPUT, "mand.txt", 3, 0, "model.e.basket_no_items",
                 "no items", NULL);
  assert_string_equal(kw_errmsg(ctx), "mand.txt:3: no items");
  /* a reason without a key is the system's text */
  assert_string_equal(kw_sys_reason(ENOSPC), "\001load.sys.ENOSPC");
  assert_null(kw_sys_reason_key(EIO));
  assert_string_equal(kw_sys_reason(EIO), strerror(EIO));
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_version), cmocka_unit_test(test_dates),
      cmocka_unit_test(test_dict),    cmocka_unit_test(test_dict_oom),
      cmocka_unit_test(test_dict_compact),
      cmocka_unit_test(test_dict_ids_only),
      cmocka_unit_test(test_errors),    cmocka_unit_test(test_sort_u64),
      cmocka_unit_test(test_keyed_failures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
