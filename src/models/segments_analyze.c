/*
 * segments_analyze.c — the analysis's strategic fit and segments: the fit
 * of every customer is computed before the action plan (so rules can test
 * `fit`), the segments, clusters and personas after it (personas name the
 * plan's most common action). A segment step that fails for lack of
 * memory fails the run; any other failure leaves the report without
 * segments.
 */
#include <math.h>
#include <string.h>

#include "models/segments_internal.h"

kw_status kw_an_fit(kw_analysis *a) {
  if (!a->o.fit) return KW_OK;
  kw_context *ctx = a->ctx;
  kw_seg_attrs at;
  kw_status st = kw_seg_attrs_build(a, &at);
  if (!st) {
    a->fit = kw_malloc(ctx, (a->n ? a->n : 1) * sizeof *a->fit);
    a->fit_met = kw_malloc(ctx, (a->n ? a->n : 1) * sizeof *a->fit_met);
    if (!a->fit || !a->fit_met) st = kw_fail_nomem(ctx);
    else st = kw_fit_compute(a, &at, a->o.fit, a->fit, a->fit_met);
  }
  kw_seg_attrs_free(ctx, &at);
  return st;
}

kw_status kw_an_segments(kw_analysis *a) {
  kw_segments_options so;
  kw_segments_options_init(&so);
  so.min_group = a->o.min_group;
  kw_status st = kw_segments_run(a->ctx, a, &so, &a->seg);
  if (st == KW_ENOMEM) return st;
  if (st) {
    char reason[KW_ERRMSG_MAX];
    kw_warn_tpl(a->ctx, "model.w.segments_failed", "segments: {reason}",
                "reason", kw_err_value(a->ctx, reason, sizeof reason), NULL);
    kw_clear_error(a->ctx);
    a->seg = NULL;
  }
  return KW_OK;
}

void kw_an_segments_free(kw_analysis *a) {
  kw_segments_free(a->seg);
  a->seg = NULL;
  kw_free(a->ctx, a->fit);
  kw_free(a->ctx, a->fit_met);
  a->fit = NULL;
  a->fit_met = NULL;
}
