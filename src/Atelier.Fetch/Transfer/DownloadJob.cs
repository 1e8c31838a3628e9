using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Atelier.Fetch.Transfer;

/// <summary>One request's state across its attempts: where it writes, how much is written, how to resume.</summary>
internal sealed class DownloadJob(long index, FetchRequest request, Uri url, AuthenticationHeaderValue? authorization) : IDisposable
{
    private Lock? sourcesGate;
    private int attempts;

    public long Index { get; } = index;

    public FetchRequest Request { get; } = request;

    /// <summary>The URL to request, without user information (that travels as <see cref="Authorization"/>).</summary>
    public Uri Url { get; } = url;

    public AuthenticationHeaderValue? Authorization { get; } = authorization;

    public string RedactedUrl { get; } = UrlRedactor.Redact(request.Url);

    public string? Name { get; set; }

    public string? FinalPath { get; set; }

    public string? PartPath { get; set; }

    /// <summary>Bytes of the body in the <c>.part</c> file.</summary>
    public long Written { get; set; }

    /// <summary>Bytes of the body received and not yet written: progress counts them.</summary>
    public long Buffered { get; set; }

    /// <summary>Bytes received over the network in this run.</summary>
    public long Received { get; set; }

    public long? Total { get; set; }

    /// <summary>What the server said identifies this version of the body, for If-Range on a resumed attempt.</summary>
    public RangeConditionHeaderValue? Validator { get; set; }

    public IncrementalHash? Hash { get; set; }

    /// <summary>Requests made, over every connection.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The URL asked for first, then its mirrors; a split download spreads its connections over them.</summary>
    public IReadOnlyList<Source> Sources { get; init; } = [];

    /// <summary>How many connections served the file at once, at most.</summary>
    public int Connections { get; set; } = 1;

    /// <summary>A split download's ranges; null while the file comes over one connection.</summary>
    public SegmentPlan? Plan { get; set; }

    public int? HttpStatus { get; set; }

    public Uri? FinalUrl { get; set; }

    /// <summary>When progress was last reported, as a timestamp of the run's clock.</summary>
    public long LastReported { get; set; }

    /// <summary>Set when the existing file is left alone.</summary>
    public string? SkippedPath { get; set; }

    /// <summary>True once the last error came from the HTTP status rather than the connection.</summary>
    public bool RefusedByServer { get; set; }

    /// <summary>What an earlier run kept of this URL (--newer), when its file is still there; null otherwise.</summary>
    public Naming.Validators.Entry? Known { get; init; }

    /// <summary>The file the server said has not changed (304 to the conditions <see cref="Known"/> gave).</summary>
    public string? UpToDatePath { get; set; }

    /// <summary>The ETag the server sent with the body, strong or weak; null when none.</summary>
    public string? ETag { get; set; }

    /// <summary>The Last-Modified the server sent with the body; null when none.</summary>
    public DateTimeOffset? LastModified { get; set; }

    /// <summary>This download's own cap on bytes per second; null for none.</summary>
    public Bandwidth? Bandwidth { get; init; }

    /// <summary>The source a single connection uses: the first one not dropped.</summary>
    public Source Source
    {
        get
        {
            if (Sources.Count == 1)
            {
                return Sources[0];
            }

            lock (SourcesGate)
            {
                return Sources.FirstOrDefault(s => s.Dropped is null) ?? Sources[0];
            }
        }
    }

    /// <summary>Made when first needed: most files have one source and never take it.</summary>
    private Lock SourcesGate => LazyInitializer.EnsureInitialized(ref sourcesGate);

    public void CountAttempt() => Interlocked.Increment(ref attempts);

    /// <summary>A source for a split download's connection <paramref name="connection"/>: the sources in use, in turn.</summary>
    public Source SourceFor(int connection)
    {
        lock (SourcesGate)
        {
            var live = Sources.Where(s => s.Dropped is null).ToList();
            return live.Count == 0 ? Sources[0] : live[connection % live.Count];
        }
    }

    /// <summary>Drops a failed source if another is still in use; false when it is the last (its failure is the file's).</summary>
    public bool TryDrop(Source source, string reason)
    {
        lock (SourcesGate)
        {
            if (source.Dropped is not null)
            {
                return Sources.Any(s => s.Dropped is null);
            }

            if (!Sources.Any(s => s != source && s.Dropped is null))
            {
                return false;
            }

            source.Dropped = reason;
            return true;
        }
    }

    public void RestartHash()
    {
        if (Hash is not null)
        {
            Hash.Dispose();
            Hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
    }

    public void Dispose()
    {
        Hash?.Dispose();
        Bandwidth?.Dispose();
    }
}
