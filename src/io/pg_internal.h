/*
 * pg_internal.h — the parts of the PostgreSQL source shared by the
 * streaming reader (pg_source.c) and the pushdown (pg_sql.c) (internal).
 */
#ifndef KW_PG_INTERNAL_H
#define KW_PG_INTERNAL_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"
#include "klantwijs/data.h"

#define KW_PG_STR_(x) #x
#define KW_PG_STR(x) KW_PG_STR_(x)

/* Connect, with the session settings the readers rely on (UTF-8, ISO
 * dates); masked gets the URI without its password, for messages. */
kw_status kw_pg_connect(kw_context *ctx, const char *uri, int lang,
                        PGconn **out, char *masked, size_t mcap);

/* A failed statement as a clear error: permission, missing table, or the
 * server's reason; what names the table or query. */
kw_status kw_pg_fail_result(kw_context *ctx, const char *what,
                            const char *where, const PGresult *r, PGconn *c,
                            int lang);

/* The FROM item of a table specification: a quoted SCHEMA.TABLE checked
 * to exist and be readable, or "(query) AS kw_src". */
kw_status kw_pg_relation(kw_context *ctx, PGconn *c, const char *spec,
                         const char *masked, int lang, char **from);

/* The first default name of kind k that exists in the search path, into
 * out ("" when none). */
kw_status kw_pg_default_table(kw_context *ctx, PGconn *c, kw_table_kind k,
                              char *out, size_t cap);

/* The role a --map entry gives to a column name, or KW_ROLE__COUNT. */
kw_role kw_pg_mapped_role(const kw_load_options *o, kw_table_kind k,
                          const char *name);

/* kw_dataset_load for o->db. */
kw_status kw_pg_dataset_load(kw_context *ctx, const kw_load_options *o,
                             kw_dataset **out);

#endif
