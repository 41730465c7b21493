"""klantwijs for Python: the customer-analysis library from a notebook.

    import klantwijs
    ds = klantwijs.load("demo-data")           # a folder, a file or a DataFrame
    s = ds.summary()                           # one row per customer
    from klantwijs.fitters import BetaGeoFitter
    bgf = BetaGeoFitter().fit(s["x"], s["t_x"], s["T"])
    klantwijs.analyze(ds, "report")            # the whole report

The computations are libklantwijs's (found through KLANTWIJS_LIB, an
install prefix or the linker path; see klantwijs._native).
"""
from ._native import LIB_PATH, LIB_VERSION, LibraryNotFound
from ._core import Context, Dataset, load, _attach_tables
from ._analyze import Analysis, analyze
from .errors import (ConvergenceError, DataFileError, InputError,
                     KlantwijsError)
from . import fitters

_attach_tables()

__version__ = LIB_VERSION
__all__ = ["load", "analyze", "Dataset", "Analysis", "Context", "fitters",
           "KlantwijsError", "InputError", "ConvergenceError", "DataFileError",
           "LibraryNotFound", "LIB_PATH", "LIB_VERSION"]
