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
