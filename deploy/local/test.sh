#!/usr/bin/env bash
# Runs every test of every module against a real Kafka broker and PostgreSQL that this script starts itself
# (on test ports, with a fresh broker and test database, so it can run beside a running local system),
# then stops the broker it started, and finally proves the system-up command with smoke.sh (up.sh twice, on
# ports of its own). Extra arguments go to Maven, e.g. -pl scaling-core, and skip the smoke test.
set -euo pipefail
export SCALECAST_PROFILE=test
export KAFKA_PORT=${TEST_KAFKA_PORT:-19092}
export KAFKA_CONTROLLER_PORT=${TEST_KAFKA_CONTROLLER_PORT:-19093}
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
export DB_NAME=${TEST_DB_NAME:-scalecast_test}
unset DB_URL
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/lib.sh"

start=$(date +%s)
kafka_stop
rm -rf "$STATE/kafka-data" "$STATE/services"
pg_start
browser_install
python_install
su postgres -c "dropdb --if-exists --force $DB_NAME" && pg_database "$DB_NAME"
kafka_start
trap kafka_stop EXIT

say "running every module's tests (broker $KAFKA_BOOTSTRAP_SERVERS, database $DB_NAME)"
cd "$ROOT"
status=0
./mvnw -B verify "$@" || status=$?
say "module tests finished in $(( $(date +%s) - start )) s with status $status"
kafka_stop
if [ "$status" -eq 0 ] && [ $# -eq 0 ]; then
  "$LOCAL/smoke.sh" || status=$?
fi
say "all tests finished in $(( $(date +%s) - start )) s with status $status"
exit $status
