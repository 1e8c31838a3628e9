using System.Diagnostics;
using Atelier.Monitoring.Processes;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Processes;

/// <summary>The top processes, from captured /proc files changed between samples, and from the real /proc.</summary>
public sealed class ProcessReaderTests
{
    [Fact]
    public void Sample_RanksByCpuOverTheIntervalAndByMemory_SkippingWhatVanished()
    {
        using var proc = new TempFolder();
        using var etc = new TempFolder();
        File.WriteAllText(Path.Combine(etc.Path, "passwd"), "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n");
        Process(proc, 10, "java", 'S', ticks: 1000, rssPages: 5000, uid: 1000, "java\0-jar\0app.jar\0");
        Process(proc, 20, "my (odd) name", 'R', ticks: 500, rssPages: 100, uid: 0, "");
        Process(proc, 30, "gone", 'S', ticks: 0, rssPages: 1, uid: 0, "gone\0");
        var clock = new FakeTimeProvider();
        var reader = new ProcessReader(proc.Path, top: 2, clock, Path.Combine(etc.Path, "passwd"));

        var first = reader.Sample(clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(2));
        Process(proc, 10, "java", 'S', ticks: 1300, rssPages: 5000, uid: 1000, "java\0-jar\0app.jar\0");
        Process(proc, 20, "my (odd) name", 'R', ticks: 900, rssPages: 100, uid: 0, "");
        Directory.Delete(Path.Combine(proc.Path, "30"), recursive: true);
        var second = reader.Sample(clock.GetTimestamp());

        // No CPU before a process has been seen twice; then ticks over the interval, in percent of one core.
        Assert.Empty(first.ByCpu);
        var page = Environment.SystemPageSize;
        Assert.Equal(
            [new ProcessSnapshot(20, "root", "[my (odd) name]", 200, 100L * page, 'R'), new ProcessSnapshot(10, "alice", "java -jar app.jar", 150, 5000L * page, 'S')],
            second.ByCpu);
        Assert.Equal([10, 20], second.ByMemory.Select(p => p.Pid));
    }

    [Fact]
    public void Sample_RanksByDiskIo_ReadPlusWrittenOverTheInterval_CountingWhoseIoIsUnreadable()
    {
        using var proc = new TempFolder();
        var clock = new FakeTimeProvider();
        Process(proc, 10, "writer", 'D', ticks: 0, rssPages: 1, uid: 0, "", io: (0, 1_000_000));
        Process(proc, 20, "reader", 'S', ticks: 0, rssPages: 1, uid: 0, "", io: (5_000, 0));
        Process(proc, 30, "idle", 'S', ticks: 0, rssPages: 1, uid: 0, "", io: (7, 7));
        Process(proc, 40, "private", 'S', ticks: 0, rssPages: 1, uid: 0, "", io: null);
        var reader = new ProcessReader(proc.Path, top: 5, clock);

        var first = reader.Sample(clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(2));
        Process(proc, 10, "writer", 'D', ticks: 0, rssPages: 1, uid: 0, "", io: (0, 9_000_000));
        Process(proc, 20, "reader", 'S', ticks: 0, rssPages: 1, uid: 0, "", io: (2_005_000, 0));
        var second = reader.Sample(clock.GetTimestamp());

        // No rate before a process has been read twice; then bytes a second, the idle one left out.
        Assert.Empty(first.ByIo);
        Assert.Equal([(10, 0.0, 4_000_000.0), (20, 1_000_000.0, 0.0)], second.ByIo.Select(p => (p.Pid, p.ReadBytesPerSecond, p.WriteBytesPerSecond)));
        Assert.Equal(1, second.IoUnreadable);
        Assert.Equal(second.ByIo, second.For("disk_write"));
        Assert.Equal(second.ByIo, second.For("disk:/"));
    }

