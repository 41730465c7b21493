/*
 * profit.c — customer profitability: contribution after cost of goods and
 * cost-to-serve, and the portfolio's whale curve.
 *
 * Model (activity-based customer profitability, Kaplan & Cooper, "Cost &
 * Effect", 1998; the whale curve as in Kaplan & Narayanan, "Measuring and
 * managing customer profitability", J. of Cost Management 15(5), 2001):
 *
 *   contribution_i = revenue_i - cogs_i - serve_i [- discount_i]
 *   serve_i        = sum over cost rows r of customer i of
 *                    amount_r, or units_r x rate(type_r)
 *   margin_i       = contribution_i / revenue_i x 100   (revenue_i > 0)
 *
 * The cost of goods per customer and its source (data, partial, assumed,
 * no sales, unknown) follow the rules stated in klantwijs/value.h. A
 * customer whose cost of goods is unknown keeps contribution 0 in the
 * arrays but is flagged and left out of every contribution total, so no
 * one is silently counted at a 100% margin.
 *
 * Whale curve: known customers ranked by contribution (descending, ties by
 * id); point k is (k / m, C_k / C_m) with C_k the cumulative contribution.
 * The peak is the first k with the largest C_k: "the best k/m of customers
 * bring C_k/C_m of the profit"; beyond it the curve falls as the loss
 * makers are added, ending at 1.
 *
 * Cost rows dated after the summary's as-of date fall outside the period
 * the revenue covers and are left out (counted in rows_after).
 *
 * One pass over the costs table, one over the customers, one radix sort
 * by contribution and one by revenue: O(rows + n).
 */
#include "klantwijs/value.h"

#include <stdio.h>
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "core/core.h"
#include "models/value_rank.h"

struct kw_profit {
  kw_context *ctx;
  kw_profit_data d;
  int64_t *revenue, *cogs, *discount, *serve, *contribution;
  double *margin;
  uint8_t *source, *flags;
  kw_serve_type *types;
  char **type_names;
  int64_t **by_type;
  uint32_t *ranking, *large_loss;
  kw_curve_point *points;
};

const char *kw_cost_source_name(kw_cost_source s) {
  static const char *const names[] = {"unknown", "data",     "partial",
                                      "assumed", "no_sales", "mixed"};
  return (unsigned)s < sizeof names / sizeof *names ? names[s] : "?";
}

void kw_profit_options_init(kw_profit_options *o) {
  memset(o, 0, sizeof *o);
  o->use_margin_pct = false;
  o->margin_pct = 0;
  o->subtract_discount = false;
  o->large_share = 0.10;
  o->max_points = 200;
}

void kw_profit_free(kw_profit *p) {
  if (!p) return;
  kw_context *ctx = p->ctx;
  kw_free(ctx, p->revenue);
  kw_free(ctx, p->cogs);
  kw_free(ctx, p->discount);
  kw_free(ctx, p->serve);
  kw_free(ctx, p->contribution);
  kw_free(ctx, p->margin);
  kw_free(ctx, p->source);
  kw_free(ctx, p->flags);
  for (size_t j = 0; j < p->d.n_types; j++) {
    if (p->type_names) kw_free(ctx, p->type_names[j]);
    if (p->by_type) kw_free(ctx, p->by_type[j]);
  }
  kw_free(ctx, p->type_names);
  kw_free(ctx, p->by_type);
  kw_free(ctx, p->types);
  kw_free(ctx, p->ranking);
  kw_free(ctx, p->large_loss);
  kw_free(ctx, p->points);
  kw_free(ctx, p);
}

const kw_profit_data *kw_profit_view(const kw_profit *p) {
  return p ? &p->d : NULL;
}

/* Equal ignoring ASCII case and surrounding blanks. */
static bool name_eq(const char *a, const char *b) {
  while (*a == ' ' || *a == '\t') a++;
  while (*b == ' ' || *b == '\t') b++;
  size_t la = strlen(a), lb = strlen(b);
  while (la && (a[la - 1] == ' ' || a[la - 1] == '\t')) la--;
  while (lb && (b[lb - 1] == ' ' || b[lb - 1] == '\t')) lb--;
  if (la != lb) return false;
  for (size_t i = 0; i < la; i++)
    if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
      return false;
  return true;
}

/* A money sum past int64 cents: an error, never a wrapped number. */
static kw_status out_of_range(kw_context *ctx, const char *what) {
  return kw_fail_tpl(ctx, KW_ERANGE, "model.e.money_overflow",
                     "{what} add up to more than 92,233,720,368,547,758.07: "
                     "out of range, no total would be right",
                     "what", what, NULL);
}
#define ADD_OR_FAIL(acc, v, what)                                  \
  do {                                                             \
    if (!kw_money_add(&(acc), (v))) return out_of_range(ctx, what); \
  } while (0)

