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
            return
            [
                racy.Exhaustive
                    ? Figures.Text("Explore.Finding.Orders", Threads, Increments, Big(racy.Schedules), Big(racy.Lost), Share(racy.Lost, racy.Schedules))
                    : Figures.Text("Explore.Finding.Sampled", Threads, Increments, Big(racy.Schedules), racy.Seed, Big(racy.Lost), Share(racy.Lost, racy.Schedules)),
                Figures.Text("Explore.Finding.Lock", Big(locked.Schedules)),
                Figures.Text("Explore.Finding.Interlocked", Big(atomic.Schedules)),
                RealLost > 0
                    ? Figures.Text("Explore.Finding.Real", Figures.Count(RealTrials), Figures.Count(RealLost), Figures.FinePercent(100.0 * RealLost / RealTrials))
                    : Figures.Text("Explore.Finding.RealNone", Figures.Count(RealTrials)),
            ];
        }
    }

    /// <inheritdoc />
    public override string ToJson() => ReadableJson.Serialize(this, RaceExploreJson.Default.RaceExploreReport);

    /// <inheritdoc />
    public override IReadOnlyList<ReportTable> ToTables() =>
    [
        new(Figures.Text("Explore.Table", Threads, Increments),
            [Figures.Text("Column.Mode"), Figures.Text("Explore.Column.Orders"), Figures.Text("Explore.Column.Lose"), Figures.Text("Column.Share"), Figures.Text("Explore.Column.States")],
            [.. Modes.Select(m => (IReadOnlyList<string>)[Figures.Word("Mode", m.Mode), m.Exhaustive ? Big(m.Schedules) : Figures.Text("Explore.SampledCount", Big(m.Schedules)), Big(m.Lost), Share(m.Lost, m.Schedules), m.Exhaustive ? Figures.Count(m.States) : "-"])]),
        .. Shown.Select(s => new ReportTable(
            Figures.Text("Explore.Shown", Figures.Word("Mode", s.Mode), s.Outcome),
            ["#", Figures.Text("Column.Thread"), Figures.Text("Column.Step"), Figures.Text("Column.WhatHappened"), Figures.Text("Explore.Column.CountAfter")],
            [.. s.Steps.Select((step, i) => (IReadOnlyList<string>)[Figures.Count(i + 1), Figures.Invariant($"T{step.Thread}"), step.Step, step.What, Figures.Count(step.Shared[0])])])),
        new(Figures.Text("Explore.Table.Real"), [Figures.Text("Explore.Column.Trials"), Figures.Text("Explore.Column.LostOne"), Figures.Text("Column.Share")], [[Figures.Count(RealTrials), Figures.Count(RealLost), Figures.FinePercent(RealTrials == 0 ? 0 : 100.0 * RealLost / RealTrials)]]),
    ];

    private static string Big(BigInteger value) => Figures.Count(value);

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
