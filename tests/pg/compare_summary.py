#!/usr/bin/env python3
"""Compare the summary the database computed (summary --pushdown --format
json) with the one klantwijs computed from the lines (summary --format csv):
every customer, every column both have, and the (x, t_x, T) pattern counts,
which are recounted here from the line-based summary (a second method).

    compare_summary.py LINES.csv PUSHDOWN.json
Exit 0 when equal; the differences otherwise.
"""
import collections
import csv
import json
import sys
from decimal import Decimal


def main():
    with open(sys.argv[1], newline="") as f:
        lines = {r["customer_id"]: r for r in csv.DictReader(f)}
    with open(sys.argv[2]) as f:
        push = json.load(f)
    rows = {r["customer_id"]: r for r in push["customers"]}
    bad = []
    if set(lines) != set(rows):
        bad.append("customers differ: %d only in the lines, %d only pushed down"
                   % (len(set(lines) - set(rows)), len(set(rows) - set(lines))))
    for cid in sorted(set(lines) & set(rows)):
        a, b = lines[cid], rows[cid]
        checks = [("first_purchase", a["first_purchase"], b["first_purchase"]),
                  ("last_purchase", a["last_purchase"], b["last_purchase"]),
                  ("orders", int(a["orders"]), b["orders"]),
                  ("purchase_days", int(a["purchase_days"]), b["purchase_days"]),
                  ("revenue", Decimal(a["revenue"]), Decimal(str(b["revenue"]))),
                  ("x", float(a["x"]), float(b["x"])),
                  ("t_x", float(a["t_x"]), float(b["t_x"])),
                  ("T", float(a["T"]), float(b["T"]))]
        if a.get("margin") not in (None, "") and "cost" in b:
            checks.append(("margin", Decimal(a["margin"]),
                           Decimal(str(b["revenue"])) - Decimal(str(b["cost"]))))
        for name, u, v in checks:
            if u != v:
                bad.append("%s %s: %s from the lines, %s pushed down"
                           % (cid, name, u, v))
    want = collections.Counter((float(r["x"]), float(r["t_x"]), float(r["T"]))
                               for r in lines.values())
    got = collections.Counter({(float(p["x"]), float(p["t_x"]), float(p["T"])):
                               p["customers"] for p in push["patterns"]})
    if want != got:
        bad.append("pattern counts differ (%d vs %d patterns)"
                   % (len(want), len(got)))
    total = sum(Decimal(r["revenue"]) for r in lines.values())
    if total != Decimal(str(push["revenue"])):
        bad.append("revenue %s vs %s" % (total, push["revenue"]))
    for b in bad[:20]:
        print(b, file=sys.stderr)
    print("%d customers, %d patterns compared: %s"
          % (len(rows), len(got), "equal" if not bad else "%d differences" % len(bad)),
          file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
