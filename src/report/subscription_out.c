/*
 * subscription_out.c — the report folder and console summary of the main
 * job on contract data (klantwijs/subscription.h): index.html (inline CSS,
 * nothing from the network), summary.json and customers.csv, each written
 * atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core.h"
#include "klantwijs/analyze.h"
#include "klantwijs/subscription.h"
#include "report/export.h"
#include "report/messages.h"
#include "report/svg.h"
#include "report/text.h"

#include <xlsxwriter.h>

typedef struct sw {
  FILE *f;
  kw_lang lang;
  const char *cur;
  const kw_currency_info *cur_info; /* where the currency came from */
  kw_context *ctx;
  char buf[1024];
} sw;

static const char *M(const sw *w, kw_msg m) { return kw_msg_text(m, w->lang); }

static void esc(sw *w, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '<': fputs("&lt;", w->f); break;
      case '>': fputs("&gt;", w->f); break;
      case '&': fputs("&amp;", w->f); break;
      case '"': fputs("&quot;", w->f); break;
      default: fputc(*s, w->f);
    }
  }
}

static const char *money(sw *w, char *b, size_t cap, double units) {
  if (!isfinite(units)) return "–";
  kw_marg m = kw_ma_money("m", (int64_t)llround(units * 100.0), 0);
  kw_msg_fill(b, cap, "{m}", w->lang, w->cur, &m, 1);
  return b;
}

static const char *pct(sw *w, char *b, size_t cap, double v, int dec) {
  if (!isfinite(v)) return "–";
  kw_marg m = kw_ma_pct("p", v, dec);
  kw_msg_fill(b, cap, "{p}", w->lang, w->cur, &m, 1);
  return b;
}

static const char *numf(sw *w, char *b, double v, int dec) {
  if (!isfinite(v)) return "–";
  return kw_fmt_number(b, v, dec, w->lang);
}

static const char *plan_name(const sw *w, const kw_sub_plan *p) {
  return strcmp(p->name, "all") == 0 ? M(w, MSG_SUB_ALL) : p->name;
}

static void th(sw *w, kw_msg m) {
  fputs("<th>", w->f);
  esc(w, M(w, m));
  fputs("</th>", w->f);
}

static void td(sw *w, const char *s, bool num) {
  fputs(num ? "<td class=\"n\">" : "<td>", w->f);
  esc(w, s);
  fputs("</td>", w->f);
}

typedef struct ranked {
  double v;
  size_t r;
} ranked;

/* "Currency: EUR, from ..." or "..., assumed ..." into w->buf. */
static void currency_line(sw *w) {
  char b[512];
  kw_currency_text(b, sizeof b, w->cur_info, w->lang);
  snprintf(w->buf, sizeof w->buf, "%s: %s.", M(w, MSG_FIG_CURRENCY), b);
}

/* Kaplan-Meier retention per plan (or of all customers without plans) as
 * step lines, months on the x axis. */
static void retention_chart(sw *w, const kw_sub_data *d) {
  static const char *const colors[] = {"#1d4ed8", "#b45309", "#047857",
                                       "#7c3aed", "#be123c", "#0e7490",
                                       "#4d7c0f", "#6b7280"};
  const kw_km *km = d->km ? d->km : d->km_all;
  if (!km) return;
  size_t ng = kw_km_groups(km), ns = 0;
  if (ng > 8) ng = 8;
  kw_svg_series s[8];
  double *buf[8][2];
  memset(buf, 0, sizeof buf);
  for (size_t g = 0; g < ng; g++) {
    const kw_km_curve *cv = kw_km_group_curve(km, g);
    if (!cv || cv->n < KW_PRIVACY_MIN || !cv->n_times) continue;
    /* S = 1 from 0 to the first time, then the steps */
    size_t n = cv->n_times + 1;
    double *x = kw_malloc(w->ctx, n * sizeof *x);
    double *y = kw_malloc(w->ctx, n * sizeof *y);
    if (!x || !y) {
      kw_free(w->ctx, x);
      kw_free(w->ctx, y);
      continue;
    }
    x[0] = 0, y[0] = 1;
    for (size_t i = 0; i < cv->n_times; i++)
      x[i + 1] = cv->time[i], y[i + 1] = cv->survival[i];
    buf[ns][0] = x, buf[ns][1] = y;
    const char *name = d->km ? kw_km_group_name(km, g) : M(w, MSG_SUB_ALL);
    s[ns] = (kw_svg_series){name, x, y, n, colors[ns], true, false, NULL,
                            NULL};
    ns++;
  }
  if (ns) {
    kw_text t;
    kw_text_init(&t, w->ctx);
    kw_svg_style st = {w->lang, w->cur};
    kw_svg_axis xa = {M(w, MSG_AXIS_MONTHS), 0, -1, KW_SVG_NUM, 0};
    kw_svg_axis ya = {M(w, MSG_AXIS_STILL_ACTIVE), 0, 1, KW_SVG_PCT, 0};
    kw_svg_lines(&t, &st, M(w, MSG_SUB_CHART_RETENTION), &xa, &ya, s, ns, NAN,
                 NAN, NULL);
    fputs("<figure>", w->f);
    kw_text_flush(&t, w->f);
    fputs("</figure>\n", w->f);
    kw_text_free(&t);
  }
  for (size_t k = 0; k < ns; k++) {
    kw_free(w->ctx, buf[k][0]);
    kw_free(w->ctx, buf[k][1]);
  }
}

