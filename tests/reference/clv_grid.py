#!/usr/bin/env python3
"""
clv_grid.py -- write tests/data/clv/reference_grid.csv, the high-precision
reference values that tests/reference/ref_clv_grid.c checks the
customer-value models against.

Every value is computed with mpmath (Debian python3-mpmath) in two ways
where it can be: (1) the published closed forms below with mpmath's
hyp2f1, and (2) the defining integrals by mpmath's tanh-sinh quadrature
at high precision: E[Y(t) | alive] = E_p[(1 - (1 + p t/al)^-r) / p] over
p ~ Beta(a, b) (integrated over y = logit p with breakpoints at the mode
and whole numbers of standard deviations), and for the Pareto/NBD
  P(alive) = 1 / (1 + s (al+T)^(r+x) (be+T)^s
                   int_{t_x}^{T} (al+v)^-(r+x) (be+v)^-(s+1) dv).
The quadrature value is written; where hyp2f1 also converges (within its
precision and term limits) the two must agree to 1e-25 relative, else the
point is left out. The column `check` says which: 2f1 (both agree) or
quad (hyp2f1 did not converge: the value is checked by quadrature at two
precisions only). The closed forms:

  BG/NBD (Fader, Hardie & Lee 2005, eqs. 7, 10 and 11):
    E[X(t)]  = (a+b-1)/(a-1) [1 - (al/(al+t))^r 2F1(r, b; a+b-1; t/(al+t))]
    P(alive) = 1 / (1 + [x>0] a/(b+x-1) ((al+T)/(al+t_x))^(r+x))
    E[Y(t) | x, t_x, T] = P(alive) (a+b+x-1)/(a-1)
        [1 - ((al+T)/(al+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(al+T+t))]
  MBG/NBD (Batislam, Denizel & Filiztekin 2007):
    E[X(t)]  = b/(a-1) [1 - (al/(al+t))^r 2F1(r, b+1; a+b; t/(al+t))]
    P(alive) = 1 / (1 + a/(b+x) ((al+T)/(al+t_x))^(r+x))
    E[Y(t) | x, t_x, T] = P(alive) (a+b+x)/(a-1)
        [1 - ((al+T)/(al+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(al+T+t))]
  Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005,
  "A note on deriving the Pareto/NBD model"):
    E[X(t)]  = r be / (al (s-1)) [1 - (be/(be+t))^(s-1)]
    P(alive) = 1 / (1 + s/(r+s+x) (al+T)^(r+x) (be+T)^s A0),
      A0 from 2F1(r+s+x, s+1; r+s+x+1; (al-be)/(al+u)) (al >= be) or
      2F1(r+s+x, r+x; r+s+x+1; (be-al)/(be+u)) (al < be) at u = t_x, T
    E[Y(t) | x, t_x, T] = P(alive) (r+x)(be+T) / ((al+T)(s-1))
        [1 - ((be+T)/(be+T+t))^(s-1)]
  (columns a, b hold s, beta for pnbd).

Each quadrature value is computed at 30 and again at 45 digits; a point
whose two values differ by more than 1e-20 relative is left out (the
header counts them). Parameters are drawn log-uniformly with a fixed seed: r and
alpha over 4 decades (0.01..100 and 0.1..1000), a and b from 1e-4 to 1e6
(s from 0.01 to 100 for pnbd, beta 0.1..1e4), t from 0.01 to 1e4, x from 0
to 1000 (log-uniform over 1..1000 for half the conditional points), T from
0.1 to 1e4, t_x uniform in [0, T]; a and s near 1 (within 1e-3) are
redrawn, the published forms being 0/0 there. Plus the fixed cases of the
large-a-and-b regression (r = 1.292, alpha = 18.61, b = 317.4, t = 365,
a = 200 and 500; a = 47,796, b = 73,829).

Pareto/NBD points near z = 1: conditional points with beta 1e3..1e7 times
alpha and s from 1e-7 to 0.1 (the shape of fits that drift to s -> 0,
beta -> infinity; 1 - z = (alpha + u)/(beta + u) from 1e-2 to 1e-7), among
them the Online Retail estimates in weeks (r = 0.8274, alpha = 9.868,
s = 4.1e-8, beta = 7506).

Run:  python3 tests/reference/clv_grid.py [POINTS] > tests/data/clv/reference_grid.csv
(POINTS per model and quantity, default 15; python3-gmpy2 makes mpmath
several times faster.)

With --hyp it writes tests/data/clv/reference_hyp.csv instead: log G and
d log G / d(b, c, z) for G(b; c; z) = 2F1(1, b; c; z), the function the
Pareto/NBD likelihood is written with (src/models/clv/special.c), at
1 - z from 1e-6 to 1e-2 (and a few points below z = 1/2 and in between),
b near 1 (1 + 1e-7 .. 1 + 0.1) and from 0.01 to 1000, c - b - 1 = m from
-0.99 to 50 with c from just above 1 to 2000, and m within 1e-9..1e-2 of
0, 1, 2 and 5 (where the connection formula's two parts have poles that
cancel). z is a double with 1 - z exact. Values by mpmath's hyp2f1,
derivatives by mpmath.diff, each at 30 and at 45 digits; a point whose two
values differ by more than 1e-20 (relative, or absolute below 1) is left
out.
"""
import random
import sys

