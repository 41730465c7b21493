/*
 * payments.c — payment behaviour per customer and receivables of the
 * portfolio, from the invoices table, seen at an as-of date.
 *
 * Measures (definitions in klantwijs/payments.h):
 *   days to pay   amount-weighted mean of paid - invoice date;
 *   days late     amount-weighted mean of max(0, paid - due); the
 *                 "average days delinquent" of credit management
 *                 (e.g. Bragg, "Credit & Collection Guide"), weighted by
 *                 amount so that a late large invoice counts for more
 *                 than a late small one;
 *   ageing        open amounts by days past due in 30-day buckets, the
 *                 usual accounts-receivable ageing schedule;
 *   DSO           open receivables / sales of the last D days x D (the
 *                 "countback-free" period method, D = 90 by default).
 *
 * One pass over the rows keeps per-invoice state (customer, total, open,
 * late) in an array indexed by the interned invoice id, so a partially
 * paid invoice needs no grouping sort; per-customer sums are arrays by
 * customer id. No allocation per row. Errors in the data are counted and
 * left out of the timing, never used silently.
 */
#include "klantwijs/payments.h"

#include <stdio.h>
#include <math.h>
#include <string.h>

#include "core/core.h"
#include "models/value_rank.h"

struct kw_payments {
  kw_context *ctx;
  kw_payments_data d;
  uint32_t *invoices, *settled, *settled_late, *errors, *top;
  double *late_share, *days_to_pay, *days_late;
  int64_t *invoiced, *open, *credit, *overdue, *ageing[KW_AGE__COUNT];
  int32_t *max_overdue;
  uint8_t *pay_class;
};

const char *kw_pay_class_name(kw_pay_class c) {
  static const char *const names[] = {"none", "fast", "slow", "problematic"};
  return (unsigned)c < KW_PAY__COUNT ? names[c] : "?";
}

const char *kw_ageing_name(kw_ageing a) {
  static const char *const names[] = {"not_due", "1-30", "31-60", "61-90",
                                      "90+"};
  return (unsigned)a < KW_AGE__COUNT ? names[a] : "?";
}

void kw_payments_options_init(kw_payments_options *o) {
  memset(o, 0, sizeof *o);
  o->as_of = KW_NA_DATE;
  o->default_terms = 30;
  o->slow_days_late = 7;
  o->slow_overdue_days = 30;
  o->problem_days_late = 60;
  o->problem_overdue_days = 90;
  o->dso_days = 90;
  o->top_overdue = 10;
}

kw_pay_class kw_pay_classify(const kw_payments_options *o, double days_late,
                             int32_t max_overdue) {
  if (days_late > o->problem_days_late || max_overdue > o->problem_overdue_days)
    return KW_PAY_PROBLEM;
  if (days_late > o->slow_days_late || max_overdue > o->slow_overdue_days)
    return KW_PAY_SLOW;
  return KW_PAY_FAST;
}

void kw_payments_free(kw_payments *p) {
  if (!p) return;
  kw_context *ctx = p->ctx;
  kw_free(ctx, p->invoices);
  kw_free(ctx, p->settled);
  kw_free(ctx, p->settled_late);
  kw_free(ctx, p->errors);
  kw_free(ctx, p->top);
  kw_free(ctx, p->late_share);
  kw_free(ctx, p->days_to_pay);
  kw_free(ctx, p->days_late);
  kw_free(ctx, p->invoiced);
  kw_free(ctx, p->open);
  kw_free(ctx, p->credit);
  kw_free(ctx, p->overdue);
  for (int k = 0; k < KW_AGE__COUNT; k++) kw_free(ctx, p->ageing[k]);
  kw_free(ctx, p->max_overdue);
  kw_free(ctx, p->pay_class);
  kw_free(ctx, p);
}

const kw_payments_data *kw_payments_view(const kw_payments *p) {
  return p ? &p->d : NULL;
}

/* Per-invoice state, indexed by invoice key. */
#define INV_SEEN 0x01u
#define INV_POS 0x02u  /* has a positive row */
#define INV_OPEN 0x04u /* a positive row is open */
#define INV_LATE 0x08u /* a positive row was paid after its due date */
typedef struct inv_state {
  int64_t total;
  uint32_t customer;
  uint8_t flags;
} inv_state;

/* Per-customer weighted sums while reading the rows. */
typedef struct pay_sums {
  double pay_w, pay_sum, late_w, late_sum;
} pay_sums;

