#!/usr/bin/env bash
# W4: HTTP/1.1 plaintext on 127.0.0.1, Weft's server (examples' HttpHelloServer) and Netty NIO's
# doing the same work, each loaded by `wrk -t1 -c64 -d10s`. Installs wrk (Debian) if missing.
# Prints RESULT lines like the jar does, p99 latency included, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f examples/target/weft-examples.jar ] && [ -f benchmarks/target/weft-benchmarks.jar ] || mvn -q -B package -DskipTests
duration=${W4_DURATION:-10s}

run() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" "$port" > "/tmp/w4-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
  wrk -t1 -c64 -d2s "http://127.0.0.1:$port/" >/dev/null  # warm-up
  local out; out=$(wrk -t1 -c64 -d"$duration" --latency "http://127.0.0.1:$port/")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -cE "Socket errors|Non-2xx" <<<"$out" || true)
  echo "RESULT $name W4 $rps requests/s p99=$p99 errors=$errors"
  eval "rps_${name//-/_}=$rps"
}

run weft 18080 java -cp examples/target/weft-examples.jar dev.weft.examples.HttpHelloServer
run netty-nio 18081 java -cp benchmarks/target/weft-benchmarks.jar dev.weft.benchmarks.NettyHelloServer
awk -v a="$rps_weft" -v b="${rps_netty_nio:-0}" 'BEGIN { if (b > 0) printf "RATIO W4 weft/netty-nio=%.2f\n", a / b }'
