/*
 * inout.c — the command's data in and its output out: loading PATH and the
 * per-table files, the per-customer summary every value command starts
 * from, and the output file written whole or not at all (see common.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "klantwijs/pg.h"
#include "opts.h"

int cli_write_fail(const cli_common *c, kw_status st) {
  char text[2048];
  fprintf(stderr, "klantwijs %s: ", c->command);
  kw_term_put(stderr, kw_msginfo_text(text, sizeof text, kw_errinfo(c->ctx),
                                      kw_errmsg(c->ctx), c->lang));
  fputc('\n', stderr);
  return st == KW_ENOMEM ? KW_EXIT_INTERNAL : KW_EXIT_IO;
}

kw_status cli_summary(const cli_common *c, const kw_dataset *ds,
                      kw_summary **out) {
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = c->as_of;
  so.unit = c->unit;
  return kw_summary_build(c->ctx, ds, &so, out);
}

int cli_pushdown(cli_common *c) {
  if (!kw_pg_is_uri(c->path))
    return cli_usage_key(c, "cli.err.pushdown_uri", NULL);
  c->load.db = c->path;
  c->load.lang = (int)c->lang;
  return KW_EXIT_OK;
}

/* PATH (a folder, a file of kind path_kind, or a database) and the
 * per-table files; need_sales: PATH or --transactions must be given. */
static int load(cli_common *c, kw_table_kind path_kind, bool need_sales,
                kw_dataset **ds) {
  *ds = NULL;
  if (kw_pg_is_uri(c->path)) {
    c->load.db = c->path;
  } else if (c->path) {
    struct stat sb;
    if (strcmp(c->path, "-") != 0 && stat(c->path, &sb) == 0 &&
        S_ISDIR(sb.st_mode))
      c->load.dir = c->path;
    else if (!c->load.files[path_kind])
      c->load.files[path_kind] = c->path;
    else
      return cli_usage_key(c, "cli.path_and_file", "table",
                           kw_table_kind_name(path_kind), NULL);
  } else {
    bool any = c->load.dir != NULL;
    for (int k = 0; k < KW_TABLE__COUNT; k++)
      if (c->load.files[k] && (!need_sales || k == KW_TABLE_TRANSACTIONS))
        any = true;
    if (!any)
      return cli_usage_key(
          c, need_sales ? "cli.missing_path" : "cli.missing_path_any", NULL);
  }
  c->load.lang = (int)c->lang;
  kw_status st = kw_dataset_load(c->ctx, &c->load, ds);
  return st ? cli_fail(c, st) : KW_EXIT_OK;
}

int cli_load(cli_common *c, kw_dataset **ds) {
  return load(c, KW_TABLE_TRANSACTIONS, true, ds);
}

int cli_load_tables(cli_common *c, kw_table_kind path_kind, uint32_t tables,
                    kw_dataset **ds) {
  c->load.tables = tables;
  return load(c, path_kind, false, ds);
}

FILE *cli_out_open(cli_common *c) {
  if (!c->output || strcmp(c->output, "-") == 0) return stdout;
  kw_status st = kw_atomic_open(c->ctx, c->output, &c->atomic);
  if (st) {
    cli_write_fail(c, st);
    return NULL;
  }
  return kw_atomic_file(c->atomic);
}

int cli_out_close(cli_common *c, FILE *f, bool ok) {
  if (f == stdout) {
    if (fflush(stdout) != 0 || ferror(stdout)) {
      fprintf(stderr, "klantwijs %s: %s\n", c->command,
              cli_text("cli.stdout_failed", c->lang));
      return KW_EXIT_IO;
    }
    return ok ? KW_EXIT_OK : KW_EXIT_IO;
  }
  if (!ok) {
    /* a failed write: name the file and the system's reason */
    int err = errno;
    if (ferror(f)) {
      char msg[1024];
      fprintf(stderr, "klantwijs %s: %s\n", c->command,
              cli_textf(msg, sizeof msg, "cli.cannot_write", c->lang, "file",
                        c->output, "reason", strerror(err ? err : EIO), NULL));
    }
    kw_atomic_abort(c->atomic);
    c->atomic = NULL;
    return KW_EXIT_IO;
  }
  kw_status st = kw_atomic_commit(c->atomic);
  c->atomic = NULL;
  return st ? cli_write_fail(c, st) : KW_EXIT_OK;
}

int cli_out_end(cli_common *c, FILE *f, kw_status st) {
  if (st && st != KW_EIO && !ferror(f)) { /* the writer's own failure */
    cli_out_close(c, f, false);
    return cli_fail(c, st);
  }
  return cli_out_close(c, f, st == KW_OK);
}