static kw_status check_options(kw_context *ctx, const kw_profit_options *o) {
  if (o->use_margin_pct &&
      !(isfinite(o->margin_pct) && o->margin_pct >= -100 &&
        o->margin_pct <= 100))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.profit_margin",
                       "margin_pct must be between -100 and 100", NULL);
  if (!(o->large_share > 0 && o->large_share <= 1))
    return kw_fail_tpl(ctx, KW_EARG, "model.e.profit_large_share",
                       "large_share must be in (0, 1]", NULL);
  for (size_t j = 0; j < o->n_rates; j++) {
    if (!o->rates[j].type)
      return kw_fail_tpl(ctx, KW_EARG, "model.e.profit_rate_type",
                         "cost rate {n} has no type", "n", KW_NUM_U(j + 1),
                         NULL);
    if (o->rates[j].rate < 0)
      return kw_fail_tpl(ctx, KW_EARG, "model.e.profit_rate_negative",
                         "cost rate of '{type}' is negative", "type",
                         o->rates[j].type, NULL);
  }
  return KW_OK;
}

static kw_status alloc_arrays(kw_profit *p, size_t n) {
  kw_context *ctx = p->ctx;
  size_t m = n ? n : 1;
  p->revenue = kw_calloc(ctx, m, sizeof(int64_t));
  p->cogs = kw_calloc(ctx, m, sizeof(int64_t));
  p->discount = kw_calloc(ctx, m, sizeof(int64_t));
  p->serve = kw_calloc(ctx, m, sizeof(int64_t));
  p->contribution = kw_calloc(ctx, m, sizeof(int64_t));
  p->margin = kw_calloc(ctx, m, sizeof(double));
  p->source = kw_calloc(ctx, m, 1);
  p->flags = kw_calloc(ctx, m, 1);
  if (!p->revenue || !p->cogs || !p->discount || !p->serve ||
      !p->contribution || !p->margin || !p->source || !p->flags)
    return kw_fail_nomem(ctx);
  return KW_OK;
}

