/*
 * cmd_history.c — `klantwijs history FILE`: the key figures of every run
 * stored with `analyze --history FILE`, and how customers moved between
 * two runs (kw_runs_*, written by kw_report_history).
 */
#include <stddef.h>

#include "opts.h"

typedef struct history_opts {
  unsigned long from, to;
} history_opts;

static const cli_opt rows_[] = {
    {"from", 0, CLI_UINT, CLI_T_CMD, offsetof(history_opts, from),
     CLI_NO_RANGE, "RUN", "opt.history.from.default", "opt.history.from",
     NULL},
    {"to", 0, CLI_UINT, CLI_T_CMD, offsetof(history_opts, to), CLI_NO_RANGE,
     "RUN", "opt.history.to.default", "opt.history.to", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_output, NULL};
const cli_spec kw_cli_history_spec = {"history", groups};

int kw_cli_history(int argc, char **argv);
int kw_cli_history(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "history");
  history_opts o = {0, 0};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_history_spec, &c, targets, argc, argv);
  kw_runs *runs = NULL;
  if (code) goto done;
  if (!c.path) {
    code = cli_usage_key(&c, "cli.history.missing_file", NULL);
    goto done;
  }
  kw_status st = kw_runs_open(c.ctx, c.path, &runs);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f,
                         kw_report_history(c.ctx, f, runs, (int64_t)o.from,
                                           (int64_t)o.to, c.format, c.lang))
           : KW_EXIT_IO;
done:
  kw_runs_close(runs);
  cli_common_free(&c);
  return code;
}
