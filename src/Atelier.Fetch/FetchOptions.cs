namespace Atelier.Fetch;

/// <summary>How a <see cref="Downloader"/> fetches.</summary>
public sealed record FetchOptions
{
    /// <summary>How many downloads run at once.</summary>
    /// <value>8.</value>
    public int Concurrency { get; init; } = 8;

    /// <summary>How many of them may talk to one host (host and port) at once.</summary>
    /// <value>4.</value>
    public int PerHost { get; init; } = 4;

    /// <summary>How long to wait for a connection.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may take in all, headers and body; null for no limit.</summary>
    /// <value>None.</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long an attempt may go without receiving a byte before it is abandoned and retried.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a failed attempt is retried (connection errors, timeouts, stalls, 408, 429, 500, 502, 503, 504).</summary>
    /// <value>3.</value>
    public int Retries { get; init; } = 3;

    /// <summary>The first retry's delay; later ones double, with jitter. A Retry-After header overrides it.</summary>
    /// <value>1 second.</value>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a retry, whatever Retry-After asks for.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where files are saved.</summary>
    /// <value>The current directory.</value>
    public string OutputDirectory { get; init; } = ".";

    /// <summary>What to do when a file of the same name exists.</summary>
    /// <value><see cref="ExistingFile.Rename"/>.</value>
    public ExistingFile OnExists { get; init; } = ExistingFile.Rename;

    /// <summary>Whether a <c>NAME.part</c> left by an earlier run is resumed rather than started again.</summary>
    /// <value>False.</value>
    public bool Continue { get; init; }

    /// <summary>
    /// Whether to only probe, as wget --spider and curl -I do: status, size and time, asked with HEAD (GET when the
    /// server refuses HEAD, its body left unread); nothing saved, nothing transferred but headers.
    /// </summary>
    /// <value>False.</value>
    public bool CheckOnly { get; init; }

    /// <summary>Whether to accept any TLS certificate. Unsafe; for test servers only.</summary>
    /// <value>False: certificates are verified.</value>
    public bool Insecure { get; init; }

    /// <summary>Whether to compute every file's SHA-256 (always done for requests that give one to check).</summary>
    /// <value>False.</value>
    public bool ComputeSha256 { get; init; }

    /// <summary>
    /// Whether to keep each file's validators (ETag, Last-Modified) in the output folder and ask for a file again only
    /// if it changed (If-None-Match, If-Modified-Since): 304 is <see cref="FetchStatus.UpToDate"/>, the file untouched;
    /// a new body replaces the file whole. Files get the server's Last-Modified as their time, as wget -N does.
    /// </summary>
    /// <value>False.</value>
    public bool Newer { get; init; }

    /// <summary>
    /// How many connections one file may be downloaded over at once, each fetching its own range of it (aria2's
    /// segments), when the server answers a range request with 206 and a length. Connections to one host still count
    /// against <see cref="PerHost"/>.
    /// </summary>
    /// <value>1: one connection a file.</value>
    public int Split { get; init; } = 1;

    /// <summary>The smallest range a connection of a split download is given: a range is split only if it is twice this.</summary>
    /// <value>20 MiB, as aria2's default.</value>
    public long MinSplitSize { get; init; } = 20L * 1024 * 1024;

    /// <summary>The most bytes per second all downloads together receive; null for no cap.</summary>
    /// <value>No cap.</value>
    public long? RateLimit { get; init; }

    /// <summary>The most bytes per second each download receives; null for no cap.</summary>
    /// <value>No cap.</value>
    public long? RateLimitPerDownload { get; init; }

    /// <summary>
    /// Logins for hosts whose URLs carry none (curl's and wget's <c>--netrc</c>): sent as Basic authorization to that
    /// host only (never across a redirect), never printed.
    /// </summary>
    /// <value>None.</value>
    public Credentials.Netrc? Netrc { get; init; }

    /// <summary>
    /// A cookie file (Netscape format, as curl's <c>-b</c>/<c>-c</c> and wget's <c>--load-cookies</c>/
    /// <c>--save-cookies</c>): its cookies go with matching requests, cookies the servers set are kept for the rest of
    /// the run, and the file is written back when the batch ends.
    /// </summary>
    /// <value>None: cookies live only as long as the run.</value>
    public Credentials.CookieJar? Cookies { get; init; }

    /// <summary>
    /// The proxy every request goes through: <c>http://</c>, <c>https://</c>, <c>socks4://</c>, <c>socks5://</c> or
    /// <c>socks5h://</c>. With either SOCKS5 scheme the proxy resolves host names (.NET's SOCKS5 always sends the name:
    /// curl's socks5h). Null: the environment's (<c>https_proxy</c>, <c>http_proxy</c>, <c>all_proxy</c>, <c>no_proxy</c>).
    /// </summary>
    /// <value>The environment's.</value>
    public Uri? Proxy { get; init; }

    /// <summary>Headers sent with every request.</summary>
    /// <value>None.</value>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Receives each download's state changes and progress.</summary>
    /// <value>None.</value>
    /// <remarks>Called from many downloads at once; must be thread-safe and quick.</remarks>
    public IProgress<FetchProgress>? Progress { get; init; }

    /// <summary>The clock for timeouts, retry delays and durations.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
