#!/usr/bin/env bash
# This checkout's answers against another commit's, request for request: both builds started with the
# demo data, each sent the same requests generated from the contracts (bench/Differential.java: every
# operation of the SCC, operator, XDR and Secure Endpoint APIs with a valid, a missing and a forged
# credential, a malformed id, an empty, a malformed and a wrong body, a conditional request and an Accept
# no operation answers), the answers compared with what differs by nature put aside (ids made, times,
# tokens, tracking ids). For a change to the request path: it must answer as before.
# One command: bash bench/differential.sh [commit]   (the commit defaults to HEAD~1; a few minutes;
# loopback only; stops everything it started; exits 1 when an answer differs)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BASE="${1:-HEAD~1}"
base_sha=$(git rev-parse --short "$BASE")
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; git worktree remove --force "$dir/a" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
echo "== building $base_sha (before) and this checkout (after)"
git worktree add -q --detach "$dir/a" "$BASE"
(cd "$dir/a" && ./mvnw -q -B -ntp -DskipTests package >/dev/null)
./mvnw -q -B -ntp -DskipTests package >/dev/null
./secplane --prepare-only >/dev/null
start() { # $1: jar, $2: port, $3: data directory
  java -jar "$1" --demo --data-dir="$3" --secplane.http.port="$2" --secplane.https.enabled=false --management.server.port=0 \
      --logging.level.root=WARN --secplane.rate-limits.iroh-per-org-per-hour=1000000000 \
      --secplane.rate-limits.secure-endpoint-per-client-per-hour=1000000000 > "$3.log" 2>&1 & pids+=($!)
  until [ -f "$3/bootstrap.json" ] && curl -s -o /dev/null "http://127.0.0.1:$2/.well-known/jwks.json"; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$3.log"; exit 1; }
    sleep 0.2
  done
}
start "$dir/a/target/secplane.jar" 18111 "$dir/before"
start target/secplane.jar 18112 "$dir/after"
java -Djdk.httpclient.allowRestrictedHeaders=host -cp "target/run/lib/*" bench/Differential.java \
    http://127.0.0.1:18111 "$dir/before" http://127.0.0.1:18112 "$dir/after" contract
