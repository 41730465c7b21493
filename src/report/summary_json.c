/*
 * summary_json.c — summary.json: every portfolio figure the report shows,
 * for machines. Keys are stable (snake_case, English) whatever the report
 * language; only the "readings" (the sentences under the charts) and group
 * labels are in that language. Money is in currency units with 2 decimals,
 * shares are fractions with 4 decimals, model parameters have 6
 * significant digits: the file is the same on every machine for the same
 * data. A figure the data do not allow is null; a step that did not run is
 * listed under "steps" with its note.
 *
 * The small writer below indents objects and keeps arrays of numbers on
 * one line, so that curves and heatmaps stay readable.
 */
#include <math.h>
#include <string.h>

#include "klantwijs/history.h"
#include "report/analysis_text.h"
#include "report/export.h"
#include "report/feedback_out.h"
#include "report/readings.h"
#include "report/segments_text.h"
#include "report/text.h"

typedef struct jw {
  kw_text t;
  kw_lang lang; /* of the labels and sentences */
  int depth;
  bool first[24];
  bool inline_arr[24];
} jw;

static void indent(jw *w) {
  kw_text_putc(&w->t, '\n');
  for (int i = 0; i < w->depth; i++) kw_text_put(&w->t, "  ");
}

static void jstr(kw_text *t, const char *s) {
  kw_text_putc(t, '"');
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    if (*p == '"' || *p == '\\') {
      kw_text_putc(t, '\\');
      kw_text_putc(t, (char)*p);
    } else if (*p < 0x20) {
      kw_text_printf(t, "\\u%04x", *p);
    } else {
      kw_text_putc(t, (char)*p);
    }
  }
  kw_text_putc(t, '"');
}

static void key(jw *w, const char *k) {
  if (!w->first[w->depth]) kw_text_putc(&w->t, ',');
  w->first[w->depth] = false;
  if (w->inline_arr[w->depth]) {
    if (!k && w->t.len && w->t.s[w->t.len - 1] == ',') kw_text_putc(&w->t, ' ');
  } else {
    indent(w);
  }
  if (k) {
    jstr(&w->t, k);
    kw_text_put(&w->t, ": ");
  }
}

static void open_(jw *w, const char *k, char c, bool inl) {
  key(w, k);
  kw_text_putc(&w->t, c);
  w->depth++;
  w->first[w->depth] = true;
  w->inline_arr[w->depth] = inl;
}

static void close_(jw *w, char c) {
  bool inl = w->inline_arr[w->depth], empty = w->first[w->depth];
  w->depth--;
  if (!inl && !empty) indent(w);
  kw_text_putc(&w->t, c);
}

#define OBJ(w, k) open_((w), (k), '{', false)
#define END_OBJ(w) close_((w), '}')
#define ARR(w, k) open_((w), (k), '[', false)
#define ARR_INLINE(w, k) open_((w), (k), '[', true)
#define END_ARR(w) close_((w), ']')

static void jnull(jw *w, const char *k) {
  key(w, k);
  kw_text_put(&w->t, "null");
}

static void jint(jw *w, const char *k, int64_t v) {
  key(w, k);
  kw_text_printf(&w->t, "%lld", (long long)v);
}

static void jbool(jw *w, const char *k, bool v) {
  key(w, k);
  kw_text_put(&w->t, v ? "true" : "false");
}

static void jtext(jw *w, const char *k, const char *s) {
  key(w, k);
  jstr(&w->t, s);
}

/* A number with fixed decimals; null when not finite. */
static void jfix(jw *w, const char *k, double v, int decimals) {
  if (!isfinite(v)) {
    jnull(w, k);
    return;
  }
  char buf[48];
  key(w, k);
  kw_text_put(&w->t, kw_fmt_fixed(buf, v, decimals));
}

/* Six significant digits (model parameters). */
static void jsig(jw *w, const char *k, double v) {
  if (!isfinite(v)) {
    jnull(w, k);
    return;
  }
  char buf[48];
  snprintf(buf, sizeof buf, "%.6g", v == 0 ? 0 : v);
  for (char *p = buf; *p; p++)
    if (*p == ',') *p = '.';
  key(w, k);
  kw_text_put(&w->t, buf);
}

static void jmoney(jw *w, const char *k, int64_t cents) {
  if (cents == KW_NA_MONEY) {
    jnull(w, k);
    return;
  }
  jfix(w, k, (double)cents / 100.0, 2);
}

static void jdate(jw *w, const char *k, int32_t d) {
  char buf[11];
  if (d == KW_NA_DATE) jnull(w, k);
  else jtext(w, k, kw_date_format(buf, d, 0));
}

static void groups(jw *w, const kw_analysis *a, const char *k,
                   const kw_group_row *g, size_t n) {
  kw_lang lang = w->lang;
  ARR(w, k);
  for (size_t i = 0; i < n; i++) {
    OBJ(w, NULL);
    jtext(w, "key", g[i].key);
    jtext(w, "label", kw_an_group_label(a, &g[i], lang));
    jint(w, "customers", (int64_t)g[i].customers);
    jfix(w, "share", g[i].share, 4);
    jmoney(w, "revenue", g[i].revenue);
    jfix(w, "revenue_share", g[i].revenue_share, 4);
    END_OBJ(w);
  }
  END_ARR(w);
}

/* A cumulative curve sampled at customer shares 0, 0.05, .., 1 (linear
 * between the model's points). */
static void curve(jw *w, const char *k, const kw_curve_point *pt, size_t n) {
  ARR_INLINE(w, k);
  size_t j = 0;
  for (int s = 0; s <= 20; s++) {
    double x = s / 20.0, y;
    while (j + 1 < n && pt[j + 1].customer_share < x) j++;
    if (n == 0) y = 0;
    else if (j + 1 >= n || pt[j + 1].customer_share <= pt[j].customer_share)
      y = pt[j].value_share;
    else {
      double f = (x - pt[j].customer_share) /
                 (pt[j + 1].customer_share - pt[j].customer_share);
      if (f < 0) f = 0;
      if (f > 1) f = 1;
      y = pt[j].value_share + f * (pt[j + 1].value_share - pt[j].value_share);
    }
    jfix(w, NULL, y, 4);
  }
  END_ARR(w);
}

