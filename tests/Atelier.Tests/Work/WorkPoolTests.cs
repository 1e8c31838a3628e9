using Atelier.Tests.Support;
using Atelier.Work;

namespace Atelier.Tests.Work;

public sealed class WorkPoolTests
{
    private static CancellationToken TestToken => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_ManyItems_YieldsEachItemOnceWithItsValue()
    {
        var results = await CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 1000),
            (item, _) => ValueTask.FromResult(item.Value * 2),
            new WorkPoolOptions { MaxDegreeOfParallelism = 4 },
            TestToken));

        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => (int)r.Index).Order());
        Assert.All(results, r => Assert.Equal(r.Item * 2, r.Value));
        Assert.All(results, r => Assert.Equal(WorkStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task RunAsync_PreserveOrder_YieldsInInputOrderThoughEarlyItemsAreSlowest()
    {
        var results = await CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 40),
            async (item, ct) =>
            {
                await Task.Delay(40 - item.Value, ct);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 4, PreserveOrder = true },
            TestToken));

        Assert.Equal(Enumerable.Range(0, 40), results.Select(r => r.Value));
    }

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
            TestToken).WithCancellation(TestToken))
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
            Filled(0, 1, 2),
            async (item, ct) =>
            {
                if (item.Value == 1)
                {
                    await seenFirst.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                }

                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 1 },
            TestToken))
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
        var results = await CollectAsync(WorkPool.RunAsync(
            Filled(0, 1),
            (item, ct) =>
            {
                if (item.Value == 0)
                {
                    Thread.Sleep(20);
                    return ValueTask.FromResult(seenFirst.Task.IsCompleted);
                }

                // Blocks its worker (no await) until the caller has seen item 0.
                return ValueTask.FromResult(seenFirst.Task.Wait(TimeSpan.FromSeconds(10), ct));
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 1 },
            TestToken),
            onEach: _ => seenFirst.TrySetResult());

        Assert.Equal([false, true], results.Select(r => r.Value));
    }

    [Fact]
    public async Task RunAsync_SomeItemsThrow_BatchCompletesAndFailuresCarryExceptionAndReason()
    {
        var clock = new ManualTimeProvider();
        var results = await CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 30),
            (item, _) =>
            {
                clock.Advance(TimeSpan.FromSeconds(2));
                return item.Value % 3 == 0
                    ? throw new FormatException($"'{item.Value}' is not a number")
                    : ValueTask.FromResult(item.Value);
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 1, TimeProvider = clock },
            TestToken));

        var failed = results.Where(r => r.Status == WorkStatus.Failed).ToList();
        Assert.Equal(30, results.Count);
        Assert.Equal(10, failed.Count);
        Assert.All(failed, r => Assert.IsType<FormatException>(r.Exception));
        Assert.All(failed, r => Assert.Equal($"FormatException: '{r.Item}' is not a number", r.Reason));
        Assert.All(results, r => Assert.Equal(TimeSpan.FromSeconds(2), r.Elapsed));
        Assert.All(results.Where(r => r.Succeeded), r => Assert.Null(r.Reason));
    }

    [Fact]
    public async Task RunAsync_ItemExceptionWithReason_ReasonIsTheMessageAlone()
    {
        var results = await CollectAsync(WorkPool.RunAsync<int, int>(
            [1],
            (_, _) => throw new WorkItemException("HTTP 404 Not Found\nsecond line"),
            cancellationToken: TestToken));

        Assert.Equal("HTTP 404 Not Found", Assert.Single(results).Reason);
    }

    [Fact]
    public async Task RunAsync_NeverRunsMoreThanTheDegreeOfParallelism()
    {
        var running = 0;
        var highest = 0;
        var results = await CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 60),
            async (item, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref highest, now);
                await Task.Delay(2, ct);
                Interlocked.Decrement(ref running);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 3 },
            TestToken));

        Assert.Equal(60, results.Count);
        Assert.InRange(highest, 2, 3);
    }

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

        var run = CollectAsync(WorkPool.RunAsync(
            Source(),
            async (item, ct) =>
            {
                await release.Task.WaitAsync(ct);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = Workers, QueueCapacity = Capacity },
            TestToken));

        // Running items, a full queue, and the one item the feeder holds while it waits for room.
        const int Bound = Workers + Capacity + 1;
        Assert.True(await Eventually.HoldsAsync(() => Volatile.Read(ref pulled) == Bound));
        await Task.Delay(200, TestToken);
        Assert.Equal(Bound, Volatile.Read(ref pulled));

        release.SetResult();
        Assert.Equal(1000, (await run).Count);
    }

    [Fact]
    public async Task RunAsync_ReportsEachItemsStatesAndFinalCounts()
    {
        var progress = new ProgressRecorder<WorkProgress>();
        var results = await CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 20),
            (item, _) =>
            {
                item.ReportProgress(50);
                return item.Value % 4 == 0 ? throw new InvalidOperationException("no") : ValueTask.FromResult(item.Value);
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 3, Progress = progress },
            TestToken));

        var reports = progress.Reports;
        foreach (var index in Enumerable.Range(0, 20))
        {
            var states = reports.Where(r => r.Index == index).Select(r => (r.State, r.Percent)).ToList();
            var end = index % 4 == 0 ? WorkItemState.Failed : WorkItemState.Succeeded;
            Assert.Equal([(WorkItemState.Queued, null), (WorkItemState.Running, null), (WorkItemState.Running, 50), (end, null)], states);
        }

        var last = reports.MaxBy(r => r.Counts.Finished).Counts;
        Assert.Equal(new WorkCounts(Queued: 0, Running: 0, Succeeded: 15, Failed: 5, Canceled: 0), last);
        Assert.Equal(20, results.Count);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsIntakeAndYieldsWhatFinishedWithoutThrowing()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
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
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestToken);
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
            TestToken))
        {
            break;
        }

        Assert.Equal(Volatile.Read(ref started), Volatile.Read(ref ended));
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
            await foreach (var result in WorkPool.RunAsync(Source(), (item, _) => ValueTask.FromResult(item.Value), cancellationToken: TestToken))
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
            Task.Run(() => ProduceAsync(0, 500), TestToken),
            Task.Run(() => ProduceAsync(500, 500), TestToken))
            .ContinueWith(_ => channel.Writer.Complete(), TestToken, TaskContinuationOptions.None, TaskScheduler.Default);

        var results = await CollectAsync(WorkPool.RunAsync(
            channel.Reader,
            (item, _) => ValueTask.FromResult(item.Value),
            new WorkPoolOptions { MaxDegreeOfParallelism = 2 },
            TestToken));
        await producers;

        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => r.Value).Order());
        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => (int)r.Index).Order());

        async Task ProduceAsync(int start, int count)
        {
            for (var i = start; i < start + count; i++)
            {
                await channel.Writer.WriteAsync(i, TestToken);
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
        var results = await CollectAsync(WorkPool.RunAsync(
            channel.Reader,
            async (item, ct) =>
            {
                await Task.Delay(item.Value % 5, ct);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 4, PreserveOrder = true },
            TestToken));

        Assert.Equal(Enumerable.Range(0, 50), results.Select(r => r.Value));
    }

    [Fact]
    public void Options_InvalidValues_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkPoolOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkPoolOptions { QueueCapacity = 0 });
        Assert.Equal(8, new WorkPoolOptions { MaxDegreeOfParallelism = 4 }.QueueCapacity);
    }

    private static async Task<List<WorkResult<TItem, TResult>>> CollectAsync<TItem, TResult>(
        IAsyncEnumerable<WorkResult<TItem, TResult>> results, Action<WorkResult<TItem, TResult>>? onEach = null)
    {
        var list = new List<WorkResult<TItem, TResult>>();
        await foreach (var result in results.WithCancellation(TestToken))
        {
            list.Add(result);
            onEach?.Invoke(result);
        }

        return list;
    }

    private static System.Threading.Channels.ChannelReader<int> Filled(params int[] items)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<int>();
        foreach (var item in items)
        {
            channel.Writer.TryWrite(item);
        }

        channel.Writer.Complete();
        return channel.Reader;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
