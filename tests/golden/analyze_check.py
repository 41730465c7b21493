#!/usr/bin/env python3
"""Independent checks of `klantwijs analyze` output, for the golden cases.

    analyze_check.py figures DATA REPORT   key figures of summary.json
                                           recomputed from the demo CSVs
    analyze_check.py privacy DATA REPORT [names]
                                           no personal data in any output
                                           (with `names`: names present,
                                           e-mail/phone/address still absent)
    analyze_check.py xlsx DATA REPORT      customers.xlsx read with zipfile +
                                           xml: sheets, header, frozen pane,
                                           filters, rows per sheet
    analyze_check.py html DATA REPORT      every inline <svg> parses as XML,
                                           nothing loads from the network

Everything here is plain Python over the files (csv, zipfile, xml), not the
library: a second route to the same figures. Prints one "ok NAME" line per
check, or "FAIL NAME: ..." and exits 1.
"""
import csv
import datetime as dt
import json
import math
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

failed = False


def check(name, ok, detail=""):
    global failed
    if ok:
        print("ok", name)
    else:
        failed = True
        print("FAIL %s: %s" % (name, detail))


def close(name, got, want, tol):
    check(name, got is not None and abs(got - want) <= tol,
          "got %r, want %r (tolerance %g)" % (got, want, tol))


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def money(s):
    s = s.strip()
    return 0.0 if not s else float(s.replace(".", "").replace(",", "."))


def day(s):
    return dt.datetime.strptime(s.strip(), "%d/%m/%Y").date() if s.strip() else None


