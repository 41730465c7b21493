/*
 * load_options.c — reading options from their text (kw_load_options_set):
 * what --decimal-mark, --date-format, --delimiter, --encoding, --vat,
 * --vat-rate, --table and --header accept, stated once for the command
 * line, the Python package and any embedder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "io/msg.h"
#include "klantwijs/data.h"
#include "klantwijs/report.h"

static kw_status bad(kw_context *ctx, const char *key, const char *v) {
  return kw_io_fail(ctx, KW_EARG, 0, "", key, "v", v ? v : "", NULL);
}

/* "opt takes a or b[ or c]": the shared choice sentence. */
static kw_status bad_choice(kw_context *ctx, const char *opt, const char *a,
                            const char *b, const char *c) {
  return kw_io_fail(ctx, KW_EARG, 0, "", c ? "load.err.choice3"
                                           : "load.err.choice2",
                    "opt", opt, "a", a, "b", b, "c", c ? c : "", NULL);
}

/* A percentage: 21, 21%, 5.5 or 5,5 (at most two decimals), 1 to 100, in
 * hundredths of a percent; -1 when it is not one. */
static long percent_bp(const char *v) {
  long bp = 0;
  int dec = -1;
  const char *p = v;
  for (; *p && *p != '%'; p++) {
    if ((*p == '.' || *p == ',') && dec < 0) {
      dec = 0;
    } else if (*p >= '0' && *p <= '9' && dec < 2 && bp < 100000) {
      bp = bp * 10 + (*p - '0');
      if (dec >= 0) dec++;
    } else {
      break;
    }
  }
  for (int k = dec < 0 ? 0 : dec; k < 2; k++) bp *= 10;
  if (p == v || (*p && strcmp(p, "%") != 0) || bp < 100 || bp > 10000)
    return -1;
  return bp;
}

static kw_status set_table(kw_context *ctx, kw_load_options *o,
                           const char *v) {
  const char *eq = strchr(v, '=');
  for (int k = 0; eq && k < KW_TABLE__COUNT; k++) {
    const char *name = kw_table_kind_name((kw_table_kind)k);
    if (strlen(name) == (size_t)(eq - v) &&
        strncmp(name, v, (size_t)(eq - v)) == 0 && eq[1]) {
      o->db_tables[k] = eq + 1;
      return KW_OK;
    }
  }
  char kinds[256] = "";
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    size_t n = strlen(kinds);
    snprintf(kinds + n, sizeof kinds - n, "%s%s", k ? ", " : "",
             kw_table_kind_name((kw_table_kind)k));
  }
  return kw_io_fail(ctx, KW_EARG, 0, "", "load.err.table", "kinds", kinds,
                    "v", v, NULL);
}

kw_status kw_load_options_set(kw_context *ctx, kw_load_options *o,
                              const char *name, const char *v) {
  if (!o || !name) return kw_fail(ctx, KW_EARG, "no option");
  if (!strcmp(name, "header") || !strcmp(name, "no-header")) {
    o->header = name[0] == 'h';
    return KW_OK;
  }
  if (!v) v = "";
  if (!strcmp(name, "decimal-mark")) {
    if (strcmp(v, ",") && strcmp(v, ".")) return bad(ctx, "load.err.decimal_mark", v);
    o->decimal_mark = v[0];
  } else if (!strcmp(name, "date-format")) {
    if (!strcmp(v, "dmy")) o->date_order = KW_DATE_DMY;
    else if (!strcmp(v, "mdy")) o->date_order = KW_DATE_MDY;
    else if (!strcmp(v, "ymd")) o->date_order = KW_DATE_YMD;
    else return bad_choice(ctx, "--date-format", "dmy", "mdy", "ymd");
  } else if (!strcmp(name, "delimiter")) {
    if (!strcmp(v, "tab") || !strcmp(v, "\\t")) o->delimiter = '\t';
    else if (!strcmp(v, "space")) o->delimiter = ' ';
    else if (strlen(v) == 1 && strchr(",;|", v[0])) o->delimiter = v[0];
    else return bad(ctx, "load.err.delimiter", v);
  } else if (!strcmp(name, "encoding")) {
    if (!strcasecmp(v, "utf-8") || !strcasecmp(v, "utf8")) o->encoding = 1;
    else if (!strcasecmp(v, "windows-1252") || !strcasecmp(v, "cp1252"))
      o->encoding = 2;
    else return bad_choice(ctx, "--encoding", "utf-8", "windows-1252", NULL);
  } else if (!strcmp(name, "vat")) {
    if (!strcmp(v, "excl")) o->vat = 'e';
    else if (!strcmp(v, "incl")) o->vat = 'i';
    else return bad_choice(ctx, "--vat", "excl", "incl", NULL);
  } else if (!strcmp(name, "vat-rate")) {
    long bp = percent_bp(v);
    if (bp < 0) return bad(ctx, "load.err.vat_rate", v);
    o->vat_rate_bp = (int32_t)bp;
  } else if (!strcmp(name, "table")) {
    return set_table(ctx, o, v);
  } else {
    return kw_fail(ctx, KW_EARG, "unknown reading option '%s'", name);
  }
  return KW_OK;
}
