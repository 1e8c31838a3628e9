#!/usr/bin/env bash
# Rate limits: the 4 x 256 MiB list from the nginx fixture with a cap of 20 MiB/s for the whole run, as
#   atelier fetch -j 4 --limit-rate 20M   and   aria2c -j 4 --max-overall-download-limit=20M
# (both count M as 1024 x 1024). The measured rate is the bytes over the wall time, start-up included; the target:
# within 5% of 20 MiB/s. atelier is the installed tool (bench/install.sh). Output goes to tmpfs.
#   bench/fetch/fixture.sh start /var/tmp/atelier-fetch
#   bench/fetch/rate.sh /var/tmp/atelier-fetch [ROUNDS]
set -euo pipefail
fixture=${1:?usage: rate.sh FIXTURE_DIR [ROUNDS]}
rounds=${2:-2}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
out=/dev/shm/atelier-bench-rate
trap 'rm -rf "$work" "$out"' EXIT
source "$here/../install.sh"
install_atelier "$work"
bytes=$((4 * 256 * 1048576))
target=$((20 * 1048576))

for round in $(seq 1 "$rounds"); do
    for tool in atelier aria2c; do
        rm -rf "$out" && mkdir -p "$out"
        start=$(date +%s.%N)
        case $tool in
        atelier) "$ATELIER" fetch -q -j 4 --limit-rate 20M -o "$out" -i "$fixture/large.txt" ;;
        aria2c) aria2c -q -j 4 --max-overall-download-limit=20M --allow-overwrite=true -d "$out" -i "$fixture/large.txt" ;;
        esac
        end=$(date +%s.%N)
        got=$(du -cb "$out"/* | tail -1 | cut -f1)
        python3 -c "import sys; w=$end-$start; r=$got/w; print(f'round $round $tool: {w:.2f} s, {$got} bytes, {r/1048576:.2f} MiB/s, {100*(r/$target-1):+.1f}% off 20 MiB/s')"
    done
done
