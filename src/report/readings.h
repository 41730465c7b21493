/*
 * readings.h — the sentences that read the report's charts. Internal.
 */
#ifndef KW_REPORT_READINGS_H
#define KW_REPORT_READINGS_H

#include "models/analyze_internal.h"
#include "report/messages.h"
#include "report/text.h"

/* X(enum, key in summary.json "readings") */
#define KW_READING_LIST(X)                       \
  X(KW_READ_ACTIONS, "actions")                  \
  X(KW_READ_PARETO, "pareto")                    \
  X(KW_READ_PARETO_TARGET, "pareto_target")      \
  X(KW_READ_WARN_TOP1, "warn_top1")              \
  X(KW_READ_WARN_TOP5, "warn_top5")              \
  X(KW_READ_GINI, "gini")                        \
  X(KW_READ_WHALE, "whale")                      \
  X(KW_READ_LOSS, "loss")                        \
  X(KW_READ_PROFIT_PARTIAL, "profit_partial")    \
  X(KW_READ_RFM, "rfm")                          \
  X(KW_READ_RFM_GRID, "rfm_grid")                \
  X(KW_READ_CLV, "clv")                          \
  X(KW_READ_CLV_CHECK, "clv_check")              \
  X(KW_READ_PALIVE, "p_alive")                   \
  X(KW_READ_COHORT, "cohort")                    \
  X(KW_READ_SURVIVAL, "survival")                \
  X(KW_READ_CHURN, "churn")                      \
  X(KW_READ_PAYMENTS, "payments")                \
  X(KW_READ_AGEING, "ageing")                    \
  X(KW_READ_CROSS_SELL, "cross_sell")            \
  X(KW_READ_NPS, "nps")                          \
  X(KW_READ_CAC, "cac")                          \
  X(KW_READ_QUALITY, "quality")

typedef enum kw_reading {
#define KW_X_READ(e, key) e,
  KW_READING_LIST(KW_X_READ)
#undef KW_X_READ
      KW_READ__COUNT
} kw_reading;

const char *kw_reading_key(kw_reading r);
/* The sentence in lang, or 0 (and "") when the analysis has none for it. */
size_t kw_reading_text(const kw_analysis *a, kw_lang lang, kw_reading r,
                       char *buf, size_t cap);
/* The hint beside the average CLV key figure: margin or revenue, and
 * "indicative only" when the purchase model failed its checks. */
int kw_clv_hint_msg(const kw_analysis *a);

#endif
