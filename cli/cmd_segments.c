/*
 * cmd_segments.c — `klantwijs segments`: rule segments by any attribute
 * (alone or crossed), behavioural clusters with one persona card each, and
 * the strategic fit against an ideal customer profile. Parses its options
 * (rows: cli/opts.h), runs the analysis (kw_analyze_run) and the segments
 * (kw_segments_run) and writes them with kw_segments_write; everything
 * else is library code.
 */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"
#include "value_opts.h"
#include "klantwijs/analyze.h"
#include "klantwijs/segments.h"

typedef struct seed_opt {
  unsigned long long v;
  bool set;
} seed_opt;

typedef struct opts {
  kw_seg_attr by, cross;
  unsigned long k, k_max, sample, min_group;
  bool no_clusters, personas, template_only;
  seed_opt seed;
  const char *fit, *currency;
} opts;

static bool set_attr(cli_common *c, kw_seg_attr *a, const char *v,
                     const char *opt) {
  *a = kw_seg_attr_from_key(v);
  if (*a != KW_SEG__COUNT) return true;
  cli_usage_key(c, "cli.err.segments_attr", "opt", opt, "v", v, NULL);
  return false;
}

/* --by ATTR[,ATTR2] */
static bool set_by(cli_common *c, void *target, const char *v) {
  opts *o = (opts *)((char *)target - offsetof(opts, by));
  char buf[64];
  size_t n = strlen(v);
  if (n >= sizeof buf) n = sizeof buf - 1;
  memcpy(buf, v, n);
  buf[n] = '\0';
  char *comma = strchr(buf, ',');
  if (comma) *comma = '\0';
  if (!set_attr(c, &o->by, buf, "--by")) return false;
  return !comma || set_attr(c, &o->cross, comma + 1, "--by");
}

static bool set_cross(cli_common *c, void *target, const char *v) {
  return set_attr(c, (kw_seg_attr *)target, v, "--cross");
}

static bool set_seed(cli_common *c, void *target, const char *v) {
  seed_opt *s = target;
  char *end;
  s->v = strtoull(v, &end, 10);
  if (!*v || *end || *v == '-') {
    cli_usage_key(c, "cli.err.whole", "opt", "--seed", NULL);
    return false;
  }
  s->set = true;
  return true;
}

#define CMD(field) CLI_T_CMD, offsetof(opts, field)
static const cli_opt rows_[] = {
    {"by", 0, CLI_CALL, CMD(by), CLI_NO_RANGE, "ATTR[,ATTR2]",
     "opt.segments.by.default", "opt.segments.by", set_by},
    {"cross", 0, CLI_CALL, CMD(cross), CLI_NO_RANGE, "ATTR2", NULL,
     "opt.segments.cross", set_cross},
    {"k", 0, CLI_UINT, CMD(k), 2, 15, "N", "opt.segments.k.default",
     "opt.segments.k", NULL},
    {"k-max", 0, CLI_UINT, CMD(k_max), 3, 15, "N", "8",
     "opt.segments.k_max", NULL},
    {"sample", 0, CLI_UINT, CMD(sample), 10, 100000, "N", "2000",
     "opt.segments.sample", NULL},
    {"seed", 0, CLI_CALL, CMD(seed), CLI_NO_RANGE, "N", "1",
     "opt.segments.seed", set_seed},
    {"no-clusters", 0, CLI_FLAG, CMD(no_clusters), CLI_NO_RANGE, NULL, NULL,
     "opt.segments.no_clusters", NULL},
    {"personas", 0, CLI_FLAG, CMD(personas), CLI_NO_RANGE, NULL, NULL,
     "opt.segments.personas", NULL},
    {"fit", 0, CLI_STR, CMD(fit), CLI_NO_RANGE, "FILE", NULL,
     "opt.segments.fit", NULL},
    {"fit-template", 0, CLI_FLAG, CMD(template_only), CLI_NO_RANGE, NULL,
     NULL, "opt.segments.fit_template", NULL},
    {"min-group", 0, CLI_UINT, CMD(min_group), 5, 1000000, "N", "5",
     "opt.segments.min_group", NULL},
    {"currency", 0, CLI_CALL, CMD(currency), CLI_NO_RANGE, "CODE",
     "opt.analyze.currency.default", "opt.analyze.currency", cli_set_currency},
};
#undef CMD
static const cli_group own = CLI_GROUP(NULL, rows_);
static const cli_group *const groups[] = {&own, &cli_group_as_of,
                                          &cli_group_cost, &cli_group_ingest,
                                          &cli_group_output, NULL};
const cli_spec kw_cli_segments_spec = {"segments", groups};

int kw_cli_segments(int argc, char **argv);
int kw_cli_segments(int argc, char **argv) {
  cli_common c;
  cli_common_init(&c, "segments");
  opts o;
  memset(&o, 0, sizeof o);
  o.by = o.cross = KW_SEG__COUNT;
  cli_cost k;
  cli_cost_init(&k);
  kw_dataset *ds = NULL;
  kw_analysis *an = NULL;
  kw_segments *sg = NULL;
  kw_fit_profile *fit = NULL;
  FILE *out = NULL;
  kw_status st;
  void *targets[CLI_T__COUNT] = {NULL, &o, &k, NULL};
  int code = cli_parse(&kw_cli_segments_spec, &c, targets, argc, argv);
  if (code) goto done;
  if (o.personas && c.format != KW_FORMAT_CSV) {
    code = cli_usage_key(&c, "cli.err.segments_personas", NULL);
    goto done;
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
  code = cli_cost_prepare(&c, &k);
  if (code) goto done;
  if (o.seed.set) kw_context_set_seed(c.ctx, o.seed.v);
  kw_analyze_load_options(&c.load); /* the analysis analyze runs */
  code = cli_load(&c, &ds);
  if (code) goto done;
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  ao.as_of = c.as_of;
  if (o.currency) ao.currency = o.currency, ao.detect_currency = false;
  ao.profit = k.po;
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
  if (o.by < KW_SEG__COUNT && !kw_segments_has(sg, o.by)) {
    char msg[256];
    cli_warnf("%s",
              cli_textf(msg, sizeof msg, "cli.segments.no_attr", c.lang,
                        "attr", kw_seg_attr_key(o.by), NULL));
  }
  /* amounts in the currency the analysis used: --currency, else the one
     the data name, else EUR */
  kw_currency_info cur;
  kw_dataset_currency(ds, o.currency, &cur);
  out = cli_out_open(&c);
  code = out ? cli_out_end(&c, out,
                           kw_segments_write(c.ctx, sg, c.format, c.lang,
                                             cur.code, o.personas, out))
             : KW_EXIT_IO;
done:
  kw_segments_free(sg);
  kw_analysis_free(an);
  kw_dataset_free(ds);
  kw_fit_profile_free(fit);
  cli_cost_free(&k);
  cli_common_free(&c);
  return code;
}
