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
                ? Figures.Invariant($"Without synchronisation {Figures.Count(racy.Lost)} of {Figures.Count(racy.Expected)} updates were lost ({100.0 * racy.Lost / racy.Expected:0.#}%): count++ reads, adds and writes, and when two threads read the same value one of their writes is overwritten.")
                : Figures.Invariant($"This run happened not to lose any updates without synchronisation: the race is real but depends on timing; try more --increments or --threads.");
            return
            [
                first,
                Figures.Invariant($"With a lock the count is exact ({Figures.Count(locked.Obtained)}), {locked.ElapsedMs / Math.Max(racy.ElapsedMs, 0.001):0.0}x the unsynchronised time: one thread at a time, and the threads queue for the lock."),
                Figures.Invariant($"With Interlocked.Increment it is exact too ({Figures.Count(atomic.Obtained)}), {atomic.ElapsedMs / Math.Max(locked.ElapsedMs, 0.001):0.00}x the time of the lock: one atomic instruction, no lock to wait for."),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, RaceJson.Default.RaceReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Invariant($"{Threads} threads x {Figures.Count(Increments)} increments of one shared counter"),
            ["mode", "expected", "obtained", "lost", "time"],
            [.. Runs.Select(r => (IReadOnlyList<string>)[r.Mode, Figures.Count(r.Expected), Figures.Count(r.Obtained), Figures.Count(r.Lost), Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs))])]),
    ];
}
