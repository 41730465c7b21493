/*
 * cmd_growth.c — `klantwijs referrals` and `klantwijs acquisition`: each
 * computes its result over the dataset and the per-customer summary and
 * writes it with its library writer. One runner serves both; the rows
 * differ only in the help key of --top.
 */
#include <stddef.h>

#include "opts.h"

typedef struct growth_opts {
  unsigned long top;
} growth_opts;

#define GROWTH_ROWS(cmd)                                                     \
  static const cli_opt cmd##_rows[] = {                                      \
      {"top", 0, CLI_UINT, CLI_T_CMD, offsetof(growth_opts, top),            \
       CLI_NO_RANGE, "N", "20", "opt." #cmd ".top", NULL},                   \
      {"as-of", 0, CLI_DATE, CLI_T_COMMON, offsetof(cli_common, as_of),      \
       CLI_NO_RANGE, "DATE", "opt.as_of.default", "opt.as_of", NULL},        \
  };                                                                         \
  static const cli_group cmd##_own = CLI_GROUP(NULL, cmd##_rows);            \
  static const cli_group *const cmd##_groups[] = {                           \
      &cmd##_own, &cli_group_ingest, &cli_group_output, NULL};               \
  const cli_spec kw_cli_##cmd##_spec = {#cmd, cmd##_groups};

GROWTH_ROWS(referrals)
GROWTH_ROWS(acquisition)

/* compute into *res; write res; free res */
typedef struct growth_cmd {
  kw_status (*compute)(kw_context *, const kw_dataset *,
                       const kw_customer_summary *, void **);
  kw_status (*write)(kw_context *, FILE *, const void *, kw_format, kw_lang,
                     const char *, size_t);
  void (*free)(void *);
} growth_cmd;

static int run(const char *name, const cli_spec *spec, const growth_cmd *g,
               int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, name);
  growth_opts o = {20};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(spec, &c, targets, argc, argv);
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  void *res = NULL;
  if (code) goto done;
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  if (!st) st = g->compute(c.ctx, ds, kw_summary_view(s), &res);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  kw_currency_info cur;
  kw_dataset_currency(ds, NULL, &cur);
  FILE *f = cli_out_open(&c);
  code =
      f ? cli_out_end(
              &c, f, g->write(c.ctx, f, res, c.format, c.lang, cur.code, o.top))
        : KW_EXIT_IO;
done:
  if (res) g->free(res);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}

static kw_status ref_compute(kw_context *ctx, const kw_dataset *ds,
                             const kw_customer_summary *v, void **out) {
  return kw_referrals_compute(ctx, ds, v, NULL, (kw_referrals **)out);
}
static kw_status ref_write(kw_context *ctx, FILE *f, const void *r,
                           kw_format fmt, kw_lang lang, const char *cur,
                           size_t top) {
  return kw_report_referrals(ctx, f, r, fmt, lang, cur, top);
}
static void ref_free(void *r) { kw_referrals_free(r); }

static kw_status acq_compute(kw_context *ctx, const kw_dataset *ds,
                             const kw_customer_summary *v, void **out) {
  return kw_acquisition_compute(ctx, ds, v, NULL, (kw_acquisition **)out);
}
static kw_status acq_write(kw_context *ctx, FILE *f, const void *a,
                           kw_format fmt, kw_lang lang, const char *cur,
                           size_t top) {
  return kw_report_acquisition(ctx, f, a, fmt, lang, cur, top);
}
static void acq_free(void *a) { kw_acquisition_free(a); }

int kw_cli_referrals(int argc, char **argv);
int kw_cli_referrals(int argc, char **argv) {
  static const growth_cmd g = {ref_compute, ref_write, ref_free};
  return run("referrals", &kw_cli_referrals_spec, &g, argc, argv);
}

int kw_cli_acquisition(int argc, char **argv);
int kw_cli_acquisition(int argc, char **argv) {
  static const growth_cmd g = {acq_compute, acq_write, acq_free};
  return run("acquisition", &kw_cli_acquisition_spec, &g, argc, argv);
}
