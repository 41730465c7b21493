/*
 * cmd_survival.c — `klantwijs survival`: Kaplan–Meier curves of customer
 * lifetime with the log-rank test, and the shifted-beta-geometric (sBG)
 * model of contractual retention.
 *
 * Where durations come from (one per customer, or per row):
 *   columns     --duration COL --event COL of a customers-like table (the
 *               PATH file, or --customers FILE), or its tenure and churn
 *               columns when the headers say so; the event column's
 *               yes/no values are read by the loader (1/0, true/false,
 *               yes/no, ja/nee) because the command maps it to the churn
 *               role, the duration column to the tenure role;
 *   contracts   start and end dates of the customers table (--contracts,
 *               or a customers table alone that has them);
 *   purchases   the transactions and the gap rule of `klantwijs churn`
 *               (retention.h): churned after last purchase + G days.
 * --by COL groups by a column of the customers table (per row for the
 * columns source, through the customer id otherwise).
 *
 * The sBG model takes survivors directly (--survivors), or the same
 * durations discretised into periods: a churned customer with duration d
 * churned in period max(1, ceil(d)), a censored one was still there after
 * floor(d) periods; the right-censored sBG likelihood
 * (kw_sbg_fit_counts) uses both.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char kw_cli_survival_help[] =
    "usage: klantwijs survival [OPTIONS] PATH\n"
    "       klantwijs survival --model sbg --survivors N0,N1,N2,...\n"
    "\n"
    "Kaplan-Meier estimate of customer lifetime with right censoring:\n"
    "S(t) with 95% confidence intervals by the log-log transform (the\n"
    "'exponential Greenwood' interval, as lifelines and R's log-log), the\n"
    "median lifetime with its interval (first time S(t) <= 0.5; empty when\n"
    "never reached), the at-risk table, and with --by a log-rank test of\n"
    "equal survival across the groups. Ties: customers censored at a time\n"
    "are still at risk for the events at that time.\n"
    "\n"
    "Durations come from columns (--duration, --event), from contract start\n"
    "and end dates, or from purchase histories: a customer has churned when\n"
    "no purchase came for longer than a gap G (the 90th percentile of the\n"
    "days between repeat purchases, at least 30 days; see 'klantwijs churn\n"
    "--help'); the lifetime then runs from the first purchase to the last\n"
    "one plus G, else it is censored at the as-of date.\n"
    "\n"
    "With --model sbg: the shifted-beta-geometric model of contractual\n"
    "retention (Fader & Hardie 2007): alpha, beta with standard errors, the\n"
    "fitted and observed survival and retention per period, expected\n"
    "lifetime and, with --discount, the discounted expected residual\n"
    "lifetime (DERL). It takes survivors per period or the durations above\n"
    "counted in whole periods (--unit; customers observed over different\n"
    "spans are right-censored).\n"
    "\n"
    "Options:\n"
    "  --duration COL         duration column (a number per row, any unit);\n"
    "                         PATH is then read as a customers-like table\n"
    "  --event COL            churned flag: 1/0, true/false, yes/no, ja/nee\n"
    "                         (default: the churn column, e.g. 'Churn')\n"
    "  --by COL               one curve per value of this customers column,\n"
    "                         with a log-rank test\n"
    "  --contracts            durations from the start and end dates of the\n"
    "                         customers table\n"
    "  --gap DAYS             churn gap for purchase histories (default:\n"
    "                         derived from the data)\n"
    "  --gap-quantile Q       quantile of inter-purchase days (default 0.9)\n"
    "  --gap-floor DAYS       least derived gap (default 30)\n"
    "  --unit day|week|month  unit of durations from dates, and the sBG\n"
    "                         period (default month)\n"
    "  --as-of DATE           end of observation (default: the last date)\n"
    "  --times T1,T2,...      times of the at-risk table (default: about 8\n"
    "                         round steps up to the longest duration)\n"
    "  --conf LEVEL           confidence level (default 0.95)\n"
    "  --table summary|at-risk|curve\n"
    "                         the one table to write (default: summary,\n"
    "                         at-risk and log-rank on a terminal; the curve\n"
    "                         in csv; json has everything)\n"
    "  --model km|sbg         Kaplan-Meier (default) or sBG\n"
    "  --survivors N0,N1,...  sBG: customers at the start and after each\n"
    "                         period (no data file needed)\n"
    "  --horizon N            sBG: periods in the table (default observed\n"
    "                         + 5)\n"
    "  --discount D           sBG: DERL at discount rate D per period\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Output: csv gives the curve (group, time, at_risk, churned, censored,\n"
    "survival, lower, upper), or the table named by --table; sBG csv gives\n"
    "the period table, and json has the fitted parameters under \"params\"\n"
    "as \"alpha\" and \"beta\".\n"
    "\n"
    "Examples:\n"
    "  klantwijs survival demo-data --by sector\n"
    "  klantwijs survival Telco-Customer-Churn.csv --duration tenure \\\n"
    "      --event Churn --by Contract\n"
    "  klantwijs survival g3.csv --duration time --event event --by group \\\n"
    "      --map customer=no.\n"
    "  klantwijs survival --model sbg --survivors 1000,631,468,382,326,289\n"
    "  klantwijs survival contracts.csv --contracts --model sbg --unit month\n";

#define MAX_GROUPS 1000
#define MAX_LIST 1000

typedef enum source { SRC_COLUMNS, SRC_CONTRACTS, SRC_PURCHASES } source;
typedef enum table_pick { PICK_DEFAULT, PICK_SUMMARY, PICK_AT_RISK, PICK_CURVE } table_pick;

typedef struct sopts {
  const char *duration, *event, *by;
  bool contracts, sbg;
  double gap, gap_q, gap_floor, conf, discount;
  bool gap_q_set, gap_floor_set;
  double times[MAX_LIST];
  size_t n_times;
  double survivors[MAX_LIST];
  size_t n_survivors;
  unsigned long horizon;
  table_pick pick;
} sopts;

/* The durations to analyse, one per subject. */
typedef struct subjects {
  size_t n;
  double *dur;
  int8_t *ev;
  uint32_t *grp;       /* NULL without --by */
  size_t n_groups;
  char **names;        /* n_groups names (owned) */
  bool integer;        /* every duration is whole */
  source src;
  const char *unit;    /* NULL: the duration column's own unit */
  const char *dur_name, *ev_name;
  int32_t as_of;
  double gap;          /* purchases */
  bool gap_derived;
} subjects;

static void subjects_free(subjects *s) {
  free(s->dur);
  free(s->ev);
  free(s->grp);
  if (s->names)
    for (size_t g = 0; g < s->n_groups; g++) free(s->names[g]);
  free(s->names);
}

