#!/usr/bin/env bash
# atelier run against xargs -P and GNU parallel, side by side, round after round (order rotated):
#   1. 2000 x `true` at -j2: the cost of starting jobs (the target: wall <= 1.25x xargs -P2 -n1);
#   2. 200 jobs x 1 MB of output with -k: keeping each job's output whole and in order (the target: <= 0.5x GNU
#      parallel), bytes compared with GNU parallel's.
# atelier runs as users install it (bench/install.sh): the native tool, and atelier-jit, the framework-dependent fallback. Output goes to tmpfs; TMPDIR is the same
# disk folder for every tool (where GNU parallel buffers output, and atelier spills past --buffer).
#   bench/run/compare.sh [ROUNDS]
# Needs: parallel (Debian), GNU time, gcc and zlib1g-dev for the native build.
set -euo pipefail
rounds=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
out=/dev/shm/atelier-bench-run
trap 'rm -rf "$work" "$out"' EXIT
mkdir -p "$out" "$work/tmp"
export TMPDIR="$work/tmp"

source "$here/../install.sh"
install_atelier "$work"
seq 2000 > "$work/2000"
seq 200 > "$work/200"

# Each value's megabyte is the same whatever tool runs it, so the outputs can be compared byte for byte; both tools
# run it through a shell.
megabyte='yes "line {}" | head -c 1000000'
run_tool() {
    case $1 in
    spawn:atelier-jit) "$ATELIER_JIT" run -j2 --quiet true < "$work/2000" ;;
    spawn:atelier) "$ATELIER" run -j2 --quiet true < "$work/2000" ;;
    spawn:xargs) xargs -P2 -n1 true < "$work/2000" ;;
    spawn:parallel) parallel -j2 true < "$work/2000" ;;
    output:atelier-jit) "$ATELIER_JIT" run -k -j2 --quiet --shell "$megabyte" < "$work/200" > "$out/$1" ;;
    output:atelier) "$ATELIER" run -k -j2 --quiet --shell "$megabyte" < "$work/200" > "$out/$1" ;;
    output:parallel) parallel -k -j2 "$megabyte" < "$work/200" > "$out/$1" ;;
    esac
}

tools=(spawn:atelier spawn:atelier-jit spawn:xargs spawn:parallel output:atelier output:atelier-jit output:parallel)
results="$work/results.tsv"
for round in $(seq 1 "$rounds"); do
    count=${#tools[@]}
    for i in $(seq 0 $((count - 1))); do
        tool=${tools[$(( (i + round) % count ))]}
        /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$(declare -f run_tool); ATELIER=$ATELIER ATELIER_JIT=$ATELIER_JIT work=$work out=$out megabyte='$megabyte' run_tool $tool" || echo "$tool failed (round $round)" >&2
        read -r seconds kb < "$work/time"
        printf '%s\t%s\t%s\n' "$tool" "$seconds" "$kb" >> "$results"
    done
done

for tool in output:atelier output:atelier-jit; do
    if cmp -s "$out/$tool" "$out/output:parallel"; then same=identical; else same=DIFFERENT; fi
    echo "$tool: $(stat -c %s "$out/$tool") bytes, $same to GNU parallel's ($(stat -c %s "$out/output:parallel") bytes)"
done

python3 - "$results" "$rounds" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, seconds, kb = line.split()
    rows[tool].append((float(seconds), int(kb)))
median = lambda tool, i: statistics.median(r[i] for r in rows[tool])
for workload, reference in (("spawn", "spawn:xargs"), ("output", "output:parallel")):
    print(f"\n{workload}: rounds {sys.argv[2]}, medians; ratio to {reference.split(':')[1]}")
    print(f"| tool | wall | vs {reference.split(':')[1]} | peak RSS |")
    print("|---|---:|---:|---:|")
    for tool in sorted((t for t in rows if t.startswith(workload)), key=lambda t: median(t, 0)):
        print(f"| {tool.split(':')[1]} | {median(tool, 0):.2f} s | {median(tool, 0) / median(reference, 0):.2f} | {median(tool, 1) / 1024:.0f} MiB |")
PY
