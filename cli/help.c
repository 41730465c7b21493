/*
 * help.c — `--help` and the manual page klantwijs(1), written from the same
 * option rows the parser reads (opts.h), in the reader's language.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opts.h"

/* ----------------------------------------------------------------- help */

/* The left column of a row: "--top N", "-o, --output FILE". */
static size_t left_col(char *buf, size_t cap, const cli_opt *o) {
  size_t n = 0;
  if (!o->name) return (size_t)snprintf(buf, cap, "%s", o->arg);
  if (o->shortname) n += (size_t)snprintf(buf, cap, "-%c, ", o->shortname);
  n += (size_t)snprintf(buf + n, cap - n, "--%s", o->name);
  if (cli_takes_value(o) && o->arg)
    n += (size_t)snprintf(buf + n, cap - n, " %s", o->arg);
  return n;
}

/* The help line of a row with its range and default. */
static void row_help(char *buf, size_t cap, const cli_opt *o, kw_lang lang) {
  size_t n = (size_t)snprintf(buf, cap, "%s", cli_text(o->help, lang));
  char lo[32], hi[32], part[128];
  bool open = false;
  if (cli_has_range(o) && o->kind != CLI_CHOICE && n < cap) {
    cli_textf(part, sizeof part, "cli.help.range", lang, "lo",
              cli_bound(lo, o->lo), "hi", cli_bound(hi, o->hi), NULL);
    n += (size_t)snprintf(buf + n, cap - n, " (%s", part);
    open = true;
  }
  if (o->def && n < cap) {
    const char *d = kw_message(o->def, lang); /* a key or a literal */
    cli_textf(part, sizeof part, "cli.help.default", lang, "def",
              d ? d : o->def, NULL);
    n += (size_t)snprintf(buf + n, cap - n, "%s%s", open ? "; " : " (", part);
    open = true;
  }
  if (open && n < cap) snprintf(buf + n, cap - n, ")");
}

/* Write text wrapped at width, the first line after `first` columns
 * already used, later lines indented by indent. */
static void wrap(FILE *f, const char *text, size_t first, size_t indent,
                 size_t width) {
  size_t col = first;
  const char *p = text;
  bool start = true;
  while (*p) {
    if (*p == '\n') {
      p++;
      fputc('\n', f);
      if (*p == ' ') { /* a line that starts with blanks is kept as is */
        const char *e = strchr(p, '\n');
        size_t w = e ? (size_t)(e - p) : strlen(p);
        fprintf(f, "%*s%.*s", (int)indent, "", (int)w, p);
        p += w;
        if (!*p) break;
        continue;
      }
      fprintf(f, "%*s", (int)indent, "");
      col = indent;
      start = true;
      continue;
    }
    const char *e = p;
    while (*e && *e != ' ' && *e != '\n') e++;
    size_t w = (size_t)(e - p);
    if (!start && col + 1 + w > width) {
      fprintf(f, "\n%*s", (int)indent, "");
      col = indent;
      start = true;
    }
    if (!start) {
      fputc(' ', f);
      col++;
    }
    fwrite(p, 1, w, f);
    col += w;
    start = false;
    p = e;
    while (*p == ' ') p++;
  }
  fputc('\n', f);
}

