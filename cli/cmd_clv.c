/*
 * cmd_clv.c — `klantwijs clv`: predictive customer value. Fits a purchase
 * model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, or the best of the first three
 * by BIC) and the Gamma-Gamma spend model to the calibration data, then
 * predicts per customer; with --holdout-end it evaluates the fit on the
 * purchases after the as-of date. All the work is in the library
 * (klantwijs/clv.h); this file parses options and writes the results.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char kw_cli_clv_help[] =
    "usage: klantwijs clv [OPTIONS] PATH\n"
    "       klantwijs clv --patterns FILE [OPTIONS]\n"
    "\n"
    "Predictive customer value (\"buy till you die\"). From each customer's\n"
    "purchase days up to the as-of date (same-day purchases merged, returns\n"
    "are not purchases) it fits a purchase model and the Gamma-Gamma spend\n"
    "model, and predicts per customer: the probability of being alive now,\n"
    "expected purchases over the horizon, the probability of a given number\n"
    "of purchases in it, expected spend per purchase, the discounted value\n"
    "over the horizon and value over acquisition cost where customers.csv has\n"
    "one. Customers whose first purchase is after the as-of date are left out\n"
    "(and counted). The table shows the parameters with standard errors, the\n"
    "fit, the holdout evaluation when asked, then the most valuable\n"
    "customers; csv gives the per-customer table, json everything.\n"
    "\n"
    "Options:\n"
    "  --model M              bgnbd (default), mbgnbd, pnbd, bgbb, or auto:\n"
    "                         fit bgnbd, mbgnbd and pnbd, keep the lowest BIC\n"
    "  --spend gg|none        spend model (default gg; none: no values)\n"
    "  --unit day|week|month|year  the period of t_x, T, the horizon and\n"
    "                         tracking (default week)\n"
    "  --as-of DATE           end of the calibration period, inclusive\n"
    "                         (default: the last transaction date)\n"
    "  --holdout-end DATE     evaluate on the purchases in (as-of, DATE]:\n"
    "                         predicted vs actual per customer (MAE, RMSE,\n"
    "                         correlation), by frequency class, and tracking\n"
    "                         of cumulative repeat purchases per period\n"
    "  --horizon N            periods ahead (default one year: 365, 52, 12\n"
    "                         or 1; for a pattern file the longest T)\n"
    "  --discount RATE        discount rate per period, 0.01 or 1% (default 0)\n"
    "  --margin PCT           margin in percent of revenue (30 or 30%); by\n"
    "                         default each customer's own margin where the\n"
    "                         cost is known, else the pooled margin; without\n"
    "                         any cost the value is revenue\n"
    "  --penalty L2           L2 penalty on the parameters (default 0)\n"
    "  --count K              P(exactly K purchases in the horizon) (default\n"
    "                         0: the probability of no purchase)\n"
    "  --top N                customers in the table (default 20; 0 = all)\n"
    "  --patterns FILE        fit a pattern file (frequency, recency, periods,\n"
    "                         weights columns, as the BG/BB donations data)\n"
    "                         instead of transactions; no spend model\n"
    "\n"
    "BG/BB works in discrete time on calendar periods of --unit (days, ISO\n"
    "weeks Monday to Sunday, months, years): the period of the first\n"
    "purchase is period 0, opportunity j the j-th period after it; n = the\n"
    "periods after it complete on the as-of date, x = opportunities 1..n\n"
    "with a purchase, t_x = the last of them.\n"
    "\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs clv demo-data --unit month --horizon 24 --discount 0.8%\n"
    "  klantwijs clv cdnowElog.csv --map customer=sampleid --map amount=sales \\\n"
    "      --as-of 1997-09-30 --holdout-end 1998-06-30 --model auto\n"
    "  klantwijs clv --patterns donations.csv --model bgbb --unit month\n";

typedef struct opts {
  kw_clv_model model; /* KW_CLV_MODEL__COUNT = auto */
  bool spend;
  bool spend_given;
  int32_t holdout_end;
  long horizon; /* -1 = default */
  double discount;
  double margin; /* NaN = real margins */
  double penalty;
  unsigned count;
  unsigned long top;
  const char *patterns;
  bool unit_given; /* --unit on the command line (a pattern file's unit) */
} opts;

/* "0.01" or "1%" as a fraction. */
static bool parse_rate(const char *s, double *out) {
  size_t n = strlen(s);
  if (n && s[n - 1] == '%') {
    char buf[64];
    if (n >= sizeof buf) return false;
    memcpy(buf, s, n - 1);
    buf[n - 1] = '\0';
    if (!cli_parse_double(buf, out)) return false;
    *out /= 100.0;
    return true;
  }
  return cli_parse_double(s, out);
}

