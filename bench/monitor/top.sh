#!/usr/bin/env bash
# The monitors' cost with many processes to rank: PROCESSES idle processes (sleep) are started first, then
# overhead.py runs every monitor at once for DURATION seconds at 1 Hz (atelier with and without --top 5, glances,
# the chapter's psutil monitor, vmstat). atelier is the installed native tool (bench/install.sh).
#   bench/monitor/top.sh [DURATION] [ROUNDS] [PROCESSES]
set -euo pipefail
duration=${1:-180}
rounds=${2:-1}
count=${3:-300}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
sleepers=()
cleanup() { kill "${sleepers[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source "$here/../install.sh"
install_atelier "$work"
for _ in $(seq 1 "$count"); do
    sleep 100000 &
    sleepers+=($!)
done
echo "processes on the machine: $(ls -d /proc/[0-9]* | wc -l)" >&2
/usr/bin/python3 "$here/overhead.py" "$duration" "$rounds" "installed=$ATELIER"