static int by_v_desc(const void *x, const void *y) {
  const ranked *a = x, *b = y;
  if (a->v != b->v) return a->v > b->v ? -1 : 1;
  return (a->r > b->r) - (a->r < b->r);
}

static double charge_at(const kw_table *t, const char *col, size_t r) {
  const kw_column *c = col ? kw_table_find(t, col) : NULL;
  if (!c) return NAN;
  if (c->type == KW_TYPE_MONEY)
    return c->v.money[r] == KW_NA_MONEY ? NAN : (double)c->v.money[r] / 100.0;
  if (c->type == KW_TYPE_TEXT && c->v.text[r] != KW_NA_ID) {
    char *end;
    const char *s = kw_dict_str(c->dict, c->v.text[r]);
    double v = strtod(s, &end);
    return end != s && isfinite(v) ? v : NAN;
  }
  return c->type == KW_TYPE_NUMBER ? c->v.number[r] : NAN;
}

static void write_html(sw *w, const kw_subscription *s, const kw_table *t) {
  const kw_sub_data *d = kw_subscription_view(s);
  FILE *f = w->f;
  char a[64], b[64], c[64];
  fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, "
             "initial-scale=1\"><title>",
          w->lang == KW_LANG_NL ? "nl" : "en");
  esc(w, M(w, MSG_SUB_TITLE));
  fputs("</title><style>"
        "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:"
        "1100px;padding:1rem;color:#111}"
        ".kpis{display:flex;flex-wrap:wrap;gap:1rem}.kpi{border:1px solid "
        "#ddd;border-radius:8px;padding:.6rem 1rem;min-width:12rem}"
        ".kpi b{display:block;font-size:1.5rem}"
        ".tw{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0}"
        "th,td{border-bottom:1px solid #eee;padding:.3rem .6rem;text-align:"
        "left}td.n{text-align:right;font-variant-numeric:tabular-nums}"
        "tr>:first-child{position:sticky;left:0;background:#fff}"
        "@media print{@page{size:A4;margin:15mm}section{break-before:page}"
        "section:first-of-type{break-before:auto}}"
        "</style></head><body>\n<h1>",
        f);
  esc(w, M(w, MSG_SUB_TITLE));
  fputs("</h1>\n<p>", f);
  kw_marg im[] = {kw_ma_int("n", (int64_t)d->n),
                  kw_ma_int("skipped", (int64_t)d->n_skipped)};
  kw_msg_format(w->buf, sizeof w->buf, MSG_SUB_INTRO, w->lang, w->cur, im, 2);
  esc(w, w->buf);
  if (d->charge_column) {
    fputs(" ", f);
    currency_line(w);
    esc(w, w->buf);
  }
  fputs("</p>\n<section id=\"headline\"><div class=\"kpis\">", f);
  snprintf(w->buf, sizeof w->buf, "%s (%s)", numf(w, a, (double)d->n_churned, 0),
           pct(w, b, sizeof b, d->n ? (double)d->n_churned / (double)d->n : NAN,
               1));
  fputs("<div class=\"kpi\">", f);
  esc(w, M(w, MSG_SUB_KPI_LEFT));
  fputs("<b>", f);
  esc(w, w->buf);
  fputs("</b></div><div class=\"kpi\">", f);
  esc(w, M(w, MSG_SUB_KPI_MONTHLY));
  fputs("<b>", f);
  esc(w, money(w, a, sizeof a, d->charge_column ? d->monthly_active : NAN));
  fputs("</b></div><div class=\"kpi\">", f);
  esc(w, M(w, MSG_SUB_KPI_AT_RISK));
  fputs("<b>", f);
  esc(w, money(w, a, sizeof a, d->charge_column ? d->at_risk : NAN));
  fputs("</b></div></div></section>\n", f);

  /* plans */
  fputs("<section id=\"plans\"><h2>", f);
  esc(w, M(w, MSG_SUB_SEC_PLANS));
  fputs("</h2>\n<p>", f);
  if (d->logrank_ok) {
    char p[32];
    snprintf(p, sizeof p, d->logrank_p < 0.0001 ? "< 0.0001" : "%.4f",
             d->logrank_p);
    kw_marg lm[] = {kw_ma_num("chi2", d->logrank_chi2, 1),
                    kw_ma_num("df", d->logrank_df, 0), kw_ma_str("p", p)};
    kw_msg_format(w->buf, sizeof w->buf, MSG_SUB_LOGRANK, w->lang, w->cur, lm,
                  3);
    esc(w, w->buf);
  } else {
    esc(w, M(w, MSG_SUB_NO_LOGRANK));
  }
  fputs("</p>\n<div class=\"tw\"><table><thead><tr>", f);
  static const kw_msg heads[] = {MSG_SUB_COL_PLAN,  MSG_COL_CUSTOMERS,
                                 MSG_SUB_COL_LEFT,  MSG_SUB_COL_MEDIAN,
                                 MSG_SUB_COL_S12,   MSG_SUB_COL_S24,
                                 MSG_SUB_COL_SBG,   MSG_SUB_COL_MONTHLY,
                                 MSG_SUB_COL_AT_RISK};
  for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) th(w, heads[k]);
  fputs("</tr></thead><tbody>\n", f);
  for (size_t g = 0; g < d->n_plans; g++) {
    const kw_sub_plan *p = &d->plans[g];
    if (p->customers == 0) continue;
    fputs("<tr>", f);
    td(w, plan_name(w, p), false);
    td(w, numf(w, a, (double)p->customers, 0), true);
    snprintf(w->buf, sizeof w->buf, "%s (%s)", numf(w, b, (double)p->churned, 0),
             pct(w, c, sizeof c, p->churn_share, 1));
    td(w, w->buf, true);
    td(w, isfinite(p->median_months) ? numf(w, a, p->median_months, 0)
                                     : M(w, MSG_SUB_NOT_REACHED),
       true);
    td(w, pct(w, a, sizeof a, p->s12, 1), true);
    td(w, pct(w, a, sizeof a, p->s24, 1), true);
    if (p->sbg_ok) {
      snprintf(w->buf, sizeof w->buf, "%s, %s", numf(w, b, p->alpha, 3),
               numf(w, c, p->beta, 3));
      td(w, w->buf, true);
    } else {
      td(w, M(w, MSG_SUB_NO_FIT), true);
    }
    td(w, money(w, a, sizeof a, d->charge_column ? p->monthly_active : NAN),
       true);
    td(w, money(w, a, sizeof a, d->charge_column ? p->at_risk : NAN), true);
    fputs("</tr>\n", f);
  }
  fputs("</tbody></table></div>\n<p>", f);
  esc(w, M(w, MSG_SUB_AT_RISK_RULE));
  fputs("</p>\n", f);
  retention_chart(w, d);
  fputs("</section>\n", f);

  /* drivers: the levels with the highest churn share, groups >= 5 */
  if (d->drivers) {
    fputs("<section id=\"drivers\"><h2>", f);
    esc(w, M(w, MSG_SUB_SEC_DRIVERS));
    fputs("</h2>\n<p>", f);
    kw_marg mm = kw_ma_int("min", 5);
    kw_msg_format(w->buf, sizeof w->buf, MSG_SUB_DRIVERS_INTRO, w->lang,
                  w->cur, &mm, 1);
    esc(w, w->buf);
    fputs("</p>\n<div class=\"tw\"><table><thead><tr>", f);
    th(w, MSG_SUB_COL_FEATURE);
    th(w, MSG_SUB_COL_LEVEL);
    th(w, MSG_COL_CUSTOMERS);
    th(w, MSG_SUB_COL_RATE);
    fputs("</tr></thead><tbody>\n", f);
    size_t nf = kw_churn_drivers_feature_count(d->drivers), nl = 0;
    typedef struct lv {
      double rate;
      size_t f, l;
    } lv;
    lv *all = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < nf; k++) {
      const kw_churn_driver_levels *L = kw_churn_drivers_levels_view(d->drivers, k);
      if (!L) continue;
      for (size_t l = 0; l < L->n_levels; l++) {
        if (L->n[l] < 5) continue;
        if (nl == cap) {
          cap = cap ? 2 * cap : 64;
          lv *na = realloc(all, cap * sizeof *na);
          if (!na) break;
          all = na;
        }
        all[nl].rate = L->rate[l];
        all[nl].f = k;
        all[nl++].l = l;
      }
    }
    for (size_t i = 1; i < nl; i++) /* insertion sort, rate descending */
      for (size_t j = i; j > 0 && all[j].rate > all[j - 1].rate; j--) {
        lv tmp = all[j];
        all[j] = all[j - 1];
        all[j - 1] = tmp;
      }
    for (size_t i = 0; i < nl && i < 10; i++) {
      const kw_churn_driver_levels *L = kw_churn_drivers_levels_view(d->drivers, all[i].f);
      size_t l = all[i].l;
      fputs("<tr>", f);
      td(w, L->feature, false);
      td(w, L->level[l], false);
      td(w, numf(w, a, (double)L->n[l], 0), true);
      snprintf(w->buf, sizeof w->buf, "%s (%s – %s)",
               pct(w, a, sizeof a, L->rate[l], 1),
               pct(w, b, sizeof b, L->lower[l], 1),
               pct(w, c, sizeof c, L->upper[l], 1));
      td(w, w->buf, true);
      fputs("</tr>\n", f);
    }
    free(all);
    fputs("</tbody></table></div>\n", f);
    const kw_churn_driver_model *dm = kw_churn_drivers_model_view(d->drivers);
    if (dm) {
      kw_marg am[] = {kw_ma_num("auc", dm->auc, 3),
                      kw_ma_int("n", (int64_t)dm->n_test)};
      kw_msg_format(w->buf, sizeof w->buf, MSG_SUB_AUC, w->lang, w->cur, am, 2);
      fputs("<p>", f);
      esc(w, w->buf);
      fputs("</p>\n", f);
    }
    fputs("</section>\n", f);
  }

  /* actions */
  fputs("<section id=\"actions\"><h2>", f);
  esc(w, M(w, MSG_SUB_SEC_ACTIONS));
  fputs("</h2>\n<p>", f);
  char risk[32];
  kw_marg rm = kw_ma_str("risk", pct(w, risk, sizeof risk, KW_SUB_RETAIN_RISK, 0));
  kw_msg_format(w->buf, sizeof w->buf, MSG_SUB_RULE, w->lang, w->cur, &rm, 1);
  esc(w, w->buf);
  fputs("</p>\n<div class=\"tw\"><table><tbody>\n", f);
  const struct {
    kw_action act;
    size_t n;
  } counts[] = {{KW_ACTION_RETAIN, d->retain},
                {KW_ACTION_WIN_BACK, d->win_back},
                {KW_ACTION_SERVE_LOW_COST, d->serve}};
  for (size_t k = 0; k < 3; k++) {
    fputs("<tr>", f);
    td(w, kw_action_label(counts[k].act, w->lang), false);
    td(w, numf(w, a, (double)counts[k].n, 0), true);
    fputs("</tr>\n", f);
  }
  fputs("</tbody></table></div>\n", f);
  size_t rows = kw_table_rows(t), nr = 0;
  ranked *rk = malloc((rows ? rows : 1) * sizeof *rk);
  const kw_column *id = kw_table_role(t, KW_ROLE_CUSTOMER);
  if (rk) {
    for (size_t r = 0; r < rows; r++) {
      if (d->action[r] != KW_ACTION_RETAIN) continue;
      double ch = charge_at(t, d->charge_column, r);
      rk[nr].v = isfinite(ch) ? ch * d->p_leave[r] : d->p_leave[r];
      rk[nr++].r = r;
    }
    qsort(rk, nr, sizeof *rk, by_v_desc);
    size_t top = nr < 15 ? nr : 15;
    kw_marg tm = kw_ma_int("n", (int64_t)top);
    kw_msg_format(w->buf, sizeof w->buf, MSG_SUB_TOP, w->lang, w->cur, &tm, 1);
    fputs("<p>", f);
    esc(w, w->buf);
    fputs("</p>\n<div class=\"tw\"><table><thead><tr>", f);
    th(w, MSG_COL_CUSTOMER);
    th(w, MSG_SUB_COL_PLAN);
    th(w, MSG_SUB_COL_TENURE);
    th(w, MSG_SUB_COL_MONTHLY);
    th(w, MSG_SUB_COL_P_LEAVE);
    fputs("</tr></thead><tbody>\n", f);
    const kw_column *pc =
        d->plan_column ? kw_table_find(t, d->plan_column) : NULL;
    const kw_column *tc = kw_table_role(t, KW_ROLE_TENURE);
    for (size_t k = 0; k < top; k++) {
      size_t r = rk[k].r;
      fputs("<tr>", f);
      if (id && id->v.text[r] != KW_NA_ID)
        td(w, kw_dict_str(id->dict, id->v.text[r]), false);
      else
        snprintf(w->buf, sizeof w->buf, "%zu", r + 1), td(w, w->buf, false);
      td(w,
         pc && pc->v.text[r] != KW_NA_ID ? kw_dict_str(pc->dict, pc->v.text[r])
                                         : "",
         false);
      td(w, numf(w, a, tc->v.number[r], 0), true);
      td(w, money(w, a, sizeof a, charge_at(t, d->charge_column, r)), true);
      td(w, pct(w, a, sizeof a, d->p_leave[r], 1), true);
      fputs("</tr>\n", f);
    }
    fputs("</tbody></table></div>\n", f);
    free(rk);
  }
  fputs("</section>\n</body></html>\n", f);
}

