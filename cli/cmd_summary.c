/*
 * cmd_summary.c — `klantwijs summary`: the per-customer summary
 * (kw_summary_build) written by kw_report_summary, or with --pushdown the
 * summary computed by the database (klantwijs/pg.h) written by
 * kw_report_pg_summary (klantwijs/writers.h).
 */
#include <stddef.h>

#include "klantwijs/pg.h"
#include "opts.h"

typedef struct summary_opts {
  unsigned long top;
  bool pushdown;
} summary_opts;

static const cli_opt rows_[] = {
    {"top", 0, CLI_UINT, CLI_T_CMD, offsetof(summary_opts, top), CLI_NO_RANGE,
     "N", "20", "opt.summary.top", NULL},
    {"pushdown", 0, CLI_FLAG, CLI_T_CMD, offsetof(summary_opts, pushdown),
     CLI_NO_RANGE, NULL, NULL, "opt.summary.pushdown", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_time,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_summary_spec = {"summary", groups};

/* --pushdown: one row per customer comes back from the database, and the
 * (x, t_x, T) pattern counts. */
static int pushdown(cli_common *c) {
  if (!kw_pg_is_uri(c->path))
    return cli_usage_key(c, "cli.err.pushdown_uri", NULL);
  c->load.db = c->path;
  c->load.lang = (int)c->lang;
  kw_pg_summary *s = NULL;
  kw_status st = kw_pg_pushdown_summary(c->ctx, &c->load, c->as_of, &s);
  if (st) return cli_fail(c, st);
  int code = KW_EXIT_IO;
  FILE *f = cli_out_open(c);
  if (f) {
    st = kw_report_pg_summary(c->ctx, f, s, (kw_unit)c->unit,
                              (kw_format)c->format, (kw_lang)c->lang);
    code = cli_out_close(c, f, st == KW_OK);
    if (st == KW_ENOMEM) kw_clear_error(c->ctx), code = cli_fail(c, st);
  }
  kw_pg_summary_free(c->ctx, s);
  return code;
}

int kw_cli_summary(int argc, char **argv);
int kw_cli_summary(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "summary");
  summary_opts o = {20, false};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  int code = cli_parse(&kw_cli_summary_spec, &c, targets, argc, argv);
  if (!code && o.pushdown) code = pushdown(&c);
  if (code || o.pushdown || (code = cli_load(&c, &ds))) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  kw_summary_report r;
  kw_summary_report_init(&r);
  r.format = (kw_format)c.format;
  r.lang = (kw_lang)c.lang;
  r.top = o.top;
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f,
                         kw_report_summary(c.ctx, f, kw_summary_view(s), &r))
           : KW_EXIT_IO;
  if (st && st != KW_EIO) code = cli_fail(&c, st); /* not a write error */
done:
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
