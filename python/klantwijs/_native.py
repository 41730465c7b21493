"""The cffi binding (ABI mode: no compiled extension) over libklantwijs.

The library is found, in this order, through
  1. KLANTWIJS_LIB: the path of libklantwijs.so itself;
  2. KLANTWIJS_PREFIX: an install prefix (PREFIX/lib, PREFIX/lib64,
     PREFIX/lib/<multiarch>);
  3. the prefix this package is installed under (sys.prefix), /usr/local
     and /usr;
  4. a build folder beside the package in a source checkout (build/);
  5. the dynamic linker's search path (ctypes.util.find_library).
The library's version must have the major and minor version this package
was written for (the API is 0.x: a new minor version may change it).
"""
import ctypes.util
import glob
import os
import sys

import cffi

#: The library version this package speaks (major, minor).
LIB_API_VERSION = (0, 1)

ffi = cffi.FFI()
with open(os.path.join(os.path.dirname(__file__), "_cdef.h")) as _f:
    ffi.cdef(_f.read())

# Values of the header's macros that preprocessing leaves out.
NA_ID = 0xFFFFFFFF
NA_DATE = -(2 ** 31)
NA_MONEY = -(2 ** 63)


class LibraryNotFound(ImportError):
    """libklantwijs.so could not be found or has the wrong version."""


def _candidates():
    env = os.environ.get("KLANTWIJS_LIB")
    if env:
        yield env
        return
    prefixes = []
    if os.environ.get("KLANTWIJS_PREFIX"):
        prefixes.append(os.environ["KLANTWIJS_PREFIX"])
    prefixes += [sys.prefix, "/usr/local", "/usr"]
    for p in prefixes:
        for sub in ("lib", "lib64", "lib/*-linux-gnu"):
            for hit in sorted(glob.glob(os.path.join(p, sub,
                                                     "libklantwijs.so*"))):
                yield hit
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    for b in ("build", "build-asan"):
        yield os.path.join(root, b, "libklantwijs.so")
    found = ctypes.util.find_library("klantwijs")
    if found:
        yield found


def _open():
    tried = []
    for path in _candidates():
        if not os.path.exists(path) and os.sep in path:
            tried.append(path)
            continue
        try:
            lib = ffi.dlopen(path)
        except OSError as e:
            tried.append(f"{path} ({e})")
            continue
        version = ffi.string(lib.kw_version()).decode()
        parts = tuple(int(v) for v in version.split(".")[:2])
        if parts != LIB_API_VERSION:
            raise LibraryNotFound(
                f"{path} is libklantwijs {version}; this package needs "
                f"{LIB_API_VERSION[0]}.{LIB_API_VERSION[1]}.x")
        return lib, path, version
    raise LibraryNotFound(
        "libklantwijs.so not found; set KLANTWIJS_LIB to its path or "
        "KLANTWIJS_PREFIX to its install prefix (tried: "
        + ", ".join(tried or ["nothing"]) + ")")


lib, LIB_PATH, LIB_VERSION = _open()
