/*
 * acquisition.c — acquisition cost, value and payback per channel, and
 * discount dependence (definitions in klantwijs/growth.h).
 *
 * Design: channels are the values of the customers table's channel column
 * (one value per customer by the last-non-empty rule), merged by the
 * privacy rule. Payback walks each customer's purchase history once
 * (churn_common.c) and adds its cumulative value per month since
 * acquisition to its channel's sums for the months it was observed, so
 * the mean at month k is over the customers observed k months: O(customers
 * x months observed). The value of a month is the month's net revenue
 * times the customer's margin rate (margin / revenue over its whole
 * history) when cost is known, else the revenue.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/lineidx.h"
#include "models/churn_common.h"
#include "models/growth_common.h"

struct kw_acquisition {
  kw_context *ctx;
  kw_acquisition_data v;
  char **labels;
  const char **labelp;
  uint8_t *kind;
  uint64_t *customers;
  double *reals; /* cac, total cost, mean value, clv/cac: 4 * n */
  int32_t *payback;
  int64_t *cdisc;
  double *cshare;
  uint8_t *seeker;
  uint8_t *src;
  double *spend, *sm_spend, *sm_cac;
  uint64_t *spend_new, *sm_new;
  uint32_t *sm_channel;
  int32_t *sm_month;
  const char **seg_label;
  uint64_t *seg_n;      /* customers, seekers: 2 * n_seg */
  int64_t *seg_money;   /* revenue, discounted, discount: 3 * n_seg */
};

void kw_acquisition_options_init(kw_acquisition_options *o) {
  o->clv = NULL;
  o->min_group = 5;
  o->deal_share = 0.8;
  o->segment = NULL;
  o->segment_label = NULL;
  o->n_segments = 0;
}

const kw_acquisition_data *kw_acquisition_view(const kw_acquisition *a) {
  return a ? &a->v : NULL;
}

void kw_acquisition_free(kw_acquisition *a) {
  if (!a) return;
  kw_context *ctx = a->ctx;
  if (a->labels)
    for (size_t i = 0; i < a->v.n; i++) kw_free(ctx, a->labels[i]);
  kw_free(ctx, a->labels);
  kw_free(ctx, a->labelp);
  kw_free(ctx, a->kind);
  kw_free(ctx, a->customers);
  kw_free(ctx, a->reals);
  kw_free(ctx, a->payback);
  kw_free(ctx, a->cdisc);
  kw_free(ctx, a->cshare);
  kw_free(ctx, a->seeker);
  kw_free(ctx, a->src);
  kw_free(ctx, a->spend);
  kw_free(ctx, a->spend_new);
  kw_free(ctx, a->sm_channel);
  kw_free(ctx, a->sm_month);
  kw_free(ctx, a->sm_spend);
  kw_free(ctx, a->sm_new);
  kw_free(ctx, a->sm_cac);
  kw_free(ctx, a->seg_label);
  kw_free(ctx, a->seg_n);
  kw_free(ctx, a->seg_money);
  kw_free(ctx, a);
}

/* Discounts per segment: the caller's segments, else the sector column;
 * small segments and customers without one in "other" (label NULL). */
