#!/usr/bin/env bash
# A byte budget: the photo corpus (make-images.sh) fitted to 1600x1200 under 120 kB, two images at once:
#   atelier resize --max-bytes 120k -j 2 (JPEG; then WebP and AVIF)   against   ImageMagick -define jpeg:extent=120kb (xargs -P 2)
# Targets: every output within budget; the JPEGs' median SSIM (each against its own tool's lossless resize; colour SSIM
# by scikit-image, Debian's python3-skimage: ImageMagick 6 has no SSIM metric) within 0.002 of ImageMagick's or better, at <= 0.5x its time; WebP and AVIF under
# the same budget score higher than the JPEGs. Also: encodes per output (target: 5 on average), and what --manifest
# --placeholder thumbhash adds to a run (target: at most 5%). atelier is the installed tool (bench/install.sh).
#   bench/resize/budget.sh PHOTO_DIR [COUNT] [ROUNDS]
set -euo pipefail
photos=$(realpath "${1:?usage: budget.sh PHOTO_DIR [COUNT] [ROUNDS]}")
count=${2:-24}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$here/../install.sh"
install_atelier "$work"
mkdir -p "$work/in"
ls "$photos"/*.jpg | head -n "$count" | xargs -I{} cp {} "$work/in/"

wall() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); python3 -c "print(f'{$end - $start:.2f}')"; }
for round in $(seq 1 "$rounds"); do
    rm -rf "$work/a" "$work/m" "$work/am"; mkdir -p "$work/m"
    a=$(wall "$ATELIER" resize -q -j 2 --size 1600x1200 --format jpg --max-bytes 120k --report "$work/a.jsonl" -o "$work/a" "$work/in")
    am=$(wall "$ATELIER" resize -q -j 2 --size 1600x1200 --format jpg --max-bytes 120k --manifest "$work/m.json" --placeholder thumbhash -o "$work/am" "$work/in")
    m=$(wall sh -c "ls '$work/in'/*.jpg | xargs -P 2 -I{} sh -c 'convert \"{}\" -resize 1600x1200 -define jpeg:extent=120kb \"$work/m/\$(basename {})\"'")
    printf '%s\t%s\t%s\n' "$a" "$am" "$m" >> "$work/times.tsv"
    rm -f "$work/m.json"
done
for format in webp avif; do
    "$ATELIER" resize -q -j 2 --size 1600x1200 --format "$format" --max-bytes 120k --report "$work/$format.jsonl" -o "$work/$format" "$work/in" >/dev/null 2>&1 || true
done

# References: each tool's own lossless resize, and the SSIM of every output against it.
mkdir -p "$work/ref-a" "$work/ref-m"
for f in "$work"/in/*.jpg; do
    n=$(basename "$f" .jpg)
    vipsthumbnail "$f" --size 1600x1200 -o "$work/ref-a/$n.png" 2>/dev/null
    convert "$f" -resize 1600x1200 "$work/ref-m/$n.png"
done
for f in "$work"/webp/*.webp "$work"/avif/*.avif; do vips copy "$f" "$f.png"; done
/usr/bin/python3 - "$work" > "$work/ssim.tsv" <<'PY'
import glob, os, sys
from skimage.io import imread
from skimage.metrics import structural_similarity
work = sys.argv[1]
def ssim(reference, test):
    a, b = imread(reference)[..., :3], imread(test)[..., :3]
    return structural_similarity(a, b, channel_axis=2)
for photo in sorted(glob.glob(f"{work}/in/*.jpg")):
    n = os.path.basename(photo)[:-4]
    print(n, ssim(f"{work}/ref-a/{n}.png", f"{work}/a/thumb_{n}.jpg"), ssim(f"{work}/ref-m/{n}.png", f"{work}/m/{n}.jpg"),
          ssim(f"{work}/ref-a/{n}.png", f"{work}/webp/thumb_{n}.webp.png"), ssim(f"{work}/ref-a/{n}.png", f"{work}/avif/thumb_{n}.avif.png"), sep="\t")
PY
du -b "$work"/a/*.jpg "$work"/m/*.jpg "$work"/webp/*.webp "$work"/avif/*.avif | awk '{print $1, $2}' > "$work/sizes.txt"

python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
times = [list(map(float, l.split())) for l in open(f"{work}/times.tsv")]
a, am, m = (statistics.median(t[i] for t in times) for i in range(3))
rows = [l.split() for l in open(f"{work}/ssim.tsv")]
col = lambda i: [float(r[i]) for r in rows]
sizes = [l.split() for l in open(f"{work}/sizes.txt")]
def over(ext, folder): return sum(1 for s, p in sizes if f"/{folder}/" in p and p.endswith(ext) and int(s) > 120000)
def biggest(ext, folder): return max(int(s) for s, p in sizes if f"/{folder}/" in p and p.endswith(ext))
def report(name):
    outs = [o for l in open(f"{work}/{name}.jsonl") for o in json.loads(l)["outputs"]]
    return statistics.mean(o["encodes"] for o in outs), statistics.median(o["quality"] for o in outs)
print(f"{len(rows)} photos fitted to 1600x1200 under 120 kB, 2 at once; medians of {len(times)} rounds")
print("| | wall | largest | over budget | median SSIM | encodes/output | median quality |")
print("|---|---:|---:|---:|---:|---:|---:|")
enc, q = report("a")
print(f"| atelier --max-bytes 120k (JPEG) | {a:.2f} s | {biggest('.jpg','a')/1000:.1f} kB | {over('.jpg','a')} | {statistics.median(col(1)):.4f} | {enc:.1f} | {q} |")
print(f"| ImageMagick -define jpeg:extent=120kb | {m:.2f} s | {biggest('.jpg','m')/1000:.1f} kB | {over('.jpg','m')} | {statistics.median(col(2)):.4f} | | |")
for name, i in (("webp", 3), ("avif", 4)):
    enc, q = report(name)
    print(f"| atelier --max-bytes 120k --format {name} | | {biggest('.'+name, name)/1000:.1f} kB | {over('.'+name, name)} | {statistics.median(col(i)):.4f} | {enc:.1f} | {q} |")
print(f"atelier / ImageMagick time: {a / m:.2f}; SSIM difference (atelier - ImageMagick): {statistics.median(col(1)) - statistics.median(col(2)):+.4f}")
print(f"--manifest --placeholder thumbhash: {am:.2f} s against {a:.2f} s ({(am / a - 1) * 100:+.1f}%)")
PY
