/*
 * cmd_summary.c — `klantwijs summary`: the per-customer summary.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

typedef struct summary_opts {
  unsigned long top;
} summary_opts;

static const cli_opt rows_[] = {
    {"top", 0, CLI_UINT, CLI_T_CMD, offsetof(summary_opts, top), CLI_NO_RANGE,
     "N", "20", "opt.summary.top", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_time,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_summary_spec = {"summary", groups};

typedef struct rows {
  uint32_t *idx;
  int64_t *margin;
  int64_t *aov;
  uint32_t *tenure;
  uint32_t *recency;
} rows;

static const int64_t *sort_key;
static int by_revenue_desc(const void *a, const void *b) {
  int64_t x = sort_key[*(const uint32_t *)a], y = sort_key[*(const uint32_t *)b];
  if (x != y) return x < y ? 1 : -1;
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  return (i > j) - (i < j);
}

int kw_cli_summary(int argc, char **argv);
int kw_cli_summary(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "summary");
  summary_opts o = {20};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_summary_spec, &c, targets, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  unsigned long top = o.top;
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  rows R = {0};
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  const kw_customer_summary *v = kw_summary_view(s);
  size_t n = v->n, nb = 0;
  R.idx = malloc((n ? n : 1) * sizeof *R.idx);
  R.margin = malloc((n ? n : 1) * sizeof *R.margin);
  R.aov = malloc((n ? n : 1) * sizeof *R.aov);
  R.tenure = malloc((n ? n : 1) * sizeof *R.tenure);
  R.recency = malloc((n ? n : 1) * sizeof *R.recency);
  if (!R.idx || !R.margin || !R.aov || !R.tenure || !R.recency) {
    fprintf(stderr, "klantwijs summary: out of memory\n");
    code = KW_EXIT_INTERNAL;
    goto done;
  }
  int64_t total = 0;
  for (size_t k = 0; k < n; k++) {
    if (v->first[k] == KW_NA_DATE) continue;
    R.idx[nb++] = (uint32_t)k;
    total += v->revenue[k];
    /* margin only when every line's cost is known */
    R.margin[k] = v->has_cost && v->cost_lines[k] == v->lines[k]
                      ? v->revenue[k] - v->cost[k]
                      : KW_NA_MONEY;
    R.aov[k] = v->orders[k] ? v->revenue[k] / (int64_t)v->orders[k] : 0;
    R.tenure[k] = (uint32_t)(v->as_of - v->first[k]);
    R.recency[k] = (uint32_t)(v->as_of - v->last[k]);
  }
  const kw_rcol cols[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, NULL, v->ids, NULL, NULL},
      {"first_purchase", "first", "eerste", KW_CELL_DATE, 0, v->first, NULL, NULL, NULL},
      {"last_purchase", "last", "laatste", KW_CELL_DATE, 0, v->last, NULL, NULL, NULL},
      {"orders", "orders", "orders", KW_CELL_U32, 0, v->orders, NULL, NULL, NULL},
      {"purchase_days", "days", "dagen", KW_CELL_U32, 0, v->days, NULL, NULL, NULL},
      {"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, v->revenue, NULL, NULL, NULL},
      {"margin", "margin", "marge", KW_CELL_MONEY, 0, R.margin, NULL, NULL, NULL},
      {"avg_order_value", "avg order", "gem. order", KW_CELL_MONEY, 0, R.aov, NULL, NULL, NULL},
      {"products", "products", "producten", KW_CELL_U32, 0, v->n_products, NULL, NULL, NULL},
      {"categories", "categories", "categorieën", KW_CELL_U32, 0, v->n_categories, NULL, NULL, NULL},
      {"tenure_days", "tenure", "klant sinds", KW_CELL_U32, 0, R.tenure, NULL, NULL, NULL},
      {"recency_days", "recency", "recentheid", KW_CELL_U32, 0, R.recency, NULL, NULL, NULL},
      {"x", "x", "x", KW_CELL_F64, 0, v->x, NULL, NULL, NULL},
      {"t_x", "t_x", "t_x", KW_CELL_F64, 2, v->t_x, NULL, NULL, NULL},
      {"T", "T", "T", KW_CELL_F64, 2, v->T, NULL, NULL, NULL},
  };
  size_t ncols = sizeof cols / sizeof *cols;
  kw_rcol colbuf[sizeof cols / sizeof *cols];
  size_t k2 = 0;
  for (size_t j = 0; j < ncols; j++) {
    if (strcmp(cols[j].key, "margin") == 0 && !v->has_cost) continue;
    if (strcmp(cols[j].key, "categories") == 0 && !v->has_category) continue;
    if (strcmp(cols[j].key, "products") == 0 && !v->has_product) continue;
    colbuf[k2++] = cols[j];
  }
  kw_rtable t = {NULL, nb, R.idx, k2, colbuf};
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  st = KW_OK;
  if (c.format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c.ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_date(w, "as_of", v->as_of);
    kw_jw_str(w, "unit", kw_unit_name(v->unit));
    kw_jw_int(w, "n_customers", (int64_t)nb);
    kw_jw_int(w, "lines_used", (int64_t)v->lines_used);
    kw_jw_int(w, "lines_after_as_of", (int64_t)v->lines_after);
    kw_jw_money(w, "revenue", total);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (c.format == KW_FORMAT_CSV) {
    st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_CSV, c.lang, 0);
  } else {
    char d1[11], m1[32];
    bool nl = c.lang == KW_LANG_NL;
    fprintf(f, nl ? "%zu klanten met aankopen tot %s (%llu lijnen"
                  : "%zu customers with purchases up to %s (%llu lines",
            nb, kw_date_format(d1, v->as_of, nl ? 1 : 0),
            (unsigned long long)v->lines_used);
    if (v->lines_after)
      fprintf(f, nl ? ", %llu lijnen na die datum weggelaten"
                    : ", %llu later lines left out",
              (unsigned long long)v->lines_after);
    fprintf(f, nl ? "); omzet %s\n\n" : "); revenue %s\n\n",
            kw_fmt_money(m1, total, c.lang));
    sort_key = v->revenue;
    qsort(R.idx, nb, sizeof *R.idx, by_revenue_desc);
    st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_TABLE, c.lang, top);
  }
  code = cli_out_close(&c, f, st == KW_OK);
done:
  free(R.idx);
  free(R.margin);
  free(R.aov);
  free(R.tenure);
  free(R.recency);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
