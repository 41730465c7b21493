/*
 * cmd_churn.c — `klantwijs churn`: who has churned and who is at risk,
 * churn and retention rate per period, and with --drivers what goes with
 * churn (association, not cause). The options are the rows below; every
 * choice of source, status rule (gap rule, P(alive), contracts), driver
 * rows (churn flag column or statuses, the time split against leakage)
 * and fit is the library's: kw_churn_run and
 * kw_churn_driver_analysis_compute (klantwijs/retention.h).
 */
#include <stdlib.h>
#include <string.h>

#include "opts.h"

/* --help, the manual page and the usage errors come from these rows. */

#define MAX_EXCLUDE 64

typedef enum pick {
  PICK_DEFAULT = 0,
  PICK_PERIODS,
  PICK_RECENT,
  PICK_AT_RISK,
  PICK_CUSTOMERS,
  PICK_LEVELS,
  PICK_NUMERIC,
  PICK_MODEL,
  PICK_CALIBRATION
} pick;

static const char *const pick_names[] = {
    "",       "periods", "recent",  "at-risk",    "customers",
    "levels", "numeric", "model",   "calibration"};

typedef struct copts {
  kw_churn_driver_analysis_options a; /* the library's, with its defaults */
  bool drivers;
  unsigned long risk_days, top, seed;
  int period_choice;  /* index into "month|week|quarter" */
  int p_alive_choice; /* index into "bgnbd|mbgnbd|pnbd", -1: gap rule */
  int table_choice;   /* index into the --table choices, -1: none */
  const char *exclude[MAX_EXCLUDE];
  char exclude_buf[1024];
  pick table;
} copts;

static bool parse_exclude(cli_common *c, void *target, const char *v);

#define CMD(field) CLI_T_CMD, offsetof(copts, field)
#define RULE(field) CMD(a.run.churn.field)
static const cli_opt rows_[] = {
    {"contracts", 0, CLI_FLAG, CMD(a.run.contracts), CLI_NO_RANGE, NULL, NULL,
     "opt.churn.contracts", NULL},
    {"gap", 0, CLI_NUM, RULE(gap_days), 0, 1e6, "DAYS", NULL, "opt.churn.gap",
     NULL},
    {"gap-quantile", 0, CLI_NUM, RULE(gap_quantile), 0.01, 1, "Q", "0.9",
     "opt.churn.gap_quantile", NULL},
    {"gap-floor", 0, CLI_NUM, RULE(gap_floor_days), 0, 1e6, "DAYS", "30",
     "opt.churn.gap_floor", NULL},
    {"at-risk-fraction", 0, CLI_NUM, RULE(at_risk_fraction), 0, 1, "F", "0.7",
     "opt.churn.at_risk_fraction", NULL},
    {"at-risk-days", 0, CLI_UINT, CMD(risk_days), 0, 100000, "N", "90",
     "opt.churn.at_risk_days", NULL},
    {"period", 0, CLI_CHOICE, CMD(period_choice), CLI_NO_RANGE,
     "month|week|quarter", "month", "opt.churn.period", NULL},
    {"p-alive", 0, CLI_CHOICE, CMD(p_alive_choice), CLI_NO_RANGE,
     "bgnbd|mbgnbd|pnbd", NULL, "opt.churn.p_alive", NULL},
    {"p-alive-threshold", 0, CLI_NUM, RULE(p_alive_threshold), 0.01, 0.99, "P",
     "0.5", "opt.churn.p_alive_threshold", NULL},
    {"top", 0, CLI_UINT, CMD(top), CLI_NO_RANGE, "N", "20", "opt.churn.top",
     NULL},
    {"table", 0, CLI_CHOICE, CMD(table_choice), CLI_NO_RANGE,
     "periods|recent|at-risk|customers|levels|numeric|model|calibration",
     NULL, "opt.churn.table", NULL},
};
static const cli_opt driver_rows_[] = {
    {"drivers", 0, CLI_FLAG, CMD(drivers), CLI_NO_RANGE, NULL, NULL,
     "opt.churn.drivers", NULL},
    {"event", 0, CLI_STR, CMD(a.event), CLI_NO_RANGE, "COL", NULL,
     "opt.churn.event", NULL},
    {"exclude", 0, CLI_CALL, CMD(exclude), CLI_NO_RANGE, "COL,...", NULL,
     "opt.churn.exclude", parse_exclude},
    {"holdout", 0, CLI_NUM, CMD(a.fit.holdout), 0, 0.99, "F", "0.3",
     "opt.churn.holdout", NULL},
    {"l2", 0, CLI_NUM, CMD(a.fit.l2), 0, 1e6, "L", "1", "opt.churn.l2", NULL},
    {"seed", 0, CLI_UINT, CMD(seed), CLI_NO_RANGE, "N", "1", "opt.churn.seed",
     NULL},
};
#undef RULE
#undef CMD
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group drivers_group =
    CLI_GROUP("cli.group.churn_drivers", driver_rows_);
