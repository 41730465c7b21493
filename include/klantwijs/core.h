/*
 * klantwijs/core.h — version, status codes, the context.
 *
 * Ownership rules (they hold for the whole API):
 *   - Inputs are borrowed and const; the library never keeps a pointer to a
 *     caller's buffer after a call returns unless the function says so.
 *   - Every object the library hands out is freed with its own *_free call;
 *     every *_free accepts NULL.
 *   - Results live in caller-owned result objects; pointers obtained from a
 *     result (columns, names, arrays) stay valid until that result is freed.
 *   - The library never prints, exits or aborts. Each fallible call returns a
 *     kw_status; the context keeps a detailed message for the last failure
 *     (with file:line:column for input errors), read with kw_errmsg().
 *   - No global state: allocator, log callback, thread count and random seed
 *     live in the kw_context.
 */
#ifndef KLANTWIJS_CORE_H
#define KLANTWIJS_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(KW_BUILDING_SHARED) && defined(__GNUC__)
#define KW_API __attribute__((visibility("default")))
#else
#define KW_API
#endif

#define KW_VERSION_MAJOR 0
#define KW_VERSION_MINOR 1
#define KW_VERSION_PATCH 0
#define KW_VERSION_STRING "0.1.0"
#define KW_VERSION_NUMBER \
  (KW_VERSION_MAJOR * 10000 + KW_VERSION_MINOR * 100 + KW_VERSION_PATCH)

/* The runtime version, e.g. "0.1.0". */
KW_API const char *kw_version(void);

/*
 * Status codes. The numbers are part of the ABI: never renumber, only append.
 * X(name, number, short message)
 */
#define KW_STATUS_LIST(X)                                              \
  X(KW_OK, 0, "ok")                                                    \
  X(KW_ENOMEM, 1, "out of memory")                                     \
  X(KW_EIO, 2, "cannot read or write a file")                          \
  X(KW_EINPUT, 3, "bad input data")                                    \
  X(KW_EEMPTY, 4, "no data")                                           \
  X(KW_EARG, 5, "invalid argument")                                    \
  X(KW_EMISSING, 6, "a required column or table is missing")           \
  X(KW_EAMBIGUOUS, 7, "ambiguous input format")                        \
  X(KW_ENOCONV, 8, "the fit did not converge")                         \
  X(KW_ENUMERIC, 9, "numerical failure")                               \
  X(KW_EUNSUPPORTED, 10, "not supported")                              \
  X(KW_ERANGE, 11, "value out of range")

typedef enum kw_status {
#define KW_X_ENUM(name, num, msg) name = num,
  KW_STATUS_LIST(KW_X_ENUM)
#undef KW_X_ENUM
} kw_status;

/* The short, constant message of a status code ("out of memory"). */
KW_API const char *kw_status_str(kw_status st);

/* Log levels for the warning callback. */
typedef enum kw_log_level {
  KW_LOG_DEBUG = 0,
  KW_LOG_INFO = 1,
  KW_LOG_WARN = 2
} kw_log_level;

typedef void (*kw_log_fn)(void *user, kw_log_level level, const char *msg);

/* A pluggable allocator: all library memory goes through these. */
typedef struct kw_allocator {
  void *(*malloc_fn)(void *user, size_t size);
  void *(*realloc_fn)(void *user, void *ptr, size_t size);
  void (*free_fn)(void *user, void *ptr);
  void *user;
} kw_allocator;

typedef struct kw_context kw_context;

/* A new context with the system allocator, no log callback, one thread and
 * seed 1. Returns NULL only when memory is exhausted. */
KW_API kw_context *kw_context_new(void);
/* A new context using the given allocator (copied). */
KW_API kw_context *kw_context_new_with_allocator(const kw_allocator *a);
KW_API void kw_context_free(kw_context *ctx);

/* Warnings (dropped rows, non-convergence, ...) go to this callback. */
KW_API void kw_context_set_log(kw_context *ctx, kw_log_fn fn, void *user);
KW_API void kw_context_set_seed(kw_context *ctx, uint64_t seed);
KW_API uint64_t kw_context_seed(const kw_context *ctx);
KW_API void kw_context_set_threads(kw_context *ctx, int threads);
KW_API int kw_context_threads(const kw_context *ctx);

/* Progress of long steps (loading a large file, fitting): stage names the
 * step, fraction runs from 0 to 1. Called from the calling thread, at most
 * a few times a second's worth of work; NULL switches it off. */
typedef void (*kw_progress_fn)(void *user, const char *stage, double fraction);
KW_API void kw_context_set_progress(kw_context *ctx, kw_progress_fn fn,
                                    void *user);

/*
 * Messages by key. A library error or warning about the input carries the
 * key of its sentence in the one message table (kw_message in
 * klantwijs/report.h, English and Dutch), the values of the sentence's
 * placeholders as name/value pairs, and where in the input it happened
 * ("file:line:column", "file.xlsx:Sheet!B17"; "" when nowhere in
 * particular). kw_msginfo_text (klantwijs/report.h) writes it in a language;
 * kw_errmsg and the plain log callback keep giving the text (English
 * unless kw_load_options.lang says otherwise). A message without a key
 * (key NULL) exists only as that text.
 */
#define KW_MSG_ARGS 8
/* First byte of a value that is a table key, a plain decimal ("12.5") or
 * an ISO date, written in the language of the message (kw_msginfo_text). */
#define KW_MSGV_KEY '\x01'
#define KW_MSGV_DECIMAL '\x02'
#define KW_MSGV_DATE '\x03'
typedef struct kw_msginfo {
  const char *key;   /* message-table key, or NULL */
  const char *where; /* place in the input, "" when none */
  size_t n;          /* placeholders filled */
  const char *names[KW_MSG_ARGS];
  const char *values[KW_MSG_ARGS];
} kw_msginfo;

/* The key, arguments and place of the last failure (key NULL when the
 * failure has no key or there was none); valid until the next failure. */
KW_API const kw_msginfo *kw_errinfo(const kw_context *ctx);

/* Warnings with their key: when set, every warning and note goes to this
 * callback (with m->key NULL for one without a key) instead of the plain
 * log callback. text is the sentence as kw_context_set_log would get it. */
typedef void (*kw_log_msg_fn)(void *user, kw_log_level level,
                              const char *text, const kw_msginfo *m);
KW_API void kw_context_set_log_msg(kw_context *ctx, kw_log_msg_fn fn,
                                   void *user);

/* Detailed message of the last failure on this context ("" if none). */
KW_API const char *kw_errmsg(const kw_context *ctx);
/* Status of the last failure on this context (KW_OK if none). */
KW_API kw_status kw_errcode(const kw_context *ctx);
/* Forget the last failure. */
KW_API void kw_clear_error(kw_context *ctx);

/* Free memory the library allocated for the caller (strings, buffers). */
KW_API void kw_free(kw_context *ctx, void *ptr);

#ifdef __cplusplus
}
#endif
#endif
