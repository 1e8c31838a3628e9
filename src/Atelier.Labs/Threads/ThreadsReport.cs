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
                Figures.Invariant($"Sequential: {Tasks} waits of {DelayMs:0.#} ms one after another took {sequential.ElapsedMs / 1000:0.00} s, the sum of the waits."),
                Figures.Invariant($"Threads: one thread per task took {threads.ElapsedMs / 1000:0.00} s, {threads.Speedup:0.0}x faster: a sleeping thread needs no CPU, so all {Tasks} waits overlap even on {Environment.ProcessorCount} cores."),
                Figures.Invariant($"Async tasks: {tasks.ElapsedMs / 1000:0.00} s, {tasks.Speedup:0.0}x faster, without holding any thread while waiting: in .NET, I/O-bound concurrency wants tasks, not threads."),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, ThreadsJson.Default.ThreadsReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Invariant($"{Tasks} tasks, each waiting {DelayMs:0.#} ms"),
            ["mode", "time", "speedup", "threads blocked while waiting"],
            [.. Runs.Select(r => (IReadOnlyList<string>)[r.Mode, Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs)), Figures.Times(r.Speedup), r.BlockedThreads.ToString(System.Globalization.CultureInfo.InvariantCulture)])]),
    ];
}
