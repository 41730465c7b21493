"""Result tables as pandas DataFrames, from the library's own writers.

Each analysis runs with the library's defaults (the same as the command
with no options) and is written by its library writer in CSV form into
memory (open_memstream), which pandas reads: the columns, keys and figures
are exactly those of `klantwijs COMMAND --format csv`, so Python and the
command line cannot disagree. Numeric arrays of the summary and the CLV
fitters are passed without copies (see _core and fitters).
"""
import io

from ._core import _date_days, owned, unit_code
from ._native import ffi, lib

_libc = None
def _libc_():
    global _libc
    if _libc is None:
        cffi_c = __import__("cffi").FFI()
        cffi_c.cdef("""
            void *open_memstream(char **ptr, size_t *sizeloc);
            int fclose(void *stream);
            void free(void *ptr);
        """)
        _libc = (cffi_c, cffi_c.dlopen(None))
    return _libc


def _capture(ctx, write):
    """Run write(FILE *) into memory; return the text."""
    cf, c = _libc_()
    buf = cf.new("char **")
    size = cf.new("size_t *")
    fp = c.open_memstream(buf, size)
    if fp == cf.NULL:
        raise MemoryError("open_memstream")
    f = ffi.cast("FILE *", int(cf.cast("uintptr_t", fp)))
    try:
        st = write(f)
    finally:
        c.fclose(fp)
    text = cf.buffer(buf[0], size[0])[:].decode("utf-8")
    c.free(buf[0])
    ctx.check(st)
    return text


def _frame(text):
    import pandas as pd
    if not text.strip():
        return pd.DataFrame()
    return pd.read_csv(io.StringIO(text), dtype={"customer_id": str,
                                                  "customer": str})


def _summary(ds, as_of=None, unit="week"):
    opts = ffi.new("kw_summary_options *")
    lib.kw_summary_options_init(opts)
    opts.as_of = _date_days(as_of)
    opts.unit = unit_code(unit)
    out = ffi.new("kw_summary **")
    ds.context.check(lib.kw_summary_build(ds.context.ptr, ds.ptr, opts, out))
    return owned(ds.context, out[0], lib.kw_summary_free)


def _table(ds, kind):
    t = lib.kw_dataset_table(ds.ptr, kind)
    return ffi.NULL if t == ffi.NULL else t


def rfm(ds, as_of=None):
    """Recency, frequency and monetary scores and the RFM segment per
    customer (as `klantwijs rfm --format csv`)."""
    ctx = ds.context
    s = _summary(ds, as_of)
    v = lib.kw_summary_view(s)
    o = ffi.new("kw_rfm_options *")
    lib.kw_rfm_options_init(o)
    out = ffi.new("kw_rfm **")
    ctx.check(lib.kw_rfm_compute(ctx.ptr, v, o, out))
    r = owned(ctx, out[0], lib.kw_rfm_free)
    rep = ffi.new("kw_rfm_report *")
    lib.kw_rfm_report_init(rep)
    rep.format = 1  # KW_FORMAT_CSV
    return _frame(_capture(ctx, lambda f: lib.kw_report_rfm(
        ctx.ptr, f, r, v, rep)))


def profit(ds, as_of=None):
    """Revenue, cost of goods, cost-to-serve and contribution per customer
    (as `klantwijs profit --format csv`)."""
    ctx = ds.context
    s = _summary(ds, as_of)
    v = lib.kw_summary_view(s)
    o = ffi.new("kw_profit_options *")
    lib.kw_profit_options_init(o)
    out = ffi.new("kw_profit **")
    ctx.check(lib.kw_profit_compute(ctx.ptr, v, _table(ds, 3), o, out))
    p = owned(ctx, out[0], lib.kw_profit_free)
    rep = ffi.new("kw_profit_report *")
    lib.kw_profit_report_init(rep)
    rep.format = 1
    return _frame(_capture(ctx, lambda f: lib.kw_report_profit(
        ctx.ptr, f, p, v, ds.ptr, o, rep)))


