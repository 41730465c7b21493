#!/usr/bin/env python3
"""Independent check of `klantwijs basket` on a demo data set.

    basket_check.py rules DEMO_DIR RULES_JSON
    basket_check.py recommend DEMO_DIR RECOMMEND_JSON
    basket_check.py penetration DEMO_DIR PENETRATION_JSON SEGMENTS
    basket_check.py upsell DEMO_DIR UPSELL_JSON SEGMENTS

SEGMENTS is the CSV of `klantwijs rfm DEMO_DIR --format csv` (the RFM
segment of each customer, checked on its own by value_check.py) or
column:NAME for a column of customers.csv.

Recomputes the figures of the JSON output at the thresholds it states
(a support fraction, the confidence; single-item consequents, itemsets of
up to 10 items, no lift threshold or item filter) from the demo CSV
files with plain Python written from the definitions in
include/klantwijs/basket.h and the command's help, not from the C code:
baskets are invoices of the products on their lines that are not returns
(a negative quantity or amount); itemsets are counted level by level
(Apriori candidates and a subset test per basket, not FP-growth); rules,
measures, next-best offers, expected values, penetration shares, type-7
quartiles and upsell candidates follow. Prints "ok NAME" or "MISMATCH
NAME: ..." per figure; exit code 1 on any mismatch.
"""
import csv
import json
import math
import sys
from itertools import combinations

bad = 0
PRIVACY_MIN = 5


def num(s):
    s = s.strip()
    if not s:
        return None
    return float(s.replace(".", "").replace(",", "."))


def cents(s):
    s = s.strip()
    if not s:
        return None
    neg = s.startswith("-")
    s = s.lstrip("-").replace(".", "")
    whole, _, frac = s.partition(",")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v


def rows(path, delim=";"):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f, delimiter=delim)
        head = next(r)
        for row in r:
            if row:
                yield dict(zip(head, row))


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= tol * max(1.0, abs(b))


def check(name, ok, detail=""):
    global bad
    if ok:
        print("ok", name)
    else:
        bad += 1
        print("MISMATCH %s: %s" % (name, detail))


class Sales:
    """transactions.csv: invoice baskets, histories, prices and margins."""

    def __init__(self, d, level="artikelcode"):
        self.item_ids = {}     # item -> dense id (first appearance)
        self.cust_ids = {}     # customer -> dense id (first appearance)
        self.baskets = {}      # invoice -> set of items
        self.history = {}      # customer -> set of items
        self.revenue = {}      # customer -> cents, net of returns
        self.orders = {}       # customer -> invoices with a purchase
        amount, units, m_amount, m_value = {}, {}, {}, {}
        self.lines = self.returns = 0
        for r in rows(d + "/transactions.csv"):
            item, c = r[level], r["klantnummer"]
            self.item_ids.setdefault(item, len(self.item_ids))
            self.cust_ids.setdefault(c, len(self.cust_ids))
            a, q, cost = cents(r["bedrag"]), num(r["aantal"]), cents(r["kostprijs"])
            self.revenue[c] = self.revenue.get(c, 0) + a
            if q < 0 or a < 0:
                self.returns += 1
                continue
            self.lines += 1
            self.baskets.setdefault(r["factuurnummer"], set()).add(item)
            self.history.setdefault(c, set()).add(item)
            self.orders.setdefault(c, set()).add(r["factuurnummer"])
            amount[item] = amount.get(item, 0) + a
            units[item] = units.get(item, 0) + (q if q > 0 else 1)
            if cost is not None:
                m_amount[item] = m_amount.get(item, 0) + a
                m_value[item] = m_value.get(item, 0) + a - cost
        self.price = {i: amount[i] / units[i] / 100 for i in amount}
        self.margin = {i: m_value[i] / m_amount[i] for i in m_amount
                       if m_amount[i] > 0}


def frequent(baskets, minc, max_len=10):
    """Apriori: counts of every itemset in at least minc baskets."""
    bl = [frozenset(b) for b in baskets]
    counts = {}
    for b in bl:
        for i in b:
            counts[frozenset([i])] = counts.get(frozenset([i]), 0) + 1
    level = {s: n for s, n in counts.items() if n >= minc}
    out = dict(level)
    k = 1
    while level and k < max_len:
        prev = sorted(level, key=lambda s: sorted(s))
        cand = set()
        for a, b in combinations(prev, 2):
            u = a | b
            if len(u) == k + 1 and all(frozenset(x) in level
                                       for x in combinations(u, k)):
                cand.add(u)
        level = {}
        for s in cand:
            n = sum(1 for b in bl if s <= b)
            if n >= minc:
                level[s] = n
        out.update(level)
        k += 1
    return out


