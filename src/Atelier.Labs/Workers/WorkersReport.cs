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
        Figures.Text("Workers.Finding.Queue", Tasks.Count, Workers.Count, string.Join(", ", Workers.Select(w => Figures.Text("Workers.PidAnswered", w.ProcessId, w.TasksAnswered)))),
        AllAnswered
            ? Figures.Text("Workers.Finding.AllAnswered")
            : Figures.Text("Workers.Finding.NotAnswered", string.Join("; ", Tasks.Where(t => t.Square is null).Select(t => Figures.Text("Workers.TaskError", t.Number, t.Error)))),
        AllStopped
            ? Figures.Text("Workers.Finding.Stopped", Workers.Count)
            : Figures.Text("Workers.Finding.NotStopped", string.Join("; ", Workers.Where(w => w.Exit != "stopped" || w.ExitCode != 0).Select(w => Figures.Text("Workers.PidExit", w.ProcessId, Figures.Word("Exit", w.Exit), w.ExitCode)))),
        Figures.Text("Workers.Finding.Messages", ElapsedMs / 1000),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, WorkersJson.Default.WorkersReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Workers.Table.Tasks"), [Figures.Text("Column.Task"), Figures.Text("Column.Worker"), "pid", Figures.Text("Column.Answer"), Figures.Text("Column.Time")],
            [.. Tasks.Select(t => (IReadOnlyList<string>)
            [
                Figures.Invariant($"{t.Number}"),
                Figures.Invariant($"{t.Worker}"),
                Figures.Invariant($"{t.ProcessId}"),
                t.Square is { } square ? Figures.Invariant($"{t.Number}² = {square}") : Figures.Text("Workers.Failed", t.Error),
                Figures.Duration(TimeSpan.FromMilliseconds(t.ElapsedMs)),
            ])]),
        new(Figures.Text("Workers.Table.Workers"), [Figures.Text("Column.Worker"), "pid", Figures.Text("Workers.Column.Answered"), Figures.Text("Column.Exit")],
            [.. Workers.Select(w => (IReadOnlyList<string>)
            [
                Figures.Invariant($"{w.Worker}"),
                Figures.Invariant($"{w.ProcessId}"),
                Figures.Invariant($"{w.TasksAnswered}"),
                Figures.Text("Workers.ExitCode", Figures.Word("Exit", w.Exit), w.ExitCode),
            ])]),
    ];
}
