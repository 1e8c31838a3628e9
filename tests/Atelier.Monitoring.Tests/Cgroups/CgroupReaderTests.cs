using System.Diagnostics;
using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Cgroups;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Cgroups;

/// <summary>Control groups from captured v2 and v1 trees (systemd's and Docker's layouts), and from a group made live.</summary>
public sealed class CgroupReaderTests
{
    private const long MachineMemory = 8L << 30;

    [Fact]
    public void Sample_V2_NamesServicesContainersAndSlices_WithCpuMemoryThrottlingIoAndProcesses()
    {
        using var tree = new TempFolder();
        var root = Path.Combine(tree.Path, "unified");
        Write(root, "cgroup.controllers", "cpuset cpu io memory pids\n");
        var docker = "/system.slice/docker-3f2a1c9d7e11aabbccddeeff00112233445566778899aabbccddeeff0011223344.scope";
        V2Group(root, "/system.slice/nginx.service", usage: 1_000_000, periods: 0, throttled: 0, memory: 50 << 20, max: "max", io: (4096, 0), pids: "101\n102\n");
        V2Group(root, docker, usage: 0, periods: 100, throttled: 10, memory: 100 << 20, max: $"{200 << 20}", io: (0, 0), pids: "2000\n");
        V2Group(root, "/user.slice/user-1000.slice", usage: 0, periods: 0, throttled: 0, memory: 1 << 20, max: "max", io: (0, 0), pids: "");
        V2Group(root, "/user.slice/user-1000.slice/session-3.scope", usage: 0, periods: 0, throttled: 0, memory: 1 << 20, max: "max", io: (0, 0), pids: "3000\n");
        var mounts = Path.Combine(tree.Path, "mountinfo");
        File.WriteAllText(mounts, $"30 23 0:26 / {root} rw,nosuid - cgroup2 cgroup2 rw\n");
        var containers = Path.Combine(tree.Path, "containers");
        Write(Path.Combine(containers, "3f2a1c9d7e11aabbccddeeff00112233445566778899aabbccddeeff0011223344"), "config.v2.json", """{"ID":"3f2a","Name":"/web"}""");
        var clock = new FakeTimeProvider();
        var reader = new CgroupReader(clock, MachineMemory, mounts, containers);

        var first = reader.Sample(clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(2));
        V2Group(root, "/system.slice/nginx.service", usage: 2_000_000, periods: 0, throttled: 0, memory: 50 << 20, max: "max", io: (4096 + 2_000_000, 1_000_000), pids: "101\n102\n");
        V2Group(root, docker, usage: 400_000, periods: 120, throttled: 15, memory: 100 << 20, max: $"{200 << 20}", io: (0, 0), pids: "2000\n");
        var second = reader.Sample(clock.GetTimestamp());

        Assert.Equal(2, reader.Version);
        Assert.Equal("cgroup v2", reader.Layout);

        // Only groups with processes of their own; rates from the second sample on.
        Assert.Equal(["docker:3f2a1c9d7e11 web", "nginx.service", "session-3.scope"], first.Select(g => g.Name).Order());
        Assert.All(first, g => Assert.True(double.IsNaN(g.CpuPercent)));
        var nginx = Assert.Single(second, g => g.Name == "nginx.service");
        Assert.Equal(("/system.slice/nginx.service", 50.0, 2, 1_500_000.0, (long?)null), (nginx.Path, nginx.CpuPercent, nginx.Processes, nginx.IoBytesPerSecond, nginx.MemoryLimit));
        Assert.Equal(Math.Round(50.0 * 100 / 8192, 1), nginx.MemoryPercent);
        var web = Assert.Single(second, g => g.Name.StartsWith("docker:", StringComparison.Ordinal));
        Assert.Equal((20.0, 25.0, 50.0, (long?)(200 << 20)), (web.CpuPercent, web.ThrottledPercent, web.MemoryPercent, web.MemoryLimit));
    }

