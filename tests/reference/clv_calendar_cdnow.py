#!/usr/bin/env python3
"""
clv_calendar_cdnow.py -- the BG/BB calendar-week mapping of the CDNOW log,
counted independently of the C code with Python's datetime, for
tests/reference/ref_clv_cli.c (test_cdnow_discrete).

Rules (klantwijs/clv.h): purchase days (same-day lines merged); ISO weeks
(Monday to Sunday); the week of the first purchase is period 0,
opportunity j the j-th week after it; n = complete weeks after it up to the
as-of date 1997-09-30 (a Tuesday, so the last complete week ends Sunday
1997-09-28); the holdout is the H = 39 weeks completed by 1998-06-30.
Prints H, the customers, the holdout total, then per calibration class
x = 0..6, 7+ the customers and their holdout opportunities.

Run: python3 tests/reference/clv_calendar_cdnow.py ../shared/data/BTYD/cdnowElog.csv
"""
import csv
import datetime
import sys
from collections import defaultdict


def main(path):
    days = defaultdict(set)
    for r in csv.DictReader(open(path)):
        d = r['date']
        if float(r['sales']) < 0:
            continue
        days[r['sampleid']].add(datetime.date(int(d[:4]), int(d[4:6]),
                                              int(d[6:])))
    asof, end = datetime.date(1997, 9, 30), datetime.date(1998, 6, 30)
    week = lambda d: (d.toordinal() - 1) // 7  # 0001-01-01 was a Monday
    complete = lambda d: week(d) if d.weekday() == 6 else week(d) - 1
    pc = complete(asof)
    H = complete(end) - pc
    cn, ch, tot, n = [0] * 8, [0] * 8, 0, 0
    for ds in days.values():
        first = min(ds)
        if first > asof:
            continue
        n += 1
        pf = week(first)
        nn = max(0, pc - pf)
        opp = {week(d) - pf for d in ds if first < d <= end}
        x = sum(1 for j in opp if 1 <= j <= nn)
        h = sum(1 for j in opp if nn < j <= nn + H)
        cn[min(x, 7)] += 1
        ch[min(x, 7)] += h
        tot += h
    print('H', H, 'customers', n, 'holdout', tot)
    print('customers per class', cn)
    print('holdout per class', ch)


if __name__ == '__main__':
    main(sys.argv[1])
