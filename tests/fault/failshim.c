/*
 * failshim.c — an LD_PRELOAD library that makes writing fail as a full disk
 * does, to test that klantwijs checks every write.
 *
 *   KW_FAIL_AFTER=N    writes to regular files succeed for N bytes in all;
 *                      then write() fails with ENOSPC (a partial write up
 *                      to the limit first)
 *   KW_FAIL_FSYNC=1    fsync() and fdatasync() fail with ENOSPC
 *   KW_FAIL_RENAME=1   rename(), renameat() and renameat2() fail with ENOSPC
 *
 * glibc's stdio writes through internal calls that LD_PRELOAD cannot
 * reach, so fopen, fopen64, fdopen, tmpfile and tmpfile64 return a stream
 * (fopencookie) whose writes go through the counting write() below;
 * fileno() of such a stream gives its descriptor. That covers the
 * program's own files and libxlsxwriter's (its temporary files and the
 * zip writer).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long long budget = -1; /* bytes left; -1 unlimited */
static int fail_fsync, fail_rename, inited;

static void init(void) {
  if (inited) return;
  inited = 1;
  const char *s = getenv("KW_FAIL_AFTER");
  if (s && *s) budget = atoll(s);
  s = getenv("KW_FAIL_FSYNC");
  fail_fsync = s && *s == '1';
  s = getenv("KW_FAIL_RENAME");
  fail_rename = s && *s == '1';
}

static ssize_t real_write(int fd, const void *p, size_t n) {
  static ssize_t (*fn)(int, const void *, size_t);
  if (!fn) fn = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  return fn(fd, p, n);
}

ssize_t write(int fd, const void *p, size_t n) {
  init();
  struct stat sb;
  if (budget < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
    return real_write(fd, p, n);
  pthread_mutex_lock(&mu);
  size_t ok = (long long)n <= budget ? n : (size_t)budget;
  budget -= (long long)ok;
  pthread_mutex_unlock(&mu);
  if (ok == 0 && n > 0) {
    errno = ENOSPC;
    return -1;
  }
  return real_write(fd, p, ok);
}

int fsync(int fd) {
  init();
  static int (*fn)(int);
  if (!fn) fn = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  if (fail_fsync) {
    errno = ENOSPC;
    return -1;
  }
  return fn(fd);
}

int fdatasync(int fd) {
  init();
  static int (*fn)(int);
  if (!fn) fn = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  if (fail_fsync) {
    errno = ENOSPC;
    return -1;
  }
  return fn(fd);
}

int rename(const char *a, const char *b) {
  init();
  static int (*fn)(const char *, const char *);
  if (!fn) fn = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
  if (fail_rename) {
    errno = ENOSPC;
    return -1;
  }
  return fn(a, b);
}

int renameat(int da, const char *a, int db, const char *b) {
  init();
  static int (*fn)(int, const char *, int, const char *);
  if (!fn) fn = (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
  if (fail_rename) {
    errno = ENOSPC;
    return -1;
  }
  return fn(da, a, db, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned fl) {
  init();
  static int (*fn)(int, const char *, int, const char *, unsigned);
  if (!fn)
    fn = (int (*)(int, const char *, int, const char *, unsigned))dlsym(
        RTLD_NEXT, "renameat2");
  if (fail_rename) {
    errno = ENOSPC;
    return -1;
  }
  return fn(da, a, db, b, fl);
}

/* ------------------------------------------------ streams over write() */

#define MAX_STREAMS 256
static struct {
  FILE *f;
  int fd;
} streams[MAX_STREAMS];

static ssize_t c_read(void *c, char *buf, size_t n) {
  return read((int)(intptr_t)c, buf, n);
}
static ssize_t c_write(void *c, const char *buf, size_t n) {
  size_t done = 0;
  while (done < n) {
    ssize_t k = write((int)(intptr_t)c, buf + done, n - done);
    if (k < 0) {
      if (errno == EINTR) continue;
      /* stdio wants 0 on error (with errno set) */
      return done ? (ssize_t)done : 0;
    }
    done += (size_t)k;
  }
  return (ssize_t)done;
}
static int c_seek(void *c, off64_t *off, int whence) {
  off64_t r = lseek64((int)(intptr_t)c, *off, whence);
  if (r < 0) return -1;
  *off = r;
  return 0;
}
static int c_close(void *c) {
  int fd = (int)(intptr_t)c;
  pthread_mutex_lock(&mu);
  for (int k = 0; k < MAX_STREAMS; k++)
    if (streams[k].f && streams[k].fd == fd) streams[k].f = NULL;
  pthread_mutex_unlock(&mu);
  return close(fd);
}

static FILE *wrap(int fd, const char *mode) {
  if (fd < 0) return NULL;
  cookie_io_functions_t io = {c_read, c_write, c_seek, c_close};
  FILE *f = fopencookie((void *)(intptr_t)fd, mode, io);
  if (!f) return NULL;
  pthread_mutex_lock(&mu);
  for (int k = 0; k < MAX_STREAMS; k++)
    if (!streams[k].f) {
      streams[k].f = f;
      streams[k].fd = fd;
      break;
    }
  pthread_mutex_unlock(&mu);
  return f;
}

static int open_flags(const char *mode) {
  int plus = strchr(mode, '+') != NULL, fl;
  switch (mode[0]) {
    case 'r': fl = plus ? O_RDWR : O_RDONLY; break;
    case 'w': fl = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC; break;
    case 'a': fl = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND; break;
    default: return -1;
  }
  if (strchr(mode, 'x')) fl |= O_EXCL;
  if (strchr(mode, 'e')) fl |= O_CLOEXEC;
  return fl;
}

FILE *fopen(const char *path, const char *mode) {
  init();
  int fl = open_flags(mode);
  if (fl < 0) {
    errno = EINVAL;
    return NULL;
  }
  int fd = open(path, fl, 0666);
  if (fd < 0) return NULL;
  /* a descriptor, not a file: stdio as usual (ttys, pipes, /dev/null) */
  struct stat sb;
  if (fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    FILE *f = fdopen(fd, mode);
    return f;
  }
  FILE *f = wrap(fd, mode);
  if (!f) close(fd);
  return f;
}
FILE *fopen64(const char *path, const char *mode) { return fopen(path, mode); }

FILE *fdopen(int fd, const char *mode) {
  init();
  struct stat sb;
  if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) return wrap(fd, mode);
  static FILE *(*fn)(int, const char *);
  if (!fn) fn = (FILE * (*)(int, const char *)) dlsym(RTLD_NEXT, "fdopen");
  return fn(fd, mode);
}

FILE *tmpfile(void) {
  char tmpl[] = "/tmp/kw_failshim_XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return NULL;
  unlink(tmpl);
  FILE *f = wrap(fd, "w+");
  if (!f) close(fd);
  return f;
}
FILE *tmpfile64(void) { return tmpfile(); }

int fileno(FILE *f) {
  pthread_mutex_lock(&mu);
  for (int k = 0; k < MAX_STREAMS; k++)
    if (streams[k].f == f) {
      int fd = streams[k].fd;
      pthread_mutex_unlock(&mu);
      return fd;
    }
  pthread_mutex_unlock(&mu);
  static int (*fn)(FILE *);
  if (!fn) fn = (int (*)(FILE *))dlsym(RTLD_NEXT, "fileno");
  return fn(f);
}
int fileno_unlocked(FILE *f) { return fileno(f); }
