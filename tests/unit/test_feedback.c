/*
 * Unit tests: the voice of the customer (klantwijs/feedback.h) on the
 * synthetic data set of tests/data/feedback/synth (made by make_synth.py,
 * known by construction). Expected values come from
 * tests/data/feedback/expected.py (Python with mpmath, no klantwijs code)
 * or are worked out by hand in the comments; the formulas are in
 * tests/unit/README.feedback.md.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "klantwijs.h"

#ifndef assert_double_equal
static void near_(double a, double b, double eps, const char *file,
                  int line) {
  if (!(fabs(a - b) <= eps))
    fail_msg("%s:%d: %.17g != %.17g (tolerance %g)", file, line, a, b, eps);
}
#define assert_double_equal(a, b, eps) \
  near_((double)(a), (double)(b), (double)(eps), __FILE__, __LINE__)
#endif
#define NEAR(a, b) assert_double_equal((a), (b), 1e-8)

#define SYNTH KW_TEST_DATA "/feedback/synth"

typedef struct env {
  kw_context *ctx;
  kw_dataset *ds;
  kw_feedback *fb;
} env;

static void load(env *e, const char *dir, const kw_feedback_options *o) {
  e->ctx = kw_context_new();
  assert_non_null(e->ctx);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.tables = (1u << KW_TABLE_FEEDBACK) | (1u << KW_TABLE_CUSTOMERS) |
              (1u << KW_TABLE_TRANSACTIONS);
  assert_int_equal(kw_dataset_load(e->ctx, &lo, &e->ds), KW_OK);
  assert_int_equal(kw_feedback_compute(e->ctx, e->ds, o, &e->fb), KW_OK);
}

static void unload(env *e) {
  kw_feedback_free(e->fb);
  kw_dataset_free(e->ds);
  kw_context_free(e->ctx);
}

static uint32_t cust(env *e, const char *id) {
  const kw_dict *d = kw_dataset_customers(e->ds);
  for (size_t i = 0; i < kw_dict_size(d); i++)
    if (!strcmp(kw_dict_str(d, (uint32_t)i), id)) return (uint32_t)i;
  fail_msg("no customer %s", id);
  return 0;
}

/* Latest answer per customer: 100 customers + 10 anonymous answers.
 * P = 40 + 5, A = 25, D = 35 + 5 (expected.py). */
static void test_scores_latest(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  const kw_fb_scores *s = kw_feedback_overall_view(e.fb);
  const kw_fb_info *in = kw_feedback_info_view(e.fb);
  assert_int_equal(s->answers, 110);
  assert_int_equal(s->anonymous, 10);
  assert_int_equal(s->customers, 100);
  assert_int_equal(s->promoters, 45);
  assert_int_equal(s->passives, 25);
  assert_int_equal(s->detractors, 40);
  assert_true(s->enough);
  NEAR(s->nps, 4.54545454545);
  NEAR(s->nps_low, -11.8598192724);
  NEAR(s->nps_high, 20.9507283633);
  NEAR(s->nps_se, 8.37019146639);
  assert_int_equal(s->csat_scale, 5);
  NEAR(s->csat_top2, 0.636363636364);
  NEAR(s->csat_top2_low, 0.543276670605);
  NEAR(s->csat_top2_high, 0.720247710677);
  NEAR(s->csat_mean, 3.63636363636);
  NEAR(s->csat_mean_low, 3.37068002533);
  NEAR(s->csat_mean_high, 3.9020472474);
  assert_int_equal(s->ces_scale, 7);
  NEAR(s->ces_mean, 4.68181818182);
  NEAR(s->ces_low, 4.40501678074);
  NEAR(s->ces_high, 4.9586195829);
  /* 100 of 100 buying customers answered; as-of is the last sale */
  assert_int_equal(in->respondents, 100);
  assert_int_equal(in->buyers, 100);
  NEAR(in->response_rate, 1.0);
  assert_int_equal(in->as_of, kw_date_from_ymd(2024, 12, 15));
  assert_false(in->all_answers);
  /* a customer's latest scores */
  kw_fb_customer fc;
  assert_true(kw_feedback_customer(e.fb, cust(&e, "F001"), &fc));
  assert_int_equal(fc.day, kw_date_from_ymd(2024, 10, 15));
  NEAR(fc.nps, 10);
  NEAR(fc.csat, 5);
  NEAR(fc.ces, 6);
  unload(&e);
}

