using Atelier.Cli.Rendering;
using Atelier.Monitoring;
using Atelier.Monitoring.Alerts;
using Spectre.Console.Testing;

namespace Atelier.Cli.Tests.Rendering;

/// <summary>The live view's process tables: shown as far as the terminal has room for them, and said when cut.</summary>
public sealed class MonitorLiveViewTests
{
    [Fact]
    public async Task Render_TallTerminal_ShowsTheTopProcessesByCpuAndByMemory_AShortOneOnlyTheMetrics()
    {
        var time = new FakeTimeProvider();
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = time, TopProcesses = 3 }, new AlertOptions { Rules = [] });
        await using (var run = monitor.RunAsync(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            // Two samples: CPU shares come from the difference between them.
            for (var sample = 0; sample < 2; sample++)
            {
                var next = run.MoveNextAsync();
                time.Advance(TimeSpan.FromSeconds(1));
                Assert.True(await next);
            }
        }

        var biggest = monitor.LatestProcesses.ByMemory[0];
        var tall = new TestConsole { Profile = { Width = 200 } };
        tall.Write(MonitorLiveView.Render(monitor, height: 100, width: 200));
        var shortOne = new TestConsole { Profile = { Width = 200 } };
        shortOne.Write(MonitorLiveView.Render(monitor, height: monitor.Metrics.Count + 10, width: 200));

        // Room for one table of two rows: the metrics (a line each, six more with the footer), five lines and two rows.
        var middle = new TestConsole { Profile = { Width = 80 } };
        middle.Write(MonitorLiveView.Render(monitor, height: monitor.Metrics.Count + 6 + 1 + 5 + 2, width: 80));

        // CPU shares need time between samples, which a fake clock does not give the processes: that table may be empty.
        var processes = monitor.LatestProcesses;
        Assert.Equal(processes.ByCpu.Count > 0, tall.Output.Contains("top by CPU", StringComparison.Ordinal));
        Assert.Contains("top by memory", tall.Output, StringComparison.Ordinal);
        Assert.Contains(tall.Lines, l => l.Contains($" {biggest.Pid} ", StringComparison.Ordinal) && l.Contains(biggest.User, StringComparison.Ordinal));
        Assert.DoesNotContain("top by", shortOne.Output, StringComparison.Ordinal);
        Assert.Contains("Memory", shortOne.Output, StringComparison.Ordinal);
        Assert.Contains(shortOne.Lines, l => l.StartsWith("top processes hidden: they need ", StringComparison.Ordinal));

        Assert.Single(middle.Lines, l => l.Trim() is "top by CPU" or "top by memory");
        var shown = Math.Min(processes.ByCpu.Count > 0 ? processes.ByCpu.Count : processes.ByMemory.Count, 2);
        Assert.Contains(middle.Lines, l => l.StartsWith($"top processes: {shown} of {processes.ByCpu.Count + processes.ByMemory.Count + processes.ByIo.Count} rows fit in ", StringComparison.Ordinal));
        Assert.All(middle.Lines, l => Assert.True(l.Length <= 80, l));
        Assert.True(middle.Lines.Count <= monitor.Metrics.Count + 6 + 1 + 5 + 2, string.Join('\n', middle.Lines));
    }
}
