using System.Net;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text.Json;
using Atelier.Monitoring.Dashboard;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Dashboard;

/// <summary>The dashboard's endpoints over real HTTP, fed by a monitor sampling this machine.</summary>
public sealed class DashboardServerTests
{
    [Fact]
    public async Task Metrics_AfterSamples_ExposesEachMetricAndTheFiringAlertInThePrometheusFormat()
    {
        await using var live = await LiveDashboard.StartAsync("mem>0:crit");
        Assert.True(await Eventually.HoldsAsync(() => live.Ticks >= 3));

        var text = await live.GetAsync("metrics");

        Assert.Contains("# TYPE atelier_percent gauge", text, StringComparison.Ordinal);
        var cpu = Value(text, "atelier_percent{metric=\"cpu\"}");
        Assert.InRange(cpu, 0, 100);
        Assert.InRange(Value(text, "atelier_percent{metric=\"mem\"}"), 0.001, 100);
        Assert.True(Value(text, "atelier_load{metric=\"load1\"}") >= 0);
        Assert.InRange(Value(text, "atelier_disk_percent{mountpoint=\"/\"}"), 0.001, 100);
        Assert.DoesNotContain("metric=\"disk:", text, StringComparison.Ordinal);
        Assert.Equal(1, Value(text, "atelier_alert_firing{rule=\"mem>0:crit\",metric=\"mem\",level=\"crit\"}"));
    }

    [Fact]
    public async Task Silences_ListsEachWindow_AndWhetherItIsOnNow()
    {
        await using var live = await LiveDashboard.StartAsync(0, new DashboardOptions(), ["*@00:00-24:00", "mem>0:crit@03:00-03:01"], "mem>0:crit");

        using var json = JsonDocument.Parse(await live.GetAsync("api/silences"));

        var silences = json.RootElement.GetProperty("silences").EnumerateArray()
            .Select(s => (s.GetProperty("rule").GetString(), s.GetProperty("from").GetString(), s.GetProperty("until").GetString(), s.GetProperty("active").GetBoolean()))
            .ToList();
        var now = TimeOnly.FromDateTime(DateTime.Now);
        Assert.Equal([("*", "00:00", "24:00", true), ("mem>0:crit", "03:00", "03:01", now >= new TimeOnly(3, 0) && now < new TimeOnly(3, 1))], silences);
        Assert.Matches(@"^\d\d:\d\d$", json.RootElement.GetProperty("now").GetString());
    }

    [Fact]
    public async Task Samples_ReturnsTheWindowOldestFirstWithOneValuePerMetric()
    {
        await using var live = await LiveDashboard.StartAsync("mem>0:warn");
        Assert.True(await Eventually.HoldsAsync(() => live.Ticks >= 10), "the monitor did not sample");

        using var json = JsonDocument.Parse(await live.GetAsync("api/samples"));

        var root = json.RootElement;
        Assert.Equal(8, root.GetProperty("capacity").GetInt32());
        var names = root.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal(live.Monitor.Metrics.Select(m => m.Name), names);
        var samples = root.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(8, samples.Count);
        var times = samples.Select(s => s.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(samples, s => Assert.Equal(names.Count, s.GetProperty("values").GetArrayLength()));
        var alert = Assert.Single(root.GetProperty("alerts").EnumerateArray());
        Assert.Equal("mem", alert.GetProperty("metric").GetString());
        var biggest = root.GetProperty("processes").GetProperty("by_memory").EnumerateArray().Select(p => p.GetProperty("rss_bytes").GetInt64()).ToList();
        Assert.Equal(3, biggest.Count);
        Assert.Equal(biggest.OrderDescending(), biggest);
    }

    [Fact]
    public async Task Samples_CarryTheHostTheIntervalAndEachMetricsThresholds()
    {
        await using var live = await LiveDashboard.StartAsync("mem>90:crit", "mem>75:warn", "disk>95:crit");

        using var json = JsonDocument.Parse(await live.GetAsync("api/samples"));

        var root = json.RootElement;
        Assert.Equal(Environment.MachineName, root.GetProperty("host").GetString());
        Assert.Equal(0.05, root.GetProperty("interval_s").GetDouble(), 3);
        Assert.True(root.GetProperty("uptime_s").GetInt64() > 0);
        var metrics = root.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        var mem = metrics["mem"].GetProperty("thresholds").EnumerateArray()
            .Select(t => (t.GetProperty("value").GetDouble(), t.GetProperty("level").GetString())).ToList();
        Assert.Equal([(90.0, "crit"), (75.0, "warn")], mem);
        Assert.Equal(95, Assert.Single(metrics["disk:/"].GetProperty("thresholds").EnumerateArray()).GetProperty("value").GetDouble());
        Assert.Empty(metrics["cpu"].GetProperty("thresholds").EnumerateArray());
    }

    [Fact]
    public async Task Stream_DeliversEachNewSampleAsAnEvent()
    {
        await using var live = await LiveDashboard.StartAsync();
        using var response = await live.Client.GetAsync(new Uri(live.Server.Address, "api/stream"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        var received = new List<DateTimeOffset>();
        await foreach (var item in SseParser.Create(body).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal("sample", item.EventType);
            using var sample = JsonDocument.Parse(item.Data);
            Assert.Equal(live.Monitor.Metrics.Count, sample.RootElement.GetProperty("values").GetArrayLength());
            received.Add(sample.RootElement.GetProperty("time").GetDateTimeOffset());
            if (received.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(3, received.Distinct().Count());
        Assert.Equal(received.Order(), received);
    }

    [Fact]
    public async Task Page_IsTheDashboard()
    {
        await using var live = await LiveDashboard.StartAsync();

        using var response = await live.Client.GetAsync(live.Server.Address, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("api(\"/api/stream\")", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_CarriesTheWindowItStartsFromSoItDrawsBeforeTheFirstEvent()
    {
        await using var live = await LiveDashboard.StartAsync("mem>90:crit");
        Assert.True(await Eventually.HoldsAsync(() => live.Ticks >= 2), "the monitor did not sample");

        var page = await live.GetAsync("");

        Assert.DoesNotContain("/*SNAPSHOT*/null", page, StringComparison.Ordinal);
        Assert.Contains("\"rule\":\"mem>90:crit\"", page, StringComparison.Ordinal);
        Assert.Contains($"\"host\":\"{Environment.MachineName}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_AnswersHead()
    {
        await using var live = await LiveDashboard.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Head, live.Server.Address);
        using var response = await live.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsWithTheAddressInTheMessage()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var endpoint = (IPEndPoint)taken.LocalEndpoint;
        using var monitor = new SystemMonitor(new MonitorOptions(), new Monitoring.Alerts.AlertOptions());

        var error = await Assert.ThrowsAsync<AtelierException>(() => DashboardServer.StartAsync(monitor, endpoint, TestContext.Current.CancellationToken));

        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    private static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No series {series} in:\n{exposition}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
