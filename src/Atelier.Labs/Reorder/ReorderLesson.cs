using System.Diagnostics;
using System.Numerics;
using Atelier.Labs.Interleavings;

namespace Atelier.Labs.Reorder;

/// <summary>
/// The store-buffer litmus test on real threads: thread 1 writes x = 1 then reads y, thread 2 writes y = 1 then reads
/// x. In any interleaving of those four steps at least one thread reads 1; both reading 0 means the CPU let a load
/// pass an earlier store (the store still sat in its store buffer). x86 allows exactly this reordering.
/// <c>Volatile</c> reads and writes (acquire and release) do not forbid it; a full fence between the store and the
/// load (<c>Interlocked.MemoryBarrier</c>) does.
/// </summary>
internal static class ReorderLesson
{
    /// <summary>The lesson as <c>atelier lab reorder</c> runs it.</summary>
    public static Lesson Definition { get; } = new LessonOf<ReorderOptions>(
        "reorder",
        _ => new ReorderOptions(),
        [
            LessonOf<ReorderOptions>.Number("rounds", o => o.Rounds, (o, v) => o with { Rounds = v }, 1, 100_000_000),
            LessonOf<ReorderOptions>.Duration("longest", o => o.Longest, (o, v) => o with { Longest = v }, TimeSpan.FromMinutes(1)),
        ],
        (options, _, ct) => Task.Run<LessonReport>(() => new ReorderReport(
            EveryOrder(), [Run("plain", options, Fence.None, ct), Run("Volatile", options, Fence.Volatile, ct), Run("MemoryBarrier", options, Fence.Full, ct)]), ct));

    /// <summary>
    /// The explorer's view: each thread's steps in program order, interleaved every possible way (sequential
    /// consistency). Thread 1: x = 1, then r1 = y; thread 2: y = 1, then r2 = x. Counts: (every order, both read 0).
    /// </summary>
    private static (BigInteger Orders, BigInteger BothZero) EveryOrder()
    {
        const int X = 0, Y = 1, R1 = 2, R2 = 3;
        var found = new Explorer(
            new SharedProgram(
                ["x", "y", "r1", "r2"],
                [],
                [
                    [Step.Add(), Step.Store(X), Step.Load(Y), Step.Store(R1)],
                    [Step.Add(), Step.Store(Y), Step.Load(X), Step.Store(R2)],
                ]),
            shared => shared[R1] == 0 && shared[R2] == 0 ? "both 0" : "not both 0").Explore();
        return (found.Schedules, found.Of("both 0"));
    }

    private enum Fence
    {
        None,
        Volatile,
        Full,
    }

    /// <summary>
    /// Rounds in lockstep: the first thread opens a round, both run their two steps, the first counts the outcome. Each
    /// thread spins (no sleeping: a round is a few hundred nanoseconds).
    /// </summary>
    private static ReorderRun Run(string way, ReorderOptions options, Fence fence, CancellationToken cancellationToken)
    {
        var shared = new Shared();
        var both = 0L;
        var rounds = 0;
        var clock = Stopwatch.StartNew();
        var second = new Thread(() =>
        {
            for (var round = 1; ; round++)
            {
                var spin = default(SpinWait);
                int opened;
                while ((opened = Volatile.Read(ref shared.Round)) < round && opened >= 0)
                {
                    spin.SpinOnce(-1);
                }

                if (opened < 0)
                {
                    return;
                }

                shared.R2 = StoreThenLoad(ref shared.Y, ref shared.X, fence);

                Volatile.Write(ref shared.Done, round);
            }
        }) { IsBackground = true };
        second.Start();
        for (var round = 1; round <= options.Rounds && clock.Elapsed < options.Longest && !cancellationToken.IsCancellationRequested; round++)
        {
            (shared.X, shared.Y, shared.R1, shared.R2) = (0, 0, -1, -1);
            Volatile.Write(ref shared.Round, round);
            shared.R1 = StoreThenLoad(ref shared.X, ref shared.Y, fence);

            var spin = default(SpinWait);
            while (Volatile.Read(ref shared.Done) < round)
            {
                spin.SpinOnce(-1);
            }

            both += shared.R1 == 0 && shared.R2 == 0 ? 1 : 0;
            rounds = round;
        }

        Volatile.Write(ref shared.Round, -1);
        second.Join();
        return new ReorderRun(way, rounds, both, Figures.Ms(clock.Elapsed));
    }

    /// <summary>A thread's two steps: 1 into its own flag, then the other's flag read; with no fence, Volatile, or a full fence between.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int StoreThenLoad(ref int mine, ref int theirs, Fence fence)
    {
        switch (fence)
        {
            case Fence.None:
                mine = 1;
                return theirs;
            case Fence.Volatile:
                Volatile.Write(ref mine, 1);
                return Volatile.Read(ref theirs);
            default:
                mine = 1;
                Interlocked.MemoryBarrier();
                return theirs;
        }
    }

    /// <summary>The two flags and what each thread read, on one object both threads see.</summary>
    private sealed class Shared
    {
        public int X;
        public int Y;
        public int R1;
        public int R2;
        public int Round;
        public int Done;
    }
}
