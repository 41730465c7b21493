/*
 * cmd_profit.c — `klantwijs profit`: contribution per customer after cost
 * of goods and cost-to-serve, and the portfolio's whale curve.
 *
 * The analysis is kw_profit_compute (klantwijs/value.h); this file only
 * reads the options, loads the sales lines and costs.csv, and writes the
 * result: portfolio figures and plain sentences on a terminal, every
 * customer's row with --per-customer or as CSV, one object with both (and
 * the whale curve points) as JSON.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "value_opts.h"

const char kw_cli_profit_help[] =
    "usage: klantwijs profit [OPTIONS] PATH\n"
    "\n"
    "Per customer: revenue, cost of goods, discounts, cost-to-serve by type\n"
    "(from costs.csv), net contribution and margin %. Cost of goods comes\n"
    "from a cost column of the sales lines, else a margin column, else\n"
    "--margin; the output says which. Customers with sales but no cost data\n"
    "are reported as such and left out of the totals, never counted at a\n"
    "100% margin. A cost row costs its amount; a row without an amount costs\n"
    "its units (hours, or 1 ticket/parcel) x the rate of its type.\n"
    "\n"
    "Portfolio: the whale curve (customers from most to least profitable,\n"
    "cumulative contribution as a % of the total) and its peak, the customers\n"
    "who lose money and how much, and the large customers (top 10% by\n"
    "revenue) who lose money.\n"
    "\n"
    "The terminal shows the portfolio and the most and least profitable\n"
    "customers; csv gives every active customer's row (most profitable\n"
    "first, then those without cost data); json gives both, the cost types\n"
    "and the whale curve points.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE           last day observed (default: the last sale);\n"
    "                         later sales lines and cost rows are left out\n"
    "  --large PCT            share of customers by revenue called large\n"
    "                         (default 10)\n"
    CLI_COST_HELP CLI_VIEW_HELP
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs profit demo-data --rate service_hours=55 \\\n"
    "      --rate support_ticket=25\n"
    "  klantwijs profit verkopen.csv --margin 30 --format csv -o winst.csv\n"
    "  klantwijs profit demo-data --config kosten.conf --lang nl\n";

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
  o->order = cli_xcalloc(pd->n_active, sizeof *o->order);
  o->cogs = cli_xcalloc(n, sizeof *o->cogs);
  o->contribution = cli_xcalloc(n, sizeof *o->contribution);
  o->margin = cli_xcalloc(n, sizeof *o->margin);
  o->cum = cli_xcalloc(n, sizeof *o->cum);
  o->status = cli_xcalloc(n, 1);
  o->large = cli_xcalloc(n, sizeof *o->large);
  o->type_keys = cli_xcalloc(pd->n_types, sizeof *o->type_keys);
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
                       : cli_round(pd->margin_pct[i], 2);
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
      o->cum[c] = cli_round((double)cum / (double)pd->contribution_total, 6);
  }
  size_t m = pd->n_known;
  for (size_t i = 0; i < n; i++)
    if ((pd->flags[i] & KW_PROFIT_ACTIVE) && pd->source[i] == KW_COST_UNKNOWN)
      o->order[m++] = (uint32_t)i;
  cli_sort_desc(o->order + pd->n_known, m - pd->n_known, pd->revenue, NULL);
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
     KW_CELL_F64, 1, d, cli_round(pd->margin_pct_total, 4));
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
     cli_round(pd->peak_customer_share, 6));
  KV("whale_peak_contribution_share", "  their share of contribution",
     "  hun aandeel in de bijdrage", KW_CELL_PCT, 1, d,
     cli_round(pd->peak_value_share, 6));
  KV("whale_peak_contribution", "  their contribution", "  hun bijdrage",
     KW_CELL_MONEY, 0, i, pd->peak_value);
  KV("loss_customers", "customers who lose money", "klanten met verlies",
     KW_CELL_I64, 0, i, (int64_t)pd->n_loss);
  KV("loss_customer_share", "  as share of customers (known)",
     "  als aandeel van de klanten (gekend)", KW_CELL_PCT, 1, d,
     cli_round(pd->loss_share, 6));
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
            cli_pct(a, pd->peak_customer_share, 0, lang), pd->peak_customers,
            cli_pct(b, pd->peak_value_share, 0, lang));
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
            cli_pct(a, pd->loss_share, 0, lang), pd->n_loss,
            kw_fmt_money(m, pd->loss_total, lang));
  else if (pd->n_known)
    fputs(nl ? "Geen enkele klant kost geld.\n"
             : "No customer loses money.\n",
          f);
  cli_pct(b, large_share, 0, lang);
  if (pd->n_large_loss) {
    fprintf(f,
            nl ? "%zu grote klant(en) (top %s naar omzet) kosten geld: "
               : "%zu large customer(s) (top %s by revenue) lose money: ",
            pd->n_large_loss, b);
    for (size_t j = 0; j < pd->n_large_loss && j < 10; j++) {
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
  const char **names = cli_xcalloc(n, sizeof *names);
  int64_t *rate = cli_xcalloc(n, sizeof *rate), *cost = cli_xcalloc(n, 8);
  int64_t *rows = cli_xcalloc(n, 8), *ra = cli_xcalloc(n, 8),
          *rr = cli_xcalloc(n, 8), *ru = cli_xcalloc(n, 8);
  double *units = cli_xcalloc(n, sizeof *units);
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
    kw_jw_num(w, "units", cli_round(ty->units, 4));
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
    kw_jw_num(w, "customer_share", cli_round(p->customer_share, 6));
    kw_jw_num(w, "contribution_share", cli_round(p->value_share, 6));
    kw_jw_money(w, "contribution", p->value);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  kw_jw_rtable(w, "customers", t);
  kw_jw_end_object(w);
}

int kw_cli_profit(int argc, char **argv);
int kw_cli_profit(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "profit");
  cli_cost k;
  cli_cost_init(&k);
  cli_view view;
  cli_view_init(&view);
  int code = KW_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    int r = cli_view_option(&c, &view, argc, argv, &i);
    if (r == 0) r = cli_cost_option(&c, &k, argc, argv, &i);
    if (r == 0) r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_cost_free(&k);
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  kw_dataset *ds = NULL;
  kw_summary *s = NULL;
  kw_profit *p = NULL;
  outrows o = {0};
  kw_rcol *cols = NULL;
  code = cli_cost_prepare(&c, &k);
  if (code) goto done;
  c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_COSTS);
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  if (!st) {
    const kw_table *costs = kw_dataset_table(ds, KW_TABLE_COSTS);
    st = kw_profit_compute(c.ctx, kw_summary_view(s), costs, &k.po, &p);
  }
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  const kw_customer_summary *v = kw_summary_view(s);
  const kw_profit_data *pd = kw_profit_view(p);
  if (!build_rows(pd, &o) ||
      !(cols = cli_xcalloc(pd->n_types + 16, sizeof *cols))) {
    fprintf(stderr, "klantwijs profit: out of memory\n");
    code = KW_EXIT_INTERNAL;
    goto done;
  }
  bool table = c.format == KW_FORMAT_TABLE;
  size_t ncols = columns(cols, pd, &o, v->ids, !table);
  kw_rtable t = {NULL, o.n, o.order, ncols, cols};
  char source[400], pct[40], large_en[80], large_nl[80];
  cli_cost_source_text(source, sizeof source, ds, pd, &k.po, c.lang);
  cli_pct(pct, k.po.large_share, 0, c.lang);
  snprintf(large_en, sizeof large_en, "large customers (top %s by revenue)",
           pct);
  snprintf(large_nl, sizeof large_nl, "grote klanten (top %s naar omzet)",
           pct);
  kw_kv kv[32];
  size_t nkv = 0;
  portfolio_kv(kv, &nkv, pd, v->as_of, source, large_en, large_nl);
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  bool nl = c.lang == KW_LANG_NL;
  st = KW_OK;
  if (c.format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c.ctx, f);
    json_out(w, pd, kv, nkv, &t, v->ids);
    st = kw_jw_finish(w);
  } else if (c.format == KW_FORMAT_CSV) {
    if (view.portfolio)
      st = kw_write_kv(c.ctx, f, NULL, kv, nkv, KW_FORMAT_CSV, c.lang);
    else
      st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_CSV, c.lang, 0);
  } else if (view.per_customer) {
    st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_TABLE, c.lang, 0);
  } else {
    st = kw_write_kv(c.ctx, f,
                     nl ? "Winstgevendheid per klant" : "Customer profitability",
                     kv, nkv, KW_FORMAT_TABLE, c.lang);
    if (!st)
      sentences(f, pd, v->ids, kw_dataset_table(ds, KW_TABLE_COSTS) != NULL,
                k.po.large_share, c.lang);
    if (!st && pd->n_types) st = write_types(c.ctx, f, pd, c.lang);
    size_t top = view.top ? view.top : pd->n_known;
    if (!st && pd->n_known) {
      /* most profitable first, then the largest losses first */
      kw_rtable best = t;
      best.title = nl ? "\nMeest winstgevende klanten"
                      : "\nMost profitable customers";
      best.nrows = pd->n_known;
      st = kw_write_rtable(c.ctx, f, &best, KW_FORMAT_TABLE, c.lang, top);
      if (!st && pd->n_loss) {
        size_t nl_rows = pd->n_loss < top ? pd->n_loss : top;
        uint32_t *worst = cli_xcalloc(nl_rows, sizeof *worst);
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
          st = kw_write_rtable(c.ctx, f, &lt, KW_FORMAT_TABLE, c.lang, 0);
          free(worst);
        }
      }
    }
  }
  code = cli_out_close(&c, f, st == KW_OK);
done:
  free(cols);
  outrows_free(&o);
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