/* Every answer: F001-F030 add a detractor answer in 2024-Q2. */
static void test_scores_all(void **state) {
  (void)state;
  kw_feedback_options o;
  kw_feedback_options_init(&o);
  o.all_answers = true;
  env e;
  load(&e, SYNTH, &o);
  const kw_fb_scores *s = kw_feedback_overall_view(e.fb);
  assert_int_equal(s->answers, 140);
  assert_int_equal(s->customers, 100);
  assert_int_equal(s->detractors, 70);
  NEAR(s->nps, -17.8571428571);
  NEAR(s->nps_low, -32.5759076859);
  NEAR(s->nps_high, -3.1383780284);
  assert_true(kw_feedback_info_view(e.fb)->all_answers);
  unload(&e);
}

/* Sector C has 4 respondents: merged into "other", which then has 4 and
 * is left out. A (40 P, 10 A) and B (15 A, 31 D) remain. */
static void test_groups_privacy(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  const kw_fb_group *g;
  size_t n;
  assert_int_equal(kw_feedback_by_column(e.fb, KW_ROLE_SECTOR, &g, &n),
                   KW_OK);
  assert_int_equal(n, 2);
  assert_string_equal(g[0].key, "A");
  assert_string_equal(g[1].key, "B");
  assert_int_equal(g[0].customers, 50);
  assert_int_equal(g[1].customers, 46);
  NEAR(g[0].s.nps, 80.0);
  NEAR(g[0].s.nps_low, 68.9127694052);
  NEAR(g[0].s.nps_high, 91.0872305948);
  NEAR(g[1].s.nps, -67.3913043478);
  NEAR(g[1].s.nps_low, -80.9381386865);
  NEAR(g[1].s.nps_high, -53.8444700092);
  /* personal data is never a grouping */
  assert_int_equal(kw_feedback_by_column(e.fb, KW_ROLE_NAME, &g, &n), KW_OK);
  assert_int_equal(n, 0);
  unload(&e);
  /* minimum answers: 50 needed, A has 50, B only 46 */
  kw_feedback_options o;
  kw_feedback_options_init(&o);
  o.min_answers = 50;
  load(&e, SYNTH, &o);
  assert_int_equal(kw_feedback_by_column(e.fb, KW_ROLE_SECTOR, &g, &n),
                   KW_OK);
  assert_int_equal(n, 2);
  assert_true(g[0].s.enough);
  assert_false(g[1].s.enough);
  /* a caller's own grouping: F001-F010 in group 0, everyone else none */
  size_t nc = kw_dict_size(kw_dataset_customers(e.ds));
  uint32_t *code = malloc(nc * sizeof *code);
  for (size_t c = 0; c < nc; c++) code[c] = KW_NA_ID;
  for (int i = 1; i <= 10; i++) {
    char id[8];
    snprintf(id, sizeof id, "F%03d", i);
    code[cust(&e, id)] = 0;
  }
  kw_fb_scores one;
  assert_int_equal(kw_feedback_by_group(e.fb, code, nc, 1, &one), KW_OK);
  assert_int_equal(one.customers, 10);
  assert_int_equal(one.promoters, 10);
  NEAR(one.nps, 100);
  assert_false(one.enough); /* 10 < 50 */
  free(code);
  unload(&e);
}

static void test_periods(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  size_t n;
  const kw_fb_period *p = kw_feedback_periods_view(e.fb, &n);
  assert_int_equal(n, 3); /* 2024-Q2, Q3 (empty), Q4 */
  assert_int_equal(p[0].year, 2024);
  assert_int_equal(p[0].quarter, 2);
  assert_int_equal(p[0].s.answers, 30);
  NEAR(p[0].s.nps, -100);
  assert_int_equal(p[1].s.answers, 0);
  assert_false(p[1].s.enough);
  assert_int_equal(p[2].s.answers, 110);
  NEAR(p[2].s.nps, 4.54545454545);
  assert_true(isnan(p[2].nps_change)); /* Q3 has not enough answers */
  unload(&e);
}

