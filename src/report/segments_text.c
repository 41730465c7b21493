/*
 * segments_text.c — words for segments and personas (segments_text.h).
 * Every text comes from the message table; the model gives only keys.
 */
#include "report/segments_text.h"

#include "klantwijs/payments.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const int attr_msg[KW_SEG__COUNT] = {
    [KW_SEG_SECTOR] = MSG_SEGA_SECTOR,     [KW_SEG_SIZE] = MSG_SEGA_SIZE,
    [KW_SEG_TYPE] = MSG_SEGA_TYPE,         [KW_SEG_REGION] = MSG_SEGA_REGION,
    [KW_SEG_PROVINCE] = MSG_SEGA_PROVINCE, [KW_SEG_CHANNEL] = MSG_SEGA_CHANNEL,
    [KW_SEG_TENURE] = MSG_SEGA_TENURE,   [KW_SEG_PAY_CLASS] = MSG_SEGA_PAY_CLASS,
    [KW_SEG_RFM] = MSG_SEGA_RFM,           [KW_SEG_ABC] = MSG_SEGA_ABC,
    [KW_SEG_CATEGORIES] = MSG_SEGA_CATEGORIES,
    [KW_SEG_VALUE] = MSG_SEGA_VALUE,       [KW_SEG_CLUSTER] = MSG_SEGA_CLUSTER};

static const int prov_msg[KW_PROV__COUNT] = {
#define KW_X_PROV(e, key, region) [e] = MSG_##e,
    KW_PROVINCE_LIST(KW_X_PROV)
#undef KW_X_PROV
};
static const int region_msg[KW_REGION__COUNT] = {
#define KW_X_REGION(e, key) [e] = MSG_##e,
    KW_REGION_LIST(KW_X_REGION)
#undef KW_X_REGION
};
static const int pk_msg[KW_PK__COUNT] = {
    [KW_PK_LOYAL] = MSG_PK_LOYAL,           [KW_PK_BIG_SPENDERS] = MSG_PK_BIG_SPENDERS,
    [KW_PK_NEW] = MSG_PK_NEW,               [KW_PK_DORMANT] = MSG_PK_DORMANT,
    [KW_PK_OCCASIONAL] = MSG_PK_OCCASIONAL, [KW_PK_LATE_PAYERS] = MSG_PK_LATE_PAYERS,
    [KW_PK_DISCOUNT] = MSG_PK_DISCOUNT,     [KW_PK_BROAD] = MSG_PK_BROAD,
    [KW_PK_LOW_MARGIN] = MSG_PK_LOW_MARGIN, [KW_PK_STEADY] = MSG_PK_STEADY};
static const int feat_msg[KW_FEAT__COUNT] = {
    [KW_FEAT_RECENCY] = MSG_FEAT_RECENCY,
    [KW_FEAT_FREQUENCY] = MSG_FEAT_FREQUENCY,
    [KW_FEAT_MONETARY] = MSG_FEAT_MONETARY,
    [KW_FEAT_TENURE] = MSG_FEAT_TENURE,
    [KW_FEAT_MARGIN] = MSG_FEAT_MARGIN,
    [KW_FEAT_CATEGORIES] = MSG_FEAT_CATEGORIES,
    [KW_FEAT_DAYS_LATE] = MSG_FEAT_DAYS_LATE,
    [KW_FEAT_DISCOUNT] = MSG_FEAT_DISCOUNT,
    [KW_FEAT_NPS] = MSG_FEAT_NPS};
static const int actd_msg[KW_ACTION__COUNT] = {
    [KW_ACTION_NONE] = MSG_ACTD_NONE,
    [KW_ACTION_INVEST] = MSG_ACTD_INVEST,
    [KW_ACTION_DEVELOP] = MSG_ACTD_DEVELOP,
    [KW_ACTION_RETAIN] = MSG_ACTD_RETAIN,
    [KW_ACTION_WIN_BACK] = MSG_ACTD_WIN_BACK,
    [KW_ACTION_SERVE_LOW_COST] = MSG_ACTD_SERVE_LOW_COST,
    [KW_ACTION_REPRICE] = MSG_ACTD_REPRICE,
    [KW_ACTION_COLLECT] = MSG_ACTD_COLLECT,
    [KW_ACTION_GOODBYE] = MSG_ACTD_GOODBYE};

