using System.Text.Json.Serialization;

namespace Atelier.Labs.Reorder;

/// <summary>What the store-buffer test saw, each way.</summary>
/// <param name="Explored">The explorer's count of the interleavings of the four steps, and of those in which both read 0 (none).</param>
/// <param name="Runs">Plain, Volatile, MemoryBarrier, in that order.</param>
internal sealed record ReorderReport(
    [property: JsonIgnore] (System.Numerics.BigInteger Orders, System.Numerics.BigInteger BothZero) Explored,
    IReadOnlyList<ReorderRun> Runs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "reorder";

    /// <summary>How many orders of the steps the explorer counted (sequential consistency).</summary>
    [JsonConverter(typeof(Interleavings.BigIntegerJsonConverter))]
    public System.Numerics.BigInteger Orders => Explored.Orders;

    /// <summary>In how many of them both threads read 0: none.</summary>
    [JsonConverter(typeof(Interleavings.BigIntegerJsonConverter))]
    public System.Numerics.BigInteger OrdersBothZero => Explored.BothZero;

    /// <summary>With a full fence, both reading 0 is impossible: it must never be seen (nor in any interleaving).</summary>
    public override bool Succeeded => Runs[2].BothZero == 0 && Explored.BothZero == 0;

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings =>
    [
        Figures.Text("Reorder.Finding.Rule", Figures.Count(Explored.Orders), Figures.Count(Explored.BothZero)),
        Runs[0].BothZero > 0
            ? Figures.Text("Reorder.Finding.Plain", Figures.Count(Runs[0].BothZero), Figures.Count(Runs[0].Rounds))
            : Figures.Text("Reorder.Finding.PlainNone", Figures.Count(Runs[0].Rounds)),
        Figures.Text("Reorder.Finding.Volatile", Figures.Count(Runs[1].BothZero), Figures.Count(Runs[1].Rounds)),
        Figures.Text("Reorder.Finding.Barrier", Figures.Count(Runs[2].BothZero), Figures.Count(Runs[2].Rounds)),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, ReorderJson.Default.ReorderReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Reorder.Table"),
            [Figures.Text("Column.Mode"), Figures.Text("Reorder.Column.Rounds"), Figures.Text("Reorder.Column.BothZero"), Figures.Text("Column.Share"), Figures.Text("Column.Time")],
            [.. Runs.Select(r => (IReadOnlyList<string>)[Figures.Word("Mode", r.Way), Figures.Count(r.Rounds), Figures.Count(r.BothZero), Figures.FinePercent(r.Rounds == 0 ? 0 : 100.0 * r.BothZero / r.Rounds), Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs))])]),
    ];
}

/// <summary>One way of writing the test: how many rounds, how many in which both threads read 0.</summary>
internal sealed record ReorderRun(string Way, int Rounds, long BothZero, double ElapsedMs);

/// <summary>JSON for the reorder lesson.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReorderReport))]
internal sealed partial class ReorderJson : JsonSerializerContext;