static const cli_group *const groups[] = {&own, &drivers_group,
                                          &cli_group_time, &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_churn_spec = {"churn", groups};

/* ------------------------------------------------------------ drivers */

/* Churn drivers, computed and written by the library (from a churn flag
 * column or from the statuses: kw_churn_driver_analysis_compute). */
static int drivers(cli_common *c, const copts *o, const kw_dataset *ds) {
  kw_churn_driver_analysis *a = NULL;
  kw_status st = kw_churn_driver_analysis_compute(c->ctx, ds, &o->a, &a, NULL);
  if (st) return cli_fail(c, st);
  const kw_churn_driver_analysis_data *v = kw_churn_driver_analysis_view(a);
  kw_churn_drivers_table t =
      o->table >= PICK_LEVELS
          ? (kw_churn_drivers_table)(o->table - PICK_LEVELS + 1)
          : KW_CHURN_DRIVERS_ALL;
  FILE *f = cli_out_open(c);
  int code = f ? cli_out_end(c, f,
                             kw_report_churn_drivers(c->ctx, f, v->drivers,
                                                     v->rows, v->churn,
                                                     c->format, c->lang, t))
               : KW_EXIT_IO;
  kw_churn_driver_analysis_free(a);
  return code;
}

/* --------------------------------------------------------- churn output */

static int churn_output(cli_common *c, const copts *o, const kw_churn *ch,
                        const kw_dict *dict, const kw_customer_summary *v) {
  kw_churn_report r;
  kw_churn_report_init(&r);
  r.format = c->format;
  r.lang = c->lang;
  r.table = o->table <= PICK_CUSTOMERS ? (kw_churn_table)o->table
                                       : KW_CHURN_TABLE_ALL;
  r.top = o->top;
  FILE *f = cli_out_open(c);
  return f ? cli_out_end(c, f, kw_report_churn(c->ctx, f, ch, dict, v, &r))
           : KW_EXIT_IO;
}

/* ---------------------------------------------------------------- main */

/* --exclude COL,...: the target is copts.exclude. */
static bool parse_exclude(cli_common *c, void *target, const char *v) {
  copts *o = (copts *)((char *)target - offsetof(copts, exclude));
  size_t len = strlen(v);
  bool ok = len < sizeof o->exclude_buf;
  if (ok) {
    memcpy(o->exclude_buf, v, len + 1);
    o->a.rows.n_exclude = 0;
    for (char *p = o->exclude_buf; *p;) {
      char *e = strchr(p, ',');
      if (e) *e = 0;
      if (!*p || o->a.rows.n_exclude >= MAX_EXCLUDE) {
        ok = false;
        break;
      }
      o->exclude[o->a.rows.n_exclude++] = p;
      if (!e) break;
      p = e + 1;
    }
  }
  o->a.rows.exclude = o->exclude;
  if (!ok || o->a.rows.n_exclude == 0) {
    cli_usage_key(c, "cli.err.churn_exclude", NULL);
    return false;
  }
  return true;
}

int kw_cli_churn(int argc, char **argv);
int kw_cli_churn(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "churn");
  copts o;
  memset(&o, 0, sizeof o);
  kw_churn_driver_analysis_options_init(&o.a);
  kw_churn_options *co = &o.a.run.churn;
  o.top = 20;
  o.seed = 1;
  o.risk_days = (unsigned long)co->at_risk_days;
  o.p_alive_choice = o.table_choice = -1;
  char mape[300];
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  if (cli_parse(&kw_cli_churn_spec, &c, targets, argc, argv)) {
    cli_common_free(&c);
    return KW_EXIT_USAGE;
  }
  static const kw_period_unit periods[] = {KW_PERIOD_MONTH, KW_PERIOD_WEEK,
                                           KW_PERIOD_QUARTER};
  static const kw_clv_model models[] = {KW_CLV_BGNBD, KW_CLV_MBGNBD,
                                        KW_CLV_PNBD};
  co->period = periods[o.period_choice];
  if (o.p_alive_choice >= 0) o.a.run.p_alive_model = models[o.p_alive_choice];
  co->at_risk_days = (int32_t)o.risk_days;
  o.table = o.table_choice >= 0 ? (pick)(o.table_choice + 1) : PICK_DEFAULT;
  const char *event = o.a.event;
  int code = KW_EXIT_OK;
  bool drv_table = o.table >= PICK_LEVELS;
  if (o.drivers && o.table != PICK_DEFAULT && !drv_table)
    code = cli_usage_key(&c, "cli.err.churn_driver_table", NULL);
  else if (!o.drivers && drv_table)
    code = cli_usage_key(&c, "cli.err.churn_needs_drivers", "table",
                         pick_names[o.table], NULL);
  else if (event && !o.drivers)
    code = cli_usage_key(&c, "cli.err.churn_event", NULL);
  else if (event && o.a.run.contracts)
    code = cli_usage_key(&c, "cli.err.churn_event_contracts", NULL);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_context_set_seed(c.ctx, o.seed);
  bool tx = kw_churn_needs_transactions(
      event, c.path || c.load.files[KW_TABLE_TRANSACTIONS]);
  if (event && c.load.n_maps < CLI_MAX_MAPS) {
    snprintf(mape, sizeof mape, "customers.churn=%s", event);
    c.maps[c.load.n_maps++] = mape;
  }
  kw_dataset *ds = NULL;
  kw_churn *ch = NULL;
  kw_summary *sum = NULL;
  code = cli_load_tables(
      &c, tx ? KW_TABLE_TRANSACTIONS : KW_TABLE_CUSTOMERS,
      tx ? (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_CUSTOMERS)
         : 1u << KW_TABLE_CUSTOMERS,
      &ds);
  if (code) goto done;
  co->as_of = c.as_of;
  if (o.drivers) {
    code = drivers(&c, &o, ds);
    goto done;
  }
  kw_status st = kw_churn_run(c.ctx, ds, &o.a.run, &ch, &sum, NULL);
  if (st)
    code = st == KW_EARG ? cli_usage_fail(&c) : cli_fail(&c, st);
  else
    code = churn_output(&c, &o, ch, kw_dataset_customers(ds),
                        sum ? kw_summary_view(sum) : NULL);
done:
  kw_summary_free(sum);
  kw_churn_free(ch);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
