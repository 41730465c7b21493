/*
 * pg_ageing_report.c — the receivables ageing computed by the database
 * (klantwijs/pg.h, `payments --pushdown`): one row per customer in CSV
 * and JSON, with the column names of the payments command's per-customer
 * export (JSON adds the totals); on screen the customers with open money,
 * most overdue money first.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/core.h"
#include "klantwijs.h"
#include "klantwijs/pg.h"
#include "models/value_rank.h"
#include "report/jw.h"
#include "report/write_util.h"

kw_status kw_report_pg_ageing(kw_context *ctx, FILE *f, const kw_pg_ageing *a,
                              kw_format format, kw_lang lang) {
  if (!f || !a) return kw_fail(ctx, KW_EARG, "ageing report: no ageing");
  size_t n = a->n;
  int64_t *maxd = malloc((n ? n : 1) * sizeof *maxd);
  double *bd = malloc(3 * (n ? n : 1) * sizeof *bd);
  if (!maxd || !bd) {
    free(maxd);
    free(bd);
    return KW_ENOMEM;
  }
  for (size_t i = 0; i < n; i++) maxd[i] = a->max_overdue_days[i];
  /* the behaviour's figures rounded as the payments command's export */
  double *late = bd, *dtp = bd + n, *dl = bd + 2 * n;
  for (size_t i = 0; a->has_behaviour && i < n; i++) {
    late[i] = a->settled[i] ? kw_wu_round(a->late_share[i], 6) : NAN;
    dtp[i] = a->days_to_pay[i] != 0 || a->settled[i]
                 ? kw_wu_round(a->days_to_pay[i], 2)
                 : NAN;
    dl[i] = !isnan(dtp[i]) ? kw_wu_round(a->days_late[i], 2) : NAN;
  }
  static const char *const class_keys[] = {"none", "fast", "slow",
                                           "problematic"};
  static const char *const class_en[] = {"", "fast", "slow", "problematic"};
  static const char *const class_nl[] = {"", "snel", "traag",
                                         "problematisch"};
  bool table = format == KW_FORMAT_TABLE;
  const kw_rcol bcols[] = {
      {"invoices", "invoices", "facturen", KW_CELL_U32, 0, a->invoices, NULL, NULL, NULL},
      {"settled", "settled", "betaald", KW_CELL_U32, 0, a->settled, NULL, NULL, NULL},
      {"settled_late", "late", "te laat", KW_CELL_U32, 0, a->settled_late, NULL, NULL, NULL},
      {"late_share", "% late", "% te laat", table ? KW_CELL_PCT : KW_CELL_F64, 0, late, NULL, NULL, NULL},
      {"days_to_pay", "days to pay", "dagen tot betaling", KW_CELL_F64, 1, dtp, NULL, NULL, NULL},
      {"days_late", "days late", "dagen te laat", KW_CELL_F64, 1, dl, NULL, NULL, NULL},
      {"invoiced", "invoiced", "gefactureerd", KW_CELL_MONEY, 0, a->invoiced, NULL, NULL, NULL},
      {"class", "class", "klasse", KW_CELL_CODE, 0, a->pay_class, NULL,
       table ? class_en : class_keys, table ? class_nl : NULL},
      {"errors", "errors", "fouten", KW_CELL_U32, 0, a->errors, NULL, NULL, NULL},
  };
  kw_rcol cols[32];
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_STR, 0,
                         a->ids, NULL, NULL, NULL};
  for (size_t j = 0; a->has_behaviour && j < sizeof bcols / sizeof *bcols;
       j++)
    if (!table || j == 3 || j == 4 || j == 7) cols[nc++] = bcols[j];
  const kw_rcol acols[] = {
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
  for (size_t j = 0; j < sizeof acols / sizeof *acols; j++)
    cols[nc++] = acols[j];
  kw_rtable t = {NULL, n, NULL, nc, cols};
  uint32_t *rows = NULL;
  if (format == KW_FORMAT_TABLE) {
    /* on screen: the customers with open money, most overdue first */
    rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows) {
      free(maxd);
      free(bd);
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
      free(bd);
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
      free(bd);
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
    if (a->has_behaviour) { /* the keys of the payments command */
      kw_jw_int(w, "buying_customers", (int64_t)a->n_customers);
      kw_jw_int(w, "fast_payers", (int64_t)a->n_class[KW_PAY_FAST]);
      kw_jw_int(w, "slow_payers", (int64_t)a->n_class[KW_PAY_SLOW]);
      kw_jw_int(w, "problematic_payers", (int64_t)a->n_class[KW_PAY_PROBLEM]);
      kw_jw_int(w, "invoices", (int64_t)a->n_invoices);
      kw_jw_int(w, "credit_notes", (int64_t)a->n_credit_notes);
      kw_jw_int(w, "settled", (int64_t)a->n_settled);
      kw_jw_int(w, "settled_late", (int64_t)a->n_settled_late);
      kw_jw_num(w, "late_share", kw_wu_round(a->late_share_all, 6));
      kw_jw_num(w, "days_to_pay", kw_wu_round(a->days_to_pay_all, 4));
      kw_jw_num(w, "days_late", kw_wu_round(a->days_late_all, 4));
      kw_jw_money(w, "invoiced", a->invoiced_total);
      kw_jw_int(w, "dso_days", a->dso_days);
      kw_jw_money(w, "invoiced_in_window", a->invoiced_recent);
      if (a->dso_defined) kw_jw_num(w, "dso", kw_wu_round(a->dso, 4));
      else kw_jw_null(w, "dso");
      kw_jw_int(w, "data_errors", (int64_t)a->errors_total);
    }
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else {
    st = kw_write_rtable(ctx, f, &t, format, lang, 0);
  }
  free(maxd);
  free(bd);
  free(rows);
  return st;
}
