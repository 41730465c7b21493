/*
 * segments_text.h — words for segments and personas in the report's
 * language: attribute names, value labels (a code key becomes words; an
 * attribute's own text stays as it is), persona names and trait sentences.
 * Internal to the library.
 */
#ifndef KW_REPORT_SEGMENTS_TEXT_H
#define KW_REPORT_SEGMENTS_TEXT_H

#include "klantwijs/segments.h"
#include "report/messages.h"

const char *kw_seg_attr_label(kw_seg_attr a, kw_lang lang);
/* The label of a segment value key of attribute a ("be_antwerp" ->
 * "Antwerpen"; "Bouw" stays "Bouw"); buf (64 bytes) holds made-up
 * labels. */
const char *kw_seg_value_label(kw_seg_attr a, const char *key, kw_lang lang,
                               char *buf, size_t cap);
/* "Loyal customers in Bouw (10-49) around Antwerp". */
size_t kw_persona_name(char *buf, size_t cap, const kw_persona *p,
                       kw_lang lang);
/* One sentence per trait. */
size_t kw_trait_text(char *buf, size_t cap, const kw_trait *t, kw_lang lang,
                     const char *currency);
/* A persona's comment theme: 'complaint "levering te laat" in 12 of 40
 * comments'. */
size_t kw_persona_theme_text(char *buf, size_t cap, const kw_persona *p,
                             size_t k, kw_lang lang);
const char *kw_pay_label(int pay_class, kw_lang lang);
const char *kw_action_desc(kw_action a, kw_lang lang);

#endif
