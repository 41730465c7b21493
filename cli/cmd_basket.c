/*
 * cmd_basket.c — `klantwijs basket`: cross-sell and upsell. Frequent
 * itemsets (FP-growth) and association rules from invoices, customer
 * histories or a basket file; next-best products per customer; product
 * penetration by segment; upsell candidates per segment.
 *
 * The analyses are in the library (klantwijs/basket.h states the formulas:
 * arules' support threshold ceil(N x support), the rule measures, the
 * next-best score and expected value, penetration shares, the type-7
 * quartiles of the upsell rule). This file reads the options, builds the
 * segments (the RFM segments of klantwijs/value.h, or the groups of a
 * customers-table column) with the product's privacy rule — no group of
 * fewer than PRIVACY_MIN customers is ever shown — and writes the results.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "value_opts.h"

const char kw_cli_basket_help[] =
    "usage: klantwijs basket [OPTIONS] PATH\n"
    "       klantwijs basket --baskets FILE [OPTIONS]\n"
    "\n"
    "Cross-sell and upsell. A basket is an invoice (without an invoice\n"
    "column: a customer's purchases of one day), or a customer's whole\n"
    "history with --by customer; items are products, or categories with\n"
    "--level category. Returns (a negative quantity or amount) add no item.\n"
    "Frequent itemsets are mined by FP-growth; as in arules, an itemset is\n"
    "frequent when at least ceil(N x support) of the N baskets hold it.\n"
    "Rules X => Y come from the frequent itemsets, with\n"
    "  support    = share of the baskets holding X and Y\n"
    "  confidence = support(X and Y) / support(X)\n"
    "  lift       = confidence / support(Y)\n"
    "  leverage   = support(X and Y) - support(X) x support(Y)\n"
    "  conviction = (1 - support(Y)) / (1 - confidence); inf (json null)\n"
    "               when confidence is 1\n"
    "\n"
    "What it writes (one of these):\n"
    "  (default)            the rules, best first by --sort; the terminal\n"
    "                       shows 20 and says how many there are, csv and\n"
    "                       json give all of them\n"
    "  --itemsets           the frequent itemsets, by support; --closed (no\n"
    "                       superset has the same count) or --maximal (no\n"
    "                       superset is frequent) for those only\n"
    "  --recommend N        per customer the N best items not yet bought.\n"
    "                       Candidates are the consequents of the rules\n"
    "                       whose antecedent the customer has bought; each\n"
    "                       is scored by its best rule (highest confidence,\n"
    "                       then lift) and ranked by that score (ties by\n"
    "                       item). Expected value = confidence x the\n"
    "                       item's average unit price x its margin\n"
    "                       fraction (from its sales lines); without cost\n"
    "                       data confidence x price, the expected revenue\n"
    "                       (value basis \"revenue\")\n"
    "  --penetration        per segment, the share of its customers (buyers\n"
    "                       or not) who bought each category (each product\n"
    "                       with --level product or without categories)\n"
    "  --upsell             customers whose spend per order (revenue /\n"
    "                       orders) is below their segment's lower quartile\n"
    "                       (type 7), ranked by potential = (segment median -\n"
    "                       spend per order) x orders\n"
    "\n"
    "Segments are the RFM segments of `klantwijs rfm`, or the groups of a\n"
    "customers-table column with --segment-by. Privacy: a group of fewer\n"
    "than 5 customers is never shown; such groups are merged into \"other\",\n"
    "which is left out (and counted) when it still has fewer than 5.\n"
    "Customers appear by their id only.\n"
    "\n"
    "Options:\n"
    "  --baskets FILE         read a basket file instead of PATH: one basket\n"
    "                         a line, items separated by , ; or tab\n"
    "                         (detected; or --delimiter), as the Groceries\n"
    "                         data of arules\n"
    "  --by order|customer    what a basket is (default order)\n"
    "  --level product|category  what an item is (default product)\n"
    "  --min-support S        a fraction (default 0.01), a percentage (1%)\n"
    "                         or a whole number of baskets (10)\n"
    "  --min-confidence C     a fraction or a percentage (default 0.5)\n"
    "  --min-lift L           rules with at least this lift (default 0)\n"
    "  --min-len N            fewest items in an itemset (default 1; a rule\n"
    "                         has 2 at least)\n"
    "  --max-len N            most items in an itemset (default 10, as\n"
    "                         arules; 0 = no limit)\n"
    "  --max-consequent K     most items on a rule's right-hand side\n"
    "                         (default 1)\n"
    "  --sort MEASURE         support, confidence, lift (default), leverage,\n"
    "                         conviction, count, or none (as generated);\n"
    "                         ties by the antecedent (fewer items first),\n"
    "                         then the consequent. Itemsets: support\n"
    "                         (default) or none (by length, then items)\n"
    "  --ascending            lowest first\n"
    "  --top N                keep the first N rules or itemsets in every\n"
    "                         format (0 = all). With --recommend,\n"
    "                         --penetration, --upsell: rows on the terminal\n"
    "                         only (default 20; 0 = all)\n"
    "  --lhs ITEM             rules whose antecedent holds ITEM (repeatable)\n"
    "  --rhs ITEM             rules whose consequent holds ITEM (repeatable)\n"
    "  --lhs-match any|all|none  the antecedent holds any (default), all or\n"
    "                         none of the --lhs items; --rhs-match the same\n"
    "  --itemsets, --closed, --maximal, --recommend N (1 to 100),\n"
    "  --penetration, --upsell  what to write (above)\n"
    "  --segment-by COLUMN    segments from this customers-table column (a\n"
    "                         header, or a role such as sector or size)\n"
    "                         instead of the RFM segments; not a column of\n"
    "                         personal data\n"
    "  --upsell-fraction F    upsell candidates spend less than F x their\n"
    "                         segment's median per order (0 < F <= 1)\n"
    "  --min-orders N         upsell: only customers with N orders or more\n"
    "                         (default 1)\n"
    "  --max-itemsets N       stop with an error (exit 1) when more than N\n"
    "                         itemsets are frequent (default 1000000; 0 = no\n"
    "                         limit), rather than run out of memory at a low\n"
    "                         support\n"
    "  --as-of DATE           leave out sales lines after DATE\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs basket --baskets groceries.csv --min-support 0.001 \\\n"
    "      --min-confidence 0.8 --sort lift --top 10\n"
    "  klantwijs basket demo-data --level category --rhs 'Inkt & toner'\n"
    "  klantwijs basket demo-data --recommend 3 --format csv -o offers.csv\n"
    "  klantwijs basket demo-data --penetration --segment-by sector --lang nl\n"
    "  klantwijs basket demo-data --upsell\n";

#define MAX_FILTER 64
#define PRIVACY_MIN KW_PRIVACY_MIN
#define TABLE_ROWS 20

typedef enum mode {
  MODE_RULES = 0,
  MODE_ITEMSETS,
  MODE_RECOMMEND,
  MODE_PENETRATION,
  MODE_UPSELL
} mode;

typedef struct opts {
  mode mode;
  int n_modes;
  const char *baskets;
  kw_basket_unit unit;
  kw_basket_level level;
  bool level_given;
  double support;
  uint64_t min_count; /* > 0: an absolute count */
  double confidence;
  double min_lift;
  unsigned long min_len, max_len, max_consequent;
  kw_itemset_kind kind;
  kw_rule_measure sort;
  bool sort_given, ascending;
  bool top_given;
  unsigned long top;
  const char *lhs[MAX_FILTER], *rhs[MAX_FILTER];
  size_t n_lhs, n_rhs;
  kw_item_match lhs_match, rhs_match;
  unsigned long recommend;
  const char *segment_by;
  double upsell_fraction;
  unsigned long min_orders;
  unsigned long max_itemsets;
} opts;

static void opts_init(opts *o) {
  memset(o, 0, sizeof *o);
  o->unit = KW_BASKET_BY_ORDER;
  o->level = KW_BASKET_PRODUCTS;
  o->support = 0.01;
  o->confidence = 0.5;
  o->min_len = 1;
  o->max_len = 10;
  o->max_consequent = 1;
  o->kind = KW_ITEMSETS_ALL;
  o->sort = KW_MEASURE_LIFT;
  o->top = TABLE_ROWS;
  o->lhs_match = o->rhs_match = KW_MATCH_ANY;
  o->min_orders = 1;
  o->max_itemsets = 1000000;
}

/* "0.01", "1%" or "10" (a count of baskets). */
static bool parse_support(const char *s, opts *o) {
  size_t n = strlen(s);
  double v;
  if (n > 1 && s[n - 1] == '%') {
    if (!cli_parse_pct(s, &v) || !(v > 0 && v <= 1)) return false;
    o->support = v;
    o->min_count = 0;
    return true;
  }
  if (!cli_parse_double(s, &v) || !isfinite(v) || !(v > 0)) return false;
  if (v < 1) {
    o->support = v;
    o->min_count = 0;
    return true;
  }
  if (v != floor(v) || v > 4e9) return false;
  o->min_count = (uint64_t)v;
  return true;
}

