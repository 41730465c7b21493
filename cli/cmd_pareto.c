/*
 * cmd_pareto.c — `klantwijs pareto`: revenue concentration (the 80/20
 * rule), ABC classes, Gini, Herfindahl-Hirschman index, dependency on the
 * largest customers, repeat versus one-time customers, and the curve
 * points for a chart.
 *
 * The analysis is kw_pareto_compute (klantwijs/value.h); when the sales
 * lines carry a cost or margin (or cost options are given) a
 * profitability result adds the top customers' share of contribution.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "value_opts.h"

const char kw_cli_pareto_help[] =
    "usage: klantwijs pareto [OPTIONS] PATH\n"
    "\n"
    "How concentrated revenue is: the share of revenue (and of contribution\n"
    "when costs are known) from the top 20% of customers, the smallest share\n"
    "of customers that makes 80% of revenue, ABC classes, the Gini\n"
    "coefficient, the Herfindahl-Hirschman index, the share of the largest 1,\n"
    "5 and 10 customers with a dependency warning, and repeat versus\n"
    "one-time customers (count, revenue share, revenue per customer and the\n"
    "ratio of the two).\n"
    "\n"
    "Customers are those with a purchase (as in every command); one whose\n"
    "returns exceed their purchases counts with revenue 0 in the ranking.\n"
    "ABC: walking down the ranking, a customer is A while the revenue before\n"
    "it is below the A share, B while below A + B, else C; equal revenues\n"
    "share a class.\n"
    "\n"
    "The terminal shows the figures, the ABC table and the top customers;\n"
    "csv gives every customer's row (rank, revenue, share, cumulative share,\n"
    "class), highest revenue first; json gives both and the Pareto and\n"
    "Lorenz curve points.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE           last day observed (default: the last sale)\n"
    "  --top-share PCT        the top share of customers (default 20)\n"
    "  --target PCT           the revenue share to reach (default 80)\n"
    "  --abc A,B              ABC class shares of revenue in % (default\n"
    "                         80,15: C is the rest)\n"
    "  --warn-top1 PCT        warn when the largest customer has more than\n"
    "                         this share of revenue (default 10)\n"
    "  --warn-top5 PCT        ... or the largest five more than this\n"
    "                         (default 50)\n"
    CLI_VIEW_HELP CLI_COST_HELP CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs pareto demo-data\n"
    "  klantwijs pareto verkopen.csv --abc 70,20 --lang nl\n"
    "  klantwijs pareto demo-data --format json -o pareto.json\n";

static const char *const abc_keys[] = {"", "A", "B", "C"};

static void portfolio_kv(kw_kv *kv, size_t *nkv, const kw_pareto_data *d,
                         const kw_customer_summary *v, bool have_profit,
                         bool with_abc, const char **lbl) {
  size_t k = 0;
#define KV(key_, en_, nl_, type_, dec_, field_, val_)  \
  do {                                                 \
    kv[k] = (kw_kv){key_, en_, nl_, type_, dec_, {0}}; \
    kv[k].v.field_ = val_;                             \
    k++;                                               \
  } while (0)
  KV("as_of", "as of", "peildatum", KW_CELL_DATE, 0, i, v->as_of);
  k += kw_report_coverage_kv(kv + k, v);
  if (d->n_negative) {
    KV("customers_negative", "customers with more returns than sales",
       "klanten met meer retours dan aankopen", KW_CELL_I64, 0, i,
       (int64_t)d->n_negative);
    KV("revenue_negative", "  their revenue (counted as 0)",
       "  hun omzet (telt als 0)", KW_CELL_MONEY, 0, i, d->negative_total);
    KV("revenue_ranked", "revenue ranked (the shares below)",
       "gerangschikte omzet (de aandelen hieronder)", KW_CELL_MONEY, 0, i,
       d->revenue_total);
  }
  KV("top_customers", lbl[0], lbl[1], KW_CELL_I64, 0, i,
     (int64_t)d->top_customers);
  KV("top_revenue_share", "  their share of revenue",
     "  hun aandeel in de omzet", KW_CELL_PCT, 1, d,
     cli_round(d->top_revenue_share, 6));
  if (have_profit)
    KV("top_contribution_share", "  their share of contribution",
       "  hun aandeel in de bijdrage", KW_CELL_PCT, 1, d,
       d->top_contribution_defined ? cli_round(d->top_contribution_share, 6)
                                   : NAN);
  KV("target_customers", lbl[2], lbl[3], KW_CELL_I64, 0, i,
     (int64_t)d->target_customers);
  KV("target_customer_share", "  as share of customers",
     "  als aandeel van de klanten", KW_CELL_PCT, 1, d,
     cli_round(d->target_customer_share, 6));
  if (with_abc) { /* the terminal has the ABC table instead */
    static const char *const ck[3][2] = {
        {"abc_a_customers", "abc_a_revenue_share"},
        {"abc_b_customers", "abc_b_revenue_share"},
        {"abc_c_customers", "abc_c_revenue_share"}};
    for (int a = 0; a < 3; a++) {
      KV(ck[a][0], ck[a][0], NULL, KW_CELL_I64, 0, i,
         (int64_t)d->abc_count[a + 1]);
      KV(ck[a][1], ck[a][1], NULL, KW_CELL_PCT, 1, d,
         cli_round(d->abc_revenue_share[a + 1], 6));
    }
  }
  KV("gini", "Gini coefficient", "Gini-coëfficiënt", KW_CELL_F64, 3, d,
     cli_round(d->gini, 6));
  KV("hhi", "Herfindahl-Hirschman index", "Herfindahl-Hirschman-index",
     KW_CELL_F64, 4, d, cli_round(d->hhi, 6));
  KV("hhi_points", "  on the 0-10 000 scale", "  op de schaal 0-10 000",
     KW_CELL_F64, 0, d, cli_round(d->hhi * 10000.0, 1));
  KV("largest_1_share", "share of the largest customer",
     "aandeel van de grootste klant", KW_CELL_PCT, 1, d,
     cli_round(d->top1_share, 6));
  KV("largest_5_share", "share of the largest 5", "aandeel van de grootste 5",
     KW_CELL_PCT, 1, d, cli_round(d->top5_share, 6));
  KV("largest_10_share", "share of the largest 10",
     "aandeel van de grootste 10", KW_CELL_PCT, 1, d,
     cli_round(d->top10_share, 6));
  KV("repeat_customers", "repeat customers (2+ orders)",
     "terugkerende klanten (2+ orders)", KW_CELL_I64, 0, i,
     (int64_t)d->n_repeat);
  KV("repeat_revenue_share", "  their share of revenue",
     "  hun aandeel in de omzet", KW_CELL_PCT, 1, d,
     cli_round(d->repeat_revenue_share, 6));
  KV("revenue_per_repeat", "  revenue per customer", "  omzet per klant",
     KW_CELL_MONEY, 0, i, llround(d->revenue_per_repeat));
  KV("once_customers", "one-time customers", "eenmalige klanten",
     KW_CELL_I64, 0, i, (int64_t)d->n_once);
  KV("once_revenue_share", "  their share of revenue",
     "  hun aandeel in de omzet", KW_CELL_PCT, 1, d,
     cli_round(d->once_revenue_share, 6));
  KV("revenue_per_once", "  revenue per customer", "  omzet per klant",
     KW_CELL_MONEY, 0, i, llround(d->revenue_per_once));
  KV("repeat_once_ratio", "revenue per repeat / per one-time customer",
     "omzet per terugkerende / per eenmalige klant", KW_CELL_F64, 2, d,
     cli_round(d->repeat_once_ratio, 4));