static int parse_args(cli_common *c, opts *o, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *v;
    unsigned long u;
    int r;
    if ((r = cli_opt_value("--model", argc, argv, &i, &v)) != 0) {
      if (r > 0 && strcmp(v, "auto") == 0) {
        o->model = KW_CLV_MODEL__COUNT;
      } else if (r > 0) {
        o->model = kw_clv_model_from_name(v);
        if (o->model == KW_CLV_MODEL__COUNT || o->model == KW_CLV_GG)
          return cli_usage(c, "--model takes bgnbd, mbgnbd, pnbd, bgbb or "
                              "auto, not '%s'", v);
      }
    } else if ((r = cli_opt_value("--spend", argc, argv, &i, &v)) != 0) {
      if (r > 0 && strcmp(v, "gg") != 0 && strcmp(v, "none") != 0)
        return cli_usage(c, "--spend takes gg or none");
      if (r > 0) {
        o->spend = strcmp(v, "gg") == 0;
        o->spend_given = true;
      }
    } else if ((r = cli_opt_value("--holdout-end", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !cli_parse_date(v, &o->holdout_end))
        return cli_usage(c, "--holdout-end takes a date like 1998-06-30");
    } else if ((r = cli_opt_value("--horizon", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_uint(v, &u) || u == 0 || u > 100000))
        return cli_usage(c, "--horizon takes a whole number of periods from "
                            "1 to 100000");
      if (r > 0) o->horizon = (long)u;
    } else if ((r = cli_opt_value("--discount", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!parse_rate(v, &o->discount) || !(o->discount >= 0) ||
                    o->discount > 10))
        return cli_usage(c, "--discount takes a rate per period such as "
                            "0.01 or 1%%");
    } else if ((r = cli_opt_value("--margin", argc, argv, &i, &v)) != 0) {
      if (r > 0) {
        size_t n = strlen(v);
        char buf[64];
        bool ok = n > 0 && n < sizeof buf;
        if (ok) {
          memcpy(buf, v, n + 1);
          if (buf[n - 1] == '%') buf[n - 1] = '\0';
          ok = cli_parse_double(buf, &o->margin) && o->margin >= 0 &&
               o->margin <= 100;
        }
        if (!ok)
          return cli_usage(c, "--margin takes a percentage from 0 to 100, "
                              "such as 30 or 30%%");
        o->margin /= 100.0;
      }
    } else if ((r = cli_opt_value("--penalty", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_double(v, &o->penalty) || !(o->penalty >= 0) ||
                    !isfinite(o->penalty)))
        return cli_usage(c, "--penalty takes a number >= 0");
    } else if ((r = cli_opt_value("--count", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_uint(v, &u) || u > 10000))
        return cli_usage(c, "--count takes a whole number from 0 to 10000");
      if (r > 0) o->count = (unsigned)u;
    } else if ((r = cli_opt_value("--top", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !cli_parse_uint(v, &o->top))
        return cli_usage(c, "--top takes a whole number");
    } else if ((r = cli_opt_value("--patterns", argc, argv, &i, &v)) != 0) {
      if (r > 0) o->patterns = v;
    } else {
      if (strcmp(argv[i], "--unit") == 0 || strncmp(argv[i], "--unit=", 7) == 0)
        o->unit_given = true;
      r = cli_common_option(c, argc, argv, &i);
      if (r == 0) return cli_usage(c, "unknown option '%s'", argv[i]);
    }
    if (r < 0) return KW_EXIT_USAGE;
  }
  if (o->patterns) {
    if (c->path || c->load.files[KW_TABLE_TRANSACTIONS])
      return cli_usage(c, "--patterns replaces PATH; give one of them");
    if (c->as_of != KW_NA_DATE || o->holdout_end != KW_NA_DATE)
      return cli_usage(c, "--as-of and --holdout-end need transactions, not "
                          "a pattern file");
    if (o->spend_given && o->spend)
      return cli_usage(c, "a pattern file has no spend: use --spend none");
    o->spend = false;
  }
  if (o->holdout_end != KW_NA_DATE && c->as_of != KW_NA_DATE &&
      o->holdout_end <= c->as_of)
    return cli_usage(c, "--holdout-end must come after --as-of");
  if (o->holdout_end != KW_NA_DATE && c->as_of == KW_NA_DATE)
    return cli_usage(c, "--holdout-end needs --as-of (the end of the "
                        "calibration period)");
  return KW_EXIT_OK;
}

/* ------------------------------------------------------------- output */

typedef struct run {
  cli_common *c;
  const opts *o;
  const kw_clv_input *d;
  const kw_clv_result *fit;
  const kw_clv_result *gg; /* NULL without spend */
  const kw_clv_predictions *p;
  bool auto_model;
  kw_clv_comparison cmp;
  bool has_eval;
  kw_clv_evaluation ev;
  double *hold_pred;   /* per row E[Y(holdout_len)] */
  double *track_exp;   /* per period */
  double *pattern_no;  /* 1-based row numbers for pattern files */
  size_t horizon;
  char pk_key[24], pk_label[32], pk_label_nl[32];
} run;

static const char *model_title(kw_clv_model m) {
  switch (m) {
    case KW_CLV_BGNBD: return "BG/NBD (Fader, Hardie & Lee 2005)";
    case KW_CLV_MBGNBD: return "MBG/NBD (Batislam, Denizel & Filiztekin 2007)";
    case KW_CLV_PNBD: return "Pareto/NBD (Schmittlein, Morrison & Colombo 1987)";
    case KW_CLV_BGBB: return "BG/BB (Fader, Hardie & Shang 2010)";
    default: return "Gamma-Gamma (Fader, Hardie & Lee 2005)";
  }
}

static const char *unit_plural(kw_unit u, bool nl) {
  switch (u) {
    case KW_UNIT_WEEK: return nl ? "weken" : "weeks";
    case KW_UNIT_MONTH: return nl ? "maanden" : "months";
    case KW_UNIT_YEAR: return nl ? "jaren" : "years";
    default: return nl ? "dagen" : "days";
  }
}

static const char *unit_single(const kw_clv_input *d, bool nl) {
  if (!d->ids) return nl ? "periode" : "period";
  switch (d->unit) {
    case KW_UNIT_WEEK: return "week";
    case KW_UNIT_MONTH: return nl ? "maand" : "month";
    case KW_UNIT_YEAR: return nl ? "jaar" : "year";
    default: return nl ? "dag" : "day";
  }
}

static void jw_params(kw_jw *w, const char *key, const kw_clv_result *r,
                      const double *v) {
  kw_jw_begin_object(w, key);
  for (size_t k = 0; k < r->n_params; k++) kw_jw_num(w, r->names[k], v[k]);
  kw_jw_end_object(w);
}

/* Parameter table: name, estimate, standard error. */
static kw_status write_params(run *R, FILE *f, const kw_clv_result *r) {
  kw_context *ctx = R->c->ctx;
  const char *nm[KW_CLV_MAX_PARAMS];
  double est[KW_CLV_MAX_PARAMS], se[KW_CLV_MAX_PARAMS];
  for (size_t k = 0; k < r->n_params; k++) {
    nm[k] = r->names[k];
    est[k] = r->params[k];
    se[k] = r->se_ok ? r->se[k] : NAN;
  }
  const kw_rcol cols[] = {
      {"parameter", "parameter", "parameter", KW_CELL_STR, 0, nm, NULL, NULL, NULL},
      {"estimate", "estimate", "schatting", KW_CELL_F64, 4, est, NULL, NULL, NULL},
      {"std_error", "std. error", "std.fout", KW_CELL_F64, 4, se, NULL, NULL, NULL},
  };
  kw_rtable t = {NULL, r->n_params, NULL, 3, cols};
  return kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, R->c->lang, 0);
}

