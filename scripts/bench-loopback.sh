#!/usr/bin/env bash
# End to end over loopback: the highest rate at which `listen` takes 1,000,000 datagrams with no socket drops and no
# loss, beside a bare receive loop that only counts (the limit). Loopback only: lo, TTL 0, 239.255.99.1.
# Usage: scripts/bench-loopback.sh [COUNT] [RATES...]   (rate 0 = as fast as the publisher can)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
COUNT=${1:-1000000}; shift || true
RATES=${*:-"100000 200000 300000 400000 0"}
[ -x target/gapwatch/bin/gapwatch ] || mvn -q -B -DskipTests package
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
GW=target/gapwatch/bin/gapwatch
GROUP=239.255.99.1:47999
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(date -u +%F)"
echo "count=$COUNT sources=1000 rmem_max=$(cat /proc/sys/net/core/rmem_max)"
printf '%-10s %-16s %-34s %-26s\n' rate publisher listen bare-loop
for rate in $RATES; do
    secs=$(( rate > 0 ? COUNT / rate + 15 : 30 ))
    # listen
    $GW listen --group $GROUP --interface lo --duration ${secs}s --json >"$tmp/listen.json" 2>"$tmp/listen.err" &
    lp=$!
    until grep -q "listening on" "$tmp/listen.err" 2>/dev/null; do sleep 0.1; done
    $GW publish --group $GROUP --interface lo --ttl 0 --sources 1000 --rate $rate --count $COUNT --json >"$tmp/pub.json"
    kill -TERM $lp; wait $lp || true
    pub=$(python3 -c "import json;p=json.load(open('$tmp/pub.json'));print(f\"{p['sent']/p['seconds']:.0f}/s\")")
    res=$(python3 -c "
import json;t=json.load(open('$tmp/listen.json'))['totals'];p=json.load(open('$tmp/pub.json'))
ok=t['received']==p['sent'] and t['lost']==0 and t['socketDrops']==0
print(('OK ' if ok else 'FAIL ')+f\"rcv={t['received']} lost={t['lost']} drops={t['socketDrops']}\")")
    # bare loop
    "$JAVA_HOME/bin/java" -cp "$CP" org.gapwatch.bench.BareReceiveLoop $GROUP $COUNT $secs >"$tmp/bare.out" &
    bp=$!
    until grep -q ready "$tmp/bare.out" 2>/dev/null; do sleep 0.1; done
    $GW publish --group $GROUP --interface lo --ttl 0 --sources 1000 --rate $rate --count $COUNT --json >"$tmp/pub2.json"
    wait $bp
    bare=$(python3 -c "
p=json=__import__('json').load(open('$tmp/pub2.json'));l=open('$tmp/bare.out').read().split()
print(('OK ' if int(l[2])==p['sent'] and l[4]=='0' else 'FAIL ')+f'rcv={l[2]} drops={l[4]}')")
    printf '%-10s %-16s %-34s %-26s\n' "$rate" "$pub" "$res" "$bare"
done
