/*
 * pg_ageing_report.c — the receivables ageing computed by the database
 * (klantwijs/pg.h, `payments --pushdown`): one row per customer in CSV
 * and JSON, with the column names of the payments command's per-customer
 * export (JSON adds the totals); on screen the customers with open money,
 * most overdue money first.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/core.h"
#include "klantwijs.h"
#include "klantwijs/pg.h"
#include "models/value_rank.h"
#include "report/jw.h"

kw_status kw_report_pg_ageing(kw_context *ctx, FILE *f, const kw_pg_ageing *a,
                              kw_format format, kw_lang lang) {
  if (!f || !a) return kw_fail(ctx, KW_EARG, "ageing report: no ageing");
  size_t n = a->n;
  int64_t *maxd = malloc((n ? n : 1) * sizeof *maxd);
  if (!maxd) return KW_ENOMEM;
  for (size_t i = 0; i < n; i++) maxd[i] = a->max_overdue_days[i];
  const kw_rcol cols[] = {
      {"customer_id", "customer", "klant", KW_CELL_STR, 0, a->ids, NULL, NULL, NULL},
      {"open", "open", "open", KW_CELL_MONEY, 0, a->open, NULL, NULL, NULL},
      {"open_credit", "open credit", "open krediet", KW_CELL_MONEY, 0, a->credit, NULL, NULL, NULL},
      {"overdue", "overdue", "vervallen", KW_CELL_MONEY, 0, a->overdue, NULL, NULL, NULL},
      {"not_due", "not due", "niet vervallen", KW_CELL_MONEY, 0, a->ageing[KW_AGE_CURRENT], NULL, NULL, NULL},
      {"overdue_1_30", "1-30", "1-30", KW_CELL_MONEY, 0, a->ageing[KW_AGE_1_30], NULL, NULL, NULL},
      {"overdue_31_60", "31-60", "31-60", KW_CELL_MONEY, 0, a->ageing[KW_AGE_31_60], NULL, NULL, NULL},
      {"overdue_61_90", "61-90", "61-90", KW_CELL_MONEY, 0, a->ageing[KW_AGE_61_90], NULL, NULL, NULL},
      {"overdue_90_plus", "90+", "90+", KW_CELL_MONEY, 0, a->ageing[KW_AGE_OVER_90], NULL, NULL, NULL},
      {"max_days_overdue", "max days overdue", "max dagen vervallen", KW_CELL_I64, 0, maxd, NULL, NULL, NULL},
  };
  kw_rtable t = {NULL, n, NULL, sizeof cols / sizeof *cols, cols};
  uint32_t *rows = NULL;
  if (format == KW_FORMAT_TABLE) {
    /* on screen: the customers with open money, most overdue first */
    rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows) {
      free(maxd);
      return KW_ENOMEM;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
      if (a->open[i] != 0 || a->overdue[i] != 0) rows[m++] = (uint32_t)i;
    /* most overdue first, equal amounts by id (the ids are in byte
     * order) */
    kw_status rs = kw_rank_desc(ctx, a->overdue, rows, m);
    if (rs) {
      free(maxd);
      free(rows);
      return rs;
    }
    t.nrows = m;
    t.rows = rows;
  }
  kw_status st;
  if (format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) {
      free(maxd);
      return KW_ENOMEM;
    }
    kw_jw_begin_object(w, NULL);
    kw_jw_date(w, "as_of", a->as_of);
    kw_jw_int(w, "n_customers", (int64_t)n);
    kw_jw_money(w, "open", a->open_total);
    kw_jw_money(w, "open_credit", a->credit_total);
    kw_jw_money(w, "overdue", a->overdue_total);
    kw_jw_money(w, "not_due", a->ageing_total[KW_AGE_CURRENT]);
    kw_jw_money(w, "overdue_1_30", a->ageing_total[KW_AGE_1_30]);
    kw_jw_money(w, "overdue_31_60", a->ageing_total[KW_AGE_31_60]);
    kw_jw_money(w, "overdue_61_90", a->ageing_total[KW_AGE_61_90]);
    kw_jw_money(w, "overdue_90_plus", a->ageing_total[KW_AGE_OVER_90]);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else {
    st = kw_write_rtable(ctx, f, &t, format, lang, 0);
  }
  free(maxd);
  free(rows);
  return st;
}
