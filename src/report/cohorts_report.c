/*
 * cohorts_report.c — the writers of acquisition cohorts (kw_report_cohorts
 * in klantwijs/writers.h): the row-major matrices become column views (one
 * column per age, a pooled "total" row under the cohorts). A cell that is
 * not observed yet is empty in the table and CSV and null in JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"
#include "report/jw.h"

void kw_cohorts_report_init(kw_cohorts_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->want[KW_COHORT_ACTIVE_SHARE] = true;
}

typedef struct mdesc {
  const char *label, *label_nl;
  kw_cell_type type;
  int decimals;
} mdesc;

/* Indexed by kw_cohort_metric. */
static const mdesc metrics[KW_COHORT__COUNT] = {
    {"Active customers per period since acquisition",
     "Actieve klanten per periode sinds acquisitie", KW_CELL_F64, 0},
    {"Share of the cohort with a purchase in the period",
     "Aandeel van het cohort met een aankoop in de periode", KW_CELL_PCT, 1},
    {"Customers active in the period or later",
     "Klanten actief in de periode of later", KW_CELL_F64, 0},
    {"Share of the cohort active in the period or later",
     "Aandeel van het cohort actief in de periode of later", KW_CELL_PCT, 1},
    {"Net revenue per period", "Netto-omzet per periode", KW_CELL_F64, 2},
    {"Net revenue retention (revenue / revenue in period 0)",
     "Netto-omzetretentie (omzet / omzet in periode 0)", KW_CELL_PCT, 1},
    {"Cumulative revenue per acquired customer",
     "Cumulatieve omzet per verworven klant", KW_CELL_F64, 2},
};

