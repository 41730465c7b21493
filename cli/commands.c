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

KW_CLI_DECLARE_ROWS(analyze)
KW_CLI_DECLARE_ROWS(clv)
KW_CLI_DECLARE_ROWS(demo)
KW_CLI_DECLARE_ROWS(inspect)
KW_CLI_DECLARE_ROWS(summary)
KW_CLI_DECLARE_ROWS(profit)
KW_CLI_DECLARE(pareto)
KW_CLI_DECLARE_ROWS(rfm)
KW_CLI_DECLARE_ROWS(payments)
KW_CLI_DECLARE_ROWS(cohorts)
KW_CLI_DECLARE_ROWS(churn)
KW_CLI_DECLARE_ROWS(survival)
KW_CLI_DECLARE(basket)
KW_CLI_DECLARE_ROWS(segments)
KW_CLI_DECLARE_ROWS(trends)
KW_CLI_DECLARE_ROWS(referrals)
KW_CLI_DECLARE_ROWS(acquisition)
KW_CLI_DECLARE_ROWS(journey)
KW_CLI_DECLARE_ROWS(history)
KW_CLI_DECLARE_ROWS(feedback)

const kw_cli_command kw_cli_commands[] = {
    {"analyze", "cmd.analyze", NULL, kw_cli_analyze, &kw_cli_analyze_spec},
    {"clv", "cmd.clv", NULL, kw_cli_clv, &kw_cli_clv_spec},
    {"demo", "cmd.demo", NULL, kw_cli_demo, &kw_cli_demo_spec},
    {"inspect", "cmd.inspect", NULL, kw_cli_inspect, &kw_cli_inspect_spec},
    {"summary", "cmd.summary", NULL, kw_cli_summary, &kw_cli_summary_spec},
    {"profit", "cmd.profit", NULL, kw_cli_profit, &kw_cli_profit_spec},
    {"pareto", "cmd.pareto", kw_cli_pareto_help, kw_cli_pareto, NULL},
    {"rfm", "cmd.rfm", NULL, kw_cli_rfm, &kw_cli_rfm_spec},
    {"payments", "cmd.payments", NULL, kw_cli_payments, &kw_cli_payments_spec},
    {"cohorts", "cmd.cohorts", NULL, kw_cli_cohorts, &kw_cli_cohorts_spec},
    {"churn", "cmd.churn", NULL, kw_cli_churn, &kw_cli_churn_spec},
    {"survival", "cmd.survival", NULL, kw_cli_survival,
     &kw_cli_survival_spec},
    {"basket", "cmd.basket", kw_cli_basket_help, kw_cli_basket, NULL},
    {"segments", "cmd.segments", NULL, kw_cli_segments,
     &kw_cli_segments_spec},
    {"trends", "cmd.trends", NULL, kw_cli_trends, &kw_cli_trends_spec},
    {"referrals", "cmd.referrals", NULL, kw_cli_referrals,
     &kw_cli_referrals_spec},
    {"acquisition", "cmd.acquisition", NULL, kw_cli_acquisition,
     &kw_cli_acquisition_spec},
    {"journey", "cmd.journey", NULL, kw_cli_journey, &kw_cli_journey_spec},
    {"history", "cmd.history", NULL, kw_cli_history, &kw_cli_history_spec},
    {"feedback", "cmd.feedback", NULL, kw_cli_feedback, &kw_cli_feedback_spec},
};

const size_t kw_cli_ncommands = sizeof kw_cli_commands / sizeof *kw_cli_commands;
