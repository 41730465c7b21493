/*
 * commands.c — the one table of subcommands. The command list, each
 * command's --help and the manual page come from these rows; add a command
 * by adding its row here and its cmd_NAME.c file.
 */
#include "cli.h"

#define KW_CLI_DECLARE(name) \
  extern const char kw_cli_##name##_help[]; \
  int kw_cli_##name(int argc, char **argv);

KW_CLI_DECLARE(analyze)
KW_CLI_DECLARE(clv)
KW_CLI_DECLARE(demo)
KW_CLI_DECLARE(inspect)
KW_CLI_DECLARE(summary)
KW_CLI_DECLARE(profit)
KW_CLI_DECLARE(pareto)
KW_CLI_DECLARE(rfm)
KW_CLI_DECLARE(payments)
KW_CLI_DECLARE(cohorts)
KW_CLI_DECLARE(churn)
KW_CLI_DECLARE(survival)
KW_CLI_DECLARE(basket)
KW_CLI_DECLARE(feedback)

const kw_cli_command kw_cli_commands[] = {
    {"analyze", "the main job: every analysis, a report and an action plan",
     kw_cli_analyze_help, kw_cli_analyze},
    {"clv", "predictive customer value: purchases, spend, value, holdout",
     kw_cli_clv_help, kw_cli_clv},
    {"demo", "write a synthetic data set of a Flemish business",
     kw_cli_demo_help, kw_cli_demo},
    {"inspect", "how each file was read, and a data-quality report",
     kw_cli_inspect_help, kw_cli_inspect},
    {"summary", "per-customer summary: orders, revenue, x, t_x, T",
     kw_cli_summary_help, kw_cli_summary},
    {"profit", "profitability per customer, cost-to-serve, whale curve",
     kw_cli_profit_help, kw_cli_profit},
    {"pareto", "revenue concentration: 80/20, ABC, Gini, HHI, dependency",
     kw_cli_pareto_help, kw_cli_pareto},
    {"rfm", "recency, frequency, monetary scores and named segments",
     kw_cli_rfm_help, kw_cli_rfm},
    {"payments", "payment behaviour: days to pay, overdue, ageing, DSO",
     kw_cli_payments_help, kw_cli_payments},
    {"cohorts", "acquisition cohorts: activity, revenue, net revenue retention",
     kw_cli_cohorts_help, kw_cli_cohorts},
    {"churn", "who churned and who is at risk; churn rates; --drivers",
     kw_cli_churn_help, kw_cli_churn},
    {"survival", "Kaplan-Meier lifetime curves, log-rank; sBG retention",
     kw_cli_survival_help, kw_cli_survival},
    {"basket", "cross-sell: itemsets, rules, next-best product, upsell",
     kw_cli_basket_help, kw_cli_basket},
    {"feedback", "NPS, CSAT, CES with intervals; competitors; comment themes",
     kw_cli_feedback_help, kw_cli_feedback},
};

const size_t kw_cli_ncommands = sizeof kw_cli_commands / sizeof *kw_cli_commands;
