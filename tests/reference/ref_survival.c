/*
 * Reference tests for Kaplan–Meier and the log-rank test on public data
 * (../shared/data, see its README.md):
 *   - lifelines_km/g3.csv: S(t) of both groups as R's survfit gives them
 *     (lifelines' test_kmf_survival_curve_output_against_R, rtol 1e-2);
 *   - lifelines_km/dd.csv: the lifelines docs ("Survival analysis with
 *     lifelines"): 1808 observations, 340 censored, median 4; democratic
 *     median 3, non-democratic 6; log-rank democratic vs not 260.47
 *     (lifelines docs at commit 84ce061a);
 *   - telco_churn: tenure (months) and Churn == Yes by Contract, checked
 *     against a second, direct computation from the raw rows in this file
 *     (product of 1 - d/n over integer months, at-risk counts by counting,
 *     and a 3-group log-rank with an explicit 2x2 inverse); churn drivers
 *     on the same file: churn rate per contract type against direct
 *     counts, and the signs and discrimination of the logistic model.
 * Each test skips when its file is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/dict.h"
#include "klantwijs.h"
#include "klantwijs/retention.h"
#include "klantwijs/survival.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* ------------------------------------------------------- tiny CSV reader */

typedef struct csv {
  char *buf;
  char *p;
} csv;

static bool csv_open(csv *c, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", KW_SHARED_DATA, name);
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  c->buf = malloc((size_t)n + 1);
  assert_non_null(c->buf);
  assert_int_equal(fread(c->buf, 1, (size_t)n, f), (size_t)n);
  c->buf[n] = 0;
  fclose(f);
  c->p = c->buf;
  return true;
}

/* Split the next line into at most max fields (quotes honoured, fields
 * NUL-terminated in place). Returns the field count, -1 at the end. */
static int csv_row(csv *c, char **f, int max) {
  if (!*c->p) return -1;
  int n = 0;
  char *w = c->p, *r = c->p;
  f[n++] = w;
  bool q = false;
  for (;; r++) {
    char ch = *r;
    if (q) {
      if (ch == '"' && r[1] == '"') {
        *w++ = '"';
        r++;
      } else if (ch == '"') {
        q = false;
      } else if (ch == 0) {
        break;
      } else {
        *w++ = ch;
      }
      continue;
    }
    if (ch == '"') {
      q = true;
    } else if (ch == ',') {
      *w++ = 0;
      if (n < max) f[n++] = w;
    } else if (ch == '\n' || ch == '\r' || ch == 0) {
      break;
    } else {
      *w++ = ch;
    }
  }
  while (*r == '\r' || *r == '\n') r++; /* before w may overwrite them */
  *w = 0;
  c->p = r;
  return n;
}

#define SKIP_IF_ABSENT(c, name)                                   \
  do {                                                            \
    if (!csv_open(&(c), name)) {                                  \
      print_message("skipped: %s/%s absent\n", KW_SHARED_DATA, name); \
      skip();                                                     \
    }                                                             \
  } while (0)

/* ------------------------------------------------------------------- g3 */

static void test_g3(void **state) {
  (void)state;
  csv c;
  SKIP_IF_ABSENT(c, "lifelines_km/g3.csv");
  char *f[16];
  double dur[64];
  int8_t ev[64];
  uint32_t grp[64];
  size_t n = 0;
  csv_row(&c, f, 16); /* header */
  while (csv_row(&c, f, 16) == 7) {
    assert_true(n < 64);
    grp[n] = strcmp(f[4], "RIT") == 0 ? 0 : 1;
    ev[n] = strcmp(f[5], "True") == 0;
    dur[n] = atof(f[6]);
    n++;
  }
  free(c.buf);
  assert_int_equal(n, 17);
  kw_context *ctx = kw_context_new();
  const char *names[] = {"RIT", "Control"};
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, dur, ev, n, grp, 2, names, NULL, &km),
                   KW_OK);
  /* R: RIT S(25) = 0.909, S(53) = 0.779 (10/11, 10/11 * 6/7);
   * Control S(9), S(19), S(32), S(34) = 0.833, 0.667, 0.5, 0.333 */
  const struct {
    size_t g;
    double t, s;
  } ref[] = {{0, 25, 0.909}, {0, 53, 0.779}, {1, 9, 0.833},
             {1, 19, 0.667}, {1, 32, 0.5},   {1, 34, 0.333}};
  for (size_t i = 0; i < sizeof ref / sizeof *ref; i++) {
    double s;
    assert_true(kw_km_survival_at(km, ref[i].g, ref[i].t, &s, NULL, NULL));
    assert_true(fabs(s - ref[i].s) <= 1e-2 * ref[i].s);
  }
  double s;
  kw_km_survival_at(km, 0, 53, &s, NULL, NULL);
  NEAR(s, 60.0 / 77, 1e-14);
  /* the control curve is exactly 1/2 at 32: lifelines' median is 32 */
  const kw_km_median *m = kw_km_group_median(km, 1);
  assert_true(m->median_reached);
  NEAR(m->median, 32, 0);
  assert_false(kw_km_group_median(km, 0)->median_reached);
  kw_km_free(km);
  kw_context_free(ctx);
}

