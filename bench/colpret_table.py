#!/usr/bin/env python3
"""The back-test table of docs/methods.md over every ColPret file in data/ with at least two model sizes.

For each case the script writes the family as one plain CSV (run, params, tokens, loss) under a temporary directory,
reading the public file the way ColPret's own loader does (util/read_data.py at IBM/ColPret 16f23bbe05: the same
model sizes, token units and loss columns), then back-tests it twice with the Hitchhiker protocol (fit every model
but the largest after the 10B-token cut, predict the largest model's last 30%):
  - ScaleCast: `./scalecast backtest` on that CSV (Huber in log space, 4,500 starts, its own L-BFGS);
  - the reference: the same protocol and objective in numpy/scipy (L-BFGS-B with the analytic gradient from the
    same 4,500-start grid), written independently of the Java code.
It prints the table and, with --write, replaces the table between the markers in docs/methods.md, so the figures
there are this script's output and can be rerun:  python3 bench/colpret_table.py --write
"""
import argparse
import csv
import itertools
import json
import math
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import minimize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "hitchhiker-colpret")
BEGIN = "<!-- colpret-table:begin (bench/colpret_table.py --write) -->"
END = "<!-- colpret-table:end -->"
DELTA = 1e-3
TARGET_SHARE = 0.30

# Published sizes by model name: GPT-3 (Brown et al. 2020, table 2.1), Pile-T5 (ColPret's loader).
GPT3_PARAMS = {"small": 125e6, "medium": 350e6, "large": 760e6, "xl": 1.3e9, "2.7b": 2.7e9, "6.7b": 6.7e9,
               "13b": 13e9, "175b": 175e9}
T5_PARAMS = {"base": 247586304, "large": 783173632, "xl": 2849804288, "xxl": 11135426560}
SUFFIX = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def number(text):
    """A count as ColPret writes it: 2.8B, 64B, 350M, 1.07e+09."""
    text = text.strip()
    if text and text[-1].upper() in SUFFIX:
        return float(text[:-1]) * SUFFIX[text[-1].upper()]
    return float(text)


