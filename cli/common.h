/*
 * common.h — what every subcommand shares: the ingest options, output
 * format and language, the as-of date and time unit, the output sink (stdout
 * or a file written atomically), diagnostics on stderr (colour only on a
 * terminal and never with NO_COLOR), a progress line for long steps on a
 * terminal, and the mapping from library status to exit code.
 */
#ifndef KW_CLI_COMMON_H
#define KW_CLI_COMMON_H

#include "cli.h"

#define CLI_MAX_MAPS 64

typedef struct cli_common {
  kw_load_options load;
  const char *maps[CLI_MAX_MAPS];
  const char *path;   /* positional PATH */
  const char *output; /* -o FILE */
  int format;         /* kw_format */
  int lang;           /* kw_lang */
  int32_t as_of;      /* KW_NA_DATE = last date in the data */
  int unit;           /* kw_unit */
  unsigned long threads; /* 0 = the CPUs, up to 8 */
  kw_context *ctx;
  kw_atomic *atomic; /* -o output in progress */
  const char *command;
} cli_common;

void cli_common_init(cli_common *c, const char *command);
void cli_common_free(cli_common *c);

/* Applies what the common rows set but cannot apply themselves (threads).
 * Call after parsing. */
void cli_common_ready(cli_common *c);

/* Usage error: message, hint and exit code 2. */
int cli_usage(const cli_common *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Reports the context's error; returns the exit code for st. */
int cli_fail(const cli_common *c, kw_status st);
/* The library's last failure (a bad option value) as a usage error, in the
 * run's language. Returns KW_EXIT_USAGE. */
int cli_usage_fail(const cli_common *c);
void cli_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load the dataset named by PATH and the options. Returns an exit code. */
int cli_load(cli_common *c, kw_dataset **ds);
/* The same for commands that can work without transactions: a PATH that
 * is a file is read as a table of kind path_kind, and only the tables in
 * `tables` (bits 1u << kind; 0 = all) are read. Without PATH the files of
 * --transactions, --customers, ... are read. Returns an exit code. */
int cli_load_tables(cli_common *c, kw_table_kind path_kind, uint32_t tables,
                    kw_dataset **ds);
/* --pushdown: PATH must be a database URI, which becomes the load
 * options' database. Returns an exit code (a usage error otherwise). */
int cli_pushdown(cli_common *c);
/* The per-customer summary at the command's --as-of and --unit. */
kw_status cli_summary(const cli_common *c, const kw_dataset *ds,
                      kw_summary **out);
bool cli_parse_uint(const char *s, unsigned long *out);
bool cli_parse_double(const char *s, double *out);

/* The output stream (stdout or a temp file for -o); NULL on failure after
 * reporting. cli_out_close() commits (ok) or discards; returns exit code. */
FILE *cli_out_open(cli_common *c);
int cli_out_close(cli_common *c, FILE *f, bool ok);
/* Finish an output a writer returned st for: commit it on KW_OK; else
 * discard it and say why (the file's write error, or the writer's own
 * failure by cli_fail). Returns the exit code. */
int cli_out_end(cli_common *c, FILE *f, kw_status st);
/* A failure to write output (the report folder, a file): its message in
 * the reader's language; exit 3, or 70 when out of memory. */
int cli_write_fail(const cli_common *c, kw_status st);

#endif