static void write_steps(jw *w, const kw_analysis *a) {
  ARR(w, "steps");
  for (int s = 0; s < KW_STEP__COUNT; s++) {
    kw_step_info si;
    kw_analysis_step(a, (kw_step)s, w->lang, &si);
    OBJ(w, NULL);
    jtext(w, "step", si.key);
    jtext(w, "status", kw_step_status_name(si.status));
    jtext(w, "note", si.note);
    END_OBJ(w);
  }
  END_ARR(w);
}

static void write_headline(jw *w, const kw_analysis *a) {
  const kw_headline *h = &a->head;
  OBJ(w, "headline");
  jint(w, "customers", (int64_t)h->customers);
  jint(w, "active_customers", (int64_t)h->active_customers);
  jmoney(w, "revenue", h->revenue);
  jfix(w, "repeat_rate", h->repeat_rate, 4);
  jfix(w, "churn_rate", h->churn_rate, 4);
  if (a->churn) jtext(w, "churn_rate_basis", a->churn_12m ? "12_months" : "all");
  else jnull(w, "churn_rate_basis");
  jfix(w, "clv_mean", h->clv_mean, 2);
  jint(w, "clv_horizon_months", a->o.horizon_months);
  jfix(w, "cac_mean", h->cac_mean, 2);
  jfix(w, "clv_cac", h->clv_cac, 2);
  jfix(w, "dso", h->dso, 1);
  jfix(w, "nps", h->nps, 1);
  END_OBJ(w);
}

/* "since_last": the key figures and action counts of the last stored run
 * (--history) beside this run's; absent without a stored run. */
static void since_pair_i(jw *w, const char *k, int64_t then, int64_t now) {
  OBJ(w, k);
  jint(w, "then", then);
  jint(w, "now", now);
  jint(w, "change", now - then);
  END_OBJ(w);
}

static void since_pair_f(jw *w, const char *k, double then, double now,
                         int dec) {
  OBJ(w, k);
  jfix(w, "then", then, dec);
  jfix(w, "now", now, dec);
  jfix(w, "change", isfinite(then) && isfinite(now) ? now - then : NAN, dec);
  END_OBJ(w);
}

static void write_since(jw *w, const kw_analysis *a) {
  const kw_run_info *p = a->prev;
  if (!p) return; /* the key is there only with a stored run */
  const kw_headline *h = &a->head;
  OBJ(w, "since_last");
  jint(w, "run", p->id);
  jtext(w, "created", p->created);
  jdate(w, "as_of", p->as_of);
  jtext(w, "fingerprint", p->fingerprint);
  since_pair_i(w, "customers", (int64_t)p->customers, (int64_t)h->customers);
  since_pair_i(w, "active_customers", (int64_t)p->active,
               (int64_t)h->active_customers);
  OBJ(w, "revenue");
  jmoney(w, "then", p->revenue);
  jmoney(w, "now", h->revenue);
  jmoney(w, "change", h->revenue - p->revenue);
  END_OBJ(w);
  since_pair_f(w, "repeat_rate", p->repeat_rate, h->repeat_rate, 4);
  since_pair_f(w, "churn_rate", p->churn_rate, h->churn_rate, 4);
  since_pair_f(w, "clv_mean", p->clv_mean, h->clv_mean, 2);
  since_pair_f(w, "clv_cac", p->clv_cac, h->clv_cac, 2);
  since_pair_f(w, "dso", p->dso, h->dso, 1);
  since_pair_f(w, "nps", p->nps, h->nps, 1);
  OBJ(w, "actions");
  for (int k = 1; k < KW_ACTION__COUNT; k++)
    since_pair_i(w, kw_action_key((kw_action)k), (int64_t)p->action_count[k],
                 (int64_t)h->action_count[k]);
  END_OBJ(w);
  END_OBJ(w);
}

static void write_quality(jw *w, const kw_analysis *a) {
  OBJ(w, "data");
  jint(w, "transaction_lines_read", (int64_t)a->tx_rows_read);
  jint(w, "transaction_lines_skipped", (int64_t)a->tx_rows_skipped);
  jint(w, "guest_lines", (int64_t)a->guest_lines);
  jmoney(w, "guest_sales", a->guest_cents);
  {
    double tot = (double)a->guest_cents + (double)a->head.revenue;
    jfix(w, "guest_sales_share", tot > 0 ? (double)a->guest_cents / tot : NAN,
         4);
  }
  jint(w, "return_only_customers", (int64_t)a->return_only);
  jint(w, "transaction_lines_used", (int64_t)a->s->lines_used);
  jint(w, "transaction_lines_after_as_of", (int64_t)a->s->lines_after);
  /* the customer base every total covers (klantwijs/summary.h) */
  jint(w, "customer_lines", (int64_t)a->s->buyer_lines);
  jint(w, "return_only_customers", (int64_t)a->s->n_return_only);
  jint(w, "return_only_lines", (int64_t)a->s->return_only_lines);
  jmoney(w, "return_only_revenue", a->s->return_only_revenue);
  ARR(w, "tables");
  for (int k = 0; k < KW_TABLE__COUNT; k++) {
    const kw_table *t = kw_dataset_table(a->ds, (kw_table_kind)k);
    if (!t) continue;
    OBJ(w, NULL);
    jtext(w, "table", kw_table_kind_name((kw_table_kind)k));
    jint(w, "rows", (int64_t)kw_table_rows(t));
    END_OBJ(w);
  }
  END_ARR(w);
  END_OBJ(w);
  if (!a->have_quality) {
    jnull(w, "quality");
    return;
  }
  const kw_quality *q = &a->q;
  OBJ(w, "quality");
  jdate(w, "first_date", q->first_date);
  jdate(w, "last_date", q->last_date);
  jint(w, "duplicate_lines", (int64_t)q->duplicate_lines);
  jint(w, "negative_lines", (int64_t)q->negative_lines);
  jmoney(w, "negative_amount", q->negative_amount);
  jint(w, "extreme_amounts", (int64_t)q->extreme_amounts);
  jmoney(w, "median_amount", q->median_amount);
  if (q->has_customers_table) {
    jint(w, "customers_not_in_table", (int64_t)q->customers_not_in_table);
    jint(w, "customers_without_lines", (int64_t)q->customers_without_lines);
  }
  END_OBJ(w);
}