/* Two quarters by hand: Q1 P 20, A 10, D 10 (NPS 25), Q2 P 10, A 10,
 * D 20 (NPS -25). Var = (0.5 + 0.25 - 0.25^2) / 40 = 0.0171875 each;
 * se of the difference 100 sqrt(0.034375) = 18.5404962177; z =
 * -50 / 18.5404962177 = -2.69679944985; p = erfc(|z| / sqrt 2) =
 * 0.00700094198945 (mpmath). Anonymous answers, no customers table. */
static void test_change_and_anonymous(void **state) {
  (void)state;
  char dir[] = "/tmp/kw_fb_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/feedback.csv", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("datum,nps,opmerking\n", f);
  static const int q1[3] = {10, 10, 20}, q2[3] = {20, 10, 10}; /* D A P */
  static const int score[3] = {3, 8, 10};
  for (int k = 0; k < 3; k++) {
    for (int i = 0; i < q1[k]; i++) fprintf(f, "2024-02-01,%d,\n", score[k]);
    for (int i = 0; i < q2[k]; i++) fprintf(f, "2024-05-01,%d,\n", score[k]);
  }
  fclose(f);
  env e;
  e.ctx = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  lo.tables = 1u << KW_TABLE_FEEDBACK;
  assert_int_equal(kw_dataset_load(e.ctx, &lo, &e.ds), KW_OK);
  assert_int_equal(kw_feedback_compute(e.ctx, e.ds, NULL, &e.fb), KW_OK);
  const kw_fb_scores *s = kw_feedback_overall_view(e.fb);
  assert_int_equal(s->answers, 80);
  assert_int_equal(s->anonymous, 80);
  assert_int_equal(s->customers, 0);
  NEAR(s->nps, 0);
  size_t n;
  const kw_fb_period *p = kw_feedback_periods_view(e.fb, &n);
  assert_int_equal(n, 2);
  NEAR(p[0].s.nps, 25);
  NEAR(p[1].s.nps, -25);
  NEAR(p[1].nps_change, -50);
  NEAR(p[1].change_z, -2.69679944985);
  NEAR(p[1].change_p, 0.00700094198945);
  /* behaviour needs customers: nobody to show */
  kw_fb_behaviour b[KW_NPS__COUNT];
  assert_int_equal(kw_feedback_behaviour(e.fb, NULL, b), KW_OK);
  assert_int_equal(b[0].customers + b[1].customers + b[2].customers, 0);
  assert_null(kw_feedback_competition_view(e.fb));
  unload(&e);
  remove(path);
  rmdir(dir);
}

/* Privacy: the shop's survey has one detractor (K2, nps 6, who bought
 * 1 x 1.250,00) and one promoter (K1, nps 9, 2 x 9,95 + 1 x 9,95 =
 * 29,85). Classes of one show their count only; with min_group 1 the
 * same call gives K2's 1250 and K1's 29.85. */
static void test_behaviour_privacy(void **state) {
  (void)state;
  for (int small = 0; small < 2; small++) {
    kw_feedback_options o;
    kw_feedback_options_init(&o);
    if (small) o.min_group = 1;
    env e;
    load(&e, KW_TEST_DATA "/shop", &o);
    kw_fb_behaviour b[KW_NPS__COUNT];
    assert_int_equal(kw_feedback_behaviour(e.fb, NULL, b), KW_OK);
    assert_int_equal(b[KW_NPS_DETRACTOR].customers, 1);
    assert_int_equal(b[KW_NPS_PROMOTER].customers, 1);
    if (!small) {
      for (int k = 0; k < KW_NPS__COUNT; k++) {
        assert_int_equal(b[k].revenue.n + b[k].active.n + b[k].clv.n, 0);
        assert_true(isnan(b[k].revenue.mean) && isnan(b[k].active.mean));
      }
    } else {
      assert_int_equal(b[KW_NPS_DETRACTOR].revenue.n, 1);
      NEAR(b[KW_NPS_DETRACTOR].revenue.mean, 1250.0);
      NEAR(b[KW_NPS_PROMOTER].revenue.mean, 29.85);
    }
    unload(&e);
  }
}

