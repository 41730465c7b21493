"""Contexts, status checks, datasets and the per-customer summary.

Every object that owns library memory frees it through cffi's ffi.gc, so
CPython frees it the moment the last reference goes; ``close()`` (or a
``with`` block) frees it at once. Columns of a dataset come out as NumPy
arrays over the library's own memory (no copy; ``Dataset.column``), which
keep the dataset alive; DataFrames get one bulk copy of each column (never
row by row), so a DataFrame never points into freed memory.
"""
import os
import tempfile
import weakref

import numpy as np

from ._native import ffi, lib, NA_DATE
from .errors import (ConvergenceError, DataFileError, InputError,
                     KlantwijsError)

_STATUS_NAMES = {
    0: "KW_OK", 1: "KW_ENOMEM", 2: "KW_EIO", 3: "KW_EINPUT", 4: "KW_EEMPTY",
    5: "KW_EARG", 6: "KW_EMISSING", 7: "KW_EAMBIGUOUS", 8: "KW_ENOCONV",
    9: "KW_ENUMERIC", 10: "KW_EUNSUPPORTED", 11: "KW_ERANGE",
}
_INPUT = {3, 4, 5, 6, 7, 11}
_NUMERIC = {8, 9}


class Context:
    """A library context (allocator, threads, seed, last error)."""

    def __init__(self, threads=None, seed=None, allocator=None,
                 keep=None):
        """``allocator``: a ``kw_allocator *`` (cffi) through which all
        the library's memory of this context goes; it and ``keep`` (its
        callbacks, say) are kept alive as long as the context is."""
        if allocator is None:
            ptr = lib.kw_context_new()
        else:
            ptr = lib.kw_context_new_with_allocator(allocator)
        if ptr == ffi.NULL:
            raise MemoryError("kw_context_new")
        self._ptr = ffi.gc(ptr, lambda p, _a=(allocator, keep):
                           lib.kw_context_free(p))
        lib.kw_context_set_threads(
            self._ptr, int(threads) if threads else (os.cpu_count() or 1))
        if seed is not None:
            lib.kw_context_set_seed(self._ptr, int(seed))

    @property
    def ptr(self):
        return self._ptr

    def check(self, status):
        """Raise the exception for a non-KW_OK status."""
        if status == 0:
            return
        msg = ffi.string(lib.kw_errmsg(self._ptr)).decode("utf-8", "replace")
        if not msg:
            msg = ffi.string(lib.kw_status_str(status)).decode()
        name = _STATUS_NAMES.get(int(status), str(int(status)))
        lib.kw_clear_error(self._ptr)
        if status == 1:
            raise MemoryError(msg)
        if status in _INPUT:
            raise InputError(name, int(status), msg)
        if status == 2:
            raise DataFileError(name, int(status), msg)
        if status in _NUMERIC:
            raise ConvergenceError(name, int(status), msg)
        raise KlantwijsError(name, int(status), msg)


def owned(ctx, ptr, free_fn):
    """ptr freed by free_fn when collected; the destructor holds the
    context, so a context always outlives what was made with it (also at
    interpreter exit, when collection order is otherwise arbitrary)."""
    return ffi.gc(ptr, lambda p, _ctx=ctx: free_fn(p))


def carray(ptr, n, dtype):
    """A NumPy copy of n values at a library pointer (one bulk copy)."""
    dtype = np.dtype(dtype)
    if n == 0 or ptr == ffi.NULL:
        return np.empty(0, dtype)
    return np.frombuffer(ffi.buffer(ptr, n * dtype.itemsize), dtype).copy()


class _Borrowed:
    """The owner of library memory seen by a NumPy array (its ``base``):
    it keeps the owning library object alive as long as the array is."""

    __slots__ = ("__array_interface__", "_owner", "__weakref__")

    def __init__(self, address, n, dtype, owner):
        self.__array_interface__ = {
            "shape": (n,), "typestr": np.dtype(dtype).str,
            "data": (address, True), "version": 3}
        self._owner = owner


