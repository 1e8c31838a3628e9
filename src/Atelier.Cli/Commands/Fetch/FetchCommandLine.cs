using System.CommandLine;
using Atelier.Cli.Batch;
using Atelier.Fetch;
using Atelier.Fetch.Crawl;
using Atelier.Fetch.Credentials;

namespace Atelier.Cli.Commands.Fetch;

/// <summary><c>atelier fetch</c>'s options, and the <see cref="FetchOptions"/> they make.</summary>
internal sealed class FetchCommandLine : IBatchCommandLine
{
    private static readonly FetchOptions Defaults = new();
    private static readonly string Binary = ByteSize.Convention(SizeUnits.Binary);

    public Argument<string[]> Urls { get; } = new("url") { Description = "URLs to download.", Arity = ArgumentArity.ZeroOrMore };

    public Option<string?> Input { get; } = new("--input-file", "-i") { Description = "Read URLs from FILE, one per line (then its mirrors, TAB-separated as in aria2's lists, and optional sha256=HEX and out=NAME; # comments); - for stdin." };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Save files in this folder.", DefaultValueFactory = _ => "." };

    public Option<int> Jobs { get; } = CommonOptions.Count("--jobs", Defaults.Concurrency, "How many downloads run at once.", alias: "-j");

    public Option<int> PerHost { get; } = CommonOptions.Count("--per-host", Defaults.PerHost, "How many connections may talk to one host at once (at least --split unless given).");

    public Option<int> Split { get; } = CommonOptions.Count(
        "--split", Defaults.Split, "Download each large file over up to N connections, each fetching its own range (aria2's -s); a line with mirrors uses at least one connection per mirror.");

    public Option<long> MinSplitSize { get; } = CommonOptions.Parsed<long>(
        "--min-split-size", $"The smallest range a connection is given: a file is split only into pieces of at least this (default 20M; {Binary}).", TryParseSize, "a size (1M, 20M)");

    public Option<TimeSpan?> ConnectTimeout { get; } = CommonOptions.Duration("--connect-timeout", Defaults.ConnectTimeout, "How long to wait for a connection");

    public Option<TimeSpan?> Timeout { get; } = CommonOptions.Duration("--timeout", Defaults.Timeout, "How long one attempt may take in all");

    public Option<TimeSpan?> StallTimeout { get; } = CommonOptions.Duration("--stall-timeout", Defaults.StallTimeout, "Give up an attempt after this long without a byte");

    public Option<int> Retries { get; } = CommonOptions.Count("--retries", Defaults.Retries, "Retries after connection errors, timeouts, stalls, 408/429/500/502/503/504.", minimum: 0);

    public Option<TimeSpan?> MaxRetryWait { get; } = CommonOptions.Duration("--max-retry-wait", Defaults.MaxRetryWait, "The longest wait before a retry, whatever Retry-After says");

    public Option<string> OnExists { get; } = CommonOptions.Choice("--on-exists", "When the file exists: rename (name.1.ext), skip, overwrite or fail; skip with --continue.", "rename", "rename", "skip", "overwrite", "fail");

    public Option<bool> Continue { get; } = new("--continue", "-c") { Description = "Resume NAME.part files an earlier run left." };

    public Option<bool> Check { get; } = new("--check") { Description = "Only probe (HEAD, as wget --spider): status, size and time; no body, nothing saved, no retry unless --retries." };

    public Option<bool> Insecure { get; } = new("--insecure", "-k") { Description = "Accept any TLS certificate (unsafe)." };

    public Option<bool> Sha256 { get; } = new("--sha256") { Description = "Compute every file's SHA-256 for the results." };

    public Option<string[]> Headers { get; } = new("--header", "-H") { Description = "Send this header with every request: 'Name: value'. Repeatable.", Arity = ArgumentArity.ZeroOrMore };

    public Option<bool> Netrc { get; } = new("--netrc") { Description = "Log in to hosts listed in ~/.netrc ($NETRC if set), as curl and wget do (no such file: no logins); passwords are never printed." };

