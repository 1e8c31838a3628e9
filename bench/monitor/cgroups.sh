#!/usr/bin/env bash
# The monitor's cost with control groups to read: GROUPS cgroups (v1: under the cpu, cpuacct, memory and blkio
# hierarchies; v2: under the unified root), each holding PER idle processes (sleep), then overhead.py runs every monitor
# at once for DURATION seconds at 1 Hz (atelier with --top 5, and with --cgroups --top 5, among the others). Target
# (issue 30): --cgroups --top 5 with >= 300 processes and >= 30 cgroups at <= 0.3% of a core and <= 32 MiB. atelier is
# the installed native tool (bench/install.sh). Needs root.
#   bench/monitor/cgroups.sh [DURATION] [ROUNDS] [GROUPS] [PER]
set -euo pipefail
duration=${1:-60}
rounds=${2:-1}
groups=${3:-30}
per=${4:-10}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
sleepers=()
made=()
cleanup() {
    kill "${sleepers[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
    for folder in "${made[@]}"; do rmdir "$folder" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
source "$here/../install.sh"
install_atelier "$work"
if [[ -n $(cat /sys/fs/cgroup/cgroup.controllers 2>/dev/null) ]]; then
    hierarchies=(/sys/fs/cgroup)
else
    hierarchies=()
    for controller in cpu cpuacct memory blkio; do [[ -d /sys/fs/cgroup/$controller ]] && hierarchies+=("/sys/fs/cgroup/$controller"); done
fi
for g in $(seq 1 "$groups"); do
    for hierarchy in "${hierarchies[@]}"; do
        mkdir -p "$hierarchy/atelier-bench-$g.service"
        made+=("$hierarchy/atelier-bench-$g.service")
    done
    for _ in $(seq 1 "$per"); do
        sleep 100000 &
        sleepers+=($!)
        for hierarchy in "${hierarchies[@]}"; do echo $! > "$hierarchy/atelier-bench-$g.service/cgroup.procs"; done
    done
done
echo "processes on the machine: $(ls -d /proc/[0-9]* | wc -l); groups made: $groups in ${hierarchies[*]}" >&2
/usr/bin/python3 "$here/overhead.py" "$duration" "$rounds" "installed=$ATELIER"
