using System.Globalization;
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
            var cycle = string.Join("; ", Cycle.Select(c => $"thread {c.Thread} holds {string.Join(", ", c.Holds)} and waits for {c.WaitsFor}, held by thread {c.HeldBy}"));
            return
            [
                Figures.Invariant($"Taking A then B in one thread and B then A in the other: {Big(opposite.Deadlocks)} of {Big(opposite.Schedules)} schedules deadlock. Each thread took its first lock before either took its second: {cycle}. A cycle of waits: no thread can ever go on."),
                Figures.Invariant($"With one global order (both take A first) there are {Big(ordered.Schedules)} schedules and {Big(ordered.Deadlocks)} deadlock: whoever holds A will get B, so no cycle can form."),
                Figures.Invariant($"With TryEnter, a thread that finds its second lock taken gives back its first and starts over: {Big(retrying.Deadlocks)} deadlocks in {Big(retrying.Schedules)} schedules, but {Big(retrying.Retried)} finish only after starting over and {Big(retrying.Livelocks)} start over more than the bound allows: a livelock, both busy and neither getting anywhere, is possible."),
                Figures.Invariant($"Real threads: opposite orders hung in {Real[0].Hung} of {Real[0].Attempts} attempts (each ended by the watchdog after {WatchdogMs:0} ms); one global order in {Real[1].Hung} of {Real[1].Attempts}; TryEnter in {Real[2].Hung}, starting over {Figures.Count(Real[2].Retries)} times."),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, DeadlockJson.Default.DeadlockReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new("two threads, two locks: every schedule",
            ["locks taken", "schedules", "deadlock", "start over", "livelock (bound)", "states"],
            [.. Variants.Select(v => (IReadOnlyList<string>)[v.Name, Big(v.Schedules), Big(v.Deadlocks), Big(v.Retried), Big(v.Livelocks), Figures.Count(v.States)])]),
        new("opposite orders: a schedule that deadlocks",
            ["#", "thread", "step", "what happened"],
            [.. Deadlock.Select((s, i) => (IReadOnlyList<string>)[Figures.Count(i + 1), Figures.Invariant($"T{s.Thread}"), s.Step, s.What]),
             .. Cycle.Select(c => (IReadOnlyList<string>)["-", Figures.Invariant($"T{c.Thread}"), $"lock {c.WaitsFor}", Figures.Invariant($"waits: {c.WaitsFor} is held by T{c.HeldBy}")])]),
        new("real threads",
            ["locks taken", "attempts", "hung", "started over", "time"],
            [.. Real.Select(r => (IReadOnlyList<string>)[r.Name, Figures.Count(r.Attempts), Figures.Count(r.Hung), Figures.Count(r.Retries), Figures.Duration(TimeSpan.FromMilliseconds(r.ElapsedMs))])]),
    ];

    private static string Big(BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);
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
