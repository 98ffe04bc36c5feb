#!/usr/bin/env bash
# Shared functions of the local scripts: a KRaft Kafka broker from Kafka's own jars, and Debian's PostgreSQL.
# Sourced, not run. Settings come from the environment; the defaults are the local system's.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOCAL="$ROOT/deploy/local"
PROFILE=${SCALECAST_PROFILE:-local}
STATE=${SCALECAST_STATE:-$ROOT/.state/$PROFILE}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}
DB_HOST=${DB_HOST:-127.0.0.1}
DB_PORT=${DB_PORT:-5432}
DB_NAME=${DB_NAME:-scalecast}
DB_USER=${DB_USER:-scalecast}
DB_PASSWORD=${DB_PASSWORD:-scalecast}
KAFKA_LIB="$LOCAL/kafka/target/lib"
export KAFKA_BOOTSTRAP_SERVERS DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD
mkdir -p "$STATE"

say() { printf '[scalecast %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# True when the PID in file $1 is a live java process.
java_alive() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q java "/proc/$pid/cmdline" 2>/dev/null
}

# Stops the java process in PID file $1 (TERM, then KILL after $2 seconds) and removes the file.
stop_pid() {
  local file=$1 grace=${2:-20} pid
  if java_alive "$file"; then
    pid=$(cat "$file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((grace * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$file"
}

kafka_fetch() {
  if [ ! -f "$KAFKA_LIB/.complete" ]; then
    say "fetching Kafka's jars (once)"
    "$ROOT/mvnw" -q -B -f "$LOCAL/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIB" >&2 \
      || die "could not fetch Kafka's jars"
    touch "$KAFKA_LIB/.complete"
  fi
}

kafka_config() {
  mkdir -p "$STATE/kafka-data"
  cat >"$STATE/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$STATE/kafka-data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.cleaner.backoff.ms=1000
PROPS
  cat >"$STATE/log4j2.properties" <<PROPS
appender.file.type = File
appender.file.name = F
appender.file.fileName = $STATE/kafka.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = F
PROPS
}

kafka_ready() {
  java -cp "$KAFKA_LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --list \
    >/dev/null 2>&1
}

kafka_start() {
  kafka_fetch
  if java_alive "$STATE/kafka.pid"; then
    say "Kafka already running on $KAFKA_BOOTSTRAP_SERVERS (pid $(cat "$STATE/kafka.pid"))"
    return 0
  fi
  kafka_config
  if [ ! -f "$STATE/kafka-data/meta.properties" ]; then
    local cid
    cid=$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid)
    java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -t "$cid" -c "$STATE/server.properties" --standalone \
      >"$STATE/kafka-format.out" 2>&1 || die "formatting Kafka storage failed: see $STATE/kafka-format.out"
  fi
  say "starting Kafka on $KAFKA_BOOTSTRAP_SERVERS (log: $STATE/kafka.log)"
  nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$STATE/log4j2.properties" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$STATE/server.properties" >"$STATE/kafka.out" 2>&1 &
  echo $! >"$STATE/kafka.pid"
  for _ in $(seq 1 120); do
    kafka_ready && { say "Kafka is ready"; kafka_topics; return 0; }
    java_alive "$STATE/kafka.pid" || die "Kafka exited: see $STATE/kafka.out and $STATE/kafka.log"
    sleep 0.5
  done
  die "Kafka did not become ready in 60 s: see $STATE/kafka.log"
}

kafka_topics() {
  java -cp "$KAFKA_LIB/*" "$LOCAL/CreateTopics.java" "$KAFKA_BOOTSTRAP_SERVERS" 3 2>>"$STATE/kafka.out" >&2 \
    || die "creating topics failed: see $STATE/kafka.out"
}

kafka_stop() {
  if java_alive "$STATE/kafka.pid"; then
    say "stopping Kafka"
    stop_pid "$STATE/kafka.pid" 30
  fi
}

# One value from the local database, or nothing when the query fails (e.g. a schema not made yet).
pg_value() { su postgres -c "psql -tA -d $DB_NAME -c \"$1\"" 2>/dev/null | head -1; }

