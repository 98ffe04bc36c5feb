#!/usr/bin/env bash
# Benchmark (not a test): predict-service's start-up catch-up. With the system up and holding laws (after
# bench/freshness.sh, say), counts the families predict-service serves for LAB, restarts it, and prints how long it
# took to be ready (readiness waits until it has read the compacted law, map and forecast topics up to where they
# ended when it started) and whether it serves the same families again. Usage: bench/predict-catchup.sh LAB.
# Record results in docs/benchmarks.md.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/../deploy/local/lib.sh"
LAB=${1:?usage: bench/predict-catchup.sh LAB}
PREDICT="http://127.0.0.1:$(svc_port predict-service)"
families() {
  curl -fsS -H "Authorization: Bearer $(cat "$STATE/operator.key")" "$PREDICT/api/v1/families?lab=$LAB" \
    | grep -o '"family":"[^"]*"' | sort -u | wc -l
}
svc_ready predict-service || die "predict-service is not up: run ./deploy/local/up.sh first"
before=$(families)
echo "predict-service serves $before families of lab $LAB"
svc_stop predict-service
t0=$(date +%s.%N)
svc_start predict-service
until svc_ready predict-service; do
  java_alive "$STATE/services/predict-service.pid" || die "predict-service exited: see its log"
  sleep 0.2
done
secs=$(python3 -c "import time; print(round(time.time() - $t0, 1))")
after=$(families)
echo "ready again after $secs s (JVM start included), serving $after of the $before families"
