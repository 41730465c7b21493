/*
 * cmd_segments.c — `klantwijs segments`: rule segments by any attribute
 * (alone or crossed), behavioural clusters with one persona card each, and
 * the strategic fit against an ideal customer profile. Runs the analysis
 * (kw_analyze_run) and the segments (kw_segments_run) and writes them with
 * kw_segments_write; everything else is library code.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "klantwijs/analyze.h"
#include "klantwijs/segments.h"

const char kw_cli_segments_help[] =
    "usage: klantwijs segments [OPTIONS] PATH\n"
    "\n"
    "Who your customers are, in groups you can act on:\n"
    "  - rule segments by one attribute, or two crossed: per segment the\n"
    "    customers, revenue, contribution, CLV, churn rate, NPS (where there\n"
    "    is feedback), fit, and the share of each;\n"
    "  - behavioural groups: k-means++ on robustly scaled behaviour (log\n"
    "    recency, orders and revenue, tenure, margin, categories, days paid\n"
    "    late, discount share, NPS where present); the number of groups is\n"
    "    chosen by the silhouette on a random sample (named in the output),\n"
    "    the same for the same --seed;\n"
    "  - one persona card per group: a name from its distinctive traits,\n"
    "    size, shares of revenue and profit, typical behaviour, the traits\n"
    "    that set it apart (lift and counts), satisfaction, churn risk, CLV\n"
    "    and the approach of the action plan.\n"
    "No group of fewer than 5 customers is shown on its own (merged into\n"
    "\"other\"), and no name, e-mail, phone or address is read.\n"
    "\n"
    "Attributes: sector, size, type (customer type), region (Flanders,\n"
    "Wallonia, Brussels, the Netherlands, from the postcode), province,\n"
    "channel (acquisition channel), tenure, pay_class, rfm, abc, categories\n"
    "(number of product categories bought), value (top 20% / next 30% /\n"
    "bottom 50% by value), cluster.\n"
    "\n"
    "Options:\n"
    "  --by ATTR[,ATTR2]      segment by ATTR, crossed with ATTR2 (default:\n"
    "                         sector, else region, size, channel, tenure)\n"
    "  --cross ATTR2          the same as --by ATTR,ATTR2\n"
    "  --k N                  fix the number of groups (2 to 15)\n"
    "  --k-max N              largest number of groups tried (default 8)\n"
    "  --sample N             customers in the silhouette sample (default\n"
    "                         2000)\n"
    "  --seed N               seed of k-means++ and the sample (default 1)\n"
    "  --no-clusters          rule segments only\n"
    "  --personas             with --format csv: the persona table instead\n"
    "                         of the segment table\n"
    "  --fit FILE             ideal customer profile: a fit per customer, per\n"
    "                         segment and per persona\n"
    "  --fit-template         print a profile to edit and exit\n"
    "  --min-group N          smallest group shown (default 5, at least 5)\n"
    "  --as-of DATE           last day observed (default: the last date)\n"
    "  --currency CODE        currency of the amounts (default EUR)\n"
    "  --margin PCT           assumed gross margin where no cost is known\n"
    "  --rate TYPE=AMOUNT     cost per unit of a cost type (repeatable)\n"
    CLI_INGEST_HELP CLI_OUTPUT_HELP
    "\n"
    "Examples:\n"
    "  klantwijs segments demo-data\n"
    "  klantwijs segments demo-data --by sector,value --lang nl\n"
    "  klantwijs segments demo-data --fit-template > profiel.txt\n"
    "  klantwijs segments demo-data --fit profiel.txt --format json\n";

#define MAX_RATES 32

typedef struct opts {
  kw_seg_attr by, cross;
  unsigned long k, k_max, sample, min_group;
  bool no_clusters, personas, template_only, have_margin, seed_set;
  unsigned long long seed;
  const char *fit, *currency;
  double margin;
  kw_serve_rate rates[MAX_RATES];
  char rate_names[MAX_RATES][64];
  size_t n_rates;
} opts;

static bool parse_pct(const char *s, double *out) {
  char buf[64];
  size_t n = strlen(s);
  if (n == 0 || n >= sizeof buf) return false;
  for (size_t i = 0; i <= n; i++) buf[i] = s[i] == ',' ? '.' : s[i];
  return cli_parse_double(buf, out) && isfinite(*out);
}

static int parse_attr(cli_common *c, const char *v, kw_seg_attr *a) {
  *a = kw_seg_attr_from_key(v);
  if (*a == KW_SEG__COUNT)
    return cli_usage(c, "unknown attribute '%s' (sector, size, type, region, "
                     "province, channel, tenure, pay_class, rfm, abc, "
                     "categories, value, cluster)", v), -1;
  return 0;
}

static int parse_args(cli_common *c, opts *o, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    unsigned long u;
    double d;
    if (strcmp(argv[i], "--no-clusters") == 0) {
      o->no_clusters = true;
      continue;
    }
    if (strcmp(argv[i], "--personas") == 0) {
      o->personas = true;
      continue;
    }
    if (strcmp(argv[i], "--fit-template") == 0) {
      o->template_only = true;
      continue;
    }
    if ((r = cli_opt_value("--by", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      char buf[64];
      if (strlen(v) >= sizeof buf) return cli_usage(c, "--by: too long"), -1;
      strcpy(buf, v);
      char *comma = strchr(buf, ',');
      if (comma) *comma = '\0';
      if (parse_attr(c, buf, &o->by)) return -1;
      if (comma && parse_attr(c, comma + 1, &o->cross)) return -1;
    } else if ((r = cli_opt_value("--cross", argc, argv, &i, &v)) != 0) {
      if (r < 0 || parse_attr(c, v, &o->cross)) return -1;
    } else if ((r = cli_opt_value("--k", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u < 2 || u > 15)
        return cli_usage(c, "--k takes 2 to 15"), -1;
      o->k = u;
    } else if ((r = cli_opt_value("--k-max", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u < 3 || u > 15)
        return cli_usage(c, "--k-max takes 3 to 15"), -1;
      o->k_max = u;
    } else if ((r = cli_opt_value("--sample", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u < 10 || u > 100000)
        return cli_usage(c, "--sample takes 10 to 100000"), -1;
      o->sample = u;
    } else if ((r = cli_opt_value("--seed", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      char *end;
      o->seed = strtoull(v, &end, 10);
      if (!*v || *end) return cli_usage(c, "--seed takes a whole number"), -1;
      o->seed_set = true;
    } else if ((r = cli_opt_value("--min-group", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!cli_parse_uint(v, &u) || u < 5 || u > 1000000)
        return cli_usage(c, "--min-group takes 5 or more"), -1;
      o->min_group = u;
    } else if ((r = cli_opt_value("--fit", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      o->fit = v;
    } else if ((r = cli_opt_value("--currency", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      size_t n = strlen(v);
      if (n < 1 || n > 7)
        return cli_usage(c, "--currency takes a code like EUR"), -1;
      o->currency = v;
    } else if ((r = cli_opt_value("--margin", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      if (!parse_pct(v, &d) || d < -100 || d > 100)
        return cli_usage(c, "--margin takes a percentage from -100 to 100"),
               -1;
      o->have_margin = true;
      o->margin = d;
    } else if ((r = cli_opt_value("--rate", argc, argv, &i, &v)) != 0) {
      if (r < 0) return -1;
      const char *eq = strrchr(v, '=');
      if (!eq || eq == v || (size_t)(eq - v) >= sizeof o->rate_names[0] ||
          !parse_pct(eq + 1, &d) || d < 0)
        return cli_usage(c, "--rate takes TYPE=AMOUNT, like service_hours=55"),
               -1;
      if (o->n_rates >= MAX_RATES)
        return cli_usage(c, "at most %d --rate options", MAX_RATES), -1;
      memcpy(o->rate_names[o->n_rates], v, (size_t)(eq - v));
      o->rate_names[o->n_rates][eq - v] = '\0';
      o->rates[o->n_rates].type = o->rate_names[o->n_rates];
      o->rates[o->n_rates].rate = (int64_t)llround(d * 100.0);
      o->n_rates++;
    } else if ((r = cli_common_option(c, argc, argv, &i)) == 0) {
      return cli_usage(c, "unknown option '%s'", argv[i]), -1;
    }
    if (r < 0) return -1;
  }
  if (o->personas && c->format != KW_FORMAT_CSV)
    return cli_usage(c, "--personas goes with --format csv"), -1;
  return 0;
}

int kw_cli_segments(int argc, char **argv);
int kw_cli_segments(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "segments");
  opts o;
  memset(&o, 0, sizeof o);
  o.by = o.cross = KW_SEG__COUNT;
  int code = KW_EXIT_OK;
  kw_dataset *ds = NULL;
  kw_analysis *an = NULL;
  kw_segments *sg = NULL;
  kw_fit_profile *fit = NULL;
  FILE *out = NULL;
  kw_status st;
  if (parse_args(&c, &o, argc, argv) < 0) {
    cli_common_free(&c);
    return KW_EXIT_USAGE;
  }
  if (o.template_only) {
    st = kw_fit_profile_template(c.ctx, c.lang, stdout);
    code = st ? cli_fail(&c, st) : KW_EXIT_OK;
    goto done;
  }
  if (o.fit && (st = kw_fit_profile_load(c.ctx, o.fit, &fit))) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (o.seed_set) kw_context_set_seed(c.ctx, o.seed);
  if (!c.load.tables)
    c.load.tables = 1u << KW_TABLE_TRANSACTIONS | 1u << KW_TABLE_CUSTOMERS |
                    1u << KW_TABLE_INVOICES | 1u << KW_TABLE_COSTS |
                    1u << KW_TABLE_FEEDBACK;
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  ao.as_of = c.as_of;
  ao.lang = c.lang;
  if (o.currency) ao.currency = o.currency;
  if (o.n_rates) {
    ao.rates = o.rates;
    ao.n_rates = o.n_rates;
  }
  if (o.have_margin) {
    ao.use_margin_pct = true;
    ao.margin_pct = o.margin;
  }
  if (o.min_group) ao.min_group = o.min_group;
  ao.fit = fit;
  if ((st = kw_analyze_run(c.ctx, ds, &ao, &an))) {
    code = cli_fail(&c, st);
    goto done;
  }
  kw_segments_options so;
  kw_segments_options_init(&so);
  so.by = o.by;
  so.cross = o.cross;
  if (o.k) so.k = o.k;
  if (o.k_max) so.k_max = o.k_max;
  if (o.sample) so.sample = o.sample;
  so.clusters = !o.no_clusters;
  so.min_group = ao.min_group;
  so.fit = fit;
  if ((st = kw_segments_run(c.ctx, an, &so, &sg))) {
    code = cli_fail(&c, st);
    goto done;
  }
  if (o.by < KW_SEG__COUNT && !kw_segments_has(sg, o.by))
    cli_warnf("klantwijs segments: the data have no '%s'; every customer "
              "is 'unknown'", kw_seg_attr_key(o.by));
  out = cli_out_open(&c);
  if (!out) {
    code = KW_EXIT_IO;
    goto done;
  }
  st = kw_segments_write(c.ctx, sg, c.format, c.lang,
                         o.currency ? o.currency : "EUR", o.personas, out);
  if (st) {
    cli_fail(&c, st);
    code = cli_out_close(&c, out, false);
    if (!code) code = st == KW_ENOMEM ? KW_EXIT_INTERNAL : KW_EXIT_IO;
  } else {
    code = cli_out_close(&c, out, true);
  }
done:
  kw_segments_free(sg);
  kw_analysis_free(an);
  kw_dataset_free(ds);
  kw_fit_profile_free(fit);
  cli_common_free(&c);
  return code;
}