/* Gaps and importance against expected.py; the grid by hand: importance
 * split (0.731012 + 0.915173) / 2 = 0.823092, performance split (3.4 +
 * 3.7) / 2 = 3.55: prijs low/low (less urgent), service high/high (keep).
 * At risk: detractors rate Beta's service 4 over their own 2; F081-F100
 * stopped buying after 2024-05 (no purchase in the last 180 days, 11 in
 * the 360 before): 20 customers, all to Beta. */
static void test_competition(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  const kw_fb_competition *c = kw_feedback_competition_view(e.fb);
  assert_non_null(c);
  assert_int_equal(c->n_dimensions, 2);
  assert_string_equal(c->dimensions[0].name, "prijs");
  assert_string_equal(c->dimensions[1].name, "service");
  assert_int_equal(c->n_competitors, 2);
  assert_string_equal(c->competitors[0], "Alfa");
  assert_string_equal(c->competitors[1], "Beta");
  const kw_fb_dimension *pr = &c->dimensions[0], *sv = &c->dimensions[1];
  NEAR(pr->mean, 3.4);
  NEAR(pr->low, 3.3023039108);
  NEAR(pr->importance, 0.731012177029);
  NEAR(pr->importance_low, 0.624222435946);
  NEAR(pr->importance_high, 0.810985695555);
  NEAR(sv->importance, 0.915172781509);
  NEAR(sv->high, 3.96077719732);
  assert_int_equal(pr->quadrant, KW_IPA_LOW_PRIORITY);
  assert_int_equal(sv->quadrant, KW_IPA_KEEP);
  assert_int_equal(c->top_dimension, 1);
  NEAR(c->importance_split, (0.731012177029 + 0.915172781509) / 2);
  /* gaps: per dimension pooled, Alfa, Beta */
  assert_int_equal(c->n_gaps, 6);
  const kw_fb_gap *g = c->gaps;
  assert_null(g[0].competitor);
  assert_int_equal(g[0].n, 100);
  NEAR(g[0].diff, 0.15);
  NEAR(g[0].diff_low, -0.00797138411204);
  NEAR(g[0].share_comp_higher, 0.25);
  NEAR(g[0].share_high, 0.343044635481);
  assert_string_equal(g[1].competitor, "Alfa");
  assert_int_equal(g[1].n, 45);
  NEAR(g[1].diff, -0.111111111111);
  NEAR(g[1].diff_high, 0.19083567589);
  NEAR(g[1].share_comp_higher, 0.555555555556);
  NEAR(g[1].share_low, 0.411761344935);
  NEAR(g[2].share_comp_higher, 0);
  NEAR(g[2].share_high, 0.0652849011171);
  NEAR(g[5].diff, -0.545454545455);
  NEAR(g[5].diff_low, -1.07042839589);
  NEAR(g[5].share_comp_higher, 0.636363636364);
  NEAR(g[5].share_low, 0.504227614998);
  /* at risk */
  assert_int_equal(c->at_risk, 20);
  assert_int_equal(c->at_risk_per_competitor[0], 0);
  assert_int_equal(c->at_risk_per_competitor[1], 20);
  kw_fb_customer fc;
  assert_true(kw_feedback_customer(e.fb, cust(&e, "F085"), &fc));
  assert_int_equal(fc.risk, KW_FB_RISK_COMPETITOR);
  assert_string_equal(fc.competitor, "Beta");
  assert_string_equal(fc.dimension, "service");
  NEAR(fc.own, 2);
  NEAR(fc.theirs, 4);
  assert_true(kw_feedback_customer(e.fb, cust(&e, "F070"), &fc));
  assert_int_equal(fc.risk, KW_FB_RISK_NONE); /* still buys */
  assert_true(kw_feedback_customer(e.fb, cust(&e, "F050"), &fc));
  assert_int_equal(fc.risk, KW_FB_RISK_NONE); /* rates us higher */
  unload(&e);
}

/* The action plan: a customer at risk to a named competitor goes to the
 * retain list with a reason that names the competitor, the dimension and
 * both ratings (built-in rules 7 and 14, src/models/actions.c). */
