#!/usr/bin/python3
"""Write the accounting-package fixtures of tests/data/packages.

One small sales-invoice list (six invoices of three customers, one credit
note) is written as each package exports it: the package's column names
(docs/headers.md says where they come from), its CSV dialect (delimiter,
decimal mark, date order) and, for the .xlsx form, title rows above the
header, a total row below the data and a second sheet that is not the data.
The .xlsx files are written with openpyxl and the .xls file with xlwt
(Debian: python3-openpyxl, python3-xlwt); special.xlsx is written part by
part with zipfile (with doctype.xlsx, the same with a DOCTYPE, and
damaged.xlsx, its first two thirds) to hold what openpyxl does not write (inline and rich
strings, the 1904 date system, booleans, error cells, exponents).

Run from anywhere: /usr/bin/python3 tests/data/packages/make_fixtures.py
The generated files are committed; the script is what made them.

Figures of the base data (excl. VAT; VAT 21%, incl. rounded to cents):
  C1: 100.00 + 80.50 + 19.99 = 200.49 (3 invoices)   incl 121.00 + 97.41 + 24.19
  C2: 250.00 - 50.00 = 200.00 (1 invoice, 1 credit)  incl 302.50 - 60.50
  C3: 1200.00 (1 invoice)                            incl 1452.00
  total excl 1600.49, incl 1936.60.
"""
import csv
import datetime as dt
import os
import zipfile

import openpyxl
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))

# customer, invoice date, invoice, due date, excl, incl, open, paid on
BASE = [
    ("C1", dt.date(2024, 1, 5), "F2024-001", dt.date(2024, 2, 4), 100.00, 121.00, 0.00, dt.date(2024, 1, 30)),
    ("C2", dt.date(2024, 1, 20), "F2024-002", dt.date(2024, 2, 19), 250.00, 302.50, 0.00, dt.date(2024, 3, 1)),
    ("C1", dt.date(2024, 2, 10), "F2024-003", dt.date(2024, 3, 11), 80.50, 97.41, 0.00, dt.date(2024, 3, 5)),
    ("C3", dt.date(2024, 3, 1), "F2024-004", dt.date(2024, 3, 31), 1200.00, 1452.00, 1452.00, None),
    ("C2", dt.date(2024, 3, 15), "C2024-001", dt.date(2024, 3, 15), -50.00, -60.50, 0.00, dt.date(2024, 3, 15)),
    ("C1", dt.date(2024, 3, 30), "F2024-005", dt.date(2024, 4, 29), 19.99, 24.19, 24.19, None),
]

