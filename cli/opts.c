/*
 * opts.c — the one option parser, driven by the rows of opts.h (the help
 * printer and the manual page of the same rows are help.c).
 */
#include "opts.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---------------------------------------------------------------- texts */

const char *cli_text(const char *key, kw_lang lang) {
  const char *t = kw_message(key, lang);
  return t ? t : key;
}

static const char *textv(char *buf, size_t cap, const char *key,
                         kw_lang lang, va_list ap) {
  const char *names[16], *values[16];
  size_t n = 0;
  const char *name;
  while (n < 16 && (name = va_arg(ap, const char *)) != NULL) {
    names[n] = name;
    values[n] = va_arg(ap, const char *);
    n++;
  }
  kw_message_fill(buf, cap, key, lang, names, values, n);
  return buf;
}

const char *cli_textf(char *buf, size_t cap, const char *key, kw_lang lang,
                      ...) {
  va_list ap;
  va_start(ap, lang);
  textv(buf, cap, key, lang, ap);
  va_end(ap);
  return buf;
}

kw_lang cli_lang_of(int argc, char **argv) {
  kw_lang lang = KW_LANG_EN;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
      kw_lang_parse(argv[i + 1], &lang);
    else if (strncmp(argv[i], "--lang=", 7) == 0)
      kw_lang_parse(argv[i] + 7, &lang);
  }
  return lang;
}

/* ------------------------------------------------------------- numbers */

/* A range bound as written in texts: 64, 0.5, -100. */
const char *cli_bound(char *buf, double v) {
  if (v == floor(v) && fabs(v) < 1e15)
    snprintf(buf, 32, "%.0f", v);
  else
    snprintf(buf, 32, "%g", v);
  return buf;
}

bool cli_has_range(const cli_opt *o) { return o->hi >= o->lo; }

bool cli_takes_value(const cli_opt *o) {
  return o->kind != CLI_FLAG && (o->kind != CLI_LOAD || o->arg);
}

/* "a, b or c" from "a|b|c". */
static const char *choice_list(char *buf, size_t cap, const char *choices,
                               kw_lang lang) {
  size_t len = 0, n = 1;
  for (const char *p = choices; *p; p++) n += *p == '|';
  size_t k = 0;
  const char *p = choices;
  buf[0] = '\0';
  while (*p && len + 1 < cap) {
    const char *e = strchr(p, '|');
    size_t w = e ? (size_t)(e - p) : strlen(p);
    const char *sep = k == 0 ? "" : k + 1 == n ? cli_text("cli.or", lang)
                                               : ", ";
    len += (size_t)snprintf(buf + len, cap - len, "%s%.*s", sep, (int)w, p);
    if (len >= cap) len = cap - 1;
    k++;
    if (!e) break;
    p = e + 1;
  }
  return buf;
}

/* ---------------------------------------------------------------- parse */

bool cli_set_currency(cli_common *c, void *target, const char *v) {
  size_t n = strlen(v);
  if (n >= 1 && n <= 7) {
    *(const char **)target = v;
    return true;
  }
  cli_usage_key(c, "cli.err.currency", NULL);
  return false;
}

int cli_usage_key(const cli_common *c, const char *key, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, key);
  textv(buf, sizeof buf, key, c->lang, ap);
  va_end(ap);
  return cli_usage(c, "%s", buf);
}

/* The value of row o failed its kind or range: say what it takes. */
static int bad_value(const cli_common *c, const cli_opt *o, const char *opt) {
  char lo[32], hi[32], list[512];
  switch (o->kind) {
    case CLI_UINT:
      if (cli_has_range(o))
        return cli_usage_key(c, "cli.err.range", "opt", opt, "lo",
                             cli_bound(lo, o->lo), "hi", cli_bound(hi, o->hi),
                             NULL);
      return cli_usage_key(c, "cli.err.whole", "opt", opt, NULL);
    case CLI_NUM:
      if (cli_has_range(o))
        return cli_usage_key(c, "cli.err.num_range", "opt", opt, "lo",
                             cli_bound(lo, o->lo), "hi", cli_bound(hi, o->hi),
                             NULL);
      return cli_usage_key(c, "cli.err.number", "opt", opt, NULL);
    case CLI_PCT:
      return cli_usage_key(c, "cli.err.pct", "opt", opt, "lo",
                           cli_bound(lo, o->lo), "hi", cli_bound(hi, o->hi),
                           NULL);
    case CLI_DATE:
      return cli_usage_key(c, "cli.err.date", "opt", opt, NULL);
    case CLI_CHOICE:
      return cli_usage_key(c, "cli.err.choice", "opt", opt, "choices",
                       choice_list(list, sizeof list, o->arg, c->lang), NULL);
    default:
      return KW_EXIT_USAGE;
  }
}

/* Copy s with ',' as decimal mark to '.'; false when too long. */
static bool dotted(const char *s, char *buf, size_t cap) {
  size_t n = strlen(s);
  if (n == 0 || n >= cap) return false;
  for (size_t i = 0; i <= n; i++) buf[i] = s[i] == ',' ? '.' : s[i];
  return true;
}

