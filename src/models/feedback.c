/*
 * feedback.c — NPS, CSAT and CES with intervals, per group and per
 * quarter, and the scores against behaviour (klantwijs/feedback.h).
 *
 * One pass over the feedback table marks the rows that may count (a date
 * up to as_of, a score on its scale); a second keeps the latest row per
 * customer unless every answer counts. Every figure is then an
 * accumulation over the counted rows:
 *
 *   NPS   p+ = P/n, p- = D/n, NPS = 100 (p+ - p-). The two shares come
 *         from one multinomial sample, so Cov(p+, p-) = -p+ p- / n and
 *         Var(p+ - p-) = (p+ + p- - (p+ - p-)^2) / n. The interval is the
 *         Wald interval NPS +- z sqrt(Var), clipped to [-100, 100].
 *   share the top-2-box share k/n with the Wilson score interval
 *         (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
 *   mean  Welford's running mean and sum of squared deviations, and the
 *         t interval mean +- t(n-1) s / sqrt(n).
 *
 * Quarters take the latest answer per customer within the quarter (or
 * every answer); the change against the quarter before is the z test of
 * the difference of two NPS values with the variances above.
 */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/feedback_internal.h"
#include "stats/gslguard.h"

void kw_feedback_options_init(kw_feedback_options *o) {
  memset(o, 0, sizeof *o);
  o->as_of = KW_NA_DATE;
  o->min_answers = 30;
  o->min_group = 5;
  o->level = 0.95;
  o->slow_days = 180;
  o->max_themes = 10;
  o->themes = true;
}

/* ------------------------------------------------------------ helpers */

double kw_fb_z(double level) {
  return gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - level) / 2.0);
}

void kw_fb_wilson(size_t k, size_t n, double z, double *lo, double *hi) {
  if (n == 0) {
    *lo = *hi = NAN;
    return;
  }
  double nn = (double)n, p = (double)k / nn, z2 = z * z;
  double c = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  double h = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  *lo = fmax(0.0, c - h);
  *hi = fmin(1.0, c + h);
}

void kw_fb_mean_ci(double mean, double m2, size_t n, double level,
                   double *out_mean, double *lo, double *hi) {
  *out_mean = n ? mean : NAN;
  if (n < 2) {
    *lo = *hi = NAN;
    return;
  }
  double s = sqrt(m2 / (double)(n - 1));
  double t = gsl_cdf_tdist_Pinv(1.0 - (1.0 - level) / 2.0, (double)(n - 1));
  *lo = mean - t * s / sqrt((double)n);
  *hi = mean + t * s / sqrt((double)n);
}

/* A number as written in a cell: [+-]digits[.,digits], blanks around. */
static double parse_cell_number(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (i == n) return NAN;
  double sign = 1, v = 0, scale = 1;
  if (s[i] == '-' || s[i] == '+') sign = s[i++] == '-' ? -1 : 1;
  bool digits = false, dot = false;
  for (; i < n; i++) {
    char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      digits = true;
      if (dot) scale /= 10, v += (ch - '0') * scale;
      else v = v * 10 + (ch - '0');
    } else if ((ch == '.' || ch == ',') && !dot) {
      dot = true;
    } else {
      return NAN;
    }
  }
  return digits ? sign * v : NAN;
}

kw_status kw_fb_column_numbers(kw_context *ctx, const kw_column *c,
                               size_t rows, double **out) {
  double *v = kw_malloc(ctx, (rows ? rows : 1) * sizeof *v);
  if (!v) return kw_fail_nomem(ctx);
  if (c->type == KW_TYPE_NUMBER) {
    memcpy(v, c->v.number, rows * sizeof *v);
  } else if (c->type == KW_TYPE_TEXT) {
    size_t nd = kw_dict_size(c->dict);
    double *by_id = kw_malloc(ctx, (nd ? nd : 1) * sizeof *by_id);
    if (!by_id) {
      kw_free(ctx, v);
      return kw_fail_nomem(ctx);
    }
    for (size_t k = 0; k < nd; k++)
      by_id[k] = parse_cell_number(kw_dict_str(c->dict, (uint32_t)k),
                                   kw_dict_len(c->dict, (uint32_t)k));
    for (size_t r = 0; r < rows; r++) {
      uint32_t id = c->v.text[r];
      v[r] = id < nd ? by_id[id] : NAN;
    }
    kw_free(ctx, by_id);
  } else {
    for (size_t r = 0; r < rows; r++) v[r] = NAN;
  }
  *out = v;
  return KW_OK;
}

double kw_fb_number(const kw_column *c, size_t r) {
  if (!c) return NAN;
  if (c->type == KW_TYPE_NUMBER) return c->v.number[r];
  if (c->type == KW_TYPE_TEXT) {
    uint32_t id = c->v.text[r];
    if (id == KW_NA_ID) return NAN;
    return parse_cell_number(kw_dict_str(c->dict, id),
                             kw_dict_len(c->dict, id));
  }
  return NAN;
}