# Says in one line when the database holds data whose laws, maps and keys the broker does not have (a new or lost
# broker, or the database of another clone): the services send them again as they start.
recovery_notice() {
  local rows recorded current
  rows=$(pg_value "select count(*) from ingest.checkpoint" || true)
  [ "${rows:-0}" -gt 0 ] 2>/dev/null || return 0
  recorded=$(pg_value "select topic_id from fit.published_topic where topic = 'scalecast.laws'" || true)
  current=$(java -cp "$KAFKA_LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" \
    --describe --topic scalecast.laws 2>/dev/null | grep -o 'TopicId: *[^[:space:]]*' | head -1 | awk '{print $2}' \
    || true)
  [ -n "$recorded" ] && [ "$recorded" = "$current" ] && return 0
  say "database $DB_NAME holds $rows checkpoints from another broker than this one (${recorded:-not recorded}, now" \
    "${current:-unknown}): the services send its keys, laws and maps to this broker again as they start" \
    "(docs/architecture.md#recovery)"
}

# The dashboard's browser tests drive Debian's chromium headless through its chromedriver.
browser_install() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver with apt-get (once, for the dashboard's browser tests)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >&2 \
      || die "could not install chromium and chromium-driver"
  fi
}

# The Python client (clients/python) is tested with the standard library's unittest: Python 3.9 or newer.
python_install() {
  if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    say "installing python3 with apt-get (once, for the Python client's tests)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3; } >&2 \
      || die "could not install python3"
  fi
}

pg_cluster() { pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1, $2}'; }

pg_psql() { su postgres -c "psql -q -v ON_ERROR_STOP=1 $*"; }

pg_start() {
  if ! command -v pg_ctlcluster >/dev/null; then
    say "installing PostgreSQL with apt-get (once)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 \
      || die "could not install PostgreSQL"
  fi
  local cluster
  cluster=$(pg_cluster)
  [ -n "$cluster" ] || die "no PostgreSQL cluster found (pg_lsclusters is empty)"
  # shellcheck disable=SC2086
  if ! pg_ctlcluster $cluster status >/dev/null 2>&1; then
    say "starting PostgreSQL $cluster"
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start || die "PostgreSQL did not start"
  fi
  for _ in $(seq 1 60); do
    su postgres -c "psql -tAc 'select 1'" >/dev/null 2>&1 && break
    sleep 0.5
  done
  pg_database "$DB_NAME"
}

# Creates the role and database $1 if missing; each service migrates its own schema in it with Flyway.
pg_database() {
  pg_psql -c "\"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'; END IF; END\\\$\\\$;\"" || die "creating role failed"
  su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$1'\"" | grep -q 1 \
    || su postgres -c "createdb -O $DB_USER $1" || die "creating database $1 failed"
  say "PostgreSQL ready: database $1 on $DB_HOST:$DB_PORT"
}

pg_stop() {
  local cluster
  cluster=$(pg_cluster)
  # shellcheck disable=SC2086
  [ -n "$cluster" ] && pg_ctlcluster $cluster stop 2>/dev/null || true
}

SERVICES="ingest-service fit-service predict-service eval-service"

# Whether every service's jar exists and is newer than every source, configuration and build file of the tree.
services_built() {
  local s jar
  for s in $SERVICES; do
    jar="$ROOT/$s/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || return 1
    [ -z "$(find "$ROOT" \( -name .state -o -name target -o -name .git \) -prune -o -type f \
      \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit 2>/dev/null)" ] || return 1
  done
}

svc_port() {
  case "$1" in
    predict-service) echo "${PREDICT_HTTP_PORT:-8080}" ;;
    ingest-service) echo "${INGEST_HTTP_PORT:-8081}" ;;
    fit-service) echo "${FIT_HTTP_PORT:-8082}" ;;
    eval-service) echo "${EVAL_HTTP_PORT:-8083}" ;;
  esac
}

svc_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$(svc_port "$1")/q/health/ready" 2>/dev/null; }

