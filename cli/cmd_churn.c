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
  bool contracts, drivers;
  double gap, gap_q, gap_floor, risk_frac, holdout, l2;
  unsigned long risk_days, top, seed;
  int period_choice;  /* index into "month|week|quarter" */
  int p_alive_choice; /* index into "bgnbd|mbgnbd|pnbd", -1: gap rule */
  int table_choice;   /* index into the --table choices, -1: none */
  kw_period_unit period;
  int p_alive_model; /* -1: gap rule */
  double p_alive_threshold;
  const char *event;
  const char *exclude[MAX_EXCLUDE];
  size_t n_exclude;
  char exclude_buf[1024];
  pick table;
} copts;

static bool parse_exclude(cli_common *c, void *target, const char *v);

#define CMD(field) CLI_T_CMD, offsetof(copts, field)
static const cli_opt rows_[] = {
    {"contracts", 0, CLI_FLAG, CMD(contracts), CLI_NO_RANGE, NULL, NULL,
     "opt.churn.contracts", NULL},
    {"gap", 0, CLI_NUM, CMD(gap), 0, 1e6, "DAYS", NULL, "opt.churn.gap", NULL},
    {"gap-quantile", 0, CLI_NUM, CMD(gap_q), 0, 1, "Q", "0.9",
     "opt.churn.gap_quantile", NULL},
    {"gap-floor", 0, CLI_NUM, CMD(gap_floor), 0, 1e6, "DAYS", "30",
     "opt.churn.gap_floor", NULL},
    {"at-risk-fraction", 0, CLI_NUM, CMD(risk_frac), 0, 1, "F", "0.7",
     "opt.churn.at_risk_fraction", NULL},
    {"at-risk-days", 0, CLI_UINT, CMD(risk_days), 0, 100000, "N", "90",
     "opt.churn.at_risk_days", NULL},
    {"period", 0, CLI_CHOICE, CMD(period_choice), CLI_NO_RANGE,
     "month|week|quarter", "month", "opt.churn.period", NULL},
    {"p-alive", 0, CLI_CHOICE, CMD(p_alive_choice), CLI_NO_RANGE,
     "bgnbd|mbgnbd|pnbd", NULL, "opt.churn.p_alive", NULL},
    {"p-alive-threshold", 0, CLI_NUM, CMD(p_alive_threshold), 0.01, 0.99, "P",
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
    {"event", 0, CLI_STR, CMD(event), CLI_NO_RANGE, "COL", NULL,
     "opt.churn.event", NULL},
    {"exclude", 0, CLI_CALL, CMD(exclude), CLI_NO_RANGE, "COL,...", NULL,
     "opt.churn.exclude", parse_exclude},
    {"holdout", 0, CLI_NUM, CMD(holdout), 0, 0.99, "F", "0.3",
     "opt.churn.holdout", NULL},
    {"l2", 0, CLI_NUM, CMD(l2), 0, 1e6, "L", "1", "opt.churn.l2", NULL},
    {"seed", 0, CLI_UINT, CMD(seed), CLI_NO_RANGE, "N", "1", "opt.churn.seed",
     NULL},
};
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
static int drivers(cli_common *c, const copts *o, const kw_dataset *ds,
                   const kw_churn_run_options *ro) {
  kw_churn_driver_analysis_options ao;
  kw_churn_driver_analysis_options_init(&ao);
  ao.run = *ro;
  ao.event = o->event;
  ao.rows = (kw_churn_driver_rows_options){o->exclude, o->n_exclude};
  ao.fit.holdout = o->holdout;
  ao.fit.l2 = o->l2;
  kw_churn_driver_analysis *a = NULL;
  kw_status st = kw_churn_driver_analysis_compute(c->ctx, ds, &ao, &a, NULL);
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
  r.period = o->period;
  r.gap_quantile = o->gap_q;
  r.gap_floor = o->gap_floor;
  r.at_risk_fraction = o->risk_frac;
  r.at_risk_days = o->risk_days;
  r.p_alive_model = o->p_alive_model >= 0
                        ? kw_clv_model_name((kw_clv_model)o->p_alive_model)
                        : NULL;
  r.p_alive_threshold = o->p_alive_threshold;
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
    o->n_exclude = 0;
    for (char *p = o->exclude_buf; *p;) {
      char *e = strchr(p, ',');
      if (e) *e = 0;
      if (!*p || o->n_exclude >= MAX_EXCLUDE) {
        ok = false;
        break;
      }
      o->exclude[o->n_exclude++] = p;
      if (!e) break;
      p = e + 1;
    }
  }
  if (!ok || o->n_exclude == 0) {
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
  o.top = 20;
  o.holdout = 0.3;
  o.l2 = 1.0;
  o.seed = 1;
  o.gap_q = 0.9;
  o.gap_floor = 30;
  o.risk_frac = 0.7;
  o.risk_days = 90;
  o.period = KW_PERIOD_MONTH;
  o.p_alive_model = -1;
  o.p_alive_threshold = 0.5;
  o.period_choice = 0;
  o.p_alive_choice = -1;
  o.table_choice = -1;
  char mape[300];
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  if (cli_parse(&kw_cli_churn_spec, &c, targets, argc, argv)) {
    cli_common_free(&c);
    return KW_EXIT_USAGE;
  }
  static const kw_period_unit periods[] = {KW_PERIOD_MONTH, KW_PERIOD_WEEK,
                                           KW_PERIOD_QUARTER};
  o.period = periods[o.period_choice >= 0 && o.period_choice < 3
                         ? o.period_choice
                         : 0];
  static const char *const models[] = {"bgnbd", "mbgnbd", "pnbd"};
  if (o.p_alive_choice >= 0 && o.p_alive_choice < 3)
    o.p_alive_model = (int)kw_clv_model_from_name(models[o.p_alive_choice]);
  o.table = o.table_choice >= 0 ? (pick)(o.table_choice + 1) : PICK_DEFAULT;
  int code = KW_EXIT_OK;
  bool drv_table = o.table >= PICK_LEVELS;
  if (o.drivers && o.table != PICK_DEFAULT && !drv_table)
    code = cli_usage_key(&c, "cli.err.churn_driver_table", NULL);
  else if (!o.drivers && drv_table)
    code = cli_usage_key(&c, "cli.err.churn_needs_drivers", "table",
                         pick_names[o.table], NULL);
  else if (o.event && !o.drivers)
    code = cli_usage_key(&c, "cli.err.churn_event", NULL);
  else if (o.event && o.contracts)
    code = cli_usage_key(&c, "cli.err.churn_event_contracts", NULL);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_context_set_seed(c.ctx, o.seed);
  bool tx = kw_churn_needs_transactions(
      o.event, c.path || c.load.files[KW_TABLE_TRANSACTIONS]);
  if (o.event && c.load.n_maps < CLI_MAX_MAPS) {
    snprintf(mape, sizeof mape, "customers.churn=%s", o.event);
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
  kw_churn_run_options ro;
  kw_churn_run_options_init(&ro);
  kw_churn_options *co = &ro.churn;
  co->as_of = c.as_of;
  co->period = o.period;
  if (o.gap > 0) co->gap_days = o.gap;
  co->gap_quantile = o.gap_q;
  co->gap_floor_days = o.gap_floor;
  co->at_risk_fraction = o.risk_frac;
  co->at_risk_days = (int32_t)o.risk_days;
  co->p_alive_threshold = o.p_alive_threshold;
  ro.contracts = o.contracts;
  ro.p_alive_model = o.p_alive_model;
  if (o.drivers) {
    code = drivers(&c, &o, ds, &ro);
    goto done;
  }
  kw_status st = kw_churn_run(c.ctx, ds, &ro, &ch, &sum, NULL);
  if (st)
    code = cli_fail(&c, st);
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
