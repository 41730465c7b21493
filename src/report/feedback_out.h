/*
 * feedback_out.h — the pieces of the feedback writer that summary.json and
 * the HTML report share with `klantwijs feedback`. Internal to the library.
 */
#ifndef KW_REPORT_FEEDBACK_OUT_H
#define KW_REPORT_FEEDBACK_OUT_H

#include "klantwijs/feedback.h"
#include "klantwijs/analyze.h"
#include "klantwijs/report.h"
#include "report/jw.h"

/* Groupings and behaviour a caller adds (any may be absent). */
typedef struct kw_fb_extra {
  const kw_fb_group *by_sector, *by_segment, *by_action;
  size_t n_sector, n_segment, n_action;
  const kw_fb_behaviour *behaviour; /* [KW_NPS__COUNT] or NULL */
  const char *active_basis;         /* what "still buying" means */
} kw_fb_extra;

/* Members of the current JSON object. */
void kw_fb_json_scores(kw_jw *w, const kw_fb_scores *s);
void kw_fb_json_feedback(kw_jw *w, const kw_feedback *fb,
                         const kw_fb_extra *x);
/* The competition and themes values (null when absent) as member key (or
 * a value in an array / a document with key NULL). */
void kw_fb_json_competition(kw_jw *w, const char *key, const kw_feedback *fb);
void kw_fb_json_themes(kw_jw *w, const char *key, const kw_feedback *fb);
/* One of them as JSON text (which: 0 the feedback members as an object,
 * 1 competition, 2 themes), to kw_free; NULL out of memory. */
char *kw_fb_json_text(kw_context *ctx, const kw_feedback *fb,
                      const kw_fb_extra *x, int which);

/* The feedback section's body in the HTML report (feedback_html.c). */
struct kw_text;
struct kw_svg_style;
void kw_fb_html_section(struct kw_text *t, const kw_analysis *a,
                        const struct kw_svg_style *st);

#endif
