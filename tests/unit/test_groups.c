/* Unit tests: customer attribute groups (one value per customer, the last
 * non-empty row wins) and the privacy merge of small groups. Every expected
 * value below is worked out by hand from the rows in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/dict.h"
#include "data/table.h"
#include "klantwijs.h"

typedef struct crow {
  const char *cust;
  const char *sector; /* NULL = missing */
  double size;        /* NaN = missing */
  int8_t vat;         /* KW_NA_FLAG = missing */
} crow;

static uint32_t intern(kw_context *ctx, kw_dict *d, const char *s) {
  uint32_t id = KW_NA_ID;
  assert_int_equal(kw_dict_intern(ctx, d, s, strlen(s), &id, NULL), KW_OK);
  return id;
}

/* A dataset whose customers table holds the rows R; the customer ids are
 * interned first in the order of `order` so the test knows them. */
static kw_dataset *make(kw_context *ctx, const char *const *order, size_t nc,
                        const crow *R, size_t n) {
  kw_dataset *ds = kw_dataset_new(ctx);
  kw_dict *ids = kw_dataset_customers_mut(ds);
  for (size_t i = 0; i < nc; i++)
    assert_int_equal(intern(ctx, ids, order[i]), (uint32_t)i);
  kw_table *t = kw_table_new(ctx, KW_TABLE_CUSTOMERS);
  kw_dict *sd = kw_dict_new(ctx);
  uint32_t *c = kw_malloc(ctx, n * sizeof *c);
  uint32_t *s = kw_malloc(ctx, n * sizeof *s);
  double *z = kw_malloc(ctx, n * sizeof *z);
  int8_t *f = kw_malloc(ctx, n);
  for (size_t i = 0; i < n; i++) {
    c[i] = intern(ctx, ids, R[i].cust);
    s[i] = R[i].sector ? intern(ctx, sd, R[i].sector) : KW_NA_ID;
    z[i] = R[i].size;
    f[i] = R[i].vat;
  }
  assert_int_equal(kw_table_add_column(ctx, t, "klant", KW_ROLE_CUSTOMER,
                   KW_TYPE_TEXT, kw_dataset_customers(ds), NULL, c, NULL),
                   KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "sector", KW_ROLE_NONE,
                   KW_TYPE_TEXT, sd, sd, s, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "size", KW_ROLE_NONE,
                   KW_TYPE_NUMBER, NULL, NULL, z, NULL), KW_OK);
  assert_int_equal(kw_table_add_column(ctx, t, "vat", KW_ROLE_NONE,
                   KW_TYPE_FLAG, NULL, NULL, f, NULL), KW_OK);
  kw_table_set_rows(t, n);
  kw_dataset_set_table(ds, t);
  return ds;
}

#define NA_F KW_NA_FLAG

/* Repeated rows: the last row with a value in the column wins, per column.
 *   row 0  A  bouw    10   yes
 *   row 1  B  horeca  -    -
 *   row 2  A  (none)  20   -       A keeps bouw, size becomes 20
 *   row 3  C  "  "    -    no      blank text is empty
 *   row 4  A  zorg    -    -       A's sector becomes zorg
 * Expected rows: sector A 4, B 1, C none, D none; size A 2, B, C, D none;
 * vat A 0, B none, C 3. */
