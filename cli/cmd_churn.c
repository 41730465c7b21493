/*
 * cmd_churn.c — `klantwijs churn`: who has churned and who is at risk,
 * churn and retention rate per period, and with --drivers what goes with
 * churn (association, not cause).
 *
 * Sources: purchase histories (the gap rule of retention.h), contracts
 * (start and end dates of the customers table, --contracts), or for
 * --drivers a customers-like table with a churn flag column (--event COL
 * or a column the loader recognises, e.g. 'Churn').
 *
 * Drivers on purchase data avoid leakage by splitting time: with gap G the
 * status at the as-of date is "churned" exactly when the last purchase is
 * on or before the cutoff = as-of - floor(G) - 1 (retention.h). So the
 * label is "no purchase after the cutoff", the rows are the customers
 * whose first purchase is on or before the cutoff, and every behaviour
 * (orders, revenue, order value, products, categories, tenure, recency)
 * is measured from the lines up to the cutoff only. Recency at the as-of
 * date, the last purchase date and anything after the cutoff would define
 * the label and are never used. Attributes from the customers table: text
 * columns with at most 50 values (identifiers, names, addresses, cities
 * with more values are left out), flags, numbers and amounts; dates, the
 * churn flag, contract end dates and personal data (name, e-mail, phone,
 * address) are left out; text columns whose values are all numbers are
 * read as numbers. With a churn flag column (no time split is possible)
 * every other attribute is used, tenure included: it goes with churn
 * partly because a churned customer's tenure stops growing.
 *
 * P(alive): with --p-alive MODEL the status of non-contractual customers
 * follows P(alive) of a BG/NBD, MBG/NBD or Pareto/NBD fit on the purchases
 * up to the as-of date (weeks as the unit; the unit does not change
 * P(alive)); the gap rule still gives churn days, the period table and
 * durations (kw_churn_options.p_alive).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"

const char kw_cli_churn_help[] =
    "usage: klantwijs churn [OPTIONS] PATH\n"
    "       klantwijs churn --drivers [OPTIONS] PATH\n"
    "\n"
    "Purchases (non-contractual): a customer has churned when no purchase\n"
    "came for longer than a gap G: as-of - last purchase > G. G is derived\n"
    "from the data as the 90th percentile (--gap-quantile) of all days\n"
    "between consecutive purchase days of the same customer ('90% of repeat\n"
    "purchases come within G days'), at least 30 days (--gap-floor), or set\n"
    "with --gap. At risk: not churned, and no purchase for more than 0.7 G\n"
    "(--at-risk-fraction). The churn day is the last purchase + G.\n"
    "With --p-alive MODEL (bgnbd, mbgnbd or pnbd) the status follows the\n"
    "probability that the customer is still active from that model, fitted\n"
    "on the purchases up to the as-of date: churned below 0.5\n"
    "(--p-alive-threshold), at risk below 0.7; churn days and the period\n"
    "table still follow the gap rule.\n"
    "\n"
    "Contracts (--contracts; the customers table has start and end or\n"
    "cancel dates): churned when every contract ended by the as-of date;\n"
    "at risk: an end date within --at-risk-days (90) after it.\n"
    "\n"
    "Shows the counts, the churn and retention rate per period (customers\n"
    "alive at the start of the period who churned in it), the customers\n"
    "who churned in the last period and those at risk, with their revenue\n"
    "(net, up to the as-of date), highest first.\n"
    "\n"
    "With --drivers: which attributes and behaviours differ between churned\n"
    "and retained customers: churn rate per category with a 95% Wilson\n"
    "interval, medians of numeric attributes, and an L2-regularised\n"
    "logistic regression with standardised coefficients (per standard\n"
    "deviation, or versus the most frequent level), evaluated on a random\n"
    "holdout (AUC, calibration by decile of predicted risk). These are\n"
    "associations, not causes. On purchase data the label is 'no purchase\n"
    "in the last G days' and behaviours are measured before that window\n"
    "only, so nothing that defines the label is used (recency at the as-of\n"
    "date and the last purchase date are left out). A customers-like file\n"
    "with a churn column (--event COL) is analysed as it is.\n"
    "\n"
    "Options:\n"
    "  --contracts            churn from contract start and end dates\n"
    "  --gap DAYS             churn gap (default: derived from the data)\n"
    "  --gap-quantile Q       quantile of inter-purchase days (default 0.9)\n"
    "  --gap-floor DAYS       least derived gap (default 30)\n"
    "  --at-risk-fraction F   at risk after F x G days without purchase\n"
    "                         (default 0.7)\n"
    "  --at-risk-days N       contracts ending within N days (default 90)\n"
    "  --period month|week|quarter  period of the rate table (default month)\n"
    "  --as-of DATE           the date of the status (default: the last\n"
    "                         date in the data)\n"
    "  --top N                customers per list on a terminal (default 20;\n"
    "                         0 = all)\n"
    "  --table periods|recent|at-risk|customers\n"
    "                         the one table to write (default: everything on\n"
    "                         a terminal, the periods in csv)\n"
    "Drivers:\n"
    "  --drivers              the churn-driver analysis\n"
    "  --event COL            churn flag column of a customers-like table\n"
    "                         (1/0, true/false, yes/no, ja/nee); PATH is\n"
    "                         then read as that table\n"
    "  --exclude COL,...      attributes to leave out\n"
    "  --holdout F            share of customers held out (default 0.3)\n"
    "  --l2 L                 penalty (default 1)\n"
    "  --seed N               seed of the holdout split (default 1)\n"
    "  --table levels|numeric|model|calibration\n"
    "                         the one table to write (csv default: model)\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs churn demo-data\n"
    "  klantwijs churn demo-data --table at-risk --format csv -o at-risk.csv\n"
    "  klantwijs churn demo-data --drivers\n"
    "  klantwijs churn --drivers Telco-Customer-Churn.csv --event Churn\n";

#define MAX_EXCLUDE 64
#define MAX_FEATURES 256
#define MAX_CATEGORY_LEVELS 50

typedef enum pick {
  PICK_DEFAULT = 0,
  PICK_PERIODS,
  PICK_RECENT,
  PICK_AT_RISK,
  PICK_CUSTOMERS,
  PICK_LEVELS,
  PICK_NUMERIC,
  PICK_MODEL,
  PICK_CALIBRATION
} pick;

static const char *const pick_names[] = {
    "",       "periods", "recent",  "at-risk",    "customers",
    "levels", "numeric", "model",   "calibration"};

typedef struct copts {
  bool contracts, drivers;
  double gap, gap_q, gap_floor, risk_frac, holdout, l2;
  bool gap_q_set, gap_floor_set, risk_frac_set;
  unsigned long risk_days, top, seed;
  bool risk_days_set;
  kw_period_unit period;
  int p_alive_model; /* -1: gap rule */
  double p_alive_threshold;
  const char *event;
  const char *exclude[MAX_EXCLUDE];
  size_t n_exclude;
  char exclude_buf[1024];
  pick table;
} copts;

static void oom(void) { fprintf(stderr, "klantwijs churn: out of memory\n"); }

/*
 * P(alive) per customer id from a purchase model fitted at the as-of date
 * (see the file comment). *out (malloc'ed, NaN for customers outside the
 * calibration set) is set on success; returns an exit code.
 */