static int scale_of(double max) {
  if (!(max > 0)) return 0;
  return max <= 5 ? 5 : max <= 7 ? 7 : 10;
}

static bool on_scale(double v, int scale) {
  if (isnan(v) || scale == 0) return false;
  return v >= (scale == 10 ? 0 : 1) && v <= scale;
}

/* ------------------------------------------------------ accumulation */

typedef struct acc {
  size_t answers, anonymous;
  size_t nps_n, pro, pas, det;
  size_t csat_n, top2;
  double csat_mean, csat_m2;
  size_t ces_n;
  double ces_mean, ces_m2;
} acc;

static void welford(size_t *n, double *mean, double *m2, double x) {
  (*n)++;
  double d = x - *mean;
  *mean += d / (double)*n;
  *m2 += d * (x - *mean);
}

static double row_nps(const kw_feedback *fb, size_t r) {
  double v = fb->nps ? fb->nps->v.number[r] : NAN;
  return v >= 0 && v <= 10 ? floor(v) : NAN;
}

static double row_csat(const kw_feedback *fb, size_t r) {
  double v = fb->csat ? fb->csat->v.number[r] : NAN;
  return on_scale(v, fb->csat_scale) ? v : NAN;
}

static double row_ces(const kw_feedback *fb, size_t r) {
  double v = fb->ces ? fb->ces->v.number[r] : NAN;
  return on_scale(v, fb->ces_scale) ? v : NAN;
}

static uint32_t row_customer(const kw_feedback *fb, size_t r) {
  if (!fb->cu) return KW_NA_ID;
  uint32_t c = fb->cu->v.text[r];
  return c < fb->ncust ? c : KW_NA_ID;
}

static void acc_add(acc *a, const kw_feedback *fb, size_t r) {
  a->answers++;
  if (row_customer(fb, r) == KW_NA_ID) a->anonymous++;
  double v = row_nps(fb, r);
  if (!isnan(v)) {
    a->nps_n++;
    if (v >= 9) a->pro++;
    else if (v >= 7) a->pas++;
    else a->det++;
  }
  v = row_csat(fb, r);
  if (!isnan(v)) {
    welford(&a->csat_n, &a->csat_mean, &a->csat_m2, v);
    if (v >= fb->csat_scale - 1) a->top2++;
  }
  v = row_ces(fb, r);
  if (!isnan(v)) welford(&a->ces_n, &a->ces_mean, &a->ces_m2, v);
}

static void acc_finish(const acc *a, const kw_feedback *fb,
                       kw_fb_scores *s) {
  memset(s, 0, sizeof *s);
  const double z = kw_fb_z(fb->o.level);
  s->answers = a->answers;
  s->anonymous = a->anonymous;
  s->nps_n = a->nps_n;
  s->promoters = a->pro;
  s->passives = a->pas;
  s->detractors = a->det;
  s->enough = a->nps_n >= fb->o.min_answers && a->nps_n > 0;
  s->nps = s->nps_low = s->nps_high = s->nps_se = NAN;
  if (a->nps_n) {
    double n = (double)a->nps_n, pp = (double)a->pro / n,
           pd = (double)a->det / n, d = pp - pd;
    double var = (pp + pd - d * d) / n;
    s->nps = 100 * d;
    s->nps_se = 100 * sqrt(fmax(var, 0));
    s->nps_low = fmax(-100, s->nps - z * s->nps_se);
    s->nps_high = fmin(100, s->nps + z * s->nps_se);
  }
  s->csat_n = a->csat_n;
  s->csat_scale = a->csat_n ? fb->csat_scale : 0;
  kw_fb_mean_ci(a->csat_mean, a->csat_m2, a->csat_n, fb->o.level,
                &s->csat_mean, &s->csat_mean_low, &s->csat_mean_high);
  s->csat_top2 = a->csat_n ? (double)a->top2 / (double)a->csat_n : NAN;
  kw_fb_wilson(a->top2, a->csat_n, z, &s->csat_top2_low,
               &s->csat_top2_high);
  s->ces_n = a->ces_n;
  s->ces_scale = a->ces_n ? fb->ces_scale : 0;
  kw_fb_mean_ci(a->ces_mean, a->ces_m2, a->ces_n, fb->o.level, &s->ces_mean,
                &s->ces_low, &s->ces_high);
}

/* ------------------------------------------------------------- build */

static bool word_eq(const char *a, const char *b) {
  /* a header compared with b after lower-casing and '_'/'-' as blanks */
  size_t i = 0;
  while (a[i] == ' ') a++;
  for (; a[i] && *b; i++, b++) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c == '_' || c == '-') c = ' ';
    if (c != *b) return false;
  }
  while (a[i] == ' ') i++;
  return a[i] == 0 && *b == 0;
}

