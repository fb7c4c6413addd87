#!/usr/bin/env bash
# Builds the .deb and checks it the way a control-room PC and a probe machine would use it:
#   1. mvn -DskipTests -Pinstaller package  ->  target/installer/gapwatch_<version>_amd64.deb
#   2. package metadata (dependencies incl. libgtk-3-0, maintainer, homepage, licence) and size limits
#   3. dpkg-deb -x into a temporary root, then the unpacked launcher (through a symlink, as /usr/bin/gapwatch):
#      --version; `listen` receives a loopback stream from `publish` with exact counts (TTL 0, lo only);
#      the UI starts headless, shows its first frame and exits 0 (--smoke-test), as an unprivileged user whose
#      home does not exist (read-only home), using the AOT cache.
#   4. as root: the probe service under a real systemd (packaging/check-service.sh, in namespaces), then
#      apt-get install of the .deb on this machine: /usr/bin/gapwatch, the system user, the conffile, the unit where
#      systemd looks, `listen --config /etc/gapwatch/probe.json` on a loopback group ending cleanly on SIGTERM;
#      apt-get remove (program gone, conffile and user kept) and purge (nothing left). Skipped when not root, or
#      when gapwatch is already installed here.
# Usage: packaging/check-deb.sh [--no-build]     Env: JAVA_HOME (scripts/java-home.sh finds a JDK 25), MVN_ARGS
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -f scripts/java-home.sh ]]; then . scripts/java-home.sh; else export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; fi
BUILD=1
[[ "${1:-}" == "--no-build" ]] && BUILD=0

fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
ok() { echo "check-deb: ok: $*"; PASSED=$((PASSED + 1)); }
PASSED=0