static kw_status write_fit_figures(run *R, FILE *f, const kw_clv_result *r) {
  bool nl = R->c->lang == KW_LANG_NL;
  char conv[128], gn[32];
  snprintf(gn, sizeof gn, "%.1e", r->grad_norm);
  for (char *q = gn; *q; q++)
    if (*q == ',') *q = '.';
  snprintf(conv, sizeof conv,
           nl ? "%s (%zu iteraties, gradiëntnorm %s)"
              : "%s (%zu iterations, gradient norm %s)",
           r->converged ? (nl ? "ja" : "yes") : (nl ? "NEE" : "NO"),
           r->iterations, gn);
  kw_kv kv[6];
  size_t n = 0;
  kv[n++] = (kw_kv){"log_likelihood", "log-likelihood", "log-likelihood",
                    KW_CELL_F64, 2, {.d = r->loglik}};
  kv[n++] = (kw_kv){"aic", "AIC", "AIC", KW_CELL_F64, 2, {.d = r->aic}};
  kv[n++] = (kw_kv){"bic", "BIC", "BIC", KW_CELL_F64, 2, {.d = r->bic}};
  kv[n++] = (kw_kv){"converged", "converged", "geconvergeerd", KW_CELL_STR, 0,
                    {.s = conv}};
  if (!r->se_ok && r->se_note)
    kv[n++] = (kw_kv){"se_note", "std. errors", "std.fouten", KW_CELL_STR, 0,
                      {.s = r->se_note}};
  if (r->model == KW_CLV_GG)
    kv[n++] = (kw_kv){"spend_corr", "corr(x, spend)", "corr(x, besteding)",
                      KW_CELL_F64, 3, {.d = r->spend_corr}};
  return kw_write_kv(R->c->ctx, f, NULL, kv, n, KW_FORMAT_TABLE, R->c->lang);
}

static kw_status write_comparison(run *R, FILE *f) {
  bool nl = R->c->lang == KW_LANG_NL;
  const kw_clv_comparison *m = &R->cmp;
  const char *conv[3];
  char name[3][24];
  const char *names[3];
  double ll[3], aic[3], bic[3];
  for (size_t k = 0; k < m->n_models && k < 3; k++) {
    snprintf(name[k], sizeof name[k], "%s%s", kw_clv_model_name(m->model[k]),
             m->model[k] == m->best ? " *" : "");
    names[k] = name[k];
    bool ok = m->status[k] == KW_OK;
    ll[k] = ok ? m->loglik[k] : NAN;
    aic[k] = ok ? m->aic[k] : NAN;
    bic[k] = ok ? m->bic[k] : NAN;
    conv[k] = !ok ? (nl ? "mislukt" : "failed")
              : m->converged[k] ? (nl ? "ja" : "yes")
                                : (nl ? "nee" : "no");
  }
  const kw_rcol cols[] = {
      {"model", "model", "model", KW_CELL_STR, 0, names, NULL, NULL, NULL},
      {"log_likelihood", "log-likelihood", "log-likelihood", KW_CELL_F64, 2, ll, NULL, NULL, NULL},
      {"aic", "AIC", "AIC", KW_CELL_F64, 2, aic, NULL, NULL, NULL},
      {"bic", "BIC", "BIC", KW_CELL_F64, 2, bic, NULL, NULL, NULL},
      {"converged", "converged", "geconvergeerd", KW_CELL_STR, 0, conv, NULL, NULL, NULL},
  };
  kw_rtable t = {nl ? "Modelvergelijking (* gekozen: laagste BIC)"
                    : "Model comparison (* chosen: lowest BIC)",
                 m->n_models, NULL, 5, cols};
  return kw_write_rtable(R->c->ctx, f, &t, KW_FORMAT_TABLE, R->c->lang, 0);
}

static const char *const class_label[KW_CLV_FREQ_CLASSES] = {
    "0", "1", "2", "3", "4", "5", "6", "7+"};

