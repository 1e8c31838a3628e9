using Atelier.Monitoring.Alerts;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Cgroups;

/// <summary>The monitor over a captured cgroup v2 tree: the groups on each sample, and a rule on one of them.</summary>
public sealed class CgroupMonitorTests
{
    [Fact]
    public async Task RunAsync_CgroupRule_FiresOnTheGroupByItsContainersName_AndSamplesCarryTheTopGroups()
    {
        using var proc = new TempFolder();
        using var cgroup = new TempFolder();
        var root = Path.Combine(cgroup.Path, "unified");
        Write(root, "cgroup.controllers", "cpu io memory pids\n");
        var web = $"/system.slice/docker-{new string('b', 64)}.scope";
        Group(root, web, usage: 0, "10\n11\n");
        Group(root, "/system.slice/cron.service", usage: 0, "20\n", memory: 1 << 10);
        Write(proc.Path, "self/mountinfo", $"30 23 0:26 / {root} rw - cgroup2 cgroup2 rw\n");
        Write(proc.Path, "stat", "cpu  1000 0 500 8000 100 0 0 0 0 0\n");
        Write(proc.Path, "meminfo", "MemTotal: 1048576 kB\nMemAvailable: 524288 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
        Write(proc.Path, "loadavg", "0.50 0.25 0.10 1/100 42\n");
        Write(proc.Path, "net/dev", "h\nh\n");
        Write(proc.Path, "diskstats", "");
        var time = new FakeTimeProvider();
        var rules = new AlertOptions { Rules = [AlertRule.Parse($"cgroup:{new string('b', 12)}.cpu>40:crit")], For = TimeSpan.Zero, CheckEvery = TimeSpan.FromSeconds(1) };
        using var monitor = new SystemMonitor(new MonitorOptions { ProcRoot = proc.Path, CgroupRoot = cgroup.Path, Cgroups = 1, TimeProvider = time }, rules);
        var ticks = new List<MonitorTick>();
        await using (var run = monitor.RunAsync(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            for (var second = 1; second <= 2; second++)
            {
                // The container uses half a core in the second second; cron nothing.
                Group(root, web, usage: second == 2 ? 500_000UL : 0, "10\n11\n");
                var next = run.MoveNextAsync();
                time.Advance(TimeSpan.FromSeconds(1));
                Assert.True(await next);
                ticks.Add(run.Current);
            }
        }

        // Named by runtime and short id (no Docker state here); the top one by CPU is also the top one by memory.
        var name = $"docker:{new string('b', 12)}";
        var fired = Assert.Single(ticks.SelectMany(t => t.Alerts));
        Assert.Equal(($"cgroup:{new string('b', 12)}.cpu", 50.0, true), (fired.Metric, fired.Value, fired.Firing));
        Assert.Equal([name], ticks[1].Cgroups.Select(g => g.Name));
        Assert.Equal((50.0, 2), (ticks[1].Cgroups[0].CpuPercent, ticks[1].Cgroups[0].Processes));
        Assert.Equal(ticks[1].Cgroups, monitor.LatestCgroups);
        Assert.Equal("cgroup v2", monitor.CgroupLayout);
        Assert.Contains("Control groups: cgroup v2.", monitor.Notes);
    }

    private static void Group(string root, string group, ulong usage, string pids, long memory = 1 << 20)
    {
        var folder = root + group;
        Write(folder, "cpu.stat", $"usage_usec {usage}\nnr_periods 0\nnr_throttled 0\n");
        Write(folder, "memory.current", $"{memory}\n");
        Write(folder, "memory.max", "max\n");
        Write(folder, "cgroup.procs", pids);
    }

    private static void Write(string folder, string file, string text)
    {
        var path = Path.Combine(folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