static void test_value_rows_last_non_empty(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *order[] = {"A", "B", "C", "D"};
  const crow R[] = {{"A", "bouw", 10, 1},
                    {"B", "horeca", NAN, NA_F},
                    {"A", NULL, 20, NA_F},
                    {"C", "  ", NAN, 0},
                    {"A", "zorg", NAN, NA_F}};
  kw_dataset *ds = make(ctx, order, 4, R, 5);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  uint32_t rows[4];
  assert_int_equal(kw_customer_value_rows(ctx, t, kw_table_find(t, "sector"),
                                          rows, 4), KW_OK);
  assert_int_equal(rows[0], 4);
  assert_int_equal(rows[1], 1);
  assert_int_equal(rows[2], KW_NA_ID);
  assert_int_equal(rows[3], KW_NA_ID);
  assert_int_equal(kw_customer_value_rows(ctx, t, kw_table_find(t, "size"),
                                          rows, 4), KW_OK);
  assert_int_equal(rows[0], 2);
  assert_int_equal(rows[1], KW_NA_ID);
  assert_int_equal(rows[2], KW_NA_ID);
  assert_int_equal(kw_customer_value_rows(ctx, t, kw_table_find(t, "vat"),
                                          rows, 4), KW_OK);
  assert_int_equal(rows[0], 0);
  assert_int_equal(rows[1], KW_NA_ID);
  assert_int_equal(rows[2], 3);
  assert_true(kw_cell_empty(kw_table_find(t, "sector"), 3));
  assert_false(kw_cell_empty(kw_table_find(t, "sector"), 1));
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* The privacy merge: 12 customers, groups of 6, 3 and 2 and one without a
 * group. 3 + 2 = 5 reach the minimum together: groups "a" (6) and "other"
 * (5); two values merged; nothing left out; one customer without group. */
static void test_privacy_merge_into_other(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const uint32_t raw[12] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, KW_NA_ID};
  const char *labels[3] = {"a", "b", "c"};
  kw_groups *g = NULL;
  assert_int_equal(kw_groups_compute_codes(ctx, raw, 12, 3, labels, NULL, NULL,
                                        &g), KW_OK);
  const kw_groups_data *v = kw_groups_view(g);
  assert_int_equal(v->n, 2);
  assert_string_equal(v->label[0], "a");
  assert_int_equal(v->kind[0], KW_GROUP_VALUE);
  assert_int_equal(v->size[0], 6);
  assert_null(v->label[1]);
  assert_int_equal(v->kind[1], KW_GROUP_OTHER);
  assert_int_equal(v->size[1], 5);
  assert_int_equal(v->n_values, 3);
  assert_int_equal(v->merged_groups, 2);
  assert_int_equal(v->left_out, 0);
  assert_int_equal(v->no_group, 1);
  for (int i = 0; i < 6; i++) assert_int_equal(v->code[i], 0);
  for (int i = 6; i < 11; i++) assert_int_equal(v->code[i], 1);
  assert_int_equal(v->code[11], KW_NA_ID);
  kw_groups_free(g);
  kw_context_free(ctx);
}

/* When the small groups together stay under the minimum, their customers
 * are left out: 5 + 3 customers, the 3 are left out (no "other" of 3).
 * With `counted`, customers not counted have no group and do not count:
 * counting only the first 7 gives 5 + 2, the 2 left out. */
static void test_privacy_small_other_left_out(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const uint32_t raw[8] = {0, 0, 0, 0, 0, 1, 1, 1};
  kw_groups *g = NULL;
  assert_int_equal(kw_groups_compute_codes(ctx, raw, 8, 2, NULL, NULL, NULL, &g),
                   KW_OK);
  const kw_groups_data *v = kw_groups_view(g);
  assert_int_equal(v->n, 1);
  assert_int_equal(v->size[0], 5);
  assert_int_equal(v->left_out, 3);
  assert_int_equal(v->merged_groups, 1);
  assert_int_equal(v->code[7], KW_NA_ID);
  kw_groups_free(g);

  bool counted[8] = {1, 1, 1, 1, 1, 1, 1, 0};
  kw_groups_options o;
  kw_groups_options_init(&o);
  o.counted = counted;
  assert_int_equal(kw_groups_compute_codes(ctx, raw, 8, 2, NULL, NULL, &o, &g),
                   KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n, 1);
  assert_int_equal(v->left_out, 2);
  assert_int_equal(v->code[6], KW_NA_ID);
  assert_int_equal(v->code[7], KW_NA_ID);
  kw_groups_free(g);
  kw_context_free(ctx);
}