def borrow(ptr, n, dtype, owner, registry=None):
    """A read-only NumPy array over n values at a library pointer, without
    a copy. ``owner`` (the cffi object that frees the memory) lives as long
    as the array; ``registry``, a WeakSet, learns of the array's holder so
    that close() can tell whether views are still in use."""
    dtype = np.dtype(dtype)
    if n == 0 or ptr == ffi.NULL:
        return np.empty(0, dtype)
    holder = _Borrowed(int(ffi.cast("uintptr_t", ptr)), int(n), dtype, owner)
    if registry is not None:
        registry.add(holder)
    return np.asarray(holder)


def dict_strings(d):
    """Every string of a kw_dict in id order (one library call)."""
    size = lib.kw_dict_export(d, ffi.NULL, 0)
    if size == 0:
        return []
    buf = ffi.new("char[]", size)
    lib.kw_dict_export(d, buf, size)
    return ffi.buffer(buf, size)[:-1].decode("utf-8", "replace").split("\0")


def dates(days):
    """Days since 1970 (int32, NA_DATE missing) as datetime64[D]."""
    out = days.astype("datetime64[D]")
    out[days == NA_DATE] = np.datetime64("NaT")
    return out


def as_doubles(values, name):
    """A contiguous float64 array (no copy when it already is one)."""
    a = np.ascontiguousarray(np.asarray(values, dtype=np.float64))
    if a.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    return a


_TABLES = ("transactions", "customers", "invoices", "costs", "feedback",
           "touchpoints", "referrals")
_UNITS = {"day": lib.KW_UNIT_DAY, "week": lib.KW_UNIT_WEEK,
          "month": lib.KW_UNIT_MONTH, "year": lib.KW_UNIT_YEAR}


def unit_code(unit, allowed=("day", "week", "month", "year")):
    """The library's kw_unit for a unit name."""
    if unit not in allowed:
        raise ValueError(f"unit must be one of {', '.join(allowed)}")
    return _UNITS[unit]


def _date_days(value):
    if value is None:
        return NA_DATE
    d = np.datetime64(value, "D")
    return int(d.astype(np.int64))


