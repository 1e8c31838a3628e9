using Atelier.Tests.Support;
using Atelier.Work;

namespace Atelier.Tests.Work;

public sealed class WorkPoolDeliveryTests
{
    [Fact]
    public async Task RunAsync_Unordered_StreamsLaterResultsWhileAnEarlyItemIsStillRunning()
    {
        var release = new TaskCompletionSource();
        var seen = new List<long>();

        await foreach (var result in WorkPool.RunAsync(
            Enumerable.Range(0, 10),
            async (item, ct) =>
            {
                if (item.Value == 0)
                {
                    await release.Task.WaitAsync(ct);
                }

                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 2 },
            TestContext.Current.CancellationToken).WithCancellation(TestContext.Current.CancellationToken))
        {
            seen.Add(result.Index);
            if (seen.Count == 9)
            {
                release.SetResult();
            }
        }

        Assert.Equal(10, seen.Count);
        Assert.Equal(0, seen[^1]);
    }

    [Fact]
    public async Task RunAsync_TrivialResultThenAWaitingItem_TheTrivialResultArrivesWhileTheOtherWaits()
    {
        // Item 1 waits until the caller has seen item 0: a pool that held item 0 back would never finish.
        // All items are queued up front, so the worker never finds the queue empty in between.
        var seenFirst = new TaskCompletionSource();
        var seen = new List<int>();
        await foreach (var result in WorkPool.RunAsync(
            WorkPoolRun.Filled(0, 1, 2),
            async (item, ct) =>
            {
                if (item.Value == 1)
                {
                    await seenFirst.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                }

                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 1 },
            TestContext.Current.CancellationToken))
        {
            seen.Add(result.Value);
            seenFirst.TrySetResult();
            Assert.True(result.Succeeded, result.Reason);
        }

        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public async Task RunAsync_LongSynchronousItem_ItsResultIsDeliveredBeforeTheNextItemEnds()
    {
        var seenFirst = new TaskCompletionSource();
        var clock = new FakeTimeProvider();
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            WorkPoolRun.Filled(0, 1),
            (item, ct) =>
            {
                if (item.Value == 0)
                {
                    // Long by the pool's clock: 20 ms without returning.
                    clock.Advance(TimeSpan.FromMilliseconds(20));
                    return ValueTask.FromResult(seenFirst.Task.IsCompleted);
                }

                // Blocks its worker (no await) until the caller has seen item 0.
                return ValueTask.FromResult(seenFirst.Task.Wait(TimeSpan.FromSeconds(10), ct));
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 1, TimeProvider = clock },
            TestContext.Current.CancellationToken),
            onEach: _ => seenFirst.TrySetResult());

        Assert.Equal([false, true], results.Select(r => r.Value));
    }
}
