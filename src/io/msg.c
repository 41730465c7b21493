/*
 * msg.c — readers' messages by key and language (see msg.h).
 */
#include "io/msg.h"

#include <stdarg.h>

#include "klantwijs/report.h"

#define MAX_ARGS 8

char *kw_io_msg(char *buf, size_t cap, int lang, const char *key, ...) {
  const char *names[MAX_ARGS], *values[MAX_ARGS];
  size_t n = 0;
  va_list ap;
  va_start(ap, key);
  for (const char *nm; n < MAX_ARGS && (nm = va_arg(ap, const char *));) {
    names[n] = nm;
    values[n] = va_arg(ap, const char *);
    n++;
  }
  va_end(ap);
  kw_message_fill(buf, cap, key, lang ? KW_LANG_NL : KW_LANG_EN, names,
                  values, n);
  return buf;
}
