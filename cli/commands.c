/*
 * commands.c — the one table of subcommands. The command list, each
 * command's --help and the manual page come from these rows; add a command
 * by adding its name to KW_CLI_COMMANDS and its cmd_NAME.c file (with
 * kw_cli_NAME and its option rows kw_cli_NAME_spec).
 */
#include "cli.h"
#include "opts.h"

/* The commands in the order of the command list. */
#define KW_CLI_COMMANDS(X)                                                 \
  X(analyze) X(clv) X(demo) X(inspect) X(summary) X(profit) X(pareto)       \
  X(rfm) X(payments) X(cohorts) X(churn) X(survival) X(basket)              \
  X(segments) X(trends) X(referrals) X(acquisition) X(journey) X(history)   \
  X(feedback)

#define DECLARE(name)                          \
  extern const cli_spec kw_cli_##name##_spec; \
  int kw_cli_##name(int argc, char **argv);
KW_CLI_COMMANDS(DECLARE)

#define ROW(name) {#name, "cmd." #name, kw_cli_##name, &kw_cli_##name##_spec},
const kw_cli_command kw_cli_commands[] = {KW_CLI_COMMANDS(ROW)};

const size_t kw_cli_ncommands = sizeof kw_cli_commands / sizeof *kw_cli_commands;
