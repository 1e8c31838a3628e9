using System.Diagnostics;

namespace Atelier.Labs.Threads;

/// <summary>Sequential vs threads vs async tasks on work that only waits, like I/O.</summary>
internal static class ThreadsLesson
{
    /// <summary>The lesson as <c>atelier lab threads</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<ThreadsOptions>(
        "threads",
        _ => new ThreadsOptions(),
        [
            LessonOf<ThreadsOptions>.Number("tasks", o => o.Tasks, (o, v) => o with { Tasks = v }, 1, 1_000),
            LessonOf<ThreadsOptions>.Duration("delay", o => o.Delay, (o, v) => o with { Delay = v }, TimeSpan.FromSeconds(10)),
        ],
        (options, _, ct) => Run(RunAsync(options, ct)));

    /// <summary>Runs the tasks each way and measures how long each way takes.</summary>
    public static async Task<ThreadsReport> RunAsync(ThreadsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Tasks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Delay, TimeSpan.Zero);

        var sequential = Measure(() =>
        {
            for (var i = 0; i < options.Tasks && Wait(options.Delay, cancellationToken); i++)
            {
            }
        });
        cancellationToken.ThrowIfCancellationRequested();

        var threaded = Measure(() =>
        {
            var threads = Enumerable.Range(0, options.Tasks).Select(_ => new Thread(() => Wait(options.Delay, cancellationToken))).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        });
        cancellationToken.ThrowIfCancellationRequested();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Tasks).Select(_ => Task.Delay(options.Delay, cancellationToken))).ConfigureAwait(false);
        var tasks = clock.Elapsed;
        cancellationToken.ThrowIfCancellationRequested();

        return new ThreadsReport(options.Tasks, options.Delay.TotalMilliseconds,
        [
            Run("sequential", sequential, sequential, blocked: 1),
            Run("threads", threaded, sequential, blocked: options.Tasks),
            Run("async tasks", tasks, sequential, blocked: 0),
        ]);
    }

    /// <summary>A sleep that Ctrl-C cuts short; false when it was.</summary>
    private static bool Wait(TimeSpan delay, CancellationToken cancellationToken) => !cancellationToken.WaitHandle.WaitOne(delay);

    private static TimeSpan Measure(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    private static ThreadsRun Run(string mode, TimeSpan elapsed, TimeSpan sequential, int blocked) =>
        new(mode, Figures.Ms(elapsed), Math.Round(sequential / elapsed, 2), blocked);

    private static async Task<LessonReport> Run(Task<ThreadsReport> run) => await run.ConfigureAwait(false);
}
