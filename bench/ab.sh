#!/usr/bin/env bash
# A/B: this checkout's build (B) against the build of an earlier commit (A), in the same run on this
# machine, one server at a time, in the order A B B A (A B B A A B ... for more rounds) so that a
# machine that speeds up or slows down during the run weighs on both alike. For each: the IROH client-credentials token, an authenticated
# GET of one user with an API key, GET of an org, and the Secure Endpoint token exchange, each warmed
# WARM seconds and measured DURATION seconds with wrk (2 threads, 16 keep-alive connections).
# Prints each rate and the ratio B / A of the sums over the rounds.
# One command: bash bench/ab.sh [commit]   (the commit defaults to HEAD~1; about 12 minutes with the
# defaults; loopback only; stops everything it started)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BASE="${1:-HEAD~1}"
WARM="${WARM:-20}"; DURATION="${DURATION:-15}"; ROUNDS="${ROUNDS:-2}"; CONNS="${CONNS:-16}"; PORT="${PORT:-18090}"
command -v wrk >/dev/null || { echo "ab: installing wrk"; sudo apt-get install -y -qq wrk >/dev/null; }
base_sha=$(git rev-parse --short "$BASE")
trap 'stop; git worktree remove --force "$dir/a" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT

echo "== building A ($base_sha) and B (this checkout)"
git worktree add -q --detach "$dir/a" "$BASE"
(cd "$dir/a" && ./mvnw -q -B -ntp -DskipTests package >/dev/null)
./mvnw -q -B -ntp -DskipTests package >/dev/null
cp "$dir/a/target/secplane.jar" "$dir/A.jar"; cp target/secplane.jar "$dir/B.jar"

rps() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
run() { # $1: A or B, $2: round
  local data="$dir/data-$1-$2" url="http://127.0.0.1:$PORT"
  java -jar "$dir/$1.jar" --demo --data-dir="$data" --secplane.http.port="$PORT" --secplane.https.enabled=false \
      --logging.level.root=WARN --secplane.rate-limits.iroh-per-org-per-hour=1000000000 \
      --secplane.rate-limits.secure-endpoint-per-client-per-hour=1000000000 > "$dir/server-$1-$2.log" 2>&1 & server_pid=$!
  until [ -f "$data/bootstrap.json" ] && curl -s -o /dev/null "$url/actuator/health"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server-$1-$2.log"; exit 1; }
    sleep 0.1
  done
  local org token user
  org=$(jq -r .orgId "$data/bootstrap.json"); token=$(jq -r .accessToken "$data/bootstrap.json")
  export CLIENT_ID CLIENT_SECRET IROH_TOKEN GET_PATH TOKEN
  CLIENT_ID=$(jq -r .xdrClientId "$data/bootstrap.json"); CLIENT_SECRET=$(jq -r .xdrClientPassword "$data/bootstrap.json")
  IROH_TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -H 'Host: visibility.amp.localhost' -d grant_type=client_credentials \
      "$url/iroh/oauth2/token" | jq -r .access_token)
  user=$(curl -s -H "Host: api.security.localhost" -H "Authorization: Bearer $token" "$url/v1/organizations/$org/users" \
      | jq -r '.users[0].id')
  TOKEN=$token
  for what in token user org exchange; do
    local script
    case $what in
      token) script=bench/iroh-token.lua ;;
      user) script=bench/get.lua; GET_PATH=/v1/organizations/$org/users/$user ;;
      org) script=bench/get.lua; GET_PATH=/v1/organizations/$org ;;
      exchange) script=bench/se-exchange.lua ;;
    esac
    wrk -t2 -c"$CONNS" -d"${WARM}s" -s "$script" "$url" > /dev/null 2>&1
    wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$script" "$url" > "$dir/$1-$2-$what.txt" 2>&1
    grep -q "answers: 0" "$dir/$1-$2-$what.txt" || { cat "$dir/$1-$2-$what.txt"; echo "ab: $1 $what had errors"; exit 1; }
    echo "$1 round $2 $what $(rps "$dir/$1-$2-$what.txt")/s"
    echo "$1 $what $(rps "$dir/$1-$2-$what.txt")" >> "$dir/rates.txt"
  done
  stop
}
for round in $(seq 1 "$ROUNDS"); do
  # A B, then B A: whichever runs second in a round (a warmer machine, or a throttled one) is each in turn
  if [ $((round % 2)) -eq 1 ]; then run A "$round"; run B "$round"; else run B "$round"; run A "$round"; fi
done
echo "== B ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with changes')) / A ($base_sha), sums over $ROUNDS rounds"
for what in token user org exchange; do
  awk -v w="$what" '$2 == w { s[$1] += $3 } END { printf "%-9s A %8d/s  B %8d/s  B/A %.3f\n", w, s["A"], s["B"], s["B"] / s["A"] }' "$dir/rates.txt"
done
