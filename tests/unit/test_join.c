/*
 * test_join.c — several files of one kind in a data folder joined into one
 * table (src/io/join.c), and messages by key (kw_errinfo, the keyed log
 * callback). Every expected figure is counted by hand from the small files
 * written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "klantwijs.h"

static char dir[256];

static void put(const char *name, const char *text) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static void new_dir(void) {
  snprintf(dir, sizeof dir, "/tmp/kw_test_join_XXXXXX");
  assert_non_null(mkdtemp(dir));
}

static void drop_dir(void) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

typedef struct seen {
  int warnings;
  char keys[8][64];
} seen;

static void on_log(void *user, kw_log_level lvl, const char *text,
                   const kw_msginfo *m) {
  seen *s = user;
  (void)text;
  if (lvl < KW_LOG_WARN || s->warnings >= 8) return;
  snprintf(s->keys[s->warnings++], 64, "%s", m->key ? m->key : "");
}

static kw_dataset *load(kw_context *ctx) {
  kw_load_options o;
  kw_load_options_init(&o);
  o.dir = dir;
  kw_dataset *ds = NULL;
  kw_status st = kw_dataset_load(ctx, &o, &ds);
  assert_int_equal(st, KW_OK);
  return ds;
}

static int64_t sum_amount(const kw_table *t) {
  const kw_column *a = kw_table_role(t, KW_ROLE_AMOUNT);
  int64_t s = 0;
  for (size_t i = 0; i < kw_table_rows(t); i++) s += a->v.money[i];
  return s;
}

/* A line twice in 2023 and three times in 2024 (same day, in both
 * exports): the 2024 file repeats the two the 2023 file has and adds one.
 * A column only the 2024 file has is missing in the 2023 rows. */
static void test_multiset_and_columns(void **state) {
  (void)state;
  new_dir();
  put("Omzet 2023.csv",
      "klant;datum;bedrag\n"
      "K1;01/12/2023;10,00\n"
      "K2;31/12/2023;5,00\n"
      "K2;31/12/2023;5,00\n");
  put("Omzet 2024.csv",
      "klant;datum;bedrag;kanaal\n"
      "K2;31/12/2023;5,00;\n"
      "K2;31/12/2023;5,00;\n"
      "K2;31/12/2023;5,00;\n"
      "K3;02/01/2024;7,00;web\n");
  kw_context *ctx = kw_context_new();
  seen s = {0};
  kw_context_set_log_msg(ctx, on_log, &s);
  kw_dataset *ds = load(ctx);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  /* 3 + 4 lines read; 2 left out: K1, K2, K2, K2, K3 */
  assert_int_equal(kw_table_rows(t), 5);
  assert_int_equal(sum_amount(t), 1000 + 3 * 500 + 700);
  const kw_read_report *r = kw_table_report(t);
  assert_int_equal(r->rows_read, 7);
  assert_int_equal(r->rows_used, 5);
  assert_int_equal(r->skipped[KW_SKIP_DUPLICATE], 2);
  assert_int_equal(r->n_parts, 2);
  assert_int_equal(r->parts[0].duplicates, 0);
  assert_int_equal(r->parts[1].duplicates, 2);
  assert_int_equal(r->parts[0].first_date, kw_date_from_ymd(2023, 12, 1));
  assert_int_equal(r->parts[1].last_date, kw_date_from_ymd(2024, 1, 2));
  const kw_column *ch = kw_table_role(t, KW_ROLE_CHANNEL);
  assert_non_null(ch);
  /* the 3 rows of 2023 and the empty cell of the kept K2 line */
  assert_int_equal(ch->missing, 4);
  assert_string_equal(kw_dict_str(ch->dict, ch->v.text[4]), "web");
  /* the overlap of 31/12/2023 is warned, by key */
  assert_int_equal(s.warnings, 1);
  assert_string_equal(s.keys[0], "load.join_overlap");
  kw_dataset_free(ds);
  kw_context_free(ctx);
  drop_dir();
}

/* Invoices numbered by the reader (no invoice column): line 2 of each file
 * stays two invoices. Files that do not overlap give no warning. */
static void test_generated_invoices(void **state) {
  (void)state;
  new_dir();
  put("facturen 2023.csv",
      "klant;factuurdatum;vervaldatum;bedrag\n"
      "K1;01/03/2023;31/03/2023;100,00\n");
  put("facturen 2024.csv",
      "klant;factuurdatum;vervaldatum;bedrag\n"
      "K1;01/03/2024;31/03/2024;100,00\n");
  kw_context *ctx = kw_context_new();
  seen s = {0};
  kw_context_set_log_msg(ctx, on_log, &s);
  kw_dataset *ds = load(ctx);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_INVOICES);
  assert_non_null(t);
  assert_int_equal(kw_table_rows(t), 2);
  const kw_column *inv = kw_table_role(t, KW_ROLE_INVOICE);
  assert_non_null(inv);
  assert_int_not_equal(inv->v.text[0], inv->v.text[1]);
  assert_int_equal(s.warnings, 0);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  drop_dir();
}

/* Files of one kind whose names differ in more than digits are not joined:
 * the first is read and the other named. */
static void test_other_names_not_joined(void **state) {
  (void)state;
  new_dir();
  put("verkopen.csv", "klant;datum;bedrag\nK1;01/12/2023;10,00\n");
  put("archief.csv", "klant;datum;bedrag\nK9;01/12/2020;99,00\n");
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load(ctx);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_table_rows(t), 1);
  assert_int_equal(kw_table_report(t)->n_parts, 0);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  drop_dir();
}

/* A failure carries its key, values and place; the text of kw_errmsg is
 * the English of the table. */
static void test_error_by_key(void **state) {
  (void)state;
  new_dir();
  put("verkopen.csv", "klant;datum;bedrag\nK1;01/12/2023;\"10,00\n");
  kw_context *ctx = kw_context_new();
  kw_load_options o;
  kw_load_options_init(&o);
  o.dir = dir;
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &o, &ds), KW_EINPUT);
  const kw_msginfo *m = kw_errinfo(ctx);
  assert_non_null(m->key);
  assert_string_equal(m->key, "ingest.e.quote");
  assert_non_null(strstr(m->where, "verkopen.csv:2:"));
  char en[512], nl[512];
  kw_msginfo_text(en, sizeof en, m, kw_errmsg(ctx), KW_LANG_EN);
  assert_string_equal(en, kw_errmsg(ctx));
  kw_msginfo_text(nl, sizeof nl, m, kw_errmsg(ctx), KW_LANG_NL);
  assert_non_null(strstr(nl, "onafgesloten aanhalingsteken"));
  /* a failure without a key clears the last one's */
  kw_clear_error(ctx);
  assert_null(kw_errinfo(ctx)->key);
  kw_context_free(ctx);
  drop_dir();
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_multiset_and_columns),
      cmocka_unit_test(test_generated_invoices),
      cmocka_unit_test(test_other_names_not_joined),
      cmocka_unit_test(test_error_by_key),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
