using System.Numerics;
using Atelier.Labs.Interleavings;

namespace Atelier.Labs.Tests.Interleavings;

/// <summary>
/// The explorer's counts are mathematics: each expected figure here is worked out by hand in its comment, not read off
/// a run.
/// </summary>
public sealed class ExplorerTests
{
    private static readonly Step[] CountPlusPlus = [Step.Load(0), Step.Add(), Step.Store(0)];

    private static string Count(IReadOnlyList<int> shared) => $"count = {shared[0]}";

    [Fact]
    public void Explore_TwoThreadsCountPlusPlusOnce_20Schedules_18LoseAnUpdate()
    {
        // Two sequences of 3 steps interleave in C(6,3) = 20 ways; only "all of one, then all of the other" (2 ways)
        // has each load after the other's store.
        var exploration = new Explorer(new SharedProgram(["count"], [], [CountPlusPlus, CountPlusPlus]), Count).Explore();

        Assert.True(exploration.Exhaustive);
        Assert.Equal(new BigInteger(20), exploration.Schedules);
        Assert.Equal(new BigInteger(18), exploration.Of("count = 1"));
        Assert.Equal(new BigInteger(2), exploration.Of("count = 2"));
    }

    [Fact]
    public void Explore_ThreeThreadsTwiceEach_CountsEveryOrder()
    {
        // 3 threads x 6 steps: 18! / (6!)^3 = 17,153,136 orders; without the state memory this would run them all.
        Step[] twice = [.. CountPlusPlus, .. CountPlusPlus];
        var exploration = new Explorer(new SharedProgram(["count"], [], [twice, twice, twice]), Count).Explore();

        Assert.True(exploration.Exhaustive);
        Assert.Equal(new BigInteger(17_153_136), exploration.Schedules);

        // Nothing lost only when no two increments overlap: the 6 increments run one after another in an order of the
        // threads, 6! / (2!)^3 = 90 orders.
        Assert.Equal(new BigInteger(90), exploration.Of("count = 6"));
        Assert.Equal(exploration.Schedules, exploration.Outcomes.Values.Aggregate(BigInteger.Zero, (a, b) => a + b));
    }

    [Fact]
    public void Explore_UnderALock_2Schedules_NoneLoses_AndInterlockedIsOneStep()
    {
        // The lock lets one thread in at a time: the whole of one, then the whole of the other.
        Step[] locked = [Step.Lock(0), .. CountPlusPlus, Step.Unlock(0)];
        var underLock = new Explorer(new SharedProgram(["count"], ["lock"], [locked, locked]), Count).Explore();
        var atomic = new Explorer(new SharedProgram(["count"], [], [[Step.Increment(0)], [Step.Increment(0)]]), Count).Explore();

        Assert.Equal((new BigInteger(2), new BigInteger(2)), (underLock.Schedules, underLock.Of("count = 2")));
        Assert.Equal((new BigInteger(2), new BigInteger(2)), (atomic.Schedules, atomic.Of("count = 2")));
    }

    [Fact]
    public void Explore_TwoLocksInOppositeOrder_2Of6SchedulesDeadlock_AndAGlobalOrderNone()
    {
        // T1: lock A, lock B, unlock B, unlock A; T2 the other way round. Both first locks before either second: a1 b1 or
        // b1 a1, 2 deadlocks. Otherwise one thread takes both: then the other's first lock waits for an unlock; after
        // the first unlock the other may take its first lock before or after the second unlock: 2 ways, each side: 4.
        Step[] ab = [Step.Lock(0), Step.Lock(1), Step.Unlock(1), Step.Unlock(0)];
        Step[] ba = [Step.Lock(1), Step.Lock(0), Step.Unlock(0), Step.Unlock(1)];
        var opposite = new Explorer(new SharedProgram([], ["A", "B"], [ab, ba]), _ => "done");
        var exploration = opposite.Explore();

        Assert.Equal((new BigInteger(6), new BigInteger(2), new BigInteger(4)), (exploration.Schedules, exploration.Of(Explorer.Deadlock), exploration.Of("done")));
        var deadlock = opposite.ScheduleTo(Explorer.Deadlock)!;
        Assert.Equal([0, 1], deadlock);
        Assert.Equal(["takes A", "takes B"], opposite.Replay(deadlock).Select(s => s.What));

        // Both in the order A, B: the second waits at A until the first let go of A: 2 schedules, no deadlock.
        var ordered = new Explorer(new SharedProgram([], ["A", "B"], [ab, ab]), _ => "done").Explore();
        Assert.Equal((new BigInteger(2), BigInteger.Zero), (ordered.Schedules, ordered.Of(Explorer.Deadlock)));
    }

    [Fact]
    public void Replay_ALostUpdate_ShowsEachReadAndWrite()
    {
        var explorer = new Explorer(new SharedProgram(["count"], [], [CountPlusPlus, CountPlusPlus]), Count);
        explorer.Explore();

        var lost = explorer.ScheduleTo("count = 1")!;
        var steps = explorer.Replay(lost);

        // The first that loses in depth-first order: thread 2 reads 0 between thread 1's read and write.
        Assert.Equal([0, 0, 1, 0, 1, 1], lost);
        Assert.Equal(
            ["reads count = 0", "its copy is now 1", "reads count = 0", "writes count = 1", "its copy is now 1", "writes count = 1"],
            steps.Select(s => s.What));
        Assert.Equal([0, 0, 0, 1, 1, 1], steps.Select(s => s.Shared[0]));
    }

    [Fact]
    public void Explore_TooManyToEnumerate_Samples_WithItsSeed_Repeatably()
    {
        Step[] many = [.. Enumerable.Repeat(CountPlusPlus, 30).SelectMany(s => s)];
        var program = new SharedProgram(["count"], [], [many, many]);

        var first = new Explorer(program, Count).Explore(samples: 500, seed: 7);
        var again = new Explorer(program, Count).Explore(samples: 500, seed: 7);

        Assert.False(first.Exhaustive);
        Assert.Equal((new BigInteger(500), 7), (first.Schedules, first.Seed));
        Assert.Equal(first.Outcomes.OrderBy(o => o.Key), again.Outcomes.OrderBy(o => o.Key));
    }
}
