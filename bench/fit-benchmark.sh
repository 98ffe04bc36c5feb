#!/usr/bin/env bash
# Benchmark (not a test): the Epoch-style Chinchilla fit (240 points, 4,500 starts) in ScaleCast and in the
# reference Python implementation (scipy L-BFGS-B, same objective and grid), measured in the same run on the same
# machine; checks both reach the same optimum and prints the speed ratio. Also times 1,000 run-bootstrap resamples.
# Usage: bench/fit-benchmark.sh [repeats, default 3]. Record results in docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$ROOT/data/chinchilla-epoch/svg_extracted_data.csv"
REPEATS=${1:-3}

PY=python3
if ! "$PY" -c 'import scipy' 2>/dev/null; then
  PY=/usr/bin/python3
  "$PY" -c 'import scipy' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-scipy >&2; }
fi
"$ROOT/scalecast" --help 2>/dev/null || true

field() { grep -o "\"$1\" *: *[-0-9.eE]*" | head -1 | sed 's/.*: *//'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $($PY -c 'import scipy, sys; print("Python", sys.version.split()[0], "scipy", scipy.__version__)')"
for i in $(seq 1 "$REPEATS"); do
  sc=$("$ROOT/scalecast" fit --input "$DATA" --drop-highest-loss 5 --bootstrap 1000 2>/dev/null)
  sc_ms=$(field millis <<<"$(grep -A12 '"diagnostics"' <<<"$sc")")
  boot_ms=$(field millis <<<"$(grep -A6 '"bootstrap"' <<<"$sc" | grep -v draws)")
  sc_j=$(field objective <<<"$sc")
  py=$("$PY" "$ROOT/bench/reference_fit.py" "$DATA")
  py_s=$(field seconds <<<"$py")
  py_j=$(field objective <<<"$py")
  awk -v i="$i" -v sm="$sc_ms" -v bm="$boot_ms" -v sj="$sc_j" -v ps="$py_s" -v pj="$py_j" 'BEGIN {
    printf "run %d: ScaleCast fit %.2f s (J %.10e), scipy reference %.2f s (J %.10e): ScaleCast %.1fx faster, objective %s; bootstrap of 1,000 resamples %.2f s\n",
      i, sm / 1000, sj, ps, pj, ps / (sm / 1000), (sj <= pj + 1e-12 ? "equal or lower" : "HIGHER"), bm / 1000 }'
done
