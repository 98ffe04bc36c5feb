#!/usr/bin/env bash
# Benchmark (not a test): predict-service throughput and latency for predictions against its trivial version
# endpoint, measured in the same run on the same machine. With the system up (./deploy/local/up.sh, whose demo lab
# has the Chinchilla family), runs a closed loop of CLIENTS clients against each endpoint in turn, twice (A B A B, so
# drift on a noisy machine shows), and prints requests/s, p50/p99/p99.9 latency and the ratios to the baseline
# against the goals (predictions at >= 50% of the baseline's throughput, p99 <= 10 ms).
# Usage: bench/predict-throughput.sh [SECONDS=15] [CLIENTS=8]. Record results in docs/benchmarks.md.
# The requests carry the demo lab's key; start the system with a request rate per key above the load's
# (AUTH_REQUESTS_PER_SECOND=1000000 AUTH_BURST=1000000 ./deploy/local/up.sh), or they are mostly 429s.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/../deploy/local/lib.sh"
SECONDS_=${1:-15}
CLIENTS=${2:-8}
BASE="http://127.0.0.1:$(svc_port predict-service)"
SCALECAST_API_KEY=$(cat "$STATE/demo.key" 2>/dev/null) || die "no demo key: run ./deploy/local/up.sh first"
export SCALECAST_API_KEY
curl -fsS -H "Authorization: Bearer $SCALECAST_API_KEY" "$BASE/api/v1/families/chinchilla/laws" >/dev/null \
  || die "predict-service has no law for demo/chinchilla: run ./deploy/local/up.sh first"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2); $CLIENTS clients, ${SECONDS_} s per endpoint after ${SECONDS_} s warm-up"
load() { java "$ROOT/bench/PredictLoad.java" "$SECONDS_" "$CLIENTS" "$1" "$2"; }
results=$(for round in 1 2; do
  load version "$BASE/api/v1/version"
  load prediction "$BASE/api/v1/families/chinchilla/predictions?params=7e10&tokens=1.4e12"
  load compute-optimal "$BASE/api/v1/families/chinchilla/compute-optimal?flops=5.76e23"
done)
echo "$results" | awk '
  { rps[$1] += $2 / 2; p50[$1] = p50[$1] > $3 ? p50[$1] : $3; p99[$1] = p99[$1] > $4 ? p99[$1] : $4;
    p999[$1] = p999[$1] > $5 ? p999[$1] : $5; order[NR] = $1 }
  END { printf "%-16s %10s %8s %8s %9s %14s\n", "endpoint", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "vs version";
        for (i = 1; i <= 3; i++) { e = order[i];
          printf "%-16s %10.0f %8.2f %8.2f %9.2f %13.0f%%\n", e, rps[e], p50[e], p99[e], p999[e], 100 * rps[e] / rps["version"] }
        printf "goals: prediction >= 50%% of version (%s), p99 <= 10 ms (%s)\n",
          (rps["prediction"] >= 0.5 * rps["version"] ? "met" : "missed"), (p99["prediction"] <= 10 ? "met" : "missed") }'
echo "(req/s: mean of the two rounds; latencies: the worse round)"
