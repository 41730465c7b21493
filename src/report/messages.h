/*
 * messages.h — every sentence, label and heading of the report, by key,
 * in English and Dutch. The texts are one table in messages.c; here are
 * the keys (an enum, so a typo is a compile error) and the formatter that
 * fills {placeholders} with typed values in the reader's number, money and
 * date format. Internal to the library.
 */
#ifndef KW_REPORT_MESSAGES_H
#define KW_REPORT_MESSAGES_H

#include <stddef.h>
#include <stdint.h>

#include "core/marg.h"
#include "klantwijs/report.h"

#define KW_MSG_NAMES(X)                                                   \
  /* report chrome */                                                     \
  X(MSG_REPORT_TITLE) X(MSG_REPORT_SUBTITLE) X(MSG_FOOTER)                \
  X(MSG_CONTENTS) X(MSG_PRINT_HINT) X(MSG_FILTER_PLACEHOLDER)            \
  X(MSG_SORT_HINT)                                                        \
  /* sections */                                                          \
  X(MSG_SEC_HEADLINE) X(MSG_SEC_ACTIONS) X(MSG_SEC_VALUE)                 \
  X(MSG_SEC_PROFIT) X(MSG_SEC_RFM) X(MSG_SEC_CLV) X(MSG_SEC_RETENTION)    \
  X(MSG_SEC_PAYMENTS) X(MSG_SEC_CROSS_SELL) X(MSG_SEC_FEEDBACK)           \
  X(MSG_SEC_QUALITY) X(MSG_SEC_STEPS)                                     \
  X(MSG_SEC_TRENDS) X(MSG_SEC_JOURNEY) X(MSG_SEC_REFERRALS)              \
  X(MSG_SEC_ACQUISITION)                                                  \
  /* key figures */                                                       \
  X(MSG_KPI_CUSTOMERS) X(MSG_KPI_ACTIVE) X(MSG_KPI_REVENUE)               \
  X(MSG_KPI_REPEAT) X(MSG_KPI_CHURN) X(MSG_KPI_CLV) X(MSG_KPI_CLV_CAC)    \
  X(MSG_KPI_DSO) X(MSG_KPI_NPS) X(MSG_KPI_CAC)                            \
  X(MSG_HINT_CUSTOMERS) X(MSG_HINT_ACTIVE) X(MSG_HINT_REVENUE)            \
  X(MSG_HINT_REPEAT) X(MSG_HINT_CHURN) X(MSG_HINT_CHURN_ALL)              \
  X(MSG_HINT_CLV) X(MSG_HINT_CLV_REVENUE) X(MSG_HINT_CLV_CAC)                                     \
  X(MSG_HINT_DSO) X(MSG_HINT_NPS) X(MSG_NOT_AVAILABLE)                    \
  /* steps */                                                             \
  X(MSG_STEP_SUMMARY) X(MSG_STEP_QUALITY) X(MSG_STEP_PROFIT)              \
  X(MSG_STEP_PARETO) X(MSG_STEP_RFM) X(MSG_STEP_CLV) X(MSG_STEP_CHURN)    \
  X(MSG_STEP_COHORTS) X(MSG_STEP_PAYMENTS) X(MSG_STEP_CROSS_SELL)         \
  X(MSG_STEP_FEEDBACK) X(MSG_STEP_ACQUISITION) X(MSG_STEP_ACTIONS)        \
  X(MSG_STEP_TRENDS) X(MSG_STEP_JOURNEY) X(MSG_STEP_REFERRALS)           \
  X(MSG_STATUS_RAN) X(MSG_STATUS_LIMITED) X(MSG_STATUS_SKIPPED)           \
  X(MSG_STATUS_FAILED) X(MSG_STEPS_INTRO) X(MSG_STEPS_ALL_RAN)            \
  /* step notes */                                                        \
  X(MSG_NOTE_NO_TABLE) X(MSG_NOTE_NO_COLUMN) X(MSG_NOTE_NO_COST)          \
  X(MSG_NOTE_UNPRICED) X(MSG_NOTE_COSTS_UNUSABLE) X(MSG_NOTE_FEW_REPEAT)  \
  X(MSG_NOTE_NO_HOLDOUT) X(MSG_NOTE_FIT_FAILED) X(MSG_NOTE_NOT_CONVERGED) \
  X(MSG_NOTE_NO_SPEND_MODEL) X(MSG_NOTE_ERROR) X(MSG_NOTE_NO_ITEMS)       \
  X(MSG_NOTE_NO_RULES) X(MSG_NOTE_NO_RESPONSES) X(MSG_NOTE_NO_VALUES)     \
  X(MSG_NOTE_POTENTIAL_RFM) X(MSG_NOTE_GAP_RULE) X(MSG_NOTE_PENDING)      \
  X(MSG_NOTE_POTENTIAL_CHECKS) X(MSG_HINT_CLV_UNCHECKED)                  \
  X(MSG_HINT_CLV_REVENUE_UNCHECKED)                                       \
  /* actions */                                                           \
  X(MSG_ACT_NONE) X(MSG_ACT_INVEST) X(MSG_ACT_DEVELOP) X(MSG_ACT_RETAIN)  \
  X(MSG_ACT_WIN_BACK) X(MSG_ACT_SERVE_LOW_COST) X(MSG_ACT_REPRICE)        \
  X(MSG_ACT_COLLECT)                                                      \
  X(MSG_ACTD_NONE) X(MSG_ACTD_INVEST) X(MSG_ACTD_DEVELOP)                 \
  X(MSG_ACTD_RETAIN) X(MSG_ACTD_WIN_BACK) X(MSG_ACTD_SERVE_LOW_COST)      \
  X(MSG_ACTD_REPRICE) X(MSG_ACTD_COLLECT)                                 \
  X(MSG_STAKE_NONE) X(MSG_STAKE_INVEST) X(MSG_STAKE_DEVELOP)              \
  X(MSG_STAKE_RETAIN) X(MSG_STAKE_WIN_BACK) X(MSG_STAKE_SERVE_LOW_COST)   \
  X(MSG_STAKE_REPRICE) X(MSG_STAKE_COLLECT)                               \
  /* reasons of the built-in rules */                                     \
  X(MSG_WHY_COLLECT_PROBLEM) X(MSG_WHY_COLLECT_OVERDUE) X(MSG_WHY_REPRICE) \
  X(MSG_WHY_WIN_BACK) X(MSG_WHY_RETAIN_AT_RISK) X(MSG_WHY_INVEST)         \
  X(MSG_WHY_RETAIN_COMPETITOR) X(MSG_WHY_ALSO_COMPETITOR)                 \
  X(MSG_WHY_RETAIN_LOW_POTENTIAL) X(MSG_WHY_RETAIN_INFLUENCER)            \
  X(MSG_WHY_WIN_BACK_INFLUENCER)                                          \
  X(MSG_WHY_DEVELOP_PRODUCT)                                              \
  X(MSG_WHY_DEVELOP) X(MSG_WHY_SERVE) X(MSG_WHY_NONE)                     \
  X(MSG_WHY_INVEST_RFM) X(MSG_WHY_RETAIN_LOW_POTENTIAL_RFM)               \
  X(MSG_WHY_DEVELOP_PRODUCT_RFM) X(MSG_WHY_DEVELOP_RFM)                   \
  /* action plan */                                                       \
  X(MSG_ACTIONS_INTRO) X(MSG_ACTIONS_CONSENT) X(MSG_ACTIONS_NO_CONSENT_COL) \
  X(MSG_XLSX_NO_FULL_SHEET) X(MSG_XLSX_ACTION_CAPPED)                     \
  X(MSG_ACTIONS_TOP) X(MSG_ACTIONS_EMPTY) X(MSG_ACTIONS_MORE)             \
  X(MSG_ACTIONS_RULES_BUILTIN) X(MSG_ACTIONS_RULES_FILE)                  \
  X(MSG_READ_ACTIONS)                                                     \
  /* readings of the charts */                                            \
  X(MSG_READ_PARETO) X(MSG_READ_PARETO_TARGET) X(MSG_WARN_TOP1)           \
  X(MSG_WARN_TOP5) X(MSG_READ_GINI) X(MSG_READ_WHALE) X(MSG_READ_WHALE_NONE) \
  X(MSG_READ_WHALE_FLAT)                                                  \
  X(MSG_READ_LOSS) X(MSG_READ_LARGE_LOSS) X(MSG_READ_PROFIT_PARTIAL)      \
  X(MSG_READ_RFM) X(MSG_READ_RFM_GRID)                                    \
  X(MSG_READ_CLV) X(MSG_READ_CLV_CHECK) X(MSG_READ_PALIVE)                \
  X(MSG_READ_COHORT) X(MSG_READ_COHORT_NONE) X(MSG_READ_SURVIVAL)         \
  X(MSG_READ_SURVIVAL_NOT_REACHED) X(MSG_READ_CHURN)                      \
  X(MSG_READ_PAYMENTS) X(MSG_READ_AGEING) X(MSG_READ_RULE)                \
  X(MSG_READ_NO_RULE) X(MSG_READ_NPS) X(MSG_READ_QUALITY)                 \
  X(MSG_READ_QUALITY_ISSUES) X(MSG_READ_CAC) X(MSG_READ_SMALL_GROUPS)     \
  X(MSG_READ_COHORT_SMALL)                                                \
  /* chart titles and axes */                                             \
  X(MSG_CHART_PARETO) X(MSG_CHART_WHALE) X(MSG_CHART_RFM_GRID)            \
  X(MSG_CHART_CLV_CHECK) X(MSG_CHART_PALIVE) X(MSG_CHART_COHORT)          \
  X(MSG_CHART_SURVIVAL) X(MSG_CHART_AGEING) X(MSG_CHART_ACTIONS)          \
  X(MSG_AXIS_CUSTOMER_SHARE) X(MSG_AXIS_REVENUE_SHARE)                    \
  X(MSG_AXIS_PROFIT_SHARE) X(MSG_AXIS_RECENCY_SCORE) X(MSG_AXIS_FM_SCORE) \
  X(MSG_AXIS_REPEAT_CAL) X(MSG_AXIS_REPEAT_HOLDOUT) X(MSG_AXIS_FREQUENCY) \
  X(MSG_AXIS_RECENCY_WEEKS) X(MSG_AXIS_COHORT) X(MSG_AXIS_MONTHS_SINCE)   \
  X(MSG_AXIS_QUARTERS_SINCE) X(MSG_AXIS_STILL_ACTIVE) X(MSG_AXIS_MONTHS)  \
  X(MSG_AXIS_DAYS_PAST_DUE) X(MSG_AXIS_AMOUNT) X(MSG_AXIS_CUSTOMERS)      \
  X(MSG_LEGEND_ACTUAL) X(MSG_LEGEND_PREDICTED) X(MSG_LEGEND_EQUALITY)     \
  X(MSG_LEGEND_CI) X(MSG_LEGEND_BEST)                                     \
  /* table headers and words */                                           \
  X(MSG_COL_CUSTOMER) X(MSG_COL_NAME) X(MSG_COL_ACTION) X(MSG_COL_REASON) \
  X(MSG_COL_AT_STAKE) X(MSG_COL_REVENUE) X(MSG_COL_CONTRIBUTION)          \
  X(MSG_COL_CLV) X(MSG_COL_P_ALIVE) X(MSG_COL_STATUS) X(MSG_COL_SEGMENT)  \
  X(MSG_COL_CUSTOMERS) X(MSG_COL_SHARE) X(MSG_COL_REVENUE_SHARE)          \
  X(MSG_COL_RECENCY) X(MSG_COL_ORDERS) X(MSG_COL_MONETARY)                \
  X(MSG_COL_SEGMENT_ACTION) X(MSG_COL_CLASS) X(MSG_COL_COHORT)            \
  X(MSG_COL_SIZE) X(MSG_COL_IF) X(MSG_COL_THEN) X(MSG_COL_CONFIDENCE)     \
  X(MSG_COL_LIFT) X(MSG_COL_SUPPORT) X(MSG_COL_BASKETS) X(MSG_COL_BUCKET) \
  X(MSG_COL_AMOUNT) X(MSG_COL_FIGURE) X(MSG_COL_VALUE) X(MSG_COL_STEP)    \
  X(MSG_COL_RESULT) X(MSG_COL_NOTE) X(MSG_COL_PARAMETER)                  \
  X(MSG_COL_ESTIMATE) X(MSG_COL_DAYS_TO_PAY) X(MSG_COL_DAYS_LATE)         \
  X(MSG_COL_OPEN) X(MSG_COL_OVERDUE) X(MSG_COL_NEXT_BEST) X(MSG_COL_TOTAL) \
  X(MSG_COL_ORDER_VALUE)                                                  \
  X(MSG_WORD_OTHER) X(MSG_WORD_ACTIVE) X(MSG_WORD_AT_RISK)                \
  X(MSG_WORD_CHURNED) X(MSG_WORD_NO_PURCHASE) X(MSG_WORD_FAST)            \
  X(MSG_WORD_SLOW) X(MSG_WORD_PROBLEMATIC) X(MSG_WORD_NOT_DUE)            \
  X(MSG_WORD_MARGIN) X(MSG_WORD_REVENUE) X(MSG_WORD_ALL) X(MSG_WORD_YES) X(MSG_WORD_NO) X(MSG_WORD_FEWER)        \
  X(MSG_WORD_PROMOTERS) X(MSG_WORD_PASSIVES) X(MSG_WORD_DETRACTORS)       \
  /* model and data-quality figures */                                    \
  X(MSG_FIG_MODEL) X(MSG_FIG_CUSTOMERS_FIT) X(MSG_FIG_HOLDOUT)            \
  X(MSG_FIG_HORIZON) X(MSG_FIG_MARGIN_USED) X(MSG_FIG_CONVERGED)          \
  X(MSG_FIG_MAE) X(MSG_FIG_PREDICTED_TOTAL) X(MSG_FIG_ACTUAL_TOTAL)       \
  X(MSG_FIG_LINES_READ) X(MSG_FIG_LINES_USED) X(MSG_FIG_LINES_SKIPPED)    \
  X(MSG_FIG_LINES_AFTER) X(MSG_FIG_DUPLICATES) X(MSG_FIG_NEGATIVE)        \
  X(MSG_FIG_EXTREME) X(MSG_FIG_PERIOD) X(MSG_FIG_NOT_IN_TABLE)            \
  X(MSG_FIG_NEVER_BOUGHT) X(MSG_FIG_DSO) X(MSG_FIG_OPEN)                  \
  X(MSG_FIG_OVERDUE) X(MSG_FIG_LATE_SHARE) X(MSG_FIG_DATA_ERRORS)         \
  X(MSG_FIG_GAP) X(MSG_FIG_MEDIAN_LIFETIME) X(MSG_FIG_GINI)               \
  X(MSG_FIG_TOP1) X(MSG_FIG_TOP5) X(MSG_FIG_TOP10)                        \
  X(MSG_FIG_CONTRIBUTION) X(MSG_FIG_MARGIN) X(MSG_FIG_SERVE)              \
  X(MSG_FIG_LOSS_CUSTOMERS) X(MSG_FIG_COST_SOURCE) X(MSG_FIG_RESPONSES)   \
  X(MSG_FIG_CAC_CUSTOMERS)                                                \
  /* segments, clusters, personas, fit (models/segments*.c) */           \
  X(MSG_KW_REGION_UNKNOWN) X(MSG_KW_REGION_FLANDERS)                      \
  X(MSG_KW_REGION_WALLONIA) X(MSG_KW_REGION_BRUSSELS)                     \
  X(MSG_KW_REGION_NETHERLANDS)                                            \
  X(MSG_KW_PROV_UNKNOWN) X(MSG_KW_PROV_BE_BRUSSELS) X(MSG_KW_PROV_BE_ANTWERP) \
  X(MSG_KW_PROV_BE_LIMBURG) X(MSG_KW_PROV_BE_EAST_FLANDERS)               \
  X(MSG_KW_PROV_BE_WEST_FLANDERS) X(MSG_KW_PROV_BE_FLEMISH_BRABANT)       \
  X(MSG_KW_PROV_BE_WALLOON_BRABANT) X(MSG_KW_PROV_BE_HAINAUT)             \
  X(MSG_KW_PROV_BE_LIEGE) X(MSG_KW_PROV_BE_LUXEMBOURG) X(MSG_KW_PROV_BE_NAMUR) \
  X(MSG_KW_PROV_NL_GRONINGEN) X(MSG_KW_PROV_NL_FRIESLAND)                 \
  X(MSG_KW_PROV_NL_DRENTHE) X(MSG_KW_PROV_NL_OVERIJSSEL)                  \
  X(MSG_KW_PROV_NL_FLEVOLAND) X(MSG_KW_PROV_NL_GELDERLAND)                \
  X(MSG_KW_PROV_NL_UTRECHT) X(MSG_KW_PROV_NL_NORTH_HOLLAND)               \
  X(MSG_KW_PROV_NL_SOUTH_HOLLAND) X(MSG_KW_PROV_NL_ZEELAND)               \
  X(MSG_KW_PROV_NL_NORTH_BRABANT) X(MSG_KW_PROV_NL_LIMBURG)               \
  X(MSG_SEGA_SECTOR) X(MSG_SEGA_SIZE) X(MSG_SEGA_TYPE) X(MSG_SEGA_REGION) \
  X(MSG_SEGA_PROVINCE) X(MSG_SEGA_CHANNEL) X(MSG_SEGA_TENURE)             \
  X(MSG_SEGA_PAY_CLASS) X(MSG_SEGA_RFM) X(MSG_SEGA_ABC)                   \
  X(MSG_SEGA_CATEGORIES) X(MSG_SEGA_VALUE) X(MSG_SEGA_CLUSTER)            \
  X(MSG_SEGV_UNKNOWN) X(MSG_SEGV_TENURE_LT1) X(MSG_SEGV_TENURE_1_2)       \
  X(MSG_SEGV_TENURE_2_5) X(MSG_SEGV_TENURE_5PLUS) X(MSG_SEGV_CAT_1)       \
  X(MSG_SEGV_CAT_2) X(MSG_SEGV_CAT_3_4) X(MSG_SEGV_CAT_5PLUS)             \
  X(MSG_SEGV_VALUE_TOP) X(MSG_SEGV_VALUE_MIDDLE) X(MSG_SEGV_VALUE_BOTTOM) \
  X(MSG_SEGV_PAY_NONE) X(MSG_SEGV_CLUSTER)                                \
  X(MSG_PK_LOYAL) X(MSG_PK_BIG_SPENDERS) X(MSG_PK_NEW) X(MSG_PK_DORMANT)  \
  X(MSG_PK_OCCASIONAL) X(MSG_PK_LATE_PAYERS) X(MSG_PK_DISCOUNT)           \
  X(MSG_PK_BROAD) X(MSG_PK_LOW_MARGIN) X(MSG_PK_STEADY)                   \
  X(MSG_PERSONA_NAME) X(MSG_PERSONA_SECTOR) X(MSG_PERSONA_SIZE_STAFF) X(MSG_PERSONA_SIZE)           \
  X(MSG_PERSONA_PLACE)                                                    \
  X(MSG_FEAT_RECENCY) X(MSG_FEAT_FREQUENCY) X(MSG_FEAT_MONETARY)          \
  X(MSG_FEAT_TENURE) X(MSG_FEAT_MARGIN) X(MSG_FEAT_CATEGORIES)            \
  X(MSG_FEAT_DAYS_LATE) X(MSG_FEAT_DISCOUNT) X(MSG_FEAT_NPS)              \
  X(MSG_TRAIT_ATTR) X(MSG_TRAIT_HIGHER) X(MSG_TRAIT_LOWER)                \
  X(MSG_SEC_SEGMENTS) X(MSG_READ_CLUSTERS) X(MSG_READ_CLUSTERS_FIXED)     \
  X(MSG_READ_NO_CLUSTERS) X(MSG_READ_SEGMENTS) X(MSG_CHART_SEGMENT_VALUE) \
  X(MSG_CARD_CUSTOMERS) X(MSG_CARD_REVENUE) X(MSG_CARD_PROFIT)            \
  X(MSG_CARD_ORDERS_YEAR) X(MSG_CARD_BASKET) X(MSG_CARD_CATEGORIES)       \
  X(MSG_CARD_CHANNEL) X(MSG_CARD_PAYMENT) X(MSG_CARD_NPS)                 \
  X(MSG_CARD_THEMES) X(MSG_CARD_THEME_COMPLAINT) X(MSG_CARD_THEME_PRAISE)  \
  X(MSG_CARD_CHURN_RISK) X(MSG_CARD_CLV) X(MSG_CARD_FIT)                  \
  X(MSG_CARD_TRAITS) X(MSG_CARD_APPROACH) X(MSG_CARD_OTHER)               \
  X(MSG_COL_CHURN_RATE) X(MSG_COL_NPS) X(MSG_COL_FIT)                     \
  X(MSG_COL_CONTRIB_SHARE) X(MSG_COL_CLV_SHARE) X(MSG_COL_CLV_MEAN)       \
  X(MSG_FIT_TEMPLATE) X(MSG_ACT_GOODBYE) X(MSG_ACTD_GOODBYE)              \
  X(MSG_STAKE_GOODBYE) X(MSG_WHY_GOODBYE_MARGIN) X(MSG_WHY_GOODBYE_LATE)  \
  X(MSG_WHY_INVEST_FIT)                                                    \
  /* console */                                                           \
  X(MSG_CON_TITLE) X(MSG_CON_SKIPPED) X(MSG_CON_FILES) X(MSG_CON_OPEN)    \
  X(MSG_CON_ACTIONS)                                                      \
  /* main job: model checks, status rule, money */                        \
  X(MSG_NOTE_NO_MODEL_PASSED) X(MSG_NOTE_MODEL_FAILED_CHECKS)             \
  X(MSG_NOTE_NO_INTERVALS) X(MSG_FLAG_NO_INFO) X(MSG_FLAG_NOT_CONVERGED)  \
  X(MSG_FLAG_BOUND) X(MSG_FLAG_SE) X(MSG_FLAG_ALL_ALIVE)                  \
  X(MSG_FLAG_HOLDOUT) X(MSG_WORD_UNDER) X(MSG_WORD_OVER)                  \
  X(MSG_WORD_PASSED) X(MSG_WORD_CHOSEN) X(MSG_COL_MODEL) X(MSG_COL_BIC)   \
  X(MSG_COL_HOLDOUT_ERROR) X(MSG_COL_CHECKS) X(MSG_FIG_CHECKS)            \
  X(MSG_FIG_CLV_TOTAL) X(MSG_FIG_INTERVALS) X(MSG_INTERVAL_METHOD)        \
  X(MSG_FIG_STATUS_RULE) X(MSG_RULE_GAP) X(MSG_RULE_P_ALIVE)              \
  X(MSG_READ_CHECKS_PASSED) X(MSG_READ_CHECKS_NONE) X(MSG_UNIT_DAYS)      \
  X(MSG_FIG_CURRENCY) X(MSG_CURRENCY_ASSUMED) X(MSG_CURRENCY_GIVEN)       \
  X(MSG_CURRENCY_SIGN) X(MSG_CURRENCY_HEADER) X(MSG_CURRENCY_COUNTRY)        \
  X(MSG_FIG_GUEST_SALES) X(MSG_GUEST_SALES) X(MSG_FIG_RETURN_ONLY)        \
  X(MSG_WHY_COLLECT_MATERIAL) X(MSG_WHY_WIN_BACK_SEGMENT)                 \
  X(MSG_WHY_LET_GO) X(MSG_WORD_CONTRIBUTION_MEASURE)                      \
  X(MSG_WORD_REVENUE_MEASURE) X(MSG_WORD_EST_CONTRIBUTION_MEASURE)        \
  X(MSG_STAKE_MEASURE) X(MSG_NOTE_NO_PRODUCT) X(MSG_COL_INTERVAL)         \
  X(MSG_NOTE_RETURN_ONLY) X(MSG_NOTE_GUEST_SALES) X(MSG_WHY_WIN_BACK_CLASS_A) X(MSG_WORD_DAYS_UNIT) X(MSG_WORD_CLV_UNKNOWN)                      \
  /* contract data */                                                     \
  X(MSG_SUB_TITLE) X(MSG_SUB_INTRO) X(MSG_SUB_KPI_LEFT)                   \
  X(MSG_SUB_KPI_MONTHLY) X(MSG_SUB_KPI_AT_RISK) X(MSG_SUB_SEC_PLANS)      \
  X(MSG_SUB_COL_PLAN) X(MSG_SUB_COL_LEFT) X(MSG_SUB_COL_MEDIAN)           \
  X(MSG_SUB_COL_S12) X(MSG_SUB_COL_S24) X(MSG_SUB_COL_SBG)                \
  X(MSG_SUB_COL_MONTHLY) X(MSG_SUB_COL_AT_RISK) X(MSG_SUB_LOGRANK)        \
  X(MSG_SUB_NO_LOGRANK) X(MSG_SUB_SEC_DRIVERS) X(MSG_SUB_DRIVERS_INTRO)   \
  X(MSG_SUB_COL_FEATURE) X(MSG_SUB_COL_LEVEL) X(MSG_SUB_COL_RATE)         \
  X(MSG_SUB_AUC) X(MSG_SUB_SEC_ACTIONS) X(MSG_SUB_RULE)                   \
  X(MSG_SUB_AT_RISK_RULE) X(MSG_SUB_COL_P_LEAVE) X(MSG_SUB_COL_TENURE)    \
  X(MSG_SUB_NOT_REACHED) X(MSG_SUB_NO_FIT) X(MSG_SUB_TOP) X(MSG_SUB_ALL)  \
  X(MSG_SUB_CON_TITLE) X(MSG_SUB_CHART_RETENTION) X(MSG_SUB_COL_CHARGE)   \
  X(MSG_SUB_COL_P_LEAVE12) X(MSG_SUB_SHEET_CUSTOMERS)                      \
  /* the customer base a figure covers; churn definitions */             \
  X(MSG_COV_CUSTOMERS) X(MSG_COV_LINES) X(MSG_COV_REVENUE)               \
  X(MSG_COV_RETURN_ONLY) X(MSG_COV_RETURN_ONLY_REVENUE)                  \
  X(MSG_CHURN_SHARE_GAP) X(MSG_CHURN_SHARE_P_ALIVE)                      \
  X(MSG_CHURN_SHARE_CONTRACTS) X(MSG_CHURN_YEAR_RATE)                    \
  X(MSG_CHURN_YEAR_BASE) X(MSG_READ_CHURN_BASIS_GAP)                     \
  X(MSG_READ_CHURN_BASIS_P_ALIVE)                     \
  /* voice of the customer (feedback_out.c, html.c) */                    \
  X(MSG_FB_NOT_ENOUGH) X(MSG_FB_BASIS_LATEST) X(MSG_FB_BASIS_ALL)         \
  X(MSG_FB_RESPONSE) X(MSG_FB_ANONYMOUS) X(MSG_FB_OVERALL_NOT_ENOUGH)     \
  X(MSG_FB_NPS_LINE) X(MSG_FB_CSAT_LINE) X(MSG_FB_CES_LINE)               \
  X(MSG_FB_MIN_RULE) X(MSG_FB_T_SECTOR) X(MSG_FB_T_SEGMENT)               \
  X(MSG_FB_T_ACTION) X(MSG_FB_T_PERIOD) X(MSG_FB_T_BEHAVIOUR)             \
  X(MSG_FB_Q_NONE) X(MSG_FB_Q_KEEP) X(MSG_FB_Q_IMPROVE) X(MSG_FB_Q_LOW)   \
  X(MSG_FB_Q_OVERKILL) X(MSG_FB_T_DIMS) X(MSG_FB_IMPORTANCE_METHOD)       \
  X(MSG_FB_ALL_COMPETITORS) X(MSG_FB_T_GAPS) X(MSG_FB_AT_RISK)            \
  X(MSG_FB_AT_RISK_PLAN)                                                  \
  X(MSG_FB_T_THEMES_DET) X(MSG_FB_T_THEMES_PRO) X(MSG_FB_NO_THEMES)       \
  X(MSG_FB_THEMES_METHOD) X(MSG_FB_ASSOCIATION)                           \
  X(MSG_CHART_FB_PERIOD) X(MSG_CHART_FB_BEHAVIOUR) X(MSG_CHART_FB_GRID)   \
  X(MSG_CHART_FB_GAP) X(MSG_READ_FB_TREND_SIG) X(MSG_READ_FB_TREND_NS)    \
  X(MSG_READ_FB_BEHAVIOUR) X(MSG_READ_FB_GRID_IMPROVE)                    \
  X(MSG_READ_FB_GRID_KEEP) X(MSG_READ_FB_GAP) X(MSG_READ_FB_THEME)        \
  X(MSG_READ_FB_NO_GAP) X(MSG_AXIS_IMPORTANCE) X(MSG_AXIS_PERFORMANCE)

typedef enum kw_msg {
#define KW_X_MSG(name) name,
  KW_MSG_NAMES(KW_X_MSG)
#undef KW_X_MSG
      KW_MSG__COUNT
} kw_msg;

/* The key ("report.title"), English and Dutch text of a message. */
const char *kw_msg_key(kw_msg m);
const char *kw_msg_text(kw_msg m, kw_lang lang);
/* The message of a key of this table ("note.no_cost"), or -1. */
int kw_msg_find(const char *key);

/*
 * Fill the {name} placeholders of tpl from args (a placeholder without an
 * argument stays as written). Writes at most cap bytes, NUL included, and
 * returns the length the full text has.
 */
size_t kw_msg_fill(char *buf, size_t cap, const char *tpl, kw_lang lang,
                   const char *currency, const kw_marg *args, size_t n);
/* The same for message m. */
size_t kw_msg_format(char *buf, size_t cap, kw_msg m, kw_lang lang,
                     const char *currency, const kw_marg *args, size_t n);
/* "GBP, from the country column "Country": United Kingdom on 91% of the
 * lines", or the assumed currency and how to set it. */
size_t kw_currency_text(char *buf, size_t cap, const kw_currency_info *ci,
                        kw_lang lang);

#endif
