"""The same results through Python as through the command-line tool."""
import io
import json
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import klantwijs
from klantwijs.fitters import BetaGeoFitter

from conftest import shared


def run_csv(cli, *args):
    r = subprocess.run([cli, *args, "--format", "csv"], check=True,
                       capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C"))
    return pd.read_csv(io.StringIO(r.stdout), dtype={"customer_id": str})


@pytest.mark.parametrize("unit", ["week", "year"])
def test_summary_equals_cli(cli, demo, unit):
    py = klantwijs.load(demo).summary(unit=unit)
    sh = run_csv(cli, "summary", demo, "--unit", unit).set_index(
        "customer_id")
    py = py.loc[sh.index]
    assert len(sh) > 0
    np.testing.assert_array_equal(py["orders"].to_numpy(),
                                  sh["orders"].to_numpy())
    np.testing.assert_allclose(py["revenue"], sh["revenue"], atol=5e-3)
    np.testing.assert_allclose(py["x"], sh["x"])
    np.testing.assert_allclose(py["t_x"], sh["t_x"], atol=5e-3)
    np.testing.assert_allclose(py["T"], sh["T"], atol=5e-3)
    assert (py["first_purchase"].dt.strftime("%Y-%m-%d")
            == sh["first_purchase"]).all()


def test_cdnow_summary_equals_cli(cli):
    path = shared("lifetimes", "CDNOW_master.txt")
    py = klantwijs.load(path).summary(unit="week", as_of="1997-09-30")
    sh = run_csv(cli, "summary", path, "--unit", "week", "--as-of",
                 "1997-09-30").set_index("customer_id")
    assert len(py) == len(sh) == 23570
    np.testing.assert_allclose(py.loc[sh.index, "x"], sh["x"])


def test_bgnbd_equals_cli(cli, demo, tmp_path):
    out = tmp_path / "clv.json"
    subprocess.run([cli, "clv", demo, "--model", "bgnbd", "--format", "json",
                    "-o", str(out)], check=True, capture_output=True)
    doc = json.loads(out.read_text())
    s = klantwijs.load(demo).summary(unit=doc["unit"])
    f = BetaGeoFitter().fit(s["x"], s["t_x"], s["T"])
    for k in ("r", "alpha", "a", "b"):
        assert f.params_[k] == pytest.approx(doc["params"][k], rel=1e-6)
    assert f.log_likelihood_ == pytest.approx(doc["log_likelihood"],
                                              rel=1e-9)
    ids = [c["customer_id"] for c in doc["customers"]]
    p = f.conditional_probability_alive(s.loc[ids, "x"], s.loc[ids, "t_x"],
                                        s.loc[ids, "T"])
    np.testing.assert_allclose(
        p, [c["p_alive"] for c in doc["customers"]], rtol=1e-9)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_analyze_equals_cli(cli, demo, tmp_path, lang):
    """The report options (language) reach the writers the same way from
    Python as from the command line."""
    klantwijs.analyze(demo, str(tmp_path / "py"), lang=lang)
    subprocess.run([cli, "analyze", demo, "--lang", lang, "-o",
                    str(tmp_path / "sh")], check=True, capture_output=True)
    a = json.loads((tmp_path / "py" / "summary.json").read_text())
    b = json.loads((tmp_path / "sh" / "summary.json").read_text())
    assert a["lang"] == lang
    for volatile in ("generated", "created", "version", "timings"):
        a.pop(volatile, None)
        b.pop(volatile, None)
    assert a == b
    ca = pd.read_csv(tmp_path / "py" / "customers.csv", dtype=str)
    cb = pd.read_csv(tmp_path / "sh" / "customers.csv", dtype=str)
    pd.testing.assert_frame_equal(ca, cb)


@pytest.mark.parametrize("name", ["rfm", "profit", "pareto", "payments",
                                  "cohorts", "churn"])
def test_tables_equal_cli(cli, demo, name):
    """The DataFrame is the command's own CSV: the same columns and cells."""
    got = getattr(klantwijs.load(demo), name)()
    want = run_csv(cli, name, demo)
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got.reset_index(drop=True),
                                  want.reset_index(drop=True))


def test_analyze_reads_what_cli_reads(demo, tmp_path):
    """analyze() loads what `klantwijs analyze` loads
    (kw_analyze_load_options): the contact columns are not read."""
    from klantwijs._native import ffi, lib
    a = klantwijs.analyze(demo, str(tmp_path / "py"))
    t = lib.kw_dataset_table(a._ds.ptr, 1)  # customers
    r = lib.kw_table_report(t)
    ignored = {ffi.string(r.ignored[i]).decode() for i in range(r.n_ignored)}
    assert {"e-mail", "telefoon", "adres"} <= ignored
    # a plain load reads them
    ds = klantwijs.load(demo)
    r = lib.kw_table_report(lib.kw_dataset_table(ds.ptr, 1))
    plain = {ffi.string(r.ignored[i]).decode() for i in range(r.n_ignored)}
    assert "e-mail" not in plain