need_tools() {
    local missing=()
    command -v fakeroot >/dev/null || missing+=(fakeroot)
    command -v dpkg-deb >/dev/null || missing+=(dpkg)
    command -v jq >/dev/null || missing+=(jq)
    command -v runuser >/dev/null || missing+=(util-linux)
    command -v curl >/dev/null || missing+=(curl)
    if ((${#missing[@]})); then
        if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
            echo "check-deb: installing ${missing[*]}"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
        else
            fail "missing tools: ${missing[*]} (apt-get install ${missing[*]})"
        fi
    fi
}
need_tools

VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
DEB="target/installer/gapwatch_${VERSION}_amd64.deb"

if ((BUILD)); then
    log=$(mktemp)
    # Offline first (HELPERS.md); the first build on a fresh machine may need to fetch the antrun plugin once.
    if ! mvn -o -B -q -DskipTests -Pinstaller ${MVN_ARGS:-} package >"$log" 2>&1; then
        if grep -q "offline mode" "$log"; then
            echo "check-deb: plugins missing from ~/.m2, building once online"
            mvn -B -q -DskipTests -Pinstaller ${MVN_ARGS:-} package >"$log" 2>&1 || { tail -40 "$log"; fail "build"; }
        else
            tail -40 "$log"; fail "build"
        fi
    fi
    rm -f "$log"
fi
[[ -f "$DEB" ]] || fail "$DEB not built"
ok "built $DEB"

# --- metadata and size ---
deb_bytes=$(stat -c %s "$DEB")
((deb_bytes <= 60 * 1024 * 1024)) || fail ".deb is $deb_bytes bytes, over 60 MiB"
ok ".deb size $((deb_bytes / 1024 / 1024)) MiB (limit 60)"
field() { dpkg-deb -f "$DEB" "$1"; }
[[ "$(field Package)" == gapwatch ]] || fail "Package field"
[[ "$(field Version)" == "$VERSION"* ]] || fail "Version field '$(field Version)'"
field Depends | tr ',' '\n' | sed 's/^ *//; s/ *$//' | grep -qx 'libgtk-3-0' || fail "Depends lacks libgtk-3-0"
[[ -n "$(field Maintainer)" && -n "$(field Homepage)" && -n "$(field Description)" ]] \
    || fail "Maintainer/Homepage/Description missing"
ok "control: Depends has libgtk-3-0; maintainer '$(field Maintainer)', homepage $(field Homepage)"

ROOT=$(mktemp -d)
cleanup() { rm -rf "$ROOT"; }
trap cleanup EXIT
chmod 755 "$ROOT"
dpkg-deb -x "$DEB" "$ROOT"
APP="$ROOT/opt/gapwatch"
for f in bin/gapwatch lib/app/gapwatch.cfg lib/app/gapwatch.aot lib/gapwatch.desktop lib/assets/gapwatch.svg \
         lib/assets/gapwatch-{16,32,48,64,128,256}.png share/doc/copyright \
         lib/runtime/lib/libglassgtk3.so lib/runtime/lib/libprism_sw.so; do
    [[ -e "$APP/$f" ]] || fail "package lacks /opt/gapwatch/$f"
done
grep -q '^Categories=Network;Monitor;' "$APP/lib/gapwatch.desktop" || fail "desktop entry categories"
grep -q '^Keywords=' "$APP/lib/gapwatch.desktop" || fail "desktop entry keywords"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$APP/lib/gapwatch.desktop" || fail "desktop entry does not validate"
fi
! field Depends | grep -q xdg-utils || fail "Depends has xdg-utils (its postinst call fails on machines without menus)"
grep -q 'Apache License' "$APP/share/doc/copyright" || fail "licence text"
dpkg-deb -I "$DEB" postinst | grep -q 'ln -sfn .*bin/gapwatch" /usr/bin/gapwatch' || fail "postinst PATH link"
dpkg-deb -I "$DEB" prerm | grep -q 'rm -f /usr/bin/gapwatch' || fail "prerm PATH link removal"
dpkg-deb -I "$DEB" postinst | grep -q '/usr/share/applications/gapwatch.desktop' || fail "postinst menu entry"
dpkg-deb -I "$DEB" prerm | grep -q '/usr/share/applications/gapwatch.desktop' || fail "prerm menu entry removal"
# --- the probe service: unit, conffile, its user; the unit verified by systemd where that is available ---
UNIT="$ROOT/usr/lib/systemd/system/gapwatch-probe.service"
[[ -f "$UNIT" && -f "$ROOT/etc/gapwatch/probe.json" ]] || fail "package lacks the probe unit or /etc/gapwatch/probe.json"
[[ "$(dpkg-deb -I "$DEB" conffiles)" == /etc/gapwatch/probe.json ]] || fail "conffiles is not /etc/gapwatch/probe.json"
grep -qx 'User=gapwatch' "$UNIT" && grep -qx 'Restart=on-failure' "$UNIT" && grep -qx 'CapabilityBoundingSet=' "$UNIT" \
    || fail "unit: user, restart or capabilities"
dpkg-deb -I "$DEB" postinst | grep -q 'adduser --system --group' || fail "postinst creates no system user"
dpkg-deb -I "$DEB" postrm | grep -q 'deluser --system gapwatch' || fail "postrm purge does not remove the user"
if command -v systemd-analyze >/dev/null; then
    # ExecStart pointed at the unpacked launcher, which verify wants to exist.
    sed "s|/opt/gapwatch/bin/gapwatch|$APP/bin/gapwatch|" "$UNIT" >"$ROOT/gapwatch-probe.service"
    systemd-analyze verify "$ROOT/gapwatch-probe.service" || fail "systemd-analyze verify gapwatch-probe.service"
    # The sandbox's exposure as systemd rates it (0 best, 10 worst): 1.7 now; over 2.0 means an option was lost.
    exposure=$(systemd-analyze security --offline=yes "$ROOT/gapwatch-probe.service" 2>/dev/null \
        | sed -n 's/.*Overall exposure level for gapwatch-probe.service: \([0-9.]*\).*/\1/p')
    systemd-analyze security --offline=yes --threshold=20 "$ROOT/gapwatch-probe.service" >/dev/null 2>&1 \
        || fail "systemd-analyze security: exposure ${exposure:-?} is over 2.0"
    ok "probe service: unit verified by systemd-analyze, exposure $exposure (systemd-analyze security, at most 2.0), conffile /etc/gapwatch/probe.json, system user in postinst"
else
    echo "check-deb: SKIP systemd-analyze verify: systemd-analyze is not installed"
    ok "probe service: unit, conffile /etc/gapwatch/probe.json, system user in postinst"
fi

installed_kib=$(du -sk "$APP" | cut -f1)
((installed_kib <= 120 * 1024)) || fail "installed size ${installed_kib} KiB, over 120 MiB"
ok "contents: launcher, runtime with JavaFX natives, AOT cache, menu entry, icon, licence; installed $((installed_kib / 1024)) MiB (limit 120)"

# The launcher as it is found on the PATH: through a symlink.
mkdir -p "$ROOT/usr/bin"
ln -s "$APP/bin/gapwatch" "$ROOT/usr/bin/gapwatch"
GW="$ROOT/usr/bin/gapwatch"
out=$("$GW" --version 2>&1) || fail "gapwatch --version: $out"
[[ "$out" == *"gapwatch $VERSION"* ]] || fail "--version printed '$out'"
[[ "$out" != *"error"* ]] || fail "--version printed an error: $out"
ok "gapwatch --version through a PATH symlink: $out"

# --- listen receives publish on loopback, exact counts ---
if "$GW" listen --help >/dev/null 2>&1 && "$GW" listen --help 2>&1 | grep -q -- '--json'; then
    GROUP="239.255.77.$((RANDOM % 200 + 20)):$((40000 + RANDOM % 20000))"
    lout="$ROOT/listen.json" lerr="$ROOT/listen.err"
    # --every: a JSON summary every 200 ms, so the script can wait for the last datagram instead of sleeping.
    "$GW" listen --group "$GROUP" --interface lo --duration 60s --every 200ms --json >"$lout" 2>"$lerr" &
    lpid=$!
    deadline=$((SECONDS + 60)) # a JVM start on a loaded 2-core CI machine took over 20 s
    until grep -q "listening on" "$lerr" 2>/dev/null; do
        ((SECONDS < deadline)) || { kill "$lpid" 2>/dev/null; cat "$lerr"; fail "listen did not start in 60 s"; }
        kill -0 "$lpid" 2>/dev/null || { cat "$lerr"; fail "listen exited early"; }
        sleep 0.1
    done
    pub=$("$GW" publish --group "$GROUP" --interface lo --ttl 0 --sources 4 --rate 2000 --count 2000 \
        --loss 0.05 --seed 7 --json) || { kill "$lpid" 2>/dev/null; fail "publish"; }
    sent=$(jq -r .sent <<<"$pub")
    deadline=$((SECONDS + 20))
    until [[ "$(tail -1 "$lout" | jq -r '.totals.datagrams' 2>/dev/null)" == "$sent" ]]; do
        ((SECONDS < deadline)) || { kill "$lpid" 2>/dev/null; tail -1 "$lout"; fail "listen never saw all $sent datagrams"; }
        kill -0 "$lpid" 2>/dev/null || { cat "$lerr"; fail "listen exited early"; }
        sleep 0.1
    done
    # SIGTERM: listen prints its final summary and exits 0.
    kill -TERM "$lpid"
    wait "$lpid" || { cat "$lerr"; fail "listen exit status $?"; }
    skipped=$(jq -r .skipped <<<"$pub")
    summary=$(tail -1 "$lout")
    received=$(jq -r .totals.received <<<"$summary"); lost=$(jq -r .totals.lost <<<"$summary")
    nsrc=$(jq -r '.sources | length' <<<"$summary")
    invalid=$(jq -r .totals.invalid <<<"$summary"); dups=$(jq -r .totals.duplicates <<<"$summary")
    [[ "$nsrc" == 4 ]] || fail "listen saw $nsrc sources, want 4: $summary"
    [[ "$received" == "$sent" ]] || fail "listen received $received, publish sent $sent"
    [[ "$lost" == "$skipped" ]] || fail "listen counted $lost lost, publish skipped $skipped"
    [[ "$invalid" == 0 && "$dups" == 0 ]] || fail "invalid $invalid duplicates $dups"
    ok "listen/publish on lo: sent $sent, received $received, skipped $skipped = lost $lost, 4 sources"
else
    echo "check-deb: SKIP listen/publish: this build's listen has no --json yet"
fi

# --- UI: first frame headless, then exit 0; unprivileged, home not writable, AOT cache in use ---
HEADLESS="-Dglass.platform=Headless -Dprism.order=sw"
as_user=()
if [[ $(id -u) == 0 ]]; then
    as_user=(runuser -u nobody -- env HOME=/nonexistent)
fi
uerr="$ROOT/ui.err"
status=0
timeout 60 "${as_user[@]}" env JAVA_TOOL_OPTIONS="$HEADLESS -Xlog:aot=info:stderr -Djavafx.verbose=true" \
    "$GW" --smoke-test >"$ROOT/ui.out" 2>"$uerr" || status=$?
((status == 0)) || { tail -30 "$uerr"; fail "UI smoke test exit status $status"; }
grep -q "Opened AOT cache" "$uerr" || { grep -i aot "$uerr" | head; fail "AOT cache not used"; }
if grep -q "from resource" "$uerr"; then
    fail "JavaFX unpacked natives from its jar instead of loading them from the runtime"
fi
ok "UI smoke test: first frame, exit 0 (user ${as_user:+nobody, home /nonexistent}), AOT cache used, natives from the runtime"

# --- the probe service under a real systemd (PID 1 of private namespaces on an overlay root) ---
if [[ $(id -u) == 0 ]]; then
    packaging/check-service.sh "$DEB" || fail "the probe service under systemd (packaging/check-service.sh)"
    ok "probe service under systemd: packaging/check-service.sh passed"
fi

# --- installed for real: apt-get install, use, remove, purge on this machine (root on a throwaway CI machine) ---
# Whatever fails, the package is purged again (trap), so the machine is as before for the next step; a machine
# that already has gapwatch installed is left alone.
SNAP_DIRS=(/opt /etc /usr/bin /usr/lib/systemd /lib/systemd /usr/share/applications /usr/share/icons/hicolor /var/lib)
snapshot() { find "${SNAP_DIRS[@]}" -xdev \( -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/lib/systemd \
    -o -path /var/lib/ucf -o -path /etc/ld.so.cache \) -prune -o -print 2>/dev/null | grep -v -E \
    '^/etc/(passwd|group|shadow|gshadow|subuid|subgid)-?$|/(icon-theme\.cache|mimeinfo\.cache)$' | sort; }
installed_here() { dpkg-query -W -f='${db:Status-Abbrev}' gapwatch 2>/dev/null | grep -q '^.[^n]'; }
if [[ $(id -u) != 0 ]]; then
    echo "check-deb: SKIP apt-get install: needs root (it installs, removes and purges the package on this machine)"
elif installed_here; then
    echo "check-deb: SKIP apt-get install: gapwatch is already installed here ($(dpkg-query -W -f='${Version} ${db:Status-Abbrev}' gapwatch)); not touching it"
else
    purge_again() { DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq gapwatch >/dev/null 2>&1 || true; cleanup; }
    trap purge_again EXIT
    snapshot >"$ROOT/before.txt"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(readlink -f "$DEB")" >"$ROOT/apt.log" 2>&1 \
        || { tail -20 "$ROOT/apt.log"; fail "apt-get install ./$DEB"; }
    [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' gapwatch)" == "ii " ]] || fail "dpkg status after install"
    out=$(/usr/bin/gapwatch --version 2>&1) && [[ "$out" == *"gapwatch $VERSION"* ]] || fail "/usr/bin/gapwatch --version: $out"
    [[ "$(readlink /usr/bin/gapwatch)" == /opt/gapwatch/bin/gapwatch ]] || fail "/usr/bin/gapwatch is not the launcher's link"
    IFS=: read -r _ _ uid gid _ home shell < <(getent passwd gapwatch) || fail "no user gapwatch after install"
    sys_max=$(awk '/^SYS_UID_MAX/{print $2}' /etc/login.defs 2>/dev/null); sys_max=${sys_max:-999}
    ((uid > 0 && uid <= sys_max)) || fail "user gapwatch has uid $uid, not a system uid (1-$sys_max)"
    [[ "$(getent group gapwatch | cut -d: -f3)" == "$gid" && "$home" == /nonexistent && "$shell" == */nologin ]] \
        || fail "user gapwatch: group $gid, home $home, shell $shell"
    [[ ! -e /nonexistent ]] || fail "/nonexistent exists"
    dpkg-query -W -f='${Conffiles}\n' gapwatch | grep -q '^ /etc/gapwatch/probe.json [0-9a-f]\{32\}$' \
        || fail "dpkg does not list /etc/gapwatch/probe.json as a conffile"
    # Where systemd looks for units of packages (its unit path), and known to it when it runs here.
    [[ -f /usr/lib/systemd/system/gapwatch-probe.service ]] || fail "no /usr/lib/systemd/system/gapwatch-probe.service"
    if command -v systemd-analyze >/dev/null; then
        systemd-analyze unit-paths | grep -qx /usr/lib/systemd/system || fail "/usr/lib/systemd/system is not a unit path"
    fi
    if [[ -d /run/systemd/system ]]; then
        [[ "$(systemctl show -P FragmentPath gapwatch-probe)" == /usr/lib/systemd/system/gapwatch-probe.service \
            && "$(systemctl is-enabled gapwatch-probe 2>&1)" == disabled ]] || fail "systemd does not see the unit, disabled"
    fi
    ok "apt-get install: /usr/bin/gapwatch ($out), system user gapwatch (uid $uid, $home, $shell), conffile /etc/gapwatch/probe.json, unit in /usr/lib/systemd/system"

    # The installed config, pointed at a loopback group and a free loopback port, read by listen as the
    # service's user; SIGTERM ends it cleanly.
    GROUP="239.255.78.$((RANDOM % 200 + 20)):$((40000 + RANDOM % 20000))"
    MPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + RANDOM % 10000)))
    printf '{ "groups": ["%s"], "networkInterface": "lo", "metrics": "127.0.0.1:%s" }\n' "$GROUP" "$MPORT" \
        >/etc/gapwatch/probe.json
    perr="$ROOT/probe.err"
    # setpriv execs (runuser would stay the parent and turn SIGTERM into its own "Session terminated").
    setpriv --reuid gapwatch --regid gapwatch --init-groups env HOME=/nonexistent \
        /usr/bin/gapwatch listen --config /etc/gapwatch/probe.json --no-warmup --json \
        >"$ROOT/probe.out" 2>"$perr" &
    ppid_=$!
    deadline=$((SECONDS + 30))
    until grep -q "listening on $GROUP via lo" "$perr" 2>/dev/null && curl -fsS --max-time 2 \
            "http://127.0.0.1:$MPORT/metrics" >/dev/null 2>&1; do
        kill -0 "$ppid_" 2>/dev/null || { cat "$perr"; fail "listen --config /etc/gapwatch/probe.json exited early"; }
        ((SECONDS < deadline)) || { kill "$ppid_"; cat "$perr"; fail "listen --config did not start in 30 s"; }
        sleep 0.2
    done
    kill -TERM "$ppid_"
    status=0; wait "$ppid_" || status=$?
    ((status == 0)) || { cat "$perr"; fail "listen --config exited $status on SIGTERM"; }
    jq -e '.totals' "$ROOT/probe.out" >/dev/null || fail "no summary on SIGTERM: $(cat "$ROOT/probe.out")"
    ok "gapwatch listen --config /etc/gapwatch/probe.json as user gapwatch: listening on $GROUP via lo, /metrics on 127.0.0.1:$MPORT, SIGTERM: summary and exit 0"

    # remove: the program goes; the conffile, the user and the state stay for a reinstall (README, As a service).
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq gapwatch >"$ROOT/apt.log" 2>&1 || { cat "$ROOT/apt.log"; fail "apt-get remove"; }
    [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' gapwatch)" == "rc " ]] || fail "dpkg status after remove is not rc"
    for f in /opt/gapwatch /usr/bin/gapwatch /usr/share/applications/gapwatch.desktop \
             /usr/share/icons/hicolor/48x48/apps/gapwatch.png /usr/lib/systemd/system/gapwatch-probe.service; do
        [[ ! -e "$f" && ! -L "$f" ]] || fail "$f left after apt-get remove"
    done
    [[ -f /etc/gapwatch/probe.json ]] && grep -q "$GROUP" /etc/gapwatch/probe.json || fail "remove did not keep the edited probe.json"
    getent passwd gapwatch >/dev/null || fail "remove took the user away (purge does that)"
    ok "apt-get remove: /opt/gapwatch, /usr/bin/gapwatch, menu entry, icons and unit gone; edited probe.json and user gapwatch kept"

    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq gapwatch >"$ROOT/apt.log" 2>&1 || { cat "$ROOT/apt.log"; fail "apt-get purge"; }
    ! installed_here || fail "dpkg still knows gapwatch after purge"
    ! getent passwd gapwatch >/dev/null && ! getent group gapwatch >/dev/null || fail "user or group gapwatch left after purge"
    snapshot >"$ROOT/after.txt"
    left=$(comm -13 "$ROOT/before.txt" "$ROOT/after.txt")
    [[ -z "$left" ]] || fail "left after purge: $(head -20 <<<"$left")"
    ok "apt-get purge: no user, no group, no /etc/gapwatch, nothing new under ${SNAP_DIRS[*]}"
    trap cleanup EXIT
fi

echo "check-deb: $PASSED passed, 0 failed"
