/*
 * rfm_report.c — the writers of an RFM result (kw_report_rfm in
 * klantwijs/writers.h): the key figures, the segment table with suggested
 * actions and the value range of each score on a terminal; every scored
 * customer's row (or the segment table) in CSV; all of it in JSON; and the
 * segment rules in the rule-file format (kw_report_rfm_rules).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"
#include "report/write_util.h"
#include "report/jw.h"

void kw_rfm_report_init(kw_rfm_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->segment = -1;
}

typedef struct seglabels {
  const char **keys, **en, **nl, **act_en, **act_nl;
} seglabels;

/* The segment table: written to f (table, csv) or as the member
 * "segments" of w (json). */
static void segment_table(kw_context *ctx, FILE *f, kw_jw *w,
                          const kw_rfm_data *d, kw_format fmt, kw_lang lang,
                          kw_status *st) {
  size_t ns = d->n_segments;
  const char **key = kw_wu_calloc(ns, sizeof *key);
  const char **name = kw_wu_calloc(ns, sizeof *name);
  const char **action = kw_wu_calloc(ns, sizeof *action);
  int64_t *cust = kw_wu_calloc(ns, 8), *rev = kw_wu_calloc(ns, 8),
          *mon = kw_wu_calloc(ns, 8);
  double *share = kw_wu_calloc(ns, 8), *rs = kw_wu_calloc(ns, 8),
         *rec = kw_wu_calloc(ns, 8), *fr = kw_wu_calloc(ns, 8);
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
      share[j] = kw_wu_round(r->share, 6);
      rs[j] = kw_wu_round(r->revenue_share, 6);
      /* means of an empty segment are missing, not 0 */
      rec[j] = r->customers ? kw_wu_round(r->mean_recency, 2) : NAN;
      fr[j] = r->customers ? kw_wu_round(r->mean_frequency, 2) : NAN;
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
        kw_jw_num(w, "min", kw_wu_round(b->lo, 2));
        kw_jw_num(w, "max", kw_wu_round(b->hi, 2));
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

kw_status kw_report_rfm(kw_context *ctx, FILE *f, const kw_rfm *rf,
                        const kw_customer_summary *v,
                        const kw_rfm_report *r) {
  kw_rfm_report def;
  if (!r) {
    kw_rfm_report_init(&def);
    r = &def;
  }
  if (!ctx || !f || !rf || !v)
    return kw_fail(ctx, KW_EARG, "rfm report: bad arguments");
  kw_status st = KW_OK;
  const kw_rfm_data *d = kw_rfm_view(rf);
  size_t ns = d->n_segments;
  uint32_t *rows = NULL, *sc[3] = {NULL, NULL, NULL};
  char (*codes)[4] = NULL;
  const char **code_ptr = NULL;
  seglabels L = {0};
  size_t n = d->n;
  L.keys = kw_wu_calloc(ns, sizeof *L.keys);
  L.en = kw_wu_calloc(ns, sizeof *L.en);
  L.nl = kw_wu_calloc(ns, sizeof *L.nl);
  rows = kw_wu_calloc(d->n_scored, sizeof *rows);
  codes = kw_wu_calloc(n, sizeof *codes);
  code_ptr = kw_wu_calloc(n, sizeof *code_ptr);
  for (int m = 0; m < 3; m++) sc[m] = kw_wu_calloc(n, sizeof(uint32_t));
  if (!L.keys || !L.en || !L.nl || !rows || !codes || !code_ptr || !sc[0] ||
      !sc[1] || !sc[2]) {
    st = kw_fail_nomem(ctx);
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
    if (r->segment >= 0 && d->segment[i] != r->segment) continue;
    rows[nr++] = (uint32_t)i;
  }
  bool table = r->format == KW_FORMAT_TABLE;
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
       NULL, r->lang == KW_LANG_NL ? L.nl : L.en, NULL},
  };
  kw_rtable t = {NULL, nr, rows, table ? 9 : 10, cols};
  bool hnl = r->format == KW_FORMAT_TABLE && r->lang == KW_LANG_NL;
  int nb = r->n_breaks;
  const char *scoring = nb == 0   ? (hnl ? "kwantielen" : "quantiles")
                        : nb == 3 ? (hnl ? "grenzen" : "breaks")
                                  : (hnl ? "grenzen en kwantielen"
                                         : "breaks and quantiles");
  const char *monetary = contrib ? (hnl ? "bijdrage" : "contribution")
                                 : (hnl ? "omzet" : "revenue");
  const char *rules_text =
      r->rules_name ? r->rules_name : (hnl ? "ingebouwd" : "built-in");
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
  bool nl = r->lang == KW_LANG_NL;
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_kv(w, kv, nkv);
    segment_table(ctx, NULL, w, d, KW_FORMAT_JSON, r->lang, &st);
    json_bands(w, d);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    kw_status st2 = kw_jw_finish(w);
    if (!st) st = st2;
  } else if (r->format == KW_FORMAT_CSV) {
    if (r->portfolio)
      st = kw_write_kv(ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, r->lang);
    else if (r->segments)
      segment_table(ctx, f, NULL, d, KW_FORMAT_CSV, r->lang, &st);
    else
      st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, r->lang, 0);
  } else if (r->per_customer) {
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, r->lang, 0);
  } else {
    st = kw_write_kv(ctx, f, nl ? "RFM-segmentatie" : "RFM segmentation",
                     kv, nkv, KW_FORMAT_TABLE, r->lang);
    if (!st) segment_table(ctx, f, NULL, d, KW_FORMAT_TABLE, r->lang, &st);
    if (!st && d->n_scored) st = band_table(ctx, f, d, r->lang);
  }
done:
  free(L.keys);
  free(L.en);
  free(L.nl);
  free(rows);
  free(codes);
  free(code_ptr);
  for (int m = 0; m < 3; m++) free(sc[m]);
  return st;
}

kw_status kw_report_rfm_rules(kw_context *ctx, FILE *f, const kw_rfm_rules *rules,
                              const char *from) {
  if (!f) return kw_fail(ctx, KW_EARG, "rfm rules: no stream");
  print_rules(f, rules ? rules : kw_rfm_rules_builtin(), from);
  return ferror(f) ? kw_fail(ctx, KW_EIO, "rfm rules: write error") : KW_OK;
}
