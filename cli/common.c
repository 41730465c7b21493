/*
 * common.c — shared option parsing, loading, output and diagnostics.
 */
#include "common.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool use_colour(void) {
  const char *nc = getenv("NO_COLOR");
  if (nc && nc[0]) return false;
  return isatty(STDERR_FILENO) != 0;
}

void cli_warnf(const char *fmt, ...) {
  bool col = use_colour();
  fprintf(stderr, "klantwijs: %swarning:%s ", col ? "\033[33m" : "",
          col ? "\033[0m" : "");
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static void log_cb(void *user, kw_log_level lvl, const char *msg) {
  (void)user;
  if (lvl >= KW_LOG_WARN) cli_warnf("%s", msg);
}

/* A one-line progress indicator, only on a terminal. */
static void progress_cb(void *user, const char *stage, double f) {
  (void)user;
  static time_t last;
  time_t now = time(NULL);
  if (f < 1.0 && now == last) return;
  last = now;
  if (f >= 1.0)
    fprintf(stderr, "\r\033[K");
  else
    fprintf(stderr, "\r\033[K%s %3.0f%%", stage, f * 100.0);
  fflush(stderr);
}

void cli_common_init(cli_common *c, const char *command) {
  memset(c, 0, sizeof *c);
  kw_load_options_init(&c->load);
  c->load.maps = c->maps;
  c->format = KW_FORMAT_TABLE;
  c->lang = KW_LANG_EN;
  c->as_of = KW_NA_DATE;
  c->unit = KW_UNIT_DAY;
  c->command = command;
  c->ctx = kw_context_new();
  if (!c->ctx) {
    fprintf(stderr, "klantwijs: out of memory\n");
    exit(KW_EXIT_INTERNAL);
  }
  kw_context_set_log(c->ctx, log_cb, NULL);
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  kw_context_set_threads(c->ctx, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus);
  if (isatty(STDERR_FILENO)) kw_context_set_progress(c->ctx, progress_cb, NULL);
}

void cli_common_free(cli_common *c) { kw_context_free(c->ctx); }

int cli_usage(const cli_common *c, const char *fmt, ...) {
  fprintf(stderr, "klantwijs %s: ", c->command);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'klantwijs %s --help'.\n", c->command);
  return KW_EXIT_USAGE;
}

int cli_fail(const cli_common *c, kw_status st) {
  const char *msg = kw_errmsg(c->ctx);
  fprintf(stderr, "klantwijs %s: %s\n", c->command,
          msg[0] ? msg : kw_status_str(st));
  switch (st) {
    case KW_OK:
      return KW_EXIT_OK;
    case KW_EARG:
      return KW_EXIT_USAGE;
    case KW_ENOMEM:
    case KW_ENUMERIC:
    case KW_ENOCONV:
      return KW_EXIT_INTERNAL;
    default:
      return KW_EXIT_INPUT;
  }
}

int cli_opt_value(const char *name, int argc, char **argv, int *i,
                  const char **val) {
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0) return 0;
  if (a[n] == '=') {
    *val = a + n + 1;
    return 1;
  }
  if (a[n] != '\0') return 0;
  if (*i + 1 >= argc) {
    fprintf(stderr, "klantwijs: option %s needs a value\n", name);
    return -1;
  }
  *val = argv[++*i];
  return 1;
}

bool cli_parse_date(const char *s, int32_t *out) {
  int y, m, d;
  char tail;
  if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||
      (sscanf(s, "%2d-%2d-%4d%c", &d, &m, &y, &tail) == 3 && y > 999) ||
      (sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3 && y > 999)) {
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200)
      return false;
    int32_t days = kw_date_from_ymd(y, m, d);
    int yy, mm, dd;
    kw_date_to_ymd(days, &yy, &mm, &dd);
    if (dd != d) return false; /* 31-02 */
    *out = days;
    return true;
  }
  return false;
}

bool cli_parse_uint(const char *s, unsigned long *out) {
  char *end;
  errno = 0;
  if (!*s || *s == '-') return false;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || *end) return false;
  *out = v;
  return true;
}

bool cli_parse_double(const char *s, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || *end || end == s) return false;
  *out = v;
  return true;
}

