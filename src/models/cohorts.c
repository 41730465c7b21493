/*
 * cohorts.c — acquisition cohorts: activity, revenue and net revenue
 * retention by periods since acquisition (definitions in
 * klantwijs/retention.h).
 *
 * Design: one purchase history (churn_common.c), then one walk over each
 * customer's sorted days. Counts go into integer matrices (cohorts x
 * ages): `active` gets one increment per distinct purchase period of a
 * customer (days are sorted, so a repeat of the same period is adjacent),
 * `last` one increment at the age of the customer's last purchase period,
 * turned into "active in k or later" by a suffix sum along each row;
 * revenue is summed in cents. The seven double matrices a report draws are
 * derived from these once, with their masks and pooled rows.
 */
#include "klantwijs/retention.h"

#include <string.h>

#include "models/churn_common.h"

struct kw_cohorts {
  kw_context *ctx;
  kw_period_unit unit;
  int32_t as_of;
  bool partial;
  int32_t first_index;
  size_t rows, cols;
  uint64_t *size;    /* rows */
  uint64_t *active;  /* rows * cols */
  uint64_t *later;
  int64_t *revenue;  /* cents */
  kw_cohort_matrix mat[KW_COHORT__COUNT];
  double *values;    /* one block for all value/total arrays */
  uint8_t *masks;    /* one block for all masks */
};

void kw_cohort_options_init(kw_cohort_options *o) {
  o->as_of = KW_NA_DATE;
  o->period = KW_PERIOD_MONTH;
}

const char *kw_cohort_metric_name(kw_cohort_metric m) {
  static const char *const names[KW_COHORT__COUNT] = {
      "active",  "active_share", "active_later", "active_later_share",
      "revenue", "nrr",          "cumulative_revenue_per_customer"};
  return (unsigned)m < KW_COHORT__COUNT ? names[m] : "";
}

void kw_cohorts_free(kw_cohorts *co) {
  if (!co) return;
  kw_context *ctx = co->ctx;
  kw_free(ctx, co->size);
  kw_free(ctx, co->active);
  kw_free(ctx, co->later);
  kw_free(ctx, co->revenue);
  kw_free(ctx, co->values);
  kw_free(ctx, co->masks);
  kw_free(ctx, co);
}

/* Fill the derived matrices from the counts. */
static void derive(kw_cohorts *co) {
  const size_t R = co->rows, C = co->cols;
  /* cumulative revenue along each row, parked in its own value matrix */
  double *cumv = (double *)co->mat[KW_COHORT_CUM_REVENUE_PER_CUSTOMER].value;
  for (size_t c = 0; c < R; c++) {
    double run = 0;
    for (size_t k = 0; c + k < R; k++) {
      run += (double)co->revenue[c * C + k];
      cumv[c * C + k] = run;
    }
  }
  for (int m = 0; m < KW_COHORT__COUNT; m++) {
    kw_cohort_matrix *M = &co->mat[m];
    double *v = (double *)M->value;
    uint8_t *def = (uint8_t *)M->defined;
    double *tot = (double *)M->total;
    uint8_t *tdef = (uint8_t *)M->total_defined;
    for (size_t k = 0; k < C; k++) {
      double num = 0, den = 0;
      bool any = false;
      for (size_t c = 0; c + k < R; c++) { /* observed: c + k <= last */
        size_t i = c * C + k;
        double sz = (double)co->size[c];
        double rev0 = (double)co->revenue[c * C];
        double a = (double)co->active[i], l = (double)co->later[i];
        double cum = cumv[i];
        double x = 0, dn = 1;
        bool ok = true;
        switch ((kw_cohort_metric)m) {
          case KW_COHORT_ACTIVE:
            x = a;
            break;
          case KW_COHORT_ACTIVE_SHARE:
            x = a;
            dn = sz;
            ok = sz > 0;
            break;
          case KW_COHORT_ACTIVE_LATER:
            x = l;
            break;
          case KW_COHORT_ACTIVE_LATER_SHARE:
            x = l;
            dn = sz;
            ok = sz > 0;
            break;
          case KW_COHORT_REVENUE:
            x = (double)co->revenue[i] / 100.0;
            break;
          case KW_COHORT_NRR:
            x = (double)co->revenue[i];
            dn = rev0;
            ok = rev0 > 0;
            break;
          case KW_COHORT_CUM_REVENUE_PER_CUSTOMER:
            x = cum / 100.0;
            dn = sz;
            ok = sz > 0;
            break;
          case KW_COHORT__COUNT:
            break;
        }
        def[i] = ok;
        v[i] = ok ? x / dn : 0.0;
        if (ok) {
          num += x;
          den += dn;
          any = true;
        }
      }
      bool is_ratio = m == KW_COHORT_ACTIVE_SHARE ||
                      m == KW_COHORT_ACTIVE_LATER_SHARE ||
                      m == KW_COHORT_NRR ||
                      m == KW_COHORT_CUM_REVENUE_PER_CUSTOMER;
      if (is_ratio) {
        tdef[k] = any && den > 0;
        tot[k] = tdef[k] ? num / den : 0.0;
      } else {
        tdef[k] = 1;
        tot[k] = num;
      }
    }
  }
}

