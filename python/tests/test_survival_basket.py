"""survival() and basket(): the same tables as the command, and figures
worked out here independently (Kaplan-Meier by hand, rules by counting)."""
import io
import itertools
import math
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import klantwijs


def run_csv(cli, *args):
    r = subprocess.run([cli, *args, "--format", "csv"], check=True,
                       capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C"))
    return pd.read_csv(io.StringIO(r.stdout))


@pytest.mark.parametrize("table,args", [
    ("curve", []), ("summary", ["--table", "summary"]),
    ("at-risk", ["--table", "at-risk"])])
def test_survival_equals_cli(cli, demo, table, args):
    got = klantwijs.load(demo).survival(table=table)
    want = run_csv(cli, "survival", demo, *args)
    assert len(want) > 0
    pd.testing.assert_frame_equal(got, want)


def test_survival_options_equal_cli(cli, demo):
    got = klantwijs.load(demo).survival(unit="week", conf=0.9,
                                        as_of="2025-06-30", table="at-risk",
                                        times=[0, 13, 26, 52])
    want = run_csv(cli, "survival", demo, "--unit", "week", "--conf", "0.9",
                   "--as-of", "2025-06-30", "--table", "at-risk", "--times",
                   "0,13,26,52")
    pd.testing.assert_frame_equal(got, want)


def test_survival_by_hand(tmp_path):
    """Kaplan-Meier with Greenwood's variance and the log-log interval,
    computed here from the definitions (klantwijs/survival.h)."""
    dur = [1, 2, 2, 3, 4, 5, 5, 6]
    ev = [1, 1, 0, 1, 0, 1, 1, 0]
    (tmp_path / "customers.csv").write_text(
        "customer,tenure,churn\n" + "".join(
            f"c{i},{d},{e}\n" for i, (d, e) in enumerate(zip(dur, ev))))
    ds = klantwijs.load(str(tmp_path), tables=["customers"])
    got = ds.survival()
    z = 1.959963984540054
    s, gw, rows = 1.0, 0.0, []
    for t in sorted(set(dur)):
        n = sum(d >= t for d in dur)
        d_ = sum(1 for d, e in zip(dur, ev) if d == t and e)
        c_ = sum(1 for d, e in zip(dur, ev) if d == t and not e)
        if d_:
            s *= 1 - d_ / n
            gw += d_ / (n * (n - d_))
        v = math.log(s)
        lo = math.exp(-math.exp(math.log(-v) - z * math.sqrt(gw) / v))
        hi = math.exp(-math.exp(math.log(-v) + z * math.sqrt(gw) / v))
        rows.append((t, n, d_, c_, s, lo, hi))
    want = pd.DataFrame(rows, columns=["time", "at_risk", "churned",
                                       "censored", "survival", "lower",
                                       "upper"])
    assert got["time"].tolist() == want["time"].tolist()
    assert got["at_risk"].tolist() == want["at_risk"].tolist()
    assert got["churned"].tolist() == want["churned"].tolist()
    assert got["censored"].tolist() == want["censored"].tolist()
    np.testing.assert_allclose(got["survival"], want["survival"], atol=5e-5)
    np.testing.assert_allclose(got["lower"], want["lower"], atol=5e-5)
    np.testing.assert_allclose(got["upper"], want["upper"], atol=5e-5)
    summ = ds.survival(table="summary")
    assert summ.loc[0, "customers"] == 8 and summ.loc[0, "churned"] == 5
    assert summ.loc[0, "median"] == 5  # first time with S <= 0.5 (0.2)


@pytest.mark.parametrize("kind,kw,args", [
    ("rules", {}, []),
    ("rules", dict(by="customer", min_support=0.02, min_confidence=0.3,
                   sort="confidence"),
     ["--by", "customer", "--min-support", "0.02", "--min-confidence", "0.3",
      "--sort", "confidence"]),
    ("rules", dict(level="category", min_support=0.005, min_confidence=0.1,
                   max_consequent=2, top=15),
     ["--level", "category", "--min-support", "0.005", "--min-confidence",
      "0.1", "--max-consequent", "2", "--top", "15"]),
    ("itemsets", {}, ["--itemsets"]),
])
def test_basket_equals_cli(cli, demo, kind, kw, args):
    got = klantwijs.load(demo).basket(kind=kind, **kw)
    want = run_csv(cli, "basket", demo, *args)
    assert len(want) > 0
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_basket_rules_by_counting(tmp_path):
    """Every rule X => y of five invoices, counted here by brute force."""
    invoices = {"I1": "AB", "I2": "ABC", "I3": "AC", "I4": "B", "I5": "AB",
                "I6": "CD"}
    lines = ["customer,invoice,date,product,amount"]
    for k, (inv, items) in enumerate(invoices.items()):
        for it in items:
            lines.append(f"K{k},{inv},2024-02-0{k + 1},{it},5.00")
    p = tmp_path / "t.csv"
    p.write_text("\n".join(lines) + "\n")
    got = klantwijs.load(str(p)).basket(min_support=0.3, min_confidence=0.5,
                                        sort="none")
    baskets = [set(v) for v in invoices.values()]
    N = len(baskets)

    def supp(s):
        return sum(s <= b for b in baskets) / N

    want = {}
    items = sorted(set("".join(invoices.values())))
    for k in (2, 3):
        for z in itertools.combinations(items, k):
            if supp(set(z)) < 0.3:
                continue
            for y in z:
                x = set(z) - {y}
                conf = supp(set(z)) / supp(x)
                if conf < 0.5:
                    continue
                key = ("{" + ", ".join(sorted(x)) + "}", "{" + y + "}")
                want[key] = (supp(set(z)), conf, conf / supp({y}),
                             supp(set(z)) - supp(x) * supp({y}),
                             (1 - supp({y})) / (1 - conf) if conf < 1
                             else math.inf)
    assert want  # A => B, B => A, C => A, ...
    assert len(got) == len(want)
    for row in got.itertuples():
        sup, conf, lift, lev, conv = want[(row.antecedent, row.consequent)]
        assert row.support == pytest.approx(sup)
        assert row.confidence == pytest.approx(conf)
        assert row.lift == pytest.approx(lift)
        assert row.leverage == pytest.approx(lev)
        assert row.conviction == pytest.approx(conv)
        assert row.count == round(sup * N)
