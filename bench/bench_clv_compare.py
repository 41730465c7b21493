#!/usr/bin/env python3
"""
bench_clv_compare.py OLD NEW -- compare two per-customer dumps of
bench_clv_analyze (bench/internal/bench_clv_analyze.c): the totals and, per
column, how many customers differ and the largest relative difference.
"""
import math
import sys

def load(p):
    with open(p) as f:
        tot = f.readline().split()[2:]
        tot += f.readline().split()[2:]
        tot = [t for t in tot if t != 'matrix']
        hdr = f.readline().strip().split(',')
        rows = [list(map(float, l.split(','))) for l in f]
    return [float(t) for t in tot], hdr, rows
ta, h, A = load(sys.argv[1]); tb, _, B = load(sys.argv[2])
assert len(A) == len(B)
def rel(a, b):
    if math.isnan(a) and math.isnan(b): return 0.0
    if a == b: return 0.0
    return abs(a - b) / max(abs(a), abs(b))
print('totals, top-20 share, P(alive) matrix: largest rel. difference',
      max(rel(a, b) for a, b in zip(ta, tb)) if len(ta) == len(tb) else 'length differs')
for c, name in enumerate(h):
    worst = 0; nd = 0; wi = -1
    for i in range(len(A)):
        r = rel(A[i][c], B[i][c])
        if r > 0: nd += 1
        if r > worst: worst, wi = r, i
    print(f'{name:12s} differ {nd:8d}  max rel {worst:.3e}  at {wi}')
