/*
 * basket_report.c — the writers of the basket analysis (kw_report_basket
 * in klantwijs/writers.h): rules, itemsets, next-best offers, penetration
 * by segment and upsell candidates, each as a terminal table with the
 * sentences that read it (texts "basket.*" of the message table), CSV or
 * one JSON document. Item lists are written as "{a, b}" with the items in
 * byte order of their names (a basket file numbers items so; a table in
 * order of appearance). Segments are named here, in the reader's language:
 * RFM segments by their name, groups of a column by their value, and the
 * merged group as "other".
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "klantwijs.h"
#include "report/jw.h"

void kw_basket_report_init(kw_basket_report *r) {
  memset(r, 0, sizeof *r);
  r->format = KW_FORMAT_TABLE;
  r->lang = KW_LANG_EN;
  r->rows = 20;
}

/* ------------------------------------------------------------ texts */

/* The text of key in lang with NULL-terminated name, value pairs. */
static const char *say(char *buf, size_t cap, kw_lang lang, const char *key,
                       ...) {
  const char *names[KW_MSG_ARGS], *values[KW_MSG_ARGS];
  va_list ap;
  va_start(ap, key);
  size_t n = kw_va_pairs(&ap, names, values);
  va_end(ap);
  kw_message_fill(buf, cap, key, lang, names, values, n);
  return buf;
}

static const char *msg(const char *key, kw_lang lang) {
  const char *t = kw_message(key, lang);
  return t ? t : key;
}

static char *num(char *buf, double v, kw_lang lang) {
  return kw_fmt_number(buf, v, 0, lang);
}

/* A threshold as given (0.001, 0.5), with ',' in Dutch. */
static char *frac(char *buf, double v, kw_lang lang) {
  kw_fmt_plain(buf, v);
  if (lang == KW_LANG_NL)
    for (char *p = buf; *p; p++)
      if (*p == '.') *p = ',';
  return buf;
}

static char *whole(char *buf, size_t v) {
  snprintf(buf, 32, "%zu", v);
  return buf;
}

/* The level's word: "items", "categorie", "product", ... */
static const char *level_word(const kw_basket_analysis_view *a, bool plural,
                              kw_lang lang) {
  bool file = !kw_baskets_view(a->baskets)->customer;
  if (file) return msg(plural ? "basket.level.items" : "basket.level.item",
                       lang);
  if (a->options.level == KW_BASKET_CATEGORIES)
    return msg(plural ? "basket.level.categories" : "basket.level.category",
               lang);
  return msg(plural ? "basket.level.products" : "basket.level.product", lang);
}

/* The level's key in machine output. */
static const char *level_key(const kw_basket_analysis_view *a) {
  if (!kw_baskets_view(a->baskets)->customer) return "item";
  return a->options.level == KW_BASKET_CATEGORIES ? "category" : "product";
}

/* ------------------------------------------------------------ item sets */

typedef struct strs {
  char *arena;
  const char **s;
} strs;

static void strs_free(strs *t) {
  free(t->arena);
  free((void *)t->s);
}

typedef const uint32_t *(*span_fn)(const void *user, size_t i, size_t *n);

static const kw_baskets *name_order_b;
static int by_item_name(const void *x, const void *y) {
  uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
  return strcmp(kw_baskets_item_name(name_order_b, i),
                kw_baskets_item_name(name_order_b, j));
}
#define NAME_SORT_CAP 1024
static const uint32_t *by_name_order(const kw_baskets *b, const uint32_t *it,
                                     size_t n, uint32_t *buf) {
  if (n < 2 || n > NAME_SORT_CAP) return it;
  memcpy(buf, it, n * sizeof *buf);
  name_order_b = b;
  qsort(buf, n, sizeof *buf, by_item_name);
  return buf;
}

static size_t set_text(const kw_baskets *b, const uint32_t *it, size_t n,
                       char *dst) {
  uint32_t buf[NAME_SORT_CAP];
  if (dst) it = by_name_order(b, it, n, buf);
  size_t k = 0;
  if (dst) dst[k] = '{';
  k++;
  for (size_t j = 0; j < n; j++) {
    if (j) {
      if (dst) memcpy(dst + k, ", ", 2);
      k += 2;
    }
    const char *s = kw_baskets_item_name(b, it[j]);
    size_t len = strlen(s);
    if (dst) memcpy(dst + k, s, len);
    k += len;
  }
  if (dst) {
    dst[k] = '}';
    dst[k + 1] = '\0';
  }
  return k + 2;
}

static bool strs_build(strs *t, const kw_baskets *b, size_t count, span_fn fn,
                       const void *user) {
  size_t total = 0, n;
  memset(t, 0, sizeof *t);
  for (size_t i = 0; i < count; i++) {
    const uint32_t *it = fn(user, i, &n);
    total += set_text(b, it, n, NULL);
  }
  t->arena = malloc(total ? total : 1);
  t->s = calloc(count ? count : 1, sizeof *t->s);
  if (!t->arena || !t->s) {
    strs_free(t);
    memset(t, 0, sizeof *t);
    return false;
  }
  size_t w = 0;
  for (size_t i = 0; i < count; i++) {
    const uint32_t *it = fn(user, i, &n);
    t->s[i] = t->arena + w;
    w += set_text(b, it, n, t->arena + w);
  }
  return true;
}