import mpmath
from mpmath import mp, mpf, hyp2f1

N_POP = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != '--hyp' else 15   # E[X(t)] points per model
N_COND = N_POP  # conditional points (P(alive) and E[Y(t)]) per model


FORMS = dict(maxterms=10**5, maxprec=400)


def bg_pop(r, al, a, b, t, modified):
    z = t / (al + t)
    if modified:
        return b / (a - 1) * (1 - (al / (al + t)) ** r *
                              hyp2f1(r, b + 1, a + b, z, **FORMS))
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r *
                                    hyp2f1(r, b, a + b - 1, z, **FORMS))


def bg_alive(r, al, a, b, x, tx, T, modified):
    if modified:
        return 1 / (1 + a / (b + x) * ((al + T) / (al + tx)) ** (r + x))
    if x == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))


def bg_cond(r, al, a, b, x, tx, T, t, modified):
    z = t / (al + T + t)
    m = 1 if modified else 0
    c = a + b + x - 1 + m
    e = c / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) *
                       hyp2f1(r + x, b + x + m, c, z, **FORMS))
    return bg_alive(r, al, a, b, x, tx, T, modified) * e


def pnbd_a0(r, al, s, be, x, tx, T):
    P = r + s + x
    if al >= be:
        f = lambda u: hyp2f1(P, s + 1, P + 1, (al - be) / (al + u),
                             **FORMS) / (al + u) ** P
    else:
        f = lambda u: hyp2f1(P, r + x, P + 1, (be - al) / (be + u),
                             **FORMS) / (be + u) ** P
    return f(tx) - f(T)


def pnbd_alive(r, al, s, be, x, tx, T):
    a0 = pnbd_a0(r, al, s, be, x, tx, T)
    return 1 / (1 + s / (r + s + x) * (al + T) ** (r + x) * (be + T) ** s * a0)


def pnbd_pop(r, al, s, be, t):
    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))


def pnbd_cond(r, al, s, be, x, tx, T, t):
    e = (r + x) * (be + T) / ((al + T) * (s - 1)) * \
        (1 - ((be + T) / (be + T + t)) ** (s - 1))
    return pnbd_alive(r, al, s, be, x, tx, T) * e


# ------------------------------------------------------- quadrature forms

def log_sigmoid(y):
    return -mpmath.log1p(mpmath.exp(-y)) if y >= 0 else \
        y - mpmath.log1p(mpmath.exp(y))


