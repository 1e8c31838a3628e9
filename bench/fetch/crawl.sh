#!/usr/bin/env bash
# Recursive mirroring, side by side on a generated site served with 8 ms of latency per request
# (bench/fetch/site_server.py: PAGES pages, a stylesheet, PAGES/4 images):
#   atelier fetch -r -l inf -j 8 --per-host 8   against   wget2 -r -l inf --max-threads 8   and   wget -r -l inf
# The targets: the same files as wget2; <= 1.0x wget2's time at the same concurrency and <= 0.2x wget's; peak RSS
# <= 64 MiB; Ctrl-C after 2 s and --continue: the same files, nothing asked for twice but what was in flight.
# Then 100,000 generated pages without latency: peak RSS <= 64 MiB.
#   bench/fetch/crawl.sh [ROUNDS] [PAGES]
set -euo pipefail
rounds=${1:-3}
pages=${2:-2000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /var/tmp/atelier-crawl.XXXXXX)
port=8431
python3 "$here/site_server.py" $port "$pages" 8 "$work/requests.log" & server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
source "$here/../install.sh"
install_atelier "$work"
url="http://127.0.0.1:$port/"
sleep 1

files() { (cd "$1" && find . -type f ! -name '.atelier-*' ! -name robots.txt | sed 's|^\./[^/]*/||' | sort); }
timed() {  # timed NAME DIR COMMAND...: wall seconds and peak RSS (KiB) into $work/NAME.tsv
    local name=$1 dir=$2; shift 2
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1) || true
    printf '%s\t%s\n' "$name" "$(tail -1 "$work/time")" >> "$work/results.tsv"
}

for round in $(seq 1 "$rounds"); do
    timed atelier "$work/a" "$ATELIER" fetch -r -l inf -q -j 8 --per-host 8 -o . "$url"
    timed wget2 "$work/w2" wget2 -r -l inf -q --max-threads 8 "$url"
    if [ "$round" = 1 ]; then timed wget "$work/w" wget -r -l inf -q "$url"; fi
done
files "$work/a" > "$work/a.files"; files "$work/w2" > "$work/w2.files"; files "$work/w" > "$work/w.files"

# Interrupted after 2 s, then resumed: the requests of both runs, and the files.
rm -rf "$work/r" && mkdir -p "$work/r" && : > "$work/requests.log"
(cd "$work/r" && timeout -s INT 2 "$ATELIER" fetch -r -l inf -q -j 8 --per-host 8 -o . "$url" >/dev/null 2>&1) || true
first_run=$(wc -l < "$work/requests.log")
(cd "$work/r" && "$ATELIER" fetch -r -l inf -q -j 8 --per-host 8 --continue -o . "$url" >/dev/null 2>&1) || true
cp "$work/requests.log" "$work/both.log"
echo "$first_run" > "$work/first.count"
files "$work/r" > "$work/r.files"

# 100,000 pages, no latency: memory only.
kill $server; wait $server 2>/dev/null || true
python3 "$here/site_server.py" $port 100000 0 /dev/null & server=$!
sleep 1
rm -rf "$work/big" && mkdir -p "$work/big"
(cd "$work/big" && /usr/bin/time -f "%e %M" -o "$work/big.time" "$ATELIER" fetch -r -l inf -q -j 8 --per-host 8 -o . "$url" >/dev/null 2>&1) || true
big_files=$(find "$work/big" -type f ! -name '.atelier-*' | wc -l)

python3 - "$work" "$pages" "$big_files" <<'PY'
import collections, statistics, sys
work, pages, big_files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = collections.defaultdict(list)
for line in open(f"{work}/results.tsv"):
    name, wall, rss = line.split()
    rows[name].append((float(wall), int(rss)))
def med(name, i): return statistics.median(r[i] for r in rows[name])
a = set(open(f"{work}/a.files").read().split()); w2 = set(open(f"{work}/w2.files").read().split())
w = set(open(f"{work}/w.files").read().split()); r = set(open(f"{work}/r.files").read().split())
print(f"{pages} pages + stylesheet + images, 8 ms per request; medians of {len(rows['atelier'])} rounds (wget: 1)")
print("| tool | wall | peak RSS | files | vs wget2 |")
print("|---|---:|---:|---:|---:|")
for name, label in (("atelier", "atelier fetch -r -l inf -j 8 --per-host 8"), ("wget2", "wget2 -r -l inf --max-threads 8"), ("wget", "wget -r -l inf")):
    files = {"atelier": a, "wget2": w2, "wget": w}[name]
    print(f"| {label} | {med(name, 0):.2f} s | {med(name, 1) / 1024:.1f} MiB | {len(files)} | {med(name, 0) / med('wget2', 0):.2f} |")
print(f"atelier / wget: {med('atelier', 0) / med('wget', 0):.3f}")
print(f"same files as wget2: {a == w2} (only atelier: {sorted(a - w2)[:5]}, only wget2: {sorted(w2 - a)[:5]})")
both = collections.Counter(open(f"{work}/both.log").read().split())
print(f"interrupted after 2 s ({open(f'{work}/first.count').read().strip()} requests) and resumed: same files as the whole crawl: {r == a}; "
      f"requests in both runs {sum(both.values())}, asked twice: {sum(1 for p, n in both.items() if n > 1 and p != '/robots.txt')} (8 run at once)")
wall, rss = open(f"{work}/big.time").read().split("\n")[-2].split()
print(f"100,000 pages, no latency: {big_files} files in {float(wall):.1f} s, peak RSS {int(rss) / 1024:.1f} MiB")
PY
