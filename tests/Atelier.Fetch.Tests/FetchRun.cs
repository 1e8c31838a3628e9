using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests;

/// <summary>Runs a downloader over some URLs and collects its results and progress reports.</summary>
internal static class FetchRun
{
    public static async Task<List<FetchResult>> RunAsync(FetchOptions options, params string[] urls) =>
        await RunAsync(options, urls.Select(url => new FetchRequest(url)).ToArray());

    public static async Task<List<FetchResult>> RunAsync(FetchOptions options, params FetchRequest[] requests)
    {
        using var downloader = new Downloader(options);
        var results = new List<FetchResult>();
        await foreach (var result in downloader.FetchAsync(requests, TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>Quick retries, so tests do not sleep through backoff.</summary>
    public static FetchOptions Options(TempFolder folder) => new()
    {
        OutputDirectory = folder.Path,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Retries = 2,
    };
}