    [Fact]
    public async Task Sample_Live_ThisProcessWritingAFile_ShowsItsWrites()
    {
        using var folder = new TempFolder();
        var reader = new ProcessReader("/proc", top: 50, TimeProvider.System);
        reader.Sample(TimeProvider.System.GetTimestamp());
        await using (var file = new FileStream(Path.Combine(folder.Path, "written"), FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.WriteThrough))
        {
            var block = new byte[1 << 20];
            for (var i = 0; i < 8; i++)
            {
                await file.WriteAsync(block, TestContext.Current.CancellationToken);
            }
        }

        await Task.Delay(50, TestContext.Current.CancellationToken);
        var top = reader.Sample(TimeProvider.System.GetTimestamp());

        var self = Assert.Single(top.ByIo, p => p.Pid == Environment.ProcessId);
        Assert.True(self.WriteBytesPerSecond > 0, $"{self.WriteBytesPerSecond} B/s written");
    }

    [Fact]
    public void Sample_PidReusedByAnotherProcess_IsNotChargedTheOldOnesTime()
    {
        using var proc = new TempFolder();
        var clock = new FakeTimeProvider();
        Process(proc, 40, "old", 'S', ticks: 10_000, rssPages: 1, uid: 0, "", started: 100);
        var reader = new ProcessReader(proc.Path, top: 5, clock);
        reader.Sample(clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(1));
        Process(proc, 40, "new", 'R', ticks: 10_050, rssPages: 1, uid: 0, "", started: 900);

        Assert.Empty(reader.Sample(clock.GetTimestamp()).ByCpu);
    }

