/*
 * cmd_cohorts.c — `klantwijs cohorts`: acquisition cohorts as heatmap-ready
 * matrices (cohort x periods since acquisition) of activity, revenue, net
 * revenue retention and cumulative revenue per acquired customer.
 *
 * The matrices come from kw_cohorts_build (definitions in retention.h);
 * this file only turns the row-major matrices into column views (one
 * column per age, a pooled "total" row under the cohorts) for the writers.
 * A cell that is not observed yet (the cohort is younger than the age) is
 * empty in the table and CSV and null in JSON.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char kw_cli_cohorts_help[] =
    "usage: klantwijs cohorts [OPTIONS] PATH\n"
    "\n"
    "Customers grouped by the period of their first purchase (acquisition\n"
    "cohort); per cohort and period since acquisition (0 = the acquisition\n"
    "period):\n"
    "  active               customers with a purchase in period k\n"
    "                       ('returned in period k')\n"
    "  active_share         the same as a share of the cohort (default)\n"
    "  active_later         customers with a purchase in period k or later\n"
    "  active_later_share   the same as a share of the cohort\n"
    "  revenue              net revenue of the cohort in period k\n"
    "  nrr                  net revenue retention: revenue in k / revenue\n"
    "                       in period 0\n"
    "  cumulative_revenue_per_customer\n"
    "                       revenue up to period k per acquired customer\n"
    "The 'total' row pools the cohorts observed at each k (weighted by\n"
    "size). Returns and credit notes lower revenue but are no purchase. The\n"
    "last period may be incomplete (the output says so).\n"
    "\n"
    "Options:\n"
    "  --by month|week|quarter  cohort and period length (default month;\n"
    "                         weeks start on Monday)\n"
    "  --metric LIST          metrics separated by commas, or all (default\n"
    "                         active_share; json: all)\n"
    "  --ages N               at most N periods since acquisition (default\n"
    "                         all)\n"
    "  --as-of DATE           last day included (default: the last date)\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Output: a table per metric (rows cohorts, columns periods since\n"
    "acquisition); csv stacks the matrices with a metric column (metric,\n"
    "cohort, size, 0, 1, ...; shares as fractions); json has per metric\n"
    "\"values\" (rows x columns, null where not observed) and \"total\".\n"
    "\n"
    "Examples:\n"
    "  klantwijs cohorts demo-data\n"
    "  klantwijs cohorts demo-data --by quarter --metric active_share,nrr\n"
    "  klantwijs cohorts demo-data --metric all --format csv -o cohorts.csv\n";

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

static bool parse_metrics(const char *s, bool *want) {
  memset(want, 0, KW_COHORT__COUNT * sizeof *want);
  if (strcmp(s, "all") == 0) {
    for (int m = 0; m < KW_COHORT__COUNT; m++) want[m] = true;
    return true;
  }
  while (*s) {
    const char *e = strchr(s, ',');
    size_t len = e ? (size_t)(e - s) : strlen(s);
    bool ok = false;
    for (int m = 0; m < KW_COHORT__COUNT; m++) {
      const char *n = kw_cohort_metric_name((kw_cohort_metric)m);
      if (strlen(n) == len && strncmp(n, s, len) == 0) {
        want[m] = true;
        ok = true;
      }
    }
    if (!ok) return false;
    s += len;
    if (*s == ',') {
      s++;
      if (!*s) return false;
    }
  }
  return true;
}

int kw_cli_cohorts(int argc, char **argv);
int kw_cli_cohorts(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "cohorts");
  kw_cohort_options co;
  kw_cohort_options_init(&co);
  bool want[KW_COHORT__COUNT] = {false};
  bool metric_given = false;
  unsigned long max_ages = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if ((r = cli_opt_value("--by", argc, argv, &i, &v)) > 0) {
      if (strcmp(v, "month") == 0) co.period = KW_PERIOD_MONTH;
      else if (strcmp(v, "week") == 0) co.period = KW_PERIOD_WEEK;
      else if (strcmp(v, "quarter") == 0) co.period = KW_PERIOD_QUARTER;
      else r = -1, cli_usage(&c, "--by takes month, week or quarter");
    } else if (r == 0 &&
               (r = cli_opt_value("--metric", argc, argv, &i, &v)) > 0) {
      metric_given = true;
      if (!parse_metrics(v, want))
        r = -1, cli_usage(&c, "--metric takes active, active_share, "
                              "active_later, active_later_share, revenue, "
                              "nrr, cumulative_revenue_per_customer or all");
    } else if (r == 0 && (r = cli_opt_value("--ages", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_uint(v, &max_ages) || max_ages == 0)
        r = -1, cli_usage(&c, "--ages takes a whole number > 0");
    }
    if (r == 0) r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  if (!metric_given) {
    if (c.format == KW_FORMAT_JSON)
      for (int m = 0; m < KW_COHORT__COUNT; m++) want[m] = true;
    else
      want[KW_COHORT_ACTIVE_SHARE] = true;
  }
  co.as_of = c.as_of;
  kw_dataset *ds = NULL;
  kw_cohorts *coh = NULL;
  double *buf = NULL;
  char *labels = NULL;
  kw_rcol *cols = NULL;
  const char **rowname = NULL, **mname = NULL;
  int64_t *sizes = NULL;
  uint32_t *rows = NULL;
  c.load.tables = 1u << KW_TABLE_TRANSACTIONS;
  int code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = kw_cohorts_build(
      c.ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS), &co, &coh);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  const size_t R = kw_cohorts_count(coh);
  size_t C = kw_cohorts_ages(coh);
  if (max_ages && C > max_ages) C = max_ages;
  const kw_period_unit u = kw_cohorts_period(coh);
  size_t nm = 0;
  for (int m = 0; m < KW_COHORT__COUNT; m++) nm += want[m];
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
    fprintf(stderr, "klantwijs cohorts: out of memory\n");
    code = KW_EXIT_INTERNAL;
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
    if (!want[m]) continue;
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

  FILE *f = cli_out_open(&c);
  if (!f) {
    free(plabel);
    code = KW_EXIT_IO;
    goto done;
  }
  const bool nl = c.lang == KW_LANG_NL;
  char d1[11];
  if (c.format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c.ctx, f);
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
  } else if (c.format == KW_FORMAT_CSV) {
    kw_rtable t = {NULL, NR, rows, C + 3, cols};
    st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_CSV, c.lang, 0);
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
      st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_TABLE, c.lang, 0);
    }
  }
  free(plabel);
  code = cli_out_close(&c, f, st == KW_OK);
done:
  free(buf);
  free(labels);
  free(cols);
  free(rowname);
  free(mname);
  free(sizes);
  free(rows);
  kw_cohorts_free(coh);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