static const char *const comp_words[] = {"concurrent", "competitor",
                                         "concurrentie", "concurrence",
                                         "competition"};
#define N_COMP_WORDS (sizeof comp_words / sizeof *comp_words)

static bool is_comp_name(const char *h) {
  for (size_t k = 0; k < N_COMP_WORDS; k++)
    if (word_eq(h, comp_words[k])) return true;
  return false;
}

/* When header h is "WORD D", "D WORD" (WORD a competitor word), copies the
 * lower-cased D into d (cap bytes) and returns true. */
static bool comp_dimension(const char *h, char *d, size_t cap) {
  char low[128];
  size_t n = 0;
  for (; h[n] && n + 1 < sizeof low; n++) {
    char c = h[n];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c == '_' || c == '-') c = ' ';
    low[n] = c;
  }
  low[n] = 0;
  for (size_t k = 0; k < N_COMP_WORDS; k++) {
    size_t w = strlen(comp_words[k]);
    if (n > w + 1 && !strncmp(low, comp_words[k], w) && low[w] == ' ') {
      snprintf(d, cap, "%s", low + w + 1);
      return true;
    }
    if (n > w + 1 && !strcmp(low + n - w, comp_words[k]) &&
        low[n - w - 1] == ' ') {
      snprintf(d, cap, "%.*s", (int)(n - w - 1), low);
      return true;
    }
  }
  return false;
}

static kw_status find_dimensions(kw_feedback *fb, const kw_table *t) {
  size_t nc = kw_table_ncols(t);
  for (size_t i = 0; i < nc; i++) {
    const kw_column *c = kw_table_col(t, i);
    if (is_comp_name(c->name) && c->type == KW_TYPE_TEXT) fb->comp = c;
  }
  for (size_t i = 0; i < nc && fb->ndims < KW_FB_MAX_DIMS; i++) {
    const kw_column *c = kw_table_col(t, i);
    char d[128];
    if (!comp_dimension(c->name, d, sizeof d)) continue;
    for (size_t j = 0; j < nc; j++) {
      const kw_column *o = kw_table_col(t, j);
      if (o == c || !word_eq(o->name, d)) continue;
      if (o->type != KW_TYPE_TEXT && o->type != KW_TYPE_NUMBER) continue;
      size_t k = fb->ndims++;
      fb->own[k] = o;
      fb->them[k] = c;
      kw_status st;
      if ((st = kw_fb_column_numbers(fb->ctx, o, fb->nrows,
                                     &fb->own_val[k])) ||
          (st = kw_fb_column_numbers(fb->ctx, c, fb->nrows,
                                     &fb->them_val[k])))
        return st;
      break;
    }
  }
  return KW_OK;
}

static double col_max(const kw_column *c, const uint8_t *valid, size_t n) {
  double mx = NAN;
  if (!c) return mx;
  for (size_t r = 0; r < n; r++) {
    double v = c->v.number[r];
    if (valid[r] && !isnan(v) && !(mx >= v)) mx = v;
  }
  return mx;
}

static kw_status count_buyers(kw_feedback *fb) {
  const kw_table *tx = kw_dataset_table(fb->ds, KW_TABLE_TRANSACTIONS);
  if (!tx) return KW_OK;
  const kw_column *cu = kw_table_role(tx, KW_ROLE_CUSTOMER);
  const kw_column *dt = kw_table_role(tx, KW_ROLE_DATE);
  if (!cu) return KW_OK;
  uint8_t *b = kw_calloc(fb->ctx, fb->ncust ? fb->ncust : 1, 1);
  if (!b) return kw_fail_nomem(fb->ctx);
  size_t n = kw_table_rows(tx), k = 0;
  for (size_t r = 0; r < n; r++) {
    uint32_t c = cu->v.text[r];
    if (c >= fb->ncust) continue;
    if (dt && dt->v.date[r] != KW_NA_DATE && dt->v.date[r] > fb->info.as_of)
      continue;
    if (!b[c]) b[c] = 1, k++;
  }
  kw_free(fb->ctx, b);
  fb->info.buyers = k;
  return KW_OK;
}

static int period_of(int32_t day, int *y, int *q) {
  int m, d;
  kw_date_to_ymd(day, y, &m, &d);
  *q = (m - 1) / 3 + 1;
  return *y * 4 + *q - 1;
}

typedef struct prow {
  int32_t key;  /* year * 4 + quarter - 1 */
  uint32_t cust;
  int32_t day;
  uint32_t row;
} prow;

static int prow_cmp(const void *pa, const void *pb) {
  const prow *a = pa, *b = pb;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  if (a->cust != b->cust) return a->cust < b->cust ? -1 : 1;
  if (a->day != b->day) return a->day < b->day ? -1 : 1;
  return a->row < b->row ? -1 : a->row > b->row;
}