static int set_p_alive(cli_common *c, const kw_dataset *ds, kw_clv_model m,
                       kw_churn_options *co, double **out) {
  kw_clv_data_options dopt;
  kw_clv_data_options_init(&dopt);
  dopt.as_of = c->as_of;
  dopt.unit = KW_UNIT_WEEK;
  kw_clv_data *d = NULL;
  kw_clv_fit *fit = NULL;
  kw_clv_pred *pred = NULL;
  int code = KW_EXIT_OK;
  kw_status st = kw_clv_data_build(c->ctx, ds, &dopt, &d);
  const kw_clv_input *in = st ? NULL : kw_clv_data_view(d);
  if (!st) {
    kw_clv_fit_options fo;
    kw_clv_fit_options_init(&fo);
    st = kw_clv_fit_model(c->ctx, m, in->x, in->t_x, in->T, NULL, in->n, &fo,
                          &fit);
  }
  if (!st) {
    kw_clv_predict_options po;
    kw_clv_predict_options_init(&po);
    st = kw_clv_data_predict(c->ctx, fit, NULL, d, &po, &pred);
  }
  kw_clv_check chk;
  if (!st) {
    /* a fit that fails its checks decides no status: the gap rule stays */
    kw_clv_check_fit(kw_clv_fit_result(fit), in->x, in->T,
                     kw_clv_pred_view(pred)->p_alive, in->n, NULL, NULL, &chk);
    if (!chk.passed) {
      char flags[128] = "";
      size_t k = 0;
      for (unsigned b = 0; b < KW_CLV_FLAG_COUNT; b++)
        if (chk.flags & (1u << b))
          k += (size_t)snprintf(flags + k, sizeof flags - k, "%s%s",
                                k ? ", " : "", kw_clv_flag_key(b));
      cli_warnf(c->lang == KW_LANG_NL
                    ? "de %s-schatting doorstond de controles niet (%s); de "
                      "status volgt de wachttijdregel"
                    : "the %s fit failed its checks (%s); the status follows "
                      "the gap rule",
                kw_clv_model_name(m), flags);
    }
  }
  if (st) {
    code = cli_fail(c, st);
  } else if (!chk.passed) {
    code = KW_EXIT_OK;
  } else {
    size_t n = kw_dict_size(kw_dataset_customers(ds));
    double *pa = malloc((n ? n : 1) * sizeof *pa);
    if (!pa) {
      oom();
      code = KW_EXIT_INTERNAL;
    } else {
      for (size_t k = 0; k < n; k++) pa[k] = NAN;
      const double *p = kw_clv_pred_view(pred)->p_alive;
      for (size_t i = 0; i < in->n; i++) pa[in->customer[i]] = p[i];
      co->p_alive = pa;
      co->n_p_alive = n;
      *out = pa;
    }
  }
  kw_clv_pred_free(pred);
  kw_clv_fit_free(fit);
  kw_clv_data_free(d);
  return code;
}

/* ---------------------------------------------------------- attributes */

/* A decimal number with '.' or ',' as the mark and optional blanks. */
static bool number_text(const char *s, double *out) {
  while (*s == ' ' || *s == '\t') s++;
  char buf[64];
  size_t n = 0;
  int marks = 0, digits = 0;
  if (*s == '-' || *s == '+') buf[n++] = *s++;
  for (; *s && n < sizeof buf - 1; s++) {
    if (isdigit((unsigned char)*s)) {
      buf[n++] = *s;
      digits++;
    } else if ((*s == '.' || *s == ',') && marks == 0) {
      buf[n++] = '.';
      marks++;
    } else {
      break;
    }
  }
  while (*s == ' ' || *s == '\t') s++;
  if (*s || digits == 0) return false;
  buf[n] = 0;
  return cli_parse_double(buf, out);
}

static bool blank_text(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t') return false;
  return true;
}

/* Feature columns built for the driver rows; owns its arrays. */
typedef struct features {
  size_t n;
  kw_column col[MAX_FEATURES];
  const kw_column *ptr[MAX_FEATURES];
  void *mem[MAX_FEATURES];
} features;

static void features_free(features *F) {
  for (size_t j = 0; j < F->n; j++) free(F->mem[j]);
  F->n = 0;
}

static bool excluded(const copts *o, const char *name) {
  for (size_t k = 0; k < o->n_exclude; k++)
    if (strcasecmp(o->exclude[k], name) == 0) return true;
  return false;
}

/* A number feature over the driver rows (takes ownership of v). */
static bool add_number(features *F, const char *name, double *v) {
  if (F->n >= MAX_FEATURES) {
    free(v);
    return true;
  }
  kw_column *c = &F->col[F->n];
  memset(c, 0, sizeof *c);
  c->name = name;
  c->role = KW_ROLE_NONE;
  c->type = KW_TYPE_NUMBER;
  c->v.number = v;
  c->source_index = UINT32_MAX;
  F->mem[F->n] = v;
  F->ptr[F->n] = c;
  F->n++;
  return true;
}

/*
 * Attributes of the customers table t as features over m driver rows;
 * src[r] is the table row of driver row r (UINT32_MAX: none). skip_col is
 * a column never used (the churn flag). Returns false on out of memory.
 */
static bool add_attributes(features *F, const copts *o, const kw_table *t,
                           const uint32_t *src, size_t m,
                           const kw_column *skip_col, bool keep_tenure) {
  size_t nt = kw_table_rows(t);
  for (size_t j = 0; j < kw_table_ncols(t) && F->n < MAX_FEATURES; j++) {
    const kw_column *col = kw_table_col(t, j);
    if (col == skip_col || excluded(o, col->name)) continue;
    kw_role r = col->role;
    if (r == KW_ROLE_CUSTOMER || kw_role_is_personal(r) ||
        r == KW_ROLE_CHURN || r == KW_ROLE_END_DATE || r == KW_ROLE_COMMENT ||
        (r == KW_ROLE_TENURE && !keep_tenure) || col->type == KW_TYPE_DATE)
      continue;
    if (col->type == KW_TYPE_NUMBER || col->type == KW_TYPE_MONEY) {
      double *v = malloc((m ? m : 1) * sizeof *v);
      if (!v) return false;
      for (size_t i = 0; i < m; i++) {
        size_t row = src ? src[i] : i;
        if (row >= nt) {
          v[i] = NAN;
        } else if (col->type == KW_TYPE_NUMBER) {
          v[i] = col->v.number[row];
        } else {
          int64_t x = col->v.money[row];
          v[i] = x == KW_NA_MONEY ? NAN : (double)x / 100.0;
        }
      }
      add_number(F, col->name, v);
      continue;
    }
    if (col->type == KW_TYPE_FLAG) {
      int8_t *v = malloc(m ? m : 1);
      if (!v) return false;
      for (size_t i = 0; i < m; i++) {
        size_t row = src ? src[i] : i;
        v[i] = row < nt ? col->v.flag[row] : KW_NA_FLAG;
      }
      kw_column *c = &F->col[F->n];
      *c = *col;
      c->v.flag = v;
      F->mem[F->n] = v;
      F->ptr[F->n] = c;
      F->n++;
      continue;
    }
    /* text: numbers, a category, or left out */
    size_t nd = kw_dict_size(col->dict);
    double *num = malloc((nd ? nd : 1) * sizeof *num);
    uint8_t *seen = calloc(nd ? nd : 1, 1);
    if (!num || !seen) {
      free(num);
      free(seen);
      return false;
    }
    size_t distinct = 0, numeric = 0;
    for (size_t row = 0; row < nt; row++) {
      uint32_t id = col->v.text[row];
      if (id == KW_NA_ID || id >= nd || seen[id]) continue;
      seen[id] = 1;
      const char *s = kw_dict_str(col->dict, id);
      if (blank_text(s)) {
        num[id] = NAN;
        seen[id] = 2;
        continue;
      }
      distinct++;
      if (number_text(s, &num[id]))
        numeric++;
      else
        num[id] = NAN;
    }
    free(seen);
    /* codes such as postcodes stay text even when they are digits */
    if (r == KW_ROLE_NONE && distinct > 2 && numeric == distinct) {
      double *v = malloc((m ? m : 1) * sizeof *v);
      if (!v) {
        free(num);
        return false;
      }
      for (size_t i = 0; i < m; i++) {
        size_t row = src ? src[i] : i;
        uint32_t id = row < nt ? col->v.text[row] : KW_NA_ID;
        v[i] = id == KW_NA_ID || id >= nd ? NAN : num[id];
      }
      free(num);
      add_number(F, col->name, v);
      continue;
    }
    free(num);
    if (distinct < 2 || distinct > MAX_CATEGORY_LEVELS) continue;
    uint32_t *v = malloc((m ? m : 1) * sizeof *v);
    if (!v) return false;
    for (size_t i = 0; i < m; i++) {
      size_t row = src ? src[i] : i;
      uint32_t id = row < nt ? col->v.text[row] : KW_NA_ID;
      v[i] = id != KW_NA_ID && id < nd &&
                     !blank_text(kw_dict_str(col->dict, id))
                 ? id
                 : KW_NA_ID;
    }
    kw_column *c = &F->col[F->n];
    *c = *col;
    c->v.text = v;
    F->mem[F->n] = v;
    F->ptr[F->n] = c;
    F->n++;
  }
  return true;
}

