"""Memory is freed deterministically, and nothing leaks over 10,000 calls;
arrays go to and come from the library without copies."""
import gc
import os

import cffi
import numpy as np
import pytest

import klantwijs
from klantwijs._core import Context, as_doubles
from klantwijs._native import ffi, lib
from klantwijs.fitters import BetaGeoFitter

# --------------------------------------------------------------- helpers

_libc_ffi = cffi.FFI()
_libc_ffi.cdef("""
    void *malloc(size_t);
    void *realloc(void *, size_t);
    void free(void *);
    struct mallinfo2 { size_t arena, ordblks, smblks, hblks, hblkhd,
                       usmblks, fsmblks, uordblks, fordblks, keepcost; };
    struct mallinfo2 mallinfo2(void);
""")
_libc = _libc_ffi.dlopen(None)


def rss_kib():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def heap_in_use():
    """Bytes malloc has handed out and not got back (glibc)."""
    m = _libc.mallinfo2()
    return m.uordblks + m.hblkhd


class CountingContext(Context):
    """A context whose allocator counts the library's live blocks."""

    def __init__(self):
        self.live = {}
        live = self.live

        def to_int(p):
            return int(_libc_ffi.cast("uintptr_t", p))

        @ffi.callback("void *(void *, size_t)")
        def m(user, size):
            p = _libc.malloc(size)
            live[to_int(p)] = size
            return ffi.cast("void *", to_int(p))

        @ffi.callback("void *(void *, void *, size_t)")
        def r(user, old, size):
            o = int(ffi.cast("uintptr_t", old))
            p = _libc.realloc(_libc_ffi.cast("void *", o), size)
            if p != _libc_ffi.NULL:
                live.pop(o, None)
                live[to_int(p)] = size
            return ffi.cast("void *", to_int(p))

        @ffi.callback("void (void *, void *)")
        def f(user, ptr):
            o = int(ffi.cast("uintptr_t", ptr))
            if o:
                live.pop(o, None)
                _libc.free(_libc_ffi.cast("void *", o))

        a = ffi.new("kw_allocator *")
        a.malloc_fn, a.realloc_fn, a.free_fn = m, r, f
        super().__init__(threads=1, allocator=a, keep=(m, r, f))


@pytest.fixture
def small(tmp_path):
    p = tmp_path / "t.csv"
    rows = ["customer,invoice,date,product,amount"]
    for i in range(60):
        rows.append(f"C{i % 12},F{i // 2},2024-{1 + i % 12:02d}-"
                    f"{1 + i % 27:02d},P{i % 5},{10 + i}.50")
    p.write_text("\n".join(rows) + "\n")
    return p


# ------------------------------------------------- deterministic freeing

def test_close_returns_every_block(small):
    ctx = CountingContext()
    base = len(ctx.live)  # the context's own blocks
    ds = klantwijs.load(str(small), context=ctx)
    held = len(ctx.live)
    assert held > base
    ds.summary(), ds.rfm(), ds.churn(), ds.survival(), ds.basket()
    # the analyses' objects were freed when each call returned
    assert len(ctx.live) == held
    ds.close()
    assert len(ctx.live) == base


def test_dropping_the_last_reference_frees(small):
    ctx = CountingContext()
    base = len(ctx.live)
    ds = klantwijs.load(str(small), context=ctx)
    s = ds.summary()
    del ds  # CPython frees at once: no gc.collect() here
    assert len(ctx.live) == base
    assert s["revenue"].sum() > 0  # the frame owns its own copy


def test_column_view_keeps_memory_until_its_last_array_goes(small):
    ctx = CountingContext()
    base = len(ctx.live)
    ds = klantwijs.load(str(small), context=ctx)
    a = ds.column("amount")
    ds.close()
    assert len(ctx.live) > base  # a still points into it
    assert a[:2].tolist() == [1050, 1150]  # cents, still readable
    b = a[10:]  # a slice keeps it too
    del a
    assert len(ctx.live) > base
    del b
    assert len(ctx.live) == base


def test_fitter_close_frees():
    f = BetaGeoFitter.from_params([0.24, 4.4, 0.79, 2.4])
    f.close()
    with pytest.raises(ValueError):
        f.conditional_probability_alive([1], [1], [2])


# ------------------------------------------------------------- zero copy

