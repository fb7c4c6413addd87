#!/usr/bin/env bash
# The processing thread's CPU and allocation per second in a Tracker at 100,000 sources, in simulated time, on one
# thread (ThreadMXBean), in all and in the snapshots (views) alone.
# Usage: scripts/bench-tracker-views.sh [SOURCES] [UPDATES_PER_SOURCE_PER_SECOND] [WARM_S] [MEASURED_S]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -o -B -q test-compile
. scripts/headless-classpath.sh
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseZGC ${JAVA_OPTS:-} -cp "$CP" org.gapwatch.bench.TrackerViewsBench "$@"
