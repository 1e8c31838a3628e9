namespace Atelier.Fetch.Crawl;

/// <summary>How a <see cref="Crawler"/> follows links, in wget's terms (<c>wget -r</c>).</summary>
public sealed record CrawlOptions
{
    /// <summary>How many links deep to follow from the start pages (wget's <c>-l</c>); null for no limit.</summary>
    /// <value>5.</value>
    public int? Level { get; init; } = 5;

    /// <summary>Never go above the start URL's folder (wget's <c>-np</c>).</summary>
    /// <value>False.</value>
    public bool NoParent { get; init; }

    /// <summary>File name suffixes or globs to keep (<c>jpg</c>, <c>*.pdf</c>); pages are still read for links, then dropped. Empty: all.</summary>
    /// <value>All.</value>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>File name suffixes or globs to leave out, as <see cref="Accept"/>.</summary>
    /// <value>None.</value>
    public IReadOnlyList<string> Reject { get; init; } = [];

    /// <summary>A regular expression the whole URL must match to be fetched; null for any.</summary>
    /// <value>None.</value>
    public string? AcceptRegex { get; init; }

    /// <summary>A regular expression that leaves out the URLs it matches; null for none.</summary>
    /// <value>None.</value>
    public string? RejectRegex { get; init; }

    /// <summary>Hosts (and their subdomains) that may be followed with <see cref="SpanHosts"/>; empty: any.</summary>
    /// <value>Any.</value>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Follow links to other hosts than the start URLs' (wget's <c>-H</c>), within <see cref="Domains"/>.</summary>
    /// <value>False: the start hosts only.</value>
    public bool SpanHosts { get; init; }

    /// <summary>Also fetch what a saved page needs to be shown (images, stylesheets, scripts), even one level past <see cref="Level"/> (wget's <c>-p</c>).</summary>
    /// <value>False.</value>
    public bool PageRequisites { get; init; }

    /// <summary>When the crawl ends, rewrite links in saved pages: to saved files as relative paths, the rest as absolute URLs (wget's <c>-k</c>).</summary>
    /// <value>False.</value>
    public bool ConvertLinks { get; init; }

    /// <summary>Honour each host's robots.txt (fetched once per host); start URLs are always fetched.</summary>
    /// <value>True.</value>
    public bool Robots { get; init; } = true;

    /// <summary>The pause between two requests to one host (wget's <c>-w</c>).</summary>
    /// <value>None.</value>
    public TimeSpan Wait { get; init; }

    /// <summary>The most URLs to fetch; null for no limit.</summary>
    /// <value>No limit.</value>
    public long? MaxPages { get; init; }

    /// <summary>Stop starting new downloads once this many bytes are saved (wget's <c>-Q</c>); null for no limit.</summary>
    /// <value>No limit.</value>
    public long? Quota { get; init; }

    /// <summary>Save without the HOST folder (wget's <c>-nH</c>).</summary>
    /// <value>False.</value>
    public bool NoHostDirectories { get; init; }

    /// <summary>Leave out this many leading folders of each path when saving (wget's <c>--cut-dirs</c>).</summary>
    /// <value>0.</value>
    public int CutDirectories { get; init; }

    /// <summary>
    /// Resume the crawl an earlier run left in the output folder (its state file): what was saved is not asked for
    /// again, what was queued or running is. Without it, an earlier crawl's state is started over.
    /// </summary>
    /// <value>False.</value>
    public bool Resume { get; init; }
}