# Per package: the header of each field it exports (None: not exported),
# customer ids as the package writes them, CSV delimiter, decimal mark,
# date format, encoding, title rows of the .xlsx, its total row label.
STYLES = {
    "exact": dict(
        cols=dict(cust="Relatie", date="Factuurdatum", inv="Factuurnummer",
                  due="Vervaldatum", excl="Bedrag excl. BTW",
                  incl="Bedrag incl. BTW", open="Openstaand", paid=None),
        ids={"C1": 1001, "C2": 1002, "C3": 1003}, delim=";", mark=",",
        datefmt="%d-%m-%Y", titles=["Bakkerij Peeters BV", "Verkoopfacturen 2024"],
        total="Totaal"),
    "odoo": dict(
        cols=dict(cust="Partner", date="Invoice Date", inv="Number",
                  due="Due Date", excl="Tax Excluded", incl="Total",
                  open="Amount Due", paid=None),
        ids={"C1": "Azure Interior", "C2": "Deco Addict", "C3": "Gemini Furniture"},
        delim=",", mark=".", datefmt="%Y-%m-%d", titles=[], total=None),
    "odoo_fr": dict(
        cols=dict(cust="Client", date="Date de facturation", inv="Numéro",
                  due="Date d'échéance", excl="Montant HTVA",
                  incl="Total TVAC", open="Montant dû", paid=None),
        ids={"C1": "Azure Interior", "C2": "Deco Addict", "C3": "Gemini Furniture"},
        delim=";", mark=",", datefmt="%d/%m/%Y", titles=["Factures clients"],
        total="Total"),
    "yuki": dict(
        cols=dict(cust="Relatie", date="Datum", inv="Factuurnummer", due=None,
                  excl="Bedrag excl. btw", incl=None, open="Openstaand",
                  paid=None),
        ids={"C1": "Janssens", "C2": "De Smet", "C3": "Peeters"},
        delim=";", mark=",", datefmt="%d-%m-%Y", titles=["Verkoopboek", "Periode 01-01-2024 t/m 31-03-2024", None],
        total="Totaal"),
    "octopus": dict(
        cols=dict(cust="Relatie", date="Datum", inv="Document",
                  due="Vervaldatum", excl="Bedrag excl.", incl="Bedrag incl.",
                  open="Saldo", paid=None),
        ids={"C1": "JANS01", "C2": "DESM01", "C3": "PEET01"},
        delim=";", mark=",", datefmt="%d/%m/%Y", titles=["Verkoopdagboek VK1"],
        total="Totaal generaal"),
    "winbooks": dict(
        cols=dict(cust="Tiers", date="Date", inv="Pièce", due="Échéance",
                  excl="Montant HTVA", incl="Montant TVAC", open="Solde",
                  paid=None),
        ids={"C1": "JANSSENS", "C2": "DESMET", "C3": "PEETERS"},
        delim=";", mark=",", datefmt="%d/%m/%Y", titles=["Journal des ventes"],
        total="Total"),
    "teamleader": dict(
        cols=dict(cust="Klant", date="Factuurdatum", inv="Factuurnummer",
                  due="Vervaldatum", excl="Totaal excl. btw",
                  incl="Totaal incl. btw", open=None, paid="Betaald op"),
        ids={"C1": "Janssens BV", "C2": "De Smet NV", "C3": "Peeters & Zn"},
        delim=",", mark=".", datefmt="%d/%m/%Y", titles=[], total=None),
    "twinfield": dict(
        cols=dict(cust="Debiteur", date="Boekdatum", inv="Factuurnummer",
                  due="Vervaldatum", excl="Bedrag", incl=None,
                  open="Openstaand", paid=None),
        ids={"C1": 10001, "C2": 10002, "C3": 10003},
        delim=";", mark=",", datefmt="%d-%m-%Y", titles=["Openstaande posten debiteuren"],
        total="Totaal"),
    "moneybird": dict(
        cols=dict(cust="Contact", date="Factuurdatum", inv="Factuurnummer",
                  due="Vervaldatum", excl="Totaal excl. btw",
                  incl="Totaal incl. btw", open="Openstaand bedrag",
                  paid=None),
        ids={"C1": "Janssens", "C2": "De Smet", "C3": "Peeters"},
        delim=",", mark=",", datefmt="%d-%m-%Y", titles=[], total=None),
    "snelstart": dict(
        cols=dict(cust="Relatiecode", date="Factuurdatum", inv="Factuurnummer",
                  due="Vervaldatum", excl="Bedrag excl. BTW",
                  incl="Bedrag incl. BTW", open="Openstaand", paid=None),
        ids={"C1": 1, "C2": 2, "C3": 3},
        delim=";", mark=",", datefmt="%d-%m-%Y", titles=["Verkoopfacturen"],
        total="Totaal"),
}

FIELDS = ["cust", "date", "inv", "due", "excl", "incl", "open", "paid"]


def money(v, mark):
    s = "%.2f" % v
    return s.replace(".", ",") if mark == "," else s


def rows_of(style):
    st = STYLES[style]
    fields = [f for f in FIELDS if st["cols"][f]]
    header = [st["cols"][f] for f in fields]
    out = []
    for r in BASE:
        rec = dict(zip(FIELDS, r))
        rec["cust"] = st["ids"][rec["cust"]]
        out.append([rec[f] for f in fields])
    return fields, header, out


