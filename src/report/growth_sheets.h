/*
 * growth_sheets.h — the tables of the growth writers handed to a sink
 * instead of written (the workbook's sheets), so a sheet holds exactly the
 * columns the CSV writer gives, with the labels of the terminal table.
 * Internal.
 */
#ifndef KW_REPORT_GROWTH_SHEETS_H
#define KW_REPORT_GROWTH_SHEETS_H

#include "klantwijs/growth.h"
#include "klantwijs/report.h"

typedef struct kw_growth_sink {
  /* one table; name is a sheet name in the language of the report */
  kw_status (*put)(void *user, const char *name, const kw_rtable *t);
  void *user;
} kw_growth_sink;

/* The periods of the trend; the funnel steps and the attribution; the
 * referrers; the channels, the spend per channel and month, and the
 * discounts per segment. NULL results are left out. */
kw_status kw_growth_sheets(kw_context *ctx, const kw_trends *t,
                           const kw_journey *j, const kw_referrals *r,
                           const kw_acquisition *a, kw_lang lang,
                           const kw_growth_sink *sk);

#endif