static void write_value(jw *w, const kw_analysis *a) {
  const kw_pareto_data *p = a->par;
  if (!p) {
    jnull(w, "pareto");
  } else {
    OBJ(w, "pareto");
    jint(w, "customers", (int64_t)p->n_customers);
    jmoney(w, "revenue", p->revenue_net);
    jmoney(w, "revenue_ranked", p->revenue_total);
    jfix(w, "top20_revenue_share", p->top_revenue_share, 4);
    jint(w, "customers_for_80pct", (int64_t)p->target_customers);
    jfix(w, "customer_share_for_80pct", p->target_customer_share, 4);
    jfix(w, "gini", p->gini, 4);
    jfix(w, "hhi", p->hhi, 4);
    jfix(w, "top1_share", p->top1_share, 4);
    jfix(w, "top5_share", p->top5_share, 4);
    jfix(w, "top10_share", p->top10_share, 4);
    jbool(w, "dependency_warning", p->dependency_warning);
    jint(w, "repeat_customers", (int64_t)p->n_repeat);
    jint(w, "one_time_customers", (int64_t)p->n_once);
    kw_group_row abc[4];
    memset(abc, 0, sizeof abc);
    static const char *const names[] = {"", "A", "B", "C"};
    for (int c = 1; c <= 3; c++) {
      abc[c - 1].key = names[c];
      abc[c - 1].customers = p->abc_count[c];
      abc[c - 1].revenue = p->abc_revenue[c];
      abc[c - 1].share = p->n_customers ? (double)p->abc_count[c] /
                                              (double)p->n_customers
                                        : 0;
      abc[c - 1].revenue_share = p->abc_revenue_share[c];
    }
    /* the same rule as every group table: small classes are merged */
    size_t k = 0;
    kw_group_row other;
    memset(&other, 0, sizeof other);
    for (int c = 0; c < 3; c++) {
      if (abc[c].customers >= a->o.min_group) abc[k++] = abc[c];
      else if (abc[c].customers) {
        other.customers += abc[c].customers;
        other.revenue += abc[c].revenue;
        other.share += abc[c].share;
        other.revenue_share += abc[c].revenue_share;
      }
    }
    if (other.customers >= a->o.min_group) {
      other.key = "other";
      other.kind = KW_ANG_OTHER;
      abc[k++] = other;
    }
    groups(w, a, "abc", abc, k);
    curve(w, "curve", p->points, p->n_points);
    END_OBJ(w);
  }
  const kw_profit_data *pd = a->pd;
  if (!pd) {
    jnull(w, "profit");
    return;
  }
  OBJ(w, "profit");
  jtext(w, "cost_source", kw_cost_source_name(pd->overall));
  jint(w, "customers_known", (int64_t)pd->n_known);
  jint(w, "customers_cost_unknown", (int64_t)pd->n_no_cost);
  jmoney(w, "revenue_known", pd->revenue_known);
  jmoney(w, "cost_of_goods", pd->cogs_total);
  jmoney(w, "cost_to_serve", pd->serve_total);
  jint(w, "unpriced_cost_rows", (int64_t)pd->unpriced_rows);
  if (a->have_profit) {
    jmoney(w, "contribution", pd->contribution_total);
    jfix(w, "margin", pd->margin_pct_total / 100.0, 4);
    jint(w, "loss_customers", (int64_t)pd->n_loss);
    jmoney(w, "loss_total", pd->loss_total);
    jint(w, "large_loss_customers", (int64_t)pd->n_large_loss);
    jbool(w, "whale_defined", pd->whale_defined);
    if (pd->whale_defined) {
      jfix(w, "peak_customer_share", pd->peak_customer_share, 4);
      jfix(w, "peak_value_share", pd->peak_value_share, 4);
      curve(w, "whale_curve", pd->points, pd->n_points);
    }
  }
  END_OBJ(w);
}

static void write_rfm(jw *w, const kw_analysis *a) {
  if (!a->rd) {
    jnull(w, "rfm");
    return;
  }
  OBJ(w, "rfm");
  jint(w, "scored", (int64_t)a->rd->n_scored);
  groups(w, a, "segments", a->groups_rfm, a->n_groups_rfm);
  if (a->rd->bins == 5) {
    ARR(w, "grid_r5_to_r1_by_fm");
    for (int r = 4; r >= 0; r--) {
      ARR_INLINE(w, NULL);
      for (int c = 0; c < 9; c++) {
        uint32_t v = a->rfm_grid[r][c];
        if (v > 0 && v < a->o.min_group) jnull(w, NULL);
        else jint(w, NULL, v);
      }
      END_ARR(w);
    }
    END_ARR(w);
  }
  END_OBJ(w);
}

