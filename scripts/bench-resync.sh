#!/usr/bin/env bash
# Resynchronisation speed: MB (default 200) of random junk between valid pcapng blocks and pcap records, read by
# the capture reader (best of RUNS, default 3); the files are written to DIR (default target) and deleted after.
# Usage: scripts/bench-resync.sh [MB] [RUNS] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -o -B -q test-compile
. scripts/headless-classpath.sh
"$JAVA_HOME/bin/java" -cp "$CP" org.gapwatch.capture.ResyncBench "${1:-200}" "${2:-3}" "${3:-target}"
