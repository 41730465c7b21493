#!/usr/bin/env python3
"""Benchmark: the Python package against lifetimes on one summary.

    KLANTWIJS_LIB=build/libklantwijs.so python3 bench/python_vs_lifetimes.py \
        [FILE] [--customers N]

FILE is a transactions file (customer, date, amount); without it a demo
data set of N customers (default 1,000,000) is written with the klantwijs
command first. Prints wall and CPU time and peak memory of: load + summary, the
BG/NBD and Gamma-Gamma fits, and P(alive) + expected purchases for every
customer, for klantwijs and, when it is installed, for lifetimes on the
same summary (lifetimes is not a Debian package: when absent the script
says so and prints klantwijs's figures alone).
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "python"))


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, fn):
    """Wall time, CPU time of this process (all its threads: the library
    runs in it) and peak RSS. On a shared machine the CPU time is the
    steadier figure."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    print(f"  {label:<38} {time.perf_counter() - t:8.2f} s wall "
          f"{time.process_time() - c:8.2f} s cpu   "
          f"peak {peak_mib():6.0f} MiB", flush=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?")
    ap.add_argument("--customers", type=int, default=1_000_000)
    args = ap.parse_args()
    import klantwijs
    from klantwijs.fitters import BetaGeoFitter, GammaGammaFitter
    tmp = None
    path = args.file
    if not path:
        tmp = tempfile.TemporaryDirectory()
        cli = os.environ.get("KLANTWIJS_CLI") or os.path.join(
            os.path.dirname(os.environ.get("KLANTWIJS_LIB", "build/x")),
            "klantwijs")
        subprocess.run([cli, "demo", "--customers", str(args.customers),
                        "-o", tmp.name], check=True, capture_output=True)
        path = os.path.join(tmp.name, "transactions.csv")
    print(f"klantwijs {klantwijs.LIB_VERSION} ({klantwijs.LIB_PATH})")
    print(f"data: {path} ({os.path.getsize(path) / 1e6:.0f} MB)")
    ds = timed("load (read and type the file)", lambda: klantwijs.load(path))
    s = timed("summary (weeks)", lambda: ds.summary(unit="week"))
    bgf = timed("BG/NBD fit", lambda: BetaGeoFitter().fit(
        s["frequency"], s["recency"], s["T"]))
    rep = s[s["frequency"] > 0]
    timed("Gamma-Gamma fit", lambda: GammaGammaFitter().fit(
        rep["frequency"], rep["monetary_value"]))
    timed("P(alive) + E[Y(52)] per customer", lambda: (
        bgf.conditional_probability_alive(s["frequency"], s["recency"],
                                          s["T"]),
        bgf.predict(52, s["frequency"], s["recency"], s["T"])))
    print(f"  {len(s):,} customers; r={bgf.params_['r']:.4f} "
          f"alpha={bgf.params_['alpha']:.4f} a={bgf.params_['a']:.4f} "
          f"b={bgf.params_['b']:.4f}")
    try:
        import lifetimes  # noqa: F401
        from lifetimes import BetaGeoFitter as LBG
        from lifetimes.utils import summary_data_from_transaction_data
    except ImportError:
        print("lifetimes is not installed: skipped the side-by-side figures "
              "(install it into this Python to compare)")
        return 0
    import pandas as pd
    print(f"lifetimes {lifetimes.__version__}")
    cols = ds.columns()
    role = dict(zip(cols["role"], cols["name"]))
    tx = timed("lifetimes: read the file (pandas)", lambda: pd.read_csv(
        path, usecols=[role["customer"], role["date"], role["amount"]],
        dtype={role["customer"]: str}))
    tx[role["date"]] = pd.to_datetime(tx[role["date"]])
    ls = timed("lifetimes summary (weeks)",
               lambda: summary_data_from_transaction_data(
                   tx, role["customer"], role["date"],
                   monetary_value_col=role["amount"], freq="W",
                   observation_period_end=str(s.attrs["as_of"])))
    print(f"  lifetimes: {len(ls):,} customers")
    lb = timed("lifetimes BG/NBD fit", lambda: LBG().fit(
        ls["frequency"], ls["recency"], ls["T"]))
    timed("lifetimes P(alive) + E[Y(52)]", lambda: (
        lb.conditional_probability_alive(ls["frequency"], ls["recency"],
                                         ls["T"]),
        lb.conditional_expected_number_of_purchases_up_to_time(
            52, ls["frequency"], ls["recency"], ls["T"])))
    print("  lifetimes params: " + ", ".join(
        f"{k}={v:.4f}" for k, v in lb.params_.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