/* ------------------------------------------------------ drivers output */

static const double *sort_abs;
static int by_abs_desc(const void *a, const void *b) {
  double x = fabs(sort_abs[*(const uint32_t *)a]);
  double y = fabs(sort_abs[*(const uint32_t *)b]);
  if (x != y) return x < y ? 1 : -1;
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  return (i > j) - (i < j);
}

typedef struct drv_meta {
  const char *label_en, *label_nl; /* what churned means */
  size_t n_excluded_rows;
} drv_meta;

static int drivers_output(cli_common *c, const copts *o, const kw_churn_drivers *d,
                          const drv_meta *meta) {
  const bool nl = c->lang == KW_LANG_NL;
  size_t nf = kw_churn_drivers_feature_count(d);
  /* level rows and numeric rows, flattened */
  size_t nlev = 0, nnum = 0;
  for (size_t j = 0; j < nf; j++) {
    const kw_churn_driver_levels *L = kw_churn_drivers_levels_view(d, j);
    if (L) nlev += L->n_levels;
    if (kw_churn_drivers_numeric_view(d, j)) nnum++;
  }
  const kw_churn_driver_model *M = kw_churn_drivers_model_view(d);
  size_t nterm = M ? M->n_terms : 0, nbins = M ? M->bins : 0;
  const char **lf = malloc((nlev + nnum + 1) * sizeof *lf);
  const char **ll = malloc((nlev + 1) * sizeof *ll);
  int64_t *li = malloc((2 * nlev + 4 * nnum + nbins + 1) * sizeof *li);
  double *ld = malloc((3 * nlev + 2 * nnum + 1) * sizeof *ld);
  uint32_t *order = malloc((nterm + 1) * sizeof *order);
  if (!lf || !ll || !li || !ld || !order) {
    free(lf), free(ll), free(li), free(ld), free(order);
    oom();
    return KW_EXIT_INTERNAL;
  }
  int64_t *ln = li, *lk = li + nlev;
  double *lr = ld, *llo = ld + nlev, *lhi = ld + 2 * nlev;
  const char **nf_name = lf + nlev;
  int64_t *nc = li + 2 * nlev, *nr = nc + nnum, *nmiss = nr + nnum;
  int64_t *bn = nmiss + nnum;
  double *mc = ld + 3 * nlev, *mr = mc + nnum;
  size_t k = 0, q = 0;
  for (size_t j = 0; j < nf; j++) {
    const kw_churn_driver_levels *L = kw_churn_drivers_levels_view(d, j);
    const kw_churn_driver_numeric *N = kw_churn_drivers_numeric_view(d, j);
    if (L)
      for (size_t v = 0; v < L->n_levels; v++, k++) {
        lf[k] = L->feature;
        ll[k] = L->level[v];
        ln[k] = (int64_t)L->n[v];
        lk[k] = (int64_t)L->churned[v];
        lr[k] = L->rate[v];
        llo[k] = L->lower[v];
        lhi[k] = L->upper[v];
      }
    if (N) {
      nf_name[q] = N->feature;
      nc[q] = (int64_t)N->n_churned;
      nr[q] = (int64_t)N->n_retained;
      nmiss[q] = (int64_t)N->missing;
      mc[q] = N->n_churned ? N->median_churned : NAN;
      mr[q] = N->n_retained ? N->median_retained : NAN;
      q++;
    }
  }
  for (size_t b = 0; b < nbins; b++) bn[b] = (int64_t)M->bin_n[b];
  for (size_t t = 0; t < nterm; t++) order[t] = (uint32_t)t;
  if (M) {
    sort_abs = M->coef;
    qsort(order, nterm, sizeof *order, by_abs_desc);
  }
  const kw_rcol lev_cols[] = {
      {"feature", "attribute", "kenmerk", KW_CELL_STR, 0, lf, NULL, NULL, NULL},
      {"level", "value", "waarde", KW_CELL_STR, 0, ll, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_I64, 0, ln, NULL, NULL, NULL},
      {"churned", "churned", "gestopt", KW_CELL_I64, 0, lk, NULL, NULL, NULL},
      {"churn_rate", "churn rate", "churnratio", KW_CELL_PCT, 1, lr, NULL, NULL, NULL},
      {"lower", "lower", "onder", KW_CELL_PCT, 1, llo, NULL, NULL, NULL},
      {"upper", "upper", "boven", KW_CELL_PCT, 1, lhi, NULL, NULL, NULL},
  };
  const kw_rcol num_cols[] = {
      {"feature", "attribute", "kenmerk", KW_CELL_STR, 0, nf_name, NULL, NULL, NULL},
      {"median_churned", "median churned", "mediaan gestopt", KW_CELL_F64, 2, mc, NULL, NULL, NULL},
      {"median_retained", "median retained", "mediaan gebleven", KW_CELL_F64, 2, mr, NULL, NULL, NULL},
      {"n_churned", "churned", "gestopt", KW_CELL_I64, 0, nc, NULL, NULL, NULL},
      {"n_retained", "retained", "gebleven", KW_CELL_I64, 0, nr, NULL, NULL, NULL},
      {"missing", "missing", "ontbrekend", KW_CELL_I64, 0, nmiss, NULL, NULL, NULL},
  };
  kw_rcol mod_cols[] = {
      {"term", "term", "term", KW_CELL_STR, 0, M ? (const void *)M->term : NULL, NULL, NULL, NULL},
      {"coef", "coefficient", "coëfficiënt", KW_CELL_F64, 3, M ? M->coef : NULL, NULL, NULL, NULL},
      {"se", "se", "se", KW_CELL_F64, 3, M ? M->se : NULL, NULL, NULL, NULL},
      {"odds_ratio", "odds ratio", "odds ratio", KW_CELL_F64, 3, M ? M->odds_ratio : NULL, NULL, NULL, NULL},
  };
  kw_rcol cal_cols[] = {
      {"bin", "decile", "deciel", KW_CELL_ID, 0, NULL, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_I64, 0, bn, NULL, NULL, NULL},
      {"predicted", "predicted", "voorspeld", KW_CELL_PCT, 1, M ? M->bin_predicted : NULL, NULL, NULL, NULL},
      {"observed", "observed", "waargenomen", KW_CELL_PCT, 1, M ? M->bin_observed : NULL, NULL, NULL, NULL},
  };
  /* decile numbers 1..bins as strings */
  char binlab[64][4];
  const char *binp[64];
  size_t nb = nbins < 64 ? nbins : 64;
  for (size_t b = 0; b < nb; b++) {
    snprintf(binlab[b], sizeof binlab[b], "%u", (unsigned)(b + 1) % 1000u);
    binp[b] = binlab[b];
  }
  cal_cols[0].type = KW_CELL_STR;
  cal_cols[0].data = binp;
  kw_rtable tlev = {NULL, nlev, NULL, 7, lev_cols};
  kw_rtable tnum = {NULL, nnum, NULL, 6, num_cols};
  kw_rtable tmod = {NULL, nterm, order, 4, mod_cols};
  kw_rtable tcal = {NULL, nb, NULL, 4, cal_cols};

  FILE *f = cli_out_open(c);
  if (!f) {
    free(lf), free(ll), free(li), free(ld), free(order);
    return KW_EXIT_IO;
  }
  kw_status st = KW_OK;
  char b1[32], b2[32];
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "label", meta->label_en);
    kw_jw_str(w, "note", "associations, not causes");
    kw_jw_int(w, "customers", (int64_t)kw_churn_drivers_rows(d));
    kw_jw_num(w, "churn_rate", kw_churn_drivers_churn_rate(d));
    kw_jw_rtable(w, "levels", &tlev);
    kw_jw_rtable(w, "numeric", &tnum);
    if (M) {
      kw_jw_begin_object(w, "model");
      kw_jw_num(w, "l2", M->l2);
      kw_jw_num(w, "intercept", M->intercept);
      kw_jw_bool(w, "converged", M->status == KW_OK);
      kw_jw_int(w, "iterations", M->iterations);
      kw_jw_num(w, "loglik", M->loglik);
      kw_jw_int(w, "n_train", (int64_t)M->n_train);
      kw_jw_int(w, "n_test", (int64_t)M->n_test);
      kw_jw_bool(w, "test_is_train", M->test_is_train);
      kw_jw_num(w, "auc", M->auc);
      kw_jw_rtable(w, "coefficients", &tmod);
      kw_jw_rtable(w, "calibration", &tcal);
      kw_jw_end_object(w);
    } else {
      kw_jw_null(w, "model");
    }
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (c->format == KW_FORMAT_CSV || o->table != PICK_DEFAULT) {
    const kw_rtable *t = o->table == PICK_LEVELS    ? &tlev
                         : o->table == PICK_NUMERIC ? &tnum
                         : o->table == PICK_CALIBRATION ? &tcal
                                                        : &tmod;
    st = kw_write_rtable(c->ctx, f, t, c->format, c->lang, 0);
  } else {
    fprintf(f, nl ? "Churndrivers: %zu klanten, %s gestopt\n"
                  : "Churn drivers: %zu customers, %s churned\n",
            kw_churn_drivers_rows(d),
            (kw_fmt_number(b1, 100 * kw_churn_drivers_churn_rate(d), 1, c->lang),
             strcat(b1, "%"), b1));
    fprintf(f, nl ? "Gestopt: %s\n" : "Churned: %s\n",
            nl ? meta->label_nl : meta->label_en);
    fprintf(f, nl ? "Dit zijn samenhangen, geen oorzaken.\n"
                  : "These are associations, not causes.\n");
    if (nlev) {
      fprintf(f, nl ? "\nChurnratio per waarde (95%%-Wilsoninterval)\n"
                    : "\nChurn rate per value (95%% Wilson interval)\n");
      st = kw_write_rtable(c->ctx, f, &tlev, KW_FORMAT_TABLE, c->lang, 0);
    }
    if (!st && nnum) {
      fprintf(f, nl ? "\nNumerieke kenmerken: mediaan bij gestopte en "
                      "gebleven klanten\n"
                    : "\nNumeric attributes: median for churned and "
                      "retained customers\n");
      st = kw_write_rtable(c->ctx, f, &tnum, KW_FORMAT_TABLE, c->lang, 0);
    }
    if (!st && M) {
      fprintf(f, nl ? "\nLogistische regressie (L2 = %s), gestandaardiseerde "
                      "coëfficiënten: per standaardafwijking, of tegenover de "
                      "meest voorkomende waarde\n"
                    : "\nLogistic regression (L2 = %s), standardised "
                      "coefficients: per standard deviation, or versus the "
                      "most frequent value\n",
              kw_fmt_number(b1, M->l2, 2, c->lang));
      st = kw_write_rtable(c->ctx, f, &tmod, KW_FORMAT_TABLE, c->lang, 0);
      fprintf(f, nl ? "%s na %d iteraties; %zu klanten om te schatten, %zu "
                      "apart gehouden%s\n"
                    : "%s after %d iterations; %zu customers to fit, %zu "
                      "held out%s\n",
              M->status == KW_OK ? (nl ? "Geconvergeerd" : "Converged")
                                 : (nl ? "NIET geconvergeerd" : "NOT converged"),
              M->iterations, M->n_train, M->test_is_train ? 0 : M->n_test,
              M->test_is_train ? (nl ? " (evaluatie op dezelfde klanten)"
                                     : " (evaluated on the same customers)")
                               : "");
      fprintf(f, nl ? "AUC %s\n" : "AUC %s\n",
              kw_fmt_number(b2, M->auc, 3, c->lang));
      if (!st) {
        fprintf(f, nl ? "\nKalibratie per deciel van het voorspelde risico\n"
                      : "\nCalibration by decile of predicted risk\n");
        st = kw_write_rtable(c->ctx, f, &tcal, KW_FORMAT_TABLE, c->lang, 0);
      }
    }
  }
  int code = cli_out_close(c, f, st == KW_OK);
  free(lf), free(ll), free(li), free(ld), free(order);
  return code;
}

