#!/usr/bin/env bash
# Analyze speed on a 1-million-datagram capture written by the project's recorder, against tshark if installed.
# Usage: scripts/bench-analyze.sh [FILE] [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -o -B -q test-compile
# Run-time class path of the headless part, from the local repository (versions as in pom.xml).
M2=${M2_REPO:-$HOME/.m2/repository}
CP="target/classes:target/test-classes"
for jar in tools/jackson/core/jackson-core/3.3.0/jackson-core-3.3.0.jar \
           tools/jackson/core/jackson-databind/3.3.0/jackson-databind-3.3.0.jar \
           com/fasterxml/jackson/core/jackson-annotations/2.23/jackson-annotations-2.23.jar \
           info/picocli/picocli/4.7.7/picocli-4.7.7.jar; do
  CP="$CP:$M2/$jar"
done
FILE=${1:-target/bench-analyze.pcap}
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.gapwatch.capture.AnalyzeBench "$FILE" "${2:-1000000}" "${3:-3}"
echo "end to end, a fresh JVM: gapwatch analyze $FILE --json"
start=$(date +%s.%N)
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.gapwatch.Main analyze "$FILE" --json > /dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="${2:-1000000}" 'BEGIN { printf "  %.2f s, %.0f datagrams/s\n", e - s, n / (e - s) }'
