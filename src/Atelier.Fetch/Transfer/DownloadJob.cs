using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Atelier.Fetch.Transfer;

/// <summary>One request's state across its attempts: where it writes, how much is written, how to resume.</summary>
internal sealed class DownloadJob(long index, FetchRequest request, Uri url, AuthenticationHeaderValue? authorization) : IDisposable
{
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

    public int Attempts { get; set; }

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
