#!/usr/bin/env python3
"""Writes a synthetic lab history for bench/replay.sh: FAMILIES families of RUNS runs each (N log-spaced from 10M to
3B, D to 20N), every run logging CHECKPOINTS checkpoints (Hoffmann et al.'s law, E shifted by 0.01 per family, with
1% noise) and evaluated on 10 benchmarks at 10 of its checkpoints (accuracy a sigmoid of the loss above chance 0.25,
with 1% noise). One checkpoints CSV and one evals CSV per family, in DIR; prints the total events.
Usage: bench/history.py DIR [FAMILIES=10] [RUNS=100] [CHECKPOINTS=900]"""
import math
import os
import random
import sys

BENCHMARKS = ["bench-%d" % k for k in range(10)]


def loss(family, n, d):
    return 1.69 + 0.01 * family + 406.4 / n ** 0.34 + 410.7 / d ** 0.28


def write(directory, family, runs, checkpoints):
    random.seed(family)
    events = 0
    with open(os.path.join(directory, "f%d-checkpoints.csv" % family), "w") as ck, \
            open(os.path.join(directory, "f%d-evals.csv" % family), "w") as ev:
        ck.write("run,params,tokens,step,loss\n")
        ev.write("run,params,tokens,step,benchmark,accuracy\n")
        for r in range(runs):
            n = 1e7 * 300 ** (r / max(1, runs - 1))
            evaluated = set(range(checkpoints // 10, checkpoints + 1, max(1, checkpoints // 10)))
            for step in range(1, checkpoints + 1):
                d = 20 * n * step / checkpoints
                value = loss(family, n, d) * (1 + 0.01 * random.gauss(0, 1))
                ck.write("r%d,%g,%.0f,%d,%.6f\n" % (r, n, d, step, value))
                events += 1
                if step in evaluated:
                    for k, name in enumerate(BENCHMARKS):
                        acc = 0.25 + 0.7 / (1 + math.exp(4 * (value - 2.4 - 0.05 * k)))
                        ev.write("r%d,%g,%.0f,%d,%s,%.5f\n" % (r, n, d, step, name,
                                                              min(1, acc * (1 + 0.01 * random.gauss(0, 1)))))
                        events += 1
    return events


def main(directory, families=10, runs=100, checkpoints=900):
    os.makedirs(directory, exist_ok=True)
    print(sum(write(directory, f, runs, checkpoints) for f in range(families)))


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