def q_alive_expect(r, al, a, b, t):
    """E_p[(1 - (1 + p tau)^-r) / p], p ~ Beta(a, b), tau = t / al."""
    tau = t / al
    f = lambda y: a * log_sigmoid(y) + b * log_sigmoid(-y)
    y0 = mpmath.log(a / b)
    f0 = f(y0)
    sd = mpmath.sqrt(1 / a + 1 / b)

    def g(y):
        p = mpmath.exp(log_sigmoid(y))
        return -mpmath.expm1(-r * mpmath.log1p(p * tau)) / p

    D = 80 + mpmath.log(r * tau / g(mpmath.mpf(50) + abs(y0) + 50 * sd))
    pts = [y0]
    for sgn in (-1, 1):
        k = sd / 4
        while f(y0 + sgn * k) > f0 - D:
            pts.append(y0 + sgn * k)
            k *= 2
        pts.append(y0 + sgn * k)
    yt = -mpmath.log(tau)
    if min(pts) < yt < max(pts):
        pts.append(yt)
    pts = sorted(set(pts))
    h = lambda y: g(y) * mpmath.exp(f(y) - f0)
    I = mpmath.quad(h, pts)
    lb = mpmath.loggamma(a) + mpmath.loggamma(b) - mpmath.loggamma(a + b)
    return I * mpmath.exp(f0 - lb)


def q_bg_pop(r, al, a, b, t, modified):
    if modified:
        return b / (a + b) * q_alive_expect(r, al, a, b + 1, t)
    return q_alive_expect(r, al, a, b, t)


def q_bg_cond(r, al, a, b, x, tx, T, t, modified):
    m = 1 if modified else 0
    return bg_alive(r, al, a, b, x, tx, T, modified) * \
        q_alive_expect(r + x, al + T, a, b + x + m, t)


def q_pnbd_alive(r, al, s, be, x, tx, T):
    if T == tx:
        return mpf(1)
    h = lambda v: -(r + x) * mpmath.log(al + v) - (s + 1) * mpmath.log(be + v)
    h0 = h(tx)
    scale = 1 / ((r + x) / (al + tx) + (s + 1) / (be + tx))
    pts = [tx]
    k = scale / 8
    while tx + k < T and h(tx + k) > h0 - 150:
        pts.append(tx + k)
        k *= 2
    pts.append(min(T, tx + k))
    I = mpmath.quad(lambda v: mpmath.exp(h(v) - h0), pts)
    lw = mpmath.log(s) + mpmath.log(I) + h0 + (r + x) * mpmath.log(al + T) + \
        s * mpmath.log(be + T)
    return 1 / (1 + mpmath.exp(lw))


def q_pnbd_cond(r, al, s, be, x, tx, T, t):
    e = (r + x) * (be + T) / ((al + T) * (s - 1)) * \
        (1 - ((be + T) / (be + T + t)) ** (s - 1))
    return q_pnbd_alive(r, al, s, be, x, tx, T) * e


def logu(rng, lo, hi):
    return 10 ** rng.uniform(mpmath.log10(lo), mpmath.log10(hi))


def value(qfn, fn, args):
    """(value, check) or None."""
    out = []
    for dps in (30, 45):
        mp.dps = dps
        out.append(qfn(*[mpf(v) for v in args]))
    v30, v45 = out
    if abs(v30 - v45) > mpf('1e-20') * abs(v45) or not v45 > 0:
        return None
    mp.dps = 40
    try:
        v2 = fn(*[mpf(v) for v in args])
    except (mpmath.libmp.NoConvergence, ZeroDivisionError, ValueError):
        return v45, 'quad'
    if abs(v2 - v45) > mpf('1e-25') * abs(v45):
        return None
    return v45, '2f1'


