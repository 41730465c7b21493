/*
 * summary.c — the per-customer summary (see klantwijs/summary.h).
 *
 * Design: one counting sort of the transaction lines by customer id (an
 * index array of uint32, 4 bytes a line), then two linear walks per
 * customer over its own lines. Distinct days, invoices, products and
 * categories are counted with stamp arrays (one slot per day of the data's
 * date range and per dictionary id, holding the last customer that marked
 * it), so nothing is sorted and the cost is linear in the lines. Customers
 * are independent, so the walks run on the context's threads, each over a
 * range of customers holding about the same number of lines, each with its
 * own stamp arrays. No per-row or per-customer allocation.
 *
 * Rules:
 *   - lines after as_of are left out (counted in lines_after);
 *   - a line with amount >= 0 is a purchase; a negative line (return,
 *     credit note, cancellation) only nets revenue, cost and discount;
 *   - a purchase day is a day with at least one purchase line; same-day
 *     purchases are one transaction for x, t_x and T;
 *   - orders = distinct invoices with a purchase line, or purchase days
 *     when the table has no invoice column;
 *   - cost: the cost column (line cost), else amount - margin when a margin
 *     column exists; lines without either are not in cost_lines;
 *   - the customer base: customers with a purchase up to as_of; their
 *     lines and net revenue are the totals (buyer_lines, buyer_revenue);
 *     return-only customers are counted apart (klantwijs/summary.h);
 *   - repeat_spend = net revenue of the purchase days after the first
 *     (every line of such a day, returns included), divided by x, in
 *     currency units: the Gamma-Gamma input.
 */
#include "klantwijs/summary.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "data/lineidx.h"

#define MAX_THREADS 8
#define MIN_ROWS_PER_THREAD 200000

struct kw_summary {
  kw_context *ctx;
  kw_customer_summary v;
  void *blocks[20];
  int nblocks;
};

double kw_unit_days(kw_unit u) {
  switch (u) {
    case KW_UNIT_WEEK:
      return 7.0;
    case KW_UNIT_MONTH:
      return 365.25 / 12.0;
    case KW_UNIT_YEAR:
      return 365.25;
    case KW_UNIT_DAY:
      break;
  }
  return 1.0;
}

const char *kw_unit_name(kw_unit u) {
  switch (u) {
    case KW_UNIT_WEEK:
      return "week";
    case KW_UNIT_MONTH:
      return "month";
    case KW_UNIT_YEAR:
      return "year";
    case KW_UNIT_DAY:
      break;
  }
  return "day";
}

void kw_summary_options_init(kw_summary_options *o) {
  o->as_of = KW_NA_DATE;
  o->unit = KW_UNIT_DAY;
}

const kw_customer_summary *kw_summary_view(const kw_summary *s) {
  return &s->v;
}

void kw_summary_free(kw_summary *s) {
  if (!s) return;
  for (int i = 0; i < s->nblocks; i++) kw_free(s->ctx, s->blocks[i]);
  kw_free(s->ctx, s);
}

static void *block(kw_summary *s, size_t n, size_t elem) {
  if (s->nblocks == (int)(sizeof s->blocks / sizeof *s->blocks)) return NULL;
  void *p = kw_calloc(s->ctx, n ? n : 1, elem);
  if (p) s->blocks[s->nblocks++] = p;
  return p;
}

/* Marks v in a stamp array for customer c; true when it was not marked
 * for c yet. */
static inline bool stamp(uint32_t *mark, uint32_t v, uint32_t c) {
  if (mark[v] == c) return false;
  mark[v] = c;
  return true;
}

/* What the walks read (the table's columns, the sorted index) and write
 * (the summary's arrays). Shared read-only by the threads, except that
 * each writes only its own customers' slots. */
