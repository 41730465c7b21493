/*
 * main.c — dispatch to a subcommand from the table in commands.c; the
 * command list, each command's --help and (hidden) the manual page.
 */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"

static void print_usage(FILE *f, kw_lang lang) {
  fprintf(f, "%s %s\n\n%s\n\n%s\n", cli_text("cli.usage", lang),
          cli_text("cli.main.usage", lang), cli_text("cli.main.about", lang),
          cli_text("cli.main.commands", lang));
  for (size_t i = 0; i < kw_cli_ncommands; i++)
    fprintf(f, "  %-10s %s\n", kw_cli_commands[i].name,
            cli_text(kw_cli_commands[i].summary, lang));
  fprintf(f, "\n%s\n\n%s\n", cli_text("cli.main.more", lang),
          cli_text("cli.exit_codes", lang));
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

/* The analysis steps free large per-customer arrays and allocate others of
 * the same size. Kept in the process's heap rather than handed back to the
 * system, they are not faulted in and zeroed again page by page: at 1 M
 * customers that was about an eighth of `analyze` (docs/benchmarks.md).
 * A setting of the program, not of the library an embedder links. */
static void keep_freed_memory(void) {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

int main(int argc, char **argv) {
  keep_freed_memory();
  install_handlers();
  kw_lang lang = cli_lang_of(argc, argv);
  if (argc < 2) {
    print_usage(stderr, lang);
    return KW_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    if (strcmp(cmd, "help") == 0 && argc > 2) {
      for (size_t i = 0; i < kw_cli_ncommands; i++)
        if (strcmp(kw_cli_commands[i].name, argv[2]) == 0) {
          cli_help(stdout, kw_cli_commands[i].spec, lang);
          return KW_EXIT_OK;
        }
    }
    print_usage(stdout, lang);
    return KW_EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("klantwijs %s\n", kw_version());
    return KW_EXIT_OK;
  }
  if (strcmp(cmd, "--man") == 0) { /* the build writes klantwijs.1 */
    cli_man(stdout);
    return fflush(stdout) == 0 ? KW_EXIT_OK : KW_EXIT_IO;
  }
  for (size_t i = 0; i < kw_cli_ncommands; i++) {
    if (strcmp(kw_cli_commands[i].name, cmd) != 0) continue;
    for (int k = 2; k < argc; k++)
      if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
        cli_help(stdout, kw_cli_commands[i].spec, lang);
        return KW_EXIT_OK;
      }
    return kw_cli_commands[i].run(argc - 1, argv + 1);
  }
  char buf[256];
  fprintf(stderr, "klantwijs: %s\n\n",
          cli_textf(buf, sizeof buf, "cli.unknown_command", lang, "cmd", cmd,
                    NULL));
  print_usage(stderr, lang);
  return KW_EXIT_USAGE;
}