static const struct {
  const char *key;
  int msg;
} value_msgs[] = {
    {"unknown", MSG_SEGV_UNKNOWN},
    {"other", MSG_WORD_OTHER},
    {"tenure_lt1", MSG_SEGV_TENURE_LT1},
    {"tenure_1_2", MSG_SEGV_TENURE_1_2},
    {"tenure_2_5", MSG_SEGV_TENURE_2_5},
    {"tenure_5plus", MSG_SEGV_TENURE_5PLUS},
    {"categories_1", MSG_SEGV_CAT_1},
    {"categories_2", MSG_SEGV_CAT_2},
    {"categories_3_4", MSG_SEGV_CAT_3_4},
    {"categories_5plus", MSG_SEGV_CAT_5PLUS},
    {"value_top20", MSG_SEGV_VALUE_TOP},
    {"value_middle30", MSG_SEGV_VALUE_MIDDLE},
    {"value_bottom50", MSG_SEGV_VALUE_BOTTOM},
};

const char *kw_seg_attr_label(kw_seg_attr a, kw_lang lang) {
  return (unsigned)a < KW_SEG__COUNT ? kw_msg_text(attr_msg[a], lang) : "";
}

const char *kw_pay_label(int pc, kw_lang lang) {
  switch (pc) {
    case KW_PAY_NONE: return kw_msg_text(MSG_SEGV_PAY_NONE, lang);
    case KW_PAY_FAST: return kw_msg_text(MSG_WORD_FAST, lang);
    case KW_PAY_SLOW: return kw_msg_text(MSG_WORD_SLOW, lang);
    case KW_PAY_PROBLEM: return kw_msg_text(MSG_WORD_PROBLEMATIC, lang);
    default: return kw_msg_text(MSG_SEGV_UNKNOWN, lang);
  }
}

const char *kw_action_desc(kw_action a, kw_lang lang) {
  return (unsigned)a < KW_ACTION__COUNT && actd_msg[a]
             ? kw_msg_text(actd_msg[a], lang)
             : "";
}

const char *kw_seg_value_label(kw_seg_attr a, const char *key, kw_lang lang,
                               char *buf, size_t cap) {
  if (!key) return "";
  for (size_t i = 0; i < sizeof value_msgs / sizeof *value_msgs; i++)
    if (strcmp(key, value_msgs[i].key) == 0)
      return kw_msg_text(value_msgs[i].msg, lang);
  switch (a) {
    case KW_SEG_PROVINCE:
      for (int p = 0; p < KW_PROV__COUNT; p++)
        if (strcmp(key, kw_province_key((kw_province)p)) == 0)
          return kw_msg_text(prov_msg[p], lang);
      break;
    case KW_SEG_REGION:
      for (int r = 0; r < KW_REGION__COUNT; r++)
        if (strcmp(key, kw_region_key((kw_region)r)) == 0)
          return kw_msg_text(region_msg[r], lang);
      break;
    case KW_SEG_PAY_CLASS: {
      static const char *const pk[] = {"none", "fast", "slow", "problematic"};
      for (int c = 0; c < 4; c++)
        if (strcmp(key, pk[c]) == 0) return kw_pay_label(c, lang);
      break;
    }
    case KW_SEG_RFM: {
      /* the segment's name in the built-in RFM table ("cant_lose" ->
         "Can't Lose Them"); a rule file's own keys stay as they are */
      const kw_rfm_rules *r = kw_rfm_rules_builtin();
      for (size_t k = 0; r && k < r->n_segments; k++)
        if (strcmp(key, r->segments[k].key) == 0)
          return lang == KW_LANG_NL ? r->segments[k].name_nl
                                    : r->segments[k].name_en;
      break;
    }
    case KW_SEG_CLUSTER: {
      unsigned n;
      if (sscanf(key, "cluster_%u", &n) == 1) {
        kw_marg m = kw_ma_int("n", n);
        kw_msg_format(buf, cap, MSG_SEGV_CLUSTER, lang, "", &m, 1);
        return buf;
      }
      break;
    }
    default: break;
  }
  return key;
}

