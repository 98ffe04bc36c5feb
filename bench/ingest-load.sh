#!/usr/bin/env bash
# Benchmark (not a test): the load run of issue 7. With the system up (./deploy/local/up.sh), measures the raw rate
# of batched JDBC inserts of the rows ingest-service writes per event (and of every row the pipeline writes per
# event), then streams checkpoint events at each of RATES events/s for SECONDS seconds each, printing every second how
# many events ingest-service and fit-service have not yet stored (the lag curve) and after each step the rate offered
# and each part's CPU per event, and stops at the first rate the system does not keep up with (fit-service more than
# 2 s of events behind at the end of the step). Prints the sustained rate against the raw rate (goal: >= 50%).
# Run it once to warm the services up and wait for the consumers' lag to reach 0 before the run you record.
# Usage: bench/ingest-load.sh [RATES=500,1000,1500,2000,3000,4000] [SECONDS=20]. Record results in docs/benchmarks.md.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/../deploy/local/lib.sh"
RATES=${1:-500,1000,1500,2000,3000,4000}
SECONDS_=${2:-20}
svc_ready ingest-service && svc_ready fit-service || die "the system is not up: run ./deploy/local/up.sh first"
DRIVER=$(ls "$ROOT"/ingest-service/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar 2>/dev/null | head -1)
[ -n "$DRIVER" ] || die "no PostgreSQL driver in ingest-service's build: run ./deploy/local/up.sh first"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2); the generator runs on the same cores"
java -cp "$KAFKA_LIB/*:$DRIVER" "$ROOT/bench/IngestLoad.java" "$KAFKA_BOOTSTRAP_SERVERS" \
  "jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "$DB_USER" "$DB_PASSWORD" "load$(date +%s)" "$RATES" "$SECONDS_"
