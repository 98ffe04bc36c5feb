#!/usr/bin/env bash
# Brings the whole system up locally: builds, starts Kafka and PostgreSQL, the four services, streams the bundled
# Datablations curves, Epoch's Chinchilla points, Gadre et al.'s over-training models with their 46 task accuracies
# and five of the Multi-Power Law repository's loss curves with their learning rates (25M constant, cosine and WSD, 100M
# constant and WSD; both WSD runs still training, with their plans) through Kafka, waits until their laws, downstream
# maps and the runs' forecasts are served,
# and prints where to look. REST calls need an
# API key: it makes the system's operator key and an admin key of the demo lab (.state/local/operator.key, demo.key).
# Running it again reuses what is already running. ./deploy/local/down.sh stops it.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/lib.sh"
LAB=${DEMO_LAB:-demo}
RATE=${DEMO_RATE:-60}
GADRE=$ROOT/data/gadre-overtraining
MPL=$ROOT/data/multipower-lr-schedules/csv_25
MPL100=$ROOT/data/multipower-lr-schedules/csv_100
# The WSD runs stream to steps 18,000 (25M) and 16,000 (100M) of 24,000: runs still training, whose decay at 20,000 is
# yet to come. The 100M size has no annealed run yet, so its forecast borrows the annealing gain C from the 25M runs.
WSD_PLAN="wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=20000,decay=exponential"
DATA=("$ROOT/data/datablations/datablations_1epoch_losses.csv" "$ROOT/data/chinchilla-epoch/svg_extracted_data.csv"
  "$GADRE/gadre_models.csv" "$GADRE/eval_metadata.csv" "$GADRE/gadre_downstream_long.csv"
  "$MPL/constant_24000.csv" "$MPL/cosine_24000.csv" "$MPL/wsd_20000_24000.csv@18000"
  "$MPL100/constant_24000.csv" "$MPL100/wsd_20000_24000.csv@16000")
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >&2; }
ports_check

if services_built; then
  say "the services are built and newer than every source file: not building them again"
else
  say "building the services (first build downloads dependencies; later builds take about a minute)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
fi
pg_start
kafka_start
recovery_notice
operator_key
for s in $SERVICES; do svc_start "$s"; done
for s in $SERVICES; do svc_wait "$s"; done
lab_key "$LAB"
KEY_FILE="$STATE/$LAB.key"

PREDICT="http://127.0.0.1:$(svc_port predict-service)"
api() { curl -fsS -H "Authorization: Bearer $(cat "$KEY_FILE")" "$@"; }
show() { curl -sS -H "Authorization: Bearer $(cat "$KEY_FILE")" "$@"; }
field() { grep -o "\"$1\":[-0-9.eE]*" | head -1 | cut -d: -f2 || true; }

# Prints a line when the family's law has a new version since the last call: the live refits.
shown=""
show_new_version() {
  local family=$1 answer version
  answer=$(api "$PREDICT/api/v1/families/$family/predictions?params=7e10&tokens=1.4e12" 2>/dev/null || true)
  version=$(field version <<<"$answer")
  if [ -n "$version" ] && [ "$version" != "$shown" ]; then
    shown=$version
    say "$(printf '  %s law v%s on %s points: loss at 70B parameters and 1.4T tokens %.3f (95%%: %.3f to %.3f)' \
      "$family" "$version" "$(field points <<<"$answer")" "$(field loss <<<"$answer")" \
      "$(field lower <<<"$answer")" "$(field upper <<<"$answer")")"
  fi
}

INGEST="http://127.0.0.1:$(svc_port ingest-service)"
for run in 25m-wsd 100m-wsd; do
  say "planning run mpl/$run: $WSD_PLAN"
  api -X PUT -H 'Content-Type: application/json' -d "{\"schedule\":\"$WSD_PLAN\"}" \
    "$INGEST/api/v1/families/mpl/runs/$run/plan" >/dev/null || die "the plan of $run was refused"
done
say "streaming the Datablations curves, Epoch's Chinchilla points, Gadre's models and the MPL curves to"
say "scalecast.checkpoints at $RATE/s (lab '$LAB'), then Gadre's task accuracies to scalecast.evals;"
say "the Chinchilla family's law is refitted as its points arrive:"
java -cp "$KAFKA_LIB/*" "$LOCAL/StreamDataset.java" "$KAFKA_BOOTSTRAP_SERVERS" "$LAB" "$RATE" "${DATA[@]}" \
  >"$STATE/stream.counts" &
streamer=$!
while kill -0 "$streamer" 2>/dev/null; do
  show_new_version chinchilla
  sleep 0.5
done
wait "$streamer" || die "streaming the dataset failed"
counts=$(cat "$STATE/stream.counts")

# The number of points of $family's served law, or nothing.
law_points() {
  api "$PREDICT/api/v1/families/$family/laws" 2>/dev/null | grep -o '"points":[0-9]*' | head -1 | cut -d: -f2 || true
}
law_complete() {
  [ "$family" = chinchilla ] && show_new_version chinchilla
  [ "$(law_points)" = "$n" ]
}
law_state() { echo "$family's law on $(law_points || true) of $n points"; }
while read -r family n; do
  # One model size has no law across sizes: the MPL runs are there for their forecast, waited for below.
  [ "$family" = mpl ] && continue
  say "waiting for the law of $family fitted on all $n checkpoints"
  wait_progress "law of $family on all $n points (see $STATE/services/fit-service.log)" law_complete law_state
done <<<"$counts"