def rows(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def gpt3():
    """GPT-3's eight sizes; `step` is billions of tokens; validation loss, as ColPret's loader uses."""
    return [(r["model"], GPT3_PARAMS[r["model"]], float(r["step"]) * 1e9, float(r["val_loss"]))
            for r in rows("gpt3_extracted.csv") if r["val_loss"] and float(r["step"]) > 0]


def t5():
    """Pile-T5 base to xxl; `steps` times 1e6 tokens and `val_perplexity` as the loss, as ColPret's loader reads."""
    return [(r["model_name"], T5_PARAMS[r["model_name"]], float(r["steps"]) * 1e6, float(r["val_perplexity"]))
            for r in rows("t5_pile.csv") if float(r["steps"]) > 0 and r["val_perplexity"]]


def revisiting():
    """Alabdulmohsin et al.'s language models: the rows whose `Model` is a parameter count; seen examples as D."""
    out = []
    for r in rows("revisiting_lang.csv"):
        if r["Domain"] == "LM" and re.fullmatch(r"[0-9.e+]+", r["Model"]):
            out.append((r["Model"], float(r["Model"]), float(r["Seen Examples"]), float(r["Loss"])))
    return out


def redpajama():
    """RedPajama-INCITE 2.4B and 6.7B: two header-less files of (billions of tokens, loss), one size each."""
    out = []
    for size, params in (("2.4B", 2.4e9), ("6.7B", 6.7e9)):
        with open(os.path.join(DATA, f"redpajama_incite_{size}_train_loss.csv"), newline="") as f:
            for tokens, loss in csv.reader(f):
                out.append((size, params, float(tokens) * 1e9, float(loss)))
    return out


def moe():
    """ModuleFormer MoE checkpoints: effective (active) parameters, else total; loss ln(wikitext perplexity)."""
    out = []
    for r in rows("IBM_MoE.csv"):
        if not r["Model"] or not r["wikitext ppl"] or not re.fullmatch(r"[0-9.]+[KMBT]", r["tokens_seen"]):
            continue
        params = number(r["Effective Params"] or r["Params"])
        out.append((r["Model"] + "/" + r["data"], params, number(r["tokens_seen"]), math.log(float(r["wikitext ppl"]))))
    return out


def olmo():
    """OLMo 1B and 7B (not the 7B Twin, as ColPret's loader): `Step` times 4M tokens, the C4 validation loss, which
    the 1B's logs name `v2-small-c4_en-validation` and the 7B's `c4_en-validation`."""
    out = []
    for r in rows("olmo.csv"):
        name = r["model_name"].strip()
        loss = r["v2-small-c4_en-validation/CrossEntropyLoss"] or r["c4_en-validation/CrossEntropyLoss"]
        if name in ("OLMo-1B", "OLMo-7B") and loss and float(r["Step"]) > 0:
            out.append((name, number(r["num_params"]), float(r["Step"]) * 4e6, float(loss)))
    return out


def opt(without_largest):
    """OPT's training trajectories: `num_token` is log10 of the tokens and `ppl` a perplexity (loss = ln ppl)."""
    def load():
        out = [(r["model_size"], number(r["model_size"]), 10 ** float(r["num_token"]), math.log(float(r["ppl"])))
               for r in rows("opt_trajectories.csv")]
        return [p for p in out if p[1] < 175e9] if without_largest else out
    return load


def datablations(data, epochs):
    """Muennighoff et al.'s runs of one data set and epoch count: one run per size."""
    def load():
        return [(r["num_params"], number(r["num_params"]), float(r["token_num"]), float(r["loss"]))
                for r in rows("datablations_losses.csv") if r["data"] == data and r["epochs"] == epochs]
    return load


def datablation_cases():
    groups = {}
    for r in rows("datablations_losses.csv"):
        groups.setdefault((r["data"], r["epochs"]), set()).add(r["num_params"])
    return [(f"Datablations {d.upper()}, {e} epoch{'s' if e != '1' else ''}", datablations(d, e))
            for (d, e), sizes in sorted(groups.items(), key=lambda kv: (kv[0][0], float(kv[0][1])))
            if len(sizes) >= 2]


def cases():
    return [("GPT-3 (validation loss)", gpt3), ("Pile-T5", t5), ("Revisiting LM", revisiting),
            ("RedPajama-INCITE", redpajama), ("IBM ModuleFormer MoE", moe), ("OLMo (C4 validation)", olmo),
            ("OPT trajectories", opt(False)), ("OPT trajectories without 175B", opt(True))] + datablation_cases()


def hitchhiker_split(points):
    """The protocol's training points (after the cut) and target points, as HitchhikerBacktest selects them."""
    largest = max(p[1] for p in points)
    target_run = max((p for p in points if p[1] == largest), key=lambda p: p[2])[0]
    end = max(p[2] for p in points if p[0] == target_run)
    targets = [p for p in points if p[0] == target_run and p[2] >= (1 - TARGET_SHARE) * end]
    train = [p for p in points if p[1] < largest]
    last = {}
    for p in train:
        last[p[0]] = max(last.get(p[0], 0), p[2])
    train = [p for p in train if p[2] >= (0.1 * last[p[0]] if last[p[0]] < 3e10 else 1e10)]
    return train, targets


_DATA = None


def _objective(x):
    """Huber(1e-3) of the log residuals of the log-sum-exp law at x = [a, b, e, alpha, beta], and its gradient."""
    ln_n, ln_d, ln_l = _DATA
    a, b, e, alpha, beta = x
    terms = np.stack([a - alpha * ln_n, b - beta * ln_d, np.full_like(ln_n, e)])
    top = terms.max(axis=0)
    w = np.exp(terms - top)
    total = w.sum(axis=0)
    pred = top + np.log(total)
    w /= total
    r = pred - ln_l
    small = np.abs(r) <= DELTA
    loss = np.where(small, 0.5 * r * r, DELTA * (np.abs(r) - 0.5 * DELTA))
    dr = np.where(small, r, DELTA * np.sign(r))
    grad = np.array([np.sum(dr * w[0]), np.sum(dr * w[1]), np.sum(dr * w[2]),
                     -np.sum(dr * w[0] * ln_n), -np.sum(dr * w[1] * ln_d)])
    return loss.sum(), grad


def _from(x0):
    res = minimize(_objective, np.array(x0, dtype=float), jac=True, method="L-BFGS-B")
    return (res.fun, list(res.x)) if res.success else None


def reference_fit(train):
    """The law of the best converged start of Epoch's 4,500 (scipy's L-BFGS-B, both cores)."""
    global _DATA
    _DATA = (np.log([p[1] for p in train]), np.log([p[2] for p in train]), np.log([p[3] for p in train]))
    grid = list(itertools.product([0, 5, 10, 15, 20, 25], [0, 5, 10, 15, 20, 25], [-1, -0.5, 0, 0.5, 1],
                                  [0, 0.5, 1, 1.5, 2], [0, 0.5, 1, 1.5, 2]))
    with multiprocessing.get_context("fork").Pool() as pool:
        results = [r for r in pool.map(_from, grid, chunksize=50) if r is not None]
    a, b, e, alpha, beta = min(results)[1]
    return lambda n, d: math.exp(e) + math.exp(a) * n ** -alpha + math.exp(b) * d ** -beta


def are(targets, predict):
    return sum(abs(predict(p[1], p[2]) - p[3]) / p[3] for p in targets) / len(targets)


def scalecast(path):
    out = subprocess.run([os.path.join(ROOT, "scalecast"), "backtest", "--input", path, "--columns",
                          "run=run,N=params,D=tokens,loss=loss", "--min-train-runs", "1"],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1]}
    return json.loads(out.stdout)


