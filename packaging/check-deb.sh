#!/usr/bin/env bash
# Builds the .deb and checks it the way a control-room PC would use it, without installing it:
#   1. mvn -DskipTests -Pinstaller package  ->  target/installer/gapwatch_<version>_amd64.deb
#   2. package metadata (dependencies incl. libgtk-3-0, maintainer, homepage, licence) and size limits
#   3. dpkg-deb -x into a temporary root, then the unpacked launcher (through a symlink, as /usr/bin/gapwatch):
#      --version; `listen` receives a loopback stream from `publish` with exact counts (TTL 0, lo only);
#      the UI starts headless, shows its first frame and exits 0 (--smoke-test), as an unprivileged user whose
#      home does not exist (read-only home), using the AOT cache.
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
    ok "probe service: unit verified by systemd-analyze, conffile /etc/gapwatch/probe.json, system user in postinst"
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
    deadline=$((SECONDS + 20))
    until grep -q "listening on" "$lerr" 2>/dev/null; do
        ((SECONDS < deadline)) || { kill "$lpid" 2>/dev/null; cat "$lerr"; fail "listen did not start"; }
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

echo "check-deb: $PASSED passed, 0 failed"
