using System.Text.Json.Nodes;

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
        Assert.Equal("Top by CPU|Top by memory", (string?)await browser.EvaluateAsync("[...document.querySelectorAll('#processes caption')].map(c => c.textContent).join('|')", cancellationToken));
        Assert.Equal(3, (int)(await browser.EvaluateAsync("document.querySelectorAll('#processes table')[1].tBodies[0].rows.length", cancellationToken))!);
        Assert.Matches(@"^\d+ \S+ \d+\.\d% \d+(\.\d)? (KiB|MiB|GiB) ", (string?)await browser.EvaluateAsync(
            "[...document.querySelectorAll('#processes table')[1].tBodies[0].rows[0].cells].map(c => c.textContent).join(' ')", cancellationToken));
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
