#!/usr/bin/env bash
# The state benchmark: on H2 and on PostgreSQL (the embedded one the tests use, on loopback), the
# first start of an empty server, then with 10,000 objects and 1,000 users present a snapshot saved,
# a reset and a restore through the operator API, each as a ratio to that first start (same run).
# One command: bash bench/state.sh   (a few minutes; loopback only; stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -q -B -ntp test -Dtest=StateBenchmark -Dsecplane.bench=state -Dsurefire.failIfNoSpecifiedTests=false \
    ${SECPLANE_BENCH_ARGS:-} > "$log" 2>&1; then
  tail -40 "$log"
  echo "bench: failed"
  exit 1
fi
grep '^bench:' "$log"
