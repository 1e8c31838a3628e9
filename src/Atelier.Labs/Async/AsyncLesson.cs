using System.Diagnostics;

namespace Atelier.Labs.Async;

/// <summary>
/// Async's own traps, measured: blocking (<c>.Result</c>) on a task whose continuation needs the single thread of a
/// synchronization context deadlocks, while <c>await</c> and <c>ConfigureAwait(false)</c> do not; and blocking
/// thread-pool threads starves the pool, while awaiting does not.
/// </summary>
internal static class AsyncLesson
{
    /// <summary>The lesson as <c>atelier lab async</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<AsyncOptions>(
        "async",
        _ => new AsyncOptions(),
        [
            LessonOf<AsyncOptions>.Number("requests", o => o.Requests, (o, v) => o with { Requests = v }, 1, 5_000),
            LessonOf<AsyncOptions>.Duration("wait", o => o.Wait, (o, v) => o with { Wait = v }, TimeSpan.FromSeconds(5)),
            LessonOf<AsyncOptions>.Duration("watchdog", o => o.Watchdog, (o, v) => o with { Watchdog = v }, TimeSpan.FromSeconds(30)),
        ],
        async (options, _, ct) => await RunAsync(options, ct).ConfigureAwait(false));

    public static async Task<AsyncReport> RunAsync(AsyncOptions options, CancellationToken cancellationToken)
    {
        var blocking = new List<ContextRun>();
        using (var context = new SingleThreadContext())
        {
            // Blocked: the context's one thread waits for the task, and the task's continuation waits for that thread.
            blocking.Add(await Timed(".Result", () => context.Run(() => Answer(captures: true).Wait(options.Watchdog))).ConfigureAwait(false));
            blocking.Add(await Timed(".Result, ConfigureAwait(false) inside", () => context.Run(() => Answer(captures: false).Wait(options.Watchdog))).ConfigureAwait(false));

            // Awaited: the context's thread starts the task and is free again, so the continuation can run on it.
            blocking.Add(await Timed("await", async () =>
            {
                var task = await context.Run(() => Answer(captures: true)).ConfigureAwait(false);
                return await Task.WhenAny(task, Task.Delay(options.Watchdog, CancellationToken.None)).ConfigureAwait(false) == task;
            }).ConfigureAwait(false));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var pool = new List<PoolRun>
        {
            await Requests("blocked (Thread.Sleep)", options, () => Task.Run(() => Thread.Sleep(options.Wait), CancellationToken.None)).ConfigureAwait(false),
            await Requests("awaited (await Task.Delay)", options, () => Task.Run(() => Task.Delay(options.Wait, CancellationToken.None), CancellationToken.None)).ConfigureAwait(false),
        };
        return new AsyncReport(blocking, pool, options.Requests, options.Wait.TotalMilliseconds, options.Watchdog.TotalMilliseconds);
    }

    /// <summary>A task whose continuation, unless told otherwise, wants the context it started on.</summary>
    private static async Task<int> Answer(bool captures)
    {
        await Task.Delay(10).ConfigureAwait(captures);
        return 42;
    }

    /// <summary>How long a way of waiting took, and whether it finished before the watchdog.</summary>
    private static async Task<ContextRun> Timed(string way, Func<Task<bool>> wait)
    {
        var clock = Stopwatch.StartNew();
        var finished = await wait().ConfigureAwait(false);
        return new ContextRun(way, finished, Figures.Ms(clock.Elapsed));
    }

    /// <summary>
    /// Starts every request at once and waits for all: how long, and how many threads the pool had (counted by a thread
    /// of its own: a pool thread asked to count would wait in the same starved queue).
    /// </summary>
    private static async Task<PoolRun> Requests(string way, AsyncOptions options, Func<Task> request)
    {
        var before = ThreadPool.ThreadCount;
        var most = before;
        using var done = new ManualResetEventSlim();
        var counter = new Thread(() =>
        {
            while (!done.Wait(5))
            {
                most = Math.Max(most, ThreadPool.ThreadCount);
            }
        }) { IsBackground = true };
        counter.Start();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Requests).Select(_ => request())).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        done.Set();
        counter.Join();
        return new PoolRun(way, Figures.Ms(elapsed), before, Math.Max(most, ThreadPool.ThreadCount));
    }
}
