#!/usr/bin/env bash
# Stops what up.sh started: the four services and the Kafka broker. Data stays in .state/local and PostgreSQL, so
# up.sh starts where it left off.
#   --all    also stop PostgreSQL
#   --purge  also delete the local broker's data and drop the local database: the next up.sh starts empty
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/lib.sh"
for s in $SERVICES; do svc_stop "$s"; done
kafka_stop
for arg in "$@"; do
  case "$arg" in
    --purge)
      say "deleting $STATE and dropping database $DB_NAME"
      rm -rf "$STATE"
      su postgres -c "dropdb --if-exists --force $DB_NAME" 2>/dev/null || true ;;
    --all)
      say "stopping PostgreSQL"
      pg_stop ;;
    *) die "unknown option $arg (use --all or --purge)" ;;
  esac
done
say "stopped"
