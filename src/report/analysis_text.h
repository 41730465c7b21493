/*
 * analysis_text.h — the words of a kw_analysis in a language: step labels
 * and notes, group labels, the CLV checks; and the report options every
 * writer of the main job takes. The analysis holds keys, codes
 * and numbers; the writers ask here for the text. Internal.
 */
#ifndef KW_REPORT_ANALYSIS_TEXT_H
#define KW_REPORT_ANALYSIS_TEXT_H

#include "models/analyze_internal.h"
#include "report/messages.h"

/* ro, or the defaults (kw_report_options_init) in *def when ro is NULL. */
const kw_report_options *kw_report_options_or_default(
    const kw_report_options *ro, kw_report_options *def);

/* The notes of step s joined by "; " ("" when none). Writes at most cap
 * bytes (NUL included); returns the full length. */
size_t kw_an_notes_text(const kw_analysis *a, kw_step s, kw_lang lang,
                        char *buf, size_t cap);
/* The failed checks of c (of fit r's parameters) as one sentence part;
 * returns the full length. */
size_t kw_an_check_text(const kw_analysis *a, const kw_clv_result *r,
                        const kw_clv_check *c, kw_lang lang, char *buf,
                        size_t cap);
/* A group row's label, and an RFM segment's advice (NULL for others). */
const char *kw_an_group_label(const kw_analysis *a, const kw_group_row *g,
                              kw_lang lang);
const char *kw_an_group_action(const kw_analysis *a, const kw_group_row *g,
                               kw_lang lang);
/* The name of the RFM segment with this key ("other": the word; an unknown
 * key: the key itself). */
const char *kw_an_segment_name(const kw_analysis *a, const char *key,
                               kw_lang lang);

#endif
