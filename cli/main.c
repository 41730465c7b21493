/*
 * main.c — dispatch to a subcommand from the table in commands.c.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void print_usage(FILE *f) {
  fprintf(f,
          "usage: klantwijs COMMAND [OPTIONS] [PATH]\n"
          "\n"
          "Customer analysis for small and mid-size businesses.\n"
          "\n"
          "Commands:\n");
  for (size_t i = 0; i < kw_cli_ncommands; i++)
    fprintf(f, "  %-10s %s\n", kw_cli_commands[i].name,
            kw_cli_commands[i].summary);
  fprintf(f,
          "\n"
          "Run 'klantwijs COMMAND --help' for a command's options and "
          "examples.\n"
          "\n"
          "Exit codes: 0 ok, 1 bad or missing input, 2 usage error,\n"
          "3 cannot write output, 4 internal failure (memory, numerics).\n");
}

/* SIGINT, SIGTERM, SIGHUP: remove the temporary files and folders of the
 * output being written, then end as the signal would have. */
static void on_signal(int sig) {
  kw_cleanup_temp();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void install_handlers(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t k = 0; k < sizeof sigs / sizeof *sigs; k++) {
    struct sigaction sa, was;
    /* a signal the caller ignores (nohup, a background shell) stays so */
    if (sigaction(sigs[k], NULL, &was) == 0 && was.sa_handler == SIG_IGN)
      continue;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* one cleanup at a time: the other signals wait */
    for (size_t j = 0; j < sizeof sigs / sizeof *sigs; j++)
      sigaddset(&sa.sa_mask, sigs[j]);
    sa.sa_flags = SA_RESETHAND;
    sigaction(sigs[k], &sa, NULL);
  }
}

int main(int argc, char **argv) {
  install_handlers();
  if (argc < 2) {
    print_usage(stderr);
    return KW_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    if (strcmp(cmd, "help") == 0 && argc > 2) {
      for (size_t i = 0; i < kw_cli_ncommands; i++)
        if (strcmp(kw_cli_commands[i].name, argv[2]) == 0) {
          fputs(kw_cli_commands[i].help, stdout);
          return KW_EXIT_OK;
        }
    }
    print_usage(stdout);
    return KW_EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("klantwijs %s\n", kw_version());
    return KW_EXIT_OK;
  }
  for (size_t i = 0; i < kw_cli_ncommands; i++) {
    if (strcmp(kw_cli_commands[i].name, cmd) != 0) continue;
    for (int k = 2; k < argc; k++)
      if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
        fputs(kw_cli_commands[i].help, stdout);
        return KW_EXIT_OK;
      }
    return kw_cli_commands[i].run(argc - 1, argv + 1);
  }
  fprintf(stderr, "klantwijs: unknown command '%s'\n\n", cmd);
  print_usage(stderr);
  return KW_EXIT_USAGE;
}
