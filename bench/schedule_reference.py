#!/usr/bin/env python3
"""Reference implementation of ScaleCast's whole-curve law fits, for the benchmark only.

The same curves (CSV files with step, lr, loss; the per-step rate interpolated linearly from the logged rates, rising
from 0 at step 0, as ScaleCast does with no descriptor), the same laws, objective (the sum of Huber(delta=1e-3) on log
residuals) and starts as scaling-core's TissueFitter (warm-up as trained) and MultiPowerFitter, minimised by scipy's
L-BFGS-B with exact numpy gradients and the exponents bounded to [0, 3]. The Multi-Power Law's loss drop is summed
exactly over every step (ScaleCast groups the far steps, within 1e-6 of exact), so `evaluate` also scores ScaleCast's
optimum on this exact objective for a like-for-like comparison.

Usage: schedule_reference.py tissue|multi-power CURVE.csv... [--evaluate PARAMS_JSON] [--starts K]
Prints one JSON line: seconds of the fit, starts, best objective and parameters (and the objective of the given
parameters under this implementation when --evaluate is given). --starts runs only the first K Multi-Power starts
(the exact sum costs about 0.2 s per evaluation on two 24k-step curves, so all 36 take an hour): compare per start.
"""
import csv
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize

DELTA = 1e-3
LAMBDA = 0.999
MAX_EXPONENT = 3.0


def huber(r):
    a = np.abs(r)
    return np.where(a <= DELTA, 0.5 * r * r, DELTA * (a - 0.5 * DELTA))


