#!/usr/bin/env python3
"""Compare two analyze reports (summary.json and customers.csv) figure by
figure: text, integers and flags equal; decimals equal, or within a
relative 1e-4 (at least 0.015 absolute, one printed cent and rounding)
in the columns and keys named by --loose (and a sentence there equal but
for a number one unit of its last printed digit apart) (the CLV figures, whose fit on
the pushed-down patterns stops at the optimiser's tolerance in another
place than the fit on the per-customer rows). Every other figure must be
equal to the character.

    compare_report.py DIR_A DIR_B [--loose NAME ...]

Prints how many figures were compared and how many differed within the
tolerance; exit 1 on any other difference.
"""
import csv
import json
import re
import sys

NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def close_text(a, b):
    """Two sentences equal but for numbers one unit of their last printed
    digit apart (an amount rounded to whole euros on either side of .5)."""
    if NUM.sub("#", a) != NUM.sub("#", b):
        return False
    for x, y in zip(NUM.findall(a), NUM.findall(b)):
        d = len(x.split(".")[1]) if "." in x else 0
        fx, fy = float(x.replace(",", "")), float(y.replace(",", ""))
        if abs(fx - fy) > 1.0001 * 10 ** -d:
            return False
    return True


def close(a, b):
    return abs(a - b) <= max(1e-4 * max(abs(a), abs(b)), 0.015)


def main():
    args = sys.argv[1:]
    loose = set()
    if "--loose" in args:
        i = args.index("--loose")
        loose = set(args[i + 1:])
        args = args[:i]
    da, db = args
    errs, n, near = [], [0], [0]

    def num(x):
        try:
            return float(x)
        except (TypeError, ValueError):
            return None

    def cmp(path, a, b, key):
        n[0] += 1
        if a == b:
            return
        fa, fb = num(a), num(b)
        ok_loose = key in loose and not isinstance(a, bool) and (
            (fa is not None and fb is not None and close(fa, fb)) or
            (isinstance(a, str) and isinstance(b, str) and close_text(a, b)))
        if ok_loose:
            near[0] += 1
        else:
            errs.append("%s: %r != %r" % (path, a, b))

    def walk(path, a, b, key, inherit):
        k = key if key in loose else inherit
        if isinstance(a, dict) and isinstance(b, dict):
            if sorted(a) != sorted(b):
                errs.append("%s: keys differ" % path)
                return
            for x in a:
                walk(path + "." + x, a[x], b[x], x, k)
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                errs.append("%s: %d != %d items" % (path, len(a), len(b)))
                return
            for i, (x, y) in enumerate(zip(a, b)):
                walk("%s[%d]" % (path, i), x, y, key, k)
        else:
            cmp(path, a, b, k)

    ja = json.load(open(da + "/summary.json"))
    jb = json.load(open(db + "/summary.json"))
    walk("summary", ja, jb, "", "")
    ra = list(csv.reader(open(da + "/customers.csv", newline="")))
    rb = list(csv.reader(open(db + "/customers.csv", newline="")))
    if ra[0] != rb[0] or len(ra) != len(rb):
        errs.append("customers.csv: header or row count differ")
    else:
        head = ra[0]
        for r, (x, y) in enumerate(zip(ra[1:], rb[1:]), 2):
            for c, (u, v) in enumerate(zip(x, y)):
                cmp("customers.csv:%d:%s" % (r, head[c]), u, v, head[c])
    for e in errs[:20]:
        print("differs: " + e, file=sys.stderr)
    print("%d figures compared, %d equal, %d within the CLV tolerance, "
          "%d differ" % (n[0], n[0] - near[0] - len(errs), near[0],
                         len(errs)), file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
