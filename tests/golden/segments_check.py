#!/usr/bin/env python3
"""Independent checks of the segments, clusters and personas of `klantwijs
analyze` (summary.json "segments" and "personas", customers.csv "segment",
"cluster", "fit") and of `klantwijs segments --format json`.

    segments_check.py DATA REPORT [SEGMENTS_JSON [ATTR]]

DATA is a demo data folder, REPORT the analyze output folder, SEGMENTS_JSON
the output of `klantwijs segments DATA --by ATTR --format json`. Plain
Python over the CSV files, written from include/klantwijs/segments.h and
src/data/postcodes.c's stated ranges, not from the C code. Figures that
come from other models (contribution, CLV, churn status) are taken per
customer from customers.csv, whose own figures the analyze checks cover;
what is recomputed here is the grouping, the merging of small groups, the
sums, means and shares, NPS, the regions from the postcodes, and each
persona's size, shares, medians and trait counts and lifts. Prints "ok NAME"
per check, or "FAIL NAME: ..." and exits 1.
"""
import csv
import datetime as dt
import json
import re
import statistics
import sys
from collections import Counter, defaultdict

failed = False


def check(name, ok, detail=""):
    global failed
    if ok:
        print("ok", name)
    else:
        failed = True
        print("FAIL %s: %s" % (name, detail))


def rows(path, delim=";"):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delim))


def money(s):
    s = s.strip()
    return 0.0 if not s else float(s.replace(".", "").replace(",", "."))


def day(s):
    return dt.datetime.strptime(s.strip(), "%d/%m/%Y").date()


def fnum(s):
    return float(s) if s not in ("", None) else None


data, report = sys.argv[1], sys.argv[2]
summary = json.load(open(report + "/summary.json"))
mg = summary["min_group"]
as_of = dt.date.fromisoformat(summary["as_of"])
cust = {r["customer_id"]: r for r in rows(report + "/customers.csv", ",")}
clist = {r["klantnummer"]: r for r in rows(data + "/customers.csv")}

# revenue per customer from the sales lines up to as-of; buyers have a line
# of amount >= 0 (a purchase)
revenue, buyer, first, orders = defaultdict(float), set(), {}, defaultdict(set)
for r in rows(data + "/transactions.csv"):
    d = day(r["factuurdatum"])
    if d > as_of:
        continue
    a = money(r["bedrag"])
    c = r["klantnummer"]
    revenue[c] += a
    if a >= 0:
        buyer.add(c)
        first[c] = min(first.get(c, d), d)
        orders[c].add(r["factuurnummer"])
tot_rev = sum(revenue[c] for c in buyer)

# latest NPS score per customer up to as-of
latest = {}
for r in rows(data + "/feedback.csv"):
    d = day(r["datum"])
    if d > as_of or not r["nps"].strip():
        continue
    c = r["klantnummer"]
    if c not in latest or d >= latest[c][0]:
        latest[c] = (d, float(r["nps"]))
nps = {c: v for c, (d, v) in latest.items()}


def nps_of(cs):
    s = [nps[c] for c in cs if c in nps]
    if len(s) < mg:  # too few answers to show
        return None
    return 100.0 * (sum(v >= 9 for v in s) - sum(v <= 6 for v in s)) / len(s)


# Belgian postcode ranges (bpost) -> region
def region(pc):
    v = int(pc)
    if 1000 <= v <= 1299:
        return "brussels"
    if 1300 <= v <= 1499 or 4000 <= v <= 7999:
        return "wallonia"
    return "flanders"


def attr_of(c, attr):
    r = clist.get(c)
    if attr == "sector":
        return r["sector"] if r and r["sector"] else "unknown"
    if attr == "size":
        return r["grootte"] if r and r["grootte"] else "unknown"
    if attr == "channel":
        return r["acquisitiekanaal"] if r and r["acquisitiekanaal"] else "unknown"
    if attr == "region":
        return region(r["postcode"]) if r and r["postcode"] else "unknown"
    if attr == "tenure":
        y = (as_of - first[c]).days / 365.25
        return ("tenure_lt1" if y < 1 else "tenure_1_2" if y < 2
                else "tenure_2_5" if y < 5 else "tenure_5plus")
    raise ValueError(attr)


