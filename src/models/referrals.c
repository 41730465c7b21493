/*
 * referrals.c — the referral graph, referrers' value and the customer
 * referral value (definitions in klantwijs/growth.h).
 *
 * Design: the rows are cleaned into one parent per referred customer (an
 * array parent[c], the earliest referral wins), so the graph is a forest
 * plus possible cycles: a functional graph. Cycles are found by walking
 * parent pointers with a three-colour mark (each customer is visited once).
 * Per referrer sums come from one pass over the children (direct) and one
 * pass adding each child's direct sums to its parent (second level).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/growth_common.h"

struct kw_referrals {
  kw_context *ctx;
  kw_referrals_data v;
  uint32_t *referrer, *direct, *bought, *second, *parent;
  uint8_t *is_customer;
  int64_t *rev;
  double *dval, *sval, *crv, *ccrv;
};

void kw_referrals_options_init(kw_referrals_options *o) {
  o->clv = NULL;
  o->min_group = 5;
}

const kw_referrals_data *kw_referrals_view(const kw_referrals *r) {
  return r ? &r->v : NULL;
}

void kw_referrals_free(kw_referrals *r) {
  if (!r) return;
  kw_context *ctx = r->ctx;
  kw_free(ctx, r->referrer);
  kw_free(ctx, r->direct);
  kw_free(ctx, r->bought);
  kw_free(ctx, r->second);
  kw_free(ctx, r->parent);
  kw_free(ctx, r->is_customer);
  kw_free(ctx, r->rev);
  kw_free(ctx, r->dval);
  kw_free(ctx, r->sval);
  kw_free(ctx, r->crv);
  kw_free(ctx, r->ccrv);
  kw_free(ctx, r);
}

typedef struct crv_id {
  double crv;
  uint32_t id;
} crv_id;

static int by_crv(const void *a, const void *b) {
  const crv_id *x = a, *y = b;
  if (x->crv != y->crv) return x->crv > y->crv ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

kw_status kw_referrals_compute(kw_context *ctx, const kw_dataset *ds,
                               const kw_customer_summary *s,
                               const kw_referrals_options *opt,
                               kw_referrals **out) {
  *out = NULL;
  kw_referrals_options o;
  if (opt)
    o = *opt;
  else
    kw_referrals_options_init(&o);
  const kw_table *rt = kw_dataset_table(ds, KW_TABLE_REFERRALS);
  if (!rt)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.no_referrals",
                       "no referrals table", NULL);
  const kw_column *rc = kw_table_role(rt, KW_ROLE_REFERRER);
  const kw_column *cc = kw_table_role(rt, KW_ROLE_CUSTOMER);
  const kw_column *dc = kw_table_role(rt, KW_ROLE_DATE);
  if (!rc || !cc)
    return kw_fail_tpl(
        ctx, KW_EMISSING, "model.e.referrals_columns",
        "the referrals table needs a referrer and a customer column", NULL);
  const size_t n = s->n;
  kw_referrals *r = kw_calloc(ctx, 1, sizeof *r);
  if (!r) return kw_fail_nomem(ctx);
  r->ctx = ctx;
  const size_t n1 = n ? n : 1;
  r->parent = kw_malloc(ctx, n1 * sizeof *r->parent);
  int32_t *pdate = kw_malloc(ctx, n1 * sizeof *pdate);
  uint8_t *in_customers = kw_calloc(ctx, n1, 1);
  uint8_t *mark = kw_calloc(ctx, n1, 1);
  r->direct = kw_calloc(ctx, n1, sizeof *r->direct);
  r->bought = kw_calloc(ctx, n1, sizeof *r->bought);
  r->second = kw_calloc(ctx, n1, sizeof *r->second);
  r->rev = kw_calloc(ctx, n1, sizeof *r->rev);
  r->dval = kw_calloc(ctx, n1, sizeof *r->dval);
  r->sval = kw_calloc(ctx, n1, sizeof *r->sval);
  r->ccrv = kw_calloc(ctx, n1, sizeof *r->ccrv);
  kw_status st = KW_OK;
  if (!r->parent || !pdate || !in_customers || !mark || !r->direct ||
      !r->bought || !r->second || !r->rev || !r->dval || !r->sval ||
      !r->ccrv) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  kw_referrals_data *v = &r->v;
  const kw_table *ct = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_column *cid = ct ? kw_table_role(ct, KW_ROLE_CUSTOMER) : NULL;
  if (cid)
    for (size_t i = 0; i < kw_table_rows(ct); i++)
      if (cid->v.text[i] != KW_NA_ID && cid->v.text[i] < n)
        in_customers[cid->v.text[i]] = 1;
  for (size_t c = 0; c < n; c++) {
    r->parent[c] = KW_NA_ID;
    pdate[c] = INT32_MAX;
  }
  /* clean the rows into one parent per referred customer */
  size_t rows = kw_table_rows(rt);
  v->rows = rows;
  for (size_t i = 0; i < rows; i++) {
    uint32_t a = rc->v.text[i], b = cc->v.text[i];
    if (a == KW_NA_ID || b == KW_NA_ID || a >= n || b >= n) {
      v->missing++;
      continue;
    }
    if (a == b) {
      v->self_referrals++;
      continue;
    }
    bool known = s->first[b] != KW_NA_DATE || in_customers[b];
    if (!known) {
      v->unknown++;
      continue;
    }
    int32_t d = dc && dc->v.date[i] != KW_NA_DATE ? dc->v.date[i]
                                                  : INT32_MAX - 1;
    if (r->parent[b] != KW_NA_ID) {
      v->duplicates++;
      if (d >= pdate[b]) continue;
    }
    r->parent[b] = a;
    pdate[b] = d;
  }
  /* cycles: colour 1 = on the current walk, 2 = done */
  for (size_t c = 0; c < n; c++) {
    if (mark[c]) continue;
    uint32_t x = (uint32_t)c;
    while (x != KW_NA_ID && !mark[x]) {
      mark[x] = 1;
      x = r->parent[x];
    }
    if (x != KW_NA_ID && mark[x] == 1) {
      /* x is on a cycle that this walk closed */
      uint32_t y = x;
      do {
        v->on_cycle++;
        mark[y] = 3;
        y = r->parent[y];
      } while (y != x);
    }
    x = (uint32_t)c;
    while (x != KW_NA_ID && mark[x] == 1) {
      mark[x] = 2;
      x = r->parent[x];
    }
  }
  /* value basis and the acquisition cost referrals save */
  v->basis = growth_basis(s, o.clv);
  v->cac_saved = NAN;
  const kw_column *acq = ct ? kw_table_role(ct, KW_ROLE_ACQ_COST) : NULL;
  if (acq) {
    uint32_t *vr = kw_malloc(ctx, n1 * sizeof *vr);
    if (!vr) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
    growth_value_rows(ctx, ct, acq, vr, n);
    double sum = 0;
    size_t m = 0;
    for (size_t c = 0; c < n; c++)
      if (vr[c] != KW_NA_ID && r->parent[c] == KW_NA_ID &&
          s->first[c] != KW_NA_DATE) {
        sum += (double)acq->v.money[vr[c]] / 100.0;
        m++;
      }
    kw_free(ctx, vr);
    if (m) v->cac_saved = sum / (double)m;
  }
  /* direct sums, then second level */
  for (size_t c = 0; c < n; c++) {
    uint32_t p = r->parent[c];
    if (p == KW_NA_ID) continue;
    v->edges++;
    r->direct[p]++;
    if (s->first[c] != KW_NA_DATE) {
      r->bought[p]++;
      r->rev[p] += s->revenue[c];
      r->dval[p] += growth_value(s, o.clv, v->basis, c);
    }
  }
  for (size_t c = 0; c < n; c++) {
    uint32_t p = r->parent[c];
    if (p == KW_NA_ID) continue;
    r->second[p] += r->direct[c];
    r->sval[p] += r->dval[c];
  }
  size_t nref = 0;
  for (size_t c = 0; c < n; c++) {
    if (!r->direct[c]) continue;
    nref++;
    r->ccrv[c] = r->dval[c] + (isnan(v->cac_saved)
                                   ? 0.0
                                   : (double)r->direct[c] * v->cac_saved);
  }
  r->referrer = kw_malloc(ctx, (nref ? nref : 1) * sizeof *r->referrer);
  if (!r->referrer) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  crv_id *order = kw_malloc(ctx, (nref ? nref : 1) * sizeof *order);
  if (!order) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  nref = 0;
  for (size_t c = 0; c < n; c++)
    if (r->direct[c]) {
      order[nref].crv = r->ccrv[c];
      order[nref++].id = (uint32_t)c;
    }
  qsort(order, nref, sizeof *order, by_crv);
  for (size_t i = 0; i < nref; i++) r->referrer[i] = order[i].id;
  kw_free(ctx, order);
  /* views in referrer order */
  r->is_customer = kw_malloc(ctx, (nref ? nref : 1));
  uint32_t *d2 = kw_malloc(ctx, 3 * (nref ? nref : 1) * sizeof *d2);
  int64_t *rv = kw_malloc(ctx, (nref ? nref : 1) * sizeof *rv);
  double *dv = kw_malloc(ctx, 3 * (nref ? nref : 1) * sizeof *dv);
  if (!r->is_customer || !d2 || !rv || !dv) {
    kw_free(ctx, d2);
    kw_free(ctx, rv);
    kw_free(ctx, dv);
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < nref; i++) {
    uint32_t c = r->referrer[i];
    r->is_customer[i] = s->first[c] != KW_NA_DATE;
    d2[i] = r->direct[c];
    d2[nref + i] = r->bought[c];
    d2[2 * nref + i] = r->second[c];
    rv[i] = r->rev[c];
    dv[i] = r->dval[c];
    dv[nref + i] = r->sval[c];
    dv[2 * nref + i] = r->ccrv[c];
  }
  /* the per-id arrays become the ordered views; keep ccrv and bought per
   * id */
  kw_free(ctx, r->direct);
  kw_free(ctx, r->second);
  kw_free(ctx, r->rev);
  kw_free(ctx, r->dval);
  kw_free(ctx, r->sval);
  r->direct = d2;
  r->second = NULL;
  r->rev = rv;
  r->dval = dv;
  r->sval = NULL;
  v->n = nref;
  v->referrer = r->referrer;
  v->is_customer = r->is_customer;
  v->direct = d2;
  v->direct_bought = d2 + nref;
  v->second = d2 + 2 * nref;
  v->direct_revenue = rv;
  v->direct_value = dv;
  v->second_value = dv + nref;
  v->crv = dv + 2 * nref;
  /* referred against not referred buyers */
  double k[2] = {0}, m[2] = {0}, sum[2] = {0}, sum2[2] = {0};
  for (size_t c = 0; c < n; c++) {
    if (s->first[c] == KW_NA_DATE) continue;
    int g = r->parent[c] != KW_NA_ID ? 0 : 1;
    double val = growth_value(s, o.clv, v->basis, c);
    m[g]++;
    if (s->orders[c] >= 2) k[g]++;
    sum[g] += val;
    sum2[g] += val * val;
  }
  for (int g = 0; g < 2; g++) {
    v->group_n[g] = (uint64_t)m[g];
    v->group_shown[g] = m[g] >= (double)o.min_group;
    v->repeat_rate[g] = v->repeat_lo[g] = v->repeat_hi[g] = NAN;
    v->mean_value[g] = v->value_lo[g] = v->value_hi[g] = NAN;
    if (!v->group_shown[g]) continue;
    v->repeat_rate[g] = k[g] / m[g];
    growth_wilson(k[g], m[g], &v->repeat_lo[g], &v->repeat_hi[g]);
    double mean = sum[g] / m[g];
    double var = m[g] > 1 ? (sum2[g] - m[g] * mean * mean) / (m[g] - 1) : 0;
    double half = 1.959963984540054 * sqrt(var > 0 ? var / m[g] : 0);
    v->mean_value[g] = mean;
    v->value_lo[g] = mean - half;
    v->value_hi[g] = mean + half;
  }
  v->n_customers = n;
  v->referred_by = r->parent;
  v->customer_crv = r->ccrv;
  v->customer_bought = r->bought;
  v->customers = s->ids;
done:
  kw_free(ctx, pdate);
  kw_free(ctx, in_customers);
  kw_free(ctx, mark);
  if (st) {
    kw_referrals_free(r);
    return st;
  }
  *out = r;
  return KW_OK;
}
