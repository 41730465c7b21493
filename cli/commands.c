/*
 * commands.c — the one table of subcommands. The command list, each
 * command's --help and the manual page come from these rows; add a command
 * by adding its row here and its cmd_NAME.c file.
 */
#include "cli.h"

#define KW_CLI_DECLARE(name) \
  extern const char kw_cli_##name##_help[]; \
  int kw_cli_##name(int argc, char **argv);

KW_CLI_DECLARE(clv)
KW_CLI_DECLARE(demo)
KW_CLI_DECLARE(inspect)
KW_CLI_DECLARE(summary)

const kw_cli_command kw_cli_commands[] = {
    {"clv", "predictive customer value: purchases, spend, value, holdout",
     kw_cli_clv_help, kw_cli_clv},
    {"demo", "write a synthetic data set of a Flemish business",
     kw_cli_demo_help, kw_cli_demo},
    {"inspect", "how each file was read, and a data-quality report",
     kw_cli_inspect_help, kw_cli_inspect},
    {"summary", "per-customer summary: orders, revenue, x, t_x, T",
     kw_cli_summary_help, kw_cli_summary},
};

const size_t kw_cli_ncommands = sizeof kw_cli_commands / sizeof *kw_cli_commands;
