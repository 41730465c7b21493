#!/usr/bin/python3
"""Write the data folders of a sales book kept as one file per year.

Three folders hold the same two years of sales lines (Exact Online style
headers: Relatie, Factuurdatum, Factuurnummer, Artikel, Aantal, Bedrag
excl. BTW):

  joined_csv/    Verkoopboek 2023.csv  + Verkoopboek 2024.csv
  joined_xlsx/   Verkoopboek 2023.xlsx + Verkoopboek 2024.xlsx
  joined_mixed/  Verkoopboek 2023.csv  + Verkoopboek 2024.xlsx

and bad_cell.xlsx, three sales lines below a title row whose last amount
is the text "twintig" (cell Verkopen!C5), for the place of a bad cell.

The CSV files are Belgian (';', decimal comma, day-first dates); the
workbooks have two title rows above the header, real date cells and a
"Totaal" row below the data (written with openpyxl, Debian's
python3-openpyxl). The 2023 export ran into January 2024: its last two
lines are also the first two lines of the 2024 file (the periods overlap
from 2024-01-03 to 2024-01-04), one of them a counter sale without a
customer id (a guest sale). The 2023 file also holds one line twice on one
invoice (two equal sales, which must stay).

The expected per-customer figures after the join are computed here from
the lines themselves (the 2024 lines that the 2023 file already has are
taken out as a multiset difference) and written to joined_expected.csv:
customer, first and last purchase, orders (distinct invoices), purchase
days (distinct dates) and revenue. None of the lines is negative.

Run: /usr/bin/python3 tests/data/folders/make_joined.py
The generated files are committed; the script is what made them.
"""
import collections
import csv
import datetime as dt
import os

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
D = dt.date
HEAD = ["Relatie", "Factuurdatum", "Factuurnummer", "Artikel", "Aantal",
        "Bedrag excl. BTW"]

Y2023 = [
    ("K1", D(2023, 2, 3), "V23-001", "A1", 2, 40.00),
    ("K1", D(2023, 2, 3), "V23-001", "A2", 1, 15.50),
    ("K2", D(2023, 3, 10), "V23-002", "A1", 1, 20.00),
    ("K3", D(2023, 5, 22), "V23-003", "A3", 3, 90.00),
    ("K1", D(2023, 7, 14), "V23-004", "A2", 1, 15.50),
    ("K1", D(2023, 7, 14), "V23-004", "A2", 1, 15.50),
    ("K2", D(2023, 9, 1), "V23-005", "A3", 1, 30.00),
    ("K4", D(2023, 11, 30), "V23-006", "A1", 5, 100.00),
    ("K3", D(2023, 12, 28), "V23-007", "A2", 2, 31.00),
    ("K2", D(2024, 1, 3), "V24-001", "A1", 1, 20.00),
    ("K4", D(2024, 1, 4), "V24-002", "A3", 2, 60.00),
    ("", D(2024, 1, 4), "V24-K01", "A1", 1, 20.00),
]
Y2024 = [
    ("K2", D(2024, 1, 3), "V24-001", "A1", 1, 20.00),
    ("K4", D(2024, 1, 4), "V24-002", "A3", 2, 60.00),
    ("", D(2024, 1, 4), "V24-K01", "A1", 1, 20.00),
    ("K1", D(2024, 1, 15), "V24-003", "A1", 1, 20.00),
    ("K5", D(2024, 2, 2), "V24-004", "A2", 4, 62.00),
    ("K3", D(2024, 3, 18), "V24-005", "A3", 1, 30.00),
    ("K1", D(2024, 4, 9), "V24-006", "A1", 3, 60.00),
    ("K1", D(2024, 4, 9), "V24-006", "A2", 1, 15.50),
    ("K5", D(2024, 5, 27), "V24-007", "A1", 2, 40.00),
    ("K2", D(2024, 6, 28), "V24-008", "A3", 1, 30.00),
]


def money(v):
    return f"{v:.2f}".replace(".", ",")


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(HEAD)
        for c, d, inv, art, q, amt in rows:
            w.writerow([c, d.strftime("%d-%m-%Y"), inv, art, q, money(amt)])


def write_xlsx(path, rows, year):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Verkoopboek"
    ws.append(["Bakkerij Peeters BV"])
    ws.append([f"Verkoopboek {year}"])
    ws.append(HEAD)
    for c, d, inv, art, q, amt in rows:
        ws.append([c, d, inv, art, q, amt])
        ws.cell(row=ws.max_row, column=2).number_format = "dd-mm-yyyy"
        ws.cell(row=ws.max_row, column=6).number_format = "#,##0.00"
    ws.append(["Totaal", None, None, None, None, round(sum(r[5] for r in rows), 2)])
    wb.save(path)


def expected():
    later = collections.Counter(Y2024)
    for r in Y2023:  # lines of 2024 the 2023 file already has
        if later[r] > 0:
            later[r] -= 1
    lines = list(Y2023) + list(later.elements())
    per = collections.defaultdict(list)
    guests = [r for r in lines if not r[0]]
    lines = [r for r in lines if r[0]]
    for r in lines:
        per[r[0]].append(r)
    out = []
    for c in sorted(per):
        rs = per[c]
        out.append((c, min(r[1] for r in rs).isoformat(),
                    max(r[1] for r in rs).isoformat(),
                    len({r[2] for r in rs}), len({r[1] for r in rs}),
                    f"{round(sum(r[5] for r in rs), 2):.2f}"))
    return out, len(lines), len(guests)


def main():
    for d in ("joined_csv", "joined_xlsx", "joined_mixed"):
        os.makedirs(os.path.join(HERE, d), exist_ok=True)
    write_csv(os.path.join(HERE, "joined_csv", "Verkoopboek 2023.csv"), Y2023)
    write_csv(os.path.join(HERE, "joined_csv", "Verkoopboek 2024.csv"), Y2024)
    write_xlsx(os.path.join(HERE, "joined_xlsx", "Verkoopboek 2023.xlsx"), Y2023, 2023)
    write_xlsx(os.path.join(HERE, "joined_xlsx", "Verkoopboek 2024.xlsx"), Y2024, 2024)
    write_csv(os.path.join(HERE, "joined_mixed", "Verkoopboek 2023.csv"), Y2023)
    write_xlsx(os.path.join(HERE, "joined_mixed", "Verkoopboek 2024.xlsx"), Y2024, 2024)
    # a workbook with one bad amount cell (Verkopen!C5) for the error place
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Verkopen"
    ws.append(["Verkopen 2024"])
    ws.append(["Klant", "Datum", "Bedrag"])
    ws.append(["K1", D(2024, 1, 5), 10.0])
    ws.append(["K2", D(2024, 1, 6), 12.5])
    ws.append(["K3", D(2024, 1, 7), "twintig"])
    wb.save(os.path.join(HERE, "bad_cell.xlsx"))
    rows, n, ng = expected()
    with open(os.path.join(HERE, "joined_expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer", "first_purchase", "last_purchase", "orders",
                    "purchase_days", "revenue"])
        w.writerows(rows)
    total = sum(float(r[5]) for r in rows)
    print(f"{n} lines after the join, {len(rows)} customers, revenue {total:.2f}, "
          f"{ng} guest sale (no customer id)")


if __name__ == "__main__":
    main()