/* An empty cohort set from the first purchase day to as_of: counts to
 * be filled, then derive(). */
static kw_status cohorts_alloc(kw_context *ctx, kw_period_unit u,
                               int32_t as_of, int32_t first_day,
                               kw_cohorts **out) {
  *out = NULL;
  kw_cohorts *co = kw_calloc(ctx, 1, sizeof *co);
  if (!co) return kw_fail_nomem(ctx);
  co->ctx = ctx;
  co->unit = u;
  co->as_of = as_of;
  const int32_t last = kw_period_index(as_of, u);
  co->first_index = kw_period_index(first_day, u);
  co->partial = kw_period_index(as_of + 1, u) == last;
  const size_t R = (size_t)(last - co->first_index) + 1, C = R;
  co->rows = R;
  co->cols = C;
  size_t cells;
  if (!kw_mul_size(R, C, &cells) || cells > ((size_t)1 << 21)) {
    kw_cohorts_free(co);
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.cohorts_too_many",
                       "cohorts: {n} periods is too many for a cohort matrix; "
                       "use a longer period",
                       "n", KW_NUM_U(R), NULL);
  }
  co->size = kw_calloc(ctx, R, sizeof *co->size);
  co->active = kw_calloc(ctx, cells, sizeof *co->active);
  co->later = kw_calloc(ctx, cells, sizeof *co->later);
  co->revenue = kw_calloc(ctx, cells, sizeof *co->revenue);
  co->values = kw_calloc(ctx, KW_COHORT__COUNT * (cells + C),
                         sizeof *co->values);
  co->masks = kw_calloc(ctx, KW_COHORT__COUNT * (cells + C),
                        sizeof *co->masks);
  if (!co->size || !co->active || !co->later || !co->revenue ||
      !co->values || !co->masks) {
    kw_cohorts_free(co);
    return kw_fail_nomem(ctx);
  }
  for (int m = 0; m < KW_COHORT__COUNT; m++) {
    kw_cohort_matrix *M = &co->mat[m];
    M->rows = R;
    M->cols = C;
    M->value = co->values + (size_t)m * (cells + C);
    M->total = M->value + cells;
    M->defined = co->masks + (size_t)m * (cells + C);
    M->total_defined = M->defined + cells;
  }
  *out = co;
  return KW_OK;
}

/* "active in k or later" from the counts of last purchase periods. */
static void suffix_later(kw_cohorts *co) {
  const size_t R = co->rows, C = co->cols;
  for (size_t c = 0; c < R; c++)
    for (size_t k = C - 1; k > 0; k--)
      co->later[c * C + k - 1] += co->later[c * C + k];
}