void cli_help(FILE *f, const cli_spec *spec, kw_lang lang) {
  char key[96], buf[1024];
  snprintf(key, sizeof key, "help.%s.usage", spec->name);
  fprintf(f, "%s klantwijs %s %s\n\n", cli_text("cli.usage", lang), spec->name,
          cli_text(key, lang));
  snprintf(key, sizeof key, "help.%s.about", spec->name);
  wrap(f, cli_text(key, lang), 0, 0, 76);
  for (const cli_group *const *g = spec->groups; *g; g++) {
    fprintf(f, "\n%s:\n",
            cli_text((*g)->title ? (*g)->title : "cli.group.options", lang));
    for (size_t k = 0; k < (*g)->n; k++) {
      const cli_opt *o = &(*g)->rows[k];
      char left[96];
      size_t n = left_col(left, sizeof left, o);
      fprintf(f, "  %s", left);
      if (n + 2 > 24) {
        fprintf(f, "\n%*s", 25, "");
      } else {
        fprintf(f, "%*s", (int)(25 - 2 - n), "");
      }
      row_help(buf, sizeof buf, o, lang);
      wrap(f, buf, 25, 25, 78);
    }
  }
  snprintf(key, sizeof key, "help.%s.examples", spec->name);
  fprintf(f, "\n%s:\n%s", cli_text("cli.examples", lang), cli_text(key, lang));
}

/* ------------------------------------------------------------------ man */

/* troff text: backslashes doubled, '-' as \-, a leading '.' or '\''
 * escaped. */
static void roff(FILE *f, const char *s) {
  bool bol = true;
  for (; *s; s++) {
    if (bol && (*s == '.' || *s == '\'')) fputs("\\&", f);
    if (*s == '\\')
      fputs("\\e", f);
    else if (*s == '-')
      fputs("\\-", f);
    else
      fputc(*s, f);
    bol = *s == '\n';
  }
}

void cli_man(FILE *f) {
  kw_lang en = KW_LANG_EN;
  fprintf(f, ".TH KLANTWIJS 1 \"\" \"klantwijs %s\" \"User Commands\"\n",
          kw_version());
  fputs(".SH NAME\nklantwijs \\- ", f);
  roff(f, cli_text("cli.tagline", en));
  fputs(
      "\n.SH SYNOPSIS\n.B klantwijs\n.I COMMAND\n[\\fIOPTIONS\\fR] "
      "[\\fIPATH\\fR]\n.SH DESCRIPTION\n",
      f);
  roff(f, cli_text("cli.man.about", en));
  fputs("\n.SH COMMANDS\n", f);
  for (size_t i = 0; i < kw_cli_ncommands; i++) {
    const kw_cli_command *cmd = &kw_cli_commands[i];
    fprintf(f, ".SS %s\n", cmd->name);
    roff(f, cli_text(cmd->summary, en));
    fputs("\n", f);
    const cli_spec *spec = cmd->spec;
    char key[96], buf[1024];
    snprintf(key, sizeof key, "help.%s.usage", spec->name);
    fprintf(f, ".PP\n.B klantwijs %s\n", spec->name);
    roff(f, cli_text(key, en));
    fputs("\n.PP\n", f);
    snprintf(key, sizeof key, "help.%s.about", spec->name);
    roff(f, cli_text(key, en));
    fputs("\n", f);
    for (const cli_group *const *g = spec->groups; *g; g++) {
      fputs(".PP\n.I ", f);
      roff(f, cli_text((*g)->title ? (*g)->title : "cli.group.options", en));
      fputs("\n", f);
      for (size_t k = 0; k < (*g)->n; k++) {
        const cli_opt *o = &(*g)->rows[k];
        char left[96];
        left_col(left, sizeof left, o);
        fputs(".TP\n.B ", f);
        roff(f, left);
        fputs("\n", f);
        row_help(buf, sizeof buf, o, en);
        roff(f, buf);
        fputs("\n", f);
      }
    }
    snprintf(key, sizeof key, "help.%s.examples", spec->name);
    fputs(".PP\n.I ", f);
    roff(f, cli_text("cli.examples", en));
    fputs("\n.nf\n", f);
    roff(f, cli_text(key, en));
    fputs(".fi\n", f);
  }
  fputs(".SH EXIT STATUS\n", f);
  roff(f, cli_text("cli.exit_codes", en));
  fputs("\n.SH ENVIRONMENT\n.TP\n.B NO_COLOR\n", f);
  roff(f, cli_text("cli.man.no_color", en));
  fputs("\n", f);
}
