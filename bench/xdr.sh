#!/usr/bin/env bash
# The token-chain benchmark: IROH client-credentials tokens per second, the Secure Endpoint token
# exchange per second, and the latency of GET /v3/organizations, against ./secplane --demo on loopback.
# One command: bash bench/xdr.sh   (about three minutes; loopback only; stops by itself)
# Reference (from the issue): Keycloak 26.7.3 issues ~1,200 RS256 client-credentials tokens/s on this
# machine with 16 connections; the target is 2,400/s.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20}"
CONNS="${CONNS:-16}"
PORT="${PORT:-18082}"
. bench/lib.sh
./secplane --prepare-only
./secplane --demo --data-dir="$dir/data" --secplane.http.port="$PORT" --secplane.https.port=0 --logging.level.root=WARN \
    --secplane.rate-limits.iroh-per-org-per-hour=1000000000 --secplane.rate-limits.secure-endpoint-per-client-per-hour=1000000000 \
    > "$dir/server.log" 2>&1 & server_pid=$!
until [ -f "$dir/data/bootstrap.json" ] && curl -s -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log"; exit 1; }
  sleep 0.05
done
URL="http://127.0.0.1:$PORT"
export CLIENT_ID CLIENT_SECRET IROH_TOKEN SE_TOKEN
CLIENT_ID=$(jq -r .xdrClientId "$dir/data/bootstrap.json")
CLIENT_SECRET=$(jq -r .xdrClientPassword "$dir/data/bootstrap.json")
IROH_TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -H 'Host: visibility.amp.localhost' -d grant_type=client_credentials "$URL/iroh/oauth2/token" | jq -r .access_token)
SE_TOKEN=$(curl -s -X POST -H "Authorization: Bearer $IROH_TOKEN" -H 'Host: api.amp.localhost' "$URL/v3/access_tokens" | jq -r .access_token)
java -version 2>&1 | head -1
# the machine's own RSA-2048 signing rate, per core, measured now: the ceiling every RS256 token server here shares
ref=""
if command -v openssl >/dev/null; then
  ref=$(openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print int($6)}')
  echo "reference: openssl rsa2048 signs ${ref}/s on one core now"
fi

echo "== warm-up (${WARMUP:-45} s, all three calls)"
w=$(( ${WARMUP:-45} / 3 ))
wrk -t2 -c"$CONNS" -d"${w}s" -s bench/iroh-token.lua "$URL" >/dev/null
wrk -t2 -c"$CONNS" -d"${w}s" -s bench/se-exchange.lua "$URL" >/dev/null
wrk -t2 -c"$CONNS" -d"${w}s" -s bench/se-orgs.lua "$URL" >/dev/null

echo "== IROH tokens: POST /iroh/oauth2/token, $CONNS connections, ${DURATION}s"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/iroh-token.lua "$URL" | tee "$dir/iroh.txt"
echo "== Secure Endpoint exchange: POST /v3/access_tokens, $CONNS connections, ${DURATION}s"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/se-exchange.lua "$URL" | tee "$dir/exchange.txt"
echo "== GET /v3/organizations?size=10, 4 connections, ${DURATION}s"
wrk -t1 -c4 -d"${DURATION}s" --latency -s bench/se-orgs.lua "$URL" | tee "$dir/orgs.txt"
echo
echo "== summary"
rps() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
pct() { awk -v p="$2" '$1==p {print $2}' "$1"; }
printf "IROH tokens          : %s/s (Keycloak reference ~1200/s, target >= 2400/s)  p50 %s  p99 %s\n" "$(rps "$dir/iroh.txt")" "$(pct "$dir/iroh.txt" 50%)" "$(pct "$dir/iroh.txt" 99%)"
if [ -n "$ref" ] && [ "$ref" -gt 0 ]; then
  printf "IROH tokens per raw RSA signature of both cores: %s (1.0 = nothing but signing)\n" \
    "$(awk -v t="$(rps "$dir/iroh.txt")" -v r="$ref" 'BEGIN {printf "%.2f", t / (2 * r)}')"
fi
printf "SE token exchange    : %s/s  p50 %s  p99 %s\n" "$(rps "$dir/exchange.txt")" "$(pct "$dir/exchange.txt" 50%)" "$(pct "$dir/exchange.txt" 99%)"
printf "GET /v3/organizations: %s/s  p50 %s  p99 %s\n" "$(rps "$dir/orgs.txt")" "$(pct "$dir/orgs.txt" 50%)" "$(pct "$dir/orgs.txt" 99%)"
