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
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "value_opts.h"

const char kw_cli_payments_help[] =
    "usage: klantwijs payments [OPTIONS] PATH\n"
    "\n"
    "From the invoices (invoice date, amount, paid date, and a due date or\n"
    "payment terms; an invoice paid in parts is several rows with the same\n"
    "number, a credit note a negative row): per customer the amount-weighted\n"
    "mean days to pay and days late (paid after the due date; early counts\n"
    "as 0), the share of settled invoices paid late, open and overdue\n"
    "amounts, ageing buckets (not yet due, 1-30, 31-60, 61-90, over 90 days\n"
    "past due) and a class: problematic when days late > 60 or an open\n"
    "invoice is more than 90 days past due, else slow when days late > 7 or\n"
    "an open invoice is more than 30 days past due, else fast.\n"
    "\n"
    "Portfolio: DSO = open amount / invoiced in the last 90 days x 90, total\n"
    "overdue and its ageing, the customers with the most overdue money, and\n"
    "the share of revenue from slow and problematic payers.\n"
    "\n"
    "Everything is seen at --as-of: invoices issued later are left out and a\n"
    "payment after it counts as open. PATH is a data folder (invoices.csv,\n"
    "with transactions.csv when present) or an invoices file.\n"
    "\n"
    "The terminal shows the figures, the ageing and the customers with the\n"
    "most overdue money; csv gives every invoiced customer's row; json\n"
    "gives both.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE           the day seen (default: the last sale, or the\n"
    "                         last invoice date without sales lines)\n"
    "  --terms DAYS           payment terms for rows without due date or\n"
    "                         terms (default 30)\n"
    "  --slow-late DAYS       slow above this many days late (default 7)\n"
    "  --slow-overdue DAYS    ... or an open invoice this long past due (30)\n"
    "  --problem-late DAYS    problematic above this (default 60)\n"
    "  --problem-overdue DAYS ... or an open invoice this long past due (90)\n"
    "  --dso-days N           the DSO window in days (default 90)\n"
    "  --class CLASS          per-customer rows of one class only (fast,\n"
    "                         slow, problematic)\n"
    CLI_VIEW_HELP
    "                         (--top also sets the most-overdue list)\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs payments demo-data\n"
    "  klantwijs payments facturen.csv --as-of 2025-06-30 --lang nl\n"
    "  klantwijs payments demo-data --class problematic --format csv\n";

static const char *const class_keys[] = {"none", "fast", "slow",
                                         "problematic"};
static const char *const class_en[] = {"", "fast", "slow", "problematic"};
static const char *const class_nl[] = {"", "snel", "traag", "problematisch"};

/* Default file names per table, space-separated (klantwijs/data.h). */
static const char *const table_files[] = {
#define KW_X_TABLE(e, name, files) files,
    KW_TABLE_LIST(KW_X_TABLE)
#undef KW_X_TABLE
};

/* True when dir holds a transactions file under one of its default names
 * (any case), as kw_dataset_load would find it. */
