/*
 * commands.c — the one table of subcommands. The command list, each
 * command's --help and the manual page come from these rows; add a command
 * by adding its row here and its cmd_NAME.c file.
 */
#include "cli.h"
#include "opts.h"

#define KW_CLI_DECLARE(name) \
  extern const char kw_cli_##name##_help[]; \
  int kw_cli_##name(int argc, char **argv);
#define KW_CLI_DECLARE_ROWS(name) \
  extern const cli_spec kw_cli_##name##_spec; \
  int kw_cli_##name(int argc, char **argv);

KW_CLI_DECLARE(analyze)
KW_CLI_DECLARE(clv)
KW_CLI_DECLARE_ROWS(demo)
KW_CLI_DECLARE(inspect)
KW_CLI_DECLARE_ROWS(summary)
KW_CLI_DECLARE(profit)
KW_CLI_DECLARE(pareto)
KW_CLI_DECLARE(rfm)
KW_CLI_DECLARE(payments)
KW_CLI_DECLARE(cohorts)
KW_CLI_DECLARE(churn)
KW_CLI_DECLARE(survival)
KW_CLI_DECLARE(basket)
KW_CLI_DECLARE_ROWS(trends)
KW_CLI_DECLARE_ROWS(referrals)
KW_CLI_DECLARE_ROWS(acquisition)
KW_CLI_DECLARE_ROWS(journey)

const kw_cli_command kw_cli_commands[] = {
    {"analyze", "cmd.analyze", kw_cli_analyze_help, kw_cli_analyze, NULL},
    {"clv", "cmd.clv", kw_cli_clv_help, kw_cli_clv, NULL},
    {"demo", "cmd.demo", NULL, kw_cli_demo, &kw_cli_demo_spec},
    {"inspect", "cmd.inspect", kw_cli_inspect_help, kw_cli_inspect, NULL},
    {"summary", "cmd.summary", NULL, kw_cli_summary, &kw_cli_summary_spec},
    {"profit", "cmd.profit", kw_cli_profit_help, kw_cli_profit, NULL},
    {"pareto", "cmd.pareto", kw_cli_pareto_help, kw_cli_pareto, NULL},
    {"rfm", "cmd.rfm", kw_cli_rfm_help, kw_cli_rfm, NULL},
    {"payments", "cmd.payments", kw_cli_payments_help, kw_cli_payments, NULL},
    {"cohorts", "cmd.cohorts", kw_cli_cohorts_help, kw_cli_cohorts, NULL},
    {"churn", "cmd.churn", kw_cli_churn_help, kw_cli_churn, NULL},
    {"survival", "cmd.survival", kw_cli_survival_help, kw_cli_survival, NULL},
    {"basket", "cmd.basket", kw_cli_basket_help, kw_cli_basket, NULL},
    {"trends", "cmd.trends", NULL, kw_cli_trends, &kw_cli_trends_spec},
    {"referrals", "cmd.referrals", NULL, kw_cli_referrals,
     &kw_cli_referrals_spec},
    {"acquisition", "cmd.acquisition", NULL, kw_cli_acquisition,
     &kw_cli_acquisition_spec},
    {"journey", "cmd.journey", NULL, kw_cli_journey, &kw_cli_journey_spec},
};

const size_t kw_cli_ncommands = sizeof kw_cli_commands / sizeof *kw_cli_commands;