/* ------------------------------------------------------------ drivers */

/* Drivers from a churn flag column: every row of the customers table. */
static int drivers_flag(cli_common *c, const copts *o, const kw_table *t) {
  const kw_column *ce = o->event ? kw_table_find(t, o->event)
                                 : kw_table_role(t, KW_ROLE_CHURN);
  if (!ce || ce->type != KW_TYPE_FLAG) {
    fprintf(stderr, "klantwijs churn: %s\n",
            o->event ? "the --event column was not read as yes/no flags"
                     : "no churn column in the customers table: name one "
                       "with --event COL");
    return KW_EXIT_INPUT;
  }
  features F = {0};
  size_t n = kw_table_rows(t);
  if (!add_attributes(&F, o, t, NULL, n, ce, true)) {
    features_free(&F);
    oom();
    return KW_EXIT_INTERNAL;
  }
  if (F.n == 0) {
    features_free(&F);
    fprintf(stderr, "klantwijs churn: no usable attribute columns\n");
    return KW_EXIT_INPUT;
  }
  kw_churn_drivers_options dopt;
  kw_churn_drivers_options_init(&dopt);
  dopt.holdout = o->holdout;
  dopt.l2 = o->l2;
  kw_churn_drivers *d = NULL;
  kw_status st = kw_churn_drivers_compute(c->ctx, ce->v.flag, n, F.ptr, F.n, &dopt, &d);
  int code;
  if (st) {
    code = cli_fail(c, st);
  } else {
    char en[300], nl[300];
    snprintf(en, sizeof en, "the column %s says yes", ce->name);
    snprintf(nl, sizeof nl, "de kolom %s zegt ja", ce->name);
    drv_meta meta = {en, nl, 0};
    code = drivers_output(c, o, d, &meta);
  }
  kw_churn_drivers_free(d);
  features_free(&F);
  return code;
}

