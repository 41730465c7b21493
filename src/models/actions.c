/*
 * actions.c — one action per customer from a rule table.
 *
 * A rule is an action and a list of conditions "metric op value" that must
 * all hold; the first rule that holds decides (like the RFM segment rules
 * of rfm.c). A condition on a metric the data do not give (NaN: no model,
 * no invoices) is false, so a rule never fires on missing information.
 *
 * The built-in table puts risk before opportunity, the order an owner would
 * act in: first collect from problem payers, then reprice customers who
 * cost more than they bring, then keep or win back the valuable ones, then
 * invest where value and potential are both high, develop where potential
 * is, and serve the rest at low cost:
 *
 *   rule  action          conditions
 *    1    collect_first   pay_class = problematic, overdue >= 250,
 *                         overdue_share >= 0.05, days_overdue > 30
 *    2    collect_first   days_overdue > 60, overdue >= 250,
 *                         overdue_share >= 0.05
 *    3    reprice         contribution < 0
 *    4    win_back        value >= 0.8, status = churned
 *    5    win_back        abc = A, status = churned
 *    6    win_back        segment = cant_lose
 *    7    retain          competitor_risk = yes, status != churned,
 *                         value >= 0.5
 *    8    retain          value >= 0.8, status = at_risk
 *    9    invest          value >= 0.8, potential >= 0.5
 *   10    retain          value >= 0.8          (valuable, low potential)
 *   11    invest          fit >= 0.67, potential >= 0.5, status != churned
 *   12    retain          referrals >= 2, status != churned (an
 *                         influencer: keep and thank)
 *   13    win_back        referrals >= 2, status = churned (thank and
 *                         invite back)
 *   14    goodbye         fit < 0.34, value < 0.5, margin < 0.2
 *   15    goodbye         fit < 0.34, value < 0.5, days_late > 14
 *   16    retain          competitor_risk = yes, status != churned
 *   17    develop         potential >= 0.5, status != churned, next_best = yes
 *   18    develop         potential >= 0.5, status = active, next_best = no
 *                         (no product to offer: the reason says so)
 *   19    serve_low_cost  (always)
 *
 * Collecting first is material only: the overdue amount is at least 250
 * (currency units) and at least 5% of the customer's revenue of the last
 * 365 days, so one small late invoice of a large customer does not
 * override keeping that customer. Valuable customers who left (top 20% by
 * value, class A, or RFM's "Can't lose them") are won back, never served
 * at low cost. Rules 14 and 15 need an ideal customer profile (the fit
 * metric); without one they never hold, nor does rule 11, which invests
 * where fit and potential meet: a customer who fits the ideal profile
 * (two thirds of its criteria) and has potential is invested in before
 * being a top customer by value. A customer whose referrals brought at
 * least two buying customers (referrals: the referred customers who
 * bought; referral_value their customer referral value,
 * klantwijs/growth.h) is kept and thanked rather than said goodbye to,
 * developed or served at low cost (one who left is thanked and invited
 * back): their worth is also in the customers they bring (rules 12, 13).
 * A customer at risk to a named
 * competitor (feedback: rates it higher on the dimension that matters most
 * and buys less) is retained with a reason that names the competitor, the
 * dimension and both ratings: before invest when in the upper half by
 * value (rule 7), and otherwise after the goodbye rules (rule 16), so a
 * low-fit, low-value customer is not fought for. One who has left is not
 * "retained" (the win-back rules take the valuable ones). Cross-selling
 * (a product to offer) needs a next-best product, so a product (or
 * category) column; without one, active customers with potential are still
 * developed, with a reason that names no product.
 *
 * "value" and "potential" are shares of buying customers below the
 * customer (0.8 = the top 20%), so the thresholds hold whatever the size
 * or currency of the business.
 *
 * The built-in rules name their reason texts by message key ("why.invest");
 * the texts, the action labels and the formatting are in report/
 * (reasons.c).
 */
#include "models/actions.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

static const struct {
  const char *key;
  bool marketing;
} action_rows[KW_ACTION__COUNT] = {
#define KW_X_ACTION(e, key, mkt) [e] = {key, mkt},
    KW_ACTION_LIST(KW_X_ACTION)
#undef KW_X_ACTION
};

static const char *const action_reason_key[KW_ACTION__COUNT] = {
    [KW_ACTION_NONE] = "why.none",
    [KW_ACTION_INVEST] = "why.invest",
    [KW_ACTION_DEVELOP] = "why.develop",
    [KW_ACTION_RETAIN] = "why.retain_at_risk",
    [KW_ACTION_WIN_BACK] = "why.win_back",
    [KW_ACTION_SERVE_LOW_COST] = "why.serve",
    [KW_ACTION_REPRICE] = "why.reprice",
    [KW_ACTION_COLLECT] = "why.collect_problem",
    [KW_ACTION_GOODBYE] = "why.goodbye_margin",
};

const char *kw_action_key(kw_action a) {
  return (unsigned)a < KW_ACTION__COUNT ? action_rows[a].key : "";
}

