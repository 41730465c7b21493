/*
 * profit_report.c — the writers of a profitability result (kw_report_profit
 * in klantwijs/writers.h): the portfolio figures, the sentences that read
 * them, the cost types and the most and least profitable customers on a
 * terminal; every active customer's row in CSV (or the figures with
 * portfolio); both, the cost types and the whale curve points in JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"
#include "report/write_util.h"
#include "report/jw.h"

void kw_profit_report_init(kw_profit_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->top = 10;
}

enum { ST_PROFIT, ST_LOSS, ST_LARGE_LOSS, ST_NO_COST };
static const char *const status_keys[] = {"profitable", "loss", "large_loss",
                                          "no_cost"};
static const char *const status_en[] = {"profitable", "loss",
                                        "LARGE, LOSS", "no cost data"};
static const char *const status_nl[] = {"winstgevend", "verlies",
                                        "GROOT, VERLIES", "geen kostdata"};
static const char *const source_en[] = {"unknown", "data", "partial",
                                        "assumed", "no_sales"};

typedef struct outrows {
  uint32_t *order;     /* active customers: ranking, then no cost data */
  size_t n;
  int64_t *cogs, *contribution;
  double *margin, *cum;
  uint8_t *status;
  uint32_t *large;
  char **type_keys;    /* "serve_<type>" */
  size_t n_types;
} outrows;

static void outrows_free(outrows *o) {
  free(o->order);
  free(o->cogs);
  free(o->contribution);
  free(o->margin);
  free(o->cum);
  free(o->status);
  free(o->large);
  for (size_t j = 0; j < o->n_types; j++)
    if (o->type_keys) free(o->type_keys[j]);
  free(o->type_keys);
}

static bool build_rows(const kw_profit_data *pd, outrows *o) {
  size_t n = pd->n;
  o->order = kw_wu_calloc(pd->n_active, sizeof *o->order);
  o->cogs = kw_wu_calloc(n, sizeof *o->cogs);
  o->contribution = kw_wu_calloc(n, sizeof *o->contribution);
  o->margin = kw_wu_calloc(n, sizeof *o->margin);
  o->cum = kw_wu_calloc(n, sizeof *o->cum);
  o->status = kw_wu_calloc(n, 1);
  o->large = kw_wu_calloc(n, sizeof *o->large);
  o->type_keys = kw_wu_calloc(pd->n_types, sizeof *o->type_keys);
  if (!o->order || !o->cogs || !o->contribution || !o->margin || !o->cum ||
      !o->status || !o->large || !o->type_keys)
    return false;
  o->n_types = pd->n_types;
  for (size_t j = 0; j < pd->n_types; j++) {
    const char *t = pd->types[j].type;
    size_t len = strlen(t) + 7;
    o->type_keys[j] = malloc(len);
    if (!o->type_keys[j]) return false;
    snprintf(o->type_keys[j], len, "serve_%s", t[0] ? t : "untyped");
  }
  for (size_t i = 0; i < n; i++) {
    bool unknown = pd->source[i] == KW_COST_UNKNOWN;
    uint8_t fl = pd->flags[i];
    o->cogs[i] = unknown ? KW_NA_MONEY : pd->cogs[i];
    o->contribution[i] = unknown ? KW_NA_MONEY : pd->contribution[i];
    o->margin[i] = unknown || pd->revenue[i] <= 0
                       ? NAN
                       : kw_wu_round(pd->margin_pct[i], 2);
    o->cum[i] = NAN;
    o->status[i] = unknown                          ? ST_NO_COST
                   : (fl & KW_PROFIT_LARGE_LOSS)   ? ST_LARGE_LOSS
                   : (fl & KW_PROFIT_LOSS)         ? ST_LOSS
                                                    : ST_PROFIT;
    o->large[i] = (fl & KW_PROFIT_LARGE) ? 1 : 0;
  }
  int64_t cum = 0;
  for (size_t k = 0; k < pd->n_known; k++) {
    uint32_t c = pd->ranking[k];
    cum += pd->contribution[c];
    o->order[k] = c;
    if (pd->whale_defined)
      o->cum[c] = kw_wu_round((double)cum / (double)pd->contribution_total, 6);
  }
  size_t m = pd->n_known;
  for (size_t i = 0; i < n; i++)
    if ((pd->flags[i] & KW_PROFIT_ACTIVE) && pd->source[i] == KW_COST_UNKNOWN)
      o->order[m++] = (uint32_t)i;
  kw_wu_sort_desc(o->order + pd->n_known, m - pd->n_known, pd->revenue, NULL);
  o->n = m;
  return true;
}