static void test_action_rules_competitor(void **state) {
  (void)state;
  const kw_action_rules *r = kw_action_rules_builtin();
  kw_action_input in;
  size_t rule;
  char buf[512];
  /* value 0.6 (upper half), active: retained before invest (rule 7) */
  kw_action_input_init(&in);
  in.m[KW_METRIC_COMPETITOR_RISK] = 1;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_VALUE] = 0.6;
  in.m[KW_METRIC_POTENTIAL] = 0.9;
  in.competitor = "Beta";
  in.comp_dimension = "service";
  in.comp_own = 2;
  in.comp_theirs = 4;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_RETAIN);
  assert_int_equal(rule, 6);
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_EN, "EUR");
  assert_string_equal(buf, "Rates Beta higher on service (4 against 2 for "
                           "you) and buys at most half as often as before.");
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_NL, "EUR");
  assert_string_equal(buf, "Geeft Beta een hogere score op service (4 "
                           "tegenover 2 voor u) en koopt hoogstens half zo "
                           "vaak als voordien.");
  /* a half point shows with its decimal */
  in.comp_theirs = 3.5;
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_EN, "EUR");
  assert_non_null(strstr(buf, "(3.5 against 2 for you)"));
  in.comp_theirs = 4;
  /* the same customer without the risk: invest (value 0.9 >= 0.8) */
  in.m[KW_METRIC_VALUE] = 0.9;
  in.m[KW_METRIC_COMPETITOR_RISK] = 0;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_INVEST);
  /* at risk, at risk by recency too, value 0.9: rule 7 comes first */
  in.m[KW_METRIC_COMPETITOR_RISK] = 1;
  in.m[KW_METRIC_STATUS] = 2;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_RETAIN);
  assert_int_equal(rule, 6);
  /* low value (0.2), no profile: still retained, after the goodbye rules
   * (rule 16) and before develop */
  in.m[KW_METRIC_VALUE] = 0.2;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_NEXT_BEST] = 1;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_RETAIN);
  assert_int_equal(rule, 15);
  /* ... but a low-fit, thin-margin one is said goodbye (rule 14) */
  in.m[KW_METRIC_FIT] = 0.2;
  in.m[KW_METRIC_MARGIN] = 0.1;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_GOODBYE);
  assert_int_equal(rule, 13);
  /* a loss or a material overdue amount comes first */
  in.m[KW_METRIC_FIT] = NAN;
  in.m[KW_METRIC_CONTRIBUTION] = -5;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_REPRICE);
  /* the reprice reason gains the competitor clause */
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_EN, "EUR");
  const char *tail = " Rates Beta higher on service (4 against 2 for you).";
  size_t bl = strlen(buf), tl = strlen(tail);
  assert_true(bl > tl);
  assert_string_equal(buf + bl - tl, tail);
  /* the clause is cut at the buffer like the reason, and the length
   * returned is the full one */
  char small[20];
  size_t full = kw_action_reason(small, sizeof small, r, rule, &in,
                                 KW_LANG_EN, "EUR");
  assert_int_equal(full, bl);
  assert_int_equal(strlen(small), sizeof small - 1);
  /* one who left is not retained: valuable and churned is won back */
  in.m[KW_METRIC_CONTRIBUTION] = 50;
  in.m[KW_METRIC_VALUE] = 0.9;
  in.m[KW_METRIC_STATUS] = 3;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_WIN_BACK);
  in.m[KW_METRIC_VALUE] = 0.6;
  assert_int_equal(kw_action_decide(r, &in, &rule),
                   KW_ACTION_SERVE_LOW_COST);
  /* unknown (no feedback): every condition on it is false */
  in.m[KW_METRIC_COMPETITOR_RISK] = NAN;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_NEXT_BEST] = 0;
  in.m[KW_METRIC_POTENTIAL] = 0.1;
  assert_int_equal(kw_action_decide(r, &in, &rule),
                   KW_ACTION_SERVE_LOW_COST);
  /* a rule file can test it: competitor_risk = yes */
  const char *txt = "[retain]\ncompetitor_risk = yes\n[serve_low_cost]\n";
  kw_context *ctx = kw_context_new();
  kw_action_rules *rf = NULL;
  assert_int_equal(kw_action_rules_parse(ctx, txt, strlen(txt), "r.txt", &rf),
                   KW_OK);
  in.m[KW_METRIC_COMPETITOR_RISK] = 1;
  assert_int_equal(kw_action_decide(rf, &in, &rule), KW_ACTION_RETAIN);
  in.m[KW_METRIC_COMPETITOR_RISK] = 0;
  assert_int_equal(kw_action_decide(rf, &in, &rule), KW_ACTION_SERVE_LOW_COST);
  kw_action_rules_free(rf);
  kw_context_free(ctx);
}