static void write_json(sw *w, const kw_subscription *s) {
  const kw_sub_data *d = kw_subscription_view(s);
  FILE *f = w->f;
  fprintf(f, "{\n  \"kind\": \"contracts\",\n  \"currency\": \"%s\",\n", w->cur);
  fprintf(f, "  \"customers\": %zu,\n  \"skipped_rows\": %zu,\n", d->n,
          d->n_skipped);
  fprintf(f, "  \"churned\": %zu,\n", d->n_churned);
  if (d->charge_column)
    fprintf(f, "  \"monthly_revenue_active\": %.2f,\n"
               "  \"monthly_revenue_at_risk\": %.2f,\n",
            d->monthly_active, d->at_risk);
  else
    fputs("  \"monthly_revenue_active\": null,\n"
          "  \"monthly_revenue_at_risk\": null,\n",
          f);
  if (d->logrank_ok)
    fprintf(f, "  \"logrank\": {\"chi2\": %.4f, \"df\": %.0f, \"p\": %.6g},\n",
            d->logrank_chi2, d->logrank_df, d->logrank_p);
  else
    fputs("  \"logrank\": null,\n", f);
  fputs("  \"plans\": [\n", f);
  for (size_t g = 0; g < d->n_plans; g++) {
    const kw_sub_plan *p = &d->plans[g];
    fputs("    {\"plan\": \"", f);
    for (const char *q = p->name; *q; q++) {
      if (*q == '"' || *q == '\\') fputc('\\', f);
      if ((unsigned char)*q >= 0x20) fputc(*q, f);
    }
    fprintf(f, "\", \"customers\": %zu, \"churned\": %zu", p->customers,
            p->churned);
    if (isfinite(p->median_months))
      fprintf(f, ", \"median_months\": %.1f", p->median_months);
    else
      fputs(", \"median_months\": null", f);
    fprintf(f, ", \"retention_12\": %.4f, \"retention_24\": %.4f", p->s12,
            p->s24);
    if (p->sbg_ok)
      fprintf(f, ", \"sbg\": {\"alpha\": %.6g, \"beta\": %.6g}", p->alpha,
              p->beta);
    else
      fputs(", \"sbg\": null", f);
    if (d->charge_column)
      fprintf(f, ", \"monthly_revenue_active\": %.2f, "
                 "\"monthly_revenue_at_risk\": %.2f",
              p->monthly_active, p->at_risk);
    fprintf(f, "}%s\n", g + 1 < d->n_plans ? "," : "");
  }
  fprintf(f, "  ],\n  \"actions\": {\"retain\": %zu, \"win_back\": %zu, "
             "\"serve_low_cost\": %zu},\n",
          d->retain, d->win_back, d->serve);
  fprintf(f, "  \"retain_risk_threshold\": %.2f\n}\n", KW_SUB_RETAIN_RISK);
}