class Dataset:
    """Typed tables read once: transactions and the optional customers,
    invoices, costs, feedback, touchpoints and referrals tables."""

    def __init__(self, ctx, ptr, keep=None):
        self._ctx = ctx
        self._ptr = owned(ctx, ptr, lib.kw_dataset_free)
        self._keep = keep  # temporary folder of a DataFrame, if any
        self._views = weakref.WeakSet()  # holders of column views

    @property
    def ptr(self):
        return self._ptr

    @property
    def context(self):
        return self._ctx

    def close(self):
        """Free the library's memory now (also done when collected). While
        arrays from column() are alive the memory stays theirs and is
        freed when the last of them goes."""
        if self._ptr is not None:
            if len(self._views) == 0:
                ffi.release(self._ptr)
            self._ptr = None
        if self._keep is not None:
            self._keep.cleanup()
            self._keep = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def customer_ids(self):
        return dict_strings(lib.kw_dataset_customers(self._ptr))

    def _table_ptr(self, table):
        if self._ptr is None:
            raise ValueError("the dataset is closed")
        if table not in _TABLES:
            raise ValueError(f"table must be one of {_TABLES}")
        return lib.kw_dataset_table(self._ptr, _TABLES.index(table))

    def columns(self, table="transactions"):
        """The columns read into a table: a DataFrame of name, role, type
        and missing cells (empty when the table was not read)."""
        import pandas as pd
        t = self._table_ptr(table)
        rows = []
        if t != ffi.NULL:
            for i in range(int(lib.kw_table_ncols(t))):
                c = lib.kw_table_col(t, i)
                rows.append({
                    "name": ffi.string(c.name).decode("utf-8", "replace"),
                    "role": ffi.string(lib.kw_role_name(c.role)).decode(),
                    "type": ffi.string(lib.kw_type_name(c.type)).decode(),
                    "missing": int(c.missing)})
        return pd.DataFrame(rows, columns=["name", "role", "type",
                                           "missing"])

    def column(self, name, table="transactions"):
        """One column as a read-only NumPy array over the library's own
        memory (no copy): numbers float64, money int64 cents, dates int32
        days since 1970, text uint32 ids into the column's dictionary
        (see ``column_labels``), flags int8. ``name`` is a header or a
        role name ("customer", "amount", ...). The array keeps the
        dataset's memory alive."""
        t = self._table_ptr(table)
        c = self._find(t, name, table)
        n = int(lib.kw_table_rows(t))
        typ = ffi.string(lib.kw_type_name(c.type)).decode()
        dtype, ptr = {
            "number": (np.float64, lambda: c.v.number),
            "money": (np.int64, lambda: c.v.money),
            "date": (np.int32, lambda: c.v.date),
            "text": (np.uint32, lambda: c.v.text),
            "flag": (np.int8, lambda: c.v.flag),
        }[typ]
        return borrow(ptr(), n, dtype, self._ptr, self._views)

    def column_labels(self, name, table="transactions"):
        """The strings of a text column's dictionary, in id order."""
        t = self._table_ptr(table)
        c = self._find(t, name, table)
        if c.dict == ffi.NULL:
            raise ValueError(f"{name!r} is not a text column")
        return dict_strings(c.dict)

    @staticmethod
    def _find(t, name, table):
        if t == ffi.NULL:
            raise KeyError(f"no {table} table was read")
        c = lib.kw_table_find(t, name.encode())
        if c == ffi.NULL:
            role = lib.kw_role_from_name(name.encode())
            if role not in (lib.KW_ROLE__COUNT, lib.KW_ROLE_NONE):
                c = lib.kw_table_role(t, role)
        if c == ffi.NULL:
            raise KeyError(f"the {table} table has no column {name!r}")
        return c

    def rows(self, table="transactions"):
        """Rows read into a table (0 when the table was not read)."""
        t = lib.kw_dataset_table(self._ptr, _TABLES.index(table))
        return 0 if t == ffi.NULL else int(lib.kw_table_rows(t))

    def summary(self, as_of=None, unit="week"):
        """One row per customer (index: customer id): first and last
        purchase, orders, purchase days, lines, revenue (net of returns),
        cost, discount, products, categories, and the buy-till-you-die
        triple x (repeat purchase days), t_x and T in ``unit``, with the
        mean repeat spend. ``frequency``, ``recency`` and
        ``monetary_value`` repeat x, t_x and repeat_spend under the names
        lifetimes uses."""
        import pandas as pd
        opts = ffi.new("kw_summary_options *")
        lib.kw_summary_options_init(opts)
        opts.as_of = _date_days(as_of)
        opts.unit = unit_code(unit)
        out = ffi.new("kw_summary **")
        self._ctx.check(lib.kw_summary_build(self._ctx.ptr, self._ptr, opts,
                                             out))
        s = owned(self._ctx, out[0], lib.kw_summary_free)
        try:
            v = lib.kw_summary_view(s)
            n = int(v.n)
            ids = dict_strings(v.ids)
            rev = carray(v.revenue, n, np.int64)
            cost = carray(v.cost, n, np.int64)
            disc = carray(v.discount, n, np.int64)
            x = carray(v.x, n, np.float64)
            t_x = carray(v.t_x, n, np.float64)
            T = carray(v.T, n, np.float64)
            spend = carray(v.repeat_spend, n, np.float64)
            df = pd.DataFrame({
                "first_purchase": dates(carray(v.first, n, np.int32)),
                "last_purchase": dates(carray(v.last, n, np.int32)),
                "orders": carray(v.orders, n, np.uint32),
                "purchase_days": carray(v.days, n, np.uint32),
                "lines": carray(v.lines, n, np.uint32),
                "revenue": rev / 100.0,
                "cost": cost / 100.0 if v.has_cost else np.nan,
                "discount": disc / 100.0,
                "products": carray(v.n_products, n, np.uint32),
                "categories": carray(v.n_categories, n, np.uint32),
                "x": x, "t_x": t_x, "T": T, "repeat_spend": spend,
            }, index=pd.Index(ids[:n], name="customer_id"))
            df["frequency"] = df["x"]
            df["recency"] = df["t_x"]
            df["monetary_value"] = df["repeat_spend"]
            df.attrs.update(as_of=np.datetime64(int(v.as_of), "D"),
                            unit=unit, buyers=int(v.n_buyers),
                            lines_used=int(v.lines_used),
                            lines_after=int(v.lines_after))
            return df
        finally:
            ffi.release(s)