static void write_clv(jw *w, const kw_analysis *a) {
  if (!a->have_clv) {
    jnull(w, "clv");
    return;
  }
  OBJ(w, "clv");
  const kw_clv_result *r = &a->fit_res;
  jtext(w, "model", kw_clv_model_name(r->model));
  OBJ(w, "params");
  const char *const *names = kw_clv_model_param_names(r->model);
  for (size_t k = 0; k < r->n_params; k++) jsig(w, names[k], r->params[k]);
  END_OBJ(w);
  jbool(w, "converged", r->converged);
  jint(w, "customers", (int64_t)a->n_fit);
  if (a->have_gg) {
    OBJ(w, "spend_model");
    const char *const *gn = kw_clv_model_param_names(KW_CLV_GG);
    for (size_t k = 0; k < a->gg_res.n_params; k++)
      jsig(w, gn[k], a->gg_res.params[k]);
    END_OBJ(w);
  } else {
    jnull(w, "spend_model");
  }
  jfix(w, "margin", a->clv_margin, 4);
  jint(w, "horizon_weeks", a->horizon_weeks);
  jfix(w, "discount_rate_yearly", a->o.discount_rate, 4);
  jfix(w, "total", a->clv_total, 2);
  if (a->have_intervals) {
    OBJ(w, "total_interval");
    jfix(w, "level", a->interval_level, 2);
    jtext(w, "method", "delta method, parameter covariance of the purchase "
                       "model (inverse observed information)");
    jfix(w, "low", a->clv_total_lo, 2);
    jfix(w, "high", a->clv_total_hi, 2);
    END_OBJ(w);
  } else {
    jnull(w, "total_interval");
  }
  jbool(w, "passed_checks", a->clv_ok);
  jtext(w, "choice", a->n_cand > 1 ? "auto_holdout" : "given");
  ARR(w, "candidates");
  for (size_t c = 0; c < a->n_cand; c++) {
    OBJ(w, NULL);
    jtext(w, "model", kw_clv_model_name(a->cand[c]));
    jbool(w, "fitted", a->cand_fitted[c]);
    jbool(w, "chosen", c == a->chosen);
    if (a->cand_fitted[c]) {
      const kw_clv_check *k = &a->cand_check[c];
      jfix(w, "bic", a->cand_bic[c], 2);
      jbool(w, "passed", k->passed);
      ARR_INLINE(w, "flags");
      for (unsigned b = 0; b < KW_CLV_FLAG_COUNT; b++)
        if (k->flags & (1u << b)) jtext(w, NULL, kw_clv_flag_key(b));
      END_ARR(w);
      jfix(w, "max_se_ratio", k->se_ratio, 3);
      jfix(w, "repeat_buyers_p_alive_099", k->alive_share, 4);
      jfix(w, "holdout_error", k->holdout_error, 4);
      if (a->cand_holdout[c]) {
        jfix(w, "holdout_predicted", a->cand_eval[c].sum_predicted, 1);
        jfix(w, "holdout_actual", a->cand_eval[c].sum_actual, 0);
        jfix(w, "holdout_mae", a->cand_eval[c].mae, 4);
      }
    }
    END_OBJ(w);
  }
  END_ARR(w);
  jfix(w, "top20_share", a->clv_top20_share, 4);
  if (a->have_holdout) {
    const kw_clv_evaluation *e = &a->eval;
    OBJ(w, "holdout");
    jint(w, "days", a->holdout_days);
    jint(w, "customers", (int64_t)e->n);
    jfix(w, "actual", e->sum_actual, 0);
    jfix(w, "predicted", e->sum_predicted, 1);
    jfix(w, "mae", e->mae, 4);
    ARR(w, "by_repeat_purchases");
    for (int k = 0; k < KW_CLV_FREQ_CLASSES; k++) {
      if (e->class_n[k] < (double)a->o.min_group) continue; /* small group */
      OBJ(w, NULL);
      jint(w, "x", k);
      jbool(w, "or_more", k == KW_CLV_FREQ_CLASSES - 1);
      jfix(w, "customers", e->class_n[k], 0);
      jfix(w, "actual", e->class_actual[k], 4);
      jfix(w, "predicted", e->class_predicted[k], 4);
      END_OBJ(w);
    }
    END_ARR(w);
    END_OBJ(w);
  } else {
    jnull(w, "holdout");
  }
  OBJ(w, "p_alive_matrix");
  jfix(w, "T_weeks", a->pm_T, 2);
  ARR_INLINE(w, "repeat_purchases");
  for (size_t i = 0; i < a->pm_rows; i++) jfix(w, NULL, a->pm_x[i], 0);
  END_ARR(w);
  ARR_INLINE(w, "weeks_since_last");
  for (size_t c = 0; c < KW_PM_COLS; c++) jfix(w, NULL, a->pm_weeks[c], 0);
  END_ARR(w);
  ARR(w, "p_alive");
  for (size_t i = 0; i < a->pm_rows; i++) {
    ARR_INLINE(w, NULL);
    for (size_t c = 0; c < KW_PM_COLS; c++) jfix(w, NULL, a->pm[i][c], 3);
    END_ARR(w);
  }
  END_ARR(w);
  END_OBJ(w);
  END_OBJ(w);
}

