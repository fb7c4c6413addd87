#!/usr/bin/env bash
# One alarm evaluation at 100,000 alarming sources (JMH). Usage: scripts/bench-alarms.sh [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -q -B -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.openjdk.jmh.Main AlarmModelBench "$@"
