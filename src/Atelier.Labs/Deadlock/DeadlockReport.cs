using System.Numerics;
using System.Text.Json.Serialization;
using Atelier.Labs.Interleavings;

namespace Atelier.Labs.Deadlock;

/// <summary>What the deadlock lesson found: each way of taking the locks explored, a deadlock replayed with its cycle, and the real runs.</summary>
/// <param name="Variants">Opposite orders, one global order, TryEnter; in that order.</param>
/// <param name="Deadlock">The first schedule that deadlocks, step by step.</param>
/// <param name="Cycle">Where it leaves the threads: each holds one lock and waits for the other's.</param>
/// <param name="Real">Real threads, each way.</param>
/// <param name="WatchdogMs">How long a real thread waited for its second lock before the watchdog called it a hang.</param>
internal sealed record DeadlockReport(IReadOnlyList<DeadlockVariant> Variants, IReadOnlyList<ScheduleStep> Deadlock, IReadOnlyList<BlockedThread> Cycle, IReadOnlyList<RealAttempts> Real, double WatchdogMs) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "deadlock";

    /// <summary>The explorer finds deadlocks in opposite orders and none in the fixes, and the fixes never hung for real.</summary>
    public override bool Succeeded => Variants[0].Deadlocks > 0 && Variants.Skip(1).All(v => v.Deadlocks == 0) && Real.Skip(1).All(r => r.Hung == 0);

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings
    {
        get
        {
            var (opposite, ordered, retrying) = (Variants[0], Variants[1], Variants[2]);
            var cycle = string.Join("; ", Cycle.Select(c => Figures.Text("Deadlock.Waits", c.Thread, string.Join(", ", c.Holds), c.WaitsFor, c.HeldBy)));
            return
            [
                Figures.Text("Deadlock.Finding.Opposite", Big(opposite.Deadlocks), Big(opposite.Schedules), cycle),
                Figures.Text("Deadlock.Finding.Ordered", Big(ordered.Schedules), Big(ordered.Deadlocks)),
                Figures.Text("Deadlock.Finding.TryEnter", Big(retrying.Deadlocks), Big(retrying.Schedules), Big(retrying.Retried), Big(retrying.Livelocks)),
                Figures.Text("Deadlock.Finding.Real", Real[0].Hung, Real[0].Attempts, WatchdogMs, Real[1].Hung, Real[1].Attempts, Real[2].Hung, Figures.Count(Real[2].Retries)),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, DeadlockJson.Default.DeadlockReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Deadlock.Table"),
            [Figures.Text("Deadlock.Column.Taken"), Figures.Text("Deadlock.Column.Schedules"), Figures.Text("Deadlock.Column.Deadlock"), Figures.Text("Deadlock.Column.StartOver"), Figures.Text("Deadlock.Column.Livelock"), Figures.Text("Explore.Column.States")],
            [.. Variants.Select(v => (IReadOnlyList<string>)[Figures.Word("Locks", v.Name), Big(v.Schedules), Big(v.Deadlocks), Big(v.Retried), Big(v.Livelocks), Figures.Count(v.States)])]),
        new(Figures.Text("Deadlock.Table.Schedule"),
            ["#", Figures.Text("Column.Thread"), Figures.Text("Column.Step"), Figures.Text("Column.WhatHappened")],
            [.. Deadlock.Select((s, i) => (IReadOnlyList<string>)[Figures.Count(i + 1), Figures.Invariant($"T{s.Thread}"), s.Step, s.What]),
             .. Cycle.Select(c => (IReadOnlyList<string>)["-", Figures.Invariant($"T{c.Thread}"), Figures.Text("Step.Lock", c.WaitsFor), Figures.Text("Deadlock.WaitsShort", c.WaitsFor, c.HeldBy)])]),
        new(Figures.Text("Deadlock.Table.Real"),
            [Figures.Text("Deadlock.Column.Taken"), Figures.Text("Deadlock.Column.Attempts"), Figures.Text("Deadlock.Column.Hung"), Figures.Text("Deadlock.Column.StartedOver"), Figures.Text("Column.Time")],
            [.. Real.Select(r => (IReadOnlyList<string>)[Figures.Word("Locks", r.Name), Figures.Count(r.Attempts), Figures.Count(r.Hung), Figures.Count(r.Retries), Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs))])]),
    ];

    private static string Big(BigInteger value) => Figures.Count(value);
}

/// <summary>One way of taking the two locks, as the explorer counted it.</summary>
internal sealed record DeadlockVariant(
    string Name,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger Schedules,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger Deadlocks,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger Livelocks,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger Retried,
    int States);

/// <summary>Real threads taking the locks one way, several times.</summary>
internal sealed record RealAttempts(string Name, int Attempts, int Hung, int Retries, double ElapsedMs);

/// <summary>JSON for the deadlock lesson.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeadlockReport))]
internal sealed partial class DeadlockJson : JsonSerializerContext;
