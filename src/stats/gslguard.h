/*
 * gslguard.h — keep GSL from aborting inside the library.
 *
 * GSL's default error handler prints to stderr and calls abort() on any
 * error it reports (a non-positive-definite matrix, an underflow in a
 * special function, a failed allocation). The library must never print or
 * abort, so code that calls GSL brackets the calls with
 *     gsl_error_handler_t *prev = kw_gsl_quiet_begin();
 *     ... GSL calls, checking their return codes ...
 *     kw_gsl_quiet_end(prev);
 * which turns the handler off and restores the caller's one afterwards.
 * GSL keeps the handler in a process-wide variable, so this is only as
 * thread-safe as GSL itself; both calls are cheap.
 */
#ifndef KW_GSLGUARD_H
#define KW_GSLGUARD_H

#include <gsl/gsl_errno.h>

static inline gsl_error_handler_t *kw_gsl_quiet_begin(void) {
  return gsl_set_error_handler_off();
}

static inline void kw_gsl_quiet_end(gsl_error_handler_t *prev) {
  gsl_set_error_handler(prev);
}

#endif