    [Fact]
    public void Sample_V1Hybrid_ReadsEachControllersOwnMount_AndDropsAGroupThatVanishedAtTheNextWalk()
    {
        using var tree = new TempFolder();
        string cpu = Path.Combine(tree.Path, "cpu"), cpuacct = Path.Combine(tree.Path, "cpuacct"), memory = Path.Combine(tree.Path, "memory"), blkio = Path.Combine(tree.Path, "blkio");
        var unified = Path.Combine(tree.Path, "unified");
        Write(unified, "cgroup.controllers", "hugetlb\n");
        var id = new string('a', 64);
        foreach (var (group, usage, procs) in new[] { ($"/docker/{id}", 0UL, "77\n"), ("/system.slice/cron.service", 0UL, "88\n") })
        {
            Write(cpuacct + group, "cpuacct.usage", $"{usage}\n");
            Write(cpuacct + group, "cgroup.procs", procs);
            Write(cpu + group, "cpu.stat", "nr_periods 10\nnr_throttled 0\nthrottled_time 0\n");
            Write(cpu + group, "cpu.cfs_quota_us", "50000\n");
            Write(cpu + group, "cgroup.procs", procs);
            Write(memory + group, "memory.usage_in_bytes", $"{64 << 20}\n");
            Write(memory + group, "memory.limit_in_bytes", "9223372036854771712\n");
            Write(memory + group, "cgroup.procs", procs);
            Write(blkio + group, "blkio.throttle.io_service_bytes", "8:0 Read 1000\n8:0 Write 0\n8:0 Sync 0\n8:0 Total 1000\nTotal 1000\n");
        }

        var mounts = Path.Combine(tree.Path, "mountinfo");
        File.WriteAllText(mounts, string.Join('\n',
            $"32 31 0:29 / {cpu} rw,relatime - cgroup cgroup rw,cpu",
            $"33 31 0:30 / {cpuacct} rw,relatime - cgroup cgroup rw,cpuacct",
            $"35 31 0:32 / {memory} rw,relatime - cgroup cgroup rw,memory",
            $"38 31 0:35 / {blkio} rw,relatime - cgroup cgroup rw,blkio",
            $"40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
            $"41 31 0:38 / {unified} rw,relatime - cgroup2 cgroup2 rw") + "\n");
        var clock = new FakeTimeProvider();
        var reader = new CgroupReader(clock, MachineMemory, mounts, Path.Combine(tree.Path, "no-docker"));

        reader.Sample(clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(1));
        Write(cpuacct + $"/docker/{id}", "cpuacct.usage", "1500000000\n");
        Write(cpu + $"/docker/{id}", "cpu.stat", "nr_periods 20\nnr_throttled 5\nthrottled_time 123\n");
        Write(blkio + $"/docker/{id}", "blkio.throttle.io_service_bytes", "8:0 Read 3000\n8:0 Write 4000\n8:0 Total 7000\nTotal 7000\n");
        foreach (var mount in new[] { cpu, cpuacct, memory, blkio })
        {
            Directory.Delete(mount + "/system.slice/cron.service", recursive: true);
        }

        var second = reader.Sample(clock.GetTimestamp());

        // A removed group's open files fail to read (ENODEV, the live test sees it); files of a folder removed here
        // still read, so this one goes at the next walk of the trees.
        var walked = second;
        for (var sample = 2; sample <= CgroupReader.WalkEvery; sample++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            walked = reader.Sample(clock.GetTimestamp());
        }

        Assert.Equal((1, "cgroup v1 (cpuacct, cpu, memory, blkio)"), (reader.Version, reader.Layout));
        Assert.Equal([$"docker:{id[..12]}"], walked.Select(g => g.Name));
        var container = Assert.Single(second, g => g.Name.StartsWith("docker:", StringComparison.Ordinal));
        Assert.Equal(($"docker:{id[..12]}", 150.0, 50.0, 6000.0, 1), (container.Name, container.CpuPercent, container.ThrottledPercent, container.IoBytesPerSecond, container.Processes));
        Assert.Equal(((long?)null, Math.Round(64.0 * 100 / 8192, 1)), (container.MemoryLimit, container.MemoryPercent));
    }

