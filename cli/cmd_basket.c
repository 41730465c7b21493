/* cmd_basket.c — `klantwijs basket`: cross-sell and upsell. The analysis
 * is kw_basket_analyze (klantwijs/basket.h), the output kw_report_basket
 * (klantwijs/writers.h); here: the option rows, which options go together,
 * and the two calls. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "opts.h"
#include "value_opts.h"

#define MAX_FILTER 64

typedef struct basket_opts {
  kw_basket_analysis_options a;
  int mode, n_modes;
  int by, level, sort, lhs_match, rhs_match; /* CHOICE rows; -1 not given */
  bool closed, maximal, ascending, top_given, fraction_given;
  unsigned long min_len, max_len, max_consequent, top, min_orders,
      max_itemsets;
  double min_lift;
  const char *lhs[MAX_FILTER], *rhs[MAX_FILTER];
} basket_opts;

static void set_mode(basket_opts *o, int m) {
  if (o->n_modes == 0 || o->mode != m) o->n_modes++;
  o->mode = m;
}

/* "0.01", "1%" or "10" (a count of baskets). */
static bool set_support(cli_common *c, void *t, const char *s) {
  basket_opts *o = t;
  size_t n = strlen(s);
  double v;
  bool pct = n > 1 && s[n - 1] == '%';
  bool ok = pct ? cli_parse_pct(s, &v) && v <= 1
                : cli_parse_double(s, &v) && isfinite(v);
  ok = ok && v > 0 && (pct || v < 1 || (v == floor(v) && v <= 4e9));
  if (ok && (pct || v < 1))
    o->a.support = v, o->a.min_count = 0;
  else if (ok)
    o->a.min_count = (uint64_t)v;
  else
    cli_usage_key(c, "cli.basket.support", "v", s, NULL);
  return ok;
}

/* A fraction (0.5) or a percentage (50%) in [0, 1] (open at 0 when
 * `open`), into *out; else the usage error key. */
static bool fraction(cli_common *c, const char *s, bool open, double *out,
                     const char *key) {
  size_t n = strlen(s);
  double v;
  bool ok = n > 1 && s[n - 1] == '%' ? cli_parse_pct(s, &v)
                                     : cli_parse_double(s, &v) && isfinite(v);
  if (ok && v <= 1 && (open ? v > 0 : v >= 0)) {
    *out = v;
    return true;
  }
  cli_usage_key(c, key, "v", s, NULL);
  return false;
}
static bool set_confidence(cli_common *c, void *t, const char *s) {
  basket_opts *o = t;
  return fraction(c, s, false, &o->a.min_confidence,
                  "cli.basket.min_confidence");
}
static bool set_upsell_fraction(cli_common *c, void *t, const char *s) {
  basket_opts *o = t;
  o->fraction_given = true;
  return fraction(c, s, true, &o->a.upsell_fraction,
                  "cli.basket.upsell_fraction");
}

static bool set_top(cli_common *c, void *t, const char *s) {
  basket_opts *o = t;
  o->top_given = true;
  if (cli_parse_uint(s, &o->top)) return true;
  cli_usage_key(c, "cli.err.whole", "opt", "--top", NULL);
  return false;
}

static bool add_item(cli_common *c, const char **list, size_t *n,
                     const char *opt, const char *s) {
  bool ok = *n < MAX_FILTER;
  if (ok) list[(*n)++] = s;
  else cli_usage_key(c, "cli.basket.too_many", "opt", opt, NULL);
  return ok;
}
static bool add_lhs(cli_common *c, void *t, const char *s) {
  basket_opts *o = t;
  return add_item(c, o->lhs, &o->a.n_lhs, "--lhs", s);
}
static bool add_rhs(cli_common *c, void *t, const char *s) {
  basket_opts *o = t;
  return add_item(c, o->rhs, &o->a.n_rhs, "--rhs", s);
}

static bool set_recommend(cli_common *c, void *t, const char *s) {
  basket_opts *o = t;
  unsigned long u;
  set_mode(o, KW_BASKET_MODE_RECOMMEND);
  bool ok = cli_parse_uint(s, &u) && u >= 1 && u <= 100;
  if (ok) o->a.recommend = u;
  else cli_usage_key(c, "cli.basket.recommend", NULL);
  return ok;
}

#define MODE_FLAG(fn, m)                                             \
  static bool fn(cli_common *c, void *t, const char *s) {            \
    return (void)c, (void)s, set_mode(t, m), true;                   \
  }
MODE_FLAG(set_itemsets, KW_BASKET_MODE_ITEMSETS)
MODE_FLAG(set_penetration, KW_BASKET_MODE_PENETRATION)
MODE_FLAG(set_upsell, KW_BASKET_MODE_UPSELL)

#define CMD(field) CLI_T_CMD, offsetof(basket_opts, field)
#define CALL(name, arg, help, fn)                                        \
  {name, 0, CLI_CALL, CLI_T_CMD, 0, CLI_NO_RANGE, arg, NULL, help, fn}