def _attach_tables():
    from . import _tables
    for name in ("rfm", "profit", "pareto", "payments", "cohorts", "churn",
                 "survival", "basket"):
        setattr(Dataset, name, getattr(_tables, name))


def load(source, map=None, *, tables=None, decimal_mark=None,
         date_format=None, delimiter=None, header=None, strict=False,
         threads=None, seed=None, table_bits=None, context=None,
         _prepare=None, **files):
    """Read a data folder, a transactions file or a pandas DataFrame.

    ``source``: a folder (transactions.csv, customers.csv, ...), a file of
    transaction lines, or a DataFrame of transaction lines. ``map``: a dict
    role -> column (``{"customer": "klantnr"}``; ``"customers.sector":
    "branche"`` for another table), as ``--map`` on the command line.
    Other tables may be given as keyword paths (``customers="k.csv"``).
    Errors raise InputError carrying the library's file:line:column.
    ``context``: a Context to use (else a new one).
    """
    ctx = context if context is not None else Context(threads=threads,
                                                      seed=seed)
    keep = None
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    opts = ffi.new("kw_load_options *")
    lib.kw_load_options_init(opts)
    refs = []  # keep C strings alive during the call

    def cstr(s):
        b = ffi.new("char[]", os.fsencode(s))
        refs.append(b)
        return b

    if pd is not None and isinstance(source, pd.DataFrame):
        keep = tempfile.TemporaryDirectory(prefix="klantwijs-")
        path = os.path.join(keep.name, "transactions.csv")
        frame = source.copy()
        converted = False
        for col in frame.columns:
            if np.issubdtype(frame[col].dtype, np.datetime64):
                frame[col] = frame[col].dt.strftime("%Y-%m-%d")
                converted = True
        frame.to_csv(path, index=False)
        opts.files[0] = cstr(path)
        if converted:  # the dates written above; text dates are detected
            date_format = date_format or "ymd"
        decimal_mark = decimal_mark or "."
    elif os.path.isdir(os.fspath(source)):
        opts.dir = cstr(os.fspath(source))
    else:
        opts.files[0] = cstr(os.fspath(source))
    for kind, path in files.items():
        if kind not in _TABLES:
            raise TypeError(f"unknown table {kind!r}")
        opts.files[_TABLES.index(kind)] = cstr(os.fspath(path))
    maps = [f"{k}={v}" for k, v in (map or {}).items()]
    if maps:
        arr = ffi.new("char *[]", [cstr(m) for m in maps])
        refs.append(arr)
        opts.maps = arr
        opts.n_maps = len(maps)
    # what each reading option accepts is the library's one definition,
    # shared with the command line (kw_load_options_set)
    for name, value in (("decimal-mark", decimal_mark),
                        ("date-format", date_format),
                        ("delimiter", delimiter)):
        if value is not None:
            ctx.check(lib.kw_load_options_set(ctx.ptr, opts, name.encode(),
                                              str(value).encode()))
    if header is not None:
        ctx.check(lib.kw_load_options_set(
            ctx.ptr, opts, b"header" if header else b"no-header", ffi.NULL))
    opts.strict = bool(strict)
    if tables:
        opts.tables = sum(1 << _TABLES.index(t) for t in tables)
    elif table_bits:
        opts.tables = int(table_bits)
    if _prepare is not None:  # what a job reads, e.g. kw_analyze_load_options
        _prepare(opts)
    out = ffi.new("kw_dataset **")
    try:
        ctx.check(lib.kw_dataset_load(ctx.ptr, opts, out))
    except Exception:
        if keep is not None:
            keep.cleanup()
        raise
    return Dataset(ctx, out[0], keep)
