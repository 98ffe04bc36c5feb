#!/usr/bin/env bash
# Proves the README's system-up command: runs up.sh twice in a row on ports and a database of its own (so it runs
# beside a local system), checks the served Chinchilla law against Epoch's published refit, and the over-training law
# and 17-task error map of Gadre's models against the engine's offline fits. Then a second clone on the same machine:
# its up.sh names the ports the first clone's running system holds and stops; once the first is down (its data kept
# in the shared database), the second clone's up.sh, on a new broker, serves the same laws and maps without --purge.
# Then it purges it all.
set -euo pipefail
export SCALECAST_PROFILE=smoke
export KAFKA_PORT=${SMOKE_KAFKA_PORT:-29092} KAFKA_CONTROLLER_PORT=${SMOKE_KAFKA_CONTROLLER_PORT:-29093}
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT DB_NAME=scalecast_smoke
export PREDICT_HTTP_PORT=18080 INGEST_HTTP_PORT=18081 FIT_HTTP_PORT=18082 EVAL_HTTP_PORT=18083
# The demo streams at 60 events/s so that a user watches the law refit; the smoke test streams the same events three
# times and checks where they end, so it streams them ten times as fast (two minutes less of CI).
export DEMO_RATE=${SMOKE_DEMO_RATE:-600}
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

# Checks what the system on the smoke ports serves (Epoch's law, seven families, Gadre's law and avg17 map, the MPL
# WSD run's forecast) with the
# demo key in state directory $1; sets SERVED to what must not change when the same data is served again.
served() {
  key=$(cat "$1/demo.key")
  api() { curl -fsS -H "Authorization: Bearer $key" "$@"; }
  # Keys are on by default: without one, the API answers 401.
  check "status without a key" "$(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families")" 401 0
  # The dashboard's page and its chart library are served without a key (every number on it needs one).
  check "dashboard page" "$(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$PREDICT_HTTP_PORT/dashboard/")" 200 0
  check "dashboard chart library" "$(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$PREDICT_HTTP_PORT$(grep -o '/webjars/uplot/[^"]*\.js' \
    "$ROOT/predict-service/src/main/resources/META-INF/resources/dashboard/index.html")")" 200 0
  laws=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families/chinchilla/laws")
  # Epoch's refit of the same 240 points (docs: science.md section 2.3), streamed through the whole system.
  check "E" "$(field E <<<"$laws")" 1.81724 0.001
  check "A" "$(field A <<<"$laws")" 477.84 4.78
  check "B" "$(field B <<<"$laws")" 2143.86 21.4
  check "alpha" "$(field alpha <<<"$laws")" 0.347313 0.001
  check "beta" "$(field beta <<<"$laws")" 0.367183 0.001
  check "points" "$(field points <<<"$laws")" 240 0
  families=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families" | grep -o '"family"' | wc -l)
  # Datablations' four corpora, Chinchilla, gadre-rpj and the MPL curves' family.
  check "families" "$families" 7 0
  # The MPL repository's 25M WSD run, streamed to step 17,920 with its plan, forecast to step 24,000 (its real final
  # loss is 3.2766; fit-service's RunForecastTest holds the forecast within 0.5%).
  final=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families/mpl/runs/25m-wsd/forecast" \
    | grep -o '"finalLoss":{[^}]*}')
  check "mpl/25m-wsd forecast final loss at step 24000" "$(field loss <<<"$final")" 3.2766 0.0164
  # The 100M WSD run, streamed to step 16,000 with no annealed 100M run: C borrowed from the 25M runs (real final
  # loss 2.9514; RunForecasterTest holds the borrowed forecast within 1%).
  final100=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families/mpl/runs/100m-wsd/forecast")
  check "mpl/100m-wsd forecast borrows C" "$(grep -c '"borrowed":"' <<<"$final100")" 1 0
  check "mpl/100m-wsd forecast final loss at step 24000" \
    "$(grep -o '"finalLoss":{[^}]*}' <<<"$final100" | field loss)" 2.9514 0.0295
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
  answer=$(api "http://127.0.0.1:$PREDICT_HTTP_PORT/api/v1/families/chinchilla/predictions?params=7e10&tokens=1.4e12")
  SERVED="$(field version <<<"$answer") $(field loss <<<"$answer") $(field mapVersion <<<"$down") $(field error <<<"$down")"
  SERVED="$SERVED $(field loss <<<"$final") $(grep -o '"finalLoss":{[^}]*}' <<<"$final100" | field loss)"
}