def pareto(ds, as_of=None):
    """Revenue concentration per customer: rank, share, cumulative share,
    ABC class (as `klantwijs pareto --format csv`)."""
    ctx = ds.context
    s = _summary(ds, as_of)
    v = lib.kw_summary_view(s)
    o = ffi.new("kw_pareto_options *")
    lib.kw_pareto_options_init(o)
    prof = ffi.NULL
    if v.has_cost:  # contribution per customer, as the command gives it
        po = ffi.new("kw_profit_options *")
        lib.kw_profit_options_init(po)
        pout = ffi.new("kw_profit **")
        ctx.check(lib.kw_profit_compute(ctx.ptr, v, _table(ds, 3), po, pout))
        prof = owned(ctx, pout[0], lib.kw_profit_free)
        o.profit = prof
    out = ffi.new("kw_pareto **")
    ctx.check(lib.kw_pareto_compute(ctx.ptr, v, o, out))
    p = owned(ctx, out[0], lib.kw_pareto_free)
    rep = ffi.new("kw_pareto_report *")
    lib.kw_pareto_report_init(rep)
    rep.format = 1
    return _frame(_capture(ctx, lambda f: lib.kw_report_pareto(
        ctx.ptr, f, p, o, v, prof, rep)))


def payments(ds, as_of=None):
    """Days to pay, days late, open and overdue amounts and the payer class
    per customer (as `klantwijs payments --format csv`)."""
    ctx = ds.context
    s = _summary(ds, as_of)
    v = lib.kw_summary_view(s)
    o = ffi.new("kw_payments_options *")
    lib.kw_payments_options_init(o)
    o.as_of = v.as_of
    out = ffi.new("kw_payments **")
    ctx.check(lib.kw_payments_compute(ctx.ptr, v, _table(ds, 2), o, out))
    p = owned(ctx, out[0], lib.kw_payments_free)
    rep = ffi.new("kw_payments_report *")
    lib.kw_payments_report_init(rep)
    rep.format = 1
    return _frame(_capture(ctx, lambda f: lib.kw_report_payments(
        ctx.ptr, f, p, lib.kw_dataset_customers(ds.ptr), o, rep)))


def cohorts(ds, as_of=None, by="month"):
    """Acquisition cohorts: the share of each cohort buying in each period
    since acquisition (as `klantwijs cohorts --format csv`)."""
    ctx = ds.context
    o = ffi.new("kw_cohort_options *")
    lib.kw_cohort_options_init(o)
    o.as_of = _date_days(as_of)
    o.period = {"month": 0, "week": 1, "quarter": 2}[by]
    out = ffi.new("kw_cohorts **")
    ctx.check(lib.kw_cohorts_build(ctx.ptr, _table(ds, 0), o, out))
    c = owned(ctx, out[0], lib.kw_cohorts_free)
    rep = ffi.new("kw_cohorts_report *")
    lib.kw_cohorts_report_init(rep)
    rep.format = 1
    return _frame(_capture(ctx, lambda f: lib.kw_report_cohorts(
        ctx.ptr, f, c, rep)))


def churn(ds, as_of=None):
    """Churn and retention per period by the gap rule (as `klantwijs
    churn --format csv`)."""
    ctx = ds.context
    s = _summary(ds, as_of)
    v = lib.kw_summary_view(s)
    o = ffi.new("kw_churn_options *")
    lib.kw_churn_options_init(o)
    o.as_of = v.as_of
    out = ffi.new("kw_churn **")
    ctx.check(lib.kw_churn_purchases(ctx.ptr, _table(ds, 0), o, out))
    ch = owned(ctx, out[0], lib.kw_churn_free)
    rep = ffi.new("kw_churn_report *")
    lib.kw_churn_report_init(rep)
    rep.format = 1
    return _frame(_capture(ctx, lambda f: lib.kw_report_churn(
        ctx.ptr, f, ch, lib.kw_dataset_customers(ds.ptr), v, rep)))


# ------------------------------------------------------------- survival

