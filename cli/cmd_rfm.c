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
#include <stdlib.h>
#include <string.h>

#include "value_opts.h"

const char kw_cli_rfm_help[] =
    "usage: klantwijs rfm [OPTIONS] PATH\n"
    "\n"
    "Scores every customer with a purchase on recency (days from the last\n"
    "purchase to --as-of), frequency (orders) and monetary value (revenue,\n"
    "or contribution with --monetary contribution), 1 to 5 (--bins), 5 =\n"
    "best, and names segments from a rule table: Champions, Loyal\n"
    "Customers, Potential Loyalist, New Customers, Promising, Need\n"
    "Attention, About To Sleep, At Risk, Can't Lose Them, Hibernating, Lost.\n"
    "\n"
    "Scoring rule: score = 1 + floor(bins x L / n), with L the customers\n"
    "with a worse value (lower F or M, longer recency) and n the scored\n"
    "customers. Equal values always get the same score and the worst value\n"
    "scores 1. When a metric has no more distinct values than bins, the\n"
    "distinct values are spread evenly over 1..bins instead (one value:\n"
    "the middle score). Explicit breaks replace the quantiles.\n"
    "\n"
    "Segments: the built-in rules use R and FM = (F + M) / 2 (Champions: R\n"
    "4-5 and FM 4-5, ..., Lost: R 1 and FM 1); the first matching rule\n"
    "wins. A rule file replaces them: scale = 5, then per rule a [key]\n"
    "section with name, name_nl, action, action_nl and ranges r, f, m, fm\n"
    "(like 4-5, <=2, >=4, *).\n"
    "\n"
    "The terminal shows the segment table (customers, share, revenue share,\n"
    "mean recency, frequency and monetary value), the suggested actions\n"
    "and the value range of each score; csv gives every scored customer's\n"
    "row (scores, RFM code, segment); json gives all of it.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE           the day recency is counted to (default: the\n"
    "                         last sale); later sales lines are left out\n"
    "  --bins N               scores 1..N, N from 2 to 9 (default 5)\n"
    "  --breaks-r D1,D2,...   recency breaks in days (N-1 increasing values:\n"
    "                         fewer days than D1 scores N)\n"
    "  --breaks-f F1,F2,...   frequency breaks in orders (F >= F1 scores 2)\n"
    "  --breaks-m M1,M2,...   monetary breaks in currency units\n"
    "  --monetary revenue|contribution  (contribution needs cost data)\n"
    "  --rules FILE           segment rules instead of the built-in ones\n"
    "  --segment KEY          per-customer rows of one segment only (like\n"
    "                         champions, at_risk, lost)\n"
    "  --segments             csv: the segment table instead of customers\n"
    "  --print-rules          write the segment rules (built-in, or --rules)\n"
    "                         in the rule file format, to copy and edit\n"
    "  --per-customer         every scored customer's row (table or csv)\n"
    "  --portfolio            csv: the key figures as key,value rows\n"
    CLI_COST_HELP CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs rfm demo-data --lang nl\n"
    "  klantwijs rfm demo-data --as-of 2025-06-30 --format csv -o rfm.csv\n"
    "  klantwijs rfm verkopen.csv --bins 3 --rules mijn-segmenten.rules\n"
    "  klantwijs rfm demo-data --breaks-r 30,90,180,365 --breaks-f 2,3,5,10\n"
    "      --breaks-m 100,500,1000,5000\n";

typedef struct seglabels {
  const char **keys, **en, **nl, **act_en, **act_nl;
} seglabels;

/* The segment table: written to f (table, csv) or as the member
 * "segments" of w (json). */
