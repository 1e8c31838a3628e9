namespace Atelier.Fetch.Crawl;

/// <summary>One URL of a crawl: how its fetch ended, how deep it was, which page linked to it.</summary>
/// <param name="Fetch">How the fetch ended; its path is HOST/PATH in the output folder.</param>
/// <param name="Depth">Links from a start URL: 0 for a start URL.</param>
/// <param name="Referrer">The page that linked to it first; null for a start URL.</param>
/// <param name="Requisite">Whether a page needs it to be shown (an image, a stylesheet, a script) rather than links to it.</param>
public sealed record CrawlResult(FetchResult Fetch, int Depth, string? Referrer, bool Requisite)
{
    /// <summary>The links it gave that the crawl had not seen, and queued.</summary>
    public int NewLinks { get; init; }
}
