/*
 * commands.c — the one table of subcommands. --help and the command list
 * come from these rows; add a command by adding its row here.
 */
#include "cli.h"

const kw_cli_command kw_cli_commands[] = {
    {NULL, NULL, NULL, NULL}};

const size_t kw_cli_ncommands = 0;