#undef KV
  *nkv = k;
}

static void sentences(FILE *f, const kw_pareto_data *d, bool have_profit,
                      const kw_pareto_options *po, kw_lang lang) {
  bool nl = lang == KW_LANG_NL;
  char a[40], b[40], c[40];
  fputc('\n', f);
  if (d->n_customers == 0 || d->revenue_total <= 0) {
    fputs(nl ? "Geen omzet om te verdelen.\n" : "No revenue to share.\n", f);
    return;
  }
  fprintf(f,
          nl ? "%s van je klanten (%zu) brengt %s van je omzet op"
             : "%s of your customers (%zu) bring %s of your revenue",
          cli_pct(a, po->top_share, 0, lang), d->top_customers,
          cli_pct(b, d->top_revenue_share, 0, lang));
  if (have_profit && d->top_contribution_defined)
    fprintf(f, nl ? " en %s van je bijdrage" : " and %s of your contribution",
            cli_pct(c, d->top_contribution_share, 0, lang));
  fputs(".\n", f);
  fprintf(f,
          nl ? "%s van de omzet komt van %s van de klanten (%zu).\n"
             : "%s of revenue comes from %s of customers (%zu).\n",
          cli_pct(a, po->target_share, 0, lang),
          cli_pct(b, d->target_customer_share, 0, lang), d->target_customers);
  if (d->warn_top1)
    fprintf(f,
            nl ? "Afhankelijkheid: je grootste klant brengt %s van de omzet "
                 "op (drempel %s).\n"
               : "Dependency warning: your largest customer brings %s of "
                 "revenue (threshold %s).\n",
            cli_pct(a, d->top1_share, 1, lang),
            cli_pct(b, po->warn_top1, 0, lang));
  if (d->warn_top5)
    fprintf(f,
            nl ? "Afhankelijkheid: je 5 grootste klanten brengen %s van de "
                 "omzet op (drempel %s).\n"
               : "Dependency warning: your 5 largest customers bring %s of "
                 "revenue (threshold %s).\n",
            cli_pct(a, d->top5_share, 1, lang),
            cli_pct(b, po->warn_top5, 0, lang));
  if (!d->dependency_warning)
    fprintf(f,
            nl ? "Geen afhankelijkheid van enkele klanten: de grootste brengt "
                 "%s op, de 5 grootste samen %s.\n"
               : "No dependency on a few customers: the largest brings %s, "
                 "the 5 largest together %s.\n",
            cli_pct(a, d->top1_share, 1, lang),
            cli_pct(b, d->top5_share, 1, lang));
  if (d->n_repeat && d->n_once)
    fprintf(f,
            nl ? "Terugkerende klanten (%zu) brengen %s van de omzet op: per "
                 "klant %s keer zoveel als eenmalige klanten (%zu).\n"
               : "Repeat customers (%zu) bring %s of revenue: %s times as "
                 "much per customer as one-time customers (%zu).\n",
            d->n_repeat, cli_pct(a, d->repeat_revenue_share, 0, lang),
            kw_fmt_number(b, d->repeat_once_ratio, 1, lang), d->n_once);
}

