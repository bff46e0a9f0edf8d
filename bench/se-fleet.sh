#!/usr/bin/env bash
# The Secure Endpoint fleet benchmark: on a fresh PostgreSQL (the embedded one the tests use, on
# loopback), 1,000 organizations, one of them with 100,000 computers in 1,000 groups: the computers'
# first page and the page at start=50000, a hostname search and a group's computers, each asked
# 1,000 times by one client, in turn with GET /v3/organizations as the reference: p50/p99, the p99
# of each against the reference's (target <= 3) and the deep page against the first (target <= 2).
# One command: bash bench/se-fleet.sh   (bounded: a few minutes; loopback only; stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -q -B -ntp test -Dtest=FleetBenchmark -Dsecplane.bench=se-fleet \
    -Dsurefire.failIfNoSpecifiedTests=false ${SECPLANE_BENCH_ARGS:-} > "$log" 2>&1; then
  tail -40 "$log"
  echo "bench: failed"
  exit 1
fi
grep '^bench:' "$log"