static kw_status build_periods(kw_feedback *fb) {
  if (!fb->dt) return KW_OK;
  kw_context *ctx = fb->ctx;
  size_t n = 0;
  for (size_t r = 0; r < fb->nrows; r++)
    if (fb->valid[r] && fb->dt->v.date[r] != KW_NA_DATE) n++;
  if (!n) return KW_OK;
  prow *p = kw_malloc(ctx, n * sizeof *p);
  if (!p) return kw_fail_nomem(ctx);
  size_t k = 0;
  for (size_t r = 0; r < fb->nrows; r++) {
    if (!fb->valid[r] || fb->dt->v.date[r] == KW_NA_DATE) continue;
    int y, q;
    p[k++] = (prow){period_of(fb->dt->v.date[r], &y, &q),
                    row_customer(fb, r), fb->dt->v.date[r], (uint32_t)r};
  }
  qsort(p, n, sizeof *p, prow_cmp);
  size_t np = (size_t)(p[n - 1].key - p[0].key + 1);
  fb->periods = kw_calloc(ctx, np, sizeof *fb->periods);
  if (!fb->periods) {
    kw_free(ctx, p);
    return kw_fail_nomem(ctx);
  }
  fb->nperiods = np;
  size_t i = 0;
  for (size_t j = 0; j < np; j++) {
    int32_t key = p[0].key + (int32_t)j;
    acc a;
    memset(&a, 0, sizeof a);
    for (; i < n && p[i].key == key; i++) {
      bool last_of_customer = i + 1 >= n || p[i + 1].key != key ||
                              p[i + 1].cust != p[i].cust;
      if (fb->o.all_answers || p[i].cust == KW_NA_ID || last_of_customer)
        acc_add(&a, fb, p[i].row);
    }
    kw_fb_period *pe = &fb->periods[j];
    pe->year = key / 4;
    pe->quarter = key % 4 + 1;
    acc_finish(&a, fb, &pe->s);
    pe->nps_change = pe->change_z = pe->change_p = NAN;
    if (j > 0) {
      const kw_fb_scores *s0 = &fb->periods[j - 1].s, *s1 = &pe->s;
      if (s0->enough && s1->enough) {
        pe->nps_change = s1->nps - s0->nps;
        double se = sqrt(s0->nps_se * s0->nps_se + s1->nps_se * s1->nps_se);
        if (se > 0) {
          pe->change_z = pe->nps_change / se;
          pe->change_p = 2 * gsl_cdf_ugaussian_Q(fabs(pe->change_z));
        }
      }
    }
  }
  kw_free(ctx, p);
  return KW_OK;
}

static kw_status count_distinct(kw_feedback *fb) {
  size_t k = 0;
  for (size_t c = 0; c < fb->ncust; c++) k += fb->latest[c] != SIZE_MAX;
  fb->overall.customers = k;
  fb->info.respondents = k;
  return KW_OK;
}