def _grid(max_duration):
    """The times of the at-risk table when none are given: the command's
    grid (0, step, 2 step, ... up to the longest duration; step 1, 2 or 5
    times a power of ten, at least a eighth of the longest duration)."""
    import math
    raw = max_duration / 8.0
    if not raw > 0:
        step = 1.0
    else:
        p = 10.0 ** math.floor(math.log10(raw))
        step = next((m * p for m in (1, 2, 5, 10)
                     if m * p >= raw * (1 - 1e-12)), 10 * p)
    out, t = [], 0.0
    while t <= max_duration * (1 + 1e-12) and len(out) < 64:
        out.append(t)
        t += step
    return out


_KM_TABLES = {"curve": lib.KW_KM_TABLE_CURVE,
              "summary": lib.KW_KM_TABLE_SUMMARY,
              "at-risk": lib.KW_KM_TABLE_AT_RISK}


def survival(ds, as_of=None, unit="month", table="curve", conf=0.95,
             times=None, gap=None, source=None):
    """Kaplan-Meier customer survival (as `klantwijs survival --format
    csv`): with transactions, a customer's lifetime runs from the first
    purchase to the churn day of the gap rule (`klantwijs churn`), censored
    when still a customer; without them, the tenure and churn columns or
    the contract dates of the customers table. ``table``: "curve" (the
    step function with its log-log interval, the default), "summary"
    (customers, churned, median with its interval) or "at-risk" (at
    ``times``, or the command's grid). ``unit``: day, week or month."""
    import numpy as np
    from ._core import borrow
    from ._native import ffi as _ffi
    ctx = ds.context
    if table not in _KM_TABLES:
        raise ValueError(f"table must be one of {sorted(_KM_TABLES)}")
    tx = _table(ds, lib.KW_TABLE_TRANSACTIONS)
    cu = _table(ds, lib.KW_TABLE_CUSTOMERS)
    if source is None:
        if tx != _ffi.NULL:
            source = "purchases"
        elif cu != _ffi.NULL and \
                lib.kw_table_role(cu, lib.KW_ROLE_TENURE) != _ffi.NULL and \
                lib.kw_table_role(cu, lib.KW_ROLE_CHURN) != _ffi.NULL:
            source = "columns"
        else:
            source = "contracts"
    u = unit_code(unit, ("day", "week", "month"))  # as the command
    rep = _ffi.new("kw_km_report *")
    lib.kw_km_report_init(rep)
    rep.format = 1
    rep.table = _KM_TABLES[table]
    keep = [ds.ptr]
    if source == "columns":
        if cu == _ffi.NULL:
            raise ValueError("no customers table was read")
        cd = lib.kw_table_role(cu, lib.KW_ROLE_TENURE)
        ce = lib.kw_table_role(cu, lib.KW_ROLE_CHURN)
        if cd == _ffi.NULL or cd.type != lib.KW_TYPE_NUMBER or \
                ce == _ffi.NULL or ce.type != lib.KW_TYPE_FLAG:
            raise ValueError("the customers table has no tenure (numbers) "
                             "and churn (yes/no) columns; map them with "
                             "map={'customers.tenure': ..., "
                             "'customers.churn': ...}")
        n = int(lib.kw_table_rows(cu))
        dur, ev = cd.v.number, ce.v.flag
        rep.src = lib.KW_KM_SOURCE_COLUMNS
        rep.dur_name, rep.ev_name = cd.name, ce.name
    elif source in ("purchases", "contracts"):
        co = _ffi.new("kw_churn_options *")
        lib.kw_churn_options_init(co)
        co.as_of = _date_days(as_of)
        co.duration_unit_days = lib.kw_unit_days(u)
        if gap:
            co.gap_days = float(gap)
        out = _ffi.new("kw_churn **")
        if source == "purchases":
            if tx == _ffi.NULL:
                raise ValueError("no transactions table was read")
            ctx.check(lib.kw_churn_purchases(ctx.ptr, tx, co, out))
            rep.src = lib.KW_KM_SOURCE_PURCHASES
        else:
            if cu == _ffi.NULL:
                raise ValueError("no customers table was read")
            ctx.check(lib.kw_churn_contracts_table(ctx.ptr, cu, co, out))
            rep.src = lib.KW_KM_SOURCE_CONTRACTS
        ch = owned(ctx, out[0], lib.kw_churn_free)
        keep.append(ch)
        d = lib.kw_churn_durations_view(ch)
        info = lib.kw_churn_info_view(ch)
        n = int(d.n)
        dur, ev = d.duration, d.event
        rep.unit = lib.kw_unit_name(u)
        rep.as_of = info.as_of
        rep.gap = info.gap_days
        rep.gap_derived = info.gap_derived
    else:
        raise ValueError("source must be purchases, contracts or columns")
    durations = borrow(dur, n, np.float64, keep[-1])  # no copy
    fin = durations[np.isfinite(durations)]
    rep.integer = bool(np.all(fin == np.floor(fin)))
    ko = _ffi.new("kw_km_options *")
    lib.kw_km_options_init(ko)
    ko.alpha = 1.0 - float(conf)
    grid = list(times) if times is not None else \
        _grid(float(fin.max()) if len(fin) else 0.0)
    at = _ffi.new("double[]", [float(t) for t in grid] or [0.0])
    ko.at_times = at
    ko.n_at_times = len(grid)
    out = _ffi.new("kw_km **")
    ctx.check(lib.kw_km_fit(ctx.ptr, dur, ev, n, _ffi.NULL, 1, _ffi.NULL,
                            ko, out))
    km = owned(ctx, out[0], lib.kw_km_free)
    df = _frame(_capture(ctx, lambda f: lib.kw_report_km(ctx.ptr, f, km,
                                                           rep)))
    del keep
    return df