def rules_of(sets, n, conf=0.5):
    """Single-consequent rules X => y with their measures."""
    out = {}
    for z, nz in sets.items():
        if len(z) < 2:
            continue
        for y in z:
            x = z - {y}
            nx, ny = sets[x], sets[frozenset([y])]
            c = nz / nx
            if c < conf - 1e-12:
                continue
            if nz == nx:
                cv = 1.0 if ny == n else None
            else:
                cv = (1 - ny / n) / (1 - c)
            out[(x, y)] = dict(support=nz / n, confidence=c,
                               lift=nz * n / (nx * ny),
                               leverage=nz / n - nx * ny / n ** 2,
                               conviction=cv, count=nz)
    return out


def mined(s, js):
    """Itemsets and rules at the thresholds the JSON states (min_support a
    fraction, min_confidence)."""
    baskets = [b for b in s.baskets.values() if b]
    n = len(baskets)
    minc = max(1, math.ceil(n * js["min_support"] - 1e-9))
    sets = frequent(baskets, minc)
    return n, minc, sets, rules_of(sets, n, js["min_confidence"])


def check_rules(d, js):
    s = Sales(d)
    n, minc, sets, rules = mined(s, js)
    check("baskets", js["n_baskets"] == n, (js["n_baskets"], n))
    check("lines", (js["lines_used"], js["lines_return"]) ==
          (s.lines, s.returns), (js["lines_used"], s.lines))
    check("min_count", js["min_count"] == minc, (js["min_count"], minc))
    check("frequent_itemsets", js["n_frequent_itemsets"] == len(sets),
          (js["n_frequent_itemsets"], len(sets)))
    check("rules", js["n_rules"] == len(rules) == len(js["rules"]),
          (js["n_rules"], len(rules)))
    bad_rules = []
    for r in js["rules"]:
        key = (frozenset(r["antecedent"]), r["consequent"][0])
        w = rules.get(key)
        if w is None or len(r["consequent"]) != 1 or not all(
                close(r[m], w[m]) for m in
                ("support", "confidence", "lift", "leverage",
                 "conviction")) or r["count"] != w["count"]:
            bad_rules.append((r, w))
    check("rule_measures", not bad_rules, bad_rules[:1])
    lifts = [r["lift"] for r in js["rules"]]
    check("sorted_by_lift", all(a >= b for a, b in zip(lifts, lifts[1:])))


def check_recommend(d, js):
    top = js["per_customer"]
    s = Sales(d)
    n, minc, sets, rules = mined(s, js)
    check("min_count", js["min_count"] == minc, (js["min_count"], minc))
    check("rules", js["n_rules"] == len(rules), (js["n_rules"], len(rules)))
    want = {}
    for c, bought in s.history.items():
        best = {}
        for (x, y), m in rules.items():
            if x <= bought and y not in bought:
                k = (m["confidence"], m["lift"])
                if y not in best or k > best[y][0]:
                    best[y] = (k, [x])
                elif k == best[y][0]:
                    best[y][1].append(x)
        ranked = sorted(best, key=lambda y: (-best[y][0][0], -best[y][0][1],
                                             s.item_ids[y]))[:top]
        if ranked:
            want[c] = [(y, best[y]) for y in ranked]
    got = {e["customer_id"]: e["offers"] for e in js["customers"]}
    check("customers_with_offers",
          set(got) == set(want) and js["n_customers_with_offers"] == len(want),
          (len(got), len(want)))
    check("customers", js["n_customers"] == len(s.history),
          (js["n_customers"], len(s.history)))
    diffs = []
    for c, offers in want.items():
        g = got.get(c, [])
        if len(g) != len(offers):
            diffs.append((c, "count"))
            continue
        for k, (o, (y, ((conf, lift), xs))) in enumerate(zip(g, offers)):
            ev = conf * s.price[y] * s.margin[y]
            if (o["rank"] != k + 1 or o["item"] != y or
                    not close(o["confidence"], conf) or
                    not close(o["lift"], lift) or
                    not close(o["expected_value"], ev) or
                    o["value_basis"] != "margin" or
                    frozenset(o["because"]) not in xs):
                diffs.append((c, o, y, conf, lift, ev))
    check("offers", not diffs, diffs[:1])
    check("offers_total", sum(len(v) for v in got.values()) ==
          sum(len(v) for v in want.values()))


def segments(d, spec):
    """customer -> group name; True when the groups are RFM segments."""
    seg = {}
    if spec.startswith("column:"):
        col = spec[len("column:"):]
        for r in rows(d + "/customers.csv"):
            seg.setdefault(r["klantnummer"], r[col] or "(blank)")
        return seg, False
    for r in rows(spec, ","):
        seg[r["customer_id"]] = r["segment_name"]
    return seg, True