kw_status kw_feedback_compute(kw_context *ctx, const kw_dataset *ds,
                            const kw_feedback_options *o, kw_feedback **out) {
  *out = NULL;
  kw_feedback_options def;
  if (!o) kw_feedback_options_init(&def), o = &def;
  if (!(o->level > 0 && o->level < 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.feedback_level",
                       "interval level must be between 0 and 1", NULL);
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_FEEDBACK);
  if (!t)
    return kw_fail_tpl(ctx, KW_EINPUT, "model.e.no_feedback",
                       "no feedback table was read", NULL);
  kw_feedback *fb = kw_calloc(ctx, 1, sizeof *fb);
  if (!fb) return kw_fail_nomem(ctx);
  gsl_error_handler_t *prev = kw_gsl_quiet_begin();
  kw_status st = KW_OK;
  fb->ctx = ctx;
  fb->ds = ds;
  fb->o = *o;
  if (!fb->o.min_group) fb->o.min_group = 5;
  if (!fb->o.min_answers) fb->o.min_answers = 1;
  if (fb->o.slow_days <= 0) fb->o.slow_days = 180;
  fb->ncust = kw_dict_size(kw_dataset_customers(ds));
  fb->nrows = kw_table_rows(t);
  fb->cu = kw_table_role(t, KW_ROLE_CUSTOMER);
  fb->dt = kw_table_role(t, KW_ROLE_DATE);
  fb->nps = kw_table_role(t, KW_ROLE_NPS);
  fb->csat = kw_table_role(t, KW_ROLE_CSAT);
  fb->ces = kw_table_role(t, KW_ROLE_CES);
  fb->comment = kw_table_role(t, KW_ROLE_COMMENT);
  kw_fb_info *in = &fb->info;
  in->rows = fb->nrows;
  in->all_answers = o->all_answers;
  in->has_customer = fb->cu != NULL;
  in->has_nps = fb->nps != NULL;
  in->has_csat = fb->csat != NULL;
  in->has_ces = fb->ces != NULL;
  in->has_comment = fb->comment != NULL;
  in->min_answers = fb->o.min_answers;
  in->min_group = fb->o.min_group;
  in->level = o->level;
  in->first_day = in->last_day = KW_NA_DATE;
  in->response_rate = NAN;

  if ((st = find_dimensions(fb, t))) goto fail;
  fb->valid = kw_malloc(ctx, fb->nrows ? fb->nrows : 1);
  fb->latest = kw_malloc(ctx, (fb->ncust ? fb->ncust : 1) *
                                  sizeof *fb->latest);
  fb->row = kw_malloc(ctx, (fb->nrows ? fb->nrows : 1) * sizeof *fb->row);
  if (!fb->valid || !fb->latest || !fb->row) {
    st = kw_fail_nomem(ctx);
    goto fail;
  }
  /* as-of: the option, else the last answer */
  int32_t as_of = o->as_of;
  if (as_of == KW_NA_DATE) {
    as_of = INT32_MIN + 1;
    if (fb->dt)
      for (size_t r = 0; r < fb->nrows; r++)
        if (fb->dt->v.date[r] != KW_NA_DATE && fb->dt->v.date[r] > as_of)
          as_of = fb->dt->v.date[r];
    /* and the last sale, when later: behaviour is read up to there */
    const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
    const kw_column *td = tx ? kw_table_role(tx, KW_ROLE_DATE) : NULL;
    size_t ntx = tx ? kw_table_rows(tx) : 0;
    for (size_t r = 0; td && r < ntx; r++)
      if (td->v.date[r] != KW_NA_DATE && td->v.date[r] > as_of)
        as_of = td->v.date[r];
    if (as_of == INT32_MIN + 1) as_of = KW_NA_DATE;
  }
  in->as_of = as_of;
  for (size_t r = 0; r < fb->nrows; r++) {
    int32_t d = fb->dt ? fb->dt->v.date[r] : KW_NA_DATE;
    fb->valid[r] = !(d != KW_NA_DATE && as_of != KW_NA_DATE && d > as_of);
    if (!fb->valid[r]) in->after_as_of++;
  }
  fb->csat_scale = scale_of(col_max(fb->csat, fb->valid, fb->nrows));
  fb->ces_scale = scale_of(col_max(fb->ces, fb->valid, fb->nrows));
  for (size_t r = 0; r < fb->nrows; r++) {
    if (!fb->valid[r]) continue;
    bool any = false;
    double v;
    if (fb->nps && !isnan(v = fb->nps->v.number[r])) {
      if (v >= 0 && v <= 10) any = true;
      else in->out_of_range++;
    }
    if (fb->csat && !isnan(v = fb->csat->v.number[r])) {
      if (on_scale(v, fb->csat_scale)) any = true;
      else in->out_of_range++;
    }
    if (fb->ces && !isnan(v = fb->ces->v.number[r])) {
      if (on_scale(v, fb->ces_scale)) any = true;
      else in->out_of_range++;
    }
    for (size_t k = 0; k < fb->ndims && !any; k++)
      any = !isnan(fb->own_val[k][r]);
    fb->valid[r] = any;
    if (any) {
      in->rows_used++;
      int32_t d = fb->dt ? fb->dt->v.date[r] : KW_NA_DATE;
      if (d != KW_NA_DATE) {
        if (in->first_day == KW_NA_DATE || d < in->first_day)
          in->first_day = d;
        if (in->last_day == KW_NA_DATE || d > in->last_day) in->last_day = d;
      }
    }
  }
  /* the latest answer per customer (ties: the later row) */
  for (size_t c = 0; c < fb->ncust; c++) fb->latest[c] = SIZE_MAX;
  for (size_t r = 0; r < fb->nrows; r++) {
    if (!fb->valid[r]) continue;
    uint32_t c = row_customer(fb, r);
    if (c == KW_NA_ID) continue;
    size_t l = fb->latest[c];
    int32_t d = fb->dt ? fb->dt->v.date[r] : KW_NA_DATE;
    if (l == SIZE_MAX || !fb->dt ||
        (d != KW_NA_DATE && (fb->dt->v.date[l] == KW_NA_DATE ||
                             d >= fb->dt->v.date[l])))
      fb->latest[c] = r;
  }
  acc a;
  memset(&a, 0, sizeof a);
  for (size_t r = 0; r < fb->nrows; r++) {
    if (!fb->valid[r]) continue;
    uint32_t c = row_customer(fb, r);
    if (!o->all_answers && c != KW_NA_ID && fb->latest[c] != r) continue;
    fb->row[fb->m++] = (uint32_t)r;
    acc_add(&a, fb, r);
  }
  /* from here on latest[] indexes the table rows as before */
  acc_finish(&a, fb, &fb->overall);
  if ((st = count_distinct(fb)) || (st = count_buyers(fb)) ||
      (st = build_periods(fb)))
    goto fail;
  if (in->buyers)
    in->response_rate = (double)in->respondents / (double)in->buyers;
  if ((st = kw_fb_competition_build(fb))) goto fail;
  if (o->themes && fb->comment && (st = kw_fb_themes_build(fb))) goto fail;
  kw_gsl_quiet_end(prev);
  *out = fb;
  return KW_OK;
fail:
  kw_gsl_quiet_end(prev);
  kw_feedback_free(fb);
  return st;
}

