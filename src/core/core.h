/*
 * core.h — internal helpers shared by every module: allocation through the
 * context, error and warning reporting, small growable buffers.
 *
 * Errors: a failing function records a detailed message on the context with
 * kw_fail() (or kw_fail_at() for input errors, which prefixes
 * "file:line:column: ") and returns the status it was given, so the idiom is
 *     return kw_fail(ctx, KW_EINPUT, "column %s: ...", name);
 * Warnings go to the caller's log callback with kw_warn(); nothing is printed.
 */
#ifndef KW_CORE_INTERNAL_H
#define KW_CORE_INTERNAL_H

#include "klantwijs/core.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KW_ERRMSG_MAX 1024

#if defined(__GNUC__)
#define KW_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define KW_PRINTF(a, b)
#endif

struct kw_context {
  kw_allocator alloc;
  kw_log_fn log_fn;
  void *log_user;
  kw_progress_fn progress_fn;
  void *progress_user;
  uint64_t seed;
  int threads;
  kw_status last_status;
  char errmsg[KW_ERRMSG_MAX];
  kw_log_msg_fn log_msg_fn;
  void *log_msg_user;
  kw_msginfo err;                     /* key and arguments of the failure */
  char errargs[2 * KW_ERRMSG_MAX]; /* copies of err's strings */
};

void *kw_malloc(kw_context *ctx, size_t size);
void *kw_calloc(kw_context *ctx, size_t n, size_t size);
void *kw_realloc(kw_context *ctx, void *ptr, size_t size);
/* kw_free (public) releases what these return. */
char *kw_strdup(kw_context *ctx, const char *s);
char *kw_strndup(kw_context *ctx, const char *s, size_t n);

/* Record a failure and return st. */
kw_status kw_fail(kw_context *ctx, kw_status st, const char *fmt, ...)
    KW_PRINTF(3, 4);
/* Record an input failure at file:line:column (line/col 0 = unknown). */
kw_status kw_fail_at(kw_context *ctx, kw_status st, const char *file,
                     uint64_t line, uint64_t col, const char *fmt, ...)
    KW_PRINTF(6, 7);
/* Out of memory, with a constant message (never allocates). */
kw_status kw_fail_nomem(kw_context *ctx);

void kw_log(kw_context *ctx, kw_log_level lvl, const char *fmt, ...)
    KW_PRINTF(3, 4);

/*
 * Failures and warnings by message key (kw_msginfo in klantwijs/core.h). text
 * is the sentence already written (in English, or the language the caller
 * was asked for), without the place; the key and the n name/value pairs
 * let a caller write it in another language. kw_fail_key records
 * "where: text" (or text when where is "" or NULL) as kw_errmsg.
 */
kw_status kw_fail_key(kw_context *ctx, kw_status st, const char *where,
                      const char *text, const char *key,
                      const char *const *names, const char *const *values,
                      size_t n);
void kw_log_key(kw_context *ctx, kw_log_level lvl, const char *where,
                const char *text, const char *key, const char *const *names,
                const char *const *values, size_t n);
/* kw_log_key with the pairs as arguments, ending with NULL. */
void kw_warn_key(kw_context *ctx, const char *text, const char *key, ...);
/* The NULL-terminated name, value pairs of a message call's arguments,
 * at most KW_MSG_ARGS; returns how many. */
size_t kw_va_pairs(va_list *ap, const char **names, const char **values);
/* A warning of the models by key: tpl is the English sentence of the
 * key's row in the message table, with {name} placeholders filled here
 * from the name, value pairs (ending with NULL) to make the text; values
 * marked KW_MSGV_DECIMAL or KW_MSGV_DATE are written as they are, a
 * KW_MSGV_KEY value as its key (a caller with kw_context_set_log_msg
 * writes the key's text). A unit
 * test holds tpl equal to the table's English. */
void kw_warn_tpl(kw_context *ctx, const char *key, const char *tpl, ...);
/* A model's failure by key, its English sentence given as tpl as for
 * kw_warn_tpl; kw_errmsg gets the filled text. Returns st. */