typedef struct cols {
  const kw_column *cust, *date, *amount, *paid, *inv, *due, *terms;
} cols;

static kw_status find_columns(kw_context *ctx, const kw_table *t, cols *c) {
  if (kw_table_kind_of(t) != KW_TABLE_INVOICES)
    return kw_fail(ctx, KW_EARG, "payments: expected an invoices table, got %s",
                   kw_table_kind_name(kw_table_kind_of(t)));
  c->cust = kw_table_role(t, KW_ROLE_CUSTOMER);
  c->date = kw_table_role(t, KW_ROLE_DATE);
  c->amount = kw_table_role(t, KW_ROLE_AMOUNT);
  c->paid = kw_table_role(t, KW_ROLE_PAID_DATE);
  c->inv = kw_table_role(t, KW_ROLE_INVOICE);
  c->due = kw_table_role(t, KW_ROLE_DUE_DATE);
  c->terms = kw_table_role(t, KW_ROLE_TERMS);
  const char *miss = !c->cust     ? "customer"
                     : !c->date   ? "date"
                     : !c->amount ? "amount"
                     : !c->paid   ? "paid_date"
                                  : NULL;
  if (miss)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.invoices_no_column",
                       "invoices: no {role} column", "role", miss, NULL);
  if (c->cust->type != KW_TYPE_TEXT || c->date->type != KW_TYPE_DATE ||
      c->amount->type != KW_TYPE_MONEY || c->paid->type != KW_TYPE_DATE ||
      (c->inv && c->inv->type != KW_TYPE_TEXT) ||
      (c->due && c->due->type != KW_TYPE_DATE) ||
      (c->terms && c->terms->type != KW_TYPE_NUMBER))
    return kw_fail(ctx, KW_EARG, "invoices: a column has the wrong type");
  return KW_OK;
}

static kw_status check_options(kw_context *ctx, const kw_payments_options *o) {
  if (o->default_terms < 0 || o->default_terms > 3650)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.payments_terms",
                       "payments: default terms must be 0..3650", NULL);
  if (!isfinite(o->slow_days_late) || !isfinite(o->problem_days_late) ||
      o->slow_days_late < 0 || o->problem_days_late < o->slow_days_late)
    return kw_fail_tpl(
        ctx, KW_EARG, "model.e.payments_late",
        "payments: need 0 <= slow days late <= problem days late", NULL);
  if (o->slow_overdue_days < 0 ||
      o->problem_overdue_days < o->slow_overdue_days)
    return kw_fail_tpl(
        ctx, KW_EARG, "model.e.payments_overdue",
        "payments: need 0 <= slow overdue <= problem overdue days", NULL);
  if (o->dso_days < 1)
    return kw_fail_tpl(ctx, KW_EARG, "model.e.payments_dso",
                       "payments: the DSO window must be >= 1 day", NULL);
  return KW_OK;
}

static kw_status alloc_arrays(kw_payments *p, size_t n) {
  kw_context *ctx = p->ctx;
  size_t m = n ? n : 1;
  p->invoices = kw_calloc(ctx, m, sizeof(uint32_t));
  p->settled = kw_calloc(ctx, m, sizeof(uint32_t));
  p->settled_late = kw_calloc(ctx, m, sizeof(uint32_t));
  p->errors = kw_calloc(ctx, m, sizeof(uint32_t));
  p->late_share = kw_calloc(ctx, m, sizeof(double));
  p->days_to_pay = kw_calloc(ctx, m, sizeof(double));
  p->days_late = kw_calloc(ctx, m, sizeof(double));
  p->invoiced = kw_calloc(ctx, m, sizeof(int64_t));
  p->open = kw_calloc(ctx, m, sizeof(int64_t));
  p->credit = kw_calloc(ctx, m, sizeof(int64_t));
  p->overdue = kw_calloc(ctx, m, sizeof(int64_t));
  bool ok = true;
  for (int k = 0; k < KW_AGE__COUNT; k++) {
    p->ageing[k] = kw_calloc(ctx, m, sizeof(int64_t));
    ok = ok && p->ageing[k];
  }
  p->max_overdue = kw_calloc(ctx, m, sizeof(int32_t));
  p->pay_class = kw_calloc(ctx, m, 1);
  if (!ok || !p->invoices || !p->settled || !p->settled_late || !p->errors ||
      !p->late_share || !p->days_to_pay || !p->days_late || !p->invoiced ||
      !p->open || !p->credit || !p->overdue || !p->max_overdue ||
      !p->pay_class)
    return kw_fail_nomem(ctx);
  return KW_OK;
}