static const struct {
  const char *opt;
  kw_table_kind kind;
} file_opts[] = {
    {"--transactions", KW_TABLE_TRANSACTIONS}, {"--customers", KW_TABLE_CUSTOMERS},
    {"--invoices", KW_TABLE_INVOICES},         {"--costs", KW_TABLE_COSTS},
    {"--feedback", KW_TABLE_FEEDBACK},         {"--touchpoints", KW_TABLE_TOUCHPOINTS},
    {"--referrals", KW_TABLE_REFERRALS},
};

int cli_common_option(cli_common *c, int argc, char **argv, int *i) {
  const char *v;
  int r;
  for (size_t k = 0; k < sizeof file_opts / sizeof *file_opts; k++) {
    if ((r = cli_opt_value(file_opts[k].opt, argc, argv, i, &v)) != 0) {
      if (r > 0) c->load.files[file_opts[k].kind] = v;
      return r;
    }
  }
  if ((r = cli_opt_value("--map", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (!strchr(v, '=')) {
      cli_usage(c, "--map takes ROLE=COLUMN, not '%s'", v);
      return -1;
    }
    if (c->load.n_maps >= CLI_MAX_MAPS) {
      cli_usage(c, "too many --map options");
      return -1;
    }
    c->maps[c->load.n_maps++] = v;
    return 1;
  }
  if ((r = cli_opt_value("--decimal-mark", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (strcmp(v, ",") != 0 && strcmp(v, ".") != 0) {
      cli_usage(c, "--decimal-mark takes ',' or '.'");
      return -1;
    }
    c->load.decimal_mark = v[0];
    return 1;
  }
  if ((r = cli_opt_value("--date-format", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (strcmp(v, "dmy") == 0) c->load.date_order = KW_DATE_DMY;
    else if (strcmp(v, "mdy") == 0) c->load.date_order = KW_DATE_MDY;
    else if (strcmp(v, "ymd") == 0) c->load.date_order = KW_DATE_YMD;
    else {
      cli_usage(c, "--date-format takes dmy, mdy or ymd");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt_value("--delimiter", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) c->load.delimiter = '\t';
    else if (strcmp(v, "space") == 0) c->load.delimiter = ' ';
    else if (strlen(v) == 1 && strchr(",;|", v[0])) c->load.delimiter = v[0];
    else {
      cli_usage(c, "--delimiter takes , ; | tab or space");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt_value("--encoding", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (strcasecmp(v, "utf-8") == 0 || strcasecmp(v, "utf8") == 0)
      c->load.encoding = 1;
    else if (strcasecmp(v, "windows-1252") == 0 || strcasecmp(v, "cp1252") == 0)
      c->load.encoding = 2;
    else {
      cli_usage(c, "--encoding takes utf-8 or windows-1252");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt_value("--format", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (!kw_format_parse(v, &c->format)) {
      cli_usage(c, "--format takes table, csv or json");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt_value("--lang", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (!kw_lang_parse(v, &c->lang)) {
      cli_usage(c, "--lang takes en or nl");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt_value("--output", argc, argv, i, &v)) != 0 ||
      (r = cli_opt_value("-o", argc, argv, i, &v)) != 0) {
    if (r > 0) c->output = v;
    return r;
  }
  if ((r = cli_opt_value("--as-of", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (!cli_parse_date(v, &c->as_of)) {
      cli_usage(c, "--as-of takes a date like 2024-12-31 or 31-12-2024");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt_value("--unit", argc, argv, i, &v)) != 0) {
    if (r < 0) return r;
    if (strcmp(v, "day") == 0) c->unit = KW_UNIT_DAY;
    else if (strcmp(v, "week") == 0) c->unit = KW_UNIT_WEEK;
    else if (strcmp(v, "month") == 0) c->unit = KW_UNIT_MONTH;
    else if (strcmp(v, "year") == 0) c->unit = KW_UNIT_YEAR;
    else {
      cli_usage(c, "--unit takes day, week, month or year");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt_value("--threads", argc, argv, i, &v)) != 0) {
    unsigned long t;
    if (r < 0) return r;
    if (!cli_parse_uint(v, &t) || t < 1 || t > 64) {
      cli_usage(c, "--threads takes a number from 1 to 64");
      return -1;
    }
    kw_context_set_threads(c->ctx, (int)t);
    return 1;
  }
  if (strcmp(argv[*i], "--strict") == 0) {
    c->load.strict = true;
    return 1;
  }
  if (strcmp(argv[*i], "--no-header") == 0) {
    c->load.header = 0;
    return 1;
  }
  if (strcmp(argv[*i], "--header") == 0) {
    c->load.header = 1;
    return 1;
  }
  if (argv[*i][0] != '-' || strcmp(argv[*i], "-") == 0) {
    if (c->path) {
      cli_usage(c, "more than one PATH: '%s' and '%s'", c->path, argv[*i]);
      return -1;
    }
    c->path = argv[*i];
    return 1;
  }
  return 0;
}

kw_status cli_summary(const cli_common *c, const kw_dataset *ds,
                      kw_summary **out) {
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = c->as_of;
  so.unit = c->unit;
  return kw_summary_build(c->ctx, ds, &so, out);
}

int cli_load(cli_common *c, kw_dataset **ds) {
  *ds = NULL;
  if (c->path) {
    struct stat sb;
    if (strcmp(c->path, "-") != 0 && stat(c->path, &sb) == 0 &&
        S_ISDIR(sb.st_mode))
      c->load.dir = c->path;
    else if (!c->load.files[KW_TABLE_TRANSACTIONS])
      c->load.files[KW_TABLE_TRANSACTIONS] = c->path;
    else
      return cli_usage(c, "PATH and --transactions both name a file");
  } else if (!c->load.files[KW_TABLE_TRANSACTIONS] && !c->load.dir) {
    return cli_usage(c, "missing PATH (a data folder or a transactions file)");
  }
  kw_status st = kw_dataset_load(c->ctx, &c->load, ds);
  if (st) return cli_fail(c, st);
  return KW_EXIT_OK;
}

int cli_load_tables(cli_common *c, kw_table_kind path_kind, uint32_t tables,
                    kw_dataset **ds) {
  *ds = NULL;
  if (c->path) {
    struct stat sb;
    if (strcmp(c->path, "-") != 0 && stat(c->path, &sb) == 0 &&
        S_ISDIR(sb.st_mode))
      c->load.dir = c->path;
    else if (!c->load.files[path_kind])
      c->load.files[path_kind] = c->path;
    else
      return cli_usage(c, "PATH and --%s both name a file",
                       kw_table_kind_name(path_kind));
  } else {
    bool any = c->load.dir != NULL;
    for (int k = 0; k < KW_TABLE__COUNT; k++)
      if (c->load.files[k]) any = true;
    if (!any) return cli_usage(c, "missing PATH (a data folder or a file)");
  }
  c->load.tables = tables;
  kw_status st = kw_dataset_load(c->ctx, &c->load, ds);
  if (st) return cli_fail(c, st);
  return KW_EXIT_OK;
}

FILE *cli_out_open(cli_common *c) {
  if (!c->output || strcmp(c->output, "-") == 0) return stdout;
  kw_status st = kw_atomic_open(c->ctx, c->output, &c->atomic);
  if (st) {
    fprintf(stderr, "klantwijs %s: %s\n", c->command, kw_errmsg(c->ctx));
    return NULL;
  }
  return kw_atomic_file(c->atomic);
}

int cli_out_close(cli_common *c, FILE *f, bool ok) {
  if (f == stdout) {
    if (fflush(stdout) != 0 || ferror(stdout)) {
      fprintf(stderr, "klantwijs %s: cannot write to standard output\n",
              c->command);
      return KW_EXIT_IO;
    }
    return ok ? KW_EXIT_OK : KW_EXIT_IO;
  }
  if (!ok) {
    kw_atomic_abort(c->atomic);
    c->atomic = NULL;
    return KW_EXIT_IO;
  }
  kw_status st = kw_atomic_commit(c->atomic);
  c->atomic = NULL;
  if (st) {
    fprintf(stderr, "klantwijs %s: %s\n", c->command, kw_errmsg(c->ctx));
    return KW_EXIT_IO;
  }
  return KW_EXIT_OK;
}

bool cli_help_requested(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      return true;
  return false;
}
