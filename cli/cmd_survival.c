/*
 * cmd_survival.c — `klantwijs survival`: Kaplan–Meier curves of customer
 * lifetime with the log-rank test, and the shifted-beta-geometric (sBG)
 * model of contractual retention. The options are the rows below; the
 * analysis (where the durations come from: columns, contract dates or
 * purchases; the groups; the at-risk grid; one sBG fit per group) is the
 * library's kw_survival_compute (klantwijs/survival.h) and its writer
 * kw_report_survival. The command maps --duration and --event to the
 * tenure and churn roles, so that the loader reads the event column's
 * yes/no values (1/0, true/false, yes/no, ja/nee).
 */
#include <math.h>
#include <string.h>

#include "opts.h"
#include "value_opts.h"

/* --help, the manual page and the usage errors come from these rows. */

#define MAX_GROUPS 1000
#define MAX_LIST 1000

typedef enum table_pick {
  PICK_DEFAULT,
  PICK_SUMMARY,
  PICK_AT_RISK,
  PICK_CURVE
} table_pick;

typedef struct sopts {
  kw_survival_options so; /* the library's, with its defaults */
  double times[MAX_LIST];
  double survivors[MAX_LIST];
  size_t n_survivors;
  unsigned long horizon;
  double discount;
  int model_choice; /* index into "km|sbg" */
  int table_choice; /* index into "summary|at-risk|curve", -1: none */
  table_pick pick;
} sopts;

static bool parse_times(cli_common *c, void *target, const char *v);
static bool parse_survivors(cli_common *c, void *target, const char *v);