/* Groups of a column: 13 customers c00..c12.
 *   sector: c00-c05 "bouw" (c00 first "zorg", then "bouw": the last row
 *   wins), c06-c10 "zorg", c11 "horeca", c12 a row with a blank sector.
 * Groups with a blank group: (blank) 1, bouw 6, horeca 1, zorg 5; the
 * minimum 5 keeps bouw and zorg, merges blank and horeca (2 customers),
 * which stay under 5: left out. Sorted by text: bouw, zorg.
 * With min_group 1: (blank) 1, bouw 6, horeca 1, zorg 5 in that order.
 * size (numbers): c00-c04 = 2.5, c05-c12 = 10: groups "2.5" (5) and
 * "10" (8). vat (flags): c00-c06 yes, c07-c12 no: no 6, yes 7. */
static void test_groups_by_column(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *order[13] = {"c00", "c01", "c02", "c03", "c04", "c05", "c06",
                           "c07", "c08", "c09", "c10", "c11", "c12"};
  crow R[14];
  R[0] = (crow){"c00", "zorg", 2.5, 1};
  for (int i = 0; i < 13; i++) {
    const char *sec = i <= 5 ? "bouw" : i <= 10 ? "zorg" : i == 11 ? "horeca"
                                                                   : "";
    R[i + 1] = (crow){order[i], sec, i <= 4 ? 2.5 : 10, i <= 6 ? 1 : 0};
  }
  kw_dataset *ds = make(ctx, order, 13, R, 14);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  kw_groups *g = NULL;
  assert_int_equal(kw_groups_compute(ctx, t, "sector", 13, NULL, &g), KW_OK);
  const kw_groups_data *v = kw_groups_view(g);
  assert_int_equal(v->n, 2);
  assert_string_equal(v->label[0], "bouw");
  assert_int_equal(v->size[0], 6);
  assert_string_equal(v->label[1], "zorg");
  assert_int_equal(v->size[1], 5);
  assert_int_equal(v->left_out, 2);
  assert_int_equal(v->code[0], 0); /* c00: last row says bouw */
  assert_int_equal(v->code[11], KW_NA_ID);
  assert_int_equal(v->code[12], KW_NA_ID);
  kw_groups_free(g);

  kw_groups_options o;
  kw_groups_options_init(&o);
  o.min_group = 1;
  assert_int_equal(kw_groups_compute(ctx, t, "sector", 13, &o, &g), KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n, 4);
  assert_int_equal(v->kind[0], KW_GROUP_BLANK);
  assert_int_equal(v->size[0], 1);
  assert_string_equal(v->label[1], "bouw");
  assert_string_equal(v->label[2], "horeca");
  assert_string_equal(v->label[3], "zorg");
  assert_int_equal(v->code[12], 0);
  kw_groups_free(g);

  o.blank_group = false;
  assert_int_equal(kw_groups_compute(ctx, t, "sector", 13, &o, &g), KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n, 3);
  assert_int_equal(v->code[12], KW_NA_ID);
  assert_int_equal(v->no_group, 1);
  kw_groups_free(g);

  assert_int_equal(kw_groups_compute(ctx, t, "size", 13, NULL, &g), KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n, 2);
  assert_string_equal(v->label[0], "2.5");
  assert_int_equal(v->size[0], 5);
  assert_string_equal(v->label[1], "10");
  assert_int_equal(v->size[1], 8);
  kw_groups_free(g);

  assert_int_equal(kw_groups_compute(ctx, t, "vat", 13, NULL, &g), KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n, 2);
  assert_int_equal(v->kind[0], KW_GROUP_NO);
  assert_int_equal(v->size[0], 6);
  assert_int_equal(v->kind[1], KW_GROUP_YES);
  assert_int_equal(v->size[1], 7);
  kw_groups_free(g);

  /* the rows of the table as subjects: 14 rows, sector bouw on rows 0
     (zorg), 1-6 (bouw), ... : row 0 is its own subject with zorg, so
     zorg has 6 rows (0, 7-11), bouw 6 (1-6), horeca 1, blank 1 (no
     group without blank_group): horeca alone under 5 is left out. */
  kw_groups_options ro;
  kw_groups_options_init(&ro);
  ro.blank_group = false;
  assert_int_equal(kw_groups_compute_rows(ctx, t, "sector", &ro, &g), KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n_customers, 14);
  assert_int_equal(v->n, 2);
  assert_string_equal(v->label[0], "bouw");
  assert_int_equal(v->size[0], 6);
  assert_string_equal(v->label[1], "zorg");
  assert_int_equal(v->size[1], 6);
  assert_int_equal(v->left_out, 1);
  assert_int_equal(v->no_group, 1);
  assert_int_equal(v->code[0], 1);
  assert_int_equal(v->code[1], 0);
  assert_int_equal(v->code[12], KW_NA_ID);
  kw_groups_free(g);

  o.max_values = 2;
  o.min_group = 5;
  assert_int_equal(kw_groups_compute(ctx, t, "sector", 13, &o, &g),
                   KW_ERANGE);
  assert_null(g);
  assert_int_equal(kw_groups_compute(ctx, t, "klant", 13, NULL, &g),
                   KW_EARG);
  assert_int_equal(kw_groups_compute(ctx, t, "nope", 13, NULL, &g),
                   KW_EARG);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}