static const uint32_t *rule_lhs(const void *user, size_t i, size_t *n) {
  const kw_rule_view *rv = user;
  *n = rv->rules[i].n_lhs;
  return rv->items + rv->rules[i].lhs;
}

static const uint32_t *rule_rhs(const void *user, size_t i, size_t *n) {
  const kw_rule_view *rv = user;
  *n = rv->rules[i].n_rhs;
  return rv->items + rv->rules[i].rhs;
}

static const uint32_t *itemset_span(const void *user, size_t i, size_t *n) {
  const kw_itemset_view *sv = user;
  *n = sv->offsets[i + 1] - sv->offsets[i];
  return sv->items + sv->offsets[i];
}

static void jw_items(kw_jw *w, const char *key, const kw_baskets *b,
                     const uint32_t *it, size_t n) {
  uint32_t buf[NAME_SORT_CAP];
  it = by_name_order(b, it, n, buf);
  kw_jw_begin_array(w, key);
  for (size_t j = 0; j < n; j++)
    kw_jw_str(w, NULL, kw_baskets_item_name(b, it[j]));
  kw_jw_end_array(w);
}

/* ------------------------------------------------------- heading lines */

/* What a basket is, for sentences. */
static const char *unit_text(const kw_basket_analysis_view *a, kw_lang lang) {
  const kw_basket_view *v = kw_baskets_view(a->baskets);
  if (!v->customer) return msg("basket.unit.file", lang);
  if (v->unit == KW_BASKET_BY_CUSTOMER)
    return msg("basket.unit.customer", lang);
  if (a->has_invoice) return msg("basket.unit.invoice", lang);
  return msg("basket.unit.day", lang);
}

static size_t items_used(const kw_basket_view *v) {
  size_t used = 0;
  for (size_t i = 0; i < v->n_items; i++) used += v->item_count[i] > 0;
  return used;
}

/* "9,835 baskets (invoices) with 169 products, from 2,759 sales lines (12
 * return lines left out)" */
static void write_basket_line(FILE *f, const kw_basket_analysis_view *a,
                              kw_lang lang) {
  const kw_basket_view *v = kw_baskets_view(a->baskets);
  bool file = !v->customer;
  char x[32], y[32], t[512];
  fputs(say(t, sizeof t, lang, "basket.line", "n",
            num(x, (double)v->n_baskets, lang), "unit", unit_text(a, lang),
            "items", num(y, (double)items_used(v), lang), "level",
            level_word(a, true, lang), NULL),
        f);
  if (file) {
    if (v->lines_blank)
      fputs(say(t, sizeof t, lang, "basket.line.blank", "n",
                num(x, (double)v->lines_blank, lang), NULL),
            f);
    fputs("\n", f);
    return;
  }
  fputs(say(t, sizeof t, lang, "basket.line.from", "n",
            num(x, (double)v->lines_used, lang), NULL),
        f);
  const char *sep = " (";
  if (v->lines_return) {
    fprintf(f, "%s%s", sep,
            say(t, sizeof t, lang, "basket.line.returns", "n",
                num(x, (double)v->lines_return, lang), NULL));
    sep = "; ";
  }
  if (v->lines_no_item) {
    fprintf(f, "%s%s", sep,
            say(t, sizeof t, lang, "basket.line.no_item", "n",
                num(x, (double)v->lines_no_item, lang), "level",
                level_word(a, false, lang), NULL));
    sep = "; ";
  }
  if (v->lines_after) {
    fprintf(f, "%s%s", sep,
            say(t, sizeof t, lang, "basket.line.after", "n",
                num(x, (double)v->lines_after, lang), NULL));
    sep = "; ";
  }
  fputs(sep[0] == ';' ? ")\n" : "\n", f);
}

static void jw_baskets(kw_jw *w, const kw_basket_analysis_view *a) {
  const kw_basket_view *v = kw_baskets_view(a->baskets);
  bool file = !v->customer;
  const char *unit = file ? "line"
                     : v->unit == KW_BASKET_BY_CUSTOMER ? "customer"
                     : a->has_invoice ? "invoice"
                                      : "purchase_day";
  kw_jw_str(w, "basket", unit);
  kw_jw_str(w, "item", level_key(a));
  kw_jw_int(w, "n_baskets", (int64_t)v->n_baskets);
  kw_jw_int(w, "n_items", (int64_t)items_used(v));
  if (file) {
    kw_jw_int(w, "lines_read", (int64_t)v->lines_read);
    kw_jw_int(w, "lines_blank", (int64_t)v->lines_blank);
  } else {
    kw_jw_int(w, "lines_used", (int64_t)v->lines_used);
    kw_jw_int(w, "lines_return", (int64_t)v->lines_return);
    kw_jw_int(w, "lines_without_item", (int64_t)v->lines_no_item);
    kw_jw_int(w, "lines_after_as_of", (int64_t)v->lines_after);
  }
}

/* "1,031 frequent itemsets with support >= 0.01 (at least 186 baskets),
 * 1 to 10 items" */