static void write_retention(jw *w, const kw_analysis *a) {
  if (!a->ci) {
    jnull(w, "churn");
  } else {
    OBJ(w, "churn");
    jtext(w, "basis", a->ci->by_p_alive ? "p_alive" : "gap_rule");
    jtext(w, "status_rule", a->ci->by_p_alive
                                ? "worse of gap rule and checked p_alive"
                                : "gap rule");
    jfix(w, "gap_days", a->ci->gap_days, 1);
    jint(w, "active", (int64_t)(a->head.active_customers - a->churn_at_risk));
    jint(w, "at_risk", (int64_t)a->churn_at_risk);
    jint(w, "churned", (int64_t)a->churn_churned);
    jfix(w, "churn_rate", a->churn_rate, 4);
    jtext(w, "churn_rate_basis", a->churn_12m ? "12_months" : "all");
    if (a->km) {
      const kw_km_median *md = kw_km_group_median(a->km, 0);
      const kw_km_curve *cu = kw_km_group_curve(a->km, 0);
      jfix(w, "median_lifetime_months", md->median_reached ? md->median : NAN,
           1);
      ARR_INLINE(w, "survival_by_month");
      double tmax = cu->n_times ? cu->time[cu->n_times - 1] : 0;
      for (int m = 0; m <= (int)tmax && m <= 240; m++) {
        double sv;
        kw_km_survival_at(a->km, 0, m, &sv, NULL, NULL);
        jfix(w, NULL, sv, 4);
      }
      END_ARR(w);
    }
    END_OBJ(w);
  }
  if (!a->cohorts) {
    jnull(w, "cohorts");
    return;
  }
  const kw_cohort_view *v = &a->cv;
  OBJ(w, "cohorts");
  jtext(w, "period", kw_period_unit_name(v->period));
  jint(w, "merged_small_cohorts", (int64_t)v->merged);
  ARR_INLINE(w, "total");
  for (size_t j = 0; j < v->cols; j++) jfix(w, NULL, v->total[j], 4);
  END_ARR(w);
  ARR(w, "rows");
  for (size_t r = 0; r < v->rows; r++) {
    OBJ(w, NULL);
    jtext(w, "cohort", v->has_other && r + 1 == v->rows ? "other" : v->label[r]);
    jint(w, "customers", (int64_t)v->size[r]);
    ARR_INLINE(w, "retention");
    size_t last = v->cols;
    while (last > 0 && !isfinite(v->value[r * v->cols + last - 1])) last--;
    for (size_t j = 0; j < last; j++) jfix(w, NULL, v->value[r * v->cols + j], 4);
    END_ARR(w);
    END_OBJ(w);
  }
  END_ARR(w);
  END_OBJ(w);
}

static void write_payments(jw *w, const kw_analysis *a) {
  const kw_payments_data *p = a->pp;
  if (!p) {
    jnull(w, "payments");
    return;
  }
  OBJ(w, "payments");
  jint(w, "customers", (int64_t)p->n_customers);
  jint(w, "invoices", (int64_t)p->n_invoices);
  jfix(w, "dso", p->dso_defined ? p->dso : NAN, 1);
  jfix(w, "days_to_pay", p->days_to_pay_all, 1);
  jfix(w, "days_late", p->days_late_all, 1);
  jfix(w, "late_share", p->late_share_all, 4);
  jmoney(w, "open", p->open_total);
  jmoney(w, "overdue", p->overdue_total);
  OBJ(w, "ageing");
  for (int k = 0; k < KW_AGE__COUNT; k++)
    jmoney(w, kw_ageing_name((kw_ageing)k), p->ageing_total[k]);
  END_OBJ(w);
  jint(w, "data_errors", (int64_t)p->errors_total);
  groups(w, a, "classes", a->groups_pay, a->n_groups_pay);
  END_OBJ(w);
}

/* The "feedback", "competition" and "themes" members, as `klantwijs
 * feedback --format json` writes them (plus "responses", the customers
 * with an NPS answer, as before). False out of memory. */
static bool json_feedback(jw *w, const kw_analysis *a) {
  kw_fb_extra x;
  memset(&x, 0, sizeof x);
  x.by_sector = a->fb_sec;
  x.n_sector = a->n_fb_sec;
  x.by_segment = a->fb_seg;
  x.n_segment = a->n_fb_seg;
  x.by_action = a->fb_act;
  x.n_action = a->n_fb_act;
  x.behaviour = a->have_fb_beh ? a->fb_beh : NULL;
  x.active_basis = a->cc ? "not_churned_churn_status"
                         : "a_purchase_in_the_last_365_days";
  static const char *const keys[3] = {"feedback", "competition", "themes"};
  for (int k = 0; k < 3; k++) {
    char *txt = kw_fb_json_text(a->ctx, a->fb, &x, k);
    if (!txt) return false;
    key(w, keys[k]);
    const char *p = txt;
    if (k == 0 && *p == '{') {
      /* one more member up front: "responses" */
      kw_text_printf(&w->t, "{\n%*s\"responses\": %lld,", 2 * w->depth + 2,
                     "", (long long)a->nps_n);
      p++;
    }
    /* the text is indented from depth 0: shift it to ours */
    for (; *p; p++) {
      kw_text_putc(&w->t, *p);
      if (*p == '\n')
        for (int d = 0; d < w->depth; d++) kw_text_put(&w->t, "  ");
    }
    kw_free(a->ctx, txt);
  }
  return true;
}

