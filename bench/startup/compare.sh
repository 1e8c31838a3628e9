#!/usr/bin/env bash
# Start-up: `atelier --version` (as users install it, and the framework-dependent fallback) against `curl --version`,
# the commands alternating, ROUNDS times: median wall time, its ratio to curl's, and peak RSS (GNU time's %M: its
# own few pages are the most it can add, where a fork from Python would count the whole interpreter).
#   bench/startup/compare.sh [ROUNDS]
set -euo pipefail
rounds=${1:-50}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$here/../install.sh"
install_atelier "$work"
python3 - "$rounds" "atelier=$ATELIER --version" "atelier-jit=$ATELIER_JIT --version" "curl=curl --version" <<'PY'
import statistics, subprocess, sys, time
rounds = int(sys.argv[1])
tools = dict(arg.split("=", 1) for arg in sys.argv[2:])
walls = {name: [] for name in tools}
rss = {name: [] for name in tools}
for _ in range(3):  # warm the page cache
    for command in tools.values():
        subprocess.run(command.split(), stdout=subprocess.DEVNULL, check=True)
for _ in range(rounds):
    for name, command in tools.items():
        started = time.perf_counter()
        run = subprocess.run(["/usr/bin/time", "-f", "%M", *command.split()], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        walls[name].append(time.perf_counter() - started)
        rss[name].append(int(run.stderr.split()[-1]) / 1024)
curl = statistics.median(walls["curl"])
print(f"{rounds} rounds, alternating; medians")
print("| command | wall | vs curl --version | peak RSS (median / max) |")
print("|---|---:|---:|---:|")
for name in sorted(tools, key=lambda n: statistics.median(walls[n])):
    wall = statistics.median(walls[name])
    print(f"| {tools[name].split('/')[-1] if name != 'curl' else tools[name]} ({name}) | {wall * 1000:.1f} ms | {wall / curl:.2f} | {statistics.median(rss[name]):.1f} / {max(rss[name]):.1f} MiB |")
PY
