namespace Atelier.Fetch.Crawl;

/// <summary>
/// URLs as the crawl keeps them: absolute http(s), fragment and user info dropped, scheme and host lower-cased, the
/// default port and dot segments removed, percent-encoding as <see cref="Uri"/> makes it canonical; so one page is
/// one key, fetched once.
/// </summary>
internal static class CrawlUrls
{
    /// <summary>The canonical form of <paramref name="link"/> read against <paramref name="baseUrl"/>; null for what is not an http(s) URL.</summary>
    public static Uri? Resolve(Uri baseUrl, string link)
    {
        var text = link.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return null;
        }

        if (!Uri.TryCreate(baseUrl, text, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            return null;
        }

        return Canonical(url);
    }

    public static Uri Canonical(Uri url) => new(url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped));

    /// <summary>The folder a URL's path is in: everything up to its last '/'.</summary>
    public static string Folder(Uri url) => url.AbsolutePath[..(url.AbsolutePath.LastIndexOf('/') + 1)];

    /// <summary>HOST, or HOST:PORT when the port is not the scheme's own: one server.</summary>
    public static string Authority(Uri url) => url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
}