#define FLAGCALL(name, help, fn)                                         \
  {name, 0, CLI_FLAG, CLI_T_CMD, 0, CLI_NO_RANGE, NULL, NULL, help, fn}
static const cli_opt rows_[] = {
    {"baskets", 0, CLI_STR, CMD(a.baskets_file), CLI_NO_RANGE, "FILE", NULL,
     "opt.basket.baskets", NULL},
    {"by", 0, CLI_CHOICE, CMD(by), CLI_NO_RANGE, "order|customer", "order",
     "opt.basket.by", NULL},
    {"level", 0, CLI_CHOICE, CMD(level), CLI_NO_RANGE, "product|category",
     "product", "opt.basket.level", NULL},
    CALL("min-support", "S", "opt.basket.min_support", set_support),
    CALL("min-confidence", "C", "opt.basket.min_confidence", set_confidence),
    {"min-lift", 0, CLI_NUM, CMD(min_lift), 0, 1e9, "L", "0",
     "opt.basket.min_lift", NULL},
    {"min-len", 0, CLI_UINT, CMD(min_len), 1, 1000, "N", "1",
     "opt.basket.min_len", NULL},
    {"max-len", 0, CLI_UINT, CMD(max_len), 0, 1000, "N", "10",
     "opt.basket.max_len", NULL},
    {"max-consequent", 0, CLI_UINT, CMD(max_consequent), 1, 1000, "K", "1",
     "opt.basket.max_consequent", NULL},
    {"sort", 0, CLI_CHOICE, CMD(sort), CLI_NO_RANGE,
     "none|support|confidence|lift|leverage|conviction|count", "lift",
     "opt.basket.sort", NULL},
    {"ascending", 0, CLI_FLAG, CMD(ascending), CLI_NO_RANGE, NULL, NULL,
     "opt.basket.ascending", NULL},
    CALL("top", "N", "opt.basket.top", set_top),
    CALL("lhs", "ITEM", "opt.basket.lhs", add_lhs),
    CALL("rhs", "ITEM", "opt.basket.rhs", add_rhs),
    {"lhs-match", 0, CLI_CHOICE, CMD(lhs_match), CLI_NO_RANGE,
     "any|all|none", "any", "opt.basket.lhs_match", NULL},
    {"rhs-match", 0, CLI_CHOICE, CMD(rhs_match), CLI_NO_RANGE,
     "any|all|none", "any", "opt.basket.rhs_match", NULL},
    FLAGCALL("itemsets", "opt.basket.itemsets", set_itemsets),
    {"closed", 0, CLI_FLAG, CMD(closed), CLI_NO_RANGE, NULL, NULL,
     "opt.basket.closed", NULL},
    {"maximal", 0, CLI_FLAG, CMD(maximal), CLI_NO_RANGE, NULL, NULL,
     "opt.basket.maximal", NULL},
    CALL("recommend", "N", "opt.basket.recommend", set_recommend),
    FLAGCALL("penetration", "opt.basket.penetration", set_penetration),
    FLAGCALL("upsell", "opt.basket.upsell", set_upsell),
    {"segment-by", 0, CLI_STR, CMD(a.segment_by), CLI_NO_RANGE, "COLUMN",
     NULL, "opt.basket.segment_by", NULL},
    CALL("upsell-fraction", "F", "opt.basket.upsell_fraction",
         set_upsell_fraction),
    {"min-orders", 0, CLI_UINT, CMD(min_orders), 1, 1000000, "N", "1",
     "opt.basket.min_orders", NULL},
    {"max-itemsets", 0, CLI_UINT, CMD(max_itemsets), CLI_NO_RANGE, "N",
     "1000000", "opt.basket.max_itemsets", NULL},
};
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_as_of,
                                          &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_basket_spec = {"basket", groups};

/* The options that do not go together, as a message key (NULL: fine). */
static const char *conflict(const cli_common *c, const basket_opts *o) {
  int m = o->mode;
  if (o->n_modes > 1) return "cli.basket.modes";
  if (o->closed && o->maximal) return "cli.basket.closed_maximal";
  if ((o->closed || o->maximal) && m != KW_BASKET_MODE_ITEMSETS)
    return "cli.basket.closed_itemsets";
  if (o->max_len && o->min_len > o->max_len) return "cli.basket.len";
  if ((o->a.n_lhs || o->a.n_rhs) && m != KW_BASKET_MODE_RULES &&
      m != KW_BASKET_MODE_RECOMMEND)
    return "cli.basket.filters";
  if (m == KW_BASKET_MODE_ITEMSETS && o->sort >= 0 &&
      o->sort != KW_MEASURE_SUPPORT && o->sort != KW_MEASURE_NONE)
    return "cli.basket.itemsets_sort";
  if (o->a.segment_by && m != KW_BASKET_MODE_PENETRATION &&
      m != KW_BASKET_MODE_UPSELL)
    return "cli.basket.segment_by";
  if ((o->fraction_given || o->min_orders) && m != KW_BASKET_MODE_UPSELL)
    return "cli.basket.upsell_options";
  if (!o->a.baskets_file)
    return c->path || c->load.files[KW_TABLE_TRANSACTIONS]
               ? NULL : "cli.basket.missing_path";
  if (c->path || c->load.files[KW_TABLE_TRANSACTIONS])
    return "cli.basket.file_and_path";
  if (m >= KW_BASKET_MODE_RECOMMEND) return "cli.basket.file_modes";
  if (o->by >= 0 || o->level >= 0) return "cli.basket.file_by";
  if (c->as_of != KW_NA_DATE) return "cli.basket.file_as_of";
  return NULL;
}

