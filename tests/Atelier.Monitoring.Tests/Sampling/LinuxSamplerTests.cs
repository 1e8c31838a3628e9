using Atelier.Monitoring.Sampling;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Sampling;

/// <summary>The sampler against captured /proc files, changed between readings as the kernel would change them.</summary>
public sealed class LinuxSamplerTests
{
    [Fact]
    public void Sample_ComputesEachMetricFromTheDeltas()
    {
        using var proc = new TempFolder();
        Directory.CreateDirectory(Path.Combine(proc.Path, "net"));
        Write(proc, "stat", "cpu  1000 0 500 8000 100 0 0 0 200 0\ncpu0 500 0 250 4000 50 0 0 0 100 0\ncpu1 500 0 250 4000 50 0 0 0 100 0\n");
        Write(proc, "meminfo", "MemTotal: 1000 kB\nMemAvailable: 250 kB\nSwapTotal: 200 kB\nSwapFree: 150 kB\n");
        Write(proc, "loadavg", "1.50 0.75 0.25 1/100 42\n");
        Write(proc, "net/dev", "h\nh\n  eth0: 1000 0 0 0 0 0 0 0 4000 0 0 0 0 0 0 0\n");
        Write(proc, "diskstats", "   8       0 sda 0 0 10 0 0 0 20 0 0 0 0\n");
        var clock = new FakeTimeProvider();
        using var noCgroup = new TempFolder();
        using var sampler = new LinuxSampler(new MonitorOptions { ProcRoot = proc.Path, CgroupRoot = noCgroup.Path, PerCore = true, TimeProvider = clock });

        sampler.Prime(clock.GetTimestamp());
        clock.Advance(TimeSpan.FromSeconds(2));
        Write(proc, "stat", "cpu  1600 0 700 8900 200 50 50 0 500 0\ncpu0 1100 0 450 4450 150 50 50 0 400 0\ncpu1 500 0 250 4450 50 0 0 0 100 0\n");
        Write(proc, "net/dev", "h\nh\n  eth0: 3000 0 0 0 0 0 0 0 5000 0 0 0 0 0 0 0\n");
        Write(proc, "diskstats", "   8       0 sda 0 0 14 0 0 0 24 0 0 0 0\n");
        var row = new double[sampler.Metrics.Count];
        sampler.Sample(row, clock.GetTimestamp());

        var values = sampler.Metrics.Select((m, i) => (m.Name, row[i])).ToDictionary(p => p.Name, p => p.Item2);
        Assert.Equal(100.0 * 900 / 1900, values["cpu"], 9);
        Assert.Equal(75, values["mem"], 9);
        Assert.Equal(25, values["swap"], 9);
        Assert.Equal((1.5, 0.75, 0.25), (values["load1"], values["load5"], values["load15"]));
        Assert.Equal((1000, 500), (values["net_rx"], values["net_tx"]));
        Assert.Equal((4 * 512 / 2.0, 4 * 512 / 2.0), (values["disk_read"], values["disk_write"]));
        Assert.Equal(100.0 * 900 / 1450, values["cpu0"], 9);
        Assert.Equal(0, values["cpu1"], 9);
        Assert.InRange(values["disk:/"], 0, 100);
    }

    [Fact]
    public void Sample_InSteadyState_AllocatesNothing()
    {
        using var sampler = new LinuxSampler(new MonitorOptions { PerCore = true, Disks = ["/", "/tmp"] });
        var row = new double[sampler.Metrics.Count];
        var time = TimeProvider.System;
        sampler.Prime(time.GetTimestamp());
        sampler.Sample(row, time.GetTimestamp());

        // Steady state is what every window shows: a sample that allocates, however little, allocates in each. The
        // machine may change under a window once (a device or a mount appears, and a /proc file outgrows its buffer):
        // that is not the sampler's steady state, and seen once in the fewest of three windows it is no failure.
        var windows = new long[3];
        for (var window = 0; window < windows.Length; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                sampler.Sample(row, time.GetTimestamp());
            }

            windows[window] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(windows.Min() == 0, $"bytes allocated by 100 samples, in three windows: {string.Join(", ", windows)}");
        Assert.InRange(row[0], 0, 100);
    }

    private static void Write(TempFolder folder, string name, string text) => File.WriteAllText(Path.Combine(folder.Path, name), text);
}
