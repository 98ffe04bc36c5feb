#!/usr/bin/env bash
# Benchmark (not a test): how fast ingest-service stores a backlog, as after a restart or an outage. With the system
# up (./deploy/local/up.sh), stops ingest-service, streams EVENTS checkpoint events of 20 families into Kafka, starts
# it again and prints how long it took to store them all (rows in ingest.checkpoint), the rate, and the CPU seconds
# the ingest-service process spent on them. fit-service and eval-service keep running, as they would.
# Usage: bench/ingest-catchup.sh [EVENTS=60000] [JAR=ingest-service's build], e.g. an older build's jar for an A/B
# on the same database (an older build refuses a database migrated past it); INGEST_JAVA_OPTS adds JVM options, e.g.
# -D settings to compare. Record results in docs/benchmarks.md.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/../deploy/local/lib.sh"
EVENTS=${1:-60000}
JAR=${2:-$ROOT/ingest-service/target/quarkus-app/quarkus-run.jar}
svc_ready ingest-service || die "the system is not up: run ./deploy/local/up.sh first"
count() { su postgres -c "psql -tA -d $DB_NAME -c \"select count(*) from ingest.checkpoint where lab = '$1'\""; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

svc_stop ingest-service
lab=catchup$(date +%s)
sent=$(java -cp "$KAFKA_LIB/*" "$ROOT/bench/LoadGenerator.java" "$KAFKA_BOOTSTRAP_SERVERS" "$lab" 20 \
  $((EVENTS / 10)) 10)
say "$sent events of lab $lab wait in scalecast.checkpoints; starting ingest-service ($JAR)"
SCALECAST_OPERATOR_KEY_SHA256=$(cat "$STATE/operator.sha256" 2>/dev/null || true) \
  nohup java -Xmx512m -Dquarkus.http.port="$(svc_port ingest-service)" ${INGEST_JAVA_OPTS:-} -jar "$JAR" \
  >"$STATE/services/ingest-service.log" 2>&1 &
pid=$!
echo "$pid" >"$STATE/services/ingest-service.pid"
svc_wait ingest-service
t0=$(date +%s.%N)
c0=$(cpu "$pid")
until [ "$(count "$lab")" -ge "$sent" ]; do sleep 0.5; done
t1=$(date +%s.%N)
c1=$(cpu "$pid")
awk -v n="$sent" -v s="$(echo "$t1 - $t0" | bc)" -v c="$((c1 - c0))" 'BEGIN {
  printf "stored %d events in %.1f s: %.0f events/s; ingest-service CPU %.1f s (%.0f us per event)\n", n, s, n / s,
    c / 100, c * 10000 / n }'