static void segment_table(kw_context *ctx, FILE *f, kw_jw *w,
                          const kw_rfm_data *d, kw_format fmt, kw_lang lang,
                          kw_status *st) {
  size_t ns = d->n_segments;
  const char **key = cli_xcalloc(ns, sizeof *key);
  const char **name = cli_xcalloc(ns, sizeof *name);
  const char **action = cli_xcalloc(ns, sizeof *action);
  int64_t *cust = cli_xcalloc(ns, 8), *rev = cli_xcalloc(ns, 8),
          *mon = cli_xcalloc(ns, 8);
  double *share = cli_xcalloc(ns, 8), *rs = cli_xcalloc(ns, 8),
         *rec = cli_xcalloc(ns, 8), *fr = cli_xcalloc(ns, 8);
  if (!key || !name || !action || !cust || !rev || !mon || !share || !rs ||
      !rec || !fr) {
    *st = KW_ENOMEM;
  } else {
    bool nl = lang == KW_LANG_NL;
    for (size_t j = 0; j < ns; j++) {
      const kw_rfm_segment_row *r = &d->segments[j];
      key[j] = r->key;
      name[j] = nl ? r->name_nl : r->name_en;
      action[j] = nl ? r->action_nl : r->action_en;
      cust[j] = (int64_t)r->customers;
      rev[j] = r->revenue;
      share[j] = cli_round(r->share, 6);
      rs[j] = cli_round(r->revenue_share, 6);
      /* means of an empty segment are missing, not 0 */
      rec[j] = r->customers ? cli_round(r->mean_recency, 2) : NAN;
      fr[j] = r->customers ? cli_round(r->mean_frequency, 2) : NAN;
      mon[j] = r->customers ? llround(r->mean_monetary * 100.0) : KW_NA_MONEY;
    }
    bool table = fmt == KW_FORMAT_TABLE;
    kw_cell_type pct = table ? KW_CELL_PCT : KW_CELL_F64;
    kw_rcol cols[10];
    size_t k = 0;
    if (!table)
      cols[k++] = (kw_rcol){"segment", "segment", NULL, KW_CELL_STR, 0, key,
                            NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"name", "segment", "segment", KW_CELL_STR, 0, name,
                          NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"customers", "customers", "klanten", KW_CELL_I64, 0,
                          cust, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"share", "% customers", "% klanten", pct, 1, share,
                          NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, rev,
                          NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"revenue_share", "% revenue", "% omzet", pct, 1, rs,
                          NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"mean_recency_days", "recency (days)",
                          "recentheid (dagen)", KW_CELL_F64, 0, rec, NULL,
                          NULL, NULL};
    cols[k++] = (kw_rcol){"mean_frequency", "orders", "orders", KW_CELL_F64,
                          1, fr, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"mean_monetary", "monetary", "geldwaarde",
                          KW_CELL_MONEY, 0, mon, NULL, NULL, NULL};
    if (!table)
      cols[k++] = (kw_rcol){"action", "action", "actie", KW_CELL_STR, 0,
                            action, NULL, NULL, NULL};
    kw_rtable t = {table ? (nl ? "\nSegmenten" : "\nSegments") : NULL, ns,
                   NULL, k, cols};
    if (fmt == KW_FORMAT_JSON) {
      kw_jw_rtable(w, "segments", &t);
    } else {
      *st = kw_write_rtable(ctx, f, &t, fmt, lang, 0);
      if (!*st && table) {
        fputs(nl ? "\nAanbevolen acties\n" : "\nSuggested actions\n", f);
        for (size_t j = 0; j < ns; j++)
          if (d->segments[j].customers)
            fprintf(f, "  %s: %s\n", name[j], action[j]);
      }
    }
  }
  free(key);
  free(name);
  free(action);
  free(cust);
  free(rev);
  free(mon);
  free(share);
  free(rs);
  free(rec);
  free(fr);
}

/* "lo-hi" text of a band, in the metric's units. */
static void band_text(char *buf, const kw_rfm_band *b, int metric,
                      kw_lang lang) {
  char lo[40], hi[40];
  if (!b->customers) {
    buf[0] = '\0';
    return;
  }
  if (metric == 2) {
    kw_fmt_money(lo, llround(b->lo * 100), lang);
    kw_fmt_money(hi, llround(b->hi * 100), lang);
  } else {
    kw_fmt_number(lo, b->lo, 0, lang);
    kw_fmt_number(hi, b->hi, 0, lang);
  }
  if (strcmp(lo, hi) == 0)
    sprintf(buf, "%s", lo);
  else
    sprintf(buf, "%s - %s", lo, hi);
}

