#!/usr/bin/env bash
# atelier run's blocks and batches against GNU parallel (and xargs), side by side, round after round (order rotated):
#   1. pipe:     --pipe --block 1M wc -l, -j2, on a 218 MB table (5,000,000 tab-separated lines) on tmpfs
#                (the target: >= 5x GNU parallel's throughput and >= 1 GB/s);
#      With this machine's cost of starting a process, 1M blocks are many jobs: pipe10M (--block 10M) and rr
#      (--round-robin: two jobs take every block) show what moving the data costs apart from starting jobs;
#      spawn:xargs starts as many `wc -l` as --block 1M makes jobs, with no input: the floor of starting them here;
#   2. pipepart: --pipe-part -a FILE --block 10M wc -l, -j2 (the target: >= 1.0x GNU parallel --pipepart);
#   3. X:        -X echo over 20,000 file names, -j2: wall time and jobs started, against parallel -X and xargs -P2;
#   4. rss:      --pipe --block 8M -j2 wc -l on 2.2 GB streamed through a pipe: atelier's peak RSS (the target:
#                < 64 MiB whatever the input size).
# Outputs of 1-3 (with -k) are compared with GNU parallel's. atelier runs as users install it (bench/install.sh).
#   bench/run/pipe.sh [ROUNDS]
# Needs: parallel (Debian), GNU time, gawk.
set -euo pipefail
rounds=${1:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
out=/dev/shm/atelier-bench-pipe
table=/dev/shm/atelier-bench-table.tsv
trap 'rm -rf "$work" "$out"' EXIT
mkdir -p "$out" "$work/tmp"
export TMPDIR="$work/tmp"

source "$here/../install.sh"
install_atelier "$work"
if [ ! -s "$table" ]; then
    awk 'BEGIN { srand(7); for (i = 1; i <= 5000000; i++) printf "%d\t%s\t%.4f\tphotos/%06d.jpg\n", i, (rand() < 0.5 ? "ok" : "failed"), rand() * 1000, int(rand() * 999999) }' > "$table"
fi
seq -f 'photos/holiday %05g.jpg' 20000 > "$work/names"
seq $(( $(stat -c %s "$table") / 1048576 + 1 )) > "$work/blocks"
echo "table: $(stat -c %s "$table") bytes, $(wc -l < "$table") lines" >&2

run_tool() {
    case $1 in
    pipe:atelier) "$ATELIER" run --pipe --block 1M -k -j2 --quiet wc -l < "$table" > "$out/$1" ;;
    pipe:parallel) parallel --pipe --block 1M -k -j2 wc -l < "$table" > "$out/$1" ;;
    spawn:xargs) xargs -P2 -I{} wc -l /dev/null < "$work/blocks" > "$out/$1" ;;
    pipe10M:atelier) "$ATELIER" run --pipe --block 10M -k -j2 --quiet wc -l < "$table" > "$out/$1" ;;
    pipe10M:parallel) parallel --pipe --block 10M -k -j2 wc -l < "$table" > "$out/$1" ;;
    rr:atelier) "$ATELIER" run --pipe --round-robin --block 1M -j2 --quiet wc -l < "$table" > "$out/$1" ;;
    rr:parallel) parallel --pipe --round-robin --block 1M -j2 wc -l < "$table" > "$out/$1" ;;
    pipepart:atelier) "$ATELIER" run --pipe-part -a "$table" --block 10M -k -j2 --quiet wc -l > "$out/$1" ;;
    pipepart:parallel) parallel --pipepart -a "$table" --block 10M -k -j2 wc -l > "$out/$1" ;;
    X:atelier) "$ATELIER" run -X -k -j2 --quiet echo < "$work/names" > "$out/$1" ;;
    X:parallel) parallel -X -k -j2 echo < "$work/names" > "$out/$1" ;;
    X:xargs) xargs -d '\n' -P2 echo < "$work/names" > "$out/$1" ;;
    rss:atelier) for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$table"; done | "$ATELIER" run --pipe --block 8M -j2 --quiet wc -l > "$out/$1" ;;
    esac
}

tools=(pipe:atelier pipe:parallel spawn:xargs pipe10M:atelier pipe10M:parallel rr:atelier rr:parallel pipepart:atelier pipepart:parallel X:atelier X:parallel X:xargs rss:atelier)
results="$work/results.tsv"
for round in $(seq 1 "$rounds"); do
    count=${#tools[@]}
    for i in $(seq 0 $((count - 1))); do
        tool=${tools[$(( (i + round) % count ))]}
        # GNU time measures the shell that runs the tool: its peak RSS is the largest process's, the tool's.
        /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$(declare -f run_tool); ATELIER=$ATELIER work=$work out=$out table=$table run_tool $tool" || echo "$tool failed (round $round)" >&2
        read -r seconds kb < "$work/time"
        printf '%s\t%s\t%s\t%s\n' "$tool" "$seconds" "$kb" "$(wc -l < "$out/$tool")" >> "$results"
    done
done

for workload in pipe pipe10M pipepart; do
    if cmp -s "$out/$workload:atelier" "$out/$workload:parallel"; then same=identical; else same=DIFFERENT; fi
    echo "$workload: atelier's output $same to GNU parallel's ($(wc -l < "$out/$workload:atelier") lines)"
done
for tool in rr:atelier rr:parallel; do echo "$tool: lines counted $(awk '{ n += $1 } END { print n }' "$out/$tool")"; done
# -X groups by the command-line limit, which differs (GNU parallel: (131072 - 3000) / 2 for its shell; atelier and
# xargs: 131072): the names, in order, are what must match.
for tool in X:atelier X:xargs; do
    if cmp -s <(tr ' ' '\n' < "$out/$tool") <(tr ' ' '\n' < "$out/X:parallel"); then same=identical; else same=DIFFERENT; fi
    echo "$tool: the names passed, in order, $same to GNU parallel's"
done
echo "rss: lines counted $(awk '{ n += $1 } END { print n }' "$out/rss:atelier") (expected $((10 * $(wc -l < "$table"))))"

python3 - "$results" "$rounds" "$(stat -c %s "$table")" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, seconds, kb, lines = line.split()
    rows[tool].append((float(seconds), int(kb), int(lines)))
size = int(sys.argv[3])
median = lambda tool, i: statistics.median(r[i] for r in rows[tool])
print(f"\nrounds {sys.argv[2]}, medians")
print("| workload | tool | wall | throughput | vs GNU parallel | jobs (output lines) | peak RSS |")
print("|---|---|---:|---:|---:|---:|---:|")
for tool in rows:
    workload, name = tool.split(":")
    reference = f"{workload}:parallel"
    ratio = f"{median(reference, 0) / median(tool, 0):.2f}x faster" if reference in rows else ""
    volume = size * (10 if workload == "rss" else 1)
    rate = f"{volume / median(tool, 0) / 1e6:.0f} MB/s" if workload in ("pipe", "pipe10M", "rr", "pipepart", "rss") else ""
    print(f"| {workload} | {name} | {median(tool, 0):.2f} s | {rate} | {ratio} | {median(tool, 2):.0f} | {median(tool, 1) / 1024:.0f} MiB |")
PY
