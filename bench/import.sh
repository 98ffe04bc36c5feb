#!/usr/bin/env bash
# Benchmark (not a test): ./scalecast import of a synthetic CSV of ROWS checkpoints (default 1,000,000) against a
# baseline of 10,000 rows in the same run, printing each import's rows per second and the CLI's peak RSS with its heap
# capped at 64 MB (memory is bounded by one batch, not by the file), and their ratios to the baseline.
# Against the running system (./deploy/local/up.sh; needs SCALECAST_API_KEY, a write key) the rate is ingest-service's
# acceptance rate; with --stub, against a local stand-in that parses and counts each batch, it is the CLI's own.
# Usage: bench/import.sh [--stub] [ROWS]. Record results in docs/benchmarks.md.
set -euo pipefail
# shellcheck source=deploy/local/lib.sh
source "$(dirname "$0")/../deploy/local/lib.sh"
STUB=false
if [ "${1:-}" = "--stub" ]; then STUB=true; shift; fi
ROWS=${1:-1000000}
WORK=$(mktemp -d)
trap 'kill "${STUB_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

if $STUB; then
  PORT=18181
  python3 - "$PORT" > "$WORK/stub.log" 2>&1 <<'PY' &
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Stub(BaseHTTPRequestHandler):
    def do_POST(self):
        events = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        body = json.dumps({"accepted": len(events)}).encode()
        self.send_response(202)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
PY
  STUB_PID=$!
  export SCALECAST_INGEST_URL=http://127.0.0.1:$PORT SCALECAST_API_KEY=${SCALECAST_API_KEY:-sc_stub_key}
  sleep 1
else
  svc_ready ingest-service || die "the system is not up: run ./deploy/local/up.sh first, or use --stub"
  [ -n "${SCALECAST_API_KEY:-}" ] || die "set SCALECAST_API_KEY to a write key (up.sh prints the demo lab's key)"
  export SCALECAST_INGEST_URL=${SCALECAST_INGEST_URL:-http://127.0.0.1:$(svc_port ingest-service)}
fi

# A sweep of 100 runs logging every step (bench/sweep.py).
make_csv() {  # rows file
  python3 "$ROOT/bench/sweep.py" "$1" "$2"
}

"$ROOT/scalecast" --version > /dev/null  # builds the CLI first, outside the timings
FAMILY=import$(date +%s)
run_import() {  # rows label → "rows_per_second peak_rss_mb"
  local csv=$WORK/$2.csv
  make_csv "$1" "$csv"
  JAVA_TOOL_OPTIONS=-Xmx64m /usr/bin/time -f "%M" -o "$WORK/$2.rss" "$ROOT/scalecast" import --input "$csv" \
    --family "$FAMILY-$2" 2> "$WORK/$2.err" > "$WORK/$2.json" || { cat "$WORK/$2.err" >&2; die "import of $2 failed"; }
  python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(a["rowsPerSecond"], round(int(open(sys.argv[2]).read().split()[-1])/1024))' \
    "$WORK/$2.json" "$WORK/$2.rss"
}
echo "machine: $(nproc) cores, Java $(java -version 2>&1 | head -1 | cut -d'"' -f2); target: $($STUB && echo stub || echo ingest-service)"
read -r BASE_RATE BASE_RSS < <(run_import 10000 baseline)
read -r RATE RSS < <(run_import "$ROWS" large)
printf '%-10s %12s %14s %12s\n' rows rows/s peak_RSS_MB rate_ratio
printf '%-10s %12s %14s %12s\n' 10000 "$BASE_RATE" "$BASE_RSS" 1.00
printf '%-10s %12s %14s %12.2f\n' "$ROWS" "$RATE" "$RSS" "$(python3 -c "print($RATE/$BASE_RATE)")"
echo "peak RSS ratio: $(python3 -c "print(round($RSS/$BASE_RSS, 2))") (bounded: near 1 whatever the rows)"
