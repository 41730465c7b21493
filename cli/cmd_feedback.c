/*
 * cmd_feedback.c — `klantwijs feedback`: the voice of the customer. NPS,
 * CSAT and CES with intervals, per sector and per quarter; feedback next to
 * behaviour; the competitive position per dimension; comment themes.
 *
 * Parses options, calls kw_feedback_build (klantwijs/feedback.h) and
 * writes with kw_report_feedback.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "common.h"

const char kw_cli_feedback_help[] =
    "usage: klantwijs feedback [OPTIONS] PATH\n"
    "\n"
    "Survey answers (feedback.csv: customer, date, nps 0-10, csat, ces,\n"
    "comment, and per dimension an own rating next to a named competitor's\n"
    "rating) turned into:\n"
    "  - NPS with a 95% interval (Wald, multinomial variance), CSAT as the\n"
    "    top-2-box share (Wilson interval) and mean, CES mean (t interval)\n"
    "    with its scale (1-5 or 1-7) detected, response counts and rate;\n"
    "  - the same per sector (customers table) and per quarter, with a z\n"
    "    test of the change against the quarter before;\n"
    "  - promoters, passives and detractors side by side: share still\n"
    "    buying, revenue over the last 12 months (association, not cause);\n"
    "  - per dimension the own mean against each competitor's, the paired\n"
    "    difference, the share rating the competitor higher, the derived\n"
    "    importance (correlation with the NPS score), the\n"
    "    importance-performance grid and the customers at risk to a\n"
    "    competitor (they rate it higher on the dimension that matters most\n"
    "    and their buying slows);\n"
    "  - themes in Dutch, English and French comments that set detractors\n"
    "    apart from promoters (log-odds with an informative Dirichlet prior),\n"
    "    with up to three examples each, personal data masked.\n"
    "\n"
    "Answers without a customer id are anonymous: they count for the\n"
    "scores and themes, not for behaviour. A score over fewer than\n"
    "--min-answers answers reads \"not enough answers\"; groups of fewer\n"
    "than 5 customers are merged into \"other\".\n"
    "\n"
    "Options:\n"
    "  --as-of DATE           last day counted (default: the last answer)\n"
    "  --all-answers          count every answer (default: the latest\n"
    "                         answer per customer)\n"
    "  --min-answers N        answers a score needs (default 30)\n"
    "  --slow-days N          buying slows: purchase days in the last N days\n"
    "                         at most half the rate of the 2N days before\n"
    "                         (default 180)\n"
    "  --no-themes            leave the comments alone\n" CLI_INGEST_HELP
        CLI_OUTPUT_HELP
    "\n"
    "csv is long form: section,group,measure,value,low,high,n.\n"
    "\n"
    "Examples:\n"
    "  klantwijs feedback demo-data\n"
    "  klantwijs feedback demo-data --lang nl --all-answers\n"
    "  klantwijs feedback enquete.csv --format json -o feedback.json\n";

/* Whether dir holds one of the transactions file names (any case). */
static bool has_transactions(const char *dir) {
  static const char *const names[] = {"transactions.csv", "transacties.csv",
                                      "verkopen.csv", "sales.csv"};
  DIR *d = opendir(dir);
  if (!d) return false;
  bool found = false;
  struct dirent *e;
  while (!found && (e = readdir(d)))
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
      if (strcasecmp(e->d_name, names[k]) == 0) found = true;
  closedir(d);
  return found;
}

int kw_cli_feedback(int argc, char **argv);
int kw_cli_feedback(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "feedback");
  kw_feedback_options fo;
  kw_feedback_options_init(&fo);
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if (strcmp(argv[i], "--all-answers") == 0) {
      fo.all_answers = true;
      continue;
    }
    if (strcmp(argv[i], "--no-themes") == 0) {
      fo.themes = false;
      continue;
    }
    if ((r = cli_opt_value("--min-answers", argc, argv, &i, &v)) != 0) {
      unsigned long n;
      if (r < 0 || !cli_parse_uint(v, &n) || n < 1 || n > 1000000) {
        if (r > 0) cli_usage(&c, "--min-answers needs a number from 1");
        cli_common_free(&c);
        return KW_EXIT_USAGE;
      }
      fo.min_answers = n;
      continue;
    }
    if ((r = cli_opt_value("--slow-days", argc, argv, &i, &v)) != 0) {
      unsigned long n;
      if (r < 0 || !cli_parse_uint(v, &n) || n < 7 || n > 3650) {
        if (r > 0) cli_usage(&c, "--slow-days needs a number of days, 7-3650");
        cli_common_free(&c);
        return KW_EXIT_USAGE;
      }
      fo.slow_days = (int)n;
      continue;
    }
    r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  uint32_t tables = (1u << KW_TABLE_FEEDBACK) | (1u << KW_TABLE_CUSTOMERS);
  struct stat sb;
  bool dir = c.path && stat(c.path, &sb) == 0 && S_ISDIR(sb.st_mode);
  if ((dir && has_transactions(c.path)) ||
      c.load.files[KW_TABLE_TRANSACTIONS])
    tables |= 1u << KW_TABLE_TRANSACTIONS;
  kw_dataset *ds = NULL;
  kw_feedback *fb = NULL;
  int code = cli_load_tables(&c, KW_TABLE_FEEDBACK, tables, &ds);
  if (code) goto done;
  fo.as_of = c.as_of;
  kw_status st = kw_feedback_build(c.ctx, ds, &fo, &fb);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  kw_fb_report_options ro;
  kw_fb_report_options_init(&ro);
  ro.format = c.format;
  ro.lang = c.lang;
  st = kw_report_feedback(c.ctx, fb, &ro, f);
  if (st && st != KW_EIO) {
    cli_out_close(&c, f, false);
    code = cli_fail(&c, st);
    goto done;
  }
  code = cli_out_close(&c, f, st == KW_OK);
done:
  kw_feedback_free(fb);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