/* The same through the main job on the synthetic set: F081-F100 rate Beta
 * higher on service (4 against 2) and stopped buying 214 days before the
 * as-of day (make_synth.py), so the churn status calls them gone: they
 * are won back (class A), their reason followed by the competitor clause;
 * F001 (a promoter) is not at risk. */
static void test_analysis_competitor(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  kw_analysis *an = NULL;
  assert_int_equal(kw_analyze_run(e.ctx, e.ds, &ao, &an), KW_OK);
  assert_non_null(kw_analysis_feedback(an));
  kw_action_input in;
  char buf[512];
  const char *tail = " Rates Beta higher on service (4 against 2 for you).";
  size_t risk = 0;
  for (int k = 81; k <= 100; k++) {
    char id[8];
    snprintf(id, sizeof id, "F%03d", k);
    uint32_t c = cust(&e, id);
    kw_analysis_input(an, c, &in);
    assert_true(in.m[KW_METRIC_COMPETITOR_RISK] == 1);
    assert_string_equal(in.competitor, "Beta");
    assert_string_equal(in.comp_dimension, "service");
    NEAR(in.comp_own, 2);
    NEAR(in.comp_theirs, 4);
    assert_int_equal(kw_analysis_action(an, c), KW_ACTION_WIN_BACK);
    /* the reason as customers.csv writes it */
    size_t rule;
    kw_action_decide(kw_action_rules_builtin(), &in, &rule);
    kw_action_reason(buf, sizeof buf, kw_action_rules_builtin(), rule, &in,
                     KW_LANG_EN, "EUR");
    size_t bl = strlen(buf), tl = strlen(tail);
    assert_true(bl > tl);
    assert_string_equal(buf + bl - tl, tail);
    risk++;
  }
  assert_int_equal(risk, 20);
  kw_analysis_input(an, cust(&e, "F001"), &in);
  assert_true(in.m[KW_METRIC_COMPETITOR_RISK] == 0);
  assert_null(in.competitor);
  kw_analysis_free(an);
  unload(&e);
}

static bool has_theme(const kw_fb_theme *t, size_t n, const char *lang,
                      const char *part) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(t[i].lang, lang) && strstr(t[i].term, part)) return true;
  return false;
}

/* Planted: detractors write about late deliveries in Dutch (15), French
 * (10) and English (5); "Factuur fout." 4 times (too few for a theme);
 * promoters praise the service. */
static void test_themes(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  const kw_fb_themes *t = kw_feedback_themes_view(e.fb);
  assert_non_null(t);
  assert_int_equal(t->comments, 99); /* F100 wrote nothing */
  assert_int_equal(t->comments_class[KW_NPS_DETRACTOR], 34);
  assert_int_equal(t->comments_by_lang[1] >= 15, 1); /* en */
  assert_int_equal(t->comments_by_lang[2], 20);      /* fr */
  assert_true(t->n_detractor >= 2);
  assert_true(has_theme(t->detractor, t->n_detractor, "nl", "lat"));
  assert_true(has_theme(t->detractor, t->n_detractor, "fr", "livraison") ||
              has_theme(t->detractor, t->n_detractor, "fr", "retard"));
  assert_false(has_theme(t->detractor, t->n_detractor, "nl", "factur"));
  assert_true(has_theme(t->promoter, t->n_promoter, "nl", "servic") ||
              has_theme(t->promoter, t->n_promoter, "en", "servic") ||
              has_theme(t->promoter, t->n_promoter, "fr", "servic"));
  for (int side = 0; side < 2; side++) {
    const kw_fb_theme *x = side ? t->promoter : t->detractor;
    size_t n = side ? t->n_promoter : t->n_detractor;
    for (size_t i = 0; i < n; i++) {
      assert_true(x[i].count >= 5);
      if (side == 0) assert_true(x[i].score > 1.96);
      else assert_true(x[i].score < -1.96);
      assert_true(x[i].n_examples >= 1 && x[i].n_examples <= 3);
      for (size_t k = 0; k < x[i].n_examples; k++) {
        assert_null(strchr(x[i].examples[k], '@'));
        assert_null(strstr(x[i].examples[k], "Peeters"));
        assert_null(strstr(x[i].examples[k], "475"));
      }
    }
  }
  unload(&e);
}

