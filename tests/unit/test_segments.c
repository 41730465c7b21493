/*
 * test_segments.c — postcodes against their source facts, k-means against
 * an independent reference and on data with known groups (adjusted Rand
 * index computed here), the silhouette by hand, the small-group rule,
 * the ideal-customer-profile reader, and segments and personas end to end
 * on a generated demo set.
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

#include "klantwijs.h"
#include "models/segments_internal.h"
#include "report/messages.h"
#include "report/text.h"

/* ------------------------------------------------------------ postcodes */

static void test_postcodes_source(void **state) {
  (void)state;
  FILE *f = fopen(KW_TEST_DATA "/segments/postcodes_check.csv", "r");
  assert_non_null(f);
  char line[256];
  int checked = 0, be = 0, nl = 0;
  bool seen[KW_PROV__COUNT] = {false};
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    char *country = strtok(line, ";"), *code = strtok(NULL, ";"),
         *key = strtok(NULL, ";"), *town = strtok(NULL, ";\n");
    assert_non_null(town);
    kw_country c = strcmp(country, "NL") == 0 ? KW_COUNTRY_NL : KW_COUNTRY_BE;
    kw_province p = kw_postcode_province(code, c);
    if (strcmp(kw_province_key(p), key) != 0)
      fail_msg("%s %s (%s): got %s, source says %s", country, code, town,
               kw_province_key(p), key);
    seen[p] = true;
    checked++;
    if (c == KW_COUNTRY_BE) be++;
    else nl++;
  }
  fclose(f);
  assert_true(be >= 40 && nl >= 60);
  for (int p = 1; p < KW_PROV__COUNT; p++)
    if (!seen[p]) fail_msg("no source fact for %s", kw_province_key(p));
  (void)checked;
}

static void test_postcode_forms(void **state) {
  (void)state;
  assert_int_equal(kw_postcode_province("2000", KW_COUNTRY_AUTO),
                   KW_PROV_BE_ANTWERP);
  assert_int_equal(kw_postcode_province("2000", KW_COUNTRY_NL),
                   KW_PROV_NL_NORTH_HOLLAND); /* Haarlem */
  assert_int_equal(kw_postcode_province("B-9000", KW_COUNTRY_NL),
                   KW_PROV_BE_EAST_FLANDERS);
  assert_int_equal(kw_postcode_province(" BE 3500 ", KW_COUNTRY_AUTO),
                   KW_PROV_BE_LIMBURG);
  assert_int_equal(kw_postcode_province("3511AB", KW_COUNTRY_AUTO),
                   KW_PROV_NL_UTRECHT);
  assert_int_equal(kw_postcode_province("NL-6211 LK", KW_COUNTRY_AUTO),
                   KW_PROV_NL_LIMBURG);
  assert_int_equal(kw_postcode_province("nl 9711", KW_COUNTRY_AUTO),
                   KW_PROV_NL_GRONINGEN);
  static const char *const bad[] = {"", "999", "0999", "12345", "20O0",
                                    "ABCD", "2000 ABC", "BE-1011 AB", NULL};
  for (int i = 0; bad[i]; i++)
    if (kw_postcode_province(bad[i], KW_COUNTRY_AUTO) != KW_PROV_UNKNOWN)
      fail_msg("'%s' should be unknown", bad[i]);
  assert_int_equal(kw_postcode_province(NULL, KW_COUNTRY_AUTO),
                   KW_PROV_UNKNOWN);
  /* regions */
  assert_int_equal(kw_province_region(KW_PROV_BE_BRUSSELS), KW_REGION_BRUSSELS);
  assert_int_equal(kw_province_region(KW_PROV_BE_FLEMISH_BRABANT),
                   KW_REGION_FLANDERS);
  assert_int_equal(kw_province_region(KW_PROV_BE_WALLOON_BRABANT),
                   KW_REGION_WALLONIA);
  assert_int_equal(kw_province_region(KW_PROV_BE_LIEGE), KW_REGION_WALLONIA);
  assert_int_equal(kw_province_region(KW_PROV_NL_ZEELAND),
                   KW_REGION_NETHERLANDS);
  /* every four-digit code of both countries has a province */
  char buf[8];
  for (int v = 1000; v <= 9999; v++) {
    snprintf(buf, sizeof buf, "%d", v);
    assert_int_not_equal(kw_postcode_province(buf, KW_COUNTRY_BE),
                         KW_PROV_UNKNOWN);
    assert_int_not_equal(kw_postcode_province(buf, KW_COUNTRY_NL),
                         KW_PROV_UNKNOWN);
  }
}

