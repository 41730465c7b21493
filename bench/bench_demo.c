/*
 * bench_demo.c — time and size of kw_demo_generate.
 *
 *   bench_demo [CUSTOMERS ...]     default: 100000 1000000
 *
 * For each size the data set is generated into a fresh folder under /tmp
 * (TMPDIR if set), its files are measured and then deleted. Prints wall
 * time, megabytes written, throughput and peak RSS (getrusage).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "klantwijs.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Total bytes of the files in dir; removes them and dir when rm is set. */
static unsigned long long dir_bytes(const char *dir, int rm) {
  unsigned long long total = 0;
  DIR *d = opendir(dir);
  if (!d) return 0;
  struct dirent *e;
  char path[4096];
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
      total += (unsigned long long)sb.st_size;
      if (rm) unlink(path);
    }
  }
  closedir(d);
  if (rm) rmdir(dir);
  return total;
}

static int run(size_t customers) {
  const char *tmp = getenv("TMPDIR");
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/kw_bench_demo.XXXXXX", tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  kw_context *ctx = kw_context_new();
  if (!ctx) return 1;
  kw_demo_options o;
  kw_demo_options_init(&o);
  o.customers = customers;
  o.seed = 42;
  o.dir = dir;
  double t0 = now();
  kw_status st = kw_demo_generate(ctx, &o);
  double dt = now() - t0;
  if (st != KW_OK) {
    fprintf(stderr, "bench_demo: %s\n", kw_errmsg(ctx));
    kw_context_free(ctx);
    dir_bytes(dir, 1);
    return 1;
  }
  double mb = (double)dir_bytes(dir, 1) / 1e6;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("demo %9zu customers: %7.2f s, %8.1f MB written, %6.1f MB/s, "
         "peak RSS %.0f MB\n",
         customers, dt, mb, mb / dt, (double)ru.ru_maxrss / 1024.0);
  fflush(stdout);
  kw_context_free(ctx);
  return 0;
}

int main(int argc, char **argv) {
  int rc = 0;
  if (argc < 2) {
    rc |= run(100000);
    rc |= run(1000000);
  }
  for (int i = 1; i < argc; i++) {
    char *end;
    unsigned long long n = strtoull(argv[i], &end, 10);
    if (*end || n == 0) {
      fprintf(stderr, "usage: bench_demo [CUSTOMERS ...]\n");
      return 2;
    }
    rc |= run((size_t)n);
  }
  return rc;
}
