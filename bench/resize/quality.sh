#!/usr/bin/env bash
# --quality auto against a fixed -q 85, on two sets, every image fitted to 800x600 as JPEG, all cores, into tmpfs:
#   corpus  the photo-like corpus make-images.sh builds (synthetic: plasma and noise)
#   real    real photographs: scikit-image's public-domain and CC0 samples (astronaut, camera, chelsea, coffee,
#           hubble_deep_field, retina, rocket; taken from Debian's python3-skimage package without installing it)
#           and two of ../shared/corpora/exif-orientation (MIT)
# Prints, per set and mode: median wall time, total output bytes, and from the JSON report the qualities chosen and the
# SSIM min / median. atelier is the installed tool (bench/install.sh).
#   bench/resize/quality.sh PHOTO_DIR [ROUNDS] [TARGET]
set -euo pipefail
photos=$(realpath "${1:?usage: quality.sh PHOTO_DIR [ROUNDS] [TARGET]}")
rounds=${2:-3}
target=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
corpora=${SHARED_CORPORA:-$here/../../../shared/corpora}
work=$(mktemp -d)
out=/dev/shm/atelier-bench-quality
trap 'rm -rf "$work" "$out"' EXIT
cores=$(nproc)
source "$here/../install.sh"
install_atelier "$work"

mkdir -p "$work/real" "$work/deb"
(cd "$work/deb" && apt-get download python3-skimage >/dev/null 2>&1) || { echo "apt-get download python3-skimage failed (apt-get update first?)" >&2; exit 1; }
dpkg-deb -x "$work"/deb/python3-skimage_*.deb "$work/deb/x"
for f in astronaut.png camera.png chelsea.png coffee.png hubble_deep_field.jpg retina.jpg rocket.jpg; do
    cp "$work/deb/x/usr/lib/python3/dist-packages/skimage/data/$f" "$work/real/"
done
cp "$corpora/exif-orientation/Landscape_1.jpg" "$corpora/exif-orientation/Portrait_1.jpg" "$work/real/"

auto=auto${target:+:$target}
for round in $(seq 1 "$rounds"); do
    for set in corpus real; do
        dir=$photos
        [ "$set" = real ] && dir=$work/real
        for mode in q85 auto; do
            quality=85
            [ "$mode" = auto ] && quality=$auto
            rm -rf "$out" && mkdir -p "$out"
            start=$(date +%s.%N)
            "$ATELIER" resize -q -j "$cores" --size 800x600 --format jpeg --quality "$quality" --report "$work/report.jsonl" -o "$out" "$dir" >/dev/null
            end=$(date +%s.%N)
            bytes=$(find "$out" -name '*.jpg' -printf '%s\n' | awk '{s+=$1} END {print s}')
            echo "$set $mode $(echo "$end - $start" | bc) $bytes $(python3 -c '
import json, sys
q = []; s = []
for line in open(sys.argv[1]):
    for o in json.loads(line)["outputs"]:
        q.append(o["quality"]); s.append(o["ms_ssim"] if o["ms_ssim"] is not None else -1)
print(",".join(map(str, q)), ",".join(map(str, s)))' "$work/report.jsonl")" | tee -a "$work/results" >&2
        done
    done
done

python3 - "$work/results" "$auto" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    set_, mode, wall, size, qs, ss = line.split()
    runs.setdefault((set_, mode), []).append((float(wall), int(size), [int(q) for q in qs.split(",")], [float(s) for s in ss.split(",")]))
print(f"{'set':<8}{'mode':<6}{'median s':>10}{'bytes':>12}{'qualities':>16}{'MS-SSIM min':>12}{'MS-SSIM median':>15}")
for (set_, mode), r in runs.items():
    wall = statistics.median(w for w, *_ in r)
    _, size, qs, ss = r[-1]
    scored = [s for s in ss if s >= 0]
    print(f"{set_:<8}{mode:<6}{wall:>10.2f}{size:>12,}{f'{min(qs)}-{max(qs)} (med {statistics.median(qs):.0f})':>16}"
          + (f"{min(scored):>12.4f}{statistics.median(scored):>15.4f}" if scored else f"{'-':>12}{'-':>15}"))
for set_ in ("corpus", "real"):
    a, f = runs[(set_, "auto")], runs[(set_, "q85")]
    print(f"{set_}: {sys.argv[2]} bytes {a[-1][1] / f[-1][1] - 1:+.1%} against -q 85, wall {statistics.median(w for w, *_ in a) / statistics.median(w for w, *_ in f):.2f}x")
PY
