/*
 * read.c — the basket-file reader: one basket a line, items separated by
 * ',', ';' or tab (the arules "basket" format of the Groceries data).
 *
 * Design. The text is streamed through one buffer of max_line + 64 KiB
 * bytes: lines are cut in place (LF, CRLF or CR), split on the delimiter,
 * items trimmed of blanks and handed to the basket builder with the line's
 * basket number, so nothing is allocated per line. A line that does not fit
 * is an error, as is a NUL byte (the file is not text); both are reported
 * at file:line (and column), like the library's other readers. The
 * delimiter, unless given, is the most frequent of ',', ';' and tab in the
 * first buffer (64 KiB) of the file, ',' when none occurs.
 *
 * The bytes come from a file or from memory (kw_baskets_parse) through the
 * same refill step, so both take one code path; the size of the read
 * buffer beyond max_line can be made small (kw_baskets_parse_chunked) so
 * that tests and the fuzz target reach lines and CRLF pairs split between
 * two reads.
 */
#include "models/basket/basket_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define READ_CHUNK (64u * 1024u)
#define DEFAULT_MAX_LINE (1024u * 1024u)

void kw_basket_read_options_init(kw_basket_read_options *o) {
  memset(o, 0, sizeof *o);
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static char detect_delimiter(const char *p, size_t n) {
  size_t comma = 0, semi = 0, tab = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == ',') comma++;
    else if (p[i] == ';') semi++;
    else if (p[i] == '\t') tab++;
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

typedef struct line_reader {
  kw_context *ctx;
  const char *path;
  kw_basket_builder *bb;
  char delim;
  uint64_t line;    /* 1-based number of the current line */
  uint32_t basket;  /* number of the next basket */
  uint64_t blank;
} line_reader;

/* Split one line (without its end) into items of basket lr->basket. */
static kw_status take_line(line_reader *lr, const char *s, size_t n) {
  const char *nul = memchr(s, '\0', n);
  if (nul)
    return kw_fail_at_tpl(
        lr->ctx, KW_EINPUT, lr->path, lr->line, (uint64_t)(nul - s) + 1,
        "model.e.basket_nul",
        "NUL byte in the text (a binary file, UTF-16 text or a damaged export)",
        NULL);
  bool any = false;
  size_t i = 0;
  while (i <= n) {
    size_t j = i;
    while (j < n && s[j] != lr->delim) j++;
    size_t a = i, b = j;
    while (a < b && is_blank(s[a])) a++;
    while (b > a && is_blank(s[b - 1])) b--;
    if (b > a) {
      kw_status st = kw_basket_builder_add_at(lr->bb, lr->basket, s + a, b - a);
      if (st) return st;
      any = true;
    }
    i = j + 1;
  }
  if (any) {
    if (lr->basket == KW_NA_ID - 1)
      return kw_fail_at_tpl(lr->ctx, KW_ERANGE, lr->path, lr->line, 0,
                            "model.e.basket_too_many", "too many baskets",
                            NULL);
    lr->basket++;
  } else {
    lr->blank++;
  }
  return KW_OK;
}

/* Where the bytes come from: a file, or a block of memory. */
typedef struct byte_source {
  FILE *f;
  const char *mem;
  size_t mem_len, mem_pos;
} byte_source;

/* Fill dst with up to n bytes; fewer only at the end or on an error
 * (*err set, errno kept). */
static size_t source_read(byte_source *src, char *dst, size_t n, bool *err) {
  *err = false;
  if (src->f) {
    size_t got = fread(dst, 1, n, src->f);
    if (got < n && ferror(src->f)) *err = true;
    return got;
  }
  size_t left = src->mem_len - src->mem_pos;
  if (n > left) n = left;
  if (n) memcpy(dst, src->mem + src->mem_pos, n);
  src->mem_pos += n;
  return n;
}

/* Read every basket of src; name is the file name for messages; chunk the
 * buffer room beyond max_line (READ_CHUNK normally). */
static kw_status read_source(kw_context *ctx, byte_source *src,
                             const char *name,
                             const kw_basket_read_options *opt, size_t chunk,
                             kw_baskets **out) {
  *out = NULL;
  kw_basket_read_options o;
  if (opt)
    o = *opt;
  else
    kw_basket_read_options_init(&o);
  if (o.delimiter && o.delimiter != ',' && o.delimiter != ';' &&
      o.delimiter != '\t' && o.delimiter != '|' && o.delimiter != ' ')
    return kw_fail(ctx, KW_EARG, "unsupported item separator '%c'",
                   o.delimiter);
  size_t max_line = o.max_line ? o.max_line : DEFAULT_MAX_LINE;
  if (chunk == 0 || chunk > READ_CHUNK) chunk = READ_CHUNK;
  if (max_line > SIZE_MAX / 2 - READ_CHUNK)
    return kw_fail(ctx, KW_EARG, "maximum line length too large");

  size_t cap = max_line + 1 + chunk;
  char *buf = kw_malloc(ctx, cap);
  kw_basket_builder *bb = NULL;
  kw_baskets *b = NULL;
  kw_status st = KW_OK;
  if (!buf) {
    st = kw_fail_nomem(ctx);
    goto done;
  }
  if ((st = kw_basket_builder_new(ctx, &bb))) goto done;

  line_reader lr = {ctx, name, bb, o.delimiter, 1, 0, 0};
  size_t len = 0, pos = 0;
  bool eof = false, first = true, prev_cr = false;
  for (;;) {
    /* refill: keep the unread tail, read behind it */
    if (!eof) {
      if (pos > 0) {
        memmove(buf, buf + pos, len - pos);
        len -= pos;
        pos = 0;
      }
      bool err;
      size_t got = source_read(src, buf + len, cap - len, &err);
      if (got < cap - len) {
        if (err) {
          st = kw_fail_at_tpl(ctx, KW_EIO, name, lr.line, 0,
                              "model.e.basket_read_error", "read error: {why}",
                              "why", kw_sys_reason(errno), NULL);
          goto done;
        }
        eof = true;
      }
      len += got;
      if (first) {
        first = false;
        if (len == 0) {
          st = kw_fail_at_tpl(ctx, KW_EEMPTY, name, 0, 0,
                              "model.e.basket_empty_file", "empty file", NULL);
          goto done;
        }
        if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) pos = 3;
        if (!lr.delim)
          lr.delim = detect_delimiter(buf + pos,
                                      len - pos < READ_CHUNK ? len - pos
                                                             : READ_CHUNK);
      }
    }
    /* cut complete lines */
    for (;;) {
      if (prev_cr && pos < len) { /* a CRLF split between two reads */
        if (buf[pos] == '\n') pos++;
        prev_cr = false;
      }
      char *s = buf + pos;
      size_t avail = len - pos;
      size_t e = 0;
      while (e < avail && s[e] != '\n' && s[e] != '\r') e++;
      if (e == avail) break; /* no end in the buffer */
      if (e > max_line) {
        st = kw_fail_at_tpl(
            ctx, KW_EINPUT, name, lr.line, 0, "model.e.basket_long_line",
            "line longer than {n} bytes", "n", KW_NUM_U(max_line), NULL);
        goto done;
      }
      if ((st = take_line(&lr, s, e))) goto done;
      lr.line++;
      pos += e + 1;
      if (s[e] == '\r') {
        if (pos < len) {
          if (buf[pos] == '\n') pos++;
        } else {
          prev_cr = true; /* the LF may start the next read */
        }
      }
    }
    size_t rest = len - pos;
    if (rest > max_line) {
      st = kw_fail_at_tpl(
          ctx, KW_EINPUT, name, lr.line, 0, "model.e.basket_long_line",
          "line longer than {n} bytes", "n", KW_NUM_U(max_line), NULL);
      goto done;
    }
    if (eof) {
      if (rest > 0) {
        if ((st = take_line(&lr, buf + pos, rest))) goto done;
        lr.line++;
      }
      break;
    }
  }
  if (lr.basket == 0) {
    st = kw_fail_at_tpl(ctx, KW_EEMPTY, name, 0, 0, "model.e.basket_no_items",
                        "no items", NULL);
    goto done;
  }
  if ((st = kw_basket_builder_finish(bb, &b))) goto done;
  b->v.lines_read = lr.line - 1;
  b->v.lines_used = lr.basket;
  b->v.lines_blank = lr.blank;
  b->v.delimiter = lr.delim;
done:
  kw_free(ctx, buf);
  kw_basket_builder_free(bb);
  if (st) {
    kw_baskets_free(b);
    return st;
  }
  *out = b;
  return KW_OK;
}

