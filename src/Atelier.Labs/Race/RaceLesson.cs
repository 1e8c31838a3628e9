using System.Diagnostics;

namespace Atelier.Labs.Race;

/// <summary>A counter shared by several threads, updated without synchronisation, under a lock, and with Interlocked.</summary>
internal static class RaceLesson
{
    /// <summary>The lesson as <c>atelier lab race</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<RaceOptions>(
        "race",
        _ => new RaceOptions(),
        [
            LessonOf<RaceOptions>.Number("threads", o => o.Threads, (o, v) => o with { Threads = v }, 1, 256),
            LessonOf<RaceOptions>.Number("increments", o => o.Increments, (o, v) => o with { Increments = v }, 1, 100_000_000),
            LessonOf<RaceOptions>.Flag("explore", o => o.Explore, (o, v) => o with { Explore = v }),
            LessonOf<RaceOptions>.Number("show", o => o.Show, (o, v) => o with { Show = v }, 0, 20),
            LessonOf<RaceOptions>.Number("seed", o => o.Seed, (o, v) => o with { Seed = v }, 0, int.MaxValue),
        ],
        (options, run, ct) => options.Explore ? Explore(options, run, ct) : Run(RunAsync(options, ct)));

    /// <summary>The explorer, with its own defaults for what was not given: 2 threads, one increment each.</summary>
    private static Task<LessonReport> Explore(RaceOptions options, LessonRun run, CancellationToken cancellationToken)
    {
        options = options with
        {
            Threads = run.Values.ContainsKey("threads") ? options.Threads : 2,
            Increments = run.Values.ContainsKey("increments") ? options.Increments : 1,
        };
        return Task.Run<LessonReport>(() => RaceExploration.Run(options, cancellationToken), cancellationToken);
    }

    /// <summary>Runs the three ways one after another.</summary>
    public static Task<RaceReport> RunAsync(RaceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Increments, 1);

        // Threads on purpose: the lesson is about threads sharing memory. Each run is short (milliseconds).
        var runs = new List<RaceRun>();
        foreach (var (mode, increment) in Modes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            runs.Add(Race(mode, increment, options));
        }

        return Task.FromResult(new RaceReport(options.Threads, options.Increments, runs));
    }

    private static IEnumerable<(string Mode, Action<SharedCounter> Increment)> Modes() =>
    [
        ("unsynchronised", c => c.IncrementUnsynchronised()),
        ("lock", c => c.IncrementUnderLock()),
        ("Interlocked", c => c.IncrementInterlocked()),
    ];

    private static RaceRun Race(string mode, Action<SharedCounter> increment, RaceOptions options)
    {
        var counter = new SharedCounter();

        // All threads wait at the start line, so they really run at the same time instead of one finishing
        // before the next has started.
        using var start = new Barrier(options.Threads + 1);
        var threads = Enumerable.Range(0, options.Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < options.Increments; i++)
            {
                increment(counter);
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        threads.ForEach(t => t.Join());
        return new RaceRun(mode, (long)options.Threads * options.Increments, counter.Value, Figures.Ms(clock.Elapsed));
    }

    private static async Task<LessonReport> Run(Task<RaceReport> run) => await run.ConfigureAwait(false);
}
