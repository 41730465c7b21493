/*
 * lineidx.c — the customer-ordered line index and the table cache (see
 * data/lineidx.h).
 */
#include "data/lineidx.h"

#include <string.h>

void kw_line_index_free(kw_context *ctx, kw_line_index *ix) {
  if (!ix) return;
  kw_free(ctx, ix->start);
  kw_free(ctx, ix->line);
  memset(ix, 0, sizeof *ix);
}

kw_status kw_line_index_build(kw_context *ctx, const uint32_t *cust,
                              size_t rows, size_t n_min, kw_line_index *ix) {
  memset(ix, 0, sizeof *ix);
  if (rows > UINT32_MAX - 1)
    return kw_fail(ctx, KW_ERANGE, "more than 4 billion transaction lines");
  size_t n = n_min;
  for (size_t i = 0; i < rows; i++)
    if (cust[i] != KW_NA_ID && (size_t)cust[i] >= n) n = (size_t)cust[i] + 1;
  ix->n = n;
  ix->rows = rows;
  ix->start = kw_calloc(ctx, n + 2, sizeof *ix->start);
  if (!ix->start) return kw_fail_nomem(ctx);
  /* counts at start[c + 2], so that after the prefix sum start[c + 1]
     is where customer c's lines begin; the scatter then moves it to their
     end, which is start[c + 1] of the finished index */
  uint64_t m = 0;
  for (size_t i = 0; i < rows; i++)
    if (cust[i] != KW_NA_ID) ix->start[cust[i] + 2]++, m++;
  for (size_t c = 2; c < n + 2; c++) ix->start[c] += ix->start[c - 1];
  ix->indexed = m;
  ix->line = kw_malloc(ctx, (m ? m : 1) * sizeof *ix->line);
  if (!ix->line) {
    kw_line_index_free(ctx, ix);
    return kw_fail_nomem(ctx);
  }
  uint32_t *fill = ix->start + 1;
  for (size_t i = 0; i < rows; i++)
    if (cust[i] != KW_NA_ID) ix->line[fill[cust[i]]++] = (uint32_t)i;
  return KW_OK;
}

static const kw_column *index_column(kw_context *ctx, const kw_table *t) {
  const kw_column *cc = t ? kw_table_role(t, KW_ROLE_CUSTOMER) : NULL;
  if (!cc || cc->type != KW_TYPE_TEXT) {
    kw_fail_tpl(ctx, KW_EMISSING, "model.e.tx_no_customer_column",
                "the transactions need a customer column", NULL);
    return NULL;
  }
  return cc;
}

static kw_status build_for(kw_context *ctx, const kw_table *t,
                           const kw_column *cc, kw_line_index *ix) {
  return kw_line_index_build(ctx, cc->v.text, kw_table_rows(t),
                             cc->dict ? kw_dict_size(cc->dict) : 0, ix);
}

const kw_line_index *kw_table_line_index_locked(kw_context *ctx,
                                                const kw_table *t,
                                                kw_line_index *own) {
  const kw_column *cc = index_column(ctx, t);
  if (!cc) return NULL;
  kw_table_cache *tc = kw_table_cache_of(t);
  if (tc->depth > 0 && tc->ctx == ctx) {
    if (tc->have_ix && tc->ix_cust == cc->v.text &&
        tc->ix.rows == kw_table_rows(t))
      return &tc->ix;
    kw_line_index fresh;
    if (build_for(ctx, t, cc, &fresh)) return NULL;
    /* the old one is unused: every reader holds the lock */
    if (tc->have_ix) kw_line_index_free(tc->ctx, &tc->ix);
    tc->ix = fresh;
    tc->ix_cust = cc->v.text;
    tc->have_ix = true;
    return &tc->ix;
  }
  return build_for(ctx, t, cc, own) ? NULL : own;
}

const kw_line_index *kw_table_line_index(kw_context *ctx, const kw_table *t,
                                         kw_line_index *own) {
  if (!index_column(ctx, t)) return NULL;
  kw_table_cache *tc = kw_table_cache_of(t);
  pthread_mutex_lock(&tc->mu);
  const kw_line_index *ix = kw_table_line_index_locked(ctx, t, own);
  pthread_mutex_unlock(&tc->mu);
  return ix;
}

void kw_table_cache_init(kw_table_cache *c) {
  memset(c, 0, sizeof *c);
  pthread_mutex_init(&c->mu, NULL);
}

/* Frees what is cached once no bracket is open and nothing is lent; the
 * lock is held. */
static void release(kw_table_cache *c) {
  if (c->depth > 0) return;
  if (c->have_ix) kw_line_index_free(c->ctx, &c->ix);
  c->have_ix = false;
  c->ix_cust = NULL;
  if (c->have_h && c->h_refs == 0) {
    kw_history_free(c->ctx, &c->h);
    c->have_h = false;
  }
  if (!c->have_h) c->ctx = NULL;
}

void kw_table_cache_destroy(kw_table_cache *c) {
  c->depth = 0;
  c->h_refs = 0;
  release(c);
  pthread_mutex_destroy(&c->mu);
}

void kw_table_cache_begin(kw_context *ctx, const kw_table *t) {
  if (!t) return;
  kw_table_cache *c = kw_table_cache_of(t);
  pthread_mutex_lock(&c->mu);
  if (c->depth == 0 && !c->have_h) c->ctx = ctx;
  /* a history still lent from an earlier bracket of another context:
     this bracket keeps nothing new (its context differs) */
  c->depth++;
  pthread_mutex_unlock(&c->mu);
}

void kw_table_cache_end(const kw_table *t) {
  if (!t) return;
  kw_table_cache *c = kw_table_cache_of(t);
  pthread_mutex_lock(&c->mu);
  if (c->depth > 0) c->depth--;
  release(c);
  pthread_mutex_unlock(&c->mu);
}

void kw_table_cache_return(void *cache) {
  kw_table_cache *c = cache;
  pthread_mutex_lock(&c->mu);
  if (c->h_refs > 0) c->h_refs--;
  release(c);
  pthread_mutex_unlock(&c->mu);
}