    [Fact]
    public void Sample_ATreeThatChangesUnderIt_UnreadableFilesAndOddNames_NeitherThrowsNorInventsFigures()
    {
        using var tree = new TempFolder();
        var root = Path.Combine(tree.Path, "unified");
        Write(root, "cgroup.controllers", "cpu io memory\n");
        V2Group(root, "/system.slice/my app.service", usage: 1_000_000, periods: 0, throttled: 0, memory: 1 << 20, max: "max", io: (0, 0), pids: "10\n");
        V2Group(root, "/machine.slice/a:b.scope", usage: 1_000_000, periods: 0, throttled: 0, memory: 1 << 20, max: "max", io: (0, 0), pids: "11\n");
        V2Group(root, "/broken.service", usage: 0, periods: 0, throttled: 0, memory: 0, max: "max", io: (0, 0), pids: "12\n");
        File.WriteAllText(Path.Combine(root + "/broken.service", "memory.current"), "garbage\n");
        File.WriteAllText(Path.Combine(root + "/broken.service", "cpu.stat"), "usage_usec\nnr_periods x\n");
        File.Delete(Path.Combine(root + "/broken.service", "io.stat"));
        Directory.CreateDirectory(Path.Combine(root + "/broken.service", "io.stat"));
        Directory.CreateDirectory(Path.Combine(root + "/procs-unreadable.service", "cgroup.procs"));
        var mounts = Path.Combine(tree.Path, "mountinfo");
        File.WriteAllText(mounts, $"30 23 0:26 / {root.Replace(" ", "\\040", StringComparison.Ordinal)} rw - cgroup2 cgroup2 rw\n");
        var clock = new FakeTimeProvider();
        var reader = new CgroupReader(clock, MachineMemory, mounts);

        // A group made and one removed before every sample, for three walks.
        IReadOnlyList<CgroupSnapshot> sample = [];
        for (var i = 0; i < 3 * CgroupReader.WalkEvery; i++)
        {
            V2Group(root, $"/churn-{i}.scope", usage: 0, periods: 0, throttled: 0, memory: 1, max: "max", io: (0, 0), pids: $"{100 + i}\n");
            if (i > 0)
            {
                Directory.Delete(root + $"/churn-{i - 1}.scope", recursive: true);
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            sample = reader.Sample(clock.GetTimestamp());
            if (i % CgroupReader.WalkEvery == 0)
            {
                // At a walk: the groups there now, and no other.
                Assert.Equal(["a:b.scope", "broken.service", $"churn-{i}.scope", "my app.service"], sample.Select(g => g.Name).Order(StringComparer.Ordinal));
            }
        }

        // Unreadable or malformed counters are unknown (NaN), never zero or a made-up rate.
        var broken = Assert.Single(sample, g => g.Name == "broken.service");
        Assert.True(double.IsNaN(broken.MemoryPercent) && double.IsNaN(broken.ThrottledPercent) && double.IsNaN(broken.IoBytesPerSecond) && double.IsNaN(broken.CpuPercent));

        // A group made again under the same path starts its counters from zero: no rate, not a negative one.
        V2Group(root, "/system.slice/my app.service", usage: 10, periods: 0, throttled: 0, memory: 1 << 20, max: "max", io: (0, 0), pids: "10\n");
        clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(reader.Sample(clock.GetTimestamp()), g => g.Name == "my app.service");
        Assert.True(double.IsNaN(again.CpuPercent));

        // Rules can name them: ':' and spaces are part of the name.
        Assert.True(new NamedCgroup("a:b.scope").Is(Assert.Single(sample, g => g.Path == "/machine.slice/a:b.scope")));
        Assert.Equal(
            ["a:b.scope", "my app.service"],
            NamedCgroup.From([AlertRule.Parse("cgroup:a:b.scope.cpu>80:crit"), AlertRule.Parse("cgroup:my app.service.mem>90")]).Select(g => g.Name));
        reader.Dispose();
    }

    [Fact]
    public void Sample_NoControllersMounted_IsNoGroups_AndSaysSo()
    {
        using var tree = new TempFolder();
        var mounts = Path.Combine(tree.Path, "mountinfo");
        File.WriteAllText(mounts, "22 1 0:21 / /proc rw - proc proc rw\n");

        var reader = new CgroupReader(new FakeTimeProvider(), MachineMemory, mounts);

        Assert.Empty(reader.Sample(0));
        Assert.Equal((0, "no cgroup controllers mounted"), (reader.Version, reader.Layout));
    }

    [Fact]
    public async Task Sample_Live_AGroupWithA20PercentQuota_ShowsItsCpuAndThrottling()
    {
        var reader = new CgroupReader(TimeProvider.System, MachineMemory);
        var (cpuRoot, acctRoot) = reader.Version switch
        {
            1 => ("/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpuacct"),
            _ => (null, null),
        };
        if (cpuRoot is null || !Directory.Exists(cpuRoot) || !IsWritable(cpuRoot))
        {
            Assert.Skip($"this machine's cgroups ({reader.Layout}) cannot be written here: the live group needs v1's cpu hierarchy");
        }

        var name = $"atelier-test-{Environment.ProcessId}";
        string group = Path.Combine(cpuRoot, name), acct = Path.Combine(acctRoot!, name);
        Directory.CreateDirectory(group);
        Directory.CreateDirectory(acct);
        using var burner = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]))!;
        try
        {
            File.WriteAllText(Path.Combine(group, "cpu.cfs_period_us"), "100000");
            File.WriteAllText(Path.Combine(group, "cpu.cfs_quota_us"), "20000");
            File.WriteAllText(Path.Combine(group, "cgroup.procs"), burner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(acct, "cgroup.procs"), burner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            reader.Sample(TimeProvider.System.GetTimestamp());
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            var sample = reader.Sample(TimeProvider.System.GetTimestamp());

            var mine = Assert.Single(sample, g => g.Path == "/" + name);
            Assert.Equal((name, 1), (mine.Name, mine.Processes));
            Assert.InRange(mine.CpuPercent, 12, 25);
            Assert.InRange(mine.ThrottledPercent, 50, 100);

            // A rule on the group fires, and names the group's processes: the busy loop.
            var rules = new AlertOptions { Rules = [AlertRule.Parse($"cgroup:{name}.cpu>5:crit")], For = TimeSpan.Zero, CheckEvery = TimeSpan.FromMilliseconds(100) };
            using var monitor = new SystemMonitor(new MonitorOptions { Interval = TimeSpan.FromMilliseconds(300) }, rules);
            AlertEvent? fired = null;
            await foreach (var tick in monitor.RunAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken))
            {
                if ((fired = tick.Alerts.FirstOrDefault(a => a.Firing)) is not null)
                {
                    break;
                }
            }

            Assert.NotNull(fired);
            Assert.Equal(burner.Id, Assert.Single(fired.Processes!).Pid);
        }
        finally
        {
            burner.Kill();
            await burner.WaitForExitAsync(TestContext.Current.CancellationToken);
            await Eventually.HoldsAsync(() => File.ReadAllText(Path.Combine(group, "cgroup.procs")).Length == 0, TimeSpan.FromSeconds(5));
            Directory.Delete(group);
            Directory.Delete(acct);
        }

        // Removed: the files the reader keeps open fail to read, and the group goes at once, not at the next walk.
        Assert.DoesNotContain(reader.Sample(TimeProvider.System.GetTimestamp()), g => g.Path == "/" + name);
        reader.Dispose();
    }

    private static bool IsWritable(string folder)
    {
        var probe = Path.Combine(folder, $"atelier-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void V2Group(string root, string group, ulong usage, ulong periods, ulong throttled, long memory, string max, (ulong Read, ulong Written) io, string pids)
    {
        var folder = root + group;
        Write(folder, "cpu.stat", $"usage_usec {usage}\nuser_usec {usage}\nsystem_usec 0\nnr_periods {periods}\nnr_throttled {throttled}\nthrottled_usec 0\n");
        Write(folder, "memory.current", $"{memory}\n");
        Write(folder, "memory.max", $"{max}\n");
        Write(folder, "io.stat", io.Read + io.Written == 0 ? "" : $"8:0 rbytes={io.Read} wbytes={io.Written} rios=1 wios=1 dbytes=0 dios=0\n");
        Write(folder, "cgroup.procs", pids);
    }

    private static void Write(string folder, string file, string text)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, file), text);
    }
}