def test_column_views_are_the_library_memory(small):
    ds = klantwijs.load(str(small))
    t = lib.kw_dataset_table(ds.ptr, lib.KW_TABLE_TRANSACTIONS)
    col = lib.kw_table_find(t, b"amount")
    a = ds.column("amount")
    assert a.__array_interface__["data"][0] == int(
        ffi.cast("uintptr_t", col.v.money))
    assert a.dtype == np.int64 and not a.flags.writeable
    assert np.shares_memory(a, ds.column("amount"))
    d = ds.column("date")
    assert d.dtype == np.int32
    assert d[0] == np.datetime64("2024-01-01", "D").astype(np.int64)
    ids = ds.column("customer")
    labels = ds.column_labels("customer")
    assert [labels[i] for i in ids[:3]] == ["C0", "C1", "C2"]
    assert ds.column("product").base is not None
    cols = ds.columns()
    assert cols.set_index("name").loc["amount", "role"] == "amount"


def test_arrays_go_in_without_a_copy():
    x = np.arange(1e5)
    assert as_doubles(x, "x") is x  # float64 and contiguous: as it is
    buf = ffi.from_buffer("double[]", as_doubles(x, "x"))
    assert int(ffi.cast("uintptr_t", buf)) == \
        x.__array_interface__["data"][0]
    # a strided or integer array is made contiguous once (not per row)
    y = as_doubles(np.arange(10)[::2], "y")
    assert y.flags.c_contiguous and y.dtype == np.float64


def test_predictions_are_written_into_the_result_array():
    """The library writes P(alive) straight into the array returned (the
    Series wraps it without a copy)."""
    import pandas as pd
    f = BetaGeoFitter.from_params([0.24, 4.4, 0.79, 2.4])
    s = pd.DataFrame({"x": [0.0, 1, 2], "t_x": [0.0, 5, 9], "T": [10.0] * 3})
    p = f.conditional_probability_alive(s["x"], s["t_x"], s["T"])
    assert isinstance(p, pd.Series) and p.index.equals(s.index)
    assert p.iloc[0] == 1.0 and 0 < p.iloc[1] < 1


# ------------------------------------------------- no leak over 10,000

@pytest.mark.skipif(not os.path.exists("/proc/self/statm"),
                    reason="needs /proc")
def test_no_growth_over_10000_calls(small, tmp_path):
    x = np.array([0, 1, 2, 5, 0, 3], float)
    tx = np.array([0, 10, 20, 30, 0, 25], float)
    T = np.full(6, 40.0)
    fit = BetaGeoFitter.from_params({"r": 0.24, "alpha": 4.4, "a": 0.79,
                                     "b": 2.4})
    absent = str(tmp_path / "absent.csv")

    def work(i):
        k = i % 8
        if k == 0:
            with klantwijs.load(str(small)) as ds:
                ds.summary()
        elif k == 1:
            klantwijs.load(str(small)).rfm()
        elif k == 2:
            klantwijs.load(str(small)).survival()
        elif k == 3:
            klantwijs.load(str(small)).basket(min_support=0.05,
                                              min_confidence=0.1)
        elif k == 4:
            ds = klantwijs.load(str(small))
            ds.column("amount").sum()
            ds.close()
        elif k == 5:
            BetaGeoFitter(n_starts=1).fit(x, tx, T)
        elif k == 6:
            fit.conditional_probability_alive(x, tx, T)
            fit.conditional_expected_number_of_purchases_up_to_time(
                10, x, tx, T)
        else:
            try:
                klantwijs.load(absent)
            except OSError:
                pass

    for i in range(800):  # warm up allocators and caches
        work(i)
    gc.collect()
    rss0, heap0 = rss_kib(), heap_in_use()
    for i in range(10000):
        work(i)
    gc.collect()
    rss, heap = rss_kib() - rss0, heap_in_use() - heap0
    print(f"over 10,000 calls: RSS {rss:+d} KiB, heap in use "
          f"{heap / 1024:+.0f} KiB")
    # 1,250 datasets each of load + summary, rfm, survival, basket: a
    # leak of one small object per call (>= 64 bytes) would be >= 625 KiB
    # in the heap; a dataset (~20 KiB) per call hundreds of MiB of RSS
    assert heap < 256 * 1024, f"heap grew by {heap} bytes"
    assert rss < 4096, f"RSS grew by {rss} KiB"
