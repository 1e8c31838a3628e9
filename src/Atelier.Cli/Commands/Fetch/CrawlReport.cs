using System.Globalization;
using Atelier.Cli.Batch;
using Atelier.Cli.Rendering;
using Atelier.Fetch;
using Atelier.Fetch.Crawl;
using Atelier.Fetch.Reporting;
using Spectre.Console;

namespace Atelier.Cli.Commands.Fetch;

/// <summary>How a crawl (<c>fetch -r</c>) shows its progress and results: pages done, queued and failed; what the rules left out.</summary>
internal static class CrawlReport
{
    public static BatchDriver<CrawlResult> Driver(Crawler crawler) => new()
    {
        Category = result => result.Fetch.Status == FetchStatus.Canceled ? BatchDriver<CrawlResult>.Interrupted : result.Fetch.StatusName,
        Categories = ["downloaded", "up to date", "skipped", "failed", BatchDriver<CrawlResult>.Interrupted],
        Throughput = (_, elapsed) =>
        {
            var totals = crawler.Totals;
            return string.Create(CultureInfo.InvariantCulture,
                $"{totals.Pages:N0} pages, {totals.Requisites:N0} requisites, {totals.SkippedByRule:N0} left out by rules, {totals.Disallowed:N0} disallowed by robots.txt{(totals.Queued > 0 ? $", {totals.Queued:N0} queued (--continue fetches them)" : "")}; {FetchReport.Throughput(crawler.Transfers.Bytes, elapsed)}");
        },
        Details = new SummaryTable<CrawlResult>(
            "URL",
            [new("saved as (or URL)"), new("status"), new TableColumn("size").RightAligned(), new TableColumn("time").RightAligned(), new("note")],
            result => FetchReport.Row(result.Fetch)),
        Json = FetchJsonContext.Line,
    };

    /// <summary>"120 pages done, 340 queued, 2 failed, 8 running, 3.1 MiB at 1.2 MiB/s, 41 pages/s".</summary>
    public static BatchStatus Status(Crawler crawler, TimeSpan elapsed)
    {
        var (totals, transfers) = (crawler.Totals, crawler.Transfers);
        var done = totals.Pages + totals.Requisites;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{done:N0} done, {totals.Queued:N0} queued, {totals.Failed:N0} failed, {transfers.Active:N0} running, {Sizes.Format(transfers.Bytes)} at {Sizes.Format((long)transfers.BytesPerSecond)}/s, {(elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0):0} pages/s");
        return new BatchStatus(line, done + totals.Failed, null);
    }
}
