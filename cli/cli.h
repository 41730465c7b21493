/*
 * cli.h — the klantwijs command-line tool: one table of subcommands
 * (commands.c), one file per subcommand (cmd_*.c), options as rows
 * (opts.c: one parser, the help printer, the manual page), shared loading
 * and output handling (common.c). Only this directory touches argv,
 * stdout, stderr and the exit code; it uses the public API only.
 */
#ifndef KW_CLI_H
#define KW_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "klantwijs.h"

/* Exit codes (documented in --help and README). */
enum {
  KW_EXIT_OK = 0,       /* success */
  KW_EXIT_INPUT = 1,    /* bad or missing input data */
  KW_EXIT_USAGE = 2,    /* bad command line */
  KW_EXIT_IO = 3,       /* cannot write output */
  KW_EXIT_INTERNAL = 4  /* out of memory or numerical failure */
};

struct cli_spec;

typedef struct kw_cli_command {
  const char *name;
  const char *summary; /* message key of the line in the command list */
  int (*run)(int argc, char **argv);
  const struct cli_spec *spec; /* the option rows: --help and the manual */
} kw_cli_command;

extern const kw_cli_command kw_cli_commands[];
extern const size_t kw_cli_ncommands;

#endif