static bool dir_has_sales(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return false;
  const char *names = table_files[KW_TABLE_TRANSACTIONS];
  bool found = false;
  struct dirent *e;
  while (!found && (e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    for (const char *p = names; *p && !found;) {
      size_t w = strcspn(p, " ");
      if (w == len && strncasecmp(p, e->d_name, len) == 0) found = true;
      p += w;
      while (*p == ' ') p++;
    }
  }
  closedir(d);
  return found;
}

/* Load the invoices and, when there are any, the sales lines. */
static int load(cli_common *c, kw_dataset **ds) {
  *ds = NULL;
  uint32_t want = 1u << KW_TABLE_INVOICES;
  struct stat sb;
  bool is_dir = c->path && strcmp(c->path, "-") != 0 &&
                stat(c->path, &sb) == 0 && S_ISDIR(sb.st_mode);
  if (c->path && !is_dir) {
    if (c->load.files[KW_TABLE_INVOICES])
      return cli_usage(c, "PATH and --invoices both name a file");
    c->load.files[KW_TABLE_INVOICES] = c->path;
  }
  if (is_dir) c->load.dir = c->path;
  if (!c->path && !c->load.files[KW_TABLE_INVOICES])
    return cli_usage(c, "missing PATH (a data folder or an invoices file)");
  if (c->load.files[KW_TABLE_TRANSACTIONS] ||
      (is_dir && dir_has_sales(c->path)))
    want |= 1u << KW_TABLE_TRANSACTIONS;
  c->load.tables = want;
  c->load.lang = (int)c->lang;
  kw_status st = kw_dataset_load(c->ctx, &c->load, ds);
  if (st) return cli_fail(c, st);
  if (!kw_dataset_table(*ds, KW_TABLE_INVOICES)) {
    fprintf(stderr,
            "klantwijs payments: no invoices table: put invoices.csv (or "
            "facturen.csv) in the folder or give --invoices FILE\n");
    return KW_EXIT_INPUT;
  }
  return KW_EXIT_OK;
}

static int parse_days(cli_common *c, const char *opt, const char *v,
                      double *out) {
  unsigned long d;
  if (!cli_parse_uint(v, &d) || d > 36500) {
    cli_usage(c, "%s takes a number of days", opt);
    return -1;
  }
  *out = (double)d;
  return 1;
}

static void portfolio_kv(kw_kv *kv, size_t *nkv, const kw_payments_data *d,
                         int dso_days, const char *dso_en,
                         const char *dso_nl) {
  size_t k = 0;
#define KV(key_, en_, nl_, type_, dec_, field_, val_)  \
  do {                                                 \
    kv[k] = (kw_kv){key_, en_, nl_, type_, dec_, {0}}; \
    kv[k].v.field_ = val_;                             \
    k++;                                               \
  } while (0)
  KV("as_of", "as of", "peildatum", KW_CELL_DATE, 0, i, d->as_of);
  KV("n_customers", "customers with invoices", "klanten met facturen",
     KW_CELL_I64, 0, i, (int64_t)d->n_customers);
  KV("fast_payers", "  fast payers", "  snelle betalers", KW_CELL_I64, 0, i,
     (int64_t)d->n_class[KW_PAY_FAST]);
  KV("slow_payers", "  slow payers", "  trage betalers", KW_CELL_I64, 0, i,
     (int64_t)d->n_class[KW_PAY_SLOW]);
  KV("problematic_payers", "  problematic payers",
     "  problematische betalers", KW_CELL_I64, 0, i,
     (int64_t)d->n_class[KW_PAY_PROBLEM]);
  KV("invoices", "invoices", "facturen", KW_CELL_I64, 0, i,
     (int64_t)d->n_invoices);
  KV("credit_notes", "credit notes", "creditnota's", KW_CELL_I64, 0, i,
     (int64_t)d->n_credit_notes);
  KV("settled", "invoices settled", "facturen betaald", KW_CELL_I64, 0, i,
     (int64_t)d->n_settled);
  KV("settled_late", "  of which late", "  waarvan te laat", KW_CELL_I64, 0,
     i, (int64_t)d->n_settled_late);
  KV("late_share", "  share paid late", "  aandeel te laat betaald",
     KW_CELL_PCT, 1, d, cli_round(d->late_share_all, 6));
  KV("days_to_pay", "days to pay (amount-weighted)",
     "dagen tot betaling (gewogen naar bedrag)", KW_CELL_F64, 1, d,
     cli_round(d->days_to_pay_all, 4));
  KV("days_late", "days late (amount-weighted)",
     "dagen te laat (gewogen naar bedrag)", KW_CELL_F64, 1, d,
     cli_round(d->days_late_all, 4));
  KV("invoiced", "invoiced", "gefactureerd", KW_CELL_MONEY, 0, i,
     d->invoiced_total);
  KV("open", "open (net of open credit notes)",
     "openstaand (na open creditnota's)", KW_CELL_MONEY, 0, i, d->open_total);
  KV("open_credit", "  open credit notes", "  open creditnota's",
     KW_CELL_MONEY, 0, i, d->credit_total);
  KV("overdue", "overdue", "vervallen", KW_CELL_MONEY, 0, i,
     d->overdue_total);
  KV("not_due", "  not yet due", "  nog niet vervallen", KW_CELL_MONEY, 0, i,
     d->ageing_total[KW_AGE_CURRENT]);
  KV("overdue_1_30", "  1-30 days past due", "  1-30 dagen vervallen",
     KW_CELL_MONEY, 0, i, d->ageing_total[KW_AGE_1_30]);
  KV("overdue_31_60", "  31-60 days past due", "  31-60 dagen vervallen",
     KW_CELL_MONEY, 0, i, d->ageing_total[KW_AGE_31_60]);
  KV("overdue_61_90", "  61-90 days past due", "  61-90 dagen vervallen",
     KW_CELL_MONEY, 0, i, d->ageing_total[KW_AGE_61_90]);
  KV("overdue_90_plus", "  over 90 days past due",
     "  meer dan 90 dagen vervallen", KW_CELL_MONEY, 0, i,
     d->ageing_total[KW_AGE_OVER_90]);
  KV("dso_days", "DSO window (days)", "DSO-venster (dagen)", KW_CELL_I64, 0,
     i, dso_days);
  KV("invoiced_in_window", "  invoiced in the window",
     "  gefactureerd in het venster", KW_CELL_MONEY, 0, i,
     d->invoiced_recent);
  KV("dso", dso_en, dso_nl, KW_CELL_F64, 1, d,
     d->dso_defined ? cli_round(d->dso, 4) : NAN);
  KV("problematic_revenue_share", "revenue share of problematic payers",
     "omzetaandeel van problematische betalers", KW_CELL_PCT, 1, d,
     cli_round(d->problem_revenue_share, 6));
  KV("slow_revenue_share", "revenue share of slow payers",
     "omzetaandeel van trage betalers", KW_CELL_PCT, 1, d,
     cli_round(d->slow_revenue_share, 6));
  KV("rows_after_as_of", "invoice rows after the as-of date (left out)",
     "factuurlijnen na de peildatum (weggelaten)", KW_CELL_I64, 0, i,
     (int64_t)d->rows_after);
  KV("data_errors", "data errors (left out of the timing)",
     "fouten in de gegevens (niet in de timing)", KW_CELL_I64, 0, i,
     (int64_t)d->errors_total);
#undef KV
  *nkv = k;
}

static void sentences(FILE *f, const kw_payments_data *d, int dso_days,
                      kw_lang lang) {
  bool nl = lang == KW_LANG_NL;
  char a[40], b[40], m1[32], m2[32];
  fputc('\n', f);
  if (d->dso_defined)
    fprintf(f,
            nl ? "DSO %s dagen: %s staat open tegenover %s gefactureerd in "
                 "de laatste %d dagen.\n"
               : "DSO %s days: %s is open against %s invoiced in the last "
                 "%d days.\n",
            kw_fmt_number(a, cli_round(d->dso, 4), 0, lang),
            kw_fmt_money(m1, d->open_total, lang),
            kw_fmt_money(m2, d->invoiced_recent, lang), dso_days);
  else
    fprintf(f,
            nl ? "Geen DSO: niets gefactureerd in de laatste %d dagen.\n"
               : "No DSO: nothing invoiced in the last %d days.\n",
            dso_days);
  if (d->overdue_total > 0)
    fprintf(f,
            nl ? "Vervallen: %s, waarvan %s meer dan 90 dagen.\n"
               : "Overdue: %s, of which %s more than 90 days past due.\n",
            kw_fmt_money(m1, d->overdue_total, lang),
            kw_fmt_money(m2, d->ageing_total[KW_AGE_OVER_90], lang));
  else
    fputs(nl ? "Niets is vervallen.\n" : "Nothing is overdue.\n", f);
  fprintf(f,
          nl ? "Klanten met betalingsproblemen (%zu) brengen %s van je omzet "
               "op; trage betalers (%zu) %s.\n"
             : "Customers with payment problems (%zu) bring %s of your "
               "revenue; slow payers (%zu) %s.\n",
          d->n_class[KW_PAY_PROBLEM],
          cli_pct(a, d->problem_revenue_share, 0, lang),
          d->n_class[KW_PAY_SLOW], cli_pct(b, d->slow_revenue_share, 0, lang));
  if (d->n_top_overdue) {
    int64_t sum = 0;
    for (size_t j = 0; j < d->n_top_overdue; j++)
      sum += d->overdue[d->top_overdue[j]];
    fprintf(f,
            nl ? "De %zu klant(en) met het meeste vervallen geld staan samen "
                 "voor %s (%s van al het vervallen geld).\n"
               : "The %zu customer(s) with the most overdue money owe %s "
                 "together (%s of all overdue money).\n",
            d->n_top_overdue, kw_fmt_money(m1, sum, lang),
            cli_pct(a, d->overdue_total > 0
                           ? (double)sum / (double)d->overdue_total
                           : 0,
                    0, lang));
  }
}

static kw_status ageing_table(kw_context *ctx, FILE *f,
                              const kw_payments_data *d, kw_lang lang) {
  static const char *const en[] = {"not yet due", "1-30 days", "31-60 days",
                                   "61-90 days", "over 90 days"};
  static const char *const nl[] = {"nog niet vervallen", "1-30 dagen",
                                   "31-60 dagen", "61-90 dagen",
                                   "meer dan 90 dagen"};
  int64_t amount[KW_AGE__COUNT], all = 0;
  double share[KW_AGE__COUNT];
  for (int k = 0; k < KW_AGE__COUNT; k++) all += d->ageing_total[k];
  for (int k = 0; k < KW_AGE__COUNT; k++) {
    amount[k] = d->ageing_total[k];
    share[k] = all > 0 ? (double)amount[k] / (double)all : 0;
  }
  const kw_rcol cols[] = {
      {"bucket", "past due", "vervallen", KW_CELL_STR, 0,
       lang == KW_LANG_NL ? nl : en, NULL, NULL, NULL},
      {"open", "open", "openstaand", KW_CELL_MONEY, 0, amount, NULL, NULL, NULL},
      {"share", "share", "aandeel", KW_CELL_PCT, 1, share, NULL, NULL, NULL},
  };
  kw_rtable t = {lang == KW_LANG_NL ? "\nOuderdom van de open facturen"
                                    : "\nAgeing of open invoices",
                 KW_AGE__COUNT, NULL, 3, cols};
  return kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
}

int kw_cli_payments(int argc, char **argv);
int kw_cli_payments(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "payments");
  cli_view view;
  cli_view_init(&view);
  kw_payments_options po;
  kw_payments_options_init(&po);
  int klass = -1;
  for (int i = 1; i < argc; i++) {
    const char *v;
    double x;
    int r = cli_view_option(&c, &view, argc, argv, &i);
    if (r == 0 && (r = cli_opt_value("--terms", argc, argv, &i, &v)) > 0 &&
        (r = parse_days(&c, "--terms", v, &x)) > 0)
      po.default_terms = (int)x;
    if (r == 0 && (r = cli_opt_value("--slow-late", argc, argv, &i, &v)) > 0)
      r = parse_days(&c, "--slow-late", v, &po.slow_days_late);
    if (r == 0 && (r = cli_opt_value("--problem-late", argc, argv, &i, &v)) > 0)
      r = parse_days(&c, "--problem-late", v, &po.problem_days_late);
    if (r == 0 && (r = cli_opt_value("--slow-overdue", argc, argv, &i, &v)) > 0 &&
        (r = parse_days(&c, "--slow-overdue", v, &x)) > 0)
      po.slow_overdue_days = (int)x;
    if (r == 0 &&
        (r = cli_opt_value("--problem-overdue", argc, argv, &i, &v)) > 0 &&
        (r = parse_days(&c, "--problem-overdue", v, &x)) > 0)
      po.problem_overdue_days = (int)x;
    if (r == 0 && (r = cli_opt_value("--dso-days", argc, argv, &i, &v)) > 0 &&
        (r = parse_days(&c, "--dso-days", v, &x)) > 0)
      po.dso_days = (int)x;
    if (r == 0 && (r = cli_opt_value("--class", argc, argv, &i, &v)) > 0) {
      klass = -1;
      for (int k = 1; k < KW_PAY__COUNT; k++)
        if (strcmp(v, class_keys[k]) == 0) klass = k;
      if (klass < 0)
        r = -1, cli_usage(&c, "--class takes fast, slow or problematic");
    }
    if (r == 0) r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  po.as_of = c.as_of;
  po.top_overdue = view.top ? view.top : SIZE_MAX;
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_payments *pay = NULL;
  uint32_t *rows = NULL, *maxd = NULL;
  double *late = NULL, *dtp = NULL, *dl = NULL;
  int code = load(&c, &ds);
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
    code = cli_fail(&c, st);
    goto done;
  }
  const kw_payments_data *d = kw_payments_view(pay);
  const kw_dict *ids = kw_dataset_customers(ds);
  size_t n = d->n;
  rows = cli_xcalloc(n, sizeof *rows);
  maxd = cli_xcalloc(n, sizeof *maxd);
  late = cli_xcalloc(n, sizeof *late);
  dtp = cli_xcalloc(n, sizeof *dtp);
  dl = cli_xcalloc(n, sizeof *dl);
  if (!rows || !maxd || !late || !dtp || !dl) {
    fprintf(stderr, "klantwijs payments: out of memory\n");
    code = KW_EXIT_INTERNAL;
    goto done;
  }
  size_t nr = 0;
  for (size_t i = 0; i < n; i++) {
    maxd[i] = d->max_overdue_days[i] > 0 ? (uint32_t)d->max_overdue_days[i] : 0;
    late[i] = d->settled[i] ? cli_round(d->late_share[i], 6) : NAN;
    dtp[i] = d->days_to_pay[i] != 0 || d->settled[i]
                 ? cli_round(d->days_to_pay[i], 2)
                 : NAN;
    dl[i] = !isnan(dtp[i]) ? cli_round(d->days_late[i], 2) : NAN;
    if (d->pay_class[i] == KW_PAY_NONE) continue;
    if (klass >= 0 && d->pay_class[i] != klass) continue;
    rows[nr++] = (uint32_t)i;
  }
  bool table = c.format == KW_FORMAT_TABLE;
  kw_cell_type pct = table ? KW_CELL_PCT : KW_CELL_F64;
  kw_rcol all[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, NULL, ids, NULL, NULL},
      {"invoices", "invoices", "facturen", KW_CELL_U32, 0, d->invoices, NULL, NULL, NULL},
      {"settled", "settled", "betaald", KW_CELL_U32, 0, d->settled, NULL, NULL, NULL},
      {"settled_late", "late", "te laat", KW_CELL_U32, 0, d->settled_late, NULL, NULL, NULL},
      {"late_share", "% late", "% te laat", pct, 0, late, NULL, NULL, NULL},
      {"days_to_pay", "days to pay", "dagen tot betaling", KW_CELL_F64, 1, dtp, NULL, NULL, NULL},
      {"days_late", "days late", "dagen te laat", KW_CELL_F64, 1, dl, NULL, NULL, NULL},
      {"invoiced", "invoiced", "gefactureerd", KW_CELL_MONEY, 0, d->invoiced, NULL, NULL, NULL},
      {"open", "open", "open", KW_CELL_MONEY, 0, d->open, NULL, NULL, NULL},
      {"overdue", "overdue", "vervallen", KW_CELL_MONEY, 0, d->overdue, NULL, NULL, NULL},
      {"not_due", "not due", "niet vervallen", KW_CELL_MONEY, 0, d->ageing[KW_AGE_CURRENT], NULL, NULL, NULL},
      {"overdue_1_30", "1-30", "1-30", KW_CELL_MONEY, 0, d->ageing[KW_AGE_1_30], NULL, NULL, NULL},
      {"overdue_31_60", "31-60", "31-60", KW_CELL_MONEY, 0, d->ageing[KW_AGE_31_60], NULL, NULL, NULL},
      {"overdue_61_90", "61-90", "61-90", KW_CELL_MONEY, 0, d->ageing[KW_AGE_61_90], NULL, NULL, NULL},
      {"overdue_90_plus", "90+", "90+", KW_CELL_MONEY, 0, d->ageing[KW_AGE_OVER_90], NULL, NULL, NULL},
      {"max_days_overdue", "max days overdue", "max dagen vervallen", KW_CELL_U32, 0, maxd, NULL, NULL, NULL},
      {"class", "class", "klasse", KW_CELL_CODE, 0, d->pay_class, NULL,
       table ? class_en : class_keys, table ? class_nl : NULL},
      {"errors", "errors", "fouten", KW_CELL_U32, 0, d->errors, NULL, NULL, NULL},
  };
  /* the terminal's narrower choice */
  static const char *const narrow[] = {
      "customer_id", "invoices", "late_share", "days_to_pay", "days_late",
      "open", "overdue", "overdue_90_plus", "max_days_overdue", "class"};
  kw_rcol cols[sizeof all / sizeof *all];
  size_t nc = 0;
  for (size_t j = 0; j < sizeof all / sizeof *all; j++) {
    bool keep = !table;
    for (size_t q = 0; table && q < sizeof narrow / sizeof *narrow; q++)
      if (strcmp(all[j].key, narrow[q]) == 0) keep = true;
    if (keep) cols[nc++] = all[j];
  }
  kw_rtable t = {NULL, nr, rows, nc, cols};
  char dso_en[60], dso_nl[60];
  snprintf(dso_en, sizeof dso_en, "DSO (days, %d-day window)", po.dso_days);
  snprintf(dso_nl, sizeof dso_nl, "DSO (dagen, venster van %d dagen)",
           po.dso_days);
  kw_kv kv[40];
  size_t nkv = 0;
  portfolio_kv(kv, &nkv, d, po.dso_days, dso_en, dso_nl);
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  bool nl = c.lang == KW_LANG_NL;
  st = KW_OK;
  if (c.format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c.ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_kv(w, kv, nkv);
    kw_jw_begin_array(w, "top_overdue");
    for (size_t j = 0; j < d->n_top_overdue; j++) {
      uint32_t cu = d->top_overdue[j];
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "customer_id", kw_dict_str(ids, cu));
      kw_jw_money(w, "overdue", d->overdue[cu]);
      kw_jw_money(w, "overdue_90_plus", d->ageing[KW_AGE_OVER_90][cu]);
      kw_jw_int(w, "max_days_overdue", maxd[cu]);
      kw_jw_str(w, "class", class_keys[d->pay_class[cu]]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (c.format == KW_FORMAT_CSV) {
    if (view.portfolio)
      st = kw_write_kv(c.ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, c.lang);
    else
      st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_CSV, c.lang, 0);
  } else if (view.per_customer) {
    cli_sort_desc(rows, nr, d->overdue, d->open);
    st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_TABLE, c.lang, 0);
  } else {
    st = kw_write_kv(c.ctx, f, nl ? "Betaalgedrag" : "Payment behaviour", kv,
                     nkv, KW_FORMAT_TABLE, c.lang);
    if (!st) sentences(f, d, po.dso_days, c.lang);
    if (!st) st = ageing_table(c.ctx, f, d, c.lang);
    if (!st && d->n_top_overdue) {
      t.title = nl ? "\nKlanten met het meeste vervallen geld"
                   : "\nCustomers with the most overdue money";
      t.rows = d->top_overdue;
      t.nrows = d->n_top_overdue;
      st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_TABLE, c.lang, 0);
    }
  }
  code = cli_out_close(&c, f, st == KW_OK);
done:
  free(rows);
  free(maxd);
  free(late);
  free(dtp);
  free(dl);
  kw_payments_free(pay);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