/* Survival subjects from a table (klantwijs/survival.h): every row a
 * subject, duration "size", event "vat", groups by "sector" with the
 * privacy rule. 5 rows bouw, 2 rows horeca: bouw is shown (group 0);
 * horeca (2 < 5) merges into "other", which still has 2 < 5: its 2
 * subjects are left out (no group). */
static void test_survival_subjects(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  static const char *const order[] = {"A", "B", "C", "D", "E", "F", "G"};
  const crow R[] = {{"A", "bouw", 3, 1},   {"B", "bouw", 4, 0},
                    {"C", "horeca", 5, 1}, {"D", "bouw", 6, 0},
                    {"E", "bouw", 7, 1},   {"F", "horeca", 8, 0},
                    {"G", "bouw", 9, 0}};
  kw_dataset *ds = make(ctx, order, 7, R, 7);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  kw_survival_subjects_options o;
  kw_survival_subjects_options_init(&o);
  o.duration = "size";
  o.event = "vat";
  o.by = "sector";
  kw_survival_subjects *s = NULL;
  assert_int_equal(kw_survival_subjects_from_table(ctx, t, &o, &s), KW_OK);
  const kw_survival_subjects_data *v = kw_survival_subjects_view(s);
  assert_int_equal(v->n, 7);
  assert_string_equal(v->duration_name, "size");
  assert_true(v->duration[2] == 5.0);
  assert_int_equal(v->event[2], 1);
  assert_int_equal(v->groups->n, 1);
  assert_int_equal(v->groups->left_out, 2);
  const uint32_t want[] = {0, 0, KW_NA_ID, 0, 0, KW_NA_ID, 0};
  for (int i = 0; i < 7; i++) assert_int_equal(v->group[i], want[i]);
  kw_survival_subjects_free(s);
  s = NULL;
  o.by = "nope";
  assert_int_equal(kw_survival_subjects_from_table(ctx, t, &o, &s), KW_EARG);
  assert_null(s);
  o.by = NULL;
  o.duration = "sector"; /* text, not a number */
  assert_int_equal(kw_survival_subjects_from_table(ctx, t, &o, &s),
                   KW_EINPUT);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_survival_subjects),
      cmocka_unit_test(test_value_rows_last_non_empty),
      cmocka_unit_test(test_privacy_merge_into_other),
      cmocka_unit_test(test_privacy_small_other_left_out),
      cmocka_unit_test(test_groups_by_column),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
