using System.IO.Enumeration;
using System.Text.RegularExpressions;

namespace Atelier.Fetch.Crawl;

/// <summary>Why a link is not followed.</summary>
internal enum Outside
{
    /// <summary>It is followed.</summary>
    No,

    /// <summary>Past the depth, on another host, above the start folder, or not http(s).</summary>
    Scope,

    /// <summary>Left out by -A/-R or the regular expressions.</summary>
    Rule,
}

/// <summary>Which links the crawl follows: the hosts, the start folder, the depth, the accept and reject rules.</summary>
internal sealed class CrawlScope
{
    private readonly CrawlOptions options;
    private readonly HashSet<string> startHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Host, string Folder)> startFolders = [];
    private readonly Regex? accept;
    private readonly Regex? reject;

    /// <exception cref="AtelierException">A regular expression does not parse.</exception>
    public CrawlScope(CrawlOptions options, IEnumerable<Uri> starts)
    {
        this.options = options;
        foreach (var start in starts)
        {
            startHosts.Add(CrawlUrls.Authority(start));
            startFolders.Add((CrawlUrls.Authority(start), CrawlUrls.Folder(start)));
        }

        accept = Compile(options.AcceptRegex, "CrawlOptions.AcceptRegex");
        reject = Compile(options.RejectRegex, "CrawlOptions.RejectRegex");
    }

    /// <summary>Whether a link found at <paramref name="depth"/> (the depth of the page that holds it, plus one) is followed.</summary>
    public Outside Check(Uri url, int depth, bool requisite)
    {
        if (options.Level is { } level && depth > level && !(requisite && options.PageRequisites && depth == level + 1))
        {
            return Outside.Scope;
        }

        var host = CrawlUrls.Authority(url);
        if (!startHosts.Contains(host) && !(options.SpanHosts && InDomains(url.Host)))
        {
            return Outside.Scope;
        }

        // -np keeps pages inside the start folder; what a page needs may come from anywhere on its host (as wget -p).
        if (options.NoParent && !requisite && !startFolders.Any(s => string.Equals(s.Host, host, StringComparison.OrdinalIgnoreCase) && url.AbsolutePath.StartsWith(s.Folder, StringComparison.Ordinal)))
        {
            return Outside.Scope;
        }

        var text = url.ToString();
        if (accept is not null && !accept.IsMatch(text) || reject is not null && reject.IsMatch(text))
        {
            return Outside.Rule;
        }

        // -A/-R do not stop a page from being read for its links: it is fetched, and dropped afterwards (as wget does).
        return Kept(url) || MayBePage(url) ? Outside.No : Outside.Rule;
    }

    /// <summary>Whether the file of this URL is kept by -A/-R once fetched.</summary>
    public bool Kept(Uri url)
    {
        var name = Uri.UnescapeDataString(url.AbsolutePath[(url.AbsolutePath.LastIndexOf('/') + 1)..]);
        return (options.Accept.Count == 0 || options.Accept.Any(pattern => Matches(name, pattern)))
            && !options.Reject.Any(pattern => Matches(name, pattern));
    }

    /// <summary>A URL that may be a page: a folder, an .html/.htm name, or a name without an extension.</summary>
    private static bool MayBePage(Uri url)
    {
        var name = url.AbsolutePath[(url.AbsolutePath.LastIndexOf('/') + 1)..];
        return name.Length == 0 || !name.Contains('.', StringComparison.Ordinal)
            || name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>wget's rule: a pattern with *, ? or [ is a glob on the name; anything else a suffix.</summary>
    private static bool Matches(string name, string pattern) =>
        pattern.IndexOfAny(['*', '?', '[']) >= 0
            ? FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: true)
            : name.EndsWith(pattern.StartsWith('.') ? pattern : "." + pattern, StringComparison.OrdinalIgnoreCase) || string.Equals(name, pattern, StringComparison.OrdinalIgnoreCase);

    private bool InDomains(string host) =>
        options.Domains.Count == 0 || options.Domains.Any(domain =>
            string.Equals(host, domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain.TrimStart('.'), StringComparison.OrdinalIgnoreCase));

    private static Regex? Compile(string? pattern, string setting)
    {
        if (pattern is null)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new AtelierException($"'{pattern}' is not a regular expression: {e.Message}", setting);
        }
    }
}
