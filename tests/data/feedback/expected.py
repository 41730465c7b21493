#!/usr/bin/env python3
"""Expected figures of tests/unit/test_feedback.c, worked out from the CSV
files of synth/ with the Python standard library and mpmath only (no
klantwijs code). The formulas are in tests/unit/README.feedback.md.
Run: python3 tests/data/feedback/expected.py
"""
import csv
import math
import os

import mpmath as mp

mp.mp.dps = 30
HERE = os.path.dirname(os.path.abspath(__file__))
Z = mp.sqrt(2) * mp.erfinv(mp.mpf("0.95"))  # 1.959963984540054


def tq(p, df):
    """Student t quantile by root finding on the regularized beta."""
    def cdf(t):
        x = df / (df + t * t)
        tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2
        return 1 - tail if t > 0 else tail
    return mp.findroot(lambda t: cdf(t) - p, 2)


def nps_ci(P, A, D):
    n = P + A + D
    pp, pd = mp.mpf(P) / n, mp.mpf(D) / n
    d = pp - pd
    se = mp.sqrt((pp + pd - d * d) / n)
    return 100 * d, 100 * (d - Z * se), 100 * (d + Z * se), 100 * se


def wilson(k, n):
    p = mp.mpf(k) / n
    c = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    h = Z * mp.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return p, c - h, c + h


def mean_t(xs):
    n = len(xs)
    m = mp.fsum(xs) / n
    s = mp.sqrt(mp.fsum((x - m) ** 2 for x in xs) / (n - 1))
    t = tq(mp.mpf("0.975"), n - 1)
    return m, m - t * s / mp.sqrt(n), m + t * s / mp.sqrt(n)


def pearson(xs, ys):
    n = len(xs)
    mx, my = mp.fsum(xs) / n, mp.fsum(ys) / n
    sxy = mp.fsum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = mp.fsum((x - mx) ** 2 for x in xs)
    syy = mp.fsum((y - my) ** 2 for y in ys)
    r = sxy / mp.sqrt(sxx * syy)
    h = Z / mp.sqrt(n - 3)
    return r, mp.tanh(mp.atanh(r) - h), mp.tanh(mp.atanh(r) + h)


def show(name, *v):
    print("%-34s" % name, "  ".join(mp.nstr(x, 12) for x in v))


def main():
    rows = list(csv.DictReader(open(os.path.join(HERE, "synth",
                                                 "feedback.csv")),
                               delimiter=";"))
    def day(s):
        d, m, y = s.split("/")
        return (int(y), int(m), int(d))
    latest = {}
    anon = []
    for r in rows:
        if not r["klantnummer"]:
            anon.append(r)
            continue
        c = r["klantnummer"]
        if c not in latest or day(r["datum"]) >= day(latest[c]["datum"]):
            latest[c] = r
    counted = list(latest.values()) + anon
    def cls(v):
        v = int(v)
        return 2 if v >= 9 else 1 if v >= 7 else 0
    for label, ans in (("latest", counted), ("all", rows)):
        k = [0, 0, 0]
        for r in ans:
            k[cls(r["nps"])] += 1
        show("nps %s (P A D)" % label, k[2], k[1], k[0])
        show("nps %s est lo hi se" % label, *nps_ci(k[2], k[1], k[0]))
    cs = [int(r["csat"]) for r in counted]
    show("csat top2 p lo hi", *wilson(sum(1 for v in cs if v >= 4), len(cs)))
    show("csat mean lo hi", *mean_t([mp.mpf(v) for v in cs]))
    ce = [int(r["ces"]) for r in counted]
    show("ces mean lo hi", *mean_t([mp.mpf(v) for v in ce]))
    # sector A and B (customers table), latest answers of known customers
    sect = {r["klantnummer"]: r["sector"] for r in
            csv.DictReader(open(os.path.join(HERE, "synth",
                                             "customers.csv")),
                           delimiter=";")}
    for s in ("A", "B", "C"):
        k = [0, 0, 0]
        for c, r in latest.items():
            if sect[c] == s:
                k[cls(r["nps"])] += 1
        show("sector %s (P A D)" % s, k[2], k[1], k[0])
        if sum(k):
            show("sector %s nps lo hi" % s, *nps_ci(k[2], k[1], k[0])[:3])
    # quarters: Q2 (30 answers) and Q4 (latest of each customer + anonymous)
    q2 = [r for r in rows if r["datum"].endswith("/04/2024")]
    k = [0, 0, 0]
    for r in q2:
        k[cls(r["nps"])] += 1
    show("q2 (P A D)", k[2], k[1], k[0])
    # competition over the latest answers of known customers
    own = [r for r in latest.values()]
    for dim in ("prijs", "service"):
        o = [mp.mpf(r[dim]) for r in own]
        show("%s own mean lo hi" % dim, *mean_t(o))
        y = [mp.mpf(r["nps"]) for r in own]
        show("%s importance r lo hi" % dim, *pearson(o, y))
        for comp in (None, "Alfa", "Beta"):
            sel = [r for r in own if comp is None or r["concurrent"] == comp]
            d = [mp.mpf(r[dim]) - mp.mpf(r["concurrent " + dim]) for r in sel]
            hi = sum(1 for r in sel
                     if int(r["concurrent " + dim]) > int(r[dim]))
            show("%s vs %s n diff lo hi" % (dim, comp or "all"), len(d),
                 *mean_t(d))
            show("%s vs %s share lo hi" % (dim, comp or "all"),
                 *wilson(hi, len(sel)))


if __name__ == "__main__":
    main()