/* The per-customer columns; full = every column (csv, json). */
static size_t columns(kw_rcol *cols, const kw_profit_data *pd,
                      const outrows *o, const kw_dict *ids, bool full) {
  size_t k = 0;
  cols[k++] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_ID, 0,
                        NULL, ids, NULL, NULL};
  cols[k++] = (kw_rcol){"revenue", "revenue", "omzet", KW_CELL_MONEY, 0,
                        pd->revenue, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"cost_of_goods", "cost of goods", "kostprijs",
                        KW_CELL_MONEY, 0, o->cogs, NULL, NULL, NULL};
  if (full)
    cols[k++] = (kw_rcol){"cost_source", "source", "bron", KW_CELL_CODE, 0,
                          pd->source, NULL, source_en, NULL};
  cols[k++] = (kw_rcol){"discount", "discount", "korting", KW_CELL_MONEY, 0,
                        pd->discount, NULL, NULL, NULL};
  if (full)
    for (size_t j = 0; j < pd->n_types; j++)
      cols[k++] = (kw_rcol){o->type_keys[j], o->type_keys[j], NULL,
                            KW_CELL_MONEY, 0, pd->serve_by_type[j], NULL,
                            NULL, NULL};
  cols[k++] = (kw_rcol){"cost_to_serve", "cost-to-serve", "bedieningskost",
                        KW_CELL_MONEY, 0, pd->serve, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"contribution", "contribution", "bijdrage",
                        KW_CELL_MONEY, 0, o->contribution, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"margin_pct", "margin %", "marge %", KW_CELL_F64, 1,
                        o->margin, NULL, NULL, NULL};
  if (full) {
    cols[k++] = (kw_rcol){"cumulative_share", "cumulative", "cumulatief",
                          KW_CELL_F64, 4, o->cum, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"large", "large", "groot", KW_CELL_U32, 0,
                          o->large, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"status", "status", "status", KW_CELL_CODE, 0,
                          o->status, NULL, status_keys, NULL};
  } else {
    cols[k++] = (kw_rcol){"status", "status", "status", KW_CELL_CODE, 0,
                          o->status, NULL, status_en, status_nl};
  }
  return k;
}