    [Fact]
    public async Task Sample_Live_AChildBurningACoreShowsItsCpu()
    {
        using var burner = System.Diagnostics.Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]))!;
        try
        {
            // A busy machine (CI) may have hotter processes than the burner: look among the top 50.
            var reader = new ProcessReader("/proc", top: 50, TimeProvider.System);
            var before = CpuTicks(burner.Id);
            reader.Sample(TimeProvider.System.GetTimestamp());

            // Not a wait of so long: until the burner has spent a third of a second on a CPU, however busy the machine.
            Assert.True(await Eventually.HoldsAsync(() => CpuTicks(burner.Id) - before >= 35, TimeSpan.FromSeconds(30)));
            var top = reader.Sample(TimeProvider.System.GetTimestamp());

            var burning = Assert.Single(top.ByCpu, p => p.Pid == burner.Id);
            Assert.InRange(burning.CpuPercent, 10, 110);
            Assert.Equal("/bin/sh -c while :; do :; done", burning.Command);
            Assert.Equal(Environment.UserName, burning.User);
        }
        finally
        {
            burner.Kill();
            await burner.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void Sample_BusyTimeTheLeadersDoNotExplain_ReadsEveryProcessAtOnce()
    {
        using var proc = new TempFolder();
        var clock = new FakeTimeProvider();
        var reader = Quiet(proc, clock, out var busy);

        // The idle process with the least memory starts burning a core: only /proc/stat says so.
        Process(proc, 99, "sleeper", 'R', ticks: 100, rssPages: 1, uid: 0, "");
        busy(100);
        clock.Advance(TimeSpan.FromSeconds(1));
        var top = reader.Sample(clock.GetTimestamp());

        Assert.Equal([(99, 100.0)], top.ByCpu.Select(p => (p.Pid, p.CpuPercent)));
    }

    [Fact]
    public void Sample_AFullReadThatAPartialOneGivesWayTo_CountsTheLeadersCpuFromTheSampleBefore()
    {
        using var proc = new TempFolder();
        var clock = new FakeTimeProvider();
        var reader = Quiet(proc, clock, out var busy, top: 2);

        // A leader and a process outside the leaders each burn a core: the leader explains only half the busy time,
        // so the partial read gives way to a full one in the same sample. Both show a core's worth.
        Process(proc, 20, "p20", 'R', ticks: 100, rssPages: 20_000, uid: 0, "");
        Process(proc, 99, "sleeper", 'R', ticks: 100, rssPages: 1, uid: 0, "");
        busy(200);
        clock.Advance(TimeSpan.FromSeconds(1));
        var top = reader.Sample(clock.GetTimestamp());

        Assert.Equal([(20, 100.0), (99, 100.0)], top.ByCpu.Select(p => (p.Pid, p.CpuPercent)).Order());
    }

    [Fact]
    public void Sample_LeadersUsingATickMoreThanTheMachineSaw_IsNoReasonForAFullRead()
    {
        using var proc = new TempFolder();
        var clock = new FakeTimeProvider();
        var reader = Quiet(proc, clock, out var busy, top: 2);

        // /proc/stat is read a moment before the processes: a leader's 3 ticks against the machine's 2. Meanwhile a
        // process outside the leaders used a little CPU: it is not read before the next full read.
        Process(proc, 20, "p20", 'S', ticks: 3, rssPages: 20_000, uid: 0, "");
        Process(proc, 99, "sleeper", 'S', ticks: 5, rssPages: 1, uid: 0, "");
        busy(2);
        clock.Advance(TimeSpan.FromSeconds(1));
        var top = reader.Sample(clock.GetTimestamp());

        Assert.Equal([(20, 3.0)], top.ByCpu.Select(p => (p.Pid, p.CpuPercent)));
    }

    [Fact]
    public void Sample_BetweenFullReads_ReadsOnlyTheLeaders_AndEveryProcessAtEachFullRead()
    {
        using var proc = new TempFolder();
        var clock = new FakeTimeProvider();
        var reader = Quiet(proc, clock, out _);

        // A process outside the leaders uses a little CPU that /proc/stat does not show: it waits for a full read.
        Process(proc, 99, "sleeper", 'S', ticks: 50, rssPages: 1, uid: 0, "");
        for (var sample = 1; sample < ProcessReader.FullEvery; sample++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(reader.Sample(clock.GetTimestamp()).ByCpu);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        var full = reader.Sample(clock.GetTimestamp());

        // Its 50 ticks (half a second of CPU) over the seconds since it was last read.
        Assert.Equal([(99, 50.0 / ProcessReader.FullEvery)], full.ByCpu.Select(p => (p.Pid, p.CpuPercent)));
    }

    [Fact]
    public void Sample_NamedProcesses_AreTotalledAtEverySample_ThoughNotLeaders_ByTheNameProcKeeps()
    {
        using var proc = new TempFolder();
        var clock = new FakeTimeProvider();
        File.WriteAllText(Path.Combine(proc.Path, "stat"), "cpu  1000 0 0 50000 10 0 0 0 0 0\n");
        for (var pid = 1; pid <= 20; pid++)
        {
            Process(proc, pid, $"p{pid}", 'S', ticks: 0, rssPages: (ulong)(1000 * pid), uid: 0, "");
        }

        // Two small "worker"s and one whose name /proc cut to 15 bytes: none of them a leader by memory or CPU.
        Process(proc, 97, "averyveryverylo", 'S', ticks: 0, rssPages: 3, uid: 0, "");
        Process(proc, 98, "worker", 'S', ticks: 0, rssPages: 2, uid: 0, "", io: (0, 0));
        Process(proc, 99, "worker", 'S', ticks: 0, rssPages: 1, uid: 0, "");
        var reader = new ProcessReader(proc.Path, top: 1, clock, names: ["worker", "averyveryverylongname", "absent"]);
        var page = Environment.SystemPageSize;

        reader.Sample(clock.GetTimestamp());
        Assert.Equal([double.NaN, double.NaN, double.NaN], reader.NamedCpu);
        Assert.Equal([3L * page, 3L * page, 0], reader.NamedRss);
        clock.Advance(TimeSpan.FromSeconds(1));
        reader.Sample(clock.GetTimestamp());
        Assert.Equal([0.0, 0.0, 0.0], reader.NamedCpu);

        // Between full reads: the workers' ticks (20 and 10 over 2 s: 15% of a core) count at once; /proc/stat's
        // busy time grows with them, so it is explained and no full read happens.
        Process(proc, 98, "worker", 'S', ticks: 20, rssPages: 2, uid: 0, "");
        Process(proc, 99, "worker", 'S', ticks: 10, rssPages: 1, uid: 0, "");
        File.WriteAllText(Path.Combine(proc.Path, "stat"), "cpu  1030 0 0 50000 10 0 0 0 0 0\n");
        clock.Advance(TimeSpan.FromSeconds(2));
        var partial = reader.Sample(clock.GetTimestamp());

        Assert.Equal([15.0, 0.0, 0.0], reader.NamedCpu);
        Assert.Equal([3L * page, 3L * page, 0], reader.NamedRss);
        Assert.Equal([2, 1, 0], reader.NamedCount);
        Assert.DoesNotContain(partial.ByMemory, p => p.Pid is 98 or 99);

        // A worker ends: the next sample, a partial read, counts one; the other name's process is still there.
        Directory.Delete(Path.Combine(proc.Path, "99"), recursive: true);
        clock.Advance(TimeSpan.FromSeconds(1));
        reader.Sample(clock.GetTimestamp());
        Assert.Equal([1, 1, 0], reader.NamedCount);
    }

    /// <summary>
    /// Twenty idle processes (pid 1-20, memory rising with the pid) and pid 99 idle with the least memory, read twice:
    /// the leaders are known and the next sample reads only them. <paramref name="busy"/> adds ticks to /proc/stat.
    /// </summary>
    private static ProcessReader Quiet(TempFolder proc, FakeTimeProvider clock, out Action<ulong> busy, int top = 1)
    {
        ulong ticks = 1000;
        void WriteStat() => File.WriteAllText(Path.Combine(proc.Path, "stat"), $"cpu  {ticks} 0 0 50000 10 0 0 0 0 0\ncpu0 {ticks} 0 0 50000 10 0 0 0 0 0\n");
        busy = more =>
        {
            ticks += more;
            WriteStat();
        };
        WriteStat();
        for (var pid = 1; pid <= 20; pid++)
        {
            Process(proc, pid, $"p{pid}", 'S', ticks: 0, rssPages: (ulong)(1000 * pid), uid: 0, "");
        }

        Process(proc, 99, "sleeper", 'S', ticks: 0, rssPages: 1, uid: 0, "");
        var reader = new ProcessReader(proc.Path, top, clock);
        reader.Sample(clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(1));
        reader.Sample(clock.GetTimestamp());
        return reader;
    }

    private static void Process(TempFolder proc, int pid, string name, char state, ulong ticks, ulong rssPages, int uid, string cmdline, ulong started = 100, (ulong Read, ulong Written)? io = default)
    {
        var folder = Path.Combine(proc.Path, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // priority nice threads itreal starttime vsize rss ...
        File.WriteAllText(Path.Combine(folder, "stat"), $"{pid} ({name}) {state} 1 1 1 0 -1 0 0 0 0 0 {ticks / 2} {ticks - (ticks / 2)} 0 0 20 0 1 0 {started} 1000000 {rssPages} 18446744073709551615 0 0\n");
        File.WriteAllText(Path.Combine(folder, "cmdline"), cmdline);
        File.WriteAllText(Path.Combine(folder, "status"), $"Name:\t{name}\nState:\t{state}\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\n");
        if (io is { } counters)
        {
            File.WriteAllText(Path.Combine(folder, "io"), $"rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: {counters.Read}\nwrite_bytes: {counters.Written}\ncancelled_write_bytes: 0\n");
        }
    }

    /// <summary>The process's user and system CPU time so far, in clock ticks (fields 14 and 15 of /proc/PID/stat).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }
}
