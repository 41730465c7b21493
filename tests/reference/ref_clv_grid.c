/*
 * Reference test: the customer-value predictions against high-precision
 * values over a wide grid of parameters.
 *
 * tests/data/clv/reference_grid.csv is written by
 * tests/reference/clv_grid.py (mpmath, 40 and 60 digits, the published
 * closed forms; see the script): E[X(t)] of a new customer, P(alive |
 * x, t_x, T) and E[Y(t) | x, t_x, T] for BG/NBD, MBG/NBD and Pareto/NBD
 * with a and b (BG/NBD family) from 1e-4 to 1e6, r and alpha over 4
 * decades, t up to 1e4, T up to 1e4 and x up to 1000, through the public
 * API (kw_clv_fit_from_params, kw_clv_population, kw_clv_p_alive,
 * kw_clv_expected).
 *
 * Tolerance: relative error at most REL_TOL for every point (values below
 * 1e-290 are compared with that absolute floor). A prediction the library
 * reports as not computable fails the test. The largest relative error per
 * model and quantity is printed.
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

#include "klantwijs.h"

#define REL_TOL 1e-9
#define FLOOR 1e-290

static const char *const qty_names[3] = {"pop", "alive", "cond"};

static void grid(void **state) {
  (void)state;
  FILE *f = fopen(KW_TEST_DATA "/clv/reference_grid.csv", "r");
  assert_non_null(f);
  kw_context *ctx = kw_context_new();
  assert_non_null(ctx);
  char line[512];
  double worst[3][3] = {{0}};
  char worst_line[3][3][160] = {{{0}}};
  size_t count[3][3] = {{0}}, bad = 0, rows = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || strncmp(line, "model,", 6) == 0) continue;
    char model[16], qty[16];
    double p[4], x, tx, T, t, ref;
    if (sscanf(line, "%15[^,],%15[^,],%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf",
               model, qty, &p[0], &p[1], &p[2], &p[3], &x, &tx, &T, &t,
               &ref) != 11) {
      print_error("bad line: %s", line);
      fail();
    }
    kw_clv_model m = kw_clv_model_from_name(model);
    int mi = m == KW_CLV_BGNBD ? 0 : m == KW_CLV_MBGNBD ? 1 : 2;
    int qi = strcmp(qty, "pop") == 0 ? 0 : strcmp(qty, "alive") == 0 ? 1 : 2;
    kw_clv_fit *fit = NULL;
    assert_int_equal(kw_clv_fit_from_params(ctx, m, p, &fit), KW_OK);
    double v = NAN;
    kw_status st;
    if (qi == 0) st = kw_clv_population(ctx, fit, t, &v);
    else if (qi == 1) st = kw_clv_p_alive(ctx, fit, &x, &tx, &T, 1, &v);
    else st = kw_clv_expected(ctx, fit, &x, &tx, &T, 1, t, &v);
    kw_clv_fit_free(fit);
    rows++;
    double err;
    if (st != KW_OK) {
      err = INFINITY;
      print_message("%s %s: not computable: %s\n", model, qty,
                    kw_errmsg(ctx));
    } else {
      err = fabs(v - ref) / fmax(fabs(ref), FLOOR);
    }
    count[mi][qi]++;
    if (!(err <= worst[mi][qi])) {
      worst[mi][qi] = err;
      snprintf(worst_line[mi][qi], sizeof worst_line[mi][qi],
               "at r=%.4g alpha=%.4g %s=%.4g %s=%.4g x=%g t_x=%.4g T=%.4g "
               "t=%.4g", p[0], p[1], mi == 2 ? "s" : "a", p[2],
               mi == 2 ? "beta" : "b", p[3], x, tx, T, t);
    }
    if (!(err <= REL_TOL)) {
      bad++;
      print_message("%s %s r=%.17g alpha=%.17g a=%.17g b=%.17g x=%g t_x=%.17g "
                    "T=%.17g t=%.17g: %.17g, reference %.17g (rel %.3g)\n",
                    model, qty, p[0], p[1], p[2], p[3], x, tx, T, t, v, ref,
                    err);
    }
  }
  fclose(f);
  kw_context_free(ctx);
  static const char *const mn[3] = {"bgnbd", "mbgnbd", "pnbd"};
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      if (count[i][j])
        print_message("%-6s %-5s %4zu points, largest relative error %.3g "
                      "%s\n", mn[i], qty_names[j], count[i][j], worst[i][j],
                      worst_line[i][j]);
  assert_true(rows >= 120);
  assert_int_equal(bad, 0);
}

/*
 * G(b; c; z) = 2F1(1, b; c; z) and d log G / d(b, c, z), the function the
 * Pareto/NBD likelihood and its gradient are written with, against
 * tests/data/clv/reference_hyp.csv (tests/reference/clv_grid.py --hyp:
 * mpmath's hyp2f1 and mpmath.diff) at 1 - z from 1e-6 to 1e-2, b near 1,
 * small and large c and c - b - 1 near whole numbers, through the
 * internal entry the model uses (eps = 1 - z given exactly). Tolerance:
 * log G within HYP_TOL (so G within HYP_TOL relative), each derivative
 * within HYP_TOL * max(1, |reference|).
 */
#include "models/clv/clv.h"

#define HYP_TOL 1e-9

static void hyp_grid(void **state) {
  (void)state;
  FILE *f = fopen(KW_TEST_DATA "/clv/reference_hyp.csv", "r");
  assert_non_null(f);
  char line[512];
  static const char *const qn[4] = {"log G", "dlogG/db", "dlogG/dc",
                                    "dlogG/dz"};
  double worst[4] = {0};
  char where[4][120] = {{0}};
  size_t rows = 0, bad = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || strncmp(line, "b,", 2) == 0) continue;
    double b, c, z, ref[4];
    if (sscanf(line, "%lf,%lf,%lf,%lf,%lf,%lf,%lf", &b, &c, &z, &ref[0],
               &ref[1], &ref[2], &ref[3]) != 7) {
      print_error("bad line: %s", line);
      fail();
    }
    rows++;
    double v[4];
    clv_hyp_bc pre = {0};
    bool ok = clv_hyp_logG_eps(b, c, z, 1 - z, NULL, NULL, 0, &pre, &v[0],
                               v + 1);
    for (int i = 0; i < 4; i++) {
      double err = ok ? fabs(v[i] - ref[i]) / (i ? fmax(1, fabs(ref[i])) : 1)
                      : INFINITY;
      if (!(err <= worst[i])) {
        worst[i] = err;
        snprintf(where[i], sizeof where[i], "at b=%.6g c=%.6g 1-z=%.3g", b,
                 c, 1 - z);
      }
      if (!(err <= HYP_TOL)) {
        bad++;
        print_message("G %s b=%.17g c=%.17g z=%.17g: %.17g, reference "
                      "%.17g\n", qn[i], b, c, z, v[i], ref[i]);
      }
    }
  }
  fclose(f);
  for (int i = 0; i < 4; i++)
    print_message("G %-8s %4zu points, largest error %.3g %s\n", qn[i], rows,
                  worst[i], where[i]);
  assert_true(rows >= 100);
  assert_int_equal(bad, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(grid),
                                     cmocka_unit_test(hyp_grid)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
