/*
 * nextbest.c — next-best product per customer from association rules.
 *
 * For a customer with bought items B, a rule X => Y applies when X is a
 * subset of B; each item y of Y not in B is a candidate, and the rule's
 * confidence estimates P(y | X), the chance the customer buys y given what
 * they bought (rule-based top-N recommendation as in Sarwar, Karypis,
 * Konstan & Riedl 2000, and Lin, Alvarez & Ruiz 2002). A candidate
 * keeps its best rule: highest confidence, then highest lift (the rule
 * that says most beyond y's base rate), then the lowest rule index.
 * Candidates are ranked by that score, ties by item id, and the first
 * top_n kept. The expected value of an offer is
 *
 *     EV = confidence x average price x margin fraction
 *
 * in currency units — the margin one may expect from making it; where the
 * margin is unknown the factor is left out (expected revenue) and flagged.
 *
 * Design. Rules are indexed by their smallest antecedent item (a CSR over
 * items), so a customer only visits rules that can apply: those indexed
 * under an item they bought, then checks the other antecedent items in a
 * stamp array (stamp = customer number + 1, never cleared). Baskets of one
 * customer are merged through kw_customer_groups, so histories may be
 * baskets by customer or by order.
 */
#include "models/basket/basket_internal.h"

#include <stdlib.h>
#include <string.h>

struct kw_next_best {
  kw_context *ctx;
  kw_next_best_data v;
  uint32_t *customer;
  size_t *offsets;
  uint32_t *item;
  double *confidence, *lift, *ev;
  uint8_t *margin_applied;
  uint32_t *rule;
};

void kw_next_best_options_init(kw_next_best_options *o) {
  memset(o, 0, sizeof *o);
  o->top_n = 3;
}

const kw_next_best_data *kw_next_best_view(const kw_next_best *nb) {
  return nb ? &nb->v : NULL;
}

void kw_next_best_free(kw_next_best *nb) {
  if (!nb) return;
  kw_context *ctx = nb->ctx;
  kw_free(ctx, nb->customer);
  kw_free(ctx, nb->offsets);
  kw_free(ctx, nb->item);
  kw_free(ctx, nb->confidence);
  kw_free(ctx, nb->lift);
  kw_free(ctx, nb->ev);
  kw_free(ctx, nb->margin_applied);
  kw_free(ctx, nb->rule);
  kw_free(ctx, nb);
}

typedef struct cand {
  double conf, lift;
  uint32_t item, rule;
} cand;

static int cmp_cand(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->conf != y->conf) return x->conf > y->conf ? -1 : 1;
  if (x->lift != y->lift) return x->lift > y->lift ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

/* Is rule j better than rule k for the same candidate? */
static bool better(const kw_rule *rs, uint32_t j, uint32_t k) {
  if (rs[j].confidence != rs[k].confidence)
    return rs[j].confidence > rs[k].confidence;
  if (rs[j].lift != rs[k].lift) return rs[j].lift > rs[k].lift;
  return j < k;
}