# up.sh's waits: they go on past the stall limit while what they wait for moves, and fail once nothing moves,
# naming what they waited for and where it stood.
say "smoke: a wait that keeps moving outlasts the stall limit; one that stalls fails naming what it waited for"
moving=$(bash -c 'source "$1"; i=0; done_at() { i=$((i + 1)); [ "$i" -gt 4 ]; }; state() { echo "v$i"; }
  SCALECAST_STALL_SECONDS=2 wait_progress "law of x" done_at state && echo finished' _ "$HERE/lib.sh" 2>&1 || true)
check "a moving wait finishes after the stall limit" "$(grep -c '^finished$' <<<"$moving")" 1 0
stalled=$(bash -c 'source "$1"; state() { echo "law on 5 of 9 points"; }
  SCALECAST_STALL_SECONDS=2 wait_progress "law of x" false state; echo returned' _ "$HERE/lib.sh" 2>&1 || true)
check "a stalled wait fails naming it" \
  "$(grep -c 'no law of x: nothing moved for 2 s (still law on 5 of 9 points' <<<"$stalled")" 1 0
check "a stalled wait exits" "$(grep -c '^returned$' <<<"$stalled")" 0 0

for attempt in 1 2; do
  say "smoke: up.sh run $attempt"
  out=$("$HERE/up.sh" 2>"$STATE.up$attempt.log") || { tail -30 "$STATE.up$attempt.log"; die "up.sh failed"; }
  grep -q "ScaleCast is up" <<<"$out" || die "up.sh did not report the system up"
  served "$STATE"
  first=$SERVED
done

# A second clone of the repository (its working tree and build, not its state) on the same machine and ports.
CLONE=$(mktemp -d /tmp/scalecast-clone.XXXXXX)
trap '"$HERE/down.sh" --purge >/dev/null 2>&1 || true; "$CLONE/deploy/local/down.sh" --purge >/dev/null 2>&1 || true
  rm -rf "$CLONE"' EXIT
tar -C "$ROOT" --exclude=./.state --exclude=./.git -cf - . | tar -C "$CLONE" -xf -
say "smoke: a second clone's up.sh while the first clone's system runs"
start=$(date +%s)
if busy=$("$CLONE/deploy/local/up.sh" 2>&1); then die "the second clone's up.sh started beside the first one"; fi
echo "$busy" | tail -12 >&2
check "second clone names the taken predict port" "$(grep -c "port $PREDICT_HTTP_PORT: pid" <<<"$busy")" 1 0
check "second clone says how to stop the first" \
  "$(grep -cF "(cd $ROOT && SCALECAST_PROFILE=smoke ./deploy/local/down.sh)" <<<"$busy")" 1 0
check "second clone gave up at once (s)" "$(( $(date +%s) - start ))" 0 20

say "smoke: the first clone stopped without --purge, the second clone's up.sh on a new broker"
"$HERE/down.sh" >/dev/null 2>&1
out=$("$CLONE/deploy/local/up.sh" 2>"$STATE.clone.log") || { tail -30 "$STATE.clone.log"; die "second clone's up.sh failed"; }
grep -q "ScaleCast is up" <<<"$out" || die "the second clone's up.sh did not report the system up"
check "second clone saw the database's data" "$(grep -c "from another broker than this one" "$STATE.clone.log")" 1 0
served "$CLONE/.state/smoke"
second=$SERVED
say "law version, loss, map version, error, forecast final loss: first clone $first; second clone $second"
check "second clone serves the first clone's law and map versions and answers" "$([ "$first" = "$second" ] && echo 1)" 1 0
rows=$(su postgres -c "psql -tA -d $DB_NAME -c \"select count(*) from ingest.checkpoint where lab = 'demo'\"")
check "ingest rows after streaming three times, the third from another clone" "$rows" 2256 0
[ "$failures" -eq 0 ] || die "smoke test: $failures checks failed"
say "smoke test of up.sh passed"
