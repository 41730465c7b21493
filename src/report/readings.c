/*
 * readings.c — the one plain-language sentence that reads each chart for
 * the owner ("20% of your customers bring 74% of your revenue"), from the
 * message table and the analysis's figures. The HTML shows them under the
 * charts and summary.json carries them under "readings", so the two never
 * disagree.
 */
#include "report/analysis_text.h"
#include "report/readings.h"

#include <math.h>
#include <string.h>

#define A(...) kw_marg args[] = {__VA_ARGS__}
#define FMT(m) kw_msg_format(buf, cap, (m), lang, a->currency, args, \
                             sizeof args / sizeof *args)

static const char *const keys[KW_READ__COUNT] = {
#define KW_X_READ(e, key) [e] = key,
    KW_READING_LIST(KW_X_READ)
#undef KW_X_READ
};

const char *kw_reading_key(kw_reading r) {
  return (unsigned)r < KW_READ__COUNT ? keys[r] : "";
}

/* The cohort column that is `age` periods after acquisition, pooled. */
static double cohort_total(const kw_analysis *a, size_t age) {
  return age < a->cv.cols ? a->cv.total[age] : NAN;
}

size_t kw_reading_text(const kw_analysis *a, kw_lang lang, kw_reading r,
                       char *buf, size_t cap) {
  if (cap) buf[0] = '\0';
  const kw_pareto_data *p = a->par;
  const kw_profit_data *pd = a->pd;
  switch (r) {
    case KW_READ_PARETO: {
      if (!p || p->revenue_total <= 0) return 0;
      A(kw_ma_pct("top_share", 0.2, 0),
        kw_ma_pct("rev_share", p->top_revenue_share, 0));
      return FMT(MSG_READ_PARETO);
    }
    case KW_READ_PARETO_TARGET: {
      if (!p || p->revenue_total <= 0) return 0;
      A(kw_ma_int("k", (int64_t)p->target_customers),
        kw_ma_pct("k_share", p->target_customer_share, 0));
      return FMT(MSG_READ_PARETO_TARGET);
    }
    case KW_READ_WARN_TOP1: {
      if (!p || !p->warn_top1) return 0;
      A(kw_ma_pct("share", p->top1_share, 0));
      return FMT(MSG_WARN_TOP1);
    }
    case KW_READ_WARN_TOP5: {
      if (!p || !p->warn_top5) return 0;
      A(kw_ma_pct("share", p->top5_share, 0));
      return FMT(MSG_WARN_TOP5);
    }
    case KW_READ_GINI: {
      if (!p || p->revenue_total <= 0) return 0;
      A(kw_ma_num("gini", p->gini, 2));
      return FMT(MSG_READ_GINI);
    }
    case KW_READ_WHALE: {
      if (!a->have_profit) return 0;
      if (!pd->whale_defined) {
        A(kw_ma_int("n", 0));
        return FMT(MSG_READ_WHALE_NONE);
      }
      /* (almost) no profit given back: say that instead */
      if (pd->peak_value_share < 1.005) {
        A(kw_ma_pct("peak_pct", pd->peak_value_share, 0));
        return FMT(MSG_READ_WHALE_FLAT);
      }
      A(kw_ma_pct("peak_share", pd->peak_customer_share, 0),
        kw_ma_pct("peak_pct", pd->peak_value_share, 0),
        kw_ma_pct("given_back", pd->peak_value_share - 1.0, 0));
      return FMT(MSG_READ_WHALE);
    }
    case KW_READ_LOSS: {
      if (!a->have_profit || pd->n_loss == 0) return 0;
      A(kw_ma_int("n", (int64_t)pd->n_loss),
        kw_ma_pct("share", pd->loss_share, 1),
        kw_ma_money("loss", pd->loss_total, 0));
      size_t k = FMT(MSG_READ_LOSS);
      if (pd->n_large_loss > 0 && k + 2 < cap) {
        buf[k++] = ' ';
        kw_marg b[] = {kw_ma_int("n", (int64_t)pd->n_large_loss)};
        k += kw_msg_format(buf + k, cap - k, MSG_READ_LARGE_LOSS, lang,
                           a->currency, b, 1);
      }
      return k;
    }
    case KW_READ_PROFIT_PARTIAL: {
      if (!a->have_profit || pd->n_known == pd->n_active) return 0;
      A(kw_ma_int("known", (int64_t)pd->n_known),
        kw_ma_int("active", (int64_t)pd->n_active));
      return FMT(MSG_READ_PROFIT_PARTIAL);
    }
    case KW_READ_RFM: {
      /* the segment with the most revenue among those shown */
      const kw_group_row *best = NULL;
      for (size_t g = 0; g < a->n_groups_rfm; g++)
        if (strcmp(a->groups_rfm[g].key, "other") != 0 &&
            (!best || a->groups_rfm[g].revenue > best->revenue))
          best = &a->groups_rfm[g];
      if (!best) return 0;
      A(kw_ma_str("segment", kw_an_group_label(a, best, lang)), kw_ma_pct("share", best->share, 0),
        kw_ma_pct("rev_share", best->revenue_share, 0));
      return FMT(MSG_READ_RFM);
    }
    case KW_READ_RFM_GRID: {
      if (!a->rd || a->rd->bins != 5) return 0;
      A(kw_ma_int("n", 0));
      return FMT(MSG_READ_RFM_GRID);
    }
    case KW_READ_CLV: {
      if (!a->have_clv) return 0;
      A(kw_ma_int("n", (int64_t)a->n_fit),
        kw_ma_money("total", (int64_t)llround(a->clv_total * 100.0), 0),
        kw_ma_int("months", a->o.horizon_months),
        kw_ma_pct("top_share", a->clv_top20_share, 0),
        kw_ma_str("what", kw_msg_text(a->have_profit ? MSG_WORD_MARGIN
                                                     : MSG_WORD_REVENUE,
                                      lang)));
      return FMT(MSG_READ_CLV);
    }
    case KW_READ_CLV_CHECK: {
      if (!a->have_holdout) return 0;
      A(kw_ma_int("days", a->holdout_days),
        kw_ma_num("predicted", a->eval.sum_predicted, 0),
        kw_ma_num("actual", a->eval.sum_actual, 0));
      return FMT(MSG_READ_CLV_CHECK);
    }
    case KW_READ_PALIVE: {
      if (!a->have_clv || a->pm_rows == 0) return 0;
      /* a frequent buyer gone quiet for half the observation */
      size_t row = a->pm_rows > 1 ? a->pm_rows / 2 : 0;
      size_t col = KW_PM_COLS / 4;
      A(kw_ma_num("x", a->pm_x[row], 0), kw_ma_num("weeks", a->pm_weeks[col], 0),
        kw_ma_pct("p", a->pm[row][col], 0));
      return FMT(MSG_READ_PALIVE);
    }
    case KW_READ_COHORT: {
      if (!a->cohorts || a->cv.cols < 2 || !isfinite(cohort_total(a, 1))) {
        if (!a->cohorts) return 0;
        A(kw_ma_int("n", 0));
        return FMT(MSG_READ_COHORT_NONE);
      }
      bool month = a->cv.period == KW_PERIOD_MONTH;
      size_t k = month ? 12 : 4;
      while (k > 1 && !isfinite(cohort_total(a, k))) k--;
      bool nl = lang == KW_LANG_NL;
      A(kw_ma_pct("m1", cohort_total(a, 1), 0),
        kw_ma_str("period", month ? (nl ? "maand" : "month")
                                  : (nl ? "kwartaal" : "quarter")),
        kw_ma_int("k", (int64_t)k),
        kw_ma_str("periods", month ? (nl ? "maanden" : "months")
                                   : (nl ? "kwartalen" : "quarters")),
        kw_ma_pct("mk", cohort_total(a, k), 0));
      return FMT(MSG_READ_COHORT);
    }
    case KW_READ_SURVIVAL: {
      if (!a->km) return 0;
      const kw_km_median *md = kw_km_group_median(a->km, 0);
      const kw_km_curve *cu = kw_km_group_curve(a->km, 0);
      if (!md || !cu) return 0;
      if (md->median_reached) {
        A(kw_ma_num("median", md->median, 0));
        return FMT(MSG_READ_SURVIVAL);
      }
      double tmax = cu->n_times ? cu->time[cu->n_times - 1] : 0;
      A(kw_ma_num("months", floor(tmax), 0));
      return FMT(MSG_READ_SURVIVAL_NOT_REACHED);
    }
    case KW_READ_CHURN: {
      if (!a->ci || a->ci->n_buyers == 0) return 0;
      A(kw_ma_int("churned", (int64_t)a->churn_churned),
        kw_ma_pct("share", (double)a->churn_churned / (double)a->ci->n_buyers,
                  0),
        kw_ma_int("at_risk", (int64_t)a->churn_at_risk),
        kw_ma_str("basis", kw_msg_text(a->ci->by_p_alive
                                           ? MSG_READ_CHURN_BASIS_P_ALIVE
                                           : MSG_READ_CHURN_BASIS_GAP,
                                       lang)));
      return FMT(MSG_READ_CHURN);
    }
    case KW_READ_PAYMENTS: {
      if (!a->pp || a->pp->n_customers == 0) return 0;
      A(kw_ma_num("days", a->pp->days_to_pay_all, 0),
        kw_ma_pct("late", a->pp->late_share_all, 0));
      return FMT(MSG_READ_PAYMENTS);
    }
    case KW_READ_AGEING: {
      if (!a->pp || a->pp->overdue_total <= 0) return 0;
      A(kw_ma_money("overdue", a->pp->overdue_total, 0),
        kw_ma_money("over90", a->pp->ageing_total[KW_AGE_OVER_90], 0));
      return FMT(MSG_READ_AGEING);
    }
    case KW_READ_CROSS_SELL: {
      if (a->step[KW_STEP_CROSS_SELL] == KW_STEP_SKIPPED ||
          a->step[KW_STEP_CROSS_SELL] == KW_STEP_FAILED)
        return 0;
      if (a->n_cross == 0) {
        A(kw_ma_int("n", 0));
        return FMT(MSG_READ_NO_RULE);
      }
      const kw_cross_rule *cr = &a->cross[0];
      A(kw_ma_str("lhs", cr->lhs), kw_ma_str("rhs", cr->rhs),
        kw_ma_pct("conf", cr->confidence, 0), kw_ma_num("lift", cr->lift, 1));
      return FMT(MSG_READ_RULE);
    }
    case KW_READ_NPS: {
      if (a->nps_n == 0) return 0;
      A(kw_ma_num("nps", a->head.nps, 0),
        kw_ma_int("promoters", (int64_t)a->nps_promoters),
        kw_ma_int("detractors", (int64_t)a->nps_detractors),
        kw_ma_int("n", (int64_t)a->nps_n));
      return FMT(MSG_READ_NPS);
    }
    case KW_READ_CAC: {
      if (a->cac_n == 0 || !isfinite(a->head.clv_cac)) return 0;
      A(kw_ma_money("cac", (int64_t)llround(a->cac_mean * 100.0), 0),
        kw_ma_money("ltv", (int64_t)llround(a->ltv_mean * 100.0), 0),
        kw_ma_num("ratio", a->head.clv_cac, 1));
      return FMT(MSG_READ_CAC);
    }
    case KW_READ_QUALITY: {
      A(kw_ma_int("used", (int64_t)a->s->lines_used),
        kw_ma_int("read", (int64_t)a->tx_rows_read));
      return FMT(MSG_READ_QUALITY);
    }
    case KW_READ_ACTIONS: {
      double risk = a->stake_total[KW_ACTION_RETAIN] +
                    a->stake_total[KW_ACTION_WIN_BACK];
      A(kw_ma_int("n_invest", (int64_t)a->head.action_count[KW_ACTION_INVEST]),
        kw_ma_int("n_retain", (int64_t)a->head.action_count[KW_ACTION_RETAIN]),
        kw_ma_int("n_win_back",
                  (int64_t)a->head.action_count[KW_ACTION_WIN_BACK]),
        kw_ma_money("at_risk", (int64_t)llround(risk * 100.0), 0),
        kw_ma_str("measure",
                  kw_msg_text(a->value_measure == KW_MEASURE_CONTRIBUTION
                                  ? MSG_WORD_CONTRIBUTION_MEASURE
                              : a->value_measure == KW_MEASURE_EST_CONTRIBUTION
                                  ? MSG_WORD_EST_CONTRIBUTION_MEASURE
                                  : MSG_WORD_REVENUE_MEASURE,
                              lang)));
      return FMT(MSG_READ_ACTIONS);
    }
    default:
      return 0;
  }
}

int kw_clv_hint_msg(const kw_analysis *a) {
  if (a->have_clv && !a->clv_ok)
    return a->have_profit ? MSG_HINT_CLV_UNCHECKED
                          : MSG_HINT_CLV_REVENUE_UNCHECKED;
  return a->have_profit ? MSG_HINT_CLV : MSG_HINT_CLV_REVENUE;
}
