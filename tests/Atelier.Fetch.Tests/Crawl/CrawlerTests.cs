using Atelier.Fetch.Crawl;
using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests.Crawl;

/// <summary>fetch -r against a real web server of the test's own.</summary>
public sealed class CrawlerTests
{
    private static readonly Dictionary<string, string> Site = new()
    {
        ["/"] = """
            <!doctype html><html><head><link rel="stylesheet" href="/style.css"><title>a < b</title>
            <meta http-equiv="refresh" content="30; url=/news.html"></head><body>
            <a href="docs/">docs</a> <a href="/docs/one.html#part">one</a> <a href="mailto:me@example.com">mail</a>
            <a href="javascript:void(0)">js</a> <a href="/docs/one.html">one again</a>
            <img src="/img/logo.png" srcset="/img/logo.png 1x, /img/logo@2x.png 2x">
            <script>var s = "<a href='/not-a-link.html'>";</script><!-- <a href="/commented.html"> -->
            <div style="background: url('/img/bg.png')"></div></body></html>
            """,
        ["/style.css"] = "body { background: url(\"/img/body.png\") } @import '/more.css';",
        ["/more.css"] = "p { color: red }",
        ["/news.html"] = "<p>news</p>",
        ["/docs/"] = "<base href=\"/docs/\"><a href=\"one.html\">one</a> <a href=\"../\">up</a> <a href=\"two.html?a=1&amp;b=2\">two</a>",
        ["/docs/one.html"] = "<a href=\"two.html\">two</a><img src=\"/img/one.png\">",
        ["/docs/two.html"] = "<p>two</p>",
        ["/docs/two.html?a=1&b=2"] = "<p>two with a query</p>",
        ["/img/logo.png"] = "png", ["/img/logo@2x.png"] = "png", ["/img/bg.png"] = "png", ["/img/body.png"] = "png", ["/img/one.png"] = "png",
    };

    [Fact]
    public async Task Crawl_SavesEveryLinkedFileOnce_AsWgetLaysThemOut()
    {
        await using var site = await SiteServer.StartAsync(Site);
        using var folder = new TempFolder();

        var (results, totals) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions(), site.Url("/"));

