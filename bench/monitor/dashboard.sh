#!/usr/bin/env bash
# The dashboard with peers: PEERS monitors serve on loopback, one more serves with --peer for each of them. Once
# they have run WARMUP seconds, headless Chromium loads the page ROUNDS times (a fresh browser each time) and reports
# when everything was drawn (the page's own performance.now() once the window and every peer are on it, so the
# time counts the request, the HTML with every host's window in it, parsing and drawing; not the browser's start).
# Then the serving monitor's memory: resident now and at its peak (VmRSS, VmHWM), after the page loads.
# Targets (issue 15): the page drawn in under 1 s; the serving monitor at most 48 MiB.
# atelier is the installed native tool (bench/install.sh).
#   bench/monitor/dashboard.sh [PEERS] [ROUNDS] [WARMUP]
set -euo pipefail
peers=${1:-3}
rounds=${2:-7}
warmup=${3:-70}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source "$here/../install.sh"
install_atelier "$work"
base=19400
peer_args=()
for n in $(seq 1 "$peers"); do
    "$ATELIER" monitor -q --serve "127.0.0.1:$((base + n))" --top 5 > /dev/null 2>&1 &
    pids+=($!)
    peer_args+=(--peer "http://127.0.0.1:$((base + n))")
done
"$ATELIER" monitor -q --serve "127.0.0.1:$base" "${peer_args[@]}" > /dev/null 2>"$work/serving.err" &
serving=$!
pids+=($serving)
echo "warming up for $warmup s: $peers peers, a full window each (60 samples at 1 Hz)" >&2
sleep "$warmup"
for round in $(seq 1 "$rounds"); do
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
        --user-data-dir="$work/profile-$round" --dump-dom "http://127.0.0.1:$base/" > "$work/dom.html" 2>/dev/null
    drawn=$(grep -o 'data-drawn-ms="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*' || echo "none")
    sections=$(grep -o '<section class="peer' "$work/dom.html" | wc -l || true)
    unreachable=$(grep -o '<section class="peer unreachable' "$work/dom.html" | wc -l || true)
    size=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$base/")
    echo "round $round: drawn at $drawn ms, $sections peer sections ($unreachable unreachable), page $size bytes"
    echo "$drawn" >> "$work/drawn"
done
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$serving/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$serving/status")
python3 - "$work/drawn" "$rss" "$hwm" <<'PY'
import statistics, sys
drawn = [int(line) for line in open(sys.argv[1]) if line.strip().isdigit()]
print(f"page drawn: median {statistics.median(drawn)} ms, max {max(drawn)} ms over {len(drawn)} loads")
print(f"serving monitor: {int(sys.argv[2]) / 1024:.1f} MiB resident, {int(sys.argv[3]) / 1024:.1f} MiB at its peak")
PY