/* Drivers from churn statuses (purchases or contracts). */
static int drivers_status(cli_common *c, const copts *o, const kw_dataset *ds,
                          const kw_churn *ch) {
  const kw_churn_info *I = kw_churn_info_view(ch);
  const kw_churn_customers *cs = kw_churn_customers_view(ch);
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_column *cid = cu ? kw_table_role(cu, KW_ROLE_CUSTOMER) : NULL;
  size_t n = cs->n;
  int32_t cutoff = KW_NA_DATE;
  kw_summary *sum = NULL;
  const kw_customer_summary *v = NULL;
  if (!I->contractual) {
    double g = floor(I->gap_days);
    if (g > 1e8) g = 1e8;
    cutoff = (int32_t)((double)I->as_of - g - 1);
    kw_summary_options so;
    kw_summary_options_init(&so);
    so.as_of = cutoff;
    kw_status st = kw_summary_build(c->ctx, ds, &so, &sum);
    if (st) return cli_fail(c, st);
    v = kw_summary_view(sum);
  }
  /* driver rows: customers with a status (and, for purchases, a first
   * purchase on or before the cutoff) */
  uint32_t *ids = malloc((n ? n : 1) * sizeof *ids);
  int8_t *y = malloc(n ? n : 1);
  uint32_t *src = malloc((n ? n : 1) * sizeof *src);
  size_t nd = kw_dict_size(kw_dataset_customers(ds));
  uint32_t *id2row = malloc((nd ? nd : 1) * sizeof *id2row);
  features F = {0};
  kw_churn_drivers *d = NULL;
  int code = KW_EXIT_OK;
  if (!ids || !y || !src || !id2row) {
    oom();
    code = KW_EXIT_INTERNAL;
    goto out;
  }
  for (size_t i = 0; i < nd; i++) id2row[i] = UINT32_MAX;
  if (cid)
    for (size_t r = 0; r < kw_table_rows(cu); r++)
      if (cid->v.text[r] < nd) id2row[cid->v.text[r]] = (uint32_t)r;
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (cs->status[i] == KW_CHURN_NONE) continue;
    if (v && (i >= v->n || v->first[i] == KW_NA_DATE)) continue;
    ids[m] = (uint32_t)i;
    y[m] = cs->status[i] == KW_CHURN_CHURNED;
    src[m] = i < nd ? id2row[i] : UINT32_MAX;
    m++;
  }
  if (m == 0) {
    fprintf(stderr, "klantwijs churn: no customer bought before the churn "
                    "window (the data span is shorter than the gap)\n");
    code = KW_EXIT_INPUT;
    goto out;
  }
  if (v) {
    /* behaviour up to the cutoff */
    static const char *const names[] = {"orders",      "revenue",
                                        "avg_order_value", "products",
                                        "categories",  "tenure_days",
                                        "recency_days"};
    for (int j = 0; j < 7; j++) {
      if (excluded(o, names[j])) continue;
      if (j == 3 && !v->has_product) continue;
      if (j == 4 && !v->has_category) continue;
      double *x = malloc(m * sizeof *x);
      if (!x) {
        oom();
        code = KW_EXIT_INTERNAL;
        goto out;
      }
      for (size_t r = 0; r < m; r++) {
        uint32_t i = ids[r];
        switch (j) {
          case 0: x[r] = v->orders[i]; break;
          case 1: x[r] = (double)v->revenue[i] / 100.0; break;
          case 2:
            x[r] = v->orders[i] ? (double)v->revenue[i] / 100.0 / v->orders[i]
                                : NAN;
            break;
          case 3: x[r] = v->n_products[i]; break;
          case 4: x[r] = v->n_categories[i]; break;
          case 5: x[r] = (double)cutoff - (double)v->first[i]; break;
          default: x[r] = (double)cutoff - (double)v->last[i]; break;
        }
      }
      add_number(&F, names[j], x);
    }
  }
  if (cu && !add_attributes(&F, o, cu, src, m, NULL, false)) {
    oom();
    code = KW_EXIT_INTERNAL;
    goto out;
  }
  if (F.n == 0) {
    fprintf(stderr, "klantwijs churn: no usable attributes (a customers "
                    "table adds sector, size, channel, ...)\n");
    code = KW_EXIT_INPUT;
    goto out;
  }
  kw_churn_drivers_options dopt;
  kw_churn_drivers_options_init(&dopt);
  dopt.holdout = o->holdout;
  dopt.l2 = o->l2;
  kw_status st = kw_churn_drivers_compute(c->ctx, y, m, F.ptr, F.n, &dopt, &d);
  if (st) {
    code = cli_fail(c, st);
    goto out;
  }
  char en[300], nl[300], d1[11], d2[11], g[32];
  if (I->contractual) {
    snprintf(en, sizeof en, "every contract ended by %s",
             kw_date_format(d1, I->as_of, 0));
    snprintf(nl, sizeof nl, "elk contract beëindigd op %s",
             kw_date_format(d2, I->as_of, 1));
  } else {
    kw_fmt_number(g, I->gap_days, 1, KW_LANG_EN);
    snprintf(en, sizeof en, "no purchase after %s (the last %s days up to "
                            "%s); behaviour measured up to %s",
             kw_date_format(d1, cutoff, 0), g,
             kw_date_format(d2, I->as_of, 0), d1);
    kw_fmt_number(g, I->gap_days, 1, KW_LANG_NL);
    char d3[11], d4[11];
    snprintf(nl, sizeof nl, "geen aankoop na %s (de laatste %s dagen tot "
                            "%s); gedrag gemeten tot %s",
             kw_date_format(d3, cutoff, 1), g,
             kw_date_format(d4, I->as_of, 1), d3);
  }
  drv_meta meta = {en, nl, 0};
  code = drivers_output(c, o, d, &meta);
out:
  kw_churn_drivers_free(d);
  features_free(&F);
  free(ids);
  free(y);
  free(src);
  free(id2row);
  kw_summary_free(sum);
  return code;
}

/* --------------------------------------------------------- churn output */

static const char *const status_en[] = {"none", "active", "at_risk", "churned"};
static const char *const status_nl[] = {"geen", "actief", "risico", "gestopt"};

