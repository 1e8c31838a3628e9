namespace Atelier.Labs.Threads;

/// <summary>What the threads lesson measured.</summary>
/// <param name="Tasks">How many tasks each way ran.</param>
/// <param name="DelayMs">How long each task waited.</param>
/// <param name="Runs">Sequential, threads and async tasks, in that order.</param>
internal sealed record ThreadsReport(int Tasks, double DelayMs, IReadOnlyList<ThreadsRun> Runs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "threads";

    /// <inheritdoc />
    public override bool Succeeded => Runs.Count == 3;

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings
    {
        get
        {
            var sequential = Runs[0];
            var threads = Runs[1];
            var tasks = Runs[2];
            return
            [
                Figures.Text("Threads.Finding.Sequential", Tasks, DelayMs, sequential.ElapsedMs / 1000),
                Figures.Text(DelayMs > 0 ? "Threads.Finding.Threads" : "Threads.Finding.ThreadsNoWait", threads.ElapsedMs / 1000, Than(threads.Speedup), Tasks, Environment.ProcessorCount),
                Figures.Text(DelayMs > 0 ? "Threads.Finding.Tasks" : "Threads.Finding.TasksNoWait", tasks.ElapsedMs / 1000, Than(tasks.Speedup)),
            ];
        }
    }

    private static string Than(double speedup) => speedup switch
    {
        >= 1.05 => Figures.Text("Threads.Faster", speedup),
        > 0 and <= 0.95 => Figures.Text("Threads.Slower", 1 / speedup),
        <= 0 => Figures.Text("Threads.SlowerPlain"),
        _ => Figures.Text("Threads.AsFast"),
    };

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, ThreadsJson.Default.ThreadsReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Threads.Table", Tasks, DelayMs),
            [Figures.Text("Column.Mode"), Figures.Text("Column.Time"), Figures.Text("Column.Speedup"), Figures.Text("Threads.Column.Blocked")],
            [.. Runs.Select(r => (IReadOnlyList<string>)[Figures.Word("Mode", r.Mode), Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs)), Figures.Times(r.Speedup), Figures.Count(r.BlockedThreads)])]),
    ];
}
