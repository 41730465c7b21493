"""Result tables as pandas DataFrames, from the library's own writers.

Each analysis runs with the library's defaults (the same as the command
with no options) and is written by its library writer in CSV form into
memory (open_memstream), which pandas reads: the columns, keys and figures
are exactly those of `klantwijs COMMAND --format csv`, so Python and the
command line cannot disagree. Numeric arrays of the summary and the CLV
fitters are passed without copies (see _core and fitters).
"""
import io

from ._core import _date_days, owned
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
    opts.unit = {"day": 0, "week": 1, "month": 2}[unit]
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