kw_status kw_next_best_build(kw_context *ctx, const kw_rules *r,
                             const kw_baskets *h,
                             const kw_next_best_options *opt,
                             kw_next_best **out) {
  *out = NULL;
  kw_next_best_options o;
  if (opt)
    o = *opt;
  else
    kw_next_best_options_init(&o);
  if (!r || !h) return kw_fail(ctx, KW_EARG, "no rules or no baskets");
  const kw_rule_view *rv = kw_rules_view(r);
  const kw_basket_view *bv = kw_baskets_view(h);
  size_t n_items = bv->n_items;
  if (rv->n_items != n_items)
    return kw_fail(ctx, KW_EARG,
                   "rules over %zu items do not fit baskets over %zu items",
                   rv->n_items, n_items);
  if (rv->n >= UINT32_MAX) return kw_fail(ctx, KW_ERANGE, "too many rules");
  const double *price = o.price ? o.price : bv->item_price;
  const double *margin = o.margin ? o.margin : bv->item_margin;
  const uint8_t *mknown = o.margin ? NULL : bv->margin_known;

  kw_status st = KW_OK;
  kw_customer_groups g;
  memset(&g, 0, sizeof g);
  size_t ni = n_items ? n_items : 1;
  size_t *roff = kw_calloc(ctx, n_items + 1, sizeof *roff);
  uint32_t *ridx = kw_malloc(ctx, (rv->n ? rv->n : 1) * sizeof *ridx);
  uint32_t *bought = kw_calloc(ctx, ni, sizeof *bought);
  uint32_t *cstamp = kw_calloc(ctx, ni, sizeof *cstamp);
  uint32_t *best = kw_malloc(ctx, ni * sizeof *best);
  uint32_t *blist = kw_malloc(ctx, ni * sizeof *blist);
  uint32_t *clist = kw_malloc(ctx, ni * sizeof *clist);
  cand *cs = kw_malloc(ctx, ni * sizeof *cs);
  kw_next_best *nb = kw_calloc(ctx, 1, sizeof *nb);
  kw_buf b_item, b_conf, b_lift, b_ev, b_ma, b_rule;
  kw_buf_init(&b_item, sizeof(uint32_t));
  kw_buf_init(&b_conf, sizeof(double));
  kw_buf_init(&b_lift, sizeof(double));
  kw_buf_init(&b_ev, sizeof(double));
  kw_buf_init(&b_ma, sizeof(uint8_t));
  kw_buf_init(&b_rule, sizeof(uint32_t));
  if (nb) nb->ctx = ctx;
  if (!roff || !ridx || !bought || !cstamp || !best || !blist || !clist ||
      !cs || !nb) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  /* index the usable rules by their smallest antecedent item */
  const kw_rule *rs = rv->rules;
  for (size_t j = 0; j < rv->n; j++) {
    if (rs[j].confidence < o.min_confidence) continue;
    roff[rv->items[rs[j].lhs] + 1]++;
  }
  for (size_t i = 0; i < n_items; i++) roff[i + 1] += roff[i];
  for (size_t j = 0; j < rv->n; j++) {
    if (rs[j].confidence < o.min_confidence) continue;
    ridx[roff[rv->items[rs[j].lhs]]++] = (uint32_t)j;
  }
  for (size_t i = n_items; i > 0; i--) roff[i] = roff[i - 1];
  roff[0] = 0;

  if ((st = kw_customer_groups_build(ctx, h, &g))) goto done;
  nb->customer = kw_malloc(ctx, (g.n ? g.n : 1) * sizeof *nb->customer);
  nb->offsets = kw_malloc(ctx, (g.n + 1) * sizeof *nb->offsets);
  if (!nb->customer || !nb->offsets) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  nb->offsets[0] = 0;
  for (size_t gi = 0; gi < g.n; gi++) {
    uint32_t stamp = (uint32_t)gi + 1;
    size_t nbought = 0, ncand = 0;
    for (size_t q = g.off[gi]; q < g.off[gi + 1]; q++) {
      size_t bk = g.order[q];
      for (size_t k = bv->offsets[bk]; k < bv->offsets[bk + 1]; k++) {
        uint32_t it = bv->items[k];
        if (bought[it] == stamp) continue;
        bought[it] = stamp;
        blist[nbought++] = it;
      }
    }
    for (size_t a = 0; a < nbought; a++) {
      uint32_t first = blist[a];
      for (size_t q = roff[first]; q < roff[first + 1]; q++) {
        uint32_t j = ridx[q];
        const kw_rule *ru = &rs[j];
        bool applies = true;
        for (uint32_t x = 1; x < ru->n_lhs && applies; x++)
          applies = bought[rv->items[ru->lhs + x]] == stamp;
        if (!applies) continue;
        for (uint32_t y = 0; y < ru->n_rhs; y++) {
          uint32_t it = rv->items[ru->rhs + y];
          if (bought[it] == stamp) continue;
          if (cstamp[it] != stamp) {
            cstamp[it] = stamp;
            best[it] = j;
            clist[ncand++] = it;
          } else if (better(rs, j, best[it])) {
            best[it] = j;
          }
        }
      }
    }
    size_t keep = o.top_n && o.top_n < ncand ? o.top_n : ncand;
    if (keep < ncand && keep <= 16) {
      /* the first keep of the order by insertion: cmp_cand is a total
         order (items differ), so this is the sorted prefix */
      size_t nk = 0;
      for (size_t c = 0; c < ncand; c++) {
        uint32_t it = clist[c];
        cand x = {rs[best[it]].confidence, rs[best[it]].lift, it, best[it]};
        if (nk == keep && cmp_cand(&x, &cs[nk - 1]) >= 0) continue;
        size_t p = nk < keep ? nk++ : nk - 1;
        while (p > 0 && cmp_cand(&x, &cs[p - 1]) < 0) {
          cs[p] = cs[p - 1];
          p--;
        }
        cs[p] = x;
      }
    } else {
      for (size_t c = 0; c < ncand; c++) {
        uint32_t it = clist[c];
        cs[c].item = it;
        cs[c].rule = best[it];
        cs[c].conf = rs[best[it]].confidence;
        cs[c].lift = rs[best[it]].lift;
      }
      qsort(cs, ncand, sizeof *cs, cmp_cand);
    }
    for (size_t c = 0; c < keep; c++) {
      uint32_t it = cs[c].item;
      double ev = 0;
      uint8_t ma = 0;
      if (price) {
        ev = cs[c].conf * price[it];
        if (margin && (!mknown || mknown[it])) {
          ev *= margin[it];
          ma = 1;
        }
      }
      if ((st = kw_buf_push(ctx, &b_item, &it)) ||
          (st = kw_buf_push(ctx, &b_conf, &cs[c].conf)) ||
          (st = kw_buf_push(ctx, &b_lift, &cs[c].lift)) ||
          (st = kw_buf_push(ctx, &b_ev, &ev)) ||
          (st = kw_buf_push(ctx, &b_ma, &ma)) ||
          (st = kw_buf_push(ctx, &b_rule, &cs[c].rule)))
        goto done;
    }
    nb->customer[gi] = g.cust[gi];
    nb->offsets[gi + 1] = b_item.len;
  }
  nb->item = kw_buf_take(ctx, &b_item);
  nb->confidence = kw_buf_take(ctx, &b_conf);
  nb->lift = kw_buf_take(ctx, &b_lift);
  nb->ev = kw_buf_take(ctx, &b_ev);
  nb->margin_applied = kw_buf_take(ctx, &b_ma);
  nb->rule = kw_buf_take(ctx, &b_rule);
  nb->v.n = g.n;
  nb->v.customer = nb->customer;
  nb->v.offsets = nb->offsets;
  nb->v.item = nb->item;
  nb->v.confidence = nb->confidence;
  nb->v.lift = nb->lift;
  nb->v.expected_value = nb->ev;
  nb->v.margin_applied = nb->margin_applied;
  nb->v.rule = nb->rule;
  nb->v.has_price = price != NULL;
done:
  kw_free(ctx, roff);
  kw_free(ctx, ridx);
  kw_free(ctx, bought);
  kw_free(ctx, cstamp);
  kw_free(ctx, best);
  kw_free(ctx, blist);
  kw_free(ctx, clist);
  kw_free(ctx, cs);
  kw_buf_free(ctx, &b_item);
  kw_buf_free(ctx, &b_conf);
  kw_buf_free(ctx, &b_lift);
  kw_buf_free(ctx, &b_ev);
  kw_buf_free(ctx, &b_ma);
  kw_buf_free(ctx, &b_rule);
  kw_customer_groups_free(ctx, &g);
  if (st) {
    kw_next_best_free(nb);
    return st;
  }
  *out = nb;
  return KW_OK;
}
