/*
 * bench_feedback.c — time of the voice-of-the-customer model on a large
 * synthetic survey, and peak memory.
 *
 * Usage: bench_feedback [answers [customers [DIR]]]
 * Defaults: 1 000 000 answers from 400 000 customers over 3 years, 40%
 * with a comment drawn from 400 texts in Dutch, English and French with a
 * number or name mixed in (so about 40 000 distinct texts), own and
 * competitor ratings on three dimensions, and 12 purchases a customer in
 * the transactions. The files are written to DIR (default a folder in
 * /tmp), read with kw_dataset_load, then timed: the model with and
 * without themes, sector groups, and the behaviour split, in CPU seconds
 * (loading reads with several threads: its CPU time is the sum).
 */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "klantwijs.h"

/* CPU time of the process: the machine this runs on may be shared, and
 * the model runs on one thread, so CPU seconds are the fairer figure. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0;
}

static void die(kw_context *ctx, kw_status st, const char *what) {
  fprintf(stderr, "bench_feedback: %s: %s (%s)\n", what, kw_status_str(st),
          ctx ? kw_errmsg(ctx) : "");
  exit(1);
}

static const char *const texts[][3] = {
    {"Levering te laat", "Delivery was late", "Livraison en retard"},
    {"Factuur klopt niet", "Invoice was wrong", "Facture incorrecte"},
    {"Vriendelijke service", "Friendly service", "Service aimable"},
    {"Te duur", "Too expensive", "Trop cher"},
    {"Snelle levering", "Fast delivery", "Livraison rapide"},
    {"Goede prijs", "Good price", "Bon prix"},
    {"Support traag", "Support was slow", "Support trop lent"},
    {"Altijd correct geholpen", "Always helped well", "Toujours bien aidé"},
};
static const char *const sectors[] = {"Bouw", "Zorg", "ICT", "Horeca",
                                      "Industrie", "Detailhandel"};
static const char *const comps[] = {"Alfa", "Beta", "Gamma"};

static void write_files(const char *dir, size_t m, size_t n) {
  char p[512];
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(r, 42);
  snprintf(p, sizeof p, "%s/customers.csv", dir);
  FILE *f = fopen(p, "w");
  if (!f) die(NULL, KW_EIO, p);
  fputs("klantnummer;naam;sector\n", f);
  for (size_t i = 0; i < n; i++)
    fprintf(f, "C%07zu;Klant %zu;%s\n", i, i, sectors[i % 6]);
  fclose(f);
  snprintf(p, sizeof p, "%s/transactions.csv", dir);
  f = fopen(p, "w");
  if (!f) die(NULL, KW_EIO, p);
  fputs("klantnummer;datum;bedrag\n", f);
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < 12; k++)
      fprintf(f, "C%07zu;2024-%02d-%02d;%lu,00\n", i, k + 1,
              1 + (int)gsl_rng_uniform_int(r, 28),
              10 + gsl_rng_uniform_int(r, 500));
  fclose(f);
  snprintf(p, sizeof p, "%s/feedback.csv", dir);
  f = fopen(p, "w");
  if (!f) die(NULL, KW_EIO, p);
  fputs("klantnummer;datum;nps;csat;ces;opmerking;prijs;service;innovatie;"
        "concurrent;concurrent prijs;concurrent service;"
        "concurrent innovatie\n",
        f);
  for (size_t j = 0; j < m; j++) {
    size_t c = gsl_rng_uniform_int(r, n);
    int nps = (int)gsl_rng_uniform_int(r, 11);
    char com[128] = "";
    if (gsl_rng_uniform(r) < 0.4) {
      size_t t = nps <= 6 ? gsl_rng_uniform_int(r, 4) * 2 + 0
                          : gsl_rng_uniform_int(r, 4) * 2 + 1;
      t = t % 8;
      snprintf(com, sizeof com, "%s, order %lu.",
               texts[t][gsl_rng_uniform_int(r, 3)],
               gsl_rng_uniform_int(r, 5000));
    }
    fprintf(f, "C%07zu;%04d-%02lu-%02lu;%d;%lu;%lu;%s;%lu;%lu;%lu;%s;%lu;%lu;"
               "%lu\n",
            c, 2022 + (int)gsl_rng_uniform_int(r, 3),
            1 + gsl_rng_uniform_int(r, 12), 1 + gsl_rng_uniform_int(r, 28),
            nps, 1 + gsl_rng_uniform_int(r, 5), 1 + gsl_rng_uniform_int(r, 7),
            com, 1 + gsl_rng_uniform_int(r, 5), 1 + gsl_rng_uniform_int(r, 5),
            1 + gsl_rng_uniform_int(r, 5), comps[gsl_rng_uniform_int(r, 3)],
            1 + gsl_rng_uniform_int(r, 5), 1 + gsl_rng_uniform_int(r, 5),
            1 + gsl_rng_uniform_int(r, 5));
  }
  fclose(f);
  gsl_rng_free(r);
}

int main(int argc, char **argv) {
  size_t m = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
  size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 400000;
  char dir[256];
  if (argc > 3) snprintf(dir, sizeof dir, "%s", argv[3]);
  else snprintf(dir, sizeof dir, "/tmp/kw_bench_feedback");
  mkdir(dir, 0777);
  double t0 = now();
  write_files(dir, m, n);
  double t1 = now();
  kw_context *ctx = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.tables = (1u << KW_TABLE_FEEDBACK) | (1u << KW_TABLE_CUSTOMERS) |
              (1u << KW_TABLE_TRANSACTIONS);
  kw_dataset *ds;
  kw_status st = kw_dataset_load(ctx, &lo, &ds);
  if (st) die(ctx, st, "load");
  double t2 = now();
  kw_feedback_options o;
  kw_feedback_options_init(&o);
  o.themes = false;
  kw_feedback *fb;
  if ((st = kw_feedback_compute(ctx, ds, &o, &fb))) die(ctx, st, "build");
  double t3 = now();
  kw_feedback_free(fb);
  o.themes = true;
  if ((st = kw_feedback_compute(ctx, ds, &o, &fb))) die(ctx, st, "build");
  double t4 = now();
  const kw_fb_group *g;
  size_t ng;
  if ((st = kw_feedback_by_column(fb, KW_ROLE_SECTOR, &g, &ng)))
    die(ctx, st, "sector");
  double t5 = now();
  kw_fb_behaviour b[KW_NPS__COUNT];
  if ((st = kw_feedback_behaviour(fb, NULL, b))) die(ctx, st, "behaviour");
  double t6 = now();
  const kw_fb_themes *th = kw_feedback_themes_view(fb);
  const kw_fb_competition *c = kw_feedback_competition_view(fb);
  printf("answers %zu, customers %zu, counted (latest per customer) %zu\n", m,
         n, kw_feedback_overall_view(fb)->answers);
  printf("write files %.2f s, load %.2f s (CPU)\n", t1 - t0, t2 - t1);
  printf("model without themes %.3f s (scores, quarters, competition, at "
         "risk %zu)\n",
         t3 - t2, c ? c->at_risk : 0);
  printf("model with themes %.3f s (%zu comments, %zu + %zu themes)\n",
         t4 - t3, th ? th->comments : 0, th ? th->n_detractor : 0,
         th ? th->n_promoter : 0);
  printf("sector groups %.3f s (%zu groups), behaviour %.3f s\n", t5 - t4, ng,
         t6 - t5);
  printf("peak %.1f MiB\n", peak_mib());
  kw_feedback_free(fb);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  return 0;
}
