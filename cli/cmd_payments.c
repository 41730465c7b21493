/*
 * cmd_payments.c — `klantwijs payments`: payment behaviour per customer
 * (days to pay, days late, late share, open and overdue money, ageing, a
 * fast / slow / problematic class) and the receivables of the portfolio
 * (DSO, overdue, the customers with the most overdue money, the revenue
 * share of customers with payment problems).
 *
 * The analysis is kw_payments_compute (klantwijs/payments.h). The sales
 * lines are optional: with them the as-of date defaults to the last sale
 * and revenue shares use revenue; without them (PATH an invoices file, or
 * a folder without a sales file) the last invoice date and the invoiced
 * amounts stand in.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "klantwijs/pg.h"
#include "opts.h"
#include "value_opts.h"

typedef struct pay_opts {
  unsigned long terms, slow_late, slow_overdue, problem_late, problem_overdue,
      dso_days;
  int klass; /* index in "fast|slow|problematic"; -1 = all */
  bool pushdown;
} pay_opts;

#define CMD(field) CLI_T_CMD, offsetof(pay_opts, field)
#define DAYS_ROW(name, field, lo, hi, def, help) \
  {name, 0, CLI_UINT, CMD(field), lo, hi, "DAYS", def, help, NULL}
/* the ranges are kw_payments_compute's; the order of the thresholds
 * (slow <= problem) is checked there */
static const cli_opt rows_[] = {
    DAYS_ROW("terms", terms, 0, 3650, "30", "opt.payments.terms"),
    DAYS_ROW("slow-late", slow_late, 0, 36500, "7", "opt.payments.slow_late"),
    DAYS_ROW("slow-overdue", slow_overdue, 0, 36500, "30", "opt.payments.slow_overdue"),
    DAYS_ROW("problem-late", problem_late, 0, 36500, "60", "opt.payments.problem_late"),
    DAYS_ROW("problem-overdue", problem_overdue, 0, 36500, "90",
             "opt.payments.problem_overdue"),
    DAYS_ROW("dso-days", dso_days, 1, 36500, "90", "opt.payments.dso_days"),
    {"class", 0, CLI_CHOICE, CMD(klass), CLI_NO_RANGE, "fast|slow|problematic",
     NULL, "opt.payments.class", NULL},
    {"pushdown", 0, CLI_FLAG, CMD(pushdown), CLI_NO_RANGE, NULL, NULL,
     "opt.payments.pushdown", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {
    &own, &cli_group_as_of, &cli_group_view, &cli_group_ingest,
    &cli_group_output, NULL};
const cli_spec kw_cli_payments_spec = {"payments", groups};

/* The invoices and, when there are any, the sales lines (by name or by
 * content in a folder, as every command finds them). */
static int load(cli_common *c, kw_dataset **ds) {
  *ds = NULL;
  if (!c->path && !c->load.files[KW_TABLE_INVOICES])
    return cli_usage_key(c, "cli.payments.missing_path", NULL);
  uint32_t want = 1u << KW_TABLE_INVOICES;
  /* a database: the sales lines only when named */
  if (!kw_pg_is_uri(c->path) || c->load.db_tables[KW_TABLE_TRANSACTIONS])
    want |= 1u << KW_TABLE_TRANSACTIONS;
  c->load.sales_optional = true;
  int code = cli_load_tables(c, KW_TABLE_INVOICES, want, ds);
  if (code || kw_dataset_table(*ds, KW_TABLE_INVOICES)) return code;
  fprintf(stderr, "klantwijs payments: %s\n",
          cli_text("cli.payments.no_invoices", c->lang));
  return KW_EXIT_INPUT;
}

/* --pushdown: the ageing and the payment behaviour per customer come
 * back from the database. */
static int pushdown(cli_common *c, const kw_payments_options *po) {
  int code = cli_pushdown(c);
  if (code) return code;
  kw_pg_ageing *a = NULL;
  kw_status st = kw_pg_pushdown_payments(c->ctx, &c->load, po, &a);
  if (st) return cli_fail(c, st);
  code = KW_EXIT_IO;
  FILE *f = cli_out_open(c);
  if (f) {
    st = kw_report_pg_ageing(c->ctx, f, a, (kw_format)c->format,
                             (kw_lang)c->lang);
    code = cli_out_close(c, f, st == KW_OK);
    if (st == KW_ENOMEM) kw_clear_error(c->ctx), code = cli_fail(c, st);
  }
  kw_pg_ageing_free(c->ctx, a);
  return code;
}

int kw_cli_payments(int argc, char **argv);
int kw_cli_payments(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "payments");
  cli_view view;
  cli_view_init(&view);
  kw_payments_options po;
  kw_payments_options_init(&po);
  pay_opts o = {(unsigned long)po.default_terms,
                (unsigned long)po.slow_days_late,
                (unsigned long)po.slow_overdue_days,
                (unsigned long)po.problem_days_late,
                (unsigned long)po.problem_overdue_days,
                (unsigned long)po.dso_days, -1, false};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, &view};
  int code = cli_parse(&kw_cli_payments_spec, &c, targets, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  po.default_terms = (int)o.terms;
  po.slow_days_late = (double)o.slow_late;
  po.slow_overdue_days = (int)o.slow_overdue;
  po.problem_days_late = (double)o.problem_late;
  po.problem_overdue_days = (int)o.problem_overdue;
  po.dso_days = (int)o.dso_days;
  po.as_of = c.as_of;
  po.top_overdue = view.top ? view.top : SIZE_MAX;
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_payments *pay = NULL;
  if (o.pushdown) {
    code = pushdown(&c, &po);
    goto done;
  }
  code = load(&c, &ds);
  if (code) goto done;
  kw_status st = KW_OK;
  if (kw_dataset_table(ds, KW_TABLE_TRANSACTIONS)) {
    st = cli_summary(&c, ds, &s);
  }
  if (!st)
    st = kw_payments_compute(c.ctx, s ? kw_summary_view(s) : NULL,
                             kw_dataset_table(ds, KW_TABLE_INVOICES), &po,
                             &pay);
  if (st) {
    code = st == KW_EARG ? cli_usage_fail(&c) : cli_fail(&c, st);
    goto done;
  }
  kw_payments_report r;
  kw_payments_report_init(&r);
  r.format = (kw_format)c.format;
  r.lang = (kw_lang)c.lang;
  r.per_customer = view.per_customer;
  r.portfolio = view.portfolio;
  r.klass = o.klass < 0 ? 0 : o.klass + 1; /* fast|slow|problematic */
  FILE *f = cli_out_open(&c);
  code = f ? cli_out_end(&c, f,
                         kw_report_payments(c.ctx, f, pay,
                                            kw_dataset_customers(ds), &po, &r))
           : KW_EXIT_IO;
done:
  kw_payments_free(pay);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
