/*
 * cmd_pareto.c — `klantwijs pareto`: revenue concentration (the 80/20
 * rule), ABC classes, Gini, Herfindahl-Hirschman index, dependency on the
 * largest customers, repeat versus one-time customers. The analysis is
 * kw_pareto_compute_with_profit (klantwijs/value.h: it decides when the
 * contribution shares are computed), the output kw_report_pareto.
 */
#include <stddef.h>

#include "opts.h"
#include "value_opts.h"

/* A percentage into a fraction in (0, 1] (open) or [0, 1]. */
static bool pct(cli_common *c, const char *v, double *out, bool open,
                const char *key) {
  double x;
  if (cli_parse_pct(v, &x) && x <= 1 && (open ? x > 0 : x >= 0)) {
    *out = x;
    return true;
  }
  cli_usage_key(c, key, NULL);
  return false;
}
static bool set_top_share(cli_common *c, void *t, const char *v) {
  return pct(c, v, &((kw_pareto_options *)t)->top_share, true,
             "cli.pareto.top_share");
}
static bool set_target(cli_common *c, void *t, const char *v) {
  return pct(c, v, &((kw_pareto_options *)t)->target_share, true,
             "cli.pareto.target");
}
static bool set_warn_top1(cli_common *c, void *t, const char *v) {
  return pct(c, v, &((kw_pareto_options *)t)->warn_top1, false,
             "cli.pareto.warn_top1");
}
static bool set_warn_top5(cli_common *c, void *t, const char *v) {
  return pct(c, v, &((kw_pareto_options *)t)->warn_top5, false,
             "cli.pareto.warn_top5");
}
static bool set_abc(cli_common *c, void *t, const char *v) {
  kw_pareto_options *po = t;
  double x[2];
  if (cli_parse_list(v, x, 2) != 2 || !(x[0] > 0) || x[1] < 0 ||
      x[0] + x[1] > 100 + 1e-9) {
    cli_usage_key(c, "cli.pareto.abc", NULL);
    return false;
  }
  po->abc_a = x[0] / 100.0, po->abc_b = x[1] / 100.0;
  return true;
}

#define CALL(name, arg, def, help, fn)                                   \
  {name, 0, CLI_CALL, CLI_T_CMD, 0, CLI_NO_RANGE, arg, def, help, fn}
static const cli_opt rows_[] = {
    CALL("top-share", "PCT", "20", "opt.pareto.top_share", set_top_share),
    CALL("target", "PCT", "80", "opt.pareto.target", set_target),
    CALL("abc", "A,B", "80,15", "opt.pareto.abc", set_abc),
    CALL("warn-top1", "PCT", "10", "opt.pareto.warn_top1", set_warn_top1),
    CALL("warn-top5", "PCT", "50", "opt.pareto.warn_top5", set_warn_top5),
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {
    &own,           &cli_group_time,   &cli_group_view, &cli_group_cost,
    &cli_group_ingest, &cli_group_output, NULL};
const cli_spec kw_cli_pareto_spec = {"pareto", groups};

int kw_cli_pareto(int argc, char **argv);
int kw_cli_pareto(int argc, char **argv) {
  kw_pareto_options po;
  kw_pareto_options_init(&po);
  cli_value v;
  int code = cli_value_begin(&v, "pareto", &kw_cli_pareto_spec, &po, argc,
                             argv);
  if (code) return cli_value_end(&v, code);
  cli_common *c = &v.c;
  const kw_customer_summary *sv = kw_summary_view(v.s);
  kw_profit *p = NULL;
  kw_pareto *pa = NULL;
  kw_status st = kw_pareto_compute_with_profit(
      c->ctx, sv, kw_dataset_table(v.ds, KW_TABLE_COSTS), &v.k.po,
      cli_cost_given(&v.k), &po, &pa, &p);
  if (st) {
    code = cli_fail(c, st);
  } else {
    kw_pareto_report rep;
    kw_pareto_report_init(&rep);
    rep.format = c->format;
    rep.lang = c->lang;
    rep.per_customer = v.view.per_customer;
    rep.portfolio = v.view.portfolio;
    rep.top = v.view.top;
    FILE *f = cli_out_open(c);
    code = f ? cli_out_end(c, f,
                           kw_report_pareto(c->ctx, f, pa, &po, sv, p, &rep))
             : KW_EXIT_IO;
  }
  kw_pareto_free(pa);
  kw_profit_free(p);
  return cli_value_end(&v, code);
}
