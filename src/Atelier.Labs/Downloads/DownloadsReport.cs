namespace Atelier.Labs.Downloads;

/// <summary>What the downloads lesson saw.</summary>
/// <param name="Count">How many downloads ran.</param>
/// <param name="Concurrency">How many could download at once.</param>
/// <param name="ElapsedMs">Time until the last one finished.</param>
/// <param name="BoardRefreshes">How many times the board was drawn.</param>
/// <param name="Downloads">Each download, in start order.</param>
public sealed record DownloadsReport(int Count, int Concurrency, double ElapsedMs, int BoardRefreshes, IReadOnlyList<DownloadOutcome> Downloads) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "downloads";

    /// <inheritdoc />
    public override bool Succeeded => Downloads.All(d => d.Status == DownloadStatus.Done);

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings
    {
        get
        {
            var busy = Downloads.Sum(d => d.DownloadMs);
            var waited = Downloads.Count(d => d.WaitedMs >= 1);
            return
            [
                Figures.Invariant($"{Count} downloads ran on {Count} threads, {Concurrency} at a time: {waited} started by waiting for a free slot, as the chapter's 'waiting' status shows."),
                Figures.Invariant($"All finished in {ElapsedMs / 1000:0.00} s though their transfers add up to {busy / 1000:0.00} s: the threads overlapped ({busy / ElapsedMs:0.0}x)."),
                Figures.Invariant($"The board read every download's status {BoardRefreshes} times from another thread while they ran; each status is one value written with Volatile, so it never read a half-updated one."),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, DownloadsJson.Default.DownloadsReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new("Downloads", ["file", "size", "status", "waited", "downloading"],
            [.. Downloads.Select(d => (IReadOnlyList<string>)
            [
                d.Name,
                Figures.Invariant($"{d.Size / 1024.0 / 1024:0.#} MiB"),
                d.Status.ToString().ToLowerInvariant(),
                Figures.Duration(TimeSpan.FromMilliseconds(d.WaitedMs)),
                Figures.Duration(TimeSpan.FromMilliseconds(d.DownloadMs)),
            ])]),
    ];
}