/* Themes per group of customers (kw_feedback_themes_by_group, for the
 * persona cards). Grouped by NPS class, the detractor group's counts are
 * the model's own detractor counts of each theme and the promoter group's
 * its promoter counts (a second path through the data). Grouped by the
 * planted comments: F066-F080 wrote the Dutch late deliveries (15),
 * F081-F090 the French ones (10), F001-F020 Dutch praise (20). */
static void test_themes_by_group(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  const kw_fb_themes *t = kw_feedback_themes_view(e.fb);
  assert_non_null(t);
  size_t nt = t->n_detractor + t->n_promoter;
  size_t nc = kw_dict_size(kw_dataset_customers(e.ds));
  uint32_t *grp = calloc(nc, sizeof *grp);
  size_t *cnt = calloc(3 * nt, sizeof *cnt);
  size_t com[3];
  assert_non_null(grp);
  assert_non_null(cnt);
  kw_fb_customer fc;
  for (size_t c = 0; c < nc; c++) {
    grp[c] = KW_NA_ID;
    if (!kw_feedback_customer(e.fb, c, &fc) || isnan(fc.nps)) continue;
    grp[c] = fc.nps >= 9 ? 0 : fc.nps >= 7 ? 1 : 2;
  }
  assert_int_equal(kw_feedback_themes_by_group(e.fb, grp, nc, 3, cnt, com),
                   KW_OK);
  assert_int_equal(com[0], t->comments_class[KW_NPS_PROMOTER]);
  assert_int_equal(com[2], t->comments_class[KW_NPS_DETRACTOR]);
  for (size_t k = 0; k < t->n_detractor; k++) {
    assert_int_equal(cnt[2 * nt + k], t->detractor[k].count);
    assert_int_equal(cnt[0 * nt + k], t->detractor[k].count_other);
  }
  for (size_t k = 0; k < t->n_promoter; k++) {
    assert_int_equal(cnt[0 * nt + t->n_detractor + k], t->promoter[k].count);
    assert_int_equal(cnt[2 * nt + t->n_detractor + k],
                     t->promoter[k].count_other);
  }
  /* by the planted comments */
  for (size_t c = 0; c < nc; c++) grp[c] = KW_NA_ID;
  for (int i = 66; i <= 80; i++) {
    char id[8];
    snprintf(id, sizeof id, "F%03d", i);
    grp[cust(&e, id)] = 0;
  }
  for (int i = 81; i <= 90; i++) {
    char id[8];
    snprintf(id, sizeof id, "F%03d", i);
    grp[cust(&e, id)] = 1;
  }
  for (int i = 1; i <= 20; i++) {
    char id[8];
    snprintf(id, sizeof id, "F%03d", i);
    grp[cust(&e, id)] = 2;
  }
  assert_int_equal(kw_feedback_themes_by_group(e.fb, grp, nc, 3, cnt, com),
                   KW_OK);
  assert_int_equal(com[0], 15);
  assert_int_equal(com[1], 10);
  assert_int_equal(com[2], 20);
  size_t found = 0;
  for (size_t k = 0; k < t->n_detractor; k++) {
    const kw_fb_theme *x = &t->detractor[k];
    if (strcmp(x->lang, "nl") || !strstr(x->term, "lat")) continue;
    found++;
    assert_true(cnt[0 * nt + k] >= 5);   /* the Dutch writers */
    assert_int_equal(cnt[1 * nt + k], 0); /* not the French */
    assert_int_equal(cnt[2 * nt + k], 0); /* nor the praise */
  }
  assert_true(found >= 1);
  /* anonymous answers and customers in no group count nowhere; no
   * themes: zeros */
  assert_int_equal(kw_feedback_themes_by_group(e.fb, grp, nc, 0, NULL, NULL),
                   KW_OK);
  free(grp);
  free(cnt);
  unload(&e);
}

