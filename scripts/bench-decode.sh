#!/usr/bin/env bash
# Decode + accounting per core (JMH). Usage: scripts/bench-decode.sh [BENCHMARK_REGEX] [extra JMH args]
#   BENCHMARK_REGEX (a first argument not starting with -) picks the benchmarks, e.g. '\.sacnDecodeAndAccount$';
#   without one, every DecodeAccountBench benchmark runs. (JMH ORs its patterns: passing both would run them all.)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
include=DecodeAccountBench
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    include=$1; shift
fi
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.openjdk.jmh.Main "$include" "$@"
