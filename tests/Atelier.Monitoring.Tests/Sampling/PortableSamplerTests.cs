using Atelier.Monitoring.Sampling;

namespace Atelier.Monitoring.Tests.Sampling;

/// <summary>The sampler for platforms without /proc, run here on Linux: it measures only what .NET measures everywhere.</summary>
public sealed class PortableSamplerTests
{
    [Fact]
    public void Sample_MeasuresDisksAndNetwork_AndShowsTheRestAsUnavailable()
    {
        var options = new MonitorOptions { Disks = ["/"], PerCore = true };
        using var sampler = new PortableSampler(options);
        using var linux = new LinuxSampler(options with { PerCore = false });
        var time = new FakeTimeProvider();
        sampler.Prime(time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(1));
        var row = new double[sampler.Metrics.Count];
        var reference = new double[linux.Metrics.Count];

        sampler.Sample(row, time.GetTimestamp());
        linux.Sample(reference, time.GetTimestamp());

        Assert.Equal(linux.Metrics.Select(m => m.Name), sampler.Metrics.Select(m => m.Name));
        var values = sampler.Metrics.Select((m, i) => (m.Name, Value: row[i])).ToDictionary(p => p.Name, p => p.Value);
        Assert.All(["cpu", "mem", "swap", "load1", "load5", "load15", "disk_read", "disk_write"], name => Assert.True(double.IsNaN(values[name]), name));
        Assert.True(values["net_rx"] >= 0 && values["net_tx"] >= 0);
        Assert.Equal(reference[^1], values["disk:/"], 1);
        Assert.Contains(sampler.Notes, n => n.StartsWith("CPU, memory, swap, load and disk I/O are unavailable", StringComparison.Ordinal));
        Assert.Contains("Per-core CPU is unavailable on this platform.", sampler.Notes);
    }
}