def groups_of(attr):
    """Customers per value; values under min_group merged into "other",
    and "other" left out when it would hold fewer than min_group."""
    g = defaultdict(list)
    for c in buyer:
        g[attr_of(c, attr)].append(c)
    keep = {k: v for k, v in g.items() if len(v) >= mg}
    other = [c for k, v in g.items() if len(v) < mg for c in v]
    if len(other) < mg:
        other = []
    return keep, other


def compare_segments(name, attr, got):
    keep, other = groups_of(attr)
    want = dict(keep)
    if other:
        want["other"] = other
    check(name + " keys", sorted(want) == sorted(g["key"] for g in got),
          "%s vs %s" % (sorted(want), [g["key"] for g in got]))
    check(name + " no group below min_group",
          all(g["customers"] >= mg for g in got))
    check(name + " other last", all(g["key"] != "other" for g in got[:-1]))
    bad = []
    for g in got:
        cs = want.get(g["key"], [])
        rev = sum(revenue[c] for c in cs)
        con = sum(float(cust[c]["contribution"]) for c in cs
                  if cust[c]["contribution"])
        clvs = [float(cust[c]["clv"]) for c in cs if cust[c]["clv"]]
        st = [cust[c]["churn_status"] for c in cs if cust[c]["churn_status"]]
        churn = sum(s == "churned" for s in st) / len(st) if st else None
        n = nps_of(cs)
        tests = [("customers", g["customers"], len(cs), 0),
                 ("revenue", g["revenue"], rev, 0.006),
                 ("share_revenue", g.get("share_revenue"), rev / tot_rev, 6e-5),
                 ("share_customers", g.get("share_customers"),
                  len(cs) / len(buyer), 6e-5)]
        if "contribution" in g:
            tests.append(("contribution", g["contribution"], con, 0.006 * len(cs)))
        if clvs and g.get("clv_mean") is not None:
            tests.append(("clv_mean", g["clv_mean"], sum(clvs) / len(clvs), 0.006))
        if churn is not None:
            tests.append(("churn_rate", g["churn_rate"], churn, 6e-5))
        if n is not None:
            tests.append(("nps", g["nps"], n, 0.06))
        elif g.get("nps") is not None:
            bad.append("%s nps %r over fewer than %d answers" % (g["key"], g["nps"], mg))
        for what, x, y, tol in tests:
            if x is None or abs(x - y) > tol:
                bad.append("%s %s: %r vs %r" % (g["key"], what, x, y))
    check(name + " figures", not bad, "; ".join(bad[:5]))


# 1. summary.json segments (by the default attribute) and customers.csv
seg = summary["segments"]
compare_segments("summary segments by " + seg["by"], seg["by"], seg["groups"])
keep, other = groups_of(seg["by"])
where = {c: k for k, v in keep.items() for c in v}
where.update({c: "other" for c in other})
check("customers.csv segment column",
      all(cust[c]["segment"] == where.get(c, "") for c in buyer),
      str([(c, cust[c]["segment"], where.get(c)) for c in buyer
           if cust[c]["segment"] != where.get(c, "")][:3]))

# 2. personas against the cluster column
pers = summary["personas"]
k = seg["clusters"]["k"]
check("k between 3 and 8", 3 <= k <= 8, str(k))
members = defaultdict(list)
for c in buyer:
    v = cust[c]["cluster"]
    if v != "other":
        members[int(v)].append(c)
check("every persona has min_group customers",
      all(p["size"] >= mg for p in pers))
check("persona per large cluster",
      sorted(p["cluster"] for p in pers) ==
      sorted(c for c, m in members.items() if len(m) >= mg))
n_clustered = sum(len(m) for m in members.values())
tot_con = sum(float(cust[c]["contribution"]) for c in buyer
              if cust[c]["contribution"])
