/*
 * summary_report.c — the writer of the per-customer summary
 * (kw_report_summary in klantwijs/writers.h): one row per buyer (a
 * customer with a purchase) with the derived columns computed here from
 * the summary — margin only when every line's cost is known, average order
 * value as revenue / orders in cents rounded half away from zero, tenure
 * and recency in days to the as-of date. The terminal shows the heading
 * (buyers, as-of date, lines, revenue) and the largest customers by
 * revenue; CSV and JSON every buyer in id order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"
#include "klantwijs/pg.h"
#include "report/jw.h"

void kw_summary_report_init(kw_summary_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->top = 20;
}

static const int64_t *sort_key;
static int by_revenue_desc(const void *a, const void *b) {
  int64_t x = sort_key[*(const uint32_t *)a], y = sort_key[*(const uint32_t *)b];
  if (x != y) return x < y ? 1 : -1;
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  return (i > j) - (i < j);
}

static const char *fill(char *buf, size_t cap, const char *key, kw_lang lang,
                        const char *const *names, const char *const *values,
                        size_t n) {
  kw_message_fill(buf, cap, key, lang, names, values, n);
  return buf;
}

kw_status kw_report_summary(kw_context *ctx, FILE *f,
                            const kw_customer_summary *v,
                            const kw_summary_report *r) {
  kw_summary_report def;
  if (!r) {
    kw_summary_report_init(&def);
    r = &def;
  }
  if (!f || !v) return kw_fail(ctx, KW_EARG, "summary report: no summary");
  size_t n = v->n, cap = n ? n : 1, nb = 0;
  uint32_t *idx = malloc(cap * sizeof *idx);
  int64_t *margin = malloc(cap * sizeof *margin);
  int64_t *aov = malloc(cap * sizeof *aov);
  uint32_t *tenure = malloc(cap * sizeof *tenure);
  uint32_t *recency = malloc(cap * sizeof *recency);
  kw_status st = KW_OK;
  if (!idx || !margin || !aov || !tenure || !recency) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  int64_t total = 0;
  for (size_t k = 0; k < n; k++) {
    if (v->first[k] == KW_NA_DATE) continue;
    idx[nb++] = (uint32_t)k;
    if (__builtin_add_overflow(total, v->revenue[k], &total)) {
      st = kw_fail(ctx, KW_ERANGE,
                   "the total of the amount column is more than "
                   "92,233,720,368,547,758.07: out of range");
      goto out;
    }
    /* margin only when every line's cost is known (and in range) */
    int64_t mg;
    margin[k] = v->has_cost && v->cost_lines[k] == v->lines[k] &&
                        !__builtin_sub_overflow(v->revenue[k], v->cost[k], &mg)
                    ? mg
                    : KW_NA_MONEY;
    /* revenue / orders in cents, rounded half away from zero */
    if (v->orders[k]) {
      int64_t nord = (int64_t)v->orders[k], rev = v->revenue[k];
      aov[k] = rev >= 0 ? (rev + nord / 2) / nord : -((-rev + nord / 2) / nord);
    } else {
      aov[k] = 0;
    }
    tenure[k] = (uint32_t)(v->as_of - v->first[k]);
    recency[k] = (uint32_t)(v->as_of - v->last[k]);
  }
  const kw_rcol cols[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, NULL, v->ids, NULL, NULL},
      {"first_purchase", "first", "eerste", KW_CELL_DATE, 0, v->first, NULL, NULL, NULL},
      {"last_purchase", "last", "laatste", KW_CELL_DATE, 0, v->last, NULL, NULL, NULL},
      {"orders", "orders", "orders", KW_CELL_U32, 0, v->orders, NULL, NULL, NULL},
      {"purchase_days", "days", "dagen", KW_CELL_U32, 0, v->days, NULL, NULL, NULL},
      {"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, v->revenue, NULL, NULL, NULL},
      {"margin", "margin", "marge", KW_CELL_MONEY, 0, margin, NULL, NULL, NULL},
      {"avg_order_value", "avg order", "gem. order", KW_CELL_MONEY, 0, aov, NULL, NULL, NULL},
      {"products", "products", "producten", KW_CELL_U32, 0, v->n_products, NULL, NULL, NULL},
      {"categories", "categories", "categorieën", KW_CELL_U32, 0, v->n_categories, NULL, NULL, NULL},
      {"tenure_days", "tenure", "klant sinds", KW_CELL_U32, 0, tenure, NULL, NULL, NULL},
      {"recency_days", "recency", "recentheid", KW_CELL_U32, 0, recency, NULL, NULL, NULL},
      {"x", "x", "x", KW_CELL_F64, 0, v->x, NULL, NULL, NULL},
      {"t_x", "t_x", "t_x", KW_CELL_F64, 2, v->t_x, NULL, NULL, NULL},
      {"T", "T", "T", KW_CELL_F64, 2, v->T, NULL, NULL, NULL},
  };
  size_t ncols = sizeof cols / sizeof *cols, k2 = 0;
  kw_rcol colbuf[sizeof cols / sizeof *cols];
  for (size_t j = 0; j < ncols; j++) {
    if (strcmp(cols[j].key, "margin") == 0 && !v->has_cost) continue;
    if (strcmp(cols[j].key, "categories") == 0 && !v->has_category) continue;
    if (strcmp(cols[j].key, "products") == 0 && !v->has_product) continue;
    colbuf[k2++] = cols[j];
  }
  kw_rtable t = {NULL, nb, idx, k2, colbuf};
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
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
  } else if (r->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, r->lang, 0);
  } else {
    char d1[11], m1[32], nb_s[24], ln_s[24], af_s[24], after[160], head[512];
    snprintf(nb_s, sizeof nb_s, "%zu", nb);
    snprintf(ln_s, sizeof ln_s, "%llu", (unsigned long long)v->buyer_lines);
    snprintf(af_s, sizeof af_s, "%llu", (unsigned long long)v->lines_after);
    after[0] = '\0';
    if (v->lines_after) {
      const char *an[] = {"n"}, *av[] = {af_s};
      fill(after, sizeof after, "summary.head.after", r->lang, an, av, 1);
    }
    const char *hn[] = {"n", "as_of", "lines", "after", "revenue"};
    const char *hv[] = {nb_s, kw_date_format(d1, v->as_of, r->lang == KW_LANG_NL),
                        ln_s, after, kw_fmt_money(m1, total, r->lang)};
    fprintf(f, "%s\n\n", fill(head, sizeof head, "summary.head", r->lang, hn,
                              hv, 5));
    sort_key = v->revenue;
    qsort(idx, nb, sizeof *idx, by_revenue_desc);
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, r->lang, r->top);
  }
out:
  free(idx);
  free(margin);
  free(aov);
  free(tenure);
  free(recency);
  return st;
}

/* ------------------------------------------------ summary in the database */

kw_status kw_report_pg_summary(kw_context *ctx, FILE *f,
                               const kw_pg_summary *s, kw_unit unit,
                               kw_format format, kw_lang lang) {
  if (!f || !s) return kw_fail(ctx, KW_EARG, "summary report: no summary");
  size_t n = s->n, m = n ? n : 1;
  double ud = kw_unit_days(unit);
  double *tx = malloc(m * sizeof *tx), *T = malloc(m * sizeof *T);
  kw_status st = KW_OK;
  if (!tx || !T) {
    st = KW_ENOMEM;
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
  if (format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto done;
    }
    kw_jw_begin_object(w, NULL);
    kw_jw_date(w, "as_of", s->as_of);
    kw_jw_str(w, "unit", kw_unit_name(unit));
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
    st = kw_write_rtable(ctx, f, &t, format, lang, 0);
  }
done:
  free(tx);
  free(T);
  return st;
}
