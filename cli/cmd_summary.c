/*
 * cmd_summary.c — `klantwijs summary`: the per-customer summary.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "klantwijs/pg.h"
#include "opts.h"

typedef struct summary_opts {
  unsigned long top;
  bool pushdown;
} summary_opts;

static const cli_opt rows_[] = {
    {"top", 0, CLI_UINT, CLI_T_CMD, offsetof(summary_opts, top), CLI_NO_RANGE,
     "N", "20", "opt.summary.top", NULL},
    {"pushdown", 0, CLI_FLAG, CLI_T_CMD, offsetof(summary_opts, pushdown),
     CLI_NO_RANGE, NULL, NULL, "opt.summary.pushdown", NULL},
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

/* --pushdown: the summary computed by the database (klantwijs/pg.h); one
 * row per customer comes back, and the (x, t_x, T) pattern counts. */
static int pushdown(cli_common *c) {
  if (!kw_pg_is_uri(c->path))
    return cli_usage_key(c, "cli.err.pushdown_uri", NULL);
  c->load.db = c->path;
  c->load.lang = (int)c->lang;
  kw_pg_summary *s = NULL;
  kw_status st = kw_pg_pushdown_summary(c->ctx, &c->load, c->as_of, &s);
  if (st) return cli_fail(c, st);
  size_t n = s->n, m = n ? n : 1;
  double ud = kw_unit_days(c->unit);
  double *tx = malloc(m * sizeof *tx), *T = malloc(m * sizeof *T);
  int code = KW_EXIT_OK;
  if (!tx || !T) {
    fprintf(stderr, "klantwijs summary: out of memory\n");
    code = KW_EXIT_INTERNAL;
    goto done;
  }
  for (size_t k = 0; k < n; k++) tx[k] = s->t_x[k] / ud, T[k] = s->T[k] / ud;
  const kw_rcol all[] = {
      {"customer_id", "customer", "klant", KW_CELL_STR, 0, s->ids, NULL, NULL, NULL},
      {"first_purchase", "first", "eerste", KW_CELL_DATE, 0, s->first, NULL, NULL, NULL},
      {"last_purchase", "last", "laatste", KW_CELL_DATE, 0, s->last, NULL, NULL, NULL},
      {"orders", "orders", "orders", KW_CELL_U32, 0, s->orders, NULL, NULL, NULL},
      {"purchase_days", "days", "dagen", KW_CELL_U32, 0, s->days, NULL, NULL, NULL},
      {"lines", "lines", "lijnen", KW_CELL_U32, 0, s->lines, NULL, NULL, NULL},
      {"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, s->revenue, NULL, NULL, NULL},
      {"cost", "cost", "kost", KW_CELL_MONEY, 0, s->cost, NULL, NULL, NULL},
      {"x", "x", "x", KW_CELL_F64, 0, s->x, NULL, NULL, NULL},
      {"t_x", "t_x", "t_x", KW_CELL_F64, 2, tx, NULL, NULL, NULL},
      {"T", "T", "T", KW_CELL_F64, 2, T, NULL, NULL, NULL},
  };
  kw_rcol cols[sizeof all / sizeof *all];
  size_t nc = 0;
  for (size_t j = 0; j < sizeof all / sizeof *all; j++)
    if (s->has_cost || strcmp(all[j].key, "cost") != 0) cols[nc++] = all[j];
  kw_rtable t = {NULL, n, NULL, nc, cols};
  FILE *f = cli_out_open(c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_date(w, "as_of", s->as_of);
    kw_jw_str(w, "unit", kw_unit_name(c->unit));
    kw_jw_int(w, "n_customers", (int64_t)n);
    kw_jw_int(w, "lines", (int64_t)s->total_lines);
    kw_jw_money(w, "revenue", s->total_revenue);
    kw_jw_begin_array(w, "patterns");
    for (size_t k = 0; k < s->n_patterns; k++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_num(w, "x", s->px[k]);
      kw_jw_num(w, "t_x", s->pt_x[k] / ud);
      kw_jw_num(w, "T", s->pT[k] / ud);
      kw_jw_int(w, "customers", (int64_t)s->pcount[k]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else {
    st = kw_write_rtable(c->ctx, f, &t, c->format, c->lang, 0);
  }
  code = cli_out_close(c, f, st == KW_OK);
done:
  free(tx);
  free(T);
  kw_pg_summary_free(c->ctx, s);
  return code;
}

int kw_cli_summary(int argc, char **argv);
int kw_cli_summary(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "summary");
  summary_opts o = {20, false};
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  int code = cli_parse(&kw_cli_summary_spec, &c, targets, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  if (o.pushdown) {
    code = pushdown(&c);
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
    if (__builtin_add_overflow(total, v->revenue[k], &total)) {
      fprintf(stderr, "klantwijs summary: the total of the amount column is "
                      "more than 92,233,720,368,547,758.07: out of range\n");
      code = KW_EXIT_INPUT;
      goto done;
    }
    /* margin only when every line's cost is known (and in range) */
    int64_t mg;
    R.margin[k] = v->has_cost && v->cost_lines[k] == v->lines[k] &&
                          !__builtin_sub_overflow(v->revenue[k], v->cost[k],
                                                  &mg)
                      ? mg
                      : KW_NA_MONEY;
    /* revenue / orders in cents, rounded half away from zero */
    if (v->orders[k]) {
      int64_t nord = (int64_t)v->orders[k], rev = v->revenue[k];
      R.aov[k] = rev >= 0 ? (rev + nord / 2) / nord
                          : -((-rev + nord / 2) / nord);
    } else {
      R.aov[k] = 0;
    }
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
    kw_jw_int(w, "lines", (int64_t)v->buyer_lines);
    kw_jw_int(w, "lines_used", (int64_t)v->lines_used);
    kw_jw_int(w, "return_only_customers", (int64_t)v->n_return_only);
    kw_jw_money(w, "return_only_revenue", v->return_only_revenue);
    kw_jw_int(w, "lines_after_as_of", (int64_t)v->lines_after);
    kw_jw_money(w, "revenue", total);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (c.format == KW_FORMAT_CSV) {
    st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_CSV, c.lang, 0);
  } else {
    char d1[11], m1[32], nb_s[24], ln_s[24], af_s[24], after[160], head[512];
    snprintf(nb_s, sizeof nb_s, "%zu", nb);
    snprintf(ln_s, sizeof ln_s, "%llu", (unsigned long long)v->buyer_lines);
    snprintf(af_s, sizeof af_s, "%llu", (unsigned long long)v->lines_after);
    after[0] = '\0';
    if (v->lines_after)
      cli_textf(after, sizeof after, "summary.head.after", c.lang, "n", af_s,
                NULL);
    cli_textf(head, sizeof head, "summary.head", c.lang, "n", nb_s, "as_of",
              kw_date_format(d1, v->as_of, c.lang == KW_LANG_NL), "lines",
              ln_s, "after", after, "revenue",
              kw_fmt_money(m1, total, c.lang), NULL);
    fprintf(f, "%s\n\n", head);
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
