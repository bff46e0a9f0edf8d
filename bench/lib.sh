# Shared by the bench scripts: the tools they need, a scratch directory, and stopping the server they
# started (in $server_pid) when they end, however they end.
command -v wrk >/dev/null || { echo "bench: installing wrk"; apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null

dir=$(mktemp -d)
server_pid=""
stop() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; server_pid=""; }
trap 'stop; rm -rf "$dir"' EXIT
