#!/usr/bin/env bash
# The engine at 100,000 sources (issue 12, section 4): `gapwatch publish --sources 100000 --rate 100000` (each source
# once a second) for SECONDS to `gapwatch listen --json` of the jlink image; reports socket drops, lost, received,
# peak and final RSS (from /proc), heap after the last GC and the GC pauses (from -Xlog:gc, p50/p99/max).
# Loopback only: lo, TTL 0, a fresh group and port each run (239.255.x.y, random), so other runs do not mix in.
# Usage: scripts/bench-engine-scale.sh [SECONDS] [SOURCES] [RATE]
# The listener's JVM options: the launcher's own, plus $JAVA_OPTS (the publisher gets only the launcher's) (e.g. JAVA_OPTS="-XX:+UseShenandoahGC").
# Prints CPU per datagram too: on a machine shared with other work that says more than drops do.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
SECS=${1:-60}
SOURCES=${2:-100000}
RATE=${3:-100000}
# GW=other/image/bin/gapwatch: the listener of another build (before / after); the publisher is always this one's.
PUB=target/gapwatch/bin/gapwatch
GW=${GW:-$PUB}
[ -x "$PUB" ] || mvn -q -B -DskipTests package
GROUP=239.255.$(( RANDOM % 200 + 20 )).$(( RANDOM % 250 + 1 )):$(( RANDOM % 20000 + 30000 ))
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(date -u '+%F %H:%M') UTC;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); rmem_max=$(cat /proc/sys/net/core/rmem_max)"
echo "group=$GROUP sources=$SOURCES rate=$RATE/s for ${SECS}s; JAVA_OPTS=${JAVA_OPTS:-}"
JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc,gc+alloc,safepoint:file=$tmp/gc.log:uptime" \
    $GW listen --group "$GROUP" --interface lo --max-sources "$SOURCES" --duration $(( SECS + 60 ))s --json \
    >"$tmp/listen.json" 2>"$tmp/listen.err" &
lp=$!
until grep -q "listening on" "$tmp/listen.err" 2>/dev/null; do
    kill -0 $lp 2>/dev/null || { cat "$tmp/listen.err"; exit 1; }
    sleep 0.1
done
# Peak RSS as the kernel saw it (VmHWM), sampled once a second as well for the curve's end.
( while kill -0 $lp 2>/dev/null; do grep -E '^VmRSS' /proc/$lp/status 2>/dev/null | awk '{print $2}' >>"$tmp/rss"; sleep 1; done ) &
sp=$!
JAVA_OPTS= $PUB publish --group "$GROUP" --interface lo --ttl 0 --sources "$SOURCES" --rate "$RATE" --duration ${SECS}s --json \
    >"$tmp/pub.json"
sleep 2 # the last datagrams through the ring
hwm=$(awk '/^VmHWM/{print $2}' /proc/$lp/status)
# CPU the listener used (user + system, every thread, GC included): the cost per datagram, which the machine's
# load changes far less than drops and pauses.
cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$lp/stat)
kill -TERM $lp; wait $lp || true
kill $sp 2>/dev/null || true; wait $sp 2>/dev/null || true
python3 - "$tmp" "$hwm" "$cpu" <<'EOF'
import json, re, sys
tmp, hwm, cpu = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
p = json.load(open(f"{tmp}/pub.json"))
lines = [l for l in open(f"{tmp}/listen.json") if l.strip()]
j = json.loads(lines[-1]); t = j["totals"]
rss = [int(x) for x in open(f"{tmp}/rss").read().split()] if open(f"{tmp}/rss").read().strip() else [0]
pauses, reaching, stalls, heap_after, collector = [], [], [], None, None
for l in open(f"{tmp}/gc.log"):
    m = re.search(r"Using (.+)$", l.strip())
    if m and collector is None:
        collector = m.group(1)
    # Every stop-the-world pause (GC or other), as the safepoint log times it: what stops the socket thread.
    m = re.search(r'Safepoint "(\w+)".*Reaching safepoint: (\d+) ns.*Total: (\d+) ns', l)
    if m:
        pauses.append(int(m.group(3)) / 1e6)
        reaching.append(int(m.group(2)) / 1e6)  # threads not yet stopped: on a loaded machine, waiting for a core
        continue
    m = re.search(r"Allocation Stall \(.*?\) (\d+\.\d+)ms", l)  # ZGC: a thread waiting for memory, no safepoint
    if m:
        stalls.append(float(m.group(1)))
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", l)  # G1, Serial, Parallel, Shenandoah
    if m:
        heap_after = f"{m.group(2)} MiB of {m.group(3)} MiB"
    m = re.search(r"(\d+)M\((\d+)%\)->(\d+)M\((\d+)%\)", l)  # ZGC
    if m:
        heap_after = f"{m.group(3)} MiB ({m.group(4)} % of the heap)"
pauses.sort()
reaching.sort()
def pct(q):
    return pauses[min(len(pauses) - 1, int(q * len(pauses)))] if pauses else 0.0
sent = p["sent"]
ok = t["received"] == sent and t["lost"] == 0 and t["socketDrops"] == 0
print(f"publisher: sent {sent:,} in {p['seconds']:.1f} s ({sent / p['seconds']:,.0f}/s)")
print(f"listen:    {'OK' if ok else 'FAIL'} received {t['received']:,} lost {t['lost']:,} "
      f"socketDrops {t['socketDrops']:,} ({100.0 * t['socketDrops'] / max(1, sent):.2f} %) sources {len(j['sources']):,}")
print(f"cpu:       {cpu:.1f} s of CPU in the listener, {cpu * 1e6 / max(1, t['datagrams']):.1f} us a datagram")
print(f"memory:    RSS peak {hwm / 1048576:.2f} GiB, at end {rss[-1] / 1048576:.2f} GiB; heap after last GC {heap_after}")
print(f"pauses:    {collector}: {len(pauses)} stop-the-world pauses, p50 {pct(0.5):.1f} ms, p99 {pct(0.99):.1f} ms, max {pct(1.0):.1f} ms, "
      f"total {sum(pauses) / 1000:.2f} s (of it reaching the safepoint: max {max(reaching, default=0):.1f} ms, "
      f"total {sum(reaching) / 1000:.2f} s); allocation stalls {len(stalls)}, max {max(stalls, default=0):.1f} ms")
EOF
