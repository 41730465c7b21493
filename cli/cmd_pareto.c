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
  cli_common c;
  cli_common_init(&c, "pareto");
  cli_cost k;
  cli_cost_init(&k);
  cli_view view;
  cli_view_init(&view);
  kw_pareto_options po;
  kw_pareto_options_init(&po);
  void *targets[CLI_T__COUNT] = {NULL, &po, &k, &view};
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_profit *p = NULL;
  kw_pareto *pa = NULL;
  int code = cli_parse(&kw_cli_pareto_spec, &c, targets, argc, argv);
  if (code || (code = cli_cost_prepare(&c, &k))) goto done;
  c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_COSTS);
  if ((code = cli_load(&c, &ds))) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  const kw_customer_summary *v = kw_summary_view(s);
  if (!st)
    st = kw_pareto_compute_with_profit(
        c.ctx, v, kw_dataset_table(ds, KW_TABLE_COSTS), &k.po,
        cli_cost_given(&k), &po, &pa, &p);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  kw_pareto_report rep;
  kw_pareto_report_init(&rep);
  rep.format = c.format;
  rep.lang = c.lang;
  rep.per_customer = view.per_customer;
  rep.portfolio = view.portfolio;
  rep.top = view.top;
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f, kw_report_pareto(c.ctx, f, pa, &po, v, p, &rep))
           : KW_EXIT_IO;
done:
  kw_pareto_free(pa);
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
