/*
 * reasons.c — the label of an action, and the reason text of a customer's
 * action: the rule's own text
 * (from a rule file) or its message, with the customer's figures filled
 * into the {placeholders} by the message formatter.
 */
#include <math.h>
#include <stdint.h>

#include "models/actions.h"
#include "report/messages.h"

/* A built-in reason that quotes CLV or P(alive), when potential came from
 * recency and frequency instead: the variant that quotes those. */
static int rfm_variant(int msg) {
  switch (msg) {
    case MSG_WHY_INVEST: return MSG_WHY_INVEST_RFM;
    case MSG_WHY_RETAIN_LOW_POTENTIAL: return MSG_WHY_RETAIN_LOW_POTENTIAL_RFM;
    case MSG_WHY_DEVELOP_PRODUCT: return MSG_WHY_DEVELOP_PRODUCT_RFM;
    case MSG_WHY_DEVELOP: return MSG_WHY_DEVELOP_RFM;
    default: return msg;
  }
}

size_t kw_action_reason(char *buf, size_t cap, const kw_action_rules *r,
                        size_t rule, const kw_action_input *in, kw_lang lang,
                        const char *currency) {
  const char *tpl;
  /* a built-in reason of another rule gains the competitor clause when the
     customer is at risk to a named competitor (a win-back, say) */
  bool clause = false;
  if (!r || rule >= r->n) {
    tpl = kw_msg_text(MSG_WHY_NONE, lang);
  } else {
    const kw_action_rule *ru = &r->rules[rule];
    int msg = ru->reason_key ? kw_msg_find(ru->reason_key) : -1;
    if (msg >= 0)
      tpl = kw_msg_text((kw_msg)(in->potential_rfm ? rfm_variant(msg) : msg),
                        lang);
    else
      tpl = lang == KW_LANG_NL ? ru->reason_nl : ru->reason_en;
    clause = msg >= 0 && msg != MSG_WHY_RETAIN_COMPETITOR &&
             in->competitor != NULL;
  }
  const double *m = in->m;
#define MONEY(x) (isfinite(x) ? (int64_t)llround((x) * 100.0) : 0)
  double top = isfinite(m[KW_METRIC_VALUE]) ? 1.0 - m[KW_METRIC_VALUE] : NAN;
  /* "top 3%": round the share up to a whole percent, at least 1% */
  if (isfinite(top)) top = fmax(0.01, ceil(top * 100.0 - 1e-9) / 100.0);
  double ptop =
      isfinite(m[KW_METRIC_POTENTIAL]) ? 1.0 - m[KW_METRIC_POTENTIAL] : NAN;
  if (isfinite(ptop)) ptop = fmax(0.01, ceil(ptop * 100.0 - 1e-9) / 100.0);
  kw_marg args[] = {
      kw_ma_money("revenue", MONEY(m[KW_METRIC_REVENUE]), 0),
      kw_ma_money("contribution", MONEY(m[KW_METRIC_CONTRIBUTION]), 0),
      isfinite(m[KW_METRIC_CLV])
          ? kw_ma_money("clv", MONEY(m[KW_METRIC_CLV]), 0)
          : kw_ma_str("clv", kw_msg_text(MSG_WORD_CLV_UNKNOWN, lang)),
      kw_ma_pct("p_alive", m[KW_METRIC_P_ALIVE], 0),
      kw_ma_pct("value_top", top, 0),
      kw_ma_pct("potential_top", ptop, 0),
      kw_ma_pct("margin", m[KW_METRIC_MARGIN], 0),
      kw_ma_num("orders", m[KW_METRIC_ORDERS], 0),
      kw_ma_num("recency", m[KW_METRIC_RECENCY], 0),
      kw_ma_money("open", MONEY(m[KW_METRIC_OPEN]), 0),
      kw_ma_money("overdue", MONEY(m[KW_METRIC_OVERDUE]), 0),
      kw_ma_num("days_overdue", m[KW_METRIC_DAYS_OVERDUE], 0),
      kw_ma_num("days_late", m[KW_METRIC_DAYS_LATE], 0),
      kw_ma_pct("fit", m[KW_METRIC_FIT], 0),
      kw_ma_str("segment", in->segment ? in->segment : ""),
      kw_ma_str("product", in->product ? in->product : ""),
      kw_ma_str("value_measure",
                kw_msg_text(in->value_measure == KW_MEASURE_CONTRIBUTION
                                ? MSG_WORD_CONTRIBUTION_MEASURE
                            : in->value_measure == KW_MEASURE_EST_CONTRIBUTION
                                ? MSG_WORD_EST_CONTRIBUTION_MEASURE
                                : MSG_WORD_REVENUE_MEASURE,
                            lang)),
      kw_ma_money("value_amount", MONEY(m[KW_METRIC_VALUE_AMOUNT]), 0),
      kw_ma_money("yearly_revenue", MONEY(m[KW_METRIC_YEARLY_REVENUE]), 0),
      kw_ma_pct("overdue_share", m[KW_METRIC_OVERDUE_SHARE], 0),
      kw_ma_num("referrals", m[KW_METRIC_REFERRALS], 0),
      kw_ma_money("referral_value", MONEY(m[KW_METRIC_REFERRAL_VALUE]), 0),
      kw_ma_str("competitor", in->competitor ? in->competitor : ""),
      kw_ma_str("dimension", in->comp_dimension ? in->comp_dimension : ""),
      kw_ma_num("own", in->comp_own,
                in->comp_own == floor(in->comp_own) ? 0 : 1),
      kw_ma_num("theirs", in->comp_theirs,
                in->comp_theirs == floor(in->comp_theirs) ? 0 : 1),
  };
#undef MONEY
  size_t n = kw_msg_fill(buf, cap, tpl, lang, currency, args,
                         sizeof args / sizeof *args);
  if (!clause) return n;
  /* " " and the clause after the reason, cut at cap like the reason */
  const char *more = kw_msg_text(MSG_WHY_ALSO_COMPETITOR, lang);
  size_t at = n < cap ? n : (cap ? cap - 1 : 0);
  if (at + 1 < cap) {
    buf[at] = ' ';
    buf[at + 1] = '\0';
  }
  size_t rest = at + 1 < cap ? cap - at - 1 : 0;
  char dummy[1];
  size_t k = kw_msg_fill(rest ? buf + at + 1 : dummy, rest ? rest : 1, more,
                         lang, currency, args, sizeof args / sizeof *args);
  return n + 1 + k;
}

static const int action_label_msg[KW_ACTION__COUNT] = {
    [KW_ACTION_NONE] = MSG_ACT_NONE,
    [KW_ACTION_INVEST] = MSG_ACT_INVEST,
    [KW_ACTION_DEVELOP] = MSG_ACT_DEVELOP,
    [KW_ACTION_RETAIN] = MSG_ACT_RETAIN,
    [KW_ACTION_WIN_BACK] = MSG_ACT_WIN_BACK,
    [KW_ACTION_SERVE_LOW_COST] = MSG_ACT_SERVE_LOW_COST,
    [KW_ACTION_REPRICE] = MSG_ACT_REPRICE,
    [KW_ACTION_COLLECT] = MSG_ACT_COLLECT,
    [KW_ACTION_GOODBYE] = MSG_ACT_GOODBYE,
};

const char *kw_action_label(kw_action a, kw_lang lang) {
  if ((unsigned)a >= KW_ACTION__COUNT) return "";
  return kw_msg_text((kw_msg)action_label_msg[a], lang);
}
