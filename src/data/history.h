/*
 * history.h — purchase histories: per customer id, its distinct activity
 * days up to the as-of day in increasing order, each with the net amount
 * of that day's lines and whether the day has a purchase line (amount >=
 * 0), shared by the retention and growth models (internal).
 *
 * Built from the customer-ordered line index (data/lineidx.h): for each
 * customer its lines are read in file order, sorted by day (lines are
 * usually already in date order, which the insertion sort used for short
 * runs handles in linear time) and merged per day. Inside a cache bracket
 * (kw_table_cache_begin) the history of a table at one as-of day is built
 * once and lent to every later caller.
 */
#ifndef KW_DATA_HISTORY_H
#define KW_DATA_HISTORY_H

#include "core/core.h"
#include "klantwijs/data.h"

typedef struct kw_hday {
  int32_t day;
  int32_t purchase; /* 1 when a line of the day has amount >= 0 */
  int64_t amount;   /* net cents of the day's lines */
} kw_hday;

typedef struct kw_history {
  size_t n_customers; /* max(dictionary size, largest id + 1) */
  size_t n_buyers;    /* customers with at least one purchase day */
  int32_t as_of;
  int32_t first_day;  /* earliest purchase day, KW_NA_DATE if none */
  bool has_amount;
  uint64_t lines_used, lines_after, lines_skipped;
  size_t *start;      /* n_customers + 1 offsets into days */
  kw_hday *days;
  void *lent;         /* the cache this history is borrowed from, or NULL */
} kw_history;

/* Build from a transactions table (customer and date roles required,
 * amount optional). as_of KW_NA_DATE = the last date. Lines with a missing
 * customer or date are skipped (counted). The result is read-only. */
kw_status kw_history_build(kw_context *ctx, const kw_table *tx, int32_t as_of,
                           kw_history *h);
/* The same, from the lines directly (a counting sort by customer of its
 * own): the straightforward build, kept to check the other against. */
kw_status kw_history_build_plain(kw_context *ctx, const kw_table *tx,
                                 int32_t as_of, kw_history *h);
/* Frees a history, or returns a borrowed one to its cache. */
void kw_history_free(kw_context *ctx, kw_history *h);

#endif
