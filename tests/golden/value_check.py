#!/usr/bin/env python3
"""Independent check of the customer-value commands on a demo data set.

    value_check.py profit|pareto|rfm|payments DEMO_DIR CLI_JSON

Recomputes the figures of `klantwijs profit|pareto|rfm|payments --format
json` from the demo CSV files (Belgian format: ';', decimal comma,
day-first dates) with plain Python written from the definitions in
include/klantwijs/value.h and payments.h, not from the C code, and prints
one line per figure: "ok NAME" or "MISMATCH NAME: cli X, check Y". Exit
code 1 on any mismatch. The profit check assumes the rates
service_hours=55 and support_ticket=25 (the demo's truth.json).
"""
import csv
import json
import math
import sys
from datetime import date

RATES = {"service_hours": 5500, "support_ticket": 2500}
bad = 0


def cents(s):
    s = s.strip()
    if not s:
        return None
    neg = s.startswith("-")
    s = s.lstrip("-").replace(".", "")
    whole, _, frac = s.partition(",")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v


def day(s):
    s = s.strip()
    if not s:
        return None
    d, m, y = s.split("/")
    return date(int(y), int(m), int(d)).toordinal()


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f, delimiter=";")
        head = next(r)
        for row in r:
            if row:
                yield dict(zip(head, row))


def money(v):
    """A JSON money value (2 decimals) in cents."""
    return None if v is None else int(round(v * 100))


def check(name, cli, want, tol=0.0):
    global bad
    if isinstance(want, float) or isinstance(cli, float):
        same = cli is not None and abs(cli - want) <= tol
    else:
        same = cli == want
    if same:
        print("ok", name)
    else:
        bad += 1
        if isinstance(want, dict) and isinstance(cli, dict):
            diff = sorted(k for k in set(cli) | set(want)
                          if cli.get(k) != want.get(k))
            print("MISMATCH %s: %d differ, first %r: cli %r, check %r" % (
                name, len(diff), diff[0], cli.get(diff[0]),
                want.get(diff[0])))
        else:
            print("MISMATCH %s: cli %.200r, check %.200r" % (name, cli, want))


class Sales:
    """Per-customer sums of transactions.csv, in order of first appearance
    (the dense customer id order)."""

    def __init__(self, d):
        self.order = []
        self.rev, self.cogs, self.disc = {}, {}, {}
        self.lines, self.inv, self.last = {}, {}, {}
        self.as_of = None
        for r in rows(d + "/transactions.csv"):
            c = r["klantnummer"]
            if c not in self.rev:
                self.order.append(c)
                self.rev[c] = self.cogs[c] = self.disc[c] = 0
                self.lines[c] = 0
                self.inv[c] = set()
                self.last[c] = None
            a = cents(r["bedrag"])
            dt = day(r["factuurdatum"])
            self.rev[c] += a
            self.cogs[c] += cents(r["kostprijs"])
            self.disc[c] += cents(r["korting"]) or 0
            self.lines[c] += 1
            if a >= 0:
                self.inv[c].add(r["factuurnummer"])
                if self.last[c] is None or dt > self.last[c]:
                    self.last[c] = dt
            if self.as_of is None or dt > self.as_of:
                self.as_of = dt


def iso(o):
    return date.fromordinal(o).isoformat()