static int age_bucket(int32_t over) {
  if (over <= 0) return KW_AGE_CURRENT;
  if (over <= 30) return KW_AGE_1_30;
  if (over <= 60) return KW_AGE_31_60;
  if (over <= 90) return KW_AGE_61_90;
  return KW_AGE_OVER_90;
}

/* The pass over the rows. inv has one slot per invoice key. */
static kw_status read_rows(kw_payments *p, const kw_table *t, const cols *c,
                           const kw_payments_options *o, inv_state *inv,
                           size_t ndict, pay_sums *sums) {
  kw_context *ctx = p->ctx;
  kw_payments_data *d = &p->d;
  size_t rows = kw_table_rows(t);
  size_t next_key = ndict; /* rows without an invoice id */
  int32_t as_of = d->as_of;
  int32_t recent_from = as_of - o->dso_days; /* exclusive */
  for (size_t i = 0; i < rows; i++) {
    uint32_t cu = c->cust->v.text[i];
    int32_t date = c->date->v.date[i];
    int64_t a = c->amount->v.money[i];
    size_t key = c->inv ? c->inv->v.text[i] : KW_NA_ID;
    if (key >= ndict) key = next_key++;
    if (cu == KW_NA_ID) {
      d->rows_no_customer++;
      continue;
    }
    if (cu >= d->n)
      return kw_fail(ctx, KW_EINPUT,
                     "invoices: row %zu: customer id %u is not in the summary",
                     i + 1, (unsigned)cu);
    if (date == KW_NA_DATE) {
      d->rows_no_date++;
      continue;
    }
    if (a == KW_NA_MONEY) {
      d->rows_no_amount++;
      continue;
    }
    if (date > as_of) {
      d->rows_after++;
      continue;
    }
    inv_state *v = &inv[key];
    if (!(v->flags & INV_SEEN)) {
      v->flags = INV_SEEN;
      v->customer = cu;
    } else if (v->customer != cu) {
      d->err_customer_conflict++;
      p->errors[cu]++;
      continue;
    }
    d->rows_used++;
    v->total += a;
    p->invoiced[cu] += a;
    if (date > recent_from) d->invoiced_recent += a;

    int32_t due;
    if (c->due && c->due->v.date[i] != KW_NA_DATE) {
      due = c->due->v.date[i];
    } else if (c->terms && isfinite(c->terms->v.number[i]) &&
               fabs(c->terms->v.number[i]) < 36500) {
      due = date + (int32_t)lround(c->terms->v.number[i]);
    } else {
      due = date + o->default_terms;
      d->rows_default_terms++;
    }
    if (a > 0) {
      v->flags |= INV_POS;
      if (p->pay_class[cu] == KW_PAY_NONE) p->pay_class[cu] = KW_PAY_FAST;
    }
    int32_t paid = c->paid->v.date[i];
    if (paid != KW_NA_DATE && paid > as_of) paid = KW_NA_DATE; /* open then */
    if (paid != KW_NA_DATE && paid < date) {
      d->err_paid_before_issue++;
      p->errors[cu]++;
      continue; /* settled, but no timing from it */
    }
    bool due_ok = due >= date;
    if (!due_ok) {
      d->err_due_before_issue++;
      p->errors[cu]++;
    }
    if (a < 0) {
      if (paid == KW_NA_DATE) {
        p->credit[cu] += a;
        p->open[cu] += a;
      }
      continue;
    }
    if (a == 0) continue;
    if (paid == KW_NA_DATE) {
      v->flags |= INV_OPEN;
      p->open[cu] += a;
      if (!due_ok) continue;
      int32_t over = as_of - due;
      p->ageing[age_bucket(over)][cu] += a;
      if (over > 0) {
        p->overdue[cu] += a;
        if (over > p->max_overdue[cu]) p->max_overdue[cu] = over;
      }
    } else {
      pay_sums *w = &sums[cu];
      w->pay_w += (double)a;
      w->pay_sum += (double)a * (double)(paid - date);
      if (!due_ok) continue;
      int32_t late = paid - due;
      w->late_w += (double)a;
      if (late > 0) {
        w->late_sum += (double)a * (double)late;
        v->flags |= INV_LATE;
      }
    }
  }
  (void)next_key;
  return KW_OK;
}

