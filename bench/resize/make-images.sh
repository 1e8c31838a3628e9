#!/usr/bin/env bash
# The resize benchmark's corpus: COUNT (96) photo-like 3000x2000 JPEGs at quality 90 (about 6 MP, like a phone
# photo), the same on every run. Eight textures (fractal plasma with a little grain) are made once; each photo is
# one of them shifted and tinted.
#   make-images.sh DIR [COUNT]          Needs the Debian package imagemagick.
set -euo pipefail
out=${1:?usage: make-images.sh DIR [COUNT]}
count=${2:-96}
mkdir -p "$out"
textures=$(mktemp -d)
trap 'rm -rf "$textures"' EXIT

for t in $(seq 1 8); do
    convert -size 3000x2000 -seed "$t" plasma:fractal -blur 0x0.6 -attenuate 0.3 +noise Gaussian "$textures/t$t.ppm" &
    # Two at a time: each holds a full-size image in memory.
    [ $((t % 2)) -eq 0 ] && wait
done
wait

for i in $(seq 0 $((count - 1))); do
    shift_x=$(( (i * 211) % 3000 ))
    convert "$textures/t$(( i % 8 + 1 )).ppm" -roll "+${shift_x}+$(( shift_x % 2000 ))" -modulate "100,100,$(( 60 + (i * 37) % 80 ))" \
        -quality 90 "$out/$(printf 'photo_%03d.jpg' "$i")"
done
echo "$count photos in $out"