static kw_status write_abc(kw_context *ctx, FILE *f, const kw_pareto_data *d,
                           kw_lang lang) {
  const char *names[3] = {"A", "B", "C"};
  int64_t cnt[3], rev[3];
  double cs[3], rs[3];
  for (int k = 0; k < 3; k++) {
    cnt[k] = (int64_t)d->abc_count[k + 1];
    rev[k] = d->abc_revenue[k + 1];
    cs[k] = d->n_customers ? (double)cnt[k] / (double)d->n_customers : 0;
    rs[k] = d->abc_revenue_share[k + 1];
  }
  const kw_rcol cols[] = {
      {"class", "class", "klasse", KW_CELL_STR, 0, names, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_I64, 0, cnt, NULL, NULL, NULL},
      {"customer_share", "% customers", "% klanten", KW_CELL_PCT, 1, cs, NULL, NULL, NULL},
      {"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, rev, NULL, NULL, NULL},
      {"revenue_share", "% revenue", "% omzet", KW_CELL_PCT, 1, rs, NULL, NULL, NULL},
  };
  kw_rtable t = {lang == KW_LANG_NL ? "\nABC-klassen" : "\nABC classes", 3,
                 NULL, 5, cols};
  return kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, 0);
}

static void json_extra(kw_jw *w, const kw_pareto_data *d) {
  kw_jw_bool(w, "dependency_warning", d->dependency_warning);
  kw_jw_bool(w, "warning_largest_1", d->warn_top1);
  kw_jw_bool(w, "warning_largest_5", d->warn_top5);
  kw_jw_begin_array(w, "abc");
  for (int k = 1; k <= 3; k++) {
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "class", abc_keys[k]);
    kw_jw_int(w, "customers", (int64_t)d->abc_count[k]);
    kw_jw_num(w, "customer_share",
              d->n_customers ? cli_round((double)d->abc_count[k] /
                                             (double)d->n_customers, 6)
                             : 0);
    kw_jw_money(w, "revenue", d->abc_revenue[k]);
    kw_jw_num(w, "revenue_share", cli_round(d->abc_revenue_share[k], 6));
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  /* the Pareto curve: the k largest customers' share of revenue */
  kw_jw_begin_array(w, "pareto_curve");
  for (size_t j = 0; j < d->n_points; j++) {
    kw_jw_begin_object(w, NULL);
    kw_jw_num(w, "customer_share", cli_round(d->points[j].customer_share, 6));
    kw_jw_num(w, "revenue_share", cli_round(d->points[j].value_share, 6));
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
  /* the Lorenz curve: the same points seen from the smallest customers */
  kw_jw_begin_array(w, "lorenz_curve");
  for (size_t j = d->n_points; j-- > 0;) {
    kw_jw_begin_object(w, NULL);
    kw_jw_num(w, "customer_share",
              cli_round(1.0 - d->points[j].customer_share, 6));
    kw_jw_num(w, "revenue_share",
              d->revenue_total > 0
                  ? cli_round(1.0 - d->points[j].value_share, 6)
                  : 0);
    kw_jw_end_object(w);
  }
  kw_jw_end_array(w);
}

int kw_cli_pareto(int argc, char **argv);
int kw_cli_pareto(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "pareto");
  cli_cost k;
  cli_cost_init(&k);
  cli_view view;
  cli_view_init(&view);
  kw_pareto_options po;
  kw_pareto_options_init(&po);
  for (int i = 1; i < argc; i++) {
    const char *v;
    double x[2];
    int r = cli_view_option(&c, &view, argc, argv, &i);
    if (r == 0 && (r = cli_opt_value("--top-share", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.top_share) ||
         !(po.top_share > 0 && po.top_share <= 1)))
      r = -1, cli_usage(&c, "--top-share takes a percentage above 0, at most 100");
    if (r == 0 && (r = cli_opt_value("--target", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.target_share) ||
         !(po.target_share > 0 && po.target_share <= 1)))
      r = -1, cli_usage(&c, "--target takes a percentage above 0, at most 100");
    if (r == 0 && (r = cli_opt_value("--warn-top1", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.warn_top1) ||
         !(po.warn_top1 >= 0 && po.warn_top1 <= 1)))
      r = -1, cli_usage(&c, "--warn-top1 takes a percentage from 0 to 100");
    if (r == 0 && (r = cli_opt_value("--warn-top5", argc, argv, &i, &v)) > 0 &&
        (!cli_parse_pct(v, &po.warn_top5) ||
         !(po.warn_top5 >= 0 && po.warn_top5 <= 1)))
      r = -1, cli_usage(&c, "--warn-top5 takes a percentage from 0 to 100");
    if (r == 0 && (r = cli_opt_value("--abc", argc, argv, &i, &v)) > 0) {
      if (cli_parse_list(v, x, 2) != 2 || !(x[0] > 0) || x[1] < 0 ||
          x[0] + x[1] > 100 + 1e-9)
        r = -1, cli_usage(&c, "--abc takes A,B in %% with A > 0, B >= 0 and "
                              "A + B <= 100 (like 80,15)");
      else
        po.abc_a = x[0] / 100.0, po.abc_b = x[1] / 100.0;
    }
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
  kw_pareto *pa = NULL;
  double *share = NULL, *cum = NULL;
  int64_t *contrib = NULL;
  int code = cli_cost_prepare(&c, &k);
  if (code) goto done;
  c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_COSTS);
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_status st = cli_summary(&c, ds, &s);
  const kw_customer_summary *v = kw_summary_view(s);
  bool have_profit = !st && (v->has_cost || cli_cost_given(&k));
  if (!st && have_profit) {
    st = kw_profit_compute(c.ctx, v, kw_dataset_table(ds, KW_TABLE_COSTS),
                           &k.po, &p);
    po.profit = p;
  }
  if (!st) st = kw_pareto_compute(c.ctx, v, &po, &pa);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  const kw_pareto_data *d = kw_pareto_view(pa);
  const kw_profit_data *pd = kw_profit_view(p);
  size_t n = d->n;
  share = cli_xcalloc(n, sizeof *share);
  cum = cli_xcalloc(n, sizeof *cum);
  contrib = cli_xcalloc(n, sizeof *contrib);
  if (!share || !cum || !contrib) {
    fprintf(stderr, "klantwijs pareto: out of memory\n");
    code = KW_EXIT_INTERNAL;
    goto done;
  }
  for (size_t j = 0; j < d->n_customers; j++) {
    uint32_t cu = d->ranking[j];
    share[cu] = cli_round(d->share[cu], 6);
    cum[cu] = cli_round(d->cum_share[cu], 6);
    contrib[cu] = pd && pd->source[cu] != KW_COST_UNKNOWN ? pd->contribution[cu]
                                                          : KW_NA_MONEY;
  }
  bool table = c.format == KW_FORMAT_TABLE;
  kw_rcol cols[9];
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"rank", "#", "#", KW_CELL_U32, 0, d->rank, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_ID, 0,
                         NULL, v->ids, NULL, NULL};
  cols[nc++] = (kw_rcol){"revenue", "revenue", "omzet", KW_CELL_MONEY, 0,
                         v->revenue, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"revenue_share", "share", "aandeel",
                         table ? KW_CELL_PCT : KW_CELL_F64, 2, share, NULL,
                         NULL, NULL};
  cols[nc++] = (kw_rcol){"cumulative_share", "cumulative", "cumulatief",
                         table ? KW_CELL_PCT : KW_CELL_F64, 1, cum, NULL,
                         NULL, NULL};
  cols[nc++] = (kw_rcol){"abc", "class", "klasse", KW_CELL_CODE, 0, d->abc,
                         NULL, abc_keys, NULL};
  cols[nc++] = (kw_rcol){"orders", "orders", "orders", KW_CELL_U32, 0,
                         v->orders, NULL, NULL, NULL};
  if (pd)
    cols[nc++] = (kw_rcol){"contribution", "contribution", "bijdrage",
                           KW_CELL_MONEY, 0, contrib, NULL, NULL, NULL};
  kw_rtable t = {NULL, d->n_customers, d->ranking, nc, cols};
  char l0[80], l1[80], l2[80], l3[80], pa1[40], pa2[40];
  cli_pct(pa1, po.top_share, 0, c.lang);
  cli_pct(pa2, po.target_share, 0, c.lang);
  snprintf(l0, sizeof l0, "top %s of customers", pa1);
  snprintf(l1, sizeof l1, "top %s van de klanten", pa1);
  snprintf(l2, sizeof l2, "fewest customers for %s of revenue", pa2);
  snprintf(l3, sizeof l3, "minste klanten voor %s van de omzet", pa2);
  const char *lbl[4] = {l0, l1, l2, l3};
  kw_kv kv[48];
  size_t nkv = 0;
  portfolio_kv(kv, &nkv, d, v, pd != NULL, !table, lbl);
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  bool nl = c.lang == KW_LANG_NL;
  st = KW_OK;
  if (c.format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c.ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_kv(w, kv, nkv);
    json_extra(w, d);
    kw_jw_rtable(w, "customers", &t);
    kw_jw_end_object(w);
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
                     nl ? "Concentratie van de omzet"
                        : "Revenue concentration",
                     kv, nkv, KW_FORMAT_TABLE, c.lang);
    if (!st) sentences(f, d, pd != NULL, &po, c.lang);
    if (!st) st = write_abc(c.ctx, f, d, c.lang);
    if (!st && d->n_customers) {
      t.title = nl ? "\nGrootste klanten" : "\nLargest customers";
      st = kw_write_rtable(c.ctx, f, &t, KW_FORMAT_TABLE, c.lang, view.top);
    }
  }
  code = cli_out_close(&c, f, st == KW_OK);
done:
  free(share);
  free(cum);
  free(contrib);
  kw_pareto_free(pa);
  kw_profit_free(p);
  kw_summary_free(s);
  kw_dataset_free(ds);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
