/*
 * msg.h — the texts of the readers' warnings, skip examples and errors
 * from the one message table (src/report/messages.c, keys "ingest.*",
 * "load.*", "xlsx.*"). The code passes a key and named string values; the
 * table holds the sentences. Failures and warnings also carry the key and
 * values (kw_fail_key, kw_log_key), so a caller can write them in another
 * language than kw_load_options.lang (kw_msginfo_text). Values may be marked
 * as table words, decimals or dates (KW_MSGV_* in klantwijs/report.h).
 */
#ifndef KW_IO_MSG_H
#define KW_IO_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* Fill key's text in lang (0 English, 1 Dutch) into buf with the
 * placeholders given as name, value pairs ending with NULL. Returns buf. */
char *kw_io_msg(char *buf, size_t cap, int lang, const char *key, ...);

/* Fail with st: key's text in lang at where ("" or NULL: nowhere), the
 * name, value pairs ending with NULL. */
kw_status kw_io_fail(kw_context *ctx, kw_status st, int lang,
                     const char *where, const char *key, ...);

/* Log key's text in lang at level lvl, the pairs ending with NULL. */
void kw_io_log(kw_context *ctx, kw_log_level lvl, int lang, const char *where,
               const char *key, ...);

/* "file:line:column" (line/col 0: left out) into buf. Returns buf. */
char *kw_io_where(char *buf, size_t cap, const char *file, uint64_t line,
                  uint64_t col);

/* The system's reason for a failed open or read, as a message value: the
 * common ones by key (in the reader's language), others as the C library
 * says them. */
const char *kw_io_sys_reason(int err);

#endif
