#!/usr/bin/env bash
# `listen` on an RTP flood from a C sender (scripts/rtp-flood.c, sendmmsg) on loopback: does listen take all of it,
# with no socket drops and no loss, across the sequence wrap? Loopback only: lo, TTL 0, 239.255.99.2.
# Usage: scripts/bench-rtp-flood.sh [COUNT] [RATES...]   (rate 0 = as fast as the sender can)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
COUNT=${1:-1000000}; shift || true
RATES=${*:-"100000 200000 400000 0"}
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
cc -O2 -Wall -o target/rtp-flood scripts/rtp-flood.c
CP="target/classes:$(cat target/test-classpath.txt)"
GROUP=239.255.99.2; PORT=48000
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(date -u '+%F %H:%M') UTC; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "count=$COUNT sources=1000 packet=172 bytes rmem_max=$(cat /proc/sys/net/core/rmem_max)"
printf '%-10s %-16s %-50s\n' rate sender listen
for rate in $RATES; do
    secs=$(( rate > 0 ? COUNT / rate + 15 : 30 ))
    "$JAVA_HOME/bin/java" -cp "$CP" org.gapwatch.Main listen --group rtp://$GROUP:$PORT --interface lo \
        --duration ${secs}s --json >"$tmp/listen.json" 2>"$tmp/listen.err" &
    lp=$!
    until grep -q "listening on" "$tmp/listen.err" 2>/dev/null; do sleep 0.1; done
    target/rtp-flood $GROUP $PORT $COUNT $rate 1000 >"$tmp/flood.json"
    sleep 2 # let listen drain its socket before it is stopped
    kill -TERM $lp; wait $lp || true
    snd=$(python3 -c "import json;p=json.load(open('$tmp/flood.json'));print(f\"{p['sent']/p['seconds']:.0f}/s\")")
    res=$(python3 -c "
import json;t=json.load(open('$tmp/listen.json'))['totals'];p=json.load(open('$tmp/flood.json'))
ok=t['received']==p['sent'] and t['lost']==0 and t['socketDrops']==0
print(('OK ' if ok else 'FAIL ')+f\"rcv={t['received']} lost={t['lost']} drops={t['socketDrops']} restarts={t['restarts']}\")")
    printf '%-10s %-16s %-50s\n' "$rate" "$snd" "$res"
done
