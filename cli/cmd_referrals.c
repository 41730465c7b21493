/*
 * cmd_referrals.c — `klantwijs referrals`: kw_referrals_compute over the dataset
 * and its per-customer summary, written by kw_report_referrals.
 */
#include <stddef.h>

#include "opts.h"

typedef struct referrals_opts {
  unsigned long top;
} referrals_opts;

static const cli_opt rows_[] = {
    {"top", 0, CLI_UINT, CLI_T_CMD, offsetof(referrals_opts, top), CLI_NO_RANGE,
     "N", "20", "opt.referrals.top", NULL},
    {"as-of", 0, CLI_DATE, CLI_T_COMMON, offsetof(cli_common, as_of),
     CLI_NO_RANGE, "DATE", "opt.as_of.default", "opt.as_of", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_referrals_spec = {"referrals", groups};

int kw_cli_referrals(int argc, char **argv);
int kw_cli_referrals(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "referrals");
  referrals_opts o = {20};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_referrals_spec, &c, targets, argc, argv);
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_referrals *r = NULL;
  if (code) goto done;
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  if (!st) st = kw_referrals_compute(c.ctx, ds, kw_summary_view(s), NULL, &r);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  st = kw_report_referrals(c.ctx, f, r, c.format, c.lang, o.top);
  if (st) {
    cli_out_close(&c, f, false);
    code = cli_fail(&c, st);
  } else {
    code = cli_out_close(&c, f, true);
  }
done:
  kw_referrals_free(r);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