/* -------------------------------------------------------------- k-means */

/* Adjusted Rand index (Hubert & Arabie 1985) of two labellings. */
static double ari(const uint32_t *a, const uint32_t *b, size_t n, size_t ka,
                  size_t kb) {
  double *t = calloc(ka * kb, sizeof *t), *ra = calloc(ka, sizeof *ra),
         *cb = calloc(kb, sizeof *cb);
  for (size_t i = 0; i < n; i++) {
    t[a[i] * kb + b[i]]++;
    ra[a[i]]++;
    cb[b[i]]++;
  }
#define C2(x) ((x) * ((x) - 1) / 2.0)
  double sij = 0, sa = 0, sb = 0;
  for (size_t i = 0; i < ka * kb; i++) sij += C2(t[i]);
  for (size_t i = 0; i < ka; i++) sa += C2(ra[i]);
  for (size_t j = 0; j < kb; j++) sb += C2(cb[j]);
  double expected = sa * sb / C2((double)n), mx = (sa + sb) / 2;
#undef C2
  free(t);
  free(ra);
  free(cb);
  return (sij - expected) / (mx - expected);
}

static void test_ari_by_hand(void **state) {
  (void)state;
  /* identical up to renaming: 1. A small case worked out by hand:
   * a = {0,0,0,1,1,1}, b = {1,1,0,0,2,2}: n_ij = 2, 1, 1, 2, so
   * sum C(n_ij,2) = 1 + 1 = 2, sum_a = 3 + 3 = 6, sum_b = 1 + 1 + 1 =
   * 3, expected 6 x 3 / 15 = 1.2, max 4.5: (2 - 1.2) / (4.5 - 1.2) */
  uint32_t a[] = {0, 0, 0, 1, 1, 1}, b[] = {1, 1, 0, 0, 2, 2},
           c[] = {1, 1, 1, 0, 0, 0};
  assert_float_equal(ari(a, c, 6, 2, 2), 1.0, 1e-12);
  assert_float_equal(ari(a, b, 6, 2, 3), 0.8 / 3.3, 1e-12);
}

static double gauss(uint64_t *s) {
  double u[2];
  for (int i = 0; i < 2; i++) {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    u[i] = ((double)(*s >> 11) + 0.5) / 9007199254740992.0;
  }
  return sqrt(-2 * log(u[0])) * cos(2 * M_PI * u[1]);
}

static void test_kmeans_known_groups(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  enum { G = 4, PER = 250, D = 3 };
  static const double centre[G][D] = {
      {0, 0, 0}, {6, 0, 0}, {0, 6, 0}, {0, 0, 6}};
  double *x = malloc(G * PER * D * sizeof *x);
  uint32_t *truth = malloc(G * PER * sizeof *truth);
  uint64_t s = 88172645463325252ULL;
  for (size_t g = 0, r = 0; g < G; g++)
    for (size_t i = 0; i < PER; i++, r++) {
      truth[r] = (uint32_t)g;
      for (size_t j = 0; j < D; j++) x[r * D + j] = centre[g][j] + gauss(&s);
    }
  kw_kmeans_options o;
  kw_kmeans_options_init(&o);
  o.k = G;
  o.seed = 7;
  kw_kmeans_result r1, r2;
  assert_int_equal(kw_kmeans(ctx, x, G * PER, D, &o, &r1), KW_OK);
  double a = ari(truth, r1.label, G * PER, G, G);
  /* blobs 6 sd apart overlap in about 0.1% of the rows */
  assert_true(a > 0.98);
  assert_true(r1.converged);
  /* deterministic for a seed */
  assert_int_equal(kw_kmeans(ctx, x, G * PER, D, &o, &r2), KW_OK);
  assert_memory_equal(r1.label, r2.label, G * PER * sizeof *r1.label);
  assert_true(r1.inertia == r2.inertia);
  kw_kmeans_result_free(ctx, &r2);
  /* the silhouette of a good clustering is high, of a wrong k lower */
  double s4 = kw_silhouette(x, D, r1.label, G, NULL, G * PER);
  o.k = 2;
  assert_int_equal(kw_kmeans(ctx, x, G * PER, D, &o, &r2), KW_OK);
  double s2 = kw_silhouette(x, D, r2.label, 2, NULL, G * PER);
  assert_true(s4 > 0.5 && s4 > s2);
  kw_kmeans_result_free(ctx, &r1);
  kw_kmeans_result_free(ctx, &r2);
  /* bad k */
  o.k = 0;
  assert_int_equal(kw_kmeans(ctx, x, 10, D, &o, &r1), KW_EARG);
  o.k = 11;
  assert_int_equal(kw_kmeans(ctx, x, 10, D, &o, &r1), KW_EARG);
  free(x);
  free(truth);
  kw_context_free(ctx);
}

