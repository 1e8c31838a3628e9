using Atelier.Tests.Support;
using Atelier.Work;

namespace Atelier.Tests.Work;

public sealed class WorkPoolCancellationTests
{
    [Fact]
    public async Task RunAsync_Cancelled_StopsIntakeAndYieldsWhatFinishedWithoutThrowing()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var pulled = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 100_000; i++)
            {
                Interlocked.Increment(ref pulled);
                yield return i;
            }
        }

        var results = new List<WorkResult<int, int>>();
        var blocked = 0;
        await foreach (var result in WorkPool.RunAsync(
            Source(),
            async (item, ct) =>
            {
                if (item.Value >= 5)
                {
                    Interlocked.Increment(ref blocked);
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 2, QueueCapacity = 4 },
            cancel.Token))
        {
            results.Add(result);
            if (results.Count(r => r.Succeeded) == 5)
            {
                Assert.True(await Eventually.HoldsAsync(() => Volatile.Read(ref blocked) == 2));
                await cancel.CancelAsync();
            }
        }

        Assert.Equal([0, 1, 2, 3, 4], results.Where(r => r.Succeeded).Select(r => r.Item).Order());
        var canceled = results.Where(r => r.Status == WorkStatus.Canceled).ToList();
        Assert.Equal(2, canceled.Count);
        Assert.All(canceled, r => Assert.Equal("canceled", r.Reason));
        Assert.InRange(Volatile.Read(ref pulled), 7, 20);
    }

    [Fact]
    public async Task RunAsync_CancelledInOrder_EndsAndKeepsInputOrder()
    {
        var results = await CancelInOrderAfterTenAsync();

        AssertEndedInOrder(results);
    }

    [Fact]
    public async Task RunAsync_CancelledInOrderWhileTheFeederWaitsOnAFullOrderQueue_AlwaysEnds()
    {
        // The feeder's write to a full order queue races with the consumer's read when the batch is cancelled: the
        // slot may land in the queue although the write reports the cancellation. Nothing else would complete it, so
        // a consumer waited on it for ever (once in about a hundred runs of this scenario).
        for (var run = 0; run < 500; run++)
        {
            var batch = CancelInOrderAfterTenAsync();
            await batch.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            AssertEndedInOrder(await batch);
        }
    }

    /// <summary>Items 0-9 succeed at once, the rest wait until cancelled; the consumer cancels on receiving item 9.</summary>
    private static async Task<List<WorkResult<int, int>>> CancelInOrderAfterTenAsync()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var results = new List<WorkResult<int, int>>();
        await foreach (var result in WorkPool.RunAsync(
            Enumerable.Range(0, 1000),
            async (item, ct) =>
            {
                if (item.Value >= 10)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 3, PreserveOrder = true },
            cancel.Token))
        {
            results.Add(result);
            if (result.Index == 9)
            {
                await cancel.CancelAsync();
            }
        }

        return results;
    }

    private static void AssertEndedInOrder(List<WorkResult<int, int>> results)
    {
        Assert.Equal(Enumerable.Range(0, 10), results.Where(r => r.Succeeded).Select(r => r.Item));
        Assert.Equal(results.Select(r => r.Index).Order(), results.Select(r => r.Index));
        Assert.All(results.Skip(10), r => Assert.Equal(WorkStatus.Canceled, r.Status));
    }

    [Fact]
    public async Task RunAsync_ConsumerLeavesEarly_RunningHandlersAreCancelledBeforeTheLoopEnds()
    {
        var started = 0;
        var ended = 0;
        await foreach (var result in WorkPool.RunAsync(
            Enumerable.Range(0, 100),
            async (item, ct) =>
            {
                if (item.Value == 0)
                {
                    return 0;
                }

                Interlocked.Increment(ref started);
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                    return item.Value;
                }
                finally
                {
                    Interlocked.Increment(ref ended);
                }
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 4 },
            TestContext.Current.CancellationToken))
        {
            break;
        }

        Assert.Equal(Volatile.Read(ref started), Volatile.Read(ref ended));
    }
}
