#!/usr/bin/env bash
# atelier monitor as users install it (the native tool, and the framework-dependent fallback; with and without the dashboard) against the chapter's psutil
# monitor, glances --stdout and vmstat: CPU and peak RSS over the same DURATION seconds at 1 Hz, all at once, ROUNDS
# times; then CPU accuracy against psutil under a load on every core.
#   bench/monitor/compare.sh [DURATION] [ROUNDS]
# Needs: python3-psutil (Debian; run with /usr/bin/python3), gcc and zlib1g-dev for the native build; glances is
# measured when installed.
set -euo pipefail
duration=${1:-180}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source "$here/../install.sh"
install_atelier "$work"
/usr/bin/python3 "$here/overhead.py" "$duration" "$rounds" "installed=$ATELIER" "jit=$ATELIER_JIT"
echo
/usr/bin/python3 "$here/accuracy.py" "$ATELIER" 20 "$rounds"
