namespace Atelier.Fetch.Crawl;

/// <summary>A crawl's counts so far.</summary>
/// <param name="Pages">Pages and other files saved (up to date ones included), requisites apart.</param>
/// <param name="Requisites">Images, stylesheets and scripts saved because pages need them.</param>
/// <param name="SkippedByRule">Links left out by -A/-R or the regular expressions (each URL once); files fetched for their links and then dropped count here too.</param>
/// <param name="Disallowed">Links robots.txt disallowed (each URL once).</param>
/// <param name="Failed">URLs whose fetch failed.</param>
/// <param name="Queued">URLs found and not fetched yet (after an interrupt or a limit: what --continue would fetch).</param>
public sealed record CrawlTotals(long Pages, long Requisites, long SkippedByRule, long Disallowed, long Failed, long Queued);