def main():
    rng = random.Random(20261203)
    rows = []
    skipped = 0

    def add(model, qty, p, x, tx, T, t, qfn, fn, args):
        nonlocal skipped
        v = value(qfn, fn, args)
        if v is None:
            skipped += 1
            return
        rows.append((model, qty, p[0], p[1], p[2], p[3], x, tx, T, t,
                     mpmath.nstr(v[0], 20, min_fixed=1, max_fixed=0), v[1]))

    def draw(model):
        r = float(logu(rng, 0.01, 100))
        al = float(logu(rng, 0.1, 1000))
        if model == 'pnbd':
            while True:
                s = float(logu(rng, 0.01, 100))
                if abs(s - 1) > 1e-3:
                    break
            be = float(logu(rng, 0.1, 1e4))
            return (r, al, s, be)
        while True:
            a = float(logu(rng, 1e-4, 1e6))
            if abs(a - 1) > 1e-3:
                break
        b = float(logu(rng, 1e-4, 1e6))
        return (r, al, a, b)

    def draw_cust():
        T = float(logu(rng, 0.1, 1e4))
        if rng.random() < 0.5:
            x = rng.randint(0, 10)
        else:
            x = int(round(float(logu(rng, 1, 1000))))
        tx = 0.0 if x == 0 else rng.uniform(0, T)
        return x, tx, T

    # fixed cases: large a and b
    for a, b in ((200.0, 317.4), (500.0, 317.4), (47796.0, 73829.0)):
        p = (1.292, 18.61, a, b)
        add('bgnbd', 'pop', p, 0, 0, 0, 365.0,
            lambda *v: q_bg_pop(*v, False), lambda *v: bg_pop(*v, False),
            p + (365.0,))
    for model in ('bgnbd', 'mbgnbd', 'pnbd'):
        for _ in range(N_POP):
            p = draw(model)
            t = float(logu(rng, 0.01, 1e4))
            if model == 'pnbd':
                add(model, 'pop', p, 0, 0, 0, t, pnbd_pop, pnbd_pop, p + (t,))
            else:
                mod = model == 'mbgnbd'
                add(model, 'pop', p, 0, 0, 0, t,
                    lambda *v, mod=mod: q_bg_pop(*v, mod),
                    lambda *v, mod=mod: bg_pop(*v, mod), p + (t,))
        for _ in range(N_COND):
            p = draw(model)
            x, tx, T = draw_cust()
            t = float(logu(rng, 0.01, 1e4))
            if model == 'pnbd':
                add(model, 'alive', p, x, tx, T, 0, q_pnbd_alive, pnbd_alive,
                    p + (x, tx, T))
                add(model, 'cond', p, x, tx, T, t, q_pnbd_cond, pnbd_cond,
                    p + (x, tx, T, t))
            else:
                mod = model == 'mbgnbd'
                fa = lambda *v, mod=mod: bg_alive(*v, mod)
                add(model, 'alive', p, x, tx, T, 0, fa, fa, p + (x, tx, T))
                add(model, 'cond', p, x, tx, T, t,
                    lambda *v, mod=mod: q_bg_cond(*v, mod),
                    lambda *v, mod=mod: bg_cond(*v, mod), p + (x, tx, T, t))

    # Pareto/NBD near z = 1: beta >> alpha, s small (after the others,
    # so their draws stay as they were)
    for i in range(N_COND):
        if i == 0:
            p = (0.827447236937, 9.8682712515, 4.14296250097e-08, 7505.9326935)
            x, tx, T = 1, 0.142857142857143, 53.2857142857143
        else:
            r = float(logu(rng, 0.05, 5))
            al = float(logu(rng, 0.5, 50))
            s = float(logu(rng, 1e-7, 0.1))
            be = al * float(logu(rng, 1e3, 1e7))
            p = (r, al, s, be)
            x, tx, T = draw_cust()
        t = float(logu(rng, 1, 1e3))
        add('pnbd', 'alive', p, x, tx, T, 0, q_pnbd_alive, pnbd_alive,
            p + (x, tx, T))
        add('pnbd', 'cond', p, x, tx, T, t, q_pnbd_cond, pnbd_cond,
            p + (x, tx, T, t))
    w = sys.stdout.write
    w('# Reference values for the customer-value models, written by\n')
    w('# tests/reference/clv_grid.py %d with mpmath %s (quadrature at 30\n'
      % (N_POP, mpmath.__version__))
    w('# and 45 digits; check = 2f1: the closed form agrees to 1e-25); see\n')
    w('# that script for the formulas. Columns a, b are s, beta\n')
    w('# for pnbd. quantity: pop = E[X(t)], alive = P(alive | x, t_x, T),\n')
    w('# cond = E[Y(t) | x, t_x, T]. %d points left out (no agreement).\n'
      % skipped)
    w('model,quantity,r,alpha,a,b,x,t_x,T,t,value,check\n')
    for row in rows:
        w('%s,%s,%r,%r,%r,%r,%d,%r,%r,%r,%s,%s\n' % row)


