#!/usr/bin/env bash
# What durable writes cost: acknowledged admin-group creations per second with every commit written
# before the answer (the default), against the same server in the same run with H2's old write delay
# (commits written up to half a second later: what a SIGKILL lost). One command:
#   bash bench/writes.sh      (bounded: about two minutes, loopback only, stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-20}"
CONNS="${CONNS:-8}"
PORT="${PORT:-18081}"
. bench/lib.sh
./secplane --prepare-only

# measure NAME [extra server arguments...]: prints and records the write rate
measure() {
  local name="$1"; shift
  local data="$dir/$name"
  ./secplane --data-dir="$data" --secplane.http.port="$PORT" --secplane.https.enabled=false \
      --logging.level.root=WARN "$@" > "$dir/$name.log" 2>&1 & server_pid=$!
  until [ -f "$data/server.json" ]; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/$name.log"; exit 1; }
    sleep 0.05
  done
  export TOKEN ORG RUN
  TOKEN=$(jq -r .accessToken "$data/bootstrap.json")
  ORG=$(jq -r .orgId "$data/bootstrap.json")
  RUN="warm"
  wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s bench/create-group.lua "http://127.0.0.1:$PORT" >/dev/null
  RUN="measured"
  echo "== $name: POST adminGroups, $CONNS connections, ${DURATION}s"
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/create-group.lua "http://127.0.0.1:$PORT" | tee "$dir/$name.txt"
  stop
}

measure delayed --database-url="jdbc:h2:file:$dir/delayed/secplane;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500"
measure durable

rate() { awk '/Requests\/sec/ {print int($2)}' "$dir/$1.txt"; }
p99() { awk '$1=="99%" {print $2}' "$dir/$1.txt"; }
echo
echo "== summary (same run, same machine: only the ratio means anything)"
printf "writes, commit written before the answer : %s/s  p99 %s\n" "$(rate durable)" "$(p99 durable)"
printf "writes, H2's old half-second write delay : %s/s  p99 %s\n" "$(rate delayed)" "$(p99 delayed)"
awk -v a="$(rate durable)" -v b="$(rate delayed)" 'BEGIN { if (b > 0) printf "durable / delayed                        : %.2f\n", a / b }'
