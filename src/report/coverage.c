/*
 * coverage.c — the rows every command that prints a total uses to say
 * what the total covers: the customer base of klantwijs/summary.h (the
 * customers with a purchase, their lines and net revenue) and the
 * return-only customers left out. One writer, so that the same data give
 * the same customer count, line count and revenue total in every command.
 */
#include "klantwijs/report.h"

#include "klantwijs/groups.h"
#include "klantwijs/retention.h"

#include "report/messages.h"

static kw_kv row(const char *key, kw_msg m, kw_cell_type type) {
  kw_kv kv = {key, kw_msg_text(m, KW_LANG_EN), kw_msg_text(m, KW_LANG_NL),
              type, 0, {0}};
  return kv;
}

size_t kw_report_coverage_kv(kw_kv *kv, const kw_customer_summary *v) {
  size_t k = 0;
  kv[k] = row("n_customers", MSG_COV_CUSTOMERS, KW_CELL_I64);
  kv[k++].v.i = (int64_t)v->n_buyers;
  kv[k] = row("lines", MSG_COV_LINES, KW_CELL_I64);
  kv[k++].v.i = (int64_t)v->buyer_lines;
  kv[k] = row("revenue", MSG_COV_REVENUE, KW_CELL_MONEY);
  kv[k++].v.i = v->buyer_revenue;
  if (v->n_return_only) {
    kv[k] = row("return_only_customers", MSG_COV_RETURN_ONLY, KW_CELL_I64);
    kv[k++].v.i = (int64_t)v->n_return_only;
    kv[k] = row("return_only_revenue", MSG_COV_RETURN_ONLY_REVENUE,
                KW_CELL_MONEY);
    kv[k++].v.i = v->return_only_revenue;
  }
  return k;
}

size_t kw_report_churn_rates_kv(kw_kv *kv, const kw_churn *ch) {
  const kw_churn_info *I = kw_churn_info_view(ch);
  kw_churn_year yr;
  kw_churn_year_rate(ch, &yr);
  size_t k = 0;
  kw_msg share = I->contractual  ? MSG_CHURN_SHARE_CONTRACTS
                 : I->by_p_alive ? MSG_CHURN_SHARE_P_ALIVE
                                 : MSG_CHURN_SHARE_GAP;
  kv[k] = row("churned_share", share, KW_CELL_PCT);
  kv[k].decimals = 1;
  kv[k++].v.d = I->churned_share;
  if (!yr.defined) return k; /* less than a year of data */
  kv[k] = row("churn_rate_12m", MSG_CHURN_YEAR_RATE, KW_CELL_PCT);
  kv[k].decimals = 1;
  kv[k++].v.d = yr.rate;
  kv[k] = row("churn_rate_12m_base", MSG_CHURN_YEAR_BASE, KW_CELL_I64);
  kv[k++].v.i = (int64_t)yr.base;
  return k;
}

const char *kw_report_group_label(const kw_groups_data *v, size_t j,
                                  kw_lang lang) {
  if (!v || j >= v->n) return "";
  const char *key = NULL;
  switch (v->kind[j]) {
    case KW_GROUP_BLANK: key = "group.blank"; break;
    case KW_GROUP_NO: key = "group.no"; break;
    case KW_GROUP_YES: key = "group.yes"; break;
    case KW_GROUP_OTHER: key = "group.other"; break;
    default: return v->label[j] ? v->label[j] : "";
  }
  const char *t = kw_message(key, lang);
  return t ? t : key;
}