static int churn_output(cli_common *c, const copts *o, const kw_churn *ch,
                        const kw_dict *dict, const kw_customer_summary *v) {
  const bool nl = c->lang == KW_LANG_NL;
  const kw_churn_info *I = kw_churn_info_view(ch);
  const kw_churn_customers *cs = kw_churn_customers_view(ch);
  size_t np = kw_churn_period_count(ch);
  const kw_churn_period *P = kw_churn_periods(ch);
  const kw_churn_list *L[2] = {kw_churn_recent(ch), kw_churn_at_risk(ch)};
  /* periods as columns */
  char (*plab)[12] = malloc((np ? np : 1) * sizeof *plab);
  const char **pl = malloc((np ? np : 1) * sizeof *pl);
  int64_t *pi = malloc((np ? np : 1) * 5 * sizeof *pi);
  double *pd = malloc((np ? np : 1) * 2 * sizeof *pd);
  int32_t *pday = malloc((np ? np : 1) * 2 * sizeof *pday);
  /* list values in cents */
  size_t nl0 = L[0]->n, nl1 = L[1]->n, ncu = cs->n;
  int64_t *lv = malloc((nl0 + nl1 + 1) * sizeof *lv);
  int64_t *cv = malloc((ncu ? ncu : 1) * sizeof *cv);
  uint32_t *crow = malloc((ncu ? ncu : 1) * sizeof *crow);
  if (!plab || !pl || !pi || !pd || !pday || !lv || !cv || !crow) {
    free(plab), free(pl), free(pi), free(pd), free(pday), free(lv), free(cv),
        free(crow);
    oom();
    return KW_EXIT_INTERNAL;
  }
  int64_t *as = pi, *acq = pi + np, *chd = pi + 2 * np, *chs = pi + 3 * np,
          *ae = pi + 4 * np;
  double *cr = pd, *rr = pd + np;
  int32_t *pf = pday, *plast = pday + np;
  for (size_t k = 0; k < np; k++) {
    kw_period_label(plab[k], P[k].index, o->period);
    pl[k] = plab[k];
    as[k] = (int64_t)P[k].active_start;
    acq[k] = (int64_t)P[k].acquired;
    chd[k] = (int64_t)P[k].churned;
    chs[k] = (int64_t)P[k].churned_of_start;
    ae[k] = (int64_t)P[k].active_end;
    cr[k] = P[k].active_start ? P[k].churn_rate : NAN;
    rr[k] = P[k].active_start ? P[k].retention_rate : NAN;
    pf[k] = P[k].first_day;
    plast[k] = P[k].last_day;
  }
  for (size_t j = 0; j < nl0; j++) lv[j] = llround(L[0]->value[j] * 100.0);
  for (size_t j = 0; j < nl1; j++) lv[nl0 + j] = llround(L[1]->value[j] * 100.0);
  size_t ncr = 0;
  for (size_t i = 0; i < ncu; i++) {
    cv[i] = v && i < v->n ? v->revenue[i] : KW_NA_MONEY;
    if (cs->status[i] != KW_CHURN_NONE) crow[ncr++] = (uint32_t)i;
  }
  const kw_rcol per_cols[] = {
      {"period", "period", "periode", KW_CELL_STR, 0, pl, NULL, NULL, NULL},
      {"first_day", "from", "van", KW_CELL_DATE, 0, pf, NULL, NULL, NULL},
      {"last_day", "to", "tot", KW_CELL_DATE, 0, plast, NULL, NULL, NULL},
      {"active_start", "active at start", "actief bij start", KW_CELL_I64, 0, as, NULL, NULL, NULL},
      {"acquired", "new", "nieuw", KW_CELL_I64, 0, acq, NULL, NULL, NULL},
      {"churned", "churned", "gestopt", KW_CELL_I64, 0, chd, NULL, NULL, NULL},
      {"churned_of_start", "of those at start", "van wie bij start", KW_CELL_I64, 0, chs, NULL, NULL, NULL},
      {"churn_rate", "churn rate", "churnratio", KW_CELL_PCT, 1, cr, NULL, NULL, NULL},
      {"retention_rate", "retention", "retentie", KW_CELL_PCT, 1, rr, NULL, NULL, NULL},
      {"active_end", "active at end", "actief op einde", KW_CELL_I64, 0, ae, NULL, NULL, NULL},
  };
  const bool has_value = v != NULL;
  kw_rcol list_cols[2][3];
  for (int w = 0; w < 2; w++) {
    list_cols[w][0] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_ID, 0, L[w]->customer, dict, NULL, NULL};
    list_cols[w][1] = (kw_rcol){I->contractual ? "end_date" : "last_purchase",
                                I->contractual ? "contract end" : "last purchase",
                                I->contractual ? "einde contract" : "laatste aankoop",
                                KW_CELL_DATE, 0, L[w]->last, NULL, NULL, NULL};
    list_cols[w][2] = (kw_rcol){"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, lv + (w ? nl0 : 0), NULL, NULL, NULL};
  }
  kw_rcol cust_cols[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, NULL, dict, NULL, NULL},
      {"status", "status", "status", KW_CELL_CODE, 0, cs->status, NULL, status_en, status_nl},
      {I->contractual ? "start" : "first_purchase", I->contractual ? "start" : "first",
       I->contractual ? "start" : "eerste", KW_CELL_DATE, 0, cs->first, NULL, NULL, NULL},
      {I->contractual ? "end" : "last_purchase", I->contractual ? "end" : "last",
       I->contractual ? "einde" : "laatste", KW_CELL_DATE, 0, cs->last, NULL, NULL, NULL},
      {"churn_day", "churn day", "churndag", KW_CELL_DATE, 0, cs->churn_day, NULL, NULL, NULL},
      {"revenue", "revenue", "omzet", KW_CELL_MONEY, 0, cv, NULL, NULL, NULL},
  };
  size_t nlc = has_value ? 3 : 2;
  kw_rtable tper = {NULL, np, NULL, 10, per_cols};
  kw_rtable trec = {NULL, nl0, NULL, nlc, list_cols[0]};
  kw_rtable trisk = {NULL, nl1, NULL, nlc, list_cols[1]};
  kw_rtable tcust = {NULL, ncr, crow, has_value ? 6 : 5, cust_cols};

  FILE *f = cli_out_open(c);
  if (!f) {
    free(plab), free(pl), free(pi), free(pd), free(pday), free(lv), free(cv),
        free(crow);
    return KW_EXIT_IO;
  }
  kw_status st = KW_OK;
  char b1[32], b2[32], b3[32], d1[11];
  const char *pname = kw_period_unit_name(o->period);
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "source", I->contractual ? "contracts" : "purchases");
    kw_jw_date(w, "as_of", I->as_of);
    kw_jw_str(w, "status_by", I->by_p_alive ? "p_alive" : I->contractual ? "contract_end" : "gap");
    if (!I->contractual) {
      kw_jw_num(w, "gap_days", I->gap_days);
      kw_jw_bool(w, "gap_derived", I->gap_derived);
      kw_jw_num(w, "gap_quantile_days", I->gap_quantile_days);
      kw_jw_int(w, "inter_purchase_intervals", (int64_t)I->n_intervals);
      kw_jw_num(w, "at_risk_after_days", o->risk_frac * I->gap_days);
    } else {
      kw_jw_int(w, "at_risk_days", (int64_t)o->risk_days);
    }
    kw_jw_int(w, "customers", (int64_t)I->n_buyers);
    kw_jw_int(w, "active", (int64_t)I->n_active);
    kw_jw_int(w, "at_risk", (int64_t)I->n_at_risk);
    kw_jw_int(w, "churned", (int64_t)I->n_churned);
    kw_jw_num(w, "churned_share", I->churned_share);
    kw_jw_str(w, "period", pname);
    kw_jw_rtable(w, "periods", &tper);
    kw_jw_begin_object(w, "recent");
    kw_jw_int(w, "customers", (int64_t)nl0);
    if (has_value) kw_jw_money(w, "revenue", llround(L[0]->total_value * 100));
    kw_jw_rtable(w, "list", &trec);
    kw_jw_end_object(w);
    kw_jw_begin_object(w, "at_risk_list");
    kw_jw_int(w, "customers", (int64_t)nl1);
    if (has_value) kw_jw_money(w, "revenue", llround(L[1]->total_value * 100));
    kw_jw_rtable(w, "list", &trisk);
    kw_jw_end_object(w);
    if (o->table == PICK_CUSTOMERS) kw_jw_rtable(w, "customers_list", &tcust);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (c->format == KW_FORMAT_CSV || o->table != PICK_DEFAULT) {
    const kw_rtable *t = o->table == PICK_RECENT      ? &trec
                         : o->table == PICK_AT_RISK   ? &trisk
                         : o->table == PICK_CUSTOMERS ? &tcust
                                                      : &tper;
    st = kw_write_rtable(c->ctx, f, t, c->format, c->lang,
                         c->format == KW_FORMAT_TABLE && t != &tper ? o->top : 0);
  } else {
    if (I->contractual) {
      fprintf(f, nl ? "Churn op %s uit contracten: gestopt wanneer elk "
                      "contract beëindigd is\n"
                    : "Churn on %s from contracts: churned when every "
                      "contract has ended\n",
              kw_date_format(d1, I->as_of, nl));
    } else {
      fprintf(f, nl ? "Churn op %s uit aankopen: gestopt na meer dan %s dagen "
                      "zonder aankoop\n"
                    : "Churn on %s from purchases: churned after more than %s "
                      "days without a purchase\n",
              kw_date_format(d1, I->as_of, nl),
              kw_fmt_number(b1, I->gap_days, 1, c->lang));
      if (I->gap_derived)
        fprintf(f, nl ? "(%s%%-kwantiel van %llu tussenaankooptijden: %s "
                        "dagen; minimum %s)\n"
                      : "(the %s%% quantile of %llu inter-purchase times: %s "
                        "days; floor %s)\n",
                kw_fmt_number(b1, 100 * o->gap_q, 0, c->lang),
                (unsigned long long)I->n_intervals,
                kw_fmt_number(b2, I->gap_quantile_days, 1, c->lang),
                kw_fmt_number(b3, o->gap_floor, 0, c->lang));
      if (I->by_p_alive)
        fprintf(f, nl ? "Status: de slechtste van de regel hierboven en "
                        "P(actief) van het %s-model (controles doorstaan): "
                        "gestopt onder %s, risico onder %s; niemand voorbij "
                        "de wachttijd is actief (churndagen: de regel "
                        "hierboven)\n"
                      : "Status: the worse of the rule above and P(alive) of "
                        "the %s model (checks passed): churned below %s, at "
                        "risk below %s; nobody past the gap is active (churn "
                        "days: the rule above)\n",
                kw_clv_model_name((kw_clv_model)o->p_alive_model),
                kw_fmt_number(b1, o->p_alive_threshold, 2, c->lang),
                kw_fmt_number(b2, o->p_alive_threshold > 0.7
                                      ? o->p_alive_threshold : 0.7,
                              2, c->lang));
    }
    kw_kv kv[] = {
        {"customers", "customers", "klanten", KW_CELL_I64, 0, {.i = (int64_t)I->n_buyers}},
        {"active", "active", "actief", KW_CELL_I64, 0, {.i = (int64_t)I->n_active}},
        {"at_risk", "at risk", "risico", KW_CELL_I64, 0, {.i = (int64_t)I->n_at_risk}},
        {"churned", "churned", "gestopt", KW_CELL_I64, 0, {.i = (int64_t)I->n_churned}},
        {"churned_share", "churned share", "aandeel gestopt", KW_CELL_PCT, 1, {.d = I->churned_share}},
    };
    st = kw_write_kv(c->ctx, f, NULL, kv, 5, KW_FORMAT_TABLE, c->lang);
    size_t show = np > 12 ? 12 : np;
    fprintf(f, nl ? "\nChurn en retentie per %s (de laatste %zu; csv en json: "
                    "alle)\n"
                  : "\nChurn and retention per %s (the last %zu; csv and "
                    "json: all)\n",
            nl ? (o->period == KW_PERIOD_WEEK      ? "week"
                  : o->period == KW_PERIOD_QUARTER ? "kwartaal"
                                                   : "maand")
               : pname,
            show);
    uint32_t *last12 = malloc((show ? show : 1) * sizeof *last12);
    if (!last12) {
      st = KW_ENOMEM;
    } else {
      for (size_t k = 0; k < show; k++) last12[k] = (uint32_t)(np - show + k);
      kw_rcol pc[8];
      pc[0] = per_cols[0];
      memcpy(pc + 1, per_cols + 3, 7 * sizeof *pc);
      kw_rtable t = {NULL, show, last12, 8, pc};
      if (!st) st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_TABLE, c->lang, 0);
      free(last12);
    }
    if (np && P[np - 1].partial)
      fprintf(f, nl ? "(de laatste periode loopt tot %s)\n"
                    : "(the last period runs up to %s)\n",
              kw_date_format(d1, I->as_of, nl));
    for (int w = 0; w < 2 && !st; w++) {
      const kw_churn_list *Lw = L[w];
      if (w == 0)
        fprintf(f, nl ? "\nGestopt in de laatste periode (%s): %zu klanten"
                      : "\nChurned in the last period (%s): %zu customers",
                np ? plab[np - 1] : "-", Lw->n);
      else if (I->contractual)
        fprintf(f, nl ? "\nRisico (contract eindigt binnen %lu dagen): %zu "
                        "klanten"
                      : "\nAt risk (contract ends within %lu days): %zu "
                        "customers",
                o->risk_days, Lw->n);
      else
        fprintf(f, nl ? "\nRisico (meer dan %s dagen zonder aankoop): %zu "
                        "klanten"
                      : "\nAt risk (more than %s days without a purchase): "
                        "%zu customers",
                kw_fmt_number(b1, o->risk_frac * I->gap_days, 1, c->lang),
                Lw->n);
      if (has_value)
        fprintf(f, nl ? ", omzet %s" : ", revenue %s",
                kw_fmt_money(b2, llround(Lw->total_value * 100), c->lang));
      fputc('\n', f);
      if (Lw->n)
        st = kw_write_rtable(c->ctx, f, w ? &trisk : &trec, KW_FORMAT_TABLE,
                             c->lang, o->top);
    }
  }
  int code = cli_out_close(c, f, st == KW_OK);
  free(plab), free(pl), free(pi), free(pd), free(pday), free(lv), free(cv),
      free(crow);
  return code;
}

