#!/usr/bin/env python3
"""Reference implementation of Epoch's Chinchilla refit, for the benchmark only.

Same data (the 240 points after Epoch's 5-row cut, or every row of a bench/sweep.py sweep), same objective (the sum of Huber(delta=1e-3) on log residuals,
log-sum-exp prediction), same 4,500-start grid, and the optimiser Epoch used: scipy's L-BFGS-B with its default
finite-difference gradient. Prints one JSON line: seconds, best objective and parameters.
"""
import csv
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber, logsumexp


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if "params" in rows[0]:
        # A sweep of bench/sweep.py (bench/fit-rows.sh): every row, N and D as they are.
        n = np.array([float(r["params"]) for r in rows])
        d = np.array([float(r["tokens"]) for r in rows])
        loss = np.array([float(r["loss"]) for r in rows])
        return np.log(n), np.log(d), np.log(loss)
    n = np.array([float(r["Model Size"]) for r in rows])
    c = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    keep = loss < np.sort(loss)[-5]
    n, c, loss = n[keep], c[keep], loss[keep]
    return np.log(n), np.log(c / (6 * n)), np.log(loss)


def main(path):
    ln_n, ln_d, ln_l = load(path)

    def objective(x):
        a, b, e, alpha, beta = x
        pred = logsumexp([a - alpha * ln_n, b - beta * ln_d, np.full_like(ln_n, e)], axis=0)
        return np.sum(huber(1e-3, pred - ln_l))

    grid = itertools.product([0, 5, 10, 15, 20, 25], [0, 5, 10, 15, 20, 25], [-1, -0.5, 0, 0.5, 1],
                             [0, 0.5, 1, 1.5, 2], [0, 0.5, 1, 1.5, 2])
    start = time.perf_counter()
    best = None
    for x0 in grid:
        res = minimize(objective, np.array(x0, dtype=float), method="L-BFGS-B")
        if res.success and (best is None or res.fun < best.fun):
            best = res
    seconds = time.perf_counter() - start
    a, b, e, alpha, beta = best.x
    print(json.dumps({"seconds": seconds, "points": int(len(ln_l)), "objective": float(best.fun),
                      "E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)),
                      "alpha": float(alpha), "beta": float(beta)}))


if __name__ == "__main__":
    main(sys.argv[1])
