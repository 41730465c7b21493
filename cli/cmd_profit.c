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
  cli_value v;
  int code = cli_value_begin(&v, "profit", &kw_cli_profit_spec, NULL, argc,
                             argv);
  if (code) return cli_value_end(&v, code);
  cli_common *c = &v.c;
  const kw_customer_summary *sv = kw_summary_view(v.s);
  kw_profit *p = NULL;
  kw_status st = kw_profit_compute(
      c->ctx, sv, kw_dataset_table(v.ds, KW_TABLE_COSTS), &v.k.po, &p);
  if (st) {
    code = cli_fail(c, st);
  } else {
    kw_profit_report r;
    kw_profit_report_init(&r);
    r.format = (kw_format)c->format;
    r.lang = (kw_lang)c->lang;
    r.per_customer = v.view.per_customer;
    r.portfolio = v.view.portfolio;
    r.top = v.view.top;
    FILE *f = cli_out_open(c);
    code = f ? cli_out_end(c, f,
                           kw_report_profit(c->ctx, f, p, sv, v.ds, &v.k.po,
                                            &r))
             : KW_EXIT_IO;
  }
  kw_profit_free(p);
  return cli_value_end(&v, code);
}
