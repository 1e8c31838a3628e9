using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Tests;

/// <summary>The monitor on this machine's real /proc, at a fast interval.</summary>
public sealed class SystemMonitorTests
{
    [Fact]
    public async Task RunAsync_SamplesAtTheIntervalForTheDurationAndSummarises()
    {
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromMilliseconds(50), Window = 4 }, new AlertOptions());
        var ticks = new List<MonitorTick>();

        await foreach (var tick in monitor.RunAsync(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken))
        {
            ticks.Add(tick);
        }

        Assert.InRange(ticks.Count, 6, 13);
        Assert.Equal(Enumerable.Range(1, ticks.Count).Select(i => (long)i), ticks.Select(t => t.Sequence));
        var summary = monitor.Summarize();
        Assert.Equal(ticks.Count, summary.Samples);
        var cpu = summary.Metrics.Single(m => m.Metric.Name == "cpu");
        Assert.InRange(cpu.Min, 0, 100);
        Assert.InRange(cpu.Max, cpu.Min, 100);
        Assert.Equal(4, monitor.Window.Series(0, new double[10]));
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsWithoutThrowing()
    {
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromMilliseconds(50) }, new AlertOptions());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var count = 0;

        await foreach (var tick in monitor.RunAsync(cancellationToken: cancel.Token))
        {
            count++;
        }

        Assert.InRange(count, 2, 7);
        Assert.Equal(count, monitor.Summarize().Samples);
    }

    [Fact]
    public async Task RunAsync_RuleThatAlwaysHolds_FiresAtTheFirstCheckAfterItsTime()
    {
        var alerts = new AlertOptions { Rules = [AlertRule.Parse("mem>0:crit")], CheckEvery = TimeSpan.FromMilliseconds(100), For = TimeSpan.FromMilliseconds(200) };
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromMilliseconds(50) }, alerts);

        await foreach (var _ in monitor.RunAsync(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken))
        {
        }

        var summary = monitor.Summarize();
        var fired = Assert.Single(summary.Alerts);
        Assert.Equal(("mem", AlertLevel.Crit, true), (fired.Metric, fired.Level, fired.Firing));
        Assert.True(summary.CriticalFired);
    }
}
