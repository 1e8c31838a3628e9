#!/usr/bin/env bash
# atelier run with a local pool against the same jobs through a Redis queue, on one machine: 1000 x `sleep 0.01`,
# local -j4 against --queue with 2 workers x -j2 and redis-server on loopback, in rotation. The target: the queue
# keeps >= 0.8x the local throughput.
#   bench/run/queue.sh [ROUNDS] [JOBS]
# Needs: redis-server (Debian), GNU time.
set -euo pipefail
rounds=${1:-5}
jobs=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=6401
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$work/redis.pid" >/dev/null
trap 'kill $(cat "$work/redis.pid") 2>/dev/null; rm -rf "$work"' EXIT
source "$here/../install.sh"
install_atelier "$work"
atelier=$ATELIER
printf "0.01\n%.0s" $(seq "$jobs") > "$work/values"  # each job: sleep 0.01

for round in $(seq 1 "$rounds"); do
    for mode in local queue; do
        if [ "$mode" = local ]; then
            /usr/bin/time -f "%e" -o "$work/time" "$atelier" run -j4 --quiet sleep < "$work/values" >/dev/null
        else
            queue="redis://127.0.0.1:$port/bench$round"
            "$atelier" worker --queue "$queue" -j 2 2>/dev/null & w1=$!
            "$atelier" worker --queue "$queue" -j 2 2>/dev/null & w2=$!
            /usr/bin/time -f "%e" -o "$work/time" "$atelier" run --quiet --queue "$queue" sleep < "$work/values" >/dev/null
            kill -TERM $w1 $w2; wait $w1 $w2 || true
        fi
        printf '%s\t%s\n' "$mode" "$(cat "$work/time")" >> "$work/results.tsv"
    done
done

python3 - "$work/results.tsv" "$jobs" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    mode, seconds = line.split()
    rows[mode].append(float(seconds))
jobs = int(sys.argv[2])
local = statistics.median(rows["local"])
print(f"{jobs} x sleep 0.01, medians of {len(rows['local'])} rounds")
print("| mode | wall | jobs/s | throughput vs local |")
print("|---|---:|---:|---:|")
for mode, label in (("local", "local -j4"), ("queue", "--queue, 2 workers x -j2, Redis on loopback")):
    wall = statistics.median(rows[mode])
    print(f"| {label} | {wall:.2f} s | {jobs / wall:.0f} | {local / wall:.2f} |")
PY
