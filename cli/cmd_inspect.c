/*
 * cmd_inspect.c — `klantwijs inspect`: how each table was read (dialect,
 * encoding, decimal mark, date order, roles) and a data-quality report.
 */
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "opts.h"

static const cli_opt rows_[] = {
    {"today", 0, CLI_DATE, CLI_T_CMD, offsetof(kw_quality_options, today),
     CLI_NO_RANGE, "DATE", "opt.inspect.today.default", "opt.inspect.today",
     NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_inspect_spec = {"inspect", groups};

int kw_cli_inspect(int argc, char **argv);
int kw_cli_inspect(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "inspect");
  kw_quality_options qo;
  kw_quality_options_init(&qo);
  time_t now = time(NULL);
  struct tm tmv;
  gmtime_r(&now, &tmv);
  qo.today = kw_date_from_ymd(tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday);
  void *targets[CLI_T__COUNT] = {NULL, &qo, NULL, NULL};
  int code = cli_parse(&kw_cli_inspect_spec, &c, targets, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_dataset *ds = NULL;
  code = cli_load(&c, &ds);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_quality q;
  kw_status st = kw_quality_check(c.ctx, ds, &qo, &q);
  if (st) {
    code = cli_fail(&c, st);
    kw_dataset_free(ds);
    cli_common_free(&c);
    return code;
  }
  kw_inspect_report r;
  kw_inspect_report_init(&r);
  r.format = (kw_format)c.format;
  r.lang = (kw_lang)c.lang;
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f, kw_report_inspect(c.ctx, f, ds, &q, &r))
           : KW_EXIT_IO;
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
