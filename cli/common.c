/*
 * common.c — shared option parsing, loading, output and diagnostics.
 */
#include "common.h"

#include <stddef.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "opts.h"

static bool use_colour(void) {
  const char *nc = getenv("NO_COLOR");
  if (nc && nc[0]) return false;
  return isatty(STDERR_FILENO) != 0;
}

/* Diagnostics that are not usage errors carry the library's messages,
 * which are English so far; their prefix stays English with them. */
static const kw_lang diag_lang = KW_LANG_EN;

void cli_warnf(const char *fmt, ...) {
  bool col = use_colour();
  fprintf(stderr, "klantwijs: %s%s%s ", col ? "\033[33m" : "",
          cli_text("cli.warning", diag_lang), col ? "\033[0m" : "");
  /* messages quote data (names, cells): no control characters reach the
   * terminal */
  char msg[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  kw_term_put(stderr, msg);
  fputc('\n', stderr);
}

/* Library warnings in the run's language: by their key when they have
 * one, as the library wrote them otherwise. */
static void log_cb(void *user, kw_log_level lvl, const char *msg,
                   const kw_msginfo *m) {
  const cli_common *c = user;
  if (lvl < KW_LOG_WARN) return;
  char text[2048];
  kw_msginfo_text(text, sizeof text, m, msg, c->lang);
  bool col = use_colour();
  fprintf(stderr, "klantwijs: %s%s%s ", col ? "\033[33m" : "",
          cli_text("cli.warning", c->lang), col ? "\033[0m" : "");
  kw_term_put(stderr, text);
  fputc('\n', stderr);
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
    fprintf(stderr, "klantwijs: %s\n", cli_text("cli.out_of_memory", 0));
    exit(KW_EXIT_INTERNAL);
  }
  kw_context_set_log_msg(c->ctx, log_cb, c);
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
  char buf[128];
  fprintf(stderr, "\n%s\n",
          cli_textf(buf, sizeof buf, "cli.try_help", c->lang, "cmd",
                    c->command, NULL));
  return KW_EXIT_USAGE;
}

int cli_usage_fail(const cli_common *c) {
  char text[2048];
  return cli_usage(c, "%s",
                   kw_msginfo_text(text, sizeof text, kw_errinfo(c->ctx),
                                   kw_errmsg(c->ctx), c->lang));
}

int cli_fail(const cli_common *c, kw_status st) {
  char text[2048];
  const char *msg = kw_msginfo_text(text, sizeof text, kw_errinfo(c->ctx),
                                    kw_errmsg(c->ctx), c->lang);
  fprintf(stderr, "klantwijs %s: ", c->command);
  kw_term_put(stderr, msg[0] ? msg : kw_status_str(st));
  fputc('\n', stderr);
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

/* ------------------------------------------------------- shared rows */

static bool set_map(cli_common *c, void *t, const char *v) {
  (void)t;
  if (!strchr(v, '=')) {
    cli_usage_key(c, "cli.err.map", "v", v, NULL);
    return false;
  }
  if (c->load.n_maps >= CLI_MAX_MAPS) {
    cli_usage_key(c, "cli.err.too_many_maps", NULL);
    return false;
  }
  c->maps[c->load.n_maps++] = v;
  return true;
}

#define COMMON(field) CLI_T_COMMON, offsetof(cli_common, field)
#define FILE_ROW(name, kind)                                              \
  {name, 0, CLI_STR, COMMON(load.files[kind]), CLI_NO_RANGE, "FILE", NULL, \
   "opt." name, NULL}

static const cli_opt ingest_rows[] = {
    {NULL, 0, CLI_STR, COMMON(path), CLI_NO_RANGE, "PATH", NULL, "opt.path",
     NULL},
    FILE_ROW("transactions", KW_TABLE_TRANSACTIONS),
    FILE_ROW("customers", KW_TABLE_CUSTOMERS),
    FILE_ROW("invoices", KW_TABLE_INVOICES),
    FILE_ROW("costs", KW_TABLE_COSTS),
    FILE_ROW("feedback", KW_TABLE_FEEDBACK),
    FILE_ROW("touchpoints", KW_TABLE_TOUCHPOINTS),
    FILE_ROW("referrals", KW_TABLE_REFERRALS),
    FILE_ROW("spend", KW_TABLE_SPEND),
    {"map", 0, CLI_CALL, COMMON(maps), CLI_NO_RANGE, "ROLE=COLUMN", NULL,
     "opt.map", set_map},
    {"table", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE,
     "KIND=SCHEMA.TABLE|QUERY", NULL, "opt.table", NULL},
    {"decimal-mark", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE, ", | .", NULL,
     "opt.decimal_mark", NULL},
    {"date-format", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE, "dmy|mdy|ymd",
     NULL, "opt.date_format", NULL},
    {"delimiter", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE, "C", NULL,
     "opt.delimiter", NULL},
    {"no-header", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE, NULL, NULL,
     "opt.no_header", NULL},
    {"header", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE, NULL, NULL,
     "opt.header", NULL},
    {"encoding", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE,
     "utf-8|windows-1252", NULL, "opt.encoding", NULL},
    {"strict", 0, CLI_FLAG, COMMON(load.strict), CLI_NO_RANGE, NULL, NULL,
     "opt.strict", NULL},
    {"sheet", 0, CLI_STR, COMMON(load.sheet), CLI_NO_RANGE, "NAME|N", NULL,
     "opt.sheet", NULL},
    {"vat", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE, "excl|incl", NULL,
     "opt.vat", NULL},
    {"vat-rate", 0, CLI_LOAD, COMMON(load), CLI_NO_RANGE, "PCT", NULL,
     "opt.vat_rate", NULL},
    {"threads", 0, CLI_UINT, COMMON(threads), 1, 64, "N",
     "opt.threads.default", "opt.threads", NULL},
};

#define LANG_ROW                                                          \
  {"lang", 0, CLI_CHOICE, COMMON(lang), CLI_NO_RANGE, "en|nl", "en",      \
   "opt.lang", NULL}

static const cli_opt output_rows[] = {
    {"format", 0, CLI_CHOICE, COMMON(format), CLI_NO_RANGE, "table|csv|json",
     "table", "opt.format", NULL},
    LANG_ROW,
    {"output", 'o', CLI_STR, COMMON(output), CLI_NO_RANGE, "FILE", NULL,
     "opt.output", NULL},
};

#define AS_OF_ROW                                                         \
  {"as-of", 0, CLI_DATE, COMMON(as_of), CLI_NO_RANGE, "DATE",             \
   "opt.as_of.default", "opt.as_of", NULL}

static const cli_opt as_of_rows[] = {AS_OF_ROW};
static const cli_opt time_rows[] = {
    AS_OF_ROW,
    {"unit", 0, CLI_CHOICE, COMMON(unit), CLI_NO_RANGE, "day|week|month|year",
     "day", "opt.unit", NULL},
};

static const cli_opt lang_rows[] = {LANG_ROW};

const cli_group cli_group_lang = CLI_GROUP("cli.group.output", lang_rows);
const cli_group cli_group_ingest = CLI_GROUP("cli.group.input", ingest_rows);
const cli_group cli_group_output = CLI_GROUP("cli.group.output", output_rows);
const cli_group cli_group_time = CLI_GROUP("cli.group.period", time_rows);
const cli_group cli_group_as_of = CLI_GROUP("cli.group.period", as_of_rows);

void cli_common_ready(cli_common *c) {
  if (c->threads) kw_context_set_threads(c->ctx, (int)c->threads);
}
