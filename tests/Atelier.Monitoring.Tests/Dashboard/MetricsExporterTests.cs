using System.Text;
using Atelier.Monitoring.Dashboard;

namespace Atelier.Monitoring.Tests.Dashboard;

/// <summary>What /metrics says of a value the sampler could not read: nothing (Prometheus' absent sample), never 0.</summary>
public sealed class MetricsExporterTests
{
    private static readonly Metric[] Metrics = [new("cpu", "CPU", MetricKind.Percent), new("temp", "Temperature", MetricKind.Celsius)];

    [Fact]
    public async Task Write_AValueNeverRead_IsNoSample()
    {
        var exporter = new MetricsExporter(Metrics);

        exporter.Update([12.5, double.NaN], []);

        var text = await WriteAsync(exporter);
        Assert.Contains("atelier_percent{metric=\"cpu\"} 12.5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("atelier_temperature_celsius{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_AValueThatStopsBeingRead_LeavesTheSeries()
    {
        var exporter = new MetricsExporter(Metrics);
        exporter.Update([12.5, 61], []);
        Assert.Contains("atelier_temperature_celsius{metric=\"temp\"} 61", await WriteAsync(exporter), StringComparison.Ordinal);

        exporter.Update([13, double.NaN], []);
        Assert.DoesNotContain("atelier_temperature_celsius{", await WriteAsync(exporter), StringComparison.Ordinal);

        exporter.Update([13, 62], []);
        Assert.Contains("atelier_temperature_celsius{metric=\"temp\"} 62", await WriteAsync(exporter), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ControlGroups_AreLabelledByName_AndLeaveWhenTheyGo()
    {
        var exporter = new MetricsExporter(Metrics);
        var nginx = new Atelier.Monitoring.Cgroups.CgroupSnapshot("/system.slice/nginx.service", "nginx.service", 12.5, 50 << 20, null, 0.6, 0, 1024, 2);
        var web = new Atelier.Monitoring.Cgroups.CgroupSnapshot("/docker/abc", "docker:abc web", double.NaN, 10 << 20, 20 << 20, 50, double.NaN, double.NaN, 1);

        exporter.Update([nginx, web]);
        var first = await WriteAsync(exporter);
        exporter.Update([nginx]);
        var second = await WriteAsync(exporter);

        Assert.Contains("atelier_cgroup_cpu_percent{cgroup=\"nginx.service\"} 12.5", first, StringComparison.Ordinal);
        Assert.Contains("atelier_cgroup_memory_percent{cgroup=\"docker:abc web\"} 50", first, StringComparison.Ordinal);
        Assert.Contains("atelier_cgroup_processes{cgroup=\"nginx.service\"} 2", first, StringComparison.Ordinal);
        Assert.DoesNotContain("atelier_cgroup_cpu_percent{cgroup=\"docker:abc web\"}", first, StringComparison.Ordinal);
        Assert.DoesNotContain("docker:abc web", second, StringComparison.Ordinal);
        Assert.Contains("atelier_cgroup_memory_bytes{cgroup=\"nginx.service\"} 52428800", second, StringComparison.Ordinal);
    }

    private static async Task<string> WriteAsync(MetricsExporter exporter)
    {
        using var output = new MemoryStream();
        await exporter.WriteAsync(output, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
