/*
 * cmd_trends.c — `klantwijs trends`: revenue and customers per period, the
 * revenue bridge, year on year, seasonality, anomalies and customers whose
 * order rate broke (kw_trends_compute, written by kw_report_trends).
 */
#include <stddef.h>

#include "opts.h"

typedef struct trends_opts {
  int by;
  double z;
  unsigned long top;
} trends_opts;

static const cli_opt rows_[] = {
    {"by", 0, CLI_CHOICE, CLI_T_CMD, offsetof(trends_opts, by), CLI_NO_RANGE,
     "month|week|quarter", "month", "opt.trends.by", NULL},
    {"anomaly-z", 0, CLI_NUM, CLI_T_CMD, offsetof(trends_opts, z), 2, 10,
     "Z", "3.5", "opt.trends.z", NULL},
    {"top", 0, CLI_UINT, CLI_T_CMD, offsetof(trends_opts, top), CLI_NO_RANGE,
     "N", "20", "opt.trends.top", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_opt asof_rows[] = {
    {"as-of", 0, CLI_DATE, CLI_T_COMMON, offsetof(cli_common, as_of),
     CLI_NO_RANGE, "DATE", "opt.as_of.default", "opt.as_of", NULL},
};
static const cli_group asof = CLI_GROUP(NULL, asof_rows);
static const cli_group *const groups[] = {&own, &asof, &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_trends_spec = {"trends", groups};

int kw_cli_trends(int argc, char **argv);
int kw_cli_trends(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "trends");
  trends_opts o = {0, 3.5, 20};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_trends_spec, &c, targets, argc, argv);
  kw_dataset *ds = NULL;
  kw_trends *t = NULL;
  if (code) goto done;
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_trends_options to;
  kw_trends_options_init(&to);
  to.as_of = c.as_of;
  to.period = o.by == 1 ? KW_PERIOD_WEEK
              : o.by == 2 ? KW_PERIOD_QUARTER
                          : KW_PERIOD_MONTH;
  to.anomaly_z = o.z;
  kw_status st = kw_trends_compute(
      c.ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS), &to, &t);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  kw_currency_info cur;
  kw_dataset_currency(ds, NULL, &cur);
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f,
                         kw_report_trends(c.ctx, f, t, c.format, c.lang,
                                          cur.code, o.top))
           : KW_EXIT_IO;
done:
  kw_trends_free(t);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
