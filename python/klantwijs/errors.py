"""Errors raised by the package: the library's status and its message."""


class KlantwijsError(Exception):
    """A library call failed. ``status`` is the library's status name
    (e.g. "KW_EINPUT"), ``code`` its number and the message the library's
    detailed message (file:line:column for input errors)."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class InputError(KlantwijsError, ValueError):
    """Bad or missing input data (KW_EINPUT, KW_EMISSING, KW_EEMPTY, ...)."""


class ConvergenceError(KlantwijsError, RuntimeError):
    """A fit did not converge or a number could not be computed."""


class DataFileError(KlantwijsError, OSError):
    """A file could not be read or written (KW_EIO)."""