def figures(data, report):
    s = json.load(open(os.path.join(report, "summary.json"), encoding="utf-8"))
    tx = rows(os.path.join(data, "transactions.csv"))
    as_of = max(day(r["factuurdatum"]) for r in tx)
    check("as_of", s["as_of"] == as_of.isoformat(), s["as_of"])
    revenue, orders, pdays, first, last = {}, {}, {}, {}, {}
    for r in tx:
        c, a, d = r["klantnummer"], money(r["bedrag"]), day(r["factuurdatum"])
        revenue[c] = revenue.get(c, 0.0) + a
        if a >= 0:  # returns and credit notes are not purchases
            orders.setdefault(c, set()).add(r["factuurnummer"])
            pdays.setdefault(c, set()).add(d)
    buyers = [c for c in orders]
    h = s["headline"]
    check("customers", h["customers"] == len(buyers),
          "%s vs %d" % (h["customers"], len(buyers)))
    close("revenue", h["revenue"], round(sum(revenue.values()), 2), 0.005)
    rep = sum(1 for c in buyers if len(orders[c]) >= 2)
    close("repeat_rate", h["repeat_rate"], round(rep / len(buyers), 4), 5e-5)

    # Pareto: the top ceil(20%) of buyers by revenue (clipped at 0)
    rv = sorted((max(revenue[c], 0.0) for c in buyers), reverse=True)
    k = math.ceil(0.2 * len(rv))
    close("top20_revenue_share", s["pareto"]["top20_revenue_share"],
          sum(rv[:k]) / sum(rv), 5e-5)

    # 12-month churn by the gap rule: G = max(30, type-7 90% quantile of
    # the days between consecutive purchase days); churned when the last
    # purchase is more than G days before the as-of day, on day last +
    # floor(G) + 1
    gaps = []
    for c in buyers:
        ds = sorted(pdays[c])
        gaps += [(b - a).days for a, b in zip(ds, ds[1:])]
    gaps.sort()
    hq = (len(gaps) - 1) * 0.9
    q = gaps[int(hq)] + (hq - int(hq)) * (gaps[min(int(hq) + 1, len(gaps) - 1)] - gaps[int(hq)])
    G = max(30.0, q)
    close("gap_days", s["churn"]["gap_days"], round(G, 1), 0.05)
    start = as_of - dt.timedelta(days=365)
    base = lost = 0
    for c in buyers:
        f, l = min(pdays[c]), max(pdays[c])
        cd = l + dt.timedelta(days=math.floor(G) + 1) if (as_of - l).days > G else None
        if f > start or (cd is not None and cd <= start):
            continue
        base += 1
        lost += cd is not None
    close("churn_rate_12m", h["churn_rate"], round(lost / base, 4), 5e-5)

    # DSO = open at the as-of day / invoiced in the 90 days up to it x 90
    inv = rows(os.path.join(data, "invoices.csv"))
    open_total = recent = 0.0
    for r in inv:
        d, p, a = day(r["factuurdatum"]), day(r["betaaldatum"]), money(r["bedrag"])
        if d > as_of:
            continue
        if p is None or p > as_of:
            if not (p is not None and p < d):
                open_total += a
        if (as_of - d).days < 90:
            recent += a
    close("open", s["payments"]["open"], round(open_total, 2), 0.005)
    close("dso", h["dso"], round(open_total / recent * 90, 1), 0.05)

    # NPS over each customer's latest score up to the as-of day
    latest = {}
    for r in rows(os.path.join(data, "feedback.csv")):
        d = day(r["datum"])
        if d > as_of:
            continue
        c = r["klantnummer"]
        if c not in latest or d >= latest[c][0]:
            latest[c] = (d, float(r["nps"]))
    sc = [v for _, v in latest.values()]
    nps = 100.0 * (sum(v >= 9 for v in sc) - sum(v <= 6 for v in sc)) / len(sc)
    close("nps", h["nps"], round(nps, 1), 0.05)
    check("nps_responses", s["feedback"]["responses"] == len(sc),
          "%s vs %d" % (s["feedback"]["responses"], len(sc)))
    # its 95% Wald interval with the multinomial variance, CSAT top-2-box
    # share and CES mean over the same latest answers
    z = 1.959963984540054
    n = len(sc)
    pp = sum(v >= 9 for v in sc) / n
    pd = sum(v <= 6 for v in sc) / n
    se = math.sqrt((pp + pd - (pp - pd) ** 2) / n)
    fb = s["feedback"]
    close("nps_ci_low", fb["nps_ci_low"], round(100 * (pp - pd - z * se), 2),
          0.005)
    close("nps_ci_high", fb["nps_ci_high"],
          round(100 * (pp - pd + z * se), 2), 0.005)
    lrow = {}
    for r in rows(os.path.join(data, "feedback.csv")):
        d = day(r["datum"])
        if d <= as_of and (r["klantnummer"] not in lrow or
                           d >= lrow[r["klantnummer"]][0]):
            lrow[r["klantnummer"]] = (d, r)
    lr = [r for _, r in lrow.values()]
    cs = [float(r["csat"]) for r in lr]
    close("csat_top2", fb["csat"], round(sum(v >= 4 for v in cs) / len(cs), 4),
          0.00005)
    ce = [float(r["ces"]) for r in lr]
    close("ces_mean", fb["ces"], round(sum(ce) / len(ce), 3), 0.0005)
    # pooled paired gap on price: own minus competitor, and the share
    # rating the competitor higher
    gp = [float(r["prijs"]) - float(r["concurrent prijs"]) for r in lr]
    comp = s["competition"]["dimensions"][0]
    close("gap_prijs", comp["competitors"][0]["difference"],
          round(sum(gp) / len(gp), 3), 0.0005)
    close("gap_prijs_share", comp["competitors"][0]["share_competitor_higher"],
          round(sum(g < 0 for g in gp) / len(gp), 4), 0.00005)

    # CAC: mean acquisition cost of buyers with a known cost
    cac = [money(r["acquisitiekost"]) for r in rows(os.path.join(data, "customers.csv"))
           if r["klantnummer"] in orders and r["acquisitiekost"].strip()]
    close("cac_mean", h["cac_mean"], round(sum(cac) / len(cac), 2), 0.005)

    # consent: customers on marketing lists without consent are left out
    no = {r["klantnummer"] for r in rows(os.path.join(data, "customers.csv"))
          if r["marketingtoestemming"].strip().lower() in ("nee", "no")}
    with open(os.path.join(report, "customers.csv"), encoding="utf-8") as f:
        cust = list(csv.DictReader(f))
    mkt = {"invest", "develop", "retain", "win_back"}
    left = sum(1 for r in cust if r["action"] in mkt and r["customer_id"] in no)
    check("left_out_without_consent",
          s["actions"]["left_out_without_consent"] == left,
          "%s vs %d" % (s["actions"]["left_out_without_consent"], left))
    per = {}
    for r in cust:
        per[r["action"]] = per.get(r["action"], 0) + 1
    ok = all(per.get(a["action"], 0) == a["customers"]
             for a in s["actions"]["by_action"])
    check("customers_per_action", ok, str(per))
    check("one_row_per_customer", len(cust) == len({r["customer_id"] for r in cust})
          and len(cust) >= len(buyers), str(len(cust)))

    # the demo's hidden truth: the customers it made unprofitable are
    # repriced (or collected first, which comes before), and the customers
    # to collect from first are problem payers in truth
    truth = {r["customer"]: r for r in csv.DictReader(
        open(os.path.join(data, "truth_customers.csv"), encoding="utf-8"))}
    action = {r["customer_id"]: r["action"] for r in cust}
    unprof = [c for c in truth if truth[c]["unprofitable"] == "1"]
    check("truly unprofitable are repriced",
          unprof and all(action[c] in ("reprice", "collect_first") for c in unprof),
          str([(c, action[c]) for c in unprof]))
    coll = [c for c in action if action[c] == "collect_first"]
    check("collect first are problem payers",
          coll and all(truth[c]["payer"] == "problematic" for c in coll),
          str([(c, truth[c]["payer"]) for c in coll if truth[c]["payer"] != "problematic"]))

    # cross-sell rules: recount each pair over customer histories (the
    # products of a customer's non-negative lines, named by omschrijving)
    if s.get("cross_sell"):
        hist = {}
        for r in tx:
            if money(r["bedrag"]) >= 0 and float(r["aantal"].replace(",", ".")) >= 0:
                hist.setdefault(r["klantnummer"], set()).add(r["omschrijving"])
        n = len(hist)
        good = True
        for rule in s["cross_sell"]["rules"]:
            x, y = rule["if"], rule["then"]
            nx = sum(1 for h in hist.values() if x in h)
            ny = sum(1 for h in hist.values() if y in h)
            nxy = sum(1 for h in hist.values() if x in h and y in h)
            conf, lift = nxy / nx, (nxy / nx) / (ny / n)
            if (nxy != rule["customers"] or abs(conf - rule["confidence"]) > 5e-5
                    or abs(lift - rule["lift"]) > 5e-4 or conf < 0.25 or lift < 1.2
                    or nxy < s["min_group"]):
                good = False
                print("  rule", x, "=>", y, nxy, conf, lift, rule)
        check("cross_sell rules recounted", good and s["cross_sell"]["customers"] == n)

    # no group of fewer than min_group customers in a profile table
    m = s["min_group"]
    small = [g for key in ("segments",) for g in s["rfm"][key] if g["customers"] < m]
    small += [g for g in s["payments"]["classes"] if g["customers"] < m]
    small += [g for g in s["pareto"]["abc"] if g["customers"] < m]
    small += [r for r in s["cohorts"]["rows"] if r["customers"] < m]
    check("no_small_groups", not small, str(small[:3]))