def check_profit(d, js):
    s = Sales(d)
    serve = {}
    for r in rows(d + "/costs.csv"):
        c = r["klantnummer"]
        if day(r["datum"]) > s.as_of:
            continue
        a = cents(r["bedrag"])
        if a is None:
            units = float(r["aantal"].replace(",", ".")) if r["aantal"] else 1
            a = int(round(units * RATES[r["type"]]))
        serve[c] = serve.get(c, 0) + a
    active = list(s.order) + [c for c in serve if c not in s.rev]
    contrib = {}
    for c in active:
        contrib[c] = s.rev.get(c, 0) - s.cogs.get(c, 0) - serve.get(c, 0)
    total = sum(contrib.values())
    check("as_of", js["as_of"], iso(s.as_of))
    check("customers", js["n_customers"], len(active))
    check("revenue", money(js["revenue"]), sum(s.rev.values()))
    check("cost_of_goods", money(js["cost_of_goods"]), sum(s.cogs.values()))
    check("discounts", money(js["discounts"]), sum(s.disc.values()))
    check("cost_to_serve", money(js["cost_to_serve"]), sum(serve.values()))
    check("contribution", money(js["contribution"]), total)
    check("margin_pct", js["margin_pct"],
          total / sum(s.rev.values()) * 100, 1e-4)
    loss = [c for c in active if contrib[c] < 0]
    check("loss_customers", js["loss_customers"], len(loss))
    check("loss_total", money(js["loss_total"]), sum(contrib[c] for c in loss))
    ranked = sorted(contrib.values(), reverse=True)
    cum, best, bestk = 0, 0, 0
    for k, v in enumerate(ranked, 1):
        cum += v
        if cum > best:
            best, bestk = cum, k
    check("whale_peak_customers", js["whale_peak_customers"], bestk)
    check("whale_peak_customer_share", js["whale_peak_customer_share"],
          bestk / len(ranked), 1e-6)
    check("whale_peak_contribution_share",
          js["whale_peak_contribution_share"], best / total, 1e-6)
    # large: the top 10% of active customers by revenue (ceil), extended
    # over ties; the unprofitable among them
    byrev = sorted(active, key=lambda c: -s.rev.get(c, 0))
    k = math.ceil(0.10 * len(active))
    while k < len(byrev) and s.rev.get(byrev[k], 0) == s.rev.get(byrev[k - 1], 0):
        k += 1
    large_loss = sorted(c for c in byrev[:k] if contrib[c] < 0)
    check("large_customers", js["large_customers"], k)
    check("large_unprofitable",
          sorted(x["customer_id"] for x in js["large_unprofitable"]),
          large_loss)
    got = {r["customer_id"]: money(r["contribution"]) for r in js["customers"]}
    check("per-customer contribution", got, contrib)
    # the generator's planted unprofitable customers (truth_customers.csv)
    with open(d + "/truth_customers.csv", newline="") as f:
        planted = sorted(r["customer"] for r in csv.DictReader(f)
                         if r["unprofitable"] == "1")
    check("planted unprofitable customers lose money",
          sorted(c for c in planted if got.get(c) is not None and got[c] < 0),
          planted)