def merge(seg, counted):
    """The privacy rule: groups under PRIVACY_MIN counted customers merge
    into "other", dropped when it is still too small. Groups in byte order
    of their names, "other" last."""
    size = {}
    for c, g in seg.items():
        if counted(c):
            size[g] = size.get(g, 0) + 1
    groups = sorted(size)
    keep = [g for g in groups if size.get(g, 0) >= PRIVACY_MIN]
    small = sum(n for g, n in size.items() if n < PRIVACY_MIN)
    merged = sum(1 for g, n in size.items() if 0 < n < PRIVACY_MIN)
    names = keep + (["other"] if small >= PRIVACY_MIN else [])
    out = {}
    for c, g in seg.items():
        if g in keep:
            out[c] = g
        elif small >= PRIVACY_MIN:
            out[c] = "other"
    return out, names, merged, (0 if small >= PRIVACY_MIN else small)


def check_penetration(d, js, spec):
    s = Sales(d, "categorie")
    seg, rfm = segments(d, spec)
    seg, names, merged, left = merge(seg, lambda c: True)
    shown = [x["segment"] for x in js["segments"][1:]]
    # RFM segments come in the rule table's order, groups of a column in
    # byte order of their names
    check("segments", (sorted(shown) if rfm else shown) == names,
          (shown, names))
    check("privacy", (js["groups_merged_into_other"],
                      js["customers_left_out"]) == (merged, left),
          (js["groups_merged_into_other"], js["customers_left_out"],
           merged, left))
    want = {}
    for g in ["all"] + names:
        members = [c for c in seg if g == "all" or seg[c] == g]
        for item in s.item_ids:
            buyers = sum(1 for c in members if item in s.history.get(c, ()))
            if any(item in b for b in s.baskets.values()):
                want[(g, item)] = (len(members), buyers,
                                   buyers / len(members))
    got = {(r["segment"], r["category"]): (r["customers"], r["buyers"],
                                           r["share"])
           for r in js["penetration"]}
    diffs = [(k, got.get(k), w) for k, w in want.items()
             if got.get(k) is None or got[k][:2] != w[:2] or
             not close(got[k][2], w[2])]
    check("shares", not diffs and len(got) == len(want), diffs[:1])


def q7(v, p):
    v = sorted(v)
    h = (len(v) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (h - lo) * (v[hi] - v[lo])


def check_upsell(d, js, spec):
    s = Sales(d)
    seg, rfm = segments(d, spec)
    counted = lambda c: len(s.orders.get(c, ())) >= 1
    seg, names, merged, left = merge(seg, counted)
    check("privacy", (js["groups_merged_into_other"],
                      js["customers_left_out"]) == (merged, left),
          (js["groups_merged_into_other"], js["customers_left_out"],
           merged, left))
    spo = {c: s.revenue[c] / 100 / len(s.orders[c])
           for c in seg if counted(c)}
    segs = {g: [spo[c] for c in spo if seg[c] == g] for g in names}
    rows_js = {r["segment"]: r for r in js["segments"]}
    diffs = []
    for g in names:
        v = segs[g]
        r = rows_js.get(g)
        if (r is None or r["customers"] != len(v) or
                not close(r["median"], q7(v, 0.5)) or
                not close(r["p25"], q7(v, 0.25))):
            diffs.append((g, r, len(v), q7(v, 0.5), q7(v, 0.25)))
    check("segment_quartiles", not diffs and len(rows_js) == len(names),
          diffs[:1])
    cand = []
    for c, v in spo.items():
        g = seg[c]
        med, thr = q7(segs[g], 0.5), q7(segs[g], 0.25)
        if v < thr:
            cand.append((-(med - v) * len(s.orders[c]), s.cust_ids[c], c,
                         g, v, med - v))
    cand.sort()
    got = [(r["customer_id"], r["segment"], r["orders"]) for r in
           js["candidates"]]
    want = [(c, g, len(s.orders[c])) for _, _, c, g, _, _ in cand]
    check("candidates", got == want, (len(got), len(want)))
    diffs = [(r, w) for r, w in zip(js["candidates"], cand)
             if not close(r["spend_per_order"], w[4]) or
             not close(r["gap"], w[5]) or
             not close(r["potential"], -w[0])]
    check("candidate_figures", not diffs, diffs[:1])


def main():
    mode, d, path = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(path, encoding="utf-8") as f:
        js = json.load(f)
    if mode == "rules":
        check_rules(d, js)
    elif mode == "recommend":
        check_recommend(d, js)
    elif mode == "penetration":
        check_penetration(d, js, sys.argv[4])
    elif mode == "upsell":
        check_upsell(d, js, sys.argv[4])
    else:
        sys.exit("unknown mode " + mode)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
