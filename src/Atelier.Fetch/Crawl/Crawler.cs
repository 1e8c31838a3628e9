using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Atelier.Fetch.Transfer;

namespace Atelier.Fetch.Crawl;

/// <summary>
/// Mirrors sites as <c>wget -r</c> does, many URLs at once through a <see cref="Downloader"/> (its per-host limits,
/// retries, resume, <c>--newer</c>): links read from each saved page with an HTML5 tokenizer, kept in scope by depth,
/// host, folder and rules, robots.txt honoured, each canonical URL fetched once, and the frontier kept in an SQLite
/// file in the output folder so that an interrupted crawl resumes where it stopped.
/// </summary>
public sealed class Crawler : IDisposable
{
    private const int Batch = 64;
    private readonly FetchOptions fetch;
    private readonly CrawlOptions options;
    private readonly Downloader downloader;
    private readonly LocalPaths paths;
    private readonly HttpClient robotsClient;
    private readonly ConcurrentDictionary<string, Task<RobotsRules>> robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> nextRequest = new(StringComparer.OrdinalIgnoreCase);
    private long pages, requisites, skipped, disallowed, failed, queued;

    /// <summary>A crawler saving into <see cref="FetchOptions.OutputDirectory"/>; files of a new crawl replace those of an earlier one (as wget -r).</summary>
    /// <exception cref="AtelierException">The output folder cannot be made.</exception>
    public Crawler(FetchOptions fetch, CrawlOptions options)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CutDirectories);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Level ?? 0);
        this.fetch = fetch with { OnExists = ExistingFile.Overwrite, Continue = fetch.Continue || options.Resume };
        this.options = options;
        downloader = new Downloader(this.fetch);
        paths = new LocalPaths(options);
        robotsClient = HttpClients.Create(this.fetch);
    }

    /// <summary>The transfers' counts so far (bytes, rates, running).</summary>
    public FetchTotals Transfers => downloader.Totals;

    /// <summary>The crawl's counts so far. Safe to call at any time from any thread.</summary>
    public CrawlTotals Totals => new(
        Interlocked.Read(ref pages), Interlocked.Read(ref requisites), Interlocked.Read(ref skipped),
        Interlocked.Read(ref disallowed), Interlocked.Read(ref failed), Interlocked.Read(ref queued));

    /// <summary>Crawls from <paramref name="starts"/>; one result per URL fetched, as they end (not in any order: each page's links are read as soon as it is saved).</summary>
    /// <exception cref="AtelierException">A start is not an http(s) URL, or a rule's regular expression does not parse.</exception>
    public IAsyncEnumerable<CrawlResult> CrawlAsync(IReadOnlyList<string> starts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(starts);
        var urls = starts.Select(start => CrawlUrls.Resolve(new Uri("http://start/"), start.Contains("://", StringComparison.Ordinal) ? start : "http://" + start)
            ?? throw new AtelierException($"'{UrlRedactor.Redact(start)}' is not an http or https URL to start a crawl from.")).ToList();
        var scope = new CrawlScope(options, urls);
        return CrawlCoreAsync(urls, scope, cancellationToken);
    }

    /// <summary>Closes the connections.</summary>
    public void Dispose()
    {
        downloader.Dispose();
        robotsClient.Dispose();
    }

    private async IAsyncEnumerable<CrawlResult> CrawlCoreAsync(List<Uri> starts, CrawlScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var frontier = Frontier.Open(Path.GetFullPath(fetch.OutputDirectory), options.Resume);
        frontier.Add(starts.Select(url => (url, 0, (string?)null, false)));
        var running = new ConcurrentDictionary<long, Pending>();
        using var ended = new SemaphoreSlim(0);
        var active = 0;
        long bytes = 0;
        Interlocked.Exchange(ref queued, frontier.Counts().GetValueOrDefault(UrlState.Queued));

        await foreach (var result in downloader.FetchAsync(Requests(cancellationToken), inOrder: false, cancellationToken).ConfigureAwait(false))
        {
            running.TryRemove(result.Index, out var pending);
            var crawled = await EndAsync(frontier, scope, pending!, result, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref bytes, result.Bytes);
            Interlocked.Decrement(ref active);
            ended.Release();
            yield return crawled;
        }

        Interlocked.Exchange(ref queued, frontier.Counts().GetValueOrDefault(UrlState.Queued));
        if (options.ConvertLinks && !cancellationToken.IsCancellationRequested)
        {
            LinkConverter.Run(frontier, Path.GetFullPath(fetch.OutputDirectory));
        }

        // What the downloads read: the frontier's queued URLs, taken a batch at a time, until none is queued and none
        // runs (a running page may still queue more); the limits stop it early, leaving the rest queued.
        async IAsyncEnumerable<FetchRequest> Requests([EnumeratorCancellation] CancellationToken stop = default)
        {
            var batch = new Queue<Pending>();
            long index = 0;
            while (true)
            {
                if (options.MaxPages is { } most && index >= most || options.Quota is { } quota && Interlocked.Read(ref bytes) >= quota)
                {
                    break;
                }

                if (batch.Count == 0)
                {
                    frontier.Take(Batch).ForEach(batch.Enqueue);
                }

                if (batch.Count == 0)
                {
                    if (Volatile.Read(ref active) == 0)
                    {
                        break;
                    }

                    await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var next = batch.Dequeue();
                await PauseForHostAsync(next.Url, cancellationToken).ConfigureAwait(false);
                running[index++] = next;
                Interlocked.Increment(ref active);
                Interlocked.Decrement(ref queued);
                yield return new FetchRequest(next.Url.ToString()) { SaveAs = paths.For(next.Url) };
            }

            foreach (var left in batch)
            {
                frontier.End(left.Id, UrlState.Queued, null, null);
            }
        }
    }

    /// <summary>Records how a URL ended and queues the links of a saved page or stylesheet that are in scope.</summary>
    private async Task<CrawlResult> EndAsync(Frontier frontier, CrawlScope scope, Pending pending, FetchResult result, CancellationToken cancellationToken)
    {
        var relative = result.Path is { } path ? Path.GetRelativePath(Path.GetFullPath(fetch.OutputDirectory), path).Replace('\\', '/') : null;
        if (result.Status == FetchStatus.Canceled)
        {
            frontier.End(pending.Id, UrlState.Queued, null, null);
            Interlocked.Increment(ref queued);
            return new CrawlResult(result, pending.Depth, pending.Referrer, pending.Requisite);
        }

        if (!result.Succeeded || result.Path is null)
        {
            frontier.End(pending.Id, UrlState.Failed, null, result.HttpStatus);
            Interlocked.Increment(ref failed);
            return new CrawlResult(result, pending.Depth, pending.Referrer, pending.Requisite);
        }

        var added = 0;
        var landed = result.FinalUrl is { } final && Uri.TryCreate(final, UriKind.Absolute, out var finalUrl) ? finalUrl : pending.Url;
        var followed = landed == pending.Url || scope.Check(CrawlUrls.Canonical(landed), pending.Depth, pending.Requisite) == Outside.No;
        var kind = Kind(result, result.Path);
        if (followed && kind != PageKind.Other)
        {
            var links = await InScopeAsync(scope, Read(kind, result.Path, landed, out var baseUrl), baseUrl, pending, cancellationToken).ConfigureAwait(false);
            added = frontier.Add(links);
            Interlocked.Add(ref queued, added);
        }

        // Fetched for its links only (-A/-R): dropped now that they are read.
        if (!scope.Kept(pending.Url) && result.Status == FetchStatus.Downloaded)
        {
            File.Delete(result.Path);
            frontier.End(pending.Id, UrlState.Failed, null, result.HttpStatus);
            Interlocked.Increment(ref skipped);
            return new CrawlResult(result with { Path = null }, pending.Depth, pending.Referrer, pending.Requisite) { NewLinks = added };
        }

        frontier.End(pending.Id, UrlState.Saved, relative, result.HttpStatus);
        Interlocked.Increment(ref pending.Requisite ? ref requisites : ref pages);
        return new CrawlResult(result, pending.Depth, pending.Referrer, pending.Requisite) { NewLinks = added };
    }

    private async Task<List<(Uri Url, int Depth, string? Referrer, bool Requisite)>> InScopeAsync(
        CrawlScope scope, List<Link> links, Uri baseUrl, Pending page, CancellationToken cancellationToken)
    {
        var kept = new List<(Uri, int, string?, bool)>();
        var seen = new HashSet<Uri>();
        foreach (var link in links)
        {
            if (CrawlUrls.Resolve(baseUrl, link.Url) is not { } url || !seen.Add(url))
            {
                continue;
            }

            // What a stylesheet or a requisite links to is needed by the same page: same depth for -l's sake.
            var depth = page.Requisite && link.Requisite ? page.Depth : page.Depth + 1;
            switch (scope.Check(url, depth, link.Requisite))
            {
                case Outside.Scope:
                    continue;
                case Outside.Rule:
                    Interlocked.Increment(ref skipped);
                    continue;
            }

            if (options.Robots && !(await RobotsAsync(url, cancellationToken).ConfigureAwait(false)).Allows(url))
            {
                Interlocked.Increment(ref disallowed);
                continue;
            }

            kept.Add((url, depth, page.Url.ToString(), link.Requisite));
        }

        return kept;
    }

    /// <summary>The links of a saved page or stylesheet, and the base URL they are read against.</summary>
    private static List<Link> Read(PageKind kind, string path, Uri url, out Uri baseUrl)
    {
        var declared = url;
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        List<Link> links;
        if (kind == PageKind.Html)
        {
            links = [.. Links.FromHtml(reader, href => declared = Uri.TryCreate(url, href, out var based) ? based : declared, new FileInfo(path).Length)];
        }
        else
        {
            // Stylesheets are read whole, up to 8 MiB (a larger one is read that far).
            var buffer = ArrayPool<char>.Shared.Rent((int)Math.Min(8 << 20, Math.Max(1024, new FileInfo(path).Length + 1)));
            try
            {
                var read = reader.ReadBlock(buffer, 0, buffer.Length);
                links = [.. Links.FromCss(new string(buffer, 0, read))];
            }
            finally
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }

        baseUrl = declared;
        return links;
    }

    private enum PageKind
    {
        Other,
        Html,
        Css,
    }

    /// <summary>HTML and CSS by the media type the server gave; without one (a file up to date), by the name, then the first bytes.</summary>
    private static PageKind Kind(FetchResult result, string path)
    {
        switch (result.ContentType?.ToLowerInvariant())
        {
            case "text/html" or "application/xhtml+xml":
                return PageKind.Html;
            case "text/css":
                return PageKind.Css;
            case not null:
                return PageKind.Other;
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".html" or ".htm")
        {
            return PageKind.Html;
        }

        if (extension == ".css")
        {
            return PageKind.Css;
        }

        return Links.LooksLikeHtml(path) ? PageKind.Html : PageKind.Other;
    }

    /// <summary>With -w: waits until the host's last request is that long ago, and books the next.</summary>
    private async Task PauseForHostAsync(Uri url, CancellationToken cancellationToken)
    {
        if (options.Wait <= TimeSpan.Zero)
        {
            return;
        }

        var time = fetch.TimeProvider;
        var host = CrawlUrls.Authority(url);
        var now = time.GetTimestamp();
        var due = nextRequest.GetValueOrDefault(host, now);
        if (due > now)
        {
            await Task.Delay(time.GetElapsedTime(now, due), time, cancellationToken).ConfigureAwait(false);
        }

        nextRequest[host] = Math.Max(due, now) + (long)(options.Wait.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>The host's robots.txt, asked for once; anything but a text answer allows everything.</summary>
    private Task<RobotsRules> RobotsAsync(Uri url, CancellationToken cancellationToken) =>
        robots.GetOrAdd(CrawlUrls.Authority(url) + url.Scheme, _ => FetchRobotsAsync(new Uri(url, "/robots.txt"), cancellationToken));

    private async Task<RobotsRules> FetchRobotsAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await robotsClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType is { } type && type != "text/plain")
            {
                return RobotsRules.AllowAll;
            }

            // At most 500 KiB, as Google reads; kept beside the host's files, as wget keeps it.
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = new byte[500 * 1024];
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, timeout.Token).ConfigureAwait(false);
            var saved = Path.Combine(Path.GetFullPath(fetch.OutputDirectory), paths.For(url));
            Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
            await File.WriteAllBytesAsync(saved, buffer.AsMemory(0, read).ToArray(), cancellationToken).ConfigureAwait(false);
            return RobotsRules.Parse(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return RobotsRules.AllowAll;
        }
    }
}
