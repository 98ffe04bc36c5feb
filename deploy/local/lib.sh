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
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$file")" \
      "http://127.0.0.1:$(svc_port predict-service)/api/v1/families" 2>/dev/null && return 0
    sleep 0.5
  done
  die "predict-service did not accept lab $lab's key within 30 s: see $STATE/services/predict-service.log"
}

svc_wait() {
  local name=$1 dir="$STATE/services"
  for _ in $(seq 1 180); do
    svc_ready "$name" && { say "$name is ready"; return 0; }
    java_alive "$dir/$name.pid" || die "$name exited: see $dir/$name.log"
    sleep 0.5
  done
  die "$name did not become ready in 90 s: see $dir/$name.log"
}

svc_stop() {
  if java_alive "$STATE/services/$1.pid"; then
    say "stopping $1"
    stop_pid "$STATE/services/$1.pid" 30
  fi
}
