/*
 * fit_profile.c — reading an ideal-customer-profile file (the format is in
 * klantwijs/segments.h) and writing its template.
 *
 * Line based: '#' starts a comment; "key = value, value" states a
 * criterion; "weight.key = 2" weighs it (default 1). List criteria
 * (sector, size, type, region, channel, category) take words compared
 * without regard to case; region takes a region or province key
 * (flanders, wallonia, brussels, netherlands, be_antwerp, nl_utrecht, ...)
 * or its Dutch or English name. Thresholds take numbers with '.' or ',' and
 * an optional '%' (25% = 0.25). Errors name file:line.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "io/msg.h"
#include "io/textfile.h"
#include "models/segments_internal.h"
#include "report/messages.h"

static const char *const crit_keys[KW_FIT__COUNT] = {
#define KW_X_FC(e, key, list) [e] = key,
    KW_FIT_CRIT_LIST(KW_X_FC)
#undef KW_X_FC
};
static const bool crit_list[KW_FIT__COUNT] = {
#define KW_X_FC(e, key, list) [e] = list,
    KW_FIT_CRIT_LIST(KW_X_FC)
#undef KW_X_FC
};

const char *kw_fit_crit_key(kw_fit_crit c) {
  return (unsigned)c < KW_FIT__COUNT ? crit_keys[c] : "";
}

void kw_fit_profile_free(kw_fit_profile *p) {
  if (!p) return;
  /* allocated with the context's allocator: the context pointer is kept
     just before the struct */
  kw_context *ctx = ((kw_context **)p)[-1];
  kw_free(ctx, p->text);
  kw_free(ctx, (kw_context **)p - 1);
}

/* A failure at line of the profile, by message key; CUT: the first 60
 * bytes of a text for a value of the message. */
