#!/usr/bin/env bash
# Decode + accounting per core (JMH). Usage: scripts/bench-decode.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.openjdk.jmh.Main DecodeAccountBench "$@"