/* Cost-to-serve from the costs table into p->serve and p->by_type. */
static kw_status add_costs(kw_profit *p, const kw_customer_summary *s,
                           const kw_table *costs, const kw_profit_options *o) {
  kw_context *ctx = p->ctx;
  if (kw_table_kind_of(costs) != KW_TABLE_COSTS)
    return kw_fail(ctx, KW_EARG, "profit: expected a costs table, got %s",
                   kw_table_kind_name(kw_table_kind_of(costs)));
  const kw_column *cc = kw_table_role(costs, KW_ROLE_CUSTOMER);
  const kw_column *tc = kw_table_role(costs, KW_ROLE_TYPE);
  const kw_column *hc = kw_table_role(costs, KW_ROLE_HOURS);
  const kw_column *ac = kw_table_role(costs, KW_ROLE_AMOUNT);
  const kw_column *dc = kw_table_role(costs, KW_ROLE_DATE);
  if (dc && dc->type != KW_TYPE_DATE) dc = NULL;
  if (!cc)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.costs_no_customer",
                       "costs: no customer column", NULL);
  if (!hc && !ac)
    return kw_fail_tpl(ctx, KW_EMISSING, "model.e.costs_no_amount",
                       "costs: neither an hours nor an amount column", NULL);
  if (cc->type != KW_TYPE_TEXT || (tc && tc->type != KW_TYPE_TEXT) ||
      (hc && hc->type != KW_TYPE_NUMBER) || (ac && ac->type != KW_TYPE_MONEY))
    return kw_fail(ctx, KW_EARG, "costs: a column has the wrong type");
  size_t rows = kw_table_rows(costs);
  /* types: the column's dictionary, plus "" when some rows have no type */
  size_t ndict = tc ? kw_dict_size(tc->dict) : 0, nt = tc ? ndict : 1;
  if (tc)
    for (size_t i = 0; i < rows; i++)
      if (tc->v.text[i] >= ndict) {
        nt++;
        break;
      }
  size_t ntc = nt ? nt : 1;
  p->types = kw_calloc(ctx, ntc, sizeof *p->types);
  p->type_names = kw_calloc(ctx, ntc, sizeof *p->type_names);
  p->by_type = kw_calloc(ctx, ntc, sizeof *p->by_type);
  if (!p->types || !p->type_names || !p->by_type) return kw_fail_nomem(ctx);
  p->d.n_types = nt;
  /* per type: its name, rate (or -1 for none) and per-customer array */
  for (size_t j = 0; j < nt; j++) {
    const char *nm = !tc ? "cost" : j < ndict ? kw_dict_str(tc->dict, (uint32_t)j) : "";
    p->type_names[j] = kw_strdup(ctx, nm);
    p->by_type[j] = kw_calloc(ctx, s->n ? s->n : 1, sizeof(int64_t));
    if (!p->type_names[j] || !p->by_type[j]) return kw_fail_nomem(ctx);
    p->types[j].type = p->type_names[j];
    p->types[j].rate = -1;
    for (size_t r = 0; r < o->n_rates; r++)
      if (name_eq(nm, o->rates[r].type)) {
        p->types[j].rate = o->rates[r].rate;
        break;
      }
  }
  for (size_t i = 0; i < rows; i++) {
    if (dc && dc->v.date[i] != KW_NA_DATE && s->as_of != KW_NA_DATE &&
        dc->v.date[i] > s->as_of) {
      p->d.rows_after++; /* after the as-of date: outside the period */
      continue;
    }
    uint32_t c = cc->v.text[i];
    size_t t = tc ? tc->v.text[i] : 0;
    if (t >= ndict && tc) t = ndict; /* no type: the "" type */
    int64_t cost = 0;
    int how; /* 0 amount, 1 rate, 2 unpriced */
    if (ac && ac->v.money[i] != KW_NA_MONEY) {
      cost = ac->v.money[i];
      how = 0;
    } else if (p->types[t].rate >= 0) {
      double units = 1;
      if (hc && isfinite(hc->v.number[i])) units = hc->v.number[i];
      double v = units * (double)p->types[t].rate;
      if (!(fabs(v) < 9.0e18))
        return kw_fail_tpl(ctx, KW_ERANGE, "model.e.costs_row_range",
                           "costs: row {row}: cost out of range", "row",
                           KW_NUM_U(i + 1), NULL);
      cost = llround(v);
      how = 1;
      p->types[t].units += units;
    } else {
      how = 2;
    }
    if (c == KW_NA_ID) {
      p->d.overhead_rows++;
      ADD_OR_FAIL(p->d.overhead, cost, "costs: the overhead costs");
      continue;
    }
    if (c >= s->n)
      return kw_fail(ctx, KW_EINPUT,
                     "costs: row %zu: customer id %u is not in the summary",
                     i + 1, (unsigned)c);
    p->types[t].rows++;
    if (how == 0) p->types[t].rows_amount++;
    if (how == 1) p->types[t].rows_rate++;
    if (how == 2) {
      p->types[t].rows_unpriced++;
      p->d.unpriced_rows++;
      p->flags[c] |= KW_PROFIT_UNPRICED;
    }
    ADD_OR_FAIL(p->types[t].cost, cost, "costs: the costs of one type");
    ADD_OR_FAIL(p->serve[c], cost, "costs: the costs of one customer");
    ADD_OR_FAIL(p->by_type[t][c], cost, "costs: the costs of one customer");
    p->flags[c] |= KW_PROFIT_ACTIVE;
  }
  for (size_t j = 0; j < nt; j++) {
    if (p->types[j].rate < 0) p->types[j].rate = 0;
    if (p->types[j].rows_unpriced) {
      char n[24];
      snprintf(n, sizeof n, "%llu",
               (unsigned long long)p->types[j].rows_unpriced);
      kw_warn_tpl(ctx, "model.w.costs_unpriced",
                  "costs: {n} row(s) of type '{type}' have no amount and the "
                  "type has no rate; counted at 0",
                  "n", n, "type", p->types[j].type, NULL);
    }
  }
  if (p->d.overhead_rows) {
    char n[24];
    snprintf(n, sizeof n, "%llu", (unsigned long long)p->d.overhead_rows);
    kw_warn_tpl(ctx, "model.w.costs_overhead",
                "costs: {n} row(s) without a customer (not allocated)", "n",
                n, NULL);
  }
  return KW_OK;
}

