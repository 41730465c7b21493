/*
 * names.c — names of tables, types, roles and skip reasons, generated from
 * the X-macro lists in klantwijs/data.h so that codes and text never drift.
 */
#include "core/core.h"
#include "klantwijs/data.h"

#include <string.h>

const char *kw_table_kind_name(kw_table_kind k) {
  static const char *const names[] = {
#define KW_X(e, name, files) name,
      KW_TABLE_LIST(KW_X)
#undef KW_X
  };
  return (unsigned)k < KW_TABLE__COUNT ? names[k] : "?";
}

const char *kw_type_name(kw_type t) {
  static const char *const names[] = {"text", "date", "money", "number",
                                      "flag"};
  return (unsigned)t < sizeof names / sizeof *names ? names[t] : "?";
}

static const char *const role_names[] = {
#define KW_X(e, name, type, desc) name,
    KW_ROLE_LIST(KW_X)
#undef KW_X
};
static const char *const role_descs[] = {
#define KW_X(e, name, type, desc) desc,
    KW_ROLE_LIST(KW_X)
#undef KW_X
};

const char *kw_role_name(kw_role r) {
  return (unsigned)r < KW_ROLE__COUNT ? role_names[r] : "?";
}
const char *kw_role_description(kw_role r) {
  return (unsigned)r < KW_ROLE__COUNT ? role_descs[r] : "?";
}
kw_role kw_role_from_name(const char *name) {
  for (int r = 0; r < KW_ROLE__COUNT; r++)
    if (strcmp(role_names[r], name) == 0) return (kw_role)r;
  return KW_ROLE__COUNT;
}
bool kw_role_is_personal(kw_role r) {
  return r == KW_ROLE_NAME || r == KW_ROLE_EMAIL || r == KW_ROLE_PHONE ||
         r == KW_ROLE_ADDRESS;
}

const char *kw_skip_reason_name(kw_skip_reason r) {
  static const char *const names[] = {
#define KW_X(e, name, msg) name,
      KW_SKIP_LIST(KW_X)
#undef KW_X
  };
  return (unsigned)r < KW_SKIP__COUNT ? names[r] : "?";
}
const char *kw_skip_reason_message(kw_skip_reason r) {
  static const char *const msgs[] = {
#define KW_X(e, name, msg) msg,
      KW_SKIP_LIST(KW_X)
#undef KW_X
  };
  return (unsigned)r < KW_SKIP__COUNT ? msgs[r] : "?";
}