def check_pareto(d, js):
    s = Sales(d)
    x = {c: max(s.rev[c], 0) for c in s.order}
    n = len(x)
    tot = sum(x.values())
    desc = sorted(x.values(), reverse=True)
    k = math.ceil(0.2 * n)
    check("customers", js["n_customers"], n)
    check("revenue", money(js["revenue"]), tot)
    check("top_customers", js["top_customers"], k)
    check("top_revenue_share", js["top_revenue_share"], sum(desc[:k]) / tot, 1e-6)
    cum, j = 0, 0
    while cum < 0.8 * tot:
        cum += desc[j]
        j += 1
    check("target_customers", js["target_customers"], j)
    asc = desc[::-1]
    g = 2 * sum((i + 1) * v for i, v in enumerate(asc)) / (n * tot) - (n + 1) / n
    check("gini", js["gini"], g, 1e-6)
    check("hhi", js["hhi"], sum((v / tot) ** 2 for v in desc), 1e-6)
    for m in (1, 5, 10):
        check("largest_%d_share" % m, js["largest_%d_share" % m],
              sum(desc[:m]) / tot, 1e-6)
    rep = [c for c in s.order if len(s.inv[c]) >= 2]
    once = [c for c in s.order if len(s.inv[c]) == 1]
    check("repeat_customers", js["repeat_customers"], len(rep))
    check("once_customers", js["once_customers"], len(once))
    rr = sum(x[c] for c in rep)
    ro = sum(x[c] for c in once)
    check("repeat_revenue_share", js["repeat_revenue_share"], rr / tot, 1e-6)
    check("repeat_once_ratio", js["repeat_once_ratio"],
          (rr / len(rep)) / (ro / len(once)), 1e-4)
    # ABC: class by the revenue before the customer; equal revenue, equal
    # class
    cls, before, prev_v, prev_c = {}, 0, None, None
    for c in sorted(s.order, key=lambda c: -x[c]):
        if x[c] == prev_v:
            k2 = prev_c
        elif before < 0.80 * tot * (1 - 1e-14):
            k2 = "A"
        elif before < 0.95 * tot * (1 - 1e-14):
            k2 = "B"
        else:
            k2 = "C"
        cls[c] = k2
        before += x[c]
        prev_v, prev_c = x[c], k2
    for a in js["abc"]:
        check("abc %s customers" % a["class"], a["customers"],
              sum(1 for v in cls.values() if v == a["class"]))
    got = {r["customer_id"]: r["abc"] for r in js["customers"]}
    check("per-customer abc", got, cls)
    pts = js["pareto_curve"]
    check("curve ends", (pts[0]["revenue_share"], pts[-1]["revenue_share"]),
          (0, 1))


def scores(vals, bins, lower_better):
    """1 + floor(bins x L / n), L = customers with a worse value; spread
    evenly when there are no more distinct values than bins."""
    n = len(vals)
    key = {c: (-v if lower_better else v) for c, v in vals.items()}
    distinct = sorted(set(key.values()))
    out = {}
    if len(distinct) <= bins:
        dd = len(distinct)
        for c, v in key.items():
            kk = distinct.index(v)
            out[c] = (bins + 1) // 2 if dd == 1 else \
                1 + int(math.floor(kk * (bins - 1) / (dd - 1) + 0.5))
        return out
    ordered = sorted(key.values())
    first = {}
    for i, v in enumerate(ordered):
        first.setdefault(v, i)
    for c, v in key.items():
        out[c] = 1 + (bins * first[v]) // n
    return out


GRID = [  # (segment, R lo, R hi, FM lo, FM hi), first match wins
    ("champions", 4, 5, 4, 5), ("loyal", 3, 5, 3, 5),
    ("cant_lose", 1, 1, 4, 5), ("at_risk", 1, 2, 3, 5),
    ("new", 4, 5, 1, 1), ("potential_loyalist", 4, 5, 1, 3),
    ("promising", 3, 3, 1, 1), ("need_attention", 2, 3, 2, 3),
    ("about_to_sleep", 2, 3, 1.5, 2), ("lost", 1, 1, 1, 1),
    ("hibernating", 1, 2, 1, 3)]


def check_rfm(d, js):
    s = Sales(d)
    buyers = [c for c in s.order if s.last[c] is not None]
    R = scores({c: s.as_of - s.last[c] for c in buyers}, 5, True)
    F = scores({c: len(s.inv[c]) for c in buyers}, 5, False)
    M = scores({c: s.rev[c] for c in buyers}, 5, False)
    seg = {}
    for c in buyers:
        fm = (F[c] + M[c]) / 2
        seg[c] = next((g for g, a, b, lo, hi in GRID
                       if a <= R[c] <= b and lo <= fm <= hi), "other")
    check("customers_scored", js["customers_scored"], len(buyers))
    got = {r["customer_id"]: r["rfm"] for r in js["customers"]}
    check("per-customer RFM code", got,
          {c: "%d%d%d" % (R[c], F[c], M[c]) for c in buyers})
    got = {r["customer_id"]: r["segment"] for r in js["customers"]}
    check("per-customer segment", got, seg)
    tot = sum(s.rev[c] for c in buyers)
    for row in js["segments"]:
        mem = [c for c in buyers if seg[c] == row["segment"]]
        check("segment %s customers" % row["segment"], row["customers"],
              len(mem))
        check("segment %s revenue share" % row["segment"],
              row["revenue_share"], sum(s.rev[c] for c in mem) / tot, 1e-6)


