#!/usr/bin/env bash
# Secplane beside Keycloak and two ceilings, each measured in this run on this machine, one server at
# a time, with the same load generator and settings (wrk, 2 threads, 16 keep-alive connections, on
# the same cores), each warmed at least 60 s and until its rate stops rising (the mean of its last three
# 10 s steps no more than 1.5% above the mean of the three before):
#  - client-credentials tokens: Secplane's IROH token endpoint against Keycloak's token endpoint;
#  - an authenticated GET of one user: Secplane's GET /v1/organizations/{orgId}/users/{userId} against
#    Keycloak's admin API GET /admin/realms/{realm}/users/{id};
#  - the ceilings: Secplane's JWKS (public, constant, the same server and connector), the JDK's own
#    minimal HTTP server (bench/JdkCeiling.java), and the machine's raw RSA-2048 signing rate (openssl);
#  - p99 at half the peak rate, startup to ready (a later start), resident memory after start and after
#    the whole benchmark; Secplane on JDK 17 and on JDK 25 when the machine has it.
# Prints a table of figures and same-run ratios and writes it to docs/performance.md.
# One command: bash bench/compare.sh   (about 25-30 minutes; loopback only; stops everything it started)
# As an A/B: BEFORE=<commit> bash bench/compare.sh also builds that commit and measures it the same way
# beside this checkout, on each JDK (each right before this build's run on the same JDK), and adds a
# table of after/before ratios (about 15 minutes more; a shorter warm-up, WARM_MIN=4, is fine for it).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
KC_VERSION="${KC_VERSION:-26.7.3}"
DURATION="${DURATION:-20}"      # the measured run of each figure, seconds
WARM_STEP="${WARM_STEP:-10}"    # warm-up runs of this many seconds ...
WARM_MIN="${WARM_MIN:-6}"       # ... at least this many (60 s) ...
WARM_MAX="${WARM_MAX:-30}"      # ... until the rate stops rising, at most this many (300 s: Keycloak's token
                                #     rate was still rising after 120 s)