static kw_status segment_discounts(kw_context *ctx, const kw_dataset *ds,
                                   const kw_customer_summary *s,
                                   const kw_acquisition_options *o,
                                   const int64_t *gross,
                                   const int64_t *on_deal,
                                   kw_acquisition *a) {
  kw_acquisition_data *v = &a->v;
  const size_t n = s->n;
  const kw_table *ct = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_column *sec = ct ? kw_table_role(ct, KW_ROLE_SECTOR) : NULL;
  if (sec && sec->type != KW_TYPE_TEXT) sec = NULL;
  size_t nv;
  if (o->segment) {
    nv = o->n_segments;
    v->segment_source = 2;
  } else if (sec) {
    nv = kw_dict_size(sec->dict);
    v->segment_source = 1;
  } else {
    return KW_OK;
  }
  kw_status st = KW_OK;
  uint32_t *seg = kw_malloc(ctx, (n ? n : 1) * sizeof *seg);
  uint64_t *cnt = kw_calloc(ctx, nv + 1, sizeof *cnt);
  uint32_t *map = kw_malloc(ctx, (nv + 1) * sizeof *map);
  if (!seg || !cnt || !map) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if (o->segment) {
    for (size_t c = 0; c < n; c++)
      seg[c] = o->segment[c] < nv ? o->segment[c] : KW_NA_ID;
  } else {
    if ((st = growth_value_rows(ctx, ct, sec, seg, n))) goto done;
    for (size_t c = 0; c < n; c++)
      if (seg[c] != KW_NA_ID) seg[c] = sec->v.text[seg[c]];
  }
  uint64_t other = 0;
  for (size_t c = 0; c < n; c++) {
    if (s->first[c] == KW_NA_DATE) continue;
    if (seg[c] == KW_NA_ID)
      other++;
    else
      cnt[seg[c]]++;
  }
  size_t ng = 0;
  for (size_t i = 0; i < nv; i++) {
    map[i] = KW_NA_ID;
    if (cnt[i] >= o->min_group && cnt[i] > 0)
      map[i] = (uint32_t)ng++;
    else
      other += cnt[i];
  }
  size_t g_other = other ? ng++ : SIZE_MAX;
  size_t G = ng ? ng : 1;
  a->seg_label = kw_calloc(ctx, G, sizeof *a->seg_label);
  a->seg_n = kw_calloc(ctx, 2 * G, sizeof *a->seg_n);
  a->seg_money = kw_calloc(ctx, 3 * G, sizeof *a->seg_money);
  if (!a->seg_label || !a->seg_n || !a->seg_money) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t i = 0; i < nv; i++)
    if (map[i] != KW_NA_ID)
      a->seg_label[map[i]] = o->segment ? o->segment_label[i]
                                        : kw_dict_str(sec->dict, (uint32_t)i);
  for (size_t c = 0; c < n; c++) {
    if (s->first[c] == KW_NA_DATE) continue;
    size_t g = seg[c] != KW_NA_ID && map[seg[c]] != KW_NA_ID ? map[seg[c]]
                                                             : g_other;
    a->seg_n[g]++;
    a->seg_n[G + g] += a->seeker[c];
    if (!kw_money_add(&a->seg_money[g], gross[c]) ||
        !kw_money_add(&a->seg_money[G + g], on_deal[c]) ||
        !kw_money_add(&a->seg_money[2 * G + g], a->cdisc[c])) {
      st = kw_fail_tpl(ctx, KW_ERANGE, "model.e.discounts_overflow",
                       "discounts: a segment's sum overflows", NULL);
      goto done;
    }
  }
  v->n_seg = ng;
  v->seg_label = a->seg_label;
  v->seg_customers = a->seg_n;
  v->seg_seekers = a->seg_n + G;
  v->seg_revenue = a->seg_money;
  v->seg_discounted = a->seg_money + G;
  v->seg_discount = a->seg_money + 2 * G;
done:
  kw_free(ctx, seg);
  kw_free(ctx, cnt);
  kw_free(ctx, map);
  return st;
}

