/*
 * atomic.c — output files written atomically: a temporary file in the same
 * directory (so rename stays on one file system), flushed and fsync'ed, then
 * renamed over the target. A reader never sees a half-written file.
 * A target that exists and is not a regular file (/dev/null, a FIFO, a
 * terminal) is written directly: renaming over it would replace it.
 * The new file gets the mode the target had, or 0666 less the process's
 * umask (read from /proc/self/status rather than set and reset with
 * umask(), which would touch process-wide state), as a plain fopen would.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"
#include "klantwijs/report.h"

/* The process's umask without changing it; 022 when it cannot be read. */
static mode_t current_umask(void) {
  mode_t um = 022;
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return um;
  char line[128];
  while (fgets(line, sizeof line, f)) {
    unsigned v;
    if (sscanf(line, "Umask: %o", &v) == 1) {
      um = (mode_t)v;
      break;
    }
  }
  fclose(f);
  return um;
}

struct kw_atomic {
  kw_context *ctx;
  FILE *f;
  char *path;
  char *tmp;
  bool direct; /* writing straight into a non-regular file */
};

kw_status kw_atomic_open(kw_context *ctx, const char *path, kw_atomic **out) {
  *out = NULL;
  kw_atomic *a = kw_calloc(ctx, 1, sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  a->ctx = ctx;
  size_t n = strlen(path);
  a->path = kw_strdup(ctx, path);
  a->tmp = kw_malloc(ctx, n + 16);
  if (!a->path || !a->tmp) {
    kw_atomic_abort(a);
    return kw_fail_nomem(ctx);
  }
  struct stat sb;
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    if (S_ISDIR(sb.st_mode)) {
      kw_atomic_abort(a);
      return kw_fail(ctx, KW_EIO, "%s: is a folder, not a file", path);
    }
    a->direct = true;
    a->tmp[0] = '\0';
    a->f = fopen(path, "w");
    if (!a->f) {
      kw_status st = kw_fail(ctx, KW_EIO, "%s: %s", path, strerror(errno));
      kw_atomic_abort(a);
      return st;
    }
    *out = a;
    return KW_OK;
  }
  memcpy(a->tmp, path, n);
  memcpy(a->tmp + n, ".tmp.XXXXXX", 12);
  bool exists = stat(path, &sb) == 0;
  int fd = mkstemp(a->tmp);
  if (fd >= 0)
    (void)fchmod(fd, exists ? (sb.st_mode & 07777) : (0666 & ~current_umask()));
  if (fd < 0) {
    kw_status st = kw_fail(ctx, KW_EIO, "%s: cannot create: %s", path,
                           strerror(errno));
    a->tmp[0] = '\0';
    kw_atomic_abort(a);
    return st;
  }
  a->f = fdopen(fd, "w");
  if (!a->f) {
    close(fd);
    kw_status st = kw_fail(ctx, KW_EIO, "%s: %s", path, strerror(errno));
    kw_atomic_abort(a);
    return st;
  }
  *out = a;
  return KW_OK;
}

FILE *kw_atomic_file(kw_atomic *a) { return a->f; }

static void release(kw_atomic *a) {
  kw_context *ctx = a->ctx;
  kw_free(ctx, a->path);
  kw_free(ctx, a->tmp);
  kw_free(ctx, a);
}

void kw_atomic_abort(kw_atomic *a) {
  if (!a) return;
  if (a->f) fclose(a->f);
  if (a->tmp && a->tmp[0]) unlink(a->tmp);
  release(a);
}

kw_status kw_atomic_commit(kw_atomic *a) {
  kw_context *ctx = a->ctx;
  int bad = fflush(a->f) != 0 || ferror(a->f);
  if (!bad && !a->direct) bad = fsync(fileno(a->f)) != 0;
  int err = errno;
  if (fclose(a->f) != 0 && !bad) {
    bad = 1;
    err = errno;
  }
  a->f = NULL;
  if (!bad && !a->direct && rename(a->tmp, a->path) != 0) {
    bad = 1;
    err = errno;
  }
  if (bad) {
    kw_status st =
        kw_fail(ctx, KW_EIO, "%s: cannot write: %s", a->path, strerror(err));
    if (!a->direct) unlink(a->tmp);
    release(a);
    return st;
  }
  release(a);
  return KW_OK;
}
