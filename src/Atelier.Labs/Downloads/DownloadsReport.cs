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
                Figures.Text("Downloads.Finding.Threads", Count, Concurrency, waited),
                Figures.Text("Downloads.Finding.Overlap", ElapsedMs / 1000, busy / 1000, busy / ElapsedMs),
                Figures.Text("Downloads.Finding.Board", BoardRefreshes),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, DownloadsJson.Default.DownloadsReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Downloads.Table"), [Figures.Text("Column.File"), Figures.Text("Column.Size"), Figures.Text("Column.Status"), Figures.Text("Column.Waited"), Figures.Text("Column.Downloading")],
            [.. Downloads.Select(d => (IReadOnlyList<string>)
            [
                d.Name,
                Figures.Text("Numbers.MiB", d.Size / 1024.0 / 1024),
                Figures.Word("Status", d.Status.ToString()),
                Figures.Duration(TimeSpan.FromMilliseconds(d.WaitedMs)),
                Figures.Duration(TimeSpan.FromMilliseconds(d.DownloadMs)),
            ])]),
    ];
}
