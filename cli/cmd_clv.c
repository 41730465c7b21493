/*
 * cmd_clv.c — `klantwijs clv`: predictive customer value. Fits a purchase
 * model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, or the best of the first three
 * by BIC) and the Gamma-Gamma spend model to the calibration data, then
 * predicts per customer; with --holdout-end it evaluates the fit on the
 * purchases after the as-of date. All the work is in the library
 * (klantwijs/clv.h); this file parses options and writes the results.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "klantwijs/pg.h"
#include "opts.h"

typedef struct opts {
  int model;              /* index in model_of[] (rows); parse_args sets: */
  kw_clv_model the_model; /* KW_CLV_MODEL__COUNT = auto */
  int spend;              /* -1 not given, 0 gg, 1 none; then a bool */
  int32_t holdout_end;
  unsigned long horizon;  /* 0 = default */
  double discount;
  double margin;          /* NaN = real margins */
  double penalty;
  unsigned long count;
  unsigned long top;
  const char *patterns;
  int unit; /* the order of kw_unit; -1 not given (week; a pattern file's
               periods stay unnamed) */
  bool pushdown; /* the database counts patterns, or rows per customer */
} opts;

/* "0.01" or "1%" as a fraction. */
static bool parse_rate(const char *s, double *out) {
  size_t n = strlen(s);
  if (n && s[n - 1] == '%') {
    char buf[64];
    if (n >= sizeof buf) return false;
    memcpy(buf, s, n - 1);
    buf[n - 1] = '\0';
    if (!cli_parse_double(buf, out)) return false;
    *out /= 100.0;
    return true;
  }
  return cli_parse_double(s, out);
}

static bool set_discount(cli_common *c, void *target, const char *v) {
  double *d = target;
  if (parse_rate(v, d) && *d >= 0 && *d <= 10) return true;
  cli_usage_key(c, "cli.err.discount", NULL);
  return false;
}

/* The choices of --model, in the order of model_of(). */
static const kw_clv_model model_of[] = {KW_CLV_BGNBD, KW_CLV_MBGNBD,
                                        KW_CLV_PNBD, KW_CLV_BGBB,
                                        KW_CLV_MODEL__COUNT /* auto */};

