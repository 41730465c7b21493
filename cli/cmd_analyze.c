/*
 * cmd_analyze.c — `klantwijs analyze`: the main job. Loads the data
 * folder, runs kw_analyze_run (every analysis the data allow and the
 * action plan), writes the report folder with kw_report_write_dir and
 * prints the one-screen summary. Everything else is library code.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "klantwijs/analyze.h"

const char kw_cli_analyze_help[] =
    "usage: klantwijs analyze [OPTIONS] PATH -o OUTDIR\n"
    "\n"
    "The main job: runs every analysis the data allow — key figures, Pareto\n"
    "and ABC, profit per customer and the whale curve, RFM segments, the CLV\n"
    "model (checked on a holdout period) with P(alive), cohort retention and\n"
    "survival, payment behaviour, cross-sell rules, NPS and acquisition cost\n"
    "— and gives every customer one action with its reason: invest,\n"
    "develop / cross-sell, retain, win back, serve at low cost, reprice or\n"
    "phase out, collect first. An analysis that a missing table or column\n"
    "rules out is named, with the reason.\n"
    "\n"
    "Writes to OUTDIR (created when missing; each file atomically):\n"
    "  index.html      the report: one self-contained page (charts inline,\n"
    "                  nothing from the network), printable to PDF\n"
    "  customers.xlsx  one row per customer (up to --xlsx-rows); one sheet\n"
    "                  per action\n"
    "  customers.csv   the same for machines\n"
    "  summary.json    every portfolio figure of the report, stable keys\n"
    "Names, e-mail addresses, phone numbers and addresses never appear\n"
    "(customer ids only); --show-names adds names. Groups of fewer than 5\n"
    "customers are merged into \"other\".\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR       the report folder (required)\n"
    "  --lang en|nl           language, number and date format (1.234,56 and\n"
    "                         01-03-2024 in nl)\n"
    "  --as-of DATE           last day observed (default: the last date)\n"
    "  --currency CODE        currency of the amounts (default: the one the\n"
    "                         data name, else EUR, said to be assumed)\n"
    "  --show-names           include customer names in the exports\n"
    "  --margin PCT           assumed gross margin where no cost is known\n"
    "  --rate TYPE=AMOUNT     cost per unit of a cost type in costs.csv\n"
    "                         (service_hours=55); repeatable\n"
    "  --config FILE          profitability settings (margin_pct, rates)\n"
    "  --rules FILE           action rules replacing the built-in ones\n"
    "  --rules-template       print the built-in action rules and exit\n"
    "  --rfm-rules FILE       RFM segment rules replacing the built-in ones\n"
    "  --clv-model M          bgnbd (default), pnbd, mbgnbd or auto (best BIC)\n"
    "  --horizon MONTHS       CLV horizon (default 12)\n"
    "  --discount PCT         yearly discount rate for CLV (default 10)\n"
    "  --holdout DAYS         days held out to check the CLV model (default a\n"
    "                         quarter of the data, 28 to 365)\n"
    "  --top N                customers listed per action in the report\n"
    "                         (default 15)\n"
    "  --xlsx-rows N          customers.xlsx has a sheet of every customer\n"
    "                         when there are at most N (default 250000)\n"
    "  --xlsx-action-rows N   customers per action sheet, highest money at\n"
    "                         stake first (default 10000); customers.csv\n"
    "                         always lists every customer\n" CLI_INGEST_HELP
    "\n"
    "Examples:\n"
    "  klantwijs analyze demo-data -o demo-report\n"
    "  klantwijs analyze exports/ --lang nl --as-of 2024-12-31 \\\n"
    "      --rate service_hours=55 --rate support_ticket=25 -o rapport\n";

#define MAX_RATES 32

typedef struct opts {
  const char *currency, *config, *rules, *rfm_rules;
  bool show_names, template_only, have_margin;
  double margin, discount;
  unsigned long horizon, holdout, top;
  unsigned long xlsx_rows, xlsx_action_rows;
  bool xlsx_rows_set, xlsx_action_rows_set;
  kw_clv_model model;
  kw_serve_rate rates[MAX_RATES];
  char rate_names[MAX_RATES][64];
  size_t n_rates;
} opts;

static bool parse_amount(const char *s, double *out) {
  char buf[64];
  size_t n = strlen(s);
  if (n == 0 || n >= sizeof buf) return false;
  for (size_t i = 0; i <= n; i++) buf[i] = s[i] == ',' ? '.' : s[i];
  return cli_parse_double(buf, out) && isfinite(*out);
}

static int parse_args(cli_common *c, opts *o, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    unsigned long u;
    double d;
    if (strcmp(argv[i], "--show-names") == 0) {
      o->show_names = true;
      continue;
    }
    if (strcmp(argv[i], "--rules-template") == 0) {
      o->template_only = true;
      continue;
    }
    if ((r = cli_opt_value("--currency", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      size_t n = strlen(v);
      if (n < 1 || n > 7) return cli_usage(c, "--currency takes a code like EUR"), -1;
      o->currency = v;
    } else if ((r = cli_opt_value("--margin", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!parse_amount(v, &d) || d < -100 || d > 100)
        return cli_usage(c, "--margin takes a percentage from -100 to 100"), -1;
      o->have_margin = true;
      o->margin = d;
    } else if ((r = cli_opt_value("--rate", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      const char *eq = strrchr(v, '=');
      if (!eq || eq == v || (size_t)(eq - v) >= sizeof o->rate_names[0] ||
          !parse_amount(eq + 1, &d) || d < 0)
        return cli_usage(c, "--rate takes TYPE=AMOUNT, like service_hours=55"),
               -1;
      if (o->n_rates >= MAX_RATES)
        return cli_usage(c, "at most %d --rate options", MAX_RATES), -1;
      memcpy(o->rate_names[o->n_rates], v, (size_t)(eq - v));
      o->rate_names[o->n_rates][eq - v] = '\0';
      o->rates[o->n_rates].type = o->rate_names[o->n_rates];
      o->rates[o->n_rates].rate = (int64_t)llround(d * 100.0);
      o->n_rates++;
    } else if ((r = cli_opt_value("--config", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      o->config = v;
    } else if ((r = cli_opt_value("--rules", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      o->rules = v;
    } else if ((r = cli_opt_value("--rfm-rules", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      o->rfm_rules = v;
    } else if ((r = cli_opt_value("--clv-model", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (strcmp(v, "auto") == 0) o->model = KW_CLV_MODEL__COUNT;
      else {
        o->model = kw_clv_model_from_name(v);
        if (o->model != KW_CLV_BGNBD && o->model != KW_CLV_PNBD &&
            o->model != KW_CLV_MBGNBD)
          return cli_usage(c, "--clv-model takes bgnbd, pnbd, mbgnbd or auto"),
                 -1;
      }
    } else if ((r = cli_opt_value("--horizon", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u < 1 || u > 120)
        return cli_usage(c, "--horizon takes 1 to 120 months"), -1;
      o->horizon = u;
    } else if ((r = cli_opt_value("--discount", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!parse_amount(v, &d) || d < 0 || d >= 100)
        return cli_usage(c, "--discount takes a yearly percentage, 0 to 99"), -1;
      o->discount = d / 100.0;
    } else if ((r = cli_opt_value("--holdout", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u < 7 || u > 3650)
        return cli_usage(c, "--holdout takes 7 to 3650 days"), -1;
      o->holdout = u;
    } else if ((r = cli_opt_value("--xlsx-rows", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u > 1048575)
        return cli_usage(c, "--xlsx-rows takes 0 to 1048575"), -1;
      o->xlsx_rows = u;
      o->xlsx_rows_set = true;
    } else if ((r = cli_opt_value("--xlsx-action-rows", argc, argv, &i, &v)) !=
               0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u > 1048575)
        return cli_usage(c, "--xlsx-action-rows takes 0 to 1048575"), -1;
      o->xlsx_action_rows = u;
      o->xlsx_action_rows_set = true;
    } else if ((r = cli_opt_value("--top", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u < 1 || u > 10000)
        return cli_usage(c, "--top takes 1 to 10000"), -1;
      o->top = u;
    } else if ((r = cli_common_option(c, argc, argv, &i)) == 0) {
      return cli_usage(c, "unknown option '%s'", argv[i]), -1;
    }
    if (r < 0) return -1;
  }
  return 0;
}

/* Progress per step, on a terminal only: one line a step (a warning
 * from a step then lands below its step's line). */
