/*
 * textfile.h — reading a small text file (rules, profiles) whole into a
 * buffer (internal).
 */
#ifndef KW_IO_TEXTFILE_H
#define KW_IO_TEXTFILE_H

#include "core/core.h"

/* Read path into *b (a kw_buf of bytes, initialised here), at most 1 MiB.
 * KW_EIO with the path and the system's reason, KW_EINPUT when larger,
 * KW_ENOMEM; on failure *b is freed. */
kw_status kw_read_text_file(kw_context *ctx, const char *path, kw_buf *b);

#endif
