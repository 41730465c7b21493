/*
 * xlsx.h — reading a sheet of an Excel workbook (.xlsx, .xls) into a
 * table (internal). Both readers hand their rows to kw_ingest through
 * sheet.c, so typing, roles, skips and the report are those of CSV.
 */
#ifndef KW_XLSX_H
#define KW_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "io/ingest.h"

/* Whether the bytes start like a zip container (an .xlsx) or an OLE2
 * compound file (an .xls). */
bool kw_xlsx_magic(const void *data, size_t len);
bool kw_xls_magic(const void *data, size_t len);

/*
 * Read the sheet named by a->o->sheet (a name or a 1-based number), or by
 * default the sheet whose header names the most column roles of a->kind,
 * from the .xlsx in a->data[0..a->len) (borrowed for the call). a->name
 * names the file in messages ("file.xlsx:Sheet!B17: ...").
 */
kw_status kw_xlsx_ingest(kw_context *ctx, kw_dataset *ds,
                         const kw_ingest_args *a);

/* The header cells of the workbook's most table-like sheet, for telling
 * what the file holds (kw_book_header). */
kw_status kw_xlsx_header(kw_context *ctx, const char *name, const void *data,
                         size_t len,
                         void (*cb)(void *user, const char *s, size_t n),
                         void *user);
kw_status kw_xls_header(kw_context *ctx, const char *path,
                        void (*cb)(void *user, const char *s, size_t n),
                        void *user);

/* The same for an .xls file (BIFF, through libfreexl), read from path. */
kw_status kw_xls_ingest(kw_context *ctx, kw_dataset *ds,
                        const kw_ingest_args *a, const char *path);

#endif