#define CMD(field) CLI_T_CMD, offsetof(opts, field)
static const cli_opt rows_[] = {
    {"model", 0, CLI_CHOICE, CMD(model), CLI_NO_RANGE,
     "bgnbd|mbgnbd|pnbd|bgbb|auto", "bgnbd", "opt.clv.model", NULL},
    {"spend", 0, CLI_CHOICE, CMD(spend), CLI_NO_RANGE, "gg|none", "gg",
     "opt.clv.spend", NULL},
    {"unit", 0, CLI_CHOICE, CMD(unit), CLI_NO_RANGE, "day|week|month|year",
     "week", "opt.clv.unit", NULL},
    {"holdout-end", 0, CLI_DATE, CMD(holdout_end), CLI_NO_RANGE, "DATE", NULL,
     "opt.clv.holdout_end", NULL},
    {"horizon", 0, CLI_UINT, CMD(horizon), 1, 100000, "N",
     "opt.clv.horizon.default", "opt.clv.horizon", NULL},
    {"discount", 0, CLI_CALL, CMD(discount), CLI_NO_RANGE, "RATE", "0",
     "opt.clv.discount", set_discount},
    {"margin", 0, CLI_PCT, CMD(margin), 0, 100, "PCT", NULL, "opt.clv.margin",
     NULL},
    {"penalty", 0, CLI_NUM, CMD(penalty), 0, 1e6, "L2", "0",
     "opt.clv.penalty", NULL},
    {"count", 0, CLI_UINT, CMD(count), 0, 10000, "K", "0", "opt.clv.count",
     NULL},
    {"top", 0, CLI_UINT, CMD(top), CLI_NO_RANGE, "N", "20", "opt.clv.top",
     NULL},
    {"patterns", 0, CLI_STR, CMD(patterns), CLI_NO_RANGE, "FILE", NULL,
     "opt.clv.patterns", NULL},
    {"pushdown", 0, CLI_FLAG, CMD(pushdown), CLI_NO_RANGE, NULL, NULL,
     "opt.clv.pushdown", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_as_of,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_clv_spec = {"clv", groups};

static int parse_args(cli_common *c, opts *o, int argc, char **argv) {
  void *targets[CLI_T__COUNT] = {NULL, o, NULL, NULL};
  int code = cli_parse(&kw_cli_clv_spec, c, targets, argc, argv);
  if (code) return code;
  bool spend_given = o->spend >= 0;
  bool spend = o->spend != 1; /* gg unless none */
  if (o->patterns) {
    if (c->path || c->load.files[KW_TABLE_TRANSACTIONS])
      return cli_usage_key(c, "cli.clv.patterns_path", NULL);
    if (c->as_of != KW_NA_DATE || o->holdout_end != KW_NA_DATE)
      return cli_usage_key(c, "cli.clv.patterns_dates", NULL);
    if (spend_given && spend)
      return cli_usage_key(c, "cli.clv.patterns_spend", NULL);
    spend = false;
  }
  if (o->pushdown) {
    if ((code = cli_pushdown(c))) return code;
    if (o->patterns || model_of[o->model] == KW_CLV_BGBB)
      return cli_usage_key(c, "cli.clv.pushdown_only", NULL);
    spend = spend_given && spend; /* per customer with --spend gg */
  }
  if (o->holdout_end != KW_NA_DATE && c->as_of != KW_NA_DATE &&
      o->holdout_end <= c->as_of)
    return cli_usage_key(c, "cli.clv.holdout_order", NULL);
  if (o->holdout_end != KW_NA_DATE && c->as_of == KW_NA_DATE)
    return cli_usage_key(c, "cli.clv.holdout_as_of", NULL);
  if (o->unit >= 0) c->unit = (kw_unit)o->unit;
  o->spend = spend;
  o->the_model = model_of[o->model];
  return KW_EXIT_OK;
}

int kw_cli_clv(int argc, char **argv);
int kw_cli_clv(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "clv");
  c.unit = KW_UNIT_WEEK;
  opts o = {0,    KW_CLV_BGNBD, -1,   KW_NA_DATE, 0,    0, NAN,
            0,    0,            20,   NULL,       -1,   false};
  int code = parse_args(&c, &o, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_context *ctx = c.ctx;
  kw_dataset *ds = NULL;
  kw_clv_data *data = NULL;
  kw_clv_analysis *an = NULL;
  kw_status st;
  if (o.patterns) {
    st = kw_clv_data_read_patterns(ctx, o.patterns, &data);
  } else if (o.pushdown) {
    st = o.spend || o.holdout_end != KW_NA_DATE
             ? kw_pg_pushdown_clv_rows(ctx, &c.load, c.as_of, o.holdout_end,
                                       c.unit, &data)
             : kw_pg_pushdown_clv_data(ctx, &c.load, c.as_of, c.unit, &data);
  } else {
    c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_CUSTOMERS);
    c.load.amount_optional = !o.spend; /* --spend none: dates suffice */
    if ((code = cli_load(&c, &ds))) goto done;
    kw_clv_data_options dopt;
    kw_clv_data_options_init(&dopt);
    dopt.as_of = c.as_of;
    dopt.holdout_end = o.holdout_end;
    dopt.unit = c.unit;
    dopt.discrete = o.the_model == KW_CLV_BGBB;
    st = kw_clv_data_build(ctx, ds, &dopt, &data);
  }
  kw_clv_analysis_options ao;
  kw_clv_analysis_options_init(&ao);
  ao.model = o.the_model;
  ao.spend = o.spend;
  ao.unit = (kw_unit)c.unit;
  ao.horizon_observed = o.patterns != NULL;
  ao.fit.penalty = o.penalty;
  ao.predict.horizon = o.horizon;
  ao.predict.discount = o.discount;
  ao.predict.margin = o.margin;
  ao.predict.count = (unsigned)o.count;
  if (!st) st = kw_clv_analysis_compute(ctx, data, &ao, &an);
  if (st) {
    code = st == KW_EARG ? cli_usage_fail(&c) : cli_fail(&c, st);
    goto done;
  }
  const kw_clv_analysis_data *v = kw_clv_analysis_view(an);
  const kw_clv_input *d = v->input;
  kw_clv_report r;
  kw_clv_report_init(&r);
  r.format = (kw_format)c.format;
  r.lang = (kw_lang)c.lang;
  r.top = o.top;
  r.margin = o.margin;
  r.discount = o.discount;
  r.count = (unsigned)o.count;
  if (o.unit >= 0 || (o.pushdown && !d->ids)) r.pattern_unit = (int)c.unit;
  r.comparison = v->comparison;
  if (v->holdout) {
    r.evaluation = &v->holdout->ev;
    r.holdout_expected = v->holdout->expected;
    r.tracking_expected = v->holdout->tracking;
  }
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f,
                         kw_report_clv(ctx, f, d, v->fit, v->gg, v->pred,
                                       v->horizon, &r))
           : KW_EXIT_IO;
done:
  kw_clv_analysis_free(an);
  kw_clv_data_free(data);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
