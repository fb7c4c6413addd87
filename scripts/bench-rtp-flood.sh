#!/usr/bin/env bash
# `listen` on an RTP flood from a C sender on loopback (lo, TTL 0): now the RTP rows of scripts/bench-flood.sh
# (scripts/flood.c --proto rtp: 1,000 SSRCs, sequence numbers from 65,500 so every stream wraps).
# Usage: scripts/bench-rtp-flood.sh [COUNT] [RATES...]   (rate 0 = as fast as the sender can)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}; shift || true
# shellcheck disable=SC2086 # a list of rates
exec scripts/bench-flood.sh rtp "$COUNT" 1000 ${*:-100000 200000 400000 0}
