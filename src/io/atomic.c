/*
 * atomic.c — output files written atomically: a temporary file in the same
 * directory (so rename stays on one file system), flushed and fsync'ed, then
 * renamed over the target. A reader never sees a half-written file.
 * A target that exists and is not a regular file (/dev/null, a FIFO, a
 * terminal) is written directly: renaming over it would replace it.
 * The new file gets the mode the target had, or 0666 less the process's
 * umask (read from /proc/self/status rather than set and reset with
 * umask(), which would touch process-wide state), as a plain fopen would.
 *
 * Temporaries are named "NAME.tmp.PID.XXXXXX" and registered while they
 * exist: kw_cleanup_temp() removes them from a signal handler, and opening
 * NAME again removes those of a process that is gone (see atomic.h).
 */
#define _GNU_SOURCE
#include "io/atomic.h"
#include "io/msg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

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

mode_t kw_out_mode(const char *like, bool dir) {
  struct stat sb;
  if (like && stat(like, &sb) == 0 &&
      (dir ? S_ISDIR(sb.st_mode) : S_ISREG(sb.st_mode)))
    return sb.st_mode & 07777;
  return (dir ? 0777 : 0666) & ~current_umask();
}

/* ------------------------------------------------ registry of temporaries */

#define TEMP_SLOTS 8
static struct {
  volatile sig_atomic_t used;
  bool dir;
  char path[PATH_MAX];
} temps[TEMP_SLOTS];

int kw_temp_register(const char *path, bool dir) {
  size_t n = strlen(path);
  if (n >= PATH_MAX) return -1;
  for (int k = 0; k < TEMP_SLOTS; k++) {
    if (temps[k].used) continue;
    memcpy(temps[k].path, path, n + 1);
    temps[k].dir = dir;
    temps[k].used = 1; /* last: a signal sees a complete path or none */
    return k;
  }
  return -1;
}

void kw_temp_unregister(int slot) {
  if (slot >= 0 && slot < TEMP_SLOTS) temps[slot].used = 0;
}

int kw_temp_create(char *path, bool dir, int *slot) {
  *slot = -1;
  size_t n = strlen(path);
  if (n < 6 || strcmp(path + n - 6, "XXXXXX") != 0) {
    errno = EINVAL;
    return -1;
  }
  static const char set[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static unsigned long counter;
  for (int attempt = 0; attempt < 100; attempt++) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long long v = (unsigned long long)ts.tv_nsec * 2654435761ull ^
                           (unsigned long long)getpid() << 20 ^
                           (unsigned long long)ts.tv_sec ^
                           (unsigned long long)++counter * 0x9E3779B97F4A7C15ull;
    for (int k = 0; k < 6; k++) {
      path[n - 6 + k] = set[v % 62];
      v /= 62;
    }
    /* registered before it exists: a signal can come at any moment */
    *slot = kw_temp_register(path, dir);
    int fd;
    if (dir)
      fd = mkdir(path, 0700);
    else
      fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    int e = errno;
    kw_temp_unregister(*slot);
    *slot = -1;
    if (e != EEXIST) {
      errno = e;
      return -1;
    }
  }
  errno = EEXIST;
  return -1;
}

struct kw_dirent64 {
  unsigned long long d_ino;
  long long d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

/* Only system calls: safe in a signal handler. */
void kw_temp_remove_dir(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    char buf[4096] __attribute__((aligned(8)));
    for (int pass = 0; pass < 64; pass++) {
      bool removed = false;
      lseek(fd, 0, SEEK_SET);
      for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) break;
        for (long off = 0; off < n;) {
          struct kw_dirent64 *d = (struct kw_dirent64 *)(buf + off);
          off += d->d_reclen;
          const char *nm = d->d_name;
          if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2]))) continue;
          if (unlinkat(fd, nm, 0) == 0) removed = true;
        }
      }
      if (!removed) break;
    }
    close(fd);
  }
  rmdir(path);
}

void kw_cleanup_temp(void) {
  for (int k = 0; k < TEMP_SLOTS; k++) {
    if (!temps[k].used) continue;
    if (temps[k].dir) kw_temp_remove_dir(temps[k].path);
    else unlink(temps[k].path);
    temps[k].used = 0;
  }
}

