#!/usr/bin/env bash
# Benchmarks (not tests) of issue 24's decisions, simulated on synthetic families with a refit at every step:
#   bench/simulate.sh next-runs [seeds=20] [goal width=0.08] [law: hoffmann|epoch]
#                               [stop: linearised|bootstrap|parametric|robust]
#     the next-run advice against the geometric grid at 20 tokens per parameter (bench/NextRunsSimulation.java):
#     per seed the FLOPs each lab spent to reach the goal width, their ratio, and whether each final 95% interval
#     covers the true loss; NEXT_RUNS_FROM=k starts at seed k, NEXT_RUNS_VERBOSE=1 prints each advised step and
#     NEXT_RUNS_DELTA=x fits with Huber threshold x, NEXT_RUNS_VALIDATE=1 adds a check run before stopping and
#     NEXT_RUNS_DESIGN_CHECK=k refits the stopped design on k fresh families;
#   bench/simulate.sh compare [seeds=100] [alpha difference=0.05]
#     the law comparison's calibration on equal laws and its power on laws whose alpha differs
#     (bench/LawComparisonSimulation.java).
# Record results in docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
  next-runs) MAIN=NextRunsSimulation ;;
  compare) MAIN=LawComparisonSimulation ;;
  *) echo "usage: $0 next-runs|compare [args]" >&2; exit 2 ;;
esac
shift
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
(cd "$ROOT" && ./mvnw -q -o -pl scaling-core -DskipTests install && ./mvnw -q -o -pl scaling-core \
  dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime) >&2
CP="$ROOT/scaling-core/target/classes:$(cat "$CP_FILE")"
echo "machine: $(nproc) cores, Java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
java -cp "$CP" "$ROOT/bench/$MAIN.java" "$@"