void kw_feedback_free(kw_feedback *fb) {
  if (!fb) return;
  kw_context *ctx = fb->ctx;
  for (size_t k = 0; k < fb->ndims; k++) {
    kw_free(ctx, fb->own_val[k]);
    kw_free(ctx, fb->them_val[k]);
  }
  kw_free(ctx, fb->valid);
  kw_free(ctx, fb->latest);
  kw_free(ctx, fb->row);
  kw_free(ctx, fb->periods);
  kw_free(ctx, fb->by_col);
  kw_groups_free(fb->by_col_groups);
  kw_free(ctx, fb->dims);
  kw_free(ctx, fb->gaps);
  kw_free(ctx, (void *)fb->comp_names);
  kw_free(ctx, fb->risk_per_comp);
  kw_free(ctx, fb->risk);
  kw_free(ctx, fb->risk_dim);
  kw_fb_themes_free(fb);
  kw_free(ctx, fb);
}

const kw_fb_info *kw_feedback_info_view(const kw_feedback *fb) {
  return &fb->info;
}

const kw_fb_scores *kw_feedback_overall_view(const kw_feedback *fb) {
  return &fb->overall;
}

const kw_fb_period *kw_feedback_periods_view(const kw_feedback *fb, size_t *n) {
  *n = fb->nperiods;
  return fb->periods;
}

/* ------------------------------------------------------------- groups */

kw_status kw_feedback_by_group(const kw_feedback *fb,
                               const uint32_t *group_of, size_t n_customers,
                               size_t n_groups, kw_fb_scores *out) {
  kw_context *ctx = fb->ctx;
  if (!n_groups) return KW_OK;
  acc *a = kw_calloc(ctx, n_groups, sizeof *a);
  size_t *cust = kw_calloc(ctx, n_groups, sizeof *cust);
  if (!a || !cust) {
    kw_free(ctx, a);
    kw_free(ctx, cust);
    return kw_fail_nomem(ctx);
  }
  gsl_error_handler_t *prev = kw_gsl_quiet_begin();
  for (size_t i = 0; i < fb->m; i++) {
    size_t r = fb->row[i];
    uint32_t c = row_customer(fb, r);
    if (c == KW_NA_ID || c >= n_customers) continue;
    uint32_t g = group_of[c];
    if (g >= n_groups) continue;
    acc_add(&a[g], fb, r);
    if (fb->latest[c] == r) cust[g]++; /* each customer once */
  }
  for (size_t g = 0; g < n_groups; g++) {
    acc_finish(&a[g], fb, &out[g]);
    out[g].customers = cust[g];
  }
  kw_gsl_quiet_end(prev);
  kw_free(ctx, a);
  kw_free(ctx, cust);
  return KW_OK;
}

kw_status kw_feedback_by_column(kw_feedback *fb, kw_role role,
                                const kw_fb_group **out, size_t *n) {
  kw_context *ctx = fb->ctx;
  *out = NULL;
  *n = 0;
  kw_free(ctx, fb->by_col);
  kw_groups_free(fb->by_col_groups);
  fb->by_col = NULL;
  fb->by_col_groups = NULL;
  fb->n_by_col = 0;
  const kw_table *ct = kw_dataset_table(fb->ds, KW_TABLE_CUSTOMERS);
  if (!ct || !kw_table_role(ct, role) || !kw_table_role(ct, KW_ROLE_CUSTOMER)
      || kw_role_is_personal(role))
    return KW_OK;
  /* the library's one grouping rule and privacy merge, over respondents */
  bool *counted = kw_malloc(ctx, fb->ncust ? fb->ncust : 1);
  if (!counted) return kw_fail_nomem(ctx);
  for (size_t c = 0; c < fb->ncust; c++) counted[c] = fb->latest[c] != SIZE_MAX;
  kw_groups_options go;
  kw_groups_options_init(&go);
  go.min_group = fb->o.min_group;
  go.blank_group = false;
  go.counted = counted;
  kw_groups *g = NULL;
  kw_status st = kw_groups_compute(ctx, ct, kw_role_name(role), fb->ncust,
                                     &go, &g);
  kw_free(ctx, counted);
  if (st) return st;
  const kw_groups_data *v = kw_groups_view(g);
  kw_fb_scores *s = kw_calloc(ctx, v->n ? v->n : 1, sizeof *s);
  kw_fb_group *rows = kw_calloc(ctx, v->n ? v->n : 1, sizeof *rows);
  if (!s || !rows) {
    kw_free(ctx, s);
    kw_free(ctx, rows);
    kw_groups_free(g);
    return kw_fail_nomem(ctx);
  }
  if ((st = kw_feedback_by_group(fb, v->code, v->n_customers, v->n, s))) {
    kw_free(ctx, s);
    kw_free(ctx, rows);
    kw_groups_free(g);
    return st;
  }
  for (size_t k = 0; k < v->n; k++) {
    switch (v->kind[k]) {
      case KW_GROUP_VALUE: rows[k].key = v->label[k]; break;
      case KW_GROUP_YES: rows[k].key = "yes"; break;
      case KW_GROUP_NO: rows[k].key = "no"; break;
      case KW_GROUP_BLANK: rows[k].key = "blank"; break;
      default: rows[k].key = "other"; break;
    }
    rows[k].customers = s[k].customers;
    rows[k].s = s[k];
  }
  kw_free(ctx, s);
  fb->by_col = rows;
  fb->by_col_groups = g;
  fb->n_by_col = v->n;
  *out = rows;
  *n = v->n;
  return KW_OK;
}