bad = []
for p in pers:
    cs = members[p["cluster"]]
    rev = sum(revenue[c] for c in cs)
    con = sum(float(cust[c]["contribution"]) for c in cs
              if cust[c]["contribution"])
    opy = statistics.median(
        len(orders[c]) * 365.25 / max((as_of - first[c]).days + 1, 365.25)
        for c in cs)
    basket = statistics.median(revenue[c] / len(orders[c]) for c in cs)
    for what, x, y, tol in [
            ("size", p["size"], len(cs), 0),
            ("share_customers", p["share_customers"], len(cs) / n_clustered, 6e-5),
            ("share_revenue", p["share_revenue"], rev / tot_rev, 6e-5),
            ("share_contribution", p["share_contribution"], con / tot_con, 6e-5),
            ("orders_per_year", p["orders_per_year"], opy, 0.006),
            ("basket", p["basket"], basket, 0.006)]:
        if x is None or abs(x - y) > tol:
            bad.append("persona %d %s: %r vs %r" % (p["cluster"], what, x, y))
    n = nps_of(cs)
    if n is None and p["nps"] is not None:
        bad.append("persona %d nps over too few answers" % p["cluster"])
    if n is not None and (p["nps"] is None or abs(p["nps"] - n) > 0.06):
        bad.append("persona %d nps %r vs %r" % (p["cluster"], p["nps"], n))
    # attribute traits: count, lift = share in the cluster / share overall
    everyone = [c for m in members.values() for c in m]
    for t in p["traits"]:
        if "attribute" not in t or t["attribute"] not in (
                "sector", "size", "channel", "region", "tenure"):
            continue
        a, v = t["attribute"], t["value"]
        cnt = sum(attr_of(c, a) == v for c in cs)
        allc = sum(attr_of(c, a) == v for c in everyone)
        lift = (cnt / len(cs)) / (allc / len(everyone))
        if cnt != t["count"] or abs(lift - t["lift"]) > 0.006 or cnt < mg:
            bad.append("persona %d trait %s=%s: %d, %.3f vs %d, %.3f" % (
                p["cluster"], a, v, t["count"], t["lift"], cnt, lift))
check("persona figures and traits", not bad, "; ".join(bad[:5]))
check("persona traits of at least min_group customers",
      all(t.get("count", mg) >= mg for p in pers for t in p["traits"]))

# persona comment themes: over the cluster's latest answers with a comment;
# a theme is shown with at least min_group of them, and every comment that
# holds its label as written holds the theme (its stems cover more forms)
last_answer = {}
for r in rows(data + "/feedback.csv"):
    d = day(r["datum"])
    if d <= as_of and (r["klantnummer"] not in last_answer or
                       d >= last_answer[r["klantnummer"]][0]):
        last_answer[r["klantnummer"]] = (d, r["opmerking"].strip())
bad = []
shown = 0
for p in pers:
    texts = [last_answer[c][1].lower() for c in members[p["cluster"]]
             if c in last_answer and last_answer[c][1]]
    for t in p["themes"]:
        shown += 1
        pat = re.compile(r"\b" + re.escape(t["label"]) + r"\b")
        written = sum(1 for x in texts if pat.search(x))
        if not (t["comments"] == len(texts) and mg <= t["count"] <= len(texts)
                and t["count"] >= written >= 1):
            bad.append("persona %d theme %s: %d of %d vs %d written, %d" % (
                p["cluster"], t["label"], t["count"], t["comments"], written,
                len(texts)))
check("persona comment themes (%d shown)" % shown, not bad and shown > 0,
      "; ".join(bad[:5]))

# 3. `segments --format json` by another attribute
if len(sys.argv) > 4:
    out = json.load(open(sys.argv[3]))
    for g in out["segments"]:
        g["key"] = g["segment"]
    compare_segments("segments --by " + sys.argv[4], sys.argv[4],
                     out["segments"])
sys.exit(1 if failed else 0)
