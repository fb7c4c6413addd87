#!/usr/bin/env bash
# The recent ring's cost: CPU per datagram of the receiver with and without the ring (segments on disk) at a paced
# rate over loopback (lo, TTL 0, 239.255.98.1). Usage: scripts/bench-ring.sh [RATE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
RATE=${1:-50000}; SECS=${2:-30}
mvn -q -B -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, $(uname -r); $(date -u +%F); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in off on; do
    "$JAVA_HOME/bin/java" -XX:+UseZGC -cp "$CP" org.gapwatch.bench.RecentRingBench 239.255.98.1:47998 "$RATE" "$SECS" \
        $mode "$tmp/recent" 2>/dev/null
done
