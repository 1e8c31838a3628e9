using Atelier.Monitoring.Alerts;
using Atelier.Monitoring.Processes;
using Atelier.Monitoring.Reports;
using Atelier.Monitoring.Summary;
using Atelier.Monitoring.Tests.Dashboard;
using Atelier.Tests.Support;

namespace Atelier.Monitoring.Tests.Reports;

/// <summary>--report: one HTML file that opens offline, checked in headless Chromium as a user would open it.</summary>
public sealed class MonitorReportTests
{
    private static readonly Metric[] Metrics =
    [
        new("cpu", "CPU", MetricKind.Percent),
        new("load1", "Load 1m", MetricKind.Load),
        new("temp", "Temperature", MetricKind.Celsius),
    ];

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Write_InChromium_DrawsEveryPointOfTheRun_TheSummaryAndTheAlertsWithTheirProcesses()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "run.html");

        // 3,000 samples into 64 points: the history halved five times; the sensor answers only the first 1,000 samples.
        var report = new MonitorReport(Metrics, [AlertRule.Parse("cpu>90:crit"), AlertRule.Parse("load1>4")], TimeSpan.FromSeconds(1), capacity: 64);
        for (var s = 0; s < 3000; s++)
        {
            report.Add([s % 100, s / 1000.0, s < 1000 ? 45 : double.NaN], Start.AddSeconds(s));
        }

        var evil = "sh -c 'echo </script><b>x</b>'";
        var top = new[] { new ProcessSnapshot(4242, "ada", evil, 187.5, 3L << 30, 'R'), new ProcessSnapshot(7, "root", "[kworker/0:1]", 2, 0, 'I') };
        AlertEvent[] alerts =
        [
            new(Start.AddSeconds(1190), "cpu>90:crit", "cpu", 95, AlertLevel.Crit, Firing: true) { Processes = top },
            new(Start.AddSeconds(1300), "cpu>90:crit", "cpu", 12, AlertLevel.Crit, Firing: false),
        ];
        var summary = new MonitorSummary(3000, TimeSpan.FromSeconds(2999),
        [
            new MetricSummary(Metrics[0], 3000, 0, 49.5, 99, 95),
            new MetricSummary(Metrics[1], 3000, 0, 1.5, 2.999, 2.85),
            new MetricSummary(Metrics[2], 1000, 45, 45, 45, 45),
        ], alerts);

        report.Write(path, summary, "host-a");

        var html = await File.ReadAllTextAsync(path, cancellationToken);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".part"));
        Assert.Equal((47, 64), (report.History.Count, report.History.SamplesPerPoint));

        await using var browser = await HeadlessChromium.OpenAsync(new Uri(path), cancellationToken);
        await browser.WaitUntilAsync("document.querySelectorAll('#charts canvas').length === 3", cancellationToken);

        // A chart per metric, each with the run's points: all 47, and the 16 the sensor answered in.
        Assert.Equal("CPU|Load 1m|Temperature", (string?)await browser.EvaluateAsync("[...document.querySelectorAll('#charts .label')].map(l => l.textContent).join('|')", cancellationToken));
        Assert.Equal("47|47|16", (string?)await browser.EvaluateAsync("[...document.querySelectorAll('#charts canvas')].map(c => c.dataset.points).join('|')", cancellationToken));
        Assert.Equal(47, (int)(await browser.EvaluateAsync("report.times.length", cancellationToken))!);
        Assert.Equal(99, (double)(await browser.EvaluateAsync("Math.max(...report.metrics[0].max)", cancellationToken))!);
        Assert.Contains("3000 samples every 1 s, each point the min, mean and max of 64.", (string?)await browser.EvaluateAsync("document.getElementById('about').textContent", cancellationToken), StringComparison.Ordinal);
        Assert.Equal("on host-a", (string?)await browser.EvaluateAsync("document.getElementById('host').textContent", cancellationToken));

        // The summary table, formatted per kind.
        Assert.Equal("CPU 0.0% 49.5% 99.0% 95.0% 3000|Load 1m 0.00 1.50 3.00 2.85 3000|Temperature 45.0 °C 45.0 °C 45.0 °C 45.0 °C 1000", (string?)await browser.EvaluateAsync(
            "[...document.querySelectorAll('#summary tbody tr')].map(r => [...r.cells].map(c => c.textContent).join(' ')).join('|')", cancellationToken));

        // The alert timeline, with the processes at the alert; a command line with </script> in it is text, not markup.
        Assert.Equal(2, (int)(await browser.EvaluateAsync("document.querySelectorAll('#alerts tbody tr').length", cancellationToken))!);
        Assert.Equal("FIRING crit|cleared crit", (string?)await browser.EvaluateAsync("[...document.querySelectorAll('#alerts td.state')].map(c => c.textContent).join('|')", cancellationToken));

        // At 800 px (headless Chromium's width) the page does not scroll sideways: it did with long process lines.
        Assert.True((bool)(await browser.EvaluateAsync("document.documentElement.scrollWidth <= document.documentElement.clientWidth", cancellationToken))!);

        // ISO 8601 in the browser's zone, whatever its locale (it was "12/6/2026, 12:27:16 AM").
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", (string?)await browser.EvaluateAsync("document.querySelector('#alerts td').textContent", cancellationToken));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d ", (string?)await browser.EvaluateAsync("document.getElementById('about').textContent", cancellationToken));
        Assert.Equal($"4242 ada 187.5% 3.0 GiB {evil}\n7 root 2.0% 0 B [kworker/0:1]", (string?)await browser.EvaluateAsync("document.querySelector('#alerts td.processes').textContent", cancellationToken));
        Assert.Equal(0, (int)(await browser.EvaluateAsync("document.querySelectorAll('#alerts b').length", cancellationToken))!);
    }

    [Fact]
    public void Write_AFolderThatIsNotThere_IsAnErrorNamingTheFile_AndLeavesNothing()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "missing", "run.html");
        var report = new MonitorReport(Metrics, [], TimeSpan.FromSeconds(1));

        var error = Assert.Throws<AtelierException>(() => report.Write(path, new MonitorSummary(0, TimeSpan.Zero, [], []), "h"));

        Assert.StartsWith($"Cannot write the report '{path}': ", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
