#!/usr/bin/env bash
# Runs the .deb's probe service under a real systemd, on a machine (a container, a CI runner) where systemd is not
# PID 1: boots /lib/systemd/systemd as PID 1 of private pid, mount, network, UTS, IPC and cgroup namespaces, on an
# overlay of this machine's root (every write, the package's install included, goes to a tmpfs and vanishes at
# the end; the real root is never written), with a network of its own (only lo: nothing reaches other networks
# or other users of this machine's loopback). Then, in there:
#   apt-get install ./gapwatch_<version>_amd64.deb (its postinst sees a running systemd), probe.json set to a
#   loopback group; systemctl start gapwatch-probe: active, runs as user gapwatch with no capabilities,
#   NoNewPrivs, seccomp filter (SystemCallFilter) on, the JVM picked up the unit's -Xms2g; /metrics on 127.0.0.1
#   counts exactly what `publish` sent; journalctl -u has its start lines; kill -9 of its main PID brings it back (Restart=on-failure); reload
#   (SIGHUP) re-reads the file; with SystemCallErrorNumber=kill (no quiet EPERM) it lives through traffic, scrapes,
#   a reload and stop; a bad config (exit 2) is not restarted; systemctl stop ends it; its state
#   directory is its user's; enabled and then purged, nothing of it stays and systemd no longer knows the unit.
# Usage: packaging/check-service.sh DEB     root only (skips with one line otherwise), needs unshare, nsenter,
#        overlayfs, cgroup2 and systemd installed (not running).
set -euo pipefail

say() { echo "check-service: $*"; }
[[ $(id -u) == 0 ]] || { say "SKIP: needs root (boots systemd in namespaces)"; exit 0; }
DEB=$(readlink -f "${1:?usage: check-service.sh DEB}")
[[ -f "$DEB" ]] || { say "FAIL: no $DEB" >&2; exit 1; }
for tool in unshare nsenter curl; do
    command -v "$tool" >/dev/null || { say "SKIP: $tool is not installed"; exit 0; }
done
[[ -x /lib/systemd/systemd ]] || { say "SKIP: /lib/systemd/systemd is not installed (apt-get install systemd)"; exit 0; }
grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || { say "SKIP: no overlayfs"; exit 0; }
# The cgroup2 hierarchy: /sys/fs/cgroup itself (unified) or /sys/fs/cgroup/unified (hybrid).
CG_BASE=
for d in /sys/fs/cgroup /sys/fs/cgroup/unified; do
    [[ "$(stat -f -c %T "$d" 2>/dev/null)" == cgroup2fs ]] && { CG_BASE=$d; break; }
done
[[ -n "$CG_BASE" ]] || { say "SKIP: no cgroup2 hierarchy mounted"; exit 0; }
# Root in an unprivileged container may still be refused namespaces or cgroups: say so rather than fail.
why=$(unshare --fork --pid --mount --net --uts --ipc --cgroup true 2>&1) \
    || { say "SKIP: this machine refuses new namespaces ($why)"; exit 0; }

PASSED=0
ok() { say "ok: $*"; PASSED=$((PASSED + 1)); }
WORK=$(mktemp -d /tmp/check-service.XXXXXX)
CG="$CG_BASE/gapwatch-check-service-$$"
UPID=
SYSTEMD=

fail() {
    say "FAIL: $*" >&2
    if [[ -n "$SYSTEMD" ]]; then
        in_ns journalctl --no-pager -n 40 -u gapwatch-probe >&2 || true
        in_ns systemctl --no-pager status gapwatch-probe >&2 || true
    fi
    exit 1
}

# Runs a command inside the booted machine: all its namespaces and its root.
in_ns() { nsenter -t "$SYSTEMD" -m -u -i -n -p -C -r -w -- "$@"; }

