#!/usr/bin/env bash
# Proves the README's system-up command: runs up.sh twice in a row on ports and a database of its own (so it runs
# beside a local system), checks the served Chinchilla law against Epoch's published refit, and the over-training law
# and 17-task error map of Gadre's models against the engine's offline fits, then purges it all.
set -euo pipefail
export SCALECAST_PROFILE=smoke
export KAFKA_PORT=${SMOKE_KAFKA_PORT:-29092} KAFKA_CONTROLLER_PORT=${SMOKE_KAFKA_CONTROLLER_PORT:-29093}
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT DB_NAME=scalecast_smoke
export PREDICT_HTTP_PORT=18080 INGEST_HTTP_PORT=18081 FIT_HTTP_PORT=18082 EVAL_HTTP_PORT=18083
unset DB_URL
HERE=$(dirname "$0")
# shellcheck source=deploy/local/lib.sh
source "$HERE/lib.sh"
trap '"$HERE/down.sh" --purge >/dev/null 2>&1 || true' EXIT
"$HERE/down.sh" --purge >/dev/null 2>&1 || true

failures=0
check() { # name, actual, expected, tolerance
  if awk -v a="$2" -v e="$3" -v t="$4" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(d <= t) }'; then
    say "ok   $1 = $2 (expected $3 within $4)"
  else
    say "FAIL $1 = $2 (expected $3 within $4)"; failures=$((failures + 1))
  fi
}
field() { grep -o "\"$1\":[-0-9.eE]*" | head -1 | cut -d: -f2; }

for attempt in 1 2; do
  say "smoke: up.sh run $attempt"
  out=$("$HERE/up.sh" 2>"$STATE.up$attempt.log") || { tail -30 "$STATE.up$attempt.log"; die "up.sh failed"; }
  grep -q "ScaleCast is up" <<<"$out" || die "up.sh did not report the system up"
  key=$(cat "$STATE/demo.key")
  api() { curl -fsS -H "Authorization: Bearer $key" "$@"; }
  # Keys are on by default: without one, the API answers 401.
  check "status without a key" "$(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families")" 401 0
  laws=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families/chinchilla/laws")
  # Epoch's refit of the same 240 points (docs: science.md section 2.3), streamed through the whole system.
  check "E" "$(field E <<<"$laws")" 1.81724 0.001
  check "A" "$(field A <<<"$laws")" 477.84 4.78
  check "B" "$(field B <<<"$laws")" 2143.86 21.4
  check "alpha" "$(field alpha <<<"$laws")" 0.347313 0.001
  check "beta" "$(field beta <<<"$laws")" 0.367183 0.001
  check "points" "$(field points <<<"$laws")" 240 0
  families=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families" | grep -o '"family"' | wc -l)
  check "families" "$families" 6 0
  # Gadre's 35 RedPajama models carry the over-training law; its loss at the 1.4B model trained at M = 640 is the
  # recipe's fit of the same 35 models offline (OvertrainingFitter: 2.45300; the observed loss is 2.502).
  query="law=overtraining&params=1.4398e9&tokens=9.2147e11"
  over=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families/gadre-rpj/predictions?$query")
  check "gadre-rpj over-training runs" "$(field runs <<<"$over")" 35 0
  check "gadre-rpj over-training loss at 1.4B, M = 640" "$(field loss <<<"$over")" 2.45300 0.0001
  # The same model's 17-task average error through eval-service's map of all 35 models' losses and task accuracies:
  # the recipe's loss-to-error fit of the same 35 models offline (./scalecast fit --law loss-to-error: 0.47130).
  down=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families/gadre-rpj/downstream?$query&benchmark=avg17")
  check "gadre-rpj avg17 map models" "$(field mapModels <<<"$down")" 35 0
  check "gadre-rpj avg17 error at 1.4B, M = 640" "$(field error <<<"$down")" 0.47130 0.0001
done
rows=$(su postgres -c "psql -tA -d $DB_NAME -c \"select count(*) from ingest.checkpoint where lab = 'demo'\"")
check "ingest rows after streaming twice" "$rows" 1510 0
[ "$failures" -eq 0 ] || die "smoke test: $failures checks failed"
say "smoke test of up.sh passed"
