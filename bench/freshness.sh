#!/usr/bin/env bash
# Benchmark (not a test): freshness under load. With the system up (./deploy/local/up.sh), streams synthetic
# training curves at RATE events/s over FAMILIES families for SECONDS seconds, waits (at most CATCH_UP_SECONDS,
# 300) until every family's law includes its last checkpoint, and prints the p50/p95/p99 of predict-service's freshness histogram over the run
# (from a checkpoint's arrival at ingest to the first served law that includes it), against the 2 s goal.
# Usage: bench/freshness.sh [RATE=1000] [FAMILIES=20] [SECONDS=120]. Record results in docs/benchmarks.md.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/../deploy/local/lib.sh"
RATE=${1:-1000}
FAMILIES=${2:-20}
SECONDS_=${3:-120}
LAB=bench$(date +%s)
PREDICT="http://127.0.0.1:$(svc_port predict-service)"
curl -fsS "$PREDICT/q/health/ready" >/dev/null || die "predict-service is not up: run ./deploy/local/up.sh first"

buckets() { curl -fsS "$PREDICT/q/metrics" | grep '^scalecast_freshness_seconds_bucket' | sed 's/.*le="\([^"]*\)".* \(.*\)$/\1 \2/'; }
before=$(buckets)
say "streaming $RATE events/s over $FAMILIES families for $SECONDS_ s (lab $LAB)"
t0=$(date +%s)
sent=$(java -cp "$KAFKA_LIB/*" "$ROOT/bench/LoadGenerator.java" "$KAFKA_BOOTSTRAP_SERVERS" "$LAB" "$FAMILIES" "$RATE" "$SECONDS_")
say "sent $sent events in $(( $(date +%s) - t0 )) s; waiting until every family's law includes all its points"
per=$(( sent / FAMILIES ))
deadline=$(( $(date +%s) + ${CATCH_UP_SECONDS:-300} ))
current=0
for f in $(seq 0 $((FAMILIES - 1))); do
  while :; do
    points=$(curl -fsS -H "Authorization: Bearer $(cat "$STATE/operator.key")" \
      "$PREDICT/api/v1/families/load-$f/laws?lab=$LAB" 2>/dev/null | grep -o '"points":[0-9]*' | head -1 | cut -d: -f2 || true)
    [ "${points:-0}" = "$per" ] && { current=$((current + 1)); break; }
    [ "$(date +%s)" -ge "$deadline" ] && break
    sleep 1
  done
done
say "$current of $FAMILIES families had a law on all $per of their points $(( $(date +%s) - t0 )) s after the stream started"
after=$(buckets)
join <(sort -k1,1 <<<"$before") <(sort -k1,1 <<<"$after") | awk '{ print $1, $3 - $2 }' | sort -g -k1,1 \
  | awk -v goal=2 'BEGIN { split("0.5 0.95 0.99", q, " ") }
      { le[NR] = $1; c[NR] = $2; n = NR }
      END { total = c[n]; printf "laws served: %d\n", total;
            for (i = 1; i <= n; i++) if (le[i] == goal) printf "served within the %d s goal: %.1f%%\n", goal, 100 * c[i] / total;
            for (k = 1; k <= 3; k++) { for (i = 1; i <= n; i++) if (c[i] >= q[k] * total) break;
              printf "p%s freshness <= %s s (goal p95 <= %d s: %.2fx the goal)\n", q[k] * 100, le[i], goal, le[i] / goal } }'
