/*
 * marg.h — a typed value for a {placeholder} of the message table: the
 * models record a message by its key with such values (a step note of the
 * main job), and the writers format them in the reader's language (numbers,
 * money, percentages, dates: report/messages.h kw_msg_fill). Internal.
 */
#ifndef KW_CORE_MARG_H
#define KW_CORE_MARG_H

#include <stddef.h>
#include <stdint.h>

typedef enum kw_marg_type {
  KW_MARG_STR,   /* v.s as is */
  KW_MARG_INT,   /* v.i with thousands grouping */
  KW_MARG_NUM,   /* v.d with `decimals` */
  KW_MARG_PCT,   /* v.d a fraction, shown as a percentage */
  KW_MARG_MONEY, /* v.i cents with the currency, `decimals` 0 or 2 */
  KW_MARG_DATE   /* v.i days */
} kw_marg_type;

typedef struct kw_marg {
  const char *name;
  kw_marg_type type;
  int decimals;
  union {
    const char *s;
    int64_t i;
    double d;
  } v;
} kw_marg;

static inline kw_marg kw_ma_str(const char *n, const char *s) {
  kw_marg a = {n, KW_MARG_STR, 0, {.s = s}};
  return a;
}
static inline kw_marg kw_ma_int(const char *n, int64_t i) {
  kw_marg a = {n, KW_MARG_INT, 0, {.i = i}};
  return a;
}
static inline kw_marg kw_ma_num(const char *n, double d, int dec) {
  kw_marg a = {n, KW_MARG_NUM, dec, {.d = d}};
  return a;
}
static inline kw_marg kw_ma_pct(const char *n, double d, int dec) {
  kw_marg a = {n, KW_MARG_PCT, dec, {.d = d}};
  return a;
}
static inline kw_marg kw_ma_money(const char *n, int64_t cents, int dec) {
  kw_marg a = {n, KW_MARG_MONEY, dec, {.i = cents}};
  return a;
}
static inline kw_marg kw_ma_date(const char *n, int32_t day) {
  kw_marg a = {n, KW_MARG_DATE, 0, {.i = day}};
  return a;
}

#endif
