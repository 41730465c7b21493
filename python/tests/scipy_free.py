"""BG/NBD formulas written out in NumPy, independently of the library
(FHL 2005, eqs. (10) and (7); the 2F1 of E[X(t)] by its power series)."""
import math

import numpy as np


def bgnbd_p_alive(r, alpha, a, b, x, tx, T):
    x = np.asarray(x, float)
    tx = np.asarray(tx, float)
    T = np.asarray(T, float)
    ratio = (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    p = 1.0 / (1.0 + np.where(x > 0, ratio, 0.0))
    return p


def hyp2f1(a, b, c, z, terms=2000):
    s, term = 1.0, 1.0
    for k in range(terms):
        term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
        s += term
        if abs(term) < 1e-17 * abs(s):
            break
    return s


def bgnbd_expected_new(r, alpha, a, b, t):
    z = t / (alpha + t)
    return ((a + b - 1) / (a - 1)) * (
        1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z))