static void portfolio_kv(kw_kv *kv, size_t *nkv, const kw_profit_data *pd,
                         int32_t as_of, const char *source,
                         const char *large_en, const char *large_nl) {
  size_t k = 0;
#define KV(key_, en_, nl_, type_, dec_, field_, val_) \
  do {                                                \
    kv[k] = (kw_kv){key_, en_, nl_, type_, dec_, {0}}; \
    kv[k].v.field_ = val_;                            \
    k++;                                              \
  } while (0)
  KV("as_of", "as of", "peildatum", KW_CELL_DATE, 0, i, as_of);
  KV("n_customers", "customers (sales or costs)", "klanten (verkopen of kosten)",
     KW_CELL_I64, 0, i, (int64_t)pd->n_active);
  KV("cost_of_goods_from", "cost of goods from", "kostprijs uit", KW_CELL_STR,
     0, s, source);
  KV("revenue", "revenue", "omzet", KW_CELL_MONEY, 0, i, pd->revenue_total);
  KV("cost_of_goods", "cost of goods", "kostprijs verkopen", KW_CELL_MONEY, 0,
     i, pd->cogs_total);
  KV("discounts", "discounts", "kortingen", KW_CELL_MONEY, 0, i,
     pd->discount_total);
  KV("cost_to_serve", "cost-to-serve", "bedieningskosten", KW_CELL_MONEY, 0, i,
     pd->serve_total);
  KV("contribution", "net contribution (known)", "nettobijdrage (gekend)",
     KW_CELL_MONEY, 0, i, pd->contribution_total);
  KV("margin_pct", "margin % of revenue (known)", "marge % van de omzet (gekend)",
     KW_CELL_F64, 1, d, kw_wu_round(pd->margin_pct_total, 4));
  KV("customers_known", "customers with known contribution",
     "klanten met gekende bijdrage", KW_CELL_I64, 0, i, (int64_t)pd->n_known);
  KV("customers_no_cost", "customers with sales but no cost data",
     "klanten met verkoop maar zonder kostgegevens", KW_CELL_I64, 0, i,
     (int64_t)pd->n_no_cost);
  KV("revenue_no_cost", "their revenue", "hun omzet", KW_CELL_MONEY, 0, i,
     pd->revenue_no_cost);
  KV("whale_peak_customers", "customers up to the whale-curve peak",
     "klanten tot de top van de walviscurve", KW_CELL_I64, 0, i,
     (int64_t)pd->peak_customers);
  KV("whale_peak_customer_share", "  as share of customers",
     "  als aandeel van de klanten", KW_CELL_PCT, 1, d,
     kw_wu_round(pd->peak_customer_share, 6));
  KV("whale_peak_contribution_share", "  their share of contribution",
     "  hun aandeel in de bijdrage", KW_CELL_PCT, 1, d,
     kw_wu_round(pd->peak_value_share, 6));
  KV("whale_peak_contribution", "  their contribution", "  hun bijdrage",
     KW_CELL_MONEY, 0, i, pd->peak_value);
  KV("loss_customers", "customers who lose money", "klanten met verlies",
     KW_CELL_I64, 0, i, (int64_t)pd->n_loss);
  KV("loss_customer_share", "  as share of customers (known)",
     "  als aandeel van de klanten (gekend)", KW_CELL_PCT, 1, d,
     kw_wu_round(pd->loss_share, 6));
  KV("loss_total", "  their loss in total", "  hun verlies samen",
     KW_CELL_MONEY, 0, i, pd->loss_total);
  KV("large_customers", large_en, large_nl, KW_CELL_I64, 0, i,
     (int64_t)pd->n_large);
  KV("large_unprofitable", "large customers who lose money",
     "grote klanten met verlies", KW_CELL_I64, 0, i,
     (int64_t)pd->n_large_loss);
  KV("unallocated_costs", "cost rows without a customer (not allocated)",
     "kosten zonder klant (niet toegewezen)", KW_CELL_MONEY, 0, i,
     pd->overhead);
  KV("unpriced_cost_rows", "cost rows without amount or rate",
     "kostlijnen zonder bedrag of tarief", KW_CELL_I64, 0, i,
     (int64_t)pd->unpriced_rows);
  KV("cost_rows_after_as_of", "cost rows after the as-of date (left out)",
     "kostlijnen na de peildatum (weggelaten)", KW_CELL_I64, 0, i,
     (int64_t)pd->rows_after);
#undef KV
  *nkv = k;
}

static void sentences(FILE *f, const kw_profit_data *pd, const kw_dict *ids,
                      bool have_costs, double large_share, kw_lang lang) {
  bool nl = lang == KW_LANG_NL;
  char a[40], b[40], m[32];
  fputc('\n', f);
  if (pd->n_known == 0) {
    fputs(nl ? "Van geen enkele klant is de bijdrage gekend: geef een "
               "kostkolom, een margekolom of --margin.\n"
             : "No customer's contribution is known: give a cost column, a "
               "margin column or --margin.\n",
          f);
  } else if (pd->whale_defined) {
    fprintf(f,
            nl ? "De beste %s van de klanten (%zu) brengen %s van de winst "
                 "op.\n"
               : "The best %s of customers (%zu) bring %s of profit.\n",
            kw_wu_pct(a, pd->peak_customer_share, 0, lang), pd->peak_customers,
            kw_wu_pct(b, pd->peak_value_share, 0, lang));
  } else {
    fprintf(f,
            nl ? "De totale bijdrage is niet positief (%s): er is geen "
                 "walviscurve.\n"
               : "Total contribution is not positive (%s): there is no "
                 "whale curve.\n",
            kw_fmt_money(m, pd->contribution_total, lang));
  }
  if (pd->n_loss)
    fprintf(f,
            nl ? "%s van de klanten (%zu) kost geld: samen %s.\n"
               : "%s of customers (%zu) lose money: %s in total.\n",
            kw_wu_pct(a, pd->loss_share, 0, lang), pd->n_loss,
            kw_fmt_money(m, pd->loss_total, lang));
  else if (pd->n_known)
    fputs(nl ? "Geen enkele klant kost geld.\n"
             : "No customer loses money.\n",
          f);
  kw_wu_pct(b, large_share, 0, lang);
  if (pd->n_large_loss) {
    fprintf(f,
            nl ? "%zu grote klant(en) (top %s naar omzet) kosten geld: "
               : "%zu large customer(s) (top %s by revenue) lose money: ",
            pd->n_large_loss, b);
    for (size_t j = 0; j < pd->n_large_loss && j < 10; j++)
    {
      fputs(j ? ", " : "", f);
      /* an id from data: no control characters to the terminal */
      kw_term_put(f, kw_dict_str(ids, pd->large_loss[j]));
    }
    if (pd->n_large_loss > 10)
      fprintf(f, nl ? " en nog %zu" : " and %zu more", pd->n_large_loss - 10);
    fputs(".\n", f);
  } else if (pd->n_known) {
    fprintf(f,
            nl ? "Geen grote klant (top %s naar omzet) kost geld.\n"
               : "No large customer (top %s by revenue) loses money.\n",
            b);
  }
  if (pd->n_no_cost)
    fprintf(f,
            nl ? "%zu klant(en) met verkopen hebben geen kostgegevens (omzet "
                 "%s): hun bijdrage is onbekend en telt niet mee in de "
                 "totalen en de walviscurve.\n"
               : "%zu customer(s) with sales have no cost data (revenue %s): "
                 "their contribution is unknown and left out of the totals "
                 "and the whale curve.\n",
            pd->n_no_cost, kw_fmt_money(m, pd->revenue_no_cost, lang));
  for (size_t j = 0; j < pd->n_types; j++)
    if (pd->types[j].rows_unpriced)
      fprintf(f,
              nl ? "%llu kostlijn(en) van soort '%s' hebben geen bedrag en de "
                   "soort geen tarief: ze tellen als 0 (geef --rate "
                   "%s=BEDRAG).\n"
                 : "%llu cost row(s) of type '%s' have no amount and the type "
                   "no rate: counted at 0 (give --rate %s=AMOUNT).\n",
              (unsigned long long)pd->types[j].rows_unpriced,
              pd->types[j].type, pd->types[j].type);
  if (!have_costs)
    fputs(nl ? "Geen kostenbestand (costs.csv): de bedieningskosten zijn 0.\n"
             : "No costs table (costs.csv): cost-to-serve is 0.\n",
          f);
}

