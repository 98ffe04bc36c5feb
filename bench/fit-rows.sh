#!/usr/bin/env bash
# Benchmark (not a test): ./scalecast fit (Chinchilla law, --bootstrap 0 unless BOOTSTRAP is set) of synthetic sweeps
# of 10^3 to 10^6 rows (100 runs, Hoffmann's law with 1% noise), each fit's wall time, peak RSS and the law it found,
# with the 1,000-row fit in the same run as the baseline of the time ratios.
# Usage: bench/fit-rows.sh [MAX_ROWS, default 1000000]; HEAP=1g caps the CLI's heap (default: the JVM's);
# REFERENCE=ROWS also times the scipy reference (bench/reference_fit.py, the same grid and objective) on the sweeps of
# up to ROWS rows (it takes about 270 s for 1,000 rows, and grows with the rows).
# Record results in docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAX=${1:-1000000}
BOOTSTRAP=${BOOTSTRAP:-0}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

make_csv() {  # rows file
  python3 "$ROOT/bench/sweep.py" "$1" "$2"
}

"$ROOT/scalecast" --version > /dev/null  # builds the CLI first, outside the timings
echo "machine: $(nproc) cores, Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), heap ${HEAP:-default}, bootstrap $BOOTSTRAP"
printf '%-9s %9s %9s %8s %s\n' rows seconds RSS_MB ratio "law (E, A, B, alpha, beta) and search"
base=""
rows=1000
while [ "$rows" -le "$MAX" ]; do
  csv=$WORK/$rows.csv
  make_csv "$rows" "$csv"
  opts=()
  [ -n "${HEAP:-}" ] && opts=(-Xmx"$HEAP")
  start=$(date +%s.%N)
  JAVA_TOOL_OPTIONS="${opts[*]:-}" /usr/bin/time -f "%M" -o "$WORK/rss" "$ROOT/scalecast" fit --input "$csv" \
    --token-cut none --bootstrap "$BOOTSTRAP" > "$WORK/out.json" 2> "$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  secs=$(python3 -c "import time; print(round(time.time() - $start, 1))")
  base=${base:-$secs}
  law=$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); p = a["params"]
b = a.get("bootstrap")
boot = "" if not b else "; bootstrap %s in %d ms, alpha %s" % (b["method"], b["millis"],
    "(%.4f, %.4f)" % (a["intervals"]["alpha"]["lower"], a["intervals"]["alpha"]["upper"]) if "alpha" in a.get("intervals", {}) else "")
print("%.4f %.1f %.1f %.4f %.4f; %s%s" % (p["E"], p["A"], p["B"], p["alpha"], p["beta"], a.get("search", ""), boot))' "$WORK/out.json")
  printf '%-9s %9s %9s %8.2f %s\n' "$rows" "$secs" "$(( $(tail -1 "$WORK/rss") / 1024 ))" \
    "$(python3 -c "print($secs / $base)")" "$law"
  if [ "$rows" -le "${REFERENCE:-0}" ]; then
    echo "  scipy reference on the same $rows rows: $(python3 "$ROOT/bench/reference_fit.py" "$csv" | python3 -c '
import json, sys
a = json.load(sys.stdin)
print("%.1f s, law %.4f %.1f %.1f %.4f %.4f" % (a["seconds"], a["E"], a["A"], a["B"], a["alpha"], a["beta"]))')"
  fi
  rows=$(( rows * 10 ))
done
