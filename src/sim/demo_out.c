/*
 * demo_out.c — the demo generator's file writer and number formatting.
 *
 * Millions of rows are written, so nothing goes through printf: integers,
 * money (cents as "1.234,56"), hundredths and dates are formatted here into
 * a 4 MiB buffer that leaves in large write() calls. Dates come from a table
 * of "dd/mm/yyyy" strings prepared once for the days around the window.
 * The output does not depend on the locale.
 *
 * Each file is written to "NAME.tmp.XXXXXX" (mkstemp) in the target folder
 * and renamed to NAME when complete, so a reader never sees half a file.
 * The data are reproducible, not precious, so there is no fsync.
 */
#include "sim/sim.h"
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEMO_OUT_BUF (4u << 20)

const char *demo_errtext(int err, char *buf, size_t n) {
  const char *key = kw_sys_reason_key(err); /* a message value by key */
  if (key) return key;
  if (strerror_r(err, buf, n) != 0) snprintf(buf, n, "error %d", err);
  return buf;
}

static char *join_path(kw_context *ctx, const char *dir, const char *name,
                       const char *suffix) {
  size_t a = strlen(dir), b = strlen(name), c = strlen(suffix);
  char *p = kw_malloc(ctx, a + b + c + 2);
  if (!p) return NULL;
  memcpy(p, dir, a);
  size_t n = a;
  if (n && p[n - 1] != '/') p[n++] = '/';
  memcpy(p + n, name, b);
  memcpy(p + n + b, suffix, c + 1);
  return p;
}

static void release(demo_out *o) {
  kw_temp_unregister(o->slot);
  o->slot = -1;
  kw_free(o->ctx, o->tmp);
  kw_free(o->ctx, o->final);
  kw_free(o->ctx, o->buf);
  o->tmp = o->final = o->buf = NULL;
  o->fd = -1;
}

kw_status demo_out_open(kw_context *ctx, demo_out *o, const char *dir,
                        const char *name) {
  memset(o, 0, sizeof *o);
  o->ctx = ctx;
  o->fd = -1;
  o->slot = -1;
  /* NAME.tmp.PID.XXXXXX; those of a process that is gone are removed */
  char suffix[48], prefix[300];
  snprintf(suffix, sizeof suffix, ".tmp.%ld.XXXXXX", (long)getpid());
  if (strlen(name) < 256) {
    snprintf(prefix, sizeof prefix, "%s.tmp.", name);
    kw_temp_sweep(dir, prefix);
  }
  o->final = join_path(ctx, dir, name, "");
  o->tmp = join_path(ctx, dir, name, suffix);
  o->buf = kw_malloc(ctx, DEMO_OUT_BUF);
  if (!o->final || !o->tmp || !o->buf) {
    release(o);
    return kw_fail_nomem(ctx);
  }
  o->cap = DEMO_OUT_BUF;
  o->fd = kw_temp_create(o->tmp, false, &o->slot);
  if (o->fd < 0) {
    kw_status st = kw_fail_tpl(ctx, KW_EIO, "model.e.demo_create",
                               "cannot create {path}: {why}", "path", o->tmp,
                               "why", DEMO_ERRTEXT(errno), NULL);
    release(o);
    return st;
  }
  /* mkstemp makes the file private (0600); data files get the mode of
   * every output file (the replaced file's, or 0666 less the umask) */
  if (fchmod(o->fd, kw_out_mode(o->final, false)) != 0) {
    kw_status st = kw_fail_tpl(ctx, KW_EIO, "model.e.demo_mode",
                               "cannot set the mode of {path}: {why}", "path",
                               o->tmp, "why", DEMO_ERRTEXT(errno), NULL);
    demo_out_abort(o);
    return st;
  }
  return KW_OK;
}

void demo_out_flush(demo_out *o) {
  if (o->st != KW_OK) {
    o->len = 0;
    return;
  }
  size_t off = 0;
  while (off < o->len) {
    ssize_t w = write(o->fd, o->buf + off, o->len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      o->st = kw_fail_tpl(o->ctx, KW_EIO, "model.e.demo_write",
                          "cannot write {path}: {why}", "path", o->tmp, "why",
                          DEMO_ERRTEXT(errno), NULL);
      break;
    }
    off += (size_t)w;
  }
  o->bytes += off;
  o->len = 0;
}

kw_status demo_out_close(demo_out *o) {
  if (!o->buf) return o->st;
  demo_out_flush(o);
  if (close(o->fd) != 0 && o->st == KW_OK)
    o->st = kw_fail_tpl(o->ctx, KW_EIO, "model.e.demo_write",
                        "cannot write {path}: {why}", "path", o->tmp, "why",
                        DEMO_ERRTEXT(errno), NULL);
  o->fd = -1;
  if (o->st == KW_OK && rename(o->tmp, o->final) != 0)
    o->st = kw_fail_tpl(o->ctx, KW_EIO, "model.e.demo_rename",
                        "cannot rename {from} to {to}: {why}", "from", o->tmp,
                        "to", o->final, "why", DEMO_ERRTEXT(errno), NULL);
  if (o->st != KW_OK) unlink(o->tmp);
  kw_status st = o->st;
  release(o);
  return st;
}

void demo_out_abort(demo_out *o) {
  if (!o->buf) return;
  if (o->fd >= 0) close(o->fd);
  unlink(o->tmp);
  release(o);
}

/* ------------------------------------------------------------ fields */