def personal(data):
    """Names, e-mail addresses, phones and street addresses of customers.csv."""
    out = {"name": set(), "other": set()}
    for r in rows(os.path.join(data, "customers.csv")):
        out["name"].add(r["naam"].strip())
        for k in ("e-mail", "telefoon", "adres"):
            if r[k].strip():
                out["other"].add(r[k].strip())
    return out


def report_texts(report):
    """Every output as text: the XLSX unzipped and its XML unescaped."""
    texts = {}
    for name in ("index.html", "customers.csv", "summary.json"):
        with open(os.path.join(report, name), encoding="utf-8") as f:
            texts[name] = f.read()
    z = zipfile.ZipFile(os.path.join(report, "customers.xlsx"))
    parts = []
    for n in z.namelist():
        if n.endswith(".xml"):
            for el in ET.fromstring(z.read(n)).iter():
                if el.text:
                    parts.append(el.text)
    texts["customers.xlsx"] = "\n".join(parts)
    # HTML and JSON escape differently: compare on unescaped text
    texts["index.html"] = (texts["index.html"].replace("&amp;", "&")
                           .replace("&lt;", "<").replace("&gt;", ">")
                           .replace("&quot;", '"'))
    texts["summary.json"] = json.dumps(json.loads(texts["summary.json"]),
                                       ensure_ascii=False)
    return texts


