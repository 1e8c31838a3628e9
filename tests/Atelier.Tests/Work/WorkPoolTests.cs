using Atelier.Tests.Support;
using Atelier.Work;

namespace Atelier.Tests.Work;

public sealed class WorkPoolTests
{
    [Fact]
    public async Task RunAsync_ManyItems_YieldsEachItemOnceWithItsValue()
    {
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 1000),
            (item, _) => ValueTask.FromResult(item.Value * 2),
            new WorkPoolOptions { MaxDegreeOfParallelism = 4 },
            TestContext.Current.CancellationToken));

        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => (int)r.Index).Order());
        Assert.All(results, r => Assert.Equal(r.Item * 2, r.Value));
        Assert.All(results, r => Assert.Equal(WorkStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task RunAsync_PreserveOrder_YieldsInInputOrderThoughEarlyItemsAreSlowest()
    {
        // Each item ends only after the one after it: they end in exactly the reverse of their order.
        var ended = Enumerable.Range(0, 40).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var endings = new List<int>();
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 40),
            async (item, ct) =>
            {
                if (item.Value < 39)
                {
                    await ended[item.Value + 1].Task.WaitAsync(ct);
                }

                lock (endings)
                {
                    endings.Add(item.Value);
                }

                ended[item.Value].SetResult();
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 40, PreserveOrder = true },
            TestContext.Current.CancellationToken));

        Assert.Equal(Enumerable.Range(0, 40).Reverse(), endings);
        Assert.Equal(Enumerable.Range(0, 40), results.Select(r => r.Value));
    }

    [Fact]
    public async Task RunAsync_SomeItemsThrow_BatchCompletesAndFailuresCarryExceptionAndReason()
    {
        var clock = new FakeTimeProvider();
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 30),
            (item, _) =>
            {
                clock.Advance(TimeSpan.FromSeconds(2));
                return item.Value % 3 == 0
                    ? throw new FormatException($"'{item.Value}' is not a number")
                    : ValueTask.FromResult(item.Value);
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 1, TimeProvider = clock },
            TestContext.Current.CancellationToken));

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
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync<int, int>(
            [1],
            (_, _) => throw new WorkItemException("HTTP 404 Not Found\nsecond line"),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("HTTP 404 Not Found", Assert.Single(results).Reason);
    }

    [Fact]
    public async Task RunAsync_NeverRunsMoreThanTheDegreeOfParallelism()
    {
        var running = 0;
        var highest = 0;

        // Every item waits until three are running at once: the pool must run three, and the count shows it never runs four.
        var three = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 60),
            async (item, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                WorkPoolRun.InterlockedMax(ref highest, now);
                if (now == 3)
                {
                    three.TrySetResult();
                }

                await three.Task.WaitAsync(ct);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                return item.Value;
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 3 },
            TestContext.Current.CancellationToken));

        Assert.Equal(60, results.Count);
        Assert.Equal(3, highest);
    }

    [Fact]
    public async Task RunAsync_ReportsEachItemsStatesAndFinalCounts()
    {
        var progress = new ProgressRecorder<WorkProgress>();
        var results = await WorkPoolRun.CollectAsync(WorkPool.RunAsync(
            Enumerable.Range(0, 20),
            (item, _) =>
            {
                item.ReportProgress(50);
                return item.Value % 4 == 0 ? throw new InvalidOperationException("no") : ValueTask.FromResult(item.Value);
            },
            new WorkPoolOptions { MaxDegreeOfParallelism = 3, Progress = progress },
            TestContext.Current.CancellationToken));

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
    public void Options_InvalidValues_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkPoolOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkPoolOptions { QueueCapacity = 0 });
        Assert.Equal(8, new WorkPoolOptions { MaxDegreeOfParallelism = 4 }.QueueCapacity);
    }
}
