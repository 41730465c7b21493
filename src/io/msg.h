/*
 * msg.h — the texts of the readers' warnings, skip examples and errors
 * in the user's language (kw_load_options.lang), from the one message
 * table (src/report/messages.c, keys "ingest.*" and "load.*"). The code
 * passes a key and named string values; the table holds the sentences.
 */
#ifndef KW_IO_MSG_H
#define KW_IO_MSG_H

#include <stddef.h>

/* Fill key's text in lang (0 English, 1 Dutch) into buf with the
 * placeholders given as name, value pairs ending with NULL. Returns buf. */
char *kw_io_msg(char *buf, size_t cap, int lang, const char *key, ...);

#endif
