/*
 * analyze_timings.h — `klantwijs analyze --timings / --verbose`: the wall
 * and CPU time of every stage (loading, each analysis step, each report
 * file) on stderr, from the library's step callback, in the run's language.
 */
#ifndef KW_CLI_ANALYZE_TIMINGS_H
#define KW_CLI_ANALYZE_TIMINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "klantwijs.h"

typedef struct cli_timer {
  kw_lang lang;
  bool on;                  /* print the times */
  bool progress;            /* else: the progress line of a terminal */
  double t0, c0;            /* start of the run: wall and CPU seconds */
  double t_stage, c_stage;  /* start of the stage in progress */
  char stage[96];           /* its label, "" when none */
} cli_timer;

/* Starts the clock (and the first stage, loading, when on). */
void cli_timer_start(cli_timer *t, kw_lang lang, bool on, bool progress);
/* Ends the stage in progress (printing its time) and starts `label`
 * (NULL: none). */
void cli_timer_stage(cli_timer *t, const char *label);
/* The step callback of kw_analyze_options (user: the cli_timer). */
void cli_timer_on_step(void *user, size_t index, size_t count,
                       const char *key);
/* Ends the stage in progress and prints the total. */
void cli_timer_total(cli_timer *t);
/* --verbose: the rows read and used of each table loaded. */
void cli_timer_tables(const cli_timer *t, const kw_dataset *ds);

#endif
