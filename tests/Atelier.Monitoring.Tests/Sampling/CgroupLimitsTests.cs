using Atelier.Monitoring.Sampling;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Sampling;

public sealed class CgroupLimitsTests
{
    [Fact]
    public void Detect_V2WithLimits_MeasuresAgainstThem()
    {
        using var folder = new TempFolder();
        Write(folder, "cgroup.controllers", "cpu memory");
        Write(folder, "memory.max", "536870912");
        Write(folder, "memory.current", "134217728");
        Write(folder, "cpu.max", "150000 100000");
        Write(folder, "cpu.stat", "usage_usec 1000000\nuser_usec 600000\n");
        var clock = new FakeTimeProvider();

        using var limits = CgroupLimits.Detect(folder.Path)!;

        Assert.Equal((536870912UL, 1.5), (limits.MemoryLimit, limits.CpuLimit));
        Assert.Equal(25, limits.MemoryPercent(), 9);
        Assert.True(double.IsNaN(limits.CpuPercent(clock.GetTimestamp(), clock)));
        clock.Advance(TimeSpan.FromSeconds(2));
        Write(folder, "cpu.stat", "usage_usec 2500000\nuser_usec 600000\n");

        // 1.5 s of CPU in 2 s, against 1.5 cores allowed: half of the limit.
        Assert.Equal(50, limits.CpuPercent(clock.GetTimestamp(), clock), 6);
    }

    [Fact]
    public void Detect_V2WithoutLimits_OrV1_IsNone()
    {
        using var unlimited = new TempFolder();
        Write(unlimited, "cgroup.controllers", "cpu memory");
        Write(unlimited, "memory.max", "max");
        Write(unlimited, "cpu.max", "max 100000");
        using var v1 = new TempFolder();

        Assert.Null(CgroupLimits.Detect(unlimited.Path));
        Assert.Null(CgroupLimits.Detect(v1.Path));
    }

    private static void Write(TempFolder folder, string name, string text) => File.WriteAllText(Path.Combine(folder.Path, name), text);
}
