#!/usr/bin/env bash
# Issue 10's soak: the HTTP example (examples' HttpHelloServer) under `wrk -t1 -c64` for 60 s on
# 127.0.0.1. Passes when wrk saw no socket error and no non-2xx answer, and the server's heap
# after a full GC is flat: at most SOAK_HEAP_SLACK_KIB (default 2048) above what it was after
# warm-up. Prints the heap and RSS before and after, and the requests/s held.
# Installs wrk (Debian) if missing. SOAK_DURATION (default 60s) shortens it for a quick look.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f examples/target/weft-examples.jar ] || mvn -q -B package -DskipTests
duration=${SOAK_DURATION:-60s}
slack=${SOAK_HEAP_SLACK_KIB:-2048}
port=${SOAK_PORT:-18090}

java -Xms256m -Xmx256m -cp examples/target/weft-examples.jar dev.weft.examples.HttpHelloServer "$port" \
  > /tmp/soak-server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done

# Heap in use after a full collection, in KiB (what the server retains, not its garbage).
retained_kib() {
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.heap_info | awk '/used/ && /total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }'
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

wrk -t1 -c64 -d5s "http://127.0.0.1:$port/" >/dev/null # warm-up: JIT, buffers, connection tasks
heap_before=$(retained_kib); rss_before=$(rss_kib)
out=$(wrk -t1 -c64 -d"$duration" --latency "http://127.0.0.1:$port/")
heap_after=$(retained_kib); rss_after=$(rss_kib)
echo "$out"

requests=$(awk '/requests in/ {print $1}' <<<"$out")
rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
errors=$(grep -E "Socket errors|Non-2xx" <<<"$out" || true)
echo "RESULT weft SOAK $rps requests/s requests=$requests duration=$duration"
echo "SOAK heap retained after GC: before=${heap_before} KiB after=${heap_after} KiB (slack ${slack} KiB); RSS before=${rss_before} KiB after=${rss_after} KiB"
status=0
if [ -n "$errors" ]; then echo "SOAK FAILED: wrk reported errors: $errors"; status=1; fi
if [ "$heap_after" -gt $((heap_before + slack)) ]; then echo "SOAK FAILED: the retained heap grew"; status=1; fi
kill -0 "$pid" 2>/dev/null || { echo "SOAK FAILED: the server died"; status=1; }
[ $status -eq 0 ] && echo "SOAK PASSED"
exit $status