/* ------------------------------------------------------------------- dd */

static void test_dd(void **state) {
  (void)state;
  csv c;
  SKIP_IF_ABSENT(c, "lifelines_km/dd.csv");
  char *f[32];
  size_t cap = 4096, n = 0;
  double *dur = malloc(cap * sizeof *dur);
  int8_t *ev = malloc(cap);
  uint32_t *dem = malloc(cap * sizeof *dem);
  csv_row(&c, f, 32);
  int k;
  while ((k = csv_row(&c, f, 32)) > 0) {
    assert_int_equal(k, 12);
    assert_true(n < cap);
    dur[n] = atof(f[10]);
    ev[n] = (int8_t)atoi(f[11]);
    dem[n] = strcmp(f[7], "Democracy") == 0 ? 0 : 1;
    n++;
  }
  free(c.buf);
  assert_int_equal(n, 1808);
  kw_context *ctx = kw_context_new();
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, dur, ev, n, NULL, 0, NULL, NULL, &km),
                   KW_OK);
  const kw_km_curve *cv = kw_km_group_curve(km, 0);
  assert_int_equal(cv->n, 1808);
  assert_int_equal(cv->n - cv->n_events, 340); /* "340 censored" */
  const kw_km_median *m = kw_km_group_median(km, 0);
  assert_true(m->median_reached);
  NEAR(m->median, 4.0, 0);
  /* the interval around the median brackets it */
  assert_true(m->lower_reached && m->upper_reached);
  assert_true(m->lower <= 4.0 && m->upper >= 4.0);
  kw_km_free(km);

  const char *names[] = {"Democracy", "Non-democracy"};
  assert_int_equal(kw_km_fit(ctx, dur, ev, n, dem, 2, names, NULL, &km),
                   KW_OK);
  NEAR(kw_km_group_median(km, 0)->median, 3, 0);
  NEAR(kw_km_group_median(km, 1)->median, 6, 0);
  const kw_logrank *lr = kw_km_logrank(km);
  assert_true(lr->computed);
  NEAR(lr->df, 1, 0);
  NEAR(lr->chi2, 260.47, 0.005); /* printed to 2 decimals in the docs */
  assert_true(lr->p_value < 1e-40);
  kw_km_free(km);
  kw_context_free(ctx);
  free(dur);
  free(ev);
  free(dem);
}

/* ---------------------------------------------------------------- telco */

#define TMAX 72

