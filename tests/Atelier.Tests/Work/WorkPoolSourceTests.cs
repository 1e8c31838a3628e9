using Atelier.Tests.Support;
using Atelier.Work;

namespace Atelier.Tests.Work;

public sealed class WorkPoolSourceTests
{
    [Fact]
    public async Task RunAsync_WorkersBusy_PullsNoMoreThanQueueCapacityAhead()
    {
        const int Workers = 2;
        const int Capacity = 3;
        var pulled = 0;
        var release = new TaskCompletionSource();
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 1000; i++)
            {
                Interlocked.Increment(ref pulled);
                yield return i;
            }
        }

        var run = WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            Source(),
            async (item, ct) =>
            {
                await release.Task.WaitAsync(ct);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = Workers, QueueCapacity = Capacity },
            TestContext.Current.CancellationToken));

        // Running items, a full queue, and the one item the feeder holds while it waits for room.
        const int Bound = Workers + Capacity + 1;
        Assert.True(await Eventually.HoldsAsync(() => Volatile.Read(ref pulled) == Bound));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(Bound, Volatile.Read(ref pulled));

        release.SetResult();
        Assert.Equal(1000, (await run).Count);
    }

    [Fact]
    public async Task RunAsync_SourceThrows_YieldsItemsTakenThenThrows()
    {
        static IEnumerable<int> Source()
        {
            yield return 1;
            yield return 2;
            throw new IOException("input file vanished");
        }

        var seen = new List<int>();
        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var result in WorkPool.RunAsync(Source(), (item, _) => ValueTask.FromResult(item.Value), cancellationToken: TestContext.Current.CancellationToken))
            {
                seen.Add(result.Value);
            }
        });

        Assert.Equal("input file vanished", error.Message);
        Assert.Equal([1, 2], seen.Order());
    }

    [Fact]
    public async Task RunAsync_ChannelWithTwoProducers_ProcessesEveryItemOnce()
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<int>(5);
        var producers = Task.WhenAll(
            Task.Run(() => ProduceAsync(0, 500), TestContext.Current.CancellationToken),
            Task.Run(() => ProduceAsync(500, 500), TestContext.Current.CancellationToken))
            .ContinueWith(_ => channel.Writer.Complete(), TestContext.Current.CancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);

        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            channel.Reader,
            (item, _) => ValueTask.FromResult(item.Value),
            new WorkPoolOptions { MaxDegreeOfParallelism = 2 },
            TestContext.Current.CancellationToken));
        await producers;

        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => r.Value).Order());
        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => (int)r.Index).Order());

        async Task ProduceAsync(int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                await channel.Writer.WriteAsync(i, TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task RunAsync_ChannelPreservingOrder_YieldsInReadOrder()
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<int>();
        foreach (var i in Enumerable.Range(0, 50))
        {
            channel.Writer.TryWrite(i);
        }

        channel.Writer.Complete();
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            channel.Reader,
            async (item, ct) =>
            {
                await Task.Delay(item.Value % 5, ct);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 4, PreserveOrder = true },
            TestContext.Current.CancellationToken));

        Assert.Equal(Enumerable.Range(0, 50), results.Select(r => r.Value));
    }
}