# Starts a packaged service in the background (once) with its log and PID under $STATE/services.
svc_start() {
  local name=$1 jar="$ROOT/$1/target/quarkus-app/quarkus-run.jar" dir="$STATE/services"
  mkdir -p "$dir"
  [ -f "$jar" ] || die "$jar is missing: build first (./mvnw -DskipTests package)"
  if java_alive "$dir/$name.pid"; then
    say "$name already running (pid $(cat "$dir/$name.pid"))"
    return 0
  fi
  say "starting $name on port $(svc_port "$name") (log: $dir/$name.log)"
  SCALECAST_OPERATOR_KEY_SHA256=$(cat "$STATE/operator.sha256" 2>/dev/null || true) \
    nohup java -Xmx512m -Dquarkus.http.port="$(svc_port "$name")" -jar "$jar" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

# Makes this system's operator key once ($STATE/operator.key, readable by its owner only); the services get its hash.
operator_key() {
  [ -s "$STATE/operator.key" ] && [ -s "$STATE/operator.sha256" ] && return 0
  local made
  made=$("$ROOT/scalecast" keys operator 2>/dev/null) || die "making the operator key failed"
  (umask 077; grep -o '"key" *: *"[^"]*"' <<<"$made" | cut -d'"' -f4 >"$STATE/operator.key")
  grep -o '"sha256" *: *"[^"]*"' <<<"$made" | cut -d'"' -f4 >"$STATE/operator.sha256"
}

# Issues (once) an admin key of lab $1 with the operator key, into $STATE/$1.key, and waits until predict-service
# accepts it.
lab_key() {
  local lab=$1 file="$STATE/$1.key" made
  if [ ! -s "$file" ]; then
    made=$(SCALECAST_API_KEY=$(cat "$STATE/operator.key") "$ROOT/scalecast" keys create --lab "$lab" --role admin \
      --name "local demo (up.sh)" --url "http://127.0.0.1:$(svc_port ingest-service)") || die "issuing a key failed"
    (umask 077; grep -o '"key" *: *"[^"]*"' <<<"$made" | head -1 | cut -d'"' -f4 >"$file")
  fi
  key_taken() { curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$file")" \
    "http://127.0.0.1:$(svc_port predict-service)/api/v1/families" 2>/dev/null; }
  wait_progress "predict-service taking lab $lab's key" key_taken true
}

# Waits until service $1 reports ready, as long as it (or another part) is busy starting.
svc_wait() {
  local name=$1
  svc_up() {
    svc_ready "$name" && return 0
    java_alive "$STATE/services/$name.pid" || die "$name exited: see $STATE/services/$name.log"
    return 1
  }
  svc_health() { curl -sS "http://127.0.0.1:$(svc_port "$name")/q/health/ready" 2>/dev/null | tr -d ' \n' \
    | grep -o '"name":"[^"]*","status":"DOWN"' | cut -d'"' -f4 | paste -sd, - | sed 's/^./waiting on &/'; }
  wait_progress "$name ready (see $STATE/services/$name.log)" svc_up svc_health
  say "$name is ready"
}

svc_stop() {
  if java_alive "$STATE/services/$1.pid"; then
    say "stopping $1"
    stop_pid "$STATE/services/$1.pid" 30
  fi
}

# The PID of the process listening on TCP port $1 on this machine, or nothing (read from /proc, no tools needed).
port_holder() {
  local hex inode hit
  hex=$(printf '%04X' "$1")
  inode=$(awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $10; exit }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null || true)
  [ -n "$inode" ] || return 0
  hit=$(find /proc/[0-9]*/fd -maxdepth 1 -lname "socket:\[$inode\]" -print -quit 2>/dev/null || true)
  hit=${hit#/proc/}
  hit=${hit%%/*}
  echo "${hit:-?}"
}

# What process $1 is, in a few words: a service's jar, a Kafka broker's configuration, or its command line.
process_describe() {
  local args
  args=$(tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null || true)
  if grep -q 'quarkus-run.jar$' <<<"$args"; then
    echo "java -jar $(grep 'quarkus-run.jar$' <<<"$args")"
  elif grep -qx 'kafka.Kafka' <<<"$args"; then
    echo "Kafka broker $(grep 'server.properties$' <<<"$args" || true)"
  else
    tr '\n' ' ' <<<"$args" | cut -c1-100
  fi
}

# The repository a process of a ScaleCast system belongs to (from its service jar or broker config), or nothing.
process_clone() {
  tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | sed -n \
    -e 's#^\(/.*\)/[a-z-]*-service/target/quarkus-app/quarkus-run.jar$#\1#p' \
    -e 's#^\(/.*\)/\.state/[^/]*/server\.properties$#\1#p' | head -1
}

# The profile (the .state directory) under clone $2 whose PID files hold PID $1, or nothing.
process_profile() {
  local f
  for f in "$2"/.state/*/kafka.pid "$2"/.state/*/services/*.pid; do
    [ -f "$f" ] && [ "$(cat "$f")" = "$1" ] && { f=${f#"$2"/.state/}; echo "${f%%/*}"; return 0; }
  done
}

# Whether the PID in $1 is one of this system's own processes (its broker or a service it started).
own_process() {
  local f
  for f in "$STATE/kafka.pid" "$STATE"/services/*.pid; do
    [ -f "$f" ] && [ "$(cat "$f")" = "$1" ] && return 0
  done
  return 1
}

# Refuses to start when another system holds this system's ports: says which ports, which processes, and how to
# stop them or move this one.
ports_check() {
  local port pid clone profile stop held="" stops=""
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" $(for s in $SERVICES; do svc_port "$s"; done); do
    pid=$(port_holder "$port")
    [ -n "$pid" ] || continue
    own_process "$pid" && continue
    clone=$(process_clone "$pid" || true)
    held="$held
  port $port: pid $pid, $(process_describe "$pid")${clone:+ (the ScaleCast system of $clone)}"
    [ -n "$clone" ] || continue
    profile=$(process_profile "$pid" "$clone" || true)
    stop="(cd $clone && ${profile:+SCALECAST_PROFILE=$profile }./deploy/local/down.sh)"
    [ "$profile" = local ] && stop="(cd $clone && ./deploy/local/down.sh)"
    grep -qxF "$stop" <<<"$stops" || stops="$stops$stop"$'\n'
  done
  [ -z "$held" ] && return 0
  say "ERROR: ports this system needs are taken by processes it did not start:$held"
  while read -r stop; do
    [ -n "$stop" ] && say "  stop that system with: $stop"
  done <<<"$stops"
  say "  or run this one beside it on other ports, with its own database: KAFKA_PORT=$((KAFKA_PORT + 10))" \
    "KAFKA_CONTROLLER_PORT=$((KAFKA_CONTROLLER_PORT + 10)) PREDICT_HTTP_PORT=$(($(svc_port predict-service) + 10))" \
    "INGEST_HTTP_PORT=$(($(svc_port ingest-service) + 10)) FIT_HTTP_PORT=$(($(svc_port fit-service) + 10))" \
    "EVAL_HTTP_PORT=$(($(svc_port eval-service) + 10)) DB_NAME=${DB_NAME}_2 $0"
  exit 1
}

# The CPU ticks a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

declare -A LAST_TICKS
# Sets BUSY to the parts of the system that used more than a tenth of a core since the last call, e.g.
# "fit-service 85%" (a variable, not output: the ticks it remembers must survive the call).
busy_parts() {
  local f name pid ticks last out="" hz
  hz=$(getconf CLK_TCK)
  for f in "$STATE/kafka.pid" "$STATE"/services/*.pid; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .pid)
    pid=$(cat "$f")
    ticks=$(cpu_ticks "$pid")
    last=${LAST_TICKS[$name]:-}
    LAST_TICKS[$name]=$ticks
    # Called about once a second: ticks per call / hz is the share of one core.
    if [ -n "$last" ] && [ $(( (ticks - last) * 100 / hz )) -gt 10 ]; then
      out="$out${out:+, }$name $(( (ticks - last) * 100 / hz ))%"
    fi
  done
  BUSY=$out
}

# Waits until command $2 succeeds, for as long as the system makes progress: the answer of command $3 (what is
# being waited for, e.g. "law on 180 points") changes or some part of the system is busy. Fails, naming $1, only
# when nothing moved for SCALECAST_STALL_SECONDS (60). Says every 10 s what is moving.
wait_progress() {
  # Prefixed names: the commands run here see this function's locals, and must keep seeing their callers' own.
  local _what=$1 _done=$2 _state_cmd=$3 _stall=${SCALECAST_STALL_SECONDS:-60} _last="" _idle=0 _count=0 _state
  busy_parts
  while ! $_done; do
    sleep 1
    _count=$((_count + 1))
    _state=$($_state_cmd 2>/dev/null || true)
    busy_parts
    if [ "$_state" != "$_last" ] || [ -n "$BUSY" ]; then _idle=0; else _idle=$((_idle + 1)); fi
    _last=$_state
    [ $((_count % 10)) -eq 0 ] && say "  waiting for $_what: ${_state:-nothing yet}${BUSY:+; busy: $BUSY}"
    [ "$_idle" -lt "$_stall" ] || die "no $_what: nothing moved for $_stall s (still ${_state:-nothing}, no part busy)"
  done
}