size_t kw_persona_name(char *buf, size_t cap, const kw_persona *p,
                       kw_lang lang) {
  char sec[160] = "", size[96] = "", place[96] = "";
  if (p->sector) {
    kw_marg m = kw_ma_str("sector", p->sector);
    kw_msg_format(sec, sizeof sec, MSG_PERSONA_SECTOR, lang, "", &m, 1);
  }
  if (p->size) {
    /* a head count band ("10-49", "250+") reads as employees */
    bool staff = true;
    for (const char *c = p->size; *c && staff; c++)
      staff = (*c >= '0' && *c <= '9') || *c == '-' || *c == '+' || *c == ' ';
    kw_marg m = kw_ma_str("size", p->size);
    kw_msg_format(size, sizeof size,
                  staff ? MSG_PERSONA_SIZE_STAFF : MSG_PERSONA_SIZE, lang, "",
                  &m, 1);
  }
  if (p->province != KW_PROV_UNKNOWN) {
    kw_marg m = kw_ma_str("place", kw_msg_text(prov_msg[p->province], lang));
    kw_msg_format(place, sizeof place, MSG_PERSONA_PLACE, lang, "", &m, 1);
  }
  kw_marg args[] = {
      kw_ma_str("kind", kw_msg_text(pk_msg[p->kind], lang)),
      kw_ma_str("sector", sec), kw_ma_str("size", size),
      kw_ma_str("place", place)};
  return kw_msg_format(buf, cap, MSG_PERSONA_NAME, lang, "", args, 4);
}

/* A feature value in its unit, as words in the language. */
static void feat_value(char *buf, size_t cap, kw_feature f, double v,
                       kw_lang lang, const char *currency) {
  kw_marg m;
  switch (f) {
    case KW_FEAT_MARGIN:
    case KW_FEAT_DISCOUNT: m = kw_ma_pct("v", v, 0); break;
    case KW_FEAT_MONETARY:
      m = (kw_marg){"v", KW_MARG_MONEY, 0, {.i = (int64_t)llround(v * 100)}};
      break;
    case KW_FEAT_NPS:
    case KW_FEAT_DAYS_LATE: m = kw_ma_num("v", v, 1); break;
    default: m = kw_ma_num("v", v, 0); break;
  }
  kw_msg_fill(buf, cap, "{v}", lang, currency, &m, 1);
}

size_t kw_trait_text(char *buf, size_t cap, const kw_trait *t, kw_lang lang,
                     const char *currency) {
  if (t->attr < KW_SEG__COUNT) {
    char vb[64];
    kw_marg args[] = {
        kw_ma_str("attr", kw_seg_attr_label(t->attr, lang)),
        kw_ma_str("value", kw_seg_value_label(t->attr, t->value, lang, vb,
                                              sizeof vb)),
        kw_ma_int("count", (int64_t)t->count), kw_ma_pct("share", t->share, 0),
        kw_ma_num("lift", t->lift, 1)};
    return kw_msg_format(buf, cap, MSG_TRAIT_ATTR, lang, currency, args, 5);
  }
  char med[48], ov[48];
  feat_value(med, sizeof med, t->feature, t->median, lang, currency);
  feat_value(ov, sizeof ov, t->feature, t->overall, lang, currency);
  kw_marg args[] = {
      kw_ma_str("feature", (unsigned)t->feature < KW_FEAT__COUNT
                               ? kw_msg_text(feat_msg[t->feature], lang)
                               : ""),
      kw_ma_str("median", med), kw_ma_str("overall", ov)};
  bool higher = strcmp(t->value, "higher") == 0;
  return kw_msg_format(buf, cap, higher ? MSG_TRAIT_HIGHER : MSG_TRAIT_LOWER,
                       lang, currency, args, 3);
}

size_t kw_persona_theme_text(char *buf, size_t cap, const kw_persona *p,
                             size_t k, kw_lang lang) {
  const kw_persona_theme *t = &p->themes[k];
  kw_marg m[] = {kw_ma_str("label", t->label),
                 kw_ma_int("n", (int64_t)t->count),
                 kw_ma_int("of", (int64_t)p->comments)};
  return kw_msg_format(buf, cap,
                       t->detractor ? MSG_CARD_THEME_COMPLAINT
                                    : MSG_CARD_THEME_PRAISE,
                       lang, NULL, m, 3);
}
