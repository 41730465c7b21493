"""The cffi binding (ABI mode: no compiled extension) over libklantwijs.

The library is found, in this order, through
  1. KLANTWIJS_LIB: the path of libklantwijs.so itself;
  2. KLANTWIJS_PREFIX: an install prefix (PREFIX/lib, PREFIX/lib64,
     PREFIX/lib/<multiarch>);
  3. the prefix this package is installed under (sys.prefix), /usr/local
     and /usr;
  4. a build folder beside the package in a source checkout (build/);
  5. the dynamic linker's search path (ctypes.util.find_library).
The C declarations cffi needs are the library's own, written by its build
from the public headers (klantwijs_cdef.h): beside the library in a build
folder, or PREFIX/share/klantwijs/ after `cmake --install`, or the file
KLANTWIJS_CDEF names. They always match the library that is loaded, so the
binding cannot drift from the headers. The library's version must have the
major and minor version this package was written for (the API is 0.x: a
new minor version may change it).
"""
import ctypes.util
import glob
import os
import sys

import cffi

#: The library version this package speaks (major, minor).
LIB_API_VERSION = (0, 1)

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
    yield os.path.join(root, "build", "libklantwijs.so")
    found = ctypes.util.find_library("klantwijs")
    if found:
        yield found


def _cdef_for(lib_path):
    env = os.environ.get("KLANTWIJS_CDEF")
    if env:
        return env
    real = os.path.realpath(lib_path)
    d = os.path.dirname(real)
    places = [os.path.join(d, "klantwijs_cdef.h")]
    # PREFIX/lib[/multiarch]/libklantwijs.so -> PREFIX/share/klantwijs/
    for up in (os.path.dirname(d), os.path.dirname(os.path.dirname(d))):
        places.append(os.path.join(up, "share", "klantwijs",
                                   "klantwijs_cdef.h"))
    for p in places:
        if os.path.exists(p):
            return p
    return None


def _open():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        cdef = _cdef_for(path) if os.sep in path else None
        if cdef is None:
            tried.append(f"{path} (no klantwijs_cdef.h beside it or in "
                         "PREFIX/share/klantwijs; set KLANTWIJS_CDEF)")
            continue
        ffi = cffi.FFI()
        with open(cdef) as f:
            ffi.cdef(f.read())
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
        return ffi, lib, path, version
    raise LibraryNotFound(
        "libklantwijs.so not found; set KLANTWIJS_LIB to its path or "
        "KLANTWIJS_PREFIX to its install prefix (tried: "
        + ", ".join(tried or ["nothing"]) + ")")


ffi, lib, LIB_PATH, LIB_VERSION = _open()
