#!/usr/bin/env bash
# Only what changed: the 10,000 x 16 KiB list from the nginx fixture, fetched once, then again with nothing changed:
#   atelier fetch --newer -j 16 --per-host 16     against     wget2 -N --max-threads=16
# The target: the re-run is every file `up to date` with no body bytes, <= 1.0x the first run's wall time and
# <= 1.0x wget2 -N's re-run. atelier is the installed tool (bench/install.sh). Output goes to tmpfs.
# The timed re-runs are both quiet; an untimed --json re-run checks that every file was up to date with no body.
# Beside them, the control (bench/fetch/control): the same conditional GETs over a bare HttpClient, native, with none of
# atelier's work around them; what it takes is what .NET's HTTP stack takes on this machine.
#   bench/fetch/fixture.sh start /var/tmp/atelier-fetch
#   bench/fetch/newer.sh /var/tmp/atelier-fetch [ROUNDS]
set -euo pipefail
fixture=${1:?usage: newer.sh FIXTURE_DIR [ROUNDS]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
out=/dev/shm/atelier-bench-newer
trap 'rm -rf "$work" "$out"' EXIT
source "$here/../install.sh"
install_atelier "$work"
dotnet publish "$here/control" -c Release -r linux-x64 -o "$work/control" -v quiet -nologo >/dev/null

timed() { local start end; start=$(date +%s.%N); "$@" > "$work/last.log" 2>&1; end=$(date +%s.%N); python3 -c "print(f'{$end - $start:.2f}')"; }
for round in $(seq 1 "$rounds"); do
    rm -rf "$out" && mkdir -p "$out/atelier" "$out/wget2"
    a1=$(timed "$ATELIER" fetch -q --newer -j 16 --per-host 16 -o "$out/atelier" -i "$fixture/small.txt")
    w1=$(cd "$out/wget2" && timed wget2 -q -N --max-threads=16 -i "$fixture/small.txt")
    # The re-runs are timed as quiet as wget2 -q (a summary line, no per-file output), alternating which goes first.
    if (( round % 2 )); then
        a2=$(timed "$ATELIER" fetch -q --newer -j 16 --per-host 16 -o "$out/atelier" -i "$fixture/small.txt")
        c2=$(timed "$work/control/control" "$fixture/small.txt" "$out/atelier" 16)
        w2=$(cd "$out/wget2" && timed wget2 -q -N --max-threads=16 -i "$fixture/small.txt")
    else
        w2=$(cd "$out/wget2" && timed wget2 -q -N --max-threads=16 -i "$fixture/small.txt")
        c2=$(timed "$work/control/control" "$fixture/small.txt" "$out/atelier" 16)
        a2=$(timed "$ATELIER" fetch -q --newer -j 16 --per-host 16 -o "$out/atelier" -i "$fixture/small.txt")
    fi
    # One more re-run, untimed, with a JSON line per file: every one must be up to date with no body bytes.
    "$ATELIER" fetch -q --newer --json -j 16 --per-host 16 -o "$out/atelier" -i "$fixture/small.txt" > "$work/last.log" 2>&1
    uptodate=$(grep -c '"status":"up to date"' "$work/last.log" || true)
    body=$(python3 -c "import json,sys; print(sum(json.loads(l)['bytes'] for l in open('$work/last.log') if l.startswith('{')))")
    echo "round $round: atelier first $a1 s, re-run $a2 s ($uptodate up to date, $body body bytes); control $c2 s; wget2 -N first $w1 s, re-run $w2 s"
    echo "$a2 $w2 $c2" >> "$work/reruns"
done
python3 - "$work/reruns" <<'PY'
import statistics, sys
pairs = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
a, w, c = (statistics.median(p[i] for p in pairs) for i in range(3))
print(f"re-run medians: atelier {a:.2f} s, wget2 -N {w:.2f} s: {a / w:.2f}x; control (bare HttpClient) {c:.2f} s: {c / w:.2f}x wget2, atelier {a / c:.2f}x the control")
PY