# --------------------------------------------------------------- basket

_MEASURES = ("none", "support", "confidence", "lift", "leverage",
             "conviction", "count")


def _rule_dtype():
    """The layout of kw_rule as a NumPy structured dtype, so that the
    rules array is read without a copy per rule."""
    import numpy as np
    f = {"lhs": np.uintp, "rhs": np.uintp, "n_lhs": np.uint32,
         "n_rhs": np.uint32, "count": np.uint32, "lhs_count": np.uint32,
         "rhs_count": np.uint32, "support": np.float64,
         "confidence": np.float64, "lift": np.float64,
         "leverage": np.float64, "conviction": np.float64,
         "conviction_inf": np.bool_}
    return np.dtype({"names": list(f), "formats": list(f.values()),
                     "offsets": [ffi.offsetof("kw_rule", k) for k in f],
                     "itemsize": ffi.sizeof("kw_rule")})


def basket(ds, kind="rules", by="order", level="product", as_of=None,
           min_support=0.01, min_confidence=0.5, min_lift=0.0, min_len=1,
           max_len=10, max_consequent=1, sort="lift", ascending=False,
           top=0, max_itemsets=1_000_000):
    """Association rules (``kind="rules"``, as `klantwijs basket --format
    csv`: antecedent, consequent, support, confidence, lift, leverage,
    conviction, count; best first by ``sort``) or the frequent itemsets
    (``kind="itemsets"``: itemset, length, support, count; by support),
    mined by the library's FP-growth from baskets of one order (``by=
    "order"``) or a customer's history (``by="customer"``), with products
    or categories (``level``) as items. The defaults are the command's.
    ``min_support`` below 1 is a fraction of the baskets, 1 or more a
    count of baskets."""
    import numpy as np
    import pandas as pd
    from ._core import borrow
    ctx = ds.context
    if kind not in ("rules", "itemsets"):
        raise ValueError("kind must be rules or itemsets")
    tx = _table(ds, lib.KW_TABLE_TRANSACTIONS)
    if tx == ffi.NULL:
        raise ValueError("no transactions table was read")
    bo = ffi.new("kw_basket_options *")
    lib.kw_basket_options_init(bo)
    bo.unit = {"order": lib.KW_BASKET_BY_ORDER,
               "customer": lib.KW_BASKET_BY_CUSTOMER}[by]
    bo.level = {"product": lib.KW_BASKET_PRODUCTS,
                "category": lib.KW_BASKET_CATEGORIES}[level]
    bo.as_of = _date_days(as_of)
    out = ffi.new("kw_baskets **")
    ctx.check(lib.kw_baskets_from_table(ctx.ptr, tx, bo, out))
    b = owned(ctx, out[0], lib.kw_baskets_free)
    io = ffi.new("kw_itemset_options *")
    lib.kw_itemset_options_init(io)
    if min_support >= 1:
        io.min_count = int(min_support)
    else:
        io.support = float(min_support)
    io.min_len = int(min_len)
    io.max_len = int(max_len)
    io.max_itemsets = int(max_itemsets)
    sout = ffi.new("kw_itemsets **")
    ctx.check(lib.kw_itemsets_mine(ctx.ptr, b, io, sout))
    s = owned(ctx, sout[0], lib.kw_itemsets_free)
    bv = lib.kw_baskets_view(b)
    names = [ffi.string(lib.kw_baskets_item_name(b, i)).decode(
        "utf-8", "replace") for i in range(int(bv.n_items))]

    def text(ids):
        # the command's form: {a, b} with the names in byte order
        return "{" + ", ".join(sorted((names[i] for i in ids),
                                      key=lambda x: x.encode())) + "}"

    if kind == "itemsets":
        sv = lib.kw_itemsets_view(s)
        n = int(sv.n)
        off = borrow(sv.offsets, n + 1, np.uintp, s)
        items = borrow(sv.items, int(off[-1]) if n else 0, np.uint32, s)
        count = borrow(sv.count, n, np.uint32, s)
        df = pd.DataFrame({
            "itemset": [text(items[off[i]:off[i + 1]]) for i in range(n)],
            "length": np.diff(off).astype(np.int64),
            "support": count / float(sv.n_baskets),
            "count": count.astype(np.int64)})
        if sort != "none":
            df = df.sort_values("count", ascending=ascending,
                                kind="stable")
        if top:
            df = df.head(int(top))
        return df.reset_index(drop=True)
    ro = ffi.new("kw_rule_options *")
    lib.kw_rule_options_init(ro)
    ro.min_confidence = float(min_confidence)
    ro.min_lift = float(min_lift)
    ro.max_consequent = int(max_consequent)
    ro.sort_by = lib.kw_rule_measure_from_name(sort.encode())
    if ro.sort_by == lib.KW_MEASURE__COUNT:
        raise ValueError(f"sort must be one of {', '.join(_MEASURES)}")
    ro.ascending = bool(ascending)
    ro.top_n = int(top)
    rout = ffi.new("kw_rules **")
    ctx.check(lib.kw_rules_build(ctx.ptr, s, ro, rout))
    r = owned(ctx, rout[0], lib.kw_rules_free)
    rv = lib.kw_rules_view(r)
    n = int(rv.n)
    dt = _rule_dtype()
    rules = np.frombuffer(ffi.buffer(rv.rules, n * dt.itemsize), dt) \
        if n else np.zeros(0, dt)
    n_items = int((rules["lhs"] + rules["n_lhs"]).max(initial=0))
    n_items = max(n_items, int((rules["rhs"] + rules["n_rhs"]).max(
        initial=0)))
    items = borrow(rv.items, n_items, np.uint32, r)
    conv = np.where(rules["conviction_inf"], np.inf, rules["conviction"])
    df = pd.DataFrame({
        "antecedent": [text(items[a:a + k]) for a, k in
                       zip(rules["lhs"], rules["n_lhs"])],
        "consequent": [text(items[a:a + k]) for a, k in
                       zip(rules["rhs"], rules["n_rhs"])],
        "support": rules["support"].copy(),
        "confidence": rules["confidence"].copy(),
        "lift": rules["lift"].copy(),
        "leverage": rules["leverage"].copy(),
        "conviction": conv,
        "count": rules["count"].astype(np.int64)})
    df.attrs.update(baskets=int(rv.n_baskets),
                    rules_matched=int(rv.n_matched))
    return df
