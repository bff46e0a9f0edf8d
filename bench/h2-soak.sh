#!/usr/bin/env bash
# The embedded database under steady writes (issue 21, item 8): the server as its own process on a
# 12 MB H2 database, four clients creating, renaming and deleting admin groups flat out for
# SOAK_SECONDS (300), the file's size read ten times a second, SIGKILL, a restart that must find
# every acknowledged write, then H2's own full compaction offline. Prints the median, 90th
# percentile and largest size against the compacted size of the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${SOAK_SECONDS:-300}"
./mvnw -q -B -ntp test -Dtest=H2SoakTest -Dsurefire.failIfNoSpecifiedTests=false -Dsecplane.soak.seconds="$seconds" \
    -Dsurefire.printSummary=false 2>&1 | grep -E '^h2 soak:|FAIL|Expecting|expected' || true
