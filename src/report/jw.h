/*
 * jw.h — the streaming JSON writer of the library's writers (src/report):
 * documents too large for a DOM are written member by member. Private to
 * the library: callers get JSON from the writers (klantwijs/writers.h),
 * never from these calls.
 */
#ifndef KW_REPORT_JW_H
#define KW_REPORT_JW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "klantwijs/report.h"

typedef struct kw_jw kw_jw;
kw_jw *kw_jw_new(kw_context *ctx, FILE *f);
/* Frees the writer; returns KW_EIO when the stream had an error or the
 * document was left unbalanced. */
kw_status kw_jw_finish(kw_jw *w);
/* key is the member name inside an object, NULL inside an array. */
void kw_jw_begin_object(kw_jw *w, const char *key);
void kw_jw_end_object(kw_jw *w);
void kw_jw_begin_array(kw_jw *w, const char *key);
void kw_jw_end_array(kw_jw *w);
void kw_jw_str(kw_jw *w, const char *key, const char *s);
void kw_jw_int(kw_jw *w, const char *key, int64_t v);
/* Non-finite values are written as null. */
void kw_jw_num(kw_jw *w, const char *key, double v);
void kw_jw_money(kw_jw *w, const char *key, int64_t cents);
void kw_jw_bool(kw_jw *w, const char *key, bool v);
void kw_jw_null(kw_jw *w, const char *key);
void kw_jw_date(kw_jw *w, const char *key, int32_t days);
/* An array of row objects, and key figures as members of the current
 * object. */
void kw_jw_rtable(kw_jw *w, const char *key, const kw_rtable *t);
void kw_jw_kv(kw_jw *w, const kw_kv *kv, size_t n);

#endif