static void test_telco(void **state) {
  (void)state;
  csv c;
  SKIP_IF_ABSENT(c, "telco_churn/Telco-Customer-Churn.csv");
  char *f[32];
  size_t cap = 8000, n = 0;
  double *dur = malloc(cap * sizeof *dur);
  int8_t *ev = malloc(cap);
  uint32_t *grp = malloc(cap * sizeof *grp);
  const char *names[] = {"Month-to-month", "One year", "Two year"};
  /* raw counts per group and month: events and all subjects */
  static uint64_t dcount[3][TMAX + 1], ncount[3][TMAX + 1];
  memset(dcount, 0, sizeof dcount);
  memset(ncount, 0, sizeof ncount);
  csv_row(&c, f, 32);
  int k;
  while ((k = csv_row(&c, f, 32)) > 0) {
    assert_int_equal(k, 21);
    assert_true(n < cap);
    int ten = atoi(f[5]);
    assert_true(ten >= 0 && ten <= TMAX);
    uint32_t g = 3;
    for (uint32_t j = 0; j < 3; j++)
      if (strcmp(f[15], names[j]) == 0) g = j;
    assert_true(g < 3);
    int8_t e = strcmp(f[20], "Yes") == 0;
    dur[n] = ten;
    ev[n] = e;
    grp[n] = g;
    dcount[g][ten] += (uint64_t)e;
    ncount[g][ten]++;
    n++;
  }
  free(c.buf);
  assert_int_equal(n, 7043);
  uint64_t churn = 0;
  for (size_t i = 0; i < n; i++) churn += (uint64_t)ev[i];
  assert_int_equal(churn, 1869);

  kw_context *ctx = kw_context_new();
  const double at[] = {0, 1, 12, 24, 36, 48, 60, 72};
  kw_km_options o;
  kw_km_options_init(&o);
  o.at_times = at;
  o.n_at_times = sizeof at / sizeof *at;
  kw_km *km = NULL;
  assert_int_equal(kw_km_fit(ctx, dur, ev, n, grp, 3, names, &o, &km), KW_OK);

  /* second computation: at risk at month u = sum of subjects with tenure
   * >= u; S(t) = prod over u <= t of (1 - d_u / n_u) */
  for (size_t g = 0; g < 3; g++) {
    double S = 1.0, median = -1;
    uint64_t atrisk[TMAX + 2];
    atrisk[TMAX + 1] = 0;
    for (int u = TMAX; u >= 0; u--) atrisk[u] = atrisk[u + 1] + ncount[g][u];
    for (int u = 0; u <= TMAX; u++) {
      if (dcount[g][u])
        S *= 1.0 - (double)dcount[g][u] / (double)atrisk[u];
      double s;
      assert_true(kw_km_survival_at(km, g, u, &s, NULL, NULL));
      NEAR(s, S, 1e-12);
      if (median < 0 && S <= 0.5) median = u;
    }
    const kw_km_median *m = kw_km_group_median(km, g);
    assert_int_equal(m->median_reached, median >= 0);
    if (median >= 0) NEAR(m->median, median, 0);
    /* at-risk table: tenure > t, events and censorings with tenure <= t */
    const kw_km_at_risk *r = kw_km_group_at_risk(km, g);
    for (size_t j = 0; j < o.n_at_times; j++) {
      int t = (int)at[j];
      uint64_t ev_le = 0, n_le = 0;
      for (int u = 0; u <= t; u++) {
        ev_le += dcount[g][u];
        n_le += ncount[g][u];
      }
      assert_int_equal(r->at_risk[j], atrisk[t + 1 <= TMAX ? t + 1 : TMAX + 1]);
      assert_int_equal(r->events[j], ev_le);
      assert_int_equal(r->censored[j], n_le - ev_le);
    }
  }
  /* month-to-month customers cross one half, two-year ones never do */
  assert_true(kw_km_group_median(km, 0)->median_reached);
  assert_false(kw_km_group_median(km, 2)->median_reached);

  /* log-rank, 3 groups: u = (O - E) of groups 0 and 1, V their 2x2
   * covariance, chi2 = u' V^-1 u with the explicit inverse */
  double O[3] = {0}, E[3] = {0}, V[2][2] = {{0}};
  for (int t = 0; t <= TMAX; t++) {
    double nr[3], N = 0, D = 0;
    for (int g = 0; g < 3; g++) {
      uint64_t a = 0;
      for (int u = t; u <= TMAX; u++) a += ncount[g][u];
      nr[g] = (double)a;
      N += nr[g];
      D += (double)dcount[g][t];
      O[g] += (double)dcount[g][t];
    }
    if (D == 0) continue;
    double w = D * (N - D) / (N - 1);
    for (int g = 0; g < 3; g++) E[g] += D * nr[g] / N;
    for (int a = 0; a < 2; a++)
      for (int b = 0; b < 2; b++)
        V[a][b] += w * nr[a] / N * ((a == b) - nr[b] / N);
  }
  double det = V[0][0] * V[1][1] - V[0][1] * V[1][0];
  double u0 = O[0] - E[0], u1 = O[1] - E[1];
  double chi2 =
      (u0 * (V[1][1] * u0 - V[0][1] * u1) + u1 * (V[0][0] * u1 - V[1][0] * u0)) /
      det;
  const kw_logrank *lr = kw_km_logrank(km);
  assert_true(lr->computed);
  NEAR(lr->df, 2, 0);
  NEAR(lr->chi2, chi2, 1e-8 * chi2);
  for (int g = 0; g < 3; g++) {
    NEAR(lr->observed[g], O[g], 0);
    NEAR(lr->expected[g], E[g], 1e-9 * E[g]);
  }
  assert_true(lr->p_value >= 0 && lr->p_value < 1e-100);
  kw_km_free(km);
  kw_context_free(ctx);
  free(dur);
  free(ev);
  free(grp);
}

/* Churn drivers on telco: Contract and InternetService (categorical),
 * tenure and MonthlyCharges (numeric). */