static void test_masking(void **state) {
  (void)state;
  env e;
  load(&e, SYNTH, NULL);
  const kw_table *ct = kw_dataset_table(e.ds, KW_TABLE_CUSTOMERS);
  const kw_column *nm = kw_table_role(ct, KW_ROLE_NAME);
  assert_non_null(nm);
  char *m = kw_mask_personal(
      e.ctx,
      "Bel Jan Peeters op +32 475 12 34 56 of 09/123.45.67, mail "
      "jan.peeters@example.be. Factuur 2024-0012 van 01/03/2024 klopt niet.",
      nm->dict);
  assert_non_null(m);
  assert_string_equal(m,
                      "Bel [name] [name] op [phone] of [phone], mail "
                      "[e-mail]. Factuur 2024-0012 van 01/03/2024 klopt "
                      "niet.");
  kw_free(e.ctx, m);
  /* lower-case words and words of no name stay */
  m = kw_mask_personal(e.ctx, "jan kwam niet; Sara wel", nm->dict);
  assert_string_equal(m, "jan kwam niet; [name] wel");
  kw_free(e.ctx, m);
  m = kw_mask_personal(e.ctx, "Mail naar info@firma.be", NULL);
  assert_string_equal(m, "Mail naar [e-mail]");
  kw_free(e.ctx, m);
  unload(&e);
}

static void test_language(void **state) {
  (void)state;
  static const char *const nl = "De levering was te laat en onvolledig.";
  static const char *const en = "The delivery was late and incomplete.";
  static const char *const fr = "La livraison est arrivée en retard.";
  assert_string_equal(kw_text_language(nl, strlen(nl)), "nl");
  assert_string_equal(kw_text_language(en, strlen(en)), "en");
  assert_string_equal(kw_text_language(fr, strlen(fr)), "fr");
  assert_string_equal(kw_text_language("12345", 5), "");
}

/* Out of memory anywhere in the build comes back as KW_ENOMEM. */
static void test_out_of_memory(void **state) {
  (void)state;
  kw_context *ctx0 = kw_context_new();
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = SYNTH;
  lo.tables = (1u << KW_TABLE_FEEDBACK) | (1u << KW_TABLE_CUSTOMERS) |
              (1u << KW_TABLE_TRANSACTIONS);
  kw_dataset *ds;
  assert_int_equal(kw_dataset_load(ctx0, &lo, &ds), KW_OK);
  int failures = 0;
  for (long k = 0; k < 2000; k += 7) {
    failing fl = {k, true};
    kw_allocator al = failing_allocator(&fl);
    kw_context *ctx = kw_context_new_with_allocator(&al);
    if (!ctx) continue;
    kw_feedback *fb = NULL;
    kw_status st = kw_feedback_compute(ctx, ds, NULL, &fb);
    if (st == KW_OK) {
      kw_feedback_free(fb);
    } else {
      assert_int_equal(st, KW_ENOMEM);
      assert_null(fb);
      failures++;
    }
    kw_context_free(ctx);
  }
  assert_true(failures > 10);
  kw_dataset_free(ds);
  kw_context_free(ctx0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scores_latest),
      cmocka_unit_test(test_scores_all),
      cmocka_unit_test(test_groups_privacy),
      cmocka_unit_test(test_periods),
      cmocka_unit_test(test_change_and_anonymous),
      cmocka_unit_test(test_behaviour_privacy),
      cmocka_unit_test(test_competition),
      cmocka_unit_test(test_action_rules_competitor),
      cmocka_unit_test(test_analysis_competitor),
      cmocka_unit_test(test_themes),
      cmocka_unit_test(test_themes_by_group),
      cmocka_unit_test(test_masking),
      cmocka_unit_test(test_language),
      cmocka_unit_test(test_out_of_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