/* Same initial centres as the numpy Lloyd reference
 * (tests/reference/kmeans_lloyd_ref.py): the same inertia and sizes. */
static void test_kmeans_reference(void **state) {
  (void)state;
  FILE *f = fopen(KW_TEST_DATA "/segments/kmeans_ref.txt", "r");
  assert_non_null(f);
  size_t n, d, k;
  assert_int_equal(fscanf(f, "%zu %zu %zu", &n, &d, &k), 3);
  double *init = malloc(k * d * sizeof *init), *x = malloc(n * d * sizeof *x);
  for (size_t i = 0; i < k * d; i++) assert_int_equal(fscanf(f, "%lf", &init[i]), 1);
  for (size_t i = 0; i < n * d; i++) assert_int_equal(fscanf(f, "%lf", &x[i]), 1);
  double inertia;
  size_t iters, sizes[16];
  assert_int_equal(fscanf(f, " inertia %lf iterations %zu sizes", &inertia,
                          &iters), 2);
  for (size_t j = 0; j < k; j++) assert_int_equal(fscanf(f, "%zu", &sizes[j]), 1);
  fclose(f);
  kw_context *ctx = kw_context_new();
  kw_kmeans_options o;
  kw_kmeans_options_init(&o);
  o.k = k;
  o.init = init;
  kw_kmeans_result r;
  assert_int_equal(kw_kmeans(ctx, x, n, d, &o, &r), KW_OK);
  if (fabs(r.inertia - inertia) > 1e-9 * inertia)
    fail_msg("inertia %.17g, reference %.17g", r.inertia, inertia);
  assert_int_equal(r.iterations, iters);
  for (size_t j = 0; j < k; j++) assert_int_equal(r.size[j], sizes[j]);
  kw_kmeans_result_free(ctx, &r);
  free(init);
  free(x);
  kw_context_free(ctx);
}

static void test_silhouette_by_hand(void **state) {
  (void)state;
  /* 1-D: {0, 1} and {10, 11}. Row 0: a = 1, b = (10 + 11) / 2 = 10.5,
   * s = 1 - 1/10.5; row 1: a = 1, b = (9 + 10) / 2 = 9.5, s = 1 - 1/9.5;
   * rows 2, 3 mirror them. A singleton counts 0. */
  double x[] = {0, 1, 10, 11, 30};
  uint32_t lab[] = {0, 0, 1, 1, 2};
  double want = ((1 - 1 / 10.5) + (1 - 1 / 9.5)) / 2;
  assert_float_equal(kw_silhouette(x, 1, lab, 2, NULL, 4), want, 1e-12);
  double w5 = kw_silhouette(x, 1, lab, 3, NULL, 5);
  /* with the singleton 30: b of rows 0..3 may change to cluster 2 only if
   * closer; they are not, so four values as before and a 0 */
  assert_float_equal(w5, 4 * want / 5, 1e-12);
  uint32_t idx[] = {0, 1, 2, 3};
  assert_float_equal(kw_silhouette(x, 1, lab, 3, idx, 4), want, 1e-12);
  assert_true(isnan(kw_silhouette(x, 1, lab, 1, NULL, 5)));
}

/* ---------------------------------------------------- the small-group rule */

