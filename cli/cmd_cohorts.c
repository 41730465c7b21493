/*
 * cmd_cohorts.c — `klantwijs cohorts`: acquisition cohorts as heatmap-ready
 * matrices (cohort x periods since acquisition) of activity, revenue, net
 * revenue retention and cumulative revenue per acquired customer.
 *
 * The matrices come from kw_cohorts_build (definitions in retention.h);
 * this file only turns the row-major matrices into column views (one
 * column per age, a pooled "total" row under the cohorts) for the writers.
 * A cell that is not observed yet (the cohort is younger than the age) is
 * empty in the table and CSV and null in JSON.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "klantwijs/pg.h"
#include "opts.h"

static bool parse_metrics(const char *s, bool *want) {
  memset(want, 0, KW_COHORT__COUNT * sizeof *want);
  if (strcmp(s, "all") == 0) {
    for (int m = 0; m < KW_COHORT__COUNT; m++) want[m] = true;
    return true;
  }
  while (*s) {
    const char *e = strchr(s, ',');
    size_t len = e ? (size_t)(e - s) : strlen(s);
    bool ok = false;
    for (int m = 0; m < KW_COHORT__COUNT; m++) {
      const char *n = kw_cohort_metric_name((kw_cohort_metric)m);
      if (strlen(n) == len && strncmp(n, s, len) == 0) {
        want[m] = true;
        ok = true;
      }
    }
    if (!ok) return false;
    s += len;
    if (*s == ',') {
      s++;
      if (!*s) return false;
    }
  }
  return true;
}

typedef struct cohorts_opts {
  int by; /* kw_period_unit */
  bool want[KW_COHORT__COUNT];
  bool metric_given;
  unsigned long ages;
  bool pushdown;
} cohorts_opts;

static bool set_metric(cli_common *c, void *target, const char *v) {
  cohorts_opts *o = target; /* the row's target is the whole struct */
  o->metric_given = true;
  if (parse_metrics(v, o->want)) return true;
  cli_usage_key(c, "cli.err.metric", NULL);
  return false;
}

#define CMD(field) CLI_T_CMD, offsetof(cohorts_opts, field)
static const cli_opt rows_[] = {
    {"by", 0, CLI_CHOICE, CMD(by), CLI_NO_RANGE, "month|week|quarter",
     "month", "opt.cohorts.by", NULL},
    {"metric", 0, CLI_CALL, CLI_T_CMD, 0, CLI_NO_RANGE, "LIST",
     "opt.cohorts.metric.default", "opt.cohorts.metric", set_metric},
    {"ages", 0, CLI_UINT, CMD(ages), 1, 100000, "N", "opt.all",
     "opt.cohorts.ages", NULL},
    {"pushdown", 0, CLI_FLAG, CMD(pushdown), CLI_NO_RANGE, NULL, NULL,
     "opt.cohorts.pushdown", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_as_of,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_cohorts_spec = {"cohorts", groups};

int kw_cli_cohorts(int argc, char **argv);
int kw_cli_cohorts(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "cohorts");
  kw_cohort_options co;
  kw_cohort_options_init(&co);
  cohorts_opts o = {KW_PERIOD_MONTH, {false}, false, 0, false};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_cohorts_spec, &c, targets, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  co.period = (kw_period_unit)o.by;
  bool *want = o.want;
  bool metric_given = o.metric_given;
  unsigned long max_ages = o.ages;
  if (!metric_given) {
    if (c.format == KW_FORMAT_JSON)
      for (int m = 0; m < KW_COHORT__COUNT; m++) want[m] = true;
    else
      want[KW_COHORT_ACTIVE_SHARE] = true;
  }
  co.as_of = c.as_of;
  kw_dataset *ds = NULL;
  kw_cohorts *coh = NULL;
  c.load.tables = 1u << KW_TABLE_TRANSACTIONS;
  kw_status st;
  if (o.pushdown) { /* the cells come from the database, no lines */
    if ((code = cli_pushdown(&c))) goto done;
    st = kw_pg_pushdown_cohorts(c.ctx, &c.load, &co, &coh);
  } else {
    code = cli_load(&c, &ds);
    if (code) goto done;
    st = kw_cohorts_build(c.ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS),
                          &co, &coh);
  }
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  kw_cohorts_report rep;
  kw_cohorts_report_init(&rep);
  rep.format = (kw_format)c.format;
  rep.lang = (kw_lang)c.lang;
  memcpy(rep.want, want, sizeof rep.want);
  rep.max_ages = max_ages;
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f, kw_report_cohorts(c.ctx, f, coh, &rep))
           : KW_EXIT_IO;
done:
  kw_cohorts_free(coh);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
