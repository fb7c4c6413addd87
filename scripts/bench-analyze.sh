#!/usr/bin/env bash
# Analyze speed on a 1-million-datagram capture written by the project's recorder, against tshark if installed.
# Usage: scripts/bench-analyze.sh [FILE] [COUNT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -o -B -q test-compile
. scripts/headless-classpath.sh
FILE=${1:-target/bench-analyze.pcap}
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.gapwatch.capture.AnalyzeBench "$FILE" "${2:-1000000}" "${3:-3}"
echo "end to end, a fresh JVM: gapwatch analyze $FILE --json"
start=$(date +%s.%N)
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.gapwatch.Main analyze "$FILE" --json > /dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="${2:-1000000}" 'BEGIN { printf "  %.2f s, %.0f datagrams/s\n", e - s, n / (e - s) }'
