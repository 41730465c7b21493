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

#include "opts.h"

/* --help, the manual page and the usage errors come from these rows. */

#define MAX_GROUPS 1000
#define MAX_LIST 1000

typedef enum source { SRC_COLUMNS, SRC_CONTRACTS, SRC_PURCHASES } source;
typedef enum table_pick { PICK_DEFAULT, PICK_SUMMARY, PICK_AT_RISK, PICK_CURVE } table_pick;

typedef struct sopts {
  const char *duration, *event, *by;
  bool contracts, sbg;
  double gap, gap_q, gap_floor, conf, discount; /* gap_q, gap_floor: NaN
                                                   = the library default */
  double times[MAX_LIST];
  size_t n_times;
  double survivors[MAX_LIST];
  size_t n_survivors;
  unsigned long horizon;
  int model_choice; /* index into "km|sbg" */
  int table_choice; /* index into "summary|at-risk|curve", -1: none */
  table_pick pick;
} sopts;

static bool parse_times(cli_common *c, void *target, const char *v);
static bool parse_survivors(cli_common *c, void *target, const char *v);

#define CMD(field) CLI_T_CMD, offsetof(sopts, field)
static const cli_opt rows_[] = {
    {"duration", 0, CLI_STR, CMD(duration), CLI_NO_RANGE, "COL", NULL,
     "opt.survival.duration", NULL},
    {"event", 0, CLI_STR, CMD(event), CLI_NO_RANGE, "COL", NULL,
     "opt.survival.event", NULL},
    {"by", 0, CLI_STR, CMD(by), CLI_NO_RANGE, "COL", NULL, "opt.survival.by",
     NULL},
    {"contracts", 0, CLI_FLAG, CMD(contracts), CLI_NO_RANGE, NULL, NULL,
     "opt.survival.contracts", NULL},
    {"gap", 0, CLI_NUM, CMD(gap), 0, 1e6, "DAYS", NULL, "opt.churn.gap", NULL},
    {"gap-quantile", 0, CLI_NUM, CMD(gap_q), 0, 1, "Q", "0.9",
     "opt.churn.gap_quantile", NULL},
    {"gap-floor", 0, CLI_NUM, CMD(gap_floor), 0, 1e6, "DAYS", "30",
     "opt.churn.gap_floor", NULL},
    {"times", 0, CLI_CALL, CMD(times), CLI_NO_RANGE, "T1,T2,...", NULL,
     "opt.survival.times", parse_times},
    {"conf", 0, CLI_NUM, CMD(conf), 0.001, 0.999, "LEVEL", "0.95",
     "opt.survival.conf", NULL},
    {"table", 0, CLI_CHOICE, CMD(table_choice), CLI_NO_RANGE,
     "summary|at-risk|curve", NULL, "opt.survival.table", NULL},
    {"model", 0, CLI_CHOICE, CMD(model_choice), CLI_NO_RANGE, "km|sbg", "km",
     "opt.survival.model", NULL},
    {"survivors", 0, CLI_CALL, CMD(survivors), CLI_NO_RANGE, "N0,N1,...",
     NULL, "opt.survival.survivors", parse_survivors},
    {"horizon", 0, CLI_UINT, CMD(horizon), 0, 10000, "N", NULL,
     "opt.survival.horizon", NULL},
    {"discount", 0, CLI_NUM, CMD(discount), 0.0001, 9.9999, "D", NULL,
     "opt.survival.discount", NULL},
};
#undef CMD
#define COMMON(field) CLI_T_COMMON, offsetof(cli_common, field)
static const cli_opt time_rows_[] = {
    {"as-of", 0, CLI_DATE, COMMON(as_of), CLI_NO_RANGE, "DATE",
     "opt.as_of.default", "opt.as_of", NULL},
    {"unit", 0, CLI_CHOICE, COMMON(unit), CLI_NO_RANGE, "day|week|month",
     "month", "opt.survival.unit", NULL},
};
#undef COMMON
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group time_group = CLI_GROUP("cli.group.period", time_rows_);
static const cli_group *const groups[] = {&own, &time_group,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_survival_spec = {"survival", groups};

/* The durations to analyse, one per subject. */
typedef struct subjects {
  kw_survival_subjects *lib; /* the library's subjects (owned) */
  size_t n;
  const double *dur;
  const int8_t *ev;
  const uint32_t *grp; /* NULL without --by */
  size_t n_groups;
  char **names;        /* n_groups names (owned) */
  bool integer;        /* every duration is whole */
  size_t merged_groups; /* groups under 5 merged into "other" */
  uint64_t left_out;    /* subjects of small groups left out */
  source src;
  const char *unit;    /* NULL: the duration column's own unit */
  const char *dur_name, *ev_name;
  int32_t as_of;
  double gap;          /* purchases */
  bool gap_derived;
} subjects;

static void subjects_free(subjects *s) {
  kw_survival_subjects_free(s->lib);
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

static bool parse_times(cli_common *c, void *target, const char *v) {
  sopts *o = (sopts *)((char *)target - offsetof(sopts, times));
  bool ok = parse_list(v, o->times, MAX_LIST, &o->n_times);
  for (size_t k = 0; ok && k < o->n_times; k++)
    if (o->times[k] < 0) ok = false;
  if (!ok) cli_usage_key(c, "cli.err.survival_times", NULL);
  return ok;
}

static bool parse_survivors(cli_common *c, void *target, const char *v) {
  sopts *o = (sopts *)((char *)target - offsetof(sopts, survivors));
  bool ok = parse_list(v, o->survivors, MAX_LIST, &o->n_survivors) &&
            o->n_survivors >= 2;
  if (!ok) cli_usage_key(c, "cli.err.survival_survivors", NULL);
  return ok;
}

/*
 * The library's subjects (klantwijs/survival.h: which columns, which
 * customers count, one value per customer, the privacy merge) into s, the
 * groups named in the reader's language. st is the call's status.
 */
static int take_subjects(cli_common *c, subjects *s, kw_status st,
                         const char *by) {
  if (st == KW_EARG) return cli_usage(c, "%s", kw_errmsg(c->ctx));
  if (st) return cli_fail(c, st);
  const kw_survival_subjects_data *v = kw_survival_subjects_view(s->lib);
  s->n = v->n;
  s->dur = v->duration;
  s->ev = v->event;
  s->grp = v->group;
  s->dur_name = v->duration_name;
  s->ev_name = v->event_name;
  if (!by) return KW_EXIT_OK;
  const kw_groups_data *g = v->groups;
  s->names = calloc(g->n ? g->n : 1, sizeof *s->names);
  bool ok = s->names != NULL;
  for (size_t j = 0; ok && j < g->n; j++) {
    s->names[j] = dupstr(kw_report_group_label(g, j, c->lang));
    if (!s->names[j]) ok = false;
    else s->n_groups = j + 1;
  }
  s->merged_groups = g->merged_groups;
  s->left_out = g->left_out;
  if (ok) return KW_EXIT_OK;
  fprintf(stderr, "klantwijs survival: %s\n",
          cli_text("cli.out_of_memory", c->lang));
  return KW_EXIT_INTERNAL;
}

static void subject_options(const sopts *o, kw_survival_subjects_options *so) {
  kw_survival_subjects_options_init(so);
  so->duration = o->duration;
  so->event = o->event;
  so->by = o->by;
  so->max_groups = MAX_GROUPS;
}

/* Durations from the columns of the customers table. */
static int from_columns(cli_common *c, const sopts *o, const kw_table *t,
                        subjects *s) {
  kw_survival_subjects_options so;
  subject_options(o, &so);
  kw_status st = kw_survival_subjects_from_table(c->ctx, t, &so, &s->lib);
  s->src = SRC_COLUMNS;
  s->as_of = KW_NA_DATE;
  return take_subjects(c, s, st, o->by);
}

/* Durations per customer from a churn analysis (contracts or purchases);
 * groups through the customers table. */
static int from_churn(cli_common *c, const sopts *o, const kw_dataset *ds,
                      const kw_churn *ch, subjects *s) {
  const kw_churn_info *I = kw_churn_info_view(ch);
  kw_survival_subjects_options so;
  subject_options(o, &so);
  kw_status st = kw_survival_subjects_from_churn(c->ctx, ds, ch, &so, &s->lib);
  s->as_of = I->as_of;
  s->gap = I->gap_days;
  s->gap_derived = I->gap_derived;
  s->unit = kw_unit_name(c->unit);
  return take_subjects(c, s, st, o->by);
}

/* ---------------------------------------------------------- KM output */


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


/* The Kaplan-Meier report, written by the library. */
static int km_output(cli_common *c, const sopts *o, const subjects *s,
                     const kw_km *km) {
  FILE *f = cli_out_open(c);
  if (!f) return KW_EXIT_IO;
  kw_km_report r;
  kw_km_report_init(&r);
  r.format = c->format;
  r.lang = c->lang;
  r.table = (kw_km_table)o->pick;
  r.src = s->src == SRC_COLUMNS     ? KW_KM_SOURCE_COLUMNS
          : s->src == SRC_CONTRACTS ? KW_KM_SOURCE_CONTRACTS
                                    : KW_KM_SOURCE_PURCHASES;
  r.dur_name = s->dur_name;
  r.ev_name = s->ev_name;
  r.unit = s->unit;
  r.as_of = s->as_of;
  r.gap = s->gap;
  r.gap_derived = s->gap_derived;
  r.by = o->by;
  r.group_names = s->grp ? (const char *const *)s->names : NULL;
  r.grouped = s->grp != NULL;
  r.merged_groups = s->merged_groups;
  r.left_out = s->left_out;
  r.integer = s->integer;
  kw_status st = kw_report_km(c->ctx, f, km, &r);
  return cli_out_close(c, f, st == KW_OK);
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

/* The sBG report, written by the library. */
static int sbg_output(cli_common *c, const sopts *o, const sbg_fit *fits,
                      size_t nf, const subjects *s) {
  kw_sbg_group *g = calloc(nf ? nf : 1, sizeof *g);
  if (!g) return KW_EXIT_INTERNAL;
  for (size_t j = 0; j < nf; j++)
    g[j] = (kw_sbg_group){fits[j].name, fits[j].m, fits[j].T, fits[j].d,
                          fits[j].cz, fits[j].survivors};
  kw_sbg_report r;
  kw_sbg_report_init(&r);
  r.format = c->format;
  r.lang = c->lang;
  if (s) {
    r.source = s->src == SRC_COLUMNS     ? "columns"
               : s->src == SRC_CONTRACTS ? "contracts"
                                         : "purchases";
    r.unit = s->unit;
  }
  r.by = o->by;
  r.grouped = s && s->grp;
  r.horizon = o->horizon;
  r.discount = o->discount;
  FILE *f = cli_out_open(c);
  int code = KW_EXIT_IO;
  if (f) {
    kw_status st = kw_report_sbg(c->ctx, f, g, nf, &r);
    code = cli_out_close(c, f, st == KW_OK);
  }
  free(g);
  return code;
}

static void sbg_fit_free(cli_common *c, sbg_fit *F) {
  kw_sbg_free(F->m);
  if (F->survivors) {
    free(F->d);
    free(F->cz);
  } else {
    kw_free(c->ctx, F->d);
    kw_free(c->ctx, F->cz);
  }
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
      size_t np = 0;
      st = kw_sbg_period_counts(c->ctx, s->dur, s->ev, s->grp, s->n,
                                s->grp ? (uint32_t)j : KW_NA_ID, &F->d,
                                &F->cz, &np);
      if (st) {
        code = cli_fail(c, st);
        break;
      }
      F->T = np - 1;
      st = kw_sbg_fit_counts(c->ctx, F->d, F->cz, F->T + 1, NULL, &F->m);
    }
    if (st == KW_OK) {
      nf++;
      continue;
    }
    if (st == KW_ENOMEM || !(s && s->grp)) {
      code = cli_fail(c, st);
      sbg_fit_free(c, F);
      break;
    }
    char msg[512];
    cli_warnf("%s", cli_textf(msg, sizeof msg, "cli.survival.group_left_out",
                              c->lang, "by", o->by, "group", F->name,
                              "reason", kw_errmsg(c->ctx), NULL));
    sbg_fit_free(c, F);
  }
  if (!code && nf == 0) {
    fprintf(stderr, "klantwijs survival: %s\n",
            cli_text("cli.survival.no_group_fitted", c->lang));
    code = KW_EXIT_INPUT;
  }
  if (!code) code = sbg_output(c, o, fits, nf, s);
  for (size_t j = 0; j < nf; j++) sbg_fit_free(c, &fits[j]);
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
  o.gap_q = o.gap_floor = NAN;
  o.table_choice = -1;
  char mapd[300], mape[300];
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  if (cli_parse(&kw_cli_survival_spec, &c, targets, argc, argv)) {
    cli_common_free(&c);
    return KW_EXIT_USAGE;
  }
  o.sbg = o.model_choice == 1;
  o.pick = o.table_choice >= 0 ? (table_pick)(o.table_choice + 1)
                               : PICK_DEFAULT;
  int code = KW_EXIT_OK;
  if (o.n_survivors && !o.sbg)
    code = cli_usage_key(&c, "cli.err.survival_survivors_sbg", NULL);
  else if (o.n_survivors && (c.path || c.load.files[KW_TABLE_CUSTOMERS] ||
                             c.load.files[KW_TABLE_TRANSACTIONS]))
    code = cli_usage_key(&c, "cli.err.survival_survivors_path", NULL);
  else if (o.sbg && o.pick != PICK_DEFAULT)
    code = cli_usage_key(&c, "cli.err.survival_table_km", NULL);
  else if (o.contracts && (o.duration || o.event))
    code = cli_usage_key(&c, "cli.err.survival_sources", NULL);
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
    fprintf(stderr, "klantwijs survival: %s\n",
            cli_text("cli.churn.no_customers", c.lang));
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
    if (!isnan(o.gap_q)) co.gap_quantile = o.gap_q;
    if (!isnan(o.gap_floor)) co.gap_floor_days = o.gap_floor;
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
