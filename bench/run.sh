#!/usr/bin/env bash
# The foundation benchmark: startup time, then GET /v1/organizations/{id} (max rate, and latency at
# half of it) and the refresh-token call, against a server started on loopback with ./secplane.
# One command: bash bench/run.sh   (bounded: about two minutes, loopback only, stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20}"
CONNS="${CONNS:-16}"
PORT="${PORT:-18080}"
. bench/lib.sh

ARGS=(--data-dir="$dir/data" --secplane.http.port="$PORT" --secplane.https.port=0 --logging.level.root=WARN)
./secplane --prepare-only

# starts the server in this shell (so that stop() can end it) and leaves the time to ready in $ready_ms
start_server() {
  local t0; t0=$(date +%s%N)
  ./secplane "${ARGS[@]}" > "$dir/server-$1.log" 2>&1 & server_pid=$!
  until [ -f "$dir/data/bootstrap.json" ] && curl -s -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server-$1.log"; exit 1; }
    sleep 0.02
  done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

start_server first; first=$ready_ms
stop
start_server second; second=$ready_ms
echo "startup to ready (first start, makes keys and certificates): ${first} ms"
echo "startup to ready (a later start):                           ${second} ms   target < 5000"

export TOKEN ORG KEY REFRESH_TOKEN GET_PATH
TOKEN=$(jq -r .accessToken "$dir/data/bootstrap.json")
ORG=$(jq -r .orgId "$dir/data/bootstrap.json")
KEY=$(jq -r .apiKeyId "$dir/data/bootstrap.json")
REFRESH_TOKEN=$(jq -r .refreshToken "$dir/data/bootstrap.json")
URL="http://127.0.0.1:$PORT"
GET_PATH="/v1/organizations/$ORG"

if command -v openssl >/dev/null; then
  echo "reference: openssl rsa2048 signs $(openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print int($6)}')/s on one core now (machine speed; it varies between runs here)"
fi
echo "== warm-up (${WARMUP:-60} s: the JIT needs about that long on two cores)"
wrk -t2 -c"$CONNS" -d"${WARMUP:-60}s" -s bench/get.lua "$URL" >/dev/null

echo "== GET /v1/organizations/{id}, keep-alive, $CONNS connections, ${DURATION}s, as fast as it answers"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/get.lua "$URL" | tee "$dir/max.txt"
max=$(awk '/Requests\/sec/ {print int($2)}' "$dir/max.txt")

half=$(( max / 2 ))
per_conn_delay=$(( CONNS * 1000 / (half > 0 ? half : 1) ))
[ "$per_conn_delay" -lt 1 ] && per_conn_delay=1
echo "== the same at about half that rate (~$half/s: each connection pauses ${per_conn_delay} ms between requests)"
WRK_DELAY_MS=$per_conn_delay wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/get.lua "$URL" | tee "$dir/half.txt"

echo "== refresh-token call: one chain, one connection (each call needs the previous answer), ${DURATION}s"
wrk -t1 -c1 -d"${DURATION}s" --latency -s bench/refresh.lua "$URL" | tee "$dir/refresh.txt"

echo
echo "== summary"
printf "startup later start  : %s ms (target < 5000)\n" "$second"
printf "GET org max          : %s req/s (target >= 10000)  p50 %s  p99 %s\n" "$max" \
  "$(awk '$1=="50%" {print $2}' "$dir/max.txt")" "$(awk '$1=="99%" {print $2}' "$dir/max.txt")"
printf "GET org at half rate : %s req/s  p50 %s  p99 %s (target p99 < 10ms)\n" \
  "$(awk '/Requests\/sec/ {print int($2)}' "$dir/half.txt")" "$(awk '$1=="50%" {print $2}' "$dir/half.txt")" \
  "$(awk '$1=="99%" {print $2}' "$dir/half.txt")"
printf "refresh (1 chain)    : %s req/s  p50 %s  p99 %s\n" "$(awk '/Requests\/sec/ {print int($2)}' "$dir/refresh.txt")" \
  "$(awk '$1=="50%" {print $2}' "$dir/refresh.txt")" "$(awk '$1=="99%" {print $2}' "$dir/refresh.txt")"
