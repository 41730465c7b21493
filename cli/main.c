/*
 * main.c — dispatch to a subcommand from the table in commands.c.
 */
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

int main(int argc, char **argv) {
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