    public Option<string?> NetrcFile { get; } = new("--netrc-file") { Description = "Log in to hosts listed in this netrc file." };

    public Option<string?> Cookies { get; } = new("--cookies") { Description = "Send the cookies in FILE (Netscape format, as curl -b and wget --load-cookies read it), keep those the servers set, and write them back to FILE at the end.", HelpName = "FILE" };

    public Option<bool> Newer { get; } = new("--newer") { Description = "Fetch a file again only if the server says it changed (ETag, Last-Modified kept in the output folder); a new one replaces it whole." };

    public Option<long> LimitRate { get; } = CommonOptions.Parsed<long>(
        "--limit-rate", $"At most this many bytes a second for all downloads together: 500k, 20M ({Binary}, as curl and wget count; 0: no limit).", TryParseRate, "a rate (500k, 20M, 0)");

    public Option<long> LimitRatePerDownload { get; } = CommonOptions.Parsed<long>(
        "--limit-rate-per-download", $"At most this many bytes a second for each download ({Binary}; 0: no limit).", TryParseRate, "a rate (500k, 20M, 0)");

    public Option<bool> Quiet { get; } = CommonOptions.Quiet();

    public Option<bool> Json { get; } = CommonOptions.Json("Write one JSON object per URL on stdout, in input order, instead of the table.");

    public Option<string?> Report { get; } = CommonOptions.Report("Also write one JSON object per URL to FILE.jsonl, in input order.");

    public Option<bool> Recursive { get; } = new("--recursive", "-r") { Description = "Mirror: follow the links of each page saved, as wget -r does (saved as HOST/PATH; --continue resumes the crawl)." };

    public Option<int> Level { get; } = CommonOptions.Parsed<int>("--level", CommonOptions.WithDefault("With -r: how many links deep to follow; inf for no limit.", "5"), TryParseLevel, "a number of links, or inf", alias: "-l");

    public Option<bool> NoParent { get; } = new("--no-parent", "-np") { Description = "With -r: never go above the start URL's folder." };

    public Option<string[]> Accept { get; } = new("--accept", "-A") { Description = "With -r: keep only files with these suffixes or globs (comma list: jpg,*.pdf); pages are still read for links.", Arity = ArgumentArity.ZeroOrMore };

    public Option<string[]> Reject { get; } = new("--reject", "-R") { Description = "With -r: leave out files with these suffixes or globs (comma list).", Arity = ArgumentArity.ZeroOrMore };

    public Option<string?> AcceptRegex { get; } = new("--accept-regex") { Description = "With -r: follow only URLs this regular expression matches." };

    public Option<string?> RejectRegex { get; } = new("--reject-regex") { Description = "With -r: leave out URLs this regular expression matches." };

    public Option<string[]> Domains { get; } = new("--domains", "-D") { Description = "With --span-hosts: the domains (and their subdomains) that may be followed (comma list).", Arity = ArgumentArity.ZeroOrMore };

    public Option<bool> SpanHosts { get; } = new("--span-hosts") { Description = "With -r: follow links to other hosts (wget's -H; -H here is --header, as curl's)." };

    public Option<bool> PageRequisites { get; } = new("--page-requisites", "-p") { Description = "With -r: also fetch the images, stylesheets and scripts saved pages need, even one level past --level." };

    public Option<bool> ConvertLinks { get; } = new("--convert-links") { Description = "With -r: when done, point links to saved files at them (relative), the rest at their URLs (wget's -k; -k here is --insecure, as curl's)." };

    public Option<bool> NoRobots { get; } = new("--no-robots") { Description = "With -r: ignore robots.txt (honoured by default, per host)." };

    public Option<TimeSpan?> Wait { get; } = CommonOptions.Duration("--wait", null, "With -r: pause this long between two requests to one host");

    public Option<long> MaxPages { get; } = CommonOptions.Count("--max-pages", long.MaxValue, "With -r: fetch at most this many URLs.", 1, long.MaxValue);

    public Option<long> Quota { get; } = CommonOptions.Parsed<long>("--quota", "With -r: start no download once this much is saved (as wget -Q: 500M, 2G).", TryParseSize, "a size (500M, 2G)", alias: "-Q");