static void write_threshold(FILE *f, const kw_basket_analysis_view *a,
                            kw_lang lang) {
  const kw_basket_analysis_options *o = &a->options;
  const kw_itemset_view *sv = kw_itemsets_view(a->itemsets);
  char x[32], y[32], s[32], t[512];
  const char *kind = o->kind == KW_ITEMSETS_CLOSED
                         ? msg("basket.kind.closed", lang)
                     : o->kind == KW_ITEMSETS_MAXIMAL
                         ? msg("basket.kind.maximal", lang)
                         : "";
  if (o->min_count)
    num(s, (double)o->min_count, lang);
  else
    frac(s, o->support, lang);
  if (o->mode == KW_BASKET_MODE_ITEMSETS && o->kind != KW_ITEMSETS_ALL)
    fputs(say(t, sizeof t, lang, "basket.itemsets.some", "n",
              num(x, (double)sv->n, lang), "kind", kind, "m",
              num(y, (double)sv->n_frequent, lang), NULL),
          f);
  else
    fputs(say(t, sizeof t, lang, "basket.itemsets.frequent", "n",
              num(x, (double)sv->n_frequent, lang), NULL),
          f);
  if (o->min_count)
    fputs(say(t, sizeof t, lang, "basket.itemsets.count", "s", s, NULL), f);
  else
    fputs(say(t, sizeof t, lang, "basket.itemsets.support", "s", s, "n",
              num(x, (double)sv->min_count, lang), NULL),
          f);
  if (o->max_len)
    fputs(say(t, sizeof t, lang, "basket.itemsets.len", "lo",
              whole(x, o->min_len), "hi", whole(y, o->max_len), NULL),
          f);
  else
    fputs(say(t, sizeof t, lang, "basket.itemsets.len_open", "lo",
              whole(x, o->min_len), NULL),
          f);
  fputc('\n', f);
}

static void jw_threshold(kw_jw *w, const kw_basket_analysis_view *a) {
  const kw_basket_analysis_options *o = &a->options;
  const kw_itemset_view *sv = kw_itemsets_view(a->itemsets);
  if (o->min_count)
    kw_jw_null(w, "min_support");
  else
    kw_jw_num(w, "min_support", o->support);
  kw_jw_int(w, "min_count", sv->min_count);
  kw_jw_int(w, "min_len", (int64_t)o->min_len);
  if (o->max_len)
    kw_jw_int(w, "max_len", (int64_t)o->max_len);
  else
    kw_jw_null(w, "max_len");
  kw_jw_int(w, "n_frequent_itemsets", (int64_t)sv->n_frequent);
}

/* ------------------------------------------------------------ segments */

/* Segment j's name in lang: an RFM segment's name, a column's value, or
 * the writer's word for a blank, no, yes or merged group. */
static const char *segment_name(const kw_basket_analysis_view *a, size_t j,
                                kw_lang lang) {
  const kw_groups_data *g = a->groups;
  if (a->rfm && g->kind[j] == KW_GROUP_VALUE && g->label[j]) {
    const kw_rfm_data *d = kw_rfm_view(a->rfm);
    for (size_t k = 0; k < d->n_segments; k++)
      if (strcmp(d->segments[k].key, g->label[j]) == 0)
        return lang == KW_LANG_NL ? d->segments[k].name_nl
                                  : d->segments[k].name_en;
  }
  return kw_report_group_label(g, j, lang);
}

static const char **segment_names(const kw_basket_analysis_view *a,
                                  kw_lang lang) {
  size_t n = a->groups->n;
  const char **s = calloc(n + 1, sizeof *s);
  if (s)
    for (size_t j = 0; j < n; j++) s[j] = segment_name(a, j, lang);
  return s;
}

static const char *basis(const kw_basket_analysis_view *a, kw_lang lang) {
  return a->segment_column ? a->segment_column
                           : msg("basket.rfm_segment", lang);
}

static void write_privacy_note(FILE *f, const kw_groups_data *g,
                               kw_lang lang) {
  char x[32], m[32], t[512];
  snprintf(m, sizeof m, "%d", KW_PRIVACY_MIN);
  if (g->left_out) {
    snprintf(x, sizeof x, "%llu", (unsigned long long)g->left_out);
    fprintf(f, "%s\n", say(t, sizeof t, lang, "basket.privacy.left", "n", x,
                           "min", m, NULL));
  } else if (g->merged_groups) {
    fprintf(f, "%s\n", say(t, sizeof t, lang, "basket.privacy.merged", "n",
                           whole(x, g->merged_groups), "min", m, NULL));
  }
}

static void jw_privacy(kw_jw *w, const kw_basket_analysis_view *a) {
  kw_jw_str(w, "segment_by", basis(a, KW_LANG_EN));
  kw_jw_int(w, "min_group_size", KW_PRIVACY_MIN);
  kw_jw_int(w, "groups_merged_into_other", (int64_t)a->groups->merged_groups);
  kw_jw_int(w, "customers_left_out", (int64_t)a->groups->left_out);
}

/* ------------------------------------------------------------ rules */

