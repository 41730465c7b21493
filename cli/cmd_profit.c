/*
 * cmd_profit.c — `klantwijs profit`: contribution per customer after cost
 * of goods and cost-to-serve, and the portfolio's whale curve.
 *
 * The analysis is kw_profit_compute (klantwijs/value.h); this file only
 * reads the options, loads the sales lines and costs.csv, and writes the
 * result: portfolio figures and plain sentences on a terminal, every
 * customer's row with --per-customer or as CSV, one object with both (and
 * the whale curve points) as JSON.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"
#include "value_opts.h"

static const cli_group *const groups[] = {
    &cli_group_as_of, &cli_group_cost,   &cli_group_large, &cli_group_view,
    &cli_group_ingest, &cli_group_output, NULL};
const cli_spec kw_cli_profit_spec = {"profit", groups};

int kw_cli_profit(int argc, char **argv);
int kw_cli_profit(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "profit");
  cli_cost k;
  cli_cost_init(&k);
  cli_view view;
  cli_view_init(&view);
  void *targets[CLI_T__COUNT] = {NULL, NULL, &k, &view};
  int code = cli_parse(&kw_cli_profit_spec, &c, targets, argc, argv);
  if (code) {
    cli_cost_free(&k);
    cli_common_free(&c);
    return code;
  }
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_profit *p = NULL;
  code = cli_cost_prepare(&c, &k);
  if (code) goto done;
  c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_COSTS);
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  if (!st) {
    const kw_table *costs = kw_dataset_table(ds, KW_TABLE_COSTS);
    st = kw_profit_compute(c.ctx, kw_summary_view(s), costs, &k.po, &p);
  }
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  const kw_customer_summary *v = kw_summary_view(s);
  kw_profit_report r;
  kw_profit_report_init(&r);
  r.format = (kw_format)c.format;
  r.lang = (kw_lang)c.lang;
  r.per_customer = view.per_customer;
  r.portfolio = view.portfolio;
  r.top = view.top;
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f, kw_report_profit(c.ctx, f, p, v, ds, &k.po, &r))
           : KW_EXIT_IO;
done:
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
