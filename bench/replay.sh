#!/usr/bin/env bash
# Benchmark (not a test): the replay of a lab's history. With the system up (./deploy/local/up.sh), writes a
# synthetic history (bench/history.py: FAMILIES families of 100 runs, 900 checkpoints and 100 eval results a run;
# 1,000,000 events with the default 10 families) and sends it through `./scalecast import` as fast as ingest-service
# takes it, family after family, checkpoints then evals. Every 5 s it prints each service's heap and RSS; at the end,
# the time and rate, whether every event was stored once (ingest's rows), how long until every family's law
# included all its checkpoints, and each service's peak heap and RSS.
# Usage: bench/replay.sh [FAMILIES=10]. Record results in docs/benchmarks.md.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/../deploy/local/lib.sh"
FAMILIES=${1:-10}
CATCH_UP=${CATCH_UP_SECONDS:-900}
WORK=$(mktemp -d)
trap 'kill "${SAMPLER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
svc_ready ingest-service || die "the system is not up: run ./deploy/local/up.sh first"
KEY=$(cat "$STATE/demo.key" 2>/dev/null) || die "no demo key: run ./deploy/local/up.sh first"
PREDICT="http://127.0.0.1:$(svc_port predict-service)"
PREFIX=replay$(date +%s)

sample() {  # one line: seconds since start, then heap and RSS (MB) per service
  local line="$(( $(date +%s) - T0 ))" s pid heap rss
  for s in $SERVICES; do
    pid=$(cat "$STATE/services/$s.pid" 2>/dev/null || echo 0)
    rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || echo 0)
    heap=$(curl -fsS "http://127.0.0.1:$(svc_port "$s")/q/metrics" 2>/dev/null \
      | awk '/^jvm_memory_used_bytes\{area="heap"/ { h += $NF } END { print int(h / 1048576) }')
    line="$line $s ${heap:-0} ${rss:-0}"
  done
  echo "$line"
}

say "writing the history of $FAMILIES families"
events=$(python3 "$ROOT/bench/history.py" "$WORK/history" "$FAMILIES")
"$ROOT/scalecast" --version > /dev/null  # builds the CLI first, outside the timings
echo "machine: $(nproc) cores, Java $(java -version 2>&1 | head -1 | cut -d'"' -f2); $events events, families $PREFIX-0..$((FAMILIES - 1))"
T0=$(date +%s)
(while :; do sample; sleep 5; done) > "$WORK/memory" &
SAMPLER=$!
tail -f "$WORK/memory" | sed -u 's/^/  memory (s, then service heap_MB RSS_MB): /' &
TAIL=$!
for f in $(seq 0 $((FAMILIES - 1))); do
  for kind in checkpoints evals; do
    opts=(); [ "$kind" = evals ] && opts=(--evals)
    SCALECAST_API_KEY=$KEY "$ROOT/scalecast" import "${opts[@]}" --input "$WORK/history/f$f-$kind.csv" \
      --family "$PREFIX-$f" > "$WORK/import.json" 2> "$WORK/import.err" \
      || { cat "$WORK/import.err" >&2; die "import of family $f's $kind failed"; }
  done
done
sent_at=$(date +%s)
say "sent $events events in $(( sent_at - T0 )) s ($(( events / (sent_at - T0 + 1) )) events/s)"
count() { pg_value "select count(*) from ingest.$1 where family like '$PREFIX-%'"; }
per=$(( $(wc -l < "$WORK/history/f0-checkpoints.csv") - 1 ))
deadline=$(( $(date +%s) + CATCH_UP ))
current=0
for f in $(seq 0 $((FAMILIES - 1))); do
  while :; do
    points=$(curl -fsS -H "Authorization: Bearer $KEY" "$PREDICT/api/v1/families/$PREFIX-$f/laws" 2>/dev/null \
      | grep -o '"points":[0-9]*' | head -1 | cut -d: -f2 || true)
    [ "${points:-0}" = "$per" ] && { current=$((current + 1)); break; }
    [ "$(date +%s)" -ge "$deadline" ] && break
    sleep 2
  done
done
done_at=$(date +%s)
kill "$SAMPLER" "$TAIL" 2>/dev/null || true
sample >> "$WORK/memory"
echo "sent: $events events in $(( sent_at - T0 )) s, $(( events / (sent_at - T0 + 1) )) events/s through ingest"
echo "stored: $(count checkpoint) checkpoints and $(count eval_result) eval results (sent: $(( FAMILIES * per )) and $(( events - FAMILIES * per )))"
echo "laws: $current of $FAMILIES families with a law on all $per checkpoints, $(( done_at - sent_at )) s after the last event"
awk '{ for (i = 2; i <= NF; i += 3) { s = $i; if ($(i+1) > h[s]) h[s] = $(i+1); if ($(i+2) > r[s]) r[s] = $(i+2); seen[s] = 1 } }
     END { for (s in seen) printf "peak %s: heap %d MB, RSS %d MB\n", s, h[s], r[s] }' "$WORK/memory" | sort