def check_payments(d, js):
    s = Sales(d)
    as_of = s.as_of
    per = {}
    tot = {"open": 0, "overdue": 0, "recent": 0, "pw": 0, "ps": 0,
           "settled": 0, "late": 0, "age": [0] * 5}
    for r in rows(d + "/invoices.csv"):
        dt = day(r["factuurdatum"])
        if dt > as_of:
            continue
        c = r["klantnummer"]
        a = cents(r["bedrag"])
        due = day(r["vervaldatum"])
        paid = day(r["betaaldatum"])
        if paid is not None and paid > as_of:
            paid = None
        p = per.setdefault(c, {"open": 0, "overdue": 0, "maxover": 0,
                               "lw": 0, "ls": 0, "pos": False})
        if dt > as_of - 90:
            tot["recent"] += a
        if a < 0:
            if paid is None:
                p["open"] += a
                tot["open"] += a
            continue
        p["pos"] = True
        if paid is None:
            p["open"] += a
            tot["open"] += a
            over = as_of - due
            b = 0 if over <= 0 else 1 if over <= 30 else 2 if over <= 60 \
                else 3 if over <= 90 else 4
            tot["age"][b] += a
            if over > 0:
                p["overdue"] += a
                tot["overdue"] += a
                p["maxover"] = max(p["maxover"], over)
        else:
            tot["pw"] += a
            tot["ps"] += a * (paid - dt)
            p["lw"] += a
            p["ls"] += a * max(0, paid - due)
            tot["settled"] += 1
            tot["late"] += paid > due
    cls = {}
    for c, p in per.items():
        if not p["pos"]:
            continue
        late = p["ls"] / p["lw"] if p["lw"] else 0
        cls[c] = "problematic" if late > 60 or p["maxover"] > 90 else \
            "slow" if late > 7 or p["maxover"] > 30 else "fast"
    check("as_of", js["as_of"], iso(as_of))
    check("customers", js["n_customers"], len(cls))
    for k in ("fast", "slow", "problematic"):
        check(k + "_payers", js[k + "_payers"],
              sum(1 for v in cls.values() if v == k))
    check("settled", js["settled"], tot["settled"])
    check("settled_late", js["settled_late"], tot["late"])
    check("days_to_pay", js["days_to_pay"], tot["ps"] / tot["pw"], 1e-4)
    check("open", money(js["open"]), tot["open"])
    check("overdue", money(js["overdue"]), tot["overdue"])
    names = ["not_due", "overdue_1_30", "overdue_31_60", "overdue_61_90",
             "overdue_90_plus"]
    for b, nm in enumerate(names):
        check(nm, money(js[nm]), tot["age"][b])
    check("dso", js["dso"], tot["open"] / tot["recent"] * 90, 1e-3)
    revall = sum(max(v, 0) for v in s.rev.values())
    prob = sum(max(s.rev.get(c, 0), 0) for c, v in cls.items()
               if v == "problematic")
    check("problematic_revenue_share", js["problematic_revenue_share"],
          prob / revall, 1e-6)
    top = sorted(((-p["overdue"], c) for c, p in per.items()
                  if p["overdue"] > 0))[:10]
    check("top_overdue", [x["customer_id"] for x in js["top_overdue"]],
          [c for _, c in top])
    got = {r["customer_id"]: r["class"] for r in js["customers"]}
    check("per-customer class", got, cls)


def main():
    what, d, path = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        js = json.load(f)
    {"profit": check_profit, "pareto": check_pareto, "rfm": check_rfm,
     "payments": check_payments}[what](d, js)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