cleanup() {
    set +e
    if [[ -n "$UPID" ]] && kill -0 "$UPID" 2>/dev/null; then
        # In a pid namespace other than the first, poweroff's reboot(2) ends that namespace only.
        [[ -n "$SYSTEMD" ]] && in_ns systemctl poweroff --no-block >/dev/null 2>&1
        for _ in $(seq 1 150); do kill -0 "$UPID" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$UPID" 2>/dev/null && { say "systemd did not power off in 30 s: killing its namespace"; kill -KILL "$UPID"; }
        wait "$UPID" 2>/dev/null
    fi
    # The cgroups systemd made under ours, deepest first, then ours.
    [[ -d "$CG" ]] && find "$CG" -depth -type d -exec rmdir {} + 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# Stage 1, PID 1 of the new namespaces until it execs systemd: the overlay root and the API file systems.
cat >"$WORK/stage1" <<'EOF'
#!/bin/bash
set -euo pipefail
W=$1
mount -t tmpfs -o mode=755 tmpfs "$W/rw"
mkdir -p "$W/rw/upper" "$W/rw/work" "$W/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$W/rw/upper,workdir=$W/rw/work" "$W/root"
R=$W/root
mount -t proc proc "$R/proc"
mount -t sysfs -o ro sysfs "$R/sys"          # read-only, as in a container: udev and friends stay out
mount -t cgroup2 cgroup2 "$R/sys/fs/cgroup"  # this cgroup namespace's root, rw: systemd's own tree
mount --rbind /dev "$R/dev"
mount -t tmpfs -o mode=755 tmpfs "$R/run"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"
ip link set lo up
# Only what this check needs starts: none of this machine's enabled services (whiteouts in the overlay).
rm -rf "$R"/etc/systemd/system/*.wants "$R/etc/systemd/system/default.target"
ln -s /lib/systemd/system/multi-user.target "$R/etc/systemd/system/default.target"
for u in getty@.service console-getty.service systemd-logind.service systemd-networkd-wait-online.service; do
    ln -sf /dev/null "$R/etc/systemd/system/$u"
done
echo 'LANG=C.UTF-8' >"$R/etc/default/locale"
cd "$R"
exec chroot . env -i container=gapwatch-check TERM=dumb /lib/systemd/systemd --system --log-target=console \
    --log-level=warning
EOF
chmod +x "$WORK/stage1"
mkdir -p "$WORK/rw"
why=$(mkdir "$CG" 2>&1) || { say "SKIP: cannot make a cgroup for systemd ($why)"; exit 0; }
(
    echo "$BASHPID" >"$CG/cgroup.procs"
    exec unshare --fork --pid --mount --propagation private --net --uts --ipc --cgroup "$WORK/stage1" "$WORK"
) >"$WORK/console.log" 2>&1 &
UPID=$!

deadline=$((SECONDS + 60))
until SYSTEMD=$(cat "/proc/$UPID/task/$UPID/children" 2>/dev/null | awk '{print $1}') && [[ -n "$SYSTEMD" ]] \
        && [[ "$(cat /proc/$SYSTEMD/comm 2>/dev/null)" == systemd ]]; do
    kill -0 "$UPID" 2>/dev/null || { cat "$WORK/console.log"; SYSTEMD=; fail "systemd did not start"; }
    ((SECONDS < deadline)) || { cat "$WORK/console.log"; SYSTEMD=; fail "systemd did not start in 60 s"; }
    sleep 0.2
done
until state=$(in_ns systemctl is-system-running 2>/dev/null); [[ "$state" == running || "$state" == degraded ]]; do
    ((SECONDS < deadline)) || { cat "$WORK/console.log"; fail "systemd did not finish booting in 60 s: '$state'"; }
    sleep 0.5
done
ok "systemd $(in_ns systemctl --version | awk 'NR==1{print $2}') booted as PID 1 in private namespaces ($state$(
    [[ $state == degraded ]] && echo ": $(in_ns systemctl --failed --plain --no-legend | awk '{print $1}' | tr '\n' ' ')"))"

# --- install: apt-get inside, with the deb copied in (the real root is the overlay's lower layer, untouched) ---
# The machine's files are in its own mount namespace: written through it.
put() { in_ns sh -c 'cat >"$1"' sh "$1"; }
put "/tmp/$(basename "$DEB")" <"$DEB"
in_ns env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$(basename "$DEB")" \
    >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; fail "apt-get install inside"; }
in_ns getent passwd gapwatch >/dev/null || fail "no user gapwatch after install"
[[ "$(in_ns systemctl is-enabled gapwatch-probe 2>&1)" == disabled ]] || fail "gapwatch-probe is not installed disabled"
ok "apt-get install under systemd: user gapwatch, gapwatch-probe.service known and disabled"

# A loopback group of its own and the metrics on loopback: the machine's own network has nothing else on it.
GROUP="239.255.90.$((RANDOM % 200 + 20)):$((40000 + RANDOM % 20000))"
put /etc/gapwatch/probe.json <<EOF
{ "groups": ["$GROUP"], "networkInterface": "lo", "metrics": "127.0.0.1:9477", "lossWarnPercent": 1.0,
  "lossAlarmPercent": 5.0 }
EOF
metrics() { in_ns curl -fsS --max-time 5 http://127.0.0.1:9477/metrics; }
wait_for() { # DESCRIPTION SECONDS COMMAND...: until the command succeeds
    local what=$1 until=$((SECONDS + $2)); shift 2
    until "$@" >/dev/null 2>&1; do ((SECONDS < until)) || fail "$what (waited)"; sleep 0.3; done
}
main_pid() { in_ns systemctl show -P MainPID gapwatch-probe; }

journal() { in_ns journalctl --no-pager -u gapwatch-probe -o cat; }
listening() { journal | grep -q "listening on $GROUP via lo"; }
in_ns systemctl start gapwatch-probe || fail "systemctl start gapwatch-probe"
wait_for "'listening on $GROUP via lo' in the journal" 60 listening
wait_for "metrics on 127.0.0.1:9477" 30 metrics
pid=$(main_pid)
[[ "$pid" != 0 ]] || fail "no main PID"
user=$(in_ns ps -o user= -p "$pid" | tr -d ' ')
status=$(in_ns cat "/proc/$pid/status")
caps=$(awk '/^CapEff/{print $2}' <<<"$status"); capb=$(awk '/^CapBnd/{print $2}' <<<"$status")
nnp=$(awk '/^NoNewPrivs/{print $2}' <<<"$status"); seccomp=$(awk '/^Seccomp:/{print $2}' <<<"$status")
[[ "$user" == gapwatch ]] || fail "runs as '$user', not gapwatch"
[[ "$caps" == 0000000000000000 && "$capb" == 0000000000000000 ]] || fail "capabilities: effective $caps, bounding $capb"
[[ "$nnp" == 1 && "$seccomp" == 2 ]] || fail "NoNewPrivs $nnp, Seccomp $seccomp (want 1 and 2: filter)"
ok "gapwatch-probe active as user gapwatch (PID $pid): no capabilities (bounding set empty), NoNewPrivs, seccomp filter on"
# The unit's initial heap (-Xms2g: the heap committed at start, not grown while the first datagrams arrive).
journal | grep -q "Picked up JAVA_TOOL_OPTIONS: -Xms2g" || { journal | head -5; fail "the JVM did not pick up the unit's -Xms2g"; }
ok "the JVM picked up the unit's JAVA_TOOL_OPTIONS=-Xms2g"

sent=$(in_ns /usr/bin/gapwatch publish --group "$GROUP" --interface lo --ttl 0 --sources 3 --rate 3000 --count 3000 \
    --loss 0.02 --seed 5 --json) || fail "publish inside"
want_received=$(jq -r .sent <<<"$sent"); want_lost=$(jq -r .skipped <<<"$sent")
sum() { metrics | awk -v m="$1" '$1 ~ "^"m"[{ ]" || $1 == m {s += $NF} END {printf "%d", s}'; }
received_is() { [[ "$(sum gapwatch_received_total)" == "$1" ]]; }
wait_for "metrics count $want_received received" 20 received_is "$want_received"
[[ "$(sum gapwatch_lost_total)" == "$want_lost" ]] || fail "metrics lost $(sum gapwatch_lost_total), publish skipped $want_lost"
ok "/metrics on 127.0.0.1:9477 under the sandbox: received $want_received, lost $want_lost, exactly what publish sent and skipped"

journal=$(journal)
grep -q "metrics on http://127.0.0.1:9477/metrics" <<<"$journal" \
    || { echo "$journal"; fail "journal lacks 'listening on' / 'metrics on'"; }
# The JVM says when the sandbox denies it something it wanted (/proc, cgroup files, a system call).
! grep -Eiq "VM warning|operation not permitted|permission denied" <<<"$journal" \
    || { echo "$journal"; fail "the JVM complains under the sandbox"; }
ok "journalctl -u gapwatch-probe: 'listening on $GROUP via lo', 'metrics on http://127.0.0.1:9477/metrics'; no VM warning, nothing denied"

# Reload: a second group in the file is joined by the same process.
GROUP2="239.255.91.$((RANDOM % 200 + 20)):$((40000 + RANDOM % 20000))"
put /etc/gapwatch/probe.json <<EOF
{ "groups": ["$GROUP", "$GROUP2"], "networkInterface": "lo", "metrics": "127.0.0.1:9477" }
EOF
in_ns systemctl reload gapwatch-probe || fail "systemctl reload"
reloaded() { journal | grep -q "reloaded /etc/gapwatch/probe.json: joined $GROUP2"; }
wait_for "'reloaded ...: joined $GROUP2' in the journal" 15 reloaded
[[ "$(main_pid)" == "$pid" ]] || fail "reload restarted the process"
ok "systemctl reload: SIGHUP re-read probe.json in the same process ($(journal | grep reloaded | tail -1))"

restarts_before=$(in_ns systemctl show -P NRestarts gapwatch-probe)
in_ns kill -KILL "$pid"
back() { local p; p=$(main_pid); [[ "$p" != 0 && "$p" != "$pid" ]] && metrics; }
wait_for "the probe back after kill -9" 60 back
restarts=$(in_ns systemctl show -P NRestarts gapwatch-probe)
((restarts == restarts_before + 1)) || fail "NRestarts $restarts_before -> $restarts"
ok "kill -9 of PID $pid: systemd restarted it (Restart=on-failure, NRestarts $restarts), PID $(main_pid) serves /metrics"

# The filter's misses would be silent (SystemCallErrorNumber=EPERM: the JVM may fall back quietly). With "kill"
# instead, any system call outside @system-service ends the process with SIGSYS: it must live through start,
# traffic, a scrape and a reload.
in_ns mkdir -p /run/systemd/system/gapwatch-probe.service.d
printf '[Service]\nSystemCallErrorNumber=kill\n' | put /run/systemd/system/gapwatch-probe.service.d/seccomp-kill.conf
in_ns systemctl daemon-reload
in_ns systemctl restart gapwatch-probe || fail "restart with SystemCallErrorNumber=kill"
listening_now() { local p; p=$(main_pid); [[ "$p" != 0 ]] \
    && in_ns journalctl --no-pager -u gapwatch-probe "_PID=$p" -o cat | grep -q "listening on .*$GROUP2 via lo"; }
wait_for "listening again under the killing filter" 60 listening_now
wait_for "metrics under the killing filter" 30 metrics
kpid=$(main_pid)
in_ns /usr/bin/gapwatch publish --group "$GROUP2" --interface lo --ttl 0 --sources 2 --rate 2000 --count 1000 \
    --json >/dev/null || fail "publish inside"
got_second() { metrics | grep -q "group=\"$GROUP2\""; }
wait_for "the second group's figures under the killing filter" 20 got_second
in_ns systemctl reload gapwatch-probe
reloaded_twice() { [[ $(journal | grep -c "reloaded /etc/gapwatch/probe.json") -ge 2 ]]; }
wait_for "a reload under the killing filter" 15 reloaded_twice
metrics >/dev/null || fail "no metrics after reload under the killing filter"
[[ "$(main_pid)" == "$kpid" && "$(in_ns systemctl is-active gapwatch-probe)" == active ]] \
    || fail "killed under SystemCallErrorNumber=kill: $(in_ns systemctl show -P Result gapwatch-probe)"
ok "SystemCallFilter=@system-service with kill instead of EPERM: PID $kpid lived through start, traffic, scrapes and a reload"

# Stopped still under the killing filter: a system call outside the set on the way out would leave it failed.
in_ns systemctl stop gapwatch-probe || fail "systemctl stop"
[[ "$(in_ns systemctl is-active gapwatch-probe)" == inactive ]] \
    || fail "not inactive after stop: $(in_ns systemctl show -P Result gapwatch-probe)"
! in_ns pgrep -u gapwatch >/dev/null || fail "processes of user gapwatch left after stop"
ok "systemctl stop (SIGTERM, summary, exit): inactive, not failed, no process of user gapwatch left"
in_ns rm -r /run/systemd/system/gapwatch-probe.service.d
in_ns systemctl daemon-reload

# A bad config is exit 2, which RestartPreventExitStatus keeps from looping.
echo '{"groups": ["239.1:5040"]}' | put /etc/gapwatch/probe.json
in_ns systemctl start gapwatch-probe 2>/dev/null || true
exited() { [[ "$(in_ns systemctl show -P ExecMainStatus gapwatch-probe)" == 2 ]] \
    && [[ "$(in_ns systemctl is-active gapwatch-probe)" != activ* ]]; }
wait_for "exit status 2 on a bad config" 30 exited
in_ns systemctl show -P NRestarts gapwatch-probe >"$WORK/n1"
sleep 7 # longer than RestartSec=5s: a restart, were there one, would have come
[[ "$(in_ns systemctl show -P NRestarts gapwatch-probe)" == "$(cat "$WORK/n1")" \
    && "$(in_ns systemctl is-active gapwatch-probe)" != activ* ]] || fail "restarted after exit 2"
ok "bad probe.json: exit 2, one line in the journal ($(journal | grep probe.json | tail -1)), not restarted"

# Its state directory was made by systemd for its user; enabled, then purged with systemd running: nothing stays.
[[ "$(in_ns stat -c '%U %a' /var/lib/gapwatch-probe)" == "gapwatch 750" ]] \
    || fail "state directory: $(in_ns stat -c '%U %a' /var/lib/gapwatch-probe 2>&1)"
in_ns systemctl enable gapwatch-probe >/dev/null 2>&1 || fail "systemctl enable"
in_ns test -L /etc/systemd/system/multi-user.target.wants/gapwatch-probe.service || fail "enable made no link"
in_ns env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q gapwatch >"$WORK/apt.log" 2>&1 \
    || { cat "$WORK/apt.log"; fail "apt-get purge inside"; }
for f in /var/lib/gapwatch-probe /etc/systemd/system/multi-user.target.wants/gapwatch-probe.service /etc/gapwatch \
         /usr/lib/systemd/system/gapwatch-probe.service /opt/gapwatch; do
    ! in_ns test -e "$f" -o -L "$f" || fail "$f left after purge"
done
! in_ns getent passwd gapwatch >/dev/null || fail "user gapwatch left after purge"
[[ "$(in_ns systemctl show -P LoadState gapwatch-probe)" == not-found ]] || fail "systemd still knows the unit after purge"
ok "state directory /var/lib/gapwatch-probe (gapwatch, 750); enabled, then apt-get purge: unit unknown to systemd, no link, state, user or /etc/gapwatch left"

say "$PASSED passed, 0 failed"