static kw_status band_table(kw_context *ctx, FILE *f, const kw_rfm_data *d,
                            kw_lang lang) {
  char text[3][9][90];
  const char *cells[3][9];
  uint32_t score[9];
  int64_t cnt[3][9];
  int bins = d->bins;
  for (int s = 0; s < bins; s++) {
    score[s] = (uint32_t)(bins - s); /* best first */
    for (int m = 0; m < 3; m++) {
      const kw_rfm_band *b = &d->bands[m][bins - 1 - s];
      band_text(text[m][s], b, m, lang);
      cells[m][s] = text[m][s];
      cnt[m][s] = (int64_t)b->customers;
    }
  }
  const kw_rcol cols[] = {
      {"score", "score", "score", KW_CELL_U32, 0, score, NULL, NULL, NULL},
      {"r", "recency (days)", "recentheid (dagen)", KW_CELL_STR, 0, cells[0], NULL, NULL, NULL},
      {"r_n", "n", "n", KW_CELL_I64, 0, cnt[0], NULL, NULL, NULL},
      {"f", "orders", "orders", KW_CELL_STR, 0, cells[1], NULL, NULL, NULL},
      {"f_n", "n", "n", KW_CELL_I64, 0, cnt[1], NULL, NULL, NULL},
      {"m", d->monetary == KW_RFM_CONTRIBUTION ? "contribution" : "revenue",
       d->monetary == KW_RFM_CONTRIBUTION ? "bijdrage" : "omzet", KW_CELL_STR,
       0, cells[2], NULL, NULL, NULL},
      {"m_n", "n", "n", KW_CELL_I64, 0, cnt[2], NULL, NULL, NULL},
  };
  kw_rtable t = {lang == KW_LANG_NL ? "\nWaarden per score"
                                    : "\nValues per score",
                 (size_t)bins, NULL, 7, cols};
  return kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
}

static void json_bands(kw_jw *w, const kw_rfm_data *d) {
  static const char *const metric[3] = {"recency_days", "frequency",
                                        "monetary"};
  kw_jw_begin_array(w, "bands");
  for (int m = 0; m < 3; m++)
    for (int s = 1; s <= d->bins; s++) {
      const kw_rfm_band *b = &d->bands[m][s - 1];
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "metric", metric[m]);
      kw_jw_int(w, "score", s);
      kw_jw_int(w, "customers", (int64_t)b->customers);
      if (b->customers) {
        kw_jw_num(w, "min", cli_round(b->lo, 2));
        kw_jw_num(w, "max", cli_round(b->hi, 2));
      } else {
        kw_jw_null(w, "min");
        kw_jw_null(w, "max");
      }
      kw_jw_end_object(w);
    }
  kw_jw_end_array(w);
}

/* One range of a rule as the rule file writes it; false for "any". */
static bool range_text(char *buf, double lo, double hi, int scale) {
  char a[32], b[32];
  if (lo <= 1 && hi >= scale) return false;
  kw_fmt_plain(a, lo);
  kw_fmt_plain(b, hi);
  if (lo == hi)
    sprintf(buf, "%s", a);
  else
    sprintf(buf, "%s-%s", a, b);
  return true;
}

