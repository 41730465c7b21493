/*
 * bench_parse — nanoseconds per cell for the cell parsers on a realistic
 * mix: amounts in Belgian/Dutch and English notation (with currency signs,
 * thousands groups, negatives) and dates (day-first with and without a
 * time, ISO with a time). The cells are built once; the timed loops only
 * call the parsers.
 *   bench_parse [CALLS]   (default 4,000,000 calls per kind)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "io/parse.h"

#define NCELLS 4096

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng_next(uint64_t *x) { /* splitmix64 */
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

typedef struct cell {
  char s[40];
  size_t n;
} cell;

/* style < 0: a random style per cell; else that style for every cell */
static void make_amount(cell *c, uint64_t *rng, int style) {
  uint64_t r = rng_next(rng);
  long euros = (long)(r % 100000);
  int cents = (int)((r >> 20) % 100);
  int n;
  switch (style >= 0 ? (uint64_t)style : (r >> 40) % 6) {
  case 0: n = snprintf(c->s, sizeof c->s, "%ld,%02d", euros, cents); break;
  case 1: n = snprintf(c->s, sizeof c->s, "%ld.%02d", euros, cents); break;
  case 2:
    n = euros >= 1000
            ? snprintf(c->s, sizeof c->s, "\xE2\x82\xAC %ld.%03ld,%02d",
                       euros / 1000, euros % 1000, cents)
            : snprintf(c->s, sizeof c->s, "\xE2\x82\xAC %ld,%02d", euros,
                       cents);
    break;
  case 3: n = snprintf(c->s, sizeof c->s, "-%ld,%02d", euros % 100, cents);
    break;
  case 4: n = snprintf(c->s, sizeof c->s, "%ld", euros); break;
  default: n = snprintf(c->s, sizeof c->s, "%ld,%03d", euros, cents * 7);
    break;
  }
  c->n = (size_t)n;
}

static void make_date(cell *c, uint64_t *rng, int style) {
  uint64_t r = rng_next(rng);
  int d = 1 + (int)(r % 28), m = 1 + (int)((r >> 8) % 12);
  int y = 2000 + (int)((r >> 16) % 25);
  int hh = (int)((r >> 24) % 24), mm = (int)((r >> 32) % 60);
  int n;
  switch (style >= 0 ? (uint64_t)style : (r >> 40) % 3) {
  case 0: n = snprintf(c->s, sizeof c->s, "%02d-%02d-%04d", d, m, y); break;
  case 1:
    n = snprintf(c->s, sizeof c->s, "%d/%d/%04d %d:%02d", d, m, y, hh, mm);
    break;
  default:
    n = snprintf(c->s, sizeof c->s, "%04d-%02d-%02d %02d:%02d:00", y, m, d,
                 hh, mm);
    break;
  }
  c->n = (size_t)n;
}

int main(int argc, char **argv) {
  long calls = argc > 1 ? atol(argv[1]) : 4000000;
  if (calls < NCELLS) calls = NCELLS;
  static cell amounts[NCELLS], dates[NCELLS], col_a[NCELLS], col_d[NCELLS];
  uint64_t rng = 20240301;
  for (int i = 0; i < NCELLS; i++) {
    make_amount(&amounts[i], &rng, -1);
    make_date(&dates[i], &rng, -1);
    make_amount(&col_a[i], &rng, 0); /* "1234,56" */
    make_date(&col_d[i], &rng, 0);   /* "01-03-2024" */
  }

  int64_t sum = 0;
  long bad = 0;
  double t0 = now_s();
  for (long i = 0; i < calls; i++) {
    const cell *c = &amounts[i & (NCELLS - 1)];
    int64_t v, a;
    kw_mark_evidence ev;
    if (kw_parse_amount(c->s, c->n, 0, &v, &a, &ev))
      sum += v;
    else
      bad++;
  }
  double t_amount = now_s() - t0;

  double dsum = 0;
  t0 = now_s();
  for (long i = 0; i < calls; i++) {
    const cell *c = &amounts[i & (NCELLS - 1)];
    double v;
    kw_mark_evidence ev;
    if (kw_parse_number(c->s, c->n, 0, &v, NULL, &ev))
      dsum += v;
    else
      bad++;
  }
  double t_number = now_s() - t0;

  t0 = now_s();
  for (long i = 0; i < calls; i++) {
    const cell *c = &dates[i & (NCELLS - 1)];
    int32_t v, a;
    kw_date_evidence ev;
    if (kw_parse_date(c->s, c->n, KW_DATE_ORDER_UNKNOWN, &v, &a, &ev))
      sum += v;
    else
      bad++;
  }
  double t_date = now_s() - t0;

  t0 = now_s();
  for (long i = 0; i < calls; i++) {
    const cell *c = (i & 1) ? &amounts[i & (NCELLS - 1)]
                            : &dates[i & (NCELLS - 1)];
    if (i & 1) {
      int64_t v, a;
      kw_mark_evidence ev;
      if (kw_parse_amount(c->s, c->n, ',', &v, &a, &ev)) sum += v;
    } else {
      int32_t v, a;
      kw_date_evidence ev;
      if (kw_parse_date(c->s, c->n, KW_DATE_DMY, &v, &a, &ev)) sum += v;
    }
  }
  double t_mix = now_s() - t0;

  /* one format per column, as in a real file, with the column's decided
   * mark and order */
  t0 = now_s();
  for (long i = 0; i < calls; i++) {
    long q = i >> 1;
    if (i & 1) {
      const cell *c = &col_a[q & (NCELLS - 1)];
      int64_t v, a;
      kw_mark_evidence ev;
      if (kw_parse_amount(c->s, c->n, ',', &v, &a, &ev)) sum += v;
    } else {
      const cell *c = &col_d[q & (NCELLS - 1)];
      int32_t v, a;
      kw_date_evidence ev;
      if (kw_parse_date(c->s, c->n, KW_DATE_DMY, &v, &a, &ev)) sum += v;
    }
  }
  double t_col = now_s() - t0;

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("cells per kind      %ld\n", calls);
  printf("amount (mark 0)     %.1f ns/cell\n", t_amount * 1e9 / calls);
  printf("number (mark 0)     %.1f ns/cell\n", t_number * 1e9 / calls);
  printf("date (order 0)      %.1f ns/cell\n", t_date * 1e9 / calls);
  printf("mix amount/date     %.1f ns/cell  (mixed formats)\n",
         t_mix * 1e9 / calls);
  printf("columns amount/date %.1f ns/cell  (one format per column)\n",
         t_col * 1e9 / calls);
  printf("peak RSS            %ld KiB\n", ru.ru_maxrss);
  printf("(checksum %lld %.0f, rejected %ld)\n", (long long)sum, dsum, bad);
  return 0;
}