/* Channels and discounts, inside "acquisition". */
static void write_channels(jw *w, const kw_analysis *a) {
  const kw_acquisition_data *c = kw_acquisition_view(a->acq);
  if (!c) return;
  jtext(w, "value", "lifetime value (value so far + predicted CLV)");
  ARR(w, "channels");
  for (size_t g = 0; g < c->n; g++) {
    OBJ(w, NULL);
    jtext(w, "channel", c->kind[g] == 1   ? "unknown"
                        : c->kind[g] == 2 ? "other"
                                          : c->channel[g]);
    jint(w, "customers", (int64_t)c->customers[g]);
    jfix(w, "cac", c->cac[g], 2);
    jfix(w, "value", c->mean_value[g], 2);
    jfix(w, "clv_cac", c->clv_cac[g], 2);
    if (c->payback_month[g] < 0)
      jnull(w, "payback_months");
    else
      jint(w, "payback_months", c->payback_month[g]);
    if (c->has_spend) {
      static const char *const src[] = {"none", "customers", "spend"};
      jtext(w, "cac_source", src[c->cac_source[g]]);
      jfix(w, "spend", c->cac_source[g] == 2 ? c->spend[g] : NAN, 2);
      if (c->cac_source[g] == 2)
        jint(w, "spend_new", (int64_t)c->spend_new[g]);
      else
        jnull(w, "spend_new");
    }
    END_OBJ(w);
  }
  END_ARR(w);
  if (c->has_spend) {
    OBJ(w, "spend");
    jint(w, "rows", (int64_t)c->spend_rows);
    jint(w, "rows_skipped", (int64_t)c->spend_skipped);
    jfix(w, "total", c->spend_total, 2);
    jfix(w, "unmatched", c->spend_unmatched, 2);
    END_OBJ(w);
  }
  OBJ(w, "discounts");
  jbool(w, "has_discount", c->has_discount);
  jmoney(w, "revenue", c->revenue);
  jmoney(w, "discounted_revenue", c->discounted_revenue);
  jmoney(w, "discount_given", c->discount_total);
  jfix(w, "discounted_share",
       c->revenue > 0 ? (double)c->discounted_revenue / (double)c->revenue
                      : NAN,
       4);
  jint(w, "deal_seekers", (int64_t)c->deal_seekers);
  if (c->n_seg) {
    ARR(w, "segments");
    for (size_t g = 0; g < c->n_seg; g++) {
      OBJ(w, NULL);
      jtext(w, "segment", c->seg_label[g] ? kw_an_segment_name(a, c->seg_label[g],
                                                               w->lang)
                                          : "other");
      jint(w, "customers", (int64_t)c->seg_customers[g]);
      jmoney(w, "sales", c->seg_revenue[g]);
      jmoney(w, "discounted_sales", c->seg_discounted[g]);
      jfix(w, "discounted_share",
           c->seg_revenue[g] > 0 ? (double)c->seg_discounted[g] /
                                       (double)c->seg_revenue[g]
                                 : NAN,
           4);
      jmoney(w, "discount_given", c->seg_discount[g]);
      jfix(w, "discount_per_customer",
           c->seg_customers[g] ? (double)c->seg_discount[g] / 100.0 /
                                     (double)c->seg_customers[g]
                               : NAN,
           2);
      jint(w, "deal_seekers", (int64_t)c->seg_seekers[g]);
      END_OBJ(w);
    }
    END_ARR(w);
  }
  END_OBJ(w);
}

/* "trends", "journey", "referrals" (null when the step did not run). */
static void write_growth(jw *w, const kw_analysis *a) {
  const kw_trends_data *t = kw_trends_view(a->trends);
  char lab[16];
  if (t) {
    OBJ(w, "trends");
    jtext(w, "period", kw_period_unit_name(t->period));
    jbool(w, "last_period_partial", t->partial);
    ARR(w, "periods");
    for (size_t p = 0; p < t->n; p++) {
      OBJ(w, NULL);
      jtext(w, "period", kw_period_label(lab, t->index[p], t->period));
      jmoney(w, "revenue", t->revenue[p]);
      jint(w, "orders", (int64_t)t->orders[p]);
      jint(w, "active", (int64_t)t->active[p]);
      jint(w, "new", (int64_t)t->new_customers[p]);
      jint(w, "returning", (int64_t)t->returning[p]);
      jint(w, "lapsed", (int64_t)t->lapsed[p]);
      jfix(w, "yoy_growth", t->yoy_growth[p], 4);
      OBJ(w, "bridge");
      jmoney(w, "new", t->bridge_new[p]);
      jmoney(w, "reactivated", t->bridge_reactivated[p]);
      jmoney(w, "expansion", t->bridge_expansion[p]);
      jmoney(w, "contraction", t->bridge_contraction[p]);
      jmoney(w, "churned", t->bridge_churned[p]);
      END_OBJ(w);
      if (t->anomaly[p])
        jtext(w, "anomaly", t->anomaly[p] == 1 ? "high" : "low");
      END_OBJ(w);
    }
    END_ARR(w);
    OBJ(w, "seasonality");
    jfix(w, "strength", t->seasonal_strength, 3);
    jbool(w, "clear", t->seasonality_clear);
    if (t->seasonality_clear) {
      jint(w, "peak", t->peak_slot);
      jint(w, "trough", t->trough_slot);
    }
    END_OBJ(w);
    jint(w, "rate_breaks", (int64_t)t->n_breaks);
    END_OBJ(w);
  } else {
    jnull(w, "trends");
  }
  const kw_journey_data *j = kw_journey_view(a->journey);
  if (j) {
    OBJ(w, "journey");
    jint(w, "customers", (int64_t)j->customers);
    jint(w, "touches", (int64_t)j->touches);
    jtext(w, "stage_order", j->order_inferred ? "inferred" : "given");
    ARR(w, "steps");
    for (size_t k = 0; k < j->n_steps; k++) {
      OBJ(w, NULL);
      jtext(w, "stage", j->stage[k]);
      jint(w, "entered", (int64_t)j->entered[k]);
      jint(w, "converted",
           (int64_t)(k + 1 < j->n_steps ? j->converted[k] : 0));
      jint(w, "touched", (int64_t)j->touched[k]);
      jfix(w, "days_median", j->days_median[k], 1);
      jfix(w, "days_p90", j->days_p90[k], 1);
      END_OBJ(w);
    }
    END_ARR(w);
    if (j->worst_step != SIZE_MAX)
      jtext(w, "most_lost_after", j->stage[j->worst_step]);
    ARR(w, "attribution");
    for (size_t c = 0; c < j->n_channels; c++) {
      OBJ(w, NULL);
      jtext(w, "channel", j->channel[c]);
      jfix(w, "first_touch", j->first_touch[c], 2);
      jfix(w, "last_touch", j->last_touch[c], 2);
      jfix(w, "linear", j->linear[c], 2);
      jfix(w, "markov", j->markov[c], 2);
      END_OBJ(w);
    }
    END_ARR(w);
    END_OBJ(w);
  } else {
    jnull(w, "journey");
  }
  const kw_referrals_data *r = kw_referrals_view(a->referrals);
  if (r) {
    OBJ(w, "referrals");
    jint(w, "referred", (int64_t)r->edges);
    jint(w, "self_referrals", (int64_t)r->self_referrals);
    jint(w, "duplicates", (int64_t)r->duplicates);
    jint(w, "unknown_ids", (int64_t)(r->unknown + r->missing));
    jint(w, "on_cycle", (int64_t)r->on_cycle);
    jfix(w, "cac_saved", r->cac_saved, 2);
    jint(w, "referrers_total", (int64_t)r->n);
    ARR(w, "referrers");
    size_t top = r->n < 20 ? r->n : 20;
    for (size_t i = 0; i < top; i++) {
      OBJ(w, NULL);
      jtext(w, "referrer", kw_dict_str(r->customers, r->referrer[i]));
      jbool(w, "is_customer", r->is_customer[i]);
      jint(w, "direct", r->direct[i]);
      jint(w, "bought", r->direct_bought[i]);
      jmoney(w, "revenue", r->direct_revenue[i]);
      jfix(w, "value", r->direct_value[i], 2);
      jint(w, "second_level", r->second[i]);
      jfix(w, "referral_value", r->crv[i], 2);
      END_OBJ(w);
    }
    END_ARR(w);
    END_OBJ(w);
  } else {
    jnull(w, "referrals");
  }
}