/* The last failure as a value of another message (a reason): its key
 * marked KW_MSGV_KEY when it has one and no values of its own, else its
 * text. Returns buf. */
const char *kw_err_value(const kw_context *ctx, char *buf, size_t cap);
kw_status kw_fail_tpl(kw_context *ctx, kw_status st, const char *key,
                      const char *tpl, ...);
/* kw_fail_tpl at a place of the input: file:line:column (line/col 0 =
 * unknown), as kw_fail_at. */
kw_status kw_fail_at_tpl(kw_context *ctx, kw_status st, const char *file,
                         uint64_t line, uint64_t col, const char *key,
                         const char *tpl, ...);
/* The reason of a failed system call as a value of a keyed message: the
 * key (marked KW_MSGV_KEY) of the common ones (ENOENT, EACCES, ENOTDIR, ENOSPC;
 * their English in a template's text is strerror's), else strerror. */
const char *kw_sys_reason(int err);
/* The marked key of a common reason (as kw_sys_reason), else NULL. */
const char *kw_sys_reason_key(int err);
/* Numbers as values of a keyed message, written into buf: a whole number,
 * or a decimal (%g) marked KW_MSGV_DECIMAL so that a Dutch text reads
 * "2,5". The KW_NUM_* forms use a buffer that lives to the end of the
 * enclosing block, for use in the call itself. */
const char *kw_num_u(char *buf, size_t cap, unsigned long long v);
const char *kw_num_i(char *buf, size_t cap, long long v);
const char *kw_num_g(char *buf, size_t cap, double v);
#define KW_NUM_U(v) kw_num_u((char[24]){0}, 24, (unsigned long long)(v))
#define KW_NUM_I(v) kw_num_i((char[24]){0}, 24, (long long)(v))
#define KW_NUM_G(v) kw_num_g((char[40]){0}, 40, (double)(v))
/* Report progress of a long step (no-op without a callback). */
static inline void kw_progress(kw_context *ctx, const char *stage, double f) {
  if (ctx->progress_fn) ctx->progress_fn(ctx->progress_user, stage, f);
}
#define kw_warn(ctx, ...) kw_log((ctx), KW_LOG_WARN, __VA_ARGS__)

/* Overflow-checked money (int64 cents) arithmetic: false on overflow,
 * *acc then unchanged. KW_NA_MONEY (INT64_MIN) is never a valid result. */
static inline bool kw_money_add(int64_t *acc, int64_t v) {
  int64_t r;
  if (__builtin_add_overflow(*acc, v, &r) || r == INT64_MIN) return false;
  *acc = r;
  return true;
}
static inline bool kw_money_sub(int64_t a, int64_t b, int64_t *out) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r) || r == INT64_MIN) return false;
  *out = r;
  return true;
}

/* Overflow-checked size arithmetic: false on overflow. */
static inline bool kw_mul_size(size_t a, size_t b, size_t *out) {
  if (b != 0 && a > SIZE_MAX / b) return false;
  *out = a * b;
  return true;
}

/*
 * A growable array of fixed-size elements. Grows geometrically; reserve
 * ahead of hot loops so the loop itself never allocates.
 */
typedef struct kw_buf {
  void *data;
  size_t len;  /* elements in use */
  size_t cap;  /* elements allocated */
  size_t elem; /* element size in bytes */
} kw_buf;

void kw_buf_init(kw_buf *b, size_t elem);
kw_status kw_buf_reserve(kw_context *ctx, kw_buf *b, size_t cap);
/* Append one element (copied from src); grows when needed. */
kw_status kw_buf_push(kw_context *ctx, kw_buf *b, const void *src);
/* Release and give the data to the caller (shrunk to fit; may be NULL). */
void *kw_buf_take(kw_context *ctx, kw_buf *b);
void kw_buf_free(kw_context *ctx, kw_buf *b);

#endif
