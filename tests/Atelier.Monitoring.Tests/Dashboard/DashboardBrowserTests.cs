using System.Text.Json.Nodes;
using Atelier.Monitoring.Dashboard;

namespace Atelier.Monitoring.Tests.Dashboard;

/// <summary>The dashboard page in a real browser: it loads the window, then keeps up with the event stream.</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task Page_InChromium_ShowsACardPerMetricAndUpdatesLive()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var live = await LiveDashboard.StartAsync("mem>0:crit");
        await using var browser = await HeadlessChromium.OpenAsync(live.Server.Address, cancellationToken);

        var first = await UpdatesWhenAtLeastAsync(browser, 1, cancellationToken);
        var later = await UpdatesWhenAtLeastAsync(browser, first + 5, cancellationToken);

        Assert.True(later >= first + 5);
        Assert.Equal(live.Monitor.Metrics.Count, (int)(await browser.EvaluateAsync("document.querySelectorAll('.metric').length", cancellationToken))!);
        var cpu = (string?)await browser.EvaluateAsync("document.getElementById('value-0').textContent", cancellationToken);
        Assert.Matches(@"^\d+\.\d%$", cpu);
        Assert.Equal("Load 1m", (string?)await browser.EvaluateAsync(
            $"document.querySelectorAll('.metric .label')[{live.Monitor.Metrics.ToList().FindIndex(m => m.Name == "load1")}].textContent", cancellationToken));
        Assert.Equal($"on {Environment.MachineName}", (string?)await browser.EvaluateAsync("document.getElementById('host').textContent", cancellationToken));
        Assert.Matches(@"^CRIT mem>0:crit: mem = \d+\.\d%$", (string?)await browser.EvaluateAsync("document.querySelector('#alerts li.crit')?.textContent ?? ''", cancellationToken));

        // The top processes, by CPU and by memory, three rows each with a pid and a size.
        // (A third, by disk I/O, shows when some process read or wrote in the interval.)
        Assert.Matches("^Top by CPU\\|Top by memory(\\|Top by disk I/O( \\(\\d+ unreadable\\))?)?$", (string?)await browser.EvaluateAsync("[...document.querySelectorAll('#processes caption')].map(c => c.textContent).join('|')", cancellationToken));
        Assert.Equal(3, (int)(await browser.EvaluateAsync("document.querySelectorAll('#processes table')[1].tBodies[0].rows.length", cancellationToken))!);
        Assert.Matches(@"^\d+ \S+ \d+\.\d% \d+(\.\d)? (KiB|MiB|GiB) ", (string?)await browser.EvaluateAsync(
            "[...document.querySelectorAll('#processes table')[1].tBodies[0].rows[0].cells].map(c => c.textContent).join(' ')", cancellationToken));

        // Headless Chromium's window is 800 px wide: the page never scrolls sideways, whatever the commands' length.
        Assert.True((bool)(await browser.EvaluateAsync("document.documentElement.scrollWidth <= document.documentElement.clientWidth", cancellationToken))!);
    }

    [Fact]
    public async Task Page_WithAToken_TakesItFromTheLink_ThenReadsAndFollowsTheApiWithIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var live = await LiveDashboard.StartAsync(0, new DashboardOptions { Token = "a-token-of-the-test-0123456789" });
        await using var browser = await HeadlessChromium.OpenAsync(new Uri(live.Server.Address, "#token=a-token-of-the-test-0123456789"), cancellationToken);

        var first = await UpdatesWhenAtLeastAsync(browser, 1, cancellationToken);
        var later = await UpdatesWhenAtLeastAsync(browser, first + 3, cancellationToken);

        Assert.True(later >= first + 3);
        Assert.Equal(live.Monitor.Metrics.Count, (int)(await browser.EvaluateAsync("document.querySelectorAll('.metric').length", cancellationToken))!);
        Assert.Equal("", (string?)await browser.EvaluateAsync("location.hash", cancellationToken));
    }

    [Fact]
    public async Task Page_WithTwoPeers_ShowsEveryHost_AndAPeerThatStopsAsUnreachableUntilItReturns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var b = await LiveDashboard.StartAsync("mem>0:crit");
        var c = await LiveDashboard.StartAsync();
        var cPort = c.Server.Address.Port;
        using var peers = new Peers([b.Server.Address, c.Server.Address], TimeSpan.FromMilliseconds(200));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polling = peers.RunAsync(stop.Token);
        await using var a = await LiveDashboard.StartAsync(port: 0, peers);
        LiveDashboard? cAgain = null;
        try
        {
            await using var browser = await HeadlessChromium.OpenAsync(a.Server.Address, cancellationToken);
            const string Sections = "[...document.querySelectorAll('#peers section')]";

            // Both peers, each with its host, its address, a card per metric with a value, and its own alerts.
            // CPU is a difference between two samples: a peer's first window shows n/a until its second sample.
            await browser.WaitUntilAsync(
                $"{Sections}.length === 2 && {Sections}.every(s => !s.classList.contains('unreachable') && /^\\d+\\.\\d%$/.test(s.querySelector('.metric .value')?.textContent ?? ''))",
                cancellationToken);
            Assert.Equal(
                $"{Environment.MachineName} · {b.Server.Address}|{Environment.MachineName} · {c.Server.Address}",
                (string?)await browser.EvaluateAsync($"{Sections}.map(s => s.querySelector('h2').textContent).join('|')", cancellationToken));
            Assert.Equal(b.Monitor.Metrics.Count, (int)(await browser.EvaluateAsync($"{Sections}[0].querySelectorAll('.metric').length", cancellationToken))!);
            Assert.Matches(@"^\d+\.\d%$", (string?)await browser.EvaluateAsync($"{Sections}[0].querySelector('.metric .value').textContent", cancellationToken));
            Assert.Matches(@"^CRIT mem>0:crit: mem = \d+\.\d%$", (string?)await browser.EvaluateAsync($"{Sections}[0].querySelector('.alerts li.crit')?.textContent ?? ''", cancellationToken));
            Assert.Equal(0, (int)(await browser.EvaluateAsync($"{Sections}[1].querySelectorAll('.alerts li').length", cancellationToken))!);
            Assert.Equal(a.Monitor.Metrics.Count, (int)(await browser.EvaluateAsync("document.querySelectorAll('#metrics .metric').length", cancellationToken))!);

            // C stops: its section says so, with its last window still drawn; B carries on.
            await c.DisposeAsync();
            await browser.WaitUntilAsync($"{Sections}[1].classList.contains('unreachable')", cancellationToken);
            Assert.StartsWith("unreachable: ", (string?)await browser.EvaluateAsync($"{Sections}[1].querySelector('.status').textContent", cancellationToken));
            Assert.Equal(c.Monitor.Metrics.Count, (int)(await browser.EvaluateAsync($"{Sections}[1].querySelectorAll('.metric').length", cancellationToken))!);
            Assert.False((bool)(await browser.EvaluateAsync($"{Sections}[0].classList.contains('unreachable')", cancellationToken))!);

            // C comes back on its address: so does its section.
            cAgain = await LiveDashboard.StartAsync(cPort, peers: null);
            await browser.WaitUntilAsync($"!{Sections}[1].classList.contains('unreachable') && {Sections}[1].querySelector('.status').textContent.startsWith('up')", cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await polling;
            if (cAgain is not null)
            {
                await cAgain.DisposeAsync();
            }
        }
    }

    /// <summary>Polls the page's update counter until it reaches <paramref name="count"/>; fails after 20 s.</summary>
    private static async Task<int> UpdatesWhenAtLeastAsync(HeadlessChromium browser, int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var updates = 0;
        while (DateTime.UtcNow < deadline)
        {
            JsonNode? text = await browser.EvaluateAsync("document.getElementById('updates')?.textContent ?? '0'", cancellationToken);
            updates = int.Parse((string)text!, System.Globalization.CultureInfo.InvariantCulture);
            if (updates >= count)
            {
                return updates;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new Xunit.Sdk.XunitException($"The page showed {updates} updates after 20 s, expected at least {count}.");
    }
}
