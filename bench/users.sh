#!/usr/bin/env bash
# Identity and access benchmark. With 10,000 users in an org:
#  - GET .../users, first page and last page (keyset paging: the last may cost at most twice the first);
#  - GET .../users/{userId} with an API key token: peak req/s, and p99 at half that rate;
#  - the cost of deciding permissions at every request: GET .../users/{userId} against GET
#    /v1/organizations/{id} of the build before this change (REF, built from git in a scratch
#    directory). Both servers run side by side; the two are measured in turns, ROUNDS times, and
#    the best of each is compared (target: at most 15% slower), so that a drift of the machine's
#    speed during the run touches both.
# One command: bash bench/users.sh   (bounded: about ten minutes, loopback only, stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
REF="${REF:-e627ee0}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-45}"
CONNS="${CONNS:-16}"
PORT="${PORT:-18080}"
REF_PORT="${REF_PORT:-18090}"
USERS="${USERS:-10000}"
ROUNDS="${ROUNDS:-3}"
. bench/lib.sh
URL="http://127.0.0.1:$PORT"
REF_URL="http://127.0.0.1:$REF_PORT"
H="Host: api.security.localhost"
export TOKEN GET_PATH
ref_pid=""
trap 'stop; [ -n "$ref_pid" ] && kill "$ref_pid" 2>/dev/null; rm -rf "$dir"' EXIT

start() { # $1: directory of a checkout, $2: data directory, $3: port; the pid in $started
  (cd "$1" && ./secplane --data-dir="$2" --secplane.http.port="$3" --secplane.https.port=0 --logging.level.root=WARN) \
    > "$2.log" 2>&1 & started=$!
  until [ -f "$2/bootstrap.json" ] && curl -s -o /dev/null "http://127.0.0.1:$3/actuator/health"; do
    kill -0 "$started" 2>/dev/null || { cat "$2.log"; exit 1; }
    sleep 0.05
  done
}
rps() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
pct() { awk -v p="$2" '$1==p {print $2}' "$1"; }
measure() { # $1: name, $2: path, $3: base URL (this build's by default); peak rate into $dir/$1.txt
  GET_PATH="$2" wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/get.lua "${3:-$URL}" > "$dir/$1.txt"
  grep -q "non-200 answers: 0" "$dir/$1.txt" || { echo "bench: $1 had non-200 answers"; cat "$dir/$1.txt"; exit 1; }
}

echo "== the reference: $REF, built from git in a scratch directory"
mkdir -p "$dir/ref" && git archive "$REF" | tar -x -C "$dir/ref"
(cd "$dir/ref" && ./secplane --prepare-only >/dev/null 2>&1)
start "$dir/ref" "$dir/ref-data" "$REF_PORT"; ref_pid=$started
REF_TOKEN=$(jq -r .accessToken "$dir/ref-data/bootstrap.json")
REF_ORG=$(jq -r .orgId "$dir/ref-data/bootstrap.json")

echo "== this build: $USERS users"
./secplane --prepare-only >/dev/null 2>&1
start . "$dir/data" "$PORT"; server_pid=$started
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
# the cursor of the last full page, by walking the pages
cursor=""; pages=0; last_cursor=""
while :; do
  page=$(curl -sf -H "$H" -H "Authorization: Bearer $TOKEN" "$URL/v1/organizations/$ORG/users?max=100${cursor:+&cursor=$cursor}")
  pages=$((pages + 1))
  [ "$(echo "$page" | jq '.users | length')" = 100 ] && [ -n "$cursor" ] && last_cursor=$cursor
  next=$(echo "$page" | jq -r '.cursor // empty')
  [ -z "$next" ] && break
  cursor=$next
done
echo "   $pages pages of up to 100; the last full one is measured"

echo "== warm-up, both servers (${WARMUP}s each)"
GET_PATH="/v1/organizations/$REF_ORG" TOKEN="$REF_TOKEN" wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s bench/get.lua "$REF_URL" >/dev/null
GET_PATH="/v1/organizations/$ORG/users/$USER_ID" wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s bench/get.lua "$URL" >/dev/null
best_user=0; best_ref=0
for ((r = 1; r <= ROUNDS; r++)); do
  TOKEN="$REF_TOKEN" measure "ref-org-$r" "/v1/organizations/$REF_ORG" "$REF_URL"
  measure "user-$r" "/v1/organizations/$ORG/users/$USER_ID"
  echo "   round $r: reference GET org $(rps "$dir/ref-org-$r.txt") req/s, GET user $(rps "$dir/user-$r.txt") req/s"
  [ "$(rps "$dir/ref-org-$r.txt")" -gt "$best_ref" ] && { best_ref=$(rps "$dir/ref-org-$r.txt"); cp "$dir/ref-org-$r.txt" "$dir/ref-org.txt"; }
  [ "$(rps "$dir/user-$r.txt")" -gt "$best_user" ] && { best_user=$(rps "$dir/user-$r.txt"); cp "$dir/user-$r.txt" "$dir/user.txt"; }
done
kill "$ref_pid" 2>/dev/null; wait "$ref_pid" 2>/dev/null || true; ref_pid=""
max=$best_user; half=$((max / 2)); delay=$((CONNS * 1000 / (half > 0 ? half : 1))); [ "$delay" -lt 1 ] && delay=1
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
printf "GET users, last full page  : %6s req/s  p50 %s  p99 %s\n" "$last" "$(pct "$dir/last.txt" 50%)" "$(pct "$dir/last.txt" 99%)"
printf "  last page costs %s x the first (target <= 2)\n" "$(awk -v a="$first" -v b="$last" 'BEGIN {printf "%.2f", a / b}')"
printf "GET user, API key, peak    : %6s req/s (best of $ROUNDS)  p50 %s  p99 %s\n" "$max" "$(pct "$dir/user.txt" 50%)" "$(pct "$dir/user.txt" 99%)"
printf "GET user at half rate      : %6s req/s  p50 %s  p99 %s\n" "$(rps "$dir/user-half.txt")" \
  "$(pct "$dir/user-half.txt" 50%)" "$(pct "$dir/user-half.txt" 99%)"
printf "GET org, this build        : %6s req/s  p99 %s\n" "$(rps "$dir/org.txt")" "$(pct "$dir/org.txt" 99%)"
printf "GET org, reference %s : %6s req/s (best of $ROUNDS)  p99 %s\n" "$REF" "$ref" "$(pct "$dir/ref-org.txt" 99%)"
printf "  GET user / reference GET org = %s (target >= 0.85: permissions decided per request cost at most 15%%)\n" \
  "$(awk -v a="$max" -v b="$ref" 'BEGIN {printf "%.2f", a / b}')"