static kw_status write_rules(kw_context *ctx, FILE *f,
                             const kw_basket_analysis_view *a,
                             const kw_basket_report *r) {
  const kw_basket_analysis_options *o = &a->options;
  kw_lang lang = r->lang;
  const kw_rule_view *rv = kw_rules_view(a->rules);
  const kw_baskets *b = a->baskets;
  size_t n = rv->n;
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) return KW_ENOMEM;
    kw_jw_begin_object(w, NULL);
    jw_baskets(w, a);
    jw_threshold(w, a);
    kw_jw_num(w, "min_confidence", o->min_confidence);
    kw_jw_num(w, "min_lift", o->min_lift);
    kw_jw_int(w, "max_consequent", (int64_t)o->max_consequent);
    kw_jw_str(w, "sort", kw_rule_measure_name(rv->sort_by));
    kw_jw_bool(w, "ascending", rv->ascending);
    kw_jw_int(w, "n_rules", (int64_t)rv->n_matched);
    kw_jw_begin_array(w, "rules");
    for (size_t i = 0; i < n; i++) {
      const kw_rule *x = &rv->rules[i];
      kw_jw_begin_object(w, NULL);
      jw_items(w, "antecedent", b, rv->items + x->lhs, x->n_lhs);
      jw_items(w, "consequent", b, rv->items + x->rhs, x->n_rhs);
      kw_jw_num(w, "support", x->support);
      kw_jw_num(w, "confidence", x->confidence);
      kw_jw_num(w, "lift", x->lift);
      kw_jw_num(w, "leverage", x->leverage);
      if (x->conviction_inf)
        kw_jw_null(w, "conviction");
      else
        kw_jw_num(w, "conviction", x->conviction);
      kw_jw_int(w, "count", x->count);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_end_object(w);
    return kw_jw_finish(w);
  }
  strs L = {0}, R = {0};
  size_t cap = n ? n : 1;
  double *sup = calloc(cap, 8), *conf = calloc(cap, 8), *lift = calloc(cap, 8),
         *lev = calloc(cap, 8), *conv = calloc(cap, 8);
  uint32_t *cnt = calloc(cap, sizeof *cnt);
  char *convbuf = calloc(cap, 32);
  const char **convtxt = calloc(cap, sizeof *convtxt);
  kw_status st = KW_OK;
  if (!sup || !conf || !lift || !lev || !conv || !cnt || !convbuf ||
      !convtxt || !strs_build(&L, b, n, rule_lhs, rv) ||
      !strs_build(&R, b, n, rule_rhs, rv)) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    const kw_rule *x = &rv->rules[i];
    sup[i] = x->support;
    conf[i] = x->confidence;
    lift[i] = x->lift;
    lev[i] = x->leverage;
    conv[i] = x->conviction_inf ? INFINITY : x->conviction;
    cnt[i] = x->count;
    convtxt[i] = x->conviction_inf ? "inf"
                                   : kw_fmt_plain(convbuf + 32 * i,
                                                  x->conviction);
  }
  kw_rcol cols[] = {
      {"antecedent", "if bought", "als gekocht", KW_CELL_STR, 0, L.s, NULL, NULL, NULL},
      {"consequent", "then also", "dan ook", KW_CELL_STR, 0, R.s, NULL, NULL, NULL},
      {"support", "support", "support", KW_CELL_F64, 6, sup, NULL, NULL, NULL},
      {"confidence", "confidence", "betrouwbaarheid", KW_CELL_F64, 4, conf, NULL, NULL, NULL},
      {"lift", "lift", "lift", KW_CELL_F64, 3, lift, NULL, NULL, NULL},
      {"leverage", "leverage", "leverage", KW_CELL_F64, 6, lev, NULL, NULL, NULL},
      {"conviction", "conviction", "conviction", KW_CELL_F64, 3, conv, NULL, NULL, NULL},
      {"count", "baskets", "manden", KW_CELL_U32, 0, cnt, NULL, NULL, NULL},
  };
  kw_rtable t = {NULL, n, NULL, sizeof cols / sizeof *cols, cols};
  if (r->format == KW_FORMAT_CSV) {
    cols[6].type = KW_CELL_STR;
    cols[6].data = convtxt;
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, lang, 0);
    goto out;
  }
  char x[32], y[32], buf[512];
  write_basket_line(f, a, lang);
  write_threshold(f, a, lang);
  fputs(say(buf, sizeof buf, lang, "basket.rules.head", "n",
            num(x, (double)rv->n_matched, lang), "c",
            frac(y, o->min_confidence, lang), NULL),
        f);
  if (o->min_lift > 0)
    fputs(say(buf, sizeof buf, lang, "basket.rules.lift", "l",
              frac(x, o->min_lift, lang), NULL),
          f);
  if (o->n_lhs || o->n_rhs) fputs(msg("basket.rules.filtered", lang), f);
  if (rv->sort_by != KW_MEASURE_NONE)
    fputs(say(buf, sizeof buf, lang, "basket.rules.sorted", "m",
              kw_rule_measure_name(rv->sort_by), "dir",
              msg(rv->ascending ? "basket.lowest" : "basket.highest", lang),
              NULL),
          f);
  fputs("\n\n", f);
  if (n == 0) {
    fprintf(f, "%s\n", msg("basket.rules.none", lang));
    goto out;
  }
  st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, r->rows);
  if (!st && r->rows && n > r->rows)
    fprintf(f, "%s\n", msg("basket.rules.more", lang));