/* Period k's last day (the library's, else as_of + floor((k - K) u)). */
static int32_t period_end(const kw_clv_input *d, size_t k) {
  if (d->period_end) return d->period_end[k - 1];
  double off = ((double)k - (double)d->n_cal_periods) * kw_unit_days(d->unit);
  return d->as_of + (int32_t)floor(off + 1e-9);
}

static kw_status write_evaluation(run *R, FILE *f) {
  kw_context *ctx = R->c->ctx;
  kw_lang lang = R->c->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_clv_input *d = R->d;
  const kw_clv_evaluation *ev = &R->ev;
  char d1[11], d2[11], t[160], nb[32];
  kw_fmt_number(nb, d->holdout_len, 2, lang);
  snprintf(t, sizeof t,
           nl ? "Holdout %s .. %s (%s %s): voorspelde tegenover werkelijke "
                "herhaalaankopen"
              : "Holdout %s .. %s (%s %s): predicted vs actual repeat "
                "purchases",
           kw_date_format(d1, d->as_of + 1, nl), kw_date_format(d2, d->holdout_end, nl),
           nb, unit_plural(d->unit, nl));
  kw_kv kv[] = {
      {"n", "customers", "klanten", KW_CELL_F64, 0, {.d = (double)ev->n}},
      {"sum_actual", "actual", "werkelijk", KW_CELL_F64, 0, {.d = ev->sum_actual}},
      {"sum_predicted", "predicted", "voorspeld", KW_CELL_F64, 1, {.d = ev->sum_predicted}},
      {"mae", "MAE per customer", "MAE per klant", KW_CELL_F64, 4, {.d = ev->mae}},
      {"rmse", "RMSE per customer", "RMSE per klant", KW_CELL_F64, 4, {.d = ev->rmse}},
      {"corr", "correlation", "correlatie", KW_CELL_F64, 4, {.d = ev->corr}},
  };
  kw_status st = kw_write_kv(ctx, f, t, kv, sizeof kv / sizeof *kv,
                             KW_FORMAT_TABLE, lang);
  if (st) return st;
  fputc('\n', f);
  const char *lab[KW_CLV_FREQ_CLASSES];
  double cn[KW_CLV_FREQ_CLASSES], ca[KW_CLV_FREQ_CLASSES],
      cp[KW_CLV_FREQ_CLASSES];
  size_t nr = 0;
  for (int k = 0; k < KW_CLV_FREQ_CLASSES; k++) {
    if (!(ev->class_n[k] > 0)) continue;
    lab[nr] = class_label[k];
    cn[nr] = ev->class_n[k];
    ca[nr] = ev->class_actual[k];
    cp[nr] = ev->class_predicted[k];
    nr++;
  }
  const kw_rcol cols[] = {
      {"x", "x (calibration)", "x (kalibratie)", KW_CELL_STR, 0, lab, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_F64, 0, cn, NULL, NULL, NULL},
      {"actual", "actual", "werkelijk", KW_CELL_F64, 3, ca, NULL, NULL, NULL},
      {"predicted", "predicted", "voorspeld", KW_CELL_F64, 3, cp, NULL, NULL, NULL},
  };
  kw_rtable tb = {nl ? "Kalibratie tegenover holdout: gemiddelde "
                       "herhaalaankopen per klant in de holdout"
                     : "Calibration vs holdout: mean repeat purchases per "
                       "customer in the holdout",
                  nr, NULL, 4, cols};
  st = kw_write_rtable(ctx, f, &tb, KW_FORMAT_TABLE, lang, 0);
  if (st || !R->track_exp) return st;
  fputc('\n', f);
  /* tracking: at most about 30 rows, always the calibration end and the
   * last period */
  size_t np = d->n_periods, K = d->n_cal_periods;
  size_t stride = (np + 29) / 30;
  if (stride < 1) stride = 1;
  uint32_t *rows = malloc(np * sizeof *rows);
  double *per = malloc(np * sizeof *per);
  int32_t *ends = malloc(np * sizeof *ends);
  if (!rows || !per || !ends) {
    free(rows);
    free(per);
    free(ends);
    return KW_ENOMEM;
  }
  size_t nrows = 0;
  for (size_t k = 1; k <= np; k++) {
    per[k - 1] = (double)k;
    ends[k - 1] = period_end(d, k);
    size_t dist = k > K ? k - K : K - k;
    if (dist % stride == 0 || k == np) rows[nrows++] = (uint32_t)(k - 1);
  }
  const kw_rcol tc[] = {
      {"period", "period", "periode", KW_CELL_F64, 0, per, NULL, NULL, NULL},
      {"end", "up to", "tot", KW_CELL_DATE, 0, ends, NULL, NULL, NULL},
      {"actual", "actual", "werkelijk", KW_CELL_F64, 0, d->track_actual, NULL, NULL, NULL},
      {"expected", "expected", "verwacht", KW_CELL_F64, 1, R->track_exp, NULL, NULL, NULL},
  };
  char tt[200];
  if (d->discrete)
    snprintf(tt, sizeof tt,
             nl ? "Cumulatieve herhaalaankopen (periode %zu is de laatste "
                  "volledige op de as-of-datum)"
                : "Cumulative repeat purchases (period %zu is the last one "
                  "complete on the as-of date)",
             K);
  else
    snprintf(tt, sizeof tt,
             nl ? "Cumulatieve herhaalaankopen (periode %zu eindigt op de "
                  "as-of-datum)"
                : "Cumulative repeat purchases (period %zu ends on the as-of "
                  "date)",
             K);
  kw_rtable tr = {tt, nrows, rows, 4, tc};
  st = kw_write_rtable(ctx, f, &tr, KW_FORMAT_TABLE, lang, 0);
  free(rows);
  free(per);
  free(ends);
  return st;
}

