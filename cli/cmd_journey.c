/*
 * cmd_journey.c — `klantwijs journey`: kw_journey_compute over the
 * touchpoints and first purchases, written by kw_report_journey.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

typedef struct journey_opts {
  const char *stages;
  unsigned long window;
} journey_opts;

static const cli_opt rows_[] = {
    {"stages", 0, CLI_STR, CLI_T_CMD, offsetof(journey_opts, stages),
     CLI_NO_RANGE, "LIST", NULL, "opt.journey.stages", NULL},
    {"window", 0, CLI_UINT, CLI_T_CMD, offsetof(journey_opts, window), 1,
     3650, "DAYS", "365", "opt.journey.window", NULL},
    {"as-of", 0, CLI_DATE, CLI_T_COMMON, offsetof(cli_common, as_of),
     CLI_NO_RANGE, "DATE", "opt.as_of.default", "opt.as_of", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_journey_spec = {"journey", groups};

int kw_cli_journey(int argc, char **argv);
int kw_cli_journey(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "journey");
  journey_opts o = {NULL, 365};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_journey_spec, &c, targets, argc, argv);
  kw_dataset *ds = NULL;
  kw_journey *j = NULL;
  char *list = NULL;
  const char *names[64];
  if (code) goto done;
  kw_journey_options jo;
  kw_journey_options_init(&jo);
  jo.window = (int)o.window;
  if (o.stages) {
    list = strdup(o.stages);
    if (!list) {
      code = KW_EXIT_INTERNAL;
      goto done;
    }
    size_t k = 0;
    for (char *p = strtok(list, ","); p && k < 64; p = strtok(NULL, ",")) {
      while (*p == ' ') p++;
      names[k++] = p;
    }
    jo.stages = names;
    jo.n_stages = k;
  }
  c.load.tables = 1u << KW_TABLE_TRANSACTIONS | 1u << KW_TABLE_CUSTOMERS |
                  1u << KW_TABLE_TOUCHPOINTS;
  code = cli_load(&c, &ds);
  if (code) goto done;
  jo.as_of = c.as_of;
  kw_status st = kw_journey_compute(c.ctx, ds, &jo, &j);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  FILE *f = cli_out_open(&c);
  code =
      f ? cli_out_end(&c, f, kw_report_journey(c.ctx, f, j, c.format, c.lang))
        : KW_EXIT_IO;
done:
  free(list);
  kw_journey_free(j);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