bool kw_pid_alive(long pid) {
  if (pid <= 0 || pid > INT_MAX) return false;
  if ((pid_t)pid == getpid()) return true;
  return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

size_t kw_temp_sweep(const char *dir, const char *prefix) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  size_t pn = strlen(prefix), removed = 0;
  int dfd = dirfd(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strncmp(e->d_name, prefix, pn) != 0) continue;
    const char *p = e->d_name + pn;
    char *end;
    long pid = strtol(p, &end, 10);
    /* PID "." and six characters of mkstemp/mkdtemp, nothing else */
    if (end == p || *end != '.' || strlen(end + 1) != 6) continue;
    if (kw_pid_alive(pid)) continue;
    struct stat sb;
    if (fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(sb.st_mode)) {
      size_t need = strlen(dir) + strlen(e->d_name) + 2;
      char *full = malloc(need);
      if (!full) continue;
      snprintf(full, need, "%s/%s", dir, e->d_name);
      kw_temp_remove_dir(full);
      removed += access(full, F_OK) != 0;
      free(full);
    } else if (S_ISREG(sb.st_mode) && unlinkat(dfd, e->d_name, 0) == 0) {
      removed++;
    }
  }
  closedir(d);
  return removed;
}

/* ------------------------------------------------------------ the writer */

struct kw_atomic {
  kw_context *ctx;
  FILE *f;
  char *path;
  char *tmp;
  int slot;
  bool direct; /* writing straight into a non-regular file */
};

/* The folder of path and its last component. */
static void split_path(const char *path, char *dir, size_t cap,
                       const char **base) {
  const char *slash = strrchr(path, '/');
  if (!slash) {
    snprintf(dir, cap, ".");
    *base = path;
  } else {
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    snprintf(dir, cap, "%.*s", (int)n, path);
    *base = slash + 1;
  }
}

kw_status kw_atomic_open_like(kw_context *ctx, const char *path,
                              const char *like, kw_atomic **out) {
  *out = NULL;
  kw_atomic *a = kw_calloc(ctx, 1, sizeof *a);
  if (!a) return kw_fail_nomem(ctx);
  a->ctx = ctx;
  a->slot = -1;
  size_t n = strlen(path);
  a->path = kw_strdup(ctx, path);
  a->tmp = kw_malloc(ctx, n + 40);
  if (!a->path || !a->tmp) {
    kw_atomic_abort(a);
    return kw_fail_nomem(ctx);
  }
  a->tmp[0] = '\0';
  struct stat sb;
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    if (S_ISDIR(sb.st_mode)) {
      kw_atomic_abort(a);
      return kw_io_fail(ctx, KW_EIO, 0, "", "out.err.is_folder", "path",
                        path, NULL);
    }
    a->direct = true;
    a->f = fopen(path, "w");
    if (!a->f) {
      kw_status st = kw_io_fail(ctx, KW_EIO, 0, "", "out.err.sys", "path",
                              path, "reason", kw_io_sys_reason(errno), NULL);
      kw_atomic_abort(a);
      return st;
    }
    *out = a;
    return KW_OK;
  }
  /* temporaries of this name left by a process that is gone */
  if (n < PATH_MAX) {
    char dir[PATH_MAX], prefix[NAME_MAX + 16];
    const char *base;
    split_path(path, dir, sizeof dir, &base);
    if (base[0] && strlen(base) < NAME_MAX) {
      snprintf(prefix, sizeof prefix, "%s.tmp.", base);
      kw_temp_sweep(dir, prefix);
    }
  }
  snprintf(a->tmp, n + 40, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
  int fd = kw_temp_create(a->tmp, false, &a->slot);
  if (fd < 0) {
    kw_status st = kw_io_fail(ctx, KW_EIO, 0, "", "out.err.create", "path",
                              path, "reason", kw_io_sys_reason(errno), NULL);
    a->tmp[0] = '\0';
    kw_atomic_abort(a);
    return st;
  }
  if (fchmod(fd, kw_out_mode(like, false)) != 0) {
    kw_status st = kw_io_fail(ctx, KW_EIO, 0, "", "out.err.mode", "path",
                              path, "reason", kw_io_sys_reason(errno), NULL);
    close(fd);
    kw_atomic_abort(a);
    return st;
  }
  a->f = fdopen(fd, "w");
  if (!a->f) {
    close(fd);
    kw_status st = kw_io_fail(ctx, KW_EIO, 0, "", "out.err.sys", "path",
                              path, "reason", kw_io_sys_reason(errno), NULL);
    kw_atomic_abort(a);
    return st;
  }
  *out = a;
  return KW_OK;
}

kw_status kw_atomic_open(kw_context *ctx, const char *path, kw_atomic **out) {
  return kw_atomic_open_like(ctx, path, path, out);
}

FILE *kw_atomic_file(kw_atomic *a) { return a->f; }

static void release(kw_atomic *a) {
  kw_context *ctx = a->ctx;
  kw_temp_unregister(a->slot);
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
  errno = 0;
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
        kw_io_fail(ctx, KW_EIO, 0, "", "out.err.write", "path", a->path,
                   "reason", kw_io_sys_reason(err ? err : EIO), NULL);
    if (!a->direct) unlink(a->tmp);
    release(a);
    return st;
  }
  release(a);
  return KW_OK;
}