kw_status kw_cohorts_build(kw_context *ctx, const kw_table *tx,
                           const kw_cohort_options *o, kw_cohorts **out) {
  *out = NULL;
  kw_cohort_options defaults;
  if (!o) {
    kw_cohort_options_init(&defaults);
    o = &defaults;
  }
  if ((unsigned)o->period > KW_PERIOD_QUARTER)
    return kw_fail(ctx, KW_EARG, "unknown period unit %d", (int)o->period);
  kw_history h;
  kw_status st = kw_history_build(ctx, tx, o->as_of, &h);
  if (st) return st;
  if (h.n_buyers == 0) {
    kw_history_free(ctx, &h);
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.cohorts_no_purchases",
                       "cohorts: no purchases up to the as-of date", NULL);
  }
  kw_cohorts *co = NULL;
  st = cohorts_alloc(ctx, o->period, h.as_of, h.first_day, &co);
  if (st) {
    kw_history_free(ctx, &h);
    return st;
  }
  const kw_period_unit u = o->period;
  const size_t C = co->cols;
  for (size_t cu = 0; cu < h.n_customers; cu++) {
    const kw_hday *d = h.days + h.start[cu];
    const size_t nd = h.start[cu + 1] - h.start[cu];
    size_t f = 0;
    while (f < nd && !d[f].purchase) f++; /* first purchase day */
    if (f == nd) continue;
    const int32_t pc = kw_period_index(d[f].day, u);
    const size_t c = (size_t)(pc - co->first_index);
    co->size[c]++;
    int32_t prev = INT32_MIN, lastp = pc;
    for (size_t i = f; i < nd; i++) {
      int32_t p = kw_period_index(d[i].day, u);
      size_t k = (size_t)(p - pc);
      co->revenue[c * C + k] += d[i].amount;
      if (d[i].purchase) {
        if (p != prev) co->active[c * C + k]++;
        prev = p;
        lastp = p;
      }
    }
    co->later[c * C + (size_t)(lastp - pc)]++;
  }
  suffix_later(co);
  kw_history_free(ctx, &h);
  derive(co);
  *out = co;
  return KW_OK;
}

size_t kw_cohorts_count(const kw_cohorts *co) { return co ? co->rows : 0; }
size_t kw_cohorts_ages(const kw_cohorts *co) { return co ? co->cols : 0; }
kw_period_unit kw_cohorts_period(const kw_cohorts *co) {
  return co ? co->unit : KW_PERIOD_MONTH;
}
int32_t kw_cohorts_as_of(const kw_cohorts *co) {
  return co ? co->as_of : KW_NA_DATE;
}
bool kw_cohorts_partial(const kw_cohorts *co) { return co && co->partial; }
int32_t kw_cohorts_index(const kw_cohorts *co, size_t c) {
  return co && c < co->rows ? co->first_index + (int32_t)c : 0;
}
uint64_t kw_cohorts_size(const kw_cohorts *co, size_t c) {
  return co && c < co->rows ? co->size[c] : 0;
}
int64_t kw_cohorts_revenue_cents(const kw_cohorts *co, size_t c, size_t k) {
  if (!co || c >= co->rows || k >= co->cols || c + k >= co->rows) return 0;
  return co->revenue[c * co->cols + k];
}
const kw_cohort_matrix *kw_cohorts_matrix(const kw_cohorts *co,
                                          kw_cohort_metric m) {
  return co && (unsigned)m < KW_COHORT__COUNT ? &co->mat[m] : NULL;
}

kw_status kw_cohorts_from_cells(kw_context *ctx, kw_period_unit u,
                                int32_t as_of, const kw_cohort_cell *cell,
                                size_t n, kw_cohorts **out) {
  *out = NULL;
  if ((unsigned)u > KW_PERIOD_QUARTER)
    return kw_fail(ctx, KW_EARG, "unknown period unit %d", (int)u);
  int32_t first_day = INT32_MAX;
  for (size_t i = 0; i < n; i++)
    if (cell[i].last && cell[i].cohort_day < first_day)
      first_day = cell[i].cohort_day;
  if (first_day == INT32_MAX)
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.cohorts_no_purchases",
                       "cohorts: no purchases up to the as-of date", NULL);
  kw_cohorts *co = NULL;
  kw_status st = cohorts_alloc(ctx, u, as_of, first_day, &co);
  if (st) return st;
  const size_t R = co->rows, C = co->cols;
  for (size_t i = 0; i < n; i++) {
    int32_t p = kw_period_index(cell[i].cohort_day, u);
    if (p < co->first_index || cell[i].cohort_day > as_of ||
        (size_t)(p - co->first_index) + cell[i].age >= R) {
      kw_cohorts_free(co);
      return kw_fail(ctx, KW_EINPUT, "cohorts: a cell (cohort day %ld, age "
                     "%lu) lies outside the periods up to the as-of date",
                     (long)cell[i].cohort_day, (unsigned long)cell[i].age);
    }
    size_t c = (size_t)(p - co->first_index), j = c * C + cell[i].age;
    co->active[j] += cell[i].active;
    co->later[j] += cell[i].last;
    co->revenue[j] += cell[i].revenue;
    co->size[c] += cell[i].last;
  }
  suffix_later(co);
  derive(co);
  *out = co;
  return KW_OK;
}
