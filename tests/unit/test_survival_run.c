/* Tests of a whole survival analysis (kw_survival_compute): the source of
 * the durations, the Kaplan–Meier at-risk grid, the sBG fits per group
 * with the groups that cannot be fitted left out, the errors by key.
 * Expected values are worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/core.h"
#include "klantwijs.h"
#include "klantwijs/survival.h"

typedef struct seen {
  int warnings;
  char key[8][64];
  char group[8][64];
  char reason[8][128];
} seen;

static void on_msg(void *u, kw_log_level l, const char *msg,
                   const kw_msginfo *m) {
  (void)msg;
  seen *s = u;
  if (l < KW_LOG_WARN || s->warnings >= 8) return;
  int k = s->warnings++;
  snprintf(s->key[k], sizeof s->key[k], "%s", m && m->key ? m->key : "");
  for (size_t i = 0; m && i < m->n; i++) {
    if (strcmp(m->names[i], "group") == 0)
      snprintf(s->group[k], sizeof s->group[k], "%s", m->values[i]);
    if (strcmp(m->names[i], "reason") == 0)
      snprintf(s->reason[k], sizeof s->reason[k], "%s", m->values[i]);
  }
}

/* The customers table of text in a temporary file, loaded. */
static kw_dataset *load(kw_context *ctx, const char *text, char *path) {
  strcpy(path, "/tmp/kw_survrun_XXXXXX.csv");
  int fd = mkstemps(path, 4);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs(text, f);
  fclose(f);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.files[KW_TABLE_CUSTOMERS] = path;
  lo.tables = 1u << KW_TABLE_CUSTOMERS;
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  return ds;
}

static void test_survivors(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const double n[] = {1000, 631, 468};
  kw_survival *s = NULL;
  assert_int_equal(kw_survival_compute_survivors(ctx, n, 3, &s), KW_OK);
  const kw_survival_data *v = kw_survival_view(s);
  assert_int_equal(v->source, KW_SURVIVAL_SURVIVORS);
  assert_null(v->subjects);
  assert_null(v->km);
  assert_int_equal(v->n_fits, 1);
  assert_true(v->fits[0].group == SIZE_MAX);
  assert_int_equal(v->fits[0].T, 2);
  /* churned in period 1: 1000 - 631, in 2: 631 - 468; 468 still there */
  assert_true(v->fits[0].churned[0] == 0);
  assert_true(v->fits[0].churned[1] == 369);
  assert_true(v->fits[0].churned[2] == 163);
  assert_true(v->fits[0].censored[1] == 0);
  assert_true(v->fits[0].censored[2] == 468);
  kw_survival_free(s);
  /* nobody churned: the sBG error by its key */
  const double flat[] = {100, 100};
  assert_int_equal(kw_survival_compute_survivors(ctx, flat, 2, &s),
                   KW_EINPUT);
  assert_null(s);
  assert_string_equal(kw_errinfo(ctx)->key, "model.e.sbg_nobody_churned");
  assert_string_equal(kw_errmsg(ctx),
                      "sBG: nobody churned; the model cannot be fitted");
  kw_context_free(ctx);
}

/* tenure and churn columns (the loader's roles): Kaplan–Meier with the
 * round grid. Longest duration 12: 12 / 8 = 1.5, the next of 1, 2, 5 x
 * 10^k is 2, so the at-risk times are 0, 2, ..., 12. */
static void test_km_columns(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char path[64];
  kw_dataset *ds = load(ctx,
                        "customer_id,tenure,churn\n"
                        "1,3,yes\n2,12,no\n3,5,yes\n4,7,no\n5,1,yes\n",
                        path);
  kw_survival_options o;
  kw_survival_options_init(&o);
  assert_false(kw_survival_needs_transactions(&o, false));
  assert_true(kw_survival_needs_transactions(&o, true));
  kw_survival *s = NULL;
  assert_int_equal(kw_survival_compute(ctx, ds, &o, &s), KW_OK);
  const kw_survival_data *v = kw_survival_view(s);
  assert_int_equal(v->source, KW_SURVIVAL_COLUMNS);
  assert_true(v->integer);
  assert_int_equal(v->subjects->n, 5);
  assert_non_null(v->km);
  const kw_km_at_risk *r = kw_km_group_at_risk(v->km, 0);
  assert_int_equal(r->n_times, 7);
  for (size_t k = 0; k < 7; k++) assert_true(r->time[k] == 2.0 * (double)k);
  /* at risk (duration > t) at t = 2: 3, 12, 5, 7; at t = 6: 12, 7 */
  assert_int_equal(r->at_risk[1], 4);
  assert_int_equal(r->at_risk[3], 2);
  kw_survival_free(s);
  /* the times given */
  const double t[] = {0, 4};
  o.times = t;
  o.n_times = 2;
  assert_int_equal(kw_survival_compute(ctx, ds, &o, &s), KW_OK);
  r = kw_km_group_at_risk(kw_survival_view(s)->km, 0);
  assert_int_equal(r->n_times, 2);
  assert_int_equal(r->at_risk[1], 3);
  kw_survival_free(s);
  /* duration columns named: transactions are never needed */
  o.duration = "tenure";
  assert_false(kw_survival_needs_transactions(&o, true));
  kw_dataset_free(ds);
  unlink(path);
  kw_context_free(ctx);
}

/* sBG per group: plan B (nobody churned) and the flag group "yes" are
 * left out with a warning whose values are keys (written in the reader's
 * language); plan A is fitted. */
