/*
 * cmd_pareto.c — `klantwijs pareto`: revenue concentration (the 80/20
 * rule), ABC classes, Gini, Herfindahl-Hirschman index, dependency on the
 * largest customers, repeat versus one-time customers, and the curve
 * points for a chart.
 *
 * The analysis is kw_pareto_compute (klantwijs/value.h); when the sales
 * lines carry a cost or margin (or cost options are given) a
 * profitability result adds the top customers' share of contribution.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "value_opts.h"

const char kw_cli_pareto_help[] =
    "usage: klantwijs pareto [OPTIONS] PATH\n"
    "\n"
    "How concentrated revenue is: the share of revenue (and of contribution\n"
    "when costs are known) from the top 20% of customers, the smallest share\n"
    "of customers that makes 80% of revenue, ABC classes, the Gini\n"
    "coefficient, the Herfindahl-Hirschman index, the share of the largest 1,\n"
    "5 and 10 customers with a dependency warning, and repeat versus\n"
    "one-time customers (count, revenue share, revenue per customer and the\n"
    "ratio of the two).\n"
    "\n"
    "Customers are those with a purchase (as in every command); one whose\n"
    "returns exceed their purchases counts with revenue 0 in the ranking.\n"
    "ABC: walking down the ranking, a customer is A while the revenue before\n"
    "it is below the A share, B while below A + B, else C; equal revenues\n"
    "share a class.\n"
    "\n"
    "The terminal shows the figures, the ABC table and the top customers;\n"
    "csv gives every customer's row (rank, revenue, share, cumulative share,\n"
    "class), highest revenue first; json gives both and the Pareto and\n"
    "Lorenz curve points.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE           last day observed (default: the last sale)\n"
    "  --top-share PCT        the top share of customers (default 20)\n"
    "  --target PCT           the revenue share to reach (default 80)\n"
    "  --abc A,B              ABC class shares of revenue in % (default\n"
    "                         80,15: C is the rest)\n"
    "  --warn-top1 PCT        warn when the largest customer has more than\n"
    "                         this share of revenue (default 10)\n"
    "  --warn-top5 PCT        ... or the largest five more than this\n"
    "                         (default 50)\n"
    CLI_VIEW_HELP CLI_COST_HELP CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs pareto demo-data\n"
    "  klantwijs pareto verkopen.csv --abc 70,20 --lang nl\n"
    "  klantwijs pareto demo-data --format json -o pareto.json\n";

int kw_cli_pareto(int argc, char **argv);
int kw_cli_pareto(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "pareto");
  cli_cost k;
  cli_cost_init(&k);
  cli_view view;
  cli_view_init(&view);
  kw_pareto_options po;
  kw_pareto_options_init(&po);
  for (int i = 1; i < argc; i++) {
    const char *v;
    double x[2];
    int r = cli_view_option(&c, &view, argc, argv, &i);
    if (r == 0 && (r = cli_opt_value("--top-share", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.top_share) ||
         !(po.top_share > 0 && po.top_share <= 1)))
      r = -1, cli_usage(&c, "--top-share takes a percentage above 0, at most 100");
    if (r == 0 && (r = cli_opt_value("--target", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.target_share) ||
         !(po.target_share > 0 && po.target_share <= 1)))
      r = -1, cli_usage(&c, "--target takes a percentage above 0, at most 100");
    if (r == 0 && (r = cli_opt_value("--warn-top1", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.warn_top1) ||
         !(po.warn_top1 >= 0 && po.warn_top1 <= 1)))
      r = -1, cli_usage(&c, "--warn-top1 takes a percentage from 0 to 100");
    if (r == 0 && (r = cli_opt_value("--warn-top5", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.warn_top5) ||
         !(po.warn_top5 >= 0 && po.warn_top5 <= 1)))
      r = -1, cli_usage(&c, "--warn-top5 takes a percentage from 0 to 100");
    if (r == 0 && (r = cli_opt_value("--abc", argc, argv, &i, &v)) > 0) {
      if (cli_parse_list(v, x, 2) != 2 || !(x[0] > 0) || x[1] < 0 ||
          x[0] + x[1] > 100 + 1e-9)
        r = -1, cli_usage(&c, "--abc takes A,B in %% with A > 0, B >= 0 and "
                              "A + B <= 100 (like 80,15)");
      else
        po.abc_a = x[0] / 100.0, po.abc_b = x[1] / 100.0;
    }
    if (r == 0) r = cli_cost_option(&c, &k, argc, argv, &i);
    if (r == 0) r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_cost_free(&k);
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_profit *p = NULL;
  kw_pareto *pa = NULL;
  int code = cli_cost_prepare(&c, &k);
  if (code) goto done;
  c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_COSTS);
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  const kw_customer_summary *v = kw_summary_view(s);
  bool have_profit = !st && (v->has_cost || cli_cost_given(&k));
  if (!st && have_profit) {
    st = kw_profit_compute(c.ctx, v, kw_dataset_table(ds, KW_TABLE_COSTS),
                           &k.po, &p);
    po.profit = p;
  }
  if (!st) st = kw_pareto_compute(c.ctx, v, &po, &pa);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  kw_pareto_report rep;
  kw_pareto_report_init(&rep);
  rep.format = c.format;
  rep.lang = c.lang;
  rep.per_customer = view.per_customer;
  rep.portfolio = view.portfolio;
  rep.top = view.top;
  st = kw_report_pareto(c.ctx, f, pa, &po, v, p, &rep);
  code = cli_out_close(&c, f, st == KW_OK);
done:
  kw_pareto_free(pa);
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
