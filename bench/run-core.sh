#!/usr/bin/env bash
# The core's benchmark: the work pool against a raw bounded Channel, 2 producers / 2 consumers, trivial items,
# at capacity 5 (the chapter's queue) and 1024.
#   bench/run-core.sh                 contenders in alternation, round after round: median ratios (quote these)
#   bench/run-core.sh bdn [ARGS...]   BenchmarkDotNet's per-item table, in
#                                     bench/Atelier.Benchmarks/BenchmarkDotNet.Artifacts/results/
set -euo pipefail
cd "$(dirname "$0")/Atelier.Benchmarks"
if [ "${1:-}" = "bdn" ]; then
    shift
    exec dotnet run -c Release -- --filter '*QueueThroughput*' "$@"
fi
exec dotnet run -c Release -- side-by-side "${1:-21}"