    public Option<bool> NoHostDirectories { get; } = new("--no-host-directories", "-nH") { Description = "With -r: save without the HOST folder." };

    public Option<int> CutDirectories { get; } = CommonOptions.Count("--cut-dirs", 0, "With -r: leave out this many leading folders of each path when saving.", minimum: 0);

    public Option<string?> Proxy { get; } = new("--proxy") { Description = "Go through this proxy: http://, https://, socks5:// or socks5h:// (default: https_proxy, http_proxy, all_proxy)." };

    public IEnumerable<Symbol> All =>
    [
        Urls, Input, Output, Jobs, PerHost, Split, MinSplitSize, ConnectTimeout, Timeout, StallTimeout, Retries, MaxRetryWait, OnExists, Continue, Check, Insecure, Sha256, Headers, Netrc, NetrcFile, Cookies, Newer, LimitRate, LimitRatePerDownload, Quiet, Json, Report,
        Recursive, Level, NoParent, Accept, Reject, AcceptRegex, RejectRegex, Domains, SpanHosts, PageRequisites, ConvertLinks, NoRobots, Wait, MaxPages, Quota, NoHostDirectories, CutDirectories, Proxy,
    ];

    /// <summary>The crawl's options, from the -r family.</summary>
    public CrawlOptions CrawlOptions(ParseResult parse) => new()
    {
        Level = parse.GetResult(Level) is null ? new CrawlOptions().Level : parse.GetValue(Level) is > 0 and var level ? level : null,
        NoParent = parse.GetValue(NoParent),
        Accept = List(parse.GetValue(Accept)),
        Reject = List(parse.GetValue(Reject)),
        AcceptRegex = parse.GetValue(AcceptRegex),
        RejectRegex = parse.GetValue(RejectRegex),
        Domains = List(parse.GetValue(Domains)),
        SpanHosts = parse.GetValue(SpanHosts),
        PageRequisites = parse.GetValue(PageRequisites),
        ConvertLinks = parse.GetValue(ConvertLinks),
        Robots = !parse.GetValue(NoRobots),
        Wait = parse.GetValue(Wait) ?? TimeSpan.Zero,
        MaxPages = parse.GetResult(MaxPages) is null ? null : parse.GetValue(MaxPages),
        Quota = parse.GetResult(Quota) is null ? null : parse.GetValue(Quota),
        NoHostDirectories = parse.GetValue(NoHostDirectories),
        CutDirectories = parse.GetValue(CutDirectories),
        Resume = parse.GetValue(Continue),
    };

    /// <summary>The options that only mean something with -r.</summary>
    public IEnumerable<Option> CrawlOnly => [Level, NoParent, Accept, Reject, AcceptRegex, RejectRegex, Domains, SpanHosts, PageRequisites, ConvertLinks, NoRobots, Wait, MaxPages, Quota, NoHostDirectories, CutDirectories];

    private static string[] List(string[]? values) => [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>A depth, or inf (and 0, as wget reads it) for no limit, which is 0 here.</summary>
    private static bool TryParseLevel(string text, out int level)
    {
        level = 0;
        return text == "inf" || int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out level);
    }