static void test_sbg_groups(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  seen w;
  memset(&w, 0, sizeof w);
  kw_context_set_log_msg(ctx, on_msg, &w);
  char path[64];
  const char *text =
      "customer_id,tenure,churn,plan,vip\n"
      "a1,1,yes,A,no\na2,1,yes,A,no\na3,2,yes,A,no\na4,3,yes,A,no\n"
      "a5,5,yes,A,no\na6,6,no,A,no\na7,6,no,A,no\na8,6,no,A,no\n"
      "a9,6,no,A,no\na10,6,no,A,no\n"
      "b1,1,no,B,yes\nb2,2,no,B,yes\nb3,3,no,B,yes\nb4,4,no,B,yes\n"
      "b5,5,no,B,yes\nb6,6,no,B,yes\n";
  kw_dataset *ds = load(ctx, text, path);
  kw_survival_options o;
  kw_survival_options_init(&o);
  o.sbg = true;
  o.by = "plan";
  kw_survival *s = NULL;
  assert_int_equal(kw_survival_compute(ctx, ds, &o, &s), KW_OK);
  const kw_survival_data *v = kw_survival_view(s);
  assert_null(v->km);
  assert_int_equal(v->n_fits, 1);
  assert_int_equal(v->n_left_out, 1);
  const kw_groups_data *g = v->subjects->groups;
  assert_string_equal(g->label[v->fits[0].group], "A");
  /* A: churned 2, 1, 1, 0, 1 in periods 1..5; 5 censored after 6 */
  assert_int_equal(v->fits[0].T, 6);
  assert_true(v->fits[0].churned[1] == 2 && v->fits[0].churned[5] == 1);
  assert_true(v->fits[0].censored[6] == 5);
  int k = -1;
  for (int i = 0; i < w.warnings; i++)
    if (strcmp(w.key[i], "model.w.survival_group_left_out") == 0) k = i;
  assert_true(k >= 0);
  assert_string_equal(w.group[k], "B");
  assert_string_equal(w.reason[k], "\001model.e.sbg_nobody_churned");
  kw_survival_free(s);
  /* by the churn flag column: its group "no" (nobody churned) is named
   * by its key */
  memset(&w, 0, sizeof w);
  o.by = "churn";
  assert_int_equal(kw_survival_compute(ctx, ds, &o, &s), KW_OK);
  k = -1;
  for (int i = 0; i < w.warnings; i++)
    if (strcmp(w.key[i], "model.w.survival_group_left_out") == 0) k = i;
  assert_true(k >= 0);
  assert_string_equal(w.group[k], "\001group.no");
  kw_survival_free(s);
  kw_dataset_free(ds);
  unlink(path);
  /* no group can be fitted */
  ds = load(ctx,
            "customer_id,tenure,churn,plan\n"
            "1,1,no,A\n2,2,no,A\n3,3,no,A\n4,4,no,A\n5,5,no,A\n",
            path);
  o.by = "plan";
  assert_int_equal(kw_survival_compute(ctx, ds, &o, &s), KW_EINPUT);
  assert_null(s);
  assert_string_equal(kw_errinfo(ctx)->key,
                      "model.e.survival_no_group_fitted");
  kw_dataset_free(ds);
  unlink(path);
  kw_context_free(ctx);
}

/* A customers table with neither tenure and churn nor contract dates. */
static void test_no_source(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char path[64];
  kw_dataset *ds = load(ctx, "customer_id,sector\nK1,bouw\nK2,horeca\n", path);
  kw_survival_options o;
  kw_survival_options_init(&o);
  kw_survival *s = NULL;
  assert_int_equal(kw_survival_compute(ctx, ds, &o, &s), KW_EINPUT);
  assert_string_equal(kw_errinfo(ctx)->key, "model.e.survival_no_source");
  o.contracts = true;
  assert_int_equal(kw_survival_compute(ctx, ds, &o, &s), KW_EINPUT);
  assert_string_equal(kw_errinfo(ctx)->key,
                      "model.e.survival_no_contract_dates");
  /* a --by column that is not there is the option's error */
  o.contracts = false;
  o.duration = "sector";
  o.by = "nope";
  assert_int_not_equal(kw_survival_compute(ctx, ds, &o, &s), KW_OK);
  assert_null(s);
  kw_dataset_free(ds);
  unlink(path);
  kw_context_free(ctx);
}

/* A failure by key: the English text filled from the template, the key
 * and values kept; as a reason of another message it is its key (no
 * values) or its text (values). */
static void test_fail_tpl(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  char buf[256];
  assert_int_equal(kw_fail_tpl(ctx, KW_EINPUT, "model.e.x", "plain", NULL),
                   KW_EINPUT);
  assert_string_equal(kw_errmsg(ctx), "plain");
  assert_string_equal(kw_errinfo(ctx)->key, "model.e.x");
  assert_string_equal(kw_err_value(ctx, buf, sizeof buf), "\001model.e.x");
  char dec[8];
  snprintf(dec, sizeof dec, "%c2.5", KW_MSGV_DECIMAL);
  kw_fail_tpl(ctx, KW_EARG, "model.e.y", "{a} and {b}, {c}", "a", "one", "b",
              dec, NULL);
  assert_string_equal(kw_errmsg(ctx), "one and 2.5, {c}");
  assert_int_equal(kw_errinfo(ctx)->n, 2);
  assert_string_equal(kw_errinfo(ctx)->values[1], dec);
  assert_string_equal(kw_err_value(ctx, buf, sizeof buf), "one and 2.5, {c}");
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_survivors),
      cmocka_unit_test(test_km_columns),
      cmocka_unit_test(test_sbg_groups),
      cmocka_unit_test(test_no_source),
      cmocka_unit_test(test_fail_tpl),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
