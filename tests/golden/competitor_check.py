#!/usr/bin/env python3
"""Customers at risk to a named competitor, recomputed from the CSV files of
a demo data set (standard library only, no klantwijs code), against the
report of `klantwijs analyze`:

  python3 competitor_check.py DATA_DIR REPORT_DIR

The rule, as include/klantwijs/feedback.h and src/models/feedback_comp.c
state it: per customer the latest answer up to the as-of day; the most
important dimension is the one whose own rating correlates most with the
NPS score (Pearson r over the counted answers); a customer is at risk when
that answer rates the named competitor higher on that dimension, is no
promoter (9-10), is not older than 3 x 180 days, and the customer bought on
at most a quarter as many days in the last 180 days as in the 360 days
before (at least 2 then): half the rate over a window half as long.

In the action plan (include/klantwijs/analyze.h, src/models/actions.c) such
a customer who has not left goes to the retain list with a reason that
names the competitor, the dimension and both ratings, unless an earlier
rule (collect first, reprice, a win-back) holds; one who has left keeps
the action of the other rules, its reason followed by the same clause.
"""
import csv
import datetime as dt
import json
import math
import os
import sys

W = 180


def day(s):
    d, m, y = s.split("/")
    return dt.date(int(y), int(m), int(d))


def num(s):
    s = (s or "").strip().replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return math.nan


def pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def main():
    data, rep = sys.argv[1], sys.argv[2]
    summary = json.load(open(os.path.join(rep, "summary.json")))
    as_of = dt.date.fromisoformat(summary["as_of"])
    with open(os.path.join(data, "feedback.csv"), encoding="utf-8") as f:
        fb = list(csv.DictReader(f, delimiter=";"))
    latest = {}
    for r in fb:
        if day(r["datum"]) <= as_of:
            latest[r["klantnummer"]] = r  # file order: a later row wins
    dims = ["prijs", "service", "innovatie"]
    scale = 5
    ok = lambda v: not math.isnan(v) and 1 <= v <= scale
    imp = {}
    for d in dims:
        xs, ys = [], []
        for r in latest.values():
            own, nps = num(r[d]), num(r["nps"])
            if ok(own) and 0 <= nps <= 10:
                xs.append(own)
                ys.append(nps)
        imp[d] = pearson(xs, ys)
    top = max(dims, key=lambda d: imp[d])
    # purchase days per customer in the two windows
    recent, before = {}, {}
    with open(os.path.join(data, "transactions.csv"), encoding="utf-8") as f:
        days = {}
        for r in csv.DictReader(f, delimiter=";"):
            if num(r["bedrag"]) <= 0:
                continue
            days.setdefault(r["klantnummer"], set()).add(day(r["factuurdatum"]))
    for c, ds in days.items():
        recent[c] = sum(1 for x in ds if 0 <= (as_of - x).days < W)
        before[c] = sum(1 for x in ds if W <= (as_of - x).days < 3 * W)
    risk = {}
    for c, r in latest.items():
        own, them, nps = num(r[top]), num(r["concurrent " + top]), num(r["nps"])
        if not (ok(own) and ok(them) and them > own):
            continue
        if 9 <= nps <= 10 or (as_of - day(r["datum"])).days >= 3 * W:
            continue
        if before.get(c, 0) < 2 or 4 * recent.get(c, 0) > before[c]:
            continue
        risk[c] = (r["concurrent"], top, own, them)
    with open(os.path.join(rep, "customers.csv"), encoding="utf-8") as f:
        cust = {r["customer_id"]: r for r in csv.DictReader(f)}
    bad = 0

    def check(what, cond, got=""):
        nonlocal bad
        if not cond:
            bad += 1
            print("MISMATCH", what, got)

    flagged = {c for c, r in cust.items() if r["competitor_risk"]}
    check("customers at risk", flagged == set(risk),
          sorted(flagged ^ set(risk)))
    n_retain = n_clause = n_other = 0
    by_comp = {}
    for c in sorted(risk):
        comp, dim, own, them = risk[c]
        by_comp[comp] = by_comp.get(comp, 0) + 1
        r = cust[c]
        check(c + " competitor", r["competitor_risk"] == comp, r["competitor_risk"])
        check(c + " dimension", r["competitor_risk_dimension"] == dim,
              r["competitor_risk_dimension"])
        clause = "Rates %s higher on %s (%d against %d for you)" % (
            comp, dim, them, own)
        if r["churn_status"] != "churned":
            earlier = r["action"] in ("collect_first", "reprice", "win_back")
            if not earlier:
                n_retain += 1
                check(c + " retained", r["action"] == "retain", r["action"])
                check(c + " reason", r["reason"] == clause +
                      " and buys at most half as often as before.",
                      r["reason"])
            else:
                n_other += 1
                check(c + " clause", r["reason"].endswith(" " + clause + "."),
                      r["reason"])
        else:
            n_clause += 1
            check(c + " not retained", r["action"] != "retain", r["action"])
            check(c + " clause", r["reason"].endswith(" " + clause + "."),
                  r["reason"])
    # nobody else gets the competitor reason
    for c, r in cust.items():
        if c not in risk:
            check(c + " no competitor reason", "higher on" not in r["reason"],
                  r["reason"])
    print("most important dimension:", top,
          "(r = %s)" % ", ".join("%s %.3f" % (d, imp[d]) for d in dims))
    print("at risk to a competitor:", len(risk),
          "(" + ", ".join("%s %d" % kv for kv in sorted(by_comp.items())) + ")")
    print("retained with the competitor reason:", n_retain)
    print("left (other action, reason with the clause):", n_clause)
    print("earlier rule (reason with the clause):", n_other)
    print("OK" if bad == 0 else "FAILED (%d)" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