/* Cost of goods, its source, contribution and margin of every customer. */
static kw_status per_customer(kw_profit *p, const kw_customer_summary *s,
                              const kw_profit_options *o) {
  kw_context *ctx = p->ctx;
  kw_profit_data *d = &p->d;
  for (size_t i = 0; i < s->n; i++) {
    /* the customer base of klantwijs/summary.h: a customer without a
       purchase (return only) has no sales here; its returns are counted
       apart by the summary (n_return_only) and left out */
    bool buyer = s->first[i] != KW_NA_DATE;
    int64_t rev = buyer ? s->revenue[i] : 0;
    uint32_t lines = buyer ? s->lines[i] : 0;
    p->revenue[i] = rev;
    p->discount[i] = buyer && s->discount ? s->discount[i] : 0;
    kw_cost_source src;
    int64_t cogs = 0;
    if (lines == 0) {
      src = KW_COST_NO_SALES;
    } else if (s->has_cost && s->cost && s->cost_lines &&
               s->cost_lines[i] >= lines) {
      src = KW_COST_DATA;
      cogs = s->cost[i];
    } else if (s->has_cost && s->cost && s->cost_lines &&
               s->cost_lines[i] > 0) {
      src = KW_COST_PARTIAL;
      cogs = llround((double)s->cost[i] * (double)lines /
                     (double)s->cost_lines[i]);
    } else if (o->use_margin_pct) {
      src = KW_COST_ASSUMED;
      cogs = llround((double)rev * (1.0 - o->margin_pct / 100.0));
    } else {
      src = KW_COST_UNKNOWN;
    }
    if (lines > 0) p->flags[i] |= KW_PROFIT_ACTIVE;
    else if (p->flags[i] & KW_PROFIT_ACTIVE) p->flags[i] |= KW_PROFIT_NO_SALES;
    p->source[i] = (uint8_t)src;
    p->cogs[i] = cogs;
    bool active = p->flags[i] & KW_PROFIT_ACTIVE;
    if (src == KW_COST_UNKNOWN) {
      p->contribution[i] = 0;
      p->margin[i] = 0;
      if (active) p->flags[i] |= KW_PROFIT_NO_COST;
    } else {
      int64_t c;
      if (!kw_money_sub(rev, cogs, &c) || !kw_money_sub(c, p->serve[i], &c) ||
          (o->subtract_discount && !kw_money_sub(c, p->discount[i], &c)))
        return out_of_range(ctx, "profit: revenue less costs");
      p->contribution[i] = c;
      p->margin[i] = rev > 0 ? (double)c / (double)rev * 100.0 : 0;
      if (active && c < 0) p->flags[i] |= KW_PROFIT_LOSS;
    }
    if (!active) continue;
    d->n_active++;
    d->n_by_source[src]++;
    ADD_OR_FAIL(d->revenue_total, rev, "profit: revenues");
    ADD_OR_FAIL(d->discount_total, p->discount[i], "profit: discounts");
    ADD_OR_FAIL(d->serve_total, p->serve[i], "profit: costs to serve");
    if (src == KW_COST_UNKNOWN) {
      d->n_no_cost++;
      ADD_OR_FAIL(d->revenue_no_cost, rev, "profit: revenues");
    } else {
      d->n_known++;
      ADD_OR_FAIL(d->revenue_known, rev, "profit: revenues");
      ADD_OR_FAIL(d->cogs_total, cogs, "profit: costs of goods");
      ADD_OR_FAIL(d->contribution_total, p->contribution[i],
                  "profit: contributions");
      if (p->contribution[i] < 0) {
        d->n_loss++;
        ADD_OR_FAIL(d->loss_total, p->contribution[i], "profit: losses");
      }
    }
  }
  d->overall = KW_COST_MIXED;
  for (int k = 0; k < KW_COST__COUNT; k++)
    if (d->n_by_source[k] == d->n_active) d->overall = (kw_cost_source)k;
  if (d->n_active == 0) d->overall = KW_COST_UNKNOWN;
  d->margin_pct_total =
      kw_ratio((double)d->contribution_total, (double)d->revenue_known) * 100;
  d->loss_share = kw_ratio((double)d->n_loss, (double)d->n_known);
  return KW_OK;
}

