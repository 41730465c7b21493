/*
 * failing_alloc.h — an allocator for out-of-memory tests: `left` calls
 * succeed, then one fails; with `forever` every call after that fails too.
 * Out of memory must come back as KW_ENOMEM, never a crash or a leak.
 */
#ifndef KW_TEST_FAILING_ALLOC_H
#define KW_TEST_FAILING_ALLOC_H

#include <stdbool.h>
#include <stdlib.h>

#include "klantwijs/core.h"

typedef struct failing {
  long left;    /* calls that succeed before one fails */
  bool forever; /* after the first failure, fail every call */
} failing;

/* True when this call may allocate. */
static inline bool failing_take(failing *f) {
  if (f->left > 0) {
    f->left--;
    return true;
  }
  if (f->left < 0) return true; /* failed once already, not forever */
  if (!f->forever) f->left = -1;
  return false;
}

static inline void *failing_malloc(void *u, size_t n) {
  return failing_take(u) ? malloc(n ? n : 1) : NULL;
}
static inline void *failing_realloc(void *u, void *p, size_t n) {
  return failing_take(u) ? realloc(p, n ? n : 1) : NULL;
}
static inline void failing_free(void *u, void *p) {
  (void)u;
  free(p);
}

static inline kw_allocator failing_allocator(failing *f) {
  kw_allocator a = {failing_malloc, failing_realloc, failing_free, f};
  return a;
}

#endif
