using System.Numerics;
using Atelier.Labs.Deadlock;

namespace Atelier.Labs.Tests.Deadlock;

/// <summary><c>lab deadlock</c>: counts worked out by hand in the comments, and real threads that agree.</summary>
public sealed class DeadlockLessonTests
{
    [Fact]
    public async Task Run_OppositeOrders_2Of6Deadlock_WithTheCycle_GlobalOrderNone_AndRealThreadsAgree()
    {
        var report = (DeadlockReport)await DeadlockLesson.Definition.RunAsync(
            new LessonRun { Values = new Dictionary<string, object> { ["attempts"] = 3L, ["watchdog"] = TimeSpan.FromMilliseconds(100), ["hold"] = TimeSpan.FromMilliseconds(20), ["retries"] = 0L } },
            TestContext.Current.CancellationToken);

        // Opposite orders: a1 b1 or b1 a1 then stuck (2); otherwise one thread takes both, and the other's first lock
        // comes before or after the second unlock (2 each way): 6 schedules. One global order: 2, none stuck.
        Assert.Equal((new BigInteger(6), new BigInteger(2)), (report.Variants[0].Schedules, report.Variants[0].Deadlocks));
        Assert.Equal((new BigInteger(2), BigInteger.Zero), (report.Variants[1].Schedules, report.Variants[1].Deadlocks));

        // TryEnter with no start over allowed: after a1 b1 (or b1 a1) either try fails: 4 livelocks; one thread first
        // (a1 a2 a3, then b1): b2 before a4 fails (1), after it finishes (1), and a4 before b1 finishes (1): 2 + 1 each
        // way. 10 schedules: 4 finish, 6 hit the bound, none deadlocks.
        var retrying = report.Variants[2];
        Assert.Equal((new BigInteger(10), BigInteger.Zero, new BigInteger(6)), (retrying.Schedules, retrying.Deadlocks, retrying.Livelocks));

        Assert.Equal(["takes A", "takes B"], report.Deadlock.Select(s => s.What));
        Assert.Equal([(1, "B", 2), (2, "A", 1)], report.Cycle.Select(c => (c.Thread, c.WaitsFor, c.HeldBy)));

        // The real threads: the opposite orders hang (each thread holds its first lock for 20 ms before asking for the
        // second, so both hold one on a busy machine too), the fixes never do (they never wait on a second lock).
        Assert.True(report.Real[0].Hung > 0);
        Assert.Equal([0, 0], report.Real.Skip(1).Select(r => r.Hung));
        Assert.True(report.Succeeded);
    }

    [Fact]
    public void TryEnter_WithItsDefaultBound_MatchesANaiveCountOfEverySchedule()
    {
        // The explorer shares what follows equal states; a plain walk of every schedule must give the same counts.
        var report = DeadlockLesson.Run(new DeadlockOptions { Attempts = 1, Watchdog = TimeSpan.FromMilliseconds(10), Hold = TimeSpan.Zero }, TestContext.Current.CancellationToken);
        var (total, livelocks) = NaiveTryEnter(bound: 2);

        Assert.Equal((new BigInteger(total), new BigInteger(livelocks)), (report.Variants[2].Schedules, report.Variants[2].Livelocks));
    }

    /// <summary>Every schedule of the TryEnter program, walked one by one: (schedules, those that pass the bound).</summary>
    private static (long Total, long Livelocks) NaiveTryEnter(int bound)
    {
        // Each thread: 0 lock first, 1 try second (held: give back, start over), 2 unlock second, 3 unlock first.
        long total = 0, livelocks = 0;
        void Walk(int[] pc, int[] retries, int[] owner)
        {
            var moved = false;
            for (var t = 0; t < 2; t++)
            {
                var (first, second) = t == 0 ? (0, 1) : (1, 0);
                if (pc[t] == 4 || (pc[t] == 0 && owner[first] != 0))
                {
                    continue;
                }

                moved = true;
                var (p, r, o) = ((int[])pc.Clone(), (int[])retries.Clone(), (int[])owner.Clone());
                switch (pc[t])
                {
                    case 0: o[first] = t + 1; p[t] = 1; break;
                    case 1 when o[second] == 0: o[second] = t + 1; p[t] = 2; break;
                    case 1 when r[t] == bound: total++; livelocks++; continue;
                    case 1: o[first] = 0; r[t]++; p[t] = 0; break;
                    case 2: o[second] = 0; p[t] = 3; break;
                    default: o[first] = 0; p[t] = 4; break;
                }

                Walk(p, r, o);
            }

            if (!moved)
            {
                total++;
            }
        }

        Walk([0, 0], [0, 0], [0, 0]);
        return (total, livelocks);
    }
}
