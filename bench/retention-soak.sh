#!/usr/bin/env bash
# Retention under steady writes (issue 26): on H2, then on PostgreSQL (the embedded one the tests use,
# on loopback), two clients write flat out (admin groups made, renamed, deleted; password resets)
# for SOAK_SECONDS (180) with the audit log and the outbox kept 30 s and swept every 5 s. Prints the
# database's size and the two tables' rows every 5 s, and each after the first retention window
# against its largest later in the same run (flat: about 1).
# One command: bash bench/retention-soak.sh   (bounded: about 7 minutes; loopback only; stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! ./mvnw -q -B -ntp test -Dtest=RetentionSoakBenchmark -Dsecplane.bench=retention-soak \
    -Dsecplane.bench.seconds="${SOAK_SECONDS:-180}" -Dsurefire.failIfNoSpecifiedTests=false ${SECPLANE_BENCH_ARGS:-} > "$log" 2>&1; then
  tail -40 "$log"
  echo "bench: failed"
  exit 1
fi
grep '^bench:' "$log"
