using Atelier.Fetch.Naming;

namespace Atelier.Fetch.Crawl;

/// <summary>
/// Where a crawled URL is saved in the output folder, as wget2 lays it out: <c>HOST/PATH</c> (no port), a path ending in
/// '/' as <c>index.html</c>, the query kept in the name (<c>page.php?id=2</c>); <c>-nH</c> and <c>--cut-dirs</c> as
/// wget's. Every part is made safe, so a name can never leave the output folder.
/// </summary>
internal sealed class LocalPaths(CrawlOptions options)
{
    public string For(Uri url)
    {
        var segments = url.AbsolutePath.Split('/').Skip(1).Select(Uri.UnescapeDataString).ToArray();
        var file = segments[^1];
        var folders = segments[..^1].Skip(options.CutDirectories);
        if (file.Length == 0)
        {
            file = FileNames.Fallback;
        }

        if (url.Query.Length > 1)
        {
            file += "?" + Uri.UnescapeDataString(url.Query[1..]).Replace('/', '%');
        }

        var parts = (options.NoHostDirectories ? [] : new[] { url.Host }).Concat(folders).Append(file);
        return FileNames.SanitizePath(string.Join('/', parts.Select(p => FileNames.Sanitize(p) ?? "_"))) ?? FileNames.Fallback;
    }
}