typedef struct walk {
  const int32_t *date;
  const int64_t *amt;
  const kw_column *camt, *cinv, *cprod, *ccat, *ccost, *cmargin, *cdisc;
  const uint32_t *order, *start;
  int32_t as_of, dmin;
  size_t span;
  double unit;
  kw_customer_summary *v;
  /* the summary's arrays, writable */
  int32_t *first, *last;
  uint32_t *orders, *days, *cost_lines, *nprod, *ncat;
  uint32_t *lines;
  size_t nix;       /* customers in the index */
  uint64_t indexed; /* lines in the index */
  int64_t *revenue, *cost, *discount;
  double *x, *t_x, *T, *rspend;
} walk;

/* One thread's share: customers [c0, c1) with their own stamp arrays. */
typedef struct job {
  const walk *w;
  size_t c0, c1;
  uint32_t *daymark, *invmark, *prodmark, *catmark;
  size_t buyers;
  const kw_column *overflow; /* a column whose sum left int64 cents */
} job;

static void walk_customers(job *jb) {
  const walk *w = jb->w;
  const int32_t *date = w->date;
  const int64_t *amt = w->amt;
  const int32_t as_of = w->as_of;
  /* the lines' cells are read in customer order, at random in the
     columns: each is asked for PF lines ahead, so that the misses of
     several lines overlap */
  enum { PF = 16 };
  const uint32_t *const end = w->order + w->indexed;
  const int64_t *const pdisc = w->cdisc ? w->cdisc->v.money : NULL;
  const int64_t *const pcost = w->ccost ? w->ccost->v.money : NULL;
  const int64_t *const pmarg = w->cmargin ? w->cmargin->v.money : NULL;
  const uint32_t *const pprod = w->cprod ? w->cprod->v.text : NULL;
  const uint32_t *const pcat = w->ccat ? w->ccat->v.text : NULL;
  const uint32_t *const pinv = w->cinv ? w->cinv->v.text : NULL;
  for (size_t c = jb->c0; c < jb->c1; c++) {
    /* the customer's lines in file order, those after as_of included */
    const uint32_t *L = c < w->nix ? w->order + w->start[c] : NULL;
    const uint32_t m = c < w->nix ? w->start[c + 1] - w->start[c] : 0;
    const uint32_t cc = (uint32_t)c;
    w->first[c] = w->last[c] = KW_NA_DATE;
    w->lines[c] = 0;
    if (m == 0) continue;
    /* walk 1: money, distinct products and categories, purchase days */
    int64_t rev = 0, cst = 0, disc = 0;
    uint32_t ncost = 0, pdays = 0, np = 0, nc = 0, nl = 0;
    int32_t d0 = INT32_MAX, dl = INT32_MIN;
    for (uint32_t k = 0; k < m; k++) {
      uint32_t i = L[k];
      if (L + k + PF < end) {
        uint32_t f = L[k + PF];
        __builtin_prefetch(&date[f]);
        __builtin_prefetch(&amt[f]);
        if (pdisc) __builtin_prefetch(&pdisc[f]);
        if (pcost) __builtin_prefetch(&pcost[f]);
        if (pmarg) __builtin_prefetch(&pmarg[f]);
        if (pprod) __builtin_prefetch(&pprod[f]);
        if (pcat) __builtin_prefetch(&pcat[f]);
        if (pinv) __builtin_prefetch(&pinv[f]);
      }
      if (date[i] > as_of) continue;
      nl++;
      int64_t a = amt[i], lc;
      /* checked: the load bounds each column's sums, a line's cost from
       * its margin is a difference of two columns */
      if (!kw_money_add(&rev, a)) jb->overflow = w->camt;
      if (w->cdisc && w->cdisc->v.money[i] != KW_NA_MONEY &&
          !kw_money_add(&disc, w->cdisc->v.money[i]))
        jb->overflow = w->cdisc;
      if (w->ccost && w->ccost->v.money[i] != KW_NA_MONEY) {
        if (!kw_money_add(&cst, w->ccost->v.money[i])) jb->overflow = w->ccost;
        ncost++;
      } else if (w->cmargin && w->cmargin->v.money[i] != KW_NA_MONEY) {
        if (!kw_money_sub(a, w->cmargin->v.money[i], &lc) ||
            !kw_money_add(&cst, lc))
          jb->overflow = w->cmargin;
        ncost++;
      }
      if (w->cprod) {
        uint32_t id = w->cprod->v.text[i];
        if (id != KW_NA_ID && stamp(jb->prodmark, id, cc)) np++;
      }
      if (w->ccat) {
        uint32_t id = w->ccat->v.text[i];
        if (id != KW_NA_ID && stamp(jb->catmark, id, cc)) nc++;
      }
      if (a >= 0 && stamp(jb->daymark, (uint32_t)(date[i] - w->dmin), cc)) {
        pdays++;
        if (date[i] < d0) d0 = date[i];
        if (date[i] > dl) dl = date[i];
      }
    }
    w->lines[c] = nl;
    w->revenue[c] = rev;
    w->cost[c] = cst;
    w->discount[c] = disc;
    w->cost_lines[c] = ncost;
    w->nprod[c] = np;
    w->ncat[c] = nc;
    if (pdays == 0) continue; /* only returns: no purchase history */
    jb->buyers++;
    /* walk 2: revenue of every line on a purchase day and on the first
       day (returns on a purchase day net that day), distinct invoices */
    int64_t purchase_rev = 0, first_rev = 0;
    uint32_t ninv = 0;
    for (uint32_t k = 0; k < m; k++) {
      uint32_t i = L[k];
      if (date[i] > as_of) continue;
      if (jb->daymark[date[i] - w->dmin] == cc) {
        if (!kw_money_add(&purchase_rev, amt[i]) ||
            (date[i] == d0 && !kw_money_add(&first_rev, amt[i])))
          jb->overflow = w->camt;
      }
      if (w->cinv && amt[i] >= 0) {
        uint32_t id = w->cinv->v.text[i];
        if (id != KW_NA_ID && stamp(jb->invmark, id, cc)) ninv++;
      }
    }
    w->first[c] = d0;
    w->last[c] = dl;
    w->days[c] = pdays;
    w->orders[c] = w->cinv ? ninv : pdays;
    w->x[c] = (double)(pdays - 1);
    w->t_x[c] = (double)(dl - d0) / w->unit;
    w->T[c] = (double)(w->as_of - d0) / w->unit;
    w->rspend[c] = pdays > 1 ? (double)(purchase_rev - first_rev) / 100.0 /
                                   (double)(pdays - 1)
                             : 0;
  }
}

