/*
 * cmd_demo.c — `klantwijs demo`: write a synthetic data set of a Flemish
 * business (see klantwijs/demo.h for what it contains and how it is drawn).
 */
#include <string.h>

#include "common.h"

const char kw_cli_demo_help[] =
    "usage: klantwijs demo [--customers N] [--seed S] [--from DATE]\n"
    "                      [--to DATE] -o DIR\n"
    "\n"
    "Writes a realistic synthetic data set of a Flemish office and IT\n"
    "supplier to DIR: customers.csv, transactions.csv (a Belgian export:\n"
    "';', decimal commas, day-first dates, Dutch headers), invoices.csv,\n"
    "costs.csv, feedback.csv, touchpoints.csv, referrals.csv, and truth.json\n"
    "with every generating parameter. Purchases follow a BG/NBD process with\n"
    "Gamma-Gamma order values; the same seed gives the same files.\n"
    "\n"
    "Options:\n"
    "  --customers N   number of customers (default 2000)\n"
    "  --seed S        random seed (default 1)\n"
    "  --from DATE     first day of the window (default 2023-01-01)\n"
    "  --to DATE       last day of the window (default 2025-12-31)\n"
    "  -o, --output DIR  the folder to write (created when missing)\n"
    "\n"
    "Examples:\n"
    "  klantwijs demo -o demo-data\n"
    "  klantwijs demo --customers 1000000 --seed 7 -o /tmp/big\n";

int kw_cli_demo(int argc, char **argv);
int kw_cli_demo(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "demo");
  kw_demo_options o;
  kw_demo_options_init(&o);
  o.seed = 1;
  int code = KW_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    const char *v;
    unsigned long u;
    int r;
    if ((r = cli_opt_value("--customers", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_uint(v, &u) || u == 0 ||
                    u > KW_DEMO_MAX_CUSTOMERS))
        r = -1, cli_usage(&c, "--customers takes a number from 1 to %u",
                          KW_DEMO_MAX_CUSTOMERS);
      else if (r > 0)
        o.customers = u;
    } else if ((r = cli_opt_value("--seed", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !cli_parse_uint(v, &u))
        r = -1, cli_usage(&c, "--seed takes a whole number");
      else if (r > 0)
        o.seed = u ? u : 1;
    } else if ((r = cli_opt_value("--from", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !cli_parse_date(v, &o.start))
        r = -1, cli_usage(&c, "--from takes a date like 2023-01-01");
    } else if ((r = cli_opt_value("--to", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !cli_parse_date(v, &o.end))
        r = -1, cli_usage(&c, "--to takes a date like 2025-12-31");
    } else if ((r = cli_opt_value("--output", argc, argv, &i, &v)) != 0 ||
               (r = cli_opt_value("-o", argc, argv, &i, &v)) != 0) {
      if (r > 0) o.dir = v;
    } else {
      r = -1;
      cli_usage(&c, "unknown option '%s'", argv[i]);
    }
    if (r < 0) {
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  if (!o.dir) {
    code = cli_usage(&c, "missing -o DIR");
    cli_common_free(&c);
    return code;
  }
  kw_status st = kw_demo_generate(c.ctx, &o);
  if (st) {
    fprintf(stderr, "klantwijs demo: %s\n", kw_errmsg(c.ctx));
    code = st == KW_ENOMEM ? KW_EXIT_INTERNAL : KW_EXIT_IO;
  }
  cli_common_free(&c);
  return code;
}