CONNS="${CONNS:-16}"
SP_PORT=18080; KC_PORT=18180; CEIL_PORT=18280
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/secplane-bench"
# a JDK 25 beside the default one (where the default JDK is installed), unless JDK25 names one
jvms="$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")"
JDK25="${JDK25:-}"
if [ -z "$JDK25" ]; then
  for j in "$jvms"/*/; do
    case "$("${j}bin/java" -version 2>&1 | head -1 || true)" in *\"25*) JDK25="${j%/}" ;; esac
  done
fi
out="$dir/results.txt"; : > "$out"
kc_pid=""; ceil_pid=""
BEFORE="${BEFORE:-}"
trap 'stop; [ -n "$kc_pid" ] && kill "$kc_pid" 2>/dev/null; [ -n "$ceil_pid" ] && kill "$ceil_pid" 2>/dev/null; ./secplane stop --data-dir="$dir/sp" >/dev/null 2>&1 || true; [ -d "$dir/before" ] && { "$dir/before/secplane" stop --data-dir="$dir/sp" >/dev/null 2>&1 || true; git worktree remove --force "$dir/before" >/dev/null 2>&1 || true; }; rm -rf "$dir"' EXIT

say() { echo "$*" >&2; }
rps() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
record() { echo "$1=$2" >> "$out"; say "  $1 = $2"; }
get() { grep "^$1=" "$out" | tail -1 | cut -d= -f2; }
# a wrk latency (850.00us, 4.51ms, 1.02s) in milliseconds
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; print n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# wrk against $1 (base URL) with script $2 for $3 seconds into file $4 (environment as set by the caller)
load() { wrk -t2 -c"$CONNS" -d"$3s" --latency -s "$2" "$1" > "$4" 2>&1; }
# warm until the rate stops rising, then measure; the peak rate and p99 recorded under $1
peak() {
  local name=$1 url=$2 script=$3 now i steps="" rising=yes
  local -a r=()
  # warm at least WARM_MIN steps, then until the mean of the last three steps is no more than 1.5% above
  # the mean of the three before them: a rate still creeping up 2% a step keeps warming (single steps
  # vary by 3% here, a mean of three much less); the rates of the steps are recorded too
  for i in $(seq 1 "$WARM_MAX"); do
    load "$url" "$script" "$WARM_STEP" "$dir/$name-warm.txt"
    now=$(rps "$dir/$name-warm.txt")
    r+=("$now")
    steps="$steps${steps:+,}$now"
    if [ "$i" -ge "$WARM_MIN" ] && [ "$i" -ge 6 ]; then
      local newer=$(( r[i-1] + r[i-2] + r[i-3] )) older=$(( r[i-4] + r[i-5] + r[i-6] ))
      if [ $((newer * 1000)) -le $((older * 1015)) ]; then rising=no; break; fi
    fi
  done
  record "$name.warm" "$steps"
  # a rate still rising when the cap ended the warm-up is a floor, not a peak: said in the figures
  [ "$rising" = no ] || record "$name.warm.ended.rising" yes
  load "$url" "$script" "$DURATION" "$dir/$name.txt"
  grep -q "non-2..\? answers: 0" "$dir/$name.txt" || grep -q "non-200 answers: 0" "$dir/$name.txt" \
    || { cat "$dir/$name.txt" >&2; say "bench: $name had errors"; exit 1; }
  record "$name.rps" "$(rps "$dir/$name.txt")"
  record "$name.p99" "$(p99 "$dir/$name.txt")"
}
# p99 at half of the peak rate just measured (wrk paced per connection)
half() {
  local name=$1 url=$2 script=$3 max delay
  max=$(get "$name.rps"); delay=$((CONNS * 1000 / (max / 2 > 0 ? max / 2 : 1))); [ "$delay" -lt 1 ] && delay=1
  WRK_DELAY_MS=$delay load "$url" "$script" "$DURATION" "$dir/$name-half.txt"
  record "$name.half.rps" "$(rps "$dir/$name-half.txt")"
  record "$name.half.p99" "$(p99 "$dir/$name-half.txt")"
}

say "== the machine's raw RSA-2048 signing rate, both cores (openssl speed)"
record openssl.sign "$(openssl speed -seconds 5 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048/ {v=$6} END {print int(v)}')"

say "== the JDK's minimal HTTP server (the machine's HTTP ceiling)"
java bench/JdkCeiling.java "$CEIL_PORT" > "$dir/ceiling.log" 2>&1 & ceil_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$CEIL_PORT/"; do sleep 0.1; done
GET_PATH=/ TOKEN= GET_HOST=localhost peak ceiling "http://127.0.0.1:$CEIL_PORT" bench/get.lua
# the same server sent a request of the size of an authenticated GET (a bearer header of the length of
# Secplane's access tokens, which it ignores): what reading that request costs any server here
same_size=$(head -c 720 /dev/urandom | base64 -w0 | tr '+/' '-_')
GET_PATH=/ TOKEN=$same_size GET_HOST=localhost peak ceiling.token "http://127.0.0.1:$CEIL_PORT" bench/get.lua
kill "$ceil_pid"; wait "$ceil_pid" 2>/dev/null || true; ceil_pid=""

secplane() { # $1: label, $2: JAVA_HOME or empty for the default java, $3: the checkout (default: this one)
  local label=$1 jh=$2 path=$PATH t0 t1 pid sp="${3:-.}/secplane"
  [ -n "$jh" ] && path="$jh/bin:$PATH"
  say "== Secplane on $label"
  rm -rf "$dir/sp"
  # the hourly limits of the token endpoints out of the way: the bench measures the server, not its limits
  PATH="$path" "$sp" start --demo --data-dir="$dir/sp" --secplane.http.port=$SP_PORT --secplane.https.port=0 \
    --secplane.rate-limits.iroh-per-org-per-hour=1000000000 --logging.level.root=WARN >/dev/null
  pid=$(jq -r .pid "$dir/sp/server.json")
  sleep 2; record "$label.rss.start" "$(rss "$pid")"
  local org token client secret user
  org=$(jq -r .orgId "$dir/sp/bootstrap.json"); token=$(jq -r .accessToken "$dir/sp/bootstrap.json")
  client=$(jq -r .xdrClientId "$dir/sp/bootstrap.json"); secret=$(jq -r .xdrClientPassword "$dir/sp/bootstrap.json")
  user=$(curl -s -H "Host: api.security.localhost" -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$SP_PORT/v1/organizations/$org/users" | jq -r '.users[0].id')
  local url="http://127.0.0.1:$SP_PORT"
  GET_PATH=/.well-known/jwks.json TOKEN= peak "$label.jwks" "$url" bench/get.lua
  CLIENT_ID=$client CLIENT_SECRET=$secret peak "$label.token" "$url" bench/iroh-token.lua
  GET_PATH=/v1/organizations/$org/users/$user TOKEN=$token peak "$label.user" "$url" bench/get.lua
  GET_PATH=/v1/organizations/$org/users/$user TOKEN=$token half "$label.user" "$url" bench/get.lua
  GET_PATH=/v1/organizations/$org TOKEN=$token peak "$label.org" "$url" bench/get.lua
  record "$label.rss.end" "$(rss "$pid")"
  PATH="$path" "$sp" stop --data-dir="$dir/sp" >/dev/null
  # a later start: the data directory exists, the fast-start copy too; five starts, the median
  # (a single start on these machines varies by half a second from one to the next)
  local starts=""
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N)
    PATH="$path" "$sp" start --data-dir="$dir/sp" --secplane.http.port=$SP_PORT --secplane.https.port=0 \
      --logging.level.root=WARN >/dev/null
    t1=$(date +%s%N)
    starts="$starts $(( (t1 - t0) / 1000000 ))"
    PATH="$path" "$sp" stop --data-dir="$dir/sp" >/dev/null
  done
  record "$label.startup.ms" "$(echo $starts | tr ' ' '\n' | sort -n | sed -n 3p)"
  record "$label.startup.all" "$(echo $starts | tr ' ' ',')"
}
./secplane --prepare-only >/dev/null
if [ -n "$BEFORE" ]; then
  record before.commit "$(git rev-parse --short "$BEFORE")"
  git worktree add -q --detach "$dir/before" "$BEFORE"
  "$dir/before/secplane" --prepare-only >/dev/null
  [ -n "$JDK25" ] && PATH="$JDK25/bin:$PATH" "$dir/before/secplane" --prepare-only >/dev/null
  secplane before17 "" "$dir/before"
fi
secplane jdk17 ""
if [ -n "$JDK25" ] && [ -x "$JDK25/bin/java" ]; then
  [ -n "$BEFORE" ] && secplane before25 "$JDK25" "$dir/before"
  secplane jdk25 "$JDK25"
fi

say "== Keycloak $KC_VERSION (production mode, embedded database, local cache), on JDK 25"
mkdir -p "$CACHE"
zip="$CACHE/keycloak-quarkus-dist-$KC_VERSION.zip"
if [ ! -f "$zip" ]; then
  say "bench: fetching Keycloak $KC_VERSION from Maven Central (once)"
  mvn -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$CACHE" \
    -Dmdep.stripVersion=false >/dev/null
fi
(cd "$dir" && unzip -q "$zip")
kc="$dir/keycloak-$KC_VERSION"
# throwaway credentials of this run's Keycloak, made now
kc_admin_pw=$(openssl rand -hex 16); kc_client_secret=$(openssl rand -hex 16)
kc_java="${JDK25:-}"; [ -z "$kc_java" ] && kc_java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
kc_start() {
  JAVA_HOME="$kc_java" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$kc_admin_pw" \
    "$kc/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 --http-port=$KC_PORT \
    --hostname-strict=false > "$dir/kc.log" 2>&1 & kc_pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$KC_PORT/realms/master"; do
    kill -0 "$kc_pid" 2>/dev/null || { tail -30 "$dir/kc.log" >&2; say "bench: Keycloak did not start"; exit 1; }
    sleep 0.2
  done
}
JAVA_HOME="$kc_java" "$kc/bin/kc.sh" build --db=dev-file --cache=local > "$dir/kc-build.log" 2>&1 \
  || { tail -30 "$dir/kc-build.log" >&2; exit 1; }
kc_start
record keycloak.rss.start "$(rss "$(pgrep -f "kc.home.dir=$kc" | head -1)")"
K="http://127.0.0.1:$KC_PORT"
admin_token() {
  curl -s "$K/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    -d username=admin -d password="$kc_admin_pw" | jq -r .access_token
}
at=$(admin_token)
# the admin token lives an hour for the run; a realm with one confidential client and one user
curl -sf -X PUT "$K/admin/realms/master" -H "Authorization: Bearer $at" -H 'Content-Type: application/json' \
  -d '{"accessTokenLifespan": 3600}'
at=$(admin_token)
curl -sf -X POST "$K/admin/realms" -H "Authorization: Bearer $at" -H 'Content-Type: application/json' \
  -d '{"realm":"bench","enabled":true}'
curl -sf -X POST "$K/admin/realms/bench/clients" -H "Authorization: Bearer $at" -H 'Content-Type: application/json' \
  -d '{"clientId":"bench","secret":"'"$kc_client_secret"'","publicClient":false,"serviceAccountsEnabled":true,"standardFlowEnabled":false,"directAccessGrantsEnabled":false}'
curl -sf -X POST "$K/admin/realms/bench/users" -H "Authorization: Bearer $at" -H 'Content-Type: application/json' \
  -d '{"username":"alice","email":"alice@example.com","firstName":"Alice","lastName":"Bench","enabled":true}'
kuser=$(curl -s "$K/admin/realms/bench/users?username=alice" -H "Authorization: Bearer $at" | jq -r '.[0].id')
CLIENT_ID=bench CLIENT_SECRET=$kc_client_secret TOKEN_PATH=/realms/bench/protocol/openid-connect/token \
  IROH_HOST="127.0.0.1:$KC_PORT" peak keycloak.token "$K" bench/iroh-token.lua
GET_PATH=/admin/realms/bench/users/$kuser TOKEN=$at GET_HOST="127.0.0.1:$KC_PORT" peak keycloak.user "$K" bench/get.lua
record keycloak.rss.end "$(rss "$(pgrep -f "kc.home.dir=$kc" | head -1)")"
kill "$kc_pid"; wait "$kc_pid" 2>/dev/null || true
t0=$(date +%s%N); kc_start; t1=$(date +%s%N)
record keycloak.startup.ms "$(( (t1 - t0) / 1000000 ))"
kill "$kc_pid"; wait "$kc_pid" 2>/dev/null || true; kc_pid=""

# the table: figures and same-run ratios, for each JDK Secplane ran on
report() {
  local l=$1
  cat <<TABLE
### Secplane on ${l/jdk/JDK } (this run)

| figure | Secplane | reference | ratio | target |
|---|---:|---:|---:|---|
| client-credentials tokens/s | $(get $l.token.rps) | Keycloak $(get keycloak.token.rps) | $(ratio "$(get $l.token.rps)" "$(get keycloak.token.rps)")x | >= 4x |
| tokens/s against raw RSA-2048 signing/s | $(get $l.token.rps) | openssl $(get openssl.sign) | $(ratio "$(get $l.token.rps)" "$(get openssl.sign)") | >= 0.5 |
| authenticated GET of a user /s | $(get $l.user.rps) | Keycloak $(get keycloak.user.rps) | $(ratio "$(get $l.user.rps)" "$(get keycloak.user.rps)")x | >= 5x |
| authenticated GET of a user /s | $(get $l.user.rps) | JDK HTTP server $(get ceiling.rps) | $(ratio "$(get $l.user.rps)" "$(get ceiling.rps)") | >= 0.55 |
| authenticated GET of a user /s | $(get $l.user.rps) | JDK HTTP server sent the same size of request $(get ceiling.token.rps) | $(ratio "$(get $l.user.rps)" "$(get ceiling.token.rps)") | |
| GET of an organization /s | $(get $l.org.rps) | JDK HTTP server $(get ceiling.rps) | $(ratio "$(get $l.org.rps)" "$(get ceiling.rps)") | |
| JWKS (public, constant: the stack's own ceiling) /s | $(get $l.jwks.rps) | JDK HTTP server $(get ceiling.rps) | $(ratio "$(get $l.jwks.rps)" "$(get ceiling.rps)") | |
| p99 of GET user at half the peak ($(get $l.user.half.rps)/s) | $(get $l.user.half.p99) | | | < 5 ms |
| startup to ready, a later start (median of 5) | $(get $l.startup.ms) ms | Keycloak $(get keycloak.startup.ms) ms | | < 3 s |
| resident memory after start | $(get $l.rss.start) MB | Keycloak $(get keycloak.rss.start) MB | | < 250 MB |
| resident memory after the benchmark | $(get $l.rss.end) MB | Keycloak $(get keycloak.rss.end) MB | | < 400 MB |

TABLE
}
# JDK 25 (virtual threads) against JDK 17 (platform threads) at saturation, the same build, this run
tail_report() {
  cat <<TABLE
### The tail at saturation, JDK 25 against JDK 17 (this run, 16 connections flat out)

| p99 | JDK 17 | JDK 25 | ratio | target |
|---|---:|---:|---:|---|
| GET of a user | $(get jdk17.user.p99) | $(get jdk25.user.p99) | $(ratio "$(ms "$(get jdk25.user.p99)")" "$(ms "$(get jdk17.user.p99)")") | <= 1 |
| GET of an organization | $(get jdk17.org.p99) | $(get jdk25.org.p99) | $(ratio "$(ms "$(get jdk25.org.p99)")" "$(ms "$(get jdk17.org.p99)")") | <= 1 |
| client-credentials token | $(get jdk17.token.p99) | $(get jdk25.token.p99) | $(ratio "$(ms "$(get jdk25.token.p99)")" "$(ms "$(get jdk17.token.p99)")") | <= 1 |

TABLE
}
# this build against the commit BEFORE names, on each JDK, this run
ab_report() {
  local b a
  echo "### This build against $(get before.commit) (this run, each JDK's two runs one after the other)"
  echo
  echo "| figure | JDK | before | after | after / before | target |"
  echo "|---|---|---:|---:|---:|---|"
  for j in 17 25; do
    grep -q "^before$j.token.rps=" "$out" || continue
    b=before$j; a=jdk$j
    for f in token user org jwks; do
      echo "| $f /s | $j | $(get $b.$f.rps) | $(get $a.$f.rps) | $(ratio "$(get $a.$f.rps)" "$(get $b.$f.rps)") | >= 0.95 |"
    done
    for f in token user org; do
      echo "| $f p99 at saturation | $j | $(get $b.$f.p99) | $(get $a.$f.p99) | $(ratio "$(ms "$(get $a.$f.p99)")" "$(ms "$(get $b.$f.p99)")") | |"
    done
    echo "| p99 of GET user at half the peak | $j | $(get $b.user.half.p99) | $(get $a.user.half.p99) | $(ratio "$(ms "$(get $a.user.half.p99)")" "$(ms "$(get $b.user.half.p99)")") | |"
    echo "| later start, median of 5 (ms) | $j | $(get $b.startup.ms) | $(get $a.startup.ms) | $(ratio "$(get $a.startup.ms)" "$(get $b.startup.ms)") | <= 1.05 |"
    echo "| memory after start (MB) | $j | $(get $b.rss.start) | $(get $a.rss.start) | $(ratio "$(get $a.rss.start)" "$(get $b.rss.start)") | |"
    echo "| memory after the benchmark (MB) | $j | $(get $b.rss.end) | $(get $a.rss.end) | $(ratio "$(get $a.rss.end)" "$(get $b.rss.end)") | |"
  done
  echo
}
{
  echo "# Performance"
  echo
  echo "Written by \`bash bench/compare.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; wrk -t2 -c$CONNS on the same cores;"
  echo "each server alone, warmed at least $((WARM_MIN * WARM_STEP)) s and until its rate stopped rising, then ${DURATION} s"
  echo "measured; the rates of the warm-up steps are among the raw figures). Only the ratios"
  echo "within one run mean anything: these machines differ from day to day by up to 3x."
  echo
  report jdk17
  grep -q '^jdk25.token.rps=' "$out" && report jdk25
  grep -q '^jdk25.token.rps=' "$out" && tail_report
  grep -q '^before17.token.rps=' "$out" && ab_report
  echo "Raw figures of the run:"
  echo
  echo '```'
  cat "$out"
  echo '```'
  # the other benchmarks' sections, written by hand from their own commands, are kept as they are
  if [ -f docs/performance.md ] && grep -q '^## Other benchmarks' docs/performance.md; then
    echo
    sed -n '/^## Other benchmarks/,$p' docs/performance.md
  fi
} > "$dir/performance.md"
cat "$dir/performance.md"
mkdir -p docs && cp "$dir/performance.md" docs/performance.md
say "bench: written to docs/performance.md"
