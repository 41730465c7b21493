/*
 * textfile.c — reading a small text file whole (see textfile.h).
 */
#include "io/textfile.h"

#include "io/msg.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

kw_status kw_read_text_file(kw_context *ctx, const char *path, kw_buf *b) {
  kw_buf_init(b, 1);
  FILE *f = fopen(path, "rb");
  if (!f)
    return kw_io_fail(ctx, KW_EIO, 0, "", "load.e.open", "file", path, "why",
                      kw_io_sys_reason(errno), NULL);
  char chunk[4096];
  size_t n;
  kw_status st = KW_OK;
  while (!st && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    if (b->len + n > ((size_t)1 << 20)) {
      st = kw_io_fail(ctx, KW_EINPUT, 0, "", "file.e.large", "file", path,
                      NULL);
      break;
    }
    if (kw_buf_reserve(ctx, b, b->len + n)) {
      st = kw_fail_nomem(ctx);
    } else {
      memcpy((char *)b->data + b->len, chunk, n);
      b->len += n;
    }
  }
  if (!st && ferror(f))
    st = kw_io_fail(ctx, KW_EIO, 0, "", "load.e.read", "file", path, "why",
                    kw_io_sys_reason(errno), NULL);
  fclose(f);
  if (st) kw_buf_free(ctx, b);
  return st;
}
