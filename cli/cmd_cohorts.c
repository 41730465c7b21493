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
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

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

typedef struct cohorts_opts {
  int by; /* kw_period_unit */
  bool want[KW_COHORT__COUNT];
  bool metric_given;
  unsigned long ages;
} cohorts_opts;

static bool set_metric(cli_common *c, void *target, const char *v) {
  cohorts_opts *o = target; /* the row's target is the whole struct */
  o->metric_given = true;
  if (parse_metrics(v, o->want)) return true;
  cli_usage_key(c, "cli.err.metric", NULL);
  return false;
}

#define CMD(field) CLI_T_CMD, offsetof(cohorts_opts, field)
static const cli_opt rows_[] = {
    {"by", 0, CLI_CHOICE, CMD(by), CLI_NO_RANGE, "month|week|quarter",
     "month", "opt.cohorts.by", NULL},
    {"metric", 0, CLI_CALL, CLI_T_CMD, 0, CLI_NO_RANGE, "LIST",
     "opt.cohorts.metric.default", "opt.cohorts.metric", set_metric},
    {"ages", 0, CLI_UINT, CMD(ages), 1, 100000, "N", "opt.all",
     "opt.cohorts.ages", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_as_of,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_cohorts_spec = {"cohorts", groups};

int kw_cli_cohorts(int argc, char **argv);
int kw_cli_cohorts(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "cohorts");
  kw_cohort_options co;
  kw_cohort_options_init(&co);
  cohorts_opts o = {KW_PERIOD_MONTH, {false}, false, 0};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_cohorts_spec, &c, targets, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  co.period = (kw_period_unit)o.by;
  bool *want = o.want;
  bool metric_given = o.metric_given;
  unsigned long max_ages = o.ages;
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
  code = cli_load(&c, &ds);
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
