#!/usr/bin/env python3
"""Independent re-computation of the figures in the cohorts_*, churn_* and
survival_* golden files (see README.md, section "Retention and churn").

Usage: python3 tests/golden/retention_crosscheck.py build/klantwijs

It regenerates the demo data of the cases (300 customers, seed 7) with the
binary, then recomputes cohorts, churn statuses, the gap, period tables,
Kaplan-Meier curves (Greenwood, log-log intervals), log-rank tests, sBG
likelihood maxima and churn rates per level straight from the CSV files in
plain Python, and compares them with the numbers stored in the golden
files. Prints one line per check and exits 1 on any mismatch.
"""
import csv, json, math, os, re, subprocess, sys, tempfile
from collections import defaultdict
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data"))
DATA = os.path.normpath(os.path.join(HERE, "..", "data"))
fails = 0


def check(name, ok, detail=""):
    global fails
    print(("ok   " if ok else "FAIL ") + name + (" " + detail if detail else ""))
    if not ok:
        fails += 1


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(b))


def golden(case, name="stdout"):
    with open(os.path.join(CASES, case, name)) as f:
        return f.read()


# ------------------------------------------------------------- demo data
def load_demo(binary):
    d = tempfile.mkdtemp()
    subprocess.run([binary, "demo", "--customers", "300", "--seed", "7", "-o", d],
                   check=True, stdout=subprocess.DEVNULL)
    tx = defaultdict(lambda: defaultdict(lambda: [0, False]))  # cust -> day -> [cents, purchase]
    with open(os.path.join(d, "transactions.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            dd, mm, yy = map(int, r["factuurdatum"].split("/"))
            day = date(yy, mm, dd)
            cents = round(float(r["bedrag"].replace(".", "").replace(",", ".")) * 100)
            e = tx[r["klantnummer"]][day]
            e[0] += cents
            if cents >= 0:
                e[1] = True
    cust = {}
    with open(os.path.join(d, "customers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            cust[r["klantnummer"]] = r
    return tx, cust


def quarter(day):
    return day.year * 4 + (day.month - 1) // 3


def month(day):
    return day.year * 12 + day.month - 1


def cohorts(tx, pidx, as_of):
    size = defaultdict(int)
    active = defaultdict(int)
    later = defaultdict(int)
    rev = defaultdict(int)
    firsts = []
    for c, days in tx.items():
        pdays = sorted(d for d, e in days.items() if e[1] and d <= as_of)
        if not pdays:
            continue
        f = pdays[0]
        pc = pidx(f)
        firsts.append(pc)
        size[pc] += 1
        for p in sorted({pidx(d) for d in pdays}):
            active[(pc, p - pc)] += 1
        lastp = pidx(pdays[-1]) - pc
        for k in range(lastp + 1):
            later[(pc, k)] += 1
        for d, e in days.items():
            if d >= f and d <= as_of:
                rev[(pc, pidx(d) - pc)] += e[0]
    first, last = min(firsts), pidx(as_of)
    R = last - first + 1
    M = {m: [[None] * (R - r) for r in range(R)] for m in
         ("active", "active_share", "active_later", "active_later_share",
          "revenue", "nrr", "cumulative_revenue_per_customer")}
    T = {m: [[0, 0, False] for _ in range(R)] for m in M}
    for r in range(R):
        c = first + r
        sz = size[c]
        cum = 0
        for k in range(R - r):
            a, l, rv = active[(c, k)], later[(c, k)], rev[(c, k)]
            cum += rv
            r0 = rev[(c, 0)]
            vals = {
                "active": (a, 1, True), "active_later": (l, 1, True),
                "active_share": (a, sz, sz > 0), "active_later_share": (l, sz, sz > 0),
                "revenue": (rv / 100, 1, True), "nrr": (rv, r0, r0 > 0),
                "cumulative_revenue_per_customer": (cum / 100, sz, sz > 0)}
            for m, (x, dn, ok) in vals.items():
                if ok:
                    M[m][r][k] = x / dn
                    T[m][k][0] += x
                    T[m][k][1] += dn
                    T[m][k][2] = True
    tot = {}
    for m in M:
        ratio = m in ("active_share", "active_later_share", "nrr",
                      "cumulative_revenue_per_customer")
        tot[m] = [(t[0] / t[1] if t[2] and t[1] > 0 else None) if ratio else t[0]
                  for t in T[m]]
    return M, tot, [size[first + r] for r in range(R)]


def check_cohorts(tx):
    as_of = date(2025, 12, 31)
    M, tot, sizes = cohorts(tx, quarter, as_of)
    j = json.loads(golden("cohorts_demo_json"))
    check("cohorts quarter sizes", [c["size"] for c in j["cohorts"]] == sizes)
    for m, g in j["metrics"].items():
        ok = all(close(a, b) for r in range(len(M[m])) for a, b in zip(g["values"][r], M[m][r]))
        ok = ok and all(close(a, b) for a, b in zip(g["total"], tot[m]))
        check("cohorts quarter " + m, ok)
    M, tot, sizes = cohorts(tx, month, as_of)
    rows = list(csv.reader(golden("cohorts_demo_csv").splitlines()))
    bad = 0
    R = len(sizes)
    for row in rows[1:]:
        m, coh = row[0], row[1]
        vals = [float(x) if x else None for x in row[3:]]
        if coh == "total":
            want = tot[m]
        else:
            y, mo = map(int, coh.split("-"))
            r = y * 12 + mo - 1 - (2023 * 12)
            want = M[m][r] + [None] * (R - len(M[m][r]))
            if int(row[2]) != sizes[r]:
                bad += 1
        for a, b in zip(vals, want):
            if not close(a, b, 1e-12):
                bad += 1
    check("cohorts month csv, all metrics (%d rows)" % (len(rows) - 1), bad == 0)


# ----------------------------------------------------------------- churn
def quantile7(v, q):
    v = sorted(v)
    h = (len(v) - 1) * q
    lo = int(math.floor(h))
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (h - lo) * (v[hi] - v[lo])


def churn_status(tx, as_of):
    gaps = []
    info = {}
    for c, days in tx.items():
        pdays = sorted(d for d, e in days.items() if e[1] and d <= as_of)
        if not pdays:
            continue
        gaps += [(b - a).days for a, b in zip(pdays, pdays[1:])]
        rev = sum(e[0] for d, e in days.items() if d <= as_of)
        info[c] = (pdays[0], pdays[-1], rev)
    G = max(quantile7(gaps, 0.9), 30)
    st = {}
    for c, (f, l, rev) in info.items():
        rec = (as_of - l).days
        if rec > G:
            st[c] = ("churned", l + timedelta(days=math.floor(G) + 1))
        elif rec > 0.7 * G:
            st[c] = ("at_risk", None)
        else:
            st[c] = ("active", None)
    return G, len(gaps), info, st


def check_churn(tx):
    as_of = date(2025, 12, 31)
    G, nint, info, st = churn_status(tx, as_of)
    j = json.loads(golden("churn_demo_json"))
    check("churn gap G", close(j["gap_days"], G), "%.4f" % G)
    check("churn intervals", j["inter_purchase_intervals"] == nint)
    for s in ("active", "at_risk", "churned"):
        check("churn count " + s, j[s] == sum(1 for v in st.values() if v[0] == s))
    # per-customer csv
    rows = list(csv.DictReader(golden("churn_demo_customers_csv").splitlines()))
    bad = 0
    for r in rows:
        f, l, rev = info[r["customer_id"]]
        s, cd = st[r["customer_id"]]
        if (r["status"] != s or r["first_purchase"] != f.isoformat() or
                r["last_purchase"] != l.isoformat() or
                r["churn_day"] != (cd.isoformat() if cd else "") or
                round(float(r["revenue"]) * 100) != rev):
            bad += 1
    check("churn customers csv (%d rows)" % len(rows), bad == 0 and len(rows) == len(info))
    # period tables: monthly (csv) and quarterly (json)
    for pidx, rows, name in ((month, list(csv.DictReader(golden("churn_demo_csv").splitlines())), "month"),
                             (quarter, j["periods"], "quarter")):
        acq = defaultdict(int)
        ch = defaultdict(int)
        chs = defaultdict(int)
        for c, (f, l, rev) in info.items():
            acq[pidx(f)] += 1
            cd = st[c][1]
            if cd:
                ch[pidx(cd)] += 1
                if pidx(f) < pidx(cd):
                    chs[pidx(cd)] += 1
        p0 = min(acq)
        alive = 0
        bad = 0
        for k, r in enumerate(rows):
            p = p0 + k
            start = alive
            alive += acq[p] - ch[p]
            rate = chs[p] / start if start else None
            got = r["churn_rate"]
            got = float(got) if got not in ("", None) else None
            if (int(r["active_start"]) != start or int(r["acquired"]) != acq[p] or
                    int(r["churned"]) != ch[p] or int(r["active_end"]) != alive or
                    not close(got, rate)):
                bad += 1
        check("churn period table by " + name, bad == 0)
    # recent (churn day in the as-of quarter) and at-risk lists
    q = quarter(as_of)
    recent = sorted(((info[c][2], c) for c, v in st.items()
                     if v[0] == "churned" and quarter(v[1]) == q), key=lambda x: (-x[0], x[1]))
    risk = sorted(((info[c][2], c) for c, v in st.items() if v[0] == "at_risk"),
                  key=lambda x: (-x[0], x[1]))
    for key, want in (("recent", recent), ("at_risk_list", risk)):
        got = [(round(float(x["revenue"]) * 100), x["customer_id"]) for x in j[key]["list"]]
        check("churn list " + key, got == want and
              round(float(j[key]["revenue"]) * 100) == sum(v for v, _ in want))
    return G, info, st


# ------------------------------------------------------------ Kaplan-Meier
Z = 1.959963984540054


def km(d, e):
    times = sorted(set(d))
    S, s2, out = 1.0, 0.0, []
    for t in times:
        n = sum(1 for x in d if x >= t)
        dt = sum(1 for x, y in zip(d, e) if x == t and y)
        if dt:
            S *= 1 - dt / n
            if n > dt:
                s2 += dt / (n * (n - dt))
        if S <= 0 or S >= 1:
            lo = hi = S
        else:
            v = math.log(S)
            s = math.sqrt(s2)
            lo = math.exp(-math.exp(math.log(-v) - Z * s / v))
            hi = math.exp(-math.exp(math.log(-v) + Z * s / v))
        out.append((t, n, dt, S, lo, hi))
    return out


def median(curve, idx):
    for row in curve:
        if row[idx] <= 0.5:
            return row[0]
    return None


def logrank(groups):
    allt = sorted({x for d, e in groups for x, y in zip(d, e) if y})
    k = len(groups)
    O = [0.0] * k
    E = [0.0] * k
    V = [[0.0] * k for _ in range(k)]
    for t in allt:
        nr = [sum(1 for x in d if x >= t) for d, e in groups]
        dr = [sum(1 for x, y in zip(d, e) if x == t and y) for d, e in groups]
        N, D = sum(nr), sum(dr)
        for g in range(k):
            O[g] += dr[g]
            E[g] += D * nr[g] / N
        if N > 1:
            w = D * (N - D) / (N - 1)
            for a in range(k):
                for b in range(k):
                    V[a][b] += w * nr[a] / N * ((a == b) - nr[b] / N)
    u = [O[g] - E[g] for g in range(k - 1)]
    if k == 2:
        return u[0] ** 2 / V[0][0]
    a, b, c, dd = V[0][0], V[0][1], V[1][0], V[1][1]
    det = a * dd - b * c
    return (u[0] * (dd * u[0] - b * u[1]) + u[1] * (a * u[1] - c * u[0])) / det


def check_curve_csv(name, text, groups):
    rows = list(csv.DictReader(text.splitlines()))
    bad = 0
    for gname, (d, e) in groups.items():
        mine = km(d, e)
        got = [r for r in rows if r["group"] == gname]
        if len(got) != len(mine):
            bad += 1
            continue
        for r, (t, n, dt, S, lo, hi) in zip(got, mine):
            if (float(r["time"]) != t or int(r["at_risk"]) != n or int(r["churned"]) != dt
                    or not close(float(r["survival"]), S, 1e-12)
                    or not close(float(r["lower"]), lo, 1e-9) or not close(float(r["upper"]), hi, 1e-9)):
                bad += 1
    check(name, bad == 0)


def read_rows(path, dur, ev, grp, truth):
    with open(path, encoding="utf-8") as f:
        out = defaultdict(lambda: ([], []))
        for r in csv.DictReader(f):
            g = r[grp] if grp else "all"
            out[g][0].append(float(r[dur]))
            out[g][1].append(r[ev].strip().lower() in truth)
    return dict(out)


def table_rows(text, header_start):
    """Rows of a terminal table whose header line starts with header_start."""
    lines = text.splitlines()
    i = next(k for k, l in enumerate(lines) if l.startswith(header_start))
    rows = []
    for l in lines[i + 2:]:
        if not l.strip() or l.startswith("(") or l.startswith("..."):
            break
        rows.append(l)
    return rows


def check_km():
    TRUE = {"1", "true", "yes", "ja"}
    ties = read_rows(os.path.join(DATA, "retention", "km_ties.csv"), "time", "churned", "plan", TRUE)
    check_curve_csv("km ties csv curve", golden("survival_ties_csv"), ties)
    chi = logrank([ties["basic"], ties["pro"]])
    check("km ties log-rank", "chi2 = %.2f" % chi in golden("survival_ties_hand"), "%.5f" % chi)
    allt = read_rows(os.path.join(DATA, "retention", "km_ties.csv"), "time", "churned", None, TRUE)
    check_curve_csv("km ties -o csv", golden("survival_o"), allt)
    if not os.path.isdir(SHARED):
        print("skip shared-data checks: %s absent" % SHARED)
        return
    g3 = read_rows(os.path.join(SHARED, "lifelines_km", "g3.csv"), "time", "event", "group", TRUE)
    rows = table_rows(golden("survival_g3_curve"), "group")
    bad = 0
    for gname, (d, e) in g3.items():
        mine = [r for r in km(d, e)]
        got = [l.split() for l in rows if l.split()[0] == gname]
        for g, (t, n, dt, S, lo, hi) in zip(got, mine):
            if (float(g[1]) != t or int(g[2]) != n or "%.4f" % S != g[5] or
                    "%.4f" % lo != g[6] or "%.4f" % hi != g[7]):
                bad += 1
        bad += len(got) != len(mine)
    check("km g3 curve (R/lifelines: RIT .909 .779, Control .833 .667 .5 .333)", bad == 0)
    chi = logrank([g3["Control"], g3["RIT"]])
    check("km g3 log-rank (nl)", ("chi2 = %.2f" % chi).replace(".", ",") in golden("survival_g3_nl"), "%.4f" % chi)
    dd = read_rows(os.path.join(SHARED, "lifelines_km", "dd.csv"), "duration", "observed", None, TRUE)
    c = km(*dd["all"])
    m = list(csv.DictReader(golden("survival_dd_median").splitlines()))[0]
    check("km dd median 4 (lifelines docs)", float(m["median"]) == median(c, 3) == 4)
    check("km dd median interval", float(m["median_lower"]) == median(c, 4) and
          float(m["median_upper"]) == median(c, 5))
    dem = read_rows(os.path.join(SHARED, "lifelines_km", "dd.csv"), "duration", "observed", "democracy", TRUE)
    chi = logrank([dem["Democracy"], dem["Non-democracy"]])
    g = float(re.search(r'"chi2": ([0-9.]+)', golden("survival_dd_democracy")).group(1))
    check("km dd log-rank 260.47", close(g, chi, 1e-9) and round(chi, 2) == 260.47, "%.4f" % chi)
    tel = read_rows(os.path.join(SHARED, "telco_churn", "Telco-Customer-Churn.csv"), "tenure", "Churn", "Contract", TRUE)
    text = golden("survival_telco_contract")
    summ = table_rows(text, "group")
    bad = 0
    for line in summ:
        parts = re.split(r"\s{2,}", line.strip())
        gname = parts[0]
        d, e = tel[gname]
        c = km(d, e)
        med = median(c, 3)
        if (int(parts[1]) != len(d) or int(parts[2]) != sum(e) or
                int(parts[3]) != len(d) - sum(e) or (med is not None and int(parts[4]) != med)):
            bad += 1
    check("km telco summary by Contract (median 35 month-to-month)", bad == 0 and "Month-to-month       3875     1655      2220      35" in text)
    risk = table_rows(text, "group            t")
    bad = 0
    for line in risk:
        p = re.split(r"\s{2,}", line.strip())
        gname, t = p[0], float(p[1])
        d, e = tel[gname]
        n = sum(1 for x in d if x > t)
        ev = sum(1 for x, y in zip(d, e) if x <= t and y)
        S = 1.0
        for row in km(d, e):
            if row[0] <= t:
                S = row[3]
        if int(p[2]) != n or int(p[3]) != ev or "%.4f" % S != p[5]:
            bad += 1
    check("km telco at-risk table", bad == 0 and len(risk) == 24)
    chi = logrank([tel["Month-to-month"], tel["One year"], tel["Two year"]])
    check("km telco log-rank", ("chi2 = {:,.2f}".format(chi)) in text, "%.3f" % chi)


def check_demo_km(G, info, st, cust):
    as_of = date(2025, 12, 31)
    groups = defaultdict(lambda: ([], []))
    for c, (f, l, rev) in info.items():
        churned = st[c][0] == "churned"
        days = (l - f).days + G if churned else (as_of - f).days
        g = groups[cust[c]["sector"]]
        g[0].append(days / 30.4375)
        g[1].append(churned)
    rows = list(csv.DictReader(golden("survival_demo_csv").splitlines()))
    bad = 0
    for r in rows:
        c = km(*groups[r["group"]])
        for key, idx in (("median", 3), ("median_lower", 4), ("median_upper", 5)):
            m = median(c, idx)
            got = float(r[key]) if r[key] else None
            if not close(got, m, 1e-12):
                bad += 1
    check("km demo purchases by sector: medians and intervals", bad == 0 and len(rows) == len(groups))


# -------------------------------------------------------------------- sBG
def sbg_ll(a, b, d, c):
    lb = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    def lnB(x, y):
        return math.lgamma(x) + math.lgamma(y) - math.lgamma(x + y)
    ll = 0
    for t in range(1, len(d)):
        if d[t]:
            ll += d[t] * (lnB(a + 1, b + t - 1) - lb)
        if c[t]:
            ll += c[t] * (lnB(a, b + t) - lb)
    return ll


def maximise(d, c):
    """Coordinate search on (ln a, ln b) with shrinking steps."""
    x = [0.0, 0.0]
    f = sbg_ll(1, 1, d, c)
    step = 0.5
    while step > 1e-10:
        moved = False
        for i in range(2):
            for s in (step, -step):
                y = list(x)
                y[i] += s
                g = sbg_ll(math.exp(y[0]), math.exp(y[1]), d, c)
                if g > f:
                    x, f, moved = y, g, True
        if not moved:
            step /= 2
    return math.exp(x[0]), math.exp(x[1]), f


def check_sbg():
    for case, n, pub in (("survival_sbg_regular_params", [1000, 631, 468, 382, 326, 289, 262, 241], (0.704, 1.182)),
                         ("survival_sbg_highend_params", [1000, 869, 743, 653, 593, 551, 517, 491], (0.668, 3.806))):
        d = [0] + [n[t - 1] - n[t] for t in range(1, len(n))]
        c = [0] * (len(n) - 1) + [n[-1]]
        a, b, f = maximise(d, c)
        got = golden(case).split()
        check(case + " (published %.3f %.3f)" % pub,
              got == ["alpha", "%.3f" % pub[0], "beta", "%.3f" % pub[1]] and
              "%.3f" % a == got[1] and "%.3f" % b == got[3], "python %.5f %.5f" % (a, b))
    j = json.loads(golden("survival_sbg_json"))
    n = [1000, 631, 468, 382]
    d = [0] + [n[t - 1] - n[t] for t in range(1, 4)]
    c = [0, 0, 0, n[-1]]
    a, b, f = maximise(d, c)
    p = j["params"]
    check("sbg 4-point fit vs python maximum", close(p["alpha"], a, 1e-5) and close(p["beta"], b, 1e-5)
          and close(j["fit"]["loglik"], f, 1e-9))
    lb = math.lgamma(p["alpha"]) + math.lgamma(p["beta"]) - math.lgamma(p["alpha"] + p["beta"])
    bad = 0
    for r in j["table"]:
        t = r["period"]
        S = math.exp(math.lgamma(p["alpha"]) + math.lgamma(p["beta"] + t) -
                     math.lgamma(p["alpha"] + p["beta"] + t) - lb)
        if not close(r["fitted_survival"], S, 1e-12):
            bad += 1
        if t <= 3 and not close(r["observed_survival"], n[t] / 1000):
            bad += 1
    check("sbg fitted S(t) = B(a, b+t)/B(a, b)", bad == 0)
    if os.path.isdir(SHARED):
        tel = read_rows(os.path.join(SHARED, "telco_churn", "Telco-Customer-Churn.csv"), "tenure", "Churn", None, {"yes"})
        dur, ev = tel["all"]
        T = int(max(dur))
        d = [0] * (T + 1)
        c = [0] * (T + 1)
        for x, y in zip(dur, ev):
            if y:
                d[max(1, math.ceil(x))] += 1
            else:
                c[int(x)] += 1
        a, b, f = maximise(d, c)
        rows = list(csv.DictReader(golden("survival_telco_sbg").splitlines()))
        lb = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
        bad = 0
        for r in rows:
            t = int(r["period"])
            S = math.exp(math.lgamma(a) + math.lgamma(b + t) - math.lgamma(a + b + t) - lb)
            if not close(float(r["fitted_survival"]), S, 1e-5):
                bad += 1
        check("sbg telco censored counts vs python maximum", bad == 0, "a=%.5f b=%.5f" % (a, b))


# ---------------------------------------------------------------- drivers
def check_drivers():
    if not os.path.isdir(SHARED):
        return
    rows = list(csv.DictReader(open(os.path.join(SHARED, "telco_churn", "Telco-Customer-Churn.csv"))))
    got = list(csv.DictReader(golden("churn_telco_drivers").splitlines()))
    bad = 0
    for g in got:
        sel = [r for r in rows if r[g["feature"]] == g["level"]]
        k = sum(r["Churn"] == "Yes" for r in sel)
        n = len(sel)
        p = k / n
        den = 1 + Z * Z / n
        cen = (p + Z * Z / (2 * n)) / den
        half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / den
        if (int(g["customers"]) != n or int(g["churned"]) != k or not close(float(g["churn_rate"]), p, 1e-12)
                or not close(float(g["lower"]), cen - half, 1e-9) or not close(float(g["upper"]), cen + half, 1e-9)):
            bad += 1
    check("drivers telco churn rate per level with Wilson intervals (%d levels)" % len(got), bad == 0)
    j = json.loads(golden("churn_telco_drivers_json"))
    bad = 0
    for nm in j["numeric"]:
        f = nm["feature"]
        def med(v):
            v = sorted(v)
            m = len(v)
            return (v[(m - 1) // 2] + v[m // 2]) / 2
        vals = lambda yes: [float(r[f]) for r in rows if (r["Churn"] == "Yes") == yes and r[f].strip()]
        if not close(nm["median_churned"], med(vals(True))) or not close(nm["median_retained"], med(vals(False))):
            bad += 1
    check("drivers telco medians (tenure 10 vs 38)", bad == 0)


def main():
    binary = sys.argv[1]
    tx, cust = load_demo(binary)
    check_cohorts(tx)
    G, info, st = check_churn(tx)
    check_demo_km(G, info, st, cust)
    check_km()
    check_sbg()
    check_drivers()
    print("%d failed" % fails)
    sys.exit(1 if fails else 0)


main()
