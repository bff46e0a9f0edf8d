#!/usr/bin/env bash
# Starts the built server on loopback with a fresh data directory, runs the getting-started steps
# 2-4 with curl over HTTPS (the generated CA, the real host name), checks the answers, and stops.
set -euo pipefail
jar="${1:-target/secplane.jar}"
port="${SMOKE_PORT:-18443}"
dir=$(mktemp -d)
java -jar "$jar" --demo --data-dir="$dir" --secplane.https.port="$port" --secplane.http.enabled=false \
    > "$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
start=$(date +%s%N)
for _ in $(seq 1 120); do
  if [ -f "$dir/bootstrap.json" ] && curl -s -o /dev/null --cacert "$dir/tls/ca.pem" "https://localhost:$port/actuator/health"; then
    break
  fi
  kill -0 $pid 2>/dev/null || { cat "$dir/server.log"; echo "smoke: the server exited"; exit 1; }
  sleep 0.25
done
echo "smoke: ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"
token=$(jq -r .accessToken "$dir/bootstrap.json")
org=550e8400-e29b-41d4-a716-446655440003
curlx() { curl -sS --fail-with-body --max-time 10 --cacert "$dir/tls/ca.pem" --resolve "api.security.localhost:$port:127.0.0.1" "$@"; }

out=$(curlx --location "https://api.security.localhost:$port/v1/organizations" --header "Authorization: Bearer $token")
echo "step 2: $out"
[ "$(echo "$out" | jq -r '.organizations[0].id')" = "$org" ]

out=$(curlx -L --request GET --url "https://api.security.localhost:$port/v1/organizations/$org" --header "Authorization: Bearer $token")
echo "step 3: $out"
[ "$(echo "$out" | jq -r '.name + " " + .regionCode + " " + .created')" = "Acme Corp NAM 2025-10-10T10:15:30Z" ]

out=$(curlx -L --request POST --url "https://api.security.localhost:$port/v1/organizations/$org/adminGroups" \
  --header 'Content-Type: application/json' --header 'Accept: application/json' --header "Authorization: Bearer $token" \
  --data '{"name": "Engineering_Team", "description": "Engineering department group", "appliesTo": "all"}')
echo "step 4: $out"
[ "$(echo "$out" | jq -r '.type + " " + .appliesTo + " " + .orgId')" = "Federated all $org" ]
echo "smoke: passed"