out:
  strs_free(&L);
  strs_free(&R);
  free(sup);
  free(conf);
  free(lift);
  free(lev);
  free(conv);
  free(cnt);
  free(convbuf);
  free((void *)convtxt);
  return st;
}

/* ------------------------------------------------------------ itemsets */

static kw_status write_itemsets(kw_context *ctx, FILE *f,
                                const kw_basket_analysis_view *a,
                                const kw_basket_report *r) {
  const kw_basket_analysis_options *o = &a->options;
  kw_lang lang = r->lang;
  const kw_itemset_view *sv = kw_itemsets_view(a->itemsets);
  size_t n = sv->n, nout = a->n_itemset_rows;
  const uint32_t *rows = a->itemset_order;
  double *sup = calloc(n ? n : 1, sizeof *sup);
  uint32_t *len = calloc(n ? n : 1, sizeof *len);
  strs T = {0};
  kw_status st = KW_OK;
  if (!sup || !len) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    sup[i] = (double)sv->count[i] / (double)sv->n_baskets;
    len[i] = (uint32_t)(sv->offsets[i + 1] - sv->offsets[i]);
  }
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    jw_baskets(w, a);
    jw_threshold(w, a);
    kw_jw_str(w, "kind", o->kind == KW_ITEMSETS_CLOSED    ? "closed"
                         : o->kind == KW_ITEMSETS_MAXIMAL ? "maximal"
                                                          : "all");
    kw_jw_str(w, "sort", o->sort_by != KW_MEASURE_NONE ? "support" : "none");
    kw_jw_int(w, "n_itemsets", (int64_t)n);
    kw_jw_begin_array(w, "itemsets");
    for (size_t q = 0; q < nout; q++) {
      size_t i = rows[q];
      kw_jw_begin_object(w, NULL);
      jw_items(w, "items", a->baskets, sv->items + sv->offsets[i], len[i]);
      kw_jw_num(w, "support", sup[i]);
      kw_jw_int(w, "count", sv->count[i]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
    goto out;
  }
  if (!strs_build(&T, a->baskets, n, itemset_span, sv)) {
    st = KW_ENOMEM;
    goto out;
  }
  const kw_rcol cols[] = {
      {"itemset", "itemset", "itemset", KW_CELL_STR, 0, T.s, NULL, NULL, NULL},
      {"length", "items", "items", KW_CELL_U32, 0, len, NULL, NULL, NULL},
      {"support", "support", "support", KW_CELL_F64, 6, sup, NULL, NULL, NULL},
      {"count", "baskets", "manden", KW_CELL_U32, 0, sv->count, NULL, NULL, NULL},
  };
  kw_rtable t = {NULL, nout, rows, 4, cols};
  if (r->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, lang, 0);
    goto out;
  }
  write_basket_line(f, a, lang);
  write_threshold(f, a, lang);
  fputc('\n', f);
  if (n == 0) {
    fprintf(f, "%s\n", msg("basket.itemsets.none", lang));
    goto out;
  }
  st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, r->rows);
out:
  strs_free(&T);
  free(sup);
  free(len);
  return st;
}

/* ------------------------------------------------------------ recommend */

