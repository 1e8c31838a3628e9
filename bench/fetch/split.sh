#!/usr/bin/env bash
# One large file over many connections, and from mirrors, on the nginx fixture's /capped/ location (16 MiB/s per
# connection; the same tree on the next port is the second host):
#   split:   l0.bin (256 MiB): atelier --split 8, aria2c -x8 -s8, curl, atelier without --split
#   mirrors: the same file from 2 good hosts alone, and with 2 more sources on the line, one refusing connections
#            and one answering 404 (atelier --split 8; aria2c -s8 -x8 beside it)
# Each run prints wall seconds and peak RSS (GNU time); the summary gives medians and ratios. atelier is the installed
# tool (bench/install.sh). Output goes to tmpfs and is compared byte for byte with the source.
#   bench/fetch/fixture.sh start /var/tmp/atelier-fetch
#   bench/fetch/split.sh /var/tmp/atelier-fetch [ROUNDS]
set -euo pipefail
fixture=${1:?usage: split.sh FIXTURE_DIR [ROUNDS]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
out=/dev/shm/atelier-bench-split
trap 'rm -rf "$work" "$out"' EXIT
source "$here/../install.sh"
install_atelier "$work"
base=$(head -1 "$fixture/capped.txt" | sed 's|/capped/.*||')
port=${base##*:}
mirror="http://127.0.0.1:$((port + 1))"
file=l0.bin
source_file="$fixture/www/large/$file"
printf '%s\t%s\n' "$base/capped/$file" "$mirror/capped/$file" > "$work/two.txt"
printf '%s\t%s\t%s\t%s\n' "$base/capped/$file" "$mirror/capped/$file" "http://127.0.0.1:1/capped/$file" "$base/capped/missing/$file" > "$work/four.txt"

run() {
    local name=$1
    shift
    rm -rf "$out" && mkdir -p "$out"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { echo "$name failed:" >&2; cat "$work/err" >&2; exit 1; }
    cmp -s "$out/$file" "$source_file" || { echo "$name: $out/$file differs from the source" >&2; exit 1; }
    read -r wall rss < "$work/time"
    echo "$name $wall $rss" | tee -a "$work/results"
}

for round in $(seq 1 "$rounds"); do
    echo "round $round" >&2
    run atelier-split8 "$ATELIER" fetch -q --split 8 -o "$out" "$base/capped/$file"
    run aria2c-x8s8 aria2c -q -x8 -s8 --allow-overwrite=true -d "$out" "$base/capped/$file"
    run atelier-mirrors2 "$ATELIER" fetch -q --split 8 -o "$out" -i "$work/two.txt"
    run atelier-mirrors4 "$ATELIER" fetch -q --split 8 -o "$out" -i "$work/four.txt"
    run aria2c-mirrors2 aria2c -q -x8 -s8 --allow-overwrite=true -d "$out" -i "$work/two.txt"
    run aria2c-mirrors4 aria2c -q -x8 -s8 --allow-overwrite=true -d "$out" -i "$work/four.txt"
    if [ "$round" -eq 1 ]; then
        # One connection at 16 MiB/s: 16 s a run, once is enough.
        run curl curl -sS -o "$out/$file" "$base/capped/$file"
        run atelier-one "$ATELIER" fetch -q -o "$out" "$base/capped/$file"
    fi
done

python3 - "$work/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, rss = line.split()
    runs.setdefault(name, []).append((float(wall), int(rss)))
median = {name: statistics.median(w for w, _ in r) for name, r in runs.items()}
print(f"{'tool':<18}{'runs':>5}{'median s':>10}{'peak RSS MiB':>14}")
for name, r in runs.items():
    print(f"{name:<18}{len(r):>5}{median[name]:>10.2f}{max(m for _, m in r) / 1024:>14.1f}")
def ratio(a, b):
    if a in median and b in median:
        print(f"{a} / {b}: {median[a] / median[b]:.2f}x")
ratio("atelier-split8", "aria2c-x8s8")
ratio("curl", "atelier-split8")
ratio("atelier-one", "atelier-split8")
ratio("atelier-mirrors4", "atelier-mirrors2")
ratio("aria2c-mirrors4", "aria2c-mirrors2")
PY
