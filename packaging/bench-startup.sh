#!/usr/bin/env bash
# Start to first frame of the packaged app, with and without its AOT cache: runs `gapwatch --smoke-test` (exits 0
# right after the first frame is shown) RUNS times each way and prints the time per run.
#   packaging/bench-startup.sh [LAUNCHER] [RUNS]
# LAUNCHER: default /usr/bin/gapwatch if installed, else the .deb in target/installer unpacked to a temporary root.
# Runs headless (JavaFX's Headless glass, software rendering); also under Xvfb with real GTK where Xvfb exists.
# Uses hyperfine if installed (apt-get install hyperfine), else a loop with date +%s%N.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${2:-15}"
GW="${1:-}"
ROOT=""
XPID=""
cleanup() {
    [[ -n "$XPID" ]] && kill "$XPID" 2>/dev/null || true
    [[ -n "$ROOT" ]] && rm -rf "$ROOT"
}
trap cleanup EXIT
if [[ -z "$GW" ]]; then
    if [[ -x /usr/bin/gapwatch ]]; then
        GW=/usr/bin/gapwatch
    else
        deb=$(ls target/installer/gapwatch_*_amd64.deb 2>/dev/null | head -1)
        [[ -n "$deb" ]] || { echo "no launcher: install the .deb or build it (mvn -Pinstaller package)" >&2; exit 1; }
        ROOT=$(mktemp -d)
        dpkg-deb -x "$deb" "$ROOT"
        GW="$ROOT/opt/gapwatch/bin/gapwatch"
    fi
fi
echo "launcher: $GW ($(nproc) cores, $(uptime | sed 's/.*load/load/'))"

HEADLESS="-Dglass.platform=Headless -Dprism.order=sw"
# name | DISPLAY | JAVA_TOOL_OPTIONS
cases=("headless, AOT cache||$HEADLESS" "headless, no AOT cache||$HEADLESS -XX:AOTMode=off")
if command -v Xvfb >/dev/null; then
    Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    XPID=$!
    sleep 1
    cases+=("Xvfb + GTK, AOT cache|:97|" "Xvfb + GTK, no AOT cache|:97|-XX:AOTMode=off")
fi

for c in "${cases[@]}"; do
    IFS='|' read -r name display jto <<<"$c"
    cmd="env DISPLAY='$display' JAVA_TOOL_OPTIONS='$jto' $GW --smoke-test"
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 2 --runs "$RUNS" -n "$name" "$cmd" 2>/dev/null | grep -E "Time|Range|Benchmark"
    else
        total=0 best=999999
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            env DISPLAY="$display" JAVA_TOOL_OPTIONS="$jto" "$GW" --smoke-test >/dev/null 2>&1
            ms=$((($(date +%s%N) - t0) / 1000000))
            total=$((total + ms)); ((ms < best)) && best=$ms
        done
        echo "$name: mean $((total / RUNS)) ms, best $best ms over $RUNS runs"
    fi
done
echo "after: $(uptime | sed 's/.*load/load/')"
