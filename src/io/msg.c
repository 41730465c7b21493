/*
 * msg.c — readers' messages by key and language (see msg.h).
 */
#include "io/msg.h"

#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs/report.h"

#define TEXT_MAX 1024

char *kw_io_msg(char *buf, size_t cap, int lang, const char *key, ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, key);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  kw_message_fill_marked(buf, cap, key, lang ? KW_LANG_NL : KW_LANG_EN, names,
                         values, n);
  return buf;
}

kw_status kw_io_fail(kw_context *ctx, kw_status st, int lang,
                     const char *where, const char *key, ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, key);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  char text[TEXT_MAX];
  kw_message_fill_marked(text, sizeof text, key,
                         lang ? KW_LANG_NL : KW_LANG_EN, names, values, n);
  return kw_fail_key(ctx, st, where, text, key, names, values, n);
}

void kw_io_log(kw_context *ctx, kw_log_level lvl, int lang, const char *where,
               const char *key, ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, key);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  char text[TEXT_MAX];
  kw_message_fill_marked(text, sizeof text, key,
                         lang ? KW_LANG_NL : KW_LANG_EN, names, values, n);
  kw_log_key(ctx, lvl, where, text, key, names, values, n);
}

char *kw_io_where(char *buf, size_t cap, const char *file, uint64_t line,
                  uint64_t col) {
  if (line && col)
    snprintf(buf, cap, "%s:%llu:%llu", file, (unsigned long long)line,
             (unsigned long long)col);
  else if (line)
    snprintf(buf, cap, "%s:%llu", file, (unsigned long long)line);
  else
    snprintf(buf, cap, "%s", file);
  return buf;
}

const char *kw_io_sys_reason(int err) { return kw_sys_reason(err); }