static char *dupstr(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

/* "1,2.5,3" into v; false on a bad number or too many. */
static bool parse_list(const char *s, double *v, size_t max, size_t *n) {
  *n = 0;
  char buf[64];
  while (*s) {
    const char *e = strchr(s, ',');
    size_t len = e ? (size_t)(e - s) : strlen(s);
    if (len == 0 || len >= sizeof buf || *n >= max) return false;
    memcpy(buf, s, len);
    buf[len] = 0;
    if (!cli_parse_double(buf, &v[*n]) || !isfinite(v[*n])) return false;
    (*n)++;
    s += len;
    if (*s == ',') {
      s++;
      if (!*s) return false;
    }
  }
  return *n > 0;
}

/* ------------------------------------------------------------ grouping */

static const kw_column *sort_col;
static const double *sort_vals;

static int cmp_text_ids(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return strcmp(kw_dict_str(sort_col->dict, x), kw_dict_str(sort_col->dict, y));
}

static int cmp_idx_by_val(const void *a, const void *b) {
  double x = sort_vals[*(const uint32_t *)a], y = sort_vals[*(const uint32_t *)b];
  return (x > y) - (x < y);
}

/* A numeric view of a non-text cell (NaN when missing). */
static double cell_number(const kw_column *col, size_t r) {
  switch (col->type) {
    case KW_TYPE_NUMBER:
      return col->v.number[r];
    case KW_TYPE_MONEY:
      return col->v.money[r] == KW_NA_MONEY ? NAN : (double)col->v.money[r];
    case KW_TYPE_DATE:
      return col->v.date[r] == KW_NA_DATE ? NAN : (double)col->v.date[r];
    case KW_TYPE_FLAG:
      return col->v.flag[r] == KW_NA_FLAG ? NAN : (double)col->v.flag[r];
    case KW_TYPE_TEXT:
      break;
  }
  return NAN;
}

/*
 * Group codes of the rows of col (KW_NA_ID for a missing value), names in
 * sorted order. Returns an exit code (usage error for too many values).
 */
static int make_groups(cli_common *c, const kw_column *col, size_t nrows,
                       uint32_t **code_out, char ***names_out, size_t *ng_out) {
  *code_out = NULL;
  *names_out = NULL;
  *ng_out = 0;
  uint32_t *code = malloc((nrows ? nrows : 1) * sizeof *code);
  if (!code) goto nomem;
  size_t ng = 0;
  char **names = NULL;
  if (col->type == KW_TYPE_TEXT) {
    size_t nd = kw_dict_size(col->dict);
    uint32_t *map = malloc((nd ? nd : 1) * sizeof *map);
    uint32_t *used = malloc((nd ? nd : 1) * sizeof *used);
    if (!map || !used) {
      free(map);
      free(used);
      free(code);
      goto nomem;
    }
    for (size_t i = 0; i < nd; i++) map[i] = KW_NA_ID;
    for (size_t r = 0; r < nrows; r++) {
      uint32_t id = col->v.text[r];
      if (id == KW_NA_ID || id >= nd || map[id] != KW_NA_ID) continue;
      /* the empty string is a missing value */
      if (kw_dict_len(col->dict, id) == 0) continue;
      map[id] = 0;
      used[ng++] = id;
    }
    if (ng > MAX_GROUPS) {
      free(map);
      free(used);
      free(code);
      return cli_usage(c, "--by %s: %zu different values; a column with at "
                          "most %d is needed", col->name, ng, MAX_GROUPS);
    }
    sort_col = col;
    qsort(used, ng, sizeof *used, cmp_text_ids);
    names = calloc(ng ? ng : 1, sizeof *names);
    if (!names) {
      free(map);
      free(used);
      free(code);
      goto nomem;
    }
    for (size_t g = 0; g < ng; g++) {
      map[used[g]] = (uint32_t)g;
      names[g] = dupstr(kw_dict_str(col->dict, used[g]));
      if (!names[g]) ng = g; /* freed below through the error path */
    }
    for (size_t r = 0; r < nrows; r++) {
      uint32_t id = col->v.text[r];
      code[r] = id == KW_NA_ID || id >= nd ? KW_NA_ID : map[id];
    }
    free(map);
    free(used);
  } else {
    double *v = malloc((nrows ? nrows : 1) * sizeof *v);
    uint32_t *idx = malloc((nrows ? nrows : 1) * sizeof *idx);
    if (!v || !idx) {
      free(v);
      free(idx);
      free(code);
      goto nomem;
    }
    size_t k = 0;
    for (size_t r = 0; r < nrows; r++) {
      v[r] = cell_number(col, r);
      code[r] = KW_NA_ID;
      if (!isnan(v[r])) idx[k++] = (uint32_t)r;
    }
    sort_vals = v;
    qsort(idx, k, sizeof *idx, cmp_idx_by_val);
    for (size_t i = 0; i < k; i++) {
      if (i == 0 || v[idx[i]] != v[idx[i - 1]]) ng++;
      code[idx[i]] = (uint32_t)(ng - 1);
    }
    if (ng > MAX_GROUPS) {
      free(v);
      free(idx);
      free(code);
      return cli_usage(c, "--by %s: %zu different values; a column with at "
                          "most %d is needed", col->name, ng, MAX_GROUPS);
    }
    names = calloc(ng ? ng : 1, sizeof *names);
    if (!names) {
      free(v);
      free(idx);
      free(code);
      goto nomem;
    }
    size_t g = 0;
    for (size_t i = 0; i < k; i++) {
      if (i > 0 && v[idx[i]] == v[idx[i - 1]]) continue;
      char buf[40];
      double x = v[idx[i]];
      if (col->type == KW_TYPE_DATE)
        kw_date_format(buf, (int32_t)x, 0);
      else if (col->type == KW_TYPE_FLAG)
        strcpy(buf, x != 0 ? (c->lang == KW_LANG_NL ? "ja" : "yes")
                           : (c->lang == KW_LANG_NL ? "nee" : "no"));
      else if (col->type == KW_TYPE_MONEY)
        kw_fmt_plain(buf, x / 100.0);
      else
        kw_fmt_plain(buf, x);
      names[g++] = dupstr(buf);
    }
    free(v);
    free(idx);
  }
  for (size_t g = 0; g < ng; g++)
    if (!names[g]) {
      for (size_t h = 0; h < ng; h++) free(names[h]);
      free(names);
      free(code);
      goto nomem;
    }
  *code_out = code;
  *names_out = names;
  *ng_out = ng;
  return KW_EXIT_OK;
nomem:
  fprintf(stderr, "klantwijs %s: out of memory\n", c->command);
  return KW_EXIT_INTERNAL;
}

/* ------------------------------------------------------------- sources */

/* Durations from the columns of the customers table. */
static int from_columns(cli_common *c, const sopts *o, const kw_table *t,
                        subjects *s) {
  const kw_column *cd = o->duration ? kw_table_find(t, o->duration)
                                    : kw_table_role(t, KW_ROLE_TENURE);
  const kw_column *ce = o->event ? kw_table_find(t, o->event)
                                 : kw_table_role(t, KW_ROLE_CHURN);
  if (!cd || cd->type != KW_TYPE_NUMBER) {
    fprintf(stderr, "klantwijs survival: %s\n",
            o->duration ? "the --duration column was not read as numbers"
                        : "no duration column: name one with --duration COL");
    return KW_EXIT_INPUT;
  }
  if (!ce || ce->type != KW_TYPE_FLAG) {
    fprintf(stderr, "klantwijs survival: %s\n",
            o->event ? "the --event column was not read as yes/no flags"
                     : "no churn column: name one with --event COL");
    return KW_EXIT_INPUT;
  }
  size_t n = kw_table_rows(t);
  s->n = n;
  s->dur = malloc((n ? n : 1) * sizeof *s->dur);
  s->ev = malloc(n ? n : 1);
  if (!s->dur || !s->ev) {
    fprintf(stderr, "klantwijs survival: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  memcpy(s->dur, cd->v.number, n * sizeof *s->dur);
  memcpy(s->ev, ce->v.flag, n);
  s->src = SRC_COLUMNS;
  s->dur_name = cd->name;
  s->ev_name = ce->name;
  s->as_of = KW_NA_DATE;
  if (o->by) {
    const kw_column *cb = kw_table_find(t, o->by);
    if (!cb)
      return cli_usage(c, "--by %s: the table has no such column", o->by);
    return make_groups(c, cb, n, &s->grp, &s->names, &s->n_groups);
  }
  return KW_EXIT_OK;
}

/* Durations per customer from a churn analysis (contracts or purchases);
 * groups through the customers table. */
static int from_churn(cli_common *c, const sopts *o, const kw_dataset *ds,
                      const kw_churn *ch, subjects *s) {
  const kw_churn_durations *d = kw_churn_durations_view(ch);
  const kw_churn_info *I = kw_churn_info_view(ch);
  size_t n = d->n;
  s->n = n;
  s->dur = malloc((n ? n : 1) * sizeof *s->dur);
  s->ev = malloc(n ? n : 1);
  if (!s->dur || !s->ev) {
    fprintf(stderr, "klantwijs survival: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  memcpy(s->dur, d->duration, n * sizeof *s->dur);
  memcpy(s->ev, d->event, n);
  s->as_of = I->as_of;
  s->gap = I->gap_days;
  s->gap_derived = I->gap_derived;
  s->unit = kw_unit_name(c->unit);
  if (!o->by) return KW_EXIT_OK;
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_column *cb = cu ? kw_table_find(cu, o->by) : NULL;
  const kw_column *cid = cu ? kw_table_role(cu, KW_ROLE_CUSTOMER) : NULL;
  if (!cb || !cid)
    return cli_usage(c, "--by %s: %s", o->by,
                     cu ? "the customers table has no such column"
                        : "no customers table was read (--customers FILE)");
  uint32_t *rowcode = NULL;
  int code = make_groups(c, cb, kw_table_rows(cu), &rowcode, &s->names,
                         &s->n_groups);
  if (code) return code;
  /* customer id -> group of its (last) row in the customers table */
  size_t nid = I->n_customers;
  size_t nd = kw_dict_size(kw_dataset_customers(ds));
  if (nd > nid) nid = nd;
  uint32_t *idgrp = malloc((nid ? nid : 1) * sizeof *idgrp);
  s->grp = malloc((n ? n : 1) * sizeof *s->grp);
  if (!idgrp || !s->grp) {
    free(idgrp);
    free(rowcode);
    fprintf(stderr, "klantwijs survival: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  for (size_t i = 0; i < nid; i++) idgrp[i] = KW_NA_ID;
  for (size_t r = 0; r < kw_table_rows(cu); r++)
    if (cid->v.text[r] < nid) idgrp[cid->v.text[r]] = rowcode[r];
  for (size_t i = 0; i < n; i++)
    s->grp[i] = d->customer[i] < nid ? idgrp[d->customer[i]] : KW_NA_ID;
  free(idgrp);
  free(rowcode);
  return KW_EXIT_OK;
}

/* ---------------------------------------------------------- KM output */

static const char *const pick_names[] = {"", "summary", "at-risk", "curve"};

/* Round step for the at-risk grid: 1, 2 or 5 times a power of ten, at
 * least max / 8. */
static double nice_step(double max) {
  double raw = max / 8.0;
  if (!(raw > 0)) return 1;
  double p = pow(10.0, floor(log10(raw)));
  const double m[] = {1, 2, 5, 10};
  for (int i = 0; i < 4; i++)
    if (m[i] * p >= raw * (1 - 1e-12)) return m[i] * p;
  return 10 * p;
}

static const char *group_label(const subjects *s, const kw_km *km, size_t g) {
  return s->grp ? s->names[g] : kw_km_group_name(km, g);
}

static void fmt_p(char *buf, double p, kw_lang lang) {
  if (p < 0.0001) {
    strcpy(buf, lang == KW_LANG_NL ? "< 0,0001" : "< 0.0001");
  } else {
    buf[0] = '=';
    buf[1] = ' ';
    kw_fmt_number(buf + 2, p, 4, lang);
  }
}

static int km_output(cli_common *c, const sopts *o, const subjects *s,
                     const kw_km *km) {
  const size_t G = kw_km_groups(km);
  const bool nl = c->lang == KW_LANG_NL;
  const int tdec = s->integer ? 0 : 2;
  int rdec = 0; /* the at-risk times: whole numbers unless given otherwise */
  for (size_t g = 0; g < kw_km_groups(km); g++) {
    const kw_km_at_risk *r = kw_km_group_at_risk(km, g);
    for (size_t i = 0; i < r->n_times; i++)
      if (r->time[i] != floor(r->time[i])) rdec = 2;
  }
  /* per-group summary */
  size_t ng = G;
  const char **gname = calloc(ng ? ng : 1, sizeof *gname);
  int64_t *gn = calloc(ng ? ng : 1, sizeof *gn);
  int64_t *gev = calloc(ng ? ng : 1, sizeof *gev);
  int64_t *gcen = calloc(ng ? ng : 1, sizeof *gcen);
  double *gmed = calloc(ng ? ng : 1, 3 * sizeof *gmed);
  /* the curve and the at-risk table, long form over the groups */
  size_t ncurve = 0, nrisk = 0;
  for (size_t g = 0; g < G; g++) {
    ncurve += kw_km_group_curve(km, g)->n_times;
    nrisk += kw_km_group_at_risk(km, g)->n_times;
  }
  size_t nl_ = ncurve + nrisk;
  const char **lg = calloc(nl_ ? nl_ : 1, sizeof *lg);
  double *lt = calloc(nl_ ? nl_ : 1, 4 * sizeof *lt);
  int64_t *li = calloc(nl_ ? nl_ : 1, 3 * sizeof *li);
  if (!gname || !gn || !gev || !gcen || !gmed || !lg || !lt || !li) {
    free(gname), free(gn), free(gev), free(gcen), free(gmed);
    free(lg), free(lt), free(li);
    fprintf(stderr, "klantwijs survival: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  double *gml = gmed + ng, *gmu = gmed + 2 * ng;
  /* column blocks: time, survival, lower, upper; at_risk, events, cens */
  double *ct = lt, *cs = lt + nl_, *clo = lt + 2 * nl_, *chi = lt + 3 * nl_;
  int64_t *cr = li, *cev = li + nl_, *ccen = li + 2 * nl_;
  size_t k = 0;
  uint64_t tot_n = 0, tot_ev = 0;
  for (size_t g = 0; g < G; g++) {
    const kw_km_curve *cv = kw_km_group_curve(km, g);
    const kw_km_median *m = kw_km_group_median(km, g);
    gname[g] = group_label(s, km, g);
    gn[g] = (int64_t)cv->n;
    gev[g] = (int64_t)cv->n_events;
    gcen[g] = (int64_t)(cv->n - cv->n_events);
    tot_n += cv->n;
    tot_ev += cv->n_events;
    gmed[g] = m->median_reached ? m->median : NAN;
    gml[g] = m->lower_reached ? m->lower : NAN;
    gmu[g] = m->upper_reached ? m->upper : NAN;
    for (size_t i = 0; i < cv->n_times; i++, k++) {
      lg[k] = gname[g];
      ct[k] = cv->time[i];
      cr[k] = (int64_t)cv->at_risk[i];
      cev[k] = (int64_t)cv->events[i];
      ccen[k] = (int64_t)cv->censored[i];
      cs[k] = cv->survival[i];
      clo[k] = cv->ci_lower[i];
      chi[k] = cv->ci_upper[i];
    }
  }
  size_t risk0 = k;
  for (size_t g = 0; g < G; g++) {
    const kw_km_at_risk *r = kw_km_group_at_risk(km, g);
    for (size_t i = 0; i < r->n_times; i++, k++) {
      lg[k] = gname[g];
      ct[k] = r->time[i];
      cr[k] = (int64_t)r->at_risk[i];
      cev[k] = (int64_t)r->events[i];
      ccen[k] = (int64_t)r->censored[i];
      kw_km_survival_at(km, g, r->time[i], &cs[k], &clo[k], &chi[k]);
    }
  }
  const kw_rcol sum_cols[] = {
      {"group", "group", "groep", KW_CELL_STR, 0, gname, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_I64, 0, gn, NULL, NULL, NULL},
      {"churned", "churned", "gestopt", KW_CELL_I64, 0, gev, NULL, NULL, NULL},
      {"censored", "censored", "gecensureerd", KW_CELL_I64, 0, gcen, NULL, NULL, NULL},
      {"median", "median", "mediaan", KW_CELL_F64, tdec, gmed, NULL, NULL, NULL},
      {"median_lower", "lower", "onder", KW_CELL_F64, tdec, gml, NULL, NULL, NULL},
      {"median_upper", "upper", "boven", KW_CELL_F64, tdec, gmu, NULL, NULL, NULL},
  };
  const kw_rcol long_cols[] = {
      {"group", "group", "groep", KW_CELL_STR, 0, lg, NULL, NULL, NULL},
      {"time", "t", "t", KW_CELL_F64, tdec, ct, NULL, NULL, NULL},
      {"at_risk", "at risk", "at risk", KW_CELL_I64, 0, cr, NULL, NULL, NULL},
      {"churned", "churned", "gestopt", KW_CELL_I64, 0, cev, NULL, NULL, NULL},
      {"censored", "censored", "gecensureerd", KW_CELL_I64, 0, ccen, NULL, NULL, NULL},
      {"survival", "S(t)", "S(t)", KW_CELL_F64, 4, cs, NULL, NULL, NULL},
      {"lower", "lower", "onder", KW_CELL_F64, 4, clo, NULL, NULL, NULL},
      {"upper", "upper", "boven", KW_CELL_F64, 4, chi, NULL, NULL, NULL},
  };
  /* the at-risk table uses the same columns over rows risk0.. */
  uint32_t *rows = malloc((nl_ ? nl_ : 1) * sizeof *rows);
  if (!rows) {
    free(gname), free(gn), free(gev), free(gcen), free(gmed);
    free(lg), free(lt), free(li);
    fprintf(stderr, "klantwijs survival: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  for (size_t i = 0; i < nl_; i++) rows[i] = (uint32_t)i;
  kw_rtable tsum = {NULL, G, NULL, 7, sum_cols};
  kw_rtable tcurve = {NULL, ncurve, rows, 8, long_cols};
  kw_rcol risk_cols[8];
  memcpy(risk_cols, long_cols, sizeof risk_cols);
  risk_cols[1].decimals = rdec;
  kw_rtable trisk = {NULL, nrisk, rows + risk0, 8, risk_cols};
  const kw_logrank *lr = kw_km_logrank(km);
  char conf[32];
  kw_fmt_number(conf, 100.0 * (1.0 - kw_km_alpha(km)), 0, c->lang);

  FILE *f = cli_out_open(c);
  if (!f) {
    free(rows);
    free(gname), free(gn), free(gev), free(gcen), free(gmed);
    free(lg), free(lt), free(li);
    return KW_EXIT_IO;
  }
  kw_status st = KW_OK;
  const char *src = s->src == SRC_COLUMNS     ? "columns"
                    : s->src == SRC_CONTRACTS ? "contracts"
                                              : "purchases";
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "model", "kaplan-meier");
    kw_jw_str(w, "source", src);
    if (s->src == SRC_COLUMNS) {
      kw_jw_str(w, "duration", s->dur_name);
      kw_jw_str(w, "event", s->ev_name);
    } else {
      kw_jw_str(w, "unit", s->unit);
      kw_jw_date(w, "as_of", s->as_of);
      if (s->src == SRC_PURCHASES) {
        kw_jw_num(w, "gap_days", s->gap);
        kw_jw_bool(w, "gap_derived", s->gap_derived);
      }
    }
    if (o->by)
      kw_jw_str(w, "by", o->by);
    else
      kw_jw_null(w, "by");
    kw_jw_num(w, "confidence", 1.0 - kw_km_alpha(km));
    kw_jw_str(w, "interval", "log-log (exponential Greenwood)");
    kw_jw_int(w, "customers", (int64_t)tot_n);
    kw_jw_int(w, "churned", (int64_t)tot_ev);
    kw_jw_int(w, "skipped", (int64_t)kw_km_skipped(km));
    kw_jw_begin_array(w, "groups");
    size_t kc = 0, kr = risk0;
    for (size_t g = 0; g < G; g++) {
      const kw_km_curve *cv = kw_km_group_curve(km, g);
      const kw_km_at_risk *r = kw_km_group_at_risk(km, g);
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "name", gname[g]);
      kw_jw_int(w, "customers", gn[g]);
      kw_jw_int(w, "churned", gev[g]);
      kw_jw_int(w, "censored", gcen[g]);
      kw_jw_num(w, "median", gmed[g]);
      kw_jw_num(w, "median_lower", gml[g]);
      kw_jw_num(w, "median_upper", gmu[g]);
      kw_rtable part = {NULL, cv->n_times, rows + kc, 7, long_cols + 1};
      kw_jw_rtable(w, "curve", &part);
      kw_rtable part2 = {NULL, r->n_times, rows + kr, 7, risk_cols + 1};
      kw_jw_rtable(w, "at_risk", &part2);
      kc += cv->n_times;
      kr += r->n_times;
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    if (lr->computed) {
      kw_jw_begin_object(w, "logrank");
      kw_jw_num(w, "chi2", lr->chi2);
      kw_jw_num(w, "df", lr->df);
      kw_jw_num(w, "p_value", lr->p_value);
      kw_jw_begin_array(w, "observed");
      for (size_t g = 0; g < lr->n_groups; g++) kw_jw_num(w, NULL, lr->observed[g]);
      kw_jw_end_array(w);
      kw_jw_begin_array(w, "expected");
      for (size_t g = 0; g < lr->n_groups; g++) kw_jw_num(w, NULL, lr->expected[g]);
      kw_jw_end_array(w);
      kw_jw_end_object(w);
    } else {
      kw_jw_null(w, "logrank");
    }
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (c->format == KW_FORMAT_CSV || o->pick != PICK_DEFAULT) {
    const kw_rtable *t = o->pick == PICK_SUMMARY   ? &tsum
                         : o->pick == PICK_AT_RISK ? &trisk
                                                   : &tcurve;
    st = kw_write_rtable(c->ctx, f, t, c->format, c->lang, 0);
  } else {
    char b1[32], b2[32], b3[32];
    fprintf(f, nl ? "Kaplan-Meier-overleving: %llu klanten, %llu gestopt, "
                    "%llu gecensureerd\n"
                  : "Kaplan-Meier survival: %llu customers, %llu churned, "
                    "%llu censored\n",
            (unsigned long long)tot_n, (unsigned long long)tot_ev,
            (unsigned long long)(tot_n - tot_ev));
    if (s->src == SRC_COLUMNS)
      fprintf(f, nl ? "Duur: %s; gestopt: %s" : "Duration: %s; churned: %s",
              s->dur_name, s->ev_name);
    else if (s->src == SRC_CONTRACTS)
      fprintf(f, nl ? "Duur in %s van contractstart tot einde of %s"
                    : "Duration in %ss from contract start to end or %s",
              s->unit, kw_date_format(b1, s->as_of, nl));
    else
      fprintf(f, nl ? "Duur in %s van eerste aankoop tot laatste + %s "
                      "dagen (gestopt) of tot %s"
                    : "Duration in %ss from first purchase to last + %s "
                      "days (churned) or to %s",
              s->unit, kw_fmt_number(b2, s->gap, 1, c->lang),
              kw_date_format(b1, s->as_of, nl));
    if (o->by) fprintf(f, nl ? "; per %s" : "; by %s", o->by);
    fputc('\n', f);
    fprintf(f, nl ? "Intervallen: %s%%, log-log (exponentiële Greenwood)\n"
                  : "Intervals: %s%%, log-log (exponential Greenwood)\n",
            conf);
    if (kw_km_skipped(km))
      fprintf(f, nl ? "%llu rijen zonder duur, status of groep overgeslagen\n"
                    : "%llu rows without duration, status or group "
                      "skipped\n",
              (unsigned long long)kw_km_skipped(km));
    fputc('\n', f);
    st = kw_write_rtable(c->ctx, f, &tsum, KW_FORMAT_TABLE, c->lang, 0);
    bool unreached = false;
    for (size_t g = 0; g < G; g++)
      if (isnan(gmed[g]) || isnan(gml[g]) || isnan(gmu[g])) unreached = true;
    if (unreached)
      fprintf(f, nl ? "(leeg: S(t) of de intervalgrens komt niet tot 50%%)\n"
                    : "(empty: S(t) or the interval bound never reaches "
                      "50%%)\n");
    fprintf(f, nl ? "\nAt risk na t (gestopt en gecensureerd tot en met t)\n"
                  : "\nAt risk after t (churned and censored up to t)\n");
    if (!st) st = kw_write_rtable(c->ctx, f, &trisk, KW_FORMAT_TABLE, c->lang, 0);
    if (lr->computed) {
      fmt_p(b3, lr->p_value, c->lang);
      fprintf(f, nl ? "\nLog-rank-toets: chi2 = %s, %s %s, p %s\n"
                    : "\nLog-rank test: chi2 = %s on %s %s, p %s\n",
              kw_fmt_number(b1, lr->chi2, 2, c->lang),
              kw_fmt_number(b2, lr->df, 0, c->lang),
              nl ? (lr->df == 1 ? "vrijheidsgraad" : "vrijheidsgraden") : "df",
              b3);
    }
  }
  int code = cli_out_close(c, f, st == KW_OK);
  free(rows);
  free(gname), free(gn), free(gev), free(gcen), free(gmed);
  free(lg), free(lt), free(li);
  return code;
}

/* ---------------------------------------------------------------- sBG */

/* One fitted sBG model with its observed counts. */
typedef struct sbg_fit {
  const char *name;
  kw_sbg *m;
  size_t T;       /* periods observed */
  double *d, *cz; /* churned, censored per period (T + 1) */
  bool survivors; /* from --survivors (at_risk shown as survivors) */
} sbg_fit;

/* Churned / censored counts per whole period of the subjects of group g
 * (all when g = KW_NA_ID). */
static int sbg_counts(const subjects *s, uint32_t g, sbg_fit *F) {
  double maxp = 0;
  for (size_t i = 0; i < s->n; i++) {
    if (!isfinite(s->dur[i]) || s->dur[i] < 0 || s->ev[i] == KW_NA_FLAG)
      continue;
    if (s->grp && (g == KW_NA_ID || s->grp[i] != g)) continue;
    double p = s->ev[i] ? ceil(s->dur[i] - 1e-9) : floor(s->dur[i] + 1e-9);
    if (p > maxp) maxp = p;
  }
  if (maxp > 100000) maxp = 100000;
  F->T = (size_t)maxp < 1 ? 1 : (size_t)maxp;
  F->d = calloc(F->T + 1, sizeof *F->d);
  F->cz = calloc(F->T + 1, sizeof *F->cz);
  if (!F->d || !F->cz) return KW_EXIT_INTERNAL;
  for (size_t i = 0; i < s->n; i++) {
    if (!isfinite(s->dur[i]) || s->dur[i] < 0 || s->ev[i] == KW_NA_FLAG)
      continue;
    if (s->grp && (g == KW_NA_ID || s->grp[i] != g)) continue;
    if (s->ev[i]) {
      double p = ceil(s->dur[i] - 1e-9);
      size_t t = p < 1 ? 1 : (size_t)p;
      if (t > F->T) t = F->T;
      F->d[t] += 1;
    } else {
      double p = floor(s->dur[i] + 1e-9);
      size_t t = (size_t)p;
      if (t > F->T) t = F->T;
      F->cz[t] += 1;
    }
  }
  return KW_EXIT_OK;
}

static int sbg_output(cli_common *c, const sopts *o, const sbg_fit *fits,
                      size_t nf, const subjects *s) {
  const bool nl = c->lang == KW_LANG_NL;
  /* the period table over all fits */
  size_t nrow = 0;
  size_t *H = calloc(nf ? nf : 1, sizeof *H);
  if (!H) return KW_EXIT_INTERNAL;
  for (size_t j = 0; j < nf; j++) {
    H[j] = o->horizon ? o->horizon : fits[j].T + 5;
    if (H[j] < fits[j].T) H[j] = fits[j].T;
    nrow += H[j] + 1;
  }
  const char **rg = calloc(nrow, sizeof *rg);
  int64_t *ri = calloc(nrow, sizeof *ri);
  double *rd = calloc(nrow, 6 * sizeof *rd);
  uint32_t *rows = calloc(nrow, sizeof *rows);
  if (!rg || !ri || !rd || !rows) {
    free(H), free(rg), free(ri), free(rd), free(rows);
    fprintf(stderr, "klantwijs survival: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  int64_t *per = ri;
  double *so = rd, *sf = rd + nrow, *ro = rd + 2 * nrow, *rf = rd + 3 * nrow;
  double *riskf = rd + 4 * nrow, *lostf = rd + 5 * nrow;
  double *risk = riskf, *lost = lostf; /* NaN beyond the observed periods */
  size_t k = 0;
  for (size_t j = 0; j < nf; j++) {
    const sbg_fit *F = &fits[j];
    double tot = 0;
    for (size_t t = 0; t <= F->T; t++) tot += F->d[t] + F->cz[t];
    double atrisk = tot, S = 1;
    for (size_t t = 0; t <= H[j]; t++, k++) {
      rows[k] = (uint32_t)k;
      rg[k] = F->name;
      per[k] = (int64_t)t;
      sf[k] = kw_sbg_survival(F->m, (unsigned)t);
      rf[k] = t ? kw_sbg_retention(F->m, (unsigned)t) : NAN;
      if (t == 0) {
        atrisk -= F->cz[0];
        risk[k] = tot;
        lost[k] = 0;
        so[k] = 1;
        ro[k] = NAN;
      } else if (t <= F->T) {
        /* at risk in period t: churned in t or later, or censored after
         * t or later periods */
        double r = atrisk > 0 ? 1.0 - F->d[t] / atrisk : NAN;
        S *= isnan(r) ? 1.0 : r;
        /* one cohort shows its survivors after t, else those at risk */
        risk[k] = F->survivors ? atrisk - F->d[t] : atrisk;
        lost[k] = F->d[t];
        ro[k] = r;
        so[k] = atrisk > 0 ? S : NAN;
        atrisk -= F->d[t] + F->cz[t];
      } else {
        risk[k] = lost[k] = NAN;
        so[k] = ro[k] = NAN;
      }
    }
  }
  bool surv = nf > 0 && fits[0].survivors;
  kw_rcol cols[] = {
      {"group", "group", "groep", KW_CELL_STR, 0, rg, NULL, NULL, NULL},
      {"period", "period", "periode", KW_CELL_I64, 0, per, NULL, NULL, NULL},
      {surv ? "survivors" : "at_risk", surv ? "survivors" : "at risk",
       surv ? "overblijvers" : "at risk", KW_CELL_F64, 0, riskf, NULL, NULL, NULL},
      {"churned", "churned", "gestopt", KW_CELL_F64, 0, lostf, NULL, NULL, NULL},
      {"observed_survival", "observed S", "geobs. S", KW_CELL_F64, 4, so, NULL, NULL, NULL},
      {"fitted_survival", "fitted S", "model S", KW_CELL_F64, 4, sf, NULL, NULL, NULL},
      {"observed_retention", "observed r", "geobs. r", KW_CELL_F64, 4, ro, NULL, NULL, NULL},
      {"fitted_retention", "fitted r", "model r", KW_CELL_F64, 4, rf, NULL, NULL, NULL},
  };
  bool grouped = s && s->grp;
  kw_rtable tall = {NULL, nrow, rows, grouped ? 8 : 7, grouped ? cols : cols + 1};

  FILE *f = cli_out_open(c);
  if (!f) {
    free(H), free(rg), free(ri), free(rd), free(rows);
    return KW_EXIT_IO;
  }
  kw_status st = KW_OK;
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "model", "sbg");
    if (s) {
      kw_jw_str(w, "source", s->src == SRC_COLUMNS     ? "columns"
                             : s->src == SRC_CONTRACTS ? "contracts"
                                                       : "purchases");
      if (s->unit) kw_jw_str(w, "period", s->unit);
    }
    if (grouped) {
      kw_jw_str(w, "by", o->by);
      kw_jw_begin_array(w, "groups");
    }
    size_t k0 = 0;
    for (size_t j = 0; j < nf; j++) {
      const kw_sbg_fit_info *I = kw_sbg_info(fits[j].m);
      if (grouped) {
        kw_jw_begin_object(w, NULL);
        kw_jw_str(w, "name", fits[j].name);
      }
      kw_jw_begin_object(w, "params");
      kw_jw_num(w, "alpha", I->alpha);
      kw_jw_num(w, "beta", I->beta);
      kw_jw_end_object(w);
      kw_jw_begin_object(w, "se");
      kw_jw_num(w, "alpha", I->se_alpha > 0 ? I->se_alpha : NAN);
      kw_jw_num(w, "beta", I->se_beta > 0 ? I->se_beta : NAN);
      kw_jw_end_object(w);
      kw_jw_begin_object(w, "fit");
      kw_jw_num(w, "loglik", I->loglik);
      kw_jw_int(w, "iterations", I->iterations);
      kw_jw_bool(w, "converged", I->status == KW_OK);
      kw_jw_num(w, "grad_norm", I->grad_norm);
      kw_jw_end_object(w);
      kw_jw_num(w, "customers", I->cohort);
      kw_jw_int(w, "periods", (int64_t)I->periods);
      kw_jw_num(w, "mean_churn_probability", I->alpha / (I->alpha + I->beta));
      double el;
      if (kw_sbg_expected_lifetime(fits[j].m, &el))
        kw_jw_num(w, "expected_lifetime", el);
      else
        kw_jw_null(w, "expected_lifetime");
      if (o->discount > 0) {
        kw_jw_num(w, "discount", o->discount);
        kw_jw_begin_array(w, "derl");
        for (unsigned r = 0; r <= 4; r++) {
          double v;
          kw_jw_begin_object(w, NULL);
          kw_jw_int(w, "renewals", r);
          if (kw_sbg_derl(fits[j].m, o->discount, r, &v) == KW_OK)
            kw_jw_num(w, "derl", v);
          else
            kw_jw_null(w, "derl");
          kw_jw_end_object(w);
        }
        kw_jw_end_array(w);
      }
      kw_rtable part = {NULL, H[j] + 1, rows + k0, 7, cols + 1};
      kw_jw_rtable(w, "table", &part);
      k0 += H[j] + 1;
      if (grouped) kw_jw_end_object(w);
    }
    if (grouped) kw_jw_end_array(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
  } else if (c->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(c->ctx, f, &tall, KW_FORMAT_CSV, c->lang, 0);
  } else {
    char b1[32], b2[32], b3[32], b4[32];
    fprintf(f, nl ? "Shifted-beta-geometrisch retentiemodel (Fader & Hardie "
                    "2007)\n"
                  : "Shifted-beta-geometric retention model (Fader & Hardie "
                    "2007)\n");
    if (s && s->unit)
      fprintf(f, nl ? "Periode: %s\n" : "Period: %s\n", s->unit);
    size_t k0 = 0;
    for (size_t j = 0; j < nf && !st; j++) {
      const kw_sbg_fit_info *I = kw_sbg_info(fits[j].m);
      fputc('\n', f);
      if (grouped) fprintf(f, "%s = %s\n", o->by, fits[j].name);
      fprintf(f, nl ? "  %s klanten, %zu perioden waargenomen\n"
                    : "  %s customers, %zu periods observed\n",
              kw_fmt_number(b1, I->cohort, 0, c->lang), I->periods);
      fprintf(f, "  alpha  %s", kw_fmt_number(b1, I->alpha, 4, c->lang));
      if (I->se_alpha > 0)
        fprintf(f, " (se %s)", kw_fmt_number(b2, I->se_alpha, 4, c->lang));
      fprintf(f, "\n  beta   %s", kw_fmt_number(b1, I->beta, 4, c->lang));
      if (I->se_beta > 0)
        fprintf(f, " (se %s)", kw_fmt_number(b2, I->se_beta, 4, c->lang));
      fputc('\n', f);
      fprintf(f, nl ? "  gemiddelde kans op stoppen per periode %s\n"
                    : "  mean churn probability per period %s\n",
              kw_fmt_number(b1, I->alpha / (I->alpha + I->beta), 4, c->lang));
      double el;
      if (kw_sbg_expected_lifetime(fits[j].m, &el))
        fprintf(f, nl ? "  verwachte levensduur %s perioden\n"
                      : "  expected lifetime %s periods\n",
                kw_fmt_number(b1, el, 2, c->lang));
      else
        fprintf(f, nl ? "  verwachte levensduur oneindig (alpha <= 1)\n"
                      : "  expected lifetime infinite (alpha <= 1)\n");
      fprintf(f, nl ? "  log-likelihood %s, %s na %d iteraties (|gradiënt| "
                      "%s)\n"
                    : "  log-likelihood %s, %s after %d iterations "
                      "(|gradient| %s)\n",
              kw_fmt_number(b1, I->loglik, 3, c->lang),
              I->status == KW_OK ? (nl ? "geconvergeerd" : "converged")
                                 : (nl ? "NIET geconvergeerd"
                                       : "NOT converged"),
              I->iterations, (snprintf(b3, sizeof b3, "%.1e", I->grad_norm), b3));
      if (I->status != KW_OK && I->alpha + I->beta > 1e4)
        fprintf(f, nl ? "  (alpha en beta groeien onbegrensd: geen verschil "
                        "tussen klanten te zien; een vaste kans op stoppen "
                        "past even goed)\n"
                      : "  (alpha and beta grow without bound: the data show "
                        "no difference between customers; one fixed churn "
                        "probability fits as well)\n");
      if (o->discount > 0) {
        fprintf(f, nl ? "  DERL bij %s%% korting per periode:"
                      : "  DERL at %s%% discount per period:",
                kw_fmt_number(b1, 100 * o->discount, 1, c->lang));
        for (unsigned r = 0; r <= 4; r++) {
          double v;
          if (kw_sbg_derl(fits[j].m, o->discount, r, &v) == KW_OK)
            fprintf(f, nl ? "%s%u verlenging%s: %s" : "%s%u renewal%s: %s",
                    r ? ", " : " ", r, r == 1 ? "" : (nl ? "en" : "s"),
                    kw_fmt_number(b4, v, 3, c->lang));
        }
        fputc('\n', f);
      }
      fputc('\n', f);
      kw_rtable part = {NULL, H[j] + 1, rows + k0, 7, cols + 1};
      st = kw_write_rtable(c->ctx, f, &part, KW_FORMAT_TABLE, c->lang, 0);
      k0 += H[j] + 1;
    }
  }
  int code = cli_out_close(c, f, st == KW_OK);
  free(H), free(rg), free(ri), free(rd), free(rows);
  return code;
}

static void sbg_fit_free(sbg_fit *F) {
  kw_sbg_free(F->m);
  free(F->d);
  free(F->cz);
  memset(F, 0, sizeof *F);
}

/* Fit one model per group (or one); a group that cannot be fitted is
 * left out with a warning. */
static int run_sbg(cli_common *c, const sopts *o, const subjects *s) {
  size_t ng = s && s->grp ? s->n_groups : 1;
  sbg_fit *fits = calloc(ng, sizeof *fits);
  if (!fits) return KW_EXIT_INTERNAL;
  int code = KW_EXIT_OK;
  size_t nf = 0;
  for (size_t j = 0; j < ng; j++) {
    sbg_fit *F = &fits[nf];
    kw_status st;
    if (!s) {
      F->name = "all";
      F->survivors = true;
      F->T = o->n_survivors - 1;
      F->d = calloc(F->T + 1, sizeof *F->d);
      F->cz = calloc(F->T + 1, sizeof *F->cz);
      if (!F->d || !F->cz) {
        code = KW_EXIT_INTERNAL;
        break;
      }
      for (size_t t = 1; t <= F->T; t++)
        F->d[t] = o->survivors[t - 1] - o->survivors[t];
      F->cz[F->T] = o->survivors[F->T];
      st = kw_sbg_fit(c->ctx, o->survivors, o->n_survivors, NULL, &F->m);
    } else {
      F->name = s->grp ? s->names[j] : "all";
      if (sbg_counts(s, s->grp ? (uint32_t)j : KW_NA_ID, F)) {
        code = KW_EXIT_INTERNAL;
        break;
      }
      st = kw_sbg_fit_counts(c->ctx, F->d, F->cz, F->T + 1, NULL, &F->m);
    }
    if (st == KW_OK) {
      nf++;
      continue;
    }
    if (st == KW_ENOMEM || !(s && s->grp)) {
      code = cli_fail(c, st);
      sbg_fit_free(F);
      break;
    }
    cli_warnf("%s = %s left out: %s", o->by, F->name, kw_errmsg(c->ctx));
    sbg_fit_free(F);
  }
  if (!code && nf == 0) {
    fprintf(stderr, "klantwijs survival: no group could be fitted\n");
    code = KW_EXIT_INPUT;
  }
  if (!code) code = sbg_output(c, o, fits, nf, s);
  for (size_t j = 0; j < nf; j++) sbg_fit_free(&fits[j]);
  free(fits);
  return code;
}

/* ---------------------------------------------------------------- main */

int kw_cli_survival(int argc, char **argv);
int kw_cli_survival(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "survival");
  c.unit = KW_UNIT_MONTH;
  sopts o;
  memset(&o, 0, sizeof o);
  o.conf = 0.95;
  char mapd[300], mape[300];
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if ((r = cli_opt_value("--duration", argc, argv, &i, &v)) > 0) {
      o.duration = v;
    } else if (r == 0 && (r = cli_opt_value("--event", argc, argv, &i, &v)) > 0) {
      o.event = v;
    } else if (r == 0 && (r = cli_opt_value("--by", argc, argv, &i, &v)) > 0) {
      o.by = v;
    } else if (r == 0 && (r = cli_opt_value("--gap", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_double(v, &o.gap) || !(o.gap > 0))
        r = -1, cli_usage(&c, "--gap takes a number of days > 0");
    } else if (r == 0 &&
               (r = cli_opt_value("--gap-quantile", argc, argv, &i, &v)) > 0) {
      o.gap_q_set = true;
      if (!cli_parse_double(v, &o.gap_q) || !(o.gap_q > 0 && o.gap_q <= 1))
        r = -1, cli_usage(&c, "--gap-quantile takes a number in (0, 1]");
    } else if (r == 0 &&
               (r = cli_opt_value("--gap-floor", argc, argv, &i, &v)) > 0) {
      o.gap_floor_set = true;
      if (!cli_parse_double(v, &o.gap_floor) || !(o.gap_floor >= 0))
        r = -1, cli_usage(&c, "--gap-floor takes a number of days >= 0");
    } else if (r == 0 && (r = cli_opt_value("--times", argc, argv, &i, &v)) > 0) {
      if (!parse_list(v, o.times, MAX_LIST, &o.n_times))
        r = -1, cli_usage(&c, "--times takes numbers separated by commas");
      for (size_t k = 0; r > 0 && k < o.n_times; k++)
        if (o.times[k] < 0)
          r = -1, cli_usage(&c, "--times must not be negative");
    } else if (r == 0 && (r = cli_opt_value("--conf", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_double(v, &o.conf) || !(o.conf > 0 && o.conf < 1))
        r = -1, cli_usage(&c, "--conf takes a level between 0 and 1, e.g. "
                              "0.95");
    } else if (r == 0 && (r = cli_opt_value("--table", argc, argv, &i, &v)) > 0) {
      o.pick = PICK_DEFAULT;
      for (int k = 1; k < 4; k++)
        if (strcmp(v, pick_names[k]) == 0) o.pick = (table_pick)k;
      if (o.pick == PICK_DEFAULT)
        r = -1, cli_usage(&c, "--table takes summary, at-risk or curve");
    } else if (r == 0 && (r = cli_opt_value("--model", argc, argv, &i, &v)) > 0) {
      if (strcmp(v, "sbg") == 0) o.sbg = true;
      else if (strcmp(v, "km") == 0) o.sbg = false;
      else r = -1, cli_usage(&c, "--model takes km or sbg");
    } else if (r == 0 &&
               (r = cli_opt_value("--survivors", argc, argv, &i, &v)) > 0) {
      if (!parse_list(v, o.survivors, MAX_LIST, &o.n_survivors) ||
          o.n_survivors < 2)
        r = -1, cli_usage(&c, "--survivors takes at least two counts "
                              "separated by commas, e.g. 1000,631,468");
    } else if (r == 0 && (r = cli_opt_value("--horizon", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_uint(v, &o.horizon) || o.horizon > 10000)
        r = -1, cli_usage(&c, "--horizon takes a whole number of periods");
    } else if (r == 0 &&
               (r = cli_opt_value("--discount", argc, argv, &i, &v)) > 0) {
      if (!cli_parse_double(v, &o.discount) || !(o.discount > 0 && o.discount < 10))
        r = -1, cli_usage(&c, "--discount takes a rate per period > 0, e.g. "
                              "0.1");
    } else if (r == 0 && strcmp(argv[i], "--contracts") == 0) {
      o.contracts = true;
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
  if (o.n_survivors && !o.sbg)
    code = cli_usage(&c, "--survivors needs --model sbg");
  else if (o.n_survivors && (c.path || c.load.files[KW_TABLE_CUSTOMERS] ||
                             c.load.files[KW_TABLE_TRANSACTIONS]))
    code = cli_usage(&c, "--survivors takes the counts directly; leave out "
                         "PATH");
  else if (o.sbg && o.pick != PICK_DEFAULT)
    code = cli_usage(&c, "--table is for Kaplan-Meier output");
  else if (o.contracts && (o.duration || o.event))
    code = cli_usage(&c, "--contracts and --duration/--event are different "
                         "sources; give one");
  if (code) {
    cli_common_free(&c);
    return code;
  }
  if (o.n_survivors) {
    code = run_sbg(&c, &o, NULL);
    cli_common_free(&c);
    return code;
  }

  /* what to read */
  bool columns = o.duration || o.event;
  bool customers_only =
      columns || (!c.path && !c.load.files[KW_TABLE_TRANSACTIONS]);
  if (o.duration && c.load.n_maps + 2 <= CLI_MAX_MAPS) {
    snprintf(mapd, sizeof mapd, "customers.tenure=%s", o.duration);
    c.maps[c.load.n_maps++] = mapd;
  }
  if (o.event && c.load.n_maps + 2 <= CLI_MAX_MAPS) {
    snprintf(mape, sizeof mape, "customers.churn=%s", o.event);
    c.maps[c.load.n_maps++] = mape;
  }
  kw_dataset *ds = NULL;
  kw_churn *ch = NULL;
  kw_km *km = NULL;
  subjects s;
  memset(&s, 0, sizeof s);
  code = cli_load_tables(&c, customers_only ? KW_TABLE_CUSTOMERS
                                            : KW_TABLE_TRANSACTIONS,
                         customers_only ? 1u << KW_TABLE_CUSTOMERS
                                        : (1u << KW_TABLE_TRANSACTIONS) |
                                              (1u << KW_TABLE_CUSTOMERS),
                         &ds);
  if (code) goto done;
  const kw_table *cu = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  source src;
  if (customers_only && !cu) {
    fprintf(stderr, "klantwijs survival: no customers table was read\n");
    code = KW_EXIT_INPUT;
    goto done;
  }
  if (columns) {
    src = SRC_COLUMNS;
  } else if (o.contracts || !tx) {
    bool has_dates = cu && kw_table_role(cu, KW_ROLE_START_DATE) &&
                     kw_table_role(cu, KW_ROLE_END_DATE);
    bool has_cols = cu && kw_table_role(cu, KW_ROLE_TENURE) &&
                    kw_table_role(cu, KW_ROLE_CHURN);
    if (!o.contracts && has_cols) {
      src = SRC_COLUMNS;
    } else if (has_dates) {
      src = SRC_CONTRACTS;
    } else {
      fprintf(stderr,
              "klantwijs survival: the customers table has no %s; name the "
              "duration and churn columns with --duration COL --event COL%s\n",
              o.contracts ? "start and end date columns"
                          : "tenure and churn columns nor contract dates",
              o.contracts ? " or map the dates with --map "
                            "customers.start_date=COL --map "
                            "customers.end_date=COL"
                          : "");
      code = KW_EXIT_INPUT;
      goto done;
    }
  } else {
    src = SRC_PURCHASES;
  }
  if (src == SRC_COLUMNS) {
    code = from_columns(&c, &o, cu, &s);
  } else {
    kw_churn_options co;
    kw_churn_options_init(&co);
    co.as_of = c.as_of;
    co.duration_unit_days = kw_unit_days(c.unit);
    if (o.gap > 0) co.gap_days = o.gap;
    if (o.gap_q_set) co.gap_quantile = o.gap_q;
    if (o.gap_floor_set) co.gap_floor_days = o.gap_floor;
    kw_status st = src == SRC_CONTRACTS
                       ? kw_churn_contracts_table(c.ctx, cu, &co, &ch)
                       : kw_churn_purchases(c.ctx, tx, &co, &ch);
    if (st) {
      code = cli_fail(&c, st);
      goto done;
    }
    code = from_churn(&c, &o, ds, ch, &s);
  }
  s.src = src;
  if (code) goto done;
  s.integer = true;
  double maxd = 0;
  for (size_t i = 0; i < s.n; i++) {
    if (!isfinite(s.dur[i])) continue;
    if (s.dur[i] != floor(s.dur[i])) s.integer = false;
    if (s.dur[i] > maxd) maxd = s.dur[i];
  }
  if (o.sbg) {
    code = run_sbg(&c, &o, &s);
    goto done;
  }
  kw_km_options ko;
  kw_km_options_init(&ko);
  ko.alpha = 1.0 - o.conf;
  double grid[64];
  if (o.n_times) {
    ko.at_times = o.times;
    ko.n_at_times = o.n_times;
  } else {
    double step = nice_step(maxd);
    size_t ng = 0;
    for (double t = 0; t <= maxd * (1 + 1e-12) && ng < 64; t += step)
      grid[ng++] = t;
    ko.at_times = grid;
    ko.n_at_times = ng;
  }
  kw_status st = kw_km_fit(c.ctx, s.dur, s.ev, s.n, s.grp, s.grp ? s.n_groups : 1,
                           s.grp ? (const char *const *)s.names : NULL, &ko,
                           &km);
  if (st) {
    code = cli_fail(&c, st);
    goto done;
  }
  code = km_output(&c, &o, &s, km);
done:
  kw_km_free(km);
  subjects_free(&s);
  kw_churn_free(ch);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
