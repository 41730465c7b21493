/*
 * cmd_analyze.c — `klantwijs analyze`: the main job. Loads the data
 * folder, runs kw_analyze_run (every analysis the data allow and the
 * action plan), writes the report folder with kw_report_write_dir and
 * prints the one-screen summary. Everything else is library code.
 */
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze_timings.h"
#include "opts.h"
#include "value_opts.h"
#include "klantwijs/analyze.h"
#include "klantwijs/pg.h"
#include "klantwijs/segments.h"

typedef struct opts {
  const char *output, *currency, *rules, *rfm_rules, *fit, *history;
  bool show_names, template_only, pushdown, timings, verbose;
  double discount;
  unsigned long horizon, holdout, top;
  unsigned long xlsx_rows, xlsx_action_rows; /* ULONG_MAX = default */
  int model; /* index in model_of[] */
} opts;

/* The choices of --clv-model, in order. */
static const kw_clv_model model_of[] = {KW_CLV_BGNBD, KW_CLV_PNBD,
                                        KW_CLV_MBGNBD,
                                        KW_CLV_MODEL__COUNT /* auto */};

#define CMD(field) CLI_T_CMD, offsetof(opts, field)
#define XLSX_ROWS 1048575
static const cli_opt rows_[] = {
    {"output", 'o', CLI_STR, CMD(output), CLI_NO_RANGE, "DIR", NULL,
     "opt.analyze.output", NULL},
    {"currency", 0, CLI_CALL, CMD(currency), CLI_NO_RANGE, "CODE",
     "opt.analyze.currency.default", "opt.analyze.currency", cli_set_currency},
    {"show-names", 0, CLI_FLAG, CMD(show_names), CLI_NO_RANGE, NULL, NULL,
     "opt.analyze.show_names", NULL},
    {"rules", 0, CLI_STR, CMD(rules), CLI_NO_RANGE, "FILE", NULL,
     "opt.analyze.rules", NULL},
    {"rules-template", 0, CLI_FLAG, CMD(template_only), CLI_NO_RANGE, NULL,
     NULL, "opt.analyze.rules_template", NULL},
    {"rfm-rules", 0, CLI_STR, CMD(rfm_rules), CLI_NO_RANGE, "FILE", NULL,
     "opt.analyze.rfm_rules", NULL},
    {"fit", 0, CLI_STR, CMD(fit), CLI_NO_RANGE, "FILE", NULL,
     "opt.analyze.fit", NULL},
    {"history", 0, CLI_STR, CMD(history), CLI_NO_RANGE, "FILE", NULL,
     "opt.analyze.history", NULL},
    {"pushdown", 0, CLI_FLAG, CMD(pushdown), CLI_NO_RANGE, NULL, NULL,
     "opt.analyze.pushdown", NULL},
    {"clv-model", 0, CLI_CHOICE, CMD(model), CLI_NO_RANGE,
     "bgnbd|pnbd|mbgnbd|auto", "bgnbd", "opt.analyze.clv_model", NULL},
    {"horizon", 0, CLI_UINT, CMD(horizon), 1, 120, "MONTHS", "12",
     "opt.analyze.horizon", NULL},
    {"discount", 0, CLI_PCT, CMD(discount), 0, 99, "PCT", "10",
     "opt.analyze.discount", NULL},
    {"holdout", 0, CLI_UINT, CMD(holdout), 7, 3650, "DAYS",
     "opt.analyze.holdout.default", "opt.analyze.holdout", NULL},
    {"top", 0, CLI_UINT, CMD(top), 1, 10000, "N", "15", "opt.analyze.top",
     NULL},
    {"xlsx-rows", 0, CLI_UINT, CMD(xlsx_rows), 0, XLSX_ROWS, "N", "250000",
     "opt.analyze.xlsx_rows", NULL},
    {"xlsx-action-rows", 0, CLI_UINT, CMD(xlsx_action_rows), 0, XLSX_ROWS,
     "N", "10000", "opt.analyze.xlsx_action_rows", NULL},
    {"timings", 0, CLI_FLAG, CMD(timings), CLI_NO_RANGE, NULL, NULL,
     "opt.analyze.timings", NULL},
    {"verbose", 0, CLI_FLAG, CMD(verbose), CLI_NO_RANGE, NULL, NULL,
     "opt.analyze.verbose", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {
    &own, &cli_group_as_of, &cli_group_cost, &cli_group_ingest,
    &cli_group_lang, NULL};
const cli_spec kw_cli_analyze_spec = {"analyze", groups};

/* The main job on contract data (klantwijs/subscription.h). */
static int analyze_contracts(cli_common *c, const opts *o) {
  kw_dataset *ds = NULL;
  kw_subscription *sub = NULL;
  int code = cli_load_tables(c, KW_TABLE_CUSTOMERS, 1u << KW_TABLE_CUSTOMERS,
                             &ds);
  if (code) return code;
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  kw_currency_info cur;
  kw_dataset_currency(ds, o->currency, &cur);
  kw_status st = kw_subscription_analyze(c->ctx, t, &sub);
  if (!st)
    st = kw_subscription_write_dir(c->ctx, sub, t, (kw_lang)c->lang, &cur,
                                   c->output);
  if (!st)
    st = kw_subscription_console(c->ctx, sub, (kw_lang)c->lang, cur.code,
                                 c->output, stdout);
  if (st) code = cli_fail(c, st);
  kw_subscription_free(sub);
  kw_dataset_free(ds);
  return code;
}

int kw_cli_analyze(int argc, char **argv);
int kw_cli_analyze(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "analyze");
  opts o;
  memset(&o, 0, sizeof o);
  o.discount = NAN;
  o.xlsx_rows = o.xlsx_action_rows = ULONG_MAX;
  cli_cost k;
  cli_cost_init(&k);
  kw_dataset *ds = NULL;
  kw_analysis *an = NULL;
  kw_action_rules *rules = NULL;
  kw_rfm_rule_file *rfm = NULL;
  kw_report_lock *lock = NULL;
  kw_fit_profile *fit = NULL;
  kw_runs *runs = NULL;
  void *targets[CLI_T__COUNT] = {NULL, &o, &k, NULL};
  int code = cli_parse(&kw_cli_analyze_spec, &c, targets, argc, argv);
  if (code) goto done;
  c.output = o.output;
  kw_status st;
  if (o.template_only) {
    st = kw_action_rules_write(c.ctx, kw_action_rules_builtin(), stdout);
    code = st ? cli_fail(&c, st) : KW_EXIT_OK;
    goto done;
  }
  if (!c.output) {
    code = cli_usage_key(&c, "cli.analyze.missing_dir", NULL);
    goto done;
  }
  /* one run per report folder, from the start: a second is refused */
  if ((st = kw_report_lock_dir(c.ctx, c.output, &lock))) {
    code = cli_write_fail(&c, st);
    goto done;
  }
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  if (o.rules && (st = kw_action_rules_load(c.ctx, o.rules, &rules))) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (o.rfm_rules && (st = kw_rfm_rules_load(c.ctx, o.rfm_rules, &rfm))) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (o.fit && (st = kw_fit_profile_load(c.ctx, o.fit, &fit))) {
    code = cli_fail(&c, st);
    goto done;
  }
  ao.fit = fit;
  kw_analyze_source src; /* --pushdown: the work done in SQL */
  kw_load_options dbo = c.load;
  if (o.pushdown) {
    if (!kw_pg_is_uri(c.path)) {
      code = cli_usage_key(&c, "cli.err.pushdown_uri", NULL);
      goto done;
    }
    dbo.db = c.path;
    dbo.lang = (int)c.lang;
    kw_pg_analyze_source(&dbo, &src);
    ao.source = &src;
  }
  /* the cost options and --config, merged as for profit */
  code = cli_cost_prepare(&c, &k);
  if (code) goto done;
  ao.profit = k.po;
  /* a single file with a tenure and a churn flag (contract data, like
   * the Telco export) gets the contract report */
  if (kw_subscription_file(&c.load, c.path)) {
    code = analyze_contracts(&c, &o);
    goto done;
  }
  kw_analyze_load_options(&c.load);
  bool tty = isatty(STDERR_FILENO);
  cli_timer tm;
  cli_timer_start(&tm, (kw_lang)c.lang, o.timings || o.verbose, tty);
  code = cli_load(&c, &ds);
  if (code) goto done;
  cli_timer_stage(&tm, NULL);
  if (o.verbose) cli_timer_tables(&tm, ds);
  ao.as_of = c.as_of;
  if (o.currency) ao.currency = o.currency, ao.detect_currency = false;
  ao.action_rules = rules;
  ao.rfm_rules = rfm ? kw_rfm_rule_file_rules(rfm) : NULL;
  ao.clv_model = model_of[o.model];
  if (o.horizon) ao.horizon_months = (int)o.horizon;
  if (!isnan(o.discount)) ao.discount_rate = o.discount;
  if (o.holdout) ao.holdout_days = (int)o.holdout;
  if (o.top) ao.top_per_action = o.top;
  ao.on_step = cli_timer_on_step;
  ao.step_user = &tm;
  st = kw_analyze_run(c.ctx, ds, &ao, &an);
  cli_timer_stage(&tm, NULL);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  /* the report compares with the last stored run, when there is one */
  if (o.history && ((st = kw_runs_open(c.ctx, o.history, &runs)) ||
                    (st = kw_runs_compare_last(runs, an)))) {
    code = cli_write_fail(&c, st);
    goto done;
  }
  if (tm.progress) fputs(cli_text("cli.analyze.writing", c.lang), stderr);
  /* how the report is written: language, names, workbook limits */
  kw_report_options ro;
  kw_report_options_init(&ro);
  ro.lang = (kw_lang)c.lang;
  ro.show_names = o.show_names;
  if (o.xlsx_rows != ULONG_MAX) ro.xlsx_max_customers = o.xlsx_rows;
  if (o.xlsx_action_rows != ULONG_MAX)
    ro.xlsx_max_per_action = o.xlsx_action_rows;
  st = kw_report_write_dir(c.ctx, an, &ro, c.output);
  if (tm.progress) fputs("\r\033[K", stderr);
  cli_timer_total(&tm);
  if (st) {
    code = cli_write_fail(&c, st);
    goto done;
  }
  /* the run joins the history after its report is complete */
  if (runs && (st = kw_runs_record(runs, ds, an, NULL))) {
    code = cli_write_fail(&c, st);
    goto done;
  }
  st = kw_report_console(c.ctx, an, &ro, c.output, stdout);
  if (st || fflush(stdout) != 0) code = KW_EXIT_IO;
done:
  kw_runs_close(runs);
  kw_report_unlock_dir(lock);
  kw_analysis_free(an);
  kw_dataset_free(ds);
  kw_action_rules_free(rules);
  kw_rfm_rule_file_free(rfm);
  kw_fit_profile_free(fit);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
