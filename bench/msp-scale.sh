#!/usr/bin/env bash
# Reach at the scale of a managed service provider (issue 26): on a fresh PostgreSQL (the embedded one
# the tests use, on loopback), 100,000 organizations, one managing 20,000, admin groups of each
# appliesTo, 1,000,000 users, 10,000,000 audit records. Each caller of the managing org and a
# standalone org's administrator ask in turn for: the orgs' first and last page, one org, an org's
# users, the audit log by actor; warm and cold. Prints p50/p99 and ratios against the standalone
# caller's same call (target <= 3), last page / first (target <= 2), a late group member's reach and
# the cost of the 20,001st managed org against a new manager's first (target <= 2).
# One command: bash bench/msp-scale.sh   (bounded: about a quarter of an hour; loopback only)
# Smaller: SECPLANE_BENCH_ARGS="-Dsecplane.bench.orgs=10000 -Dsecplane.bench.audit=1000000" bash bench/msp-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -q -B -ntp test -Dtest=MspScaleBenchmark -Dsecplane.bench=msp-scale \
    -Dsurefire.failIfNoSpecifiedTests=false ${SECPLANE_BENCH_ARGS:-} > "$log" 2>&1; then
  tail -40 "$log"
  echo "bench: failed"
  exit 1
fi
grep '^bench:' "$log"