kw_action kw_action_from_key(const char *key) {
  for (int a = 0; a < KW_ACTION__COUNT; a++)
    if (strcasecmp(key, action_rows[a].key) == 0) return (kw_action)a;
  return KW_ACTION__COUNT;
}

bool kw_action_is_marketing(kw_action a) {
  return (unsigned)a < KW_ACTION__COUNT && action_rows[a].marketing;
}

const char *kw_action_default_reason(kw_action a) {
  return (unsigned)a < KW_ACTION__COUNT ? action_reason_key[a] : "why.none";
}

static const struct {
  const char *key;
  int kind;
} metric_rows[KW_METRIC__COUNT] = {
#define KW_X_METRIC(e, key, kind) [e] = {key, kind},
    KW_METRIC_LIST(KW_X_METRIC)
#undef KW_X_METRIC
};

const char *kw_metric_key(kw_metric m) {
  return (unsigned)m < KW_METRIC__COUNT ? metric_rows[m].key : "";
}

int kw_metric_kind(kw_metric m) {
  return (unsigned)m < KW_METRIC__COUNT ? metric_rows[m].kind : 0;
}

static const char *const words_status[] = {"none", "active", "at_risk",
                                           "churned", NULL};
static const char *const words_pay[] = {"none", "fast", "slow", "problematic",
                                        NULL};
static const char *const words_abc[] = {"none", "A", "B", "C", NULL};
static const char *const words_yes_no[] = {"no", "yes", NULL};

const char *const *kw_metric_words(kw_metric m) {
  switch (m) {
    case KW_METRIC_STATUS: return words_status;
    case KW_METRIC_PAY_CLASS: return words_pay;
    case KW_METRIC_ABC: return words_abc;
    case KW_METRIC_NEXT_BEST:
    case KW_METRIC_CONSENT:
    case KW_METRIC_COMPETITOR_RISK: return words_yes_no;
    default: return NULL;
  }
}

const char *kw_cmp_text(kw_cmp op) {
  static const char *const t[] = {"=", "!=", "<", "<=", ">", ">="};
  return (unsigned)op < 6 ? t[op] : "?";
}

void kw_action_input_init(kw_action_input *in) {
  for (int k = 0; k < KW_METRIC__COUNT; k++) in->m[k] = NAN;
  in->segment = NULL;
  in->product = NULL;
  in->value_measure = KW_MEASURE_REVENUE;
  in->competitor = in->comp_dimension = NULL;
  in->comp_own = in->comp_theirs = NAN;
  in->potential_rfm = false;
}

/* ------------------------------------------------------ built-in table */

