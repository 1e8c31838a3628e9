namespace Atelier.Labs.Workers;

/// <summary>What the workers lesson saw.</summary>
/// <param name="Tasks">Every task, in number order.</param>
/// <param name="Workers">Every worker process, in the order they ended.</param>
/// <param name="ElapsedMs">Time from the first task sent to the last worker gone.</param>
internal sealed record WorkersReport(IReadOnlyList<TaskOutcome> Tasks, IReadOnlyList<WorkerOutcome> Workers, double ElapsedMs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "workers";

    /// <summary>Every task answered exactly once, every worker stopped by its stop message.</summary>
    public bool AllAnswered => Tasks.All(t => t.Square is not null) && Tasks.Select(t => t.Number).Distinct().Count() == Tasks.Count;

    /// <summary>Every worker exited cleanly after its stop message.</summary>
    public bool AllStopped => Workers.All(w => w is { Exit: "stopped", ExitCode: 0 });

    /// <inheritdoc />
    public override bool Succeeded => AllAnswered && AllStopped;

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings =>
    [
        Figures.Invariant($"{Tasks.Count} tasks went onto the input queue; {Workers.Count} worker processes each took the next task as soon as they were free, and answered on the output queue ({string.Join(", ", Workers.Select(w => $"pid {w.ProcessId}: {w.TasksAnswered}"))})."),
        AllAnswered
            ? "Every task was answered exactly once."
            : Figures.Invariant($"Not every task was answered: {string.Join("; ", Tasks.Where(t => t.Square is null).Select(t => $"task {t.Number}: {t.Error}"))}."),
        AllStopped
            ? Figures.Invariant($"Then one stop message (the poison pill) per worker: all {Workers.Count} read it, left their loop and exited with code 0.")
            : Figures.Invariant($"Not every worker stopped cleanly: {string.Join("; ", Workers.Where(w => w.Exit != "stopped" || w.ExitCode != 0).Select(w => $"pid {w.ProcessId} {w.Exit} with code {w.ExitCode}"))}."),
        Figures.Invariant($"Each worker is its own process with its own memory: nothing is shared, every task and answer is a message (one JSON line over a pipe), {ElapsedMs / 1000:0.00} s in all."),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, WorkersJson.Default.WorkersReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new("Tasks", ["task", "worker", "pid", "answer", "time"],
            [.. Tasks.Select(t => (IReadOnlyList<string>)
            [
                Figures.Invariant($"{t.Number}"),
                Figures.Invariant($"{t.Worker}"),
                Figures.Invariant($"{t.ProcessId}"),
                t.Square is { } square ? Figures.Invariant($"{t.Number}² = {square}") : $"failed: {t.Error}",
                Figures.Duration(TimeSpan.FromMilliseconds(t.ElapsedMs)),
            ])]),
        new("Workers", ["worker", "pid", "tasks answered", "exit"],
            [.. Workers.Select(w => (IReadOnlyList<string>)
            [
                Figures.Invariant($"{w.Worker}"),
                Figures.Invariant($"{w.ProcessId}"),
                Figures.Invariant($"{w.TasksAnswered}"),
                Figures.Invariant($"{w.Exit}, code {w.ExitCode}"),
            ])]),
    ];
}