kw_status kw_baskets_read(kw_context *ctx, const char *path,
                          const kw_basket_read_options *o,
                          kw_baskets **out) {
  *out = NULL;
  if (!path) return kw_fail(ctx, KW_EARG, "no file name");
  FILE *f = fopen(path, "rb");
  if (!f)
    return kw_fail_at_tpl(ctx, KW_EIO, path, 0, 0, "model.e.basket_cannot_open",
                          "cannot open: {why}", "why", kw_sys_reason(errno),
                          NULL);
  byte_source src = {f, NULL, 0, 0};
  kw_status st = read_source(ctx, &src, path, o, READ_CHUNK, out);
  fclose(f);
  return st;
}

kw_status kw_baskets_parse_chunked(kw_context *ctx, const char *text,
                                   size_t len, const char *name,
                                   const kw_basket_read_options *o,
                                   size_t chunk, kw_baskets **out) {
  *out = NULL;
  if (!text && len) return kw_fail(ctx, KW_EARG, "no text");
  byte_source src = {NULL, text, len, 0};
  return read_source(ctx, &src, name ? name : "<memory>", o, chunk, out);
}

kw_status kw_baskets_parse(kw_context *ctx, const char *text, size_t len,
                           const char *name, const kw_basket_read_options *o,
                           kw_baskets **out) {
  return kw_baskets_parse_chunked(ctx, text, len, name, o, READ_CHUNK, out);
}