static void *walk_thread(void *p) {
  walk_customers(p);
  return NULL;
}

/* A stamp array of n slots, all unmarked. */
static uint32_t *new_marks(kw_context *ctx, size_t n) {
  uint32_t *m = kw_malloc(ctx, (n ? n : 1) * sizeof *m);
  if (m) memset(m, 0xFF, (n ? n : 1) * sizeof *m);
  return m;
}

static void free_marks(kw_context *ctx, job *jb) {
  kw_free(ctx, jb->daymark);
  kw_free(ctx, jb->invmark);
  kw_free(ctx, jb->prodmark);
  kw_free(ctx, jb->catmark);
}

static bool alloc_marks(kw_context *ctx, const walk *w, job *jb) {
  jb->daymark = new_marks(ctx, w->span);
  if (w->cinv) jb->invmark = new_marks(ctx, kw_dict_size(w->cinv->dict));
  if (w->cprod) jb->prodmark = new_marks(ctx, kw_dict_size(w->cprod->dict));
  if (w->ccat) jb->catmark = new_marks(ctx, kw_dict_size(w->ccat->dict));
  return jb->daymark && (!w->cinv || jb->invmark) &&
         (!w->cprod || jb->prodmark) && (!w->ccat || jb->catmark);
}

/* Runs the walks over all n customers on up to `threads` threads. */
static kw_status run_walks(kw_context *ctx, const walk *w, size_t n,
                           uint64_t used, size_t *buyers) {
  size_t nt = (size_t)kw_context_threads(ctx);
  if (nt > MAX_THREADS) nt = MAX_THREADS;
  if (nt > used / MIN_ROWS_PER_THREAD) nt = (size_t)(used / MIN_ROWS_PER_THREAD);
  if (nt < 1) nt = 1;
  job jobs[MAX_THREADS];
  memset(jobs, 0, sizeof jobs);
  /* ranges of customers with about used / nt lines each */
  size_t c = 0;
  for (size_t t = 0; t < nt; t++) {
    jobs[t].w = w;
    jobs[t].c0 = c;
    uint64_t target = used * (t + 1) / nt;
    while (c < n &&
           (t + 1 == nt || (c < w->nix && w->start[c] < target)))
      c++;
    jobs[t].c1 = t + 1 == nt ? n : c;
  }
  kw_status st = KW_OK;
  for (size_t t = 0; t < nt && !st; t++)
    if (!alloc_marks(ctx, w, &jobs[t])) st = kw_fail_nomem(ctx);
  if (!st) {
    pthread_t tid[MAX_THREADS];
    size_t started = 0;
    for (size_t t = 1; t < nt; t++) {
      if (pthread_create(&tid[t], NULL, walk_thread, &jobs[t]) != 0) break;
      started = t;
    }
    walk_customers(&jobs[0]);
    for (size_t t = 1; t <= started; t++) pthread_join(tid[t], NULL);
    /* a thread that could not be started: its share runs here */
    for (size_t t = started + 1; t < nt; t++) walk_customers(&jobs[t]);
    for (size_t t = 0; t < nt; t++) *buyers += jobs[t].buyers;
    for (size_t t = 0; t < nt && !st; t++)
      if (jobs[t].overflow)
        st = kw_fail_tpl(ctx, KW_ERANGE, "model.e.tx_customer_overflow",
                         "transactions: the amounts of column \"{col}\" add up "
                         "to more than 92,233,720,368,547,758.07 for one "
                         "customer: out of range, no total would be right",
                         "col", jobs[t].overflow->name, NULL);
  }
  for (size_t t = 0; t < nt; t++) free_marks(ctx, &jobs[t]);
  return st;
}