static kw_status write_recommend(kw_context *ctx, FILE *f,
                                 const kw_basket_analysis_view *a,
                                 const kw_basket_report *r) {
  const kw_basket_analysis_options *o = &a->options;
  kw_lang lang = r->lang;
  const kw_next_best_data *d = kw_next_best_view(a->next_best);
  const kw_baskets *hist = a->histories ? a->histories : a->baskets;
  const kw_rule_view *rv = kw_rules_view(a->rules);
  const kw_dict *cust = a->customers;
  const char *const *names = a->product_names;
  size_t rows_n = d->offsets[d->n], cap = rows_n ? rows_n : 1;
  uint32_t *cid = calloc(cap, sizeof *cid);
  uint32_t *rank = calloc(cap, sizeof *rank);
  const char **item = calloc(cap, sizeof *item);
  const char **iname = calloc(cap, sizeof *iname);
  const char **vbasis = calloc(cap, sizeof *vbasis);
  const char **btxt = calloc(cap, sizeof *btxt);
  double *ev = calloc(cap, sizeof *ev);
  strs because = {0};
  kw_status st = KW_OK;
  size_t with = 0;
  if (!cid || !rank || !item || !iname || !vbasis || !btxt || !ev ||
      !strs_build(&because, a->baskets, rv->n, rule_lhs, rv)) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t k = 0; k < d->n; k++) {
    if (d->offsets[k + 1] > d->offsets[k]) with++;
    for (size_t j = d->offsets[k]; j < d->offsets[k + 1]; j++) {
      cid[j] = d->customer[k];
      rank[j] = (uint32_t)(j - d->offsets[k] + 1);
      item[j] = kw_baskets_item_name(hist, d->item[j]);
      iname[j] = names ? names[d->item[j]] : "";
      vbasis[j] = !d->has_price ? "" : d->margin_applied[j] ? "margin"
                                                            : "revenue";
      ev[j] = d->has_price ? d->expected_value[j] : NAN;
      btxt[j] = because.s[d->rule[j]];
    }
  }
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    jw_baskets(w, a);
    jw_threshold(w, a);
    kw_jw_num(w, "min_confidence", o->min_confidence);
    kw_jw_int(w, "n_rules", (int64_t)rv->n);
    kw_jw_int(w, "per_customer", (int64_t)o->recommend);
    kw_jw_int(w, "n_customers", (int64_t)d->n);
    kw_jw_int(w, "n_customers_with_offers", (int64_t)with);
    kw_jw_begin_array(w, "customers");
    for (size_t k = 0; k < d->n; k++) {
      if (d->offsets[k + 1] == d->offsets[k]) continue;
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "customer_id", kw_dict_str(cust, d->customer[k]));
      kw_jw_begin_array(w, "offers");
      for (size_t j = d->offsets[k]; j < d->offsets[k + 1]; j++) {
        const kw_rule *x = &rv->rules[d->rule[j]];
        kw_jw_begin_object(w, NULL);
        kw_jw_int(w, "rank", rank[j]);
        kw_jw_str(w, "item", item[j]);
        if (names) kw_jw_str(w, "name", iname[j]);
        kw_jw_num(w, "confidence", d->confidence[j]);
        kw_jw_num(w, "lift", d->lift[j]);
        if (d->has_price) {
          kw_jw_num(w, "expected_value", d->expected_value[j]);
          kw_jw_str(w, "value_basis", vbasis[j]);
        } else {
          kw_jw_null(w, "expected_value");
          kw_jw_null(w, "value_basis");
        }
        jw_items(w, "because", a->baskets, rv->items + x->lhs, x->n_lhs);
        kw_jw_end_object(w);
      }
      kw_jw_end_array(w);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
    goto out;
  }
  kw_rcol cols[9];
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_ID, 0, cid, cust, NULL, NULL};
  cols[nc++] = (kw_rcol){"rank", "#", "#", KW_CELL_U32, 0, rank, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"item", level_word(a, false, KW_LANG_EN),
                         level_word(a, false, KW_LANG_NL), KW_CELL_STR, 0, item, NULL, NULL, NULL};
  if (names)
    cols[nc++] = (kw_rcol){"name", "name", "omschrijving", KW_CELL_STR, 0, iname, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"confidence", "confidence", "betrouwbaarheid", KW_CELL_F64, 4, d->confidence, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"lift", "lift", "lift", KW_CELL_F64, 3, d->lift, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"expected_value", "expected value", "verwachte waarde", KW_CELL_F64, 2, ev, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"value_basis", "basis", "basis", KW_CELL_STR, 0, vbasis, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"because", "because of", "omdat gekocht", KW_CELL_STR, 0, btxt, NULL, NULL, NULL};
  kw_rtable t = {NULL, rows_n, NULL, nc, cols};
  if (r->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_CSV, lang, 0);
    goto out;
  }
  char x[32], y[32], e[32], g[32], per[32], buf[512];
  write_basket_line(f, a, lang);
  write_threshold(f, a, lang);
  fprintf(f, "%s\n",
          say(buf, sizeof buf, lang, "basket.recommend.head", "n",
              num(x, (double)rv->n, lang), "c",
              frac(e, o->min_confidence, lang), "with",
              num(y, (double)with, lang), "customers",
              num(g, (double)d->n, lang), "per", whole(per, o->recommend),
              NULL));
  if (d->has_price)
    fprintf(f, "%s\n\n", msg("basket.recommend.value", lang));
  else
    fputc('\n', f);
  if (rows_n == 0)
    fprintf(f, "%s\n", msg("basket.recommend.none", lang));
  else
    st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, r->rows);
out:
  strs_free(&because);
  free(cid);
  free(rank);
  free((void *)item);
  free((void *)iname);
  free((void *)vbasis);
  free((void *)btxt);
  free(ev);
  return st;
}

/* ------------------------------------------------------------ penetration */

