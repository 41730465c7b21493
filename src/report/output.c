/*
 * output.c — writing the four report files into a folder, each atomically
 * (a temporary name beside it, renamed when complete), and the one-screen
 * text summary for the terminal.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "report/readings.h"
#include "report/text.h"

static kw_status make_dirs(kw_context *ctx, const char *dir) {
  char *p = kw_strdup(ctx, dir);
  if (!p) return kw_fail_nomem(ctx);
  kw_status st = KW_OK;
  for (char *q = p + 1; ; q++) {
    if (*q != '/' && *q != '\0') continue;
    char c = *q;
    *q = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      st = kw_fail(ctx, KW_EIO, "%s: cannot create: %s", p, strerror(errno));
      break;
    }
    *q = c;
    if (!c) break;
  }
  struct stat sb;
  if (!st && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
    st = kw_fail(ctx, KW_EIO, "%s: not a folder", dir);
  kw_free(ctx, p);
  return st;
}

static char *join(kw_context *ctx, const char *dir, const char *name) {
  size_t a = strlen(dir), b = strlen(name);
  char *s = kw_malloc(ctx, a + b + 2);
  if (!s) return NULL;
  memcpy(s, dir, a);
  size_t k = a;
  if (a && dir[a - 1] != '/') s[k++] = '/';
  memcpy(s + k, name, b + 1);
  return s;
}

typedef kw_status (*writer_fn)(kw_context *, const kw_analysis *, FILE *);

static kw_status write_one(kw_context *ctx, const kw_analysis *a,
                           const char *dir, const char *name, writer_fn fn) {
  char *path = join(ctx, dir, name);
  if (!path) return kw_fail_nomem(ctx);
  kw_atomic *at = NULL;
  kw_status st = kw_atomic_open(ctx, path, &at);
  if (!st) {
    st = fn(ctx, a, kw_atomic_file(at));
    if (st) kw_atomic_abort(at);
    else st = kw_atomic_commit(at);
  }
  kw_free(ctx, path);
  return st;
}

kw_status kw_report_write_dir(kw_context *ctx, const kw_analysis *a,
                              const char *dir) {
  kw_status st = make_dirs(ctx, dir);
  if (!st) st = write_one(ctx, a, dir, "summary.json", kw_report_summary_json);
  if (!st) st = write_one(ctx, a, dir, "customers.csv", kw_report_customers_csv);
  if (!st) {
    char *path = join(ctx, dir, "customers.xlsx");
    if (!path) return kw_fail_nomem(ctx);
    st = kw_report_customers_xlsx(ctx, a, path);
    kw_free(ctx, path);
  }
  if (!st) st = write_one(ctx, a, dir, "index.html", kw_report_html);
  return st;
}

static void line(FILE *f, const char *label, const char *value,
                 const char *hint) {
  /* pad by code points so Dutch accents align */
  size_t w = 0;
  for (const char *p = label; *p; p++)
    if (((unsigned char)*p & 0xC0) != 0x80) w++;
  fprintf(f, "  %s", label);
  for (size_t k = w; k < 22; k++) fputc(' ', f);
  fprintf(f, " %s", value);
  if (hint && hint[0]) fprintf(f, "   (%s)", hint);
  fputc('\n', f);
}