def huber_derivative(r):
    return np.clip(r, -DELTA, DELTA)


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    steps = np.array([int(float(r["step"])) for r in rows])
    lrs = np.array([float(r["lr"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    first_lr = lrs[0] if steps[0] == 0 else 0.0
    xs = np.concatenate([[0], steps]) if steps[0] != 0 else steps
    ys = np.concatenate([[first_lr], lrs]) if steps[0] != 0 else lrs
    eta = np.interp(np.arange(steps[-1] + 1), xs, ys)
    return steps, eta, loss


class Tissue:
    """L = L0 + A*S1^-alpha - C*S2 in [ln L0, ln A, alpha, ln C]."""

    def __init__(self, curves):
        s1, s2, ln_l = [], [], []
        for steps, eta, loss in curves:
            drop = np.concatenate([[0.0], eta[:-1] - eta[1:]])
            momentum = np.zeros_like(eta)
            for i in range(1, len(eta)):
                momentum[i] = LAMBDA * momentum[i - 1] + drop[i]
            s1.append(np.cumsum(eta)[steps])
            s2.append(np.cumsum(momentum)[steps])
            ln_l.append(np.log(loss))
        self.ln_s1 = np.log(np.concatenate(s1))
        self.s2 = np.concatenate(s2)
        self.ln_l = np.concatenate(ln_l)

    def value_and_gradient(self, v):
        l0, a, c = np.exp(v[0]), np.exp(v[1]), np.exp(v[3])
        power = a * np.exp(-v[2] * self.ln_s1)
        pred = l0 + power - c * self.s2
        if np.any(pred <= 0):
            return np.inf, np.zeros(4)
        r = np.log(pred) - self.ln_l
        psi = huber_derivative(r) / pred
        g = np.array([np.sum(psi * l0), np.sum(psi * power), -np.sum(psi * power * self.ln_s1),
                      -np.sum(psi * c * self.s2)])
        return float(np.sum(huber(r))), g

    @staticmethod
    def starts():
        for l0, a, alpha, c in itertools.product([0.1, 2.1], [1, 11.5, 22], [0, 0.4, 0.8], [1, 11.5, 22]):
            yield np.array([np.log(l0), np.log(a), alpha, np.log(c)])

    bounds = [(None, None), (None, None), (0, MAX_EXPONENT), (None, None)]

    @staticmethod
    def params(v):
        return {"L0": float(np.exp(v[0])), "A": float(np.exp(v[1])), "alpha": float(v[2]), "C": float(np.exp(v[3]))}

    @staticmethod
    def vector(p):
        return np.array([np.log(p["L0"]), np.log(p["A"]), p["alpha"], np.log(p["C"])])


class MultiPower:
    """L = L0 + A*S1^-alpha + B*LD with LD summed exactly over every step, in [ln L0, ln A, alpha, ln B, ln C, beta,
    gamma]."""

    def __init__(self, curves):
        self.curves = []
        ln_s1, ln_l = [], []
        for steps, eta, loss in curves:
            s1 = np.cumsum(eta)
            d = np.concatenate([[0.0], eta[1:] - eta[:-1]])
            k = np.nonzero(d)[0]
            k = k[k >= 1]
            # area[i, j]: the rate summed from step k_j to the point's step, 0 past it (those terms are masked out).
            before = s1[k - 1]
            area = s1[steps][:, None] - before[None, :]
            mask = k[None, :] <= steps[:, None]
            self.curves.append((d[k], np.log(eta[k]), np.where(mask, area, 0.0), mask))
            ln_s1.append(np.log(s1[steps]))
            ln_l.append(np.log(loss))
        self.ln_s1 = np.concatenate(ln_s1)
        self.ln_l = np.concatenate(ln_l)

    def value_and_gradient(self, v):
        l0, a, alpha, b, c, beta, gamma = np.exp(v[0]), np.exp(v[1]), v[2], np.exp(v[3]), np.exp(v[4]), v[5], v[6]
        terms = [[], [], [], []]
        for d, ln_eta, area, mask in self.curves:
            x = c * np.exp(-gamma * ln_eta)[None, :] * area
            one_x = 1.0 + x
            pow_b = np.exp(-beta * np.log1p(x))
            share = np.where(mask, 1.0 - pow_b, 0.0)
            dshare_dx = np.where(mask, beta * pow_b / one_x, 0.0)
            terms[0].append(share @ d)
            terms[1].append((dshare_dx * x) @ d)
            terms[2].append(np.where(mask, pow_b * np.log1p(x), 0.0) @ d)
            terms[3].append(-(dshare_dx * x * ln_eta[None, :]) @ d)
        ld, dc, dbeta, dgamma = (np.concatenate(t) for t in terms)
        power = a * np.exp(-alpha * self.ln_s1)
        pred = l0 + power + b * ld
        if np.any(pred <= 0):
            return np.inf, np.zeros(7)
        r = np.log(pred) - self.ln_l
        psi = huber_derivative(r) / pred
        g = np.array([np.sum(psi * l0), np.sum(psi * power), -np.sum(psi * power * self.ln_s1), np.sum(psi * b * ld),
                      np.sum(psi * b * dc), np.sum(psi * b * dbeta), np.sum(psi * b * dgamma)])
        return float(np.sum(huber(r))), g

    bounds = [(None, None), (None, None), (0, MAX_EXPONENT), (None, None), (None, None), (0, MAX_EXPONENT),
              (0, MAX_EXPONENT)]

    def starts_from(self, tissue, peak):
        for b, c, beta, gamma in itertools.product([0.03, 0.1, 0.3], [0.5, 2, 8], [0.3, 0.6], [0.3, 0.6]):
            yield np.array([np.log(tissue["L0"]), np.log(tissue["A"]), tissue["alpha"], np.log(b / peak), np.log(c),
                            beta, gamma])

    @staticmethod
    def params(v):
        return {"L0": float(np.exp(v[0])), "A": float(np.exp(v[1])), "alpha": float(v[2]), "B": float(np.exp(v[3])),
                "C": float(np.exp(v[4])), "beta": float(v[5]), "gamma": float(v[6])}

    @staticmethod
    def vector(p):
        return np.array([np.log(p["L0"]), np.log(p["A"]), p["alpha"], np.log(p["B"]), np.log(p["C"]), p["beta"],
                         p["gamma"]])


def multistart(objective, starts, bounds, limit=None):
    best = None
    count = 0
    for x0 in itertools.islice(starts, limit):
        count += 1
        r = minimize(objective.value_and_gradient, x0, jac=True, method="L-BFGS-B", bounds=bounds,
                     options={"maxiter": 1000, "ftol": 1e-15, "gtol": 1e-10})
        if np.isfinite(r.fun) and (best is None or r.fun < best.fun):
            best = r
    return best, count


def main(args):
    form = args[0]
    evaluate = None
    limit = None
    if "--starts" in args:
        i = args.index("--starts")
        limit = int(args[i + 1])
        args = args[:i] + args[i + 2:]
    if "--evaluate" in args:
        i = args.index("--evaluate")
        evaluate = json.loads(args[i + 1])
        args = args[:i] + args[i + 2:]
    curves = [load(p) for p in args[1:]]
    start = time.perf_counter()
    tissue = Tissue(curves)
    best, starts = multistart(tissue, Tissue.starts(), Tissue.bounds)
    law, objective = Tissue, tissue
    if form == "multi-power":
        tissue_seconds = time.perf_counter() - start
        peak = max(float(np.max(eta)) for _, eta, _ in curves)
        objective = MultiPower(curves)
        best, starts = multistart(objective, objective.starts_from(Tissue.params(best.x), peak), MultiPower.bounds,
                                  limit)
        law = MultiPower
    seconds = time.perf_counter() - start
    out = {"form": form, "seconds": seconds, "starts": starts, "objective": float(best.fun),
           "params": law.params(best.x)}
    if form == "multi-power":
        out["tissueSeconds"] = tissue_seconds
        out["secondsPerStart"] = (seconds - tissue_seconds) / starts
    if evaluate is not None:
        out["evaluatedObjective"] = objective.value_and_gradient(law.vector(evaluate))[0]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