static kw_status write_types(kw_context *ctx, FILE *f,
                             const kw_profit_data *pd, kw_lang lang) {
  size_t n = pd->n_types;
  const char **names = kw_wu_calloc(n, sizeof *names);
  int64_t *rate = kw_wu_calloc(n, sizeof *rate), *cost = kw_wu_calloc(n, 8);
  int64_t *rows = kw_wu_calloc(n, 8), *ra = kw_wu_calloc(n, 8),
          *rr = kw_wu_calloc(n, 8), *ru = kw_wu_calloc(n, 8);
  double *units = kw_wu_calloc(n, sizeof *units);
  kw_status st = KW_ENOMEM;
  if (names && rate && cost && rows && ra && rr && ru && units) {
    for (size_t j = 0; j < n; j++) {
      const kw_serve_type *t = &pd->types[j];
      names[j] = t->type[0] ? t->type : "(none)";
      rate[j] = t->rows_rate ? t->rate : KW_NA_MONEY;
      cost[j] = t->cost;
      rows[j] = (int64_t)t->rows;
      ra[j] = (int64_t)t->rows_amount;
      rr[j] = (int64_t)t->rows_rate;
      ru[j] = (int64_t)t->rows_unpriced;
      units[j] = t->rows_rate ? t->units : NAN;
    }
    const kw_rcol cols[] = {
        {"type", "cost type", "kostensoort", KW_CELL_STR, 0, names, NULL, NULL, NULL},
        {"rows", "rows", "lijnen", KW_CELL_I64, 0, rows, NULL, NULL, NULL},
        {"rows_amount", "with amount", "met bedrag", KW_CELL_I64, 0, ra, NULL, NULL, NULL},
        {"rows_rate", "at rate", "via tarief", KW_CELL_I64, 0, rr, NULL, NULL, NULL},
        {"rows_unpriced", "unpriced", "zonder prijs", KW_CELL_I64, 0, ru, NULL, NULL, NULL},
        {"units", "units", "eenheden", KW_CELL_F64, 1, units, NULL, NULL, NULL},
        {"rate", "rate", "tarief", KW_CELL_MONEY, 0, rate, NULL, NULL, NULL},
        {"cost", "cost", "kost", KW_CELL_MONEY, 0, cost, NULL, NULL, NULL},
    };
    kw_rtable t = {lang == KW_LANG_NL ? "Bedieningskosten per soort"
                                      : "Cost-to-serve by type",
                   n, NULL, sizeof cols / sizeof *cols, cols};
    fputc('\n', f);
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
  }
  free(names);
  free(rate);
  free(cost);
  free(rows);
  free(ra);
  free(rr);
  free(ru);
  free(units);
  return st;
}

