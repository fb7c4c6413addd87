#!/usr/bin/env bash
# Multicast across a real link, inside two network namespaces this script creates and removes (nothing touches the
# host's own interfaces): IPv4 and IPv6 groups over a veth pair with exact counts, and a link that goes down and
# comes back while `listen` runs, which must rejoin by itself, and the receiver's interface deleted and re-created
# while `listen --every 1s` runs, which must rejoin, keep counting and end with its summary. Needs root and iproute2;
# skips (exit 0) without them.
# Usage: scripts/netns-check.sh [path/to/gapwatch]
set -euo pipefail
cd "$(dirname "$0")/.."
GW=$(realpath "${1:-target/gapwatch/bin/gapwatch}")
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! ip netns list >/dev/null 2>&1; then
    echo "netns-check: skipped (needs root and iproute2)"; exit 0
fi
A=gwA$$; B=gwB$$
tmp=$(mktemp -d)
cleanup() { ip netns pids $A 2>/dev/null | xargs -r kill 2>/dev/null || true; ip netns pids $B 2>/dev/null | xargs -r kill 2>/dev/null || true
            ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
ip netns add $A; ip netns add $B
ip link add vA netns $A type veth peer name vB netns $B
for ns in $A $B; do ip -n $ns link set lo up; done
ip -n $A addr add 10.254.0.1/24 dev vA; ip -n $B addr add 10.254.0.2/24 dev vB
ip -n $A -6 addr add fd00:254::1/64 dev vA nodad; ip -n $B -6 addr add fd00:254::2/64 dev vB nodad
ip -n $A link set vA up; ip -n $B link set vB up

fail() { echo "netns-check: FAIL: $*"; for f in "$tmp"/*; do echo "--- $f"; cat "$f"; done; exit 1; }

check_stream() { # GROUP LABEL
    local group=$1 label=$2
    ip netns exec $B "$GW" listen --group "$group" --interface vB --duration 20s --json >"$tmp/$label.json" 2>"$tmp/$label.err" &
    local lp=$!
    for _ in $(seq 100); do grep -q "listening on" "$tmp/$label.err" 2>/dev/null && break; sleep 0.1; done
    ip netns exec $A "$GW" publish --group "$group" --interface vA --ttl 1 --sources 7 --rate 2000 --count 3000 \
        --loss 0.02 --seed 11 --json >"$tmp/$label.pub"
    kill -TERM $lp; wait $lp || true
    python3 - "$tmp/$label.json" "$tmp/$label.pub" <<'PY' || fail "$label counts"
import json, sys
t = json.load(open(sys.argv[1]))["totals"]; p = json.load(open(sys.argv[2]))
assert t["received"] == p["sent"] and t["lost"] == p["skipped"] and t["invalid"] == 0, (t, p)
print(f"netns-check: {sys.argv[1].split('/')[-1]}: received {t['received']} = sent, lost {t['lost']} = skipped")
PY
}
check_stream 239.255.54.1:5400 ipv4
check_stream "[ff15::54]:5400" ipv6

# The link goes down and comes back while listening: the receiver must rejoin by itself.
ip netns exec $B "$GW" listen --group 239.255.54.2:5401 --interface vB --duration 30s --json >"$tmp/rejoin.json" 2>"$tmp/rejoin.err" &
lp=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/rejoin.err" 2>/dev/null && break; sleep 0.1; done
ip netns exec $A "$GW" publish --group 239.255.54.2:5401 --interface vA --ttl 1 --sources 1 --rate 1000 --count 500 --session s --json >/dev/null
ip -n $B link set vB down
for _ in $(seq 50); do grep -q "is down" "$tmp/rejoin.err" && break; sleep 0.1; done
ip -n $B link set vB up
for _ in $(seq 100); do grep -q "rejoined" "$tmp/rejoin.err" && break; sleep 0.1; done
grep -q "rejoined" "$tmp/rejoin.err" || fail "no rejoin reported"
ip netns exec $A "$GW" publish --group 239.255.54.2:5401 --interface vA --ttl 1 --sources 1 --rate 1000 --count 500 --session s2 --json >/dev/null
kill -TERM $lp; wait $lp || true
python3 - "$tmp/rejoin.json" <<'PY' || fail "rejoin counts"
import json, sys
t = json.load(open(sys.argv[1]))["totals"]
assert t["received"] == 1000 and t["restarts"] == 1, t
print(f"netns-check: link down and up: rejoined, received {t['received']} of 1000 sent while up")
PY
# The receiver's interface is deleted (which deletes the veth pair) and re-created while `listen --every 1s` runs:
# the group is marked not joined, rejoined on a new socket, the --every totals keep counting, and listen ends with its
# summary and exit 0 (it used to lose its receive thread to an AssertionError from MembershipKey.drop).
every_received() { python3 -c "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
print(rows[-1]['totals']['received'] if rows else -1)" "$1"; }
await_every() { # FILE COUNT: an --every line with that many received
    for _ in $(seq 100); do [ "$(every_received "$1")" = "$2" ] && return 0; sleep 0.1; done; return 1; }
ip netns exec $B "$GW" listen --group 239.255.54.3:5402 --interface vB --every 1s --duration 60s --json \
    >"$tmp/recreate.json" 2>"$tmp/recreate.err" &
lp=$!
for _ in $(seq 100); do grep -q "listening on" "$tmp/recreate.err" 2>/dev/null && break; sleep 0.1; done
ip netns exec $A "$GW" publish --group 239.255.54.3:5402 --interface vA --ttl 1 --sources 1 --rate 1000 --count 500 --session s --json >/dev/null
await_every "$tmp/recreate.json" 500 || fail "the first 500 not counted before the interface was deleted"
ip -n $B link del vB
for _ in $(seq 50); do grep -q "vB is down" "$tmp/recreate.err" && break; sleep 0.1; done
grep -q "vB is down" "$tmp/recreate.err" || fail "deleted interface not reported"
ip link add vA netns $A type veth peer name vB netns $B
ip -n $A addr add 10.254.0.1/24 dev vA; ip -n $B addr add 10.254.0.2/24 dev vB
ip -n $A link set vA up; ip -n $B link set vB up
for _ in $(seq 100); do grep -q "rejoined 1 group" "$tmp/recreate.err" && break; sleep 0.1; done
grep -q "rejoined 1 group" "$tmp/recreate.err" || fail "no rejoin after the interface was re-created"
ip netns exec $A "$GW" publish --group 239.255.54.3:5402 --interface vA --ttl 1 --sources 1 --rate 1000 --count 500 --session s2 --json >/dev/null
await_every "$tmp/recreate.json" 1000 || fail "--every stopped counting after the interface was re-created"
kill -TERM $lp; rc=0; wait $lp || rc=$?
[ "$rc" = 0 ] || fail "listen exited $rc after the interface was re-created"
! grep -q "error in" "$tmp/recreate.err" || fail "an error was logged"
python3 - "$tmp/recreate.json" <<'PY' || fail "re-created interface counts"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
t = rows[-1]["totals"]
assert len(rows) >= 3 and t["received"] == 1000 and t["restarts"] == 1 and t["lost"] == 0, (len(rows), t)
print(f"netns-check: interface deleted and re-created: rejoined, --every went on, summary received {t['received']} of 1000")
PY
echo "netns-check: passed"
