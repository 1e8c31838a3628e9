using Atelier.Cli.Rendering;
using Atelier.Monitoring;
using Atelier.Monitoring.Alerts;
using Spectre.Console.Testing;

namespace Atelier.Cli.Tests.Rendering;

/// <summary>The live view's process tables: shown when the terminal has room for them, left out when it has not.</summary>
public sealed class MonitorLiveViewTests
{
    [Fact]
    public async Task Render_TallTerminal_ShowsTheTopProcessesByCpuAndByMemory_AShortOneOnlyTheMetrics()
    {
        var time = new FakeTimeProvider();
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = time, TopProcesses = 3 }, new AlertOptions { Rules = [] });
        await using (var run = monitor.RunAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            var next = run.MoveNextAsync();
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await next);
        }

        var biggest = monitor.LatestProcesses.ByMemory[0];
        var tall = new TestConsole { Profile = { Width = 200 } };
        tall.Write(MonitorLiveView.Render(monitor, height: 100));
        var shortOne = new TestConsole { Profile = { Width = 200 } };
        shortOne.Write(MonitorLiveView.Render(monitor, height: monitor.Metrics.Count + 10));

        Assert.Contains("top by CPU", tall.Output, StringComparison.Ordinal);
        Assert.Contains("top by memory", tall.Output, StringComparison.Ordinal);
        Assert.Contains(tall.Lines, l => l.Contains($" {biggest.Pid} ", StringComparison.Ordinal) && l.Contains(biggest.User, StringComparison.Ordinal));
        Assert.DoesNotContain("top by", shortOne.Output, StringComparison.Ordinal);
        Assert.Contains("Memory", shortOne.Output, StringComparison.Ordinal);
    }
}