def short(warning):
    """A warning of `Identifiability` in a few words for the table."""
    for pattern, label in ((r"^(1) model size:", r"\1 size"), (r"^(\d+) model sizes:", r"\1 sizes"),
                           (r"^(\w+) sits at a bound", r"\1 at a bound"),
                           (r"^E = (\S+) collapsed", r"E = \1"), (r"^a flat valley: (\d+) starts", r"flat valley"),
                           (r"^the law extrapolates worse", "worse than not fitting"),
                           (r"^the 95% interval of (\w+)", r"\1 one-sided"), (r"^the bootstrap collapsed", "collapsed")):
        m = re.search(pattern, warning)
        if m:
            return m.expand(label)
    return warning[:40]


def row(name, load, tmp):
    points = load()
    path = os.path.join(tmp, re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["run", "params", "tokens", "loss"])
        w.writerows(points)
    train, targets = hitchhiker_split(points)
    sizes = sorted({p[1] for p in train})
    largest = max(p[1] for p in points)
    ref = are(targets, reference_fit(train))
    best = min(p[3] for p in train)
    most = max(train, key=lambda p: p[1] * p[2])[3]
    sc = scalecast(path)
    print(f"{name}: {json.dumps(sc)[:300]}", file=sys.stderr)
    if "error" in sc:
        ours, notes = "error", sc["error"]
    else:
        lo, hi = sc["areRange"]
        ours = f"{100 * sc['are']:.2f}%" + (f" ({100 * lo:.2f} to {100 * hi:.2f})" if hi - lo > 1e-4 else "")
        notes = ", ".join(dict.fromkeys(short(w) for w in sc["warnings"])) or "none"
    spread = fmt(sizes[0]) if len(sizes) == 1 else f"{fmt(sizes[0])} to {fmt(sizes[-1])}"
    return (f"| {name} | {len(sizes)} ({spread}) → {fmt(largest)} | {len(train)} | "
            f"{ours} | {100 * ref:.2f}% | {100 * are(targets, lambda n, d: best):.2f}% | "
            f"{100 * are(targets, lambda n, d: most):.2f}% | {notes} |")


def fmt(n):
    for unit, scale in (("B", 1e9), ("M", 1e6)):
        if n >= scale:
            return f"{n / scale:.3g}{unit}"
    return f"{n:.3g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the table in docs/methods.md")
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    args = parser.parse_args()
    lines = ["| family | train sizes → target N | train points | ScaleCast ARE (valley range) |"
             " reference ARE | best-loss baseline | most-trained baseline | ScaleCast's warnings |",
             "|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name, load in cases():
            if args.only and args.only not in name:
                continue
            lines.append(row(name, load, tmp))
            print(lines[-1], flush=True)
    if args.write:
        doc = os.path.join(ROOT, "docs", "methods.md")
        text = open(doc).read()
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
        open(doc, "w").write(text[:start] + "\n" + "\n".join(lines) + "\n" + text[end:])


if __name__ == "__main__":
    main()
