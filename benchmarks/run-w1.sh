#!/usr/bin/env bash
# Runs W1 and W1s the ways the README reports them: on JDK 17 and (for the virtual-thread peer)
# on the machine's Temurin 25, with the benchmark's own heap (a fixed, pre-touched 4 GB), with a
# young generation large enough that no collection falls inside a run, and with the parallel
# collector (on the fixed 4 GB heap).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/weft-benchmarks.jar
[ -f "$jar" ] || mvn -q -B package -DskipTests
jdk25=$(ls -d /usr/lib/jvm/temurin-2[5-9]*/bin/java 2>/dev/null | head -1 || true)
for java in java $jdk25; do
  for flags in "" "-Xmn3g" "-XX:+UseParallelGC"; do
    echo "== $($java -version 2>&1 | head -1) ${flags:-(default flags)}"
    $java $flags -jar "$jar" W1 W1s | grep -E "RESULT|RATIO|SKIPPED"
  done
done
