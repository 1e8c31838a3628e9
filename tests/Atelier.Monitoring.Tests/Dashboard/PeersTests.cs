using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Atelier.Monitoring.Dashboard;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Dashboard;

/// <summary>--peer: other hosts' monitors, read from their /api/samples, as this dashboard shows them.</summary>
public sealed class PeersTests
{
    [Fact]
    public async Task Refresh_ReadsEachPeersWindow_AndSaysWhyAPeerDoesNotAnswer()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var b = await LiveDashboard.StartAsync("mem>0:crit");
        var refused = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var peers = new Peers([b.Server.Address, refused, new Uri(b.Server.Address, "metrics")], TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.HoldsAsync(() => b.Ticks >= 2));

        await peers.RefreshAsync(cancellationToken);

        var (up, down, wrong) = (peers.Statuses[0], peers.Statuses[1], peers.Statuses[2]);
        Assert.True(up.Reachable);
        Assert.Equal(Environment.MachineName, up.Host);
        Assert.Null(up.Error);
        var window = JsonNode.Parse(up.Window)!;
        Assert.Equal(b.Monitor.Metrics.Count, window["metrics"]!.AsArray().Count);
        Assert.NotEmpty(window["samples"]!.AsArray());
        Assert.Equal("mem>0:crit", (string?)window["alerts"]![0]!["rule"]);
        Assert.False(down.Reachable);
        Assert.Contains("refused", down.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Null(down.Window);
        Assert.False(wrong.Reachable);
        Assert.Equal("HTTP 404 from /api/samples", wrong.Error);
    }

    [Fact]
    public async Task Refresh_APeerThatStops_IsUnreachableWithItsLastWindow_AndComesBackWhenItReturns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var b = await LiveDashboard.StartAsync();
        var port = b.Server.Address.Port;
        using var peers = new Peers([b.Server.Address], TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.HoldsAsync(() => b.Ticks >= 1));
        await peers.RefreshAsync(cancellationToken);
        var seen = peers.Statuses[0];
        Assert.True(seen.Reachable);

        await b.DisposeAsync();
        await peers.RefreshAsync(cancellationToken);
        var gone = peers.Statuses[0];
        Assert.False(gone.Reachable);
        Assert.Same(seen.Window, gone.Window);
        Assert.Equal(seen.LastSeen, gone.LastSeen);

        await using var again = await LiveDashboard.StartAsync(port, peers: null);
        Assert.True(await Eventually.HoldsAsync(() => again.Ticks >= 1));
        await peers.RefreshAsync(cancellationToken);
        Assert.True(peers.Statuses[0].Reachable);
        Assert.True(peers.Statuses[0].LastSeen > seen.LastSeen);
    }

    [Fact]
    public async Task ApiPeers_CarriesEachPeersStatusAndWindow_AndMetricsStayThisHosts()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var b = await LiveDashboard.StartAsync();
        var refused = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var peers = new Peers([b.Server.Address, refused], TimeSpan.FromSeconds(1));
        await using var a = await LiveDashboard.StartAsync(port: 0, peers);
        Assert.True(await Eventually.HoldsAsync(() => b.Ticks >= 1 && a.Ticks >= 1));
        await peers.RefreshAsync(cancellationToken);

        var list = JsonNode.Parse(await a.GetAsync("api/peers"))!.AsArray();

        Assert.Equal([b.Server.Address.ToString(), refused.ToString()], list.Select(p => (string?)p!["url"]));
        Assert.Equal([true, false], list.Select(p => (bool)p!["reachable"]!));
        Assert.Equal(b.Monitor.Metrics.Count, list[0]!["window"]!["metrics"]!.AsArray().Count);
        Assert.Null(list[1]!["window"]);
        Assert.Contains("refused", (string?)list[1]!["error"], StringComparison.OrdinalIgnoreCase);

        // Prometheus scrapes each host: /metrics has this host's series once, none of a peer's.
        var metrics = await a.GetAsync("metrics");
        Assert.Single(metrics.Split('\n'), line => line.StartsWith("atelier_percent{metric=\"cpu\"} ", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