static void per_customer(kw_payments *p, const kw_payments_options *o,
                         const inv_state *inv, size_t nkeys,
                         const pay_sums *sums) {
  kw_payments_data *d = &p->d;
  for (size_t k = 0; k < nkeys; k++) {
    const inv_state *v = &inv[k];
    if (!(v->flags & INV_SEEN)) continue;
    uint32_t c = v->customer;
    if (v->total < 0) d->n_credit_notes++;
    if (v->total <= 0) continue;
    d->n_invoices++;
    p->invoices[c]++;
    if ((v->flags & INV_POS) && !(v->flags & INV_OPEN)) {
      p->settled[c]++;
      if (v->flags & INV_LATE) p->settled_late[c]++;
    }
  }
  double pw = 0, ps = 0, lw = 0, ls = 0;
  for (size_t i = 0; i < d->n; i++) {
    const pay_sums *w = &sums[i];
    p->days_to_pay[i] = kw_ratio(w->pay_sum, w->pay_w);
    p->days_late[i] = kw_ratio(w->late_sum, w->late_w);
    p->late_share[i] = kw_ratio(p->settled_late[i], p->settled[i]);
    pw += w->pay_w;
    ps += w->pay_sum;
    lw += w->late_w;
    ls += w->late_sum;
    d->n_settled += p->settled[i];
    d->n_settled_late += p->settled_late[i];
    d->invoiced_total += p->invoiced[i];
    d->open_total += p->open[i];
    d->credit_total += p->credit[i];
    d->overdue_total += p->overdue[i];
    for (int k = 0; k < KW_AGE__COUNT; k++)
      d->ageing_total[k] += p->ageing[k][i];
    d->errors_total += p->errors[i];
    if (p->pay_class[i] == KW_PAY_NONE) {
      d->n_class[KW_PAY_NONE]++;
      continue;
    }
    d->n_customers++;
    kw_pay_class k = kw_pay_classify(o, p->days_late[i], p->max_overdue[i]);
    p->pay_class[i] = (uint8_t)k;
    d->n_class[k]++;
  }
  d->days_to_pay_all = kw_ratio(ps, pw);
  d->days_late_all = kw_ratio(ls, lw);
  d->late_share_all = kw_ratio((double)d->n_settled_late, (double)d->n_settled);
  d->dso_defined = d->invoiced_recent > 0;
  if (d->dso_defined)
    d->dso = (double)d->open_total / (double)d->invoiced_recent *
             (double)o->dso_days;
}

static void revenue_shares(kw_payments *p, const kw_customer_summary *s) {
  kw_payments_data *d = &p->d;
  double all = 0, prob = 0, slow = 0;
  for (size_t i = 0; i < d->n; i++) {
    int64_t r = s ? s->revenue[i] : p->invoiced[i];
    double x = r > 0 ? (double)r : 0;
    all += x;
    if (p->pay_class[i] == KW_PAY_PROBLEM) prob += x;
    if (p->pay_class[i] == KW_PAY_SLOW) slow += x;
  }
  d->problem_revenue_share = kw_ratio(prob, all);
  d->slow_revenue_share = kw_ratio(slow, all);
}

static kw_status top_overdue(kw_payments *p, const kw_payments_options *o) {
  kw_context *ctx = p->ctx;
  kw_payments_data *d = &p->d;
  size_t m = 0;
  for (size_t i = 0; i < d->n; i++)
    if (p->overdue[i] > 0) m++;
  p->top = kw_malloc(ctx, (m ? m : 1) * sizeof *p->top);
  if (!p->top) return kw_fail_nomem(ctx);
  m = 0;
  for (size_t i = 0; i < d->n; i++)
    if (p->overdue[i] > 0) p->top[m++] = (uint32_t)i;
  kw_status st = kw_rank_desc(ctx, p->overdue, p->top, m);
  if (st) return st;
  d->n_top_overdue = m < o->top_overdue ? m : o->top_overdue;
  return KW_OK;
}

static int32_t last_invoice_date(const cols *c, size_t rows) {
  int32_t last = KW_NA_DATE;
  for (size_t i = 0; i < rows; i++) {
    int32_t v = c->date->v.date[i];
    if (v != KW_NA_DATE && (last == KW_NA_DATE || v > last)) last = v;
  }
  return last;
}

