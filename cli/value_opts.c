/*
 * value_opts.c — options and helpers shared by the customer-value commands
 * (see value_opts.h).
 */
#include "value_opts.h"

#include "opts.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- numbers */

/* Copy s with ',' as '.', at most 63 bytes; false when too long. */
static bool dotted(const char *s, char *buf) {
  size_t n = strlen(s);
  if (n == 0 || n > 63) return false;
  for (size_t i = 0; i <= n; i++) buf[i] = s[i] == ',' ? '.' : s[i];
  return true;
}

bool cli_parse_pct(const char *s, double *frac) {
  char buf[64];
  if (!dotted(s, buf)) return false;
  size_t n = strlen(buf);
  if (n > 1 && buf[n - 1] == '%') buf[n - 1] = '\0';
  double v;
  if (!cli_parse_double(buf, &v) || !isfinite(v)) return false;
  *frac = v / 100.0;
  return true;
}

int cli_parse_list(const char *s, double *out, int max) {
  int n = 0;
  const char *p = s;
  while (*p) {
    const char *e = strchr(p, ',');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    char buf[64];
    if (len == 0 || len >= sizeof buf || n >= max) return -1;
    memcpy(buf, p, len);
    buf[len] = '\0';
    if (!cli_parse_double(buf, &out[n]) || !isfinite(out[n])) return -1;
    n++;
    if (!e) break;
    p = e + 1;
    if (!*p) return -1;
  }
  return n;
}

/* ---------------------------------------------------------------- view */

void cli_view_init(cli_view *v) {
  v->per_customer = false;
  v->portfolio = false;
  v->top = 10;
}

#define VIEW(field) CLI_T_VIEW, offsetof(cli_view, field)
static const cli_opt view_rows[] = {
    {"per-customer", 0, CLI_FLAG, VIEW(per_customer), CLI_NO_RANGE, NULL, NULL,
     "opt.per_customer", NULL},
    {"portfolio", 0, CLI_FLAG, VIEW(portfolio), CLI_NO_RANGE, NULL, NULL,
     "opt.portfolio", NULL},
    {"top", 0, CLI_UINT, VIEW(top), CLI_NO_RANGE, "N", "10", "opt.top", NULL},
};
const cli_group cli_group_view = CLI_GROUP("cli.group.view", view_rows);

/* ---------------------------------------------------------------- costs */

void cli_cost_init(cli_cost *k) {
  memset(k, 0, sizeof *k);
  kw_profit_options_init(&k->po);
  k->margin = NAN;
  k->large = NAN;
}

void cli_cost_free(cli_cost *k) {
  for (size_t j = 0; j < k->n_cli; j++) free(k->types[j]);
  kw_profit_config_free(k->cfg);
  k->cfg = NULL;
  k->n_cli = 0;
}

bool cli_cost_given(const cli_cost *k) {
  return k->n_cli || k->config || !isnan(k->margin) || k->subtract ||
         !isnan(k->large);
}

static bool set_rate(cli_common *c, void *target, const char *v) {
  cli_cost *k = target; /* the row's target is the whole struct */
  const char *eq = strrchr(v, '=');
  int64_t cents;
  if (!eq || eq == v || !kw_money_parse(eq + 1, &cents) || cents < 0) {
    cli_usage_key(c, "cli.err.rate", "v", v, NULL);
    return false;
  }
  if (k->n_cli >= CLI_MAX_RATES) {
    cli_usage_key(c, "cli.err.too_many_rates", NULL);
    return false;
  }
  size_t len = (size_t)(eq - v);
  char *t = malloc(len + 1);
  if (!t) {
    fprintf(stderr, "klantwijs %s: %s\n", c->command,
            cli_text("cli.out_of_memory", c->lang));
    return false;
  }
  memcpy(t, v, len);
  t[len] = '\0';
  k->types[k->n_cli] = t;
  k->rates[k->n_cli].type = t;
  k->rates[k->n_cli].rate = cents;
  k->n_cli++;
  return true;
}

#define COST(field) CLI_T_COST, offsetof(cli_cost, field)
static const cli_opt cost_rows[] = {
    {"margin", 0, CLI_PCT, COST(margin), -100, 100, "PCT", NULL,
     "opt.margin", NULL},
    {"rate", 0, CLI_CALL, CLI_T_COST, 0, CLI_NO_RANGE, "TYPE=AMOUNT", NULL,
     "opt.rate", set_rate},
    {"config", 0, CLI_STR, COST(config), CLI_NO_RANGE, "FILE", NULL,
     "opt.config", NULL},
    {"subtract-discount", 0, CLI_FLAG, COST(subtract), CLI_NO_RANGE, NULL,
     NULL, "opt.subtract_discount", NULL},
};
static const cli_opt large_rows[] = {
    {"large", 0, CLI_PCT, COST(large), 0.1, 100, "PCT", "10",
     "opt.large", NULL},
};
const cli_group cli_group_cost = CLI_GROUP("cli.group.costs", cost_rows);
const cli_group cli_group_large = CLI_GROUP("cli.group.costs", large_rows);

int cli_cost_prepare(cli_common *c, cli_cost *k) {
  kw_profit_options_init(&k->po);
  size_t n = k->n_cli;
  if (k->config) {
    kw_status st = kw_profit_config_load(c->ctx, k->config, &k->cfg);
    if (st) return cli_fail(c, st);
    kw_profit_options fo;
    kw_profit_options_init(&fo);
    kw_profit_config_apply(k->cfg, &fo);
    k->po = fo;
    /* the file's rates after the command line's: the first match wins */
    for (size_t j = 0; j < fo.n_rates && n < CLI_MAX_RATES; j++)
      k->rates[n++] = fo.rates[j];
    if (n < k->n_cli + fo.n_rates)
      return cli_usage_key(c, "cli.err.too_many_rates", NULL);
  }
  k->po.rates = k->rates;
  k->po.n_rates = n;
  if (!isnan(k->margin)) {
    k->po.use_margin_pct = true;
    k->po.margin_pct = k->margin * 100.0;
  }
  if (k->subtract) k->po.subtract_discount = true;
  if (!isnan(k->large)) k->po.large_share = k->large;
  return KW_EXIT_OK;
}

/* ------------------------------------------------ a value command's run */

int cli_value_begin(cli_value *v, const char *name, const cli_spec *spec,
                    void *cmd, int argc, char **argv) {
  cli_common_init(&v->c, name);
  cli_cost_init(&v->k);
  cli_view_init(&v->view);
  v->ds = NULL;
  v->s = NULL;
  void *targets[CLI_T__COUNT] = {NULL, cmd, &v->k, &v->view};
  int code = cli_parse(spec, &v->c, targets, argc, argv);
  if (code || (code = cli_cost_prepare(&v->c, &v->k))) return code;
  v->c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_COSTS);
  if ((code = cli_load(&v->c, &v->ds))) return code;
  kw_status st = cli_summary(&v->c, v->ds, &v->s);
  return st ? cli_fail(&v->c, st) : KW_EXIT_OK;
}

int cli_value_end(cli_value *v, int code) {
  kw_summary_free(v->s);
  kw_dataset_free(v->ds);
  cli_cost_free(&v->k);
  cli_common_free(&v->c);
  return code;
}
