using System.Diagnostics;
using System.Numerics;
using Atelier.Labs.Interleavings;

namespace Atelier.Labs.Deadlock;

/// <summary>
/// Two threads, two locks, taken in opposite orders: the explorer finds every schedule that deadlocks and the
/// wait-for cycle; a global lock order and Monitor.TryEnter (give back and retry) fix it; real threads show the hang
/// the explorer predicts (a watchdog ends it) and that the fixes do not hang.
/// </summary>
internal static class DeadlockLesson
{
    /// <summary>The lesson as <c>atelier lab deadlock</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<DeadlockOptions>(
        "deadlock",
        _ => new DeadlockOptions(),
        [
            LessonOf<DeadlockOptions>.Number("attempts", o => o.Attempts, (o, v) => o with { Attempts = v }, 1, 1_000),
            LessonOf<DeadlockOptions>.Duration("watchdog", o => o.Watchdog, (o, v) => o with { Watchdog = v }, TimeSpan.FromSeconds(10)),
            LessonOf<DeadlockOptions>.Duration("hold", o => o.Hold, (o, v) => o with { Hold = v }, TimeSpan.FromSeconds(1)),
            LessonOf<DeadlockOptions>.Number("retries", o => o.Retries, (o, v) => o with { Retries = v }, 0, 10),
        ],
        (options, _, ct) => Task.Run<LessonReport>(() => Run(options, ct), ct));

    private const int A = 0;
    private const int B = 1;

    public static DeadlockReport Run(DeadlockOptions options, CancellationToken cancellationToken)
    {
        Step[] ab = [Step.Lock(A), Step.Lock(B), Step.Unlock(B), Step.Unlock(A)];
        Step[] ba = [Step.Lock(B), Step.Lock(A), Step.Unlock(A), Step.Unlock(B)];
        Step[] tryAb = [Step.Lock(A), Step.TryLock(B, 0), Step.Unlock(B), Step.Unlock(A)];
        Step[] tryBa = [Step.Lock(B), Step.TryLock(A, 0), Step.Unlock(A), Step.Unlock(B)];
        string Outcome(IReadOnlyList<int> shared) => shared.Count == 0 || shared[0] == 0 ? "finished" : $"finished after {shared[0]} start(s) over";

        var opposite = new Explorer(new SharedProgram([], ["A", "B"], [ab, ba]), Outcome);
        var variants = new List<DeadlockVariant>
        {
            Variant("opposite orders (A then B; B then A)", opposite),
            Variant("one global order (A then B, both)", new Explorer(new SharedProgram([], ["A", "B"], [ab, ab]), Outcome)),
            Variant("TryEnter: give back and start over", new Explorer(new SharedProgram(["retries"], ["A", "B"], [tryAb, tryBa], options.Retries), Outcome)),
        };
        var schedule = opposite.ScheduleTo(Explorer.Deadlock) ?? [];
        cancellationToken.ThrowIfCancellationRequested();

        var real = new List<RealAttempts>
        {
            Real("opposite orders", options, (first, second) => (first, second), tryOver: false, cancellationToken),
            Real("one global order", options, (first, second) => (first, first), tryOver: false, cancellationToken),
            Real("TryEnter, start over", options, (first, second) => (first, second), tryOver: true, cancellationToken),
        };
        return new DeadlockReport(variants, opposite.Replay(schedule), opposite.Blocked(schedule), real, options.Watchdog.TotalMilliseconds);
    }

    private static DeadlockVariant Variant(string name, Explorer explorer)
    {
        var found = explorer.Explore();
        var retried = found.Outcomes.Where(o => o.Key.StartsWith("finished after", StringComparison.Ordinal)).Aggregate(BigInteger.Zero, (sum, o) => sum + o.Value);
        return new DeadlockVariant(name, found.Schedules, found.Of(Explorer.Deadlock), found.Of(Explorer.Livelock), retried, found.States);
    }

    /// <summary>
    /// Real threads, each attempt: both wait at a start line, take their first lock, work for a moment, then wait for the
    /// second at most the watchdog's time. An attempt in which a thread's wait ran out hung: without the watchdog it
    /// would wait for ever. The start-over version takes its second lock only if free, else gives back the first and
    /// tries again.
    /// </summary>
    /// <param name="name">What the row is called.</param>
    /// <param name="options">Attempts, watchdog, hold.</param>
    /// <param name="order">Given the thread's own first and second lock of the opposite-order program, the two it really takes.</param>
    /// <param name="tryOver">Whether a busy second lock makes it give back the first and start over, rather than wait.</param>
    /// <param name="cancellationToken">Stops between attempts.</param>
    private static RealAttempts Real(string name, DeadlockOptions options, Func<object, object, (object First, object Second)> order, bool tryOver, CancellationToken cancellationToken)
    {
        var hung = 0;
        var retries = 0;
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        for (; attempts < options.Attempts && !cancellationToken.IsCancellationRequested; attempts++)
        {
            object a = new(), b = new();
            var timedOut = 0;
            using var start = new Barrier(2);
            void Body(object mine, object theirs)
            {
                var (first, second) = order(mine, theirs);
                start.SignalAndWait(CancellationToken.None);
                while (true)
                {
                    Monitor.Enter(first);
                    try
                    {
                        Thread.Sleep(options.Hold);
                        if (Monitor.TryEnter(second, tryOver ? TimeSpan.Zero : options.Watchdog))
                        {
                            Monitor.Exit(second);
                            return;
                        }

                        if (!tryOver)
                        {
                            Interlocked.Increment(ref timedOut);
                            return;
                        }

                        Interlocked.Increment(ref retries);
                    }
                    finally
                    {
                        Monitor.Exit(first);
                    }

                    // Given back: let the other thread have it before trying again.
                    Thread.Sleep(Random.Shared.Next(0, 2));
                }
            }

            var threads = new[] { new Thread(() => Body(a, b)), new Thread(() => Body(b, a)) };
            Array.ForEach(threads, t => t.Start());
            Array.ForEach(threads, t => t.Join());
            hung += timedOut > 0 ? 1 : 0;
        }

        return new RealAttempts(name, attempts, hung, retries, Figures.Ms(clock.Elapsed));
    }
}