static const double *sort_key;
static int by_key_desc(const void *a, const void *b) {
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  double x = sort_key[i], y = sort_key[j];
  if (x != y) return x < y ? 1 : -1;
  return (i > j) - (i < j);
}

/* The per-customer columns (human: fewer). Returns the column count. */
static size_t customer_cols(run *R, kw_rcol *cols, bool human) {
  const kw_clv_input *d = R->d;
  const kw_clv_predictions *p = R->p;
  size_t k = 0;
  if (d->ids)
    cols[k++] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_ID, 0,
                          d->customer, d->ids, NULL, NULL};
  else
    cols[k++] = (kw_rcol){"pattern", "pattern", "patroon", KW_CELL_F64, 0,
                          R->pattern_no, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"x", "x", "x", KW_CELL_F64, 0, d->x, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"t_x", "t_x", "t_x", KW_CELL_F64, 2, d->t_x, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"T", "T", "T", KW_CELL_F64, 2, d->T, NULL, NULL, NULL};
  if (d->weight)
    cols[k++] = (kw_rcol){"weight", "customers", "klanten", KW_CELL_F64, 0,
                          d->weight, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"p_alive", "P(alive)", "P(actief)", KW_CELL_F64, 3,
                        p->p_alive, NULL, NULL, NULL};
  cols[k++] = (kw_rcol){"expected_purchases", "E[purchases]",
                        "E[aankopen]", KW_CELL_F64, 3, p->expected, NULL,
                        NULL, NULL};
  if (p->p_count)
    cols[k++] = (kw_rcol){R->pk_key, R->pk_label, R->pk_label_nl, KW_CELL_F64,
                          3, p->p_count, NULL, NULL, NULL};
  if (p->spend) {
    cols[k++] = (kw_rcol){"expected_spend", "spend/purchase",
                          "besteding/aankoop", KW_CELL_F64, 2, p->spend,
                          NULL, NULL, NULL};
    if (!human || p->margin_source == KW_CLV_MARGIN_REAL)
      cols[k++] = (kw_rcol){"margin", "margin", "marge", KW_CELL_PCT, 1,
                            p->margin, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"value", "value", "waarde", KW_CELL_F64, 2,
                          p->value, NULL, NULL, NULL};
    if (p->value_cac) {
      if (!human)
        cols[k++] = (kw_rcol){"acquisition_cost", "acq. cost", "acq.kost",
                              KW_CELL_F64, 2, d->acq_cost, NULL, NULL, NULL};
      cols[k++] = (kw_rcol){"value_cac", "value/CAC", "waarde/CAC",
                            KW_CELL_F64, 2, p->value_cac, NULL, NULL, NULL};
    }
  }
  if (d->holdout) {
    cols[k++] = (kw_rcol){"holdout_actual", "holdout", "holdout", KW_CELL_F64,
                          0, d->holdout, NULL, NULL, NULL};
    cols[k++] = (kw_rcol){"holdout_predicted", "predicted", "voorspeld",
                          KW_CELL_F64, 3, R->hold_pred, NULL, NULL, NULL};
  }
  return k;
}