static void write_csv(sw *w, const kw_subscription *s, const kw_table *t) {
  const kw_sub_data *d = kw_subscription_view(s);
  FILE *f = w->f;
  const kw_column *id = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *pc = d->plan_column ? kw_table_find(t, d->plan_column) : NULL;
  const kw_column *tc = kw_table_role(t, KW_ROLE_TENURE);
  fputs("customer_id,plan,tenure_months,churned,monthly_charge,"
        "p_leave_next_month,action\n",
        f);
  size_t rows = kw_table_rows(t);
  for (size_t r = 0; r < rows; r++) {
    if (d->action[r] == 0) continue;
    const char *cid = id && id->v.text[r] != KW_NA_ID
                          ? kw_dict_str(id->dict, id->v.text[r])
                          : NULL;
    const char *pl = pc && pc->v.text[r] != KW_NA_ID
                         ? kw_dict_str(pc->dict, pc->v.text[r])
                         : "";
    if (cid) {
      fputc('"', f);
      for (const char *q = cid; *q; q++) {
        if (*q == '"') fputc('"', f);
        fputc(*q, f);
      }
      fputc('"', f);
    } else {
      fprintf(f, "%zu", r + 1);
    }
    fputs(",\"", f);
    for (const char *q = pl; *q; q++) {
      if (*q == '"') fputc('"', f);
      fputc(*q, f);
    }
    double ch = charge_at(t, d->charge_column, r);
    fprintf(f, "\",%.10g,%d,", tc->v.number[r], d->churned[r] == 1);
    if (isfinite(ch)) fprintf(f, "%.2f", ch);
    fputc(',', f);
    if (isfinite(d->p_leave[r])) fprintf(f, "%.6f", d->p_leave[r]);
    fprintf(f, ",%s\n", kw_action_key((kw_action)d->action[r]));
  }
}

