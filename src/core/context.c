/*
 * context.c — the kw_context (allocator, log callback, seed, threads, last
 * error), status messages generated from KW_STATUS_LIST, and kw_buf.
 */
#include "core/core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

const char *kw_version(void) { return KW_VERSION_STRING; }

const char *kw_status_str(kw_status st) {
  switch (st) {
#define KW_X_STR(name, num, msg) \
  case name:                     \
    return msg;
    KW_STATUS_LIST(KW_X_STR)
#undef KW_X_STR
  }
  return "unknown status";
}

static void *sys_malloc(void *u, size_t n) {
  (void)u;
  return malloc(n ? n : 1);
}
static void *sys_realloc(void *u, void *p, size_t n) {
  (void)u;
  return realloc(p, n ? n : 1);
}
static void sys_free(void *u, void *p) {
  (void)u;
  free(p);
}

kw_context *kw_context_new_with_allocator(const kw_allocator *a) {
  /* GSL's default error handler prints and aborts; the library reports
   * every failure as a status instead, so it is switched off (GSL keeps
   * this one setting per process). */
  gsl_set_error_handler_off();
  kw_allocator al = {sys_malloc, sys_realloc, sys_free, NULL};
  if (a) al = *a;
  kw_context *ctx = al.malloc_fn(al.user, sizeof *ctx);
  if (!ctx) return NULL;
  memset(ctx, 0, sizeof *ctx);
  ctx->err.where = "";
  ctx->alloc = al;
  ctx->seed = 1;
  ctx->threads = 1;
  return ctx;
}

kw_context *kw_context_new(void) { return kw_context_new_with_allocator(NULL); }

void kw_context_free(kw_context *ctx) {
  if (!ctx) return;
  kw_allocator al = ctx->alloc;
  al.free_fn(al.user, ctx);
}

void kw_context_set_log(kw_context *ctx, kw_log_fn fn, void *user) {
  ctx->log_fn = fn;
  ctx->log_user = user;
}
void kw_context_set_progress(kw_context *ctx, kw_progress_fn fn,
                             void *user) {
  ctx->progress_fn = fn;
  ctx->progress_user = user;
}
void kw_context_set_seed(kw_context *ctx, uint64_t seed) { ctx->seed = seed; }
uint64_t kw_context_seed(const kw_context *ctx) { return ctx->seed; }
void kw_context_set_threads(kw_context *ctx, int threads) {
  ctx->threads = threads < 1 ? 1 : threads;
}
int kw_context_threads(const kw_context *ctx) { return ctx->threads; }

void kw_context_set_log_msg(kw_context *ctx, kw_log_msg_fn fn, void *user) {
  ctx->log_msg_fn = fn;
  ctx->log_msg_user = user;
}

const kw_msginfo *kw_errinfo(const kw_context *ctx) {
  static const kw_msginfo none = {NULL, "", 0, {NULL}, {NULL}};
  return ctx ? &ctx->err : &none;
}

/* Copy s into the context's argument area at *at; "" when full. */
static const char *keep(kw_context *ctx, size_t *at, const char *s) {
  size_t n = strlen(s ? s : "");
  if (*at + n + 1 > sizeof ctx->errargs) return "";
  char *d = ctx->errargs + *at;
  memcpy(d, s ? s : "", n + 1);
  *at += n + 1;
  return d;
}

static void clear_info(kw_context *ctx) {
  ctx->err.key = NULL;
  ctx->err.where = "";
  ctx->err.n = 0;
}

kw_status kw_fail_key(kw_context *ctx, kw_status st, const char *where,
                      const char *text, const char *key,
                      const char *const *names, const char *const *values,
                      size_t n) {
  if (where && where[0])
    snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s: %s", where, text);
  else
    snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s", text);
  ctx->last_status = st;
  size_t at = 0;
  if (n > KW_MSG_ARGS) n = KW_MSG_ARGS;
  ctx->err.key = key ? keep(ctx, &at, key) : NULL;
  ctx->err.where = keep(ctx, &at, where ? where : "");
  for (size_t i = 0; i < n; i++) {
    ctx->err.names[i] = keep(ctx, &at, names[i]);
    ctx->err.values[i] = keep(ctx, &at, values[i]);
  }
  ctx->err.n = n;
  return st;
}

void kw_log_key(kw_context *ctx, kw_log_level lvl, const char *where,
                const char *text, const char *key, const char *const *names,
                const char *const *values, size_t n) {
  char msg[KW_ERRMSG_MAX];
  if (where && where[0])
    snprintf(msg, sizeof msg, "%s: %s", where, text);
  else
    snprintf(msg, sizeof msg, "%s", text);
  if (ctx->log_msg_fn) {
    kw_msginfo m = {key, where ? where : "", n > KW_MSG_ARGS ? KW_MSG_ARGS : n,
                {NULL}, {NULL}};
    for (size_t i = 0; i < m.n; i++) {
      m.names[i] = names[i];
      m.values[i] = values[i];
    }
    ctx->log_msg_fn(ctx->log_msg_user, lvl, msg, &m);
  } else if (ctx->log_fn) {
    ctx->log_fn(ctx->log_user, lvl, msg);
  }
}