#define C(m, o, v) {m, o, v, NULL}
static const kw_action_rule builtin_rules[] = {
    {KW_ACTION_COLLECT, 4,
     {C(KW_METRIC_PAY_CLASS, KW_CMP_EQ, 3), C(KW_METRIC_OVERDUE, KW_CMP_GE, 250),
      C(KW_METRIC_OVERDUE_SHARE, KW_CMP_GE, 0.05),
      C(KW_METRIC_DAYS_OVERDUE, KW_CMP_GT, 30)},
     "why.collect_material", NULL, NULL},
    {KW_ACTION_COLLECT, 3,
     {C(KW_METRIC_DAYS_OVERDUE, KW_CMP_GT, 60),
      C(KW_METRIC_OVERDUE, KW_CMP_GE, 250),
      C(KW_METRIC_OVERDUE_SHARE, KW_CMP_GE, 0.05)},
     "why.collect_material", NULL, NULL},
    {KW_ACTION_REPRICE, 1,
     {C(KW_METRIC_CONTRIBUTION, KW_CMP_LT, 0)},
     "why.reprice", NULL, NULL},
    {KW_ACTION_WIN_BACK, 2,
     {C(KW_METRIC_VALUE, KW_CMP_GE, 0.8), C(KW_METRIC_STATUS, KW_CMP_EQ, 3)},
     "why.win_back", NULL, NULL},
    {KW_ACTION_WIN_BACK, 2,
     {C(KW_METRIC_ABC, KW_CMP_EQ, 1), C(KW_METRIC_STATUS, KW_CMP_EQ, 3)},
     "why.win_back_class_a", NULL, NULL},
    {KW_ACTION_WIN_BACK, 1,
     {{KW_METRIC_SEGMENT, KW_CMP_EQ, 0, "cant_lose"}},
     "why.win_back_segment", NULL, NULL},
    {KW_ACTION_RETAIN, 3,
     {C(KW_METRIC_COMPETITOR_RISK, KW_CMP_EQ, 1),
      C(KW_METRIC_STATUS, KW_CMP_NE, 3), C(KW_METRIC_VALUE, KW_CMP_GE, 0.5)},
     "why.retain_competitor", NULL, NULL},
    {KW_ACTION_RETAIN, 2,
     {C(KW_METRIC_VALUE, KW_CMP_GE, 0.8), C(KW_METRIC_STATUS, KW_CMP_EQ, 2)},
     "why.retain_at_risk", NULL, NULL},
    {KW_ACTION_INVEST, 2,
     {C(KW_METRIC_VALUE, KW_CMP_GE, 0.8),
      C(KW_METRIC_POTENTIAL, KW_CMP_GE, 0.5)},
     "why.invest", NULL, NULL},
    {KW_ACTION_RETAIN, 1,
     {C(KW_METRIC_VALUE, KW_CMP_GE, 0.8)},
     "why.retain_low_potential", NULL, NULL},
    /* invest where fit and potential meet (only with a profile) */
    {KW_ACTION_INVEST, 3,
     {C(KW_METRIC_FIT, KW_CMP_GE, 0.67), C(KW_METRIC_POTENTIAL, KW_CMP_GE, 0.5),
      C(KW_METRIC_STATUS, KW_CMP_NE, 3)},
     "why.invest_fit", NULL, NULL},
    /* an influencer: their referrals brought buying customers */
    {KW_ACTION_RETAIN, 2,
     {C(KW_METRIC_REFERRALS, KW_CMP_GE, 2), C(KW_METRIC_STATUS, KW_CMP_NE, 3)},
     "why.retain_influencer", NULL, NULL},
    {KW_ACTION_WIN_BACK, 2,
     {C(KW_METRIC_REFERRALS, KW_CMP_GE, 2), C(KW_METRIC_STATUS, KW_CMP_EQ, 3)},
     "why.win_back_influencer", NULL, NULL},
    /* strategic goodbye: only with an ideal customer profile (fit);
       before develop: potential alone does not earn a low-fit customer
       more attention */
    {KW_ACTION_GOODBYE, 3,
     {C(KW_METRIC_FIT, KW_CMP_LT, 0.34), C(KW_METRIC_VALUE, KW_CMP_LT, 0.5),
      C(KW_METRIC_MARGIN, KW_CMP_LT, 0.2)},
     "why.goodbye_margin", NULL, NULL},
    {KW_ACTION_GOODBYE, 3,
     {C(KW_METRIC_FIT, KW_CMP_LT, 0.34), C(KW_METRIC_VALUE, KW_CMP_LT, 0.5),
      C(KW_METRIC_DAYS_LATE, KW_CMP_GT, 14)},
     "why.goodbye_late", NULL, NULL},
    {KW_ACTION_RETAIN, 2,
     {C(KW_METRIC_COMPETITOR_RISK, KW_CMP_EQ, 1),
      C(KW_METRIC_STATUS, KW_CMP_NE, 3)},
     "why.retain_competitor", NULL, NULL},
    {KW_ACTION_DEVELOP, 3,
     {C(KW_METRIC_POTENTIAL, KW_CMP_GE, 0.5),
      C(KW_METRIC_STATUS, KW_CMP_NE, 3), C(KW_METRIC_NEXT_BEST, KW_CMP_EQ, 1)},
     "why.develop_product", NULL, NULL},
    {KW_ACTION_DEVELOP, 3,
     {C(KW_METRIC_POTENTIAL, KW_CMP_GE, 0.5),
      C(KW_METRIC_STATUS, KW_CMP_EQ, 1),
      C(KW_METRIC_NEXT_BEST, KW_CMP_EQ, 0)},
     "why.develop", NULL, NULL},
    {KW_ACTION_SERVE_LOW_COST, 0, {C(0, 0, 0)}, "why.serve", NULL, NULL},
};
#undef C

static const kw_action_rules builtin = {
    NULL, sizeof builtin_rules / sizeof *builtin_rules, builtin_rules};

const kw_action_rules *kw_action_rules_builtin(void) { return &builtin; }

size_t kw_action_rules_count(const kw_action_rules *r) { return r ? r->n : 0; }

kw_action kw_action_rules_action(const kw_action_rules *r, size_t i) {
  return r && i < r->n ? r->rules[i].action : KW_ACTION__COUNT;
}

static bool cond_holds(const kw_rule_cond *c, const kw_action_input *in) {
  if (c->metric == KW_METRIC_SEGMENT) {
    if (!in->segment || !c->word) return false;
    bool eq = strcasecmp(in->segment, c->word) == 0;
    return c->op == KW_CMP_NE ? !eq : c->op == KW_CMP_EQ && eq;
  }
  double v = in->m[c->metric];
  if (isnan(v)) return false;
  switch (c->op) {
    case KW_CMP_EQ: return v == c->value;
    case KW_CMP_NE: return v != c->value;
    case KW_CMP_LT: return v < c->value;
    case KW_CMP_LE: return v <= c->value;
    case KW_CMP_GT: return v > c->value;
    case KW_CMP_GE: return v >= c->value;
  }
  return false;
}

kw_action kw_action_decide(const kw_action_rules *r, const kw_action_input *in,
                           size_t *rule) {
  if (rule) *rule = SIZE_MAX;
  if (!r || !in) return KW_ACTION_NONE;
  for (size_t i = 0; i < r->n; i++) {
    const kw_action_rule *ru = &r->rules[i];
    size_t k = 0;
    while (k < ru->n_cond && cond_holds(&ru->cond[k], in)) k++;
    if (k == ru->n_cond) {
      if (rule) *rule = i;
      return ru->action;
    }
  }
  return KW_ACTION_NONE;
}
