/*
 * cmd_feedback.c — `klantwijs feedback`: the voice of the customer. NPS,
 * CSAT and CES with intervals, per sector and per quarter; feedback next to
 * behaviour; the competitive position per dimension; comment themes.
 *
 * Parses its options (rows), calls kw_feedback_compute
 * (klantwijs/feedback.h) and writes with kw_report_feedback.
 */
#include <stddef.h>
#include <string.h>

#include "klantwijs/pg.h"
#include "opts.h"

typedef struct feedback_opts {
  bool all_answers, no_themes;
  unsigned long min_answers, slow_days;
} feedback_opts;

static const cli_opt rows_[] = {
    {"all-answers", 0, CLI_FLAG, CLI_T_CMD,
     offsetof(feedback_opts, all_answers), CLI_NO_RANGE, NULL, NULL,
     "opt.feedback.all_answers", NULL},
    {"min-answers", 0, CLI_UINT, CLI_T_CMD,
     offsetof(feedback_opts, min_answers), 1, 1000000, "N", "30",
     "opt.feedback.min_answers", NULL},
    {"slow-days", 0, CLI_UINT, CLI_T_CMD, offsetof(feedback_opts, slow_days),
     7, 3650, "N", "180", "opt.feedback.slow_days", NULL},
    {"no-themes", 0, CLI_FLAG, CLI_T_CMD, offsetof(feedback_opts, no_themes),
     CLI_NO_RANGE, NULL, NULL, "opt.feedback.no_themes", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_opt asof_rows[] = {
    {"as-of", 0, CLI_DATE, CLI_T_COMMON, offsetof(cli_common, as_of),
     CLI_NO_RANGE, "DATE", "opt.feedback.as_of_default", "opt.as_of", NULL},
};
static const cli_group asof = CLI_GROUP(NULL, asof_rows);
static const cli_group *const groups[] = {&own, &asof, &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_feedback_spec = {"feedback", groups};

int kw_cli_feedback(int argc, char **argv);
int kw_cli_feedback(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "feedback");
  feedback_opts o = {false, false, 30, 180};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_feedback_spec, &c, targets, argc, argv);
  kw_dataset *ds = NULL;
  kw_feedback *fb = NULL;
  if (code) goto done;
  /* the sales when there are any: a survey alone is enough */
  uint32_t tables = (1u << KW_TABLE_FEEDBACK) | (1u << KW_TABLE_CUSTOMERS);
  bool db = kw_pg_is_uri(c.path);
  if (!db || c.load.db_tables[KW_TABLE_TRANSACTIONS] ||
      !c.load.db_tables[KW_TABLE_FEEDBACK])
    tables |= 1u << KW_TABLE_TRANSACTIONS;
  c.load.sales_optional = !db;
  code = cli_load_tables(&c, KW_TABLE_FEEDBACK, tables, &ds);
  if (code) goto done;
  kw_feedback_options fo;
  kw_feedback_options_init(&fo);
  fo.as_of = c.as_of;
  fo.all_answers = o.all_answers;
  fo.themes = !o.no_themes;
  fo.min_answers = o.min_answers;
  fo.slow_days = (int)o.slow_days;
  kw_status st = kw_feedback_compute(c.ctx, ds, &fo, &fb);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  kw_fb_report_options ro;
  kw_fb_report_options_init(&ro);
  ro.format = c.format;
  ro.lang = c.lang;
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f, kw_report_feedback(c.ctx, fb, &ro, f))
           : KW_EXIT_IO;
done:
  kw_feedback_free(fb);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
