/*
 * analyze_timings.c — the times of `klantwijs analyze --timings`: one line
 * per stage on stderr, "time of STAGE: W s (CPU C s)". CPU is the process's
 * user + system time over all its threads, so that a run on a busy machine
 * still shows what a stage costs.
 */
#include "analyze_timings.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "opts.h"

static double secs(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void put_time(const cli_timer *t, const char *key, const char *stage,
                     double wall, double cpu) {
  char w[32], c[32], line[512];
  kw_fmt_number(w, wall, 3, t->lang);
  kw_fmt_number(c, cpu, 3, t->lang);
  cli_textf(line, sizeof line, key, t->lang, "stage", stage, "seconds", w,
            "cpu", c, NULL);
  kw_term_put(stderr, line);
  fputc('\n', stderr);
}

void cli_timer_start(cli_timer *t, kw_lang lang, bool on, bool progress) {
  memset(t, 0, sizeof *t);
  t->lang = lang;
  t->on = on;
  t->progress = progress && !on;
  t->t0 = secs(CLOCK_MONOTONIC);
  t->c0 = secs(CLOCK_PROCESS_CPUTIME_ID);
  if (on) cli_timer_stage(t, cli_text("cli.analyze.stage.load", lang));
}

void cli_timer_stage(cli_timer *t, const char *label) {
  if (!t->on) return;
  double w = secs(CLOCK_MONOTONIC), c = secs(CLOCK_PROCESS_CPUTIME_ID);
  if (t->stage[0])
    put_time(t, "cli.analyze.time", t->stage, w - t->t_stage, c - t->c_stage);
  snprintf(t->stage, sizeof t->stage, "%s", label ? label : "");
  t->t_stage = w;
  t->c_stage = c;
}

void cli_timer_on_step(void *user, size_t index, size_t count,
                       const char *key) {
  cli_timer *t = user;
  /* an analysis step by its name in the run's language; a report file by
     its file name */
  const char *label =
      count == 4 ? key : kw_step_label((kw_step)index, t->lang);
  if (t->on) {
    cli_timer_stage(t, key[0] ? label : NULL);
  } else if (t->progress && count != 4) {
    /* a terminal without --timings: one progress line per analysis step
       (a warning from a step then lands below its step's line) */
    fprintf(stderr, "\r\033[K[%2zu/%zu] %s\n", index + 1, count, label);
    fflush(stderr);
  }
}

void cli_timer_total(cli_timer *t) {
  if (!t->on) return;
  cli_timer_stage(t, NULL);
  put_time(t, "cli.analyze.time_total", "", secs(CLOCK_MONOTONIC) - t->t0,
           secs(CLOCK_PROCESS_CPUTIME_ID) - t->c0);
}

void cli_timer_tables(const cli_timer *t, const kw_dataset *ds) {
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    const kw_table *tb = kw_dataset_table(ds, (kw_table_kind)k);
    if (!tb) continue;
    const kw_read_report *r = kw_table_report(tb);
    char rd[32], used[32], line[512];
    kw_fmt_number(rd, (double)r->rows_read, 0, t->lang);
    kw_fmt_number(used, (double)r->rows_used, 0, t->lang);
    cli_textf(line, sizeof line, "cli.analyze.table_rows", t->lang, "table",
              kw_table_kind_name((kw_table_kind)k), "rows", rd, "used", used,
              NULL);
    kw_term_put(stderr, line);
    fputc('\n', stderr);
  }
}
