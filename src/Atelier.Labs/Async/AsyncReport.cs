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
        Context[0].Finished
            ? Figures.Invariant($".Result on the single-threaded context finished this time ({Context[0].ElapsedMs:0} ms): it should not have; the task must have completed before its continuation was needed.")
            : Figures.Invariant($".Result on a single-threaded context deadlocked: its one thread blocked waiting for the task, and the task's continuation was queued to run on that same thread. The watchdog gave up after {WatchdogMs:0} ms."),
        Figures.Invariant($"With ConfigureAwait(false) inside the task, its continuation runs on the thread pool instead: .Result returned in {Context[1].ElapsedMs:0} ms. With await instead of .Result the thread is free while it waits: {Context[2].ElapsedMs:0} ms."),
        Figures.Invariant($"{Requests} requests each blocking a pool thread for {WaitMs:0} ms took {Pool[0].ElapsedMs:0} ms, and the pool grew from {Pool[0].ThreadsBefore} to {Pool[0].ThreadsMost} threads, injecting them slowly; awaited, the same requests took {Pool[1].ElapsedMs:0} ms on {Pool[1].ThreadsMost} threads: a waiting request holds no thread."),
    ];

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, AsyncJson.Default.AsyncReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new("waiting for a task on a single-threaded context",
            ["way", "finished", "time"],
            [.. Context.Select(c => (IReadOnlyList<string>)[c.Way, c.Finished ? "yes" : "no: deadlock (watchdog)", Figures.Duration(TimeSpan.FromMilliseconds(c.ElapsedMs))])]),
        new(Figures.Invariant($"{Requests} requests of {WaitMs:0} ms at once on the thread pool"),
            ["requests", "time", "pool threads before", "most pool threads"],
            [.. Pool.Select(p => (IReadOnlyList<string>)[p.Way, Figures.Duration(TimeSpan.FromMilliseconds(p.ElapsedMs)), Figures.Count(p.ThreadsBefore), Figures.Count(p.ThreadsMost)])]),
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