static void test_small_groups(void **state) {
  (void)state;
  /* segments and clusters merge small groups through the library's one
   * rule (kw_groups_compute_codes); the cases the segment table relies
   * on, worked out by hand */
  kw_context *ctx = kw_context_new();
  kw_groups_options go;
  kw_groups_options_init(&go);
  assert_int_equal(go.min_group, 5);
  /* codes with 10, 3, 1, 7, 2 customers: 3 + 1 + 2 = 6 go to "other" */
  uint32_t code[23];
  size_t k = 0;
  size_t cnt[] = {10, 3, 1, 7, 2};
  for (uint32_t c = 0; c < 5; c++)
    for (size_t i = 0; i < cnt[c]; i++) code[k++] = c;
  kw_groups *g = NULL;
  assert_int_equal(kw_groups_compute_codes(ctx, code, k, 5, NULL, NULL, &go,
                                           &g),
                   KW_OK);
  const kw_groups_data *v = kw_groups_view(g);
  assert_int_equal(v->n, 3);
  assert_int_equal(v->kind[2], KW_GROUP_OTHER);
  assert_int_equal(v->size[0], 10);
  assert_int_equal(v->size[1], 7);
  assert_int_equal(v->size[2], 6);
  assert_int_equal(v->code[0], 0);   /* a customer of code 0 */
  assert_int_equal(v->code[13], 2);  /* code 2 (the one customer) */
  assert_int_equal(v->code[14], 1);  /* code 3 */
  assert_int_equal(v->code[22], 2);  /* code 4 */
  kw_groups_free(g);
  /* 10, 8, 2: "other" would hold 2 customers: they are left out */
  k = 0;
  size_t cnt2[] = {10, 8, 2};
  for (uint32_t c = 0; c < 3; c++)
    for (size_t i = 0; i < cnt2[c]; i++) code[k++] = c;
  assert_int_equal(kw_groups_compute_codes(ctx, code, k, 3, NULL, NULL, &go,
                                           &g),
                   KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n, 2);
  assert_int_equal(v->left_out, 2);
  assert_int_equal(v->code[19], KW_NA_ID);
  kw_groups_free(g);
  /* 4 customers in all: an "other" of 4 would be shown alone: no group */
  k = 0;
  for (uint32_t c = 0; c < 4; c++) code[k++] = c;
  assert_int_equal(kw_groups_compute_codes(ctx, code, k, 4, NULL, NULL, &go,
                                           &g),
                   KW_OK);
  v = kw_groups_view(g);
  assert_int_equal(v->n, 0);
  for (size_t i = 0; i < 4; i++) assert_int_equal(v->code[i], KW_NA_ID);
  kw_groups_free(g);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------ fit profile */

static void test_fit_profile(void **state) {
  (void)state;
  kw_context *ctx = kw_context_new();
  const char *ok = "# ideal\nsector = Bouw, Industrie\nregio = Vlaanderen\n"
                   "min_margin = 25%\nmax_days_late = 15\nweight.sector = 2\n";
  kw_fit_profile *p = NULL;
  assert_int_equal(kw_fit_profile_parse(ctx, ok, strlen(ok), "p.txt", &p),
                   KW_OK);
  assert_true(p->set[KW_FIT_SECTOR] && p->set[KW_FIT_REGION]);
  assert_int_equal(p->nvalues[KW_FIT_SECTOR], 2);
  assert_string_equal(p->values[KW_FIT_SECTOR][1], "Industrie");
  assert_float_equal(p->number[KW_FIT_MIN_MARGIN], 0.25, 1e-12);
  assert_float_equal(p->weight[KW_FIT_SECTOR], 2, 0);
  assert_float_equal(p->weight[KW_FIT_REGION], 1, 0);
  kw_fit_profile_free(p);
  const char *bad[] = {"sector = Bouw\ncolour = blue\n", "min_margin = veel\n",
                       "sector\n", "# nothing\n", "weight.sector = -1\n"};
  const char *where[] = {"p.txt:2:", "p.txt:1:", "p.txt:1:", "p.txt",
                         "p.txt:1:"};
  for (size_t i = 0; i < 5; i++) {
    p = NULL;
    assert_int_equal(kw_fit_profile_parse(ctx, bad[i], strlen(bad[i]), "p.txt",
                                          &p),
                     KW_EINPUT);
    assert_null(p);
    assert_non_null(strstr(kw_errmsg(ctx), where[i]));
  }
  /* the template reads back */
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  assert_int_equal(kw_fit_profile_template(ctx, KW_LANG_NL, m), KW_OK);
  fclose(m);
  assert_int_equal(kw_fit_profile_parse(ctx, buf, len, "template", &p), KW_OK);
  assert_true(p->set[KW_FIT_REGION] && p->set[KW_FIT_MIN_ORDERS]);
  kw_fit_profile_free(p);
  free(buf);
  kw_fit_profile_free(NULL);
  kw_context_free(ctx);
}

/* ----------------------------------------------------------- end to end */

static void quiet(void *u, kw_log_level l, const char *m) {
  (void)u, (void)l, (void)m;
}

static void test_segments_demo(void **state) {
  (void)state;
  char dir[] = "/tmp/kw_seg_XXXXXX";
  assert_non_null(mkdtemp(dir));
  kw_context *ctx = kw_context_new();
  kw_context_set_log(ctx, quiet, NULL);
  kw_demo_options d;
  kw_demo_options_init(&d);
  d.customers = 400;
  d.seed = 5;
  d.dir = dir;
  assert_int_equal(kw_demo_generate(ctx, &d), KW_OK);
  kw_load_options lo;
  kw_load_options_init(&lo);
  lo.dir = dir;
  kw_dataset *ds = NULL;
  assert_int_equal(kw_dataset_load(ctx, &lo, &ds), KW_OK);
  const char *prof = "sector = Bouw\nregion = flanders\n";
  kw_fit_profile *fp = NULL;
  assert_int_equal(kw_fit_profile_parse(ctx, prof, strlen(prof), "p", &fp),
                   KW_OK);
  kw_analyze_options ao;
  kw_analyze_options_init(&ao);
  ao.fit = fp;
  kw_analysis *a = NULL;
  assert_int_equal(kw_analyze_run(ctx, ds, &ao, &a), KW_OK);
  assert_non_null(a->seg);
  /* every rule segment, crossed too, has at least 5 customers; shares
   * add up; "other" only last */
  for (int by = 0; by < KW_SEG__COUNT; by++) {
    kw_segments_options so;
    kw_segments_options_init(&so);
    so.by = (kw_seg_attr)by;
    so.cross = KW_SEG_VALUE;
    so.clusters = by == KW_SEG_CLUSTER;
    kw_segments *sg = NULL;
    assert_int_equal(kw_segments_run(ctx, a, &so, &sg), KW_OK);
    size_t n;
    const kw_segment_row *r = kw_segments_rows(sg, &n);
    size_t cust = 0;
    double share = 0;
    for (size_t i = 0; i < n; i++) {
      assert_true(r[i].customers >= 5);
      if (strcmp(r[i].key, "other") == 0) assert_int_equal(i, n - 1);
      cust += r[i].customers;
      share += r[i].share_revenue;
    }
    /* customers of an "other" below 5 are left out of the groups only */
    assert_true(cust <= kw_segments_total(sg)->customers &&
                cust + 5 > kw_segments_total(sg)->customers);
    assert_true(share <= 1.0 + 1e-9);
    kw_segments_free(sg);
  }
  /* personas: size >= 5, traits of >= 5 customers, shares <= 1 */
  size_t np;
  const kw_persona *ps = kw_segments_personas(a->seg, &np);
  const kw_cluster_info *ci = kw_segments_clusters(a->seg);
  assert_true(ci->k >= 3 && ci->k <= 8);
  assert_true(np >= 2);
  size_t comments = 0;
  for (size_t q = 0; q < np; q++) {
    assert_true(ps[q].customers >= 5);
    for (size_t t = 0; t < ps[q].n_traits; t++)
      assert_true(ps[q].traits[t].count >= 5);
    /* comment themes: at least 5 of the cluster's comments each, most
     * first, no more comments than the cluster's customers wrote */
    assert_true(ps[q].comments <= ps[q].customers);
    comments += ps[q].comments;
    assert_true(ps[q].n_themes <= KW_PERSONA_THEMES);
    for (size_t t = 0; t < ps[q].n_themes; t++) {
      assert_true(ps[q].themes[t].count >= 5);
      assert_true(ps[q].themes[t].count <= ps[q].comments);
      if (t) assert_true(ps[q].themes[t].count <= ps[q].themes[t - 1].count);
    }
  }
  /* every comment of a clustered customer is counted once */
  const kw_fb_themes *fth = kw_feedback_themes_view(kw_analysis_feedback(a));
  assert_non_null(fth);
  assert_true(comments > 0 && comments <= fth->comments);
  /* the fit: customers in Bouw in Flanders fit 1 */
  size_t checked = 0;
  for (size_t i = 0; i < a->n; i++) {
    double f = kw_segments_customer_fit(a->seg, i);
    if (isnan(f)) continue;
    assert_true(f >= 0 && f <= 1);
    kw_action_input in;
    kw_analysis_input(a, i, &in);
    assert_float_equal(in.m[KW_METRIC_FIT], f, 0);
    checked++;
  }
  assert_true(checked > 300);
  /* the same seed, the same clusters */
  kw_segments_options so;
  kw_segments_options_init(&so);
  kw_segments *s2 = NULL;
  assert_int_equal(kw_segments_run(ctx, a, &so, &s2), KW_OK);
  for (size_t i = 0; i < a->n; i++)
    assert_int_equal(kw_segments_customer_cluster(s2, i),
                     kw_segments_customer_cluster(a->seg, i));
  kw_segments_free(s2);
  kw_analysis_free(a);
  kw_fit_profile_free(fp);
  kw_dataset_free(ds);
  kw_context_free(ctx);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  assert_int_equal(system(cmd), 0);
}

/* The action plan invests where fit and potential meet (built-in rule 11,
 * index 10): only with a profile, never for a customer who left. */
static void test_fit_invest_rule(void **state) {
  (void)state;
  const kw_action_rules *r = kw_action_rules_builtin();
  kw_action_input in;
  kw_action_input_init(&in);
  size_t rule;
  in.m[KW_METRIC_FIT] = 0.8;
  in.m[KW_METRIC_POTENTIAL] = 0.6;
  in.m[KW_METRIC_VALUE] = 0.3;
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_CLV] = 1234;
  in.m[KW_METRIC_NEXT_BEST] = 1;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_INVEST);
  assert_int_equal(rule, 10);
  char buf[256];
  kw_action_reason(buf, sizeof buf, r, rule, &in, KW_LANG_EN, "EUR");
  assert_string_equal(buf, "Strategic fit 80% and potential (top 40%): "
                           "expected to bring \u20ac1,234; worth investing in "
                           "before it is a top customer.");
  /* fit exactly 0.67 still fits; 0.66 does not: develop */
  in.m[KW_METRIC_FIT] = 0.67;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_INVEST);
  in.m[KW_METRIC_FIT] = 0.66;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_DEVELOP);
  /* no profile: develop, as without the rule */
  in.m[KW_METRIC_FIT] = NAN;
  assert_int_equal(kw_action_decide(r, &in, &rule), KW_ACTION_DEVELOP);
  /* a good fit that left is not invested in */
  in.m[KW_METRIC_FIT] = 0.9;
  in.m[KW_METRIC_STATUS] = 3;
  assert_int_not_equal(kw_action_decide(r, &in, &rule), KW_ACTION_INVEST);
  /* low potential: not */
  in.m[KW_METRIC_STATUS] = 1;
  in.m[KW_METRIC_POTENTIAL] = 0.4;
  assert_int_not_equal(kw_action_decide(r, &in, &rule), KW_ACTION_INVEST);
}

