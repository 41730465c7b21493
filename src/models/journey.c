/*
 * journey.c — the customer journey from touchpoints: stage order, funnel,
 * time between steps, conversion by group, common paths, where prospects
 * are lost, and attribution (definitions in klantwijs/growth.h).
 *
 * Design: the touches are sorted once by (customer, date, row) into an
 * event array; each customer's events, with its first purchase inserted
 * as the pseudo-stage "purchase", are walked a few times (order, funnel,
 * paths, attribution), always one customer at a time with small reusable
 * buffers, so memory is O(touches). The Markov chain over channels is
 * small (channels + 3 states): absorption probabilities come from one LU
 * solve of (I - Q) x = r per removed channel (GSL).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "core/dict.h"
#include "models/growth_common.h"
#include "models/journey_internal.h"
#include "stats/order.h"

#define PURCHASE_NAME "purchase"

struct kw_journey {
  kw_context *ctx;
  kw_journey_data v;
  char **names;      /* step names (owned) */
  double *medpos;
  uint64_t *counts;  /* entered, converted, touched: 3 * steps */
  double *days;      /* median, p90: 2 * steps */
  char **glabels[KW_JOURNEY_BY__COUNT];
  uint64_t *gcount[KW_JOURNEY_BY__COUNT];
  double *gshare[KW_JOURNEY_BY__COUNT];
  char **paths;
  uint64_t *pcount;
  char **chnames;
  double *attr;      /* 4 * channels */
  char *worst_channel;
};

void kw_journey_options_init(kw_journey_options *o) {
  o->as_of = KW_NA_DATE;
  o->stages = NULL;
  o->n_stages = 0;
  o->window = 365;
  o->min_group = 5;
  o->max_paths = 10;
}

const kw_journey_data *kw_journey_view(const kw_journey *j) {
  return j ? &j->v : NULL;
}

static void free_strs(kw_context *ctx, char **s, size_t n) {
  if (!s) return;
  for (size_t i = 0; i < n; i++) kw_free(ctx, s[i]);
  kw_free(ctx, s);
}

void kw_journey_free(kw_journey *j) {
  if (!j) return;
  kw_context *ctx = j->ctx;
  free_strs(ctx, j->names, j->v.n_steps);
  kw_free(ctx, j->medpos);
  kw_free(ctx, j->counts);
  kw_free(ctx, j->days);
  for (int b = 0; b < KW_JOURNEY_BY__COUNT; b++) {
    free_strs(ctx, j->glabels[b], j->v.by[b].n);
    kw_free(ctx, j->gcount[b]);
    kw_free(ctx, j->gshare[b]);
  }
  free_strs(ctx, j->paths, j->v.n_paths);
  kw_free(ctx, j->pcount);
  free_strs(ctx, j->chnames, j->v.n_channels);
  kw_free(ctx, j->attr);
  kw_free(ctx, j->worst_channel);
  kw_free(ctx, j);
}

static int cmp_ev(const void *a, const void *b) {
  const ev *x = a, *y = b;
  if (x->cust != y->cust) return x->cust < y->cust ? -1 : 1;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  return (x->row > y->row) - (x->row < y->row);
}

/* The order of cmp_ev by two stable counting sorts (by date, then by
 * customer): the touches were added in row order, so ties keep it. */
bool kw_journey_sort_events(kw_context *ctx, ev *e, ev *tmp, size_t ne) {
  if (ne < 2) return true;
  int32_t dmin = e[0].date, dmax = e[0].date;
  uint32_t cmax = 0;
  for (size_t i = 0; i < ne; i++) {
    if (e[i].date < dmin) dmin = e[i].date;
    if (e[i].date > dmax) dmax = e[i].date;
    if (e[i].cust > cmax) cmax = e[i].cust;
  }
  const size_t limit = 4 * ne + 65536;
  const size_t span = (size_t)((int64_t)dmax - dmin) + 1;
  const size_t nc = (size_t)cmax + 1;
  if (span > limit || nc > limit) return false;
  size_t *cnt = kw_malloc(ctx, ((span > nc ? span : nc) + 1) * sizeof *cnt);
  if (!cnt) return false;
  /* by date into tmp */
  memset(cnt, 0, (span + 1) * sizeof *cnt);
  for (size_t i = 0; i < ne; i++) cnt[(size_t)(e[i].date - dmin) + 1]++;
  for (size_t k = 1; k <= span; k++) cnt[k] += cnt[k - 1];
  for (size_t i = 0; i < ne; i++) tmp[cnt[(size_t)(e[i].date - dmin)]++] = e[i];
  /* by customer back into e */
  memset(cnt, 0, (nc + 1) * sizeof *cnt);
  for (size_t i = 0; i < ne; i++) cnt[(size_t)tmp[i].cust + 1]++;
  for (size_t k = 1; k <= nc; k++) cnt[k] += cnt[k - 1];
  for (size_t i = 0; i < ne; i++) e[cnt[tmp[i].cust]++] = tmp[i];
  kw_free(ctx, cnt);
  return true;
}

static int cmp_dbl(const void *a, const void *b);

/* An order-preserving code of a double (no NaN; -0.0 codes below 0.0,
 * which no caller here has: positions, day differences, counts). */
static inline uint64_t dbl_code(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b >> 63 ? ~b : b | ((uint64_t)1 << 63);
}

