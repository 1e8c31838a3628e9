namespace Atelier.Labs.Race;

/// <summary>What the race lesson counted.</summary>
/// <param name="Threads">How many threads shared the counter.</param>
/// <param name="Increments">How many increments each made.</param>
/// <param name="Runs">Unsynchronised, lock and Interlocked, in that order.</param>
internal sealed record RaceReport(int Threads, int Increments, IReadOnlyList<RaceRun> Runs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "race";

    /// <summary>The lock and Interlocked runs must be exact; the unsynchronised one may lose updates.</summary>
    public override bool Succeeded => Runs.Skip(1).All(r => r.Lost == 0);

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings
    {
        get
        {
            var (racy, locked, atomic) = (Runs[0], Runs[1], Runs[2]);
            var first = racy.Lost > 0
                ? Figures.Text("Race.Finding.Lost", Figures.Count(racy.Lost), Figures.Count(racy.Expected), Figures.Percent(100.0 * racy.Lost / racy.Expected))
                : Figures.Text("Race.Finding.NoneLost");
            return
            [
                first,
                Figures.Text("Race.Finding.Lock", Figures.Count(locked.Obtained), locked.ElapsedMs / Math.Max(racy.ElapsedMs, 0.001)),
                Figures.Text("Race.Finding.Interlocked", Figures.Count(atomic.Obtained), atomic.ElapsedMs / Math.Max(locked.ElapsedMs, 0.001)),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, RaceJson.Default.RaceReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Race.Table", Threads, Figures.Count(Increments)),
            [Figures.Text("Column.Mode"), Figures.Text("Column.Expected"), Figures.Text("Column.Obtained"), Figures.Text("Column.Lost"), Figures.Text("Column.Time")],
            [.. Runs.Select(r => (IReadOnlyList<string>)[Figures.Word("Mode", r.Mode), Figures.Count(r.Expected), Figures.Count(r.Obtained), Figures.Count(r.Lost), Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs))])]),
    ];
}
