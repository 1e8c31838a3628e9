using Atelier.Monitoring.Alerts;

namespace Atelier.Monitoring.Tests;

/// <summary>The monitor on this machine's real /proc, its interval and checks driven by a fake clock.</summary>
public sealed class SystemMonitorTests
{
    [Fact]
    public async Task RunAsync_SamplesAtTheIntervalForTheDurationAndSummarises()
    {
        var time = new FakeTimeProvider();
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), Window = 4, TimeProvider = time }, new AlertOptions());

        var ticks = await SampleAsync(monitor, time, TimeSpan.FromSeconds(12), samples: 20);

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), ticks.Select(t => t.Sequence));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => time.Start.AddSeconds(i)), ticks.Select(t => t.Time));
        var summary = monitor.Summarize();
        Assert.Equal((12, TimeSpan.FromSeconds(11)), (summary.Samples, summary.Duration));
        var cpu = summary.Metrics.Single(m => m.Metric.Name == "cpu");
        Assert.InRange(cpu.Min, 0, 100);
        Assert.InRange(cpu.Max, cpu.Min, 100);
        Assert.Equal(4, monitor.Window.Series(0, new double[10]));
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsWithoutThrowing()
    {
        var time = new FakeTimeProvider();
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = time }, new AlertOptions());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var samples = monitor.RunAsync(cancellationToken: cancel.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            var next = samples.MoveNextAsync();
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await next);
        }

        var last = samples.MoveNextAsync();
        await cancel.CancelAsync();

        Assert.False(await last);
        Assert.Equal(3, monitor.Summarize().Samples);
    }

    [Fact]
    public async Task RunAsync_RuleThatAlwaysHolds_FiresAtTheFirstCheckAfterItsTime()
    {
        var time = new FakeTimeProvider();
        var alerts = new AlertOptions { Rules = [AlertRule.Parse("mem>0:crit")], CheckEvery = TimeSpan.FromSeconds(2), For = TimeSpan.FromSeconds(3) };
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = time }, alerts);

        var ticks = await SampleAsync(monitor, time, TimeSpan.FromSeconds(10), samples: 10);

        // It holds from the first sample (at 1 s) and has held 3 s by 4 s; checks come at 1, 3, 5 s: it fires at 5 s.
        var fired = Assert.Single(ticks.SelectMany(t => t.Alerts));
        Assert.Equal(("mem", AlertLevel.Crit, true, time.Start.AddSeconds(5)), (fired.Metric, fired.Level, fired.Firing, fired.Time));
        Assert.True(monitor.Summarize().CriticalFired);
    }

    [Fact]
    public async Task RunAsync_MemoryAlert_CarriesTheProcessesUsingTheMostMemory_AndOthersDoNot()
    {
        var time = new FakeTimeProvider();
        var alerts = new AlertOptions { Rules = [AlertRule.Parse("mem>0"), AlertRule.Parse("load1>=0")], CheckEvery = TimeSpan.FromSeconds(1), For = TimeSpan.Zero };
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = time }, alerts);

        var ticks = await SampleAsync(monitor, time, TimeSpan.FromSeconds(3), samples: 3);

        var fired = ticks.SelectMany(t => t.Alerts).ToList();
        var memory = Assert.Single(fired, a => a.Metric == "mem");
        Assert.Equal(5, memory.Processes!.Count);
        Assert.All(memory.Processes, p => Assert.True(p.Pid > 0 && p.RssBytes > 0 && p.Command.Length > 0, p.ToString()));
        Assert.Equal(memory.Processes.OrderByDescending(p => p.RssBytes).Select(p => p.Pid), memory.Processes.Select(p => p.Pid));
        Assert.Null(Assert.Single(fired, a => a.Metric == "load1").Processes);

        // Samples carry no processes unless asked (TopProcesses), and the alert's JSON line names them.
        Assert.All(ticks, t => Assert.Same(Monitoring.Processes.TopProcesses.None, t.Processes));
        Assert.Contains($"\"pid\":{memory.Processes[0].Pid}", ReadableJson.Serialize(memory, MonitoringJsonContext.Default.AlertEvent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TopProcesses_EachSampleCarriesThem()
    {
        var time = new FakeTimeProvider();
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = time, TopProcesses = 3 }, new AlertOptions { Rules = [] });

        var ticks = await SampleAsync(monitor, time, TimeSpan.FromSeconds(2), samples: 2);

        Assert.All(ticks, t => Assert.Equal(3, t.Processes.ByMemory.Count));
    }

    [Fact]
    public async Task RunAsync_TemperatureRule_FiresOnTheHottestSensor_AndWithoutSensorsIsAcceptedAndSilent()
    {
        using var sys = new Atelier.Tests.Support.TempFolder();
        Sampling.SensorsTests.Chip(sys, "hwmon0", "coretemp", (1, 60000, "Package id 0"), (2, 88000, "Core 1"));
        using var empty = new Atelier.Tests.Support.TempFolder();
        var rules = new AlertOptions { Rules = [AlertRule.Parse("temp>85:crit")], CheckEvery = TimeSpan.FromSeconds(1), For = TimeSpan.Zero };

        var hot = new FakeTimeProvider();
        using var withSensors = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = hot, SysRoot = sys.Path }, rules);
        var fired = Assert.Single((await SampleAsync(withSensors, hot, TimeSpan.FromSeconds(2), samples: 2)).SelectMany(t => t.Alerts));
        Assert.Equal(("temp", AlertLevel.Crit, 88.0), (fired.Metric, fired.Level, fired.Value));
        Assert.Equal("Temperature (hottest of 2 sensors)", Assert.Single(withSensors.Metrics, m => m.Name == "temp").Label);

        var cold = new FakeTimeProvider();
        using var withoutSensors = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = cold, SysRoot = empty.Path }, rules);
        var ticks = await SampleAsync(withoutSensors, cold, TimeSpan.FromSeconds(2), samples: 2);
        Assert.Empty(ticks.SelectMany(t => t.Alerts));
        Assert.False(withoutSensors.Summarize().CriticalFired);
    }

    [Fact]
    public async Task RunAsync_EachSensor_IsAMetricOfItsOwn_AndARuleOnOneWatchesOnlyIt()
    {
        using var sys = new Atelier.Tests.Support.TempFolder();
        Sampling.SensorsTests.Chip(sys, "hwmon0", "coretemp", (1, 60000, "Package id 0"), (2, 88000, "Core 1"));
        var rules = new AlertOptions { Rules = [AlertRule.Parse("temp:coretemp Package id 0>70:crit"), AlertRule.Parse("temp:coretemp Core 1>85")], CheckEvery = TimeSpan.FromSeconds(1), For = TimeSpan.Zero };
        var time = new FakeTimeProvider();
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromSeconds(1), TimeProvider = time, SysRoot = sys.Path, EachSensor = true }, rules);

        var ticks = await SampleAsync(monitor, time, TimeSpan.FromSeconds(2), samples: 2);

        var sensors = monitor.Metrics.Where(m => m.Name.StartsWith("temp:", StringComparison.Ordinal)).ToList();
        Assert.Equal([("temp:coretemp Package id 0", "coretemp Package id 0"), ("temp:coretemp Core 1", "coretemp Core 1")], sensors.Select(m => (m.Name, m.Label)));
        Assert.All(sensors, m => Assert.Equal(MetricKind.Celsius, m.Kind));
        var row = new double[monitor.Metrics.Count];
        Assert.True(monitor.Window.TryLatest(row, out _));
        Assert.Equal((88.0, 60.0, 88.0), (row[monitor.Metrics.ToList().FindIndex(m => m.Name == "temp")], row[monitor.Metrics.ToList().IndexOf(sensors[0])], row[monitor.Metrics.ToList().IndexOf(sensors[1])]));
        var fired = Assert.Single(ticks.SelectMany(t => t.Alerts));
        Assert.Equal(("temp:coretemp Core 1", AlertLevel.Warn, 88.0), (fired.Metric, fired.Level, fired.Value));
    }

    [Fact]
    public async Task RunAsync_ProcessRule_TotalsTheNamedProcessesCpuAndMemory_AndFires()
    {
        // A shell under a name of its own burning a core: proc:NAME is the processes /proc names so (ps -o comm).
        using var folder = new Atelier.Tests.Support.TempFolder();
        var burner = Path.Combine(folder.Path, "atelierburn");
        File.Copy("/bin/sh", burner);
        using var burning = System.Diagnostics.Process.Start(burner, ["-c", "while :; do :; done"]);
        try
        {
            var rules = new AlertOptions { Rules = [AlertRule.Parse("proc:atelierburn.cpu>20:crit"), AlertRule.Parse("proc:atelierburn.mem>50")], CheckEvery = TimeSpan.FromMilliseconds(100), For = TimeSpan.Zero };
            using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromMilliseconds(500) }, rules);
            var events = new List<AlertEvent>();
            // Two cores shared with other test assemblies can starve the burner for a few samples: watch until the
            // alert fires, for ten seconds at most, rather than for a fixed few samples.
            await foreach (var tick in monitor.RunAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken))
            {
                events.AddRange(tick.Alerts);
                if (events.Count > 0)
                {
                    break;
                }
            }

            Assert.Equal(["atelierburn CPU", "atelierburn memory", "atelierburn processes"], monitor.Metrics.Where(m => m.Name.StartsWith("proc:", StringComparison.Ordinal)).Select(m => m.Label));
            var fired = Assert.Single(events);
            Assert.Equal(("proc:atelierburn.cpu", AlertLevel.Crit, true), (fired.Metric, fired.Level, fired.Firing));

            // The alert names the processes it is about: the burner, with its command line (trimmed to 80 characters).
            var process = Assert.Single(fired.Processes!);
            Assert.Equal(burning.Id, process.Pid);
            Assert.StartsWith($"{burner} -c while :; do :; done"[..60], process.Command, StringComparison.Ordinal);
            Assert.InRange(process.CpuPercent, 20, 110);
            Assert.InRange(fired.Value, 20, 110);
            var memory = Assert.Single(monitor.Summarize().Metrics, m => m.Metric.Name == "proc:atelierburn.mem");
            Assert.InRange(memory.Max, 0.000001, 1);
        }
        finally
        {
            burning.Kill();
            await burning.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData("proc:java>1")]
    [InlineData("proc:java.io>1")]
    [InlineData("proc:.cpu>1")]
    public void New_AProcessRuleWithoutCpuOrMem_IsRefusedWithTheForm(string rule)
    {
        var error = Assert.Throws<AtelierException>(() => new SystemMonitor(new MonitorOptions(), new AlertOptions { Rules = [AlertRule.Parse(rule)] }));

        Assert.Contains("a process rule is proc:NAME.cpu (percent of one core, summed over the processes named NAME), proc:NAME.mem (percent of memory) or proc:NAME.count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CountRule_FiresForAProcessThatIsNotRunning_AndCountsOneThatIs()
    {
        // This test's own process, by the name /proc gives it, runs; the other name does not.
        var self = File.ReadAllText("/proc/self/comm").TrimEnd('\n');
        var rules = new AlertOptions
        {
            Rules = [AlertRule.Parse("proc:atelier-nosuch.count<1:crit"), AlertRule.Parse($"proc:{self}.count<1")],
            CheckEvery = TimeSpan.FromMilliseconds(100),
            For = TimeSpan.Zero,
        };
        using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromMilliseconds(200) }, rules);
        var events = new List<AlertEvent>();
        await foreach (var tick in monitor.RunAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken))
        {
            events.AddRange(tick.Alerts);
        }

        var fired = Assert.Single(events);
        Assert.Equal(("proc:atelier-nosuch.count", 0.0, AlertLevel.Crit, true), (fired.Metric, fired.Value, fired.Level, fired.Firing));
        Assert.Empty(fired.Processes ?? []);
        Assert.InRange(Assert.Single(monitor.Summarize().Metrics, m => m.Metric.Name == $"proc:{self}.count").Min, 1, 64);
    }

    /// <summary>Takes samples a second of fake time at a time, until the run ends or <paramref name="samples"/> are taken.</summary>
    private static async Task<List<MonitorTick>> SampleAsync(SystemMonitor monitor, FakeTimeProvider time, TimeSpan duration, int samples)
    {
        var ticks = new List<MonitorTick>();
        await using var run = monitor.RunAsync(duration, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        for (var i = 0; i < samples; i++)
        {
            var next = run.MoveNextAsync();
            if (!next.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }

            if (!await next)
            {
                break;
            }

            ticks.Add(run.Current);
        }

        return ticks;
    }
}
