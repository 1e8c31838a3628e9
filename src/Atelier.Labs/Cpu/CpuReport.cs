using System.Text.Json.Serialization;

namespace Atelier.Labs.Cpu;

/// <summary>What the cpu lesson measured.</summary>
/// <param name="Limit">The sum ran over 0 ≤ i &lt; Limit.</param>
/// <param name="Ranges">How many ranges it was split into.</param>
/// <param name="Workers">How many threads or processes shared them.</param>
/// <param name="Expected">The closed-form result.</param>
/// <param name="Runs">Sequential, threads, processes (first batch, with start-up) and processes again (warm).</param>
internal sealed record CpuReport(
    long Limit,
    int Ranges,
    int Workers,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] Int128 Expected,
    IReadOnlyList<CpuRun> Runs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "cpu";

    /// <inheritdoc />
    public override bool Succeeded => Runs.All(r => r.Matches);

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings
    {
        get
        {
            var (sequential, threads, cold, warm) = (Runs[0], Runs[1], Runs[2], Runs[3]);
            var identical = Succeeded
                ? Figures.Invariant($"All four results are identical and equal the closed form (n-1)n(2n-1)/6 = {Expected}.")
                : Figures.Invariant($"The results differ: {string.Join("; ", Runs.Where(r => !r.Matches).Select(r => $"{r.Mode}: {r.Error ?? r.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}.");
            return
            [
                identical,
                Figures.Invariant($"Threads: {threads.Speedup:0.0}x on {Environment.ProcessorCount} cores. In .NET, threads run CPU-bound code in parallel: there is no global interpreter lock to step around."),
                Figures.Invariant($"Processes: {cold.Speedup:0.0}x for the first batch, which includes starting {Workers} worker processes ({Math.Max(0, cold.ElapsedMs - warm.ElapsedMs):0} ms more than the second), and {warm.Speedup:0.0}x once they run. Processes add isolation (a crash stays in its process) and cost (start-up, copying messages); for CPU work in .NET they are not needed for speed."),
                Figures.Invariant($"Sequential took {sequential.ElapsedMs / 1000:0.00} s for {Figures.Count(Limit)} terms."),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, CpuJson.Default.CpuReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Invariant($"Sum of i² for 0 <= i < {Figures.Count(Limit)}, in {Ranges} ranges, {Workers} workers"),
            ["mode", "time", "speedup", "same result"],
            [.. Runs.Select(r => (IReadOnlyList<string>)[r.Mode, Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs)), Figures.Times(r.Speedup), r.Matches ? "yes" : "NO"])]),
    ];
}