downstream="$PREDICT/api/v1/families/gadre-rpj/downstream?law=overtraining&params=1.4398e9"
downstream="$downstream&tokens=9.2147e11&benchmark=avg17"
map_models() { api "$downstream" 2>/dev/null | field mapModels; }
map_complete() { [ "$(map_models)" = 35 ]; }
map_state() { echo "avg17 map on $(map_models) of 35 models"; }
say "waiting for gadre-rpj's map of the 17-task average error (avg17) on all 35 models"
wait_progress "avg17 map of gadre-rpj on 35 models (see $STATE/services/eval-service.log)" map_complete map_state

forecast="$PREDICT/api/v1/families/mpl/runs/25m-wsd/forecast"
forecast100="$PREDICT/api/v1/families/mpl/runs/100m-wsd/forecast"
for pair in 25m-wsd:17920 100m-wsd:16000; do
  run=${pair%:*} last=${pair#*:}
  forecast_step() { api "$PREDICT/api/v1/families/mpl/runs/$run/forecast" 2>/dev/null | field lastStep; }
  forecast_done() { [ "$(forecast_step)" = "$last" ]; }
  forecast_state() { echo "forecast of mpl/$run from step $(forecast_step || true)"; }
  say "waiting for the forecast of run mpl/$run from its last checkpoint (step $last)"
  wait_progress "forecast of mpl/$run (see $STATE/services/fit-service.log)" forecast_done forecast_state
done
final_of() { grep -o '"finalLoss":{[^}]*}' | head -1; }
decay_now="wsd,peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay-start=17920,decay=exponential"

query="$PREDICT/api/v1/families/chinchilla/predictions?params=7e10&tokens=1.4e12"
optimal="$PREDICT/api/v1/families/chinchilla/compute-optimal?flops=5.76e23"
overtrained="$PREDICT/api/v1/families/gadre-rpj/predictions?law=overtraining&params=1.4398e9&tokens=9.2147e11"
auth='-H "Authorization: Bearer $SCALECAST_API_KEY"'
cat <<TXT

ScaleCast is up.
  predict-service  $PREDICT        (Swagger UI: $PREDICT/q/swagger-ui)
  ingest-service   http://127.0.0.1:$(svc_port ingest-service)   (POST /api/v1/checkpoints, /api/v1/evals)
  fit-service      http://127.0.0.1:$(svc_port fit-service)   (GET /api/v1/families/{family}/fits)
  eval-service     http://127.0.0.1:$(svc_port eval-service)
  Kafka            $KAFKA_BOOTSTRAP_SERVERS     PostgreSQL  $DB_HOST:$DB_PORT/$DB_NAME
  logs             $STATE/services/*.log, $STATE/kafka.log

Every REST call needs an API key. An admin key of lab '$LAB' is in $KEY_FILE (the operator key, which issues
keys for any lab, is in $STATE/operator.key; see docs/access.md):
  export SCALECAST_API_KEY=\$(cat $KEY_FILE)

Dashboard: open $PREDICT/dashboard/ in a browser and sign in with that key:
  $(cat "$KEY_FILE")

Families of lab '$LAB':
  curl $auth '$PREDICT/api/v1/families'
$(api "$PREDICT/api/v1/families")

Chinchilla's loss (70B parameters, 1.4T tokens) from the law refitted on Epoch's 240 points as they streamed in
(Epoch's published refit of the same points: E 1.81724, A 477.84, B 2143.86, alpha 0.347313, beta 0.367183):
  curl $auth '$query'
$(show "$query")

The compute-optimal split of Chinchilla's budget, 5.76e23 FLOPs:
  curl $auth '$optimal'
$(show "$optimal")

Gadre et al.'s models trained on RedPajama at token multipliers 5 to 640 carry the over-training law (law=overtraining),
here the 1.4B model trained on 32x its Chinchilla-optimal tokens (M = 640; observed C4 loss 2.502):
  curl $auth '$overtrained'
$(show "$overtrained")

The same model's 17-task average top-1 error (Gadre et al.'s avg17; observed 0.4752), chained from that loss through
the loss-to-error map eval-service fitted on the 35 models' losses and task accuracies, with an interval carrying
both laws' uncertainty; each of the 46 tasks has its own map (benchmark=hellaswag, ...), flagged when unreliable:
  curl $auth '$downstream'
$(show "$downstream")

Run mpl/25m-wsd (the MPL repository's 25M model under a WSD schedule, streamed to step 17,920 of 24,000 with its
plan; its real final loss is 3.2766) forecast to its end by the learning-rate annealing law fitted to the 25M runs,
the band holding 95% of checkpoints:
  curl $auth '$forecast'
  $(api "$forecast" | final_of)
What if its decay started now, at step 17,920?
  curl -G $auth '$forecast' --data-urlencode 'schedule=$decay_now'
  $(api -G "$forecast" --data-urlencode "schedule=$decay_now" | final_of)
Where its decay should start to end lowest under the law (the gain over the plan, with its 95% interval):
  curl $auth '$forecast/decay'
$(show "$forecast/decay")

Run mpl/100m-wsd (the 100M model under the same schedule, streamed to step 16,000; real final loss 2.9514): no 100M
run has finished a decay yet, so its forecast borrows the annealing gain C from the 25M runs and says so ("borrowed"):
  curl $auth '$forecast100'
  $(api "$forecast100" | grep -o '"borrowed":"[^"]*"' | head -1) $(api "$forecast100" | final_of)
Alerts of runs that left their forecast for the worse: curl $auth 'http://127.0.0.1:$(svc_port fit-service)/api/v1/alerts'

The Datablations families have three model sizes each: too few to pin down the parameter term (see their laws'
alpha and A); borrowing it from another family is the remedy the Hitchhiker's guide gives.

Stop everything with ./deploy/local/down.sh
TXT