static void write_rest(jw *w, const kw_analysis *a) {
  if (a->step[KW_STEP_CROSS_SELL] == KW_STEP_RAN ||
      a->step[KW_STEP_CROSS_SELL] == KW_STEP_LIMITED) {
    OBJ(w, "cross_sell");
    jint(w, "customers", (int64_t)a->basket_count);
    ARR(w, "rules");
    for (size_t i = 0; i < a->n_cross; i++) {
      OBJ(w, NULL);
      jtext(w, "if", a->cross[i].lhs);
      jtext(w, "then", a->cross[i].rhs);
      jint(w, "customers", a->cross[i].count);
      jfix(w, "support", a->cross[i].support, 4);
      jfix(w, "confidence", a->cross[i].confidence, 4);
      jfix(w, "lift", a->cross[i].lift, 3);
      END_OBJ(w);
    }
    END_ARR(w);
    END_OBJ(w);
  } else {
    jnull(w, "cross_sell");
  }
  if (a->fb) {
    /* the voice of the customer (feedback_out.c): feedback, competition
       and themes, written by the same code as `klantwijs feedback` */
    if (!json_feedback(w, a)) w->t.bad = true;
  } else if (a->nps_n) {
    OBJ(w, "feedback");
    jint(w, "responses", (int64_t)a->nps_n);
    jint(w, "promoters", (int64_t)a->nps_promoters);
    jint(w, "passives", (int64_t)a->nps_passives);
    jint(w, "detractors", (int64_t)a->nps_detractors);
    jfix(w, "nps", a->head.nps, 1);
    END_OBJ(w);
  } else {
    jnull(w, "feedback");
  }
  if (a->cac_n) {
    OBJ(w, "acquisition");
    jint(w, "customers", (int64_t)a->cac_n);
    jfix(w, "cac_mean", a->cac_mean, 2);
    jfix(w, "lifetime_value_mean", a->ltv_mean, 2);
    jfix(w, "clv_cac", a->head.clv_cac, 2);
    write_channels(w, a);
    END_OBJ(w);
  } else if (a->acq) {
    OBJ(w, "acquisition");
    write_channels(w, a);
    END_OBJ(w);
  } else {
    jnull(w, "acquisition");
  }
  write_growth(w, a);
  OBJ(w, "actions");
  jtext(w, "rules", a->rules_builtin ? "builtin" : "file");
  jbool(w, "consent_column", a->has_consent);
  jint(w, "left_out_without_consent", (int64_t)a->no_consent_total);
  ARR(w, "by_action");
  for (int k = 1; k < KW_ACTION__COUNT; k++) {
    OBJ(w, NULL);
    jtext(w, "action", kw_action_key((kw_action)k));
    jint(w, "customers", (int64_t)a->head.action_count[k]);
    jint(w, "listed", (int64_t)a->list_n[k]);
    jint(w, "left_out_without_consent", (int64_t)a->no_consent[k]);
    jfix(w, "at_stake", a->stake_total[k], 2);
    END_OBJ(w);
  }
  END_ARR(w);
  END_OBJ(w);
}

/* Segments (by the default attribute), the clustering and the personas
 * (klantwijs/segments.h); groups below min_group are already merged. */