/* ---------------------------------------------------------------- main */

static bool parse_exclude(copts *o, const char *v) {
  size_t len = strlen(v);
  if (len >= sizeof o->exclude_buf) return false;
  memcpy(o->exclude_buf, v, len + 1);
  o->n_exclude = 0;
  for (char *p = o->exclude_buf; *p;) {
    char *e = strchr(p, ',');
    if (e) *e = 0;
    if (!*p || o->n_exclude >= MAX_EXCLUDE) return false;
    o->exclude[o->n_exclude++] = p;
    if (!e) break;
    p = e + 1;
  }
  return o->n_exclude > 0;
}

int kw_cli_churn(int argc, char **argv);
int kw_cli_churn(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "churn");
  copts o;
  memset(&o, 0, sizeof o);
  o.top = 20;
  o.holdout = 0.3;
  o.l2 = 1.0;
  o.seed = 1;
  o.gap_q = 0.9;
  o.gap_floor = 30;
  o.risk_frac = 0.7;
  o.risk_days = 90;
  o.period = KW_PERIOD_MONTH;
  o.p_alive_model = -1;
  o.p_alive_threshold = 0.5;
  char mape[300];
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if ((r = cli_opt_value("--gap", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_double(v, &o.gap) || !(o.gap > 0) || o.gap > 1e6)
        r = -1, cli_usage(&c, "--gap takes a number of days > 0");
    } else if (r == 0 &&
               (r = cli_opt_value("--gap-quantile", argc, argv, &i, &v)) > 0) {
      o.gap_q_set = true;
      if (!cli_parse_double(v, &o.gap_q) || !(o.gap_q > 0 && o.gap_q <= 1))
        r = -1, cli_usage(&c, "--gap-quantile takes a number in (0, 1]");
    } else if (r == 0 &&
               (r = cli_opt_value("--gap-floor", argc, argv, &i, &v)) > 0) {
      o.gap_floor_set = true;
      if (!cli_parse_double(v, &o.gap_floor) || !(o.gap_floor >= 0) ||
          o.gap_floor > 1e6)
        r = -1, cli_usage(&c, "--gap-floor takes a number of days >= 0");
    } else if (r == 0 && (r = cli_opt_value("--at-risk-fraction", argc, argv,
                                            &i, &v)) > 0) {
      o.risk_frac_set = true;
      if (!cli_parse_double(v, &o.risk_frac) ||
          !(o.risk_frac >= 0 && o.risk_frac <= 1))
        r = -1, cli_usage(&c, "--at-risk-fraction takes a number in [0, 1]");
    } else if (r == 0 &&
               (r = cli_opt_value("--at-risk-days", argc, argv, &i, &v)) > 0) {
      o.risk_days_set = true;
      if (!cli_parse_uint(v, &o.risk_days) || o.risk_days > 100000)
        r = -1, cli_usage(&c, "--at-risk-days takes a whole number of days");
    } else if (r == 0 &&
               (r = cli_opt_value("--period", argc, argv, &i, &v)) > 0) {
      if (strcmp(v, "month") == 0) o.period = KW_PERIOD_MONTH;
      else if (strcmp(v, "week") == 0) o.period = KW_PERIOD_WEEK;
      else if (strcmp(v, "quarter") == 0) o.period = KW_PERIOD_QUARTER;
      else r = -1, cli_usage(&c, "--period takes month, week or quarter");
    } else if (r == 0 &&
               (r = cli_opt_value("--p-alive", argc, argv, &i, &v)) > 0) {
      kw_clv_model m = kw_clv_model_from_name(v);
      if (m != KW_CLV_BGNBD && m != KW_CLV_MBGNBD && m != KW_CLV_PNBD)
        r = -1, cli_usage(&c, "--p-alive takes bgnbd, mbgnbd or pnbd");
      else
        o.p_alive_model = (int)m;
    } else if (r == 0 && (r = cli_opt_value("--p-alive-threshold", argc, argv,
                                            &i, &v)) > 0) {
      if (!cli_parse_double(v, &o.p_alive_threshold) ||
          !(o.p_alive_threshold > 0 && o.p_alive_threshold < 1))
        r = -1, cli_usage(&c, "--p-alive-threshold takes a number in (0, 1)");
    } else if (r == 0 && (r = cli_opt_value("--top", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_uint(v, &o.top))
        r = -1, cli_usage(&c, "--top takes a whole number");
    } else if (r == 0 &&
               (r = cli_opt_value("--table", argc, argv, &i, &v)) > 0) {
      o.table = PICK_DEFAULT;
      for (int k = 1; k <= PICK_CALIBRATION; k++)
        if (strcmp(v, pick_names[k]) == 0) o.table = (pick)k;
      if (o.table == PICK_DEFAULT)
        r = -1, cli_usage(&c, "--table takes periods, recent, at-risk, "
                              "customers (or with --drivers: levels, "
                              "numeric, model, calibration)");
    } else if (r == 0 &&
               (r = cli_opt_value("--event", argc, argv, &i, &v)) > 0) {
      o.event = v;
    } else if (r == 0 &&
               (r = cli_opt_value("--exclude", argc, argv, &i, &v)) > 0) {
      if (!parse_exclude(&o, v))
        r = -1, cli_usage(&c, "--exclude takes column names separated by "
                              "commas");
    } else if (r == 0 &&
               (r = cli_opt_value("--holdout", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_double(v, &o.holdout) || !(o.holdout >= 0 && o.holdout < 1))
        r = -1, cli_usage(&c, "--holdout takes a share in [0, 1)");
    } else if (r == 0 && (r = cli_opt_value("--l2", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_double(v, &o.l2) || !(o.l2 >= 0) || o.l2 > 1e6)
        r = -1, cli_usage(&c, "--l2 takes a penalty >= 0");
    } else if (r == 0 && (r = cli_opt_value("--seed", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_uint(v, &o.seed))
        r = -1, cli_usage(&c, "--seed takes a whole number");
    } else if (r == 0 && strcmp(argv[i], "--contracts") == 0) {
      o.contracts = true;
      r = 1;
    } else if (r == 0 && strcmp(argv[i], "--drivers") == 0) {
      o.drivers = true;
      r = 1;
    }
    if (r == 0) r = cli_common_option(&c, argc, argv, &i);
    if (r == 0) r = -1, cli_usage(&c, "unknown option '%s'", argv[i]);
    if (r < 0) {
      cli_common_free(&c);
      return KW_EXIT_USAGE;
    }
  }
  int code = KW_EXIT_OK;
  bool drv_table = o.table >= PICK_LEVELS;
  if (o.drivers && o.table != PICK_DEFAULT && !drv_table)
    code = cli_usage(&c, "with --drivers, --table takes levels, numeric, "
                         "model or calibration");
  else if (!o.drivers && drv_table)
    code = cli_usage(&c, "--table %s needs --drivers", pick_names[o.table]);
  else if (o.event && !o.drivers)
    code = cli_usage(&c, "--event is for --drivers (a churn flag column); "
                         "see also 'klantwijs survival --event'");
  else if (o.event && o.contracts)
    code = cli_usage(&c, "--event and --contracts are different sources; "
                         "give one");
  if (code) {
    cli_common_free(&c);
    return code;
  }
  kw_context_set_seed(c.ctx, o.seed);
  bool customers_only =
      o.event || (!c.path && !c.load.files[KW_TABLE_TRANSACTIONS]);
  if (o.event && c.load.n_maps < CLI_MAX_MAPS) {
    snprintf(mape, sizeof mape, "customers.churn=%s", o.event);
    c.maps[c.load.n_maps++] = mape;
  }
  kw_dataset *ds = NULL;
  kw_churn *ch = NULL;
  kw_summary *sum = NULL;
  double *value = NULL;
  double *palive = NULL;
  code = cli_load_tables(&c, customers_only ? KW_TABLE_CUSTOMERS
                                            : KW_TABLE_TRANSACTIONS,
                         customers_only
                             ? 1u << KW_TABLE_CUSTOMERS
                             : (1u << KW_TABLE_TRANSACTIONS) |
                                   (1u << KW_TABLE_CUSTOMERS),
                         &ds);
  if (code) goto done;
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  bool has_dates = cu && kw_table_role(cu, KW_ROLE_START_DATE) &&
                   kw_table_role(cu, KW_ROLE_END_DATE);
  if (o.drivers && (o.event || (!tx && !has_dates))) {
    if (!cu) {
      fprintf(stderr, "klantwijs churn: no customers table was read\n");
      code = KW_EXIT_INPUT;
    } else {
      code = drivers_flag(&c, &o, cu);
    }
    goto done;
  }
  bool contracts = o.contracts || !tx;
  if (contracts && !has_dates) {
    fprintf(stderr,
            "klantwijs churn: %s; map them with --map customers.start_date=COL "
            "--map customers.end_date=COL%s\n",
            cu ? "the customers table has no contract start and end dates"
               : "no transactions and no customers table with contract "
                 "dates",
            o.drivers ? "" : " (a churn flag column goes with --drivers "
                             "--event COL)");
    code = KW_EXIT_INPUT;
    goto done;
  }
  kw_churn_options co;
  kw_churn_options_init(&co);
  co.as_of = c.as_of;
  co.period = o.period;
  if (o.gap > 0) co.gap_days = o.gap;
  co.gap_quantile = o.gap_q;
  co.gap_floor_days = o.gap_floor;
  co.at_risk_fraction = o.risk_frac;
  co.at_risk_days = (int32_t)o.risk_days;
  if (o.p_alive_model >= 0 && tx && !o.contracts) {
    co.p_alive_threshold = o.p_alive_threshold;
    if (co.p_alive_at_risk < o.p_alive_threshold)
      co.p_alive_at_risk = o.p_alive_threshold;
    code = set_p_alive(&c, ds, (kw_clv_model)o.p_alive_model, &co, &palive);
    if (code) goto done;
  }
  kw_status st;
  if (tx) {
    /* value of a customer: net revenue up to the as-of date */
    kw_summary_options so;
    kw_summary_options_init(&so);
    so.as_of = c.as_of;
    st = kw_summary_build(c.ctx, ds, &so, &sum);
    if (st) {
      code = cli_fail(&c, st);
      goto done;
    }
    const kw_customer_summary *v = kw_summary_view(sum);
    value = malloc((v->n ? v->n : 1) * sizeof *value);
    if (!value) {
      oom();
      code = KW_EXIT_INTERNAL;
      goto done;
    }
    for (size_t i = 0; i < v->n; i++) value[i] = (double)v->revenue[i] / 100.0;
    co.value = value;
    co.n_value = v->n;
    if (contracts && co.as_of == KW_NA_DATE) co.as_of = v->as_of;
  }
  st = contracts ? kw_churn_contracts_table(c.ctx, cu, &co, &ch)
                 : kw_churn_purchases(c.ctx, tx, &co, &ch);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (o.drivers)
    code = drivers_status(&c, &o, ds, ch);
  else
    code = churn_output(&c, &o, ch, kw_dataset_customers(ds),
                        sum ? kw_summary_view(sum) : NULL);
done:
  free(value);
  free(palive);
  kw_summary_free(sum);
  kw_churn_free(ch);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