def write_csv(style):
    st = STYLES[style]
    fields, header, rows = rows_of(style)
    path = os.path.join(HERE, style + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        # a "," decimal mark with a "," delimiter: amounts quoted (Moneybird)
        w = csv.writer(f, delimiter=st["delim"], lineterminator="\r\n",
                       quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for row in rows:
            cells = []
            for fld, v in zip(fields, row):
                if v is None:
                    cells.append("")
                elif isinstance(v, dt.date):
                    cells.append(v.strftime(st["datefmt"]))
                elif isinstance(v, float):
                    cells.append(money(v, st["mark"]))
                else:
                    cells.append(str(v))
            w.writerow(cells)


def write_xlsx(style):
    st = STYLES[style]
    fields, header, rows = rows_of(style)
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Info"
    info.append(["Export", style])
    info.append(["Gemaakt", dt.date(2024, 4, 2)])
    ws = wb.create_sheet("Facturen" if style != "winbooks" else "Ventes")
    for t in st["titles"]:
        ws.append([t] if t else [])
    ws.append(header)
    first = ws.max_row + 1
    for row in rows:
        ws.append(list(row))
    for r in ws.iter_rows(min_row=first, max_row=ws.max_row):
        for c, fld in zip(r, fields):
            if isinstance(c.value, (dt.date, dt.datetime)):
                c.number_format = "DD/MM/YYYY"
            elif isinstance(c.value, float):
                c.number_format = "#,##0.00"
    if st["total"]:
        tot = [st["total"]] + [None] * (len(fields) - 1)
        for i, fld in enumerate(fields):
            if fld in ("excl", "incl", "open"):
                tot[i] = round(sum(r[i] for r in rows if r[i] is not None), 2)
        ws.append(tot)
        ws.append(["Afgedrukt op 02/04/2024"])
    wb.save(os.path.join(HERE, style + ".xlsx"))


def write_xls():
    """The Exact Online list as an Excel 97-2003 workbook (xlwt)."""
    st = STYLES["exact"]
    fields, header, rows = rows_of("exact")
    wb = xlwt.Workbook(encoding="utf-8")
    info = wb.add_sheet("Info")
    info.write(0, 0, "Export")
    ws = wb.add_sheet("Facturen")
    datefmt = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    moneyfmt = xlwt.easyxf(num_format_str="#,##0.00")
    r = 0
    for t in st["titles"]:
        ws.write(r, 0, t)
        r += 1
    for j, h in enumerate(header):
        ws.write(r, j, h)
    r += 1
    for row in rows:
        for j, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, dt.date):
                ws.write(r, j, v, datefmt)
            elif isinstance(v, float):
                ws.write(r, j, v, moneyfmt)
            else:
                ws.write(r, j, v)
        r += 1
    ws.write(r, 0, "Totaal")
    wb.save(os.path.join(HERE, "exact.xls"))


def write_special():
    """Parts written by hand: what openpyxl does not produce. Sheet "Data"
    of a 1904-system workbook: inline strings, a rich-text shared string
    with a phonetic run, booleans, an error cell, exponent numbers, cells
    without r attributes, a prefixed namespace, and a bad date at B6."""
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ct = ('<?xml version="1.0" encoding="UTF-8"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8"?>'
          '<x:workbook %s><x:workbookPr date1904="1"/><x:sheets>'
          '<x:sheet name="Data" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>' % ns)
    wbrels = ('<?xml version="1.0" encoding="UTF-8"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
              '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
              '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
              '</Relationships>')
    styles = ('<?xml version="1.0" encoding="UTF-8"?>'
              '<x:styleSheet %s><x:numFmts count="1">'
              '<x:numFmt numFmtId="164" formatCode="[$-813]dd\\.mm\\.yyyy;@"/></x:numFmts>'
              '<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>'
              '<x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="164"/>'
              '<x:xf numFmtId="4"/></x:cellXfs></x:styleSheet>' % ns)
    sst = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<x:sst %s count="3" uniqueCount="3">'
           '<x:si><x:t>Klant</x:t></x:si>'
           '<x:si><x:r><x:t>Datum </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>factuur</x:t></x:r>'
           '<x:rPh sb="0" eb="1"><x:t>PHONETIC</x:t></x:rPh></x:si>'
           '<x:si><x:t xml:space="preserve">Café Zoë</x:t></x:si>'
           '</x:sst>' % ns)
    # 1904 system: serial 43830 = 2024-01-01, 43831 = 2024-01-02, ...
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<x:worksheet %s><x:sheetData>'
             '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Export 1904</x:t></x:is></x:c></x:row>'
             '<x:row r="3"><x:c r="B3" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c>'
             '<x:c t="inlineStr"><x:is><x:t>Bedrag</x:t></x:is></x:c>'
             '<x:c t="inlineStr"><x:is><x:t>Betaald</x:t></x:is></x:c></x:row>'
             '<x:row r="4"><x:c r="B4" t="s"><x:v>2</x:v></x:c><x:c r="C4" s="1"><x:v>43830</x:v></x:c>'
             '<x:c r="D4" s="2"><x:v>1.5E2</x:v></x:c><x:c r="E4" t="b"><x:v>1</x:v></x:c></x:row>'
             '<x:row r="5"><x:c r="B5" t="inlineStr"><x:is><x:r><x:t>K</x:t></x:r><x:r><x:t>2</x:t></x:r></x:is></x:c>'
             '<x:c r="C5" s="1"><x:v>43831.75</x:v></x:c>'
             '<x:c r="D5"><x:v>1.234</x:v></x:c><x:c r="E5" t="b"><x:v>0</x:v></x:c></x:row>'
             '<x:row r="6"><x:c r="B6" t="str"><x:v>K3</x:v></x:c><x:c r="C6" t="e"><x:v>#N/A</x:v></x:c>'
             '<x:c r="D6"><x:v>7</x:v></x:c></x:row>'
             '<x:row r="7"><x:c r="B7" t="s"><x:v>2</x:v></x:c><x:c r="C7" t="d"><x:v>2024-01-03T00:00:00</x:v></x:c>'
             '<x:c r="D7"><x:v>-2.5E-1</x:v></x:c><x:c r="E7" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>'
             '<x:row r="8"><x:c r="B8" t="inlineStr"><x:is><x:t>Totaal</x:t></x:is></x:c>'
             '<x:c r="D8"><x:v>149.984</x:v></x:c></x:row>'
             '<x:row r="9"><x:c r="B9" t="inlineStr"><x:is><x:t>K9</x:t></x:is></x:c>'
             '<x:c r="C9" s="1"><x:v>43840</x:v></x:c><x:c r="D9"><x:v>99</x:v></x:c></x:row>'
             '</x:sheetData></x:worksheet>' % ns)
    fixed = (2024, 1, 1, 0, 0, 0)

    def write(fname, sheet_xml):
        path = os.path.join(HERE, fname)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in [("[Content_Types].xml", ct),
                               ("_rels/.rels", rels),
                               ("xl/workbook.xml", wb),
                               ("xl/_rels/workbook.xml.rels", wbrels),
                               ("xl/styles.xml", styles),
                               ("xl/sharedStrings.xml", sst),
                               ("xl/worksheets/sheet1.xml", sheet_xml)]:
                z.writestr(zipfile.ZipInfo(name, fixed), data.encode("utf-8"),
                           zipfile.ZIP_DEFLATED)
        return path

    path = write("special.xlsx", sheet)
    # a sheet with a DOCTYPE (refused) and a workbook cut short (damaged)
    write("doctype.xlsx", sheet.replace('?>', '?><!DOCTYPE x:worksheet [<!ENTITY a "aaaa">]>', 1))
    data = open(path, "rb").read()
    open(os.path.join(HERE, "damaged.xlsx"), "wb").write(data[: len(data) * 2 // 3])


def main():
    for style in STYLES:
        write_csv(style)
        write_xlsx(style)
    write_xls()
    write_special()


if __name__ == "__main__":
    main()
