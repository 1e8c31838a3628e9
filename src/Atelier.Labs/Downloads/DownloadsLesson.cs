using System.Diagnostics;

namespace Atelier.Labs.Downloads;

/// <summary>Simulated downloads, each on its own thread, watched by a status board that refreshes on a timer.</summary>
public static class DownloadsLesson
{
    /// <summary>The shortest refresh the board takes: a person cannot read faster, and the threads need the time.</summary>
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromMilliseconds(10);

    /// <summary>The lesson as <c>atelier lab downloads</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<DownloadsOptions>(
        "downloads",
        _ => new DownloadsOptions(),
        [
            LessonOf<DownloadsOptions>.Number("count", o => o.Count, (o, v) => o with { Count = v }, 1, 1_000),
            LessonOf<DownloadsOptions>.Number("concurrency", o => o.Concurrency, (o, v) => o with { Concurrency = v }, 1, 256),
            LessonOf<DownloadsOptions>.Duration("refresh", o => o.Refresh, (o, v) => o with { Refresh = v < MinimumRefresh ? MinimumRefresh : v }, TimeSpan.FromSeconds(10)),
            LessonOf<DownloadsOptions>.Number("seed", o => o.Seed, (o, v) => o with { Seed = v }, 0, int.MaxValue),
        ],
        (options, run, ct) => Run(RunAsync(options, run.Board, ct)));

    /// <summary>Starts every download, reports the board at each refresh until all have finished.</summary>
    /// <param name="options">How many downloads, how many at once, how often to refresh.</param>
    /// <param name="board">Receives a copy of the board at each refresh, and once more at the end.</param>
    /// <param name="cancellationToken">Stops the downloads.</param>
    public static async Task<DownloadsReport> RunAsync(DownloadsOptions options, IProgress<DownloadBoard>? board = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Refresh, MinimumRefresh);

        var random = new Random(options.Seed);
        using var slots = new SemaphoreSlim(options.Concurrency);
        var downloads = Enumerable.Range(1, options.Count)
            .Select(i => new SimulatedDownload(
                $"file-{i}.bin",
                size: random.NextInt64(1, 9) * 1024 * 1024,
                bytesPerSecond: random.NextInt64(4, 13) * 1024 * 1024,
                slots,
                cancellationToken))
            .ToList();

        var clock = Stopwatch.StartNew();
        downloads.ForEach(d => d.Start());

        var refreshes = 0;
        using (var timer = new PeriodicTimer(options.Refresh))
        {
            while (downloads.Any(d => d.Status is DownloadStatus.Waiting or DownloadStatus.InProgress))
            {
                board?.Report(new DownloadBoard(++refreshes, clock.Elapsed, [.. downloads.Select(d => d.Snapshot())]));
                await timer.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        downloads.ForEach(d => d.Join());
        var elapsed = clock.Elapsed;
        board?.Report(new DownloadBoard(++refreshes, elapsed, [.. downloads.Select(d => d.Snapshot())]));
        cancellationToken.ThrowIfCancellationRequested();
        return new DownloadsReport(options.Count, options.Concurrency, Figures.Ms(elapsed), refreshes, [.. downloads.Select(d => d.Outcome())]);
    }

    private static async Task<LessonReport> Run(Task<DownloadsReport> run) => await run.ConfigureAwait(false);
}
