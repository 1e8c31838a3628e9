using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;
using Atelier.Labs.Interleavings;

namespace Atelier.Labs.Race;

/// <summary>What <c>lab race --explore</c> found: the schedules of count++ by outcome, some replayed, and the real runs.</summary>
/// <param name="Threads">How many threads.</param>
/// <param name="Increments">How many count++ each.</param>
/// <param name="Modes">Unsynchronised, lock and Interlocked, in that order.</param>
/// <param name="Shown">Schedules replayed step by step.</param>
/// <param name="RealTrials">How many times real threads ran the unsynchronised program.</param>
/// <param name="RealLost">In how many of those an update was lost.</param>
internal sealed record RaceExploreReport(int Threads, int Increments, IReadOnlyList<ExploredMode> Modes, IReadOnlyList<ShownSchedule> Shown, int RealTrials, int RealLost) : LessonReport
{
    /// <inheritdoc />
    public override string Lesson => "race";

    /// <summary>The lock and Interlocked lose nothing in any schedule, and the unsynchronised program can (with 2 threads or more).</summary>
    public override bool Succeeded => Modes.Skip(1).All(m => m.Lost == 0) && (Threads < 2 || Modes[0].Lost > 0);

    /// <inheritdoc />
    public override IReadOnlyList<string> Findings
    {
        get
        {
            var (racy, locked, atomic) = (Modes[0], Modes[1], Modes[2]);
            var counted = racy.Exhaustive ? "can interleave in" : $"were sampled (seed {racy.Seed}): of";
            return
            [
                Figures.Invariant($"{Threads} threads doing count++ {Increments} time(s) each {counted} {Big(racy.Schedules)} orders of their steps; {Big(racy.Lost)} lose at least one update ({Share(racy.Lost, racy.Schedules)}). count++ is three steps, load, add, store: when another thread's store falls between a thread's load and its store, one write overwrites the other."),
                Figures.Invariant($"Under a lock only {Big(locked.Schedules)} orders remain and none loses: a thread holding the lock runs its three steps with no other thread's in between."),
                Figures.Invariant($"With Interlocked.Increment, {Big(atomic.Schedules)} orders and none loses: the read, the add and the write are one indivisible step."),
                RealLost > 0
                    ? Figures.Invariant($"Real threads running the unsynchronised version {Figures.Count(RealTrials)} times lost an update in {Figures.Count(RealLost)} ({100.0 * RealLost / RealTrials:0.###}%): the bad orders the explorer lists do happen on this machine, just not often.")
                    : Figures.Invariant($"Real threads running the unsynchronised version {Figures.Count(RealTrials)} times never lost an update: the window between load and store is a few nanoseconds, so the bad orders are rare, but the explorer shows they exist (try more --increments)."),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, RaceExploreJson.Default.RaceExploreReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Invariant($"{Threads} threads x {Increments} count++: every order of their steps"),
            ["mode", "orders", "lose an update", "share", "states explored"],
            [.. Modes.Select(m => (IReadOnlyList<string>)[m.Mode, m.Exhaustive ? Big(m.Schedules) : $"{Big(m.Schedules)} sampled", Big(m.Lost), Share(m.Lost, m.Schedules), m.Exhaustive ? Figures.Count(m.States) : "-"])]),
        .. Shown.Select(s => new ReportTable(
            Figures.Invariant($"{s.Mode}: an order that ends with {s.Outcome}"),
            ["#", "thread", "step", "what happened", "count after"],
            [.. s.Steps.Select((step, i) => (IReadOnlyList<string>)[Figures.Count(i + 1), Figures.Invariant($"T{step.Thread}"), step.Step, step.What, Figures.Count(step.Shared[0])])])),
        new("real threads, unsynchronised", ["trials", "lost an update", "share"], [[Figures.Count(RealTrials), Figures.Count(RealLost), Figures.Percent(RealTrials == 0 ? 0 : 100.0 * RealLost / RealTrials)]]),
    ];

    private static string Big(BigInteger value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(BigInteger part, BigInteger whole) => whole.IsZero ? "-" : Figures.Percent((double)(part * 10_000 / whole) / 100);
}

/// <summary>One way of incrementing, as the explorer saw it.</summary>
/// <param name="Mode">unsynchronised, lock or Interlocked.</param>
/// <param name="Exhaustive">Whether every order was counted (else sampled).</param>
/// <param name="Schedules">How many orders (or samples).</param>
/// <param name="Lost">How many of them lost at least one update.</param>
/// <param name="States">Distinct states explored.</param>
/// <param name="Seed">The sampling's seed, when sampled.</param>
internal sealed record ExploredMode(
    string Mode,
    bool Exhaustive,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger Schedules,
    [property: JsonConverter(typeof(BigIntegerJsonConverter))] BigInteger Lost,
    int States,
    int? Seed);

/// <summary>A schedule replayed: the mode, where it ends, and its steps.</summary>
internal sealed record ShownSchedule(string Mode, string Outcome, IReadOnlyList<ScheduleStep> Steps);

/// <summary>JSON for <c>lab race --explore</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RaceExploreReport))]
internal sealed partial class RaceExploreJson : JsonSerializerContext;
