/*
 * cli.h — the klantwijs command-line tool: one table of subcommands
 * (commands.c), one file per subcommand (cmd_*.c), shared option parsing and
 * output handling (args.c, output.c). Only this directory touches argv,
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

typedef struct kw_cli_command {
  const char *name;
  const char *summary; /* one line for the command list */
  const char *help;    /* usage, options and examples */
  int (*run)(int argc, char **argv);
} kw_cli_command;

extern const kw_cli_command kw_cli_commands[];
extern const size_t kw_cli_ncommands;

#endif
