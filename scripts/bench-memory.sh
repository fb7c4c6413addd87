#!/usr/bin/env bash
# Heap needed by 10,000 sources with full history, under a 512 MB heap limit. Usage: scripts/bench-memory.sh [SOURCES]
# HEAP=2g for another limit; HISTOGRAM=true prints the class histogram (where the bytes go).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -Xmx${HEAP:-512m} -Dhistogram=${HISTOGRAM:-false} -XX:+UseSerialGC -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.gapwatch.bench.HistoryMemoryBench "$@"
