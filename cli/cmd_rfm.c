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
  for (int m = 0; m < 3; m++) {
    if (o.nbreaks[m] < 0) continue;
    if (o.nbreaks[m] != ro.bins - 1) {
      char need[16], bins[16], got[16];
      snprintf(need, sizeof need, "%d", ro.bins - 1);
      snprintf(bins, sizeof bins, "%d", ro.bins);
      snprintf(got, sizeof got, "%d", o.nbreaks[m]);
      code = cli_usage_key(&c, "cli.err.breaks_count", "opt", bopt[m], "need",
                           need, "bins", bins, "got", got, NULL);
      cli_cost_free(&k);
      cli_common_free(&c);
      return code;
    }
    ro.breaks[m] = o.breaks[m];
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
