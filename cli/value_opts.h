/*
 * value_opts.h — what the customer-value commands (profit, pareto, rfm,
 * payments) share: the cost options that build a profitability result
 * (assumed margin, cost-to-serve rates, a settings file), the view options
 * (--per-customer, --portfolio, --top), number parsing for percentages and
 * money, rounding for machine output, and sorting of customer ids.
 */
#ifndef KW_CLI_VALUE_OPTS_H
#define KW_CLI_VALUE_OPTS_H

#include "common.h"

#define CLI_MAX_RATES 64

typedef struct cli_cost {
  kw_profit_options po;
  kw_serve_rate rates[CLI_MAX_RATES]; /* command line first, then file */
  char *types[CLI_MAX_RATES];         /* owned copies of command-line types */
  size_t n_cli;                       /* rates from the command line */
  const char *config;
  kw_profit_config *cfg;
  double margin, large; /* fractions; NaN = not given */
  bool subtract;
} cli_cost;

typedef struct cli_view {
  bool per_customer;
  bool portfolio;
  unsigned long top;
} cli_view;

void cli_cost_init(cli_cost *k);
void cli_cost_free(cli_cost *k);
/* Reads --config and merges it under the command-line options into k->po.
 * Returns an exit code. */
int cli_cost_prepare(cli_common *c, cli_cost *k);
/* True when any cost option was given (profit is then worth computing even
 * without a cost column). */
bool cli_cost_given(const cli_cost *k);

void cli_view_init(cli_view *v);

/* What a value command (profit, pareto) holds from its start to its end:
 * the common options, the cost and view rows, the data and the
 * per-customer summary. */
typedef struct cli_value {
  cli_common c;
  cli_cost k;
  cli_view view;
  kw_dataset *ds;
  kw_summary *s;
} cli_value;

/* Parse argv against spec (cmd: the command's own rows' target), prepare
 * the cost options, load the sales lines and costs and build the summary.
 * Returns an exit code; call cli_value_end in every case. */
int cli_value_begin(cli_value *v, const char *name, const struct cli_spec *spec,
                    void *cmd, int argc, char **argv);
/* Free what cli_value_begin made; returns code. */
int cli_value_end(cli_value *v, int code);

/* "20", "20%", "12,5" -> 0.20, 0.20, 0.125. */
bool cli_parse_pct(const char *s, double *frac);
/* A comma-separated list of numbers ('.' decimals); returns the count or
 * -1 when malformed or longer than max. */
int cli_parse_list(const char *s, double *out, int max);

#endif
