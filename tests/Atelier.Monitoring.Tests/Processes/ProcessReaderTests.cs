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
            reader.Sample(TimeProvider.System.GetTimestamp());
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
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

    private static void Process(TempFolder proc, int pid, string name, char state, ulong ticks, ulong rssPages, int uid, string cmdline, ulong started = 100)
    {
        var folder = Path.Combine(proc.Path, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // priority nice threads itreal starttime vsize rss ...
        File.WriteAllText(Path.Combine(folder, "stat"), $"{pid} ({name}) {state} 1 1 1 0 -1 0 0 0 0 0 {ticks / 2} {ticks - (ticks / 2)} 0 0 20 0 1 0 {started} 1000000 {rssPages} 18446744073709551615 0 0\n");
        File.WriteAllText(Path.Combine(folder, "cmdline"), cmdline);
        File.WriteAllText(Path.Combine(folder, "status"), $"Name:\t{name}\nState:\t{state}\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\n");
    }
}
