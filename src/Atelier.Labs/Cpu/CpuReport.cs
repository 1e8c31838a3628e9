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
                ? Figures.Text("Cpu.Finding.Identical", Expected)
                : Figures.Text("Cpu.Finding.Differ", string.Join("; ", Runs.Where(r => !r.Matches).Select(r => $"{Figures.Word("Mode", r.Mode)}: {r.Error ?? Figures.Count(r.Total)}")));
            return
            [
                identical,
                Figures.Text("Cpu.Finding.Threads", threads.Speedup, Environment.ProcessorCount),
                Figures.Text("Cpu.Finding.Processes", cold.Speedup, Workers, Math.Max(0, cold.ElapsedMs - warm.ElapsedMs), warm.Speedup),
                Figures.Text("Cpu.Finding.Sequential", sequential.ElapsedMs / 1000, Figures.Count(Limit)),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, CpuJson.Default.CpuReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Cpu.Table", Figures.Count(Limit), Ranges, Workers),
            [Figures.Text("Column.Mode"), Figures.Text("Column.Time"), Figures.Text("Column.Speedup"), Figures.Text("Cpu.Column.Same")],
            [.. Runs.Select(r => (IReadOnlyList<string>)[Figures.Word("Mode", r.Mode), Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs)), Figures.Times(r.Speedup), Figures.Text(r.Matches ? "Yes" : "NoLoud")])]),
    ];
}
