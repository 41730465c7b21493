/*
 * klantwijs/history.h — the history of analyses in an SQLite file: each
 * run of the main job stores its date, a fingerprint of the data, the key
 * figures, and per customer the RFM segment, action, status, CLV and
 * scores; later runs are compared with earlier ones (key figures over
 * runs, migration matrices, customers who moved from one action to
 * another).
 *
 * The file's schema is versioned (table meta, key schema_version); a file
 * written by a newer schema is refused (KW_EUNSUPPORTED), an older one is
 * upgraded. Every run is written in one transaction, so a killed run
 * leaves the file as it was (SQLite's rollback journal).
 *
 * Ownership: a kw_runs is one open file, closed with kw_runs_close; the
 * lists it returns are caller-owned and freed with their *_free call.
 */
#ifndef KLANTWIJS_HISTORY_H
#define KLANTWIJS_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "klantwijs/analyze.h"
#include "klantwijs/core.h"
#include "klantwijs/data.h"
#include "klantwijs/report.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KW_RUNS_SCHEMA_VERSION 1

typedef struct kw_runs kw_runs;

/* Open (or create) the history file at path. */
KW_API kw_status kw_runs_open(kw_context *ctx, const char *path,
                              kw_runs **out);
KW_API void kw_runs_close(kw_runs *db);

/* Store the run of analysis a on dataset ds; *run_id (may be NULL) gets
 * its number. The fingerprint is a 64-bit hash of the transaction lines'
 * typed columns (customers, dates, amounts) up to the analysis's as-of
 * date, in hex. */
KW_API kw_status kw_runs_record(kw_runs *db, const kw_dataset *ds,
                                const kw_analysis *a, int64_t *run_id);

typedef struct kw_run_info {
  int64_t id;
  char created[20];       /* UTC, "2026-12-03 10:40:00" */
  int32_t as_of;
  char fingerprint[17];
  uint64_t customers, active;
  int64_t revenue;        /* cents */
  double repeat_rate, churn_rate, clv_mean, cac_mean, clv_cac, dso, nps;
  uint64_t action_count[KW_ACTION__COUNT];
} kw_run_info;

/* Give the analysis the last stored run (copied; NULL clears it): the
 * report then has a "since the last analysis" section (summary.json
 * "since_last", the HTML section) comparing its key figures and action
 * counts with that run's. */
KW_API kw_status kw_analysis_set_previous(kw_analysis *a,
                                          const kw_run_info *prev);

/* Give analysis a the last run stored in db (kw_analysis_set_previous);
 * nothing when db holds no run. */
KW_API kw_status kw_runs_compare_last(kw_runs *db, kw_analysis *a);

typedef struct kw_run_list {
  size_t n;               /* oldest first */
  const kw_run_info *run;
} kw_run_list;

typedef struct kw_runs_listing kw_runs_listing;
KW_API kw_status kw_runs_list(kw_runs *db, kw_runs_listing **out);
KW_API const kw_run_list *kw_runs_listing_view(const kw_runs_listing *l);
KW_API void kw_runs_listing_free(kw_runs_listing *l);

typedef enum kw_run_field {
  KW_RUN_SEGMENT = 0, /* RFM segment key */
  KW_RUN_ACTION,      /* action key */
  KW_RUN_STATUS       /* active | at_risk | churned */
} kw_run_field;

/*
 * How customers moved between runs `from` and `to` in one field: the
 * values (sorted; "" for a customer without one) and count[i * n + j],
 * customers with value i in `from` and j in `to`, over the customers in
 * both runs; only_from / only_to count the customers in one run only.
 * When move_from is not NULL, `moved` lists the ids of the customers whose
 * value in `from` is one of move_from[0..n_move_from) and in `to` equals
 * move_to (e.g. from invest or retain to win_back).
 */
typedef struct kw_migration_view {
  size_t n;
  const char *const *value;
  const uint64_t *count;
  uint64_t only_from, only_to;
  size_t n_moved;
  const char *const *moved;
} kw_migration_view;

typedef struct kw_migration kw_migration;
KW_API kw_status kw_runs_migration(kw_runs *db, int64_t from, int64_t to,
                                   kw_run_field field,
                                   const char *const *move_from,
                                   size_t n_move_from, const char *move_to,
                                   kw_migration **out);
KW_API const kw_migration_view *kw_migration_view_of(const kw_migration *m);
KW_API void kw_migration_free(kw_migration *m);

/*
 * Written as a table, CSV (the runs) or JSON: the key figures of every
 * run, and between runs `from` and `to` (0: the two latest) the migration
 * of action, status and RFM segment, and the customers who moved from
 * invest or retain to win back. Migration cells of 1 to 4 customers are
 * shown as "<5" (no group under 5 on its own).
 */
KW_API kw_status kw_report_history(kw_context *ctx, FILE *f, kw_runs *db,
                                   int64_t from, int64_t to, kw_format fmt,
                                   kw_lang lang);

#ifdef __cplusplus
}
#endif
#endif