/* The analysis options from the rows. */
static void settle(const cli_common *c, basket_opts *o) {
  kw_basket_analysis_options *a = &o->a;
  a->mode = (kw_basket_mode)o->mode;
  a->delimiter = c->load.delimiter;
  a->unit = o->by > 0 ? KW_BASKET_BY_CUSTOMER : KW_BASKET_BY_ORDER;
  a->level_given = o->level >= 0;
  a->level = o->level > 0 ? KW_BASKET_CATEGORIES : KW_BASKET_PRODUCTS;
  a->min_len = o->min_len;
  a->max_len = o->max_len;
  a->max_consequent = o->max_consequent;
  a->kind = o->closed ? KW_ITEMSETS_CLOSED
            : o->maximal ? KW_ITEMSETS_MAXIMAL : KW_ITEMSETS_ALL;
  a->max_itemsets = o->max_itemsets;
  a->min_lift = o->min_lift;
  if (o->sort >= 0) a->sort_by = (kw_rule_measure)o->sort;
  a->ascending = o->ascending;
  /* --top cuts rules and itemsets in every format */
  if (o->top_given && a->mode <= KW_BASKET_MODE_ITEMSETS) a->top_n = o->top;
  a->lhs = o->lhs;
  a->rhs = o->rhs;
  a->lhs_match = (kw_item_match)o->lhs_match;
  a->rhs_match = (kw_item_match)o->rhs_match;
  if (o->min_orders) a->min_orders = (uint32_t)o->min_orders;
  a->as_of = c->as_of;
}

/* A hint after a failed step, by step and status. */
static const char *hint(kw_basket_step step, kw_status st,
                        const kw_basket_analysis_options *a) {
  if (step == KW_BASKET_STEP_BASKETS && st == KW_EMISSING && !a->baskets_file)
    return a->level ? "basket.hint.map_category" : "basket.hint.map_product";
  return step == KW_BASKET_STEP_ITEMSETS && st == KW_ERANGE
             ? "basket.hint.support" : NULL;
}

int kw_cli_basket(int argc, char **argv);
int kw_cli_basket(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "basket");
  basket_opts o;
  memset(&o, 0, sizeof o);
  kw_basket_analysis_options_init(&o.a);
  o.by = o.level = o.sort = -1;
  o.min_len = o.a.min_len, o.max_len = o.a.max_len, o.top = 20;
  o.max_consequent = o.a.max_consequent, o.max_itemsets = o.a.max_itemsets;
  void *targets[CLI_T__COUNT] = {NULL, &o, NULL, NULL};
  kw_dataset *ds = NULL;
  kw_basket_analysis *an = NULL;
  int code = cli_parse(&kw_cli_basket_spec, &c, targets, argc, argv);
  if (code) goto done;
  const char *bad = conflict(&c, &o);
  if (bad) {
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%lu", o.min_len);
    snprintf(hi, sizeof hi, "%lu", o.max_len);
    code = cli_usage_key(&c, bad, "lo", lo, "hi", hi, NULL);
    goto done;
  }
  settle(&c, &o);
  if (!o.a.baskets_file) {
    c.load.tables = 1u << KW_TABLE_TRANSACTIONS;
    if (o.a.segment_by) c.load.tables |= 1u << KW_TABLE_CUSTOMERS;
    if ((code = cli_load(&c, &ds))) goto done;
  }
  kw_basket_step step;
  kw_status st = kw_basket_analyze(c.ctx, ds, &o.a, &an, &step);
  if (st) {
    code = st == KW_EARG ? cli_usage_fail(&c) : cli_fail(&c, st);
    const char *h = hint(step, st, &o.a);
    if (h) fprintf(stderr, "%s\n", cli_text(h, c.lang));
    goto done;
  }
  kw_basket_report r;
  kw_basket_report_init(&r);
  r.format = (kw_format)c.format;
  r.lang = (kw_lang)c.lang;
  /* the terminal shows 20 rows; --top: rules and itemsets are cut already
   * (all shown), the other tables show --top rows */
  if (o.top_given) r.rows = o.a.mode <= KW_BASKET_MODE_ITEMSETS ? 0 : o.top;
  FILE *f = cli_out_open(&c);
  code =
      f ? cli_out_end(&c, f, kw_report_basket(c.ctx, f, an, &r)) : KW_EXIT_IO;
done:
  kw_basket_analysis_free(an);
  kw_dataset_free(ds);
  cli_common_free(&c);
  return code;
}
