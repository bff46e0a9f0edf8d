#!/usr/bin/env bash
# The Secure Endpoint configuration benchmark: on a fresh PostgreSQL (the embedded one the tests use,
# on loopback), an exclusion set of 10,000 exclusions paged through and the XML of a policy carrying
# 50 sets of 200 exclusions, each asked 1,000 times by one client, in turn with GET /v3/organizations
# as the reference: p50/p99, the p99 of each against the reference's (target <= 3) and the last page
# against the first (target <= 2), all from the same run.
# One command: bash bench/se-config.sh   (bounded: a minute or two; loopback only; stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -q -B -ntp test -Dtest=SecureEndpointConfigurationBenchmark -Dsecplane.bench=se-config \
    -Dsurefire.failIfNoSpecifiedTests=false ${SECPLANE_BENCH_ARGS:-} > "$log" 2>&1; then
  tail -40 "$log"
  echo "bench: failed"
  exit 1
fi
grep '^bench:' "$log"
