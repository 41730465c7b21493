/*
 * mbgnbd.c — the MBG/NBD model (Batislam, Denizel & Filiztekin 2007,
 * "Empirical validation and comparison of models for customer base
 * analysis", IJRM 24(3)).
 *
 * As the BG/NBD, except that a customer may also drop out right after her
 * first purchase, so a customer with no repeat purchase is not surely
 * alive. The likelihood (their eq. 4) is
 *
 *   L = Gamma(r+x) alpha^r / Gamma(r) * [ B(a, b+x+1)/B(a,b) (alpha+T)^-(r+x)
 *       + B(a+1, b+x)/B(a,b) (alpha+t_x)^-(r+x) ],
 *
 * the BG/NBD expression with b + 1 in the beta functions and the second
 * branch present for every x; it shares its evaluation with bgnbd.c
 * (modified = 1). Predictions:
 *   P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)),
 *   E[Y(t) | x, t_x, T] = P(alive) * E[Y(t) | alive] with the posterior
 *     lambda ~ Gamma(r+x, alpha+T), p ~ Beta(a, b+x+1),
 *   E[X(t)] = b/(a+b) * E[Y(t) | alive] at x = 0, T = 0
 *     (= b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]).
 * With x = 0 the likelihood reduces to the BG/NBD one for a customer with
 * b replaced by b + 1 plus the drop-at-first-purchase branch; the unit
 * tests check this by hand.
 */
#include "models/clv/clv.h"

static const char *const mbg_names[] = {"r", "alpha", "a", "b"};

static kw_status mbg_ll(kw_context *ctx, const double *p, const clv_pat *d,
                        double *ll, double *grad) {
  return clv_bg_loglik(ctx, p, d, ll, grad, 1);
}

const clv_model_ops clv_mbgnbd_ops = {KW_CLV_MBGNBD, 4, mbg_names, mbg_ll,
                                      clv_bg_start};