#define CMD(field) CLI_T_CMD, offsetof(sopts, field)
static const cli_opt rows_[] = {
    {"duration", 0, CLI_STR, CMD(so.duration), CLI_NO_RANGE, "COL", NULL,
     "opt.survival.duration", NULL},
    {"event", 0, CLI_STR, CMD(so.event), CLI_NO_RANGE, "COL", NULL,
     "opt.survival.event", NULL},
    {"by", 0, CLI_STR, CMD(so.by), CLI_NO_RANGE, "COL", NULL, "opt.survival.by",
     NULL},
    {"contracts", 0, CLI_FLAG, CMD(so.contracts), CLI_NO_RANGE, NULL, NULL,
     "opt.survival.contracts", NULL},
    {"gap", 0, CLI_NUM, CMD(so.churn.gap_days), 0, 1e6, "DAYS", NULL, "opt.churn.gap", NULL},
    {"gap-quantile", 0, CLI_NUM, CMD(so.churn.gap_quantile), 0.01, 1, "Q", "0.9",
     "opt.churn.gap_quantile", NULL},
    {"gap-floor", 0, CLI_NUM, CMD(so.churn.gap_floor_days), 0, 1e6, "DAYS", "30",
     "opt.churn.gap_floor", NULL},
    {"times", 0, CLI_CALL, CMD(times), CLI_NO_RANGE, "T1,T2,...", NULL,
     "opt.survival.times", parse_times},
    {"conf", 0, CLI_NUM, CMD(so.conf), 0.001, 0.999, "LEVEL", "0.95",
     "opt.survival.conf", NULL},
    {"table", 0, CLI_CHOICE, CMD(table_choice), CLI_NO_RANGE,
     "summary|at-risk|curve", NULL, "opt.survival.table", NULL},
    {"model", 0, CLI_CHOICE, CMD(model_choice), CLI_NO_RANGE, "km|sbg", "km",
     "opt.survival.model", NULL},
    {"survivors", 0, CLI_CALL, CMD(survivors), CLI_NO_RANGE, "N0,N1,...",
     NULL, "opt.survival.survivors", parse_survivors},
    {"horizon", 0, CLI_UINT, CMD(horizon), 0, 10000, "N", NULL,
     "opt.survival.horizon", NULL},
    {"discount", 0, CLI_NUM, CMD(discount), 0.0001, 9.9999, "D", NULL,
     "opt.survival.discount", NULL},
};
#undef CMD
#define COMMON(field) CLI_T_COMMON, offsetof(cli_common, field)
static const cli_opt time_rows_[] = {
    {"as-of", 0, CLI_DATE, COMMON(as_of), CLI_NO_RANGE, "DATE",
     "opt.as_of.default", "opt.as_of", NULL},
    {"unit", 0, CLI_CHOICE, COMMON(unit), CLI_NO_RANGE, "day|week|month",
     "month", "opt.survival.unit", NULL},
};
#undef COMMON
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group time_group = CLI_GROUP("cli.group.period", time_rows_);
static const cli_group *const groups[] = {&own, &time_group,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_survival_spec = {"survival", groups};

/* "1,2.5,3" into v (cli_parse_list); false on a bad number, none or too
 * many. */
static bool parse_list(const char *s, double *v, size_t max, size_t *n) {
  int k = cli_parse_list(s, v, (int)max);
  *n = k > 0 ? (size_t)k : 0;
  return k > 0;
}

static bool parse_times(cli_common *c, void *target, const char *v) {
  sopts *o = (sopts *)((char *)target - offsetof(sopts, times));
  bool ok = parse_list(v, o->times, MAX_LIST, &o->so.n_times);
  o->so.times = o->times;
  for (size_t k = 0; ok && k < o->so.n_times; k++)
    if (o->times[k] < 0) ok = false;
  if (!ok) cli_usage_key(c, "cli.err.survival_times", NULL);
  return ok;
}

static bool parse_survivors(cli_common *c, void *target, const char *v) {
  sopts *o = (sopts *)((char *)target - offsetof(sopts, survivors));
  bool ok = parse_list(v, o->survivors, MAX_LIST, &o->n_survivors) &&
            o->n_survivors >= 2;
  if (!ok) cli_usage_key(c, "cli.err.survival_survivors", NULL);
  return ok;
}

/* The analysis written by the library's writer. */
static int output(cli_common *c, const sopts *o, const kw_survival *sv) {
  kw_survival_report r;
  kw_survival_report_init(&r);
  r.format = c->format;
  r.lang = c->lang;
  r.table = (kw_km_table)o->pick;
  r.unit = kw_unit_name(c->unit);
  r.by = o->so.by;
  r.horizon = o->horizon;
  r.discount = o->discount;
  FILE *f = cli_out_open(c);
  return f ? cli_out_end(c, f, kw_report_survival(c->ctx, f, sv, &r))
           : KW_EXIT_IO;
}

/* ---------------------------------------------------------------- main */

int kw_cli_survival(int argc, char **argv);
int kw_cli_survival(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "survival");
  c.unit = KW_UNIT_MONTH;
  sopts o;
  memset(&o, 0, sizeof o);
  kw_survival_options_init(&o.so);
  o.table_choice = -1;
  char mapd[300], mape[300];
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  if (cli_parse(&kw_cli_survival_spec, &c, targets, argc, argv)) {
    cli_common_free(&c);
    return KW_EXIT_USAGE;
  }
  kw_survival_options *so = &o.so;
  so->sbg = o.model_choice == 1;
  o.pick = o.table_choice >= 0 ? (table_pick)(o.table_choice + 1)
                               : PICK_DEFAULT;
  int code = KW_EXIT_OK;
  if (o.n_survivors && !so->sbg)
    code = cli_usage_key(&c, "cli.err.survival_survivors_sbg", NULL);
  else if (o.n_survivors && (c.path || c.load.files[KW_TABLE_CUSTOMERS] ||
                             c.load.files[KW_TABLE_TRANSACTIONS]))
    code = cli_usage_key(&c, "cli.err.survival_survivors_path", NULL);
  else if (so->sbg && o.pick != PICK_DEFAULT)
    code = cli_usage_key(&c, "cli.err.survival_table_km", NULL);
  else if (so->contracts && (so->duration || so->event))
    code = cli_usage_key(&c, "cli.err.survival_sources", NULL);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_dataset *ds = NULL;
  kw_survival *sv = NULL;
  kw_status st;
  bool usage = false;
  if (o.n_survivors) {
    st = kw_survival_compute_survivors(c.ctx, o.survivors, o.n_survivors,
                                       &sv);
  } else {
    so->max_groups = MAX_GROUPS;
    so->churn.as_of = c.as_of;
    so->churn.duration_unit_days = kw_unit_days(c.unit);
    /* the event column is read as yes/no by the loader through the churn
     * role, the duration column through the tenure role */
    if (so->duration && c.load.n_maps + 2 <= CLI_MAX_MAPS) {
      snprintf(mapd, sizeof mapd, "customers.tenure=%s", so->duration);
      c.maps[c.load.n_maps++] = mapd;
    }
    if (so->event && c.load.n_maps + 2 <= CLI_MAX_MAPS) {
      snprintf(mape, sizeof mape, "customers.churn=%s", so->event);
      c.maps[c.load.n_maps++] = mape;
    }
    bool tx = kw_survival_needs_transactions(
        so, c.path || c.load.files[KW_TABLE_TRANSACTIONS]);
    code = cli_load_tables(
        &c, tx ? KW_TABLE_TRANSACTIONS : KW_TABLE_CUSTOMERS,
        tx ? (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_CUSTOMERS)
           : 1u << KW_TABLE_CUSTOMERS,
        &ds);
    if (code) goto done;
    st = kw_survival_compute(c.ctx, ds, so, &sv);
    usage = st == KW_EARG;
  }
  code = usage ? cli_usage_fail(&c) : st ? cli_fail(&c, st) : output(&c, &o, sv);
done:
  kw_survival_free(sv);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