def privacy(data, report, with_names):
    p = personal(data)
    texts = report_texts(report)
    for fname, t in sorted(texts.items()):
        leaked = [v for v in p["other"] if v in t]
        check("%s has no e-mail, phone or address" % fname, not leaked,
              "%d found, e.g. %r" % (len(leaked), leaked[:2]))
        names = [v for v in p["name"] if len(v) > 3 and v in t]
        if with_names:
            if fname in ("customers.csv", "customers.xlsx"):
                check("%s has the names" % fname, len(names) >= len(p["name"]) // 2,
                      "%d of %d" % (len(names), len(p["name"])))
        else:
            check("%s has no names" % fname, not names,
                  "%d found, e.g. %r" % (len(names), names[:2]))


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def xlsx(data, report, max_customers=None, max_per_action=None):
    """The workbook's sheets and rows; with limits (the --xlsx-rows and
    --xlsx-action-rows given to analyze) the sheet of every customer is
    absent above max_customers and action sheets hold at most
    max_per_action rows, and the overview says so."""
    s = json.load(open(os.path.join(report, "summary.json"), encoding="utf-8"))
    with open(os.path.join(report, "customers.csv"), encoding="utf-8") as f:
        n_csv = sum(1 for _ in csv.DictReader(f))
    z = zipfile.ZipFile(os.path.join(report, "customers.xlsx"))
    check("zip integrity", z.testzip() is None)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    sheets = [e.get("name") for e in wb.find("m:sheets", NS)]
    lang = s["lang"]
    full = max_customers is None or n_csv <= int(max_customers)
    cap = None if max_per_action is None else int(max_per_action)
    want = (2 if full else 1) + 8  # overview, customers, one per action
    check("sheets", len(sheets) == want, str(sheets))
    shared = ET.fromstring(z.read("xl/sharedStrings.xml")) if \
        "xl/sharedStrings.xml" in z.namelist() else None
    first_sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    overview_text = " ".join(first_sheet.itertext()) + " " + (
        " ".join(shared.itertext()) if shared is not None else "")
    if not full:
        check("overview says the customer sheet is left out",
              "customers.csv" in overview_text and str(n_csv) in overview_text)
    listed_all = [a["listed"] for a in s["actions"]["by_action"]]
    if cap is not None and max(listed_all) > cap:
        check("overview says the action sheets are cut",
              str(cap) in overview_text and "customers.csv" in overview_text)
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    paths = ["xl/" + target[e.get(rid)] for e in wb.find("m:sheets", NS)]
    listed = [a["listed"] for a in s["actions"]["by_action"]]
    for i, (name, path) in enumerate(zip(sheets, paths)):
        if i == 0:
            continue
        ws = ET.fromstring(z.read(path))
        data_rows = ws.findall("m:sheetData/m:row", NS)
        n = len(data_rows) - 1
        k = i - 2 if full else i - 1
        expect = n_csv if (full and i == 1) else (
            listed[k] if cap is None else min(listed[k], cap))
        check("sheet %r rows" % name, n == expect, "%d vs %d" % (n, expect))
        pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
        check("sheet %r frozen header" % name,
              pane is not None and pane.get("state") == "frozen"
              and pane.get("ySplit") == "1")
        check("sheet %r filter" % name, ws.find("m:autoFilter", NS) is not None)
        head = data_rows[0].findall("m:c", NS)
        texts = ["".join(c.itertext()) for c in head]
        first = "Klant" if lang == "nl" else "Customer"
        check("sheet %r header" % name, texts and texts[0] == first, str(texts[:3]))
        if i >= (2 if full else 1) and n > 1:
            # the list is sorted by money at stake: highest first, the
            # reprice list (a loss) most negative first
            action = s["actions"]["by_action"][k]["action"]
            stakes = []
            for r in data_rows[1:]:
                c = r.findall("m:c", NS)[1]
                v = c.find("m:v", NS)
                stakes.append(float(v.text) if v is not None else 0.0)
            sign = -1.0 if action == "reprice" else 1.0
            check("sheet %r sorted by stake" % name,
                  all(sign * stakes[j] >= sign * stakes[j + 1]
                      for j in range(len(stakes) - 1)),
                  str(stakes[:5]))


def html(data, report):
    with open(os.path.join(report, "index.html"), encoding="utf-8") as f:
        page = f.read()
    svgs = re.findall(r"<svg\b.*?</svg>", page, re.S)
    check("charts", len(svgs) >= 9, "%d svg" % len(svgs))
    bad = 0
    for s in svgs:
        try:
            root = ET.fromstring(s)
            if root.tag != "{http://www.w3.org/2000/svg}svg" or root.find(
                    "{http://www.w3.org/2000/svg}title") is None:
                bad += 1
        except ET.ParseError as e:
            bad += 1
            print("  parse error:", e)
    check("every svg is well-formed XML with a title", bad == 0, "%d bad" % bad)
    check("no NaN or inf in charts", not re.search(r"\b(nan|inf)\b", " ".join(svgs), re.I))
    ext = re.findall(r"""(?:src|href|url)\s*[=(]\s*["']?(?!#)[a-z]+:""", page, re.I)
    check("nothing from the network", not ext and "@import" not in page
          and "<link" not in page and "<img" not in page, str(ext[:3]))
    check("tables", len(re.findall(r"<table", page)) >= 10)
    check("one html document", page.startswith("<!DOCTYPE html>")
          and page.rstrip().endswith("</html>"))


def main():
    what, data, report = sys.argv[1:4]
    if what == "figures":
        figures(data, report)
    elif what == "privacy":
        privacy(data, report, len(sys.argv) > 4 and sys.argv[4] == "names")
    elif what == "xlsx":
        xlsx(data, report, *sys.argv[4:6])
    elif what == "html":
        html(data, report)
    else:
        sys.exit("unknown check " + what)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