    /// <exception cref="AtelierException">A header is not 'Name: value'.</exception>
    public FetchOptions Options(ParseResult parse, IProgress<FetchProgress>? progress) => new()
    {
        Concurrency = parse.GetValue(Jobs),
        // --split 8 means eight connections: the per-host cap follows it unless it was given too.
        PerHost = parse.GetResult(PerHost) is { Implicit: false } ? parse.GetValue(PerHost) : Math.Max(parse.GetValue(PerHost), parse.GetValue(Split)),
        Split = parse.GetValue(Split),
        MinSplitSize = parse.GetResult(MinSplitSize) is null ? Defaults.MinSplitSize : parse.GetValue(MinSplitSize),
        ConnectTimeout = parse.GetValue(ConnectTimeout) ?? Defaults.ConnectTimeout,
        Timeout = parse.GetValue(Timeout),
        StallTimeout = parse.GetValue(StallTimeout) ?? Defaults.StallTimeout,
        // A probe answers at once: it is retried only when asked to be.
        Retries = parse.GetValue(Check) && parse.GetResult(Retries) is not { Implicit: false } ? 0 : parse.GetValue(Retries),
        MaxRetryWait = parse.GetValue(MaxRetryWait) ?? Defaults.MaxRetryWait,
        OutputDirectory = parse.GetValue(Output)!,
        OnExists = ExistingFileFrom(parse.GetResult(OnExists) is { Implicit: false } ? parse.GetValue(OnExists) : null, parse.GetValue(Continue)),
        Continue = parse.GetValue(Continue),
        CheckOnly = parse.GetValue(Check),
        Insecure = parse.GetValue(Insecure),
        ComputeSha256 = parse.GetValue(Sha256),
        Headers = [.. (parse.GetValue(Headers) ?? []).Select(ParseHeader)],
        Netrc = parse.GetValue(NetrcFile) is { } netrcFile ? Atelier.Fetch.Credentials.Netrc.Load(netrcFile)
            : parse.GetValue(Netrc) && File.Exists(Atelier.Fetch.Credentials.Netrc.DefaultPath) ? Atelier.Fetch.Credentials.Netrc.Load(Atelier.Fetch.Credentials.Netrc.DefaultPath)
            : null,
        Cookies = parse.GetValue(Cookies) is { } cookies ? CookieJar.Load(cookies) : null,
        Newer = parse.GetResult(OnExists) is { Implicit: false } && parse.GetValue(Newer)
            ? throw new AtelierException("--newer replaces a file that changed and leaves one that did not: it does not go with --on-exists.")
            : parse.GetValue(Newer),
        RateLimit = parse.GetResult(LimitRate) is null || parse.GetValue(LimitRate) == 0 ? null : parse.GetValue(LimitRate),
        RateLimitPerDownload = parse.GetResult(LimitRatePerDownload) is null || parse.GetValue(LimitRatePerDownload) == 0 ? null : parse.GetValue(LimitRatePerDownload),
        Proxy = parse.GetValue(Proxy) is { } proxy ? ProxyAddress(proxy) : null,
        Progress = progress,
    };

    /// <summary>Bytes (a second) as curl's and wget's --limit-rate read them: 1000, 500k, 1.5M, 2G, an optional B or /s (<see cref="SizeUnits.Binary"/>); 0 is no limit.</summary>
    /// <summary>A size in bytes as <see cref="TryParseRate"/> reads it; at least 1.</summary>
    internal static bool TryParseSize(string text, out long bytes) => ByteSize.TryParse(text, SizeUnits.Binary, out bytes) && bytes >= 1;

    internal static bool TryParseRate(string text, out long bytesPerSecond) => ByteSize.TryParse(text, SizeUnits.Binary, out bytesPerSecond) && bytesPerSecond >= 0;

    private static Uri ProxyAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "socks4" or "socks4a" or "socks5" or "socks5h"
            ? url
            : throw new AtelierException($"--proxy '{text}' is not a proxy URL (http://HOST:PORT, socks5://HOST:PORT, socks5h://HOST:PORT).");

    private static ExistingFile ExistingFileFrom(string? value, bool resume) => value switch
    {
        "skip" => ExistingFile.Skip,
        "overwrite" => ExistingFile.Overwrite,
        "fail" => ExistingFile.Fail,
        "rename" => ExistingFile.Rename,

        // Re-running a list with --continue should finish the .part files, not fetch the finished ones again.
        _ => resume ? ExistingFile.Skip : ExistingFile.Rename,
    };

    private static KeyValuePair<string, string> ParseHeader(string header)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || header[..colon].Trim().Length == 0 || header[..colon].Any(char.IsWhiteSpace))
        {
            throw new AtelierException($"--header '{header}' is not 'Name: value'.");
        }

        return new(header[..colon], header[(colon + 1)..].Trim());
    }
}