kw_status kw_report_cohorts(kw_context *ctx, FILE *f, const kw_cohorts *coh,
                            const kw_cohorts_report *rep) {
  kw_cohorts_report def;
  if (!rep) {
    kw_cohorts_report_init(&def);
    rep = &def;
  }
  if (!ctx || !f || !coh)
    return kw_fail(ctx, KW_EARG, "cohorts report: bad arguments");
  kw_status st = KW_OK;
  double *buf = NULL;
  char *labels = NULL;
  kw_rcol *cols = NULL;
  const char **rowname = NULL, **mname = NULL;
  int64_t *sizes = NULL;
  uint32_t *rows = NULL;
  const size_t R = kw_cohorts_count(coh);
  size_t C = kw_cohorts_ages(coh);
  if (rep->max_ages && C > rep->max_ages) C = rep->max_ages;
  const kw_period_unit u = kw_cohorts_period(coh);
  size_t nm = 0;
  for (int m = 0; m < KW_COHORT__COUNT; m++) nm += rep->want[m];
  /* per selected metric a block of R + 1 rows (cohorts and total); one
   * column array per age covering all blocks */
  const size_t NR = nm * (R + 1);
  buf = malloc(NR * C * sizeof *buf);
  labels = malloc(C * 12);
  cols = calloc(C + 3, sizeof *cols);
  rowname = malloc(NR * sizeof *rowname);
  mname = malloc(NR * sizeof *mname);
  sizes = malloc(NR * sizeof *sizes);
  rows = malloc(NR * sizeof *rows);
  char (*plabel)[12] = malloc((R + 1) * sizeof *plabel);
  if (!buf || !labels || !cols || !rowname || !mname || !sizes || !rows ||
      !plabel) {
    free(plabel);
    st = kw_fail_nomem(ctx);
    goto done;
  }
  uint64_t total_size = 0;
  for (size_t r = 0; r < R; r++) {
    kw_period_label(plabel[r], kw_cohorts_index(coh, r), u);
    total_size += kw_cohorts_size(coh, r);
  }
  strcpy(plabel[R], "total");
  size_t blk = 0;
  int mlist[KW_COHORT__COUNT];
  for (int m = 0; m < KW_COHORT__COUNT; m++) {
    if (!rep->want[m]) continue;
    mlist[blk] = m;
    const kw_cohort_matrix *M = kw_cohorts_matrix(coh, (kw_cohort_metric)m);
    for (size_t r = 0; r <= R; r++) {
      size_t row = blk * (R + 1) + r;
      rows[row] = (uint32_t)row;
      rowname[row] = plabel[r];
      mname[row] = kw_cohort_metric_name((kw_cohort_metric)m);
      sizes[row] = (int64_t)(r < R ? kw_cohorts_size(coh, r) : total_size);
      for (size_t k = 0; k < C; k++) {
        double *col = buf + k * NR;
        if (r < R)
          col[row] = M->defined[r * M->cols + k] ? M->value[r * M->cols + k]
                                                 : NAN;
        else
          col[row] = M->total_defined[k] ? M->total[k] : NAN;
      }
    }
    blk++;
  }
  cols[0] = (kw_rcol){"metric", "metric", "maatstaf", KW_CELL_STR, 0, mname,
                      NULL, NULL, NULL};
  cols[1] = (kw_rcol){"cohort", "cohort", "cohort", KW_CELL_STR, 0, rowname,
                      NULL, NULL, NULL};
  cols[2] = (kw_rcol){"size", "size", "grootte", KW_CELL_I64, 0, sizes, NULL,
                      NULL, NULL};
  for (size_t k = 0; k < C; k++) {
    char *l = labels + k * 12;
    snprintf(l, 12, "%u", (unsigned)(k % 100000000u));
    cols[3 + k] = (kw_rcol){l, l, l, KW_CELL_F64, 0, buf + k * NR, NULL,
                            NULL, NULL};
  }

  const bool nl = rep->lang == KW_LANG_NL;
  char d1[11];
  if (rep->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "period", kw_period_unit_name(u));
    kw_jw_date(w, "as_of", kw_cohorts_as_of(coh));
    kw_jw_bool(w, "last_period_partial", kw_cohorts_partial(coh));
    kw_jw_int(w, "customers", (int64_t)total_size);
    kw_jw_int(w, "ages", (int64_t)C);
    kw_jw_begin_array(w, "cohorts");
    for (size_t r = 0; r < R; r++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "cohort", plabel[r]);
      kw_jw_date(w, "first_day",
                 kw_period_first_day(kw_cohorts_index(coh, r), u));
      kw_jw_int(w, "size", (int64_t)kw_cohorts_size(coh, r));
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_begin_object(w, "metrics");
    for (size_t b = 0; b < nm; b++) {
      kw_jw_begin_object(w, kw_cohort_metric_name((kw_cohort_metric)mlist[b]));
      kw_jw_begin_array(w, "values");
      for (size_t r = 0; r < R; r++) {
        kw_jw_begin_array(w, NULL);
        for (size_t k = 0; k < C && r + k < R; k++)
          kw_jw_num(w, NULL, buf[k * NR + b * (R + 1) + r]);
        kw_jw_end_array(w);
      }
      kw_jw_end_array(w);
      kw_jw_begin_array(w, "total");
      for (size_t k = 0; k < C; k++)
        kw_jw_num(w, NULL, buf[k * NR + b * (R + 1) + R]);
      kw_jw_end_array(w);
      kw_jw_end_object(w);
    }
    kw_jw_end_object(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (rep->format == KW_FORMAT_CSV) {
    kw_rtable t = {NULL, NR, rows, C + 3, cols};
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, rep->lang, 0);
  } else {
    fprintf(f, nl ? "Acquisitiecohorten per %s: %llu klanten in %zu cohorten "
                    "(%s tot %s), tot %s%s\n"
                  : "Acquisition cohorts by %s: %llu customers in %zu "
                    "cohorts (%s to %s), up to %s%s\n",
            nl ? (u == KW_PERIOD_WEEK      ? "week"
                  : u == KW_PERIOD_QUARTER ? "kwartaal"
                                           : "maand")
               : kw_period_unit_name(u),
            (unsigned long long)total_size, R, plabel[0], plabel[R - 1],
            kw_date_format(d1, kw_cohorts_as_of(coh), nl ? 1 : 0),
            kw_cohorts_partial(coh)
                ? (nl ? " (laatste periode onvolledig)"
                      : " (last period incomplete)")
                : "");
    fprintf(f, nl ? "Kolommen: perioden sinds de acquisitieperiode (0).\n"
                  : "Columns: periods since the acquisition period (0).\n");
    for (size_t b = 0; b < nm && !st; b++) {
      const mdesc *D = &metrics[mlist[b]];
      for (size_t k = 0; k < C; k++) {
        cols[3 + k].type = D->type;
        cols[3 + k].decimals = D->decimals;
      }
      fprintf(f, "\n%s\n", nl ? D->label_nl : D->label);
      kw_rtable t = {NULL, R + 1, rows + b * (R + 1), C + 2, cols + 1};
      st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, rep->lang, 0);
    }
  }
  free(plabel);
done:
  free(buf);
  free(labels);
  free(cols);
  free(rowname);
  free(mname);
  free(sizes);
  free(rows);
  return st;
}