static kw_status discounts(kw_context *ctx, const kw_dataset *ds,
                           const kw_customer_summary *s,
                           const kw_acquisition_options *o,
                           kw_acquisition *a) {
  const double deal_share = o->deal_share;
  kw_acquisition_data *v = &a->v;
  const size_t n = s->n, n1 = n ? n : 1;
  a->cdisc = kw_calloc(ctx, n1, sizeof *a->cdisc);
  a->cshare = kw_calloc(ctx, n1, sizeof *a->cshare);
  a->seeker = kw_calloc(ctx, n1, 1);
  int64_t *on_deal = kw_calloc(ctx, n1, sizeof *on_deal);
  int64_t *gross = kw_calloc(ctx, n1, sizeof *gross);
  if (!a->cdisc || !a->cshare || !a->seeker || !on_deal || !gross) {
    kw_free(ctx, on_deal);
    kw_free(ctx, gross);
    return kw_fail_nomem(ctx);
  }
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  const kw_column *cu = tx ? kw_table_role(tx, KW_ROLE_CUSTOMER) : NULL;
  const kw_column *dt = tx ? kw_table_role(tx, KW_ROLE_DATE) : NULL;
  const kw_column *am = tx ? kw_table_role(tx, KW_ROLE_AMOUNT) : NULL;
  const kw_column *di = tx ? kw_table_role(tx, KW_ROLE_DISCOUNT) : NULL;
  v->has_discount = di != NULL;
  if (cu && dt && am) {
    /* customer by customer through the line index (the analysis's shared
       one): each customer's sums are added in a register and written
       once, instead of three additions at random places a line; integer
       sums, so the same totals in any order */
    kw_line_index own = {0};
    const kw_line_index *ix = kw_table_line_index(ctx, tx, &own);
    if (!ix) {
      kw_free(ctx, on_deal);
      kw_free(ctx, gross);
      return kw_errcode(ctx);
    }
    const int32_t *date = dt->v.date;
    const int64_t *amt = am->v.money;
    const int64_t *dis = di ? di->v.money : NULL;
    const uint32_t *line = ix->line;
    enum { PF = 16 };
    const size_t nc = n < ix->n ? n : ix->n;
    for (size_t c = 0; c < nc; c++) {
      int64_t g = 0, cd = 0, od = 0;
      for (uint32_t q = ix->start[c]; q < ix->start[c + 1]; q++) {
        if (q + PF < ix->indexed) {
          uint32_t f = line[q + PF];
          __builtin_prefetch(&date[f]);
          __builtin_prefetch(&amt[f]);
          if (dis) __builtin_prefetch(&dis[f]);
        }
        uint32_t r = line[q];
        int32_t d = date[r];
        int64_t x = amt[r];
        if (d == KW_NA_DATE || d > s->as_of || x == KW_NA_MONEY) continue;
        v->revenue += x;
        int64_t disc = dis && dis[r] != KW_NA_MONEY ? dis[r] : 0;
        if (x > 0) g += x;
        if (disc > 0) {
          v->discount_total += disc;
          cd += disc;
          if (x > 0) {
            v->discounted_revenue += x;
            od += x;
          }
        }
      }
      gross[c] = g;
      a->cdisc[c] = cd;
      on_deal[c] = od;
    }
    kw_line_index_free(ctx, &own);
  }
  for (size_t c = 0; c < n; c++) {
    a->cshare[c] = NAN;
    if (s->first[c] == KW_NA_DATE || gross[c] <= 0) continue;
    a->cshare[c] = (double)on_deal[c] / (double)gross[c];
    if (v->has_discount && a->cshare[c] >= deal_share && s->orders[c] >= 3) {
      a->seeker[c] = 1;
      v->deal_seekers++;
    }
  }
  kw_status st = v->has_discount
                    ? segment_discounts(ctx, ds, s, o, gross, on_deal, a)
                    : KW_OK;
  kw_free(ctx, on_deal);
  kw_free(ctx, gross);
  if (st) return st;
  v->n_customers = n;
  v->customer_discount = a->cdisc;
  v->customer_deal_share = a->cshare;
  v->deal_seeker = a->seeker;
  v->customers_dict = s->ids;
  return KW_OK;
}

/* Two channel names are the same when they are equal but for case and
 * surrounding spaces. */