/* Write a rule table in the rule file format (kw_rfm_rules_load). */
static void print_rules(FILE *f, const kw_rfm_rules *r, const char *from) {
  if (from)
    fprintf(f, "# RFM segment rules read from %s, in the rule file format\n"
               "# (kw_rfm_rules_load).\n", from);
  else
  fputs("# The built-in RFM segment rules of klantwijs, in the rule file "
        "format\n"
        "# (kw_rfm_rules_load). Copy and edit to make your own: sections "
        "are tried\n"
        "# in order and the first whose ranges all match names the "
        "segment.\n"
        "# Ranges are on the scale below; FM is the mean of the F and M "
        "scores.\n",
        f);
  fprintf(f, "scale = %d\n", r->scale);
  bool seen[256] = {false};
  for (size_t j = 0; j < r->n_rules; j++) {
    const kw_rfm_rule *u = &r->rules[j];
    const kw_rfm_segment_def *sd = &r->segments[u->segment];
    fprintf(f, "\n[%s]\n", sd->key);
    if (!seen[u->segment & 0xff]) {
      seen[u->segment & 0xff] = true;
      fprintf(f, "name = %s\nname_nl = %s\n", sd->name_en, sd->name_nl);
      if (sd->action_en[0]) fprintf(f, "action = %s\n", sd->action_en);
      if (sd->action_nl[0]) fprintf(f, "action_nl = %s\n", sd->action_nl);
    }
    char buf[80];
    const double lh[4][2] = {{u->r_lo, u->r_hi},
                             {u->f_lo, u->f_hi},
                             {u->m_lo, u->m_hi},
                             {u->fm_lo, u->fm_hi}};
    static const char *const key[4] = {"r", "f", "m", "fm"};
    for (int k = 0; k < 4; k++)
      if (range_text(buf, lh[k][0], lh[k][1], r->scale))
        fprintf(f, "%s = %s\n", key[k], buf);
  }
}

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
  double breaks[3][9];
  int nbreaks[3] = {-1, -1, -1};
  const char *rules_path = NULL, *segment = NULL;
  bool segments_csv = false, want_rules = false;
  static const char *const bopt[3] = {"--breaks-r", "--breaks-f",
                                      "--breaks-m"};
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r = cli_view_option(&c, &view, argc, argv, &i);
    if (r == 0 && (r = cli_opt_value("--bins", argc, argv, &i, &v)) > 0) {
      unsigned long b;
      if (!cli_parse_uint(v, &b) || b < 2 || b > 9)
        r = -1, cli_usage(&c, "--bins takes a number from 2 to 9");
      else
        ro.bins = (int)b;
    }
    for (int m = 0; m < 3 && r == 0; m++)
      if ((r = cli_opt_value(bopt[m], argc, argv, &i, &v)) > 0 &&
          (nbreaks[m] = cli_parse_list(v, breaks[m], 8)) < 1)
        r = -1, cli_usage(&c, "%s takes increasing numbers separated by "
                              "commas ('.' as decimal mark)", bopt[m]);
    if (r == 0 && (r = cli_opt_value("--monetary", argc, argv, &i, &v)) > 0) {
      if (strcmp(v, "revenue") == 0)
        ro.monetary = KW_RFM_REVENUE;
      else if (strcmp(v, "contribution") == 0)
        ro.monetary = KW_RFM_CONTRIBUTION;
      else
        r = -1, cli_usage(&c, "--monetary takes revenue or contribution");
    }
    if (r == 0 && (r = cli_opt_value("--rules", argc, argv, &i, &v)) > 0)
      rules_path = v;
    if (r == 0 && (r = cli_opt_value("--segment", argc, argv, &i, &v)) > 0)
      segment = v;
    if (r == 0 && strcmp(argv[i], "--segments") == 0) segments_csv = true, r = 1;
    if (r == 0 && strcmp(argv[i], "--print-rules") == 0) want_rules = true, r = 1;
    if (r == 0) r = cli_cost_option(&c, &k, argc, argv, &i);
    if (r == 0) r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_cost_free(&k);
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  for (int m = 0; m < 3; m++) {
    if (nbreaks[m] < 0) continue;
    if (nbreaks[m] != ro.bins - 1) {
      int code = cli_usage(&c, "%s needs %d values for %d bins, not %d",
                           bopt[m], ro.bins - 1, ro.bins, nbreaks[m]);
      cli_cost_free(&k);
      cli_common_free(&c);
      return code;
    }
    ro.breaks[m] = breaks[m];
  }
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_profit *p = NULL;
  kw_rfm *rf = NULL;
  kw_rfm_rule_file *rfile = NULL;
  uint32_t *rows = NULL, *sc[3] = {NULL, NULL, NULL};
  char (*codes)[4] = NULL;
  const char **code_ptr = NULL;
  seglabels L = {0};
  int code = cli_cost_prepare(&c, &k);
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
  if (want_rules) { /* the rule table as a file to copy and edit */
    FILE *f = cli_out_open(&c);
    if (!f) {
      code = KW_EXIT_IO;
      goto done;
    }
    print_rules(f, ro.rules ? ro.rules : kw_rfm_rules_builtin(), rules_path);
    code = cli_out_close(&c, f, !ferror(f));
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
      code = cli_usage(&c, "--monetary contribution needs cost data: a cost "
                           "or margin column, --margin or --config");
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
  const kw_rfm_data *d = kw_rfm_view(rf);
  size_t ns = d->n_segments;
  int seg_filter = -1;
  if (segment) {
    for (size_t j = 0; j < ns; j++)
      if (strcmp(d->segments[j].key, segment) == 0) seg_filter = (int)j;
    if (seg_filter < 0) {
      fprintf(stderr, "klantwijs rfm: no segment '%s'; the segments are:",
              segment);
      for (size_t j = 0; j < ns; j++)
        fprintf(stderr, " %s", d->segments[j].key);
      fputc('\n', stderr);
      code = KW_EXIT_USAGE;
      goto done;
    }
  }
  size_t n = d->n;
  L.keys = cli_xcalloc(ns, sizeof *L.keys);
  L.en = cli_xcalloc(ns, sizeof *L.en);
  L.nl = cli_xcalloc(ns, sizeof *L.nl);
  rows = cli_xcalloc(d->n_scored, sizeof *rows);
  codes = cli_xcalloc(n, sizeof *codes);
  code_ptr = cli_xcalloc(n, sizeof *code_ptr);
  for (int m = 0; m < 3; m++) sc[m] = cli_xcalloc(n, sizeof(uint32_t));
  if (!L.keys || !L.en || !L.nl || !rows || !codes || !code_ptr || !sc[0] ||
      !sc[1] || !sc[2]) {
    fprintf(stderr, "klantwijs rfm: out of memory\n");
    code = KW_EXIT_INTERNAL;
    goto done;
  }
  for (size_t j = 0; j < ns; j++) {
    L.keys[j] = d->segments[j].key;
    L.en[j] = d->segments[j].name_en;
    L.nl[j] = d->segments[j].name_nl;
  }
  size_t nr = 0;
  for (size_t i = 0; i < n; i++) {
    code_ptr[i] = kw_rfm_code(d, i, codes[i]);
    sc[0][i] = d->r[i];
    sc[1][i] = d->f[i];
    sc[2][i] = d->m[i];
    if (d->segment[i] == KW_RFM_NONE) continue;
    if (seg_filter >= 0 && d->segment[i] != seg_filter) continue;
    rows[nr++] = (uint32_t)i;
  }
  bool table = c.format == KW_FORMAT_TABLE;
  bool contrib = d->monetary == KW_RFM_CONTRIBUTION;
  kw_rcol cols[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, NULL, v->ids, NULL, NULL},
      {"recency_days", "recency", "recentheid", KW_CELL_U32, 0,
       (const uint32_t *)d->recency, NULL, NULL, NULL},
      {"frequency", "orders", "orders", KW_CELL_U32, 0, d->frequency, NULL, NULL, NULL},
      {"monetary", contrib ? "contribution" : "revenue",
       contrib ? "bijdrage" : "omzet", KW_CELL_MONEY, 0, d->monetary_value,
       NULL, NULL, NULL},
      {"r", "R", "R", KW_CELL_U32, 0, sc[0], NULL, NULL, NULL},
      {"f", "F", "F", KW_CELL_U32, 0, sc[1], NULL, NULL, NULL},
      {"m", "M", "M", KW_CELL_U32, 0, sc[2], NULL, NULL, NULL},
      {"rfm", "RFM", "RFM", KW_CELL_STR, 0, code_ptr, NULL, NULL, NULL},
      {"segment", "segment", "segment", KW_CELL_CODE, 0, d->segment, NULL,
       table ? L.en : L.keys, table ? L.nl : NULL},
      {"segment_name", "segment", "segment", KW_CELL_CODE, 0, d->segment,
       NULL, c.lang == KW_LANG_NL ? L.nl : L.en, NULL},
  };
  kw_rtable t = {NULL, nr, rows, table ? 9 : 10, cols};
  bool hnl = c.format == KW_FORMAT_TABLE && c.lang == KW_LANG_NL;
  int nb = (ro.breaks[0] != NULL) + (ro.breaks[1] != NULL) +
           (ro.breaks[2] != NULL);
  const char *scoring = nb == 0   ? (hnl ? "kwantielen" : "quantiles")
                        : nb == 3 ? (hnl ? "grenzen" : "breaks")
                                  : (hnl ? "grenzen en kwantielen"
                                         : "breaks and quantiles");
  const char *monetary = contrib ? (hnl ? "bijdrage" : "contribution")
                                 : (hnl ? "omzet" : "revenue");
  const char *rules_text =
      rules_path ? rules_path : (hnl ? "ingebouwd" : "built-in");
  kw_kv kv[] = {
      {"as_of", "as of", "peildatum", KW_CELL_DATE, 0, {.i = d->as_of}},
      {"customers_scored", "customers scored", "klanten met score",
       KW_CELL_I64, 0, {.i = (int64_t)d->n_scored}},
      {"customers_no_cost", "buyers not scored (no cost data)",
       "kopers zonder score (geen kostgegevens)", KW_CELL_I64, 0,
       {.i = (int64_t)d->n_unscored_cost}},
      {"bins", "scores", "scores", KW_CELL_I64, 0, {.i = d->bins}},
      {"scoring", "scoring", "scoring", KW_CELL_STR, 0, {.s = scoring}},
      {"monetary", "monetary value", "geldwaarde", KW_CELL_STR, 0,
       {.s = monetary}},
      {"rules", "segment rules", "segmentregels", KW_CELL_STR, 0,
       {.s = rules_text}},
  };
  size_t nkv = sizeof kv / sizeof *kv;
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
    segment_table(c.ctx, NULL, w, d, KW_FORMAT_JSON, c.lang, &st);
    json_bands(w, d);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    kw_status st2 = kw_jw_finish(w);
    if (!st) st = st2;
  } else if (c.format == KW_FORMAT_CSV) {
    if (view.portfolio)
      st = kw_write_kv(c.ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, c.lang);
    else if (segments_csv)
      segment_table(c.ctx, f, NULL, d, KW_FORMAT_CSV, c.lang, &st);
    else
      st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_CSV, c.lang, 0);
  } else if (view.per_customer) {
    st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_TABLE, c.lang, 0);
  } else {
    st = kw_write_kv(c.ctx, f, nl ? "RFM-segmentatie" : "RFM segmentation",
                     kv, nkv, KW_FORMAT_TABLE, c.lang);
    if (!st) segment_table(c.ctx, f, NULL, d, KW_FORMAT_TABLE, c.lang, &st);
    if (!st && d->n_scored) st = band_table(c.ctx, f, d, c.lang);
  }
  code = cli_out_close(&c, f, st == KW_OK);
done:
  free(L.keys);
  free(L.en);
  free(L.nl);
  free(rows);
  free(codes);
  free(code_ptr);
  for (int m = 0; m < 3; m++) free(sc[m]);
  kw_rfm_free(rf);
  kw_rfm_rule_file_free(rfile);
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
