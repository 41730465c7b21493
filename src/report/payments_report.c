/*
 * payments_report.c — the writers of a payment-behaviour result
 * (kw_report_payments in klantwijs/writers.h): the receivables figures,
 * the sentences that read them, the ageing and the customers with the most
 * overdue money on a terminal; every invoiced customer's row in CSV (or
 * the figures with portfolio); both in JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"
#include "report/write_util.h"
#include "report/jw.h"

void kw_payments_report_init(kw_payments_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
}

static const char *const class_keys[] = {"none", "fast", "slow",
                                         "problematic"};
static const char *const class_en[] = {"", "fast", "slow", "problematic"};
static const char *const class_nl[] = {"", "snel", "traag", "problematisch"};

static void portfolio_kv(kw_kv *kv, size_t *nkv, const kw_payments_data *d,
                         int dso_days, const char *dso_en,
                         const char *dso_nl) {
  size_t k = 0;
#define KV(key_, en_, nl_, type_, dec_, field_, val_)  \
  do {                                                 \
    kv[k] = (kw_kv){key_, en_, nl_, type_, dec_, {0}}; \
    kv[k].v.field_ = val_;                             \
    k++;                                               \
  } while (0)
  KV("as_of", "as of", "peildatum", KW_CELL_DATE, 0, i, d->as_of);
  KV("n_customers", "customers with invoices", "klanten met facturen",
     KW_CELL_I64, 0, i, (int64_t)d->n_customers);
  KV("fast_payers", "  fast payers", "  snelle betalers", KW_CELL_I64, 0, i,
     (int64_t)d->n_class[KW_PAY_FAST]);
  KV("slow_payers", "  slow payers", "  trage betalers", KW_CELL_I64, 0, i,
     (int64_t)d->n_class[KW_PAY_SLOW]);
  KV("problematic_payers", "  problematic payers",
     "  problematische betalers", KW_CELL_I64, 0, i,
     (int64_t)d->n_class[KW_PAY_PROBLEM]);
  KV("invoices", "invoices", "facturen", KW_CELL_I64, 0, i,
     (int64_t)d->n_invoices);
  KV("credit_notes", "credit notes", "creditnota's", KW_CELL_I64, 0, i,
     (int64_t)d->n_credit_notes);
  KV("settled", "invoices settled", "facturen betaald", KW_CELL_I64, 0, i,
     (int64_t)d->n_settled);
  KV("settled_late", "  of which late", "  waarvan te laat", KW_CELL_I64, 0,
     i, (int64_t)d->n_settled_late);
  KV("late_share", "  share paid late", "  aandeel te laat betaald",
     KW_CELL_PCT, 1, d, kw_wu_round(d->late_share_all, 6));
  KV("days_to_pay", "days to pay (amount-weighted)",
     "dagen tot betaling (gewogen naar bedrag)", KW_CELL_F64, 1, d,
     kw_wu_round(d->days_to_pay_all, 4));
  KV("days_late", "days late (amount-weighted)",
     "dagen te laat (gewogen naar bedrag)", KW_CELL_F64, 1, d,
     kw_wu_round(d->days_late_all, 4));
  KV("invoiced", "invoiced", "gefactureerd", KW_CELL_MONEY, 0, i,
     d->invoiced_total);
  KV("open", "open (net of open credit notes)",
     "openstaand (na open creditnota's)", KW_CELL_MONEY, 0, i, d->open_total);
  KV("open_credit", "  open credit notes", "  open creditnota's",
     KW_CELL_MONEY, 0, i, d->credit_total);
  KV("overdue", "overdue", "vervallen", KW_CELL_MONEY, 0, i,
     d->overdue_total);
  KV("not_due", "  not yet due", "  nog niet vervallen", KW_CELL_MONEY, 0, i,
     d->ageing_total[KW_AGE_CURRENT]);
  KV("overdue_1_30", "  1-30 days past due", "  1-30 dagen vervallen",
     KW_CELL_MONEY, 0, i, d->ageing_total[KW_AGE_1_30]);
  KV("overdue_31_60", "  31-60 days past due", "  31-60 dagen vervallen",
     KW_CELL_MONEY, 0, i, d->ageing_total[KW_AGE_31_60]);
  KV("overdue_61_90", "  61-90 days past due", "  61-90 dagen vervallen",
     KW_CELL_MONEY, 0, i, d->ageing_total[KW_AGE_61_90]);
  KV("overdue_90_plus", "  over 90 days past due",
     "  meer dan 90 dagen vervallen", KW_CELL_MONEY, 0, i,
     d->ageing_total[KW_AGE_OVER_90]);
  KV("dso_days", "DSO window (days)", "DSO-venster (dagen)", KW_CELL_I64, 0,
     i, dso_days);
  KV("invoiced_in_window", "  invoiced in the window",
     "  gefactureerd in het venster", KW_CELL_MONEY, 0, i,
     d->invoiced_recent);
  KV("dso", dso_en, dso_nl, KW_CELL_F64, 1, d,
     d->dso_defined ? kw_wu_round(d->dso, 4) : NAN);
  KV("problematic_revenue_share", "revenue share of problematic payers",
     "omzetaandeel van problematische betalers", KW_CELL_PCT, 1, d,
     kw_wu_round(d->problem_revenue_share, 6));
  KV("slow_revenue_share", "revenue share of slow payers",
     "omzetaandeel van trage betalers", KW_CELL_PCT, 1, d,
     kw_wu_round(d->slow_revenue_share, 6));
  KV("rows_after_as_of", "invoice rows after the as-of date (left out)",
     "factuurlijnen na de peildatum (weggelaten)", KW_CELL_I64, 0, i,
     (int64_t)d->rows_after);
  KV("data_errors", "data errors (left out of the timing)",
     "fouten in de gegevens (niet in de timing)", KW_CELL_I64, 0, i,
     (int64_t)d->errors_total);
#undef KV
  *nkv = k;
}

static void sentences(FILE *f, const kw_payments_data *d, int dso_days,
                      kw_lang lang) {
  bool nl = lang == KW_LANG_NL;
  char a[40], b[40], m1[32], m2[32];
  fputc('\n', f);
  if (d->dso_defined)
    fprintf(f,
            nl ? "DSO %s dagen: %s staat open tegenover %s gefactureerd in "
                 "de laatste %d dagen.\n"
               : "DSO %s days: %s is open against %s invoiced in the last "
                 "%d days.\n",
            kw_fmt_number(a, kw_wu_round(d->dso, 4), 0, lang),
            kw_fmt_money(m1, d->open_total, lang),
            kw_fmt_money(m2, d->invoiced_recent, lang), dso_days);
  else
    fprintf(f,
            nl ? "Geen DSO: niets gefactureerd in de laatste %d dagen.\n"
               : "No DSO: nothing invoiced in the last %d days.\n",
            dso_days);
  if (d->overdue_total > 0)
    fprintf(f,
            nl ? "Vervallen: %s, waarvan %s meer dan 90 dagen.\n"
               : "Overdue: %s, of which %s more than 90 days past due.\n",
            kw_fmt_money(m1, d->overdue_total, lang),
            kw_fmt_money(m2, d->ageing_total[KW_AGE_OVER_90], lang));
  else
    fputs(nl ? "Niets is vervallen.\n" : "Nothing is overdue.\n", f);
  fprintf(f,
          nl ? "Klanten met betalingsproblemen (%zu) brengen %s van je omzet "
               "op; trage betalers (%zu) %s.\n"
             : "Customers with payment problems (%zu) bring %s of your "
               "revenue; slow payers (%zu) %s.\n",
          d->n_class[KW_PAY_PROBLEM],
          kw_wu_pct(a, d->problem_revenue_share, 0, lang),
          d->n_class[KW_PAY_SLOW], kw_wu_pct(b, d->slow_revenue_share, 0, lang));
  if (d->n_top_overdue) {
    int64_t sum = 0;
    for (size_t j = 0; j < d->n_top_overdue; j++)
      sum += d->overdue[d->top_overdue[j]];
    fprintf(f,
            nl ? "De %zu klant(en) met het meeste vervallen geld staan samen "
                 "voor %s (%s van al het vervallen geld).\n"
               : "The %zu customer(s) with the most overdue money owe %s "
                 "together (%s of all overdue money).\n",
            d->n_top_overdue, kw_fmt_money(m1, sum, lang),
            kw_wu_pct(a, d->overdue_total > 0
                           ? (double)sum / (double)d->overdue_total
                           : 0,
                    0, lang));
  }
}

static kw_status ageing_table(kw_context *ctx, FILE *f,
                              const kw_payments_data *d, kw_lang lang) {
  static const char *const en[] = {"not yet due", "1-30 days", "31-60 days",
                                   "61-90 days", "over 90 days"};
  static const char *const nl[] = {"nog niet vervallen", "1-30 dagen",
                                   "31-60 dagen", "61-90 dagen",
                                   "meer dan 90 dagen"};
  int64_t amount[KW_AGE__COUNT], all = 0;
  double share[KW_AGE__COUNT];
  for (int k = 0; k < KW_AGE__COUNT; k++) all += d->ageing_total[k];
  for (int k = 0; k < KW_AGE__COUNT; k++) {
    amount[k] = d->ageing_total[k];
    share[k] = all > 0 ? (double)amount[k] / (double)all : 0;
  }
  const kw_rcol cols[] = {
      {"bucket", "past due", "vervallen", KW_CELL_STR, 0,
       lang == KW_LANG_NL ? nl : en, NULL, NULL, NULL},
      {"open", "open", "openstaand", KW_CELL_MONEY, 0, amount, NULL, NULL, NULL},
      {"share", "share", "aandeel", KW_CELL_PCT, 1, share, NULL, NULL, NULL},
  };
  kw_rtable t = {lang == KW_LANG_NL ? "\nOuderdom van de open facturen"
                                    : "\nAgeing of open invoices",
                 KW_AGE__COUNT, NULL, 3, cols};
  return kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
}

kw_status kw_report_payments(kw_context *ctx, FILE *f,
                             const kw_payments *pay, const kw_dict *ids,
                             const kw_payments_options *po,
                             const kw_payments_report *r) {
  kw_payments_report def;
  if (!r) {
    kw_payments_report_init(&def);
    r = &def;
  }
  if (!ctx || !f || !pay || !ids || !po)
    return kw_fail(ctx, KW_EARG, "payments report: bad arguments");
  kw_status st = KW_OK;
  uint32_t *rows = NULL, *maxd = NULL;
  double *late = NULL, *dtp = NULL, *dl = NULL;
  const kw_payments_data *d = kw_payments_view(pay);
  size_t n = d->n;
  rows = kw_wu_calloc(n, sizeof *rows);
  maxd = kw_wu_calloc(n, sizeof *maxd);
  late = kw_wu_calloc(n, sizeof *late);
  dtp = kw_wu_calloc(n, sizeof *dtp);
  dl = kw_wu_calloc(n, sizeof *dl);
  if (!rows || !maxd || !late || !dtp || !dl) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  size_t nr = 0;
  for (size_t i = 0; i < n; i++) {
    maxd[i] = d->max_overdue_days[i] > 0 ? (uint32_t)d->max_overdue_days[i] : 0;
    late[i] = d->settled[i] ? kw_wu_round(d->late_share[i], 6) : NAN;
    dtp[i] = d->days_to_pay[i] != 0 || d->settled[i]
                 ? kw_wu_round(d->days_to_pay[i], 2)
                 : NAN;
    dl[i] = !isnan(dtp[i]) ? kw_wu_round(d->days_late[i], 2) : NAN;
    if (d->pay_class[i] == KW_PAY_NONE) continue;
    if (r->klass > 0 && d->pay_class[i] != r->klass) continue;
    rows[nr++] = (uint32_t)i;
  }
  bool table = r->format == KW_FORMAT_TABLE;
  kw_cell_type pct = table ? KW_CELL_PCT : KW_CELL_F64;
  kw_rcol all[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, NULL, ids, NULL, NULL},
      {"invoices", "invoices", "facturen", KW_CELL_U32, 0, d->invoices, NULL, NULL, NULL},
      {"settled", "settled", "betaald", KW_CELL_U32, 0, d->settled, NULL, NULL, NULL},
      {"settled_late", "late", "te laat", KW_CELL_U32, 0, d->settled_late, NULL, NULL, NULL},
      {"late_share", "% late", "% te laat", pct, 0, late, NULL, NULL, NULL},
      {"days_to_pay", "days to pay", "dagen tot betaling", KW_CELL_F64, 1, dtp, NULL, NULL, NULL},
      {"days_late", "days late", "dagen te laat", KW_CELL_F64, 1, dl, NULL, NULL, NULL},
      {"invoiced", "invoiced", "gefactureerd", KW_CELL_MONEY, 0, d->invoiced, NULL, NULL, NULL},
      {"open", "open", "open", KW_CELL_MONEY, 0, d->open, NULL, NULL, NULL},
      {"overdue", "overdue", "vervallen", KW_CELL_MONEY, 0, d->overdue, NULL, NULL, NULL},
      {"not_due", "not due", "niet vervallen", KW_CELL_MONEY, 0, d->ageing[KW_AGE_CURRENT], NULL, NULL, NULL},
      {"overdue_1_30", "1-30", "1-30", KW_CELL_MONEY, 0, d->ageing[KW_AGE_1_30], NULL, NULL, NULL},
      {"overdue_31_60", "31-60", "31-60", KW_CELL_MONEY, 0, d->ageing[KW_AGE_31_60], NULL, NULL, NULL},
      {"overdue_61_90", "61-90", "61-90", KW_CELL_MONEY, 0, d->ageing[KW_AGE_61_90], NULL, NULL, NULL},
      {"overdue_90_plus", "90+", "90+", KW_CELL_MONEY, 0, d->ageing[KW_AGE_OVER_90], NULL, NULL, NULL},
      {"max_days_overdue", "max days overdue", "max dagen vervallen", KW_CELL_U32, 0, maxd, NULL, NULL, NULL},
      {"class", "class", "klasse", KW_CELL_CODE, 0, d->pay_class, NULL,
       table ? class_en : class_keys, table ? class_nl : NULL},
      {"errors", "errors", "fouten", KW_CELL_U32, 0, d->errors, NULL, NULL, NULL},
  };
  /* the terminal's narrower choice */
  static const char *const narrow[] = {
      "customer_id", "invoices", "late_share", "days_to_pay", "days_late",
      "open", "overdue", "overdue_90_plus", "max_days_overdue", "class"};
  kw_rcol cols[sizeof all / sizeof *all];
  size_t nc = 0;
  for (size_t j = 0; j < sizeof all / sizeof *all; j++) {
    bool keep = !table;
    for (size_t q = 0; table && q < sizeof narrow / sizeof *narrow; q++)
      if (strcmp(all[j].key, narrow[q]) == 0) keep = true;
    if (keep) cols[nc++] = all[j];
  }
  kw_rtable t = {NULL, nr, rows, nc, cols};
  char dso_en[60], dso_nl[60];
  snprintf(dso_en, sizeof dso_en, "DSO (days, %d-day window)", po->dso_days);
  snprintf(dso_nl, sizeof dso_nl, "DSO (dagen, venster van %d dagen)",
           po->dso_days);
  kw_kv kv[40];
  size_t nkv = 0;
  portfolio_kv(kv, &nkv, d, po->dso_days, dso_en, dso_nl);
  bool nl = r->lang == KW_LANG_NL;
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_kv(w, kv, nkv);
    kw_jw_begin_array(w, "top_overdue");
    for (size_t j = 0; j < d->n_top_overdue; j++) {
      uint32_t cu = d->top_overdue[j];
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "customer_id", kw_dict_str(ids, cu));
      kw_jw_money(w, "overdue", d->overdue[cu]);
      kw_jw_money(w, "overdue_90_plus", d->ageing[KW_AGE_OVER_90][cu]);
      kw_jw_int(w, "max_days_overdue", maxd[cu]);
      kw_jw_str(w, "class", class_keys[d->pay_class[cu]]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (r->format == KW_FORMAT_CSV) {
    if (r->portfolio)
      st = kw_write_kv(ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, r->lang);
    else
      st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, r->lang, 0);
  } else if (r->per_customer) {
    kw_wu_sort_desc(rows, nr, d->overdue, d->open);
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, r->lang, 0);
  } else {
    st = kw_write_kv(ctx, f, nl ? "Betaalgedrag" : "Payment behaviour", kv,
                     nkv, KW_FORMAT_TABLE, r->lang);
    if (!st) sentences(f, d, po->dso_days, r->lang);
    if (!st) st = ageing_table(ctx, f, d, r->lang);
    if (!st && d->n_top_overdue) {
      t.title = nl ? "\nKlanten met het meeste vervallen geld"
                   : "\nCustomers with the most overdue money";
      t.rows = d->top_overdue;
      t.nrows = d->n_top_overdue;
      st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, r->lang, 0);
    }
  }
done:
  free(rows);
  free(maxd);
  free(late);
  free(dtp);
  free(dl);
  return st;
}
