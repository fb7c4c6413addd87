#!/usr/bin/env bash
# The wall model for one judgement at 100,000 sources, from nothing and incrementally (JMH). Usage: scripts/bench-wall-model.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -q -B -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.openjdk.jmh.Main WallModelBench "$@"