static kw_status write_penetration(kw_context *ctx, FILE *f,
                                   const kw_basket_analysis_view *a,
                                   const kw_basket_report *r) {
  const kw_basket_analysis_options *o = &a->options;
  kw_lang lang = r->lang;
  const kw_penetration_data *p = kw_penetration_view(a->penetration);
  size_t ns = p->n_segments, ni = p->n_items, m = a->n_penetration_items;
  const uint32_t *items = a->penetration_items;
  kw_status st = KW_OK;
  const char **iname = calloc(ni + 1, sizeof *iname);
  const char **sname = segment_names(a, lang);
  size_t nrow = (ns + 1) * (m ? m : 1);
  const char **rseg = calloc(nrow, sizeof *rseg);
  const char **ritem = calloc(nrow, sizeof *ritem);
  uint32_t *rcust = calloc(nrow, sizeof *rcust);
  uint32_t *rbuy = calloc(nrow, sizeof *rbuy);
  double *rshare = calloc(nrow, sizeof *rshare);
  kw_rcol *cols = calloc(ns + 2, sizeof *cols);
  const char **sn = calloc(ns + 1, sizeof *sn);
  uint32_t *sc = calloc(ns + 1, sizeof *sc);
  const char *all_label = msg("basket.all", lang);
  if (!iname || !sname || !rseg || !ritem || !rcust || !rbuy || !rshare ||
      !cols || !sn || !sc) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < ni; i++)
    iname[i] = kw_baskets_item_name(a->baskets, (uint32_t)i);
  /* long rows: "all" first, then each segment, items by overall share */
  size_t k = 0;
  for (size_t s = 0; s <= ns; s++) {
    for (size_t q = 0; q < m; q++) {
      uint32_t i = items[q];
      rseg[k] = s == 0 ? all_label : sname[s - 1];
      ritem[k] = iname[i];
      rcust[k] = s == 0 ? p->all_customers : p->customers[s - 1];
      rbuy[k] = s == 0 ? p->all_buyers[i] : p->buyers[(s - 1) * ni + i];
      rshare[k] = s == 0 ? p->all_share[i] : p->share[(s - 1) * ni + i];
      k++;
    }
  }
  if (r->format != KW_FORMAT_TABLE) {
    /* "item" names the level in machine output */
    const kw_rcol mcols[] = {
        {"segment", "segment", "segment", KW_CELL_STR, 0, rseg, NULL, NULL, NULL},
        {level_key(a), "item", "item", KW_CELL_STR, 0, ritem, NULL, NULL, NULL},
        {"customers", "customers", "klanten", KW_CELL_U32, 0, rcust, NULL, NULL, NULL},
        {"buyers", "buyers", "kopers", KW_CELL_U32, 0, rbuy, NULL, NULL, NULL},
        {"share", "share", "aandeel", KW_CELL_F64, 4, rshare, NULL, NULL, NULL},
    };
    kw_rtable lt = {NULL, k, NULL, 5, mcols};
    if (r->format == KW_FORMAT_CSV) {
      st = kw_write_rtable(ctx, f, &lt, KW_FORMAT_CSV, lang, 0);
      goto out;
    }
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "item", level_key(a));
    jw_privacy(w, a);
    kw_jw_begin_array(w, "segments");
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "segment", all_label);
    kw_jw_int(w, "customers", p->all_customers);
    kw_jw_end_object(w);
    for (size_t s = 0; s < ns; s++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "segment", sname[s]);
      kw_jw_int(w, "customers", p->customers[s]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_rtable(w, "penetration", &lt);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
    goto out;
  }
  /* terminal: segment sizes, then items x segments */
  char buf[512];
  fprintf(f, "%s\n",
          say(buf, sizeof buf, lang, "basket.penetration.head", "basis",
              basis(a, lang), "level",
              msg(o->level == KW_BASKET_CATEGORIES
                      ? "basket.penetration.each_category"
                      : "basket.penetration.each_product",
                  lang),
              NULL));
  write_privacy_note(f, a->groups, lang);
  fputc('\n', f);
  sn[0] = all_label;
  sc[0] = p->all_customers;
  for (size_t s = 0; s < ns; s++) {
    sn[s + 1] = sname[s];
    sc[s + 1] = p->customers[s];
  }
  const kw_rcol scols[] = {
      {"segment", "segment", "segment", KW_CELL_STR, 0, sn, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_U32, 0, sc, NULL, NULL, NULL},
  };
  kw_rtable stt = {NULL, ns + 1, NULL, 2, scols};
  if ((st = kw_write_rtable(ctx, f, &stt, KW_FORMAT_TABLE, lang, 0))) goto out;
  fputc('\n', f);
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"item", level_word(a, false, KW_LANG_EN),
                         level_word(a, false, KW_LANG_NL), KW_CELL_STR, 0,
                         iname, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"all", all_label, all_label, KW_CELL_PCT, 1,
                         p->all_share, NULL, NULL, NULL};
  for (size_t s = 0; s < ns; s++)
    cols[nc++] = (kw_rcol){sname[s], sname[s], sname[s], KW_CELL_PCT, 1,
                           p->share + s * ni, NULL, NULL, NULL};
  kw_rtable t = {NULL, m, items, nc, cols};
  st = kw_write_rtable(ctx, f, &t, KW_FORMAT_TABLE, lang, r->rows);
out:
  free((void *)iname);
  free((void *)sname);
  free((void *)rseg);
  free((void *)ritem);
  free(rcust);
  free(rbuy);
  free(rshare);
  free(cols);
  free((void *)sn);
  free(sc);
  return st;
}

/* ------------------------------------------------------------ upsell */

