/*
 * cmd_rfm.c — `klantwijs rfm`: recency, frequency and monetary scores per
 * customer and the named segments of a rule table.
 *
 * The analysis is kw_rfm_compute (klantwijs/value.h), where the scoring
 * rule (quantiles, ties, degenerate data, breaks) and the built-in segment
 * grid are stated; this file reads the options, a rule file when given,
 * and writes the segment table and the per-customer scores.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"
#include "value_opts.h"

typedef struct rfm_opts {
  unsigned long bins;
  double breaks[3][9];
  int nbreaks[3];
  int monetary; /* kw_rfm_monetary */
  const char *rules, *segment;
  bool segments, print_rules;
} rfm_opts;

static const char *const bopt[3] = {"--breaks-r", "--breaks-f", "--breaks-m"};

static bool set_breaks(cli_common *c, rfm_opts *o, int m, const char *v) {
  if ((o->nbreaks[m] = cli_parse_list(v, o->breaks[m], 8)) >= 1) return true;
  cli_usage_key(c, "cli.err.breaks", "opt", bopt[m], NULL);
  return false;
}
static bool set_breaks_r(cli_common *c, void *t, const char *v) {
  return set_breaks(c, t, 0, v);
}
static bool set_breaks_f(cli_common *c, void *t, const char *v) {
  return set_breaks(c, t, 1, v);
}
static bool set_breaks_m(cli_common *c, void *t, const char *v) {
  return set_breaks(c, t, 2, v);
}

#define CMD(field) CLI_T_CMD, offsetof(rfm_opts, field)
static const cli_opt rows_[] = {
    {"bins", 0, CLI_UINT, CMD(bins), 2, 9, "N", "5", "opt.rfm.bins", NULL},
    {"breaks-r", 0, CLI_CALL, CLI_T_CMD, 0, CLI_NO_RANGE, "D1,D2,...", NULL,
     "opt.rfm.breaks_r", set_breaks_r},
    {"breaks-f", 0, CLI_CALL, CLI_T_CMD, 0, CLI_NO_RANGE, "F1,F2,...", NULL,
     "opt.rfm.breaks_f", set_breaks_f},
    {"breaks-m", 0, CLI_CALL, CLI_T_CMD, 0, CLI_NO_RANGE, "M1,M2,...", NULL,
     "opt.rfm.breaks_m", set_breaks_m},
    {"monetary", 0, CLI_CHOICE, CMD(monetary), CLI_NO_RANGE,
     "revenue|contribution", "revenue", "opt.rfm.monetary", NULL},
    {"rules", 0, CLI_STR, CMD(rules), CLI_NO_RANGE, "FILE", NULL,
     "opt.rfm.rules", NULL},
    {"segment", 0, CLI_STR, CMD(segment), CLI_NO_RANGE, "KEY", NULL,
     "opt.rfm.segment", NULL},
    {"segments", 0, CLI_FLAG, CMD(segments), CLI_NO_RANGE, NULL, NULL,
     "opt.rfm.segments", NULL},
    {"print-rules", 0, CLI_FLAG, CMD(print_rules), CLI_NO_RANGE, NULL, NULL,
     "opt.rfm.print_rules", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {
    &own,           &cli_group_as_of,  &cli_group_view, &cli_group_cost,
    &cli_group_ingest, &cli_group_output, NULL};
const cli_spec kw_cli_rfm_spec = {"rfm", groups};

int kw_cli_rfm(int argc, char **argv);
int kw_cli_rfm(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "rfm");
  cli_cost k;
  cli_cost_init(&k);
  cli_view view;
  cli_view_init(&view);
  kw_rfm_options ro;
  kw_rfm_options_init(&ro);
  rfm_opts o = {.bins = 5, .nbreaks = {-1, -1, -1}};
  void *targets[CLI_T__COUNT] = {NULL, &o, &k, &view};
  int code = cli_parse(&kw_cli_rfm_spec, &c, targets, argc, argv);
  if (code) {
    cli_cost_free(&k);
    cli_common_free(&c);
    return code;
  }
  ro.bins = (int)o.bins;
  ro.monetary = (kw_rfm_monetary)o.monetary;
  const char *rules_path = o.rules, *segment = o.segment;
  bool segments_csv = o.segments, want_rules = o.print_rules;
  for (int m = 0; m < 3; m++)
    if (o.nbreaks[m] >= 0) {
      ro.breaks[m] = o.breaks[m];
      ro.n_breaks[m] = o.nbreaks[m];
    }
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_profit *p = NULL;
  kw_rfm *rf = NULL;
  kw_rfm_rule_file *rfile = NULL;
  code = cli_cost_prepare(&c, &k);
  if (code) goto done;
  kw_status st = KW_OK;
  if (rules_path) {
    st = kw_rfm_rules_load(c.ctx, rules_path, &rfile);
    if (st) {
      code = cli_fail(&c, st);
      goto done;
    }
    ro.rules = kw_rfm_rule_file_rules(rfile);
  }
  if (kw_rfm_options_check(c.ctx, &ro)) {
    code = cli_usage_fail(&c);
    goto done;
  }
  if (want_rules) { /* the rule table as a file to copy and edit */
    FILE *f = cli_out_open(&c);
    code = f ? cli_out_end(&c, f,
                           kw_report_rfm_rules(c.ctx, f, ro.rules, rules_path))
             : KW_EXIT_IO;
    goto done;
  }
  c.load.tables = (1u << KW_TABLE_TRANSACTIONS) |
                  (ro.monetary == KW_RFM_CONTRIBUTION ? 1u << KW_TABLE_COSTS
                                                      : 0);
  code = cli_load(&c, &ds);
  if (code) goto done;
  st = cli_summary(&c, ds, &s);
  const kw_customer_summary *v = kw_summary_view(s);
  if (!st && ro.monetary == KW_RFM_CONTRIBUTION) {
    if (!v->has_cost && isnan(k.margin) && !k.config) {
      code = cli_usage_key(&c, "cli.rfm.contribution_cost", NULL);
      goto done;
    }
    st = kw_profit_compute(c.ctx, v, kw_dataset_table(ds, KW_TABLE_COSTS),
                           &k.po, &p);
    ro.profit = p;
  }
  if (!st) st = kw_rfm_compute(c.ctx, v, &ro, &rf);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  size_t seg_filter = SIZE_MAX;
  if (segment && kw_rfm_segment_find(c.ctx, rf, segment, &seg_filter)) {
    code = cli_usage_fail(&c);
    goto done;
  }
  kw_rfm_report r;
  kw_rfm_report_init(&r);
  r.format = (kw_format)c.format;
  r.lang = (kw_lang)c.lang;
  r.per_customer = view.per_customer;
  r.portfolio = view.portfolio;
  r.segments = segments_csv;
  r.segment = segment ? (int)seg_filter : -1;
  r.n_breaks = (ro.breaks[0] != NULL) + (ro.breaks[1] != NULL) +
               (ro.breaks[2] != NULL);
  r.rules_name = rules_path;
  FILE *f = cli_out_open(&c);
  code =
      f ? cli_out_end(&c, f, kw_report_rfm(c.ctx, f, rf, v, &r)) : KW_EXIT_IO;
done:
  kw_rfm_free(rf);
  kw_rfm_rule_file_free(rfile);
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
