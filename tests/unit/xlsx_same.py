#!/usr/bin/env python3
"""Two workbooks hold the same content: xlsx_same.py A B.

Read with openpyxl: the same sheets in the same order; per sheet the same
dimensions, frozen pane, autofilter, column widths and column styles; per
cell the same value (numbers compared exactly), number format, bold and
fill. Prints what differs and exits 1; exits 0 when all agree."""
import sys

import openpyxl


def style(c):
    return (c.number_format, bool(c.font and c.font.b),
            c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None)


def main():
    a = openpyxl.load_workbook(sys.argv[1])
    b = openpyxl.load_workbook(sys.argv[2])
    bad = []
    if a.sheetnames != b.sheetnames:
        bad.append("sheets %r vs %r" % (a.sheetnames, b.sheetnames))
    cells = 0
    for name in a.sheetnames:
        if name not in b.sheetnames:
            continue
        x, y = a[name], b[name]
        for what in ("dimensions", "freeze_panes", "max_row", "max_column"):
            if getattr(x, what) != getattr(y, what):
                bad.append("%s: %s %r vs %r" % (name, what, getattr(x, what),
                                                getattr(y, what)))
        if x.auto_filter.ref != y.auto_filter.ref:
            bad.append("%s: autofilter %r vs %r" % (name, x.auto_filter.ref,
                                                    y.auto_filter.ref))
        for k, d in x.column_dimensions.items():
            e = y.column_dimensions[k]
            if (d.width, d.style) != (e.width, e.style):
                bad.append("%s: column %s %r vs %r" % (name, k, (d.width, d.style),
                                                       (e.width, e.style)))
        for ra, rb in zip(x.iter_rows(), y.iter_rows()):
            for ca, cb in zip(ra, rb):
                cells += 1
                if ca.value != cb.value or type(ca.value) != type(cb.value) \
                        or (ca.value is not None and style(ca) != style(cb)):
                    bad.append("%s!%s: %r %r vs %r %r" % (
                        name, ca.coordinate, ca.value, style(ca), cb.value,
                        style(cb)))
                if len(bad) > 20:
                    break
    for line in bad[:20]:
        print(line)
    print("%d cells compared, %d differences" % (cells, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
