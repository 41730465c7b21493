/*
 * join.h — several files of one kind (a sales book per year) as one table
 * (internal; load.c).
 */
#ifndef KW_IO_JOIN_H
#define KW_IO_JOIN_H

#include "core/core.h"
#include "klantwijs/data.h"

/*
 * Join the tables ts[0..n) (n >= 2, one kind, read in this order from
 * their files into ds, whose customer and product dictionaries they use)
 * into *out. Lines of a later table equal in every column to a line of an
 * earlier one are left out and counted; overlapping periods are warned
 * with their dates (lang: 0 English, 1 Dutch). The tables are freed, also
 * on failure.
 */
kw_status kw_join_tables(kw_context *ctx, kw_dataset *ds, kw_table **ts,
                         size_t n, int lang, kw_table **out);

#endif