static kw_status write_json(run *R, FILE *f, const kw_rtable *customers) {
  const kw_clv_input *d = R->d;
  const kw_clv_result *r = R->fit, *g = R->gg;
  const kw_clv_predictions *p = R->p;
  kw_jw *w = kw_jw_new(R->c->ctx, f);
  if (!w) return KW_ENOMEM;
  kw_jw_begin_object(w, NULL);
  kw_jw_str(w, "model", kw_clv_model_name(r->model));
  /* a pattern file: the unit given with --unit, else plain periods */
  kw_jw_str(w, "unit", d->ids            ? kw_unit_name(d->unit)
                       : R->o->unit_given ? kw_unit_name(R->c->unit)
                                          : "period");
  if (d->as_of != KW_NA_DATE) kw_jw_date(w, "as_of", d->as_of);
  if (d->holdout) kw_jw_date(w, "holdout_end", d->holdout_end);
  kw_jw_num(w, "n_customers", r->n_obs);
  kw_jw_int(w, "n_repeat_buyers", (int64_t)d->n_repeat);
  if (d->ids) kw_jw_int(w, "n_first_after_as_of", (int64_t)d->n_later);
  jw_params(w, "params", r, r->params);
  if (r->se_ok)
    jw_params(w, "standard_errors", r, r->se);
  else
    kw_jw_null(w, "standard_errors");
  kw_jw_num(w, "log_likelihood", r->loglik);
  kw_jw_num(w, "aic", r->aic);
  kw_jw_num(w, "bic", r->bic);
  kw_jw_bool(w, "converged", r->converged);
  kw_jw_int(w, "iterations", (int64_t)r->iterations);
  kw_jw_num(w, "gradient_norm", r->grad_norm);
  kw_jw_int(w, "n_patterns", (int64_t)r->n_patterns);
  kw_jw_num(w, "penalty", r->penalty);
  if (g) {
    kw_jw_str(w, "spend_model", "gg");
    jw_params(w, "spend_params", g, g->params);
    if (g->se_ok)
      jw_params(w, "spend_standard_errors", g, g->se);
    else
      kw_jw_null(w, "spend_standard_errors");
    kw_jw_num(w, "spend_log_likelihood", g->loglik);
    kw_jw_bool(w, "spend_converged", g->converged);
    kw_jw_num(w, "spend_n_customers", g->n_obs);
    kw_jw_num(w, "spend_corr", g->spend_corr);
  } else {
    kw_jw_null(w, "spend_model");
    kw_jw_null(w, "spend_params");
    kw_jw_null(w, "spend_log_likelihood");
  }
  if (R->auto_model) {
    kw_jw_begin_array(w, "comparison");
    for (size_t k = 0; k < R->cmp.n_models; k++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "model", kw_clv_model_name(R->cmp.model[k]));
      bool ok = R->cmp.status[k] == KW_OK;
      kw_jw_bool(w, "fitted", ok);
      kw_jw_num(w, "log_likelihood", ok ? R->cmp.loglik[k] : NAN);
      kw_jw_num(w, "aic", ok ? R->cmp.aic[k] : NAN);
      kw_jw_num(w, "bic", ok ? R->cmp.bic[k] : NAN);
      kw_jw_bool(w, "converged", R->cmp.converged[k]);
      kw_jw_bool(w, "chosen", R->cmp.model[k] == R->cmp.best);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
  }
  kw_jw_int(w, "horizon", (int64_t)R->horizon);
  kw_jw_num(w, "discount", R->o->discount);
  kw_jw_int(w, "count", (int64_t)R->o->count);
  if (g) {
    static const char *const src[] = {"given", "real", "none"};
    kw_jw_str(w, "margin_source", src[p->margin_source]);
    if (p->margin_source == KW_CLV_MARGIN_GIVEN)
      kw_jw_num(w, "margin", R->o->margin);
    else if (p->margin_source == KW_CLV_MARGIN_REAL)
      kw_jw_num(w, "pooled_margin", d->pooled_margin);
  }
  kw_jw_num(w, "population_expected", p->population);
  kw_jw_num(w, "total_expected", p->total_expected);
  if (g) kw_jw_num(w, "total_value", p->total_value);
  if (R->has_eval) {
    const kw_clv_evaluation *ev = &R->ev;
    kw_jw_begin_object(w, "evaluation");
    kw_jw_num(w, "holdout_length", d->holdout_len);
    kw_jw_int(w, "n", (int64_t)ev->n);
    kw_jw_num(w, "mae", ev->mae);
    kw_jw_num(w, "rmse", ev->rmse);
    kw_jw_num(w, "corr", ev->corr);
    kw_jw_num(w, "sum_actual", ev->sum_actual);
    kw_jw_num(w, "sum_predicted", ev->sum_predicted);
    kw_jw_begin_array(w, "by_frequency");
    for (int k = 0; k < KW_CLV_FREQ_CLASSES; k++) {
      if (!(ev->class_n[k] > 0)) continue;
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "x", class_label[k]);
      kw_jw_num(w, "customers", ev->class_n[k]);
      kw_jw_num(w, "actual", ev->class_actual[k]);
      kw_jw_num(w, "predicted", ev->class_predicted[k]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    if (R->track_exp) {
      kw_jw_int(w, "calibration_periods", (int64_t)d->n_cal_periods);
      kw_jw_begin_array(w, "tracking");
      for (size_t k = 1; k <= d->n_periods; k++) {
        kw_jw_begin_object(w, NULL);
        kw_jw_int(w, "period", (int64_t)k);
        kw_jw_date(w, "end", period_end(d, k));
        kw_jw_num(w, "actual", d->track_actual[k - 1]);
        kw_jw_num(w, "expected", R->track_exp[k - 1]);
        kw_jw_end_object(w);
      }
      kw_jw_end_array(w);
    }
    kw_jw_end_object(w);
  }
  kw_jw_rtable(w, "customers", customers);
  kw_jw_end_object(w);
  return kw_jw_finish(w);
}

static kw_status write_table(run *R, FILE *f, kw_rtable *customers) {
  kw_context *ctx = R->c->ctx;
  kw_lang lang = R->c->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_clv_input *d = R->d;
  const kw_clv_result *r = R->fit;
  const kw_clv_predictions *p = R->p;
  char n1[32], n2[32], n3[32], d1[11];
  const char *unit = d->ids            ? unit_plural(d->unit, nl)
                     : R->o->unit_given ? unit_plural(R->c->unit, nl)
                                        : (nl ? "perioden" : "periods");
  kw_fmt_number(n1, r->n_obs, 0, lang);
  if (d->ids)
    fprintf(f, nl ? "Klantwaarde voor %s klanten, kalibratie tot en met %s, "
                    "in %s\n"
                  : "Customer value for %s customers, calibration up to %s, "
                    "in %s\n",
            n1, kw_date_format(d1, d->as_of, nl), unit);
  else
    fprintf(f, nl ? "Klantwaarde voor %s klanten in %zu patronen, in %s\n"
                  : "Customer value for %s customers in %zu patterns, in "
                    "%s\n",
            n1, d->n, unit);
  kw_fmt_number(n2, (double)d->n_repeat, 0, lang);
  kw_fmt_number(n3, r->n_obs - (double)d->n_repeat, 0, lang);
  fprintf(f, nl ? "  %s herhaalkopers, %s met alleen een eerste aankoop (x = 0)"
                : "  %s repeat buyers, %s with only a first purchase (x = 0)",
          n2, n3);
  if (d->ids) {
    kw_fmt_number(n1, (double)d->n_later, 0, lang);
    fprintf(f, nl ? "; %s klanten kochten pas na de as-of-datum voor het eerst "
                    "(niet in de kalibratie)"
                  : "; %s customers first bought after the as-of date (not "
                    "in the calibration)",
            n1);
  }
  fputs("\n\n", f);
  fprintf(f, nl ? "Aankoopmodel %s\n" : "Purchase model %s\n",
          model_title(r->model));
  kw_status st = write_params(R, f, r);
  if (!st) st = write_fit_figures(R, f, r);
  if (st) return st;
  if (R->gg) {
    kw_fmt_number(n1, R->gg->n_obs, 0, lang);
    fprintf(f, nl ? "\nBestedingsmodel %s, %s herhaalkopers\n"
                  : "\nSpend model %s, %s repeat buyers\n",
            model_title(KW_CLV_GG), n1);
    st = write_params(R, f, R->gg);
    if (!st) st = write_fit_figures(R, f, R->gg);
    if (st) return st;
  }
  if (R->auto_model) {
    fputc('\n', f);
    if ((st = write_comparison(R, f))) return st;
  }
  if (R->has_eval) {
    fputc('\n', f);
    if ((st = write_evaluation(R, f))) return st;
  }
  fputc('\n', f);
  kw_fmt_number(n1, p->population, 3, lang);
  if (nl)
    fprintf(f, "Een nieuwe klant doet in %zu %s naar verwachting %s "
               "herhaalaankopen.\n",
            R->horizon, unit, n1);
  else
    fprintf(f, "A new customer is expected to make %s repeat purchases in "
               "%zu %s.\n",
            n1, R->horizon, unit);
  kw_fmt_number(n1, p->total_expected, 1, lang);
  if (nl)
    fprintf(f, "Samen doen deze klanten in die %zu %s naar verwachting %s "
               "herhaalaankopen.\n",
            R->horizon, unit, n1);
  else
    fprintf(f, "Together these customers are expected to make %s repeat "
               "purchases in those %zu %s.\n",
            n1, R->horizon, unit);
  fputc('\n', f);
  char title[300], disc[32];
  kw_fmt_number(disc, R->o->discount * 100.0, 2, lang);
  if (p->value) {
    char mg[120];
    switch (p->margin_source) {
      case KW_CLV_MARGIN_GIVEN:
        kw_fmt_number(n2, R->o->margin * 100.0, 1, lang);
        snprintf(mg, sizeof mg, nl ? "marge %s%%" : "margin %s%%", n2);
        break;
      case KW_CLV_MARGIN_REAL:
        kw_fmt_number(n2, d->pooled_margin * 100.0, 1, lang);
        snprintf(mg, sizeof mg,
                 nl ? "eigen marge per klant (gemiddeld %s%%)"
                    : "each customer's own margin (pooled %s%%)",
                 n2);
        break;
      default:
        snprintf(mg, sizeof mg,
                 nl ? "geen kosten bekend: waarde is omzet"
                    : "no cost known: value is revenue");
    }
    kw_fmt_number(n1, p->total_value, 2, lang);
    snprintf(title, sizeof title,
             nl ? "Meest waardevolle klanten: waarde over %zu %s, "
                  "verdisconteerd aan %s%% per %s, %s; samen %s"
                : "Most valuable customers: value over %zu %s, discounted "
                  "at %s%% a %s, %s; total %s",
             R->horizon, unit, disc, unit_single(d, nl), mg, n1);
    sort_key = p->value;
  } else {
    snprintf(title, sizeof title,
             nl ? "Klanten met de meeste verwachte aankopen in %zu %s"
                : "Customers with the most expected purchases in %zu %s",
             R->horizon, unit);
    sort_key = p->expected;
  }
  customers->title = title;
  uint32_t *rows = malloc((d->n ? d->n : 1) * sizeof *rows);
  if (!rows) return KW_ENOMEM;
  for (size_t i = 0; i < d->n; i++) rows[i] = (uint32_t)i;
  qsort(rows, d->n, sizeof *rows, by_key_desc);
  customers->rows = rows;
  st = kw_write_rtable(ctx, f, customers, KW_FORMAT_TABLE, lang, R->o->top);
  customers->rows = NULL;
  free(rows);
  return st;
}

/* ---------------------------------------------------------------- run */

int kw_cli_clv(int argc, char **argv);
int kw_cli_clv(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "clv");
  c.unit = KW_UNIT_WEEK;
  opts o = {KW_CLV_BGNBD, true, false, KW_NA_DATE, -1, 0, NAN, 0, 0,
            20, NULL, false};
  int code = parse_args(&c, &o, argc, argv);
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_context *ctx = c.ctx;
  kw_dataset *ds = NULL;
  kw_clv_data *data = NULL;
  kw_clv_fit *fit = NULL, *gg = NULL;
  kw_clv_pred *pred = NULL;
  run R;
  memset(&R, 0, sizeof R);
  R.c = &c;
  R.o = &o;
  kw_status st;
  if (o.patterns) {
    st = kw_clv_data_read_patterns(ctx, o.patterns, &data);
    if (st) {
      code = cli_fail(&c, st);
      goto done;
    }
  } else {
    c.load.tables = (1u << KW_TABLE_TRANSACTIONS) | (1u << KW_TABLE_CUSTOMERS);
    c.load.amount_optional = !o.spend; /* --spend none: dates suffice */
    code = cli_load(&c, &ds);
    if (code) goto done;
    kw_clv_data_options dopt;
    kw_clv_data_options_init(&dopt);
    dopt.as_of = c.as_of;
    dopt.holdout_end = o.holdout_end;
    dopt.unit = c.unit;
    dopt.discrete = o.model == KW_CLV_BGBB;
    st = kw_clv_data_build(ctx, ds, &dopt, &data);
    if (st) {
      code = cli_fail(&c, st);
      goto done;
    }
  }
  const kw_clv_input *d = kw_clv_data_view(data);
  R.d = d;
  if (d->n == 0) {
    fprintf(stderr, "klantwijs clv: no customer with a purchase up to the "
                    "as-of date (%zu first bought after it)\n",
            d->n_later);
    code = KW_EXIT_INPUT;
    goto done;
  }
  if (d->holdout && d->holdout_len < 1 && d->discrete) {
    code = cli_usage(&c, "the holdout is shorter than one %s",
                     kw_unit_name(d->unit));
    goto done;
  }
  kw_clv_fit_options fo;
  kw_clv_fit_options_init(&fo);
  fo.penalty = o.penalty;
  if (o.model == KW_CLV_MODEL__COUNT) {
    R.auto_model = true;
    st = kw_clv_fit_auto(ctx, d->x, d->t_x, d->T, d->weight, d->n, &fo, &fit,
                         &R.cmp);
  } else {
    st = kw_clv_fit_model(ctx, o.model, d->x, d->t_x, d->T, d->weight, d->n,
                          &fo, &fit);
  }
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  R.fit = kw_clv_fit_result(fit);
  if (o.spend) {
    st = kw_clv_fit_spend(ctx, d->x, d->zbar, d->weight, d->n, &fo, &gg);
    if (st == KW_EEMPTY) {
      cli_warnf("no repeat buyer with a positive repeat spend: no spend "
                "model, no values");
      kw_clear_error(ctx);
    } else if (st) {
      code = cli_fail(&c, st);
      goto done;
    } else {
      R.gg = kw_clv_fit_result(gg);
    }
  }
  R.horizon = o.horizon > 0 ? (size_t)o.horizon
              : c.unit == KW_UNIT_DAY  ? 365
              : c.unit == KW_UNIT_WEEK ? 52
              : c.unit == KW_UNIT_YEAR ? 1
                                       : 12;
  if (o.horizon <= 0 && !d->ids) { /* patterns: as far as observed */
    double mt = 1;
    for (size_t i = 0; i < d->n; i++)
      if (d->T[i] > mt) mt = d->T[i];
    R.horizon = mt < 100000 ? (size_t)ceil(mt) : 100000;
  }
  kw_clv_predict_options po;
  kw_clv_predict_options_init(&po);
  po.horizon = R.horizon;
  po.discount = o.discount;
  po.margin = o.margin;
  po.count = o.count;
  st = kw_clv_data_predict(ctx, fit, gg, data, &po, &pred);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  R.p = kw_clv_pred_view(pred);
  if (d->holdout) {
    R.hold_pred = malloc(d->n * sizeof *R.hold_pred);
    R.track_exp = malloc((d->n_periods ? d->n_periods : 1) *
                         sizeof *R.track_exp);
    if (!R.hold_pred || !R.track_exp) {
      fprintf(stderr, "klantwijs clv: out of memory\n");
      code = KW_EXIT_INTERNAL;
      goto done;
    }
    st = kw_clv_expected(ctx, fit, d->x, d->t_x, d->T, d->n, d->holdout_len,
                         R.hold_pred);
    if (!st)
      st = kw_clv_evaluate(ctx, fit, d->x, d->t_x, d->T, d->holdout, d->n,
                           d->holdout_len, &R.ev);
    if (!st)
      st = kw_clv_tracking(ctx, fit, d->offset, d->n, d->n_periods,
                           R.track_exp);
    if (st) {
      code = cli_fail(&c, st);
      goto done;
    }
    R.has_eval = true;
  }
  if (!d->ids) {
    R.pattern_no = malloc(d->n * sizeof *R.pattern_no);
    if (!R.pattern_no) {
      fprintf(stderr, "klantwijs clv: out of memory\n");
      code = KW_EXIT_INTERNAL;
      goto done;
    }
    for (size_t i = 0; i < d->n; i++) R.pattern_no[i] = (double)(i + 1);
  }
  snprintf(R.pk_key, sizeof R.pk_key, "p_%u", o.count);
  if (o.count == 0) {
    snprintf(R.pk_label, sizeof R.pk_label, "P(none)");
    snprintf(R.pk_label_nl, sizeof R.pk_label_nl, "P(geen)");
  } else {
    snprintf(R.pk_label, sizeof R.pk_label, "P(%u)", o.count);
    snprintf(R.pk_label_nl, sizeof R.pk_label_nl, "P(%u)", o.count);
  }
  kw_rcol cols[20];
  size_t ncols = customer_cols(&R, cols, c.format == KW_FORMAT_TABLE);
  kw_rtable t = {NULL, d->n, NULL, ncols, cols};
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  if (c.format == KW_FORMAT_JSON)
    st = write_json(&R, f, &t);
  else if (c.format == KW_FORMAT_CSV)
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, c.lang, 0);
  else
    st = write_table(&R, f, &t);
  if (st == KW_ENOMEM) fprintf(stderr, "klantwijs clv: out of memory\n");
  code = cli_out_close(&c, f, st == KW_OK);
  if (st == KW_ENOMEM) code = KW_EXIT_INTERNAL;
done:
  free(R.hold_pred);
  free(R.track_exp);
  free(R.pattern_no);
  kw_clv_pred_free(pred);
  kw_clv_fit_free(fit);
  kw_clv_fit_free(gg);
  kw_clv_data_free(data);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
