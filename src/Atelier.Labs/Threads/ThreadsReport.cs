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
                DelayMs > 0
                    ? Figures.Invariant($"Threads: one thread per task took {threads.ElapsedMs / 1000:0.00} s, {Than(threads.Speedup)}: a sleeping thread needs no CPU, so all {Tasks} waits overlap even on {Environment.ProcessorCount} cores.")
                    : Figures.Invariant($"Threads: one thread per task took {threads.ElapsedMs / 1000:0.00} s, {Than(threads.Speedup)}: with no wait to overlap, starting a thread for each task is all cost."),
                DelayMs > 0
                    ? Figures.Invariant($"Async tasks: {tasks.ElapsedMs / 1000:0.00} s, {Than(tasks.Speedup)}, without holding any thread while waiting: in .NET, I/O-bound concurrency wants tasks, not threads.")
                    : Figures.Invariant($"Async tasks: {tasks.ElapsedMs / 1000:0.00} s, {Than(tasks.Speedup)}: concurrency pays only when there is waiting to overlap."),
            ];
        }
    }

    /// <summary>"3.9x faster", "12.0x slower", "as fast": the sequential time over this one.</summary>
    private static string Than(double speedup) => speedup switch
    {
        >= 1.05 => Figures.Invariant($"{speedup:0.0}x faster"),
        > 0 and <= 0.95 => Figures.Invariant($"{1 / speedup:0.0}x slower"),
        <= 0 => "slower",
        _ => "about as fast",
    };

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
