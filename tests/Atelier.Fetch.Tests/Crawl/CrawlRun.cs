using Atelier.Fetch.Crawl;

namespace Atelier.Fetch.Tests.Crawl;

internal static class CrawlRun
{
    /// <summary>Crawls from <paramref name="starts"/> into <paramref name="folder"/>; the crawler's totals and every result.</summary>
    public static async Task<(List<CrawlResult> Results, CrawlTotals Totals)> RunAsync(string folder, CrawlOptions options, params string[] starts) =>
        await RunAsync(folder, options, new FetchOptions { OutputDirectory = folder, RetryDelay = TimeSpan.FromMilliseconds(10), Retries = 1 }, TestContext.Current.CancellationToken, starts);

    public static async Task<(List<CrawlResult> Results, CrawlTotals Totals)> RunAsync(string folder, CrawlOptions options, FetchOptions fetch, CancellationToken cancellationToken, params string[] starts)
    {
        using var crawler = new Crawler(fetch with { OutputDirectory = folder }, options);
        var results = new List<CrawlResult>();
        await foreach (var result in crawler.CrawlAsync(starts, cancellationToken))
        {
            results.Add(result);
        }

        return (results, crawler.Totals);
    }

    /// <summary>The files a crawl left in the folder, relative, sorted; its own state file aside.</summary>
    public static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".atelier-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
