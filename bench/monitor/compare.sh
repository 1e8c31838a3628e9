#!/usr/bin/env bash
# atelier monitor (ReadyToRun and native builds, with and without the dashboard) against the chapter's psutil
# monitor, glances --stdout and vmstat: CPU and peak RSS over the same DURATION seconds at 1 Hz, all at once, ROUNDS
# times; then CPU accuracy against psutil under a load on every core.
#   bench/monitor/compare.sh [DURATION] [ROUNDS]
# Needs: python3-psutil (Debian; run with /usr/bin/python3), gcc and zlib1g-dev for the native build; glances is
# measured when installed.
set -euo pipefail
duration=${1:-180}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish "$repo/src/Atelier.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -v quiet -nologo >/dev/null
dotnet publish "$repo/src/Atelier.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/native" -v quiet -nologo >/dev/null
/usr/bin/python3 "$here/overhead.py" "$duration" "$rounds" "R2R=$work/r2r/atelier" "native=$work/native/atelier"
echo
/usr/bin/python3 "$here/accuracy.py" "$work/native/atelier" 20 "$rounds"