static int apply(cli_common *c, const cli_opt *o, void *target,
                 const char *v, const char *opt) {
  switch (o->kind) {
    case CLI_FLAG:
      if (o->call) return o->call(c, target, NULL) ? 0 : KW_EXIT_USAGE;
      *(bool *)target = true;
      return 0;
    case CLI_UINT: {
      unsigned long u;
      if (!cli_parse_uint(v, &u) ||
          (cli_has_range(o) && ((double)u < o->lo || (double)u > o->hi)))
        return bad_value(c, o, opt);
      *(unsigned long *)target = u;
      return 0;
    }
    case CLI_NUM: {
      char buf[64];
      double d;
      if (!dotted(v, buf, sizeof buf) || !cli_parse_double(buf, &d) ||
          !isfinite(d) || (cli_has_range(o) && (d < o->lo || d > o->hi)))
        return bad_value(c, o, opt);
      *(double *)target = d;
      return 0;
    }
    case CLI_PCT: {
      char buf[64];
      double d;
      if (!dotted(v, buf, sizeof buf)) return bad_value(c, o, opt);
      size_t n = strlen(buf);
      if (n > 1 && buf[n - 1] == '%') buf[n - 1] = '\0';
      if (!cli_parse_double(buf, &d) || !isfinite(d) ||
          (cli_has_range(o) && (d < o->lo || d > o->hi)))
        return bad_value(c, o, opt);
      *(double *)target = d / 100.0;
      return 0;
    }
    case CLI_DATE:
      if (!kw_date_parse(v, (int32_t *)target)) return bad_value(c, o, opt);
      return 0;
    case CLI_STR:
      *(const char **)target = v;
      return 0;
    case CLI_CHOICE: {
      int k = 0;
      const char *p = o->arg;
      size_t vn = strlen(v);
      for (;;) {
        const char *e = strchr(p, '|');
        size_t w = e ? (size_t)(e - p) : strlen(p);
        if (w == vn && strncmp(p, v, w) == 0) {
          *(int *)target = k;
          return 0;
        }
        if (!e) break;
        p = e + 1;
        k++;
      }
      return bad_value(c, o, opt);
    }
    case CLI_CALL:
      return o->call(c, target, v) ? 0 : KW_EXIT_USAGE;
    case CLI_LOAD:
      return kw_load_options_set(c->ctx, &c->load, o->name, v)
                 ? cli_usage_fail(c)
                 : 0;
  }
  return KW_EXIT_USAGE;
}

/* Does argv word a name row o? Sets *val to the "=VALUE" part. */
static bool matches(const cli_opt *o, const char *a, const char **val) {
  *val = NULL;
  if (a[0] == '-' && a[1] == '-') {
    size_t n = strlen(o->name);
    if (strncmp(a + 2, o->name, n) != 0) return false;
    if (a[2 + n] == '\0') return true;
    if (a[2 + n] == '=' && cli_takes_value(o)) {
      *val = a + 3 + n;
      return true;
    }
    return false;
  }
  if (o->shortname && a[0] == '-' && a[1] == o->shortname) {
    if (a[2] == '\0') return true;
    if (a[2] == '=' && cli_takes_value(o)) {
      *val = a + 3;
      return true;
    }
  }
  return false;
}

/* One argv word (and its value) against the rows of groups. Returns 1
 * consumed, 0 no row and not PATH, -1 usage error (reported). */
static int parse_one(const cli_group *const *groups, cli_common *c,
                  void *const *targets, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  const cli_opt *hit = NULL;
  const char *val = NULL;
  for (const cli_group *const *g = groups; *g && !hit; g++)
    for (size_t k = 0; k < (*g)->n; k++)
      if ((*g)->rows[k].name && matches(&(*g)->rows[k], a, &val)) {
        hit = &(*g)->rows[k];
        break;
      }
  if (!hit) {
    if (a[0] == '-' && strcmp(a, "-") != 0) return 0;
    if (c->path) {
      cli_usage_key(c, "cli.err.two_paths", "a", c->path, "b", a, NULL);
      return -1;
    }
    c->path = a;
    return 1;
  }
  char opt[64];
  if (a[1] == '-')
    snprintf(opt, sizeof opt, "--%s", hit->name);
  else
    snprintf(opt, sizeof opt, "-%c", hit->shortname);
  if (cli_takes_value(hit) && !val) {
    if (*i + 1 >= argc) {
      cli_usage_key(c, "cli.err.needs_value", "opt", opt, NULL);
      return -1;
    }
    val = argv[++*i];
  }
  void *base = hit->base == CLI_T_COMMON ? (void *)c : targets[hit->base];
  return apply(c, hit, (char *)base + hit->off, val, opt) ? -1 : 1;
}

int cli_parse(const cli_spec *spec, cli_common *c, void *const *targets,
              int argc, char **argv) {
  c->lang = cli_lang_of(argc, argv); /* errors before --lang in its language */
  for (int i = 1; i < argc; i++) {
    int r = parse_one(spec->groups, c, targets, argc, argv, &i);
    if (r < 0) return KW_EXIT_USAGE;
    if (r == 0)
      return cli_usage_key(c, "cli.err.unknown_option", "opt", argv[i], NULL);
  }
  cli_common_ready(c);
  return KW_EXIT_OK;
}
