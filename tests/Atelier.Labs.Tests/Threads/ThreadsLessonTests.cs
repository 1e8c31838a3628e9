using Atelier.Labs.Threads;

namespace Atelier.Labs.Tests.Threads;

public sealed class ThreadsLessonTests
{
    [Fact]
    public async Task RunAsync_SleepingWork_OverlapsOnThreadsAndTasksButNotSequentially()
    {
        var report = await ThreadsLesson.RunAsync(new ThreadsOptions { Tasks = 5, Delay = TimeSpan.FromMilliseconds(100) }, TestContext.Current.CancellationToken);

        var (sequential, threads, tasks) = (report.Runs[0], report.Runs[1], report.Runs[2]);
        Assert.Equal(["sequential", "threads", "async tasks"], report.Runs.Select(r => r.Mode));
        Assert.True(sequential.ElapsedMs >= 500, $"five 100 ms sleeps in a row cannot take {sequential.ElapsedMs} ms");
        Assert.True(threads.ElapsedMs < sequential.ElapsedMs, "overlapping sleeps must beat sleeping in turn");
        Assert.True(tasks.ElapsedMs < sequential.ElapsedMs, "overlapping delays must beat sleeping in turn");
        Assert.Equal((1, 5, 0), (sequential.BlockedThreads, threads.BlockedThreads, tasks.BlockedThreads));
    }

    [Theory]
    [InlineData(100, 400, "Threads: one thread per task took 0.10 s, 4.0x faster: a sleeping thread")]
    [InlineData(0, 0.5, "Threads: one thread per task took 0.02 s, 40.0x slower: with no wait to overlap")]
    [InlineData(0, 0, "Threads: one thread per task took 0.02 s, slower: with no wait to overlap")]
    public void Findings_SaySlowerWhenThereIsNothingToOverlap(double delayMs, double sequentialMs, string start)
    {
        ThreadsRun Run(string mode, double ms) => new(mode, ms, ms == 0 ? 0 : sequentialMs / ms, 1);
        var report = new ThreadsReport(4, delayMs, [Run("sequential", sequentialMs == 0 ? 0 : sequentialMs), Run("threads", delayMs > 0 ? 100 : 20), Run("async tasks", 10)]);

        Assert.StartsWith(start, report.Findings[1], StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<![\d.])0\.0x", string.Join('\n', report.Findings));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsWithoutWaitingForTheSleeps()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ThreadsLesson.RunAsync(new ThreadsOptions { Tasks = 10, Delay = TimeSpan.FromSeconds(30) }, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }
}
