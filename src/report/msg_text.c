/*
 * msg_text.c — library messages by key (kw_msginfo) written in a language,
 * with values that stand for table words, decimals or dates written the
 * language's way (see kw_msginfo_text in klantwijs/report.h).
 */
#include <stdio.h>
#include <string.h>

#include "klantwijs.h"

#define VAL_MAX 256

size_t kw_message_fill_marked(char *buf, size_t cap, const char *key,
                              kw_lang lang, const char *const *names,
                              const char *const *values, size_t n) {
  char vals[KW_MSG_ARGS][VAL_MAX];
  const char *v[KW_MSG_ARGS];
  if (n > KW_MSG_ARGS) n = KW_MSG_ARGS;
  for (size_t i = 0; i < n; i++) {
    const char *s = values[i] ? values[i] : "";
    v[i] = s;
    if (s[0] == KW_MSGV_KEY) {
      const char *t = kw_message(s + 1, lang);
      v[i] = t ? t : s + 1;
    } else if (s[0] == KW_MSGV_DECIMAL) {
      snprintf(vals[i], VAL_MAX, "%s", s + 1);
      if (lang == KW_LANG_NL)
        for (char *p = vals[i]; *p; p++)
          if (*p == '.') *p = ',';
      v[i] = vals[i];
    } else if (s[0] == KW_MSGV_DATE) {
      int y, m, d;
      if (lang == KW_LANG_NL && sscanf(s + 1, "%d-%d-%d", &y, &m, &d) == 3)
        snprintf(vals[i], VAL_MAX, "%02d-%02d-%04d", d, m, y);
      else
        snprintf(vals[i], VAL_MAX, "%s", s + 1);
      v[i] = vals[i];
    }
  }
  return kw_message_fill(buf, cap, key, lang, names, v, n);
}

char *kw_msginfo_text(char *buf, size_t cap, const kw_msginfo *m, const char *text_en,
                  kw_lang lang) {
  if (!cap) return buf;
  if (!m || !m->key) {
    snprintf(buf, cap, "%s", text_en ? text_en : "");
    return buf;
  }
  size_t at = 0;
  if (m->where && m->where[0]) {
    int k = snprintf(buf, cap, "%s: ", m->where);
    at = k < 0 ? 0 : (size_t)k < cap ? (size_t)k : cap - 1;
  }
  kw_message_fill_marked(buf + at, cap - at, m->key, lang, m->names,
                         m->values, m->n);
  return buf;
}
