#!/usr/bin/env bash
# atelier resize against the chapter's Pillow + multiprocessing.Pool, vipsthumbnail, parallel -j2 vipsthumbnail and
# mogrify, side by side, round after round (order rotated), on the corpus make-images.sh builds: every photo
# fitted to 800x600, all cores, outputs to tmpfs. Prints median wall time, median peak RSS and the ratio to the
# chapter's Pool. Peak RSS is GNU time's: for the tools that fork (Pool, parallel) it is the largest process.
#   bench/resize/compare.sh PHOTO_DIR [ROUNDS]
# "floor" is a control, not a peer: NetVipsFloor/, libvips' thumbnail and save in a bare loop, the least any NetVips
# resizer does.
# Needs: libvips-tools imagemagick parallel python3-pil (Debian packages; missing ones are skipped), GNU time.
set -euo pipefail
photos=$(realpath "${1:?usage: compare.sh PHOTO_DIR [ROUNDS]}")
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
out=/dev/shm/atelier-bench-resize
trap 'rm -rf "$work" "$out"' EXIT
cores=$(nproc)

publish() { dotnet publish "$1" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$2" -v quiet -nologo >/dev/null; }
source "$here/../install.sh"
install_atelier "$work"
publish "$here/NetVipsFloor" "$work/floor"

run_tool() {
    case $1 in
    atelier) "$ATELIER" resize --quiet -j "$cores" --size 800x600 -o "$out" "$photos" >/dev/null ;;
    floor) "$work/floor/NetVipsFloor" "$photos" "$out" ;;
    chapter) /usr/bin/python3 "$here/../python/chapter_resizer.py" "$photos" "$out" >/dev/null ;;
    vipsthumbnail) vipsthumbnail "$photos"/*.jpg --size 800x600 -o "$out/%s.jpg" ;;
    parallel-vipsthumbnail) ls "$photos"/*.jpg | parallel -j "$cores" vipsthumbnail {} --size 800x600 -o "$out/%s.jpg" ;;
    mogrify) mogrify -path "$out" -resize 800x600 "$photos"/*.jpg ;;
    esac
}

tools=(atelier floor)
/usr/bin/python3 -c "import PIL" 2>/dev/null && tools+=(chapter) || echo "skipping chapter (python3-pil missing)" >&2
command -v vipsthumbnail >/dev/null && tools+=(vipsthumbnail) || echo "skipping vipsthumbnail" >&2
command -v vipsthumbnail >/dev/null && command -v parallel >/dev/null && tools+=(parallel-vipsthumbnail)
command -v mogrify >/dev/null && tools+=(mogrify) || echo "skipping mogrify" >&2

results="$work/results.tsv"
for round in $(seq 1 "$rounds"); do
    count=${#tools[@]}
    for i in $(seq 0 $((count - 1))); do
        tool=${tools[$(( (i + round) % count ))]}
        rm -rf "$out"; mkdir -p "$out"
        /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$(declare -f run_tool); ATELIER=$ATELIER work=$work out=$out photos=$photos here=$here cores=$cores run_tool $tool" || echo "$tool failed (round $round)" >&2
        read -r seconds kb < "$work/time"
        printf '%s\t%s\t%s\t%s\n' "$tool" "$seconds" "$kb" "$(find "$out" -name '*.jpg' | wc -l)" >> "$results"
    done
done

python3 - "$results" "$rounds" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, seconds, kb, files = line.split()
    rows[tool].append((float(seconds), int(kb), int(files)))
ref = statistics.median(s for s, _, _ in rows["chapter"]) if "chapter" in rows else None
print(f"rounds: {sys.argv[2]}; medians")
print("| tool | wall | vs chapter Pool | peak RSS | outputs |")
print("|---|---:|---:|---:|---:|")
for tool, values in sorted(rows.items(), key=lambda kv: statistics.median(s for s, _, _ in kv[1])):
    wall = statistics.median(s for s, _, _ in values)
    ratio = f"{wall / ref:.2f}" if ref else "-"
    print(f"| {tool} | {wall:.2f} s | {ratio} | {statistics.median(k for _, k, _ in values) / 1024:.0f} MiB | {statistics.median(f for _, _, f in values):.0f} |")
PY