static void on_step(void *user, size_t index, size_t count, const char *key,
                    const char *label) {
  (void)user;
  (void)key;
  fprintf(stderr, "\r\033[K[%2zu/%zu] %s\n", index + 1, count, label);
  fflush(stderr);
}

/* The main job on contract data (klantwijs/subscription.h). */
static int analyze_contracts(cli_common *c, const opts *o) {
  kw_dataset *ds = NULL;
  kw_subscription *sub = NULL;
  int code = cli_load_tables(c, KW_TABLE_CUSTOMERS, 1u << KW_TABLE_CUSTOMERS,
                             &ds);
  if (code) return code;
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const char *cur = o->currency ? o->currency : "EUR";
  kw_status st = kw_subscription_analyze(c->ctx, t, &sub);
  if (!st) st = kw_subscription_write_dir(c->ctx, sub, t, c->lang, cur, c->output);
  if (!st) st = kw_subscription_console(c->ctx, sub, c->lang, cur, c->output,
                                        stdout);
  if (st) code = cli_fail(c, st);
  kw_subscription_free(sub);
  kw_dataset_free(ds);
  return code;
}

int kw_cli_analyze(int argc, char **argv);
int kw_cli_analyze(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "analyze");
  opts o;
  memset(&o, 0, sizeof o);
  o.model = KW_CLV_BGNBD;
  o.discount = NAN;
  int code = KW_EXIT_OK;
  kw_dataset *ds = NULL;
  kw_analysis *an = NULL;
  kw_action_rules *rules = NULL;
  kw_rfm_rule_file *rfm = NULL;
  kw_profit_config *pcfg = NULL;
  if (parse_args(&c, &o, argc, argv) < 0) {
    cli_common_free(&c);
    return KW_EXIT_USAGE;
  }
  kw_status st;
  if (o.template_only) {
    st = kw_action_rules_write(c.ctx, kw_action_rules_builtin(), stdout);
    code = st ? cli_fail(&c, st) : KW_EXIT_OK;
    goto done;
  }
  if (!c.output) {
    code = cli_usage(&c, "missing -o OUTDIR (the report folder)");
    goto done;
  }
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  if (o.rules && (st = kw_action_rules_load(c.ctx, o.rules, &rules))) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (o.rfm_rules && (st = kw_rfm_rules_load(c.ctx, o.rfm_rules, &rfm))) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (o.config) {
    if ((st = kw_profit_config_load(c.ctx, o.config, &pcfg))) {
      code = cli_fail(&c, st);
      goto done;
    }
    kw_profit_options po;
    kw_profit_options_init(&po);
    kw_profit_config_apply(pcfg, &po);
    ao.use_margin_pct = po.use_margin_pct;
    ao.margin_pct = po.margin_pct;
    ao.subtract_discount = po.subtract_discount;
    ao.rates = po.rates;
    ao.n_rates = po.n_rates;
  }
  if (o.n_rates) {
    ao.rates = o.rates;
    ao.n_rates = o.n_rates;
  }
  if (o.have_margin) {
    ao.use_margin_pct = true;
    ao.margin_pct = o.margin;
  }
  /* a single file with a tenure and a churn flag (contract data, like
   * the Telco export) gets the contract report; a probe on a context of
   * its own keeps its warnings away */
  if (c.path && strcmp(c.path, "-") != 0) {
    struct stat sb;
    if (stat(c.path, &sb) == 0 && S_ISREG(sb.st_mode)) {
      kw_context *pc = kw_context_new();
      kw_load_options lo = c.load;
      lo.files[KW_TABLE_CUSTOMERS] = c.path;
      lo.tables = 1u << KW_TABLE_CUSTOMERS;
      kw_dataset *probe = NULL;
      bool contracts =
          pc && kw_dataset_load(pc, &lo, &probe) == KW_OK &&
          kw_subscription_recognised(
              kw_dataset_table(probe, KW_TABLE_CUSTOMERS));
      kw_dataset_free(probe);
      kw_context_free(pc);
      if (contracts) {
        code = analyze_contracts(&c, &o);
        goto done;
      }
    }
  }
  if (!c.load.tables) c.load.tables = kw_analyze_tables();
  code = cli_load(&c, &ds);
  if (code) goto done;
  ao.as_of = c.as_of;
  ao.lang = c.lang;
  if (o.currency) ao.currency = o.currency, ao.detect_currency = false;
  ao.show_names = o.show_names;
  ao.action_rules = rules;
  ao.rfm_rules = rfm ? kw_rfm_rule_file_rules(rfm) : NULL;
  ao.clv_model = o.model;
  if (o.horizon) ao.horizon_months = (int)o.horizon;
  if (!isnan(o.discount)) ao.discount_rate = o.discount;
  if (o.holdout) ao.holdout_days = (int)o.holdout;
  if (o.top) ao.top_per_action = o.top;
  if (o.xlsx_rows_set) ao.xlsx_max_customers = o.xlsx_rows;
  if (o.xlsx_action_rows_set) ao.xlsx_max_per_action = o.xlsx_action_rows;
  bool tty = isatty(STDERR_FILENO);
  if (tty) ao.on_step = on_step;
  st = kw_analyze_run(c.ctx, ds, &ao, &an);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (tty) fputs("writing the report…", stderr);
  st = kw_report_write_dir(c.ctx, an, c.output);
  if (tty) fputs("\r\033[K", stderr);
  if (st) {
    fprintf(stderr, "klantwijs analyze: %s\n", kw_errmsg(c.ctx));
    code = st == KW_ENOMEM ? KW_EXIT_INTERNAL : KW_EXIT_IO;
    goto done;
  }
  st = kw_report_console(c.ctx, an, c.output, stdout);
  if (st || fflush(stdout) != 0) code = KW_EXIT_IO;
done:
  kw_analysis_free(an);
  kw_dataset_free(ds);
  kw_action_rules_free(rules);
  kw_rfm_rule_file_free(rfm);
  kw_profit_config_free(pcfg);
  cli_common_free(&c);
  return code;
}
