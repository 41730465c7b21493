#!/usr/bin/env python3
"""
clv_discount.py -- write tests/data/clv/reference_discount.csv, the
high-precision values of the discounted customer value that
tests/unit/test_clv_fast.c checks clv_bg_disc (the per-x coefficient,
per-T moment dot product of src/models/clv/discount.c) and the
straightforward per-period sum against.

For the BG/NBD (model bg) and MBG/NBD (mbg) posterior of a customer known
to be alive at T, with r1 = r + x, alpha1 = alpha + T, b1 = b + x (bg) or
b + x + 1 (mbg), each formed in double precision as the C code forms it,

  E(t) = c/(a-1) [1 - (alpha1/(alpha1+t))^r1 2F1(r1, b1; c; t/(alpha1+t))],
  c = a + b1 - 1   (Fader, Hardie & Lee 2005, eq. 10, given alive),
  V    = sum_{k=1..H} (E(k) - E(k-1)) / (1+d)^k,

by mpmath's hyp2f1 at 40 significant digits and again at 60: the point is
written only where the two agree to 1e-30 relative. Every 2F1 at the
horizon, E(H), is also checked against the defining integral
E[(1 - (1 + p t/alpha1)^-r1) / p] over p ~ Beta(a, b1) by tanh-sinh
quadrature in y = logit(p) (clv_grid.py's q_alive_expect, at 30 digits;
agreement to 1e-20 required). The inputs, with a fixed seed, cover a < 1, a near
1, a > 2, A = a + b - 1 - r < 0 (terms of alternating sign), small and
large alpha1 against the horizon (week and day units, H = 1, 13, 52, 104,
360, 730) and discount rates from a yearly 1% in days to 5% per period.

Usage: python3 tests/reference/clv_discount.py > tests/data/clv/reference_discount.csv
"""
import os
import random
import sys

import mpmath as mp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clv_grid import q_alive_expect  # noqa: E402  (logit-space quadrature)

SEED = 18


def expect(r1, al1, a, b1, t):
    c = a + b1 - 1
    z = t / (al1 + t)
    return c / (a - 1) * (1 - (al1 / (al1 + t)) ** r1 * mp.hyp2f1(r1, b1, c, z))


def value(r1, al1, a, b1, H, d, dps):
    with mp.workdps(dps):
        r1, al1, a, b1, d = (mp.mpf(v) for v in (r1, al1, a, b1, d))
        f = 1 / (1 + d)
        v, prev, fk = mp.mpf(0), mp.mpf(0), mp.mpf(1)
        for k in range(1, H + 1):
            e = expect(r1, al1, a, b1, k)
            fk *= f
            v += (e - prev) * fk
            prev = e
        return v, prev


def cases():
    rng = random.Random(SEED)
    fixed = [
        # model, r, alpha, a, b, x, T, H, disc
        ("bg", 0.243, 4.414, 0.793, 2.426, 2, 30.0, 52, 0.001834),  # CDNOW-like, weeks
        ("bg", 0.243, 4.414, 0.793, 2.426, 0, 0.0, 52, 0.001834),
        ("bg", 0.243, 4.414, 0.793, 2.426, 14, 38.86, 52, 0.001834),
        ("bg", 0.243, 30.9, 0.793, 2.426, 3, 200.0, 360, 0.000261),  # days
        ("bg", 0.243, 30.9, 0.793, 2.426, 0, 1.0, 360, 0.000261),
        ("bg", 0.243, 30.9, 0.793, 2.426, 7, 10.0, 730, 0.000261),
        ("bg", 1.5, 2.0, 3.5, 0.8, 1, 5.0, 52, 0.01),  # a > 2
        ("bg", 0.5, 1.0, 1.000000001, 2.0, 2, 3.0, 52, 0.002),  # a near 1
        ("bg", 0.5, 1.0, 0.3, 0.4, 4, 8.0, 104, 0.05),  # a < 1, A < 0
        ("bg", 2.0, 0.5, 0.6, 0.9, 0, 0.5, 52, 0.0008),  # A < 0, tiny alpha1
        ("bg", 0.8, 12.0, 1.2, 5.0, 25, 90.0, 13, 0.0075),
        ("bg", 0.8, 12.0, 1.2, 5.0, 1, 90.0, 1, 0.0075),
        ("mbg", 0.243, 4.414, 0.793, 2.426, 2, 30.0, 52, 0.001834),
        ("mbg", 0.243, 4.414, 0.793, 2.426, 0, 10.0, 52, 0.001834),
        ("mbg", 0.9, 25.0, 2.4, 6.0, 5, 120.0, 360, 0.000027),
        ("mbg", 0.4, 3.0, 0.5, 0.5, 1, 2.0, 104, 0.02),
    ]
    for c in fixed:
        yield c
    for i in range(24):
        model = "bg" if i % 3 else "mbg"
        r = 10 ** rng.uniform(-1, 0.5)
        alpha = 10 ** rng.uniform(-0.5, 1.7)
        a = 10 ** rng.uniform(-0.7, 0.6)
        b = 10 ** rng.uniform(-0.5, 1.0)
        x = rng.choice([0, 1, 2, 3, 5, 8, 20])
        T = round(rng.uniform(0, 100), 3)
        H, disc = rng.choice([(52, 0.001834), (360, 0.000261), (13, 0.0077),
                              (104, 0.004), (12, 0.0080)])
        yield (model, round(r, 4), round(alpha, 4), round(a, 4), round(b, 4),
               x, T, H, disc)


def main():
    out = sys.stdout
    out.write("# Discounted value per unit of margin x spend of a BG/NBD-family customer\n"
              "# alive at T, V = sum_{k=1..H} (E(k) - E(k-1)) / (1+disc)^k, written by\n"
              "# tests/reference/clv_discount.py (mpmath %s, hyp2f1 at 40 and 60\n"
              "# digits, E(H) also by quadrature; seed %d); see that script.\n"
              % (mp.__version__, SEED))
    out.write("model,r,alpha,a,b,x,T,H,disc,value\n")
    for (model, r, alpha, a, b, x, T, H, disc) in cases():
        r1 = r + x
        al1 = alpha + T
        b1 = b + x + 1 if model == "mbg" else b + x
        v40, eh = value(r1, al1, a, b1, H, disc, 40)
        v60, _ = value(r1, al1, a, b1, H, disc, 60)
        if abs(v40 - v60) > mp.mpf(10) ** -30 * abs(v60):
            sys.stderr.write("skip %s: 40 and 60 digits disagree\n" % (model,))
            continue
        with mp.workdps(30):
            q = q_alive_expect(mp.mpf(r1), mp.mpf(al1), mp.mpf(a), mp.mpf(b1), H)
        if abs(q - eh) > mp.mpf(10) ** -20 * abs(eh):
            sys.stderr.write("skip %s: quadrature disagrees (%s vs %s)\n" % (model, q, eh))
            continue
        out.write("%s,%r,%r,%r,%r,%d,%r,%d,%r,%s\n"
                  % (model, r, alpha, a, b, x, T, H, disc, mp.nstr(v60, 25)))


if __name__ == "__main__":
    main()