kw_status kw_payments_compute(kw_context *ctx, const kw_customer_summary *s,
                              const kw_table *invoices,
                              const kw_payments_options *o,
                              kw_payments **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "payments: out is NULL");
  *out = NULL;
  if (!invoices) return kw_fail(ctx, KW_EARG, "payments: no invoices table");
  kw_payments_options def;
  if (!o) {
    kw_payments_options_init(&def);
    o = &def;
  }
  kw_status st = check_options(ctx, o);
  if (st) return st;
  cols c = {0};
  st = find_columns(ctx, invoices, &c);
  if (st) return st;
  size_t rows = kw_table_rows(invoices);
  size_t n = s ? s->n : kw_dict_size(c.cust->dict);
  if (n > UINT32_MAX)
    return kw_fail(ctx, KW_ERANGE, "payments: too many customers");
  int32_t as_of = o->as_of;
  if (as_of == KW_NA_DATE && s) as_of = s->as_of;
  if (as_of == KW_NA_DATE) as_of = last_invoice_date(&c, rows);
  if (as_of == KW_NA_DATE)
    return kw_fail_tpl(ctx, KW_EEMPTY, "model.e.payments_no_date",
                       "payments: no dated invoice", NULL);

  kw_payments *p = kw_calloc(ctx, 1, sizeof *p);
  if (!p) return kw_fail_nomem(ctx);
  p->ctx = ctx;
  kw_payments_data *d = &p->d;
  d->n = n;
  d->as_of = as_of;
  d->rows = rows;
  size_t ndict = c.inv ? kw_dict_size(c.inv->dict) : 0;
  /* one key per invoice id, plus one per row without an id */
  size_t no_id = rows;
  if (c.inv) {
    no_id = 0;
    for (size_t i = 0; i < rows; i++) no_id += c.inv->v.text[i] >= ndict;
  }
  size_t nkeys = ndict + no_id;
  inv_state *inv = NULL;
  pay_sums *sums = NULL;
  st = alloc_arrays(p, n);
  if (st) goto done;
  inv = kw_calloc(ctx, nkeys ? nkeys : 1, sizeof *inv);
  sums = kw_calloc(ctx, n ? n : 1, sizeof *sums);
  if (!inv || !sums) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  st = read_rows(p, invoices, &c, o, inv, ndict, sums);
  if (st) goto done;
  per_customer(p, o, inv, nkeys, sums);
  revenue_shares(p, s);
  st = top_overdue(p, o);
done:
  kw_free(ctx, inv);
  kw_free(ctx, sums);
  if (st) {
    kw_payments_free(p);
    return st;
  }
  d->invoices = p->invoices;
  d->settled = p->settled;
  d->settled_late = p->settled_late;
  d->late_share = p->late_share;
  d->days_to_pay = p->days_to_pay;
  d->days_late = p->days_late;
  d->invoiced = p->invoiced;
  d->open = p->open;
  d->credit = p->credit;
  d->overdue = p->overdue;
  for (int k = 0; k < KW_AGE__COUNT; k++) d->ageing[k] = p->ageing[k];
  d->max_overdue_days = p->max_overdue;
  d->pay_class = p->pay_class;
  d->errors = p->errors;
  d->top_overdue = p->top;
  if (d->errors_total) {
    char a[24], b[24], c3[24], e[24];
    snprintf(a, sizeof a, "%llu", (unsigned long long)d->errors_total);
    snprintf(b, sizeof b, "%llu", (unsigned long long)d->err_paid_before_issue);
    snprintf(c3, sizeof c3, "%llu", (unsigned long long)d->err_due_before_issue);
    snprintf(e, sizeof e, "%llu", (unsigned long long)d->err_customer_conflict);
    kw_warn_tpl(ctx, "model.w.pay_errors",
                "invoices: {n} data error(s) left out of the timing: {paid} "
                "paid before issue, {due} due before issue, {two} invoice id "
                "with two customers",
                "n", a, "paid", b, "due", c3, "two", e, NULL);
  }
  if (d->rows_default_terms) {
    char a[24], b[24];
    snprintf(a, sizeof a, "%llu", (unsigned long long)d->rows_default_terms);
    snprintf(b, sizeof b, "%d", o->default_terms);
    kw_warn_tpl(ctx, "model.w.pay_terms",
                "invoices: {n} row(s) without due date or terms: {days} days "
                "assumed",
                "n", a, "days", b, NULL);
  }
  *out = p;
  return KW_OK;
}