/* ----------------------------------------------------------- xlsx */

/* A sheet with its header row in bold: the first column first_width
 * wide, the others 16; NULL when a write fails. */
static lxw_worksheet *add_sheet(sw *w, lxw_workbook *wb, kw_msg name,
                                const kw_msg *heads, size_t n,
                                double first_width, lxw_format *head) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, M(w, name));
  for (size_t k = 0; ws && k < n; k++)
    if (worksheet_write_string(ws, 0, (lxw_col_t)k, M(w, heads[k]), head) ||
        worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k,
                             k ? 16 : first_width, NULL))
      ws = NULL;
  return ws;
}

/* customers.xlsx: the plans, then one row per customer. */
static kw_status write_xlsx(sw *w, const kw_subscription *s, const kw_table *t,
                            const char *path) {
  const kw_sub_data *d = kw_subscription_view(s);
  kw_context *ctx = w->ctx;
  lxw_workbook_options wo = {.constant_memory = LXW_TRUE,
                             .tmpdir = NULL,
                             .use_zip64 = LXW_FALSE};
  lxw_workbook *wb = workbook_new_opt(path, &wo);
  if (!wb)
    return kw_out_fail(ctx, KW_EIO, "out.err.workbook", "path", path,
                       "reason", "libxlsxwriter failed", NULL);
  lxw_error err = LXW_NO_ERROR;
#define CK(e)                                  \
  do {                                         \
    lxw_error e_ = (e);                        \
    if (e_ != LXW_NO_ERROR && !err) err = e_; \
  } while (0)
  lxw_format *head = workbook_add_format(wb);
  lxw_format *pctf = workbook_add_format(wb);
  lxw_format *money = workbook_add_format(wb);
  if (head) format_set_bold(head);
  if (pctf) format_set_num_format(pctf, "0.0%");
  if (money) format_set_num_format(money, "#,##0.00");
  /* the plans */
  static const kw_msg ph[] = {MSG_SUB_COL_PLAN, MSG_COL_CUSTOMERS,
                              MSG_SUB_COL_LEFT, MSG_SUB_COL_MEDIAN,
                              MSG_SUB_COL_S12,  MSG_SUB_COL_S24,
                              MSG_SUB_COL_MONTHLY, MSG_SUB_COL_AT_RISK};
  lxw_worksheet *ws = add_sheet(w, wb, MSG_SUB_SEC_PLANS, ph, 8, 22, head);
  if (!ws) {
    (void)workbook_close(wb);
    return kw_fail(ctx, KW_EIO, "%s: cannot add a sheet", path);
  }
  lxw_row_t r = 1;
  for (size_t g = 0; g < d->n_plans; g++) {
    const kw_sub_plan *p = &d->plans[g];
    if (!p->customers) continue;
    CK(worksheet_write_string(ws, r, 0, plan_name(w, p), NULL));
    CK(worksheet_write_number(ws, r, 1, (double)p->customers, NULL));
    CK(worksheet_write_number(ws, r, 2, (double)p->churned, NULL));
    if (isfinite(p->median_months))
      CK(worksheet_write_number(ws, r, 3, p->median_months, NULL));
    if (isfinite(p->s12)) CK(worksheet_write_number(ws, r, 4, p->s12, pctf));
    if (isfinite(p->s24)) CK(worksheet_write_number(ws, r, 5, p->s24, pctf));
    if (d->charge_column) {
      CK(worksheet_write_number(ws, r, 6, p->monthly_active, money));
      CK(worksheet_write_number(ws, r, 7, p->at_risk, money));
    }
    r++;
  }
  /* the customers */
  static const kw_msg ch[] = {MSG_COL_CUSTOMER,    MSG_SUB_COL_PLAN,
                              MSG_SUB_COL_TENURE,  MSG_SUB_COL_LEFT,
                              MSG_SUB_COL_CHARGE,  MSG_SUB_COL_P_LEAVE,
                              MSG_SUB_COL_P_LEAVE12, MSG_COL_ACTION};
  ws = add_sheet(w, wb, MSG_SUB_SHEET_CUSTOMERS, ch, 8, 14, head);
  if (!ws) {
    (void)workbook_close(wb);
    return kw_fail(ctx, KW_EIO, "%s: cannot add a sheet", path);
  }
  const kw_column *id = kw_table_role(t, KW_ROLE_CUSTOMER);
  const kw_column *pc = d->plan_column ? kw_table_find(t, d->plan_column) : NULL;
  const kw_column *tc = kw_table_role(t, KW_ROLE_TENURE);
  size_t rows = kw_table_rows(t);
  r = 1;
  char num[32];
  for (size_t i = 0; i < rows && r < 1048575; i++) {
    if (d->action[i] == 0) continue;
    const char *cid = id && id->v.text[i] != KW_NA_ID
                          ? kw_dict_str(id->dict, id->v.text[i])
                          : NULL;
    if (!cid) snprintf(num, sizeof num, "%zu", i + 1), cid = num;
    CK(worksheet_write_string(ws, r, 0, cid, NULL));
    if (pc && pc->v.text[i] != KW_NA_ID)
      CK(worksheet_write_string(ws, r, 1, kw_dict_str(pc->dict, pc->v.text[i]),
                                NULL));
    CK(worksheet_write_number(ws, r, 2, tc->v.number[i], NULL));
    CK(worksheet_write_string(ws, r, 3,
                              M(w, d->churned[i] == 1 ? MSG_WORD_YES
                                                      : MSG_WORD_NO),
                              NULL));
    double chg = charge_at(t, d->charge_column, i);
    if (isfinite(chg)) CK(worksheet_write_number(ws, r, 4, chg, money));
    if (isfinite(d->p_leave[i]))
      CK(worksheet_write_number(ws, r, 5, d->p_leave[i], pctf));
    if (isfinite(d->p_leave12[i]))
      CK(worksheet_write_number(ws, r, 6, d->p_leave12[i], pctf));
    CK(worksheet_write_string(ws, r, 7,
                              kw_action_label((kw_action)d->action[i], w->lang),
                              NULL));
    r++;
  }
  worksheet_freeze_panes(ws, 1, 0);
  CK(worksheet_autofilter(ws, 0, 0, r - 1, 7));
#undef CK
  lxw_error ce = workbook_close(wb);
  if (!err) err = ce;
  if (err)
    return kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path, "reason",
                       lxw_strerror(err), NULL);
  /* on disk before the folder is put in place */
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync(fd) != 0) {
    kw_status st = kw_out_fail(ctx, KW_EIO, "out.err.write", "path", path,
                               "reason", kw_sys_reason(errno), NULL);
    if (fd >= 0) close(fd);
    return st;
  }
  close(fd);
  return KW_OK;
}

