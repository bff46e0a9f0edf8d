#!/usr/bin/env bash
# Identity and access benchmark. With 10,000 users in an org:
#  - GET .../users, first page and last page (keyset paging: the last may cost at most twice the first);
#  - GET .../users/{userId} with an API key token: peak req/s, and p99 at half that rate;
#  - the cost of deciding permissions at every request: GET .../users/{userId} against GET
#    /v1/organizations/{id} of the build before this change (REF, built from git in a scratch
#    directory), both measured in this run, one after the other (target: at most 15% slower).
# One command: bash bench/users.sh   (bounded: about eight minutes, loopback only, stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
REF="${REF:-e627ee0}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-45}"
CONNS="${CONNS:-16}"
PORT="${PORT:-18080}"
USERS="${USERS:-10000}"
. bench/lib.sh
URL="http://127.0.0.1:$PORT"
H="Host: api.security.localhost"

start() { # $1: directory of a checkout, $2: data directory
  (cd "$1" && ./secplane --data-dir="$2" --secplane.http.port="$PORT" --secplane.https.port=0 --logging.level.root=WARN) \
    > "$2.log" 2>&1 & server_pid=$!
  until [ -f "$2/bootstrap.json" ] && curl -s -o /dev/null "$URL/actuator/health"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$2.log"; exit 1; }
    sleep 0.05
  done
}
rps() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
pct() { awk -v p="$2" '$1==p {print $2}' "$1"; }
measure() { # $1: name, $2: path; peak rate into $dir/$1.txt
  GET_PATH="$2" wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/get.lua "$URL" > "$dir/$1.txt"
  grep -q "non-200 answers: 0" "$dir/$1.txt" || { echo "bench: $1 had non-200 answers"; cat "$dir/$1.txt"; exit 1; }
}

echo "== the reference: $REF, built from git in a scratch directory"
mkdir -p "$dir/ref" && git archive "$REF" | tar -x -C "$dir/ref"
(cd "$dir/ref" && ./secplane --prepare-only >/dev/null 2>&1)
start "$dir/ref" "$dir/ref-data"
export TOKEN; TOKEN=$(jq -r .accessToken "$dir/ref-data/bootstrap.json")
ORG=$(jq -r .orgId "$dir/ref-data/bootstrap.json")
GET_PATH="/v1/organizations/$ORG" wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s bench/get.lua "$URL" >/dev/null
measure ref-org "/v1/organizations/$ORG"
stop

echo "== this build: $USERS users"
./secplane --prepare-only >/dev/null 2>&1
start . "$dir/data"
ADMIN=$(jq -r .accessToken "$dir/data/bootstrap.json")
ORG=$(jq -r .orgId "$dir/data/bootstrap.json")
batch=500
for ((i = 0; i < USERS; i += batch)); do
  jq -nc --argjson from "$i" --argjson n "$batch" \
    '{users: [range($from; $from + $n) | {email: "user\(.)@bench.example", operation: "invite"}]}' > "$dir/batch.json"
  curl -sf -X PATCH -H "$H" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    --data @"$dir/batch.json" "$URL/v1/organizations/$ORG/users" | jq -e '[.results[] | select(.status != "success")] | length == 0' >/dev/null
done
# an API key made through the API (it acts for the administrator who made it)
TOKEN=$(curl -sf -X POST -H "$H" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"bench","roles":["00000000-0000-4000-8000-000000000002"]}' "$URL/v1/organizations/$ORG/apiKeys" | jq -r .access_token)
USER_ID=$(curl -sf -H "$H" -H "Authorization: Bearer $TOKEN" "$URL/v1/organizations/$ORG/users?max=1" | jq -r '.users[0].id')
# the last page's cursor, by walking the pages
cursor=""; pages=0; last_cursor=""
while :; do
  page=$(curl -sf -H "$H" -H "Authorization: Bearer $TOKEN" "$URL/v1/organizations/$ORG/users?max=100${cursor:+&cursor=$cursor}")
  pages=$((pages + 1))
  next=$(echo "$page" | jq -r '.cursor // empty')
  [ -z "$next" ] && break
  last_cursor=$next; cursor=$next
done
echo "   $pages pages of 100"

GET_PATH="/v1/organizations/$ORG/users/$USER_ID" wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s bench/get.lua "$URL" >/dev/null
measure user "/v1/organizations/$ORG/users/$USER_ID"
max=$(rps "$dir/user.txt"); half=$((max / 2)); delay=$((CONNS * 1000 / (half > 0 ? half : 1))); [ "$delay" -lt 1 ] && delay=1
GET_PATH="/v1/organizations/$ORG/users/$USER_ID" WRK_DELAY_MS=$delay wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency \
  -s bench/get.lua "$URL" > "$dir/user-half.txt"
measure org "/v1/organizations/$ORG"
measure first "/v1/organizations/$ORG/users?max=100"
measure last "/v1/organizations/$ORG/users?max=100&cursor=$last_cursor"
stop

first=$(rps "$dir/first.txt"); last=$(rps "$dir/last.txt"); ref=$(rps "$dir/ref-org.txt")
echo
echo "== summary ($USERS users, $CONNS connections, ${DURATION}s each)"
printf "GET users, first page      : %6s req/s  p50 %s  p99 %s\n" "$first" "$(pct "$dir/first.txt" 50%)" "$(pct "$dir/first.txt" 99%)"
printf "GET users, last page       : %6s req/s  p50 %s  p99 %s\n" "$last" "$(pct "$dir/last.txt" 50%)" "$(pct "$dir/last.txt" 99%)"
printf "  last page costs %s x the first (target <= 2)\n" "$(awk -v a="$first" -v b="$last" 'BEGIN {printf "%.2f", a / b}')"
printf "GET user, API key, peak    : %6s req/s  p50 %s  p99 %s\n" "$max" "$(pct "$dir/user.txt" 50%)" "$(pct "$dir/user.txt" 99%)"
printf "GET user at half rate      : %6s req/s  p50 %s  p99 %s\n" "$(rps "$dir/user-half.txt")" \
  "$(pct "$dir/user-half.txt" 50%)" "$(pct "$dir/user-half.txt" 99%)"
printf "GET org, this build        : %6s req/s  p99 %s\n" "$(rps "$dir/org.txt")" "$(pct "$dir/org.txt" 99%)"
printf "GET org, reference %s : %6s req/s  p99 %s\n" "$REF" "$ref" "$(pct "$dir/ref-org.txt" 99%)"
printf "  GET user / reference GET org = %s (target >= 0.85: permissions decided per request cost at most 15%%)\n" \
  "$(awk -v a="$max" -v b="$ref" 'BEGIN {printf "%.2f", a / b}')"
