/*
 * lineidx.h — the customer-ordered index of the transaction lines and the
 * per-table cache that shares it, and the purchase history built from it,
 * between the steps of one analysis (internal).
 *
 * The index lists, for every customer id, the positions of its lines in
 * file order: one counting sort on the dense customer id (a count, a
 * prefix sum, a scatter: linear in lines + customers, 4 bytes a line).
 * Lines without a customer id (guest lines of a table built through the
 * API; the readers leave them out) are not in it. Steps that used to walk
 * the lines in file order and update per-customer arrays at random walk
 * the customers in order and read their lines instead.
 *
 * The cache: kw_table_cache_begin / _end bracket a run of steps (the
 * analysis); in between, the index of a transactions table and its
 * purchase history at one as-of day (data/history.h) are built once, on
 * first use, and borrowed by every later step. Outside such a bracket
 * nothing is kept: each caller builds its own, as before. The cache's
 * memory belongs to the context that opened the bracket.
 */
#ifndef KW_DATA_LINEIDX_H
#define KW_DATA_LINEIDX_H

#include <pthread.h>

#include "core/core.h"
#include "data/history.h"
#include "klantwijs/data.h"

typedef struct kw_line_index {
  size_t n;          /* customer slots: max(dictionary size, largest id + 1) */
  size_t rows;       /* lines of the table */
  uint64_t indexed;  /* lines with a customer id (= start[n]) */
  uint32_t *start;   /* n + 1 offsets into line */
  uint32_t *line;    /* line positions, per customer in file order */
} kw_line_index;

/* Builds the index of rows lines with customer ids cust (KW_NA_ID: no
 * customer); n_min is the least number of customer slots (the size of the
 * customer dictionary). KW_ERANGE above UINT32_MAX - 1 lines. */
kw_status kw_line_index_build(kw_context *ctx, const uint32_t *cust,
                              size_t rows, size_t n_min, kw_line_index *ix);
void kw_line_index_free(kw_context *ctx, kw_line_index *ix);

/* The index of a transactions table: the cached one inside a bracket,
 * else a new one in *own (free it with kw_line_index_free). NULL with the
 * context's error set when the table has no text customer column or on
 * failure. */
const kw_line_index *kw_table_line_index(kw_context *ctx, const kw_table *t,
                                         kw_line_index *own);

/* The same with the table's cache lock already held (history.c). */
const kw_line_index *kw_table_line_index_locked(kw_context *ctx,
                                                const kw_table *t,
                                                kw_line_index *own);

/* Opens / closes a bracket on table t (NULL: nothing). Brackets nest;
 * the last _end frees what was cached (a history still borrowed then is
 * freed when it is returned). */
void kw_table_cache_begin(kw_context *ctx, const kw_table *t);
void kw_table_cache_end(const kw_table *t);

/* What a table keeps inside a bracket; part of struct kw_table. The keys
 * (column arrays, row count, as-of asked for) make a table changed since
 * build its own index again rather than read a stale one. */
typedef struct kw_table_cache {
  pthread_mutex_t mu;
  kw_context *ctx; /* of the outermost open bracket */
  int depth;
  bool have_ix;
  kw_line_index ix;
  const uint32_t *ix_cust;
  bool have_h;
  kw_history h;
  int32_t h_as_of;            /* as asked for (KW_NA_DATE: the last date) */
  const void *h_cust, *h_date, *h_amt;
  size_t h_rows;
  int h_refs;                 /* borrowed copies not yet returned */
} kw_table_cache;

void kw_table_cache_init(kw_table_cache *c);
void kw_table_cache_destroy(kw_table_cache *c);
/* The table's cache (table.c). */
kw_table_cache *kw_table_cache_of(const kw_table *t);
/* A borrowed history goes back (kw_history_free). */
void kw_table_cache_return(void *cache);

#endif