/* The folder's files over kw_report_folder. */
typedef struct sub_files {
  sw *w;
  const kw_subscription *s;
  const kw_table *t;
} sub_files;

static kw_status sub_html(kw_context *ctx, const void *st, FILE *f) {
  const sub_files *x = st;
  x->w->f = f;
  write_html(x->w, x->s, x->t);
  return ferror(f) ? kw_fail(ctx, KW_EIO, "index.html: write error") : KW_OK;
}
static kw_status sub_json(kw_context *ctx, const void *st, FILE *f) {
  const sub_files *x = st;
  x->w->f = f;
  write_json(x->w, x->s);
  return ferror(f) ? kw_fail(ctx, KW_EIO, "summary.json: write error") : KW_OK;
}
static kw_status sub_csv(kw_context *ctx, const void *st, FILE *f) {
  const sub_files *x = st;
  x->w->f = f;
  write_csv(x->w, x->s, x->t);
  return ferror(f) ? kw_fail(ctx, KW_EIO, "customers.csv: write error")
                   : KW_OK;
}
static kw_status sub_xlsx(kw_context *ctx, const void *st, const char *path,
                          const char *like) {
  (void)ctx;
  (void)like; /* libxlsxwriter creates the file with the default mode */
  const sub_files *x = st;
  return write_xlsx(x->w, x->s, x->t, path);
}