static bool same_channel(const char *x, const char *y) {
  while (isspace((unsigned char)*x)) x++;
  while (isspace((unsigned char)*y)) y++;
  size_t nx = strlen(x), ny = strlen(y);
  while (nx && isspace((unsigned char)x[nx - 1])) nx--;
  while (ny && isspace((unsigned char)y[ny - 1])) ny--;
  return nx == ny && strncasecmp(x, y, nx) == 0;
}

/* CAC per channel from the marketing spend table (growth.h): overrides
 * cac and total cost of the channels it names. grp: each buyer's channel
 * group; gmap: channel value -> group (KW_NA_ID: merged or no buyer);
 * g_other: the group of merged channels (SIZE_MAX when not shown). */
static kw_status spend_cac(kw_context *ctx, const kw_dataset *ds,
                           const kw_customer_summary *s, const kw_column *ch,
                           const uint32_t *gmap, size_t g_other,
                           const uint32_t *grp, const uint32_t *rda,
                           const kw_column *adate, size_t ng, double *cac,
                           double *tot, kw_acquisition *a) {
  kw_acquisition_data *v = &a->v;
  const kw_table *sp = kw_dataset_table(ds, KW_TABLE_SPEND);
  const kw_column *sc = sp ? kw_table_role(sp, KW_ROLE_CHANNEL) : NULL;
  const kw_column *sd = sp ? kw_table_role(sp, KW_ROLE_DATE) : NULL;
  const kw_column *sa = sp ? kw_table_role(sp, KW_ROLE_AMOUNT) : NULL;
  if (!sc || !sd || !sa || sc->type != KW_TYPE_TEXT ||
      sd->type != KW_TYPE_DATE || sa->type != KW_TYPE_MONEY)
    return KW_OK;
  v->has_spend = true;
  const size_t rows = kw_table_rows(sp), nsv = kw_dict_size(sc->dict);
  const int32_t pas = kw_period_index(s->as_of, KW_PERIOD_MONTH);
  kw_status st = KW_OK;
  uint32_t *svmap = kw_malloc(ctx, (nsv ? nsv : 1) * sizeof *svmap);
  double *cell = NULL;
  uint64_t *newc = NULL;
  uint8_t *hasrow = NULL;
  if (!svmap) return kw_fail_nomem(ctx);
  size_t nvals = ch ? kw_dict_size(ch->dict) : 0;
  for (size_t i = 0; i < nsv; i++) {
    svmap[i] = KW_NA_ID;
    const char *name = kw_dict_str(sc->dict, (uint32_t)i);
    for (size_t j = 0; j < nvals; j++)
      if (same_channel(name, kw_dict_str(ch->dict, (uint32_t)j))) {
        if (gmap[j] != KW_NA_ID)
          svmap[i] = gmap[j];
        else if (g_other != SIZE_MAX)
          svmap[i] = (uint32_t)g_other; /* merged (or without buyers:
                                            then "other" has no spend
                                            of its own customers) */
        break;
      }
  }
  /* the months the table covers, up to as-of */
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (size_t r = 0; r < rows; r++) {
    v->spend_rows++;
    if (sc->v.text[r] == KW_NA_ID || sd->v.date[r] == KW_NA_DATE ||
        sa->v.money[r] == KW_NA_MONEY ||
        kw_period_index(sd->v.date[r], KW_PERIOD_MONTH) > pas) {
      v->spend_skipped++;
      continue;
    }
    int32_t m = kw_period_index(sd->v.date[r], KW_PERIOD_MONTH);
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  if (lo > hi) goto done;
  v->spend_first = lo;
  v->spend_last = hi;
  size_t K = (size_t)(hi - lo) + 1, G = ng ? ng : 1;
  cell = kw_calloc(ctx, G * K, sizeof *cell);
  newc = kw_calloc(ctx, G * K, sizeof *newc);
  hasrow = kw_calloc(ctx, G * K, 1);
  a->spend = kw_malloc(ctx, G * sizeof *a->spend);
  a->spend_new = kw_calloc(ctx, G, sizeof *a->spend_new);
  if (!cell || !newc || !hasrow || !a->spend || !a->spend_new) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t r = 0; r < rows; r++) {
    if (sc->v.text[r] == KW_NA_ID || sd->v.date[r] == KW_NA_DATE ||
        sa->v.money[r] == KW_NA_MONEY)
      continue;
    int32_t m = kw_period_index(sd->v.date[r], KW_PERIOD_MONTH);
    if (m > pas) continue;
    double x = (double)sa->v.money[r] / 100.0;
    v->spend_total += x;
    uint32_t g = svmap[sc->v.text[r]];
    if (g == KW_NA_ID) {
      v->spend_unmatched += x;
      continue;
    }
    cell[g * K + (size_t)(m - lo)] += x;
    hasrow[g * K + (size_t)(m - lo)] = 1;
  }
  for (size_t c = 0; c < s->n; c++) {
    if (grp[c] == KW_NA_ID) continue;
    int32_t aday = rda[c] != KW_NA_ID ? adate->v.date[rda[c]] : s->first[c];
    if (aday == KW_NA_DATE || aday > s->as_of) continue;
    int32_t m = kw_period_index(aday, KW_PERIOD_MONTH);
    if (m < lo || m > hi) continue;
    newc[(size_t)grp[c] * K + (size_t)(m - lo)]++;
  }
  size_t ncell = 0;
  for (size_t g = 0; g < ng; g++) {
    bool any = false;
    double sum = 0;
    uint64_t nn = 0;
    for (size_t k = 0; k < K; k++) {
      any |= hasrow[g * K + k] != 0;
      sum += cell[g * K + k];
      nn += newc[g * K + k];
    }
    a->spend[g] = any ? sum : NAN;
    a->spend_new[g] = any ? nn : 0;
    if (any) {
      cac[g] = nn ? sum / (double)nn : NAN;
      tot[g] = sum;
      a->src[g] = 2;
      for (size_t k = 0; k < K; k++)
        if (hasrow[g * K + k] || newc[g * K + k]) ncell++;
    }
  }
  size_t N1 = ncell ? ncell : 1;
  a->sm_channel = kw_malloc(ctx, N1 * sizeof *a->sm_channel);
  a->sm_month = kw_malloc(ctx, N1 * sizeof *a->sm_month);
  a->sm_spend = kw_malloc(ctx, N1 * sizeof *a->sm_spend);
  a->sm_new = kw_malloc(ctx, N1 * sizeof *a->sm_new);
  a->sm_cac = kw_malloc(ctx, N1 * sizeof *a->sm_cac);
  if (!a->sm_channel || !a->sm_month || !a->sm_spend || !a->sm_new ||
      !a->sm_cac) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  size_t j = 0;
  for (size_t g = 0; g < ng; g++) {
    if (a->src[g] != 2) continue;
    for (size_t k = 0; k < K; k++) {
      if (!hasrow[g * K + k] && !newc[g * K + k]) continue;
      a->sm_channel[j] = (uint32_t)g;
      a->sm_month[j] = lo + (int32_t)k;
      a->sm_spend[j] = cell[g * K + k];
      a->sm_new[j] = newc[g * K + k];
      a->sm_cac[j] = newc[g * K + k]
                         ? cell[g * K + k] / (double)newc[g * K + k]
                         : NAN;
      j++;
    }
  }
  v->n_spend_months = j;
  v->spend = a->spend;
  v->spend_new = a->spend_new;
  v->sm_channel = a->sm_channel;
  v->sm_month = a->sm_month;
  v->sm_spend = a->sm_spend;
  v->sm_new = a->sm_new;
  v->sm_cac = a->sm_cac;
done:
  kw_free(ctx, svmap);
  kw_free(ctx, cell);
  kw_free(ctx, newc);
  kw_free(ctx, hasrow);
  return st;
}

