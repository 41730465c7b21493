/*
 * analyze_feedback.c — the voice of the customer inside the main job.
 *
 * After the NPS step the feedback model (klantwijs/feedback.h) is built on
 * the same as-of day and minimum group; after the action plan its scores
 * are split by RFM segment and by action (the library's privacy merge over
 * the customers who answered: a group of fewer than min_group becomes
 * "other"), and promoters, passives and detractors are set side by side
 * with the churn status (still buying = not churned), the revenue of the
 * last 12 months and the CLV of the model.
 */
#include <math.h>
#include <string.h>

#include "models/analyze_internal.h"

kw_status kw_an_feedback(kw_analysis *a) {
  if (!kw_dataset_table(a->ds, KW_TABLE_FEEDBACK)) return KW_OK;
  kw_feedback_options o;
  kw_feedback_options_init(&o);
  o.as_of = a->as_of;
  o.min_group = a->o.min_group ? a->o.min_group : 5;
  kw_status st = kw_feedback_compute(a->ctx, a->ds, &o, &a->fb);
  if (st == KW_ENOMEM) return st;
  if (st) {
    a->fb = NULL;
    return kw_an_note_text(a, KW_STEP_FEEDBACK, KW_STEP_LIMITED,
                           "note.error", kw_errmsg(a->ctx));
  }
  /* an anonymous survey has no per-customer NPS: the headline takes the
     model's, when it has enough answers */
  const kw_fb_scores *s = kw_feedback_overall_view(a->fb);
  if (a->nps_n == 0 && s->enough) a->head.nps = s->nps;
  return KW_OK;
}

/* Scores per group of raw codes (KW_NA_ID none) after the privacy merge
 * over respondents. */
static kw_status grouped(kw_analysis *a, const uint32_t *raw, size_t n_raw,
                         const char *const *labels, kw_groups **gout,
                         kw_fb_group **out, size_t *nout) {
  kw_context *ctx = a->ctx;
  kw_fb_customer fc;
  bool *counted = kw_malloc(ctx, a->n ? a->n : 1);
  if (!counted) return kw_fail_nomem(ctx);
  for (size_t c = 0; c < a->n; c++)
    counted[c] = kw_feedback_customer(a->fb, c, &fc);
  kw_groups_options go;
  kw_groups_options_init(&go);
  go.min_group = a->o.min_group ? a->o.min_group : 5;
  go.counted = counted;
  kw_groups *g = NULL;
  kw_status st = kw_groups_compute_codes(ctx, raw, a->n, n_raw, labels, NULL,
                                      &go, &g);
  kw_free(ctx, counted);
  if (st) return st;
  const kw_groups_data *v = kw_groups_view(g);
  kw_fb_scores *s = kw_calloc(ctx, v->n ? v->n : 1, sizeof *s);
  kw_fb_group *rows = kw_calloc(ctx, v->n ? v->n : 1, sizeof *rows);
  if (!s || !rows) {
    kw_free(ctx, s);
    kw_free(ctx, rows);
    kw_groups_free(g);
    return kw_fail_nomem(ctx);
  }
  st = kw_feedback_by_group(a->fb, v->code, v->n_customers, v->n, s);
  for (size_t k = 0; !st && k < v->n; k++) {
    rows[k].key = v->kind[k] == KW_GROUP_VALUE ? v->label[k] : "other";
    rows[k].customers = s[k].customers;
    rows[k].s = s[k];
  }
  kw_free(ctx, s);
  if (st) {
    kw_free(ctx, rows);
    kw_groups_free(g);
    return st;
  }
  *gout = g;
  *out = rows;
  *nout = v->n;
  return KW_OK;
}

kw_status kw_an_feedback_groups(kw_analysis *a) {
  if (!a->fb || !kw_feedback_info_view(a->fb)->has_customer) return KW_OK;
  kw_context *ctx = a->ctx;
  uint32_t *raw = kw_malloc(ctx, (a->n ? a->n : 1) * sizeof *raw);
  if (!raw) return kw_fail_nomem(ctx);
  kw_status st = KW_OK;
  if (a->rd && a->rd->n_segments) {
    const char *labels[256];
    size_t ns = a->rd->n_segments < 255 ? a->rd->n_segments : 255;
    for (size_t k = 0; k < ns; k++) labels[k] = a->rd->segments[k].key;
    for (size_t c = 0; c < a->n; c++) {
      uint8_t sg = c < a->rd->n ? a->rd->segment[c] : KW_RFM_NONE;
      raw[c] = sg < ns ? sg : KW_NA_ID;
    }
    st = grouped(a, raw, ns, labels, &a->fb_seg_g, &a->fb_seg, &a->n_fb_seg);
  }
  if (!st && a->action) {
    const char *labels[KW_ACTION__COUNT];
    for (int k = 0; k < KW_ACTION__COUNT; k++)
      labels[k] = kw_action_key((kw_action)k);
    for (size_t c = 0; c < a->n; c++)
      raw[c] = a->action[c] != KW_ACTION_NONE ? a->action[c] : KW_NA_ID;
    st = grouped(a, raw, KW_ACTION__COUNT, labels, &a->fb_act_g, &a->fb_act,
                 &a->n_fb_act);
  }
  kw_free(ctx, raw);
  if (!st)
    st = kw_feedback_by_column(a->fb, KW_ROLE_SECTOR, &a->fb_sec, &a->n_fb_sec);
  if (st) return st;
  /* behaviour: churn status, revenue of the last 12 months, CLV */
  int8_t *active = NULL;
  if (a->cc) {
    active = kw_malloc(ctx, a->n ? a->n : 1);
    if (!active) return kw_fail_nomem(ctx);
    for (size_t c = 0; c < a->n; c++) {
      int s = c < a->cc->n ? (int)a->cc->status[c] : 0;
      active[c] = s == 1 || s == 2 ? 1 : s == 3 ? 0 : KW_NA_FLAG;
    }
  }
  kw_fb_behaviour_input in = {a->n, active, NULL,
                              a->have_clv ? a->clv : NULL};
  st = kw_feedback_behaviour(a->fb, &in, a->fb_beh);
  kw_free(ctx, active);
  if (!st) a->have_fb_beh = true;
  return st;
}

void kw_an_feedback_free(kw_analysis *a) {
  kw_context *ctx = a->ctx;
  kw_free(ctx, a->fb_seg);
  kw_free(ctx, a->fb_act);
  kw_groups_free(a->fb_seg_g);
  kw_groups_free(a->fb_act_g);
  kw_feedback_free(a->fb);
}

const kw_feedback *kw_analysis_feedback(const kw_analysis *a) {
  return a ? a->fb : NULL;
}
