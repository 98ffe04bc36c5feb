#!/usr/bin/env python3
"""Writes a synthetic sweep for the benchmarks: ROWS checkpoints of 100 runs (N from 10M up by 5% a run, D to 20N),
Hoffmann et al.'s law (E 1.69, A 406.4, B 410.7, alpha 0.34, beta 0.28) with 1% noise, seeded.
Usage: bench/sweep.py ROWS FILE.csv"""
import random
import sys


def main(rows, path):
    random.seed(1)
    per_run = max(1, rows // 100)
    with open(path, "w") as out:
        out.write("run,params,tokens,step,loss\n")
        for i in range(rows):
            run, step = divmod(i, per_run)
            n = 1e7 * 1.05 ** run
            d = 20 * n * (step + 1) / per_run
            loss = (1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28) * (1 + 0.01 * random.gauss(0, 1))
            out.write("r%d,%g,%.0f,%d,%.6f\n" % (run, n, d, step + 1, loss))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