void kw_journey_sort_doubles(kw_context *ctx, double *v, size_t n) {
  if (n < 2) return;
  kw_code_id *a = n >= 256 ? kw_malloc(ctx, 2 * n * sizeof *a) : NULL;
  if (!a) {
    qsort(v, n, sizeof *v, cmp_dbl);
    return;
  }
  for (size_t i = 0; i < n; i++) a[i] = (kw_code_id){dbl_code(v[i]), 0};
  const kw_code_id *r = kw_radix_code_id(a, a + n, n);
  for (size_t i = 0; i < n; i++) {
    uint64_t c = r[i].code;
    uint64_t b = c >> 63 ? c & ~((uint64_t)1 << 63) : ~c;
    memcpy(&v[i], &b, sizeof b);
  }
  kw_free(ctx, a);
}

/* The summary's first purchase (the earliest date of a line with amount
 * >= 0 up to as-of) in one pass over the lines instead of a whole summary;
 * the summary's checks of the table first, with its messages. */
kw_status kw_journey_first_purchases(kw_context *ctx, const kw_table *t,
                                     size_t n, int32_t *as_of,
                                     int32_t **first) {
  *first = NULL;
  const kw_column *ccust = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *cdate = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *camt = kw_table_role(t, KW_ROLE_AMOUNT);
  if (!ccust || !cdate || !camt)
    return kw_fail(ctx, KW_EMISSING,
                   "the transactions table needs customer, date and amount");
  const size_t rows = kw_table_rows(t);
  if (rows > UINT32_MAX - 1)
    return kw_fail(ctx, KW_ERANGE, "more than 4 billion transaction lines");
  const uint32_t *cust = ccust->v.text;
  const int32_t *date = cdate->v.date;
  const int64_t *amt = camt->v.money;
  int32_t a = *as_of;
  if (a == KW_NA_DATE) {
    a = INT32_MIN;
    for (size_t i = 0; i < rows; i++)
      if (date[i] != KW_NA_DATE && date[i] > a) a = date[i];
    if (rows == 0) a = 0;
  }
  *as_of = a;
  int32_t *f = kw_malloc(ctx, (n ? n : 1) * sizeof *f);
  if (!f) return kw_fail_nomem(ctx);
  for (size_t c = 0; c < n; c++) f[c] = INT32_MAX;
  for (size_t i = 0; i < rows; i++) {
    uint32_t c = cust[i];
    if (c >= n || date[i] > a || amt[i] < 0) continue;
    if (date[i] < f[c]) f[c] = date[i];
  }
  for (size_t c = 0; c < n; c++)
    if (f[c] == INT32_MAX) f[c] = KW_NA_DATE;
  *first = f;
  return KW_OK;
}

static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Type-7 quantile of sorted v[0..n). */
static double quantile(const double *v, size_t n, double q) {
  if (!n) return NAN;
  double h = (double)(n - 1) * q;
  size_t lo = (size_t)floor(h);
  size_t hi = lo + 1 < n ? lo + 1 : lo;
  return v[lo] + (h - (double)lo) * (v[hi] - v[lo]);
}

typedef struct stage_pos {
  double med, mean;
  uint32_t id;
} stage_pos;

