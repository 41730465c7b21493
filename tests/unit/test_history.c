/* Unit tests: the history of analyses in SQLite. Two runs of the main job
 * on demo data (as of mid-2025 and the last date) are stored, and what the
 * file gives back is checked against the same figures counted directly
 * from the two analyses in memory (a second route), including the
 * migration of actions and the customers who went from invest or retain
 * to win back; the schema version, reopening, and a newer schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "klantwijs.h"

static char dir[64];
static char db_path[128];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/kwhistXXXXXX");
  if (!mkdtemp(dir)) return -1;
  snprintf(db_path, sizeof db_path, "%s/h.sqlite", dir);
  kw_context *ctx = kw_context_new();
  kw_demo_options d;
  kw_demo_options_init(&d);
  d.customers = 300;
  d.seed = 7;
  d.dir = dir;
  int rc = kw_demo_generate(ctx, &d) == KW_OK ? 0 : -1;
  kw_context_free(ctx);
  return rc;
}

static int teardown(void **state) {
  (void)state;
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

/* The demo folder as klantwijs analyze reads it. */
static kw_dataset *load_demo(kw_context *ctx) {
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  kw_analyze_load_options(&lo);
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  return ds;
}

static kw_analysis *run_at(kw_context *ctx, const kw_dataset *ds,
                           int32_t as_of) {
  kw_analyze_options o;
  kw_analyze_options_init(&o);
  o.as_of = as_of;
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, &o, &a), KW_OK);
  return a;
}

static size_t index_of(const kw_migration_view *m, const char *v) {
  for (size_t i = 0; i < m->n; i++)
    if (strcmp(m->value[i], v) == 0) return i;
  return SIZE_MAX;
}

static bool in_run(const kw_analysis *a, size_t i) {
  kw_action_input in;
  kw_analysis_input(a, i, &in);
  return kw_analysis_action(a, i) != KW_ACTION_NONE ||
         isfinite(in.m[KW_METRIC_REVENUE]);
}