/* --------------------------------------------------------- behaviour */

const char *kw_nps_class_key(kw_nps_class c) {
  static const char *const k[] = {"detractors", "passives", "promoters"};
  return c < KW_NPS__COUNT ? k[c] : "";
}

/* Net revenue and purchase in (as_of - 365, as_of] per customer. */
static kw_status default_behaviour(const kw_feedback *fb, int8_t **act,
                                   double **rev) {
  kw_context *ctx = fb->ctx;
  *act = NULL;
  *rev = NULL;
  const kw_table *tx = kw_dataset_table(fb->ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cu = tx ? kw_table_role(tx, KW_ROLE_CUSTOMER) : NULL;
  const kw_column *dt = tx ? kw_table_role(tx, KW_ROLE_DATE) : NULL;
  const kw_column *am = tx ? kw_table_role(tx, KW_ROLE_AMOUNT) : NULL;
  if (!cu || !dt || !am || fb->info.as_of == KW_NA_DATE) return KW_OK;
  size_t n = fb->ncust ? fb->ncust : 1;
  int8_t *a = kw_malloc(ctx, n);
  int64_t *cents = kw_calloc(ctx, n, sizeof *cents);
  double *v = kw_malloc(ctx, n * sizeof *v);
  if (!a || !cents || !v) {
    kw_free(ctx, a);
    kw_free(ctx, cents);
    kw_free(ctx, v);
    return kw_fail_nomem(ctx);
  }
  memset(a, 0, n);
  int32_t hi = fb->info.as_of, lo = hi - 365;
  size_t rows = kw_table_rows(tx);
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cu->v.text[r];
    int32_t d = dt->v.date[r];
    int64_t m = am->v.money[r];
    if (c >= fb->ncust || d == KW_NA_DATE || d <= lo || d > hi ||
        m == KW_NA_MONEY)
      continue;
    cents[c] += m;
    if (m > 0) a[c] = 1;
  }
  for (size_t c = 0; c < fb->ncust; c++) v[c] = (double)cents[c] / 100.0;
  kw_free(ctx, cents);
  *act = a;
  *rev = v;
  return KW_OK;
}