static void json_out(kw_jw *w, const kw_profit_data *pd, const kw_kv *kv,
                     size_t nkv, const kw_rtable *t, const kw_dict *ids) {
  kw_jw_begin_object(w, NULL);
  kw_jw_kv(w, kv, nkv);
  kw_jw_begin_array(w, "cost_types");
  for (size_t j = 0; j < pd->n_types; j++) {
    const kw_serve_type *ty = &pd->types[j];
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "type", ty->type);
    kw_jw_int(w, "rows", (int64_t)ty->rows);
    kw_jw_int(w, "rows_amount", (int64_t)ty->rows_amount);
    kw_jw_int(w, "rows_rate", (int64_t)ty->rows_rate);
    kw_jw_int(w, "rows_unpriced", (int64_t)ty->rows_unpriced);
    kw_jw_num(w, "units", kw_wu_round(ty->units, 4));
    kw_jw_money(w, "rate", ty->rate);
    kw_jw_money(w, "cost", ty->cost);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  kw_jw_begin_array(w, "large_unprofitable");
  for (size_t j = 0; j < pd->n_large_loss; j++) {
    uint32_t c = pd->large_loss[j];
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "customer_id", kw_dict_str(ids, c));
    kw_jw_money(w, "revenue", pd->revenue[c]);
    kw_jw_money(w, "contribution", pd->contribution[c]);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  kw_jw_begin_array(w, "whale_curve");
  for (size_t j = 0; j < pd->n_points; j++) {
    const kw_curve_point *p = &pd->points[j];
    kw_jw_begin_object(w, NULL);
    kw_jw_num(w, "customer_share", kw_wu_round(p->customer_share, 6));
    kw_jw_num(w, "contribution_share", kw_wu_round(p->value_share, 6));
    kw_jw_money(w, "contribution", p->value);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  kw_jw_rtable(w, "customers", t);
  kw_jw_end_object(w);
}


const char *kw_report_cost_source(char *buf, size_t n, const kw_dataset *ds,
                                  const kw_profit_data *pd,
                                  const kw_profit_options *po,
                                  kw_lang lang) {
  bool nl = lang == KW_LANG_NL;
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cc = tx ? kw_table_role(tx, KW_ROLE_COST) : NULL;
  const kw_column *mc = tx ? kw_table_role(tx, KW_ROLE_MARGIN) : NULL;
  char col[160] = "";
  if (cc)
    snprintf(col, sizeof col, nl ? "de kostkolom '%s'" : "the cost column '%s'",
             cc->name);
  else if (mc)
    snprintf(col, sizeof col,
             nl ? "de margekolom '%s'" : "the margin column '%s'", mc->name);
  char pct[40];
  char assumed[80];
  snprintf(assumed, sizeof assumed,
           nl ? "een aangenomen marge van %s" : "an assumed margin of %s",
           kw_fmt_number(pct, po->margin_pct, 1, lang));
  strcat(assumed, "%");
  const char *none = nl ? "geen: geen kost- of margekolom en geen --margin"
                        : "none: no cost or margin column and no --margin";
  size_t nd = pd->n_by_source[KW_COST_DATA];
  size_t np = pd->n_by_source[KW_COST_PARTIAL];
  size_t na = pd->n_by_source[KW_COST_ASSUMED];
  size_t nu = pd->n_by_source[KW_COST_UNKNOWN];
  int kinds = (nd + np > 0) + (na > 0) + (nu > 0);
  if (kinds == 0) {
    snprintf(buf, n, "%s", nl ? "geen verkopen" : "no sales");
  } else if (kinds == 1 && np == 0) {
    snprintf(buf, n, "%s", nd ? col : na ? assumed : none);
  } else {
    size_t k = 0;
    buf[0] = '\0';
    if (nd + np) {
      k += (size_t)snprintf(buf + k, n - k, "%s (%zu %s", col, nd + np,
                            nl ? (nd + np == 1 ? "klant" : "klanten")
                               : (nd + np == 1 ? "customer" : "customers"));
      if (np && k < n)
        k += (size_t)snprintf(buf + k, n - k,
                              nl ? ", waarvan %zu opgeschaald vanuit de "
                                   "lijnen met een kost)"
                                 : ", %zu of them scaled up from the lines "
                                   "with a cost)",
                              np);
      else if (k < n)
        k += (size_t)snprintf(buf + k, n - k, ")");
    }
    if (na && k < n)
      k += (size_t)snprintf(buf + k, n - k, "%s%s (%zu %s)", k ? "; " : "",
                            assumed, na,
                            nl ? (na == 1 ? "klant" : "klanten")
                               : (na == 1 ? "customer" : "customers"));
    if (nu && k < n)
      snprintf(buf + k, n - k, "%s%s (%zu %s)", k ? "; " : "",
               nl ? "onbekend" : "unknown", nu,
               nl ? (nu == 1 ? "klant" : "klanten")
                  : (nu == 1 ? "customer" : "customers"));
  }
  return buf;
}

kw_status kw_report_profit(kw_context *ctx, FILE *f, const kw_profit *p,
                           const kw_customer_summary *v, const kw_dataset *ds,
                           const kw_profit_options *po,
                           const kw_profit_report *r) {
  kw_profit_report def;
  if (!r) {
    kw_profit_report_init(&def);
    r = &def;
  }
  if (!ctx || !f || !p || !v || !po)
    return kw_fail(ctx, KW_EARG, "profit report: bad arguments");
  const kw_profit_data *pd = kw_profit_view(p);
  outrows o = {0};
  kw_rcol *cols = NULL;
  kw_status st = KW_OK;
  if (!build_rows(pd, &o) ||
      !(cols = kw_wu_calloc(pd->n_types + 16, sizeof *cols))) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  bool table = r->format == KW_FORMAT_TABLE;
  size_t ncols = columns(cols, pd, &o, v->ids, !table);
  kw_rtable t = {NULL, o.n, o.order, ncols, cols};
  char source[400], pct[40], large_en[80], large_nl[80];
  kw_report_cost_source(source, sizeof source, ds, pd, po, r->lang);
  kw_wu_pct(pct, po->large_share, 0, r->lang);
  snprintf(large_en, sizeof large_en, "large customers (top %s by revenue)",
           pct);
  snprintf(large_nl, sizeof large_nl, "grote klanten (top %s naar omzet)",
           pct);
  kw_kv kv[32];
  size_t nkv = 0;
  portfolio_kv(kv, &nkv, pd, v->as_of, source, large_en, large_nl);
  bool nl = r->lang == KW_LANG_NL;
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    json_out(w, pd, kv, nkv, &t, v->ids);
    st = kw_jw_finish(w);
  } else if (r->format == KW_FORMAT_CSV) {
    if (r->portfolio)
      st = kw_write_kv(ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, r->lang);
    else
      st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, r->lang, 0);
  } else if (r->per_customer) {
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, r->lang, 0);
  } else {
    st = kw_write_kv(ctx, f,
                     nl ? "Winstgevendheid per klant" : "Customer profitability",
                     kv, nkv, KW_FORMAT_TABLE, r->lang);
    if (!st)
      sentences(f, pd, v->ids, kw_dataset_table(ds, KW_TABLE_COSTS) != NULL,
                po->large_share, r->lang);
    if (!st && pd->n_types) st = write_types(ctx, f, pd, r->lang);
    size_t top = r->top ? r->top : pd->n_known;
    if (!st && pd->n_known) {
      /* most profitable first, then the largest losses first */
      kw_rtable best = t;
      best.title = nl ? "\nMeest winstgevende klanten"
                      : "\nMost profitable customers";
      best.nrows = pd->n_known;
      st = kw_write_rtable(ctx, f, &best, KW_FORMAT_TABLE, r->lang, top);
      if (!st && pd->n_loss) {
        size_t nl_rows = pd->n_loss < top ? pd->n_loss : top;
        uint32_t *worst = kw_wu_calloc(nl_rows, sizeof *worst);
        if (!worst) {
          st = KW_ENOMEM;
        } else {
          for (size_t j = 0; j < nl_rows; j++)
            worst[j] = pd->ranking[pd->n_known - 1 - j];
          kw_rtable lt = t;
          lt.title = nl ? "\nKlanten met het grootste verlies"
                        : "\nCustomers with the largest losses";
          lt.rows = worst;
          lt.nrows = nl_rows;
          st = kw_write_rtable(ctx, f, &lt, KW_FORMAT_TABLE, r->lang, 0);
          free(worst);
        }
      }
    }
  }
done:
  free(cols);
  outrows_free(&o);
  return st;
}