void demo_put_slow(demo_out *o, const char *s, size_t n) {
  while (n > 0) {
    if (o->len == o->cap) demo_out_flush(o);
    size_t k = o->cap - o->len;
    if (k > n) k = n;
    memcpy(o->buf + o->len, s, k);
    o->len += k;
    s += k;
    n -= k;
  }
}

void demo_put_field(demo_out *o, const char *s) {
  if (!strpbrk(s, ";\"\r\n")) {
    demo_puts(o, s);
    return;
  }
  demo_putc(o, '"');
  for (; *s; s++) {
    if (*s == '"') demo_putc(o, '"');
    demo_putc(o, *s);
  }
  demo_putc(o, '"');
}

/* Digits of v, right-aligned ending at end; returns the first digit. */
static char *digits(char *end, uint64_t v) {
  do {
    *--end = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return end;
}

void demo_put_u64(demo_out *o, uint64_t v) {
  char tmp[24];
  char *p = digits(tmp + sizeof tmp, v);
  demo_put(o, p, (size_t)(tmp + sizeof tmp - p));
}

void demo_put_i64(demo_out *o, int64_t v) {
  if (v < 0) {
    demo_putc(o, '-');
    demo_put_u64(o, (uint64_t)0 - (uint64_t)v);
  } else {
    demo_put_u64(o, (uint64_t)v);
  }
}

size_t demo_format_money(char *buf, int64_t cents) {
  char tmp[40];
  char *end = tmp + sizeof tmp;
  char *p = end;
  uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
  uint64_t c = u % 100, e = u / 100;
  *--p = (char)('0' + c % 10);
  *--p = (char)('0' + c / 10);
  *--p = ',';
  int group = 0;
  do {
    if (group == 3) {
      *--p = '.';
      group = 0;
    }
    *--p = (char)('0' + e % 10);
    e /= 10;
    group++;
  } while (e);
  if (cents < 0) *--p = '-';
  size_t n = (size_t)(end - p);
  memcpy(buf, p, n);
  return n;
}

void demo_put_money(demo_out *o, int64_t cents) {
  char buf[40];
  demo_put(o, buf, demo_format_money(buf, cents));
}

void demo_put_hundredths(demo_out *o, int64_t v) {
  if (v < 0) {
    demo_putc(o, '-');
    v = -v;
  }
  demo_put_u64(o, (uint64_t)(v / 100));
  int f = (int)(v % 100);
  if (f == 0) return;
  char tmp[3] = {',', (char)('0' + f / 10), (char)('0' + f % 10)};
  demo_put(o, tmp, f % 10 ? 3 : 2);
}

void demo_format_dmy(char *buf, int32_t day) {
  int y, m, d;
  kw_date_to_ymd(day, &y, &m, &d);
  if (y < 0) y = 0;
  if (y > 9999) y = 9999;
  buf[0] = (char)('0' + d / 10);
  buf[1] = (char)('0' + d % 10);
  buf[2] = '/';
  buf[3] = (char)('0' + m / 10);
  buf[4] = (char)('0' + m % 10);
  buf[5] = '/';
  buf[6] = (char)('0' + y / 1000);
  buf[7] = (char)('0' + y / 100 % 10);
  buf[8] = (char)('0' + y / 10 % 10);
  buf[9] = (char)('0' + y % 10);
}

void demo_put_date(demo_out *o, int32_t day) {
  if (day == KW_NA_DATE) return;
  int64_t k = (int64_t)day - o->date_lo;
  if (o->dates && k >= 0 && (uint64_t)k < o->ndates) {
    demo_put(o, o->dates + 10 * (size_t)k, 10);
    return;
  }
  char buf[10];
  demo_format_dmy(buf, day);
  demo_put(o, buf, 10);
}

void demo_put_iso(demo_out *o, int32_t day) {
  if (day == KW_NA_DATE) return;
  char buf[11];
  kw_date_format(buf, day, 0);
  demo_put(o, buf, 10);
}

void demo_put_real(demo_out *o, double v) {
  if (!(v == v)) { /* never NaN, but never print one either */
    demo_puts(o, "0");
    return;
  }
  if (v < 0) {
    demo_putc(o, '-');
    v = -v;
  }
  if (v >= 1e15) v = 1e15;
  uint64_t scaled = (uint64_t)(v * 1e6 + 0.5);
  demo_put_u64(o, scaled / 1000000);
  uint64_t f = scaled % 1000000;
  if (f == 0) return;
  char tmp[8];
  tmp[0] = '.';
  int n = 6;
  while (f % 10 == 0) {
    f /= 10;
    n--;
  }
  for (int i = n; i >= 1; i--) {
    tmp[i] = (char)('0' + f % 10);
    f /= 10;
  }
  demo_put(o, tmp, (size_t)n + 1);
}

/* ------------------------------------------------------------ drawing */

void demo_cdf_reset(demo_cdf *d) { d->n = 0; }

void demo_cdf_add(demo_cdf *d, double w) {
  if (d->n == DEMO_CDF_MAX) return;
  d->c[d->n] = (d->n ? d->c[d->n - 1] : 0.0) + w;
  d->n++;
}

void demo_cdf_init_wstr(demo_cdf *d, const demo_wstr *t, size_t n) {
  demo_cdf_reset(d);
  for (size_t i = 0; i < n; i++) demo_cdf_add(d, t[i].w);
}

size_t demo_cdf_draw(const demo_cdf *d, gsl_rng *r) {
  double u = gsl_rng_uniform(r) * d->c[d->n - 1];
  size_t lo = 0, hi = d->n - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->c[mid] > u)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}
