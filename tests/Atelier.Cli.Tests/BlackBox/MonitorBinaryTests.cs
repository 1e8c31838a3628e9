using System.Text.Json;
using System.Text.RegularExpressions;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.BlackBox;

public sealed partial class MonitorBinaryTests
{
    [Fact]
    public async Task Monitor_Json_SamplesEveryMetricThenExitsZero()
    {
        var (code, output, error) = await AtelierProcess.RunAsync("monitor", "--json", "--duration", "1s", "--interval", "200ms", "--alert", "load15>100000");

        Assert.True(code == 0, error);
        var samples = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.InRange(samples.Count, 3, 6);
        Assert.All(samples, s => Assert.InRange(s.GetProperty("mem").GetDouble(), 0.001, 100));
        Assert.Contains("No alert fired.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_Serve_AnswersMetricsWhileRunning_AndSigintEndsWithTheSummary()
    {
        using var atelier = AtelierProcess.Start("monitor", "-q", "--serve", "0", "--interval", "100ms", "--alert", "mem>0:warn");
        await atelier.FirstErrorLineAsync(TimeSpan.FromSeconds(30));
        var address = DashboardLine().Match(atelier.Error);
        Assert.True(address.Success, atelier.Error);
        using var http = new HttpClient();
        var metrics = "";
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            metrics = http.GetStringAsync(new Uri(new Uri(address.Groups[1].Value), "metrics")).GetAwaiter().GetResult();
            return metrics.Contains("atelier_alert_firing{rule=\"mem>0:warn\",metric=\"mem\",level=\"warn\"} 1", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30)), metrics);

        await atelier.SignalAsync("INT");

        Assert.Equal(130, await atelier.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Interrupted. Alerts fired: warn mem>0:warn at ", atelier.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_Report_IsWrittenWhenACriticalAlertFires_SoAMonitorKilledAfterItLeavesOne()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "run.html");
        using var atelier = AtelierProcess.Start("monitor", "-q", "--interval", "100ms", "--check-every", "100ms", "--for", "0s", "--alert", "mem>0:crit", "--report", path);
        Assert.True(await Eventually.HoldsAsync(() => File.Exists(path), TimeSpan.FromSeconds(30)), atelier.Error);

        // Killed as the machine's trouble might kill it: no summary, no end of the run, the report is there whole.
        await atelier.SignalAsync("KILL");
        Assert.Equal(137, await atelier.WaitAsync(TimeSpan.FromSeconds(30)));

        var html = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        var data = JsonDocument.Parse(Regex.Match(html, @"<script id=""data"" type=""application/json"">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value).RootElement;
        Assert.True(data.GetProperty("samples").GetInt32() >= 1);
        var alert = data.GetProperty("alerts")[0];
        Assert.Equal(("mem>0:crit", true), (alert.GetProperty("rule").GetString(), alert.GetProperty("firing").GetBoolean()));
        Assert.False(File.Exists(path + ".part"));
    }

    [Fact]
    public async Task Monitor_LoadsNeitherLibvipsNorTheWebServerNorRedis()
    {
        using var atelier = AtelierProcess.Start("monitor", "--interval", "100ms", "--duration", "30s");
        Assert.True(await Eventually.HoldsAsync(() => atelier.Output.Contains("CPU:", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), atelier.Error);

        // What the process has mapped: native libraries, and under the JIT the assemblies it loaded.
        var mapped = await File.ReadAllTextAsync($"/proc/{atelier.Id}/maps", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("libvips", mapped, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore", mapped, StringComparison.Ordinal);
        Assert.DoesNotContain("StackExchange.Redis", mapped, StringComparison.Ordinal);
        Assert.DoesNotContain("atelier-full", mapped, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"atelier: dashboard on (http://\S+/) ")]
    private static partial Regex DashboardLine();
}