        var host = site.Host;
        Assert.Equal(
            new[] { "/", "docs/index.html", "docs/one.html", "docs/two.html", "docs/two.html?a=1&b=2", "img/bg.png", "img/body.png", "img/logo.png", "img/logo@2x.png", "img/one.png", "more.css", "news.html", "style.css" }
                .Select(f => f == "/" ? $"{host}/index.html" : $"{host}/{f}").Order(StringComparer.Ordinal),
            CrawlRun.Files(folder.Path));
        Assert.All(site.AllHits.Where(h => h.Key != "/robots.txt"), hit => Assert.Equal(1, hit.Value));
        Assert.Equal(0, site.Hits("/not-a-link.html") + site.Hits("/commented.html"));
        Assert.Equal((13L, 0L), (totals.Pages + totals.Requisites, totals.Failed));
        Assert.Equal(0, results.Single(r => r.Depth == 0).Depth);
        Assert.Equal(site.Url("/"), results.Single(r => r.Fetch.Url.EndsWith("/docs/", StringComparison.Ordinal)).Referrer);
    }

    [Fact]
    public async Task Newer_ReCrawl_AsksConditionally_AndFollowsUnchangedPagesFromTheirSavedCopies()
    {
        await using var site = await SiteServer.StartAsync(Site);
        using var folder = new TempFolder();
        var fetch = new FetchOptions { Newer = true };

        var (first, _) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions(), fetch, TestContext.Current.CancellationToken, site.Url("/"));
        var (second, totals) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions(), fetch, TestContext.Current.CancellationToken, site.Url("/"));

        Assert.Equal(13, first.Count(r => r.Fetch.Status == FetchStatus.Downloaded));
        Assert.Equal(13, second.Count(r => r.Fetch.Status == FetchStatus.UpToDate));
        Assert.Equal(13L, totals.Pages + totals.Requisites);
        Assert.Equal(0, second.Sum(r => r.Fetch.Bytes));
    }

    [Fact]
    public async Task Level_StopsAnEndlessCalendar()
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string>());
        using var folder = new TempFolder();

        var (results, _) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions { Level = 3 }, site.Url("/calendar/0"));

        Assert.Equal(["/calendar/0", "/calendar/1", "/calendar/2", "/calendar/3"], results.Select(r => new Uri(r.Fetch.Url).AbsolutePath).Order(StringComparer.Ordinal));
        Assert.Equal(0, site.Hits("/calendar/4"));
    }

    [Fact]
    public async Task NoParent_StaysInTheStartFolder_ButPageRequisitesComeFromAnywhere()
    {
        await using var site = await SiteServer.StartAsync(Site);
        using var folder = new TempFolder();

        await CrawlRun.RunAsync(folder.Path, new CrawlOptions { NoParent = true, PageRequisites = true }, site.Url("/docs/"));

        Assert.Equal(0, site.Hits("/") + site.Hits("/news.html"));
        Assert.Equal(1, site.Hits("/docs/two.html"));
        Assert.Equal(1, site.Hits("/img/one.png"));
    }

    [Fact]
    public async Task Accept_KeepsOnlyWhatMatches_ButReadsPagesForTheirLinks()
    {
        await using var site = await SiteServer.StartAsync(Site);
        using var folder = new TempFolder();

        var (_, totals) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions { Accept = ["png"] }, site.Url("/"));

        Assert.All(CrawlRun.Files(folder.Path), f => Assert.EndsWith(".png", f, StringComparison.Ordinal));
        Assert.Contains($"{site.Host}/img/one.png", CrawlRun.Files(folder.Path));
        Assert.Equal(0, site.Hits("/style.css"));
        Assert.True(totals.SkippedByRule >= 3, $"{totals.SkippedByRule} left out");
    }

    [Fact]
    public async Task Robots_DisallowedPathsAreNotFetched_AndAnHtmlRobotsFileAllowsAll()
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string>(Site) { ["/robots.txt"] = "User-agent: *\nDisallow: /docs/\nAllow: /docs/one.html\n" });
        using var folder = new TempFolder();
        using var other = new TempFolder();

        var (_, totals) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions(), site.Url("/"));
        site.Pages["/robots.txt"] = "<html>not robots</html>";
        site.Pages.TryAdd("/robots.txt.html", "");
        await using var htmlRobots = await SiteServer.StartAsync(new Dictionary<string, string>(Site) { ["/robots.txt"] = "<!doctype html><p>User-agent: *</p><p>Disallow: /</p>" });
        var (_, allowed) = await CrawlRun.RunAsync(other.Path, new CrawlOptions(), htmlRobots.Url("/"));

        Assert.Equal(0, site.Hits("/docs/") + site.Hits("/docs/two.html"));
        Assert.Equal(1, site.Hits("/docs/one.html"));
        Assert.True(totals.Disallowed >= 2, $"{totals.Disallowed} disallowed");
        Assert.Equal(0, allowed.Disallowed);
        Assert.Equal(1, htmlRobots.Hits("/docs/two.html"));
    }

    [Fact]
    public async Task OtherHosts_AreFollowedOnlyWithSpanHosts_WithinTheDomains()
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string> { ["/"] = "" });
        var elsewhere = site.Url("/elsewhere.html").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        site.Pages["/"] = $"<a href=\"{elsewhere}\">elsewhere</a>";
        site.Pages["/elsewhere.html"] = "<p>here</p>";
        using var stay = new TempFolder();
        using var span = new TempFolder();
        using var outside = new TempFolder();

        await CrawlRun.RunAsync(stay.Path, new CrawlOptions(), site.Url("/"));
        var before = site.Hits("/elsewhere.html");
        await CrawlRun.RunAsync(outside.Path, new CrawlOptions { SpanHosts = true, Domains = ["example.com"] }, site.Url("/"));
        var other = site.Hits("/elsewhere.html");
        await CrawlRun.RunAsync(span.Path, new CrawlOptions { SpanHosts = true, Domains = ["localhost"] }, site.Url("/"));

        Assert.Equal((0, 0, 1), (before, other, site.Hits("/elsewhere.html")));
        Assert.Contains("localhost/elsewhere.html", CrawlRun.Files(span.Path));
    }

    [Fact]
    public async Task HostileLinks_ARedirectLoop_ARedirectAway_A404_AreCountedAndTheCrawlGoesOn()
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string>
        {
            ["/"] = "<a href=\"/loop\">loop</a><a href=\"/away\">away</a><a href=\"/missing.html\">missing</a><a href=\"/fine.html\">fine</a><a href=\"http://[::1\">broken</a><a href=\"\">empty</a>",
            ["/fine.html"] = "<p>fine</p>",
        });
        using var folder = new TempFolder();

        var (results, totals) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions(), site.Url("/"));

        Assert.Equal(1, site.Hits("/fine.html"));
        Assert.Equal(3L, totals.Failed);
        Assert.Equal(5, results.Count);
    }

    [Fact]
    public async Task HugePage_ItsLinksAreFoundToTheEnd()
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string>());
        using var folder = new TempFolder();

        var (results, _) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions { Level = 1 }, site.Url("/huge?mb=12"));

        Assert.Equal(121, results.Count);
        Assert.Equal(1, site.Hits("/huge-link/119"));
    }

    [Fact]
    public async Task Interrupted_ThenResumed_SavesTheSameFiles_AndAsksForNothingTwiceButWhatWasRunning()
    {
        var pages = Enumerable.Range(0, 60).ToDictionary(i => i == 0 ? "/" : $"/p{i}.html", i => string.Concat(Enumerable.Range(1, 3).Select(j => $"<a href=\"/p{(i * 3 + j) % 60}.html\">x</a>")));
        pages["/p0.html"] = "<p>zero</p>";
        await using var site = await SiteServer.StartAsync(pages);
        site.Delay = TimeSpan.FromMilliseconds(20);
        using var folder = new TempFolder();
        using var whole = new TempFolder();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var fetch = new FetchOptions { Concurrency = 4, Retries = 0 };

        var first = new List<CrawlResult>();
        using (var crawler = new Crawler(fetch with { OutputDirectory = folder.Path }, new CrawlOptions { Level = null }))
        {
            await foreach (var result in crawler.CrawlAsync([site.Url("/")], interrupt.Token))
            {
                first.Add(result);
                if (first.Count == 20)
                {
                    await interrupt.CancelAsync();
                }
            }
        }

        var (second, totals) = await CrawlRun.RunAsync(folder.Path, new CrawlOptions { Level = null, Resume = true }, fetch, TestContext.Current.CancellationToken, site.Url("/"));
        await using var again = await SiteServer.StartAsync(pages);
        await CrawlRun.RunAsync(whole.Path, new CrawlOptions { Level = null }, again.Url("/"));

        Assert.Equal(CrawlRun.Files(whole.Path).Select(f => f[f.IndexOf('/', StringComparison.Ordinal)..]), CrawlRun.Files(folder.Path).Select(f => f[f.IndexOf('/', StringComparison.Ordinal)..]));
        var interrupted = first.Count(r => r.Fetch.Status == FetchStatus.Canceled);
        var twice = site.AllHits.Where(h => h.Key != "/robots.txt" && h.Value > 1).ToList();
        Assert.True(twice.Count <= interrupted, $"asked twice: {string.Join(", ", twice.Select(t => t.Key))}; interrupted: {interrupted}");
        Assert.All(site.AllHits, h => Assert.True(h.Value <= 2, h.Key));
        Assert.Equal(0L, totals.Queued);
        Assert.True(second.Count < 60, $"{second.Count} fetched again");
    }

    [Fact]
    public async Task ConvertLinks_PointSavedFilesRelatively_AndTheRestAbsolutely()
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string>
        {
            ["/"] = "<a href=\"/docs/a.html#top\">a</a> <a href='http://localhost.invalid/x'>out</a> <img src=/img/p.png>",
            ["/docs/a.html"] = "<a href=\"../\">home</a><a href=\"b.html?q=1\">b</a>",
            ["/docs/b.html?q=1"] = "b",
            ["/img/p.png"] = "png",
        });
        using var folder = new TempFolder();

        await CrawlRun.RunAsync(folder.Path, new CrawlOptions { ConvertLinks = true }, site.Url("/"));

        var index = await File.ReadAllTextAsync(Path.Combine(folder.Path, site.Host, "index.html"), TestContext.Current.CancellationToken);
        var page = await File.ReadAllTextAsync(Path.Combine(folder.Path, site.Host, "docs", "a.html"), TestContext.Current.CancellationToken);
        Assert.Equal("<a href=\"docs/a.html#top\">a</a> <a href='http://localhost.invalid/x'>out</a> <img src=img/p.png>", index);
        Assert.Equal("<a href=\"../index.html\">home</a><a href=\"b.html%3Fq%3D1\">b</a>", page);
    }

    [Theory]
    [InlineData("socks5h", "localhost")]
    [InlineData("socks5", "localhost")]
    public async Task Proxy_Socks5_CarriesTheCrawl_TheProxyResolvingNames(string scheme, string asked)
    {
        await using var site = await SiteServer.StartAsync(new Dictionary<string, string> { ["/"] = "<a href=\"/a.html\">a</a>", ["/a.html"] = "a" });
        using var proxy = new Socks5Server();
        using var folder = new TempFolder();
        var start = site.Url("/").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var (results, _) = await CrawlRun.RunAsync(
            folder.Path, new CrawlOptions { Robots = false }, new FetchOptions { Proxy = new Uri($"{scheme}://127.0.0.1:{proxy.Port}") }, TestContext.Current.CancellationToken, start);

        Assert.True(results.Count(r => r.Fetch.Status == FetchStatus.Downloaded) == 2, string.Join("; ", results.Select(r => $"{r.Fetch.Url} {r.Fetch.Status} {r.Fetch.Error}")));
        Assert.Contains($"{asked}:{new Uri(site.BaseUrl).Port}", proxy.Requested);
    }
}