kw_status kw_subscription_write_dir(kw_context *ctx, const kw_subscription *s,
                                    const kw_table *t, kw_lang lang,
                                    const kw_currency_info *currency,
                                    const char *dir) {
  sw w;
  memset(&w, 0, sizeof w);
  w.lang = lang;
  kw_currency_info assumed;
  if (!currency) kw_dataset_currency(NULL, NULL, &assumed);
  w.cur_info = currency ? currency : &assumed;
  w.cur = w.cur_info->code;
  w.ctx = ctx;
  sub_files x = {&w, s, t};
  static const kw_folder_file files[] = {
      {"summary.json", sub_json, NULL},
      {"customers.csv", sub_csv, NULL},
      {"customers.xlsx", NULL, sub_xlsx},
      {"index.html", sub_html, NULL},
  };
  return kw_report_folder(ctx, dir, files, sizeof files / sizeof *files, &x);
}

kw_status kw_subscription_console(kw_context *ctx, const kw_subscription *s,
                                  kw_lang lang, const char *currency,
                                  const char *dir, FILE *f) {
  (void)ctx;
  const kw_sub_data *d = kw_subscription_view(s);
  sw w;
  memset(&w, 0, sizeof w);
  w.lang = lang;
  w.cur = currency && currency[0] ? currency : "EUR";
  w.f = f;
  char a[64], b[64];
  fprintf(f, "%s\n\n", M(&w, MSG_SUB_CON_TITLE));
  fprintf(f, "  %-40s %s\n", M(&w, MSG_KPI_CUSTOMERS),
          numf(&w, a, (double)d->n, 0));
  fprintf(f, "  %-40s %s (%s)\n", M(&w, MSG_SUB_KPI_LEFT),
          numf(&w, a, (double)d->n_churned, 0),
          pct(&w, b, sizeof b, d->n ? (double)d->n_churned / (double)d->n : NAN,
              1));
  if (d->charge_column) {
    fprintf(f, "  %-40s %s\n", M(&w, MSG_SUB_KPI_MONTHLY),
            money(&w, a, sizeof a, d->monthly_active));
    fprintf(f, "  %-40s %s\n", M(&w, MSG_SUB_COL_AT_RISK),
            money(&w, a, sizeof a, d->at_risk));
  }
  fputc('\n', f);
  for (size_t g = 0; g < d->n_plans; g++) {
    const kw_sub_plan *p = &d->plans[g];
    if (!p->customers) continue;
    fprintf(f, "  %-28s %6zu  %s %s\n", plan_name(&w, p), p->customers,
            M(&w, MSG_SUB_COL_LEFT), pct(&w, a, sizeof a, p->churn_share, 1));
  }
  fprintf(f, "\n%s\n", M(&w, MSG_CON_ACTIONS));
  fprintf(f, "  %-28s %6zu\n", kw_action_label(KW_ACTION_RETAIN, lang),
          d->retain);
  fprintf(f, "  %-28s %6zu\n", kw_action_label(KW_ACTION_WIN_BACK, lang),
          d->win_back);
  fprintf(f, "  %-28s %6zu\n", kw_action_label(KW_ACTION_SERVE_LOW_COST, lang),
          d->serve);
  if (dir) {
    kw_marg dm = kw_ma_str("dir", dir);
    char buf[4200];
    kw_msg_format(buf, sizeof buf, MSG_CON_FILES, lang, w.cur, &dm, 1);
    fprintf(f, "\n%s\n  index.html  customers.xlsx  customers.csv  "
               "summary.json\n", buf);
  }
  return ferror(f) ? kw_fail(ctx, KW_EIO, "write error") : KW_OK;
}