kw_status kw_summary_build(kw_context *ctx, const kw_dataset *ds,
                           const kw_summary_options *opt, kw_summary **out) {
  *out = NULL;
  kw_summary_options defaults;
  if (!opt) {
    kw_summary_options_init(&defaults);
    opt = &defaults;
  }
  const kw_table *t = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  if (!t)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.no_transactions",
                       "no transactions table", NULL);
  const kw_column *ccust = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *cdate = kw_table_role(t, KW_ROLE_DATE);
  const kw_column *camt = kw_table_role(t, KW_ROLE_AMOUNT);
  if (!ccust || !cdate || !camt)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.tx_columns",
                       "the transactions table needs customer, date and amount",
                       NULL);
  const size_t rows = kw_table_rows(t);
  if (rows > UINT32_MAX - 1)
    return kw_fail_tpl(ctx, KW_ERANGE, "model.e.tx_too_many",
                       "more than 4 billion transaction lines", NULL);
  const uint32_t *cust = ccust->v.text;
  const int32_t *date = cdate->v.date;

  kw_summary *s = kw_calloc(ctx, 1, sizeof *s);
  if (!s) return kw_fail_nomem(ctx);
  s->ctx = ctx;
  kw_customer_summary *v = &s->v;
  const kw_dict *ids = kw_dataset_customers(ds);
  const size_t n = kw_dict_size(ids);
  v->n = n;
  v->ids = ids;
  v->unit = opt->unit;
  walk w = {0};
  w.date = date;
  w.amt = camt->v.money;
  w.camt = camt;
  w.cinv = kw_table_role(t, KW_ROLE_INVOICE);
  w.cprod = kw_table_role(t, KW_ROLE_PRODUCT);
  w.ccat = kw_table_role(t, KW_ROLE_CATEGORY);
  w.ccost = kw_table_role(t, KW_ROLE_COST);
  w.cmargin = kw_table_role(t, KW_ROLE_MARGIN);
  w.cdisc = kw_table_role(t, KW_ROLE_DISCOUNT);
  v->has_invoice = w.cinv != NULL;
  v->has_cost = w.ccost != NULL || w.cmargin != NULL;
  v->has_category = w.ccat != NULL;
  v->has_product = w.cprod != NULL;

  int32_t as_of = opt->as_of;
  if (as_of == KW_NA_DATE) {
    as_of = INT32_MIN;
    for (size_t i = 0; i < rows; i++)
      if (date[i] != KW_NA_DATE && date[i] > as_of) as_of = date[i];
    if (rows == 0) as_of = 0;
  }
  v->as_of = as_of;
  w.as_of = as_of;
  w.unit = kw_unit_days(opt->unit);
  w.v = v;

  w.first = block(s, n, sizeof *w.first);
  w.last = block(s, n, sizeof *w.last);
  w.orders = block(s, n, sizeof *w.orders);
  w.days = block(s, n, sizeof *w.days);
  uint32_t *lines = block(s, n, sizeof *lines);
  w.cost_lines = block(s, n, sizeof *w.cost_lines);
  w.revenue = block(s, n, sizeof *w.revenue);
  w.cost = block(s, n, sizeof *w.cost);
  w.discount = block(s, n, sizeof *w.discount);
  w.nprod = block(s, n, sizeof *w.nprod);
  w.ncat = block(s, n, sizeof *w.ncat);
  w.x = block(s, n, sizeof *w.x);
  w.t_x = block(s, n, sizeof *w.t_x);
  w.T = block(s, n, sizeof *w.T);
  w.rspend = block(s, n, sizeof *w.rspend);
  w.lines = lines;
  /* the customer-ordered line index: the table's cached one inside an
     analysis, else built here (data/lineidx.h) */
  kw_line_index own = {0};
  const kw_line_index *ix = NULL;
  kw_status st = KW_OK;
  if (!w.first || !w.last || !w.orders || !w.days || !lines ||
      !w.cost_lines || !w.revenue || !w.cost || !w.discount || !w.nprod ||
      !w.ncat || !w.x || !w.t_x || !w.T || !w.rspend) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if (!(ix = kw_table_line_index(ctx, t, &own))) {
    st = kw_errcode(ctx);
    goto done;
  }

  /* the lines up to as_of and their date range (the walks leave out the
     lines after as_of) */
  uint64_t used = 0, after = 0;
  int32_t dmin = INT32_MAX, dmax = INT32_MIN;
  for (size_t i = 0; i < rows; i++) {
    if (cust[i] == KW_NA_ID) continue;
    if (date[i] > as_of) {
      after++;
      continue;
    }
    used++;
    if (date[i] < dmin) dmin = date[i];
    if (date[i] > dmax) dmax = date[i];
  }
  v->lines_used = used;
  v->lines_after = after;
  w.order = ix->line;
  w.start = ix->start;
  w.nix = ix->n < n ? ix->n : n;
  w.indexed = ix->indexed;
  w.dmin = dmin <= dmax ? dmin : 0;
  w.span = dmin <= dmax ? (size_t)((int64_t)dmax - dmin + 1) : 1;

  size_t buyers = 0;
  st = run_walks(ctx, &w, n, ix->indexed, &buyers);
  if (st) goto done;
  v->n_buyers = buyers;
  for (size_t c = 0; c < n; c++) {
    if (lines[c] == 0) continue;
    if (w.first[c] != KW_NA_DATE) {
      v->buyer_lines += lines[c];
      v->buyer_revenue += w.revenue[c];
    } else {
      v->n_return_only++;
      v->return_only_lines += lines[c];
      v->return_only_revenue += w.revenue[c];
    }
  }
  v->first = w.first;
  v->last = w.last;
  v->orders = w.orders;
  v->days = w.days;
  v->lines = lines;
  v->cost_lines = w.cost_lines;
  v->revenue = w.revenue;
  v->cost = w.cost;
  v->discount = w.discount;
  v->n_products = w.nprod;
  v->n_categories = w.ncat;
  v->x = w.x;
  v->t_x = w.t_x;
  v->T = w.T;
  v->repeat_spend = w.rspend;
done:
  kw_line_index_free(ctx, &own);
  if (st) {
    kw_summary_free(s);
    return st;
  }
  *out = s;
  return KW_OK;
}
