using System.Collections.Concurrent;
using Atelier.Labs.Downloads;

namespace Atelier.Labs.Tests.Downloads;

public sealed class DownloadsLessonTests
{
    [Fact]
    public async Task RunAsync_BoardShowsEachDownloadMoveForwardAndNeverTooManyAtOnce()
    {
        var boards = new ConcurrentQueue<DownloadBoard>();
        var report = await DownloadsLesson.RunAsync(
            new DownloadsOptions { Count = 4, Concurrency = 2, Refresh = TimeSpan.FromMilliseconds(20), Seed = 3 },
            new Recorder(boards),
            TestContext.Current.CancellationToken);

        var history = boards.ToList();
        Assert.True(history.Count >= 3, $"only {history.Count} boards");
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(b => b.Refresh));
        Assert.All(history, b => Assert.InRange(b.Downloads.Count(d => d.Status == DownloadStatus.InProgress), 0, 2));
        Assert.True(history[^1].Finished);
        foreach (var name in report.Downloads.Select(d => d.Name))
        {
            var states = history.Select(b => b.Downloads.Single(d => d.Name == name)).ToList();
            Assert.Equal(states.Select(s => s.Status).Order(), states.Select(s => s.Status));
            Assert.Equal(states.Select(s => s.Percent).Order(), states.Select(s => s.Percent));
            Assert.Equal(100, states[^1].Percent);
        }

        Assert.All(report.Downloads, d => Assert.Equal(DownloadStatus.Done, d.Status));
        Assert.True(report.Downloads.Count(d => d.WaitedMs >= 1) >= 2, "with 2 slots for 4 downloads, two must wait");
        Assert.Equal(history.Count, report.BoardRefreshes);
    }

    private sealed class Recorder(ConcurrentQueue<DownloadBoard> boards) : IProgress<DownloadBoard>
    {
        public void Report(DownloadBoard value) => boards.Enqueue(value);
    }
}
