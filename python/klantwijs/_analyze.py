"""The main job from Python: every analysis the data allow, one report."""
import os

from ._core import Dataset, _date_days, load, owned
from ._native import ffi, lib

_LANGS = {"en": 0, "nl": 1}
_CLV = {"bgnbd": lib.KW_CLV_BGNBD, "mbgnbd": lib.KW_CLV_MBGNBD,
        "pnbd": lib.KW_CLV_PNBD,
        "auto": lib.KW_CLV_MODEL__COUNT}  # the best by BIC


class Analysis:
    """The result of analyze(): headline figures and one action per
    customer; the report folder is already written."""

    def __init__(self, dataset, ptr, out):
        self._ds = dataset
        self._ptr = ptr
        self.report_dir = out
        h = lib.kw_analysis_headline(ptr)
        nan = float("nan")
        self.headline = {
            "customers": int(h.customers),
            "active_customers": int(h.active_customers),
            "revenue": h.revenue / 100.0,
            "repeat_rate": float(h.repeat_rate),
            "churn_rate": float(h.churn_rate),
            "clv_mean": float(h.clv_mean),
            "cac_mean": float(h.cac_mean),
            "clv_cac": float(h.clv_cac),
            "dso": float(h.dso),
            "nps": float(h.nps) if h.nps == h.nps else nan,
        }

    def actions(self):
        """A Series: customer id -> action key (invest, retain, ...),
        for the customers that have one."""
        import pandas as pd
        ids = self._ds.customer_ids()
        n = int(lib.kw_analysis_customers(self._ptr))
        keys = {}
        out = {}
        for i in range(n):
            a = int(lib.kw_analysis_action(self._ptr, i))
            if a not in keys:
                keys[a] = ffi.string(lib.kw_action_key(a)).decode()
            if keys[a]:
                out[ids[i]] = keys[a]
        return pd.Series(out, name="action", dtype=object)

    def close(self):
        if self._ptr is not None:
            ffi.release(self._ptr)
            self._ptr = None


def analyze(source, out, *, lang="en", as_of=None, currency=None,
            clv_model="bgnbd", horizon_months=12, discount=0.10,
            holdout_days=0, show_names=False, **load_options):
    """Run the main job on a data folder, file, DataFrame or Dataset and
    write the report folder ``out`` (index.html, customers.xlsx,
    customers.csv, summary.json) in ``lang`` ("en" or "nl"; names of
    customers only with ``show_names``). Returns an Analysis."""
    if lang not in _LANGS:
        raise ValueError(f"lang must be one of {sorted(_LANGS)}")
    if isinstance(source, Dataset):
        ds = source
    else:
        # the tables and columns the command line's analyze reads
        load_options.setdefault("_prepare", lib.kw_analyze_load_options)
        ds = load(source, **load_options)
    ctx = ds.context
    o = ffi.new("kw_analyze_options *")
    lib.kw_analyze_options_init(o)
    o.as_of = _date_days(as_of)
    keep = []
    if currency:
        c = ffi.new("char[]", currency.encode())
        keep.append(c)
        o.currency = c
    if clv_model not in _CLV:
        raise ValueError(f"clv_model must be one of {sorted(_CLV)}")
    o.clv_model = _CLV[clv_model]
    o.horizon_months = int(horizon_months)
    o.discount_rate = float(discount)
    o.holdout_days = int(holdout_days)
    res = ffi.new("kw_analysis **")
    ctx.check(lib.kw_analyze_run(ctx.ptr, ds.ptr, o, res))
    a = owned(ctx, res[0], lib.kw_analysis_free)
    # how the report is written: the analysis itself holds no language
    ro = ffi.new("kw_report_options *")
    lib.kw_report_options_init(ro)
    ro.lang = _LANGS[lang]
    ro.show_names = bool(show_names)
    path = ffi.new("char[]", os.fsencode(out))
    ctx.check(lib.kw_report_write_dir(ctx.ptr, a, ro, path))
    return Analysis(ds, a, os.fspath(out))