/* The names a region criterion accepts are the message table's names of
 * the provinces and regions, in English and in Dutch, word for word. */
static void test_region_names_match_table(void **state) {
  (void)state;
  char key[64];
  for (int p = 0; p < KW_PROV__COUNT; p++) {
    snprintf(key, sizeof key, "province.%s", kw_province_key((kw_province)p));
    assert_string_equal(kw_fit_province_names[p][0],
                        kw_message(key, KW_LANG_EN));
    assert_string_equal(kw_fit_province_names[p][1],
                        kw_message(key, KW_LANG_NL));
  }
  for (int r = 0; r < KW_REGION__COUNT; r++) {
    snprintf(key, sizeof key, "region.%s", kw_region_key((kw_region)r));
    assert_string_equal(kw_fit_region_names[r][0], kw_message(key, KW_LANG_EN));
    assert_string_equal(kw_fit_region_names[r][1], kw_message(key, KW_LANG_NL));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_postcodes_source),
      cmocka_unit_test(test_postcode_forms),
      cmocka_unit_test(test_ari_by_hand),
      cmocka_unit_test(test_kmeans_known_groups),
      cmocka_unit_test(test_kmeans_reference),
      cmocka_unit_test(test_silhouette_by_hand),
      cmocka_unit_test(test_small_groups),
      cmocka_unit_test(test_fit_invest_rule),
      cmocka_unit_test(test_fit_profile),
      cmocka_unit_test(test_segments_demo),
      cmocka_unit_test(test_region_names_match_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
