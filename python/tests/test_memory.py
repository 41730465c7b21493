"""Memory is freed deterministically: 10,000 calls do not grow the
process."""
import gc
import os

import numpy as np
import pandas as pd
import pytest

import klantwijs
from klantwijs.fitters import BetaGeoFitter


def rss_kib():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"),
                    reason="needs /proc")
def test_no_growth_over_10000_calls(tmp_path):
    p = tmp_path / "t.csv"
    rows = ["customer,date,amount"]
    for i in range(60):
        rows.append(f"C{i % 12},2024-{1 + i % 12:02d}-{1 + i % 27:02d},"
                    f"{10 + i}.50")
    p.write_text("\n".join(rows) + "\n")
    x = np.array([0, 1, 2, 5, 0, 3], float)
    tx = np.array([0, 10, 20, 30, 0, 25], float)
    T = np.full(6, 40.0)
    fit = BetaGeoFitter.from_params({"r": 0.24, "alpha": 4.4, "a": 0.79,
                                     "b": 2.4})

    def work(i):
        if i % 2:
            with klantwijs.load(str(p)) as ds:
                ds.summary()
        else:
            fit.conditional_probability_alive(x, tx, T)
            BetaGeoFitter.from_params([0.24, 4.4, 0.79, 2.4])
        if i % 97 == 0:
            try:
                klantwijs.load(str(tmp_path / "absent.csv"))
            except OSError:
                pass

    for i in range(500):  # warm up allocators and caches
        work(i)
    gc.collect()
    before = rss_kib()
    for i in range(10000):
        work(i)
    gc.collect()
    grown = rss_kib() - before
    # 5,000 datasets of ~60 lines: a leak of even one small table each
    # would be tens of MiB
    assert grown < 4096, f"RSS grew by {grown} KiB over 10,000 calls"