def hyp_G(b, c, z):
    return hyp2f1(1, b, c, z, maxterms=10**6, maxprec=2000)


def hyp_row(b, c, z):
    """[log G, d/db, d/dc, d/dz] of log G at the current precision."""
    lg = lambda bb, cc, zz: mpmath.log(hyp_G(bb, cc, zz))
    return [lg(b, c, z),
            mpmath.diff(lambda v: lg(v, c, z), b),
            mpmath.diff(lambda v: lg(b, v, z), c),
            mpmath.diff(lambda v: lg(b, c, v), z)]


def hyp_main():
    rng = random.Random(20261204)
    pts = []

    def zof(eps):
        z = 1.0 - eps  # a double; 1 - z is exact for z >= 1/2
        return z

    for i in range(160):
        u = rng.random()
        if u < 0.4:
            b = 1 + float(logu(rng, 1e-7, 0.1))
        else:
            b = float(logu(rng, 0.01, 1000))
        if i % 4 == 3:  # m near an integer
            n = rng.choice((0, 1, 2, 5))
            d = rng.choice((-1, 1)) * float(logu(rng, 1e-9, 1e-2))
            m = n + d
        elif rng.random() < 0.3:
            m = rng.uniform(-0.99, 1)
        else:
            m = float(logu(rng, 0.01, 50))
        c = b + 1 + m
        if not c > 1 or m <= -1:
            continue
        if rng.random() < 0.85:
            z = zof(float(logu(rng, 1e-6, 1e-2)))
        else:
            z = rng.uniform(0.05, 0.99)
        pts.append((b, c, z))
    # the Online Retail fit's shape: b = s + 1 with s tiny, z near 1
    for x in (0, 1, 2, 7, 40):
        s_ = 4.14296250097e-08
        r = 0.827447236937
        for u in (0.0, 1.0, 53.2857142857143):
            al, be = 9.8682712515, 7505.9326935
            z = (be - al) / (be + u)
            pts.append((s_ + 1, r + s_ + x + 1, z))
    rows, skipped = [], 0
    for b, c, z in pts:
        vals = []
        for dps in (30, 45):
            mp.dps = dps
            vals.append(hyp_row(mpf(b), mpf(c), mpf(z)))
        ok = all(abs(v1 - v2) <= mpf('1e-20') * max(1, abs(v2))
                 for v1, v2 in zip(*vals))
        if not ok:
            skipped += 1
            continue
        rows.append((b, c, z) + tuple(vals[1]))
    w = sys.stdout.write
    w('# Reference values of G(b; c; z) = 2F1(1, b; c; z), written by\n')
    w('# tests/reference/clv_grid.py --hyp with mpmath %s (hyp2f1 and\n'
      % mpmath.__version__)
    w('# mpmath.diff at 30 and 45 digits); see that script for the grid.\n')
    w('# Columns: b, c, z (1 - z exact), log G, d log G/db, d/dc, d/dz.\n')
    w('# %d points left out (no agreement).\n' % skipped)
    w('b,c,z,logG,dlogG_db,dlogG_dc,dlogG_dz\n')
    for row in rows:
        w('%r,%r,%r,%s,%s,%s,%s\n' % (row[:3] + tuple(
            mpmath.nstr(v, 20, min_fixed=1, max_fixed=0) for v in row[3:])))


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--hyp':
        hyp_main()
    else:
        main()
