/*
 * Fuzz target: the header / role matcher. The input is split at newlines
 * into header names; each goes through normalisation and the role guess for
 * every table kind. Invariants: the normalised name fits its buffer, holds
 * no upper-case ASCII, no '_' at either end and no "__"; normalising it
 * again changes nothing; a name's role is one the table kind knows; a name
 * with a role in some table is a known header; a guess is the same for the
 * name and for its normalised form. Then the whole input, as one header
 * line of a sales file, goes through the reader (duplicate names renamed,
 * roles assigned) with the rows that follow it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/table.h"
#include "io/ingest.h"
#include "io/roles.h"

#define CHECK(c)       \
  do {                 \
    if (!(c)) abort(); \
  } while (0)

static void one_name(const char *s, size_t n) {
  char a[256], b[256];
  size_t an = kw_header_normalize(s, n, a, sizeof a);
  CHECK(an < sizeof a && strlen(a) == an);
  for (size_t i = 0; i < an; i++) CHECK(!(a[i] >= 'A' && a[i] <= 'Z'));
  if (an) {
    CHECK(a[0] != '_' && a[an - 1] != '_');
    CHECK(strstr(a, "__") == NULL);
    /* idempotent, unless the first pass was cut at the buffer's end */
    if (an + 1 < sizeof a) {
      size_t bn = kw_header_normalize(a, an, b, sizeof b);
      CHECK(bn == an && memcmp(a, b, an) == 0);
    }
  }
  bool any = false;
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    unsigned r1 = 0, r2 = 0;
    kw_role r = kw_role_guess((kw_table_kind)k, s, n, &r1);
    if (r == KW_ROLE__COUNT) continue;
    any = true;
    CHECK(kw_role_in_table((kw_table_kind)k, r));
    if (an + 1 < sizeof a && n < sizeof a)
      CHECK(kw_role_guess((kw_table_kind)k, a, an, &r2) == r);
  }
  if (any) CHECK(kw_role_known_header(s, n));
}

static void quiet(void *user, kw_log_level lvl, const char *msg) {
  (void)user, (void)lvl, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t start = 0;
  for (size_t i = 0; i <= size; i++) {
    if (i < size && data[i] != '\n') continue;
    one_name(s + start, i - start);
    start = i + 1;
  }
  /* the names as one header line (newlines become ';') */
  static kw_context *ctx;
  if (!ctx) {
    ctx = kw_context_new();
    if (!ctx) return 0;
    kw_context_set_log(ctx, quiet, NULL);
  }
  char *buf = malloc(size + 64);
  if (!buf) return 0;
  for (size_t i = 0; i < size; i++) buf[i] = data[i] == '\n' ? ';' : s[i];
  static const char row[] = "\nK1;01-02-2024;12,50;x;y\n";
  memcpy(buf + size, row, sizeof row - 1);
  kw_dataset *ds = kw_dataset_new(ctx);
  if (ds) {
    kw_status st = kw_ingest_buffer(ctx, ds, KW_TABLE_TRANSACTIONS,
                                    "fuzz.csv", buf, size + sizeof row - 1,
                                    NULL);
    if (st == KW_OK) {
      /* renamed names are unique without regard to case */
      const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
      size_t nc = kw_table_ncols(t);
      if (nc <= 64)
        for (size_t i = 0; i < nc; i++)
          for (size_t j = i + 1; j < nc; j++)
            CHECK(strcasecmp(kw_table_col(t, i)->name,
                             kw_table_col(t, j)->name) != 0);
    } else {
      CHECK(kw_errmsg(ctx)[0] != '\0');
    }
    kw_dataset_free(ds);
  }
  free(buf);
  return 0;
}