#define WHERE(line) kw_io_where((char[512]){0}, 512, name, (line), 0)
#define CUT(s) cut60((char[64]){0}, (s))
static const char *cut60(char *buf, const char *s) {
  snprintf(buf, 64, "%.60s", s);
  return buf;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

static kw_fit_crit crit_from(const char *k) {
  for (int c = 0; c < KW_FIT__COUNT; c++)
    if (strcasecmp(k, crit_keys[c]) == 0) return (kw_fit_crit)c;
  /* Dutch synonyms */
  static const struct { const char *w; kw_fit_crit c; } nl[] = {
      {"grootte", KW_FIT_SIZE}, {"klanttype", KW_FIT_TYPE},
      {"regio", KW_FIT_REGION}, {"kanaal", KW_FIT_CHANNEL},
      {"categorie", KW_FIT_CATEGORY}, {"province", KW_FIT_REGION},
      {"provincie", KW_FIT_REGION}};
  for (size_t i = 0; i < sizeof nl / sizeof *nl; i++)
    if (strcasecmp(k, nl[i].w) == 0) return nl[i].c;
  return KW_FIT__COUNT;
}

static bool parse_num(const char *s, double *out) {
  char buf[64];
  size_t n = strlen(s);
  if (n == 0 || n >= sizeof buf) return false;
  bool pct = s[n - 1] == '%';
  if (pct) n--;
  for (size_t i = 0; i < n; i++) buf[i] = s[i] == ',' ? '.' : s[i];
  buf[n] = '\0';
  char *end;
  errno = 0;
  double v = strtod(trim(buf), &end);
  if (errno || *end || !isfinite(v)) return false;
  *out = pct ? v / 100.0 : v;
  return true;
}

kw_status kw_fit_profile_parse(kw_context *ctx, const char *text, size_t len,
                               const char *name, kw_fit_profile **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "fit profile: out is NULL");
  *out = NULL;
  if (!name) name = "profile";
  kw_context **blk = kw_calloc(ctx, 1, sizeof(kw_context *) +
                                           sizeof(kw_fit_profile));
  if (!blk) return kw_fail_nomem(ctx);
  blk[0] = ctx;
  kw_fit_profile *p = (kw_fit_profile *)(blk + 1);
  p->text = kw_malloc(ctx, len + 1);
  if (!p->text) {
    kw_free(ctx, blk);
    return kw_fail_nomem(ctx);
  }
  memcpy(p->text, text, len);
  p->text[len] = '\0';
  for (int c = 0; c < KW_FIT__COUNT; c++) p->weight[c] = 1.0;
  uint64_t line = 0;
  char *s = p->text;
  size_t stated = 0;
  while (s && *s) {
    line++;
    char *nl = strchr(s, '\n');
    if (nl) *nl = '\0';
    char *hash = strchr(s, '#');
    if (hash) *hash = '\0';
    char *l = trim(s);
    s = nl ? nl + 1 : NULL;
    if (!*l) continue;
    char *eq = strchr(l, '=');
    if (!eq) {
      kw_status st_ = kw_io_fail(ctx, KW_EINPUT, 0, WHERE(line),
                                 "load.err.fit_line", "text", CUT(l), NULL);
      kw_fit_profile_free(p);
      return st_;
    }
    *eq = '\0';
    char *key = trim(l), *val = trim(eq + 1);
    bool weight = strncasecmp(key, "weight.", 7) == 0 ||
                  strncasecmp(key, "gewicht.", 8) == 0;
    kw_fit_crit c = crit_from(weight ? strchr(key, '.') + 1 : key);
    if (c == KW_FIT__COUNT) {
      kw_status st_ =
          kw_io_fail(ctx, KW_EINPUT, 0, WHERE(line), "load.err.fit_criterion",
                     "key", CUT(weight ? strchr(key, '.') + 1 : key), NULL);
      kw_fit_profile_free(p);
      return st_;
    }
    if (weight) {
      double w;
      if (!parse_num(val, &w) || w < 0 || w > 100) {
        kw_status st_ =
            kw_io_fail(ctx, KW_EINPUT, 0, WHERE(line), "load.err.fit_weight",
                       "text", CUT(val), NULL);
        kw_fit_profile_free(p);
        return st_;
      }
      p->weight[c] = w;
      continue;
    }
    if (!*val) {
      kw_status st_ = kw_io_fail(ctx, KW_EINPUT, 0, WHERE(line),
                                 "load.err.fit_no_value", "key", key, NULL);
      kw_fit_profile_free(p);
      return st_;
    }
    p->set[c] = true;
    stated++;
    if (crit_list[c]) {
      char *v = val;
      while (v) {
        char *comma = strchr(v, ',');
        if (comma) *comma = '\0';
        char *w = trim(v);
        v = comma ? comma + 1 : NULL;
        if (!*w) continue;
        if (p->nvalues[c] >= KW_FIT_MAX_VALUES) {
          kw_status st_ =
              kw_io_fail(ctx, KW_EINPUT, 0, WHERE(line), "load.err.fit_values",
                         "n", KW_NUM_I(KW_FIT_MAX_VALUES), NULL);
          kw_fit_profile_free(p);
          return st_;
        }
        p->values[c][p->nvalues[c]++] = w;
      }
    } else if (!parse_num(val, &p->number[c])) {
      kw_status st_ =
          kw_io_fail(ctx, KW_EINPUT, 0, WHERE(line), "load.err.fit_number",
                     "key", key, "text", CUT(val), NULL);
      kw_fit_profile_free(p);
      return st_;
    }
  }
  if (!stated) {
    kw_status st_ =
        kw_io_fail(ctx, KW_EINPUT, 0, name, "load.err.fit_none", NULL);
    kw_fit_profile_free(p);
    return st_;
  }
  *out = p;
  return KW_OK;
}

kw_status kw_fit_profile_load(kw_context *ctx, const char *path,
                              kw_fit_profile **out) {
  if (!out) return kw_fail(ctx, KW_EARG, "fit profile: out is NULL");
  *out = NULL;
  kw_buf b;
  kw_status st = kw_read_text_file(ctx, path, &b);
  if (!st) st = kw_fit_profile_parse(ctx, b.data ? b.data : "", b.len, path,
                                     out);
  kw_buf_free(ctx, &b);
  return st;
}

kw_status kw_fit_profile_template(kw_context *ctx, kw_lang lang, FILE *f) {
  const char *t = kw_msg_text(MSG_FIT_TEMPLATE, lang);
  if (fputs(t, f) < 0 || fflush(f) != 0)
    return kw_fail(ctx, KW_EIO, "cannot write the fit template");
  return KW_OK;
}