static void test_telco_drivers(void **state) {
  (void)state;
  csv c;
  SKIP_IF_ABSENT(c, "telco_churn/Telco-Customer-Churn.csv");
  kw_context *ctx = kw_context_new();
  kw_dict *dcon = kw_dict_new(ctx), *dnet = kw_dict_new(ctx);
  char *f[32];
  size_t cap = 8000, n = 0;
  int8_t *y = malloc(cap);
  uint32_t *con = malloc(cap * sizeof *con), *net = malloc(cap * sizeof *net);
  double *ten = malloc(cap * sizeof *ten), *chg = malloc(cap * sizeof *chg);
  uint64_t cnt[3] = {0}, chn[3] = {0};
  const char *names[] = {"Month-to-month", "One year", "Two year"};
  csv_row(&c, f, 32);
  while (csv_row(&c, f, 32) == 21) {
    assert_true(n < cap);
    y[n] = strcmp(f[20], "Yes") == 0;
    assert_int_equal(kw_dict_intern(ctx, dcon, f[15], strlen(f[15]), &con[n],
                                    NULL),
                     KW_OK);
    assert_int_equal(kw_dict_intern(ctx, dnet, f[8], strlen(f[8]), &net[n],
                                    NULL),
                     KW_OK);
    ten[n] = atof(f[5]);
    chg[n] = atof(f[18]);
    for (int g = 0; g < 3; g++)
      if (strcmp(f[15], names[g]) == 0) {
        cnt[g]++;
        chn[g] += (uint64_t)y[n];
      }
    n++;
  }
  free(c.buf);
  kw_column cols[4];
  memset(cols, 0, sizeof cols);
  cols[0].name = "Contract";
  cols[0].type = KW_TYPE_TEXT;
  cols[0].dict = dcon;
  cols[0].v.text = con;
  cols[1].name = "InternetService";
  cols[1].type = KW_TYPE_TEXT;
  cols[1].dict = dnet;
  cols[1].v.text = net;
  cols[2].name = "tenure";
  cols[2].type = KW_TYPE_NUMBER;
  cols[2].v.number = ten;
  cols[3].name = "MonthlyCharges";
  cols[3].type = KW_TYPE_NUMBER;
  cols[3].v.number = chg;
  const kw_column *fs[] = {&cols[0], &cols[1], &cols[2], &cols[3]};
  kw_churn_drivers *d = NULL;
  assert_int_equal(kw_churn_drivers_compute(ctx, y, n, fs, 4, NULL, &d), KW_OK);
  NEAR(kw_churn_drivers_churn_rate(d), 1869.0 / 7043, 1e-12);
  const kw_churn_driver_levels *L = kw_churn_drivers_levels_view(d, 0);
  assert_int_equal(L->n_levels, 3);
  for (size_t l = 0; l < 3; l++) {
    int g = -1;
    for (int k = 0; k < 3; k++)
      if (strcmp(L->level[l], names[k]) == 0) g = k;
    assert_true(g >= 0);
    assert_int_equal(L->n[l], cnt[g]);
    assert_int_equal(L->churned[l], chn[g]);
    NEAR(L->rate[l], (double)chn[g] / (double)cnt[g], 1e-15);
    assert_true(L->lower[l] < L->rate[l] && L->rate[l] < L->upper[l]);
  }
  /* month-to-month is the most frequent level, listed first */
  assert_string_equal(L->level[0], "Month-to-month");
  const kw_churn_driver_numeric *tn = kw_churn_drivers_numeric_view(d, 2);
  assert_true(tn->median_churned < tn->median_retained);
  const kw_churn_driver_model *M = kw_churn_drivers_model_view(d);
  assert_non_null(M);
  assert_int_equal(M->status, KW_OK);
  assert_true(M->auc > 0.75 && M->auc < 0.95);
  for (size_t t = 0; t < M->n_terms; t++) {
    if (strcmp(M->term[t], "tenure") == 0) assert_true(M->coef[t] < 0);
    if (strcmp(M->term[t], "Contract=Two year") == 0)
      assert_true(M->coef[t] < 0);
  }
  kw_churn_drivers_free(d);
  kw_dict_free(ctx, dcon);
  kw_dict_free(ctx, dnet);
  kw_context_free(ctx);
  free(y);
  free(con);
  free(net);
  free(ten);
  free(chg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_g3),
      cmocka_unit_test(test_dd),
      cmocka_unit_test(test_telco),
      cmocka_unit_test(test_telco_drivers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
