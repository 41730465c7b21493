/*
 * classify.h — telling from a file's columns which table it holds
 * (internal; see classify.c for the rules).
 */
#ifndef KW_CLASSIFY_H
#define KW_CLASSIFY_H

#include "core/core.h"
#include "klantwijs/data.h"

/*
 * The kind of table the file at path holds (CSV, .xlsx or .xls), or
 * KW_TABLE__COUNT when neither its header nor its name tells; *why says
 * how it was told (a static string). Fails only when out of memory; a
 * file that cannot be read is simply not classified.
 */
kw_status kw_classify_file(kw_context *ctx, const char *path,
                           kw_table_kind *kind, const char **why);

#endif
