#!/usr/bin/env bash
# The core's benchmark: the work pool against a raw bounded Channel, 2 producers / 2 consumers, trivial items,
# at capacity 5 (the chapter's queue) and 1024. BenchmarkDotNet writes its tables to
# bench/Atelier.Benchmarks/BenchmarkDotNet.Artifacts/results/.
set -euo pipefail
cd "$(dirname "$0")/Atelier.Benchmarks"
dotnet run -c Release -- --filter '*QueueThroughput*' "$@"