kw_status kw_acquisition_compute(kw_context *ctx, const kw_dataset *ds,
                                 const kw_customer_summary *s,
                                 const kw_acquisition_options *opt,
                                 kw_acquisition **out) {
  *out = NULL;
  kw_acquisition_options o;
  if (opt)
    o = *opt;
  else
    kw_acquisition_options_init(&o);
  const size_t n = s->n, n1 = n ? n : 1;
  kw_acquisition *a = kw_calloc(ctx, 1, sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  a->ctx = ctx;
  kw_acquisition_data *v = &a->v;
  v->basis = growth_basis(s, o.clv);
  kw_status st = discounts(ctx, ds, s, &o, a);
  if (st) {
    kw_acquisition_free(a);
    return st;
  }
  const kw_table *ct = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  const kw_column *ch = ct ? kw_table_role(ct, KW_ROLE_CHANNEL) : NULL;
  const kw_column *cost = ct ? kw_table_role(ct, KW_ROLE_ACQ_COST) : NULL;
  const kw_column *adate = ct ? kw_table_role(ct, KW_ROLE_ACQ_DATE) : NULL;
  if (ch && ch->type != KW_TYPE_TEXT) ch = NULL;
  v->has_channel = ch != NULL;
  v->has_cost = cost != NULL && cost->type == KW_TYPE_MONEY;
  uint32_t *rch = kw_malloc(ctx, n1 * sizeof *rch);
  uint32_t *rco = kw_malloc(ctx, n1 * sizeof *rco);
  uint32_t *rda = kw_malloc(ctx, n1 * sizeof *rda);
  uint32_t *grp = kw_malloc(ctx, n1 * sizeof *grp);
  kw_history h = {0};
  bool have_h = false;
  double *tmp = NULL, *sum = NULL;
  int32_t *month = NULL;
  uint64_t *cnt = NULL, *chan_n = NULL;
  uint32_t *map = NULL;
  if (!rch || !rco || !rda || !grp) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  growth_value_rows(ctx, ct, ch, rch, n);
  growth_value_rows(ctx, ct, v->has_cost ? cost : NULL, rco, n);
  growth_value_rows(ctx, ct, adate && adate->type == KW_TYPE_DATE ? adate
                                                                  : NULL,
                    rda, n);
  /* channel values -> groups; small ones into "other" */
  size_t nvals = ch ? kw_dict_size(ch->dict) : 0;
  chan_n = kw_calloc(ctx, nvals + 1, sizeof *chan_n);
  map = kw_malloc(ctx, (nvals + 1) * sizeof *map);
  if (!chan_n || !map) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  uint64_t unknown_n = 0;
  for (size_t c = 0; c < n; c++) {
    if (s->first[c] == KW_NA_DATE) continue;
    if (rch[c] == KW_NA_ID)
      unknown_n++;
    else
      chan_n[ch->v.text[rch[c]]]++;
  }
  size_t ng = 0;
  uint64_t other_n = 0;
  for (size_t i = 0; i < nvals; i++) {
    map[i] = KW_NA_ID;
    if (!chan_n[i]) continue;
    if (chan_n[i] >= o.min_group)
      map[i] = (uint32_t)ng++;
    else
      other_n += chan_n[i];
  }
  bool other_shown = other_n >= o.min_group;
  if (other_n && !other_shown) v->left_out += other_n;
  bool unknown_shown = unknown_n >= o.min_group;
  if (unknown_n && !unknown_shown) v->left_out += unknown_n;
  size_t g_other = other_shown ? ng++ : SIZE_MAX;
  size_t g_unknown = unknown_shown ? ng++ : SIZE_MAX;
  a->labels = kw_calloc(ctx, ng ? ng : 1, sizeof *a->labels);
  a->labelp = kw_calloc(ctx, ng ? ng : 1, sizeof *a->labelp);
  a->kind = kw_calloc(ctx, ng ? ng : 1, 1);
  a->customers = kw_calloc(ctx, ng ? ng : 1, sizeof *a->customers);
  a->reals = kw_calloc(ctx, 4 * (ng ? ng : 1), sizeof *a->reals);
  a->payback = kw_calloc(ctx, ng ? ng : 1, sizeof *a->payback);
  a->src = kw_calloc(ctx, ng ? ng : 1, 1);
  if (!a->labels || !a->labelp || !a->kind || !a->customers || !a->reals ||
      !a->payback || !a->src) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  v->n = ng;
  for (size_t i = 0; i < nvals; i++) {
    if (map[i] == KW_NA_ID) continue;
    a->labels[map[i]] = kw_strdup(ctx, kw_dict_str(ch->dict, (uint32_t)i));
    if (!a->labels[map[i]]) {
      st = kw_fail_nomem(ctx);
      goto done;
    }
  }
  if (other_shown) {
    a->labels[g_other] = kw_strdup(ctx, "");
    a->kind[g_other] = 2;
  }
  if (unknown_shown) a->kind[g_unknown] = 1;
  for (size_t g = 0; g < ng; g++)
    a->labelp[g] = a->kind[g] == 1 ? NULL : a->labels[g];
  for (size_t c = 0; c < n; c++) {
    grp[c] = KW_NA_ID;
    if (s->first[c] == KW_NA_DATE) continue;
    size_t g;
    if (rch[c] == KW_NA_ID)
      g = g_unknown;
    else {
      uint32_t m = map[ch->v.text[rch[c]]];
      g = m != KW_NA_ID ? m : g_other;
    }
    if (g != SIZE_MAX) grp[c] = (uint32_t)g;
  }
  /* CAC, value, CLV/CAC */
  double *cac = a->reals, *tot = a->reals + ng, *mval = a->reals + 2 * ng,
         *ratio = a->reals + 3 * ng;
  uint64_t *ncost = kw_calloc(ctx, ng ? ng : 1, sizeof *ncost);
  if (!ncost) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  for (size_t c = 0; c < n; c++) {
    if (grp[c] == KW_NA_ID) continue;
    size_t g = grp[c];
    a->customers[g]++;
    mval[g] += growth_value(s, o.clv, v->basis, c);
    if (rco[c] != KW_NA_ID) {
      tot[g] += (double)cost->v.money[rco[c]] / 100.0;
      ncost[g]++;
    }
  }
  for (size_t g = 0; g < ng; g++) {
    mval[g] = a->customers[g] ? mval[g] / (double)a->customers[g] : NAN;
    cac[g] = ncost[g] ? tot[g] / (double)ncost[g] : NAN;
    if (!ncost[g]) tot[g] = NAN;
    a->src[g] = ncost[g] ? 1 : 0;
    a->payback[g] = -1;
  }
  kw_free(ctx, ncost);
  if ((st = spend_cac(ctx, ds, s, ch, map, g_other, grp, rda,
                      adate && adate->type == KW_TYPE_DATE ? adate : NULL,
                      ng, cac, tot, a)))
    goto done;
  for (size_t g = 0; g < ng; g++)
    ratio[g] = cac[g] > 0 ? mval[g] / cac[g] : NAN;
  /* payback: mean cumulative value per month since acquisition */
  const kw_table *tx = kw_dataset_table(ds, KW_TABLE_TRANSACTIONS);
  if ((st = kw_history_build(ctx, tx, s->as_of, &h))) goto done;
  have_h = true;
  int32_t pas = kw_period_index(s->as_of, KW_PERIOD_MONTH);
  int32_t pfirst = h.first_day != KW_NA_DATE
                       ? kw_period_index(h.first_day, KW_PERIOD_MONTH)
                       : pas;
  int32_t earliest = pfirst;
  for (size_t c = 0; c < n; c++)
    if (rda[c] != KW_NA_ID) {
      int32_t p = kw_period_index(adate->v.date[rda[c]], KW_PERIOD_MONTH);
      if (p < earliest) earliest = p;
    }
  size_t K = (size_t)(pas - earliest) + 1;
  tmp = kw_malloc(ctx, K * sizeof *tmp);
  sum = kw_calloc(ctx, (ng ? ng : 1) * K, sizeof *sum);
  cnt = kw_calloc(ctx, (ng ? ng : 1) * K, sizeof *cnt);
  if (!tmp || !sum || !cnt) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  /* month of each history day by a table over the days' range (one
     calendar conversion a day, not one a purchase day) */
  int32_t mlo = s->as_of;
  for (size_t d = 0; d < h.start[h.n_customers]; d++)
    if (h.days[d].day < mlo) mlo = h.days[d].day;
  size_t mn = s->as_of >= mlo && s->as_of - mlo < 200 * 366
                  ? (size_t)(s->as_of - mlo) + 1
                  : 0;
  month = mn ? kw_malloc(ctx, mn * sizeof *month) : NULL;
  if (!month) mn = 0; /* every day converted: the same months */
  for (size_t d = 0; d < mn; d++)
    month[d] = kw_period_index(mlo + (int32_t)d, KW_PERIOD_MONTH);
  for (size_t c = 0; c < n && c < h.n_customers; c++) {
    if (grp[c] == KW_NA_ID) continue;
    int32_t aday = rda[c] != KW_NA_ID ? adate->v.date[rda[c]] : s->first[c];
    if (aday > s->as_of) continue;
    int32_t am = kw_period_index(aday, KW_PERIOD_MONTH);
    size_t obs = (size_t)(pas - am);
    double rate = 1.0;
    if (v->basis != KW_VALUE_REVENUE && s->has_cost && s->revenue[c] > 0)
      rate = (double)(s->revenue[c] - s->cost[c]) / (double)s->revenue[c];
    for (size_t k = 0; k <= obs; k++) tmp[k] = 0;
    for (size_t d = h.start[c]; d < h.start[c + 1]; d++) {
      int32_t day = h.days[d].day;
      int32_t k = (day >= mlo && (size_t)((int64_t)day - mlo) < mn
                       ? month[day - mlo]
                       : kw_period_index(day, KW_PERIOD_MONTH)) -
                  am;
      if (k < 0) k = 0;
      if ((size_t)k > obs) continue;
      tmp[k] += rate * (double)h.days[d].amount / 100.0;
    }
    double cum = 0;
    size_t g = grp[c];
    for (size_t k = 0; k <= obs; k++) {
      cum += tmp[k];
      sum[g * K + k] += cum;
      cnt[g * K + k]++;
    }
  }
  for (size_t g = 0; g < ng; g++) {
    if (!(cac[g] > 0)) continue;
    for (size_t k = 0; k < K; k++) {
      if (cnt[g * K + k] < o.min_group) break;
      if (sum[g * K + k] / (double)cnt[g * K + k] >= cac[g]) {
        a->payback[g] = (int32_t)k;
        break;
      }
    }
  }
  v->channel = a->labelp;
  v->kind = a->kind;
  v->customers = a->customers;
  v->cac = cac;
  v->total_cost = tot;
  v->mean_value = mval;
  v->clv_cac = ratio;
  v->payback_month = a->payback;
  v->cac_source = a->src;
done:
  if (have_h) kw_history_free(ctx, &h);
  kw_free(ctx, tmp);
  kw_free(ctx, month);
  kw_free(ctx, sum);
  kw_free(ctx, cnt);
  kw_free(ctx, chan_n);
  kw_free(ctx, map);
  kw_free(ctx, rch);
  kw_free(ctx, rco);
  kw_free(ctx, rda);
  kw_free(ctx, grp);
  if (st) {
    kw_acquisition_free(a);
    return st;
  }
  *out = a;
  return KW_OK;
}