static kw_status write_upsell(kw_context *ctx, FILE *f,
                              const kw_basket_analysis_view *a,
                              const kw_basket_report *r) {
  const kw_basket_analysis_options *o = &a->options;
  kw_lang lang = r->lang;
  const kw_upsell_data *u = kw_upsell_view(a->upsell);
  size_t ns = u->n_segments, n = u->n;
  const char **names = segment_names(a, lang);
  uint32_t *cand = calloc(ns + 1, sizeof *cand);
  const char **sname = calloc(n + 1, sizeof *sname);
  double *smed = calloc(n + 1, sizeof *smed);
  kw_status st = KW_OK;
  if (!names || !cand || !sname || !smed) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    cand[u->segment[i]]++;
    sname[i] = names[u->segment[i]];
    smed[i] = u->segment_median[u->segment[i]];
  }
  const kw_rcol scols[] = {
      {"segment", "segment", "segment", KW_CELL_STR, 0, names, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_U32, 0, u->segment_customers, NULL, NULL, NULL},
      {"median", "median per order", "mediaan per order", KW_CELL_F64, 2, u->segment_median, NULL, NULL, NULL},
      {"p25", "lower quartile", "eerste kwartiel", KW_CELL_F64, 2, u->segment_p25, NULL, NULL, NULL},
      {"threshold", "threshold", "drempel", KW_CELL_F64, 2, u->segment_threshold, NULL, NULL, NULL},
      {"candidates", "candidates", "kandidaten", KW_CELL_U32, 0, cand, NULL, NULL, NULL},
  };
  kw_rtable st_t = {NULL, ns, NULL, 6, scols};
  const kw_rcol ccols[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, u->customer, a->customers, NULL, NULL},
      {"segment", "segment", "segment", KW_CELL_STR, 0, sname, NULL, NULL, NULL},
      {"orders", "orders", "orders", KW_CELL_U32, 0, u->orders, NULL, NULL, NULL},
      {"spend_per_order", "spend per order", "besteding per order", KW_CELL_F64, 2, u->spend_per_order, NULL, NULL, NULL},
      {"segment_median", "segment median", "mediaan segment", KW_CELL_F64, 2, smed, NULL, NULL, NULL},
      {"gap", "gap", "verschil", KW_CELL_F64, 2, u->gap, NULL, NULL, NULL},
      {"potential", "potential", "potentieel", KW_CELL_F64, 2, u->potential, NULL, NULL, NULL},
  };
  kw_rtable ct = {NULL, n, NULL, 7, ccols};
  if (r->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(ctx, f, &ct, KW_FORMAT_CSV, lang, 0);
    goto out;
  }
  if (r->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    jw_privacy(w, a);
    if (o->upsell_fraction > 0)
      kw_jw_num(w, "fraction_of_median", o->upsell_fraction);
    else
      kw_jw_str(w, "threshold", "p25");
    kw_jw_int(w, "min_orders", (int64_t)o->min_orders);
    kw_jw_rtable(w, "segments", &st_t);
    kw_jw_int(w, "n_candidates", (int64_t)n);
    kw_jw_rtable(w, "candidates", &ct);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
    goto out;
  }
  char x[32], y[32], z[32], buf[512];
  uint64_t counted = 0;
  for (size_t s = 0; s < ns; s++) counted += u->segment_customers[s];
  if (o->upsell_fraction > 0) {
    kw_fmt_number(x, o->upsell_fraction * 100.0, 0, lang);
    strcat(x, "%");
    fprintf(f, "%s\n", say(buf, sizeof buf, lang, "basket.upsell.fraction",
                           "pct", x, "basis", basis(a, lang), NULL));
  } else {
    fprintf(f, "%s\n", say(buf, sizeof buf, lang, "basket.upsell.p25",
                           "basis", basis(a, lang), NULL));
  }
  snprintf(z, sizeof z, "%lu", (unsigned long)o->min_orders);
  fprintf(f, "%s\n",
          say(buf, sizeof buf, lang, "basket.upsell.counts", "n",
              num(x, (double)counted, lang), "orders", z, "c",
              num(y, (double)n, lang), NULL));
  write_privacy_note(f, a->groups, lang);
  fputc('\n', f);
  if ((st = kw_write_rtable(ctx, f, &st_t, KW_FORMAT_TABLE, lang, 0)))
    goto out;
  fputc('\n', f);
  if (n) st = kw_write_rtable(ctx, f, &ct, KW_FORMAT_TABLE, lang, r->rows);
out:
  free((void *)names);
  free(cand);
  free((void *)sname);
  free(smed);
  return st;
}

/* ------------------------------------------------------------ dispatch */

kw_status kw_report_basket(kw_context *ctx, FILE *f,
                           const kw_basket_analysis *an,
                           const kw_basket_report *r) {
  kw_basket_report def;
  if (!r) {
    kw_basket_report_init(&def);
    r = &def;
  }
  const kw_basket_analysis_view *a = kw_basket_analysis_view_of(an);
  if (!f || !a) return kw_fail(ctx, KW_EARG, "basket report: no result");
  switch (a->options.mode) {
    case KW_BASKET_MODE_ITEMSETS:
      return write_itemsets(ctx, f, a, r);
    case KW_BASKET_MODE_RECOMMEND:
      return write_recommend(ctx, f, a, r);
    case KW_BASKET_MODE_PENETRATION:
      return write_penetration(ctx, f, a, r);
    case KW_BASKET_MODE_UPSELL:
      return write_upsell(ctx, f, a, r);
    default:
      return write_rules(ctx, f, a, r);
  }
}
