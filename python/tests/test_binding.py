"""The binding itself: finding the library, its version, errors, cdef."""
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import klantwijs
from klantwijs._native import ffi, lib

HERE = os.path.dirname(os.path.abspath(__file__))


def test_version_matches_package():
    major, minor = (int(v) for v in klantwijs.LIB_VERSION.split(".")[:2])
    from klantwijs._native import LIB_API_VERSION
    assert (major, minor) == LIB_API_VERSION
    assert os.path.exists(klantwijs.LIB_PATH)


def test_declarations_come_with_the_library():
    from klantwijs._native import _cdef_for
    cdef = _cdef_for(klantwijs.LIB_PATH)
    assert cdef and os.path.exists(cdef)
    text = open(cdef).read()
    assert "kw_dataset_load" in text and "kw_clv_fit_model" in text


def test_installed_prefix_is_found(tmp_path):
    """cmake --install to a prefix, then import with KLANTWIJS_PREFIX."""
    build = os.path.dirname(klantwijs.LIB_PATH)
    if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        pytest.skip("not a build folder")
    r = subprocess.run(["cmake", "--install", build, "--prefix",
                        str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    env = {k: v for k, v in os.environ.items()
           if k not in ("KLANTWIJS_LIB", "KLANTWIJS_CDEF")}
    env["KLANTWIJS_PREFIX"] = str(tmp_path)
    r = subprocess.run([sys.executable, "-c",
                        "import klantwijs; print(klantwijs.LIB_PATH)"],
                       env=env, cwd=os.path.dirname(HERE),
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(str(tmp_path))


def test_wrong_library_path_is_a_clear_error(tmp_path):
    env = dict(os.environ, KLANTWIJS_LIB=str(tmp_path / "nope.so"))
    r = subprocess.run([sys.executable, "-c", "import klantwijs"], env=env,
                       cwd=os.path.dirname(HERE), capture_output=True,
                       text=True)
    assert r.returncode != 0
    assert "LibraryNotFound" in r.stderr and "KLANTWIJS_LIB" in r.stderr


def test_input_error_carries_file_line_column(tmp_path):
    p = tmp_path / "sales.csv"
    p.write_text("customer,date,amount\n"
                 "A,2024-01-03,10.00\n"
                 "B,2024-01-04,twelve\n")
    with pytest.raises(klantwijs.InputError) as e:
        klantwijs.load(str(p), strict=True)
    # file:line:column of the cell "twelve" (line 3, column 14)
    assert f"{p}:3:14:" in str(e.value)
    assert "twelve" in str(e.value)
    assert e.value.status == "KW_EINPUT"
    assert isinstance(e.value, ValueError)


def test_other_library_version_is_refused(monkeypatch):
    """The version check: a library of another major.minor is refused with
    a message that names both versions."""
    from klantwijs import _native
    monkeypatch.setattr(_native, "LIB_API_VERSION", (0, 99))
    with pytest.raises(klantwijs.LibraryNotFound) as e:
        _native._open()
    assert klantwijs.LIB_VERSION in str(e.value) and "0.99.x" in str(e.value)


def test_dataframe_with_map(tmp_path):
    """A DataFrame with its own column names, mapped as --map does; text
    dates in day-month-year order are read as the file would be."""
    df = pd.DataFrame({
        "klantnr": ["K1", "K2", "K1", "K3", "K2"],
        "datum": ["03/01/2024", "15/01/2024", "20/02/2024", "01/03/2024",
                  "28/03/2024"],
        "bedrag": [12.5, 7.0, 30.25, 99.99, 0.5],
        "regio": ["Gent", "Brugge", "Gent", "Leuven", "Brugge"],
    })
    m = {"customer": "klantnr", "date": "datum", "amount": "bedrag"}
    s = klantwijs.load(df, map=m).summary(unit="day")
    p = tmp_path / "t.csv"
    df.to_csv(p, index=False)
    f = klantwijs.load(str(p), map=m).summary(unit="day")
    pd.testing.assert_frame_equal(s, f)
    assert s.loc["K1", "revenue"] == pytest.approx(42.75)
    assert str(s.loc["K2", "last_purchase"].date()) == "2024-03-28"
    assert s.loc["K1", "t_x"] == 48  # 3 Jan -> 20 Feb 2024


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError) as e:
        klantwijs.load(str(tmp_path / "absent.csv"))
    assert "absent.csv" in str(e.value)


def test_dataframe_and_file_give_the_same_summary(tmp_path):
    df = pd.DataFrame({
        "customer": ["A", "A", "B", "C", "A", "C"],
        "date": pd.to_datetime(["2024-01-01", "2024-01-20", "2024-02-01",
                                "2024-02-10", "2024-03-01", "2024-03-05"]),
        "amount": [10.0, 20.5, 7.25, 100.0, 5.0, -20.0],
    })
    p = tmp_path / "t.csv"
    df.assign(date=df["date"].dt.strftime("%Y-%m-%d")).to_csv(p, index=False)
    a = klantwijs.load(df).summary(unit="day")
    b = klantwijs.load(str(p)).summary(unit="day")
    pd.testing.assert_frame_equal(a, b)
    # worked by hand: A buys on days 0, 19, 60 of 2024 (as of 2024-03-05)
    assert a.loc["A", "x"] == 2 and a.loc["A", "t_x"] == 60
    assert a.loc["A", "T"] == 64
    assert a.loc["A", "revenue"] == pytest.approx(35.5)
    assert a.loc["C", "revenue"] == pytest.approx(80.0)  # a return nets
    assert a.loc["C", "x"] == 0                            # ... but is no buy


def test_views_are_copied_in_bulk_not_borrowed():
    df = pd.DataFrame({"customer": ["A", "B"],
                       "date": ["2024-01-01", "2024-01-02"],
                       "amount": [1.0, 2.0]})
    ds = klantwijs.load(df)
    s = ds.summary()
    ds.close()  # frees the library's memory; the frame must stay valid
    assert list(s.index) == ["A", "B"]
    assert s["revenue"].tolist() == [1.0, 2.0]


def test_zero_copy_inputs_share_memory():
    x = np.array([0.0, 1.0, 2.0])
    buf = ffi.from_buffer("double[]", x)
    assert int(ffi.cast("uintptr_t", buf)) == x.__array_interface__["data"][0]
    assert lib.kw_version() != ffi.NULL