static void write_segments(jw *w, const kw_analysis *a) {
  const kw_segments *sg = a->seg;
  if (!sg) return;
  kw_lang lang = w->lang;
  char buf[1024];
  OBJ(w, "segments");
  jtext(w, "by", kw_seg_attr_key(kw_segments_by(sg)));
  size_t n;
  const kw_segment_row *rows = kw_segments_rows(sg, &n);
  ARR(w, "groups");
  for (size_t i = 0; i < n; i++) {
    const kw_segment_row *r = &rows[i];
    OBJ(w, NULL);
    jtext(w, "key", r->key);
    jtext(w, "label", kw_seg_value_label(kw_segments_by(sg), r->key, lang,
                                         buf, sizeof buf));
    jint(w, "customers", (int64_t)r->customers);
    jfix(w, "share_customers", r->share_customers, 4);
    jmoney(w, "revenue", r->revenue);
    jfix(w, "share_revenue", r->share_revenue, 4);
    if (a->have_profit) {
      jmoney(w, "contribution", r->contribution);
      jfix(w, "share_contribution", r->share_contribution, 4);
    }
    jfix(w, "clv_mean", r->clv_mean, 2);
    jfix(w, "churn_rate", r->churn_rate, 4);
    jfix(w, "nps", r->nps, 1);
    jfix(w, "fit", r->fit, 4);
    END_OBJ(w);
  }
  END_ARR(w);
  const kw_cluster_info *ci = kw_segments_clusters(sg);
  OBJ(w, "clusters");
  jint(w, "k", (int64_t)ci->k);
  jbool(w, "k_chosen_by_silhouette", ci->k_chosen);
  jfix(w, "silhouette", ci->k ? ci->silhouette[ci->k] : NAN, 4);
  jint(w, "silhouette_sample", (int64_t)ci->sample);
  jint(w, "seed", (int64_t)ci->seed);
  ARR_INLINE(w, "features");
  for (size_t j = 0; j < ci->n_features; j++)
    jtext(w, NULL, kw_feature_key(ci->features[j]));
  END_ARR(w);
  END_OBJ(w);
  END_OBJ(w);
  size_t np;
  const kw_persona *ps = kw_segments_personas(sg, &np);
  ARR(w, "personas");
  for (size_t q = 0; q < np; q++) {
    const kw_persona *p = &ps[q];
    OBJ(w, NULL);
    kw_persona_name(buf, sizeof buf, p, lang);
    jtext(w, "name", buf);
    jint(w, "cluster", (int64_t)p->cluster + 1);
    jtext(w, "kind", kw_persona_kind_key(p->kind));
    jint(w, "size", (int64_t)p->customers);
    jfix(w, "share_customers", p->share_customers, 4);
    jfix(w, "share_revenue", p->share_revenue, 4);
    jfix(w, "share_contribution", p->share_contribution, 4);
    jfix(w, "orders_per_year", p->orders_per_year, 2);
    jfix(w, "basket", p->basket, 2);
    jfix(w, "nps", p->nps, 1);
    ARR(w, "themes");
    for (size_t k = 0; k < p->n_themes; k++) {
      OBJ(w, NULL);
      jtext(w, "label", p->themes[k].label);
      jtext(w, "side", p->themes[k].detractor ? "detractors" : "promoters");
      jint(w, "count", (int64_t)p->themes[k].count);
      jint(w, "comments", (int64_t)p->comments);
      END_OBJ(w);
    }
    END_ARR(w);
    jfix(w, "churn_risk", p->churn_rate, 4);
    jfix(w, "clv_mean", p->clv_mean, 2);
    jfix(w, "fit", p->fit, 4);
    jtext(w, "action", kw_action_key(p->action));
    ARR(w, "traits");
    for (size_t t = 0; t < p->n_traits; t++) {
      const kw_trait *tr = &p->traits[t];
      OBJ(w, NULL);
      if (tr->attr < KW_SEG__COUNT) {
        jtext(w, "attribute", kw_seg_attr_key(tr->attr));
        jtext(w, "value", tr->value);
        jint(w, "count", (int64_t)tr->count);
        jfix(w, "lift", tr->lift, 2);
      } else {
        jtext(w, "feature", kw_feature_key(tr->feature));
        jtext(w, "direction", tr->value);
        jsig(w, "median", tr->median);
        jsig(w, "overall", tr->overall);
      }
      kw_trait_text(buf, sizeof buf, tr, lang, a->currency);
      jtext(w, "text", buf);
      END_OBJ(w);
    }
    END_ARR(w);
    END_OBJ(w);
  }
  END_ARR(w);
}

kw_status kw_report_summary_json(kw_context *ctx, const kw_analysis *a,
                                 const kw_report_options *ro, FILE *f) {
  kw_report_options def;
  ro = kw_report_options_or_default(ro, &def);
  jw w;
  memset(&w, 0, sizeof w);
  kw_text_init(&w.t, ctx);
  w.lang = ro->lang;
  w.first[0] = true;
  kw_text_putc(&w.t, '{');
  w.depth = 1;
  w.first[1] = true;
  jtext(&w, "format", "klantwijs-summary");
  jint(&w, "format_version", 1);
  jtext(&w, "klantwijs_version", kw_version());
  jdate(&w, "as_of", a->as_of);
  jdate(&w, "first_date", a->first_date);
  jtext(&w, "currency", a->currency);
  {
    /* where it came from, in the report's language; null when assumed */
    static const char *const from[] = {"assumed", "option", "sign", "header",
                                       "country"};
    const kw_currency_info *ci = &a->currency_info;
    jbool(&w, "currency_assumed", ci->from == KW_CURRENCY_ASSUMED);
    jtext(&w, "currency_from", from[ci->from]);
    char src[512];
    kw_currency_text(src, sizeof src, ci, w.lang);
    if (ci->from != KW_CURRENCY_ASSUMED) jtext(&w, "currency_source", src);
    else jnull(&w, "currency_source");
  }
  jtext(&w, "lang", w.lang == KW_LANG_NL ? "nl" : "en");
  jint(&w, "min_group", (int64_t)a->o.min_group);
  write_steps(&w, a);
  write_headline(&w, a);
  write_since(&w, a);
  char buf[1024];
  OBJ(&w, "readings");
  for (int r = 0; r < KW_READ__COUNT; r++)
    if (kw_reading_text(a, w.lang, (kw_reading)r, buf, sizeof buf))
      jtext(&w, kw_reading_key((kw_reading)r), buf);
  END_OBJ(&w);
  write_quality(&w, a);
  write_value(&w, a);
  write_rfm(&w, a);
  write_clv(&w, a);
  write_retention(&w, a);
  write_payments(&w, a);
  write_rest(&w, a);
  write_segments(&w, a);
  w.depth = 0;
  kw_text_put(&w.t, "\n}\n");
  bool ok = kw_text_flush(&w.t, f);
  bool nomem = w.t.bad;
  kw_text_free(&w.t);
  if (nomem) return kw_fail_nomem(ctx);
  if (!ok || ferror(f)) return kw_fail(ctx, KW_EIO, "summary.json: write failed");
  return KW_OK;
}