kw_status kw_feedback_behaviour(const kw_feedback *fb,
                                const kw_fb_behaviour_input *in,
                                kw_fb_behaviour *out) {
  kw_context *ctx = fb->ctx;
  memset(out, 0, KW_NPS__COUNT * sizeof *out);
  int8_t *own_act = NULL;
  double *own_rev = NULL;
  const int8_t *act;
  const double *rev, *clv;
  size_t n = fb->ncust;
  act = in ? in->active : NULL;
  rev = in ? in->revenue : NULL;
  clv = in ? in->clv : NULL;
  if (in && in->n < n) n = in->n;
  if (!act || !rev) {
    kw_status st = default_behaviour(fb, &own_act, &own_rev);
    if (st) return st;
    if (!act) act = own_act;
    if (!rev) rev = own_rev;
  }
  gsl_error_handler_t *prev = kw_gsl_quiet_begin();
  size_t na[3] = {0}, ka[3] = {0}, nr[3] = {0}, nv[3] = {0};
  double mr[3] = {0}, m2r[3] = {0}, mv[3] = {0}, m2v[3] = {0};
  for (size_t c = 0; c < n; c++) {
    size_t r = fb->latest[c];
    if (r == SIZE_MAX) continue;
    double s = row_nps(fb, r);
    if (isnan(s)) continue;
    int k = s >= 9 ? KW_NPS_PROMOTER : s >= 7 ? KW_NPS_PASSIVE
                                              : KW_NPS_DETRACTOR;
    out[k].customers++;
    if (act && act[c] != KW_NA_FLAG) na[k]++, ka[k] += act[c] == 1;
    if (rev && !isnan(rev[c])) welford(&nr[k], &mr[k], &m2r[k], rev[c]);
    if (clv && !isnan(clv[c])) welford(&nv[k], &mv[k], &m2v[k], clv[c]);
  }
  const double z = kw_fb_z(fb->o.level);
  for (int k = 0; k < 3; k++) {
    kw_fb_behaviour *b = &out[k];
    /* privacy: a class of fewer than min_group customers shows its count
     * only, never their share still buying, revenue or CLV */
    if (b->customers < fb->o.min_group) na[k] = ka[k] = nr[k] = nv[k] = 0;
    b->active.n = na[k];
    b->active.mean = na[k] ? (double)ka[k] / (double)na[k] : NAN;
    kw_fb_wilson(ka[k], na[k], z, &b->active.low, &b->active.high);
    b->revenue.n = nr[k];
    kw_fb_mean_ci(mr[k], m2r[k], nr[k], fb->o.level, &b->revenue.mean,
                  &b->revenue.low, &b->revenue.high);
    b->clv.n = nv[k];
    kw_fb_mean_ci(mv[k], m2v[k], nv[k], fb->o.level, &b->clv.mean,
                  &b->clv.low, &b->clv.high);
  }
  kw_gsl_quiet_end(prev);
  kw_free(ctx, own_act);
  kw_free(ctx, own_rev);
  return KW_OK;
}

/* ------------------------------------------------------- per customer */

bool kw_feedback_customer(const kw_feedback *fb, size_t c,
                          kw_fb_customer *out) {
  memset(out, 0, sizeof *out);
  out->day = KW_NA_DATE;
  out->nps = out->csat = out->ces = out->own = out->theirs = NAN;
  out->risk = KW_FB_RISK_NONE;
  if (!fb || c >= fb->ncust || fb->latest[c] == SIZE_MAX) return false;
  size_t r = fb->latest[c];
  out->day = fb->dt ? fb->dt->v.date[r] : KW_NA_DATE;
  out->nps = row_nps(fb, r);
  out->csat = row_csat(fb, r);
  out->ces = row_ces(fb, r);
  if (fb->risk && fb->risk[c]) {
    size_t d = fb->risk_dim[c];
    out->risk = KW_FB_RISK_COMPETITOR;
    out->dimension = fb->dims[d].name;
    out->own = fb->own_val[d][r];
    out->theirs = fb->them_val[d][r];
    out->competitor = "";
    if (fb->comp) {
      uint32_t id = fb->comp->v.text[r];
      if (id != KW_NA_ID) out->competitor = kw_dict_str(fb->comp->dict, id);
    }
  }
  return true;
}

/* Purchase days per customer in [a0, a1] and [b0, b1]. */
kw_status kw_fb_purchase_windows(kw_feedback *fb, int32_t a0, int32_t a1,
                                 int32_t b0, int32_t b1, uint32_t **na,
                                 uint32_t **nb) {
  kw_context *ctx = fb->ctx;
  *na = *nb = NULL;
  const kw_table *tx = kw_dataset_table(fb->ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cu = tx ? kw_table_role(tx, KW_ROLE_CUSTOMER) : NULL;
  const kw_column *dt = tx ? kw_table_role(tx, KW_ROLE_DATE) : NULL;
  const kw_column *am = tx ? kw_table_role(tx, KW_ROLE_AMOUNT) : NULL;
  if (!cu || !dt) return KW_OK;
  size_t n = fb->ncust ? fb->ncust : 1;
  uint32_t *a = kw_calloc(ctx, n, sizeof *a), *b = kw_calloc(ctx, n, sizeof *b);
  int32_t *lastday = kw_malloc(ctx, n * sizeof *lastday);
  if (!a || !b || !lastday) {
    kw_free(ctx, a);
    kw_free(ctx, b);
    kw_free(ctx, lastday);
    return kw_fail_nomem(ctx);
  }
  for (size_t c = 0; c < n; c++) lastday[c] = KW_NA_DATE;
  /* distinct purchase days: lines of one customer on one day count once
   * when they follow each other (the usual export order); a day seen
   * again later is counted again only if another day came between */
  size_t rows = kw_table_rows(tx);
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cu->v.text[r];
    int32_t d = dt->v.date[r];
    if (c >= fb->ncust || d == KW_NA_DATE) continue;
    if (am && am->v.money[r] != KW_NA_MONEY && am->v.money[r] <= 0) continue;
    if (lastday[c] == d) continue;
    lastday[c] = d;
    if (d >= a0 && d <= a1) a[c]++;
    if (d >= b0 && d <= b1) b[c]++;
  }
  kw_free(ctx, lastday);
  *na = a;
  *nb = b;
  return KW_OK;
}