kw_status kw_report_console(kw_context *ctx, const kw_analysis *a,
                            const char *dir, FILE *f) {
  const kw_headline *h = &a->head;
  kw_lang lang = a->o.lang;
  const char *cur = a->currency;
  char v[64], hint[256], buf[1024];
  const char *na = kw_msg_text(MSG_NOT_AVAILABLE, lang);
  kw_marg t[] = {kw_ma_date("as_of", a->as_of)};
  kw_msg_format(buf, sizeof buf, MSG_CON_TITLE, lang, cur, t, 1);
  fprintf(f, "%s\n\n", buf);
  line(f, kw_msg_text(MSG_KPI_CUSTOMERS, lang),
       kw_fmt_number(v, (double)h->customers, 0, lang), NULL);
  line(f, kw_msg_text(MSG_KPI_ACTIVE, lang),
       kw_fmt_number(v, (double)h->active_customers, 0, lang), NULL);
  line(f, kw_msg_text(MSG_KPI_REVENUE, lang),
       kw_fmt_currency(v, h->revenue, 0, lang, cur), NULL);
  line(f, kw_msg_text(MSG_KPI_REPEAT, lang),
       isfinite(h->repeat_rate) ? kw_fmt_pct(v, h->repeat_rate, 1, lang) : na,
       NULL);
  kw_msg_format(hint, sizeof hint, a->churn_12m ? MSG_HINT_CHURN
                                                : MSG_HINT_CHURN_ALL,
                lang, cur, NULL, 0);
  line(f, kw_msg_text(MSG_KPI_CHURN, lang),
       isfinite(h->churn_rate) ? kw_fmt_pct(v, h->churn_rate, 1, lang) : na,
       isfinite(h->churn_rate) ? hint : NULL);
  kw_marg hm[] = {kw_ma_int("months", a->o.horizon_months)};
  kw_msg_format(hint, sizeof hint,
                a->have_profit ? MSG_HINT_CLV : MSG_HINT_CLV_REVENUE, lang, cur,
                hm, 1);
  line(f, kw_msg_text(MSG_KPI_CLV, lang),
       isfinite(h->clv_mean)
           ? kw_fmt_currency(v, (int64_t)llround(h->clv_mean * 100), 0, lang,
                             cur)
           : na,
       isfinite(h->clv_mean) ? hint : NULL);
  line(f, kw_msg_text(MSG_KPI_CLV_CAC, lang),
       isfinite(h->clv_cac) ? kw_fmt_number(v, h->clv_cac, 1, lang) : na,
       NULL);
  line(f, kw_msg_text(MSG_KPI_DSO, lang),
       isfinite(h->dso) ? kw_fmt_number(v, h->dso, 0, lang) : na, NULL);
  line(f, kw_msg_text(MSG_KPI_NPS, lang),
       isfinite(h->nps) ? kw_fmt_number(v, h->nps, 0, lang) : na, NULL);
  if (kw_reading_text(a, KW_READ_PARETO, buf, sizeof buf))
    fprintf(f, "\n  %s\n", buf);
  /* what the figures rest on: the currency, guest sales, the model */
  {
    kw_marg cm[] = {kw_ma_str("currency", a->currency),
                    kw_ma_str("source", a->currency_source)};
    kw_msg_format(buf, sizeof buf,
                  a->currency_assumed ? MSG_CURRENCY_ASSUMED
                                      : MSG_CURRENCY_FROM,
                  lang, a->currency, cm, 2);
    fprintf(f, "\n  %s: %s\n", kw_msg_text(MSG_FIG_CURRENCY, lang), buf);
    if (a->guest_lines) {
      double tot = (double)a->guest_cents + (double)a->head.revenue;
      kw_marg gm[] = {kw_ma_money("amount", a->guest_cents, 0),
                      kw_ma_int("lines", (int64_t)a->guest_lines),
                      kw_ma_pct("share",
                                tot > 0 ? (double)a->guest_cents / tot : NAN,
                                1)};
      kw_msg_format(buf, sizeof buf, MSG_GUEST_SALES, lang, a->currency, gm,
                    3);
      fprintf(f, "  %s: %s\n", kw_msg_text(MSG_FIG_GUEST_SALES, lang), buf);
    }
    if (a->have_clv && !a->clv_ok)
      fprintf(f, "  %s\n", kw_msg_text(MSG_READ_CHECKS_NONE, lang));
  }
  fprintf(f, "\n%s\n", kw_msg_text(MSG_CON_ACTIONS, lang));
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    if (!h->action_count[k]) continue;
    char stake[48];
    kw_fmt_currency(stake, (int64_t)llround(a->stake_total[k] * 100), 0, lang,
                    cur);
    fprintf(f, "  %-28s %8s   %s\n", kw_action_label((kw_action)k, lang),
            kw_fmt_number(v, (double)h->action_count[k], 0, lang), stake);
  }
  bool header = false;
  for (int s = 0; s < KW_STEP__COUNT; s++) {
    if (a->step[s] != KW_STEP_SKIPPED && a->step[s] != KW_STEP_FAILED)
      continue;
    if (!header)
      fprintf(f, "\n%s\n", kw_msg_text(MSG_CON_SKIPPED, lang));
    header = true;
    kw_step_info si;
    kw_analysis_step(a, (kw_step)s, &si);
    fprintf(f, "  %s: %s\n", si.label, si.note);
  }
  if (dir) {
    kw_marg d[] = {kw_ma_str("dir", dir)};
    kw_msg_format(buf, sizeof buf, MSG_CON_FILES, lang, cur, d, 1);
    fprintf(f, "\n%s\n  index.html  customers.xlsx  customers.csv  "
               "summary.json\n",
            buf);
    char path[1024];
    snprintf(path, sizeof path, "%s%sindex.html", dir,
             dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/");
    kw_marg o[] = {kw_ma_str("path", path)};
    kw_msg_format(buf, sizeof buf, MSG_CON_OPEN, lang, cur, o, 1);
    fprintf(f, "%s\n", buf);
  }
  if (ferror(f)) return kw_fail(ctx, KW_EIO, "cannot write the summary");
  return KW_OK;
}
