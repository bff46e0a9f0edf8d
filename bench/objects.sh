#!/usr/bin/env bash
# The common-objects benchmark: about 1,000,000 objects across 1,000 orgs on a fresh PostgreSQL (the
# embedded one the tests use, on loopback), then the first page, the page at offset 10,000, a filtered
# search and an address-containment search, each answered 2,000 times by one client: p50, p99, and
# the deep page's cost against the first page's, from the same run.
# One command: bash bench/objects.sh   (bounded: a few minutes; loopback only; stops by itself)
# Smaller: SECPLANE_BENCH_ARGS="-Dsecplane.bench.big=20000 -Dsecplane.bench.each=100" bash bench/objects.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -q -B -ntp test -Dtest=ObjectsBenchmark -Dsecplane.bench=objects -Dsurefire.failIfNoSpecifiedTests=false \
    ${SECPLANE_BENCH_ARGS:-} > "$log" 2>&1; then
  tail -40 "$log"
  echo "bench: failed"
  exit 1
fi
grep '^bench:' "$log"