static kw_status whale(kw_profit *p, const kw_customer_summary *s,
                       const kw_profit_options *o) {
  kw_context *ctx = p->ctx;
  kw_profit_data *d = &p->d;
  p->ranking = kw_malloc(ctx, (d->n_known ? d->n_known : 1) * sizeof(uint32_t));
  if (!p->ranking) return kw_fail_nomem(ctx);
  size_t m = 0;
  for (size_t i = 0; i < s->n; i++)
    if ((p->flags[i] & KW_PROFIT_ACTIVE) && p->source[i] != KW_COST_UNKNOWN)
      p->ranking[m++] = (uint32_t)i;
  kw_status st = kw_rank_desc(ctx, p->contribution, p->ranking, m);
  if (st) return st;
  /* the peak: first k with the largest cumulative contribution */
  int64_t cum = 0, best = 0;
  size_t bestk = 0;
  for (size_t k = 1; k <= m; k++) {
    ADD_OR_FAIL(cum, p->contribution[p->ranking[k - 1]],
                "profit: contributions");
    if (cum > best) {
      best = cum;
      bestk = k;
    }
  }
  d->whale_defined = d->contribution_total > 0;
  d->peak_customers = bestk;
  d->peak_value = best;
  d->peak_customer_share = kw_ratio((double)bestk, (double)m);
  d->peak_value_share =
      d->whale_defined ? (double)best / (double)d->contribution_total : 0;
  return kw_curve_build(ctx, p->contribution, p->ranking, m,
                        d->whale_defined ? d->contribution_total : 0,
                        o->max_points, bestk, &p->points, &d->n_points);
}

static kw_status large_customers(kw_profit *p, const kw_customer_summary *s,
                                 const kw_profit_options *o) {
  kw_context *ctx = p->ctx;
  kw_profit_data *d = &p->d;
  size_t na = d->n_active;
  uint32_t *ids = kw_malloc(ctx, (na ? na : 1) * sizeof *ids);
  if (!ids) return kw_fail_nomem(ctx);
  size_t m = 0;
  for (size_t i = 0; i < s->n; i++)
    if (p->flags[i] & KW_PROFIT_ACTIVE) ids[m++] = (uint32_t)i;
  kw_status st = kw_rank_desc(ctx, p->revenue, ids, m);
  if (st) {
    kw_free(ctx, ids);
    return st;
  }
  size_t k = m ? (size_t)ceil(o->large_share * (double)m - 1e-9) : 0;
  if (m && k < 1) k = 1;
  if (k > m) k = m;
  while (k > 0 && p->revenue[ids[k - 1]] <= 0) k--; /* large means sales */
  while (k > 0 && k < m && p->revenue[ids[k]] == p->revenue[ids[k - 1]]) k++;
  d->n_large = k;
  size_t nl = 0;
  for (size_t j = 0; j < k; j++) {
    uint32_t c = ids[j];
    p->flags[c] |= KW_PROFIT_LARGE;
    if (p->flags[c] & KW_PROFIT_LOSS) {
      p->flags[c] |= KW_PROFIT_LARGE_LOSS;
      ids[nl++] = c; /* compact in place: nl <= j */
    }
  }
  d->n_large_loss = nl;
  p->large_loss = ids;
  return KW_OK;
}

kw_status kw_profit_compute(kw_context *ctx, const kw_customer_summary *s,
                            const kw_table *costs, const kw_profit_options *o,
                            kw_profit **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "profit: out is NULL");
  *out = NULL;
  if (!s) return kw_fail(ctx, KW_EARG, "profit: no customer summary");
  if (s->n > UINT32_MAX)
    return kw_fail(ctx, KW_ERANGE, "profit: too many customers");
  kw_profit_options def;
  if (!o) {
    kw_profit_options_init(&def);
    o = &def;
  }
  kw_status st = check_options(ctx, o);
  if (st) return st;
  kw_profit *p = kw_calloc(ctx, 1, sizeof *p);
  if (!p) return kw_fail_nomem(ctx);
  p->ctx = ctx;
  p->d.n = s->n;
  st = alloc_arrays(p, s->n);
  if (!st && costs) st = add_costs(p, s, costs, o);
  if (!st) {
    st = per_customer(p, s, o);
    if (!st) st = whale(p, s, o);
  }
  if (!st) st = large_customers(p, s, o);
  if (st) {
    kw_profit_free(p);
    return st;
  }
  kw_profit_data *d = &p->d;
  d->revenue = p->revenue;
  d->cogs = p->cogs;
  d->discount = p->discount;
  d->serve = p->serve;
  d->contribution = p->contribution;
  d->margin_pct = p->margin;
  d->source = p->source;
  d->flags = p->flags;
  d->types = p->types;
  d->serve_by_type = (const int64_t *const *)p->by_type;
  d->ranking = p->ranking;
  d->points = p->points;
  d->large_loss = p->large_loss;
  if (d->n_no_cost) {
    char n[24];
    snprintf(n, sizeof n, "%zu", d->n_no_cost);
    kw_warn_tpl(ctx, "model.w.profit_no_cost",
                "profit: {n} customer(s) with sales have no cost of goods; "
                "their contribution is unknown and left out of the totals",
                "n", n, NULL);
  }
  *out = p;
  return KW_OK;
}