size_t kw_va_pairs(va_list *ap, const char **names, const char **values) {
  size_t n = 0;
  for (const char *nm; n < KW_MSG_ARGS && (nm = va_arg(*ap, const char *));) {
    names[n] = nm;
    values[n] = va_arg(*ap, const char *);
    n++;
  }
  return n;
}

void kw_warn_key(kw_context *ctx, const char *text, const char *key, ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, key);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  kw_log_key(ctx, KW_LOG_WARN, "", text, key, names, values, n);
}

static const struct {
  int err;
  const char *key;
} sys_reasons[] = {{ENOENT, "\001load.sys.ENOENT"},
                   {EACCES, "\001load.sys.EACCES"},
                   {ENOTDIR, "\001load.sys.ENOTDIR"},
                   {ENOSPC, "\001load.sys.ENOSPC"}};

const char *kw_sys_reason_key(int err) {
  for (size_t i = 0; i < sizeof sys_reasons / sizeof *sys_reasons; i++)
    if (sys_reasons[i].err == err) return sys_reasons[i].key;
  return NULL;
}

const char *kw_sys_reason(int err) {
  const char *k = kw_sys_reason_key(err);
  return k ? k : strerror(err);
}

/* The system's text of a reason kw_sys_reason gave by key, else NULL. */
static const char *sys_text(const char *v) {
  for (size_t i = 0; i < sizeof sys_reasons / sizeof *sys_reasons; i++)
    if (strcmp(sys_reasons[i].key, v) == 0)
      return strerror(sys_reasons[i].err);
  return NULL;
}

/* tpl with its {name} placeholders filled from the pairs into text; a
 * marked value is written without its mark (a table word as its key). */
static void fill_tpl(char *text, size_t cap, const char *tpl,
                     const char *const *names, const char *const *values,
                     size_t n) {
  size_t o = 0;
  for (const char *p = tpl; *p && o + 1 < cap;) {
    const char *e = *p == '{' ? strchr(p, '}') : NULL;
    size_t i = 0;
    if (e)
      for (; i < n; i++)
        if (strlen(names[i]) == (size_t)(e - p - 1) &&
            strncmp(names[i], p + 1, (size_t)(e - p - 1)) == 0)
          break;
    if (e && i < n) {
      const char *v = values[i];
      const char *sys = sys_text(v);
      if (sys)
        v = sys;
      else if (v[0] == KW_MSGV_DECIMAL || v[0] == KW_MSGV_DATE ||
               v[0] == KW_MSGV_KEY)
        v++;
      o += (size_t)snprintf(text + o, cap - o, "%s", v);
      if (o >= cap) o = cap - 1;
      p = e + 1;
    } else {
      text[o++] = *p++;
    }
  }
  text[o] = '\0';
}

void kw_warn_tpl(kw_context *ctx, const char *key, const char *tpl, ...) {
  if (!ctx->log_fn && !ctx->log_msg_fn) return;
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, tpl);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  char text[KW_ERRMSG_MAX];
  fill_tpl(text, sizeof text, tpl, names, values, n);
  kw_log_key(ctx, KW_LOG_WARN, "", text, key, names, values, n);
}

const char *kw_err_value(const kw_context *ctx, char *buf, size_t cap) {
  if (ctx->err.key && ctx->err.n == 0)
    snprintf(buf, cap, "%c%s", KW_MSGV_KEY, ctx->err.key);
  else
    snprintf(buf, cap, "%s", ctx->errmsg);
  return buf;
}

kw_status kw_fail_tpl(kw_context *ctx, kw_status st, const char *key,
                      const char *tpl, ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, tpl);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  char text[KW_ERRMSG_MAX];
  fill_tpl(text, sizeof text, tpl, names, values, n);
  return kw_fail_key(ctx, st, "", text, key, names, values, n);
}

kw_status kw_fail_at_tpl(kw_context *ctx, kw_status st, const char *file,
                         uint64_t line, uint64_t col, const char *key,
                         const char *tpl, ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, tpl);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  char text[KW_ERRMSG_MAX], where[512];
  fill_tpl(text, sizeof text, tpl, names, values, n);
  if (!file)
    where[0] = '\0';
  else if (line && col)
    snprintf(where, sizeof where, "%s:%llu:%llu", file,
             (unsigned long long)line, (unsigned long long)col);
  else if (line)
    snprintf(where, sizeof where, "%s:%llu", file, (unsigned long long)line);
  else
    snprintf(where, sizeof where, "%s", file);
  return kw_fail_key(ctx, st, where, text, key, names, values, n);
}

