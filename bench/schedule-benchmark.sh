#!/usr/bin/env bash
# Benchmark (not a test): fits of the whole-curve laws (Tissue et al.'s annealing law, warm-up as trained, and the
# Multi-Power Law) to two public curves of the MPL repository (25M: constant_24000 + cosine_24000) in ScaleCast and
# in the reference Python implementation of the same laws, objective and starts (bench/schedule_reference.py: scipy
# L-BFGS-B with exact numpy gradients), measured in the same run on the same machine. ScaleCast's optimum is scored
# by the reference's exact objective too, so "equal or lower" compares like with like.
# The reference's exact loss-drop sum makes a Multi-Power start take minutes, so it runs the first
# MPL_REFERENCE_STARTS (default 2) of the 36 starts and the Multi-Power Law is compared per start (after the shared
# annealing-law stage), its best objective beside ScaleCast's over all 36.
# ScaleCast fits SCHEDULE_WARM times (default 20 for the annealing law, 3 for the Multi-Power Law) in one JVM and its
# time is the median of the later half of those fits, a warm JVM's as in a running fit-service; the first (cold JVM)
# fit's time is printed beside it.
# Usage: bench/schedule-benchmark.sh [repeats, default 1] [forms, default "tissue multi-power"]. Record results in
# docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$ROOT/data/multipower-lr-schedules/csv_25"
REPEATS=${1:-1}
FORMS=${2:-tissue multi-power}

PY=python3
if ! "$PY" -c 'import scipy' 2>/dev/null; then
  PY=/usr/bin/python3
  "$PY" -c 'import scipy' 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-scipy >&2; }
fi
"$ROOT/scalecast" --help >/dev/null 2>&1 || true

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $($PY -c 'import scipy, sys; print("Python", sys.version.split()[0], "scipy", scipy.__version__)')"
for form in $FORMS; do
  for i in $(seq 1 "$REPEATS"); do
    warm=${SCHEDULE_WARM:-$([ "$form" = tissue ] && echo 20 || echo 3)}
    sc=$("$ROOT/scalecast" fit --law lr-schedule --form "$form" --warmup as-trained --repeat "$warm" --bootstrap 0 \
      --input "$DATA/constant_24000.csv" --input "$DATA/cosine_24000.csv" 2>/dev/null)
    params=$("$PY" -c 'import json, sys; print(json.dumps(json.load(sys.stdin)["params"]))' <<<"$sc")
    py=$("$PY" "$ROOT/bench/schedule_reference.py" "$form" "$DATA/constant_24000.csv" "$DATA/cosine_24000.csv" \
      --evaluate "$params" --starts "${MPL_REFERENCE_STARTS:-2}")
    "$PY" - "$form" "$i" "$sc" "$py" <<'EOF'
import json, sys
form, run, sc, py = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
times = sc.get("repeatMillis", [sc["diagnostics"]["millis"]])
later = sorted(times[len(times) // 2:])
sc_s = later[len(later) // 2] / 1000
cold = times[0] / 1000
warm = len(times)
starts = sc["diagnostics"]["starts"]
lower = py["evaluatedObjective"] <= py["objective"] * (1 + 1e-9)
verdict = "equal or lower" if lower else "HIGHER"
if form == "tissue":
    print(f"tissue run {run}: ScaleCast {sc_s:.3f} s over {starts} starts, median of the later half of {warm} fits in"
          f" one JVM (its first {cold:.3f} s)"
          f" (J {py['evaluatedObjective']:.10e} by the"
          f" reference's sum); reference {py['seconds']:.2f} s over {py['starts']} starts (J {py['objective']:.10e}):"
          f" ScaleCast {py['seconds'] / sc_s:.1f}x faster, objective {verdict}")
else:
    print(f"multi-power run {run}: ScaleCast {sc_s:.2f} s (median of the later half of {warm} fits in one JVM, its"
          f" first {cold:.2f} s) for the"
          f" annealing stage and {starts} starts, {sc_s / starts:.2f}"
          f" s per start at most (J {py['evaluatedObjective']:.10e} by the reference's exact sum); reference"
          f" {py['secondsPerStart']:.1f} s per start over its first {py['starts']} (annealing stage"
          f" {py['tissueSeconds']:.2f} s; best J {py['objective']:.10e}): ScaleCast"
          f" {py['secondsPerStart'] / (sc_s / starts):.1f}x faster per start, objective {verdict}")
EOF
  done
done
