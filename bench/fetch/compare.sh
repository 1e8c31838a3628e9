#!/usr/bin/env bash
# atelier fetch against curl --parallel, wget2, aria2c and the chapter's Python, side by side, round after round,
# on the reference workloads served by fixture.sh (start it first). Output goes to tmpfs (/dev/shm).
#   bench/fetch/compare.sh FIXTURE_DIR [ROUNDS] [WORKLOADS]    e.g. compare.sh /var/tmp/atelier-fetch 5 "small large"
# Prints, per workload and tool, the median wall time, the median peak RSS, and the ratio to the reference peer.
# "floor" is a control, not a peer: bare HttpClient (HttpClientFloor/), the least any .NET downloader does.
# Needs: curl wget2 aria2 (Debian packages; missing peers are skipped), python3, GNU time (/usr/bin/time).
# ATELIER_BASE=PATH adds "atelier-base", another installed atelier (an earlier commit's), to time a change side by side.
set -euo pipefail
fixture=$(realpath "${1:?usage: compare.sh FIXTURE_DIR [ROUNDS] [WORKLOADS]}")
rounds=${2:-5}
workloads=${3:-small large}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
out=/dev/shm/atelier-bench-out
trap 'rm -rf "$work" "$out"' EXIT

# atelier as users install it (bench/install.sh: the native tool; atelier-jit is the framework-dependent fallback),
# and the bare-HttpClient control, as a ReadyToRun build.
source "$here/../install.sh"
install_atelier "$work"
dotnet publish "$here/HttpClientFloor" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/floor" -v quiet -nologo >/dev/null

run_tool() { # tool list -> runs it into $out
    local tool=$1 list=$2
    case $tool in
    atelier) "$ATELIER" fetch -q -j 16 --per-host 16 -i "$list" -o "$out" >/dev/null ;;
    atelier-jit) "$ATELIER_JIT" fetch -q -j 16 --per-host 16 -i "$list" -o "$out" >/dev/null ;;
    atelier-base) "$ATELIER_BASE" fetch -q -j 16 --per-host 16 -i "$list" -o "$out" >/dev/null ;;
    floor) "$work/floor/HttpClientFloor" "$list" "$out" ;;
    curl) sed 's/^/url = /' "$list" > "$work/curl.cfg"; curl -s --fail --parallel --parallel-max 16 --remote-name-all --output-dir "$out" -K "$work/curl.cfg" 2>/dev/null ;;
    wget2) wget2 -q --max-threads=16 -P "$out" -i "$list" ;;
    aria2c) aria2c -q -j 16 -x 1 --file-allocation=none --auto-file-renaming=false --allow-overwrite=true -d "$out" -i "$list" ;;
    chapter) python3 "$here/../python/chapter_downloader.py" "$list" >/dev/null ;;
    esac
}

tools=()
[ -z "${ATELIER_BASE:-}" ] || tools+=(atelier-base)
for tool in atelier atelier-jit floor curl wget2 aria2c chapter; do
    case $tool in atelier|atelier-jit|floor|chapter) tools+=("$tool") ;; *) command -v "$tool" >/dev/null && tools+=("$tool") || echo "skipping $tool (not installed)" >&2 ;; esac
done

results="$work/results.tsv"
for round in $(seq 1 "$rounds"); do
    for workload in $workloads; do
        list="$fixture/$workload.txt"
        # Rotate the order each round so no tool always runs first (cold caches) or last.
        count=${#tools[@]}
        for i in $(seq 0 $((count - 1))); do
            tool=${tools[$(( (i + round) % count ))]}
            rm -rf "$out"; mkdir -p "$out"
            /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$(declare -f run_tool); ATELIER=$ATELIER ATELIER_JIT=$ATELIER_JIT ATELIER_BASE=${ATELIER_BASE:-} work=$work out=$out here=$here run_tool $tool $list" || echo "$tool failed on $workload (round $round)" >&2
            files=$(find "$out" -type f | wc -l)
            read -r seconds kb < "$work/time"
            printf '%s\t%s\t%s\t%s\t%s\n' "$workload" "$tool" "$seconds" "$kb" "$files" >> "$results"
        done
    done
done

python3 - "$results" "$rounds" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    workload, tool, seconds, kb, files = line.split()
    rows[(workload, tool)].append((float(seconds), int(kb), int(files)))
reference = {"small": "curl", "large": "wget2"}
print(f"rounds: {sys.argv[2]}; medians")
print("| workload | tool | wall | vs " + "/".join(sorted(set(reference.values()))) + " | peak RSS | files |")
print("|---|---|---:|---:|---:|---:|")
for workload in sorted({w for w, _ in rows}, key=["small", "large"].index):
    ref = rows.get((workload, reference[workload]))
    ref_wall = statistics.median(s for s, _, _ in ref) if ref else None
    for (w, tool), values in sorted(rows.items(), key=lambda kv: statistics.median(s for s, _, _ in kv[1])):
        if w != workload:
            continue
        wall = statistics.median(s for s, _, _ in values)
        rss = statistics.median(k for _, k, _ in values) / 1024
        files = statistics.median(f for _, _, f in values)
        ratio = f"{wall / ref_wall:.2f}" if ref_wall else "-"
        print(f"| {workload} | {tool} | {wall:.2f} s | {ratio} | {rss:.0f} MiB | {files:.0f} |")
PY
