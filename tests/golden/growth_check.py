#!/usr/bin/env python3
"""Independent checks of the growth analyses on demo data, against the
generator's truth and a recomputation from the CSV files (standard library
only; nothing of klantwijs is reused).

    growth_check.py KLANTWIJS

Writes a demo data set, runs `analyze` and `trends --format json`, and
checks:
  - referrals: every referred customer's referrer equals the generator's
    truth (truth_customers.csv, column referrer), and the referrer counts
    per referrer match;
  - acquisition: per channel the customer count equals truth.json
    acquisition.channels, and the CAC equals the mean acquisitiekost of
    the channel's buyers in customers.csv;
  - trends: revenue, active and new customers per month recomputed from
    transactions.csv; the bridge adds up to each change of revenue;
  - marketing spend: a spend file (1.25 x the customers' acquisition cost
    per channel and month, plus a channel nobody came through) gives per
    channel CAC = spend / customers acquired in the months it covers, and
    the unmatched spend;
  - discounts per segment: sales, sales on discount and discount given per
    RFM segment (customers.csv rfm_segment) from transactions.csv, and
    customers.csv discount_given and deal_seeker per customer;
  - the action plan: no customer who brought 2+ buying customers (truth)
    is developed, said goodbye to or served at low cost, and each reason
    "Brought N customers" names the truth's N;
  - customers.xlsx: sheets Trend, Funnel, Referrers, Channels and
    Discounts per segment, whose cells equal summary.json (revenue per
    month, entered per step, customers brought, CAC, discount given).
Prints one line per check and 'N passed, N failed'; exits 1 on a failure.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from decimal import Decimal

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def amount(s):
    s = s.strip()
    neg = s.endswith("-")
    s = s.rstrip("-").replace(".", "").replace(",", ".")
    v = Decimal(s)
    return -v if neg else v


def day(s):
    d, m, y = s.split("/")
    return (int(y), int(m), int(d))


def main():
    kw = sys.argv[1]
    tmp = tempfile.mkdtemp()
    data = os.path.join(tmp, "d")
    subprocess.run([kw, "demo", "--customers", "600", "--seed", "17", "-o",
                    data], check=True, capture_output=True)
    rep = os.path.join(tmp, "r")
    subprocess.run([kw, "analyze", data, "-o", rep], check=True,
                   capture_output=True)
    summ = json.load(open(os.path.join(rep, "summary.json")))

    def rows(name):
        with open(os.path.join(data, name), encoding="utf-8") as f:
            return list(csv.DictReader(f, delimiter=";"))

    # --- referrals against the truth
    truth = {r["customer"]: r["referrer"] for r in csv.DictReader(
        open(os.path.join(data, "truth_customers.csv")))}
    by = {}
    with open(os.path.join(rep, "customers.csv")) as f:
        for r in csv.DictReader(f):
            by[r["customer_id"]] = r.get("referred_by", "")
    bad = [c for c, ref in truth.items() if c in by and by[c] != ref]
    check("referrals: referred_by equals the generator's referrer",
          not bad, f"{len(bad)} differ, e.g. {bad[:3]}")
    want = Counter(ref for ref in truth.values() if ref)
    want_ref = want
    got = {r["referrer"]: r["direct"] for r in summ["referrals"]["referrers"]}
    bad = [k for k, v in got.items() if want.get(k) != v]
    check("referrals: customers brought per referrer (top 20)", not bad,
          str(bad[:3]))
    check("referrals: total referred",
          summ["referrals"]["referred"] == sum(want.values()),
          f'{summ["referrals"]["referred"]} vs {sum(want.values())}')

    # --- acquisition channels against the truth
    tj = json.load(open(os.path.join(data, "truth.json")))
    cust = rows("customers.csv")
    tx = rows("transactions.csv")
    buyers = {r["klantnummer"] for r in tx if amount(r["bedrag"]) >= 0}
    chan = {r["klantnummer"]: r["acquisitiekanaal"] for r in cust}
    cost = {r["klantnummer"]: amount(r["acquisitiekost"]) for r in cust}
    counts = Counter(chan[c] for c in buyers)
    for c in summ["acquisition"]["channels"]:
        name = c["channel"]
        check(f"acquisition: {name} customers",
              c["customers"] == counts[name] and
              counts[name] <= tj["acquisition"]["channels"][name],
              f'{c["customers"]} vs {counts[name]}')
        members = [cost[k] for k in buyers if chan[k] == name]
        cac = float(sum(members) / len(members))
        check(f"acquisition: {name} CAC", abs(c["cac"] - cac) < 0.006,
              f'{c["cac"]} vs {cac:.2f}')

    # --- trends recomputed by month
    out = subprocess.run([kw, "trends", data, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    tr = json.loads(out)
    rev = defaultdict(Decimal)
    active = defaultdict(set)
    first = {}
    for r in tx:
        y, m, d = day(r["factuurdatum"])
        key = f"{y:04d}-{m:02d}"
        a = amount(r["bedrag"])
        rev[key] += a
        if a >= 0:
            active[key].add(r["klantnummer"])
            c = r["klantnummer"]
            first[c] = min(first.get(c, (9999,)), (y, m, d))
    new = Counter(f"{v[0]:04d}-{v[1]:02d}" for v in first.values())
    rows_ = tr["periods"]
    bad = [p["period"] for p in rows_
           if abs(Decimal(str(p["revenue"])) - rev[p["period"]]) > Decimal("0.005")
           or p["active"] != len(active[p["period"]])
           or p["new"] != new[p["period"]]]
    check("trends: revenue, active and new per month", not bad, str(bad[:3]))
    prev = None
    ok = True
    for p in rows_:
        if prev is not None:
            parts = sum(Decimal(str(p[k])) for k in (
                "bridge_new", "bridge_reactivated", "bridge_expansion",
                "bridge_contraction", "bridge_churned"))
            change = Decimal(str(p["revenue"])) - Decimal(str(prev["revenue"]))
            ok = ok and abs(parts - change) < Decimal("0.005")
        prev = p
    check("trends: the bridge adds up to every change", ok)

    # --- CAC from a marketing spend file
    spend = defaultdict(Decimal)
    for r in cust:
        d, m, y = r["acquisitiedatum"].split("/")
        spend[(r["acquisitiekanaal"], f"{y}-{m}")] += amount(
            r["acquisitiekost"]) * Decimal("1.25")
    with open(os.path.join(data, "marketing_spend.csv"), "w") as f:
        f.write("channel,month,amount\n")
        for (ch, mo), v in sorted(spend.items()):
            f.write(f"{ch},{mo}-01,{v:.2f}\n")
        f.write("radio,2024-06-01,777.00\n")
    out = subprocess.run([kw, "acquisition", data, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    aj = json.loads(out)
    months = sorted({mo for (_, mo) in spend})
    acq_month = {r["klantnummer"]: "{2}-{1}".format(
        *r["acquisitiedatum"].split("/")) for r in cust}
    for c in aj["channels"]:
        name = c["channel"]
        tot = float(sum(Decimal(f"{v:.2f}") for (ch, mo), v in spend.items()
                        if ch == name))
        new_ = sum(1 for k in buyers if chan[k] == name and
                   months[0] <= acq_month[k] <= months[-1])
        check(f"spend: {name} CAC = spend / new",
              c["cac_source"] == "spend" and
              abs(c["cac"] - tot / new_) < 0.006,
              f'{c["cac"]} vs {tot / new_:.2f}')
    check("spend: unmatched radio", abs(aj["spend"]["unmatched"] - 777) < 1e-6,
          str(aj["spend"]["unmatched"]))

    # --- discounts per segment and per customer
    seg = {}
    given = {}
    seeker = {}
    with open(os.path.join(rep, "customers.csv")) as f:
        for r in csv.DictReader(f):
            seg[r["customer_id"]] = r["rfm_segment"]
            given[r["customer_id"]] = r["discount_given"]
            seeker[r["customer_id"]] = r["deal_seeker"]
    sales = defaultdict(Decimal)
    on_deal = defaultdict(Decimal)
    disc = defaultdict(Decimal)
    for r in tx:
        c = r["klantnummer"]
        a = amount(r["bedrag"])
        k = amount(r["korting"]) if r["korting"] else Decimal(0)
        if a > 0:
            sales[c] += a
        if k > 0:
            disc[c] += k
            if a > 0:
                on_deal[c] += a
    bad = [c for c in seg if abs(Decimal(given[c] or "0") - disc[c]) >
           Decimal("0.005")]
    check("discounts: discount_given per customer", not bad, str(bad[:3]))
    orders = Counter()
    seen = set()
    for r in tx:
        if amount(r["bedrag"]) >= 0 and (r["klantnummer"],
                                         r["factuurdatum"]) not in seen:
            seen.add((r["klantnummer"], r["factuurdatum"]))
            orders[r["klantnummer"]] += 1
    bad = [c for c in seg if (seeker[c] == "yes") != (
        sales[c] > 0 and on_deal[c] / sales[c] >= Decimal("0.8") and
        orders[c] >= 3)]
    check("discounts: deal_seeker per customer (>= 80% on discount, 3+ "
          "purchase days)", not bad, str(bad[:3]))
    groups = defaultdict(list)
    for c, g in seg.items():
        groups[g or None].append(c)
    merged = defaultdict(list)
    for g, cs in groups.items():
        merged[g if g and len(cs) >= 5 else None].extend(cs)
    want = sorted((len(cs), round(float(sum(sales[c] for c in cs)), 2),
                   round(float(sum(on_deal[c] for c in cs)), 2),
                   round(float(sum(disc[c] for c in cs)), 2))
                  for cs in merged.values())
    got = sorted((g["customers"], g["sales"], g["discounted_sales"],
                  g["discount_given"])
                 for g in summ["acquisition"]["discounts"]["segments"])
    check("discounts: per segment sales, on discount, given", want == got,
          f"{want[:2]} vs {got[:2]}")

    # --- influencers in the action plan
    plan = {}
    with open(os.path.join(rep, "customers.csv")) as f:
        for r in csv.DictReader(f):
            plan[r["customer_id"]] = (r["action"], r["reason"])
    brought = Counter(ref for c, ref in truth.items() if ref and c in buyers)
    infl = [k for k, v in brought.items() if v >= 2 and k in plan]
    bad = [k for k in infl if plan[k][0] in ("develop", "goodbye",
                                             "serve_low_cost")]
    check(f"plan: none of {len(infl)} influencers served at low cost, "
          "developed or said goodbye to", infl and not bad, str(bad[:3]))
    named = [k for k, (act, why) in plan.items() if why.startswith("Brought")]
    bad = [k for k in named if not plan[k][1].startswith(
        f"Brought {brought[k]} customers")]
    check(f"plan: {len(named)} influencer reasons name the customers "
          "brought", named and not bad, str(bad[:3]))

    # --- the growth sheets of customers.xlsx
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
               "relationships"}
    z = zipfile.ZipFile(os.path.join(rep, "customers.xlsx"))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheets = {}
    for sh in wb.find("m:sheets", ns):
        rid = sh.get("{%s}id" % ns["r"])
        sheets[sh.get("name")] = "xl/" + target[rid]

    def cells(name):
        out = []
        root = ET.fromstring(z.read(sheets[name]))
        for row in root.iter("{%s}row" % ns["m"]):
            vals = []
            for c in row:
                v = c.find("m:v", ns)
                t = c.find(".//m:t", ns)
                vals.append(float(v.text) if v is not None and
                            c.get("t") not in ("s", "inlineStr", "str")
                            else (t.text if t is not None else None))
            out.append(vals)
        return out
    want = ["Trend", "Funnel", "Attribution", "Referrers", "Channels",
            "Discounts per segment"]
    check("xlsx: the growth sheets", all(n in sheets for n in want),
          str(list(sheets)))
    tr_rows = cells("Trend")[1:]
    bad = [r[0] for r in tr_rows if abs(Decimal(str(r[1])) - rev[r[0]]) >
           Decimal("0.005")]
    check(f"xlsx: Trend revenue of {len(tr_rows)} months", tr_rows and
          not bad, str(bad[:3]))
    fun = cells("Funnel")[1:]
    steps = summ["journey"]["steps"]
    check("xlsx: Funnel entered per step",
          [int(r[1]) for r in fun] == [s_["entered"] for s_ in steps],
          f"{[r[1] for r in fun]} vs {[s_['entered'] for s_ in steps]}")
    refs = {r[0]: int(r[2]) for r in cells("Referrers")[1:]}
    bad = [k for k, v in refs.items() if want_ref.get(k) != v]
    check(f"xlsx: Referrers brought ({len(refs)})", refs and not bad,
          str(bad[:3]))
    chs = {r[0]: r[2] for r in cells("Channels")[1:]}
    bad = [c["channel"] for c in summ["acquisition"]["channels"]
           if abs(chs.get(c["channel"], -1) - c["cac"]) > 0.006]
    check("xlsx: Channels CAC", not bad, str(bad))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
