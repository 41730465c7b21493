#!/usr/bin/python3
"""Reference for tests/unit/test_segments.c: Lloyd's k-means from given
initial centres, written with numpy alone from the definition of
scikit-learn's KMeans(algorithm="lloyd") (sklearn itself is not needed):

  tol' = tol x mean of the per-feature variances of X (tol = 1e-4)
  repeat up to max_iter times:
      labels  = index of the nearest centre (squared Euclidean distance)
      centres = mean of each cluster's rows (an empty cluster keeps its
                centre; the data below never leave one empty)
      stop when the labels equal those of the previous iteration, or when
      the summed squared shift of the centres is at most tol'
  labels = nearest centre of the final centres; inertia = their sum of
  squared distances.

Writes tests/data/segments/kmeans_ref.txt: a header line "n d k", the k
initial centres, the n rows, then "inertia I" and "iterations N" (the
value printed with 17 significant digits, so it reads back exactly).

Usage: /usr/bin/python3 (Debian python3-numpy) tests/reference/kmeans_lloyd_ref.py > tests/data/segments/kmeans_ref.txt
"""
import numpy as np

rng = np.random.default_rng(20261203)
true_centres = np.array([[0, 0, 0], [4, 4, 0], [0, 4, 4], [4, 0, 4],
                         [2, 2, 2]], dtype=float)
# overlapping blobs, so that Lloyd needs several iterations
X = np.vstack([rng.normal(c, 1.3, size=(240, 3)) for c in true_centres])
X = np.round(X, 6)  # six decimals: the file holds the data exactly
k = 5
init = X[rng.choice(len(X), k, replace=False)].copy()


def lloyd(X, C, max_iter=300, tol=1e-4):
    tol = np.mean(np.var(X, axis=0)) * tol
    old = None
    it = 0
    for it in range(1, max_iter + 1):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
        lab = d.argmin(axis=1)
        new = np.array([X[lab == j].mean(axis=0) if np.any(lab == j) else C[j]
                        for j in range(len(C))])
        shift = ((new - C) ** 2).sum()
        C = new
        if old is not None and np.array_equal(lab, old):
            break
        if shift <= tol:
            break
        old = lab
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    lab = d.argmin(axis=1)
    return d[np.arange(len(X)), lab].sum(), it, lab


inertia, iters, lab = lloyd(X, init)
print(len(X), X.shape[1], k)
for c in init:
    print(" ".join("%.6f" % v for v in c))
for r in X:
    print(" ".join("%.6f" % v for v in r))
print("inertia %.17g" % inertia)
print("iterations %d" % iters)
print("sizes " + " ".join(str(int((lab == j).sum())) for j in range(k)))
