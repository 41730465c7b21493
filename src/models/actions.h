/*
 * actions.h — the rule table behind kw_action_decide, shared by the
 * built-in table (models/actions.c), the rule-file reader and writer
 * (io/action_rules.c) and the reason texts (report/reasons.c). Internal.
 */
#ifndef KW_MODELS_ACTIONS_H
#define KW_MODELS_ACTIONS_H

#include "klantwijs/analyze.h"

#define KW_RULE_MAX_COND 8

typedef enum kw_cmp {
  KW_CMP_EQ = 0,
  KW_CMP_NE,
  KW_CMP_LT,
  KW_CMP_LE,
  KW_CMP_GT,
  KW_CMP_GE
} kw_cmp;

typedef struct kw_rule_cond {
  kw_metric metric;
  kw_cmp op;
  double value;     /* numbers and coded words */
  const char *word; /* segment keys */
} kw_rule_cond;

typedef struct kw_action_rule {
  kw_action action;
  size_t n_cond;
  kw_rule_cond cond[KW_RULE_MAX_COND];
  const char *reason_key; /* message key of a built-in reason, or NULL */
  const char *reason_en, *reason_nl; /* a file's own texts, or NULL */
} kw_action_rule;

struct kw_action_rules {
  kw_context *ctx; /* NULL for the built-in table */
  size_t n;
  const kw_action_rule *rules;
};

/* Operator text ("<=") and the words of a word metric (NULL-terminated,
 * index = code; NULL entries are codes without a word). */
const char *kw_cmp_text(kw_cmp op);
const char *const *kw_metric_words(kw_metric m);
/* The kind of a metric: 0 number, 1 word, 2 free word. */
int kw_metric_kind(kw_metric m);
/* The reason message key of a rule without its own text. */
const char *kw_action_default_reason(kw_action a);

#endif
