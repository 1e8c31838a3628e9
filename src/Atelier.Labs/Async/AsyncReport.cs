using System.Text.Json.Serialization;

namespace Atelier.Labs.Async;

/// <summary>What the async lesson measured.</summary>
/// <param name="Context">The three ways of waiting on a single-threaded context: .Result, .Result with ConfigureAwait(false) inside, await.</param>
/// <param name="Pool">The requests blocked, then awaited.</param>
/// <param name="Requests">How many requests at once.</param>
/// <param name="WaitMs">How long each waited.</param>
/// <param name="WatchdogMs">How long a blocked wait could last before it counted as a deadlock.</param>
internal sealed record AsyncReport(IReadOnlyList<ContextRun> Context, IReadOnlyList<PoolRun> Pool, int Requests, double WaitMs, double WatchdogMs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "async";

    /// <summary>.Result deadlocked and the two others did not (the pool's figures depend on how warm it was: they are shown, not judged).</summary>
    public override bool Succeeded => !Context[0].Finished && Context.Skip(1).All(c => c.Finished);

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings =>
    [
        Context[0].Finished ? Figures.Text("Async.Finding.ResultFinished", Context[0].ElapsedMs) : Figures.Text("Async.Finding.Deadlock", WatchdogMs),
        Figures.Text("Async.Finding.Fixes", Context[1].ElapsedMs, Context[2].ElapsedMs),
        Figures.Text("Async.Finding.Pool", Requests, WaitMs, Pool[0].ElapsedMs, Pool[0].ThreadsBefore, Pool[0].ThreadsMost, Pool[1].ElapsedMs, Pool[1].ThreadsMost),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, AsyncJson.Default.AsyncReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Async.Table.Context"),
            [Figures.Text("Async.Column.Way"), Figures.Text("Async.Column.Finished"), Figures.Text("Column.Time")],
            [.. Context.Select(c => (IReadOnlyList<string>)[Figures.Word("Way", c.Way), Figures.Text(c.Finished ? "Yes" : "Async.Deadlock"), Figures.Duration(TimeSpan.FromMilliseconds(c.ElapsedMs))])]),
        new(Figures.Text("Async.Table.Pool", Requests, WaitMs),
            [Figures.Text("Async.Column.Requests"), Figures.Text("Column.Time"), Figures.Text("Async.Column.Before"), Figures.Text("Async.Column.Most")],
            [.. Pool.Select(p => (IReadOnlyList<string>)[Figures.Word("Way", p.Way), Figures.Duration(TimeSpan.FromMilliseconds(p.ElapsedMs)), Figures.Count(p.ThreadsBefore), Figures.Count(p.ThreadsMost)])]),
    ];
}

/// <summary>One way of waiting on the single-threaded context.</summary>
internal sealed record ContextRun(string Way, bool Finished, double ElapsedMs);

/// <summary>The requests one way: how long all took, and the pool's threads.</summary>
internal sealed record PoolRun(string Way, double ElapsedMs, int ThreadsBefore, int ThreadsMost);

/// <summary>JSON for the async lesson.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AsyncReport))]
internal sealed partial class AsyncJson : JsonSerializerContext;
