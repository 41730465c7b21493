/*
 * cmd_demo.c — `klantwijs demo`: write a synthetic data set of a Flemish
 * business (see klantwijs/demo.h for what it contains and how it is drawn).
 */
#include <stddef.h>

#include "opts.h"

typedef struct demo_opts {
  unsigned long customers, seed;
  int32_t from, to;
  const char *dir;
} demo_opts;

#define CMD(field) CLI_T_CMD, offsetof(demo_opts, field)
static const cli_opt rows_[] = {
    {"customers", 0, CLI_UINT, CMD(customers), 1, KW_DEMO_MAX_CUSTOMERS, "N",
     "2000", "opt.demo.customers", NULL},
    {"seed", 0, CLI_UINT, CMD(seed), CLI_NO_RANGE, "S", "1", "opt.demo.seed",
     NULL},
    {"from", 0, CLI_DATE, CMD(from), CLI_NO_RANGE, "DATE", "2023-01-01",
     "opt.demo.from", NULL},
    {"to", 0, CLI_DATE, CMD(to), CLI_NO_RANGE, "DATE", "2025-12-31",
     "opt.demo.to", NULL},
    {"output", 'o', CLI_STR, CMD(dir), CLI_NO_RANGE, "DIR", NULL,
     "opt.demo.output", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_lang, NULL};
const cli_spec kw_cli_demo_spec = {"demo", groups};

int kw_cli_demo(int argc, char **argv);
int kw_cli_demo(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "demo");
  kw_demo_options o;
  kw_demo_options_init(&o);
  demo_opts d = {o.customers, 1, o.start, o.end, NULL};
  void *targets[CLI_T__COUNT] = {NULL, &d, NULL, NULL};
  int code = cli_parse(&kw_cli_demo_spec, &c, targets, argc, argv);
  if (!code && c.path)
    code = cli_usage_key(&c, "cli.err.unknown_option", "opt", c.path, NULL);
  if (!code && !d.dir) code = cli_usage_key(&c, "cli.demo.missing_dir", NULL);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  o.customers = d.customers;
  o.seed = d.seed ? d.seed : 1;
  o.start = d.from;
  o.end = d.to;
  o.dir = d.dir;
  kw_status st = kw_demo_generate(c.ctx, &o);
  if (st) {
    cli_fail(&c, st); /* in the run's language; the demo's own exit codes */
    code = st == KW_ENOMEM ? KW_EXIT_INTERNAL : KW_EXIT_IO;
  }
  cli_common_free(&c);
  return code;
}
