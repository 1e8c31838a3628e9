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

        // Running items, a full queue, and the one item the feeder holds while it waits for room.
        const int Bound = Workers + Capacity + 1;
        const int Items = 40;
        var (pulled, finished, mostAhead) = (0, 0, 0);
        using var gate = new SemaphoreSlim(0);
        IEnumerable<int> Source()
        {
            for (var i = 0; i < Items; i++)
            {
                // Checked at every pull, however the threads interleave: never more items out than the bound.
                WorkPoolRun.InterlockedMax(ref mostAhead, Interlocked.Increment(ref pulled) - Volatile.Read(ref finished));
                yield return i;
            }
        }

        var run = WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            Source(),
            async (item, ct) =>
            {
                await gate.WaitAsync(ct);
                Interlocked.Increment(ref finished);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = Workers, QueueCapacity = Capacity },
            TestContext.Current.CancellationToken));

        // The pool pulls up to the bound while nothing finishes; then each item let through makes room for one more.
        Assert.True(await Eventually.HoldsAsync(() => Volatile.Read(ref pulled) == Bound));
        for (var let = 1; let <= Items - Bound; let++)
        {
            gate.Release();
            var expected = Bound + let;
            Assert.True(await Eventually.HoldsAsync(() => Volatile.Read(ref pulled) == expected), $"{Volatile.Read(ref pulled)} pulled after {let} let through");
        }

        gate.Release(Bound);
        Assert.Equal(Items, (await run).Count);
        Assert.Equal(Bound, mostAhead);
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
            async (item, _) =>
            {
                // Items end out of order (each yields the thread a different number of times), on no clock.
                for (var i = 0; i < item.Value % 5; i++)
                {
                    await Task.Yield();
                }

                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 4, PreserveOrder = true },
            TestContext.Current.CancellationToken));

        Assert.Equal(Enumerable.Range(0, 50), results.Select(r => r.Value));
    }
}
