/*
 * opts.h — options as rows. Each command describes its options in a table
 * of cli_opt rows (name, short name, kind, target, range, default, help
 * message key); the ingest, output, cost and view options are shared rows.
 * One parser (cli_parse) reads argv against the rows, one printer writes
 * --help, and the manual page klantwijs(1) is written from the same rows
 * (klantwijs --man, run by the build). A range is stated once, in the row:
 * the parser checks it and the usage error and the help text quote it.
 *
 * Texts (help lines, usage errors) are message keys of the library's one
 * message table (kw_message), in English and Dutch.
 */
#ifndef KW_CLI_OPTS_H
#define KW_CLI_OPTS_H

#include <stddef.h>

#include "common.h"

typedef enum cli_kind {
  CLI_FLAG,   /* no value: sets a bool (or calls `call` with NULL) */
  CLI_UINT,   /* unsigned long within [lo, hi] */
  CLI_NUM,    /* double within [lo, hi] ('.' or ',' decimal mark) */
  CLI_PCT,    /* "30", "30%", "12,5" -> a fraction; range in percent */
  CLI_DATE,   /* int32_t days (2024-12-31 or 31-12-2024) */
  CLI_STR,    /* const char * (the argv string) */
  CLI_CHOICE, /* int: the index of the value in `arg` ("day|week|month") */
  CLI_CALL,   /* call(c, target, value); returns false after reporting */
  CLI_LOAD    /* a reading option: kw_load_options_set(c->load, name,
                 value); a row without `arg` is a flag */
} cli_kind;

/* Which struct a row's target is in (an index into the targets array the
 * command hands to cli_parse). */
enum { CLI_T_COMMON = 0, CLI_T_CMD, CLI_T_COST, CLI_T_VIEW, CLI_T__COUNT };

typedef struct cli_opt {
  const char *name; /* long name without "--" */
  char shortname;   /* 'o' for -o, or 0 */
  cli_kind kind;
  unsigned char base; /* CLI_T_* */
  size_t off;         /* offset of the target in its struct */
  double lo, hi;      /* range of UINT, NUM, PCT; hi < lo: no range */
  const char *arg;    /* the value's name in help ("N", "FILE") or, for a
                         CHOICE, the choices "day|week|month" */
  const char *def;    /* default shown in help, or NULL */
  const char *help;   /* message key of the help line */
  bool (*call)(cli_common *c, void *target, const char *value);
} cli_opt;

#define CLI_NO_RANGE 1, 0

/* A titled group of rows (a heading in --help and the manual). */
typedef struct cli_group {
  const char *title; /* message key of the heading, NULL: "Options" */
  const cli_opt *rows;
  size_t n;
} cli_group;

#define CLI_GROUP(title, rows) {title, rows, sizeof rows / sizeof *rows}

/* A command's rows: its own options and the shared groups it takes, in
 * the order --help shows them (NULL-terminated). */
typedef struct cli_spec {
  const char *name;
  const cli_group *const *groups;
} cli_spec;

/* The shared groups. */
extern const cli_group cli_group_ingest;  /* PATH, --transactions, --map ... */
extern const cli_group cli_group_output;  /* --format, --lang, -o */
extern const cli_group cli_group_lang;    /* --lang alone */
extern const cli_group cli_group_time;    /* --as-of, --unit */
extern const cli_group cli_group_as_of;   /* --as-of alone */
extern const cli_group cli_group_cost;    /* --margin, --rate, --config ... */
extern const cli_group cli_group_large;   /* --large (share called large) */
extern const cli_group cli_group_view;    /* --per-customer, --portfolio, --top */

/*
 * Parse argv[1..argc-1] against the rows of spec. targets[CLI_T_*] are the
 * structs the rows write to (targets[CLI_T_COMMON] is ignored: c is used).
 * A word that is not an option is PATH (common rows). Returns KW_EXIT_OK or
 * KW_EXIT_USAGE after reporting the error in c->lang.
 */
int cli_parse(const cli_spec *spec, cli_common *c, void *const *targets,
              int argc, char **argv);

/* Usage error from a message key with NULL-terminated name, value pairs;
 * returns KW_EXIT_USAGE. */
int cli_usage_key(const cli_common *c, const char *key, ...);
/* CLI_CALL setter of --currency: a code of 1 to 7 bytes, kept as given. */
bool cli_set_currency(cli_common *c, void *target, const char *v);

/* The --help of a command, written from its rows, in lang. */
/* A range bound as written in texts (64, 0.5, -100; buf of 32 bytes);
 * whether row o states a range; whether it takes a value. */
const char *cli_bound(char *buf, double v);
bool cli_has_range(const cli_opt *o);
bool cli_takes_value(const cli_opt *o);
void cli_help(FILE *f, const cli_spec *spec, kw_lang lang);
/* The manual page klantwijs(1), a section per command (troff). */
void cli_man(FILE *f);

/* A message of the library's table in lang (the key when missing). */
const char *cli_text(const char *key, kw_lang lang);
/* The same with {name} placeholders filled from NULL-terminated name,
 * value pairs; into buf (cap bytes). */
const char *cli_textf(char *buf, size_t cap, const char *key, kw_lang lang,
                      ...);

/* The language asked for on a command line (--lang nl / --lang=nl), for
 * --help before the options are parsed. */
kw_lang cli_lang_of(int argc, char **argv);

#endif