static void test_two_runs(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_demo(ctx);
  kw_analysis *a1 = run_at(ctx, ds, kw_date_from_ymd(2025, 6, 30));
  kw_analysis *a2 = run_at(ctx, ds, KW_NA_DATE);
  kw_runs *db = NULL;
  assert_int_equal(kw_runs_open(ctx, db_path, &db), KW_OK);
  int64_t id1 = 0, id2 = 0;
  assert_int_equal(kw_runs_record(db, ds, a1, &id1), KW_OK);
  assert_int_equal(kw_runs_record(db, ds, a2, &id2), KW_OK);
  assert_true(id2 > id1);
  kw_runs_close(db);
  /* reopened: the runs' key figures are the headlines */
  assert_int_equal(kw_runs_open(ctx, db_path, &db), KW_OK);
  kw_runs_listing *l = NULL;
  assert_int_equal(kw_runs_list(db, &l), KW_OK);
  const kw_run_list *rl = kw_runs_listing_view(l);
  assert_int_equal(rl->n, 2);
  const kw_headline *h1 = kw_analysis_headline(a1);
  const kw_headline *h2 = kw_analysis_headline(a2);
  assert_int_equal(rl->run[0].customers, h1->customers);
  assert_int_equal(rl->run[1].revenue, h2->revenue);
  assert_int_equal(rl->run[0].as_of, h1->as_of);
  assert_true(fabs(rl->run[1].churn_rate - h2->churn_rate) < 1e-12);
  for (int k = 1; k < KW_ACTION__COUNT; k++)
    assert_int_equal(rl->run[1].action_count[k], h2->action_count[k]);
  /* the fingerprint covers the lines up to the as-of date: the two runs
     see different data, and a run on the same data repeats it */
  assert_string_not_equal(rl->run[0].fingerprint, rl->run[1].fingerprint);
  char fp2[17];
  snprintf(fp2, sizeof fp2, "%s", rl->run[1].fingerprint);
  int64_t id3 = 0;
  assert_int_equal(kw_runs_record(db, ds, a2, &id3), KW_OK);
  kw_runs_listing_free(l);
  assert_int_equal(kw_runs_list(db, &l), KW_OK);
  rl = kw_runs_listing_view(l);
  assert_int_equal(rl->n, 3);
  assert_string_equal(rl->run[2].fingerprint, fp2);
  /* the migration of actions against a direct count */
  static const char *const movers[] = {"invest", "retain"};
  kw_migration *m = NULL;
  assert_int_equal(kw_runs_migration(db, id1, id2, KW_RUN_ACTION, movers, 2,
                                     "win_back", &m),
                   KW_OK);
  const kw_migration_view *mv = kw_migration_view_of(m);
  size_t n = kw_analysis_customers(a2);
  uint64_t *want = calloc(mv->n * mv->n, sizeof *want);
  uint64_t only1 = 0, only2 = 0, moved = 0;
  for (size_t i = 0; i < n; i++) {
    bool r1 = in_run(a1, i), r2 = in_run(a2, i);
    if (r1 && !r2) only1++;
    if (r2 && !r1) only2++;
    if (!r1 || !r2) continue;
    const char *k1 = kw_action_key(kw_analysis_action(a1, i));
    const char *k2 = kw_action_key(kw_analysis_action(a2, i));
    size_t x = index_of(mv, k1), y = index_of(mv, k2);
    assert_true(x != SIZE_MAX && y != SIZE_MAX);
    want[x * mv->n + y]++;
    if ((!strcmp(k1, "invest") || !strcmp(k1, "retain")) &&
        !strcmp(k2, "win_back"))
      moved++;
  }
  assert_memory_equal(mv->count, want, mv->n * mv->n * sizeof *want);
  assert_int_equal(mv->only_from, only1);
  assert_int_equal(mv->only_to, only2);
  assert_int_equal(mv->n_moved, moved);
  free(want);
  kw_migration_free(m);
  kw_runs_listing_free(l);
  kw_runs_close(db);
  /* a file from a newer schema is refused, with its path */
  sqlite3 *raw = NULL;
  assert_int_equal(sqlite3_open(db_path, &raw), SQLITE_OK);
  assert_int_equal(sqlite3_exec(raw,
                                "UPDATE meta SET value='99' WHERE "
                                "key='schema_version'",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(raw);
  assert_int_equal(kw_runs_open(ctx, db_path, &db), KW_EUNSUPPORTED);
  assert_null(db);
  assert_non_null(strstr(kw_errmsg(ctx), db_path));
  kw_analysis_free(a1);
  kw_analysis_free(a2);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

/* The summary.json of a as text (to look for its "since_last"). */
static char *summary_json(kw_context *ctx, const kw_analysis *a) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  assert_int_equal(kw_report_summary_json(ctx, a, NULL, f), KW_OK);
  fclose(f);
  return buf;
}

/* kw_runs_compare_last: nothing from an empty history, the last run of
 * a history with runs (its run number in "since_last"). */
static void test_compare_last(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_dataset *ds = load_demo(ctx);
  kw_analysis *a = run_at(ctx, ds, KW_NA_DATE);
  char path[160];
  snprintf(path, sizeof path, "%s/last.sqlite", dir);
  kw_runs *db = NULL;
  assert_int_equal(kw_runs_open(ctx, path, &db), KW_OK);
  assert_int_equal(kw_runs_compare_last(db, a), KW_OK);
  char *js = summary_json(ctx, a);
  assert_null(strstr(js, "\"since_last\""));
  free(js);
  int64_t id1 = 0, id2 = 0;
  assert_int_equal(kw_runs_record(db, ds, a, &id1), KW_OK);
  assert_int_equal(kw_runs_record(db, ds, a, &id2), KW_OK);
  assert_int_equal(kw_runs_compare_last(db, a), KW_OK);
  js = summary_json(ctx, a);
  char *at = strstr(js, "\"since_last\"");
  assert_non_null(at);
  char want[64];
  snprintf(want, sizeof want, "\"run\": %lld", (long long)id2);
  assert_non_null(strstr(at, want));
  free(js);
  kw_runs_close(db);
  kw_analysis_free(a);
  kw_dataset_free(ds);
  kw_context_free(ctx);
}

static void test_bad_path(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  kw_runs *db = NULL;
  assert_int_equal(kw_runs_open(ctx, "/nonexistent-dir/x/h.sqlite", &db),
                   KW_EIO);
  assert_null(db);
  assert_non_null(strstr(kw_errmsg(ctx), "/nonexistent-dir/x/h.sqlite"));
  kw_context_free(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_runs),
      cmocka_unit_test(test_compare_last),
      cmocka_unit_test(test_bad_path),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