const char *kw_num_u(char *buf, size_t cap, unsigned long long v) {
  snprintf(buf, cap, "%llu", v);
  return buf;
}
const char *kw_num_i(char *buf, size_t cap, long long v) {
  snprintf(buf, cap, "%lld", v);
  return buf;
}
const char *kw_num_g(char *buf, size_t cap, double v) {
  snprintf(buf, cap, "%c%g", KW_MSGV_DECIMAL, v);
  return buf;
}

const char *kw_errmsg(const kw_context *ctx) {
  return ctx ? ctx->errmsg : "no context";
}
kw_status kw_errcode(const kw_context *ctx) {
  return ctx ? ctx->last_status : KW_EARG;
}
void kw_clear_error(kw_context *ctx) {
  clear_info(ctx);
  ctx->last_status = KW_OK;
  ctx->errmsg[0] = '\0';
}

void *kw_malloc(kw_context *ctx, size_t size) {
  return ctx->alloc.malloc_fn(ctx->alloc.user, size);
}
void *kw_calloc(kw_context *ctx, size_t n, size_t size) {
  size_t total;
  if (!kw_mul_size(n, size, &total)) return NULL;
  void *p = kw_malloc(ctx, total);
  if (p) memset(p, 0, total);
  return p;
}
void *kw_realloc(kw_context *ctx, void *ptr, size_t size) {
  return ctx->alloc.realloc_fn(ctx->alloc.user, ptr, size);
}
void kw_free(kw_context *ctx, void *ptr) {
  if (ptr) ctx->alloc.free_fn(ctx->alloc.user, ptr);
}
char *kw_strndup(kw_context *ctx, const char *s, size_t n) {
  char *d = kw_malloc(ctx, n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}
char *kw_strdup(kw_context *ctx, const char *s) {
  return kw_strndup(ctx, s, strlen(s));
}

kw_status kw_fail(kw_context *ctx, kw_status st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
  va_end(ap);
  ctx->last_status = st;
  clear_info(ctx);
  return st;
}

kw_status kw_fail_at(kw_context *ctx, kw_status st, const char *file,
                     uint64_t line, uint64_t col, const char *fmt, ...) {
  int n;
  clear_info(ctx);
  if (line && col)
    n = snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s:%llu:%llu: ", file,
                 (unsigned long long)line, (unsigned long long)col);
  else if (line)
    n = snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s:%llu: ", file,
                 (unsigned long long)line);
  else
    n = snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s: ", file);
  if (n < 0) n = 0;
  if ((size_t)n < sizeof ctx->errmsg) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->errmsg + n, sizeof ctx->errmsg - (size_t)n, fmt, ap);
    va_end(ap);
  }
  ctx->last_status = st;
  return st;
}

kw_status kw_fail_nomem(kw_context *ctx) {
  strcpy(ctx->errmsg, "out of memory");
  clear_info(ctx);
  ctx->last_status = KW_ENOMEM;
  return KW_ENOMEM;
}

void kw_log(kw_context *ctx, kw_log_level lvl, const char *fmt, ...) {
  if (!ctx->log_fn && !ctx->log_msg_fn) return;
  char msg[KW_ERRMSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (ctx->log_msg_fn) {
    kw_msginfo m = {NULL, "", 0, {NULL}, {NULL}};
    ctx->log_msg_fn(ctx->log_msg_user, lvl, msg, &m);
    return;
  }
  ctx->log_fn(ctx->log_user, lvl, msg);
}

void kw_buf_init(kw_buf *b, size_t elem) {
  b->data = NULL;
  b->len = b->cap = 0;
  b->elem = elem;
}

kw_status kw_buf_reserve(kw_context *ctx, kw_buf *b, size_t cap) {
  if (cap <= b->cap) return KW_OK;
  size_t bytes;
  if (!kw_mul_size(cap, b->elem, &bytes)) return kw_fail_nomem(ctx);
  void *p = kw_realloc(ctx, b->data, bytes);
  if (!p) return kw_fail_nomem(ctx);
  b->data = p;
  b->cap = cap;
  return KW_OK;
}

kw_status kw_buf_push(kw_context *ctx, kw_buf *b, const void *src) {
  if (b->len == b->cap) {
    size_t cap = b->cap ? b->cap + b->cap / 2 : 16;
    kw_status st = kw_buf_reserve(ctx, b, cap);
    if (st) return st;
  }
  memcpy((char *)b->data + b->len * b->elem, src, b->elem);
  b->len++;
  return KW_OK;
}

void *kw_buf_take(kw_context *ctx, kw_buf *b) {
  void *p = b->data;
  if (p && b->len < b->cap) {
    void *q = kw_realloc(ctx, p, b->len ? b->len * b->elem : 1);
    if (q) p = q;
  }
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void kw_buf_free(kw_context *ctx, kw_buf *b) {
  kw_free(ctx, b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
