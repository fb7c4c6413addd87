#!/usr/bin/env bash
# Per-second costs of alarms and the loss heatmap (JMH). Usage: scripts/bench-viz.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.openjdk.jmh.Main VizBench "$@"
