using System.Diagnostics;
using Atelier.Processes;

namespace Atelier.Labs.Cpu;

/// <summary>A CPU-bound sum computed sequentially, on threads, and in worker processes.</summary>
internal static class CpuLesson
{
    /// <summary>The lesson as <c>atelier lab cpu</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<CpuOptions>(
        "cpu",
        run => new CpuOptions { WorkerProgram = run.WorkerFor("cpu") },
        [
            LessonOf<CpuOptions>.Number("limit", o => o.Limit, (o, v) => o with { Limit = v }, 1, SumOfSquares.MaxLimit),
            LessonOf<CpuOptions>.Number("ranges", o => o.Ranges, (o, v) => o with { Ranges = v }, 1, 100_000),
            LessonOf<CpuOptions>.Number("workers", o => o.Workers, (o, v) => o with { Workers = v }, 1, 64),
        ],
        (options, _, ct) => Run(RunAsync(options, ct)))
        {
            Worker = ServeAsync,
        };

    /// <summary>Computes the sum each way, checks the results agree, and measures each way.</summary>
    public static async Task<CpuReport> RunAsync(CpuOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Limit, SumOfSquares.MaxLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Ranges, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);

        var ranges = SumOfSquares.Split(options.Limit, options.Ranges);
        var expected = SumOfSquares.Expected(options.Limit);

        var clock = Stopwatch.StartNew();
        var sequential = Int128.Zero;
        foreach (var range in ranges)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sequential += SumOfSquares.Compute(range.Start, range.End);
        }

        var sequentialTime = clock.Elapsed;
        var runs = new List<CpuRun> { Run("sequential", sequentialTime, sequentialTime, sequential, expected) };

        clock.Restart();
        var partials = new Int128[ranges.Count];
        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
            i => partials[i] = SumOfSquares.Compute(ranges[i].Start, ranges[i].End));
        runs.Add(Run("threads (Parallel.For)", clock.Elapsed, sequentialTime, Sum(partials), expected));

        await using var pool = new ProcessPool<CpuRange, CpuPartialSum>(
            options.WorkerProgram,
            CpuJson.Default.CpuRange,
            CpuJson.Default.CpuPartialSum,
            new ProcessPoolOptions { MaxDegreeOfParallelism = options.Workers });
        runs.Add(await RunInProcessesAsync(pool, "processes, first batch", ranges, sequentialTime, expected, cancellationToken).ConfigureAwait(false));
        runs.Add(await RunInProcessesAsync(pool, "processes, second batch", ranges, sequentialTime, expected, cancellationToken).ConfigureAwait(false));
        return new CpuReport(options.Limit, options.Ranges, options.Workers, expected, runs);
    }

    private static async Task<CpuRun> RunInProcessesAsync(
        ProcessPool<CpuRange, CpuPartialSum> pool, string mode, IReadOnlyList<CpuRange> ranges, TimeSpan sequentialTime, Int128 expected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var total = Int128.Zero;
        string? error = null;
        await foreach (var result in pool.RunAsync(ranges, cancellationToken).ConfigureAwait(false))
        {
            if (result.Succeeded)
            {
                total += result.Value!.Sum;
            }
            else
            {
                error ??= $"range {result.Item.Start}..{result.Item.End}: {result.Reason}";
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Run(mode, clock.Elapsed, sequentialTime, total, expected) with { Error = error };
    }

    private static Int128 Sum(IEnumerable<Int128> values) => values.Aggregate(Int128.Zero, (a, b) => a + b);

    private static CpuRun Run(string mode, TimeSpan elapsed, TimeSpan sequential, Int128 total, Int128 expected) =>
        new(mode, Figures.Ms(elapsed), Math.Round(sequential / elapsed, 2), total, total == expected);

    private static async Task<LessonReport> Run(Task<CpuReport> run) => await run.ConfigureAwait(false);

    /// <summary>The worker side: sums the ranges it is sent until its stop message.</summary>
    private static Task<int> ServeAsync(CancellationToken cancellationToken) =>
        ProcessWorkerHost.RunAsync(
            static (range, _) => ValueTask.FromResult(new CpuPartialSum(SumOfSquares.Compute(range.Start, range.End), Environment.ProcessId)),
            CpuJson.Default.CpuRange,
            CpuJson.Default.CpuPartialSum,
            cancellationToken);
}