/* By median position, ties by mean position, then id. */
static int cmp_stage_pos(const void *a, const void *b) {
  const stage_pos *x = a, *y = b;
  if (x->med != y->med) return x->med < y->med ? -1 : 1;
  if (x->mean != y->mean) return x->mean < y->mean ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

typedef struct str_count {
  const char *s;
  uint64_t n;
} str_count;

static int cmp_str_count(const void *a, const void *b) {
  const str_count *x = a, *y = b;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  return strcmp(x->s, y->s);
}

/* Customer c's events in [e0, e1): its touches within the window, with
 * the purchase inserted after the touches of its day. Returns the count
 * written to out (capacity e1 - e0 + 1). */
static size_t customer_events(const ev *e, size_t e0, size_t e1,
                              int32_t purchase, uint32_t pid, int window,
                              ev *out, bool *bought) {
  size_t m = 0;
  int32_t first = e[e0].date;
  int32_t last_ok = first + window;
  bool put = false;
  *bought = false;
  for (size_t i = e0; i < e1; i++) {
    if (e[i].date > last_ok) break;
    if (!put && purchase != KW_NA_DATE && purchase < e[i].date) {
      out[m++] = (ev){e[i].cust, purchase, pid, KW_NA_ID, 0};
      put = true;
    }
    out[m++] = e[i];
  }
  if (!put && purchase != KW_NA_DATE && purchase <= last_ok) {
    out[m++] = (ev){e[e0].cust, purchase, pid, KW_NA_ID, 0};
    put = true;
  }
  *bought = put;
  return m;
}

/* Absorption probability into "purchase" from start, with state `removed`
 * (an index 1..C, or 0 for none) absorbing into "no purchase". States: 0
 * start, 1..C channels, C+1 purchase, C+2 none; P rows are transition
 * counts. */
static double p_conv(const double *cnt, size_t C, size_t removed) {
  size_t n = C + 1; /* transient states */
  gsl_matrix *A = gsl_matrix_calloc(n, n);
  gsl_vector *b = gsl_vector_calloc(n);
  gsl_vector *x = gsl_vector_alloc(n);
  gsl_permutation *p = gsl_permutation_alloc(n);
  double out = NAN;
  if (!A || !b || !x || !p) goto done;
  const size_t S = C + 3;
  for (size_t i = 0; i < n; i++) {
    gsl_matrix_set(A, i, i, 1.0);
    if (removed && i == removed) continue; /* x_i = 0 */
    double tot = 0;
    for (size_t j = 0; j < S; j++) tot += cnt[i * S + j];
    if (!(tot > 0)) continue;
    for (size_t j = 0; j < n; j++) {
      if (removed && j == removed) continue;
      double q = cnt[i * S + j] / tot;
      gsl_matrix_set(A, i, j, gsl_matrix_get(A, i, j) - q);
    }
    gsl_vector_set(b, i, cnt[i * S + C + 1] / tot);
  }
  int sign;
  if (gsl_linalg_LU_decomp(A, p, &sign) || gsl_linalg_LU_solve(A, p, b, x))
    goto done;
  out = gsl_vector_get(x, 0);
done:
  gsl_matrix_free(A);
  gsl_vector_free(b);
  gsl_vector_free(x);
  gsl_permutation_free(p);
  return out;
}

/* Groups of customers by a code (KW_NA_ID = unknown), merged by the
 * privacy rule: labels of groups >= min_group, then "other" (label NULL)
 * for the rest (unknown included). */
static kw_status make_groups(kw_context *ctx, const uint32_t *code,
                             const uint8_t *bought, size_t n, size_t ncodes,
                             const char *(*name)(const void *, uint32_t,
                                                 char *),
                             const void *nctx, size_t min_group,
                             kw_journey *j, int b) {
  uint64_t *cnt = kw_calloc(ctx, ncodes + 1, sizeof *cnt);
  uint64_t *buy = kw_calloc(ctx, ncodes + 1, sizeof *buy);
  if (!cnt || !buy) {
    kw_free(ctx, cnt);
    kw_free(ctx, buy);
    return kw_fail_nomem(ctx);
  }
  for (size_t i = 0; i < n; i++) {
    if (code[i] == KW_NA_ID - 1) continue; /* not in the journey */
    size_t k = code[i] == KW_NA_ID ? ncodes : code[i];
    cnt[k]++;
    buy[k] += bought[i];
  }
  size_t ng = 0;
  uint64_t on = 0, ob = 0;
  for (size_t k = 0; k < ncodes; k++) {
    if (!cnt[k]) continue;
    if (cnt[k] >= min_group)
      ng++;
    else {
      on += cnt[k];
      ob += buy[k];
    }
  }
  on += cnt[ncodes];
  ob += buy[ncodes];
  bool other = on >= min_group;
  size_t tot = ng + (other ? 1 : 0);
  j->glabels[b] = kw_calloc(ctx, tot ? tot : 1, sizeof(char *));
  j->gcount[b] = kw_calloc(ctx, tot ? tot : 1, sizeof(uint64_t));
  j->gshare[b] = kw_calloc(ctx, tot ? tot : 1, sizeof(double));
  kw_status st = KW_OK;
  if (!j->glabels[b] || !j->gcount[b] || !j->gshare[b]) {
    st = kw_fail_nomem(ctx);
    goto out;
  }
  j->v.by[b].n = tot;
  size_t g = 0;
  char buf[64];
  for (size_t k = 0; k < ncodes; k++) {
    if (!cnt[k] || cnt[k] < min_group) continue;
    j->glabels[b][g] = kw_strdup(ctx, name(nctx, (uint32_t)k, buf));
    if (!j->glabels[b][g]) {
      st = kw_fail_nomem(ctx);
      goto out;
    }
    j->gcount[b][g] = cnt[k];
    j->gshare[b][g] = (double)buy[k] / (double)cnt[k];
    g++;
  }
  if (other) {
    j->gcount[b][g] = on;
    j->gshare[b][g] = (double)ob / (double)on;
  }
  j->v.by[b].label = (const char *const *)j->glabels[b];
  j->v.by[b].customers = j->gcount[b];
  j->v.by[b].bought = j->gshare[b];
out:
  kw_free(ctx, cnt);
  kw_free(ctx, buy);
  return st;
}

static const char *dict_name(const void *d, uint32_t id, char *buf) {
  (void)buf;
  return kw_dict_str((const kw_dict *)d, id);
}

static const char *quarter_name(const void *unused, uint32_t id, char *buf) {
  (void)unused;
  return kw_period_label(buf, (int32_t)id, KW_PERIOD_QUARTER);
}

kw_status kw_journey_compute(kw_context *ctx, const kw_dataset *ds,
                             const kw_journey_options *opt,
                             kw_journey **out) {
  *out = NULL;
  kw_journey_options o;
  if (opt)
    o = *opt;
  else
    kw_journey_options_init(&o);
  const kw_table *tp = kw_dataset_table(ds, KW_TABLE_TOUCHPOINTS);
  if (!tp)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.journey_no_touchpoints",
                       "no touchpoints table", NULL);
  const kw_column *cc = kw_table_role(tp, KW_ROLE_CUSTOMER);
  const kw_column *dc = kw_table_role(tp, KW_ROLE_DATE);
  const kw_column *sc = kw_table_role(tp, KW_ROLE_STAGE);
  const kw_column *hc = kw_table_role(tp, KW_ROLE_CHANNEL);
  if (!cc || !dc || !sc || sc->type != KW_TYPE_TEXT)
    return kw_fail_tpl(
        ctx, KW_EMISSING, "model.e.journey_columns",
        "the touchpoints table needs customer, date and stage columns", NULL);
  if (hc && hc->type != KW_TYPE_TEXT) hc = NULL;
  if (o.window <= 0) o.window = 365;
  /* first purchases */
  const size_t ncust = kw_dict_size(kw_dataset_customers(ds));
  int32_t *fbuy = NULL;
  int32_t as_of = o.as_of;
  kw_status st = KW_OK;
  if (kw_dataset_table(ds, KW_TABLE_TRANSACTIONS) &&
      (st = kw_journey_first_purchases(
           ctx, kw_dataset_table(ds, KW_TABLE_TRANSACTIONS), ncust, &as_of,
           &fbuy)))
    return st;
  kw_journey *j = kw_calloc(ctx, 1, sizeof *j);
  if (!j) {
    kw_free(ctx, fbuy);
    return kw_fail_nomem(ctx);
  }
  j->ctx = ctx;
  kw_journey_data *v = &j->v;
  const size_t rows = kw_table_rows(tp);
  const uint32_t nsd = (uint32_t)kw_dict_size(sc->dict);
  const uint32_t pid = nsd; /* the purchase pseudo-stage */
  const size_t T = (size_t)nsd + 1;
  ev *e = kw_malloc(ctx, (rows ? rows : 1) * sizeof *e);
  ev *buf = kw_malloc(ctx, (rows + 2) * sizeof *buf);
  int32_t *step_of = kw_malloc(ctx, T * sizeof *step_of);
  uint32_t *code = kw_malloc(ctx, (ncust ? ncust : 1) * sizeof *code);
  uint8_t *bought = kw_calloc(ctx, ncust ? ncust : 1, 1);
  uint32_t *furthest = kw_malloc(ctx, (ncust ? ncust : 1) * sizeof *furthest);
  uint32_t *fchan = kw_malloc(ctx, (ncust ? ncust : 1) * sizeof *fchan);
  double *pos = NULL, *dd = NULL, *tb = NULL, *cnt = NULL;
  size_t *pstart = NULL;
  /* each customer's path, interned: distinct paths and their counts */
  kw_dict *pdict = NULL;
  uint64_t *pcnt = NULL;
  size_t npstr = 0, pcap = 0;
  if (!e || !buf || !step_of || !code || !bought || !furthest || !fchan) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  size_t ne = 0;
  for (size_t r = 0; r < rows; r++) {
    uint32_t c = cc->v.text[r], sg = sc->v.text[r];
    int32_t d = dc->v.date[r];
    if (c == KW_NA_ID || sg == KW_NA_ID || d == KW_NA_DATE ||
        (as_of != KW_NA_DATE && d > as_of)) {
      v->skipped++;
      continue;
    }
    e[ne++] = (ev){c, d, sg, hc ? hc->v.text[r] : KW_NA_ID, (uint32_t)r};
  }
  v->touches = ne;
  if (!ne) {
    st = kw_fail_tpl(ctx, KW_EEMPTY, "model.e.journey_none",
                     "no usable touchpoints", NULL);
    goto done;
  }
  if (!kw_journey_sort_events(ctx, e, buf, ne)) qsort(e, ne, sizeof *e, cmp_ev);
#define FIRST_BUY(c) (fbuy && (c) < ncust ? fbuy[c] : KW_NA_DATE)
  /* ---- stage order ---- */
  for (size_t t = 0; t < T; t++) step_of[t] = -1;
  size_t nsteps = 0;
  if (o.stages && o.n_stages) {
    for (size_t k = 0; k < o.n_stages; k++) {
      uint32_t id = KW_NA_ID;
      if (strcmp(o.stages[k], PURCHASE_NAME) == 0 ||
          strcmp(o.stages[k], "aankoop") == 0)
        id = pid;
      else
        for (uint32_t t = 0; t < nsd; t++)
          if (strcmp(kw_dict_str(sc->dict, t), o.stages[k]) == 0) id = t;
      if (id == KW_NA_ID) {
        st = kw_fail_tpl(ctx, KW_EARG, "model.e.journey_stage",
                         "stage '{stage}' does not occur in the touchpoints",
                         "stage", o.stages[k], NULL);
        goto done;
      }
      if (step_of[id] < 0) step_of[id] = (int32_t)nsteps++;
    }
  } else {
    v->order_inferred = true;
    /* relative positions of each stage's first occurrence, per stage */
    size_t *nper = kw_calloc(ctx, T, sizeof *nper);
    pos = kw_malloc(ctx, (ne + ncust + 1) * sizeof *pos);
    pstart = kw_calloc(ctx, T + 1, sizeof *pstart);
    uint8_t *seen = kw_calloc(ctx, T, 1);
    /* precedence counts prec[a * T + b]: customers whose first a comes
       before their first b (ties of the median are ordered by it) */
    uint32_t *prec = T <= 128 ? kw_calloc(ctx, T * T, sizeof *prec) : NULL;
    uint32_t *order_seen = kw_malloc(ctx, T * sizeof *order_seen);
    if (!nper || !pos || !pstart || !seen || !order_seen ||
        (T <= 128 && !prec)) {
      kw_free(ctx, prec);
      kw_free(ctx, order_seen);
      kw_free(ctx, nper);
      kw_free(ctx, seen);
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        for (size_t t = 0; t < T; t++) pstart[t + 1] = pstart[t] + nper[t];
        memset(nper, 0, T * sizeof *nper);
      }
      for (size_t a = 0; a < ne;) {
        size_t b = a;
        while (b < ne && e[b].cust == e[a].cust) b++;
        bool bg;
        size_t m = customer_events(e, a, b, FIRST_BUY(e[a].cust), pid,
                                   o.window, buf, &bg);
        size_t nos = 0;
        for (size_t i = 0; i < m; i++) {
          uint32_t t = buf[i].stage;
          if (seen[t]) continue;
          seen[t] = 1;
          if (pass == 1) {
            pos[pstart[t] + nper[t]] =
                m > 1 ? (double)i / (double)(m - 1) : 0.0;
            if (prec)
              for (size_t q = 0; q < nos; q++) prec[order_seen[q] * T + t]++;
            order_seen[nos++] = t;
          }
          nper[t]++;
        }
        for (size_t i = 0; i < m; i++) seen[buf[i].stage] = 0;
        a = b;
      }
    }
    stage_pos *sp = kw_malloc(ctx, T * sizeof *sp);
    if (!sp) {
      kw_free(ctx, prec);
      kw_free(ctx, order_seen);
      kw_free(ctx, nper);
      kw_free(ctx, seen);
      st = kw_fail_nomem(ctx);
      goto done;
    }
    size_t nsp = 0;
    for (size_t t = 0; t < T; t++) {
      if (!nper[t]) continue;
      kw_journey_sort_doubles(ctx, pos + pstart[t], nper[t]);
      double mean = 0;
      for (size_t i = 0; i < nper[t]; i++) mean += pos[pstart[t] + i];
      mean /= (double)nper[t];
      sp[nsp++] = (stage_pos){quantile(pos + pstart[t], nper[t], 0.5),
                              mean, (uint32_t)t};
    }
    qsort(sp, nsp, sizeof *sp, cmp_stage_pos);
    /* within a run of equal medians, insertion sort by precedence: b goes
       before a when more customers had b first */
    if (prec)
      for (size_t k = 1; k < nsp; k++) {
        size_t q = k;
        while (q > 0 && sp[q - 1].med == sp[q].med &&
               prec[sp[q].id * T + sp[q - 1].id] >
                   prec[sp[q - 1].id * T + sp[q].id]) {
          stage_pos tmp = sp[q];
          sp[q] = sp[q - 1];
          sp[q - 1] = tmp;
          q--;
        }
      }
    kw_free(ctx, prec);
    kw_free(ctx, order_seen);
    j->medpos = kw_malloc(ctx, (nsp ? nsp : 1) * sizeof *j->medpos);
    if (!j->medpos) {
      kw_free(ctx, sp);
      kw_free(ctx, nper);
      kw_free(ctx, seen);
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t k = 0; k < nsp; k++) {
      step_of[sp[k].id] = (int32_t)k;
      j->medpos[k] = sp[k].med;
    }
    nsteps = nsp;
    kw_free(ctx, sp);
    kw_free(ctx, nper);
    kw_free(ctx, seen);
  }
  j->names = kw_calloc(ctx, nsteps ? nsteps : 1, sizeof *j->names);
  j->counts = kw_calloc(ctx, 3 * (nsteps ? nsteps : 1), sizeof *j->counts);
  j->days = kw_calloc(ctx, 2 * (nsteps ? nsteps : 1), sizeof *j->days);
  if (!j->names || !j->counts || !j->days) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  v->n_steps = nsteps;
  for (size_t t = 0; t < T; t++) {
    if (step_of[t] < 0) continue;
    j->names[step_of[t]] = kw_strdup(
        ctx, t == pid ? PURCHASE_NAME : kw_dict_str(sc->dict, (uint32_t)t));
    if (!j->names[step_of[t]]) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
  }
  if (!j->medpos) {
    j->medpos = kw_malloc(ctx, (nsteps ? nsteps : 1) * sizeof *j->medpos);
    if (!j->medpos) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    for (size_t k = 0; k < nsteps; k++) j->medpos[k] = NAN;
  }
  /* ---- funnel, times, paths, groups, attribution: one walk ---- */
  uint64_t *entered = j->counts, *converted = j->counts + nsteps,
           *touched = j->counts + 2 * nsteps;
  size_t maxd = ne + ncust + 1;
  dd = kw_malloc(ctx, maxd * sizeof *dd);         /* step-to-step days */
  size_t *ddn = kw_calloc(ctx, nsteps + 1, sizeof *ddn);
  int32_t *fdate = kw_malloc(ctx, (nsteps + 1) * sizeof *fdate);
  tb = kw_malloc(ctx, (ncust ? ncust : 1) * sizeof *tb);
  uint64_t *fur_hist = kw_calloc(ctx, nsteps + 1, sizeof *fur_hist);
  const size_t C = hc ? kw_dict_size(hc->dict) : 0;
  const size_t S = C + 3;
  double *first_t = kw_calloc(ctx, C + 1, sizeof *first_t);
  double *last_t = kw_calloc(ctx, C + 1, sizeof *last_t);
  double *lin_t = kw_calloc(ctx, C + 1, sizeof *lin_t);
  if (C && C <= 256) cnt = kw_calloc(ctx, S * S, sizeof *cnt);
  pdict = kw_dict_new(ctx);
  char *pbuf = kw_malloc(ctx, 4096);
  if (!dd || !ddn || !fdate || !tb || !fur_hist || !first_t || !last_t ||
      !lin_t || (C && C <= 256 && !cnt) || !pdict || !pbuf) {
    kw_free(ctx, ddn);
    kw_free(ctx, fdate);
    kw_free(ctx, fur_hist);
    kw_free(ctx, first_t);
    kw_free(ctx, last_t);
    kw_free(ctx, lin_t);
    kw_free(ctx, pbuf);
    st = kw_fail_nomem(ctx);
    goto done;
  }
  /* step-to-step day differences go into per-step ranges of dd: count
     first, then fill (two walks) */
  size_t *ddstart = kw_calloc(ctx, nsteps + 2, sizeof *ddstart);
  if (!ddstart) {
    st = kw_fail_nomem(ctx);
    kw_free(ctx, ddn);
    kw_free(ctx, fdate);
    kw_free(ctx, fur_hist);
    kw_free(ctx, first_t);
    kw_free(ctx, last_t);
    kw_free(ctx, lin_t);
    kw_free(ctx, pbuf);
    goto done;
  }
  size_t ntb = 0;
  double purchases = 0;
  for (size_t c = 0; c < ncust; c++) {
    code[c] = KW_NA_ID - 1;
    furthest[c] = 0;
    fchan[c] = KW_NA_ID;
  }
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 1) {
      for (size_t k = 0; k < nsteps; k++)
        ddstart[k + 1] = ddstart[k] + ddn[k];
      memset(ddn, 0, (nsteps + 1) * sizeof *ddn);
    }
    for (size_t a = 0; a < ne;) {
      size_t b = a;
      while (b < ne && e[b].cust == e[a].cust) b++;
      uint32_t c = e[a].cust;
      bool bg;
      size_t m = customer_events(e, a, b, FIRST_BUY(c), pid, o.window, buf,
                                 &bg);
      for (size_t k = 0; k < nsteps; k++) fdate[k] = KW_NA_DATE;
      int32_t fur = -1;
      for (size_t i = 0; i < m; i++) {
        int32_t k = step_of[buf[i].stage];
        if (k < 0) continue;
        if (fdate[k] == KW_NA_DATE) fdate[k] = buf[i].date;
        if (k > fur) fur = k;
      }
      for (size_t k = 0; k + 1 < nsteps; k++) {
        if (fdate[k] == KW_NA_DATE || fdate[k + 1] == KW_NA_DATE ||
            fdate[k + 1] < fdate[k])
          continue;
        if (pass == 1)
          dd[ddstart[k] + ddn[k]] = (double)(fdate[k + 1] - fdate[k]);
        ddn[k]++;
      }
      if (pass == 0) {
        v->customers++;
        if (c < ncust) {
          bought[c] = bg;
          code[c] = 0;
          fchan[c] = e[a].chan;
        }
        if (fur >= 0) {
          fur_hist[fur]++;
          if (c < ncust) furthest[c] = (uint32_t)fur + 1;
        }
        for (size_t k = 0; k < nsteps; k++)
          if (fdate[k] != KW_NA_DATE) touched[k]++;
        /* path: distinct consecutive stages up to the purchase */
        size_t pl = 0;
        uint32_t prev = KW_NA_ID;
        for (size_t i = 0; i < m; i++) {
          if (buf[i].stage == prev) continue;
          prev = buf[i].stage;
          const char *nm = buf[i].stage == pid
                               ? PURCHASE_NAME
                               : kw_dict_str(sc->dict, buf[i].stage);
          size_t l = strlen(nm);
          if (pl + l + 4 >= 4096) break;
          if (pl) {
            memcpy(pbuf + pl, " > ", 3);
            pl += 3;
          }
          memcpy(pbuf + pl, nm, l);
          pl += l;
          if (buf[i].stage == pid) break;
        }
        pbuf[pl] = 0;
        uint32_t path_id = 0;
        if ((st = kw_dict_intern(ctx, pdict, pbuf, pl, &path_id, NULL))) break;
        if (path_id >= pcap) {
          size_t cap = pcap ? 2 * pcap : 64;
          uint64_t *g = kw_realloc(ctx, pcnt, cap * sizeof *g);
          if (!g) {
            st = kw_fail_nomem(ctx);
            break;
          }
          memset(g + pcap, 0, (cap - pcap) * sizeof *g);
          pcnt = g;
          pcap = cap;
        }
        pcnt[path_id]++;
        npstr++;
        /* touches before the purchase, and attribution */
        size_t ntouch = 0;
        uint32_t prevs = 0; /* chain state: 0 start */
        uint32_t firstc = KW_NA_ID, lastc = KW_NA_ID;
        for (size_t i = 0; i < m; i++) {
          if (buf[i].stage == pid) break;
          ntouch++;
          if (buf[i].chan == KW_NA_ID || !C) continue;
          if (firstc == KW_NA_ID) firstc = buf[i].chan;
          lastc = buf[i].chan;
          if (cnt) {
            uint32_t sidx = buf[i].chan + 1;
            cnt[prevs * S + sidx] += 1;
            prevs = sidx;
          }
        }
        if (cnt && prevs) cnt[prevs * S + (bg ? C + 1 : C + 2)] += 1;
        if (bg && ntouch) tb[ntb++] = (double)ntouch;
        if (bg && firstc != KW_NA_ID) {
          size_t nch = 0;
          for (size_t i = 0; i < m && buf[i].stage != pid; i++)
            if (buf[i].chan != KW_NA_ID) nch++;
          first_t[firstc] += 1;
          last_t[lastc] += 1;
          for (size_t i = 0; i < m && buf[i].stage != pid; i++)
            if (buf[i].chan != KW_NA_ID) lin_t[buf[i].chan] += 1.0 / (double)nch;
          purchases += 1;
        }
      }
      a = b;
    }
    if (st) break;
  }
  if (!st) {
    /* funnel from the histogram of furthest steps */
    uint64_t acc = 0;
    for (size_t k = nsteps; k-- > 0;) {
      acc += fur_hist[k];
      entered[k] = acc;
    }
    for (size_t k = 0; k < nsteps; k++)
      converted[k] = k + 1 < nsteps ? entered[k + 1] : entered[k];
    for (size_t k = 0; k < nsteps; k++) {
      j->days[k] = j->days[nsteps + k] = NAN;
      if (!ddn[k]) continue;
      kw_journey_sort_doubles(ctx, dd + ddstart[k], ddn[k]);
      j->days[k] = quantile(dd + ddstart[k], ddn[k], 0.5);
      j->days[nsteps + k] = quantile(dd + ddstart[k], ddn[k], 0.9);
    }
    v->touches_before_purchase_mean = v->touches_before_purchase_median = NAN;
    if (ntb) {
      double sm = 0;
      for (size_t i = 0; i < ntb; i++) sm += tb[i];
      v->touches_before_purchase_mean = sm / (double)ntb;
      kw_journey_sort_doubles(ctx, tb, ntb);
      v->touches_before_purchase_median = quantile(tb, ntb, 0.5);
    }
    v->buyers_with_touches = (uint64_t)purchases;
    /* where the most are lost, and what they share */
    /* prospects are lost before the purchase: only steps up to it */
    v->worst_step = SIZE_MAX;
    uint64_t worst = 0;
    size_t last_step = step_of[pid] >= 0 ? (size_t)step_of[pid] : nsteps - 1;
    for (size_t k = 0; k < last_step && k + 1 < nsteps; k++)
      if (entered[k] - entered[k + 1] > worst) {
        worst = entered[k] - entered[k + 1];
        v->worst_step = k;
      }
    if (v->worst_step != SIZE_MAX && C) {
      uint64_t *in = kw_calloc(ctx, C, sizeof *in);
      uint64_t *lost = kw_calloc(ctx, C, sizeof *lost);
      if (in && lost) {
        uint64_t nin = 0, nlost = 0;
        for (size_t c = 0; c < ncust; c++) {
          if (furthest[c] < v->worst_step + 1 || fchan[c] == KW_NA_ID)
            continue;
          nin++;
          in[fchan[c]]++;
          if (furthest[c] == v->worst_step + 1) {
            nlost++;
            lost[fchan[c]]++;
          }
        }
        double best = 1.0;
        for (size_t ch = 0; ch < C; ch++) {
          if (lost[ch] < o.min_group || !in[ch] || !nlost) continue;
          double lift = ((double)lost[ch] / (double)nlost) /
                        ((double)in[ch] / (double)nin);
          if (lift > best) {
            best = lift;
            kw_free(ctx, j->worst_channel);
            j->worst_channel =
                kw_strdup(ctx, kw_dict_str(hc->dict, (uint32_t)ch));
            v->worst_lift = lift;
            v->worst_lost_with_channel = lost[ch];
          }
        }
      }
      kw_free(ctx, in);
      kw_free(ctx, lost);
      v->worst_channel = j->worst_channel;
    }
  }
  kw_free(ctx, ddn);
  kw_free(ctx, ddstart);
  kw_free(ctx, fdate);
  kw_free(ctx, fur_hist);
  kw_free(ctx, pbuf);
  if (st) {
    kw_free(ctx, first_t);
    kw_free(ctx, last_t);
    kw_free(ctx, lin_t);
    goto done;
  }
  /* ---- groups ---- */
  {
    uint32_t *g = kw_malloc(ctx, (ncust ? ncust : 1) * sizeof *g);
    if (!g) {
      st = kw_fail_nomem(ctx);
    } else {
      for (size_t c = 0; c < ncust; c++)
        g[c] = code[c] == KW_NA_ID - 1 ? code[c] : fchan[c];
      st = make_groups(ctx, g, bought, ncust, C, dict_name,
                       hc ? hc->dict : NULL, o.min_group, j,
                       KW_JOURNEY_BY_CHANNEL);
      const kw_table *ct = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
      const kw_column *sec = ct ? kw_table_role(ct, KW_ROLE_SECTOR) : NULL;
      if (!st && sec && sec->type == KW_TYPE_TEXT) {
        uint32_t *vr = kw_malloc(ctx, (ncust ? ncust : 1) * sizeof *vr);
        if (!vr)
          st = kw_fail_nomem(ctx);
        else {
          growth_value_rows(ctx, ct, sec, vr, ncust);
          for (size_t c = 0; c < ncust; c++)
            g[c] = code[c] == KW_NA_ID - 1 ? code[c]
                   : vr[c] == KW_NA_ID     ? KW_NA_ID
                                           : sec->v.text[vr[c]];
          st = make_groups(ctx, g, bought, ncust, kw_dict_size(sec->dict),
                           dict_name, sec->dict, o.min_group, j,
                           KW_JOURNEY_BY_SECTOR);
          kw_free(ctx, vr);
        }
      }
      if (!st) {
        /* quarters of the first touch, relative to the earliest */
        int32_t q0 = kw_period_index(e[0].date, KW_PERIOD_QUARTER);
        int32_t q1 = q0;
        for (size_t i = 0; i < ne; i++) {
          int32_t q = kw_period_index(e[i].date, KW_PERIOD_QUARTER);
          if (q < q0) q0 = q;
          if (q > q1) q1 = q;
        }
        for (size_t c = 0; c < ncust; c++) g[c] = code[c];
        for (size_t a = 0; a < ne;) {
          size_t b = a;
          while (b < ne && e[b].cust == e[a].cust) b++;
          if (e[a].cust < ncust)
            g[e[a].cust] =
                (uint32_t)(kw_period_index(e[a].date, KW_PERIOD_QUARTER) -
                           q0);
          a = b;
        }
        /* names: quarter labels need the absolute index */
        size_t nq = (size_t)(q1 - q0) + 1;
        for (size_t c = 0; c < ncust; c++)
          if (g[c] < nq) g[c] += (uint32_t)q0;
        st = make_groups(ctx, g, bought, ncust, (size_t)q1 + 1,
                         quarter_name, NULL, o.min_group, j,
                         KW_JOURNEY_BY_COHORT);
      }
      kw_free(ctx, g);
    }
  }
  /* ---- paths ---- */
  if (!st && npstr) {
    /* distinct paths by count, then text: a total order, so the same
       list as sorting every customer's path and counting runs */
    size_t nu = kw_dict_size(pdict);
    str_count *sc2 = kw_malloc(ctx, (nu ? nu : 1) * sizeof *sc2);
    if (!sc2)
      st = kw_fail_nomem(ctx);
    else {
      for (size_t i = 0; i < nu; i++)
        sc2[i] = (str_count){kw_dict_str(pdict, (uint32_t)i), pcnt[i]};
      qsort(sc2, nu, sizeof *sc2, cmp_str_count);
      size_t keep = 0;
      while (keep < nu && keep < o.max_paths && sc2[keep].n >= o.min_group)
        keep++;
      j->paths = kw_calloc(ctx, keep ? keep : 1, sizeof *j->paths);
      j->pcount = kw_calloc(ctx, keep ? keep : 1, sizeof *j->pcount);
      if (!j->paths || !j->pcount)
        st = kw_fail_nomem(ctx);
      else {
        v->n_paths = keep;
        for (size_t i = 0; i < keep && !st; i++) {
          j->paths[i] = kw_strdup(ctx, sc2[i].s);
          j->pcount[i] = sc2[i].n;
          if (!j->paths[i]) st = kw_fail_nomem(ctx);
        }
        v->path = (const char *const *)j->paths;
        v->path_count = j->pcount;
      }
      kw_free(ctx, sc2);
    }
  }
  /* ---- attribution ---- */
  if (!st && C) {
    size_t nch = 0;
    for (size_t ch = 0; ch < C; ch++)
      if (first_t[ch] > 0 || last_t[ch] > 0 || lin_t[ch] > 0 ||
          (cnt && cnt[0 * S + ch + 1] > 0))
        nch++;
    j->chnames = kw_calloc(ctx, nch ? nch : 1, sizeof *j->chnames);
    j->attr = kw_calloc(ctx, 4 * (nch ? nch : 1), sizeof *j->attr);
    if (!j->chnames || !j->attr)
      st = kw_fail_nomem(ctx);
    else {
      double p_all = cnt ? p_conv(cnt, C, 0) : NAN;
      v->p_conversion = p_all;
      double *re = kw_calloc(ctx, nch ? nch : 1, sizeof *re);
      double re_sum = 0;
      size_t k = 0;
      for (size_t ch = 0; ch < C && re; ch++) {
        if (!(first_t[ch] > 0 || last_t[ch] > 0 || lin_t[ch] > 0 ||
              (cnt && cnt[0 * S + ch + 1] > 0)))
          continue;
        j->chnames[k] = kw_strdup(ctx, kw_dict_str(hc->dict, (uint32_t)ch));
        if (!j->chnames[k]) {
          st = kw_fail_nomem(ctx);
          break;
        }
        v->n_channels = k + 1;
        j->attr[k] = first_t[ch];
        j->attr[nch + k] = last_t[ch];
        j->attr[2 * nch + k] = lin_t[ch];
        double pr = cnt ? p_conv(cnt, C, ch + 1) : NAN;
        re[k] = p_all > 0 && !isnan(pr) ? 1.0 - pr / p_all : NAN;
        if (re[k] > 0) re_sum += re[k];
        k++;
      }
      if (!re) st = kw_fail_nomem(ctx);
      for (size_t i = 0; i < v->n_channels && re; i++)
        j->attr[3 * nch + i] =
            re_sum > 0 && re[i] > 0 ? purchases * re[i] / re_sum
            : re_sum > 0            ? 0.0
                                    : NAN;
      kw_free(ctx, re);
      v->channel = (const char *const *)j->chnames;
      v->first_touch = j->attr;
      v->last_touch = j->attr + nch;
      v->linear = j->attr + 2 * nch;
      v->markov = j->attr + 3 * nch;
      v->purchases = purchases;
    }
  }
  kw_free(ctx, first_t);
  kw_free(ctx, last_t);
  kw_free(ctx, lin_t);
  v->stage = (const char *const *)j->names;
  v->median_position = j->medpos;
  v->entered = entered;
  v->converted = converted;
  v->touched = touched;
  v->days_median = j->days;
  v->days_p90 = j->days + nsteps;
done:
#undef FIRST_BUY
  kw_dict_free(ctx, pdict);
  kw_free(ctx, pcnt);
  kw_free(ctx, e);
  kw_free(ctx, buf);
  kw_free(ctx, step_of);
  kw_free(ctx, code);
  kw_free(ctx, bought);
  kw_free(ctx, furthest);
  kw_free(ctx, fchan);
  kw_free(ctx, pos);
  kw_free(ctx, pstart);
  kw_free(ctx, dd);
  kw_free(ctx, tb);
  kw_free(ctx, cnt);
  kw_free(ctx, fbuy);
  if (st) {
    kw_journey_free(j);
    return st;
  }
  *out = j;
  return KW_OK;
}