static bool parse_fraction(const char *s, double *out) {
  size_t n = strlen(s);
  if (n > 1 && s[n - 1] == '%') return cli_parse_pct(s, out);
  return cli_parse_double(s, out) && isfinite(*out);
}

static bool parse_match(const char *s, kw_item_match *m) {
  if (strcmp(s, "any") == 0) *m = KW_MATCH_ANY;
  else if (strcmp(s, "all") == 0) *m = KW_MATCH_ALL;
  else if (strcmp(s, "none") == 0) *m = KW_MATCH_NONE;
  else return false;
  return true;
}

static void set_mode(opts *o, mode m) {
  if (o->n_modes == 0 || o->mode != m) o->n_modes++;
  o->mode = m;
}

static int parse_args(cli_common *c, opts *o, int argc, char **argv) {
  bool closed = false, maximal = false, fraction_given = false,
       orders_given = false;
  for (int i = 1; i < argc; i++) {
    const char *v, *a = argv[i];
    unsigned long u;
    int r;
    if ((r = cli_opt_value("--baskets", argc, argv, &i, &v)) != 0) {
      if (r > 0) o->baskets = v;
    } else if ((r = cli_opt_value("--by", argc, argv, &i, &v)) != 0) {
      if (r > 0 && strcmp(v, "order") == 0) o->unit = KW_BASKET_BY_ORDER;
      else if (r > 0 && strcmp(v, "customer") == 0)
        o->unit = KW_BASKET_BY_CUSTOMER;
      else if (r > 0) return cli_usage(c, "--by takes order or customer");
    } else if ((r = cli_opt_value("--level", argc, argv, &i, &v)) != 0) {
      if (r > 0 && strcmp(v, "product") == 0) o->level = KW_BASKET_PRODUCTS;
      else if (r > 0 && strcmp(v, "category") == 0)
        o->level = KW_BASKET_CATEGORIES;
      else if (r > 0) return cli_usage(c, "--level takes product or category");
      o->level_given = true;
    } else if ((r = cli_opt_value("--min-support", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !parse_support(v, o))
        return cli_usage(c, "--min-support takes a fraction such as 0.01, a "
                            "percentage such as 1%%, or a whole number of "
                            "baskets, not '%s'", v);
    } else if ((r = cli_opt_value("--min-confidence", argc, argv, &i, &v)) !=
               0) {
      if (r > 0 && (!parse_fraction(v, &o->confidence) ||
                    !(o->confidence >= 0 && o->confidence <= 1)))
        return cli_usage(c, "--min-confidence takes a fraction from 0 to 1 "
                            "or a percentage, not '%s'", v);
    } else if ((r = cli_opt_value("--min-lift", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_double(v, &o->min_lift) ||
                    !(o->min_lift >= 0) || !isfinite(o->min_lift)))
        return cli_usage(c, "--min-lift takes a number >= 0");
    } else if ((r = cli_opt_value("--min-len", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_uint(v, &o->min_len) || o->min_len < 1 ||
                    o->min_len > 1000))
        return cli_usage(c, "--min-len takes a whole number from 1 to 1000");
    } else if ((r = cli_opt_value("--max-len", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_uint(v, &o->max_len) || o->max_len > 1000))
        return cli_usage(c, "--max-len takes a whole number from 0 to 1000");
    } else if ((r = cli_opt_value("--max-consequent", argc, argv, &i, &v)) !=
               0) {
      if (r > 0 && (!cli_parse_uint(v, &o->max_consequent) ||
                    o->max_consequent < 1 || o->max_consequent > 1000))
        return cli_usage(c, "--max-consequent takes a whole number from 1 "
                            "to 1000");
    } else if ((r = cli_opt_value("--sort", argc, argv, &i, &v)) != 0) {
      if (r > 0) {
        o->sort = kw_rule_measure_from_name(v);
        if (o->sort == KW_MEASURE__COUNT)
          return cli_usage(c, "--sort takes support, confidence, lift, "
                              "leverage, conviction, count or none, not "
                              "'%s'", v);
        o->sort_given = true;
      }
    } else if ((r = cli_opt_value("--top", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !cli_parse_uint(v, &o->top))
        return cli_usage(c, "--top takes a whole number");
      o->top_given = true;
    } else if ((r = cli_opt_value("--lhs", argc, argv, &i, &v)) != 0) {
      if (r > 0 && o->n_lhs == MAX_FILTER)
        return cli_usage(c, "more than %d --lhs items", MAX_FILTER);
      if (r > 0) o->lhs[o->n_lhs++] = v;
    } else if ((r = cli_opt_value("--rhs", argc, argv, &i, &v)) != 0) {
      if (r > 0 && o->n_rhs == MAX_FILTER)
        return cli_usage(c, "more than %d --rhs items", MAX_FILTER);
      if (r > 0) o->rhs[o->n_rhs++] = v;
    } else if ((r = cli_opt_value("--lhs-match", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !parse_match(v, &o->lhs_match))
        return cli_usage(c, "--lhs-match takes any, all or none");
    } else if ((r = cli_opt_value("--rhs-match", argc, argv, &i, &v)) != 0) {
      if (r > 0 && !parse_match(v, &o->rhs_match))
        return cli_usage(c, "--rhs-match takes any, all or none");
    } else if ((r = cli_opt_value("--recommend", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_uint(v, &o->recommend) || o->recommend < 1 ||
                    o->recommend > 100))
        return cli_usage(c, "--recommend takes a number of products from 1 "
                            "to 100");
      set_mode(o, MODE_RECOMMEND);
    } else if ((r = cli_opt_value("--segment-by", argc, argv, &i, &v)) != 0) {
      if (r > 0) o->segment_by = v;
    } else if ((r = cli_opt_value("--upsell-fraction", argc, argv, &i, &v)) !=
               0) {
      if (r > 0 && (!parse_fraction(v, &o->upsell_fraction) ||
                    !(o->upsell_fraction > 0 && o->upsell_fraction <= 1)))
        return cli_usage(c, "--upsell-fraction takes a fraction in (0, 1], "
                            "such as 0.5 or 50%%");
      fraction_given = true;
    } else if ((r = cli_opt_value("--min-orders", argc, argv, &i, &v)) != 0) {
      if (r > 0 && (!cli_parse_uint(v, &o->min_orders) || o->min_orders < 1 ||
                    o->min_orders > 1000000))
        return cli_usage(c, "--min-orders takes a whole number >= 1");
      orders_given = true;
    } else if ((r = cli_opt_value("--max-itemsets", argc, argv, &i, &v)) !=
               0) {
      if (r > 0 && !cli_parse_uint(v, &u))
        return cli_usage(c, "--max-itemsets takes a whole number");
      if (r > 0) o->max_itemsets = u;
    } else if (strcmp(a, "--itemsets") == 0) {
      set_mode(o, MODE_ITEMSETS);
      r = 1;
    } else if (strcmp(a, "--closed") == 0) {
      closed = true, r = 1;
    } else if (strcmp(a, "--maximal") == 0) {
      maximal = true, r = 1;
    } else if (strcmp(a, "--penetration") == 0) {
      set_mode(o, MODE_PENETRATION);
      r = 1;
    } else if (strcmp(a, "--upsell") == 0) {
      set_mode(o, MODE_UPSELL);
      r = 1;
    } else if (strcmp(a, "--ascending") == 0) {
      o->ascending = true, r = 1;
    } else {
      r = cli_common_option(c, argc, argv, &i);
      if (r == 0) return cli_usage(c, "unknown option '%s'", a);
    }
    if (r < 0) return KW_EXIT_USAGE;
  }
  if (o->n_modes > 1)
    return cli_usage(c, "give one of --itemsets, --recommend, --penetration "
                        "and --upsell");
  if (closed && maximal)
    return cli_usage(c, "give --closed or --maximal, not both");
  if ((closed || maximal) && o->mode != MODE_ITEMSETS)
    return cli_usage(c, "--closed and --maximal go with --itemsets");
  o->kind = closed ? KW_ITEMSETS_CLOSED
                   : maximal ? KW_ITEMSETS_MAXIMAL : KW_ITEMSETS_ALL;
  if (o->max_len && o->min_len > o->max_len)
    return cli_usage(c, "--min-len %lu is more than --max-len %lu",
                     o->min_len, o->max_len);
  bool rules_out = o->mode == MODE_RULES || o->mode == MODE_RECOMMEND;
  if ((o->n_lhs || o->n_rhs) && !rules_out)
    return cli_usage(c, "--lhs and --rhs filter rules: not with --itemsets, "
                        "--penetration or --upsell");
  if (o->mode == MODE_ITEMSETS && o->sort_given &&
      o->sort != KW_MEASURE_SUPPORT && o->sort != KW_MEASURE_NONE)
    return cli_usage(c, "itemsets sort by support or none");
  if (o->segment_by && o->mode != MODE_PENETRATION && o->mode != MODE_UPSELL)
    return cli_usage(c, "--segment-by goes with --penetration or --upsell");
  if ((fraction_given || orders_given) && o->mode != MODE_UPSELL)
    return cli_usage(c, "--upsell-fraction and --min-orders go with "
                        "--upsell");
  if (o->baskets) {
    if (c->path || c->load.files[KW_TABLE_TRANSACTIONS])
      return cli_usage(c, "--baskets replaces PATH; give one of them");
    if (o->mode >= MODE_RECOMMEND)
      return cli_usage(c, "--recommend, --penetration and --upsell need "
                          "sales lines with customers, not a basket file");
    if (o->unit != KW_BASKET_BY_ORDER || o->level_given)
      return cli_usage(c, "--by and --level need sales lines; a basket "
                          "file's lines are the baskets");
    if (c->as_of != KW_NA_DATE)
      return cli_usage(c, "--as-of needs sales lines, not a basket file");
  }
  return KW_EXIT_OK;
}

/* ------------------------------------------------------------ texts */

/* Item lists as text ("{a, b}"), all in one arena. */
typedef struct strs {
  char *arena;
  const char **s;
} strs;

static void strs_free(strs *t) {
  free(t->arena);
  free((void *)t->s);
  t->arena = NULL;
  t->s = NULL;
}

typedef const uint32_t *(*span_fn)(const void *user, size_t i, size_t *n);

/* Item ids in byte order of their names (basket files number items so;
 * a table numbers them in order of appearance), into buf (n <= cap), else
 * left as they are. */
static const kw_baskets *name_order_b;
static int by_item_name(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return strcmp(kw_baskets_item_name(name_order_b, x),
                kw_baskets_item_name(name_order_b, y));
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
  for (size_t i = 0; i < count; i++) {
    const uint32_t *it = fn(user, i, &n);
    total += set_text(b, it, n, NULL);
  }
  t->arena = malloc(total ? total : 1);
  t->s = cli_xcalloc(count, sizeof *t->s);
  if (!t->arena || !t->s) {
    strs_free(t);
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

static char *num(char *buf, double v, int dec, kw_lang lang) {
  return kw_fmt_number(buf, v, dec, lang);
}

/* A threshold as given (0.001, 0.5), with ',' in Dutch. */
static char *frac(char *buf, double v, kw_lang lang) {
  kw_fmt_plain(buf, v);
  if (lang == KW_LANG_NL)
    for (char *p = buf; *p; p++)
      if (*p == '.') *p = ',';
  return buf;
}

static const char *level_word(const opts *o, bool file, bool plural,
                              bool nl) {
  if (file) return plural ? (nl ? "items" : "items") : "item";
  if (o->level == KW_BASKET_CATEGORIES)
    return plural ? (nl ? "categorieën" : "categories")
                  : (nl ? "categorie" : "category");
  return plural ? (nl ? "producten" : "products") : "product";
}

static const char *level_key(const opts *o, bool file) {
  if (file) return "item";
  return o->level == KW_BASKET_CATEGORIES ? "category" : "product";
}

/* What a basket is, for sentences. */
static const char *unit_text(const kw_basket_view *v, bool has_invoice,
                             bool nl) {
  if (!v->customer) return nl ? "regels van het bestand" : "lines of the file";
  if (v->unit == KW_BASKET_BY_CUSTOMER)
    return nl ? "klanthistorieken" : "customer histories";
  if (has_invoice) return nl ? "facturen" : "invoices";
  return nl ? "aankoopdagen per klant" : "purchase days per customer";
}

/* "9,835 baskets (invoices) with 169 products, from 2,759 sales lines (12
 * return lines left out)" */
static void write_basket_line(FILE *f, const opts *o, const kw_basket_view *v,
                              bool has_invoice, kw_lang lang) {
  bool nl = lang == KW_LANG_NL, file = !v->customer;
  char a[32], b[32], d[32];
  size_t used = 0;
  for (size_t i = 0; i < v->n_items; i++) used += v->item_count[i] > 0;
  fprintf(f, nl ? "%s manden (%s) met %s %s" : "%s baskets (%s) with %s %s",
          num(a, (double)v->n_baskets, 0, lang),
          unit_text(v, has_invoice, nl), num(b, (double)used, 0, lang),
          level_word(o, file, true, nl));
  if (file) {
    if (v->lines_blank)
      fprintf(f, nl ? " (%s lege regels overgeslagen)"
                    : " (%s blank lines skipped)",
              num(d, (double)v->lines_blank, 0, lang));
    fputs("\n", f);
    return;
  }
  fprintf(f, nl ? ", uit %s verkoopregels" : ", from %s sales lines",
          num(d, (double)v->lines_used, 0, lang));
  const char *sep = " (";
  if (v->lines_return) {
    fprintf(f, nl ? "%s%s retourregels weggelaten" : "%s%s return lines left out",
            sep, num(a, (double)v->lines_return, 0, lang));
    sep = "; ";
  }
  if (v->lines_no_item) {
    fprintf(f, nl ? "%s%s zonder %s" : "%s%s without a %s", sep,
            num(a, (double)v->lines_no_item, 0, lang),
            level_word(o, false, false, nl));
    sep = "; ";
  }
  if (v->lines_after) {
    fprintf(f, nl ? "%s%s na de peildatum" : "%s%s after the as-of date", sep,
            num(a, (double)v->lines_after, 0, lang));
    sep = "; ";
  }
  fputs(sep[0] == ';' ? ")\n" : "\n", f);
}

static void jw_baskets(kw_jw *w, const opts *o, const kw_basket_view *v,
                       bool has_invoice) {
  bool file = !v->customer;
  const char *unit = file ? "line"
                     : v->unit == KW_BASKET_BY_CUSTOMER ? "customer"
                     : has_invoice ? "invoice"
                                   : "purchase_day";
  kw_jw_str(w, "basket", unit);
  kw_jw_str(w, "item", level_key(o, file));
  kw_jw_int(w, "n_baskets", (int64_t)v->n_baskets);
  size_t used = 0;
  for (size_t i = 0; i < v->n_items; i++) used += v->item_count[i] > 0;
  kw_jw_int(w, "n_items", (int64_t)used);
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

/* "support >= 0.001 (10 baskets)" */
static void write_threshold(FILE *f, const kw_itemset_view *sv, const opts *o,
                            size_t n_frequent, kw_lang lang) {
  bool nl = lang == KW_LANG_NL;
  char a[32], b[32], s[32];
  const char *what = o->kind == KW_ITEMSETS_CLOSED
                         ? (nl ? "gesloten " : "closed ")
                     : o->kind == KW_ITEMSETS_MAXIMAL
                         ? (nl ? "maximale " : "maximal ")
                         : "";
  if (o->min_count)
    num(s, (double)o->min_count, 0, lang);
  else
    frac(s, o->support, lang);
  if (o->mode == MODE_ITEMSETS && o->kind != KW_ITEMSETS_ALL)
    fprintf(f, nl ? "%s %sitemsets (van %s frequente)" : "%s %sitemsets (of %s frequent)",
            num(a, (double)sv->n, 0, lang), what,
            num(b, (double)n_frequent, 0, lang));
  else
    fprintf(f, nl ? "%s frequente itemsets" : "%s frequent itemsets",
            num(a, (double)n_frequent, 0, lang));
  if (o->min_count)
    fprintf(f, nl ? " in minstens %s manden" : " in at least %s baskets", s);
  else
    fprintf(f, nl ? " met support >= %s (minstens %s manden)"
                  : " with support >= %s (at least %s baskets)",
            s, num(a, (double)sv->min_count, 0, lang));
  if (o->max_len)
    fprintf(f, nl ? ", %lu tot %lu items\n" : ", %lu to %lu items\n",
            o->min_len, o->max_len);
  else
    fprintf(f, nl ? ", %lu of meer items\n" : ", %lu or more items\n",
            o->min_len);
}

static void jw_threshold(kw_jw *w, const kw_itemset_view *sv, const opts *o) {
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

/*
 * Segment codes per customer (KW_NA_ID = none) and their names after the
 * privacy rule: groups with fewer than PRIVACY_MIN counted customers merge
 * into "other", left out when it too has fewer.
 */
typedef struct segs {
  size_t n_customers;
  uint32_t *code;
  size_t n;
  const char **names;
  char **owned;          /* names made here */
  size_t n_owned;
  uint64_t left_out;     /* customers in groups too small to show */
  size_t merged_groups;  /* groups merged into "other" */
  const char *basis;     /* "RFM segment" or the column's header */
} segs;

static void segs_free(segs *s) {
  free(s->code);
  free((void *)s->names);
  for (size_t i = 0; i < s->n_owned; i++) free(s->owned[i]);
  free(s->owned);
  memset(s, 0, sizeof *s);
}

/*
 * Takes the library's groups (klantwijs/groups.h: one rule for repeated
 * rows, one privacy merge) into s: codes, names in the reader's language,
 * merged and left-out counts. Frees g.
 */
static bool segs_take(segs *s, kw_groups *g, kw_lang lang) {
  const kw_groups_data *v = kw_groups_view(g);
  size_t nc = s->n_customers;
  s->code = cli_xcalloc(nc, sizeof *s->code);
  s->names = cli_xcalloc(v->n + 1, sizeof *s->names);
  s->owned = cli_xcalloc(v->n + 1, sizeof *s->owned);
  bool ok = s->code && s->names && s->owned;
  for (size_t c = 0; ok && c < nc; c++)
    s->code[c] = c < v->n_customers ? v->code[c] : KW_NA_ID;
  for (size_t j = 0; ok && j < v->n; j++) {
    const char *w = kw_report_group_label(v, j, lang);
    char *d = cli_xcalloc(strlen(w ? w : "") + 1, 1);
    if (!d) {
      ok = false;
      break;
    }
    strcpy(d, w ? w : "");
    s->owned[s->n_owned++] = d;
    s->names[j] = d;
  }
  s->n = v->n;
  s->merged_groups = v->merged_groups;
  s->left_out = v->left_out;
  kw_groups_free(g);
  return ok;
}

/*
 * raw[c] in 0..n_raw-1 or KW_NA_ID; counted[c] false leaves a customer out
 * of the group sizes (NULL: all count). The groups keep their order.
 */
static bool segs_merge(cli_common *c, segs *s, const uint32_t *raw,
                       size_t n_raw, const char *const *raw_names,
                       const bool *counted) {
  kw_groups_options go;
  kw_groups_options_init(&go);
  go.counted = counted;
  kw_groups *g = NULL;
  if (kw_groups_compute_codes(c->ctx, raw, s->n_customers, n_raw, raw_names,
                           NULL, &go, &g))
    return false;
  return segs_take(s, g, c->lang);
}

/* RFM segments of the summary's customers. */
static int segs_rfm(cli_common *c, segs *s, const kw_customer_summary *sv,
                    const bool *counted, kw_rfm **rf_out) {
  kw_rfm_options ro;
  kw_rfm_options_init(&ro);
  kw_status st = kw_rfm_compute(c->ctx, sv, &ro, rf_out);
  if (st) return cli_fail(c, st);
  const kw_rfm_data *d = kw_rfm_view(*rf_out);
  s->n_customers = d->n;
  s->basis = c->lang == KW_LANG_NL ? "RFM-segment" : "RFM segment";
  uint32_t *raw = cli_xcalloc(d->n, sizeof *raw);
  const char **names = cli_xcalloc(d->n_segments, sizeof *names);
  bool ok = raw && names;
  if (ok) {
    for (size_t i = 0; i < d->n; i++)
      raw[i] = d->segment[i] == KW_RFM_NONE ? KW_NA_ID : d->segment[i];
    for (size_t j = 0; j < d->n_segments; j++)
      names[j] = c->lang == KW_LANG_NL ? d->segments[j].name_nl
                                       : d->segments[j].name_en;
    ok = segs_merge(c, s, raw, d->n_segments, names, counted);
  }
  free(raw);
  free((void *)names);
  if (!ok) {
    fprintf(stderr, "klantwijs basket: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  return KW_EXIT_OK;
}

/* Groups of a customers-table column. */
static int segs_column(cli_common *c, segs *s, const kw_dataset *ds,
                       const char *col, const bool *counted) {
  const kw_table *ct = kw_dataset_table(ds, KW_TABLE_CUSTOMERS);
  if (!ct) {
    fprintf(stderr, "klantwijs basket: --segment-by %s needs a customers "
                    "table (customers.csv in the data folder, or "
                    "--customers FILE)\n", col);
    return KW_EXIT_INPUT;
  }
  const kw_column *k = kw_table_find(ct, col);
  if (!k) {
    kw_role r = kw_role_from_name(col);
    if (r != KW_ROLE__COUNT && r != KW_ROLE_NONE) k = kw_table_role(ct, r);
  }
  if (!k) {
    fprintf(stderr, "klantwijs basket: the customers table has no column "
                    "'%s'; its columns are:", col);
    for (size_t j = 0; j < kw_table_ncols(ct); j++)
      fprintf(stderr, "%s '%s'", j ? "," : "", kw_table_col(ct, j)->name);
    fputc('\n', stderr);
    return KW_EXIT_USAGE;
  }
  if (kw_role_is_personal(k->role))
    return cli_usage(c, "--segment-by: '%s' is personal data (%s); choose "
                        "another column", k->name, kw_role_name(k->role));
  if (k->role == KW_ROLE_CUSTOMER)
    return cli_usage(c, "--segment-by: '%s' is the customer id", k->name);
  if (k->type != KW_TYPE_TEXT && k->type != KW_TYPE_FLAG)
    return cli_usage(c, "--segment-by needs a text or yes/no column; '%s' "
                        "holds a %s", k->name, kw_type_name(k->type));
  if (!kw_table_role(ct, KW_ROLE_CUSTOMER)) {
    fprintf(stderr, "klantwijs basket: the customers table has no customer "
                    "id column\n");
    return KW_EXIT_INPUT;
  }
  s->basis = k->name;
  kw_groups_options go;
  kw_groups_options_init(&go);
  go.counted = counted;
  kw_groups *g = NULL;
  kw_status st = kw_groups_compute(c->ctx, ct, k->name, s->n_customers,
                                     &go, &g);
  if (st) return cli_fail(c, st);
  if (!segs_take(s, g, c->lang)) {
    fprintf(stderr, "klantwijs basket: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  return KW_EXIT_OK;
}

static void write_privacy_note(FILE *f, const segs *s, kw_lang lang) {
  bool nl = lang == KW_LANG_NL;
  if (s->left_out)
    fprintf(f, nl ? "%llu klanten in groepen van minder dan %d weggelaten "
                    "(privacy)\n"
                  : "%llu customers in groups of fewer than %d left out "
                    "(privacy)\n",
            (unsigned long long)s->left_out, PRIVACY_MIN);
  else if (s->merged_groups)
    fprintf(f, nl ? "%zu groepen van minder dan %d klanten samengevoegd in "
                    "\"overige\" (privacy)\n"
                  : "%zu groups of fewer than %d customers merged into "
                    "\"other\" (privacy)\n",
            s->merged_groups, PRIVACY_MIN);
}

static void jw_privacy(kw_jw *w, const segs *s) {
  kw_jw_str(w, "segment_by", s->basis);
  kw_jw_int(w, "min_group_size", PRIVACY_MIN);
  kw_jw_int(w, "groups_merged_into_other", (int64_t)s->merged_groups);
  kw_jw_int(w, "customers_left_out", (int64_t)s->left_out);
}

/* ------------------------------------------------------------ the run */

typedef struct run {
  cli_common *c;
  opts *o;
  kw_dataset *ds;
  const kw_table *tx;
  bool has_invoice;
  kw_baskets *b;       /* the baskets rules are mined from */
  kw_baskets *h;       /* customer histories */
  kw_itemsets *s;
  kw_rules *r;
  kw_summary *sum;
  kw_rfm *rfm;
  segs seg;
  uint32_t lhs_ids[MAX_FILTER], rhs_ids[MAX_FILTER];
} run;

/* Commit or discard the output; out of memory while writing is exit 4. */
static int finish_output(cli_common *c, FILE *f, kw_status st) {
  if (st == KW_ENOMEM) {
    fprintf(stderr, "klantwijs basket: out of memory\n");
    cli_out_close(c, f, false);
    return KW_EXIT_INTERNAL;
  }
  return cli_out_close(c, f, st == KW_OK);
}

static void run_free(run *R) {
  segs_free(&R->seg);
  kw_rfm_free(R->rfm);
  kw_summary_free(R->sum);
  kw_rules_free(R->r);
  kw_itemsets_free(R->s);
  kw_baskets_free(R->h);
  kw_baskets_free(R->b);
  kw_dataset_free(R->ds);
}

static int load_baskets(run *R) {
  cli_common *c = R->c;
  opts *o = R->o;
  kw_status st;
  if (o->baskets) {
    kw_basket_read_options ro;
    kw_basket_read_options_init(&ro);
    ro.delimiter = c->load.delimiter;
    st = kw_baskets_read(c->ctx, o->baskets, &ro, &R->b);
    return st ? cli_fail(c, st) : KW_EXIT_OK;
  }
  c->load.tables = 1u << KW_TABLE_TRANSACTIONS;
  if (o->segment_by) c->load.tables |= 1u << KW_TABLE_CUSTOMERS;
  int code = cli_load(c, &R->ds);
  if (code) return code;
  R->tx = kw_dataset_table(R->ds, KW_TABLE_TRANSACTIONS);
  R->has_invoice = kw_table_role(R->tx, KW_ROLE_INVOICE) != NULL;
  if (o->mode == MODE_PENETRATION && !o->level_given)
    o->level = kw_table_role(R->tx, KW_ROLE_CATEGORY) ? KW_BASKET_CATEGORIES
                                                      : KW_BASKET_PRODUCTS;
  kw_basket_options bo;
  kw_basket_options_init(&bo);
  bo.unit = o->unit;
  bo.level = o->level;
  bo.as_of = c->as_of;
  if (o->mode == MODE_PENETRATION) bo.unit = KW_BASKET_BY_CUSTOMER;
  st = kw_baskets_from_table(c->ctx, R->tx, &bo, &R->b);
  if (st == KW_EMISSING) {
    code = cli_fail(c, st);
    fprintf(stderr, "Map the column with --map %s=COLUMN%s.\n",
            o->level == KW_BASKET_CATEGORIES ? "category" : "product",
            o->level == KW_BASKET_CATEGORIES ? "" : ", or use --level category");
    return code;
  }
  if (st) return cli_fail(c, st);
  if (o->mode == MODE_RECOMMEND) {
    if (o->unit == KW_BASKET_BY_CUSTOMER) return KW_EXIT_OK; /* R->b it is */
    bo.unit = KW_BASKET_BY_CUSTOMER;
    st = kw_baskets_from_table(c->ctx, R->tx, &bo, &R->h);
    if (st) return cli_fail(c, st);
  }
  return KW_EXIT_OK;
}

static int resolve_items(run *R, const char *const *names, size_t n,
                         uint32_t *ids) {
  for (size_t i = 0; i < n; i++) {
    ids[i] = kw_baskets_find_item(R->b, names[i]);
    if (ids[i] == KW_NA_ID)
      return cli_usage(R->c, "no item '%s' in the baskets (names are "
                             "matched exactly)", names[i]);
  }
  return KW_EXIT_OK;
}

static int mine(run *R) {
  cli_common *c = R->c;
  opts *o = R->o;
  kw_itemset_options io;
  kw_itemset_options_init(&io);
  io.support = o->support;
  io.min_count = o->min_count;
  io.min_len = o->min_len;
  io.max_len = o->max_len;
  io.kind = o->mode == MODE_ITEMSETS ? o->kind : KW_ITEMSETS_ALL;
  io.max_itemsets = o->max_itemsets;
  kw_status st = kw_itemsets_mine(c->ctx, R->b, &io, &R->s);
  if (st == KW_ERANGE) {
    int code = cli_fail(c, st);
    fprintf(stderr, "Try a higher --min-support, a lower --max-len, or "
                    "--max-itemsets N (0 = no limit).\n");
    return code;
  }
  if (st) return cli_fail(c, st);
  if (o->mode == MODE_ITEMSETS) return KW_EXIT_OK;
  int code = resolve_items(R, o->lhs, o->n_lhs, R->lhs_ids);
  if (!code) code = resolve_items(R, o->rhs, o->n_rhs, R->rhs_ids);
  if (code) return code;
  kw_rule_options ro;
  kw_rule_options_init(&ro);
  ro.min_confidence = o->confidence;
  ro.min_lift = o->min_lift;
  ro.max_consequent = o->max_consequent;
  ro.sort_by = o->sort;
  ro.ascending = o->ascending;
  if (o->mode == MODE_RULES && o->top_given) ro.top_n = o->top;
  ro.lhs = (kw_item_filter){R->lhs_ids, o->n_lhs, o->lhs_match};
  ro.rhs = (kw_item_filter){R->rhs_ids, o->n_rhs, o->rhs_match};
  st = kw_rules_build(c->ctx, R->s, &ro, &R->r);
  return st ? cli_fail(c, st) : KW_EXIT_OK;
}

/* ------------------------------------------------------------ rules */

static kw_status write_rules(run *R, FILE *f) {
  cli_common *c = R->c;
  const opts *o = R->o;
  kw_lang lang = c->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_basket_view *bv = kw_baskets_view(R->b);
  const kw_itemset_view *sv = kw_itemsets_view(R->s);
  const kw_rule_view *rv = kw_rules_view(R->r);
  size_t n = rv->n;
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    if (!w) return KW_ENOMEM;
    kw_jw_begin_object(w, NULL);
    jw_baskets(w, o, bv, R->has_invoice);
    jw_threshold(w, sv, o);
    kw_jw_num(w, "min_confidence", o->confidence);
    kw_jw_num(w, "min_lift", o->min_lift);
    kw_jw_int(w, "max_consequent", (int64_t)o->max_consequent);
    kw_jw_str(w, "sort", kw_rule_measure_name(rv->sort_by));
    kw_jw_bool(w, "ascending", rv->ascending);
    kw_jw_int(w, "n_rules", (int64_t)rv->n_matched);
    kw_jw_begin_array(w, "rules");
    for (size_t i = 0; i < n; i++) {
      const kw_rule *x = &rv->rules[i];
      kw_jw_begin_object(w, NULL);
      jw_items(w, "antecedent", R->b, rv->items + x->lhs, x->n_lhs);
      jw_items(w, "consequent", R->b, rv->items + x->rhs, x->n_rhs);
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
  strs L = {0}, Rr = {0};
  double *sup = cli_xcalloc(n, sizeof *sup), *conf = cli_xcalloc(n, 8),
         *lift = cli_xcalloc(n, 8), *lev = cli_xcalloc(n, 8),
         *conv = cli_xcalloc(n, 8);
  uint32_t *cnt = cli_xcalloc(n, sizeof *cnt);
  char *convbuf = cli_xcalloc(n, 32);
  const char **convtxt = cli_xcalloc(n, sizeof *convtxt);
  kw_status st = KW_OK;
  if (!sup || !conf || !lift || !lev || !conv || !cnt || !convbuf ||
      !convtxt || !strs_build(&L, R->b, n, rule_lhs, rv) ||
      !strs_build(&Rr, R->b, n, rule_rhs, rv)) {
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
      {"consequent", "then also", "dan ook", KW_CELL_STR, 0, Rr.s, NULL, NULL, NULL},
      {"support", "support", "support", KW_CELL_F64, 6, sup, NULL, NULL, NULL},
      {"confidence", "confidence", "betrouwbaarheid", KW_CELL_F64, 4, conf, NULL, NULL, NULL},
      {"lift", "lift", "lift", KW_CELL_F64, 3, lift, NULL, NULL, NULL},
      {"leverage", "leverage", "leverage", KW_CELL_F64, 6, lev, NULL, NULL, NULL},
      {"conviction", "conviction", "conviction", KW_CELL_F64, 3, conv, NULL, NULL, NULL},
      {"count", "baskets", "manden", KW_CELL_U32, 0, cnt, NULL, NULL, NULL},
  };
  kw_rtable t = {NULL, n, NULL, sizeof cols / sizeof *cols, cols};
  if (c->format == KW_FORMAT_CSV) {
    cols[6].type = KW_CELL_STR;
    cols[6].data = convtxt;
    st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_CSV, lang, 0);
    goto out;
  }
  char a[32], b[32];
  write_basket_line(f, o, bv, R->has_invoice, lang);
  write_threshold(f, sv, o, sv->n_frequent, lang);
  fprintf(f, nl ? "%s regels met betrouwbaarheid >= %s"
                : "%s rules with confidence >= %s",
          num(a, (double)rv->n_matched, 0, lang),
          frac(b, o->confidence, lang));
  if (o->min_lift > 0)
    fprintf(f, nl ? " en lift >= %s" : " and lift >= %s",
            frac(a, o->min_lift, lang));
  if (o->n_lhs || o->n_rhs)
    fputs(nl ? " (gefilterd)" : " (filtered)", f);
  if (rv->sort_by != KW_MEASURE_NONE)
    fprintf(f, nl ? ", gesorteerd op %s (%s eerst)" : ", sorted by %s (%s first)",
            kw_rule_measure_name(rv->sort_by),
            rv->ascending ? (nl ? "laagste" : "lowest")
                          : (nl ? "hoogste" : "highest"));
  fputs("\n\n", f);
  if (n == 0) {
    fputs(nl ? "Geen regels: probeer een lagere --min-support of "
               "--min-confidence.\n"
             : "No rules: try a lower --min-support or --min-confidence.\n",
          f);
    goto out;
  }
  size_t show = o->top_given ? 0 : TABLE_ROWS;
  st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_TABLE, lang, show);
  if (!st && show && n > show)
    fputs(nl ? "(--top 0 toont alle regels; --format csv of json schrijft "
               "ze allemaal)\n"
             : "(--top 0 shows every rule; --format csv or json writes them "
               "all)\n",
          f);
out:
  strs_free(&L);
  strs_free(&Rr);
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

static const uint32_t *isort_count;
static int by_count_desc(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  if (isort_count[x] != isort_count[y])
    return isort_count[x] > isort_count[y] ? -1 : 1;
  return (x > y) - (x < y);
}
static int by_count_asc(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  if (isort_count[x] != isort_count[y])
    return isort_count[x] < isort_count[y] ? -1 : 1;
  return (x > y) - (x < y);
}

static kw_status write_itemsets(run *R, FILE *f) {
  cli_common *c = R->c;
  const opts *o = R->o;
  kw_lang lang = c->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_basket_view *bv = kw_baskets_view(R->b);
  const kw_itemset_view *sv = kw_itemsets_view(R->s);
  size_t n = sv->n;
  uint32_t *rows = cli_xcalloc(n, sizeof *rows);
  double *sup = cli_xcalloc(n, sizeof *sup);
  uint32_t *len = cli_xcalloc(n, sizeof *len);
  strs T = {0};
  kw_status st = KW_OK;
  if (!rows || !sup || !len) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    rows[i] = (uint32_t)i;
    sup[i] = (double)sv->count[i] / (double)sv->n_baskets;
    len[i] = (uint32_t)(sv->offsets[i + 1] - sv->offsets[i]);
  }
  bool by_support = !(o->sort_given && o->sort == KW_MEASURE_NONE);
  if (by_support) {
    isort_count = sv->count;
    qsort(rows, n, sizeof *rows, o->ascending ? by_count_asc : by_count_desc);
  } else if (o->ascending) {
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
      uint32_t t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
  }
  size_t nout = o->top_given && o->top && o->top < n ? o->top : n;
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    jw_baskets(w, o, bv, R->has_invoice);
    jw_threshold(w, sv, o);
    kw_jw_str(w, "kind", o->kind == KW_ITEMSETS_CLOSED    ? "closed"
                         : o->kind == KW_ITEMSETS_MAXIMAL ? "maximal"
                                                          : "all");
    kw_jw_str(w, "sort", by_support ? "support" : "none");
    kw_jw_int(w, "n_itemsets", (int64_t)n);
    kw_jw_begin_array(w, "itemsets");
    for (size_t q = 0; q < nout; q++) {
      size_t i = rows[q];
      kw_jw_begin_object(w, NULL);
      jw_items(w, "items", R->b, sv->items + sv->offsets[i], len[i]);
      kw_jw_num(w, "support", sup[i]);
      kw_jw_int(w, "count", sv->count[i]);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
    goto out;
  }
  if (!strs_build(&T, R->b, n, itemset_span, sv)) {
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
  if (c->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_CSV, lang, 0);
    goto out;
  }
  write_basket_line(f, o, bv, R->has_invoice, lang);
  write_threshold(f, sv, o, sv->n_frequent, lang);
  fputc('\n', f);
  if (n == 0) {
    fputs(nl ? "Geen itemsets: probeer een lagere --min-support.\n"
             : "No itemsets: try a lower --min-support.\n", f);
    goto out;
  }
  size_t show = o->top_given ? 0 : TABLE_ROWS;
  st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_TABLE, lang, show);
out:
  strs_free(&T);
  free(rows);
  free(sup);
  free(len);
  return st;
}

/* ------------------------------------------------------------ recommend */

/* Per item, a display name from the product-name column (products only). */
static const char **product_names(const run *R, size_t n_items) {
  if (R->o->level != KW_BASKET_PRODUCTS) return NULL;
  const kw_column *pc = kw_table_role(R->tx, KW_ROLE_PRODUCT);
  const kw_column *nc = kw_table_role(R->tx, KW_ROLE_PRODUCT_NAME);
  if (!pc || !nc || pc->type != KW_TYPE_TEXT || nc->type != KW_TYPE_TEXT)
    return NULL;
  const char **names = cli_xcalloc(n_items, sizeof *names);
  if (!names) return NULL;
  size_t rows = kw_table_rows(R->tx);
  for (size_t r = 0; r < rows; r++) {
    uint32_t p = pc->v.text[r], q = nc->v.text[r];
    if (p < n_items && q != KW_NA_ID && !names[p])
      names[p] = kw_dict_str(nc->dict, q);
  }
  for (size_t i = 0; i < n_items; i++)
    if (!names[i]) names[i] = "";
  return names;
}

static kw_status write_recommend(run *R, FILE *f, const kw_next_best_data *d) {
  cli_common *c = R->c;
  const opts *o = R->o;
  kw_lang lang = c->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_baskets *hist = R->h ? R->h : R->b;
  const kw_basket_view *hv = kw_baskets_view(hist);
  const kw_rule_view *rv = kw_rules_view(R->r);
  const kw_dict *cust = kw_dataset_customers(R->ds);
  size_t rows_n = d->offsets[d->n];
  const char **names = product_names(R, hv->n_items);
  uint32_t *cid = cli_xcalloc(rows_n, sizeof *cid);
  uint32_t *rank = cli_xcalloc(rows_n, sizeof *rank);
  const char **item = cli_xcalloc(rows_n, sizeof *item);
  const char **iname = cli_xcalloc(rows_n, sizeof *iname);
  const char **basis = cli_xcalloc(rows_n, sizeof *basis);
  double *ev = cli_xcalloc(rows_n, sizeof *ev);
  uint32_t *rule_ix = cli_xcalloc(rows_n, sizeof *rule_ix);
  strs because = {0};
  kw_status st = KW_OK;
  size_t with = 0;
  if (!cid || !rank || !item || !iname || !basis || !ev || !rule_ix) {
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
      basis[j] = !d->has_price ? "" : d->margin_applied[j] ? "margin"
                                                           : "revenue";
      ev[j] = d->has_price ? d->expected_value[j] : NAN;
      rule_ix[j] = d->rule[j];
    }
  }
  if (!strs_build(&because, R->b, rv->n, rule_lhs, rv)) {
    st = KW_ENOMEM;
    goto out;
  }
  const char **btxt = cli_xcalloc(rows_n, sizeof *btxt);
  if (!btxt) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t j = 0; j < rows_n; j++) btxt[j] = because.s[rule_ix[j]];
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    if (!w) {
      free((void *)btxt);
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    jw_baskets(w, o, kw_baskets_view(R->b), R->has_invoice);
    jw_threshold(w, kw_itemsets_view(R->s), o);
    kw_jw_num(w, "min_confidence", o->confidence);
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
          kw_jw_str(w, "value_basis", basis[j]);
        } else {
          kw_jw_null(w, "expected_value");
          kw_jw_null(w, "value_basis");
        }
        jw_items(w, "because", R->b, rv->items + x->lhs, x->n_lhs);
        kw_jw_end_object(w);
      }
      kw_jw_end_array(w);
      kw_jw_end_object(w);
    }
    kw_jw_end_array(w);
    kw_jw_end_object(w);
    st = kw_jw_finish(w);
    free((void *)btxt);
    goto out;
  }
  kw_rcol cols[9];
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"customer_id", "customer", "klant", KW_CELL_ID, 0, cid, cust, NULL, NULL};
  cols[nc++] = (kw_rcol){"rank", "#", "#", KW_CELL_U32, 0, rank, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"item", level_word(o, false, false, false),
                         level_word(o, false, false, true), KW_CELL_STR, 0, item, NULL, NULL, NULL};
  if (names)
    cols[nc++] = (kw_rcol){"name", "name", "omschrijving", KW_CELL_STR, 0, iname, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"confidence", "confidence", "betrouwbaarheid", KW_CELL_F64, 4, d->confidence, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"lift", "lift", "lift", KW_CELL_F64, 3, d->lift, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"expected_value", "expected value", "verwachte waarde", KW_CELL_F64, 2, ev, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"value_basis", "basis", "basis", KW_CELL_STR, 0, basis, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"because", "because of", "omdat gekocht", KW_CELL_STR, 0, btxt, NULL, NULL, NULL};
  kw_rtable t = {NULL, rows_n, NULL, nc, cols};
  if (c->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_CSV, lang, 0);
  } else {
    char a[32], b[32], e[32], g[32];
    write_basket_line(f, o, kw_baskets_view(R->b), R->has_invoice, lang);
    const kw_itemset_view *sv = kw_itemsets_view(R->s);
    write_threshold(f, sv, o, sv->n_frequent, lang);
    fprintf(f, nl ? "%s regels met betrouwbaarheid >= %s; %s van %s klanten "
                    "krijgen een aanbod (tot %lu elk)\n"
                  : "%s rules with confidence >= %s; %s of %s customers get "
                    "an offer (up to %lu each)\n",
            num(a, (double)rv->n, 0, lang), frac(e, o->confidence, lang),
            num(b, (double)with, 0, lang), num(g, (double)d->n, 0, lang),
            o->recommend);
    if (d->has_price)
      fputs(nl ? "Verwachte waarde = betrouwbaarheid x gemiddelde prijs x "
                 "marge (basis margin), of x prijs zonder kostgegevens "
                 "(basis revenue)\n\n"
               : "Expected value = confidence x average price x margin "
                 "(basis margin), or x price without cost data (basis "
                 "revenue)\n\n",
            f);
    else
      fputc('\n', f);
    if (rows_n == 0)
      fputs(nl ? "Geen aanbevelingen: probeer een lagere --min-support of "
                 "--min-confidence.\n"
               : "No recommendations: try a lower --min-support or "
                 "--min-confidence.\n",
            f);
    else
      st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_TABLE, lang,
                           o->top_given ? o->top : TABLE_ROWS);
  }
  free((void *)btxt);
out:
  strs_free(&because);
  free((void *)names);
  free(cid);
  free(rank);
  free((void *)item);
  free((void *)iname);
  free((void *)basis);
  free(ev);
  free(rule_ix);
  return st;
}

static int do_recommend(run *R) {
  cli_common *c = R->c;
  kw_next_best_options no;
  kw_next_best_options_init(&no);
  no.top_n = R->o->recommend;
  kw_next_best *nb = NULL;
  kw_status st = kw_next_best_build(c->ctx, R->r, R->h ? R->h : R->b, &no,
                                    &nb);
  if (st) return cli_fail(c, st);
  FILE *f = cli_out_open(c);
  if (!f) {
    kw_next_best_free(nb);
    return KW_EXIT_IO;
  }
  st = write_recommend(R, f, kw_next_best_view(nb));
  kw_next_best_free(nb);
  return finish_output(c, f, st);
}

/* ------------------------------------------------------------ segments */

/* Segments of every customer (penetration counts them all). */
static int build_segments(run *R) {
  cli_common *c = R->c;
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = c->as_of;
  kw_status st = kw_summary_build(c->ctx, R->ds, &so, &R->sum);
  if (st) return cli_fail(c, st);
  const kw_customer_summary *sv = kw_summary_view(R->sum);
  R->seg.n_customers = sv->n;
  if (R->o->segment_by)
    return segs_column(c, &R->seg, R->ds, R->o->segment_by, NULL);
  return segs_rfm(c, &R->seg, sv, NULL, &R->rfm);
}

/* Every group too small to show: nothing to report. */
static int check_groups(const run *R) {
  if (R->seg.n > 0) return KW_EXIT_OK;
  fprintf(stderr, "klantwijs basket: no group of %d customers or more by "
                  "%s: nothing can be shown (privacy)\n",
          PRIVACY_MIN, R->seg.basis);
  return KW_EXIT_INPUT;
}

static const double *pen_key;
static int by_share_desc(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  if (pen_key[x] != pen_key[y]) return pen_key[x] > pen_key[y] ? -1 : 1;
  return (x > y) - (x < y);
}

static kw_status write_penetration(run *R, FILE *f,
                                   const kw_penetration_data *p) {
  cli_common *c = R->c;
  const opts *o = R->o;
  kw_lang lang = c->lang;
  bool nl = lang == KW_LANG_NL;
  size_t ns = p->n_segments, ni = p->n_items;
  const kw_basket_view *bv = kw_baskets_view(R->b);
  kw_status st = KW_OK;
  /* items with a buyer among the segmented customers or in any basket */
  uint32_t *items = cli_xcalloc(ni, sizeof *items);
  const char **iname = cli_xcalloc(ni, sizeof *iname);
  size_t nrow = (ns + 1) * ni;
  const char **rseg = cli_xcalloc(nrow, sizeof *rseg);
  const char **ritem = cli_xcalloc(nrow, sizeof *ritem);
  uint32_t *rcust = cli_xcalloc(nrow, sizeof *rcust);
  uint32_t *rbuy = cli_xcalloc(nrow, sizeof *rbuy);
  double *rshare = cli_xcalloc(nrow, sizeof *rshare);
  kw_rcol *cols = cli_xcalloc(ns + 2, sizeof *cols);
  const char *all_label = nl ? "alle" : "all";
  if (!items || !iname || !rseg || !ritem || !rcust || !rbuy || !rshare ||
      !cols) {
    st = KW_ENOMEM;
    goto out;
  }
  size_t m = 0;
  for (size_t i = 0; i < ni; i++) {
    iname[i] = kw_baskets_item_name(R->b, (uint32_t)i);
    if (bv->item_count[i] > 0) items[m++] = (uint32_t)i;
  }
  pen_key = p->all_share;
  qsort(items, m, sizeof *items, by_share_desc);
  /* long rows: "all" first, then each segment, items by overall share */
  size_t k = 0;
  for (size_t s = 0; s <= ns; s++) {
    for (size_t q = 0; q < m; q++) {
      uint32_t i = items[q];
      rseg[k] = s == 0 ? all_label : p->segment_names[s - 1];
      ritem[k] = iname[i];
      rcust[k] = s == 0 ? p->all_customers : p->customers[s - 1];
      rbuy[k] = s == 0 ? p->all_buyers[i] : p->buyers[(s - 1) * ni + i];
      rshare[k] = s == 0 ? p->all_share[i] : p->share[(s - 1) * ni + i];
      k++;
    }
  }
  const kw_rcol lcols[] = {
      {"segment", "segment", "segment", KW_CELL_STR, 0, rseg, NULL, NULL, NULL},
      {"item", "item", "item", KW_CELL_STR, 0, ritem, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_U32, 0, rcust, NULL, NULL, NULL},
      {"buyers", "buyers", "kopers", KW_CELL_U32, 0, rbuy, NULL, NULL, NULL},
      {"share", "share", "aandeel", KW_CELL_F64, 4, rshare, NULL, NULL, NULL},
  };
  kw_rtable lt = {NULL, k, NULL, 5, lcols};
  if (c->format != KW_FORMAT_TABLE) {
    /* "item" names the level in machine output */
    kw_rcol mcols[5];
    memcpy(mcols, lcols, sizeof mcols);
    mcols[1].key = level_key(o, false);
    lt.cols = mcols;
    if (c->format == KW_FORMAT_CSV) {
      st = kw_write_rtable(c->ctx, f, &lt, KW_FORMAT_CSV, lang, 0);
      goto out;
    }
    kw_jw *w = kw_jw_new(c->ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "item", level_key(o, false));
    jw_privacy(w, &R->seg);
    kw_jw_begin_array(w, "segments");
    kw_jw_begin_object(w, NULL);
    kw_jw_str(w, "segment", all_label);
    kw_jw_int(w, "customers", p->all_customers);
    kw_jw_end_object(w);
    for (size_t s = 0; s < ns; s++) {
      kw_jw_begin_object(w, NULL);
      kw_jw_str(w, "segment", p->segment_names[s]);
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
  fprintf(f, nl ? "Aandeel van de klanten per %s dat %s kocht\n"
                : "Share of the customers of each %s who bought each %s\n",
          R->seg.basis,
          nl ? (o->level == KW_BASKET_CATEGORIES ? "elke categorie"
                                                 : "elk product")
             : level_word(o, false, false, nl));
  write_privacy_note(f, &R->seg, lang);
  fputc('\n', f);
  {
    const char **sn = cli_xcalloc(ns + 1, sizeof *sn);
    uint32_t *sc = cli_xcalloc(ns + 1, sizeof *sc);
    if (!sn || !sc) {
      free((void *)sn);
      free(sc);
      st = KW_ENOMEM;
      goto out;
    }
    sn[0] = all_label;
    sc[0] = p->all_customers;
    for (size_t s = 0; s < ns; s++) {
      sn[s + 1] = p->segment_names[s];
      sc[s + 1] = p->customers[s];
    }
    const kw_rcol scols[] = {
        {"segment", "segment", "segment", KW_CELL_STR, 0, sn, NULL, NULL, NULL},
        {"customers", "customers", "klanten", KW_CELL_U32, 0, sc, NULL, NULL, NULL},
    };
    kw_rtable stt = {NULL, ns + 1, NULL, 2, scols};
    st = kw_write_rtable(c->ctx, f, &stt, KW_FORMAT_TABLE, lang, 0);
    free((void *)sn);
    free(sc);
    if (st) goto out;
  }
  fputc('\n', f);
  size_t nc = 0;
  cols[nc++] = (kw_rcol){"item", level_word(o, false, false, false),
                         level_word(o, false, false, true), KW_CELL_STR, 0,
                         iname, NULL, NULL, NULL};
  cols[nc++] = (kw_rcol){"all", all_label, all_label, KW_CELL_PCT, 1,
                         p->all_share, NULL, NULL, NULL};
  for (size_t s = 0; s < ns; s++)
    cols[nc++] = (kw_rcol){p->segment_names[s], p->segment_names[s],
                           p->segment_names[s], KW_CELL_PCT, 1,
                           p->share + s * ni, NULL, NULL, NULL};
  kw_rtable t = {NULL, m, items, nc, cols};
  st = kw_write_rtable(c->ctx, f, &t, KW_FORMAT_TABLE, lang,
                       o->top_given ? o->top : TABLE_ROWS);
out:
  free(items);
  free((void *)iname);
  free((void *)rseg);
  free((void *)ritem);
  free(rcust);
  free(rbuy);
  free(rshare);
  free(cols);
  return st;
}

static int do_penetration(run *R) {
  cli_common *c = R->c;
  int code = build_segments(R);
  if (code) return code;
  if ((code = check_groups(R))) return code;
  kw_penetration *p = NULL;
  kw_status st = kw_penetration_build(c->ctx, R->b, R->seg.code,
                                      R->seg.n_customers, R->seg.names,
                                      R->seg.n, &p);
  if (st) return cli_fail(c, st);
  FILE *f = cli_out_open(c);
  if (!f) {
    kw_penetration_free(p);
    return KW_EXIT_IO;
  }
  st = write_penetration(R, f, kw_penetration_view(p));
  kw_penetration_free(p);
  return finish_output(c, f, st);
}

/* ------------------------------------------------------------ upsell */

static kw_status write_upsell(run *R, FILE *f, const kw_upsell_data *u) {
  cli_common *c = R->c;
  const opts *o = R->o;
  kw_lang lang = c->lang;
  bool nl = lang == KW_LANG_NL;
  const kw_dict *cust = kw_dataset_customers(R->ds);
  size_t ns = u->n_segments, n = u->n;
  uint32_t *cand = cli_xcalloc(ns, sizeof *cand);
  const char **sname = cli_xcalloc(n, sizeof *sname);
  double *smed = cli_xcalloc(n, sizeof *smed);
  kw_status st = KW_OK;
  if (!cand || !sname || !smed) {
    st = KW_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    cand[u->segment[i]]++;
    sname[i] = u->segment_names[u->segment[i]];
    smed[i] = u->segment_median[u->segment[i]];
  }
  const kw_rcol scols[] = {
      {"segment", "segment", "segment", KW_CELL_STR, 0, u->segment_names, NULL, NULL, NULL},
      {"customers", "customers", "klanten", KW_CELL_U32, 0, u->segment_customers, NULL, NULL, NULL},
      {"median", "median per order", "mediaan per order", KW_CELL_F64, 2, u->segment_median, NULL, NULL, NULL},
      {"p25", "lower quartile", "eerste kwartiel", KW_CELL_F64, 2, u->segment_p25, NULL, NULL, NULL},
      {"threshold", "threshold", "drempel", KW_CELL_F64, 2, u->segment_threshold, NULL, NULL, NULL},
      {"candidates", "candidates", "kandidaten", KW_CELL_U32, 0, cand, NULL, NULL, NULL},
  };
  kw_rtable st_t = {NULL, ns, NULL, 6, scols};
  const kw_rcol ccols[] = {
      {"customer_id", "customer", "klant", KW_CELL_ID, 0, u->customer, cust, NULL, NULL},
      {"segment", "segment", "segment", KW_CELL_STR, 0, sname, NULL, NULL, NULL},
      {"orders", "orders", "orders", KW_CELL_U32, 0, u->orders, NULL, NULL, NULL},
      {"spend_per_order", "spend per order", "besteding per order", KW_CELL_F64, 2, u->spend_per_order, NULL, NULL, NULL},
      {"segment_median", "segment median", "mediaan segment", KW_CELL_F64, 2, smed, NULL, NULL, NULL},
      {"gap", "gap", "verschil", KW_CELL_F64, 2, u->gap, NULL, NULL, NULL},
      {"potential", "potential", "potentieel", KW_CELL_F64, 2, u->potential, NULL, NULL, NULL},
  };
  kw_rtable ct = {NULL, n, NULL, 7, ccols};
  if (c->format == KW_FORMAT_CSV) {
    st = kw_write_rtable(c->ctx, f, &ct, KW_FORMAT_CSV, lang, 0);
    goto out;
  }
  if (c->format == KW_FORMAT_JSON) {
    kw_jw *w = kw_jw_new(c->ctx, f);
    if (!w) {
      st = KW_ENOMEM;
      goto out;
    }
    kw_jw_begin_object(w, NULL);
    jw_privacy(w, &R->seg);
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
  char a[32], b[32];
  uint64_t counted = 0;
  for (size_t s = 0; s < ns; s++) counted += u->segment_customers[s];
  fprintf(f, nl ? "Upsell: klanten die per order minder besteden dan "
                : "Upsell: customers who spend less per order than ");
  if (o->upsell_fraction > 0)
    fprintf(f, nl ? "%s van de mediaan van hun %s\n"
                  : "%s of the median of their %s\n",
            cli_pct(a, o->upsell_fraction, 0, lang), R->seg.basis);
  else
    fprintf(f, nl ? "het eerste kwartiel van hun %s\n"
                  : "the lower quartile of their %s\n",
            R->seg.basis);
  fprintf(f, nl ? "%s klanten met minstens %lu order(s); %s kandidaten, "
                  "gerangschikt op potentieel = (mediaan - besteding per "
                  "order) x orders\n"
                : "%s customers with at least %lu order(s); %s candidates, "
                  "ranked by potential = (median - spend per order) x "
                  "orders\n",
          num(a, (double)counted, 0, lang), o->min_orders,
          num(b, (double)n, 0, lang));
  write_privacy_note(f, &R->seg, lang);
  fputc('\n', f);
  st = kw_write_rtable(c->ctx, f, &st_t, KW_FORMAT_TABLE, lang, 0);
  if (st) goto out;
  fputc('\n', f);
  if (n)
    st = kw_write_rtable(c->ctx, f, &ct, KW_FORMAT_TABLE, lang,
                         o->top_given ? o->top : TABLE_ROWS);
out:
  free(cand);
  free((void *)sname);
  free(smed);
  return st;
}

static int do_upsell(run *R) {
  cli_common *c = R->c;
  const opts *o = R->o;
  /* group sizes for the privacy rule: the customers the upsell rule counts
   * (summary first, so the counted set is known) */
  kw_summary_options so;
  kw_summary_options_init(&so);
  so.as_of = c->as_of;
  kw_status st = kw_summary_build(c->ctx, R->ds, &so, &R->sum);
  if (st) return cli_fail(c, st);
  const kw_customer_summary *sv = kw_summary_view(R->sum);
  bool *counted = cli_xcalloc(sv->n, sizeof *counted);
  if (!counted) {
    fprintf(stderr, "klantwijs basket: out of memory\n");
    return KW_EXIT_INTERNAL;
  }
  for (size_t i = 0; i < sv->n; i++)
    counted[i] = sv->orders[i] >= o->min_orders && sv->orders[i] > 0 &&
                 sv->revenue[i] != KW_NA_MONEY;
  R->seg.n_customers = sv->n;
  int code = o->segment_by
                 ? segs_column(c, &R->seg, R->ds, o->segment_by, counted)
                 : segs_rfm(c, &R->seg, sv, counted, &R->rfm);
  free(counted);
  if (code) return code;
  if ((code = check_groups(R))) return code;
  kw_upsell_options uo;
  kw_upsell_options_init(&uo);
  uo.fraction = o->upsell_fraction;
  uo.min_orders = (uint32_t)o->min_orders;
  kw_upsell *u = NULL;
  st = kw_upsell_build(c->ctx, sv->n, sv->revenue, sv->orders, R->seg.code,
                       R->seg.names, R->seg.n, &uo, &u);
  if (st) return cli_fail(c, st);
  FILE *f = cli_out_open(c);
  if (!f) {
    kw_upsell_free(u);
    return KW_EXIT_IO;
  }
  st = write_upsell(R, f, kw_upsell_view(u));
  kw_upsell_free(u);
  return finish_output(c, f, st);
}

/* ------------------------------------------------------------ main */

int kw_cli_basket(int argc, char **argv);
int kw_cli_basket(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "basket");
  opts o;
  opts_init(&o);
  run R;
  memset(&R, 0, sizeof R);
  R.c = &c;
  R.o = &o;
  int code = parse_args(&c, &o, argc, argv);
  if (code) goto done;
  if (!o.baskets && !c.path && !c.load.files[KW_TABLE_TRANSACTIONS]) {
    code = cli_usage(&c, "missing PATH (a data folder or a sales file) or "
                         "--baskets FILE");
    goto done;
  }
  if ((code = load_baskets(&R))) goto done;
  if (o.mode == MODE_PENETRATION) {
    code = do_penetration(&R);
    goto done;
  }
  if (o.mode == MODE_UPSELL) {
    code = do_upsell(&R);
    goto done;
  }
  if ((code = mine(&R))) goto done;
  if (o.mode == MODE_RECOMMEND) {
    code = do_recommend(&R);
    goto done;
  }
  FILE *f = cli_out_open(&c);
  if (!f) {
    code = KW_EXIT_IO;
    goto done;
  }
  code = finish_output(&c, f, o.mode == MODE_ITEMSETS ? write_itemsets(&R, f)
                                                      : write_rules(&R, f));
done:
  run_free(&R);
  cli_common_free(&c);
  return code;
}
